"""pdf.js's text items on pages whose joined glyphs map to presentation forms (Chromium's PDFs).

pdf.js (Firefox's PDF viewer, and the tools built on ``pdfjs-dist``) gives a page's text as items,
one per glyph or per run of glyphs drawn together, and turns round each item it finds
right-to-left. On a Chromium PDF, whose joined glyphs map to presentation forms and the others to
plain letters, a right-to-left line comes out in visual order (left to right), except that a run of
plain letters drawn together was one item and comes out turned round: ``رسﺎپ`` for the visual
``سراپ`` (``پارس``). Which runs were one item the text does not say (two plain letters side by side
may have been two items), so each run of plain letters is read turned round or as it stands,
whichever reads better once the whole line is read back; it starts from all turned round and tries
each run the other way, one after the other. Written by hand: no library reads pdf.js's items.

A document is read so only when that reading beats its lines as they stand on at least three lines
and on as many as it does not (:func:`item_readings`); other extractors of the same PDFs
(pdfminer.six, pypdf) keep those runs as drawn and read worse for it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from kaghaz.chars import fold_presentation_forms
from kaghaz.repair.langmodel import LanguageModel
from kaghaz.repair.reverse import reverse_visual_line
from kaghaz.repair.text import words

_FORMS: Final = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")
_PLAIN: Final = "\u0621-\u065f\u066e-\u06d5\u06fa-\u06ff"
#: Plain letters drawn together: two or more, single spaces allowed between them.
_RUN: Final = re.compile(f"[{_PLAIN}](?: ?[{_PLAIN}])+")
#: How much better (log10) a line must read for a choice to count or to be taken.
MARGIN: Final = 1.0
_SWITCH: Final = 0.3
#: Lines read without one reading better after which a document is taken not to show pdf.js's items.
GIVE_UP: Final = 8


def plain_runs(line: str) -> list[tuple[int, int]]:
    """Where the runs of plain Arabic letters of ``line`` are, if it holds presentation forms.

    >>> plain_runs("رسﺎپ وژپ")
    [(0, 2), (3, 8)]
    >>> plain_runs("پارس")
    []
    """
    if not _FORMS.search(line):
        return []
    return [match.span() for match in _RUN.finditer(line)]


def turn_runs(line: str, runs: Sequence[tuple[int, int]], turned: Sequence[bool]) -> str:
    """``line`` with the runs marked in ``turned`` turned round.

    >>> turn_runs("رسﺎپ", [(0, 2)], [True])
    'سرﺎپ'
    """
    out: list[str] = []
    position = 0
    for (start, stop), turn in zip(runs, turned, strict=True):
        out += [line[position:start], line[start:stop][::-1] if turn else line[start:stop]]
        position = stop
    out.append(line[position:])
    return "".join(out)


def _read_back(line: str, lm: LanguageModel) -> float:
    return lm.score(words(reverse_visual_line(fold_presentation_forms(line))))


def turn_item_runs(line: str, lm: LanguageModel) -> str:
    """``line`` with each run of plain letters the way round that reads better (see module).

    >>> turn_item_runs("رسﺎپ وژپ ﺎﯾ ﺎﯿﺷﺮپ وژپ", LanguageModel())
    'سرﺎپ وژپ ﺎﯾ ﺎﯿﺷﺮپ وژپ'
    """
    runs = plain_runs(line)
    return _turned(line, runs, lm)[0] if runs else line


def _turned(line: str, runs: list[tuple[int, int]], lm: LanguageModel) -> tuple[str, float]:
    """:func:`turn_item_runs` of ``line`` whose runs are ``runs``, with how well it reads back."""
    turned = [True] * len(runs)
    best = _read_back(turn_runs(line, runs, turned), lm)
    for index in range(len(runs)):
        turned[index] = False
        score = _read_back(turn_runs(line, runs, turned), lm)
        if score > best + _SWITCH:
            best = score
        else:
            turned[index] = True
    return turn_runs(line, runs, turned), best


def _as_is(line: str, lm: LanguageModel) -> float:
    """How well ``line`` reads as it stands: in logical order, or in visual order read back."""
    return max(_read_back(line, lm), lm.score(words(fold_presentation_forms(line))))


def item_readings(lines: Sequence[str], lm: LanguageModel) -> dict[str, str] | None:
    """The lines holding runs of plain letters, read by :func:`turn_item_runs`, if the document shows
    pdf.js's items; ``None`` if it does not.

    It shows them when that reading beats the line as it stands (read in logical or in visual order)
    by :data:`MARGIN` on at least three lines and on as many as it does not. It stops looking once
    :data:`GIVE_UP` lines in a row came first without one reading better.

    >>> lm = LanguageModel()
    >>> item_readings(["رسﺎپ", "رسﺎپ ﻪﺑ", "رسﺎپ زا"], lm)["رسﺎپ ﻪﺑ"]
    'سرﺎپ ﻪﺑ'
    >>> item_readings(["سرﺎپ", "سرﺎپ ﻪﺑ", "سرﺎپ زا"], lm) is None
    True
    """
    better = worse = 0
    readings: dict[str, str] = {}
    for line in lines:
        runs = plain_runs(line) if line not in readings else None
        if not runs:
            continue
        readings[line], score = _turned(line, runs, lm)
        if score - _as_is(line, lm) > MARGIN:
            better += 1
        else:
            worse += 1
            if worse >= GIVE_UP and not better:
                return None
    return readings if better >= 3 and better >= worse else None
