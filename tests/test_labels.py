"""Keywords on program mail, against a real Dovecot: set, kept up to date, cleared.

Every test also checks that \\Seen (and every flag or keyword not inboxcoach's) is
exactly as it was: labels are the one thing inboxcoach may change, and only its own.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from imapserver import DovecotServer
from test_sync import ME, mail, write_config

from inboxcoach.cli import commands
from inboxcoach.config import Config, load_config
from inboxcoach.core.labels import Change, changes, desired_labels
from inboxcoach.service.sync import sync_account

LAKE_FIRST = mail(ME, "coord@lakeside.example", "Thank you",
                  "Dear Dr. Lee,\n\nLakeside is my #1 choice and I will rank your program first.\n\nSam\n",
                  "2026-11-20T10:00", msgid="<first-lake@x>")
RIVER_FIRST = mail(ME, "pd@riverside.example", "Update",
                   "Dear Dr. Ray,\n\nRiverside is my first choice and I will rank your program number one.\n\nSam\n",
                   "2026-11-21T10:00", msgid="<first-river@x>")
INVITE = mail("Coordinator <coord@lakeside.example>", ME, "Interview invitation",
              "Dear Sam,\n\nWe are pleased to invite you to interview with our program.\n", "2026-10-20T14:00",
              msgid="<invite@lakeside.example>")
NEWSLETTER = mail("news@shop.example", ME, "Weekly deals", "Deals!\n", "2026-11-01T09:00", msgid="<deals@shop>")


def labelled_config(server: DovecotServer, tmp_path: Path, *, programs: str | None = None) -> Config:
    path = write_config(server, tmp_path)
    text = path.read_text() + "\n[plugin]\nlabels = true\n"
    if programs is not None:
        text = text.split("[[programs]]")[0] + programs
        text += "\n[plugin]\nlabels = true\n" if "[plugin]" not in text else ""
    path.write_text(text)
    return load_config(path)


def flags_of(server: DovecotServer) -> dict[str, dict[str, set[bytes]]]:
    """Folder -> Message-ID -> flags, read without changing anything."""
    result: dict[str, dict[str, set[bytes]]] = {}
    with server.client() as client:
        for folder in ("INBOX", "Sent"):
            client.select_folder(folder, readonly=True)
            uids = client.search("ALL")
            data = client.fetch(uids, ["FLAGS", "BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)]"]) if uids else {}
            result[folder] = {
                next(v for k, v in item.items() if k.startswith(b"BODY")).decode().split(":", 1)[1].strip(): set(
                    item[b"FLAGS"]
                )
                - {b"\\Recent"}  # the session's, not the message's
                for item in data.values()
            }
    return result


def ours_removed(flags: dict[str, dict[str, set[bytes]]]) -> dict[str, dict[str, set[bytes]]]:
    return {
        folder: {mid: {f for f in fl if f not in (b"inboxcoach", b"inboxcoach-risk")} for mid, fl in msgs.items()}
        for folder, msgs in flags.items()
    }


@pytest.fixture
def mailbox(dovecot: DovecotServer) -> DovecotServer:
    dovecot.append("INBOX", INVITE[1], flags=[b"\\Seen", b"$Important"])
    dovecot.append("INBOX", NEWSLETTER[1])  # unread, and no program's
    dovecot.append("Sent", LAKE_FIRST[1], flags=[b"\\Seen"])
    dovecot.append("Sent", RIVER_FIRST[1])  # a Sent copy left unread: it must stay so
    return dovecot


def test_program_mail_gets_keywords_and_risk_and_nothing_else_changes(mailbox: DovecotServer, tmp_path: Path) -> None:
    config = labelled_config(mailbox, tmp_path)
    before = flags_of(mailbox)
    stats = sync_account(config, tmp_path / "ic.db")
    after = flags_of(mailbox)
    assert after["INBOX"]["<invite@lakeside.example>"] >= {b"inboxcoach", b"\\Seen", b"$Important"}
    assert b"inboxcoach-risk" not in after["INBOX"]["<invite@lakeside.example>"]
    assert after["Sent"]["<first-lake@x>"] >= {b"inboxcoach", b"inboxcoach-risk"}  # multiple-first-choice
    assert after["Sent"]["<first-river@x>"] >= {b"inboxcoach", b"inboxcoach-risk"}
    assert after["INBOX"]["<deals@shop>"] == before["INBOX"]["<deals@shop>"]  # no program's: untouched
    assert ours_removed(after) == before  # \\Seen and every other flag exactly as they were
    assert stats.labelled == 5
    assert sync_account(config, tmp_path / "ic.db").labelled == 0  # incremental: nothing to change


def test_risk_is_taken_back_when_the_finding_goes_away(mailbox: DovecotServer, tmp_path: Path) -> None:
    config = labelled_config(mailbox, tmp_path)
    db = tmp_path / "ic.db"
    sync_account(config, db)
    before = flags_of(mailbox)
    # Riverside leaves the list: the #1 letter to Lakeside is no longer one of two
    only_lakeside = (
        '[[programs]]\nname = "Lakeside Anesthesiology"\naliases = ["Lakeside"]\n'
        'domains = ["lakeside.example"]\ninterview_date = 2026-11-10\n'
    )
    config = labelled_config(mailbox, tmp_path, programs=only_lakeside)
    stats = sync_account(config, db)
    after = flags_of(mailbox)
    assert b"inboxcoach-risk" not in after["Sent"]["<first-lake@x>"]
    assert b"inboxcoach" in after["Sent"]["<first-lake@x>"]
    assert not after["Sent"]["<first-river@x>"] & {b"inboxcoach", b"inboxcoach-risk"}  # no program's any more
    assert ours_removed(after) == ours_removed(before)
    assert stats.labelled == 3


def test_clear_takes_back_every_keyword_and_only_those(mailbox: DovecotServer, tmp_path: Path) -> None:
    config = labelled_config(mailbox, tmp_path)
    db = tmp_path / "ic.db"
    before = flags_of(mailbox)
    sync_account(config, db)
    with mailbox.client() as client:  # a stray keyword of ours the store does not know
        client.select_folder("INBOX")
        client.add_flags(client.search(["HEADER", "Message-ID", "deals@shop"]), [b"inboxcoach"], silent=True)
        client.unselect_folder()
    assert commands.clear_labels(config, db) == 6
    assert flags_of(mailbox) == before


def test_labels_off_sets_nothing(mailbox: DovecotServer, tmp_path: Path) -> None:
    config = load_config(write_config(mailbox, tmp_path))
    before = flags_of(mailbox)
    assert sync_account(config, tmp_path / "ic.db").labelled == 0
    assert flags_of(mailbox) == before


def test_changes_move_labels_with_the_message_and_leave_file_mail_alone() -> None:
    risky = frozenset({"inboxcoach", "inboxcoach-risk"})
    applied = {"a": ("1:5:INBOX", risky), "b": ("1:6:INBOX", frozenset({"inboxcoach"}))}
    desired = {"a": frozenset({"inboxcoach"}), "b": frozenset({"inboxcoach"}), "c": frozenset({"inboxcoach"})}
    locations = {"a": "1:5:INBOX", "b": "2:9:Sent"}  # b moved to Sent; c was read from a file
    assert changes(desired, applied, locations) == [
        Change("a", "1:5:INBOX", frozenset(), frozenset({"inboxcoach-risk"})),
        Change("b", "1:6:INBOX", frozenset(), frozenset({"inboxcoach"})),
        Change("b", "2:9:Sent", frozenset({"inboxcoach"}), frozenset()),
    ]


def test_gmail_labels_name_the_program() -> None:
    from inboxcoach.clock import parse_moment
    from inboxcoach.core.model import Envelope, StoredMessage
    from inboxcoach.core.report import build_report

    path_config = Path(__file__).parent / "data" / "eval_season" / "config.toml"
    config = load_config(path_config)
    program = config.program_list[0]
    domain = program.domains[0] if program.domains else program.contacts[0].split("@")[1]
    env = Envelope(key="k@x", message_id="<k@x>", date=parse_moment("2026-11-20", config.season.tz),
                   from_addr=config.account.email, from_name="", to=(f"pd@{domain}",), subject="Thanks")
    report = build_report([StoredMessage(env, "Sent", "sent", None)], config, parse_moment("2027-01-20", config.season.tz),
                          parse_moment("2027-01-20", config.season.tz))
    assert desired_labels(report, gmail=True) == {"k@x": frozenset({f"inboxcoach/{program.name}"})}
    assert desired_labels(report, gmail=False) == {"k@x": frozenset({"inboxcoach"})}


# -- Gmail, and a server without keywords: no real one is reachable here, so the exact
# -- commands are checked against a scripted IMAP conversation (tests/scripted_imap.py).


def _store_with_program_mail(tmp_path: Path, source: str) -> Path:
    from inboxcoach.core.model import Envelope
    from inboxcoach.store import Sighting, Store

    db = tmp_path / "ic.db"
    with Store(db) as store:
        for key, location in (("a@x", "7:12:INBOX"), ("b@x", "7:15:INBOX"), ("c@x", "3:4:[Gmail]/Sent Mail")):
            env = Envelope(key=key, message_id=f"<{key}>", date=None, from_addr="coord@lakeside.example", from_name="")
            store.add_sightings([Sighting(env, location.split(":", 2)[2], "inbox", source, location, True)])
    return db


def test_gmail_gets_one_label_per_program_in_batched_stores_and_nothing_else(tmp_path: Path) -> None:
    import imapclient
    from scripted_imap import ScriptedImapServer

    from inboxcoach.sources.imap.labels import apply_labels
    from inboxcoach.store import Store

    source = "imap://sam@imap.gmail.com"
    db = _store_with_program_mail(tmp_path, source)
    rules = [
        (r'SELECT "?INBOX"?', ["* 20 EXISTS", "* OK [UIDVALIDITY 7] ok", "* OK [PERMANENTFLAGS ()] ok",
                               "{tag} OK [READ-WRITE] selected"]),
        (r'SELECT "\[Gmail\]/Sent Mail"', ["* 9 EXISTS", "* OK [UIDVALIDITY 3] ok", "{tag} OK [READ-WRITE] selected"]),
        (r"UID STORE .*", ["{tag} OK stored"]),
        (r"UNSELECT", ["{tag} OK done"]),
    ]
    lake, risk = "inboxcoach/Lakeside Anesthesiology", "inboxcoach/risk"
    desired = {"a@x": frozenset({lake}), "b@x": frozenset({lake, risk}), "c@x": frozenset({lake})}
    with ScriptedImapServer(rules, "IMAP4rev1 X-GM-EXT-1 UNSELECT") as server:
        client = imapclient.IMAPClient("127.0.0.1", port=server.port, ssl=False, timeout=5)
        client.login("sam", "secret")
        with Store(db) as store:
            stats = apply_labels(client, store, desired, source, gmail=True)
            again = apply_labels(client, store, desired, source, gmail=True)  # recorded: nothing to send
        client.logout()
    sent = [c for c in server.commands if not c.startswith(("LOGIN", "LOGOUT", "CAPABILITY", "ID"))]
    assert sent == [
        'SELECT "INBOX"',
        f'UID STORE 12,15 +X-GM-LABELS.SILENT ("{lake}")',
        f'UID STORE 15 +X-GM-LABELS.SILENT ("{risk}")',
        "UNSELECT",
        'SELECT "[Gmail]/Sent Mail"',
        f'UID STORE 4 +X-GM-LABELS.SILENT ("{lake}")',
        "UNSELECT",
    ]
    assert (stats.added, again.added) == (4, 0)
    assert not any("FLAGS" in c and "X-GM-LABELS" not in c for c in server.commands)  # \\Seen never touched


def test_a_server_that_keeps_no_keywords_is_skipped_not_failed(tmp_path: Path) -> None:
    import imapclient
    from scripted_imap import ScriptedImapServer

    from inboxcoach.sources.imap.labels import apply_labels
    from inboxcoach.store import Store

    source = "imap://sam@mail.example"
    db = _store_with_program_mail(tmp_path, source)
    rules = [
        (r'SELECT "?INBOX"?', ["* OK [UIDVALIDITY 7] ok", r"* OK [PERMANENTFLAGS (\Seen \Deleted)] ok",
                               "{tag} OK [READ-WRITE] selected"]),
        (r"UNSELECT", ["{tag} OK done"]),
    ]
    with ScriptedImapServer(rules, "IMAP4rev1 UNSELECT") as server:
        client = imapclient.IMAPClient("127.0.0.1", port=server.port, ssl=False, timeout=5)
        client.login("sam", "secret")
        with Store(db) as store:
            stats = apply_labels(client, store, {"a@x": frozenset({"inboxcoach"})}, source, gmail=False)
            assert store.applied_labels(source) == {}  # nothing recorded: a later pass tries again
        client.logout()
    assert stats.refused == ["INBOX"] and stats.changed == 0
    assert not [c for c in server.commands if "STORE" in c]
