"""Diagnosis: what damage each line shows, and what the document as a whole shows.

Every decision to change text starts here. A line is compared with the readings each kind of
damage would imply (letters reversed, pieces reversed, words reversed, single words reversed); a
reading replaces the line only when the language model prefers it by a clear margin, and the
margin asked for is lower where the rest of the document shows the same damage. Document-wide
traits (backwards lam-alef, mirrored brackets, lost ZWNJ) are counted once per document and gate
the word-level fixes, so clean text, which shows none of them, passes unchanged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from kaghaz.chars import ZWNJ
from kaghaz.repair.langmodel import LanguageModel
from kaghaz.repair.reverse import LTR_RUN, reverse_visual_line, spaced_runs, swap_ltr_runs
from kaghaz.repair.text import has_arabic, words
from kaghaz.repair.words import (
    ZWNJ_PREFIXES,
    bracket_pairs,
    count_misplaced_zwnj,
    count_shifted_gaps,
    lam_alef_candidates,
    split_zwnj,
)


class LineKind(StrEnum):
    """What a line looks like to the diagnosis."""

    CLEAN = "clean"
    LETTER_REVERSED = "letter-reversed"
    PIECE_REVERSED = "piece-reversed"
    WORD_REVERSED = "word-reversed"
    WORDS_FLIPPED = "words-flipped"
    MIXED = "mixed"
    BLANK = "blank"
    NOT_PERSIAN = "not-persian"


@dataclass(frozen=True, slots=True)
class LineDiagnosis:
    """The diagnosis of one line (0-based ``line`` in the text given to :func:`diagnose`).

    ``confidence`` is between 0 and 1: how far the language model prefers the reading of
    ``kind`` over the line as it stands (for a clean line: how far it prefers the line as it stands
    over the best damaged reading).
    """

    line: int
    kind: LineKind
    confidence: float
    text: str


@dataclass(frozen=True, slots=True)
class Profile:
    """What the document as a whole shows; each flag gates one family of fixes.

    ``letter_reversed`` and the other shares are fractions of the document's Persian lines whose
    diagnosis is that damage with good confidence. ``lam_alef_backwards``: words that are only
    words with ``لا`` for ``ال`` and no ``لا`` elsewhere. ``brackets_mirrored``: brackets and
    guillemets close before they open. ``zwnj_joined`` / ``zwnj_spaced``: the document has almost
    no ZWNJ while it holds many words that need one, written joined or with a space.
    ``zwnj_lost``: the words written joined that need a ZWNJ are at least a quarter as many as the
    words that hold one (with ``misplaced_zwnj``, a ZWNJ layer that lost some and moved others).
    ``habits``: how the document writes the verbal prefix (``می``) and the plural suffix (``ها``)
    where they lack a ZWNJ, ``"joined"``, ``"spaced"`` or ``None`` (:meth:`CompoundCount.habit`).
    """

    persian_lines: int = 0
    letter_reversed: float = 0.0
    lam_alef_backwards: bool = False
    brackets_mirrored: bool = False
    zwnj_joined: bool = False
    zwnj_spaced: bool = False
    shifted_gaps: bool = False
    misplaced_zwnj: bool = False
    zwnj_lost: bool = False
    habits: tuple[str | None, str | None] = (None, None)


_EMBEDDINGS = frozenset(
    "\N{LEFT-TO-RIGHT EMBEDDING}\N{RIGHT-TO-LEFT EMBEDDING}\N{POP DIRECTIONAL FORMATTING}"
    "\N{LEFT-TO-RIGHT OVERRIDE}\N{RIGHT-TO-LEFT OVERRIDE}\N{LEFT-TO-RIGHT ISOLATE}"
    "\N{RIGHT-TO-LEFT ISOLATE}\N{FIRST STRONG ISOLATE}\N{POP DIRECTIONAL ISOLATE}"
)


_ARABIC_SCRIPT = re.compile("[\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufefe]")


def controls_wrap_lines(lines: list[str]) -> bool:
    """True if the lines of a document are wrapped in direction embeddings (pdftotext's habit).

    At least three lines, and at least a third of the Persian ones, must start or end with an
    embedding, override or isolate control; a stray mark in clean text does not count.

    >>> rle, pdf = "\N{RIGHT-TO-LEFT EMBEDDING}", "\N{POP DIRECTIONAL FORMATTING}"
    >>> controls_wrap_lines([rle + "سلام" + pdf] * 3), controls_wrap_lines(["\N{RIGHT-TO-LEFT MARK}سلام"] * 3)
    (True, False)
    """
    wrapped = 0
    persian = 0
    for line in lines:
        stripped = line.strip("\f\r ")
        if not stripped or not _ARABIC_SCRIPT.search(stripped):
            continue
        persian += 1
        if stripped[0] in _EMBEDDINGS or stripped[-1] in _EMBEDDINGS:
            wrapped += 1
    return wrapped >= 3 and wrapped * 3 >= persian


@dataclass(frozen=True, slots=True)
class Diagnosis:
    """What :func:`kaghaz.repair.diagnose` found: a diagnosis per line, the document's profile and
    the kinds of order damage established in it."""

    lines: tuple[LineDiagnosis, ...]
    profile: Profile
    damage: tuple[str, ...]


def letter_reversal_gain(body: str, lm: LanguageModel) -> tuple[float, int]:
    """How much more probable ``body`` is read as a visual-order line, per Persian word.

    Returns ``(gain per word, number of words)``; clean lines give clearly negative gains.

    >>> lm = LanguageModel()
    >>> letter_reversal_gain("تسا وردوخ ناریا زا", lm)[0] > 1
    True
    >>> letter_reversal_gain("از ایران خودرو است", lm)[0] < -1
    True
    """
    gain, count, _ = letter_reversal(body, lm)
    return gain, count


def letter_reversal(body: str, lm: LanguageModel) -> tuple[float, int, str]:
    """:func:`letter_reversal_gain` and the reading it weighs, ``body`` in visual order read back
    (``""`` for a line without Persian words).

    >>> letter_reversal("تسا وردوخ", LanguageModel())[1:]
    (2, 'خودرو است')
    """
    as_is = words(body)
    if not as_is:
        return 0.0, 0, ""
    reading = reverse_visual_line(body)
    flipped = words(reading)
    return (lm.score(flipped) - lm.score(as_is)) / len(as_is), len(as_is), reading


#: A letter-reversed line weighs in on the order of its stretches from this gain per word.
_REVERSED_GAIN = 1.0
#: A line needs a space per so many characters for its runs' spacing to say how it was written.
_SPACED_LINE = 10


@dataclass(slots=True)
class Reversals:
    """The :func:`letter_reversal` of each line body, remembered (a window's lines are weighed
    whole before their readings are, and most are the same lines then).

    ``forward_stretches``: the document keeps the right-to-left stretches of its visual-order lines
    in logical order (MuPDF's plain text, see :func:`~kaghaz.repair.reverse.swap_ltr_runs`), so
    they are swapped before a line is read back.
    """

    forward_stretches: bool = False
    known: dict[str, tuple[float, int, str]] = field(default_factory=dict)
    swapped: dict[str, tuple[float, int, str]] = field(default_factory=dict)

    def reading(self, body: str, lm: LanguageModel) -> tuple[float, int, str]:
        """:func:`letter_reversal` of ``body``, as this document writes its lines.

        >>> reversals = Reversals(forward_stretches=True)
        >>> reversals.reading(" وژپ۴۰۵رد هک تسا ", LanguageModel())[2]
        'پژو ۴۰۵ است که در'
        """
        if self.forward_stretches:
            found = self.swapped.get(body)
            if found is None:
                turned = swap_ltr_runs(body)
                found = self.swapped[body] = self._plain(body, lm) if turned == body else letter_reversal(turned, lm)
            return found
        return self._plain(body, lm)

    def _plain(self, body: str, lm: LanguageModel) -> tuple[float, int, str]:
        found = self.known.get(body)
        if found is None:
            found = self.known[body] = letter_reversal(body, lm)
        return found


def stretches_read_forward(bodies: list[str], lm: LanguageModel, reversals: Reversals) -> bool:
    """True if the letter-reversed lines among ``bodies`` were written stretch by stretch (see
    :func:`~kaghaz.repair.reverse.swap_ltr_runs`). The spaces at the ends of a stretch turn round
    with it, so read back whole such a line shows its numbers and Latin words glued to letters,
    and read back stretch by stretch, between spaces. Decided when the second reading puts at
    least three runs between spaces, and half as many again as the first. Lines with few spaces
    (XeTeX's) do not count. ``reversals`` holds (and gets) the plain readings.

    >>> lm = LanguageModel()
    >>> stretches_read_forward([" وژپ۴۰۵رد هک تسا "] * 3, lm, Reversals())
    True
    >>> stretches_read_forward(["تسا هک ۴۰۵ وژپ"] * 3, lm, Reversals())
    False
    """
    whole = by_stretch = 0
    for body in bodies:
        if not LTR_RUN.search(body):
            continue
        gain, count, reading = reversals.reading(body, lm)
        if count < 3 or gain <= _REVERSED_GAIN or body.count(" ") * _SPACED_LINE < len(body):
            continue
        whole += spaced_runs(reading)
        by_stretch += spaced_runs(reverse_visual_line(swap_ltr_runs(body)))
    return by_stretch >= 3 and 2 * by_stretch >= 3 * whole


#: A kind of compound is written one way when that way is at least this many times as common as the
#: other, and seen at least :data:`HABIT_MIN` times.
HABIT_SHARE = 3
HABIT_MIN = 5


@dataclass(slots=True)
class CompoundCount:
    """How often a kind of compound (the verbal prefix, the plural suffix) is written without its
    ZWNJ, joined (``میشود``) and with a space (``می شود``)."""

    joined: int = 0
    spaced: int = 0

    def habit(self) -> str | None:
        """``"joined"`` or ``"spaced"`` if the document writes this kind of compound so (see
        :data:`HABIT_SHARE`), else ``None``.

        >>> CompoundCount(31, 2).habit(), CompoundCount(0, 44).habit(), CompoundCount(4, 3).habit()
        ('joined', 'spaced', None)
        """
        if self.joined >= HABIT_MIN and self.joined >= HABIT_SHARE * self.spaced:
            return "joined"
        if self.spaced >= HABIT_MIN and self.spaced >= HABIT_SHARE * self.joined:
            return "spaced"
        return None


def writes_some(habits: tuple[str | None, ...], way: str) -> bool:
    """True if the document writes some kind of its compounds ``way`` (``"joined"``, ``"spaced"``).

    An extractor that lost the ZWNJs of a text lost them all one way: dropped (``میشود``,
    ``کتابهای``) or turned into spaces (``می شود``, ``کتاب های``); only the writer's own spellings
    stay as they were, and a writer who uses ZWNJ seldom spaces or joins the verbal prefix. So a
    document that writes a kind of compound spaced did not lose its ZWNJs by dropping them, nor
    one that writes a kind joined by spacing them: a writer who uses no ZWNJ (``میشود`` but
    ``کتاب ها``, a common habit in Word documents) writes so.

    >>> writes_some(("joined", "spaced"), "spaced"), writes_some((None, "joined"), "spaced")
    (True, False)
    """
    return way in habits


def writes_all(habits: tuple[str | None, ...], way: str) -> bool:
    """True if the document writes every kind of its compounds ``way``: ZWNJs lost one way
    everywhere (or a writer's habit as uniform as that).

    >>> writes_all(("spaced", "spaced"), "spaced"), writes_all(("spaced", None), "spaced")
    (True, False)
    """
    return all(habit == way for habit in habits)


def word_traits(word: str, lm: LanguageModel) -> tuple[int, int, int, int, int]:
    """What one word adds to :func:`profile_words`' counts: whether it is a known word with a
    lam-alef, how many of its parts read as known words only with their lam-alef turned round,
    whether it lost a ZWNJ (:func:`split_zwnj` puts one back), and whether that ZWNJ follows a
    prefix or comes before a plural suffix.

    >>> lm = LanguageModel()
    >>> word_traits("میشود", lm), word_traits("کتابها", lm), word_traits("است", lm)
    ((0, 0, 1, 1, 0), (0, 0, 1, 0, 1), (0, 0, 0, 0, 0))
    """
    present = 1 if "لا" in word and lm.known(word) else 0
    evidence = sum(1 for part in word.split(ZWNJ)
                   if "ال" in part and not lm.known(part) and any(lm.known(c) for c in lam_alef_candidates(part)[1:]))
    joined = joined_prefix = joined_plural = 0
    if ZWNJ not in word:
        split = split_zwnj(word, lm)
        if split != word:
            joined = 1
            if split.split(ZWNJ, 1)[0] in ZWNJ_PREFIXES:
                joined_prefix = 1
            elif split.rsplit(ZWNJ, 1)[1].startswith("ها"):
                joined_plural = 1
    return present, evidence, joined, joined_prefix, joined_plural


def profile_words(lines: list[str], lm: LanguageModel, written_zwnj: int | None = None) -> Profile:
    """Count the document-wide traits of ``lines`` (already in logical order); ``written_zwnj``:
    how many ZWNJs the text held before fixes wrote some for other signs (at most so many count as
    the document's own when judging whether it lost them)."""
    persian = 0
    lam_alef_evidence = 0
    lam_alef_present = 0
    proper = mirrored = 0
    zwnj_count = 0
    joined_needing = 0
    spaced_needing = 0
    shifted = 0
    misplaced = 0
    with_zwnj = 0
    prefix, plural = CompoundCount(), CompoundCount()
    # a document uses the same words again and again: what each says is worked out once (it
    # depends on the lexicon alone, so the model keeps it)
    known_traits: dict[str, tuple[int, int, int, int, int]] = lm.cache("profile_words")
    for line in lines:
        if not has_arabic(line):
            continue
        persian += 1
        in_order, backwards = bracket_pairs(line)
        proper += in_order
        mirrored += backwards
        zwnj_count += line.count(ZWNJ)
        shifted += count_shifted_gaps(line, lm)
        misplaced += count_misplaced_zwnj(line, lm)
        line_words = words(line)
        with_zwnj += sum(1 for word in line_words if ZWNJ in word)
        for index, word in enumerate(line_words):
            traits = known_traits.get(word)
            if traits is None:
                traits = known_traits[word] = word_traits(word, lm)
            present, evidence, joined, joined_prefix, joined_plural = traits
            lam_alef_present += present
            lam_alef_evidence += evidence
            joined_needing += joined
            prefix.joined += joined_prefix
            plural.joined += joined_plural
            if (word in ZWNJ_PREFIXES and index + 1 < len(line_words)
                    and lm.known(word + ZWNJ + line_words[index + 1])):
                spaced_needing += 1
                prefix.spaced += 1
            if word in ("ها", "های") and index > 0:
                spaced_needing += 1
                plural.spaced += 1
    misplaced_zwnj = misplaced >= 3 and misplaced * 5 >= with_zwnj
    if written_zwnj is not None:
        zwnj_count = min(zwnj_count, written_zwnj)
    return Profile(
        persian_lines=persian,
        lam_alef_backwards=lam_alef_evidence >= 2 and lam_alef_present <= lam_alef_evidence // 2,
        brackets_mirrored=mirrored >= 2 and mirrored > proper,
        # an extractor that puts ZWNJs one letter off (PyMuPDF on Typst) loses others: the ZWNJs
        # left only show the writer used them
        zwnj_joined=joined_needing >= 3 and (zwnj_count <= joined_needing // 5
                                             or (misplaced_zwnj and with_zwnj <= 2 * joined_needing)),
        zwnj_spaced=spaced_needing >= 3 and zwnj_count <= spaced_needing // 5,
        shifted_gaps=shifted >= 3,
        misplaced_zwnj=misplaced_zwnj,
        zwnj_lost=joined_needing >= 3 and joined_needing * 4 >= with_zwnj,
        habits=(prefix.habit(), plural.habit()),
    )
