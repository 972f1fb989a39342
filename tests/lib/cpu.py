"""CPU time of a child (user + system), for the tests that compare the
cost of two input sizes rather than a wall time."""
import os, subprocess


def cpu_seconds(argv):
    """Run argv (output discarded): its exit code and CPU seconds."""
    p = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    return os.waitstatus_to_exitcode(status), ru.ru_utime + ru.ru_stime
