#!/bin/sh
# The C sources are formatted as .clang-format says (kernel style). To fix:
#   clang-format -i src/*.c src/*.h include/kaudit/*.h checks/*.c doc/*.c tests/unit/*.[ch] tests/fuzz/*.c
root=$1
cd "$root" || exit 2
command -v clang-format >/dev/null 2>&1 || { echo "SKIP: clang-format not installed"; exit 77; }
files=$(ls src/*.c src/*.h include/kaudit/*.h checks/*.c doc/*.c tests/unit/*.c tests/unit/*.h tests/fuzz/*.c)
n=0 bad=0
for f in $files; do
	n=$((n + 1))
	if ! clang-format --dry-run --Werror "$f" >/dev/null 2>&1; then
		echo "not formatted: $f"
		bad=$((bad + 1))
	fi
done
echo "$((n - bad)) passed, $bad failed"
[ "$bad" = 0 ]
