"""House rules that hold for every source file."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PY_FILES = sorted(p for d in ("src", "tests", "bench") for p in (ROOT / d).rglob("*.py"))


@pytest.mark.parametrize("path", PY_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_source_has_no_literal_format_characters(path: Path) -> None:
    """Invisible characters (ZWNJ, direction marks) must be written as escapes, never literally."""
    bad = [n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
           if any(unicodedata.category(c) == "Cf" for c in line)]
    assert not bad, f"{path}: literal format characters on lines {bad}; write them as escapes"
