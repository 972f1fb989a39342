#!/bin/sh
# .kaudit.yaml: discovery, every key, every error, waivers in reports.
# Usage: config.sh KAUDIT SOURCE_ROOT
set -u
kaudit=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(cd "$2" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
run() { # WANT-STATUS NAME ARGS... (in $tmp/repo/sub)
	want=$1 name=$2; shift 2
	(cd "$tmp/repo/sub" && "$kaudit" "$@") >"$tmp/out" 2>"$tmp/err"
	got=$?
	if [ "$got" = "$want" ]; then ok; else bad "$name: exit $got, want $want"; sed 's/^/  | /' "$tmp/err" | head; fi
}
has() { # NAME PATTERN FILE
	if grep -q -e "$2" "$3"; then ok; else bad "$1: no '$2'"; sed 's/^/  | /' "$3" | head -20; fi
}
hasnt() {
	if grep -q -e "$2" "$3"; then bad "$1: unexpected '$2'"; sed 's/^/  | /' "$3" | head -20; else ok; fi
}
cfg() { cat >"$tmp/repo/.kaudit.yaml"; }

mkdir -p "$tmp/repo/.git" "$tmp/repo/sub/deploy" "$tmp/repo/sub/vendor"
cat >"$tmp/repo/sub/deploy/app.yaml" <<'YAML'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: app
  namespace: shop
spec:
  template:
    spec:
      hostNetwork: true
      securityContext:
        runAsNonRoot: true
        seccompProfile: {type: RuntimeDefault}
      containers:
        - name: web
          image: quay.io/acme/web:1.0@sha256:0000000000000000000000000000000000000000000000000000000000000000
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            privileged: true
            capabilities: {drop: [ALL], add: [NET_RAW]}
          volumeMounts: [{name: tools, mountPath: /opt/tools/bin}]
      volumes: [{name: tools, emptyDir: {sizeLimit: 1Gi}}]
YAML
cp "$tmp/repo/sub/deploy/app.yaml" "$tmp/repo/sub/vendor/third.yaml"

# Without a configuration: the defaults.
run 1 "no config" -f json .
has "no config: privileged" '"id": "privileged"' "$tmp/out"
has "no config: capability" '"id": "capabilities-restricted"' "$tmp/out"
hasnt "no config: no image-registry" '"id": "image-registry"' "$tmp/out"

# Discovery: the nearest .kaudit.yaml up to the repository root.
cfg <<'YAML'
# every key
profile: baseline
pss-version: v1.30
fail-on: error
enable: [privileged, host-namespaces, capabilities-restricted, image-registry, writable-system-path, emptydir-size-limit]
disable: host-namespaces
levels: {privileged: warning, writable-system-path: note, image-registry: warning}
exclude: ["vendor/*"]
allowed-capabilities: [NET_RAW]
allowed-registries: [ghcr.io/acme]
system-paths: [/opt/tools]
ignore:
  - {check: capabilities-restricted, kind: Deployment, name: app, reason: never fires here}
YAML
run 0 "print-config" --print-config
has "print-config file" "file: .*\.kaudit\.yaml" "$tmp/out"
has "print-config profile" "^profile: baseline" "$tmp/out"
has "print-config version" "^pss-version: v1.30" "$tmp/out"
has "print-config fail-on" "^fail-on: error" "$tmp/out"
has "print-config levels" "privileged: warning" "$tmp/out"
has "print-config exclude" '"vendor/\*"' "$tmp/out"
hasnt "print-config disable" "  - host-namespaces" "$tmp/out"
run 0 "fail-on error with levels lowered" -f json .
has "levels: privileged is a warning" '"id": "privileged", "level": "warning"' "$tmp/out"
has "system-paths" '"id": "writable-system-path", "level": "note"' "$tmp/out"
has "allowed-registries" '"id": "image-registry"' "$tmp/out"
hasnt "allowed-capabilities" '"id": "capabilities-restricted", "level"' "$tmp/out"
hasnt "disable" '"id": "host-namespaces"' "$tmp/out"
has "exclude marks the input" '"path": "vendor/third.yaml", "status": "excluded"' "$tmp/out"
has "unused config ignore" '"id": "unused-suppression"' "$tmp/out"
has "config ignore finding sits in the config" '"path": ".*\.kaudit\.yaml", "line": 13' "$tmp/out"
run 1 "command line --fail-on overrides the file's" -f json --fail-on warning .
cp "$tmp/repo/.kaudit.yaml" "$tmp/every-key.yaml"
printf 'profile: baseline\n' | cfg
run 1 "profile from the file" -f json .
has "baseline profile" '"id": "capabilities-baseline"' "$tmp/out"
run 1 "command line --profile overrides the file's" -f json --profile hardened .
has "hardened profile" '"id": "capabilities-restricted"' "$tmp/out"
hasnt "hardened profile replaces baseline capabilities" '"id": "capabilities-baseline"' "$tmp/out"
cp "$tmp/every-key.yaml" "$tmp/repo/.kaudit.yaml"
run 1 "--enable on the command line replaces the file's" -f json --fail-on note --enable host-namespaces .
has "cli enable" '"id": "host-namespaces"' "$tmp/out"
hasnt "cli enable replaces" '"id": "privileged"' "$tmp/out"
# add: and --add run a check on top of the profile (or --enable): the
# opt-in network-policy-missing runs only so (not on host-network pods:
# a pod of its own, removed after).
mkdir "$tmp/repo/sub/np"
printf 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a, image: x}]\n' >"$tmp/repo/sub/np/pod.yaml"
run 1 "--add on the command line adds to the file's" -f json --fail-on note --add network-policy-missing .
has "cli add keeps the file's" '"id": "privileged"' "$tmp/out"
has "cli add adds" '"id": "network-policy-missing"' "$tmp/out"
run 1 "--enable then --add" -f json --no-config --enable host-namespaces --add network-policy-missing .
has "enable and add: the enabled" '"id": "host-namespaces"' "$tmp/out"
has "enable and add: the added" '"id": "network-policy-missing"' "$tmp/out"
hasnt "enable and add: nothing else" '"id": "privileged"' "$tmp/out"
run 1 "opt-in is off in every profile" -f json --no-config .
hasnt "no network-policy-missing by default" '"id": "network-policy-missing"' "$tmp/out"
printf 'add: [network-policy-missing]\ndisable: [network-policy-missing]\n' >"$tmp/add-disable.yaml"
run 1 "add: then disable: in the file" -f json --config "$tmp/add-disable.yaml" .
hasnt "disable wins over add" '"id": "network-policy-missing"' "$tmp/out"
printf 'add: [network-policy-missing]\n' >"$tmp/add.yaml"
run 1 "add: in the file" -f json --config "$tmp/add.yaml" .
has "file add adds" '"id": "network-policy-missing"' "$tmp/out"
has "file add keeps the profile" '"id": "privileged"' "$tmp/out"
printf 'add: [network-polcy-missing]\n' >"$tmp/add-typo.yaml"
run 2 "add: with an unknown id" --config "$tmp/add-typo.yaml" .
has "add: typo named" "network-polcy-missing" "$tmp/err"
rm -r "$tmp/repo/sub/np"
run 1 "--no-config" -f json --no-config .
has "no-config: defaults" '"id": "capabilities-restricted"' "$tmp/out"
cp "$tmp/repo/.kaudit.yaml" "$tmp/other.yaml"
printf 'fail-on: never\n' >"$tmp/repo/.kaudit.yaml"
run 1 "--config FILE" --config "$tmp/other.yaml" --fail-on note .
run 0 "the discovered file" .

# Waivers from the configuration: text hides them, JSON and SARIF keep them.
cfg <<'YAML'
ignore:
  - check: privileged
    kind: Deployment
    namespace: shop
    name: app
    container: web
    path: "deploy/*"
    reason: the web tier needs it until the rewrite
    until: 2099-12-31
  - check: host-namespaces
    reason: expired entry
    until: 2020-01-01
YAML
run 1 "config waivers" --enable privileged,host-namespaces deploy/app.yaml
hasnt "waived finding hidden" "\[privileged\]" "$tmp/out"
has "expired entry reported" "expired-suppression" "$tmp/out"
has "expired entry no longer waives" "\[host-namespaces\]" "$tmp/out"
has "summary counts waived" "1 suppressed" "$tmp/err"
run 1 "show-suppressed" --enable privileged,host-namespaces --show-suppressed deploy/app.yaml
has "shown with the reason" "\[privileged\] (suppressed: the web tier needs it until the rewrite)" "$tmp/out"
run 1 "json keeps the waiver" -f json --enable privileged,host-namespaces deploy/app.yaml
has "json suppressed" '"suppressed": {"kind": "config", "reason": "the web tier needs it until the rewrite"}' "$tmp/out"
run 1 "sarif keeps the waiver" -f sarif --enable privileged,host-namespaces deploy/app.yaml
has "sarif external suppression" '"suppressions": \[{"kind": "external", "status": "accepted", "justification": "the web tier needs it until the rewrite"}\]' "$tmp/out"
printf 'ignore:\n  - {check: privileged, reason: all privileged}\n' >"$tmp/repo/.kaudit.yaml"
run 0 "only waived findings: exit 0" --enable privileged deploy/app.yaml

# In-source waivers in SARIF.
sed 's/^  name: app$/  name: app\n  annotations: {ignore.kaudit.dev\/privileged: "container=web: needed"}/' \
	"$tmp/repo/sub/deploy/app.yaml" >"$tmp/repo/sub/annotated.yaml"
rm "$tmp/repo/.kaudit.yaml"
run 1 "annotation waiver in sarif" -f sarif --enable privileged,host-namespaces annotated.yaml
has "sarif inSource" '"kind": "inSource", "status": "accepted", "justification": "needed"' "$tmp/out"

# Every configuration error: file, line and column, exit status 2.
err_case() { # NAME EXPECTED-LINE:COL PATTERN
	name=$1 pos=$2 pattern=$3
	run 2 "$name" deploy/app.yaml
	has "$name: position" "kaudit: error: .*\.kaudit\.yaml:$pos: " "$tmp/err"
	has "$name: message" "$pattern" "$tmp/err"
	if [ -s "$tmp/out" ]; then bad "$name: printed a report"; else ok; fi
}
printf 'profile: baseline\nfrobnicate: 1\n' | cfg; err_case "unknown key" 2:1 "unknown key 'frobnicate'"
printf 'profile: [baseline]\n' | cfg; err_case "wrong type" 1:10 "'profile' must be a string"
printf 'profile: strict\n' | cfg; err_case "unknown profile" 1:10 "unknown profile 'strict'"
printf 'pss-version: 2.0\n' | cfg; err_case "bad version" 1:14 "pss-version must be"
printf 'fail-on: sometimes\n' | cfg; err_case "bad fail-on" 1:10 "unknown level 'sometimes'"
printf 'enable:\n  - privileged\n  - privilegd\n' | cfg; err_case "unknown check id" 3:5 "unknown check 'privilegd'"
printf 'disable: {a: 1}\n' | cfg; err_case "disable not a list" 1:10 "'disable' must be a list of strings"
printf 'levels:\n  privileged: critical\n' | cfg; err_case "bad level" 2:15 "must be error, warning or note"
printf 'levels:\n  nope: error\n' | cfg; err_case "levels unknown check" 2:3 "unknown check 'nope'"
printf 'exclude: 3\n' | cfg; err_case "exclude wrong type" 1:10 "'exclude' must be a list of strings"
printf 'allowed-capabilities: [1, true]\n' | cfg; err_case "capabilities wrong type" 1:24 "must be a list of strings"
printf 'allowed-registries: yes\n' | cfg; err_case "registries wrong type" 1:21 "must be a list of strings"
printf 'system-paths: [relative/path]\n' | cfg; err_case "system path not absolute" 1:15 "is not an absolute path"
printf 'ignore:\n  - check: privileged\n' | cfg; err_case "ignore without reason" 2:5 "needs a reason"
printf 'ignore:\n  - {check: nope, reason: x}\n' | cfg; err_case "ignore unknown check" 2:13 "unknown check 'nope'"
printf 'ignore:\n  - {check: privileged, reason: x, until: tomorrow}\n' | cfg; err_case "ignore bad until" 2:43 "until must be a date"
printf 'ignore:\n  - {check: privileged, reason: x, team: y}\n' | cfg; err_case "ignore unknown key" 2:36 "unknown key 'team'"
printf 'ignore: {check: privileged}\n' | cfg; err_case "ignore not a list" 1:9 "must be a list of mappings"
printf 'profile: baseline\nprofile: restricted\n' | cfg; err_case "duplicate key" 2:1 "duplicate key 'profile'"
printf 'profile: [baseline\n' | cfg; err_case "yaml syntax" 2:1 "did not find expected"
printf -- '- a\n- b\n' | cfg; err_case "not a mapping" 1:1 "must be a mapping"
run 2 "--config missing file" --config "$tmp/nope.yaml" deploy/app.yaml
has "missing config named" "cannot read '.*nope.yaml'" "$tmp/err"

# Outside a repository only the directory itself is searched: a shared
# folder above a checkout (a world-writable /tmp) must not configure it.
mkdir -p "$tmp/shared/checkout"
printf 'disable: [privileged]\n' >"$tmp/shared/.kaudit.yaml"
cp "$tmp/repo/sub/deploy/app.yaml" "$tmp/shared/checkout/"
(cd "$tmp/shared/checkout" && "$kaudit" --print-config app.yaml) >"$tmp/out" 2>&1
hasnt "no repository: no parent config" "shared/.kaudit.yaml" "$tmp/out"
(cd "$tmp/shared/checkout" && "$kaudit" -f json app.yaml) >"$tmp/out" 2>&1
has "no repository: privileged still on" '"id": "privileged"' "$tmp/out"
# Inside a repository, not above its top.
mkdir -p "$tmp/shared/checkout/.git"
(cd "$tmp/shared/checkout" && "$kaudit" -f json app.yaml) >"$tmp/out" 2>&1
has "repository: none above its top" '"id": "privileged"' "$tmp/out"

# Each file under the nearest .kaudit.yaml from its own directory: the
# current directory does not decide it.
mkdir -p "$tmp/multi/.git" "$tmp/multi/a" "$tmp/multi/b/deep" "$tmp/elsewhere"
for d in a b/deep; do cp "$tmp/repo/sub/deploy/app.yaml" "$tmp/multi/$d/app.yaml"; done
printf 'disable: [privileged]\n' >"$tmp/multi/a/.kaudit.yaml"
printf 'disable: [host-namespaces]\n' >"$tmp/multi/.kaudit.yaml"
(cd "$tmp/elsewhere" && "$kaudit" -f json "$tmp/multi/a" "$tmp/multi/b") >"$tmp/out" 2>&1
has "per file: a/ under its own" '"id": "host-namespaces", .*"path": "[^"]*multi/a/app.yaml"' "$tmp/out"
hasnt "per file: a/ not privileged" '"id": "privileged", .*"path": "[^"]*multi/a/app.yaml"' "$tmp/out"
has "per file: b/deep under the repository's" '"id": "privileged", .*"path": "[^"]*multi/b/deep/app.yaml"' "$tmp/out"
hasnt "per file: b/deep no host-namespaces" '"id": "host-namespaces", .*"path": "[^"]*multi/b/deep/app.yaml"' "$tmp/out"
# --config names one for every file.
(cd "$tmp/elsewhere" && "$kaudit" -f json --config "$tmp/multi/.kaudit.yaml" "$tmp/multi/a") >"$tmp/out" 2>&1
has "--config over the nearest" '"id": "privileged", .*"path": "[^"]*multi/a/app.yaml"' "$tmp/out"
# An unused ignore entry is reported in the file that holds it.
printf 'ignore:\n  - {check: proc-mount, reason: none}\n' >"$tmp/multi/a/.kaudit.yaml"
(cd "$tmp/elsewhere" && "$kaudit" -f json "$tmp/multi/a" "$tmp/multi/b") >"$tmp/out" 2>&1
has "per file: unused ignore in a/.kaudit.yaml" '"id": "unused-suppression", .*"path": "[^"]*multi/a/.kaudit.yaml"' "$tmp/out"
# SARIF's rules hold every check some input runs: a/ turns image-registry
# on, and its results point at that rule.
printf 'allowed-registries: [ghcr.io/acme]\n' >"$tmp/multi/a/.kaudit.yaml"
(cd "$tmp/elsewhere" && "$kaudit" -f sarif "$tmp/multi/a" "$tmp/multi/b") >"$tmp/out" 2>"$tmp/err"
if python3 -c '
import json, sys
run = json.load(open(sys.argv[1]))["runs"][0]
rules = run["tool"]["driver"]["rules"]
ids = [r["ruleId"] for r in run["results"]]
assert "image-registry" in ids, ids
for r in run["results"]:
    assert rules[r["ruleIndex"]]["id"] == r["ruleId"], r["ruleId"]
' "$tmp/out"; then ok; else bad "per-file rules in SARIF"; fi
# A broken one: its files are errors, the others still audited.
printf 'profile: [\n' >"$tmp/multi/a/.kaudit.yaml"
(cd "$tmp/elsewhere" && "$kaudit" -f json "$tmp/multi/a" "$tmp/multi/b") >"$tmp/out" 2>"$tmp/err"
got=$?
if [ "$got" = 2 ]; then ok; else bad "broken per-file config: exit $got, want 2"; fi
has "broken per-file config named" "multi/a/.kaudit.yaml:2:1" "$tmp/err"
has "its file is an error" "cannot read '[^']*multi/a/app.yaml': its configuration .*multi/a/.kaudit.yaml has errors" "$tmp/err"
has "the others audited" '"id": "privileged", .*"path": "[^"]*multi/b/deep/app.yaml"' "$tmp/out"
# Outside a repository: no higher than the path named.
rm -rf "$tmp/multi/.git" "$tmp/multi/a/.kaudit.yaml"
(cd "$tmp/elsewhere" && "$kaudit" -f json "$tmp/multi/b") >"$tmp/out" 2>&1
has "no repository: none above the named path" '"id": "host-namespaces", .*"path": "[^"]*multi/b/deep/app.yaml"' "$tmp/out"
(cd "$tmp/elsewhere" && "$kaudit" -f json "$tmp/multi") >"$tmp/out" 2>&1
hasnt "no repository: config of the named directory" '"id": "host-namespaces", .*"path": "[^"]*multi/b/deep/app.yaml"' "$tmp/out"
(cd "$tmp/elsewhere" && "$kaudit" -f json "$tmp/multi/b/deep/app.yaml") >"$tmp/out" 2>&1
has "no repository: not above a named file" '"id": "host-namespaces", .*"path": "[^"]*multi/b/deep/app.yaml"' "$tmp/out"

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
