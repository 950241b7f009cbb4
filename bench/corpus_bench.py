"""Corpus benchmark: many reports (21 regions × 10 years) built into one embedded store.

    python bench/corpus_bench.py                         # 210 reports, --workers 2
    python bench/corpus_bench.py --regions 3 --years 2   # a quick run
    python bench/corpus_bench.py --wipe                  # also load into a non-empty Neo4j (clears it)

Measured, each as a whole `samverkan build` process (python -m samverkan) on a corpus that
bench/corpus.py writes into a temporary directory:
- build of the whole corpus into a fresh store with --workers (target < 10 min on 2 cores):
  wall time, reports per second, and the peak memory of the process tree (the build and its
  worker processes: RSS summed over the tree, sampled every 50 ms; it counts pages the
  workers share with their parent more than once, so it is an upper bound; target < 1.5 GB),
  and the largest single process;
- rebuild with nothing changed, and after one report changed (target < 10 s; the other
  reports are skipped by content hash and extractor fingerprint);
- baseline in the same run: one report per region (the first year) built with --workers 1
  and with --workers 2, for the speedup of parallel extraction;
- first network render for one region's selection on the built store (target < 2 s): that
  region's documents (queries/selection.py), only their facts read from the store
  (read_graph(docs), cached by the app per store version and selection), NetworkData, filter,
  layout and the pyvis HTML, as the Nätverk page does; baseline in the same run: reading the
  whole store, as the app did before;
- load of the same store into Neo4j (`samverkan load --from-store`, one transaction per
  document) with relationships per second, when NEO4J_URI (or --uri) is set. The database
  is shared with the tests: the run holds the tests' lock (as bench/load_bench.py does),
  needs an empty database or --wipe, and leaves it empty.
"""
from __future__ import annotations

import argparse
import os
import re
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import corpus as corpus_mod  # noqa: E402

TARGET_BUILD_S = 600.0
TARGET_MEMORY_MB = 1536.0
TARGET_REBUILD_S = 10.0
TARGET_RENDER_S = 2.0


def _tree_rss(pid: int) -> tuple[int, int]:
    """(RSS summed over `pid` and its descendants, largest single RSS), in bytes."""
    try:
        import psutil
    except ImportError:  # /proc fallback
        return _tree_rss_proc(pid)
    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0, 0
    sizes = []
    for proc in procs:
        try:
            sizes.append(proc.memory_info().rss)
        except psutil.Error:
            pass
    return sum(sizes), max(sizes, default=0)


def _tree_rss_proc(pid: int) -> tuple[int, int]:
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry.name))
            rss[int(entry.name)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            continue
    todo, seen = [pid], []
    while todo:
        p = todo.pop()
        seen.append(p)
        todo += children.get(p, [])
    sizes = [rss.get(p, 0) for p in seen]
    return sum(sizes), max(sizes, default=0)


def run_measured(argv: list[str], env: dict[str, str] | None = None) -> dict:
    """Run a command; wall seconds, CPU seconds of the tree (user+system, every process waited
    for), peak tree RSS and peak single-process RSS (MB), the load average after, output."""
    cpu0 = _children_cpu()
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    peak = {"tree": 0, "single": 0}
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            tree, single = _tree_rss(proc.pid)
            peak["tree"], peak["single"] = max(peak["tree"], tree), max(peak["single"], single)
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    seconds = time.perf_counter() - t0
    done.set()
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(argv[:4])} … failed ({proc.returncode}):\n{err}")
    return {"s": seconds, "cpu": _children_cpu() - cpu0, "load": os.getloadavg()[0], "tree_mb": peak["tree"] / 2**20, "single_mb": peak["single"] / 2**20, "out": out, "err": err}


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def samverkan(*args: str) -> list[str]:
    return [sys.executable, "-m", "samverkan", *args]


def build(paths: list[Path], store: Path, workers: int, fresh: bool = False, replace: bool = False) -> dict:
    argv = samverkan("build", *map(str, paths), "--store", str(store), "--workers", str(workers))
    return run_measured(argv + (["--fresh"] if fresh else []) + (["--replace"] if replace else []))


def fingerprint() -> str:
    """The extractor fingerprint of the checkout now (it covers loaders/ and data/: an edit
    there by someone else during the run makes every report look changed)."""
    from samverkan.loaders.fingerprint import extractor_fingerprint

    extractor_fingerprint.cache_clear()
    return extractor_fingerprint()


def verdict(value: float, target: float) -> str:
    return "OK" if value < target else "OVER TARGET"


def change_one_report(path: Path, region: str) -> str:
    """Add a co-financing sentence to section 3.2 of `path`; returns the initiative's name."""
    agency = next(a.name for a in corpus_mod.read_actors() if a.type == "state_agency")
    name = "Ändrad Rapport Test"
    text = path.read_text(encoding="utf-8")
    marker = "\n3.3 Samverkan med kommuner"
    assert marker in text, path
    text = text.replace(marker, f"\nProjektet {name} finansieras av {agency} och {region}.\n{marker}", 1)
    path.write_text(text, encoding="utf-8")
    return name


def render_first(store_path: Path, region: str) -> dict:
    """Seconds of each step of the first network render of `region`'s reports."""
    from samverkan.graph.store import open_store
    from samverkan.queries.selection import Selection, resolve_docs
    from samverkan.ui.layout import compute_layout
    from samverkan.ui.network import NetworkData, NetworkFilter, filter_view
    from samverkan.ui.network_html import render_html

    out = {}
    t = time.perf_counter()
    with open_store("embedded", path=store_path, create=False, read_only=True) as store:
        t1 = time.perf_counter()
        docs = resolve_docs(store, Selection(region=region))
        t2 = time.perf_counter()
        graph = store.read_graph(docs)  # what the app reads for one region's selection
        t3 = time.perf_counter()
        store.read_graph()  # baseline in the same run: the whole store, as the app read it before
        t4 = time.perf_counter()
    out["open"], out["select"], out["read"], out["read_all"] = t1 - t, t2 - t1, t3 - t2, t4 - t3
    t = time.perf_counter()
    data = NetworkData.from_graph(graph, docs)
    out["network_data"] = time.perf_counter() - t
    for run in ("first", "again"):
        t = time.perf_counter()
        view = filter_view(data, NetworkFilter())
        t1 = time.perf_counter()
        positions = compute_layout(view.graph)
        t2 = time.perf_counter()
        html = render_html(view, positions=positions)
        t3 = time.perf_counter()
        out[run] = {"filter": t1 - t, "layout": t2 - t1, "html": t3 - t2, "total": t3 - t}
    out["docs"], out["nodes"], out["edges"] = len(docs), view.node_count, view.edge_count
    out["graph_nodes"], out["graph_rels"] = len(graph.nodes), len(graph.relationships)
    out["html_kb"] = len(html) / 1000
    out["notes"] = list(getattr(view, "notes", []) or [])
    return out


def load_neo4j(store_path: Path, args) -> None:
    from samverkan.errors import StoreError
    from samverkan.graph.store import open_store
    from load_bench import neo4j_lock, neo4j_server_rss, wipe_neo4j

    try:
        probe = open_store("neo4j", uri=args.uri)
    except StoreError as exc:
        print(f"neo4j: skipped ({exc})")
        return
    env = dict(os.environ, **({"NEO4J_URI": args.uri} if args.uri else {}))
    with neo4j_lock(), probe:
        if probe.counts()["nodes"]:
            if not args.wipe:
                print(f"neo4j: skipped: {probe.describe()} is not empty (pass --wipe to clear it)")
                return
            wipe_neo4j(probe)
        where = probe.describe()
        try:
            run = run_measured(samverkan("load", "--from-store", "--store", str(store_path)), env=env)
            counts = probe.counts()
            print(f"neo4j load ({where}; samverkan load --from-store, one transaction per document): "
                  f"{counts['nodes']:,} nodes, {counts['relationships']:,} relationships in {run['s']:.1f} s = "
                  f"{counts['relationships'] / run['s']:,.0f} relationships/s "
                  f"({(counts['nodes'] + counts['relationships']) / run['s']:,.0f} rows/s; whole process, "
                  f"reading the embedded store included; client peak {run['tree_mb']:,.0f} MB)")
            again = run_measured(samverkan("load", "--from-store", "--store", str(store_path)), env=env)
            assert probe.counts() == counts
            print(f"neo4j load again (idempotent, counts unchanged): {again['s']:.1f} s")
        finally:
            wipe_neo4j(probe)  # leave the shared database empty
    rss = neo4j_server_rss()
    if rss:
        print(f"neo4j server peak RSS: {rss}")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--regions", type=int, default=21)
    p.add_argument("--years", type=int, default=10)
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--no-baseline", action="store_true", help="skip the --workers 1 vs 2 baseline")
    p.add_argument("--no-neo4j", action="store_true", help="skip the Neo4j load")
    p.add_argument("--uri", help="Neo4j URI (default NEO4J_URI)")
    p.add_argument("--wipe", action="store_true", help="clear a non-empty Neo4j database first (destroys its data)")
    p.add_argument("--keep", type=Path, help="write the corpus and the store here instead of a temporary directory")
    args = p.parse_args(argv)

    print(f"cores: {os.cpu_count()}, workers: {args.workers}, python: {sys.version.split()[0]}, "
          f"memory sampling: {'psutil' if _has_psutil() else '/proc'}, load average at start: "
          f"{os.getloadavg()[0]:.1f} (other processes on the machine slow every figure)")
    with tempfile.TemporaryDirectory(prefix="samverkan-corpus-bench-") as tmp:
        base = args.keep or Path(tmp)
        t = time.perf_counter()
        reports = corpus_mod.generate(base / "corpus", args.regions, args.years, args.seed)
        sizes = [r.path.stat().st_size for r in reports]
        print(f"corpus: {len(reports)} reports ({args.regions} regions × {args.years} years, seed {args.seed}), "
              f"{sum(sizes) / 1e6:.1f} MB, {min(sizes) / 1000:.0f}–{max(sizes) / 1000:.0f} kB each; "
              f"generated in {time.perf_counter() - t:.1f} s")
        paths = [r.path for r in reports]

        if not args.no_baseline:
            first_year = min(r.year for r in reports)
            subset = [r.path for r in reports if r.year == first_year]
            one = build(subset, base / "subset-1.lbug", 1)
            two = build(subset, base / "subset-2.lbug", 2)
            print(f"baseline, {len(subset)} reports (one per region): --workers 1 {one['s']:.1f} s "
                  f"(CPU {one['cpu']:.1f} s, {one['s'] / len(subset):.2f} s/report, peak {one['tree_mb']:,.0f} MB), "
                  f"--workers 2 {two['s']:.1f} s (CPU {two['cpu']:.1f} s, peak {two['tree_mb']:,.0f} MB): "
                  f"speedup {one['s'] / two['s']:.2f}x (load average after: {one['load']:.1f}, {two['load']:.1f})")

        store = base / "store" / "samverkan.lbug"
        fingerprint_at_start = fingerprint()
        full = build(paths, store, args.workers, fresh=True)
        print(f"build {len(paths)} reports, --workers {args.workers}: {full['s']:.1f} s "
              f"({full['s'] / 60:.1f} min, {len(paths) / full['s']:.2f} reports/s, CPU {full['cpu']:.0f} s = "
              f"{full['cpu'] / full['s']:.2f} cores busy, load average after {full['load']:.1f}; target < "
              f"{TARGET_BUILD_S / 60:.0f} min: {verdict(full['s'], TARGET_BUILD_S)})")
        print(f"build peak memory: process tree {full['tree_mb']:,.0f} MB (target < {TARGET_MEMORY_MB:,.0f} MB: "
              f"{verdict(full['tree_mb'], TARGET_MEMORY_MB)}), largest single process {full['single_mb']:,.0f} MB")
        size_mb = sum(f.stat().st_size for f in store.parent.rglob("*") if f.is_file()) / 2**20
        from samverkan.graph.store import open_store
        with open_store("embedded", path=store, create=False, read_only=True) as s:
            counts = s.counts()
            held = s.documents()
        print(f"store: {len(held)} documents, {counts['nodes']:,} nodes, {counts['relationships']:,} relationships "
              f"({', '.join(f'{k} {v:,}' for k, v in counts.items() if k.isupper() and v)}), {size_mb:,.0f} MB on disk")
        assert len(held) == len(paths), f"{len(held)} documents for {len(paths)} reports"

        same = build(paths, store, args.workers)
        skipped = _skipped(same["out"])
        print(f"rebuild, nothing changed: {same['s']:.1f} s ({skipped} of {len(paths)} skipped as unchanged)")
        changed = reports[len(reports) // 2]
        name = change_one_report(changed.path, changed.region)
        # the same file edited replaces its report (no --replace needed)
        one_changed = build(paths, store, args.workers)
        skipped = _skipped(one_changed["out"])
        with open_store("embedded", path=store, create=False, read_only=True) as s:
            found = s.query_readonly("MATCH (a:Actor)-[f:FINANCES]->(i:Initiative {name: $name}) RETURN f.doc AS doc",
                                     {"name": name})
            n_docs = len(s.documents())
        ok = set(found["doc"]) == {f"{_slug(changed.region)}-{changed.year}"} and n_docs == len(paths)
        print(f"rebuild after one report changed ({changed.path.name}): {one_changed['s']:.1f} s "
              f"({skipped} skipped as unchanged, 1 re-extracted and replaced; new fact in the store: "
              f"{'yes' if ok else 'NO'}; target < {TARGET_REBUILD_S:.0f} s: {verdict(one_changed['s'], TARGET_REBUILD_S)})")

        if fingerprint() != fingerprint_at_start:
            print("WARNING: the extractor fingerprint changed during the run (loaders/ or data/ edited): "
                  "the rebuild figures re-extracted reports that did not change")
        region = reports[0].region
        r = render_first(store, region)
        first = r["open"] + r["read"] + r["select"] + r["network_data"] + r["first"]["total"]
        print(f"network of {region} ({r['docs']} reports): store read of its reports {r['read']:.2f} s "
              f"({r['graph_nodes']:,} nodes, {r['graph_rels']:,} relationships; baseline: the whole store "
              f"{r['read_all']:.2f} s), selection {r['select']:.2f} s, "
              f"NetworkData {r['network_data']:.2f} s, filter {r['first']['filter']:.2f} s, layout "
              f"{r['first']['layout']:.2f} s, html {r['first']['html']:.2f} s ({r['nodes']} nodes, {r['edges']} edges, "
              f"{r['html_kb']:,.0f} kB)")
        print(f"first network render of one region's selection, cold (store read included): {first:.2f} s "
              f"(target < {TARGET_RENDER_S:.0f} s: {verdict(first, TARGET_RENDER_S)}); again on the cached graph: "
              f"{r['network_data'] + r['again']['total']:.2f} s")
        for note in r["notes"]:
            print(f"  view note: {note}")

        if args.no_neo4j:
            pass
        elif args.uri or os.environ.get("NEO4J_URI"):
            load_neo4j(store, args)
        else:
            print("neo4j: skipped (NEO4J_URI not set)")
    return 0


def _has_psutil() -> bool:
    try:
        import psutil  # noqa: F401
        return True
    except ImportError:
        return False


def _skipped(build_output: str) -> int:
    m = re.search(r"^unchanged, kept as stored: (.*)$", build_output, re.M)
    return len(m.group(1).split(", ")) if m else 0


def _slug(name: str) -> str:
    from samverkan.graph.ids import slugify

    return slugify(name)


if __name__ == "__main__":
    sys.exit(main())
