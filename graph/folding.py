"""The one name folding: how samverkan compares names case- and diacritic-insensitively.

"Länsstyrelsen i Örebro Län" and "lansstyrelsen i orebro lan" fold to the same text. The
folding is a fixed list of replacements, not Unicode decomposition, because queries fold the
stored text inside Cypher (`fold_cypher`) with nested replace() calls that both Neo4j and
the embedded store run; Python and Cypher then fold exactly alike.
"""
from __future__ import annotations

# Swedish letters and the accented ones Swedish names use ("Linné", "Müller").
FOLD_PAIRS = (("å", "a"), ("ä", "a"), ("ö", "o"), ("é", "e"), ("ü", "u"))


def fold(text: str | None) -> str:
    """Lower case, the FOLD_PAIRS replaced, runs of whitespace one space: "Örebro  Län" -> "orebro lan"."""
    out = (text or "").lower()
    for a, b in FOLD_PAIRS:
        out = out.replace(a, b)
    return " ".join(out.split())


def fold_cypher(expr: str) -> str:
    """The Cypher half of a folded comparison: `replace(replace(lower(expr), 'å', 'a'), …)`.
    (Whitespace is not collapsed in Cypher; stored names have single spaces.)"""
    out = f"lower({expr})"
    for a, b in FOLD_PAIRS:
        out = f"replace({out}, '{a}', '{b}')"
    return out
