"""`samverkan build [DOC ...]`: extract reports and write them into the embedded store.

Every document is read first (a file that cannot be read stops the build before anything is
written); then the documents are extracted over the machine's cores and each is written as
it is done, in a transaction of its own. A document whose file and extraction fingerprint
the store already holds is skipped; one whose file changed replaces its facts. Another file
for a report the store holds (same region and year) is refused unless --replace.
"""
from __future__ import annotations

import hashlib
import sys
from dataclasses import dataclass, field
from pathlib import Path

from samverkan import settings


def register(sub) -> None:
    p = sub.add_parser("build", help="extract reports (the bundled one by default) into the embedded store")
    p.add_argument("documents", nargs="*", type=Path, help="report files (.txt or .pdf)")
    p.add_argument("--store", type=Path, help=f"embedded store path (default {settings.store_path()})")
    p.add_argument("--fresh", action="store_true", help="start from an empty store")
    p.add_argument("--replace", action="store_true",
                   help="let a file replace another file's report for the same region and year")
    p.add_argument("--workers", type=int, help="processes that extract in parallel (default: one per core)")
    p.set_defaults(func=run)


def _remove_store(path: Path) -> None:
    import shutil

    for leftover in (path, path.with_name(path.name + ".wal")):
        if leftover.is_dir():
            shutil.rmtree(leftover)
        elif leftover.exists():
            leftover.unlink()


@dataclass
class BuildResult:
    path: Path
    summary: dict  # loaders.summary: counts over the documents written now
    skipped: list[Path] = field(default_factory=list)  # unchanged: kept as stored


def build(documents: list[Path], store_path: Path | None = None, fresh: bool = False, replace: bool = False,
          workers: int | None = None, progress=None) -> BuildResult:
    """Build `documents` into the embedded store. `progress(path, status)` hears of each."""
    from samverkan.graph.store import open_store
    from samverkan.loaders.fingerprint import extractor_fingerprint
    from samverkan.loaders.pipeline import extract_many
    from samverkan.loaders.read import read_document
    from samverkan.loaders.summary import Summary
    from samverkan.review.base import base_dir, review_stale, save_bases
    from samverkan.review.service import Reviewer

    for document in documents:
        read_document(document)  # a bad file stops here, before the store is touched
    path = store_path or settings.store_path()
    if fresh:
        _remove_store(path)
    summary = Summary()
    skipped: list[Path] = []
    existed = path.exists()
    with open_store("embedded", path=path) as store:
        known = store.fingerprints() if existed else {}
        stale = review_stale(store) if existed else set()  # judgements changed since the last write
        todo = []
        for document in documents:
            stored = known.get(hashlib.sha256(Path(document).read_bytes()).hexdigest())
            if stored and stored[1] == extractor_fingerprint() and stored[0] in stale:
                if not Reviewer(bases=base_dir(path)).has_base(stored[0]):
                    todo.append(document)
                    continue
                Reviewer(bases=base_dir(path)).refresh(store, [stored[0]])
                skipped.append(document)
                if progress:
                    progress(document, f"unchanged, review judgements replayed ({stored[0]})")
            elif stored and stored[1] == extractor_fingerprint():
                skipped.append(document)
                if progress:
                    progress(document, f"unchanged ({stored[0]})")
            else:
                todo.append(document)
        for document, graph in extract_many(todo, workers):
            store.write(graph.stamp_built(), replace=replace)
            save_bases(graph, base_dir(path))  # the extraction before review (samverkan.review)
            summary.add(graph)
            if progress:
                progress(document, "written")
    return BuildResult(path, summary.result(), skipped)


def run(args) -> int:
    from samverkan.loaders.summary import format_summary

    documents = args.documents or [settings.BUNDLED_REPORT]
    result = build(documents, args.store, args.fresh, args.replace, args.workers)
    lines = [format_summary(result.summary)] if result.summary["documents"] else []
    if result.skipped:
        lines.append(f"unchanged, kept as stored: {', '.join(str(p) for p in result.skipped)}")
    sys.stdout.write("\n".join(lines + [f"store: {result.path}"]) + "\n")
    return 0
