from pathlib import Path

import pytest

from samverkan.loaders.pipeline import extract_document
from samverkan.settings import BUNDLED_REPORT

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture(scope="session")
def bundled():
    return extract_document(BUNDLED_REPORT)


@pytest.fixture(scope="session")
def extract_fixture():
    cache = {}

    def run(name: str):
        if name not in cache:
            cache[name] = extract_document(DATA / name)
        return cache[name]

    return run


@pytest.fixture(scope="session")
def facts():
    return fact_set


def fact_set(extraction, rel_type=None, section=None):
    """(type, source name, target name, extra) tuples, names resolved through the graph."""
    g = extraction.graph
    out = set()
    for r in g.relationships.values():
        if r.type in ("PART_OF", "MENTIONED_IN") or (rel_type and r.type != rel_type):
            continue
        if section and not str(r.props["section"]).startswith(section):
            continue
        out.add((r.type, g.nodes[r.source].name, g.nodes[r.target].name))
        if r.type == "COLLABORATES_WITH":  # stored once, read undirected
            out.add((r.type, g.nodes[r.target].name, g.nodes[r.source].name))
    return out
