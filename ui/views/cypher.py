"""Cypher: a read-only console. The catalogue's queries are the examples; every $parameter of
the query gets an input field and is passed to the engine as a query parameter (never pasted
into the text). Writes are refused, with a message in Swedish."""
import re

import streamlit as st

from samverkan.errors import QueryError, SamverkanError
from samverkan.queries import catalogue
from samverkan.ui import common, labels
from samverkan.ui.cypher_console import (DEFAULT_PARAMS, DEFAULT_QUERY, TYPE_INT, TYPE_TEXT, coerce_value,
                                         display_frame, guess_type, mentioned_nodes, query_params, same_query)
from samverkan.ui.network import subgraph_view
from samverkan.ui.network_html import render_html

st.title("Cypher")
store = common.store()
backend = getattr(store, "backend", "")
st.caption("Ställ egna frågor i Cypher mot grafen — samma frågor fungerar på det inbäddade lagret och på Neo4j. "
           "Konsolen är skrivskyddad. Parametrar skrivs som $namn och fylls i fälten nedanför frågan.")

queries = {q.name: q for q in catalogue.list_queries()}


def _example_default(param) -> str:
    if param.default not in (None, ""):
        return str(param.default)
    m = re.search(r'e\.g\.\s*"([^"]+)"', param.text or "")
    return m.group(1) if m else ""


def _load_example() -> None:
    name = st.session_state.get("cy_example") or ""
    st.session_state["cy_text"] = queries[name].text(backend) if name else DEFAULT_QUERY
    for key in [k for k in st.session_state if str(k).startswith("cy_param_")]:
        del st.session_state[key]
    st.session_state.pop("cy_result", None)


if "cy_text" not in st.session_state:
    st.session_state["cy_text"] = DEFAULT_QUERY

example = st.selectbox("Exempel ur frågekatalogen", [""] + list(queries), key="cy_example", on_change=_load_example,
                       format_func=lambda n: "Egen fråga" if not n else f"{queries[n].title_sv} ({n})")
query = queries.get(example) if example else None
if query is not None:
    st.caption(query.description_sv)

text = st.text_area("Fråga (Cypher, skrivskyddad)", key="cy_text", height=220)

names = query_params(text)
params: dict = {}
param_error = None
if names:
    st.markdown("**Parametrar**")
    meta = {p.name: p for p in query.params} if query is not None else {}
    for name in names:
        p = meta.get(name)
        if p is not None:  # a catalogue parameter: its type and description come from the catalogue
            kind_sv = {"int": "heltal", "list": "lista"}.get(p.type, "text")
            value = st.text_input(f"${name}", value=_example_default(p), key=f"cy_param_{name}",
                                  help=f"{catalogue.param_help_sv(name)} ({kind_sv}{', valfri' if p.optional else ''})")
            if value.strip() == "" and p.optional:
                continue
            kind = TYPE_INT if p.type == "int" else TYPE_TEXT
        else:
            c1, c2 = st.columns([4, 1], vertical_alignment="bottom")
            default = DEFAULT_PARAMS.get(name, "")
            value = c1.text_input(f"${name}", value=default, key=f"cy_param_{name}")
            kind = c2.segmented_control("Typ", [TYPE_TEXT, TYPE_INT], default=guess_type(name, default),
                                        key=f"cy_type_{name}", label_visibility="collapsed") or TYPE_TEXT
        try:
            params[name] = coerce_value(value, kind)
        except QueryError:
            param_error = f"Parametern ${name} ska vara ett heltal, inte ”{value}”."

if st.button("Kör frågan", type="primary", key="cy_run", icon=":material/play_arrow:"):
    try:
        if param_error:
            raise QueryError(param_error)
        if query is not None and same_query(text, query.text(backend)):
            df = catalogue.run_named(store, query.name, params)
        else:
            df = store.query_readonly(text, params)
        st.session_state["cy_result"] = {"df": df, "catalogue": query is not None and same_query(text, query.text(backend))}
    except SamverkanError as exc:
        st.session_state["cy_result"] = {"error": exc}

result = st.session_state.get("cy_result")
if result is not None:
    if "error" in result:
        exc = result["error"]
        if common.is_write_refusal(exc):
            st.error("Skrivskyddat: frågan skulle ändra grafen och kördes inte. Konsolen kan bara läsa; "
                     "skriv med `samverkan build` eller `samverkan load`.",
                     icon=":material/block:")
        else:
            st.error(common.swedish_error(exc), icon=":material/error:")
    else:
        df = result["df"]
        st.caption(common.count_sv(len(df), "rad", "rader") + ".")
        shown = display_frame(df, swedish=result.get("catalogue", False))
        st.dataframe(shown, hide_index=True, width="stretch")
        st.download_button("Ladda ned resultatet (CSV)", shown.to_csv(index=False).encode("utf-8"),
                           file_name="fraga.csv", mime="text/csv", key="cy_download")
        data = common.network_data()
        ids = mentioned_nodes(df, data.nodes)
        if ids:
            view = subgraph_view(data, ids)
            st.markdown(f"**Graf över resultatet** — {common.count_sv(view.node_count, 'nod', 'noder')} och "
                        f"{common.count_sv(view.edge_count, 'koppling', 'kopplingar')} mellan dem")
            st.iframe(render_html(view, height=380), height=380 + 150 + 4)
            st.html(labels.legend_html(view.actor_types(), view.rel_types()))
        else:
            st.caption("Resultatet nämner inga aktörer eller insatser att rita.")
