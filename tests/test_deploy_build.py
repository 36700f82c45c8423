"""`make build` (deploy/build-site): never a half-written site, never two builds mixed."""

import os
import subprocess
import sys

import pytest

from macros.domain.source import SOURCE_FILE
from tests.helpers import copy_project

pytestmark = pytest.mark.build


def build_site_script(project, site, **popen):
    env = {**os.environ, "PYTHON": sys.executable, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.Popen([project / "deploy/build-site", site], env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, **popen)


def test_two_builds_at_once_into_one_folder_one_stops_with_a_message(tmp_path):
    project = copy_project(tmp_path / "project")
    site = tmp_path / "site"
    first, second = build_site_script(project, site), build_site_script(project, site)
    results = [(process.wait(timeout=300), process.communicate()[1]) for process in (first, second)]
    assert sorted(code for code, _ in results) == [0, 1]
    refused = next(message for code, message in results if code)
    assert f"Another build into {site} is running" in refused
    assert (site / "index.html").is_file() and not (tmp_path / "site.new").exists()


@pytest.mark.slow
def test_failed_build_leaves_the_previous_site_untouched(tmp_path):
    project = copy_project(tmp_path / "project")
    site = tmp_path / "site"
    assert build_site_script(project, site).wait(timeout=300) == 0
    before = (site / "principles/index.html").read_bytes()

    (project / SOURCE_FILE).write_text("cards: [", encoding="utf-8")
    failed = build_site_script(project, site)
    assert failed.wait(timeout=300) == 1
    assert f"The build failed; {site} was left as it was." in failed.communicate()[1]
    assert (site / "principles/index.html").read_bytes() == before
    assert not (tmp_path / "site.new").exists()
