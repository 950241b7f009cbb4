"""A judgement: one decision of a reviewer, kept as a line of JSON.

    {"id": "j-5f0c…", "doc": "region-vastmanland-2019", "action": "reject",
     "fact_key": "3e1d0a9b7c21", "fact": {"type": "FINANCES", "source": "tillvaxtverket", …},
     "who": "anna", "when": "2025-03-01T09:12:44Z", "why": "fel finansiär"}

Facts are identified without the rule that found them: `fact_key` hashes the relation type,
the source and target ids and the evidence sentence (whitespace collapsed; the two ends of an
undirected relation sorted), so a rule that is renamed, recalibrated or replaced by another
that finds the same fact keeps the decision. The record also keeps a snapshot of the fact and
of its two nodes, so a fact the rules stop finding can be restored (accepted, changed) and a
node the document no longer names can be recreated.

Where they are kept (`ReviewLog`, directory SAMVERKAN_REVIEWS, default data/reviews/):

- `<document id>.jsonl`: the decisions on the document's facts (accept, reject, change, add,
  reset);
- `_nodes.jsonl`: merges, splits and renames of actors and initiatives. An actor is one node
  in every report (graph/schema.yaml), so a merge or a rename made while reviewing one report
  holds in all of them; were it kept per report, rebuilding another report would write the
  old name back. The record still names the report it was made in (`doc`).

Files are append-only: a later record on the same fact (or node) wins, nothing is rewritten,
so a file reads as the history of the review and diffs well under version control. Two
reviewers never overwrite each other: a record is appended with one `write` on a file opened
with O_APPEND while an exclusive lock (`<file>.lock`) is held.
"""
from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
import uuid
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Iterator

from samverkan import settings
from samverkan.errors import InputError, SamverkanError

FACT_ACTIONS = ("accept", "reject", "change", "add", "reset")
NODE_ACTIONS = ("merge_actor", "split_alias", "rename_actor", "merge_initiative", "rename_initiative")
ACTIONS = FACT_ACTIONS + NODE_ACTIONS
NODES_FILE = "_nodes"
# Relations a reviewer judges: every provenance relation but the mentions (a mention is not a
# claim about two parties).
UNREVIEWED_TYPES = ("MENTIONED_IN", "PART_OF")
# The `review` property a relationship carries in the stores (graph/schema.yaml, provenance).
ACCEPTED, CHANGED, ADDED = "accepted", "changed", "added"
REVIEW_LABELS_SV = {ACCEPTED: "godkänd", CHANGED: "ändrad", ADDED: "tillagd", "rejected": "avvisad"}

_DOC_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def normalize_quote(text: str) -> str:
    return " ".join(str(text or "").split())


def undirected(rel_type: str) -> bool:
    from samverkan.graph.schema import SCHEMA

    spec = SCHEMA.relationships.get(rel_type)
    return bool(spec and spec.undirected)


def fact_key(rel_type: str, source: str, target: str, quote: str) -> str:
    """The rule-independent key of a fact: 12 hex digits of the SHA-1 of type, ends and quote."""
    a, b = (source, target)
    if undirected(rel_type):
        a, b = sorted((a, b))
    raw = "|".join([rel_type, a, b, normalize_quote(quote)])
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:12]


def rel_fact_key(rel) -> str:
    """The key of a stored/extracted relationship (graph.model.Relationship)."""
    return fact_key(rel.type, rel.source, rel.target, rel.props.get("evidence") or "")


FACT_PROPS = ("amount_sek", "instrument", "area", "count")


def fact_snapshot(rel) -> dict[str, Any]:
    """What a judgement keeps of a relationship: enough to restore it."""
    p = rel.props
    snap = {"type": rel.type, "source": rel.source, "target": rel.target, "evidence": p.get("evidence") or "",
            "section": p.get("section"), "line": p.get("line"), "answers": p.get("answers"),
            "method": p.get("method"), "confidence": p.get("confidence")}
    snap.update({k: p[k] for k in FACT_PROPS if p.get(k) is not None})
    return {k: v for k, v in snap.items() if v is not None}


NODE_PROPS = ("name", "type", "kind", "aliases", "county", "nyps")


def node_snapshot(node) -> dict[str, Any]:
    out = {"label": node.label}
    out.update({k: node.props[k] for k in NODE_PROPS if node.props.get(k) not in (None, "", [])})
    return out


def now_utc() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def default_who() -> str:
    return os.environ.get("USER") or os.environ.get("USERNAME") or "okänd"


@dataclass
class Judgement:
    """One decision. Fact actions use `fact_key` and `fact` (and `changes` for a change);
    node actions use `subject` (the node kept or renamed), `other` (the node merged into it
    or split off) and `name` (the new name; for a merge or split the other's name)."""

    doc: str
    action: str
    fact_key: str | None = None
    fact: dict[str, Any] | None = None
    nodes: dict[str, dict[str, Any]] | None = None  # id -> snapshot of a node the fact needs
    changes: dict[str, Any] | None = None
    subject: str | None = None
    other: str | None = None
    name: str | None = None
    who: str = field(default_factory=default_who)
    when: str = field(default_factory=now_utc)
    why: str | None = None
    id: str = field(default_factory=lambda: "j-" + uuid.uuid4().hex[:12])

    ORDER = ("id", "doc", "action", "fact_key", "subject", "other", "name", "changes", "why", "who", "when",
             "fact", "nodes")

    @property
    def is_node_action(self) -> bool:
        return self.action in NODE_ACTIONS

    def key(self) -> str:
        """What a later record replaces: the fact, or the node relation (merge/split of
        `other`, the name of `subject`)."""
        if self.is_node_action:
            if self.action.startswith("rename"):
                return f"name:{self.subject}"
            return f"member:{self.other}"
        return f"fact:{self.fact_key}"

    def to_json(self) -> str:
        data = asdict(self)
        ordered = {k: data[k] for k in self.ORDER if data.get(k) not in (None, {}, "")}
        return json.dumps(ordered, ensure_ascii=False, sort_keys=False)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Judgement":
        known = {k: data[k] for k in cls.__dataclass_fields__ if k in data}
        return cls(**known)

    def validate(self) -> None:
        """Refuse a record that replay could not read (SamverkanError, one line)."""
        if self.action not in ACTIONS:
            raise SamverkanError(f"unknown review action {self.action!r}: use {', '.join(ACTIONS)}")
        if not _DOC_ID.match(self.doc or ""):
            raise SamverkanError(f"not a document id: {self.doc!r}")
        if self.is_node_action:
            if not self.subject:
                raise SamverkanError(f"{self.action} needs the node it is about")
            if self.action.startswith("rename") and not (self.name or "").strip():
                raise SamverkanError(f"{self.action} needs the new name")
            if not self.action.startswith("rename") and not self.other:
                raise SamverkanError(f"{self.action} needs the other node")
            if self.other and self.other == self.subject:
                raise SamverkanError(f"{self.action}: a node cannot be merged with itself")
            return
        if not self.fact_key:
            raise SamverkanError(f"{self.action} needs the fact's key")
        if self.action in ("accept", "reject", "change", "add") and not self.fact:
            raise SamverkanError(f"{self.action} needs the fact")
        if self.fact and not normalize_quote(self.fact.get("quote") or self.fact.get("evidence")):
            raise SamverkanError(f"{self.action}: the fact has no evidence quote")


def latest(judgements: Iterable[Judgement]) -> list[Judgement]:
    """The judgements still in force: the last record per key, in the order they were made."""
    last: dict[str, Judgement] = {}
    for j in judgements:
        last.pop(j.key(), None)
        last[j.key()] = j
    return [j for j in last.values() if j.action != "reset"]


@contextmanager
def locked(path: Path, shared: bool = False) -> Iterator[None]:
    """An advisory lock on `<path>.lock` (exclusive for writers, shared for readers)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(path.name + ".lock"), "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_SH if shared else fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


class ReviewLog:
    """The judgement files of one directory (default: SAMVERKAN_REVIEWS)."""

    def __init__(self, directory: str | Path | None = None):
        self.directory = Path(directory) if directory is not None else settings.reviews_dir()

    def path(self, doc: str) -> Path:
        if doc != NODES_FILE and not _DOC_ID.match(doc or ""):
            raise SamverkanError(f"not a document id: {doc!r}")
        return self.directory / f"{doc}.jsonl"

    def append(self, judgements: Iterable[Judgement]) -> list[Judgement]:
        """Validate every record, then append each file's records in one write under its
        lock. Returns the records written."""
        records = list(judgements)
        for j in records:
            j.validate()
        by_file: dict[str, list[Judgement]] = {}
        for j in records:
            by_file.setdefault(NODES_FILE if j.is_node_action else j.doc, []).append(j)
        for name, items in by_file.items():
            path = self.path(name)
            data = "".join(j.to_json() + "\n" for j in items).encode("utf-8")
            with locked(path):
                fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
                try:
                    os.write(fd, data)
                finally:
                    os.close(fd)
        return records

    def _read(self, name: str) -> list[Judgement]:
        path = self.path(name)
        if not path.exists():
            return []
        with locked(path, shared=True):
            lines = path.read_text(encoding="utf-8").splitlines()
        out = []
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                out.append(Judgement.from_dict(json.loads(line)))
            except (ValueError, TypeError) as exc:
                raise InputError(f"{path}, line {number}: not a judgement record ({exc})") from None
        return out

    def read(self, doc: str) -> list[Judgement]:
        """Every record on the facts of `doc`, oldest first."""
        return self._read(doc)

    def read_nodes(self) -> list[Judgement]:
        return self._read(NODES_FILE)

    def for_document(self, doc: str) -> list[Judgement]:
        """What replay needs for `doc`: the node records, then the document's own."""
        return self.read_nodes() + self.read(doc)

    def digest(self, doc: str) -> str:
        """A digest of every record replay reads for `doc` ("none" when there are none): stored
        on the Document (`reviews`), so a build can tell that the judgements changed."""
        h = hashlib.sha1()
        found = False
        for name in (NODES_FILE, doc):
            path = self.path(name)
            if path.exists():
                data = path.read_bytes()
                found = found or bool(data.strip())
                h.update(name.encode() + b"\0" + data)
        return h.hexdigest()[:16] if found else "none"

    def documents(self) -> list[str]:
        if not self.directory.is_dir():
            return []
        return sorted(p.stem for p in self.directory.glob("*.jsonl") if p.stem != NODES_FILE)
