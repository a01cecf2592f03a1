"""Word gaps written as ZWNJ.

Some PDFs map the space glyph of their font to U+200C (a subset font whose one empty glyph serves
both the space and the ZWNJ): pdfminer.six, pdfplumber and pypdf then write every word gap of the
document as a ZWNJ (``فرود|بر|زمین|وجود|ندارد``, ``|`` standing for the ZWNJ), and the few real
ZWNJs of the text can no longer be told from the gaps by their character. The gaps are made spaces
again; the real ZWNJs are then restored by the lost-ZWNJ fixes
(:func:`~kaghaz.repair.words.restore_spaced_zwnj`), exactly as in a text that lost them.

Clean Persian writes a ZWNJ inside about one word in ten and a space between every two words, so a
document whose ZWNJs between letters outnumber its spaces beside letters three to one cannot be
clean text (a clean list of plurals, ``کتاب|ها، خانه|ها، ...``, has a space after every comma).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from itertools import pairwise
from typing import Final

from kaghaz.chars import ZWNJ
from kaghaz.repair.langmodel import LanguageModel
from kaghaz.repair.text import LETTERS_RE, WORD_RE

_LETTER: Final = LETTERS_RE.pattern
#: A ZWNJ between two letters, and a space beside a letter (after a comma too: ``کتاب|ها، خانه|ها``).
_ZWNJ_GAP: Final = re.compile(f"(?<={_LETTER}){ZWNJ}(?={_LETTER})")
_SPACE_GAP: Final = re.compile(f"(?<={_LETTER}) | (?={_LETTER})")
_SPACED_ZWNJ: Final = re.compile(f"(?<=\\s){ZWNJ}+|{ZWNJ}+(?=\\s)")
_LONE_ZWNJ: Final = re.compile(f"{ZWNJ}+")
#: A word ending in a mark (``گونهٔ``, the ezafe) is written apart from the next on purpose.
_MARKS: Final = frozenset(chr(code) for code in (*range(0x064B, 0x0660), 0x0670))
#: How much more often (log10) the lexicon must write two words as one with a ZWNJ than the word-pair
#: table sees them side by side, for the space between them to be taken for a lost ZWNJ.
COMPOUND_RATIO: Final = 0.0
#: A document writes its gaps as ZWNJ when it has at least this many ZWNJs between letters ...
MIN_ZWNJ_GAPS: Final = 20
#: ... and this many times as many as spaces between letters.
ZWNJ_TO_SPACE: Final = 3


def zwnj_for_spaces(lines: Iterable[str]) -> bool:
    """True if the lines write their word gaps as ZWNJ (see the module docstring).

    >>> gaps = "فرود\N{ZERO WIDTH NON-JOINER}بر\N{ZERO WIDTH NON-JOINER}زمین\N{ZERO WIDTH NON-JOINER}وجود"
    >>> zwnj_for_spaces([gaps] * 7)
    True
    >>> zwnj_for_spaces(["می\N{ZERO WIDTH NON-JOINER}شود که در خانه\N{ZERO WIDTH NON-JOINER}ها بود"] * 30)
    False
    >>> zwnj_for_spaces(["کتاب\N{ZERO WIDTH NON-JOINER}ها، خانه\N{ZERO WIDTH NON-JOINER}ها،"] * 30)
    False
    """
    zwnj = spaces = 0
    for line in lines:
        if ZWNJ in line:
            zwnj += len(_ZWNJ_GAP.findall(line))
        spaces += len(_SPACE_GAP.findall(line))
    return zwnj >= MIN_ZWNJ_GAPS and zwnj >= ZWNJ_TO_SPACE * spaces


def space_zwnj_gaps(line: str) -> str:
    """Write every ZWNJ as a space, or drop it where a space already stands beside it (only for a
    document that :func:`zwnj_for_spaces`; after punctuation too: ``ندارد؛|در``).

    >>> space_zwnj_gaps("فرود\N{ZERO WIDTH NON-JOINER}بر\N{ZERO WIDTH NON-JOINER}زمین؛\N{ZERO WIDTH NON-JOINER}در")
    'فرود بر زمین؛ در'
    >>> space_zwnj_gaps("پارس \N{ZERO WIDTH NON-JOINER}یا")
    'پارس یا'
    """
    if ZWNJ not in line:
        return line
    return _LONE_ZWNJ.sub(" ", _SPACED_ZWNJ.sub("", line))


def join_spaced_compounds(line: str, lm: LanguageModel) -> str:
    """``line`` with a ZWNJ for each space between two words that the lexicon writes as one word with a
    ZWNJ (``بین|المللی``, ``بهره|برداری``) more often than the word-pair table sees them apart, for a
    document whose ZWNJs became spaces (the prefix and suffix cases are
    :func:`~kaghaz.repair.words.restore_spaced_zwnj`'s).

    >>> lm = LanguageModel()
    >>> join_spaced_compounds("فرودگاه بین المللی امام", lm).replace(ZWNJ, "|")
    'فرودگاه بین|المللی امام'
    >>> join_spaced_compounds("به عنوان نمونه", lm), join_spaced_compounds("باشگاهٔ های جهان", lm)
    ('به عنوان نمونه', 'باشگاهٔ های جهان')
    """
    if " " not in line:
        return line
    parts = line.split(" ")
    out = [parts[0]]
    for left, right in pairwise(parts):
        core = WORD_RE.match(right)
        if core is not None and _compound(left, core.group(), lm):
            out[-1] += ZWNJ + right
        else:
            out.append(right)
    return " ".join(out)


def _compound(left: str, right: str, lm: LanguageModel) -> bool:
    """True if the lexicon writes ``left`` and ``right`` as one word with a ZWNJ more often than the
    pair table sees them apart (the set lookups first: they settle most pairs)."""
    if not (left and lm.zwnj_left(left) and lm.zwnj_right(right)) or ZWNJ in left or left[-1] in _MARKS:
        return False
    joined = lm.frequency(left + ZWNJ + right)
    pairs = lm.bigrams
    return joined > 0 and math.log10(joined * pairs.total / (pairs.count(left, right) + 0.5)) > COMPOUND_RATIO


#: A no-break space between two letters: XeLaTeX's fonts map the ZWNJ glyph to U+00A0, and
#: pdfminer.six, PyMuPDF, pypdf, pypdfium2, PDFBox and Ghostscript write it so.
#: (Letters in presentation forms too: the check runs before they are folded.)
_ANY_LETTER: Final = f"(?:{_LETTER}|[\ufb50-\ufdff\ufe70-\ufefc])"
_NBSP_BETWEEN: Final = re.compile(f"(?<={_ANY_LETTER})" "\N{NO-BREAK SPACE}" f"(?={_ANY_LETTER})")
#: A document writes its ZWNJs as no-break spaces when it has no ZWNJ, at least this many no-break
#: spaces between letters ...
MIN_NBSP_ZWNJ: Final = 5
#: ... and nearly no other (this share of its no-break spaces at least stand between letters).
NBSP_BETWEEN_SHARE: Final = 0.9
#: ... in a text with word gaps (this many spaces for each no-break space): in a text that lost its
#: gaps (PyMuPDF on XeLaTeX) they are the only cuts between its words, for the gap cutter to keep.
NBSP_SPACES: Final = 2


def nbsp_for_zwnj(lines: Iterable[str]) -> bool:
    """True if the lines write their ZWNJs as no-break spaces: none of them holds a ZWNJ, and their
    no-break spaces stand between letters (a text that writes its word gaps as no-break spaces has
    them after punctuation and digits too; :func:`~kaghaz.repair.engine.nbsp_for_spaces` takes it
    first), in a text that has its word gaps.

    >>> nbsp_for_zwnj(["پلاستیک\N{NO-BREAK SPACE}ها را می\N{NO-BREAK SPACE}توان به شکل دیگر در آورد"] * 3)
    True
    >>> nbsp_for_zwnj(["پلاستیک\N{NO-BREAK SPACE}ها را می\N{ZERO WIDTH NON-JOINER}توان"] * 3)
    False
    >>> nbsp_for_zwnj(["پلاستیک\N{NO-BREAK SPACE}هارامی\N{NO-BREAK SPACE}توان"] * 3)
    False
    >>> nbsp_for_zwnj(["سال\N{NO-BREAK SPACE}۱۳۹۰،\N{NO-BREAK SPACE}ماه\N{NO-BREAK SPACE}مهر"] * 3)
    False
    """
    between = total = spaces = 0
    for line in lines:
        if ZWNJ in line:
            return False
        spaces += line.count(" ")
        if "\N{NO-BREAK SPACE}" in line:
            total += line.count("\N{NO-BREAK SPACE}")
            between += len(_NBSP_BETWEEN.findall(line))
    return between >= MIN_NBSP_ZWNJ and between >= NBSP_BETWEEN_SHARE * total and spaces >= NBSP_SPACES * total


def zwnj_for_nbsp(line: str) -> str:
    """``line`` with each no-break space between two letters written as the ZWNJ it stands for (only
    for a document that :func:`nbsp_for_zwnj`).

    >>> zwnj_for_nbsp("پلاستیک\N{NO-BREAK SPACE}ها").replace(ZWNJ, "|")
    'پلاستیک|ها'
    """
    return _NBSP_BETWEEN.sub(ZWNJ, line) if "\N{NO-BREAK SPACE}" in line else line
