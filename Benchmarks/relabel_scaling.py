#!/usr/bin/env python3
"""Measures `triage relabel` on one export with --jobs 1 and --jobs N, alternating, and prints
the median wall time, CPU time and peak memory of each and the speed-up.

    swift build -c release
    python3 Benchmarks/make_relabel_input.py 1000000 /tmp/relabel-1m.csv
    python3 Benchmarks/relabel_scaling.py /tmp/relabel-1m.csv --runs 3
"""
import argparse
import os
import pathlib
import resource
import statistics
import subprocess
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent


def run(binary: str, export: str, jobs: int, out: str) -> tuple[float, float, int]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    process = subprocess.run(
        [binary, "relabel", "--input", export, "--output", out, "--id-column", "工单编号", "--text-column", "受理内容",
         "--label-column", "业务类型", "--context-column", "area=区域", "--label-map", str(ROOT / "Benchmarks/label_map.yaml"),
         "--jobs", str(jobs), "--now", "2026-06-10T10:00:00"],
        stderr=subprocess.PIPE, text=True)
    wall = time.monotonic() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if process.returncode not in (0, 3):
        raise SystemExit(process.stderr)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, after.ru_maxrss  # KB; the largest child so far


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("export")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=os.cpu_count())
    parser.add_argument("--binary", default=str(ROOT / ".build/release/triage"))
    args = parser.parse_args()
    results: dict[int, list[tuple[float, float, int]]] = {1: [], args.jobs: []}
    with tempfile.TemporaryDirectory() as folder:
        for _ in range(args.runs):
            for jobs in results:
                results[jobs].append(run(args.binary, args.export, jobs, f"{folder}/out-{jobs}.jsonl"))
                print(f"--jobs {jobs}: {results[jobs][-1][0]:.1f} s wall, {results[jobs][-1][1]:.1f} s CPU", flush=True)
    rows = sum(1 for _ in open(args.export, encoding="utf-8")) - 1
    medians = {jobs: (statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)) for jobs, runs in results.items()}
    for jobs, (wall, cpu) in medians.items():
        print(f"--jobs {jobs}: median {wall:.1f} s wall ({rows / wall:,.0f} rows/s), {cpu:.1f} s CPU")
    print(f"speed-up --jobs {args.jobs} / --jobs 1: {medians[1][0] / medians[args.jobs][0]:.2f}x; "
          f"peak resident memory of any run: {max(r[2] for runs in results.values() for r in runs) / 1024:.0f} MB")


if __name__ == "__main__":
    main()
