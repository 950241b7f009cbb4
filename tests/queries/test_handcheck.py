"""The hand check of sections 3.1–3.5 of the bundled report, as tests.

TRUE_COFINANCING lists every statement of the text (repaired text, lines 4532–5071) that two
or more parties finance something, with the funders a reader can name. A statement is found
when `cofinance_by_section` has a row whose line and funders match it. Statements the
extraction misses today are xfail (non-strict) with the reason: they start passing when
the rules learn them. Every row the query gives must be one of these statements: a new row
that is not fails `test_no_unexpected_cofinancing` (add it here if the text says so, else
it is a wrong fact to fix in the rules).

PARTNER_FACTS are partner facts of the same sections; those the graph still lacks are
xfail with the reason.
"""
from __future__ import annotations

import pytest

from samverkan.queries.catalogue import run_named

from .conftest import BUNDLED_DOC, SECTIONS

R = "region-vastmanland"
LST = "lansstyrelsen-i-vastmanlands-lan"
KOM = "kommunerna-i-vastmanlands-lan"

# (section, line the statement starts on, funders, what is financed, reason it is missed or None)
TRUE_COFINANCING = [
    ("3.1", 4600, {"tillvaxtverket", LST}, "Tematisk utveckling av cykel- och vandringsturism 2020", None),
    ("3.1", 4628, {R, LST}, "medborgarundersökning", None),
    ("3.1", 4632, {R, LST}, "fyra ERUF-projekt inom tematiskt mål 3", None),
    ("3.2", 4817, {R, "tillvaxtverket", "vinnova", "regionalfondsprogram-for-ostra-mellansverige", "svenska-esf-radet"},
     "projekt med 1:1-anslag", None),
    ("3.3", 4889, {R, KOM}, "entreprenörskap och nyföretagande", None),
    ("3.3", 4889, {R, KOM}, "energieffektivisering", None),
    ("3.3", 4889, {R, KOM}, "utveckling av styrkeområden", None),
    ("3.3", 4890, {R, KOM}, "organisationsbidrag till Coompanion", None),
    ("3.3", 4890, {R, KOM}, "organisationsbidrag till Ung Företagsamhet", None),
    ("3.3", 4893, {R, KOM}, "Nyföretagarcentrums rådgivning i hela länet (modell: regional och lokal offentlig "
     "samt privat finansiering, fyra lika delar)",
     "the financing model (lines 4892-4897) names its parts, not 'tillsammans med'; no rule reads it"),
    ("3.4", 4974, {R, "malardalens-universitet", "automation-region", "almi-foretagspartner-malardalen-ab",
                   "vasteras-science-park", "jarnvagsklustret", "jobba-i-vasteras"}, "insatser inom innovationsområdet", None),
    ("3.5", 5047, {"naringslivet"}, "de största satsningarna i länet (näringslivet medfinansiär)",
     "'näringslivet' is no actor: needs a collective actor for the county's business sector"),
]

# (section, type, source, target, line, reason) — partner facts of the text, checked by hand.
# A reason marks a fact the graph still lacks (xfail); None marks one the rules now read.
PARTNER_FACTS = [
    ("3.2", "COLLABORATES_WITH", R, "eskilstuna-kommun", 4684, None),  # Samhällskontraktet: "bedriver … en nära samverkan"
    ("3.2", "COLLABORATES_WITH", R, "region-sormland", 4684, None),
    ("3.2", "COLLABORATES_WITH", R, "kungliga-tekniska-hogskolan", 4697, None),  # "aktivt utbyte med flera andra lärosäten – som …"
    ("3.2", "COLLABORATES_WITH", R, "tillvaxtverket", 4761, "only ESF-rådet gets the 4761 dialogue"),
    ("3.3", "COLLABORATES_WITH", R, KOM, 4853, None),  # "Samverkan och samarbete sker kontinuerligt med länets kommuner"
    ("3.4", "MEMBER_OF", "synerleap", "innovationsradet", 4959, None),  # the member list runs past an unknown name
    ("3.4", "MEMBER_OF", "vasteras-science-park", "innovationsradet", 4959, None),
    ("3.4", "MEMBER_OF", "automation-region", "innovationsradet", 4959, None),
    ("3.4", "COLLABORATES_WITH", R, "sveriges-kommuner-och-regioner", 4934, None),  # "kontinuerlig kontakt med en rad organisationer såsom …"
    ("3.5", "COLLABORATES_WITH", R, "create-business-incubator", 5033, None),  # "input även från aktörer som inkubatorn Create" (the sentence starts at the end of line 5033)
]


def _case_id(item) -> str:
    return f"{item[0]}-{item[1]}-{item[3][:30]}"


def _cofinance(store, section):
    return run_named(store, "cofinance_by_section", {"section": section, "doc": BUNDLED_DOC}).to_dict("records")


def _matches(row, section, line, funders) -> bool:
    return row["line"] == line and set(row["funder_ids"]) == funders and row["section"] == section


@pytest.mark.parametrize("item", [
    pytest.param(i, marks=pytest.mark.xfail(reason=i[4], strict=False)) if i[4] else i for i in TRUE_COFINANCING
], ids=_case_id)
def test_true_cofinancing_is_found(bundled_embedded, item):
    section, line, funders, what, _ = item
    rows = _cofinance(bundled_embedded, section)
    assert any(_matches(r, section, line, funders) for r in rows), \
        f"{section} line {line}: {what} financed by {sorted(funders)} not found; rows: " \
        f"{[(r['line'], r['funder_ids']) for r in rows]}"


@pytest.mark.parametrize("section", SECTIONS)
def test_no_unexpected_cofinancing(bundled_embedded, section):
    truth = [(line, funders) for s, line, funders, _, _ in TRUE_COFINANCING if s == section]
    unexpected = [(r["line"], r["name"], list(r["funder_ids"])) for r in _cofinance(bundled_embedded, section)
                  if not any(r["line"] == line and set(r["funder_ids"]) == f for line, f in truth)]
    assert not unexpected, f"co-financing rows in {section} the hand check does not know: {unexpected}"


def test_precision_and_recall_of_cofinancing(bundled_embedded):
    rows = [(s, r) for s in SECTIONS for r in _cofinance(bundled_embedded, s)]
    right = sum(any(_matches(r, s, line, f) for s2, line, f, _, _ in TRUE_COFINANCING if s2 == s) for s, r in rows)
    found = sum(any(_matches(r, s, line, f) for s, r in rows) for s, line, f, _, _ in TRUE_COFINANCING)
    precision = right / len(rows) if rows else 1.0
    recall = found / len(TRUE_COFINANCING)
    print(f"co-financing 3.1-3.5: precision {right}/{len(rows)}, recall {found}/{len(TRUE_COFINANCING)}")
    assert precision >= 0.9 and recall >= 0.8


@pytest.mark.parametrize("item", [pytest.param(i, marks=pytest.mark.xfail(reason=i[5], strict=False)) if i[5] else i
                                  for i in PARTNER_FACTS], ids=lambda i: f"{i[0]}-{i[4]}-{i[1]}-{i[2]}-{i[3]}")
def test_partner_fact(bundled_embedded, item):
    section, rtype, source, target, line, _ = item
    df = run_named(bundled_embedded, "collaborations_by_section", {"section": section, "doc": BUNDLED_DOC})
    hits = df[(df["relation"] == rtype) & (df["actor"] == source) & (df["partner"] == target) & (df["line"] == line)]
    assert len(hits) == 1
