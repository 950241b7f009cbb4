"""`samverkan load [DOC ...] [--uri URI] [--from-store]`: push the graph into Neo4j.

With documents: extract them and write their graph. Without: the graph of the embedded
store when it exists (or --from-store), else the bundled report. One transaction per
document, idempotent: loading twice changes nothing; a report loaded again replaces its
facts, and another file for the same report is refused unless --replace.
"""
from __future__ import annotations

import sys
from pathlib import Path

from samverkan import settings
from samverkan.errors import EXIT_USAGE, SamverkanError, StoreError


def register(sub) -> None:
    p = sub.add_parser(
        "load",
        help="push the graph into Neo4j (documents, the embedded store, or the bundled report)",
        description="Write the graph into Neo4j (NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE). "
                    "Idempotent: loading twice changes nothing.",
    )
    p.add_argument("documents", nargs="*", type=Path, help="report files (.txt or .pdf) to extract and load")
    p.add_argument("--uri", help="Neo4j URI (default NEO4J_URI)")
    p.add_argument("--from-store", action="store_true", help="load the graph of the embedded store")
    p.add_argument("--store", type=Path, help=f"embedded store path (default {settings.store_path()})")
    p.add_argument("--replace", action="store_true",
                   help="let a file replace another file's report for the same region and year")
    p.set_defaults(func=run)


def source_graph(documents: list[Path], from_store: bool, store_path: Path | None):
    """(graph, description of where it came from)."""
    from samverkan.graph.store import open_store

    path = store_path or settings.store_path()
    if documents and from_store:
        raise SamverkanError("give documents or --from-store, not both", exit_code=EXIT_USAGE)
    if not documents and (from_store or path.exists()):
        if not path.exists():
            raise StoreError(f"no embedded store at {path}; run `samverkan build` first")
        with open_store("embedded", path=path, create=False, read_only=True) as store:
            return store.read_graph(), f"the embedded store {path}"
    from samverkan.loaders.pipeline import extract_graph

    paths = list(documents) or [settings.BUNDLED_REPORT]
    return extract_graph(paths), ", ".join(str(p) for p in paths)


def format_counts(counts: dict[str, int]) -> str:
    from samverkan.graph.schema import SCHEMA

    nodes = ", ".join(f"{k} {v}" for k, v in counts.items() if k in SCHEMA.nodes and v)
    rels = ", ".join(f"{k} {v}" for k, v in counts.items() if k in SCHEMA.relationships and v)
    return (f"{counts.get('documents', 0)} documents, {counts.get('nodes', 0)} nodes ({nodes or 'none'}), "
            f"{counts.get('relationships', 0)} relationships ({rels or 'none'})")


def run(args) -> int:
    from samverkan.graph.store import open_store

    with open_store("neo4j", uri=args.uri) as neo:  # connect first: a down server fails fast
        graph, origin = source_graph(args.documents, args.from_store, args.store)
        written: dict[str, int] = {}
        for part in graph.by_document():  # a transaction per document: a corpus loads in steps
            for key, n in neo.write(part, replace=args.replace).items():
                written[key] = written.get(key, 0) + n
        if graph.review_bases:  # extracted now: keep the extraction before review (samverkan.review)
            from samverkan.review.base import base_dir, save_bases

            save_bases(graph, base_dir(args.store))
        total = neo.counts()
        where = neo.describe()
    sys.stdout.write(f"loaded {origin} into {where}\n")
    sys.stdout.write(f"written: {format_counts(written)}\n")
    sys.stdout.write(f"now in Neo4j: {total['nodes']} nodes, {total['relationships']} relationships\n")
    return 0
