"""`make serve`: a change to training.yml reaches the served page without a restart."""

import os
import subprocess
import sys
import urllib.request

import pytest

from tests.helpers import copy_project, free_port, wait_until

pytestmark = pytest.mark.build


def _page(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _wait_for(url: str, text: str) -> bool:
    """Until the served page holds the text (the limit only bounds a broken run)."""
    return wait_until(lambda: text in _page(url), limit_s=90, every_s=0.5)


@pytest.mark.slow
def test_serve_rebuilds_when_the_source_changes(tmp_path):
    project = copy_project(tmp_path / "project")
    port = free_port()
    url = f"http://127.0.0.1:{port}/customer-types/"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-f", str(project / "mkdocs.yml"), "-a", f"127.0.0.1:{port}"],
        cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert _wait_for(url, "类型一：当场暴怒，扬言拉横幅")
        source = project / "training.yml"
        source.write_text(source.read_text(encoding="utf-8").replace(
            "title: 类型一：当场暴怒，扬言拉横幅", "title: 类型一：当场暴怒，扬言拉条幅", 1), encoding="utf-8")
        assert _wait_for(url, "类型一：当场暴怒，扬言拉条幅")
    finally:
        server.terminate()
        server.wait(timeout=30)
