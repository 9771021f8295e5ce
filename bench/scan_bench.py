"""Benchmark `inboxcoach scan` of a Maildir against the file floor: per message, per analysed message.

    .venv/bin/python bench/scan_bench.py [--mix classic,newsletter] [--program-share 0.15]
                                         [--sizes 20000] [--runs 3] [--no-probe] [--keep DIR]
                                         [--json bench/results/scan-....json]
    .venv/bin/python bench/scan_bench.py --mix legacy [--noise 20000] [--sent 2000]

Not part of `make test`; needs no server. For each mix (bench/mailgen.py, default
``classic``) and each N it writes a Maildir of N Inbox messages and N/10 in ``.Sent``
into a temporary directory (or --keep DIR), then alternates, --runs times, each in a
fresh child process timed from outside by bench/launcher.py (wall from spawn to exit,
user+sys CPU of the child and its reaped children -- the body worker -- and peak RSS
from wait4):

- **floor**: bench/file_floor.py: list every folder, open every message file and read
  it up to the blank line after its headers;
- **scan**: ``inboxcoach scan MAILDIR`` on a fresh database, through bench/probe.py
  (the same command with the body analysis timed per message; off with --no-probe).
  The database it produced is read afterwards: the messages whose body was analysed
  (features stored), inbound and outbound.

It prints, per mix and N, the figures of sync_bench.py's first table (see its
docstring for how to read them), with the file floor in place of the IMAP floor, and
writes every raw run as JSON under bench/results/.

``--mix legacy`` is the mail this script generated before the mixes existed
(``email.message``, one random stream, its own config): --noise Inbox and --sent Sent
messages, so figures taken with it before stay comparable.
"""

from __future__ import annotations

import argparse
import compileall
import mailbox
import os
import random
import shutil
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import benchlib  # noqa: E402
import mailgen  # noqa: E402
from benchlib import checked, measure, summarize  # noqa: E402

# This script has no ties to inboxcoach of its own: it runs the command line through
# bench/probe.py (whose ANALYSE and CLI name the code under test) and reads the
# database through benchlib.analysed_counts.

COST_COLUMNS = (
    "mix", "N", "messages", "analysed in", "analysed out", "floor s", "scan s", "x floor",
    "wall ms/msg", "cpu s", "cpu ms/msg", "analysis ms/in", "analysis ms/out", "other cpu ms/msg",
    "worker cpu s", "peak MiB", "load 1m",
)  # fmt: skip


# -- the legacy mix (as this script made it before bench/mailgen.py had mixes) ----------

LEGACY_ME = "sam.applicant@example.org"
LEGACY_PROGRAMS = "".join(
    f"""
[[programs]]
name = "Program {i} Anesthesiology"
aliases = ["Program {i}"]
domains = ["program{i}.example"]
contacts = ["coord@program{i}-health.example"]
interview_date = 2026-11-{10 + i % 18:02d}
"""
    for i in range(25)
)
LEGACY_SENDERS = [
    ("news@shop.example", "Weekly deals", True),
    ("alerts@bank.example", "Your statement is ready", True),
    ("noreply@social.example", "You have new notifications", True),
    ("info@usmle.example", "Step 3 score release", False),
    ("friend{}@gmail.example", "dinner?", False),
    ("digest@journal.example", "This week in anesthesiology", True),
]
LEGACY_PARAGRAPH = (
    "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor "
    "incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud "
    "exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat.\n"
)


def _legacy_message(rng: random.Random, i: int, start: datetime, sent: bool) -> EmailMessage:
    msg = EmailMessage()
    when = start + timedelta(minutes=rng.randrange(0, 60 * 24 * 150))
    msg["Date"] = format_datetime(when)
    msg["Message-ID"] = f"<bench-{'s' if sent else 'n'}{i}@bench.example>"
    if sent:
        program = rng.randrange(40)  # 25 configured, 15 not
        msg["From"] = f"Sam Applicant <{LEGACY_ME}>"
        msg["To"] = f"coord@program{program}.example" if rng.random() < 0.3 else f"friend{i % 50}@gmail.example"
        msg["Subject"] = rng.choice(["Thank you", "Question", "Update", "Hello"])
        msg.set_content("Dear Dr. Lee,\n\n" + LEGACY_PARAGRAPH * rng.randrange(1, 5) + "\nBest regards,\nSam\n")
        return msg
    sender, subject, bulk = rng.choice(LEGACY_SENDERS)
    if rng.random() < 0.02:
        sender, subject, bulk = f"coord@program{rng.randrange(25)}.example", "Interview invitation", False
    msg["From"] = sender.format(i % 50)
    msg["To"] = LEGACY_ME
    msg["Subject"] = f"{subject} #{i}"
    if bulk:
        msg["List-Id"] = "<list.example>"
    body = LEGACY_PARAGRAPH * rng.randrange(2, 30)
    msg.set_content(body)
    if rng.random() < 0.5:
        msg.add_alternative(f"<html><body><p>{body}</p></body></html>", subtype="html")
    if rng.random() < 0.03:
        msg.add_attachment(rng.randbytes(200_000), maintype="application", subtype="pdf", filename="a.pdf")
    return msg


def _write_legacy(root: Path, noise: int, sent: int) -> None:
    rng = random.Random(20261125)
    start = datetime(2026, 9, 1, tzinfo=timezone.utc)
    for sub in ("cur", "new", "tmp"):
        (root / sub).mkdir(parents=True, exist_ok=True)
    md = mailbox.Maildir(root, create=True)
    sent_box = md.add_folder("Sent")
    for i in range(noise):
        md.add(mailbox.MaildirMessage(_legacy_message(rng, i, start, sent=False)))
    for i in range(sent):
        sent_box.add(mailbox.MaildirMessage(_legacy_message(rng, i, start, sent=True)))


# -- one mix at one N -------------------------------------------------------------------


def write_maildir(mix: mailgen.Mix | None, n: int, sent: int, root: Path) -> tuple[str, str]:
    """Write the mailbox; return (the applicant's address, the programs' TOML)."""
    if mix is None:
        _write_legacy(root, n, sent)
        return LEGACY_ME, LEGACY_PROGRAMS
    uid, gid = os.getuid(), os.getgid()
    mailgen.write_maildir_folder(root, (mix.inbox(i) for i in range(n)), uid, gid, 0)
    mailgen.write_maildir_folder(root / ".Sent", (mix.sent(i) for i in range(sent)), uid, gid, n)
    return mailgen.ME, mix.programs_toml()


def bench_one(
    name: str, mix: mailgen.Mix | None, n: int, sent: int, args: argparse.Namespace, work: Path, say: Any
) -> dict[str, Any]:
    label = f"{name} N={n}"
    load_before = benchlib.load()
    maildir = (args.keep / f"{name}-{n}-{sent}") if args.keep else work / "maildir"
    if maildir.exists():
        shutil.rmtree(maildir)
    maildir.mkdir(parents=True)
    started = time.perf_counter()
    me, programs = write_maildir(mix, n, sent, maildir)
    written = time.perf_counter() - started
    mib = sum(f.stat().st_size for f in maildir.rglob("*") if f.is_file()) / 2**20
    say(f"{label}: wrote {n} + {sent} messages ({mib:.0f} MiB) in {written:.1f} s; load {load_before}")
    config = work / "config.toml"
    config.write_text(f'[account]\nemail = "{me}"\n\n[season]\nmatch_year = 2027\n{programs}')
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    floor_cmd = [sys.executable, str(ROOT / "bench" / "file_floor.py"), str(maildir)]
    checked(measure(floor_cmd, env, work), "floor")  # untimed: the page cache holds the files for every run
    floors, scans = [], []
    for i in range(args.runs):
        floors.append(checked(measure(floor_cmd, env, work), "floor"))
        db = work / f"scan{i}.db"
        records = None if args.no_probe else work / f"probe{i}.records"
        run = checked(measure(benchlib.inboxcoach_cmd(config, db, ["scan", str(maildir)], records), env, work), "scan")
        run.extra.update(benchlib.analysed_counts(db, [me]))
        if records is not None:
            run.extra.update(benchlib.read_probe(records))
        scans.append(run)
        say(f"{label}: run {i + 1}: floor {floors[-1].wall_s:.2f} s, scan {run.wall_s:.2f} s cpu {run.cpu_s:.2f} s "
            f"({run.peak_rss_mib:.0f} MiB), analysed {run.extra['analysed_in']} in / {run.extra['analysed_out']} out")  # fmt: skip
    counts = {k: scans[-1].extra[k] for k in ("messages", "analysed_in", "analysed_out", "candidates")}
    if counts["messages"] != n + sent:
        say(f"{label}: WARNING: the database holds {counts['messages']} messages, the Maildir {n + sent}")
    summary = summarize(scans)
    result = {
        "mix": mix.params() if mix else {"mix": "legacy"},
        "n": n,
        "sent": sent,
        "messages": n + sent,
        "mailbox_mib": round(mib, 1),
        "write_s": round(written, 2),
        "floor": summarize(floors),
        "scan": summary,
        "counts": counts,
        "per_message": benchlib.per_candidate(summary, counts, n + sent),
        "scan_output": scans[-1].stdout.strip(),
        "load_before": load_before,
        "load_after": benchlib.load(),
    }
    if not args.keep:
        shutil.rmtree(maildir, ignore_errors=True)
    return result


def cost_rows(results: list[dict[str, Any]]) -> list[list[str]]:
    fmt = benchlib.fmt
    rows = []
    for r in results:
        scan, per, counts = r["scan"], r["per_message"], r["counts"]
        fl = r["floor"]["median_wall_s"]
        rows.append([
            r["mix"]["mix"], f"{r['n']:,}", f"{r['messages']:,}", str(counts["analysed_in"]), str(counts["analysed_out"]),
            f"{fl:.2f}", f"{scan['median_wall_s']:.2f}", f"{scan['median_wall_s'] / fl:.1f}x",
            fmt(per["wall_ms_per_msg"], ".3f"), f"{scan['median_cpu_s']:.2f}", fmt(per["cpu_ms_per_msg"], ".3f"),
            fmt(per["analysis_ms_per_in"]), fmt(per["analysis_ms_per_out"]), fmt(per["other_cpu_ms_per_msg"], ".3f"),
            fmt(per["worker_cpu_s"]), f"{scan['max_peak_rss_mib']:.0f}", f"{r['load_before'][0]:.2f}",
        ])  # fmt: skip
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--mix", default="classic",
                        help=f"comma-separated mixes of bench/mailgen.py: {', '.join(mailgen.MIX_NAMES)}, programNN, "
                             "or legacy (this script's old mail)")  # fmt: skip
    parser.add_argument("--program-share", type=float, default=None,
                        help="share of program mail (0-1) in the Inbox and Sent of the English mixes, e.g. 0.15")  # fmt: skip
    parser.add_argument("--sizes", default="20000", help="comma-separated Inbox sizes (Sent gets N/10)")
    parser.add_argument("--noise", type=int, default=None, help="legacy: Inbox size (same as --sizes N)")
    parser.add_argument("--sent", type=int, default=None, help="Sent size (default N/10)")
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (median)")
    parser.add_argument("--no-probe", action="store_true",
                        help="run the scan as plain `python -m inboxcoach.cli` (no per-direction CPU)")  # fmt: skip
    parser.add_argument("--keep", type=Path, default=None, help="write (and keep) the Maildirs under this directory")
    parser.add_argument("--json", type=Path, default=None, help="where to write the results (default: bench/results/)")
    args = parser.parse_args(argv)
    names = [m.strip() for m in args.mix.split(",") if m.strip()]
    try:
        mixes: list[tuple[str, mailgen.Mix | None]] = [
            ("legacy", None) if name == "legacy" else (mix.name, mix)
            for name in names
            for mix in ([None] if name == "legacy" else mailgen.mixes_from_args(name, args.program_share))
        ]
    except ValueError as exc:
        parser.error(str(exc))
    sizes = [args.noise] if args.noise else sorted(int(s) for s in args.sizes.split(",") if s.strip())
    started = time.perf_counter()
    commit_at_start = benchlib.git_commit()

    def say(text: str) -> None:
        print(f"[{time.perf_counter() - started:7.1f} s] {text}", flush=True)

    say(f"load average {benchlib.load()} on {os.cpu_count()} cores; mixes {', '.join(n for n, _ in mixes)}; sizes {sizes}")
    compileall.compile_dir(str(ROOT / "src"), quiet=1)  # the children never write bytecode
    benchlib.start_launcher()  # first, while this process is still small
    results = []
    with tempfile.TemporaryDirectory(prefix="ic-scanbench-") as tmp:
        for name, mix in mixes:
            for n in sizes:
                sent = args.sent if args.sent is not None else n // 10
                work = Path(tmp) / f"{name}-{n}"
                work.mkdir()
                results.append(bench_one(name, mix, n, sent, args, work, say))
                shutil.rmtree(work, ignore_errors=True)
    benchlib.stop_launcher()
    commit = benchlib.git_commit()
    if commit != commit_at_start:
        print(f"WARNING: the code changed during the run ({commit_at_start} -> {commit}); figures mix both")
        commit = f"{commit_at_start}..{commit}"
    rows = cost_rows(results)
    benchlib.print_table(f"inboxcoach scan of a Maildir vs the file floor @ {commit}, median of {args.runs}", COST_COLUMNS, rows)
    document = {
        "commit": commit,
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "argv": sys.argv[1:] if argv is None else argv,
        "runs": args.runs,
        "probe": not args.no_probe,
        "machine": benchlib.machine(),
        "results": results,
        "table": [dict(zip(COST_COLUMNS, row)) for row in rows],
        "elapsed_s": round(time.perf_counter() - started, 1),
    }
    path = args.json or benchlib.default_json("scan", [n for n, _ in mixes])
    benchlib.write_json(path, document)
    print(f"JSON: {path}  (whole run {document['elapsed_s']} s; load now {benchlib.load()})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
