"""Helpers of the Cypher page (no Streamlit): parameters of a query text, result cells as
text, and the actors/initiatives a result mentions (for its small graph)."""
from __future__ import annotations

import json
import re
from typing import Any

import pandas as pd

from samverkan.errors import QueryError

_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_INT = re.compile(r"^[+-]?\d+$")

DEFAULT_QUERY = (
    "MATCH (a:Actor)-[r:FINANCES]->(i:Initiative)\n"
    "WHERE r.section STARTS WITH $kapitel\n"
    "RETURN a.name AS finansiar, i.name AS insats, r.amount_sek AS belopp, r.section AS avsnitt, r.line AS rad\n"
    "ORDER BY avsnitt, rad\n"
    "LIMIT 50"
)
DEFAULT_PARAMS = {"kapitel": "3"}
TYPE_TEXT, TYPE_INT = "text", "heltal"


def query_params(text: str) -> list[str]:
    """The $parameters a query uses, in order of first appearance (string literals and
    comments are skipped, so '$x' inside quotes is not a parameter)."""
    from samverkan.graph.store import strip_literals

    try:
        bare = strip_literals(text or "")
    except QueryError:
        bare = text or ""
    return list(dict.fromkeys(_PARAM.findall(bare)))


def guess_type(name: str, value: str) -> str:
    """The type a parameter field starts with: text for the default query's own parameters,
    else an integer when the value looks like one (the rule of `samverkan query --param`)."""
    if name in DEFAULT_PARAMS:
        return TYPE_TEXT
    return TYPE_INT if _INT.match((value or "").strip()) else TYPE_TEXT


def coerce_value(value: str, kind: str = TYPE_TEXT) -> Any:
    """What the user typed, as the chosen type; QueryError when it is not an integer."""
    value = value if value is not None else ""
    if kind == TYPE_INT:
        if not _INT.match(value.strip()):
            raise QueryError(f"parameter value {value!r} is not an integer")
        return int(value.strip())
    return value


def cell_text(value: Any) -> Any:
    """A result cell for display: nodes, relationships, maps and lists as compact JSON."""
    if isinstance(value, (dict, list, tuple)):
        return json.dumps(_plain(value), ensure_ascii=False, default=str)
    return value


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def display_frame(df: pd.DataFrame, swedish: bool = False) -> pd.DataFrame:
    """Result cells as text. With `swedish` (a catalogue query's result), column headings
    come from queries/labels_sv.yaml and schema keys in the value columns ("FINANCES",
    "state_agency") become their Swedish labels; a user's own query keeps its own names."""
    from samverkan.queries.catalogue import column_label_sv, value_columns_sv
    from samverkan.ui.labels import schema_value_sv

    values = value_columns_sv() if swedish else set()

    def cell(col: str, v: Any) -> Any:
        return cell_text(schema_value_sv(v) if col in values else v)

    columns = list(df.columns)
    names = [column_label_sv(str(c)) if swedish else str(c) for c in columns]
    names = [n if names.index(n) == i else f"{n} ({i})" for i, n in enumerate(names)]  # duplicates stay apart
    rows = [[cell(str(c), v) for c, v in zip(columns, row)] for row in df.itertuples(index=False, name=None)]
    return pd.DataFrame(rows, columns=names)


def mentioned_nodes(df: pd.DataFrame, nodes: dict[str, dict[str, Any]]) -> list[str]:
    """Node ids a result mentions: node values (with an id), path members, and text cells
    equal to an actor's or initiative's id or name (case and diacritics ignored)."""
    from samverkan.graph.folding import fold

    by_name: dict[str, str] = {}
    for node_id, node in nodes.items():
        by_name.setdefault(fold(node["name"]), node_id)
    found: list[str] = []

    def visit(value: Any) -> None:
        if isinstance(value, dict):
            node_id = value.get("id")
            if isinstance(node_id, str) and node_id in nodes:
                found.append(node_id)
            for v in value.values():
                if isinstance(v, (list, tuple)):
                    visit(v)
        elif isinstance(value, (list, tuple)):
            for v in value:
                visit(v)
        elif isinstance(value, str):
            if value in nodes:
                found.append(value)
            else:
                hit = by_name.get(fold(value))
                if hit:
                    found.append(hit)

    for row in df.itertuples(index=False, name=None):
        for value in row:
            visit(value)
    return list(dict.fromkeys(found))


def same_query(a: str, b: str) -> bool:
    return " ".join((a or "").split()) == " ".join((b or "").split())

