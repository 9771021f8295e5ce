"""How fast `inboxcoach native-host` answers the Thunderbird add-on (budget: 300 ms).

    python bench/nativehost_bench.py [RUNS]

Scans the bundled sample season with the sample config into a temporary database,
then times, from this process (as Thunderbird sees it):

- cold: a new host process per request (what ``runtime.sendNativeMessage`` does):
  from spawning it to reading its answer;
- first check: the first check of a host the add-on started with its ping when
  Thunderbird started (what the first letter of a session meets), 1.5 s later;
- warm: one host process answering request after request (what the add-on does
  with ``runtime.connectNative``): from writing a request to reading its answer
  (the first of them sent right after the ping's answer, while the host loads).

for a check of a second #1 letter (critical) and for a meter. Prints the median,
the 90th percentile and the slowest of each, in milliseconds.
"""

from __future__ import annotations

import json
import statistics
import struct
import subprocess
import sys
import tempfile
import time
from importlib import resources
from pathlib import Path
from typing import IO, Any

CHECK = {
    "type": "check",
    "to": ["Dr. Hale <pd@riverside-health.example>"],
    "subject": "Thank you",
    "body": "Dear Dr. Hale,\n\nYour program is my #1 choice and I will rank you first.\n\nBest,\nSam\n",
}
METER = {"type": "meter", "message_id": "2a1ba0a535.38bc76@gme.riverside-health.example"}
AS_OF = "2027-01-20T08:00"


def frame(message: dict[str, Any]) -> bytes:
    payload = json.dumps(message).encode()
    return struct.pack("<I", len(payload)) + payload


def read_answer(stream: IO[bytes]) -> dict[str, Any]:
    (length,) = struct.unpack("<I", stream.read(4))
    answer: dict[str, Any] = json.loads(stream.read(length))
    return answer


def cold(command: list[str], request: dict[str, Any]) -> float:
    started = time.perf_counter()
    proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write(frame(request))
    proc.stdin.flush()
    answer = read_answer(proc.stdout)
    elapsed = time.perf_counter() - started
    proc.stdin.close()
    proc.wait()
    assert answer["ok"], answer
    return elapsed


def warm(command: list[str], requests: list[dict[str, Any]], idle: float = 0.0) -> list[float]:
    """One host for all ``requests``, started with the add-on's ping; ``idle`` seconds
    pass between the ping's answer and the first request."""
    proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write(frame({"type": "ping"}))
    proc.stdin.flush()
    read_answer(proc.stdout)  # started
    time.sleep(idle)
    times = []
    for request in requests:
        started = time.perf_counter()
        proc.stdin.write(frame(request))
        proc.stdin.flush()
        answer = read_answer(proc.stdout)
        times.append(time.perf_counter() - started)
        assert answer["ok"], answer
    proc.stdin.close()
    proc.wait()
    return times


def first_after_ping(command: list[str], request: dict[str, Any], idle: float = 1.5) -> float:
    """The first check of a host the add-on started with its ping when Thunderbird
    started: ``idle`` seconds pass before the first letter is sent."""
    return warm(command, [request], idle)[0]


def summary(name: str, times: list[float]) -> str:
    ms = sorted(t * 1000 for t in times)
    p90 = ms[min(len(ms) - 1, int(len(ms) * 0.9))]
    return f"{name:<12} median {statistics.median(ms):6.1f}   p90 {p90:6.1f}   max {ms[-1]:6.1f}   (n={len(ms)})"


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    data = resources.files("inboxcoach") / "data"
    config = str(data / "sample_config.toml")
    with tempfile.TemporaryDirectory(prefix="ic-nativehost-bench-") as tmp:
        db = str(Path(tmp) / "inboxcoach.db")
        subprocess.run(
            [sys.executable, "-m", "inboxcoach.cli", "--config", config, "--db", db, "scan", str(data / "sample_season.mbox")],
            check=True,
            capture_output=True,
        )
        command = [sys.executable, "-m", "inboxcoach.cli", "--config", config, "--db", db, "native-host", "--as-of", AS_OF]
        cold([*command], CHECK)  # the first start reads every module from disk
        print(summary("cold check", [cold(command, CHECK) for _ in range(runs)]))
        print(summary("cold meter", [cold(command, METER) for _ in range(runs)]))
        print(summary("first check", [first_after_ping(command, CHECK) for _ in range(max(3, runs // 4))]))
        print(summary("warm check", warm(command, [CHECK] * runs)))
        print(summary("warm meter", warm(command, [METER] * runs)))


if __name__ == "__main__":
    main()
