#!/usr/bin/env python3
"""kaudit against a peer auditor, timed as interleaved pairs (kaudit, peer,
kaudit, peer, ...) on one input: prints the median of the per-pair ratios
peer/kaudit with the smallest and largest, and each program's median CPU
seconds. kaudit runs -j 1 with every default check, text output.
Usage: bench/peer.py KAUDIT INPUT PAIRS -- PEER_COMMAND... (the input's
path is appended to the peer command)

Peers this machine can install (no PyPI, no GitHub downloads; npm only):
monokle's validator: `npm install --prefix /tmp/monokle
@monokle/validation@0.33.0 && cp bench/monokle.mjs /tmp/monokle/`, then
`bench/peer.py build/kaudit FILE 11 -- node /tmp/monokle/monokle.mjs` (ES
modules resolve from the script's folder; its network-free plugins:
pod-security-standards and yaml-syntax). kube-score, kube-linter, polaris and checkov are not on
npm or Debian and cannot be built here (Go modules need the network)."""
import os, statistics, subprocess, sys

sep = sys.argv.index("--")
kaudit, inp, pairs = sys.argv[1], sys.argv[2], int(sys.argv[3])
peer = sys.argv[sep + 1:] + [inp]


def cpu(cmd):
    before = os.times()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    after = os.times()
    return (after.children_user - before.children_user) + (after.children_system - before.children_system)


ks, ps = [], []
for _ in range(pairs):
    ks.append(cpu([kaudit, "--no-config", "-q", "-j", "1", inp]))
    ps.append(cpu(peer))
ratios = sorted(p / k for k, p in zip(ks, ps))
print(f"{os.path.basename(inp)}: peer/kaudit CPU median {statistics.median(ratios):.1f}x "
      f"(spread {ratios[0]:.1f}-{ratios[-1]:.1f}, {pairs} pairs); "
      f"kaudit {statistics.median(ks):.3f} s, peer {statistics.median(ps):.3f} s")
