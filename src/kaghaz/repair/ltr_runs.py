"""Lines whose stretches between numbers and Latin words come out last first (PDFBox, Tika).

PDFBox's ``ExtractText`` (and Apache Tika, which most search indexes run on top of it) reads the
text of a LibreOffice line in the order the PDF draws it and puts it in logical order stretch by
stretch, but on a line that holds a number or a Latin word it keeps the stretches in the order they
are drawn, left to right: the line comes out with its stretches last first, each readable inside
(``متوقف شد. نسخه۲۰۰۸ چاپ تورنتو بود. چاپ این ویرایش از دسامبر`` for ``چاپ این ویرایش از دسامبر
۲۰۰۸ متوقف شد. نسخه``), numbers glued to the words they stood after, and the brackets of the line
mirrored, as in a left-to-right line. Lines without a number or a Latin word are right.

Such a line is cut into its stretches at the edges of its numbers and Latin words, the stretches
are put the other way round and its brackets swapped. A document is read so only when that reading
beats the lines as they stand by :data:`MARGIN` on at least :data:`MIN_LINES` lines with a number
or Latin word inside them, stuck to a word, and on twice as many as it does not: in clean text and in the other
extractors' text the stretches stand in order already, and turning them round reads worse.
Typst pages come out of PDFBox the same way.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Final

from kaghaz.repair.langmodel import LanguageModel, pair_tokens
from kaghaz.repair.text import BRACKET_WEIGHT
from kaghaz.repair.words import bracket_pairs, swap_brackets

_LTR: Final = "0-9A-Za-z\u06f0-\u06f9\u0660-\u0669"
#: A run of numbers and Latin words (with the spaces and separators inside it), which a
#: left-to-right reading keeps in place.
_LTR_RUN: Final = re.compile(f"[{_LTR}](?:[{_LTR}.,:/\u066b\u066c\u2013 -]*[{_LTR}])?[%\u066a+#]*")
#: A Latin run (words with the spaces and numbers inside it) or a bracket: the runs of a line that
#: pdf.js gives as items of their own on WeasyPrint's pages (a font without brackets draws them
#: from another).
_ITEM_RUN: Final = re.compile("[A-Za-z](?:[A-Za-z0-9.,:/' -]*[A-Za-z0-9])?|[()\\[\\]]")
#: A number or Latin word stuck to a Persian word (or the sentence mark after one) on either side:
#: PDFBox leaves the space that stood there at the other end of the stretch (``نسخه۲۰۰۸ چاپ``).
_GLUED: Final = re.compile(
    f"[\u0621-\u064a\u067e-\u06cc.\u060c\u061b:][{_LTR}]|[{_LTR}][\u0621-\u064a\u067e-\u06cc]")
#: Brackets that close before they open around Persian words (``)میلادی(``).
_TURNED_BRACKETS: Final = re.compile(
    "[)\\]](?=[^()\\[\\]]*[\u0621-\u064a\u067e-\u06cc])[^()\\[\\]]*+[(\\[]")


@dataclass(frozen=True, slots=True)
class Cutting:
    """Where an extractor cut a line into the stretches it wrote last first: ``runs`` matches the
    runs it kept apart, ``split`` cuts at them; ``swap``: the brackets of the Persian stretches come
    out mirrored; ``shows``: what marks a line as cut so (besides reading better turned)."""

    runs: re.Pattern[str]
    split: re.Pattern[str]
    swap: bool
    shows: re.Pattern[str]


#: PDFBox: numbers and Latin words, brackets mirrored, runs stuck to the words beside them.
PDFBOX: Final = Cutting(_LTR_RUN, re.compile(f"({_LTR_RUN.pattern})"), True, _GLUED)
#: pdf.js on WeasyPrint pages: Latin words and brackets, brackets as drawn (closing first).
ITEMS: Final = Cutting(_ITEM_RUN, re.compile(f"({_ITEM_RUN.pattern})"), False, _TURNED_BRACKETS)
#: A stretch that ends so needs no space after it, one that starts so none before it.
_OPENS: Final = re.compile("[ ([«]$")
_CLOSES: Final = re.compile("[ )\\]»،؛؟.,:;!?]")
_SPACES: Final = re.compile(" {2,}")
_BRACKET: Final = re.compile("[()\\[\\]]")
_PERSIAN: Final = re.compile("[\u0621-\u064a\u067e-\u06cc]")
#: How much better (log10) the turned reading of a line must read to count.
MARGIN: Final = 1.0
#: The fewest lines that must read better turned for the document to be read so.
MIN_LINES: Final = 2
#: Lines read worse turned, none better, after which a document is taken not to show the order.
GIVE_UP: Final = 8


def stretches(line: str, cutting: Cutting = PDFBOX) -> list[str]:
    """``line`` cut at the edges of its numbers and Latin words (the cuts keep every character).

    >>> stretches("نسخه۲۰۰۸ چاپ Time Canadaچاپ")
    ['نسخه', '۲۰۰۸', ' چاپ ', 'Time Canada', 'چاپ']
    >>> stretches("پوشش میدهد. )میلادی( انجام", ITEMS)
    ['پوشش میدهد. ', ')', 'میلادی', '(', ' انجام']
    """
    return [part for part in cutting.split.split(line) if part]


def _turn(parts: Sequence[str], cutting: Cutting) -> str:
    """A line cut into ``parts`` (:func:`stretches`) with its stretches the other way round and its
    brackets swapped, spaced at the seams.

    >>> _turn(stretches(" در شهر نیویورک منتشر شد. هم اکنون۱۹۲۳ مارس ۳", PDFBOX), PDFBOX)
    '۳ مارس ۱۹۲۳ در شهر نیویورک منتشر شد. هم اکنون'
    >>> _turn(stretches(")میالدی( آمریکای التین را نیز پوشش می دهد و۲۰۰۳رویدادهای خاورمیانه و از ", PDFBOX), PDFBOX)
    'رویدادهای خاورمیانه و از ۲۰۰۳ (میالدی) آمریکای التین را نیز پوشش می دهد و'
    >>> _turn(stretches("آمریکای لاتین را نیز پوشش میدهد. )میلادی( انجام میشود. و از ۲۰۰۳", ITEMS), ITEMS)
    'انجام میشود. و از ۲۰۰۳ (میلادی) آمریکای لاتین را نیز پوشش میدهد.'
    """
    out: list[str] = []
    for part in reversed(parts):
        if cutting.swap and cutting.runs.fullmatch(part) is None:
            part = swap_brackets(part)
        if out and not _OPENS.search(out[-1]) and not _CLOSES.match(part):
            out.append(" ")
        out.append(part)
    return _SPACES.sub(" ", "".join(out)).strip()


def _run_inside(parts: Sequence[str], cutting: Cutting) -> bool:
    """True if a number or Latin word among a line's stretches ``parts`` stands between two Persian
    ones: only such a line shows the order of its stretches (a line that ends with a number may be
    one that a page or an extractor broke after it, ``... سکه را با دلار1500``).

    >>> _run_inside(stretches("نسخه۲۰۰۸ چاپ"), PDFBOX), _run_inside(stretches(" برابر با8:30"), PDFBOX)
    (True, False)
    """
    return any(cutting.runs.fullmatch(part) is not None and _PERSIAN.search(parts[index - 1])
               and _PERSIAN.search(parts[index + 1]) for index, part in enumerate(parts[1:-1], 1))


def seam_gain(parts: Sequence[str], lm: LanguageModel) -> float:
    """How much better (log10) the stretches ``parts`` read turned round: their words are the same
    either way, so only the pairs of words across the seams differ.

    >>> seam_gain(stretches(" متوقف شد. نسخه۲۰۰۸ چاپ تورنتو بود. از دسامبر "), LanguageModel()) > 0
    True
    """
    tokens = [found for found in map(pair_tokens, parts) if found]
    ahead = sum(lm.pair(left[-1], right[0]) for left, right in pairwise(tokens))
    turned = sum(lm.pair(left[-1], right[0]) for left, right in pairwise(reversed(tokens)))
    return turned - ahead


def _bracket_gain(line: str, turned: str) -> float:
    """What turning ``line`` into ``turned`` gains in bracket pairs around Persian put in order
    (:data:`~kaghaz.repair.text.BRACKET_WEIGHT` each), over swapping its brackets where they stand (which the words'
    pairs do not see either).

    >>> _bracket_gain("پوشش میدهد. )میلادی( انجام", "انجام (میلادی) پوشش میدهد.")
    0.0
    >>> _bracket_gain("(میلادی انجام) پوشش", "پوشش (میلادی انجام)")
    0.0
    """
    in_order, mirrored = bracket_pairs(line)
    after = bracket_pairs(turned)
    return BRACKET_WEIGHT * ((after[0] - after[1]) - abs(in_order - mirrored))


def turned_readings(lines: Sequence[str], lm: LanguageModel) -> dict[int, str] | None:
    """The lines (by index) that read better with their stretches turned round, if the document
    shows PDFBox's order (see the module docstring); ``None`` if it does not. Once it does, a line
    is turned unless it reads worse so by :data:`MARGIN`: in such a document every line that
    holds a number or a Latin word comes out so, and the seams alone may not tell.

    >>> lines = [" در شهر نیویورک منتشر شد. هم اکنون۱۹۲۳ مارس ۳",
    ...          " میلیون یورو۳۵ به باشگاه رئال مادرید پیوست. مبلغ انتقال قرارداد او از لیون به رئال ",
    ...          " نفر دستبرد بزنند، دستگیر شدند. سران قوا باید۳۶اعضای یک باند که به حساب "]
    >>> readings = turned_readings(lines, LanguageModel())
    >>> readings[0]
    '۳ مارس ۱۹۲۳ در شهر نیویورک منتشر شد. هم اکنون'
    >>> sorted(readings)
    [0, 1, 2]
    >>> turned_readings(["در سال ۲۰۰۸ متوقف شد.", "در سال ۱۹۲۳ منتشر شد."] * 3, LanguageModel()) is None
    True
    """
    best: tuple[float, dict[int, str]] | None = None
    for cutting in (PDFBOX, ITEMS):
        found = _readings(lines, lm, cutting)
        if found is not None and (best is None or found[0] > best[0]):
            best = found
    return None if best is None else best[1]


def _readings(lines: Sequence[str], lm: LanguageModel, cutting: Cutting) -> tuple[float, dict[int, str]] | None:
    """:func:`turned_readings` under one cutting, with the gain of the lines turned; ``None`` if the
    document does not show it."""
    if sum(1 for line in lines if cutting.shows.search(line)) < MIN_LINES:
        return None  # too few lines could count, whatever they read like
    better = worse = 0
    total = 0.0
    readings: dict[int, str] = {}
    for index, line in enumerate(lines):
        if cutting.runs.search(line) is None or not _PERSIAN.search(line):
            continue
        parts = stretches(line, cutting)
        if len(parts) < 2:
            continue
        gain = seam_gain(parts, lm)
        turned = None
        if _BRACKET.search(line):
            turned = _turn(parts, cutting)
            gain += _bracket_gain(line, turned)
        if gain > -MARGIN:
            readings[index] = turned or _turn(parts, cutting)
            total += gain
        if gain > MARGIN and _run_inside(parts, cutting) and cutting.shows.search(line):
            better += 1
        elif gain < -MARGIN:
            worse += 1
            if worse >= GIVE_UP and not better:
                return None
    return (total, readings) if better >= MIN_LINES and better >= 2 * worse else None
