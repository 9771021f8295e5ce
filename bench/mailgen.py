"""Deterministic, realistic-looking mail for the benchmarks, as raw bytes.

Built from string templates rather than ``email.message`` so 88,000 messages take
seconds, not minutes. Message ``i`` of a folder is the same for every N (its own
seeded RNG), so the 5,000 mailbox is a prefix of the 80,000 one.

The mix in the Inbox (per message): ~1 % program mail from a configured program
domain (a third of it with a 100-300 KB PDF), ~1 % from the match platforms, ~45 %
HTML newsletters (multipart/alternative, List-Id), ~20 % notices and receipts
(Auto-Submitted / Precedence, 1 in 30 with a PDF invoice), the rest personal mail,
a quarter of it replies (In-Reply-To / References). Sent: ~10 % to program
coordinators (half of them replies to program mail), the rest to friends.
"""

from __future__ import annotations

import base64
import os
import random
import socket
import time
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from pathlib import Path

ME = "sam@example.org"
PROGRAMS = 25
START = datetime(2026, 9, 1, tzinfo=timezone.utc)

PARAGRAPH = (
    "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor\n"
    "incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud\n"
    "exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat.\n\n"
)
NEWSLETTERS = [
    ("Shop Weekly", "news@shop.example", "list.shop.example", "Weekly deals"),
    ("Anesthesia Journal", "digest@journal.example", "digest.journal.example", "This week in anesthesiology"),
    ("Social", "noreply@social.example", "notify.social.example", "You have new notifications"),
    ("Med Student News", "editor@msnews.example", "weekly.msnews.example", "Residency news roundup"),
]
NOTICES = [
    ("alerts@bank.example", "Your statement is ready"),
    ("noreply@airline.example", "Your itinerary"),
    ("receipts@store.example", "Your receipt"),
    ("info@usmle.example", "Step 3 score release"),
]
PLATFORMS = [
    ("noreply@thalamusgme.com", "Interview scheduled"),
    ("eras-noreply@aamc.org", "ERAS: application update"),
]
PROGRAM_SUBJECTS = ["Interview invitation", "Thank you for interviewing", "Program update", "Second look day", "Post-interview social"]
SENT_SUBJECTS = ["Thank you", "Question about the program", "Update", "Hello"]

_PDF_CACHE: dict[int, bytes] = {}


def program_domain(i: int) -> str:
    return f"program{i}.example"


def program_config() -> str:
    """The ``[[programs]]`` tables for the configured program domains."""
    return "".join(
        f'\n[[programs]]\nname = "Program {i} Anesthesiology"\naliases = ["Program {i}"]\n'
        f'domains = ["{program_domain(i)}"]\ninterview_date = 2026-11-{10 + i % 18:02d}\n'
        for i in range(PROGRAMS)
    )


def _pdf(size_kb: int) -> bytes:
    """A base64-encoded fake PDF of about ``size_kb`` KB, wrapped at 76 columns (cached)."""
    if size_kb not in _PDF_CACHE:
        raw = b"%PDF-1.4\n" + random.Random(size_kb).randbytes(size_kb * 1024)
        encoded = base64.encodebytes(raw)  # 76-column lines
        _PDF_CACHE[size_kb] = encoded
    return _PDF_CACHE[size_kb]


def _date(rng: random.Random) -> str:
    return format_datetime(START + timedelta(minutes=rng.randrange(0, 60 * 24 * 150)))


def _text(rng: random.Random, low: int, high: int) -> str:
    return PARAGRAPH * rng.randrange(low, high)


def _plain(headers: list[str], body: str) -> bytes:
    head = "\n".join(headers + ["MIME-Version: 1.0", 'Content-Type: text/plain; charset="utf-8"',
                                "Content-Transfer-Encoding: 7bit"])
    return f"{head}\n\n{body}".encode()


def _alternative(headers: list[str], text: str, boundary: str) -> bytes:
    html = "<html><body>" + "".join(f"<p>{p}</p>" for p in text.split("\n\n") if p) + "</body></html>\n"
    head = "\n".join(headers + ["MIME-Version: 1.0", f'Content-Type: multipart/alternative; boundary="{boundary}"'])
    return (
        f"{head}\n\n--{boundary}\nContent-Type: text/plain; charset=\"utf-8\"\n\n{text}\n"
        f"--{boundary}\nContent-Type: text/html; charset=\"utf-8\"\n\n{html}\n--{boundary}--\n"
    ).encode()


def _with_pdf(headers: list[str], text: str, boundary: str, size_kb: int, name: str) -> bytes:
    head = "\n".join(headers + ["MIME-Version: 1.0", f'Content-Type: multipart/mixed; boundary="{boundary}"'])
    return (
        f"{head}\n\n--{boundary}\nContent-Type: text/plain; charset=\"utf-8\"\n\n{text}\n"
        f"--{boundary}\nContent-Type: application/pdf; name=\"{name}\"\n"
        f"Content-Disposition: attachment; filename=\"{name}\"\nContent-Transfer-Encoding: base64\n\n"
    ).encode() + _pdf(size_kb) + f"\n--{boundary}--\n".encode()


def inbox_message(i: int, seed: int = 20261125, tag: str = "n") -> bytes:
    """Inbox message number ``i`` (the same bytes for the same i, seed and tag)."""
    rng = random.Random(f"{seed}-{tag}-{i}")
    msgid = f"<bench-{tag}{i}@bench.example>"
    roll = rng.random()
    boundary = f"=_b{i}_{rng.randrange(10**9)}"
    if roll < 0.01:
        p = rng.randrange(PROGRAMS)
        headers = [
            f"From: Coordinator {p} <coord@{program_domain(p)}>", f"To: {ME}",
            f"Subject: {rng.choice(PROGRAM_SUBJECTS)}", f"Date: {_date(rng)}", f"Message-ID: {msgid}",
        ]  # fmt: skip
        if rng.random() < 0.3:
            headers.append(f"In-Reply-To: <bench-s{rng.randrange(1000)}@bench.example>")
        body = f"Dear Sam,\n\n{_text(rng, 1, 4)}Best regards,\nProgram {p} Anesthesiology\n"
        if rng.random() < 1 / 3:
            return _with_pdf(headers, body, boundary, rng.randrange(100, 301), "schedule.pdf")
        return _alternative(headers, body, boundary)
    if roll < 0.02:
        sender, subject = rng.choice(PLATFORMS)
        headers = [f"From: {sender}", f"To: {ME}", f"Subject: {subject}", f"Date: {_date(rng)}",
                   f"Message-ID: {msgid}", "Auto-Submitted: auto-generated"]
        return _plain(headers, _text(rng, 1, 3))
    if roll < 0.47:
        name, sender, list_id, subject = rng.choice(NEWSLETTERS)
        headers = [
            f"From: {name} <{sender}>", f"To: {ME}", f"Subject: {subject} #{i}", f"Date: {_date(rng)}",
            f"Message-ID: {msgid}", f"List-Id: {name} <{list_id}>", "Precedence: bulk",
            f"List-Unsubscribe: <https://{list_id}/unsubscribe?u={i}>",
        ]  # fmt: skip
        return _alternative(headers, _text(rng, 3, 30), boundary)
    if roll < 0.67:
        sender, subject = rng.choice(NOTICES)
        headers = [f"From: {sender}", f"To: {ME}", f"Subject: {subject}", f"Date: {_date(rng)}",
                   f"Message-ID: {msgid}", "Auto-Submitted: auto-generated"]
        if rng.random() < 1 / 30:
            return _with_pdf(headers, _text(rng, 1, 3), boundary, rng.randrange(100, 301), "invoice.pdf")
        return _plain(headers, _text(rng, 1, 6))
    friend = rng.randrange(50)
    headers = [f"From: Friend {friend} <friend{friend}@gmail.example>", f"To: {ME}",
               f"Subject: {rng.choice(['dinner?', 'photos', 'weekend', 're: plans'])}",
               f"Date: {_date(rng)}", f"Message-ID: {msgid}"]
    if rng.random() < 0.25:
        parent = f"<bench-s{rng.randrange(1000)}@bench.example>"
        headers += [f"In-Reply-To: {parent}", f"References: {parent}"]
    if rng.random() < 0.1:
        headers.append(f"Cc: friend{(friend + 1) % 50}@gmail.example")
    return _plain(headers, _text(rng, 1, 5))


def sent_message(i: int, seed: int = 20261125) -> bytes:
    """Sent message number ``i``."""
    rng = random.Random(f"{seed}-s-{i}")
    msgid = f"<bench-s{i}@bench.example>"
    headers = [f"From: Sam Applicant <{ME}>", f"Date: {_date(rng)}", f"Message-ID: {msgid}"]
    if rng.random() < 0.10:
        p = rng.randrange(PROGRAMS)
        headers += [f"To: Coordinator {p} <coord@{program_domain(p)}>", f"Subject: {rng.choice(SENT_SUBJECTS)}"]
        if rng.random() < 0.5:
            parent = f"<bench-n{rng.randrange(1000)}@bench.example>"
            headers += [f"In-Reply-To: {parent}", f"References: {parent}"]
        body = f"Dear Dr. Lee,\n\n{_text(rng, 1, 4)}Best regards,\nSam\n"
    else:
        friend = rng.randrange(50)
        headers += [f"To: friend{friend}@gmail.example", f"Subject: {rng.choice(['dinner?', 'photos', 'weekend'])}"]
        body = _text(rng, 1, 3)
    return _plain(headers, body)


def program_message(tag: str, p: int = 3) -> tuple[str, bytes]:
    """A fresh program message with a unique Message-ID (for APPEND); returns (Message-ID, bytes)."""
    msgid = f"<live-{tag}@bench.example>"
    headers = [
        f"From: Coordinator {p} <coord@{program_domain(p)}>", f"To: {ME}", "Subject: Interview invitation",
        f"Date: {format_datetime(datetime.now(timezone.utc))}", f"Message-ID: {msgid}",
    ]  # fmt: skip
    return msgid, _plain(headers, f"Dear Sam,\n\n{PARAGRAPH}Best regards,\nProgram {p}\n")


def write_maildir_folder(directory: Path, messages: Iterator[bytes], uid: int, gid: int, start: int) -> int:
    """Write messages straight into ``directory/cur`` as Dovecot would name them
    (``,S=`` file size, ``,W=`` CRLF size, so Dovecot need not stat or read them);
    owned by uid/gid. Returns the number of bytes written."""
    cur = directory / "cur"
    for sub in ("cur", "new", "tmp"):
        (directory / sub).mkdir(parents=True, exist_ok=True)
        os.chown(directory / sub, uid, gid)
    os.chown(directory, uid, gid)
    host = socket.gethostname().replace("/", "_").replace(":", "_")
    base = int(time.time()) - 10_000_000
    total = 0
    for n, raw in enumerate(messages):
        size, vsize = len(raw), len(raw) + raw.count(b"\n")
        path = cur / f"{base + start + n}.M{n}P{os.getpid()}.{host},S={size},W={vsize}:2,S"
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            os.write(fd, raw)
            os.fchown(fd, uid, gid)
        finally:
            os.close(fd)
        total += size
    return total
