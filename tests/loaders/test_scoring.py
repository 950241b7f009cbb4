"""The scorer's strict rule: canonical funders, and targets that name what the text names."""
from samverkan.graph.model import GraphData, Node, Relationship
from samverkan.loaders.scoring import ActorKeys, Passage, names_match, score_passage


def test_target_names_compare_by_word_stems():
    assert names_match(["Förstudie Gröna näringar"], "förstudien Gröna näringar")
    assert names_match(["Regionala serviceprogrammet"], "regionalt serviceprogram / kommersiell service på landsbygden")
    assert names_match(["Exportrådgivare"], "regional exportrådgivare (Exportrådgivare)")  # an alternative in brackets
    assert not names_match(["Projektet"], "Projektet")  # a placeholder names nothing
    assert not names_match(["Insatser inom områden"], "Insatser")
    assert not names_match(["Förädlingsmackapären Gästrikland"], "Förädlingsmackapären")  # another project


def test_funders_resolve_to_canonical_organisations():
    keys = ActorKeys()
    assert keys.key("ERUF") == keys.key("Europeiska regionala utvecklingsfonden")
    assert keys.key("Kista Science City AB") == keys.key("Kista Science City")  # a legal form is no part of the name
    assert keys.key("Länsstyrelsen Värmland") == keys.key("Länsstyrelsen i Värmlands län")


def _graph(*facts):
    g = GraphData()
    for source, rel_type, target in facts:
        g.add_node(Node(source, "Actor", {"name": source, "aliases": []}))
        g.add_node(Node(target, "Initiative", {"name": target, "aliases": []}))
        g.add_relationship(Relationship(f"{source}-{target}", rel_type, source, target, {"method": "test"}))
    return g


def test_a_fact_told_twice_counts_once_right_and_placeholders_count_wrong():
    passage = Passage("p", "", [{"name": "Vinnova"}], [
        {"type": "finances", "from": "Vinnova", "to": "Testbädd Norr"},
        {"type": "finances", "from": "Formas", "to": "Testbädd Norr"},
    ])
    graph = _graph(("vinnova", "FINANCES", "Testbädd Norr"), ("formas", "FINANCES", "Projektet"))
    score = score_passage(passage, graph, ActorKeys())
    t = score.tallies["finances"]
    assert (t.gold, t.predicted, t.right) == (2, 2, 1)
    assert t.missed == ["p: Formas -> Testbädd Norr"]
