"""Lone diacritics: marks that an extractor cut away from their letter.

pypdfium2 on LibreOffice PDFs writes the hamza above of ``نسخهٔ`` as a mark standing alone between
spaces, often where a ZWNJ was (``فیس ٔ لیفت`` for ``فیس\N{ZERO WIDTH NON-JOINER}لیفت``) and some words away from its own
letter. The mark cannot stay where it is (a mark after a space belongs to no letter), so the gap
it took becomes what the lexicon prefers (a ZWNJ or a space) and the mark goes to the nearest
following word it can sit on (a hamza above sits on a final ``ه``); when there is none, it is dropped.
"""

from __future__ import annotations

import re
from typing import Final

from kaghaz.chars import HAMZA_ABOVE, ZWNJ, joins_forward
from kaghaz.repair.langmodel import LanguageModel
from kaghaz.repair.text import WORD_RE
from kaghaz.repair.words import ZWNJ_PREFIXES, ZWNJ_SUFFIXES

_MARKS: Final = "\u064b-\u065f\u0670"
#: A mark standing alone: between spaces, or between a space and the line's edge.
LONE_MARK: Final = re.compile(f"(?:(?<=\\s)|^)([{_MARKS}]+)(?=\\s|$)")
_HEH: Final = "\N{ARABIC LETTER HEH}"
#: How many words after a lone hamza its word may be.
REACH: Final = 4


def _gap(left: str, right: str, lm: LanguageModel) -> str:
    """What should stand between ``left`` and ``right`` once the mark between them is gone."""
    if not left or not right or not joins_forward(left[-1]):
        return " "
    joined = left + ZWNJ + right
    if lm.frequency(joined) > 0 or right in ZWNJ_SUFFIXES or left in ZWNJ_PREFIXES:
        return ZWNJ
    if lm.zwnj_left(left) and lm.zwnj_right(right) and not lm.frequency(left + " " + right):
        return ZWNJ
    return " "


def reattach_lone_marks(line: str, lm: LanguageModel) -> str:
    """Take each lone mark out of its gap and put a hamza above back on the next final ``ه``.

    >>> lm = LanguageModel()
    >>> out = reattach_lone_marks("پژو ۶۰۵ \N{ARABIC HAMZA ABOVE} نسخه لوکس", lm)
    >>> out == "پژو ۶۰۵ نسخه\N{ARABIC HAMZA ABOVE} لوکس"
    True
    >>> out = reattach_lone_marks("این خودرو فیس \N{ARABIC HAMZA ABOVE} بوک است", lm)
    >>> out == "این خودرو فیس\N{ZERO WIDTH NON-JOINER}بوک است"
    True
    """
    if not LONE_MARK.search(line):
        return line
    while True:
        match = LONE_MARK.search(line)
        if match is None:
            return line
        marks = match.group(1)
        before = line[:match.start()].rstrip(" ")
        after = line[match.end():].lstrip(" ")
        left_match = re.search(f"({WORD_RE.pattern})$", before)
        right_match = WORD_RE.match(after)
        gap = " " if before and after else ""
        if left_match and right_match:
            gap = _gap(left_match.group(), right_match.group(), lm)
        rest = after
        if HAMZA_ABOVE in marks:
            rest = _place_hamza(after)
        line = before + gap + rest


def _place_hamza(text: str) -> str:
    """``text`` with a hamza above added to the first of its next few words that ends in ``ه``
    and has more than two letters (``که``, ``به``, ``نه``, ``چه`` take no ezafe)."""
    for count, match in enumerate(WORD_RE.finditer(text)):
        if count >= REACH:
            break
        word = match.group()
        if word.endswith(_HEH) and len(word) > 2:
            return text[:match.end()] + HAMZA_ABOVE + text[match.end():]
    return text


#: A word, a space, then marks stuck to the front of the next letter: ``دهکد ٔه``, ``ح ّران``.
_BASE: Final = "[\u0621-\u064a\u0671-\u06d3]"
DISPLACED_MARK: Final = re.compile(f"({WORD_RE.pattern}) ([{_MARKS}]+)({_BASE})({WORD_RE.pattern})?")


#: The letters a hamza above or a fathatan can sit on in Persian.
_HAMZA_CARRIERS: Final = frozenset("\N{ARABIC LETTER HEH}\N{ARABIC LETTER FARSI YEH}\N{ARABIC LETTER YEH}"
                                   "\N{ARABIC LETTER WAW}\N{ARABIC LETTER ALEF}")
_FATHATAN_CARRIERS: Final = frozenset("\N{ARABIC LETTER ALEF}\N{ARABIC LETTER TEH MARBUTA}\N{ARABIC LETTER HAMZA}")


def carries(letter: str, marks: str) -> bool:
    """True if ``letter`` can carry every mark in ``marks`` (a hamza above only sits on ``ه ی و ا``).

    >>> hamza, shadda = "\N{ARABIC HAMZA ABOVE}", "\N{ARABIC SHADDA}"
    >>> carries("ه", hamza), carries("ل", hamza), carries("ر", shadda)
    (True, False, True)
    """
    if HAMZA_ABOVE in marks and letter not in _HAMZA_CARRIERS:
        return False
    return not ("\N{ARABIC FATHATAN}" in marks and letter not in _FATHATAN_CARRIERS)


def fix_displaced_marks(line: str, lm: LanguageModel, only_hamza: bool = False) -> str:
    """Put a mark that was written before its letter (and cut from the word before) back after it.

    pdftotext writes ``دهکد ٔه`` for ``دهکدهٔ`` and ``ح ّران`` for ``حرّان``: the mark comes before
    the letter it sits on and a space splits the word. The mark goes after its letter; the space
    goes when the word before is not a word on its own or the joined word is known.

    >>> lm = LanguageModel()
    >>> fix_displaced_marks("در دهکد \N{ARABIC HAMZA ABOVE}ه وسیج", lm) == "در دهکده\N{ARABIC HAMZA ABOVE} وسیج"
    True
    >>> fix_displaced_marks("شهر \N{ARABIC DAMMA}اترار", lm) == "شهر ا\N{ARABIC DAMMA}ترار"
    True
    """
    if not DISPLACED_MARK.search(line):
        return line

    def mend(match: re.Match[str]) -> str:
        left, marks, letter, rest = match.group(1), match.group(2), match.group(3), match.group(4) or ""
        if not carries(letter, marks) or (only_hamza and HAMZA_ABOVE not in marks):
            return match.group()
        joined = left + letter + rest
        glue = not lm.known(left) or lm.known(joined) or (not rest and lm.known(left + letter))
        return left + ("" if glue else " ") + letter + marks + rest

    return DISPLACED_MARK.sub(mend, line)


_CARRIED: Final = "\N{ARABIC HAMZA ABOVE}\N{ARABIC FATHATAN}"
#: A mark and a letter written twice in a row, in either order (``ٔهٔه``, ``ٔههٔ``, ``ًاًا``).
_DOUBLED: Final = re.compile(f"([{_CARRIED}])({_BASE})(?:\\1\\2|\\2\\1)")
#: A hamza above or fathatan written before the letter that carries it (``یافتٔه``, ``مکررًا``),
#: optionally with a backwards lam-alef after the alef (``معموًال``).
_HEH_OR_ALEF: Final = "(\N{ARABIC LETTER HEH}|\N{ARABIC LETTER ALEF}\N{ARABIC LETTER LAM}|\N{ARABIC LETTER ALEF})"
_MARK_FIRST: Final = re.compile("(?<=" + _BASE + ")([" + _CARRIED + "])" + _HEH_OR_ALEF + "(?!" + _BASE + ")")
#: A word-final letter written plain and then once more as its cluster, mark first (``اخیراًا``).
_PLAIN_THEN_CLUSTER: Final = re.compile(f"({_BASE})([{_CARRIED}])\\1(?!{_BASE})")
#: A heh with a hamza above (either order) inside a word, before two more letters or an alef: in
#: Typst's text layer, the glyph of a heh followed by a ZWNJ (``بٔهشمار`` for ``به\N{ZERO WIDTH NON-JOINER}شمار``).
_HAMZA_FOR_ZWNJ: Final = re.compile(
    f"(?<={_BASE})(?:\N{ARABIC HAMZA ABOVE}\N{ARABIC LETTER HEH}|\N{ARABIC LETTER HEH}\N{ARABIC HAMZA ABOVE})"
    f"(?={_BASE}{_BASE}|\N{ARABIC LETTER ALEF})")
#: A letter with a short vowel or shadda written again plain inside a word (``حرّران``, ``اُاترار``):
#: Typst's copy of the letter (a shadda doubles a letter, a third copy is never spelt).
_CLUSTER_THEN_PLAIN: Final = re.compile(
    f"(?<={_BASE})({_BASE})([\u064e-\u0651])\\1|({_BASE})([\u064e-\u0651])\\3(?={_BASE})")
#: A word-final cluster cut off from its word by a space, its letter written twice, the mark first
#: or after the first copy (``مرحل ٔهه``, ``مرحل هٔه`` for ``مرحلهٔ``: pdfplumber on Typst's text layer).
_CUT_CLUSTER: Final = re.compile(
    f"(?<={_BASE}) (?:([{_CARRIED}])({_BASE})\\2|({_BASE})([{_CARRIED}])\\3)(?!\\S)")
#: A word-final heh with hamza followed by a yeh (``مجلهٔی``): pdfminer.six on Typst's text layer
#: writes the ezafe's hamza with a yeh after it; Persian spells the ezafe one way or the other.
_HAMZA_THEN_YEH: Final = re.compile(
    f"(?<={_BASE})\N{ARABIC LETTER HEH}\N{ARABIC HAMZA ABOVE}\N{ARABIC LETTER FARSI YEH}(?!{_BASE})")
#: A lone cluster of a mark and a letter, the copy Typst writes of a heh with hamza.
_STRAY_CLUSTER: Final = re.compile(f"(?<!\\S)(?:[{_CARRIED}]{_BASE})+(?!\\S)")


def fix_cluster_marks(line: str, doubled_document: bool = False) -> str:
    """Undo how Typst's text layer writes a letter with hamza above or fathatan.

    Typst writes the cluster ``هٔ`` (and ``اً``) mark first, sometimes twice, and sometimes once
    more as a token of its own; extractors pass that on (``یافتٔهٔه``, ``دهکدٔههٔ``, ``مکررًاًا``,
    a stray ``ٔه``). Doubled clusters are collapsed, the mark goes after its letter, and stray
    clusters go. In a ``doubled_document`` (one that writes its real ``هٔ`` twice, as Typst does),
    a word-final heh with a hamza written once, mark first (``بٔه``, ``کٔه``), is a plain heh:
    Typst's text layer adds that hamza to some plain final hehs. (pdfplumber on LibreOffice PDFs
    writes a real ``هٔ`` once, mark first.) In such a document a heh with hamza inside a word
    stands for a heh before a ZWNJ (``بٔهشمار``), and a letter with a short vowel or shadda
    written again plain loses the copy (``حرّران``). A word-final cluster that pdfplumber cut off
    after a space, mark first and its letter twice (``مرحل ٔهه``), goes back on its word, and a
    yeh after a word-final heh with hamza (``نحوهٔی``) goes. The engine runs this only on
    documents that show the pattern.

    >>> hamza = "\N{ARABIC HAMZA ABOVE}"
    >>> fix_cluster_marks("تغییر چهره یافتٔهٔه) و دهکدٔههٔ") == "تغییر چهره یافته" + hamza + ") و دهکده" + hamza
    True
    >>> fix_cluster_marks("مکررًاًا بٔه عنوان \N{ARABIC HAMZA ABOVE}ه", True) == "مکررا\N{ARABIC FATHATAN} به عنوان"
    True
    >>> zwnj = "\N{ZERO WIDTH NON-JOINER}"
    >>> fix_cluster_marks("بٔهشمار نپیوستهٔاست", True) == "به" + zwnj + "شمار نپیوسته" + zwnj + "است"
    True
    >>> fix_cluster_marks("شهر اُاترار و حرّران", True) == "شهر اُترار و حرّان"
    True
    >>> fix_cluster_marks("پایین به مرحل " + hamza + "هه بهره") == "پایین به مرحله" + hamza + " بهره"
    True
    >>> fix_cluster_marks("اید ه" + hamza + "ه ساخت") == "ایده" + hamza + " ساخت"
    True
    >>> fix_cluster_marks("نحوه" + hamza + "ی شکل") == "نحوه" + hamza + " شکل"
    True
    >>> fix_cluster_marks("نسخٔه لوکس") == "نسخه" + hamza + " لوکس"
    True
    >>> fix_cluster_marks("اخیرا\N{ARABIC FATHATAN}ا پیچیده") == "اخیرا\N{ARABIC FATHATAN} پیچیده"
    True
    """
    if doubled_document:
        line = _CLUSTER_THEN_PLAIN.sub(lambda m: (m.group(1) or m.group(3)) + (m.group(2) or m.group(4)), line)
    if not any(mark in line for mark in _CARRIED):
        return line
    line = _CUT_CLUSTER.sub(lambda m: (m.group(2) or m.group(3)) + (m.group(1) or m.group(4)), line)
    line = _HAMZA_THEN_YEH.sub(_HEH + HAMZA_ABOVE, line)
    line = _DOUBLED.sub(lambda m: m.group(2) + m.group(1), line)
    line = _PLAIN_THEN_CLUSTER.sub(lambda m: m.group(1) + m.group(2), line)
    if doubled_document:
        line = _HAMZA_FOR_ZWNJ.sub(_HEH + ZWNJ, line)
    line = _MARK_FIRST.sub(_drop_plain_hamza if doubled_document else _mark_after, line)
    return re.sub(" {2,}", " ", _STRAY_CLUSTER.sub("", line)).strip(" ") if _STRAY_CLUSTER.search(line) else line


#: One mark (a short vowel, tanwin, shadda, sukun, hamza or superscript alef) ...
_ONE_MARK: Final = "[\u064b-\u0655\u0670]"
#: ... on one letter, or on the lam-alef pair (written backwards by Typst's fonts, ``ال``).
_CARRIER: Final = f"(?:\N{ARABIC LETTER ALEF}\N{ARABIC LETTER LAM}|\N{ARABIC LETTER LAM}\N{ARABIC LETTER ALEF}|{_BASE})"
#: A letter and its mark written more than once in a row, each copy in either order, sometimes
#: with a bare copy of the mark between (``ُتُت``, ``ٔهٔٔه``, ``ًاًاًا``, ``مُمُ``, ``تُُت``, ``َسسَ``).
_REPEATED_CLUSTER: Final = re.compile(
    f"({_ONE_MARK})({_CARRIER})(?:\\1\\2?)*\\1\\2"
    f"|({_CARRIER})({_ONE_MARK})(?:\\3?\\4)*\\3\\4"
    f"|({_CARRIER})({_ONE_MARK})\\6\\5"
    f"|({_ONE_MARK})({_CARRIER})\\8\\7"
    f"|({_CARRIER})\\9({_ONE_MARK})\\10")
#: Any of the marks :data:`_REPEATED_CLUSTER` looks for.
_ANY_MARK: Final = re.compile(_ONE_MARK)
#: What no written word holds: a mark that starts it, or one mark twice on a letter.
_NO_SPELLING: Final = re.compile(f"^{_ONE_MARK}|({_ONE_MARK})\\1")


_ONE_MARK_SET: Final = frozenset(chr(code) for code in range(0x064B, 0x0656)) | {"\u0670"}


def _one_cluster(match: re.Match[str]) -> str:
    """The letter of a repeated cluster followed by its mark, written once; a letter and its mark
    twice in the same order (``مُمُ``) is left alone, as vocalised words hold it (``تَتَبُّع``)."""
    groups = match.groups()
    if groups[2] is not None and not _NO_SPELLING.search(match.group()):
        return match.group()
    for first in range(0, 10, 2):
        if groups[first] is not None:
            one, two = groups[first], groups[first + 1]
            return (two + one) if one[0] in _ONE_MARK_SET else (one + two)
    return match.group()


def collapse_cluster(word: str, lm: LanguageModel) -> str:
    """``word`` with a letter and its mark written once where an extractor wrote them several times.

    Typst's text layer gives every glyph of a cluster (a letter and the mark on it) the whole
    cluster's text, so extractors write it once per glyph, in either order (``ُتُتن`` for
    ``تُن``, ``مجلٔهٔٔه`` for ``مجلهٔ``). Collapsed only where the word cannot be written so (a mark
    first, or one mark twice on a letter) or the lexicon does not know it: vocalised words such
    as ``عَدَدَ`` repeat a letter and its mark too.

    >>> lm = LanguageModel()
    >>> collapse_cluster("\N{ARABIC DAMMA}ت\N{ARABIC DAMMA}تن", lm) == "ت\N{ARABIC DAMMA}ن"
    True
    >>> tanwin = "\N{ARABIC FATHATAN}"
    >>> collapse_cluster("شخص" + (tanwin + "ا") * 3, lm) == "شخصا" + tanwin
    True
    >>> word = "ع\N{ARABIC FATHA}د\N{ARABIC FATHA}د\N{ARABIC FATHA}"
    >>> collapse_cluster(word, lm) == word
    True
    >>> word = "ت\N{ARABIC FATHA}ت\N{ARABIC FATHA}ب\N{ARABIC DAMMA}\N{ARABIC SHADDA}ع"
    >>> collapse_cluster(word, lm) == word
    True
    """
    collapsed = _REPEATED_CLUSTER.sub(_one_cluster, word)
    if _NO_SPELLING.search(word) or not lm.known(word):
        return collapsed
    return word


def collapse_clusters(line: str, lm: LanguageModel) -> str:
    """Every word of ``line`` through :func:`collapse_cluster`."""
    return WORD_RE.sub(lambda m: collapse_cluster(m.group(), lm), line)


def count_repeated_clusters(line: str, lm: LanguageModel) -> int:
    """How many words of ``line`` :func:`collapse_cluster` changes."""
    if _ANY_MARK.search(line) is None:
        return 0  # every repeated cluster holds a mark
    return sum(1 for m in WORD_RE.finditer(line) if _REPEATED_CLUSTER.search(m.group())
               and collapse_cluster(m.group(), lm) != m.group())


def _mark_after(match: re.Match[str]) -> str:
    """A cluster written once, mark first: the mark after its letter."""
    return match.group(2) + match.group(1)


def _drop_plain_hamza(match: re.Match[str]) -> str:
    """As :func:`_mark_after`, but a hamza written once on a final heh goes (Typst)."""
    if match.group(1) == HAMZA_ABOVE and match.group(2) == _HEH:
        return match.group(2)
    return _mark_after(match)


def count_cluster_marks(line: str) -> int:
    """How many mark-first or doubled clusters ``line`` holds."""
    if not any(mark in line for mark in _CARRIED):
        return 0  # every such cluster holds a hamza above or a fathatan
    return (len(_DOUBLED.findall(line)) + len(_MARK_FIRST.findall(line)) + len(_CUT_CLUSTER.findall(line))
            + len(_HAMZA_THEN_YEH.findall(line)))


def count_doubled_clusters(line: str) -> int:
    """How many clusters ``line`` writes twice (``یافتٔهٔه``: Typst's real ``هٔ``)."""
    return len(_DOUBLED.findall(line))
