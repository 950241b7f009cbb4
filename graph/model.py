"""The in-memory graph passed from loaders to stores and exporters.

Plain dataclasses: a `Node` is one Document, Section, Actor or Initiative; a `Relationship`
carries its provenance (document, section, verbatim evidence, line, method, confidence).
`GraphData` holds one or more documents' nodes and relationships and converts to and from
the JSON contract of `samverkan extract`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Iterable, Iterator

from .schema import SCHEMA

if TYPE_CHECKING:
    import networkx as nx


@dataclass
class Node:
    id: str
    label: str
    props: dict[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.props.get("name") or self.props.get("title") or self.id

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "label": self.label, "name": self.name, **{k: v for k, v in self.props.items() if k not in ("id", "name")}}


@dataclass
class Provenance:
    doc: str
    section: str
    evidence: str
    line: int
    method: str
    confidence: float


@dataclass
class Relationship:
    id: str
    type: str
    source: str
    target: str
    props: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "type": self.type, "source": self.source, "target": self.target, **self.props}


@dataclass
class GraphData:
    documents: list[dict[str, Any]] = field(default_factory=list)
    nodes: dict[str, Node] = field(default_factory=dict)
    relationships: dict[str, Relationship] = field(default_factory=dict)
    # document id -> the extraction before review (samverkan.review.base.ReviewBase), set by
    # the pipeline so `build`, `load` and uploads can keep it next to the store; not part of
    # the JSON contract and never written to a store
    review_bases: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def add_node(self, node: Node) -> Node:
        """Add a node, or merge its aliases/list properties into the node already there."""
        old = self.nodes.get(node.id)
        if old is None:
            self.nodes[node.id] = node
            return node
        for key, value in node.props.items():
            if isinstance(value, list):
                merged = list(old.props.get(key) or [])
                merged += [v for v in value if v not in merged]
                old.props[key] = merged
            elif old.props.get(key) in (None, "") and value not in (None, ""):
                old.props[key] = value
        return old

    def add_relationship(self, rel: Relationship) -> Relationship:
        return self.relationships.setdefault(rel.id, rel)

    def by_label(self, label: str) -> list[Node]:
        return [n for n in self.nodes.values() if n.label == label]

    def by_type(self, rel_type: str) -> list[Relationship]:
        return [r for r in self.relationships.values() if r.type == rel_type]

    def merge(self, other: "GraphData") -> "GraphData":
        for doc in other.documents:
            if all(d["id"] != doc["id"] for d in self.documents):
                self.documents.append(doc)
        for node in other.nodes.values():
            self.add_node(Node(node.id, node.label, dict(node.props)))
        for rel in other.relationships.values():
            self.add_relationship(rel)
        self.review_bases.update(other.review_bases)
        return self

    def stamp_built(self, when: str | None = None) -> "GraphData":
        """Mark every Document as written now (`built`, ISO 8601 UTC), before a store write."""
        from datetime import datetime, timezone

        when = when or datetime.now(timezone.utc).isoformat(timespec="microseconds")
        for node in self.nodes.values():
            if node.label == "Document":
                node.props["built"] = when
        for doc in self.documents:
            doc["built"] = when
        return self

    def by_document(self) -> Iterator["GraphData"]:
        """One graph per document: its Document and Section nodes, its relationships (PART_OF
        and those whose `doc` is the document) and the nodes they touch."""
        for doc in self.documents:
            doc_id = doc["id"]
            part = GraphData(documents=[doc])
            if doc_id in self.review_bases:
                part.review_bases[doc_id] = self.review_bases[doc_id]
            for rel in self.relationships.values():
                section_of_doc = rel.type == "PART_OF" and rel.target == doc_id
                if section_of_doc or rel.props.get("doc") == doc_id:
                    part.relationships[rel.id] = rel
            ids = {doc_id} | {r.source for r in part.relationships.values()} | {r.target for r in part.relationships.values()}
            ids |= {n.id for n in self.nodes.values() if n.label == "Section" and n.props.get("doc") == doc_id}
            part.nodes = {i: self.nodes[i] for i in ids if i in self.nodes}
            yield part

    # --- JSON contract of `samverkan extract --format json` ---------------------------
    def to_json(self) -> dict[str, Any]:
        doc = self.documents[0] if len(self.documents) == 1 else {"documents": self.documents}
        return {
            "document": doc,
            "nodes": [n.to_json() for n in self.nodes.values()],
            "relationships": [r.to_json() for r in self.relationships.values()],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "GraphData":
        doc = data.get("document") or {}
        documents = doc.get("documents", [doc] if doc else [])
        graph = cls(documents=list(documents))
        for raw in data.get("nodes", []):
            props = {k: v for k, v in raw.items() if k not in ("label",)}
            graph.add_node(Node(raw["id"], raw["label"], props))
        for raw in data.get("relationships", []):
            props = {k: v for k, v in raw.items() if k not in ("id", "type", "source", "target")}
            graph.add_relationship(Relationship(raw["id"], raw["type"], raw["source"], raw["target"], props))
        return graph

    # --- networkx: analytics and exports ---------------------------------------------
    def to_networkx(self) -> "nx.MultiDiGraph":
        import networkx as nx  # here, not at import: `samverkan extract` does not need it (0.2 s)

        g = nx.MultiDiGraph()
        for node in self.nodes.values():
            g.add_node(node.id, label=node.label, **node.props)
        for rel in self.relationships.values():
            g.add_edge(rel.source, rel.target, key=rel.id, type=rel.type, **rel.props)
        return g


def node_rows(nodes: Iterable[Node], label: str) -> list[dict[str, Any]]:
    """Rows with every schema property present (None where unknown), as stores expect."""
    props = SCHEMA.nodes[label].properties
    rows = []
    for node in nodes:
        row = {key: node.props.get(key) for key in props}
        row["id"] = node.id
        for key, ptype in props.items():
            if ptype.endswith("[]") and row[key] is None:
                row[key] = []
        rows.append(row)
    return rows


def rel_rows(rels: Iterable[Relationship]) -> list[dict[str, Any]]:
    rows = []
    for rel in rels:
        props = SCHEMA.rel_properties(rel.type)
        row = {key: rel.props.get(key) for key in props}
        row.update(id=rel.id, source=rel.source, target=rel.target)
        rows.append(row)
    return rows
