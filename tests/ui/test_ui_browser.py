"""End to end in a real browser: `samverkan ui` as a subprocess on a free port (it builds its
store from the bundled report, in a temporary directory), Chromium from Debian driven by
Playwright. Every page is opened; the network canvas must be drawn, a click on a node must
show its evidence, a report download must arrive, an upload must be read in and removed.
Screenshots go to docs/screenshots/*.png.

Chromium: /usr/bin/chromium (scripts/install-browser.sh installs it; SAMVERKAN_CHROMIUM
overrides the path). Playwright never downloads a browser of its own. Without Chromium the
tests are skipped with the reason, except in CI (CI set), where they fail.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ui_helpers import CHROMIUM, CHROMIUM_ARGS, DATA, PROJECT_ROOT, settle, ui_server, unavailable

pytestmark = pytest.mark.browser

SHOTS = PROJECT_ROOT / "docs" / "screenshots"
VIEWPORT = {"width": 1440, "height": 1000}
STARTUP_TIMEOUT = 180
SERVER_STORE: dict[str, Path] = {}  # base URL -> the store the server shows


@pytest.fixture(scope="module")
def browser():
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        unavailable(f"Chromium not found at {CHROMIUM}; run scripts/install-browser.sh")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("Playwright for Python is not installed (pip install -e '.[test]')")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()




@pytest.fixture(scope="module")
def server(tmp_path_factory, browser):
    """`samverkan ui` on a free port with a store that does not exist yet; its base URL."""
    tmp = tmp_path_factory.mktemp("ui-e2e")
    store = tmp / "samverkan.lbug"
    env = dict(os.environ, SAMVERKAN_BACKEND="embedded", SAMVERKAN_STORE=str(store))
    with ui_server(env, tmp, STARTUP_TIMEOUT) as base:
        assert store.exists(), "samverkan ui should have built the missing store"
        SERVER_STORE[base] = store
        yield base


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=VIEWPORT, accept_downloads=True, locale="sv-SE")
    pg = context.new_page()
    pg.set_default_timeout(60_000)
    try:
        yield pg
    finally:
        context.close()


def open_page(page, base: str, path: str, title: str):
    page.goto(f"{base}/{path}")
    page.get_by_role("heading", name=title, exact=True).first.wait_for()
    settle(page)


def shot(page, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path


def network_frame(page, index: int = 0):
    """The Frame of the index-th network iframe, once vis.js has drawn it."""
    page.wait_for_selector("iframe")
    frames = []
    for handle in page.query_selector_all("iframe"):
        frame = handle.content_frame()
        if frame is not None and frame.query_selector("#mynetwork") is not None:
            frames.append(frame)
    assert len(frames) > index, "no network iframe on the page"
    frame = frames[index]
    frame.wait_for_selector("body[data-drawn='1']", timeout=30_000)
    return frame


def assert_canvas_drawn(frame) -> None:
    canvas = frame.wait_for_selector("#mynetwork canvas")
    box = canvas.bounding_box()
    assert box and box["width"] > 100 and box["height"] > 100, box
    size = frame.evaluate("() => { const c = document.querySelector('#mynetwork canvas'); return [c.width, c.height]; }")
    assert size[0] > 0 and size[1] > 0
    # something other than background was painted
    painted = frame.evaluate("""() => {
        const c = document.querySelector('#mynetwork canvas');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0; for (let i = 0; i < d.length; i += 4) { if (d[i + 3] > 0 && (d[i] < 200 || d[i + 1] < 200 || d[i + 2] < 200)) n++; }
        return n; }""")
    assert painted > 1000, f"the canvas looks empty ({painted} painted pixels)"


def click_node(page, frame, node_id: str) -> None:
    frame.frame_element().scroll_into_view_if_needed()
    pos = frame.evaluate("(id) => network.canvasToDOM(network.getPositions([id])[id])", node_id)
    iframe_box = frame.frame_element().bounding_box()
    net_box = frame.query_selector("#mynetwork").bounding_box()  # relative to the page already
    assert iframe_box and net_box
    page.mouse.click(net_box["x"] + pos["x"], net_box["y"] + pos["y"])


# ---- the pages -----------------------------------------------------------------------------------
def test_network_page(server, page):
    open_page(page, server, "", "Nätverk")
    frame = network_frame(page)
    assert_canvas_drawn(frame)
    assert int(frame.get_attribute("#mynetwork", "data-nodes")) > 30
    shot(page, "natverk")
    click_node(page, frame, "region-vastmanland")
    frame.wait_for_function("() => document.querySelector('#details h4') !== null")
    details = frame.inner_text("#details")
    assert "Region Västmanland" in details and "rad" in details and "»" in details
    assert "Länsstyrelse" in page.inner_text("body")  # the legend
    shot(page, "natverk-belagg")


def test_network_filter_and_search(server, page):
    open_page(page, server, "", "Nätverk")
    page.get_by_label("Sök aktör eller insats", exact=True).fill("tillväxtverket")
    page.get_by_label("Sök aktör eller insats", exact=True).press("Enter")
    page.get_by_text("grannskap i 1 steg").first.wait_for()
    settle(page)
    frame = network_frame(page)
    assert_canvas_drawn(frame)
    nodes = int(frame.get_attribute("#mynetwork", "data-nodes"))
    assert 2 <= nodes < 30
    shot(page, "natverk-fokus")


def test_cofinance_page_and_download(server, page, tmp_path):
    open_page(page, server, "medfinansiering", "Vem medfinansierar vad")
    page.get_by_text("3.1 Samverkan med länsstyrelsen").first.wait_for()
    page.wait_for_selector("[data-testid='stDataFrame']")
    page.get_by_role("button", name="Word (.docx)").last.wait_for()  # the buttons of "Hela kapitel 3"
    settle(page)
    shot(page, "medfinansiering")
    for label, suffix in (("Markdown (.md)", ".md"), ("Word (.docx)", ".docx")):
        with page.expect_download() as info:
            page.get_by_role("button", name=label).first.click()
        download = info.value
        assert download.suggested_filename == f"samverkan-avsnitt-3.1{suffix}"
        target = tmp_path / download.suggested_filename
        download.save_as(target)
        data = target.read_bytes()
        if suffix == ".md":
            assert "3.1" in data.decode("utf-8") and "Länsstyrelsen" in data.decode("utf-8")
        else:
            assert data[:2] == b"PK"


def test_actor_page(server, page):
    open_page(page, server, "aktor?aktor=tillvaxtverket", "Aktör")
    page.get_by_role("heading", name="Tillväxtverket").first.wait_for()
    page.get_by_text("Statlig myndighet").first.wait_for()  # the type line is drawn after the heading
    page.get_by_text("Samarbetsparter").first.wait_for()
    shot(page, "aktor")


def test_funding_flows_page(server, page):
    open_page(page, server, "floden", "Finansieringsflöden")
    page.wait_for_selector(".js-plotly-plot g.sankey", timeout=30_000)
    links = page.query_selector_all(".js-plotly-plot g.sankey path.sankey-link")
    assert len(links) > 5
    assert "nominell bredd" in page.inner_text("body")
    shot(page, "finansieringsfloden")


def test_cypher_page(server, page):
    open_page(page, server, "cypher", "Cypher")
    page.get_by_role("button", name="Kör frågan").click()
    page.get_by_text("Graf över resultatet").wait_for()
    settle(page)
    page.wait_for_selector("[data-testid='stDataFrame']")
    assert_canvas_drawn(network_frame(page))
    shot(page, "cypher")
    area = page.get_by_label("Fråga (Cypher, skrivskyddad)", exact=True)
    area.fill("CREATE (a:Actor {id: 'x', name: 'X'})")
    area.press("Control+Enter")
    settle(page)
    page.get_by_role("button", name="Kör frågan").click()
    page.get_by_text("Skrivskyddat: frågan skulle ändra grafen").wait_for()
    shot(page, "cypher-skrivskyddat")


def test_sources_page_upload_and_remove(server, page):
    open_page(page, server, "kallor", "Källor")
    page.set_input_files("input[type='file']", str(DATA / "region_jamtland_excerpt.txt"))
    button = page.get_by_role("button", name="Läs in i grafen")
    page.wait_for_function("() => [...document.querySelectorAll('button')].some(b => b.innerText.includes('Läs in i grafen') && !b.disabled)")
    button.click()
    page.get_by_text("är inläst").wait_for(timeout=120_000)
    settle(page)
    assert "region-jamtland-excerpt" in page.inner_text("body")  # its row with the remove button
    shot(page, "kallor")
    # remove it again: the first "Ta bort" belongs to the first report by id (jamtland < vastmanland)
    page.get_by_role("button", name="Ta bort").first.click()
    page.get_by_role("button", name="Ja, ta bort").click()
    page.get_by_text("är borttagen").wait_for()
    settle(page)
    assert page.get_by_role("button", name="Ta bort").count() == 1  # only the bundled report is left
    assert "region-vastmanland-2019" in page.inner_text("body")


def test_the_command_line_reads_the_store_while_the_app_runs(server, page):
    """The app holds the embedded store read-only, so `samverkan query` (and the notebook) can
    read it at the same time."""
    open_page(page, server, "", "Nätverk")  # the app has the store open
    env = dict(os.environ)
    env.pop("NEO4J_URI", None)
    out = subprocess.run([sys.executable, "-m", "samverkan", "query", "MATCH (a:Actor) RETURN count(a) AS n",
                          "--backend", "embedded", "--store", str(SERVER_STORE[server]), "--format", "csv"],
                         capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    assert int(out.stdout.split()[-1]) > 30


# ---- exploring the network (Kumu/Bloom-like) -------------------------------------------------------
def canvas_nodes(frame) -> dict[str, float]:
    """Node id -> drawn size, as vis.js holds them."""
    return frame.evaluate("() => Object.fromEntries(nodes.get().map(n => [n.id, n.size || 0]))")


def click_action(page, frame, node_id: str, action: str) -> None:
    """Click a node, then one of the buttons its panel offers (the page reloads from the URL)."""
    click_node(page, frame, node_id)
    button = frame.wait_for_selector(f"#details button[data-action='{action}']")
    with page.expect_navigation():
        button.click()
    settle(page)


def test_network_expand_hide_style_and_reopen_the_link(server, page, browser, tmp_path):
    from PIL import Image

    open_page(page, server, "natverk?fokus=tillvaxtverket", "Nätverk")
    frame = network_frame(page)
    focused = canvas_nodes(frame)
    hub = "region-vastmanland"
    assert "tillvaxtverket" in focused and hub in focused
    # expand the hub: its neighbours join the view, the URL and the breadcrumb say so
    click_action(page, frame, hub, "expand")
    assert f"visa={hub}" in page.url
    page.get_by_text("grannar till Region Västmanland").first.wait_for()
    frame = network_frame(page)
    expanded = canvas_nodes(frame)
    assert set(focused) < set(expanded)
    # hide one of the new nodes
    clickable = set(frame.evaluate("""() => nodes.getIds().filter(id =>
        network.getNodeAt(network.canvasToDOM(network.getPositions([id])[id])) === id)"""))
    victim = sorted((set(expanded) - set(focused)) & clickable)[0]  # not under another node's box
    click_action(page, frame, victim, "hide")
    assert f"dolj={victim}" in page.url
    frame = network_frame(page)
    after_hide = canvas_nodes(frame)
    assert victim not in after_hide and len(after_hide) == len(expanded) - 1
    # a styling rule: size by betweenness
    page.get_by_text("Mäklarroll (betweenness)", exact=True).click()
    settle(page)
    assert "storlek=betweenness" in page.url
    frame = network_frame(page)
    styled = canvas_nodes(frame)
    assert set(styled) == set(after_hide) and styled != after_hide
    # export the picture
    with page.expect_download() as info:
        page.get_by_role("button", name="Bild (PNG)").click()
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    img = Image.open(target)
    assert img.format == "PNG" and img.width > 300 and len(img.convert("RGB").getcolors(1 << 20)) > 20
    # the copied link reopens the same view in a new browser session
    link = page.url
    other = browser.new_context(viewport=VIEWPORT, locale="sv-SE").new_page()
    try:
        other.goto(link)
        other.get_by_role("heading", name="Nätverk", exact=True).first.wait_for()
        settle(other)
        assert canvas_nodes(network_frame(other)) == styled
        assert other.get_by_role("radio", name="Mäklarroll (betweenness)").is_checked()
    finally:
        other.context.close()
    shot(page, "natverk-utforska")


def test_double_click_focuses(server, page):
    open_page(page, server, "natverk", "Nätverk")
    frame = network_frame(page)
    frame.frame_element().scroll_into_view_if_needed()
    # an actor whose drawn position is its own (no initiative box drawn over it)
    target = frame.evaluate("""() => nodes.getIds().filter(id => !evidenceOf['n:' + id].shape || evidenceOf['n:' + id].shape !== 'box')
        .map(id => [id, network.canvasToDOM(network.getPositions([id])[id])])
        .filter(([id, p]) => network.getNodeAt(p) === id)
        .map(([id, p]) => ({id: id, x: p.x, y: p.y}))[0]""")
    assert target, "no actor free to click"
    box = frame.query_selector("#mynetwork").bounding_box()
    with page.expect_navigation():
        page.mouse.dblclick(box["x"] + target["x"], box["y"] + target["y"])
    settle(page)
    assert f"fokus={target['id']}" in page.url
    page.get_by_text("grannskap i 1 steg").first.wait_for()


def test_the_canvas_is_in_the_first_screen_at_1280x720(server, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 720}, locale="sv-SE")
    page = context.new_page()
    try:
        open_page(page, server, "natverk", "Nätverk")
        frame = network_frame(page)
        top = frame.frame_element().bounding_box()["y"]
        assert top < 720 - 300, f"the canvas starts at {top:.0f} px: less than 300 px of it in the first screen"
    finally:
        context.close()


def test_the_actor_network_fits_with_the_actor_in_the_centre(server, page):
    open_page(page, server, "aktor?aktor=tillvaxtverket", "Aktör")
    page.get_by_text("Nätverket runt Tillväxtverket").first.click()
    frame = network_frame(page)
    frame.wait_for_timeout(500)
    box = frame.evaluate("""() => {
        const el = document.getElementById('mynetwork');
        const pos = network.getPositions();
        const dom = Object.values(pos).map(p => network.canvasToDOM(p));
        return {w: el.clientWidth, h: el.clientHeight, dom: dom,
                centre: network.canvasToDOM(pos['tillvaxtverket']), label: nodes.get('tillvaxtverket').label};
    }""")
    assert box["label"] == "Tillväxtverket"  # the whole name, not cut
    assert all(0 <= p["x"] <= box["w"] and 0 <= p["y"] <= box["h"] for p in box["dom"]), "a node is outside the frame"
    assert abs(box["centre"]["x"] - box["w"] / 2) < box["w"] * 0.1
    assert abs(box["centre"]["y"] - box["h"] / 2) < box["h"] * 0.15


def english_words_in(text: str) -> list[str]:
    """Schema keys (relation types, actor types, node labels, initiative kinds) in a page's text."""
    import re

    from samverkan.graph.schema import SCHEMA

    keys = [*SCHEMA.relationships, *SCHEMA.derived_relationships, *SCHEMA.nodes,
            *[k for k in SCHEMA.actor_types if k not in ("region",)], *SCHEMA.initiative_kinds]
    return sorted({k for k in keys if re.search(rf"(?<![\w$]){re.escape(k)}(?!\w)", text)})


VISIBLE_TEXT = """() => {
    // What a reader sees (innerText of the live page honours CSS, so hidden text is left out)
    // in the page and its frames, without code: the Cypher editor and query texts. A frame
    // inside a collapsed expander is skipped: its body is not rendered, and innerText of a
    // body that is not rendered is its textContent, scripts included, which no reader sees.
    const read = (doc) => {
        const code = Array.from(doc.querySelectorAll('textarea, pre, code, .stCode, script, style'));
        const saved = code.map(e => e.style.display);
        code.forEach(e => { e.style.display = 'none'; });
        const text = doc.body.innerText;
        code.forEach((e, i) => { e.style.display = saved[i]; });
        return text; };
    let text = read(document);
    document.querySelectorAll('iframe').forEach(f => {
        if (f.getClientRects().length === 0) return;
        try { text += '\\n' + read(f.contentDocument); } catch (e) {} });
    return text; }"""


@pytest.mark.parametrize("path, title", [("natverk", "Nätverk"), ("medfinansiering", "Vem medfinansierar vad"),
                                         ("aktor", "Aktör"), ("floden", "Finansieringsflöden"),
                                         ("jamfor", "Jämför rapporter"), ("cypher", "Cypher"), ("kallor", "Källor"),
                                         ("granska", "Granska")])
def test_every_page_opens_by_its_url_and_speaks_swedish(server, page, path, title):
    open_page(page, server, path, title)
    if path == "aktor":  # open the network expander: its canvas frame is read too
        page.get_by_text("Nätverket runt").first.click()
        network_frame(page).wait_for_timeout(300)
    text = page.evaluate(VISIBLE_TEXT)
    assert "Page not found" not in text
    found = english_words_in(text)
    assert not found, f"/{path} shows English type names or raw relation labels: {found}"
