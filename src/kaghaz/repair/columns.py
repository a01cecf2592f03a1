"""Two right-to-left columns read straight across: put the lines back in column order.

pdfminer.six, pdfplumber and pdftotext do not see the columns of a two-column page: they write the
lines of the right and of the left column interleaved, each column's lines in their own order. How
they interleave follows the page's geometry:

* pdftotext and pdfplumber go down the page line by line: a right-column line and a left-column
  line alternate, one column's line now and then coming twice in a row where a title or a
  paragraph gap pushed the other column down; pdfplumber writes two lines that stand at the same
  height as one line, the right column's words first (after the line is turned round), so one
  extracted line is twice as long as a column line;
* pdfminer.six goes band by band: a run of left-column lines, then the run of right-column lines
  beside them (about as many), or a left line and the right line beside it where the columns are
  level.

The text itself still shows which line continues which: a line goes on from the last line of its
column (the pair of words across the line break, and the rarer words it shares with the lines
before it in that column); where the layout shows the columns read across, also whether its first
word starts a sentence after a line that ends one, or goes on with one after a line that leaves it
open (text nobody has seen shares few word pairs with the pair table, and this needs none). A
search (:func:`read_page`) goes through a page's lines in order and gives each to the right
column, to the left one, or, for a line twice as long as a column line, splits it between both;
it adds up how well every line continues its column, and charges for structure the geometry
makes unlikely: a half of a split line longer than a column line, a band whose two runs differ
in length, a change of rhythm that no title or paragraph end explains, and a title right after a
line whose sentence goes on (a title stands after a paragraph's end; where lines hold both
columns, no word pair goes on from a title). Where the first page read shows an extractor that
alternates the columns line by line, long runs of one column cost too, and the order of level lines
is left to the text. The page is then written right column first, then left column. Written by
hand because no library reorders extracted text by its language.

Only documents with pages (form feeds) are considered, or text without pages whose lines hold
both columns, or no longer than a page whose first line holds a title beside a full line
(pdfplumber writes no form feed after a document's only page, and writes the title and the left
column's first line level with it as one line); text without pages longer than a page (Ghostscript,
pdfplumber's layout mode) is read as one page only where most of its lines are column lines. A
window of text is only read as two columns when one of its pages gains clearly from it, and the
word pairs across the line breaks
after lines that leave their sentence open gain too; clean one-column text never does, because
every line of it already continues the one before. Two columns already in reading order (PDFium,
PyMuPDF) may gain from a reading that groups lines sharing rarer words, but their seams do not
get better: such a page ends the search, and the text stays as it is. Where the search did not
weigh where sentences start, that is a check it was not fitted to (:func:`judge`): a reading whose
lines' first words fit the lines before them worse is chance and ends the search too, and one
whose first words fit clearly better shows two columns even where the bands' structure costs eat
up most of the gain (pdfminer.six on text nobody has seen); the window is then read with where
sentences start weighed. A page written a box a line (pdfminer.six) needs neither: a reading that
gains and whose seams gain clearly shows two columns whatever the sentence starts say
(:func:`shown_by_boxes`).
"""

from __future__ import annotations

import heapq
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from itertools import pairwise
from typing import Final, NamedTuple

from kaghaz.lexicon import ZWNJ_PREFIXES, ZWNJ_SUFFIXES
from kaghaz.repair.langmodel import PAIR_MIN, PAIR_PRIOR, LanguageModel, LocalPairs, pair_tokens
from kaghaz.repair.plan import Planner
from kaghaz.repair.text import has_arabic, words

#: A page is read as two columns only if it has at least this many lines with letters.
MIN_LINES: Final = 8
#: A window is read as two columns when a page of at least this many lines ...
EVIDENCE_LINES: Final = 30
#: ... gains this much (log10) over reading its lines in the order given, with its columns
#: interleaved (at least three runs, see :func:`_runs`).
ESTABLISH_GAIN: Final = 4.0
#: ... of which the seams (the word pairs across the line breaks, titles after open lines, not the
#: rarer words the lines share) make at least this much. A page that gains as much only from the
#: words its lines share is no evidence: its lines are already in reading order (a reading that
#: groups lines by shared words always finds some gain), and the search stops there.
SEAM_EVIDENCE: Final = 2.0
#: Where the search did not weigh where sentences start (see :data:`START_WEIGHT`), this is a check
#: it was not fitted to: a reading that makes the first words of the lines fit the lines before them
#: worse by more than this (:func:`start_fit`, log10) is chance (two columns already in reading
#: order, regrouped by chance word pairs), unless its seams gain more than twice ``SEAM_EVIDENCE``
#: beyond that loss (short everyday sentences fit the table of sentence starts less well) ...
START_VETO: Final = 1.0
#: ... and one that makes them fit better by this much is evidence even where the gain is below
#: ``ESTABLISH_GAIN`` but not negative (text nobody has seen shares few word pairs with the pair
#: table, and the charges for the bands' structure eat up the little its seams gain).
START_EVIDENCE: Final = 1.0
#: Where no line holds both columns, a page whose seams gain at least ``SEAM_EVIDENCE`` but less
#: than this shows nothing either way, and the next page is searched: two columns already in
#: reading order (PDFium, PyMuPDF on short everyday sentences) regroup by chance into readings
#: that gain ``ESTABLISH_GAIN`` and more, of which their seams make up to about 2.8.
CLEAR_SEAMS: Final = 3.0
#: In such a window, a page is reordered unless the two-column reading loses more than this (a
#: page whose columns stand side by side as two blocks reads about as well in either order).
PAGE_GAIN: Final = -1.5
#: ... but this on the last page of a window written a box a line (see :func:`page_floor`).
LAST_BOX_PAGE_GAIN: Final = 0.0
#: Text without pages longer than this many column lines is several pages (two columns of 40
#: lines: a page of 10 to 12 point text holds fewer; see :func:`column_lines`).
PAGE_LINES: Final = 80
#: Pages searched for evidence before a window is judged one-column.
EVIDENCE_PAGES: Final = 4
#: A column line is shorter than this many characters (a page's full width holds about twice as
#: many; windows of longer lines are not searched at all, which keeps one-column text fast).
MAX_COLUMN_CHARS: Final = 75
#: Most lines of a column are full: at least this share of a window's lines must be between these
#: many column widths long (lines that an extractor cut into segments are not columns).
MIN_FULL_SHARE: Final = 0.5
#: Lines that hold a full line of each column count as full lines only where at least this share of
#: the lines are column lines on their own: a page of short lines and long ones (program code and
#: Persian headings in a report) is no page of columns.
BOTH_FULL_FLOOR: Final = 0.35
#: Share of the window's words the lexicon must know for the column search to weigh them: on text
#: still broken into letters and pieces (pypdf's worst pages) its pair evidence is noise.
MIN_KNOWN_SHARE: Final = 0.85
FULL_LINE: Final = (0.75, 1.15)

#: Every line that goes on from another earns this, so that one chain and two chains compare.
SEAM_BONUS: Final = 0.6
#: Weight of the rarer words a line shares with the lines before it in its column ...
TOPIC_WEIGHT: Final = 0.5
#: ... counted over this many lines.
TOPIC_LINES: Final = 8
#: Words more frequent than this carry no topic.
TOPIC_MAX_FREQUENCY: Final = 1e-3
#: A title right after a full line that leaves its sentence open, in one column, costs this much
#: (a title stands after a paragraph's end, a title, or at the top of a column).
TITLE_AFTER_OPEN: Final = 3.0
#: Weight of what a line's first word says about the line before it in its column: after a line
#: that ends a sentence (or a title) it starts one, after a line that leaves its sentence open it
#: goes on with it (how often each word starts a sentence: ``data/starts.tsv``, see
#: :func:`start_fit`). Held-out text shares few word pairs with the pair table; this needs none.
#: Weighed only where the layout itself shows the columns read across: lines holding both columns
#: (pdfplumber), columns that a first page read found alternating line by line (pdftotext), or a
#: window shown to be two columns by where its sentences start (:func:`judge`);
#: elsewhere a search that also fits where sentences start regroups text already in reading order
#: by chance word pairs (see ``two-columns-already-in-reading-order``).
START_WEIGHT: Final = 1.0
#: Counts added to smooth a word's share of sentence starts toward the share of all words, and the
#: bounds of the (log10) fit.
START_PRIOR: Final = 3.0
START_FIT: Final = (-2.0, 1.0)
#: A band whose two runs differ by more than this many lines costs this much per extra line.
BAND_SLACK: Final = 1
BAND_IMBALANCE: Final = 3.0
#: In a window whose columns alternate line by line (pdftotext, pdfplumber: at most this share of
#: the evidence page's lines stand in runs of three or more lines of one column), every line of a
#: run beyond two costs this much (a line-by-line extractor writes such a run only beside a tall
#: gap in the other column, or below the text's end on the last page, which is free).
ALTERNATING_SHARE: Final = 0.2
RUN_LINE: Final = 1.0
#: ... up to this many lines a run (a window whose first page happened to alternate may still hold
#: a band of many lines: a tall figure, or pdfminer.six reading a later page in bands).
RUN_LINES_CHARGED: Final = 5
#: A change of rhythm (a band that does not continue the alternation) costs this much ...
RHYTHM_CHANGE: Final = 5.0
#: ... or this much after a title or a paragraph end.
RHYTHM_CHANGE_AT_EVENT: Final = 1.5
#: A reading whose first line goes to the right column pays this: the columns start level at the
#: top of a page (or the right one lower, below a title), and pdfminer.six and pdftotext read level
#: lines from the left, pdfplumber writes them as one line. (pdftotext on some pages reads them
#: from the right: where the columns alternate line by line, a page that goes on from another is
#: left to its text, see :func:`read_page`.)
RIGHT_FIRST: Final = 6.0
#: A line longer than this many column widths is two lines side by side and must be split ...
MERGED_FORCED: Final = 1.15
#: ... and one longer than this may be a title beside a line.
MERGED_POSSIBLE: Final = 0.9
#: Neither half of a split line is longer than this many column widths; a title is shorter than
#: ``TITLE`` widths, a full line longer than ``FULL`` widths.
HALF_MAX: Final = 1.15
TITLE: Final = 0.5
FULL: Final = 0.8
#: On the last page, a reading whose last line (the left column's, or the right's when the left is
#: empty) ends mid-sentence pays this: the text ends there (a line that ends with a colon is
#: mid-sentence too, see :func:`_ends_text`). (When the window ends inside a longer document every
#: reading ends mid-sentence alike.)
OPEN_END: Final = 6.0
#: Cost of splitting a line that need not be split (but a title beside a line at the top of a page
#: that goes on from none: a document's title stands beside the left column's first line), and of
#: each half that is neither full, nor a title, nor a paragraph end.
OPTIONAL_SPLIT: Final = 3.0
ODD_HALF: Final = 2.0
#: Cost of a split between the two parts of a word written with a ZWNJ (see :func:`_one_word`).
COMPOUND_SPLIT: Final = 3.0
#: Cost of each tenth of a column width by which a half of a split line is longer than a column
#: line (see :func:`_overlong`).
LONG_HALF: Final = 1.0
#: Ways to split a line holding both columns that the search tries (those that read best after
#: the best partial reading; the others are hardly ever taken).
MAX_SPLITS: Final = 4
#: States kept at each line of the search.
BEAM: Final = 80
#: Run lengths up to this many lines each keep their best state, whatever its rank.
SHAPE_RUNS: Final = 4
#: Where the columns alternate line by line, no long band has to be kept alive on the way: the
#: search keeps this many states, and the best one of every band shape up to two lines (but for a
#: run of the right column alone, every length: the left column ended early on the last page, and
#: the run pays nothing, or stands beside a tall gap, and pays only where it ends).
ALTERNATING_BEAM: Final = 40
ALTERNATING_SHAPE_RUNS: Final = 2

_ENDS_PARAGRAPH: Final = frozenset(".!?:)\N{ARABIC QUESTION MARK}\N{ARABIC SEMICOLON}"
                                   "\N{RIGHT-POINTING DOUBLE ANGLE QUOTATION MARK}")
#: Marks that end a sentence and that an extractor may write at the start of the line instead
#: (the bidi algorithm moves a closing mark at a right-to-left line's end to its visual left):
#: ``.می\u200cکردند`` is a paragraph's last line.
_INVISIBLE: Final = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
_COMMAS: Final = (",", "\N{ARABIC COMMA}")
_LEADING_END: Final = frozenset(".!?\N{ARABIC QUESTION MARK}")
_ZEROS: Final = (0.0,) * 64
#: Pieces of a page are numbered below this (seams are cached under ``before * _STRIDE + after``).
_STRIDE: Final = 1 << 20
_NUMBER_LINE: Final = re.compile(r"\s*\d+\s*")
_LETTER: Final = re.compile(r"[^\W\d_]")
#: A number or Latin word glued to the Persian word before it at a line's end: where PyMuPDF cuts
#: a line at a run of another direction, it drops the space there.
_FOREIGN_END: Final = re.compile(r"[\u0620-\u064a\u0671-\u06d3][0-9A-Za-z\u06f0-\u06f9\u0660-\u0669]+$")


@dataclass(frozen=True, slots=True)
class Piece:
    """A line of one column: a whole extracted line, or one half of a line that held both columns.

    ``first`` and ``last`` are its first and last words (``None`` without words); ``topic`` holds its
    rarer words with their weight; ``event`` is true for a title or a paragraph's last line, after
    which its column may fall behind the other; ``kind`` tells a title from a full line that
    leaves its sentence open (see :func:`line_kind`).
    """

    text: str
    first: str | None
    last: str | None
    topic: Mapping[str, float]
    event: bool
    kind: int = 0
    after_end: float = 0.0
    after_open: float = 0.0


class Split(NamedTuple):
    """One way to split a line holding both columns: the right half, the left half (as pieces of
    the page), and what the split costs."""

    right: int
    left: int
    cost: float


@dataclass(frozen=True, slots=True)
class Reading:
    """How a page was read: ``labels[i]`` is ``"R"``, ``"L"`` or ``"M"`` (split) for item ``i``;
    ``right`` and ``left`` the texts of each column in order; ``gain`` the score over the lines as
    given; ``seams`` the part of it that the pairs of words across the line breaks make (see
    :func:`_seam_gain`); ``starts`` how much better the lines' first words fit the lines before them
    than in the order given (see :func:`_start_gain`); ``title_left`` whether the first line of a
    page that goes on from none is a title, read into the left column (a document's title heads
    the right one)."""

    labels: str
    right: tuple[str, ...]
    left: tuple[str, ...]
    gain: float
    seams: float = 0.0
    starts: float = 0.0
    title_left: bool = False


@dataclass(frozen=True, slots=True)
class Layout:
    """What a window's lines say about its columns: the width of a column line in characters,
    whether lines twice that long (both columns side by side) occur, the share of lines about
    one column wide (most lines of a column are full), whether the extractor alternates the
    columns line by line (known once a page has been read, see :func:`alternates`), whether
    where sentences start showed the columns (see :func:`judge`), and the share of lines about two
    column lines wide (a full line of each column side by side); ``blank_lines`` whether the
    extractor writes a blank line after most lines (pdfminer.six, pdftotext: they never write a
    line of each column as one line, not even a title beside a line at the top of a document)."""

    width: int
    merged: bool
    full: float = 0.0
    alternating: bool = False
    sentences: bool = False
    both: float = 0.0
    blank_lines: bool = False


def column_layout(lengths: Sequence[int]) -> Layout:
    """The column line width and whether merged lines occur, from the lengths of a window's lines.

    Lengths cluster at the column width and, where an extractor wrote two level lines as one, at
    twice that. Where it did so only now and then (a column line beside a paragraph's short last
    line, or a title), lines longer than a column line holds still show it.

    >>> column_layout([45, 44, 47, 46, 43, 90, 88, 92, 30, 45, 46, 44]).merged
    True
    >>> column_layout([90, 88, 92, 91, 87, 40, 89, 90]).merged
    False
    >>> column_layout([45, 12, 8, 30, 90, 88, 20, 15, 9, 92, 10, 14]).full   # lines cut into segments
    0.25
    >>> column_layout([45, 44, 47, 46, 43, 48, 45, 44, 46, 47] * 3 + [59, 65, 71]).merged
    True

    Where the columns stand level, most lines hold both (``both``: the share of lines that hold a
    full line of each):

    >>> layout = column_layout([90, 88, 92, 91, 56, 46, 44, 45, 95, 89, 93, 8, 46, 43, 20, 12])
    >>> layout.full, layout.both
    (0.3125, 0.5)
    """
    ordered = sorted(lengths)
    if not ordered:
        return Layout(0, False)
    top = ordered[-1]
    short = [n for n in ordered if n <= 0.65 * top]
    width = ordered[int(0.9 * (len(ordered) - 1))]
    merged = False
    if len(short) >= 0.3 * len(ordered):
        half = short[int(0.9 * (len(short) - 1))]
        if half and sum(1 for n in ordered if 1.6 * half <= n <= 2.3 * half) >= 3:
            width, merged = half, True
    if not merged and sum(1 for n in ordered if MERGED_FORCED * width < n <= 2.3 * width) >= 3:
        merged = True  # longer than any column line: two lines side by side
    full = sum(1 for n in ordered if FULL_LINE[0] * width <= n <= FULL_LINE[1] * width) / len(ordered)
    # a line holding both columns holds a full line of each (most of them do where the columns
    # stand level all down the page)
    both = sum(1 for n in ordered if FULL_LINE[1] * width < n <= 2 * HALF_MAX * width) / len(ordered) if merged else 0.0
    return Layout(width, merged, full, both=both)


@lru_cache(maxsize=1)
def sentence_starts() -> tuple[float, Mapping[str, tuple[int, int]]]:
    """The share of words that start a sentence, and for each word (folded key) how often it
    starts one and how often it occurs (``data/starts.tsv``, built by ``bench/starts_table.py``)."""
    share = 0.1
    table: dict[str, tuple[int, int]] = {}
    text = resources.files("kaghaz.data").joinpath("starts.tsv").read_text(encoding="utf-8")
    for row in text.splitlines():
        if row.startswith("# share"):
            share = float(row.rsplit("\t", 1)[1])
        elif row and not row.startswith("# "):
            word, starts, count = row.split("\t")
            table[word] = (int(starts), int(count))
    return share, table


def start_fit(line: str) -> tuple[float, float]:
    """How well ``line`` follows a line that ends a sentence, and one that leaves it open (log10,
    by how often its first word starts a sentence, against all words).

    >>> after_end, after_open = start_fit("را به دست آورد.")
    >>> after_end < -1.0 < 0.0 < after_open
    True
    >>> start_fit("این کتاب را خواندم")[0] > 0.0, start_fit("")
    (True, (0.0, 0.0))
    """
    tokens = pair_tokens(line)
    if not tokens:
        return 0.0, 0.0
    share, table = sentence_starts()
    starts, count = table.get(tokens[0], (0, 0))
    return start_scores(starts, count, share)


def start_scores(starts: int, count: int, share: float) -> tuple[float, float]:
    """How well a word seen ``count`` times, ``starts`` of them at a sentence start, follows a
    line that ends a sentence and one that leaves it open (log10 against ``share``, the share of all
    words that start one; smoothed by :data:`START_PRIOR`, bounded by :data:`START_FIT`; 0 for a
    word never seen).

    >>> start_scores(0, 0, 0.1), [round(score, 2) for score in start_scores(50, 50, 0.1)]
    ((0.0, 0.0), [0.98, -1.25])
    """
    if not count:
        return 0.0, 0.0
    low, high = START_FIT
    chance = (starts + START_PRIOR * share) / (count + START_PRIOR)
    return (min(high, max(low, math.log10(chance / share))),
            min(high, max(low, math.log10((1.0 - chance) / (1.0 - share)))))


def closes(body: str) -> bool:
    """True if the (stripped) line ``body`` ends a sentence: a closing mark at its end, or a
    sentence mark that the extractor wrote at its start.

    >>> closes("دیدبانی تعبیه شده است."), closes(".می\u200cکردند"), closes("»تهران امروز« با")
    (True, True, False)
    """
    return body[-1:] in _ENDS_PARAGRAPH or (body[:1] in _LEADING_END and body[1:2] != body[:1])


def is_event(text: str, width: int) -> bool:
    """True for a title (short) or a paragraph's last line (shorter than full, ending a sentence).
    A short line that ends with a comma is neither: its sentence goes on (a piece of a line that
    holds both columns, cut in the wrong place).

    >>> is_event("پژو پارس", 45), is_event("به بازار عرضه شد؛ چندی بعد ایران خودرو که قصد", 45)
    (True, False)
    >>> is_event("از کشورهای ایران،", 45)
    False
    """
    body = text.rstrip()
    size = _visible(body)
    if size < TITLE * width and not body.endswith(_COMMAS):
        return True
    return size < FULL * width and closes(body)


#: What a line is to the lines around it in its column: a full line that leaves its sentence
#: open (the next line of its column goes on with it), a title (short, no closing mark, no comma), or
#: anything else.
OTHER, OPEN, TITLE_LINE = 0, 1, 2


def _visible(text: str) -> int:
    """How many characters of ``text`` take up room on the line (not ZWNJ, ZWJ or direction
    marks: a title whose words an extractor joined with ZWNJs is no longer for them).

    >>> _visible("ایستگاه\N{ZERO WIDTH NON-JOINER}فضایی"), _visible("ایستگاه فضایی")
    (12, 13)
    """
    return len(text) - len(_INVISIBLE.findall(text))


def line_kind(text: str, width: int) -> int:
    """:data:`OPEN`, :data:`TITLE_LINE` or :data:`OTHER` for a column line ``width`` characters wide.

    >>> line_kind("میان دو کشور، خواستار گسترش همکاری های دوجانبه", 48) == OPEN
    True
    >>> line_kind("وی اضافه کرد", 48) == TITLE_LINE, line_kind("کونگ فوتوآ است.", 48) == OTHER
    (True, True)

    A line that ends with a number or a Latin word is neither: an extractor may have cut the line
    there (PyMuPDF writes ``آن حرفDC`` / `` نوشته می\u200cشود``).

    >>> line_kind("و روی آن حرفDC", 48) == OTHER
    True
    """
    body = text.rstrip()
    if not body or closes(body) or _FOREIGN_END.search(body):
        return OTHER
    size = _visible(body)
    if size >= FULL * width:
        return OPEN
    return TITLE_LINE if size < TITLE * width and not body.endswith(_COMMAS) else OTHER


class _Context:
    """The pieces of one page and the scores between them (cached)."""

    def __init__(self, lm: LanguageModel, width: int, run_line: float = 0.0,
                 right_first: float = RIGHT_FIRST, start_weight: float = 0.0, merged: bool = False) -> None:
        self.lm = lm
        self.merged = merged
        self._unseen: dict[str, float] = {}
        self.start_weight = start_weight
        self.width = width
        self.run_line = run_line
        self.right_first = right_first
        self.pieces: list[Piece] = []
        self._seams: dict[int, float] = {}
        self._owners: dict[str, list[int]] = {}     # topic word -> pieces holding it
        self._shared: list[dict[int, float]] = []   # piece -> earlier pieces it shares words with

    def add(self, text: str) -> int:
        found = words(text)
        topic: dict[str, float] = {}
        for word in found:
            frequency = self.lm.frequency(word)
            if frequency <= TOPIC_MAX_FREQUENCY:
                key = self.lm.key(word)
                weight = math.log10(TOPIC_MAX_FREQUENCY / max(frequency, 1e-8))
                topic[key] = max(topic.get(key, 0.0), weight)
        index = len(self.pieces)
        shared: dict[int, float] = {}
        for key, weight in topic.items():
            for other in self._owners.get(key, ()):
                shared[other] = shared.get(other, 0.0) + min(weight, self.pieces[other].topic[key])
                self._shared[other][index] = shared[other]
            self._owners.setdefault(key, []).append(index)
        self._shared.append(shared)
        after_end, after_open = start_fit(text) if self.start_weight else (0.0, 0.0)
        self.pieces.append(Piece(text, found[0] if found else None, found[-1] if found else None, topic,
                                 is_event(text, self.width), line_kind(text, self.width),
                                 self.start_weight * after_end, self.start_weight * after_open))
        return index

    def unseen(self, word: str) -> float:
        """What a pair never seen after ``word`` scores, where the search chooses where lines end
        (pages whose lines hold both columns, see :func:`unseen_pair`); 0 elsewhere."""
        if not self.merged:
            return 0.0
        score = self._unseen.get(word)
        if score is None:
            score = self._unseen[word] = unseen_pair(self.lm, word)
        return score

    def follows(self, history: tuple[int, ...], piece: int) -> float:
        """How well ``piece`` goes on from the lines ``history`` of its column (0 for a first line):
        the bonus, the pair of words across the line break, the rarer words shared with
        ``history``."""
        if not history:
            return 0.0
        seam = self._seams.get(history[-1] * _STRIDE + piece)
        if seam is None:
            seam = self.seam(history[-1], piece)
        shared = self._shared[piece]
        if not shared:
            return seam
        return seam + TOPIC_WEIGHT * sum(map(shared.get, history, _ZEROS))

    def seam(self, before: int, piece: int) -> float:
        """The bonus, the pair of words across the line break from ``before`` to ``piece``, and
        what ``piece``'s first word says of it (cached)."""
        earlier, later = self.pieces[before], self.pieces[piece]
        last, first = earlier.last, later.first
        # where lines hold both columns, the search chooses where the titles stand: a title is a
        # paragraph of its own, and the word after it starts a sentence (weighed below), however
        # common the pair across it
        paired = not (self.merged and earlier.kind == TITLE_LINE)
        seam = SEAM_BONUS + (self.lm.pair(last, first) - self.unseen(last) if last and first and paired else 0.0)
        if earlier.kind == OPEN and later.kind == TITLE_LINE:
            seam -= TITLE_AFTER_OPEN
        seam += self._start(before, piece)
        self._seams[before * _STRIDE + piece] = seam
        return seam

    def open_seams(self, order: Sequence[int]) -> float:
        """The seams between the pieces ``order`` after pieces that leave their sentence open,
        without what the first words say of the sentences (:func:`start_fit`: lines grouped by
        where sentences start and end gain from it in any order; only word pairs are evidence)."""
        return sum(self.seam(before, piece) - self._start(before, piece) for before, piece in pairwise(order)
                   if not closes(self.pieces[before].text.strip()))

    def _start(self, before: int, piece: int) -> float:
        """What ``piece``'s first word says of its following ``before`` (see :func:`start_fit`)."""
        earlier, later = self.pieces[before], self.pieces[piece]
        return later.after_end if earlier.kind == TITLE_LINE or closes(earlier.text.strip()) else later.after_open

    def splits(self, line: str, forced: bool, top: bool = False, title_only: bool = False) -> list[Split]:
        """The ways to split ``line`` into a right-column and a left-column half (``top``: the
        first line of a page that goes on from none, where a title stands beside the left column's
        first line; ``title_only``: only into a title and a full line, where no other lines hold
        both columns)."""
        out = []
        limit = HALF_MAX * self.width
        for match in re.finditer(" ", line):
            right, left = line[:match.start()].strip(), line[match.end():].strip()
            if len(right) > limit or len(left) > limit or not words(right) or not words(left):
                continue
            if not forced and len(right) >= TITLE * self.width and (len(left) >= TITLE * self.width
                                                                     or not _ends_sentence(left)):
                continue  # an unforced split puts a title beside a line, or a paragraph's end
            if title_only and (line_kind(right, self.width) != TITLE_LINE or _odd(left, self.width)):
                continue
            right_id, left_id = self.add(right), self.add(left)
            cost = 0.0 if forced or (top and self.pieces[right_id].kind == TITLE_LINE) else OPTIONAL_SPLIT
            before, after = self.pieces[right_id].last, self.pieces[left_id].first
            if before and after:
                # the pair across the split was a real pair (unless the right half is a title: no
                # pair goes on from one, see seam)
                if self.pieces[right_id].kind != TITLE_LINE:
                    cost += self.lm.pair(before, after) - self.unseen(before)
                if _one_word(self.lm, before, after):
                    cost += COMPOUND_SPLIT
            # (at the top of a page that goes on from none, the right half may be a title's first line)
            cost += ODD_HALF * sum(1 for half in ((left,) if top else (right, left)) if _odd(half, self.width))
            cost += _overlong(right, self.width) + _overlong(left, self.width)
            out.append(Split(right_id, left_id, cost))
        return out


def unseen_pair(lm: LanguageModel, word: str) -> float:
    """What :meth:`LanguageModel.pair` gives a pair that starts with ``word`` and was never seen: 0
    for a word never seen before another, down to ``PAIR_MIN`` for a common word. Seams are scored
    against it, so that a line's end is not drawn to rare words (a split of a line holding both
    columns that ends its right half on a rare word would lose nothing where one ending on a common
    word loses by the pairs nobody has seen).

    >>> lm = LanguageModel()
    >>> unseen_pair(lm, "از"), unseen_pair(lm, "وردوخزززز")
    (-0.6, 0.0)
    """
    after = lm.bigrams.firsts.get(lm.key(word), 0)
    return max(PAIR_MIN, math.log10(PAIR_PRIOR / (after + PAIR_PRIOR))) if after else 0.0


def _one_word(lm: LanguageModel, before: str, after: str) -> bool:
    """True if ``before`` and ``after`` are the two parts of one word written with a ZWNJ that the
    extractor wrote as a space (``بازمی`` and ``گردد``, ``دارایی`` and ``های``): a column's line
    never ends inside a word, so the two columns do not meet there. A suffix written after a ZWNJ
    (``های``, ``ای``, ``ترین``) or a prefix written before one (``می``) is such a part even where
    the lexicon does not know the whole word (``زواره\u200cای``, a name).

    >>> lm = LanguageModel()
    >>> _one_word(lm, "بازمی", "گردد"), _one_word(lm, "کتاب", "گردد"), _one_word(lm, "زواره", "ای")
    (True, False, True)
    """
    if (after in ZWNJ_SUFFIXES and len(before) > 1) or (before in ZWNJ_PREFIXES and len(after) > 1):
        return True
    return (lm.zwnj_left(before) and lm.zwnj_right(after)
            and lm.frequency(f"{before}\N{ZERO WIDTH NON-JOINER}{after}") > 0)


def _overlong(text: str, width: int) -> float:
    """What a half of a split line longer than a column line costs: :data:`LONG_HALF` for every
    tenth of a column width beyond it (a column's lines are at most about as long as its width:
    the half has taken a word of the other column's line).

    >>> _overlong("x" * 40, 40), round(_overlong("x" * 48, 40), 6)
    (0.0, 2.0)
    """
    return LONG_HALF * max(0.0, _visible(text) / width - 1.0) * 10.0


def _odd(text: str, width: int) -> bool:
    """A column line that is neither full, nor a title, nor a paragraph end (a short line that ends
    with a comma is no title, see :func:`is_event`).

    >>> _odd("کشورهای ایران", 48), _odd("کشورهای ایران،", 48), _odd("ترکیب هر دو سو در آن سال ها شکل گرفت", 48)
    (False, True, True)
    """
    return len(text) < FULL * width and not is_event(text, width)


class _Node(NamedTuple):
    """A partial reading: the last lines of each column, and how it got here (a NamedTuple rather
    than a frozen dataclass: the search makes hundreds of thousands). Its score is kept beside it,
    so that one node serves every state that differs only in score."""

    right: tuple[int, ...]
    left: tuple[int, ...]
    right_first: int
    left_first: int
    label: str
    parent: _Node | None


def _band_cost(run_left: int, run_right: int, rhythm: int, license_: float, left_ended: bool = False,
               run_line: float = 0.0) -> float:
    """What a finished band (a run of left lines, then a run of right lines) costs.

    Runs of different length cost (the two runs stand beside each other), unless the left column
    has ended (the last page). A band that does not continue the alternation (one left line, one
    right line, after such a band: ``rhythm`` :data:`_ALTERNATING`) costs the change of rhythm
    ``license_`` fixed when it began; a last band whose left run ended after at most one line goes
    on with the alternation (the left column ended, the right one goes on alone). Where the columns
    alternate line by line, each line of a run beyond two costs ``run_line``.

    >>> _band_cost(1, 1, _ALTERNATING, 5.0), _band_cost(3, 3, _ALTERNATING, 1.5)
    (0.0, 1.5)
    >>> _band_cost(4, 3, _ALTERNATING, 1.5, run_line=1.0), _band_cost(1, 9, _NO_RHYTHM, 0.0, True, 1.0)
    (4.5, 0.0)
    >>> _band_cost(1, 9, _ALTERNATING, 5.0, True), _band_cost(2, 9, _ALTERNATING, 5.0, True)
    (0.0, 5.0)
    """
    cost = 0.0 if left_ended else BAND_IMBALANCE * max(0, abs(run_left - run_right) - BAND_SLACK)
    if run_line:
        extra = min(RUN_LINES_CHARGED, max(0, run_left - 2))
        if not left_ended:
            extra += min(RUN_LINES_CHARGED, max(0, run_right - 2))
        cost += run_line * extra
    if rhythm == _ALTERNATING and (run_left == run_right == 1 or (left_ended and run_left <= 1)):
        return cost
    return cost + license_


#: A search state's key: where it is in the current band (phase ``"L"``, ``"R"``, or ``"B"`` after a
#: split line, with the runs so far), the rhythm of the band before, what a change
#: of rhythm costs in this band (0 at the top of the page), the last piece of each column, and
#: whether the page's first line went to the right column.
#: Plain tuples: they are hashed hundreds of thousands of times.
_Key = tuple[str, int, int, int, float, int, int, bool]
#: The rhythm of the band before: none, or one left line and one right line (``LR``, one right
#: line, or one line holding both).
_NO_RHYTHM, _ALTERNATING = 0, 1


def read_page(lines: Sequence[str], lm: LanguageModel, layout: Layout, last_page: bool,
              before: tuple[str, ...] = (), beam: int = 0, fair: bool = True, top_split: bool = False) -> Reading:
    """The best two-column reading of a page's lines (see the module docstring).

    ``before`` are the last lines of the column the page continues (the previous page's left
    column): the right column's history starts with them; ``last_page`` lets the left column end
    early; ``beam`` is how many partial readings are kept at each line (:data:`BEAM` by default,
    :data:`ALTERNATING_BEAM` where the columns alternate); ``fair`` ranks the partial readings less
    the change of rhythm their open band will pay (:func:`_owed_score`), rather than by the score
    reached (:func:`_state_score`); ``top_split`` splits the page's first line, a title beside the
    left column's first line (see :meth:`_Reader.interleaved`).
    """
    beam = beam or (ALTERNATING_BEAM if layout.alternating else BEAM)
    shape_runs = ALTERNATING_SHAPE_RUNS if layout.alternating else SHAPE_RUNS
    # where the columns alternate line by line, level lines come in either order (pdftotext reads
    # them from the right on some pages); on a page that goes on from another, the text decides
    context = _Context(lm, layout.width, RUN_LINE if layout.alternating else 0.0,
                       0.0 if layout.alternating and before else RIGHT_FIRST,
                       START_WEIGHT if layout.merged or layout.alternating or layout.sentences else 0.0,
                       layout.merged)
    whole = [context.add(line) for line in lines]
    previous_ids = tuple(context.add(line) for line in before[-TOPIC_LINES:])
    start = _Node(previous_ids, (), -1, -1, "", None)
    states: dict[_Key, tuple[float, _Node]] = {("B", 0, 0, _NO_RHYTHM, 0.0, -1, -1, False): (0.0, start)}
    for index, line in enumerate(lines):
        split_top = top_split and index == 0
        # pdfplumber writes a title beside the left column's first line as one line at the top of
        # a document even where no other lines stand level
        top = index == 0 and not before
        long = layout.merged and len(line) > MERGED_FORCED * layout.width
        # (longer than most column lines: a title beside a full line)
        splits = (context.splits(line, split_top or long, top, not layout.merged)
                  if split_top or (layout.merged and len(line) > MERGED_POSSIBLE * layout.width)
                  or (top and not layout.blank_lines and len(line) > layout.width) else [])
        forced = bool(splits) and (split_top or long)
        if len(splits) > MAX_SPLITS:
            splits = _likely_splits(context, splits, states)
        new: dict[_Key, tuple[float, _Node]] = {}
        for key, (score, node) in states.items():
            _advance(context, key, score, node, whole[index], splits, forced, new)
        if len(new) > beam:
            new = _prune(new, beam, shape_runs, layout.alternating, _owed_score if fair else _state_score)
        states = new
    best: _Node | None = None
    best_score = -math.inf
    for (phase, run_left, run_right, rhythm, license_, _, _, _), (reached, node) in states.items():
        score = reached + _flow(context, node)
        # a band of one left line cut short by the page's end changes no rhythm (a page read right
        # line first ends so)
        if phase != "B" and not (rhythm == _ALTERNATING and run_left == 1 and run_right == 0):
            score -= _band_cost(run_left, run_right, rhythm, license_, last_page and run_right >= run_left,
                                context.run_line)
        if node.left_first < 0 and _first_label(node) == "R":
            score += context.right_first  # one column only: its first line going right was no choice
        if last_page and not _ends_text(context.pieces[(node.left or node.right)[-1]].text):
            score -= OPEN_END
        if score > best_score:
            best, best_score = node, score
    assert best is not None
    reading = _reading(context, best, best_score - _one_column(context, whole, previous_ids))
    return replace(reading, seams=_seam_gain(context, best, whole, previous_ids),
                   starts=_start_gain(context, best, whole, previous_ids),
                   title_left=(not previous_ids and reading.labels[:1] == "L"
                               and context.pieces[whole[0]].kind == TITLE_LINE))


def _likely_splits(context: _Context, splits: list[Split],
                   states: dict[_Key, tuple[float, _Node]]) -> list[Split]:
    """The :data:`MAX_SPLITS` splits of a line that read best after the best partial reading (every
    state scores them alike: they differ only in the words at the cut and in the halves)."""
    _, node = max(states.values(), key=lambda value: value[0])
    return heapq.nlargest(MAX_SPLITS, splits, key=lambda split: context.follows(node.right, split.right)
                          + context.follows(node.left, split.left) - split.cost)


def _prune(states: dict[_Key, tuple[float, _Node]], beam: int, shape_runs: int = SHAPE_RUNS,
           alone: bool = False, rank: Callable[[tuple[_Key, tuple[float, _Node]]], float] | None = None,
           ) -> dict[_Key, tuple[float, _Node]]:
    """The ``beam`` best states, plus the best one of every shape of band (phase and run lengths,
    up to ``shape_runs`` lines; with ``alone``, a run of right lines without left ones at every
    length), so that a reading whose long runs only pay off later is not lost on the way. ``rank``
    orders the states (:func:`_state_score` by default)."""
    ranked = sorted(states.items(), key=rank or _state_score, reverse=True)
    kept = dict(ranked[:beam])
    shapes: set[tuple[str, int, int]] = set()
    for key, value in ranked:  # best first: the first state of a shape is its best
        shape = (key[0], key[1] if key[1] < shape_runs else shape_runs,
                 key[2] if key[2] < shape_runs or (alone and not key[1]) else shape_runs)
        if shape not in shapes:
            shapes.add(shape)
            kept[key] = value
    return kept


def _state_score(item: tuple[_Key, tuple[float, _Node]]) -> float:
    return item[1][0]


def _owed_score(item: tuple[_Key, tuple[float, _Node]]) -> float:
    """A state's score less the change of rhythm its open band will pay whatever comes next (a band
    of more than one left line, or after a band that broke the alternation), so that a reading that
    paid for its last band is not ranked below one that has yet to.

    >>> node = _Node((), (), -1, -1, "", None)
    >>> _owed_score((("L", 2, 0, _ALTERNATING, 5.0, 0, 1, False), (9.0, node)))
    4.0
    >>> _owed_score((("L", 1, 0, _ALTERNATING, 5.0, 0, 1, False), (9.0, node)))
    9.0
    >>> _owed_score((("R", 1, 1, _NO_RHYTHM, 1.5, 0, 1, False), (9.0, node)))
    7.5
    """
    key, (score, _) = item
    phase, run_left, _, rhythm, license_ = key[:5]
    if phase == "B" or not license_:
        return score
    if rhythm != _ALTERNATING or run_left > 1:
        return score - license_
    return score



def _going_on(context: _Context, seams: dict[int, float], shared: dict[int, float] | None,
              history: tuple[int, ...], piece: int, score: float) -> float:
    """``score`` plus what putting ``piece`` after the column whose lines are ``history`` adds: the
    word pair across the seam and the rare words it shares with the column's last lines."""
    if not history:
        return score
    seam = seams.get(history[-1] * _STRIDE + piece)
    if seam is None:
        seam = context.seam(history[-1], piece)
    return score + seam + (TOPIC_WEIGHT * sum(map(shared.get, history, _ZEROS)) if shared else 0.0)


def _advance(context: _Context, key: _Key, score: float, node: _Node, piece: int, splits: list[Split],
             forced: bool, new: dict[_Key, tuple[float, _Node]]) -> None:
    """Every way to read the next line after the partial reading ``node`` (written out, not split
    into helpers: this is the search's inner loop)."""
    phase, run_left, run_right, rhythm, license_, last_right, last_left, right_first = key
    start = node.parent is None
    to_left = to_right = 0.0
    left_node = right_node = None
    if not forced:
        shared = context._shared[piece]
        seams = context._seams
        to_left = _going_on(context, seams, shared, node.left, piece, score)
        to_right = _going_on(context, seams, shared, node.right, piece, score)
        if phase == "L":
            new_key: _Key = ("L", run_left + 1, 0, rhythm, license_, last_right, piece, right_first)
            old = new.get(new_key)
            if old is None or old[0] < to_left:
                left_node = _Node(node.right, (*node.left, piece)[-TOPIC_LINES:], node.right_first,
                                  node.left_first, "L", node)
                new[new_key] = (to_left, left_node)
            new_key = ("R", run_left, 1, rhythm, license_, piece, last_left, right_first)
            old = new.get(new_key)
            if old is None or old[0] < to_right:
                right_node = _Node((*node.right, piece)[-TOPIC_LINES:], node.left,
                                   node.right_first if node.right_first >= 0 else piece, node.left_first, "R", node)
                new[new_key] = (to_right, right_node)
            if not splits:
                return
        elif phase == "R":
            new_key = ("R", run_left, run_right + 1, rhythm, license_, piece, last_left, right_first)
            old = new.get(new_key)
            if old is None or old[0] < to_right:
                right_node = _Node((*node.right, piece)[-TOPIC_LINES:], node.left, node.right_first,
                                   node.left_first, "R", node)
                new[new_key] = (to_right, right_node)
    # a new band begins: close this one (if any) and fix what a change of rhythm will cost
    if phase == "B":
        closing, before = 0.0, rhythm
    elif run_left == 1 and run_right == 1:  # the commonest band, written out
        closing = 0.0 if rhythm == _ALTERNATING else license_
        before = _ALTERNATING
    else:
        closing = _band_cost(run_left, run_right, rhythm, license_, False, context.run_line)
        before = _ALTERNATING if run_right == 1 and run_left <= 1 else _NO_RHYTHM
    if start:
        now = 0.0
    else:
        pieces = context.pieces
        now = (RHYTHM_CHANGE_AT_EVENT if last_right < 0 or pieces[last_right].event or last_left < 0
               or pieces[last_left].event else RHYTHM_CHANGE)
    if not forced and phase != "L":
        score_left = to_left - closing
        new_key = ("L", 1, 0, before, now, last_right, piece, right_first and not start)
        old = new.get(new_key)
        if old is None or old[0] < score_left:
            if left_node is None:
                left_node = _Node(node.right, (*node.left, piece)[-TOPIC_LINES:], node.right_first,
                                  node.left_first if node.left_first >= 0 else piece, "L", node)
            new[new_key] = (score_left, left_node)
        # the page's first line going to the right column pays at once, so that the search does
        # not fill up with both orientations of the same readings (they score alike)
        score_right = to_right - closing - (context.right_first if start else 0.0)
        new_key = ("R", 0, 1, before, now, piece, last_left, right_first or start)
        old = new.get(new_key)
        if old is None or old[0] < score_right:
            if right_node is None:
                right_node = _Node((*node.right, piece)[-TOPIC_LINES:], node.left,
                                   node.right_first if node.right_first >= 0 else piece, node.left_first, "R", node)
            new[new_key] = (score_right, right_node)
    for split in splits:
        # a line holding both columns keeps the alternation (both columns moved one line on)
        merged = (score - closing - (0.0 if before == _ALTERNATING else now) - split.cost
                  + context.follows(node.right, split.right) + context.follows(node.left, split.left))
        # (the lines before the split stay in the key: readings that differ only in which column
        # took the single lines before it score apart later, by the rarer words they share)
        new_key = ("B", last_right, last_left, _ALTERNATING, 0.0, split.right, split.left, right_first and not start)
        old = new.get(new_key)
        if old is None or old[0] < merged:
            new[new_key] = (merged, _Node((*node.right, split.right)[-TOPIC_LINES:],
                                          (*node.left, split.left)[-TOPIC_LINES:],
                                          node.right_first if node.right_first >= 0 else split.right,
                                          node.left_first if node.left_first >= 0 else split.left, "M", node))


def _flow(context: _Context, node: _Node) -> float:
    """The left column goes on from the right one (or, on a page without one, from the previous
    page). The right column's going on from the previous page is scored in the search: its
    history starts with the previous page's last lines."""
    if node.right and node.left_first >= 0:
        return context.follows(node.right, node.left_first)
    return 0.0


def _ends_sentence(text: str) -> bool:
    """True if ``text`` ends the way a document's last line does (a full stop, a closing mark)."""
    return closes(text.strip())


def _ends_text(text: str) -> bool:
    """True if ``text`` may be a document's last line: it ends a sentence, but not with a colon or
    a semicolon (they announce more).

    >>> _ends_text("به وجود آید."), _ends_text("تلقی شود و افزود:"), _ends_text("است؛")
    (True, False, False)
    """
    body = text.strip()
    return closes(body) and body[-1:] not in (":", "\N{ARABIC SEMICOLON}", ";")


def _first_label(node: _Node) -> str:
    label = ""
    current: _Node | None = node
    while current is not None and current.parent is not None:
        label = current.label
        current = current.parent
    return label


def _seam_gain(context: _Context, node: _Node, whole: list[int], previous: tuple[int, ...]) -> float:
    """How much better the seams of the reading ending at ``node`` are than those of the lines
    as given: the word pairs across the line breaks and the titles after open lines, without the
    rarer words shared (lines that share a topic stand together in either order, and among
    unrelated sentences some share words by chance: a search that weighs them finds some gain in
    any order). Lines read in the wrong order break sentences in the middle, and putting them back
    mends word pairs; only seams after a line that leaves its sentence open count (what follows a
    sentence's end is as likely in any order)."""
    read = [*previous[-1:], *_column_order(node)]
    given = [*previous[-1:], *whole]
    return context.open_seams(read) - context.open_seams(given)


def _column_order(node: _Node) -> list[int]:
    """The pieces of the reading ending at ``node`` in column order: right column, then left."""
    right: list[int] = []
    left: list[int] = []
    current: _Node | None = node
    while current is not None and current.parent is not None:
        if current.label in ("R", "M"):
            right.append(current.right[-1])
        if current.label in ("L", "M"):
            left.append(current.left[-1])
        current = current.parent
    return [*reversed(right), *reversed(left)]


def _start_gain(context: _Context, node: _Node, whole: list[int], previous: tuple[int, ...]) -> float:
    """How much better the reading ending at ``node`` fits where sentences start and end than the
    lines as given (:func:`start_fit` at full weight, whatever the search weighed it with): where the
    search did not weigh it, a check it was not fitted to."""
    read = [*previous[-1:], *_column_order(node)]
    given = [*previous[-1:], *whole]
    return _starts(context, read) - _starts(context, given)


def _starts(context: _Context, order: Sequence[int]) -> float:
    """What the first words of the pieces ``order`` say of the lines before them (full weight)."""
    total = 0.0
    for before, piece in pairwise(order):
        later = context.pieces[piece]
        if not later.first:
            continue
        after_end, after_open = start_fit(later.text)
        earlier = context.pieces[before]
        total += after_end if earlier.kind == TITLE_LINE or closes(earlier.text.strip()) else after_open
    return total


def _one_column(context: _Context, whole: list[int], previous: tuple[int, ...]) -> float:
    """The score of the lines read in the order given, as one column going on from ``previous``."""
    lines = [*previous, *whole]
    return sum(context.follows(tuple(lines[max(0, index - TOPIC_LINES):index]), lines[index])
               for index in range(len(previous), len(lines)))


def _reading(context: _Context, node: _Node, gain: float) -> Reading:
    """Walk back from the final node: the labels and each column's texts."""
    steps: list[_Node] = []
    current: _Node | None = node
    while current is not None and current.parent is not None:
        steps.append(current)
        current = current.parent
    steps.reverse()
    right: list[str] = []
    left: list[str] = []
    labels = []
    for step in steps:
        labels.append(step.label)
        if step.label == "R":
            right.append(context.pieces[step.right[-1]].text)
        elif step.label == "L":
            left.append(context.pieces[step.left[-1]].text)
        else:
            right.append(context.pieces[step.right[-1]].text)
            left.append(context.pieces[step.left[-1]].text)
    return Reading("".join(labels), tuple(right), tuple(left), gain)


@dataclass(frozen=True, slots=True)
class Page:
    """The lines of one page: ``items`` the lines with letters, each with the letterless lines that
    stood right before it (a lone mark, a bracket); ``numbers`` the lines that hold only a number
    (the page number); ``tail`` letterless lines after the last item; ``spaced`` whether the
    extractor wrote a blank line after most lines (pdfminer.six and pdftotext do); ``top`` the
    lines before the first line in Arabic script (a running head, a file name in Latin letters:
    they stand above both columns and stay at the top)."""

    items: tuple[tuple[tuple[str, ...], str], ...]
    numbers: tuple[str, ...]
    tail: tuple[str, ...]
    spaced: bool
    head: str
    end: str
    top: tuple[str, ...] = ()


def split_page(text: str) -> Page:
    """The parts of a page's text (see :class:`Page`); ``head`` and ``end`` keep a line break that
    opened or closed the page's text.

    >>> page = split_page("پژو پارس\\n\\nً\\n\\nخودرو است\\n\\n۱۲\\n")
    >>> [line for _, line in page.items], page.items[1][0], page.numbers, page.spaced
    (['پژو پارس', 'خودرو است'], ('ً',), ('۱۲',), True)
    >>> split_page("report.pdf\\n\\nپژو پارس\\n\\nخودرو است\\n").top
    ('report.pdf',)
    """
    lines = text.split("\n")
    head = "\n" if len(lines) > 1 and not lines[0] else ""
    end = "\n" if len(lines) > 1 and not lines[-1] else ""
    content = [line for line in lines if line.strip()]
    followed = sum(1 for index, line in enumerate(lines[:-1]) if line.strip() and not lines[index + 1].strip())
    items: list[tuple[tuple[str, ...], str]] = []
    numbers: list[str] = []
    pending: list[str] = []
    top: list[str] = []
    for line in content:
        if _NUMBER_LINE.fullmatch(line):
            numbers.append(line)
        elif not _LETTER.search(line):
            pending.append(line)
        elif not items and not has_arabic(line):
            top.extend(pending)
            top.append(line)
            pending = []
        else:
            items.append((tuple(pending), line))
            pending = []
    return Page(tuple(items), tuple(numbers), tuple(pending), followed * 2 > len(content), head, end, tuple(top))


def join_page(page: Page, reading: Reading) -> str:
    """The page's text with its lines in column order: the lines above both columns, right
    column, left column, the rest."""
    satellites = {index: before for index, (before, _) in enumerate(page.items)}
    right: list[str] = []
    left: list[str] = []
    taken_right = taken_left = 0
    for index, label in enumerate(reading.labels):
        if label in ("R", "M"):
            right.extend(satellites[index])
            right.append(reading.right[taken_right])
            taken_right += 1
        if label in ("L", "M"):
            if label == "L":
                left.extend(satellites[index])
            left.append(reading.left[taken_left])
            taken_left += 1
    lines = [*page.top, *right, *left, *page.tail, *page.numbers]
    separator = "\n\n" if page.spaced else "\n"
    return page.head + separator.join(lines) + (separator if page.spaced else page.end)


def page_ranges(lines: list[str]) -> list[tuple[int, int]]:
    """The ``(first, end)`` line ranges of the pages (a page starts at a line that starts with a
    form feed).

    >>> page_ranges(["a", "", "\fb", "c"])
    [(0, 2), (2, 4)]
    """
    starts = [0] + [i for i, line in enumerate(lines) if i and line.startswith("\f")]
    return list(zip(starts, [*starts[1:], len(lines)], strict=True))


def split_page_breaks(planner: Planner) -> int:
    """Start a new line where a page begins inside a line; return how many lines were split.

    pdfplumber writes the last line of a page, a form feed and the first line of the next page as
    one line (``1\\fتخاس``: the page number, then the next page). Turned round as one visual line,
    the next page's first line would end up on the page before; split, each part is repaired on its
    own page.

    >>> planner = Planner(["ب", "1\\fتخاس", "\\fالف"], record=False)
    >>> split_page_breaks(planner), planner.lines
    (1, ['ب', '1', '\\x0cتخاس', '\\x0cالف'])
    """
    split = 0
    for index in range(len(planner.lines) - 1, -1, -1):
        line = planner.lines[index]
        cut = line.find("\f", len(line) - len(line.lstrip("\f")))
        if cut > 0:
            pieces = [line[:cut]]
            rest = line[cut:]
            while "\f" in rest[1:]:
                inner = rest.index("\f", 1)
                pieces.append(rest[:inner])
                rest = rest[inner:]
            pieces.append(rest)
            split += planner.replace("split_page_breaks", index, 1, pieces)
    return split


def restore_columns(planner: Planner, lm: LanguageModel) -> bool:
    """Put the lines of two-column pages back in column order; return whether anything moved.

    Pages are the stretches between form feeds; text without form feeds is one page, read only
    where some of its lines hold both columns (pdfplumber on a one-page document: nothing else
    tells it from one column). The window is read as two columns only if one of
    its first full pages gains clearly from an interleaved reading; then every page of at least
    :data:`MIN_LINES` lines is read and, unless that reading loses, rewritten right column first,
    all in one step.
    """
    text = "\n".join(planner.lines)
    originals = text.split("\f")
    pages = [split_page(part) for part in originals]
    layout = column_layout([len(line.strip()) for page in pages for _, line in page.items])
    if not layout.width or layout.width > MAX_COLUMN_CHARS:
        return False
    # text without pages is read as one page only where its lines hold both columns, or where it
    # is no longer than a page and its first line holds a title beside a full line (pdfplumber
    # writes no form feed after a document's only page); lines holding a full line of each column
    # count as full lines, but in text without pages longer than a page (Ghostscript, pdfplumber's
    # layout mode mark no pages) only where most lines are column lines even without them
    several = len(originals) == 1 and column_lines(pages[0], layout) > PAGE_LINES
    if len(originals) == 1 and not layout.merged and (several or not pages[0].items
                                                       or not title_beside_line(pages[0].items[0][1], layout.width)):
        return False
    if layout.full + (0.0 if several or layout.full < BOTH_FULL_FLOOR else layout.both) < MIN_FULL_SHARE:
        return False
    if known_share(planner.lines, lm) < MIN_KNOWN_SHARE:
        return False
    layout = replace(layout, blank_lines=pages[0].spaced)
    # the document's first line may hold a title beside the left column's first line
    first = pages[0].items[0][1] if pages[0].items else None
    local = [line for line in planner.lines if line != first or len(line.strip()) <= MERGED_POSSIBLE * layout.width]
    reader = _Reader(pages, _with_local_pairs(lm, local, layout), layout)
    if not reader.interleaved():
        return False
    parts = []
    for number, original in enumerate(originals):
        reading = reader.read(number)
        parts.append(join_page(pages[number], reading) if reading is not None else original)
    return _replace_changed(planner, "\f".join(parts).split("\n"))


def column_lines(page: Page, layout: Layout) -> int:
    """How many column lines ``page`` holds: a line that holds both columns counts twice (where
    the columns stand level, a full page has half as many lines).

    >>> column_lines(split_page("\\n".join(["ب" * 40, "پ" * 90, "ت" * 20])), Layout(45, True))
    4
    """
    limit = MERGED_FORCED * layout.width if layout.merged else math.inf
    return sum(2 if len(line.strip()) > limit else 1 for _, line in page.items)


def title_beside_line(line: str, width: int) -> bool:
    """True if ``line`` splits into a title and a full column line (pdfplumber writes a document's
    title and the left column's first line level with it as one line).

    >>> title_beside_line("پژو پارس " + "خودرو است " * 4, 45), title_beside_line("خودرو است " * 4, 45)
    (True, False)
    """
    body = line.strip()
    if len(body) <= width:
        return False
    for match in re.finditer(" ", body):
        right, left = body[:match.start()], body[match.end():]
        if line_kind(right, width) == TITLE_LINE and FULL * width <= _visible(left) <= HALF_MAX * width:
            return True
    return False


def known_share(lines: Sequence[str], lm: LanguageModel) -> float:
    """The share of the Persian words of ``lines`` that the lexicon knows.

    >>> known_share(["این خودرو است", "وردوخ"], LanguageModel())
    0.75
    """
    found = [word for line in lines for word in words(line)]
    return sum(1 for word in found if lm.known(word)) / len(found) if found else 0.0


def _with_local_pairs(lm: LanguageModel, lines: Sequence[str], layout: Layout) -> LanguageModel:
    """A language model that also knows the word pairs inside the window's column lines (their
    words are in order; a name or phrase the text repeats then links the lines it is broken
    across). Lines that may hold both columns are left out: the pair where they meet is false."""
    local = LocalPairs()
    for line in lines:
        if len(line.strip()) <= MERGED_POSSIBLE * layout.width or not layout.merged:
            local.add(words(line))
    return LanguageModel(lm.lexicon, lm.bigrams, lm.letters, local)


class _Reader:
    """Reads the pages of a window in order, each going on from the one before, and remembers the
    readings (the evidence search and the rewriting read the same pages)."""

    def __init__(self, pages: list[Page], lm: LanguageModel, layout: Layout) -> None:
        self.pages = pages
        self.lm = lm
        self.layout = layout
        # the text ends on the last page with lines (pdfminer.six writes a form feed after every
        # page, the last one too)
        self.last = max((number for number, page in enumerate(pages) if page.items), default=len(pages) - 1)
        self.readings: dict[int, Reading | None] = {}
        # the evidence is read ranking partial readings by the score reached (the readings its
        # thresholds were set on; a fairer search finds other readings, some of which fall short of
        # them); once the window is shown two-column, the pages are read again ranking them fairly
        # (see read_page), as they score better so
        self.fair = False
        # pages whose first line is read as a title beside the left column's first line
        self.top_split: set[int] = set()

    def read(self, number: int) -> Reading | None:
        """The reading of page ``number`` if it is to be rewritten (``None``: it stays)."""
        if number not in self.readings:
            self.readings[number] = self._search(number, self.fair)
        return self.readings[number]

    def _search(self, number: int, fair: bool) -> Reading | None:
        lines = self.lines(number)
        if len(lines) < MIN_LINES:
            return None
        reading = read_page(lines, self.lm, self.layout, number == self.last, self.before(number),
                            fair=fair, top_split=number in self.top_split)
        return reading if reading.gain >= page_floor(self.layout, number == self.last, number > 0) else None

    def lines(self, number: int) -> list[str]:
        return [line.strip() for _, line in self.pages[number].items]

    def column_lines(self, number: int) -> int:
        return column_lines(self.pages[number], self.layout)

    def before(self, number: int) -> tuple[str, ...]:
        """The last lines of the column page ``number`` goes on from."""
        if number == 0:
            return ()
        reading = self.read(number - 1)
        if reading is not None:
            return (reading.left or reading.right)[-TOPIC_LINES:]
        return tuple(self.lines(number - 1)[-TOPIC_LINES:])

    def interleaved(self) -> bool:
        """True if one of the first full pages reads clearly better with its columns interleaved
        (and no page before it gained as much from shared words alone). A page whose reading gains
        and mends sentences but falls short of :func:`judge`'s other tests is read again ranking the
        partial readings fairly, and shows it if that reading passes them (pdfminer.six: a band
        that paid its change of rhythm early); failing that, a page written a box a line may show
        it by its seams alone (:func:`shown_by_boxes`)."""
        searched = 0
        for number in range(len(self.pages)):
            if self.column_lines(number) < EVIDENCE_LINES:
                continue
            reading = self.read(number)
            verdict = None if reading is None else judge(reading, self.layout.merged)
            if verdict is None and reading is not None and reading.title_left and self.layout.merged:
                # the document's title beside the left column's first line (a title too, too short
                # to be split otherwise): read with the first line split, it shows two columns if
                # that reading passes the tests (where no line holds both columns, a title read
                # into the left column is no evidence: columns in reading order regroup so)
                self.top_split.add(number)
                split = self._search(number, self.fair)
                if split is not None and judge(split, True):
                    reading, verdict = split, True
                else:
                    self.top_split.discard(number)
            if (verdict is None and reading is not None and reading.seams >= SEAM_EVIDENCE
                    and reading.gain >= fairer_floor(self.pages[number].spaced, self.layout.merged)):
                # a reading that gains and mends sentences but falls short of the other tests: the
                # fairer search may find one that shows it (only as evidence for two columns)
                fairer = self._search(number, True)
                if fairer is not None and judge(fairer, self.layout.merged):
                    reading, verdict = fairer, True
            if verdict is not True and reading is not None and shown_by_boxes(reading, self.layout.merged,
                                                                              self.pages[number].spaced):
                verdict = True
            if reading is not None and verdict is not None:
                if not verdict:
                    return False
                self.fair = True
                if alternates(reading.labels):
                    self.layout = replace(self.layout, alternating=True)
                    # a reading without long runs stays the best one; the others are read again
                    self.readings = {number: reading} if _long_runs(reading.labels) == 0 else {}
                else:
                    self.readings = {}  # read again, fairly
                if reading.gain < ESTABLISH_GAIN:
                    # shown by where sentences start: the search weighs it from here on
                    self.layout = replace(self.layout, sentences=True)
                    self.readings = {}
                return True
            searched += 1
            if searched == EVIDENCE_PAGES:
                return False
        return False


def page_floor(layout: Layout, last_page: bool, goes_on: bool) -> float:
    """The least gain for which a page is reordered: :data:`PAGE_GAIN`, but
    :data:`LAST_BOX_PAGE_GAIN` on the last page of a window written a box a line (pdfminer.six: a
    blank line after most lines, no line holding both columns, the columns not alternating) that
    goes on from another page. There it is most often the text's tail in one column (the right one
    fills first), whose lines read best as given: a reading that loses to them only moves a few
    lines by chance word pairs (its band ends with the left column, which is free).

    >>> boxes = Layout(40, False, blank_lines=True)
    >>> page_floor(boxes, True, True), page_floor(boxes, True, False), page_floor(boxes, False, True)
    (0.0, -1.5, -1.5)
    >>> page_floor(Layout(40, False), True, True), page_floor(replace(boxes, alternating=True), True, True)
    (-1.5, -1.5)
    """
    if last_page and goes_on and layout.blank_lines and not layout.merged and not layout.alternating:
        return LAST_BOX_PAGE_GAIN
    return PAGE_GAIN


def fairer_floor(spaced: bool, merged: bool) -> float:
    """The least gain of a page's first reading for which the fairer search is tried (see
    :meth:`_Reader.interleaved`): 0, but any reading kept (:data:`PAGE_GAIN`) on a page written a box
    a line (``spaced``, no line holding both columns: pdfminer.six), whose bands pay their changes
    of rhythm early. Ranked by the score reached, the search drops the true reading on the way and
    keeps one that loses a little while mending sentences.

    >>> fairer_floor(True, False), fairer_floor(False, False), fairer_floor(True, True)
    (-1.5, 0.0, 0.0)
    """
    return PAGE_GAIN if spaced and not merged else 0.0


def shown_by_boxes(reading: Reading, merged: bool, spaced: bool) -> bool:
    """True if a page written a box a line (``spaced``: a blank line after most lines, as
    pdfminer.six writes every line of a page whose lines stand apart) shows two columns read
    across where :func:`judge` found nothing or vetoed: its interleaved reading (at least three
    runs) gains and its seams gain clearly (:data:`CLEAR_SEAMS`), whatever the first words of the
    lines say. pdfminer.six writes the boxes of a two-column page in the order it grouped them, the
    columns interleaved in bands; on text nobody has seen the charges for the bands' structure eat
    up most of the gain, and where sentences start may fit a little worse by chance. Text in
    reading order written a box a line (one column, or MuPDF's blocks) regroups into readings
    whose seams gain less than that.

    >>> shown_by_boxes(Reading("LLLLLLRRRRRRLRLR", (), (), 0.3, seams=6.6, starts=-2.3), False, True)
    True
    >>> shown_by_boxes(Reading("LLLLLLRRRRRRLRLR", (), (), 0.3, seams=6.6, starts=-2.3), False, False)
    False
    >>> shown_by_boxes(Reading("LLLLRRRRLLLL", (), (), 1.7, seams=2.2), False, True)  # chance regrouping
    False
    >>> shown_by_boxes(Reading("LLLLLLRRRRRR", (), (), 2.2, seams=3.2), False, True)  # two blocks: in order
    False
    """
    return (spaced and not merged and reading.gain >= 0.0 and reading.seams >= CLEAR_SEAMS
            and _runs(reading.labels) >= 3 and not reading.title_left)


def judge(reading: Reading, merged: bool) -> bool | None:
    """What a page's reading says of its window: ``True`` two columns read across, ``False`` one
    column (or two already in reading order: the search stops), ``None`` nothing either way.

    A page gains clearly from an interleaved reading (at least three runs, see :func:`_runs`), and
    the pairs of words across its line breaks gain too; where the search did not weigh where
    sentences start (no line holds both columns), the first words of the lines must not fit worse
    (a check the search was not fitted to), unless the word pairs mend far more than that loss and
    it is at most twice the veto (short everyday sentences already in reading order, PDFium, mend
    seams by 19.5 regrouped, losing 3.1 at the starts).
    Where they fit clearly better, a smaller gain will do,
    if the word pairs gain twice as much and the reading goes in bands (pdfminer.six on a page
    whose paragraph gaps keep the columns from standing level). Neither counts where the reading
    puts a title that opens a document into the left column: a document's title heads the right
    column, and where it is the page's first line (PDFium and PyMuPDF write the columns in reading
    order, pdftotext writes a title first where it stands higher than the left column's first
    line) such a reading has regrouped lines in order by chance, or taken the columns for each
    other.

    >>> judge(Reading("LRLRLR", (), (), 9.0, seams=5.0, starts=0.2), False)
    True
    >>> judge(Reading("LRLRLR", (), (), 9.0, seams=5.0, starts=-2.6), False)  # chance regrouping
    False
    >>> judge(Reading("LRLRLR", (), (), 17.0, seams=17.0, starts=-1.1), False)  # sentences mended
    True
    >>> judge(Reading("LLLRRRLLRRLR", (), (), 6.6, seams=19.5, starts=-3.1), False)  # too many starts lost
    False
    >>> judge(Reading("LLLRRRLLRR", (), (), 1.0, seams=6.5, starts=2.0), False)
    True
    >>> judge(Reading("LLLRRRLLRR", (), (), 1.0, seams=2.5, starts=2.0), False) is None
    True
    >>> judge(Reading("LLLRRRLLRR", (), (), 1.0, seams=6.5, starts=2.0, title_left=True), False) is None
    True
    >>> judge(Reading("LRLRLR", (), (), 9.0, seams=5.0, starts=0.2, title_left=True), False) is None
    True

    Where no line holds both columns, seams that gain only a little (at least ``SEAM_EVIDENCE``,
    less than ``CLEAR_SEAMS``) leave it to the next page: two columns in reading order regroup so
    by chance (PyMuPDF: a gain of 4.8, 2.8 of it from the seams).

    >>> judge(Reading("LLRRRLLLLRRRRLR", (), (), 4.8, seams=2.8, starts=-0.5), False) is None
    True
    >>> judge(Reading("LLRRRLLLLRRRRLR", (), (), 4.8, seams=2.8, starts=-0.5), True)
    True
    """
    clear = reading.gain >= ESTABLISH_GAIN and not reading.title_left
    shown = (not merged and reading.gain >= 0.0 and reading.starts >= START_EVIDENCE
             and reading.seams >= 2 * SEAM_EVIDENCE and not alternates(reading.labels)
             and not reading.title_left)
    if _runs(reading.labels) < 3 or not (clear or shown):
        return None
    if not merged and SEAM_EVIDENCE <= reading.seams < CLEAR_SEAMS:
        return None  # the next page decides
    return reading.seams >= SEAM_EVIDENCE and (merged or reading.starts >= -START_VETO
                                               or (reading.starts >= -2 * START_VETO
                                                   and reading.seams + reading.starts >= 2 * SEAM_EVIDENCE))


def _long_runs(labels: str) -> int:
    """How many lines stand in runs of three or more lines of one column (a split line ends a run).

    >>> _long_runs("LRLRRRLRMLLLL"), _long_runs("LLLLRRRRR")
    (7, 9)
    """
    return sum(len(run) for run in re.findall(r"L{3,}|R{3,}", labels))


def alternates(labels: str) -> bool:
    """True if a page's reading alternates the columns line by line (pdftotext, pdfplumber), rather
    than in bands of several lines (pdfminer.six).

    >>> alternates("LRLRLRLRLRRLRLRLRLRL"), alternates("LLLLLRRRRRLRLRLLLLRRRR")
    (True, False)
    """
    return _long_runs(labels) <= ALTERNATING_SHARE * len(labels)


def _runs(labels: str) -> int:
    """How many runs of one column a reading has (a page read as one block of each column has two:
    text already in column order reads that way too, so such a page is no evidence).

    >>> _runs("LLLRRR"), _runs("LRLRRR"), _runs("MMLRLR")
    (2, 4, 5)
    """
    return sum(1 for index, label in enumerate(labels) if index == 0 or label != labels[index - 1])


def _replace_changed(planner: Planner, new_lines: list[str]) -> bool:
    """Replace the stretch of ``planner``'s lines that differs from ``new_lines`` in one step."""
    old = planner.lines
    start = 0
    while start < min(len(old), len(new_lines)) and old[start] == new_lines[start]:
        start += 1
    end_old, end_new = len(old), len(new_lines)
    while end_old > start and end_new > start and old[end_old - 1] == new_lines[end_new - 1]:
        end_old -= 1
        end_new -= 1
    if start == end_old and start == end_new:
        return False
    return planner.replace("restore_columns", start, end_old - start, new_lines[start:end_new])
