"""The shared Persian lexicon: word frequencies and the choices that depend on them.

One lexicon serves extraction (ZWNJ ties that geometry cannot settle, lam-alef order), repair (the
order of reversed pieces, lost ZWNJ) and search. It is wordfreq's ``fa`` list (read from the
package's own data files, nothing is downloaded) plus the additions shipped in
``kaghaz/data/lexicon_additions.tsv``: Dari words such as month names (جنوری, حمل) and names of
places and organisations that the web-derived list misses.

Lookups fold what does not change a word for a reader: diacritics and hamza above, tatweel, Arabic
yeh and kaf (``ي ك ى`` count as Persian ``ی ک``), ``ۀ`` as ``ه``. ZWNJ is kept in the key, because
``می\N{ZERO WIDTH NON-JOINER}شود`` and ``میشود`` are different spellings with different frequencies.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from types import MappingProxyType

from kaghaz.chars import ZWNJ, joins_forward

_FOLD = str.maketrans({
    "\N{ARABIC LETTER YEH}": "\N{ARABIC LETTER FARSI YEH}",
    "\N{ARABIC LETTER ALEF MAKSURA}": "\N{ARABIC LETTER FARSI YEH}",
    "\N{ARABIC LETTER KAF}": "\N{ARABIC LETTER KEHEH}",
    "\N{ARABIC LETTER HEH WITH YEH ABOVE}": "\N{ARABIC LETTER HEH}",
    "\N{ARABIC TATWEEL}": None,
})

#: Suffixes that Persian writes after a ZWNJ when the stem ends in a letter that joins forward.
ZWNJ_SUFFIXES = frozenset(
    ["ها", "های", "هایی", "هایم", "هایت", "هایش", "هایمان", "هایتان", "هایشان", "ای", "ام", "ات", "اش",
     "اند", "ایم", "اید", "تر", "ترین", "تری", "شان", "مان", "تان", "ی", "یی"]
)
#: Prefixes that Persian writes before a ZWNJ.
ZWNJ_PREFIXES = frozenset(["می", "نمی", "بی"])

#: The probability given to a word the lexicon does not know.
UNKNOWN = 1e-9


def lookup_key(word: str) -> str:
    """The folded form a word is looked up by.

    >>> lookup_key("كتابي") == lookup_key("کتابی")
    True
    >>> lookup_key("یافتهٔ") == "یافته"
    True
    """
    if _UNFOLDED(word) is None:
        return word
    folded = word.translate(_FOLD_AND_STRIP)
    if folded.isascii() or max(folded) <= "\uffff":
        return folded
    return "".join(c for c in folded if unicodedata.category(c) != "Mn")


#: :data:`_FOLD` plus every combining mark (category Mn) of the Basic Multilingual Plane removed,
#: so that a key is one ``str.translate`` (marks beyond the BMP are removed one by one).
_FOLD_AND_STRIP = {**_FOLD, **{code: None for code in range(0x10000) if unicodedata.category(chr(code)) == "Mn"}}


def _char_class(codes: Iterable[int]) -> str:
    """A regular-expression character class of ``codes``, as ranges.

    >>> _char_class([0x61, 0x62, 0x63, 0x78])
    '[a-cx]'
    """
    ranges: list[list[int]] = []
    for code in sorted(codes):
        if ranges and code == ranges[-1][1] + 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return "[" + "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
                         for a, b in ranges) + "]"


#: The first character that :func:`lookup_key` changes or removes (``None``: the word is its own
#: key); matching it is several times faster than ``str.translate``, and most words have none.
_UNFOLDED = re.compile(_char_class([*_FOLD_AND_STRIP, *range(0x10000, 0x110000)])).search


@dataclass(frozen=True, slots=True)
class JoinChoice:
    """How two neighbouring pieces of text should meet: ``glue`` is ``""``, a ZWNJ or a space."""

    glue: str
    score: float


class Lexicon:
    """Word probabilities over folded keys. Build it with :func:`default_lexicon`."""

    __slots__ = ("_freq", "_get")

    def __init__(self, freqs: Mapping[str, float]) -> None:
        table = dict(freqs)
        self._freq: Mapping[str, float] = MappingProxyType(table)
        #: the table's own ``get`` (a read-only view's is slower, and lookups are the hot path)
        self._get = table.get

    def __len__(self) -> int:
        return len(self._freq)

    def frequency(self, word: str) -> float:
        """Probability of ``word`` in running text, 0.0 if unknown.

        >>> default_lexicon().frequency("ایران") > default_lexicon().frequency("ایرانیکا")
        True
        """
        return self._get(lookup_key(word), 0.0)

    def key_frequency(self, key: str) -> float:
        """Probability of the word whose :func:`lookup_key` is ``key``, 0.0 if unknown.

        >>> default_lexicon().key_frequency(lookup_key("ایران")) == default_lexicon().frequency("ایران")
        True
        """
        return self._get(key, 0.0)

    def zipf(self, word: str) -> float:
        """Zipf frequency (log10 of occurrences per billion words), 0.0 if unknown.

        >>> 5.0 < default_lexicon().zipf("دولت") < 7.0
        True
        """
        freq = self.frequency(word)
        return math.log10(freq) + 9.0 if freq > 0 else 0.0

    def knows(self, word: str) -> bool:
        """True if the lexicon has ``word`` (folded), with or without its ZWNJs.

        >>> default_lexicon().knows("می\N{ZERO WIDTH NON-JOINER}شود"), default_lexicon().knows("شودمی")
        (True, False)
        """
        key = lookup_key(word)
        return key in self._freq or key.replace(ZWNJ, "") in self._freq

    def log_prob(self, words: Iterable[str]) -> float:
        """Sum of log10 probabilities of ``words`` (unknown words get :data:`UNKNOWN`)."""
        return sum(math.log10(self._freq.get(lookup_key(w), 0.0) or UNKNOWN) for w in words)

    def best_join(self, left: str, right: str) -> JoinChoice:
        """How ``left`` and ``right`` most probably meet in Persian: nothing, a ZWNJ or a space.

        Whole-word evidence first (is ``left\N{ZERO WIDTH NON-JOINER}right`` or ``leftright`` a known
        word, and how common against the two words apart), then morphology (``می``/``نمی`` before,
        ``ها``/``های``/``ترین`` after a stem that joins forward). A ZWNJ is only proposed after a
        letter that joins forward, because anywhere else it changes nothing on the page.

        >>> default_lexicon().best_join("می", "شود").glue == ZWNJ
        True
        >>> default_lexicon().best_join("دولت", "های").glue == ZWNJ
        True
        >>> default_lexicon().best_join("در", "ایران").glue
        ' '
        """
        apart = self.log_prob((left, right))
        choices = [JoinChoice(" ", apart)]
        ends_joining = bool(left) and joins_forward(left[-1])
        joined_key = lookup_key(left + right)
        zwnj_key = lookup_key(left + ZWNJ + right)
        f_joined = self._freq.get(joined_key, 0.0)
        f_zwnj = self._freq.get(zwnj_key, 0.0)
        morph = (left in ZWNJ_PREFIXES and len(right) > 1) or (right in ZWNJ_SUFFIXES and len(left) > 1)
        if ends_joining:
            if f_zwnj:
                choices.append(JoinChoice(ZWNJ, math.log10(f_zwnj) + 0.3))
            elif morph and self.knows(right if left in ZWNJ_PREFIXES else left):
                choices.append(JoinChoice(ZWNJ, apart + 1.0))
        if f_joined:
            choices.append(JoinChoice("", math.log10(f_joined)))
        elif morph and not ends_joining and self.knows(right if left in ZWNJ_PREFIXES else left):
            choices.append(JoinChoice("", apart + 1.0))
        return max(choices, key=lambda c: c.score)


def _read_additions() -> dict[str, float]:
    """The shipped additions: ``word<TAB>zipf`` per line, ``#`` comments."""
    text = resources.files("kaghaz.data").joinpath("lexicon_additions.tsv").read_text(encoding="utf-8")
    additions: dict[str, float] = {}
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        word, _, zipf = line.partition("\t")
        additions[lookup_key(word.strip())] = 10 ** (float(zipf or "3.0") - 9.0)
    return additions


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The shared lexicon: wordfreq ``fa`` plus kaghaz's additions, folded. Built once per process."""
    import wordfreq  # imported here: loading its data costs time that only lexicon users should pay

    freqs: dict[str, float] = {}
    for word, freq in wordfreq.get_frequency_dict("fa").items():
        key = lookup_key(word)
        freqs[key] = freqs.get(key, 0.0) + freq
    for key, freq in _read_additions().items():
        freqs[key] = max(freqs.get(key, 0.0), freq)
    return Lexicon(freqs)


# --- Added for repair: word pairs and letter sequences ------------------------------------------


def _lexicon_words(lexicon: Lexicon) -> Iterable[tuple[str, float]]:
    """The folded keys of ``lexicon`` with their probabilities."""
    return lexicon._freq.items()


@dataclass(frozen=True, slots=True)
class BigramTable:
    """Counts of word pairs in openly licensed Persian text, over folded keys.

    Built by ``bench/repair.py --build-bigrams`` from ``../shared/corpora`` (UD Persian-PerDT,
    Common Voice, a Persian Wikipedia sample; see ``kaghaz/data/bigrams.NOTICE.md``, CC BY-SA 4.0)
    with the sentences kept for the clean-text benchmark left out.
    """

    pairs: Mapping[tuple[str, str], int]
    firsts: Mapping[str, int]
    total: int

    def count(self, left: str, right: str) -> int:
        """How often ``left right`` was seen (folded).

        >>> default_bigrams().count("به", "عنوان") > 10
        True
        """
        return self.pairs.get((lookup_key(left), lookup_key(right)), 0)

    def after(self, left: str) -> int:
        """How often ``left`` was seen followed by another word."""
        return self.firsts.get(lookup_key(left), 0)


@lru_cache(maxsize=1)
def default_bigrams() -> BigramTable:
    """The shipped word-pair counts (``kaghaz/data/bigrams.tsv``). Built once per process.

    Comment lines (no tab) are skipped; data lines may start with ``#``, the number token:

    >>> default_bigrams().count("#", "میلیون") > 10
    True
    """
    text = resources.files("kaghaz.data").joinpath("bigrams.tsv").read_text(encoding="utf-8")
    pairs: dict[tuple[str, str], int] = {}
    firsts: dict[str, int] = {}
    total = 0
    for raw in text.splitlines():
        # comment lines hold no tab; a data line may start with ``#`` (the number token)
        fields = raw.split("\t")
        if len(fields) != 3:
            continue
        left, right, count_text = fields
        count = int(count_text)
        pairs[(left, right)] = count
        firsts[left] = firsts.get(left, 0) + count
        total += count
    return BigramTable(MappingProxyType(pairs), MappingProxyType(firsts), total)


class LetterModel:
    """A letter trigram model of Persian words, learnt from the lexicon's own word list.

    It gives a probability to words the lexicon does not know (names, rare forms), so that an
    unknown but Persian-looking word such as ``فلسنتال`` scores far above its reversal ``لاتنسلف``.
    Words are folded with :func:`lookup_key`; ZWNJ is treated as a word boundary.

    >>> model = default_letter_model()
    >>> model.log_prob("فلسنتال") > model.log_prob("لاتنسلف")
    True
    """

    __slots__ = ("_alphabet", "_contexts", "_counts", "_logs", "_types")

    ORDER = 3

    def __init__(self, weighted_words: Iterable[tuple[str, float]]) -> None:
        counts: dict[str, float] = {}
        contexts: dict[str, float] = {}
        types: dict[str, set[str]] = {}
        alphabet: set[str] = set()
        for word, weight in weighted_words:
            padded = "^" * (self.ORDER - 1) + word + "$"
            for i in range(self.ORDER - 1, len(padded)):
                char = padded[i]
                alphabet.add(char)
                for n in range(self.ORDER):
                    context = padded[i - n:i]
                    counts[context + char] = counts.get(context + char, 0.0) + weight
                    contexts[context] = contexts.get(context, 0.0) + weight
                    types.setdefault(context, set()).add(char)
        self._counts = counts
        self._contexts = contexts
        self._types = {context: len(chars) for context, chars in types.items()}
        self._alphabet = len(alphabet) + 1
        #: log10 of :meth:`_char_prob` by context and letter, filled as words are scored
        self._logs: dict[str, float] = {}

    def _char_log(self, gram: str) -> float:
        """log10 of the probability of the last letter of ``gram`` after the ones before it, cached."""
        found = self._logs.get(gram)
        if found is None:
            if len(self._logs) > 500_000:
                self._logs.clear()
            found = self._logs[gram] = math.log10(self._char_prob(gram[:-1], gram[-1]))
        return found

    def _char_prob(self, context: str, char: str) -> float:
        """Witten-Bell interpolated probability of ``char`` after ``context``."""
        prob = 1.0 / self._alphabet
        for n in range(len(context) + 1):
            ctx = context[len(context) - n:]
            total = self._contexts.get(ctx, 0.0)
            if not total:
                continue
            distinct = self._types.get(ctx, 0)
            lam = total / (total + distinct)
            prob = lam * self._counts.get(ctx + char, 0.0) / total + (1.0 - lam) * prob
        return prob

    def log_prob(self, word: str) -> float:
        """log10 probability of ``word`` (folded; ZWNJ splits it into parts scored separately)."""
        return self.key_log_prob(lookup_key(word))

    def key_log_prob(self, key: str) -> float:
        """:meth:`log_prob` of the word whose :func:`lookup_key` is ``key``.

        >>> model = default_letter_model()
        >>> model.key_log_prob(lookup_key("كتابي")) == model.log_prob("كتابي")
        True
        """
        total = 0.0
        logs = self._logs  # read directly, the method called only for what it lacks (a hot path)
        order = self.ORDER
        for part in key.split(ZWNJ):
            if not part:
                continue
            padded = "^" * (order - 1) + part + "$"
            for i in range(order - 1, len(padded)):
                gram = padded[i - order + 1:i + 1]
                found = logs.get(gram)
                total += self._char_log(gram) if found is None else found
        return total


@lru_cache(maxsize=1)
def default_letter_model() -> LetterModel:
    """The letter model of the default lexicon's words (each word weighted by its Zipf value)."""
    words = ((key, max(1.0, math.log10(freq) + 9.0 - 1.0)) for key, freq in _lexicon_words(default_lexicon())
             if key and all(unicodedata.category(c).startswith("L") for c in key))
    return LetterModel(words)
