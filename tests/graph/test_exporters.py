"""Exporters (graph/exporters.py) and `samverkan export` (samverkan/commands/export.py)."""
from __future__ import annotations

import io
import json
from contextlib import contextmanager
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Graph, Literal, Namespace, URIRef

from graph_samples import load_export_graph  # noqa: E402

from samverkan.cli import main
from samverkan.errors import EXIT_INPUT, EXIT_STORE, EXIT_USAGE, InputError, SamverkanError, StoreError
from samverkan.graph import exporters
from samverkan.graph.exporters import (
    EXPORTERS, GraphMLExporter, document_subgraph, export_graph, format_for_path, get_exporter,
)
from samverkan.graph.model import GraphData, Node, Relationship

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "data" / "export_graph.json"
BASE = "https://w3id.org/samverkan/"
SDO = Namespace("https://schema.org/")
DOC = "region-vastmanland-2019"



def two_documents() -> GraphData:
    """The fixture plus a second, smaller report from another region and year."""
    graph = load_export_graph()
    other = "region-orebro-lan-2020"
    graph.documents.append({"id": other, "title": "Återrapportering 2020 – Region Örebro län", "year": 2020})
    graph.add_node(Node(other, "Document", {"title": "Återrapportering 2020 – Region Örebro län", "year": 2020}))
    graph.add_node(Node(f"{other}#3.1", "Section", {"number": "3.1", "title": "Samverkan med länsstyrelsen", "doc": other}))
    graph.add_relationship(Relationship(f"part-of-{other}#3.1", "PART_OF", f"{other}#3.1", other, {}))
    graph.add_node(Node("region-orebro-lan", "Actor", {"name": "Region Örebro län", "type": "region", "aliases": []}))
    graph.add_relationship(Relationship("finances-orebro-1", "FINANCES", "region-orebro-lan", "vaxtzon-2", {
        "doc": other, "section": "3.1", "evidence": "Region Örebro län medfinansierar Växtzon 2.", "line": 12,
        "method": "financed-by", "confidence": 0.9, "amount_sek": 100000}))
    return graph


# ---------------------------------------------------------------------------------------
# The registry
# ---------------------------------------------------------------------------------------
def test_formats_and_aliases():
    assert set(EXPORTERS) == {"ttl", "jsonld", "nt", "graphml", "json"}
    assert get_exporter("turtle").name == "ttl"
    assert get_exporter("JSON-LD").name == "jsonld"
    assert get_exporter("ntriples").name == "nt"
    assert get_exporter(".graphml").name == "graphml"
    with pytest.raises(SamverkanError) as err:
        get_exporter("xlsx")
    assert err.value.exit_code == EXIT_USAGE and "ttl" in str(err.value)
    assert format_for_path(Path("out/graph.ttl")) == "ttl"
    assert format_for_path(Path("graph.JSONLD")) == "jsonld"
    assert format_for_path(Path("graph.nt")) == "nt"
    assert format_for_path(Path("graph.graphml")) == "graphml"
    assert format_for_path(Path("graph.json")) == "json"
    assert format_for_path(Path("graph.txt")) is None
    for cls in EXPORTERS.values():
        assert cls.extension and cls.media_type and cls.description


@pytest.mark.parametrize("fmt", list(EXPORTERS))
def test_export_to_path_and_file_object_agree(data, tmp_path, fmt):
    path = tmp_path / f"graph{EXPORTERS[fmt].extension}"
    export_graph(data, fmt, path)
    buf = io.BytesIO()
    export_graph(data, fmt, buf)
    assert path.read_bytes() == buf.getvalue()
    assert buf.getvalue()
    assert not list(tmp_path.glob(".*.tmp"))
    # deterministic: the same graph gives the same bytes
    assert get_exporter(fmt).to_bytes(load_export_graph()) == buf.getvalue()


def test_export_to_unwritable_path_is_a_user_error(data, tmp_path):
    with pytest.raises(SamverkanError) as err:
        export_graph(data, "ttl", tmp_path / "missing-dir" / "graph.ttl")
    assert err.value.exit_code == EXIT_USAGE
    assert "cannot write" in str(err.value)


# ---------------------------------------------------------------------------------------
# JSON
# ---------------------------------------------------------------------------------------
def test_json_is_the_extract_contract(data):
    out = json.loads(get_exporter("json").to_bytes(data))
    assert out == data.to_json()
    assert out["document"]["id"] == DOC
    node = next(n for n in out["nodes"] if n["id"] == "vaxtzon-2")
    assert node["label"] == "Initiative" and node["name"] == "Växtzon 2" and node["nyps"] == ["209206"]
    rel = next(r for r in out["relationships"] if r["type"] == "FINANCES" and r["source"] == "eruf")
    assert {"id", "type", "source", "target", "section", "evidence", "line", "method", "confidence"} <= set(rel)
    assert rel["amount_sek"] == 2400000
    assert GraphData.from_json(out).to_json() == out


# ---------------------------------------------------------------------------------------
# GraphML
# ---------------------------------------------------------------------------------------
def read_graphml(data: GraphData) -> nx.MultiDiGraph:
    return nx.read_graphml(io.BytesIO(get_exporter("graphml").to_bytes(data)), force_multigraph=True)


def test_graphml_round_trip(data):
    g = read_graphml(data)
    assert g.number_of_nodes() == len(data.nodes)
    assert g.number_of_edges() == len(data.relationships)
    assert set(g.nodes) == set(data.nodes)
    edge_ids = {key for _, _, key in g.edges(keys=True)}
    assert edge_ids == set(data.relationships)


def test_graphml_is_gephi_friendly(data):
    g = read_graphml(data)
    region = g.nodes["region-vastmanland"]
    assert region["label"] == "Region Västmanland"          # Gephi's node label
    assert region["category"] == "Actor"
    assert region["type"] == "region"
    assert region["aliases"] == "Regionen|RV"              # no lists in GraphML
    assert region["color"].startswith("#")
    initiative = g.nodes["tematisk-utveckling-av-cykel-och-vandringsturism"]
    assert initiative["nyps"] == "209579|20202845"
    assert initiative["category"] == "Initiative"
    assert "aliases" not in initiative                     # empty list: left out
    assert g.nodes[f"{DOC}#3.1"]["label"] == "Samverkan med länsstyrelsen"
    assert g.nodes[DOC]["year"] == 2019
    edge = next(d for _, _, d in g.edges(data=True) if d["type"] == "FINANCES" and d.get("amount_sek") == 2400000)
    assert edge["label"] == "FINANCES"
    assert edge["instrument"] == "ERUF"
    assert edge["line"] == 4702 and isinstance(edge["line"], int)
    assert edge["confidence"] == pytest.approx(0.95)
    assert edge["section"] == "3.2"
    collab = next(d for _, _, d in g.edges(data=True) if d["type"] == "COLLABORATES_WITH")
    assert collab["undirected"] is True


def test_graphml_with_only_relationship_endpoints():
    """Endpoints that are not nodes of the graph (a partial read) still give valid GraphML."""
    graph = GraphData()
    graph.add_relationship(Relationship("r1", "LEADS", "a", "b", {"line": 3, "evidence": "A leder B."}))
    g = nx.read_graphml(io.BytesIO(GraphMLExporter().to_bytes(graph)))
    assert set(g.nodes) == {"a", "b"}


# ---------------------------------------------------------------------------------------
# One document out of several
# ---------------------------------------------------------------------------------------
def test_document_subgraph():
    graph = two_documents()
    first = document_subgraph(graph, DOC)
    assert [d["id"] for d in first.documents] == [DOC]
    assert "region-orebro-lan" not in first.nodes
    assert "finances-orebro-1" not in first.relationships
    assert len(first.relationships) == len(load_export_graph().relationships)
    assert set(first.nodes) == set(load_export_graph().nodes)

    second = document_subgraph(graph, "region-orebro-lan-2020")
    assert set(second.nodes) == {"region-orebro-lan-2020", "region-orebro-lan-2020#3.1", "region-orebro-lan", "vaxtzon-2"}
    assert set(second.relationships) == {"finances-orebro-1", "part-of-region-orebro-lan-2020#3.1"}

    with pytest.raises(InputError) as err:
        document_subgraph(graph, "region-gotland-2019")
    assert DOC in str(err.value) and err.value.exit_code == EXIT_INPUT


# ---------------------------------------------------------------------------------------
# `samverkan export`
# ---------------------------------------------------------------------------------------
def test_cli_export_from_json_to_stdout(capsys):
    assert main(["export", "--format", "ttl", "--input", str(FIXTURE)]) == 0
    out = capsys.readouterr().out
    g = Graph().parse(data=out, format="turtle")
    assert (URIRef(f"{BASE}actor/tillvaxtverket"), SDO.name, Literal("Tillväxtverket")) in g


def test_cli_export_format_from_output_name(tmp_path, capsys):
    out = tmp_path / "graph.graphml"
    assert main(["export", "--input", str(FIXTURE), "-o", str(out)]) == 0
    assert capsys.readouterr().out == ""
    g = nx.read_graphml(out, force_multigraph=True)
    assert g.number_of_nodes() == len(load_export_graph().nodes)
    out = tmp_path / "graph.jsonld"
    assert main(["export", "--input", str(FIXTURE), "-o", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["@context"]["schema"] == "https://schema.org/"


class FakeStore:
    def __init__(self, graph: GraphData):
        self.graph = graph

    def read_graph(self) -> GraphData:
        return self.graph


@pytest.fixture
def fake_store(monkeypatch):
    from samverkan.graph import store

    calls = []

    @contextmanager
    def open_store(backend=None, **kwargs):
        calls.append((backend, kwargs))
        yield FakeStore(two_documents())

    monkeypatch.setattr(store, "open_store", open_store)
    return calls


def test_cli_export_reads_the_store(fake_store, capsys, tmp_path):
    assert main(["export", "--format", "json", "--backend", "embedded", "--store", str(tmp_path / "s.lbug")]) == 0
    out = json.loads(capsys.readouterr().out)
    assert {n["id"] for n in out["nodes"]} >= {"region-orebro-lan", "region-vastmanland"}
    backend, kwargs = fake_store[-1]
    assert backend == "embedded"
    assert kwargs == {"create": False, "read_only": True, "path": tmp_path / "s.lbug"}

    assert main(["export", "--format", "nt", "--backend", "neo4j", "--doc", "region-orebro-lan-2020"]) == 0
    assert fake_store[-1] == ("neo4j", {})
    g = Graph().parse(data=capsys.readouterr().out, format="nt")
    names = {str(o) for o in g.objects(None, SDO.name)}
    assert "Region Örebro län" in names and "Region Västmanland" not in names


def test_cli_export_default_backend(fake_store, monkeypatch, capsys):
    monkeypatch.delenv("SAMVERKAN_BACKEND", raising=False)
    monkeypatch.delenv("NEO4J_URI", raising=False)
    assert main(["export", "--format", "json"]) == 0
    assert fake_store[-1][0] == "embedded"
    monkeypatch.setenv("NEO4J_URI", "bolt://localhost:7687")
    assert main(["export", "--format", "json"]) == 0
    assert fake_store[-1][0] == "neo4j"


def test_cli_export_errors_are_one_line(fake_store, capsys, tmp_path, monkeypatch):
    assert main(["export", "--format", "ttl", "--doc", "no-such-doc"]) == EXIT_INPUT
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no document 'no-such-doc'" in err

    assert main(["export", "--input", str(tmp_path / "missing.json")]) == EXIT_INPUT
    assert "no such file" in capsys.readouterr().err

    assert main(["export", "--backend", "neo4j", "--store", str(tmp_path)]) == EXIT_USAGE

    monkeypatch.setenv("SAMVERKAN_BASE_IRI", "no-scheme")
    assert main(["export", "--input", str(FIXTURE)]) == EXIT_USAGE
    assert "SAMVERKAN_BASE_IRI" in capsys.readouterr().err

    with pytest.raises(SystemExit) as exc:
        main(["export", "--format", "xlsx"])
    assert exc.value.code == EXIT_USAGE


def test_cli_export_store_errors_pass_through(monkeypatch, capsys):
    from samverkan.graph import store

    def open_store(backend=None, **kwargs):
        raise StoreError("no embedded store at /nowhere: run `samverkan build` first")

    monkeypatch.setattr(store, "open_store", open_store)
    assert main(["export", "--format", "ttl"]) == EXIT_STORE
    assert "samverkan build" in capsys.readouterr().err


def test_exporters_module_documents_its_targets():
    for name in ("turtle", "json-ld", "n-triples", "graphml", "json"):
        assert name.lower() in (exporters.__doc__ or "").lower()
