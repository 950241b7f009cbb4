"""The bundled report (Region Västmanland 2019): structure, provenance and key facts."""
import re

from samverkan.loaders.sentences import occurs_in

TEMPLATE_SECTIONS = ["1.1.1", "1.2.1", "1.3.3", "1.4.4", "1.5", "2", "3.1", "3.2", "3.3", "3.4", "3.5", "4.1", "4.4", "5.1"]


def test_metadata(bundled):
    m = bundled.metadata
    assert (m.region, m.county, m.year, m.diarienr, m.date) == (
        "Region Västmanland", "Västmanlands län", 2019, "RV190046", "2020-02-04")


def test_sections_follow_the_template(bundled):
    numbers = [s.number for s in bundled.layout.sections]
    for number in TEMPLATE_SECTIONS:
        assert number in numbers
    assert bundled.layout.section("3.1").title == "Samverkan med länsstyrelsen"
    assert numbers == sorted(numbers, key=lambda n: tuple(int(p) for p in n.split(".")))


def test_template_guidance_is_not_mined(bundled):
    for sentence in bundled.sentences:
        assert not re.match(r"(Beskriv kortfattat|Ge exempel på|Välj max|Namn på insats)", sentence.text), sentence
    section_31 = [s for s in bundled.sentences if s.section == "3.1"]
    assert {s.answers for s in section_31} == {"areas", "cofinance", "results"}


def test_every_fact_has_provenance_that_occurs_in_the_text(bundled):
    lines = bundled.text.split("\n")
    doc = bundled.graph.documents[0]["id"]
    rels = [r for r in bundled.graph.relationships.values() if r.type != "PART_OF"]
    assert len(rels) > 200
    for rel in rels:
        p = rel.props
        assert p["doc"] == doc and p["method"] and 0 < p["confidence"] <= 1
        assert occurs_in(p["evidence"], bundled.text), rel
        # the evidence starts on the stated line, inside the stated section
        first_words = " ".join(p["evidence"].split()[:2])
        window = " ".join(" ".join(lines[p["line"] - 1 : p["line"] + 3]).split())
        assert first_words in window, (rel.id, p["line"], first_words)
        section = bundled.layout.section(p["section"])
        assert section.start <= p["line"] <= section.end


def test_evidence_has_no_damaged_diacritics(bundled):
    for rel in bundled.graph.relationships.values():
        if rel.type in ("FINANCES", "COLLABORATES_WITH", "LEADS"):
            assert " la nsstyrelsen" not in rel.props["evidence"].lower()
            assert " fo r " not in rel.props["evidence"]


def test_key_cofinancing_facts_of_section_3(bundled, facts):
    found = facts(bundled, "FINANCES", "3.")
    region, lst = "Region Västmanland", "Länsstyrelsen i Västmanlands län"
    # Where a co-financing sentence names generic projects or "insatser" and the next sentence
    # lists the areas, the areas are what was financed (3.2, 3.4).
    expected = {
        ("FINANCES", lst, "Tematisk utveckling av cykel- och vandringsturism 2020"),
        ("FINANCES", "Tillväxtverket", "Tematisk utveckling av cykel- och vandringsturism 2020"),
        ("FINANCES", lst, "ERUF-projekt inom tematiska mål 3"),
        ("FINANCES", region, "ERUF-projekt inom tematiska mål 3"),
        ("FINANCES", lst, "Medborgarundersökning"),
        ("FINANCES", "Vinnova", "Innovation"),
        ("FINANCES", "Svenska ESF-rådet", "Utveckling av kluster och styrkeområden"),
        ("FINANCES", "Kommunerna i Västmanlands län", "Energieffektivisering"),
        ("FINANCES", "Kommunerna i Västmanlands län", "Entreprenörskap och nyföretagande"),
        ("FINANCES", "Kommunerna i Västmanlands län", "Organisationsbidrag till Coompanion Västmanland"),
        ("FINANCES", "Järnvägsklustret", "Riskvillig finansiering"),
        ("FINANCES", "Västerås Science Park", "Stöd till innovativa företag i tillväxt"),
    }
    assert expected <= found, expected - found


def test_one_organisation_is_one_node(bundled):
    names = [n.name for n in bundled.graph.by_label("Actor")]
    assert len(names) == len(set(names))
    mdu = [n for n in bundled.graph.by_label("Actor") if "Mälardalens" in n.name]
    assert len(mdu) == 1 and "MdH" in mdu[0].props["aliases"]
    assert sum(1 for n in names if n.startswith("Create")) == 1


def test_initiatives_from_tables_keep_their_project_ids(bundled):
    by_name = {n.name: n for n in bundled.graph.by_label("Initiative")}
    assert by_name["Future Automation Region"].props["nyps"] == ["207630", "20202952"]
    assert by_name["Synerleap powered by ABB"].props["nyps"] == ["203985"]
    assert by_name["Tillväxtlyftet"].props["nyps"] == ["189264"]
    tufn = next(n for n in by_name.values() if "2017-5175-1" in n.props["nyps"])
    assert "TUFN" in tufn.props["aliases"]
