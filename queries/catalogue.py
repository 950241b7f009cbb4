"""The catalogue of named Cypher queries: one `queries/<name>.cypher` file per query.

Each file starts with a header of `//` comment lines that describes the query as data:

    // name: cofinance_by_section
    // title: Who co-finances what in a report section
    // title_sv: Gemensam finansiering i ett avsnitt
    // description_sv: what the query answers, in Swedish (the app shows it)
    // description: free text, continued on indented comment lines
    // params: section (string, e.g. "3.1"), docs (list, optional: document ids)
    // columns: initiative, name, kind, ...
    // order: actor, relation, partner        (optional, see below)

`params` lists each parameter as `name (type[, optional][, default VALUE][, folded][: text])`
where type is string, int or list (of strings: `docs`, the documents a query is limited to,
empty for every document; "a,b" from the command line). `columns` is the exact list of
result columns. `order` is for
queries made of UNION parts: neither engine orders a UNION as a whole, so `run_named` sorts
the result by these columns (a stable sort; nulls first).

The body is Cypher that both engines accept. Where they cannot share one text (LadybugDB
has list_sort() but no COLLECT { } subquery or toString(), Neo4j the reverse; paths are
spelled differently), `<name>.ladybug.cypher` next to it holds the LadybugDB form and
`run_named` picks it on the embedded store. The parity tests in tests/queries prove that
both forms return the same rows.

A parameter marked `folded` is compared case- and diacritic-insensitively: `run_named`
folds the value with `graph.folding.fold()` and the query folds the stored text with the same
nested replace() calls (`fold_cypher`), which both engines
support. So "lansstyrelsen" finds "Länsstyrelsen ...".

What a user sees is Swedish: `title_sv` and `description_sv` from the header, column headings
and parameter help from queries/labels_sv.yaml (`column_label_sv`, `param_help_sv`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from samverkan.errors import QueryError
from samverkan.graph.folding import fold

QUERY_DIR = Path(__file__).resolve().parent
LADYBUG_SUFFIX = ".ladybug.cypher"

# Parameters whose value has a fixed shape (checked before the query runs).
PARAM_PATTERNS = {
    "section": (re.compile(r"^\d+(?:\.\d+)*$"), 'a section number such as "3.1"'),
}

_HEADER = re.compile(r"^//\s?(?P<key>[a-z_]+):\s*(?P<value>.*)$")
_CONT = re.compile(r"^//\s{2,}(?P<value>\S.*)$")
_PARAM = re.compile(r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*(?:\((?P<spec>.*)\))?$", re.S)
_DEFAULT = re.compile(r'default\s+(?:"(?P<q>[^"]*)"|(?P<bare>[^\s,:]+))')
TYPES = {"string": str, "int": int, "list": list}


@dataclass(frozen=True)
class Param:
    name: str
    type: str = "string"
    optional: bool = False
    default: Any = None
    folded: bool = False
    text: str = ""

    def describe(self) -> str:
        return f"{self.name} ({self.text})" if self.text else self.name


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    title_sv: str
    description: str
    description_sv: str
    params: tuple[Param, ...]
    columns: tuple[str, ...]
    order: tuple[str, ...]
    path: Path
    cypher: str  # the shared (Neo4j) text, header stripped
    variants: dict[str, str] = field(default_factory=dict)  # backend -> text

    def text(self, backend: str | None = None) -> str:
        """The Cypher to run on `backend` ("embedded" picks the .ladybug.cypher form if any)."""
        return self.variants.get(backend or "", self.cypher)

    @property
    def required(self) -> list[str]:
        return [p.name for p in self.params if not p.optional]

    def bind(self, params: dict[str, Any] | None) -> dict[str, Any]:
        """Check and complete the parameters: every required one present, no unknown ones,
        types coerced (an int given for a string parameter becomes its text), defaults filled
        in, folded ones folded. Raises QueryError with a one-line message."""
        given = dict(params or {})
        known = {p.name: p for p in self.params}
        unknown = sorted(set(given) - set(known))
        if unknown:
            raise QueryError(f"query {self.name} has no parameter {', '.join(unknown)}; "
                             f"it takes: {self._signature()}")
        missing = [p for p in self.params if not p.optional and given.get(p.name) in (None, "")]
        if missing:
            raise QueryError(f"query {self.name} needs parameter "
                             f"{', '.join(p.describe() for p in missing)}")
        out: dict[str, Any] = {}
        for p in self.params:
            value = given.get(p.name)
            if value is None:
                value = [] if p.type == "list" and p.default is None else p.default
            if value is not None:
                value = _coerce(self.name, p, value)
            if p.folded and isinstance(value, str):
                value = fold(value)
            pattern = PARAM_PATTERNS.get(p.name)
            if pattern and value not in (None, "") and not pattern[0].match(str(value)):
                raise QueryError(f"query {self.name}: parameter {p.name} wants {pattern[1]}, got {value!r}")
            out[p.name] = value
        return out

    def _signature(self) -> str:
        return ", ".join(p.name + ("?" if p.optional else "") for p in self.params) or "no parameters"


def _coerce(query: str, param: Param, value: Any) -> Any:
    if param.type == "string":
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise QueryError(f"query {query}: parameter {param.name} wants a string, got {value!r}")
        return value if isinstance(value, str) else str(value)
    if param.type == "int":
        try:
            return int(value)
        except (TypeError, ValueError):
            raise QueryError(f"query {query}: parameter {param.name} wants an integer, got {value!r}") from None
    if param.type == "list":
        # a list of strings; "a,b" (from the command line) is two, "" is none
        items = value.split(",") if isinstance(value, str) else value
        if not isinstance(items, (list, tuple)) or not all(isinstance(v, (str, int)) and not isinstance(v, bool) for v in items):
            raise QueryError(f"query {query}: parameter {param.name} wants a list of strings, got {value!r}")
        return [str(v).strip() for v in items if str(v).strip()]
    return value


def _split_top(text: str) -> list[str]:
    """Split on commas that are not inside parentheses or double quotes."""
    parts, depth, quoted, cur = [], 0, False, []
    for ch in text:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch == "(":
            depth += 1
        elif not quoted and ch == ")":
            depth -= 1
        if ch == "," and depth == 0 and not quoted:
            parts.append("".join(cur).strip())
            cur = []
        else:
            cur.append(ch)
    if "".join(cur).strip():
        parts.append("".join(cur).strip())
    return parts


def parse_params(text: str, source: str = "") -> tuple[Param, ...]:
    out = []
    for item in _split_top(text.strip()):
        if item.lower() in ("none", "-"):
            continue
        m = _PARAM.match(item)
        if not m:
            raise ValueError(f"{source}: cannot read parameter {item!r}")
        spec = (m.group("spec") or "").strip()
        words = [w.strip().lower() for w in re.split(r"[,:]", spec)]
        ptype = words[0] if words and words[0] in TYPES else "string"
        d = _DEFAULT.search(spec)
        default = None
        if d:
            default = d.group("q") if d.group("q") is not None else d.group("bare")
            if ptype == "int":
                default = int(default)
        out.append(Param(m.group("name"), ptype, "optional" in words, default, "folded" in spec.lower(), spec))
    return tuple(out)


def parse_file(path: Path) -> tuple[dict[str, str], str]:
    """(header fields, body) of a .cypher file: the header is the leading `//` lines."""
    fields: dict[str, str] = {}
    lines = path.read_text(encoding="utf-8").splitlines()
    last = None
    body_start = len(lines)
    for i, line in enumerate(lines):
        stripped = line.strip()
        if not stripped.startswith("//"):
            body_start = i
            break
        m = _HEADER.match(stripped)
        c = _CONT.match(stripped)
        if c and last:
            fields[last] += " " + c.group("value").strip()
        elif m:
            last = m.group("key")
            fields[last] = m.group("value").strip()
        else:
            last = None
    body = "\n".join(lines[body_start:]).strip()
    return fields, body


def _names(text: str) -> tuple[str, ...]:
    return tuple(c.strip() for c in text.split(",") if c.strip())


def _load(path: Path) -> NamedQuery:
    fields, body = parse_file(path)
    name = fields.get("name") or path.name[: -len(".cypher")]
    if name != path.name[: -len(".cypher")]:
        raise ValueError(f"{path.name}: header says name {name!r}")
    for key in ("title", "title_sv", "description", "description_sv", "columns"):
        if not fields.get(key):
            raise ValueError(f"{path.name}: header field `{key}` is missing")
    variants = {}
    ladybug = path.with_name(name + LADYBUG_SUFFIX)
    if ladybug.exists():
        variants["embedded"] = parse_file(ladybug)[1]
    return NamedQuery(
        name=name,
        title=fields["title"],
        title_sv=fields["title_sv"],
        description=fields["description"],
        description_sv=fields["description_sv"],
        params=parse_params(fields.get("params", ""), path.name),
        columns=_names(fields["columns"]),
        order=_names(fields.get("order", "")),
        path=path,
        cypher=body,
        variants=variants,
    )


@lru_cache(maxsize=1)
def _catalogue() -> dict[str, NamedQuery]:
    out = {}
    for path in sorted(QUERY_DIR.glob("*.cypher")):
        if path.name.endswith(LADYBUG_SUFFIX):
            continue
        query = _load(path)
        out[query.name] = query
    return out


@lru_cache(maxsize=1)
def labels_sv() -> dict[str, dict]:
    """queries/labels_sv.yaml: Swedish column headings, parameter help, value columns."""
    from samverkan.yamlio import read_yaml

    return read_yaml(QUERY_DIR / "labels_sv.yaml")


def column_label_sv(column: str) -> str:
    """"amount_sek" -> "Belopp (kr)"; a column the file does not know keeps its name."""
    return labels_sv()["columns"].get(column, column)


def param_help_sv(param: str) -> str:
    return labels_sv()["params"].get(param, "")


def value_columns_sv() -> set[str]:
    """Columns whose cells are schema keys (relation types, actor types, kinds, labels)."""
    return {c for cols in labels_sv()["value_columns"].values() for c in cols}


def list_queries() -> list[NamedQuery]:
    """Every named query, by name."""
    return list(_catalogue().values())


def get(name: str) -> NamedQuery:
    try:
        return _catalogue()[name]
    except KeyError:
        raise QueryError(f"no query named {name!r} in the catalogue; known: {', '.join(_catalogue())}") from None


def backend_of(store: Any) -> str:
    return getattr(store, "backend", "") or ""


def _sort_key(value: Any) -> tuple:
    if value is None or (isinstance(value, float) and value != value):
        return (0, "")
    if isinstance(value, bool):
        return (1, int(value))
    if isinstance(value, (int, float)):
        return (1, value)
    return (2, str(value))


def order_frame(df: pd.DataFrame, columns: tuple[str, ...] | list[str]) -> pd.DataFrame:
    """Stable sort by `columns` (nulls first), index reset."""
    if df.empty or not columns:
        return df
    rows = list(df.itertuples(index=False, name=None))
    idx = [list(df.columns).index(c) for c in columns]
    order = sorted(range(len(rows)), key=lambda i: tuple(_sort_key(rows[i][j]) for j in idx))
    out = df.iloc[order].copy()
    out.index = pd.RangeIndex(len(out))
    return out


def run_named(store: Any, name: str, params: dict[str, Any] | None = None) -> pd.DataFrame:
    """Run the named query on `store` (read-only) and return its DataFrame, columns as the
    header declares them. Missing, unknown or malformed parameters raise QueryError."""
    query = get(name)
    bound = query.bind(params)
    df = store.query_readonly(query.text(backend_of(store)), bound)
    if tuple(df.columns) != query.columns:
        raise QueryError(f"query {name} returned columns {', '.join(map(str, df.columns))}; "
                         f"its header declares {', '.join(query.columns)}")
    return order_frame(df, query.order)
