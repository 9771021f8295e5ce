"""Deterministic, realistic-looking mail for the benchmarks, as raw bytes, in several mixes.

Built from string templates rather than ``email.message`` so 88,000 messages take
seconds, not minutes. Message ``i`` of a folder is the same for every N (its own
seeded RNG), so the 5,000 mailbox is a prefix of the 80,000 one.

Mixes (:func:`get_mix`; ``--mix`` in sync_bench.py and scan_bench.py):

``classic``
    The mix the benchmark always had (kept byte for byte so old figures stay
    comparable): Lorem ipsum bodies; in the Inbox ~1 % program mail from a configured
    program domain (a third of it with a 100-300 KB PDF), ~1 % from the match
    platforms, ~45 % HTML newsletters (multipart/alternative, List-Id), ~20 % notices
    and receipts (Auto-Submitted, 1 in 30 with a PDF invoice), the rest personal mail,
    a quarter of it replies. Sent: ~10 % to program coordinators (half of them replies
    to program mail), the rest to friends. About 3.5 % of the mail are candidates.
``newsletter``
    English-like text (bench/mailtext.py), newsletter- and shopping-heavy: of the
    Inbox mail that is not program mail, ~18 % residency-advice newsletters from
    no-reply senders (``no-reply@residency-news.example``,
    ``noreply@match-prep.example``) whose subjects say residency / program /
    interview / match but which name no configured program; ~2.5 % from the
    platforms (thalamusgme.com, aamc.org, interviewbroker.com), a quarter of them
    naming a configured program in the subject or body; ~40 % shopping, journal and
    social newsletters with HTML alternatives; ~20 % receipts and notices; the rest
    personal mail. Program mail: 1 % of the Inbox (coordinators: invitations,
    itineraries, post-interview notes, second looks, program news, answers to the
    applicant with the applicant's words quoted; a sixth with a 100-300 KB PDF), 10 %
    of Sent (thank-yous, updates, #1 letters, questions, confirmations; half of them
    replies quoting the program's message); 1-2.5 KB of text of their own, with
    greetings and signatures, plus the quote. ``EnglishMix.outbound_letter`` makes
    the applicant's 3 KB letter the analysis benchmark times.
``program0``, ``program5``, ``program15``, ``program30`` (any ``programNN``)
    The newsletter mix with NN % program mail in the Inbox and in Sent.
    ``--program-share 0.15`` sets that share for any English mix.

Program threads are real: a reply's In-Reply-To names a message of the same program
that exists in every mailbox that holds the reply (a Sent message ``j`` replies
only to Inbox messages below ``10 j``; an Inbox message ``i`` only to Sent messages
below ``i / 10``; Sent holds N/10 messages).
"""

from __future__ import annotations

import base64
import json
import os
import random
import re
import socket
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from pathlib import Path

import mailtext as mt

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


# ------------------------------------------------------------------------ mixes


class Mix:
    """A mailbox recipe: Inbox message ``i``, Sent message ``j``, the programs to configure."""

    name = "mix"
    description = ""

    def inbox(self, i: int, tag: str = "n") -> bytes:
        raise NotImplementedError

    def sent(self, i: int) -> bytes:
        raise NotImplementedError

    def programs_toml(self) -> str:
        raise NotImplementedError

    def live_program_message(self, tag: str, p: int) -> tuple[str, bytes]:
        """A fresh inbound program message with a unique Message-ID (for APPEND)."""
        raise NotImplementedError

    def params(self) -> dict[str, object]:
        return {"mix": self.name}


class ClassicMix(Mix):
    """The original benchmark mail (Lorem ipsum, ~3.5 % candidates), byte for byte."""

    name = "classic"
    description = "Lorem ipsum bodies, ~1 % program mail, ~3.5 % candidates (the original bench mix)"

    def inbox(self, i: int, tag: str = "n") -> bytes:
        return inbox_message(i, tag=tag)

    def sent(self, i: int) -> bytes:
        return sent_message(i)

    def programs_toml(self) -> str:
        return program_config()

    def live_program_message(self, tag: str, p: int) -> tuple[str, bytes]:
        return program_message(tag, p % PROGRAMS)


PLATFORM_SENDERS = (
    ("Thalamus", "noreply@thalamusgme.com"),
    ("ERAS", "eras-noreply@aamc.org"),
    ("Interview Broker", "notifications@interviewbroker.com"),
)
RESIDENCY_SENDERS = (
    ("Residency News", "no-reply@residency-news.example", "weekly.residency-news.example"),
    ("Match Prep", "noreply@match-prep.example", "daily.match-prep.example"),
)
BULK_SENDERS = {
    "shop": (("Scrubs & Co", "news@scrubshop.example", "deals.scrubshop.example"),
             ("MegaMart", "deals@megamart.example", "promo.megamart.example"),
             ("Fresh Basket", "hello@freshbasket.example", "news.freshbasket.example")),
    "journal": (("Anesthesia Journal", "digest@journal.example", "digest.journal.example"),),
    "social": (("Social", "noreply@social.example", "notify.social.example"),),
}  # fmt: skip

# Shares of the Inbox mail that is not program mail (cumulative thresholds).
_PLATFORM, _RESIDENCY, _BULK, _RECEIPT = 0.025, 0.205, 0.605, 0.805
_INBOUND_REPLY = 0.3  # program mail in the Inbox that answers the applicant (when there is a parent)
_OUTBOUND_REPLY = 0.5  # program mail in Sent that answers a program
_PLATFORM_NAMES_PROGRAM = 0.25
_PARENT_SEARCH = 400  # messages looked at, downwards, for a parent of the right kind


def _weighted(rng: random.Random, weights: tuple[tuple[str, float], ...]) -> str:
    roll = rng.random()
    for kind, weight in weights:
        roll -= weight
        if roll < 0:
            return kind
    return weights[-1][0]


@dataclass(frozen=True)
class _Parts:
    """A message before its bytes: what a reply needs to name, date and quote it."""

    msgid: str
    subject: str
    date: datetime
    text: str  # its own words, no quote
    sender: str  # "Name <address>" as in its From


@dataclass
class EnglishMix(Mix):
    """English-like mail with a share of program mail (see the module docstring)."""

    name: str = "newsletter"
    inbox_share: float = 0.01
    sent_share: float = 0.10
    seed: int = 20261125
    _inbox_info: dict[tuple[str, int], tuple[int, int | None] | None] = field(default_factory=dict, repr=False)
    _sent_info: dict[int, tuple[int, int | None] | None] = field(default_factory=dict, repr=False)
    _dates: dict[tuple[str, int], datetime] = field(default_factory=dict, repr=False)

    @property
    def description(self) -> str:  # type: ignore[override]
        return (
            f"English-like newsletter-heavy mail, {100 * self.inbox_share:g} % program mail in the Inbox, "
            f"{100 * self.sent_share:g} % in Sent"
        )

    def params(self) -> dict[str, object]:
        return {"mix": self.name, "inbox_program_share": self.inbox_share, "sent_program_share": self.sent_share}

    def programs_toml(self) -> str:
        return "".join(
            f'\n[[programs]]\nname = "{p.name}"\naliases = {json.dumps(list(p.aliases))}\n'
            f'domains = ["{p.domain}"]\ninterview_date = 2026-11-{10 + i % 18:02d}\n'
            for i, p in enumerate(mt.PROGRAMS)
        )

    # -- structure: which messages are program mail, and whom they answer ----------

    def inbox_info(self, tag: str, i: int) -> tuple[int, int | None] | None:
        """(program, index of the Sent message it answers or None) for program mail, else None."""
        key = (tag, i)
        if key not in self._inbox_info:
            rng = random.Random(f"{self.seed}-en-{tag}-{i}")
            info: tuple[int, int | None] | None = None
            if rng.random() < self.inbox_share:
                reply, start, own = rng.random(), rng.randrange(max(1, i // 10)), rng.randrange(PROGRAMS)
                parent = self._find(self.sent_info, start) if reply < _INBOUND_REPLY and i >= 10 else None
                info = (self.sent_info(parent)[0] if parent is not None else own, parent)  # type: ignore[index]
            self._inbox_info[key] = info
        return self._inbox_info[key]

    def sent_info(self, j: int) -> tuple[int, int | None] | None:
        """(program, index of the Inbox message it answers or None) for program mail, else None."""
        if j not in self._sent_info:
            rng = random.Random(f"{self.seed}-en-s-{j}")
            info: tuple[int, int | None] | None = None
            if rng.random() < self.sent_share:
                reply, start, own = rng.random(), rng.randrange(max(1, 10 * j)), rng.randrange(PROGRAMS)
                parent = self._find(lambda k: self.inbox_info("n", k), start) if reply < _OUTBOUND_REPLY and j else None
                info = (self.inbox_info("n", parent)[0] if parent is not None else own, parent)  # type: ignore[index]
            self._sent_info[j] = info
        return self._sent_info[j]

    @staticmethod
    def _find(info: Callable[[int], object], start: int) -> int | None:
        """The nearest program message at or below ``start`` (indices always exist: see the docstring)."""
        for index in range(start, max(-1, start - _PARENT_SEARCH), -1):
            if info(index) is not None:
                return index
        return None

    def _date(self, folder: str, i: int) -> datetime:
        """A message's date; a reply comes 1-72 hours after its parent."""
        key = (folder, i)
        if key not in self._dates:
            rng = random.Random(f"{self.seed}-en-{folder}-{i}-date")
            info = self.sent_info(i) if folder == "s" else self.inbox_info(folder, i)
            if info is not None and info[1] is not None:
                parent_folder = "n" if folder == "s" else "s"
                date = self._date(parent_folder, info[1]) + timedelta(minutes=rng.randrange(60, 72 * 60))
            else:
                date = START + timedelta(minutes=rng.randrange(0, 60 * 24 * 150))
            self._dates[key] = date
        return self._dates[key]

    # -- the messages ---------------------------------------------------------------

    def inbox(self, i: int, tag: str = "n") -> bytes:
        rng = random.Random(f"{self.seed}-en-{tag}-{i}-text")
        msgid = f"<en-{tag}{i}@bench.example>"
        boundary = f"=_e{i}_{rng.randrange(10**9)}"
        info = self.inbox_info(tag, i)
        if info is not None:
            return self._inbound_program(tag, i, info, boundary)
        roll = (random.Random(f"{self.seed}-en-{tag}-{i}").random() - self.inbox_share) / (1 - self.inbox_share)
        date = format_datetime(self._date(tag, i))
        if roll < _PLATFORM:
            name, sender = rng.choice(PLATFORM_SENDERS)
            named = mt.PROGRAMS[rng.randrange(PROGRAMS)] if rng.random() < _PLATFORM_NAMES_PROGRAM else None
            subject, body = mt.platform(rng, named)
            headers = [f"From: {name} <{sender}>", f"To: {ME}", f"Subject: {subject}", f"Date: {date}",
                       f"Message-ID: {msgid}", "Auto-Submitted: auto-generated"]  # fmt: skip
            return _plain(headers, body)
        if roll < _RESIDENCY:
            name, sender, list_id = rng.choice(RESIDENCY_SENDERS)
            subject, body = mt.residency_newsletter(rng)
            return _newsletter(name, sender, list_id, subject, body, date, msgid, i, boundary)
        if roll < _BULK:
            kind = rng.choice(("shop", "shop", "journal", "social"))
            name, sender, list_id = rng.choice(BULK_SENDERS[kind])
            subject, body = mt.bulk(rng, kind)
            return _newsletter(name, sender, list_id, subject, body, date, msgid, i, boundary)
        if roll < _RECEIPT:
            sender, subject, body = mt.receipt(rng)
            headers = [f"From: {sender}", f"To: {ME}", f"Subject: {subject}", f"Date: {date}",
                       f"Message-ID: {msgid}", "Auto-Submitted: auto-generated"]  # fmt: skip
            if rng.random() < 1 / 30:
                return _with_pdf(headers, body, boundary, rng.randrange(100, 301), "invoice.pdf")
            return _plain(headers, body)
        friend = rng.randrange(50)
        headers = [f"From: {mt._FRIENDS[friend % 10]} <friend{friend}@gmail.example>", f"To: {ME}",
                   f"Subject: {rng.choice(['dinner?', 'photos', 'weekend', 'Re: plans', 'hi!'])}",
                   f"Date: {date}", f"Message-ID: {msgid}"]  # fmt: skip
        if rng.random() < 0.25:
            parent = f"<chat-{rng.randrange(10**6)}@gmail.example>"  # a thread with no program in it
            headers += [f"In-Reply-To: {parent}", f"References: {parent}"]
        if rng.random() < 0.1:
            headers.append(f"Cc: friend{(friend + 1) % 50}@gmail.example")
        return _plain(headers, mt.personal(rng))

    def sent(self, i: int) -> bytes:
        rng = random.Random(f"{self.seed}-en-s-{i}-text")
        msgid = f"<en-s{i}@mail.example.org>"
        date = format_datetime(self._date("s", i))
        headers = [f"From: {mt.APPLICANT} <{ME}>", f"Date: {date}", f"Message-ID: {msgid}"]
        info = self.sent_info(i)
        if info is None:
            friend = rng.randrange(50)
            headers += [f"To: friend{friend}@gmail.example", f"Subject: {rng.choice(['dinner?', 'photos', 'weekend', 'Re: hi!'])}"]
            return _plain(headers, mt.personal_out(rng))
        p, parent = info
        prog = mt.PROGRAMS[p]
        own = self._outbound_parts(i)
        headers += [f"To: {prog.coordinator} <{prog.coordinator_addr}@{prog.domain}>", f"Subject: {own.subject}"]
        body = own.text
        if parent is not None:
            quoted = self._inbound_parts("n", parent)
            body = f"{body}\n{_attribution(quoted)}\n{mt.quote(quoted.text)}\n"
            grand = self.inbox_info("n", parent)
            refs = ([f"<en-s{grand[1]}@mail.example.org>"] if grand and grand[1] is not None else []) + [quoted.msgid]
            headers += [f"In-Reply-To: {quoted.msgid}", f"References: {' '.join(refs)}"]
        extra = random.Random(f"{self.seed}-en-s-{i}-extra")
        if extra.random() < 0.5:  # webmail sends an HTML alternative
            return _alternative_html(headers, body, _simple_html(body), f"=_s{i}_{extra.randrange(10**9)}")
        return _plain(headers, body)

    def live_program_message(self, tag: str, p: int) -> tuple[str, bytes]:
        rng = random.Random(f"{self.seed}-live-{tag}")
        prog = mt.PROGRAMS[p % PROGRAMS]
        msgid = f"<live-{tag}@bench.example>"
        subject, body = mt.inbound_program(rng, prog, "invitation")
        headers = [f"From: {prog.coordinator} <{prog.coordinator_addr}@{prog.domain}>", f"To: {ME}",
                   f"Subject: {subject}", f"Date: {format_datetime(datetime.now(timezone.utc))}", f"Message-ID: {msgid}"]  # fmt: skip
        return msgid, _plain(headers, body)

    def inbox_kind(self, i: int, tag: str = "n") -> str:
        """What Inbox message ``i`` is: program, platform_named, platform, residency, bulk, receipt, personal."""
        if self.inbox_info(tag, i) is not None:
            return "program"
        roll = (random.Random(f"{self.seed}-en-{tag}-{i}").random() - self.inbox_share) / (1 - self.inbox_share)
        if roll < _PLATFORM:
            rng = random.Random(f"{self.seed}-en-{tag}-{i}-text")
            rng.randrange(10**9)  # the boundary
            rng.choice(PLATFORM_SENDERS)
            return "platform_named" if rng.random() < _PLATFORM_NAMES_PROGRAM else "platform"
        for kind, limit in (("residency", _RESIDENCY), ("bulk", _BULK), ("receipt", _RECEIPT)):
            if roll < limit:
                return kind
        return "personal"

    def outbound_letter(self, j: int, target: int = 3000) -> bytes:
        """The applicant's letter to a program with about ``target`` characters of text of
        their own, no quote (the analysis benchmark's outbound message)."""
        rng = random.Random(f"{self.seed}-letter-{j}")
        prog = mt.PROGRAMS[rng.randrange(PROGRAMS)]
        subject, body = mt.outbound_program(rng, prog, _weighted(rng, mt.OUTBOUND_KIND_WEIGHTS), target)
        headers = [f"From: {mt.APPLICANT} <{ME}>", f"To: {prog.coordinator} <{prog.coordinator_addr}@{prog.domain}>",
                   f"Subject: {subject}", f"Date: {format_datetime(START + timedelta(days=rng.randrange(150)))}",
                   f"Message-ID: <letter-{j}@mail.example.org>"]  # fmt: skip
        if rng.random() < 0.5:
            return _alternative_html(headers, body, _simple_html(body), f"=_l{j}_{rng.randrange(10**9)}")
        return _plain(headers, body)

    # -- program mail -----------------------------------------------------------------

    def _inbound_parts(self, tag: str, i: int) -> _Parts:
        """An inbound program message's own words (a reply: its answer, without the quote)."""
        info = self.inbox_info(tag, i)
        assert info is not None
        p, parent = info
        prog = mt.PROGRAMS[p]
        rng = random.Random(f"{self.seed}-en-{tag}-{i}-text")
        rng.randrange(10**9)  # the boundary's draw (see inbox)
        if parent is None:
            subject, body = mt.inbound_program(rng, prog, _weighted(rng, mt.INBOUND_KIND_WEIGHTS))
        else:
            subject, body = _re(self._outbound_parts(parent).subject), mt.inbound_reply(rng, prog)
        sender = f"{prog.coordinator} <{prog.coordinator_addr}@{prog.domain}>"
        return _Parts(f"<en-{tag}{i}@bench.example>", subject, self._date(tag, i), body, sender)

    def _outbound_parts(self, j: int) -> _Parts:
        """A Sent program message's own words (without the quote)."""
        info = self.sent_info(j)
        assert info is not None
        p, parent = info
        prog = mt.PROGRAMS[p]
        rng = random.Random(f"{self.seed}-en-s-{j}-text")
        if parent is None:
            subject, body = mt.outbound_program(rng, prog, _weighted(rng, mt.OUTBOUND_KIND_WEIGHTS))
        else:
            _, body = mt.outbound_program(rng, prog, rng.choice(("thanks", "question", "confirm")))
            subject = _re(self._inbound_parts("n", parent).subject)
        return _Parts(f"<en-s{j}@mail.example.org>", subject, self._date("s", j), body, f"{mt.APPLICANT} <{ME}>")

    def _inbound_program(self, tag: str, i: int, info: tuple[int, int | None], boundary: str) -> bytes:
        parent = info[1]
        own = self._inbound_parts(tag, i)
        rng = random.Random(f"{self.seed}-en-{tag}-{i}-extra")
        headers = [f"From: {own.sender}", f"To: {ME}", f"Subject: {own.subject}",
                   f"Date: {format_datetime(own.date)}", f"Message-ID: {own.msgid}"]  # fmt: skip
        body = own.text
        if parent is not None:
            quoted = self._outbound_parts(parent)
            body = f"{body}\n{_attribution(quoted)}\n{mt.quote(quoted.text)}\n"
            grand = self.sent_info(parent)
            refs = ([f"<en-n{grand[1]}@bench.example>"] if grand and grand[1] is not None else []) + [quoted.msgid]
            headers += [f"In-Reply-To: {quoted.msgid}", f"References: {' '.join(refs)}"]
        roll = rng.random()
        if roll < 1 / 6:
            return _with_pdf(headers, body, boundary, rng.randrange(100, 301), "schedule.pdf")
        if roll < 1 / 2:
            return _alternative_html(headers, body, _simple_html(body), boundary)
        return _plain(headers, body)


def _re(subject: str) -> str:
    return subject if subject.lower().startswith("re:") else f"Re: {subject}"


def _attribution(parent: _Parts) -> str:
    when = parent.date.strftime("%a, %b %d, %Y at %I:%M %p").replace(" 0", " ")
    return f"On {when} {parent.sender} wrote:"


def _simple_html(text: str) -> str:
    """A webmail's HTML alternative: one <div> per line, quotes in a blockquote."""
    own, _, quoted = text.partition("\n> ")
    lines = "".join(f"<div>{line or '<br>'}</div>" for line in own.split("\n"))
    if quoted:
        lines += '<blockquote class="gmail_quote" style="margin:0 0 0 .8ex;border-left:1px #ccc solid;padding-left:1ex">'
        lines += "<br>".join(("> " + quoted).split("\n")) + "</blockquote>"
    return f'<div dir="ltr">{lines}</div>\n'


def _alternative_html(headers: list[str], text: str, html: str, boundary: str) -> bytes:
    head = "\n".join(headers + ["MIME-Version: 1.0", f'Content-Type: multipart/alternative; boundary="{boundary}"'])
    return (
        f"{head}\n\n--{boundary}\nContent-Type: text/plain; charset=\"utf-8\"\n\n{text}\n"
        f"--{boundary}\nContent-Type: text/html; charset=\"utf-8\"\n\n{html}\n--{boundary}--\n"
    ).encode()


def _newsletter(name: str, sender: str, list_id: str, subject: str, body: str, date: str, msgid: str, i: int,
                boundary: str) -> bytes:  # fmt: skip
    headers = [
        f"From: {name} <{sender}>", f"To: {ME}", f"Subject: {subject}", f"Date: {date}", f"Message-ID: {msgid}",
        f"List-Id: {name} <{list_id}>", "Precedence: bulk", f"List-Unsubscribe: <https://{list_id}/unsubscribe?u={i}>",
    ]  # fmt: skip
    return _alternative_html(headers, body, mt.html_of(body, subject, f"https://{list_id}"), boundary)


MIX_NAMES = ("classic", "newsletter", "program0", "program5", "program15", "program30")
_PROGRAM_MIX = re.compile(r"program(\d{1,2})")


def get_mix(name: str, program_share: float | None = None) -> Mix:
    """The mix called ``name`` (see the module docstring); ``program_share`` (0-1) sets
    the share of program mail in the Inbox and in Sent of an English mix."""
    if name == "classic":
        if program_share is not None:
            raise ValueError("--program-share applies to the English mixes, not to classic")
        return ClassicMix()
    if program_share is not None and not 0 <= program_share < 1:
        raise ValueError(f"--program-share must be at least 0 and below 1, not {program_share}")
    if name == "newsletter":
        if program_share is None:
            return EnglishMix("newsletter", 0.01, 0.10)
        return EnglishMix(f"program{100 * program_share:g}", program_share, program_share)
    m = _PROGRAM_MIX.fullmatch(name)
    if m:
        share = int(m.group(1)) / 100 if program_share is None else program_share
        return EnglishMix(f"program{100 * share:g}", share, share)
    raise ValueError(f"unknown mix {name!r}: choose from {', '.join(MIX_NAMES)} (or programNN)")


def mixes_from_args(names: str, program_share: float | None) -> list[Mix]:
    """``--mix a,b`` and ``--program-share`` as a list of mixes (no duplicates)."""
    mixes: list[Mix] = []
    for name in (n.strip() for n in names.split(",")):
        if name:
            mix = get_mix(name, program_share)
            if all(m.name != mix.name for m in mixes):
                mixes.append(mix)
    if not mixes:
        raise ValueError("--mix names no mix")
    return mixes


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
