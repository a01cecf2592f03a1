"""Characters as a Persian reader types them, decided glyph by glyph.

Document-wide character decisions (Arabic yeh and kaf that a font substituted, mirrored brackets)
are in :mod:`kaghaz.layout.document`; here only what one glyph's text shows by itself.
"""

from __future__ import annotations

from kaghaz.chars import ALEF, LAM, fold_presentation_forms, is_mark

_ALEF = ALEF
_FATHATAN = "\N{ARABIC FATHATAN}"
_ALEFS = frozenset(ALEF + "\N{ARABIC LETTER ALEF WITH MADDA ABOVE}\N{ARABIC LETTER ALEF WITH HAMZA ABOVE}"
                   "\N{ARABIC LETTER ALEF WITH HAMZA BELOW}")


def fix_lam_alef(text: str) -> str:
    """Put a lam-alef ligature that a producer mapped backwards (``ال``) back in order (``لا``).

    Only for the text of one glyph: alef never joins forward, so one glyph showing alef then lam can
    only be the lam-alef ligature mapped in the wrong order (LibreOffice with Nazli, Typst).

    >>> fix_lam_alef("ال") == "لا", fix_lam_alef("لا") == "لا"
    (True, True)
    >>> fix_lam_alef("\N{ARABIC LETTER ALEF WITH HAMZA ABOVE}ل") == "ل\N{ARABIC LETTER ALEF WITH HAMZA ABOVE}"
    True
    """
    bases = [i for i, c in enumerate(text) if not is_mark(c)]
    if len(bases) != 2 or text[bases[0]] not in _ALEFS or text[bases[1]] != LAM:
        return text
    first, second = bases
    return text[second:] + text[first:second]


#: Letters a Persian reader types as two characters: heh with yeh above is heh and hamza above.
TYPED_AS = {"\N{ARABIC LETTER HEH WITH YEH ABOVE}": "\N{ARABIC LETTER HEH}\N{ARABIC HAMZA ABOVE}"}
_TYPED_AS = str.maketrans(TYPED_AS)


def fix_cluster_text(text: str) -> str:
    """Presentation forms folded to letters, letters as they are typed, then a backwards lam-alef put right.

    ``ۀ`` (one code point) and ``هٔ`` (heh and hamza above) look the same; the Persian keyboard types the
    second, and so does every ground truth kaghaz was measured against, so glyphs mapped to the first
    come out as the second.

    >>> fix_cluster_text("\N{ARABIC LETTER BEH INITIAL FORM}") == "ب"
    True
    >>> fix_cluster_text("\N{ARABIC LETTER HEH WITH YEH ABOVE}") == "ه\N{ARABIC HAMZA ABOVE}"
    True
    >>> fix_cluster_text("ل\N{ARABIC FATHATAN}ا") == "لا\N{ARABIC FATHATAN}"
    True
    """
    text = fold_presentation_forms(text).translate(_TYPED_AS)
    if len(text) >= 2:
        text = fix_lam_alef(text)
    if _FATHATAN in text and _ALEF in text and not text.endswith(_ALEF + _FATHATAN):
        # in a ligature's text the tanwin of "لاً" is written on the alef, as it is typed
        text = text.replace(_FATHATAN, "")
        at = text.rindex(_ALEF) + 1
        text = text[:at] + _FATHATAN + text[at:]
    return text
