#!/bin/sh
# The two pre-commit hooks of .pre-commit-hooks.yaml under the real
# pre-commit, in a throwaway repository: `kaudit` builds kaudit once into
# pre-commit's cache on a PATH without kaudit, `kaudit-system` runs the
# kaudit on PATH. Each blocks a bad manifest, passes a good one, reads a
# file name with spaces, and sees only what is staged. SKIP (77) without
# pre-commit, git, meson, ninja or a C compiler.
# Usage: precommit_hooks.sh KAUDIT SOURCE_ROOT
set -u
kaudit=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(cd "$2" && pwd)
for tool in pre-commit git meson ninja cc flock; do
	command -v "$tool" >/dev/null || { echo "SKIP: no $tool"; exit 77; }
done
git -C "$root" rev-parse HEAD >/dev/null 2>&1 || { echo "SKIP: $root is not a git checkout"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@t GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@t
export PRE_COMMIT_HOME="$tmp/cache"

# The hook repository as a user gets it: this source at a commit.
. "$root/tests/lib/source_copy.sh"
source_copy "$root" "$tmp/hookrepo"
git -C "$tmp/hookrepo" init -q && git -C "$tmp/hookrepo" add -A && git -C "$tmp/hookrepo" commit -qm hook
rev=$(git -C "$tmp/hookrepo" rev-parse HEAD)

# A PATH with no kaudit on it, and one with this build's.
nokaudit=
old_ifs=$IFS IFS=:
for d in $PATH; do [ -x "$d/kaudit" ] || nokaudit=${nokaudit:+$nokaudit:}$d; done
IFS=$old_ifs
mkdir -p "$tmp/bin" && ln -s "$kaudit" "$tmp/bin/kaudit"

BAD='apiVersion: v1
kind: Pod
metadata: {name: bad}
spec:
  containers:
    - name: app
      image: registry.example.com/app:1.0
      securityContext: {privileged: true}
'
GOOD="apiVersion: v1
kind: Pod
metadata: {name: good}
spec:
  automountServiceAccountToken: false
  serviceAccountName: app
  securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
  containers:
    - name: app
      image: registry.example.com/app:1.0@sha256:$(printf '%064d' 1)
      resources: {limits: {memory: 64Mi}}
      securityContext:
        allowPrivilegeEscalation: false
        capabilities: {drop: [ALL]}
        readOnlyRootFilesystem: true
"

# run_hooks HOOK PATH NAME: the four cases in a fresh repository.
run_hooks() {
	hook=$1 path=$2 name=$3 work=$tmp/work-$1
	git init -q "$work"
	printf 'repos:\n  - repo: %s\n    rev: %s\n    hooks:\n      - id: %s\n        args: [--no-config]\n' \
		"$tmp/hookrepo" "$rev" "$hook" >"$work/.pre-commit-config.yaml"
	mkdir -p "$work/deploy"
	printf '%s' "$BAD" >"$work/deploy/my app.yaml"
	git -C "$work" add -A
	(cd "$work" && PATH=$path pre-commit run) >"$tmp/out" 2>&1
	got=$?
	if [ "$got" = 1 ] && grep -q '^deploy/my app.yaml:8:[0-9]*: error: .*\[privileged\]$' "$tmp/out"; then ok; else
		bad "$name: a bad manifest named with a space: exit $got"; sed 's/^/  | /' "$tmp/out" | tail -15; fi
	# Fixed and staged: passes.
	printf '%s' "$GOOD" >"$work/deploy/my app.yaml"
	git -C "$work" add -A
	(cd "$work" && PATH=$path pre-commit run) >"$tmp/out" 2>&1
	got=$?
	if [ "$got" = 0 ]; then ok; else bad "$name: a good manifest: exit $got"; sed 's/^/  | /' "$tmp/out" | tail -15; fi
	git -C "$work" commit -qm good
	# Only what is staged: an untracked bad file and an unstaged bad edit
	# stay out of the run; a staged good file is audited.
	printf '%s' "$BAD" >"$work/untracked.yaml"
	printf '%s' "$BAD" >"$work/deploy/my app.yaml"
	printf '%s' "$GOOD" | sed 's/name: good/name: other/' >"$work/deploy/other.yaml"
	git -C "$work" add deploy/other.yaml
	(cd "$work" && PATH=$path pre-commit run) >"$tmp/out" 2>&1
	got=$?
	if [ "$got" = 0 ] && ! grep -q 'untracked.yaml\|my app.yaml' "$tmp/out"; then ok; else
		bad "$name: unstaged files were audited: exit $got"; sed 's/^/  | /' "$tmp/out" | tail -15; fi
	if [ "$(cat "$work/deploy/my app.yaml")" = "$(printf '%s' "$BAD")" ]; then ok; else bad "$name: the unstaged edit was lost"; fi
	# The staged version of a file, not the working tree's.
	git -C "$work" add "deploy/my app.yaml"
	printf '%s' "$GOOD" >"$work/deploy/my app.yaml"
	(cd "$work" && PATH=$path pre-commit run) >"$tmp/out" 2>&1
	got=$?
	if [ "$got" = 1 ] && grep -q 'my app.yaml:8:.*\[privileged\]' "$tmp/out"; then ok; else
		bad "$name: the staged bad version was not audited: exit $got"; sed 's/^/  | /' "$tmp/out" | tail -15; fi
}

if PATH=$nokaudit command -v kaudit >/dev/null; then bad "kaudit still on the filtered PATH"; else ok; fi
run_hooks kaudit "$nokaudit" "kaudit (built)"
built=$(find "$PRE_COMMIT_HOME" -path '*/.kaudit-build/kaudit' -type f | wc -l)
if [ "$built" = 1 ]; then ok; else bad "kaudit built $built times"; fi
run_hooks kaudit-system "$tmp/bin:$nokaudit" "kaudit-system"
# kaudit-system without a kaudit: pre-commit says so.
work=$tmp/work-kaudit-system
(cd "$work" && PATH=$nokaudit pre-commit run --all-files) >"$tmp/out" 2>&1
if grep -q 'Executable `kaudit` not found' "$tmp/out"; then ok; else bad "kaudit-system without kaudit:"; tail -5 "$tmp/out"; fi

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
