"""Run the post-build steps on a built site: `python -m macros.integration SITE_DIR`."""

import sys
from pathlib import Path

from ..domain.errors import SourceError, TrainingError
from ..domain.exam import exam_questions
from ..domain.source import load_source
from ..settings import read as read_settings
from .course import course_facts
from .post_build import PostBuild
from .search_terms import teach_search_terms


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not Path(argv[0]).is_dir():
        print("usage: python -m macros.integration SITE_DIR", file=sys.stderr)
        return 2
    site_dir = Path(argv[0])
    project_dir = Path(__file__).resolve().parents[2]
    try:
        source = load_source(project_dir)
        teach_search_terms(source)  # the words the build's index was cut with
        settings = read_settings(project_dir)
        exam = exam_questions(source.questions, settings.exam_questions)
        course = course_facts(source, exam, settings.exam_pass_percent)
        PostBuild(source, unplaced=[], course=course).run(site_dir)
    except (SourceError, TrainingError) as error:
        print(error, file=sys.stderr)
        return 1
    print(f"{site_dir}: search and security headers up to date (the exam key is the exam page's own)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
