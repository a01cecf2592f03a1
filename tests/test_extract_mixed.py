"""Mixed Persian, Latin, digits and punctuation (samples/mixed-fa.pdf, made with Typst).

The sample's ground truth is the typed text. Typst leaves one glyph of it without a Unicode mapping
(the heh of خانه\N{ZERO WIDTH NON-JOINER}ای), which pdfium drops: that word is the one known difference.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rapidfuzz.distance import Levenshtein

import kaghaz

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


@pytest.fixture(scope="module")
def extracted() -> str:
    return kaghaz.extract(SAMPLES / "mixed-fa.pdf").text.rstrip("\n")


@pytest.fixture(scope="module")
def truth() -> str:
    return (SAMPLES / "mixed-fa.txt").read_text(encoding="utf-8").rstrip("\n")


def test_extract_mixed_paragraphs_and_heading(extracted: str, truth: str) -> None:
    assert len(extracted.split("\n\n")) == len(truth.split("\n\n"))
    assert Levenshtein.distance(extracted, truth) <= 0.01 * len(truth)


@pytest.mark.parametrize("piece", [
    "۱۴۰۲/۰۵/۱۲ ساعت ۱۲:۳۰", "2023-10-05.", "۵۰٪ و رشد اقتصادی 12.5%", "−۵ درجه", "۰۹۱۲-۳۴۵-۶۷۸۹",
    "نشانی ali.rezaei@example.com نامه", "سایت https://example.com/path?q=1 بروید.",
    "(به انگلیسی: Persian Gulf)", "«کتاب (جلد ۲)»", "Python 3.11.7", "۳٫۱۴", "۱٬۲۳۴٬۵۶۷",
    "۲۵۰٬۰۰۰ تومان (حدود 5 دلار).",
    "آیا می\N{ZERO WIDTH NON-JOINER}روی؟ بله، حتماً می\N{ZERO WIDTH NON-JOINER}روم!",
    "اصلاً", "مسئلهٔ رئیس مؤسسه و هیئت",
    "[۱۲] و {نتایج}.", "The meeting was held in تهران last year.",
])
def test_extract_mixed_piece_comes_out_as_typed(piece: str, extracted: str) -> None:
    assert piece in extracted
