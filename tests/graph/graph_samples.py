"""Sample graphs for the store tests: two documents sharing an actor, and a bigger one."""
from __future__ import annotations

import json
from pathlib import Path

from samverkan.graph.model import GraphData, Node, Relationship
from samverkan.graph.schema import SCHEMA
from samverkan.graph.store import GraphStore

D1, D2 = "region-a-2019", "region-b-2020"


def prov(doc: str, section: str, line: int, **extra) -> dict:
    return {"doc": doc, "section": section, "evidence": f"Mening på rad {line} i {doc}.", "line": line,
            "method": "test-rule", "confidence": 0.9, **extra}


def doc1() -> GraphData:
    g = GraphData(documents=[{"id": D1, "title": "Återrapportering 2019 – Region A", "region": "Region A",
                              "year": 2019, "diarienr": "RA-1", "sha256": "aa", "source": "a.txt"}])
    g.add_node(Node(D1, "Document", {"title": "Återrapportering 2019 – Region A", "region": "Region A", "year": 2019,
                                     "diarienr": "RA-1", "sha256": "aa", "source": "a.txt"}))
    g.add_node(Node(f"{D1}#3.1", "Section", {"number": "3.1", "title": "Samverkan med länsstyrelsen", "doc": D1}))
    g.add_node(Node("region-a", "Actor", {"name": "Region A", "type": "region", "aliases": ["RA"], "county": "A län",
                                          "method": "gazetteer"}))
    g.add_node(Node("kommun-x", "Actor", {"name": "X kommun", "type": "municipality", "aliases": [], "county": "A län"}))
    g.add_node(Node("proj-1", "Initiative", {"name": "Projekt Ett", "kind": "project", "nyps": ["209206"], "aliases": []}))
    g.add_relationship(Relationship(f"part-of-{D1}#3.1", "PART_OF", f"{D1}#3.1", D1, {}))
    g.add_relationship(Relationship("fin-1", "FINANCES", "region-a", "proj-1",
                                    prov(D1, "3.1", 10, amount_sek=500000, instrument="1:1")))
    g.add_relationship(Relationship("fin-2", "FINANCES", "kommun-x", "proj-1", prov(D1, "3.1", 11)))  # no amount
    g.add_relationship(Relationship("col-1", "COLLABORATES_WITH", "region-a", "kommun-x", prov(D1, "3.1", 12, area="energi")))
    g.add_relationship(Relationship("men-1", "MENTIONED_IN", "region-a", f"{D1}#3.1", prov(D1, "3.1", 10, count=2)))
    g.add_relationship(Relationship("men-2", "MENTIONED_IN", "proj-1", f"{D1}#3.1", prov(D1, "3.1", 10, count=1)))
    return g


def doc2() -> GraphData:
    """A second document: shares region-a (with one new alias, and no county), adds its own nodes."""
    g = GraphData(documents=[{"id": D2, "title": "Återrapportering 2020 – Region B", "region": "Region B",
                              "year": 2020, "diarienr": None}])
    g.add_node(Node(D2, "Document", {"title": "Återrapportering 2020 – Region B", "region": "Region B", "year": 2020}))
    g.add_node(Node(f"{D2}#3.2", "Section", {"number": "3.2", "title": "Samverkan med andra statliga myndigheter", "doc": D2}))
    g.add_node(Node("region-a", "Actor", {"name": "Region A", "type": "region", "aliases": ["Region A", "RA"], "county": None}))
    g.add_node(Node("uni", "Actor", {"name": "Universitetet", "type": "university", "aliases": ["UNI"]}))
    g.add_node(Node("proj-2", "Initiative", {"name": "Projekt Två", "kind": "programme", "nyps": [], "aliases": ["P2"]}))
    g.add_relationship(Relationship(f"part-of-{D2}#3.2", "PART_OF", f"{D2}#3.2", D2, {}))
    g.add_relationship(Relationship("fin-3", "FINANCES", "region-a", "proj-2", prov(D2, "3.2", 5, amount_sek=1200000, instrument="ERUF")))
    g.add_relationship(Relationship("lead-1", "LEADS", "uni", "proj-2", prov(D2, "3.2", 6)))
    g.add_relationship(Relationship("men-3", "MENTIONED_IN", "region-a", f"{D2}#3.2", prov(D2, "3.2", 5, count=1)))
    g.add_relationship(Relationship("men-4", "MENTIONED_IN", "proj-2", f"{D2}#3.2", prov(D2, "3.2", 5, count=3)))
    return g


def big_doc(n: int = 12) -> GraphData:
    """A document with enough rows for several batches when batch_size is small."""
    g = GraphData(documents=[{"id": "big", "title": "Big", "year": 2021}])
    g.add_node(Node("big", "Document", {"title": "Big", "year": 2021}))
    for i in range(n):
        g.add_node(Node(f"big-a{i}", "Actor", {"name": f"Aktör {i}", "type": "company", "aliases": [f"A{i}"]}))
        g.add_node(Node(f"big-i{i}", "Initiative", {"name": f"Insats {i}", "kind": "project"}))
        g.add_relationship(Relationship(f"big-f{i}", "FINANCES", f"big-a{i}", f"big-i{i}", prov("big", "2.1", i, amount_sek=i * 1000)))
    return g


def snapshot(store: GraphStore) -> tuple[list[str], list[str]]:
    """Every node and relationship with every property, in a comparable form."""
    g = store.read_graph()
    nodes = sorted(json.dumps({"label": n.label, "id": n.id, **n.props}, sort_keys=True, ensure_ascii=False)
                   for n in g.nodes.values())
    rels = sorted(json.dumps(r.to_json(), sort_keys=True, ensure_ascii=False) for r in g.relationships.values())
    return nodes, rels


def expected_snapshot(graph: GraphData) -> tuple[list[str], list[str]]:
    def clean(props):
        out = {k: v for k, v in props.items() if v is not None}
        if "confidence" in out:
            out["confidence"] = float(out["confidence"])
        return out

    nodes = []
    for n in graph.nodes.values():
        props = clean(n.props)
        for key, ptype in SCHEMA.nodes[n.label].properties.items():
            if ptype.endswith("[]"):
                props.setdefault(key, [])
        nodes.append(json.dumps({"label": n.label, "id": n.id, **props}, sort_keys=True, ensure_ascii=False))
    rels = [json.dumps({"id": r.id, "type": r.type, "source": r.source, "target": r.target, **clean(r.props)},
                       sort_keys=True, ensure_ascii=False) for r in graph.relationships.values()]
    return sorted(nodes), sorted(rels)


# --- the small realistic graph of the exporter and RDF tests (tests/data/export_graph.json) ---
EXPORT_FIXTURE = Path(__file__).resolve().parents[1] / "data" / "export_graph.json"


def load_export_graph() -> GraphData:
    return GraphData.from_json(json.loads(EXPORT_FIXTURE.read_text(encoding="utf-8")))
