"""pdf.js's text of LibreOffice PDFs: pypdf's pieces of a line, glued together.

pdf.js (Firefox's viewer, ``getTextContent``) joins the portions LibreOffice cuts a right-to-left
line into (at every ZWNJ, mark, guillemet, kashida and number) into text items and turns each item
round: the portions come out last first, each readable inside, as pypdf writes them
(:mod:`kaghaz.repair.pypdf_order`), but with no space between two portions. So the seams hide
inside tokens that join the end of one portion to the start of another: ``پژوهای`` (``پژو|های``),
``میلیفتمشترکی`` (``می|لیفت|مشترکی``), ``آگهیتجارت``; numbers and Latin words are glued to their
neighbours too, digits are in logical order and the lam-alef ligature comes out as ``ال``.

A seam joins two words that were not neighbours, so a glued token is mostly not a word of the
lexicon while its pieces are. This module finds such documents, cuts the seams with the lexicon,
puts the numbers back in pypdf's order (Persian digits backwards), turns the lam-alefs round and
hands the text, now in pypdf's segmented dialect, to :func:`~kaghaz.repair.pypdf_order.document_order`.
Nothing is changed unless pypdf's reading of the result is found.
"""

from __future__ import annotations

import re
from itertools import pairwise
from typing import Final

from kaghaz.chars import ZWNJ
from kaghaz.lexicon import ZWNJ_PREFIXES
from kaghaz.repair.fixes import four_digit_numbers, year_evidence
from kaghaz.repair.langmodel import LanguageModel
from kaghaz.repair.pypdf_order import document_order, reverse_persian_numbers
from kaghaz.repair.text import ARABIC_LETTER_CLASS
from kaghaz.repair.words import LAM_ALEF, LAM_ALEF_BACKWARDS, fix_lam_alef

_LETTERS: Final = ARABIC_LETTER_CLASS
_TOKEN: Final = re.compile(f"[{_LETTERS}]+")
#: Where a number or a Latin word touches a Persian letter, or a Persian letter follows punctuation.
_GLUED_EDGE: Final = re.compile(
    f"(?<=[{_LETTERS}])(?=[\u06f0-\u06f9A-Za-z])|(?<=[\u06f0-\u06f9A-Za-z])(?=[{_LETTERS}])"
    f"|(?<=[\u060c\u061b.:])(?=[{_LETTERS}])")
_SPACED_ZWNJ: Final = re.compile(f"(?<=[{_LETTERS}]) *\N{ZERO WIDTH NON-JOINER} *(?=[{_LETTERS}])")
#: Portions that start a logical word after a ZWNJ (they end the piece before a seam).
_SUFFIXES: Final = frozenset(("ها", "های", "هایی", "هایش", "هایشان", "هایم", "ترین", "تر", "ای", "اند", "است"))
#: Plural suffixes, longest first, cut off a word of the lexicon.
_PLURALS: Final = ("هایی", "های", "ها")
#: The prefixes cut off a word of the lexicon (``بی`` starts too many words: ``بیمار``).
_VERB_PREFIXES: Final = ("نمی", "می")
#: Line-opening tokens that only a portion after a ZWNJ starts with (pypdf's and pdf.js's lines).
_OPENERS: Final = frozenset(("ها", "های", "هایی"))
#: log10 probability under which a piece of two letters is no word of its own.
SHORT_WORD: Final = -3.5
#: log10 cost of a cut between two pieces, and the gain of one at a ZWNJ seam (``می|``, ``|های``).
CUT_COST: Final = -1.5
SEAM_GAIN: Final = 1.5
#: The shortest glued token looked at, and the most pieces one is cut into.
MIN_GLUED: Final = 4
MAX_PIECES: Final = 4
#: A document is pdf.js's when this many lines open with a suffix portion and this many tokens are
#: glued at a ZWNJ seam; fewer of both when this many years are written forwards (pypdf's are not).
MIN_OPENERS: Final = 2
MIN_SEAMS_UNDATED: Final = 8
MIN_OPENERS_DATED: Final = 1
MIN_SEAMS: Final = 4
MIN_YEARS: Final = 2


def cut_glued(token: str, lm: LanguageModel) -> tuple[str, ...]:
    """The pieces of ``token`` if it is an unknown word made of known ones glued at pdf.js's seams,
    else ``(token,)``. A piece of two letters is a common word or a ZWNJ portion.

    >>> lm = LanguageModel()
    >>> cut_glued("آگهیتجارت", lm), cut_glued("پژوهای", lm), cut_glued("کتاب", lm)
    (('آگهی', 'تجارت'), ('پژو', 'های'), ('کتاب',))
    """
    if len(token) < MIN_GLUED or lm.known(token):
        return (token,)
    best: dict[int, tuple[float, tuple[str, ...]]] = {0: (0.0, ())}
    for end in range(2, len(token) + 1):
        options = []
        for start in range(end - 1):
            if start not in best:
                continue
            piece = _known_piece(token[start:end], lm)
            if piece is None:
                continue
            score, pieces = best[start]
            if pieces:
                if pieces[-1] in ZWNJ_PREFIXES or piece in _SUFFIXES:
                    score += SEAM_GAIN
                elif _short(pieces[-1], lm) or _short(piece, lm):
                    continue
                else:
                    score += CUT_COST
            options.append((score + lm.word(piece), (*pieces, piece)))
        if options:
            best[end] = max(options)
    found = best.get(len(token))
    if found is None or not 1 < len(found[1]) <= MAX_PIECES or found[0] <= lm.word(token):
        return (token,)
    return found[1]


def _known_piece(piece: str, lm: LanguageModel) -> str | None:
    """``piece`` if the lexicon knows it, or turned round at its lam-alefs if it knows that
    (``کوکاکوال``), else ``None``.

    >>> lm = LanguageModel()
    >>> _known_piece("کوکاکوال", lm), _known_piece("کتاب", lm), _known_piece("کتبا", lm)
    ('کوکاکولا', 'کتاب', None)
    """
    if lm.known(piece):
        return piece
    if LAM_ALEF_BACKWARDS in piece:
        turned = piece.replace(LAM_ALEF_BACKWARDS, LAM_ALEF)
        if lm.known(turned):
            return turned
    return None


def _short(piece: str, lm: LanguageModel) -> bool:
    """True if ``piece`` is too short to stand on its own across a cut: two letters, not a common word.

    >>> lm = LanguageModel()
    >>> _short("در", lm), _short("ان", lm), _short("کتاب", lm)
    (False, True, False)
    """
    return len(piece) <= 2 and lm.word(piece) < SHORT_WORD


def cut_affix(token: str, lm: LanguageModel) -> tuple[str, ...]:
    """``token`` cut at pdf.js's seams: :func:`cut_glued` for an unknown word, and for a word of the
    lexicon after ``می`` or ``نمی`` where a verb follows, or before a plural suffix, since in pdf.js's
    text a word written with a ZWNJ never comes out whole. (An author who wrote ``کتابها`` without
    a ZWNJ loses one character at most; a seam left glued loses the order of the line.)

    >>> lm = LanguageModel()
    >>> cut_affix("میشوند", lm), cut_affix("میدان", lm), cut_affix("کتابهای", lm)
    (('می', 'شوند'), ('میدان',), ('کتاب', 'های'))
    """
    if len(token) < MIN_GLUED or not lm.known(token):
        return cut_glued(token, lm)
    for prefix in _VERB_PREFIXES:
        rest = token[len(prefix):]
        if not (token.startswith(prefix) and len(rest) > 2 and lm.known(rest) and lm.zwnj_right(rest)):
            continue
        # a verb after ``می`` (the pair is known, or the verb alone is commoner than the whole word)
        if lm.pair(prefix, rest) > 0 or lm.word(rest) > lm.word(token):
            return (prefix, rest)
    for suffix in _PLURALS:
        stem = token[:-len(suffix)]
        if token.endswith(suffix) and len(stem) > 1 and lm.known(stem) and lm.zwnj_left(stem):
            return (stem, suffix)
    return (token,)


def zwnj_seam(pieces: tuple[str, ...]) -> bool:
    """True if two neighbouring ``pieces`` meet where a ZWNJ was (``می|``, ``|های``).

    >>> zwnj_seam(("می", "لیفت")), zwnj_seam(("آگهی", "تجارت"))
    (True, False)
    """
    return any(a in ZWNJ_PREFIXES or b in _SUFFIXES for a, b in pairwise(pieces))


def unglued_line(line: str, lm: LanguageModel) -> str:
    """``line`` of pdf.js as pypdf writes it: seams cut, numbers and Latin words spaced off,
    Persian numbers backwards, lam-alefs turned round.

    >>> unglued_line("شود. خودرو پژوهای ایرانی شناخته میلیفتمشترکی از۲۰۰۳", LanguageModel())
    'شود. خودرو پژو های ایرانی شناخته می لیفت مشترکی از ۳۰۰۲'
    """
    line = fix_lam_alef(line, lm)
    line = _TOKEN.sub(lambda m: " ".join(cut_affix(m.group(), lm)), line)
    line = reverse_persian_numbers(line, slashes=True)  # backwards as pypdf writes them; its reading turns them again
    return _GLUED_EDGE.sub(" ", line)


def tidy_zwnj(line: str) -> str:
    """``line`` without the spaces left beside a ZWNJ between two letters once pypdf's pieces are
    joined (``می\N{ZERO WIDTH NON-JOINER} شود``).

    >>> tidy_zwnj("می\N{ZERO WIDTH NON-JOINER} شود و فیس \N{ZERO WIDTH NON-JOINER}بوک").replace(ZWNJ, "|")
    'می|شود و فیس|بوک'
    """
    return _SPACED_ZWNJ.sub(ZWNJ, line) if ZWNJ in line else line


def looks_glued(bodies: list[str], lm: LanguageModel) -> bool:
    """True if ``bodies`` read like pdf.js's lines of a LibreOffice PDF: lines that open with a
    suffix portion (``های ...``) and tokens glued at ZWNJ seams. Years written backwards are
    pypdf's (its seams are spaced); with years written forwards fewer seams are proof enough."""
    openers = sum(1 for body in bodies if body.split(" ", 1)[0] in _OPENERS)
    if openers < MIN_OPENERS_DATED:
        return False
    forward, backward = year_evidence(" ".join(sorted(four_digit_numbers(bodies))))
    if backward:
        return False
    dated = forward >= MIN_YEARS
    if not dated and openers < MIN_OPENERS:
        return False
    needed = MIN_SEAMS if dated else MIN_SEAMS_UNDATED
    seams = 0
    for body in bodies:
        for match in _TOKEN.finditer(body):
            if zwnj_seam(cut_glued(match.group(), lm)):
                seams += 1
                if seams >= needed:
                    return True
    return False


def pdfjs_as_pypdf(bodies: list[str], lm: LanguageModel) -> list[str] | None:
    """``bodies`` (line bodies of one window) rewritten as pypdf's segmented text if they are
    pdf.js's glued text of a LibreOffice PDF; ``None`` if they are not."""
    if not looks_glued(bodies, lm):
        return None
    unglued = [unglued_line(body, lm) for body in bodies]
    if document_order(unglued, lm).dialect != "segmented":
        return None
    return unglued
