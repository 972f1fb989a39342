#!/usr/bin/env python3
"""Conformance with pod-security-admission over ../shared/corpus/psa: for
each fixture at its level, kaudit finds something exactly when PSA fails it,
and the PSA checks of its findings are exactly the failing_checks column.
SKIP (77) without ../shared. Usage: psa.py KAUDIT SOURCE_ROOT"""
import json, os, subprocess, sys

kaudit, root = sys.argv[1], sys.argv[2]
corpus = os.path.join(root, "..", "shared", "corpus", "psa")
if not os.path.exists(os.path.join(corpus, "EXPECTED.tsv")):
    print("SKIP: ../shared/corpus/psa not present")
    sys.exit(77)

passed = failed = 0
with open(os.path.join(corpus, "EXPECTED.tsv")) as f:
    rows = [line.rstrip("\n").split("\t") for line in f][1:]
for path, level, expected, _check, failing in rows:
    p = subprocess.run([kaudit, "--profile", level, "--format", "json",
                        os.path.join(corpus, path)], capture_output=True)
    report = json.loads(p.stdout)
    got = sorted({f["psa"] for f in report["findings"] if f["psa"]})
    others = [f["id"] for f in report["findings"] if not f["psa"]]
    want = [] if failing == "-" else sorted(failing.split(","))
    status_ok = p.returncode == (1 if expected == "fail" else 0)
    if got == want and status_ok and not others:
        passed += 1
    else:
        failed += 1
        print(f"FAIL {path} at {level}: expected {expected} {want}, "
              f"kaudit exit {p.returncode} {got} {others}")
        for f in report["findings"]:
            print(f"    {f['line']}:{f['column']} [{f['id']}] {f['message']}")
print(f"PSA fixtures with PSA's verdict and checks: {passed}/{len(rows)}")
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
