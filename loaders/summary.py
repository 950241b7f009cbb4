"""A plain-text summary of an extracted graph: counts by label, type, relation and section."""
from __future__ import annotations

from collections import Counter

from samverkan.graph.model import GraphData

REPORT_SECTIONS = ("3.1", "3.2", "3.3", "3.4", "3.5")


class Summary:
    """Counts over one or more graphs, added one document at a time (a corpus is summarised
    without holding every graph): nodes counted once however many documents share them."""

    def __init__(self) -> None:
        self.documents: list[str] = []
        self.nodes: dict[str, tuple[str, str | None]] = {}  # id -> (label, type or kind)
        self.relationships: Counter = Counter()
        self.by_section: dict[str, Counter] = {s: Counter() for s in REPORT_SECTIONS}

    def add(self, graph: GraphData) -> "Summary":
        self.documents += [d.get("id") for d in graph.documents]
        for node in graph.nodes.values():
            self.nodes[node.id] = (node.label, node.props.get("type") or node.props.get("kind"))
        for rel in graph.relationships.values():
            self.relationships[rel.type] += 1
            if rel.type in ("PART_OF", "MENTIONED_IN"):
                continue
            section = str(rel.props.get("section", ""))
            for top in REPORT_SECTIONS:
                if section == top or section.startswith(top + "."):
                    self.by_section[top][rel.type] += 1
        return self

    def result(self) -> dict:
        of = lambda label: Counter(kind for lab, kind in self.nodes.values() if lab == label)  # noqa: E731
        return {
            "documents": list(self.documents),
            "nodes": dict(Counter(label for label, _ in self.nodes.values())),
            "actors_by_type": dict(of("Actor").most_common()),
            "initiatives_by_kind": dict(of("Initiative").most_common()),
            "relationships": dict(self.relationships.most_common()),
            "facts_by_section": {s: dict(c) for s, c in self.by_section.items()},
        }


def summarize(graph: GraphData) -> dict:
    return Summary().add(graph).result()


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
