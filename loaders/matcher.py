"""A token phrase matcher: longest, non-overlapping matches of known names in a sentence.

Like spaCy's PhraseMatcher with attr LOWER/ORTH, but with character offsets into the
sentence and per-phrase case sensitivity (abbreviations and names that are also common
Swedish words match only as written).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

TOKEN_RE = re.compile(r"\w+(?:[-:.&']\w+)*\+?|[^\w\s]", re.UNICODE)


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Match:
    key: str
    start: int
    end: int
    text: str


def tokenize(text: str) -> list[Token]:
    """The tokens of a text (a shared, read-only list: the same sentence is tokenised by several
    stages, so the result is remembered)."""
    return _tokenize(text)


@lru_cache(maxsize=4096)
def _tokenize(text: str) -> list[Token]:
    return [Token(m.group(), m.start(), m.end()) for m in TOKEN_RE.finditer(text)]


class PhraseMatcher:
    def __init__(self) -> None:
        self._phrases: dict[tuple[str, ...], list[tuple[tuple[str, ...], bool, str]]] = {}
        self._prefixes: set[tuple[str, ...]] = set()
        self.max_len = 1
        self.version = 0  # changes with every phrase added or remapped: results keyed by it stay valid

    def add(self, phrase: str, key: str, case_sensitive: bool = False) -> None:
        tokens = tuple(t.text for t in tokenize(phrase))
        if not tokens:
            return
        lowered = tuple(t.lower() for t in tokens)
        entries = self._phrases.setdefault(lowered, [])
        if any(e[0] == tokens and e[1] == case_sensitive for e in entries):
            return
        entries.append((tokens, case_sensitive, key))
        self.version += 1
        for n in range(1, len(lowered)):
            self._prefixes.add(lowered[:n])
        self.max_len = max(self.max_len, len(tokens))

    def remap(self, old: str, new: str) -> None:
        """Point every phrase of `old` at `new` (two names found to be one organisation)."""
        self.remap_all({old: new})

    def remap_all(self, renamed: dict[str, str]) -> None:
        """Point every phrase at its key's new name (keys not in `renamed` stay)."""
        for key, entries in self._phrases.items():
            self._phrases[key] = [(t, cs, renamed.get(k, k)) for t, cs, k in entries]
        self.version += 1

    def __contains__(self, phrase: str) -> bool:
        return tuple(t.text.lower() for t in tokenize(phrase)) in self._phrases

    def lookup(self, phrase: str) -> str | None:
        tokens = tuple(t.text for t in tokenize(phrase))
        for exact, case_sensitive, key in self._phrases.get(tuple(t.lower() for t in tokens), []):
            if not case_sensitive or exact == tokens:
                return key
        return None

    def find(self, text: str, tokens: list[Token] | None = None) -> list[Match]:
        tokens = tokens if tokens is not None else tokenize(text)
        lowered = [t.text.lower() for t in tokens]
        matches: list[Match] = []
        i = 0
        while i < len(tokens):
            best = None
            for n in range(1, min(self.max_len, len(tokens) - i) + 1):
                key = tuple(lowered[i : i + n])
                if n > 1 and key[:-1] not in self._prefixes and key[:-1] not in self._phrases:
                    break
                for exact, case_sensitive, value in self._phrases.get(key, []):
                    if case_sensitive and tuple(t.text for t in tokens[i : i + n]) != exact:
                        continue
                    best = (n, value)
                    break
            if best:
                n, value = best
                start, end = tokens[i].start, tokens[i + n - 1].end
                matches.append(Match(value, start, end, text[start:end]))
                i += n
            else:
                i += 1
        return matches
