"""Undo pypdf's order of the pieces of a right-to-left line, from the text alone.

pypdf (``page.extract_text()``) reads the text-showing operations of a page in content-stream order.
It prepends every right-to-left character to the run it is building and appends everything else,
so a run drawn in visual order comes out in logical order; a run ends at every change of direction
(a Latin letter, an ASCII digit, a guillemet ``«»`` or a square bracket are left-to-right to pypdf;
spaces, punctuation and Persian digits are neutral and join the run they come in) and wherever the
stream changes font or text object. The runs themselves are written one after another in stream
order, which is visual order (left to right) for every producer studied:

* **segmented** (LibreOffice, MS Word): the bidi level runs of a line are drawn in logical order,
  each in visual order, cut into portions wherever a ZWNJ, a mark or a kashida was. So numbers and
  Latin words stay in place, and between them the portions come out last first, each readable,
  with a space where pypdf saw a gap (``شود. خودرو پژو های ایرانی شناخته می لیفت مشترکی ...`` for
  ``مشترکی ... فیس|لیفت|های ایرانی شناخته می|شود. خودرو پژو``); a mark (``ٔ``), a guillemet or a
  kashida control is a portion of its own;
* **visual runs** (Chromium, WeasyPrint): the whole line is drawn in visual order and every run
  that pypdf or the producer cuts off (numbers, Latin words, brackets, guillemets, hyphens, slashes)
  comes out in visual order, each readable inside.

Persian digits are neutral, so pypdf writes every number backwards (``۳۲۹۱`` for ``۱۹۲۳``).

The cuts between portions are visible except the ones at a ZWNJ, which show as a plain space. They
are found by a dynamic program over the spaces of each segment, scored by the language model: a cut
breaks the pair of words around it, and joins, with a ZWNJ, the last word of one portion to the
first word of the portion that now follows it. A document garbled by pypdf is garbled the same way
throughout, so the dialect is decided once per document, from all its lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from kaghaz.chars import ZWNJ, fold_presentation_forms, joins_forward
from kaghaz.repair.fixes import KASHIDA_ONES
from kaghaz.repair.langmodel import LATIN_TOKEN, NUMBER_TOKEN, LanguageModel, pair_tokens
from kaghaz.repair.pypdf_words import WordScorer, reverse_line_words
from kaghaz.repair.text import bracket_order, has_arabic, shape_penalty, words
from kaghaz.repair.visual_words import mend_zwnj_pieces, reverse_visual_words, whole_lines_visual
from kaghaz.repair.words import ZWNJ_PREFIXES, ZWNJ_SUFFIXES

_DIGITS: Final = "0-9\u06f0-\u06f9\u0660-\u0669"
_PERSIAN_NUMBER: Final = re.compile("[\u06f0-\u06f9\u0660-\u0669]+(?:[\u066b\u066c.,:][\u06f0-\u06f9\u0660-\u0669]+)*")
#: Level runs of their own (drawn in logical order by LibreOffice and Word): numbers and Latin.
_LEVEL2: Final = re.compile(
    f"[{_DIGITS}]+(?:[\u066b\u066c.,:][{_DIGITS}]+)*"
    "|[A-Za-z\u00c0-\u024f0-9]+(?:[ .'\\-]+[A-Za-z\u00c0-\u024f0-9]+)*")
_MARKS: Final = frozenset("\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0653\u0654\u0655\u0656\u0657\u0658"
                          "\u0659\u065a\u065b\u065c\u065d\u065e\u065f\u0670")
#: C0 controls that LibreOffice writes for kashida: each is a portion of its own.
_CONTROLS: Final = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")
_MIRROR: Final = str.maketrans("()[]{}\u00ab\u00bb", ")(][}{\u00bb\u00ab")
_CORE: Final = re.compile("[\u0621-\u063a\u0641-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff\u200c\u0640]+")
_LAST_LETTERS: Final = re.compile("[\u0621-\u063a\u0641-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff]+$")
_FIRST_LETTERS: Final = re.compile("[\u0621-\u063a\u0641-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff]+")
#: A kashida ``1`` at the edge of a word (inside one: :data:`~kaghaz.repair.fixes.KASHIDA_ONES`).
_EDGE_ONES: Final = re.compile("(?<=[\u0621-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff])1+(?=\\s|$)"
                               "|(?:(?<=\\s)|^)1+(?=[\u0621-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff])")
_LETTER: Final = re.compile("[\u0621-\u063a\u0641-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff]")

#: Words that only follow a ZWNJ, and words that only precede one.
_SUFFIX_ONLY: Final = frozenset(["ها", "های", "هایی", "هایش", "هایشان", "هایمان", "هایتان", "ترین", "اند"])
_PREFIX_ONLY: Final = frozenset(["می", "نمی"])
_SUFFIXES: Final = frozenset((*ZWNJ_SUFFIXES, "هاست", "هایی", "ایی", "اید", "هایشان"))
_PREFIXES: Final = frozenset(ZWNJ_PREFIXES)

#: Scores in log10 units.
CUT_COST: Final = 1.5
KNOWN_COMPOUND: Final = 2.5
BOUND_COMPOUND: Final = 1.5
HALVES_COMPOUND: Final = 0.3
JOINED_COMPOUND: Final = 0.3
BAD_COMPOUND: Final = -3.0
UNKNOWN_COMPOUND: Final = -2.0
KNOWN_HALVES_COMPOUND: Final = -1.0
MARK_FIT: Final = 1.0
MARK_MISFIT: Final = 2.0
EDGE_PENALTY: Final = 2.0
STEM_PENALTY: Final = 1.5
#: A cut where pypdf left two or more spaces (its own gap next to a space of the text).
WIDE_GAP_BONUS: Final = 2.0
#: How many partial readings per state the search keeps, and how many readings per segment it offers.
BEAM: Final = 4
OFFERS: Final = 12
#: Weight of the pair of words that joins a line to the next.
CONTEXT_WEIGHT: Final = 1.0
#: A reading of a paragraph's last line that ends a sentence, and how much shorter than the usual
#: line a paragraph's last line is.
PARAGRAPH_END: Final = 2.0
SHORT_LINE: Final = 0.7
_SENTENCE_END: Final = frozenset(".!?:\u061f\u00bb)")
#: Longest segment (in words) searched; longer ones are left as they are.
MAX_WORDS: Final = 90


def pypdf_direction(char: str) -> str:
    """``R``, ``L`` or ``N``: how pypdf's text extraction treats ``char``.

    >>> pypdf_direction("ب"), pypdf_direction("۴"), pypdf_direction("«"), pypdf_direction(" ")
    ('R', 'N', 'L', 'N')
    """
    code = ord(char)
    if code <= 0x2F or 0x3A <= code <= 0x40 or 0x0660 <= code <= 0x066D or 0x06F0 <= code <= 0x06F9:
        return "N"
    if 0x2000 <= code <= 0x206F or 0x20A0 <= code <= 0x21FF:
        return "N"
    if 0x0590 <= code <= 0x08FF or 0xFB1D <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFF:
        return "R"
    return "L"


@dataclass(frozen=True, slots=True)
class Token:
    """A piece of a segment: a word (``w``), a space run (``s``) or a portion that is always cut
    off (``f``: a mark, a guillemet run, a kashida control)."""

    kind: str
    text: str


def _core(text: str, last: bool) -> str | None:
    """The Arabic-script word at the end (``last``) or start of a token, if the token ends or
    starts with a letter."""
    if not text:
        return None
    edge = text[-1] if last else text[0]
    if not _LETTER.match(edge):
        return None
    found: list[str] = _CORE.findall(text)
    return found[-1] if last else found[0]


def tokens(segment: str) -> list[Token]:
    """Cut a segment (the text between two numbers or Latin runs) into tokens.

    >>> [(t.kind, t.text) for t in tokens("پارس« نام»پژو")]
    [('w', 'پارس'), ('f', '« '), ('w', 'نام'), ('f', '»'), ('w', 'پژو')]
    """
    out: list[Token] = []
    index = 0
    n = len(segment)
    while index < n:
        char = segment[index]
        if _CONTROLS.match(char):
            stop = index
            while stop < n and _CONTROLS.match(segment[stop]):
                stop += 1
            out.append(Token("k", segment[index:stop]))
            index = stop
        elif char in _MARKS:
            stop = index
            while stop < n and segment[stop] in _MARKS:
                stop += 1
            out.append(Token("m", segment[index:stop]))
            index = stop
        elif pypdf_direction(char) == "L":
            # a left-to-right run takes the neutrals that follow it (pypdf appends them)
            stop = index + 1
            while stop < n and pypdf_direction(segment[stop]) != "R" and not _CONTROLS.match(segment[stop]):
                stop += 1
            # ... but of a run of spaces only the first: the others start the next portion
            while stop - 2 >= index and segment[stop - 1] == " " and segment[stop - 2] == " ":
                stop -= 1
            out.append(Token("f", segment[index:stop]))
            index = stop
        elif char.isspace():
            stop = index
            while stop < n and segment[stop].isspace():
                stop += 1
            out.append(Token("s", segment[index:stop]))
            index = stop
        else:
            stop = index
            while (stop < n and not segment[stop].isspace() and segment[stop] not in _MARKS
                   and not _CONTROLS.match(segment[stop]) and pypdf_direction(segment[stop]) != "L"):
                stop += 1
            out.append(Token("w", segment[index:stop]))
            index = stop
    return out


def _split_space(space: str) -> tuple[str, str]:
    """A space run that holds a cut: what stays on its left and on its right (one space is the
    gap pypdf wrote between the portions)."""
    if len(space) <= 1:
        return "", ""
    if len(space) == 2:
        return "", " "
    return " ", space[2:]


def assemble(items: list[Token], cuts: set[int]) -> str:
    """The segment in logical order, cut before the tokens at ``cuts`` (hidden cuts at space
    tokens) and around every ``f``/``m``/``k`` token."""
    chunks: list[tuple[str, str]] = []  # (text, kind of chunk: r, f, m, k)
    current: list[str] = []

    def close() -> None:
        if current:
            chunks.append(("".join(current), "r"))
            current.clear()

    for index, token in enumerate(items):
        if token.kind in "fmk":
            close()
            chunks.append((token.text, token.kind))
        elif token.kind == "s" and index in cuts:
            left, right = _split_space(token.text)
            current.append(left)
            close()
            chunks.append((ZWNJ, "z"))
            current.append(right)
        else:
            current.append(token.text)
    close()
    out = []
    for text, kind in reversed(chunks):
        if kind == "f":
            out.append(text[::-1])
        elif kind == "k":
            continue
        else:
            out.append(text)
    return "".join(out)


def _compound(lm: LanguageModel, left: str | None, right: str | None) -> float:
    """How well ``left`` ZWNJ ``right`` makes one word."""
    if not left or not right or not joins_forward(left[-1]):
        return BAD_COMPOUND
    if lm.frequency(left + ZWNJ + right) > 0:
        return KNOWN_COMPOUND
    if right in _SUFFIXES and lm.known(left) and left not in _PREFIXES:
        return BOUND_COMPOUND
    if left in _PREFIXES:
        return HALVES_COMPOUND if lm.zwnj_right(right) else UNKNOWN_COMPOUND
    if lm.frequency(left + right) > 0:
        return JOINED_COMPOUND
    if lm.zwnj_left(left) and lm.zwnj_right(right):
        return HALVES_COMPOUND
    if (lm.known(left) or lm.zwnj_left(left)) and (lm.known(right) or lm.zwnj_right(right)):
        return KNOWN_HALVES_COMPOUND
    return UNKNOWN_COMPOUND


_MARK_BASES: Final = {"\u0654": "\u0647\u06c1\u06d5\u06cc", "\u064b": "\u0627\u0629\u0621"}


def _mark_fit(token: Token | None, mark: str) -> float:
    """How well a detached mark sits at the end of ``token`` (a hamza above on heh, ...)."""
    if token is None or token.kind != "w" or not _LETTER.match(token.text[-1]):
        return -MARK_MISFIT
    bases = _MARK_BASES.get(mark[0])
    if bases is None:
        return 0.0
    return MARK_FIT if token.text[-1] in bases else -MARK_MISFIT


def _start_penalty(word: str | None, lm: LanguageModel) -> float:
    """A line or segment that starts with a suffix, or with a verb that mostly follows ``می``."""
    if word is None:
        return 0.0
    if word in _SUFFIX_ONLY:
        return -EDGE_PENALTY
    if lm.frequency("می" + ZWNJ + word) > lm.frequency(word):
        return -STEM_PENALTY
    return 0.0


def _end_penalty(word: str | None) -> float:
    return -EDGE_PENALTY if word in _PREFIX_ONLY else 0.0


@dataclass(frozen=True, slots=True)
class SegmentReading:
    """One reading of a segment: its cuts, its score, its logical first and last words."""

    cuts: frozenset[int]
    score: float
    first: str | None
    last: str | None


def segment_readings(items: list[Token], lm: LanguageModel, edges: tuple[bool, bool] = (True, True),
                     beam: int = BEAM) -> list[SegmentReading]:
    """The best readings of one segment (best first).

    Positions are token indices. A cut at a space token between two words is hidden (a ZWNJ was
    there); a cut around an ``f``/``m``/``k`` token is forced. ``edges`` tells whether the
    segment starts / ends the line (its logical first / last word is then a line edge).
    """
    n = len(items)
    # cut positions: a cut "at" index i separates items[:i] and items[i+1:] for a space token i,
    # or sits before index i for a forced boundary (we model both as positions in token space)
    hidden = [i for i in range(1, n - 1)
              if items[i].kind == "s" and items[i - 1].kind == "w" and items[i + 1].kind == "w"]
    forced: list[int] = []
    for i, token in enumerate(items):
        if token.kind in "fmk":
            forced.append(i)
    # boundaries: each boundary b has a left token index (last token of the chunk before) and a
    # right token index (first token of the chunk after)
    Boundary = tuple[int, int, bool]  # (left token, right token, hidden)
    bounds: list[Boundary] = []
    for i in sorted(set(hidden) | set(forced)):
        if items[i].kind == "s":
            bounds.append((i - 1, i + 1, True))
        else:
            # a forced token is a chunk of its own: boundaries before and after it
            left = i - 1
            while left >= 0 and items[left].kind == "s":
                left -= 1
            right = i + 1
            while right < n and items[right].kind == "s":
                right += 1
            if left >= 0:
                bounds.append((left, i, False))
            if right < n:
                bounds.append((i, right, False))
    bounds = sorted(set(bounds))
    if not any(h for _, _, h in bounds):
        return [SegmentReading(frozenset(), 0.0, *_logical_edges(items, [], lm))]
    if sum(1 for t in items if t.kind == "w") > MAX_WORDS:
        return []

    def word_at(index: int, last: bool) -> str | None:
        step = -1 if last else 1
        while 0 <= index < n and items[index].kind == "s":
            index += step
        if index < 0 or index >= n:
            return None
        token = items[index]
        if token.kind != "w":
            return None
        return _core(token.text, last)

    def broken(b: Boundary) -> float:
        left, right, is_hidden = b
        if not is_hidden:
            return 0.0
        if len(items[left + 1].text) >= 2:
            return WIDE_GAP_BONUS
        a, c = word_at(left, True), word_at(right, False)
        if a and c:
            return -lm.pair(a, c)
        return 0.0

    def junction(before: Boundary | None, seam: Boundary, after: Boundary | None) -> float:
        # chunks around ``seam``: the one ending at ``after`` (right of seam in output, logically
        # before) ... in logical order the chunk right of ``seam`` ends and the chunk left of
        # ``seam`` begins: last word of the right chunk (token left of ``after``) joins the first
        # word of the left chunk (token right of ``before``)
        last_index = after[0] if after is not None else n - 1
        if not seam[2]:
            # the chunk left of ``seam`` in output follows the chunk right of it: a mark there
            # sits on the last letter of that chunk
            mark = items[seam[0]] if items[seam[0]].kind == "m" else None
            if mark is not None:
                index = last_index
                while index >= 0 and items[index].kind == "s":
                    index -= 1
                return _mark_fit(items[index] if index >= 0 else None, mark.text)
            return 0.0
        first_index = before[1] if before is not None else 0
        return _compound(lm, word_at(last_index, True), word_at(first_index, False))

    # DP over chosen boundaries (all forced ones must be taken). State: (previous, current).
    m = len(bounds)
    forced_idx = [k for k, b in enumerate(bounds) if not b[2]]
    # states keyed by (prev, cur) with prev/cur in -1..m-1 (-1 = segment start)
    layers: dict[tuple[int, int], list[tuple[float, tuple[int, ...]]]] = {}

    def must_between(a: int, b: int) -> bool:
        """True if a forced boundary lies strictly between boundary indices a and b."""
        return any(a < k < b for k in forced_idx)

    for k in range(m):
        if must_between(-1, k):
            continue
        score = broken(bounds[k]) - (CUT_COST if bounds[k][2] else 0.0)
        # the chunk before boundary k (output) is logically last: its last word ends the segment
        score += _end_penalty(word_at(bounds[k][0], True)) if edges[1] else 0.0
        layers.setdefault((-1, k), []).append((score, (k,)))
    results: list[tuple[float, tuple[int, ...]]] = []
    for cur in range(m):
        for prev in range(-1, cur):
            entries = layers.get((prev, cur))
            if not entries:
                continue
            entries.sort(key=lambda e: -e[0])
            del entries[beam:]
            before = bounds[prev] if prev >= 0 else None
            for nxt in range(cur + 1, m):
                if must_between(cur, nxt):
                    break
                gain = broken(bounds[nxt]) - (CUT_COST if bounds[nxt][2] else 0.0)
                gain += junction(before, bounds[cur], bounds[nxt])
                for score, path in entries:
                    layers.setdefault((cur, nxt), []).append((score + gain, (*path, nxt)))
            if not must_between(cur, m):
                for score, path in entries:
                    total = score + junction(before, bounds[cur], None)
                    first = word_at(bounds[cur][1], False)
                    total += _start_penalty(first, lm) if edges[0] else 0.0
                    results.append((total, path))
    if not forced_idx:
        # no cut at all: the segment as it stands
        results.append(((_end_penalty(word_at(n - 1, True)) if edges[1] else 0.0)
                        + (_start_penalty(word_at(0, False), lm) if edges[0] else 0.0), ()))
    results.sort(key=lambda e: -e[0])
    out: list[SegmentReading] = []
    seen: set[frozenset[int]] = set()
    for score, path in results:
        chosen = [bounds[k] for k in path]
        cuts = frozenset(b[0] + 1 for b in chosen if b[2])
        if cuts in seen:
            continue
        seen.add(cuts)
        first, last = _logical_edges(items, [b for b in chosen], lm)
        out.append(SegmentReading(cuts, score, first, last))
        if len(out) >= OFFERS:
            break
    return out


def _logical_edges(items: list[Token], chosen: list[tuple[int, int, bool]],
                   lm: LanguageModel) -> tuple[str | None, str | None]:
    """The logical first and last words of a segment read with boundaries ``chosen``."""
    text = assemble(items, {b[0] + 1 for b in chosen if b[2]})
    found = words(text)
    return (found[0], found[-1]) if found else (None, None)


@dataclass(frozen=True, slots=True)
class LineReading:
    """A reading of a whole line: its text, the search's score, and its logical edge words."""

    text: str
    score: float
    first: str | None
    last: str | None


def _level_split(line: str) -> list[tuple[bool, str]]:
    """The line cut into segments (``False``) and level runs that stay in place (``True``)."""
    out: list[tuple[bool, str]] = []
    position = 0
    for match in _LEVEL2.finditer(line):
        if match.start() > position:
            out.append((False, line[position:match.start()]))
        out.append((True, match.group()))
        position = match.end()
    if position < len(line):
        out.append((False, line[position:]))
    return out


def segmented_readings(line: str, lm: LanguageModel, beam: int = BEAM) -> list[LineReading]:
    """Readings of a line garbled in the segmented dialect (LibreOffice, Word), best first."""
    parts = _level_split(line)
    seg_indices = [i for i, (fixed, text) in enumerate(parts) if not fixed and has_arabic(text)]
    per_part: list[list[tuple[str, float, str | None, str | None]]] = []
    for index, (fixed, text) in enumerate(parts):
        if fixed or index not in seg_indices:
            per_part.append([(_CONTROLS.sub("", text), 0.0, None, None)])
            continue
        items = tokens(text)
        edges = (index == seg_indices[0], index == seg_indices[-1])
        readings = segment_readings(items, lm, edges, beam)
        if not readings:
            per_part.append([(_CONTROLS.sub("", text), 0.0, None, None)])
            continue
        per_part.append([(assemble(items, set(r.cuts)), r.score, r.first, r.last) for r in readings])
    best = [options[0] for options in per_part]
    results = [_join(best)]
    # alternatives vary the first and the last segment (the ones the neighbouring lines judge)
    for index in {seg_indices[0], seg_indices[-1]} if seg_indices else set():
        for option in per_part[index][1:]:
            variant = list(best)
            variant[index] = option
            results.append(_join(variant))
    return results


def _join(parts: list[tuple[str, float, str | None, str | None]]) -> LineReading:
    text = "".join(p[0] for p in parts)
    found = words(text)
    return LineReading(text, sum(p[1] for p in parts), found[0] if found else None, found[-1] if found else None)


def reverse_persian_numbers(line: str) -> str:
    """pypdf writes Persian and Arabic-Indic numbers backwards; turn them round.

    >>> reverse_persian_numbers("سال ۳۲۹۱ و ۸٫۵")
    'سال ۱۹۲۳ و ۵٫۸'
    """
    return _PERSIAN_NUMBER.sub(lambda m: m.group()[::-1], line)


def paragraph_breaks(lines: list[str], persian: list[int]) -> list[bool]:
    """For each line, whether a paragraph starts there: after a blank line, or after a line much
    shorter than the document's usual line (the last line of a paragraph)."""
    lengths = sorted(len(lines[i].strip()) for i in persian)
    usual = lengths[len(lengths) // 2] if lengths else 0
    out = []
    for i in range(len(lines)):
        before = lines[i - 1].strip() if i else ""
        out.append(not before or len(before) < SHORT_LINE * usual)
    return out


def choose(options: list[list[LineReading]], lm: LanguageModel, breaks: list[bool]) -> list[int]:
    """For each line, the index of the reading to use: a Viterbi search adding the pair score of
    the last word of one line and the first word of the next (``breaks[i]``: no link between line
    ``i - 1`` and line ``i``)."""
    chosen: list[int] = []
    states: list[tuple[float, list[int], str | None]] = [(0.0, [], None)]
    for index, readings in enumerate(options):
        if not readings:
            states = [(score, [*path, -1], None if breaks[index] else last) for score, path, last in states]
            # a line without readings keeps its own last word as context
            continue
        new_states = []
        closes = index + 1 < len(breaks) and breaks[index + 1]
        for position, reading in enumerate(readings):
            best: tuple[float, list[int]] | None = None
            # the last line of a paragraph ends a sentence
            ending = PARAGRAPH_END if closes and reading.text.rstrip()[-1:] in _SENTENCE_END else 0.0
            for score, path, last in states:
                link = 0.0
                if not breaks[index] and last and reading.first:
                    link = CONTEXT_WEIGHT * lm.pair(last, reading.first)
                total = score + reading.score + link + ending
                if best is None or total > best[0]:
                    best = (total, path)
            assert best is not None
            new_states.append((best[0], [*best[1], position], reading.last))
        states = new_states
    chosen = max(states, key=lambda state: state[0])[1]
    return chosen


# --- visual runs (Chromium, WeasyPrint) ---------------------------------------------------------

_RUN: Final = re.compile(
    f"(?P<number>[{_DIGITS}]+(?:[\u066b\u066c.,:][{_DIGITS}]+)*)"
    "|(?P<latin>[A-Za-z\u00c0-\u024f][A-Za-z\u00c0-\u024f0-9]*(?:[ .'\\-]+[A-Za-z\u00c0-\u024f0-9]+)*)"
    "|(?P<punct>[()\\[\\]{}\u00ab\u00bb\"'\\-\u2013\u2014/])"
    f"|(?P<rtl>[^()\\[\\]{{}}\u00ab\u00bb\"'\\-\u2013\u2014/A-Za-z\u00c0-\u024f{_DIGITS}]+)")


def visual_runs(line: str, split_numbers: bool, mirror: bool) -> str:
    """The line with its runs (numbers, Latin, brackets, quotes, hyphens and the right-to-left
    text between them) in reverse order; ``split_numbers``: numbers are runs of their own (Chromium)
    rather than part of the right-to-left text (WeasyPrint); ``mirror``: brackets were written as
    their mirror glyphs.

    >>> visual_runs("در شهر آن۳۲۹۱ مارس ۳تایم", True, False)
    'تایم۳ مارس ۳۲۹۱در شهر آن'
    """
    runs: list[tuple[str, str]] = []
    for match in _RUN.finditer(line):
        kind, text = match.lastgroup or "rtl", match.group()
        if not split_numbers and kind in ("number", "rtl") and runs and runs[-1][0] in ("number", "rtl"):
            runs[-1] = ("rtl", runs[-1][1] + text)
            continue
        runs.append((kind, text))
    out = []
    for kind, text in reversed(runs):
        out.append(text.translate(_MIRROR) if kind == "punct" and mirror else text)
    return "".join(out)


# --- the document ----------------------------------------------------------------------------------

#: Lines cut at a ZWNJ (:func:`cut_edges`): at least this many lines and this share of them ...
EDGE_LINES: Final = 4
EDGE_LINE_SHARE: Final = 0.12
#: ... and then the segmented reading must gain this much per line of the document, and gain on
#: this share of the lines it changes.
EDGE_GAIN: Final = 0.8
EDGE_SHARE: Final = 0.8
#: ... or this much in a document whose numbers pypdf wrote backwards ...
EVIDENT_GAIN: Final = 0.0
#: The segmented dialect needs this many lines that each gain this much.
STRONG_LINES: Final = 3
STRONG_LINE_GAIN: Final = 2.0
_BRACKET_WEIGHT: Final = 1.5
#: Kashida written as ``1``: at least this many in a document.
KASHIDA_ONES_MIN: Final = 3
#: ZWNJs for spaces: at least this many, and this many times the spaces.
ZWNJ_SPACES_MIN: Final = 20
ZWNJ_SPACES_RATIO: Final = 3.0
#: Words in visual order (Typst): over the lines of at least this many words (and at least this
#: many lines), this share must gain this much from reversing the words, and the mean gain this.
WORDS_MIN_LENGTH: Final = 4
WORDS_MIN_LINES: Final = 3
WORDS_LINE_GAIN: Final = 1.0
WORDS_SHARE: Final = 0.5
WORDS_MEAN_GAIN: Final = 1.5
#: Share of the words that the lexicon must know for the word-order reading to be considered.
WORDS_KNOWN_SHARE: Final = 0.6


def _plain(text: str, lm: LanguageModel) -> float:
    """One yardstick for every reading: words, pairs (numbers and Latin words included),
    punctuation, bracket order."""
    total = 0.0
    previous: str | None = None
    for token in pair_tokens(text):
        if token not in (NUMBER_TOKEN, LATIN_TOKEN):
            total += lm.word(token)
        if previous is not None:
            total += lm.pair(previous, token)
        previous = token
    return total + shape_penalty(text) + _BRACKET_WEIGHT * bracket_order(text)


def _letters_reversed(lines: list[str], persian: list[int], lm: LanguageModel) -> bool:
    """True if many lines read better with all their letters reversed (visual order)."""
    from kaghaz.repair.diagnosis import letter_reversal_gain

    strong = sum(1 for i in persian if letter_reversal_gain(lines[i], lm)[0] > 1.0)
    return strong >= 2 and strong >= 0.3 * len(persian)


def _words_reversed(line: str) -> str:
    """``line`` with the words of every right-to-left stretch between numbers and Latin words in
    reverse order: a quick reading of text drawn word by word (Typst), without the glyph clusters."""
    out: list[str] = []
    for fixed, text in _level_split(line):
        out.append(" ".join(reversed(text.split())) if not fixed and has_arabic(text) else text)
    return " ".join(out)


def kashida_ones_as_controls(line: str) -> str:
    """``line`` with every ``1`` that stands for a kashida (inside or at the edge of a Persian
    word) written as the kashida control LibreOffice writes elsewhere, a portion of its own.

    >>> kashida_ones_as_controls("ت11ر سیاس11ذهبی") == "ت\x1er سیاس\x1eذهبی".replace("r", "ر")
    True
    """
    return _EDGE_ONES.sub("\x1e", KASHIDA_ONES.sub("\x1e", line))


def zwnj_between_words(lines: list[str], persian: list[int]) -> bool:
    """True if the Persian lines hold ZWNJs where spaces should be: many more ZWNJs than spaces
    (a font whose space glyph maps to ZWNJ)."""
    zwnj = sum(lines[i].count(ZWNJ) for i in persian)
    spaces = sum(lines[i].count(" ") for i in persian)
    return zwnj >= ZWNJ_SPACES_MIN and zwnj >= ZWNJ_SPACES_RATIO * spaces


def zwnj_as_space(line: str, lm: LanguageModel) -> str:
    """``line`` with a space for every ZWNJ that does not sit inside a word: one that the lexicon
    knows the word with, or that comes before a suffix or after ``می``.

    >>> zwnj = "\N{ZERO WIDTH NON-JOINER}"
    >>> zwnj_as_space(zwnj.join(["تیم", "موفق", "ترین"]), LanguageModel()) == "تیم موفق" + zwnj + "ترین"
    True
    """
    parts = line.split(ZWNJ)
    out = parts[0]
    for part in parts[1:]:
        left = _LAST_LETTERS.search(out)
        right = _FIRST_LETTERS.match(part)
        inside = False
        if left is not None and right is not None:
            before, after = left.group(), right.group()
            inside = before in _PREFIXES or after in _SUFFIXES or lm.frequency(before + ZWNJ + after) > 0
        out += (ZWNJ if inside else " ") + part
    return out


def words_in_visual_order(lines: list[str], persian: list[int], lm: LanguageModel) -> bool:
    """True if most lines of four words or more read better with the words of each stretch in
    reverse order, and much better on average: pypdf's output of a PDF drawn word by word."""
    gains = [_plain(_words_reversed(lines[i]), lm) - _plain(lines[i], lm)
             for i in persian if len(words(lines[i])) >= WORDS_MIN_LENGTH]
    if len(gains) < WORDS_MIN_LINES:
        return False
    # pypdf keeps each word whole: text whose words themselves are unknown (letters turned round by
    # another extractor) is not this, however its word pairs happen to score
    tokens = [w for i in persian for w in words(lines[i])]
    if sum(lm.known(w) for w in tokens) < WORDS_KNOWN_SHARE * len(tokens):
        return False
    better = sum(1 for gain in gains if gain > WORDS_LINE_GAIN)
    return better >= WORDS_SHARE * len(gains) and sum(gains) >= WORDS_MEAN_GAIN * len(gains)


def cut_edges(lines: list[str], persian: list[int]) -> bool:
    """True if many lines start with a word that only follows a ZWNJ (``های``, ``ترین``) or end
    with one that only precedes it (``می``): pypdf's pieces of lines cut at a ZWNJ, last first.

    Clean text wraps there only when its author put a space for the ZWNJ, which is rare at a line's
    end; a document needs a share of such lines and several of them.
    """
    count = 0
    for i in persian:
        found = words(lines[i])
        if found and (found[0] in _SUFFIX_ONLY or found[-1] in _PREFIX_ONLY):
            count += 1
    return count >= EDGE_LINES and count >= EDGE_LINE_SHARE * len(persian)


def pypdf_evidence(lines: list[str]) -> bool:
    """True if two or more numbers of a document read as years, and only backwards (pypdf's
    reversed digits)."""
    from kaghaz.repair.fixes import year_evidence

    forward = backward = 0
    for line in lines:
        ahead, behind = year_evidence(line)
        forward += ahead
        backward += behind
    return backward >= 2 and forward == 0


@dataclass(frozen=True, slots=True)
class DocumentOrder:
    """What :func:`document_order` decided: the dialect (``None``: no pypdf damage found) and the
    new body of every line (``None``: unchanged)."""

    dialect: str | None
    bodies: tuple[str | None, ...]


def _prepared(body: str) -> str:
    return fold_presentation_forms(body)


@dataclass(frozen=True, slots=True)
class DialectReading:
    """One dialect's reading of a document: the new text of every line (``None``: unchanged), the
    total gain over the lines as they stand, how many lines it changes, how many of those gain,
    and how many gain more than :data:`STRONG_LINE_GAIN`."""

    texts: tuple[str | None, ...]
    total: float
    changed: int
    better: int
    strong: int


def dialect_readings(prepared: list[str], persian: list[int], lm: LanguageModel) -> dict[str, DialectReading]:
    """Every dialect's reading of the lines ``prepared`` (``persian``: the lines with Arabic script)."""
    plain = {i: _plain(_CONTROLS.sub("", prepared[i]), lm) for i in persian}
    out: dict[str, DialectReading] = {}
    # visual runs: four variants, judged over the whole document
    for split_numbers in (True, False):
        for mirror in (False, True):
            name = f"visual-{'split' if split_numbers else 'whole'}-{'mirror' if mirror else 'plain'}"
            texts: list[str | None] = [None] * len(prepared)
            total, changed, better = 0.0, 0, 0
            for i in persian:
                text = visual_runs(_CONTROLS.sub("", prepared[i]), split_numbers, mirror)
                if text == _CONTROLS.sub("", prepared[i]):
                    continue
                gain = _plain(text, lm) - plain[i]
                texts[i] = text
                total += gain
                changed += 1
                better += gain > 0
            out[name] = DialectReading(tuple(texts), total, changed, better, 0)
    # segmented pieces: each line's readings, chosen in context
    options = [segmented_readings(prepared[i], lm) if i in plain else [] for i in range(len(prepared))]
    chosen = choose(options, lm, paragraph_breaks(prepared, persian))
    texts = [None] * len(prepared)
    total, changed, better, strong = 0.0, 0, 0, 0
    for i, (opts, pick) in enumerate(zip(options, chosen, strict=True)):
        if not opts or pick < 0:
            continue
        text = opts[pick].text
        if text == _CONTROLS.sub("", prepared[i]):
            continue
        gain = _plain(text, lm) - plain[i]
        texts[i] = text
        total += gain
        changed += 1
        better += gain > 0
        strong += gain > STRONG_LINE_GAIN
    if strong < STRONG_LINES:
        # hidden cuts alone are found in any text: the dialect needs several lines that show it
        total = min(total, 0.0)
    out["segmented"] = DialectReading(tuple(texts), total, changed, better, strong)
    return out


def _whole_line_reading(line: str, lm: LanguageModel) -> str:
    """``line`` turned round whole, with its punctuation taken apart from the words or left on them
    as written, whichever reads better (extractors differ)."""
    best = max((reverse_visual_words(line), reverse_visual_words(line, chunks=True)), key=lambda t: _plain(t, lm))
    return mend_zwnj_pieces(best, lm)


def document_order(bodies: list[str], lm: LanguageModel) -> DocumentOrder:
    """Decide whether ``bodies`` (line bodies of one window) are pypdf output and in which dialect,
    and return the reordered bodies."""
    prepared = [_prepared(b) for b in bodies]
    persian = [i for i, b in enumerate(prepared) if has_arabic(b)]
    if len(persian) < 3:
        return DocumentOrder(None, tuple(None for _ in bodies))
    if sum(len(KASHIDA_ONES.findall(line)) for line in prepared) >= KASHIDA_ONES_MIN:
        # kashida drawn with a glyph read as ``1``: to pypdf a left-to-right run, so a piece's edge
        prepared = [kashida_ones_as_controls(line) for line in prepared]
    spaced = [zwnj_as_space(p, lm) for p in prepared] if zwnj_between_words(prepared, persian) else prepared
    if words_in_visual_order(spaced, persian, lm):
        prepared = spaced
        if whole_lines_visual(prepared, persian, lambda text: _plain(text, lm), _words_reversed,
                              lambda line: _whole_line_reading(line, lm)):
            # numbers and Latin words in visual order too: the whole line is turned round
            whole = [_whole_line_reading(_CONTROLS.sub("", prepared[i]), lm) if i in persian else None
                     for i in range(len(bodies))]
            return DocumentOrder("visual-lines", tuple(None if text == body else text
                                                       for text, body in zip(whole, bodies, strict=True)))
        scorer = WordScorer(lm)
        reordered: list[str | None] = []
        for i, body in enumerate(bodies):
            text = _CONTROLS.sub("", prepared[i])
            if i in persian:
                text = reverse_line_words(text, lm, scorer)
            text = reverse_persian_numbers(text)
            reordered.append(None if text == body else text)
        return DocumentOrder("visual-words", tuple(reordered))
    evidence = pypdf_evidence(prepared)
    edges = cut_edges(prepared, persian)
    if not (evidence or edges) or _letters_reversed(prepared, persian, lm):
        # without pypdf's backward numbers or lines cut at a ZWNJ, reorderings that read a little
        # better are no proof, and lines written letter by letter backwards (pdfminer.six) are not
        # pypdf's: the line-by-line diagnosis of the engine decides
        return DocumentOrder(None, tuple(None for _ in bodies))
    readings = dialect_readings(prepared, persian, lm)
    if not evidence:
        # lines cut at a ZWNJ are only pypdf's when its segmented reading shows it clearly
        readings = {"segmented": readings["segmented"]}
    candidates = {name: reading.texts for name, reading in readings.items()}
    gains = {name: (reading.total, reading.changed, reading.better) for name, reading in readings.items()}
    name, (total, changed, better) = max(gains.items(), key=lambda item: item[1][0])
    # with pypdf's reversed numbers the document is known to be pypdf's: only the dialect is open
    if changed == 0:
        return DocumentOrder(None, tuple(None for _ in bodies))
    if evidence:
        if total < EVIDENT_GAIN:
            return DocumentOrder(None, tuple(None for _ in bodies))
    elif total < EDGE_GAIN * len(persian) or better < EDGE_SHARE * changed:
        return DocumentOrder(None, tuple(None for _ in bodies))
    out: list[str | None] = []
    for i, body in enumerate(bodies):
        found = candidates[name][i]
        text = reverse_persian_numbers(_CONTROLS.sub("", prepared[i]) if found is None else found)
        out.append(None if text == body else text)
    return DocumentOrder(name, tuple(out))
