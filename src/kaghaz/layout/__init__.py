"""Layout: from a page's glyphs to lines and blocks in logical reading order (no PDF library here)."""
