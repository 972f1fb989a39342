#!/usr/bin/env python3
"""Helm support on examples/helm: findings name their template in every
format, and with --chart-root the SARIF location points at the template
line that produced the node (the rendered position as a related location).
Usage: mapping.py KAUDIT SOURCE_ROOT"""
import json, os, subprocess, sys, tempfile

kaudit, root = os.path.abspath(sys.argv[1]), sys.argv[2]
os.chdir(root)
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from tally import check, finish  # noqa: E402
import noisy  # noqa: E402


def run(*args):
    return subprocess.run([kaudit, noisy.DISABLE, *args], capture_output=True, text=True)


rendered = "examples/helm/rendered.yaml"
text = run(rendered).stdout.splitlines()
check(len(text) == 13, f"13 findings, got {len(text)}")
check(not any(" (from " in l for l in text), "a render file: its # Source: lines show the template")
with open(rendered, "rb") as f:
    piped = subprocess.run([kaudit, noisy.DISABLE, "-"], stdin=f, capture_output=True, text=True).stdout.splitlines()
check(len(piped) == 13 and all(" (from shop/templates/" in l and l.endswith("]") for l in piped),
      "a piped render: the text names the template before [id]")

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

# Walking examples/ renders the chart (here with tests/helm/fake-helm,
# which prints the committed render): its findings sit in its templates;
# the chart's values.yaml is not walked on its own.
fake = os.path.join(os.getcwd(), "tests/helm/fake-helm")
report = json.loads(run("-f", "json", "--helm", fake, "examples").stdout)
inputs = {i["path"]: i for i in report["inputs"]}
check(inputs.get("examples/helm/shop", {}).get("status") == "audited", f"chart input: {inputs.get('examples/helm/shop')}")
# The chart's other files are walked (a chart may sit beside plain
# manifests): values.yaml is no manifest; templates/ is helm's.
check(inputs.get("examples/helm/shop/values.yaml", {}).get("reason") == "not a Kubernetes manifest",
      f"values.yaml: {inputs.get('examples/helm/shop/values.yaml')}")
check(not any(p.startswith("examples/helm/shop/templates") for p in inputs), "templates/ is not walked")
tp = {(f["id"], f.get("template_path"), f.get("template_line")) for f in report["findings"]
      if f["path"] == "examples/helm/shop"}
check(("run-as-user-zero", "examples/helm/shop/templates/cronjob.yaml", 17) in tp, f"chart finding in its template: {sorted(tp)[:3]}")
# Text and github name the template as the location.
text = run("--helm", fake, "examples/helm/shop").stdout.splitlines()
check(any(l.startswith("examples/helm/shop/templates/cronjob.yaml:17:17: error: ") for l in text), f"text location: {text[:2]}")
gh = run("-f", "github", "--helm", fake, "examples/helm/shop").stdout
check("::error file=examples/helm/shop/templates/cronjob.yaml,line=17,col=17," in gh, "github annotates the template")
# A template named on its own (pre-commit): its own documents only.
text = run("--helm", fake, "examples/helm/shop/templates/cronjob.yaml").stdout.splitlines()
check(text and all(l.startswith("examples/helm/shop/templates/cronjob.yaml:") for l in text), f"template alone: {text}")
check(len(text) == 8, f"8 findings of cronjob.yaml, got {len(text)}")
# The chart's values.yaml named on its own stands for the chart; named
# with the chart's templates, each finding comes once.
whole = sorted(run("--helm", fake, "examples/helm/shop").stdout.splitlines())
check(len(whole) > 8, f"chart findings: {len(whole)}")
for paths in (["examples/helm/shop/values.yaml"],
              ["examples/helm/shop/templates/cronjob.yaml", "examples/helm/shop/values.yaml"]):
    got = sorted(run("--helm", fake, *paths).stdout.splitlines())
    check(got == whole, f"{paths}: {len(got)} findings, the chart has {len(whole)}")
p = run("--helm", "/nonexistent/helm", "examples/helm/shop/values.yaml")
check(p.returncode == 0 and "'examples/helm/shop/values.yaml' skipped: its chart does not render" in p.stderr,
      f"no helm, values.yaml: {p.returncode} {p.stderr}")
# Without helm: a chart is an error that says how to install helm; a
# template alone is skipped with a note, never yaml-syntax.
p = run("--helm", "/nonexistent/helm", "examples/helm/shop")
check(p.returncode == 2 and "install it (https://helm.sh/" in p.stderr, f"no helm, chart: {p.returncode} {p.stderr}")
p = run("--helm", "/nonexistent/helm", "examples/helm/shop/templates/cronjob.yaml")
check(p.returncode == 0 and "skipped: its chart does not render" in p.stderr and "yaml-syntax" not in p.stdout,
      f"no helm, template: {p.returncode} {p.stderr}")
# A chart at a repository's top, beside plain manifests: both audited.
with tempfile.TemporaryDirectory() as tmp:
    import shutil
    repo = os.path.join(tmp, "repo")
    shutil.copytree("examples/helm/shop", repo)
    shutil.copy("examples/helm/rendered.yaml", os.path.join(tmp, "rendered.yaml"))
    os.makedirs(os.path.join(repo, "deploy"))
    shutil.copy("examples/insecure/web.yaml", os.path.join(repo, "deploy"))
    report = json.loads(run("-f", "json", "--helm", fake, repo).stdout)
    st = {i["path"][len(repo):]: i["status"] for i in report["inputs"]}
    check(st.get("") == "audited" and st.get("/deploy/web.yaml") == "audited", f"chart beside manifests: {st}")
# A chart helm cannot render: helm's message, at the chart, exit 2.
with tempfile.TemporaryDirectory() as tmp:
    bad = os.path.join(tmp, "bad")
    os.makedirs(os.path.join(bad, "templates"))
    with open(os.path.join(bad, "Chart.yaml"), "w") as f:
        f.write("apiVersion: v2\nname: bad\nversion: 0.1.0\n")
    p = run("--helm", fake, bad)
    check(p.returncode == 2 and f"cannot render '{bad}': helm template failed: Error: fake helm" in p.stderr,
          f"unrenderable chart: {p.returncode} {p.stderr}")

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
    # From the render's folder: a SARIF URI is never absolute.
    p = subprocess.run([os.path.abspath(kaudit), "--chart-root", "charts", "--enable", "privileged",
                        "-f", "sarif", "render.yaml"], capture_output=True, text=True, cwd=tmp)
    log = json.loads(p.stdout)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in log["runs"][0]["results"]}
    check(all(u.endswith("render.yaml") for u in uris) and len(log["runs"][0]["results"]) == 8,
          f"hostile sources stay at the render: {uris}")
    notes = [l for l in p.stderr.splitlines() if "--chart-root: template" in l]
    check(len(notes) == 4, f"one note per unusable source: {notes}")
    check(any("outside the chart root" in l for l in notes) and any("'..'" in l for l in notes)
          and any("absolute" in l for l in notes), f"notes say why: {notes}")

finish()
