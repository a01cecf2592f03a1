"""Reorder the pieces of a line that an extractor wrote in reverse order.

pypdf (on MS Word and LibreOffice PDFs) writes the logical-order pieces of a right-to-left line
from the last to the first, dropping the ZWNJ where two pieces met: ``شود. خودرو پژو های ایرانی
شناخته می لیفت مشترکی ...`` for ``مشترکی ... فیس|لیفت|های ایرانی شناخته می|شود. خودرو پژو``
(``|`` stands for ZWNJ in these docstrings).
PyMuPDF does the same with the runs of a line that mixes directions (numbers, Latin, brackets).

The line is cut into *units* (Persian words, numbers, Latin runs, punctuation, lone marks). A
reading is a set of cut points between units: the pieces between the cuts are put in reverse order,
each keeping its inside as it is, and every new seam gets a ZWNJ, nothing or a space, whichever the
language model prefers. The best set of cuts is found by dynamic programming: the score of a
reading is the score of the units (the same for every reading) minus the pair scores the cuts
break, plus the scores of the new seams and of the line's new first and last unit. A seam joins the
last unit before one cut with the first unit after the cut two places earlier, so the state of the
search is the last two cuts.

Two dialects exist: pypdf on LibreOffice keeps numbers in place and reverses the pieces between
them (``segmented``); PyMuPDF and pypdf on Chromium reverse everything, numbers included (``whole``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import lru_cache
from itertools import pairwise
from typing import Final

from kaghaz.chars import ZWNJ, joins_forward
from kaghaz.repair.langmodel import LATIN_TOKEN, NUMBER_TOKEN, LanguageModel
from kaghaz.repair.text import ADDRESS_PATTERN, DIGIT_CLASS, line_cache

_TOKEN: Final = re.compile(
    "(?P<word>[\u0621-\u063a\u0641-\u064a\u066e-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06fc\u06ff\u0750-\u077f]"
    "[\u0621-\u063a\u0641-\u065f\u066e-\u06d3\u06d5-\u06dc\u06df-\u06e8\u06ea-\u06ef\u06fa-\u06fc\u06ff"
    "\u0750-\u077f\u0640\u200c]*)"
    f"|(?P<url>{ADDRESS_PATTERN})"
    f"|(?P<number>[{DIGIT_CLASS}]+(?:[.,/\u066b\u066c][{DIGIT_CLASS}]+)*[%\u066a]?)"
    "|(?P<latin>[A-Za-z\u00c0-\u024f0-9]+(?:[ .\\-'_][A-Za-z\u00c0-\u024f0-9]+)*)"
    "|(?P<mark>[\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed\u0640\u200c]+)"
    "|(?P<space>\\s+)"
    "|(?P<other>.)"
)

#: Punctuation written right after the word before it, with a space after.
_CLOSERS: Final = frozenset(".,:;!?)]}\N{ARABIC COMMA}\N{ARABIC SEMICOLON}\N{ARABIC QUESTION MARK}"
                            "\N{RIGHT-POINTING DOUBLE ANGLE QUOTATION MARK}")
#: Punctuation written right before the word after it, with a space before.
_OPENERS: Final = frozenset("([{\N{LEFT-POINTING DOUBLE ANGLE QUOTATION MARK}")
#: Words that only follow a ZWNJ (or a space standing for one); a line that starts with one is broken.
BOUND_STARTS: Final = frozenset(["ها", "های", "هایی", "هایش", "هایشان", "هایمان", "ترین", "اند"])
#: Words that only come before a ZWNJ; a line that ends with one is broken.
BOUND_ENDS: Final = frozenset(["می", "نمی"])
_SENTENCE_END: Final = frozenset(".!?\N{ARABIC QUESTION MARK}")

#: Penalties and bonuses, in log10 units.
START_BOUND_PENALTY: Final = 2.0
START_CLOSER_PENALTY: Final = 0.0
END_OPENER_PENALTY: Final = 3.0
END_BOUND_PENALTY: Final = 3.0
MARK_SEAM_BONUS: Final = 3.0
#: A seam that makes a word the lexicon knows with its ZWNJ (``سال|های``) beats one that only
#: puts a suffix after a stem (``ساخته|های``).
KNOWN_SEAM_BONUS: Final = 1.0
#: Cutting where the kind of unit changes (a bracket, a quote, a mark) costs this share of a cut
#: between two words: extractors always start a new piece there.
KIND_CUT_SHARE: Final = 1.0
DIGIT_GLUE_PENALTY: Final = 1.0
MAX_UNITS: Final = 80
#: How many runners-up per segment :func:`reorder_pieces` offers.
ALTERNATIVES: Final = 30
#: ... each at most this much below the best reading.
ALTERNATIVE_MARGIN: Final = 1.5


class Kind(StrEnum):
    """What a unit of a line is."""

    WORD = "word"
    NUMBER = "number"
    LATIN = "latin"
    MARK = "mark"
    LONE = "lone"
    PUNCT = "punct"


_LTR_KINDS: Final = frozenset((Kind.NUMBER, Kind.LATIN))
_GLYPH_GARBAGE: Final = re.compile("[\u0100-\u024f]+")


@dataclass(frozen=True, slots=True)
class Unit:
    """One unit of a line: its text, kind, and whether whitespace came before it."""

    text: str
    kind: Kind
    spaced: bool


@dataclass(frozen=True, slots=True)
class Dialect:
    """How an extractor cut and reordered the pieces of a line.

    ``all_or_nothing``: every candidate cut is taken or none (the pieces are the runs of the line).
    ``segmented``: numbers and Latin runs stay in place and only the pieces between them are
    reversed (pypdf on Word and LibreOffice PDFs); otherwise the whole line is reversed, numbers
    included (PyMuPDF, pypdf on Chromium PDFs). ``word_cuts``: pieces may break between two
    Persian words (where a ZWNJ was; such a seam is then glued with ZWNJ or nothing, never a
    space); otherwise pieces break only where the kind of unit changes (script, punctuation).
    """

    name: str
    segmented: bool
    word_cuts: bool
    zwnj_bonus: float = 0.5
    cut_cost: float = 2.0
    all_or_nothing: bool = False
    raw: bool = False


#: pypdf on Word and LibreOffice PDFs: ZWNJ pieces reversed between numbers.
ZWNJ_PIECES = Dialect("zwnj-pieces", segmented=True, word_cuts=True, cut_cost=0.5)
#: PyMuPDF and pypdf on Chromium PDFs: the runs of a mixed-direction line in visual order.
VISUAL_RUNS = Dialect("visual-runs", segmented=False, word_cuts=False, cut_cost=0.0, all_or_nothing=True)


@dataclass(frozen=True, slots=True)
class Reading:
    """A reading of a line with its pieces reordered: the text, its gain over the line as it stands."""

    text: str
    gain: float
    cuts: tuple[int, ...]
    alternatives: tuple[Reading, ...] = ()


#: The kind of unit each group of :data:`_TOKEN` makes.
_GROUP_KINDS: Final = {"word": Kind.WORD, "number": Kind.NUMBER, "latin": Kind.LATIN, "url": Kind.LATIN,
                       "mark": Kind.MARK,
                       "other": Kind.PUNCT}


def units(line: str) -> list[Unit]:
    """Cut ``line`` into units.

    >>> [(u.text, u.kind.value, u.spaced) for u in units("شود. خودرو ۴۰۵")]
    [('شود', 'word', False), ('.', 'punct', False), ('خودرو', 'word', True), ('۴۰۵', 'number', True)]

    A web or e-mail address and an identifier with underscores are one unit each:

    >>> [u.text for u in units("پیوند: https://git.io/fjaRD. نام abs_correlation_df")]
    ['پیوند', ':', 'https://git.io/fjaRD', '.', 'نام', 'abs_correlation_df']
    """
    return list(_units(line))


@line_cache
def _units(line: str) -> tuple[Unit, ...]:
    """:func:`units`, remembered: the engine asks for the units of a line several times in a row
    (each reading, :func:`suspicious`), and again in its later passes."""
    out: list[Unit] = []
    spaced = False
    for match in _TOKEN.finditer(line):
        kind = match.lastgroup
        if kind == "space":
            spaced = True
            continue
        out.append(Unit(match.group(), _GROUP_KINDS[kind or "other"], spaced))
        spaced = False
    # letters of other scripts stuck inside a Persian word are glyphs without a usable Unicode
    # mapping (``خůوجی``), not a left-to-right run: they stay part of the word
    merged: list[Unit] = []
    for unit in out:
        glued = not unit.spaced and merged and merged[-1].kind is Kind.WORD
        if glued and (unit.kind is Kind.WORD or (unit.kind is Kind.LATIN and _GLYPH_GARBAGE.fullmatch(unit.text))):
            merged[-1] = Unit(merged[-1].text + unit.text, Kind.WORD, merged[-1].spaced)
        else:
            merged.append(unit)
    out = merged
    # a mark with space on both sides belongs to no neighbour: it is left to reattach_lone_marks;
    # so is a ZWNJ after a space (a ZWNJ one letter off in Typst's text): not a piece's edge
    for index, unit in enumerate(out):
        if unit.kind is Kind.MARK and (unit.spaced or index == 0) and (
                index + 1 == len(out) or out[index + 1].spaced or unit.text.strip(ZWNJ) == ""):
            out[index] = Unit(unit.text, Kind.LONE, unit.spaced)
    return tuple(out)


def _glue(left: Unit, right: Unit, lm: LanguageModel, dialect: Dialect) -> tuple[str, float]:
    """How two units meet at a new seam, and the score of that meeting."""
    zwnj_bonus = dialect.zwnj_bonus
    if right.kind is Kind.MARK:
        return "", MARK_SEAM_BONUS if left.kind is Kind.WORD else -MARK_SEAM_BONUS
    if left.kind is Kind.MARK:
        if right.kind is Kind.WORD:
            return "", 0.5
        return " ", 0.0
    if left.kind is Kind.WORD and right.kind is Kind.WORD:
        best = (" ", lm.pair(left.text, right.text) if not dialect.word_cuts else -6.0)
        base = lm.word(left.text) + lm.word(right.text)
        # the two spellings that join them are new strings nearly every time: looked up in the
        # lexicon itself, they do not fill the model's caches
        frequency = lm.lexicon.frequency
        if joins_forward(left.text[-1]):
            joined = left.text + ZWNJ + right.text
            if frequency(joined) > 0:
                score = max(lm.word(joined) - base, 0.0) + zwnj_bonus + KNOWN_SEAM_BONUS
            elif right.text in BOUND_STARTS or left.text in BOUND_ENDS:
                score = zwnj_bonus + 1.0
            elif lm.zwnj_left(left.text) and lm.zwnj_right(right.text):
                score = zwnj_bonus
            else:
                score = -3.0
            if score > best[1]:
                best = (ZWNJ, score)
        if frequency(left.text + right.text) > 0:
            score = lm.word(left.text + right.text) - base
            if score > best[1]:
                best = ("", score)
        return best
    if right.kind is Kind.PUNCT and right.text in _CLOSERS:
        return "", 0.0
    if left.kind is Kind.PUNCT and left.text in _OPENERS:
        return "", 0.0
    if {left.kind, right.kind} <= {Kind.WORD, Kind.NUMBER, Kind.LATIN}:
        return " ", _token_pair(left, right, lm)
    return " ", 0.0


@dataclass(frozen=True, slots=True)
class _WordFacts:
    """What the seams of a word unit need of it, looked up once per segment."""

    key: str
    score: float
    joins: bool
    zwnj_left: bool
    zwnj_right: bool


class _Seams:
    """The scores of :func:`_glue` between the units of one segment, remembered; between two
    words (most seams) computed from each word's :class:`_WordFacts`, with the spellings that
    join them looked up by key (:func:`~kaghaz.lexicon.lookup_key` folds letter by letter)."""

    __slots__ = ("_dialect", "_facts", "_items", "_known", "_lm")

    def __init__(self, items: list[Unit], lm: LanguageModel, dialect: Dialect) -> None:
        self._items = items
        self._lm = lm
        self._dialect = dialect
        self._facts: dict[int, _WordFacts] = {}
        self._known: dict[tuple[int, int], float] = {}

    def __call__(self, left: int, right: int) -> float:
        """The score of unit ``left`` followed by unit ``right`` at a new seam.

        >>> items, lm = units("شود می"), LanguageModel()
        >>> _Seams(items, lm, ZWNJ_PIECES)(1, 0) == _glue(items[1], items[0], lm, ZWNJ_PIECES)[1] > 0
        True
        """
        found = self._known.get((left, right))
        if found is None:
            found = self._known[(left, right)] = self._score(left, right)
        return found

    def into(self, right: int, lefts: list[int]) -> list[float]:
        """The scores of each unit of ``lefts`` followed by unit ``right``, not remembered (the
        search asks for each once); what ``right`` contributes is looked up once for all."""
        items, lm, dialect = self._items, self._lm, self._dialect
        after = items[right]
        if after.kind is not Kind.WORD:
            return [_glue(items[left], after, lm, dialect)[1] for left in lefts]
        second = self._word(right)
        right_text, right_key, right_score = after.text, second.key, second.score
        right_bound = right_text in BOUND_STARTS
        zwnj_bonus, word_cuts = dialect.zwnj_bonus, dialect.word_cuts
        frequency = lm.lexicon.key_frequency
        out: list[float] = []
        for left in lefts:
            before = items[left]
            if before.kind is not Kind.WORD:
                out.append(_glue(before, after, lm, dialect)[1])
                continue
            first = self._word(left)
            left_text = before.text
            best = lm.pair(left_text, right_text) if not word_cuts else -6.0
            base = first.score + right_score
            if first.joins:
                if frequency(first.key + ZWNJ + right_key) > 0:
                    score = max(lm.word(left_text + ZWNJ + right_text) - base, 0.0) + zwnj_bonus + KNOWN_SEAM_BONUS
                elif right_bound or left_text in BOUND_ENDS:
                    score = zwnj_bonus + 1.0
                elif first.zwnj_left and second.zwnj_right:
                    score = zwnj_bonus
                else:
                    score = -3.0
                if score > best:
                    best = score
            if frequency(first.key + right_key) > 0:
                score = lm.word(left_text + right_text) - base
                if score > best:
                    best = score
            out.append(best)
        return out

    def _word(self, index: int) -> _WordFacts:
        found = self._facts.get(index)
        if found is None:
            text, lm = self._items[index].text, self._lm
            found = self._facts[index] = _WordFacts(lm.key(text), lm.word(text), joins_forward(text[-1]),
                                                    lm.zwnj_left(text), lm.zwnj_right(text))
        return found

    def _score(self, left: int, right: int) -> float:
        return self.into(right, [left])[0]


def _start_score(unit: Unit) -> float:
    if unit.kind is Kind.WORD and unit.text in BOUND_STARTS:
        return -START_BOUND_PENALTY
    if unit.kind is Kind.MARK:
        return -START_BOUND_PENALTY
    if unit.kind is Kind.PUNCT and unit.text in _CLOSERS:
        return -START_CLOSER_PENALTY
    return 0.0


def _end_score(unit: Unit) -> float:
    if unit.kind is Kind.WORD and unit.text in BOUND_ENDS:
        return -END_BOUND_PENALTY
    if unit.kind is Kind.PUNCT and unit.text in _OPENERS:
        return -END_OPENER_PENALTY
    return 0.0


def _token(unit: Unit) -> str | None:
    """What the language model calls a unit: the word, ``#`` for a number, ``@`` for Latin."""
    if unit.kind is Kind.WORD:
        return unit.text
    if unit.kind is Kind.NUMBER:
        return NUMBER_TOKEN
    if unit.kind is Kind.LATIN:
        return LATIN_TOKEN
    return None


def _token_pair(left: Unit, right: Unit, lm: LanguageModel) -> float:
    """The pair score of a word next to a number or a Latin word (0 for anything else)."""
    a, b = _token(left), _token(right)
    if a is None or b is None or (left.kind is not Kind.WORD and right.kind is not Kind.WORD):
        return 0.0
    return lm.pair(a, b)


def _inside_pair(left: Unit, right: Unit, lm: LanguageModel) -> float:
    """The score of two units next to each other as the line stands."""
    if {left.kind, right.kind} <= {Kind.WORD, Kind.NUMBER, Kind.LATIN} and left.kind is not right.kind:
        return _token_pair(left, right, lm)
    if left.kind is Kind.WORD and right.kind is Kind.WORD:
        score = lm.pair(left.text, right.text)
        if right.text in BOUND_STARTS or left.text in BOUND_ENDS:
            score -= 1.0
        return score
    if right.kind is Kind.MARK and (left.kind is not Kind.WORD or right.spaced):
        return -MARK_SEAM_BONUS
    if left.kind is Kind.MARK and right.kind is Kind.WORD and not right.spaced:
        return -MARK_SEAM_BONUS
    return 0.0


def join_units(sequence: list[Unit], glues: list[str | None]) -> str:
    """Write units back as text; ``glues[i]`` is what goes before unit ``i`` (``None``: as it was)."""
    parts: list[str] = []
    for index, unit in enumerate(sequence):
        if index:
            glue = glues[index]
            if glue is None:
                glue = " " if unit.spaced else ""
            parts.append(glue)
        parts.append(unit.text)
    return "".join(parts)


def best_cuts(items: list[Unit], lm: LanguageModel, candidates: list[int], dialect: Dialect,
              before: Unit | None = None, after: Unit | None = None,
              variants: list[tuple[float, list[int]]] | None = None) -> tuple[float, list[int]]:
    """The best set of cuts among ``candidates`` (positions 1..n-1) for reversing ``items``.

    Returns ``(gain over no cut, cuts)``. ``before``/``after`` are the units around ``items`` in
    the line (for a segment between numbers), which stay where they are.
    """
    n = len(items)
    cut_cost = dialect.cut_cost
    if n < 2 or not candidates:
        return 0.0, []
    # breaking a pair of words costs what the pair was worth, but breaking an unseen pair earns
    # nothing; breaking a broken junction (a digit glued to a letter, a stray mark) earns
    inside = [max(0.0, _inside_pair(items[i - 1], items[i], lm))
              if items[i].kind is Kind.WORD and items[i - 1].kind is Kind.WORD
              else _inside_pair(items[i - 1], items[i], lm) for i in range(1, n)]

    def edge_start(unit: Unit) -> float:
        return _start_score(unit) if before is None else 0.0

    def edge_end(unit: Unit) -> float:
        return _end_score(unit) if after is None else 0.0

    base = edge_start(items[0]) + edge_end(items[-1])
    seam = _Seams(items, lm, dialect)

    # cuts sorted ascending: 0 = a0 < a1 < ... < ak < n. Logical order: piece [ak, n) first, then
    # [a(k-1), ak), ..., [0, a1) last. Seam between piece [aj, a(j+1)) and [a(j-1), aj):
    # unit a(j+1)-1 followed by unit a(j-1).
    positions = [0, *sorted(c for c in set(candidates) if 0 < c < n)]

    costs = [cut_cost if i == 0 or (items[i - 1].kind is Kind.WORD and items[i].kind is Kind.WORD)
             else cut_cost * KIND_CUT_SHARE for i in range(n)]

    def score_set(cuts: list[int]) -> float:
        bounds = [0, *cuts, n]
        total = (_end_score(items[cuts[0] - 1]) if after is None else 0.0) + edge_start(items[cuts[-1]])
        for cut in cuts:
            total -= inside[cut - 1] + costs[cut]
        # seams: piece j (bounds[j]..bounds[j+1]) is followed by piece j-1
        for j in range(len(bounds) - 2, 0, -1):
            total += seam(bounds[j + 1] - 1, bounds[j - 1])
        return total - base

    if dialect.all_or_nothing:
        every = positions[1:]
        gain = score_set(every)
        return (gain, every) if gain > 0 or dialect.raw else (0.0, [])
    # best[i][j]: best partial score with the last two cuts positions[i] < positions[j] (i = 0:
    # the start); back[i][j]: the state before it. Scores are added in the same order as the
    # formula ``score - inside[r - 1] + seam(r - 1, p) - costs[r]``, so ties fall the same way.
    neg = float("-inf")
    count = len(positions)
    best: list[list[float]] = [[neg] * count for _ in range(count)]
    back: list[list[tuple[int, int] | None]] = [[None] * count for _ in range(count)]
    inside_at = [inside[r - 1] if r else 0.0 for r in positions]
    cost_at = [costs[r] for r in positions]
    # first real cut a1 = q: the last logical piece is [0, q): its last unit q-1 ends the line
    for qi in range(1, count):
        q = positions[qi]
        best[0][qi] = (_end_score(items[q - 1]) if after is None else 0.0) - inside_at[qi] - cost_at[qi]
    seams: dict[int, list[float]] = {}

    def seams_to(pi: int) -> list[float]:
        """``seam(r - 1, p)`` for every later position ``r`` (by index) and ``p = positions[pi]``."""
        row = seams.get(pi)
        if row is None:
            p = positions[pi]
            row = seams[pi] = [0.0] * (pi + 2) + seam.into(p, [r - 1 for r in positions[pi + 2:]])
        return row

    for qi in range(1, count):
        row = best[qi]
        back_row = back[qi]
        for pi in range(qi):
            current = best[pi][qi]
            if current == neg:
                continue
            to_p = seams_to(pi)
            for ri in range(qi + 1, count):
                score = current - inside_at[ri] + to_p[ri] - cost_at[ri]
                if score > row[ri]:
                    row[ri] = score
                    back_row[ri] = (pi, qi)
    top, top_state = 0.0, None
    for pi in range(count - 1):
        # close: last cut q, the first logical piece is [q, n); seam between it and [p, q)
        closing = seam(n - 1, positions[pi])
        for qi in range(pi + 1, count):
            score = best[pi][qi]
            if score == neg:
                continue
            total = score + closing + edge_start(items[positions[qi]])
            if total - base > top:
                top, top_state = total - base, (pi, qi)
    if top_state is None:
        return 0.0, []
    cuts: list[int] = []
    state: tuple[int, int] | None = top_state
    while state is not None:
        cuts.append(positions[state[1]])
        state = back[state[0]][state[1]]
    cuts.sort()
    if variants is not None:
        # the same reading with its first or last piece cut elsewhere: the line alone cannot
        # tell ``[های ... ورزش،][سردبیر ...]`` from ``[های][سیاست ... سردبیر ...]``
        for index in (0, len(cuts) - 1):
            low = cuts[index - 1] + 1 if index > 0 else 1
            high = cuts[index + 1] - 1 if index + 1 < len(cuts) else n - 1
            for other in positions[1:]:
                if low <= other <= high and other != cuts[index]:
                    changed = sorted({*cuts[:index], other, *cuts[index + 1:]})
                    variants.append((score_set(changed), changed))
    return top, cuts


def apply_cuts(items: list[Unit], cuts: list[int], lm: LanguageModel,
               dialect: Dialect) -> list[tuple[Unit, str | None]]:
    """The units in their new order, each with the glue that goes before it (``None``: as it was)."""
    bounds = [0, *cuts, len(items)]
    pieces = [items[bounds[i]:bounds[i + 1]] for i in range(len(bounds) - 1)]
    out: list[tuple[Unit, str | None]] = []
    previous: Unit | None = None
    for piece in reversed(pieces):
        for position, unit in enumerate(piece):
            if position == 0 and previous is not None:
                out.append((unit, _glue(previous, unit, lm, dialect)[0]))
            else:
                out.append((unit, None))
            previous = unit
    return out


def _normalise_glue(sequence: list[tuple[Unit, str | None]], start_spaced: bool) -> str:
    parts: list[str] = []
    for index, (unit, glue) in enumerate(sequence):
        if index:
            if glue is None:
                glue = " " if unit.spaced else ""
                previous = sequence[index - 1][0]
                closes = unit.kind is Kind.PUNCT and unit.text in _CLOSERS
                opens = previous.kind is Kind.PUNCT and previous.text in _OPENERS
                if closes or opens:
                    glue = ""
                elif {previous.kind, unit.kind} <= {Kind.WORD, Kind.NUMBER, Kind.LATIN} and not glue:
                    glue = " " if previous.kind is not unit.kind else glue
            parts.append(glue)
        parts.append(unit.text)
    return "".join(parts)


def _may_cut_between_words(left: Unit, right: Unit, lm: LanguageModel) -> bool:
    """True if a piece may end between ``left`` and ``right`` in a dialect with word cuts."""
    if left.kind is not right.kind or left.kind is not Kind.WORD:
        return True
    if right.text in BOUND_STARTS or left.text in BOUND_ENDS:
        return True
    return right.spaced and (joins_forward(left.text[-1]) or lm.zwnj_right(right.text))


def candidate_cuts(items: list[Unit], lm: LanguageModel, dialect: Dialect) -> list[int]:
    """Positions between units where a piece may end: a change of kind (script, punctuation,
    marks) and, in a dialect with word cuts, a gap after a word that joins forward or before a
    word that follows ZWNJ."""
    out = []
    for i in range(1, len(items)):
        left, right = items[i - 1], items[i]
        if not dialect.word_cuts:
            ltr = left.kind in _LTR_KINDS or right.kind in _LTR_KINDS or "-" in (left.text, right.text)
            if ltr and left.kind is not right.kind:
                out.append(i)
            continue
        if _may_cut_between_words(left, right, lm):
            out.append(i)
    return out


def reorder_pieces(line: str, lm: LanguageModel, dialect: Dialect = ZWNJ_PIECES, raw: bool = False) -> Reading:
    """The best reading of ``line`` with its pieces in reverse order, and its gain.

    ``Reading.alternatives`` holds close runners-up (the first or last piece cut elsewhere),
    for the engine to choose between with the help of the neighbouring lines.

    >>> lm = LanguageModel()
    >>> line = "شود. تایم نخستین بار در نامه و روزنامه آنلاین منتشر می تایم یک مجله خبری هفته"
    >>> reorder_pieces(line, lm).text.replace(ZWNJ, "|")
    'تایم یک مجله خبری هفته|نامه و روزنامه آنلاین منتشر می|شود. تایم نخستین بار در'
    """
    items = units(line)
    if len(items) < 2 or len(items) > MAX_UNITS:
        return Reading(line, 0.0, ())
    if raw:
        dialect = _raw(dialect)
    if not dialect.segmented:
        segments = [(0, len(items))]
    else:
        # numbers and Latin runs stay in place; the pieces between them are reversed
        boundaries = [i for i, u in enumerate(items) if u.kind in (Kind.NUMBER, Kind.LATIN)]
        segments = []
        start = 0
        for stop in [*boundaries, len(items)]:
            if stop > start:
                segments.append((start, stop))
            start = stop + 1
    best: list[list[int]] = []
    gains: list[float] = []
    variants: list[list[tuple[float, list[int]]]] = []
    for start, stop in segments:
        segment = items[start:stop]
        before = items[start - 1] if start > 0 and dialect.segmented else None
        after = items[stop] if stop < len(items) and dialect.segmented else None
        found: list[tuple[float, list[int]]] = []
        gain, cuts = best_cuts(segment, lm, candidate_cuts(segment, lm, dialect), dialect, before, after,
                               found if not dialect.all_or_nothing else None)
        best.append(cuts)
        gains.append(gain if cuts else 0.0)
        variants.append(found if cuts else [])
    if not any(best):
        return Reading(line, 0.0, ())
    main = _assemble(items, segments, best, lm, dialect)
    alternatives = []
    for index, found in enumerate(variants):
        for gain, cuts in sorted(found, key=lambda v: -v[0])[:ALTERNATIVES]:
            if gain <= 0 or gain < gains[index] - ALTERNATIVE_MARGIN:
                continue
            chosen = [*best[:index], cuts, *best[index + 1:]]
            total = sum(gains) - gains[index] + gain
            alternatives.append(Reading(_assemble(items, segments, chosen, lm, dialect), total,
                                        tuple(c for cs, (a, _) in zip(chosen, segments, strict=True) for c in
                                              (a + x for x in cs))))
    cuts_all = tuple(c for cs, (a, _) in zip(best, segments, strict=True) for c in (a + x for x in cs))
    return Reading(main, sum(gains), cuts_all, tuple(alternatives))


@lru_cache(maxsize=8)
def _raw(dialect: Dialect) -> Dialect:
    """``dialect`` with ``raw`` set (made once: the engine asks for it on every line)."""
    return replace(dialect, raw=True)


def _assemble(items: list[Unit], segments: list[tuple[int, int]], cuts: list[list[int]],
              lm: LanguageModel, dialect: Dialect) -> str:
    """The line with each segment's pieces reordered by its cuts."""
    sequence: list[tuple[Unit, str | None]] = []
    position = 0
    for (start, stop), segment_cuts in zip(segments, cuts, strict=True):
        sequence.extend((u, None) for u in items[position:start])
        segment = items[start:stop]
        if segment_cuts:
            reordered = apply_cuts(segment, segment_cuts, lm, dialect)
            first = reordered[0][0]
            reordered[0] = (Unit(first.text, first.kind, bool(segment[0].spaced or start)), None)
            sequence.extend(reordered)
        else:
            sequence.extend((u, None) for u in segment)
        position = stop
    sequence.extend((u, None) for u in items[position:])
    return _normalise_glue(sequence, False)


def suspicious(line: str, lm: LanguageModel) -> bool:
    """A cheap test for the marks that reversed ZWNJ pieces leave: a line that starts with a
    suffix, a closing punctuation mark or a lone mark, or ends with ``می``; a lone mark between
    spaces; a suffix after a space.

    >>> lm = LanguageModel()
    >>> suspicious("شود. تایم نخستین بار در نامه و روزنامه", lm), suspicious("تایم نخستین بار در", lm)
    (True, False)
    """
    items = units(line)
    if len(items) < 2:
        return False
    if _start_score(items[0]) < 0 or _end_score(items[-1]) < 0:
        return True
    first = items[0]
    if first.kind is Kind.WORD and lm.zwnj_right(first.text) and not lm.zwnj_left(first.text):
        return True
    for index, (left, right) in enumerate(pairwise(items)):
        lone = index + 2 < len(items) and items[index + 2].spaced and right.spaced
        if right.kind is Kind.MARK and not lone and (right.spaced or left.kind is not Kind.WORD):
            return True
        if right.kind is Kind.WORD and right.spaced and right.text in BOUND_STARTS:
            return True
        if left.kind is Kind.MARK and right.kind is Kind.WORD and not right.spaced:
            return True
    return False
