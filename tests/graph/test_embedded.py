"""The embedded store's own behaviour: opening, sharing one database per process, schema upgrades."""
from __future__ import annotations

import ladybug as lb
import pytest

from graph_samples import doc1
from samverkan.errors import StoreError
from samverkan.graph.embedded import EmbeddedStore
from samverkan.graph.store import open_store


def test_open_store_factory(tmp_path, monkeypatch):
    monkeypatch.setenv("SAMVERKAN_STORE", str(tmp_path / "deep" / "dir" / "s.lbug"))
    monkeypatch.delenv("SAMVERKAN_BACKEND", raising=False)
    monkeypatch.delenv("NEO4J_URI", raising=False)
    with open_store() as store:  # default backend, default path, parent created
        assert store.backend == "embedded"
        assert store.path == tmp_path / "deep" / "dir" / "s.lbug"
        store.write(doc1())
    with pytest.raises(StoreError, match="unknown backend"):
        open_store("sqlite")


def test_missing_store_without_create(tmp_path):
    with pytest.raises(StoreError, match="no embedded store"):
        open_store("embedded", path=tmp_path / "nope.lbug", create=False)
    with pytest.raises(StoreError, match="no embedded store"):
        open_store("embedded", path=tmp_path / "nope.lbug", read_only=True)
    assert not (tmp_path / "nope.lbug").exists()


def test_one_database_per_path_per_process(tmp_path):
    path = tmp_path / "s.lbug"
    a = EmbeddedStore(path)
    b = EmbeddedStore(path)
    a.write(doc1())
    assert b.counts()["Actor"] == 2  # the same database
    a.close()
    assert b.counts()["Actor"] == 2  # still open for b
    b.close()
    with EmbeddedStore(path, read_only=True) as c:
        assert c.counts()["Actor"] == 2
        with pytest.raises(StoreError, match="read-only"):
            c.write(doc1())


def test_read_only_open_upgrades_an_older_store(tmp_path):
    path = tmp_path / "old.lbug"
    db = lb.Database(str(path))
    conn = lb.Connection(db)
    conn.execute("CREATE NODE TABLE Actor(id STRING, name STRING, PRIMARY KEY(id))")
    conn.execute("CREATE (:Actor {id: 'a', name: 'A'})")
    conn.close()
    db.close()
    with EmbeddedStore(path, read_only=True) as store:
        df = store.query_readonly("MATCH (a:Actor) RETURN a.id AS id, a.name AS name, a.county AS county")
        assert df.to_dict("records") == [{"id": "a", "name": "A", "county": None}]
        assert store.counts()["FINANCES"] == 0
