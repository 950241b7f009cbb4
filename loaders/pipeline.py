"""Document -> graph: read, repair, split, find actors and initiatives, extract relations.

Each stage is a function of the previous stage's output; `extract_text` wires them and
returns a `GraphData` in which every relationship carries its provenance.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from samverkan.graph.ids import relationship_id, slugify
from samverkan.graph.model import GraphData, Node, Relationship

from .actors import ActorFinder, Mention
from .curated import apply_curated
from .gazetteer import Gazetteer, load_gazetteer
from .initiatives import InitiativeFinder
from .metadata import Metadata, detect_metadata
from .read import RawDocument, read_document
from .relations import Context, Fact, extract_facts
from .repair import repair_text
from .sections import Layout, split_sections
from .sentences import Sentence, split_sentences
from .template import counterpart


@dataclass
class Extraction:
    """Everything one document yields; `graph` is what the stores receive."""

    graph: GraphData
    text: str
    metadata: Metadata
    layout: Layout
    sentences: list[Sentence]
    facts: list[Fact]


def document_id(meta: Metadata, path: Path, sha256: str) -> str:
    if meta.region and meta.year:
        return slugify(f"{meta.region} {meta.year}")
    return f"{slugify(path.stem) or 'document'}-{sha256[:8]}"


def _without_overlaps(actors: list[Mention], initiatives: list[Mention]) -> tuple[list[Mention], list[Mention]]:
    """Where an actor and an initiative name overlap, the longer name wins."""
    keep_a, keep_i = [], []
    for a in actors:
        if not any(i.start <= a.start and a.end <= i.end and (i.end - i.start) > (a.end - a.start) for i in initiatives):
            keep_a.append(a)
    for i in initiatives:
        if not any(a.start <= i.start and i.end <= a.end and (a.end - a.start) >= (i.end - i.start) for a in keep_a):
            keep_i.append(i)
    return keep_a, keep_i


def _counterpart_id(number: str, finder: ActorFinder, gazetteer: Gazetteer, county: str | None) -> str | None:
    kind = counterpart(number)
    if kind == "municipalities":
        return finder.collective_id
    if kind and county:
        match = next((a for a in gazetteer.by_type(kind) if county in a.counties), None)
        return match.id if match else None
    return None


def extract_text(raw: RawDocument, gazetteer: Gazetteer | None = None) -> Extraction:
    gazetteer = gazetteer or load_gazetteer()
    text = repair_text(raw.text).text
    lines = text.split("\n")
    meta = detect_metadata(text, gazetteer)
    doc_id = document_id(meta, raw.path, raw.sha256)
    layout = split_sections(text)
    sentences = split_sentences(text, layout)

    actors = ActorFinder(gazetteer, meta.county, meta.region_id)
    actors.discover(sentences)
    initiatives = InitiativeFinder(set(gazetteer.actors) | set(actors.records), lambda name: actors.resolve(name) is not None)
    initiatives.discover_text(sentences)
    initiatives.discover_tables(lines, layout)

    def actor_type(actor_id: str) -> str:
        return actors.record(actor_id).type

    facts: list[Fact] = []
    mentions: dict[tuple[str, str, str], list[Sentence]] = defaultdict(list)
    previous: dict[str, str | None] = {}
    councils: dict[str, str] = {}
    titles = {s.number: s.title for s in layout.sections}
    counterparts = {s.number: _counterpart_id(s.number, actors, gazetteer, meta.county) for s in layout.sections}
    for sentence in sentences:
        found_actors, found_initiatives = _without_overlaps(actors.mentions(sentence.text), initiatives.mentions(sentence.text))
        for m in found_actors + found_initiatives:
            mentions[(m.kind, m.id, sentence.section)].append(sentence)
        ctx = Context(
            sentence=sentence,
            actors=found_actors,
            initiatives=found_initiatives,
            region_id=meta.region_id,
            counterpart_id=counterparts.get(sentence.section),
            row_initiative=initiatives.row_of_line.get(sentence.line),
            previous_initiative=previous.get(sentence.section),
            previous_council=councils.get(sentence.section),
            actor_type=actor_type,
            area=initiatives.area,
            section_title=titles.get(sentence.section, ""),
        )
        facts += extract_facts(ctx)
        for m in found_actors:
            if actor_type(m.id) in ("network_council", "cluster"):
                councils[sentence.section] = m.id
        if found_initiatives:
            previous[sentence.section] = found_initiatives[-1].id
        elif ctx.row_initiative:
            previous[sentence.section] = ctx.row_initiative

    graph = GraphData()
    document = {
        "id": doc_id,
        "title": f"Återrapportering {meta.year} – {meta.region}" if meta.region and meta.year else raw.path.name,
        "region": meta.region,
        "year": meta.year,
        "diarienr": meta.diarienr,
        "sha256": raw.sha256,
        "source": raw.path.name,
    }
    graph.documents.append(document)
    graph.add_node(Node(doc_id, "Document", {k: v for k, v in document.items() if k != "id"}))
    results: dict[str, list[Sentence]] = defaultdict(list)
    for sentence in sentences:
        if sentence.answers == "results":
            results[sentence.section].append(sentence)
    for section in layout.sections:
        section_id = f"{doc_id}#{section.number}"
        graph.add_node(Node(section_id, "Section", {
            "number": section.number, "title": section.title, "doc": doc_id,
            "results": [s.text for s in results[section.number]],
            "result_lines": [s.line for s in results[section.number]],
        }))
        graph.add_relationship(Relationship(f"part-of-{section_id}", "PART_OF", section_id, doc_id, {}))

    facts += apply_curated(doc_id, text, sentences, actors, initiatives)
    _add_facts(graph, doc_id, facts)
    _add_mentions(graph, doc_id, mentions)
    used = {r.source for r in graph.relationships.values()} | {r.target for r in graph.relationships.values()}
    for record in actors.records.values():
        if record.id in used:
            graph.add_node(Node(record.id, "Actor", {
                "name": record.name, "type": record.type, "aliases": list(record.aliases),
                "county": record.county, "method": record.method,
            }))
    for record in initiatives.records.values():
        if record.id in used:
            graph.add_node(Node(record.id, "Initiative", {
                "name": record.name, "kind": record.kind, "nyps": list(record.nyps), "aliases": list(record.aliases),
            }))
    return Extraction(graph, text, meta, layout, sentences, facts)


def _add_facts(graph: GraphData, doc_id: str, facts: list[Fact]) -> None:
    best: dict[tuple, Fact] = {}
    for fact in facts:
        key = (fact.type, fact.source, fact.target, fact.sentence.line, fact.props.get("amount_sek"))
        if fact.props.get("amount_sek"):
            key = (fact.type, fact.source, fact.target, None, fact.props["amount_sek"])  # one sum, told twice
        if fact.type == "COLLABORATES_WITH":
            key = (fact.type, *sorted((fact.source, fact.target)), fact.sentence.line, None)
        if key not in best or fact.confidence > best[key].confidence and fact.sentence.line == best[key].sentence.line:
            best[key] = fact
    for fact in best.values():
        props = {
            "doc": doc_id,
            "section": fact.sentence.section,
            "evidence": fact.sentence.text,
            "line": fact.sentence.line,
            "method": fact.method,
            "confidence": fact.confidence,
            "answers": fact.sentence.answers,
            **fact.props,
        }
        rel_id = relationship_id(fact.type, fact.source, fact.target, doc_id, fact.sentence.line, str(fact.props.get("amount_sek", "")))
        graph.add_relationship(Relationship(rel_id, fact.type, fact.source, fact.target, props))


def _add_mentions(graph: GraphData, doc_id: str, mentions: dict[tuple[str, str, str], list[Sentence]]) -> None:
    for (kind, node_id, section), sentences in mentions.items():
        first = sentences[0]
        section_id = f"{doc_id}#{section}"
        graph.add_relationship(Relationship(
            relationship_id("MENTIONED_IN", node_id, section_id, doc_id, first.line),
            "MENTIONED_IN", node_id, section_id,
            {"doc": doc_id, "section": section, "evidence": first.text, "line": first.line,
             "method": "mention", "confidence": 1.0, "answers": first.answers, "count": len(sentences)},
        ))


def extract_document(path: str | Path) -> Extraction:
    return extract_text(read_document(path))


def extract_graph(paths: list[Path]) -> GraphData:
    graph = GraphData()
    for path in paths:
        graph.merge(extract_document(path).graph)
    return graph
