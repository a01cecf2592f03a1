"""Document-wide decisions (kaghaz.layout.document) and blocks (kaghaz.layout.blocks)."""

from __future__ import annotations

import pytest

from kaghaz.layout.blocks import is_page_number
from kaghaz.layout.document import (
    brackets_are_mirrored,
    keep_keyboard_consistent,
    letter_from_font,
    matched_pairs,
    reads_as_arabic,
    settle_brackets,
)
from kaghaz.model import BBox, Direction, Line


def line(text: str, mirrorable: tuple[int, ...] = ()) -> Line:
    return Line(text, tuple(range(len(text))), BBox(0, 0, 100, 10), Direction.RTL, 12.0, mirrorable)


def brackets_at(text: str) -> tuple[int, ...]:
    return tuple(i for i, c in enumerate(text) if c in "()[]«»")


def test_layout_document_brackets_mirrored_when_swapping_pairs_them() -> None:
    lines = [line(t, brackets_at(t)) for t in [")فاراب(", "»پژو پارس«", "(درست)"]]
    assert brackets_are_mirrored(lines)
    assert settle_brackets(lines[0], mirrored=True).orig == "(فاراب)"


def test_layout_document_brackets_left_alone_when_they_pair() -> None:
    lines = [line(t, brackets_at(t)) for t in ["(فاراب)", "«پژو»"]]
    assert not brackets_are_mirrored(lines)
    assert settle_brackets(lines[0], mirrored=False).orig == "(فاراب)"


def test_layout_document_one_bracket_next_to_latin_is_settled_alone() -> None:
    text = "(به دانمارکی: Danmark("
    assert settle_brackets(line(text, (0, len(text) - 1)), mirrored=False).orig == "(به دانمارکی: Danmark)"


@pytest.mark.parametrize(("brackets", "pairs"), [("()", 1), (")(", 0), ("(())", 2), ("«»()", 2), ("(]", 0)])
def test_layout_document_matched_pairs(brackets: str, pairs: int) -> None:
    assert matched_pairs(brackets) == pairs


def test_layout_document_font_yeh_is_recognised_by_position() -> None:
    # XeLaTeX + Nazli: joining forms come out as Arabic yeh, final ones as alef maksura
    assert letter_from_font(["ايرانى پژوهشگر مى گويد", "يک کتاب"], "ي", "ىی")
    # an Arabic keyboard writes Arabic yeh at word ends too: that is the text, not the font
    assert not letter_from_font(["ايراني پژوهشگر مي گويد"], "ي", "ىی")
    # not Persian at all (no Persian-only letter): left alone
    assert not letter_from_font(["قال النبى في المدينة"], "ي", "ىی")


def test_layout_document_arabic_text_is_not_persianised() -> None:
    assert reads_as_arabic("قال النبي الكريم في المدينة المنورة")
    assert not reads_as_arabic("این پژوهش در کتابخانه انجام شد")


def test_layout_document_arabic_keyboard_words_stay_consistent() -> None:
    assert keep_keyboard_consistent("كلیدي") == "كليدي"
    assert keep_keyboard_consistent("مقایسه و بررسی") == "مقایسه و بررسی"


@pytest.mark.parametrize(("text", "expected"), [
    ("۱۲", True), ("- 3 -", True), ("صفحه ۳", True), ("3 / 10", True), ("Page 4", True),
    ("سال ۱۳۹۹", False), ("۱۲ فروردین", False), ("", False),
])
def test_layout_blocks_page_numbers(text: str, expected: bool) -> None:
    assert is_page_number(text) is expected
