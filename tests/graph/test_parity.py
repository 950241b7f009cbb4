"""The same data and the same query give equal DataFrames on LadybugDB and on Neo4j."""
from __future__ import annotations

import pandas as pd
import pytest

from graph_samples import doc1, doc2

pytestmark = pytest.mark.neo4j

QUERIES = [
    "MATCH (a:Actor) RETURN a.id AS id, a.name AS name, a.type AS type, a.aliases AS aliases, a.county AS county ORDER BY id",
    "MATCH (a:Actor)-[r:FINANCES]->(i:Initiative) RETURN a.id AS actor, i.id AS initiative, r.amount_sek AS amount, "
    "r.instrument AS instrument, r.confidence AS confidence, r.line AS line ORDER BY actor, initiative",
    "MATCH (a:Actor) OPTIONAL MATCH (a)-[r:FINANCES]->(i:Initiative) RETURN a.id AS actor, i.id AS initiative, "
    "r.amount_sek AS amount ORDER BY actor, initiative",
    # sum() over only nulls: Neo4j says 0, LadybugDB null -- hence the coalesce
    "MATCH (a:Actor)-[r:FINANCES]->() RETURN a.id AS actor, sum(coalesce(r.amount_sek, 0)) AS total, count(r) AS n ORDER BY actor",
    # LadybugDB: an alias named like a variable (a.id AS a ... ORDER BY a) orders by the node
    "MATCH (a:Actor)-[:COLLABORATES_WITH]-(b:Actor) RETURN a.id AS x, b.id AS y ORDER BY x, y",
    "MATCH (x)-[m:MENTIONED_IN]->(s:Section) RETURN x.id AS id, s.number AS section, m.count AS mentions ORDER BY id, section",
    "MATCH (i:Initiative) WHERE EXISTS { MATCH (:Actor)-[:FINANCES]->(i) } RETURN i.id AS id, size(i.nyps) AS nyps ORDER BY id",
    "MATCH (a:Actor) RETURN a.type AS type, count(DISTINCT a.id) AS n ORDER BY type",
    "MATCH (a:Actor) RETURN a.id AS id, CASE WHEN a.type = 'region' THEN 'R' ELSE 'other' END AS kind, "
    "coalesce(a.county, '-') AS county ORDER BY id",
    "MATCH (a:Actor {id: 'region-a'})-[r:FINANCES]->(i:Initiative) RETURN a, r, i ORDER BY r.id",
    "MATCH (d:Document) RETURN d.id AS id, d.year AS year, d.diarienr AS diarienr ORDER BY id",
    "MATCH (a:Actor)-[r:FINANCES]->(i:Initiative) WHERE r.amount_sek >= $min RETURN a.id AS id ORDER BY id",
    "MATCH (a:Actor) WHERE a.id = 'nobody' RETURN a.id AS id",
]


@pytest.fixture
def both(embedded_store, neo4j_store):
    for store in (embedded_store, neo4j_store):
        store.write(doc1())
        store.write(doc2())
    return embedded_store, neo4j_store


@pytest.mark.parametrize("query", QUERIES)
def test_same_frame_on_both_engines(both, query):
    embedded, neo4j = both
    a = embedded.query_readonly(query, {"min": 600000})
    b = neo4j.query_readonly(query, {"min": 600000})
    pd.testing.assert_frame_equal(a, b)


def test_documents_and_counts_agree(both):
    embedded, neo4j = both
    pd.testing.assert_frame_equal(embedded.documents(), neo4j.documents())
    assert embedded.counts() == neo4j.counts()
