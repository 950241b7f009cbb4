"""Which reports a question is about: a region, a year, or one document, resolved once to the
document ids every catalogue query takes as `docs`.

Used by every command (`--region`, `--year`, `--doc`), the app's selector and the notebook.
A region is matched by its name, its actor id or a part of either, case and å/ä/ö folded
("Dalarna", "region-dalarna", "dalarna" all name Region Dalarna).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from samverkan.errors import QueryError
from samverkan.graph.folding import fold

from .catalogue import run_named


@dataclass(frozen=True)
class Selection:
    region: str | None = None
    year: int | None = None
    doc: str | None = None

    @property
    def empty(self) -> bool:
        return not (self.region or self.year or self.doc)

    def describe(self) -> str:
        parts = [f"document {self.doc}"] if self.doc else []
        parts += [f"region {self.region}"] if self.region else []
        parts += [f"year {self.year}"] if self.year else []
        return ", ".join(parts) or "every report"


def _region_matches(wanted: str, row: dict[str, Any]) -> bool:
    needle = fold(wanted).replace("-", " ")
    names = [row.get("region") or "", row.get("region_actor") or ""]
    return any(needle == fold(n).replace("-", " ") or needle in fold(n).replace("-", " ") for n in names if n)


def select_documents(documents: pd.DataFrame, selection: Selection) -> list[str]:
    """The ids of `documents` (the catalogue's `documents` rows) that `selection` names, in
    order; [] for an empty selection (every document). An unmatched selection is a one-line
    QueryError naming what the store holds."""
    if selection.empty:
        return []
    rows = documents.to_dict("records")
    held = ", ".join(r["doc"] for r in rows) or "nothing"
    if selection.doc:
        chosen = [r for r in rows if r["doc"] == selection.doc]
        if not chosen:
            raise QueryError(f"no report {selection.doc!r} in the store; it holds: {held}")
    else:
        chosen = rows
    if selection.region:
        chosen = [r for r in chosen if _region_matches(selection.region, r)]
    if selection.year:
        chosen = [r for r in chosen if r.get("year") is not None and int(r["year"]) == int(selection.year)]
    if not chosen:
        raise QueryError(f"no report for {selection.describe()} in the store; it holds: {held}")
    return [r["doc"] for r in chosen]


def resolve_docs(store: Any, selection: Selection) -> list[str]:
    """The document ids of `selection` in `store` ([] = every document)."""
    if selection.empty:
        return []
    return select_documents(run_named(store, "documents", {}), selection)


def newest_per_region(documents: pd.DataFrame) -> dict[str, str]:
    """Region name -> the id of its newest report (the app's default selection)."""
    out: dict[str, tuple[int, str]] = {}
    for row in documents.to_dict("records"):
        year = int(row["year"]) if row.get("year") is not None and row["year"] == row["year"] else -1
        key = row.get("region") or row["doc"]
        if key not in out or year > out[key][0]:
            out[key] = (year, row["doc"])
    return {k: v[1] for k, v in out.items()}
