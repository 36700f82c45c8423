"""`make check`: validate training.yml alone, without building the site."""

import sys
from pathlib import Path

from .errors import SourceError
from .source import SOURCE_FILE, load_source


def main(project_dir: Path = Path(__file__).resolve().parent.parent) -> int:
    try:
        source = load_source(project_dir)
    except SourceError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"{SOURCE_FILE}: {len(source.cards)} cards, {len(source.questions)} questions, "
          f"{len(source.scenarios)} scenarios, OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
