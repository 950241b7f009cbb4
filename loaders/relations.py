"""Relations from Swedish sentence patterns. Each rule is a small function named after what it
reads; the rule name is the relationship's `method`, so every fact says how it was found.

A rule sees one sentence with its actor and initiative mentions and a little context: the
section, the template sub-question the text answers, the table row it stands in, the last
initiative named before it, and the reporting region — the implicit other party of
"gemensam finansiering … med X" in section 3.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Iterator

from .actors import Mention
from .amounts import parse_amounts
from .sentences import Sentence

LIST_WORD = re.compile(r"(?:,|/|\boch\b|\bsamt\b|\bliksom\b|\brespektive\b|\beller\b|\bsåväl som\b)")


def is_separator(gap: str) -> bool:
    """The text between two items of one enumeration: ", ", " och ", "/", or a few lowercase
    items that are not actors ("…, folkhögskola, vuxenutbildning, Företagarna")."""
    gap = re.sub(r"\([^)]{1,40}\)", " ", gap)
    if not gap.strip():
        return True
    if not LIST_WORD.search(gap):
        return False
    pieces = [p.strip() for p in LIST_WORD.split(gap)]
    return all(
        not p or (LOWERCASE_ITEM.fullmatch(p) is not None and not VERB_OR_FUNCTION_WORD.search(p)) or _unknown_name(p)
        for p in pieces
    )


LOWERCASE_ITEM = re.compile(r"(?!(?:av|med|i|för|till|från|som|och|har|är)\b)[a-zåäö][\w-]*(?:\s+[a-zåäö][\w-]*)?")
VERB_OR_FUNCTION_WORD = re.compile(r"\b(?:av|med|i|för|till|från|som|har|är|ska|kan)\b|\w(?:as|ats|its|ades|erar|ierar)\b")
NAME_WORD = re.compile(r"[A-ZÅÄÖ][\w&.+-]*|och|i|för|av|-|\w+(?:råd|rådet|förbund|förbundet|förening|föreningen|kluster|klustret|college|institut|institutet)")


def _unknown_name(piece: str) -> bool:
    """An item of an enumeration that is a name the gazetteer does not know ("Jämtlands
    Forsknings- och utvecklingsråd"): capitalised, at most five words."""
    words = piece.split()
    return words[0][:1].isupper() and len(words) <= 5 and all(NAME_WORD.fullmatch(w) for w in words)
OBJECT_GAP = re.compile(
    r"^\s*(?:(?:de|den|det|ett|en|bland annat|bl\.a\.|t\.ex\.|till exempel|både|flera|olika|övriga|berörda|andra|såsom|som|"
    r"(?i:föreningen|inkubatorn|klustret|företaget|bolaget|stiftelsen|organisationen|myndigheten))\s+){0,3}$"
    r"|^\s*(?:[a-zåäö-]+\s+){0,4}[–-]?\s*(?:såsom|som|t\.ex\.|till exempel|bland annat|exempelvis)\s*"
    r"(?:(?i:föreningen|inkubatorn|klustret|företaget|bolaget|stiftelsen|organisationen|myndigheten)\s+)?$"
)
SUBJECT_GAP = re.compile(r"^\s*(?:[a-zåäö]+\s+){0,5}$")
PASSIVE = re.compile(r"\b\w+(?:ats|its|ades|ierats|ieras|eras|drivs|bedrivs)\b")
ANAPHORA = re.compile(r"^(Projektet|Projekten|Insatsen|Insatserna|Satsningen|Programmet|Nätverket|Förstudien|Studien|Arbetet)\b")
QUANTIFIERS = re.compile(r"^(?:(?:fyra|tre|två|fem|sex|flera|olika|de|det|den|ett|en|några|många|pågående|samtliga|alla|våra|dessa|nya)\s+)+", re.I)
AREA_LIST = re.compile(r"\binom\s+(?:bland annat\s+)?(?:områdena|området|områden som|områden såsom|ramen för)\s+(.+?)(?:\.|;|$)")
INSTRUMENTS = [
    (re.compile(r"\b1:1\b"), "1:1"),
    (re.compile(r"\bERUF\b|regionalfond", re.I), "ERUF"),
    (re.compile(r"\bESF\b(?!-rådet)|socialfond", re.I), "ESF"),
    (re.compile(r"\begna medel\b", re.I), "egna medel"),
    (re.compile(r"\bInterreg\b", re.I), "Interreg"),
]


@dataclass
class Fact:
    type: str
    source: str
    target: str
    method: str
    confidence: float
    sentence: Sentence
    props: dict = field(default_factory=dict)


@dataclass
class Context:
    sentence: Sentence
    actors: list[Mention]
    initiatives: list[Mention]
    region_id: str | None
    counterpart_id: str | None
    row_initiative: str | None
    previous_initiative: str | None
    previous_council: str | None
    actor_type: Callable[[str], str]
    area: Callable[[str], str | None]
    section_title: str = ""

    def section_area(self) -> list[str]:
        """Money reported for a section's work without a named initiative goes to the section's area."""
        area = self.area(self.section_title) if self.section_title else None
        return [area] if area else []

    @property
    def text(self) -> str:
        return self.sentence.text

    @property
    def in_section_3(self) -> bool:
        return self.sentence.section.startswith("3")

    def run_after(self, pos: int, mentions: list[Mention] | None = None) -> list[Mention]:
        """The enumeration of mentions that starts right after `pos` ("med A, B och C")."""
        mentions = self.actors if mentions is None else mentions
        following = [m for m in mentions if m.start >= pos]
        if not following or not OBJECT_GAP.match(self.text[pos : following[0].start]):
            return []
        run = [following[0]]
        for m in following[1:]:
            if not is_separator(self.text[run[-1].end : m.start]):
                break
            run.append(m)
        return run

    def run_before(self, pos: int) -> list[Mention]:
        """The enumeration of actor mentions that ends shortly before `pos` (the subject)."""
        preceding = [m for m in self.actors if m.end <= pos]
        if not preceding:
            return []
        gap = self.text[preceding[-1].end : pos]
        if not SUBJECT_GAP.match(gap) or re.search(r"\bsom\b", gap) or PASSIVE.search(gap):
            return []  # "X har finansierats tillsammans med": X is what was financed, not a party
        run = [preceding[-1]]
        for m in reversed(preceding[:-1]):
            if not is_separator(self.text[m.end : run[0].start]):
                break
            run.insert(0, m)
        return run

    def actors_before(self, pos: int) -> list[Mention]:
        return [m for m in self.actors if m.end <= pos]

    def initiatives_before(self, pos: int) -> list[str]:
        return [m.id for m in self.initiatives if m.end <= pos]

    def initiatives_after(self, pos: int) -> list[str]:
        return [m.id for m in self.initiatives if m.start >= pos]

    def contextual_initiative(self) -> str | None:
        if ANAPHORA.match(self.text) and self.previous_initiative:
            return self.previous_initiative
        return self.row_initiative or (self.previous_initiative if ANAPHORA.match(self.text) else None)

    def instrument(self) -> str | None:
        found = [name for pattern, name in INSTRUMENTS if pattern.search(self.text)]
        return ", ".join(found) or None

    def instrument_of(self, funder: str, found: str) -> str | None:
        """The instruments a sentence names, attached to the funders they belong to: an EU fund
        named as a funder gets its own fund; "1:1" and "egna medel" belong to the region; an EU
        fund named only as the instrument ("ERUF-projekt … finansieras tillsammans med X") is
        the stream every co-funder of that project takes part in."""
        names = [n.strip() for n in found.split(",")]
        eu = [n for n in names if n in ("ERUF", "ESF", "Interreg")]
        fund_is_a_party = any(self.actor_type(a.id) == "eu_fund_programme" for a in self.actors)
        if self.actor_type(funder) == "eu_fund_programme":
            own = eu
        elif funder == self.region_id:
            own = [n for n in names if n in ("1:1", "egna medel")] + ([] if fund_is_a_party else eu)
        else:
            own = [] if fund_is_a_party else eu
        return ", ".join(own) or None

    def areas(self) -> list[str]:
        """Areas named in "inom områdena A, B och C"."""
        m = AREA_LIST.search(self.text)
        if not m:
            return []
        listed = re.split(r",\s*", m.group(1))
        if " och " in listed[-1]:  # "A, B och C"; a first item may itself contain "och"
            listed[-1:] = listed[-1].split(" och ", 1)
        ids = []
        for item in listed:
            item = re.sub(r"\s*\(.*?\)", "", item).strip()
            if 2 <= len(item.split()) + 1 <= 7:
                area = self.area(item)
                if area:
                    ids.append(area)
        return ids


def _listed(value: str | None) -> list[str]:
    """[value], or [] when there is none: the shape every target list takes."""
    return [value] if value else []


def _fact(ctx: Context, rel: str, source: str, target: str, method: str, confidence: float, **props) -> Fact | None:
    if not source or not target or source == target:
        return None
    if rel == "FINANCES" and props.get("instrument"):
        props["instrument"] = ctx.instrument_of(source, props["instrument"])
    return Fact(rel, source, target, method, confidence, ctx.sentence, {k: v for k, v in props.items() if v is not None})


def _finance_targets(ctx: Context, pos: int) -> list[str]:
    return ctx.initiatives_before(pos) or _listed(ctx.contextual_initiative())


# --- FINANCES --------------------------------------------------------------------------
FINANCED_BY = re.compile(
    r"(?i)\b(?:med)?finansier(?:as|ades|ats)\s+(?:\w+\s+){0,2}?av\b|\bbeviljade?s?\s+(?:\w+\s+){0,3}?av\b|\bbekostas\s+av\b"
)


def financed_by(ctx: Context) -> Iterator[Fact]:
    """"Projektet … medfinansieras av länsstyrelsen", "beviljades av Tillväxtverket"."""
    for m in FINANCED_BY.finditer(ctx.text):
        for funder in ctx.run_after(m.end()):
            for target in _finance_targets(ctx, m.start()):
                yield _fact(ctx, "FINANCES", funder.id, target, "financed-by", 0.9, instrument=ctx.instrument())


FINANCED_TOGETHER = re.compile(
    r"(?i)\b(?:med)?finansier(?:as|ades|ats|at|ar)\s+(?:\w+\s+){0,2}?(?:tillsammans|gemensamt)\s+med\b"
    r"|\bfinansiering(?:en)?\s+(?:\w+\s+){0,2}?tillsammans\s+med\b"
    r"|\bgem\w*sam(?:ma)?\s+finansiering\b.*?\b(?:tillsammans\s+med|med)\b(?=(?-i:\s+[A-ZÅÄÖ]|\s+länsstyrelsen|\s+kommun))"
)


def financed_together(ctx: Context) -> Iterator[Fact]:
    """"… finansieras tillsammans med länsstyrelsen": the partners and the region co-finance."""
    for m in FINANCED_TOGETHER.finditer(ctx.text):
        partners = ctx.run_after(m.end())
        if not partners:
            continue
        funders = [p.id for p in partners]
        if ctx.region_id and ctx.region_id not in funders:
            funders.append(ctx.region_id)
        partner_ids = {p.id for p in partners}
        named = FINANCED_IN.search(ctx.text[: m.end()])
        targets = ctx.areas() or [i.id for i in ctx.initiatives if i.id not in partner_ids]
        if named and not targets:
            targets = _listed(ctx.area(named.group(1)))
        if not targets:
            subject = QUANTIFIERS.sub("", ctx.text[: m.start()].split(",")[0]).strip()
            subject = re.sub(r"\s+(har|har\s+\w+|sker|är)$", "", subject)
            starts_with_actor = any(a.start == len(ctx.text) - len(ctx.text.lstrip()) for a in ctx.actors)
            if 1 <= len(subject.split()) <= 8 and not starts_with_actor:
                targets = _listed(ctx.area(subject))
        targets = targets or _listed(ctx.contextual_initiative())
        for funder in funders:
            for target in targets:
                implicit = funder == ctx.region_id and funder not in partner_ids
                yield _fact(ctx, "FINANCES", funder, target, "financed-together", 0.75 if implicit else 0.85,
                            instrument=ctx.instrument())


FINANCED_IN = re.compile(r"(?i)\bfinansiering\s+i\s+(.{3,60}?)\s+(?:tillsammans\s+)?med$")

ORGANISATION_GRANT = re.compile(r"(?i)\borganisationsbidrag\s+till\b")


def organisation_grant(ctx: Context) -> Iterator[Fact]:
    """"organisationsbidrag till Drivhuset och Ung Företagsamhet", given together with the section's counterpart."""
    for m in ORGANISATION_GRANT.finditer(ctx.text):
        funders = [ctx.region_id] if ctx.region_id else []
        if "tillsammans" in ctx.text and ctx.counterpart_id:
            funders.append(ctx.counterpart_id)
        for recipient in ctx.run_after(m.end()):
            grant = ctx.area(f"Organisationsbidrag till {ctx.text[recipient.start:recipient.end]}")
            if not grant:
                continue
            yield _fact(ctx, "LEADS", recipient.id, grant, "organisation-grant", 0.8)
            for funder in funders:
                yield _fact(ctx, "FINANCES", funder, grant, "organisation-grant", 0.8, instrument=ctx.instrument())


FINANCES_ACTIVE = re.compile(
    r"(?i)\b(?:med)?finansierar\b|\b(?:med)?finansierade\b|\bbekostar\b|\bhar\s+(?:gemensamt\s+|tillsammans\s+)?(?:med)?finansierat\b"
    r"|\b(?:har|hade)\s+gem\w*sam(?:ma)?\s+finansiering\s+(?:av|för|i)\b"
)


def finances_active(ctx: Context) -> Iterator[Fact]:
    """"Malmö stad och Helsingborgs stad medfinansierar projektet X med 850 000 kronor",
    "A och B har gemensam finansiering av satsningen Y"."""
    for m in FINANCES_ACTIVE.finditer(ctx.text):
        funders = ctx.run_before(m.start())
        targets = ctx.initiatives_after(m.end())[:1]
        if funders and not targets:
            obj = OBJECT_AFTER_VERB.search(ctx.text, m.start())  # "har gemensamt finansierat en förstudie om X"
            targets = _listed(ctx.area(obj.group(1)) if obj else None)
        if not funders or not targets:
            continue
        amounts = [a for a in parse_amounts(ctx.text) if a.start > m.end()]
        amount = amounts[0].sek if amounts and len(funders) == 1 else None
        for funder in funders:
            yield _fact(ctx, "FINANCES", funder.id, targets[0], "finances-active", 0.85, amount_sek=amount,
                        instrument=ctx.instrument())


DONE_TOGETHER = re.compile(r"(?i)\btillsammans\s+med\b")
OBJECT_AFTER_VERB = re.compile(
    r"(?i)\b(?:genomfört|genomförde|genomförts|tagit fram|tog fram|startat|startade|drivit|drivs|finansierat|arrangerat|"
    r"arrangerade|anordnat|anordnade|upphandlat|gjort|gjorde)\s+(?:en|ett|två|tre|flera|de|den|det|gemensam|gemensamt|gemensamma|\s)*"
    r"([a-zåäö][\w-]{4,}(?:\s+(?:om|av|för|kring|inom)\s+[\w-]+){0,1})"
)


def cofinance_answer(ctx: Context) -> Iterator[Fact]:
    """In the text answering "inom vilka områden gemensam finansiering har skett", what the
    region did "tillsammans med X" was financed by both: "Region X har tillsammans med
    länsstyrelsen genomfört en invånarenkät"."""
    if ctx.sentence.answers != "cofinance" or FINANCED_TOGETHER.search(ctx.text):
        return
    for m in DONE_TOGETHER.finditer(ctx.text):
        partners = ctx.run_after(m.end())
        if not partners:
            continue
        partner_ids = {p.id for p in partners}
        targets = [i.id for i in ctx.initiatives if i.id not in partner_ids]
        if not targets:
            obj = OBJECT_AFTER_VERB.search(ctx.text, partners[-1].end)
            targets = _listed(ctx.area(obj.group(1)) if obj else None)
        funders = list(partner_ids) + ([ctx.region_id] if ctx.region_id and ctx.region_id not in partner_ids else [])
        for funder in funders:
            for target in targets:
                yield _fact(ctx, "FINANCES", funder, target, "cofinance-answer", 0.7, instrument=ctx.instrument())


AMOUNT_LINK = re.compile(r"^\s*(?:med|på|om|står för|bidrar med|bidrog med|har bidragit med|bidragit med|:|,)?\s*$")
FUNDING_WORDS = re.compile(r"finansi|medfinansiär|beviljat|beviljade|bidrag|bidrar|stöd|står för|anslag", re.I)


def funding_amount(ctx: Context) -> Iterator[Fact]:
    """"Största medfinansiär är Tillväxtverket med 45,8 miljoner kronor", "Vinnova står för 28 miljoner kronor"."""
    if not FUNDING_WORDS.search(ctx.text):
        return
    for amount in parse_amounts(ctx.text):
        before = [a for a in ctx.actors if a.end <= amount.start]
        if not before or not AMOUNT_LINK.match(ctx.text[before[-1].end : amount.start]):
            continue
        funder = before[-1].id
        targets = [i.id for i in ctx.initiatives] or _listed(ctx.contextual_initiative() or ctx.previous_initiative)
        targets = targets or ctx.section_area()
        for target in targets:
            yield _fact(ctx, "FINANCES", funder, target, "funding-amount", 0.8, amount_sek=amount.sek,
                        instrument=ctx.instrument())


GRANT_AMOUNT = re.compile(
    r"(?i)\b(?:beviljade|beviljat|avsatte|avsatt|satsade|satsat|bidrog\s+med|bidrar\s+med|gick\s+in\s+med)\s+(?:totalt\s+|ytterligare\s+)?$"
)
AMOUNT_FROM = re.compile(r"^\s+(?:från|av)\s+$")


def granted_amount(ctx: Context) -> Iterator[Fact]:
    """"Regionen beviljade 1,2 miljoner kronor till projektet X" (the subject funds what follows),
    "Projektet X har beviljats 3,5 miljoner kronor från Tillväxtverket" (the named source funds it)."""
    for amount in parse_amounts(ctx.text):
        after_from = [a for a in ctx.actors if a.start >= amount.end and AMOUNT_FROM.match(ctx.text[amount.end : a.start])]
        if after_from:
            targets = ctx.initiatives_before(amount.start)[-1:] or _listed(ctx.contextual_initiative())
            for target in targets:
                yield _fact(ctx, "FINANCES", after_from[0].id, target, "granted-from", 0.85, amount_sek=amount.sek,
                            instrument=ctx.instrument())
            continue
        verb = GRANT_AMOUNT.search(ctx.text[: amount.start])
        if not verb:
            continue
        funders = ctx.run_before(verb.start()) or (
            [Mention(ctx.region_id, "actor", 0, 0, "")] if ctx.region_id and not ctx.actors_before(verb.start()) else [])
        targets = ctx.initiatives_after(amount.end)[:1]
        for funder in funders[:1] if len(funders) > 1 else funders:
            for target in targets:
                yield _fact(ctx, "FINANCES", funder.id, target, "granted-amount", 0.85,
                            amount_sek=amount.sek if len(funders) == 1 else None, instrument=ctx.instrument())


CO_FUNDER = re.compile(r"(?i)\bär\s+(?:en\s+av\s+(?:de\s+)?)?(?:med|huvud)?finansiär(?:er|erna)?\b")
IS = re.compile(r"\s+är\s+")
CO_FUNDERS_ARE = re.compile(r"(?i)\b(?:med)?finansiärer(?:na)?\s+(?:i|för|till)\s+")


def named_funders(ctx: Context) -> Iterator[Fact]:
    """"Coompanion är medfinansiär i satsningen X", "Medfinansiärer i projektet X är A, B och C"."""
    for m in CO_FUNDER.finditer(ctx.text):
        funders = ctx.run_before(m.start())
        targets = ctx.initiatives_after(m.end())[:1] or _listed(ctx.contextual_initiative())
        for funder in funders:
            for target in targets:
                yield _fact(ctx, "FINANCES", funder.id, target, "named-funder", 0.85, instrument=ctx.instrument())
    for m in CO_FUNDERS_ARE.finditer(ctx.text):
        target = ctx.initiatives_after(m.end())[:1]
        verb = IS.search(ctx.text, m.end())
        if not target or not verb:
            continue
        for funder in ctx.run_after(verb.end()):
            yield _fact(ctx, "FINANCES", funder.id, target[0], "named-funders", 0.85, instrument=ctx.instrument())


FINANCING_FROM = re.compile(
    r"(?i)\b(?:med)?finansiering(?:en)?\s+från\s+|\bstöd\s+från\s+|\bmedel\s+från\s+|\bmed\s+(?:ekonomiskt\s+)?stöd\s+av\s+"
)


def financing_from(ctx: Context) -> Iterator[Fact]:
    """"Medfinansiering från Regionen sker med 1:1-medel" (the row's or the named initiative)."""
    for m in FINANCING_FROM.finditer(ctx.text):
        funders = ctx.run_after(m.end())
        if not funders:
            continue
        amounts = [a for a in parse_amounts(ctx.text) if a.start > funders[-1].end and a.start - funders[-1].end < 12]
        targets = [i.id for i in ctx.initiatives] or _listed(ctx.contextual_initiative())
        targets = targets or (ctx.section_area() if amounts else [])
        for funder in funders:
            for target in targets:
                yield _fact(ctx, "FINANCES", funder.id, target, "financing-from", 0.8,
                            amount_sek=amounts[0].sek if len(funders) == 1 and amounts else None,
                            instrument=ctx.instrument())


# --- LEADS -------------------------------------------------------------------------------
LED_BY = re.compile(r"(?i)\b(?:drivs|drevs|leds|leddes|ägs|samordnas|koordineras)\s+av\b|\bprojektägare\s+(?:är\s+)?")
LEADS_VERB = re.compile(r"(?i)\b(?:ansvarar\s+för|driver|drev|leder|ledde|samordnar|sammankallar|bjuder\s+in|äger|håller\s+i|är\s+sammankallande\s+(?:för|till)|är\s+projektägare\s+(?:för|till)?)")
LEAD_OBJECT_GAP = re.compile(r"^\s*(?:(?:ett|en|det|de|den|tre|två|fyra|projektet|nätverket|programmet|arbetet med)\s+)*$")
OWNER_AFTER = re.compile(r"(?i)\b(?:projektägare|projektägaren|huvudman|projektledare)\b")
IN_REGI = re.compile(r"\bi\s+(\w+?)s?\s+regi\b")


def led_by(ctx: Context) -> Iterator[Fact]:
    """"projektet FRAM 2.0 som drivs av Intresseföreningen Fjällvärlden"."""
    for m in LED_BY.finditer(ctx.text):
        targets = ctx.initiatives_before(m.start())[-1:] or _listed(ctx.contextual_initiative())
        for leader in ctx.run_after(m.end()):
            for target in targets:
                yield _fact(ctx, "LEADS", leader.id, target, "led-by", 0.85)


def leads_verb(ctx: Context) -> Iterator[Fact]:
    """"Region X ansvarar för ett turismnätverk", "… som länsstyrelsen är sammankallande för"."""
    for m in LEADS_VERB.finditer(ctx.text):
        leaders = ctx.run_before(m.start())
        if not leaders:
            preceding = [a for a in ctx.actors if a.end <= m.start()]
            between = ctx.text[preceding[-1].end : m.start()] if preceding else ""
            if preceding and re.fullmatch(r"\s*(?:\w+\s+){0,2}", between):
                leaders = [preceding[-1]]
        if not leaders:
            continue
        after = [i.id for i in ctx.initiatives if i.start >= m.end() and LEAD_OBJECT_GAP.match(ctx.text[m.end() : i.start])][:1]
        targets = after or [
            i for i in ctx.initiatives_before(leaders[0].start)[-1:]
            if re.search(r"\bsom\s*$", ctx.text[: leaders[0].start])
        ]
        for leader in leaders:
            for target in targets:
                yield _fact(ctx, "LEADS", leader.id, target, "leads-verb", 0.8)
    for m in OWNER_AFTER.finditer(ctx.text):
        owners = [a for a in ctx.actors if a.end <= m.start() and not ctx.text[a.end : m.start()].strip()]
        for owner in owners[-1:]:
            for target in [i.id for i in ctx.initiatives] or _listed(ctx.contextual_initiative()):
                yield _fact(ctx, "LEADS", owner.id, target, "project-owner", 0.85)
    for m in IN_REGI.finditer(ctx.text):
        leaders = [a for a in ctx.actors if a.start <= m.start(1) < a.end + 2]
        for leader in leaders:
            for target in ctx.initiatives_after(m.end()) or ctx.initiatives_before(m.start()):
                yield _fact(ctx, "LEADS", leader.id, target, "in-regi", 0.75)


# --- PARTICIPATES_IN and MEMBER_OF --------------------------------------------------------
PARTICIPATES = re.compile(
    r"(?i)\b(?:deltar|deltog|deltagit|medverkar|medverkade|medverkat|ingår|ingick|är\s+med|är\s+aktiva|är\s+aktiv|"
    r"är\s+representerade|är\s+representerad|finns\s+representerade|sitter|är\s+medlem(?:mar)?)\b"
)
COLLECTIVE_CONTAINERS = ("network_council", "cluster")


REPRESENTATIVES_FROM = re.compile(r"\s*representanter\s+från\s+")
INITIATIVE_ANAPHORA = re.compile(r"^\s*I\s+(?:projektet|satsningen|programmet|förstudien|nätverket)\b")
CONTAINER_ANAPHORA = re.compile(r"\b[Ii]\s+(?:rådet|nätverket|styrelsen|gruppen|forumet|klustret)\b")
PARTICIPATION_GAP = re.compile(
    r"^\s*(?:[a-zåäö]+\s+){0,3}?(?:i|på|inom)\s+(?:(?:det|den|de|ett|en)\s+)?"
    r"(?:projektet|nätverket|programmet|satsningen|förstudien|arbetet\s+med|referensgruppen\s+för\s+projektet)?\s*$"
)


def participates(ctx: Context) -> Iterator[Fact]:
    """"Region X deltar i Partnerskapet …", "… där samtliga kommuner samt länsstyrelsen är aktiva",
    "är representerade i styrelsen för A och B", "I rådet ingår A, B och C" (members of a council)."""
    for m in PARTICIPATES.finditer(ctx.text):
        subjects = ctx.run_before(m.start())
        members = subjects + [a for a in ctx.run_after(m.end()) if a.id not in {s.id for s in subjects}]
        if not members:
            frm = REPRESENTATIVES_FROM.match(ctx.text, m.end())
            members = ctx.run_after(frm.end()) if frm else []
        if not members:
            continue
        member_ids = {x.id for x in members}
        if not subjects and INITIATIVE_ANAPHORA.search(ctx.text[: m.start()]):
            # "I projektet (X) deltar A, B och C"
            named = ctx.initiatives_before(m.start())[-1:] or _listed(ctx.contextual_initiative() or ctx.previous_initiative)
            for x in members:
                for target in named:
                    yield _fact(ctx, "PARTICIPATES_IN", x.id, target, "participants-listed", 0.8)
            continue
        if CONTAINER_ANAPHORA.search(ctx.text) and ctx.previous_council and ctx.previous_council not in member_ids:
            for x in members:
                yield _fact(ctx, "MEMBER_OF", x.id, ctx.previous_council, "member-of-council", 0.75)
            continue
        target = next((i for i in ctx.initiatives if i.start >= m.end() and PARTICIPATION_GAP.match(ctx.text[m.end() : i.start])), None)
        if target and subjects:
            for s in subjects:
                yield _fact(ctx, "PARTICIPATES_IN", s.id, target.id, "participates", 0.8)
            continue
        membership = m.group().lower().startswith("är medlem")  # "är medlem i X": any organisation
        containers = [a for a in ctx.actors if a.start >= m.end() and a.id not in member_ids
                      and (membership or ctx.actor_type(a.id) in COLLECTIVE_CONTAINERS)]
        if containers:
            for container in ctx.run_after(containers[0].start):
                for s in members:
                    yield _fact(ctx, "MEMBER_OF", s.id, container.id, "member-of", 0.8)
            continue
        before = ctx.initiatives_before(subjects[0].start)[-1:] if subjects else []
        if before and re.search(r"\b(?:där|som|i vilket|i vilken)\b", ctx.text[: subjects[0].start][-40:]):
            for s in subjects:
                yield _fact(ctx, "PARTICIPATES_IN", s.id, before[0], "participates", 0.75)


# --- COLLABORATES_WITH ------------------------------------------------------------------------
COLLABORATES = re.compile(
    r"(?i)\b(?:i\s+)?(?:(?:samverkan|samverkanen|samarbete|samarbetet|dialog|dialogen|samråd|samrådet|utbyte|utbytet)(?:\s+[a-zåäö]+){0,2}?|"
    r"samverkar|samverka|samverkat|samarbetar|samarbeta|samarbetat|partnerskap|"
    r"tillsammans|kontakt|möten|gemensamt|\w+samverkan|\w+samarbete|samverkansprojekt|samarbetsprojekt)\s+med\b"
    r"|\b(?:input|synpunkter|inspel)\s+(?:\w+\s+){0,2}?från\b"
)
COLLABORATE_PAIR = re.compile(
    r"(?i)\b(?:samverkar|samarbetar|samverkade|samarbetade|har\s+samverkat|har\s+samarbetat)\b(?!\s+med)"
    r"|\b(?:en\s+)?(?:nära|tät|god|aktiv|gemensam)\s+(?:samverkan|samarbete)\b(?!\s+med)"
    r"|\bhar\s+tecknat\s+(?:ett\s+|en\s+)?(?:\w+)?(?:avtal|överenskommelse|avsiktsförklaring)\b"
)
IMPERSONAL = re.compile(r"(?i)\b(?:sker|skett|skedde)\b")
IN_COLLABORATION = re.compile(r"(?i)\bi\s+(?:samverkan|samarbete)\s+med\b")
BETWEEN = re.compile(r"(?i)\b(?:samverkan|samarbete|samarbetet|dialog)\s+mellan\b")


def _area(ctx: Context) -> str | None:
    return ctx.initiatives[0].text if ctx.initiatives else None


def collaborates(ctx: Context) -> Iterator[Fact]:
    """"samverkan med Trafikverket", "tillsammans med länsstyrelsen", "X och Y samverkar i …",
    "samverkan mellan X och Y"; without a named subject the reporting region is the party."""
    area = _area(ctx)
    for m in COLLABORATES.finditer(ctx.text):
        partners = ctx.run_after(m.end())
        if not partners:
            continue
        subjects = ctx.run_before(m.start())
        if subjects and IMPERSONAL.search(ctx.text[subjects[-1].end : m.start()]):
            subjects = []  # "… som X håller i sker samverkan med Y": X is not the party
        implicit = not subjects
        if implicit and ctx.region_id:
            subjects = [Mention(ctx.region_id, "actor", 0, 0, "")]
        for s in subjects:
            for p in partners:
                yield _fact(ctx, "COLLABORATES_WITH", s.id, p.id, "collaborates-with",
                            0.7 if implicit else 0.85, area=area)
    for m in COLLABORATE_PAIR.finditer(ctx.text):
        group = ctx.run_before(m.start())
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                yield _fact(ctx, "COLLABORATES_WITH", a.id, b.id, "collaborate-pair", 0.85, area=area)
        joint = next((i for i in ctx.initiatives if i.start >= m.end() and PARTICIPATION_GAP.match(ctx.text[m.end() : i.start])), None)
        for a in group if joint else []:
            yield _fact(ctx, "PARTICIPATES_IN", a.id, joint.id, "collaborate-in", 0.8)
    for m in IN_COLLABORATION.finditer(ctx.text):
        # "I samverkan med X har projektet Y bedrivits": X takes part in Y.
        if ctx.run_before(m.start()):
            continue
        for partner in ctx.run_after(m.end()):
            for target in ctx.initiatives_after(partner.end)[:1]:
                yield _fact(ctx, "PARTICIPATES_IN", partner.id, target, "in-collaboration", 0.75)
    for m in BETWEEN.finditer(ctx.text):
        group = ctx.run_after(m.end())
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                yield _fact(ctx, "COLLABORATES_WITH", a.id, b.id, "collaboration-between", 0.85, area=area)


RULES: list[Callable[[Context], Iterator[Fact]]] = [
    financed_by,
    financed_together,
    finances_active,
    cofinance_answer,
    organisation_grant,
    funding_amount,
    granted_amount,
    named_funders,
    financing_from,
    led_by,
    leads_verb,
    participates,
    collaborates,
]


def extract_facts(ctx: Context) -> list[Fact]:
    facts = []
    for rule in RULES:
        facts += [f for f in rule(ctx) if f is not None]
    return facts
