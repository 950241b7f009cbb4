"""`samverkan explain`: what the pipeline makes of a sentence, for a user adding a phrasing.

Prints the repaired sentence, its mentions (actors, initiatives, places, amounts, and what
anaphora stand for), its clauses, the rules that fired with their facts, and the rules whose
cue matched but that made nothing, with the reason.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from .pipeline import Extraction, extract_text
from .read import RawDocument
from .template import load_template


def report_excerpt(text: str, region: str, section: str, year: int = 2020) -> str:
    """The text placed under a section's co-financing question of a report in the template,
    so that report-only rules (the implicit region, the section's counterpart) apply."""
    template = load_template()
    title = template.title(section) or "Samverkan"
    who = title.split(" med ", 1)[-1] if " med " in title else "andra aktörer"
    return (f"{region}\nÅterrapportering för år {year}\n"
            f"3 Återrapportering 3 – Samverkan\n{section} {title}\n"
            f"• Beskriv kortfattat inom vilka områden gemensam finansiering har skett med {who}.\n{text}\n")


def extract_passage_text(text: str, name: str = "passage", keep: bool = False) -> Extraction:
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return extract_text(RawDocument(Path(f"{name}.txt"), text, digest, "txt"), keep=keep)


def explain(extraction: Extraction, lines: tuple[int, int] | None = None) -> str:
    """The explanation of every sentence, or of those that touch the given line range."""
    reading = extraction.reading
    assert reading is not None, "extract with keep=True"
    graph = extraction.graph

    def name(node_id: str) -> str:
        node = graph.nodes.get(node_id)
        return node.name if node else node_id

    out: list[str] = []
    for a, trace in zip(reading.analyses, reading.traces):
        s = a.sentence
        if lines and (s.end_line < lines[0] or s.line > lines[1]):
            continue
        out.append(f"sentence (line {s.line}, section {s.section}{', answers ' + s.answers if s.answers else ''}):")
        out.append(f"  {s.text}")
        for label, mentions in (("actor", a.actors), ("initiative", a.initiatives), ("place", a.places),
                                ("group", a.collectives)):
            for m in mentions:
                via = f" [{m.via}]" if m.via else ""
                out.append(f"  {label:<11} {m.text!r} -> {name(m.id)}{via}")
        for amount in a.amounts:
            out.append(f"  {'amount':<11} {amount.text!r} -> {amount.sek} kr")
        if len(trace.clauses) > 1:
            for clause in trace.clauses:
                out.append(f"  clause      {clause}")
        for rule, cue, facts in trace.fired:
            out.append(f"  fired       {rule} on {cue!r}")
            for f in facts:
                extra = f" ({f.props['amount_sek']} kr)" if f.props.get("amount_sek") else ""
                out.append(f"      {name(f.source)} -{f.type}-> {name(f.target)}{extra}")
        for rule, cue, why in trace.near:
            out.append(f"  not fired   {rule} on {cue!r}: {why}")
        facts = [f for f in extraction.facts if f.sentence.line == s.line and f.sentence.text.startswith(s.text[:20])]
        other = [f for f in facts if not any(f in fs for _, _, fs in trace.fired)]
        for f in other:
            out.append(f"  context     {name(f.source)} -{f.type}-> {name(f.target)} [{f.method}]")
        out.append("")
    return "\n".join(out).rstrip() + "\n"
