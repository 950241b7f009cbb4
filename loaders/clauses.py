"""Clauses of a sentence, so that a rule fills its slots from the clause its cue stands in.

"Arvika kommun söker 1,5 miljoner kronor för FEM 2020, som Region Värmland medfinansierar
med 600 000 kronor" is two clauses; the second starts with "som" and points back at the
initiative before it (its antecedent). Split points: ";", "medan", "men", "där", "vilket",
", som", ", och <party>", and "och <party> <verb|amount|för>" after a clause that has a verb
of its own ("Örebro universitet är projektägare och regionen medfinansierar"). A relative
clause ends at a comma before a verb; the main clause then resumes ("I ReproUnion, som drivs
inom programmet Interreg ÖKS, är Lunds universitet Lead Partner").
"""
from __future__ import annotations

from dataclasses import dataclass

from .analysis import Analysis
from .words import Lexicon

CONNECTORS = {"medan", "men", "där", "vilket", "vilka", "eftersom", "varav"}
RELATIVE = {"som", "där", "vilket", "vilka", "varav"}
VERB_CLASSES = ("finance_verb", "grant_verb", "invest_verb", "receive_verb", "contribute_verb", "share_verb",
                "stand_verb", "lead_verb", "participate_verb", "collaborate_verb", "copula", "auxiliary",
                "responsible_verb", "decide_verb", "belong_verb", "sign_verb")


@dataclass(frozen=True)
class Clause:
    start: int  # token index, inclusive
    end: int  # token index, exclusive
    connector: str  # "", "som", "där", "medan", "och", ";", "resume", …
    holes: tuple[tuple[int, int], ...] = ()  # relative clauses inside this one (token ranges)

    def in_hole(self, token: int) -> bool:
        return any(lo <= token < hi for lo, hi in self.holes)

    @property
    def relative(self) -> bool:
        return self.connector in RELATIVE

    def antecedent(self, a: Analysis, kind: str) -> str | None:
        """What a relative clause points back at: the last initiative (or actor) named before it,
        including initiatives the rules found in the clauses before."""
        if not self.relative:
            return None
        char = a.char_of(self.start)
        before = [m for m in (a.initiatives if kind == "initiative" else a.actors) if m.end <= char]
        return before[-1].id if before else None


def is_finite_verb(word: str, lexicon: Lexicon) -> bool:
    lower = word.lower()
    if lower in ("är", "har", "hade", "var", "blir", "blev", "ska", "kan", "kommer", "vill", "får", "fick", "står"):
        return True
    return any(lexicon.is_a(lower, c) for c in VERB_CLASSES) and lexicon.lemma(lower) != lower \
        and not lower.endswith(("ande", "ende"))


def split_clauses(a: Analysis, lexicon: Lexicon) -> list[Clause]:
    tokens = a.tokens
    party_starts = {m.start for m in a.actors} | {p.start for p in a.places}
    party_ends = {m.end for m in a.actors} | {p.end for p in a.places}
    party_spans = [(m.start, m.end) for m in a.actors] + [(p.start, p.end) for p in a.places]
    cuts: list[tuple[int, str]] = [(0, "")]
    in_relative = False

    def has_verb(lo: int, hi: int) -> bool:
        """A verb of its own between lo and hi; words of a name ("Hela Sverige ska leva") are none."""
        return any(is_finite_verb(t.text, lexicon) and not any(s <= t.start < e for s, e in party_spans)
                   for t in tokens[lo:hi])

    in_amount = {k for start, end in a.amount_ends.items() for k in range(start, end)}
    for k, tok in enumerate(tokens):
        w = tok.text.lower()
        if k in in_amount:
            continue  # the comma of "1,2 miljoner kronor"
        prev = tokens[k - 1].text if k else ""
        if tok.text == ";":
            cuts.append((k + 1, ";"))
            in_relative = False
        elif w in CONNECTORS and k > 0 and not (w == "men" and prev.lower() == "bara"):
            cuts.append((k, w))
            in_relative = w in RELATIVE
        elif w == "som" and prev == ",":
            cuts.append((k, "som"))
            in_relative = True
        elif tok.text == "," and in_relative and k + 1 < len(tokens) and (
                is_finite_verb(tokens[k + 1].text, lexicon)
                or (has_verb(cuts[-1][0] + 1, k) and tokens[k + 1].text[:1].islower())) \
                and tokens[k + 1].text.lower() not in CONNECTORS | {"som", "och"}:
            cuts.append((k + 1, "resume"))  # the relative clause has had its verb: the main clause goes on
            in_relative = False
        elif w == "och" and prev == "," and k > 1:
            cuts.append((k, "och"))  # ", och …" joins two clauses
            in_relative = False
        elif w == "och" and k + 1 < len(tokens) and tokens[k + 1].start in party_starts:
            continues = k > 0 and any(e == tokens[k - 1].end for e in party_ends)  # "… av Vinnova och RISE"
            if continues and _list_after_preposition(a, k, party_spans):
                continue  # "finansieras av Tillväxtverket och Lunds universitet med 4,5 mnkr": one list
            only_parties = cuts[-1][1] in ("och", ",") and all(
                any(s <= t.start < e for s, e in party_spans) or t.text.lower() in ("och", ",", "samt")
                for t in tokens[cuts[-1][0] : k])  # "… och Umeå kommun och Skellefteå kommun sammanlagt …"
            # the clause so far has a verb of its own ("…, medan A och B deltar" is one subject),
            # or shares the sentence's verb (", Umeå kommun för X och Luleå kommun för Y")
            own_verb = has_verb(0 if cuts[-1][1] == "," else cuts[-1][0], k) \
                and not _shared_auxiliary(a, cuts[-1][0], k, lexicon)
            if prev == "," or (own_verb and not only_parties
                               and _clause_follows(a, k + 1, lexicon, within_list=not continues)):
                cuts.append((k, "och"))
                in_relative = False
        elif w == "och" and k + 1 in a.amount_ends and has_verb(0, k):
            cuts.append((k, "och"))  # "… 5 mnkr för Kickstart 2 och 9 mnkr för GLOCAL": the same verb, left out
            in_relative = False
        elif tok.text == "," and k + 1 < len(tokens) and tokens[k + 1].start in party_starts \
                and has_verb(0, k) and _clause_follows(a, k + 1, lexicon, gapped_only=True):
            cuts.append((k + 1, ","))  # ", Kalix kommun för Gränshandel 2.0": a clause without its verb
            in_relative = False
    clauses = []
    for n, (start, connector) in enumerate(cuts):
        end = cuts[n + 1][0] if n + 1 < len(cuts) else len(tokens)
        if end <= start:
            continue
        clauses.append(Clause(start, end, connector))
    return _resume(clauses)


def _resume(clauses: list[Clause]) -> list[Clause]:
    """"I ReproUnion, [som drivs inom programmet X,] är A Lead Partner": the main clause goes on
    after its relative clause; it spans both parts, with the relative clause as a hole."""
    out: list[Clause] = []
    for clause in clauses:
        if clause.connector == "resume" and len(out) >= 2 and out[-1].relative:
            relative = out.pop()
            main = out.pop()
            out.append(Clause(main.start, clause.end, main.connector, main.holes + ((relative.start, relative.end),)))
            out.append(relative)
        else:
            out.append(clause)
    return out


def _list_after_preposition(a: Analysis, k: int, party_spans: list[tuple[int, int]]) -> bool:
    """Whether the parties before token k form a list opened by a preposition ("av A, B och …")."""
    pos = a.tokens[k].start
    while True:
        span = next((sp for sp in party_spans if sp[1] <= pos and not a.text[sp[1] : pos].strip(" ,")), None)
        if span is None:
            break
        pos = span[0]
        before = a.text[:pos].rstrip()
        if before.endswith(","):
            pos = len(before) - 1
            continue
        if before.endswith((" och", " samt")):
            pos = len(before) - 4 if before.endswith(" och") else len(before) - 5
            continue
        break
    words = a.text[:pos].split()
    return bool(words) and words[-1].lower() in ("av", "från", "med", "till", "hos", "ur")


AUXILIARIES = {"har", "hade", "ska", "skall", "kan", "kunde", "skulle", "kommer", "vill"}


def _shared_auxiliary(a: Analysis, lo: int, k: int, lexicon: Lexicon) -> bool:
    """"Under året har regionen och länsstyrelsen också delat på …": the clause's only verb so far
    is an auxiliary, and after "och <party>" comes its participle, not a finite verb of its own;
    the two parties are one subject."""
    tokens = a.tokens
    verbs = [t.text.lower() for t in tokens[lo:k] if is_finite_verb(t.text, lexicon)]
    if not verbs or any(v not in AUXILIARIES for v in verbs):
        return False
    ends = {m.end for m in a.actors} | {p.end for p in a.places}
    j = k + 1
    while j < len(tokens) and tokens[j - 1].end not in ends:
        j += 1  # over the party's name
    while j < len(tokens) and tokens[j].text.lower() in lexicon.lists["adverbs"]:
        j += 1
    # a supine ("delat", "finansierat", "beviljat") or an infinitive ("ska … dela")
    return j < len(tokens) and tokens[j].text.islower() and tokens[j].text.isalpha() \
        and tokens[j].text.endswith(("at", "it", "tt", "ts", "a"))


def _clause_follows(a: Analysis, k: int, lexicon: Lexicon, gapped_only: bool = False, within_list: bool = False) -> bool:
    """After a party at token k: its enumeration, then a verb, an amount or "för"/"med"."""
    tokens = a.tokens
    j = k
    party_spans = sorted([(m.start, m.end) for m in a.actors] + [(p.start, p.end) for p in a.places])
    while j < len(tokens):
        span = next((s for s in party_spans if s[0] == tokens[j].start), None)
        if span:
            while j < len(tokens) and tokens[j].start < span[1]:
                j += 1
            continue
        if tokens[j].text == "," or (within_list and tokens[j].text.lower() in ("och", "samt")):
            j += 1
            continue
        break  # "… av Vinnova och RISE och regionen står …": only the last "och" opens the clause
    if j >= len(tokens):
        return False
    w = tokens[j].text.lower()
    if gapped_only:
        return j in a.amount_ends or w in ("för", "sammanlagt", "totalt", "högst")
    return j in a.amount_ends or w in ("för", "med", "själv", "också", "även", "sammanlagt", "totalt") \
        or is_finite_verb(w, lexicon)
