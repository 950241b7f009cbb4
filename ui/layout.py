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

CHAR_WIDTH = 7.5          # px per character of a 14 px label (DejaVu Sans, average)
LABEL_HEIGHT = 30.0       # px a node with its label below takes up vertically
RING_GAP = 170.0          # px between the rings of an ego network
MAX_STEP = 60.0           # px a node moves at most per round of spread_labels (keeps the picture's shape)


def compute_layout(g: nx.MultiGraph, seed: int = LAYOUT_SEED, iterations: int = LAYOUT_ITERATIONS,
                   focus: str | None = None) -> dict[str, tuple[float, float]]:
    """Node positions in pixels, the same for the same view every time.

    - With a `focus` (an actor's ego network): radial, the focus in the centre and every other
      node on the ring of its distance from it (see `radial_layout`).
    - Otherwise networkx `spring_layout` (Fruchterman-Reingold, fixed seed), stretched to the
      canvas, and then labels are pushed apart where they would overlap (`spread_labels`), so
      the hub's many neighbours stay readable.

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
    if focus is not None and focus in simple:
        return radial_layout(g, focus)
    scale = max(300.0, 75.0 * math.sqrt(n))
    if n <= LAYOUT_SKELETON:
        pos = nx.spring_layout(simple, seed=seed, iterations=iterations, k=LAYOUT_K / math.sqrt(n), weight=None)
        pos = {node: (float(x) * scale * ASPECT, float(y) * scale) for node, (x, y) in pos.items()}
        return spread_labels(pos, {node: label_width(g.nodes[node]) for node in pos})
    return {node: (x * ASPECT, y) for node, (x, y) in _skeleton_layout(simple, seed, iterations, scale).items()}


def label_width(attrs: dict) -> float:
    """The width in px a node's label takes on the canvas (at least the node itself)."""
    return max(40.0, CHAR_WIDTH * min(len(str(attrs.get("name", ""))), 32))


def radial_layout(g: nx.MultiGraph, focus: str) -> dict[str, tuple[float, float]]:
    """The focus at (0, 0), its neighbours on a ring around it, theirs on the next ring.
    On a ring, nodes are ordered by kind (actor type, then initiatives) and name, so like
    sits with like; a ring grows until its labels fit side by side."""
    simple = nx.Graph(g)
    dist = nx.single_source_shortest_path_length(simple, focus)
    rings: dict[int, list[str]] = {}
    for node, d in dist.items():
        rings.setdefault(d, []).append(node)
    far = max(rings) + 1
    rings.setdefault(far, []).extend(sorted(n for n in g if n not in dist))  # unconnected: outermost
    if not rings[far]:
        del rings[far]
    pos = {focus: (0.0, 0.0)}
    radius = 0.0
    for d in sorted(k for k in rings if k > 0):
        members = sorted(rings[d], key=lambda n: (g.nodes[n].get("label") != "Actor", g.nodes[n].get("type") or "",
                                                   str(g.nodes[n].get("name", "")).lower(), n))
        circumference = sum(label_width(g.nodes[n]) * 0.75 + 24 for n in members)
        radius = max(radius + RING_GAP, circumference / (2 * math.pi))
        for i, node in enumerate(members):
            angle = 2 * math.pi * i / len(members) - math.pi / 2
            pos[node] = (radius * ASPECT * math.cos(angle), radius * math.sin(angle))
    return pos


def spread_labels(pos: dict[str, tuple[float, float]], widths: dict[str, float],
                  rounds: int = 80) -> dict[str, tuple[float, float]]:
    """Push apart nodes whose label boxes (width from the label, LABEL_HEIGHT high) overlap:
    each round moves every overlapping pair apart along the axis where they overlap least,
    half each. Vectorised over all pairs (a view has at most a few hundred nodes)."""
    import numpy as np

    nodes = list(pos)
    if len(nodes) < 2:
        return pos
    xy = np.array([pos[n] for n in nodes], dtype=float)
    half_w = np.array([widths[n] / 2 + 4 for n in nodes])
    half_h = LABEL_HEIGHT / 2
    need_x = half_w[:, None] + half_w[None, :]
    for _ in range(rounds):
        dx = xy[:, None, 0] - xy[None, :, 0]
        dy = xy[:, None, 1] - xy[None, :, 1]
        over_x = need_x - np.abs(dx)
        over_y = 2 * half_h - np.abs(dy)
        clash = (over_x > 0) & (over_y > 0)
        np.fill_diagonal(clash, False)
        if not clash.any():
            break
        along_y = over_y < over_x  # cheaper to separate vertically
        sign_x = np.where(dx >= 0, 1.0, -1.0)
        sign_y = np.where(dy >= 0, 1.0, -1.0)
        # identical points: break the tie by index, so the pair still separates
        sign_y = np.where((dy == 0) & (np.arange(len(nodes))[:, None] < np.arange(len(nodes))[None, :]), -1.0, sign_y)
        push_x = np.where(clash & ~along_y, over_x * sign_x / 2, 0.0)
        push_y = np.where(clash & along_y, over_y * sign_y / 2, 0.0)
        xy[:, 0] += np.clip(push_x.sum(axis=1), -MAX_STEP, MAX_STEP)
        xy[:, 1] += np.clip(push_y.sum(axis=1), -MAX_STEP, MAX_STEP)
    return {n: (float(x), float(y)) for n, (x, y) in zip(nodes, xy)}


def label_overlaps(pos: dict[str, tuple[float, float]], widths: dict[str, float]) -> int:
    """How many pairs of label boxes overlap (for tests and the bench)."""
    nodes = list(pos)
    count = 0
    for i, a in enumerate(nodes):
        for b in nodes[i + 1:]:
            if (abs(pos[a][0] - pos[b][0]) < (widths[a] + widths[b]) / 2 + 8
                    and abs(pos[a][1] - pos[b][1]) < LABEL_HEIGHT):
                count += 1
    return count


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


