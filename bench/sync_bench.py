"""Benchmark `inboxcoach sync`, `scan` and the daemon against the IMAP floor (issue #5).

    .venv/bin/python bench/sync_bench.py [--sizes 5000,20000,80000] [--skip-80k] [--runs 3]
                                         [--json bench/results/sync.json]

Not part of `make test`. Needs Dovecot 2.3 (tools/ensure-dovecot); only 127.0.0.1 is used.

For each N it starts a private Dovecot (tests/imapserver.py), writes N Inbox and N/10
Sent messages straight into its Maildir (bench/mailgen.py: newsletters, notices,
personal mail and replies, ~1 % program mail from 25 configured program domains, some
with 100-300 KB PDFs; deterministic), and then measures, each in a fresh child process
timed from outside by bench/launcher.py, a small process started before any mail is
made (wall from spawn to exit, user+sys CPU and peak RSS from wait4; spawned from this
process, a child would report this process's own RSS as its peak):

- **floor**: bench/imap_floor.py, plain imapclient: login, SELECT INBOX and Sent,
  SEARCH ALL, FETCH ``BODY.PEEK[HEADER.FIELDS (FROM TO CC SUBJECT DATE MESSAGE-ID
  IN-REPLY-TO REFERENCES)]`` in batches of 500. Two untimed warm-up passes run first
  (inboxcoach's header fields, then the floor's), so Dovecot's index and cache files
  hold both field sets before any timed run (neither side pays for Dovecot's first
  look at the mail);
- **first sync**: ``python -m inboxcoach.cli sync`` on a fresh database (the floor and
  the first sync alternate run by run, so a noisy moment hits both);
- **second sync**: the same database again, nothing new;
- **scan**: ``inboxcoach scan`` of Dovecot's own Maildir++ directory, fresh database;
- **sync +100**: APPEND 100 new messages (untimed), then one timed sync; repeated;
- **daemon**: ``inboxcoach run`` on the synced database (plus one new message, so its
  first pass logs "synced: 1 new"); once that line is logged and 2 s have passed, 20 times: APPEND one program message with a fresh Message-ID and
  poll the database (read-only, every 10 ms) until its key appears; a message not
  stored within --daemon-timeout (10 s) counts as that many seconds in the median/p95. Then SIGTERM; it
  must exit 0 within 5 s.

Every figure is the median of --runs runs (daemon: of 20 appends, with p95).

How to read the results
-----------------------
- ``x floor`` is the figure divided by the floor's median wall time at the same N.
  The floor includes Python start-up and the imapclient import; inboxcoach's figures
  include its own start-up and imports, shown separately as "python start + import"
  (that cost is the same at every N, so it dominates the small figures: a second sync
  cannot be faster than it).
- "ms/msg" is wall time per message (Inbox + Sent). The growth check compares it at
  the largest N with the smallest: flat means linear; a rising figure means something
  grows with the mailbox (a query without an index, a list scan per message).
- CPU is the child's user+sys only; Dovecot's work is not in it. A wall time well above
  the CPU time means waiting: on the server, on the disk (fsync) or on round trips.
- Peak RSS is the child's ru_maxrss (MiB), its worker process included (wait4 reports
  the largest of a process and the children it reaped).
- Targets apply at the N the issue names (80,000 for the absolute ones); at other N
  the same thresholds are shown for orientation and marked "(80k)".
- The JSON (--json) holds every raw run, the machine and the git commit, so two commits
  can be compared figure by figure; compare runs from the same machine only.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import platform
import pwd
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

import mailgen  # noqa: E402
from imapserver import PASSWORD_ENV, DovecotServer  # noqa: E402

MIB = 1024.0  # ru_maxrss is in KiB on Linux
DAEMON_APPENDS = 20
NEW_MESSAGES = 100


@dataclass
class Run:
    wall_s: float
    cpu_s: float
    peak_rss_mib: float
    returncode: int
    stdout: str
    stderr: str

    def figures(self) -> dict[str, float]:
        return {"wall_s": round(self.wall_s, 4), "cpu_s": round(self.cpu_s, 4), "peak_rss_mib": round(self.peak_rss_mib, 1)}


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


def measure(cmd: Sequence[str], env: dict[str, str], workdir: Path) -> Run:
    """Run ``cmd`` as a child of the launcher; wall from spawn to reaping, CPU and
    peak RSS from wait4."""
    global _launcher
    if _launcher is None:
        _launcher = Launcher()
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


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def p95(values: Sequence[float]) -> float:
    """The nearest-rank 95th percentile (of 20 values: the 19th smallest)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def summarize(runs: Sequence[Run]) -> dict[str, Any]:
    return {
        "median_wall_s": median([r.wall_s for r in runs]),
        "median_cpu_s": median([r.cpu_s for r in runs]),
        "max_peak_rss_mib": max(r.peak_rss_mib for r in runs),
        "runs": [r.figures() for r in runs],
    }


class Bench:
    """One N: a Dovecot full of mail, a config, and the measurements."""

    def __init__(self, n: int, runs: int, work: Path, daemon_timeout: float = 10.0) -> None:
        self.n, self.sent_n, self.runs = n, n // 10, runs
        self.daemon_timeout = daemon_timeout
        self.work = work
        self.server = DovecotServer()
        self.env = {**os.environ, PASSWORD_ENV: self.server.password, "PYTHONDONTWRITEBYTECODE": "1"}
        self.daemon: subprocess.Popen[bytes] | None = None
        self.appended = 0

    # -- set-up ----------------------------------------------------------------

    @property
    def maildir(self) -> Path:
        return self.server.directory / "mail" / self.server.user

    def fill(self) -> dict[str, float]:
        """Start Dovecot and write the mail into its Maildir; return timings."""
        self.server.start()
        with self.server.client() as client:  # makes Dovecot create the Maildir and folders
            client.select_folder("INBOX")
            client.select_folder("Sent")
        if os.geteuid() == 0:
            nobody = pwd.getpwnam("nobody")
            uid, gid = nobody.pw_uid, nobody.pw_gid
        else:
            uid, gid = os.getuid(), os.getgid()
        started = time.perf_counter()
        inbox_bytes = mailgen.write_maildir_folder(
            self.maildir, (mailgen.inbox_message(i) for i in range(self.n)), uid, gid, 0
        )
        sent_bytes = mailgen.write_maildir_folder(
            self.maildir / ".Sent", (mailgen.sent_message(i) for i in range(self.sent_n)), uid, gid, self.n
        )
        written = time.perf_counter() - started
        self.config = self.work / "config.toml"
        self.config.write_text(
            f'[account]\nemail = "{mailgen.ME}"\nusername = "{self.server.user}"\nimap_host = "127.0.0.1"\n'
            f'imap_port = {self.server.port}\nimap_security = "none"\npassword_env = "{PASSWORD_ENV}"\n\n'
            "[season]\nmatch_year = 2027\n" + mailgen.program_config()
        )
        return {"write_s": written, "mailbox_mib": (inbox_bytes + sent_bytes) / 2**20}

    # -- the measurements ------------------------------------------------------

    def floor(self, item: str | None = None) -> Run:
        cmd = [sys.executable, str(ROOT / "bench" / "imap_floor.py"), "127.0.0.1", str(self.server.port), self.server.user]
        if item:
            cmd.append(item)
        run = checked(measure(cmd, self.env, self.work), "floor")
        messages = int(run.stdout.split()[1])
        if messages < self.n + self.sent_n:
            raise SystemExit(f"floor fetched {messages} headers, expected {self.n + self.sent_n}: Dovecot missed files")
        return run

    def inboxcoach(self, db: Path, *args: str) -> Run:
        cmd = [sys.executable, "-m", "inboxcoach.cli", "--config", str(self.config), "--db", str(db), *args]
        return checked(measure(cmd, self.env, self.work), f"inboxcoach {' '.join(args)}")

    def fresh_db(self, name: str) -> Path:
        db = self.work / f"{name}.db"
        for suffix in ("", "-wal", "-shm", "-journal"):
            with contextlib.suppress(FileNotFoundError):
                Path(f"{db}{suffix}").unlink()
        return db

    def append_new(self, count: int) -> None:
        with self.server.client(timeout=60) as client:
            for _ in range(count):
                self.appended += 1
                client.append("INBOX", mailgen.inbox_message(self.appended, tag="new"))

    def daemon_latency(self, db: Path) -> dict[str, Any]:
        log_path = self.work / "daemon.log"
        self.append_new(1)  # so the daemon's first pass logs "synced: 1 new": the sign it is done
        cmd = [sys.executable, "-m", "inboxcoach.cli", "--config", str(self.config), "--db", str(db), "run"]
        with open(log_path, "wb") as log:
            self.daemon = subprocess.Popen(cmd, env=self.env, stdout=log, stderr=log, stdin=subprocess.DEVNULL, cwd=ROOT)
        deadline = time.monotonic() + 120
        while "synced:" not in log_path.read_text(errors="replace"):
            if self.daemon.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"the daemon did not finish its first pass:\n{log_path.read_text()[-3000:]}")
            time.sleep(0.05)
        time.sleep(2.0)  # let it settle into IDLE
        latencies: list[float] = []
        misses = 0
        ro = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            with self.server.client(timeout=60) as client:
                for i in range(DAEMON_APPENDS):
                    msgid, raw = mailgen.program_message(f"{self.n}-{i}-{time.time_ns()}", p=i % mailgen.PROGRAMS)
                    key = msgid.strip("<>").lower()
                    started = time.perf_counter()
                    client.append("INBOX", raw)
                    while True:
                        try:
                            found = ro.execute("SELECT 1 FROM messages WHERE key = ?", (key,)).fetchone()
                        except sqlite3.OperationalError:
                            found = None  # locked for a moment by the writer
                        elapsed = time.perf_counter() - started
                        if found or elapsed > self.daemon_timeout:
                            break
                        time.sleep(0.01)
                    if found:
                        latencies.append(elapsed)
                    else:
                        misses += 1
                    time.sleep(0.5)  # back to IDLE before the next one
        finally:
            ro.close()
        stop_s, rc = self.stop_daemon()
        # A message that never arrived counts as the timeout, so it shows in the median/p95.
        samples = latencies + [self.daemon_timeout] * misses
        return {
            "median_s": median(samples),
            "p95_s": p95(samples),
            "max_s": max(samples),
            "timeouts": misses,
            "timeout_s": self.daemon_timeout,
            "latencies_s": [round(x, 4) for x in latencies],
            "sigterm_exit_s": stop_s,
            "sigterm_returncode": rc,
        }

    def stop_daemon(self) -> tuple[float | None, int | None]:
        proc, self.daemon = self.daemon, None
        if proc is None or proc.poll() is not None:
            return None, proc.returncode if proc else None
        started = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            return None, proc.returncode
        return time.monotonic() - started, proc.returncode

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.stop_daemon()
        self.server.close()

    # -- one N -----------------------------------------------------------------

    def run_all(self, say: Any) -> dict[str, Any]:
        setup = self.fill()
        say(f"N={self.n}: wrote {self.n} + {self.sent_n} messages ({setup['mailbox_mib']:.0f} MiB) in {setup['write_s']:.1f} s")
        # Untimed for the result: Dovecot builds its index files here, and caches the
        # header fields of both sides (the floor's and inboxcoach's), so the first timed
        # run of either finds them as warm as the last.
        from inboxcoach.sync import HEADER_ITEM

        warm = self.floor(HEADER_ITEM)
        say(f"N={self.n}: warm-up pass (Dovecot indexes the Maildir, caches both field sets) {warm.wall_s:.2f} s")
        self.floor()
        floors, firsts = [], []
        db = self.fresh_db("sync")
        for i in range(self.runs):
            floors.append(self.floor())
            db = self.fresh_db("sync")
            firsts.append(self.inboxcoach(db, "sync"))
            say(f"N={self.n}: run {i + 1}: floor {floors[-1].wall_s:.2f} s, first sync {firsts[-1].wall_s:.2f} s "
                f"({firsts[-1].peak_rss_mib:.0f} MiB)")
        seconds = [self.inboxcoach(db, "sync") for _ in range(self.runs)]
        say(f"N={self.n}: second sync {median([r.wall_s for r in seconds]):.2f} s")
        scans = []
        for _ in range(self.runs):
            scans.append(self.inboxcoach(self.fresh_db("scan"), "scan", str(self.maildir)))
        say(f"N={self.n}: scan {median([r.wall_s for r in scans]):.2f} s")
        after_new = []
        for _ in range(self.runs):
            self.append_new(NEW_MESSAGES)
            after_new.append(self.inboxcoach(db, "sync"))
        say(f"N={self.n}: sync after {NEW_MESSAGES} new {median([r.wall_s for r in after_new]):.2f} s")
        daemon = self.daemon_latency(db)
        say(f"N={self.n}: daemon APPEND->stored median {daemon['median_s']}, p95 {daemon['p95_s']}")
        return {
            "n": self.n,
            "sent": self.sent_n,
            "messages": self.n + self.sent_n,
            "setup": setup,
            "warmup_floor": warm.figures(),
            "floor": summarize(floors),
            "first_sync": summarize(firsts),
            "second_sync": summarize(seconds),
            "scan": summarize(scans),
            "sync_after_100_new": summarize(after_new),
            "daemon": daemon,
            "first_sync_output": firsts[-1].stdout.strip(),
        }


def startup_baseline(runs: int, work: Path) -> dict[str, Any]:
    """What any inboxcoach command costs before it does anything: python + imports."""
    env = dict(os.environ)
    cmd = [sys.executable, "-c", "import inboxcoach.cli, inboxcoach.sync, inboxcoach.commands"]
    return summarize([checked(measure(cmd, env, work), "import") for _ in range(max(runs, 3))])


# -- the table ---------------------------------------------------------------------


def verdict(ok: bool | None) -> str:
    return "" if ok is None else ("PASS" if ok else "MISS")


def build_rows(results: list[dict[str, Any]], startup: dict[str, Any]) -> list[tuple[str, str, str, str, str]]:
    rows: list[tuple[str, str, str, str, str]] = []
    rows.append(("python start + import inboxcoach", f"{startup['median_wall_s']:.3f} s", "", "", ""))
    for r in results:
        n, m = r["n"], r["messages"]
        big = n >= 80_000
        fl = r["floor"]["median_wall_s"]
        tag = "" if big else " (80k)"

        def ratio(x: float) -> str:
            return f"{x / fl:.2f}x"

        first = r["first_sync"]
        rows.append((f"N={n} floor (imapclient headers)", f"{fl:.2f} s  cpu {r['floor']['median_cpu_s']:.2f} s  "
                     f"{r['floor']['max_peak_rss_mib']:.0f} MiB", "1.00x", "", ""))
        rows.append((f"N={n} first sync", f"{first['median_wall_s']:.2f} s  cpu {first['median_cpu_s']:.2f} s",
                     ratio(first["median_wall_s"]), "<= 2.0x floor", verdict(first["median_wall_s"] <= 2.0 * fl)))
        rows.append((f"N={n} first sync per message", f"{1000 * first['median_wall_s'] / m:.3f} ms/msg",
                     "", "", ""))
        rows.append((f"N={n} first sync peak RSS", f"{first['max_peak_rss_mib']:.0f} MiB", "",
                     f"< 150 MiB{tag}", verdict(first["max_peak_rss_mib"] < 150) if big else ""))
        second = r["second_sync"]["median_wall_s"]
        rows.append((f"N={n} second sync, nothing new", f"{second:.3f} s", ratio(second), f"< 0.3 s{tag}",
                     verdict(second < 0.3) if big else ""))
        after = r["sync_after_100_new"]["median_wall_s"]
        rows.append((f"N={n} sync after {NEW_MESSAGES} new", f"{after:.3f} s", ratio(after), f"< 1 s{tag}",
                     verdict(after < 1.0) if big else ""))
        scan = r["scan"]
        rows.append((f"N={n} scan of the Maildir", f"{scan['median_wall_s']:.2f} s  {scan['max_peak_rss_mib']:.0f} MiB",
                     ratio(scan["median_wall_s"]), "", ""))
        d = r["daemon"]
        def latency(x: float) -> str:
            return f">= {x:.0f} s (timeout)" if x >= d["timeout_s"] else f"{x:.3f} s"

        rows.append((f"N={n} daemon APPEND->stored median", latency(d["median_s"]), "", "< 1 s",
                     verdict(d["median_s"] < 1.0)))
        rows.append((f"N={n} daemon APPEND->stored p95", latency(d["p95_s"]), "", "< 2 s", verdict(d["p95_s"] < 2.0)))
        rows.append((f"N={n} daemon appends not stored within {d['timeout_s']:.0f} s", f"{d['timeouts']}/{DAEMON_APPENDS}",
                     "", "0", verdict(d["timeouts"] == 0)))
        stop_ok = d["sigterm_returncode"] == 0 and d["sigterm_exit_s"] is not None and d["sigterm_exit_s"] < 5
        stop = "n/a" if d["sigterm_exit_s"] is None else f"{d['sigterm_exit_s']:.2f} s"
        rows.append((f"N={n} daemon SIGTERM -> exit", f"{stop}, exit {d['sigterm_returncode']}", "", "exit 0 < 5 s",
                     verdict(stop_ok)))
    if len(results) >= 2:
        small, large = results[0], results[-1]
        per = [1000 * r["first_sync"]["median_wall_s"] / r["messages"] for r in (small, large)]
        official = small["n"] == 5_000 and large["n"] >= 80_000
        rows.append((f"growth: ms/msg N={large['n']} / N={small['n']}", f"{per[1] / per[0]:.2f}", "",
                     "<= 1.25" + ("" if official else " (80k/5k)"), verdict(per[1] / per[0] <= 1.25) if official else ""))
    return rows


def print_table(rows: list[tuple[str, str, str, str, str]], title: str) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title)
    for name in ("figure", "value", "x floor", "target", ""):
        table.add_column(name)
    colour = {"PASS": "[green]PASS[/]", "MISS": "[red]MISS[/]"}
    for row in rows:
        table.add_row(*row[:4], colour.get(row[4], row[4]))
    Console(width=160).print(table)


def git_commit() -> str:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "src"], cwd=ROOT, capture_output=True, text=True)
        return out.stdout.strip() + ("-dirty" if dirty.stdout.strip() else "")
    except OSError:
        return "unknown"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", default="5000,20000,80000", help="comma-separated Inbox sizes (Sent gets N/10)")
    parser.add_argument("--skip-80k", action="store_true", help="leave out sizes of 80,000 and more")
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (median)")
    parser.add_argument("--daemon-timeout", type=float, default=10.0,
                        help="seconds to wait for one appended message to be stored (a miss counts as this)")
    parser.add_argument("--json", type=Path, default=ROOT / "bench" / "results" / "sync.json")
    args = parser.parse_args(argv)
    sizes = sorted(int(s) for s in args.sizes.split(",") if s.strip())
    if args.skip_80k:
        sizes = [n for n in sizes if n < 80_000]
    started = time.perf_counter()
    commit_at_start = git_commit()

    def say(text: str) -> None:
        print(f"[{time.perf_counter() - started:7.1f} s] {text}", flush=True)

    results = []
    # The children run with PYTHONDONTWRITEBYTECODE: compile once here, so no measured
    # run pays for compiling a module whose bytecode is stale.
    import compileall

    compileall.compile_dir(str(ROOT / "src"), quiet=1)
    global _launcher
    _launcher = Launcher()  # first, while this process is still small
    with tempfile.TemporaryDirectory(prefix="ic-syncbench-") as tmp:
        work = Path(tmp)
        startup = startup_baseline(args.runs, work)
        for n in sizes:
            bench_dir = work / f"n{n}"
            bench_dir.mkdir()
            bench = Bench(n, args.runs, bench_dir, args.daemon_timeout)
            try:
                results.append(bench.run_all(say))
            finally:
                bench.close()
            shutil.rmtree(bench_dir, ignore_errors=True)
    _launcher.close()
    commit = git_commit()
    if commit != commit_at_start:  # someone committed or edited src/ while we measured
        print(f"WARNING: the code changed during the run ({commit_at_start} -> {commit}); figures mix both")
        commit = f"{commit_at_start}..{commit}"
    rows = build_rows(results, startup)
    print_table(rows, f"inboxcoach sync benchmark @ {commit} (median of {args.runs}; daemon: {DAEMON_APPENDS} appends)")
    print("Untimed warm-up passes ran first at each N, so Dovecot's index and cache held both field sets for every timed run.")
    document = {
        "commit": commit,
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "runs": args.runs,
        "machine": {
            "cpus": os.cpu_count(),
            "python": sys.version.split()[0],
            "platform": platform.platform(),
            "dovecot": ".".join(map(str, __import__("imapserver").dovecot_version())),
        },
        "startup": startup,
        "results": results,
        "table": [dict(zip(("figure", "value", "x_floor", "target", "verdict"), row)) for row in rows],
        "elapsed_s": round(time.perf_counter() - started, 1),
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(document, indent=2))
    print(f"JSON: {args.json}  (whole run {document['elapsed_s']} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
