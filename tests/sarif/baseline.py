#!/usr/bin/env python3
"""Baselines: --write-baseline, then --baseline with that file, a JSON
report or a SARIF log: unchanged findings are not reported and do not
fail the run, new ones are and do, gone ones are counted; SARIF keeps the
unchanged results marked baselineState unchanged (their alerts stay open)
and marks the new ones new; with --baseline-absent it writes the gone
ones as results marked absent, where the baseline placed them; a file
with no identity is an error.
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
    # --baseline-absent: the gone finding as a result, baselineState
    # absent, where each kind of baseline placed it, with its identity.
    gone = [f for f in base["findings"] if f["id"] == "privileged" and f["line"] == 21]
    check(len(gone) == 1 and gone[0]["column"] == 25 and gone[0]["end_column"] == 29
          and gone[0]["level"] == "error" and "privileged" in gone[0]["message"], f"baseline record: {gone}")
    for b in ("base.json", "report.json", "report.sarif"):
        log = json.loads(run("--baseline", b, "--baseline-absent", "-f", "sarif", "web.yaml").stdout)
        absent = [r for r in log["runs"][0]["results"] if r.get("baselineState") == "absent"]
        loc = absent[0]["locations"][0]["physicalLocation"] if absent else {}
        check(len(absent) == 1 and absent[0]["ruleId"] == "privileged" and absent[0]["level"] == "error"
              and loc["artifactLocation"] == {"uri": "web.yaml", "uriBaseId": "%SRCROOT%"}
              and loc["region"] == {"startLine": 21, "startColumn": 25, "endLine": 21, "endColumn": 29}
              and absent[0]["partialFingerprints"]["kauditIdentity/v1"] == gone[0]["fingerprint"]
              and "privileged" in absent[0]["message"]["text"]
              and log["runs"][0]["tool"]["driver"]["rules"][absent[0]["ruleIndex"]]["id"] == "privileged"
              and ("primaryLocationLineHash" in absent[0]["partialFingerprints"]) == b.endswith(".sarif"),
              f"{b}: absent results: {absent}")
        notes = [x["message"]["text"] for x in log["runs"][0]["invocations"][0]["toolExecutionNotifications"]]
        check(any("1 written as results with baselineState absent" in t for t in notes), f"{b}: {notes}")
    # Its check not run: counted, not written.
    npriv = sum(f["id"] == "privileged" for f in base["findings"])
    log = json.loads(run("--baseline", "base.json", "--baseline-absent", "--disable", "privileged",
                         "-f", "sarif", "web.yaml").stdout)
    notes = [x["message"]["text"] for x in log["runs"][0]["invocations"][0]["toolExecutionNotifications"]]
    check(not any(r.get("baselineState") == "absent" for r in log["runs"][0]["results"])
          and any(f"0 written" in t and f"{npriv} without a rule of this run" in t for t in notes), f"disabled: {notes}")
    # A hand-made baseline: escapes decoded, hostile places left out, and
    # past GitHub's 5,000 results the rest counted as left out.
    rec = ('{"fingerprint": "%016x:1", "id": "privileged", "path": %s, "line": 3, "column": 2, '
           '"level": "warning", "message": "caf\\u00e9 \\ud83d\\ude00 \\"q\\"\\n"}')
    recs = [rec % (1, '"web.yaml"'), rec % (2, '"/etc/passwd"'), rec % (3, '"../../x.yaml"')]
    recs += [rec % (16 + i, '"web.yaml"') for i in range(5100)]
    with open(os.path.join(d, "hand.json"), "w") as f:
        f.write('{"kaudit_baseline": 1, "findings": [\n' + ",\n".join(recs) + "\n]}\n")
    p = run("--baseline", "hand.json", "--baseline-absent", "-f", "sarif", "web.yaml")
    log = json.loads(p.stdout)
    absent = [r for r in log["runs"][0]["results"] if r.get("baselineState") == "absent"]
    notes = [x["message"]["text"] for x in log["runs"][0]["invocations"][0]["toolExecutionNotifications"]]
    kept = 5000 - (len(log["runs"][0]["results"]) - len(absent))
    check(len(absent) == kept and absent[0]["message"]["text"] == 'caf\u00e9 \U0001f600 "q"\n'
          and absent[0]["level"] == "warning"
          and all(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "web.yaml" for r in absent),
          f"hand-made: {len(absent)} {absent[:1]}")
    check(any(f"{kept} written" in t and f"{5101 - kept} left out past the limit" in t and "2 without" in t
              for t in notes), f"hand-made notes: {notes}")
    # Only with --baseline and SARIF.
    for args in (("--baseline-absent", "-f", "sarif"), ("--baseline", "base.json", "--baseline-absent")):
        p = run(*args, "web.yaml")
        check(p.returncode == 2 and "--baseline-absent needs --baseline and --format sarif" in p.stderr,
              f"{args}: {p.returncode} {p.stderr}")
    # Not a baseline: an error, exit 2.
    with open(os.path.join(d, "junk.json"), "w") as f:
        f.write('{"findings": []}')
    p = run("--baseline", "junk.json", "web.yaml")
    check(p.returncode == 2 and "holds no kaudit identity" in p.stderr, f"junk baseline: {p.returncode} {p.stderr}")
    p = run("--baseline", "missing.json", "web.yaml")
    check(p.returncode == 2, f"missing baseline: {p.returncode}")

finish()
