"""The pipeline on short reports from other regions, with other actors and phrasings.

Each fixture is a small text written for these tests (tests/data/region_*.txt); the
expected facts are what a reader of that text would list."""

def test_jamtland_excerpt(extract_fixture, facts):
    ex = extract_fixture("region_jamtland_excerpt.txt")
    assert ex.metadata.region == "Region Jämtland Härjedalen"
    assert ex.metadata.county == "Jämtlands län"
    found = facts(ex)
    region, lst = "Region Jämtland Härjedalen", "Länsstyrelsen i Jämtlands län"
    expected = {
        ("FINANCES", lst, "Besöksnäring i Fjällvärlden"),
        ("FINANCES", region, "Besöksnäring i Fjällvärlden"),
        ("FINANCES", "Trafikverket", "Snabbare Norrlandståg"),
        ("FINANCES", "Mittuniversitetet", "Snabbare Norrlandståg"),
        ("FINANCES", "Kommunerna i Jämtlands län", "Bredband"),
        ("FINANCES", "Kommunerna i Jämtlands län", "Turism"),
        ("FINANCES", region, "Turism"),
        ("PARTICIPATES_IN", region, "Fjällnära hållbarhet"),
        ("LEADS", "Fjällgårdarna", "Fjällnära hållbarhet"),
        ("PARTICIPATES_IN", "Östersunds kommun", "Digitala Jämtland"),
        ("MEMBER_OF", "Peak Innovation", "Innovationsrådet"),
        ("MEMBER_OF", "Almi Företagspartner Mitt AB", "Innovationsrådet"),
        ("COLLABORATES_WITH", region, "Vinnova"),
        ("COLLABORATES_WITH", region, "Energimyndigheten"),
        ("FINANCES", "Almi Företagspartner Mitt AB", "Arbetet med Träklustret Jämtland AB"),
    }
    assert expected <= found, expected - found
    amounts = {r.props.get("amount_sek") for r in ex.graph.by_type("FINANCES")}
    assert 1_200_000 in amounts
    # "Almi" in a Jämtland report is the Almi company that serves Jämtlands län.
    assert not any("Mälardalen" in n.name for n in ex.graph.by_label("Actor"))


def test_skane_excerpt(extract_fixture, facts):
    ex = extract_fixture("region_skane_excerpt.txt")
    assert (ex.metadata.region, ex.metadata.year, ex.metadata.diarienr) == ("Region Skåne", 2021, "2021-RS-1234")
    found = facts(ex)
    expected = {
        ("FINANCES", "Tillväxtverket", "Smart Industri Skåne"),
        ("FINANCES", "Lunds universitet", "Smart Industri Skåne"),
        ("LEADS", "Region Skåne", "Cirkulära Skåne"),
        ("LEADS", "Region Skåne", "EU-nätverket"),
        ("PARTICIPATES_IN", "Kommunerna i Skåne län", "EU-nätverket"),
        ("FINANCES", "Malmö stad", "Hamnstaden 2030"),
        ("FINANCES", "Helsingborgs stad", "Hamnstaden 2030"),
        ("FINANCES", "Medicon Village AB", "Life Science Hubben"),
        ("FINANCES", "Region Skåne", "Life Science Hubben"),
        ("LEADS", "Länsstyrelsen i Skåne län", "Partnerskapet för landsbygdsutveckling"),
        ("PARTICIPATES_IN", "Ung Företagsamhet", "Unga Entreprenörer"),
        ("COLLABORATES_WITH", "Region Skåne", "Malmö universitet"),
    }
    assert expected <= found, expected - found
    cirkular = next(n for n in ex.graph.by_label("Initiative") if n.name == "Cirkulära Skåne")
    assert cirkular.props["nyps"] == ["20301122"]
    medicon = next(n for n in ex.graph.by_label("Actor") if n.name == "Medicon Village AB")
    assert medicon.props["type"] == "company" and medicon.props["method"] != "gazetteer"


def test_damaged_norrbotten_text_is_repaired_then_mined(extract_fixture, facts):
    ex = extract_fixture("region_norrbotten_damaged.txt")
    assert ex.metadata.region == "Region Norrbotten"
    found = facts(ex)
    expected = {
        ("FINANCES", "Länsstyrelsen i Norrbottens län", "Gröna jobb i Norr"),
        ("FINANCES", "Region Norrbotten", "Gröna jobb i Norr"),
        ("COLLABORATES_WITH", "Region Norrbotten", "Luleå kommun"),
        ("COLLABORATES_WITH", "Region Norrbotten", "Kiruna kommun"),
        ("PARTICIPATES_IN", "Luleå kommun", "Hållbar stadsutveckling"),
        ("LEADS", "Luleå tekniska universitet", "Hållbar stadsutveckling"),
    }
    assert expected <= found, expected - found
    evidence = " ".join(r.props["evidence"] for r in ex.graph.by_type("FINANCES"))
    assert "länsstyrelsen" in evidence and "la nsstyrelsen" not in evidence


def test_nothing_is_invented_in_a_text_without_relations(tmp_path):
    from samverkan.loaders.pipeline import extract_document

    doc = tmp_path / "plain.txt"
    doc.write_text("Vädret var fint under hösten. Skörden blev god i hela landet.\n", encoding="utf-8")
    graph = extract_document(doc).graph
    assert not [r for r in graph.relationships.values() if r.type not in ("PART_OF", "MENTIONED_IN")]


def test_kronoberg_excerpt_other_phrasings(extract_fixture, facts):
    """Joint and granted financing, named co-funders, listed participants, membership."""
    ex = extract_fixture("region_kronoberg_excerpt.txt")
    found = facts(ex)
    region, lst = "Region Kronoberg", "Länsstyrelsen i Kronobergs län"
    expected = {
        ("FINANCES", region, "Förstudie om livsmedelsförädling"),  # "har gemensamt finansierat en förstudie om …"
        ("FINANCES", lst, "Förstudie om livsmedelsförädling"),
        ("COLLABORATES_WITH", region, lst),  # "Samarbetet med länsstyrelsen …"
        ("FINANCES", "Tillväxtverket", "Smart Skog"),  # "har beviljats 3,5 miljoner kronor från Tillväxtverket"
        ("FINANCES", region, "Glasriket 2.0"),  # "Regionen beviljade 1,2 miljoner kronor till projektet …"
        ("PARTICIPATES_IN", "Skogsstyrelsen", "Glasriket 2.0"),  # "I projektet deltar …"
        ("LEADS", "Linnéuniversitetet", "Glasriket 2.0"),
        ("FINANCES", "Energimyndigheten", "Glasriket 2.0"),
        ("MEMBER_OF", region, "Sydsvenska Handelskammaren"),
        ("FINANCES", "Växjö kommun", "Leader Linné"),  # "Medfinansiärer i projektet X är A, B och C"
        ("FINANCES", "Coompanion Kronoberg", "Sociala Innovationer Småland"),  # "Coompanion Kronoberg är medfinansiär i …"
    }
    assert expected <= found, expected - found
    # the leader is not read as a funder, nor the funders as leaders
    assert ("LEADS", region, "Glasriket 2.0") not in found
    amounts = {(ex.graph.nodes[r.target].name, r.props.get("amount_sek")) for r in ex.graph.by_type("FINANCES")}
    assert {("Smart Skog", 3_500_000), ("Glasriket 2.0", 1_200_000)} <= amounts


def test_gavleborg_excerpt_support_and_agreements(extract_fixture, facts):
    ex = extract_fixture("region_gavleborg_excerpt.txt")
    found = facts(ex)
    region = "Region Gävleborg"
    expected = {
        ("FINANCES", "Tillväxtverket", "Digitalt Lyft Gävleborg"),  # "Med stöd av Tillväxtverket …"
        ("FINANCES", "Högskolan i Gävle", "Hållbar Industri"),  # "är huvudfinansiär i projektet …"
        ("COLLABORATES_WITH", region, "Högskolan i Gävle"),  # "har tecknat ett samverkansavtal"
        ("COLLABORATES_WITH", region, "Sandvikens kommun"),  # "i partnerskap med"
    }
    assert expected <= found, expected - found
