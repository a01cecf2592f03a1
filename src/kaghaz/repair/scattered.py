"""Lines of a Typst page that pdfminer.six scattered in pieces over the page.

Typst draws the level runs of a line in logical order, so where a number or a Latin word interrupts
a right-to-left line, the drawing jumps across it and pdfminer.six starts a new text line there.
Its layout analysis then groups the pieces into boxes by alignment: the first (rightmost) piece of
every line sits in the paragraph's box, right-aligned with the full lines, and the other pieces
become boxes of their own, written before or after the paragraph's box in an order that follows
their size, not their place. What is left in the text is

* *anchors*: pieces that start a line (no space before their first word, in logical order);
* *loose pieces*: the rest of such a line, Persian pieces that start with the space after a number
  and the numbers and Latin words themselves.

Every loose Persian piece is put after an anchor near it in the text (between the paragraph boxes
around its own) by a local search over the sum of the lines' scores (:func:`line_score`): a line
must reach the width of a full line, counted in letters, unless it ends its paragraph (no space
after its last piece); the words that meet at each seam and at the end of the line (with the next
anchor) are scored by the pair table; and a piece should be written on the side of the paragraph's
box that its place predicts. Two pieces written in the other order than their lines cost a little
(:data:`CROSSING`): pdfminer.six writes a page's boxes roughly from the top down, and the boxes of
one line from the left (two pieces of a line in the order they are read cost :data:`ORDER_COST`);
a piece and the Persian piece written next to it in its box are on the same line or the next
(:data:`BOX_MATE`), as pdfminer.six boxes lines that touch, from the top down. Two pieces meet
where a number that stands near them fits between them (:data:`SEAM_FIT`: a year after ``سال``,
none before ``درصد``, a Latin word after ``(به انگلیسی:``), and the numbers go between the pieces
where they fit best, the nearest in the text first (:func:`_assign_numbers`); a number that
pdfminer.six grouped with a paragraph's lines only starts a line when pieces go after it, else it
is one of them. A piece the
search finds no place for may go on a line one box with anchors farther away (pdfminer.six writes a
piece at the left of a line before the boxes of the lines above it when it starts far enough to the
left), where that gains; else it stays where it is.

Where the lines stand far apart (a font with tall lines), pdfminer.six writes every line as a box
of its own; the pieces of a line then come one after the other from the left, and
:func:`join_runs` joins each run that ends at a line's first piece and makes a line of the measure.
"""

from __future__ import annotations

import random
import re
import unicodedata
from bisect import bisect_left, bisect_right, insort
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Final

from kaghaz.lexicon import lookup_key
from kaghaz.repair.columns import page_ranges
from kaghaz.repair.langmodel import LanguageModel, pair_tokens
from kaghaz.repair.reverse import reverse_visual_line, swap_ltr_runs
from kaghaz.repair.text import has_arabic
from kaghaz.repair.words import best_lam_alef

#: The page's measure is the width of the Persian line at this rank among those that go on.
FULL_RANK: Final = 0.9
#: ... or, if more, the width of the Persian piece at this rank among all, less :data:`SLACK`.
WIDEST_RANK: Final = 0.98
#: Letters by which a line's width, counted in letters, may miss the page's measure.
SLACK: Final = 4.0
#: Cost per letter that a line that goes on lacks, and per letter that any line is too long.
SHORT_COST: Final = 1.0
LONG_COST: Final = 1.0
#: Most that a short line costs (a table cell, a caption, a line that ends in a long number).
SHORT_CAP: Final = 12.0
#: Two Persian pieces with no number between them.
NO_NUMBER: Final = 2.0
#: Each piece added to a line (the pair scores at its seams must pay for it).
PIECE_COST: Final = 1.0
#: A piece written on the other side of the paragraph's box than its place says.
SIDE_COST: Final = 1.0
#: Distance between two lines, in letters (body text: a letter is about a third of the leading).
LINE_PITCH: Final = 3.0
#: A line that a piece ends its paragraph.
PARAGRAPH_END: Final = 1.5
#: A loose piece left where it was (and so, gained by every piece put back).
UNUSED: Final = 4.0
#: A number in a paragraph's box that starts no line (it sits beside a piece in the middle of one,
#: and so goes between the pieces of a line); a line that starts with a number costs that much less.
IDLE_COST: Final = SHORT_CAP / 2
#: Two loose pieces written in the other order than the lines they are put on (pdfminer.six writes
#: the boxes of a page roughly from the top down, so most pairs keep the order of their lines).
CROSSING: Final = 1.0
#: A line that goes on after a piece with no space after its last letter (a number drawn right
#: after it, as in ``ال۳``, far more often ends a paragraph's last line without a full stop).
GLUED_COST: Final = 2.0
#: A piece not on the line of the piece before it in its box, or the next (pdfminer.six makes a
#: box of lines that touch, and writes them from the top down).
BOX_MATE: Final = 3.0
#: Most box mates a swap of two pieces can put back on their lines (two each).
MOST_BREAKS: Final = 4
#: Two pieces of a line written in the order they are read (pdfminer.six sorts the boxes of one
#: line from the left: the piece read later comes first in 85 % of the pairs on Typst pages).
ORDER_COST: Final = 1.0
#: Room a space takes, in letters.
SPACE_WIDTH: Final = 1.0
#: Longest chain of pieces added to one anchor, and most rounds of moves.
MOST_PIECES: Final = 4
#: Most local searches from shuffled orders, besides the three fixed ones; the search stops when
#: this many in a row found nothing better.
RESTARTS: Final = 40
STALE: Final = 15
ROUNDS: Final = 6
#: Letters a number between two pieces is counted for when it is not known yet.
NUMBER_WIDTH: Final = 3.0
#: Gained per unit of how well the number that fits best between two pieces fits there
#: (:func:`_seam_fit`: a year after ``سال``, none before ``درصد``): pieces meet where a number
#: that stands near them may go between them.
SEAM_FIT: Final = 3.0
#: A letter with a mark that Typst's text layer writes twice for one glyph (``هٔهٔ``, ``اًا``).
_DOUBLED_CLUSTER: Final = re.compile("([\u0621-\u064a\u067e-\u06d3])([\u064b-\u0655])(?:\\1\\2|\\2\\1|\\1)")
_OPENERS: Final = ("(", "[", "\u00ab")
#: A piece that ends in a number goes on (the next piece starts with the space after it).
_ENDS_IN_DIGIT: Final = re.compile("[0-9\u06f0-\u06f9]$")
_ENDS_IN_LETTER: Final = re.compile("[\u0621-\u064a\u066e-\u06d3\u06fa-\u06ff][\u064b-\u0655]*$")
_LETTER_START: Final = re.compile("[\u0621-\u064a\u066e-\u06d3\u06fa-\u06ff(\u00ab\\[]")


@dataclass(frozen=True, slots=True)
class Piece:
    """One line of pdfminer.six's output as it stands (visual order) and what it says."""

    index: int
    box: int
    text: str
    logical: str
    persian: bool
    lead: bool
    trail: bool
    width: float
    #: The line goes on after the piece: a space ends it, or a bracket that opens before a number.
    open_end: bool
    #: A Persian piece that ends in a letter with no space after it: a number or a Latin word drawn
    #: right after its last word may go on the line (``ال۳``), or the paragraph ends there.
    glued: bool = False


def _width(text: str) -> float:
    """Letters and spaces that take room on the page (marks and ZWNJ do not).

    >>> _width(" وژپ ")
    5.0
    >>> _width("نسخه\N{ARABIC HAMZA ABOVE}ه\N{ARABIC HAMZA ABOVE}")
    4.0
    """
    text = _DOUBLED_CLUSTER.sub(r"\1\2", text)
    narrow = text.translate(_NO_ROOM)
    return len(narrow) + (SPACE_WIDTH - 1.0) * narrow.count(" ")


#: ZWNJ and the combining marks of the Basic Multilingual Plane, which take no room.
_NO_ROOM: Final = dict.fromkeys([0x200C, *(code for code in range(0x10000) if unicodedata.combining(chr(code)))])


def pieces_of(lines: list[str], drawn: bool = False) -> list[Piece]:
    """The non-blank lines of a page as pieces, numbered by box (lines between blank lines).
    ``drawn``: the lines are pdfminer.six's, each in the order it was drawn (see :func:`_visual`)."""
    out: list[Piece] = []
    box = 0
    for index, line in enumerate(lines):
        if not line.strip():
            box += 1
            continue
        if drawn:
            line = _visual(line)
        logical = reverse_visual_line(line)
        trail = line.startswith(" ")
        persian = has_arabic(line)
        open_end = trail or _goes_on(logical)
        out.append(Piece(index, box, line, logical, persian, line.endswith(" "), trail, _width(line.strip()),
                         open_end, persian and not open_end and _ENDS_IN_LETTER.search(logical) is not None))
    return out


def _visual(line: str) -> str:
    """A piece in visual order. Typst draws the runs of a line in logical order, each run's
    letters from left to right, and pdfminer.six writes a text line in the order it was drawn: a
    number or Latin word drawn right after the word beside it (``تا ۳۵``) is on that word's text
    line, after it (``ات۳۵``).

    >>> reverse_visual_line(_visual("ات۳۵")), _visual("دش هضرع")
    ('تا۳۵', 'دش هضرع')
    """
    return swap_ltr_runs(line) if has_arabic(line) else line


def _goes_on(logical: str) -> bool:
    """True if a piece with no space after it still goes on: it ends with a bracket that opens, or
    with a number (the next piece starts with the space after it).

    >>> _goes_on("تا۳۵"), _goes_on("(به"), _goes_on("پایان.")
    (True, False, False)
    """
    return logical.endswith(_OPENERS) or _ENDS_IN_DIGIT.search(logical) is not None


def _is_anchor(piece: Piece, anchors_in_box: int) -> bool:
    """True if ``piece`` starts a line: a Persian piece with no space before its first word
    (which is a letter, not a sign that follows a number), or a number among a box's anchors.

    >>> [_is_anchor(p, 2) for p in pieces_of(["سراپ وژپ", " وژپ سکول ", "مدرم ٪", "۴۰۵"])]
    [True, False, False, True]
    """
    if piece.persian:
        start = piece.logical.lstrip()
        return not piece.lead and bool(start) and _LETTER_START.match(start) is not None
    return anchors_in_box >= 2 and not piece.lead and not piece.trail


def _tokens(piece: Piece) -> list[str]:
    return pair_tokens(piece.logical)


#: A word that follows a number this surely (pair score, at most 2.5) does not start a line.
AFTER_NUMBER: Final = 2.0


def _follows_number(tokens: list[str], lm: LanguageModel) -> bool:
    """True if a piece that starts with ``tokens`` goes on after a number written right before it
    (``۸۷۰میلادی``, ``۲۵۷هجری``), which Typst draws as a run of its own: with no space before its
    first word it would pass for a line's start. Lam-alef is read the right way round first
    (Typst's text layer writes ``میالدی``).

    >>> lm = LanguageModel()
    >>> _follows_number(["میالدی", "در"], lm), _follows_number(["در", "سال"], lm)
    (True, False)
    """
    return bool(tokens) and lm.pair("#", best_lam_alef(tokens[0], lm)) > AFTER_NUMBER


@dataclass(frozen=True, slots=True)
class PageRepair:
    """Lines ``start`` to ``start + count`` (one page) are to read ``lines``."""

    start: int
    count: int
    lines: tuple[str, ...]


#: A document is pdfminer.six's output of Typst pages when this share of its Persian lines sit in
#: boxes of several lines (the paragraphs' boxes; pdfminer.six writes most other producers' lines
#: one box each) and at least this many Persian pieces start with the space after a number.
BOXED_SHARE: Final = 0.5
MIN_LOOSE: Final = 1
#: ... and this share of the Persian lines in boxes of several lines start a line (the loose pieces
#: are boxes of their own; justified Word pages and Quartz pages fail this).
STARTS_SHARE: Final = 0.5
#: ... and at most this share of them are padded with two spaces or more at an end.
PADDED_SHARE: Final = 0.2
#: Pages with every line a box of its own (too few in paragraphs' boxes): the document is taken for
#: pdfminer.six's output of Typst pages when at least this many runs of pieces make lines of the
#: measure, and this share of the loose pieces; a line that goes on fills this share of it.
MIN_RUNS: Final = 2
RUN_SHARE: Final = 0.5
RUN_FILL: Final = 0.75


def _padded(parsed: list[list[Piece]]) -> bool:
    """True if many Persian lines of the pages ``parsed`` are padded with runs of spaces: they come
    from an extractor that keeps the layout (pdfplumber's layout=True, pdftotext -layout), as
    pdfminer.six writes one space at most at either end."""
    persian = [p for pieces in parsed for p in pieces if p.persian]
    padded = sum(1 for piece in persian if piece.text.startswith("  ") or piece.text.endswith("  "))
    return padded > PADDED_SHARE * len(persian)


def _scattering(parsed: list[list[Piece]]) -> tuple[float, bool] | None:
    """How pdfminer.six scattered the pages ``parsed``: the measure in letters and whether every
    line is a box of its own (see :func:`join_runs`); ``None`` if they show no scattering."""
    persian = [p for pieces in parsed for p in pieces if p.persian]
    boxed: list[Piece] = []
    for pieces in parsed:
        sizes: dict[int, int] = {}
        for piece in pieces:
            sizes[piece.box] = sizes.get(piece.box, 0) + 1
        boxed += [piece for piece in pieces if piece.persian and sizes[piece.box] > 1]
    loose = sum(1 for piece in persian if piece.lead)
    starts = sum(1 for piece in boxed if not piece.lead)
    # every line a box of its own: the pieces of a line come one after the other (see join_runs)
    runs = len(boxed) < BOXED_SHARE * len(persian)
    if loose < MIN_LOOSE or (not runs and starts < STARTS_SHARE * len(boxed)):
        return None
    full = _measure(persian)
    if full is None:
        return None
    if runs:
        found = [_runs(pieces, full) for pieces in parsed]
        joined = sum(1 for page in found for run in page if len(run) > 1)
        # loose pieces that runs took in (a line cut by several numbers has several)
        taken = sum(1 for pieces, page in zip(parsed, found, strict=True) for run in page if len(run) > 1
                    for i in run if pieces[i].persian and pieces[i].lead)
        if joined < MIN_RUNS or taken < RUN_SHARE * loose:
            return None
    return full, runs


def _measure(persian: list[Piece]) -> float | None:
    """The width of a full line in letters, from the Persian pieces of some pages (``None`` if no
    piece starts a line that goes on).

    >>> _measure(pieces_of([" وژپ سراپ", "سراپ", " سراپ "]))
    8.0
    """
    widths = sorted(p.width for p in persian if p.trail and not p.lead)
    if not widths:
        return None
    full = widths[int(FULL_RANK * (len(widths) - 1))]
    # where numbers cut most lines, the pieces that start lines are short: the widest pieces of
    # all tell the measure then
    every = sorted(p.width for p in persian)
    return max(full, every[int(WIDEST_RANK * (len(every) - 1))] - SLACK)


def scattered_pages(lines: list[str], lm: LanguageModel) -> list[PageRepair]:
    """The pages of a document written by pdfminer.six from a Typst PDF, with their scattered
    lines put back together (see the module's description); nothing for any other text."""
    pages = page_ranges(lines)
    parsed = [pieces_of([_no_feed(line) for line in lines[start:stop]]) for start, stop in pages]
    if _padded(parsed):
        return []
    found = _scattering(parsed)
    if found is None:
        return _tanwin_pages(lines, pages)
    full, runs = found
    chosen = [True] * len(pages)
    if not runs:
        # a window of a long stream may hold other documents' pages too: only the pages that show
        # the scattering on their own are searched, with the measure of those pages
        chosen = [_shows_scattering(pieces) for pieces in parsed]
        full = _measure([p for pieces, keep in zip(parsed, chosen, strict=True) if keep
                         for p in pieces if p.persian]) or full
    out: list[PageRepair] = []
    for (start, stop), keep in zip(pages, chosen, strict=True):
        page_lines = lines[start:stop]
        body_start = 0
        while body_start < len(page_lines) and not _no_feed(page_lines[body_start]).strip():
            body_start += 1
        body_stop = len(page_lines)
        while body_stop > body_start and not page_lines[body_stop - 1].strip():
            body_stop -= 1
        body = [_no_feed(line) for line in page_lines[body_start:body_stop]]
        mended = mend_tanwin_lines(body)
        rebuilt = join_runs(mended, full) if runs else reassemble_page(mended, lm, full) if keep else None
        if rebuilt is None:
            if mended == body:
                continue
            rebuilt = mended
        new = [*page_lines[:body_start], *rebuilt, *page_lines[body_stop:]]
        if page_lines[0].startswith("\f") and not new[0].startswith("\f"):
            new[0] = "\f" + new[0]
        out.append(PageRepair(start, stop - start, tuple(new)))
    return out


def _shows_scattering(pieces: list[Piece]) -> bool:
    """True if one page on its own shows lines scattered over paragraphs' boxes."""
    found = _scattering([pieces])
    return found is not None and not found[1] and not _padded([pieces])


def _tanwin_pages(lines: list[str], pages: list[tuple[int, int]]) -> list[PageRepair]:
    """The pages of a document whose pieces are not scattered (few numbers) with only their lines
    cut after a word with alef and fathatan put back (:func:`mend_tanwin_lines`)."""
    out: list[PageRepair] = []
    if not any(line.rstrip().endswith(_TANWIN_ALEF) for line in lines):
        return out
    for start, stop in pages:
        page_lines = [_no_feed(line) for line in lines[start:stop]]
        mended = mend_tanwin_lines(page_lines)
        if mended != page_lines:
            if lines[start].startswith("\f"):
                mended[0] = "\f" + mended[0]
            out.append(PageRepair(start, stop - start, tuple(mended)))
    return out


#: Alef with fathatan as pdfminer.six writes it at the (visual) end of a line.
_TANWIN_ALEF: Final = "\N{ARABIC LETTER ALEF}\N{ARABIC FATHATAN}"


def mend_tanwin_lines(lines: list[str]) -> list[str]:
    """The lines of a page with each line that ends in a word with alef and fathatan (``مثلاً``)
    put back before the next line. Typst draws that alef and fathatan again at the start of the
    next line, and pdfminer.six then writes the next line first, starting with them (visual order:
    ending with `` اً``), and the line itself right after it, its last word without the fathatan
    or with it.

    >>> page = [" دنریگیم اجکی اً", "", "الومعم ؟درک دیرخ"]
    >>> [reverse_visual_line(line) for line in mend_tanwin_lines(page)]
    ['خرید کرد؟ معمولاً ', '', 'یکجا میگیرند ']
    """
    out = list(lines)
    index = 0
    while index < len(out):
        line = out[index].rstrip()
        if not line.endswith(" " + _TANWIN_ALEF) or not line[:-len(_TANWIN_ALEF)].strip():
            index += 1
            continue
        after = next((j for j in range(index + 1, len(out)) if out[j].strip()), None)
        if after is None:
            index += 1
            continue
        head = out[after]
        first = head.split(" ", 1)[0]
        if len(first) < 3 or not first.startswith("\N{ARABIC LETTER ALEF}"):
            index += 1
            continue
        if not first.startswith(_TANWIN_ALEF):
            # the fathatan written before the alef, as a line turned round letter by letter has it
            head = "\N{ARABIC FATHATAN}" + head
        # the line goes on after its last word (the space before the next line's first)
        out[index], out[after] = " " + head, line[:-len(_TANWIN_ALEF) - 1]
        index = after + 1
    return out


def join_runs(lines: list[str], full: float) -> list[str] | None:
    """The lines of a page that pdfminer.six wrote one box each, with the pieces of every line
    joined (``None`` if there were none). With no paragraph's box to gather them, the boxes of one
    line are grouped first and written from the left: a line's pieces come one after the other,
    its first (rightmost) piece last. A run of pieces that ends at a piece that starts a line is
    joined when it makes a line of the page's measure, ``full`` letters (or shorter where its last
    piece ends a paragraph); a run too long for one line is cut after a number that starts one.

    >>> page = [" .دیسر نارهت هب ", "", "۱۳۹۸", "", " لاس رد شرازگ نیا", "", "دش رشتنم"]
    >>> reverse_visual_line(join_runs(page, 36.0)[0])
    'این گزارش در سال ۱۳۹۸ به تهران رسید. '
    """
    pieces = pieces_of(lines, drawn=True)
    rows = _runs(pieces, full)
    if all(len(row) == 1 for row in rows):
        return None
    out: list[str] = []
    for row in rows:
        if out:
            out.append("")
        out.append("".join(pieces[i].text for i in row))
    return out


def _runs(pieces: list[Piece], full: float) -> list[list[int]]:
    """The rows of a page written one box a line (see :func:`join_runs`): each a list of pieces,
    those not joined one a row."""
    rows: list[list[int]] = []
    pending: list[int] = []
    for i, piece in enumerate(pieces):
        if not (piece.persian and _is_anchor(piece, 0)):
            pending.append(i)
            continue
        run = [*pending, i]
        pending = []
        cut = next((k for k in range(1, len(run) - 1) if _fits(pieces, run[:k], full, True)
                    and _fits(pieces, run[k:], full) and not pieces[run[k - 1]].persian), None)
        if _fits(pieces, run, full):
            rows.append(run)
        elif cut is not None:
            rows += [run[:cut], run[cut:]]
        else:
            rows += [[j] for j in run]
    return rows + [[j] for j in pending]


def _fits(pieces: list[Piece], run: list[int], full: float, filled: bool = False) -> bool:
    """True if the pieces ``run`` (from the left) make one line: its first piece (the rightmost)
    starts a line, a number or a Latin word stands between every two Persian pieces, and the line
    fills the measure unless its last piece ends a paragraph (``filled``: even then)."""
    first, last = pieces[run[-1]], pieces[run[0]]
    if len(run) < 2 or (first.persian and first.lead):
        return False
    if any(pieces[j].persian and pieces[k].persian for j, k in pairwise(run)):
        return False  # a number or a Latin word stands between every two pieces
    width = _width("".join(pieces[j].text for j in run).strip())
    if width > full + SLACK:
        return False
    return not (filled or last.open_end or not last.persian) or width >= RUN_FILL * full


def _no_feed(line: str) -> str:
    return line.lstrip("\f")


@dataclass(frozen=True, slots=True)
class _Page:
    """What the search over one page needs."""

    pieces: list[Piece]
    tokens: list[list[str]]
    anchors: list[int]
    zones: dict[int, set[int]]
    following: dict[int, tuple[str | None, float]]
    full: float
    lm: LanguageModel
    rows: dict[int, tuple[float, float]]
    memo: dict[tuple[int, ...], float]
    #: For every loose piece, the Persian pieces written right before and after it in its box.
    mates: dict[int, tuple[int, ...]] = field(default_factory=dict)
    #: Each anchor's place among the page's lines.
    line_of: dict[int, int] = field(default_factory=dict)
    #: For every anchor, the sorts of the numbers and Latin words that may go on its line.
    kinds: dict[int, frozenset[str]] = field(default_factory=dict)
    #: How well the numbers fit between two pieces on an anchor's line (see :func:`_seam_fit`).
    fits: dict[tuple[int, int, int], int] = field(default_factory=dict)


def reassemble_page(lines: list[str], lm: LanguageModel, full: float) -> list[str] | None:
    """The lines of one page with every scattered line put back together (visual order, one line
    each), or ``None`` if the page shows no scattering; ``full`` is the measure in letters.

    >>> first = " وژپ ) هتفای هرهچ رییغت( تفیل سیف وردوخ نیا .تسا وردوخ ناریا تلاوصحم زا ییوردوخ ایشرپ وژپ"
    >>> third = " بلاقنا کی ناونع هب شدوخ نامز رد وردوخ نیا .دنراد سراپ وژپ اب یکرتشم یحارط ود نیا و دیدرگ یم بوسحم"
    >>> page = [" وژپ نامز نآ رد هولاع هب .دش هضرع ", "", "سراپ وژپ", first, "۴۰۵", third]
    >>> rebuilt = reassemble_page(page, LanguageModel(), 40.0)
    >>> reverse_visual_line(rebuilt[2])
    '۴۰۵ عرضه شد. به عالوه در آن زمان پژو '
    """
    pieces = pieces_of(lines, drawn=True)
    per_box: dict[int, int] = {}
    for piece in pieces:
        if piece.persian and _is_anchor(piece, 0):
            per_box[piece.box] = per_box.get(piece.box, 0) + 1
    sizes: dict[int, int] = {}
    for piece in pieces:
        sizes[piece.box] = sizes.get(piece.box, 0) + 1
    tokens = [_tokens(p) for p in pieces]
    anchors = [i for i, p in enumerate(pieces) if _is_anchor(p, per_box.get(p.box, 0))
               and not (sizes[p.box] == 1 and _follows_number(tokens[i], lm))]
    anchor_set = set(anchors)
    loose = [i for i in range(len(pieces)) if i not in anchor_set and pieces[i].persian]
    numbers = [i for i in range(len(pieces)) if i not in anchor_set and not pieces[i].persian]
    if not loose or not anchors:
        return None
    zones = _zones(pieces, anchor_set)
    following: dict[int, tuple[str | None, float]] = {}
    for position, anchor in enumerate(anchors):
        after = anchors[position + 1] if position + 1 < len(anchors) else None
        if after is None or not tokens[after]:
            following[anchor] = (None, 0.0)
        else:
            following[anchor] = (tokens[after][0], _width(pieces[after].logical.split()[0]) + 1)
    page = _Page(pieces, tokens, anchors, zones, following, full, lm, _rows(pieces, anchors, full), {},
                 _box_mates(pieces, loose), {a: k for k, a in enumerate(anchors)},
                 _kinds(pieces, anchors, numbers, zones))
    chains = _search(page, loose)
    _place_leftovers(page, loose, chains, _zones(pieces, anchor_set, WIDE_ZONE))
    if not any(chains.values()):
        return None
    idle = [a for a in anchors if not chains[a] and not pieces[a].persian]
    for anchor in anchors:
        # an idle number may go on its own box's lines and those of the boxes beside it
        zones[anchor] |= {n for n in idle if _box_near(pieces, zones[anchor] | {anchor}, n)}
    return _write(pieces, anchors, tuple(tuple(chains[a]) for a in anchors), sorted(numbers + idle), zones)


#: Boxes with anchors that a piece the search left over may reach past (see :func:`_place_leftovers`).
WIDE_ZONE: Final = 2


def _place_leftovers(page: _Page, loose: list[int], chains: dict[int, list[int]],
                     wide: dict[int, set[int]]) -> None:
    """Put each loose piece that the search left where it was on the line where it gains most
    among the anchors a little farther away (``wide``), the widest piece first, the other lines
    as they are: pdfminer.six writes a piece on the left of a line before the boxes of the lines
    above it when it starts far enough to the left."""
    where = {i: anchor for anchor, chain in chains.items() for i in chain}
    for piece in sorted((i for i in loose if i not in where), key=lambda i: -page.pieces[i].width):
        cost = _placement_cost(page, where, piece)
        best_gain, best = 0.0, None
        for anchor in page.anchors:
            chain = chains[anchor]
            if piece not in wide[anchor] or len(chain) >= MOST_PIECES:
                continue
            old = line_score(page, anchor, chain) + cost(anchor)
            for at in range(len(chain) + 1):
                trial = [*chain[:at], piece, *chain[at:]]
                gain = line_score(page, anchor, trial) - old + UNUSED
                if gain > best_gain + 1e-9:
                    best_gain, best = gain, (anchor, trial)
        if best is not None:
            chains[best[0]] = best[1]
            where[piece] = best[0]


def _box_near(pieces: list[Piece], zone: set[int], number: int) -> bool:
    """True if ``number``'s box is one of ``zone``'s pieces' boxes or next to one.

    >>> _box_near(pieces_of(["سراپ وژپ", "", "۴۰۵", "", "", "۱۲"]), {0}, 1)
    True
    """
    boxes = {pieces[j].box for j in zone}
    return any(pieces[number].box + step in boxes for step in (-1, 0, 1))


def _rows(pieces: list[Piece], anchors: list[int], full: float) -> dict[int, tuple[float, float]]:
    """For each anchor in a paragraph's box (three lines or more): how many lines below the box's
    middle it sits, and how far the box reaches from the right margin (in letters)."""
    per_box: dict[int, list[int]] = {}
    for i, piece in enumerate(pieces):
        per_box.setdefault(piece.box, []).append(i)
    rows: dict[int, tuple[float, float]] = {}
    for i in anchors:
        members = per_box[pieces[i].box]
        if len(members) >= 3:
            reach = max(full, *(pieces[j].width for j in members))
            rows[i] = (members.index(i) - (len(members) - 1) / 2, reach)
    return rows


def _written_before(page: _Page, anchor: int, right: float) -> bool | None:
    """Whether pdfminer.six writes a piece of ``anchor``'s line whose left edge is ``right``
    letters from the right margin before the paragraph's box (``None``: the line is in no such
    box). Its boxes are sorted by ``x0 / 2 - 3 * middle``: a piece goes first when it sits
    higher than the box's middle by a sixth of how far right of the box's left edge it starts.
    """
    found = page.rows.get(anchor)
    if found is None:
        return None
    below, reach = found
    return below * LINE_PITCH < -(reach - right) / 6


def _zones(pieces: list[Piece], anchors: set[int], reach: int = 1) -> dict[int, set[int]]:
    """For every anchor, the pieces that may belong to its line: those between the box before its
    own that holds an anchor and the box after it that holds one (``reach``: the boxes that many
    boxes with anchors away)."""
    boxes_with_anchor = sorted({pieces[i].box for i in anchors})
    zones: dict[int, set[int]] = {}
    for i in anchors:
        box = pieces[i].box
        at = boxes_with_anchor.index(box)
        low = boxes_with_anchor[at - reach] if at >= reach else -1
        high = boxes_with_anchor[at + reach] if at + reach < len(boxes_with_anchor) else 1 << 30
        zones[i] = {j for j, p in enumerate(pieces) if low < p.box < high and j not in anchors}
    return zones


def line_score(page: _Page, anchor: int, chain: list[int]) -> float:
    """The score of the line that starts with ``anchor`` and goes on with ``chain`` (a number
    between every two Persian pieces): the word pairs at its seams, a cost per piece, how far its
    width misses the measure, and how its last word goes on to the next line."""
    key = (anchor, *chain)
    found = page.memo.get(key)
    if found is None:
        found = page.memo[key] = _line_score(page, anchor, chain)
    return found


def _kinds(pieces: list[Piece], anchors: list[int], numbers: list[int],
           zones: dict[int, set[int]]) -> dict[int, frozenset[str]]:
    """For every anchor, the sorts of the numbers that may go on its line."""
    kinds = {n: _kind(pieces[n].logical.strip()) for n in numbers}
    return {a: frozenset(kinds[n] for n in numbers if n in zones[a]) for a in anchors}


def _seam_fit(page: _Page, anchor: int, before: int, after: int) -> int:
    """How well the number that fits best of those that may go on ``anchor``'s line fits between
    the pieces ``before`` and ``after`` (:func:`_fit`; 0 if there is none)."""
    key = (anchor, before, after)
    found = page.fits.get(key)
    if found is None:
        left, right = page.pieces[before].logical.strip(), page.pieces[after].logical.strip()
        tokens = page.tokens
        context = _context(left, right, tokens[before][-1] if tokens[before] else "",
                           tokens[after][0] if tokens[after] else "")
        found = page.fits[key] = max((_fit(kind, context) for kind in page.kinds.get(anchor, ())), default=0)
    return found


def _line_score(page: _Page, anchor: int, chain: list[int]) -> float:
    pieces, tokens, lm = page.pieces, page.tokens, page.lm
    if not chain and not pieces[anchor].persian:
        return -IDLE_COST
    width = pieces[anchor].width
    score = 0.0
    last = anchor
    for i in chain:
        before = pieces[last]
        if before.persian and not before.open_end:
            if not before.glued:
                return float("-inf")  # nothing follows the end of a paragraph
            score -= GLUED_COST
        first = tokens[i][0] if tokens[i] else None
        if before.persian:
            width += NUMBER_WIDTH
            if first is not None and tokens[last]:
                score += lm.pair(tokens[last][-1], "#") + lm.pair("#", first)
            score += SEAM_FIT * _seam_fit(page, anchor, last, i)
        elif first is not None:
            score += lm.pair("#", first)
        score -= PIECE_COST
        width += pieces[i].width
        side = _written_before(page, anchor, width)
        if side is not None and side != (pieces[i].box < pieces[anchor].box):
            score -= SIDE_COST
        last = i
    # pdfminer.six writes the boxes of one line from the left, so the later piece comes first
    score -= ORDER_COST * sum(1 for at, i in enumerate(chain) for j in chain[at + 1:] if j > i)
    end = pieces[last]
    score -= LONG_COST * max(0.0, width - page.full - SLACK)
    if chain and end.persian and not end.open_end:
        score -= PARAGRAPH_END
    if end.open_end or not end.persian:
        # the line broke there because the next word did not fit
        next_first, next_width = page.following[anchor]
        score -= min(SHORT_CAP, SHORT_COST * max(0.0, page.full - next_width - SLACK - width))
        if next_first is not None and tokens[last]:
            score += lm.pair(tokens[last][-1], next_first)
    return score


def _search(page: _Page, loose: list[int]) -> dict[int, list[int]]:
    """The best of the local searches that start from the widest pieces, from the first in the
    text, from the last and from a few shuffled orders (a local search stops at the first
    arrangement that no single move or swap improves, and which one that is depends on the order
    the pieces are tried in)."""
    orders = [sorted(loose, key=lambda i: -page.pieces[i].width), list(loose), list(reversed(loose))]
    shuffler = random.Random(len(loose))  # the same orders for the same page: repairs repeat
    for _ in range(RESTARTS):
        order = list(loose)
        shuffler.shuffle(order)
        orders.append(order)
    best: tuple[float, dict[int, list[int]]] | None = None
    tried: set[tuple[int, ...]] = set()
    stale = 0
    for order in orders:
        if tuple(order) in tried:
            continue
        tried.add(tuple(order))
        stale += 1
        if stale > STALE:
            break
        chains = _improve(page, loose, order)
        total = _total(page, loose, chains)
        if best is None or total > best[0] + 1e-9:
            best = (total, chains)
            stale = 0
    assert best is not None
    return best[1]


def _total(page: _Page, loose: list[int], chains: dict[int, list[int]]) -> float:
    """The score of a whole arrangement: its lines, the loose pieces left where they were, the
    pairs that cross and the box mates broken."""
    used = sum(len(chain) for chain in chains.values())
    where = {i: a for a, chain in chains.items() for i in chain}
    return (sum(line_score(page, a, chains[a]) for a in page.anchors) - UNUSED * (len(loose) - used)
            - CROSSING * _crossing_pairs(where) - BOX_MATE * _mate_breaks(page, where, where))


def _improve(page: _Page, loose: list[int], order: list[int]) -> dict[int, list[int]]:
    """Put every loose piece where it scores best, one piece at a time in ``order``, until no
    move gains."""
    chains: dict[int, list[int]] = {a: [] for a in page.anchors}
    scores = {a: line_score(page, a, []) for a in page.anchors}
    where: dict[int, int] = {}
    homes = {i: [a for a in page.anchors if i in page.zones[a]] for i in loose}
    memo = page.memo
    # each piece's placement costs, kept while no piece moves (``changes`` counts the moves)
    costs: dict[int, tuple[int, Callable[[int], float]]] = {}
    changes = 0
    for _ in range(ROUNDS):
        moved = False
        for piece in order:
            current = where.get(piece)
            if current is None and not homes[piece]:
                continue  # (no line it may go on)
            cached = costs.get(piece)
            if cached is None or cached[0] != changes:
                cached = costs[piece] = (changes, _placement_cost(page, where, piece))
            cost = cached[1]
            if current is not None:
                without = [i for i in chains[current] if i != piece]
                removal = line_score(page, current, without) - scores[current]
                removal += cost(current)
                best_gain, best = removal - UNUSED, None
            else:
                without, removal = [], UNUSED
                best_gain, best = 0.0, None
            for anchor in homes[piece]:
                chain = without if anchor == current else chains[anchor]
                if len(chain) >= MOST_PIECES:
                    continue
                old = line_score(page, anchor, chain) if anchor == current else scores[anchor]
                crossing = cost(anchor)
                for at in range(len(chain) + 1):
                    key = (anchor, *chain[:at], piece, *chain[at:])
                    found = memo.get(key)
                    if found is None:
                        found = line_score(page, anchor, list(key[1:]))
                    gain = found - old - crossing + removal
                    if gain > best_gain + 1e-9:
                        best_gain, best = gain, (anchor, list(key[1:]))
            if best is None:
                if current is not None and best_gain > 1e-9:
                    chains[current] = without
                    scores[current] = line_score(page, current, without)
                    del where[piece]
                    moved = True
                    changes += 1
                continue
            anchor, trial = best
            if anchor == current and trial == chains[anchor]:
                continue  # (it stays where it is)
            if current is not None and current != anchor:
                chains[current] = without
                scores[current] = line_score(page, current, without)
            chains[anchor] = trial
            scores[anchor] = line_score(page, anchor, trial)
            where[piece] = anchor
            moved = True
            changes += 1
        if _swap(page, chains, scores, where, order):
            moved = True
            changes += 1
        if not moved and _place_pair(page, chains, scores, where, homes):
            moved = True
            changes += 1
        if not moved:
            break
    return chains


def _place_pair(page: _Page, chains: dict[int, list[int]], scores: dict[int, float], where: dict[int, int],
                homes: dict[int, list[int]]) -> bool:
    """Put two pieces left over side by side on the line where that gains most, if any does (a
    piece alone cannot go where the line is only right with both)."""
    unplaced = [i for i in homes if i not in where and homes[i]]
    if len(unplaced) < 2:
        return False
    costs = {i: _placement_cost(page, where, i) for i in unplaced}
    best_gain, best = 1e-9, None
    for first in unplaced:
        for second in unplaced:
            if second == first:
                continue
            for anchor in homes[first]:
                chain = chains[anchor]
                if anchor not in homes[second] or len(chain) + 2 > MOST_PIECES:
                    continue
                base = scores[anchor] + costs[first](anchor) + costs[second](anchor) - 2 * UNUSED
                for at in range(len(chain) + 1):
                    trial = [*chain[:at], first, second, *chain[at:]]
                    gain = line_score(page, anchor, trial) - base
                    if gain > best_gain:
                        best_gain, best = gain, (anchor, trial)
    if best is None:
        return False
    anchor, trial = best
    chains[anchor] = trial
    scores[anchor] = line_score(page, anchor, trial)
    for piece in trial:
        where[piece] = anchor
    return True


def _swap(page: _Page, chains: dict[int, list[int]], scores: dict[int, float],
          where: dict[int, int], order: list[int]) -> bool:
    """Swap two pieces of different lines wherever that gains (a piece alone cannot move there
    when each line is only right with the other's piece)."""
    moved = False
    counters: dict[int, Callable[[int], int]] = {}

    def crossings(piece: int, anchor: int) -> int:
        if piece not in counters:
            counters[piece] = _crossing_counter(where, piece)
        return counters[piece](anchor)

    placed = [piece for piece in order if piece in where]  # (a swap leaves no piece unplaced)
    memo = page.memo
    for first in placed:
        for second in placed:
            if first >= second:
                continue
            a, b = where[first], where[second]
            if a == b or second not in page.zones[a] or first not in page.zones[b]:
                continue
            new_a = [second if i == first else i for i in chains[a]]
            new_b = [first if i == second else i for i in chains[b]]
            score_a = memo.get((a, *new_a))
            if score_a is None:
                score_a = line_score(page, a, new_a)
            score_b = memo.get((b, *new_b))
            if score_b is None:
                score_b = line_score(page, b, new_b)
            gain = score_a + score_b - scores[a] - scores[b]
            before = crossings(first, a) + crossings(second, b)
            if gain + CROSSING * before + BOX_MATE * MOST_BREAKS <= 1e-9:
                continue  # (neither the crossings nor the box mates can make up for it)
            # each piece also meets the other on its new line (once: the pair either crosses or not)
            after = crossings(first, b) + crossings(second, a) + 2 * ((second < first) != (a < b))
            gain -= CROSSING * (after - before)
            if page.mates.get(first) or page.mates.get(second):
                gain -= BOX_MATE * (_mate_breaks(page, {**where, first: b, second: a}, {first, second})
                                    - _mate_breaks(page, where, {first, second}))
            if gain > 1e-9:
                chains[a], chains[b] = new_a, new_b
                scores[a], scores[b] = score_a, score_b
                where[first], where[second] = b, a
                counters.clear()
                moved = True
    return moved


def _box_mates(pieces: list[Piece], loose: list[int]) -> dict[int, tuple[int, ...]]:
    """For every loose piece, the Persian pieces right before and after it in the same box.

    >>> _box_mates(pieces_of([" وژپ", " سراپ", "۴۰۵", " یدنچ", "", " هب"]), [0, 1, 3, 4])
    {0: (1,), 1: (0,), 3: (), 4: ()}
    """
    out: dict[int, tuple[int, ...]] = {}
    for i in loose:
        out[i] = tuple(j for j in (i - 1, i + 1) if 0 <= j < len(pieces) and pieces[j].box == pieces[i].box
                       and pieces[j].persian)
    return out


def _mate_breaks(page: _Page, where: dict[int, int], among: dict[int, int] | set[int]) -> int:
    """How many pairs of Persian pieces written one after the other in a box, one of them in
    ``among`` and both on lines (``where``: loose piece to anchor), are not on the same line or
    the next: pdfminer.six makes a box of lines that touch and writes them from the top down."""
    count = 0
    for i in among:
        line = where.get(i)
        if line is None:
            continue
        for mate in page.mates.get(i, ()):
            if mate in among and mate < i:
                continue  # counted from the mate
            other = mate if mate in page.line_of else where.get(mate)
            if other is None:
                continue
            gap = page.line_of[other] - page.line_of[line]
            if not (0 <= gap <= 1 if mate > i else -1 <= gap <= 0):
                count += 1
    return count


def _placement_cost(page: _Page, where: dict[int, int], piece: int) -> Callable[[int], float]:
    """What putting ``piece`` on the line of an anchor costs against the other pieces on lines
    (``where``): the pairs it crosses (:data:`CROSSING`) and its box mates it leaves
    (:data:`BOX_MATE`)."""
    crossings = _crossing_counter(where, piece)
    lines = [(mate if mate in page.line_of else where.get(mate), mate > piece) for mate in page.mates.get(piece, ())]
    known = [(page.line_of[line], after) for line, after in lines if line is not None]

    def cost(anchor: int) -> float:
        at = page.line_of[anchor]
        breaks = sum(1 for line, after in known if not (0 <= (line - at if after else at - line) <= 1))
        return CROSSING * crossings(anchor) + BOX_MATE * breaks

    def crossing_cost(anchor: int) -> float:
        return CROSSING * crossings(anchor)

    return cost if known else crossing_cost


def _crossing_counter(where: dict[int, int], piece: int) -> Callable[[int], int]:
    """How many of the pieces put on lines (``where``: piece to anchor) other than ``piece`` stand
    in the other order than their lines to ``piece`` put on a line, as a function of that line's
    anchor.

    >>> _crossing_counter({1: 10, 3: 20, 5: 30}, 4)(10), _crossing_counter({1: 10, 3: 20, 5: 30}, 4)(20)
    (1, 0)
    """
    before: list[int] = []
    after: list[int] = []
    for other, line in where.items():
        if other < piece:
            before.append(line)
        elif other > piece:
            after.append(line)
    before.sort()
    after.sort()
    count = len(before)
    return lambda anchor: count - bisect_right(before, anchor) + bisect_left(after, anchor)


def _crossing_pairs(where: dict[int, int]) -> int:
    """How many pairs of the pieces put on lines (``where``: piece to anchor) stand in the other
    order than their lines.

    >>> _crossing_pairs({1: 10, 3: 30, 4: 10, 5: 20})
    2
    """
    seen: list[int] = []
    count = 0
    for _, line in sorted(where.items()):
        count += len(seen) - bisect_right(seen, line)
        insort(seen, line)
    return count


def _write(pieces: list[Piece], anchors: list[int], chains: tuple[tuple[int, ...], ...],
           numbers: list[int], zones: dict[int, set[int]]) -> list[str]:
    """The page with each anchor's line written whole (visual order), the numbers put between
    its pieces, and the pieces and numbers left over where they were."""
    seams = [(anchor, previous, i) for anchor, chain in zip(anchors, chains, strict=True)
             for previous, i in zip((anchor, *chain), chain, strict=False) if pieces[previous].persian]
    chosen = _assign_numbers(pieces, seams, numbers, zones)
    placed: set[int] = set(chosen.values())
    built: dict[int, str] = {}
    for anchor, chain in zip(anchors, chains, strict=True):
        if not chain:
            continue
        logical_parts = [pieces[anchor].text]
        for i in chain:
            number = chosen.get(i)
            if number is not None:
                logical_parts.append(pieces[number].text)
            logical_parts.append(pieces[i].text)
            placed.add(i)
        built[anchor] = "".join(reversed(logical_parts))
    out: list[str] = []
    previous_box = None
    for position, piece in enumerate(pieces):
        if position in placed:
            continue
        if previous_box is not None and piece.box != previous_box:
            out.append("")
        out.append(built.get(position, piece.text))
        previous_box = piece.box
    return out


#: What a place between two pieces loses per number nearer to the piece after it than the one put
#: there (the nearest in the text, in the boxes of the two pieces first), and gains per unit of
#: :func:`_fit` (a year after ``سال``, none before ``درصد``).
RANK_COST: Final = 0.25
FIT_GAIN: Final = 1.0


def _assign_numbers(pieces: list[Piece], seams: list[tuple[int, int, int]], numbers: list[int],
                    zones: dict[int, set[int]]) -> dict[int, int]:
    """For each place between two Persian pieces (``seams``: anchor, the piece before, the piece
    after), the number put there, by the piece after it: the best pairs of place and number
    first, a pair scoring by how near the number is written and how it fits the words beside it.

    >>> pieces = pieces_of(["لاس رد", "۱۹۲۰", "۴", " تسا"])
    >>> _assign_numbers(pieces, [(0, 0, 3)], [1, 2], {0: {1, 2, 3}})
    {3: 1}
    """
    pairs: list[tuple[float, int, int]] = []
    for rank_of_seam, (anchor, previous, i) in enumerate(seams):
        near = sorted((n for n in numbers if n in zones[anchor]), key=lambda n: _closeness(pieces, previous, i, n))
        context = _context(pieces[previous].logical.strip(), pieces[i].logical.strip())
        for rank, n in enumerate(near):
            fit = _fit(_kind(pieces[n].logical.strip()), context)
            pairs.append((FIT_GAIN * fit - RANK_COST * rank, rank_of_seam, n))
    pairs.sort(key=lambda pair: (-pair[0], pair[1], pair[2]))
    chosen: dict[int, int] = {}
    taken: set[int] = set()
    for _, seam, n in pairs:
        i = seams[seam][2]
        if i in chosen or n in taken:
            continue
        chosen[i] = n
        taken.add(n)
    return chosen


def _closeness(pieces: list[Piece], previous: int, i: int, n: int) -> tuple[bool, int, int]:
    """How near ``n`` is written to the place between ``previous`` and ``i``: in the boxes of the
    two pieces first, then by how far from ``i``, the earlier on a tie."""
    return (pieces[n].box not in (pieces[i].box, pieces[previous].box), abs(n - i), n)


def _folded(words: str) -> frozenset[str]:
    return frozenset(lookup_key(word) for word in words.split())


#: A year, a number of one or two digits, a fraction.
_YEAR: Final = re.compile("[12\u06f1\u06f2][0-9\u06f0-\u06f9]{3}")
_SMALL: Final = re.compile("[0-9\u06f0-\u06f9]{1,2}")
_DECIMAL: Final = re.compile("[0-9\u06f0-\u06f9]+[./\u066b\u066c][0-9\u06f0-\u06f9]+")
#: Months (Iranian and Gregorian): a day's number before them, a year after them.
_MONTHS: Final = _folded("فروردین اردیبهشت خرداد تیر مرداد شهریور مهر آبان آذر دی بهمن اسفند ژانویه فوریه مارس "
                         "آوریل مه ژوئن ژوئیه جولای اوت آگوست سپتامبر اکتبر نوامبر دسامبر")
#: Words a year follows (``سال ۱۳۹۸``) and words that follow one (``۱۹۲۳ میلادی``, ``۲۵۷ هجری``).
_BEFORE_YEAR: Final = _folded("سال سال\u200cهای سالهای دهه فصل تاریخ") | _MONTHS
_AFTER_YEAR: Final = _folded("میلادی شمسی خورشیدی هجری قمری")
#: Units and words that count what a number before them counts: no year stands before them.
_COUNTED: Final = _folded("درصد بار میلیون میلیارد هزار نفر سال سالگی ساله ماه هفته روز ساعت دقیقه ثانیه متر "
                          "کیلومتر کیلومتری سانتیمتر کیلوگرم گرم تن درجه مرتبه برابر دلار یورو تومان ریال گل "
                          "عدد") | _MONTHS
#: Words that name a language or a script before a colon and a word in it (``به انگلیسی: Time``).
_BEFORE_LATIN: Final = _folded("انگلیسی فرانسوی آلمانی ایتالیایی اسپانیایی لاتین لاتینی علمی روسی")
_LATIN: Final = re.compile("[A-Za-z]")
#: ``(به دانمارکی:``: a word in the language named follows.
_IN_LANGUAGE: Final = re.compile("\\(\\s*به\\s+\\S+:$")


def _kind(number: str) -> str:
    """The sort of ``number`` (or Latin word), as far as the words beside it tell: ``year``,
    ``small`` (one or two digits), ``fraction``, ``latin`` or ``other``.

    >>> [_kind(number) for number in ("۱۹۲۰", "۴", "۵٫۸", "XU7JP", "۲۵۷")]
    ['year', 'small', 'fraction', 'latin', 'other']
    """
    if _YEAR.fullmatch(number):
        return "year"
    if _SMALL.fullmatch(number):
        return "small"
    if _DECIMAL.fullmatch(number):
        return "fraction"
    return "latin" if _LATIN.match(number) else "other"


@dataclass(frozen=True, slots=True)
class _Context:
    """What the words beside a place tell of the number that goes there: the last word before it
    and whether that names a language before a colon, the first word after it and whether a
    percent sign follows it."""

    last: str
    language: bool
    first: str
    percent: bool


def _context(left: str, right: str, last: str | None = None, first: str | None = None) -> _Context:
    """The context of the place between the texts ``left`` and ``right`` (logical order; ``last``
    and ``first``: their last and first word keys, if known).

    >>> _context("(به انگلیسی:", "٪ مردم")
    _Context(last='انگلیسی', language=True, first='مردم', percent=True)
    """
    if last is None:
        before = pair_tokens(left[-SEAM_REACH:])
        last = before[-1] if before else ""
    if first is None:
        after = pair_tokens(right[:SEAM_REACH])
        first = after[0] if after else ""
    language = left.endswith(":") and (last in _BEFORE_LATIN or _IN_LANGUAGE.search(left[-SEAM_REACH:]) is not None)
    return _Context(last, language, first, right.startswith(("\u066a", "%")))


#: Characters at either side of a place that :func:`_context` reads.
SEAM_REACH: Final = 40


def _fit(kind: str, context: _Context) -> int:
    """How well a number of ``kind`` fits a place: a year after a word that names one and before
    a word that marks its era, never before a unit or a percent sign; a small number or a
    fraction never where a year goes; a Latin word after the name of its language and a colon,
    and not before a unit.

    >>> after_year = _context("در سال", "بر این تیم")
    >>> _fit(_kind("۱۹۲۰"), after_year), _fit(_kind("۴"), after_year), _fit(_kind("۲۵۷"), after_year)
    (1, -1, 0)
    >>> _fit(_kind("۲۰۱۹"), _context("به طور متوسط", "درصد زنان")), _fit(_kind("۸۰"), _context("است.", "٪ مردم"))
    (-1, 0)
    >>> in_latin = _context("(به دانمارکی:", ")")
    >>> _fit(_kind("Danmark"), in_latin), _fit(_kind("۱۹"), in_latin)
    (1, -1)
    """
    fit = 0
    if context.language:
        fit += 1 if kind == "latin" else -1
    if context.last in _BEFORE_YEAR:
        fit += 1 if kind == "year" else -1 if kind in ("small", "fraction") else 0
    if context.first in _AFTER_YEAR:
        fit += -1 if kind == "fraction" else 0 if kind == "small" else 1
    if kind in ("year", "latin") and (context.percent or context.first in _COUNTED):
        fit -= 1
    return fit
