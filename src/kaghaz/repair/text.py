"""Character classes and tokenization shared by the repair fixes.

A *word* here is a maximal run of Arabic-script letters, their combining marks, tatweel and ZWNJ; a
*number* is a run of digits of any system with the separators that sit between digits (``۵٫۸``,
``1,000``); everything else (spaces, punctuation, Latin) is kept as it is. Lines are the unit of
repair: the text is split on ``\\n`` only, and a line keeps a leading form feed (page break) and a
trailing carriage return as an untouched frame around its body.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Final, TypeVar

from kaghaz.chars import (
    ARABIC_INDIC_DIGITS,
    PERSIAN_DIGITS,
    TATWEEL,
    ZWNJ,
    is_arabic_letter,
    is_mark,
)

#: Arabic-script letters, marks, tatweel and ZWNJ: what a Persian word is made of.
_LETTER_CLASS: Final = (
    "\u0621-\u063a\u0641-\u064a\u066e\u066f\u0671-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06fc\u06ff"
    "\u0750-\u077f"
)
#: Arabic-script letters alone (no tatweel, mark, digit or ZWNJ), as a character class's text: what the
#: searches over pieces and seams take for the letters at a word's edge.
ARABIC_LETTER_CLASS: Final = "\u0621-\u063a\u0641-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff"
_MARK_CLASS: Final = "\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed"
WORD_RE: Final = re.compile(f"[{_LETTER_CLASS}{_MARK_CLASS}{TATWEEL}{ZWNJ}]+")
LETTERS_RE: Final = re.compile(f"[{_LETTER_CLASS}]")
DIGIT_CLASS: Final = f"0-9{PERSIAN_DIGITS}{ARABIC_INDIC_DIGITS}"
NUMBER_RE: Final = re.compile(f"[{DIGIT_CLASS}]+(?:[.,/\u066b\u066c:][{DIGIT_CLASS}]+)*")
LATIN_RE: Final = re.compile(r"[A-Za-z\u00c0-\u024f]")
#: Latin letters only (not the signs × and ÷ that Latin-1 sets among them), as a class's text.
LATIN_LETTER_CLASS: Final = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"
LATIN_LETTER_RE: Final = re.compile(f"[{LATIN_LETTER_CLASS}]")
SPACE_RUN_RE: Final = re.compile(r"[ \t\u00a0]+")
#: A web address or an e-mail address, as a regular expression's text: one left-to-right unit that
#: is never cut at its slashes, colons and dots (its last character is not a closing punctuation).
ADDRESS_PATTERN: Final = (
    "(?:[A-Za-z][A-Za-z0-9+.-]*://|www\\.)[!-~]*[A-Za-z0-9/#=_~-]"
    "|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}"
)

#: Sentence-final punctuation.
SENTENCE_END: Final = frozenset(".!?\N{ARABIC QUESTION MARK}")
#: Punctuation that closes a clause and is written right after the word before it.
CLOSING_PUNCT: Final = frozenset(".!?:;,\N{ARABIC QUESTION MARK}\N{ARABIC COMMA}\N{ARABIC SEMICOLON}")


@dataclass(frozen=True, slots=True)
class Framed:
    """A line split into an untouched frame (leading form feeds, trailing CR) and its body."""

    head: str
    body: str
    tail: str

    def join(self, body: str) -> str:
        """The line with ``body`` in place of the old body.

        >>> frame("\\fabc\\r").join("x")
        '\\x0cx\\r'
        """
        return self.head + body + self.tail


def frame(line: str) -> Framed:
    """Split ``line`` into leading form feeds, body, trailing carriage returns.

    >>> frame("\\f سلام\\r")
    Framed(head='\\x0c', body=' سلام', tail='\\r')
    """
    if not line.startswith("\f") and not line.endswith("\r"):
        return Framed("", line, "")
    start = 0
    while start < len(line) and line[start] == "\f":
        start += 1
    end = len(line)
    while end > start and line[end - 1] == "\r":
        end -= 1
    return Framed(line[:start], line[start:end], line[end:])


def line_body(line: str) -> str:
    """The body of ``line``: ``frame(line).body``, without building the frame.

    >>> line_body("\\f سلام\\r"), line_body("سلام")
    (' سلام', 'سلام')
    """
    if not line.startswith("\f") and not line.endswith("\r"):
        return line
    return frame(line).body


def is_digit(char: str) -> bool:
    """True for a decimal digit of any system (ASCII, Persian, Arabic-Indic).

    >>> is_digit("۴"), is_digit("4"), is_digit("ب")
    (True, True, False)
    """
    return unicodedata.category(char) == "Nd"


def is_word_char(char: str) -> bool:
    """True for a character that can be part of a Persian word (letter, mark, tatweel, ZWNJ).

    >>> is_word_char("ب"), is_word_char("\N{ARABIC FATHA}"), is_word_char(" ")
    (True, True, False)
    """
    return is_arabic_letter(char) or is_mark(char) or char in (TATWEEL, ZWNJ)


def has_arabic(text: str) -> bool:
    """True if ``text`` holds at least one Arabic-script letter.

    >>> has_arabic("abc ۱۲"), has_arabic("و")
    (False, True)
    """
    return LETTERS_RE.search(text) is not None


#: How many texts the caches of the pure functions of a line remember (:func:`line_cache`): the
#: fixes weigh the same lines and readings again and again within a window. They are emptied after
#: every window (:func:`forget_lines`), so memory stays flat on long documents (they add about
#: 24 MB to the peak of a run over the garbled set repeated to 6 MB).
LINE_CACHE: Final = 4096

_T = TypeVar("_T")
_LINE_CACHES: list[Any] = []


def line_cache(func: Callable[[str], _T]) -> Callable[[str], _T]:
    """``func``, a pure function of one text, remembered for :data:`LINE_CACHE` texts until
    :func:`forget_lines`."""
    cached = lru_cache(maxsize=LINE_CACHE)(func)
    _LINE_CACHES.append(cached)
    return cached


def forget_lines() -> None:
    """Empty the caches of :func:`line_cache` (the repair of a window is done)."""
    for cached in _LINE_CACHES:
        cached.cache_clear()


def words(text: str) -> list[str]:
    """The Persian words of ``text``, in order, as written (a new list each time).

    >>> words("این خودرو (پژو ۴۰۵) است.")
    ['این', 'خودرو', 'پژو', 'است']
    """
    return list(_words(text))


@line_cache
def _words(text: str) -> tuple[str, ...]:
    """:func:`words` as a tuple, remembered."""
    return tuple(WORD_RE.findall(text))


@lru_cache(maxsize=4096)
def letter_count(word: str) -> int:
    """Number of Arabic-script letters in ``word`` (marks, tatweel and ZWNJ do not count).

    >>> letter_count("یافتهٔ")
    5
    """
    return sum(1 for c in word if is_arabic_letter(c))


_CLOSER_CLASS: Final = ".!?:;,\N{ARABIC COMMA}\N{ARABIC SEMICOLON}\N{ARABIC QUESTION MARK}"
#: A clause-closing mark stuck to the start of the word after it (``.میدهد``, ``،اقتصاد``).
_CLOSER_BEFORE_WORD: Final = re.compile(f"(?:^|\\s)[{_CLOSER_CLASS}]+[{_LETTER_CLASS}]")
#: A clause-closing mark after a space, or at the start of a line.
_CLOSER_AFTER_SPACE: Final = re.compile(f"(?:^|\\s)[{_CLOSER_CLASS}](?:\\s|$)")
#: Any clause-closing mark (a text without one has no anomaly :func:`shape_penalty` counts).
_CLOSER: Final = re.compile(f"[{_CLOSER_CLASS}]")
#: Shape penalty per anomaly, in log10 units.
SHAPE_WEIGHT: Final = 2.0
#: Weight of one pair of brackets around Persian in the right order (:func:`bracket_order`), in
#: log10 units, wherever a reading is weighed against another.
BRACKET_WEIGHT: Final = 1.5


_PAIRS: Final = {")": "(", "]": "[", "\N{RIGHT-POINTING DOUBLE ANGLE QUOTATION MARK}":
                 "\N{LEFT-POINTING DOUBLE ANGLE QUOTATION MARK}"}
_OPENERS: Final = frozenset(_PAIRS.values())
#: Every bracket :func:`bracket_order` weighs (the rest of a line it skips).
_BRACKET_RE: Final = re.compile("[" + re.escape("".join(_PAIRS) + "".join(_PAIRS.values())) + "]")


def bracket_order(text: str) -> int:
    """Pairs of brackets that open before they close, minus brackets that close before opening.

    >>> bracket_order("(میلادی) و «پ»"), bracket_order(")میلادی(")
    (2, -1)
    """
    stack: list[str] = []
    good = bad = 0
    for char in _BRACKET_RE.findall(text):
        if char in _OPENERS:
            stack.append(char)
        elif char in _PAIRS:
            if stack and stack[-1] == _PAIRS[char]:
                stack.pop()
                good += 1
            else:
                bad += 1
    return good - bad


@line_cache
def shape_penalty(text: str) -> float:
    """How badly punctuation sits in ``text``: a negative score, 0 for well-formed text.

    Persian writes ``.``, ``،``, ``:`` right after the word that ends the clause and a space after
    them; a reading that puts them before a word (``.میدهد``) or alone between spaces is wrong.

    >>> shape_penalty("این کار را کرد. بعد"), shape_penalty("این کار را .کرد بعد")
    (0.0, -2.0)
    """
    if _CLOSER.search(text) is None:
        return 0.0
    count = len(_CLOSER_BEFORE_WORD.findall(text)) + len(_CLOSER_AFTER_SPACE.findall(text))
    return -SHAPE_WEIGHT * count if count else 0.0
