"""Källor: upload a report (.txt/.pdf) into the store, see the reports loaded, remove one.

A report is extracted completely before anything is written, and written in one
transaction: a bad file gives a message and leaves the store as it was."""
import pandas as pd
import streamlit as st

from samverkan import settings
from samverkan.errors import InputError, SamverkanError
from samverkan.graph.money import has_amount
from samverkan.ui import common
from samverkan.ui.sources import ACCEPTED, GENERIC_INPUT_ERROR, ingest, input_error_sv

st.title("Källor")
st.caption("Rapporterna som grafen bygger på. Läs in fler regioners eller års återrapporteringar "
           "(.txt eller .pdf med textlager); varje relation i grafen pekar på sin mening i sin rapport.")
common.store()  # says so (and stops) when the store cannot be opened


def _ask_drop(doc_id: str) -> None:
    st.session_state["src_pending_drop"] = doc_id


def _cancel_drop() -> None:
    st.session_state.pop("src_pending_drop", None)


def _do_drop() -> None:
    doc_id = st.session_state.pop("src_pending_drop", None)
    if not doc_id:
        return
    try:
        with common.writable_store() as store:
            removed = store.drop_document(doc_id)
    except SamverkanError as exc:
        st.session_state["src_message"] = ("error", f"{doc_id} kunde inte tas bort. {common.swedish_error(exc)}")
        return
    common.changed()
    st.session_state["src_message"] = (
        "success", f"{doc_id} är borttagen: {common.count_sv(removed.get('relations', 0), 'relation', 'relationer')} och "
                   f"{common.count_sv(removed.get('Actor', 0), 'aktör', 'aktörer')} och "
                   f"{common.count_sv(removed.get('Initiative', 0), 'insats', 'insatser')} som bara "
                   "fanns i den rapporten.")


message = st.session_state.pop("src_message", None)
if message:
    kind, text = message
    (st.success if kind == "success" else st.error)(text)

# ---- upload -----------------------------------------------------------------------------
st.subheader("Läs in en rapport")
upload = st.file_uploader("Rapport (.txt eller .pdf)", type=[s.lstrip(".") for s in ACCEPTED], key="src_upload",
                          help=f"Högst {settings.get('SAMVERKAN_MAX_INPUT_MB')} MB.")
replace = st.checkbox("Ersätt befintlig rapport för samma region och år", key="src_replace",
                      help="En ny fil för en rapport som redan finns i grafen (samma region och år) byter bara ut "
                           "den när detta är ikryssat. Samma fil igen läses alltid om.")
if st.button("Läs in i grafen", key="src_load", type="primary", disabled=upload is None,
             icon=":material/upload_file:"):
    bar = st.progress(0, text="Förbereder …")
    try:
        result = ingest(common.writable_store, upload.name, upload.getvalue(),
                        lambda pct, text: bar.progress(pct, text=text), replace=replace)
    except InputError as exc:
        bar.empty()
        said = input_error_sv(exc)
        detail = f" (Teknisk detalj, på engelska: {exc})" if said == GENERIC_INPUT_ERROR else ""
        st.error(f"{upload.name} kunde inte läsas in: {said} Grafen är oförändrad.{detail}", icon=":material/error:")
    except SamverkanError as exc:
        bar.empty()
        st.error(f"{upload.name} kunde inte skrivas till grafen; inget skrevs. {common.swedish_error(exc)}",
                 icon=":material/error:")
    else:
        common.changed()
        st.success(result.message(), icon=":material/check_circle:")

# ---- removal ----------------------------------------------------------------------------
pending = st.session_state.get("src_pending_drop")
if pending:
    with st.container(border=True):
        st.warning(f"Ta bort {pending} ur grafen? Dess avsnitt och relationer tas bort, och aktörer och "
                   "insatser som bara finns i den rapporten.", icon=":material/warning:")
        c1, c2, _ = st.columns([1, 1, 4])
        c1.button("Ja, ta bort", key="src_confirm", type="primary", on_click=_do_drop)
        c2.button("Avbryt", key="src_cancel", on_click=_cancel_drop)

# ---- documents ----------------------------------------------------------------------------
st.subheader("Inlästa rapporter")
try:
    docs = common.documents()
except SamverkanError as exc:
    st.error(f"Rapportlistan kunde inte hämtas. {common.swedish_error(exc)}")
    st.stop()
if docs.empty:
    st.info("Inga rapporter i grafen ännu.")
else:
    st.dataframe(pd.DataFrame({
        "Titel": docs["title"], "Region": [r or "" for r in docs["region"]],
        "År": [str(int(y)) if has_amount(y) else "" for y in docs["year"]],
        "Diarienr": [d or "" for d in docs["diarienr"]], "Avsnitt": docs["sections"], "Aktörer": docs["actors"],
        "Insatser": docs["initiatives"], "Relationer": docs["relations"],
    }), hide_index=True, width="stretch")
    for doc_id, title in zip(docs["id"], docs["title"]):
        c1, c2 = st.columns([5, 1], vertical_alignment="center")
        c1.markdown(f"**{title or doc_id}** · `{doc_id}`")
        c2.button("Ta bort", key=f"src_drop_{doc_id}", on_click=_ask_drop, args=(doc_id,),
                  icon=":material/delete:", disabled=pending == doc_id)
