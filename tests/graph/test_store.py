"""The stores, on both engines: write/MERGE semantics, atomicity, read-only refusal, reads."""
from __future__ import annotations

import json

import pytest

from graph_samples import D1, D2, big_doc, doc1, doc2, expected_snapshot, prov, snapshot
from samverkan.errors import InputError, QueryError, StoreError
from samverkan.graph.model import GraphData, Relationship

# --- writing ----------------------------------------------------------------------------
def test_write_counts(store):
    written = store.write(doc1())
    assert written["documents"] == 1
    assert written["nodes"] == 5 and written["relationships"] == 6
    counts = store.counts()
    assert counts["Actor"] == 2 and counts["Initiative"] == 1 and counts["Section"] == 1 and counts["Document"] == 1
    assert counts["FINANCES"] == 2 and counts["COLLABORATES_WITH"] == 1 and counts["MENTIONED_IN"] == 2
    assert counts["PART_OF"] == 1 and counts["LEADS"] == 0
    assert counts["nodes"] == 5 and counts["relationships"] == 6


def test_write_twice_changes_nothing(store):
    store.write(doc1())
    first_counts, first = store.counts(), snapshot(store)
    store.write(doc1())
    assert store.counts() == first_counts
    assert snapshot(store) == first


def test_read_graph_of_some_documents(store):
    """What the app reads for one region's reports: only their facts, the nodes these touch,
    their sections and Document nodes, and no relationship to anything left out."""
    store.write(doc1())
    store.write(doc2())
    full, part = store.read_graph(), store.read_graph([D1])
    assert [d["id"] for d in part.documents] == [D1]
    assert {r.id for r in part.relationships.values() if r.props.get("doc")} == \
        {r.id for r in full.relationships.values() if r.props.get("doc") == D1}
    assert all(r.source in part.nodes and r.target in part.nodes for r in part.relationships.values())
    assert {n.id for n in part.nodes.values() if n.label == "Document"} == {D1}
    assert len(part.nodes) < len(full.nodes)


def test_read_graph_round_trip(store, tmp_path):
    store.write(doc1())
    assert snapshot(store) == expected_snapshot(doc1())
    back = store.read_graph()
    assert [d["id"] for d in back.documents] == [D1]
    assert back.nodes["region-a"].props["aliases"] == ["RA"]
    assert back.relationships["fin-1"].props["amount_sek"] == 500000
    assert "amount_sek" not in back.relationships["fin-2"].props  # null stays absent
    # the read graph writes back to the same store without changing it, and into a fresh one identically
    store.write(back)
    assert snapshot(store) == expected_snapshot(doc1())
    from samverkan.graph.embedded import EmbeddedStore
    with EmbeddedStore(tmp_path / "copy.lbug") as other:
        other.write(back)
        assert snapshot(other) == snapshot(store)


def test_second_document_shares_nodes(store):
    store.write(doc1())
    store.write(doc2())
    counts = store.counts()
    assert counts["Document"] == 2
    assert counts["Actor"] == 3  # region-a once, kommun-x, uni
    assert counts["Initiative"] == 2
    region = store.query_readonly("MATCH (a:Actor {id: 'region-a'}) RETURN a.aliases AS aliases, a.county AS county")
    assert region["aliases"].tolist() == [("RA", "Region A")]  # merged, stored order first
    assert region["county"].tolist() == ["A län"]  # doc2 said nothing: a null never erases
    funded = store.query_readonly(
        "MATCH (a:Actor {id: 'region-a'})-[r:FINANCES]->(i:Initiative) RETURN i.id AS id, r.doc AS doc ORDER BY id")
    assert funded.to_dict("records") == [{"id": "proj-1", "doc": D1}, {"id": "proj-2", "doc": D2}]
    # writing the first document again changes nothing, merged aliases included
    before = snapshot(store)
    store.write(doc1())
    assert snapshot(store) == before


def test_documents(store):
    store.write(doc1())
    store.write(doc2())
    docs = store.documents()
    assert list(docs.columns) == ["id", "title", "region", "year", "diarienr", "built", "sections",
                                  "actors", "initiatives", "relationships", "relations"]
    rows = {r["id"]: r for r in docs.to_dict("records")}
    assert rows[D1]["year"] == 2019 and rows[D1]["diarienr"] == "RA-1"
    assert rows[D2]["diarienr"] is None
    assert (rows[D1]["sections"], rows[D1]["actors"], rows[D1]["initiatives"], rows[D1]["relationships"]) == (1, 2, 1, 5)
    assert (rows[D2]["sections"], rows[D2]["actors"], rows[D2]["initiatives"], rows[D2]["relationships"]) == (1, 2, 1, 4)
    # relations (the figure the app shows) leave out the MENTIONED_IN bookkeeping; per document
    # they add up to the store's count
    assert rows[D1]["relations"] == 3 and rows[D1]["relations"] + rows[D2]["relations"] == store.counts()["relations"]


def test_relationship_to_a_node_written_earlier(store):
    """A later graph may refer to a node it does not carry, when the store has it."""
    store.write(doc1())
    g = GraphData()
    g.add_relationship(Relationship("col-9", "COLLABORATES_WITH", "kommun-x", "region-a", prov(D1, "3.1", 40)))
    assert store.write(g)["COLLABORATES_WITH"] == 1
    assert store.counts()["COLLABORATES_WITH"] == 2


def test_values_are_typed_by_the_schema(store):
    g = doc1()
    g.relationships["fin-1"].props.update(amount_sek=500000.0, confidence=1, line="10")
    store.write(g)
    df = store.query_readonly("MATCH ()-[r:FINANCES {id: 'fin-1'}]->() RETURN r.amount_sek AS a, r.confidence AS c, r.line AS l")
    row = df.to_dict("records")[0]
    assert (type(row["a"]), type(row["c"]), type(row["l"])) == (int, float, int)


# --- atomicity --------------------------------------------------------------------------
def test_missing_endpoint_writes_nothing(store):
    store.write(doc1())
    before_counts, before = store.counts(), snapshot(store)
    g = doc2()
    g.add_relationship(Relationship("bad-1", "FINANCES", "ghost-actor", "proj-2", prov(D2, "3.2", 9)))
    with pytest.raises(StoreError, match="ghost-actor"):
        store.write(g)
    assert store.counts() == before_counts
    assert snapshot(store) == before


def test_failure_between_batches_writes_nothing(store, monkeypatch):
    store.write(doc1())
    before_counts, before = store.counts(), snapshot(store)
    store.batch_size = 3
    calls = {"n": 0}
    original = type(store)._run_batch

    def failing(self, tx, statement, rows):
        calls["n"] += 1
        if calls["n"] == 6:  # actors and initiatives are in, relationships half-way
            raise RuntimeError("injected failure between batches")
        return original(self, tx, statement, rows)

    monkeypatch.setattr(type(store), "_run_batch", failing)
    with pytest.raises(StoreError, match="injected failure"):
        store.write(big_doc(12))
    assert calls["n"] == 6
    assert store.counts() == before_counts
    assert snapshot(store) == before
    monkeypatch.undo()
    store.write(big_doc(12))  # and the store still works
    assert store.counts()["FINANCES"] == before_counts["FINANCES"] + 12


def test_write_survives_a_retried_transaction(store, monkeypatch):
    """Neo4j's execute_write re-runs the work function after a transient failure: the second
    run must write the same thing (the plan is not consumed by the first)."""
    original = type(store)._transaction
    attempts = []

    def flaky(self, work, readonly=False):
        if not readonly and not attempts:
            attempts.append(1)

            def fail_after(tx):
                work(tx)
                raise RuntimeError("transient failure at commit")
            with pytest.raises(RuntimeError):
                original(self, fail_after, readonly)
        return original(self, work, readonly)

    store.write(doc1())  # aliases get merged on the retried run too
    monkeypatch.setattr(type(store), "_transaction", flaky)
    store.write(doc2())
    monkeypatch.undo()
    assert attempts == [1]
    region = store.query_readonly("MATCH (a:Actor {id: 'region-a'}) RETURN a.aliases AS aliases")
    assert region["aliases"].tolist() == [("RA", "Region A")]
    assert store.counts()["relationships"] == 11


def test_unknown_type_or_pair_is_refused(store):
    g = doc1()
    g.add_relationship(Relationship("odd-1", "FINANCES", "proj-1", "region-a", prov(D1, "3.1", 1)))
    with pytest.raises(InputError, match="no FINANCES from Initiative to Actor"):
        store.write(g)
    g = doc1()
    g.add_relationship(Relationship("odd-2", "OWNS", "region-a", "proj-1", {}))
    with pytest.raises(InputError, match="OWNS"):
        store.write(g)
    assert store.counts()["nodes"] == 0


# --- drop a document --------------------------------------------------------------------
def test_drop_document(store, tmp_path):
    store.write(doc1())
    only_first = snapshot(store)
    store.write(doc2())
    removed = store.drop_document(D2)
    assert removed["Document"] == 1 and removed["Section"] == 1
    assert removed["Actor"] == 1 and removed["Initiative"] == 1  # uni and proj-2; region-a is still used by D1
    assert removed["relationships"] == 5
    nodes, rels = snapshot(store)
    first_nodes, first_rels = only_first
    assert rels == first_rels
    # region-a keeps the alias D2 taught it (aliases are merged, not tracked per document)
    strip = lambda ns: [json.dumps({k: v for k, v in json.loads(n).items() if k != "aliases"}, sort_keys=True) for n in ns]
    assert strip(nodes) == strip(first_nodes)
    assert store.documents()["id"].tolist() == [D1]
    with pytest.raises(InputError, match="no document"):
        store.drop_document("no-such-doc")


def test_drop_keeps_nodes_other_documents_use(store):
    store.write(doc1())
    store.write(doc2())
    store.drop_document(D1)
    ids = set(store.query_readonly("MATCH (a:Actor) RETURN a.id AS id")["id"])
    assert ids == {"region-a", "uni"}  # kommun-x was only in D1
    assert store.counts()["relationships"] == 5


# --- the read-only path -----------------------------------------------------------------
COMMON_WRITES = [
    "CREATE (n:Actor {id: 'evil'})",
    "MERGE (n:Actor {id: 'evil'})",
    "MATCH (n:Actor) SET n.name = 'evil'",
    "MATCH ()-[r:FINANCES]->() DELETE r",
    "MATCH (n:Actor) DETACH DELETE n",
    "MATCH (n:Actor) REMOVE n.name",
    "MATCH (n:Actor) WITH n LIMIT 1 CREATE (m:Actor {id: 'evil2'}) RETURN m",
    "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line",
    "MATCH (n) RETURN n; MATCH (m) DETACH DELETE m",
    "match (n:Actor) /* lower case */ set n.name = 'evil'",
]
NEO4J_WRITES = [
    "CALL db.createLabel('Evil')",
    "DROP CONSTRAINT actor_id",
    "CREATE INDEX evil IF NOT EXISTS FOR (n:Actor) ON (n.name)",
    "MATCH (n:Actor) CALL (n) { SET n.name = 'evil' } RETURN n",
    "MATCH (n:Actor) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS",
    "UNWIND [1] AS x FOREACH (y IN [1] | CREATE (:Actor {id: 'evil'}))",
]
LADYBUG_WRITES = [
    "COPY Actor FROM '/tmp/evil.csv'",
    "CREATE NODE TABLE Evil(id STRING, PRIMARY KEY(id))",
    "DROP TABLE Actor",
    "ALTER TABLE Actor ADD evil STRING",
    "INSTALL json",
    "LOAD EXTENSION json",
    "CALL threads = 1",
    "CHECKPOINT",
    "BEGIN TRANSACTION",
    "EXPORT DATABASE '/tmp/evil'",
]


@pytest.mark.parametrize("query", COMMON_WRITES + NEO4J_WRITES + LADYBUG_WRITES)
def test_query_readonly_refuses_writes(store, query):
    store.write(doc1())
    before_counts, before = store.counts(), snapshot(store)
    with pytest.raises(QueryError, match="refused|only one statement"):
        store.query_readonly(query)
    assert store.counts() == before_counts
    assert snapshot(store) == before


@pytest.mark.parametrize("query", [
    "CREATE (n:Actor {id: 'evil'})",
    "MATCH (n:Actor) SET n.name = 'evil'",
    "MATCH (n:Actor) DETACH DELETE n",
])
def test_engine_refuses_writes_in_read_mode(store, query):
    """The second line of defence: the engine's own read-only transaction, without the lexical check."""
    store.write(doc1())
    before = snapshot(store)
    with pytest.raises(Exception, match="(?i)read"):  # "read-only transaction" / "read access mode"
        store._transaction(lambda tx: store._run(tx, query), readonly=True)
    assert snapshot(store) == before


def test_query_readonly_reads(store):
    store.write(doc1())
    df = store.query_readonly(
        "MATCH (a:Actor)-[r:FINANCES]->(i:Initiative) WHERE a.name <> 'CREATE; DELETE' "  # keywords in strings are fine
        "RETURN a.id AS actor, r.amount_sek AS amount, i.nyps AS nyps ORDER BY actor // SET in a comment")
    assert df.to_dict("records") == [
        {"actor": "kommun-x", "amount": None, "nyps": ("209206",)},
        {"actor": "region-a", "amount": 500000, "nyps": ("209206",)},
    ]
    assert df["amount"].dtype == object  # ints and None, never float NaN
    params = store.query_readonly("MATCH (a:Actor) WHERE a.id = $id RETURN a.name AS name", {"id": "region-a"})
    assert params["name"].tolist() == ["Region A"]
    with pytest.raises(QueryError):
        store.query_readonly("MATCH (a:Actor RETURN a")


def test_query_entities_are_comparable(store):
    store.write(doc1())
    df = store.query_readonly("MATCH (a:Actor {id: 'region-a'})-[r:FINANCES]->(i) RETURN a, r, i")
    a, r, i = df.iloc[0]["a"], df.iloc[0]["r"], df.iloc[0]["i"]
    assert a == {"_label": "Actor", "id": "region-a", "name": "Region A", "type": "region", "aliases": ("RA",),
                 "county": "A län", "method": "gazetteer"}
    assert r["_type"] == "FINANCES" and r["amount_sek"] == 500000 and r["confidence"] == 0.9
    assert i["_label"] == "Initiative" and "aliases" in i
    assert len({a, r, i}) == 3  # hashable


def test_closed_store_refuses(store):
    store.close()
    with pytest.raises(StoreError, match="closed"):
        store.counts()
