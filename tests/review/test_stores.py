"""Judgements in both stores (never mocked): a rejected co-financing fact is gone from
`cofinance`, the reports and Neo4j after `load`, and stays gone after a rebuild; two actors
merged are one node with the other's name as alias and its relations moved; both stores give
the same answers."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from samverkan.settings import BUNDLED_REPORT, PROJECT_ROOT

DOC = "region-vastmanland-2019"
TEMATISK = "region-vastmanland--tematisk-utveckling-av-cykel-och-vandringsturism-2020"


def cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    proc = subprocess.run([sys.executable, "-m", "samverkan", *args], capture_output=True, text=True, env=env,
                          cwd=PROJECT_ROOT, timeout=600)
    assert proc.returncode == 0, proc.stderr
    return proc


@pytest.fixture
def built(tmp_path, monkeypatch):
    """The bundled report in an embedded store of its own, with an empty reviews directory."""
    from samverkan.commands.build import build

    reviews = tmp_path / "reviews"
    monkeypatch.setenv("SAMVERKAN_REVIEWS", str(reviews))
    path = tmp_path / "store" / "samverkan.lbug"
    build([BUNDLED_REPORT], path)
    return path


def reviewer(path):
    from samverkan.review.base import base_dir
    from samverkan.review.service import Reviewer

    return Reviewer(bases=base_dir(path))


def funders(store, section="3.1", reviewed=""):
    from samverkan.queries.catalogue import run_named

    df = run_named(store, "cofinance_by_section", {"section": section, "docs": [DOC], "reviewed": reviewed})
    return {r["initiative"]: set(r["funder_ids"]) for r in df.to_dict("records")}


def decide(path, make):
    """Open the embedded store for writing, build judgements from its graph, record and apply."""
    from samverkan.graph.store import open_store

    with open_store("embedded", path=path, create=False) as store:
        graph = store.read_graph()
        judgements = make(graph)
        reports = reviewer(path).decide(store, judgements, candidates=[DOC])
    return judgements, reports


def fact(graph, rel_type, source, target):
    from samverkan.review.service import fact_rows

    return next(r for r in fact_rows(graph, DOC) if (r.fact["type"], r.fact["source"], r.fact["target"])
                == (rel_type, source, target))


@pytest.mark.neo4j
def test_a_rejected_cofinancing_fact_is_gone_everywhere(built, neo4j_target, neo4j_store, tmp_path):
    from samverkan.graph.store import open_store
    from samverkan.queries.reports import build_report
    from samverkan.review import service

    with open_store("embedded", path=built, create=False, read_only=True) as store:
        assert "tillvaxtverket" in funders(store)[TEMATISK]

    def make(graph):
        reject = service.judge(DOC, fact(graph, "FINANCES", "tillvaxtverket", TEMATISK), "reject", graph, why="fel")
        accept = service.judge(DOC, fact(graph, "FINANCES", "lansstyrelsen-i-vastmanlands-lan", TEMATISK), "accept", graph)
        return [reject, accept]

    decide(built, make)
    with open_store("embedded", path=built, create=False, read_only=True) as store:
        embedded = funders(store)
        assert embedded[TEMATISK] == {"lansstyrelsen-i-vastmanlands-lan"}
        assert funders(store, reviewed="ja") == {TEMATISK: {"lansstyrelsen-i-vastmanlands-lan"}}
        report = build_report(store, "3.1", doc=DOC)
        row = next(r for r in report.sections[0].cofinance if r.initiative == TEMATISK)
        assert row.partners == ["Länsstyrelsen i Västmanlands län"]
        reviewed_only = build_report(store, "3.1", doc=DOC, reviewed=True)
        assert [r.initiative for r in reviewed_only.sections[0].cofinance] == [TEMATISK]

    env = neo4j_target.env(SAMVERKAN_REVIEWS=os.environ["SAMVERKAN_REVIEWS"], SAMVERKAN_STORE=str(built))
    cli("load", "--from-store", "--store", str(built), env=env)
    assert funders(neo4j_store) == embedded  # parity
    assert funders(neo4j_store, reviewed="ja") == {TEMATISK: {"lansstyrelsen-i-vastmanlands-lan"}}
    out = cli("cofinance", "--section", "3.1", "--backend", "neo4j", env=env).stdout
    row = next(line for line in out.splitlines() if line.startswith("Tematisk"))
    assert "Tillväxtverket" not in row and "Länsstyrelsen" in row

    # a rebuild from the file keeps the decisions, and so does `load DOC` (extracting anew)
    cli("build", "--fresh", "--store", str(built), str(BUNDLED_REPORT), env=env)
    with open_store("embedded", path=built, create=False, read_only=True) as store:
        assert funders(store) == embedded
    neo4j_store.query("MATCH (n) DETACH DELETE n")
    cli("load", str(BUNDLED_REPORT), env=env)
    assert funders(neo4j_store) == embedded
    reviews = neo4j_store.query_readonly(
        "MATCH (:Actor)-[r:FINANCES]->(i:Initiative) WHERE i.id = $i RETURN r.review AS review", {"i": TEMATISK})
    assert list(reviews["review"]) == ["accepted"]


@pytest.mark.neo4j
def test_merging_two_actors_in_both_stores(built, neo4j_target, neo4j_store):
    from samverkan.graph.store import open_store
    from samverkan.review import service

    keep, other = "tillvaxtverket", "lansstyrelsen-i-vastmanlands-lan"
    with open_store("embedded", path=built, create=False, read_only=True) as store:
        before = store.read_graph()
    had = {(r.type, r.props["line"]) for r in before.relationships.values()
           if other in (r.source, r.target) and keep not in (r.source, r.target) and r.type != "MENTIONED_IN"}
    assert had
    decide(built, lambda graph: [service.merge(DOC, graph, keep, other, why="samma organisation?")])

    env = neo4j_target.env(SAMVERKAN_REVIEWS=os.environ["SAMVERKAN_REVIEWS"], SAMVERKAN_STORE=str(built))
    cli("load", "--from-store", "--store", str(built), env=env)
    for name in ("embedded", "neo4j"):
        store = open_store("embedded", path=built, create=False, read_only=True) if name == "embedded" else neo4j_store
        try:
            graph = store.read_graph()
            assert other not in graph.nodes, name
            assert "Länsstyrelsen i Västmanlands län" in graph.nodes[keep].props["aliases"], name
            moved = {(r.type, r.props["line"]) for r in graph.relationships.values()
                     if keep in (r.source, r.target) and r.type != "MENTIONED_IN"}
            assert had <= moved, name
            assert not [r for r in graph.relationships.values() if other in (r.source, r.target)], name
        finally:
            if name == "embedded":
                store.close()

    # split it off again: the other actor is back, the alias gone from the stored node
    def split(graph):
        merged = service.merged_into(reviewer(built).log).get(keep)
        return [service.split(DOC, graph, keep, "Länsstyrelsen i Västmanlands län", merged)]

    decide(built, split)
    with open_store("embedded", path=built, create=False, read_only=True) as store:
        graph = store.read_graph()
    assert other in graph.nodes
    assert "Länsstyrelsen i Västmanlands län" not in graph.nodes[keep].props.get("aliases", [])
