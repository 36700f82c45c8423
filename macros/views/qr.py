"""QR codes of the site's links, drawn at build time as inline SVG, for slides and handouts.

A code is only worth printing when it leads somewhere from a phone, so there
are none while site_url is a loopback address (the default of `make serve`);
`SITE_URL=http://kb.intranet.example/ make build` gives every card and page one.
"""

import ipaddress
from urllib.parse import urljoin, urlsplit

import segno


def reachable_base(site_url: str | None) -> str | None:
    """site_url when another device could open it, else None."""
    host = urlsplit(site_url or "").hostname
    if not host or host == "localhost":
        return None
    try:
        return None if ipaddress.ip_address(host).is_loopback else site_url
    except ValueError:  # a host name, not an address
        return site_url


def qr_svg(url: str) -> str:
    """The QR code of `url` as an <svg> element, black on white, 3 px a module."""
    code = segno.make(url, error="m", micro=False)
    return code.svg_inline(scale=3, border=4, svgclass="ckb-qr__code", lineclass=None, dark="#000", light="#fff")


class QrCodes:
    """QR codes of site-root relative links, or None when there is no reachable address."""

    def __init__(self, site_url: str | None):
        self._base = reachable_base(site_url)

    def link(self, target: str) -> str | None:
        return urljoin(self._base, target) if self._base else None

    def code(self, target: str) -> dict[str, str] | None:
        """The full link and its QR code as SVG, for templates/qr.html."""
        link = self.link(target)
        return {"link": link, "svg": qr_svg(link)} if link else None
