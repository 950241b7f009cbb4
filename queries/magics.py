"""`%cypher` / `%%cypher` for Jupyter: Cypher on the embedded store or Neo4j, results as pandas.

    %load_ext samverkan.queries.magics
    section = "3.1"
    %%cypher
    MATCH (a:Actor)-[f:FINANCES]->(i:Initiative) WHERE f.section STARTS WITH $section
    RETURN a.name AS funder, i.name AS initiative

`$name` parameters take the value of the Python variable `name`. Options:
`--backend embedded|neo4j` (default: Neo4j when NEO4J_URI is set, else the embedded store),
`--name QUERY` to run a catalogue query (its parameters from the notebook's variables of the
same names), `--region R`, `--year Y`, `--doc D` to limit a catalogue query to those reports
(else the variable `docs`, if set), `--graph` to draw the result as a small network, `-o VAR`
to also store the DataFrame in VAR. Queries run read-only.
"""
from __future__ import annotations

import argparse
import re
import shlex
from typing import Any

import pandas as pd
from IPython.core.magic import Magics, line_cell_magic, magics_class

from samverkan import settings
from samverkan.errors import SamverkanError

PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="%cypher", add_help=False, exit_on_error=False)
    p.add_argument("--backend", choices=["embedded", "neo4j"])
    p.add_argument("--name")
    p.add_argument("--region")
    p.add_argument("--year", type=int)
    p.add_argument("--doc")
    p.add_argument("--graph", action="store_true")
    p.add_argument("-o", "--output")
    return p


def parameters(query: str, namespace: dict[str, Any]) -> dict[str, Any]:
    """Values for the query's `$name` parameters from the notebook's variables."""
    params = {}
    for name in dict.fromkeys(PARAM.findall(query)):
        if name not in namespace:
            raise SamverkanError(f"parameter ${name} has no Python variable of that name")
        params[name] = namespace[name]
    return params


def draw(frame: pd.DataFrame, max_nodes: int = 150):
    """A small network of the nodes and relationships in a result, as a PNG image (networkx + matplotlib)."""
    import io

    import networkx as nx
    from IPython.display import Image
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    g = nx.Graph()
    for row in frame.itertuples(index=False):
        cells = [c for c in row if isinstance(c, dict) and "_label" in c]
        names = [c.get("name") or c.get("title") or c.get("id") for c in cells]
        for name, cell in zip(names, cells):
            g.add_node(name, label=cell["_label"])
        for a, b in zip(names, names[1:]):
            g.add_edge(a, b)
        if not cells and len(row) >= 2 and all(isinstance(c, str) for c in row[:2]):
            g.add_edge(row[0], row[1])  # two name columns: draw them as an edge
    if g.number_of_nodes() > max_nodes:
        keep = sorted(g.degree, key=lambda kv: kv[1], reverse=True)[:max_nodes]
        g = g.subgraph(n for n, _ in keep).copy()
    fig = Figure(figsize=(8, 6))
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    pos = nx.spring_layout(g, seed=7)
    nx.draw_networkx(g, pos, ax=ax, node_size=300, font_size=7, node_color="#9ecae1", edge_color="#888")
    ax.set_axis_off()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=90, bbox_inches="tight")
    return Image(data=buffer.getvalue(), format="png")


@magics_class
class CypherMagics(Magics):
    def __init__(self, shell):
        super().__init__(shell)
        self._stores: dict[str, Any] = {}

    def store(self, backend: str | None):
        from samverkan.graph.store import open_store

        backend = backend or settings.default_backend()
        if backend not in self._stores:
            self._stores[backend] = open_store(backend, create=False) if backend == "embedded" else open_store(backend)
        return self._stores[backend]

    @line_cell_magic
    def cypher(self, line: str, cell: str | None = None):
        try:
            args, rest = _parser().parse_known_args(shlex.split(line))
        except (argparse.ArgumentError, SystemExit) as exc:
            print(f"%cypher: {exc}")
            return None
        query = cell if cell is not None else " ".join(rest)
        namespace = self.shell.user_ns if self.shell else {}
        try:
            store = self.store(args.backend)
            if args.name:
                from samverkan.queries.catalogue import get, run_named

                from samverkan.queries.selection import Selection, resolve_docs

                spec = get(args.name)
                wanted = [getattr(p, "name", p) for p in getattr(spec, "params", [])]
                params = {p: namespace[p] for p in wanted if p in namespace}
                selection = Selection(args.region, args.year, args.doc)
                if not selection.empty and "docs" in wanted:
                    params["docs"] = resolve_docs(store, selection)
                frame = run_named(store, args.name, params)
            else:
                frame = store.query_readonly(query, parameters(query, namespace))
        except SamverkanError as exc:
            print(f"%cypher: {exc}")
            return None
        if args.output:
            namespace[args.output] = frame
        if args.graph:
            from IPython.display import display

            display(draw(frame))
        return frame


def load_ipython_extension(ipython) -> None:
    ipython.register_magics(CypherMagics)
