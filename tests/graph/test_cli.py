"""`samverkan query` and `samverkan load` as a user runs them: exit codes, one-line errors."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys

import pytest

from graph_samples import doc1, doc2
from samverkan.graph.embedded import EmbeddedStore


def samverkan(*args: str, env: dict | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "samverkan", *args], capture_output=True, text=True,
                          env=env, timeout=timeout)


def assert_one_line_error(proc: subprocess.CompletedProcess, code: int, *needles: str) -> str:
    assert proc.returncode == code, (proc.returncode, proc.stderr)
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("samverkan: error: ")
    assert "Traceback" not in proc.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]
    return lines[0]


@pytest.fixture
def built_store(tmp_path):
    path = tmp_path / "build" / "samverkan.lbug"
    with EmbeddedStore(path) as store:
        store.write(doc1())
        store.write(doc2())
    return path


@pytest.fixture
def clean_env(tmp_path):
    """No NEO4J_* from the caller, and a store path that is not the project's."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_") and k != "SAMVERKAN_BACKEND"}
    env["SAMVERKAN_STORE"] = str(tmp_path / "default" / "samverkan.lbug")
    return env


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- embedded ---------------------------------------------------------------------------
def test_query_embedded_formats(built_store, clean_env):
    q = "MATCH (a:Actor) RETURN a.id AS id, a.aliases AS aliases ORDER BY id"
    table = samverkan("query", q, "--store", str(built_store), env=clean_env)
    assert table.returncode == 0, table.stderr
    assert table.stdout.split("\n")[0].split() == ["id", "aliases"] and "region-a" in table.stdout
    as_json = json.loads(samverkan("query", q, "--store", str(built_store), "--format", "json", env=clean_env).stdout)
    assert as_json[1] == {"id": "region-a", "aliases": ["RA", "Region A"]}
    as_csv = samverkan("query", q, "--store", str(built_store), "--format", "csv", env=clean_env).stdout.splitlines()
    assert as_csv[0] == "id,aliases" and as_csv[2] == 'region-a,"[""RA"", ""Region A""]"'


def test_query_params(built_store, clean_env):
    q = "MATCH (a:Actor)-[r:FINANCES]->(i) WHERE r.amount_sek >= $min AND a.id = $who RETURN i.id AS id"
    proc = samverkan("query", q, "--param", "min=1000000", "-p", "who=region-a", "--store", str(built_store),
                     "--format", "json", env=clean_env)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == [{"id": "proj-2"}]


def test_query_refuses_writes(built_store, clean_env):
    proc = samverkan("query", "MATCH (a:Actor) DETACH DELETE a", "--store", str(built_store), env=clean_env)
    assert_one_line_error(proc, 5, "refused", "DETACH")
    with EmbeddedStore(built_store) as store:
        assert store.counts()["Actor"] == 3


def test_query_errors(built_store, clean_env, tmp_path):
    assert_one_line_error(samverkan("query", "MATCH (a:Actor RETURN a", "--store", str(built_store), env=clean_env), 5)
    assert_one_line_error(samverkan("query", "RETURN 1", "--store", str(tmp_path / "none.lbug"), env=clean_env),
                          4, "no embedded store", "none.lbug")
    assert_one_line_error(samverkan("query", "--store", str(built_store), env=clean_env), 2, "Cypher")
    assert_one_line_error(samverkan("query", "RETURN 1", "--param", "oops", "--store", str(built_store), env=clean_env), 2)


def test_query_by_name(built_store, clean_env):
    proc = samverkan("query", "--name", "no_such_query", "--store", str(built_store), env=clean_env)
    assert_one_line_error(proc, 5, "no_such_query")
    proc = samverkan("query", "--name", "funding_flows", "--store", str(built_store), "--format", "json", env=clean_env)
    assert proc.returncode == 0, proc.stderr
    assert isinstance(json.loads(proc.stdout), list)


def test_embedded_store_held_by_another_process(built_store, clean_env):
    """While one process holds the store read-write (the UI), `query` still reads it (it opens
    the store read-only), and a second read-write opener gets a one-line StoreError."""
    with EmbeddedStore(built_store):
        proc = samverkan("query", "MATCH (a:Actor) RETURN count(a) AS n", "--store", str(built_store),
                         "--format", "json", env=clean_env)
        assert proc.returncode == 0, proc.stderr
        assert json.loads(proc.stdout) == [{"n": 3}]
        writer = subprocess.run(
            [sys.executable, "-c", "import sys\nfrom samverkan.graph.embedded import EmbeddedStore\n"
             "from samverkan.errors import StoreError\ntry:\n    EmbeddedStore(sys.argv[1])\n"
             "except StoreError as e:\n    print(e)", str(built_store)],
            capture_output=True, text=True, env=clean_env, timeout=60)
    assert "in use by another process" in writer.stdout, writer.stdout + writer.stderr


# --- Neo4j faults: one line naming the URI, never the password, no traceback -----------
@pytest.mark.parametrize("scheme", ["bolt", "neo4j"])
def test_neo4j_down(clean_env, scheme):
    uri = f"{scheme}://127.0.0.1:{free_port()}"
    env = dict(clean_env, NEO4J_PASSWORD="s3cret-pw")
    proc = samverkan("query", "RETURN 1 AS x", "--backend", "neo4j", "--uri", uri, env=env, timeout=60)
    line = assert_one_line_error(proc, 4, uri, "connection refused")
    assert "s3cret-pw" not in line


@pytest.mark.neo4j
@pytest.mark.parametrize("scheme", ["bolt", "neo4j"])
def test_neo4j_wrong_password(neo4j_target, scheme):
    uri = neo4j_target.uri.replace("bolt://", f"{scheme}://", 1)
    env = neo4j_target.env(NEO4J_URI=uri, NEO4J_PASSWORD="wrong-password-123")
    proc = samverkan("query", "RETURN 1 AS x", "--backend", "neo4j", env=env, timeout=60)
    line = assert_one_line_error(proc, 4, uri, "credentials")
    assert "wrong-password-123" not in line


@pytest.mark.neo4j
@pytest.mark.parametrize("scheme", ["bolt", "neo4j"])
def test_neo4j_wrong_database(neo4j_target, scheme):
    uri = neo4j_target.uri.replace("bolt://", f"{scheme}://", 1)
    env = neo4j_target.env(NEO4J_URI=uri, NEO4J_DATABASE="nosuchdb")
    proc = samverkan("query", "RETURN 1 AS x", "--backend", "neo4j", env=env, timeout=60)
    line = assert_one_line_error(proc, 4, uri, "nosuchdb")
    assert neo4j_target.password not in line


# --- Neo4j: query and load ----------------------------------------------------------------
@pytest.mark.neo4j
def test_load_from_store_then_query(neo4j_store, neo4j_target, built_store, tmp_path):
    env = neo4j_target.env(SAMVERKAN_STORE=str(tmp_path / "unused.lbug"))
    proc = samverkan("load", "--from-store", "--store", str(built_store), env=env)
    assert proc.returncode == 0, proc.stderr
    assert "2 documents" in proc.stdout and "relationships" in proc.stdout
    with EmbeddedStore(built_store) as embedded:
        assert neo4j_store.counts() == embedded.counts()
    again = samverkan("load", "--from-store", "--store", str(built_store), env=env)  # idempotent
    assert again.returncode == 0, again.stderr
    with EmbeddedStore(built_store) as embedded:
        assert neo4j_store.counts() == embedded.counts()
    # routing URI, default backend from NEO4J_URI
    env["NEO4J_URI"] = neo4j_target.uri.replace("bolt://", "neo4j://", 1)
    proc = samverkan("query", "MATCH (a:Actor) RETURN count(a) AS n", "--format", "json", env=env)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == [{"n": 3}]
    refused = samverkan("query", "CALL db.createLabel('Evil')", env=env)
    assert_one_line_error(refused, 5, "db.createLabel")
