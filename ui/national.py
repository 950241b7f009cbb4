"""The national picture: actors only, linked where they co-finance or collaborate, each link
weighted by the number of regions whose reports state it.

With the reports of many regions in the store, the question is not one region's partners but
which organisations work together across the country: Tillväxtverket and a county board
co-financing in 14 regions are one thick line; a pair seen in one report a thin one. A link
keeps one evidence sentence per region (the first), so its width is its reach and every
region's sentence is one click away. No Streamlit here (tests and benches use it directly).
"""
from __future__ import annotations

from collections import defaultdict
from itertools import combinations
from typing import Any

import networkx as nx

from .network import MAX_VISIBLE_NODES, NetworkData, NetworkFilter, NetworkView, limit_view, node_attrs, style_view

EVIDENCE_KEYS = ("section", "line", "evidence", "amount_sek", "instrument", "doc", "method", "region")


def _pairs(data: NetworkData) -> dict[tuple[str, str, str], dict[str, dict[str, Any]]]:
    """(type, actor a, actor b) -> region -> its first evidence."""
    links: dict[tuple[str, str, str], dict[str, dict[str, Any]]] = defaultdict(dict)

    def add(rtype: str, a: str, b: str, rel: dict[str, Any]) -> None:
        if a == b:
            return
        a, b = sorted((a, b))
        links[(rtype, a, b)].setdefault(rel.get("region") or "", {k: rel.get(k) for k in EVIDENCE_KEYS})

    funders: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for rel in data.rels:
        if rel["type"] == "COLLABORATES_WITH":
            add("COLLABORATES_WITH", rel["source"], rel["target"], rel)
        elif rel["type"] == "FINANCES":
            funders[(rel.get("doc") or "", rel["target"])].append(rel)
    for rels in funders.values():
        first_of = {}
        for rel in rels:
            first_of.setdefault(rel["source"], rel)
        for a, b in combinations(sorted(first_of), 2):
            add("CO_FINANCES", a, b, first_of[b])
    return links


def national_view(data: NetworkData, min_regions: int = 1, max_nodes: int = MAX_VISIBLE_NODES) -> NetworkView:
    """Actors linked by collaboration and co-financing over every report in `data`; a link
    kept when at least `min_regions` regions state it. Reporting regions are actors too: the
    national view shows which agencies and organisations each region works with."""
    g = nx.MultiGraph()
    for (rtype, a, b), by_region in sorted(_pairs(data).items()):
        if len(by_region) < min_regions or a not in data.nodes or b not in data.nodes:
            continue
        if data.nodes[a]["label"] != "Actor" or data.nodes[b]["label"] != "Actor":
            continue
        for end in (a, b):
            if end not in g:
                g.add_node(end, **node_attrs(data.nodes[end], end))
        evidence = [by_region[r] for r in sorted(by_region)]
        g.add_edge(a, b, key=f"{rtype}:{a}>{b}", type=rtype, source=a, target=b, evidence=evidence,
                   amount_sek=None, regions=len(by_region))
    for node_id in g:
        g.nodes[node_id]["degree"] = len(set(g.neighbors(node_id)) - {node_id})
        g.nodes[node_id]["region"] = ""
    view = NetworkView(g, g.number_of_nodes(), g.number_of_edges(),
                       notes=[f"Nationell vy: aktörer som samverkar eller finansierar tillsammans i minst {min_regions} "
                              f"{'region' if min_regions == 1 else 'regioner'}; linjens bredd visar i hur många."])
    limit_view(view, NetworkFilter(max_nodes=max_nodes))
    style_view(view)
    return view
