"""Clean Persian lines garbled the way pypdf garbles LibreOffice and MS Word PDFs: a development set.

pypdf writes the text-showing operations of a line in drawing order. LibreOffice and Word draw the
bidi level runs of a right-to-left line in logical order (numbers and Latin words are runs of their
own and stay in place) and each run in visual order, cut into portions wherever the text holds a
ZWNJ, a detached mark, a guillemet or (in justified text) a kashida. So between two numbers or Latin
runs the portions come out last first, each readable inside; the ZWNJ itself is lost and leaves a
plain space; pypdf writes Persian numbers backwards. (Measured by reproducing the shared set's files
with pypdf 7.1.1; see ``docs/repair.md``.)

Written by hand because no library does it. Only for measuring and fitting the repair of that
damage (``bench/pypdf_fit.py``): it reads the openly licensed ``../shared/corpora`` (never the
benchmark's ground truth) and ships nothing.

    PYTHONPATH=src python bench/pypdf_garble.py --width 115 --show 5
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from common import wrap_at_spaces  # noqa: E402
from kaghaz.repair.pypdf_words import level_split  # noqa: E402
from repair_corpus import CORPORA, training_lines  # noqa: E402

ZWNJ = "\N{ZERO WIDTH NON-JOINER}"
_DIGITS = "0-9\u06f0-\u06f9\u0660-\u0669"
PERSIAN_NUMBER = re.compile("[\u06f0-\u06f9\u0660-\u0669]+(?:[\u066b\u066c.,:/][\u06f0-\u06f9\u0660-\u0669]+)*")
MARKS = frozenset(chr(c) for c in range(0x064B, 0x0660)) | {"\u0670"}
ARABIC = re.compile("[\u0621-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff]")
JOINS_FORWARD = frozenset("بپتثجچحخسشصضطظعغفقکگلمنهیئـكيىہ")
#: Punctuation that goes with a guillemet into its portion.
_QUOTE_PUNCT = " .:\u060c\u061b!\u061f"


@dataclass(frozen=True, slots=True)
class Style:
    """How a producer draws a line: ``kashida``: how many kashida cuts a line gets at most
    (justified text), ``kashida_control``: what pypdf reads for one."""

    kashida: int = 0
    kashida_control: str = "\x04\x04"


@dataclass(frozen=True, slots=True)
class Portion:
    """A stretch that is drawn as one: ``kind`` is ``t`` (text), ``z`` (a ZWNJ's gap), ``m`` (a
    mark), ``q`` (a guillemet with its punctuation), ``k`` (a kashida)."""

    kind: str
    text: str


def kashida_points(segment: str) -> list[int]:
    """Positions inside words where justification may draw a kashida (after a letter that joins
    forward, before another letter)."""
    return [i for i in range(1, len(segment)) if segment[i - 1] in JOINS_FORWARD and ARABIC.match(segment[i])]


def one_per_word(segment: str, points: list[int]) -> list[int]:
    """Of ``points`` (in the order given), the first in each word: LibreOffice stretches one
    place of a word at most (a ZWNJ does not end the word).

    >>> one_per_word("کتاب\u200cها هم", [2, 6, 1, 9])
    [2, 9]
    """
    taken: set[int] = set()
    out = []
    for point in points:
        word = segment.count(" ", 0, point)
        if word not in taken:
            taken.add(word)
            out.append(point)
    return out


def portions(segment: str, kashidas: frozenset[int], style: Style) -> list[Portion]:
    """A right-to-left stretch cut where LibreOffice cuts it, in logical order."""
    out: list[Portion] = []
    current: list[str] = []

    def close() -> None:
        if current:
            out.append(Portion("t", "".join(current)))
            current.clear()

    index = 0
    n = len(segment)
    while index < n:
        char = segment[index]
        if index in kashidas:
            close()
            out.append(Portion("k", style.kashida_control))
        if char == ZWNJ:
            close()
            out.append(Portion("z", " "))
        elif char in MARKS:
            close()
            stop = index
            while stop < n and segment[stop] in MARKS:
                stop += 1
            out.append(Portion("m", segment[index:stop]))
            index = stop
            continue
        elif char == "\u00ab":
            # the punctuation and spaces before an opening guillemet go with it
            taken: list[str] = []
            while current and current[-1] in _QUOTE_PUNCT:
                taken.append(current.pop())
            close()
            out.append(Portion("q", "\u00ab" + "".join(taken)))
        elif char == "\u00bb":
            # ... and the punctuation before a closing one
            taken = []
            while current and current[-1] in _QUOTE_PUNCT.strip():
                taken.append(current.pop())
            close()
            out.append(Portion("q", "\u00bb" + "".join(taken)))
        else:
            current.append(char)
        index += 1
    close()
    return out


def garble_segment(segment: str, rng: random.Random, style: Style) -> tuple[str, list[int]]:
    """A right-to-left stretch as pypdf writes it (its portions last first), and the offsets of
    the spaces that stand for a ZWNJ."""
    if not ARABIC.search(segment):
        return segment, []
    kashidas: frozenset[int] = frozenset()
    if style.kashida:
        points = kashida_points(segment)
        rng.shuffle(points)
        points = one_per_word(segment, points)
        count = min(len(points), rng.randint(0, style.kashida))
        kashidas = frozenset(points[:count])
    out: list[str] = []
    seams: list[int] = []
    length = 0
    for portion in reversed(portions(segment, kashidas, style)):
        if portion.kind == "z":
            seams.append(length)
        out.append(portion.text)
        length += len(portion.text)
    return "".join(out), seams


@dataclass(frozen=True, slots=True)
class Garbled:
    """A line as pypdf writes it, and the offsets of its spaces that stand for a lost ZWNJ."""

    text: str
    seams: tuple[int, ...]


def garble(line: str, rng: random.Random, style: Style = Style()) -> Garbled:
    """One logical line as pypdf writes it from a LibreOffice or Word PDF.

    >>> garble("این خودرو فیس" + ZWNJ + "لیفت پژو ۴۰۵ است", random.Random(0))
    Garbled(text='لیفت پژو  این خودرو فیس۵۰۴ است', seams=(9,))
    """
    out: list[str] = []
    seams: list[int] = []
    length = 0
    for fixed, text in level_split(line):
        if fixed:
            text = PERSIAN_NUMBER.sub(lambda m: m.group()[::-1], text)
        else:
            text, found = garble_segment(text, rng, style)
            seams.extend(length + offset for offset in found)
        out.append(text)
        length += len(text)
    return Garbled("".join(out), tuple(seams))


def garble_line(line: str, rng: random.Random, style: Style = Style()) -> str:
    """:func:`garble` without the seams."""
    return garble(line, rng, style).text


def wrap(paragraph: str, width: int) -> list[str]:
    """A paragraph laid out in lines of at most ``width`` characters (greedy, as word processors
    break lines), cut at spaces only."""
    return wrap_at_spaces(paragraph, width)


def paragraphs(lines: list[str], rng: random.Random, sentences: tuple[int, int] = (3, 8)) -> Iterator[str]:
    """Paragraphs made of the corpus lines: long lines (Wikipedia) as they are, sentences (treebank,
    Common Voice) joined a few at a time."""
    buffer: list[str] = []
    goal = rng.randint(*sentences)
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if len(line) > 400:
            yield line
            continue
        buffer.append(line)
        if len(buffer) >= goal:
            yield " ".join(buffer)
            buffer, goal = [], rng.randint(*sentences)
    if buffer:
        yield " ".join(buffer)


@dataclass(frozen=True, slots=True)
class Document:
    """A synthetic document: its clean lines and the same lines garbled (paragraphs separated by
    an empty line in both)."""

    clean: tuple[str, ...]
    garbled: tuple[str, ...]
    seams: tuple[tuple[int, ...], ...]


def documents(lines: list[str], width: int, style: Style, seed: int = 0,
              per_document: int = 6) -> Iterator[Document]:
    """Synthetic documents of ``per_document`` paragraphs each, laid out ``width`` characters wide."""
    rng = random.Random(seed)
    clean: list[str] = []
    garbled: list[Garbled] = []
    count = 0
    for paragraph in paragraphs(lines, rng):
        if clean:
            clean.append("")
            garbled.append(Garbled("", ()))
        for line in wrap(paragraph, width):
            clean.append(line)
            garbled.append(garble(line, rng, style))
        count += 1
        if count == per_document:
            yield Document(tuple(clean), tuple(g.text for g in garbled), tuple(g.seams for g in garbled))
            clean, garbled, count = [], [], 0
    if clean:
        yield Document(tuple(clean), tuple(g.text for g in garbled), tuple(g.seams for g in garbled))


def split_training(corpora: Path = CORPORA) -> tuple[list[str], list[str]]:
    """The corpus lines that are not held out, in two halves (even and odd lines): fit the pair
    table on one and measure on the other, so that the measurement does not see its own pairs."""
    lines = list(training_lines(corpora))
    return lines[0::2], lines[1::2]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--width", type=int, default=115)
    parser.add_argument("--kashida", type=int, default=0)
    parser.add_argument("--show", type=int, default=3)
    args = parser.parse_args()
    _, measure = split_training()
    for number, doc in enumerate(documents(measure, args.width, Style(args.kashida))):
        if number >= args.show:
            break
        for clean, garbled in zip(doc.clean, doc.garbled, strict=True):
            print("C:", clean.replace(ZWNJ, "|"))
            print("G:", garbled)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
