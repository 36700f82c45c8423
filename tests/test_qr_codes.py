"""QR codes: built for the intranet address, each decodes to its card's or page's link."""

import io

import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import expect

from tests.helpers import INTRANET_URL


def _decode(locator) -> str:
    """Read the QR code a person would scan: a screenshot of it, decoded."""
    image = Image.open(io.BytesIO(locator.screenshot()))
    found = zxingcpp.read_barcodes(image)
    assert len(found) == 1, f"{len(found)} codes found"
    return found[0].text


@pytest.mark.build
@pytest.mark.browser
def test_card_qr_code_decodes_to_the_card_link(changed_site, page):
    page.goto(changed_site.url + "customer-types/")
    card = page.locator('article[data-card="type-rage"]')
    card.locator(".ckb-qr__summary").press("Enter")  # by keyboard: a page still laying out moves no key press
    assert _decode(card.locator(".ckb-qr__code")) == INTRANET_URL + "customer-types/#card-type-rage"
    assert card.locator(".ckb-qr__link").inner_text() == INTRANET_URL + "customer-types/#card-type-rage"


@pytest.mark.build
@pytest.mark.browser
@pytest.mark.parametrize("path", ["", "principles/", "quick/"])
def test_page_qr_code_decodes_to_the_page_link(changed_site, page, path):
    page.goto(changed_site.url + path)
    page_qr = page.locator(".ckb-qr--page")
    page_qr.locator(".ckb-qr__summary").press("Enter")  # a click can land beside it while 话术速查 lays out its list
    assert _decode(page_qr.locator(".ckb-qr__code")) == INTRANET_URL + path


def test_no_qr_code_without_an_address_phones_can_open(soup_of):
    """The test site is built for a loopback address: a code of it would lead nowhere."""
    for path in ("", "customer-types/", "principles/"):
        assert not soup_of(path).select(".ckb-qr")


@pytest.mark.build
@pytest.mark.browser
def test_a_printed_page_carries_its_qr_code_open_and_no_card_codes(changed_site, page):
    page.emulate_media(media="print")
    page.goto(changed_site.url + "customer-types/")
    expect(page.locator(".ckb-qr--page .ckb-qr__code")).to_be_visible()
    expect(page.locator(".ckb-qr--page .ckb-qr__summary")).to_be_hidden()
    assert page.locator(".ckb-qr--card").count() == 5
    expect(page.locator(".ckb-qr--card").filter(visible=True)).to_have_count(0)
