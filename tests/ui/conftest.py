"""Fixtures of the app tests: an embedded store built from the bundled report in a temporary
directory, and AppTest instances pointed at it through SAMVERKAN_STORE.

The read-only tests share one store (session scope); tests that write (upload, removal) get
their own. The app caches the store it opens per path (st.cache_resource), so every store
path here is used by exactly one fixture.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from ui_helpers import page_opener


def build_store(path: Path) -> Path:
    from samverkan.commands.build import build
    from samverkan.settings import BUNDLED_REPORT

    build([BUNDLED_REPORT], path)
    return path


@pytest.fixture(scope="session")
def bundled_store(tmp_path_factory) -> Path:
    """An embedded store of the bundled report, shared by the tests that only read."""
    return build_store(tmp_path_factory.mktemp("ui-store") / "samverkan.lbug")


@pytest.fixture
def fresh_store(tmp_path) -> Path:
    """A store of the bundled report for one test that writes to it."""
    return build_store(tmp_path / "samverkan.lbug")


@pytest.fixture(scope="session")
def bundled_data(bundled_store):
    """NetworkData of the bundled store (read through its own read-only handle)."""
    from samverkan.graph.store import open_store
    from samverkan.ui.network import NetworkData

    with open_store("embedded", path=bundled_store, create=False, read_only=True) as store:
        return NetworkData.from_graph(store.read_graph())


def _env(monkeypatch, store: Path) -> None:
    monkeypatch.setenv("SAMVERKAN_STORE", str(store))
    monkeypatch.setenv("SAMVERKAN_BACKEND", "embedded")
    monkeypatch.delenv("NEO4J_URI", raising=False)


@pytest.fixture
def app(monkeypatch, bundled_store):
    """open_page(name) -> an AppTest that has run that page on the shared bundled store."""
    _env(monkeypatch, bundled_store)
    return page_opener()


@pytest.fixture
def fresh_app(monkeypatch, fresh_store):
    """Like `app`, on a store of its own (for tests that write)."""
    _env(monkeypatch, fresh_store)
    opener = page_opener()
    opener.store_path = fresh_store
    return opener




