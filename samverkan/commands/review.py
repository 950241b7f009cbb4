"""`samverkan review export|import|list`: the reviewers' judgements from the command line.

- `export --doc DOC --format csv|xlsx [-o FILE]`: one row per fact of the report with its
  fact_key, section, type, parties, evidence and the decision in force (samverkan.review.sheet);
- `import FILE`: the decisions filled in (accept/reject, godkänn/avvisa), every row checked
  first, a file with a bad row refused whole (each bad row named by its row number); the
  judgements are appended to data/reviews/ and the store brought up to date, so `samverkan
  build` afterwards keeps them;
- `list --doc DOC`: the judgements in force, and a warning line for each that can no longer be
  applied (its quote is gone from the text).

Every subcommand takes the store arguments of `cofinance` (--backend, --uri, --store, --doc,
--region, --year).
"""
from __future__ import annotations

import sys
from pathlib import Path

from samverkan import settings
from samverkan.errors import EXIT_USAGE, SamverkanError, warn

from .cofinance import add_store_arguments, open_reading_store, selection_of


def register(sub) -> None:
    p = sub.add_parser("review", help="export, import and list the reviewers' judgements (Granska)",
                       description="Judgements on the extracted facts, kept in SAMVERKAN_REVIEWS "
                                   f"(now {settings.reviews_dir()}) and replayed on every build.")
    actions = p.add_subparsers(dest="review_command", metavar="ACTION")
    e = actions.add_parser("export", help="the facts of a report as a review spreadsheet (csv or xlsx)")
    e.add_argument("--format", choices=["csv", "xlsx"], default="csv")
    e.add_argument("-o", "--output", type=Path, help="write to this file (needed for xlsx)")
    add_store_arguments(e)
    e.set_defaults(func=run_export)
    i = actions.add_parser("import", help="apply the decisions filled in a review spreadsheet")
    i.add_argument("file", type=Path, help="a file `review export` wrote, with the decision column filled in")
    i.add_argument("--who", help="who decided (default: the USER environment variable)")
    add_store_arguments(i)
    i.set_defaults(func=run_import)
    ls = actions.add_parser("list", help="the judgements in force on a report, and those that no longer apply")
    add_store_arguments(ls)
    ls.set_defaults(func=run_list)
    p.set_defaults(func=lambda args: (p.print_help(), EXIT_USAGE)[1])


def open_writing_store(args):
    """The store the arguments name, opened for writing (the write path of `review import`)."""
    from samverkan.graph.store import open_store

    backend = args.backend or ("neo4j" if args.uri else settings.default_backend())
    if backend == "embedded" and args.uri:
        raise SamverkanError("--uri is for --backend neo4j", exit_code=EXIT_USAGE)
    if backend == "embedded":
        return open_store("embedded", path=args.store, create=False)
    return open_store("neo4j", uri=args.uri)


def one_document(store, args) -> str:
    """The report the arguments name; with none named, the store's only report."""
    from samverkan.queries.selection import resolve_docs

    docs = resolve_docs(store, selection_of(args))
    if not docs:
        docs = list(store.query_readonly("MATCH (d:Document) RETURN d.id AS id ORDER BY id")["id"])
    if len(docs) != 1:
        raise SamverkanError(f"choose one report with --doc (the store holds {', '.join(docs) or 'none'})",
                             exit_code=EXIT_USAGE)
    return docs[0]


def run_export(args) -> int:
    from samverkan.review.sheet import export_rows, write

    if args.format == "xlsx" and not args.output:
        raise SamverkanError("xlsx needs an output file (-o FILE)", exit_code=EXIT_USAGE)
    with open_reading_store(args) as store:
        doc = one_document(store, args)
        rows = export_rows(store.read_graph(), doc)
    out = write(rows, args.format, args.output)
    if args.output:
        sys.stdout.write(f"{len(rows)} facts of {doc} written to {out}\n")
    else:
        sys.stdout.write(out)
    return 0


def run_import(args) -> int:
    from samverkan.review.base import base_dir
    from samverkan.review.service import Reviewer
    from samverkan.review.sheet import ImportRefused, plan_import

    with open_writing_store(args) as store:
        graph = store.read_graph()
        try:
            plan = plan_import(args.file, graph, default_doc=args.doc, who=args.who)
        except ImportRefused as exc:
            for problem in exc.problems:
                warn(f"{args.file}: {problem}")
            raise
        reviewer = Reviewer(bases=base_dir(args.store))
        reports = reviewer.decide(store, plan.judgements) if plan.judgements else {}
    accepted = sum(1 for j in plan.judgements if j.action == "accept")
    rejected = sum(1 for j in plan.judgements if j.action == "reject")
    sys.stdout.write(f"{args.file}: {plan.rows} rows, {accepted} accepted, {rejected} rejected, "
                     f"{plan.unchanged} without a new decision; recorded in {reviewer.log.directory}\n")
    for doc, report in reports.items():
        for outcome in report.problems:
            warn(f"review judgement not applied: {outcome.describe()}")
        sys.stdout.write(f"{doc}: written again with its {len(report.outcomes)} judgements in force\n")
    return 0


def run_list(args) -> int:
    from samverkan.review.base import base_dir
    from samverkan.review.judgements import latest
    from samverkan.review.service import Reviewer

    with open_reading_store(args) as store:
        doc = one_document(store, args)
    reviewer = Reviewer(bases=base_dir(args.store))
    in_force = [j for j in latest(reviewer.log.for_document(doc)) if j.is_node_action or j.doc == doc]
    lines = []
    for j in in_force:
        if j.is_node_action:
            what = f"{j.subject} <- {j.other}" if j.other else f"{j.subject} = {j.name}"
        else:
            f = j.fact or {}
            what = f"{f.get('source')} -{f.get('type')}-> {f.get('target')} (avsnitt {f.get('section')}, rad {f.get('line')})"
            if j.changes:
                what += " -> " + ", ".join(f"{k}={v}" for k, v in j.changes.items())
        lines.append(f"{j.when}  {j.who:<12} {j.action:<17} {j.fact_key or '':<12} {what}"
                     + (f"  ({j.why})" if j.why else ""))
    sys.stdout.write("\n".join(lines or [f"no judgements on {doc}"]) + "\n")
    if reviewer.has_base(doc):
        for outcome in reviewer.report(doc).problems:
            warn(f"review judgement not applied: {outcome.describe()}")
    else:
        warn(f"{doc} has no review base next to the store; rebuild it to check the judgements against its text")
    return 0
