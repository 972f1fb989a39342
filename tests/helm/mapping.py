#!/usr/bin/env python3
"""Helm support on examples/helm: findings name their template in every
format, and with --chart-root the SARIF location points at the template
line that produced the node (the rendered position as a related location).
Usage: mapping.py KAUDIT SOURCE_ROOT"""
import json, os, subprocess, sys

kaudit, root = os.path.abspath(sys.argv[1]), sys.argv[2]
os.chdir(root)
passed = failed = 0


def check(cond, what):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAIL:", what)


def run(*args):
    return subprocess.run([kaudit, *args], capture_output=True, text=True)


rendered = "examples/helm/rendered.yaml"
text = run(rendered).stdout.splitlines()
check(len(text) == 13, f"13 findings, got {len(text)}")
check(all(" (from shop/templates/" in l and l.endswith("]") for l in text), "text names the template before [id]")

report = json.loads(run("-f", "json", rendered).stdout)
sources = {(f["id"], f["line"]): f["source_template"] for f in report["findings"]}
check(sources[("run-as-user-zero", 54)] == "shop/templates/cronjob.yaml", "json source_template")
check(sources[("emptydir-size-limit", 35)] == "shop/templates/deployment.yaml", "json source_template (deployment)")

# Without --chart-root: the rendered location, the template in the message,
# the logical locations and a related location.
log = json.loads(run("-f", "sarif", rendered).stdout)
r = next(r for r in log["runs"][0]["results"] if r["ruleId"] == "run-as-user-zero")
check(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == rendered, "primary is the render")
check("Rendered from the Helm template shop/templates/cronjob.yaml." in r["message"]["text"], "message names the template")
check({"name": "cronjob.yaml", "fullyQualifiedName": "shop/templates/cronjob.yaml", "kind": "module"}
      in r["locations"][0]["logicalLocations"], "logical location of the template")
check(r["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "shop/templates/cronjob.yaml",
      "related location is the template")

# With --chart-root: the alert sits on the template line.
log = json.loads(run("-f", "sarif", "--chart-root", "examples/helm", rendered).stdout)
want = {  # (rule, rendered line) -> (template, line, column)
    ("image-digest", 22): ("deployment.yaml", 20, 11),        # image: "{{ ... }}"
    ("read-only-root-filesystem", 25): ("deployment.yaml", 23, 11),  # securityContext: (toYaml below)
    ("emptydir-size-limit", 35): ("deployment.yaml", 30, 11),   # emptyDir: {}
    ("image-latest-tag", 51): ("cronjob.yaml", 14, 15),
    ("run-as-user-zero", 54): ("cronjob.yaml", 17, 17),         # runAsUser: 0
}
seen = 0
for r in log["runs"][0]["results"]:
    pl = r["locations"][0]["physicalLocation"]
    rel = r["relatedLocations"][0]["physicalLocation"]
    key = (r["ruleId"], rel["region"]["startLine"])
    check(rel["artifactLocation"]["uri"] == rendered, "related location is the render")
    check(pl["artifactLocation"]["uri"].startswith("examples/helm/shop/templates/"), f"primary in the chart: {pl}")
    if key in want:
        seen += 1
        name, line, col = want[key]
        got = (os.path.basename(pl["artifactLocation"]["uri"]), pl["region"]["startLine"], pl["region"]["startColumn"])
        check(got == (name, line, col), f"{key}: template position {got}, want {(name, line, col)}")
check(seen == len(want), f"all mapped findings present ({seen}/{len(want)})")

# Walking examples/ skips the chart's templates and says why; the chart's
# values and other YAML that is no manifest are skipped as such.
report = json.loads(run("-f", "json", "examples").stdout)
skipped = {i["path"]: i["reason"] for i in report["inputs"] if i["status"] == "skipped"}
check("helm template" in skipped.get("examples/helm/shop/templates", ""), f"skipped: {skipped}")
check(skipped.get("examples/helm/shop/values.yaml") == "not a Kubernetes manifest",
      f"values.yaml: {skipped}")

# --chart-root never reads outside the chart root: `# Source:` paths with
# `..`, absolute ones and symlinks that leave the root fall back to the
# rendered location, with a note naming each once.
import tempfile
with tempfile.TemporaryDirectory() as tmp:
    chart = os.path.join(tmp, "charts")
    os.makedirs(os.path.join(chart, "c/templates"))
    secret = os.path.join(tmp, "outside.yaml")
    with open(secret, "w") as f:
        f.write("kind: Pod\nspec:\n  containers:\n    - securityContext:\n        privileged: true\n")
    os.symlink(secret, os.path.join(chart, "c/templates/link.yaml"))
    pod = ("apiVersion: v1\nkind: Pod\nmetadata: {name: p%d}\nspec:\n"
           "  containers: [{name: a, image: x, securityContext: {privileged: true}}]\n")
    srcs = ["../outside.yaml", secret, "c/templates/link.yaml", "c/../../outside.yaml"]
    render = os.path.join(tmp, "render.yaml")
    with open(render, "w") as f:
        for i, src in enumerate(srcs * 2):
            f.write(f"---\n# Source: {src}\n" + pod % i)
    p = run("--chart-root", chart, "--enable", "privileged", "-f", "sarif", render)
    log = json.loads(p.stdout)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in log["runs"][0]["results"]}
    check(all(u.endswith("render.yaml") for u in uris) and len(log["runs"][0]["results"]) == 8,
          f"hostile sources stay at the render: {uris}")
    notes = [l for l in p.stderr.splitlines() if "--chart-root: template" in l]
    check(len(notes) == 4, f"one note per unusable source: {notes}")
    check(any("outside the chart root" in l for l in notes) and any("'..'" in l for l in notes)
          and any("absolute" in l for l in notes), f"notes say why: {notes}")

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
