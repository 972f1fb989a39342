#!/usr/bin/env python3
"""Baselines: --write-baseline, then --baseline with that file, a JSON
report or a SARIF log: unchanged findings are not reported and do not
fail the run, new ones are and do, gone ones are counted; SARIF keeps the
unchanged results marked baselineState unchanged (their alerts stay open)
and marks the new ones new; a file with no identity is an error.
Usage: baseline.py KAUDIT SOURCE_ROOT"""
import json, os, shutil, subprocess, sys, tempfile

kaudit, root = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from tally import check, finish  # noqa: E402


with tempfile.TemporaryDirectory() as d:
    def run(*args):
        return subprocess.run([kaudit, "--no-config", *args], cwd=d, capture_output=True, text=True)

    web = os.path.join(d, "web.yaml")
    shutil.copy(os.path.join(root, "examples/insecure/web.yaml"), web)
    original = open(web).read()
    p = run("--write-baseline", "base.json", "web.yaml")
    check(p.returncode == 1, f"write-baseline exit {p.returncode}")
    base = json.load(open(os.path.join(d, "base.json")))
    n = len(base["findings"])
    check(n >= 10 and all(":" in f["fingerprint"] for f in base["findings"]), f"baseline: {n}")
    run("-f", "json", "-o", "report.json", "web.yaml")
    run("-f", "sarif", "-o", "report.sarif", "web.yaml")
    for b in ("base.json", "report.json", "report.sarif"):
        p = run("--baseline", b, "web.yaml")
        check(p.returncode == 0 and p.stdout == "", f"{b}: unchanged findings reported: {p.returncode} {p.stdout[:300]}")
        check(f"{n} unchanged findings not reported; 0 of the baseline's are gone" in p.stderr, f"{b}: {p.stderr}")
    # A new finding (and lines moved): only it is reported, and it fails.
    with open(web, "w") as f:
        f.write("# moved\n\n" + original.replace("privileged: true", "privileged: true\n            runAsUser: 0", 1))
    p = run("--baseline", "base.json", "web.yaml")
    check(p.returncode == 1 and len(p.stdout.splitlines()) == 1 and "[run-as-user-zero]" in p.stdout,
          f"new finding: {p.returncode} {p.stdout}")
    log = json.loads(run("--baseline", "report.sarif", "-f", "sarif", "web.yaml").stdout)
    states = [r.get("baselineState") for r in log["runs"][0]["results"]]
    check(states.count("new") == 1 and states.count("unchanged") == n, f"SARIF baselineState: {states}")
    # A finding fixed: counted as gone.
    with open(web, "w") as f:
        f.write(original.replace("privileged: true", "privileged: false", 1))
    p = run("--baseline", "base.json", "web.yaml")
    check(p.returncode == 0 and "of the baseline's are gone" in p.stderr and
          "0 of the baseline's are gone" not in p.stderr, f"gone: {p.stderr}")
    # In SARIF: a note saying how many are absent, never a result for them
    # (code scanning would open an alert at a place that no longer has it).
    log = json.loads(run("--baseline", "base.json", "-f", "sarif", "web.yaml").stdout)
    notes = [x["message"]["text"] for x in log["runs"][0]["invocations"][0]["toolExecutionNotifications"]]
    states = {r.get("baselineState") for r in log["runs"][0]["results"]}
    check(any("of the baseline are absent from this run" in t and not t.startswith("0 ") for t in notes)
          and states == {"unchanged"}, f"SARIF absent: {notes} {states}")
    # Not a baseline: an error, exit 2.
    with open(os.path.join(d, "junk.json"), "w") as f:
        f.write('{"findings": []}')
    p = run("--baseline", "junk.json", "web.yaml")
    check(p.returncode == 2 and "holds no kaudit identity" in p.stderr, f"junk baseline: {p.returncode} {p.stderr}")
    p = run("--baseline", "missing.json", "web.yaml")
    check(p.returncode == 2, f"missing baseline: {p.returncode}")

finish()
