#!/usr/bin/env python3
"""Text a person reads at a glance: every text line kaudit prints for the
renders in ../shared/corpus/helm, run from that folder (the names a user
types), is under 160 characters; prints the median and the longest.
SKIP (77) without ../shared. Usage: line_length.py KAUDIT SOURCE_ROOT"""
import os, statistics, subprocess, sys

kaudit, root = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
corpus = os.path.join(root, "..", "shared", "corpus", "helm")
if not os.path.isdir(corpus):
    print("SKIP: ../shared/corpus/helm not present")
    sys.exit(77)
lengths, longest = [], ""
for name in sorted(os.listdir(corpus)):
    if not name.endswith(".yaml"):
        continue
    out = subprocess.run([kaudit, "--no-config", "-q", "--color", "never", name], cwd=corpus,
                         capture_output=True, text=True).stdout
    for line in out.splitlines():
        lengths.append(len(line))
        if len(line) > len(longest):
            longest = line
print(f"{len(lengths)} lines: median {statistics.median(lengths):g}, longest {len(longest)} characters")
print(f"longest: {longest}")
over = sum(n >= 160 for n in lengths)
print(f"{'FAIL' if over or len(lengths) < 100 else 'ok'}: {over} lines of 160 characters or more")
sys.exit(1 if over or len(lengths) < 100 else 0)
