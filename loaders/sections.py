"""Split a repaired report into the template's numbered sections and mark template text.

Output per line: which section it belongs to, whether it is the template's own text
(guidance, table headings, running page headers) and, inside a section, which of the
template's sub-questions (areas / cofinance / results) the region's text answers.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .template import Template, load_template

CHAPTER_RE = re.compile(r"^\s*([1-9])\s+(?:Återrapportering\s+\d\b\s*[-–:]?\s*(.*)|(Övriga medskick.*))$")
SECTION_RE = re.compile(r"^\s*([1-9](?:\.\d{1,2}){1,2})\.?\s+([A-ZÅÄÖ].{2,120})$")
BULLET_RE = re.compile(r"^\s*[•\-–*·]\s*")
SENTENCE_END_RE = re.compile(r"[.?:!]\s*$")


@dataclass
class Section:
    number: str
    title: str
    start: int  # 1-based line of the heading
    end: int = 0  # 1-based last line (inclusive)

    @property
    def chapter(self) -> str:
        return self.number.split(".")[0]


@dataclass
class LineInfo:
    section: str
    template: bool = False
    answers: str | None = None


@dataclass
class Layout:
    sections: list[Section]
    lines: list[LineInfo] = field(default_factory=list)

    def section(self, number: str) -> Section | None:
        return next((s for s in self.sections if s.number == number), None)


def _key(number: str) -> tuple[int, ...]:
    return tuple(int(p) for p in number.split("."))


def _find_headings(lines: list[str], template: Template) -> list[Section]:
    found: list[Section] = []
    last: tuple[int, ...] = (0,)
    for i, line in enumerate(lines, start=1):
        chapter = CHAPTER_RE.match(line)
        if chapter and int(chapter.group(1)) > last[0]:
            number = chapter.group(1)
            title = template.title(number) or (chapter.group(2) or chapter.group(3) or "").strip()
            found.append(Section(number, title, i))
            last = _key(number)
            continue
        heading = SECTION_RE.match(line)
        if not heading:
            continue
        number, text = heading.group(1), heading.group(2).strip()
        key = _key(number)
        # Headings come in order and stay inside the current chapter (or open the next one).
        if key <= last or key[0] < last[0] or text.endswith((",", ";")):
            continue
        if key[0] > last[0] + 1 and number not in template.sections:
            continue  # a jump of chapters only to a heading the template knows (report excerpts)
        if number not in template.sections and len(text.split()) > 12:
            continue
        found.append(Section(number, template.title(number) or text, i))
        last = key
    return found


def _guidance(stripped: str, bulleted: bool, template: Template):
    for g in template.guidance:
        if stripped.startswith(g.starts) and (bulleted or not g.preamble_only):
            return g
    return None


def split_sections(text: str, template: Template | None = None) -> Layout:
    template = template or load_template()
    lines = text.split("\n")
    sections = [Section("0", "Inledning", 1)] + _find_headings(lines, template)
    for current, following in zip(sections, sections[1:] + [None]):
        current.end = (following.start - 1) if following else len(lines)
    has_subsections = {s.chapter for s in sections if "." in s.number}

    info: list[LineInfo] = []
    by_start = {s.start: s for s in sections[1:]}
    current = sections[0]
    in_guidance = False
    answers: str | None = None
    previous_was_guidance = False  # consecutive sub-questions answered by one block of text
    for i, line in enumerate(lines, start=1):
        if i in by_start:
            current, in_guidance, answers, previous_was_guidance = by_start[i], False, None, False
            info.append(LineInfo(current.number, template=True))
            continue
        stripped = BULLET_RE.sub("", line).strip()
        bulleted = stripped != line.strip()
        entry = LineInfo(current.number, answers=answers)
        if not stripped:
            entry.template = in_guidance
        elif in_guidance:
            entry.template = True
        elif (g := _guidance(stripped, bulleted, template)) is not None:
            entry.template = True
            in_guidance = True
            answers = entry.answers = None if previous_was_guidance else g.answers
        elif stripped.lower() in template.table_headings or any(p.match(stripped) for p in template.page_headers):
            entry.template = True
        elif "." not in current.number and current.chapter in has_subsections:
            entry.template = True  # a chapter's preamble is the template's instructions
        elif i == current.start + 1 and current.number in template.chapters and not SENTENCE_END_RE.search(line):
            entry.template = True  # a chapter heading's second line
        if stripped:
            previous_was_guidance = entry.template
        if in_guidance and stripped and SENTENCE_END_RE.search(stripped):
            in_guidance = False
        info.append(entry)
    return Layout(sections, info)
