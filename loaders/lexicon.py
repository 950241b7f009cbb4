"""Swedish lexicon used by the text-repair stage.

The word list is ``wordfreq``'s Swedish frequency table (about 340 000 word
forms with frequencies from subtitles, Wikipedia, web text, ...).  On top of it
:meth:`Lexicon.is_compound` recognises unlisted Swedish compounds, which are
written as one word ("jämställdhetsutbildning" = "jämställdhets" +
"utbildning"): a word is accepted when it splits into 2-3 known parts of at
least three letters each, optionally with a linking "s" between parts.

The table is loaded lazily, once per process (:func:`get_lexicon`).
"""

from __future__ import annotations

import math
import threading
from collections import Counter
from functools import lru_cache

__all__ = ["Lexicon", "get_lexicon"]

# Lowest zipf value in wordfreq's lists (a word seen about once per 100 million).
_ZIPF_FLOOR = 1.0


def _zipf_table(language: str) -> dict[str, float]:
    """wordfreq's table in zipf values. Building it takes ~0.8 s, so the result is kept in the
    user's cache directory (marshal, keyed by the wordfreq version) and read back in ~0.1 s;
    where that directory cannot be written, the table is simply built each time."""
    import marshal
    import os
    from importlib.metadata import version
    from pathlib import Path

    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "samverkan"
    path = cache / f"zipf-{language}-{version('wordfreq')}.marshal"
    try:
        return marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        pass
    import wordfreq

    freqs = wordfreq.get_frequency_dict(language)
    table = {w: math.log10(f) + 9.0 for w, f in freqs.items() if f > 0}
    try:
        cache.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(marshal.dumps(table))
        tmp.replace(path)  # atomic: a reader never sees half a file
    except OSError:
        pass
    return table


class Lexicon:
    """Word frequencies (zipf scale, case-insensitive) plus a compound check.

    ``words`` maps lower-case word forms to zipf values; by default it is
    wordfreq's Swedish table.  Passing a small mapping is handy in tests.
    """

    #: a modifier (non-final) part of a compound must be at least this frequent
    MODIFIER_MIN_ZIPF = 2.5
    #: the head (final) part of a compound must be at least this frequent
    HEAD_MIN_ZIPF = 1.5
    #: three-letter parts are noisy (abbreviations, fragments): demand more
    SHORT_PART_MIN_ZIPF = 3.5
    MIN_PART = 3
    MAX_COMPOUND = 48  # longer strings are not checked
    #: words that define the possible word beginnings (:meth:`onset_ok`)
    ONSET_MIN_ZIPF = 3.0
    ONSET_MIN_WORDS = 10  # ... that begin so (the table has noise: names, typos)

    def __init__(self, words: dict[str, float] | None = None, language: str = "sv"):
        self.language = language
        self._zipf: dict[str, float] | None = dict(words) if words is not None else None
        self._lock = threading.Lock()
        self._onsets: frozenset[str] | None = None
        # per-instance memo for the compound split
        self._compound = lru_cache(maxsize=200_000)(self._compound_split)

    # -- loading -----------------------------------------------------------
    def _table(self) -> dict[str, float]:
        if self._zipf is None:
            with self._lock:
                if self._zipf is None:
                    self._zipf = _zipf_table(self.language)
        return self._zipf

    def load(self) -> "Lexicon":
        """Force loading of the word table (it is otherwise loaded on first use)."""
        self._table()
        self.onset_ok("ab")  # builds the table of word beginnings
        return self

    def __len__(self) -> int:
        return len(self._table())

    # -- look-ups ----------------------------------------------------------
    def frequency(self, word: str) -> float:
        """Zipf frequency of ``word`` (case-insensitive); 0.0 when unknown."""
        return self._table().get(word.lower(), 0.0)

    def is_word(self, word: str, min_zipf: float = _ZIPF_FLOOR) -> bool:
        """Whether ``word`` is a listed word form at least ``min_zipf`` frequent."""
        return self.frequency(word) >= min_zipf

    def is_compound(self, word: str) -> bool:
        """Whether ``word`` splits into 2-3 known parts (optional linking "s")."""
        return self.compound_parts(word) is not None

    def compound_parts(self, word: str) -> tuple[str, ...] | None:
        """The best split of ``word`` into compound parts, or None."""
        w = word.lower()
        if not 2 * self.MIN_PART <= len(w) <= self.MAX_COMPOUND or not w.isalpha():
            return None
        return self._compound(w)

    def onset_ok(self, word: str) -> bool:
        """Whether some reasonably common word begins like ``word`` (first two letters).

        Fragments cut out of a word by a broken letter often begin with a cluster
        no Swedish word begins with ("dgivningar", "nstemanna", "rsektoriellt").
        """
        w = word.lower()
        if len(w) < 2:
            return True
        if self._onsets is None:
            counts = Counter(
                k[:2] for k, z in self._table().items() if z >= self.ONSET_MIN_ZIPF and len(k) >= 3 and k[:2].isalpha()
            )
            self._onsets = frozenset(k for k, c in counts.items() if c >= self.ONSET_MIN_WORDS)
        return w[:2] in self._onsets

    # -- internals ---------------------------------------------------------
    def _part_ok(self, part: str, head: bool) -> bool:
        if len(part) < self.MIN_PART:
            return False
        z = self._table().get(part, 0.0)
        if len(part) == self.MIN_PART and z < self.SHORT_PART_MIN_ZIPF:
            return False
        return z >= (self.HEAD_MIN_ZIPF if head else self.MODIFIER_MIN_ZIPF)

    def _modifier_forms(self, left: str):
        """Ways ``left`` can be a compound modifier: the word itself, or word + linking s."""
        if self._part_ok(left, head=False):
            yield (left,)
        if len(left) > self.MIN_PART:
            if left[-1] in "eo" and self._part_ok(left[:-1] + "a", head=False):
                # "styrke-" from "styrka", "kvinno-" from "kvinna"
                yield (left[:-1] + "a",)
            elif left[-1] not in "aeiouyåäö":
                for vowel in "ae":
                    # "skol-" from "skola", "ägar-" from "ägare"
                    if self._part_ok(left + vowel, head=False):
                        yield (left + vowel,)
                        break
        if len(left) > self.MIN_PART and left.endswith("s") and not left.endswith("ss"):
            stem = left[:-1]
            if self._part_ok(stem, head=False):
                yield (stem, "s")
            elif self._part_ok(stem + "e", head=False):
                # "samarbets-" from "samarbete", "samhälls-" from "samhälle"
                yield (stem + "e", "s")

    def _compound_split(self, w: str) -> tuple[str, ...] | None:
        n = len(w)
        m = self.MIN_PART
        table = self._table()
        # possible heads first: most strings have none, and then need no more work
        heads = [i for i in range(m, n - m + 1) if self._part_ok(w[i:], head=True)]
        if not heads:
            return None
        best: tuple[float, tuple[str, ...]] | None = None

        def consider(parts: tuple[str, ...]) -> None:
            nonlocal best
            # prefer splits whose rarest part is most frequent
            score = min(table.get(p, 0.0) for p in parts if p != "s")
            if best is None or score > best[0]:
                best = (score, parts)

        mods: dict[tuple[int, int], list[tuple[str, ...]]] = {}

        def modifiers(i: int, k: int) -> list[tuple[str, ...]]:
            r = mods.get((i, k))
            if r is None:
                r = mods[(i, k)] = list(self._modifier_forms(w[i:k]))
            return r

        # two parts
        for i in heads:
            for mod in modifiers(0, i):
                consider(mod + (w[i:],))
        if best is not None:
            return best[1]
        # three parts
        for k in heads:
            for i in range(m, k - m + 1):
                first = modifiers(0, i)
                if not first:
                    continue
                for mod2 in modifiers(i, k):
                    for mod1 in first:
                        consider(mod1 + mod2 + (w[k:],))
        return best[1] if best is not None else None


_DEFAULT: Lexicon | None = None
_DEFAULT_LOCK = threading.Lock()


def get_lexicon() -> Lexicon:
    """The process-wide Swedish lexicon (loaded on first use, then cached)."""
    global _DEFAULT
    if _DEFAULT is None:
        with _DEFAULT_LOCK:
            if _DEFAULT is None:
                _DEFAULT = Lexicon()
    return _DEFAULT
