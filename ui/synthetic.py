"""A synthetic graph of any size, shaped like the real ones, for the benchmark and the tests
of the size limit: actors of every schema type and initiatives, linked by every network
relationship type with preferential attachment (a few hubs, many leaves, as in the reports),
each relationship with a section (3.1–3.5 and others), a line and an evidence sentence."""
from __future__ import annotations

import random

from samverkan.graph.model import GraphData, Node, Relationship
from samverkan.graph.schema import SCHEMA

from . import labels

SECTIONS = ("3.1", "3.2", "3.3", "3.4", "3.5", "1.2.1", "1.4.1", "2", "4.4")


def synthetic_graph(n_nodes: int = 5000, edges_per_node: float = 2.0, seed: int = 7) -> GraphData:
    rng = random.Random(seed)
    doc = "synthetic-2030"
    graph = GraphData(documents=[{"id": doc, "title": f"Syntetisk rapport ({n_nodes} noder)", "region": "Region Syntet",
                                  "year": 2030}])
    types = list(SCHEMA.actor_types)
    kinds = list(SCHEMA.initiative_kinds)
    n_initiatives = n_nodes // 5
    actors = [f"actor-{i}" for i in range(n_nodes - n_initiatives)]
    initiatives = [f"initiative-{i}" for i in range(n_initiatives)]
    for i, node_id in enumerate(actors):
        graph.add_node(Node(node_id, "Actor", {"name": f"Aktör {i}", "type": rng.choice(types), "aliases": []}))
    for i, node_id in enumerate(initiatives):
        graph.add_node(Node(node_id, "Initiative", {"name": f"Insats {i}", "kind": rng.choice(kinds), "aliases": [],
                                                    "nyps": []}))
    rel_types = labels.network_rel_types()
    # Preferential attachment: pick endpoints from a pool where every link adds both ends again.
    actor_pool = list(actors[:20])
    initiative_pool = list(initiatives[:10])
    n_edges = int(n_nodes * edges_per_node)
    for k in range(n_edges):
        rtype = rel_types[k % len(rel_types)]
        rel = SCHEMA.relationships[rtype]
        source = rng.choice(actor_pool) if rng.random() < 0.7 else rng.choice(actors)
        to_initiative = rel.pairs[0][1] == "Initiative"
        if to_initiative:
            target = rng.choice(initiative_pool) if rng.random() < 0.6 else rng.choice(initiatives)
        else:
            target = rng.choice(actor_pool) if rng.random() < 0.5 else rng.choice(actors)
        if source == target:
            continue
        actor_pool.append(source)
        (initiative_pool if to_initiative else actor_pool).append(target)
        section = rng.choice(SECTIONS)
        props = {"doc": doc, "section": section, "line": 10 + k, "method": "synthetic", "confidence": 1.0,
                 "evidence": f"Mening {k}: {source} {rel.label_sv} {target} enligt avsnitt {section}."}
        if rtype == "FINANCES" and rng.random() < 0.3:
            props["amount_sek"] = rng.randrange(100_000, 50_000_000, 50_000)
        graph.add_relationship(Relationship(f"rel-{k}", rtype, source, target, props))
    return graph
