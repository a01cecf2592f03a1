"""The order in which fixes run over a window of lines, and the decisions between them.

1. Character fixes that need no context (direction controls in documents that wrap lines in them,
   stray control characters, presentation forms).
2. Line-order fixes. Every line gets a reading from each kind of order damage (letters reversed,
   pieces reversed between ZWNJs, runs of a mixed line in visual order) with its gain in log10
   probability. A kind of damage is *established* in the document when enough lines show it
   strongly; then its readings replace lines at a low margin, otherwise only at a high one.
3. Word fixes that the document's profile calls for (lam-alef, brackets, lost ZWNJ).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Final

from kaghaz.chars import ZWNJ
from kaghaz.repair.columns import restore_columns, split_page_breaks
from kaghaz.repair.diagnosis import (
    Diagnosis,
    LineDiagnosis,
    LineKind,
    Profile,
    Reversals,
    controls_wrap_lines,
    profile_words,
    stretches_read_forward,
    writes_all,
    writes_some,
)
from kaghaz.repair.fixes import (
    GLUED_NUMBER,
    KASHIDA_ONES,
    SPACED_NUMBER,
    drop_cid_markers,
    drop_direction_controls,
    drop_kashida_ones,
    drop_stray_controls,
    fold_presentation,
    four_digit_numbers,
    has_leading_punctuation,
    has_stop_before_number,
    kashida_as_ones,
    kashida_stand_in,
    move_leading_punctuation,
    resolve_ltr_embeddings,
    reverse_numbers,
    space_glued_numbers,
    turn_list_number,
    year_evidence,
)
from kaghaz.repair.gaps import find_fragments, join_doubled_gaps
from kaghaz.repair.glyph_codes import read_codes, write_codes
from kaghaz.repair.gutters import split_gutters
from kaghaz.repair.hyphens import swapped_hyphen_lines
from kaghaz.repair.item_runs import item_readings
from kaghaz.repair.langmodel import LanguageModel, pair_tokens
from kaghaz.repair.letter_forms import glyph_letters, persian_forms
from kaghaz.repair.lines import find_number_splits, find_splits, find_tanwin_splits
from kaghaz.repair.ltr_runs import turned_readings
from kaghaz.repair.marks import (
    collapse_clusters,
    count_cluster_marks,
    count_doubled_clusters,
    count_repeated_clusters,
    fix_cluster_marks,
    fix_displaced_marks,
    reattach_lone_marks,
)
from kaghaz.repair.pdfjs_seams import pdfjs_as_pypdf, tidy_zwnj
from kaghaz.repair.pieces import VISUAL_RUNS, ZWNJ_PIECES, reorder_pieces, suspicious
from kaghaz.repair.plan import Planner
from kaghaz.repair.pypdf_order import DocumentOrder, document_order
from kaghaz.repair.reverse import JoinRule, flip_words, learn_join_rule, turned_words_read_forward
from kaghaz.repair.runs import (
    CUTTINGS,
    DASHES,
    Cutting,
    could_move,
    draws_visual_order,
    glued_junctions,
    glued_turned_brackets,
    has_ltr_run,
    reads_forward,
    reverse_kashida_pieces,
    reverse_runs,
    runs_evidence,
    share_run_punctuation,
    shows_pymupdf_junctions,
    space_glued_latin,
    spacing_disturbed,
)
from kaghaz.repair.satellites import find_satellites
from kaghaz.repair.scattered import scattered_pages
from kaghaz.repair.segments import join_group, visual_groups
from kaghaz.repair.spaceless import lost_gaps, space_run_words
from kaghaz.repair.text import (
    ARABIC_LETTER_CLASS,
    BRACKET_WEIGHT,
    LATIN_RE,
    bracket_order,
    frame,
    has_arabic,
    line_body,
    shape_penalty,
    words,
)
from kaghaz.repair.words import (
    count_detached_letters,
    doubled_words,
    fix_doubled_letters,
    fix_lam_alef,
    fix_shifted_gaps,
    fix_zwnj_placement,
    join_detached_letters,
    restore_joined_zwnj,
    restore_spaced_zwnj,
    space_brackets,
    swap_brackets,
)
from kaghaz.repair.zwnj_gaps import (
    join_spaced_compounds,
    nbsp_for_zwnj,
    space_zwnj_gaps,
    zwnj_for_nbsp,
    zwnj_for_spaces,
)
from kaghaz.settings import Settings


@dataclass(frozen=True, slots=True)
class Rule:
    """When a kind of order damage replaces a line.

    ``strong``: a gain at which one line is evidence for the whole document (and is repaired even
    in a document that shows nothing else); ``weak``: the gain that suffices once the document is
    known to have this damage; ``share``: how many of the lines that could show it must show it
    strongly for that; ``per_word``: gains are per Persian word of the line.
    """

    kind: LineKind
    fix: str
    strong: float
    weak: float
    share: float
    minimum: int = 2
    per_word: bool = False


LETTERS = Rule(LineKind.LETTER_REVERSED, "reverse_line_letters", strong=1.0, weak=0.0, share=0.3, per_word=True)
PIECES = Rule(LineKind.PIECE_REVERSED, "reorder_pieces", strong=6.0, weak=0.5, share=0.15)
FLIPS = Rule(LineKind.WORDS_FLIPPED, "reverse_word_letters", strong=8.0, weak=1.0, share=0.2, minimum=5)
RUNS = Rule(LineKind.PIECE_REVERSED, "reorder_runs", strong=40.0, weak=-1.0, share=1.0, minimum=8)
#: Runs in visual order are established when, over the lines that mix Persian and numbers only,
#: the mean gain is above this and this share of them gain at all.
RUNS_MEAN_GAIN = 0.4
RUNS_POSITIVE_SHARE = 0.6
#: PyMuPDF's runs in visual order (:mod:`kaghaz.repair.runs`): never taken from one line alone; in a
#: document whose junctions show PyMuPDF's habits (:func:`~kaghaz.repair.runs.shows_visual_runs`),
#: established when the readings gain this much on average.
VISUAL = Rule(LineKind.PIECE_REVERSED, "reverse_visual_runs", strong=float("inf"), weak=0.0, share=1.0)
VISUAL_MEAN_GAIN = 0.5
#: Once established, a mixed line's reading starts this far ahead of the line as it stands: the
#: document says its runs are in visual order even where the words next to a number say nothing.
VISUAL_PRIOR = 2.0
_MARKS = re.compile("[\u064b-\u065f\u0670]")
#: The longest line taken for one visual line of a page (pdfplumber writes two columns' lines as one,
#: about 260 characters); a longer one is a paragraph an extractor joined. A document with this share
#: of such lines among its lines of text is one of paragraphs, whose order is left alone.
MAX_VISUAL_LINE = 300
PARAGRAPH_SHARE = 0.15


@dataclass(frozen=True, slots=True)
class Candidate:
    """One reading of one line under one kind of damage.

    ``gain`` is in log10 probability over the line as it stands; ``margin`` is what the rule's
    thresholds are compared with (the gain, or the gain per word for a per-word rule).
    """

    rule: Rule
    text: str
    gain: float
    margin: float
    evidence: int = 0
    moved_words: bool = True
    alternative: bool = False
    evidence_margin: float | None = None
    #: the words that are evidence for the damage (:attr:`Flips.evident_words`)
    evident_words: frozenset[str] = frozenset()


def _on_body(function: Callable[[str], str]) -> Callable[[str], str]:
    """A line fix that runs ``function`` on the body of the line and keeps its frame."""
    def apply(line: str) -> str:
        if not line.startswith("\f") and not line.endswith("\r"):
            return function(line)  # no frame (most lines)
        framed = frame(line)
        return framed.join(function(framed.body))
    return apply


def clean_characters(planner: Planner, lm: LanguageModel | None = None) -> None:
    """Run the character fixes over every line.

    Direction controls are only dropped from a document that wraps its lines in them (what
    pdftotext does); a clean text keeps the marks its author or platform put in. Word gaps written
    as ZWNJ are made spaces only in a document that writes nearly all its gaps so, and so are
    no-break spaces (pdftohtml writes every gap as one).
    """
    if nbsp_for_spaces(planner.lines):
        planner.map_lines("space_for_nbsp", lambda line: line.replace("\N{NO-BREAK SPACE}", " "))
    if controls_wrap_lines(planner.lines):
        planner.map_lines("resolve_ltr_embeddings", resolve_ltr_embeddings)
        planner.map_lines("drop_direction_controls", drop_direction_controls)
    planner.map_lines("drop_stray_controls", drop_stray_controls)
    planner.map_lines("drop_cid_markers", drop_cid_markers)
    if sum(len(KASHIDA_ONES.findall(line)) for line in planner.lines) >= 3:
        if lm is not None:
            reorder_kashida_pieces(planner, lm)
        planner.map_lines("drop_kashida_ones", drop_kashida_ones)
    items = item_readings(planner.lines, lm) if lm is not None else None
    if items is not None:
        # pdf.js turned round the runs of plain letters it drew as one item
        planner.map_lines("turn_item_runs", lambda line: items.get(line, line))
    planner.map_lines("fold_presentation_forms", fold_presentation)
    if zwnj_for_spaces(planner.lines):
        planner.map_lines("space_zwnj_gaps", space_zwnj_gaps)


#: A document writes its gaps as no-break spaces when it holds at least this many, and this many
#: times as many as plain spaces.
NBSP_MIN = 10
NBSP_RATIO = 3


def nbsp_for_spaces(lines: list[str]) -> bool:
    """True if the lines write (nearly) every gap between words as a no-break space.

    >>> nbsp_for_spaces(["یک\N{NO-BREAK SPACE}دو\N{NO-BREAK SPACE}سه"] * 5), nbsp_for_spaces(["یک دو"] * 5)
    (True, False)
    """
    nbsp = sum(line.count("\N{NO-BREAK SPACE}") for line in lines)
    return nbsp >= NBSP_MIN and nbsp >= NBSP_RATIO * sum(line.count(" ") for line in lines)


#: Pieces between kashidas are put back in order where at least this many lines read better so,
#: and twice as many as read worse.
KASHIDA_MIN_LINES = 3


def reorder_kashida_pieces(planner: Planner, lm: LanguageModel) -> None:
    """Put back in order the pieces between kashidas that PyMuPDF left in the order of the page
    (:func:`~kaghaz.repair.runs.reverse_kashida_pieces`), in a document where that reads better
    on most lines that have them (other extractors keep those pieces in order)."""
    if joins_paragraphs([line_body(line) for line in planner.lines]):
        return
    gains: dict[int, tuple[float, str]] = {}
    for index, line in enumerate(planner.lines):
        if "1" not in line:
            continue
        reading = reverse_kashida_pieces(line)
        if reading != line:
            gain = (_plain_score(drop_kashida_ones(reading), lm)
                    - _plain_score(drop_kashida_ones(line), lm))
            gains[index] = (gain, reading)
    better = sum(1 for gain, _ in gains.values() if gain > 0)
    worse = sum(1 for gain, _ in gains.values() if gain < 0)
    if better >= KASHIDA_MIN_LINES and better >= 2 * worse:
        for index, (gain, reading) in gains.items():
            if gain > 0:
                planner.replace("reorder_kashida_pieces", index, 1, [reading])


def merge_split_lines(planner: Planner, lm: LanguageModel) -> bool:
    """Join lines split around a lone diacritic or after a word with tanwin; return whether any
    were joined."""
    splits = find_splits(planner.lines, lm.known)
    for split in reversed(splits):
        planner.replace("merge_split_line", split.first, split.count, [split.text])
    return bool(splits) | merge_tanwin_splits(planner, lm)


def merge_tanwin_splits(planner: Planner, lm: LanguageModel) -> bool:
    """Join the lines pypdfium2 cut after a word with tanwin (see
    :func:`~kaghaz.repair.lines.find_tanwin_splits`); return whether any were joined."""
    tanwin = find_tanwin_splits(planner.lines, lm.known)
    for split in reversed(tanwin):
        planner.replace("merge_tanwin_split", split.first, split.count, [split.text])
    return bool(tanwin)


#: Letters written twice are fixed in a document with at least this many different such words.
DOUBLED_WORDS: Final = 5


def fix_doubled(planner: Planner, lm: LanguageModel) -> None:
    """Write once the letters written twice, in documents where that happens to several words.

    Several different words: a writer may spell one word with a doubled letter the lexicon does
    not know (``سروو`` for servo) all through a document; an extractor doubles letters anywhere.
    """
    doubled = [word for line in planner.lines for word in doubled_words(line_body(line), lm)]
    total = sum(len(words(line)) for line in planner.lines)
    if len(set(doubled)) >= DOUBLED_WORDS and len(doubled) * 100 >= total:
        # where PyMuPDF split a line or a word at a doubled letter first: the doubled letter marks the place
        for fragment in reversed(find_fragments(planner.lines, lm)):
            planner.replace("move_split_fragment", fragment.line, 2, [fragment.text])
        planner.map_lines("join_doubled_gaps", _on_body(lambda body: join_doubled_gaps(body, lm)))
        planner.map_lines("fix_doubled_letters", _on_body(lambda body: fix_doubled_letters(body, lm)))


def fix_detached_letters(planner: Planner, lm: LanguageModel, before_order: bool = False) -> None:
    """Glue word pieces cut apart by spaces, in documents that show many lone letters.

    ``before_order``: the words' order is not settled yet, so a piece that is a word backwards
    (``هب``) may be a whole word written backwards, and is left alone.
    """
    lone = sum(count_detached_letters(line_body(line)) for line in planner.lines)
    tokens = sum(len(words(line)) for line in planner.lines)
    if lone >= 5 and lone * 200 >= tokens:
        planner.map_lines("join_detached_letters",
                          _on_body(lambda body: join_detached_letters(body, lm, keep_backwards=before_order)))


#: Word-final hehs of one form that all carry a hamza (see :func:`hamza_on_every_heh`).
HAMZA_FORM_MINIMUM: Final = 5
#: A word-final heh, the letter before it and a hamza written before or after it (logical order).
_FINAL_HEH: Final = re.compile("(\\S)(\N{ARABIC HAMZA ABOVE}?)\N{ARABIC LETTER HEH}(\N{ARABIC HAMZA ABOVE}?)(?!\\S)")
#: Letters that do not join the next one: a heh after them is drawn in its isolated form.
_NOT_JOINING: Final = frozenset("\u0627\u0622\u0623\u0625\u062f\u0630\u0631\u0632\u0698\u0648\u0624")


def hamza_on_every_heh(lines: list[str]) -> bool:
    """True if every word-final heh of one form (isolated, after a letter that does not join, or
    final), at least :data:`HAMZA_FORM_MINIMUM` of them, carries a hamza: the text layer maps that
    glyph to heh with hamza (Typst's, where the document holds a real one), as no text writes
    an ezafe on every ``کرده``, ``شده`` or ``که``.

    >>> hamza = "\N{ARABIC HAMZA ABOVE}"
    >>> hamza_on_every_heh([f"کرد{hamza}ه و شد{hamza}ه و زد{hamza}ه", f"مرد{hamza}ه و ساد{hamza}ه که"])
    True
    >>> hamza_on_every_heh([f"کرد{hamza}ه و شد{hamza}ه و زد{hamza}ه", f"مرد{hamza}ه و ساده{hamza} و ده"])
    False
    """
    counts: dict[tuple[bool, bool], int] = {}
    for line in lines:
        for match in _FINAL_HEH.finditer(line):
            key = (match.group(1) in _NOT_JOINING, bool(match.group(2) or match.group(3)))
            counts[key] = counts.get(key, 0) + 1
    return any(counts.get((form, True), 0) >= HAMZA_FORM_MINIMUM and not counts.get((form, False))
               for form in (True, False))


def fix_lone_marks(planner: Planner, lm: LanguageModel) -> None:
    """Put lone and displaced diacritics back on their letter."""
    if sum(count_cluster_marks(line) + count_repeated_clusters(line, lm) for line in planner.lines) >= 3:
        doubled_clusters = sum(count_doubled_clusters(line) for line in planner.lines)
        # a real heh with hamza written twice, and a plain heh with a hamza added (Typst)
        doubled = doubled_clusters >= 2 or (doubled_clusters >= 1 and hamza_on_every_heh(planner.lines))
        planner.map_lines("collapse_clusters", _on_body(lambda body: collapse_clusters(body, lm)))
        planner.map_lines("fix_cluster_marks", _on_body(lambda body: fix_cluster_marks(body, doubled)))
    planner.map_lines("fix_displaced_marks", _on_body(lambda body: fix_displaced_marks(body, lm)))
    planner.map_lines("reattach_lone_marks", _on_body(lambda body: reattach_lone_marks(body, lm)))


def line_candidates(body: str, lm: LanguageModel, reversal: Reversals, cutting: Cutting | None = None,
                    paragraphs: bool = False, letters_sure: bool = False) -> list[Candidate]:
    """The readings of one line body under each kind of order damage, with their gains.

    ``cutting``: the document shows PyMuPDF's habits, so its runs in visual order (cut this way)
    are a reading too. ``reversal``: the window's :func:`~kaghaz.repair.diagnosis.letter_reversal`
    by line body, as far as known. ``paragraphs``: the document's
    lines are whole paragraphs (:func:`joins_paragraphs`), so only single words are turned round.
    ``letters_sure``: most lines of the document read far better letter by letter backwards, so a
    line that does too is only weighed against single words turned round (reorderings of its pieces
    and runs cannot beat it, and cost time).
    """
    out: list[Candidate] = []
    if not has_arabic(body):
        return out
    if paragraphs:
        # paragraphs that the extractor joined: the order inside each of their visual lines is not
        # known, and turning a whole one round would move its sentences; words stay words
        return _flip_candidates(body, lm)
    if cutting is not None:
        visual = visual_runs_reading(body, lm, cutting)
        if visual is not None:
            out.append(visual)
        if any(dash in body for dash in DASHES):
            # whether a dash is a run of its own the words around it rarely say: the reading
            # with the other choice is offered too, for the neighbouring lines to settle
            other = visual_runs_reading(body, lm, replace(cutting, dashes=not cutting.dashes))
            if other is not None and (visual is None or other.text != visual.text):
                out.append(replace(other, alternative=True))
    gain, count, text = reversal.reading(body, lm)
    shape = shape_penalty(body)
    if count:
        absolute = gain * count + shape_penalty(text) - shape
        out.append(Candidate(LETTERS, text, absolute, absolute / count))
    out.extend(_flip_candidates(body, lm))
    if letters_sure and cutting is None and count and gain > SURE_GAIN:
        return out
    runs = reorder_pieces(body, lm, VISUAL_RUNS, raw=True)
    if runs.cuts:
        absolute = runs.gain + _shape_change(body, runs.text, shape)
        numeric = not LATIN_RE.search(body)
        out.append(Candidate(RUNS, runs.text, absolute, absolute, evidence_margin=absolute if numeric else None))
    if suspicious(body, lm):
        pieces = reorder_pieces(body, lm, ZWNJ_PIECES)
        if pieces.cuts:
            original = words(body)
            # marks cut from their letters (pdftotext, PyMuPDF) look like piece boundaries: the
            # document-wide evidence is taken from the line without them
            bare = _MARKS.sub("", body)
            evidence = None
            if bare != body:
                plain = reorder_pieces(bare, lm, ZWNJ_PIECES)
                evidence = plain.gain + _shape_change(bare, plain.text, shape_penalty(bare)) if plain.cuts else 0.0
            for reading in (pieces, *pieces.alternatives):
                absolute = reading.gain + _shape_change(body, reading.text, shape)
                out.append(Candidate(PIECES, reading.text, absolute, absolute,
                                     moved_words=words(reading.text) != original,
                                     alternative=reading is not pieces, evidence_margin=evidence))
    return out


def joins_paragraphs(bodies: list[str]) -> bool:
    """True if many of the lines are longer than a page's line: an extractor that writes each
    paragraph as one line (pymupdf4llm), whose visual lines can no longer be told apart.

    >>> joins_paragraphs(["کلمه " * 80] * 3 + ["سطر کوتاه"] * 5), joins_paragraphs(["سطر کوتاه"] * 5)
    (True, False)
    >>> joins_paragraphs([" " * 300 + "کلمه " * 20] * 3)
    False
    """
    # the spaces a layout-keeping extractor (Ghostscript) pads a line with are no text of it
    sizes = [size for size in (len(body.strip()) for body in bodies) if size > 40]
    long = sum(1 for size in sizes if size > MAX_VISUAL_LINE)
    return bool(sizes) and (long >= PARAGRAPH_SHARE * len(sizes) or writes_markdown(bodies))


#: Markdown's marks: bold Persian words, a line break or a comment written as HTML (pymupdf4llm's
#: ``<br>`` and ``<!-- Start of picture text -->``). Not a heading's ``#``: a program's comments
#: start so, in Persian too.
_MARKDOWN: Final = re.compile(f"\\*\\*[^*]*[{ARABIC_LETTER_CLASS}][^*]*\\*\\*|<br>|<!--")
#: Lines with Markdown's marks that make a document Markdown.
MARKDOWN_LINES = 2


def writes_markdown(bodies: list[str]) -> bool:
    """True if at least :data:`MARKDOWN_LINES` lines carry Markdown's marks around Persian text: a
    converter to Markdown (pymupdf4llm) writes each paragraph as one line, however short.

    >>> writes_markdown(["# **وی اضافه کرد**", "متن", "یعنی<br> حال فرض کنید"])
    True
    >>> writes_markdown(["# ماتریس همبستگی", "print('*****')", "متن **"])
    False
    """
    marked = 0
    for body in bodies:
        if ("*" not in body and "<" not in body) or _MARKDOWN.search(body) is None:
            continue
        marked += 1
        if marked >= MARKDOWN_LINES:
            return True
    return False


def _flip_candidates(body: str, lm: LanguageModel, join_rule: JoinRule | None = None) -> list[Candidate]:
    """The reading of ``body`` with some words turned round, if any (see :func:`flip_words`)."""
    if not has_arabic(body):
        return []
    flips = flip_words(body, lm, join_rule)
    if not flips.flipped:
        return []
    absolute = flips.gain + shape_penalty(flips.text) - shape_penalty(body)
    return [Candidate(FLIPS, flips.text, absolute, absolute, flips.evident, evident_words=flips.evident_words)]


#: Cost of a number or Latin word stuck to the Persian word before it and followed by a space
#: (:func:`~kaghaz.repair.runs.glued_junctions`), in log10 units: extractors that moved the runs
#: leave that junction glued nearly always, clean text seldom (5 of 589 junctions of a letter and a
#: number or Latin word in ../shared/corpora), but a producer that draws few spaces (XeLaTeX)
#: glues some too: counted at 0.5 (1.0 turns XeLaTeX lines round that are in order).
GLUED_WEIGHT = 0.5


def _runs_score(text: str, lm: LanguageModel) -> float:
    """Words, numbers and Latin words in order (pairs such as ``# میلیون`` count), punctuation,
    brackets, and the spaces around numbers and Latin words."""
    return (lm.score(pair_tokens(text)) + shape_penalty(text) + BRACKET_WEIGHT * bracket_order(text)
            - GLUED_WEIGHT * glued_junctions(text))


def visual_runs_reading(body: str, lm: LanguageModel, cutting: Cutting) -> Candidate | None:
    """``body`` with its runs put back from visual order, or ``None`` if that changes nothing."""
    text = reverse_runs(body, cutting)
    if text == body:
        return None
    gain = _runs_score(text, lm) - _runs_score(body, lm)
    # where numbers and Latin words move, only their lines are evidence: a bracket may be in place
    evidence = gain if cutting.keep_ltr or has_ltr_run(body) else None
    return Candidate(VISUAL, text, gain, gain, evidence_margin=evidence)


#: A straight double quote stuck to a Persian letter on both sides (``در"یک اتفاق``).
_GLUED_QUOTE: Final = re.compile('[\u0621-\u06cc]"[\u0621-\u06cc]')


def choose_cutting(bodies: list[str], lm: LanguageModel) -> Cutting | None:
    """How the document's runs are cut and ordered, if it shows PyMuPDF's junctions (``None``
    otherwise): whole lines in visual order or only the stretches between numbers, and which
    characters the producer drew as runs of their own (fonts differ); the cutting whose readings
    gain most over the whole document."""
    evidence = runs_evidence(bodies)
    turned = glued_turned_brackets(bodies)
    if not shows_pymupdf_junctions(evidence, turned) or not reads_forward(bodies, lm):
        return None
    keep_ltr = not draws_visual_order(evidence)
    # brackets that close before they open are mirrored in place as often as they are runs of
    # their own; between numbers in logical order only the runs' own mark settles it (for
    # guillemets too: a line that starts with the end of a quotation reads better with them cut)
    brackets = not keep_ltr or turned > 0
    # a straight quote, which no extractor turns, shows it stuck to the words on both sides
    quotes = brackets or any(_GLUED_QUOTE.search(body) for body in bodies)
    # only lines that some cutting changes, and only the cuttings the document has characters for
    lines = [body for body in bodies if has_arabic(body) and could_move(body)]
    present = "".join(lines)
    best, top = None, 0.0
    as_is: dict[str, float] = {}  # each line's own score, weighed once for all the cuttings
    for cutting in CUTTINGS:
        if (cutting.keep_ltr != keep_ltr or (cutting.brackets and not brackets)
                or (cutting.guillemets and not quotes) or not cutting.applies(present)):
            continue
        total = 0.0
        for body in lines:
            reading = reverse_runs(body, cutting)
            if reading != body:
                score = as_is.get(body)
                if score is None:
                    score = as_is[body] = _runs_score(body, lm)
                total += _runs_score(reading, lm) - score
        if total > top:
            best, top = cutting, total
    return best


def _plain_score(text: str, lm: LanguageModel) -> float:
    """One yardstick for readings made by different fixes: words, pairs and punctuation."""
    return lm.score(words(text)) + shape_penalty(text)


def _evidence(candidate: Candidate) -> float:
    """The margin that counts as evidence: without the line's marks, where they could mislead."""
    return candidate.margin if candidate.evidence_margin is None else candidate.evidence_margin


def _moves_words(candidate: Candidate) -> bool:
    """True unless ``candidate`` only moves punctuation (clean text has lines like ``.برو``)."""
    return (candidate.rule is not PIECES and candidate.rule is not RUNS) or candidate.moved_words


def _shape_change(before: str, after: str, shape_before: float) -> float:
    """How much better punctuation and brackets sit in ``after`` than in ``before``."""
    return shape_penalty(after) - shape_before + BRACKET_WEIGHT * (bracket_order(after) - bracket_order(before))


def established(rule: Rule, table: list[list[Candidate]]) -> bool:
    """True if the document shows ``rule``'s damage on enough of the lines that could show it."""
    could = [c for cands in table for c in cands if c.rule is rule and not c.alternative]
    if rule is VISUAL:
        evidence = [c.gain for c in could if c.evidence_margin is not None]
        return bool(evidence) and sum(evidence) / len(evidence) > VISUAL_MEAN_GAIN
    if rule is RUNS:
        # each line says little (the model knows few words next to numbers), the document more:
        # judged on the lines whose only left-to-right runs are numbers (Latin words are noise)
        numeric = [c for c in could if c.evidence_margin is not None]
        if len(numeric) < rule.minimum:
            return False
        positive = sum(1 for c in numeric if c.gain > 0)
        return (sum(c.gain for c in numeric) / len(numeric) > RUNS_MEAN_GAIN
                and positive >= RUNS_POSITIVE_SHARE * len(numeric))
    if rule is FLIPS:
        # the evidence is words the lexicon knows only turned round: the same word again and
        # again (a piece of a word cut the same way) is one piece of evidence, and so is one line
        # (a stretch in visual order is repaired on its own; the document needs more lines)
        lines = sum(1 for cands in table if cands)
        evident = len(frozenset().union(*(c.evident_words for c in could)))
        showing = sum(1 for c in could if c.evidence)
        return evident >= rule.minimum and showing >= max(2, rule.share * lines)
    # moving only punctuation is no evidence: clean collections hold lines like ``.برو خانه``
    strong = sum(1 for c in could if c.moved_words and _evidence(c) > rule.strong)
    return strong >= rule.minimum and strong >= rule.share * max(1, len(could))


def merge_segments(planner: Planner) -> None:
    """Join the segments that pdfminer.six cut a visual line into (only in a visual-order document)."""
    for group in reversed(visual_groups(planner.lines)):
        count = group.last - group.first + 1
        planner.replace("merge_visual_segments", group.first, count, [join_group(planner.lines, group)])


@dataclass(frozen=True, slots=True)
class OrderDecision:
    """What the diagnosis decided for the order of each line.

    ``chosen[i]`` is the reading that replaces line ``i`` (``None``: it stays); ``damage`` names
    the kinds of order damage established in the document.
    """

    chosen: tuple[Candidate | None, ...]
    diagnoses: tuple[LineDiagnosis, ...]
    damage: tuple[str, ...]


#: A line whose letters read this much better backwards, per word, in a document where most do
#: (:data:`SURE_SHARE` of its Persian lines), is read so without weighing other readings.
SURE_GAIN: Final = 3.0
SURE_SHARE: Final = 0.6


def letters_sure(bodies: list[str], lm: LanguageModel, reversal: Reversals) -> bool:
    """True if :data:`SURE_SHARE` of the Persian lines among ``bodies`` read more than
    :data:`SURE_GAIN` per word better letter by letter backwards (pdfminer.six, pdfplumber)."""
    readings = [reversal.reading(body, lm) for body in bodies if has_arabic(body)]
    persian = [gain for gain, count, _ in readings if count]
    return bool(persian) and sum(1 for gain in persian if gain > SURE_GAIN) >= SURE_SHARE * len(persian)


def decide_line_order(lines: list[str], lm: LanguageModel,
                      reversal: Reversals | None = None) -> OrderDecision:
    """Diagnose the order of every line of a document (without changing anything); ``reversal``
    as for :func:`line_candidates` (a new one if not given)."""
    reversal = Reversals() if reversal is None else reversal
    bodies = [line_body(line) for line in lines]
    paragraphs = joins_paragraphs(bodies)
    cutting = None if paragraphs else choose_cutting(bodies, lm)
    sure = not paragraphs and letters_sure(bodies, lm, reversal)
    table = [line_candidates(body, lm, reversal, cutting, paragraphs, sure) for body in bodies]
    active = {rule: established(rule, table) for rule in (LETTERS, PIECES, RUNS, FLIPS, VISUAL)}
    disabled: set[Rule] = set()
    if active[RUNS] and not spacing_disturbed(bodies):
        # runs moved by an extractor leave numbers glued to words; a table read cell by cell does not
        active[RUNS] = False
    if active[VISUAL]:
        # the runs of PyMuPDF's lines are cut and joined by its own rules, not by the piece search
        active[RUNS] = False
        disabled.add(RUNS)
        table = [[replace(c, gain=c.gain + VISUAL_PRIOR, margin=c.margin + VISUAL_PRIOR)
                  if c.rule is VISUAL and c.evidence_margin is not None else c for c in cands] for cands in table]
    join_rule = learn_join_rule(bodies, lm) if active[FLIPS] else None
    if join_rule is not None:
        # the document says which words come out backwards: read every line by that rule
        table = [[c for c in cands if c.rule is not FLIPS] + _flip_candidates(body, lm, join_rule)
                 for cands, body in zip(table, bodies, strict=True)]
    if active[LETTERS] and active[FLIPS]:
        # whole lines in visual order, or single words? whichever reads better on more lines
        letters_win = flips_win = 0
        for cands in table:
            by_rule = {c.rule: c.text for c in cands if not c.alternative}
            if LETTERS in by_rule and FLIPS in by_rule:
                if _plain_score(by_rule[LETTERS], lm) >= _plain_score(by_rule[FLIPS], lm):
                    letters_win += 1
                else:
                    flips_win += 1
        loser = FLIPS if letters_win >= flips_win else LETTERS
        active[loser] = False
        disabled.add(loser)
    options = []
    for cands in table:
        accepted = [c for c in cands if c.rule not in disabled and active[c.rule] and c.margin > c.rule.weak]
        # a kind of damage the document does not show is only repaired on strong evidence, and
        # then with the line's best reading alone (no alternatives settled by context)
        lone = [c for c in cands if c.rule not in disabled and not active[c.rule] and _evidence(c) > c.rule.strong
                and _moves_words(c) and not c.alternative]
        if lone:
            accepted.append(max(lone, key=lambda c: c.gain))
        options.append(accepted)
    chosen = choose_in_context(lines, options, lm)
    diagnoses: list[LineDiagnosis] = []
    for index, (best, cands) in enumerate(zip(chosen, table, strict=True)):
        body = line_body(lines[index])
        if best is None:
            kind = unchanged_kind(body)
            top = max((c.margin / c.rule.strong for c in cands if not c.alternative), default=0.0)
            confidence = 1.0 if kind is not LineKind.CLEAN else max(0.5, min(1.0, 1.0 - top / 2))
            diagnoses.append(LineDiagnosis(index, kind, round(confidence, 2), lines[index]))
        else:
            confidence = min(1.0, 0.5 + best.margin / (2 * best.rule.strong))
            diagnoses.append(LineDiagnosis(index, best.rule.kind, round(confidence, 2), lines[index]))
    names = {RUNS: "runs-reversed", VISUAL: "visual-runs"}
    damage = tuple(names.get(rule, rule.kind.value) for rule in (LETTERS, PIECES, RUNS, FLIPS, VISUAL) if active[rule])
    return OrderDecision(tuple(chosen), tuple(diagnoses), damage)


def fix_line_order(planner: Planner, lm: LanguageModel) -> OrderDecision:
    """Join split lines, diagnose every line and replace the ones whose order is damaged."""
    bodies = [line_body(line) for line in planner.lines]
    reversal = Reversals()
    # MuPDF's plain text keeps the stretches between numbers in logical order
    reversal.forward_stretches = stretches_read_forward(bodies, lm, reversal)
    table_letters = [reversal.reading(body, lm) for body in bodies]
    persian = [g for g, n, _ in table_letters if n]
    strong = sum(1 for g in persian if g > LETTERS.strong)
    if strong >= LETTERS.minimum and strong >= LETTERS.share * max(1, len(persian)):
        # a page break inside a visual line must not be turned round with it
        split_page_breaks(planner)
        # brackets and Latin words that pdfplumber wrote above their visual line
        for index, merged in reversed(find_satellites(planner.lines, lm)):
            planner.replace("merge_satellite_lines", index, 2, [merged])
        # the pieces of Typst's lines that pdfminer.six scattered over the page; pdfminer.six
        # writes whole lines backwards, not each word backwards in reading order (pypdfium2)
        if not turned_words_read_forward(bodies, lm):
            for page in reversed(scattered_pages(planner.lines, lm)):
                planner.replace("reassemble_scattered_lines", page.start, page.count, list(page.lines))
        merge_segments(planner)
        # words turned round one by one read as whole lines backwards too (pypdfium2, Chromium)
        merge_tanwin_splits(planner, lm)
        # a visual line cut inside a number (pdftohtml) is turned round whole
        for split in reversed(find_number_splits(planner.lines)):
            planner.replace("merge_number_splits", split.first, split.count, [split.text])
    else:
        merge_split_lines(planner, lm)
        # a hamza written before the heh it sits on (pdftotext) would pass for a piece boundary
        planner.map_lines("fix_displaced_marks",
                          _on_body(lambda body: fix_displaced_marks(body, lm, only_hamza=True)))
        # pieces of words that justification split with spaces pass for pieces and words in
        # reverse order: glued back first, where the lines are in reading order
        fix_detached_letters(planner, lm, before_order=True)
    decision = decide_line_order(planner.lines, lm, reversal)
    for index, best in enumerate(decision.chosen):
        if best is not None:
            framed = frame(planner.lines[index])
            planner.replace(best.rule.fix, index, 1, [framed.join(best.text)])
    return decision


#: Weight of the word pair that joins one line to the next when choosing between readings.
CONTEXT_WEIGHT = 1.0


def _edge_words(text: str) -> tuple[str | None, str | None]:
    found = words(text)
    return (found[0], found[-1]) if found else (None, None)


def choose_in_context(lines: list[str], options: list[list[Candidate]],
                      lm: LanguageModel) -> list[Candidate | None]:
    """For each line, the reading to use (``None``: the line as it stands).

    A Viterbi search over the lines of each paragraph: a reading scores its gain plus the pair
    score of its first word after the last word of the previous line's reading, so that the
    readings a line alone cannot tell apart (which piece ends the line) are settled by the text
    around them.
    """
    chosen: list[Candidate | None] = [None] * len(lines)
    index = 0
    while index < len(lines):
        if not options[index]:
            index += 1
            continue
        # a run of lines with readings, plus the unchanged neighbours that give them context
        start = index
        while index < len(lines) and (options[index] or False):
            index += 1
        stop = index
        previous_line = line_body(lines[start - 1]) if start > 0 else ""
        states: list[tuple[float, list[Candidate | None], str | None]] = [
            (0.0, [], _edge_words(previous_line)[1] if previous_line.strip() else None)]
        for position in range(start, stop):
            body = line_body(lines[position])
            new_states = []
            for option in [None, *options[position]]:
                text = body if option is None else option.text
                first, last = _edge_words(text)
                gain = 0.0 if option is None else option.gain
                best_score, best_path = float("-inf"), None
                for score, path, previous_last in states:
                    link = CONTEXT_WEIGHT * lm.pair(previous_last, first) if previous_last and first else 0.0
                    if score + gain + link > best_score:
                        best_score, best_path = score + gain + link, path
                new_states.append((best_score, [*(best_path or []), option], last))
            states = new_states
        if stop < len(lines) and line_body(lines[stop]).strip():
            following = _edge_words(line_body(lines[stop]))[0]
            states = [(score + (CONTEXT_WEIGHT * lm.pair(last, following) if last and following else 0.0), path, last)
                      for score, path, last in states]
        _, path, _ = max(states, key=lambda state: state[0])
        chosen[start:stop] = path
    return chosen


#: Fixes that turn the words of lines round.
ORDER_FIXES: Final = frozenset(("reorder_pieces", "reorder_runs", "reverse_visual_runs", "reverse_line_letters",
                                "reverse_word_letters"))
#: ... and the ones that move text between lines or runs: text that any of these changed is not
#: written the way MuPDF writes a line round a hyphen.
MOVING_FIXES: Final = ORDER_FIXES | frozenset((
    "turn_ltr_stretches", "turn_item_runs", "reassemble_scattered_lines", "restore_columns",
    "reorder_kashida_pieces", "merge_visual_segments", "unglue_pdfjs_seams", "move_split_fragment",
    "merge_satellite_lines"))


def fix_spacing(planner: Planner) -> None:
    """PyMuPDF's spacing habits, fixed only in documents that show them on several lines."""
    bodies = [line_body(line) for line in planner.lines]
    damaged = any(fix in ORDER_FIXES for fix in planner.fixes)
    # counted on the lines as written: they show the habit even where sharing a run's punctuation
    # fixes some (it only ever takes a leading mark away); alone it is no damage, as subtitles
    # typed in a left-to-right editor start lines so
    leading = sum(1 for b in bodies if has_leading_punctuation(b))
    evidence = runs_evidence(bodies)
    if shows_pymupdf_junctions(evidence) and not draws_visual_order(evidence):
        # runs in reading order, each with what ended it moved to its front
        planner.map_lines("share_run_punctuation", _on_body(share_run_punctuation))
        bodies = [line_body(line) for line in planner.lines]
    glued = sum(len(GLUED_NUMBER.findall(b)) for b in bodies)
    spaced = sum(len(SPACED_NUMBER.findall(b)) for b in bodies)
    # where PyMuPDF's runs were put back, the document showed its glued numbers already
    if (glued >= 3 and glued >= spaced) or (glued and "reverse_visual_runs" in planner.fixes):
        planner.map_lines("space_glued_numbers", _on_body(space_glued_numbers))
        planner.map_lines("space_glued_latin", _on_body(space_glued_latin))
        damaged = True
    if (damaged and leading >= 2) or (planner.fixes and leading >= 3):
        planner.map_lines("move_leading_punctuation", _on_body(move_leading_punctuation))
    # list numbers with their full stop before them: no writer starts two lines so
    if sum(1 for b in bodies if has_stop_before_number(b)) >= 2:
        planner.map_lines("turn_list_numbers", _on_body(turn_list_number))


def fix_numbers(planner: Planner) -> None:
    """Turn numbers round in a document whose four-digit numbers only read as years backwards.

    Two different numbers at least must read so: clean text may name the year ۱۷۹۱ (1971
    backwards) twice.
    """
    forward = backward = 0
    for line in planner.lines:
        ahead, behind = year_evidence(line)
        forward += ahead
        backward += behind
    different = [number for number in four_digit_numbers(planner.lines) if year_evidence(number)[1]]
    if backward >= 2 and backward > 3 * forward and len(different) >= 2:
        planner.map_lines("reverse_numbers", _on_body(reverse_numbers))


#: Fixes of spacing and punctuation alone: an extractor that only moved spaces and full stops round
#: numbers and Latin words (pypdf and PyMuPDF on MS Word's PDFs), or the halves of a line round a
#: hyphen (MuPDF), shows no sign of losing ZWNJs.
ZWNJ_NEUTRAL_FIXES: Final = frozenset(("space_glued_numbers", "space_glued_latin", "move_leading_punctuation",
                                  "turn_list_numbers", "swap_hyphen_halves"))


def runs_moved(lines: list[str]) -> bool:
    """True if the lines show PyMuPDF's runs in visual order, numbers glued to the word before
    them inside whole lines (:func:`~kaghaz.repair.runs.shows_pymupdf_junctions`), whether or not a
    fix could put them back (pymupdf4llm joins each paragraph into one line, whose visual lines
    can no longer be told apart). Weak evidence of an extractor: MS Word's PDFs glue numbers so
    too, in their place.

    >>> runs_moved(["شدند۳۰ وی اضافه کرد و", "روز۱۶۴ ما چهارشنبه گفت", "سال۲۰ آنها"])
    True
    >>> runs_moved(["در سال ۱۳۹۸ گفت"] * 3)
    False
    """
    bodies = [line_body(line) for line in lines]
    evidence = runs_evidence(bodies)
    return shows_pymupdf_junctions(evidence, glued_turned_brackets(bodies)) and draws_visual_order(evidence)


def fix_words(planner: Planner, lm: LanguageModel, settings: Settings, original: list[str] | None = None,
              written_zwnj: int | None = None) -> Profile:
    """Run the word-level fixes that the document's profile calls for; ``original``: the lines as
    given, before any fix (damage that no fix put back shows there); ``written_zwnj``: the ZWNJs
    of the text before fixes that write ZWNJs for other signs (see :func:`repair_window`)."""
    profile = profile_words([line_body(line) for line in planner.lines], lm, written_zwnj)
    # Lost ZWNJ is only restored in a document that shows other damage from an extractor too:
    # clean text whose author wrote without ZWNJ looks exactly like text that lost it.
    damaged = (any(fix not in ZWNJ_NEUTRAL_FIXES for fix in planner.fixes) or profile.lam_alef_backwards
               or profile.brackets_mirrored)
    # ZWNJ in the wrong place first: it hides the words the other fixes look up
    if damaged and profile.misplaced_zwnj:
        planner.map_lines("fix_zwnj_placement", _on_body(lambda body: fix_zwnj_placement(body, lm)))
    if damaged and profile.shifted_gaps:
        planner.map_lines("fix_shifted_gaps", _on_body(lambda body: fix_shifted_gaps(body, lm)))
    if profile.lam_alef_backwards:
        planner.map_lines("fix_lam_alef", _on_body(lambda body: fix_lam_alef(body, lm)))
    if profile.brackets_mirrored:
        planner.map_lines("unmirror_brackets", _on_body(swap_brackets))
        planner.map_lines("space_brackets", _on_body(space_brackets))
    # a ZWNJ layer that moved ZWNJs (Typst) and lost others is as good as none
    lost = profile.zwnj_joined or (profile.misplaced_zwnj and profile.zwnj_lost)
    joined, spaced = restores_zwnj(profile, lost, damaged, original, settings)
    if joined:
        planner.map_lines("restore_zwnj", _on_body(lambda body: restore_joined_zwnj(body, lm)))
    if spaced:
        planner.map_lines("restore_spaced_zwnj", _on_body(lambda body: restore_spaced_zwnj(body, lm)))
        planner.map_lines("join_spaced_compounds", _on_body(lambda body: join_spaced_compounds(body, lm)))
    return profile


def restores_zwnj(profile: Profile, lost: bool, damaged: bool, original: list[str] | None,
                  settings: Settings) -> tuple[bool, bool]:
    """Whether the ZWNJs lost inside words (``lost``) and those lost as spaces are put back.

    In a document that shows an extractor's damage, unless the way it writes its compounds says
    the writer used no ZWNJ (:func:`~kaghaz.repair.diagnosis.writes_some`). On weaker evidence
    (runs that no fix could put back in order, :func:`runs_moved`), only where every kind of
    compound is written the one way that the loss leaves (:func:`~kaghaz.repair.diagnosis.writes_all`).
    """
    if settings.zwnj != "auto":
        return settings.zwnj == "always", settings.zwnj == "always"
    if not (lost or profile.zwnj_spaced):
        return False, False
    if damaged:
        return (lost and not writes_some(profile.habits, "spaced"),
                profile.zwnj_spaced and not writes_some(profile.habits, "joined"))
    if original is None or not runs_moved(original):
        return False, False
    return lost and writes_all(profile.habits, "joined"), profile.zwnj_spaced and writes_all(profile.habits, "spaced")


def unglue_pdfjs_seams(planner: Planner, lm: LanguageModel) -> bool:
    """Cut the seams pdf.js glued between the pieces of LibreOffice's lines, so that the text reads
    as pypdf's (:mod:`kaghaz.repair.pdfjs_seams`); return whether it did."""
    bodies = [line_body(line) for line in planner.lines]
    if joins_paragraphs(bodies):
        return False
    unglued = pdfjs_as_pypdf(bodies, lm)
    if unglued is None:
        return False
    for index, (body, new) in enumerate(zip(bodies, unglued, strict=True)):
        if new != body:
            planner.replace("unglue_pdfjs_seams", index, 1, [frame(planner.lines[index]).join(new)])
    return True


def turn_ltr_stretches(planner: Planner, lm: LanguageModel) -> bool:
    """Turn round the stretches of the lines that PDFBox kept left to right at their numbers and
    Latin words (:mod:`kaghaz.repair.ltr_runs`); return whether the document showed that order."""
    bodies = [line_body(line) for line in planner.lines]
    if joins_paragraphs(bodies):
        return False  # a paragraph written as one line holds several visual lines' stretches
    readings = turned_readings(bodies, lm)
    # PyMuPDF's runs in visual order read better turned too, but its neutrals moved with them:
    # the line-order fixes read a document with its junctions (:func:`choose_cutting`)
    if readings is None or (shows_pymupdf_junctions(runs_evidence(bodies), glued_turned_brackets(bodies))
                            and reads_forward(bodies, lm)):
        return False
    for index, body in readings.items():
        planner.replace("turn_ltr_stretches", index, 1, [frame(planner.lines[index]).join(body)])
    return True


def swap_hyphen_halves(planner: Planner) -> None:
    """Swap back the halves of the lines that MuPDF wrote round a hyphen the wrong way
    (:mod:`kaghaz.repair.hyphens`), in a document whose hyphen lines show it and whose lines no
    other fix moved (a visual-runs reading cuts at a hyphen too, and puts such a line right)."""
    if any(fix in MOVING_FIXES for fix in planner.fixes):
        return
    bodies = [line_body(line) for line in planner.lines]
    for index, text in swapped_hyphen_lines(bodies).items():
        planner.replace("swap_hyphen_halves", index, 1, [frame(planner.lines[index]).join(text)])


def fix_pypdf_order(planner: Planner, lm: LanguageModel) -> bool:
    """Put back the pieces of a document that pypdf wrote in visual order; return whether it was."""
    bodies = [line_body(line) for line in planner.lines]
    if joins_paragraphs(bodies):
        return False
    decision = document_order(bodies, lm, moved_runs_count=not controls_wrap_lines(planner.lines))
    if decision.dialect is None:
        return False
    # runs in visual order with brackets turned: a line whose pairs stand upright and that holds
    # no number or Latin word to move was written in logical order
    mirror = decision.mirrored
    for index, body in enumerate(decision.bodies):
        kept = mirror and upright_pairs_only(bodies[index]) and not has_ltr_run(bodies[index])
        if body is not None and not kept:
            planner.replace("reorder_pieces", index, 1, [frame(planner.lines[index]).join(body)])
    return True


def upright_pairs_only(body: str) -> bool:
    """True if every bracket and guillemet of ``body`` is in a pair that opens before it closes and
    is set as Persian sets it: a space outside, none inside (``حسین (ع) را``).

    An extractor that turns the brackets of the lines whose runs it wrote in visual order (``)ع(``)
    wrote a line whose pairs stand upright in logical order (PyMuPDF on WeasyPrint pages, whose
    lines with numbers the visual-runs reading of the document puts right); pairs that only look
    upright where runs moved sit against the wrong words (``آوران )عصبی``), and a line written in
    presentation forms is glyphs as drawn, whose pairs say nothing (XeLaTeX's guillemets).

    >>> upright_pairs_only("قبر امام حسین (ع) را خراب"), upright_pairs_only(" را خراب و)ع( امام حسین")
    (True, False)
    >>> upright_pairs_only("(به عنوان الیاف آوران )عصبی است"), upright_pairs_only(".«من» را شکل بخشم")
    (False, True)
    """
    if _PRESENTATION.search(body):
        return False
    brackets = sum(1 for char in body if char in _PAIR_CHARS)
    return brackets > 0 and 2 * len(_SET_PAIR.findall(body)) == brackets


#: Arabic presentation forms: glyphs written as drawn, in visual order (pypdf), not PyMuPDF's text.
_PRESENTATION: Final = re.compile("[\ufb50-\ufdff\ufe70-\ufefc]")


_PAIR_CHARS: Final = frozenset("()[]\u00ab\u00bb")
#: A pair around Persian set as Persian sets it: a space (or the line's edge) outside, none inside;
#: at the line's start after the punctuation that PyMuPDF moves there from its end.
_SET_PAIR: Final = re.compile(
    "(?:^[.:!?\u060c\u061b\u061f]*|(?<=\\s))(?:\\([^\\s()]|\\[[^\\s\\[\\]]|\u00ab[^\\s\u00ab\u00bb])"
    "[^()\\[\\]\u00ab\u00bb]*?(?<=[^\\s])[)\\]\u00bb]"
    "(?=$|[\\s.,:;!?\u060c\u061b\u061f])")


def space_lost_gaps(planner: Planner, lm: LanguageModel, backwards_too: bool = False) -> bool:
    """Cut the runs of words of a document that lost its word gaps (:mod:`kaghaz.repair.spaceless`);
    return whether it had. ``backwards_too``: the lines' order is not settled yet."""
    cuttings = lost_gaps((frame(line).body for line in planner.lines), lm, backwards_too)
    if cuttings is None:
        return False
    planner.map_lines("space_run_words", _on_body(lambda body: space_run_words(body, lm, cuttings)))
    return True


def repair_window(planner: Planner, lm: LanguageModel, settings: Settings) -> Profile:
    """Repair the lines held by ``planner`` in place; return the document profile used."""
    original = list(planner.lines)
    stand_in = kashida_stand_in(planner.lines)
    if stand_in is not None:
        # the kashida glyph under another code than ``1`` in this font subset
        planner.map_lines("read_kashida_glyph", lambda line: kashida_as_ones(line, stand_in))
    codes = read_codes(planner.lines, lm)
    if codes:
        # glyphs written under codes of another script (Ghostscript)
        planner.map_lines("read_glyph_codes", lambda line: write_codes(line, codes))
    if nbsp_for_zwnj(planner.lines):
        # before any order fix: a ZWNJ holds the parts of a word together, a no-break space does not
        planner.map_lines("zwnj_for_nbsp", zwnj_for_nbsp)
    split_gutters(planner, lm)
    unglued = unglue_pdfjs_seams(planner, lm)
    pypdf = fix_pypdf_order(planner, lm)
    if unglued:
        planner.map_lines("tidy_pdfjs_zwnj", _on_body(tidy_zwnj))
    clean_characters(planner, lm)
    if not unglued and not pypdf:
        turn_ltr_stretches(planner, lm)
    # words run together hide the words that the order fixes read by: cut first where the runs
    # read in order already, and again once the order is put back
    spaced = space_lost_gaps(planner, lm, backwards_too=True)
    if not pypdf:
        fix_line_order(planner, lm)
        restore_columns(planner, lm)
    if not spaced:
        space_lost_gaps(planner, lm)
    fix_doubled(planner, lm)
    fix_detached_letters(planner, lm)
    # a lone mark can stand for a ZWNJ (pypdfium2 reads the ZWNJ glyph of some fonts as a hamza
    # above, ``ایزوتوپ ٔ های``): the ZWNJs its reattaching writes are none the extractor kept
    written_zwnj = sum(line.count(ZWNJ) for line in planner.lines)
    fix_lone_marks(planner, lm)
    fix_spacing(planner)
    swap_hyphen_halves(planner)
    fix_numbers(planner)
    letters = glyph_letters(planner.lines)
    if letters:
        planner.map_lines("persian_letter_forms", lambda line: persian_forms(line, letters))
    return fix_words(planner, lm, settings, original, written_zwnj)


def diagnose_window(lines: list[str], lm: LanguageModel) -> Diagnosis:
    """The diagnosis of a window of lines, without repairing it."""
    planner = Planner(list(lines), record=False)
    bodies = [line_body(line) for line in planner.lines]
    order = None if joins_paragraphs(bodies) else document_order(bodies, lm)
    if order is not None and order.dialect is not None:
        return _document_order_diagnosis(lines, bodies, order, lm)
    clean_characters(planner, lm)
    decision = decide_line_order(planner.lines, lm)
    repaired = [line_body(line) if best is None else best.text
                for line, best in zip(planner.lines, decision.chosen, strict=True)]
    return Diagnosis(decision.diagnoses, profile_words(repaired, lm), decision.damage)


#: Confidence given to a line that a document-wide reading (pypdf's dialects, whole lines in visual
#: order) changes: the evidence is the document's, not the line's.
DOCUMENT_CONFIDENCE = 0.9


def unchanged_kind(body: str) -> LineKind:
    """What a line that no reading changes is: blank, not Persian, or clean.

    >>> [unchanged_kind(b).value for b in ("  ", "page 3", "سلام")]
    ['blank', 'not-persian', 'clean']
    """
    if not body.strip():
        return LineKind.BLANK
    return LineKind.CLEAN if has_arabic(body) else LineKind.NOT_PERSIAN


def _document_order_diagnosis(lines: list[str], bodies: list[str], order: DocumentOrder,
                              lm: LanguageModel) -> Diagnosis:
    """The diagnosis of a window whose order a document-wide reading decided: the lines it changes
    are word-reversed (words whole, in visual order) or piece-reversed (pypdf's pieces)."""
    dialect = order.dialect or ""
    kind = LineKind.WORD_REVERSED if dialect.startswith("visual-") else LineKind.PIECE_REVERSED
    diagnoses = []
    for index, (body, new) in enumerate(zip(bodies, order.bodies, strict=True)):
        found = kind if new is not None else unchanged_kind(body)
        confidence = DOCUMENT_CONFIDENCE if found in (kind, LineKind.CLEAN) else 1.0
        diagnoses.append(LineDiagnosis(index, found, confidence, lines[index]))
    repaired = [body if new is None else new for body, new in zip(bodies, order.bodies, strict=True)]
    return Diagnosis(tuple(diagnoses), profile_words(repaired, lm), (dialect,))


def clean_long_line(text: str) -> str:
    """The character fixes that need no context, for a line too long to repair otherwise."""
    for fix in (drop_stray_controls, drop_cid_markers, fold_presentation):
        text = fix(text)
    return text
