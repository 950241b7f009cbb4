"""Curated facts (data/curated/<document id>.yaml) for what the rules cannot reach.

Each fact names its evidence quote; the quote must occur in the repaired text, and the
fact takes the line and section of the sentence that contains it. A quote that does not
occur is reported and the fact dropped: a fact without evidence would be a bug.
"""
from __future__ import annotations

from samverkan.errors import warn
from samverkan.graph.ids import slugify
from samverkan.settings import DATA_DIR
from samverkan.yamlio import read_yaml

from .rules import Fact
from .sentences import Sentence, normalize_ws

CURATED_DIR = DATA_DIR / "curated"


def load_curated(doc_id: str) -> list[dict]:
    path = CURATED_DIR / f"{doc_id}.yaml"
    if not path.exists():
        return []
    return list(read_yaml(path) or [])


def apply_curated(doc_id: str, text: str, sentences: list[Sentence], actors, initiatives) -> list[Fact]:
    facts = []
    for entry in load_curated(doc_id):
        quote = normalize_ws(entry["evidence"])
        sentence = next((s for s in sentences if quote in s.text), None)
        if sentence is None:
            warn(f"curated fact dropped, evidence not in the text: {quote[:60]}…")
            continue

        def node(ref: dict) -> str:
            if "actor" in ref:
                return actors.resolve(ref["actor"]) or actors.discover_name(ref["actor"], ref.get("type", "other"), "curated")
            return initiatives.add(ref["initiative"], ref.get("kind", "project"), "curated") or slugify(ref["initiative"])

        source, target = node(entry["source"]), node(entry["target"])
        if source in actors.gazetteer.actors or source in actors.collectives:
            actors.record(source)
        props = {k: entry[k] for k in ("amount_sek", "instrument", "area") if k in entry}
        evidence_sentence = Sentence(sentence.text, sentence.line, sentence.end_line, sentence.section, sentence.answers)
        facts.append(Fact(entry["type"], source, target, "curated", float(entry.get("confidence", 1.0)), evidence_sentence, props))
    return facts
