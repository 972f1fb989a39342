#!/bin/sh
# pre-commit on a repository that holds a chart, with this repository's
# hook (.pre-commit-hooks.yaml) and the real pre-commit: a clean chart
# passes; a bad one fails with findings on its template lines. SKIP (77)
# without pre-commit, helm or git.
# Usage: precommit.sh KAUDIT SOURCE_ROOT
set -u
kaudit=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(cd "$2" && pwd)
for tool in pre-commit helm git; do
	command -v "$tool" >/dev/null || { echo "SKIP: no $tool"; exit 77; }
done
git -C "$root" rev-parse HEAD >/dev/null 2>&1 || { echo "SKIP: $root is not a git checkout"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
# The hook as a user gets it: the repository at a commit (a copy holding
# the working tree's hook file), kaudit on PATH.
cp -r "$root/.pre-commit-hooks.yaml" "$tmp/hooks.yaml"
git init -q "$tmp/hookrepo"
cp "$tmp/hooks.yaml" "$tmp/hookrepo/.pre-commit-hooks.yaml"
git -C "$tmp/hookrepo" add .pre-commit-hooks.yaml
git -C "$tmp/hookrepo" -c user.name=t -c user.email=t@t commit -qm hook
rev=$(git -C "$tmp/hookrepo" rev-parse HEAD)
mkdir -p "$tmp/bin"
ln -s "$kaudit" "$tmp/bin/kaudit"
export PATH="$tmp/bin:$PATH" PRE_COMMIT_HOME="$tmp/cache"

repo() { # NAME CHART: a repository holding CHART under charts/
	git init -q "$tmp/$1"
	mkdir -p "$tmp/$1/charts"
	cp -r "$2" "$tmp/$1/charts/"
	cat >"$tmp/$1/.pre-commit-config.yaml" <<YAML
repos:
  - repo: $tmp/hookrepo
    rev: $rev
    hooks:
      - id: kaudit-system
        args: [--no-config]
YAML
	git -C "$tmp/$1" add -A
}

# A clean chart: every check passes.
mkdir -p "$tmp/clean/templates"
printf 'apiVersion: v2\nname: clean\nversion: 0.1.0\n' >"$tmp/clean/Chart.yaml"
printf 'image: registry.example.com/app:1.0@sha256:%064d\n' 1 >"$tmp/clean/values.yaml"
cat >"$tmp/clean/templates/deployment.yaml" <<'YAML'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}-web
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      automountServiceAccountToken: false
      serviceAccountName: web
      securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
      containers:
        - name: web
          image: {{ .Values.image }}
          resources: {limits: {memory: 64Mi}}
          securityContext:
            allowPrivilegeEscalation: false
            capabilities: {drop: [ALL]}
            readOnlyRootFilesystem: true
            runAsNonRoot: true
YAML
repo good "$tmp/clean"
(cd "$tmp/good" && pre-commit run --all-files) >"$tmp/out" 2>&1
got=$?
if [ "$got" = 0 ]; then ok; else bad "clean chart: exit $got"; sed 's/^/  | /' "$tmp/out" | tail -20; fi

# The every-construct chart: fails, on its template lines.
repo bad "$root/tests/helm/charts/every"
(cd "$tmp/bad" && pre-commit run --all-files) >"$tmp/out" 2>&1
got=$?
if [ "$got" = 1 ]; then ok; else bad "bad chart: exit $got"; sed 's/^/  | /' "$tmp/out" | tail -20; fi
for want in "charts/every/templates/workers.yaml:39:13: error: container 'b' is privileged" \
	"charts/every/templates/_helpers.tpl:18:5: error: container 'a' is privileged" \
	'charts/every/charts/sub/templates/daemonset.yaml:13:7: error:'; do
	if grep -qF "$want" "$tmp/out"; then ok; else bad "bad chart: no '$want'"; sed 's/^/  | /' "$tmp/out" | tail -20; fi
done
if grep -q 'yaml-syntax' "$tmp/out"; then bad "a template read as YAML"; else ok; fi

# A commit that changes only values.yaml: the hook gets values.yaml, which
# stands for its chart; an insecure value fails the commit, at the
# template line and the values line.
git -C "$tmp/good" -c user.name=t -c user.email=t@t commit -qm clean
printf 'image: registry.example.com/app:latest\n' >"$tmp/good/charts/clean/values.yaml"
git -C "$tmp/good" add -A
(cd "$tmp/good" && pre-commit run) >"$tmp/out" 2>&1
got=$?
if [ "$got" = 1 ]; then ok; else bad "values.yaml change: exit $got"; sed 's/^/  | /' "$tmp/out" | tail -20; fi
want="charts/clean/templates/deployment.yaml:15:11: warning: image 'app:latest' uses the tag latest; pin a version (set at charts/clean/values.yaml:1) [image-latest-tag]"
if grep -qF "$want" "$tmp/out"; then ok; else bad "values.yaml change: no '$want'"; sed 's/^/  | /' "$tmp/out" | tail -20; fi

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
