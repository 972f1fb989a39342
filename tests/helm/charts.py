#!/usr/bin/env python3
"""Charts rendered by kaudit with the real helm: every finding sits on the
template line that wrote it. tests/helm/charts.tsv is the table of expected
locations (each checked by reading the template: the key the finding is
about, the toYaml or include line that wrote a value, or a helper's own
line); the chart of this repository (tests/helm/charts/every: two
resources in one file, range, nested helpers, toYaml from values, a
subchart) always, and ../shared/charts when present. SKIP (77) without
helm on PATH.
Usage: charts.py KAUDIT SOURCE_ROOT"""
import collections, json, os, shutil, subprocess, sys

kaudit, root = os.path.abspath(sys.argv[1]), sys.argv[2]
os.chdir(root)
if not shutil.which("helm"):
    print("SKIP: no helm on PATH (../shared/tools/install-k8s-tools)")
    sys.exit(77)
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from tally import check, finish  # noqa: E402


def run(*args, stdin=None):
    return subprocess.run([kaudit, "--no-config", "-j", "1", *args], input=stdin,
                          capture_output=True, text=True)


def table(name):
    t = collections.defaultdict(collections.Counter)
    for line in open(name):
        if line.startswith("#") or not line.strip():
            continue
        chart, *row = line.rstrip("\n").split("\t")
        t[chart.replace("shared:", "../shared/")][tuple(row)] += 1
    return t


def below(path, chart):
    return path[len(chart) + 1:] if path.startswith(chart + "/") else path


want, want_values = table("tests/helm/charts.tsv"), table("tests/helm/values.tsv")

total = 0
for chart, rows in want.items():
    if not os.path.isdir(chart):
        print(f"skip {chart}: not present")
        continue
    p = run("-f", "json", chart)
    check(p.returncode in (0, 1), f"{chart}: exit {p.returncode}: {p.stderr}")
    got, got_values = collections.Counter(), collections.Counter()
    for f in json.loads(p.stdout)["findings"]:
        what = (f["id"], f["kind"] + "/" + f["name"], f["container"] or "-")
        got[what + (below(f.get("template_path") or "", chart),
                    str(f.get("template_line")), str(f.get("template_column")))] += 1
        if f.get("values_path"):
            got_values[what + (below(f["values_path"], chart), str(f["values_line"]),
                               str(f["values_column"]))] += 1
    for row in (want_values[chart] - got_values):
        check(False, f"{chart}: values location missing {row}")
    for row in (got_values - want_values[chart]):
        check(False, f"{chart}: values location unexpected {row}")
    for row in (rows - got):
        check(False, f"{chart}: missing {row}")
    for row in (got - rows):
        check(False, f"{chart}: unexpected {row}")
    check(rows == got, f"{chart}: the table holds")
    total += sum(rows.values())
check(total >= 60 or not os.path.isdir("../shared/charts"), f"at least 60 findings mapped ({total})")
print(f"{total} findings compared")

# The same alerts however the chart reached kaudit: rendered by kaudit, or
# piped from helm with --chart-root (the chart, or its folder).
every = "tests/helm/charts/every"
render = subprocess.run(["helm", "template", every], capture_output=True, text=True).stdout


def fingerprints(p):
    log = json.loads(p.stdout)
    return collections.Counter((r["ruleId"], r["partialFingerprints"]["kauditIdentity/v1"])
                               for r in log["runs"][0]["results"])


direct = fingerprints(run("-f", "sarif", every))
for cr in (every, os.path.dirname(every)):
    piped = fingerprints(run("-f", "sarif", "--chart-root", cr, "-", stdin=render))
    check(piped == direct, f"fingerprints piped with --chart-root {cr} differ")
saved = fingerprints(run("-f", "sarif", "--stdin-filename", "elsewhere/render.yaml", "-", stdin=render))
check(saved == direct, "fingerprints of a render saved elsewhere differ")
# SARIF: the template is the primary location.
log = json.loads(run("-f", "sarif", every).stdout)
uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]}
check(all("/templates/" in u for u in uris), f"SARIF primary locations in templates: {uris}")
# A --chart-root that matches no `# Source:` is an error.
p = run("--chart-root", "tests/cases", "-", stdin=render)
check(p.returncode == 2 and "no `# Source:` path" in p.stderr, f"wrong --chart-root: {p.returncode} {p.stderr[-300:]}")

# Values files: the text names them; SARIF has them as related locations;
# a --values file that sets the value wins over values.yaml; a value --set
# changed is located nowhere (never at values.yaml, which lost).
p = run(every)
check("workers.yaml:39:13: error: container 'b' is privileged; set privileged: false "
      "(set at tests/helm/charts/every/values.yaml:7) [privileged]"
      in p.stdout, f"text names the values line: {p.stdout[:600]}")
log = json.loads(run("-f", "sarif", every).stdout)
rel = [loc for r in log["runs"][0]["results"] if r["ruleId"] == "privileged"
       and r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("workers.yaml")
       for loc in r.get("relatedLocations", []) if "values" in loc["message"]["text"]]
check([(loc["physicalLocation"]["artifactLocation"]["uri"], loc["physicalLocation"]["region"]["startLine"])
       for loc in rel] == [("tests/helm/charts/every/values.yaml", 7)], f"SARIF values location: {rel}")


def values_of(*args):
    p = run("-f", "json", *args, every)
    check(p.returncode == 1, f"{args}: exit {p.returncode} {p.stderr}")
    return {(f["id"], f["name"]): (f.get("values_path"), f.get("values_line"))
            for f in json.loads(p.stdout)["findings"]}


import tempfile
with tempfile.TemporaryDirectory() as tmp:
    over = os.path.join(tmp, "over.yaml")
    with open(over, "w") as f:
        f.write("# production\ndebugSecurityContext:\n  runAsUser: 0\n")
    v = values_of("--values", over)
    check(v.get(("run-as-user-zero", "worker-b")) == (over, 3), f"--values file wins: {v}")
    check(v.get(("privileged", "worker-b")) == (every + "/values.yaml", 7), f"merged map: {v}")
    v = values_of("--set", "image=other.example.com/app:2.0")
    check(v.get(("image-digest", "worker-b")) == (None, None), f"--set value located: {v}")

# A chart's values.yaml named on its own (what pre-commit passes when only
# values change) stands for the whole chart, a subchart's for its parent;
# named with the chart's templates or the chart, each finding comes once.
def findings(*paths):
    p = run("-f", "json", *paths)
    return collections.Counter((f["id"], f["name"], f.get("template_path"), f.get("template_line"))
                               for f in json.loads(p.stdout)["findings"])


whole = findings(every)
check(len(whole) > 20, f"every chart: {len(whole)} findings")
for paths in ([every + "/values.yaml"], [every + "/charts/sub/values.yaml"], [every + "/Chart.yaml"],
              [every + "/templates/debug.yaml", every + "/values.yaml"],
              [every, every + "/templates/workers.yaml", every + "/values.yaml"]):
    check(findings(*paths) == whole, f"{paths}: not the chart's findings once")

# A template cannot forge a marker: text that looks like one is not used.
with tempfile.TemporaryDirectory() as tmp:
    os.makedirs(os.path.join(tmp, "f/templates"))
    with open(os.path.join(tmp, "f/Chart.yaml"), "w") as f:
        f.write("apiVersion: v2\nname: f\nversion: 0.1.0\n")
    with open(os.path.join(tmp, "f/templates/pod.yaml"), "w") as f:
        f.write("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n"
                "    - name: a\n      image: x\n      securityContext:\n"
                "        privileged: true #kaudit-line:0123456789abcdef:1:1\n")
    p = run("--enable", "privileged", "-f", "json", os.path.join(tmp, "f"))
    got = [(os.path.basename(f["template_path"]), f["template_line"]) for f in json.loads(p.stdout)["findings"]]
    check(got == [("pod.yaml", 9)], f"forged marker: {got}")

# A chart at a repository's top: the marked copy leaves .git out (11,000
# files would pass the copy's limit), so the lines stay exact.
with tempfile.TemporaryDirectory() as tmp:
    repo = os.path.join(tmp, "repo")
    shutil.copytree(every, repo)
    objs = os.path.join(repo, ".git/objects/aa")
    os.makedirs(objs)
    for i in range(11000):
        open(os.path.join(objs, str(i)), "w").close()
    p = run("-f", "json", repo)
    got = {(f["id"], f["template_path"][len(repo) + 1:], f["template_line"])
           for f in json.loads(p.stdout)["findings"]}
    check(("privileged", "templates/_helpers.tpl", 18) in got, f"chart with .git: {sorted(got)[:4]}")

finish()
