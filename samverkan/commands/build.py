"""`samverkan build [DOC ...]`: extract reports and write them into the embedded store."""
from __future__ import annotations

import sys
from pathlib import Path

from samverkan import settings


def register(sub) -> None:
    p = sub.add_parser("build", help="extract reports (the bundled one by default) into the embedded store")
    p.add_argument("documents", nargs="*", type=Path, help="report files (.txt or .pdf)")
    p.add_argument("--store", type=Path, help=f"embedded store path (default {settings.store_path()})")
    p.add_argument("--fresh", action="store_true", help="start from an empty store")
    p.set_defaults(func=run)


def build(documents: list[Path], store_path: Path | None = None, fresh: bool = False):
    """Extract every document first, then write: a bad document leaves the store as it was."""
    from samverkan.graph.store import open_store
    from samverkan.loaders.pipeline import extract_graph

    graph = extract_graph(documents)
    path = store_path or settings.store_path()
    if fresh:
        import shutil

        for leftover in (path, path.with_name(path.name + ".wal")):
            if leftover.is_dir():
                shutil.rmtree(leftover)
            elif leftover.exists():
                leftover.unlink()
    with open_store("embedded", path=path) as store:
        store.write(graph)
    return graph, path


def run(args) -> int:
    from samverkan.loaders.summary import format_summary, summarize

    documents = args.documents or [settings.BUNDLED_REPORT]
    graph, path = build(documents, args.store, args.fresh)
    sys.stdout.write(format_summary(summarize(graph)) + f"\nstore: {path}\n")
    return 0
