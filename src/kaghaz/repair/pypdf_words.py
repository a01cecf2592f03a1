"""Undo pypdf's order of the words of a line drawn word by word (Typst), from the text alone.

Typst draws every word of a line as a text run of its own, with the space before it, and draws the
level runs of a line in logical order: numbers and Latin words stay in place, and between them the
words of each right-to-left stretch are drawn in visual order (left to right). pypdf writes the
runs in the order they are drawn, so every stretch comes out with its words last first:
``در بازارهای اروپایی`` comes out as ``اروپایی بازارهای در``.

Typst also cuts words into glyph clusters that are runs of their own, without a space before them
(a final ``ه`` written ``هٔ``, a first letter after which the shaping changes, a bracket), and pypdf
glues each such cluster to the word drawn before it: ``به`` is drawn ``ب`` then ``هٔ`` and comes out
``هٔ`` glued to the end of the previous word and `` ب`` after it (``درهٔ ب``). Some clusters start
with a ZWNJ that was never in the text (the ZWNJ and ``ع`` of ``عرضه``).

So a stretch is a sequence of runs, each a space and a text or only a text, and its logical order
is the runs in reverse. Where the runs were cut is visible at spaces only; the cuts inside the
space-free stretches are found by a dynamic program that scores every word the runs make with the
language model (written by hand because no library does it). A stray ZWNJ (at the start of a word
or after a letter that does not join) is dropped, and a cluster ``هٔ`` glued to a word is read as
the ``ه`` it draws.

A font whose hamza above is a glyph of its own (Noto Naskh Arabic) draws a final ``هٔ`` in three
runs: the hamza (read ``هٔ``), a lone ``ه``, then the rest of the word; they are written as one run
before the search (:func:`join_heh_hamza`). A straight double quote is a run of its own whose space
pypdf puts on its other side: the quotes of a line are read in pairs (:func:`pair_quotes`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations, pairwise
from typing import Final, NamedTuple

from kaghaz.chars import ZWNJ, joins_forward
from kaghaz.lexicon import ZWNJ_PREFIXES, ZWNJ_SUFFIXES
from kaghaz.repair.langmodel import LanguageModel, zwnj_halves
from kaghaz.repair.words import ZWNJ_RATIO, split_zwnj

_DIGITS: Final = "0-9\u06f0-\u06f9\u0660-\u0669"
#: Level runs of their own, which stay in place: numbers and Latin words.
LEVEL: Final = re.compile(
    f"[{_DIGITS}]+(?:[\u066b\u066c.,:/][{_DIGITS}]+)*"
    "|[A-Za-z\u00c0-\u024f0-9]+(?:[ .'\\-]+[A-Za-z\u00c0-\u024f0-9]+)*")
#: A final heh with hamza that Typst drew in three runs, as :func:`join_heh_hamza` writes it for
#: the search (a private-use character: never in an extractor's text).
HEH_HAMZA_RUN: Final = "\ue000"
_WORD_CHARS: Final = "\u0621-\u063a\u0640-\u065f\u066e-\u06d3\u06d5\u06fa-\u06ff\u0670\u200c\ue000"
_SHAPE: Final = re.compile(f"^([^{_WORD_CHARS}]*)([{_WORD_CHARS}]*)([^{_WORD_CHARS}]*)$")
_LTR_PUNCTUATION: Final = frozenset("\u00ab\u00bb[]")
_OPENING: Final = frozenset("([{\u00ab\"'")
_CLOSING: Final = frozenset(")]}\u00bb\"'.,:;!?\u060c\u061b\u061f")
_CLOSING_ONLY: Final = frozenset(".,:;!?\u060c\u061b\u061f\u00bb)]}")
_MARK: Final = re.compile("[\u064b-\u065f\u0670]")
#: Runs of their own in Typst's text layer, and marks that end a run.
_SEPARATE: Final = frozenset("()[]{}\u00ab\u00bb\"")
_CLOSERS: Final = frozenset(".,:;!?\u060c\u061b\u061f")
_CORE: Final = re.compile(f"[{_WORD_CHARS}]+")
_HEH_HAMZA: Final = "\N{ARABIC LETTER HEH}\N{ARABIC HAMZA ABOVE}"
_HEH: Final = "\N{ARABIC LETTER HEH}"
_YEH: Final = "\N{ARABIC LETTER FARSI YEH}"
_ALEF: Final = "\N{ARABIC LETTER ALEF}"
_DOUBLE_HEH_HAMZA: Final = _HEH_HAMZA * 2
_FATHATAN: Final = "\N{ARABIC FATHATAN}"
_LAM_ALEF_TANWIN: Final = "\N{ARABIC LETTER LAM}\N{ARABIC LETTER ALEF}" + _FATHATAN
#: A fathatan inside a word (only the last letter of a word carries one).
_INNER_FATHATAN: Final = re.compile(f"{_FATHATAN}(?=[\u0621-\u063a\u0641-\u064a\u067e-\u06d3])")
_STRAY_ZWNJ: Final = re.compile(f"(?:(?<=[^{_WORD_CHARS}])|^){ZWNJ}+|{ZWNJ}+(?=[^{_WORD_CHARS}]|$)")

#: Scores in log10 units.
#: A text that puts punctuation inside a word, or a closing mark before it.
MISPLACED_PUNCTUATION: Final = 6.0
#: A closing mark written as a word of its own (after a space).
LONE_CLOSING: Final = 3.0
#: A word the lexicon does not know, on top of its letters' score.
UNKNOWN_WORD: Final = 2.0
#: Two known words read as one with a lost ZWNJ between them (and not known so).
LOST_ZWNJ: Final = 0.5
#: A word the lexicon does not know read as a known stem and a suffix, below the stem's score.
SUFFIXED_WORD: Final = 3.0
#: Suffixes written without a ZWNJ that the search looks for, by last letter: the pronoun endings and
#: the ``ی`` of a word (not the verb endings or the plural ``ان``: any known stem takes them, and
#: they turn a cluster glued to the wrong word into a word too often).
_GLUED_SUFFIXES: Final = {
    last: tuple(s for s in ("ی", "م", "ت", "ش", "یش", "شان", "مان", "تان") if s.endswith(last)) for last in "یمتشن"}
#: Longest second part of a compound looked for.
MAX_SUFFIX: Final = 6
#: Score per letter of an unfinished word that is not a word yet, for ranking partial readings.
GUESS_PER_LETTER: Final = 1.5
#: Each cut inside a space-free stretch, beside a letter / beside anything else.
LETTER_CUT: Final = 1.0
OTHER_CUT: Final = 0.3
ZWNJ_CUT: Final = 0.2
#: A space that ends the run before it instead of starting the run after it.
TRAIL_COST: Final = 1.5
#: A run that is only the space before a stretch.
EMPTY_RUN: Final = 2.0
#: A stretch that is a word at least this common (Zipf) is taken as one run; a short one must be
#: commoner: the lexicon has rare short words that Typst's clusters often make (``واه`` from the
#: ``ها`` of a word and the ``و`` after it, drawn ``و`` ``ا`` ``ه``).
COMMON_ZIPF: Final = 3.0
SHORT_COMMON_ZIPF: Final = 3.6
SHORT_COMMON: Final = 4
#: At most this many cuts beside the forced ones are looked for in one space-free stretch.
MAX_CUTS: Final = 2
#: The last stretch of a line gets one cut more when it is no longer than this.
SHORT_LAST: Final = 14
#: Weight of the pair score of neighbouring words.
PAIR_WEIGHT: Final = 0.5
#: Partial words kept between stretches.
BEAM: Final = 8
#: How many more are kept on a quick guess before the exact ranking.
PRESELECT: Final = 8
#: ... and only those this close to the best.
WINDOW: Final = 9.0
_CACHE_LIMIT: Final = 200_000
#: Longest space-free stretch searched (longer ones are taken as one run).
MAX_STRETCH: Final = 24


def clean_word(word: str) -> str:
    """A word as Typst's clusters spell it, cleaned: no ZWNJ at its edges or after a letter that
    does not join, and no doubled ``هٔ``.

    >>> clean_word("\N{ZERO WIDTH NON-JOINER}عرضه") == "عرضه"
    True
    >>> clean_word("د\N{ZERO WIDTH NON-JOINER}لیل") == "دلیل"
    True
    >>> clean_word("دلا\N{ARABIC FATHATAN}ر") == "دلار"
    True
    """
    if ZWNJ in word:
        word = _STRAY_ZWNJ.sub("", word)
        if ZWNJ in word:
            word = _drop_idle_zwnj(word)
    if HEH_HAMZA_RUN in word:
        word = word.replace(HEH_HAMZA_RUN, _HEH_HAMZA)
    while _DOUBLE_HEH_HAMZA in word:
        word = word.replace(_DOUBLE_HEH_HAMZA, _HEH_HAMZA)
    if _FATHATAN in word:
        # the lam-alef of ``معمولاً`` drawn twice, and its glyph read with the fathatan elsewhere
        while _LAM_ALEF_TANWIN * 2 in word:
            word = word.replace(_LAM_ALEF_TANWIN * 2, _LAM_ALEF_TANWIN)
        word = _INNER_FATHATAN.sub("", word)
    return word


def _drop_idle_zwnj(word: str) -> str:
    """``word`` without the ZWNJs that follow a letter that does not join forward (marks skipped);
    only the ZWNJs are visited, not every character.

    >>> _drop_idle_zwnj("د\N{ZERO WIDTH NON-JOINER}لیل") == "دلیل"
    True
    >>> _drop_idle_zwnj("می\N{ZERO WIDTH NON-JOINER}شود") == "می\N{ZERO WIDTH NON-JOINER}شود"
    True
    """
    kept: list[str] = []
    start = 0
    index = word.find(ZWNJ)
    while index >= 0:
        if not _joins_before(word, index):
            kept.append(word[start:index])
            start = index + 1
        index = word.find(ZWNJ, index + 1)
    if not kept:
        return word
    kept.append(word[start:])
    return "".join(kept)


def _joins_before(word: str, index: int) -> bool:
    """True if the letter before ``word[index]`` (marks skipped) joins forward."""
    index -= 1
    while index >= 0 and _MARK.match(word[index]):
        index -= 1
    return index >= 0 and joins_forward(word[index])


def _is_mark(char: str) -> bool:
    """True for a mark that :data:`_MARK` matches (one comparison, no regular expression).

    >>> _is_mark("\N{ARABIC FATHA}"), _is_mark("\N{ARABIC LETTER ALEF}")
    (True, False)
    """
    return "\u064b" <= char <= "\u065f" or char == "\u0670"


def _compound_score(word: str, lm: LanguageModel) -> float:
    """The best score of ``word`` read as two known words joined by a lost ZWNJ (``هفتهنامه``)."""
    best = float("-inf")
    if ZWNJ in word or len(word) < 4:
        return best
    # a word that is its own lookup key has every part its own key too (the key is made letter by
    # letter): the parts are then looked for as they are, without a key each
    rights = zwnj_halves(lm.lexicon)[1] if lm.key(word) == word else None
    for index in range(max(2, len(word) - MAX_SUFFIX), len(word) - 1):
        if not joins_forward(word[index - 1]) or _is_mark(word[index]):
            continue
        right = word[index:]
        if not (lm.zwnj_right(right) if rights is None else right in rights):
            continue
        left = word[:index]
        joined = left + ZWNJ + right
        if lm.frequency(joined) > 0:
            best = max(best, lm.word(joined) - LOST_ZWNJ)
        elif lm.known(left) and (right in ZWNJ_SUFFIXES or left in ZWNJ_PREFIXES) and lm.known(right):
            best = max(best, lm.word(left) + lm.word(right) - 2 * LOST_ZWNJ)
    return best


def _suffixed_score(word: str, lm: LanguageModel) -> float:
    """The score of ``word`` that the lexicon does not know, read as a known stem and a suffix
    written without a ZWNJ (``نیافتم``, ``شعرهایش``): the stem's score less :data:`SUFFIXED_WORD`.
    Without it a suffix cluster glued to the wrong word (``رام نیافت``) makes two known words and
    wins over the right reading.

    >>> lm = LanguageModel()
    >>> _suffixed_score("شعرهایش", lm) == lm.word("شعرهای") - SUFFIXED_WORD
    True
    >>> _suffixed_score("کتاب", lm)
    -inf
    """
    best = float("-inf")
    for suffix in _GLUED_SUFFIXES.get(word[-1:], ()):
        if len(word) - len(suffix) >= 2 and word.endswith(suffix):
            stem = word[:-len(suffix)]
            if lm.known(stem):
                best = max(best, lm.word(stem) - SUFFIXED_WORD)
    return best


def _zwnj_word_score(word: str, lm: LanguageModel) -> float:
    """The score of ``word`` that the lexicon does not know, written with a ZWNJ between a known
    word and a known suffix (or a known prefix and a known word): its parts' scores.

    >>> lm = LanguageModel()
    >>> _zwnj_word_score("عزاداری\N{ZERO WIDTH NON-JOINER}ها", lm) > -9.0
    True
    """
    if ZWNJ not in word:
        return float("-inf")
    left, _, right = word.rpartition(ZWNJ)
    if not (right in ZWNJ_SUFFIXES or left in ZWNJ_PREFIXES) or not (lm.known(left) and lm.known(right)):
        return float("-inf")
    return lm.word(left) + lm.word(right)


def word_score(text: str, lm: LanguageModel) -> float:
    """The score of one space-free text as a word with its punctuation (``(تغییر``, ``شد.``)."""
    if "-" in text or "/" in text:
        parts = [p for p in re.split("[-/]", text) if p]
        if len(parts) > 1:
            return sum(word_score(p, lm) for p in parts)
    cleaned = clean_word(text)
    shape = _SHAPE.match(cleaned)
    if shape is None:
        # punctuation between letters: not one word
        inner = re.findall(f"[{_WORD_CHARS}]+", cleaned)
        return sum(lm.word(w) for w in inner) - MISPLACED_PUNCTUATION * len(inner)
    before, core, after = shape.groups()
    score = lm.word(core) if core else 0.0
    if core and not lm.known(core):
        score = max(score - UNKNOWN_WORD, _compound_score(core, lm), _zwnj_word_score(core, lm),
                    _suffixed_score(core, lm))
    # (nothing is taken off without punctuation around the core: most words have none)
    if core and before:
        score -= MISPLACED_PUNCTUATION * sum(1 for c in before if c in _CLOSING and c not in _OPENING)
    if core and after:
        score -= MISPLACED_PUNCTUATION * sum(1 for c in after if c in _OPENING and c not in _CLOSING)
    return score


def _lone_closing(text: str) -> bool:
    """True if ``text`` is only closing marks (``:``, ``،``), no letters: as a word of its own it
    stands after a space, where a closing mark does not.

    >>> _lone_closing(":"), _lone_closing("\u00bb."), _lone_closing('"')
    (True, True, False)
    """
    return all(c in _CLOSING_ONLY for c in text)


class Run(NamedTuple):
    """One run as pypdf wrote it: the spaces before it (``lead``), its text, the spaces after.

    (A named tuple, not a dataclass: the search builds and hashes hundreds of thousands of them.)
    """

    lead: str
    text: str
    trail: str


#: The runs a partial reading took, last stretch first: (the runs of one stretch, the runs
#: before); kept linked because copying every reading's runs at every stretch takes long.
_History = tuple[tuple[Run, ...], "_History | None"]
#: A partial reading: its score and its runs.
_State = tuple[float, _History | None]
#: A state of the search (see :func:`reverse_segment`).
_Key = tuple[str, bool, str]
#: What a run does to the logical text it is put in front of (see :func:`_apply`): its text,
#: whether the spaces after it finish the word before, whether the spaces before it finish its own.
_Step = tuple[str, bool, bool]


class WordScorer:
    """Word scores of one document, cached."""

    __slots__ = ("cache", "cores", "finished", "lm")

    def __init__(self, lm: LanguageModel) -> None:
        self.lm = lm
        self.cache: dict[str, float] = {}
        self.cores: dict[str, str] = {}
        self.finished: dict[tuple[str, str], tuple[float, str]] = {}

    def finish(self, text: str, after: str) -> tuple[float, str]:
        """The score of ``text`` finished as a word before the word ``after``, with the pair they
        make, and the word that is now first."""
        if not text:
            return 0.0, after
        found = self.finished.get((text, after))
        if found is not None:
            return found
        core = self.core(text)
        total = self(text)
        if core and after:
            total += PAIR_WEIGHT * self.lm.pair(core, after)
        elif not core and _lone_closing(text):
            total -= LONE_CLOSING
        if len(self.finished) > _CACHE_LIMIT:
            self.finished.clear()
        found = self.finished[(text, after)] = (total, core or after)
        return found

    def unfinished(self, text: str, after: str) -> float:
        """:meth:`finish` of a word that may still grow: a closing mark standing alone is not
        taken off yet (the letters drawn before it may come in front of it)."""
        total = self.finish(text, after)[0]
        # (the last character first: most unfinished words end in a letter)
        return total + LONE_CLOSING if text and text[-1] in _CLOSING_ONLY and _lone_closing(text) else total

    def core(self, text: str) -> str:
        """The letters of ``text`` that make its word, cleaned (empty for punctuation alone)."""
        found = self.cores.get(text)
        if found is None:
            if len(self.cores) > _CACHE_LIMIT:
                self.cores.clear()
            letters = _CORE.findall(clean_word(text))
            found = self.cores[text] = letters[-1] if letters else ""
        return found

    def estimate(self, text: str) -> float:
        """A quick guess of :meth:`__call__`: exact for a known word, from the length otherwise."""
        if not text:
            return 0.0
        found = self.cache.get(text)
        if found is not None:
            return found
        if self.lm.frequency(text) > 0:
            return self(text)
        return -UNKNOWN_WORD - GUESS_PER_LETTER * len(text)

    def __call__(self, text: str) -> float:
        if not text:
            return 0.0
        found = self.cache.get(text)
        if found is None:
            if len(self.cache) > _CACHE_LIMIT:
                self.cache.clear()
            found = self.cache[text] = word_score(text, self.lm)
        return found


def _cut(text: str, at: int) -> float | None:
    """The cost of a cut before ``text[at]``: 0.0 where Typst always starts a run (around brackets
    and guillemets, after a closing mark, before :data:`HEH_HAMZA_RUN`), ``None`` where no run can
    start (before a mark, after a ZWNJ)."""
    left, right = text[at - 1], text[at]
    if (left in _SEPARATE or right in _SEPARATE or (left in _CLOSERS and right not in _CLOSERS)
            or right == HEH_HAMZA_RUN):
        return 0.0
    if left == ZWNJ or _MARK.match(right):
        return None
    if right == _HEH and text[at + 1:at + 2] == "\N{ARABIC HAMZA ABOVE}" and left.isalpha():
        # a heh with hamza above is mostly a run of its own, glued to the word drawn before
        return ZWNJ_CUT
    if right == ZWNJ or (right == _HEH and left == _YEH and text[at - 2:at - 1] == _ALEF):
        # (the heh of a ``های`` whose ZWNJ was lost: a run of its own after ``ای``)
        return ZWNJ_CUT
    if right == _HEH and left == _ALEF and at + 1 == len(text):
        # (the heh of a ``ها`` whose ZWNJ was lost, a run of its own after the ``ا`` at the end
        # of a stretch, with the word after it drawn before it: ``واه`` for ``ها`` and ``و``)
        return ZWNJ_CUT
    return LETTER_CUT if left.isalpha() and right.isalpha() else OTHER_CUT


@lru_cache(maxsize=4096)
def chunkings(text: str, most: int = 2) -> tuple[tuple[tuple[str, ...], float], ...]:
    """Every way Typst can have cut a space-free ``text`` into runs, with the cost of the cuts:
    the forced cuts always, any cuts before a ZWNJ, and at most ``most`` others (``most < 0``:
    the forced cuts only).

    >>> chunkings("آن(")
    ((('آن', '('), 0.0), (('آ', 'ن', '('), 1.0))
    """
    if not text:
        return (((), 0.0),)
    if len(text) > MAX_STRETCH:
        return (((text,), 0.0),)
    costs = [_cut(text, at) for at in range(1, len(text))]
    forced = [at for at, cost in enumerate(costs, 1) if cost == 0.0]
    before_zwnj = [at for at, cost in enumerate(costs, 1) if cost == ZWNJ_CUT]
    optional = [at for at, cost in enumerate(costs, 1) if cost and cost != ZWNJ_CUT]
    if most < 0:
        before_zwnj, optional = [], []
    out: list[tuple[tuple[str, ...], float]] = []
    for zwnj_count in range(len(before_zwnj) + 1):
        for zwnj_cuts in combinations(before_zwnj, zwnj_count):
            for count in range(max(0, min(most, len(optional))) + 1):
                for chosen in combinations(optional, count):
                    cuts = sorted((*forced, *zwnj_cuts, *chosen))
                    bounds = [0, *cuts, len(text)]
                    pieces = tuple(text[a:b] for a, b in pairwise(bounds))
                    out.append((pieces, sum((costs[at - 1] or 0.0 for at in (*zwnj_cuts, *chosen)), 0.0)))
    return tuple(out)


def _common_word(text: str, lm: LanguageModel) -> bool:
    """True if ``text`` is one common word with its brackets and punctuation, not ending in a
    cluster ``هٔ``: Typst drew such a stretch as one run (besides its brackets)."""
    core = text.strip("".join(_SEPARATE) + "".join(_CLOSERS))
    if not core or not _CORE.fullmatch(core) or core.endswith((_HEH_HAMZA, HEH_HAMZA_RUN)):
        return False
    return lm.lexicon.zipf(clean_word(core)) >= (SHORT_COMMON_ZIPF if len(core) <= SHORT_COMMON else COMMON_ZIPF)


def _stretches(segment: str) -> tuple[list[tuple[str, str]], str]:
    """The space-free stretches of ``segment`` with the spaces before each, and the spaces after
    the last."""
    out = []
    position = 0
    for match in re.finditer(r"\S+", segment):
        out.append((segment[position:match.start()], match.group()))
        position = match.end()
    return out, segment[position:]


def _ltr(text: str) -> bool:
    """True for a run that pypdf reads left to right (a guillemet, a square bracket): the spaces
    that it wrote after it stood before it.

    >>> _ltr("\u00ab"), _ltr("")
    (True, False)
    """
    return text[:1] in _LTR_PUNCTUATION


def _apply(partial: str, after: str, runs: tuple[Run, ...], score: WordScorer) -> tuple[str, str, float]:
    """Prepend ``runs`` (in drawing order) to the logical text whose first, unfinished word is
    ``partial`` and whose first finished word is ``after``; return the new unfinished word, the
    new first finished word and the score of the words finished (with the pairs they make).

    >>> _apply("", "", (Run(" ", "است", ""), Run(" ", "ک", "")), WordScorer(LanguageModel()))[:2]
    ('', 'ک')
    """
    return _apply_steps(partial, after, _steps(runs), score)


def _steps(runs: tuple[Run, ...]) -> tuple[_Step, ...]:
    """What each of ``runs`` does (see :data:`_Step`), worked out once for every reading the
    runs are put in front of; a left-to-right run's spaces stood before it.

    >>> _steps((Run(" ", "است", ""), Run("", "\u00bb", " ")))
    (('است', False, True), ('»', False, True))
    """
    out = []
    for lead, text, trail in runs:
        if text[:1] in _LTR_PUNCTUATION:  # _ltr(text), inline (a hot path)
            lead, trail = lead or trail, ""
        out.append((text, bool(trail), bool(lead)))
    return tuple(out)


def _apply_steps(partial: str, after: str, steps: tuple[_Step, ...], score: WordScorer) -> tuple[str, str, float]:
    """:func:`_apply` with the runs' :func:`_steps`."""
    total = 0.0
    finish = score.finish
    for text, trail, lead in steps:
        if trail:
            gained, after = finish(partial, after)
            total += gained
            partial = text
        else:
            partial = text + partial
        if lead:
            gained, after = finish(partial, after)
            total += gained
            partial = ""
    return partial, after, total


@dataclass(frozen=True, slots=True)
class _Spacing:
    """How the spaces after a stretch are shared: the trail of its last run, whether the next
    stretch starts with a space, whether the spaces are a run of their own, and the cost."""

    trail: str
    next_lead: bool
    alone: bool
    cost: float


def _spacings(spaces: str, last: bool) -> list[_Spacing]:
    if not spaces:
        return [_Spacing("", False, False, 0.0)]
    if last:
        return [_Spacing("", False, True, 0.0), _Spacing(spaces, False, False, 0.0)]
    options = [_Spacing("", True, False, 0.0), _Spacing(spaces, False, False, TRAIL_COST)]
    if len(spaces) >= 2:
        options.insert(0, _Spacing(spaces[:-1], True, False, 0.0))
    return options


def _layouts(lead: str, pieces: tuple[str, ...], spacing: _Spacing,
             after: str) -> list[tuple[tuple[Run, ...], float]]:
    """The runs a stretch can stand for: its pieces with the space before the first (or that space
    as a run of its own) and the spaces after the last."""
    if not pieces:
        return [((Run(lead, "", spacing.trail),), 0.0)]
    last = len(pieces) - 1
    runs = [Run(lead if i == 0 else "", piece, spacing.trail if i == last else "") for i, piece in enumerate(pieces)]
    extra: tuple[Run, ...] = (Run(after, "", ""),) if spacing.alone else ()
    out = [((*runs, *extra), 0.0)]
    if lead:
        bare = Run("", runs[0].text, runs[0].trail)
        out.append(((Run(lead, "", ""), bare, *runs[1:], *extra), EMPTY_RUN))
    return out


def reverse_segment(segment: str, lm: LanguageModel, scorer: WordScorer | None = None) -> str:
    """The runs of one right-to-left stretch of a line (no numbers, no Latin) in logical order.

    >>> lm = LanguageModel()
    >>> reverse_segment(" اروپایی بازارهای درهٔ ک است", lm)
    ' است که در بازارهای اروپایی'
    """
    score = scorer or WordScorer(lm)
    stretches, tail = _stretches(segment)
    if not stretches:
        return segment
    # states: (unfinished word, whether the next stretch starts with a space of its own, the
    # first finished word after the unfinished one)
    states: dict[_Key, _State] = {("", bool(stretches[0][0]), ""): (0.0, None)}
    for index, (spaces, text) in enumerate(stretches):
        last = index + 1 == len(stretches)
        after = tail if last else stretches[index + 1][0]
        leading = [(key, st) for key, st in states.items() if key[1]]
        glued = [(key, st) for key, st in states.items() if not key[1]]
        first_best: dict[Run, tuple[float, _State, str]] = {}
        new: dict[_Key, _State] = {}
        # the last stretch also holds the first word of the stretch, drawn without a space
        most = -1 if _common_word(text, score.lm) else MAX_CUTS + (last and len(text) <= SHORT_LAST)
        partials = tuple({key[0] for key in states})
        spacings = _spacings(after, last)
        for pieces, cut_cost in _shortlist(chunkings(text, most), partials, score, last and bool(after)):
            for spacing in spacings:
                cost = cut_cost + spacing.cost
                if leading:
                    for runs, extra in _layouts(spaces, pieces, spacing, after):
                        head = runs[0]
                        best = first_best.get(head)
                        if best is None:
                            best = _best_head(leading, head, score)
                            first_best[head] = best
                        left, word, gained = _apply_steps("", best[2], _steps(runs[1:]), score)
                        _offer(new, (left, spacing.next_lead, word), best[0] + gained - cost - extra, best[1], runs)
                if glued:
                    runs = _layouts("", pieces, spacing, after)[0][0]
                    steps = _steps(runs)
                    for (partial, _, word), state in glued:
                        left, word, gained = _apply_steps(partial, word, steps, score)
                        _offer(new, (left, spacing.next_lead, word), state[0] + gained - cost, state, runs)
        # an unfinished word is ranked as if it were finished here
        if len(new) > PRESELECT * BEAM:
            # a quick guess first, the exact score for the few that are left
            guessed = sorted(new.items(), key=lambda item: -(item[1][0] + score.estimate(item[0][0])))
            new = dict(guessed[:PRESELECT * BEAM])
        ranked = sorted(((st[0] + score.unfinished(key[0], key[2]), key, st) for key, st in new.items()),
                        key=lambda item: -item[0])[:BEAM]
        states = {key: st for estimate, key, st in ranked if estimate > ranked[0][0] - WINDOW}
    _, final = max(((st[0] + score.finish(key[0], key[2])[0], st) for key, st in states.items()),
                   key=lambda item: item[0])
    return _assemble(_flatten(final[1]), score.lm)


def _flatten(history: _History | None) -> tuple[Run, ...]:
    """The runs of a reading in drawing order.

    >>> _flatten(((Run("", "b", ""),), ((Run("", "a", ""),), None))) == (Run("", "a", ""), Run("", "b", ""))
    True
    """
    parts: list[tuple[Run, ...]] = []
    while history is not None:
        parts.append(history[0])
        history = history[1]
    return tuple(run for runs in reversed(parts) for run in runs)


#: Chunkings of one stretch kept for the exact search, ranked on their own.
SHORTLIST: Final = 4
SHORTLIST_MARGIN: Final = 6.0
SHORTLIST_MOST: Final = 24


def _shortlist(options: tuple[tuple[tuple[str, ...], float], ...], partials: tuple[str, ...],
               score: WordScorer, trailing: bool = False) -> tuple[tuple[tuple[str, ...], float], ...]:
    """The chunkings of a stretch worth the exact search: ranked on their own, by the word the
    first piece makes and the guess for the word the others start (or, with spaces after the
    stretch, ``trailing``, that the last piece ends with them: a word of its own), less the cost
    of the cuts."""
    if len(options) <= SHORTLIST:
        return options
    heads: dict[str, float] = {}  # many chunkings share their first piece
    estimate = score.estimate

    def alone(option: tuple[tuple[str, ...], float]) -> float:
        pieces, cost = option
        head = heads.get(pieces[0])
        if head is None:
            head = heads[pieces[0]] = max(score(pieces[0] + partial) for partial in partials)
        rest = estimate(clean_word("".join(reversed(pieces[1:]))))
        if trailing and len(pieces) > 2:
            rest = max(rest, estimate(clean_word(pieces[-1]))
                       + estimate(clean_word("".join(reversed(pieces[1:-1])))))
        return head + rest - cost
    ranked = sorted(((alone(option), option) for option in options), key=lambda item: -item[0])
    floor = ranked[0][0] - SHORTLIST_MARGIN
    return tuple(option for rank, (value, option) in enumerate(ranked)
                 if rank < SHORTLIST or (value >= floor and rank < SHORTLIST_MOST))


def _best_head(states: list[tuple[_Key, _State]], head: Run, score: WordScorer) -> tuple[float, _State, str]:
    """The best of ``states`` to put ``head`` (a run with a space before it) in front of: its
    score with the word ``head`` finishes, and the first finished word then."""
    best: tuple[float, _State, str] | None = None
    steps = _steps((head,))
    for (partial, _, word), state in states:
        _, first, gained = _apply_steps(partial, word, steps, score)
        if best is None or state[0] + gained > best[0]:
            best = (state[0] + gained, state, first)
    assert best is not None
    return best


def _offer(states: dict[_Key, _State], key: _Key, total: float, base: _State, runs: tuple[Run, ...]) -> None:
    """Keep the reading that ends in ``key`` if it is the best one so far."""
    known = states.get(key)
    if known is None or total > known[0]:
        states[key] = (total, (runs, base[1]))


def _assemble(runs: tuple[Run, ...], lm: LanguageModel) -> str:
    """The runs in logical order, with Typst's cluster spellings cleaned; a word made of several
    runs gets back the ZWNJ lost where they meet (``کتاب`` ``ها``), a word drawn as one run keeps
    its author's spelling."""
    out: list[str] = []
    seams: list[int] = []
    length = 0
    for run in reversed(runs):
        text = run.text
        if text == _HEH_HAMZA and not run.lead:
            # a glued final heh: the letter itself, or a copy of the heh before it
            previous = out[-1] if out else ""
            text = "" if previous.endswith(_HEH_HAMZA) else "\N{ARABIC LETTER HEH}"
        piece = run.lead + run.trail + text if _ltr(text) else run.lead + text + run.trail
        if piece and out and out[-1] and not out[-1][-1].isspace() and not piece[0].isspace():
            seams.append(length)
        out.append(piece)
        length += len(piece)
    logical = "".join(out)

    def mend(match: re.Match[str]) -> str:
        word = clean_word(match.group())
        inner = [seam - match.start() for seam in seams if match.start() < seam < match.end()]
        if not inner:
            return word
        return _zwnj_at_seam(match.group(), inner, lm) or split_zwnj(word, lm)

    return re.sub(f"[{_WORD_CHARS}]+", mend, logical)


def _zwnj_at_seam(text: str, seams: list[int], lm: LanguageModel) -> str | None:
    """The word that ``text`` (runs glued at ``seams``) makes with a lost ZWNJ put back where two
    of its runs meet, if the lexicon knows it and the joined spelling is not far more common: a
    ZWNJ always ends a glyph cluster, so it stood at a seam (``دسته`` + ``ای`` takes it after
    ``دسته``, not after ``دست`` as the commoner spelling would); ``None`` if no seam gives one.

    >>> _zwnj_at_seam("دستهای", [4], LanguageModel()) == "دسته\N{ZERO WIDTH NON-JOINER}ای"
    True
    >>> _zwnj_at_seam("بیشتر", [3], LanguageModel()) is None
    True
    """
    word = clean_word(text)
    if ZWNJ in word:
        return None
    best, best_freq = None, 0.0
    for at in seams:
        if text[at] == ZWNJ or text[at - 1] == ZWNJ or not text[at].isalpha() or not _joins_before(text, at):
            continue
        candidate = clean_word(text[:at] + ZWNJ + text[at:])
        freq = lm.frequency(candidate)
        if freq > best_freq:
            best, best_freq = candidate, freq
    return best if best is not None and best_freq >= ZWNJ_RATIO * lm.frequency(word) else None


def reverse_line_words(line: str, lm: LanguageModel, scorer: WordScorer | None = None) -> str:
    """The line with the runs of every right-to-left stretch in logical order; numbers and Latin
    words stay where they are (their digits are turned round elsewhere).

    >>> lm = LanguageModel()
    >>> reverse_line_words(" اروپایی بازارهای درهٔ ک است۶۰۴ پژو", lm)
    ' است که در بازارهای اروپایی ۶۰۴ پژو'
    >>> reverse_line_words(" ، رفت خانه به و", lm)
    ' و به خانه رفت، '
    >>> reverse_line_words(" آنچه واه یارانه", lm) == " یارانه\N{ZERO WIDTH NON-JOINER}ها و آنچه"
    True
    >>> reverse_line_words(" آمد نیافتم را", lm)
    ' را نیافتم آمد'
    """
    scorer = scorer or WordScorer(lm)
    if _HEH_HAMZA in line:
        line = join_heh_hamza(line)
    parts = level_split(line)
    out: list[str] = []
    for index, (fixed, segment) in enumerate(parts):
        out.append(segment if fixed else _keep_edges(segment, reverse_segment(segment, lm, scorer), index > 0,
                                                     index < len(parts) - 1))
    text = "".join(out)
    return pair_quotes(text) if '"' in text else text


_QUOTED: Final = re.compile(r'" *([^"]*?) *"')
#: What may stand right after a closing quote, or right before an opening one, without a space.
_AFTER_CLOSING: Final = frozenset(" .,:;!?)]\u00bb\u060c\u061b\u061f")
_BEFORE_OPENING: Final = frozenset(" ([\u00ab")


def pair_quotes(line: str) -> str:
    """``line`` with its straight double quotes taken in pairs, an opening one against the word
    after it and a closing one against the word before it, with a space on their other side
    (pypdf puts the space of a quote on the wrong side); a line with an odd number of quotes is
    left as it is.

    >>> pair_quotes('نشست." یک اتفاق"نام')
    'نشست. "یک اتفاق" نام'
    >>> pair_quotes('چون" بیداری "،" نمی میرند"و')
    'چون "بیداری"، "نمی میرند" و'
    """
    if line.count('"') % 2:
        return line
    pieces: list[str] = []
    position = 0
    for match in _QUOTED.finditer(line):
        pieces.append(_between(line[position:match.start()], bool(pieces)) + '"' + match.group(1) + '"')
        position = match.end()
    rest = line[position:]
    if rest and rest[0] not in _AFTER_CLOSING:
        rest = " " + rest
    pieces.append(rest)
    return "".join(pieces)


def _between(text: str, after_closing: bool) -> str:
    """The text between two quoted stretches (or before the first), spaced from both quotes."""
    if after_closing and text and text[0] not in _AFTER_CLOSING:
        text = " " + text
    if text and text[-1] not in _BEFORE_OPENING:
        text += " "
    return text


#: A final ``هٔ`` drawn in three runs (a font whose hamza above is a glyph of its own, Noto Naskh
#: Arabic): the hamza, read ``هٔ`` (with the word's space or glued to the word drawn before), then
#: ``ه``, then the letters before the heh, each with or without a space.
_SPLIT_HEH_HAMZA_RUNS: Final = re.compile(
    f"( ?){_HEH_HAMZA} ?" "\N{ARABIC LETTER HEH}" f" ?(?=[{_WORD_CHARS}])")


def join_heh_hamza(line: str) -> str:
    """``line`` with every final ``هٔ`` drawn as three runs written as one glued run
    :data:`HEH_HAMZA_RUN` (a glued ``هٔ`` is another font's plain final heh) followed by the space
    of the letters before it, as the search reads it; :func:`clean_word` turns it into ``هٔ``.

    >>> hh = "\N{ARABIC LETTER HEH}\N{ARABIC HAMZA ABOVE}"
    >>> join_heh_hamza("عنوان" + hh + " \N{ARABIC LETTER HEH}دارند") == "عنوان" + HEH_HAMZA_RUN + " دارند"
    True
    >>> join_heh_hamza("اطهار " + hh + "\N{ARABIC LETTER HEH} ائم") == "اطهار " + HEH_HAMZA_RUN + " ائم"
    True
    >>> join_heh_hamza(" " + hh + "\N{ARABIC LETTER HEH} شناسنام") == " " + HEH_HAMZA_RUN + " شناسنام"
    True
    """
    return _SPLIT_HEH_HAMZA_RUNS.sub(rf"\1{HEH_HAMZA_RUN} ", line)


def level_split(line: str, level: re.Pattern[str] = LEVEL) -> list[tuple[bool, str]]:
    """``line`` cut into right-to-left stretches (``False``) and the level runs that ``level``
    finds (``True``), in order.

    >>> level_split("پژو ۴۰۵ است")
    [(False, 'پژو '), (True, '۴۰۵'), (False, ' است')]
    """
    out: list[tuple[bool, str]] = []
    position = 0
    for match in level.finditer(line):
        if match.start() > position:
            out.append((False, line[position:match.start()]))
        out.append((True, match.group()))
        position = match.end()
    if position < len(line):
        out.append((False, line[position:]))
    return out


def _keep_edges(segment: str, reading: str, after_level: bool, before_level: bool) -> str:
    """``reading`` with the spaces that ``segment`` has next to a number or Latin word kept there
    (the search places the spaces at its edges by the words only, and may move them to the other
    side).

    >>> _keep_edges(" دسامبر ", "  دسامبر", True, True)
    ' دسامبر '
    >>> _keep_edges(" دسامبر ", "  دسامبر", False, False)
    '  دسامبر'
    >>> _keep_edges("درجه", "درجه", True, False)
    ' درجه'
    """
    core = reading.strip(" ")
    if not core:
        return reading
    lead = reading[:len(reading) - len(reading.lstrip(" "))]
    trail = reading[len(reading.rstrip(" ")):]
    if after_level:
        lead = segment[:len(segment) - len(segment.lstrip(" "))] or _gap(core[0])
    if before_level:
        trail = segment[len(segment.rstrip(" ")):] or _gap(core[-1])
    return lead + core + trail


def _gap(edge: str) -> str:
    """The space that stood between a number and a word (pypdf drops it where the runs meet);
    none beside a bracket, a percent sign or a slash."""
    return " " if edge.isalpha() or edge in "،؛" else ""
