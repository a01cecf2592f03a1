"""Glyphs without a usable Unicode map: how many there are and how many kaghaz recovers.

    PYTHONPATH=src python bench/unmapped.py ../shared/real/pdf/x10_proceedings.pdf ../shared/real/pdf/x11*.pdf

Per document: glyphs pdfium read (characters it did not generate itself), glyphs with a map error,
how many kaghaz recovered (from the font program, from the words around them), how many are still
unmapped, and the share of Persian words that the shared lexicon knows, in kaghaz's text with and
without recovery: over all words, and over the words that recovery changed.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from kaghaz.layout.page import build_page
from kaghaz.lexicon import default_lexicon
from kaghaz.model import Page
from kaghaz.pdf import fonts
from kaghaz.pdf.reader import GENERATED, MAP_ERROR, RawPage, _number_fonts, opened, scan_textpage, with_font_addresses
from kaghaz.settings import Settings

_WORD = re.compile(r"[\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufeff\ufffd\u200c]+")


@dataclass
class Totals:
    """Counts for one document."""

    pages: int = 0
    glyphs: int = 0
    unmapped: int = 0
    recovered: int = 0
    from_context: int = 0
    words_before: Counter[str] = field(default_factory=Counter)
    words_after: Counter[str] = field(default_factory=Counter)


def _words(page: Page) -> Counter[str]:
    return Counter(w.strip("\u200c") for line in page.lines for w in _WORD.findall(line.orig) if len(w) > 1)


def measure(path: Path) -> Totals:
    """Read every page twice (as pdfium maps it, and with recovery) and count."""
    totals = Totals()
    settings = Settings()
    cache = fonts.FontCache()
    with opened(path) as document:
        for index in range(len(document)):
            page = document[index]
            width, height = page.get_size()
            textpage = page.get_textpage()
            chars = with_font_addresses(*scan_textpage(textpage))
            recovered, recovery = fonts.recover(chars, cache) if len(chars) else (chars, ())
            before, names_before = _number_fonts(chars, {})
            after, names_after = _number_fonts(recovered, {})
            textpage.close()
            page.close()
            real = before[:, GENERATED] != 1 if len(before) else np.zeros(0, dtype=bool)
            totals.pages += 1
            totals.glyphs += int(real.sum())
            totals.unmapped += int((before[real, MAP_ERROR] == 1).sum()) if len(before) else 0
            totals.recovered += sum(r.recovered for r in recovery)
            totals.from_context += sum(r.from_context for r in recovery)
            raw_before = RawPage(index + 1, float(width), float(height), before, names_before)
            raw_after = RawPage(index + 1, float(width), float(height), after, names_after, recovery)
            totals.words_before += _words(build_page(raw_before, settings))
            totals.words_after += _words(build_page(raw_after, settings))
    return totals


def _known(words: Counter[str]) -> str:
    lexicon = default_lexicon()
    total = sum(words.values())
    if not total:
        return "-"
    known = sum(n for w, n in words.items() if lexicon.knows(w))
    return f"{known / total:.1%} of {total}"


def report(path: Path, t: Totals) -> str:
    still = t.unmapped - t.recovered
    share = f"{t.recovered / t.unmapped:.1%}" if t.unmapped else "-"
    gone = t.words_before - t.words_after
    new = t.words_after - t.words_before
    return "\n".join([
        f"{path.name}: {t.pages} pages, {t.glyphs} glyphs",
        f"  unmapped by pdfium   {t.unmapped} ({t.unmapped / max(t.glyphs, 1):.3%} of glyphs)",
        f"  recovered            {t.recovered} ({share}; {t.from_context} of them from the words around them)",
        f"  still unmapped       {still} ({still / max(t.glyphs, 1):.3%} of glyphs)",
        f"  Persian words known  before {_known(t.words_before)}, after {_known(t.words_after)}",
        f"  words recovery changed: known before {_known(gone)}, after {_known(new)}",
    ])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pdf", nargs="+", type=Path, help="PDF files to measure")
    args = parser.parse_args(argv)
    for path in args.pdf:
        print(report(path, measure(path)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
