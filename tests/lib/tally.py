"""The tally the Python tests keep: check() counts each assertion and
prints FAIL with what went wrong; finish() prints the counts and exits 1
when any failed."""
import sys

passed = failed = 0


def check(cond, what):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAIL:", what)


def finish():
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)
