"""What the Granska page shows, without Streamlit: a fact's paragraph as HTML with its sentence
marked and its two parties highlighted, and the row marks of the co-financing table.

The paragraph is the text's lines around the fact's line, between blank lines (the repaired
text of the review base keeps the file's line numbers, see samverkan.review.base).
"""
from __future__ import annotations

import html
import re
from typing import Iterable

SENTENCE_STYLE = "background:#fff3b0;padding:1px 0"
SOURCE_STYLE = "background:#c7e0f4;font-weight:600;border-radius:3px;padding:0 2px"
TARGET_STYLE = "background:#d5ecc2;font-weight:600;border-radius:3px;padding:0 2px"


def _find_all(haystack: str, needle: str) -> list[tuple[int, int]]:
    """Case-insensitive occurrences of `needle` (at word starts), as (start, end)."""
    if len(needle) < 2:
        return []
    pattern = re.compile(r"(?<!\w)" + re.escape(needle), re.IGNORECASE)
    return [(m.start(), m.end()) for m in pattern.finditer(haystack)]


def name_spans(text: str, names: Iterable[str]) -> list[tuple[int, int]]:
    """Where any of `names` (a node's name and aliases, longest first) stands in `text`; a
    name not found whole is looked for by its first word of four letters or more
    ("Länsstyrelsen i Dalarnas län" -> "länsstyrelsen")."""
    names = sorted({n for n in names if n}, key=len, reverse=True)
    for name in names:
        spans = _find_all(text, name)
        if spans:
            return spans
    for name in names:
        words = [w for w in re.findall(r"\w+", name) if len(w) >= 4]
        for word in words[:1]:
            spans = _find_all(text, word)
            if spans:
                return spans
    return []


def paragraph_html(lines: list[str], sentence: str, source_names: Iterable[str], target_names: Iterable[str]) -> str:
    """The paragraph with the fact's sentence marked (yellow), its source (blue) and target
    (green) highlighted; everything escaped."""
    text = " ".join(" ".join(lines).split())
    sentence = " ".join((sentence or "").split())
    start = text.find(sentence) if sentence else -1
    if start < 0 and sentence:
        text, start = sentence, 0  # the paragraph could not be placed: show the sentence itself
    mark = (start, start + len(sentence)) if start >= 0 else None
    scope = text[mark[0]:mark[1]] if mark else text
    offset = mark[0] if mark else 0
    spans: list[tuple[int, int, str]] = []
    for names, style in ((source_names, SOURCE_STYLE), (target_names, TARGET_STYLE)):
        for a, b in name_spans(scope, names):
            a, b = a + offset, b + offset
            if all(b <= x or a >= y for x, y, _ in spans):
                spans.append((a, b, style))
    spans.sort()
    out, pos = [], 0
    events = []
    if mark:
        events += [(mark[0], 0, f'<mark style="{SENTENCE_STYLE}">'), (mark[1], 1, "</mark>")]
    for a, b, style in spans:
        events += [(a, 2, f'<span style="{style}">'), (b, -1, "</span>")]
    for at, _, tag in sorted(events, key=lambda e: (e[0], e[1])):
        out.append(html.escape(text[pos:at]))
        out.append(tag)
        pos = at
    out.append(html.escape(text[pos:]))
    return "".join(out)
