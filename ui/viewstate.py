"""A page's view lives in its URL: every control named here is read from the query string
when a session opens the page and written back after each run, so a copied link reopens the
same view (filters, focus, expanded and hidden nodes, styling rules) and the network's own
buttons (Fokusera, Visa grannar, Dölj) work by changing the URL.

    FIELDS = [UrlField("nat_depth", "steg", "int", 1), ...]
    viewstate.restore(FIELDS)      # before the widgets: URL value (or default) into session state
    ... widgets with key=field.key and no default of their own ...
    viewstate.publish(FIELDS)      # after: non-default values into the URL, defaults left out

Values are encoded plainly: lists comma-separated ("avsnitt=3.1,3.3"), booleans 1/0. A
value the page no longer offers (an unknown section, a removed actor) is dropped by
`restore` when the field lists its `options`, so an old link still opens.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterable, Mapping

KINDS = ("list", "str", "int", "float", "bool")


@dataclass(frozen=True)
class UrlField:
    key: str                  # the widget's key in st.session_state
    param: str                # its name in the URL (Swedish, short: "avsnitt", "fokus")
    kind: str                 # one of KINDS
    default: Any


def decode(field: UrlField, raw: str | None, options: Iterable[Any] | None = None) -> Any:
    """The URL's text as the widget's value; the default when absent or malformed.
    decode(UrlField("k", "avsnitt", "list", []), "3.1,3.3") -> ["3.1", "3.3"]"""
    if raw is None:
        return field.default
    try:
        if field.kind == "list":
            value: Any = [v for v in raw.split(",") if v]
            if options is not None:
                allowed = list(options)
                value = [v for v in value if v in allowed]
            return value
        if field.kind == "int":
            return int(raw)
        if field.kind == "float":
            return float(raw)
        if field.kind == "bool":
            return raw in ("1", "true", "ja")
        value = raw
        if options is not None and value not in list(options):
            return field.default
        return value
    except ValueError:
        return field.default


def encode(field: UrlField, value: Any) -> str | None:
    """The widget's value as URL text; None when it is the default (left out of the URL)."""
    if value is None or value == field.default:
        return None
    if field.kind == "list":
        if field.default is not None and set(value) == set(field.default):
            return None
        return ",".join(str(v) for v in value)
    if field.kind == "bool":
        return "1" if value else "0"
    if field.kind == "float":
        return f"{float(value):g}"
    return str(value)


def restore(fields: Iterable[UrlField], options: Mapping[str, Iterable[Any]] | None = None,
            state: Any = None, params: Any = None) -> None:
    """Give every field's widget its value before it is drawn: from the URL when the session
    has none yet (a new session opened a link), else it keeps what the user set."""
    import streamlit as st

    state = st.session_state if state is None else state
    params = st.query_params if params is None else params
    options = options or {}
    for field in fields:
        if field.key not in state:
            state[field.key] = decode(field, params.get(field.param), options.get(field.key))


def publish(fields: Iterable[UrlField], state: Any = None, params: Any = None,
            value_of: Callable[[UrlField], Any] | None = None) -> None:
    """Write the fields' current values into the URL (defaults removed)."""
    import streamlit as st

    state = st.session_state if state is None else state
    params = st.query_params if params is None else params
    for field in fields:
        value = value_of(field) if value_of else state.get(field.key, field.default)
        text = encode(field, value)
        if text is None:
            if field.param in params:
                del params[field.param]
        elif params.get(field.param) != text:
            params[field.param] = text
