"""What sync_bench.py and scan_bench.py share: measured child processes, the figures
read back from the database a run produced and from bench/probe.py, statistics, and
the record of the machine and the commit.

Nothing here imports inboxcoach. The one place that knows the store's layout is
:func:`analysed_counts` (an SQL query on the database file), so a refactor of
``src/`` that keeps the ``messages`` table keeps this working; one that changes it
changes that function only.
"""

from __future__ import annotations

import json
import math
import os
import platform
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PROBE = ROOT / "bench" / "probe.py"
MIB = 1024.0  # ru_maxrss is in KiB on Linux
OWN_ROLES = ("sent", "drafts")  # folders whose every message is the applicant's


# -- measured child processes ---------------------------------------------------------


@dataclass
class Run:
    wall_s: float
    cpu_s: float
    peak_rss_mib: float
    returncode: int
    stdout: str
    stderr: str
    extra: dict[str, Any] = field(default_factory=dict)  # figures read back after the run

    def figures(self) -> dict[str, Any]:
        return {
            "wall_s": round(self.wall_s, 4),
            "cpu_s": round(self.cpu_s, 4),
            "peak_rss_mib": round(self.peak_rss_mib, 1),
            **self.extra,
        }


class Launcher:
    """bench/launcher.py, started before any mail is generated: it spawns the measured
    commands so their peak RSS is theirs, not this process's (see its docstring)."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, str(ROOT / "bench" / "launcher.py")],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT,
        )  # fmt: skip

    def run(self, cmd: Sequence[str], env: dict[str, str], out: Path, err: Path) -> dict[str, Any]:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        request = {"cmd": list(cmd), "env": env, "cwd": str(ROOT), "out": str(out), "err": str(err)}
        self.proc.stdin.write(json.dumps(request) + "\n")
        self.proc.stdin.flush()
        answer: dict[str, Any] = json.loads(self.proc.stdout.readline())
        return answer

    def close(self) -> None:
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        self.proc.wait(10)


_launcher: Launcher | None = None


def start_launcher() -> None:
    """Start the launcher now, while this process is still small (call it first)."""
    global _launcher
    if _launcher is None:
        _launcher = Launcher()


def stop_launcher() -> None:
    global _launcher
    if _launcher is not None:
        _launcher.close()
        _launcher = None


def measure(cmd: Sequence[str], env: dict[str, str], workdir: Path) -> Run:
    """Run ``cmd`` as a child of the launcher; wall from spawn to reaping, CPU (user +
    system, its reaped children such as the body worker included) and peak RSS from wait4."""
    start_launcher()
    assert _launcher is not None
    out_path, err_path = workdir / "child.out", workdir / "child.err"
    figures = _launcher.run(cmd, env, out_path, err_path)
    return Run(
        wall_s=figures["wall_s"],
        cpu_s=figures["cpu_s"],
        peak_rss_mib=figures["maxrss_kib"] / MIB,
        returncode=figures["returncode"],
        stdout=out_path.read_text(errors="replace"),
        stderr=err_path.read_text(errors="replace"),
    )


def checked(run: Run, what: str) -> Run:
    if run.returncode != 0:
        raise SystemExit(f"{what} failed (exit {run.returncode}):\n{run.stdout[-2000:]}\n{run.stderr[-3000:]}")
    return run


def inboxcoach_cmd(config: Path, db: Path, args: Sequence[str], probe: Path | None = None) -> list[str]:
    """The command line of one inboxcoach run; through bench/probe.py when ``probe``
    (the file it writes its records to) is given."""
    cli = ["--config", str(config), "--db", str(db), *args]
    if probe is None:
        return [sys.executable, "-m", "inboxcoach.cli", *cli]
    return [sys.executable, str(PROBE), str(probe), *cli]


# -- figures read back after a run ----------------------------------------------------


def analysed_counts(db: Path, own: Sequence[str]) -> dict[str, int]:
    """Messages whose body was analysed (features stored), inbound and outbound, and
    the messages marked as candidates, from the database a run produced. Outbound:
    stored in Sent/Drafts or from one of ``own``, as inboxcoach decides it."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        counts = {"messages": 0, "analysed_in": 0, "analysed_out": 0, "candidates": 0}
        own_set = {a.lower() for a in own}
        for role, from_addr, analysed, candidate in con.execute(
            "SELECT role, from_addr, features IS NOT NULL, candidate FROM messages"
        ):
            counts["messages"] += 1
            counts["candidates"] += int(bool(candidate))
            if analysed:
                out = role in OWN_ROLES or (from_addr or "").lower() in own_set
                counts["analysed_out" if out else "analysed_in"] += 1
        return counts
    finally:
        con.close()


def read_probe(path: Path) -> dict[str, Any]:
    """The records bench/probe.py wrote: analysed bodies and their CPU per direction,
    and the CPU of the measured process itself and of its reaped children (the worker)."""
    per: dict[str, list[float]] = {}
    process: dict[str, float] = {}
    hooked = False
    if path.exists():
        for line in path.read_text().splitlines():
            parts = line.split()
            if not parts:
                continue
            if parts[0] == "hooked":
                hooked = True
            elif parts[0] == "analyse" and len(parts) >= 3:
                per.setdefault(parts[1], []).append(float(parts[2]))
            elif parts[0] == "rusage" and len(parts) == 3:
                process[parts[1]] = float(parts[2])
    result: dict[str, Any] = {"hooked": hooked}
    for direction in ("in", "out"):
        values = per.get(direction, [])
        result[f"probe_{direction}"] = len(values)
        result[f"analysis_cpu_{direction}_s"] = round(sum(values), 4)
    other = [v for d, vs in per.items() if d not in ("in", "out") for v in vs]
    if other:
        result["probe_unknown_direction"] = len(other)
        result["analysis_cpu_unknown_s"] = round(sum(other), 4)
    result.update({f"{k}_cpu_s": round(v, 4) for k, v in process.items()})
    return result


# -- statistics -----------------------------------------------------------------------


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def p95(values: Sequence[float]) -> float:
    """The nearest-rank 95th percentile (of 20 values: the 19th smallest)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def summarize(runs: Sequence[Run]) -> dict[str, Any]:
    summary: dict[str, Any] = {
        "median_wall_s": median([r.wall_s for r in runs]),
        "median_cpu_s": median([r.cpu_s for r in runs]),
        "max_peak_rss_mib": max(r.peak_rss_mib for r in runs),
        "runs": [r.figures() for r in runs],
    }
    numeric = [k for k, v in runs[0].extra.items() if isinstance(v, (int, float)) and not isinstance(v, bool)]
    for key in numeric:
        values = [r.extra[key] for r in runs if isinstance(r.extra.get(key), (int, float))]
        if len(values) == len(runs):
            summary[f"median_{key}"] = median(values)
    return summary


def per_candidate(first: dict[str, Any], counts: dict[str, int], messages: int) -> dict[str, float | None]:
    """The per-message and per-candidate figures of one summarized measurement."""

    def ratio(value: float | None, count: float) -> float | None:
        return None if value is None or not count else 1000 * value / count

    cpu = first["median_cpu_s"]
    n_in, n_out = counts["analysed_in"], counts["analysed_out"]
    hooked = all(r.get("hooked") for r in first["runs"])
    cpu_in = first.get("median_analysis_cpu_in_s") if hooked else None
    cpu_out = first.get("median_analysis_cpu_out_s") if hooked else None
    probe_in = first.get("median_probe_in") if hooked else None
    probe_out = first.get("median_probe_out") if hooked else None
    analysis = None if cpu_in is None or cpu_out is None else cpu_in + cpu_out
    return {
        "wall_ms_per_msg": ratio(first["median_wall_s"], messages),
        "cpu_ms_per_msg": ratio(cpu, messages),
        "cpu_ms_per_candidate": ratio(cpu, n_in + n_out),
        "analysis_ms_per_in": ratio(cpu_in, probe_in or 0),
        "analysis_ms_per_out": ratio(cpu_out, probe_out or 0),
        "analysis_cpu_s": analysis,
        "other_cpu_ms_per_msg": None if analysis is None else ratio(cpu - analysis, messages),
        "worker_cpu_s": first.get("median_children_cpu_s") if hooked else None,
    }


# -- the record -----------------------------------------------------------------------


def git_commit() -> str:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=False)
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "src"], cwd=ROOT, capture_output=True, text=True, check=False
        )
        return out.stdout.strip() + ("-dirty" if dirty.stdout.strip() else "")
    except OSError:
        return "unknown"


def load() -> list[float]:
    """The 1, 5 and 15 minute load averages (the cores are shared: say how busy they were)."""
    return [round(x, 2) for x in os.getloadavg()]


def machine(extra: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "cpus": os.cpu_count(),
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        **(extra or {}),
    }


def write_json(path: Path, document: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, indent=2))


def default_json(kind: str, mixes: Sequence[str]) -> Path:
    return RESULTS / f"{kind}-{'+'.join(mixes)}-{time.strftime('%Y%m%d-%H%M%S')}.json"


def fmt(value: float | None, spec: str = ".2f", unit: str = "") -> str:
    return "n/a" if value is None else f"{value:{spec}}{unit}"


def print_table(title: str, columns: Sequence[str], rows: Sequence[Sequence[str]], width: int = 200) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title)
    for name in columns:
        table.add_column(name, overflow="fold")
    colour = {"PASS": "[green]PASS[/]", "MISS": "[red]MISS[/]"}
    for row in rows:
        table.add_row(*(colour.get(cell, cell) for cell in row))
    Console(width=width).print(table)
