"""The app on a store of several reports (Region Jämtland Härjedalen 2020 and 2021, Region
Dalarna 2020): the sidebar's region and year choose what every page shows, the default is
the newest report of the region built last, and Jämför shows what changed. AppTest for the
pages, Chromium (Playwright) for the same steps in a real browser."""
from __future__ import annotations

import os

import pytest

from ui_helpers import DATA, ui_server, assert_clean, network_html, network_nodes, page_opener, texts, widget

J20, J21, D20 = "region-jamtland-harjedalen-2020", "region-jamtland-harjedalen-2021", "region-dalarna-2020"
FILES = [DATA / "report_fixture_jamtland.txt", DATA / "report_fixture_jamtland_2021.txt", DATA / "report_fixture_dalarna_2020.txt"]


@pytest.fixture(scope="module")
def many_store(tmp_path_factory):
    from samverkan.commands.build import build

    path = tmp_path_factory.mktemp("ui-many") / "samverkan.lbug"
    build(FILES[:2], path)  # Jämtland first, Dalarna built last: the app opens on Dalarna
    build(FILES[2:], path)
    return path


@pytest.fixture
def many_app(monkeypatch, many_store):
    monkeypatch.setenv("SAMVERKAN_STORE", str(many_store))
    monkeypatch.setenv("SAMVERKAN_BACKEND", "embedded")
    monkeypatch.delenv("NEO4J_URI", raising=False)
    return page_opener()


def choose(at, region: str, year: str):
    widget(at, "selectbox", "sel_region").set_value(region).run()
    widget(at, "selectbox", "sel_year").set_value(year).run()
    assert_clean(at)
    return at


def node_ids(at) -> set[str]:
    return {n["id"] for n in network_nodes(network_html(at))}


def test_the_default_is_the_newest_report_of_the_region_built_last(many_app):
    at = many_app("natverk")
    assert widget(at, "selectbox", "sel_region").value == "Region Dalarna"
    assert widget(at, "selectbox", "sel_year").value == "2020"
    ids = node_ids(at)
    assert "region-dalarna" in ids and "region-jamtland-harjedalen" not in ids


def test_region_and_year_change_the_network(many_app):
    at = choose(many_app("natverk"), "Region Jämtland Härjedalen", "2021")
    ids = node_ids(at)
    assert "energimyndigheten" in ids and "tillvaxtverket" not in ids  # 2021 only
    at = choose(at, "Region Jämtland Härjedalen", "2020")
    ids = node_ids(at)
    assert "tillvaxtverket" in ids and "energimyndigheten" not in ids
    assert at.query_params["region"] in ("Region Jämtland Härjedalen", ["Region Jämtland Härjedalen"])
    assert at.query_params["ar"] in ("2020", ["2020"])


def test_the_choice_holds_on_the_cofinancing_page(many_app):
    at = choose(many_app("natverk"), "Region Jämtland Härjedalen", "2021")
    at.switch_page("views/medfinansiering.py").run()
    assert_clean(at)
    tables = [df.value for df in at.dataframe]
    names = {n for t in tables for n in t["Insats"]}
    assert "Energismart Jämtland" in names and "Vinterstaden" not in names and "Digitala Dalarna" not in names
    assert any("Rapporter: Region Jämtland Härjedalen 2021" in c for c in texts(at.caption))


def test_all_regions_keep_rows_per_report(many_app):
    at = choose(many_app("medfinansiering"), "", "")
    tables = [df.value for df in at.dataframe]
    assert all("Rapport" in t.columns for t in tables)
    shared = [row for t in tables for _, row in t.iterrows() if row["Insats"] == "Gränslöst samarbete"]
    assert sorted(r["Rapport"] for r in shared) == [D20, J21]  # one row per report, never merged


def test_network_coloured_by_region_and_national_view(many_app):
    at = choose(many_app("natverk"), "", "")
    widget(at, "radio", "nat_color").set_value("region").run()
    assert_clean(at)
    assert any("Regioner (färg)" in h.proto.body for h in at.get("html"))
    widget(at, "toggle", "nat_national").set_value(True).run()
    assert_clean(at)
    nodes = network_nodes(network_html(at))
    assert nodes and all(not n["id"].startswith(("region-dalarna--", "region-jamtland")) or n["id"] in
                         ("region-jamtland-harjedalen",) for n in nodes)  # actors only
    assert any("Nationell vy" in i.value for i in at.info)


def test_jamfor_shows_what_changed(many_app):
    at = choose(many_app("natverk"), "Region Jämtland Härjedalen", "2021")
    at.switch_page("views/jamfor.py").run()
    assert_clean(at)
    assert widget(at, "selectbox", "cmp_a").value == J20 and widget(at, "selectbox", "cmp_b").value == J21
    partners, initiatives = (df.value for df in at.dataframe)
    status = dict(zip(partners["Part"], partners["Förändring"]))
    assert status["Energimyndigheten"] == "ny" and status["Tillväxtverket"] == "borta"
    changed = dict(zip(initiatives["Insats eller område"], initiatives["Förändring"]))
    assert changed["Vinterstaden"] == "avslutad" and changed["Fjällnära företag"] == "fortsätter"
    assert {b.key for b in at.get("download_button")} >= {"cmp_md", "cmp_csv", "cmp_xlsx"}


def test_the_actor_page_shows_the_actor_across_reports(many_app):
    at = many_app("aktor")
    widget(at, "selectbox", "aktor_actor").set_value("trafikverket").run()
    assert_clean(at)
    table = next(df.value for df in at.dataframe if "Region" in df.value.columns)
    assert sorted(zip(table["Region"], table["År"])) == [
        ("Region Dalarna", 2020), ("Region Jämtland Härjedalen", 2020), ("Region Jämtland Härjedalen", 2021)]
    assert any("i 2 av 2 regioner" in c for c in texts(at.caption))


# ---- in the browser -----------------------------------------------------------------------
@pytest.mark.browser
def test_choosing_region_and_year_in_the_browser(many_store, tmp_path):
    from test_ui_browser import VIEWPORT, network_frame, shot
    from ui_helpers import CHROMIUM, chromium_page, settle, unavailable

    if not os.access(CHROMIUM, os.X_OK):
        unavailable("no Chromium")
    from playwright.sync_api import sync_playwright

    env = dict(os.environ, SAMVERKAN_BACKEND="embedded", SAMVERKAN_STORE=str(many_store))
    with ui_server(env, tmp_path) as base:
        with sync_playwright() as pw, chromium_page(pw, VIEWPORT) as page:
            # a deep link with the choice in the URL opens on it
            page.goto(f"{base}/natverk?region=Region+J%C3%A4mtland+H%C3%A4rjedalen&ar=2021")
            page.get_by_role("heading", name="Nätverk", exact=True).first.wait_for()
            settle(page)
            frame = network_frame(page)
            ids = frame.evaluate("() => nodeData.map(n => n.id)")
            assert "energimyndigheten" in ids and "region-dalarna" not in ids
            shot(page, "natverk-region-ar")
            page.goto(f"{base}/medfinansiering?region=Region+J%C3%A4mtland+H%C3%A4rjedalen&ar=2020")
            page.get_by_role("heading", name="Vem medfinansierar vad", exact=True).first.wait_for()
            settle(page)
            body = page.inner_text("body")  # (the tables themselves are drawn on a canvas: AppTest reads them)
            assert "Rapporter: Region Jämtland Härjedalen 2020" in body
            page.goto(f"{base}/jamfor?region=Region+J%C3%A4mtland+H%C3%A4rjedalen&ar=2021")
            page.get_by_role("heading", name="Jämför rapporter", exact=True).first.wait_for()
            settle(page)
            body = page.inner_text("body")
            assert "nya parter" in body and "Region Jämtland Härjedalen 2020 → Region Jämtland Härjedalen 2021" in body
            shot(page, "jamfor")
