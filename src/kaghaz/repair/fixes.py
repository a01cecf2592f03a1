"""Small named fixes that need no context beyond the line they change.

Each fix is a pure ``str -> str`` function of one line body, safe to run on clean text: it changes
nothing that clean Persian contains. Fixes that need evidence from the document (lam-alef order,
mirrored brackets, lost ZWNJ) live in :mod:`kaghaz.repair.words` and are only run where
:mod:`kaghaz.repair.diagnosis` found that evidence.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Final

from bidi import get_display

from kaghaz.chars import BIDI_CONTROLS, fold_presentation_forms
from kaghaz.repair.text import ARABIC_LETTER_CLASS

_LRE: Final = "\N{LEFT-TO-RIGHT EMBEDDING}"
_LRO: Final = "\N{LEFT-TO-RIGHT OVERRIDE}"
_PDF: Final = "\N{POP DIRECTIONAL FORMATTING}"
_LTR_EMBEDDING: Final = re.compile(f"[{_LRE}{_LRO}]([^{''.join(sorted(BIDI_CONTROLS))}]*){_PDF}")
_CONTROLS: Final = re.compile(f"[{''.join(sorted(BIDI_CONTROLS))}]")
#: C0 controls other than tab, line feed, form feed and carriage return. LibreOffice's justified
#: text carries its kashida as U+0004, U+0005 and U+001E, which mean "these letters join".
_STRAY_CONTROLS: Final = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")


def resolve_ltr_embeddings(line: str) -> str:
    """Turn each left-to-right embedding (``LRE ... PDF``) into logical order and drop its controls.

    pdftotext writes every left-to-right run inside a right-to-left line as an embedding whose
    content is in *visual* order: ``LRE " ." PDF`` for a full stop and the space after it,
    ``LRE " ۱۰–۲۰۰۹" PDF`` for ``۲۰۰۹–۱۰``. The content is put back in logical order with the
    Unicode bidi algorithm (python-bidi), read as a run inside a right-to-left paragraph.

    >>> lre, pdf = "\N{LEFT-TO-RIGHT EMBEDDING}", "\N{POP DIRECTIONAL FORMATTING}"
    >>> resolve_ltr_embeddings("منتشر شد" + lre + " ." + pdf + "تایم")
    'منتشر شد. تایم'
    >>> resolve_ltr_embeddings("نام \N{LEFT-TO-RIGHT EMBEDDING} Time Canada\N{POP DIRECTIONAL FORMATTING}چاپ")
    'نام Time Canada چاپ'
    """
    if _LRE not in line and _LRO not in line:
        return line
    return _LTR_EMBEDDING.sub(lambda m: get_display(m.group(1), base_dir="R"), line)


def drop_direction_controls(line: str) -> str:
    """Remove invisible bidi controls (marks, embeddings, overrides, isolates).

    Extracted text is stored in logical order; these characters only steered how some program
    displayed it, and they break searching and comparing. ZWNJ and ZWJ are not direction controls
    and stay.

    >>> drop_direction_controls("\N{RIGHT-TO-LEFT EMBEDDING}سلام\N{POP DIRECTIONAL FORMATTING}")
    'سلام'
    """
    return _CONTROLS.sub("", line) if _CONTROLS.search(line) else line


def drop_stray_controls(line: str) -> str:
    """Remove C0 control characters that no text contains (kashida markers, NUL, escape).

    Tab, line feed, form feed and carriage return are kept: they carry layout.

    >>> drop_stray_controls("نس\\x05تین")
    'نستین'
    """
    return _STRAY_CONTROLS.sub("", line) if _STRAY_CONTROLS.search(line) else line


_CID: Final = re.compile(r"\(cid:\d+\)")


def drop_cid_markers(line: str) -> str:
    """Remove pdfminer's ``(cid:N)`` stand-ins for glyphs without a Unicode mapping.

    In Persian text from LibreOffice they stand for the kashida of justified lines, which carries
    no letter; elsewhere they carry nothing a reader could use either.

    >>> drop_cid_markers("نخس(cid:5)(cid:5)تین")
    'نخستین'
    """
    return _CID.sub("", line) if "(cid:" in line else line


_LETTER: Final = f"[{ARABIC_LETTER_CLASS}]"
_ONE_LETTER: Final = re.compile(_LETTER)
_CONTROL_CHARS: Final = "".join(sorted(BIDI_CONTROLS))
#: ASCII ``1`` inside a Persian word: a kashida glyph some fonts map to the digit one.
KASHIDA_ONES: Final = re.compile(f"(?<={_LETTER})1+(?={_LETTER})")
_KASHIDA_ONES_AT_EDGE: Final = re.compile(f"(?<={_LETTER})1+(?=\\s|$)|(?<=\\s)1+(?={_LETTER})|^1+(?={_LETTER})")


#: Symbols that never stand inside a Persian word, so that one of them seen there again and again is
#: the kashida glyph under another code (a font subset numbers its glyphs as it likes; MuPDF writes
#: the replacement character for a glyph it cannot map).
KASHIDA_SYMBOLS: Final = "+*#$&=@^_`|~<>\\!?%\N{REPLACEMENT CHARACTER}"
#: Times a symbol must stand between two letters of a word to be taken for the kashida glyph.
KASHIDA_SEEN: Final = 3
#: ASCII digits that may be the kashida glyph's code (``2`` in ``مح2وم``): a digit glued between two
#: letters is also a number whose spaces an extractor lost, so a digit must stand so this many
#: times, and in three quarters of the places it stands.
_DIGIT_STAND_INS: Final = "023456789"
KASHIDA_SEEN_DIGIT: Final = 8


def _symbol_runs(line: str, symbol: str) -> list[tuple[int, int, bool, bool]]:
    """Each run of ``symbol`` in ``line``: where, and whether a Persian letter stands right before
    and right after it (direction controls between them do not count)."""
    runs = []
    for match in re.finditer(f"{re.escape(symbol)}+", line):
        before = line[:match.start()].rstrip(_CONTROL_CHARS)[-1:]
        after = line[match.end():].lstrip(_CONTROL_CHARS)[:1]
        runs.append((match.start(), match.end(), bool(_ONE_LETTER.match(before)), bool(_ONE_LETTER.match(after))))
    return runs


#: A character of no Arabic script glued to the end of a Persian letter (direction controls between
#: them skipped), nor a digit or the punctuation that writers glue to words.
_AFTER_LETTER: Final = re.compile(
    f"{_LETTER}[{_CONTROL_CHARS}]*([^\\s{_CONTROL_CHARS}\u0600-\u06ff\ufb50-\ufeff1.,:;/()\\-])")


def may_stand_in(char: str) -> bool:
    """True if ``char`` may be the kashida glyph under another code: one of :data:`KASHIDA_SYMBOLS`,
    a letter of another script (a simple font's code read through its encoding: ``R``), another
    symbol, an apostrophe, or a typographic quote other than a guillemet (``'``,
    ``\N{RIGHT SINGLE QUOTATION MARK}``: the glyph named ``quoteright`` in the subset).
    An ASCII digit other than ``1`` (which is read apart: :data:`KASHIDA_ONES`) may too, on
    stricter evidence (:data:`KASHIDA_SEEN_DIGIT`). Never an Arabic-script character, a bracket, a
    dash or the punctuation that writers glue to words (``.``, ``\u060c``, ``/``).

    >>> [may_stand_in(c) for c in ("+", "R", "\N{RIGHT SINGLE QUOTATION MARK}", "\u00ab", ".", "(", "1", "\u200c")]
    [True, True, True, False, False, False, False, False]
    """
    if char in KASHIDA_SYMBOLS or char == "'" or char in _DIGIT_STAND_INS:
        return True
    if "\u0600" <= char <= "\u06ff" or "\ufb50" <= char <= "\ufeff" or char in "\u00ab\u00bb":
        return False
    category = unicodedata.category(char)
    return category in ("Lu", "Ll", "Sm", "Sc", "Sk", "So", "Pi", "Pf")


def kashida_stand_in(lines: Iterable[str]) -> str | None:
    """The symbol that stands for LibreOffice's kashida glyph in ``lines``, if any: a character
    that :func:`may_stand_in`, standing inside Persian words at least :data:`KASHIDA_SEEN` times, and
    in at least half of all the places it stands.

    >>> kashida_stand_in(["در+هق+ذار ک++ی ارزش بگ+ه"]), kashida_stand_in(["۲ + ۳ = ۵"] * 3)
    ('+', None)
    >>> kashida_stand_in(["نسRRروزه مR کRRان ایجRRکرد", "the Rover"]), kashida_stand_in(["ایمیل Rita و Rob"] * 3)
    ('R', None)
    """
    lines = list(lines)
    symbols = {char for line in lines for char in _AFTER_LETTER.findall(line) if may_stand_in(char)}
    inside: dict[str, int] = {}
    seen: dict[str, int] = {}
    for line in lines:
        for symbol in symbols:
            if symbol in line:
                runs = _symbol_runs(line, symbol)
                seen[symbol] = seen.get(symbol, 0) + len(runs)
                inside[symbol] = inside.get(symbol, 0) + sum(1 for *_, before, after in runs if before and after)
    found = [s for s, count in inside.items() if _enough(s, count, seen[s])]
    return max(found, key=lambda s: inside[s]) if found else None


def _enough(symbol: str, inside: int, seen: int) -> bool:
    """True if ``symbol``, standing ``inside`` times between two letters of a word out of ``seen``
    runs, is the kashida glyph's code (a digit on stricter evidence).

    >>> _enough("+", 3, 6), _enough("2", 3, 3), _enough("2", 9, 12), _enough("2", 9, 13)
    (True, False, True, False)
    """
    if symbol in _DIGIT_STAND_INS:
        return inside >= KASHIDA_SEEN_DIGIT and 4 * inside >= 3 * seen
    return inside >= KASHIDA_SEEN and 2 * inside >= seen


def kashida_as_ones(line: str, symbol: str) -> str:
    """``line`` with ``symbol`` written as ``1`` where it stands inside or at the edge of a Persian
    word, so that the kashida fixes read it (:data:`KASHIDA_ONES`).

    >>> kashida_as_ones("در+هق+ذار ک++ی بگ+ه ۲ + ۳", "+")
    'در1هق1ذار ک11ی بگ1ه ۲ + ۳'
    """
    if symbol not in line:
        return line
    out = []
    position = 0
    for start, stop, before, after in _symbol_runs(line, symbol):
        if before or after:
            out += [line[position:start], "1" * (stop - start)]
            position = stop
    return "".join(out) + line[position:]


def drop_kashida_ones(line: str) -> str:
    """Remove the digit ``1`` where it stands inside or at the edge of a Persian word.

    LibreOffice's justified text with some fonts draws kashida with a glyph that extractors map to
    ``1`` (``ک11ه`` for ``که``). The engine runs this only on documents that show it inside words.

    >>> drop_kashida_ones("مسایل م1ذهبی در ام1ر سیاس11ت")
    'مسایل مذهبی در امر سیاست'
    """
    if "1" not in line:
        return line
    return _KASHIDA_ONES_AT_EDGE.sub("", KASHIDA_ONES.sub("", line))


_DIGIT: Final = "[0-9\u06f0-\u06f9\u0660-\u0669]"
#: A Persian letter with a number stuck to it.
GLUED_NUMBER: Final = re.compile(f"(?<={_LETTER}){_DIGIT}")
#: A Persian letter, a space, a number.
SPACED_NUMBER: Final = re.compile(f"(?<={_LETTER}) {_DIGIT}")


def space_glued_numbers(line: str) -> str:
    """Put back the space PyMuPDF drops between a word and the number after it.

    >>> space_glued_numbers("نام پژو۴۰۶ عرضه شد")
    'نام پژو ۴۰۶ عرضه شد'
    """
    return GLUED_NUMBER.sub(lambda m: " " + m.group(), line)


#: A line that starts with the punctuation that ended it (PyMuPDF moves it there).
_CLOSERS_CLASS: Final = ".:!\N{ARABIC COMMA}\N{ARABIC SEMICOLON}\N{ARABIC QUESTION MARK}"
#: A full stop may stand apart from the first word by a space (the space that began the run
#: PyMuPDF turned round: ``. خوانده شد``); a comma or colon so placed is as often where the
#: writer put it, after a number or Latin word that PyMuPDF left on the line before (``۱۲`` /
#: ``، سپس ...``). A line that still ends with a full stop or question mark keeps its first mark
#: (``. نگه داری میکنه.``): what PyMuPDF moves to the front is the line's last mark.
_LEADING_CLOSER: Final = re.compile(f"^(\\s*)(?:([{_CLOSERS_CLASS}])|(\\.) )(?={_LETTER})"
                                    "(?!.*[.!?\N{ARABIC QUESTION MARK}]\\s*$)")


def move_leading_punctuation(line: str) -> str:
    """Move a clause-closing mark from the start of a line, stuck to its first word, to its end.

    PyMuPDF writes the last character of a right-to-left line first when it is punctuation
    (``.دیدگاه|های خود را ... بیان می|کند``).

    >>> move_leading_punctuation("،سردبیر این مجله ... ورزش")
    'سردبیر این مجله ... ورزش،'
    >>> move_leading_punctuation(". خوانده شد")
    'خوانده شد.'
    >>> move_leading_punctuation(". خوانده شد.")
    '. خوانده شد.'
    """
    match = _LEADING_CLOSER.match(line)
    if match is None:
        return line
    return match.group(1) + line[match.end():].rstrip() + (match.group(2) or match.group(3))


#: A list number whose full stop came out before it (``.۱ واژه ها`` for ``۱. واژه ها``): PDFium and
#: PyMuPDF write the number and its stop at the start of a right-to-left line in drawing order.
_STOP_BEFORE_NUMBER: Final = re.compile(f"^(\\s*)\\.({_DIGIT}{{1,3}})(?=\\s+{_LETTER})")


def turn_list_number(line: str) -> str:
    """Put a list number's full stop back after it.

    >>> turn_list_number(".۱ واژه های تأکیدی")
    '۱. واژه های تأکیدی'
    >>> turn_list_number("1. تولید دیتاست")
    '1. تولید دیتاست'
    """
    return _STOP_BEFORE_NUMBER.sub(lambda m: f"{m.group(1)}{m.group(2)}.", line, count=1)


def has_stop_before_number(line: str) -> bool:
    """True if :func:`turn_list_number` would change ``line``."""
    return _STOP_BEFORE_NUMBER.match(line) is not None


def has_leading_punctuation(line: str) -> bool:
    """True if :func:`move_leading_punctuation` would change ``line``."""
    return _LEADING_CLOSER.match(line) is not None


_NUMBER_RUN: Final = re.compile(f"{_DIGIT}+(?:[\\u066b\\u066c.,/]{_DIGIT}+)*")
#: Years as Persian text mostly writes them: solar and lunar Hijri of the last two centuries (1300 to
#: 1499) and Gregorian; older years are rare enough that a number which reads as one only backwards
#: (۱۶۰۱: 1061) is no evidence.
_YEAR: Final = re.compile(r"1[34]\d\d|19\d\d|20[0-3]\d")
_TO_ASCII: Final = str.maketrans("\u06f0\u06f1\u06f2\u06f3\u06f4\u06f5\u06f6\u06f7\u06f8\u06f9"
                                 "\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669",
                                 "01234567890123456789")


_FOUR_DIGITS: Final = re.compile(f"(?<!{_DIGIT}){_DIGIT}{{4}}(?!{_DIGIT})")


def four_digit_numbers(lines: Iterable[str]) -> set[str]:
    """The different four-digit numbers of ``lines`` (one written twice is one piece of evidence).

    >>> sorted(four_digit_numbers(["در ۱۳۹۸ و ۱۳۹۸", "سال 2020"]))
    ['2020', '۱۳۹۸']
    """
    return {match.group() for line in lines for match in _FOUR_DIGITS.finditer(line)}


def year_evidence(line: str) -> tuple[int, int]:
    """Four-digit numbers of ``line`` that read as a year as written, and read backwards.

    >>> year_evidence("در سال ۱۹۲۳ و ۸۰۰۲")
    (1, 1)
    """
    forward = backward = 0
    for match in _FOUR_DIGITS.finditer(line):
        digits = match.group().translate(_TO_ASCII)
        forward += bool(_YEAR.fullmatch(digits))
        backward += bool(_YEAR.fullmatch(digits[::-1]))
    return forward, backward


def reverse_numbers(line: str) -> str:
    """Write every number of ``line`` the other way round (pypdf writes ``۳۲۹۱`` for ``۱۹۲۳``).

    The engine runs this only on documents whose four-digit numbers read as years backwards.

    >>> reverse_numbers("مارس ۳۲۹۱ و ۸٫۵ میلیون")
    'مارس ۱۹۲۳ و ۵٫۸ میلیون'
    """
    return _NUMBER_RUN.sub(lambda m: m.group()[::-1], line)


def fold_presentation(line: str) -> str:
    """Replace Arabic presentation forms by the letters they show (``ﺗﺎﯾﻢ`` becomes ``تایم``).

    >>> fold_presentation("\N{ARABIC LETTER TEH INITIAL FORM}\N{ARABIC LETTER ALEF FINAL FORM}")
    'تا'
    """
    return fold_presentation_forms(line)
