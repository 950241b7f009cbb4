"""Where the network's nodes go: positions in pixels for a view's graph, computed in Python
so the browser gets fixed coordinates (physics off) and the same view always looks the same.
"""
from __future__ import annotations

import math

import networkx as nx

LAYOUT_SEED = 42
LAYOUT_ITERATIONS = 100
LAYOUT_K = 3.0           # spring length (times 1/sqrt(n)): larger spreads hub-and-spoke graphs more
LAYOUT_SKELETON = 400     # above this many nodes: skeleton layout (see compute_layout)
ASPECT = 1.6              # the canvas is wider than high: stretch the layout sideways

def compute_layout(g: nx.MultiGraph, seed: int = LAYOUT_SEED, iterations: int = LAYOUT_ITERATIONS) -> dict[str, tuple[float, float]]:
    """Node positions in pixels: networkx `spring_layout` (Fruchterman-Reingold) with a fixed
    seed, so the same view always looks the same; the scale grows with the node count.

    Views are limited to a few hundred nodes, where networkx's dense solver is fast. A bigger
    graph (the limit raised, or the benchmark's unlimited baseline) gets a skeleton layout:
    the `LAYOUT_SKELETON` best-connected nodes by spring_layout, every other node next to an
    already placed neighbour (breadth first), unconnected ones on a ring around them. That
    keeps the cost near-linear instead of the solver's quadratic time and memory."""
    n = g.number_of_nodes()
    if n == 0:
        return {}
    if n == 1:
        return {next(iter(g)): (0.0, 0.0)}
    simple = nx.Graph()
    simple.add_nodes_from(sorted(g))
    simple.add_edges_from((u, v) for u, v in g.edges() if u != v)
    scale = max(300.0, 75.0 * math.sqrt(n))
    if n <= LAYOUT_SKELETON:
        pos = nx.spring_layout(simple, seed=seed, iterations=iterations, k=LAYOUT_K / math.sqrt(n), weight=None)
        return {node: (float(x) * scale * ASPECT, float(y) * scale) for node, (x, y) in pos.items()}
    return {node: (x * ASPECT, y) for node, (x, y) in _skeleton_layout(simple, seed, iterations, scale).items()}



def _skeleton_layout(simple: nx.Graph, seed: int, iterations: int, scale: float) -> dict[str, tuple[float, float]]:
    import random

    rng = random.Random(seed)
    ranked = sorted(simple.degree, key=lambda nd: (-nd[1], nd[0]))
    core = [node for node, _ in ranked[:LAYOUT_SKELETON]]
    sub = simple.subgraph(core)
    pos = {node: (float(x) * scale, float(y) * scale)
           for node, (x, y) in nx.spring_layout(sub, seed=seed, iterations=iterations,
                                                k=LAYOUT_K / math.sqrt(len(core)), weight=None).items()}
    step = scale / math.sqrt(simple.number_of_nodes()) * 2.5
    frontier = list(core)
    while frontier:
        nxt = []
        for node in frontier:
            x, y = pos[node]
            for other in sorted(simple.neighbors(node)):
                if other not in pos:
                    angle = rng.random() * 2 * math.pi
                    radius = step * (0.6 + rng.random())
                    pos[other] = (x + radius * math.cos(angle), y + radius * math.sin(angle))
                    nxt.append(other)
        frontier = nxt
    rest = [node for node in simple if node not in pos]
    for i, node in enumerate(rest):
        angle = 2 * math.pi * i / max(1, len(rest))
        pos[node] = (1.25 * scale * math.cos(angle), 1.25 * scale * math.sin(angle))
    return pos


