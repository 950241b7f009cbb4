"""Time `samverkan extract` on the bundled report as a whole process, with peak memory.

Baseline in the same run: the same interpreter starting and importing the CLI
(`samverkan --version`), so the figure separates extraction from start-up. Then the time of
each pipeline stage in-process, and the same text in other layouts (one line per paragraph,
no line breaks at all), whose time must stay linear: the text as given is their baseline.
Targets: extraction under 2 s in-process, the whole command under 5 s, under 500 MB; the
document as one 170 kB line under 5 s.

    python bench/extract_bench.py [--runs 5] [DOC]
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def timed(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"command failed: {' '.join(cmd)}: {proc.stderr.read().decode()}")
    return elapsed, usage.ru_maxrss / 1024


def stages(doc: Path) -> dict[str, float]:
    """In-process time per pipeline stage (one run, after imports)."""
    from samverkan.loaders import pipeline
    from samverkan.loaders.gazetteer import load_gazetteer
    from samverkan.loaders.lexicon import get_lexicon
    from samverkan.loaders.read import read_document
    from samverkan.loaders.repair import repair_text

    out = {}
    t = time.perf_counter(); get_lexicon().load(); out["load lexicon"] = time.perf_counter() - t
    t = time.perf_counter(); load_gazetteer(); out["load gazetteer"] = time.perf_counter() - t
    t = time.perf_counter(); raw = read_document(doc); out["read"] = time.perf_counter() - t
    t = time.perf_counter(); repair_text(raw.text); out["repair"] = time.perf_counter() - t
    t = time.perf_counter(); pipeline.extract_text(raw); out["whole extraction (repair included)"] = time.perf_counter() - t
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("document", nargs="?", type=Path, default=ROOT / "data/raw/region-vastmanland-aterrapportering-2019.txt")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    cli = [sys.executable, "-m", "samverkan"]
    rows = {"baseline: samverkan --version": cli + ["--version"], "samverkan extract --format json": cli + ["extract", str(args.document)]}
    print(f"document: {args.document.name} ({args.document.stat().st_size / 1024:.0f} KiB), runs: {args.runs}, cores: {os.cpu_count()}")
    results = {}
    for label, cmd in rows.items():
        timed(cmd)  # warm the file cache
        runs = [timed(cmd) for _ in range(args.runs)]
        secs = [r[0] for r in runs]
        results[label] = statistics.median(secs)
        print(f"{label:<36} median {statistics.median(secs):6.2f} s  min {min(secs):6.2f}  max {max(secs):6.2f}  "
              f"peak RSS {max(r[1] for r in runs):6.0f} MB")
    extract = results["samverkan extract --format json"]
    base = results["baseline: samverkan --version"]
    print(f"extraction beyond start-up: {extract - base:.2f} s (target: whole command < 5 s, < 500 MB)")
    for stage, secs in stages(args.document).items():
        print(f"  stage {stage:<36} {secs:6.3f} s")
    for layout, secs in layouts(args.document).items():
        print(f"  layout {layout:<35} {secs:6.3f} s")


def layouts(doc: Path) -> dict[str, float]:
    """In-process extraction time of the same text laid out as PDF-to-text tools lay it out."""
    import hashlib

    from samverkan.loaders import pipeline
    from samverkan.loaders.read import RawDocument

    text = doc.read_text(encoding="utf-8")
    paragraphs = "\n".join(" ".join(p.split()) for p in text.split("\n\n") if p.strip())
    variants = {"as given (baseline)": text, "one line per paragraph": paragraphs,
                f"no line breaks ({len(text.encode()) // 1024} KiB line)": " ".join(text.split())}
    out = {}
    for name, body in variants.items():
        raw = RawDocument(doc, body, hashlib.sha256(body.encode()).hexdigest(), "txt")
        t = time.perf_counter()
        pipeline.extract_text(raw)
        out[name] = time.perf_counter() - t
    return out


if __name__ == "__main__":
    main()
