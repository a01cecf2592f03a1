"""Two columns read straight across (``kaghaz.repair.columns``): page parts, layout, gating.

The whole behaviour on real extractor output is measured by ``bench/repair.py`` (lo_2col column);
the case files hold a page read across (synthetic), the same page in order (negative) and a page
the search still gets wrong (known failure).
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

from kaghaz.repair import repair
from kaghaz.repair.columns import (
    _ALTERNATING,
    COMPOUND_SPLIT,
    ESTABLISH_GAIN,
    MERGED_FORCED,
    ODD_HALF,
    OPEN,
    SEAM_EVIDENCE,
    START_VETO,
    TITLE,
    TITLE_AFTER_OPEN,
    TITLE_LINE,
    Reading,
    _Context,
    _Node,
    _overlong,
    _owed_score,
    _prune,
    _Reader,
    _with_local_pairs,
    alternates,
    column_layout,
    join_page,
    judge,
    line_kind,
    read_page,
    restore_columns,
    shown_by_boxes,
    split_page,
)
from kaghaz.repair.langmodel import default_language_model
from kaghaz.repair.plan import Planner

DATA = Path(__file__).resolve().parent / "data" / "repair"


def _case(name: str, group: str) -> dict[str, str]:
    cases: list[dict[str, str]] = json.loads((DATA / group).read_text(encoding="utf-8"))["cases"]
    return next(case for case in cases if case["name"] == name)


def test_columns_layout_finds_lines_holding_both_columns() -> None:
    single = [44, 46, 45, 43, 47, 45, 30, 44, 46, 45]
    assert column_layout(single).merged is False
    assert column_layout([*single, 90, 88, 91]).merged is True
    assert column_layout([*single, 90, 88, 91]).width <= 47


def test_columns_split_page_keeps_marks_numbers_and_spacing() -> None:
    page = split_page("\nالف ب\n\n\N{ARABIC FATHATAN}\n\nپ ت\n\n۱۲\n\n")
    assert [line for _, line in page.items] == ["الف ب", "پ ت"]
    assert page.items[1][0] == ("\N{ARABIC FATHATAN}",)
    assert page.numbers == ("۱۲",)
    assert page.spaced is True


def test_columns_join_page_writes_right_column_first() -> None:
    page = split_page("چپ یک\nراست یک\nچپ دو\nراست دو\n")
    reading = Reading("LRLR", ("راست یک", "راست دو"), ("چپ یک", "چپ دو"), 5.0)
    assert join_page(page, reading) == "راست یک\nراست دو\nچپ یک\nچپ دو\n"


def test_columns_split_line_goes_to_both_columns() -> None:
    page = split_page("راست یک چپ یک\nراست دو چپ دو")
    reading = Reading("MM", ("راست یک", "راست دو"), ("چپ یک", "چپ دو"), 5.0)
    assert join_page(page, reading) == "راست یک\nراست دو\nچپ یک\nچپ دو"


def test_columns_need_pages() -> None:
    """Without form feeds there are no pages to reorder, however the lines interleave (unless lines
    hold both columns, below)."""
    case = _case("two-columns-read-across-doc01", "synthetic.json")
    flat = case["input"].replace("\f", "\n")
    assert repair(flat) == flat


def test_columns_leave_text_whose_words_are_not_words() -> None:
    """A page read across whose words are mostly broken (letters cut apart, as pypdf leaves some
    pages) gives the column search no evidence: restore_columns does not move its lines."""
    from kaghaz.repair.columns import MIN_KNOWN_SHARE, known_share, restore_columns
    from kaghaz.repair.plan import Planner

    case = _case("two-columns-read-across-doc01", "synthetic.json")
    broken = "\n".join(" ".join(word[:1] + " " + word[1:] if len(word) > 3 else word for word in line.split(" "))
                       for line in case["input"].split("\n"))
    lm = default_language_model()
    assert known_share(broken.split("\n"), lm) < MIN_KNOWN_SHARE
    planner = Planner(broken.split("\n"))
    assert restore_columns(planner, lm) is False
    assert planner.lines == broken.split("\n")


def test_columns_restore_a_page_read_across() -> None:
    case = _case("two-columns-read-across-doc01", "synthetic.json")
    assert repair(case["input"]) == case["expected"]
    assert repair(case["expected"]) == case["expected"]


def test_columns_page_break_inside_a_visual_line_stays_between_pages() -> None:
    """pdfplumber writes a page's number, the form feed and the next page's first line as one line."""
    lines = ["ییاپورا یاهرازاب رد هک تسا وردوخ نیا", "دش هضرع ۴۰۶ وژپ مان اب", "دنراد سراپ وژپ اب یکرتشم یحارط"]
    text = "\n".join([*lines, "1\f" + lines[0], *lines[1:]])
    first, second = repair(text).split("\f")
    assert first.rstrip("\n").split("\n")[-1] == "1"
    assert second.startswith("این خودرو است که در بازارهای اروپایی")


#: A last page (Persian Wikipedia, CC BY-SA: ``../shared/corpora``): the left column is a short
#: paragraph that ends the text; the rest of the right column comes after it in one run.
_LAST_RIGHT = [
    "از سوی دیگر، روزگار سعدی مقارن با متداول شدن",
    "سبک عراقی در ادبیات فارسی است. رواج سبک عراقی",
    "به اواخر قرن ششم هجری و روی کار آمدن سلجوقیان",
    "بازمی\N{ZERO WIDTH NON-JOINER}گردد. در این دوره بسیاری از حکما و ادبا",
    "به مناطق مرکزی و جنوبی ایران مهاجرت کردند که",
    "به عراق عجم شهرت داشت. این روند مهاجرت با هجوم",
    "مغول به ایران سرعت و شدت بیشتری گرفت. با",
    "انتقال کانون\N{ZERO WIDTH NON-JOINER}های تاثیرگذار بر زبان فارسی به",
    "مناطق مرکزی و جنوبی، زمینه بروز تغییرات در سبک",
    "سخنوری فارسی (که به سبک خراسانی مشهور بود)",
    "پدید آمد. در این دوران با نفوذ زبان عربی در",
    "زبان فارسی، بسامد استفاده از واژه\N{ZERO WIDTH NON-JOINER}ها و",
    "ترکیب\N{ZERO WIDTH NON-JOINER}های عربی در شعر و نثر فارسی بیشتر شد و",
    "نثر فنی متکلفانه نیز رواج پیدا کرد. کتاب",
    "مقامات حمیدی نمونه\N{ZERO WIDTH NON-JOINER}ای از این نوع نثر است. در",
    "قرن ششم، غلبه زبان عربی بر فارسی به قدری زیاد",
]
_LAST_LEFT = [
    "سعدی در مدت تحصیل در بغداد از حضور استادان",
    "بنام دوران خود از جمله سبط بن جوزی (منظور ابن",
    "جوزی دوم، نواده ابن جوزی مشهور است) و",
    "شهاب\N{ZERO WIDTH NON-JOINER}الدین عمر سهروردی، صوفی مشهور، بهره برد.",
]


def test_columns_last_page_whose_left_column_ends_early() -> None:
    """pdfminer.six writes the level lines in turn, then the rest of the right column; the reading
    keeps that rest in the right column and ends the page with the left column's full stop."""
    lines = [line for pair in zip(_LAST_LEFT, _LAST_RIGHT, strict=False) for line in pair]
    lines += _LAST_RIGHT[len(_LAST_LEFT):]
    reading = read_page(lines, default_language_model(), column_layout([len(line) for line in lines]), True)
    assert reading.right == tuple(_LAST_RIGHT)
    assert reading.left == tuple(_LAST_LEFT)


#: A page that goes on from another (Persian Wikipedia, CC BY-SA: ``../shared/corpora``): the
#: previous page's last lines, and the two columns of this page.
_PREVIOUS = tuple(_LAST_RIGHT[:4])
_RIGHT = tuple(_LAST_RIGHT[4:12])
_LEFT = (
    *_LAST_LEFT,
    "به استناد یکی از سروده\N{ZERO WIDTH NON-JOINER}های سعدی، او در این",
    "دوره از مدرسه نظامیه شهریه دریافت می\N{ZERO WIDTH NON-JOINER}کرده\N{ZERO WIDTH NON-JOINER}است.",
    "سعدی پس از تحصیل در نظامیه، شغل واعظی پیشه",
    "می\N{ZERO WIDTH NON-JOINER}کند که مستلزم سفر به مناطق مختلف و ارائه",
)


def test_columns_alternating_page_read_right_line_first() -> None:
    """pdftotext reads level lines from the right on some pages: where the columns alternate line
    by line, the right column is the chain that goes on from the previous page, whichever line
    comes first."""
    lines = [line for pair in zip(_RIGHT, _LEFT, strict=True) for line in pair]
    layout = replace(column_layout([len(line) for line in lines]), alternating=True)
    reading = read_page(lines, default_language_model(), layout, False, _PREVIOUS)
    assert (reading.right, reading.left) == (_RIGHT, _LEFT)


def test_columns_alternation_is_told_from_a_page() -> None:
    assert alternates("LRLRLRLRLRLRRLRLRLRLRL") is True
    assert alternates("LLLLLLRRRRRRLLLLLRRRRR") is False


def test_columns_title_does_not_cut_into_an_open_sentence() -> None:
    """A title stands after a paragraph's end or a title, never right after a full line whose
    sentence goes on: that seam costs :data:`TITLE_AFTER_OPEN` (so a title read across from the
    other column is not slipped into a sentence)."""
    context = _Context(default_language_model(), 48)
    open_line = context.add("میان دو کشور، خواستار گسترش همکاری های دوجانبه در")
    closed_line = context.add("میان دو کشور، خواستار گسترش همکاری های دوجانبه شد.")
    title = context.add("وی اضافه کرد")
    assert line_kind(context.pieces[open_line].text, 48) == OPEN
    assert line_kind(context.pieces[title].text, 48) == TITLE_LINE
    penalty = (context.seam(closed_line, title) - context.seam(open_line, title)
               - (context.lm.pair("شد", "وی") - context.lm.pair("در", "وی")))
    assert abs(penalty - TITLE_AFTER_OPEN) < 1e-9


def _window(name: str) -> list[str]:
    pages: list[dict[str, Any]] = json.loads((DATA / "column_windows.json").read_text(encoding="utf-8"))["pages"]
    lines: list[str] = next(page["lines"] for page in pages if page["name"] == name)
    return lines


def test_columns_leave_held_out_columns_already_in_reading_order() -> None:
    """Two columns in reading order regrouped by chance word pairs: the seams gain (about 5.5) but
    the first words of the lines fit the lines before them worse, which the search did not weigh."""
    lines = _window("two-columns-in-order-pymupdf-held-out")
    planner = Planner(list(lines))
    assert restore_columns(planner, default_language_model()) is False
    assert planner.lines == lines


def test_columns_leave_columns_in_reading_order_whose_seams_gain_little() -> None:
    """Two columns in reading order under headings: a page regroups by chance into a reading that
    gains clearly, but its seams gain too little to show two columns, and no other page does."""
    lines = _window("two-columns-in-order-pymupdf-headings-held-out")
    planner = Planner(list(lines))
    assert restore_columns(planner, default_language_model()) is False
    assert planner.lines == lines


def test_columns_read_bands_shown_by_where_sentences_start() -> None:
    """pdfminer.six's bands on held-out text gain little over the lines as given (the bands'
    structure costs eat up the seams), but the first words of the lines fit clearly better: the
    window is read as two columns."""
    lines = _window("two-columns-in-bands-pdfminer-held-out")
    lm = default_language_model()
    pages = [split_page(part) for part in "\n".join(lines).split("\f")]
    page = [line.strip() for _, line in pages[1].items]
    layout = column_layout([len(line.strip()) for part in pages for _, line in part.items])
    reading = read_page(page, lm, layout, False)
    assert 0.0 <= reading.gain < ESTABLISH_GAIN
    assert judge(reading, layout.merged) is True
    planner = Planner(list(lines))
    assert restore_columns(planner, lm) is True


def test_columns_split_the_title_from_the_line_beside_it() -> None:
    """The first line of a document's page holds its title and the left column's first line, no
    longer than a long column line: the split need not be made, but at the top of a page that goes
    on from none it costs nothing, and the title heads the right column."""
    lines = _window("two-columns-title-beside-a-line-pdfplumber-held-out")
    pages = [split_page(part) for part in "\n".join(lines).split("\f")]
    layout = column_layout([len(line.strip()) for part in pages for _, line in part.items])
    page = [line.strip() for _, line in pages[0].items]
    assert layout.merged and len(page[0]) < MERGED_FORCED * layout.width
    reading = read_page(page, default_language_model(), layout, False)
    assert reading.labels[0] == "M"
    assert page[0].startswith(reading.right[0]) and len(reading.right[0]) < TITLE * layout.width


def test_columns_read_a_one_page_document_whose_lines_hold_both_columns() -> None:
    """pdfplumber writes no form feed after a document's only page: text without pages is read as
    one page where some of its lines hold both columns."""
    lines = _window("two-columns-title-beside-a-line-pdfplumber-held-out")
    first = "\n".join(lines).split("\f")[0].split("\n")
    assert column_layout([len(line.strip()) for line in first if line.strip()]).merged
    planner = Planner(list(first))
    assert restore_columns(planner, default_language_model()) is True
    assert planner.lines != first


def test_columns_weak_evidence_must_keep_the_title_in_the_right_column() -> None:
    """A reading that gains little but fits where sentences start is no evidence when it puts the
    document's title, the page's first line, into the left column: it has taken the columns for
    each other (pdftotext read the title first), and the lines stay as they are."""
    lines = _window("two-columns-title-first-pdftotext-held-out")
    lm = default_language_model()
    pages = [split_page(part) for part in "\n".join(lines).split("\f")]
    layout = column_layout([len(line.strip()) for part in pages for _, line in part.items])
    reading = read_page([line.strip() for _, line in pages[0].items], lm, layout, False)
    assert reading.title_left and reading.gain < ESTABLISH_GAIN
    assert judge(reading, layout.merged) is None
    planner = Planner(list(lines))
    assert restore_columns(planner, lm) is False


def test_columns_read_across_where_sentence_starts_fit_a_little_worse() -> None:
    """Short everyday sentences fit the table of sentence starts less well: a reading whose seams
    mend far more than the sentence starts lose is still evidence."""
    lines = _window("two-columns-everyday-sentences-pdfminer-held-out")
    lm = default_language_model()
    pages = [split_page(part) for part in "\n".join(lines).split("\f")]
    layout = column_layout([len(line.strip()) for part in pages for _, line in part.items])
    reading = read_page([line.strip() for _, line in pages[0].items], lm, layout, False)
    assert reading.starts < -START_VETO and reading.seams + reading.starts >= 2 * SEAM_EVIDENCE
    assert judge(reading, layout.merged) is True
    assert restore_columns(Planner(list(lines)), lm) is True


def test_columns_read_bands_written_a_box_a_line_shown_by_their_seams() -> None:
    """pdfminer.six on held-out text laid out like the benchmark's pages: the reading mends many
    sentences, but its first words fit the table of sentence starts worse (which vetoes it where the
    lines are not written a box a line); a page written a box a line shows two columns by its seams."""
    lines = _window("two-columns-in-bands-pdfminer-boxes-held-out")
    lm = default_language_model()
    pages = [split_page(part) for part in "\n".join(lines).split("\f")]
    # as restore_columns lays the window out: a line after each line (no title split at the top)
    layout = replace(column_layout([len(line.strip()) for part in pages for _, line in part.items]),
                     blank_lines=pages[0].spaced)
    reading = _Reader(pages, _with_local_pairs(lm, lines, layout), layout).read(0)
    assert reading is not None and pages[0].spaced
    assert judge(reading, layout.merged) is not True
    assert shown_by_boxes(reading, layout.merged, spaced=True)
    assert restore_columns(Planner(list(lines)), lm) is True


def test_columns_leave_one_column_written_a_box_a_line_whose_seams_gain_a_little() -> None:
    """One column in reading order, a blank line after every line: a page regroups by chance into a
    reading that gains, but its seams gain too little to show two columns."""
    lines = _window("one-column-a-box-a-line-held-out")
    planner = Planner(list(lines))
    assert restore_columns(planner, default_language_model()) is False
    assert planner.lines == lines


def _split_costs(context: _Context, line: str, forced: bool, top: bool = False) -> dict[str, float]:
    """The cost of each way to split ``line``, by its right half."""
    return {context.pieces[split.right].text: split.cost for split in context.splits(line, forced, top)}


def test_columns_split_not_inside_a_word_written_with_a_zwnj() -> None:
    """pdfplumber writes a ZWNJ as a space: a line holding both columns is not split between the
    two parts of one word (``بازمی گردد``), since a column's line never ends inside a word."""
    context = _Context(default_language_model(), 48)
    right = "پیدایش ورزش تنیس در ایران به بعد از جنگ بازمی"
    line = f"{right} گردد. پیش از این در طول سالهای اخیر ورزش تنیس در"
    costs = _split_costs(context, line, True)
    lm = context.lm
    left = line[len(right) + 1:]
    inside = costs[right] - lm.pair("بازمی", "گردد") - _overlong(right, 48) - _overlong(left, 48)
    beside = (costs[f"{right} گردد."] - lm.pair("گردد", "پیش") - _overlong(f"{right} گردد.", 48)
              - _overlong(left[len("گردد. "):], 48))
    assert abs(inside - beside - COMPOUND_SPLIT) < 1e-9


def test_columns_title_first_line_at_the_top_is_no_odd_half() -> None:
    """At the top of a page that goes on from none, a right half neither full nor short may be the
    first line of a title that wraps: it costs nothing more than a full half; elsewhere it is odd."""
    context = _Context(default_language_model(), 48)
    title = "سازمان برنامه ریزی اقتصادی ژاپن"
    line = f"{title} شرکت ۵۵ ورزشکار در قالب هفت تیم از کشورهای ایران"
    assert _split_costs(context, line, True)[title] - _split_costs(context, line, True, top=True)[title] == ODD_HALF


def test_columns_title_joined_with_zwnjs_is_still_a_title() -> None:
    """An extractor that joins a bold title's words with ZWNJs makes it no wider: it is measured
    by the characters that take up room, and stays a title (a title after an open line costs)."""
    zwnj = "\N{ZERO WIDTH NON-JOINER}"
    title = zwnj.join(("ایستگاه", "فضایی", "بین", "المللی"))
    assert len(title) >= TITLE * 48
    assert line_kind(title, 48) == TITLE_LINE


def test_columns_split_not_before_a_zwnj_suffix_the_lexicon_does_not_know() -> None:
    """A suffix written after a ZWNJ (``ای``) never starts a column's line, even after a name the
    lexicon does not know (``زواره\u200cای``, written ``زواره ای`` by pdfplumber)."""
    context = _Context(default_language_model(), 48)
    line = "به ویژه در مجامع بین المللی شد. رضا زواره ای یک تهران صورت گرفته، چرا هیئت نظارت"
    costs = _split_costs(context, line, True)
    assert costs["به ویژه در مجامع بین المللی شد. رضا زواره"] >= COMPOUND_SPLIT


def test_columns_last_page_of_lines_holding_both_columns() -> None:
    """pdfplumber writes the level lines of a last page as one line each, then the rest of the right
    column alone: the rest stays in the right column (a long run, which the alternation of the pages
    before never shows), and the page ends with the left column's full stop."""
    lines = [f"{first} {second}" for first, second in zip(_LAST_RIGHT, _LAST_LEFT, strict=False)]
    lines += _LAST_RIGHT[len(_LAST_LEFT):]
    layout = replace(column_layout([len(line) for line in lines]), alternating=True)
    assert layout.merged
    reading = read_page(lines, default_language_model(), layout, True)
    assert reading.right == tuple(_LAST_RIGHT)
    assert reading.left == tuple(_LAST_LEFT)


def test_columns_beam_keeps_a_reading_that_paid_for_its_band() -> None:
    """Ranked fairly, a partial reading whose open band still owes its change of rhythm (a band of
    two left lines after an alternating one) ranks below one that paid it already, though its score
    reached is higher; ranked by the score reached it would be kept instead."""
    node = _Node((), (), -1, -1, "", None)
    owing = ("L", 2, 0, _ALTERNATING, 5.0, 0, 1, False)
    paid = ("L", 2, 0, _ALTERNATING, 0.0, 0, 2, False)
    states = {owing: (9.0, node), paid: (8.0, node)}
    assert list(_prune(states, 1, rank=_owed_score)) == [paid]
    assert list(_prune(states, 1)) == [owing]


def test_columns_split_the_few_lines_that_hold_both_columns() -> None:
    """pdfplumber writes a column line and a short line level with it as one line only now and
    then: too few lines twice a column's width to show it, but lines longer than any column line
    still do, and each is split between the columns."""
    lines = _window("two-columns-few-lines-holding-both-pdfplumber-held-out")
    pages = [split_page(part) for part in "\n".join(lines).split("\f")]
    layout = column_layout([len(line.strip()) for part in pages for _, line in part.items])
    assert layout.merged
    planner = Planner(list(lines))
    assert restore_columns(planner, default_language_model()) is True
    assert max(len(line.strip()) for line in planner.lines) <= MERGED_FORCED * layout.width


def test_columns_line_in_latin_letters_above_a_page_stays_on_top() -> None:
    """A file name above the first page (pdftohtml's HTML title) is no column line: it stays on
    top, and the document's title heads the right column right below it."""
    lines = _window("two-columns-file-name-on-top-pdftohtml-held-out")
    planner = Planner(list(lines))
    assert restore_columns(planner, default_language_model()) is True
    assert [line for line in planner.lines if line.strip()][:2] == ["report-2024.pdf", "دیوان شعرم را، چنین"]


def test_columns_text_ends_on_the_last_page_with_lines() -> None:
    """pdfminer.six writes a form feed after every page, the last one too: the page before the
    empty part after it is the last page, whose left column may end early."""
    text = "\n".join(_LAST_LEFT) + "\f" + "\n".join(_LAST_RIGHT) + "\f"
    pages = [split_page(part) for part in text.split("\f")]
    reader = _Reader(pages, default_language_model(), column_layout([len(line) for line in _LAST_RIGHT]))
    assert len(pages) == 3 and reader.last == 1


def test_columns_title_beside_a_line_where_no_other_line_holds_both() -> None:
    """Where no other line holds both columns, pdfplumber still writes the document's title and the
    left column's first line level with it as one line at the top: that line splits only into a
    title and a full line, and text without pages whose first line does so is read as a page."""
    from kaghaz.repair.columns import title_beside_line

    context = _Context(default_language_model(), 45)
    line = "پژو پارس یا پژو پرشیا خودرویی از محصولات ایران خودرو"
    halves = {(context.pieces[split.right].text, context.pieces[split.left].text)
              for split in context.splits(line, False, True, title_only=True)}
    assert ("پژو پارس", "یا پژو پرشیا خودرویی از محصولات ایران خودرو") in halves
    assert all(line_kind(right, 45) == TITLE_LINE for right, _ in halves)
    assert title_beside_line(line, 45) and not title_beside_line(line[len("پژو پارس "):], 45)
