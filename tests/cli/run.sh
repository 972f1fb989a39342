#!/bin/sh
# Golden-output and exit-status tests of the kaudit command line.
# Usage: run.sh KAUDIT SOURCE_ROOT   (UPDATE_GOLDEN=1 rewrites the goldens)
set -u
kaudit=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$2
golden=$root/tests/cli/golden
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$root" || exit 1
pass=0
fail=0

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# expect_status WANT NAME CMD...: run CMD, compare its exit status.
expect_status() {
	want=$1; name=$2; shift 2
	"$@" >"$tmp/out" 2>"$tmp/err"
	got=$?
	if [ "$got" = "$want" ]; then ok; else
		bad "$name: exit status $got, want $want"; sed 's/^/  | /' "$tmp/err"
	fi
}

# expect_golden NAME FILE: compare FILE with golden/NAME.
expect_golden() {
	if [ "${UPDATE_GOLDEN:-}" = 1 ]; then cp "$2" "$golden/$1"; fi
	if cmp -s "$2" "$golden/$1"; then ok; else
		bad "golden $1 differs:"; diff -u "$golden/$1" "$2" | head -40
	fi
}

expect_grep() { # NAME PATTERN FILE
	if grep -q -e "$2" "$3"; then ok; else bad "$1: no '$2' in output"; sed 's/^/  | /' "$3" | head -20; fi
}

# Formats and golden output.
expect_status 1 "text on insecure" "$kaudit" --color never examples/insecure
expect_golden insecure.txt "$tmp/out"
expect_golden insecure.summary "$tmp/err"
expect_status 1 "json on insecure" "$kaudit" -f json examples/insecure
expect_golden insecure.json "$tmp/out"
if command -v python3 >/dev/null; then
	if python3 -m json.tool "$tmp/out" >/dev/null; then ok; else bad "json output does not parse"; fi
fi
expect_status 1 "sarif on insecure" "$kaudit" -f sarif examples/insecure
expect_golden insecure.sarif "$tmp/out"
expect_status 1 "github format" "$kaudit" -f github examples/insecure/web.yaml
expect_grep "github error command" '^::error file=examples/insecure/web.yaml,line=16,col=20,endLine=16,endColumn=21,title=run-as-user-zero (Container runs as UID 0)::Deployment/web: pod runs as root (UID 0); set a non-zero runAsUser' "$tmp/out"
expect_grep "github warning command" '^::warning file=examples/insecure/web.yaml,line=' "$tmp/out"
if grep -v '^::\(error\|warning\|notice\) file=' "$tmp/out" | grep -q .; then bad "github: a line that is not a workflow command"; else ok; fi
printf 'apiVersion: v1\nkind: Pod\nmetadata: {name: "a,b:c%%d"}\nspec:\n  containers: [{name: x, image: y, securityContext: {privileged: true}}]\n' >"$tmp/esc,a:b.yaml"
expect_status 1 "github escaping" "$kaudit" -f github --enable privileged "$tmp/esc,a:b.yaml"
expect_grep "github escapes properties" 'file=.*esc%2Ca%3Ab.yaml,line=5' "$tmp/out"
expect_grep "github escapes data" "::Pod/a,b:c%25d: container 'x' is privileged" "$tmp/out"
expect_status 0 "list checks" "$kaudit" --list-checks
expect_golden list-checks.txt "$tmp/out"
expect_status 0 "list checks json" "$kaudit" --list-checks --format json
expect_grep "list checks json" '"id": "privileged"' "$tmp/out"
expect_status 0 "explain" "$kaudit" --explain writable-system-path
expect_grep "explain" "Remediation:" "$tmp/out"
expect_status 2 "explain unknown" "$kaudit" --explain nope
expect_grep "explain unknown" "unknown check 'nope'" "$tmp/err"

# Clean input: nothing on stdout or stderr, status 0.
expect_status 0 "hardened" "$kaudit" examples/hardened
if [ ! -s "$tmp/out" ] && [ ! -s "$tmp/err" ]; then ok; else bad "hardened run printed something"; fi

# --fail-on, --enable, --disable.
expect_status 1 "fail-on error" "$kaudit" --fail-on error examples/insecure
expect_status 0 "fail-on never" "$kaudit" --fail-on never examples/insecure
printf 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: c, image: "nginx:1@sha256:%s"}\n' \
	0000000000000000000000000000000000000000000000000000000000000000 >"$tmp/pinned.yaml"
expect_status 0 "enable one check" "$kaudit" --enable image-digest,image-latest-tag "$tmp/pinned.yaml"
expect_status 1 "disable leaves others" "$kaudit" --disable image-digest "$tmp/pinned.yaml"
expect_status 1 "fail-on warning" "$kaudit" --fail-on warning --enable read-only-root-filesystem "$tmp/pinned.yaml"
expect_status 0 "fail-on error ignores warnings" "$kaudit" --fail-on error --enable read-only-root-filesystem "$tmp/pinned.yaml"
"$kaudit" --enable privileged examples/insecure >"$tmp/out" 2>/dev/null
if ! grep -v -e '\[privileged\]' -e '\[yaml-syntax\]' -e '\[duplicate-key\]' -e '\[invalid-value\]' "$tmp/out" | grep -q .; then ok; else bad "--enable privileged ran other checks"; fi
expect_grep "input problems always run" '\[yaml-syntax\]' "$tmp/out"
# Profiles and PSS versions.
expect_status 0 "list baseline" "$kaudit" --list-checks --profile baseline
if grep -Eq '^host-path-volumes +[a-z]+ +on ' "$tmp/out" && grep -Eq '^seccomp-profile +[a-z]+ +off ' "$tmp/out" && grep -Eq '^image-digest +[a-z]+ +off ' "$tmp/out"; then ok; else bad "baseline list"; fi
expect_status 0 "list restricted" "$kaudit" --list-checks --profile restricted
if grep -Eq '^seccomp-profile +[a-z]+ +on ' "$tmp/out" && grep -Eq '^host-path-volumes +[a-z]+ +off ' "$tmp/out" && grep -Eq '^capabilities-baseline +[a-z]+ +off ' "$tmp/out" && grep -Eq '^image-digest +[a-z]+ +off ' "$tmp/out"; then ok; else bad "restricted list"; fi
expect_status 0 "list restricted v1.18" "$kaudit" --list-checks --profile restricted --pss-version v1.18
if grep -Eq '^capabilities-baseline +[a-z]+ +on ' "$tmp/out" && grep -Eq '^seccomp-profile +[a-z]+ +off ' "$tmp/out"; then ok; else bad "restricted v1.18 list"; fi
expect_status 1 "baseline profile" "$kaudit" --profile baseline examples/insecure/node-access.yaml
expect_grep "baseline finds hostPath" '\[host-path-volumes\]' "$tmp/out"
expect_status 1 "profile composes with --enable" "$kaudit" --profile baseline --enable image-latest-tag examples/insecure/web.yaml
expect_grep "enabled check runs" '\[image-latest-tag\]' "$tmp/out"
expect_status 2 "unknown profile" "$kaudit" --profile strict examples/hardened
expect_status 2 "bad pss version" "$kaudit" --pss-version 2.0 examples/hardened
expect_status 0 "future pss version means latest" "$kaudit" --pss-version v1.99 examples/hardened
expect_status 0 "explain names the PSA check" "$kaudit" --explain proc-mount
expect_grep "explain psa" "procMount_restricted" "$tmp/out"

expect_status 2 "unknown check id" "$kaudit" --enable no-such-check examples/hardened
expect_status 2 "unknown format" "$kaudit" --format xml examples/hardened
expect_status 2 "unknown option" "$kaudit" --frobnicate examples/hardened
# Option errors name the option and what it takes, with a "did you mean"
# from the known names; no garbage byte; empty lists are errors.
# opt_error NAME EXPECTED-LINE ARGS...: exit 2, the first stderr line exactly.
opt_error() {
	name=$1; line=$2; shift 2
	expect_status 2 "$name" "$kaudit" "$@"
	got=$(head -n 1 "$tmp/err")
	if [ "$got" = "kaudit: error: $line" ]; then ok; else bad "$name: '$got', want '$line'"; fi
	if LC_ALL=C grep -q '[^ -~]' "$tmp/err"; then bad "$name: a byte outside printable ASCII"; else ok; fi
}
formats="text, json, sarif, github, markdown, gitlab, junit, objects"
opt_error "-f without a value" "option '-f' needs a value: one of $formats" -f
opt_error "--format without a value" "option '--format' needs a value: one of $formats" --format
opt_error "--stdin-filename without a value" "option '--stdin-filename' needs a value (NAME)" --stdin-filename
opt_error "misspelt option" "unknown option '--formt' (did you mean '--format'?)" --formt json examples/hardened
opt_error "misspelt option with =" "unknown option '--fail-onn' (did you mean '--fail-on'?)" --fail-onn=error examples/hardened
opt_error "ambiguous option" "ambiguous option '--no': --no-truncate, --no-config" --no examples/hardened
opt_error "flag with a value" "option '--quiet' takes no value" --quiet=yes examples/hardened
opt_error "unknown short option" "unknown option '-Z'" -Z examples/hardened
opt_error "misspelt format" "--format: unknown format 'sarf' (did you mean 'sarif'?); one of: $formats" -f sarf examples/hardened
opt_error "misspelt profile" "--profile: unknown profile 'restrcted' (did you mean 'restricted'?); one of: baseline, restricted, hardened" --profile restrcted examples/hardened
opt_error "misspelt level" "--fail-on: unknown level 'eror' (did you mean 'error'?); one of: error, warning, note, never" --fail-on eror examples/hardened
opt_error "misspelt check" "--enable: unknown check 'privilged' (did you mean 'privileged'?) (kaudit --list-checks lists them)" --enable privilged examples/hardened
opt_error "misspelt explain" "--explain: unknown check 'privilged' (did you mean 'privileged'?) (kaudit --list-checks lists them)" --explain privilged
opt_error "far from any check" "--disable: unknown check 'zzzzzzzz' (kaudit --list-checks lists them)" --disable zzzzzzzz examples/hardened
opt_error "empty --enable" "--enable '': give check ids separated by commas, without empty ones (kaudit --list-checks lists them)" --enable= examples/hardened
opt_error "empty member" "--disable 'privileged,': give check ids separated by commas, without empty ones (kaudit --list-checks lists them)" --disable privileged, examples/hardened
opt_error "empty output" "--output needs a FILE, not an empty one" --output= examples/hardened
opt_error "bad jobs" "--jobs: bad number of jobs 'x' (1 to 256)" -j x examples/hardened
# No silent pass: nothing audited is said, and --fail-if-empty fails it.
mkdir -p "$tmp/empty" "$tmp/nomani/.hidden"
printf 'name: not a manifest\n' >"$tmp/nomani/values.yaml"
printf 'apiVersion: v1\nkind: Pod\n' >"$tmp/nomani/.hidden/pod.yaml"
: >"$tmp/blank.yaml"
expect_status 0 "empty folder" "$kaudit" "$tmp/empty"
expect_grep "empty folder said" "warning: nothing was audited: no .yaml, .yml or .json file in the paths given" "$tmp/err"
expect_status 2 "empty folder, --fail-if-empty" "$kaudit" --fail-if-empty "$tmp/empty"
expect_grep "empty folder an error" "error: nothing was audited" "$tmp/err"
expect_status 0 "no manifest" "$kaudit" "$tmp/nomani"
expect_grep "skipped, and why" "nothing was audited: no Kubernetes manifest in the paths given; 2 skipped: 1 not a Kubernetes manifest, 1 hidden" "$tmp/err"
expect_status 2 "no manifest, --fail-if-empty" "$kaudit" --fail-if-empty -q --skip-non-manifests "$tmp/nomani"
expect_status 0 "empty file" "$kaudit" "$tmp/blank.yaml"
expect_grep "empty file said" "the 1 file read holds no document" "$tmp/err"
expect_status 0 "quiet keeps it off" "$kaudit" -q "$tmp/empty"
if [ -s "$tmp/err" ]; then bad "-q printed: $(cat "$tmp/err")"; else ok; fi
expect_status 0 "a clean audit is silent" "$kaudit" --fail-if-empty examples/hardened
if [ -s "$tmp/err" ]; then bad "clean run printed: $(cat "$tmp/err")"; else ok; fi
# The summary counts findings per check and level.
expect_status 1 "summary per check" "$kaudit" examples/insecure
expect_grep "errors per check" "^  errors: 4 capabilities-restricted, 2 host-namespaces" "$tmp/err"
if grep -q "most frequent" "$tmp/err"; then bad "a most frequent check named in a tie (4 and 4)"; else ok; fi
printf 'kind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: a, image: x:1, securityContext: {privileged: true}}\n  - {name: b, image: y:1}\n  - {name: c, image: z:1}\n' >"$tmp/three.yaml"
expect_status 1 "summary names a check that stands out" "$kaudit" --no-config --enable image-digest,privileged "$tmp/three.yaml"
expect_grep "most frequent" "^  most frequent: image-digest, 3 of 4 findings (75%)" "$tmp/err"
expect_grep "errors per check" "^  errors: 1 privileged$" "$tmp/err"
expect_status 0 "list checks says what is off" "$kaudit" --list-checks --profile baseline
expect_grep "off checks counted" "checks are off under --profile baseline" "$tmp/err"
expect_status 2 "bad fail-on" "$kaudit" --fail-on sometimes examples/hardened
expect_status 0 "help" "$kaudit" --help
expect_grep "help lists options" "--stdin-filename" "$tmp/out"
expect_status 0 "version" "$kaudit" --version
expect_grep "version" "^kaudit " "$tmp/out"

# stdin and --stdin-filename.
expect_status 1 "stdin" sh -c "\"$kaudit\" - <examples/insecure/web.yaml"
expect_grep "stdin default name" "^<stdin>:16:20: error:" "$tmp/out"
expect_status 1 "stdin-filename" sh -c "\"$kaudit\" --stdin-filename deploy/web.yaml - <examples/insecure/web.yaml"
expect_grep "stdin-filename" "^deploy/web.yaml:16:20: error:" "$tmp/out"

# A missing path: exit 2 after the others were audited.
expect_status 2 "missing path" "$kaudit" no/such/file.yaml examples/insecure
expect_grep "missing path named" "cannot open 'no/such/file.yaml': No such file or directory" "$tmp/err"
expect_grep "others still audited" "examples/insecure/web.yaml:16:20" "$tmp/out"
expect_status 2 "missing path in json" "$kaudit" -f json no/such/file.yaml
expect_grep "json lists the missing input" '"status": "missing"' "$tmp/out"

# Output file.
expect_status 1 "-o writes the report" "$kaudit" -o "$tmp/report.txt" examples/insecure
if [ ! -s "$tmp/out" ] && grep -q "privileged" "$tmp/report.txt"; then ok; else bad "-o did not write the file only"; fi
expect_status 2 "-o unwritable" "$kaudit" -o "$tmp/no/such/dir/x" examples/insecure
if [ -w /dev/full ]; then
	expect_status 2 "write error" "$kaudit" -o /dev/full examples/insecure
fi

# Colour: only when asked or on a terminal; NO_COLOR wins.
"$kaudit" --color always examples/insecure >"$tmp/out" 2>/dev/null
if grep -q "$(printf '\033')" "$tmp/out"; then ok; else bad "--color always has no colour"; fi
NO_COLOR=1 "$kaudit" --color always examples/insecure >"$tmp/out" 2>/dev/null
if ! grep -q "$(printf '\033')" "$tmp/out"; then ok; else bad "NO_COLOR did not win"; fi

# Directory walking: sorted, hidden entries and symlinks skipped, only
# .yaml/.yml/.json taken, relative paths kept as given.
w=$tmp/walk
mkdir -p "$w/b" "$w/a" "$w/.hidden"
for f in b/z.yaml a/y.yml a/x.json .hidden/h.yaml notes.txt; do
	cp examples/insecure/web.yaml "$w/$f"
done
ln -s ../a/y.yml "$w/b/link.yaml"
ln -s .. "$w/a/loop"
mkfifo "$w/a/fifo.yaml" 2>/dev/null || true
(cd "$tmp" && "$kaudit" -f json walk >"$tmp/walk.json" 2>/dev/null)
grep -o '"path": "walk/[^"]*", "status"' "$tmp/walk.json" | sed 's/"path": "//; s/", "status"//' >"$tmp/walked"
printf 'walk/.hidden\nwalk/a/loop\nwalk/a/x.json\nwalk/a/y.yml\nwalk/b/link.yaml\nwalk/b/z.yaml\n' >"$tmp/want"
if cmp -s "$tmp/walked" "$tmp/want"; then ok; else bad "walk order or filter:"; cat "$tmp/walked"; fi
# Every skipped entry is listed with its reason and counted.
if grep -q '"path": "walk/b/link.yaml", "status": "skipped", "documents": 0, "resources": 0, "reason": "a symbolic link (not followed)"' "$tmp/walk.json" &&
	grep -q '"path": "walk/.hidden", "status": "skipped", "documents": 0, "resources": 0, "reason": "hidden"' "$tmp/walk.json"; then ok; else bad "skipped entries and reasons"; grep skipped "$tmp/walk.json"; fi
(cd "$tmp" && "$kaudit" walk 2>&1 >/dev/null | head -n 1) >"$tmp/summary"
if grep -q '; 3 skipped: 1 hidden, 2 symbolic links$' "$tmp/summary"; then ok; else bad "skipped in the summary:"; cat "$tmp/summary"; fi
(cd "$tmp" && "$kaudit" walk/b/link.yaml >/dev/null 2>&1); [ $? = 1 ] && ok || bad "a link named on the command line is not followed"
expect_status 2 "a device is refused" "$kaudit" /dev/null
expect_grep "device message" "not a regular file" "$tmp/err"

# -j N: byte-identical output to -j 1, in every format.
mkdir -p "$tmp/many"
i=0
while [ $i -lt 120 ]; do
	sed "s/name: web/name: web$i/" examples/insecure/web.yaml >"$tmp/many/f$i.yaml"
	i=$((i + 1))
done
cp examples/helm/rendered.yaml "$tmp/many/zz-helm.yaml"
for fmt in text json sarif github; do
	"$kaudit" -j 1 -f "$fmt" "$tmp/many" >"$tmp/j1" 2>/dev/null
	for j in 2 3 8; do
		"$kaudit" -j "$j" -f "$fmt" "$tmp/many" >"$tmp/jn" 2>/dev/null
		if cmp -s "$tmp/j1" "$tmp/jn"; then ok; else bad "-j $j differs from -j 1 ($fmt)"; fi
	done
done
expect_status 2 "bad -j" "$kaudit" -j 0 examples/hardened

# --skip-non-manifests (pre-commit's hook): a named file with no manifest is
# skipped as a walked one is, not refused as a document with no kind.
expect_status 0 "named non-manifest, skipped" "$kaudit" --skip-non-manifests .pre-commit-hooks.yaml examples/hardened
if grep -q 'yaml-syntax' "$tmp/out"; then bad "skipped non-manifest still read"; else ok; fi
expect_status 1 "named non-manifest, read" "$kaudit" .pre-commit-hooks.yaml
expect_grep "named non-manifest refused" "kubectl refuses it \[yaml-syntax\]" "$tmp/out"

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
