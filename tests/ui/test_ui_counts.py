"""One definition of what the app counts as a relation (graph.schema.count_relations): the
upload message, the sources table, the removal message and the sidebar give the same
figures for the same store, and say "1 relation" / "2 relationer"."""
from __future__ import annotations

import re

from samverkan.graph.schema import SCHEMA, count_relations
from samverkan.ui import labels
from ui_helpers import DATA, PAGES, assert_clean, texts, widget

RELATIONS = re.compile(r"(\d+) (relation|relationer)\b")


def relations_in(text: str) -> int:
    found = RELATIONS.findall(text)
    assert len(found) == 1, text
    n, word = found[0]
    assert word == ("relation" if n == "1" else "relationer"), text  # number agreement
    return int(n)


def sidebar_relations(at) -> int:
    return relations_in(next(c for c in texts(at.sidebar.caption) if "dokument ·" in c))


def test_a_relation_is_what_the_network_draws():
    kinds = SCHEMA.relation_types()
    assert "PART_OF" not in kinds and "MENTIONED_IN" not in kinds  # bookkeeping links to sections
    assert {"FINANCES", "COLLABORATES_WITH", "PARTICIPATES_IN", "LEADS", "MEMBER_OF"} <= set(kinds)
    assert list(kinds) == labels.network_rel_types()
    assert count_relations({"FINANCES": 3, "MENTIONED_IN": 40, "PART_OF": 9, "LEADS": 1}) == 4


def test_upload_table_removal_and_sidebar_agree(fresh_app):
    from samverkan.graph.store import open_store

    at = fresh_app("kallor")
    with open_store("embedded", path=fresh_app.store_path, create=False, read_only=True) as store:
        before = store.counts()["relations"]
    assert sidebar_relations(at) == before
    table = at.dataframe[0].value
    assert int(table["Relationer"].sum()) == before  # one report: its row is the whole store

    content = (DATA / "region_jamtland_excerpt.txt").read_bytes()
    widget(at, "file_uploader", "src_upload").set_value(("region_jamtland_excerpt.txt", content, "text/plain"))
    at.run()
    widget(at, "button", "src_load").click().run()
    assert_clean(at)
    added = relations_in(next(s for s in texts(at.success) if "är inläst" in s))
    assert added > 0

    at.switch_page(PAGES["kallor"]).run()
    table = at.dataframe[0].value
    assert len(table) == 2
    new_doc = next(k for k in (b.key for b in at.button) if k.startswith("src_drop_") and "vastmanland" not in k)
    assert sorted(int(n) for n in table["Relationer"]) == sorted([before, added])  # the table says what the upload said
    assert sidebar_relations(at) == before + added == int(table["Relationer"].sum())
    with open_store("embedded", path=fresh_app.store_path, create=False, read_only=True) as store:
        assert store.counts()["relations"] == before + added

    widget(at, "button", new_doc).click().run()
    widget(at, "button", "src_confirm").click().run()
    assert_clean(at)
    removed = relations_in(next(s for s in texts(at.success) if "är borttagen" in s))
    assert removed == added
    assert sidebar_relations(at) == before and int(at.dataframe[0].value["Relationer"].sum()) == before


def test_count_words_agree_in_number():
    from samverkan.ui.sources import Ingested

    one = Ingested("d", "T", actors=1, initiatives=1, relationships=1, written={}).message()
    assert "1 aktör," in one and "1 insats " in one and "1 relation med" in one
    many = Ingested("d", "T", actors=2, initiatives=3, relationships=4, written={}).message()
    assert "2 aktörer," in many and "3 insatser " in many and "4 relationer med" in many
