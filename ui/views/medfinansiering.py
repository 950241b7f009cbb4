"""Vem medfinansierar vad: per section 3.1–3.5, what the section's sentences say is financed
together (two or more funders, or a partner of the region), each line traceable to its
sentence, with the report downloads (md, csv, xlsx, docx)."""
import pandas as pd
import streamlit as st

from samverkan.errors import SamverkanError
from samverkan.graph.money import format_sek, has_amount
from samverkan.ui import common, downloads, labels

st.title("Vem medfinansierar vad")
st.caption("Insatser och områden som avsnittet säger finansieras gemensamt – av två eller fler aktörer, "
           "eller av en part tillsammans med regionen – per avsnitt i rapportens kapitel 3. "
           "Varje rad visar meningen den bygger på (avsnitt och rad), så att listan kan klistras in i "
           "nästa års återrapportering och kontrolleras mot källan.")

chosen = common.selected_docs()
doc = chosen[0] if len(chosen) == 1 else ""  # the reports a download is of: one at a time
several = len(chosen) != 1 and len(common.documents()) > 1
common.selection_caption()
only_reviewed = st.toggle("Bara granskade uppgifter", key="cof_reviewed",
                          help="Räkna bara finansieringsuppgifter som en granskare har godkänt, ändrat eller lagt till "
                               "(sidan Granska). Utan det markerar kolumnen Granskad raderna vars alla uppgifter är granskade.")


def reviewed_marks(df: pd.DataFrame, section: str) -> list[str]:
    """"✓" for a row whose every fact a reviewer has vouched for (the same row comes out when
    only reviewed facts count), "" for the others."""
    if only_reviewed:
        return ["✓"] * len(df)
    done = common.run_named("cofinance_by_section", section=section, reviewed="ja")
    vouched = {(r["doc"], r["initiative"], tuple(r["funder_ids"] or ()), r["amount_sek"]) for r in done.to_dict("records")}
    return ["✓" if (r["doc"], r["initiative"], tuple(r["funder_ids"] or ()), r["amount_sek"]) in vouched else ""
            for r in df.to_dict("records")]


def cofinance_table(df: pd.DataFrame, section: str) -> pd.DataFrame:
    """Swedish columns, the evidence (with section and line) before the finer details; the
    report of each row first when several are shown (rows are never merged across reports)."""
    table = pd.DataFrame({
        "Insats": df["name"],
        "Finansiärer": [common.join_list(v) for v in df["funders"]],
        "Belopp": [format_sek(a) if has_amount(a) else "" for a in df["amount_sek"]],
        "Avsnitt": [common.join_list(v) for v in df["sections"]],
        "Rad": df["line"],
        "Belägg": df["evidence"],
        "Antal": df["n_funders"],
        "Typ": [labels.initiative_kind_label(k) for k in df["kind"]],
        "Instrument": [common.join_list(v) for v in df["instruments"]],
        "Granskad": reviewed_marks(df, section),
    })
    if several:
        table.insert(0, "Rapport", df["doc"])
    return table


tabs = st.tabs([labels.section_group_label(s) for s in labels.COLLAB_SECTIONS])
for section, tab in zip(labels.COLLAB_SECTIONS, tabs):
    with tab:
        st.subheader(f"{section} {labels.section_titles().get(section, '')}")
        try:
            df = common.run_named("cofinance_by_section", section=section, reviewed="ja" if only_reviewed else "")
        except SamverkanError as exc:
            st.error(f"Tabellen kunde inte hämtas. {common.swedish_error(exc)}")
            continue
        if df.empty:
            st.info(f"Ingen gemensam finansiering hittades i avsnitt {section} i {common.selection_label()}.")
        else:
            st.caption(f"{common.count_sv(len(df), 'rad', 'rader')} med gemensam finansiering.")
            common.table(cofinance_table(df, section), widths={"Insats": 200, "Finansiärer": 220, "Granskad": 80})
        downloads.report_buttons(section, doc, key_prefix=f"cof_{section}")

st.divider()
st.subheader("Hela kapitel 3")
st.caption("Alla avsnitt 3.1–3.5 i en rapport.")
downloads.report_buttons("all", doc, key_prefix="cof_all")
