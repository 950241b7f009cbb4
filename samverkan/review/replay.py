"""Replay: the judgements applied to a document's extracted graph.

    reviewed, report = apply(judgements, extracted, text, sentences)

One pure function, used wherever a document's graph is made: after extraction (so `samverkan
build`, `load DOC` and an upload keep every decision), and when the app or `review import`
records a decision (applied to the extraction kept next to the store, see `base`). The
input graph is not changed.

Order, so that a later decision can refer to the result of an earlier one:

1. merges and renames of nodes (`_nodes.jsonl`): B merged into A moves B's relationships to A
   (their ids recomputed; a relationship that now duplicates another keeps the more
   confident one), A gets B's name and aliases as aliases, B leaves the graph; a split
   cancels the merge it names (the last record on B wins); a rename keeps the id, and the
   old name becomes an alias;
2. changes and additions: the changed fact replaces the one it was made on (`review` =
   "changed"), an added fact takes the sentence its quote stands in (`review` = "added",
   method "review", confidence 1.0);
3. acceptances and rejections: `review` = "accepted", or the fact is removed.

A fact judgement is matched by its rule-independent key (judgements.fact_key) computed after
the merges. A judgement whose quote no longer occurs in the text is not applied and is
reported as `vanished`: never silently dropped. An accepted or changed fact the rules no
longer find, whose quote still stands in the text, is restored from the judgement's
snapshot (`restored`): the reviewer has vouched for it. A rejection of a fact the rules no
longer find is reported as `not_found` (nothing to remove).
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence

from samverkan.graph.ids import relationship_id, slugify
from samverkan.graph.model import GraphData, Node, Relationship
from samverkan.graph.schema import SCHEMA

from .judgements import (ACCEPTED, ADDED, CHANGED, UNREVIEWED_TYPES, Judgement, fact_key, latest,
                         normalize_quote, rel_fact_key)

APPLIED, RESTORED, VANISHED, NOT_FOUND, INVALID = "applied", "restored", "vanished", "not_found", "invalid"
PROBLEMS = (VANISHED, INVALID)  # what a rebuild warns of and the app lists


@dataclass
class Outcome:
    judgement: Judgement
    status: str
    message: str = ""

    def describe(self) -> str:
        j = self.judgement
        what = (j.fact or {}).get("quote") or (j.fact or {}).get("evidence") or j.name or j.other or ""
        what = normalize_quote(what)
        what = what if len(what) <= 70 else what[:69] + "…"
        return f"{j.doc}: {j.action} by {j.who} on {j.when} ({j.id}): {self.message or self.status}: {what}"


@dataclass
class ReplayReport:
    doc: str
    outcomes: list[Outcome] = field(default_factory=list)

    def add(self, judgement: Judgement, status: str, message: str = "") -> None:
        self.outcomes.append(Outcome(judgement, status, message))

    @property
    def problems(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status in PROBLEMS]

    def by_status(self, status: str) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == status]


def reviewable(rel: Relationship) -> bool:
    return rel.type not in UNREVIEWED_TYPES and rel.type in SCHEMA.relationships


def copy_graph(graph: GraphData) -> GraphData:
    out = GraphData(documents=[dict(d) for d in graph.documents])
    out.nodes = {i: Node(n.id, n.label, copy.deepcopy(n.props)) for i, n in graph.nodes.items()}
    out.relationships = {i: Relationship(r.id, r.type, r.source, r.target, copy.deepcopy(r.props))
                         for i, r in graph.relationships.items()}
    return out


def _rel_id(rel_type: str, source: str, target: str, doc: str, line: Any, amount: Any) -> str:
    return relationship_id(rel_type, source, target, doc, line, str(amount if amount is not None else ""))


class _Replay:
    def __init__(self, graph: GraphData, text: str | None, sentences: Sequence | None):
        self.g = copy_graph(graph)
        self.doc = graph.documents[0]["id"] if graph.documents else ""
        self.text = normalize_quote(text) if text is not None else None
        self.sentences = list(sentences or [])
        self.alias_of: dict[str, str] = {}  # merged node id -> the node it is now

    # ---- helpers ---------------------------------------------------------------------
    def resolve(self, node_id: str) -> str:
        seen = set()
        while node_id in self.alias_of and node_id not in seen:
            seen.add(node_id)
            node_id = self.alias_of[node_id]
        return node_id

    def in_text(self, quote: str) -> bool:
        return self.text is None or normalize_quote(quote) in self.text

    def sentence_of(self, quote: str):
        """The sentence a quote stands in (its text, line, section, answers), or None."""
        quote = normalize_quote(quote)
        for s in self.sentences:
            text = _field(s, "text", 0)
            if quote and quote in normalize_quote(text):
                return s
        return None

    def ensure_node(self, node_id: str, j: Judgement) -> bool:
        if node_id in self.g.nodes:
            return True
        snap = (j.nodes or {}).get(node_id)
        if not snap or snap.get("label") not in ("Actor", "Initiative"):
            return False
        props = {k: copy.deepcopy(v) for k, v in snap.items() if k != "label"}
        props.setdefault("aliases", [])
        if snap["label"] == "Actor":
            props.setdefault("method", "review")
        self.g.add_node(Node(node_id, snap["label"], props))
        return True

    def matching(self, key: str) -> list[Relationship]:
        return [r for r in self.g.relationships.values() if reviewable(r) and rel_fact_key(r) == key]

    def key_of(self, fact: dict[str, Any]) -> str:
        quote = fact.get("evidence") or fact.get("quote") or ""
        return fact_key(fact["type"], self.resolve(fact["source"]), self.resolve(fact["target"]), quote)

    def put(self, rel: Relationship) -> Relationship:
        """Add `rel`; when its id is taken, keep the more confident of the two."""
        old = self.g.relationships.get(rel.id)
        if old is not None:
            if rel.type == "MENTIONED_IN":
                old.props["count"] = int(old.props.get("count") or 0) + int(rel.props.get("count") or 0)
                return old
            if (old.props.get("review") and not rel.props.get("review")) or \
                    float(old.props.get("confidence") or 0) >= float(rel.props.get("confidence") or 0):
                return old
        self.g.relationships[rel.id] = rel
        return rel

    def label(self, node_id: str) -> str | None:
        node = self.g.nodes.get(node_id)
        return node.label if node else None

    def valid_pair(self, rel_type: str, source: str, target: str) -> str:
        spec = SCHEMA.relationships.get(rel_type)
        if spec is None or not spec.provenance or rel_type in UNREVIEWED_TYPES:
            return f"{rel_type} is not a relation a reviewer can set"
        pair = (self.label(source), self.label(target))
        if pair not in spec.pairs:
            return f"the schema has no {rel_type} from {pair[0]} to {pair[1]}"
        if source == target:
            return "a fact needs two different parties"
        return ""

    # ---- 1. nodes --------------------------------------------------------------------
    def merge(self, j: Judgement) -> None:
        keep, gone = self.resolve(j.subject), self.resolve(j.other)
        if keep == gone:
            return
        touched = gone in self.g.nodes or any(gone in (r.source, r.target) for r in self.g.relationships.values())
        self.alias_of[j.other] = keep
        if gone != j.other:
            self.alias_of[gone] = keep
        if not touched:
            return  # the node is not in this document
        if not self.ensure_node(keep, j):
            keep_label = (j.nodes or {}).get(j.subject, {}).get("label")
            self.g.add_node(Node(keep, keep_label or self.g.nodes[gone].label,
                                 {"name": j.subject, "aliases": []}))
        kept, other = self.g.nodes[keep], self.g.nodes.get(gone)
        names = [j.name] if j.name else []
        if other is not None:
            names = [other.name] + list(other.props.get("aliases") or []) + names
        aliases = list(kept.props.get("aliases") or [])
        aliases += [n for n in names if n and n not in aliases and n != kept.name]
        kept.props["aliases"] = aliases
        for rel in list(self.g.relationships.values()):
            if gone not in (rel.source, rel.target):
                continue
            del self.g.relationships[rel.id]
            source = keep if rel.source == gone else rel.source
            target = keep if rel.target == gone else rel.target
            if source == target:
                continue  # "A samverkar med A"
            rel.source, rel.target = source, target
            p = rel.props
            if rel.type == "MENTIONED_IN":
                rel.id = relationship_id("MENTIONED_IN", source, target, self.doc, p.get("line"))
            else:
                rel.id = _rel_id(rel.type, source, target, self.doc, p.get("line"), p.get("amount_sek"))
            self.put(rel)
        self.g.nodes.pop(gone, None)

    def split(self, j: Judgement) -> None:
        """The merge this cancels is gone already (the last record on `other` wins); an alias
        that no merge made (the gazetteer's, a resolver's) is taken off the node."""
        node = self.g.nodes.get(self.resolve(j.subject))
        if node is not None and j.name:
            node.props["aliases"] = [a for a in node.props.get("aliases") or [] if a != j.name]

    def rename(self, j: Judgement) -> None:
        node = self.g.nodes.get(self.resolve(j.subject))
        if node is None:
            return
        old, new = node.name, " ".join(j.name.split())
        if old == new:
            return
        node.props["name"] = new
        aliases = [a for a in node.props.get("aliases") or [] if a != new]
        if old and old not in aliases:
            aliases.append(old)
        node.props["aliases"] = aliases

    # ---- 2. changes and additions ----------------------------------------------------
    def build_fact(self, j: Judgement, fact: dict[str, Any], review: str) -> Relationship | str:
        """The relationship a fact snapshot describes (ends resolved, nodes recreated from the
        snapshot when needed), placed at the sentence its quote stands in now."""
        source, target = self.resolve(fact["source"]), self.resolve(fact["target"])
        for end in (source, target):
            if not self.ensure_node(end, j):
                return f"the node {end!r} is neither in the document nor in the judgement"
        problem = self.valid_pair(fact["type"], source, target)
        if problem:
            return problem
        quote = fact.get("quote") or fact.get("evidence") or ""
        sentence = self.sentence_of(fact.get("evidence") or quote) or self.sentence_of(quote)
        props: dict[str, Any] = {"doc": self.doc}
        if sentence is not None:
            props.update(section=_field(sentence, "section", 3), evidence=normalize_quote(_field(sentence, "text", 0)),
                         line=_field(sentence, "line", 1), answers=_field(sentence, "answers", 4))
        else:
            props.update(section=fact.get("section"), evidence=normalize_quote(fact.get("evidence") or quote),
                         line=fact.get("line"), answers=fact.get("answers"))
        props["method"] = fact.get("method") or "review"
        props["confidence"] = float(fact["confidence"]) if fact.get("confidence") is not None else 1.0
        for k in ("amount_sek", "instrument", "area"):
            if fact.get(k) not in (None, ""):
                props[k] = fact[k]
        props["review"] = review
        props = {k: v for k, v in props.items() if v is not None}
        rel_id = _rel_id(fact["type"], source, target, self.doc, props.get("line"), props.get("amount_sek"))
        return Relationship(rel_id, fact["type"], source, target, props)

    def change(self, j: Judgement, report: "ReplayReport") -> None:
        fact = dict(j.fact)
        if not self.in_text(fact["evidence"]):
            report.add(j, VANISHED, "the sentence is no longer in the text")
            return
        found = self.matching(self.key_of(fact))
        changes = dict(j.changes or {})
        for key in ("type", "source", "target"):
            if changes.get(key):
                fact[key] = changes[key]
        if "amount_sek" in changes:
            fact["amount_sek"] = changes["amount_sek"]
        if "instrument" in changes:
            fact["instrument"] = changes["instrument"]
        spec = SCHEMA.relationships.get(fact["type"])
        for k in ("amount_sek", "instrument", "area"):  # what the new type cannot carry
            if spec is not None and k not in spec.properties:
                fact.pop(k, None)
        rel = self.build_fact(j, fact, CHANGED)
        if isinstance(rel, str):
            report.add(j, INVALID, rel)
            return
        for old in found:
            self.g.relationships.pop(old.id, None)
        self.g.relationships[rel.id] = rel
        report.add(j, APPLIED if found else RESTORED,
                   "" if found else "the rules no longer find the fact; kept as changed")

    def add(self, j: Judgement, report: "ReplayReport") -> None:
        fact = dict(j.fact)
        quote = fact.get("quote") or fact.get("evidence")
        if not self.in_text(quote):
            report.add(j, VANISHED, "the quote is no longer in the text")
            return
        fact.setdefault("method", "review")
        fact.setdefault("confidence", 1.0)
        rel = self.build_fact(j, fact, ADDED)
        if isinstance(rel, str):
            report.add(j, INVALID, rel)
            return
        self.g.relationships[rel.id] = rel
        report.add(j, APPLIED)

    # ---- 3. acceptances and rejections -----------------------------------------------
    def accept(self, j: Judgement, report: "ReplayReport") -> None:
        if not self.in_text(j.fact["evidence"]):
            report.add(j, VANISHED, "the sentence is no longer in the text")
            return
        found = self.matching(self.key_of(j.fact))
        for rel in found:
            if rel.props.get("review") not in (CHANGED, ADDED):
                rel.props["review"] = ACCEPTED
        if found:
            report.add(j, APPLIED)
            return
        rel = self.build_fact(j, j.fact, ACCEPTED)
        if isinstance(rel, str):
            report.add(j, INVALID, rel)
            return
        self.put(rel)
        report.add(j, RESTORED, "the rules no longer find the fact; kept as accepted")

    def reject(self, j: Judgement, report: "ReplayReport") -> None:
        if not self.in_text(j.fact["evidence"]):
            report.add(j, VANISHED, "the sentence is no longer in the text")
            return
        found = self.matching(self.key_of(j.fact))
        for rel in found:
            self.g.relationships.pop(rel.id, None)
        report.add(j, APPLIED if found else NOT_FOUND, "" if found else "the rules no longer find the fact")

    # ---- the end: nodes no fact touches leave -----------------------------------------
    def prune(self) -> None:
        used = {r.source for r in self.g.relationships.values()} | {r.target for r in self.g.relationships.values()}
        for node_id in [i for i, n in self.g.nodes.items() if n.label in ("Actor", "Initiative") and i not in used]:
            del self.g.nodes[node_id]


def _field(sentence: Any, name: str, index: int) -> Any:
    """A sentence as loaders.sentences.Sentence, or as the list the review base stores."""
    if isinstance(sentence, (list, tuple)):
        return sentence[index] if len(sentence) > index else None
    return getattr(sentence, name, None)


def apply(judgements: Iterable[Judgement], graph: GraphData, text: str | None = None,
          sentences: Sequence | None = None) -> tuple[GraphData, ReplayReport]:
    """The reviewed graph of one document and what became of each judgement in force.

    `judgements` may hold the whole history (node records and the document's own; records of
    other documents are ignored); the last record per fact or node wins. `text` is the
    document's (repaired) text, to check that each quote still stands in it; None skips the
    check. `sentences` (loaders.sentences.Sentence, or [text, line, end_line, section,
    answers] lists) place restored and added facts at their sentence. With no judgement in
    force the graph is returned as it is."""
    doc = graph.documents[0]["id"] if graph.documents else ""
    report = ReplayReport(doc)
    records = [j for j in judgements if j.is_node_action or j.doc == doc]
    in_force = latest(records)
    if not in_force:
        return graph, report
    r = _Replay(graph, text, sentences)
    for j in in_force:
        if j.action.startswith("merge"):
            r.merge(j)
        elif j.action == "split_alias":
            r.split(j)
    for j in in_force:
        if j.action.startswith("rename"):
            r.rename(j)
    for j in in_force:
        if j.action == "change":
            r.change(j, report)
        elif j.action == "add":
            r.add(j, report)
    for j in in_force:
        if j.action == "accept":
            r.accept(j, report)
        elif j.action == "reject":
            r.reject(j, report)
    r.prune()
    return r.g, report


def new_node_id(label: str, name: str, document: dict[str, Any]) -> str:
    """The id a node created in review gets, by the scoping rules of graph/schema.yaml: an
    actor is its slug; an initiative belongs to the reporting region (to the document for a
    text that is not a report)."""
    slug = slugify(name)
    if label == "Actor":
        return slug
    region, year = document.get("region"), document.get("year")
    scope = slugify(region) if region and year else document.get("id", "")
    return f"{scope}--{slug}"
