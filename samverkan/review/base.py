"""The review base of a document: its extraction before review, its text and sentences.

A decision made in the app or imported from a spreadsheet must give the same graph as a
rebuild would. So the stores are not edited fact by fact: the judgements are replayed
(`replay.apply`) on the extraction as the rules made it, and the document is written again.
That extraction is kept, with the repaired text (for the app's paragraphs and the check that
a quote stands in the text) and the sentences (to place an added fact), as one gzipped JSON
file per document in `review-base/` next to the embedded store (SAMVERKAN_STORE's directory,
data/build/ by default; also for Neo4j, which has no directory of its own). It is derived
data: `samverkan build` writes it, and a document built before it existed needs one rebuild
before it can be reviewed.

`review_extraction` is the pipeline's hook: it applies the judgements of SAMVERKAN_REVIEWS
to a freshly extracted graph, warns of those it cannot apply, and attaches the base.
"""
from __future__ import annotations

import gzip
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from samverkan import settings
from samverkan.errors import warn
from samverkan.graph.model import GraphData

from .judgements import ReviewLog, _DOC_ID
from .replay import ReplayReport, apply

BASE_DIRNAME = "review-base"


@dataclass
class ReviewBase:
    doc: str
    graph: GraphData
    text: str
    sentences: list[list[Any]]  # [text, line, end_line, section, answers]

    def to_json(self) -> dict[str, Any]:
        return {"doc": self.doc, "graph": self.graph.to_json(), "text": self.text, "sentences": self.sentences}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "ReviewBase":
        return cls(data["doc"], GraphData.from_json(data["graph"]), data["text"], [list(s) for s in data["sentences"]])

    def replay(self, log: ReviewLog | None = None) -> tuple[GraphData, ReplayReport]:
        return replay_base(self, log or ReviewLog())

    def paragraph(self, line: int | None) -> tuple[int, list[str]]:
        """(first line number, lines) of the paragraph holding file line `line`: the lines
        between the blank lines around it (at most 12 either side)."""
        lines = self.text.split("\n")
        if not line or line < 1 or line > len(lines):
            return (line or 0), []
        i = j = line - 1
        while i > 0 and lines[i - 1].strip() and line - 1 - i < 12:
            i -= 1
        while j + 1 < len(lines) and lines[j + 1].strip() and j - (line - 1) < 12:
            j += 1
        return i + 1, lines[i:j + 1]


def sentence_rows(sentences: Sequence) -> list[list[Any]]:
    return [[s.text, s.line, s.end_line, s.section, s.answers] for s in sentences]


def base_dir(store_path: str | Path | None = None) -> Path:
    """Where the review bases of a store are kept: `review-base/` beside the embedded store."""
    return Path(store_path or settings.store_path()).parent / BASE_DIRNAME


def base_path(doc: str, directory: str | Path | None = None) -> Path:
    if not _DOC_ID.match(doc or ""):
        raise ValueError(f"not a document id: {doc!r}")
    return Path(directory or base_dir()) / f"{doc}.json.gz"


def save_base(base: ReviewBase, directory: str | Path | None = None) -> Path:
    """Write a base atomically (a temporary file renamed over the old one)."""
    path = base_path(base.doc, directory)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with gzip.open(tmp, "wt", encoding="utf-8", compresslevel=5) as handle:
        json.dump(base.to_json(), handle, ensure_ascii=False)
    os.replace(tmp, path)
    return path


def save_bases(graph: GraphData, directory: str | Path | None = None) -> list[Path]:
    """Keep the bases a pipeline graph carries (build, load, upload call this after writing)."""
    return [save_base(base, directory) for base in graph.review_bases.values()]


def load_base(doc: str, directory: str | Path | None = None) -> ReviewBase | None:
    path = base_path(doc, directory)
    if not path.exists():
        return None
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return ReviewBase.from_json(json.load(handle))


def review_extraction(graph: GraphData, text: str, sentences: Sequence, log: ReviewLog | None = None) -> GraphData:
    """The pipeline's last step: the judgements applied, each one that cannot be applied
    warned of (one line each), the extraction before review attached as the base."""
    doc = graph.documents[0]["id"]
    log = log or ReviewLog()
    base = ReviewBase(doc, graph, text, sentence_rows(sentences))
    reviewed, report = replay_base(base, log)
    for outcome in report.problems:
        warn(f"review judgement not applied: {outcome.describe()}")
    reviewed.review_bases[doc] = base
    return reviewed


def replay_base(base: ReviewBase, log: ReviewLog) -> tuple[GraphData, ReplayReport]:
    """The reviewed graph of a base, its Document stamped with the digest of the judgements."""
    digest = log.digest(base.doc)
    reviewed, report = apply(log.for_document(base.doc), base.graph, base.text, base.sentences)
    for doc in reviewed.documents:
        doc["reviews"] = digest
    if base.doc in reviewed.nodes:
        reviewed.nodes[base.doc].props["reviews"] = digest
    return reviewed, report


def review_stale(store: Any, log: ReviewLog | None = None) -> set[str]:
    """The documents of `store` whose stored review digest is not that of the judgements now."""
    log = log or ReviewLog()
    rows = store.query_readonly("MATCH (d:Document) RETURN d.id AS id, d.reviews AS reviews")
    return {r["id"] for r in rows.to_dict("records") if (r["reviews"] or "none") != log.digest(r["id"])}
