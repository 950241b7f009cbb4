"""Granska: a strategist checks the facts of one report, and every decision is kept.

The facts of the chosen section and relation type, lowest confidence first, one at a time:
the sentence marked in its paragraph with the two parties highlighted, the rule that found
it. Godkänn (G), Avvisa (A, with the reason typed, if any), Nästa (N), Föregående (F);
Ändra and Lägg till below, and the actors' and initiatives' merges, splits and renames.
Every decision goes through samverkan.review (the judgement log, then the report replayed
and written again): the page never writes Cypher of its own.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from samverkan.errors import SamverkanError
from samverkan.graph.money import format_sek
from samverkan.graph.schema import SCHEMA
from samverkan.review import service
from samverkan.review.base import base_dir, load_base
from samverkan.review.judgements import REVIEW_LABELS_SV, default_who
from samverkan.review.replay import PROBLEMS
from samverkan.ui import common, labels
from samverkan.ui.granska import SOURCE_STYLE, TARGET_STYLE, paragraph_html

NEW = "__ny__"
ALL = ""
STATUS_SV = {None: "ogranskad", **REVIEW_LABELS_SV}
PROBLEM_SV = {"vanished": "citatet finns inte längre i texten", "invalid": "kan inte tillämpas"}

st.title("Granska")
st.caption("Gå igenom uppgifterna som reglerna hittade i en rapport: godkänn, avvisa, ändra eller lägg till. "
           "Besluten sparas som data (data/reviews/) och gäller vid varje ny inläsning av rapporten. "
           "Tangenter: **G** godkänn och gå vidare · **A** avvisa (med skälet i fältet) · **N** nästa · **F** föregående.")

store = common.store()
cfg = common.config()
reviewer = service.Reviewer(bases=base_dir(cfg.path))


@st.cache_resource(show_spinner="Läser rapportens text …", max_entries=4)
def _base(doc: str, directory: str, mtime: float):
    return load_base(doc, directory)


def base_of(doc: str):
    path = reviewer.bases / f"{doc}.json.gz"
    return _base(doc, str(reviewer.bases), path.stat().st_mtime) if path.exists() else None


def store_graph():
    """The store's graph, read once per store version (shared with the other pages)."""
    return common.graph()


# ---- the report ---------------------------------------------------------------------------
try:
    documents = common.catalogue_documents()
except SamverkanError as exc:
    st.error(f"Rapporterna kunde inte hämtas. {common.swedish_error(exc)}")
    st.stop()
all_docs = list(documents["doc"])
if not all_docs:
    st.info("Grafen har inga rapporter ännu. Läs in en på sidan Källor.")
    st.stop()
chosen = common.selected_docs() or all_docs
names = {r["doc"]: common.report_name(r) for r in documents.to_dict("records")}
doc = st.selectbox("Rapport", chosen, key="gr_doc", format_func=lambda d: names.get(d, d)) if len(chosen) > 1 else chosen[0]
if len(chosen) == 1:
    st.caption(f"Rapport: {names.get(doc, doc)}")
base = base_of(doc)
if base is None:
    st.warning(f"{names.get(doc, doc)} lästes in innan granskning fanns (eller på en annan dator): läs in rapporten "
               "igen (sidan Källor eller `samverkan build`) för att kunna granska den.", icon=":material/warning:")
    st.stop()

who = st.sidebar.text_input("Granskare", value=default_who(), key="gr_who",
                            help="Namnet som sparas med varje beslut.")

message = st.session_state.pop("gr_message", None)
if message:
    (st.success if message[0] == "success" else st.error)(message[1])

graph = store_graph()
try:
    rows = service.fact_rows(graph, doc, reviewer.log)
except SamverkanError as exc:
    st.error(f"Uppgifterna kunde inte läsas. {common.swedish_error(exc)}")
    st.stop()
doc_graph = service.document_graph(graph, doc)


def decide(judgements, success: str, advance_to: str | None = None, clear_reason: bool = False) -> None:
    """Record and apply; the outcome is shown on the next run (`clear_reason` from a callback
    only: a widget's value cannot be set after it is drawn)."""
    try:
        reports = reviewer.decide(common.writable_store, judgements, candidates=all_docs)
    except SamverkanError as exc:
        st.session_state["gr_message"] = ("error", f"Beslutet sparades inte. {common.swedish_error(exc)}")
        return
    common.changed()
    problems = [o for r in reports.values() for o in r.problems]
    note = f" {len(problems)} beslut kunde inte tillämpas (se listan nedan)." if problems else ""
    st.session_state["gr_message"] = ("success", success + note)
    if advance_to is not None:
        st.session_state["gr_focus"] = advance_to
    if clear_reason:
        st.session_state["gr_reason"] = ""


# ---- progress per section -----------------------------------------------------------------
counts = service.progress(rows)
with st.expander(f"Granskade per avsnitt: {sum(c[0] for c in counts.values())} / {sum(c[1] for c in counts.values())}",
                 expanded=False):
    st.dataframe(pd.DataFrame({
        "Avsnitt": list(counts), "Rubrik": [labels.section_titles().get(s, "") for s in counts],
        "Granskade / totalt": [f"{a} / {b}" for a, b in counts.values()],
    }), hide_index=True, width="stretch")

# ---- filters --------------------------------------------------------------------------------
c1, c2, c3 = st.columns([1, 1, 1], vertical_alignment="bottom")
sections = [ALL] + list(counts)
# (the counts are not in the option labels: a changed label would make Streamlit reset the choice)
section = c1.selectbox("Avsnitt", sections, key="gr_section",
                       format_func=lambda s: "Alla avsnitt" if s == ALL else f"{s} {labels.section_titles().get(s, '')}")
types = [ALL] + sorted({r.fact["type"] for r in rows}, key=lambda t: SCHEMA.relation_label_sv(t))
rel_type = c2.selectbox("Relation", types, key="gr_type",
                        format_func=lambda t: "Alla relationer" if t == ALL else SCHEMA.relation_label_sv(t))
only_open = c3.toggle("Bara ogranskade", key="gr_open", help="Dölj uppgifter som redan har ett beslut.")
shown = [r for r in rows if (section == ALL or r.section == section or r.section.startswith(section + "."))
         and (rel_type == ALL or r.fact["type"] == rel_type) and not (only_open and r.review)]

done = [(a, b) for sec, (a, b) in counts.items() if section == ALL or sec == section or sec.startswith(section + ".")]
st.caption(f"{'Alla avsnitt' if section == ALL else 'Avsnitt ' + section}: granskade {sum(a for a, _ in done)} / "
           f"totalt {sum(b for _, b in done)}")
if not shown:
    st.info("Inga uppgifter att granska med de valen." if rows else "Rapporten har inga uppgifter att granska.")
    index = None
else:
    focus = st.session_state.pop("gr_focus", None)
    keys = [r.key for r in shown]
    if focus in keys:
        st.session_state["gr_index"] = keys.index(focus)
    index = min(max(int(st.session_state.get("gr_index", 0)), 0), len(shown) - 1)
    st.session_state["gr_index"] = index


def node_names(node_id: str) -> list[str]:
    node = graph.nodes.get(node_id) or base.graph.nodes.get(node_id)
    if node is None:
        return [node_id]
    return [node.name] + list(node.props.get("aliases") or [])


def _move(step: int) -> None:
    st.session_state["gr_index"] = st.session_state.get("gr_index", 0) + step


def _judge(action: str, row_key: str, next_key: str | None) -> None:
    row = next(r for r in rows if r.key == row_key)
    why = (st.session_state.get("gr_reason") or "").strip() or None
    text = {"accept": "Godkänd", "reject": "Avvisad", "reset": "Beslutet är borttaget"}[action]
    decide([service.judge(doc, row, action, graph, who=st.session_state.get("gr_who"), why=why)],
           f"{text}: {row.source_name} {SCHEMA.relation_label_sv(row.fact['type'])} {row.target_name}.",
           advance_to=next_key if action != "reset" else row_key, clear_reason=True)


# ---- the fact -------------------------------------------------------------------------------
if index is not None:
    row = shown[index]
    f = row.fact
    next_key = shown[index + 1].key if index + 1 < len(shown) else row.key
    if only_open and index + 1 < len(shown):
        next_key = shown[index + 1].key
    st.markdown(f"**Uppgift {index + 1} av {len(shown)}** · avsnitt {row.section or '–'}, rad {f.get('line') or '–'} · "
                f"regel `{f.get('method') or '–'}` · säkerhet {row.confidence:.2f} · "
                f"status: **{STATUS_SV.get(row.review, row.review)}**")
    with st.container(border=True):
        amount = f" · {format_sek(f['amount_sek'])}" if f.get("amount_sek") is not None else ""
        st.markdown(f'<span style="{SOURCE_STYLE}">{row.source_name}</span> {SCHEMA.relation_label_sv(f["type"])} '
                    f'<span style="{TARGET_STYLE}">{row.target_name}</span>{amount}', unsafe_allow_html=True)
        start, lines = base.paragraph(f.get("line"))
        st.html(f'<div style="font-size:0.95rem;line-height:1.5" data-testid="gr-paragraph">'
                f'{paragraph_html(lines, f.get("evidence") or "", node_names(f["source"]), node_names(f["target"]))}</div>')
        if row.reason:
            st.caption(f"Skäl: {row.reason}")
    st.text_input("Skäl (valfritt, sparas med beslutet)", key="gr_reason",
                  placeholder="t.ex. fel finansiär, beloppet gäller ett annat projekt")
    b = st.columns(5)
    b[0].button("Godkänn", key="gr_accept", type="primary", shortcut="G", icon=":material/check:",
                on_click=_judge, args=("accept", row.key, next_key), disabled=row.review == "rejected")
    b[1].button("Avvisa", key="gr_reject", shortcut="A", icon=":material/close:",
                on_click=_judge, args=("reject", row.key, next_key), disabled=row.review == "rejected")
    b[2].button("Föregående", key="gr_prev", shortcut="F", on_click=_move, args=(-1,), disabled=index == 0)
    b[3].button("Nästa", key="gr_next", shortcut="N", on_click=_move, args=(1,), disabled=index + 1 >= len(shown))
    b[4].button("Ta bort beslut", key="gr_reset", on_click=_judge, args=("reset", row.key, None),
                disabled=not row.decision, help="Ångra godkännandet eller avvisningen.")
    if row.review == "rejected":
        st.caption("Avvisad: finns inte längre i grafen. ”Ta bort beslut” tar tillbaka den.")

# ---- change and add -----------------------------------------------------------------------
actors = sorted(((n.name, i) for i, n in graph.nodes.items() if n.label == "Actor"), key=lambda x: x[0].lower())
initiatives = sorted(((n.name, i) for i, n in doc_graph.nodes.items() if n.label == "Initiative"), key=lambda x: x[0].lower())
label_of = {i: n.label for i, n in graph.nodes.items()}
name_of = {i: n.name for i, n in graph.nodes.items()}
review_types = list(service.REVIEW_TYPES)


def party_picker(prefix: str, label: str, node_label: str, current: str | None) -> tuple[str | None, dict]:
    """A select box of known actors or initiatives (or a new one); (id, {id: snapshot})."""
    options = [i for _, i in (actors if node_label == "Actor" else initiatives)] + [NEW]
    if current and current not in options:
        options.insert(0, current)
    chosen_id = st.selectbox(label, options, index=options.index(current) if current in options else 0,
                             key=f"{prefix}_{node_label}",
                             format_func=lambda i: ("+ ny aktör" if node_label == "Actor" else "+ ny insats") if i == NEW
                             else name_of.get(i, i))
    if chosen_id != NEW:
        return chosen_id, {}
    c1, c2 = st.columns(2)
    name = c1.text_input("Namn", key=f"{prefix}_{node_label}_name")
    kinds = list(SCHEMA.actor_types if node_label == "Actor" else SCHEMA.initiative_kinds)
    kind = c2.selectbox("Typ", kinds, key=f"{prefix}_{node_label}_kind",
                        format_func=labels.actor_type_label if node_label == "Actor" else labels.initiative_kind_label)
    if not name.strip():
        return None, {}
    node_id, snap = service.new_node(node_label, name, base.graph.documents[0], kind)
    return node_id, {node_id: snap}


def end_labels(rel_type: str) -> tuple[str, str]:
    return SCHEMA.relationships[rel_type].pairs[0]


if index is not None and row.rel is not None:
    with st.expander("Ändra uppgiften", icon=":material/edit:"):
        new_type = st.selectbox("Relation", review_types, index=review_types.index(f["type"]), key="gr_ch_type",
                                format_func=SCHEMA.relation_label_sv)
        a_label, b_label = end_labels(new_type)
        new_source, created_a = party_picker("gr_ch_source", "Finansiär eller part", a_label,
                                             f["source"] if label_of.get(f["source"]) == a_label else None)
        new_target, created_b = party_picker("gr_ch_target", "Mål", b_label,
                                             f["target"] if label_of.get(f["target"]) == b_label else None)
        amount = ""
        if "amount_sek" in SCHEMA.relationships[new_type].properties:
            amount = st.text_input("Belopp i kronor (tomt = inget belopp)", key="gr_ch_amount",
                                   value="" if f.get("amount_sek") is None else str(f["amount_sek"]))
        if st.button("Spara ändringen", key="gr_ch_save", icon=":material/save:"):
            try:
                j = service.change(doc, row, graph, new_type, new_source, new_target, amount,
                                   created={**created_a, **created_b}, who=who,
                                   why=(st.session_state.get("gr_reason") or "").strip() or None)
            except SamverkanError as exc:
                st.error(f"Ändringen sparades inte: {common.swedish_detail(str(exc))}")
            else:
                decide([j], "Uppgiften är ändrad.", advance_to=next_key)
                st.rerun()

with st.expander("Lägg till en uppgift som saknas", icon=":material/add:"):
    st.caption("Välj parterna och kopiera citatet ur stycket (det måste stå i texten). Stycket kring en rad visas nedan.")
    around = st.number_input("Rad i rapporten", min_value=1, step=1, key="gr_add_line",
                             value=int((row.fact.get("line") if index is not None else None) or 1))
    _, context = base.paragraph(int(around))
    if context:
        st.html(f'<div style="font-size:0.9rem;color:#333">{paragraph_html(context, "", [], [])}</div>')
    quote = st.text_area("Citat ur texten", key="gr_add_quote", height=80)
    add_type = st.selectbox("Relation", review_types, key="gr_add_type", format_func=SCHEMA.relation_label_sv)
    a_label, b_label = end_labels(add_type)
    add_source, made_a = party_picker("gr_add_source", "Finansiär eller part", a_label, None)
    add_target, made_b = party_picker("gr_add_target", "Mål", b_label, None)
    add_amount = ""
    if "amount_sek" in SCHEMA.relationships[add_type].properties:
        add_amount = st.text_input("Belopp i kronor (valfritt)", key="gr_add_amount")
    if st.button("Lägg till", key="gr_add_save", icon=":material/add_circle:"):
        try:
            if not add_source or not add_target:
                raise SamverkanError("välj båda parterna (eller skriv namnet på en ny)")
            j = service.add(doc, base, graph, add_type, add_source, add_target, quote, add_amount,
                            created={**made_a, **made_b}, who=who)
        except SamverkanError as exc:
            st.error(f"Uppgiften lades inte till: {common.swedish_detail(str(exc))}")
        else:
            decide([j], "Uppgiften är tillagd.", advance_to=j.fact_key)
            st.rerun()

# ---- actors and initiatives -----------------------------------------------------------------
with st.expander("Aktörer och insatser: slå ihop, dela, byt namn", icon=":material/merge:"):
    kind = st.radio("Vad", ["Actor", "Initiative"], horizontal=True, key="gr_node_kind",
                    format_func=lambda k: "Aktörer" if k == "Actor" else "Insatser")
    doc_nodes = sorted(((n.name, i) for i, n in doc_graph.nodes.items() if n.label == kind), key=lambda x: x[0].lower())
    known = sorted(((n.name, i) for i, n in graph.nodes.items() if n.label == kind), key=lambda x: x[0].lower())
    ids = [i for _, i in known]
    doc_ids = [i for _, i in doc_nodes]
    st.markdown("**Slå ihop** – den andra blir ett alias och dess uppgifter flyttas.")
    m1, m2 = st.columns(2)
    keep = m1.selectbox("Behåll", ids, key="gr_merge_keep", format_func=lambda i: name_of.get(i, i))
    other = m2.selectbox("Slå ihop med (i rapporten)", [i for i in doc_ids if i != keep], key="gr_merge_other",
                         format_func=lambda i: name_of.get(i, i))
    if st.button("Slå ihop", key="gr_merge_go", disabled=not keep or not other):
        try:
            j = service.merge(doc, graph, keep, other, who=who)
        except SamverkanError as exc:
            st.error(f"Sammanslagningen sparades inte: {common.swedish_detail(str(exc))}")
        else:
            decide([j], f"{name_of.get(other, other)} är sammanslagen med {name_of.get(keep, keep)}.")
            st.rerun()
    st.markdown("**Byt namn**")
    r1, r2 = st.columns(2)
    ren = r1.selectbox("Namn på", doc_ids or ids, key="gr_ren_node", format_func=lambda i: name_of.get(i, i))
    new_name = r2.text_input("Nytt namn", key="gr_ren_name")
    if st.button("Byt namn", key="gr_ren_go", disabled=not ren or not new_name.strip()):
        try:
            j = service.rename(doc, graph, ren, new_name, who=who)
        except SamverkanError as exc:
            st.error(f"Namnbytet sparades inte: {common.swedish_detail(str(exc))}")
        else:
            decide([j], f"{name_of.get(ren, ren)} heter nu {new_name.strip()}.")
            st.rerun()
    st.markdown("**Dela av ett alias** – ett namn som inte är samma organisation.")
    with_aliases = [i for i in ids if graph.nodes[i].props.get("aliases")]
    s1, s2 = st.columns(2)
    node = s1.selectbox("Aktör eller insats", with_aliases, key="gr_split_node", format_func=lambda i: name_of.get(i, i))
    alias = s2.selectbox("Alias", list(graph.nodes[node].props.get("aliases") or []) if node else [], key="gr_split_alias")
    if st.button("Dela av", key="gr_split_go", disabled=not node or not alias):
        j = service.split(doc, graph, node, alias, service.merged_into(reviewer.log).get(node), who=who)
        decide([j], f"{alias} är inte längre ett alias för {name_of.get(node, node)}.")
        st.rerun()

# ---- judgements that no longer apply --------------------------------------------------------
problems = [o for o in base.replay(reviewer.log)[1].outcomes if o.status in PROBLEMS]
if problems:
    st.subheader("Beslut som inte kan tillämpas")
    st.caption("Texten eller grafen har ändrats sedan beslutet: de ligger kvar i loggen men används inte.")
    st.dataframe(pd.DataFrame({
        "Beslut": [o.judgement.action for o in problems],
        "Av": [o.judgement.who for o in problems],
        "När": [o.judgement.when for o in problems],
        "Varför inte": [PROBLEM_SV.get(o.status, o.status) for o in problems],
        "Belägg": [(o.judgement.fact or {}).get("quote") or (o.judgement.fact or {}).get("evidence") or "" for o in problems],
    }), hide_index=True, width="stretch")
