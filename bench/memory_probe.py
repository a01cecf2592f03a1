"""Peak memory of one extraction, measured in a fresh process: ``python memory_probe.py TOOL PDF``.

``TOOL`` is ``kaghaz`` (``kaghaz.extract``) or ``pypdfium2`` (raw text, for comparison). The script
imports only what that tool needs, records the resident set size after the imports (the baseline:
interpreter, numpy, pdfium), extracts every page once, and prints one JSON object: ``baseline_kb``,
``peak_kb`` (the highest resident set size of this process, imports included), ``pages``, ``chars``
and ``seconds``. The benchmark runs it as a subprocess so that nothing the benchmark itself allocated
is counted.

The peak is ``VmHWM`` from ``/proc/self/status``, not ``getrusage().ru_maxrss``: Linux carries the
parent's high-water mark into ``ru_maxrss`` across fork and exec, so a child started by a large
benchmark process would report the parent's size. ``ru_maxrss`` is the fallback off Linux.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path


def status_kb(field: str) -> int | None:
    """A memory field (``VmRSS``, ``VmHWM``) of ``/proc/self/status`` in KiB; None where there is none."""
    try:
        lines = Path("/proc/self/status").read_text().splitlines()
    except OSError:
        return None
    for line in lines:
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    return None


def resident_kb() -> int:
    """The current resident set size in KiB (0 where ``/proc`` is missing)."""
    return status_kb("VmRSS") or 0


def peak_kb() -> int:
    """This process's peak resident set size in KiB: ``VmHWM``, else ``ru_maxrss`` (KiB on Linux)."""
    return status_kb("VmHWM") or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def extract_kaghaz(path: str) -> tuple[int, int, int, float]:
    """Baseline KiB, pages, characters and seconds of ``kaghaz.extract`` (baseline after its imports)."""
    import kaghaz.extraction

    baseline = resident_kb()
    start = time.perf_counter()
    document = kaghaz.extraction.extract(path)
    return baseline, len(document.pages), len(document.text), time.perf_counter() - start


def extract_pypdfium2(path: str) -> tuple[int, int, int, float]:
    """Baseline KiB, pages, characters and seconds of pypdfium2's raw text, page by page."""
    import pypdfium2 as pdfium

    baseline = resident_kb()
    start = time.perf_counter()
    document = pdfium.PdfDocument(path)
    chars = 0
    for page in document:
        textpage = page.get_textpage()
        chars += len(textpage.get_text_range())
        textpage.close()
        page.close()
    pages = len(document)
    document.close()
    return baseline, pages, chars, time.perf_counter() - start


PROBES = {"kaghaz": extract_kaghaz, "pypdfium2": extract_pypdfium2}


def main(argv: list[str]) -> int:
    """Run one probe and print its JSON line."""
    if len(argv) != 2 or argv[0] not in PROBES:
        print(f"usage: memory_probe.py {{{','.join(PROBES)}}} FILE.pdf", file=sys.stderr)
        return 2
    baseline, pages, chars, seconds = PROBES[argv[0]](argv[1])
    peak = peak_kb()
    print(json.dumps({"baseline_kb": baseline, "peak_kb": peak, "pages": pages, "chars": chars, "seconds": seconds}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
