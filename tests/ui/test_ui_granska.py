"""Granska in a real browser (Playwright driving Debian's Chromium): open the page, choose
section 3.1 and the financing relation, reject one fact (with a reason, by its button) and
accept the next (by its key, G), read the report in again (a rebuild through the Källor page:
extraction and replay), and check the co-financing page and the command line.

Without Chromium or Playwright the test is skipped with the reason, except under CI, where
it fails (tests/conftest.py)."""
from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from ui_helpers import CHROMIUM, PROJECT_ROOT, chromium_page, settle, ui_server, unavailable

pytestmark = pytest.mark.browser

def choose(page, label: str, option: str) -> None:
    """Pick the option that starts with `option` in the Streamlit select box labelled `label`."""
    box = page.locator("[data-testid='stSelectbox']").filter(has=page.get_by_text(label, exact=True)).first
    box.click()
    page.get_by_role("option").filter(has_text=re.compile("^" + re.escape(option))).first.click()
    settle(page)


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    """`samverkan ui` on a store of the bundled report, with a reviews directory of its own."""
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        unavailable(f"Chromium not found at {CHROMIUM}; run scripts/install-browser.sh")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        unavailable("Playwright for Python is not installed (pip install -e '.[test]')")
    from samverkan.commands.build import build
    from samverkan.settings import BUNDLED_REPORT

    tmp = tmp_path_factory.mktemp("ui-granska")
    store = tmp / "store" / "samverkan.lbug"
    env = dict(os.environ, SAMVERKAN_BACKEND="embedded", SAMVERKAN_STORE=str(store),
               SAMVERKAN_REVIEWS=str(tmp / "reviews"), PYTHONUNBUFFERED="1", USER="anna")
    env.pop("NEO4J_URI", None)
    old = os.environ.get("SAMVERKAN_REVIEWS")
    os.environ["SAMVERKAN_REVIEWS"] = env["SAMVERKAN_REVIEWS"]
    try:
        build([BUNDLED_REPORT], store)
    finally:
        os.environ.pop("SAMVERKAN_REVIEWS") if old is None else os.environ.__setitem__("SAMVERKAN_REVIEWS", old)
    with ui_server(env, tmp) as base:
        yield base, env, tmp


def test_reject_and_accept_then_rebuild(app):
    from playwright.sync_api import sync_playwright

    from samverkan.settings import BUNDLED_REPORT

    base, env, tmp = app
    with sync_playwright() as pw, chromium_page(pw, {"width": 1440, "height": 1100}, 60_000) as page:
        page.goto(f"{base}/granska")
        page.get_by_role("heading", name="Granska", exact=True).first.wait_for()
        settle(page)
        choose(page, "Avsnitt", "3.1 ")
        choose(page, "Relation", "finansierar")
        page.get_by_text("Uppgift 1 av").first.wait_for()
        assert "ogranskad" in page.inner_text("body")
        assert page.locator("mark").count() >= 1  # the sentence marked in its paragraph

        # reject the first fact, with a reason, by its button
        page.get_by_label("Skäl (valfritt, sparas med beslutet)").fill("regionen är inte medfinansiär här")
        page.get_by_role("button", name=re.compile("Avvisa")).first.click()
        page.get_by_text("Avvisad:").first.wait_for()
        rejected = page.get_by_text("Avvisad:").first.inner_text()
        settle(page)
        # accept the next one with the key G (focus out of the text field first)
        page.get_by_role("heading", name="Granska", exact=True).first.click()
        page.keyboard.press("g")
        page.get_by_text("Godkänd:").first.wait_for()
        accepted = page.get_by_text("Godkänd:").first.inner_text()
        settle(page)
        body = page.inner_text("body")
        assert "Avsnitt 3.1: granskade 2 / totalt" in body  # the counter, and the choice held
        page.screenshot(path=str(tmp / "granska.png"))

    m_rej = re.match(r"Avvisad: (.+?) finansierar (.+)\.", rejected)
    m_acc = re.match(r"Godkänd: (.+?) finansierar (.+)\.", accepted)
    assert m_rej and m_acc, (rejected, accepted)
    assert m_rej.group(1) != m_acc.group(1) or m_rej.group(2) != m_acc.group(2)
    records = (tmp / "reviews" / "region-vastmanland-2019.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(records) == 2 and '"who": "anna"' in records[0] and "regionen är inte medfinansiär här" in records[0]

    # rebuild: read the report in again through the app (extraction, then replay)
    with sync_playwright() as pw, chromium_page(pw, {"width": 1440, "height": 1100}, 120_000) as page:
        page.goto(f"{base}/kallor")
        page.get_by_role("heading", name="Källor", exact=True).first.wait_for()
        settle(page)
        page.set_input_files("input[type='file']", str(BUNDLED_REPORT))
        page.wait_for_function("() => [...document.querySelectorAll('button')].some("
                               "b => b.innerText.includes('Läs in i grafen') && !b.disabled)")
        page.get_by_role("button", name="Läs in i grafen").click()
        page.get_by_text("är inläst").wait_for(timeout=180_000)

        page.goto(f"{base}/medfinansiering")
        page.get_by_role("heading", name="Vem medfinansierar vad", exact=True).first.wait_for()
        settle(page)
        page.get_by_text("Bara granskade uppgifter").first.click()
        settle(page)
        page.get_by_text("1 rad med gemensam finansiering").first.wait_for()  # tab 3.1: the accepted fact
        page.screenshot(path=str(tmp / "medfinansiering-granskad.png"))

    # the command line reads the rebuilt store while the app runs: the rejected funder is gone
    import json

    def cofinance(*extra):
        out = subprocess.run([sys.executable, "-m", "samverkan", "cofinance", "--section", "3.1", "--format", "json",
                              *extra], capture_output=True, text=True, env=env, cwd=PROJECT_ROOT, timeout=300)
        assert out.returncode == 0, out.stderr
        return {r["name"]: r["funders"] for r in json.loads(out.stdout)}

    rows = cofinance()
    assert m_acc.group(1) in rows[m_acc.group(2)]
    assert m_rej.group(1) not in rows.get(m_rej.group(2), [])
    assert cofinance("--reviewed") == {m_acc.group(2): [m_acc.group(1)]}
