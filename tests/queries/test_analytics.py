"""brokers(): betweenness on the actor projection of `actor_links`, in networkx."""
from __future__ import annotations

import pandas as pd

from samverkan.queries.analytics import BROKER_COLUMNS, actor_graph, brokers, brokers_from_links
from samverkan.queries.catalogue import get, run_named


def links(*rows):
    cols = list(get("actor_links").columns)
    return pd.DataFrame([dict(zip(cols, r)) for r in rows], columns=cols)


def test_a_broker_between_two_groups():
    # a - b - c and c - d - e: c is the only way between the two sides
    df = links(
        ("a", "A", "region", "b", "B", "company", "COLLABORATES_WITH", None, None, 1),
        ("b", "B", "company", "c", "C", "cluster", "CO_FINANCES", "i1", "I1", 2),
        ("c", "C", "cluster", "d", "D", "company", "SHARED_INITIATIVE", "i2", "I2", 2),
        ("d", "D", "company", "e", "E", "company", "MEMBER_OF", None, None, 1),
        ("b", "B", "company", "c", "C", "cluster", "COLLABORATES_WITH", None, "area", 3),
    )
    g = actor_graph(df)
    assert g.edges["b", "c"]["weight"] == 5 and g.edges["b", "c"]["relations"] == ("COLLABORATES_WITH", "CO_FINANCES")
    out = brokers_from_links(df)
    assert list(out.columns) == BROKER_COLUMNS
    assert out.iloc[0]["actor"] == "c" and out.iloc[0]["betweenness"] > out.iloc[1]["betweenness"]
    assert out.set_index("actor").loc["b", "degree"] == 2 and out.set_index("actor").loc["b", "links"] == 6
    assert set(out["community"]) <= set(range(len(out)))


def test_no_links_no_brokers():
    assert list(brokers_from_links(links()).columns) == BROKER_COLUMNS


def test_brokers_of_the_bundled_report(bundled_embedded):
    out = brokers(bundled_embedded)
    top = out.iloc[0]
    assert top["actor"] == "region-vastmanland" and top["betweenness"] > 0.5
    al = run_named(bundled_embedded, "actor_links", {})
    partners = pd.concat([al[["source", "target"]], al[["target", "source"]].set_axis(["source", "target"], axis=1)])
    degree = partners.drop_duplicates().groupby("source").size()
    assert out.set_index("actor")["degree"].to_dict() == degree.to_dict()
    assert out["community"].min() == 0 and (out["community"] >= 0).all()
    assert brokers(bundled_embedded).equals(out)  # deterministic
