"""Aktör: one actor's profile — type, aliases, partners, initiatives it finances, leads or
takes part in, the sections that mention it, and the evidence for every fact."""
import pandas as pd
import streamlit as st

from samverkan.errors import SamverkanError
from samverkan.graph.money import format_sek, has_amount
from samverkan.graph.schema import SCHEMA
from samverkan.ui import common, labels
from samverkan.ui.network import NetworkFilter, filter_view
from samverkan.ui.network_html import render_html

ROLE_TYPES = {t: SCHEMA.relation_label_sv(t).capitalize() for t in ("FINANCES", "LEADS", "PARTICIPATES_IN")}

st.title("Aktör")
data = common.network_data()
actors = common.actor_options(data)
if not actors:
    st.info("Grafen har inga aktörer ännu. Läs in en rapport under Källor.")
    st.stop()

# Preselect from ?aktor=<id>, else the best-connected actor.
wanted = st.query_params.get("aktor")
if wanted not in data.nodes:
    degree: dict[str, int] = {}
    for rel in data.rels:
        for end in (rel["source"], rel["target"]):
            degree[end] = degree.get(end, 0) + 1
    wanted = max(actors, key=lambda a: (degree.get(a, 0), a))
actor = st.selectbox("Välj aktör", actors, index=actors.index(wanted), key="aktor_actor",
                     format_func=lambda a: common.node_name(data, a),
                     help="Skriv för att söka bland aktörerna.")
st.query_params["aktor"] = actor

try:
    profile = common.run_named("actor_profile", actor=actor)
    partners = common.run_named("partners_of", actor=actor)
    financed = common.run_named("initiatives_by_funder", actor=actor)
except SamverkanError as exc:
    st.error(f"Profilen kunde inte hämtas. {common.swedish_error(exc)}")
    st.stop()

if profile.empty:
    st.warning("Aktören finns inte längre i grafen.")
    st.stop()
p = profile.iloc[0]

st.header(p["name"])
style = labels.actor_style(p["type"])
st.html(f'<span style="color:{style.color};font-size:1.3em">{style.glyph}</span> '
        f'<b>{labels.actor_type_label(p["type"] or "other")}</b>'
        + (f' · län: {common.join_list(p["county"])}' if p["county"] else ""))
if p["aliases"]:
    st.caption("Kallas också: " + common.join_list(p["aliases"]))

cols = st.columns(6)
cols[0].metric(ROLE_TYPES["FINANCES"], int(p["finances"]))
cols[1].metric(ROLE_TYPES["LEADS"], int(p["leads"]))
cols[2].metric(ROLE_TYPES["PARTICIPATES_IN"], int(p["participates_in"]))
cols[3].metric("Samverkansparter", int(p["partners"]))
cols[4].metric(SCHEMA.relation_label_sv("MEMBER_OF").capitalize(), int(p["member_of"]))
cols[5].metric("Omnämnanden", int(p["mentions"] or 0))

sections = list(p["sections"] or ())
if sections:
    collab = [s for s in sections if labels.section_group(s) != labels.OTHER_SECTIONS]
    other = [s for s in sections if labels.section_group(s) == labels.OTHER_SECTIONS]
    parts = []
    if collab:
        parts.append("samverkansavsnitten " + ", ".join(labels.section_group_label(s) if s in labels.COLLAB_SECTIONS else s
                                                       for s in collab))
    if other:
        parts.append(("avsnitt " if not collab else "") + ", ".join(other))
    st.markdown("**Nämns i** " + " samt ".join(parts) + ".",
                help="\n".join(f"{s} {labels.section_titles().get(s, '')}" for s in sections))

# ---- across reports ----------------------------------------------------------------------
reports = common.catalogue_documents()
if len(reports) > 1:
    st.subheader("I rapporterna")
    everywhere = common.run_named("document_partners", docs=[])
    mine = everywhere[everywhere["actor"] == actor]
    if mine.empty:
        st.write("Aktören nämns inte i något faktum i kapitel 3 i någon rapport (den kan vara rapportens egen region).")
    else:
        meta = {r["doc"]: r for r in reports.to_dict("records")}
        rows = []
        for doc_id, group in mine.groupby("doc", sort=True):
            rows.append({"Region": meta.get(doc_id, {}).get("region") or doc_id,
                         "År": meta.get(doc_id, {}).get("year"),
                         "Relationer": ", ".join(f"{SCHEMA.relation_label_sv(r)} ({n})"
                                                 for r, n in zip(group["relation"], group["facts"]))})
        regions = {r["Region"] for r in rows}
        all_regions = {r for r in reports["region"] if r}
        st.caption(f"Samverkar eller finansierar i {len(regions)} av "
                   f"{common.count_sv(len(all_regions), 'region', 'regioner')} i grafen, "
                   f"i {common.count_sv(len(rows), 'rapport', 'rapporter')} (alla år, oavsett urvalet i sidopanelen).")
        common.table(pd.DataFrame(rows).sort_values(["Region", "År"]))

# ---- partners ---------------------------------------------------------------------------
st.subheader("Samarbetsparter")
if partners.empty:
    st.write("Inga samarbetsparter i grafen.")
else:
    common.table(pd.DataFrame({
        "Part": partners["partner_name"],
        "Typ": [labels.actor_type_label(t or "other") for t in partners["partner_type"]],
        "Hur": [SCHEMA.relation_label_sv(r) for r in partners["relation"]],
        "Via / område": [v or "" for v in partners["via_name"]],
        "Antal belägg": partners["facts"],
        "Första avsnitt": partners["first_section"],
        "Rad": partners["first_line"],
    }))

# ---- initiatives ------------------------------------------------------------------------
st.subheader("Insatser")
rows = []
for rel in data.rels:
    if rel["source"] != actor or rel["type"] not in ROLE_TYPES:
        continue
    ini = data.nodes[rel["target"]]
    rows.append({"Roll": ROLE_TYPES[rel["type"]], "Insats": ini["name"], "Typ": labels.initiative_kind_label(ini["kind"]),
                 "Belopp": format_sek(rel["amount_sek"]) if rel.get("amount_sek") else "",
                 "Avsnitt": rel.get("section") or "", "Rad": rel.get("line"), "Belägg": rel.get("evidence") or ""})
if rows:
    order = {v: i for i, v in enumerate(ROLE_TYPES.values())}
    rows.sort(key=lambda r: (order[r["Roll"]], r["Insats"].lower(), r["Avsnitt"], r["Rad"] or 0))
    common.table(pd.DataFrame(rows))
else:
    st.write("Aktören finansierar, leder eller deltar inte i någon insats i grafen.")
if not financed.empty:
    st.markdown("**Finansierade insatser och medfinansiärer**")
    common.table(pd.DataFrame({
        "Insats": financed["name"],
        "Typ": [labels.initiative_kind_label(k) for k in financed["kind"]],
        "Belopp": [format_sek(a) if has_amount(a) else "" for a in financed["amount_sek"]],
        "Instrument": [common.join_list(v) for v in financed["instruments"]],
        "Avsnitt": [common.join_list(v) for v in financed["sections"]],
        "Andra finansiärer": [common.join_list(v) for v in financed["co_funders"]],
    }))

# ---- neighbourhood and evidence ---------------------------------------------------------
view = filter_view(data, NetworkFilter(focus=actor, depth=1, min_degree=0))
with st.expander(f"Nätverket runt {p['name']} ({common.count_sv(view.node_count - 1, 'granne', 'grannar')})", expanded=False,
                 icon=":material/hub:"):
    if view.edge_count:
        st.iframe(render_html(view, height=420), height=420 + 150 + 4)
        st.html(labels.legend_html(view.actor_types(), view.rel_types()))
    else:
        st.write("Inga kopplingar att rita.")

st.subheader("Belägg")
evidence = view.evidence_rows(actor)
if evidence:
    common.table(pd.DataFrame(evidence))
else:
    st.write("Inga belägg för relationer; aktören nämns bara i texten.")
