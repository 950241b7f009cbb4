"""Time to the first drawn network, server side: filter the graph in networkx, lay it out and
write the pyvis HTML (what the Nätverk page does on every change of a filter).

Cases
- the bundled report (read from an embedded store built in a temporary directory): the
  default view and a focused view (search); target under 2 s;
- a synthetic graph of 5 000 nodes (ui/synthetic.py), where the size limit kicks in: the
  view draws the MAX_VISIBLE_NODES best-connected nodes;
- baseline in the same run: the same 5 000-node graph rendered without the limit.

Reading the store into memory (`read_graph` + NetworkData) happens once per store version
(the app caches it) and is printed separately. With --browser the same HTML files are also
opened in Chromium (/usr/bin/chromium, headless) and the time until vis.js has drawn them is
measured: that is where the limit matters most.

With --app the whole app is timed as a user meets it: `samverkan ui` on the bundled report,
Chromium opening /natverk until the network is drawn: cold (the first visit after the
server started: store read, layout and page) and warm (a reload, the graph cached). Targets:
2.5 s cold, 1.5 s warm.

    python bench/ui_bench.py [--runs 5] [--nodes 5000] [--browser] [--app]
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TARGET_S = 2.0
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def time_view(data, flt, runs: int):
    """(median seconds of filter, layout, html, total; the view; the html) over `runs` runs."""
    from samverkan.ui.layout import compute_layout
    from samverkan.ui.network import filter_view
    from samverkan.ui.network_html import render_html

    parts = {"filter": [], "layout": [], "html": [], "total": []}
    view = html = None
    for _ in range(runs):
        t0 = time.perf_counter()
        view = filter_view(data, flt)
        t1 = time.perf_counter()
        pos = compute_layout(view.graph)
        t2 = time.perf_counter()
        html = render_html(view, positions=pos)
        t3 = time.perf_counter()
        parts["filter"].append(t1 - t0)
        parts["layout"].append(t2 - t1)
        parts["html"].append(t3 - t2)
        parts["total"].append(t3 - t0)
    return {k: statistics.median(v) for k, v in parts.items()}, view, html


def browser_times(pages: dict[str, str], runs: int) -> dict[str, tuple[float, float]]:
    """Per page: median seconds from navigation until vis.js has drawn (body[data-drawn]),
    and the seconds of one redraw (what every pan or zoom costs)."""
    chromium = os.environ.get("SAMVERKAN_CHROMIUM", "/usr/bin/chromium")
    if not os.path.exists(chromium):
        print(f"(--browser: no Chromium at {chromium}; run scripts/install-browser.sh)")
        return {}
    from playwright.sync_api import sync_playwright

    out = {}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        for label, html in pages.items():
            path = Path(tmp) / f"{abs(hash(label))}.html"
            path.write_text(html, encoding="utf-8")
            times = []
            for _ in range(runs):
                t = time.perf_counter()
                page.goto(path.as_uri(), timeout=600_000)
                page.wait_for_selector("body[data-drawn='1']", timeout=600_000, state="attached")
                times.append(time.perf_counter() - t)
            frame_ms = page.evaluate("""() => { const t = []; for (let i = 0; i < 5; i++) {
                const s = performance.now(); network.moveTo({scale: 1 + (i % 2) * 0.1}); network.redraw();
                t.push(performance.now() - s); } t.sort((a, b) => a - b); return t[2]; }""")
            out[label] = (statistics.median(times), frame_ms / 1000)
        browser.close()
    return out


APP_COLD_S, APP_WARM_S = 2.5, 1.5


def app_times(runs: int) -> tuple[float, list[float]] | None:
    """(cold seconds, warm seconds per reload) from navigation to the drawn network in the
    running app (the Nätverk page on a store of the bundled report)."""
    chromium = os.environ.get("SAMVERKAN_CHROMIUM", "/usr/bin/chromium")
    if not os.path.exists(chromium):
        print(f"(--app: no Chromium at {chromium}; run scripts/install-browser.sh)")
        return None
    import subprocess
    import urllib.request

    from playwright.sync_api import sync_playwright

    from samverkan.commands.build import build
    from samverkan.settings import BUNDLED_REPORT

    with tempfile.TemporaryDirectory(prefix="samverkan-app-bench-") as tmp:
        store = Path(tmp) / "samverkan.lbug"
        build([BUNDLED_REPORT], store)
        import socket
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        env = dict(os.environ, SAMVERKAN_BACKEND="embedded", SAMVERKAN_STORE=str(store))
        env.pop("NEO4J_URI", None)
        proc = subprocess.Popen([sys.executable, "-m", "samverkan", "ui", "--port", str(port), "--headless",
                                 "--address", "127.0.0.1"], stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
                                env=env, cwd=tmp, start_new_session=True)
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 180
            while time.monotonic() < deadline:
                try:
                    with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2):
                        break
                except OSError:
                    time.sleep(0.3)
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
                page = browser.new_page(viewport={"width": 1280, "height": 720})

                def drawn() -> float:
                    t = time.perf_counter()
                    page.goto(f"{base}/natverk", timeout=600_000)
                    page.frame_locator("iframe").first.locator("body[data-drawn='1']").wait_for(
                        state="attached", timeout=600_000)
                    return time.perf_counter() - t

                cold = drawn()
                warm = [drawn() for _ in range(runs)]
                browser.close()
            return cold, warm
        finally:
            proc.terminate()
            proc.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--nodes", type=int, default=5000, help="size of the synthetic graph")
    parser.add_argument("--browser", action="store_true", help="also time drawing in Chromium")
    parser.add_argument("--app", action="store_true", help="time the running app in Chromium, cold and warm")
    args = parser.parse_args()

    from samverkan.commands.build import build
    from samverkan.graph.store import open_store
    from samverkan.settings import BUNDLED_REPORT
    from samverkan.ui.network import MAX_VISIBLE_EDGES, MAX_VISIBLE_NODES, NetworkData, NetworkFilter
    from samverkan.ui.synthetic import synthetic_graph

    print(f"runs: {args.runs} (median), cores: {os.cpu_count()}, limit: {MAX_VISIBLE_NODES} nodes / "
          f"{MAX_VISIBLE_EDGES} edges, target: < {TARGET_S:.0f} s for the bundled report")
    rows = []
    htmls: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="samverkan-ui-bench-") as tmp:
        path = Path(tmp) / "samverkan.lbug"
        build([BUNDLED_REPORT], path)
        t = time.perf_counter()
        with open_store("embedded", path=path, create=False, read_only=True) as store:
            graph = store.read_graph()
        data = NetworkData.from_graph(graph)
        load_s = time.perf_counter() - t
    print(f"bundled report: store -> NetworkData {load_s * 1000:.0f} ms (once per store version; "
          f"{len(data.nodes)} actors+initiatives, {len(data.rels)} relationships)")

    focus = (data.search("länsstyrelsen") or [None])[0]
    cases = [
        ("bundled, default view", data, NetworkFilter()),
        ("bundled, search: länsstyrelsen, 2 steps", data, NetworkFilter(focus=focus, depth=2)),
    ]
    t = time.perf_counter()
    big = NetworkData.from_graph(synthetic_graph(args.nodes))
    print(f"synthetic graph: {args.nodes} nodes, {len(big.rels)} relationships (built in "
          f"{(time.perf_counter() - t) * 1000:.0f} ms)")
    cases += [
        (f"synthetic {args.nodes}, limited (default)", big, NetworkFilter()),
        (f"baseline: synthetic {args.nodes}, unlimited", big, NetworkFilter(max_nodes=10**9, max_edges=10**9)),
    ]
    print()
    header = f"{'case':<44} {'matched':>8} {'drawn':>6} {'edges':>6} {'filter':>8} {'layout':>8} {'html':>8} {'total':>8} {'HTML':>8}"
    print(header)
    print("-" * len(header))
    for label, d, flt in cases:
        times, view, html = time_view(d, flt, args.runs)
        htmls[label] = html
        rows.append((label, times, view))
        print(f"{label:<44} {view.matched_nodes:>8} {view.node_count:>6} {view.edge_count:>6} "
              f"{times['filter'] * 1000:>6.0f}ms {times['layout'] * 1000:>6.0f}ms {times['html'] * 1000:>6.0f}ms "
              f"{times['total'] * 1000:>6.0f}ms {len(html) / 1e6:>6.1f}MB")
    bundled = rows[0][1]["total"]
    limited, unlimited = rows[2][1]["total"], rows[3][1]["total"]
    print()
    print(f"bundled report: {bundled * 1000:.0f} ms to the first drawn network "
          f"({'meets' if bundled < TARGET_S else 'MISSES'} the {TARGET_S:.0f} s target; "
          f"{(bundled + load_s) * 1000:.0f} ms with the first read of the store)")
    print(f"synthetic {args.nodes}: limited {limited * 1000:.0f} ms vs unlimited {unlimited * 1000:.0f} ms "
          f"(x{unlimited / limited:.1f}); HTML {len(htmls[rows[2][0]]) / 1e6:.1f} MB vs "
          f"{len(htmls[rows[3][0]]) / 1e6:.1f} MB; the limited view says so on screen: "
          f"\"{rows[2][2].notes[0][:70]}…\"")
    if args.browser:
        print()
        times = browser_times(htmls, max(1, min(args.runs, 3)))
        print(f"{'chromium (headless, software rendering)':<44} {'until drawn':>12} {'one redraw':>11}")
        for label, (seconds, frame) in times.items():
            print(f"{label:<44} {seconds * 1000:>10.0f}ms {frame * 1000:>9.0f}ms")
    if args.app:
        result = app_times(max(3, args.runs))
        if result:
            cold, warm = result
            w = statistics.median(warm)
            print()
            print(f"the app, /natverk in Chromium until the network is drawn (1280x720): cold {cold:.2f} s "
                  f"({'meets' if cold < APP_COLD_S else 'MISSES'} {APP_COLD_S} s), warm {w:.2f} s median of "
                  f"{len(warm)} reloads (min {min(warm):.2f}, max {max(warm):.2f}; "
                  f"{'meets' if w < APP_WARM_S else 'MISSES'} {APP_WARM_S} s)")


if __name__ == "__main__":
    main()
