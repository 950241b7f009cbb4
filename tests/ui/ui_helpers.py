"""Helpers of the app tests (imported by the test modules and conftest.py)."""
from __future__ import annotations

import json
import os
import re
from contextlib import contextmanager
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
APP = PROJECT_ROOT / "ui" / "app.py"
DATA = PROJECT_ROOT / "tests" / "data"

PAGES = {
    "natverk": "views/natverk.py",
    "medfinansiering": "views/medfinansiering.py",
    "aktor": "views/aktor.py",
    "floden": "views/floden.py",
    "cypher": "views/cypher.py",
    "kallor": "views/kallor.py",
}
TITLES = {
    "natverk": "Nätverk",
    "medfinansiering": "Vem medfinansierar vad",
    "aktor": "Aktör",
    "floden": "Finansieringsflöden",
    "cypher": "Cypher",
    "kallor": "Källor",
}


def assert_clean(at) -> None:
    """No exception on the page (user-facing errors are checked by the tests themselves)."""
    assert not at.exception, [e.value for e in at.exception]


def network_html(at, index: int = 0) -> str:
    frames = at.get("iframe")
    assert len(frames) > index, "no network iframe on the page"
    return frames[index].proto.srcdoc


def network_nodes(html: str) -> list[dict]:
    """The vis.js node objects of a rendered network."""
    m = re.search(r"var nodeData = (\[.*?\]);\n", html, re.S)
    assert m, "no node data in the network HTML"
    return json.loads(m.group(1))


def network_edges(html: str) -> list[dict]:
    m = re.search(r"var edgeData = (\[.*?\]);\n", html, re.S)
    assert m, "no edge data in the network HTML"
    return json.loads(m.group(1))


def texts(elements) -> list[str]:
    return [e.value for e in elements]


def widget(at, kind: str, key: str):
    """The widget of type `kind` (e.g. "button_group", "selectbox") with this key, sidebar included."""
    for w in getattr(at, kind):
        if w.key == key:
            return w
    for w in getattr(at.sidebar, kind):
        if w.key == key:
            return w
    raise AssertionError(f"no {kind} with key {key!r}; have {[w.key for w in getattr(at, kind)]}")


def page_opener():
    """open_page(name): the app run once on the current settings, switched to that page."""
    from streamlit.testing.v1 import AppTest

    def open_page(name: str = "natverk"):
        at = AppTest.from_file(str(APP), default_timeout=120)
        at.run()
        if name != "natverk":
            at.switch_page(PAGES[name]).run()
        assert_clean(at)
        return at

    return open_page


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def ui_server(env: dict, cwd: Path, timeout: float = 180):
    """`samverkan ui` as a subprocess on a free port with `env`, its output in cwd/ui.log;
    yields the base URL once the server answers its health check, stops it afterwards. A
    server that exits or stays silent fails the test with its log."""
    import subprocess
    import sys
    import time
    import urllib.request

    import pytest

    port = free_port()
    env = {**env, "PYTHONUNBUFFERED": "1"}
    env.pop("NEO4J_URI", None) if env.get("SAMVERKAN_BACKEND") == "embedded" else None
    log_path = Path(cwd) / "ui.log"
    log = open(log_path, "w")
    proc = subprocess.Popen([sys.executable, "-m", "samverkan", "ui", "--port", str(port), "--headless",
                             "--address", "127.0.0.1"], stdout=log, stderr=subprocess.STDOUT, env=env,
                            cwd=cwd, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                pytest.fail(f"samverkan ui exited with {proc.returncode}:\n{log_path.read_text()}", pytrace=False)
            try:
                with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as resp:
                    if resp.read().strip() == b"ok":
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"samverkan ui did not answer within {timeout:.0f}s:\n{log_path.read_text()}", pytrace=False)
            time.sleep(0.5)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
        log.close()


# --- the real browser (Playwright driving Debian's Chromium) -------------------------------
CHROMIUM = os.environ.get("SAMVERKAN_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def unavailable(message: str) -> None:
    """Skip a browser test where its parts are missing; under CI=true fail instead."""
    import pytest

    if os.environ.get("CI"):
        pytest.fail(f"{message} (CI is set: browser tests may not be skipped)", pytrace=False)
    pytest.skip(message)


@contextmanager
def chromium_page(pw, viewport: dict, timeout_ms: int = 60_000):
    """A Swedish-locale page in a fresh Chromium, closed on the way out."""
    browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    try:
        page = browser.new_context(viewport=viewport, locale="sv-SE").new_page()
        page.set_default_timeout(timeout_ms)
        yield page
    finally:
        browser.close()


def settle(page) -> None:
    """Wait until Streamlit has finished running the script."""
    page.wait_for_timeout(300)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000)
    page.wait_for_timeout(500)
