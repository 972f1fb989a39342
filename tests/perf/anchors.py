#!/usr/bin/env python3
"""No quadratic anchor table: a document with 200,000 anchors followed by
20,000 small documents with one anchor each. The big table used to be
cleared whole before every later document (3.9 s against 0.5 s). Fails
when the stream costs more than 3x the CPU time of its two parts audited
apart (a ratio far from a noisy machine's spread and far below the old
8x). Usage: anchors.py KAUDIT"""
import os, sys, tempfile

kaudit = os.path.abspath(sys.argv[1])
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from tally import check, finish  # noqa: E402
from cpu import cpu_seconds  # noqa: E402

BIG = "---\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n" + "".join(f"  k{i}: &a{i} v\n" for i in range(200000))
SMALL = "".join(f"---\nkind: ConfigMap\nmetadata: {{name: s{i}}}\ndata: {{a: &x 1, b: *x}}\n" for i in range(20000))


def cpu(path):
    code, seconds = cpu_seconds([kaudit, "--no-config", "-q", "-j", "1", path])
    check(code == 0, f"{path}: exit {code}")
    return seconds


with tempfile.TemporaryDirectory() as d:
    parts = {}
    for name, text in (("big", BIG), ("small", SMALL), ("both", BIG + SMALL)):
        parts[name] = os.path.join(d, name + ".yaml")
        with open(parts[name], "w") as f:
            f.write(text)
    t = {k: cpu(v) for k, v in parts.items()}
    ratio = t["both"] / max(t["big"] + t["small"], 1e-3)
    print(f"big {t['big']:.3f} s, small documents {t['small']:.3f} s, together {t['both']:.3f} s: {ratio:.2f}x")
    check(ratio < 3, f"the anchor table of one document slows every later one: {ratio:.2f}x")
finish()
