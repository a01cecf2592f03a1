"""Reading characters from pdfium (kaghaz.pdf.reader)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from kaghaz.pdf import reader


def test_pdf_reader_accelerator_and_ctypes_read_the_same(sample_pdf: Path) -> None:
    if reader._charscan is None:
        pytest.skip("the C accelerator was not compiled here")
    with reader.opened(sample_pdf) as document:
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            fast, fast_fonts = reader.scan_textpage(textpage)
            slow, slow_fonts = reader.scan_textpage(textpage, accelerated=False)
            textpage.close()
            page.close()
            assert fast_fonts == slow_fonts
            assert np.array_equal(fast, slow)


def test_pdf_reader_page_rows_and_fonts(sample_pdf: Path) -> None:
    with reader.opened(sample_pdf) as document:
        raw = reader.read_page(document, 0)
    assert raw.chars.shape[1] == len(reader.COLUMNS)
    real = raw.chars[raw.chars[:, reader.GENERATED] != 1]
    assert len(real) > 100
    fonts = real[:, reader.FONT].astype(int)
    assert fonts.min() >= 0 and fonts.max() < len(raw.fonts)
    assert any(raw.fonts[f] for f in set(fonts.tolist()))
    assert "Typst" in raw.producer


def test_pdf_reader_font_addresses_for_recovery(sample_pdf: Path) -> None:
    with reader.opened(sample_pdf) as document:
        page = document[0]
        textpage = page.get_textpage()
        chars, addresses = reader.scan_textpage(textpage)
        textpage.close()
        page.close()
    with_addresses = reader.with_font_addresses(chars, addresses)
    generated = chars[:, reader.GENERATED] == 1
    assert set(with_addresses[~generated, reader.FONT].tolist()) <= set(map(float, addresses))
    assert (with_addresses[generated, reader.FONT] == 0).all()
