"""The SCORM 1.2 package (`make scorm`): the offline build of the site as one SCO.

deploy/build-scorm builds the site as the offline copy is built (OFFLINE=true:
relative links, no directory URLs, no instant navigation) and without an
address of its own (SITE_URL empty: no canonical links, no QR codes), then
calls `package` here, which
- leaves out 答案 (answers.html, the trainers' answer key) and every link to it: its
  entry in the navigation, the footer's 下一页 to it, <link rel=next>, and links in the
  text (their words stay, unlinked); a link it cannot place stops the packaging;
- adds the launch page (deploy/scorm-launch/scorm.html, at the package root)
  with its scripts and style (assets/javascripts/scorm-suspend.js and scorm-launch.js,
  assets/stylesheets/scorm-launch.css), with the facts the
  script needs written into the page as JSON (`#ckb-scorm`): the mastery score
  (macros/settings.py), the pages, and what the build wrote of the course
  (assets/ckb-course.json: the memory keys and record versions, each quiz's
  questions with their versions, the role-plays and their endings, the events);
- writes imsmanifest.xml (SCORM 1.2, ADL CP 1.1.2): one organization, one item,
  the site as one SCO launched by scorm.html, every file of the package listed;
- zips it all with imsmanifest.xml at the root.

    python -m deploy.scorm SITE_DIR ZIP_PATH [PROJECT_DIR]   (from the project folder)
"""

from __future__ import annotations

import re
import shutil
import sys
import zipfile
from pathlib import Path
from urllib.parse import quote

import jinja2

from macros.integration.course import COURSE_FILE, read_course
from macros.settings import SettingError, Settings
from macros.settings import read as read_settings

HERE = Path(__file__).resolve().parent
LAUNCH_SOURCES = HERE / "scorm-launch"


LAUNCH_PAGE = "scorm.html"
LAUNCH_SCRIPTS = ("assets/javascripts/scorm-suspend.js", "assets/javascripts/scorm-launch.js")  # in this order
LAUNCH_STYLE = "assets/stylesheets/scorm-launch.css"
START_PAGE = "index.html"
MANIFEST = "imsmanifest.xml"
# Meaningless inside an LMS: the web server's headers, its 404 page (with
# root-relative links), the sitemap of a site without an address.
LEFT_OUT = {".nginx-headers.conf", ".ckb-assets.json", "404.html", "sitemap.xml", "sitemap.xml.gz"}
# The trainers' answer key: in an LMS the exam's score is the grade (README, SCORM).
ANSWERS_PAGE = "answers.html"
_ANSWERS_HREF = r'href="answers\.html(?:#[^"]*)?"'
_ANSWERS_LINKS = [  # what Material 9.8 writes, and the pages' own links
    (re.compile(rf'[ \t]*<link rel="(?:next|prev)" {_ANSWERS_HREF}>\n?'), ""),
    (re.compile(rf'<li class="md-nav__item">\s*<a {_ANSWERS_HREF} class="md-nav__link">.*?</a>\s*</li>',
                re.DOTALL), ""),
    (re.compile(rf'<a {_ANSWERS_HREF} class="md-footer__link[^"]*"[^>]*>.*?</a>', re.DOTALL), ""),
    (re.compile(rf'<a {_ANSWERS_HREF}[^>]*>(.*?)</a>', re.DOTALL), r"\1"),
]

NS_CP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
NS_ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"


def leave_out_answers(site: Path) -> None:
    """The package without 答案 and without any link to it (the module's docstring)."""
    (site / ANSWERS_PAGE).unlink(missing_ok=True)
    left = []
    for page in sorted(site.rglob("*.html")):
        text = original = page.read_text(encoding="utf-8")
        for pattern, replacement in _ANSWERS_LINKS:
            text = pattern.sub(replacement, text)
        if ANSWERS_PAGE in text:
            left.append(page.relative_to(site).as_posix())
        if text != original:
            page.write_text(text, encoding="utf-8")
    if left:
        raise SystemExit(f"deploy/scorm.py: a link to {ANSWERS_PAGE} that the package cannot leave out, in: "
                         + ", ".join(left))


def mastery_score(settings: Settings) -> int:
    """The exam's pass mark (extra.exam_pass_percent), the package's adlcp:masteryscore."""
    try:
        return settings.exam_pass_percent
    except SettingError as error:
        raise SystemExit(str(error)) from None


def launch_config(site: Path, settings: Settings) -> dict:
    """What scorm-launch.js needs to know of the course: the build's facts (assets/ckb-course.json)."""
    course = read_course(site)
    return {
        "start": START_PAGE,
        "pages": sorted(page.name for page in site.glob("*.html") if page.name != LAUNCH_PAGE),
        "masteryScore": mastery_score(settings),
        "memory": course["memory"],
        "records": course["records"],
        "events": course["events"],
        "exam": course["exam"],
        "quizzes": course["quizzes"],
        "scenarios": course["scenarios"],
        "endings": course["endings"]["all"],
    }


def templates() -> jinja2.Environment:
    """The launch page and the manifest (deploy/scorm-launch/), rendered with autoescape."""
    return jinja2.Environment(loader=jinja2.FileSystemLoader(LAUNCH_SOURCES), autoescape=True,
                              keep_trailing_newline=True, undefined=jinja2.StrictUndefined)


def add_launch_page(site: Path, settings: Settings) -> None:
    page = templates().get_template(LAUNCH_PAGE).render(title=settings.site_name, config=launch_config(site, settings))
    (site / LAUNCH_PAGE).write_text(page, encoding="utf-8")
    for asset in (*LAUNCH_SCRIPTS, LAUNCH_STYLE):
        (site / asset).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(LAUNCH_SOURCES / Path(asset).name, site / asset)


def package_files(site: Path) -> list[str]:
    """Every file of the package but the manifest, as paths relative to its root, sorted."""
    return sorted(path.relative_to(site).as_posix() for path in site.rglob("*")
                  if path.is_file() and path.name != MANIFEST)


def manifest(title: str, score: int, files: list[str]) -> str:
    return templates().get_template(MANIFEST).render(
        ns_cp=NS_CP, ns_adlcp=NS_ADLCP, title=title, score=score, launch_page=LAUNCH_PAGE,
        hrefs=[quote(name) for name in files])


def package(site: Path, zip_path: Path, project_dir: Path) -> Path:
    settings = read_settings(project_dir)
    for name in LEFT_OUT:
        (site / name).unlink(missing_ok=True)
    leave_out_answers(site)
    add_launch_page(site, settings)
    (site / COURSE_FILE).unlink()  # read into the launch page; the package has no other reader
    files = package_files(site)
    (site / MANIFEST).write_text(manifest(settings.site_name, mastery_score(settings), files), encoding="utf-8")
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in [MANIFEST, *files]:  # the manifest first, at the root
            archive.write(site / name, name)
    return zip_path


if __name__ == "__main__":
    if len(sys.argv) not in (3, 4):
        raise SystemExit(__doc__.rsplit("\n\n", 1)[-1])
    project = Path(sys.argv[3]) if len(sys.argv) == 4 else HERE.parent
    print(package(Path(sys.argv[1]), Path(sys.argv[2]), project))
