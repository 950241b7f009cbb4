"""Load benchmark: batched UNWIND writes against a per-row MERGE baseline, on each store.

    python bench/load_bench.py                 # 20k actors, 10k initiatives, 100k relationships
    python bench/load_bench.py --quick         # a tenth of that
    python bench/load_bench.py --backends neo4j --wipe

The graph is synthetic (FINANCES and COLLABORATES_WITH with provenance strings, like an
extracted report). "Batched" is `GraphStore.write`: one transaction, UNWIND $rows in
batches of --batch-size. "Per-row" sends the same generated statement once per row (without
UNWIND, scalar parameters), in two variants: all rows in ONE transaction (the fair one: it
measures statement round trips and planning, not commits) and auto-commit, one transaction
per row (what a naive loader does). Both per-row baselines are timed on a sample (--sample
rows: nodes and relationships in the graph's proportions) and EXTRAPOLATED to the whole
graph; the output says so.

Neo4j: the benchmark needs an empty database, or --wipe to clear it first (it clears it
again between runs). Output: one line per figure.
"""
from __future__ import annotations

import argparse
import contextlib
import fcntl
import glob
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout too

from samverkan.errors import StoreError  # noqa: E402
from samverkan.graph import cypher  # noqa: E402
from samverkan.graph.model import GraphData, Node, Relationship  # noqa: E402
from samverkan.graph.schema import SCHEMA  # noqa: E402
from samverkan.graph.store import BATCH_SIZE, GraphStore, open_store  # noqa: E402

TYPES = ["municipality", "company", "university", "state_agency", "civil_society", "cluster"]
KINDS = ["project", "programme", "network", "study"]
DOC = "bench-2019"


# --- the synthetic graph ------------------------------------------------------------------
def synthetic_graph(actors: int, initiatives: int, rels: int, seed: int = 7) -> GraphData:
    rnd = random.Random(seed)
    g = GraphData(documents=[{"id": DOC, "title": "Benchmark report", "region": "Region Bench", "year": 2019,
                              "diarienr": "RB-1", "sha256": "0" * 64, "source": "bench.txt"}])
    g.add_node(Node(DOC, "Document", {k: v for k, v in g.documents[0].items() if k != "id"}))
    sections = [f"{DOC}#{n}" for n in ("1.1", "2.1", "3.1", "3.2", "3.3", "3.4", "3.5")]
    for sid in sections:
        g.add_node(Node(sid, "Section", {"number": sid.split("#")[1], "title": f"Avsnitt {sid}", "doc": DOC}))
        g.add_relationship(Relationship(f"part-of-{sid}", "PART_OF", sid, DOC, {}))
    for i in range(actors):
        g.add_node(Node(f"actor-{i}", "Actor", {
            "name": f"Aktör nummer {i}", "type": TYPES[i % len(TYPES)], "aliases": [f"A{i}", f"Aktör {i}"],
            "county": f"Län {i % 21}", "method": "bench"}))
    for i in range(initiatives):
        g.add_node(Node(f"init-{i}", "Initiative", {
            "name": f"Insats nummer {i}", "kind": KINDS[i % len(KINDS)], "nyps": [str(200000 + i)], "aliases": []}))
    n_fin = rels * 6 // 10
    for k in range(rels):
        line = rnd.randrange(1, 5000)
        section = rnd.choice(sections).split("#")[1]
        prov = {"doc": DOC, "section": section, "line": line, "method": "bench-rule", "answers": "cofinance",
                "confidence": round(rnd.uniform(0.5, 1.0), 2),
                "evidence": f"Region Bench och aktör {k % actors} finansierar insatsen enligt rad {line}, "
                            f"med medel ur anslag 1:1 och ERUF för perioden 2019–2020."}
        a = f"actor-{rnd.randrange(actors)}"
        if k < n_fin:
            b = f"init-{rnd.randrange(initiatives)}"
            g.add_relationship(Relationship(f"fin-{k}", "FINANCES", a, b, {
                **prov, "amount_sek": rnd.randrange(10_000, 5_000_000), "instrument": rnd.choice(["1:1", "ERUF", "ESF"])}))
        else:
            b = f"actor-{rnd.randrange(actors)}"
            g.add_relationship(Relationship(f"col-{k}", "COLLABORATES_WITH", a, b, {**prov, "area": "innovation"}))
    return g


def sizes(g: GraphData) -> tuple[int, int]:
    return len(g.nodes), len(g.relationships)


# --- per-row baseline -----------------------------------------------------------------------
def per_row_plan(store: GraphStore, g: GraphData):
    """(node statements with params, rel statements with params) for one-row-at-a-time writes,
    built from the same plan and generated Cypher as the batched path."""
    node_plan, rel_rows, label_of = store._plan(g)
    node_ops, rel_ops = [], []
    for label, rows in node_plan.items():
        statement = cypher.per_row(cypher.node_merge(label, dialect=store.dialect))
        node_ops += [(statement, {f"row_{k}": v for k, v in row.items()}) for row in rows]
    grouped: dict[tuple[str, str, str], list[dict]] = {}
    for row in rel_rows:
        row = dict(row)
        rtype = row.pop("_type")
        grouped.setdefault((rtype, label_of[row["source"]], label_of[row["target"]]), []).append(row)
    for (rtype, a, b), rows in grouped.items():
        statement = cypher.per_row(cypher.rel_merge(rtype, a, b, dialect=store.dialect))
        rel_ops += [(statement, {f"row_{k}": v for k, v in row.items()}) for row in rows]
    return node_ops, rel_ops


def run_ops(store: GraphStore, ops, autocommit: bool) -> float:
    """Seconds to send `ops` one statement each: all in one transaction, or each in its own
    (auto-commit: what a naive loader calling session.run / conn.execute per row does)."""
    t0 = time.perf_counter()
    if not autocommit:
        def work(tx):
            for statement, params in ops:
                store._run(tx, statement, params)
        store._transaction(work)
    elif store.backend == "neo4j":
        with store._session(read=False) as session:
            for statement, params in ops:
                session.run(statement, params).consume()
    else:
        for statement, params in ops:
            store._run(store._conn, statement, params)
    return time.perf_counter() - t0


def time_per_row(store: GraphStore, g: GraphData, sample: int, autocommit: bool = False):
    """Time per-row writes of a sample: nodes first (timed), the remaining nodes batched (not
    timed, so every endpoint exists), then relationships (timed). Returns (extrapolated seconds
    for the whole graph, sampled nodes, sampled rels, node s/row, rel s/row)."""
    node_ops, rel_ops = per_row_plan(store, g)
    total = len(node_ops) + len(rel_ops)
    n_nodes = max(1, min(len(node_ops), round(sample * len(node_ops) / total)))
    n_rels = max(1, min(len(rel_ops), sample - n_nodes))
    store._ensure_schema()
    t_nodes = run_ops(store, node_ops[:n_nodes], autocommit)
    rest = GraphData(documents=g.documents)
    sampled_ids = {params["row_id"] for _, params in node_ops[:n_nodes]}
    for node in g.nodes.values():
        if node.id not in sampled_ids:
            rest.add_node(node)
    store.write(rest)
    t_rels = run_ops(store, rel_ops[:n_rels], autocommit)
    per_node, per_rel = t_nodes / n_nodes, t_rels / n_rels
    return per_node * len(node_ops) + per_rel * len(rel_ops), n_nodes, n_rels, per_node, per_rel


# --- stores -----------------------------------------------------------------------------------
def wipe_neo4j(store) -> None:
    with store._session(read=False) as session:
        session.run("MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 20000 ROWS").consume()
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 20000 ROWS").consume()


@contextlib.contextmanager
def neo4j_lock():
    """The lock tests/conftest.py takes around each Neo4j test: the benchmark clears the
    database, so it must not run in the middle of someone's test."""
    with open(Path(tempfile.gettempdir()) / "samverkan-neo4j-tests.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


class Bench:
    def __init__(self, backend: str, args, tmp: Path):
        self.backend, self.args, self.tmp, self.n = backend, args, tmp, 0

    def fresh(self) -> GraphStore:
        if self.backend == "embedded":
            self.n += 1
            store = open_store("embedded", path=self.tmp / f"bench-{self.n}" / "bench.lbug")
        else:
            store = open_store("neo4j", uri=self.args.uri)
            wipe_neo4j(store)
        store.batch_size = self.args.batch_size
        return store


def neo4j_server_rss() -> str | None:
    """Peak resident memory of the local Neo4j server started by scripts/neo4j-server.sh, if found."""
    home = os.environ.get("SAMVERKAN_NEO4J_HOME") or os.path.expanduser("~/.cache/samverkan/neo4j")
    for pid_file in glob.glob(os.path.join(home, "neo4j-community-*", "run", "neo4j.pid")):
        try:
            pid = Path(pid_file).read_text().split()[0]
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    return f"{int(line.split()[1]) / 1024:,.0f} MB (pid {pid}, VmHWM)"
        except (OSError, ValueError, IndexError):
            continue
    return None


def bench_backend(bench: Bench, g: GraphData, args, warmup: GraphData) -> None:
    backend = bench.backend
    n_nodes, n_rels = sizes(g)
    total = n_nodes + n_rels
    store = bench.fresh()
    try:  # warm-up, not timed: both paths run once so neither pays the server's JIT start-up
        store.write(warmup)
        time_per_row(store, warmup, min(args.sample, 500), True)
    finally:
        store.close()
    store = bench.fresh()
    try:
        t = time.perf_counter()
        written = store.write(g)
        batched = time.perf_counter() - t
        counts = store.counts()
        assert counts["nodes"] == n_nodes and counts["relationships"] == n_rels, counts
        assert written["relationships"] == n_rels
        print(f"{backend} batched: {total:,} rows (nodes+relationships) in {batched:.2f} s = {total / batched:,.0f} rows/s")
        t = time.perf_counter()
        store.write(g)
        again = time.perf_counter() - t
        assert store.counts() == counts
        print(f"{backend} batched, same graph again (idempotent, counts unchanged): {again:.2f} s = {total / again:,.0f} rows/s")
    finally:
        store.close()
    for autocommit in (False, True):
        store = bench.fresh()
        try:
            est, s_nodes, s_rels, per_node, per_rel = time_per_row(store, g, args.sample, autocommit)
        finally:
            store.close()
        how = "auto-commit, one transaction per row" if autocommit else "all in one transaction"
        tag = "auto-commit" if autocommit else "one transaction"
        print(f"{backend} per-row ({how}): timed a sample of {s_nodes + s_rels:,} rows ({s_nodes:,} nodes, "
              f"{s_rels:,} relationships): {per_node * 1000:.2f} ms/node, {per_rel * 1000:.2f} ms/relationship; "
              f"EXTRAPOLATED to {total:,} rows = {est:,.1f} s = {total / est:,.0f} rows/s")
        print(f"{backend} ratio batched/per-row ({tag}): {est / batched:,.1f}x")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--quick", action="store_true", help="2k actors, 1k initiatives, 10k relationships")
    p.add_argument("--actors", type=int, default=20_000)
    p.add_argument("--initiatives", type=int, default=10_000)
    p.add_argument("--rels", type=int, default=100_000)
    p.add_argument("--sample", type=int, default=5_000, help="rows timed for the per-row baseline")
    p.add_argument("--batch-size", type=int, default=BATCH_SIZE)
    p.add_argument("--backends", default="embedded,neo4j")
    p.add_argument("--uri", help="Neo4j URI (default NEO4J_URI)")
    p.add_argument("--wipe", action="store_true", help="clear a non-empty Neo4j database first (destroys its data)")
    p.add_argument("--seed", type=int, default=7)
    args = p.parse_args(argv)
    if args.quick:
        args.actors, args.initiatives, args.rels = args.actors // 10, args.initiatives // 10, args.rels // 10
        args.sample = min(args.sample, 2_000)

    t0 = time.perf_counter()
    g = synthetic_graph(args.actors, args.initiatives, args.rels, args.seed)
    n_nodes, n_rels = sizes(g)
    by_type = ", ".join(f"{t} {len(g.by_type(t))}" for t in SCHEMA.relationships if g.by_type(t))
    print(f"graph: {n_nodes:,} nodes, {n_rels:,} relationships ({by_type}); built in {time.perf_counter() - t0:.1f} s")
    warmup = synthetic_graph(max(10, args.actors // 10), max(10, args.initiatives // 10), max(10, args.rels // 10), args.seed + 1)
    print(f"batch size: {args.batch_size} rows per UNWIND statement; one transaction per write; "
          f"one untimed warm-up of each path on a graph a tenth the size")
    try:
        import importlib.metadata as md
        rust = f"neo4j-rust-ext {md.version('neo4j-rust-ext')}"
    except Exception:
        rust = "no neo4j-rust-ext (pure-Python packstream: slower batched writes on Neo4j)"
    print(f"neo4j driver packing: {rust}")

    with tempfile.TemporaryDirectory(prefix="samverkan-bench-") as tmpdir:
        for backend in [b.strip() for b in args.backends.split(",") if b.strip()]:
            bench = Bench(backend, args, Path(tmpdir))
            if backend != "neo4j":
                bench_backend(bench, g, args, warmup)
                continue
            try:
                probe = open_store("neo4j", uri=args.uri)
            except StoreError as exc:
                print(f"neo4j: skipped ({exc})")
                continue
            with neo4j_lock():
                with probe:
                    if probe.counts()["nodes"] and not args.wipe:
                        print(f"neo4j: skipped: {probe.describe()} is not empty (pass --wipe to clear it)")
                        continue
                bench_backend(bench, g, args, warmup)
                bench.fresh().close()  # leave the database empty
            rss = neo4j_server_rss()
            if rss:
                print(f"neo4j server peak RSS: {rss}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(f"peak RSS of this process (includes the embedded store): {peak:,.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
