"""How probable a stretch of Persian is: the scoring function behind every repair decision.

The score of a sequence of words is the sum of

* each word's log10 probability from the shared lexicon (wordfreq ``fa`` plus kaghaz's additions);
  a word the lexicon does not know gets a fixed penalty plus the log probability of its letters
  under :class:`~kaghaz.lexicon.LetterModel`, so unknown names still beat reversed garbage;
* for each pair of neighbouring words, a pointwise association in log10 units: how much more often
  the pair follows each other than chance, from the shipped word-pair table and from the document
  being repaired (its undamaged lines and the insides of its pieces are in correct order).

Scores are only ever compared between readings of the same line, so they need no normalisation.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from itertools import pairwise
from typing import Any, Final

from kaghaz.chars import ZWNJ
from kaghaz.lexicon import (
    UNKNOWN,
    BigramTable,
    LetterModel,
    Lexicon,
    _lexicon_words,
    default_bigrams,
    default_letter_model,
    default_lexicon,
    lookup_key,
)
from kaghaz.repair.text import NUMBER_RE, WORD_RE, line_cache

#: log10 probability mass for "some word the lexicon does not know", before its letters are scored.
OOV_BASE: Final = -1.5
#: Strength of the prior in the smoothed pair probability (Dirichlet smoothing).
PAIR_PRIOR: Final = 20.0
#: Bounds on the association one pair of words can add or take away.
PAIR_MAX: Final = 2.5
PAIR_MIN: Final = -0.6
#: How much more a pair seen in the document itself counts than one seen in the shipped corpus.
LOCAL_WEIGHT: Final = 1.0
_CACHE_LIMIT: Final = 200_000


#: Stand-ins for a number and a Latin word in the pair table.
NUMBER_TOKEN: Final = "#"
LATIN_TOKEN: Final = "@"
_TOKEN_PROBABILITY: Final = {NUMBER_TOKEN: 0.01, LATIN_TOKEN: 0.005}
_PAIR_TOKEN: Final = re.compile(
    f"(?P<word>{WORD_RE.pattern})|(?P<number>{NUMBER_RE.pattern})|(?P<latin>[A-Za-z][A-Za-z0-9'-]*)"
)


def pair_tokens(text: str) -> list[str]:
    """The tokens of ``text`` that the pair table counts: folded words, ``#`` for a number,
    ``@`` for a Latin word (a new list each time).

    >>> pair_tokens("در سال ۱۹۲۳ مجله Time")
    ['در', 'سال', '#', 'مجله', '@']
    """
    return list(_pair_tokens(text))


@line_cache
def _pair_tokens(text: str) -> tuple[str, ...]:
    """:func:`pair_tokens` as a tuple, remembered."""
    out = []
    for word, number, _ in _PAIR_TOKEN.findall(text):
        if word:
            key = lookup_key(word)
            if key:
                out.append(key)
        else:
            out.append(NUMBER_TOKEN if number else LATIN_TOKEN)
    return tuple(out)


class LocalPairs:
    """Word pairs counted in the document being repaired (folded keys)."""

    __slots__ = ("firsts", "pairs", "words")

    def __init__(self) -> None:
        self.pairs: dict[tuple[str, str], int] = {}
        self.firsts: dict[str, int] = {}
        self.words: dict[str, int] = {}

    def add(self, words: Sequence[str]) -> None:
        """Count the words and neighbouring pairs of one undamaged stretch of text."""
        keys = [lookup_key(w) for w in words]
        for key in keys:
            self.words[key] = self.words.get(key, 0) + 1
        for left, right in pairwise(keys):
            self.pairs[(left, right)] = self.pairs.get((left, right), 0) + 1
            self.firsts[left] = self.firsts.get(left, 0) + 1


@lru_cache(maxsize=4)
def zwnj_halves(lexicon: Lexicon) -> tuple[frozenset[str], frozenset[str]]:
    """The parts before and after a ZWNJ in the lexicon's words (``می`` and ``شود`` from ``می|شود``)."""
    lefts: set[str] = set()
    rights: set[str] = set()
    for key, _ in _lexicon_words(lexicon):
        if ZWNJ in key:
            parts = key.split(ZWNJ)
            lefts.update(p for p in parts[:-1] if p)
            rights.update(p for p in parts[1:] if p)
    return frozenset(lefts), frozenset(rights)


@lru_cache(maxsize=4)
def zwnj_firsts(lexicon: Lexicon) -> frozenset[str]:
    """The parts before the first ZWNJ in the lexicon's words (``می`` from ``می|شود``): a spelling
    with a ZWNJ whose first part is not among them is no word of the lexicon."""
    return frozenset(key.split(ZWNJ, 1)[0] for key, _ in _lexicon_words(lexicon) if ZWNJ in key)


@lru_cache(maxsize=4)
def _word_caches(lexicon: Lexicon, letters: LetterModel) -> tuple[dict[str, float], dict[str, str], dict[str, float]]:
    """The caches of word scores, lookup keys and frequencies of the language models over
    ``lexicon`` and ``letters`` (none of them depends on word pairs)."""
    return {}, {}, {}


class LanguageModel:
    """Scores Persian word sequences; see the module docstring for the formula."""

    __slots__ = ("_caches", "_freqs", "_keys", "_lefts", "_memos", "_pair_cache", "_rights", "_word_cache", "bigrams",
                 "letters", "lexicon", "local")

    def __init__(self, lexicon: Lexicon | None = None, bigrams: BigramTable | None = None,
                 letters: LetterModel | None = None, local: LocalPairs | None = None) -> None:
        self.lexicon = lexicon or default_lexicon()
        self.bigrams = bigrams or default_bigrams()
        self.letters = letters or default_letter_model()
        self.local = local or LocalPairs()
        # what depends only on the lexicon and the letter model is shared by every model over them
        # (a model with a document's own pairs starts with the words already scored)
        self._word_cache, self._keys, self._freqs = _word_caches(self.lexicon, self.letters)
        self._pair_cache: dict[tuple[str, str], float] = {}
        self._memos: dict[str, dict[str, str]] = {}
        self._caches: dict[str, dict[Any, Any]] = {}
        self._lefts, self._rights = zwnj_halves(self.lexicon)

    def memo(self, kind: str) -> dict[str, str]:
        """A cache of word-to-word results kept with the model (``split_zwnj`` uses one)."""
        table = self._memos.setdefault(kind, {})
        if len(table) > _CACHE_LIMIT:
            table.clear()
        return table

    def cache(self, kind: str) -> dict[Any, Any]:
        """A cache of per-word results of any type kept with the model (``flip_words`` uses one),
        emptied when it grows past the limit like the model's own caches."""
        table = self._caches.setdefault(kind, {})
        if len(table) > _CACHE_LIMIT:
            table.clear()
        return table

    def word_table(self) -> dict[str, float]:
        """The cache of word scores, for hot loops to read directly (a word missing from it is asked
        of :meth:`word`, which puts it there); it is emptied, never replaced.

        >>> lm = LanguageModel()
        >>> lm.word_table()["است"] == lm.word("است")
        True
        """
        return self._word_cache

    def pair_table(self) -> dict[tuple[str, str], float]:
        """The cache of pair scores, for hot loops to read directly (a pair missing from it is asked
        of :meth:`pair`, which puts it there); it is emptied, never replaced.

        >>> lm = LanguageModel()
        >>> ("به", "عنوان") in lm.pair_table(), lm.pair_table().get(("به", "عنوان")) == lm.pair("به", "عنوان")
        (False, False)
        >>> lm.pair_table()[("به", "عنوان")] == lm.pair("به", "عنوان")
        True
        """
        return self._pair_cache

    def key(self, word: str) -> str:
        """:func:`~kaghaz.lexicon.lookup_key` of ``word``, cached."""
        key = self._keys.get(word)
        if key is None:
            if len(self._keys) > _CACHE_LIMIT:
                self._keys.clear()
            key = self._keys[word] = lookup_key(word)
        return key

    def zwnj_left(self, word: str) -> bool:
        """True if ``word`` is written before a ZWNJ in some word of the lexicon (``می``, ``فیس``)."""
        key = self._keys.get(word)  # the cached key, without a method call (a hot path)
        return (self.key(word) if key is None else key) in self._lefts

    def zwnj_right(self, word: str) -> bool:
        """True if ``word`` is written after a ZWNJ in some word of the lexicon (``شود``, ``های``)."""
        key = self._keys.get(word)
        return (self.key(word) if key is None else key) in self._rights

    def known(self, word: str) -> bool:
        """True if the lexicon has ``word`` (with or without its ZWNJs)."""
        freq = self._freqs.get(word)  # the cached frequency, without a method call (a hot path)
        if (self.frequency(word) if freq is None else freq) > 0:
            return True
        return ZWNJ in word and self.frequency(word.replace(ZWNJ, "")) > 0

    def frequency(self, word: str) -> float:
        """The lexicon's probability of ``word`` (0.0 if unknown), cached."""
        freq = self._freqs.get(word)
        if freq is None:
            if len(self._freqs) > _CACHE_LIMIT:
                self._freqs.clear()
            # by the cached key: most words asked for are asked for their key too
            key = self._keys.get(word)
            freq = self._freqs[word] = self.lexicon.key_frequency(self.key(word) if key is None else key)
        return freq

    def word(self, word: str) -> float:
        """log10 probability of one word.

        >>> lm = LanguageModel()
        >>> lm.word("است") > lm.word("تسا")
        True
        """
        cached = self._word_cache.get(word)
        if cached is not None:
            return cached
        freq = self.frequency(word)
        if freq > 0:
            score = math.log10(freq)
        elif ZWNJ in word:
            parts = [p for p in word.split(ZWNJ) if p]
            score = sum(self.word(p) for p in parts) if parts else math.log10(UNKNOWN)
        else:
            score = OOV_BASE + self.letters.key_log_prob(self.key(word))
        if len(self._word_cache) > _CACHE_LIMIT:
            self._word_cache.clear()
        self._word_cache[word] = score
        return score

    def pair(self, left: str, right: str) -> float:
        """Association of ``left`` followed by ``right`` in log10 units (0 when nothing is known).

        >>> lm = LanguageModel()
        >>> lm.pair("به", "عنوان") > 0.5 > lm.pair("عنوان", "به")
        True
        """
        cached = self._pair_cache.get((left, right))
        if cached is not None:
            return cached
        first = self._keys.get(left)  # the cached key, without a method call (a hot path)
        if first is None:
            first = self.key(left)
        after = self.bigrams.firsts.get(first, 0)
        local_after = self.local.firsts.get(first, 0)
        if not after and not local_after:
            # a word never seen before another: nothing is known of the pair (the most common
            # miss, so the key of ``right`` is only looked up past this)
            return self.keep_pair(left, right, 0.0)
        key = (first, self.key(right))
        p_right = _TOKEN_PROBABILITY.get(key[1]) or max(self.frequency(right), 1e-7)
        score = 0.0
        if after:
            seen = self.bigrams.pairs.get(key, 0)
            score += math.log10((seen + PAIR_PRIOR * p_right) / ((after + PAIR_PRIOR) * p_right))
        if local_after:
            seen = self.local.pairs.get(key, 0)
            if seen:
                ratio = (seen + PAIR_PRIOR * p_right) / ((local_after + PAIR_PRIOR) * p_right)
                score += LOCAL_WEIGHT * math.log10(ratio)
        return self.keep_pair(left, right, min(PAIR_MAX, max(PAIR_MIN, score)))

    def keep_pair(self, left: str, right: str, score: float) -> float:
        """Put ``score``, the association of ``left`` and ``right``, in the cache of pair scores
        (emptied past its limit), and return it."""
        if len(self._pair_cache) > _CACHE_LIMIT:
            self._pair_cache.clear()
        self._pair_cache[(left, right)] = score
        return score

    def score(self, words: Iterable[str]) -> float:
        """Score of a word sequence: word probabilities plus neighbouring-pair associations."""
        total = 0.0
        previous: str | None = None
        # the caches read here directly, the methods called only for what they lack (a hot path)
        word_cache, pair_cache = self._word_cache, self._pair_cache
        for word in words:
            cached = word_cache.get(word)
            total += self.word(word) if cached is None else cached
            if previous is not None:
                cached = pair_cache.get((previous, word))
                total += self.pair(previous, word) if cached is None else cached
            previous = word
        return total

    def forget_cache(self) -> None:
        """Drop cached pair scores (after the document's own pair counts changed)."""
        self._pair_cache.clear()


@lru_cache(maxsize=1)
def default_language_model() -> LanguageModel:
    """The language model over the shared lexicon and the shipped pair table, built once per process.

    Its caches fill as it is used; it holds no document's own pairs, so it can be shared.
    """
    return LanguageModel()
