"""Knowledge about actors lives in data files; the code must not know the bundled report.

The local names are taken from the report's own extraction (actors it discovered, and
gazetteer actors of its county) plus its place names, so the check follows the data."""
import re
from pathlib import Path

from samverkan.loaders.pipeline import extract_document
from samverkan.settings import BUNDLED_REPORT, PROJECT_ROOT

CODE_DIRS = ["graph", "loaders", "queries", "ui", "samverkan"]


def local_names() -> set[str]:
    ex = extract_document(BUNDLED_REPORT)
    county = ex.metadata.county
    names = {"Västmanland", "Västerås", "RV190046"}
    for node in ex.graph.by_label("Actor"):
        if node.props.get("method") != "gazetteer" or node.props.get("county") == county:
            names.add(node.name)
    for node in ex.graph.by_label("Initiative"):
        if node.props.get("nyps"):
            names.add(node.name)
    return {n for n in names if len(n) >= 5}


def test_code_has_no_words_of_the_bundled_report():
    names = local_names()
    assert "Järnvägsklustret" in names and "Region Västmanland" in names
    pattern = re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)), re.IGNORECASE)
    offenders = []
    for directory in CODE_DIRS:
        for path in (PROJECT_ROOT / directory).rglob("*"):
            if path.suffix not in {".py", ".cypher", ".yaml", ".toml", ".js", ".css", ".html"} or "__pycache__" in path.parts:
                continue
            for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
                m = pattern.search(line)
                if m:
                    offenders.append(f"{path.relative_to(PROJECT_ROOT)}:{lineno}: {m.group()}")
    assert not offenders, "\n".join(offenders)
