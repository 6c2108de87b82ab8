#!/usr/bin/python3
"""Baseline for bench/analysis.ts: Python jieba lcut alone over the "text" of each JSON line of a file.

Usage: /usr/bin/python3 bench/jieba-baseline.py FILE.jsonl
Prints one JSON object: {"posts", "bytes", "tokens", "seconds", "cpu_seconds", "posts_per_s", "mb_per_s"}
(dictionary loading excluded; cpu_seconds is the process CPU time of the loop, which a loaded machine inflates less).
"""
import json
import sys
import time
import logging

import jieba

jieba.setLogLevel(logging.WARNING)
jieba.initialize()

texts = []
with open(sys.argv[1], encoding="utf-8") as f:
    for line in f:
        if line.strip():
            texts.append(json.loads(line)["text"])
total_bytes = sum(len(t.encode("utf-8")) for t in texts)
jieba.lcut(texts[0])
start = time.perf_counter()
cpu_start = time.process_time()
n = 0
for t in texts:
    n += len(jieba.lcut(t))
elapsed = time.perf_counter() - start
cpu = time.process_time() - cpu_start
print(json.dumps({"posts": len(texts), "bytes": total_bytes, "tokens": n, "seconds": elapsed, "cpu_seconds": cpu,
                  "posts_per_s": len(texts) / elapsed, "mb_per_s": total_bytes / elapsed / 1e6}))
