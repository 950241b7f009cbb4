"""Exports of a GraphData, one exporter per target behind a small common base.

    export_graph(graph, "ttl", Path("graph.ttl"))      # or a binary file object
    export_graph(graph, "graphml", sys.stdout.buffer)

Targets: Turtle, JSON-LD, N-Triples (RDF via graph.rdf), GraphML (networkx; list properties
joined with "|", a `label` attribute with the display name for Gephi), JSON (the
`samverkan extract --format json` contract, GraphData.to_json).
"""
from __future__ import annotations

import io
import json
from abc import ABC, abstractmethod
from pathlib import Path
from typing import Any, BinaryIO, ClassVar

import networkx as nx

from samverkan.errors import EXIT_USAGE, InputError, SamverkanError

from .model import GraphData, Node, Relationship
from .schema import SCHEMA

LIST_SEPARATOR = "|"


class Exporter(ABC):
    """One export target. Subclasses set `name`, `aliases`, `extension`, `media_type` and
    implement `write(graph, fh)` onto a binary file object."""

    name: ClassVar[str] = ""
    aliases: ClassVar[tuple[str, ...]] = ()
    extension: ClassVar[str] = ""
    media_type: ClassVar[str] = ""
    description: ClassVar[str] = ""

    @abstractmethod
    def write(self, graph: GraphData, fh: BinaryIO) -> None:
        """Write the whole graph to `fh`."""

    def to_bytes(self, graph: GraphData) -> bytes:
        buf = io.BytesIO()
        self.write(graph, buf)
        return buf.getvalue()


class RDFExporter(Exporter):
    """RDF through rdflib (graph.rdf.to_rdf), with the vocabulary header."""

    rdflib_format: ClassVar[str] = ""

    def __init__(self, base: str | None = None, ontology: bool = True):
        self.base = base
        self.ontology = ontology

    def serialize(self, graph: GraphData) -> bytes:
        from .rdf import to_rdf

        rdf = to_rdf(graph, base=self.base, ontology=self.ontology)
        return rdf.serialize(format=self.rdflib_format, encoding="utf-8", **self.options())

    def options(self) -> dict[str, Any]:
        return {}

    def write(self, graph: GraphData, fh: BinaryIO) -> None:
        fh.write(self.serialize(graph))


class TurtleExporter(RDFExporter):
    name = "ttl"
    aliases = ("turtle",)
    extension = ".ttl"
    media_type = "text/turtle"
    description = "RDF Turtle (W3C ORG, schema.org, PROV-O)"
    rdflib_format = "turtle"


class NTriplesExporter(RDFExporter):
    name = "nt"
    aliases = ("ntriples", "n-triples")
    extension = ".nt"
    media_type = "application/n-triples"
    description = "RDF N-Triples, one triple a line"
    rdflib_format = "nt"


class JSONLDExporter(RDFExporter):
    name = "jsonld"
    aliases = ("json-ld",)
    extension = ".jsonld"
    media_type = "application/ld+json"
    description = "RDF JSON-LD with an inline @context"
    rdflib_format = "json-ld"

    def options(self) -> dict[str, Any]:
        from .rdf import IRIs, jsonld_context

        return {"context": jsonld_context(IRIs.from_settings(self.base)), "auto_compact": True}


class GraphMLExporter(Exporter):
    """GraphML for Gephi, yEd, Cytoscape: one node per Document/Section/Actor/Initiative, one
    edge per relationship (its id as the edge id). `label` is the display name (nodes) or the
    relationship type (edges); `category` is the node label (Actor, Initiative, …); list
    properties are joined with "|" since GraphML has no lists; nulls are left out."""

    name = "graphml"
    aliases = ()
    extension = ".graphml"
    media_type = "application/graphml+xml"
    description = "GraphML for Gephi/yEd/Cytoscape (lists joined with '|')"

    def to_networkx(self, graph: GraphData) -> nx.MultiDiGraph:
        g = nx.MultiDiGraph()
        nodes = dict(graph.nodes)
        for doc in graph.documents:
            if doc.get("id") and doc["id"] not in nodes:
                nodes[doc["id"]] = Node(doc["id"], "Document", {k: v for k, v in doc.items() if k != "id"})
        for node in nodes.values():
            types = SCHEMA.nodes[node.label].properties if node.label in SCHEMA.nodes else {}
            attrs = _attributes(node.props, types, skip=("id", "label", "category"))
            attrs["category"] = node.label
            attrs["label"] = str(node.name)
            if node.label == "Actor":
                color = (SCHEMA.actor_types.get(node.props.get("type") or "") or {}).get("color")
                if color:
                    attrs.setdefault("color", color)
            g.add_node(node.id, **attrs)
        for rel in graph.relationships.values():
            types = SCHEMA.rel_properties(rel.type) if rel.type in SCHEMA.relationships else {}
            attrs = _attributes(rel.props, types, skip=("id", "type", "label", "source", "target"))
            attrs["type"] = rel.type
            attrs["label"] = rel.type
            if rel.type in SCHEMA.relationships and SCHEMA.relationships[rel.type].undirected:
                attrs["undirected"] = True
            for end in (rel.source, rel.target):
                if end not in g:
                    g.add_node(end, label=end, category="")
            g.add_edge(rel.source, rel.target, key=rel.id, **attrs)
        return g

    def write(self, graph: GraphData, fh: BinaryIO) -> None:
        nx.write_graphml_xml(self.to_networkx(graph), fh, encoding="utf-8", prettyprint=True)


class JSONExporter(Exporter):
    """The JSON contract of `samverkan extract --format json` (GraphData.to_json)."""

    name = "json"
    aliases = ()
    extension = ".json"
    media_type = "application/json"
    description = "JSON: {document, nodes, relationships} as `samverkan extract` prints it"

    def write(self, graph: GraphData, fh: BinaryIO) -> None:
        fh.write(json.dumps(graph.to_json(), ensure_ascii=False, indent=2).encode("utf-8"))
        fh.write(b"\n")


def _attributes(props: dict[str, Any], types: dict[str, str], skip: tuple[str, ...]) -> dict[str, Any]:
    """Properties as GraphML-typed values: lists joined with "|", INT64 -> int, DOUBLE ->
    float, everything else a string; nulls and empty lists left out."""
    out: dict[str, Any] = {}
    for key, value in props.items():
        if key in skip or value is None:
            continue
        ptype = types.get(key, "")
        if isinstance(value, (list, tuple, set)):
            items = [str(v) for v in value if v not in (None, "")]
            if items:
                out[key] = LIST_SEPARATOR.join(items)
            continue
        if isinstance(value, bool):
            out[key] = value
        elif ptype == "INT64" or (not ptype and isinstance(value, int)):
            try:
                out[key] = int(value)
            except (TypeError, ValueError):
                out[key] = str(value)
        elif ptype == "DOUBLE" or (not ptype and isinstance(value, float)):
            try:
                out[key] = float(value)
            except (TypeError, ValueError):
                out[key] = str(value)
        else:
            out[key] = str(value)
    return out


EXPORTERS: dict[str, type[Exporter]] = {
    cls.name: cls for cls in (TurtleExporter, JSONLDExporter, NTriplesExporter, GraphMLExporter, JSONExporter)
}
FORMATS: tuple[str, ...] = tuple(EXPORTERS)


def get_exporter(fmt: str) -> Exporter:
    """The exporter for a format name or alias (ttl/turtle, jsonld/json-ld, nt/ntriples, graphml, json)."""
    key = (fmt or "").strip().lower().lstrip(".")
    for cls in EXPORTERS.values():
        if key == cls.name or key in cls.aliases or key == cls.extension.lstrip("."):
            return cls()
    raise SamverkanError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}", EXIT_USAGE)


def format_for_path(path: Path) -> str | None:
    """The format a file name asks for by its extension (graph.ttl -> ttl), or None."""
    suffix = path.suffix.lower()
    for cls in EXPORTERS.values():
        if suffix == cls.extension or suffix.lstrip(".") in cls.aliases:
            return cls.name
    if suffix == ".xml":
        return "graphml"
    return None


def export_graph(graph: GraphData, fmt: str, out: BinaryIO | Path | str) -> None:
    """Write `graph` as `fmt` to a path or a binary file object. Written to a path, the file
    appears whole or not at all (a temporary file beside it, renamed)."""
    exporter = get_exporter(fmt)
    if isinstance(out, (str, Path)):
        path = Path(out)
        data = exporter.to_bytes(graph)
        tmp = path.with_name(f".{path.name}.tmp")
        try:
            tmp.write_bytes(data)
            tmp.replace(path)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise SamverkanError(f"cannot write {path}: {exc.strerror or exc}", EXIT_USAGE) from exc
        return
    exporter.write(graph, out)


def document_subgraph(graph: GraphData, doc_id: str) -> GraphData:
    """What one document contributes: its Document node, its Sections (PART_OF), the
    relationships with doc = doc_id and the nodes they touch."""
    docs = [d for d in graph.documents if d.get("id") == doc_id]
    node = graph.nodes.get(doc_id)
    if not docs and (node is None or node.label != "Document"):
        known = sorted({d["id"] for d in graph.documents if d.get("id")} | {n.id for n in graph.by_label("Document")})
        hint = f" (known: {', '.join(known)})" if known else " (the graph has no documents)"
        raise InputError(f"no document {doc_id!r} in the graph{hint}")
    out = GraphData(documents=[dict(d) for d in docs])
    if node is not None:
        out.add_node(Node(node.id, node.label, dict(node.props)))
    sections = {n.id for n in graph.by_label("Section") if n.props.get("doc") == doc_id or n.id.partition("#")[0] == doc_id}
    rels: list[Relationship] = []
    for rel in graph.relationships.values():
        if rel.props.get("doc") == doc_id or (rel.type == "PART_OF" and rel.target == doc_id) or (
                not rel.props.get("doc") and (rel.source in sections or rel.target in sections)):
            rels.append(rel)
    keep = set(sections) | {doc_id} | {r.source for r in rels} | {r.target for r in rels}
    for n in graph.nodes.values():
        if n.id in keep:
            out.add_node(Node(n.id, n.label, dict(n.props)))
    for rel in rels:
        out.add_relationship(Relationship(rel.id, rel.type, rel.source, rel.target, dict(rel.props)))
    if not out.documents and node is not None:
        out.documents.append({"id": node.id, **{k: v for k, v in node.props.items() if k != "id"}})
    return out


__all__ = [
    "EXPORTERS", "FORMATS", "Exporter", "GraphMLExporter", "JSONExporter", "JSONLDExporter", "NTriplesExporter",
    "RDFExporter", "TurtleExporter", "document_subgraph", "export_graph", "format_for_path", "get_exporter",
]
