"""MkDocs hook for the macro-overhead benchmark: keep each page's Markdown as
the macros plugin expanded it, with its front matter, under $CKB_DUMP_DIR."""

import os
from pathlib import Path

import yaml


def on_page_markdown(markdown, page, **kwargs):
    target = Path(os.environ["CKB_DUMP_DIR"]) / page.file.src_path
    target.parent.mkdir(parents=True, exist_ok=True)
    front = f"---\n{yaml.safe_dump(dict(page.meta), allow_unicode=True)}---\n\n" if page.meta else ""
    target.write_text(front + markdown, encoding="utf-8")
    return markdown
