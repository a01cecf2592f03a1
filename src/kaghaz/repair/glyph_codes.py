"""Glyphs written under codes of another script (Ghostscript's ``txtwrite``).

A font subset without a usable map from glyphs to Unicode leaves some extractors to guess: Ghostscript
writes such a glyph under a code derived from its number, a character of another script that stands
inside Persian words wherever the glyph was drawn (``بل䐧قنا`` for ``انقلاب``, the lam-alef ligature as
``䐧``; ``ه䝔`` for the heh with a hamza above). Within one document one such character stands for one
glyph, so it is read as the Persian letter (or lam-alef, or mark, or nothing) that makes most of the
words it stands in words of the lexicon, read as they stand or backwards (the lines may still be in
visual order). A character is only read so when it stands inside Persian words often enough and one
reading makes most of those words known; a code that stands for several glyphs at once (Ghostscript
writes every glyph numbered past 255 as ``ÿ``) makes none of them known, and stays.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Final

from kaghaz.repair.fixes import fold_presentation
from kaghaz.repair.langmodel import LanguageModel
from kaghaz.repair.words import LAM_ALEF, LAM_ALEF_BACKWARDS

_ARABIC: Final = "\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff"
#: A character of another script (Latin letters past ASCII, CJK, Indic, symbols) standing beside an
#: Arabic letter.
_FOREIGN: Final = "\u00c0-\u024f\u0370-\u05ff\u0900-\u1fff\u2100-\u2bff\u3000-\ud7ff\ue000-\uf8ff"
_CODE_TOKEN: Final = re.compile(f"[{_ARABIC}{_FOREIGN}\u200c]*[{_FOREIGN}][{_ARABIC}{_FOREIGN}\u200c]*")
_ANY_FOREIGN: Final = re.compile(f"[{_FOREIGN}]")
_IN_WORD: Final = re.compile(f"[{_ARABIC}]")
#: What one glyph can stand for.
CANDIDATES: Final = (*"اآبپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیئؤء", "لا", "\u0654", "")
#: A character is read when it stands inside at least this many Persian words ...
MIN_WORDS: Final = 5
#: ... and one reading makes at least this share of them known, and this share more than the next best.
KNOWN_SHARE: Final = 0.5
LEAD: Final = 0.2
#: The most characters read in one document, and the most different words each is read by.
MAX_CHARS: Final = 6
MAX_TOKENS: Final = 12


def code_tokens(lines: Iterable[str]) -> Counter[str]:
    """The tokens of ``lines`` that mix Arabic letters and characters of another script, counted.

    >>> code_tokens(["انق䐧ب در انق䐧ب", "Time"])
    Counter({'انق䐧ب': 2})
    """
    found: Counter[str] = Counter()
    for line in lines:
        for match in _CODE_TOKEN.finditer(line):
            if _IN_WORD.search(match.group()):
                found[match.group()] += 1
    return found


def _known(token: str, lm: LanguageModel) -> bool:
    """True if ``token`` is a word of the lexicon as it stands or backwards, its lam-alefs either
    way round (``انقالب``)."""
    plain = fold_presentation(token)
    readings = (plain, plain[::-1])
    return any(lm.known(reading) or (LAM_ALEF_BACKWARDS in reading
                                     and lm.known(reading.replace(LAM_ALEF_BACKWARDS, LAM_ALEF)))
               for reading in readings)


def read_codes(lines: Sequence[str], lm: LanguageModel) -> dict[str, str]:
    """The characters of another script that stand for Persian glyphs in ``lines``, with what each
    stands for (see the module docstring); empty if there are none.

    >>> read_codes(["انق䐧ب و انق䐧بی و ف䐧ن و ک䐧س و گ䐧ب"], LanguageModel())
    {'䐧': 'لا'}
    >>> read_codes(["Ωمت و Ωند"], LanguageModel())
    {}
    """
    if not any(_ANY_FOREIGN.search(line) for line in lines):
        return {}
    tokens = code_tokens(lines)
    if not tokens:
        return {}
    chars: Counter[str] = Counter()
    for token, count in tokens.items():
        for char in set(_ANY_FOREIGN.findall(token)):
            chars[char] += count
    readings: dict[str, str] = {}
    commonest = tokens.most_common()
    for char, _ in chars.most_common(MAX_CHARS):
        # the commonest words it stands in tell (and cost no more than these)
        holding = [(token, n) for token, n in commonest if char in token][:MAX_TOKENS]
        count = sum(n for _, n in holding)
        if count < MIN_WORDS:
            break
        scores = sorted(((sum(n for token, n in holding if _known(_apply(token, {**readings, char: glyph}), lm)), glyph)
                         for glyph in CANDIDATES), reverse=True)
        (best, glyph), (second, _) = scores[0], scores[1]
        if best >= KNOWN_SHARE * count and best - second >= LEAD * count:
            readings[char] = glyph
    return readings


def _apply(text: str, readings: dict[str, str]) -> str:
    for char, glyph in readings.items():
        text = text.replace(char, glyph)
    return text


def write_codes(line: str, readings: dict[str, str]) -> str:
    """``line`` with each character of :func:`read_codes` written as what it stands for.

    >>> write_codes("انق䐧ب", {"䐧": "لا"})
    'انقلاب'
    """
    return _apply(line, readings) if any(char in line for char in readings) else line
