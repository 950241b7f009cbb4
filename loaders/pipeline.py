"""Document -> graph: read, repair, split, find actors and initiatives, extract relations.

Each stage is a function of the previous stage's output; `extract_text` wires them and
returns a `GraphData` in which every relationship carries its provenance.
"""
from __future__ import annotations

import os
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from samverkan.graph.ids import relationship_id, slugify
from samverkan.graph.model import GraphData, Node, Relationship

from .actors import ActorFinder
from .curated import apply_curated
from .gazetteer import Gazetteer, load_gazetteer
from .initiatives import InitiativeFinder
from .metadata import Metadata, detect_metadata
from .fingerprint import extractor_fingerprint
from .read import RawDocument, read_document
from .reading import Reading, is_report, read_relations
from .rules import Fact
from .repair import repair_text
from .layout import normalize_layout
from .sections import Layout, Section, split_sections
from .sentences import Sentence, split_sentences


@dataclass
class Extraction:
    """Everything one document yields; `graph` is what the stores receive."""

    graph: GraphData
    text: str
    metadata: Metadata
    layout: Layout
    sentences: list[Sentence]
    facts: list[Fact]
    reading: Reading | None = None  # per-sentence analyses and rule traces, when asked for


def document_id(meta: Metadata, path: Path, sha256: str) -> str:
    if meta.region and meta.year:
        return slugify(f"{meta.region} {meta.year}")
    return f"{slugify(path.stem) or 'document'}-{sha256[:8]}"


def extract_text(raw: RawDocument, gazetteer: Gazetteer | None = None, keep: bool = False) -> Extraction:
    """Extract one document; `keep` keeps every sentence's analysis and rule trace (explain)."""
    gazetteer = gazetteer or load_gazetteer()
    text = repair_text(raw.text).text
    meta = detect_metadata(text, gazetteer)
    doc_id = document_id(meta, raw.path, raw.sha256)
    # Sections and sentences are read on lines as the template needs them; every line
    # number given out is the line of the file itself.
    norm = normalize_layout(text)
    lines = norm.text.split("\n")
    layout = split_sections(norm.text)
    sentences = [replace(s, line=norm.line(s.line), end_line=norm.line(s.end_line))
                 for s in split_sentences(norm.text, layout)]

    actors = ActorFinder(gazetteer, meta.county, meta.region_id)
    actors.discover(sentences)
    initiatives = InitiativeFinder(set(gazetteer.actors) | set(actors.records), lambda name: actors.resolve(name) is not None,
                                   frozenset(actors.places))
    initiatives.discover_text(sentences, actors)
    initiatives.discover_tables(lines, layout)
    # a table row is known by its file line only where that line was not broken up
    broken = {line for line, count in Counter(norm.origin).items() if count > 1}
    initiatives.row_of_line = {norm.line(n): i for n, i in initiatives.row_of_line.items() if norm.line(n) not in broken}
    layout = Layout([Section(s.number, s.title, norm.line(s.start), norm.line(s.end)) for s in layout.sections], layout.lines)

    reading = read_relations(sentences, layout, meta, actors, initiatives, gazetteer, keep=keep)
    facts, mentions = reading.facts, reading.mentions

    graph = GraphData()
    document = {
        "id": doc_id,
        "title": f"Återrapportering {meta.year} – {meta.region}" if meta.region and meta.year else raw.path.name,
        "region": meta.region,
        "year": meta.year,
        "diarienr": meta.diarienr,
        "sha256": raw.sha256,
        "source": raw.path.name,
        "kind": "aterrapportering" if is_report(layout) else "text",
        "extractor": extractor_fingerprint(),
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
    # Initiatives are scoped (graph/schema.yaml, `initiative_ids`): a project to the reporting
    # region, an area or activity to this document; a project id joins across documents.
    region_scope = meta.region_id if meta.region_id and meta.year else doc_id
    renamed = initiatives.scope_ids(region_scope, doc_id)
    for fact in facts:
        fact.source, fact.target = renamed.get(fact.source, fact.source), renamed.get(fact.target, fact.target)
    mentions = {(kind, renamed.get(node, node), section): found for (kind, node, section), found in mentions.items()}
    _add_facts(graph, doc_id, facts)
    _add_mentions(graph, doc_id, mentions)
    used = {r.source for r in graph.relationships.values()} | {r.target for r in graph.relationships.values()}
    for actor_id in used - set(actors.records) - set(initiatives.records) - set(graph.nodes):
        actors.record(actor_id)  # a party no sentence named ("the section's counterpart")
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
    # the reviewers' judgements (data/reviews/), replayed on every extraction: samverkan.review
    from samverkan.review.base import review_extraction

    graph = review_extraction(graph, text, sentences)
    return Extraction(graph, text, meta, layout, sentences, facts, reading if keep else None)


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
    for _, extracted in extract_many(paths):
        graph.merge(extracted)
    return graph


def _extract_graph_of(path: Path) -> GraphData:
    return extract_document(path).graph


def extract_many(paths: list[Path], workers: int | None = None) -> Iterator[tuple[Path, GraphData]]:
    """(path, graph) for each document, as they are done: over `workers` processes (default:
    one per core) when there are several documents, so a corpus extracts in parallel and the
    caller can write each graph as it comes instead of holding them all."""
    workers = min(workers or os.cpu_count() or 1, len(paths))
    if workers <= 1:
        for path in paths:
            yield path, _extract_graph_of(path)
        return
    from concurrent.futures import ProcessPoolExecutor, as_completed

    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = {pool.submit(_extract_graph_of, path): path for path in paths}
        for future in as_completed(futures):
            yield futures[future], future.result()
