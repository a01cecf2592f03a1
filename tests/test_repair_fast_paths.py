"""The fast paths of the repair give what the plain ways of computing the same thing give.

Each fast path (a lookup by key instead of a lookup per spelling, a scan of a line's words instead
of a regular-expression search per pair, a jump to the next character that matters) must not
change a single result; these tests compare both ways on texts built to reach the corners.
"""

from __future__ import annotations

import random
import unicodedata

import pytest

from kaghaz.chars import ZWNJ, fold_presentation_forms, is_presentation_form
from kaghaz.lexicon import _FOLD_AND_STRIP, _lexicon_words, lookup_key
from kaghaz.repair.langmodel import _pair_tokens, default_language_model, pair_tokens
from kaghaz.repair.runs import _LTR_RUN, _LTR_START, CUTTINGS, Cutting, Run, RunKind, split_runs
from kaghaz.repair.text import WORD_RE, words
from kaghaz.repair.words import _SPACED_PAIR, _zwnj_spellings, count_shifted_gaps, most_common_spelling, shift_gap

LINES = [
    "که سالها راند هاند و م یاندازد",
    "پیکری-دستگاه حسی (۲۰۵ و ۲۷۰ مایل)، نام۲۰۰۸  چاپ Time Canada",
    "«پ» کتاب\u200cهای ما ،ايران ؛ يك - — – ‐ [متن] {x} 12.5%",
    "ع\N{ARABIC FATHA}د\N{ARABIC FATHA}د میشود فیسلیفتهای حرفهای",
    "",
    "   ",
]


def _plain_key(word: str) -> str:
    folded = word.translate(_FOLD_AND_STRIP)
    if folded.isascii() or max(folded) <= "\uffff":
        return folded
    return "".join(c for c in folded if unicodedata.category(c) != "Mn")


@pytest.mark.parametrize("start", range(0, 0x110000, 0x8800))
def test_lookup_key_matches_translation(start: int) -> None:
    for code in range(start, min(start + 0x8800, 0x110000)):
        if 0xD800 <= code < 0xE000:
            continue
        word = "ک" + chr(code) + "ی"
        assert lookup_key(word) == _plain_key(word)


def test_presentation_forms_fold_as_nfkc_one_by_one() -> None:
    for code in range(0xFB00, 0xFF00):
        text = "ب" + chr(code) + "\N{ARABIC LIGATURE LAM WITH ALEF ISOLATED FORM}"
        plain = "".join(unicodedata.normalize("NFKC", c) if is_presentation_form(c) else c for c in text)
        assert fold_presentation_forms(text) == plain


def test_most_common_spelling_is_the_best_lookup() -> None:
    lm = default_language_model()
    rng = random.Random(7)
    keys = sorted(k.replace(ZWNJ, "") for k, _ in _lexicon_words(lm.lexicon) if ZWNJ in k)
    extra = "\u064a\u0643\u0640\u064e\u0650\u0651\u06c0\u0649"
    for _ in range(400):
        word = list(rng.choice(keys) + (rng.choice(keys) if rng.random() < 0.5 else ""))
        for _ in range(rng.randint(0, 2)):
            word.insert(rng.randint(0, len(word)), rng.choice(extra))
        text = "".join(word)
        best, best_freq = text, 0.0
        for spelling in _zwnj_spellings(text):
            freq = lm.lexicon.frequency(spelling)
            if freq > best_freq:
                best, best_freq = spelling, freq
        assert most_common_spelling(text, lm) == (best, best_freq)


def _scanned_gaps(line: str) -> int:
    lm = default_language_model()
    count = position = 0
    while (match := _SPACED_PAIR.search(line, position)) is not None:
        if shift_gap(match.group(1), match.group(2), lm) is None:
            position = match.start(2)
        else:
            count += 1
            position = match.end()
    return count


@pytest.mark.parametrize("line", LINES + [line[::-1] for line in LINES])
def test_shifted_gaps_counted_as_the_search_finds_them(line: str) -> None:
    assert count_shifted_gaps(line, default_language_model()) == _scanned_gaps(line)


def _runs_by_character(line: str, cutting: Cutting) -> list[Run]:
    runs: list[Run] = []
    position = start = 0
    while position < len(line):
        match = _LTR_RUN.match(line, position) if _LTR_START.match(line[position]) else None
        if match is not None:
            if position > start:
                runs.append(Run(line[start:position], RunKind.RTL))
            runs.append(Run(match.group(), RunKind.LTR))
            position = start = match.end()
        elif cutting.separate(line[position]):
            if position > start:
                runs.append(Run(line[start:position], RunKind.RTL))
            runs.append(Run(line[position], RunKind.SEPARATE))
            position = start = position + 1
        else:
            position += 1
    if len(line) > start:
        runs.append(Run(line[start:], RunKind.RTL))
    return runs


@pytest.mark.parametrize("line", LINES)
def test_runs_split_as_character_by_character(line: str) -> None:
    for cutting in CUTTINGS:
        assert split_runs(line, cutting) == _runs_by_character(line, cutting)


@pytest.mark.parametrize("line", LINES)
def test_remembered_word_lists_are_new_lists(line: str) -> None:
    found = words(line)
    found.append("x")
    assert words(line) == WORD_RE.findall(line)
    tokens = pair_tokens(line)
    tokens.append("x")
    assert pair_tokens(line) == list(_pair_tokens.__wrapped__(line))
