"""Visual lines that an extractor split in two around a lone diacritic.

A mark drawn high above its letter (the hamza of ``یافتهٔ``, a shadda) can make an extractor see
two lines where the page has one. pdftotext then writes the part after the mark first, the part
before it second and the mark on a line of its own (or at the end of the second part)::

    یافته) پژو ۴۰۵ است که در
    پژو پارس یا ... (تغییر چهره ٔ

and pypdfium2 writes the part after the mark first, starting with the mark, then the part before
it, cut inside the word the mark belongs to (``ّ ان سفر ...`` then ``... سپس به حر``).

The two parts are put back into one line in logical order and the mark back on its letter. A
merge is only made when the two parts together are no longer than the document's full lines,
so that two real lines are never joined.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from kaghaz.chars import HAMZA_ABOVE
from kaghaz.repair.text import WORD_RE, frame, has_arabic, line_body, words

_MARKS: Final = "\u064b-\u065f\u0670"
#: A line that is nothing but marks.
MARK_LINE: Final = re.compile(f"^\\s*([{_MARKS}]+)\\s*$")
#: A line that ends with a lone mark after a space.
MARK_AT_END: Final = re.compile(f"\\s([{_MARKS}]+)\\s*$")
#: A line that starts with a lone mark followed by a space.
MARK_AT_START: Final = re.compile(f"^([{_MARKS}]+)\\s+")
#: Two parts may be joined when together they are at most this much longer than a full line.
LENGTH_SLACK: Final = 1.15
_HEH: Final = "\N{ARABIC LETTER HEH}"


@dataclass(frozen=True, slots=True)
class Split:
    """Lines ``first`` .. ``first + count - 1`` are one visual line; ``text`` is that line."""

    first: int
    count: int
    text: str


def typical_length(lines: list[str]) -> int:
    """The length of the document's full lines (the 90th percentile of its Persian lines)."""
    lengths = sorted(len(line_body(line)) for line in lines if has_arabic(line))
    if not lengths:
        return 0
    return lengths[int(0.9 * (len(lengths) - 1))]


def _attach(mark: str, text: str) -> str:
    """``text`` with ``mark`` on its first word (a hamza above only on a final ``ه``), or dropped."""
    match = WORD_RE.search(text)
    if match is None:
        return text
    if HAMZA_ABOVE in mark and not match.group().endswith(_HEH):
        return text
    return text[:match.end()] + mark + text[match.end():]


#: The letters that a mark written after a word's last letter may sit on, by mark: the hamza of
#: the ezafe on a final ``ه``, the fathatan on a final alef (``کاملاً``).
_FINAL_LETTERS: Final = {HAMZA_ABOVE: _HEH, "\N{ARABIC FATHATAN}": "\N{ARABIC LETTER ALEF}"}


def _fits(mark: str, text: str) -> bool:
    """True if ``mark`` is one that sits on a word's last letter and the first word of ``text``
    ends in such a letter (a word the mark was cut from).

    >>> _fits("\N{ARABIC HAMZA ABOVE}", "هسته زمین"), _fits("\N{ARABIC HAMZA ABOVE}", "یعنی هسته")
    (True, False)
    >>> _fits("\N{ARABIC SHADDA}", "حر")
    False
    """
    match = WORD_RE.search(text)
    return match is not None and mark in _FINAL_LETTERS and match.group().endswith(_FINAL_LETTERS[mark])


#: Marks that pdftotext writes after the line they sit in (the hamza of the ezafe, low on its
#: heh) and marks drawn above the line's box, which it writes before (the fathatan on an alef).
_AFTER_ITS_LINE: Final = frozenset({HAMZA_ABOVE})
_BEFORE_ITS_LINE: Final = frozenset({"\N{ARABIC FATHATAN}"})


def _chained(lines: list[str], out: list[Split], index: int, mark: str, limit: float) -> Split | None:
    """The last split of ``out`` with line ``index - 1`` put before it, if that split ends there
    and starts with the word the lone mark of line ``index`` sits on: a visual line cut at two
    marks (``ً`` / ``قطعا ...`` / ``نتیجه ... خبرگان`` / ``کرمان به منظور کسب`` / ``ٔ``), whose
    last two pieces the fathatan's split joined.

    >>> lines = ["\N{ARABIC FATHATAN}", "قطعا با هم", "نتیجه بهتر در", "کرمان برای", "\N{ARABIC HAMZA ABOVE}"]
    >>> first = Split(0, 3, "نتیجه بهتر در قطعاً با هم")
    >>> _chained(lines, [first], 4, "\N{ARABIC HAMZA ABOVE}", 80).text == "کرمان برای نتیجهٔ بهتر در قطعاً با هم"
    True
    """
    if not out or index < 1 or out[-1].first + out[-1].count != index - 1 or mark not in _AFTER_ITS_LINE:
        return None
    before, joined = line_body(lines[index - 1]), line_body(out[-1].text)
    if not has_arabic(before) or not _fits(mark, joined) or len(before) + len(joined) > limit:
        return None
    merged = before.rstrip() + " " + _attach(mark, joined.strip())
    return Split(out[-1].first, index - out[-1].first + 1, frame(out[-1].text).join(merged))


def _placed_mark(lines: list[str], index: int, mark: str, limit: float) -> Split | None:
    """Where the lone ``mark`` of line ``index`` goes when the line two above does not start with
    its word (see :func:`find_splits`), by the word it fits and the side pdftotext writes it on:

    * a mark written after its line (the hamza), when the line above starts with its word: that
      visual line was not cut, its first word bears the mark;
    * a mark written before its line (the fathatan), when the line below starts with its word:
      with the part before it on the line after that (``ً`` / ``قطعا گوگل برنده`` /
      ``... اعلام کنیم،``), as long as both make at most a full line; else that line was not cut.

    Otherwise ``None``: the mark is left to :func:`~kaghaz.repair.marks.reattach_lone_marks`.

    >>> lines = ["یعنی می شود ما", "هسته زمین در هر یک میلیون سال", "\N{ARABIC HAMZA ABOVE}"]
    >>> _placed_mark(lines, 2, "\N{ARABIC HAMZA ABOVE}", 80).text == "هستهٔ زمین در هر یک میلیون سال"
    True
    >>> lines = ["\N{ARABIC FATHATAN}", "قطعا گوگل برنده", "اما اگر یکی را برنده اعلام کنیم،"]
    >>> _placed_mark(lines, 0, "\N{ARABIC FATHATAN}", 80).text == "اما اگر یکی را برنده اعلام کنیم، قطعاً گوگل برنده"
    True
    >>> lines = ["آیا شما", "\N{ARABIC FATHATAN}", "اخیرا برخی منابع خبری", ""]
    >>> _placed_mark(lines, 1, "\N{ARABIC FATHATAN}", 80).text == "اخیراً برخی منابع خبری"
    True
    """
    above = line_body(lines[index - 1]) if index >= 1 else ""
    below = line_body(lines[index + 1]) if index + 1 < len(lines) else ""
    after = line_body(lines[index + 2]) if index + 2 < len(lines) else ""
    if mark in _AFTER_ITS_LINE and has_arabic(above) and _fits(mark, above):
        return Split(index - 1, 2, frame(lines[index - 1]).join(_attach(mark, above)))
    if mark not in _BEFORE_ITS_LINE or not (has_arabic(below) and _fits(mark, below)):
        return None
    if has_arabic(after) and len(below) + len(after) <= limit:
        merged = after.rstrip() + " " + _attach(mark, below.strip())
        return Split(index, 3, frame(lines[index + 2]).join(merged))
    return Split(index, 2, frame(lines[index + 1]).join(_attach(mark, below)))


#: Typst writes the clusters of a letter and a mark drawn far from it twice (``ٔه`` of the
#: ezafe, ``ًا`` of ``واقعاً``); where pdftotext splits a line at such a word, one copy comes out
#: alone, and the word keeps the mark first (``همٔه``, ``واقعًا``).
CLUSTERS: Final = (HAMZA_ABOVE + _HEH, "\N{ARABIC FATHATAN}\N{ARABIC LETTER ALEF}")
#: A line that is nothing but such a copy.
COPY_LINE: Final = re.compile(f"^\\s*({'|'.join(CLUSTERS)})\\s*$")
#: A line that ends with such a copy after a space.
COPY_AT_END: Final = re.compile(f"\\s({'|'.join(CLUSTERS)})\\s*$")
_CLUSTER_ENDS: Final = tuple(cluster[-1] for cluster in CLUSTERS)


def _copy_run(lines: list[str], index: int) -> tuple[str, int]:
    """The cluster that line ``index`` is a copy of and how many lines from there are copies of
    it ("" and 0 if that line is none).

    >>> heh, alef = CLUSTERS
    >>> _copy_run([heh, heh, alef], 0), _copy_run([heh, alef], 1)[1]
    (('\u0654\u0647', 2), 1)
    """
    match = COPY_LINE.match(line_body(lines[index]))
    if match is None:
        return "", 0
    count = 1
    while index + count < len(lines) and line_body(lines[index + count]).strip() == match.group(1):
        count += 1
    return match.group(1), count


def _cut_below(lines: list[str], index: int, limit: float) -> Split | None:
    """The visual line that pdftotext cut at words ending in ``هٔ`` on a Typst page, if lines
    ``index`` on hold one: ``k`` lines of ``ٔه``, then the ``k`` pieces that start at those words,
    last first, then the part of the line before them (``ٔه`` / ``مجلٔه تایم ...`` / ``است.`` for
    ``است. مجلهٔ تایم ...``). The copies of ``ٔه`` are dropped; the pieces go back in order. The
    same for words ending in ``اً``."""
    cluster, count = _copy_run(lines, index)
    pieces = [line_body(line).strip() for line in lines[index + count:index + 2 * count + 1]]
    if not count or len(pieces) != count + 1 or not all(has_arabic(piece) for piece in pieces):
        return None
    if not all(_starts_with_cluster_word(piece, cluster) for piece in pieces[:-1]):
        return None
    if sum(len(piece) + 1 for piece in pieces) > limit:
        return None
    merged = " ".join([pieces[-1], *reversed(pieces[:-1])])
    return Split(index, 2 * count + 1, frame(lines[index]).join(merged))


def _cut_above(lines: list[str], index: int, limit: float) -> Split | None:
    """The same cut the other way round, as pdftotext writes some Typst pages: the pieces that
    start at words ending in ``هٔ``, last first, then the part of the line before them, then the
    ``k`` lines of ``ٔه`` (``زمینٔه خرافات ...`` / ``پیام و درس`` / ``ٔه`` for
    ``پیام و درس زمینهٔ خرافات ...``). A line that starts at such a word has no part before
    them (``جلسٔه شورای ...`` / ``ٔه``).

    >>> heh = "\N{ARABIC HAMZA ABOVE}\N{ARABIC LETTER HEH}"
    >>> lines = ["این یک خط کامل از متن این سند است", f"جلس{heh} شورای راهبری", heh]
    >>> _cut_above(lines, 2, 40).text == f"جلس{heh} شورای راهبری"
    True
    """
    cluster, count = _copy_run(lines, index)
    if not count:
        return None
    for start in (index - count - 1, index - count):
        if start < 0:
            continue
        pieces = [line_body(line).strip() for line in lines[start:index]]
        heads = pieces[:-1] if start < index - count else pieces
        if not all(has_arabic(piece) for piece in pieces):
            continue
        if not all(_starts_with_cluster_word(piece, cluster) for piece in heads):
            continue
        if sum(len(piece) + 1 for piece in pieces) > limit:
            continue
        merged = " ".join([*pieces[len(heads):], *reversed(heads)])
        return Split(start, index + count - start, frame(lines[start]).join(merged))
    return None


def copies_after_pieces(lines: list[str], limit: float) -> frozenset[str]:
    """The clusters whose lone copies in this document mostly follow the pieces of their visual
    line rather than precede them: pdftotext keeps one way for a cluster through a document, and
    where a lone copy could close the pieces above it or open those below, the way of the
    document's unambiguous cuts decides (ties keep the pieces below).

    >>> heh = "\N{ARABIC HAMZA ABOVE}\N{ARABIC LETTER HEH}"
    >>> page = [f"زمین{heh} خرافات", "پیام و درس", heh, f"دارند{heh} عنوان", "تیم دانشگاه", heh]
    >>> copies_after_pieces(page * 2 + ["این یک خط کامل از متن این سند است"] * 4, 80) == {heh}
    True
    """
    votes: dict[str, int] = {}
    index = 0
    while index < len(lines):
        cluster, count = _copy_run(lines, index)
        if count:
            fits_below = _cut_below(lines, index, limit) is not None
            fits_above = _cut_above(lines, index, limit) is not None
            votes[cluster] = votes.get(cluster, 0) + int(fits_above) - int(fits_below)
        index += max(count, 1)
    return frozenset(cluster for cluster, vote in votes.items() if vote > 0)


def _cut_either(lines: list[str], out: list[Split], index: int, limit: float,
                      above_first: frozenset[str]) -> Split | None:
    """The cut at the lone copy on line ``index``, trying first the way the document keeps for its
    cluster (see :func:`copies_after_pieces`); pieces above are only taken when no earlier split holds
    them."""
    above = _cut_above(lines, index, limit)
    if above is not None and out and above.first < out[-1].first + out[-1].count:
        above = None
    if _copy_run(lines, index)[0] in above_first:
        return above or _cut_below(lines, index, limit)
    return _cut_below(lines, index, limit) or above


def _cut_with_tail(lines: list[str], out: list[Split], index: int, limit: float) -> Split | None:
    """The cut above (see :func:`_cut_above`) with a copy at the end of the part before the
    pieces rather than on a line of its own: the pieces that start at words ending in ``هٔ``, last
    first, lines of ``ٔه`` among them, then that part (``همٔه سودها ...`` / ``رازی ... و ٔه`` for
    ``رازی ... و همهٔ سودها ...``). As many pieces as copies.

    >>> heh = "\N{ARABIC HAMZA ABOVE}\N{ARABIC LETTER HEH}"
    >>> lines = [f"هم{heh} سودها از آن", f"رازی عقل را ستاید و {heh}"]
    >>> _cut_with_tail(lines, [], 1, 80).text == f"رازی عقل را ستاید و هم{heh} سودها از آن"
    True
    """
    body = line_body(lines[index])
    tail = COPY_AT_END.search(body)
    before = body[:tail.start()].strip() if tail else ""
    if tail is None or not has_arabic(before):
        return None
    taken = out[-1].first + out[-1].count if out else 0
    copies, pieces, above = 1, [before], index - 1
    while above >= taken and len(pieces) - 1 < copies:
        line = line_body(lines[above]).strip()
        if line == tail.group(1):
            copies += 1
        elif has_arabic(line) and _starts_with_cluster_word(line, tail.group(1)):
            pieces.append(line)
        else:
            return None
        above -= 1
    if len(pieces) - 1 != copies or sum(len(piece) + 1 for piece in pieces) > limit:
        return None
    return Split(above + 1, index - above, frame(lines[index]).join(" ".join(pieces)))


def _closes_cut_with_tail(lines: list[str], out: list[Split], index: int, limit: float) -> bool:
    """True if the copies from line ``index`` on are followed by a line that ends in one and
    closes a cut (see :func:`_cut_with_tail`): those copies belong to that cut."""
    after = index + _copy_run(lines, index)[1]
    return after < len(lines) and _cut_with_tail(lines, out, after, limit) is not None


def _starts_with_cluster_word(text: str, cluster: str) -> bool:
    """True if the first word of ``text`` holds ``cluster`` (``ٔه`` or ``ًا``, mark first).

    >>> alef = CLUSTERS[1]
    >>> _starts_with_cluster_word(f"واقع{alef} شما", alef), _starts_with_cluster_word("واقعاً شما", alef)
    (True, False)
    """
    match = WORD_RE.search(text)
    return match is not None and cluster in match.group()


#: The rest of a word cut after a letter with a mark is at most this long when the lexicon does
#: not know the whole word (``ان`` of ``حرّان``); a longer rest is a word of its own.
SHORT_REST: Final = 2


def _gap_after_mark(before: str, rest: str, known: Callable[[str], bool] | None) -> str:
    """What joins the word before a mark to the rest of its line: nothing where the line was cut
    inside a word (``حر`` / ``ّ ان`` of ``حرّان``), a space where it was cut after one
    (``اخیرا`` / ``ً پیچیده\N{ZERO WIDTH NON-JOINER}تر``), as the lexicon tells."""
    last, first = WORD_RE.findall(before), WORD_RE.match(rest)
    if known is None or not last or first is None:
        return ""
    if known(last[-1] + first.group()) or len(first.group()) <= SHORT_REST:
        return ""
    return " "


#: The lam-alef ligature at the front of a line, as pdftotext writes it (backwards, or not).
_LAM_ALEF_FIRST: Final = re.compile("^(?:\N{ARABIC LETTER ALEF}\N{ARABIC LETTER LAM}"
                                     "|\N{ARABIC LETTER LAM}\N{ARABIC LETTER ALEF})(?=\\s|$)")


def _cut_at_lam_alef(lines: list[str], index: int, mark: str, limit: float) -> Split | None:
    """Line ``index`` and the next joined, if the visual line was cut inside a word that ends in
    the lam-alef ligature with fathatan (``قبلاً``): pdftotext writes the start of the word and
    the fathatan (``قب ً``), then the ligature, backwards or not, at the front of the next line
    (``ال آمار ...``). ``None`` if the lines do not read so.

    >>> lines = ["\N{ARABIC LETTER QAF}\N{ARABIC LETTER BEH} \N{ARABIC FATHATAN}", "ال آمار کسانی"]
    >>> _cut_at_lam_alef(lines, 0, "\N{ARABIC FATHATAN}", 80).text == "قبلاً آمار کسانی"
    True
    >>> _cut_at_lam_alef(["شاه عباس", "الف بود"], 0, "\N{ARABIC FATHATAN}", 80) is None
    True
    """
    if mark != "\N{ARABIC FATHATAN}" or index + 1 >= len(lines):
        return None
    body, below = line_body(lines[index]), line_body(lines[index + 1]).lstrip()
    at_end = MARK_AT_END.search(body)
    head = body[:at_end.start()].rstrip() if at_end else ""
    ligature = _LAM_ALEF_FIRST.match(below)
    if not head or ligature is None or not WORD_RE.search(head[-1]) or len(head) + len(below) > limit:
        return None
    merged = head + "\N{ARABIC LETTER LAM}\N{ARABIC LETTER ALEF}" + mark + below[ligature.end():]
    return Split(index, 2, frame(lines[index]).join(merged))


def find_splits(lines: list[str], known: Callable[[str], bool] | None = None) -> list[Split]:
    """The visual lines split around a lone mark, each with its merged text (``known``: the
    lexicon, to tell a line cut inside a word from one cut after a word).

    >>> lines = ["یافته) پژو ۴۰۵ است که در", "پژو پارس یا پژو پرشیا خودرویی (تغییر چهره \N{ARABIC HAMZA ABOVE}"]
    >>> lines += ["بازارهای اروپایی با نام پژو ۴۰۶ عرضه شد و در آن زمان پژو ۶۰۵ نسخه لوکس پژو"] * 3
    >>> [(s.first, s.count) for s in find_splits(lines)]
    [(0, 2)]
    """
    limit = typical_length(lines) * LENGTH_SLACK
    above_first: frozenset[str] | None = None  # the document's way, judged at its first copy
    out: list[Split] = []
    index = 0
    while index < len(lines):
        body = line_body(lines[index])
        alone = MARK_LINE.match(body)
        at_end = MARK_AT_END.search(body) if not alone else None
        at_start = MARK_AT_START.match(body) if not alone else None
        split: Split | None = None
        if COPY_LINE.match(body) and not _closes_cut_with_tail(lines, out, index, limit):
            if above_first is None:
                above_first = copies_after_pieces(lines, limit)
            split = _cut_either(lines, out, index, limit, above_first)
        elif body.rstrip().endswith(_CLUSTER_ENDS) and (tail := _cut_with_tail(lines, out, index, limit)):
            split = tail
        elif at_end and (cut := _cut_at_lam_alef(lines, index, at_end.group(1), limit)) is not None:
            split = cut
        elif (alone and index >= 2) or (at_end and index >= 1) or (alone and index + 1 < len(lines)):
            first_index = index - 1 if alone else index
            mark = (alone or at_end).group(1)  # type: ignore[union-attr]
            first = (line_body(lines[first_index]) if first_index >= 0 else "") if alone else body[:at_end.start()]  # type: ignore[union-attr]
            second_index = first_index - 1
            taken = out[-1].first + out[-1].count if out else 0  # lines already in a split
            second = line_body(lines[second_index]) if second_index >= taken else ""
            chained = _chained(lines, out, index, mark, limit) if alone else None
            if chained is not None:
                # the part before a line that an earlier split put together
                out[-1] = chained
                index = chained.first + chained.count
                continue
            if alone and mark in _FINAL_LETTERS and not _fits(mark, second):
                split = _placed_mark(lines, index, mark, limit)
            elif has_arabic(first) and has_arabic(second) and len(first) + len(second) <= limit:
                merged = first.rstrip() + " " + _attach(mark, second.strip())
                start = second_index
                split = Split(start, index - start + 1, frame(lines[start]).join(merged))
        elif at_start and index + 1 < len(lines):
            rest = body[at_start.end():]
            before = line_body(lines[index + 1])
            if (has_arabic(rest) and has_arabic(before) and len(rest) + len(before) <= limit
                    and before.rstrip() and WORD_RE.search(before.rstrip()[-1:])):
                merged = before.rstrip() + at_start.group(1) + _gap_after_mark(before, rest, known) + rest
                split = Split(index, 2, frame(lines[index]).join(merged))
        if split is not None:
            out.append(split)
            index = split.first + split.count
        else:
            index += 1
    return out


_FATHATAN: Final = "\N{ARABIC FATHATAN}"
#: The alef and fathatan that pypdfium2 leaves at the front of the rest of such a line.
_STRAY_TANWIN: Final = re.compile(f"^\\s*{_FATHATAN}\N{ARABIC LETTER ALEF}\\s*")
#: The first part of such a line is at most this many words (nearly a whole line).
TANWIN_HEAD_WORDS: Final = 30


def find_tanwin_splits(lines: list[str], known: Callable[[str], bool]) -> list[Split]:
    """The visual lines pypdfium2 cut after a word ending in alef with fathatan (``اخیراً``).

    It writes the rest of the line first, then the words up to that word, with that word
    letter by letter backwards (``اریخاً``) and, on Typst pages, the alef and fathatan again at
    the front of the rest: ``ًا پیچیده\u200cتر نیز ...`` then ``این معما اریخاً`` for ``این معما
    اخیراً پیچیده\u200cتر نیز ...``. A pair is joined when the second line's last word is a known word
    only backwards (``known`` says), or the rest starts with the stray alef and fathatan, and the
    two are no longer than the document's lines. The same is done for a line cut inside a word
    after its first letter, with a short vowel (``... (شهر اُ`` after ``ترار کنونی ...``).

    >>> words = {"اخیراً"}
    >>> full = "این یک خط کامل از متن این سند است که تا لبهٔ صفحه می\u200cرود"
    >>> lines = ["ًا پیچیده\u200cتر نیز به نظر می\u200cرسد", "این معما اریخاً", *[full] * 4]
    >>> [s.text for s in find_tanwin_splits(lines, words.__contains__)]
    ['این معما اخیراً پیچیده\u200cتر نیز به نظر می\u200cرسد']
    """
    limit = typical_length(lines) * LENGTH_SLACK
    out: list[Split] = []
    index = 1
    while index < len(lines):
        rest, head = line_body(lines[index - 1]).strip(), line_body(lines[index]).strip()
        tokens = head.split()
        split = None
        if 1 < len(tokens) <= TANWIN_HEAD_WORDS and tokens[-1].endswith(_FATHATAN) and has_arabic(rest):
            last = tokens[-1]
            turned = _turn(last)
            stray = _STRAY_TANWIN.match(rest)
            if (stray or (known(turned) and not known(last))) and len(head) + len(rest) <= limit:
                merged = " ".join([*tokens[:-1], turned, rest[stray.end():] if stray else rest])
                split = Split(index - 1, 2, frame(lines[index - 1]).join(merged))
        elif len(tokens) > 1 and _LONE_VOWELLED.fullmatch(tokens[-1]) and _LETTER_FIRST.match(rest):
            # cut inside a word after a letter with a short vowel (``شهر اُ`` / ``ترار ...``); on
            # Typst pages the rest starts with the vowel and the letter again (``ُاترار``)
            again = head[-1] + head[-2]
            rest = rest[len(again):] if rest.startswith(again) else rest
            if len(head) + len(rest) <= limit and _LETTER_FIRST.match(rest):
                split = Split(index - 1, 2, frame(lines[index - 1]).join(head + rest))
        elif (joined := _vowel_cut(head, rest, limit, known)) is not None:
            # the same cut with the short vowel or shadda written at the front of the rest; a
            # line cut twice so has the rest of one cut before the rest of the other
            first = index - 1
            taken = out[-1].first + out[-1].count if out else 0
            while first > taken and (more := _vowel_cut(joined, line_body(lines[first - 1]).strip(),
                                                        limit, known)) is not None:
                joined, first = more, first - 1
            split = Split(first, index - first + 1, frame(lines[first]).join(joined))
        if split is not None:
            out.append(split)
            index += 2
        else:
            index += 1
    return out


#: A letter alone with a short vowel or shadda: the start of a word cut at the line's end (a
#: vocalised text's words end with vowels too, but are more than one letter).
_LONE_VOWELLED: Final = re.compile("[\u0621-\u064a\u067e-\u06cc][\u064e-\u0652]+")
_LETTER_FIRST: Final = re.compile("[\u0621-\u064a\u067e-\u06cc\u064e-\u0652]")
#: The start of a word cut after a vowelled letter, when it is this long at most, may be a word of
#: its own, and so may the rest (``پر`` and ``انه`` of ``پرّانه``).
SHORT_HEAD: Final = 2


def _vowel_cut(head: str, rest: str, limit: float, known: Callable[[str], bool]) -> str | None:
    """``head`` and ``rest`` joined, if ``rest`` holds the rest of the word that ends ``head``, cut
    after a letter with a short vowel or shadda that went to the front of the rest (WeasyPrint,
    XeLaTeX: ``... (شهر ا`` after ``ُترار ...``, ``... یا پر`` after ``ّانه ...``): no line of text
    starts with one. ``None`` otherwise, or when the two are longer than ``limit``.

    >>> _vowel_cut("مسافر ما در ا", "ُردیبهشت رسید", 80, {"رسید"}.__contains__)
    'مسافر ما در اُردیبهشت رسید'
    """
    tokens = head.split()
    if (len(tokens) < 2 or not _LETTER_LAST.search(tokens[-1]) or not _VOWEL_FIRST.match(rest)
            or _VOWEL_FIRST.match(head) or len(head) + len(rest) > limit):
        return None
    if not _cut_after_vowel(words(tokens[-1])[-1], rest[1:].split(" ", 1)[0], known):
        return None
    return head + rest


def _cut_after_vowel(head: str, rest: str, known: Callable[[str], bool]) -> bool:
    """True if ``head`` and ``rest`` (without the vowel it starts with) are the two parts of a word
    cut after a vowelled letter: a short start, or two parts that are no words. A whole word before
    the rest is a line that ended there, and a rest that is a word without the vowel is a word whose
    mark came before its letter (``َسبک``; Typst's doubled marks, ``ُتُتن``, after ``برای``).

    >>> known = {"برای", "انه", "سبک"}.__contains__
    >>> _cut_after_vowel("پر", "انه", known), _cut_after_vowel("برای", "تُتن", known)
    (True, False)
    >>> _cut_after_vowel("حسی-پیکری", "سبک", known), _cut_after_vowel("فرا", "ترار", known)
    (False, True)
    """
    if len(head) <= SHORT_HEAD:
        return True
    return not known(head) and not known(rest)


_LETTER_LAST: Final = re.compile("[\u0621-\u064a\u067e-\u06cc]$")
#: A short vowel and a letter: a line that starts so holds the rest of a word cut after its vowel.
_VOWEL_FIRST: Final = re.compile("[\u064e-\u0652][\u0621-\u064a\u067e-\u06cc]")


def _turn(word: str) -> str:
    """``word`` letter by letter backwards, its final mark kept at the end (``اریخاً`` -> ``اخیراً``)."""
    core = word.rstrip(_MARKS_CHARS)
    return core[::-1] + word[len(core):]


_MARKS_CHARS: Final = "".join(chr(code) for code in range(0x064B, 0x0660)) + "\u0670"


_ENDS_IN_DIGIT: Final = re.compile("[0-9\u0660-\u0669\u06f0-\u06f9]$")
_STARTS_WITH_DIGIT: Final = re.compile("\\s+[0-9\u0660-\u0669\u06f0-\u06f9]")
#: A document must cut this many numbers so before any is joined.
MIN_NUMBER_SPLITS: Final = 2


def find_number_splits(lines: list[str]) -> list[Split]:
    """Visual lines that an extractor cut inside a number (pdftohtml): a line that ends in a digit,
    and, after one blank line at most, an indented line that starts with the number's other digits
    (``... تسا ۴`` then ``  ۰۵ وژپ ...`` for ``... تسا ۴۰۵ وژپ ...``). A line cut twice is joined
    whole. Only where the document does it twice at least, and only for text in visual order.

    >>> find_number_splits(["رد هک تسا ۴", "", "  ۰۵ وژپ", "هب ۱", "  ۹ دش"])
    [Split(first=0, count=3, text='رد هک تسا ۴۰۵ وژپ'), Split(first=3, count=2, text='هب ۱۹ دش')]
    """
    joins: list[tuple[int, int]] = []
    for index, line in enumerate(lines):
        if not _ENDS_IN_DIGIT.search(line.rstrip()):
            continue
        after = index + 1
        if after < len(lines) and not lines[after].strip():
            after += 1
        if after < len(lines) and _STARTS_WITH_DIGIT.match(lines[after]):
            joins.append((index, after))
    if len(joins) < MIN_NUMBER_SPLITS:
        return []
    out: list[Split] = []
    end_of = {first: last for first, last in joins}
    index = 0
    while index < len(lines):
        if index not in end_of:
            index += 1
            continue
        first, text, last = index, lines[index].rstrip(), index
        while last in end_of:
            last = end_of[last]
            text += lines[last].strip()
        out.append(Split(first, last - first + 1, text))
        index = last + 1
    return out
