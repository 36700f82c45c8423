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


COMMON_WORD = 50  # jieba's count of a word at least, for it to be a word voice input writes when it is said
LONGEST_HEARD = 5  # characters of the longest word ckb-query.js hears by its sound


def common_soundalikes(words: set[str], sounds: dict[str, str], alike: dict[str, str] | None = None,
                       readings: dict[str, str] | None = None) -> list[str]:
    """Common words that sound like one of `words` (the course's and the emergencies') and
    share a character with it: 回复 for 恢复, 拿到 for 拿刀, 大人 for 打人. Voice input writes
    a common word when it is said, so a query holding one said it; ckb-query.js does not hear
    it as the course's word. How common comes from jieba's dictionary (its counts in a corpus);
    `alike`: syllables an accent says as another, heard as it (search_index.alike_syllables);
    `readings`: how the words read as words (search_index.word_readings: 着火 is zhao huo)."""
    if jieba is None:
        return []
    jieba.dt.check_initialized()
    alike, readings = alike or {}, readings or {}
    syllable_of = {char: syllable for syllable, chars in sounds.items() for char in chars}

    def sound(word: str) -> str | None:
        syllables = readings[word].split() if word in readings else [syllable_of.get(char) for char in word]
        return None if None in syllables else " ".join(alike.get(syllable, syllable) for syllable in syllables)

    by_sound: dict[str, list[str]] = {}
    for word in words:
        if 2 <= len(word) <= LONGEST_HEARD and (heard := sound(word)):
            by_sound.setdefault(heard, []).append(word)
    found = set()
    for word, count in jieba.dt.FREQ.items():
        if count < COMMON_WORD or not 2 <= len(word) <= LONGEST_HEARD or word in words:
            continue
        heard = sound(word)
        if heard in by_sound and any(set(word) & set(other) for other in by_sound[heard]):
            found.add(word)
    return sorted(found)
