"""Nätverk: actors and initiatives as a network (pyvis), with filters, styling rules, search,
expansion and evidence. The whole view lives in the URL (ui/viewstate.py): a copied link
reopens it, and the canvas's buttons (Fokusera, Visa grannar, Dölj) work by changing it."""
import pandas as pd
import streamlit as st

from samverkan.ui import common, labels, picture, viewstate
from samverkan.ui.network import COLOR_BY, MAX_VISIBLE_NODES, SIZE_BY, NetworkFilter
from samverkan.ui.viewstate import UrlField

CANVAS_HEIGHT = 600
PANEL_HEIGHT = 150
# The canvas's buttons change these URL parameters (their fields are below).
ACTIONS = {"focus": "fokus", "expand": "visa", "hide": "dolj"}

st.title("Nätverk")
data = common.network_data()
several_regions = len({r.get("region") for r in data.rels if r.get("region")}) > 1

actor_types = list(labels.actor_styles())
rel_types = labels.network_rel_types()
color_rules = [c for c in COLOR_BY if c != "region" or several_regions]
node_ids = sorted(data.nodes, key=lambda n: (data.nodes[n]["name"].lower(), n))

FIELDS = [
    UrlField("nat_sections", "avsnitt", "list", list(labels.SECTION_GROUPS)),
    UrlField("nat_types", "typer", "list", actor_types),
    UrlField("nat_initiatives", "insatser", "bool", True),
    UrlField("nat_rels", "relationer", "list", rel_types),
    UrlField("nat_min_degree", "min", "int", 1),
    UrlField("nat_confidence", "sakerhet", "float", 0.0),
    UrlField("nat_amount", "belopp", "int", 0),
    UrlField("nat_size", "storlek", "str", "degree"),
    UrlField("nat_color", "farg", "str", "type"),
    UrlField("nat_national", "nationell", "bool", False),
    UrlField("nat_min_regions", "regioner", "int", 1),
    UrlField("nat_focus", ACTIONS["focus"], "str", None),
    UrlField("nat_depth", "steg", "int", 1),
    UrlField("nat_expand", ACTIONS["expand"], "list", []),
    UrlField("nat_hide", ACTIONS["hide"], "list", []),
]
viewstate.restore(FIELDS, options={
    "nat_sections": labels.SECTION_GROUPS, "nat_types": actor_types, "nat_rels": rel_types,
    "nat_size": list(SIZE_BY), "nat_color": color_rules, "nat_focus": node_ids,
    "nat_expand": node_ids, "nat_hide": node_ids})
# A focus from the URL shows up as a search for its name.
if "nat_search" not in st.session_state:
    focus_id = st.session_state.get("nat_focus")
    st.session_state["nat_search"] = data.nodes[focus_id]["name"] if focus_id in data.nodes else ""

with st.sidebar:
    st.subheader("Filter")
    sections = st.pills("Avsnitt", list(labels.SECTION_GROUPS), selection_mode="multi",
                        format_func=labels.section_group_label, key="nat_sections",
                        help="Relationer vars belägg står i de valda avsnitten av rapporten.")
    chosen_types = st.pills("Aktörstyper", actor_types, selection_mode="multi",
                            format_func=labels.actor_type_label, key="nat_types")
    show_initiatives = st.toggle("Visa insatser (projekt, program, områden)", key="nat_initiatives")
    chosen_rels = st.pills("Relationer", rel_types, selection_mode="multi", format_func=labels.rel_label_sv,
                           key="nat_rels")
    min_degree = st.slider("Minsta antal kopplingar", 0, 10, key="nat_min_degree",
                           help="Döljer noder med färre olika grannar i vyn. 0 visar även aktörer som "
                                "bara nämns i de valda avsnitten.")
    min_confidence = st.slider("Lägsta säkerhet", 0.0, 1.0, step=0.05, key="nat_confidence",
                               help="Regelns säkerhet för varje belägg (0–1). Högre värde visar bara "
                                    "säkrare fakta.")
    min_amount = st.number_input("Minsta belopp (kr)", min_value=0, step=100_000, key="nat_amount",
                                 help="Över 0: bara kopplingar vars belägg anger minst det här beloppet.")
    st.subheader("Stil")
    size_by = st.radio("Storlek efter", list(SIZE_BY), format_func=SIZE_BY.get, key="nat_size", horizontal=False)
    color_by = st.radio("Färg efter", color_rules, format_func=COLOR_BY.get, key="nat_color", horizontal=True,
                        help="Region: varje aktör får färgen för den region vars rapport nämner den mest. "
                             "Grupp: aktörer som hänger tätt ihop (Louvain).")
    national = False
    if several_regions:
        national = st.toggle("Nationell vy (bara aktörer)", key="nat_national",
                             help="Aktörer som samverkar eller finansierar tillsammans, över alla valda rapporter; "
                                  "linjens bredd visar i hur många regioner.")
    st.subheader("Sök och utforska")
    query = st.text_input("Sök aktör eller insats", key="nat_search", placeholder="t.ex. Almi, länsstyrelsen",
                          help="Visar den valda aktören och dess grannskap i k steg.")
    focus = None
    depth = st.session_state.get("nat_depth", 1)
    if query.strip():
        matches = data.search(query)
        if st.session_state.get("nat_focus") in data.nodes and st.session_state["nat_focus"] not in matches:
            matches.insert(0, st.session_state["nat_focus"])
        if matches:
            if st.session_state.get("nat_focus") not in matches:
                st.session_state["nat_focus"] = matches[0]
            focus = st.selectbox(f"Fokus ({common.count_sv(len(matches), 'träff', 'träffar')})", matches,
                                 format_func=lambda n: common.node_name(data, n), key="nat_focus")
            depth = st.slider("Steg från fokus", 1, 3, key="nat_depth")
        else:
            st.warning(f"Ingen aktör eller insats matchar ”{query.strip()}”.")
    expand = st.multiselect("Visa grannar till", node_ids, key="nat_expand", format_func=lambda n: common.node_name(data, n),
                            help="Lägger till nodens alla grannar i vyn. Klicka på en nod i nätverket och "
                                 "välj ”Visa grannar” för samma sak.")
    hide = st.multiselect("Dolda noder", node_ids, key="nat_hide", format_func=lambda n: common.node_name(data, n),
                          help="Noder du tagit bort ur vyn (”Dölj” i nätverket). Ta bort en härifrån för att visa den igen.")

viewstate.publish(FIELDS, value_of=lambda f: focus if f.key == "nat_focus" else st.session_state.get(f.key, f.default))

flt = NetworkFilter.of(sections=sections, actor_types=chosen_types, rel_types=chosen_rels,
                       show_initiatives=show_initiatives, min_degree=min_degree, focus=focus, depth=depth,
                       color_by=color_by, size_by=size_by, expand=expand, hide=hide,
                       min_confidence=float(min_confidence), min_amount=int(min_amount))
if national:
    min_regions = st.slider("Minsta antal regioner per koppling", 1, 10, key="nat_min_regions")
    drawn = common.national_network(min_regions, CANVAS_HEIGHT)
else:
    drawn = common.network_view(flt, CANVAS_HEIGHT, actions=ACTIONS)
view = drawn.view

total_nodes = len(data.nodes)
common.selection_caption()
st.caption(f"Visar {common.count_sv(view.node_count, 'nod', 'noder')} och "
           f"{common.count_sv(view.edge_count, 'koppling', 'kopplingar')} av grafens "
           f"{common.count_sv(total_nodes, 'aktör eller insats', 'aktörer och insatser')}. Klicka på en nod för belägg, "
           "grannar och dölj; dubbelklicka för att fokusera. Länken i adressfältet öppnar samma vy.")
if view.trail or view.focus:
    steps = ([f"Fokus: {data.nodes[view.focus]['name']}"] if view.focus else []) + \
        [f"grannar till {name}" for _, name in view.trail]
    st.caption("Utforskat: " + " › ".join(steps))
for note in view.notes:
    if note.startswith("Vyn är begränsad"):
        st.warning(note, icon=":material/filter_alt:")
    else:
        st.info(note, icon=":material/center_focus_strong:")

if view.node_count == 0:
    st.info("Inget att visa med de här filtren. Välj fler avsnitt, aktörstyper eller relationer, "
            "eller sänk minsta antal kopplingar, säkerhet eller belopp.")
else:
    st.iframe(drawn.html, height=CANVAS_HEIGHT + PANEL_HEIGHT + 4)

with st.expander("Teckenförklaring", expanded=True, icon=":material/legend_toggle:"):
    st.html(labels.legend_html(view.actor_types(), view.rel_types(), compact=True))
    if view.color_by == "region" and view.regions():
        st.html(labels.region_legend_html(view.regions()))
    if view.color_by == "community" and view.communities():
        st.html(labels.group_legend_html(view.communities()))
    st.caption(f"Storlek: {SIZE_BY.get(view.size_by, SIZE_BY['degree']).lower()}. Vyer med fler än "
               f"{MAX_VISIBLE_NODES} noder begränsas till de bäst kopplade.")

if view.node_count:
    # Files are made when a button is clicked (deferred), so drawing the page stays fast.
    st.markdown("**Spara vyn**")
    exports = [
        ("Bild (PNG)", lambda: picture.to_png(view, drawn.positions), "natverk.png", "image/png", "nat_png", "image"),
        ("Bild (SVG)", lambda: picture.to_svg(view, drawn.positions), "natverk.svg", "image/svg+xml", "nat_svg", "draw"),
        ("Noder (CSV)", lambda: picture.nodes_frame(view).to_csv(index=False), "natverk-noder.csv", "text/csv",
         "nat_nodes_csv", "table"),
        ("Kopplingar (CSV)", lambda: picture.edges_frame(view).to_csv(index=False), "natverk-kopplingar.csv",
         "text/csv", "nat_edges_csv", "table"),
        ("Graf (GraphML)", lambda: picture.to_graphml(view), "natverk.graphml", "application/graphml+xml",
         "nat_graphml", "share"),
    ]
    for col, (label, make, name, mime, key, icon) in zip(st.columns(len(exports)), exports):
        col.download_button(label, make, file_name=name, mime=mime, key=key, icon=f":material/{icon}:",
                            on_click="ignore")

with st.expander("Belägg för kopplingarna i vyn", expanded=False, icon=":material/format_quote:"):
    nodes_sorted = sorted(view.graph.nodes, key=lambda n: view.graph.nodes[n]["name"].lower())
    pick = st.selectbox("Visa belägg för", [""] + nodes_sorted, key="nat_evidence_node",
                        format_func=lambda n: "Alla noder i vyn" if not n else common.node_name(data, n))
    rows = view.evidence_rows(pick or None)
    if rows:
        common.table(pd.DataFrame(rows))
    else:
        st.write("Inga belägg i vyn.")
