"""Lines that MuPDF wrote with their two halves swapped round a hyphen.

MuPDF (PyMuPDF, and its ``blocks`` and ``sort`` modes) cuts a right-to-left line at a hyphen
between two Persian words and writes the half after the hyphen first:
``پیکری مجموعه ... که به-بخشی از دستگاه حسی`` for ``بخشی از دستگاه حسی-پیکری مجموعه ... که به``.
The words round the hyphen as written are then the line's last and first words, which were never
neighbours, and the compound of the text (``حسی-پیکری``) stands at the line's two ends instead.

Nothing in one line tells this from a compound written so (the word-pair table knows too few
pairs), so a document is read so only when its hyphen lines show it together (hand-written: no
library knows MuPDF's habit): swapped round, the lines give the same compound again and again
where as written they give different pairs, or the pairs as written hold a function word (``به``,
``و``), which no compound holds. Clean text gives the opposite: its compounds repeat as written.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from kaghaz.repair.text import ARABIC_LETTER_CLASS as _LETTER

#: A hyphen between two Persian letters.
_HYPHEN: Final = re.compile(f"(?<=[{_LETTER}])-(?=[{_LETTER}])")
_WORD: Final = re.compile(f"[{_LETTER}\N{ZERO WIDTH NON-JOINER}]+")
#: Words that are never a half of a compound written with a hyphen.
FUNCTION_WORDS: Final = frozenset(("و", "به", "از", "در", "که", "را", "با", "بر", "تا", "یا", "اما", "برای",
                                   "این", "آن", "هم", "نه", "است"))
#: What the hyphen lines of a document must show together (see :func:`swap_evidence`).
MIN_EVIDENCE: Final = 2
#: The fewest lines with one hyphen that a document needs to be judged.
MIN_LINES: Final = 2


@dataclass(frozen=True, slots=True)
class HyphenLine:
    """A line body with one hyphen between Persian words: the words round it as written, the words
    round it with the halves swapped (the line's last and first words), and the swapped text."""

    written: tuple[str, str]
    swapped: tuple[str, str]
    text: str


def hyphen_line(body: str) -> HyphenLine | None:
    """``body`` read as a line with one hyphen between Persian words, or ``None``.

    >>> found = hyphen_line(" پیکری مجموعه که به-بخشی از دستگاه حسی ")
    >>> found.written, found.swapped
    (('به', 'بخشی'), ('حسی', 'پیکری'))
    >>> found.text
    ' بخشی از دستگاه حسی-پیکری مجموعه که به '
    >>> hyphen_line("دو-سه و چهار-پنج") is None, hyphen_line("سال ۱۳۹۰-۱۳۹۱") is None
    (True, True)
    """
    found = list(_HYPHEN.finditer(body))
    if len(found) != 1:
        return None
    start = len(body) - len(body.lstrip())
    end = len(body.rstrip())
    cut = found[0].start()
    left, right = body[start:cut], body[cut + 1:end]
    left_words, right_words = _WORD.findall(left), _WORD.findall(right)
    if not left_words or not right_words:
        return None
    swapped = (right_words[-1], left_words[0])
    return HyphenLine((left_words[-1], right_words[0]), swapped, f"{body[:start]}{right}-{left}{body[end:]}")


def _repeated(pairs: Counter[tuple[str, str]]) -> int:
    return sum(count for count in pairs.values() if count >= 2)


def _holds_function_word(pair: tuple[str, str]) -> bool:
    return pair[0] in FUNCTION_WORDS or pair[1] in FUNCTION_WORDS


def _with_function_word(pairs: Counter[tuple[str, str]]) -> int:
    return sum(count for pair, count in pairs.items() if _holds_function_word(pair))


def swap_evidence(lines: Sequence[HyphenLine]) -> int:
    """How much better the hyphen lines of a document pair their words swapped round than as
    written: the pairs repeated, and the pairs without a function word.

    >>> garbled = [hyphen_line(t) for t in ("پیکری-دستگاه حسی", "پیکری مجموعه که به-بخشی از دستگاه حسی",
    ...                                      "پیکری، نه فقط حس-و به همین دلیل دستگاه حسی")]
    >>> swap_evidence(garbled)
    5
    >>> clean = [hyphen_line(t) for t in ("دستگاه حسی-پیکری", "دستگاه حسی-پیکری مجموعه بزرگ است")]
    >>> swap_evidence(clean)
    -3
    """
    written = Counter(line.written for line in lines)
    swapped = Counter(line.swapped for line in lines)
    return (_repeated(swapped) - _repeated(written)) + (_with_function_word(written) - _with_function_word(swapped))


def swapped_hyphen_lines(bodies: Sequence[str]) -> dict[int, str]:
    """The lines (by index) to write with their halves swapped back, if the document shows MuPDF's
    habit (:func:`swap_evidence`); a line whose swapped pair would hold a function word that its
    written pair does not stays.

    >>> bodies = ["پیکری-دستگاه حسی", "پیکری مجموعه که به-بخشی از دستگاه حسی", "متن دیگر"]
    >>> swapped_hyphen_lines(bodies)
    {0: 'دستگاه حسی-پیکری', 1: 'بخشی از دستگاه حسی-پیکری مجموعه که به'}
    >>> swapped_hyphen_lines(["دستگاه حسی-پیکری", "مجموعه دستگاه حسی-پیکری است"])
    {}
    """
    found = {index: line for index, body in enumerate(bodies) if (line := hyphen_line(body)) is not None}
    if len(found) < MIN_LINES or swap_evidence(list(found.values())) < MIN_EVIDENCE:
        return {}
    return {index: line.text for index, line in found.items()
            if not _holds_function_word(line.swapped) or _holds_function_word(line.written)}
