"""CPU of the body analysis on hostile bodies, at two sizes: does any grow faster than the text?

    .venv/bin/python bench/hostile_bench.py [--sizes 100000,400000]

Not part of `make test`. Each kind is a body made of one unit repeated (the same
phrase thousands of times, no sentence end, no space) or of thousands of distinct
phrases (placeholders, #1 statements); every body goes through the analysis that
sync, scan, lint and the Thunderbird helper run (``analyse_body``), outbound and
inbound, on the sample season's programs. Printed per kind: seconds at each size,
the ratio of the two (about the ratio of the sizes, 4 by default, or less, means
linear; well above it means the cost grows faster than the text) and the size of
the features stored.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from importlib import resources
from pathlib import Path

from inboxcoach.config import load_config
from inboxcoach.ingest.worker import analyse_body
from inboxcoach.store.rows import features_to_json

REPEATED: dict[str, str] = {
    "no space": "a",
    "questions": "is this ok? ",
    "#1": "#1 ",
    "rank promise": "I will rank you highly, ",
    "lines": "you are my top choice\n",
    "placeholders": "[Institution Name] {name} ",
    "program names": "Lakeshore Medical Center, Ashford University, ",
    "requests": "could you please let me know whether there might be an opportunity ",
    "quotes": "> On Mon, Dr. X wrote:\n> ",
    "offer": "we are pleased to offer you a position outside the match, sign the contract ",
    "no sentence end": "you are my #1 choice ",
}
DISTINCT: dict[str, Callable[[int], str]] = {
    "distinct placeholders": lambda i: f"[Institution Name {i}] ",
    "distinct curly slots": lambda i: f"{{name{i}}} ",
    "distinct #1 statements": lambda i: f"you are my #1 choice{i} and ",
}
HEADERS = "From: sam.applicant@example.org\nTo: pd@lakeshore-med.example\nSubject: s\nContent-Type: text/plain; charset=utf-8\n\n"


def body_of(kind: str, size: int) -> str:
    if kind in REPEATED:
        unit = REPEATED[kind]
        return (unit * (size // len(unit) + 1))[:size]
    make, parts, length, i = DISTINCT[kind], [], 0, 0
    while length < size:
        parts.append(make(i))
        length += len(parts[-1])
        i += 1
    return "".join(parts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100000,400000", help="two body sizes in characters")
    args = parser.parse_args()
    small, large = (int(s) for s in args.sizes.split(","))
    config = load_config(Path(str(resources.files("inboxcoach") / "data" / "sample_config.toml")))
    programs = config.program_list
    analyse_body(HEADERS.encode() + b"warm up", "s", programs, "out")  # loads the detectors
    print(f"{'kind':24} {small:>9,} ch {large:>9,} ch  ratio  features")
    for kind in (*REPEATED, *DISTINCT):
        seconds, stored = [], 0
        for size in (small, large):
            raw = (HEADERS + body_of(kind, size)).encode()
            started = time.process_time()
            for side in ("in", "out"):  # the outbound features (the larger) are the ones measured
                features = analyse_body(raw, "s", programs, side)  # type: ignore[arg-type]
            seconds.append(time.process_time() - started)
            stored = len(features_to_json(features))
        ratio = seconds[1] / seconds[0] if seconds[0] else float("nan")
        print(f"{kind:24} {seconds[0]:10.3f} s {seconds[1]:10.3f} s  {ratio:5.1f}  {stored:,} B", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
