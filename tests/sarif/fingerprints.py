#!/usr/bin/env python3
"""SARIF tests that need no ../shared: fingerprints survive moved lines and
reformatting, hostile input still gives valid JSON and UTF-8, stdin naming,
categories, determinism. Usage: fingerprints.py KAUDIT WORKDIR"""
import json, os, subprocess, sys, tempfile

kaudit, root = os.path.abspath(sys.argv[1]), sys.argv[2]
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from tally import check, finish  # noqa: E402


def sarif(args, cwd, stdin=None):
    p = subprocess.run([kaudit, "--format", "sarif"] + args, cwd=cwd,
                       input=stdin, capture_output=True)
    check(p.returncode in (0, 1), f"exit status {p.returncode} for {args}: {p.stderr!r}")
    raw = p.stdout
    try:
        raw.decode("utf-8", errors="strict")
        check(True, "")
    except UnicodeDecodeError as e:
        check(False, f"SARIF is not valid UTF-8: {e}")
    return json.loads(raw), raw


def fingerprints(log):
    out = {}
    for r in log["runs"][0]["results"]:
        fp = r["partialFingerprints"]["kauditIdentity/v1"]
        line = r["locations"][0]["physicalLocation"]["region"]["startLine"]
        out[fp] = (r["ruleId"], line)
    return out


BLOCK = """apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  template:
    spec:
      containers:
        - name: app
          image: nginx:1.27
          securityContext:
            privileged: true
            capabilities:
              add: [NET_ADMIN, SYS_ADMIN]
        - name: sidecar
          image: envoy:1.30
      volumes:
        - name: tmp
          emptyDir: {}
"""
# The same objects, moved down by comments and blank lines, reflowed into
# flow style with other indentation and key order.
MOVED = "# a new header that pushes everything down\n" * 20 + """


apiVersion: apps/v1
metadata: {namespace: shop, name: web}
kind: Deployment
spec:
    template:
        spec:
            volumes: [{name: tmp, emptyDir: {}}]
            containers:
            -   securityContext: {capabilities: {add: [NET_ADMIN, SYS_ADMIN]}, privileged: true}
                image: "nginx:1.27"
                name: app
            -   {name: sidecar, image: "envoy:1.30"}
"""

with tempfile.TemporaryDirectory() as d:
    os.mkdir(os.path.join(d, "deploy"))
    path = os.path.join(d, "deploy", "web.yaml")
    with open(path, "w") as f:
        f.write(BLOCK)
    before, raw1 = sarif(["deploy"], d)
    with open(path, "w") as f:
        f.write(MOVED)
    after, _ = sarif(["deploy"], d)
    fb, fa = fingerprints(before), fingerprints(after)
    check(len(fb) == len(before["runs"][0]["results"]) and len(fb) >= 10,
          f"fingerprints are not unique or too few: {len(fb)}")
    check(set(fb) == set(fa), f"fingerprints changed: {sorted(set(fb) ^ set(fa))}")
    moved = [fp for fp in fb if fp in fa and fb[fp][1] != fa[fp][1]]
    check(len(moved) == len(fb), f"startLine did not move: {[(fb[f], fa.get(f)) for f in fb if f not in moved]}")
    for fp in fb:
        if fp in fa:
            check(fb[fp][0] == fa[fp][0], f"{fp} changed rule")
    # Identity by meaning: edits to lists never hand an alert to another
    # member. Each fingerprint maps to its message (which names the
    # container and the capability or volume).
    def meanings(text):
        with open(path, "w") as f:
            f.write(text)
        log, _ = sarif(["deploy"], d)
        return {r["partialFingerprints"]["kauditIdentity/v1"]: r["message"]["text"]
                for r in log["runs"][0]["results"]}

    SIDECAR_FIRST = BLOCK.replace("""        - name: app
          image: nginx:1.27
          securityContext:
            privileged: true
            capabilities:
              add: [NET_ADMIN, SYS_ADMIN]
        - name: sidecar
          image: envoy:1.30
""", """        - name: sidecar
          image: envoy:1.30
        - name: app
          image: nginx:1.27
          securityContext:
            privileged: true
            capabilities:
              add: [SYS_ADMIN, NET_ADMIN]
""")
    base = meanings(BLOCK)
    edits = {
        "NET_ADMIN removed": BLOCK.replace("[NET_ADMIN, SYS_ADMIN]", "[SYS_ADMIN]"),
        "containers swapped, capabilities reordered": SIDECAR_FIRST,
        "a container inserted first": BLOCK.replace("      containers:\n",
                                                   "      containers:\n        - {name: init, image: busybox:1}\n"),
        "a volume inserted first": BLOCK.replace("      volumes:\n",
                                                "      volumes:\n        - {name: cache, hostPath: {path: /c}}\n"),
    }
    check(sum("NET_ADMIN" in m for m in base.values()) >= 1, f"no NET_ADMIN finding: {base}")
    for what, text in edits.items():
        got = meanings(text)
        # Every alert that is still there means what it meant.
        for fp, msg in got.items():
            if fp in base:
                check(base[fp] == msg, f"{what}: {fp} was {base[fp]!r}, now {msg!r}")
        # Every finding of the base that is still reported keeps its alert.
        kept = set(base.values()) & set(got.values())
        check(all(fp in got for fp, msg in base.items() if msg in kept),
              f"{what}: a kept finding changed identity: {sorted(set(base) - set(got))}")
    gone = meanings(edits["NET_ADMIN removed"])
    check(not any("NET_ADMIN" in m for m in gone.values()), "NET_ADMIN still reported")

    # URIs are repository-relative: no git here, so relative to the cwd.
    uri = before["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    check(uri == {"uri": "deploy/web.yaml", "uriBaseId": "%SRCROOT%", "index": 0}, f"artifact location {uri}")
    # From a subdirectory of a git repository: relative to the top level.
    os.mkdir(os.path.join(d, ".git"))
    sub, _ = sarif(["web.yaml"], os.path.join(d, "deploy"))
    uri = sub["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    check(uri == "deploy/web.yaml", f"uri from a subdirectory: {uri}")
    # Deterministic: byte-identical on a second run.
    with open(path, "w") as f:
        f.write(BLOCK)
    _, raw2 = sarif(["deploy"], d)
    check(raw1 == raw2, "two runs differ")

    # Every result: one location, a full region, ruleIndex matching ruleId.
    rules = before["runs"][0]["tool"]["driver"]["rules"]
    for r in before["runs"][0]["results"]:
        check(rules[r["ruleIndex"]]["id"] == r["ruleId"], "ruleIndex does not match ruleId")
        check(len(r["locations"]) == 1, "not exactly one location")
        reg = r["locations"][0]["physicalLocation"]["region"]
        check(all(k in reg for k in ("startLine", "startColumn", "endLine", "endColumn")), f"region {reg}")
    check(isinstance(rules[0]["properties"]["security-severity"], str), "security-severity is not a string")

    # Hostile names: quotes, backslashes, control characters, invalid UTF-8.
    hostile = (b'apiVersion: v1\nkind: Pod\nmetadata:\n  name: "q\\"uo\\\\te\\u0001\\t\\n"\n'
               b'spec:\n  containers:\n    - name: "\\x7f\\e\xff\xfe"\n      image: "evil\\u2028\\"\\\\"\n'
               b'    - name: bad\xc3\n      image: x\n')
    with open(os.path.join(d, "hostile.yaml"), "wb") as f:
        f.write(hostile)
    log, raw = sarif(["hostile.yaml"], d)
    check(len(log["runs"][0]["results"]) >= 1, "hostile file gave no result")
    with open(os.path.join(d, "hostile.sarif"), "wb") as f:
        f.write(raw)

    # stdin: unnamed is 'stdin' with a notification; named keeps the name.
    log, _ = sarif(["-"], d, stdin=BLOCK.encode())
    run = log["runs"][0]
    check(run["artifacts"][0]["location"]["uri"] == "stdin", "stdin artifact")
    notes = run["invocations"][0]["toolExecutionNotifications"]
    check(any("stdin" in n["message"]["text"] for n in notes), "no stdin notification")
    log, _ = sarif(["--stdin-filename", "deploy/web.yaml", "-"], d, stdin=BLOCK.encode())
    check(log["runs"][0]["artifacts"][0]["location"]["uri"] == "deploy/web.yaml", "named stdin")

    # Category; missing files in notifications; executionSuccessful.
    p = subprocess.run([kaudit, "-f", "sarif", "--sarif-category", "kaudit/prod/", "deploy", "nope.yaml"],
                       cwd=d, capture_output=True)
    check(p.returncode == 2, "missing input is exit 2")
    log = json.loads(p.stdout)
    run = log["runs"][0]
    check(run["automationDetails"]["id"] == "kaudit/prod/", "category")
    check(run["invocations"][0]["executionSuccessful"] is False, "executionSuccessful should be false")
    check(any("nope.yaml" in n["message"]["text"] and n["level"] == "error"
              for n in run["invocations"][0]["toolExecutionNotifications"]), "missing file notification")
    check([a["location"]["uri"] for a in run["artifacts"]] == ["deploy/web.yaml", "nope.yaml"], "artifacts")

    # -o writes only SARIF.
    p = subprocess.run([kaudit, "-f", "sarif", "-o", "out.sarif", "deploy"], cwd=d, capture_output=True)
    check(p.stdout == b"", "stdout not empty with -o")
    with open(os.path.join(d, "out.sarif"), "rb") as f:
        check(json.loads(f.read())["version"] == "2.1.0", "-o file")

    # No findings: results is an empty array, never omitted.
    with open(os.path.join(d, "cm.yaml"), "w") as f:
        f.write("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n")
    log, _ = sarif(["cm.yaml"], d)
    check(log["runs"][0]["results"] == [], "empty results")

    # Validate the hostile log with the real validator when ../shared is here.
    validator = os.path.join(root, "..", "shared", "tools", "validate-sarif")
    if os.path.exists(validator):
        p = subprocess.run([validator, "--strict", os.path.join(d, "hostile.sarif")], capture_output=True, text=True)
        check(p.returncode == 0, "validate-sarif on hostile names:\n" + p.stdout + p.stderr)

finish()
