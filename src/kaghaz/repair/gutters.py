"""Two columns printed side by side, a gutter of spaces between them on every line.

Extractors that keep a page's layout (pdftotext ``-layout``, pypdf's ``extraction_mode="layout"``,
pdfplumber's ``layout=True``) print a two-column page as one set of lines: each line holds a row of
the left column, a run of spaces at the same place on every line (the gutter) and the row of the
right column. Read as they stand, the columns' sentences alternate line by line. Here the gutter
is found page by page and the columns are put one after the other, the right one first on a
right-to-left page. Written by hand: no library reads columns back from text.

The test is strict, so that a clean text with a table laid out with spaces stays as it is: on a
page, most lines with text must hold text on both sides of one place that none of them writes
over, and both sides must be prose (long rows, in Arabic script), not a table's short cells.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from kaghaz.chars import BIDI_CONTROLS
from kaghaz.repair.columns import page_ranges, split_page_breaks
from kaghaz.repair.fixes import drop_direction_controls
from kaghaz.repair.langmodel import LanguageModel
from kaghaz.repair.plan import Planner
from kaghaz.repair.reverse import reverse_visual_line
from kaghaz.repair.text import has_arabic, words
from kaghaz.repair.zwnj_gaps import zwnj_for_spaces

#: A gutter is at least this many spaces wide on every line that holds both columns.
GUTTER_SPACES: Final = 3
#: A page is read as two columns when at least this many lines, and this share of its lines with
#: text, hold both columns; at most this share of them may write over the gutter.
MIN_ROWS: Final = 6
ROW_SHARE: Final = 0.15
CROSSING_SHARE: Final = 0.05
#: Mean length of a column's rows, in characters: prose, not a table's cells.
MIN_ROW_CHARS: Final = 20
#: Reading column by column must be at least this much more probable per row (log10) than row by
#: row: half-lines of a poem side by side read row by row.
MIN_COLUMN_GAIN: Final = 0.0
#: Share of a page's column rows with a sentence or clause mark between two words: prose wraps
#: inside its sentences, a poem's half-lines end with theirs.
PROSE_SHARE: Final = 0.15
#: (a ZWNJ may stand for a space: some fonts map their space glyph to it)
_INNER_MARK: Final = re.compile(r"[^\W\d_][ \u200c]*[.\u060c\u061b\u061f!:][ \u200c]*[^\W\d_]")


@dataclass(frozen=True, slots=True)
class Gutter:
    """Where a page's gutter is (a character position inside it) and what each line holds."""

    position: int
    both: int
    crossing: int


def _visible(line: str) -> str:
    """``line`` as laid out: without its form feed, bidi controls and trailing spaces."""
    return drop_direction_controls(line.lstrip("\f")).rstrip()


def find_gutter(lines: list[str]) -> Gutter | None:
    """The place where most lines of a page hold a run of spaces with text on both sides, or
    ``None`` if there is no such place.

    >>> rows = ["aaaa bbbb     cc dd"] * 4 + ["aaaa", "         cc dd"]
    >>> find_gutter(rows)
    Gutter(position=11, both=4, crossing=0)
    """
    shown = [_visible(line) for line in lines]
    inside: dict[int, int] = {}
    for text in shown:
        start = len(text) - len(text.lstrip(" "))
        for match in re.finditer(f" {{{GUTTER_SPACES},}}", text):
            if match.start() > start:
                for position in range(match.start() + 1, match.end() - 1):
                    inside[position] = inside.get(position, 0) + 1
    if not inside:
        return None
    best = max(inside.values())
    # the middle of the widest stretch of positions that as many lines leave empty
    top = [position for position, count in inside.items() if count == best]
    position = top[len(top) // 2]
    crossing = 0
    for text in shown:
        start = len(text) - len(text.lstrip(" "))
        if start < position < len(text) and text[position] != " ":
            crossing += 1
    return Gutter(position, best, crossing)


def _split(line: str, position: int) -> tuple[str, str]:
    """The left and right parts of ``line`` at ``position`` of its visible text; the bidi controls
    stay with the part they are in (later fixes read them).

    >>> _split("\u202bالف\u202c    \u202bب\u202c", 5)
    ('\u202bالف\u202c', '\u202bب\u202c')
    """
    text = line.lstrip("\f")
    seen = 0
    cut = len(text)
    for index, char in enumerate(text):
        if char in BIDI_CONTROLS:
            continue
        if seen == position:
            cut = index
            break
        seen += 1
    return text[:cut].strip(" "), text[cut:].strip(" ")


def two_columns(lines: list[str]) -> tuple[list[str], list[str]] | None:
    """The right and left columns of a page printed side by side, or ``None`` if it is not one.

    >>> right = ["این سطر ستون راست است. ادامه هم دارد", "و این سطر دوم، همان ستون راست است"] * 3
    >>> left = ["این سطر ستون چپ است. ادامه هم دارد", "و این هم سطر دوم، همان ستون چپ است"] * 3
    >>> page = [f"{b:<40}    {a}" for a, b in zip(right, left)]
    >>> two_columns(page) == (right, left)
    True
    >>> two_columns(["یک    دو", "سه    چهار"] * 4) is None
    True
    """
    written = [line for line in lines if _visible(line)]
    if len(written) < MIN_ROWS:
        return None
    gutter = find_gutter(lines)
    if gutter is None or gutter.both < MIN_ROWS or gutter.both < ROW_SHARE * len(written):
        return None
    if gutter.crossing > CROSSING_SHARE * len(written):
        return None
    parts = [_split(line, gutter.position) for line in lines]
    lefts = [left for left, _ in parts if left]
    rights = [right for _, right in parts if right]
    for side in (lefts, rights):
        if not side or sum(len(text) for text in side) < MIN_ROW_CHARS * len(side):
            return None
        if sum(1 for text in side if has_arabic(text)) < 0.5 * len(side):
            return None
    marked = sum(1 for text in lefts + rights if _INNER_MARK.search(drop_direction_controls(text)))
    if marked < PROSE_SHARE * (len(lefts) + len(rights)):
        return None
    return [right for _, right in parts], [left for left, _ in parts]


def _without_repeated_blanks(lines: list[str]) -> list[str]:
    """``lines`` with runs of blank lines made one, and none at either end."""
    out: list[str] = []
    for line in lines:
        if not line and (not out or not out[-1]):
            continue
        out.append(line)
    while out and not out[-1]:
        out.pop()
    return out


def column_gain(right: list[str], left: list[str], lm: LanguageModel) -> float:
    """How much more probable the page reads column by column (the right column, then the left)
    than row by row, either part of a row first; per row. The words are taken the way round that
    the lexicon knows better (a page in visual order is turned round first).

    A poem whose half-lines stand side by side reads row by row; columns of prose read down.
    """
    def oriented(parts: list[str]) -> list[str]:
        return [reverse_visual_line(part) for part in parts]

    if zwnj_for_spaces(right + left):
        # a font whose space glyph is mapped to a ZWNJ: its words are told apart by them
        right = [part.replace("\N{ZERO WIDTH NON-JOINER}", " ") for part in right]
        left = [part.replace("\N{ZERO WIDTH NON-JOINER}", " ") for part in left]

    as_is = sum(lm.score(words(part)) for part in right + left)
    if sum(lm.score(words(part)) for part in oriented(right + left)) > as_is:
        right, left = oriented(right), oriented(left)

    def reading(parts: list[str]) -> float:
        return lm.score(words(" ".join(parts)))

    columns = reading(right + left)
    rows = max(reading([part for pair in zip(right, left, strict=True) for part in pair]),
               reading([part for pair in zip(left, right, strict=True) for part in pair]))
    return (columns - rows) / max(1, sum(1 for part in right if part))


def split_gutters(planner: Planner, lm: LanguageModel) -> int:
    """Put the columns of every page printed side by side one after the other (the right one first
    when the page is mostly in Arabic script) where they read better that way; return how many
    pages were.

    >>> right = ["در این بخش از گزارش به وضع کتابخانه عمومی", "در شهرهای کوچک پرداختیم. شمار",
    ...          "کتاب و خوانندگان هر کتابخانه را، در سال", "گذشته آوردیم. بیشتر کتابخانه عصر",
    ...          "باز است و در روزهای تعطیل، بسته است. چند", "کتابخانه هر روز هفته باز است."]
    >>> left = ["نویسندگان گزارش پیشنهاد کردند که ساعت کار", "کتابخانه بیشتر شود. برای کودکان و",
    ...         "نوجوانان برنامه کتابخوانی، در تابستان", "برگزار شود. هزینه این برنامه را",
    ...         "شهرداری شهر میپردازد و کتاب را، ناشران", "شهر هدیه کردند تا همه بخوانند."]
    >>> planner = Planner([f"{b:<45}    {a}" for a, b in zip(right, left)], record=False)
    >>> split_gutters(planner, LanguageModel()), planner.lines == right + [""] + left
    (1, True)
    """
    if any("\f" in line.lstrip("\f") for line in planner.lines):
        # a page that begins inside a line (pdfplumber, pypdf): cut there first, but only if the
        # cut pages show columns (a clean text keeps its lines)
        trial = Planner(list(planner.lines), record=False)
        split_page_breaks(trial)
        if any(two_columns(trial.lines[first:end]) for first, end in page_ranges(trial.lines)):
            split_page_breaks(planner)
    pages = 0
    for first, end in reversed(page_ranges(planner.lines)):
        page = planner.lines[first:end]
        columns = two_columns(page)
        if columns is None:
            continue
        right, left = columns
        arabic = sum(1 for line in page if has_arabic(line)) >= 0.5 * sum(1 for line in page if line.strip())
        if not arabic:
            right, left = left, right
        if column_gain(right, left, lm) < MIN_COLUMN_GAIN:
            continue
        out = _without_repeated_blanks([*right, "", *left])
        if page[0].startswith("\f"):
            out[0] = "\f" + out[0]
        pages += planner.replace("split_gutters", first, end - first, out)
    return pages
