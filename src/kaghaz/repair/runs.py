"""The runs of a line that PyMuPDF wrote in visual order, put back in logical order.

Chromium, WeasyPrint and Typst draw a right-to-left line run by run from left to right: a run is a
stretch of one direction and one font (a number, a Latin name, and on some pages a bracket or a
hyphen that the Persian font lacks). PyMuPDF keeps that order and only turns the letters of each
right-to-left run round, so a line comes out as its runs in visual order, each run readable:
``آن۱۹۲۳  مارس۳ تایم نخستین بار در`` for ``تایم نخستین بار در ۳ مارس ۱۹۲۳ ... آن``.

While turning a run round, PyMuPDF leaves the spaces and punctuation it meets before the run's
first letter where they were: what ended the run comes first, reversed, and what began it follows
(``. پاس گل ... شد`` for `` پاس گل ... شد.``; `` :) با نام`` for ``) با نام ...: ``).

Undoing it is written here by hand because no library does it: the line is cut into its runs, the
runs are put in reverse order, the neutral characters at the front of each right-to-left run are
shared out again between its end and its start, and the runs are joined with a space between a
word and a number, as Persian is written. Deciding *when* to do it is :mod:`kaghaz.repair.engine`'s
job; :func:`runs_evidence` counts what a document shows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from itertools import pairwise
from typing import Final

from kaghaz.repair.langmodel import LanguageModel
from kaghaz.repair.text import line_cache, words

_LETTER_CLASS: Final = "\u0621-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff\u0750-\u077f"
_DIGIT_CLASS: Final = "0-9\u06f0-\u06f9\u0660-\u0669"
#: Latin letters; those of Latin Extended (``ů``, ``Ű``) only inside a Latin word, since alone in
#: Persian text they are glyphs without a usable Unicode mapping.
_LATIN_CLASS: Final = "A-Za-z\u00c0-\u00ff"
_LATIN_MORE: Final = "\u0100-\u024f"
_LTR_CLASS: Final = _DIGIT_CLASS + _LATIN_CLASS
#: A left-to-right run: numbers and Latin words with what holds them together (``۵٫۵``,
#: ``CD/DVD``, ``Time Canada``, ``writeMicroseconds(pos)``); a space joins Latin words only.
_LTR_RUN: Final = re.compile(
    f"[{_LTR_CLASS}][{_LTR_CLASS}{_LATIN_MORE}]*(?:(?:[.,:;/'&+_\\-\u066b\u066c%]+"
    f"|(?<=[{_LATIN_CLASS}{_LATIN_MORE}])[ ()]+(?=[{_LATIN_CLASS}]))[{_LTR_CLASS}{_LATIN_MORE}]+)*[%\u066a]?"
)
#: PyMuPDF writes a percent sign before the number it follows (``٪۸۰`` for ``۸۰٪``).
_PERCENT_FIRST: Final = re.compile(f"([%\u066a])([{_DIGIT_CLASS}][{_DIGIT_CLASS}\u066b\u066c.,/]*)")

#: Brackets, guillemets, quotation marks and dashes: some producers draw them from a fallback font,
#: as runs of their own.
BRACKETS: Final = frozenset("()[]{}")
GUILLEMETS: Final = frozenset("\N{LEFT-POINTING DOUBLE ANGLE QUOTATION MARK}"
                              "\N{RIGHT-POINTING DOUBLE ANGLE QUOTATION MARK}\"")
DASHES: Final = frozenset("-\N{EN DASH}\N{EM DASH}\N{HYPHEN}")
#: Punctuation written right after the word before it.
_CLOSERS: Final = frozenset(".:;!?,/\N{ARABIC COMMA}\N{ARABIC SEMICOLON}\N{ARABIC QUESTION MARK}"
                            ")]}\"'\N{RIGHT-POINTING DOUBLE ANGLE QUOTATION MARK}")
#: Punctuation written right before the word after it.
_OPENERS: Final = frozenset("([{\N{LEFT-POINTING DOUBLE ANGLE QUOTATION MARK}")
#: Punctuation that ends a sentence or announces what follows: it ends a run far more often than
#: it starts one.
_ENDING: Final = frozenset(".:;!?\N{ARABIC SEMICOLON}\N{ARABIC QUESTION MARK}")
_ENDING_OR_COMMA: Final = _ENDING | frozenset(",\N{ARABIC COMMA}")
_LETTER: Final = re.compile(f"[{_LETTER_CLASS}{_LTR_CLASS}]")
_LTR_START: Final = re.compile(f"[{_LTR_CLASS}]")


class RunKind(Enum):
    """What a run of a visual-order line is."""

    RTL = "rtl"
    LTR = "ltr"
    SEPARATE = "separate"


@dataclass(frozen=True, slots=True)
class Run:
    """One run of a line as written: its text (spaces included) and its kind."""

    text: str
    kind: RunKind


@dataclass(frozen=True, slots=True)
class Cutting:
    """How a producer cut a line into runs and in which order PyMuPDF wrote them.

    ``brackets``, ``guillemets``, ``dashes``: drawn as runs of their own (from a fallback font).
    ``keep_ltr``: numbers and Latin words are in logical order (PyMuPDF started a new line after
    each, as on Typst pages) and only the runs of the right-to-left stretches between them are in
    visual order; otherwise the whole line is (Chromium, WeasyPrint).
    """

    brackets: bool = False
    guillemets: bool = False
    dashes: bool = False
    keep_ltr: bool = False

    def applies(self, text: str) -> bool:
        """False if ``text`` holds none of the characters this cutting makes runs of their own
        (then it reads a text as the cutting without them does).

        >>> Cutting(brackets=True).applies("سال ۱۹۲۳"), Cutting().applies("")
        (False, True)
        """
        return ((not self.brackets or any(c in text for c in BRACKETS))
                and (not self.guillemets or any(c in text for c in GUILLEMETS))
                and (not self.dashes or any(c in text for c in DASHES)))

    def separate(self, char: str) -> bool:
        """True if ``char`` is a run of its own under this cutting."""
        return ((self.brackets and char in BRACKETS) or (self.guillemets and char in GUILLEMETS)
                or (self.dashes and char in DASHES))


#: Every way of cutting that is tried, for each order.
CUTTINGS: Final = tuple(Cutting(b, g, d, keep) for keep in (False, True)
                        for b in (False, True) for g in (False, True) for d in (False, True))


@lru_cache(maxsize=16)
def _stops(cutting: Cutting) -> re.Pattern[str]:
    """The characters where :func:`split_runs` may start a run: a left-to-right character, or one
    that ``cutting`` makes a run of its own."""
    own = [c for group in (BRACKETS, GUILLEMETS, DASHES) for c in sorted(group) if cutting.separate(c)]
    return re.compile(f"[{_LTR_CLASS}{re.escape(''.join(own))}]")


def split_runs(line: str, cutting: Cutting = Cutting()) -> list[Run]:
    """Cut ``line`` into its runs as a visual-order producer drew them.

    >>> [(r.text, r.kind.value) for r in split_runs("نام۲۰۰۸  چاپ")]
    [('نام', 'rtl'), ('۲۰۰۸', 'ltr'), ('  چاپ', 'rtl')]
    >>> [r.text for r in split_runs("پیکری-دستگاه حسی", Cutting(dashes=True))]
    ['پیکری', '-', 'دستگاه حسی']
    """
    runs: list[Run] = []
    position = 0
    rtl_start = 0

    def close_rtl(end: int) -> None:
        if end > rtl_start:
            runs.append(Run(line[rtl_start:end], RunKind.RTL))

    stop = _stops(cutting).search
    while position < len(line):
        # the characters before the next one that may start a run go with the right-to-left run
        found = stop(line, position)
        if found is None:
            break
        position = found.start()
        char = line[position]
        match = _LTR_RUN.match(line, position) if _LTR_START.match(char) else None
        if match is not None:
            close_rtl(position)
            runs.append(Run(match.group(), RunKind.LTR))
            position = rtl_start = match.end()
            continue
        if cutting.separate(char):
            close_rtl(position)
            runs.append(Run(char, RunKind.SEPARATE))
            position = rtl_start = position + 1
            continue
        position += 1
    close_rtl(len(line))
    return runs


def _share_neutrals(run: str, first: bool, last: bool) -> str:
    """A right-to-left run as written by PyMuPDF, with its front neutrals shared out again.

    The spaces and punctuation before the run's first letter are what ended the run, reversed,
    followed by what began it. Where they split is chosen by how Persian is written: ``.``, ``:``
    and the like end a run, a comma after a number or bracket begins one; the run that starts the
    line (``first``) begins with nothing, the run that ends it (``last``) ends with nothing but
    punctuation.

    >>> _share_neutrals(". پاس گل را داد", first=False, last=True)
    ' پاس گل را داد.'
    >>> _share_neutrals(" :) با نام", first=False, last=False)
    ') با نام: '
    >>> _share_neutrals(" ، حفظ کرد", first=False, last=False)
    '، حفظ کرد '
    """
    start = 0
    while start < len(run) and not _LETTER.match(run[start]):
        start += 1
    if start == 0 or start == len(run):
        return run
    prefix, core = run[:start], run[start:]
    best: tuple[float, int] | None = None
    for split in range(len(prefix) + 1):
        reversed_end, begin = prefix[:split], prefix[split:]
        cost = _split_cost(reversed_end[::-1], begin, first, last)
        if cost is not None and (best is None or cost < best[0]):
            best = (cost, split)
    if best is None:
        return run
    split = best[1]
    return prefix[split:] + core + prefix[:split][::-1]


def _split_cost(end: str, begin: str, first: bool, last: bool) -> float | None:
    """How unlikely it is that a run ended with ``end`` and began with ``begin`` (``None``: never).

    ``end`` must be punctuation that closes (stuck to the run's last word) with spaces after it;
    ``begin`` spaces, closing punctuation stuck to the run before, spaces, opening brackets.
    """
    stripped = end.rstrip(" ")
    if any(c not in _CLOSERS for c in stripped):
        return None
    body = begin.lstrip(" ")
    closing = len(body) - len(body.lstrip("".join(_CLOSERS)))
    rest = body[closing:].lstrip(" ")
    if any(c not in _OPENERS for c in rest):
        return None
    cost = 0.0
    if first and begin.strip():
        cost += 4.0  # a line does not start with punctuation
    if first and begin:
        cost += 0.5
    if last and end and not stripped:
        cost += 0.5  # nor end with a space
    if closing and begin[0] == " ":
        cost += 0.6  # nor is a space written before closing punctuation (rarer than a line's end)
    for char in body[:closing]:
        cost += 1.0 if char in _ENDING else 0.0
    for char in stripped:
        cost += 0.0 if char in _ENDING or first else 0.6
    return cost


def reverse_runs(line: str, cutting: Cutting = Cutting()) -> str:
    """``line`` with its runs, written in visual order, put back in logical order.

    >>> reverse_runs(" متوقف شد. نسخه آسیایی آن با نام۲۰۰۸  چاپ تورنتو بود. چاپ این ویرایش از دسامبرTime Canada به نام")
    'به نام Time Canada چاپ تورنتو بود. چاپ این ویرایش از دسامبر ۲۰۰۸ متوقف شد. نسخه آسیایی آن با نام'
    >>> reverse_runs(". پاس گل را داد۱۳۳ برابر اوساسونا با")
    'برابر اوساسونا با ۱۳۳ پاس گل را داد.'
    >>> reverse_runs(" مدار در روز است۱۵٫۵۴ ، حفظ کرد. این یعنی طی کردن) مایل۲۷۰  و۲۰۵( کیلومتر",
    ...              Cutting(brackets=True))
    'کیلومتر (۲۰۵ و ۲۷۰ مایل)، حفظ کرد. این یعنی طی کردن ۱۵٫۵۴ مدار در روز است'
    """
    runs = split_runs(_PERCENT_FIRST.sub(r"\2\1", line), cutting)
    if cutting.keep_ltr:
        segments = _segments(runs)
        if not any(len(segment) > 1 for segment in segments):
            return line
    else:
        segments = [runs]
        if len(runs) < 2:
            return line
    pieces: list[Run] = []
    for index, segment in enumerate(segments):
        for position, run in enumerate(reversed(segment)):
            if run.kind is RunKind.RTL:
                # a run that starts the line, or follows a dash, begins with nothing
                first = (index == 0 and position == 0) or bool(pieces and pieces[-1].text in DASHES)
                last = index == len(segments) - 1 and position == len(segment) - 1
                pieces.append(Run(_share_neutrals(run.text, first=first, last=last), run.kind))
            else:
                pieces.append(run)
    return _join(pieces)


def share_run_punctuation(line: str) -> str:
    """``line`` with the punctuation PyMuPDF put in front of a run moved back to the run's end,
    where the runs themselves are in reading order (Word, LibreOffice, Typst pages).

    The run before a number or Latin word loses what ended it to its front: `` :کریم مصطفی بنزما
    (به فرانسویKarim`` for ``کریم مصطفی بنزما (به فرانسوی: Karim``. Only one mark, stuck to the
    first word of a line whose first run a number or Latin word follows, is moved: elsewhere
    (``1. تولید``, ``(class): مقدار``) it may be where the writer put it. A line without a
    number or Latin word is left to :func:`kaghaz.repair.fixes.move_leading_punctuation`.

    >>> share_run_punctuation(" :کریم مصطفی بنزما (به فرانسویKarim Mostafa Benzema")
    'کریم مصطفی بنزما (به فرانسوی: Karim Mostafa Benzema'
    >>> share_run_punctuation("  مارس۱۹۲۳ در شهر")
    '  مارس۱۹۲۳ در شهر'
    """
    runs = split_runs(line, Cutting(keep_ltr=True))
    pieces: list[Run] = []
    moved = False
    for index, run in enumerate(runs):
        text = run.text
        front = _front(text)
        # only punctuation stuck to the run's first word, in a run a number or Latin word follows:
        # ``1. تولید`` and ``(class): مقدار`` are as written
        if (run.kind is RunKind.RTL and index == 0 and len(front.strip(" ")) == 1 and front[-1] in _ENDING_OR_COMMA
                and index + 1 < len(runs) and runs[index + 1].kind is RunKind.LTR):
            text = _share_neutrals(text, first=index == 0, last=False)
            moved = moved or text.strip(" ") != run.text.strip(" ")
        pieces.append(Run(text, run.kind))
    return _join(pieces) if moved else line


_GLUED_LATIN: Final = re.compile(f"(?<=[{_LETTER_CLASS}])(?=[{_LATIN_CLASS}])")


def space_glued_latin(line: str) -> str:
    """Put back the space PyMuPDF drops between a Persian word and the Latin word after it.

    >>> space_glued_latin("به نامTime Canada چاپ")
    'به نام Time Canada چاپ'
    """
    return _GLUED_LATIN.sub(" ", line)


_LTR_TOKEN: Final = re.compile(f"[{_LTR_CLASS}]+")
_PERSIAN_LETTER: Final = re.compile(f"[{_LETTER_CLASS}]")


def reverse_kashida_pieces(line: str) -> str:
    """``line`` with the pieces between kashidas drawn as ``1`` put back in reading order.

    Where a font draws the kashida of justified text with a glyph mapped to ``1``, PyMuPDF takes
    it for a number: it turns round each piece of the right-to-left run between two of them on its
    own and leaves the pieces in the order of the page, from left to right, so the end of the line
    comes first (``ت1ر سیاس1ذهبی در ام1حتی ... مسایل م`` for ``حتی ... مسایل مـذهبی در امـر
    سیاسـت``). The pieces between real numbers and Latin words are put in reverse order; the
    kashidas stay, for :func:`kaghaz.repair.fixes.drop_kashida_ones`.

    >>> reverse_kashida_pieces("ت1ر سیاس1ذهبی در ام1حتی سلاطین را نیز مسایل م")
    'حتی سلاطین را نیز مسایل م1ذهبی در ام1ر سیاس1ت'
    >>> reverse_kashida_pieces("از زمان انقلاب۱۹۵۲ا11 تا کنون تنه")
    'از زمان انقلاب۱۹۵۲ تا کنون تنه11ا'
    """
    segments: list[list[str]] = [[]]
    boundaries: list[str] = []
    position = 0
    for match in _LTR_TOKEN.finditer(line):
        text = match.group()
        before = line[match.start() - 1] if match.start() else ""
        after = line[match.end()] if match.end() < len(line) else ""
        is_kashida = set(text) == {"1"} and bool(_PERSIAN_LETTER.match(before) or _PERSIAN_LETTER.match(after))
        segments[-1].append(line[position:match.start()])
        if is_kashida:
            segments[-1].append(text)
        else:
            boundaries.append(text)
            segments.append([])
        position = match.end()
    segments[-1].append(line[position:])
    out: list[str] = []
    for index, segment in enumerate(segments):
        # segment alternates piece, kashida, piece, ...: the pieces go in reverse order
        pieces, kashidas = segment[::2], segment[1::2]
        rebuilt = [pieces[-1]]
        for piece, kashida in zip(reversed(pieces[:-1]), reversed(kashidas), strict=True):
            rebuilt += [kashida, piece]
        out.append("".join(rebuilt))
        if index < len(boundaries):
            out.append(boundaries[index])
    return "".join(out)


def _front(run: str) -> str:
    """The spaces and punctuation before the first letter or digit of ``run``."""
    start = 0
    while start < len(run) and not _LETTER.match(run[start]):
        start += 1
    return run[:start]


def _join(pieces: list[Run]) -> str:
    """Runs written one after the other, a space where a word meets a number, spaces collapsed."""
    parts: list[str] = []
    for left, right in zip([None, *pieces], pieces, strict=False):
        if left is not None:
            parts.append(_glue(left.text, right.text))
        parts.append(right.text)
    return re.sub(" {2,}", " ", "".join(parts)).strip(" ")


def _segments(runs: list[Run]) -> list[list[Run]]:
    """The runs cut at numbers and Latin words: each of those alone, and the stretches between.

    >>> [[r.text for r in s] for s in _segments(split_runs("الف)ب(۱۲ج", Cutting(brackets=True)))]
    [['الف', ')', 'ب', '('], ['۱۲'], ['ج']]
    """
    out: list[list[Run]] = []
    current: list[Run] = []
    for run in runs:
        if run.kind is RunKind.LTR:
            if current:
                out.append(current)
            out.append([run])
            current = []
        else:
            current.append(run)
    if current:
        out.append(current)
    return out


def _glue(left: str, right: str) -> str:
    """A space where a word and a number or Latin word meet with nothing between them."""
    if not left or not right or left[-1] == " " or right[0] == " ":
        return ""
    a, b = left[-1], right[0]
    if a in _OPENERS or b in _CLOSERS or a in DASHES or b in DASHES:
        return ""
    if _LETTER.match(a) or _LETTER.match(b) or a in _CLOSERS:
        return " "
    return ""


_LETTER_RE: Final = f"[{_LETTER_CLASS}]"
_LTR_CHAR: Final = f"[{_LTR_CLASS}]"
#: A Persian letter, or the punctuation that ends its word (``کرد.``), and the number or Latin
#: word after it, with whatever space is between them.
_LETTER_THEN_LTR: Final = re.compile(f"{_LETTER_RE}[.\u060c\u061b:!\u061f]?([ \\t]*){_LTR_CHAR}")
_KIND_OF_TOKEN: Final = re.compile(f"(?P<rtl>{_LETTER_RE}+)|(?P<ltr>{_LTR_CHAR}+)")


@dataclass(frozen=True, slots=True)
class RunsEvidence:
    """What a document shows of PyMuPDF's runs, counted without the language model.

    ``glued``/``spaced``: a Persian letter followed by a number or Latin word, with no space or with
    one. PyMuPDF moves the space that ended a right-to-left run to the front of the run, so in its
    output nearly every such junction is glued (``آن۱۹۲۳``), while people write a space there.
    ``mixed``: lines holding both Persian and numbers or Latin; ``ending``: those whose last token is
    a number or Latin word. PyMuPDF starts a new line after such a run when a page draws its runs in
    logical order (Word, LibreOffice, Typst), so many mixed lines end with one; in visual order
    (Chromium, WeasyPrint) a line ends with one only where the line started with it, so a line that
    starts with one too is not counted (``8  دانشجوی ... با شهیدان450``).
    """

    glued: int = 0
    spaced: int = 0
    mixed: int = 0
    ending: int = 0


def runs_evidence(lines: list[str]) -> RunsEvidence:
    """Count :class:`RunsEvidence` over ``lines``.

    >>> runs_evidence([" در شهر منتشر شد آن۱۹۲۳  مارس۳ تایم نخستین بار در", "در سال ۱۹۲۳ منتشر شد"])
    RunsEvidence(glued=2, spaced=1, mixed=2, ending=0)
    >>> runs_evidence(["8  دانشجو به جبهه رفتند. با شهیدان450", "در خرداد ۹۹ بود که پس از متوقف شدن ۴۰۵"])
    RunsEvidence(glued=1, spaced=2, mixed=2, ending=1)
    """
    glued = spaced = mixed = ending = 0
    for line in lines:
        line_glued, line_spaced, line_mixed, line_ending = _line_evidence(line)
        glued += line_glued
        spaced += line_spaced
        mixed += line_mixed
        ending += line_ending
    return RunsEvidence(glued, spaced, mixed, ending)


@line_cache
def _line_evidence(line: str) -> tuple[int, int, int, int]:
    """What one line adds to :func:`runs_evidence` (remembered: the engine counts the evidence of
    the same lines several times)."""
    glued = spaced = 0
    for match in _LETTER_THEN_LTR.finditer(line):
        if match.group(1):
            spaced += 1
        else:
            glued += 1
    kinds = [m.lastgroup for m in _KIND_OF_TOKEN.finditer(line)]
    if "rtl" in kinds and "ltr" in kinds:
        return glued, spaced, 1, int(kinds[-1] == "ltr" and kinds[0] != "ltr")
    return glued, spaced, 0, 0


#: A number or Latin word stuck to the Persian word (or its closing punctuation) before it and
#: followed by a space or the line's end.
_GLUED_BEFORE: Final = re.compile(
    f"{_LETTER_RE}[.\u060c\u061b:!\u061f]?{_LTR_CHAR}[{_LTR_CLASS}.,/\u066b\u066c]*(?= |$)")


def glued_junctions(line: str) -> int:
    """How many numbers and Latin words of ``line`` stick to the Persian word before them and
    are followed by a space: PyMuPDF and pypdf move the space that ended the right-to-left run
    to the other side of the number (``است و45 کتابخانه``). A number stuck on both sides is a
    producer that drew no spaces there (XeLaTeX), and is not counted.

    >>> glued_junctions("است و45 کتابخانه شهر"), glued_junctions("خواهند برد.12 شهردار")
    (1, 1)
    >>> glued_junctions("روزانه 45 کتاب")
    0
    >>> glued_junctions("بخش\u200cهای۱۵٫۵۴مایل")
    0
    """
    return len(_GLUED_BEFORE.findall(line))


#: A document shows PyMuPDF's visual-order runs when at least this many junctions are glued ...
MIN_GLUED: Final = 3
#: ... and at least this share of them, ...
GLUED_SHARE: Final = 0.8
#: ... on at least this many mixed lines, of which at most this share end with a number or Latin word.
MIN_MIXED: Final = 2
ENDING_SHARE: Final = 0.25


def shows_pymupdf_junctions(evidence: RunsEvidence, turned: int = 0) -> bool:
    """True if numbers and Latin words are glued to the word before them as PyMuPDF glues them.
    ``turned``: bracket pairs that close before they open and stick to the word before them
    (:func:`turned_brackets`), PyMuPDF's mark on brackets drawn as runs of their own; each counts
    as two glued junctions (both its brackets moved), for pages with few numbers.

    >>> shows_pymupdf_junctions(RunsEvidence(glued=16, spaced=0)), shows_pymupdf_junctions(RunsEvidence(2, 47))
    (True, False)
    >>> shows_pymupdf_junctions(RunsEvidence(glued=2, spaced=0)), shows_pymupdf_junctions(RunsEvidence(), 2)
    (False, True)
    """
    glued = evidence.glued + 2 * turned
    return glued >= MIN_GLUED and evidence.glued >= GLUED_SHARE * (evidence.glued + evidence.spaced)


def draws_visual_order(evidence: RunsEvidence) -> bool:
    """True if the mixed lines are whole lines (few end with a number or Latin word): the page drew
    its runs from left to right and PyMuPDF kept them on one line.

    >>> draws_visual_order(RunsEvidence(mixed=17, ending=2)), draws_visual_order(RunsEvidence(mixed=65, ending=58))
    (True, False)
    """
    return evidence.mixed >= MIN_MIXED and evidence.ending <= ENDING_SHARE * evidence.mixed


#: A number or Latin word between two Persian letters, with the spaces on each side.
_LTR_BETWEEN_LETTERS: Final = re.compile(
    f"(?<={_LETTER_RE})( *)[{_LTR_CLASS}][{_LTR_CLASS}.,/\u066b\u066c]*( *)(?={_LETTER_RE})")
#: Runs in visual order are only looked for where at least this share of the numbers and Latin
#: words inside Persian text lack the space on one side or both.
DISTURBED_SHARE: Final = 0.25


def spacing_disturbed(lines: list[str]) -> bool:
    """True if the numbers and Latin words inside the Persian of ``lines`` are often glued to a
    word on one side: the mark of an extractor that moved runs (PyMuPDF, pypdf). Text whose runs
    are in order has a space on both sides (``در سال ۱۹۲۳ منتشر``), however its cells or columns
    were read.

    >>> spacing_disturbed(["تایم نخستین بار در۳  مارس۱۹۲۳ در شهر"]), spacing_disturbed(["در سال ۱۹۲۳ منتشر شد"])
    (True, False)
    """
    glued = total = 0
    for line in lines:
        for match in _LTR_BETWEEN_LETTERS.finditer(line):
            total += 1
            glued += not (match.group(1) and match.group(2))
    return total > 0 and glued >= DISTURBED_SHARE * total


_MIRRORED_OPENING: Final = {")": "(", "]": "[", "\N{RIGHT-POINTING DOUBLE ANGLE QUOTATION MARK}":
                             "\N{LEFT-POINTING DOUBLE ANGLE QUOTATION MARK}"}


def turned_brackets(line: str) -> tuple[int, int]:
    """Bracket pairs of ``line`` that close before they open (``)X(``), counted by what stands
    before the closing one: a letter stuck to it, or a space.

    Such a pair is either mirrored in place (pypdfium2, Word: ``A )X( B`` for ``A (X) B``, the
    spaces where the writer put them) or a bracket drawn as a run of its own in visual order
    (Typst: ``B)X(  A`` for ``A (X) B``), where PyMuPDF has moved the space that ended the run
    before the bracket to the front of that run, leaving the bracket stuck to the word.

    >>> turned_brackets("با یک)دوبل(  یا بین"), turned_brackets("ضرب کرد )دو بار( سپس"), turned_brackets("(الف) و (ب)")
    ((1, 0), (0, 1), (0, 0))
    """
    glued = spaced = 0
    pending: list[tuple[str, bool]] = []
    opened: list[str] = []
    for index, char in enumerate(line):
        if char in _MIRRORED_OPENING.values():
            match = next((i for i in range(len(pending) - 1, -1, -1)
                          if _MIRRORED_OPENING[pending[i][0]] == char), None)
            if match is not None and not opened:
                if pending[match][1]:
                    glued += 1
                else:
                    spaced += 1
                del pending[match]
            else:
                opened.append(char)
        elif char in _MIRRORED_OPENING:
            if opened and opened[-1] == _MIRRORED_OPENING[char]:
                opened.pop()
            else:
                before = line[index - 1] if index else ""
                pending.append((char, bool(before) and _LETTER.match(before) is not None))
    return glued, spaced


def glued_turned_brackets(lines: list[str]) -> int:
    """Bracket pairs of ``lines`` that close before they open with the closing one stuck to the
    word before it, where no more stand apart from it (see :func:`turned_brackets`); else 0.

    >>> glued_turned_brackets(["با یک)دوبل(  یا بین"]), glued_turned_brackets(["با یک)دوبل(  یا", "ضرب )دو( سپس"])
    (1, 0)
    """
    glued = spaced = 0
    for line in lines:
        if _CLOSING.search(line) is None:
            continue  # no pair closes before it opens without a closing bracket
        more_glued, more_spaced = turned_brackets(line)
        glued += more_glued
        spaced += more_spaced
    return glued if glued >= 2 * spaced else 0


_CLOSING: Final = re.compile("[)\\]\N{RIGHT-POINTING DOUBLE ANGLE QUOTATION MARK}]")


_MOVABLE: Final = re.compile(f"[{_LTR_CLASS}{re.escape(''.join(sorted(BRACKETS | GUILLEMETS | DASHES)))}]")


def could_move(line: str) -> bool:
    """True if some cutting could move something in ``line`` (it holds a number, a Latin letter,
    a bracket, a guillemet or a dash).

    >>> could_move("سال ۱۹۲۳"), could_move("سلام و درود")
    (True, False)
    """
    return _MOVABLE.search(line) is not None


def has_ltr_run(line: str) -> bool:
    """True if ``line`` holds a number or a Latin word.

    >>> has_ltr_run("سال ۱۹۲۳"), has_ltr_run("(میلادی)")
    (True, False)
    """
    return _LTR_RUN.search(line) is not None


def reads_forward(lines: list[str], lm: LanguageModel) -> bool:
    """True if the words of ``lines`` follow each other in reading order, as they do inside each
    of PyMuPDF's runs: their pairs score better as written than turned round.

    Other extractors glue numbers to words too (pypdf on Typst PDFs), but write the words of a
    line backwards; their runs are not to be turned round.

    >>> lm = LanguageModel()
    >>> reads_forward(["مجله تایم به بررسی رویدادها در زمینه سیاست می پردازد"], lm)
    True
    >>> reads_forward(["پردازد می سیاست زمینه در رویدادها بررسی به تایم مجله"], lm)
    False
    """
    forward = backward = 0.0
    for line in lines:
        found = words(line)
        for left, right in pairwise(found):
            forward += lm.pair(left, right)
            backward += lm.pair(right, left)
    return forward > backward
