"""Tests of the text-repair stage (lost diacritics, line-end hyphenation)."""

from __future__ import annotations

from pathlib import Path

import pytest

from samverkan.loaders.lexicon import Lexicon, get_lexicon
from samverkan.loaders.repair import Change, RepairResult, repair_text

TESTS = Path(__file__).resolve().parents[1]
DATA = TESTS / "data"
REPORT = TESTS.parent / "data" / "raw" / "region-vastmanland-aterrapportering-2019.txt"


def fixture(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def report() -> str:
    return REPORT.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def repaired_report(report) -> RepairResult:
    return repair_text(report)


# --------------------------------------------------------------------------
# lexicon


def test_lexicon_frequency_is_case_insensitive_zipf():
    lex = get_lexicon()
    assert lex is get_lexicon()  # loaded once, cached
    assert lex.frequency("för") > 6.5
    assert lex.frequency("För") == lex.frequency("för")
    assert lex.frequency("xqzvw") == 0.0
    assert lex.is_word("länsstyrelsen")
    assert not lex.is_word("omra")


def test_lexicon_compounds():
    lex = get_lexicon()
    assert lex.is_compound("jämställdhetsutbildning")  # jämställdhet + s + utbildning
    assert lex.compound_parts("jämställdhetsutbildning") == ("jämställdhet", "s", "utbildning")
    assert lex.is_compound("tillväxtåtgärder")
    assert lex.is_compound("samarbetsprogrammen")  # samarbete -> samarbets-
    assert lex.is_compound("styrkeområden")  # styrka -> styrke-
    assert not lex.is_compound("jamstalldhetsutbildning")
    assert not lex.is_compound("påserviceorterna")  # parts of >= 3 letters only


def test_lexicon_with_own_word_table():
    lex = Lexicon({"cykel": 4.0, "väg": 4.5, "nät": 4.0, "stråk": 3.0})
    assert lex.frequency("Cykel") == 4.0
    assert lex.is_compound("cykelväg")
    assert lex.is_compound("cykelvägsnät")  # three parts, linking s
    assert not lex.is_compound("cykelvägsnätstråkväg")  # four parts
    assert not lex.is_compound("cykelbana")


# --------------------------------------------------------------------------
# diacritics: the examples of the Västmanland report


@pytest.mark.parametrize(
    "damaged, repaired",
    [
        (
            "Inom ramen fo r la nets ja msta lldhetsstrategi genomfo rs 2019 och 2020 en ",
            "Inom ramen för länets jämställdhetsstrategi genomförs 2019 och 2020 en ",
        ),
        (
            "La nsstyrelsen och Region Va stmanland samverkar i referensgruppen fo r ",
            "Länsstyrelsen och Region Västmanland samverkar i referensgruppen för ",
        ),
        (
            "• Inom vilka omra den samverkan och gemensam finansiering har skett med la nsstyrelsen",
            "• Inom vilka områden samverkan och gemensam finansiering har skett med länsstyrelsen",
        ),
        ("• Ö kad andel fo rstahandsso kande till ingenjo rsutbildningar. ",
         "• Ökad andel förstahandssökande till ingenjörsutbildningar. "),
        ("avslutats och kan da rfo r a nnu inte uppvisa resultat ",
         "avslutats och kan därför ännu inte uppvisa resultat "),
        (
            "ja msta lldhetsutbildning (Styrning fo r resultat, kvalitet och tillva xt) som va nder ",
            "jämställdhetsutbildning (Styrning för resultat, kvalitet och tillväxt) som vänder ",
        ),
        (
            "strategier skapade fo r dem samt 2–3 nyfo rsa ljningar som uppna tts av ",
            "strategier skapade för dem samt 2–3 nyförsäljningar som uppnåtts av ",
        ),
        # a broken last letter leaves two spaces: "nå de" -> "na  de"
        ("har bidragit till att na  de ma l som angetts i den regionala ",
         "har bidragit till att nå de mål som angetts i den regionala "),
        ("Projektet fokuserar pa  att fo rba ttra konkurrenskraften hos ",
         "Projektet fokuserar på att förbättra konkurrenskraften hos "),
        ("La ng sikt: o kad konkurrenskraft i SMF. ", "Lång sikt: ökad konkurrenskraft i SMF. "),
        ("1:1 Regionala tillva xta tga rder under utgiftsomra de 19 Regional tillva xt. ",
         "1:1 Regionala tillväxtåtgärder under utgiftsområde 19 Regional tillväxt. "),
        ("• Hur ekonomisk, social och miljo ma ssig ha llbarhet har integrerats i analyser",
         "• Hur ekonomisk, social och miljömässig hållbarhet har integrerats i analyser"),
        ("En beskrivning av pa  vilket sa tt de olika fo rutsa ttningarna som ra der i olika delar av la net",
         "En beskrivning av på vilket sätt de olika förutsättningarna som råder i olika delar av länet"),
    ],
)
def test_repairs_lost_diacritics(damaged, repaired):
    result = repair_text(damaged)
    assert result.text == repaired
    assert result.changes and all(c.kind == "diacritic" and c.line == 1 for c in result.changes)


def test_change_records():
    result = repair_text("Inom ramen fo r la nets arbete\nLa nsstyrelsen bidrar till att na  de ma l.")
    assert result.changes == [
        Change(1, "fo r", "för", "diacritic"),
        Change(1, "la nets", "länets", "diacritic"),
        Change(2, "La nsstyrelsen", "Länsstyrelsen", "diacritic"),
        Change(2, "na  ", "nå ", "diacritic"),
        Change(2, "ma l", "mål", "diacritic"),
    ]


def test_word_final_damage_at_line_end():
    text = "har bidragit till att na  \nde ma l som angetts i den regionala "
    assert repair_text(text).text == "har bidragit till att nå \nde mål som angetts i den regionala "


def test_upper_case_words():
    assert repair_text("A TERRAPPORTERING FO R VA STMANLANDS LA N").text == "ÅTERRAPPORTERING FÖR VÄSTMANLANDS LÄN"


def test_document_context_chooses_between_words():
    # "a r" is "är" or "år": the document's own pairs ("4 år.") decide
    text = (
        "Företaget har fördubblat sin omsättning inom 4 år. Det är bra.\n"
        "• Ökad andel sysselsatta av befolkningen 20–64 a r. \n"
        "• Kopplingen mellan ko n och valda a mnen och program till gymnasiet a r \n"
        "bruten till 2020. \n"
    )
    lines = repair_text(text).text.split("\n")
    assert lines[1] == "• Ökad andel sysselsatta av befolkningen 20–64 år. "
    assert lines[2] == "• Kopplingen mellan kön och valda ämnen och program till gymnasiet är "


# --------------------------------------------------------------------------
# hyphenation


def test_hyphen_join_moves_fragment_up():
    result = repair_text("ett framåtriktat innovations-\narbete. Under 2019 har det \n")
    assert result.text == "ett framåtriktat innovationsarbete.\nUnder 2019 har det \n"
    assert result.changes == [Change(1, "innovations-\narbete.", "innovationsarbete.", "hyphen")]


def test_hyphen_join_over_blank_lines():
    text = "remiss i maj 2019. När remiss-\n\ntiden var slut i mitten av oktober\n"
    assert repair_text(text).text == "remiss i maj 2019. När remisstiden\n\nvar slut i mitten av oktober\n"


def test_hyphen_join_whole_line_fragment():
    text = "olika investeringar i hundra-\n\nmiljonersklassen.  \n\nNästa stycke"
    out = repair_text(text).text.split("\n")
    assert out == ["olika investeringar i hundramiljonersklassen.", "", "", "", "Nästa stycke"]


@pytest.mark.parametrize(
    "text",
    [
        "Hur ekonomisk, social-\noch ekonomisk hållbarhet",
        "stärka klimat- och miljöperspektiven i det regionala",
        "tog fram RUS 2030 utvecklades 2019 ett \nuppföljnings- och lärandesystem, i syfte",
        "roll i det arbetet. I uppföljnings-\noch lärandesystemet ingår aktivitetsplan",
        "dier) har förlagt forsknings- \n\noch innovationsverksamheter och",
        "form av företag, forsknings-\neller innovationsmiljöer, samt\n",
        "idé-\nrespektive företagsutveckling",
        "med “En bättre matchning” -\nhögskolans roll",
        "Insatser:-\n• Nästa punkt",
    ],
)
def test_suspended_hyphens_and_dashes_stay(text):
    result = repair_text(text)
    assert result.text == text
    assert result.changes == []


@pytest.mark.parametrize(
    "text, first_line",
    [
        ("under ERUF-\nProjekt kring smart", "under ERUF-Projekt"),
        ("perioden 2019-\n2020 har", "perioden 2019-2020"),
        ("snabb och stabil IT-\ninfrastruktur.  ", "snabb och stabil IT-infrastruktur."),
        ("del av det pågående RUS-\narbetet. Den", "del av det pågående RUS-arbetet."),
        ("medel från 1:1-\nanslaget genom krav", "medel från 1:1-anslaget"),
        ("för ett hela-resan-\nperspektiv.    ", "för ett hela-resan-perspektiv."),
        ("kontakt via e-\npost och telefon", "kontakt via e-post"),
    ],
)
def test_hyphen_kept_when_joining(text, first_line):
    assert repair_text(text).text.split("\n")[0] == first_line


def test_hyphen_with_damaged_continuation():
    # the continuation itself is broken ("nämnden" -> "na mnden"): both repairs apply
    text = "redovisas fo r regionala utvecklings-\nna mnden. Arbetet fo ljs upp"
    assert repair_text(text).text == "redovisas för regionala utvecklingsnämnden.\nArbetet följs upp"
    text = "3–5 centrala baltiska gra nso ver-\n\nskridande smarta stadskonsortier"
    assert repair_text(text).text == "3–5 centrala baltiska gränsöverskridande\n\nsmarta stadskonsortier"


# --------------------------------------------------------------------------
# invariants


def test_line_count_preserved(report, repaired_report):
    assert repaired_report.text.count("\n") == report.count("\n")
    assert len(repaired_report.text.split("\n")) == len(report.split("\n"))


@pytest.mark.parametrize("eol", ["\n", "\r\n"])
def test_line_count_preserved_small(eol):
    lines = ["Det fo renar sma  och medelstora ", "fo retag och deras innovations-", "", "arbete", ""]
    text = eol.join(lines)
    out = repair_text(text).text
    assert out.count("\n") == text.count("\n")
    assert out.split(eol) == ["Det förenar små och medelstora ", "företag och deras innovationsarbete", "", "", ""]


def test_change_line_numbers_point_at_repaired_lines(report, repaired_report):
    src = report.split("\n")
    out = repaired_report.text.split("\n")
    for c in repaired_report.changes:
        if c.kind == "diacritic":
            assert c.before.rstrip() in src[c.line - 1] or c.line - 1 in _hyphen_lines(repaired_report)
            assert c.after.rstrip() in out[c.line - 1]
        else:
            assert src[c.line - 1].rstrip().endswith("-")
            assert c.after in out[c.line - 1]


def _hyphen_lines(result):
    return {c.line - 1 for c in result.changes if c.kind == "hyphen"}


@pytest.mark.parametrize("name", ["repair_correct_vastmanland.txt", "repair_correct_own.txt"])
def test_correct_text_unchanged(name):
    text = fixture(name)
    result = repair_text(text)
    assert result.changes == []
    assert result.text == text


@pytest.mark.parametrize(
    "text",
    [
        "Ola, Anna och Lisa från Gotland pratade om a-kassa och Ö-vik.",
        "Vi ska kunna stärka samverkan på kort sikt och bidra till små företag.",
        "Data om Agenda 2030 finns på data.gov; vilka data behövs?",
        "Flickor o pojkar i årskurs 9 (a och b) svarade på en enkät.",
        "Anna  Lisa och Ola  Berg var där. Då  kom de.",
        "Tillsammans med Ája i Jokkmokk och Idélab i Västerås sker det.",
    ],
)
def test_tricky_correct_sentences_unchanged(text):
    assert repair_text(text).text == text


def test_correct_text_near_damage_unchanged():
    # correct lines stay as they are even next to a damaged line (in the "damaged zone")
    own = fixture("repair_correct_own.txt").split("\n")
    damaged = "La nsstyrelsen fo r omra den da r Va stmanland na  de ma l."
    for k in range(0, len(own), 3):
        text = "\n".join(own[:k] + [damaged] + own[k:])
        result = repair_text(text)
        assert {c.line for c in result.changes} == {k + 1}
        assert result.text.split("\n")[k] == "Länsstyrelsen för områden där Västmanland nå de mål."


def test_idempotent_on_report(repaired_report):
    again = repair_text(repaired_report.text)
    assert again.changes == []
    assert again.text == repaired_report.text


def test_idempotent_on_other_region():
    once = repair_text(fixture("repair_damaged_jamtland.txt"))
    assert repair_text(once.text).changes == []


# --------------------------------------------------------------------------
# another region's text (not from the Västmanland report)


def test_other_region_repaired():
    damaged = fixture("repair_damaged_jamtland.txt")
    expected = fixture("repair_expected_jamtland.txt")
    result = repair_text(damaged)
    assert result.text == expected
    assert len(result.text.split("\n")) == len(damaged.split("\n"))
    kinds = {c.kind for c in result.changes}
    assert kinds == {"diacritic", "hyphen"}


def test_other_region_short():
    text = (
        "Region Ja mtland Ha rjedalen och La nsstyrelsen i Norrbottens la n samverkar fo r "
        "na ringslivet och fo r ha llbar tillva xt i hela la net."
    )
    assert repair_text(text).text == (
        "Region Jämtland Härjedalen och Länsstyrelsen i Norrbottens län samverkar för "
        "näringslivet och för hållbar tillväxt i hela länet."
    )


# --------------------------------------------------------------------------
# the bundled report


# the passages of the report where diacritics were lost (found by inspection)
DAMAGED_LINES = [(1273, 1273), (2854, 2864), (3985, 4014), (4242, 4250), (4508, 4516),
                 (4590, 4608), (5083, 5091), (5618, 5618), (5879, 5883)]


def test_report_repairs(repaired_report):
    out = repaired_report.text.split("\n")
    diacritic = [c for c in repaired_report.changes if c.kind == "diacritic"]
    hyphen = [c for c in repaired_report.changes if c.kind == "hyphen"]
    assert 125 <= len(diacritic) <= 140
    assert 75 <= len(hyphen) <= 85
    # precision guard: no diacritic change outside the damaged passages
    for c in diacritic:
        assert any(a <= c.line <= b for a, b in DAMAGED_LINES), c
    assert out[4007].startswith("• NURED.  Syftet med projektet är att utveckla två läroplaner inom området")
    assert out[4591].startswith("jämställdhetsutbildning (Styrning för resultat, kvalitet och tillväxt)")
    assert out[4597].startswith("Länsstyrelsen har medverkat i etableringen")
    assert out[2856] == "studier inom tre år. "
    assert out[88].endswith("När remisstiden")
    assert out[100].startswith("uppföljnings- och lärandesystem")

