#!/usr/bin/env python3
"""Throughput of jieba-rs (PyPI `rjieba`) on the same corpus tickets `triage bench` uses, so the
two can be compared in one run on one machine.

    pip install rjieba
    python3 Benchmarks/jieba_speed.py corpus
"""
import json
import statistics
import sys
import time

import rjieba


def main():
    directory = sys.argv[1] if len(sys.argv) > 1 else "corpus"
    tickets = [json.loads(line) for name in ("dev.jsonl", "test.jsonl")
               for line in open(f"{directory}/{name}", encoding="utf-8") if line.strip()]
    print("language  lines   bytes     words/pass   median MB/s   median lines/s")
    for language in ("zh-Hans", "zh-Hant"):
        texts = [t["text"] for t in tickets if t["language"] == language]
        size = sum(len(t.encode()) for t in texts)
        times, words = [], 0
        for _ in range(15):
            start = time.perf_counter()
            words = sum(len(rjieba.cut(text)) for text in texts)
            times.append(time.perf_counter() - start)
        median = statistics.median(times)
        print(f"{language:8} {len(texts):6d} {size:8d} {words:13d} {size / median / 1e6:13.1f} {len(texts) / median:16.0f}")


if __name__ == "__main__":
    main()
