"""Benchmark `inboxcoach scan` on a large Maildir: time per message and peak memory.

    .venv/bin/python bench/scan_bench.py [--noise 20000] [--sent 2000] [--runs 3]

Builds (once, cached under bench/results/) a Maildir of NOISE inbox messages
(newsletters, receipts, notices, some with 200 KB attachments, a few program
messages) plus SENT messages in .Sent, then runs `inboxcoach scan` in a fresh
process per run against a fresh database, and prints wall time, time per message
and the peak RSS of the scan process. Results are also written as JSON next to the
Maildir so runs can be compared between commits.
"""

from __future__ import annotations

import argparse
import json
import mailbox
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from email.message import EmailMessage
from email.utils import format_datetime
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
ME = "sam.applicant@example.org"

CONFIG = f"""
[account]
email = "{ME}"
[season]
match_year = 2027
""" + "".join(
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

SENDERS = [
    ("news@shop.example", "Weekly deals", True),
    ("alerts@bank.example", "Your statement is ready", True),
    ("noreply@social.example", "You have new notifications", True),
    ("info@usmle.example", "Step 3 score release", False),
    ("friend{}@gmail.example", "dinner?", False),
    ("digest@journal.example", "This week in anesthesiology", True),
]
PARAGRAPH = (
    "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor "
    "incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud "
    "exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat.\n"
)


def _message(rng: random.Random, i: int, start: datetime, sent: bool) -> EmailMessage:
    msg = EmailMessage()
    when = start + timedelta(minutes=rng.randrange(0, 60 * 24 * 150))
    msg["Date"] = format_datetime(when)
    msg["Message-ID"] = f"<bench-{'s' if sent else 'n'}{i}@bench.example>"
    if sent:
        program = rng.randrange(40)  # 25 configured, 15 not
        msg["From"] = f"Sam Applicant <{ME}>"
        msg["To"] = f"coord@program{program}.example" if rng.random() < 0.3 else f"friend{i % 50}@gmail.example"
        msg["Subject"] = rng.choice(["Thank you", "Question", "Update", "Hello"])
        msg.set_content("Dear Dr. Lee,\n\n" + PARAGRAPH * rng.randrange(1, 5) + "\nBest regards,\nSam\n")
        return msg
    sender, subject, bulk = rng.choice(SENDERS)
    if rng.random() < 0.02:
        sender, subject, bulk = f"coord@program{rng.randrange(25)}.example", "Interview invitation", False
    msg["From"] = sender.format(i % 50)
    msg["To"] = ME
    msg["Subject"] = f"{subject} #{i}"
    if bulk:
        msg["List-Id"] = "<list.example>"
    body = PARAGRAPH * rng.randrange(2, 30)
    msg.set_content(body)
    if rng.random() < 0.5:
        msg.add_alternative(f"<html><body><p>{body}</p></body></html>", subtype="html")
    if rng.random() < 0.03:
        msg.add_attachment(rng.randbytes(200_000), maintype="application", subtype="pdf", filename="a.pdf")
    return msg


def build_maildir(noise: int, sent: int) -> Path:
    """A Maildir++ with ``noise`` inbox messages and ``sent`` in .Sent (cached)."""
    root = RESULTS / f"maildir-{noise}-{sent}"
    if (root / ".complete").exists():
        return root
    rng = random.Random(20261125)
    start = datetime(2026, 9, 1, tzinfo=timezone.utc)
    md = mailbox.Maildir(root, create=True)
    sent_box = md.add_folder("Sent")
    for i in range(noise):
        md.add(mailbox.MaildirMessage(_message(rng, i, start, sent=False)))
    for i in range(sent):
        sent_box.add(mailbox.MaildirMessage(_message(rng, i, start, sent=True)))
    (root / ".complete").write_text("ok")
    return root


def run_scan(maildir: Path, config: Path) -> dict[str, float]:
    """One `inboxcoach scan` in a fresh process and database; wall, CPU, peak RSS."""
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        script = (
            "import resource, sys, time\n"
            "from inboxcoach.cli import main\n"
            "t = time.perf_counter(); c = time.process_time()\n"
            f"rc = main(['--config', {str(config)!r}, '--db', {str(db)!r}, 'scan', {str(maildir)!r}])\n"
            "wall = time.perf_counter() - t; cpu = time.process_time() - c\n"
            "rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
            "print(f'BENCH {rc} {wall} {cpu} {rss}', file=sys.stderr)\n"
        )
        proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
        line = next((l for l in proc.stderr.splitlines() if l.startswith("BENCH ")), None)
        if proc.returncode != 0 or line is None:
            raise SystemExit(f"scan failed:\n{proc.stdout}\n{proc.stderr}")
        _, rc, wall, cpu, rss = line.split()
        return {"wall_s": float(wall), "cpu_s": float(cpu), "peak_rss_mib": int(rss) / 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--noise", type=int, default=20_000)
    parser.add_argument("--sent", type=int, default=2_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    RESULTS.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    maildir = build_maildir(args.noise, args.sent)
    print(f"Maildir ready in {time.perf_counter() - t:.1f} s: {maildir}")
    config = RESULTS / "bench-config.toml"
    config.write_text(CONFIG)
    runs = [run_scan(maildir, config) for _ in range(args.runs)]
    total = args.noise + args.sent
    wall = statistics.median(r["wall_s"] for r in runs)
    result = {
        "messages": total,
        "runs": runs,
        "median_wall_s": wall,
        "median_ms_per_message": 1000 * wall / total,
        "max_peak_rss_mib": max(r["peak_rss_mib"] for r in runs),
        "python": sys.version.split()[0],
        "cpus": os.cpu_count(),
    }
    (RESULTS / f"scan-{args.noise}-{args.sent}.json").write_text(json.dumps(result, indent=2))
    print(
        f"scan of {total} messages: median {wall:.2f} s "
        f"({result['median_ms_per_message']:.3f} ms/message), "
        f"peak RSS {result['max_peak_rss_mib']:.0f} MiB over {args.runs} runs"
    )


if __name__ == "__main__":
    main()
