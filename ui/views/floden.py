"""Finansieringsflöden: a Sankey diagram funders -> initiatives, with SEK where the report
gives a sum and a nominal width (said on screen) where it does not."""
import pandas as pd
import streamlit as st

from samverkan.errors import SamverkanError
from samverkan.graph.money import format_sek, has_amount
from samverkan.ui import common, flows, labels

st.title("Finansieringsflöden")
st.caption("Vem finansierar vilka insatser. Bredden är beloppet i kronor där rapporten anger ett; "
           "håll muspekaren över ett flöde för belopp, avsnitt och rad.")

try:
    raw = common.run_named("funding_flows")
except SamverkanError as exc:
    st.error(f"Flödena kunde inte hämtas. {common.swedish_error(exc)}")
    st.stop()

with st.sidebar:
    st.subheader("Filter")
    sections = st.pills("Avsnitt", list(labels.SECTION_GROUPS), selection_mode="multi",
                        default=list(labels.SECTION_GROUPS), format_func=labels.section_group_label,
                        key="flow_sections")
    present_types = [t for t in labels.actor_styles() if t in set(raw["funder_type"].fillna("other"))] if len(raw) else []
    funder_types = st.pills("Finansiärstyper", present_types, selection_mode="multi", default=present_types,
                            format_func=labels.actor_type_label, key="flow_types")
    mode = st.radio("Bredd", [flows.MODE_AMOUNT, flows.MODE_COUNT], key="flow_mode",
                    format_func=lambda m: "Belopp (kr)" if m == flows.MODE_AMOUNT else "Antal belägg",
                    help="Belopp: flöden utan belopp ritas grå med en nominell bredd. Antal belägg: "
                         "bredden är antalet meningar som nämner flödet.")

links = flows.aggregate(raw, set(sections), set(funder_types))
if links.empty:
    st.info("Inga finansieringsflöden med de här filtren.")
    st.stop()

f = flows.flows(links, mode)
for note in f.notes:
    st.warning(note, icon=":material/filter_alt:")
stated = len(f.links) - f.without_amount
if mode == flows.MODE_AMOUNT:
    if f.without_amount:
        st.info(f"{f.without_amount} av {len(f.links)} flöden saknar belopp i rapporten. De ritas grå med en "
                f"nominell bredd ({format_sek(f.nominal) if f.nominal and f.nominal > 1 else '1 enhet'}, "
                f"{int(flows.NOMINAL_SHARE * 100)} % av det största angivna beloppet) så att de syns — "
                "bredden säger alltså inget om hur stora de är.", icon=":material/info:")
    total = sum(a for a in f.links["amount_sek"] if has_amount(a))
    st.caption(f"{common.count_sv(len(f.links), 'flöde', 'flöden')} från "
               f"{common.count_sv(f.links['funder'].nunique(), 'finansiär', 'finansiärer')} till "
               f"{common.count_sv(f.links['initiative'].nunique(), 'insats', 'insatser')}; {stated} med belopp, "
               f"sammanlagt {format_sek(total)}.")
else:
    st.caption(f"{common.count_sv(len(f.links), 'flöde', 'flöden')}; bredden är antalet belägg.")

st.plotly_chart(flows.sankey_figure(f), width="stretch", key="flow_sankey",
                config={"displaylogo": False, "locale": "sv"})

st.subheader("Flödena i tabellform")
common.table(pd.DataFrame({
    "Finansiär": f.links["funder_name"],
    "Insats": f.links["initiative_name"],
    "Belopp": [format_sek(a) or "belopp saknas" for a in f.links["amount_sek"]],
    "Avsnitt": [", ".join(v) for v in f.links["sections"]],
    "Rad": f.links["first_line"],
    "Belägg": f.links["evidence"],
    "Typ": [labels.actor_type_label(t or "other") for t in f.links["funder_type"]],
    "Instrument": [", ".join(v) for v in f.links["instruments"]],
}), widths={"Finansiär": 190, "Insats": 220})
