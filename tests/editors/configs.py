#!/usr/bin/env python3
"""The configurations in examples/editors/, each in its real client where
the client is installed (CI installs vim, neovim and emacs-nox), on a file
whose name has spaces and a non-ASCII letter and whose findings sit after
non-ASCII text: every finding arrives, on its line, with the cursor on the
offending value (kaudit counts columns in characters; Vim's %v, Neovim's
byte conversion and Emacs's character columns must all agree), and the
summary never becomes an entry.
- Vim: examples/editors/vimrc, `:make` (makeprg with %:S), `:cc N`.
- Neovim: examples/editors/nvim-lint.lua loaded by the real Neovim with a
  stand-in for the nvim-lint plugin (not packaged: the stand-in only holds
  the tables the file fills); the linter's command is run and its parser
  applied to a real buffer.
- Emacs: examples/editors/kaudit-flymake.el, the Flymake backend called
  with a real buffer; the kaudit-compile command's output through
  ../shared/tools/check-emacs-compile when ../shared is here.
- VS Code: the tasks' problem matcher through ../shared/tools/
  check-vscode-matcher when ../shared is here, and the `kaudit: watch`
  background task's loop run for real: it audits at start and after a
  save, between lines its beginsPattern and endsPattern match (checked
  with Node's RegExp, the engine VS Code uses).
Usage: configs.py KAUDIT SOURCE_ROOT"""
import json, os, re, shutil, signal, subprocess, sys, tempfile, time

kaudit, root = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from tally import check, finish  # noqa: E402

editors = os.path.join(root, "examples", "editors")
tools = os.path.join(root, "..", "shared", "tools")
env = dict(os.environ, LC_ALL="C.UTF-8", PATH=os.path.dirname(kaudit) + ":" + os.environ["PATH"])
if os.path.basename(kaudit) != "kaudit":
    sys.exit("KAUDIT must be named kaudit (the configurations run `kaudit`)")
NAME = "deploy/with space é.yaml"
POD = """apiVersion: v1
kind: Pod
metadata:
  name: café
spec:
  containers:
    - {name: "é-app", image: "registry.example.com/app:1.0", securityContext: {privileged: true}}
"""
LEVELS = {"error": "e", "warning": "w", "note": "n"}


def expected(ws, name):
    """kaudit's findings: (line, level, code, the 6 characters at the column)."""
    out = subprocess.run(["kaudit", "--quiet", "--no-config", name], cwd=ws, env=env,
                         capture_output=True, text=True).stdout
    lines = open(os.path.join(ws, name), encoding="utf-8").read().split("\n")
    got = []
    for ln in out.splitlines():
        m = re.match(r"^(.*):(\d+):(\d+): (error|warning|note): (.*) \[([a-z0-9-]+)\]$", ln)
        line, col = int(m.group(2)), int(m.group(3))
        got.append((line, m.group(4), m.group(6), lines[line - 1][col - 1:col + 5]))
    return out, got


ws = tempfile.mkdtemp()
os.makedirs(os.path.join(ws, "deploy"))
with open(os.path.join(ws, NAME), "w", encoding="utf-8") as f:
    f.write(POD)
with open(os.path.join(ws, ".kaudit.yaml"), "w") as f:
    f.write("profile: hardened\n")
out, want = expected(ws, NAME)
check(len(want) >= 5 and any(w[3].startswith("true") for w in want), f"the case has findings after é: {want}")

# Vim.
if shutil.which("vim"):
    script = os.path.join(ws, "qf.vim")
    with open(script, "w") as f:
        f.write("""set filetype=yaml
silent make!
let out = []
for i in range(1, len(getqflist()))
  execute 'silent cc' i
  let e = getqflist()[i - 1]
  call add(out, {'valid': e.valid, 'file': bufname(e.bufnr), 'lnum': line('.'), 'type': e.type,
  \\ 'text': e.text, 'at': matchstr(getline('.'), '\\%' . col('.') . 'c.\\{,6}')})
endfor
call writefile([json_encode(out)], 'qf.json')
qa!
""")
    subprocess.run(["vim", "-es", "-N", "-u", os.path.join(editors, "vimrc"), "-i", "NONE", NAME, "-S", script],
                   cwd=ws, env=env, capture_output=True, timeout=60)
    qf = json.load(open(os.path.join(ws, "qf.json"), encoding="utf-8"))
    got = [(e["lnum"], e["type"], e["text"].rsplit("[", 1)[-1].rstrip("]"), e["at"]) for e in qf]
    check(all(e["valid"] and e["file"] == NAME for e in qf), f"Vim: entries {qf}")
    check(got == [(w[0], LEVELS[w[1]], w[2], w[3]) for w in want], f"Vim: {got}\nwant {want}")
else:
    print("SKIP: Vim (not installed)")

# Neovim, with a stand-in for the nvim-lint plugin.
if shutil.which("nvim"):
    rtp = os.path.join(ws, "rtp", "lua")
    os.makedirs(rtp)
    with open(os.path.join(rtp, "lint.lua"), "w") as f:
        f.write("return {linters = {}, linters_by_ft = {}, try_lint = function() end}\n")
    run_lint = os.path.join(ws, "lint.lua")
    with open(run_lint, "w") as f:
        f.write("""local l = require('lint').linters.kaudit
local cmd = {l.cmd}
for _, a in ipairs(l.args) do table.insert(cmd, type(a) == 'function' and a() or a) end
local bufnr = vim.api.nvim_get_current_buf()
local text = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\\n') .. '\\n'
local output = vim.fn.system(cmd, text)
local res = {}
for _, d in ipairs(l.parser(output, bufnr)) do
  local line = vim.api.nvim_buf_get_lines(bufnr, d.lnum, d.lnum + 1, false)[1]
  table.insert(res, {lnum = d.lnum + 1, severity = d.severity, code = d.code, at = line:sub(d.col + 1, d.col + 12)})
end
vim.fn.writefile({vim.fn.json_encode(res)}, 'nvim.json')
""")
    subprocess.run(["nvim", "--headless", "-u", "NONE", "-i", "NONE", "--cmd", "set rtp+=" + os.path.join(ws, "rtp"),
                    "-c", "luafile " + os.path.join(editors, "nvim-lint.lua"), "-c", "edit " + NAME.replace(" ", "\\ "),
                    "-c", "luafile " + run_lint, "-c", "qa!"], cwd=ws, env=env, capture_output=True, timeout=60)
    try:
        diags = json.load(open(os.path.join(ws, "nvim.json"), encoding="utf-8", errors="replace"))
    except FileNotFoundError:
        diags = None
    sev = {"error": 1, "warning": 2, "note": 3}
    got = [(d["lnum"], d["severity"], d["code"], d["at"][:len(w[3])]) for d, w in zip(diags or [], want)]
    check(diags is not None and len(diags) == len(want) and got == [(w[0], sev[w[1]], w[2], w[3]) for w in want],
          f"Neovim: {diags}\nwant {want}")
else:
    print("SKIP: Neovim (not installed)")

# Emacs: the Flymake backend on a real buffer.
if shutil.which("emacs"):
    el = os.path.join(editors, "kaudit-flymake.el")
    prog = """(require 'flymake)
(find-file %s)
(let ((done nil) (result nil) (n 0))
  (kaudit-flymake (lambda (diags &rest _) (setq result diags done t)))
  (while (and (not done) (< n 200))
    (accept-process-output nil 0.05)
    (setq n (1+ n)))
  (with-temp-file %s
    (dolist (d (reverse result))
      (let* ((beg (flymake-diagnostic-beg d))
             (buf (flymake-diagnostic-buffer d))
             (text (flymake-diagnostic-text d)))
        (insert (format "%%d\t%%s\t%%s\t%%s\n"
                        (with-current-buffer buf (line-number-at-pos beg))
                        (flymake-diagnostic-type d)
                        (car (last (split-string text "[][]" t)))
                        (with-current-buffer buf
                          (buffer-substring-no-properties
                           beg (min (+ beg 6) (save-excursion (goto-char beg) (line-end-position)))))))))))
(let ((cmd nil))
  (cl-letf (((symbol-function 'compile) (lambda (c &rest _) (setq cmd c))))
    (kaudit-compile))
  (with-temp-file %s (insert cmd)))
""" % (json.dumps(NAME), json.dumps(os.path.join(ws, "flymake.tsv")),
           json.dumps(os.path.join(ws, "compile.cmd")))
    with open(os.path.join(ws, "test.el"), "w", encoding="utf-8") as f:
        f.write(prog)
    p = subprocess.run(["emacs", "--batch", "-Q", "-l", "cl-lib", "-l", el, "-l", os.path.join(ws, "test.el")],
                       cwd=ws, env=env, capture_output=True, text=True, timeout=120)
    rows = [r.split("\t") for r in open(os.path.join(ws, "flymake.tsv"), encoding="utf-8").read().splitlines()] \
        if os.path.exists(os.path.join(ws, "flymake.tsv")) else []
    types = {"error": ":error", "warning": ":warning", "note": ":note"}

    got = [(int(r[0]), r[1], r[2], r[3]) for r in rows]
    check(got == [(w[0], types[w[1]], w[2], w[3]) for w in want], f"Emacs Flymake: {got}\nwant {want}\n{p.stderr[-800:]}")
    cmd = open(os.path.join(ws, "compile.cmd")).read() if os.path.exists(os.path.join(ws, "compile.cmd")) else ""
    compiled = subprocess.run(["sh", "-c", cmd + " 2>&1"], cwd=ws, env=env, capture_output=True, text=True).stdout
    check(compiled.replace(ws + "/", "") == out, f"kaudit-compile ran {cmd!r}: {compiled[:300]!r}")
    if os.path.exists(os.path.join(tools, "check-emacs-compile")):
        p = subprocess.run([os.path.join(tools, "check-emacs-compile"), "-"], input=compiled, cwd=ws, env=env,
                           capture_output=True, text=True)
        check(p.returncode == 0, f"check-emacs-compile: {p.stdout[-600:]}")
else:
    print("SKIP: Emacs (not installed)")

# VS Code: the problem matcher, and the watch task's loop.
tasks = json.load(open(os.path.join(editors, "vscode", "tasks.json")))
if os.path.exists(os.path.join(tools, "check-vscode-matcher")) and shutil.which("node"):
    p = subprocess.run([os.path.join(tools, "check-vscode-matcher"), "--tasks", os.path.join(editors, "vscode", "tasks.json"),
                        "-"], input=out, cwd=ws, env=env, capture_output=True, text=True)
    check(p.returncode == 0 and len(p.stdout.splitlines()) >= len(want), f"check-vscode-matcher: {p.stdout[-600:]}")
else:
    print("SKIP: VS Code problem matcher through ../shared/tools/check-vscode-matcher")
watch = [t for t in tasks["tasks"] if t["label"] == "kaudit: watch"]
check(len(watch) == 1 and watch[0]["isBackground"] and watch[0]["runOptions"]["runOn"] == "folderOpen",
      "a background task that starts with the folder")
if watch and shutil.which("node"):
    w = watch[0]
    proc = subprocess.Popen([w["command"], *w["args"]], cwd=ws, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True, start_new_session=True)
    lines, done = [], 0

    def until_done(n):
        global done
        deadline = time.time() + 30
        while done < n and time.time() < deadline:
            ln = proc.stdout.readline()
            if not ln:
                break
            lines.append(ln.rstrip("\n"))
            done += ln.strip() == "kaudit: audit done"
    until_done(1)
    time.sleep(1.1)  # a save a second later (find -newer compares whole seconds on some systems)
    with open(os.path.join(ws, NAME), "a", encoding="utf-8") as f:
        f.write("  hostNetwork: true\n")
    until_done(2)
    os.killpg(proc.pid, signal.SIGTERM)
    proc.wait()
    second = lines[lines.index("kaudit: audit done") + 1:] if "kaudit: audit done" in lines else []
    js = ("const [m, lines] = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
          "const re = new RegExp(m.pattern.regexp), b = new RegExp(m.background.beginsPattern),"
          " e = new RegExp(m.background.endsPattern);"
          "console.log(JSON.stringify(lines.map(l => b.test(l) ? 'begin' : e.test(l) ? 'end' : re.test(l) ? 'problem' : 'other')));")
    p = subprocess.run(["node", "-e", js], input=json.dumps([w["problemMatcher"], second]), capture_output=True, text=True)
    kinds = json.loads(p.stdout) if p.returncode == 0 else []
    n_after = len(expected(ws, NAME)[1])
    check(done == 2 and kinds == ["begin"] + ["problem"] * n_after + ["end"] and n_after > len(want),
          f"watch task: {done} cycles, second {kinds} ({n_after} findings)\n{lines}")
elif watch:
    print("SKIP: the watch task (no node)")

print("workspace", ws) if os.environ.get("KEEP") else shutil.rmtree(ws)
finish()
