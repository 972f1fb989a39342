#!/bin/bash
# The bash completion offers check ids after --enable, --disable and
# --explain (the zsh one is checked when zsh is installed).
set -u
kaudit_dir=$(cd "$(dirname "$1")" && pwd)
root=$2
export PATH="$kaudit_dir:$PATH"
pass=0 fail=0
# shellcheck source=/dev/null
source "$root/completions/kaudit.bash"
complete_words() { # WORDS...
	COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMPREPLY=()
	_kaudit
	printf '%s\n' "${COMPREPLY[@]}"
}
expect() { # NAME PATTERN OUTPUT
	if printf '%s\n' "$3" | grep -qx -e "$2"; then pass=$((pass + 1)); else
		fail=$((fail + 1)); echo "FAIL: $1: no '$2' in: $3"; fi
}
expect "enable" "privileged" "$(complete_words kaudit --enable pri)"
expect "enable after a comma" "image-digest,privileged" "$(complete_words kaudit --enable image-digest,pri)"
expect "disable" "seccomp-profile" "$(complete_words kaudit --disable secc)"
expect "explain" "writable-system-path" "$(complete_words kaudit --explain writ)"
expect "options" "--chart-root" "$(complete_words kaudit --cha)"
expect "profile" "restricted" "$(complete_words kaudit --profile re)"
if command -v zsh >/dev/null 2>&1; then
	if zsh -n "$root/completions/_kaudit"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: zsh syntax"; fi
fi
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
