"""Teach jieba, which segments Chinese for Material's search index, the domain's words."""

import logging

from ..domain.errors import TrainingError
from ..domain.query import dictionary_terms
from ..domain.schema import TrainingSource

try:
    import jieba
except ImportError:  # Material's search would then index Chinese as one long word
    jieba = None


def teach_search_terms(source: TrainingSource) -> None:
    """Keep domain terms and card keywords whole, so that a search for 退保 finds 退保.

    Done here rather than with the search plugin's `jieba_dict_user`, which is
    resolved from the current folder and so breaks builds started elsewhere.
    """
    if jieba is None:
        raise TrainingError(
            "jieba is not installed: Chinese search would find nothing. Run `make build`, "
            "which installs the pinned packages."
        )
    jieba.setLogLevel(logging.WARNING)
    for term in dictionary_terms(source):
        jieba.add_word(term)
