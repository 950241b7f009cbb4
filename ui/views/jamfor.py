"""Jämför: two reports side by side — two years of one region, or two regions in one year:
partners gained, lost and kept, and co-financed initiatives new, continued and ended
(samverkan.queries.compare, the same as `samverkan diff`), with downloads."""
import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from samverkan.errors import SamverkanError
from samverkan.queries import compare as comparing
from samverkan.ui import common, labels

st.title("Jämför rapporter")
st.caption("Vad har förändrats mellan två rapporter: samverkansparter som tillkommit eller försvunnit, och "
           "gemensamt finansierade insatser som är nya, fortsätter eller har avslutats.")

docs = common.catalogue_documents()
if len(docs) < 2:
    st.info("Grafen har bara en rapport. Läs in en till (ett annat år eller en annan region) under Källor.")
    st.stop()

rows = docs.to_dict("records")
title = {r["doc"]: common.report_name(r) for r in rows}
ordered = [r["doc"] for r in sorted(rows, key=lambda r: (r["region"] or "", r["year"] or 0))]
region_of = {r["doc"]: r["region"] for r in rows}
if "cmp_b" not in st.session_state:
    # default: the newest report of the sidebar's choice, against the year before of its region
    anchor = [d for d in ordered if d in common.selected_docs()][-1:] or ordered[-1:]
    same = [d for d in ordered if region_of[d] == region_of[anchor[0]]]
    before = same[same.index(anchor[0]) - 1] if same.index(anchor[0]) > 0 else next(d for d in ordered if d != anchor[0])
    st.session_state["cmp_a"], st.session_state["cmp_b"] = before, anchor[0]
c1, c2 = st.columns(2)
doc_a = c1.selectbox("Från", ordered, key="cmp_a", format_func=title.get)
doc_b = c2.selectbox("Till", ordered, key="cmp_b", format_func=title.get)
if doc_a == doc_b:
    st.warning("Välj två olika rapporter.")
    st.stop()

try:
    result = comparing.compare(common.store(), doc_a, doc_b)
except SamverkanError as exc:
    st.error(f"Jämförelsen kunde inte göras. {common.swedish_error(exc)}")
    st.stop()

st.markdown(f"**{title[doc_a]} → {title[doc_b]}:** {comparing.summary_sv(result)}.")

st.subheader("Samverkansparter")
if result.partners.empty:
    st.write("Inga samverkansparter i någon av rapporterna.")
else:
    common.table(pd.DataFrame({
        "Förändring": [comparing.PARTNER_STATUS[s] for s in result.partners["status"]],
        "Part": result.partners["name"],
        "Typ": [labels.actor_type_label(t or "other") for t in result.partners["type"]],
        f"I {title[doc_a]}": result.partners["relations_a"],
        f"I {title[doc_b]}": result.partners["relations_b"],
    }), key="cmp_partners")

st.subheader("Gemensamt finansierade insatser")
if result.initiatives.empty:
    st.write("Ingen gemensam finansiering i någon av rapporterna.")
else:
    common.table(pd.DataFrame({
        "Förändring": [comparing.INITIATIVE_STATUS[s] for s in result.initiatives["status"]],
        "Insats eller område": result.initiatives["name"],
        f"Finansiärer i {title[doc_a]}": result.initiatives["funders_a"],
        f"Finansiärer i {title[doc_b]}": result.initiatives["funders_b"],
    }), key="cmp_initiatives")

st.divider()
name = f"jamforelse-{doc_a}-{doc_b}"
cols = st.columns(3)
cols[0].download_button("Markdown (.md)", comparing.to_markdown(result).encode("utf-8"), file_name=f"{name}.md",
                        mime="text/markdown", key="cmp_md", icon=":material/download:", on_click="ignore")
cols[1].download_button("CSV (.csv)", comparing.to_csv(result).encode("utf-8"), file_name=f"{name}.csv",
                        mime="text/csv", key="cmp_csv", icon=":material/download:", on_click="ignore")
with tempfile.TemporaryDirectory(prefix="samverkan-diff-") as tmp:
    xlsx = comparing.write_xlsx(result, Path(tmp) / f"{name}.xlsx").read_bytes()
cols[2].download_button("Excel (.xlsx)", xlsx, file_name=f"{name}.xlsx",
                        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key="cmp_xlsx",
                        icon=":material/download:", on_click="ignore")
