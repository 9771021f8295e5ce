"""Runs the benchmark's measured commands from a small process; prints their figures.

    python bench/launcher.py        (JSON lines in on stdin, JSON lines out on stdout)

Linux hands a forked child the RSS high-water mark of the process that forked it
(the mm is copied, and exec keeps the larger figure), so a child spawned by
sync_bench.py itself, which holds tens of MiB of generated mail, reported that as its
own peak RSS. This launcher is started first, before any mail is made, and imports
almost nothing: what its children report is theirs (nothing below ~12 MiB, its own
size, can be told apart). Each request is ``{"cmd", "env", "cwd", "out", "err"}``;
each answer ``{"wall_s", "cpu_s", "maxrss_kib", "returncode"}`` with wall time from
spawn to reaping and CPU (user + system, the child's reaped children included) and
peak RSS from wait4.
"""

import json
import os
import subprocess
import sys
import time


def main() -> None:
    for line in sys.stdin:
        request = json.loads(line)
        with open(request["out"], "wb") as out, open(request["err"], "wb") as err:
            started = time.perf_counter()
            proc = subprocess.Popen(
                request["cmd"], env=request["env"], cwd=request["cwd"], stdout=out, stderr=err, stdin=subprocess.DEVNULL
            )
            _, status, usage = os.wait4(proc.pid, 0)
            wall = time.perf_counter() - started
        answer = {
            "wall_s": wall,
            "cpu_s": usage.ru_utime + usage.ru_stime,
            "maxrss_kib": usage.ru_maxrss,
            "returncode": os.waitstatus_to_exitcode(status),
        }
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
