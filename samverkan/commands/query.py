"""`samverkan query (CYPHER | --name NAME) [--param k=v ...]`: a read-only query on a store.

The query runs on the read-only path of the store (a write is refused before it reaches the
engine, and the engine runs it in read-only mode as well); results print as a table, CSV
or JSON. `--name` runs a query of the catalogue (queries/*.cypher).
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

from samverkan import settings
from samverkan.errors import EXIT_USAGE, SamverkanError

_INT = re.compile(r"^[+-]?\d+$")


def register(sub) -> None:
    p = sub.add_parser(
        "query",
        help="run a read-only Cypher query (or a named catalogue query) on a store",
        description="Run a read-only Cypher query on the embedded store or on Neo4j. Writes are refused.",
    )
    p.add_argument("cypher", nargs="?", help="the Cypher query (read-only)")
    p.add_argument("--name", help="run this named query of the catalogue instead")
    p.add_argument("--param", "-p", action="append", default=[], metavar="K=V",
                   help="query parameter $K (an integer when V looks like one, else a string); repeatable")
    p.add_argument("--backend", choices=["embedded", "neo4j"],
                   help=f"store to query (default: SAMVERKAN_BACKEND, neo4j when NEO4J_URI is set; now {settings.default_backend()})")
    p.add_argument("--uri", help="Neo4j URI (default NEO4J_URI); implies --backend neo4j")
    p.add_argument("--store", type=Path, help=f"embedded store path (default {settings.store_path()})")
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    p.add_argument("--doc", help="with --name: only this report (document id)")
    p.add_argument("--region", help="with --name: only the reports of this region (name or id)")
    p.add_argument("--year", type=int, help="with --name: only the reports of this year")
    p.set_defaults(func=run)


def parse_params(items: list[str]) -> dict[str, Any]:
    params: dict[str, Any] = {}
    for item in items:
        key, sep, value = item.partition("=")
        key = key.strip()
        if not sep or not re.match(r"^[A-Za-z_][A-Za-z0-9_]*$", key):
            raise SamverkanError(f"--param wants K=V with K a parameter name, got {item!r}", exit_code=EXIT_USAGE)
        params[key] = int(value) if _INT.match(value.strip()) else value
    return params


def _plain(value: Any) -> Any:
    """A result cell as JSON: tuples -> lists, maps stay maps."""
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, float) and value != value:
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _csv_cell(value: Any) -> Any:
    if isinstance(value, (tuple, dict)):
        return json.dumps(_plain(value), ensure_ascii=False)
    return value


def render(df, fmt: str) -> str:
    import pandas as pd

    if fmt == "json":
        records = [{col: _plain(v) for col, v in zip(df.columns, row)} for row in df.itertuples(index=False, name=None)]
        return json.dumps(records, ensure_ascii=False, indent=2, default=str)
    if fmt == "csv":
        return df.map(_csv_cell).to_csv(index=False).rstrip("\n")
    if df.empty:
        return "(no rows)" if len(df.columns) == 0 else " ".join(map(str, df.columns)) + "\n(no rows)"
    with pd.option_context("display.max_colwidth", 100, "display.width", 10_000,
                           "display.max_columns", None, "display.max_rows", None):
        return df.to_string(index=False)


def run_query(store, args) -> Any:
    params = parse_params(args.param)
    if args.name:
        from samverkan.queries.catalogue import get, run_named
        from samverkan.queries.selection import Selection, resolve_docs

        selection = Selection(args.region, args.year, args.doc)
        if not selection.empty:
            if "docs" not in {p.name for p in get(args.name).params}:
                raise SamverkanError(f"query {args.name} is not limited to reports: drop --doc/--region/--year",
                                     exit_code=EXIT_USAGE)
            params["docs"] = resolve_docs(store, selection)
        return run_named(store, args.name, params)
    if args.doc or args.region or args.year:
        raise SamverkanError("--doc/--region/--year go with --name (in your own Cypher use $-parameters)",
                             exit_code=EXIT_USAGE)
    return store.query_readonly(args.cypher, params)


def run(args) -> int:
    from samverkan.graph.store import open_store

    if bool(args.cypher) == bool(args.name):
        raise SamverkanError("give either a Cypher query or --name NAME", exit_code=EXIT_USAGE)
    backend = args.backend or ("neo4j" if args.uri else settings.default_backend())
    if backend == "embedded" and args.uri:
        raise SamverkanError("--uri is for --backend neo4j", exit_code=EXIT_USAGE)
    if backend == "embedded":
        store = open_store("embedded", path=args.store, create=False, read_only=True)
    else:
        store = open_store("neo4j", uri=args.uri)
    with store:
        df = run_query(store, args)
    sys.stdout.write(render(df, args.format) + "\n")
    return 0
