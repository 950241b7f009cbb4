"""What every page shares: the store (opened once per process), cached reads, the sidebar.

The store comes from the same settings as the command line: SAMVERKAN_BACKEND (or NEO4J_URI)
picks embedded or neo4j, SAMVERKAN_STORE the embedded path. It is opened once per process
with st.cache_resource and shared by every session (LadybugDB allows one Database per path
per process). The embedded store is held *read-only*, so `samverkan query` and the notebook
can read it while the app runs; the Källor page opens it read-write for the duration of one
write (`writable_store`). Reads of the graph are cached per *store version*: a counter
bumped after every write or removal from this app (and by the "Läs om grafen" button, for
changes made from outside), so no page shows a graph older than the last change it made.
"""
from __future__ import annotations

import math
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from samverkan import settings
from samverkan.errors import SamverkanError, StoreError

from . import labels
from .labels import count_sv  # noqa: F401  (the pages' one plural helper, as common.count_sv)
from .messages import is_write_refusal, swedish_detail, swedish_error  # noqa: F401  (as common.*)

BACKEND_LABELS = {"embedded": "Inbäddat lager (LadybugDB)", "neo4j": "Neo4j"}


@dataclass(frozen=True)
class StoreConfig:
    backend: str
    path: str | None
    uri: str | None

    @classmethod
    def from_env(cls) -> "StoreConfig":
        backend = settings.default_backend()
        if backend == "embedded":
            return cls("embedded", str(settings.store_path()), None)
        return cls(backend, None, settings.get("NEO4J_URI"))

    def describe(self) -> str:
        if self.backend == "embedded":
            return f"{BACKEND_LABELS['embedded']}: {self.path}"
        from samverkan.graph.neo4j_store import safe_uri

        return f"{BACKEND_LABELS.get(self.backend, self.backend)}: {safe_uri(self.uri or '')}"


class _Version:
    """The store version every cached read is keyed on; shared by all sessions."""

    def __init__(self) -> None:
        self.value = 0
        self._lock = threading.Lock()

    def bump(self) -> int:
        with self._lock:
            self.value += 1
            return self.value


@st.cache_resource(show_spinner=False)
def _version(config: StoreConfig) -> _Version:
    return _Version()


_WRITE_LOCK = threading.RLock()  # a write in progress: readers wait instead of sharing its handle


def _close(store) -> None:
    try:
        store.close()
    except Exception:
        pass


@st.cache_resource(show_spinner="Öppnar grafen …", on_release=_close,
                   validate=lambda s: not getattr(s, "closed", False))
def _open_store(config: StoreConfig):
    from samverkan.graph.store import open_store

    if config.backend == "embedded":
        # Read-only: the notebook and `samverkan query` can read the store while the app runs.
        # Writes (the Källor page) open it read-write for the write only: see writable_store().
        return open_store("embedded", path=config.path, create=False, read_only=True)
    return open_store(config.backend, uri=config.uri)


def config() -> StoreConfig:
    return StoreConfig.from_env()


def store():
    """The store, or a Swedish message and st.stop() when it cannot be opened."""
    cfg = config()
    try:
        if cfg.backend == "embedded":
            with _WRITE_LOCK:  # do not open (and so share) the read-write handle of a running write
                return _open_store(cfg)
        return _open_store(cfg)
    except StoreError as exc:
        _store_missing(cfg, exc)
        st.stop()


@contextmanager
def writable_store():
    """The store, open for writing, for one write. Embedded: the app's shared read-only handle
    is closed, the store opened read-write, and closed again afterwards; the next read reopens
    it read-only. Another process reading the store at that moment makes the write fail with a
    StoreError (nothing written). Neo4j: the shared connection."""
    cfg = config()
    if cfg.backend != "embedded":
        yield store()
        return
    from samverkan.graph.store import open_store

    with _WRITE_LOCK:
        _open_store.clear(cfg)  # closes the read-only handle (on_release)
        writer = open_store("embedded", path=cfg.path, create=False)
        try:
            yield writer
        finally:
            writer.close()


def _store_missing(cfg: StoreConfig, exc: Exception) -> None:
    st.error(f"Grafen kunde inte öppnas. {swedish_error(exc)}")
    if cfg.backend == "embedded" and "no embedded store" in str(exc):
        st.write("Det finns inget inbäddat lager ännu. Bygg det från den medföljande rapporten "
                 f"({settings.BUNDLED_REPORT.name}) eller kör `samverkan build` i terminalen.")
        if st.button("Bygg grafen från den medföljande rapporten", key="build_bundled", type="primary"):
            from samverkan.commands.build import build

            with st.spinner("Läser rapporten och bygger grafen …"):
                try:
                    build([settings.BUNDLED_REPORT], Path(cfg.path) if cfg.path else None)
                except SamverkanError as build_exc:
                    st.error(f"Bygget misslyckades: {swedish_error(build_exc)}")
                    return
            _open_store.clear()
            changed()
            st.rerun()


def version() -> int:
    return _version(config()).value


def changed() -> None:
    """Call after a write or removal: every cached read is stale."""
    _version(config()).bump()


# ---------------------------------------------------------------------------------------
# Cached reads (keyed on the store config and version; the store itself is not hashed)
# ---------------------------------------------------------------------------------------
@st.cache_resource(show_spinner="Läser grafen …", max_entries=2)
def _graph(cfg: StoreConfig, ver: int, _store: Any):
    return _store.read_graph()


def graph():
    """The store's whole graph, read once per store version (shared, read-only: never mutate it)."""
    return _graph(config(), version(), store())


@st.cache_resource(show_spinner="Läser grafen …", max_entries=8)
def _network_data(cfg: StoreConfig, ver: int, docs: tuple[str, ...], _store: Any):
    """The chosen reports' network. For a selection only its documents' facts are read (a
    store of 200 reports is read in a tenth of the time for one region); all reports come
    from the whole graph, read once per store version."""
    from .network import NetworkData

    graph = _store.read_graph(docs) if docs else _graph(cfg, ver, _store)
    return NetworkData.from_graph(graph, docs)


def network_data(docs: tuple[str, ...] | None = None):
    """NetworkData of the chosen reports (the sidebar's choice unless `docs` is given; shared,
    read-only: never mutate it)."""
    s = store()
    try:
        return _network_data(config(), version(), tuple(selected_docs() if docs is None else docs), s)
    except SamverkanError as exc:
        st.error(f"Grafen kunde inte läsas. {swedish_error(exc)}")
        st.stop()


@dataclass(frozen=True)
class DrawnView:
    """A network view as the page draws it: the view, its node positions and its HTML."""

    view: Any
    positions: dict
    html: str


def _draw(view, height: int, actions: tuple) -> DrawnView:
    from .layout import compute_layout
    from .network_html import render_html

    if not view.node_count:
        return DrawnView(view, {}, "")
    pos = compute_layout(view.graph, focus=view.focus)
    return DrawnView(view, pos, render_html(view, height=height, positions=pos, actions=dict(actions)))


@st.cache_resource(show_spinner=False, max_entries=32)
def _view(cfg: StoreConfig, ver: int, docs: tuple[str, ...], flt, height: int, actions: tuple, _data) -> DrawnView:
    from .network import filter_view

    return _draw(filter_view(_data, flt), height, actions)


def network_view(flt, height: int, actions: dict[str, str] | None = None) -> DrawnView:
    """The drawn view for a filter on the chosen reports, cached per store version (shared:
    read-only). `actions`: URL parameters of the canvas's buttons (see network_html)."""
    docs = tuple(selected_docs())
    return _view(config(), version(), docs, flt, height, tuple(sorted((actions or {}).items())), network_data())


@st.cache_resource(show_spinner=False, max_entries=8)
def _national(cfg: StoreConfig, ver: int, docs: tuple[str, ...], min_regions: int, height: int, _data) -> DrawnView:
    from .national import national_view

    return _draw(national_view(_data, min_regions), height, ())


def national_network(min_regions: int, height: int) -> DrawnView:
    """The drawn national view over the chosen reports (ui/national.py)."""
    docs = tuple(selected_docs())
    return _national(config(), version(), docs, min_regions, height, network_data())


@st.cache_data(show_spinner=False, max_entries=256)
def _named(cfg: StoreConfig, ver: int, name: str, params: tuple, _store: Any) -> pd.DataFrame:
    from samverkan.queries.catalogue import run_named

    return run_named(_store, name, {k: list(v) if isinstance(v, tuple) else v for k, v in params})


def run_named(name: str, **params: Any) -> pd.DataFrame:
    """A catalogue query on the store, cached per store version, limited to the reports the
    sidebar chose when the query takes `docs` and none are given. Raises SamverkanError."""
    from samverkan.queries.catalogue import get

    if "docs" not in params and "docs" in {p.name for p in get(name).params}:
        params["docs"] = selected_docs()
    frozen = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()))
    return _named(config(), version(), name, frozen, store())


# ---------------------------------------------------------------------------------------
# The reports every page shows: region and year, chosen in the sidebar
# ---------------------------------------------------------------------------------------
ALL = ""


def catalogue_documents() -> pd.DataFrame:
    """The store's reports as the catalogue's `documents` query gives them (cached)."""
    return _named(config(), version(), "documents", (), store())


def _default_region(docs: pd.DataFrame) -> str:
    """The region of the report built last (else of the newest report)."""
    stored = {r["id"]: r for r in documents().to_dict("records")}
    def built(row: dict) -> tuple:
        return (str(stored.get(row["doc"], {}).get("built") or ""), row.get("year") or 0)
    last = max(docs.to_dict("records"), key=built)
    return last.get("region") or ALL


def report_selector(container=None) -> None:
    """Region and year in the sidebar (remembered across pages and in the URL: ?region=…&ar=…).
    Every page shows the reports chosen here; the default is the newest report of the region
    built last. With one report in the store there is nothing to choose."""
    from samverkan.queries.selection import Selection, select_documents

    try:  # a store that cannot be opened is the page's to explain: choose nothing here
        docs = _named(config(), version(), "documents", (), _open_store(config()))
    except Exception:
        st.session_state["report_docs"] = []
        return
    if len(docs) <= 1:
        st.session_state["report_docs"] = []
        return
    regions = sorted({r for r in docs["region"] if r})
    if "sel_region" not in st.session_state:
        wanted = st.query_params.get("region")
        st.session_state["sel_region"] = wanted if wanted in regions or wanted == ALL else _default_region(docs)
    with container if container is not None else st.sidebar:
        region = st.selectbox("Region", [ALL] + regions, key="sel_region",
                              format_func=lambda r: "Alla regioner" if r == ALL else r,
                              help="Sidorna visar rapporterna för den här regionen (och året nedan).")
        mine = docs if region == ALL else docs[docs["region"] == region]
        years = sorted({int(y) for y in mine["year"] if y == y and y is not None}, reverse=True)
        options = [ALL] + [str(y) for y in years]
        if st.session_state.get("sel_year") not in options:
            wanted = st.query_params.get("ar")
            st.session_state["sel_year"] = wanted if wanted in options else (str(years[0]) if years and region != ALL else ALL)
        year = st.selectbox("År", options, key="sel_year", format_func=lambda y: "Alla år" if y == ALL else y)
    st.query_params["region"] = region
    st.query_params["ar"] = year
    selection = Selection(region or None, int(year) if year else None)
    st.session_state["report_docs"] = select_documents(docs, selection) if not selection.empty else []


def selected_docs() -> list[str]:
    """The reports the sidebar chose ([] = every report in the store)."""
    return list(st.session_state.get("report_docs") or [])


def selection_caption() -> None:
    """"Rapporter: Region X 2021 (välj …)": what the page shows, when the store has several."""
    if len(catalogue_documents()) > 1:
        st.caption(f"Rapporter: {selection_label()} (välj region och år i sidopanelen).")


def report_name(row: dict) -> str:
    """"Region Jämtland Härjedalen 2021": a report (a `documents` row) as a user names it."""
    year = row.get("year")
    return f"{row.get('region') or row['doc']} {int(year) if year == year and year else ''}".strip()


def selection_label() -> str:
    """"Region Jämtland Härjedalen 2021", "alla rapporter": what the pages show, in words."""
    docs = selected_docs()
    if not docs:
        return "alla rapporter"
    return ", ".join(report_name(r) for r in catalogue_documents().to_dict("records") if r["doc"] in docs)


@st.cache_data(show_spinner=False, max_entries=8)
def _documents(cfg: StoreConfig, ver: int, _store: Any) -> pd.DataFrame:
    return _store.documents()


def documents() -> pd.DataFrame:
    return _documents(config(), version(), store())


@st.cache_data(show_spinner=False, max_entries=8)
def _counts(cfg: StoreConfig, ver: int, _store: Any) -> dict[str, int]:
    return _store.counts()


def counts() -> dict[str, int]:
    return _counts(config(), version(), store())


# ---------------------------------------------------------------------------------------
# Sidebar and small helpers
# ---------------------------------------------------------------------------------------
def sidebar(container=None) -> None:
    """Which store the app shows and what it holds, with a button to read it again."""
    cfg = config()
    with container if container is not None else st.sidebar:
        st.caption(cfg.describe())
        try:
            c = _counts(cfg, version(), _open_store(cfg))
        except Exception:  # the page itself says what is wrong with the store
            c = None
        if c is not None:
            st.caption(f"{c.get('Document', 0)} dokument · {count_sv(c.get('Actor', 0), 'aktör', 'aktörer')} · "
                       f"{count_sv(c.get('Initiative', 0), 'insats', 'insatser')} · "
                       f"{count_sv(c.get('relations', 0), 'relation', 'relationer')}")
        if st.button("Läs om grafen", key="reload_graph", help="Läs grafen på nytt från lagret (efter ändringar utanför appen)."):
            changed()
            st.rerun()


def actor_options(data) -> list[str]:
    """Actor ids sorted by name (for select boxes)."""
    actors = [(n["name"].lower(), node_id) for node_id, n in data.nodes.items() if n["label"] == "Actor"]
    return [node_id for _, node_id in sorted(actors)]


def node_name(data, node_id: str | None) -> str:
    if not node_id:
        return ""
    node = data.nodes.get(node_id)
    if node is None:
        return node_id
    kind = (labels.actor_type_label(node["type"] or "other") if node["label"] == "Actor"
            else labels.initiative_kind_label(node["kind"]))
    return f"{node['name']} ({kind})"


COLUMN_WIDTHS = {
    "Belägg": 400, "Rad": 64, "Avsnitt": 80, "Antal": 64, "Typ": 130, "Belopp": 100, "Instrument": 95,
    "Relation": 120, "Roll": 100, "Hur": 150, "Första avsnitt": 110, "Antal belägg": 100,
}
EVIDENCE_ROW_HEIGHT = 66  # three lines of text: long evidence sentences wrap instead of being cut


def table(df: pd.DataFrame, widths: dict[str, int] | None = None, key: str | None = None) -> None:
    """A dataframe with the app's column widths; rows tall enough for evidence sentences to
    wrap when the table has a Belägg column."""
    widths = {**COLUMN_WIDTHS, **(widths or {})}
    config = {}
    for col in df.columns:
        w = widths.get(col)
        if col == "Rad" or col == "År":
            config[col] = st.column_config.NumberColumn(format="%d", width=w)
        elif pd.api.types.is_numeric_dtype(df[col]):
            config[col] = st.column_config.NumberColumn(width=w)
        else:
            config[col] = st.column_config.TextColumn(width=w)
    wrap = "Belägg" in df.columns and not pd.api.types.is_numeric_dtype(df["Belägg"])
    height = evidence_row_height(df["Belägg"].tolist(), widths["Belägg"]) if wrap else None
    st.dataframe(df, hide_index=True, width="stretch", column_config=config, key=key, row_height=height)


CHAR_PX = 7.2       # average width of a character of the table font (px)
LINE_PX = 21        # height of a line of wrapped cell text (px)
MAX_ROW_PX = 480    # a row never taller than this (a paragraph-long "sentence" scrolls in its cell)


def evidence_row_height(sentences: list[Any], width_px: int) -> int:
    """Row height (px) at which the longest evidence sentence wraps whole in a column of
    `width_px`: every row of a table has one height, so the longest sets it (at least three
    lines, EVIDENCE_ROW_HEIGHT)."""
    per_line = max(10, int((width_px - 16) / CHAR_PX))
    lines = max([math.ceil(len(str(s or "")) / per_line) for s in sentences] or [1])
    return int(min(MAX_ROW_PX, max(EVIDENCE_ROW_HEIGHT, LINE_PX * lines + 14)))


def join_list(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value if v is not None)
    return str(value)
