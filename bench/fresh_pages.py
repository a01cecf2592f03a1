"""Fresh HTML pages for ``bench/repair.py --fresh``: Chromium and WeasyPrint PDFs made here from
held-out sentences, laid out like the shared set's (``dir=rtl lang=fa``, Noto Naskh Arabic 12 pt
with Noto Sans for Latin, A4 with 2.4 cm margins, page numbers at the bottom).

Each document has a title (the first words of a sentence), paragraphs of three sentences, a
subheading part way, and in every other document a bulleted list of single sentences; half are
justified. Chromium comes from Debian (``apt-get install chromium``), WeasyPrint from PyPI; neither
is a dependency of kaghaz.
"""

from __future__ import annotations

import html
import shutil
import subprocess
from pathlib import Path

#: Held-out ud_perdt sentences used here: after the fresh Typst and Writer pages' ones.
START, PER_DOC, DOCS = 480, 30, 6
_STRIP = ".،؛:!?؟»«()\"' "


def heading_from(sentence: str, words: int) -> str:
    """The first ``words`` words of ``sentence``, without trailing punctuation, as a heading."""
    return " ".join(sentence.split()[:words]).rstrip(_STRIP)


def document(sentences: list[str], number: int) -> list[tuple[str, str]]:
    """The blocks of document ``number`` as (kind, text): kind is h1, h2, p or li."""
    chunk = sentences[START + number * PER_DOC:START + (number + 1) * PER_DOC]
    blocks: list[tuple[str, str]] = [("h1", heading_from(chunk[0], 3 + number % 3))]
    body = chunk[1:]
    index = 0
    while index < len(body):
        if index == 12:
            blocks.append(("h2", heading_from(body[index], 2 + number % 2)))
        if number % 2 == 1 and index == 6:
            blocks += [("li", sentence) for sentence in body[index:index + 3]]
        else:
            blocks.append(("p", " ".join(body[index:index + 3])))
        index += 3
    return blocks


def ground_truth(blocks: list[tuple[str, str]]) -> str:
    """The text as a reader sees it; list items keep their bullet (the PDFs carry it as text)."""
    return "\n\n".join(("\N{BULLET} " if kind == "li" else "") + text for kind, text in blocks) + "\n"


def page_html(blocks: list[tuple[str, str]], justify: bool) -> str:
    """The HTML page of ``blocks``."""
    parts: list[str] = []
    items: list[str] = []
    for kind, text in [*blocks, ("end", "")]:
        if kind == "li":
            items.append(f"<li>{html.escape(text)}</li>")
            continue
        if items:
            parts.append("<ul>" + "".join(items) + "</ul>")
            items = []
        if kind != "end":
            parts.append(f"<{kind}>{html.escape(text)}</{kind}>")
    align = "justify" if justify else "right"
    style = ("@page { size: A4; margin: 2.4cm; @bottom-center { content: counter(page); font-size: 10pt;"
             " font-family: 'Noto Naskh Arabic'; } }\n"
             "body { font-family: 'Noto Naskh Arabic', 'Noto Sans', sans-serif; font-size: 12pt; line-height: 1.7; }\n"
             f"p, li {{ text-align: {align}; margin: 0 0 0.6em 0; }}\n"
             "ul { list-style-type: '\\2022  '; }\n"
             "h1 { font-size: 18pt; margin: 0 0 0.5em 0; } h2 { font-size: 14pt; margin: 0.8em 0 0.5em 0; }\n")
    return (f'<!DOCTYPE html>\n<html dir="rtl" lang="fa"><head><meta charset="utf-8">'
            f"<title>{html.escape(blocks[0][1])}</title><style>{style}</style></head><body>\n"
            + "\n".join(parts) + "\n</body></html>\n")


def chromium_pdf(source: Path, pdf: Path) -> None:
    """Print ``source`` to ``pdf`` with headless Chromium (no network, no header or footer)."""
    program = shutil.which("chromium") or shutil.which("chromium-browser") or "chromium"
    subprocess.run([program, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run", "--no-pdf-header-footer",
                    f"--print-to-pdf={pdf}", source.resolve().as_uri()], capture_output=True, check=True, timeout=120)


def weasyprint_pdf(source: Path, pdf: Path) -> None:
    """Render ``source`` to ``pdf`` with WeasyPrint."""
    import weasyprint

    weasyprint.HTML(filename=str(source)).write_pdf(str(pdf))


def available(producer: str) -> bool:
    """True if the tool that makes ``producer``'s PDFs is installed here."""
    if producer == "chromium":
        return bool(shutil.which("chromium") or shutil.which("chromium-browser"))
    import importlib.util

    return importlib.util.find_spec("weasyprint") is not None
