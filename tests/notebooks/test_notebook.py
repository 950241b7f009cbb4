"""The Cypher notebook runs top to bottom (nbclient) on the embedded store and on Neo4j."""
import json
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from samverkan.settings import BUNDLED_REPORT, PROJECT_ROOT

NOTEBOOK = PROJECT_ROOT / "notebooks" / "samverkan.ipynb"


def execute(env: dict[str, str], tmp_path: Path) -> nbformat.NotebookNode:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    old = dict(os.environ)
    os.environ.update(env)
    try:
        NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    finally:
        os.environ.clear()
        os.environ.update(old)
    return nb


def outputs(nb) -> str:
    return json.dumps([c.get("outputs", []) for c in nb.cells], ensure_ascii=False)


def test_committed_notebook_has_no_outputs():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    assert all(not c.get("outputs") and not c.get("execution_count") for c in nb.cells if c.cell_type == "code")


def test_notebook_on_the_embedded_store(tmp_path):
    store = tmp_path / "nb.lbug"
    env = {"SAMVERKAN_STORE": str(store), "SAMVERKAN_BACKEND": "embedded"}
    env_clear = {k: "" for k in ("NEO4J_URI",)}
    nb = execute({**env, **env_clear}, tmp_path)
    text = outputs(nb)
    assert "co-financed initiatives" in text
    assert "co-financed in 3.3 of the 2019 reports" in text  # the magic limited to reports (--year)
    assert "Kommunerna i Västmanlands län" in text  # 3.3 co-financing partner
    assert "Future Automation Region" in text  # an initiative with its Nyps ids
    assert "image/png" in text  # the --graph drawing


@pytest.mark.neo4j
def test_notebook_on_neo4j(neo4j_store, neo4j_target, tmp_path):
    env = neo4j_target.env(SAMVERKAN_BACKEND="neo4j")
    proc = subprocess.run([sys.executable, "-m", "samverkan", "load", str(BUNDLED_REPORT)],
                          capture_output=True, text=True, timeout=600, env=env)
    assert proc.returncode == 0, proc.stderr
    nb = execute({k: env[k] for k in ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE", "SAMVERKAN_BACKEND")}, tmp_path)
    assert "Kommunerna i Västmanlands län" in outputs(nb)
