"""Replay (samverkan.review.replay.apply): each kind of judgement on the bundled report's real
extraction, replay after a rebuild, and a judgement whose quote vanished is reported."""
from __future__ import annotations

import pytest

from samverkan.review import service
from samverkan.review.base import review_extraction
from samverkan.review.judgements import Judgement, ReviewLog, fact_key, latest, rel_fact_key
from samverkan.review.replay import apply

DOC = "region-vastmanland-2019"


@pytest.fixture(scope="module")
def extraction(tmp_path_factory):
    """The bundled report extracted once, with no judgements (an empty reviews directory)."""
    import os

    from samverkan.loaders.pipeline import extract_document
    from samverkan.settings import BUNDLED_REPORT

    old = os.environ.get("SAMVERKAN_REVIEWS")
    os.environ["SAMVERKAN_REVIEWS"] = str(tmp_path_factory.mktemp("no-reviews"))
    try:
        ex = extract_document(BUNDLED_REPORT)
    finally:
        if old is None:
            os.environ.pop("SAMVERKAN_REVIEWS")
        else:
            os.environ["SAMVERKAN_REVIEWS"] = old
    return ex


@pytest.fixture
def base(extraction):
    return extraction.graph.review_bases[DOC]


def rows(base):
    return {r.key: r for r in service.fact_rows(base.graph, DOC, ReviewLog("/nonexistent"))}


def first(base, rel_type: str, section: str = "3.1"):
    return next(r for r in sorted(rows(base).values(), key=lambda r: (r.fact.get("line"), r.key))
                if r.fact["type"] == rel_type and r.section.startswith(section))


def replay(base, *judgements):
    return apply(judgements, base.graph, base.text, base.sentences)


def test_fact_key_is_rule_independent_and_undirected():
    a = fact_key("FINANCES", "x", "y", "En  mening.\n")
    assert a == fact_key("FINANCES", "x", "y", "En mening.") and len(a) == 12
    assert fact_key("COLLABORATES_WITH", "a", "b", "s") == fact_key("COLLABORATES_WITH", "b", "a", "s")
    assert fact_key("FINANCES", "a", "b", "s") != fact_key("FINANCES", "b", "a", "s")


def test_no_judgement_leaves_the_graph_as_it_is(base):
    out, report = replay(base)
    assert out is base.graph and not report.outcomes


def test_accept_marks_the_fact(base):
    row = first(base, "FINANCES")
    out, report = replay(base, service.judge(DOC, row, "accept", base.graph))
    assert out.relationships[row.rel.id].props["review"] == "accepted"
    assert "review" not in base.graph.relationships[row.rel.id].props  # the input is not changed
    assert [o.status for o in report.outcomes] == ["applied"]


def test_reject_removes_the_fact_and_a_later_reset_brings_it_back(base):
    row = first(base, "FINANCES")
    reject = service.judge(DOC, row, "reject", base.graph, why="fel finansiär")
    out, _ = replay(base, reject)
    assert row.rel.id not in out.relationships
    out, _ = replay(base, reject, service.judge(DOC, row, "reset", base.graph))
    assert row.rel.id in out.relationships and "review" not in out.relationships[row.rel.id].props


def test_the_last_judgement_on_a_fact_wins(base):
    row = first(base, "FINANCES")
    out, _ = replay(base, service.judge(DOC, row, "reject", base.graph), service.judge(DOC, row, "accept", base.graph))
    assert out.relationships[row.rel.id].props["review"] == "accepted"


def test_change_moves_the_fact_to_another_funder_and_amount(base):
    row = first(base, "FINANCES")
    j = service.change(DOC, row, base.graph, source="vinnova", amount_sek="1 500 000",
                       created={"vinnova": {"label": "Actor", "name": "Vinnova", "type": "state_agency"}})
    out, report = replay(base, j)
    assert row.rel.id not in out.relationships
    changed = [r for r in out.relationships.values() if r.props.get("review") == "changed"]
    assert len(changed) == 1
    rel = changed[0]
    assert (rel.source, rel.target, rel.props["amount_sek"]) == ("vinnova", row.fact["target"], 1500000)
    assert rel.props["evidence"] == row.fact["evidence"] and rel.props["line"] == row.fact["line"]
    assert out.nodes["vinnova"].name == "Vinnova"
    assert report.outcomes[0].status == "applied"


def test_change_refuses_a_pair_the_schema_does_not_have(base):
    row = first(base, "FINANCES")
    with pytest.raises(Exception, match="finansierar"):
        service.change(DOC, row, base.graph, target="tillvaxtverket")  # an actor is not financed


def test_add_a_missing_fact_at_its_sentence(base):
    row = first(base, "FINANCES")
    quote = row.fact["evidence"][:40]
    j = service.add(DOC, base, base.graph, "PARTICIPATES_IN", row.fact["source"], row.fact["target"], quote)
    out, report = replay(base, j)
    added = [r for r in out.relationships.values() if r.props.get("review") == "added"]
    assert len(added) == 1 and report.outcomes[0].status == "applied"
    rel = added[0]
    assert rel.props["evidence"] == row.fact["evidence"]  # the whole sentence the quote stands in
    assert rel.props["line"] == row.fact["line"] and rel.props["method"] == "review"
    assert rel_fact_key(rel) == j.fact_key  # a later decision on the added fact replaces it


def test_add_refuses_a_quote_that_is_not_in_the_text(base):
    with pytest.raises(Exception, match="not in the text"):
        service.add(DOC, base, base.graph, "FINANCES", "tillvaxtverket", first(base, "FINANCES").fact["target"],
                    "Tillväxtverket finansierar månlandningen.")


def test_merge_moves_edges_and_keeps_the_name_as_alias(base):
    g = base.graph
    keep, other = "tillvaxtverket", "lansstyrelsen-i-vastmanlands-lan"
    before_other = [r for r in g.relationships.values() if other in (r.source, r.target)]
    assert before_other and keep in g.nodes
    out, _ = replay(base, service.merge(DOC, g, keep, other))
    assert other not in out.nodes
    assert g.nodes[other].name in out.nodes[keep].props["aliases"]
    assert not [r for r in out.relationships.values() if other in (r.source, r.target)]
    moved = {(r.type, r.props["line"]) for r in out.relationships.values() if keep in (r.source, r.target)}
    assert {(r.type, r.props["line"]) for r in before_other if r.type != "COLLABORATES_WITH"} <= moved | {
        (r.type, r.props["line"]) for r in before_other if keep in (r.source, r.target)}


def test_split_cancels_the_merge(base):
    g = base.graph
    merge = service.merge(DOC, g, "tillvaxtverket", "lansstyrelsen-i-vastmanlands-lan")
    split = service.split(DOC, g, "tillvaxtverket", g.nodes["lansstyrelsen-i-vastmanlands-lan"].name,
                          {g.nodes["lansstyrelsen-i-vastmanlands-lan"].name: "lansstyrelsen-i-vastmanlands-lan"})
    out, _ = replay(base, merge, split)
    assert "lansstyrelsen-i-vastmanlands-lan" in out.nodes
    assert g.nodes["lansstyrelsen-i-vastmanlands-lan"].name not in out.nodes["tillvaxtverket"].props.get("aliases", [])


def test_rename_keeps_the_id_and_the_old_name_as_alias(base):
    g = base.graph
    out, _ = replay(base, service.rename(DOC, g, "tillvaxtverket", "Verket för tillväxt"))
    node = out.nodes["tillvaxtverket"]
    assert node.name == "Verket för tillväxt" and "Tillväxtverket" in node.props["aliases"]


def test_merge_and_rename_initiatives(base):
    g = base.graph
    inis = sorted(i for i, n in g.nodes.items() if n.label == "Initiative")
    a, b = inis[0], inis[1]
    out, _ = replay(base, service.merge(DOC, g, a, b), service.rename(DOC, g, a, "Nytt namn"))
    assert b not in out.nodes and out.nodes[a].name == "Nytt namn"
    assert g.nodes[b].name in out.nodes[a].props["aliases"]


def test_a_vanished_quote_is_reported_not_dropped(base):
    row = first(base, "FINANCES")
    j = service.judge(DOC, row, "accept", base.graph)
    j.fact["evidence"] = "En mening som inte längre står i rapporten."
    out, report = replay(base, j)
    assert [o.status for o in report.problems] == ["vanished"]
    assert "no longer in the text" in report.problems[0].describe()


def test_an_accepted_fact_the_rules_stop_finding_is_restored(base):
    row = first(base, "FINANCES")
    j = service.judge(DOC, row, "accept", base.graph)
    without = type(base.graph)(documents=base.graph.documents, nodes=dict(base.graph.nodes),
                               relationships={k: v for k, v in base.graph.relationships.items() if k != row.rel.id})
    out, report = apply([j], without, base.text, base.sentences)
    assert out.relationships[row.rel.id].props["review"] == "accepted"
    assert report.outcomes[0].status == "restored"


def test_replay_after_a_rebuild(tmp_path, monkeypatch, base):
    """Judgements in the log are applied by the pipeline itself: a new extraction of the report
    comes out reviewed, and a warning names the judgement that no longer applies."""
    from samverkan.loaders.pipeline import extract_document
    from samverkan.settings import BUNDLED_REPORT

    log = ReviewLog(tmp_path / "reviews")
    reject, accept = first(base, "FINANCES", "3.1"), first(base, "FINANCES", "3.4")
    gone = service.judge(DOC, accept, "accept", base.graph)
    gone.fact = dict(gone.fact, evidence="Denna mening strök författaren.")
    gone.fact_key = "0" * 12
    log.append([service.judge(DOC, reject, "reject", base.graph), service.judge(DOC, accept, "accept", base.graph), gone])
    monkeypatch.setenv("SAMVERKAN_REVIEWS", str(log.directory))
    graph = extract_document(BUNDLED_REPORT).graph
    assert reject.rel.id not in graph.relationships
    assert graph.relationships[accept.rel.id].props["review"] == "accepted"
    assert graph.documents[0]["reviews"] == log.digest(DOC) != "none"
    assert graph.review_bases[DOC].graph.relationships[reject.rel.id]  # the base keeps the extraction


def test_the_pipeline_warns_of_a_vanished_quote(base, capsys, tmp_path):
    row = first(base, "FINANCES")
    j = service.judge(DOC, row, "reject", base.graph)
    j.fact = dict(j.fact, evidence="Borta ur texten.")
    log = ReviewLog(tmp_path)
    log.append([j])
    review_extraction(base.graph, base.text, [], log)
    err = capsys.readouterr().err
    assert "samverkan: warning: review judgement not applied" in err and "no longer in the text" in err


def test_log_is_append_only_and_last_wins(tmp_path, base):
    log = ReviewLog(tmp_path)
    row = first(base, "FINANCES")
    log.append([service.judge(DOC, row, "reject", base.graph, who="anna")])
    log.append([service.judge(DOC, row, "accept", base.graph, who="bo")])
    lines = (tmp_path / f"{DOC}.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 and '"who": "anna"' in lines[0]
    assert [j.who for j in latest(log.read(DOC))] == ["bo"]
    with pytest.raises(Exception, match="unknown review action"):
        log.append([Judgement(DOC, "maybe", fact_key="x", fact={"evidence": "x"})])


def test_two_reviewers_appending_at_once_lose_nothing(tmp_path, base):
    """Processes appending at the same time (O_APPEND under a lock): every record is kept whole."""
    import multiprocessing

    row = first(base, "FINANCES")
    records = [service.judge(DOC, row, "accept", base.graph, who=f"r{i}") for i in range(40)]
    ctx = multiprocessing.get_context("fork")
    procs = [ctx.Process(target=_append, args=(str(tmp_path), records[i::4])) for i in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(30)
    read = ReviewLog(tmp_path).read(DOC)
    assert sorted(j.who for j in read) == sorted(j.who for j in records)


def _append(directory: str, records) -> None:
    log = ReviewLog(directory)
    for j in records:
        log.append([j])
