"""Brackets, dashes and Latin words that an extractor wrote on a line of their own.

pdfplumber groups a page's characters into lines by the top of their boxes. Where a producer draws
brackets, quotes, dashes and Latin words in another font than the Persian (Chromium, WeasyPrint,
Typst), their boxes stand higher, and they come out as a line of their own just above the visual line
they belong to, left to right with a space where Persian stood between them::

    ( )(KarimMostafaBenzema )
    ﻦﮑﯾزﺎﺑ نﻮﯿﻟ رد ۱۹۸۷ ﺮﺒﻣﺎﺳد ۱۹ هٔ داز :یﻮﺴﻧاﺮﻓ ﻪﺑ ﺎﻣﺰﻨﺑ ﯽﻔﻄﺼﻣ ﻢﯾﺮﮐ

The visual line left a gap (a space) wherever such a character stood. Each group of the satellite
line (what stands between its spaces) goes back into one of those gaps, in order, one group per gap:
after a comma left standing alone (something stood against it), a Latin word after a colon or where
the pair table reads it best, a dash between words the pair table knows as no phrase or between two
numbers, a pair of brackets around few words and never closing right after a full stop or comma.
A bracket is glued to the word its inside faces; a dash to both neighbours.

Only done in a document written in visual order that shows such a line: a line of nothing but
brackets with a space between them (``( )``) is never text. Where the document's satellite
lines run Latin words together (``KarimMostafaBenzema``: the producer lost the spaces of Latin
text), they are cut before their capitals and a space is a gap; otherwise Latin words with a space
between them are one name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from kaghaz.chars import MIRROR_PAIRS
from kaghaz.repair.langmodel import LATIN_TOKEN, LanguageModel, pair_tokens
from kaghaz.repair.text import NUMBER_RE, frame, has_arabic, line_body

#: Brackets as drawn: the ones whose inside is to their right, and to their left.
_INSIDE_RIGHT: Final = frozenset("([\N{LEFT-POINTING DOUBLE ANGLE QUOTATION MARK}")
_INSIDE_LEFT: Final = frozenset(")]\N{RIGHT-POINTING DOUBLE ANGLE QUOTATION MARK}")
_QUOTES: Final = frozenset('"')
#: Signs written between two words without spaces (``حسی-پیکری``, ``۲۰۰۹–۱۰``).
_JOINERS: Final = frozenset("-\N{EN DASH}/")
_LATIN_WORD: Final = re.compile("[A-Za-z][A-Za-z0-9']*")
#: List bullets: they start their item, at the right end of its visual line.
_BULLETS: Final = "\u2022\u2023\u2043\u2219\u25a0\u25aa\u25cb\u25cf\u25e6"
_PAIRED: Final = "()\\[\\]\N{LEFT-POINTING DOUBLE ANGLE QUOTATION MARK}\N{RIGHT-POINTING DOUBLE ANGLE QUOTATION MARK}\""
_SIGNS: Final = f"{_PAIRED}\\-\N{EN DASH}/{_BULLETS}"
#: A satellite line: brackets, quotes, dashes, bullets and Latin words only.
SATELLITE_LINE: Final = re.compile(f"[ {_SIGNS}A-Za-z0-9']*[{_SIGNS}A-Za-z][ {_SIGNS}A-Za-z0-9']*")
#: A line of such signs only with a gap between two of them (with a bracket or quote among them,
#: :func:`signs_only`, never text).
_SIGNS_ONLY: Final = re.compile(f" *[{_SIGNS}]+(?: +[{_SIGNS}]+)+ *")
_PAIRED_RE: Final = re.compile(f"[{_PAIRED}]")
#: A document shows satellite lines when it has at least this many lines of signs only.
MIN_BRACKET_LINES: Final = 1
#: A comma or colon standing alone between spaces in a visual line: a character was cut from beside it.
_LONE_CLOSER: Final = frozenset(".:;,!\N{ARABIC COMMA}\N{ARABIC SEMICOLON}\N{ARABIC QUESTION MARK}")
#: What gluing a group to a lone comma or colon is worth, in log10 units (the shape penalty's weight).
LONE_CLOSER_GAIN: Final = 2.0
#: What two numbers on both sides of a dash are worth, in log10 units: a range (``۲۰۰۹–۱۰``).
RANGE_GAIN: Final = 1.0
#: What a colon before a Latin word is worth, in log10 units (as much as a comma left alone): Persian
#: introduces a foreign name so (``به انگلیسی: ...``).
COLON_GAIN: Final = 2.0
#: What each word in a pair of brackets past the first costs, in log10 units: half of the 168 pairs
#: of brackets around Persian in ../shared/corpora hold one word, and longer insides are rarer the
#: longer they are (counted as halving the chance per word).
LENGTH_COST: Final = 0.3
#: A letter standing alone (not the conjunction ``و``): an abbreviation, as ``(ع)`` after a name.
_ABBREVIATION: Final = re.compile("[\u0621-\u0647\u0649-\u064a\u067e-\u06cc]")
#: What a pair of brackets around such a letter is worth, in log10 units (they hold most of the
#: one-word insides of ../shared/corpora): as much as a comma left alone.
ABBREVIATION_GAIN: Final = 2.0
_CAMEL: Final = re.compile("(?<=[a-z])(?=[A-Z][a-z])")


@dataclass(frozen=True, slots=True)
class Unit:
    """One character or Latin word of a satellite line, and which neighbours it is written against."""

    text: str
    glue_left: bool
    glue_right: bool
    latin: bool = False
    bullet: bool = False


def signs_only(body: str) -> bool:
    """True if ``body`` is brackets, quotes, dashes and bullets only, a gap between two of them and a
    bracket or quote among them: a line that is never text.

    >>> signs_only("( ) ( ) \N{BULLET}"), signs_only("- -"), signs_only("()"), signs_only("(الف)")
    (True, False, False, False)
    """
    return _SIGNS_ONLY.fullmatch(body) is not None and _PAIRED_RE.search(body) is not None


def is_satellite(body: str) -> bool:
    """True if ``body`` holds nothing but brackets, quotes, dashes and Latin words.

    >>> is_satellite("( )(KarimMostafaBenzema )"), is_satellite("df=pd.read_excel('x')"), is_satellite("۲۰۱۹")
    (True, False, False)
    """
    return bool(body.strip()) and SATELLITE_LINE.fullmatch(body) is not None


def drawn_mirrored(bodies: list[str]) -> bool | None:
    """Whether the satellite lines' brackets are written as in logical order (drawn mirrored:
    ``) (`` around Persian) rather than as drawn (``( )``); ``None`` if they show no such pair.

    >>> drawn_mirrored(["( ) ( )", ") (", "( )"]), drawn_mirrored([") (", "] ["]), drawn_mirrored(["abc"])
    (False, True, None)
    """
    drawn = mirrored = 0
    for body in bodies:
        brackets = [char for char in body if char in _INSIDE_LEFT or char in _INSIDE_RIGHT]
        if len(brackets) >= 2:
            if brackets[0] in _INSIDE_RIGHT:
                drawn += 1
            else:
                mirrored += 1
    if not drawn and not mirrored:
        return None
    return mirrored > drawn


def units(group: str, mirrored: bool, cut_camel: bool, quotes_seen: int) -> list[Unit]:
    """The units of one group of a satellite line (what stands between two of its spaces), brackets
    written as in logical order (``mirrored``: they are already; otherwise they are as drawn).

    >>> [u.text for u in units(")(KarimMostafaBenzema", False, True, 0)]
    ['(', ')', 'Karim', 'Mostafa', 'Benzema']
    >>> [(u.glue_left, u.glue_right) for u in units("(-", False, False, 0)]
    [(False, True), (True, True)]
    """
    out: list[Unit] = []
    index = 0
    while index < len(group):
        latin = _LATIN_WORD.match(group, index)
        if latin is not None:
            pieces = _CAMEL.split(latin.group()) if cut_camel else [latin.group()]
            out.extend(Unit(piece, False, False, latin=True) for piece in pieces)
            index = latin.end()
            continue
        char = group[index]
        # written as in logical order (what reads right once the line is turned round), drawn as shaped
        logical, shape = (char, MIRROR_PAIRS.get(char, char)) if mirrored else (MIRROR_PAIRS.get(char, char), char)
        if shape in _INSIDE_RIGHT:
            out.append(Unit(logical, False, True))
        elif shape in _INSIDE_LEFT:
            out.append(Unit(logical, True, False))
        elif char in _BULLETS:
            out.append(Unit(char, False, False, bullet=True))
        elif char in _QUOTES:
            opening = (quotes_seen + sum(1 for u in out if u.text in _QUOTES)) % 2 == 0
            out.append(Unit(char, not opening, opening))
        else:
            out.append(Unit(char, True, True))
        index += 1
    return out


def _written(group: list[Unit]) -> str:
    """The units of a group written out: Latin words apart, everything else against its neighbour."""
    out = ""
    for previous, unit in zip([None, *group], group, strict=False):
        if previous is not None and previous.latin and unit.latin:
            out += " "
        out += unit.text
    return out


def _bracket_edge(group: list[Unit], opening: bool) -> int | None:
    """Whether ``group`` ends with a bracket that opens to its right (``opening``) or starts with
    one that closes to its left, with nothing but Latin words beyond it in the group: how many
    names it already holds (0, or 1 for the Latin words after it); ``None`` if it does not.

    >>> _bracket_edge(units("(Karim", False, False, 0), True), _bracket_edge(units(")", False, False, 0), True)
    (1, None)
    """
    latin = False
    for unit in reversed(group) if opening else group:
        if unit.latin:
            latin = True
        elif (unit.glue_right, unit.glue_left) == (opening, not opening):
            return int(latin)
        else:
            return None
    return None


def _lm_key(token: str) -> str | None:
    """The pair-table key of a visual token read backwards (``None``: punctuation only)."""
    found = pair_tokens(token[::-1])
    return found[0] if found else None


def place_groups(tokens: list[str], groups: list[list[Unit]], lm: LanguageModel) -> list[int] | None:
    """The gap of the visual line ``tokens`` that each group goes into (gap ``s`` lies before
    ``tokens[s]``; ``len(tokens)`` is after the last), strictly increasing; ``None`` if they do not fit.

    A Viterbi search: a group scores what its place says for it (:data:`LONE_CLOSER_GAIN`,
    :data:`COLON_GAIN`, :data:`RANGE_GAIN`, the pair table around a Latin word or a dash), and a
    pair of brackets opening in one group and closing in the next the length of what it holds
    (:data:`LENGTH_COST`).

    >>> lm = LanguageModel()
    >>> pair = [units("(", False, False, 0), units(")", False, False, 0)]
    >>> place_groups(["مدرم", "هب", "،", "هعمج", "لیطعت"], pair, lm)
    [3, 4]
    """
    n, k = len(tokens), len(groups)
    if k == 0 or k > n + 1:
        return None
    keys = [_lm_key(token) for token in tokens]

    def key_left(gap: int) -> str | None:
        return next((keys[i] for i in range(gap - 1, -1, -1) if keys[i]), None)

    def key_right(gap: int) -> str | None:
        return next((keys[i] for i in range(gap, n) if keys[i]), None)

    def pair(left: str | None, right: str | None) -> float:
        return lm.pair(left, right) if left and right else 0.0

    def local(group: list[Unit], gap: int) -> float:
        # logical order: the word on the gap's right comes first
        before, after = key_right(gap), key_left(gap)
        if gap < n and any(u.bullet for u in group):
            return float("-inf")  # a bullet starts its line
        score = 0.0
        if any(u.latin for u in group):
            score += pair(before, LATIN_TOKEN) + pair(LATIN_TOKEN, after) - pair(before, after)
            if gap < n and tokens[gap].startswith(":"):
                # a colon introduces the Latin name (``به انگلیسی: ...``)
                score += COLON_GAIN
        elif any(u.text in _JOINERS for u in group):
            # a dash joins what the language model does not know as a phrase, and numbers (a range)
            score -= pair(before, after)
            if 0 < gap < n and NUMBER_RE.fullmatch(tokens[gap - 1]) and NUMBER_RE.fullmatch(tokens[gap]):
                score += RANGE_GAIN
        if gap < n and group[-1].glue_right and not group[-1].glue_left and tokens[gap][0] in _LONE_CLOSER:
            # a bracket closing right after a full stop or comma (none of the 170 of ../shared/corpora)
            score -= LONE_CLOSER_GAIN
        if gap > 0 and tokens[gap - 1] in _LONE_CLOSER:
            # the comma is written against the word it follows, on its right: something stood there
            score += LONE_CLOSER_GAIN
        return score

    def link(first: list[Unit], gap_first: int, second: list[Unit], gap_second: int) -> float:
        # a bracket opening (inside to its right) in the first group, closing in the second
        opening, closing = _bracket_edge(first, True), _bracket_edge(second, False)
        if opening is None or closing is None:
            return 0.0
        inside = gap_second - gap_first + opening + closing
        score = -LENGTH_COST * max(0, inside - 1)
        if inside == 1 and _ABBREVIATION.fullmatch(tokens[gap_first]):
            # a letter standing alone is an abbreviation, and Persian writes those in brackets
            score += ABBREVIATION_GAIN
        return score

    best: list[dict[int, tuple[float, list[int]]]] = []
    first_scores = {gap: (local(groups[0], gap), [gap]) for gap in range(0, n + 1)}
    best.append(first_scores)
    if any(u.text in _JOINERS for u in groups[0]):
        first_scores.pop(0, None)
    for index in range(1, k):
        current: dict[int, tuple[float, list[int]]] = {}
        last = n if any(u.text in _JOINERS for u in groups[index]) else n + 1
        for gap in range(index, last):
            here = local(groups[index], gap)
            options = [(score + here + link(groups[index - 1], previous, groups[index], gap), path)
                       for previous, (score, path) in best[-1].items() if previous < gap]
            if options:
                score, path = max(options, key=lambda option: option[0])
                current[gap] = (score, [*path, gap])
        if not current:
            return None
        best.append(current)
    return max(best[-1].values(), key=lambda item: item[0])[1]


def merged_line(main: str, satellite: str, lm: LanguageModel, mirrored: bool, cut_camel: bool) -> str | None:
    """The visual line ``main`` with the groups of ``satellite`` put back into its gaps, or ``None``.

    Brackets are written as in logical order, for the line to read right once turned round; a
    comma left alone shows where one stood, a colon where a Latin name follows.

    >>> lm = LanguageModel()
    >>> merged_line("مدرم هناخباتک هب ، هعمج لیطعت یاهزور رد", "( )", lm, False, False)
    'مدرم هناخباتک هب ،)هعمج( لیطعت یاهزور رد'
    >>> merged_line(".دنمان یم :یسیلگنا هب یسح هناماس", "(SensorySystem )", lm, False, True)
    '.دنمان یم )Sensory System :یسیلگنا( هب یسح هناماس'
    """
    tokens = main.split()
    quotes = 0
    groups: list[list[Unit]] = []
    for text in satellite.split():
        group = units(text, mirrored, cut_camel, quotes)
        quotes += sum(1 for u in group if u.text in _QUOTES)
        if groups and not cut_camel and groups[-1][-1].latin and group[0].latin:
            # a producer that keeps the spaces of Latin text: one name of several words
            groups[-1] = groups[-1] + group
        else:
            groups.append(group)
    gaps = place_groups(tokens, groups, lm)
    if gaps is None:
        return None
    by_gap = dict(zip(gaps, groups, strict=True))
    pieces: list[tuple[str, bool, bool]] = []  # text, glued on its left, glued on its right
    for gap in range(len(tokens) + 1):
        if gap in by_gap:
            group = by_gap[gap]
            pieces.append((_written(group), group[0].glue_left, group[-1].glue_right))
        if gap < len(tokens):
            token = tokens[gap]
            pieces.append((token, False, token in _LONE_CLOSER))
    out = ""
    for previous, piece in zip([None, *pieces], pieces, strict=False):
        if previous is not None and not (previous[2] or piece[1]):
            out += " "
        out += piece[0]
    return out


def find_satellites(lines: list[str], lm: LanguageModel) -> list[tuple[int, str]]:
    """The satellite lines of a visual-order document, each as the index of the satellite line
    and the merged text of it and the visual line below it (which replaces both)."""
    bodies = [line_body(line) for line in lines]
    if sum(1 for body in bodies if signs_only(body)) < MIN_BRACKET_LINES:
        return []
    satellites = [index for index, body in enumerate(bodies) if is_satellite(body)]
    # quotes and dashes only: how brackets are written does not matter
    mirrored = bool(drawn_mirrored([bodies[index] for index in satellites]))
    # Latin words run together (``KarimMostafaBenzema``): the producer lost the spaces of Latin
    # text, and a space in a satellite line is a gap where Persian stood
    cut_camel = any(_CAMEL.search(bodies[index]) for index in satellites)
    out = []
    for index in satellites:
        below = index + 1
        if below >= len(lines) or not has_arabic(bodies[below]) or is_satellite(bodies[below]):
            continue
        if lines[below].startswith("\f"):
            continue
        merged = merged_line(bodies[below], bodies[index], lm, mirrored, cut_camel)
        if merged is not None:
            out.append((index, frame(lines[index]).head + merged + frame(lines[below]).tail))
    return out
