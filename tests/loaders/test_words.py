"""The shared lexicon: lemmas from the generated forms table, compounds, voice, word classes."""
import subprocess
import sys

from samverkan.loaders.words import get_lexicon
from samverkan.settings import PROJECT_ROOT

LEX = get_lexicon()


def test_lemmas_of_inflected_forms_and_compounds():
    assert LEX.lemma("medfinansieras") == "medfinansiera"
    assert LEX.lemma("beviljades") == "bevilja"
    assert LEX.lemma("drevs") == "driva"  # an override: the dictionary says "drev"
    assert LEX.lemma("tecknat") == "teckna"  # a regular form the dictionary lacks
    assert LEX.head("pilotprojektet") == "projekt" and LEX.lemma("pilotprojektet") == "pilotprojekt"
    assert LEX.head("yrkesspåret") != "år"  # a short last part is no compound head


def test_word_classes_and_voice():
    assert LEX.is_a("medfinansierar", "finance_verb") and LEX.is_a("finansieras", "finance_verb")
    assert LEX.is_passive("finansieras") and not LEX.is_passive("finansierar")
    assert LEX.is_a("utbildningsinsatsen", "generic_noun") is False or LEX.initiative_kind("utbildningsinsatsen") == "activity"
    assert LEX.is_a("verksamhetsbidrag", "grant_noun")
    assert not LEX.is_a("WATERDRIVE", "lead_verb")  # an acronym is no Swedish word
    assert not LEX.is_a("waterdrive", "lead_verb")  # verbs are not read inside compounds
    assert LEX.initiative_kind("förstudien") == "study" and LEX.initiative_kind("samverkansarena") == "network"


def test_the_forms_table_is_up_to_date():
    """loaders/rules/forms.tsv is generated; a lexicon or rule change needs `python scripts/build_forms.py`."""
    done = subprocess.run([sys.executable, str(PROJECT_ROOT / "scripts" / "build_forms.py"), "--check"])
    assert done.returncode == 0, "loaders/rules/forms.tsv is stale: run python scripts/build_forms.py"
