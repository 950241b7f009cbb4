"""Pure parts: generated Cypher, the lexical read-only check, result normalisation."""
from __future__ import annotations

import decimal
import math

import numpy as np
import pandas as pd
import pytest

from samverkan.errors import QueryError
from samverkan.graph import cypher
from samverkan.graph.schema import SCHEMA
from samverkan.graph.store import FrozenDict, check_readonly, normalise_frame, normalise_value, strip_literals


def test_ladybug_ddl_covers_the_schema():
    ddl = cypher.ladybug_ddl()
    assert ddl[0].startswith("CREATE NODE TABLE IF NOT EXISTS Document(id STRING")
    actor = next(s for s in ddl if " Actor(" in s)
    assert "aliases STRING[]" in actor and actor.endswith("PRIMARY KEY(id))")
    finances = next(s for s in ddl if " FINANCES(" in s)
    assert finances.startswith("CREATE REL TABLE IF NOT EXISTS FINANCES(FROM Actor TO Initiative, id STRING")
    for prop in ("doc STRING", "evidence STRING", "line INT64", "confidence DOUBLE", "amount_sek INT64"):
        assert prop in finances
    mentioned = next(s for s in ddl if " MENTIONED_IN(" in s)
    assert "FROM Actor TO Section, FROM Initiative TO Section" in mentioned
    assert len(ddl) == len(SCHEMA.nodes) + len(SCHEMA.relationships)


def test_neo4j_constraints():
    cons = cypher.neo4j_constraints()
    assert "CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (n:Actor) REQUIRE n.id IS UNIQUE" in cons
    assert any("FOR ()-[r:FINANCES]-() REQUIRE r.id IS UNIQUE" in c for c in cons)


def test_write_statements():
    s = cypher.node_merge("Actor")
    assert s.startswith("UNWIND $rows AS row MERGE (n:Actor {id: row.id}) SET ")
    assert "n.name = row.name" in s and "n.aliases = row.aliases" in s
    assert "+=" not in s and s.endswith("RETURN count(n) AS n")
    assert "n.county" not in cypher.node_merge("Actor", ["name", "aliases"])
    r = cypher.rel_merge("MENTIONED_IN", "Initiative", "Section")
    assert r.startswith("UNWIND $rows AS row MATCH (a:Initiative {id: row.source}) MATCH (b:Section {id: row.target}) "
                        "MERGE (a)-[r:MENTIONED_IN {id: row.id}]->(b) SET ")
    assert "r.count = row.count" in r
    assert "r.count = CAST(row.count AS INT64)" in cypher.rel_merge("MENTIONED_IN", "Initiative", "Section", dialect="ladybug")
    assert cypher.rel_merge("PART_OF", "Section", "Document").endswith("MERGE (a)-[r:PART_OF {id: row.id}]->(b) RETURN count(r) AS n")
    assert cypher.per_row(cypher.node_merge("Section", ["title"])) == \
        "MERGE (n:Section {id: $row_id}) SET n.title = $row_title RETURN count(n) AS n"
    with pytest.raises(ValueError):
        cypher.ident("Actor) DETACH DELETE (n")


@pytest.mark.parametrize("query", [
    "MATCH (n) RETURN n",
    "MATCH (a:Actor) WHERE a.name = 'CREATE (x)' RETURN a.name",
    'MATCH (a:Actor) WHERE a.name = "SET \\" DELETE" RETURN a',
    "MATCH (a:Actor) RETURN a.id // DELETE everything",
    "MATCH (a:Actor) /* MERGE */ RETURN a.id;",
    "MATCH (`create`:Actor) RETURN `create`.id",
    "MATCH (a:Actor)-[r:FINANCES]->(i) RETURN a.id, sum(r.amount_sek) AS total ORDER BY total DESC LIMIT 5",
    "MATCH (a:Actor) WHERE a.name STARTS WITH 'Region' RETURN a",
    "CALL db.labels() YIELD label RETURN label",
    "CALL show_tables() RETURN *",
    "CALL table_info('Actor') RETURN *",
    "MATCH (a:Actor) RETURN {set: a.id, delete: 1} AS m",
    "MATCH (a:Actor) WHERE EXISTS { MATCH (a)-[:FINANCES]->() } RETURN a.id",
])
def test_check_readonly_accepts_reads(query):
    check_readonly(query)


@pytest.mark.parametrize("query, word", [
    ("CREATE (n)", "CREATE"), ("merge (n:A {id: 1})", "MERGE"), ("MATCH (n) SET n.x = 1", "SET"),
    ("MATCH (n) DELETE n", "DELETE"), ("MATCH (n) DETACH DELETE n", "DETACH"), ("MATCH (n) REMOVE n.x", "REMOVE"),
    ("DROP TABLE Actor", "DROP"), ("ALTER TABLE Actor ADD x STRING", "ALTER"), ("COPY Actor FROM 'a.csv'", "COPY"),
    ("LOAD CSV FROM 'file:///x' AS l RETURN l", "LOAD CSV"), ("LOAD FROM 'x.csv' RETURN *", "LOAD FROM"),
    ("INSTALL json", "INSTALL"), ("LOAD EXTENSION json", "LOAD EXTENSION"),
    ("CALL db.createLabel('X')", "db.createLabel"), ("CALL apoc.create.node(['X'], {})", "apoc.create.node"),
    ("CALL gds.pageRank.write('g', {})", "gds.pageRank.write"), ("CALL apoc.periodic.iterate('a', 'b', {})", "periodic"),
    ("CALL create_fts_index('Actor', 'i', ['name'])", "create_fts_index"), ("CALL threads=4", "setting"),
    ("MATCH (n) CALL { WITH n RETURN n } IN TRANSACTIONS RETURN n", "IN TRANSACTIONS"),
    ("MATCH (n) RETURN n; MATCH (m) RETURN m", "one statement"), ("BEGIN TRANSACTION", "BEGIN"),
    ("FOREACH (x IN [1] | CREATE ())", "FOREACH"), ("EXPORT DATABASE '/tmp/x'", "EXPORT"),
])
def test_check_readonly_refuses(query, word):
    with pytest.raises(QueryError) as info:
        check_readonly(query)
    assert word.split()[0].lower() in str(info.value).lower()


def test_check_readonly_edge_cases():
    with pytest.raises(QueryError, match="empty"):
        check_readonly("  ")
    with pytest.raises(QueryError, match="unterminated"):
        check_readonly("MATCH (n) WHERE n.name = 'oops RETURN n")
    assert strip_literals("RETURN 'a''b' AS x, \"c\\\"d\" AS y") == "RETURN '' AS x, '' AS y"


def test_normalise_value():
    assert normalise_value(float("nan")) is None
    assert normalise_value(pd.NA) is None
    assert normalise_value(np.int64(3)) == 3 and type(normalise_value(np.int64(3))) is int
    assert normalise_value(decimal.Decimal("12")) == 12 and type(normalise_value(decimal.Decimal("12"))) is int
    assert normalise_value(["a", "b"]) == ("a", "b")
    node = normalise_value({"_ID": {"offset": 0, "table": 0}, "_LABEL": "Actor", "id": "x", "name": None, "aliases": ["a"]})
    assert node == {"_label": "Actor", "id": "x", "aliases": ("a",)} and isinstance(node, FrozenDict)
    rel = normalise_value({"_SRC": {}, "_DST": {}, "_ID": {}, "_LABEL": "FINANCES", "id": "r", "count": None})
    assert rel == {"_type": "FINANCES", "id": "r"}
    hash(node), hash(rel)


def test_normalise_frame_dtypes():
    df = pd.DataFrame({"i": [1, 2], "n": [1.0, math.nan], "f": [0.5, 1.0], "s": ["a", None], "l": [["x"], []]})
    out = normalise_frame(df)
    assert out["i"].dtype == "int64" and out["f"].dtype == "float64"
    assert out["n"].tolist() == [1.0, None] and out["s"].tolist() == ["a", None]
    assert out["l"].tolist() == [("x",), ()]


def test_ladybug_dialect_types_list_parameters():
    """LadybugDB types an empty list parameter as STRING[]: INT64[] columns need a CAST."""
    section = SCHEMA.nodes["Section"].properties
    int_lists = [p for p, t in section.items() if t == "INT64[]"]
    for prop in int_lists:
        assert f"n.{prop} = CAST(row.{prop} AS INT64[])" in cypher.node_merge("Section", dialect="ladybug")
        assert f"n.{prop} = row.{prop}" in cypher.node_merge("Section")
    assert "n.year = CAST(row.year AS INT64)" in cypher.node_merge("Document", dialect="ladybug")
    assert cypher.merged_list_properties("Actor") == ["aliases"]
    assert cypher.merged_list_properties("Section") == []  # a document's own lists are replaced
