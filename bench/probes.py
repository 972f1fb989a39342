#!/usr/bin/env python3
"""Growth of kaudit's time and memory along every input dimension that
once grew super-linearly (issue 17), and a few more: each probe generates
inputs at 4 sizes (each 4x the last), runs kaudit on each (-j 1, every
check of the hardened profile on), and prints the CPU seconds, the peak
RSS, the growth exponent between consecutive sizes (log of the ratio
over log 4: 1.0 is linear, 2.0 quadratic) and the exponent fitted over all
sizes (least squares on log-log), which is the verdict. Memory is the peak RSS above
kaudit's own floor (a run on an empty file), so that a flat line reads 0.

Usage: probes.py KAUDIT [SCALE] [--only NAME] [--format F]
  SCALE multiplies every size (default 1; the regression test uses a small
  one). Prints a table; exits 1 when a fitted exponent is over 1.15 (time, on
  sizes that take long enough to time; memory, on sizes large enough)."""
import math, os, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "lib"))
from cpu import cpu_seconds  # noqa: E402

POD = """apiVersion: v1
kind: Pod
metadata: {name: p%d, namespace: shop}
spec:
  containers:
    - name: a
      image: x
      securityContext: {privileged: true}
"""


def containers_with_waivers(n):
    """One pod, n containers, each finding waived by a comment."""
    out = ["apiVersion: v1", "kind: Pod", "metadata: {name: big}", "spec:", "  containers:"]
    for i in range(n):
        out += [f"    - name: c{i}", "      image: x",
                "      securityContext: {privileged: true}  # kaudit:ignore privileged lab box"]
    return "\n".join(out) + "\n"


def pods_with_waivers_in_a_list(n):
    """One List document of n pods, each with a waiver comment."""
    out = ["apiVersion: v1", "kind: List", "items:"]
    for i in range(n):
        out += ["  - apiVersion: v1", "    kind: Pod", f"    metadata: {{name: p{i}}}", "    spec:",
                "      containers:", "        - name: a", "          image: x",
                "          securityContext: {privileged: true}  # kaudit:ignore privileged lab box"]
    return "\n".join(out) + "\n"


def volumes_and_mounts(n):
    out = ["apiVersion: v1", "kind: Pod", "metadata: {name: many}", "spec:", "  containers:",
           "    - name: a", "      image: x", "      volumeMounts:"]
    out += [f"        - {{name: v{i}, mountPath: /m{i}}}" for i in range(n)]
    out += ["  volumes:"] + [f"    - {{name: v{i}, emptyDir: {{}}}}" for i in range(n)]
    return "\n".join(out) + "\n"


def anchors_then_documents(n):
    """A document with n anchors, then n small documents."""
    out = ["apiVersion: v1", "kind: ConfigMap", "metadata: {name: anchors}", "data:"]
    out += [f"  k{i}: &a{i} v{i}" for i in range(n)]
    for i in range(n):
        out += ["---", POD % i]
    return "\n".join(out) + "\n"


def findings_per_document(n):
    """One pod, n containers with many findings each."""
    out = ["apiVersion: v1", "kind: Pod", "metadata: {name: big}", "spec:", "  hostNetwork: true",
           "  containers:"]
    for i in range(n):
        out += [f"    - name: c{i}", "      image: x:latest",
                "      securityContext: {privileged: true, runAsUser: 0, capabilities: {add: [SYS_ADMIN, NET_RAW]}}"]
    return "\n".join(out) + "\n"


def documents_per_file(n):
    return "---\n".join(POD % i for i in range(n))


def service_accounts_then_pods(n):
    """n pods whose ServiceAccounts come after them (held findings)."""
    pods = [POD.replace("spec:\n", f"spec:\n  serviceAccountName: sa{i}\n") % i for i in range(n)]
    sas = [f"apiVersion: v1\nkind: ServiceAccount\nmetadata: {{name: sa{i}, namespace: shop}}\n"
           f"automountServiceAccountToken: false\n" for i in range(n)]
    return "---\n".join(pods + sas)


PROBES = [
    # name, generator, base size, what is a file (False: one file; True: a folder of files)
    ("containers-with-waivers", containers_with_waivers, 500, False),
    ("pods-with-waivers-in-a-list", pods_with_waivers_in_a_list, 1000, False),
    ("volumes-x-mounts", volumes_and_mounts, 1000, False),
    ("anchors-then-documents", anchors_then_documents, 1000, False),
    ("findings-per-document", findings_per_document, 250, False),
    ("documents-per-file", documents_per_file, 2000, False),
    ("held-for-service-accounts", service_accounts_then_pods, 1000, False),
    ("files-per-directory", None, 250, True),
]


def peak_rss(argv):
    """kaudit's own peak RSS in MB, from GNU time: a child of this process
    would report this process's high-water mark (Linux keeps the larger of
    the two across exec), and the generated inputs make that large."""
    p = subprocess.run(["/usr/bin/time", "-f", "KAUDIT_MAXRSS %M"] + argv, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, text=True)
    for line in p.stderr.splitlines():
        if line.startswith("KAUDIT_MAXRSS "):
            return int(line.split()[1]) / 1024.0
    raise SystemExit("no peak RSS from /usr/bin/time (apt-get install time)")


def slope(points):
    """Least-squares slope of log(value) over log(size), or None with fewer
    than 3 points."""
    if len(points) < 3:
        return None
    xs = [math.log(n) for n, _ in points]
    ys = [math.log(max(v, 1e-6)) for _, v in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)


def measure(kaudit, path, fmt):
    argv = [kaudit, "--no-config", "-q", "-j", "1", "-f", fmt, path]
    best = None
    for _ in range(3):
        code, seconds = cpu_seconds(argv)
        if code not in (0, 1):
            raise SystemExit(f"{path}: exit {code}")
        best = seconds if best is None else min(best, seconds)
    return best, peak_rss(argv)


def main():
    args = sys.argv[1:]
    only, fmt = None, "text"
    if "--only" in args:
        i = args.index("--only")
        only = args[i + 1]
        del args[i:i + 2]
    if "--format" in args:
        i = args.index("--format")
        fmt = args[i + 1]
        del args[i:i + 2]
    kaudit = os.path.abspath(args[0])
    scale = float(args[1]) if len(args) > 1 else 1.0
    bad = []
    with tempfile.TemporaryDirectory() as d:
        empty = os.path.join(d, "empty.yaml")
        open(empty, "w").close()
        floor = peak_rss([kaudit, "--no-config", "-q", "-j", "1", "-f", fmt, empty])
        print(f"{'probe':30} {'size':>8} {'cpu s':>8} {'exp':>5} {'MB':>7} {'exp':>5}")
        for name, gen, base, folder in PROBES:
            if only and name != only:
                continue
            rows = []
            for k in range(4):
                n = max(1, int(base * scale * 4 ** k))
                path = os.path.join(d, f"{name}-{k}")
                if folder:
                    os.makedirs(path)
                    for i in range(n):
                        with open(os.path.join(path, f"f{i}.yaml"), "w") as f:
                            f.write(POD % i)
                else:
                    path += ".yaml"
                    with open(path, "w") as f:
                        f.write(gen(n))
                t, m = measure(kaudit, path, fmt)
                rows.append((n, t, max(m - floor, 0.0)))
            for k, (n, t, m) in enumerate(rows):
                et = em = ""
                if k:
                    pn, pt, pm = rows[k - 1]
                    if pt >= 0.05:
                        et = f"{math.log(max(t, 1e-6) / pt) / math.log(n / pn):.2f}"
                    if pm >= 2.0:
                        em = f"{math.log(max(m, 1e-6) / pm) / math.log(n / pn):.2f}"
                print(f"{name:30} {n:8} {t:8.3f} {et:>5} {m:7.1f} {em:>5}")
            # The verdict is the slope fitted over every size that is long
            # (or large) enough to measure: one noisy step of a shared
            # machine moves a step's exponent by 0.2, the fit by far less,
            # and a quadratic path still reads near 2.
            for what, col, least in (("time", 1, 0.02), ("memory", 2, 2.0)):
                e = slope([(r[0], r[col]) for r in rows if r[col] >= least])
                if e is not None:
                    print(f"{name:30} {'fit':>8} {what} exponent {e:.2f}")
                    if e > 1.15:
                        bad.append(f"{name}: {what} exponent {e:.2f}")
    for b in bad:
        print("OVER:", b)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
