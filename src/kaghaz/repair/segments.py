"""Visual lines that an extractor cut into segments.

pdfminer.six and pdfplumber write a right-to-left line in visual order, and pdfminer.six also cuts
such a line wherever a number or a Latin word interrupts the Persian, writing the segments from left
to right with a blank line after each: ``رد هک تسا `` / ``۴۰۵`` / `` وژپ ) ٔهتفای ...``. Read left
to right, the segments of one visual line are the visual line itself, so they are joined before the
line is turned round.

Two neighbouring segments (one blank line between them: lines with none between are lines of one
text box, each a visual line of its own) belong to the same visual line when a space sits at the cut (the
segment on the left ends with one or the one on the right starts with one, unless most lines do:
a producer that keeps the space at a line's wrap writes it at the left end of the visual line), or when one of them
holds no Persian letter (a number, a Latin word, a bracket) and the two together are no longer
than the document's full lines. A number glued to the end of a full visual line (no space at the
cut) goes with the segments after it instead when the one after it starts with a space and the
line no longer fits: it starts the next visual line (``رجنم`` / ``۳`` / `` تدم هب``: the ``۳``
of ``به مدت ۳``); after a page's or the text's last line it is the page number, and stays alone.
A segment that ends with a mark standing alone (pdfminer.six writes the fathatan of ``اصلاً``
apart from its alef) joins the next one as if a space sat at the cut. A list bullet standing alone
(pdfminer.six writes it after the first line of its item) ends the line before it, at its right:
the item's start. A ZWNJ at a cut counts as a
space (some fonts write every word gap as one).

Latin lines of their own are no segments: a line of Latin letters (and no Persian one) standing in
a box with another such line is a line of a block of code or Latin text, and joins nothing; a run
of Latin lines alone is not a Persian visual line, and stays as written (mutool writes a Word
document's Python code between its Persian headings, each line standing alone between blank
lines like pdfminer.six's segments).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from kaghaz.repair.text import LATIN_LETTER_RE, frame, has_arabic, line_body

#: A number standing alone (digits and their separators).
_NUMBER: Final = re.compile(r"[\d/.,\u066b\u066c]+")
#: Signs written against a number (``٪۸۰``, the ``۸۰٪`` of a visual line): a number after one is
#: not glued to the line before it.
_NUMBER_SIGNS: Final = ("%", "\N{ARABIC PERCENT SIGN}", "\N{PER MILLE SIGN}")
#: What a word gap is written with (some fonts map their space glyph to a ZWNJ).
_GAPS: Final = (" ", "\N{ZERO WIDTH NON-JOINER}")
#: A segment that ends with a mark standing alone was cut inside a word: pdfminer.six writes the
#: fathatan of ``اصلاً`` apart from its alef (``اب هسیاقم لباق ً`` / ``الصا ،تیفیک``).
_LOOSE_MARK: Final = re.compile("\\s[\u064b-\u065f\u0670]$")
#: A segment that is nothing but a list bullet.
_BULLET: Final = re.compile("\\s*[\u2022\u2023\u2043\u2219\u25a0\u25aa\u25cb\u25cf\u25e6]\\s*")
#: Joined segments may be this much longer than the document's typical full line.
LENGTH_SLACK = 1.12


@dataclass(frozen=True, slots=True)
class Group:
    """Lines ``first`` to ``last`` (inclusive, blank lines between them included) form one visual line."""

    first: int
    last: int


def _typical_length(bodies: list[str]) -> int:
    lengths = sorted(len(b) for b in bodies if has_arabic(b))
    if not lengths:
        return 0
    return lengths[int(0.9 * (len(lengths) - 1))]


def _spaced_after(bodies: list[str], number: int, body: str) -> bool:
    """True if the segment after the number at ``number`` (``body`` when none in between) starts
    with a space: the number stands at the edge of a visual line, not glued to letters on both
    sides.

    >>> _spaced_after(["رجنم", "۳", "", " تدم"], 1, " تدم"), _spaced_after(["یرجه", "۳", "لا"], 1, " ۲")
    (True, False)
    """
    following = next((text for text in bodies[number + 1:] if text.strip()), body)
    return following.startswith(_GAPS)


def _latin_lines(bodies: list[str]) -> list[bool]:
    """For each line, True if it holds a Latin letter and no Persian one."""
    return [bool(LATIN_LETTER_RE.search(body)) and not has_arabic(body) for body in bodies]


def _latin_boxed(latin: list[bool]) -> list[bool]:
    """For each line, True if it is a Latin line (``latin``, see :func:`_latin_lines`) with another
    Latin line directly above or below it (no blank line between): a line of a block of code or
    Latin text, not a segment cut from a Persian visual line.

    >>> _latin_boxed(_latin_lines(["df = f()", "df.head()", "", "len(df)", "", "رد هک", "words.txt"]))
    [True, True, False, False, False, False, False]
    """
    return [here and ((index > 0 and latin[index - 1]) or (index + 1 < len(latin) and latin[index + 1]))
            for index, here in enumerate(latin)]


def visual_groups(lines: list[str]) -> list[Group]:
    """The runs of segments in ``lines`` that make up one visual line each (only runs of two or more).

    >>> full = "دوب ایشرپ وژپ ای سراپ وژپ"
    >>> lines = ["رد هک تسا ", "", "۴۰۵", "", " وژپ", "", full, "", full, ""]
    >>> [(g.first, g.last) for g in visual_groups(lines)]
    [(0, 4)]
    >>> lines = [full, "", "۳", "", " سراپ وژپ دوب ایشرپ وژپ ای", "", full, "", "۲", ""]
    >>> [(g.first, g.last) for g in visual_groups(lines)]
    [(2, 4)]
    >>> lines = ["وژپ ای سراپ وژپ ایشرپ", "", "۳", "", " ای ", "", "۲", "", " دوب ایشرپ", "", full, "", full, ""]
    >>> [(g.first, g.last) for g in visual_groups(lines)]
    [(2, 8)]
    >>> lines = ["لباق \N{ARABIC FATHATAN}", "", "الصا ،تیفیک", "", full, "", full, ""]
    >>> [(g.first, g.last) for g in visual_groups(lines)]
    [(0, 2)]
    >>> lines = [" " + full, "", ".د", "", " " + full, "", " " + full, "", " " + full, ""]
    >>> visual_groups(lines)   # every line starts with the space at its wrap: a paragraph's end stays
    []
    >>> visual_groups(["لودج تخاس", "final_df.head()", "", full, "", full, ""])  # two lines of one box
    []
    >>> lines = [full, "", " \N{BULLET}", "", ".درک", "", full, "", " \N{BULLET}", ""]
    >>> [(g.first, g.last) for g in visual_groups(lines)]
    [(0, 2), (6, 8)]
    >>> lines = [full, "", "df = f()", "df.head()", "", "len(df)", "", "x = 1", "", full, ""]
    >>> visual_groups(lines)   # code lines: a box of Latin lines, and Latin lines with no Persian
    []
    """
    bodies = [line_body(line) for line in lines]
    nonblank = [i for i, body in enumerate(bodies) if body.strip()]
    spaced_out = sum(1 for i in nonblank if i + 1 < len(bodies) and not bodies[i + 1].strip())
    if spaced_out * 2 < len(nonblank):
        return []  # not pdfminer's layout: every segment is followed by a blank line there
    limit = _typical_length(bodies) * LENGTH_SLACK
    # a producer that keeps the space at a line's wrap writes most visual lines with a space at
    # their left end (LibreOffice): there a leading space marks no cut
    leading = sum(1 for i in nonblank if bodies[i].startswith(_GAPS)) * 2 <= len(nonblank)
    latin = _latin_lines(bodies)
    boxed = _latin_boxed(latin)
    groups: list[Group] = []
    start = end = -1
    length = 0
    glued = number = -1  # a number in the group glued to the segment before it (``glued``)
    for index, body in enumerate(bodies):
        if not body.strip():
            continue
        page_break = lines[index].startswith("\f")
        if _BULLET.fullmatch(body):
            # a list item's bullet, written after the first line of its item: it ends that line
            # (at its right, the item's start) and nothing after it joins it
            if start >= 0 and not page_break and index - end <= 2 and number != end:
                groups.append(Group(start, index))
            start = end = number = glued = -1
            length = 0
            continue
        if start >= 0 and not page_break and index - end == 2 and not boxed[end] and not boxed[index]:
            previous = bodies[end]
            spaced = (previous.endswith(_GAPS) or (leading and body.startswith(_GAPS))
                      or bool(_LOOSE_MARK.search(previous)))
            foreign = not has_arabic(previous) or not has_arabic(body)
            if (spaced or foreign) and length + len(body) <= limit:
                if not spaced and _NUMBER.fullmatch(body) and not previous.endswith(_NUMBER_SIGNS):
                    glued, number = end, index
                end = index
                length += len(body)
                continue
            tail = sum(len(bodies[i]) for i in range(number, end + 1)) if number >= 0 else 0
            if (number >= 0 and (spaced or foreign) and _spaced_after(bodies, number, body)
                    and tail + len(body) <= limit):
                # the number starts the next visual line, the one that no longer fits
                if glued > start:
                    groups.append(Group(start, glued))
                start, end, length, glued, number = number, index, tail + len(body), -1, -1
                continue
        if start >= 0 and number == end and number >= 0:
            end = glued  # a page number, after the page's last line
        if start >= 0 and end > start:
            groups.append(Group(start, end))
        start = end = index
        length = len(body)
        glued = number = -1
    if start >= 0 and number == end and number >= 0:
        end = glued
    if start >= 0 and end > start:
        groups.append(Group(start, end))
    return [group for group in groups if not all(latin[index] for index in range(group.first, group.last + 1)
                                                 if bodies[index].strip())]


def join_group(lines: list[str], group: Group) -> str:
    """The segments of ``group`` joined into one line (blank lines between them dropped)."""
    parts = [lines[i] for i in range(group.first, group.last + 1) if lines[i].strip()]
    head = frame(parts[0]).head
    return head + "".join(line_body(part) for part in parts)
