"""The site's settings in mkdocs.yml, read once, each checked with a one-line error.

In a build, MkDocs has read mkdocs.yml: `Settings(config)` takes MkDocs' config as it
is. Everything else (`make check`, the deploy scripts, the SCORM packer, make report's
tests) reads it with `read(project_dir)`: MkDocs' own YAML loader (`!ENV` as MkDocs
reads it), without loading a plugin. A shell script asks for one value:

    .venv/bin/python -m macros.settings site_name      # 柜面投诉应对

The settings of the site's own (mkdocs.yml `extra`):
- `exam_pass_percent`: the exam's pass mark, for 通过 / 未通过, SCORM's mastery score, xAPI;
- `exam_questions`: how many questions the exam draws, a sample per chapter (unset: all);
- `navigation_prune_pages`: from this many pages on, the navigation holds only the
  open section's pages (Material's navigation.prune; unset: never);
- `review_interval_days`: a card not reviewed for this long shows 待复核;
- `emergency`: the company's emergency instruction, shown where the course is silent;
- `xapi`: who the learner is for learning records (off, `login` or `self`) and where
  statements go on the site's own server;
- `lms`: the build is the SCORM package for an LMS.
"""

import sys
from dataclasses import dataclass
from pathlib import Path

from mkdocs.utils import yaml_load

from .contracts import XAPI_REFUSED_MESSAGES
from .domain.errors import TrainingError

CONFIG_FILE = "mkdocs.yml"
EXAM_PASS_SETTING = "exam_pass_percent"
DEFAULT_REVIEW_DAYS = 180
XAPI_IDENTITIES = ("login", "self")  # the web server names the learner / the learner types a 工号
XAPI_DEFAULT_PATH = "/xapi/"


class SettingError(TrainingError):
    """A setting of mkdocs.yml that the site cannot use as it is: one line, no traceback."""


@dataclass(frozen=True)
class EmergencyInstruction:
    """What staff do in an emergency: the company's instruction, not the course's.

    The course does not cover a threat of self-harm, a weapon, a fight, a robbery,
    someone collapsing or a fire. When a query names one (the words of
    training.yml's `vocabulary.emergency`), 话术速查 and site search show this
    first, above any card.
    """

    title: str
    text: str
    source: str  # who gives the instruction, shown with it (公司应急预案, not 课程)

    def as_data(self) -> dict:
        return {"title": self.title, "text": self.text, "source": self.source}


class Settings:
    """mkdocs.yml's values the site uses, each checked when asked for."""

    def __init__(self, config):
        self._config = config

    @property
    def site_name(self) -> str:
        return str(self._config.get("site_name") or "")

    @property
    def site_url(self) -> str | None:
        return self._config.get("site_url") or None

    @property
    def extra(self) -> dict:
        return self._config.get("extra") or {}

    @property
    def exam_pass_percent(self) -> int:
        """The exam's pass mark, a whole number 0-100 (read by MkDocs or as plain text)."""
        where = f"{CONFIG_FILE}: extra.{EXAM_PASS_SETTING}"
        try:
            number = int(str(self.extra[EXAM_PASS_SETTING]))
        except (AttributeError, KeyError, TypeError, ValueError):
            raise SettingError(f"{where} must be a whole percentage 0-100 (the exam's pass mark)") from None
        if not 0 <= number <= 100:
            raise SettingError(f"{where} is {number}, not 0-100")
        return number

    def _whole_number(self, key: str, unit: str, default: int | None = None) -> int | None:
        """extra.<key>: a whole number of `unit`, at least 1; unset: `default` (None: unset is allowed)."""
        value = self.extra.get(key, default)
        if value is None and default is None:
            return None
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise SettingError(f"{CONFIG_FILE}: extra.{key} must be a whole number of {unit}, not {value!r}")
        return value

    @property
    def exam_questions(self) -> int | None:
        """How many questions the exam holds (macros/domain/exam.py); None: every question."""
        return self._whole_number("exam_questions", "questions")

    @property
    def navigation_prune_pages(self) -> int | None:
        """From how many pages on the navigation is pruned (integration/navigation.py); None: never."""
        return self._whole_number("navigation_prune_pages", "pages")

    @property
    def review_interval_days(self) -> int:
        return self._whole_number("review_interval_days", "days", DEFAULT_REVIEW_DAYS)

    @property
    def emergency(self) -> EmergencyInstruction:
        where = f"{CONFIG_FILE}: extra.emergency"
        settings = self.extra.get("emergency")
        if not isinstance(settings, dict):
            raise SettingError(f"{where} must give the company's emergency instruction (title, text, source)")
        values = {}
        for key in ("title", "text", "source"):
            value = settings.get(key)
            if not isinstance(value, str) or not value.strip():
                raise SettingError(f"{where}.{key} must be a text (the company's emergency instruction)")
            values[key] = value.strip()
        return EmergencyInstruction(**values)

    @property
    def lms(self) -> bool:
        """The build is the SCORM package for an LMS (extra.lms, from CKB_LMS)."""
        return str(self.extra.get("lms") or "").lower() not in ("", "false", "0", "no", "none", "null")

    @property
    def xapi(self) -> dict | None:
        """{endpoint, identity, activityBase, passPercent, course, refused} for xapi.js, or None: xAPI is off.

        Statements go to a path on the site's own origin (`extra.xapi.path`, default /xapi/),
        so the Content-Security-Policy's connect-src stays 'self'. A credential given to the
        build (CKB_XAPI_AUTH) stops it: it would be readable in every page. Activity ids and
        the learner's account live under the site's address, so xAPI needs site_url.
        """
        settings = self.extra.get("xapi") or {}
        if settings.get("credential"):
            raise SettingError("CKB_XAPI_AUTH is set, but the LRS credential never goes into the site (anyone "
                               "could read it there): unset it and give it to the web server (README, 学习记录)")
        identity = settings.get("identity")
        if not identity:
            return None
        if identity not in XAPI_IDENTITIES:
            raise SettingError(f"CKB_XAPI (extra.xapi.identity) is {identity!r}: 'login' where the web server "
                               "authenticates users, 'self' where learners give their 工号, unset for no xAPI")
        path = str(settings.get("path") or XAPI_DEFAULT_PATH)
        if not path.startswith("/") or path.startswith("//") or any(char in path for char in "?#\\ "):
            raise SettingError(f"CKB_XAPI_PATH (extra.xapi.path) must be a path on the site's own server, "
                               f"such as {XAPI_DEFAULT_PATH}, not {path!r}")
        if not self.site_url:
            raise SettingError("xAPI needs site_url (SITE_URL): activity ids and learners' accounts are under it")
        return {
            "endpoint": path.rstrip("/") + "/",
            "identity": identity,
            "activityBase": str(self.site_url).rstrip("/") + "/",
            "passPercent": self.exam_pass_percent,
            "course": self.site_name,
            "refused": XAPI_REFUSED_MESSAGES,
        }

    def check(self) -> None:
        """Every setting, as each build checks them, not only those a page asks for."""
        for name in ("exam_pass_percent", "exam_questions", "navigation_prune_pages", "review_interval_days",
                     "emergency", "xapi"):
            getattr(self, name)


def read(project_dir: Path) -> Settings:
    """The project's mkdocs.yml, as MkDocs reads its YAML, without MkDocs' plugins."""
    path = Path(project_dir) / CONFIG_FILE
    try:
        with path.open("rb") as handle:
            return Settings(yaml_load(handle) or {})
    except OSError as error:
        raise SettingError(f"{CONFIG_FILE}: cannot read it ({error.strerror})") from None


def main(argv: list[str]) -> int:
    """Print one setting (a property of Settings), for the shell scripts of deploy/."""
    project = Path(__file__).resolve().parents[1]
    if len(argv) != 1 or argv[0].startswith("_") or not isinstance(getattr(Settings, argv[0], None), property):
        print("usage: python -m macros.settings SETTING   (e.g. site_name, exam_pass_percent)", file=sys.stderr)
        return 2
    try:
        print(getattr(read(project), argv[0]))
    except SettingError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
