"""The post-build steps run again on a built site, as a command (`python -m macros.integration site`)."""

import filecmp
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import ROOT

pytestmark = pytest.mark.build


def run_steps(site: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "macros.integration", str(site)], cwd=ROOT,
                          capture_output=True, text=True)


def differing(left: Path, right: Path) -> list[str]:
    compared = filecmp.dircmp(left, right)
    found = [*compared.diff_files, *compared.left_only, *compared.right_only]
    for name in compared.subdirs:
        found += [f"{name}/{path}" for path in differing(left / name, right / name)]
    return found


def test_the_steps_leave_a_built_site_as_the_build_wrote_it(site_dir, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(site_dir, copy)
    result = run_steps(copy)
    assert result.returncode == 0, result.stderr
    assert differing(site_dir, copy) == []


def test_the_steps_rewrite_what_a_hand_edit_left_stale(site_dir, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(site_dir, copy)
    (copy / ".nginx-headers.conf").unlink()
    index = copy / "search" / "search_index.json"
    index.write_text(index.read_text(encoding="utf-8").replace('"docs":[', '"docs":[{"location":"a/#q-x",'
                                                               '"title":"答案","text":"泄露"},', 1), encoding="utf-8")
    assert "泄露" in index.read_text(encoding="utf-8")
    result = run_steps(copy)
    assert result.returncode == 0, result.stderr
    assert differing(site_dir, copy) == []


def test_the_command_says_how_to_use_it(tmp_path):
    result = run_steps(tmp_path / "nowhere")
    assert result.returncode == 2
    assert result.stderr.strip() == "usage: python -m macros.integration SITE_DIR"
