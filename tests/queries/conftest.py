"""Stores holding the bundled report (and the Jämtland fixture) for the query tests.

The bundled report goes through the real pipeline into a real embedded store once per
session (`samverkan.commands.build.build`), and into the real Neo4j server per module that
asks for it (`bundled_neo4j`, holding the Neo4j test lock of tests/conftest.py while the
module runs, so no other pytest process clears the graph meanwhile). Neo4j follows the
convention of tests/conftest.py: skipped locally without a server, a failure in CI.

Goldens: set SAMVERKAN_UPDATE_GOLDEN=1 to rewrite tests/queries/golden/ from the current
extraction (then read the diff against the hand check in test_golden.py before committing).
"""
from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from samverkan.settings import BUNDLED_REPORT, PROJECT_ROOT

FIXTURE_REPORT = PROJECT_ROOT / "tests" / "data" / "report_fixture_jamtland.txt"
GOLDEN_DIR = Path(__file__).resolve().parent / "golden"
NEO4J_LOCK = Path(tempfile.gettempdir()) / "samverkan-neo4j-tests.lock"  # the lock of tests/conftest.py
BUNDLED_DOC = "region-vastmanland-2019"
FIXTURE_DOC = "region-jamtland-harjedalen-2020"
SECTIONS = ["3.1", "3.2", "3.3", "3.4", "3.5"]


def update_golden() -> bool:
    return os.environ.get("SAMVERKAN_UPDATE_GOLDEN") not in (None, "", "0")


def run_cli(*args: str, env: dict[str, str] | None = None, check: bool = False) -> subprocess.CompletedProcess:
    """`samverkan ARGS` in a subprocess (the console script's module), text output."""
    proc = subprocess.run([sys.executable, "-m", "samverkan", *args], capture_output=True, text=True,
                          env=env or dict(os.environ), cwd=PROJECT_ROOT, timeout=300)
    if check and proc.returncode != 0:
        raise AssertionError(f"samverkan {' '.join(args)} failed ({proc.returncode}): {proc.stderr}")
    return proc


@pytest.fixture(scope="session")
def bundled_store_path(tmp_path_factory) -> Path:
    from samverkan.commands.build import build

    path = tmp_path_factory.mktemp("bundled") / "samverkan.lbug"
    build([BUNDLED_REPORT], store_path=path)
    return path


@pytest.fixture(scope="session")
def bundled_embedded(bundled_store_path):
    from samverkan.graph.store import open_store

    store = open_store("embedded", path=bundled_store_path, create=False, read_only=True)
    yield store
    store.close()


@pytest.fixture(scope="session")
def bundled_graph(bundled_embedded):
    """What the embedded store holds, to write the very same graph into Neo4j."""
    return bundled_embedded.read_graph()


class SharedNeo4j:
    """The bundled report in the shared Neo4j test database. `intact()` tells whether the
    graph is still the one written (the same counts per label and type): the test database is
    shared, and a process that does not keep to the lock (for instance an app thread left
    running by a timed-out UI test) can change it under a test. `restore()` writes it again."""

    def __init__(self, store, graph):
        self.store, self.graph = store, graph
        self.restore()

    def restore(self) -> None:
        self.store.query("MATCH (n) DETACH DELETE n")
        self.store.write(self.graph)
        self.expected = self.store.counts()

    def intact(self) -> bool:
        return self.store.counts() == self.expected


@pytest.fixture(scope="module")
def shared_neo4j(neo4j_target, bundled_graph):
    """The bundled report in the real Neo4j server, for the whole module (under the test lock)."""
    from samverkan.graph.neo4j_store import Neo4jStore

    with open(NEO4J_LOCK, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            store = Neo4jStore(neo4j_target.uri, neo4j_target.user, neo4j_target.password, neo4j_target.database)
            shared = SharedNeo4j(store, bundled_graph)
            yield shared
            store.query("MATCH (n) DETACH DELETE n")
            store.close()
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@pytest.fixture
def bundled_neo4j(shared_neo4j):
    """The Neo4j store holding the bundled report, checked (and rewritten if another process
    changed it) before each test."""
    if not shared_neo4j.intact():
        shared_neo4j.restore()
    return shared_neo4j.store


@pytest.fixture(scope="session")
def fixture_store_path(tmp_path_factory) -> Path:
    """The Jämtland fixture report built by the CLI (`samverkan build`) into its own store."""
    path = tmp_path_factory.mktemp("jamtland") / "samverkan.lbug"
    run_cli("build", "--store", str(path), "--fresh", str(FIXTURE_REPORT), check=True)
    return path


@pytest.fixture(scope="session")
def fixture_embedded(fixture_store_path):
    from samverkan.graph.store import open_store

    store = open_store("embedded", path=fixture_store_path, create=False, read_only=True)
    yield store
    store.close()
