"""A plain-text summary of an extracted graph: counts by label, type, relation and section."""
from __future__ import annotations

from collections import Counter

from samverkan.graph.model import GraphData

REPORT_SECTIONS = ("3.1", "3.2", "3.3", "3.4", "3.5")


def summarize(graph: GraphData) -> dict:
    actors = graph.by_label("Actor")
    facts = [r for r in graph.relationships.values() if r.type not in ("PART_OF", "MENTIONED_IN")]
    by_section: dict[str, Counter] = {s: Counter() for s in REPORT_SECTIONS}
    for rel in facts:
        section = str(rel.props.get("section", ""))
        for top in REPORT_SECTIONS:
            if section == top or section.startswith(top + "."):
                by_section[top][rel.type] += 1
    return {
        "documents": [d.get("id") for d in graph.documents],
        "nodes": dict(Counter(n.label for n in graph.nodes.values())),
        "actors_by_type": dict(Counter(a.props.get("type") for a in actors).most_common()),
        "initiatives_by_kind": dict(Counter(i.props.get("kind") for i in graph.by_label("Initiative")).most_common()),
        "relationships": dict(Counter(r.type for r in graph.relationships.values()).most_common()),
        "facts_by_section": {s: dict(c) for s, c in by_section.items()},
    }


def format_summary(summary: dict) -> str:
    lines = [f"documents: {', '.join(summary['documents'])}"]
    for key in ("nodes", "actors_by_type", "initiatives_by_kind", "relationships"):
        lines.append(f"{key.replace('_', ' ')}:")
        lines += [f"  {k:<24} {v:>5}" for k, v in summary[key].items()]
    lines.append("facts in section 3 (by relation type):")
    for section, counts in summary["facts_by_section"].items():
        detail = ", ".join(f"{k} {v}" for k, v in sorted(counts.items())) or "none"
        lines.append(f"  {section}  {detail}")
    return "\n".join(lines)
