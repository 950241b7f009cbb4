"""Layout robustness: the same report laid out as PDF-to-text tools lay it out must give the same
section 3 facts. The variants are made here from the bundled report (metamorphic testing): one
line per paragraph, re-wrapped at 60 columns, Windows line ends, and no line breaks at all."""
import re
import textwrap

import pytest

from samverkan.loaders.layout import normalize_layout
from samverkan.loaders.pipeline import extract_document
from samverkan.loaders.sentences import occurs_in
from samverkan.settings import BUNDLED_REPORT

SECTIONS = ["3.1", "3.2", "3.3", "3.4", "3.5"]


def _paragraphs(text: str) -> str:
    """Lines of a paragraph joined; a paragraph ends at a blank line after . ? ! or :."""
    out, current = [], []
    for line in text.split("\n"):
        if not line.strip():
            if current and re.search(r"[.?!:]\s*$", current[-1]):
                out.append(" ".join(x.strip() for x in current))
                current = []
            continue
        current.append(line)
    if current:
        out.append(" ".join(x.strip() for x in current))
    return "\n".join(out) + "\n"


VARIANTS = {
    "paragraph": _paragraphs,
    "wrap60": lambda text: "\n".join(textwrap.fill(p, 60) for p in _paragraphs(text).split("\n")) + "\n",
    "crlf": lambda text: text.replace("\n", "\r\n"),
    "oneline": lambda text: " ".join(text.split()) + "\n",
}


@pytest.fixture(scope="module")
def laid_out(tmp_path_factory, bundled):
    source = BUNDLED_REPORT.read_text(encoding="utf-8")
    folder = tmp_path_factory.mktemp("layouts")
    out = {}
    for name, make in VARIANTS.items():
        path = folder / f"{name}.txt"
        path.write_bytes(make(source).encode("utf-8"))
        out[name] = (path, extract_document(path))
    return out


@pytest.fixture
def section3(facts):
    """Facts of sections 3.1–3.5 as (section, type, source, target)."""
    return lambda extraction, rel_type=None: {(s, *f) for s in SECTIONS for f in facts(extraction, rel_type, s)}


@pytest.mark.parametrize("name", list(VARIANTS))
def test_every_layout_finds_the_sections_of_chapter_3(laid_out, name):
    numbers = {s.number for s in laid_out[name][1].layout.sections}
    assert set(SECTIONS) <= numbers


@pytest.mark.parametrize("name", ["paragraph", "wrap60", "crlf"])
def test_line_layouts_give_the_same_financing(laid_out, bundled, section3, name):
    assert section3(laid_out[name][1], "FINANCES") == section3(bundled, "FINANCES")


@pytest.mark.parametrize("name", ["paragraph", "wrap60", "crlf"])
def test_line_layouts_keep_nearly_every_fact(laid_out, bundled, section3, name):
    base, variant = section3(bundled), section3(laid_out[name][1])
    assert variant <= base  # nothing invented by a layout
    assert len(variant) >= 0.95 * len(base)  # a sub-heading merged into a paragraph can be lost


def test_text_without_line_breaks_invents_nothing_and_keeps_most(laid_out, bundled, section3):
    base, variant = section3(bundled), section3(laid_out["oneline"][1])
    assert variant <= base
    assert len(variant) >= 0.85 * len(base)  # sub-headings cannot be told from the text around them


@pytest.mark.parametrize("name", list(VARIANTS))
def test_evidence_line_points_into_the_given_file(laid_out, name):
    path, extraction = laid_out[name]
    lines = extraction.text.split("\n")  # the file's text after repair, line for line
    assert len(lines) == len(path.read_text(encoding="utf-8").splitlines()) + 1
    for rel in extraction.graph.relationships.values():
        if "evidence" not in rel.props:
            continue
        line = rel.props["line"]
        window = " ".join(lines[line - 1 : line + 8])
        assert occurs_in(rel.props["evidence"][:40], window), (name, line, rel.props["evidence"])


def test_a_heading_inside_a_line_starts_a_section():
    text = ("Inledning om året som gått. 3.1 Samverkan med länsstyrelsen Länsstyrelsen och regionen "
            "har finansierat projektet Bredband i länet.\n")
    norm = normalize_layout(text)
    assert norm.text.splitlines() == [
        "Inledning om året som gått.",
        "3.1 Samverkan med länsstyrelsen",
        "Länsstyrelsen och regionen har finansierat projektet Bredband i länet.",
    ]
    assert norm.origin[:3] == [1, 1, 1]


def test_a_cross_reference_is_not_a_heading():
    text = "Mer om detta finns under 3.1 Samverkan med länsstyrelsen nedan.\n"
    assert normalize_layout(text).text == text


def test_a_heading_wrapped_over_two_lines_is_joined():
    text = "Slut på stycket.\n3.2 Samverkan med andra\nstatliga myndigheter\nTillväxtverket har bidragit.\n"
    norm = normalize_layout(text)
    assert "3.2 Samverkan med andra statliga myndigheter" in norm.text.split("\n")
    assert norm.line(norm.text.split("\n").index("Tillväxtverket har bidragit.") + 1) == 4


def test_bullets_joined_into_a_paragraph_get_lines_of_their_own():
    text = "Exempel på insatser: • Almi har finansierat lån. • Kommunerna bidrar.\n"
    assert normalize_layout(text).text.splitlines() == [
        "Exempel på insatser:", "• Almi har finansierat lån.", "• Kommunerna bidrar."]
