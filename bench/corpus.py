"""A synthetic corpus of yearly reports ("Återrapportering", sections 1.1–5.1) for benchmarks.

    python bench/corpus.py OUTDIR --regions 21 --years 10 [--seed 7] [--first-year 2014]

writes one report per region and year, `<region id>-aterrapportering-<year>.txt`, 20–60 kB
each like the real ones. Every report carries the metadata the loader reads from its first
lines (the region's name, "Återrapportering <year>", a diarienummer) and the template's
chapters with their guidance; section 3.1–3.5 answers the template's three questions with
sentences about collaboration, co-financing, leadership and participation in several Swedish
phrasings, and the other sections are padded with plausible prose.

Actors come from the gazetteer data (data/gazetteer/actors.csv): the region, its county
board and municipalities, state agencies (the first ones of the file more often, so some
agencies work in nearly every region), universities, research institutes, regional business
support, clusters, science parks, EU programmes. Companies are made up from the names of the
region's municipalities ("<place> <trade> AB"); no actor name is written in this file.

A region's initiatives live over years: each starts in some year and ends a few years later,
so consecutive reports of one region share some initiatives and partners, gain some and lose
some (a diff of two years is not trivial). Every region has the initiative
COMMON_INITIATIVE (without project id, so it is one node per region), and a few projects are
shared with the next region under one Nyps id (one node across regions). The same seed gives
the same corpus, byte for byte.
"""
from __future__ import annotations

import argparse
import csv
import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ACTORS_CSV = ROOT / "data" / "gazetteer" / "actors.csv"

# --- word material (no actor names) --------------------------------------------------------
PREFIXES = ["Smart", "Grön", "Digital", "Hållbar", "Framtidens", "Cirkulär", "Innovativ", "Attraktiv",
            "Modern", "Robust", "Levande", "Effektiv", "Öppen", "Ny", "Stark"]
CORES = ["Industri", "Besöksnäring", "Energi", "Kompetens", "Service", "Logistik", "Livsmedelsproduktion",
         "Vätgasekonomi", "Skogsnäring", "Landsbygd", "Välfärdsteknik", "Tillverkning", "Kulturnäring",
         "Omställning", "Export", "Turism", "Byggnation", "Materialutveckling", "Mobilitet", "Handel"]
SUFFIXES = ["2.0", "2030", "Plus", "Lyft", "Arena", "Hubb", "Labb", "Nod", "Akademi", "Accelerator"]
NOUNS = ["projektet", "projektet", "projektet", "förstudien", "satsningen", "förprojektet"]
TRADES = ["Mekaniska", "Energi", "Träteknik", "Livsmedel", "Biogas", "Logistik", "Fastigheter", "Elektronik",
          "Gjuteri", "Plast", "Verkstäder", "Data", "Bygg", "Fiber", "Miljöteknik", "Kraft"]
COMMON_INITIATIVE = "Regional Medborgarpanel"  # in every region, no project id: one node per region

TOPICS = {
    "3.1": ["den regionala livsmedelsstrategin", "landsbygdsutvecklingen", "klimat- och energistrategin",
            "kompetensförsörjningen i de gröna näringarna", "bredbandsutbyggnaden", "krisberedskapen",
            "vattenförsörjningen", "integrationsfrågorna", "den fysiska planeringen", "naturturismen"],
    "3.2": ["den regionala transportplanen", "energiomställningen i industrin", "kompetensförsörjningen",
            "smart specialisering", "innovationsfrämjandet", "digitaliseringen av små företag",
            "arbetsmarknadsfrågorna", "tillgången till kommersiell service", "forskningsfinansieringen",
            "exportfrämjandet", "skogens roll i omställningen"],
    "3.3": ["näringslivsutvecklingen", "den kommunala översiktsplaneringen", "kollektivtrafiken",
            "besöksnäringen", "kompetensförsörjningen", "etableringen av lärcentrum", "bostadsförsörjningen",
            "företagsklimatet", "landsbygdens service", "destinationsutvecklingen"],
    "3.4": ["forskning och innovation", "entreprenörskap bland unga", "den sociala ekonomin",
            "kompetensförsörjningen", "folkbildningen", "internationaliseringen", "företagsrådgivningen",
            "riskkapitalförsörjningen", "innovationsstödsystemet"],
    "3.5": ["industrins omställning", "kompetensbehoven i näringslivet", "exportfrämjande insatser",
            "digitaliseringen av tillverkningsindustrin", "besöksnäringens utveckling", "energieffektivisering",
            "generationsskiften i små företag", "investeringsfrämjandet"],
}
RESULTS = ["fler företag har fått rådgivning", "samordningen mellan aktörerna har förbättrats",
           "fler unga har startat företag", "kunskapsunderlaget för regionens prioriteringar har stärkts",
           "nya samarbeten mellan lärosäten och näringsliv har etablerats", "fler ansökningar om nationella medel har beviljats",
           "kompetensförsörjningen i länet har stärkts", "företagens exportförmåga har ökat",
           "energianvändningen i de deltagande företagen har minskat", "tillgången till service på landsbygden har förbättrats",
           "ett gemensamt underlag för prioriteringar har tagits fram", "antalet gästnätter har ökat"]

PROSE = [
    "{region} har under {year} arbetat vidare med genomförandet av den regionala utvecklingsstrategin, som pekar ut {theme} som ett av de områden där länet har störst möjligheter att växa.",
    "Arbetet utgår från de analyser som tagits fram under året och från dialogen med länets kommuner, där {theme} har lyfts fram som en gemensam prioritering.",
    "Utmaningarna i {county} skiljer sig mellan länets delar: tätorterna växer medan flera mindre orter har en åldrande befolkning och en vikande tillgång till service.",
    "Under året har den regionala utvecklingsnämnden fattat beslut om en rad insatser inom {theme}, med särskilt fokus på små och medelstora företag.",
    "Insatserna följs upp genom regionens uppföljningssystem, där varje beslut kopplas till de mål som satts i strategin och till indikatorer för {theme}.",
    "En viktig lärdom från tidigare år är att insatser inom {theme} behöver vara långsiktiga och förankrade hos de aktörer som ska bära dem vidare.",
    "Länets näringsliv domineras av ett fåtal branscher, vilket gör regionen sårbar för konjunktursvängningar; arbetet med {theme} syftar till att bredda basen.",
    "De inomregionala skillnaderna i sysselsättning och utbildningsnivå är fortsatt stora, och regionen har därför riktat en del av anslaget till de kommuner som har svagast utveckling.",
    "Anslaget 1:1 Regionala tillväxtåtgärder har fördelats i enlighet med de prioriteringar som fastställts, och merparten av medlen har gått till insatser inom {theme}.",
    "Regionen har även använt egna medel för att komplettera de statliga anslagen, så att fler insatser inom {theme} har kunnat genomföras.",
    "Hållbarhetsperspektivet integreras i alla beslut om regionala tillväxtmedel genom en gemensam bedömningsmall som prövar ekologisk, social och ekonomisk hållbarhet.",
    "Arbetet med jämställd regional tillväxt har under året handlat om att analysera hur tillväxtmedlen fördelas mellan kvinnor och män och att föra in resultaten i beslutsunderlagen.",
    "Integration och mångfald är en del av kompetensförsörjningsarbetet, där regionen särskilt uppmärksammar utrikes föddas väg till arbete och företagande.",
    "Den regionala handlingsplanen för klimat och miljö har följts upp, och flera av åtgärderna inom {theme} bidrar till att minska utsläppen från transporter och industri.",
    "Regionen har genomfört en uppföljning av hur de regionala tillväxtmedlen har bidragit till målen i strategin, och resultaten redovisas för den politiska ledningen.",
    "Analyserna visar att efterfrågan på arbetskraft med yrkesutbildning ökar, samtidigt som antalet sökande till flera utbildningar minskar.",
    "Tillgången till bredband av hög kapacitet har förbättrats i länet, men i glest befolkade områden återstår betydande behov av utbyggnad.",
    "Den kommersiella servicen på landsbygden har stöttats genom stöd till dagligvarubutiker och genom att utveckla servicepunkter i mindre orter.",
    "Det internationella arbetet har inriktats på att stärka länets deltagande i europeiska samarbetsprogram och på att dra nytta av erfarenheter från andra regioner i Europa.",
    "Under {year} har arbetet präglats av omställningen i industrin och av behovet att säkra tillgången till kompetens och förnybar energi.",
    "En särskild utmaning är att nå ut till de företag som inte tidigare har tagit del av det offentliga främjandesystemet, framför allt inom {theme}.",
    "Regionen har också arbetat med att förbättra kunskapsunderlaget genom att sammanställa statistik om näringsliv, befolkning och arbetsmarknad i länets kommuner.",
    "Utvärderingen av tidigare insatser visar att de mest framgångsrika projekten har haft en tydlig mottagare av resultaten och en plan för hur arbetet ska fortsätta efter projekttiden.",
    "De regionala validerings- och yrkesutbildningsinsatserna har samordnats med länets kommuner, och fler platser inom regionalt yrkesvux har kunnat erbjudas.",
    "Lärcentrum i flera av länets kommuner gör det möjligt att studera på distans, vilket är särskilt viktigt för dem som bor långt från en högskoleort.",
]
THEMES = ["innovation och företagande", "kompetensförsörjning", "attraktiva miljöer och tillgänglighet",
          "den gröna omställningen", "digitalisering", "internationalisering", "besöksnäringen",
          "landsbygdsutveckling", "cirkulär ekonomi", "smart specialisering"]

CHAPTERS = {
    "1": "Återrapportering 1 – Regionalt tillväxtarbete",
    "2": "Återrapportering 2 – Fördelning av anslag 1:1 Regionala tillväxtåtgärder",
    "3": "Återrapportering 3 - Samverkan med andra aktörer",
    "4": "Återrapportering 4 – Hållbarhet i det regionala tillväxtarbetet",
    "5": "Återrapportering 5 – Arbetet med att analysera, följa upp och utvärdera det regionala tillväxtarbetet",
}
PROSE_SECTIONS = {
    "1": [("1.1", "Det regionala utvecklingsansvaret"), ("1.1.1", "Den regionala utvecklingsstrategin"),
          ("1.1.2", "Utmaningar"), ("1.2", "Innovation och företagande"), ("1.2.1", "Innovation"),
          ("1.2.2", "Företagande och entreprenörskap"), ("1.3", "Attraktiva miljöer och tillgänglighet"),
          ("1.3.3", "Bredbandsutbyggnad"), ("1.4", "Kompetensförsörjning"),
          ("1.4.1", "Regionalt kompetensförsörjningsarbete"), ("1.5", "Internationellt samarbete")],
    "2": [],
    "4": [("4.1", "Hållbarhetsintegrering i det regionala tillväxtarbetet"), ("4.2", "Jämställd regional tillväxt"),
          ("4.3", "Integration och mångfald"),
          ("4.4", "Regionala handlingsplanen för att integrera och stärka klimat- och miljöperspektiven")],
    "5": [("5.1", "Genomförda analyser, uppföljningar och utvärderingar")],
}
SECTION3 = {
    "3.1": ("Samverkan med länsstyrelsen", "länsstyrelsen"),
    "3.2": ("Samverkan med andra statliga myndigheter", "andra statliga myndigheter"),
    "3.3": ("Samverkan med kommuner", "kommuner"),
    "3.4": ("Samråd med organisationer", "organisationer"),
    "3.5": ("Samråd med näringsliv", "näringsliv"),
}
DNR_PREFIXES = ["RUN", "RS", "RD", "RU", "TVN", "RJL"]


# --- the gazetteer's actors ----------------------------------------------------------------
@dataclass(frozen=True)
class Actor:
    name: str
    type: str
    counties: tuple[str, ...]


def read_actors(path: Path = ACTORS_CSV) -> list[Actor]:
    with open(path, encoding="utf-8", newline="") as handle:
        return [Actor(row["name"], row["type"], tuple(c for c in (row["county"] or "").split("|") if c))
                for row in csv.DictReader(handle)]


def _weighted_sample(rng: random.Random, items: list, k: int, decay: float = 4.0) -> list:
    """k distinct items, the earlier ones in the list more likely (1 / (1 + i/decay))."""
    pool = list(items)
    out = []
    while pool and len(out) < k:
        weights = [1 / (1 + i / decay) for i in range(len(pool))]
        out.append(pool.pop(rng.choices(range(len(pool)), weights)[0]))
    return out


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " och " + names[-1]


def _amount(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return f"{rng.randrange(2, 40) * 50:,} 000 kronor".replace(",", " ")
    value = f"{rng.randrange(5, 90) / 10:.1f}".replace(".", ",")
    return f"{value} {rng.choice(['miljoner kronor', 'mnkr'])}"


# --- a region's history --------------------------------------------------------------------
@dataclass
class Initiative:
    name: str
    noun: str
    section: str
    start: int
    end: int
    funders: list[str]
    lead: str
    participants: list[str] = field(default_factory=list)
    nyps: str | None = None

    def label(self) -> str:
        return f"{self.name} (Nyps {self.nyps})" if self.nyps else self.name


@dataclass
class Partner:
    name: str
    section: str
    start: int
    end: int
    topic: str


@dataclass
class Region:
    name: str
    county: str
    index: int
    pools: dict[str, list[str]]
    initiatives: list[Initiative] = field(default_factory=list)
    partners: list[Partner] = field(default_factory=list)


@dataclass(frozen=True)
class Report:
    """What was written: the file and what the text states (for tests and benchmarks)."""
    path: Path
    region: str
    year: int
    diarienr: str
    cofinanced: tuple[str, ...]  # names of the initiatives co-financed in section 3
    partners: tuple[str, ...]


class Corpus:
    def __init__(self, regions: int = 21, years: int = 10, seed: int = 7, first_year: int = 2014,
                 actors_csv: Path = ACTORS_CSV):
        actors = read_actors(actors_csv)
        all_regions = [a for a in actors if a.type == "region"]
        if not 1 <= regions <= len(all_regions):
            raise ValueError(f"regions: 1 to {len(all_regions)}")
        self.seed, self.first_year, self.years = seed, first_year, list(range(first_year, first_year + years))
        self.actors = actors
        self.regions = [self._region(i, r) for i, r in enumerate(all_regions[:regions])]
        self._share_projects()

    # pools of partners per section of chapter 3
    def _region(self, index: int, region: Actor) -> Region:
        rng = random.Random(f"{self.seed}:pools:{region.name}")
        county = region.counties[0]
        of = lambda *types: [a for a in self.actors if a.type in types]  # noqa: E731
        local = lambda *types: [a.name for a in of(*types) if county in a.counties]  # noqa: E731
        national = lambda *types: [a.name for a in of(*types) if not a.counties]  # noqa: E731
        municipalities = local("municipality")
        places = [m.removesuffix(" kommun").removesuffix(" stad") for m in municipalities]
        companies = sorted({f"{rng.choice(places)} {trade} AB" for trade in rng.sample(TRADES, 7)})
        companies += rng.sample(national("company"), 1)
        pools = {
            "3.1": local("county_board"),
            "3.2": _weighted_sample(rng, national("state_agency"), 10),
            "3.3": rng.sample(municipalities, min(len(municipalities), 8)),
            "3.4": (rng.sample(national("university"), 2)[:2] + _weighted_sample(rng, national("university"), 1)
                    + rng.sample(national("research_institute"), 2) + local("business_support", "cluster",
                                                                          "incubator_science_park")[:5]
                    + rng.sample(national("civil_society", "network_council"), 2)
                    + rng.sample(local("eu_fund_programme") or national("eu_fund_programme"), 1)),
            "3.5": companies + local("cluster")[:2],
        }
        pools["3.4"] = list(dict.fromkeys(pools["3.4"]))
        return Region(region.name, county, index, pools)

    def _history(self, region: Region) -> None:
        rng = random.Random(f"{self.seed}:history:{region.name}")
        short = region.county.removesuffix(" län").removesuffix("s") if rng.random() < 0.5 else ""
        used: set[str] = set()
        nyps_used: set[str] = set()

        def new_name() -> str:
            for _ in range(100):
                parts = [rng.choice(PREFIXES), rng.choice(CORES)]
                if rng.random() < 0.35:
                    parts.append(rng.choice(SUFFIXES))
                elif rng.random() < 0.3 and short:
                    parts.append(short)
                name = " ".join(parts)
                if name not in used:
                    used.add(name)
                    return name
            raise RuntimeError("out of initiative names")

        def new_initiative(start: int) -> Initiative:
            section = rng.choices(list(SECTION3), [1, 3, 3, 3, 2])[0]
            pool = region.pools[section]
            k = min(len(pool), rng.choice([1, 1, 2, 2, 3]))
            funders = rng.sample(pool, k)
            if rng.random() < 0.45 or len(funders) == 1:
                funders.insert(rng.randrange(len(funders) + 1), region.name)
            others = [p for pool_ in region.pools.values() for p in pool_ if p not in funders]
            participants = rng.sample(others, rng.choice([0, 0, 1, 2]))
            lead = rng.choice([f for f in funders if f != region.name] or funders)
            nyps = None
            if rng.random() < 0.35:
                while nyps is None or nyps in nyps_used:
                    nyps = f"{start}{region.index:02d}{rng.randrange(10, 99)}"  # unique across regions
                nyps_used.add(nyps)
            return Initiative(new_name(), rng.choice(NOUNS), section, start, start + rng.choice([0, 1, 1, 2, 2, 3, 4]),
                              funders, lead, participants, nyps)

        first, last = self.years[0], self.years[-1]
        for start in range(first - 3, last + 1):
            for _ in range(rng.randint(3, 6) if start >= first else rng.randint(2, 4)):
                region.initiatives.append(new_initiative(start))
        common = new_initiative(first - 1)
        used.discard(common.name)
        common.name, common.nyps, common.end, common.noun = COMMON_INITIATIVE, None, last + 1, "satsningen"
        region.initiatives.append(common)
        for section, pool in region.pools.items():
            for name in pool:
                start = rng.choice([first - 5, first - 2, first, first + rng.randrange(len(self.years))])
                span = rng.choice([2, 4, 6, 10, 20])
                region.partners.append(Partner(name, section, start, start + span, rng.choice(TOPICS[section])))

    def _share_projects(self) -> None:
        for region in self.regions:
            self._history(region)
        if len(self.regions) < 2:
            return
        for region in self.regions:  # a project run with the next region, under one Nyps id
            rng = random.Random(f"{self.seed}:shared:{region.name}")
            neighbour = self.regions[(region.index + 1) % len(self.regions)]
            for project in rng.sample([i for i in region.initiatives if i.nyps], 1):
                neighbour.initiatives.append(Initiative(
                    project.name, project.noun, project.section, project.start, project.end,
                    [neighbour.name, *[f for f in project.funders if f != region.name and f in
                                       neighbour.pools["3.2"] + neighbour.pools["3.4"]], region.name],
                    neighbour.name, [], project.nyps))

    # --- text ----------------------------------------------------------------------------
    def report(self, region: Region, year: int) -> tuple[str, Report]:
        rng = random.Random(f"{self.seed}:text:{region.name}:{year}")
        dnr = f"{rng.choice(DNR_PREFIXES)} {year + 1}/{rng.randrange(10, 999):03d}"
        lines = [region.name, "Regional utveckling", "", "Datum",
                 f"{year + 1}-0{rng.randint(1, 3)}-{rng.randint(10, 28)}", f"Diarienr: {dnr}", "",
                 f"Återrapportering {year} – regionalt tillväxtarbete", "",
                 f"{region.name} lämnar härmed sin återrapportering för {year} om det regionala tillväxtarbetet i "
                 f"{region.county}.", ""]
        themes = rng.sample(THEMES, 4)
        cofinanced: list[str] = []
        partners: list[str] = []
        target = rng.randint(22_000, 55_000)
        chapters: dict[str, list[str]] = {}
        for number in ("1", "2", "3", "4", "5"):
            body: list[str] = []
            if number == "3":
                body.append("Utifrån 5, 8 och 9 §§ lagen om regionalt utvecklingsansvar ska landstingen ge en "
                            "beskrivning av hur samverkan med andra aktörer har bedrivits under året.\n")
                for section in SECTION3:
                    body += self._section3(rng, region, year, section, cofinanced, partners)
            elif number == "2":
                body.append(self._paragraph(rng, region, year, themes, 4))
            else:
                for sec, title in PROSE_SECTIONS[number]:
                    body += [f"{sec} {title}", "", self._paragraph(rng, region, year, themes, rng.randint(3, 6))]
                    body += self._mentions(rng, region, year) if sec in ("1.2", "1.4") else []
            chapters[number] = body
        # pad the prose sections up to the target size (real reports are 20–60 kB)
        size = sum(len(x) + 1 for body in chapters.values() for x in body)
        while size < target:
            number = rng.choice(["1", "1", "4", "5", "2"])
            paragraph = self._paragraph(rng, region, year, themes, rng.randint(4, 7))
            chapters[number].append(paragraph)
            size += len(paragraph) + 1
        for number, body in chapters.items():
            lines += [f"{number} {CHAPTERS[number]}", ""] + [b for x in body for b in (x, "")]
        text = re.sub(r"\n{3,}", "\n\n", "\n".join(_wrap(x) for x in lines)).rstrip() + "\n"
        return text, Report(Path(), region.name, year, dnr, tuple(dict.fromkeys(cofinanced)),
                            tuple(dict.fromkeys(partners)))

    def _paragraph(self, rng: random.Random, region: Region, year: int, themes: list[str], n: int) -> str:
        return " ".join(s.format(region=region.name, year=year, county=region.county, theme=rng.choice(themes))
                        for s in rng.sample(PROSE, n))

    def _mentions(self, rng: random.Random, region: Region, year: int) -> list[str]:
        active = [i for i in region.initiatives if i.start <= year <= i.end]
        out = []
        for initiative in rng.sample(active, min(3, len(active))):
            out.append(f"Inom prioriteringen har {initiative.noun} {initiative.label()} "
                       f"{'startat' if initiative.start == year else 'fortsatt'} under året.")
        return out

    def _section3(self, rng: random.Random, region: Region, year: int, section: str,
                  cofinanced: list[str], partners: list[str]) -> list[str]:
        title, party = SECTION3[section]
        out = [f"{section} {title}",
               f"• Beskriv kortfattat inom vilka områden eller processer som samverkan har skett med {party}.", ""]
        active_partners = [p for p in region.partners if p.section == section and p.start <= year <= p.end]
        rng.shuffle(active_partners)
        for chunk in _chunks(rng, active_partners):
            out.append(_collaboration(rng, region, chunk))
            partners += [p.name for p in chunk]
        if not active_partners:
            out.append(f"Samverkan med {party} har under året skett i de ordinarie forumen för regional utveckling.")
        out += ["", f"• Beskriv kortfattat inom vilka områden gemensam finansiering har skett med {party}.", ""]
        active = [i for i in region.initiatives if i.section == section and i.start <= year <= i.end]
        for initiative in active:
            out.append(_cofinancing(rng, region, initiative, year))
            cofinanced.append(initiative.name)
            if rng.random() < 0.5:
                out.append(_leadership(rng, initiative))
        if not active:
            out.append(f"Ingen gemensam finansiering med {party} har skett under året.")
        out += ["", f"• Ge exempel på resultat som samverkan med {party} har medfört eller förväntas medföra.", ""]
        for initiative in rng.sample(active, min(2, len(active))):
            out.append(f"{initiative.noun.capitalize()} {initiative.name} har bidragit till att {rng.choice(RESULTS)}.")
        out.append(f"Samverkan har lett till att {rng.choice(RESULTS)}.")
        return out + [""]


def _chunks(rng: random.Random, items: list) -> list[list]:
    out, i = [], 0
    while i < len(items):
        n = rng.choice([1, 1, 2, 3])
        out.append(items[i:i + n])
        i += n
    return out


def _collaboration(rng: random.Random, region: Region, chunk: list[Partner]) -> str:
    names, topic = [p.name for p in chunk], chunk[0].topic
    templates = [
        "Vi samverkar med {all} kring {topic}.",
        "{region} och {all} har samverkat kring {topic}.",
        "Inom {topic} har {region} ett nära samarbete med {all}.",
        "Samverkan med {all} sker kontinuerligt kring {topic}.",
        "{region} har tillsammans med {all} arbetat med {topic}.",
    ]
    if len(names) == 1:
        templates.append("Samverkan med {all} har under året främst handlat om {topic}.")
    return rng.choice(templates).format(all=_join(names), topic=topic, region=region.name)


def _cofinancing(rng: random.Random, region: Region, i: Initiative, year: int) -> str:
    funders = list(i.funders)
    rng.shuffle(funders)
    first, rest = funders[0], funders[1:]
    x, noun = i.label(), i.noun
    options = [f"{noun.capitalize()} {x} finansieras av {_join(funders)}.",
               f"{noun.capitalize()} {x} medfinansieras av {_join(funders)} med sammanlagt {_amount(rng)}.",
               f"{_join(funders)} finansierar tillsammans {noun} {x}.",
               f"{noun.capitalize()} {x} finansieras gemensamt av {_join(funders)}."]
    if rest:
        options += [f"{first} har tillsammans med {_join(rest)} finansierat {noun} {x}.",
                    f"{first} har beviljat {_amount(rng)} till {noun} {x}, som även medfinansieras av {_join(rest)}.",
                    f"{_join(funders)} medfinansierar {noun} {x}."]
        if region.name in funders:
            others = [f for f in funders if f != region.name]
            options.append(f"Tillsammans med {_join(others)} har regionen finansierat {noun} {x}.")
    if region.name not in funders:
        options.append(f"{first} beviljade {i.lead} stöd för {noun} {x}." if i.lead != first
                       else f"{first} bidrar med {_amount(rng)} till {noun} {x}.")
    elif len(funders) == 2:
        other = rest[0] if first == region.name else first
        options.append(f"{other} bidrar med {_amount(rng)} till {noun} {x}.")
    if year > i.start and rng.random() < 0.5:
        return f"{rng.choice(options)} Arbetet inleddes {i.start} och fortsätter enligt plan."
    return rng.choice(options)


def _leadership(rng: random.Random, i: Initiative) -> str:
    options = [f"{i.noun.capitalize()} {i.name} drivs av {i.lead}.", f"{i.lead} leder {i.noun} {i.name}.",
               f"{i.lead} är projektägare för {i.name}."]
    if i.participants:
        options.append(f"{_join(i.participants)} deltar i {i.noun} {i.name}.")
    return rng.choice(options)


def _wrap(line: str, width: int = 95) -> str:
    """Re-wrap a long line as PDF-to-text tools do (lines of about `width` characters)."""
    if len(line) <= width:
        return line
    out, current = [], ""
    for word in line.split(" "):
        if current and len(current) + 1 + len(word) > width:
            out.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    return "\n".join(out + [current])


def generate(outdir: Path, regions: int = 21, years: int = 10, seed: int = 7, first_year: int = 2014,
             only: list[tuple[int, int]] | None = None) -> list[Report]:
    """Write the corpus into `outdir`; `only` limits it to (region index, year index) pairs."""
    corpus = Corpus(regions, years, seed, first_year)
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    written = []
    for r, region in enumerate(corpus.regions):
        for y, year in enumerate(corpus.years):
            if only is not None and (r, y) not in only:
                continue
            text, report = corpus.report(region, year)
            slug = region.name.lower().replace(" ", "-")
            for a, b in (("å", "a"), ("ä", "a"), ("ö", "o")):
                slug = slug.replace(a, b)
            path = outdir / f"{slug}-aterrapportering-{year}.txt"
            path.write_text(text, encoding="utf-8")
            written.append(Report(path, report.region, report.year, report.diarienr, report.cofinanced, report.partners))
    return written


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("outdir", type=Path)
    p.add_argument("--regions", type=int, default=21, help="number of regions (1–21, in the gazetteer's order)")
    p.add_argument("--years", type=int, default=10, help="reports per region")
    p.add_argument("--first-year", type=int, default=2014)
    p.add_argument("--seed", type=int, default=7)
    args = p.parse_args(argv)
    reports = generate(args.outdir, args.regions, args.years, args.seed, args.first_year)
    sizes = [r.path.stat().st_size for r in reports]
    print(f"{len(reports)} reports in {args.outdir}: {sum(sizes) / 1e6:.1f} MB, "
          f"{min(sizes) / 1000:.0f}–{max(sizes) / 1000:.0f} kB each")
    return 0


if __name__ == "__main__":
    sys.exit(main())
