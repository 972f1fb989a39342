#!/usr/bin/env python3
"""How often kaudit agrees with kubeaudit's and Polaris's expected verdicts
on the checks both tools have, over ../shared/corpus/{kubeaudit,polaris}.
Prints a table and every disagreement; doc/comparison.md explains them.
Usage: compare.py KAUDIT SOURCE_ROOT [--verbose]. Exit 0 whatever the
agreement (this measures, it does not gate); 77 without ../shared."""
import json, os, subprocess, sys

kaudit, root = sys.argv[1], sys.argv[2]
verbose = "--verbose" in sys.argv
corpus = os.path.join(root, "..", "shared", "corpus")
if not os.path.isdir(os.path.join(corpus, "kubeaudit")):
    print("SKIP: ../shared/corpus not present")
    sys.exit(77)

KUBEAUDIT = {  # auditor: (kaudit checks, kubeaudit rules that mean "fail")
    "rootfs": (["read-only-root-filesystem"], {"ReadOnlyRootFilesystemNil", "ReadOnlyRootFilesystemFalse"}),
    "privileged": (["privileged"], {"PrivilegedTrue"}),
    "privesc": (["allow-privilege-escalation"], {"AllowPrivilegeEscalationNil", "AllowPrivilegeEscalationTrue"}),
    "capabilities": (["capabilities-drop-all", "capabilities-restricted"],
                     {"CapabilityOrSecurityContextMissing", "CapabilityShouldDropAll", "CapabilityAdded"}),
    "nonroot": (["run-as-non-root", "run-as-user-zero"],
                {"RunAsUserCSCRoot", "RunAsUserPSCRoot", "RunAsNonRootCSCFalse",
                 "RunAsNonRootPSCNilCSCNil", "RunAsNonRootPSCFalseCSCNil"}),
    "hostns": (["host-namespaces"], {"NamespaceHostNetworkTrue", "NamespaceHostIPCTrue", "NamespaceHostPIDTrue"}),
    "all_resources": (["host-namespaces"], {"NamespaceHostNetworkTrue", "NamespaceHostIPCTrue", "NamespaceHostPIDTrue"}),
    "apparmor": (["apparmor-profile"], {"AppArmorDisabled", "AppArmorBadValue", "AppArmorAnnotationMissing",
                                        "AppArmorInvalidAnnotation"}),
    "seccomp": (["seccomp-profile"], {"SeccompProfileMissing", "SeccompDisabledPod", "SeccompDisabledContainer"}),
    "mounts": (["host-path-volumes"], {"SensitivePathsMounted"}),
    "image": (["image-latest-tag"], {"ImageTagMissing"}),
}
POLARIS = {
    "hostIPCSet": ["host-namespaces"], "hostNetworkSet": ["host-namespaces"], "hostPIDSet": ["host-namespaces"],
    "hostPathSet": ["host-path-volumes"], "hostPortSet": ["host-ports"], "hostProcess": ["host-process"],
    "procMount": ["proc-mount"], "runAsPrivileged": ["privileged"],
    "privilegeEscalationAllowed": ["allow-privilege-escalation"],
    "notReadOnlyRootFilesystem": ["read-only-root-filesystem"],
    "runAsRootAllowed": ["run-as-non-root", "run-as-user-zero"],
    "dangerousCapabilities": ["capabilities-restricted"], "insecureCapabilities": ["capabilities-drop-all"],
    "tagNotSpecified": ["image-latest-tag"], "linuxHardening": ["seccomp-profile"],
}


def kaudit_fails(path, checks):
    p = subprocess.run([kaudit, "-f", "json", "--enable", ",".join(checks), path], capture_output=True)
    report = json.loads(p.stdout)
    hits = [f for f in report["findings"] if f["id"] in checks]
    problems = [f["id"] for f in report["findings"] if f["id"] in ("yaml-syntax", "invalid-value")]
    return bool(hits), hits, problems


def run(tool, rows):
    groups = {}
    for path, group, checks, expect_fail in rows:
        fails, hits, problems = kaudit_fails(path, checks)
        g = groups.setdefault(group, [0, 0, []])
        g[0] += 1
        if fails == expect_fail:
            g[1] += 1
        else:
            g[2].append((os.path.relpath(path, corpus), expect_fail, fails, hits, problems))
    total = sum(g[0] for g in groups.values())
    agree = sum(g[1] for g in groups.values())
    print(f"\n{tool}: kaudit agrees on {agree}/{total} fixtures ({100.0 * agree / total:.1f}%)")
    for name in sorted(groups):
        n, a, dis = groups[name]
        print(f"  {name:28} {a:3}/{n:<3}")
        for path, want, got, hits, problems in dis:
            print(f"    differs: {path}: {tool} {'fail' if want else 'pass'}, kaudit {'fail' if got else 'pass'}"
                  + (f" (input problems: {','.join(problems)})" if problems else ""))
            if verbose:
                for h in hits:
                    print(f"      {h['line']}:{h['column']} [{h['id']}] {h['message']}")
    return agree, total


rows = []
with open(os.path.join(corpus, "kubeaudit", "EXPECTED.tsv")) as f:
    for line in list(f)[1:]:
        path, auditor, rules, config = line.rstrip("\n").split("\t")
        if auditor not in KUBEAUDIT or not config.startswith(("default", "all")):
            continue
        checks, fail_rules = KUBEAUDIT[auditor]
        expect = bool(set(rules.split(",")) & fail_rules)
        rows.append((os.path.join(corpus, "kubeaudit", path), auditor, checks, expect))
a1, t1 = run("kubeaudit", rows)

rows = []
with open(os.path.join(corpus, "polaris", "EXPECTED.tsv")) as f:
    for line in list(f)[1:]:
        path, check, expected = line.rstrip("\n").split("\t")
        if check in POLARIS:
            rows.append((os.path.join(corpus, "polaris", path), check, POLARIS[check], expected == "fail"))
a2, t2 = run("polaris", rows)
print(f"\noverall: {a1 + a2}/{t1 + t2} fixtures agree")
