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

The readings of each line are then chosen together (:func:`choose`, a Viterbi over the lines): each
whole reading scored by its segments' search plus what the line as a whole says (:func:`line_score`:
its words, pairs and short sentences), and the pair that joins it to the lines beside it.

A line with a single hidden cut (most lines of a two-column page: few words, one ZWNJ) reads the
same words and makes the same join whichever of its spaces is taken for the cut, its pieces only
turned round ("rotations"): what tells those readings apart is the pair the cut breaks (the line's
last and first word, never neighbours in the text) and the pairs that link the line to its
neighbours, and a pair table counted on a small corpus tells a true pair from a chance one too
seldom (``bench/pypdf_fit.py --blame``: most of the two-column lines read wrong on the synthetic
set are rotations, and neither the cut weights nor the line weights fitted on two-column lines
alone read them better).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Final

from kaghaz.chars import ZWNJ, fold_presentation_forms
from kaghaz.repair.fixes import KASHIDA_ONES, KASHIDA_SYMBOLS
from kaghaz.repair.langmodel import (
    LATIN_TOKEN,
    NUMBER_TOKEN,
    PAIR_MAX,
    PAIR_MIN,
    LanguageModel,
    LocalPairs,
    pair_tokens,
)
from kaghaz.repair.pypdf_cuts import (
    CONTROLS,
    FITTED,
    PREFIX_ONLY,
    SUFFIX_ONLY,
    CutWeights,
    Segment,
    association,
    ends_sentence,
    flow,
    tokens,
)
from kaghaz.repair.pypdf_words import WordScorer, level_split, reverse_line_words
from kaghaz.repair.text import (
    ADDRESS_PATTERN,
    ARABIC_LETTER_CLASS,
    BRACKET_WEIGHT,
    bracket_order,
    has_arabic,
    shape_penalty,
    words,
)
from kaghaz.repair.visual_words import mend_zwnj_pieces, reverse_visual_words, whole_lines_visual
from kaghaz.repair.words import ZWNJ_PREFIXES, ZWNJ_SUFFIXES

_DIGITS: Final = "0-9\u06f0-\u06f9\u0660-\u0669"
_PERSIAN_NUMBER: Final = re.compile("[\u06f0-\u06f9\u0660-\u0669]+(?:[\u066b\u066c.,:][\u06f0-\u06f9\u0660-\u0669]+)*")
#: The same with slashes: a number LibreOffice draws as one run with its slashes, which pypdf
#: writes backwards whole (``۱۵/۵`` as ``۵/۵۱``; Typst draws the parts apart, a dash parts them).
_SLASHED_NUMBER: Final = re.compile(
    "[\u06f0-\u06f9\u0660-\u0669]+(?:[\u066b\u066c.,:/][\u06f0-\u06f9\u0660-\u0669]+)*")
#: Level runs of their own (drawn in logical order by LibreOffice and Word): numbers and Latin.
_LEVEL2: Final = re.compile(
    f"[{_DIGITS}]+(?:[\u066b\u066c.,:][{_DIGITS}]+)*"
    "|[A-Za-z\u00c0-\u024f0-9]+(?:[ .'\\-]+[A-Za-z\u00c0-\u024f0-9]+)*")
_CONTROLS: Final = CONTROLS
_MIRROR: Final = str.maketrans("()[]{}\u00ab\u00bb", ")(][}{\u00bb\u00ab")
_LAST_LETTERS: Final = re.compile(f"[{ARABIC_LETTER_CLASS}]+$")
_FIRST_LETTERS: Final = re.compile(f"[{ARABIC_LETTER_CLASS}]+")
#: A kashida ``1`` at the edge of a word (inside one: :data:`~kaghaz.repair.fixes.KASHIDA_ONES`).
_EDGE_ONES: Final = re.compile("(?<=[\u0621-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff])1+(?=\\s|$)"
                               "|(?:(?<=\\s)|^)1+(?=[\u0621-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff])")

_SUFFIXES: Final = frozenset((*ZWNJ_SUFFIXES, "هاست", "هایی", "ایی", "اید", "هایشان"))
_PREFIXES: Final = frozenset(ZWNJ_PREFIXES)

#: How much shorter than the usual line a paragraph's last line is.
SHORT_LINE: Final = 0.7
_SENTENCE_END: Final = frozenset(".!?:\u061f\u00bb)")


@dataclass(frozen=True, slots=True)
class LineReading:
    """A reading of a whole line: its text, the search's score, and its logical edge words."""

    text: str
    score: float
    first: str | None
    last: str | None


@dataclass(frozen=True, slots=True)
class LineWeights:
    """Weights of what judges a whole line's reading beyond the search of its segments (which
    scores each segment's cuts alone): ``words``, the sum of the log10 probabilities of its words;
    ``pairs``, the sum of the pair scores (:meth:`LanguageModel.pair`) of its neighbouring words;
    ``associations``, the sum of their :func:`~kaghaz.repair.pypdf_cuts.association` (smoothed
    otherwise, and backed off to word classes); ``short_sentences``, each sentence of one or two
    words inside the line (a piece put on the wrong side of a full stop). The sums see what the
    segment search does not: the pairs a join makes with the words beside it, and which of two
    plausible pairs a line keeps when its pieces are put round the wrong way (the right cuts, but
    the line's last piece read first: one true pair broken, the false pair of its last and first
    word kept). Across lines (:func:`choose`): ``link`` (the association of the last word of a
    line and the first of the next), ``flow`` (how well that first word starts a sentence or goes
    on with one), ``paragraph_end`` (a paragraph's last line ends a sentence)."""

    words: float
    pairs: float
    associations: float
    short_sentences: float
    link: float
    flow: float
    paragraph_end: float


#: Fitted by ``bench/pypdf_fit.py --lines`` (a coordinate search on half A of the self-supervised
#: set, read with the pair and start tables of half B), but ``words`` at 1.5 for the fitted 2.0:
#: at 2.0 a line prefers the more frequent word forms too much (a plural in ``های`` and a lone
#: ``ای`` over the right singular in ``ای`` and plural in ``های``: the synthetic case
#: ``pdfjs-glued-seams``), and 1.5 costs almost nothing on the set. Measured on half B:
#: LibreOffice lines 12.09 -> 11.41 % CER, justified 4.29 -> 3.59 %, two columns 12.02 -> 11.63 %
#: (the fitted 2.0: 11.36, 3.56, 11.62).
LINE_FITTED: Final = LineWeights(words=1.5, pairs=0.875, associations=0.5, short_sentences=-1.25, link=2.5, flow=3.5,
                                 paragraph_end=3.0)
#: Weights that leave a line's reading to its segments' search (what :func:`choose` did before the
#: line features; its link, flow and paragraph end as :data:`~kaghaz.repair.pypdf_cuts.FITTED`).
SEGMENTS_ONLY: Final = LineWeights(words=0.0, pairs=0.0, associations=0.0, short_sentences=0.0, link=FITTED.link,
                                   flow=FITTED.flow, paragraph_end=FITTED.paragraph_end)
_SENTENCE_BREAK: Final = re.compile("(?<=[.!?\u061f])\\s+")


#: A segment's reading that scores this much below its best is not offered to the line's choice
#: (none of them was chosen on the self-supervised set, ``bench/pypdf_fit.py --measure``; 8 moves
#: it, 12 does not; the readings not built save about a tenth of the time of a LibreOffice page).
OFFER_MARGIN: Final = 12.0


def short_sentences(text: str) -> int:
    """How many sentences of one or two Persian words stand inside ``text`` (not its first or
    last, which may go on in the lines beside it).

    >>> short_sentences("او آمد. رفت. و دیگر ندیدمش و")
    1
    >>> short_sentences("او آمد. و رفت و. دیگر")
    0
    """
    parts = _SENTENCE_BREAK.split(text.strip())
    return sum(1 for part in parts[1:-1] if sum(1 for word in part.split() if has_arabic(word)) <= 2)


def line_features(text: str, found: list[str], lm: LanguageModel) -> tuple[float, float, float, int]:
    """What :class:`LineWeights` weighs in a line's reading ``text`` (its words: ``found``): the sums
    of its word scores, pair scores and associations, and its short sentences.

    >>> lm = LanguageModel()
    >>> def score(text): return line_score(text, words(text), lm)
    >>> score("در این مدت برای ارزش") > score("ارزش در این مدت برای")
    True
    """
    # the readings of a line share most of their words and pairs: the model's own caches for them,
    # read here directly (a hot path)
    word_scores: dict[str, float] = lm.cache("line words")
    pair_scores: dict[tuple[str, str], tuple[float, float]] = lm.cache("line pairs")
    word_total = pair_total = association_total = 0.0
    previous: str | None = None
    for token in found:
        score = word_scores.get(token)
        if score is None:
            score = word_scores[token] = lm.word(token)
        word_total += score
        if previous is not None:
            scores = pair_scores.get((previous, token))
            if scores is None:
                scores = pair_scores[(previous, token)] = (lm.pair(previous, token),
                                                           association(lm, previous, token))
            pair_total += scores[0]
            association_total += scores[1]
        previous = token
    return word_total, pair_total, association_total, short_sentences(text)


def line_score(text: str, found: list[str], lm: LanguageModel, weights: LineWeights = LINE_FITTED) -> float:
    """The score a line's reading ``text`` (its words: ``found``) gets as a whole (see
    :class:`LineWeights`; 0 for weights that leave it to the segments)."""
    if not (weights.words or weights.pairs or weights.associations or weights.short_sentences):
        return 0.0
    word_total, pair_total, association_total, short = line_features(text, found, lm)
    return (weights.words * word_total + weights.pairs * pair_total + weights.associations * association_total
            + weights.short_sentences * short)


@dataclass(frozen=True, slots=True)
class _Option:
    """One reading of one part of a line: its text, score and logical edge words."""

    text: str
    score: float
    first: str | None
    last: str | None


def line_segments(line: str, lm: LanguageModel, weights: CutWeights = FITTED,
                  seams: frozenset[str] = frozenset()) -> list[tuple[bool, str, Segment | None]]:
    """The parts of a line: level runs and segments without Arabic script (``None``), and the
    search space of every segment (its edges set for the line's first and last segment; ``seams``:
    see :func:`seam_words`)."""
    parts = level_split(line, _LEVEL2)
    seg_indices = [i for i, (fixed, text) in enumerate(parts) if not fixed and has_arabic(text)]
    out: list[tuple[bool, str, Segment | None]] = []
    for index, (fixed, text) in enumerate(parts):
        if index not in seg_indices:
            out.append((fixed, text, None))
            continue
        edges = (index == seg_indices[0], index == seg_indices[-1])
        out.append((fixed, text, Segment(tokens(text), lm, weights, edges, seams)))
    return out


def segmented_readings(line: str, lm: LanguageModel, weights: CutWeights = FITTED,
                       seams: frozenset[str] = frozenset(), lines: LineWeights = LINE_FITTED) -> list[LineReading]:
    """Readings of a line garbled in the segmented dialect (LibreOffice, Word): the best reading
    of every segment, and the alternatives of the line's first and last segment (the ones whose
    edge words the neighbouring lines judge); each scored by its segments' search plus
    :func:`line_score` (``lines``)."""
    parts = line_segments(line, lm, weights, seams)
    found = [segment.readings() if segment is not None else [] for _, _, segment in parts]
    seg_indices = [index for index, readings in enumerate(found) if readings]
    # only the first and the last segment offer their alternatives: the others need their best alone
    edges = {seg_indices[0], seg_indices[-1]} if seg_indices else set()
    per_part: list[list[_Option]] = []
    for index, ((_, text, segment), readings) in enumerate(zip(parts, found, strict=True)):
        if segment is None or not readings:
            per_part.append([_Option(_CONTROLS.sub("", text), 0.0, None, None)])
            continue
        runs = (index > 0, index + 1 < len(parts))
        floor = readings[0].score - OFFER_MARGIN
        offered = [r for r in readings if r.score >= floor] if index in edges else readings[:1]
        per_part.append([_Option(segment.text(r.path, runs), r.score, r.first, r.last) for r in offered])
    best = [options[0] for options in per_part]
    results = [_join(best, lm, lines)]
    # alternatives vary the first and the last segment (the ones the neighbouring lines judge)
    for index in sorted({seg_indices[0], seg_indices[-1]}) if seg_indices else []:
        for option in per_part[index][1:]:
            variant = list(best)
            variant[index] = option
            results.append(_join(variant, lm, lines))
    return results


def _join(parts: list[_Option], lm: LanguageModel, weights: LineWeights) -> LineReading:
    text = "".join(p.text for p in parts)
    found = words(text)
    score = sum(p.score for p in parts) + line_score(text, found, lm, weights)
    return LineReading(text, score, found[0] if found else None, found[-1] if found else None)


def reverse_persian_numbers(line: str, slashes: bool = False) -> str:
    """pypdf writes Persian and Arabic-Indic numbers backwards; turn them round (``slashes``: a
    number with slashes as one, as LibreOffice draws it, see :data:`_SLASHED_NUMBER`).

    >>> reverse_persian_numbers("سال ۳۲۹۱ و ۸٫۵")
    'سال ۱۹۲۳ و ۵٫۸'
    >>> reverse_persian_numbers("روز ۲۱/۵۰/۸۹۳۱", slashes=True), reverse_persian_numbers("روز ۵۱/۵")
    ('روز ۱۳۹۸/۰۵/۱۲', 'روز ۱۵/۵')
    """
    return (_SLASHED_NUMBER if slashes else _PERSIAN_NUMBER).sub(lambda m: m.group()[::-1], line)


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


def choose(options: list[list[LineReading]], lm: LanguageModel, breaks: list[bool],
           weights: LineWeights = LINE_FITTED) -> list[int]:
    """For each line, the index of the reading to use: a Viterbi search adding the pair score of
    the last word of one line and the first word of the next (``breaks[i]``: no link between line
    ``i - 1`` and line ``i``), how well that first word starts a sentence or goes on with one (a
    paragraph's first line starts one), and a bonus for a paragraph's last line that ends a
    sentence."""
    # a path is kept as (its last index, the path before it): copying whole paths at every line
    # would take time quadratic in the number of lines; a state also holds the last word of its
    # line and whether the line ends a sentence
    states: list[tuple[float, _Path | None, str | None, bool]] = [(0.0, None, None, True)]
    link_bound = max(weights.link * PAIR_MAX, weights.link * PAIR_MIN, 0.0)
    for index, readings in enumerate(options):
        if not readings:
            # a line without readings passes no context on
            states = [(score, (-1, path), None if breaks[index] else last, ends or breaks[index])
                      for score, path, last, ends in states]
            continue
        new_states: list[tuple[float, _Path | None, str | None, bool]] = []
        closes = index + 1 >= len(breaks) or breaks[index + 1]
        linked = not breaks[index]
        # the step from a state depends on its last word and whether it ends a sentence only: of the
        # states that share them, the best (the first of equal ones) stands for all
        grouped: dict[tuple[str | None, bool], tuple[float, int, _Path | None]] = {}
        for order, (score, path, last, ends) in enumerate(states):
            held = grouped.get((last, ends))
            if held is None or score > held[0]:
                grouped[(last, ends)] = (score, order, path)
        # ... and the best state for a reading depends on the reading's first word only; states are
        # tried best first, and those that even the best link cannot lift to the best are skipped
        ranked = sorted(grouped.items(), key=lambda item: -item[1][0])
        best_by_first: dict[str | None, tuple[float, _Path | None]] = {}
        for position, reading in enumerate(readings):
            first = reading.first
            best = best_by_first.get(first)
            if best is None:
                starting = weights.flow * flow(lm, first, True)
                going_on = weights.flow * flow(lm, first, False)
                lift = max(starting, going_on, 0.0) + (link_bound if linked and first else 0.0)
                top: tuple[float, int, _Path | None] | None = None
                for (last, ends), (score, order, path) in ranked:
                    if top is not None and score + lift < top[0]:
                        break
                    link = 0.0
                    if linked and last and first:
                        link = weights.link * association(lm, last, first)
                    if not linked or last:
                        link += starting if (ends or not linked) else going_on
                    total = score + link
                    if top is None or total > top[0] or (total == top[0] and order < top[1]):
                        top = (total, order, path)
                assert top is not None
                best = best_by_first[first] = (top[0], top[2])
            ending = weights.paragraph_end if closes and reading.text.rstrip()[-1:] in _SENTENCE_END else 0.0
            new_states.append((best[0] + reading.score + ending, (position, best[1]), reading.last,
                               ends_sentence(reading.text)))
        states = new_states
    found = max(states, key=lambda state: state[0])[1]
    out: list[int] = []
    while found is not None:
        out.append(found[0])
        found = found[1]
    return out[::-1]


#: A path of the search in :func:`choose`: its last index and the path before it.
_Path = tuple[int, "_Path | None"]


# --- visual runs (Chromium, WeasyPrint) ---------------------------------------------------------

_RUN: Final = re.compile(
    f"(?P<address>{ADDRESS_PATTERN})"
    f"|(?P<number>[{_DIGITS}]+(?:[\u066b\u066c.,:][{_DIGITS}]+)*)"
    "|(?P<latin>[A-Za-z\u00c0-\u024f][A-Za-z\u00c0-\u024f0-9_]*(?:[ .'\\-]+[A-Za-z\u00c0-\u024f0-9_]+)*)"
    "|(?P<punct>[()\\[\\]{}\u00ab\u00bb\"'\\-\u2013\u2014/])"
    f"|(?P<rtl>[^()\\[\\]{{}}\u00ab\u00bb\"'\\-\u2013\u2014/A-Za-z\u00c0-\u024f{_DIGITS}]+)")


def visual_runs(line: str, split_numbers: bool, mirror: bool, respace: bool = False) -> str:
    """The line with its runs (numbers, Latin, brackets, quotes, hyphens and the right-to-left
    text between them) in reverse order; ``split_numbers``: numbers are runs of their own (Chromium)
    rather than part of the right-to-left text (WeasyPrint); ``mirror``: brackets were written as
    their mirror glyphs; ``respace``: the spaces and punctuation that pypdf put at the start of a
    right-to-left run go back to its end, and a number that stood by a space gets one on each side.

    >>> visual_runs("در شهر آن۳۲۹۱ مارس ۳تایم", True, False)
    'تایم۳ مارس ۳۲۹۱در شهر آن'
    >>> visual_runs(" درصد مردم این شهر را20 .خواندند و این است", True, False, respace=True)
    'خواندند و این است. 20 درصد مردم این شهر را'
    >>> visual_runs("در فایل است ahsa_df پیوند https://x.ir/a-b ببینید", True, False)
    ' ببینیدhttps://x.ir/a-b پیوند ahsa_dfدر فایل است '
    """
    runs: list[tuple[str, str]] = []
    for match in _RUN.finditer(line):
        kind, text = match.lastgroup or "rtl", match.group()
        if not split_numbers and kind in ("number", "rtl") and runs and runs[-1][0] in ("number", "rtl"):
            runs[-1] = ("rtl", runs[-1][1] + text)
            continue
        runs.append((kind, text))
    if respace:
        return _respaced(runs, mirror)
    out = []
    for kind, text in reversed(runs):
        out.append(text.translate(_MIRROR) if kind == "punct" and mirror else text)
    return "".join(out)


#: Spaces and punctuation that pypdf writes at the start of a right-to-left run it moved.
_LEADING_NEUTRALS: Final = re.compile("^[ .\u060c\u061b\u061f!:]+")
_SPACES: Final = re.compile(" {2,}")


def _respaced(runs: list[tuple[str, str]], mirror: bool) -> str:
    """The runs of :func:`visual_runs` in reverse order, with their spaces and punctuation put back
    (its ``respace``)."""
    out: list[str] = []
    count = len(runs)
    for index in range(count - 1, -1, -1):
        kind, text = runs[index]
        if kind == "rtl":
            lead = _LEADING_NEUTRALS.match(text)
            if lead is not None and index > 0:
                text = text[lead.end():] + lead.group()[::-1]
        elif kind == "punct" and mirror:
            text = text.translate(_MIRROR)
        elif kind == "number":
            before = runs[index - 1][1] if index > 0 else ""
            after = runs[index + 1][1] if index + 1 < count else ""
            if before[-1:] == " " or after[:1] == " ":
                text = f" {text} "
        out.append(text)
    return _SPACES.sub(" ", "".join(out))


# --- the document ----------------------------------------------------------------------------------

#: Lines cut at a ZWNJ (:func:`cut_edges`): at least this many lines and this share of them ...
EDGE_LINES: Final = 4
EDGE_LINE_SHARE: Final = 0.12
#: ... and then the segmented reading must gain this much per line of the document, and gain on
#: this share of the lines it changes.
EDGE_GAIN: Final = 0.5
EDGE_SHARE: Final = 0.6
#: ... or this much in a document whose numbers pypdf wrote backwards.
EVIDENT_GAIN: Final = 0.0
#: A document whose only sign is runs moved round numbers and Latin words must gain this much per
#: line the reading changes: MS Word's text read in logical order, where pypdf only moved a full
#: stop or a space beside a Latin word, gains about nothing per line from any visual reading
#: (measured on real Word PDFs through pypdf: -0.01 to 0.07; fresh Chromium and WeasyPrint pages
#: in visual order, pypdf and PyMuPDF: 0.26 to 2.2; a real Word PDF whose font maps some letters
#: to Latin ones gains 0.47 and is read as visual, wrongly).
MOVED_GAIN: Final = 0.15
#: The segmented dialect needs this many lines that each gain this much.
STRONG_LINES: Final = 3
STRONG_LINE_GAIN: Final = 2.0
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
#: How many runs of two or more of one symbol glued to a Persian letter make that symbol a kashida.
KASHIDA_SYMBOLS_MIN: Final = 10
#: How many words of a document must start with a ZWNJ for :func:`clusters_in_visual_order` to try it.
CLUSTER_ZWNJS_MIN: Final = 20
#: ... and what share of its words: the glyph stands for every first letter of its kind, about a
#: tenth of the words; a long window of other text holds a few such words by chance, and the full
#: search both ways over all its lines would cost far more than the rest of the repair.
CLUSTER_ZWNJS_SHARE: Final = 0.03


def _plain(text: str, lm: LanguageModel) -> float:
    """One yardstick for every reading: words, pairs (numbers and Latin words included),
    punctuation, bracket order."""
    total = 0.0
    previous: str | None = None
    word, pair = lm.word, lm.pair
    words_get, pairs_get = lm.word_table().get, lm.pair_table().get  # the caches read directly (a hot path)
    for token in pair_tokens(text):
        if token != NUMBER_TOKEN and token != LATIN_TOKEN:
            score = words_get(token)
            total += word(token) if score is None else score
        if previous is not None:
            score = pairs_get((previous, token))
            total += pair(previous, token) if score is None else score
        previous = token
    return total + shape_penalty(text) + BRACKET_WEIGHT * bracket_order(text)


def _letters_reversed(lines: list[str], persian: list[int], lm: LanguageModel) -> bool:
    """True if many lines read better with all their letters reversed (visual order)."""
    from kaghaz.repair.diagnosis import letter_reversal_gain

    strong = 0
    for count, i in enumerate(persian):
        if strong + len(persian) - count < 2 or strong + len(persian) - count < 0.3 * len(persian):
            return False  # too few lines left to reach the count
        strong += letter_reversal_gain(lines[i], lm)[0] > 1.0
        if strong >= 2 and strong >= 0.3 * len(persian):
            return True  # the lines left cannot take the count back
    return False


def _words_reversed(line: str) -> str:
    """``line`` with the words of every right-to-left stretch between numbers and Latin words in
    reverse order: a quick reading of text drawn word by word (Typst), without the glyph clusters."""
    out: list[str] = []
    for fixed, text in level_split(line, _LEVEL2):
        out.append(" ".join(reversed(text.split())) if not fixed and has_arabic(text) else text)
    return " ".join(out)


#: Symbols that a font subset may put its kashida glyph under (as :data:`~kaghaz.repair.fixes.KASHIDA_SYMBOLS`,
#: with the slash and the straight quotes, not ``!`` and ``?``, which writers double at a word's end).
_KASHIDA_STAND_INS: Final = "/\"'" + KASHIDA_SYMBOLS.replace("!", "").replace("?", "")
_STAND_IN_CLASS: Final = re.escape(_KASHIDA_STAND_INS)
#: Two or more of one such symbol glued to a Persian letter.
_DOUBLE_GLUED: Final = re.compile(f"(?<=[{ARABIC_LETTER_CLASS}])([{_STAND_IN_CLASS}])\\1+"
                                  f"|([{_STAND_IN_CLASS}])\\2+(?=[{ARABIC_LETTER_CLASS}])")
_DOUBLED: Final = re.compile(f"([{_STAND_IN_CLASS}])\\1")


def kashida_symbols_as_ones(lines: list[str]) -> list[str]:
    """``lines`` with every run of one symbol glued to a Persian letter written as the ``1`` that
    pypdf reads for the kashida glyph of most fonts (:data:`KASHIDA_ONES`), if
    :data:`KASHIDA_SYMBOLS_MIN` or more of its runs are of two or more: a justified page of a font
    subset that put its kashida glyph under the code of ``/``, ``"`` or another symbol (writers glue
    no ``//`` or ``""`` to a word, and a lone ``و/یا`` stays as it is).

    >>> kashida_symbols_as_ones(["ک//رد بدانی//"] * 5 + ["و/یا"] * 5)[4:6]
    ['ک11رد بدانی11', 'و1یا']
    >>> kashida_symbols_as_ones(['رف""ه مص""'] * 5)[0], kashida_symbols_as_ones(["و/یا"] * 20)[0]
    ('رف11ه مص11', 'و/یا')
    """
    counts: Counter[str] = Counter()
    for line in lines:
        if _DOUBLED.search(line):
            counts.update(found[0] or found[1] for found in _DOUBLE_GLUED.findall(line))
    if not counts:
        return lines
    symbol, count = counts.most_common(1)[0]
    if count < KASHIDA_SYMBOLS_MIN:
        return lines
    run = re.escape(symbol) + "+"
    glued = re.compile(f"(?<=[{ARABIC_LETTER_CLASS}]){run}|{run}(?=[{ARABIC_LETTER_CLASS}])")
    return [glued.sub(lambda found: "1" * len(found.group()), line) if symbol in line else line
            for line in lines]


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


def _mostly_known(tokens: list[str], lm: LanguageModel) -> bool:
    """True if the lexicon knows :data:`WORDS_KNOWN_SHARE` of ``tokens`` (counted until that is
    reached or out of reach).

    >>> _mostly_known(["از", "ایران", "زا"], LanguageModel()), _mostly_known(["زا", "نارآی"], LanguageModel())
    (True, False)
    """
    needed = WORDS_KNOWN_SHARE * len(tokens)
    known = 0
    for count, token in enumerate(tokens):
        if known >= needed:
            return True
        if known + len(tokens) - count < needed:
            return False
        known += lm.known(token)
    return known >= needed


def words_in_visual_order(lines: list[str], persian: list[int], lm: LanguageModel) -> bool:
    """True if most lines of four words or more read better with the words of each stretch in
    reverse order, and much better on average: pypdf's output of a PDF drawn word by word."""
    found = {i: words(lines[i]) for i in persian}
    long = [i for i in persian if len(found[i]) >= WORDS_MIN_LENGTH]
    if len(long) < WORDS_MIN_LINES:
        return False
    # pypdf keeps each word whole: text whose words themselves are unknown (letters turned round by
    # another extractor) is not this, however its word pairs happen to score
    if not _mostly_known([w for i in persian for w in found[i]], lm):
        return False
    return _lines_gain(long, lambda i: _plain(_words_reversed(lines[i]), lm) - _plain(lines[i], lm))


def _lines_gain(long: list[int], gain_of: Callable[[int], float]) -> bool:
    """True if the lines ``long`` gain (``gain_of``) by :data:`WORDS_LINE_GAIN` on
    :data:`WORDS_SHARE` of them, and by :data:`WORDS_MEAN_GAIN` on average; it stops as soon as too
    few lines are left to gain on enough of them.

    >>> _lines_gain([0, 1, 2], lambda i: 2.0), _lines_gain([0, 1, 2], lambda i: 2.0 if i else -9.0)
    (True, False)
    """
    needed = WORDS_SHARE * len(long)
    gains: list[float] = []
    better = 0
    for count, i in enumerate(long):
        if better + len(long) - count < needed:
            return False  # too few lines left to gain on enough of them
        gain = gain_of(i)
        gains.append(gain)
        better += gain > WORDS_LINE_GAIN
    return better >= needed and sum(gains) >= WORDS_MEAN_GAIN * len(gains)


#: A ZWNJ at the start of a word: Typst's glyph cluster that begins with one, written apart by pypdf.
_CLUSTER_ZWNJ: Final = re.compile(f"(?:^|(?<= )){ZWNJ}(?=[{ARABIC_LETTER_CLASS}])")


def clusters_in_visual_order(lines: list[str], persian: list[int], lm: LanguageModel) -> bool:
    """True if a document that starts :data:`CLUSTER_ZWNJS_MIN` or more words with a ZWNJ (and
    :data:`CLUSTER_ZWNJS_SHARE` of its words) reads
    better with the runs of its lines put in logical order by the full search
    (:func:`~kaghaz.repair.pypdf_words.reverse_line_words`) than with the same search run on the
    lines with their words turned round first (what puts lines in logical order back as they were):
    on :data:`WORDS_SHARE` of its lines of four words or more by :data:`WORDS_LINE_GAIN`, and by
    :data:`WORDS_MEAN_GAIN` on average.

    Typst maps a glyph to the text of the first cluster it drew it for; when that cluster held a
    ZWNJ before the letter (``گفته`` ZWNJ ``اند``), pypdf writes the ZWNJ and the letter as a run of
    their own wherever the glyph stands (a first ``ا``, ``ک``, ``گ``), and words cut into such runs
    read as nothing in either order: the quick test of :func:`words_in_visual_order` misses the
    document. Letters written backwards (pdfminer.six) are not pypdf's.

    >>> clusters_in_visual_order(["کتاب خوب است"] * 3, [0, 1, 2], LanguageModel())
    False
    >>> few = ["\N{ZERO WIDTH NON-JOINER}کتاب " + "خوب است " * 20] * 25  # 25 in 1025 words
    >>> clusters_in_visual_order(few, list(range(25)), LanguageModel())
    False
    """
    clusters = sum(len(_CLUSTER_ZWNJ.findall(lines[i])) for i in persian if ZWNJ in lines[i])
    if clusters < CLUSTER_ZWNJS_MIN:
        return False
    if clusters < CLUSTER_ZWNJS_SHARE * sum(len(lines[i].split()) for i in persian):
        return False
    long = [i for i in persian if len(words(lines[i])) >= WORDS_MIN_LENGTH]
    if len(long) < WORDS_MIN_LINES or _letters_reversed(lines, persian, lm):
        return False
    scorer = WordScorer(lm)

    def gain_of(i: int) -> float:
        text = _CONTROLS.sub("", lines[i])
        return (_plain(reverse_line_words(text, lm, scorer), lm)
                - _plain(reverse_line_words(_words_reversed(text), lm, scorer), lm))

    return _lines_gain(long, gain_of)


def cut_edges(lines: list[str], persian: list[int]) -> bool:
    """True if many lines start with a word that only follows a ZWNJ (``های``, ``ترین``) or end
    with one that only precedes it (``می``): pypdf's pieces of lines cut at a ZWNJ, last first.

    Clean text wraps there only when its author put a space for the ZWNJ, which is rare at a line's
    end; a document needs a share of such lines and several of them.
    """
    count = 0
    for i in persian:
        found = words(lines[i])
        if found and (found[0] in SUFFIX_ONLY or found[-1] in PREFIX_ONLY):
            count += 1
    return count >= EDGE_LINES and count >= EDGE_LINE_SHARE * len(persian)


#: A kashida control between two letters of a word (LibreOffice's justification).
_INNER_KASHIDA: Final = re.compile(f"[{ARABIC_LETTER_CLASS}]{_CONTROLS.pattern}+[{ARABIC_LETTER_CLASS}]")
#: A ZWNJ between two letters of a word.
_INNER_ZWNJ: Final = re.compile(f"[{ARABIC_LETTER_CLASS}]{ZWNJ}[{ARABIC_LETTER_CLASS}]")
#: Kashida cuts: at least this many lines with a kashida inside a word, and this many times as many
#: as the lines with a ZWNJ inside one.
KASHIDA_LINES: Final = 4
KASHIDA_ZWNJ_RATIO: Final = 2


def kashida_cuts(lines: list[str], persian: list[int]) -> bool:
    """True if :data:`KASHIDA_LINES` lines or more hold a kashida control inside a word, and
    :data:`KASHIDA_ZWNJ_RATIO` times as many as hold a ZWNJ inside one: the lines of a justified
    page, whose portions LibreOffice cuts at every kashida as at every ZWNJ, and pypdf writes no
    ZWNJ where it cut (so a document whose authors seldom write ZWNJs shows pypdf's cuts at its
    kashidas; the segmented reading must still gain, as for :func:`cut_edges`). An extractor that
    keeps the ZWNJs did not cut there: PyMuPDF's pieces between kashidas are mended apart.

    >>> lines = ["ت\x02ودی س\x02ده"] * 4
    >>> kashida_cuts(lines, [0, 1, 2, 3]), kashida_cuts(["\x02تودی سده"] * 4, [0, 1, 2, 3])
    (True, False)
    >>> kashida_cuts(lines + ["می\u200cخوای"] * 3, list(range(7)))
    False
    """
    kashida = zwnj = 0
    for i in persian:
        kashida += _INNER_KASHIDA.search(lines[i]) is not None
        zwnj += ZWNJ in lines[i] and _INNER_ZWNJ.search(lines[i]) is not None
    return kashida >= KASHIDA_LINES and kashida >= KASHIDA_ZWNJ_RATIO * zwnj
#: The marks of a number that pypdf moved in a line drawn in visual order (Chromium, WeasyPrint):
#: glued to the word or the full stop before it and followed by a space (``این61  زن``), followed
#: by two spaces (``مرد،100  زن``), glued to the end of a sentence (``کرد.280``), or a full stop
#: before a word after it (``را10 .بدهد``). (Brackets and guillemets are no mark: other extractors
#: mirror them all, or move them the same way in lines they read right otherwise.)
_MOVED_RUN: Final = re.compile(
    f"(?<=[.\u060c{ARABIC_LETTER_CLASS}])[0-9]+(?:[.,:/][0-9]+)*(?= )"
    "|[0-9]  (?=\\S)"
    f"|(?<=[{ARABIC_LETTER_CLASS}])[.\u061f!][0-9]"
    f"|(?<=[0-9] )\\.(?=[{ARABIC_LETTER_CLASS}])")
#: Gains closer to zero than this are ties (sums of the same scores in another order).
_TIE: Final = 1e-9
#: Moved runs: this many lines that show one and read this much better with their runs turned round
#: (or no worse, with this many marks).
MOVED_LINES: Final = 1
MOVED_LINE_GAIN: Final = 0.5
MOVED_MARKS: Final = 2


def moved_runs(lines: list[str], persian: list[int], lm: LanguageModel) -> bool:
    """True if :data:`MOVED_LINES` lines or more show a number moved the way pypdf writes a line
    drawn in visual order (:data:`_MOVED_RUN`) and read better with their runs turned round (or no
    worse, with :data:`MOVED_MARKS` marks): the evidence of Chromium's and WeasyPrint's pages, whose
    ASCII numbers pypdf writes forwards. (The dialect then has to gain over the whole document.)

    >>> lines = ["و این درست است", "درصد دانشجویان این دانشگاه را20 .پذیرفته است",
    ...          "کتاب را در سال 20 خواندم"]
    >>> moved_runs(lines, [0, 1, 2], LanguageModel()), moved_runs(lines[::2], [0, 1], LanguageModel())
    (True, False)
    """
    found = 0
    for i in persian:
        line = _CONTROLS.sub("", lines[i])
        marks = len(_MOVED_RUN.findall(line))
        if not marks:
            continue
        # mirrored brackets alone are no evidence: the reading is judged against the line mirrored alike
        as_is = (_plain(line, lm), _plain(line.translate(_MIRROR), lm))
        gain = max(_plain(visual_runs(line, True, mirror, respace), lm) - as_is[mirror]
                   for mirror in (False, True) for respace in (False, True))
        found += gain > MOVED_LINE_GAIN or (marks >= MOVED_MARKS and gain > -_TIE)
        if found >= MOVED_LINES:
            return True
    return False


def pypdf_evidence(lines: list[str]) -> bool:
    """True if two or more different numbers of a document read as years, and only backwards
    (pypdf's reversed digits); one number written twice is one piece of evidence.

    >>> pypdf_evidence(["در ۱۶۰۱ و", "و ۱۶۰۱ در"]), pypdf_evidence(["در ۳۲۹۱ و ۸۰۰۲"])
    (False, True)
    """
    from kaghaz.repair.fixes import four_digit_numbers, year_evidence

    forward, backward = year_evidence(" ".join(sorted(four_digit_numbers(lines))))
    return backward >= 2 and forward == 0


@dataclass(frozen=True, slots=True)
class DocumentOrder:
    """What :func:`document_order` decided: the dialect (``None``: no pypdf damage found) and the
    new body of every line (``None``: unchanged)."""

    dialect: str | None
    bodies: tuple[str | None, ...]

    @property
    def mirrored(self) -> bool:
        """Whether the dialect reads brackets as drawn mirrored (``visual-*-mirror*``, named in
        :func:`dialect_readings`)."""
        return self.dialect is not None and "-mirror" in self.dialect


#: Arabic presentation forms (as :func:`kaghaz.chars.is_presentation_form`), found in one search.
_PRESENTATION_FORM: Final = re.compile("[\ufb50-\ufdff\ufe70-\ufefe]")


def _prepared(body: str) -> str:
    """``body`` with its presentation forms folded (most lines have none: one search tells).

    >>> _prepared("\N{ARABIC LETTER BEH INITIAL FORM}ا") == "با"
    True
    """
    return fold_presentation_forms(body) if _PRESENTATION_FORM.search(body) else body


@dataclass(frozen=True, slots=True)
class DialectReading:
    """One dialect's reading of a document: the new text of every line (``None``: unchanged), the
    total gain over the lines as they stand, how many lines it changes, how many of those gain,
    how many gain more than :data:`STRONG_LINE_GAIN`, and how many lose."""

    texts: tuple[str | None, ...]
    total: float
    changed: int
    better: int
    strong: int
    worse: int = 0


#: How many lines of a document a word must end to be one of its seam words (:func:`seam_words`).
SEAM_LINES: Final = 2


def seam_words(lines: list[str]) -> frozenset[str]:
    """The words that end :data:`SEAM_LINES` or more of ``lines`` (pypdf's segmented lines): a
    line with a hidden cut ends with the word before its first ZWNJ, so such a word, seen again
    before a space, is likely before a lost ZWNJ there too (``می``, and the stems the document
    puts before ``های``: ``ژن``, ``پلاستیک``).

    >>> sorted(seam_words(["ها به ژن", "های مختلف ژن", "این است."])) == ["ژن"]
    True
    """
    ends = Counter(found[-1] for found in map(words, lines) if found)
    return frozenset(word for word, count in ends.items() if count >= SEAM_LINES)


#: How often a pair of words must stand side by side in a document's garbled lines to count as one
#: of its own pairs.
REPEATED_PAIR: Final = 2


def with_repeated_pairs(lm: LanguageModel, lines: list[str]) -> LanguageModel:
    """A language model that also knows the word pairs that stand side by side in two or more
    places of ``lines`` (pypdf's pieces are in order inside: a name or phrase the text repeats
    then shows where a space is a real one; the false pair at a hidden cut is seldom repeated).

    >>> lm = with_repeated_pairs(LanguageModel(), ["پژو پارس یک خودرو", "پژو پارس دو"])
    >>> lm.pair("پژو", "پارس") > LanguageModel().pair("پژو", "پارس")
    True
    """
    counts = LocalPairs()
    for line in lines:
        counts.add(words(line))
    local = LocalPairs()
    local.firsts = counts.firsts
    local.words = counts.words
    local.pairs = {pair: count for pair, count in counts.pairs.items() if count >= REPEATED_PAIR}
    if lm.local.firsts or lm.local.pairs:
        return LanguageModel(lm.lexicon, lm.bigrams, lm.letters, local)
    return _RepeatedPairsModel(lm, local)


class _RepeatedPairsModel(LanguageModel):
    """A model with a document's repeated pairs (:func:`with_repeated_pairs`) over a model without
    pairs of its own, from which it takes the score of every pair the document does not repeat:
    the formula gives such a pair the same score (counts without the pair add nothing), and that
    model's cache of pair scores is already full of them.

    >>> base = LanguageModel()
    >>> lm = with_repeated_pairs(base, ["پژو پارس یک", "پژو پارس دو"])
    >>> lm.pair("پارس", "یک") == base.pair("پارس", "یک") and lm.pair("پژو", "پارس") > base.pair("پژو", "پارس")
    True
    """

    __slots__ = ("_base",)

    def __init__(self, base: LanguageModel, local: LocalPairs) -> None:
        super().__init__(base.lexicon, base.bigrams, base.letters, local)
        self._base = base

    def pair(self, left: str, right: str) -> float:
        cached = self._pair_cache.get((left, right))  # a pair asked before, repeated or not
        if cached is not None:
            return cached
        if (self.key(left), self.key(right)) in self.local.pairs:
            return super().pair(left, right)
        return self.keep_pair(left, right, self._base.pair(left, right))


def dialect_readings(prepared: list[str], persian: list[int], lm: LanguageModel,
                     segmented: bool = True) -> dict[str, DialectReading]:
    """Every dialect's reading of the lines ``prepared`` (``persian``: the lines with Arabic script;
    ``segmented``: the segmented dialect too, not only the visual ones)."""
    bare = {i: _CONTROLS.sub("", prepared[i]) for i in persian}
    plain = {i: _plain(bare[i], lm) for i in persian}
    scored: dict[str, float] = {}  # the variants often read a line the same way

    def tally(readings: dict[int, str]) -> DialectReading:
        """A dialect's reading from the text it gives each line, with the gains of those it changes."""
        texts: list[str | None] = [None] * len(prepared)
        total, changed, better, strong, worse = 0.0, 0, 0, 0, 0
        for i, text in readings.items():
            if text == bare[i]:
                continue
            found = scored.get(text)
            if found is None:
                found = scored[text] = _plain(text, lm)
            gain = found - plain[i]
            texts[i] = text
            total += gain
            changed += 1
            better += gain > 0
            worse += gain < -_TIE
            strong += gain > STRONG_LINE_GAIN
        return DialectReading(tuple(texts), total, changed, better, strong, worse)

    out: dict[str, DialectReading] = {}
    # visual runs: four variants, judged over the whole document
    for split_numbers, respace in ((True, True), (True, False), (False, False)):
        for mirror in (False, True):
            name = f"visual-{'split' if split_numbers else 'whole'}-{'mirror' if mirror else 'plain'}"
            if respace:
                name += "-respaced"
            reading = tally({i: visual_runs(bare[i], split_numbers, mirror, respace) for i in persian})
            out[name] = replace(reading, strong=0)
    if not segmented:
        return out
    # segmented pieces: each line's readings, chosen in context
    local = with_repeated_pairs(lm, [prepared[i] for i in persian])
    seams = seam_words([prepared[i] for i in persian])
    options = [segmented_readings(prepared[i], local, FITTED, seams) if i in plain else []
               for i in range(len(prepared))]
    chosen = choose(options, local, paragraph_breaks(prepared, persian))
    reading = tally({i: opts[pick].text for i, (opts, pick) in enumerate(zip(options, chosen, strict=True))
                     if opts and pick >= 0})
    if reading.strong < STRONG_LINES:
        # hidden cuts alone are found in any text: the dialect needs several lines that show it
        reading = replace(reading, total=min(reading.total, 0.0))
    out["segmented"] = reading
    return out


def _whole_line_reading(line: str, lm: LanguageModel) -> str:
    """``line`` turned round whole, with its punctuation taken apart from the words or left on them
    as written, whichever reads better (extractors differ)."""
    best = max((reverse_visual_words(line), reverse_visual_words(line, chunks=True)), key=lambda t: _plain(t, lm))
    return mend_zwnj_pieces(best, lm)


#: A page break at the start of a line, after the last line of the page before if that is a page
#: number: pypdf's pages joined by form feeds (``1`` and a form feed before the next page's first line).
_PAGE_HEAD: Final = re.compile("^[ 0-9\u06f0-\u06f9\u0660-\u0669]{0,8}\f+")


def page_head(body: str) -> str:
    r"""The page break (with the page number before it) that ``body`` starts with, or ``""``: it
    stays in front of the line, whatever order the line's pieces are put in.

    >>> page_head("1\fگذاری خصوصی"), page_head("\fالف"), page_head("سال ۱۳۹۸")
    ('1\x0c', '\x0c', '')
    """
    found = _PAGE_HEAD.match(body)
    return found.group() if found else ""


def document_order(bodies: list[str], lm: LanguageModel, moved_runs_count: bool = True) -> DocumentOrder:
    """Decide whether ``bodies`` (line bodies of one window) are pypdf output and in which dialect,
    and return the reordered bodies. ``moved_runs_count``: runs moved round numbers and Latin words
    are a sign by themselves (not in text that pdftotext wrapped in direction controls: it writes
    the runs of a line in reading order). A line's page break (:func:`page_head`) stays in front."""
    heads = [page_head(body) for body in bodies]
    if not any(heads):
        return _document_order(bodies, lm, moved_runs_count)
    inner = _document_order([body[len(head):] for body, head in zip(bodies, heads, strict=True)], lm,
                            moved_runs_count)
    return DocumentOrder(inner.dialect, tuple(None if text is None else reverse_persian_numbers(head) + text
                                              for text, head in zip(inner.bodies, heads, strict=True)))


def _document_order(bodies: list[str], lm: LanguageModel, moved_runs_count: bool) -> DocumentOrder:
    """:func:`document_order` of lines without page breaks in front."""
    prepared = [_prepared(b) for b in bodies]
    persian = [i for i, b in enumerate(prepared) if has_arabic(b)]
    if len(persian) < 3:
        return DocumentOrder(None, tuple(None for _ in bodies))
    prepared = kashida_symbols_as_ones(prepared)
    kashidas = sum(len(KASHIDA_ONES.findall(line)) for line in prepared) >= KASHIDA_ONES_MIN
    if kashidas:
        # kashida drawn with a glyph read as ``1``: to pypdf a left-to-right run, so a piece's edge
        prepared = [kashida_ones_as_controls(line) for line in prepared]
    spaced = [zwnj_as_space(p, lm) for p in prepared] if zwnj_between_words(prepared, persian) else prepared
    if words_in_visual_order(spaced, persian, lm) or clusters_in_visual_order(spaced, persian, lm):
        # spaces read as ZWNJs: a page of LibreOffice's, whose marks drawn apart stand before their word
        marks_first = spaced is not prepared
        prepared = spaced
        # numbers and Latin words in visual order too: the whole line is turned round, if that
        # reads better by what one line must gain (a number at a line's edge, first in one reading
        # and last in the other, can tip the sum either way by a little)
        if whole_lines_visual(prepared, persian, lambda text: _plain(text, lm), _words_reversed,
                              lambda line: _whole_line_reading(line, lm), margin=WORDS_LINE_GAIN):
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
                if marks_first:
                    text = marks_to_word_ends(text)
            text = reverse_persian_numbers(text)
            reordered.append(None if text == body else text)
        return DocumentOrder("visual-words", tuple(reordered))
    evidence = pypdf_evidence(prepared)
    cut_at_kashidas = kashida_cuts(prepared, persian)
    edges = cut_edges(prepared, persian) or cut_at_kashidas
    # the pieces between kashidas of an extractor that keeps the ZWNJs (PyMuPDF) look like runs
    # moved in a line drawn in visual order, and are mended apart
    moved = (moved_runs_count and not (evidence or edges) and not (kashidas and not cut_at_kashidas)
             and moved_runs(prepared, persian, lm))
    if not (evidence or edges or moved) or _letters_reversed(prepared, persian, lm):
        # without pypdf's backward numbers or lines cut at a ZWNJ or a kashida, reorderings that read a little
        # better are no proof, and lines written letter by letter backwards (pdfminer.six) are not
        # pypdf's: the line-by-line diagnosis of the engine decides
        return DocumentOrder(None, tuple(None for _ in bodies))
    # runs moved in a line drawn in visual order: one of the visual dialects, if any
    readings = dialect_readings(prepared, persian, lm, segmented=not moved)
    if not (evidence or moved):
        # lines cut at a ZWNJ are only pypdf's when its segmented reading shows it clearly
        readings = {"segmented": readings["segmented"]}
    candidates = {name: reading.texts for name, reading in readings.items()}
    gains = {name: (reading.total, reading.changed, reading.better, reading.worse)
             for name, reading in readings.items()}
    name, (total, changed, better, worse) = max(gains.items(), key=lambda item: item[1][0])
    # with pypdf's reversed numbers the document is known to be pypdf's: only the dialect is open
    if changed == 0:
        return DocumentOrder(None, tuple(None for _ in bodies))
    if evidence or moved:
        # moved runs: a line whose numbers only move reads no better, but it must read no worse
        if total < EVIDENT_GAIN or (moved and (changed - worse < EDGE_SHARE * changed
                                               or total < MOVED_GAIN * changed)):
            return DocumentOrder(None, tuple(None for _ in bodies))
    elif total < EDGE_GAIN * len(persian) or better < EDGE_SHARE * changed:
        return DocumentOrder(None, tuple(None for _ in bodies))
    out: list[str | None] = []
    for i, body in enumerate(bodies):
        found = candidates[name][i]
        if found is None and name == "segmented" and i in persian:
            found = spaceless_heading(prepared[i], lm)
        text = reverse_persian_numbers(_CONTROLS.sub("", prepared[i]) if found is None else found,
                                       slashes=name == "segmented")
        out.append(None if text == body else text)
    return DocumentOrder(name, tuple(out))


#: The letters a detached mark sits on at a word's end: a hamza above on heh, a tanwin on alef.
_MARK_ENDS: Final = {"\u0654": ("\u0647", "\u06c1", "\u06d5"), "\u064b": ("\u0627",)}
_SPACE_RUNS: Final = re.compile(r"(\s+)")


def marks_to_word_ends(text: str) -> str:
    """``text`` with every word that starts with a hamza above or a tanwin (a mark LibreOffice
    drew apart, which pypdf wrote before its word when a font read spaces as ZWNJs) given the mark
    back at its end if it ends in the mark's letter, else at the end of the word before if that one
    does; no Persian word starts with a mark.

    >>> hamza = "\N{ARABIC HAMZA ABOVE}"
    >>> marks_to_word_ends(f"به {hamza}بهانه بازسازی") == f"به بهانه{hamza} بازسازی"
    True
    >>> marks_to_word_ends(f"کلیه {hamza}سهام این") == f"کلیه{hamza} سهام این"
    True
    """
    if "\u0654" not in text and "\u064b" not in text:
        return text
    parts = _SPACE_RUNS.split(text)
    for index in range(0, len(parts), 2):
        word = parts[index]
        ends = _MARK_ENDS.get(word[:1])
        if ends is None or len(word) < 2:
            continue
        if word.endswith(ends):
            parts[index] = word[1:] + word[0]
        elif index >= 2 and parts[index - 2].endswith(ends):
            parts[index - 2] += word[0]
            parts[index] = word[1:]
    return "".join(parts)


def spaceless_heading(line: str, lm: LanguageModel) -> str | None:
    """A line of a page pypdf read in the segmented dialect that holds ZWNJs and no space: a heading
    whose words pypdf wrote in visual order, a ZWNJ between each two, read with its words turned
    round (the ZWNJs inside words kept, see :func:`zwnj_as_space`), unless that reads worse by
    :data:`WORDS_LINE_GAIN` (pypdf writes no ZWNJ in the segmented dialect: the line is a heading
    drawn word by word, and a name the model knows nothing of reads about as well either way); else
    ``None``.

    >>> zwnj = "\N{ZERO WIDTH NON-JOINER}"
    >>> spaceless_heading(zwnj.join(["بین", "المللی", "فضایی", "ایستگاه"]), LanguageModel()) == (
    ...     "ایستگاه فضایی بین" + zwnj + "المللی")
    True
    >>> spaceless_heading("کتاب" + zwnj + "ها", LanguageModel()) is None
    True
    >>> spaceless_heading("زاکربرگ" + zwnj + "مارک", LanguageModel())
    'مارک زاکربرگ'

    """
    body = line.strip()
    if ZWNJ not in body or " " in body:
        return None
    reading = " ".join(reversed(zwnj_as_space(body, lm).split()))
    if reading == body or _plain(reading, lm) < _plain(body, lm) - WORDS_LINE_GAIN:
        return None
    return reading
