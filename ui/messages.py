"""What the app says when something is refused or fails: the command line's one-line English
messages (samverkan.errors) said in Swedish. No Streamlit here, so tests read it directly; the
pages use it as common.swedish_error / common.swedish_detail."""
from __future__ import annotations

import re

from samverkan.errors import QueryError, StoreError

# The one-line English messages of the command line (samverkan.errors), as the app says them.
# Each pattern comes with an example of what it matches.
_SWEDISH_DETAILS = [
    # "query cofinance_by_section has no parameter doc; it takes: section, docs?"
    (re.compile(r"^query (\S+) has no parameter (.+?); it takes: (.*)$"),
     lambda m: f"frågan {m[1]} har ingen parameter {m[2]}; den tar: {m[3]}"),
    # "query partners_of needs parameter actor (string: an actor id, e.g. "vinnova")"
    (re.compile(r"^query (\S+) needs parameter (\w+).*$"), lambda m: f"frågan {m[1]} behöver parametern ${m[2]}"),
    # "query cofinance_by_section: parameter section wants a section number such as "3.1", got 'x'"
    (re.compile(r"^query (\S+): parameter (\w+) wants (.+), got (.*)$"),
     lambda m: f"parametern ${m[2]} i frågan {m[1]} har fel form: {m[4]}"),
    # "no report 'region-x-2020' in the store; it holds: a, b"
    (re.compile(r"^no report (.+?) in the store; it holds: (.*)$"),
     lambda m: f"rapporten {m[1]} finns inte i grafen; den har: {m[2]}"),
    # "parameter value 'x' is not an integer"
    (re.compile(r"^parameter value (.+) is not an integer$"), lambda m: f"värdet {m[1]} är inte ett heltal"),
    # "unterminated string literal in the query"
    (re.compile(r"^unterminated .* in the query$"), lambda m: "frågan har en sträng, ett `namn` eller en kommentar som inte avslutas"),
    # "empty query"
    (re.compile(r"^empty query$"), lambda m: "frågan är tom"),
    # what a reviewer's decision can be refused for (samverkan/review/service.py)
    (re.compile(r"^a new actor or initiative needs a name$"), lambda m: "en ny aktör eller insats behöver ett namn"),
    (re.compile(r"^a fact needs two different parties$"), lambda m: "en uppgift behöver två olika parter"),
    # "not an amount in kronor: 'tio'"
    (re.compile(r"^not an amount in kronor: (.*)$"), lambda m: f"inte ett belopp i kronor: {m[1]}"),
    (re.compile(r"^an amount cannot be negative$"), lambda m: "ett belopp kan inte vara negativt"),
    (re.compile(r"^nothing to change: the fact already reads so$"), lambda m: "inget att ändra: uppgiften lyder redan så"),
    (re.compile(r"^mark the words in the text that state the fact"), lambda m: "markera orden i texten som säger det (citatet)"),
    # "the quote is not in the text of region-x-2020: 'Regionen bidrar …'"
    (re.compile(r"^the quote is not in the text of (\S+): (.*)$"), lambda m: f"citatet står inte i texten till {m[1]}: {m[2]}"),
    # "finansierar carries no amount"
    (re.compile(r"^(.+) carries no amount$"), lambda m: f"relationen ”{m[1]}” har inget belopp"),
    # "finansierar goes Aktör -> Insats, not Insats -> Aktör"
    (re.compile(r"^(.+) goes (.+), not (.+)$"), lambda m: f"relationen ”{m[1]}” går {m[2]}, inte {m[3]}"),
    (re.compile(r"^only two actors or two initiatives can be merged$"),
     lambda m: "bara två aktörer eller två insatser kan slås ihop"),
    (re.compile(r"^choose two different nodes to merge$"), lambda m: "välj två olika att slå ihop"),
    (re.compile(r"^\w+: a node cannot be merged with itself$"), lambda m: "en nod kan inte slås ihop med sig själv"),
]


def swedish_detail(text: str) -> str:
    """The detail of an error in Swedish where the message is one of ours; the engine's own
    messages (Cypher syntax errors from Neo4j or LadybugDB) are quoted as the engine wrote them."""
    for pattern, say in _SWEDISH_DETAILS:
        m = pattern.match(text.strip())
        if m:
            return say(m)
    return f"Databasens meddelande: {text}"


def swedish_error(exc: BaseException) -> str:
    """A user error in Swedish, with its detail in Swedish (or the engine's own words)."""
    text = str(exc)
    low = text.lower()
    if isinstance(exc, QueryError) and ("read-only query refused" in low or "only one statement" in low):
        return ("Konsolen är skrivskyddad: frågan skulle ändra grafen och kördes inte. "
                "Använd `samverkan build` eller `samverkan load` för att skriva.")
    if "in use by another process" in low:
        return "Lagret används av en annan process (t.ex. ett annat `samverkan`-kommando). Försök igen om en stund."
    if "no embedded store" in low:
        return "Det inbäddade lagret finns inte ännu: bygg det med `samverkan build` eller lägg till en rapport under Källor."
    if isinstance(exc, StoreError):
        return f"Lagret svarar inte eller vägrade. ({swedish_detail(text)})"
    if isinstance(exc, QueryError):
        detail = swedish_detail(text)
        return f"Frågan misslyckades: {detail}" + ("" if detail.endswith(".") else ".")
    return swedish_detail(text)


def is_write_refusal(exc: BaseException) -> bool:
    low = str(exc).lower()
    return isinstance(exc, QueryError) and ("read-only query refused" in low or "only one statement" in low
                                            or "read-only transaction" in low or "read only" in low)
