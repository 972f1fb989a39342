#!/usr/bin/env python3
"""SARIF past GitHub's limits: 3,750 privileged Pods give 30,000 results;
GitHub shows the 5,000 most severe of a run and rejects more than 25,000,
so kaudit keeps the 5,000 most severe (every error first), says what it
left out in a notification and on stderr, and exits as the findings say;
--no-truncate writes all 30,000 and exits 2. The log still passes
validate-sarif's schema and GitHub layers when ../shared is here.
No URI is absolute: the results of a file outside the repository and the
current directory are left out, counted in a notification and on stderr.
Usage: limits.py KAUDIT SOURCE_ROOT"""
import collections, json, os, subprocess, sys, tempfile

kaudit, root = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from tally import check, finish  # noqa: E402
import noisy  # noqa: E402


POD = """---
apiVersion: v1
kind: Pod
metadata: {name: p%d}
spec:
  containers:
  - name: a
    image: x
    securityContext: {privileged: true}
"""
with tempfile.TemporaryDirectory() as d:
    with open(os.path.join(d, "many.yaml"), "w") as f:
        f.write("".join(POD % i for i in range(3750)))
    p = subprocess.run([kaudit, "--no-config", noisy.DISABLE, "-q", "-f", "sarif", "-o", "out.sarif", "many.yaml"],
                       cwd=d, capture_output=True, text=True)
    check(p.returncode == 1, f"exit {p.returncode}: {p.stderr}")
    check("25000 results were left out (0 errors, 25000 warnings, 0 notes)" in p.stderr, f"stderr: {p.stderr}")
    log = json.load(open(os.path.join(d, "out.sarif")))
    res = log["runs"][0]["results"]
    levels = collections.Counter(r["level"] for r in res)
    check(len(res) == 5000 and levels == {"error": 3750, "warning": 1250}, f"kept {len(res)}: {levels}")
    notes = [n["message"]["text"] for n in log["runs"][0]["invocations"][0]["toolExecutionNotifications"]]
    check(any("25000 results were left out" in n for n in notes), f"notifications: {notes}")
    check(len({r["partialFingerprints"]["kauditIdentity/v1"] for r in res}) == 5000, "identities unique")
    validator = os.path.join(root, "..", "shared", "tools", "validate-sarif")
    if os.path.exists(validator):
        v = subprocess.run([validator, "--strict", os.path.join(d, "out.sarif")], capture_output=True, text=True)
        out = v.stdout + v.stderr
        check("schema+github: 0 error(s), 0 warning(s)" in out, "validate-sarif:\n" + out[-2000:])
    p = subprocess.run([kaudit, "--no-config", noisy.DISABLE, "-q", "-f", "sarif", "--no-truncate", "-o", "all.sarif", "many.yaml"],
                       cwd=d, capture_output=True, text=True)
    check(p.returncode == 2 and "GitHub rejects a run of more than 25000" in p.stderr, f"--no-truncate: {p.returncode} {p.stderr}")
    check(len(json.load(open(os.path.join(d, "all.sarif")))["runs"][0]["results"]) == 30000, "--no-truncate writes all")

    # A file outside the current directory (and outside any repository):
    # its results are left out, never written with a file:// URI.
    out_dir = os.path.join(d, "outside")
    os.makedirs(os.path.join(out_dir, "here"))
    with open(os.path.join(out_dir, "far away.yaml"), "w") as f:
        f.write(POD % 1 + "  hostNetwork: true\n")
    with open(os.path.join(out_dir, "here", "near.yaml"), "w") as f:
        f.write(POD % 2)
    p = subprocess.run([kaudit, "--no-config", noisy.DISABLE, "-f", "sarif", "../far away.yaml", "near.yaml"],
                       cwd=os.path.join(out_dir, "here"), capture_output=True, text=True)
    log = json.loads(p.stdout)
    uris = []

    def walk(o):
        if isinstance(o, dict):
            uris.extend(v for k, v in o.items() if k == "uri" and isinstance(v, str))
            for v in o.values():
                walk(v)
        elif isinstance(o, list):
            for v in o:
                walk(v)
    walk(log["runs"][0]["results"])
    walk(log["runs"][0]["artifacts"])
    walk(log["runs"][0]["invocations"])
    notes = [n["message"]["text"] for n in log["runs"][0]["invocations"][0]["toolExecutionNotifications"]]
    check(p.returncode == 1 and uris and all(u == "near.yaml" for u in uris), f"outside: uris {set(uris)}")
    check(any(n.startswith("9 results in '../far away.yaml' were left out") for n in notes)
          and "9 results in '../far away.yaml' were left out" in p.stderr, f"outside notes: {notes} {p.stderr}")

finish()
