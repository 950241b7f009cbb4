"""Lines as the template's structure needs them, whatever layout the text came in.

PDF-to-text tools lay a report out in many ways: one line per printed line, one line per
paragraph, re-wrapped at another width, or no line breaks at all. The template's headings
("3.1 Samverkan med länsstyrelsen"), its guidance ("• Beskriv kortfattat inom vilka områden
gemensam finansiering har skett med länsstyrelsen.") and its bullets then stand inside longer
lines, where the section splitter, which reads headings on lines of their own, cannot see
them. `normalize_layout` breaks such lines before (and after) them, and keeps for every new
line the line of the given file it came from, so evidence line numbers still point into the
file the user gave.

Example: "… framåt. 3.5 Samråd med näringsliv • Beskriv kortfattat … näringsliv. Text …" on
line 40 becomes four lines, each from line 40.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from .template import Template, load_template

SENTENCE_BEFORE = re.compile(r"(?:^|[.!?:;”\")»]|\s\d{1,3})\s*$")  # what may stand before a heading
CROSS_REFERENCE = re.compile(r"(?i)(?:\bse|\bunder|\bi|\bavsnitt|\bkapitel|\benligt|\bvidare)\s*$")


@dataclass(frozen=True)
class Normalized:
    text: str
    origin: list[int]  # origin[i] = the 1-based line of the given text that line i + 1 comes from

    def line(self, normalized_line: int) -> int:
        return self.origin[normalized_line - 1] if 0 < normalized_line <= len(self.origin) else normalized_line


_COMPILED: dict[int, tuple[re.Pattern, re.Pattern, re.Pattern]] = {}


def _patterns(template: Template) -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    if id(template) not in _COMPILED:
        _COMPILED[id(template)] = _compile(template)
    return _COMPILED[id(template)]


def _compile(template: Template) -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """Headings (number and title), guidance (its start to the end of its sentence), and
    table headings, each only where it stands inside a line."""
    titles = {**template.chapters, **template.sections}
    heading_alts = []
    for number, title in sorted(titles.items(), key=lambda kv: -len(kv[0])):
        words = r"\s+".join(re.escape(w) for w in title.split())
        heading_alts.append(rf"{re.escape(number)}\.?\s+{words}")
    chapter = r"[1-9]\s+Återrapportering\s+[1-9]\b|[1-9]\s+Övriga\s+medskick"
    headings = re.compile(rf"(?<![\w.])(?:{'|'.join(heading_alts)}|{chapter})(?=\s|$)")
    starts = sorted({r"\s+".join(re.escape(w) for w in g.starts.split()) for g in template.guidance if g.answers},
                    key=len, reverse=True)
    guidance = re.compile(rf"(?:•\s*)?(?:{'|'.join(starts)})[^.?!]*[.?!]")
    tables = sorted((r"\s+".join(re.escape(w) for w in h.split()) for h in template.table_headings if len(h) > 12),
                    key=len, reverse=True)
    table = re.compile(rf"(?i)(?:{'|'.join(tables)})") if tables else re.compile(r"(?!x)x")
    return headings, guidance, table


def _breaks(text: str, template: Template) -> tuple[set[int], list[tuple[int, int]]]:
    """Offsets in the whole text where a new line should start, and the spans of headings that
    a wrapped layout broke over lines (their line breaks become spaces)."""
    headings, guidance, table = _patterns(template)
    cuts: set[int] = set()
    joins: list[tuple[int, int]] = []

    newlines = [i for i, ch in enumerate(text) if ch == "\n"]

    def line_start(pos: int) -> int:
        k = bisect_left(newlines, pos)
        return newlines[k - 1] + 1 if k else 0

    def inside_line(pos: int) -> bool:
        return bool(text[line_start(pos) : pos].strip())

    for m in headings.finditer(text):
        before = text[line_start(m.start()) : m.start()]
        starts_line = not before.strip()
        if not starts_line and (not SENTENCE_BEFORE.search(before) or CROSS_REFERENCE.search(before)):
            continue
        rest = text[m.end() : m.end() + 3].lstrip(" ")
        if starts_line and "\n" not in m.group():
            continue  # a heading on a line of its own, as the section splitter reads it
        if not starts_line:
            cuts.add(m.start())
        if "\n" in m.group():
            joins.append((m.start(), m.end()))
        if rest and rest[:1] != "\n" and (rest[:1].isupper() or rest[:1] == "•") and "." in m.group().split()[0]:
            cuts.add(m.end())  # "3.1 Samverkan med länsstyrelsen Text …": the heading alone
    for m in guidance.finditer(text):
        if inside_line(m.start()):
            cuts.add(m.start())
        if "\n" in m.group():
            joins.append((m.start(), m.end()))  # the guidance read as one line, as the template has it
        after = text[m.end() : text.find("\n", m.end()) if "\n" in text[m.end() :] else len(text)]
        if after.strip():
            cuts.add(m.end())
    for m in table.finditer(text):
        if inside_line(m.start()) and text[m.start() - 1] == " ":
            cuts.add(m.start())
            if text[m.end() : m.end() + 1] in (" ", "\t"):
                cuts.add(m.end())  # not before "," that ends the heading: evidence stays verbatim
    for m in re.finditer(r"[ \t]•\s", text):  # a bullet of a list joined into its paragraph
        if inside_line(m.start() + 1):
            cuts.add(m.start() + 1)
    return cuts, joins


def normalize_layout(text: str, template: Template | None = None) -> Normalized:
    template = template or load_template()
    cuts, joins = _breaks(text, template)
    if not cuts and not joins:
        return Normalized(text, list(range(1, text.count("\n") + 2)))
    joined = {i for a, b in joins for i in range(a, b) if text[i] == "\n"}
    breaks = sorted(cuts | {i for i, ch in enumerate(text) if ch == "\n" and i not in joined})
    out: list[str] = []
    origin: list[int] = []
    line, start = 1, 0  # the given file's line at offset `start`
    for pos in breaks + [len(text)]:
        piece = text[start:pos].replace("\n", " ")  # only joined line breaks remain inside
        out.append(piece.strip() if pos in cuts or start in cuts else piece)
        origin.append(line)
        after = pos + 1 if pos < len(text) and text[pos] == "\n" else pos
        line += text.count("\n", start, after)
        start = after
    return Normalized("\n".join(out), origin)
