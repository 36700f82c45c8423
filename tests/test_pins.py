"""The pins stay in step: pyproject.toml's exact pins are constraints.txt's, and constraints.txt is what is installed.

MAINTAINING.md says how to move a pin and regenerate constraints.txt.
"""

import re
import tomllib
from importlib import metadata

from tests.helpers import ROOT

# Installed by the Makefile or by venv itself, or the project: not pinned in constraints.txt.
_NOT_PINNED = {"pip", "setuptools", "wheel", "counter-complaint-kb"}


def _name(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _pins(lines: list[str]) -> dict[str, str]:
    pins = {}
    for line in lines:
        requirement = line.split("#", 1)[0].strip()
        if requirement:
            name, _, version = requirement.partition("==")
            assert version, f"not an exact pin: {line!r}"
            pins[_name(name.split("[")[0])] = version.strip()
    return pins


def _constraints() -> dict[str, str]:
    return _pins((ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines())


def _direct() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return _pins([*project["dependencies"], *(line for extra in project["optional-dependencies"].values()
                                              for line in extra)])


def test_every_direct_dependency_is_pinned_alike_in_constraints_txt():
    constraints = _constraints()
    assert {name: version for name, version in _direct().items() if constraints.get(name) != version} == {}


def test_constraints_txt_is_exactly_what_the_environment_holds():
    """A package pulled in without a pin, or a pin nothing needs any more, fails here."""
    installed = {_name(dist.metadata["Name"]): dist.version for dist in metadata.distributions()}
    installed = {name: version for name, version in installed.items() if name not in _NOT_PINNED}
    assert installed == _constraints()


def test_constraints_txt_is_sorted_under_its_header():
    lines = (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines()
    header = [line for line in lines if line.startswith("#")]
    assert lines[:len(header)] == header
    assert lines[len(header):] == sorted(lines[len(header):], key=str.lower)
