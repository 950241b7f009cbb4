"""Fixtures of the exporter and RDF tests."""
import pytest
from graph_samples import load_export_graph

from samverkan.graph.model import GraphData


@pytest.fixture(autouse=True)
def default_base(monkeypatch):
    """Exports use the default base IRI unless a test sets SAMVERKAN_BASE_IRI."""
    monkeypatch.delenv("SAMVERKAN_BASE_IRI", raising=False)


@pytest.fixture
def data() -> GraphData:
    return load_export_graph()
