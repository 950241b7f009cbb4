"""The app on Neo4j (SAMVERKAN_BACKEND=neo4j): the same pages show the same graph as on the
embedded store. Needs the Neo4j server of scripts/neo4j-server.sh (see tests/conftest.py:
skipped when it is down, failed when NEO4J_URI or CI is set)."""
from __future__ import annotations

import pytest

from samverkan.ui import labels
from ui_helpers import PAGES, TITLES, assert_clean, network_html, network_nodes, page_opener, texts, widget

pytestmark = pytest.mark.neo4j


@pytest.fixture
def neo4j_app(monkeypatch, neo4j_target, neo4j_store):
    from samverkan.loaders.pipeline import extract_document
    from samverkan.settings import BUNDLED_REPORT
    from samverkan.ui import common

    neo4j_store.write(extract_document(BUNDLED_REPORT).graph)
    for key, value in neo4j_target.env(SAMVERKAN_BACKEND="neo4j").items():
        if key.startswith(("NEO4J_", "SAMVERKAN_")):
            monkeypatch.setenv(key, value)

    common._open_store.clear()  # a fresh connection for this graph
    yield page_opener()
    common._open_store.clear()  # closes the cached connection (on_release)


@pytest.mark.parametrize("page", list(PAGES))
def test_every_page_on_neo4j(neo4j_app, page):
    at = neo4j_app(page)
    assert texts(at.title) == [TITLES[page]]
    assert not at.error, texts(at.error)
    assert any("Neo4j" in c for c in texts(at.sidebar.caption))


def test_same_network_as_the_embedded_store(neo4j_app, bundled_data):
    at = neo4j_app("natverk")
    ids = {n["id"] for n in network_nodes(network_html(at))}
    from samverkan.ui.network import NetworkFilter, filter_view

    assert ids == set(filter_view(bundled_data, NetworkFilter()).graph)
    widget(at, "button_group", "nat_sections").set_value(["3.1"]).run()
    assert_clean(at)
    only = {n["id"] for n in network_nodes(network_html(at))}
    assert only == set(filter_view(bundled_data, NetworkFilter.of(sections=["3.1"])).graph)


def test_same_cofinance_tables_as_the_embedded_store(neo4j_app, app):
    neo = neo4j_app("medfinansiering")
    emb = app("medfinansiering")
    assert len(neo.dataframe) == len(emb.dataframe) > 0
    for a, b in zip(neo.dataframe, emb.dataframe):
        assert a.value.equals(b.value)
    assert {b.key for b in neo.get("download_button")} == {b.key for b in emb.get("download_button")}


def test_cypher_on_neo4j_refuses_writes(neo4j_app):
    at = neo4j_app("cypher")
    widget(at, "button", "cy_run").click().run()
    assert_clean(at)
    assert len(at.dataframe[0].value) > 0
    widget(at, "text_area", "cy_text").input("MATCH (n) DETACH DELETE n").run()
    widget(at, "button", "cy_run").click().run()
    assert texts(at.error)[0].startswith("Skrivskyddat")


def test_upload_and_remove_on_neo4j(neo4j_app):
    from ui_helpers import DATA

    at = neo4j_app("kallor")
    content = (DATA / "region_jamtland_excerpt.txt").read_bytes()
    widget(at, "file_uploader", "src_upload").set_value(("region_jamtland_excerpt.txt", content, "text/plain"))
    at.run()
    widget(at, "button", "src_load").click().run()
    assert_clean(at)
    assert any("är inläst" in s for s in texts(at.success)), texts(at.error)
    assert len(at.dataframe[0].value) == 2
    drop = next(b.key for b in at.button if b.key.startswith("src_drop_region-jamtland"))
    widget(at, "button", drop).click().run()
    widget(at, "button", "src_confirm").click().run()
    assert_clean(at)
    assert len(at.dataframe[0].value) == 1
    assert labels.section_group("3.1") == "3.1"
