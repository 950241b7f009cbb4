"""A `neo4j://` routing URI (what a cluster or Aura hands out) against the local server, with
the same variables as bolt:// (NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE):
the driver asks the server for its routing table, then reads and writes through it. The
local single server answers routing requests (Neo4j 5 serves a routing table of itself), so
no cluster is needed to test the scheme. Real server only: under CI a missing server fails
(tests/conftest.py)."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from graph_samples import D1, D2, doc1, doc2

pytestmark = pytest.mark.neo4j


def routing_uri(uri: str) -> str:
    assert uri.startswith("bolt://"), f"the test rewrites a bolt:// URI, got {uri}"
    return "neo4j://" + uri.removeprefix("bolt://")


@pytest.fixture
def routing_env(neo4j_target, neo4j_lock, monkeypatch):
    """The process environment as a user sets it for a routing URI; the graph starts empty."""
    env = neo4j_target.env(NEO4J_URI=routing_uri(neo4j_target.uri))
    for key in ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE"):
        monkeypatch.setenv(key, env[key])
    monkeypatch.delenv("NEO4J_USER", raising=False)
    monkeypatch.delenv("SAMVERKAN_BACKEND", raising=False)
    from samverkan.graph.store import open_store

    with open_store() as store:  # as the CLI opens it: backend and URI from the environment
        store.query("MATCH (n) DETACH DELETE n")
    yield env
    with open_store() as store:
        store.query("MATCH (n) DETACH DELETE n")


def test_routing_uri_writes_and_reads(routing_env):
    from samverkan.graph.neo4j_store import Neo4jStore
    from samverkan.graph.store import open_store

    with open_store() as store:
        assert isinstance(store, Neo4jStore) and store.uri.startswith("neo4j://")
        assert type(store._driver).__name__ == "Neo4jDriver"  # the routing driver, not BoltDriver
        assert store.database == routing_env["NEO4J_DATABASE"]
        written = store.write(doc1())
        store.write(doc2())
        assert written["documents"] == 1 and written["relationships"] > 0
        graph = store.read_graph()
        assert {D1, D2} <= set(graph.nodes)
        expected = len(doc1().relationships) + len(doc2().relationships)
        assert store.counts()["relationships"] == len(graph.relationships) == expected
        # a read-only query runs in a READ session: the driver routes it to a reader
        rows = store.query_readonly("MATCH (d:Document) RETURN d.id AS id ORDER BY id")
        assert list(rows["id"]) == sorted([D1, D2])


def test_cli_query_and_load_over_routing_uri(routing_env, tmp_path):
    def cli(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "samverkan", *args], capture_output=True, text=True,
                              env=routing_env, timeout=120)

    from samverkan.graph.embedded import EmbeddedStore

    built = tmp_path / "samverkan.lbug"
    with EmbeddedStore(built) as store:
        store.write(doc1())
    load = cli("load", "--from-store", "--store", str(built))
    assert load.returncode == 0, load.stderr
    assert "neo4j://" in load.stdout and "1 documents" in load.stdout
    query = cli("query", "MATCH (d:Document) RETURN d.id AS id", "--format", "json")
    assert query.returncode == 0, query.stderr
    assert json.loads(query.stdout) == [{"id": D1}]
