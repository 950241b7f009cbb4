"""Nätverk: actors and initiatives as a network (pyvis), with filters, search and evidence."""
import pandas as pd
import streamlit as st

from samverkan.ui import common, labels
from samverkan.ui.network import MAX_VISIBLE_NODES, NetworkFilter, fmt_int

CANVAS_HEIGHT = 640
PANEL_HEIGHT = 150

st.title("Nätverk")
st.caption("Vem samverkar med vem, i vilka insatser och med vems pengar. Färg och form visar aktörstyp, "
           "linjen relationstyp. Håll muspekaren över en nod eller kant för belägg; klicka för alla.")

data = common.network_data()
several_regions = len({r.get("region") for r in data.rels if r.get("region")}) > 1
common.selection_caption()

actor_types = [t for t in labels.actor_styles()]
rel_types = labels.network_rel_types()

with st.sidebar:
    st.subheader("Filter")
    sections = st.pills("Avsnitt", list(labels.SECTION_GROUPS), selection_mode="multi",
                        default=list(labels.SECTION_GROUPS), format_func=labels.section_group_label,
                        key="nat_sections", help="Relationer vars belägg står i de valda avsnitten av rapporten.")
    chosen_types = st.pills("Aktörstyper", actor_types, selection_mode="multi", default=actor_types,
                            format_func=labels.actor_type_label, key="nat_types")
    show_initiatives = st.toggle("Visa insatser (projekt, program, områden)", value=True, key="nat_initiatives")
    chosen_rels = st.pills("Relationer", rel_types, selection_mode="multi", default=rel_types,
                           format_func=labels.rel_label_sv, key="nat_rels")
    national = False
    color_by = "type"
    if several_regions:
        national = st.toggle("Nationell vy (bara aktörer)", key="nat_national",
                             help="Aktörer som samverkar eller finansierar tillsammans, över alla valda rapporter; "
                                  "linjens bredd visar i hur många regioner.")
        color_by = st.radio("Färg efter", ["type", "region"], key="nat_color", horizontal=True,
                            format_func=lambda c: "Aktörstyp" if c == "type" else "Region",
                            help="Region: varje aktör får färgen för den region vars rapport nämner den mest.")
    min_degree = st.slider("Minsta antal kopplingar", 0, 10, 1, key="nat_min_degree",
                           help="Döljer noder med färre olika grannar i vyn. 0 visar även aktörer som "
                                "bara nämns i de valda avsnitten.")
    st.subheader("Sök")
    query = st.text_input("Sök aktör eller insats", key="nat_search", placeholder="t.ex. Almi, länsstyrelsen",
                          help="Visar den valda aktören och dess grannskap i k steg.")
    focus = None
    depth = 1
    if query.strip():
        matches = data.search(query)
        if matches:
            focus = st.selectbox(f"Fokus ({common.count_sv(len(matches), 'träff', 'träffar')})", matches,
                                 format_func=lambda n: common.node_name(data, n), key="nat_focus")
            depth = st.slider("Steg från fokus", 1, 3, 1, key="nat_depth")
        else:
            st.warning(f"Ingen aktör eller insats matchar ”{query.strip()}”.")

flt = NetworkFilter.of(sections=sections, actor_types=chosen_types, rel_types=chosen_rels,
                       show_initiatives=show_initiatives, min_degree=min_degree, focus=focus, depth=depth,
                       color_by=color_by)
if national:
    min_regions = st.slider("Minsta antal regioner per koppling", 1, 10, 1, key="nat_min_regions")
    view, html = common.national_network(min_regions, CANVAS_HEIGHT)
else:
    view, html = common.network_view(flt, CANVAS_HEIGHT)

for note in view.notes:
    if note.startswith("Vyn är begränsad"):
        st.warning(note, icon=":material/filter_alt:")
    else:
        st.info(note, icon=":material/center_focus_strong:")

total_nodes = len(data.nodes)
st.caption(f"Visar {fmt_int(view.node_count)} noder och {fmt_int(view.edge_count)} kopplingar "
           f"(grafen har {fmt_int(total_nodes)} aktörer och insatser). Vyer med fler än "
           f"{MAX_VISIBLE_NODES} noder begränsas till de bäst kopplade.")

st.html(labels.legend_html(view.actor_types(), view.rel_types()))
if view.color_by == "region" and view.regions():
    st.html(labels.region_legend_html(view.regions()))

if view.node_count == 0:
    st.info("Inget att visa med de här filtren. Välj fler avsnitt, aktörstyper eller relationer, "
            "eller sänk minsta antal kopplingar.")
else:
    st.iframe(html, height=CANVAS_HEIGHT + PANEL_HEIGHT + 4)

with st.expander("Belägg för kopplingarna i vyn", expanded=False, icon=":material/format_quote:"):
    nodes_sorted = sorted(view.graph.nodes, key=lambda n: view.graph.nodes[n]["name"].lower())
    pick = st.selectbox("Visa belägg för", [""] + nodes_sorted, key="nat_evidence_node",
                        format_func=lambda n: "Alla noder i vyn" if not n else common.node_name(data, n))
    rows = view.evidence_rows(pick or None)
    if rows:
        common.table(pd.DataFrame(rows))
    else:
        st.write("Inga belägg i vyn.")
