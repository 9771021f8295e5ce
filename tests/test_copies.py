"""Copies of one message, and different messages that share a Message-ID.

Counting once never loses what a copy knows (SPEC "Matching and counting"): the
recipients are the union over the copies, whatever order the folders are read in,
and two messages that only share a Message-ID stay two messages. Every test reads
the same mailbox in every folder order and compares the reports.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest

from inboxcoach.cli import commands
from inboxcoach.clock import parse_moment
from inboxcoach.config import Config, load_config
from inboxcoach.core.model import FolderRole, RawMessage
from inboxcoach.ingest import ingest
from inboxcoach.core.present import report_to_dict
from inboxcoach.sources import FileSource
from inboxcoach.store import Store

ME = "sam@example.org"
ALIAS = "sam.md@gmail.com"
AS_OF = "2027-01-20T08:00:00-05:00"
NAMES = ["Lakeside", "Riverside", "Hillcrest", "Baypoint", "Summit"]


def config_text(aliases: Sequence[str] = ()) -> str:
    programs = "".join(
        f'[[programs]]\nname = "{n} Anesthesiology"\naliases = ["{n}"]\ndomains = ["{n.lower()}.example"]\n'
        f"interview_date = 2026-11-10\n"
        for n in NAMES
    )
    return (f'[account]\nemail = "{ME}"\naliases = {list(aliases)!r}\n'.replace("'", '"')
            + "[season]\nmatch_year = 2027\n[limits]\nmax_contacts_per_program = 3\n" + programs)


def message(frm: str, to: str, subject: str, body: str, date: str, msgid: str, **headers: str) -> bytes:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"], msg["Date"], msg["Message-ID"] = frm, to, subject, date, msgid
    for name, value in headers.items():
        msg[name.replace("_", "-")] = value
    msg.set_content(body)
    return bytes(msg)


class FolderSource(FileSource):
    """A mailbox in memory whose folders are read in a given order."""

    name = "mem"

    def __init__(self, folders: dict[str, tuple[FolderRole, list[bytes]]], order: Sequence[str]) -> None:
        self.folders, self.order = folders, order

    def messages(self) -> Iterator[RawMessage]:
        for name in self.order:
            role, items = self.folders[name]
            for i, data in enumerate(items):
                yield RawMessage(name, role, f"{name}/{i}", data, len(data))

    def load(self, location: str) -> bytes:
        name, i = location.rsplit("/", 1)
        return self.folders[name][1][int(i)]


def reports_in_every_order(
    folders: dict[str, tuple[FolderRole, list[bytes]]], config: Config, tmp_path: Path
) -> list[dict[str, Any]]:
    """The report (without its generation time) of the mailbox read in each folder order."""
    reports = []
    for n, order in enumerate(itertools.permutations(folders)):
        db = tmp_path / f"order{n}.db"
        with Store(db) as store:
            ingest(FolderSource(folders, order), store, config)
        report = report_to_dict(commands.report(config, db, parse_moment(AS_OF, config.season.tz)))
        report.pop("generated_at")
        reports.append(report)
    return reports


def load(tmp_path: Path, aliases: Sequence[str] = ()) -> Config:
    path = tmp_path / "config.toml"
    path.write_text(config_text(aliases))
    return load_config(path)


def contacts(report: dict[str, Any]) -> dict[str, int]:
    return {p["name"]: p["contacts"] for p in report["programs"]}


def test_bcc_recipients_are_the_union_over_copies_in_every_folder_order(tmp_path: Path) -> None:
    # One letter to five programs by Bcc, sent to oneself: the Sent copy alone carries
    # the Bcc; the copy delivered to the Inbox and the one under a label do not.
    bcc = ", ".join(f"pd@{n.lower()}.example" for n in NAMES)
    body = ("Dear Program Director,\n\nThank you again for the interview. I remain very interested in your program "
            "and wanted to share that my Step 3 score arrived and I passed.\n\nSincerely,\nSam\n")
    sent = message(ME, ME, "Update", body, "Mon, 11 Jan 2027 09:00:00 -0500", "<blast@x>", Bcc=bcc)
    delivered = message(ME, ME, "Update", body, "Mon, 11 Jan 2027 09:00:00 -0500", "<blast@x>")
    # two earlier letters to Lakeside, so the blast is its third (at the limit)
    earlier = [
        message(ME, "pd@lakeside.example", f"Note {i}", f"Dear Dr. Lee,\n\nA note number {i} about Lakeside.\n\nSam\n",
                f"Mon, {i} Dec 2026 09:00:00 -0500", f"<early{i}@x>")
        for i in (1, 2)
    ]
    folders: dict[str, tuple[FolderRole, list[bytes]]] = {
        "INBOX": ("inbox", [delivered]),
        "Sent": ("sent", [*earlier, sent]),
        "Updates": ("other", [delivered]),
    }
    reports = reports_in_every_order(folders, load(tmp_path), tmp_path)
    assert all(r == reports[0] for r in reports)  # identical whatever the order
    counted = contacts(reports[0])
    assert counted == {"Lakeside Anesthesiology": 3, "Riverside Anesthesiology": 1, "Hillcrest Anesthesiology": 1,
                       "Baypoint Anesthesiology": 1, "Summit Anesthesiology": 1}
    rules = {f["rule"]: f for f in reports[0]["findings"]}
    assert len(rules["mass-email"]["programs"]) == 5
    assert rules["at-contact-limit"]["programs"] == ["Lakeside Anesthesiology"]
    blast = next(m for p in reports[0]["programs"] for m in p["messages"] if m["message_id"] == "<blast@x>")
    assert blast["folder"] == "Sent"  # the Sent copy is the truth about the message


def test_different_messages_sharing_a_message_id_stay_two_messages(tmp_path: Path) -> None:
    # A broken client reused one Message-ID for two letters to two programs.
    lake = message(ME, "pd@lakeside.example", "Thank you, Lakeside",
                   "Dear Dr. Lee,\n\nThank you for the interview day at Lakeside.\n\nSam\n",
                   "Wed, 11 Nov 2026 09:00:00 -0500", "<reused@client>")
    river = message(ME, "pd@riverside.example", "Thank you, Riverside",
                    "Dear Dr. Ray,\n\nThank you for the interview day at Riverside.\n\nSam\n",
                    "Thu, 12 Nov 2026 09:00:00 -0500", "<reused@client>")
    folders: dict[str, tuple[FolderRole, list[bytes]]] = {"Sent": ("sent", [lake]), "Archive": ("other", [river])}
    reports = reports_in_every_order(folders, load(tmp_path), tmp_path)
    for report in reports:
        assert contacts(report)["Lakeside Anesthesiology"] == 1
        assert contacts(report)["Riverside Anesthesiology"] == 1
        # one letter's headers were never judged with the other's body
        assert not [f for f in report["findings"] if f["rule"] == "wrong-program-name"]
    subjects = {m["subject"] for p in reports[0]["programs"] for m in p["messages"]}
    assert subjects == {"Thank you, Lakeside", "Thank you, Riverside"}


def test_a_copy_seen_again_is_still_one_message(tmp_path: Path) -> None:
    letter = message(ME, "pd@lakeside.example", "Thank you", "Dear Dr. Lee,\n\nThank you.\n\nSam\n",
                     "Wed, 11 Nov 2026 09:00:00 -0500", "<once@x>")
    folders: dict[str, tuple[FolderRole, list[bytes]]] = {
        "Sent": ("sent", [letter]), "INBOX": ("inbox", [letter]), "All": ("other", [letter, letter]),
    }
    for report in reports_in_every_order(folders, load(tmp_path), tmp_path):
        assert contacts(report)["Lakeside Anesthesiology"] == 1


@pytest.mark.parametrize("first_without_alias", [True, False])
def test_changing_aliases_analyses_stored_messages_again(tmp_path: Path, first_without_alias: bool) -> None:
    # A #1 letter sent from an alias, found in the Inbox (copied to oneself), in reply
    # to each program's invitation: a candidate either way, but whether it is the
    # applicant's depends on account.aliases, and so do its features.
    invites = [
        message(f"coord@{n.lower()}.example", ME, "Interview invitation", f"We are pleased to invite you to {n}.\n",
                "Tue, 20 Oct 2026 14:00:00 -0400", f"<invite{i}@x>")
        for i, n in enumerate(NAMES[:2])
    ]
    first = [
        message(ALIAS, f"pd@{n.lower()}.example", "Re: Interview invitation",
                f"Dear Dr. Lee,\n\n{n} is my #1 choice and I will rank your program first.\n\nSam\n",
                f"Mon, {4 + i} Jan 2027 09:00:00 -0500", f"<first{i}@x>", Cc=ME, In_Reply_To=f"<invite{i}@x>")
        for i, n in enumerate(NAMES[:2])
    ]
    first += invites
    folders: dict[str, tuple[FolderRole, list[bytes]]] = {"INBOX": ("inbox", first)}
    source = FolderSource(folders, ["INBOX"])
    db = tmp_path / "old.db"
    if first_without_alias:
        with Store(db) as store:  # an old database, made before the alias was configured
            ingest(source, store, load(tmp_path))
    config = load(tmp_path, [ALIAS])
    with Store(db) as store:
        ingest(source, store, config)
    old = report_to_dict(commands.report(config, db, parse_moment(AS_OF, config.season.tz)))
    fresh_db = tmp_path / "fresh.db"
    with Store(fresh_db) as store:
        ingest(source, store, config)
    fresh = report_to_dict(commands.report(config, fresh_db, parse_moment(AS_OF, config.season.tz)))
    old.pop("generated_at"), fresh.pop("generated_at")
    assert old == fresh
    assert contacts(fresh)["Lakeside Anesthesiology"] == 1
    assert [f["rule"] for f in fresh["findings"] if f["rule"] == "multiple-first-choice"] == ["multiple-first-choice"]
