"""Repair in bounded memory: windows, over-long lines, and plans that replay across windows."""

from __future__ import annotations

import gc
import json
from pathlib import Path

import pytest

from kaghaz.errors import TextEncodingError
from kaghaz.repair import apply_plan, repair, repair_and_explain
from kaghaz.repair import stream as stream_module
from kaghaz.repair.langmodel import default_language_model
from kaghaz.repair.scattered import scattered_pages
from kaghaz.repair.stream import decode_chunks, repair_chunks, repair_stream

PARAGRAPH = "\n".join([
    "ییاپورا یاهرازاب رد هک تسا وردوخ نیا",
    "دش هضرع ۴۰۶ وژپ مان اب",
    "دنراد سراپ وژپ اب یکرتشم یحارط",
])
CLEAN = "این خودرو در بازارهای اروپایی عرضه شد و طراحی مشترکی دارد."


def test_repair_windows_give_the_same_text_as_one_window(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "\n\n".join([PARAGRAPH] * 12)
    whole = repair(text)
    monkeypatch.setattr(stream_module, "WINDOW_CHARS", 200)
    chunks = list(repair_chunks([text]))
    assert len(chunks) > 3
    assert "".join(chunk.text for chunk in chunks) == whole


def test_repair_windows_of_paged_text_hold_whole_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    page = "\n\n".join([PARAGRAPH] * 3)
    text = "\n\f".join([page] * 5)
    whole = repair(text)
    monkeypatch.setattr(stream_module, "WINDOW_CHARS", 120)
    chunks = [chunk.text for chunk in repair_chunks([text])]
    assert len(chunks) > 2
    paged = False
    for chunk in chunks:  # once a page break was seen, every window begins a page
        assert chunk.startswith("\f") or not paged
        paged = paged or "\f" in chunk
    assert "".join(chunks) == whole


def test_repair_plan_replays_across_windows(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stream_module, "WINDOW_CHARS", 150)
    text = "\n\n".join([PARAGRAPH, CLEAN] * 6) + "\n"
    result = repair_and_explain(text)
    assert result.steps
    assert apply_plan(text, result.steps) == result.text


def test_repair_over_long_line_gets_character_fixes_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stream_module, "MAX_LINE_CHARS", 50)
    long_line = ("ﺗﺎﯾﻢ " * 40).strip()
    text = PARAGRAPH + "\n" + long_line + "\n" + PARAGRAPH
    pieces = [text[i:i + 37] for i in range(0, len(text), 37)]
    out = "".join(chunk.text for chunk in repair_chunks(pieces))
    lines = out.split("\n")
    assert lines[3] == ("تایم " * 40).strip()
    assert lines[0].startswith("این خودرو")
    result = repair_and_explain(text)
    assert apply_plan(text, result.steps) == result.text


def test_repair_stream_reads_bytes_in_pieces() -> None:
    data = (PARAGRAPH + "\n").encode("utf-8")
    pieces = [data[i:i + 7] for i in range(0, len(data), 7)]
    assert "".join(repair_stream(pieces)) == repair(PARAGRAPH + "\n")


def test_repair_decode_names_the_bad_byte() -> None:
    with pytest.raises(TextEncodingError, match="byte 3"):
        list(decode_chunks([b"abc\xff"]))


def test_repair_decode_drops_a_byte_order_mark() -> None:
    assert "".join(decode_chunks([b"\xef\xbb\xbf\xd8\xb3"])) == "س"


def test_repair_empty_text() -> None:
    assert repair("") == ""
    assert repair_and_explain("").steps == ()


def test_repair_is_callable_as_kaghaz_repair() -> None:
    import kaghaz
    import kaghaz.repair.engine

    assert kaghaz.repair("ییاپورا یاهرازاب") == "بازارهای اروپایی"


def test_scattered_lines_are_put_back_only_on_pages_that_show_them() -> None:
    # a window of a long stream may hold Typst pages that pdfminer.six scattered and another
    # document's page, every line a box of its own: that page is left as it is
    cases = json.loads((Path(__file__).parent / "data" / "repair" / "synthetic.json").read_text(encoding="utf-8"))
    typst = next(case for case in cases["cases"] if case["name"] == "typst-lines-scattered-by-pdfminer")
    page = typst["input"].split("\n")
    other = ["دنراد تیمسر روشک نیا رد باتک دنچ", "", "هیداحتا هب ", "", "۱۹۷۳", "", " لاس رد روشک نیا هکنیا اب و تسا",
             "", "هتسویپ اپورا", "", " اه نآ هب", "", "۱۹۷۹", "", "یاه لاس رد بیترت هب", "", "تسا هدش اطعا ینادرگدوخ"]
    lines = [*page, "\f" + page[0], *page[1:], "\f" + page[0], *page[1:], "\f" + other[0], *other[1:]]
    repaired = scattered_pages(lines, default_language_model())
    assert [found.start for found in repaired] == [0, len(page), 2 * len(page)]


@pytest.mark.parametrize("enabled", [True, False])
def test_repair_leaves_the_cycle_collector_as_it_found_it(enabled: bool) -> None:
    was = gc.isenabled()
    try:
        if enabled:
            gc.enable()
        else:
            gc.disable()
        repair(PARAGRAPH)
        assert gc.isenabled() is enabled
    finally:
        if was:
            gc.enable()
        else:
            gc.disable()


def test_repair_makes_no_cycles_for_the_collector() -> None:
    # the collector is paused while a window is repaired: nothing may be left for it to free
    text = "\n\n".join([PARAGRAPH, CLEAN, "\f".join([PARAGRAPH] * 3)])
    repair(text)
    was = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        repair(text)
        repair_and_explain(text)
        assert gc.collect() == 0
    finally:
        if was:
            gc.enable()
