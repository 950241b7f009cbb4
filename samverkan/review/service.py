"""Making and applying judgements: what the Granska page and `samverkan review` share.

Builders turn a reviewer's choice into a `Judgement` (with the snapshot replay needs);
`Reviewer.decide` appends them to the log and brings the store up to date: for every document
the judgements touch, the review base (the extraction before review) is replayed with the
whole log and the document written again in one transaction (`GraphStore.write` replaces a
document's facts). The store is written only through this application code, with
parameters; the read-only Cypher console stays read-only.

Concurrency: records are appended under a lock (judgements.ReviewLog); the replay-and-write
of a store runs under a second lock (`<reviews>/.store.lock`), and each replay reads the log
afresh, so the last write holds every decision appended before it.
"""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator

from samverkan.errors import InputError, SamverkanError
from samverkan.graph.model import GraphData, Relationship
from samverkan.graph.schema import SCHEMA

from .base import ReviewBase, base_dir, load_base
from .judgements import (ACTIONS, REVIEW_LABELS_SV, Judgement, ReviewLog, fact_key, fact_snapshot, latest, locked,
                         node_snapshot, normalize_quote, rel_fact_key)
from .replay import ReplayReport, new_node_id, reviewable

REVIEW_TYPES = tuple(t for t, spec in SCHEMA.relationships.items() if spec.provenance and t != "MENTIONED_IN")


# ---------------------------------------------------------------------------------------
# The facts of a document, as a reviewer sees them
# ---------------------------------------------------------------------------------------
def document_graph(graph: GraphData, doc: str) -> GraphData:
    """One document's part of a (store's) graph."""
    for part in graph.by_document():
        if part.documents[0]["id"] == doc:
            return part
    raise InputError(f"no document {doc!r} in the store; it holds: "
                     f"{', '.join(d['id'] for d in graph.documents) or 'nothing'}")


@dataclass
class FactRow:
    """A fact of the document (or one a reviewer rejected) with its decision."""

    key: str
    rel: Relationship | None       # None for a rejected fact (no longer in the store)
    fact: dict[str, Any]           # the snapshot: type, source, target, evidence, section, line, …
    source_name: str
    target_name: str
    review: str | None             # accepted, changed, added, rejected, or None
    decision: str                  # accept, reject or "" (the last judgement on the key)
    reason: str
    nodes: dict[str, dict[str, Any]] | None = None  # snapshots of the ends of a rejected fact

    @property
    def section(self) -> str:
        return str(self.fact.get("section") or "")

    @property
    def confidence(self) -> float:
        return float(self.fact.get("confidence") if self.fact.get("confidence") is not None else 1.0)


def fact_rows(graph: GraphData, doc: str, log: ReviewLog | None = None) -> list[FactRow]:
    """Every reviewable fact of `doc` in the store's graph, then the facts reviewers rejected
    (from the log); lowest confidence first, then section and line."""
    log = log or ReviewLog()
    part = document_graph(graph, doc) if len(graph.documents) != 1 or graph.documents[0]["id"] != doc else graph
    last = {j.fact_key: j for j in latest(log.read(doc))}
    rows = []
    names = {i: n.name for i, n in graph.nodes.items()}
    for rel in part.relationships.values():
        if not reviewable(rel):
            continue
        key = rel_fact_key(rel)
        j = last.get(key)
        decision = j.action if j and j.action in ("accept", "reject") else ""
        rows.append(FactRow(key, rel, fact_snapshot(rel), names.get(rel.source, rel.source),
                            names.get(rel.target, rel.target), rel.props.get("review"), decision, (j.why or "") if j else ""))
    present = {r.key for r in rows}
    for key, j in last.items():
        if j.action == "reject" and key not in present and j.fact:
            snap = dict(j.fact)
            nodes = j.nodes or {}
            rows.append(FactRow(key, None, snap, names.get(snap["source"]) or nodes.get(snap["source"], {}).get("name", snap["source"]),
                                names.get(snap["target"]) or nodes.get(snap["target"], {}).get("name", snap["target"]),
                                "rejected", "reject", j.why or "", dict(nodes)))
    rows.sort(key=lambda r: (r.confidence, _section_key(r.section), r.fact.get("line") or 0, r.key))
    return rows


def _section_key(number: str) -> tuple:
    return tuple(int(p) if p.isdigit() else 0 for p in str(number).split("."))


def progress(rows: Iterable[FactRow]) -> dict[str, tuple[int, int]]:
    """Section -> (reviewed, total) over the facts (a rejected fact counts as reviewed)."""
    out: dict[str, list[int]] = {}
    for row in rows:
        counts = out.setdefault(row.section, [0, 0])
        counts[1] += 1
        counts[0] += 1 if row.review else 0
    return {s: (c[0], c[1]) for s, c in sorted(out.items(), key=lambda kv: _section_key(kv[0]))}


# ---------------------------------------------------------------------------------------
# Builders: a reviewer's choice -> a Judgement
# ---------------------------------------------------------------------------------------
def _nodes(graph: GraphData, *ids: str) -> dict[str, dict[str, Any]]:
    return {i: node_snapshot(graph.nodes[i]) for i in ids if i in graph.nodes}


def judge(doc: str, row: FactRow, action: str, graph: GraphData, who: str | None = None,
          why: str | None = None) -> Judgement:
    """Accept, reject or reset (take back the decision on) a fact."""
    if action not in ("accept", "reject", "reset"):
        raise SamverkanError(f"a fact is accepted, rejected or reset, not {action!r}")
    extra = {"who": who} if who else {}
    nodes = dict(row.nodes or {})
    nodes.update(_nodes(graph, row.fact["source"], row.fact["target"]))
    return Judgement(doc, action, row.key, dict(row.fact), nodes, why=(why or None), **extra)


def new_node(label: str, name: str, document: dict[str, Any], kind: str | None = None) -> tuple[str, dict[str, Any]]:
    """(id, snapshot) of a node a reviewer creates: an actor of `kind` type (default other),
    an initiative of `kind` (default project)."""
    name = " ".join((name or "").split())
    if not name:
        raise SamverkanError("a new actor or initiative needs a name")
    if label == "Actor":
        kind = kind or "other"
        if kind not in SCHEMA.actor_types:
            raise SamverkanError(f"unknown actor type {kind!r}")
        return new_node_id(label, name, document), {"label": "Actor", "name": name, "type": kind, "aliases": []}
    if label == "Initiative":
        kind = kind or "project"
        if kind not in SCHEMA.initiative_kinds:
            raise SamverkanError(f"unknown initiative kind {kind!r}")
        return new_node_id(label, name, document), {"label": "Initiative", "name": name, "kind": kind, "aliases": []}
    raise SamverkanError(f"a reviewer creates actors and initiatives, not {label!r}")


def _check_pair(rel_type: str, source: str, target: str, labels: dict[str, str]) -> None:
    spec = SCHEMA.relationships.get(rel_type)
    if rel_type not in REVIEW_TYPES or spec is None:
        raise SamverkanError(f"{rel_type!r} is not a relation a reviewer can set: use {', '.join(REVIEW_TYPES)}")
    pair = (labels.get(source), labels.get(target))
    if None in pair:
        raise SamverkanError(f"unknown node {source if pair[0] is None else target!r}")
    if pair not in spec.pairs:
        allowed = ", ".join(f"{a} -> {b}" for a, b in spec.pairs)
        raise SamverkanError(f"{SCHEMA.relation_label_sv(rel_type)} goes {allowed}, not {pair[0]} -> {pair[1]}")
    if source == target:
        raise SamverkanError("a fact needs two different parties")


def _amount(value: Any) -> int | None:
    if value in (None, ""):
        return None
    try:
        amount = int(round(float(str(value).replace(" ", "").replace("\u00a0", "").replace(",", "."))))
    except ValueError:
        raise SamverkanError(f"not an amount in kronor: {value!r}") from None
    if amount < 0:
        raise SamverkanError("an amount cannot be negative")
    return amount


def change(doc: str, row: FactRow, graph: GraphData, rel_type: str | None = None, source: str | None = None,
           target: str | None = None, amount_sek: Any = "keep", created: dict[str, dict] | None = None,
           who: str | None = None, why: str | None = None) -> Judgement:
    """Change a fact's relation type, funder/source, target or amount. `created` holds
    snapshots of nodes made for it (`new_node`)."""
    created = dict(created or {})
    changes: dict[str, Any] = {}
    new_type, new_source, new_target = rel_type or row.fact["type"], source or row.fact["source"], target or row.fact["target"]
    if new_type != row.fact["type"]:
        changes["type"] = new_type
    if new_source != row.fact["source"]:
        changes["source"] = new_source
    if new_target != row.fact["target"]:
        changes["target"] = new_target
    if amount_sek != "keep":
        amount = _amount(amount_sek)
        if amount != row.fact.get("amount_sek"):
            changes["amount_sek"] = amount
    if not changes:
        raise SamverkanError("nothing to change: the fact already reads so")
    labels = {i: n.label for i, n in graph.nodes.items()}
    labels.update({i: s["label"] for i, s in created.items()})
    _check_pair(new_type, new_source, new_target, labels)
    nodes = _nodes(graph, row.fact["source"], row.fact["target"], new_source, new_target)
    nodes.update(created)
    extra = {"who": who} if who else {}
    return Judgement(doc, "change", row.key, dict(row.fact), nodes, changes, why=why or None, **extra)


def add(doc: str, base: ReviewBase, graph: GraphData, rel_type: str, source: str, target: str, quote: str,
        amount_sek: Any = None, created: dict[str, dict] | None = None, who: str | None = None,
        why: str | None = None) -> Judgement:
    """Add a fact the rules missed: its parties and the quote (a part of the text) that says so."""
    quote = normalize_quote(quote)
    if len(quote) < 3:
        raise SamverkanError("mark the words in the text that state the fact (the quote)")
    if quote not in normalize_quote(base.text):
        raise SamverkanError(f"the quote is not in the text of {doc}: {quote[:60]!r}")
    created = dict(created or {})
    labels = {i: n.label for i, n in graph.nodes.items()}
    labels.update({i: n.label for i, n in base.graph.nodes.items()})
    labels.update({i: s["label"] for i, s in created.items()})
    _check_pair(rel_type, source, target, labels)
    sentence = next((s for s in base.sentences if quote in normalize_quote(s[0])), None)
    evidence = normalize_quote(sentence[0]) if sentence else quote
    fact: dict[str, Any] = {"type": rel_type, "source": source, "target": target, "quote": quote,
                            "evidence": evidence, "method": "review", "confidence": 1.0}
    if sentence:
        fact.update(line=sentence[1], section=sentence[3])
        if sentence[4]:
            fact["answers"] = sentence[4]
    amount = _amount(amount_sek)
    if amount is not None:
        if "amount_sek" not in SCHEMA.relationships[rel_type].properties:
            raise SamverkanError(f"{SCHEMA.relation_label_sv(rel_type)} carries no amount")
        fact["amount_sek"] = amount
    nodes = _nodes(base.graph, source, target)
    nodes.update(_nodes(graph, source, target))
    nodes.update(created)
    extra = {"who": who} if who else {}
    return Judgement(doc, "add", fact_key(rel_type, source, target, evidence), fact, nodes, why=why or None, **extra)


def merge(doc: str, graph: GraphData, keep: str, other: str, who: str | None = None, why: str | None = None) -> Judgement:
    """`other` merged into `keep` (actors or initiatives): one node, the other's name an alias."""
    a, b = graph.nodes.get(keep), graph.nodes.get(other)
    if a is None or b is None:
        raise SamverkanError(f"unknown node {keep if a is None else other!r}")
    if a.label != b.label or a.label not in ("Actor", "Initiative"):
        raise SamverkanError("only two actors or two initiatives can be merged")
    if keep == other:
        raise SamverkanError("choose two different nodes to merge")
    action = "merge_actor" if a.label == "Actor" else "merge_initiative"
    extra = {"who": who} if who else {}
    return Judgement(doc, action, subject=keep, other=other, name=b.name, nodes=_nodes(graph, keep, other),
                     why=why or None, **extra)


def split(doc: str, graph: GraphData, node: str, alias: str, merged: dict[str, str] | None = None,
          who: str | None = None, why: str | None = None) -> Judgement:
    """Take `alias` off `node` again. `merged` (alias name -> merged node id, from
    `merged_into`) names the node a review merge took in, which then stands on its own again."""
    other = (merged or {}).get(alias) or f"alias:{alias}"
    extra = {"who": who} if who else {}
    return Judgement(doc, "split_alias", subject=node, other=other, name=alias, why=why or None, **extra)


def rename(doc: str, graph: GraphData, node: str, name: str, who: str | None = None, why: str | None = None) -> Judgement:
    n = graph.nodes.get(node)
    if n is None or n.label not in ("Actor", "Initiative"):
        raise SamverkanError(f"unknown actor or initiative {node!r}")
    action = "rename_actor" if n.label == "Actor" else "rename_initiative"
    extra = {"who": who} if who else {}
    return Judgement(doc, action, subject=node, name=" ".join(name.split()), nodes=_nodes(graph, node),
                     why=why or None, **extra)


def merged_into(log: ReviewLog | None = None) -> dict[str, dict[str, str]]:
    """Node id -> {alias name: id of the node merged into it} for the merges in force."""
    out: dict[str, dict[str, str]] = {}
    for j in latest((log or ReviewLog()).read_nodes()):
        if j.action.startswith("merge"):
            out.setdefault(j.subject, {})[j.name or j.other] = j.other
    return out


# ---------------------------------------------------------------------------------------
# Recording and applying
# ---------------------------------------------------------------------------------------
Writer = Any  # a GraphStore, or a callable returning a context manager that yields one


@contextmanager
def _writing(store: Writer) -> Iterator[Any]:
    if callable(store) and not hasattr(store, "write"):
        with store() as writer:
            yield writer
    else:
        yield store


class Reviewer:
    """The judgement log and the review bases of one store."""

    def __init__(self, log: ReviewLog | None = None, bases: str | Path | None = None):
        self.log = log or ReviewLog()
        self.bases = Path(bases) if bases is not None else base_dir()

    def base(self, doc: str) -> ReviewBase:
        base = load_base(doc, self.bases)
        if base is None:
            raise SamverkanError(f"{doc} has no review base in {self.bases} (it was built before review existed, "
                                 f"or elsewhere): rebuild it with `samverkan build FILE` first")
        return base

    def has_base(self, doc: str) -> bool:
        return (self.bases / f"{doc}.json.gz").exists()

    def documents_touched(self, judgements: Iterable[Judgement], candidates: Iterable[str]) -> list[str]:
        """The documents a store update must replay: a fact judgement's own, and for a node
        judgement every document (among `candidates`) whose extraction names either node."""
        docs: list[str] = []
        node_ids: set[str] = set()
        for j in judgements:
            if j.is_node_action:
                node_ids |= {j.subject, j.other} - {None}
            elif j.doc not in docs:
                docs.append(j.doc)
        if node_ids:
            for doc in candidates:
                if doc in docs or not self.has_base(doc):
                    continue
                base = self.base(doc)
                ids = set(base.graph.nodes)
                if ids & node_ids or set(base.replay(self.log)[0].nodes) & node_ids:
                    docs.append(doc)
        return docs

    def refresh(self, store: Writer, docs: Iterable[str]) -> dict[str, ReplayReport]:
        """Replay the whole log on each document's base and write it to `store`."""
        docs = list(dict.fromkeys(docs))
        reports: dict[str, ReplayReport] = {}
        if not docs:
            return reports
        bases = {doc: self.base(doc) for doc in docs}  # a missing base stops before any write
        with locked(self.log.directory / ".store"), _writing(store) as writer:
            for doc, base in bases.items():
                graph, report = base.replay(self.log)
                writer.write(graph)
                reports[doc] = report
            self._drop_split_aliases(writer)
        return reports

    def _drop_split_aliases(self, writer: Any) -> None:
        """A store unites a shared node's aliases with the stored ones on every write (another
        report may know the name), so an alias split off is taken off the stored node here,
        with a parameterised statement of this code."""
        for j in latest(self.log.read_nodes()):
            if j.action != "split_alias" or not j.name:
                continue
            for label in ("Actor", "Initiative"):
                found = writer.query_readonly(f"MATCH (n:{label}) WHERE n.id = $id RETURN n.aliases AS aliases",
                                              {"id": j.subject})
                if found.empty:
                    continue
                aliases = [a for a in (found["aliases"][0] or ()) if a != j.name]
                if len(aliases) == len(found["aliases"][0] or ()):
                    continue
                value = "CAST($aliases AS STRING[])" if getattr(writer, "dialect", "") == "ladybug" else "$aliases"
                writer.query(f"MATCH (n:{label}) WHERE n.id = $id SET n.aliases = {value}",
                             {"id": j.subject, "aliases": aliases})

    def decide(self, store: Writer, judgements: Iterable[Judgement], candidates: Iterable[str] = ()) -> dict[str, ReplayReport]:
        """Append the judgements and bring `store` up to date. The bases are checked first: a
        document that cannot be replayed stops the decision before anything is recorded."""
        judgements = list(judgements)
        for j in judgements:
            j.validate()
        docs = self.documents_touched(judgements, candidates)
        for doc in docs:
            self.base(doc)
        self.log.append(judgements)
        docs = self.documents_touched(judgements, candidates)
        return self.refresh(store, docs)

    def report(self, doc: str) -> ReplayReport:
        """What became of each judgement on `doc` (the app lists the ones not applied)."""
        return self.base(doc).replay(self.log)[1]


__all__ = ["ACTIONS", "REVIEW_LABELS_SV", "FactRow", "Reviewer", "add", "change", "document_graph", "fact_rows",
           "judge", "merge", "merged_into", "new_node", "progress", "rename", "split"]
