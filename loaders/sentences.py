"""Sentences of the region's own text, each with its section and starting line.

A sentence never spans template text or a section boundary, so its whitespace-collapsed
text always occurs in the whitespace-collapsed repaired document: that is the evidence
contract (`occurs_in`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .sections import Layout

ABBREVIATIONS = {
    "t.ex", "bl.a", "dvs", "d.v.s", "ca", "m.fl", "osv", "etc", "fr.o.m", "t.o.m", "st", "nr", "kap",
    "resp", "jfr", "s.k", "p.g.a", "pga", "inkl", "exkl", "m.m", "mm", "o.s.v", "ev", "tex",
}
SENTENCE_END = re.compile(r"([.!?])[”\"')]*\s+(?=[”\"(•]?[A-ZÅÄÖ0-9])")
BULLET = re.compile(r"^\s*[•·▪●◦]\s*")
WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Sentence:
    text: str
    line: int
    end_line: int
    section: str
    answers: str | None


def normalize_ws(text: str) -> str:
    return " ".join(text.split())


def occurs_in(evidence: str, text: str) -> bool:
    """The evidence contract: the sentence occurs verbatim, modulo whitespace, in the text."""
    return normalize_ws(evidence) in normalize_ws(text)


HEADING_CANNOT_END = frozenset(
    "med och av i för till som att en ett den det de på om från vid inom samt eller hos under mellan genom".split())


def _is_heading(line: str, next_line: str | None, previous_line: str | None) -> bool:
    """A short line that stands alone: no end punctuation, the next line starts anew, the line
    before ended a sentence, and it does not stop on a word that needs more ("… tillsammans med")."""
    stripped = line.strip()
    if not stripped or stripped[-1] in ".,;:!?–-" or not stripped[0].isupper():
        return False
    words = stripped.split()
    if words[-1].lower() in HEADING_CANNOT_END:
        return False
    if previous_line is not None and previous_line.strip() and previous_line.strip()[-1] not in ".!?:":
        return False  # a line inside a wrapped sentence
    return len(words) <= 6 and next_line is not None and next_line[:1].isupper()


def _split_block(block: list[tuple[int, str]], section: str, answers: str | None) -> list[Sentence]:
    """Split consecutive lines (no template text between them) into sentences."""
    text = ""
    starts: list[tuple[int, int]] = []  # (offset in text, line number)
    for lineno, line in block:
        if text:
            text += " "
        starts.append((len(text), lineno))
        text += line.strip()

    def line_at(offset: int) -> int:
        current = starts[0][1]
        for off, lineno in starts:
            if off > offset:
                break
            current = lineno
        return current

    cuts = {0, len(text)}
    for m in SENTENCE_END.finditer(text):
        before = text[: m.start(1)].rsplit(" ", 1)[-1].lower()
        if m.group(1) == "." and before in ABBREVIATIONS:
            continue
        if m.group(1) == "." and re.fullmatch(r"([a-zåäö]\.){2,}[a-zåäö]?", before + "."):  # "s.k." style
            continue
        cuts.add(m.end())
    # Headings and bullets start a sentence of their own.
    for idx, (off, lineno) in enumerate(starts):
        line = block[idx][1].strip()
        nxt = block[idx + 1][1].strip() if idx + 1 < len(block) else None
        prev = block[idx - 1][1].strip() if idx > 0 else None
        if BULLET.match(line):
            cuts.add(off)
        if _is_heading(line, nxt, prev):
            cuts.add(off)
            cuts.add(off + len(line) + 1)
    sentences = []
    ordered = sorted(c for c in cuts if 0 <= c <= len(text))
    for a, b in zip(ordered, ordered[1:]):
        chunk = BULLET.sub("", text[a:b]).strip()
        if len(WORD.findall(chunk)) < 2:
            continue
        start = a + (len(text[a:b]) - len(text[a:b].lstrip()))
        sentences.append(Sentence(normalize_ws(chunk), line_at(start), line_at(max(start, b - 1)), section, answers))
    return sentences


def _mark_results(sentences: list[Sentence]) -> list[Sentence]:
    """In a block answering several sub-questions at once, result sentences by their cues."""
    from .template import load_template

    cues = load_template().result_cues
    return [
        Sentence(s.text, s.line, s.end_line, s.section, "results")
        if s.answers is None and "." in s.section and any(c.search(s.text) for c in cues) else s
        for s in sentences
    ]


def split_sentences(text: str, layout: Layout) -> list[Sentence]:
    lines = text.split("\n")
    sentences: list[Sentence] = []
    block: list[tuple[int, str]] = []
    key = None
    for lineno, (line, info) in enumerate(zip(lines, layout.lines), start=1):
        if not line.strip():
            continue
        this_key = (info.section, info.answers)
        if info.template or this_key != key:
            if block:
                sentences += _split_block(block, *key)
            block = []
        key = this_key
        if not info.template:
            block.append((lineno, line))
    if block and key:
        sentences += _split_block(block, *key)
    return _mark_results(sentences)
