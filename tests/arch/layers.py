#!/usr/bin/env python3
"""The module graph of kaudit, read from the object files with nm.

Module A uses module B when an object of A has an undefined symbol that B
defines. The test fails on any cycle, and on any call from a lower layer to
a higher one (LAYERS below, lowest first: a module may use its own layer
and those under it). `--dot` prints the graph for graphviz instead.

Usage: layers.py [--dot] OBJECT_DIR
"""
import os
import subprocess
import sys

# Lowest first. Checks form one module ("checks"); the generated registry
# belongs to them.
LAYERS = [
    ["arena", "spill", "error", "scalar", "jsonw", "path", "utf16", "lines", "clean", "linehash", "suggest", "quantity", "fixtext", "fixlines", "fixplace", "fixedit", "fixdiff"],
    ["node", "image", "pins", "policy", "anchors", "rbac"],
    ["keys", "resolve"],
    ["stream", "read", "yaml", "tree", "document", "workload", "volume"],
    ["findings", "ident", "facts", "usesite", "fixstyle", "fixbuild", "fixdoc"],
    ["checks", "registry", "validate"],
    ["suppress", "waive", "comments", "helm", "templates", "tplctx", "fingerprint", "baseline", "checklist", "sarif_rules",
     "sarif_locations", "sarif_results", "sarif_absent", "sarif_linehash"],
    ["config", "settings", "input", "chart", "chartcopy", "chartmap", "values", "scopes"],
    ["audit", "run", "run_locate", "objects", "fixrun"],
    ["queue", "summary", "fixit", "report_text", "report_json", "report_sarif", "report_github", "report_ci"],
    ["report", "cli_options"],
    ["cli_args"],
    ["cli", "cli_doc"],
    ["main"],
]


def module_of(obj):
    base = os.path.basename(obj)
    base = base.replace(".c.o", "").replace(".o", "")
    if base.startswith("checks_") or "registry" in base:
        return "checks" if base.startswith("checks_") else "registry"
    for prefix in ("src_", "meson-generated_.._"):
        if base.startswith(prefix):
            base = base[len(prefix):]
    return base


def symbols(obj):
    out = subprocess.run(["nm", "-P", obj], capture_output=True, text=True,
                         check=True).stdout
    defined, undefined = set(), set()
    for line in out.splitlines():
        parts = line.split()
        if len(parts) < 2:
            continue
        name, kind = parts[0], parts[1]
        if kind == "U":
            undefined.add(name)
        elif kind.isupper():
            defined.add(name)
    return defined, undefined


def main():
    args = sys.argv[1:]
    dot = args and args[0] == "--dot"
    if dot:
        args = args[1:]
    objdir = args[0]
    objs = [os.path.join(objdir, f) for f in sorted(os.listdir(objdir))
            if f.endswith(".o")]
    mod_main = os.path.join(os.path.dirname(objdir.rstrip("/")),
                            "kaudit.p", "src_main.c.o")
    if os.path.exists(mod_main):
        objs.append(mod_main)
    owner, uses = {}, {}
    for o in objs:
        m = module_of(o)
        d, u = symbols(o)
        for s in d:
            owner[s] = m
        uses.setdefault(m, set()).update(u)
    graph = {m: sorted({owner[s] for s in u if s in owner} - {m})
             for m, u in uses.items()}
    if dot:
        print("digraph kaudit {")
        for m, deps in sorted(graph.items()):
            for d in deps:
                print(f'  "{m}" -> "{d}";')
        print("}")
        return 0
    rank = {m: i for i, layer in enumerate(LAYERS) for m in layer}
    bad = 0
    for m in sorted(graph):
        if m not in rank:
            print(f"module {m} is in no layer (add it to LAYERS)")
            bad += 1
    for m, deps in sorted(graph.items()):
        for d in deps:
            if m in rank and d in rank and rank[d] > rank[m]:
                print(f"upward call: {m} (layer {rank[m]}) -> {d} "
                      f"(layer {rank[d]})")
                bad += 1
    # Cycles: depth-first search over modules.
    state, stack = {}, []

    def visit(m):
        nonlocal bad
        state[m] = 1
        stack.append(m)
        for d in graph.get(m, []):
            if state.get(d) == 1:
                cyc = stack[stack.index(d):] + [d]
                print("cycle: " + " -> ".join(cyc))
                bad += 1
            elif d not in state:
                visit(d)
        stack.pop()
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m)
    for m, deps in sorted(graph.items()):
        print(f"{m}: {' '.join(deps)}")
    print(f"{len(graph)} modules, {bad} problems")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
