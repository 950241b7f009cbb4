"""The Streamlit app through streamlit.testing (AppTest): every page and every filter, on an
embedded store built from the bundled report in a temporary directory (SAMVERKAN_STORE)."""
from __future__ import annotations

import pytest

from samverkan.graph.schema import SCHEMA
from samverkan.ui import downloads, labels
from ui_helpers import DATA, PAGES, TITLES, assert_clean, network_html, network_nodes, texts, widget


def node_ids(at) -> set[str]:
    return {n["id"] for n in network_nodes(network_html(at))}


def shown_caption(at) -> str:
    return next(c for c in texts(at.caption) if c.startswith("Visar "))


# ---- every page -----------------------------------------------------------------------------
@pytest.mark.parametrize("page", list(PAGES))
def test_every_page_renders(app, page):
    at = app(page)
    assert texts(at.title) == [TITLES[page]]
    assert not at.error, texts(at.error)
    sidebar = " ".join(texts(at.sidebar.caption))
    assert "LadybugDB" in sidebar and "1 dokument" in sidebar


def test_missing_store_offers_to_build_it(monkeypatch, tmp_path):
    from streamlit.testing.v1 import AppTest

    from ui_helpers import APP

    store = tmp_path / "saknas.lbug"
    monkeypatch.setenv("SAMVERKAN_STORE", str(store))
    monkeypatch.setenv("SAMVERKAN_BACKEND", "embedded")
    at = AppTest.from_file(str(APP), default_timeout=120).run()
    assert_clean(at)
    assert any("kunde inte öppnas" in e for e in texts(at.error))
    widget(at, "button", "build_bundled").click().run()
    assert_clean(at)
    assert store.exists()
    assert texts(at.title) == ["Nätverk"] and node_ids(at)


def test_reload_button(app):
    at = app("natverk")
    before = node_ids(at)
    widget(at, "button", "reload_graph").click().run()
    assert_clean(at)
    assert node_ids(at) == before


# ---- Nätverk: the network and each filter -----------------------------------------------------------
def test_network_default_view(app, bundled_data):
    at = app("natverk")
    ids = node_ids(at)
    assert "region-vastmanland" in ids and len(ids) > 30
    assert shown_caption(at).startswith(f"Visar {len(ids)} noder")
    legend = texts(at.html)[0]
    for spec in SCHEMA.actor_types.values():
        assert spec["label_sv"] in legend
    for rtype in labels.network_rel_types():
        assert SCHEMA.relationships[rtype].label_sv in legend
    assert not at.warning  # not limited


def test_network_section_filter(app):
    at = app("natverk")
    everything = node_ids(at)
    widget(at, "button_group", "nat_sections").set_value(["3.1"]).run()
    assert_clean(at)
    only = node_ids(at)
    assert only and only < everything
    assert "lansstyrelsen-i-vastmanlands-lan" in only
    widget(at, "button_group", "nat_sections").set_value([labels.OTHER_SECTIONS]).run()
    assert node_ids(at) and node_ids(at) != only
    widget(at, "button_group", "nat_sections").set_value([]).run()
    assert not at.get("iframe")
    assert any("Inget att visa" in i for i in texts(at.info))


def test_network_actor_type_filter(app, bundled_data):
    at = app("natverk")
    widget(at, "button_group", "nat_types").set_value(["state_agency"]).run()
    assert_clean(at)
    ids = node_ids(at)
    actors = [i for i in ids if bundled_data.nodes[i]["label"] == "Actor"]
    assert actors and all(bundled_data.nodes[i]["type"] == "state_agency" for i in actors)


def test_network_initiative_toggle(app, bundled_data):
    at = app("natverk")
    assert any(bundled_data.nodes[i]["label"] == "Initiative" for i in node_ids(at))
    widget(at, "toggle", "nat_initiatives").set_value(False).run()
    assert_clean(at)
    assert all(bundled_data.nodes[i]["label"] == "Actor" for i in node_ids(at))


def test_network_relation_filter(app):
    at = app("natverk")
    widget(at, "button_group", "nat_rels").set_value(["FINANCES"]).run()
    assert_clean(at)
    edges = __import__("ui_helpers").network_edges(network_html(at))
    assert edges and {e["relType"] for e in edges} == {"FINANCES"}
    legend = texts(at.html)[0]
    assert labels.rel_label_sv("FINANCES") in legend
    assert labels.rel_label_sv("LEADS") not in legend  # the compact legend lists what the view shows


def test_network_minimum_degree(app):
    at = app("natverk")
    loose = node_ids(at)
    widget(at, "slider", "nat_min_degree").set_value(4).run()
    assert_clean(at)
    strict = node_ids(at)
    assert strict and strict < loose
    widget(at, "slider", "nat_min_degree").set_value(0).run()
    assert node_ids(at) >= loose


def test_network_search_focuses_on_an_actor(app):
    at = app("natverk")
    widget(at, "text_input", "nat_search").input("länsstyrelsen").run()
    assert_clean(at)
    focus = widget(at, "selectbox", "nat_focus")
    assert focus.value == "lansstyrelsen-i-vastmanlands-lan"
    one = node_ids(at)
    assert "lansstyrelsen-i-vastmanlands-lan" in one
    assert any("grannskap i 1 steg" in i for i in texts(at.info))
    widget(at, "slider", "nat_depth").set_value(2).run()
    assert_clean(at)
    assert node_ids(at) > one
    assert any("grannskap i 2 steg" in i for i in texts(at.info))


def test_network_search_without_match(app):
    at = app("natverk")
    widget(at, "text_input", "nat_search").input("Ingen sådan organisation").run()
    assert_clean(at)
    assert any("Ingen aktör eller insats matchar" in w for w in texts(at.sidebar.warning))
    assert node_ids(at)  # the whole view stays


def test_network_evidence_table(app, bundled_data):
    at = app("natverk")
    table = at.dataframe[0].value
    assert {"Från", "Relation", "Till", "Avsnitt", "Rad", "Belägg"} <= set(table.columns)
    assert len(table) > 50 and table["Belägg"].str.len().min() > 10
    widget(at, "selectbox", "nat_evidence_node").set_value("tillvaxtverket").run()
    assert_clean(at)
    mine = at.dataframe[0].value
    name = bundled_data.nodes["tillvaxtverket"]["name"]
    assert 0 < len(mine) < len(table)
    assert all(name in (a, b) for a, b in zip(mine["Från"], mine["Till"]))


def test_network_tooltips_carry_evidence_with_section_and_line(app):
    at = app("natverk")
    html = network_html(at)
    edges = __import__("ui_helpers").network_edges(html)
    assert all("rad" in e["title"] and "»" in e["title"] for e in edges)
    assert "network.on(\"click\"" in html and 'id="details"' in html


# ---- Vem medfinansierar vad ---------------------------------------------------------------
def test_cofinance_tables_per_section(app):
    at = app("medfinansiering")
    assert [t.label for t in at.tabs] == [labels.section_group_label(s) for s in labels.COLLAB_SECTIONS]
    headers = texts(at.subheader)
    for section in labels.COLLAB_SECTIONS:
        assert any(h.startswith(section + " ") for h in headers)
    tables = [df.value for df in at.dataframe]
    assert tables, "no co-financing table at all"
    for table in tables:
        assert list(table.columns) == ["Insats", "Finansiärer", "Belopp", "Avsnitt", "Rad", "Belägg", "Antal", "Typ",
                                       "Instrument", "Granskad"]
        assert set(table["Granskad"]) <= {"", "✓"}  # the review mark (Granska), or none
        assert (table["Antal"] >= 1).all() and table["Belägg"].str.len().min() > 10
    tab31 = at.tabs[0]
    assert any("Länsstyrelsen" in f for df in tab31.dataframe for f in df.value["Finansiärer"])


def test_cofinance_download_buttons(app):
    at = app("medfinansiering")
    keys = {b.key for b in at.get("download_button")}
    for prefix in [f"cof_{s}" for s in labels.COLLAB_SECTIONS] + ["cof_all"]:
        for fmt in downloads.FORMATS:
            assert f"{prefix}_{fmt}" in keys


@pytest.mark.parametrize("fmt", downloads.FORMATS)
def test_report_files(bundled_store, fmt):
    from samverkan.graph.store import open_store

    with open_store("embedded", path=bundled_store, create=False, read_only=True) as store:
        data = downloads.report_bytes(store, "3.1", fmt)
    assert len(data) > 200
    if fmt in ("xlsx", "docx"):
        assert data[:2] == b"PK"
    else:
        text = data.decode("utf-8")
        assert "3.1" in text and "Länsstyrelsen" in text
    assert downloads.file_name("3.1", fmt).endswith(f"avsnitt-3.1.{fmt}")


# ---- Aktör -------------------------------------------------------------------------------------
def test_actor_profile(app, bundled_data):
    at = app("aktor")
    actor = widget(at, "selectbox", "aktor_actor")
    assert actor.value == "region-vastmanland"  # the best-connected actor first
    widget(at, "selectbox", "aktor_actor").set_value("tillvaxtverket").run()
    assert_clean(at)
    assert texts(at.header) == [bundled_data.nodes["tillvaxtverket"]["name"]]
    assert "Statlig myndighet" in texts(at.html)[0]
    metrics = {m.label: m.value for m in at.metric}
    assert int(metrics["Finansierar"]) >= 1
    assert {"Samarbetsparter", "Insatser", "Belägg"} <= set(texts(at.subheader))
    tables = [df.value for df in at.dataframe]
    roles = next(t for t in tables if "Roll" in t.columns)
    assert "Finansierar" in set(roles["Roll"])
    evidence = tables[-1]
    assert {"Avsnitt", "Rad", "Belägg"} <= set(evidence.columns) and len(evidence) >= 1
    assert network_nodes(network_html(at))  # the neighbourhood


def test_actor_from_query_parameter(app, bundled_data):
    from streamlit.testing.v1 import AppTest

    from ui_helpers import APP

    at = AppTest.from_file(str(APP), default_timeout=120)
    at.query_params["aktor"] = "vinnova"
    at.run()
    at.switch_page(PAGES["aktor"]).run()
    assert_clean(at)
    assert texts(at.header) == [bundled_data.nodes["vinnova"]["name"]]


# ---- Finansieringsflöden ----------------------------------------------------------------------
def test_funding_flows_sankey(app):
    at = app("floden")
    charts = at.get("plotly_chart")
    assert charts
    spec = charts[0].proto.spec
    assert '"sankey"' in spec
    assert any("saknar belopp" in i and "nominell bredd" in i for i in texts(at.info))
    table = at.dataframe[0].value
    assert "belopp saknas" in set(table["Belopp"])
    assert any(b.endswith("mnkr") for b in table["Belopp"])


def test_funding_flow_filters(app):
    at = app("floden")
    everything = len(at.dataframe[0].value)
    widget(at, "button_group", "flow_sections").set_value(["3.1"]).run()
    assert_clean(at)
    assert 0 < len(at.dataframe[0].value) < everything
    widget(at, "button_group", "flow_sections").set_value(list(labels.SECTION_GROUPS)).run()
    widget(at, "button_group", "flow_types").set_value(["state_agency"]).run()
    assert_clean(at)
    assert set(at.dataframe[0].value["Typ"]) == {"Statlig myndighet"}
    widget(at, "radio", "flow_mode").set_value("count").run()
    assert_clean(at)
    assert not any("nominell bredd" in i for i in texts(at.info))
    widget(at, "button_group", "flow_types").set_value([]).run()
    assert any("Inga finansieringsflöden" in i for i in texts(at.info))


# ---- Cypher -------------------------------------------------------------------------------------
def test_cypher_default_query_with_parameter(app):
    at = app("cypher")
    assert widget(at, "text_input", "cy_param_kapitel").value == "3"
    widget(at, "button", "cy_run").click().run()
    assert_clean(at)
    assert not at.error
    result = at.dataframe[0].value
    assert list(result.columns) == ["finansiar", "insats", "belopp", "avsnitt", "rad"]
    assert len(result) > 0 and all(str(s).startswith("3") for s in result["avsnitt"])
    assert network_nodes(network_html(at))  # the small graph of the result


def test_cypher_catalogue_example(app):
    at = app("cypher")
    widget(at, "selectbox", "cy_example").set_value("cofinance_by_section").run()
    assert_clean(at)
    assert "FINANCES" in widget(at, "text_area", "cy_text").value
    assert widget(at, "text_input", "cy_param_section").value == "3.1"
    widget(at, "button", "cy_run").click().run()
    assert_clean(at)
    assert not at.error
    result = at.dataframe[0].value
    assert "Finansiärer" in result.columns and len(result) >= 1  # the catalogue's Swedish headings


def test_cypher_every_catalogue_query_gets_parameter_fields(app):
    from samverkan.queries.catalogue import list_queries

    at = app("cypher")
    for query in list_queries():
        widget(at, "selectbox", "cy_example").set_value(query.name).run()
        assert_clean(at)
        text = widget(at, "text_area", "cy_text").value
        for param in query.params:
            if f"${param.name}" in text:
                widget(at, "text_input", f"cy_param_{param.name}")


def test_cypher_parameters_are_never_pasted_into_the_query(app, monkeypatch):
    from samverkan.ui import common

    at = app("cypher")
    widget(at, "text_area", "cy_text").input("MATCH (a:Actor) WHERE a.name = $namn RETURN a.id AS id").run()
    hostile = "x' OR 1=1 //"
    widget(at, "text_input", "cy_param_namn").input(hostile).run()
    seen = []
    store = common._open_store(common.config())
    original = type(store).query_readonly

    def spy(self, text, params=None):
        seen.append((text, params))
        return original(self, text, params)

    monkeypatch.setattr(type(store), "query_readonly", spy)
    widget(at, "button", "cy_run").click().run()
    assert_clean(at)
    assert seen == [("MATCH (a:Actor) WHERE a.name = $namn RETURN a.id AS id", {"namn": hostile})]
    assert len(at.dataframe[0].value) == 0


def test_cypher_refuses_writes_in_swedish(app):
    from samverkan.ui import common

    at = app("cypher")
    store = common._open_store(common.config())
    before = store.counts()
    for query in ["CREATE (a:Actor {id: 'hack', name: 'Hack'})", "MATCH (a:Actor) DETACH DELETE a",
                  "MATCH (a:Actor) SET a.name = 'x' RETURN a"]:
        widget(at, "text_area", "cy_text").input(query).run()
        widget(at, "button", "cy_run").click().run()
        assert_clean(at)
        errors = texts(at.error)
        assert errors and errors[0].startswith("Skrivskyddat: frågan skulle ändra grafen och kördes inte")
    assert store.counts() == before


def test_cypher_parameter_types(app):
    at = app("cypher")
    widget(at, "text_area", "cy_text").input("RETURN $n AS n, $s AS s").run()
    assert widget(at, "button_group", "cy_type_n").value == "text"
    widget(at, "text_input", "cy_param_n").input("42").run()
    widget(at, "text_input", "cy_param_s").input("42").run()
    widget(at, "button_group", "cy_type_n").set_value("heltal").run()
    widget(at, "button", "cy_run").click().run()
    assert_clean(at)
    row = at.dataframe[0].value.iloc[0]
    assert row["n"] == 42 and row["s"] == "42"
    widget(at, "text_input", "cy_param_n").input("fyrtiotvå").run()
    widget(at, "button", "cy_run").click().run()
    assert "ska vara ett heltal" in texts(at.error)[0]


def test_cypher_bad_query_message(app):
    at = app("cypher")
    widget(at, "text_area", "cy_text").input("MATCH (a:Nope RETURN a").run()
    widget(at, "button", "cy_run").click().run()
    assert_clean(at)
    assert texts(at.error) and texts(at.error)[0].startswith("Frågan misslyckades")


# ---- Källor ----------------------------------------------------------------------------------------
def test_sources_lists_the_loaded_report(app):
    at = app("kallor")
    table = at.dataframe[0].value
    assert list(table["Region"]) == ["Region Västmanland"] and list(table["År"]) == ["2019"]
    assert widget(at, "button", "src_drop_region-vastmanland-2019")


def test_upload_a_report_and_remove_it(fresh_app):
    at = fresh_app("kallor")
    content = (DATA / "region_jamtland_excerpt.txt").read_bytes()
    widget(at, "file_uploader", "src_upload").set_value(("region_jamtland_excerpt.txt", content, "text/plain"))
    at.run()
    widget(at, "button", "src_load").click().run()
    assert_clean(at)
    assert not at.error, texts(at.error)
    assert at.get("progress") and at.get("progress")[0].proto.value == 100
    assert any("är inläst" in s for s in texts(at.success))
    table = at.dataframe[0].value
    assert len(table) == 2
    new_doc = next(k for k in (b.key for b in at.button) if k.startswith("src_drop_") and "vastmanland" not in k)
    # the network now includes the new report
    at.switch_page(PAGES["natverk"]).run()
    assert "2 dokument" in at.sidebar.caption[1].value
    at.switch_page(PAGES["kallor"]).run()
    widget(at, "button", new_doc).click().run()
    assert any("Ta bort" in w for w in texts(at.warning))
    widget(at, "button", "src_confirm").click().run()
    assert_clean(at)
    assert any("är borttagen" in s for s in texts(at.success))
    assert len(at.dataframe[0].value) == 1


def test_removal_can_be_cancelled(fresh_app):
    at = fresh_app("kallor")
    widget(at, "button", "src_drop_region-vastmanland-2019").click().run()
    widget(at, "button", "src_cancel").click().run()
    assert_clean(at)
    assert len(at.dataframe[0].value) == 1 and not at.warning


@pytest.mark.parametrize("name,content,reason", [
    ("trasig.txt", bytes(range(256)) * 40, "inte vara text"),
    ("tom.txt", b"   \n", "tom"),
    ("roman.txt", "Det var en gång en katt som hette Måns. Han bodde i en stuga.\n".encode() * 5, "Inga aktörer"),
    ("falsk.pdf", b"%PDF-1.4 not really a pdf", "PDF"),
])
def test_bad_upload_leaves_the_store_as_it_was(fresh_app, name, content, reason):
    from samverkan.ui import common

    at = fresh_app("kallor")
    before = common._open_store(common.config()).counts()
    widget(at, "file_uploader", "src_upload").set_value((name, content, "application/octet-stream"))
    at.run()
    widget(at, "button", "src_load").click().run()
    assert_clean(at)
    errors = texts(at.error)
    assert errors and f"{name} kunde inte läsas in" in errors[0] and "Grafen är oförändrad" in errors[0]
    assert reason in errors[0], errors[0]
    assert "/tmp/" not in errors[0]
    assert len(at.dataframe[0].value) == 1
    assert common._open_store(common.config()).counts() == before
