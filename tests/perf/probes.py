#!/usr/bin/env python3
"""No input dimension grows super-linearly: each of bench/probes.py's
generated inputs (containers with waivers in one pod, pods with waivers in
a List, volumes x mounts, anchors then documents, findings per document,
documents per file, findings held for ServiceAccounts read later, files
per directory) is audited at a small size and at 8x it, in the text path
and SARIF's (and --diff's where fixes abound). Linear work
grows 8x, quadratic 64x: the test fails when CPU time grows more than
24x, a ratio generous enough for a noisy machine and far below quadratic
(the small size is repeated so that it takes long enough to measure).
Peak RSS (GNU time, when installed) may grow at most 12x above kaudit's
own floor. Usage: probes.py KAUDIT"""
import os, subprocess, sys, tempfile

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "lib"))
sys.path.insert(0, os.path.join(here, "..", "..", "bench"))
from tally import check, finish  # noqa: E402
from cpu import cpu_seconds  # noqa: E402
import probes  # noqa: E402

kaudit = os.path.abspath(sys.argv[1])
rss = os.path.exists("/usr/bin/time")


def cpu(argv, times):
    best = None
    for _ in range(times):
        code, seconds = cpu_seconds(argv)
        check(code in (0, 1), f"{argv[-1]}: exit {code}")
        best = seconds if best is None else min(best, seconds)
    return best


with tempfile.TemporaryDirectory() as d:
    empty = os.path.join(d, "empty.yaml")
    open(empty, "w").close()
    floor = probes.peak_rss([kaudit, "--no-config", "-q", "-j", "1", empty]) if rss else 0
    for name, gen, base, folder in probes.PROBES:
        # Each probe in the text path and SARIF's (its fixes are worked
        # out per document), and where fixes abound, --diff's.
        modes = [("text", []), ("sarif", ["-f", "sarif"])]
        if name in ("findings-per-document", "pods-with-waivers-in-a-list"):
            modes.append(("diff", ["--diff"]))
        paths = []
        for k, n in enumerate((base, base * 8)):
            path = os.path.join(d, f"{name}-{k}")
            if folder:
                os.makedirs(path)
                for i in range(n):
                    with open(os.path.join(path, f"f{i}.yaml"), "w") as f:
                        f.write(probes.POD % i)
            else:
                path += ".yaml"
                with open(path, "w") as f:
                    f.write(gen(n))
            paths.append(path)
        for mode, extra in modes:
            got = []
            for k, path in enumerate(paths):
                argv = [kaudit, "--no-config", "-q", "-j", "1"] + extra + [path]
                got.append((cpu(argv, 5 if k == 0 else 1),
                            probes.peak_rss(argv) - floor if rss else 0))
            (ts, ms), (tb, mb) = got
            ratio = tb / max(ts, 2e-3)
            print(f"{name} ({mode}): {base} {ts:.3f} s {ms:.1f} MB, {base * 8} {tb:.3f} s "
                  f"{mb:.1f} MB: {ratio:.1f}x time")
            check(ratio < 24, f"{name} ({mode}): {ratio:.1f}x the time for 8x the input")
            if rss and mb > 4:
                check(mb / max(ms, 0.5) < 12,
                      f"{name} ({mode}): {mb / max(ms, 0.5):.1f}x the memory for 8x the input")
    if not rss:
        print("note: no /usr/bin/time: memory not measured")
finish()
