"""Network analytics on the actor projection, computed with networkx in Python on the rows of
a catalogue query (`actor_links`), so they give the same answer on either store.

Actors are linked when they COLLABORATE_WITH each other, when one is a MEMBER_OF the other,
or when they finance / lead / take part in the same initiative (CO_FINANCES and
SHARED_INITIATIVE links of `actor_links`).
"""
from __future__ import annotations

from typing import Any

import networkx as nx
import pandas as pd

from .catalogue import run_named

BROKER_COLUMNS = ["actor", "name", "type", "betweenness", "degree", "links", "community"]


def actor_graph(links: pd.DataFrame) -> nx.Graph:
    """An undirected simple graph of actors from `actor_links` rows. Edge attributes:
    `weight` (facts behind the link), `relations` (the kinds of link, sorted)."""
    g = nx.Graph()
    for row in links.itertuples(index=False):
        for node, name, typ in ((row.source, row.source_name, row.source_type),
                                (row.target, row.target_name, row.target_type)):
            if node not in g:
                g.add_node(node, name=name, type=typ)
        if row.source == row.target:
            continue
        data = g.get_edge_data(row.source, row.target)
        if data is None:
            g.add_edge(row.source, row.target, weight=0, relations=set())
            data = g.edges[row.source, row.target]
        data["weight"] += int(row.facts or 0)
        data["relations"].add(row.relation)
    for _, _, data in g.edges(data=True):
        data["relations"] = tuple(sorted(data["relations"]))
    return g


def communities(g: nx.Graph) -> dict[str, int]:
    """Greedy modularity communities, numbered 0.. by size (largest first, ties by the
    smallest actor id), so the numbering is stable. Every node gets one."""
    if g.number_of_edges() == 0:
        return {node: i for i, node in enumerate(sorted(g))}
    groups = nx.community.greedy_modularity_communities(g, weight="weight")
    ordered = sorted((sorted(c) for c in groups), key=lambda c: (-len(c), c[0]))
    return {node: i for i, group in enumerate(ordered) for node in group}


def brokers(store: Any, docs: list[str] | None = None, with_communities: bool = True) -> pd.DataFrame:
    """Actors ranked as brokers: betweenness centrality (normalised, unweighted shortest
    paths) on the actor projection. Columns: actor, name, type, betweenness, degree (distinct
    partners), links (facts behind them), community (greedy modularity; -1 when not asked).
    Sorted by betweenness, then degree (both descending), then actor id. `docs` limits the
    links to those reports (none: every report)."""
    links = run_named(store, "actor_links", {"docs": docs or []})
    return brokers_from_links(links, with_communities)


def brokers_from_links(links: pd.DataFrame, with_communities: bool = True) -> pd.DataFrame:
    g = actor_graph(links)
    if g.number_of_nodes() == 0:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in BROKER_COLUMNS})
    between = nx.betweenness_centrality(g, normalized=True)
    groups = communities(g) if with_communities else {}
    rows = []
    for node in g.nodes:
        rows.append({
            "actor": node,
            "name": g.nodes[node].get("name"),
            "type": g.nodes[node].get("type"),
            "betweenness": round(float(between.get(node, 0.0)), 6),
            "degree": int(g.degree(node)),
            "links": int(sum(d["weight"] for _, _, d in g.edges(node, data=True))),
            "community": int(groups.get(node, -1)),
        })
    df = pd.DataFrame(rows, columns=BROKER_COLUMNS)
    df = df.sort_values(["betweenness", "degree", "actor"], ascending=[False, False, True], kind="mergesort")
    return df.reset_index(drop=True)
