"""`samverkan export --format ttl|jsonld|nt|graphml|json [-o FILE] [--backend B] [--doc DOC_ID]`:
write the graph held in the store as RDF (Turtle, JSON-LD, N-Triples), GraphML or JSON."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from samverkan import settings
from samverkan.errors import EXIT_USAGE, InputError, SamverkanError

FORMATS = ("ttl", "jsonld", "nt", "graphml", "json")


def register(sub) -> None:
    p = sub.add_parser(
        "export",
        help="export the graph as RDF (ttl, jsonld, nt), GraphML or JSON",
        description="Export the graph in the store. RDF uses W3C ORG, schema.org and PROV-O; every "
                    "fact carries its source sentence. IRIs start with SAMVERKAN_BASE_IRI.",
    )
    p.add_argument("--format", "-f", dest="format", choices=FORMATS,
                   help="output format (default: from the -o file's extension, else ttl)")
    p.add_argument("-o", "--output", type=Path, help="write to this file instead of stdout")
    p.add_argument("--backend", choices=("embedded", "neo4j"),
                   help="store to read (default: SAMVERKAN_BACKEND, or neo4j when NEO4J_URI is set, else embedded)")
    p.add_argument("--store", type=Path, help="embedded store path (default: SAMVERKAN_STORE)")
    p.add_argument("--doc", metavar="DOC_ID", help="export only what this document contributes")
    p.add_argument("--input", type=Path, metavar="GRAPH.json",
                   help="read the graph from a `samverkan extract --format json` file instead of a store")
    p.set_defaults(func=run)


def read_graph(args):
    """The graph to export: from --input, else from the store (opened read-only)."""
    from samverkan.graph.model import GraphData

    if args.input is not None:
        try:
            data = json.loads(args.input.read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise InputError(f"no such file: {args.input}") from exc
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise InputError(f"cannot read {args.input} as graph JSON: {exc}") from exc
        if not isinstance(data, dict) or "nodes" not in data:
            raise InputError(f"{args.input} is not a graph JSON file (expected 'nodes' and 'relationships')")
        return GraphData.from_json(data)

    from samverkan.graph.store import open_store

    backend = args.backend or settings.default_backend()
    if args.store is not None and backend != "embedded":
        raise SamverkanError("--store applies to the embedded backend only", EXIT_USAGE)
    kwargs = {"create": False, "read_only": True} if backend == "embedded" else {}
    if args.store is not None:
        kwargs["path"] = args.store
    with open_store(backend, **kwargs) as store:
        return store.read_graph()


def run(args) -> int:
    from samverkan.graph.exporters import document_subgraph, export_graph, format_for_path

    fmt = args.format or (format_for_path(args.output) if args.output else None) or "ttl"
    graph = read_graph(args)
    if args.doc:
        graph = document_subgraph(graph, args.doc)
    if args.output:
        export_graph(graph, fmt, args.output)
    else:
        out = sys.stdout.buffer
        export_graph(graph, fmt, out)
        out.flush()
    return 0
