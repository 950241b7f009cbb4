"""Shared fixtures: stores (embedded and Neo4j), and the Neo4j connection settings.

Neo4j tests need a running server (scripts/neo4j-server.sh start). Settings come from
NEO4J_URI / NEO4J_USERNAME / NEO4J_PASSWORD / NEO4J_DATABASE when NEO4J_URI is set, else
from the defaults of scripts/neo4j-server.sh (bolt://127.0.0.1:7687, neo4j/samverkan-test).
When the server does not answer: the tests FAIL if NEO4J_URI was set or CI is set, and are
skipped with the reason otherwise.

Community Edition has one user database, so every Neo4j test starts from an empty graph
(MATCH (n) DETACH DELETE n) and holds a file lock while it runs, so two pytest processes on
one machine do not clear each other's graph.
"""
from __future__ import annotations

import fcntl
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[1]
NEO4J_LOCK = Path(tempfile.gettempdir()) / "samverkan-neo4j-tests.lock"


@dataclass(frozen=True)
class Neo4jTarget:
    uri: str
    user: str
    password: str
    database: str

    def env(self, **overrides: str) -> dict[str, str]:
        """os.environ for a subprocess pointed at this server (overrides win)."""
        env = dict(os.environ)
        env.update(NEO4J_URI=self.uri, NEO4J_USERNAME=self.user, NEO4J_PASSWORD=self.password,
                   NEO4J_DATABASE=self.database)
        env.pop("NEO4J_USER", None)
        env.update(overrides)
        return env


def _neo4j_target() -> tuple[Neo4jTarget, bool]:
    """(settings, whether they were given explicitly)."""
    explicit = bool(os.environ.get("NEO4J_URI"))
    target = Neo4jTarget(
        uri=os.environ.get("NEO4J_URI") or f"bolt://127.0.0.1:{os.environ.get('NEO4J_BOLT_PORT', '7687')}",
        user=os.environ.get("NEO4J_USERNAME") or os.environ.get("NEO4J_USER") or "neo4j",
        password=os.environ.get("NEO4J_PASSWORD") or "samverkan-test",
        database=os.environ.get("NEO4J_DATABASE") or "neo4j",
    )
    return target, explicit


@pytest.fixture(scope="session")
def neo4j_target() -> Neo4jTarget:
    """The Neo4j server to test against; fails or skips (see module doc) when it is down."""
    from samverkan.errors import StoreError
    from samverkan.graph.neo4j_store import Neo4jStore

    target, explicit = _neo4j_target()
    try:
        Neo4jStore(target.uri, target.user, target.password, target.database).close()
    except StoreError as exc:
        message = f"Neo4j not available ({exc}); start it with scripts/neo4j-server.sh start"
        if explicit or os.environ.get("CI"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return target


@pytest.fixture
def neo4j_lock():
    """Serialise Neo4j tests across pytest processes on this machine (one shared database)."""
    with open(NEO4J_LOCK, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@pytest.fixture
def neo4j_store(neo4j_target, neo4j_lock):
    """A Neo4jStore on an empty graph."""
    from samverkan.graph.neo4j_store import Neo4jStore

    store = Neo4jStore(neo4j_target.uri, neo4j_target.user, neo4j_target.password, neo4j_target.database)
    store.query("MATCH (n) DETACH DELETE n")
    yield store
    store.close()


@pytest.fixture
def embedded_store(tmp_path):
    """An EmbeddedStore (LadybugDB) in a fresh temporary directory."""
    from samverkan.graph.embedded import EmbeddedStore

    store = EmbeddedStore(tmp_path / "store" / "samverkan.lbug")
    yield store
    store.close()


@pytest.fixture(params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store(request):
    """Each test using it runs on both engines: an empty embedded store, then an empty Neo4j."""
    return request.getfixturevalue(f"{request.param}_store")



@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Under CI=true a test may not skip because something it imports is missing: every import
    of the suite is a declared dependency (pyproject.toml), so such a skip is a failure."""
    outcome = yield
    report = outcome.get_result()
    if os.environ.get("CI") and report.skipped and call.excinfo is not None \
            and "could not import" in str(call.excinfo.value):
        report.outcome = "failed"
        report.longrepr = f"skipped under CI for a missing import (declare it in pyproject.toml): {call.excinfo.value}"
