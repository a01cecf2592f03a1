"""Decisions that need the whole document: one page rarely holds enough evidence for them.

- **Mirrored brackets and quotes.** In a right-to-left run a bracket is drawn mirrored. Some producers
  map the drawn glyph to the character it looks like (LibreOffice, Chromium, Typst, WeasyPrint: a
  logical ``(`` comes out as ``)``), others to the logical character (XeLaTeX). Which one a document
  does shows in how its brackets pair up: in logical order an opening bracket comes before its
  closing one. All brackets in right-to-left runs are swapped when swapping makes more pairs match.
- **Arabic yeh and kaf from a font.** Some Persian fonts map Persian ``ی ک`` to the Arabic code points
  ``ي ى ك`` (XeLaTeX with xepersian and Nazli). When a document uses no Persian ``ی`` at all but does
  use Arabic yeh, the Arabic forms are taken back to Persian, except in paragraphs that read as
  Arabic (no Persian-only letter, and Arabic-only letters such as ``ة`` or the article ``ال`` on many
  words). Kaf is decided the same way, independently.
- **Lam-alef mapped to a lone lam** (:mod:`kaghaz.layout.lamalef`): which glyph shapes stand for
  ``لا`` is learned from the words of the whole document.
- **Line-level text fixes** that need no geometry: Latin letters mapped to Roman numerals, numbers
  whose digits mix ASCII and Persian ones (:func:`unify_digit_runs`).
- **Running headers and footers.** A block in the top or bottom band of the page whose text, digits
  aside, recurs on other pages is a header or a footer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from kaghaz.chars import ALEF_MAKSURA, ARABIC_KAF, ARABIC_YEH, FARSI_YEH, KEHEH, MIRROR_PAIRS, TEH_MARBUTA
from kaghaz.layout.blocks import MARGIN_BAND
from kaghaz.layout.lamalef import restore_lam_alef
from kaghaz.model import Block, BlockKind, Line, Page

_OPENERS = frozenset("([{<\N{LEFT-POINTING DOUBLE ANGLE QUOTATION MARK}\N{SINGLE LEFT-POINTING ANGLE QUOTATION MARK}")
_PERSIAN_ONLY = frozenset("پچژگ")
_DIGITS = re.compile(r"[0-9۰-۹٠-٩]+")
_ARABIC_ARTICLE = re.compile(r"(?:^|\s)ال\w")


def matched_pairs(brackets: str) -> int:
    """How many opening brackets meet their closing partner, scanning in logical order.

    >>> matched_pairs("()«»"), matched_pairs(")(»«")
    (2, 0)
    """
    stack: list[str] = []
    matched = 0
    for char in brackets:
        if char in _OPENERS:
            stack.append(MIRROR_PAIRS[char])
        elif stack and char == stack[-1]:
            stack.pop()
            matched += 1
    return matched


def brackets_are_mirrored(lines: Sequence[Line]) -> bool:
    """True if swapping the brackets of right-to-left runs makes more of them pair up."""
    as_is = swapped = 0
    for line in lines:
        if not line.mirrorable:
            continue
        chars = "".join(line.orig[i] for i in line.mirrorable)
        as_is += matched_pairs(chars)
        swapped += matched_pairs("".join(MIRROR_PAIRS[c] for c in chars))
    return swapped > as_is


def _depth(brackets: str) -> int:
    """Deepest nesting of opening brackets in a sequence.

    >>> _depth("(())"), _depth("()()")
    (2, 1)
    """
    depth = deepest = 0
    for char in brackets:
        if char in _OPENERS:
            depth += 1
            deepest = max(deepest, depth)
        elif depth:
            depth -= 1
    return deepest


def _next_to_latin(text: str, index: int) -> bool:
    """True if the nearest letter on one side of ``text[index]`` is Latin and on the other is not."""
    sides = []
    for step in (-1, 1):
        j = index + step
        while 0 <= j < len(text) and not text[j].isalpha():
            j += step
        sides.append(0 <= j < len(text) and text[j].isascii())
    return sides[0] != sides[1]


def settle_brackets(line: Line, mirrored: bool) -> Line:
    """The line with the brackets of its right-to-left runs swapped or not, as the document does.

    Then the opposite choice for a bracket where it makes more brackets of the line pair up, and,
    for the brackets at a boundary between Latin and Persian (producers do not treat those the way
    they treat the others), where pairs come out side by side rather than nested.

    >>> from kaghaz.model import BBox, Direction
    >>> line = Line("(به دانمارکی: Danmark(", (), BBox(0, 0, 1, 1), Direction.RTL, 12.0, (0, 21))
    >>> settle_brackets(line, mirrored=False).orig
    '(به دانمارکی: Danmark)'
    >>> text = "(به فرانسوی: Benzema( )زاده لیون)"
    >>> settle_brackets(Line(text, (), BBox(0, 0, 1, 1), Direction.RTL, 12.0, (0, 20, 22, 32)), False).orig
    '(به فرانسوی: Benzema) (زاده لیون)'
    """
    if not line.mirrorable:
        return line
    chars = list(line.orig)
    if mirrored:
        for i in line.mirrorable:
            chars[i] = MIRROR_PAIRS[chars[i]]
    bracket_at = [i for i, c in enumerate(chars) if c in MIRROR_PAIRS]

    def score() -> tuple[int, int]:
        brackets = "".join(chars[i] for i in bracket_at)
        return matched_pairs(brackets), -_depth(brackets)

    best = score()
    for i in line.mirrorable:
        chars[i] = MIRROR_PAIRS[chars[i]]
        now = score()
        if now[0] > best[0]:
            best = now
        else:
            chars[i] = MIRROR_PAIRS[chars[i]]
    boundary = [i for i in line.mirrorable if _next_to_latin(line.orig, i)][:6]
    if boundary:
        start = chars[:]
        best_chars = chars[:]
        for mask in range(1, 1 << len(boundary)):
            chars[:] = start
            for bit, i in enumerate(boundary):
                if mask >> bit & 1:
                    chars[i] = MIRROR_PAIRS[chars[i]]
            now = score()
            if now > best:
                best, best_chars = now, chars[:]
        chars[:] = best_chars
    text = "".join(chars)
    return line if text == line.orig else replace(line, orig=text)


def reads_as_arabic(text: str) -> bool:
    """True for text in Arabic rather than Persian: no Persian-only letter, and Arabic-only signs.

    >>> reads_as_arabic("قال النبي الكريم في المدينة"), reads_as_arabic("این پژوهش در کتابخانه")
    (True, False)
    """
    if any(c in _PERSIAN_ONLY for c in text):
        return False
    words = text.split()
    if not words:
        return False
    article = len(_ARABIC_ARTICLE.findall(" " + text))
    return TEH_MARBUTA in text or article >= max(2, len(words) // 4)


_YEH_TO_PERSIAN = str.maketrans({ARABIC_YEH: FARSI_YEH, ALEF_MAKSURA: FARSI_YEH})
_KAF_TO_PERSIAN = str.maketrans({ARABIC_KAF: KEHEH})


_WORD = re.compile(r"[\u0600-\u06ff]+")


def _positions(texts: Sequence[str], letters: str) -> tuple[int, int]:
    """How often any of ``letters`` ends a word, and how often it stands inside one."""
    final = inner = 0
    for text in texts:
        for word in _WORD.findall(text):
            final += word[-1] in letters
            inner += sum(word[:-1].count(c) for c in letters)
    return final, inner


def letter_from_font(texts: Sequence[str], arabic: str, persian_final: str) -> bool:
    """True if an Arabic letter appears the way a font mapping the shapes of a Persian one writes it.

    Such a font maps the joining forms of Persian ``ی`` (or ``ک``) to Arabic ``ي`` (``ك``), which then
    almost never ends a word, while word ends show the Persian letter or ``ى``. A typist using an
    Arabic keyboard writes the Arabic letter at word ends too. Only Persian text (with a
    Persian-only letter) is judged.

    >>> letter_from_font(["ايرانى پژوهشگر مى گويد"], "ي", "ىی")
    True
    >>> letter_from_font(["ايراني پژوهشگر مي گويد"], "ي", "ىی")
    False
    """
    joined = "\n".join(texts)
    if not any(c in joined for c in arabic) or not any(c in joined for c in _PERSIAN_ONLY):
        return False
    arabic_final, arabic_inner = _positions(texts, arabic)
    persian_end, _ = _positions(texts, persian_final)
    return arabic_inner > 0 and persian_end > 0 and arabic_final <= 0.1 * (arabic_final + persian_end)


_ARABIC_TYPED_WORD = re.compile(
    "[\u0600-\u06ff]*(?:" + ARABIC_KAF + "[\u0600-\u06ff]*|" + ARABIC_YEH + ")(?![\u0600-\u06ff])")


def keep_keyboard_consistent(text: str) -> str:
    """Inside a word typed on an Arabic keyboard, a Persian ``ی`` that a shared glyph produced is ``ي``.

    Word's PDFs draw the joining forms of Arabic ``ي`` and Persian ``ی`` with one glyph and map it to
    ``ی``, so a word typed as ``كليدي`` comes out as ``كلیدي``. A word that shows Arabic ``ك``, or ends
    in Arabic ``ي``, was typed on an Arabic keyboard; its other yehs are Arabic too. Words without
    such a sign are left alone.

    >>> keep_keyboard_consistent("كلیدي و مقایسه") == "كليدي و مقایسه"
    True
    """
    if ARABIC_KAF not in text and ARABIC_YEH not in text:
        return text
    return _ARABIC_TYPED_WORD.sub(lambda m: m.group(0).replace(FARSI_YEH, ARABIC_YEH), text)


def _running_key(text: str) -> str:
    return _DIGITS.sub("#", text).strip()


def _running_blocks(pages: Sequence[Page]) -> set[tuple[int, int]]:
    """(page index, block index) of blocks that recur in the top or bottom band of several pages."""
    if len(pages) < 3:
        return set()
    seen: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for p, page in enumerate(pages):
        for b, block in enumerate(page.blocks):
            if block.kind == BlockKind.PAGE_NUMBER or not block.text.strip():
                continue
            top = block.bbox.y0 > page.height * (1 - MARGIN_BAND)
            bottom = block.bbox.y1 < page.height * MARGIN_BAND
            if top or bottom:
                seen.setdefault(("top" if top else "bottom", _running_key(block.text)), []).append((p, b))
    needed = max(3, len(pages) // 4)
    found: set[tuple[int, int]] = set()
    for where in seen.values():
        if len({p for p, _ in where}) >= needed:
            found.update(where)
    return found


def yeh_without_arabic_keyboard(texts: Sequence[str]) -> bool:
    """True for Persian text whose Arabic yeh cannot have been typed: its kaf is never Arabic.

    A keyboard that types Arabic ``ي`` types Arabic ``ك`` too; a document with Persian ``ک`` and no
    ``ك`` was typed on a Persian keyboard, and its ``ي`` come from a font that maps some shapes of
    Persian ``ی`` to Arabic yeh (Word for Mac through Quartz).

    >>> yeh_without_arabic_keyboard(["کامپيوتري که پیش"]), yeh_without_arabic_keyboard(["كامپيوتري که"])
    (True, False)
    """
    joined = "\n".join(texts)
    return (ARABIC_YEH in joined and ARABIC_KAF not in joined and KEHEH in joined
            and any(c in joined for c in _PERSIAN_ONLY))


_ROMAN = "ⅠⅤⅩⅬⅭⅮⅯⅰⅴⅹⅼⅽⅾⅿ"
_ROMAN_AS_LATIN = str.maketrans(_ROMAN, "IVXLCDMivxlcdm")
_ANY_ROMAN = re.compile(f"[{_ROMAN}]")
_ROMAN_IN_WORD = re.compile(f"[A-Za-z{_ROMAN}]*[{_ROMAN}][A-Za-z{_ROMAN}]*")


def latin_from_roman_numerals(text: str) -> str:
    """Latin letters that a font mapped to the Roman numerals of the same shape, inside Latin words.

    Some fonts' ToUnicode maps C, D, L, M, d, l, m to ``Ⅽ Ⅾ Ⅼ Ⅿ ⅾ ⅼ ⅿ`` (U+216x): a word that mixes
    them with Latin letters, or is made of several of them, is a Latin word. A lone numeral stays.

    >>> latin_from_roman_numerals("ⅬibReⅽoⅿⅿenⅾer و Ⅻ") == "LibRecommender و Ⅻ"
    True
    """
    if not _ANY_ROMAN.search(text):
        return text
    return _ROMAN_IN_WORD.sub(lambda m: m.group(0).translate(_ROMAN_AS_LATIN) if len(m.group(0)) > 1 else m.group(0),
                              text)


_DIGIT_RUN = re.compile(r"[0-9۰-۹٠-٩](?:[.,٫٬/:][0-9۰-۹٠-٩]|[0-9۰-۹٠-٩])*")
_HAS_ASCII_DIGIT = re.compile(r"[0-9]")
_HAS_EASTERN_DIGIT = re.compile(r"[۰-۹٠-٩]")
_ASCII_AS_PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def unify_digit_runs(text: str) -> str:
    """A number whose digits mix ASCII and Persian ones is written in Persian digits.

    Nobody types ``2۵۶``, but a font can map some of its Persian digit glyphs to ASCII codes (seen
    through Quartz: ``۲`` comes out as ``2`` among correct ``۵۶``). A number that is all ASCII or all
    Persian stays as it is.

    >>> unify_digit_runs("عدد 2۵۶ و ۰.2۵ و 256 و ۲۵۶") == "عدد ۲۵۶ و ۰.۲۵ و 256 و ۲۵۶"
    True
    """
    if not _HAS_ASCII_DIGIT.search(text) or not _HAS_EASTERN_DIGIT.search(text):
        return text

    def unify(match: re.Match[str]) -> str:
        run = match.group(0)
        mixed = _HAS_ASCII_DIGIT.search(run) and _HAS_EASTERN_DIGIT.search(run)
        return run.translate(_ASCII_AS_PERSIAN) if mixed else run

    return _DIGIT_RUN.sub(unify, text)


def _typed_on_arabic_keyboard(texts: Sequence[str]) -> bool:
    """True if many words end in Arabic ``ي``: a document typed (at least partly) on an Arabic keyboard."""
    if not any(ARABIC_YEH in text for text in texts):
        return False
    final, _ = _positions(texts, ARABIC_YEH)
    return final >= 3


def _with_text(line: Line, text: str) -> Line:
    return line if text == line.orig else replace(line, orig=text)


def finish_document(pages: Sequence[Page]) -> list[Page]:
    """Apply the document-wide decisions to every page's lines and blocks."""
    pages = restore_lam_alef(pages)
    all_lines = [line for page in pages for block in page.blocks for line in block.lines]
    mirror = brackets_are_mirrored(all_lines)
    texts = [line.orig for line in all_lines]
    fix_yeh = letter_from_font(texts, ARABIC_YEH, ALEF_MAKSURA + FARSI_YEH) or yeh_without_arabic_keyboard(texts)
    fix_kaf = fix_yeh or letter_from_font(texts, ARABIC_KAF, KEHEH)
    arabic_typed = not fix_yeh and _typed_on_arabic_keyboard(texts)
    running = _running_blocks(pages)
    out: list[Page] = []
    for p, page in enumerate(pages):
        blocks: list[Block] = []
        for b, block in enumerate(page.blocks):
            lines = block.lines
            lines = tuple(settle_brackets(line, mirror) if line.mirrorable else line for line in lines)
            if (fix_yeh or fix_kaf) and not reads_as_arabic(" ".join(line.orig for line in lines)):
                table = {**(_YEH_TO_PERSIAN if fix_yeh else {}), **(_KAF_TO_PERSIAN if fix_kaf else {})}
                lines = tuple(replace(line, orig=line.orig.translate(table)) for line in lines)
            elif arabic_typed:
                lines = tuple(_with_text(line, keep_keyboard_consistent(line.orig)) for line in lines)
            lines = tuple(_with_text(line, unify_digit_runs(latin_from_roman_numerals(line.orig))) for line in lines)
            kind = block.kind
            if (p, b) in running:
                kind = BlockKind.HEADER if block.bbox.y0 > page.height / 2 else BlockKind.FOOTER
            blocks.append(Block(lines, kind, block.bbox))
        out.append(replace(page, blocks=tuple(blocks)))
    return out
