"""sources: Maildir, mbox and .eml directories written into tmp_path."""

from __future__ import annotations

import logging
import os
from email.message import EmailMessage
from pathlib import Path

import pytest

from inboxcoach.errors import SourceError
from inboxcoach.core.model import RawMessage
from inboxcoach.core.parse import parse_envelope
from inboxcoach.sources import folder_role, is_skipped_folder, open_source, read_header_block
from inboxcoach.sources.emldir import EmlDirSource
from inboxcoach.sources.maildir import MaildirSource
from inboxcoach.sources.mbox import MboxSource, role_from_labels


def message(
    msg_id: str,
    sender: str = "coord@riverside.edu",
    to: str = "jane@example.org",
    body: str = "Dear Jane,\n\nWe would like to invite you.\n",
    extra: dict[str, str] | None = None,
) -> bytes:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = f"Message {msg_id}"
    msg["Message-ID"] = f"<{msg_id}@example.org>"
    msg["Date"] = "Tue, 12 Nov 2026 10:00:00 -0500"
    for name, value in (extra or {}).items():
        msg[name] = value
    msg.set_content(body)
    return msg.as_bytes()


def make_maildir(path: Path) -> Path:
    for sub in ("cur", "new", "tmp"):
        (path / sub).mkdir(parents=True, exist_ok=True)
    return path


def put(folder: Path, name: str, data: bytes, sub: str = "cur") -> Path:
    target = folder / sub / name
    target.write_bytes(data)
    return target


def ids(messages: list[RawMessage]) -> list[str]:
    return [parse_envelope(m.data).key for m in messages]


# ------------------------------------------------------------------- names


@pytest.mark.parametrize(
    ("name", "role"),
    [
        ("Sent", "sent"),
        ("Sent Messages", "sent"),
        ("sent items", "sent"),
        ("INBOX.Sent", "sent"),
        ("[Gmail].Sent Mail", "sent"),
        ("Gesendet", "sent"),
        ("Drafts", "drafts"),
        ("Brouillons", "drafts"),
        ("Entwürfe", "drafts"),
        ("Entw&APw-rfe", "drafts"),
        ("INBOX", "inbox"),
        ("Archive", "other"),
        ("Programs 2027", "other"),
    ],
)
def test_folder_role(name: str, role: str) -> None:
    assert folder_role(name) == role


@pytest.mark.parametrize(
    ("name", "skipped"),
    [("Trash", True), ("INBOX.Trash", True), ("Junk", True), ("Spam", True), ("[Gmail].Spam", True),
     ("Deleted Items", True), ("Trash.Old", True), ("Archive", False), ("Sent", False)],
)
def test_skipped_folders(name: str, skipped: bool) -> None:
    assert is_skipped_folder(name) is skipped


# ----------------------------------------------------------------- Maildir


@pytest.fixture
def season_maildir(tmp_path: Path) -> Path:
    root = make_maildir(tmp_path / "Maildir")
    put(root, "1700000000.1.host:2,S", message("in1"))
    put(root, "1700000001.2.host", message("in2"), sub="new")
    put(root, "1700000002.3.host:2,ST", message("deleted"))
    sent = make_maildir(root / ".Sent")
    put(sent, "1700000003.4.host:2,S", message("out1", sender="jane@example.org", to="coord@riverside.edu"))
    drafts = make_maildir(root / ".Drafts")
    put(drafts, "1700000004.5.host:2,D", message("draft1", sender="jane@example.org"))
    inbox_sent = make_maildir(root / ".INBOX.Sent Items")
    put(inbox_sent, "1700000005.6.host:2,S", message("out2", sender="jane@example.org"))
    archive = make_maildir(root / ".Archive")
    put(archive, "1700000006.7.host:2,S", message("arch1"))
    trash = make_maildir(root / ".Trash")
    put(trash, "1700000007.8.host:2,S", message("trash1"))
    junk = make_maildir(root / ".Junk")
    put(junk, "1700000008.9.host:2,S", message("junk1"))
    (root / "dovecot.index").write_bytes(b"not mail")
    return root


def test_maildir_roles_and_skips(season_maildir: Path) -> None:
    source = open_source(season_maildir)
    assert isinstance(source, MaildirSource)
    got = {(m.folder, m.role, parse_envelope(m.data).key) for m in source.messages()}
    assert got == {
        ("INBOX", "inbox", "in1@example.org"),
        ("INBOX", "inbox", "in2@example.org"),
        ("Sent", "sent", "out1@example.org"),
        ("Drafts", "drafts", "draft1@example.org"),
        ("INBOX.Sent Items", "sent", "out2@example.org"),
        ("Archive", "other", "arch1@example.org"),
    }


def test_maildir_data_is_header_block_and_load_is_full(season_maildir: Path) -> None:
    source = open_source(season_maildir)
    first = next(m for m in source.messages() if m.folder == "Sent")
    full = (season_maildir / ".Sent" / "cur" / "1700000003.4.host:2,S").read_bytes()
    assert first.size == len(full)
    assert first.data == full[: full.index(b"\n\n") + 2]
    assert b"invite you" not in first.data
    assert source.load(first.location) == full


def test_maildir_large_message_reads_headers_only(tmp_path: Path) -> None:
    root = make_maildir(tmp_path / "md")
    data = message("big", body="x" * 100 + "\n" + ("y" * 76 + "\n") * 100_000)
    put(root, "big:2,S", data)
    (raw,) = list(open_source(root).messages())
    assert raw.size == len(data)
    assert len(raw.data) < 1_000
    assert parse_envelope(raw.data, raw.size).size == len(data)


def test_header_block_across_chunks(tmp_path: Path) -> None:
    long_to = ", ".join(f"p{i}@example.org" for i in range(3000))
    data = message("long", to=long_to).replace(b"\n", b"\r\n")
    path = tmp_path / "m.eml"
    path.write_bytes(data)
    header, size = read_header_block(path)
    assert size == len(data)
    assert header.endswith(b"\r\n\r\n")
    assert len(parse_envelope(header).to) == 3000


def test_maildir_load_outside_root_refused(season_maildir: Path, tmp_path: Path) -> None:
    other = tmp_path / "elsewhere.eml"
    other.write_bytes(message("x"))
    with pytest.raises(SourceError):
        open_source(season_maildir).load(str(other))


def test_maildir_vanished_file_on_load(season_maildir: Path) -> None:
    source = open_source(season_maildir)
    raw = next(iter(source.messages()))
    os.remove(raw.location)
    with pytest.raises(SourceError, match="cannot read"):
        source.load(raw.location)


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads everything")
def test_maildir_unreadable_file_skipped(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    root = make_maildir(tmp_path / "md")
    put(root, "a:2,S", message("ok"))
    secret = put(root, "b:2,S", message("secret", body="private words\n"))
    secret.chmod(0)
    try:
        with caplog.at_level(logging.WARNING, logger="inboxcoach.sources"):
            got = list(open_source(root).messages())
    finally:
        secret.chmod(0o600)
    assert ids(got) == ["ok@example.org"]
    assert "skipping unreadable message" in caplog.text
    assert "private words" not in caplog.text


def test_maildir_read_error_skipped_with_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Works as root too: the read of one file fails as a vanished file would."""
    import inboxcoach.sources.maildir as maildir_module

    root = make_maildir(tmp_path / "md")
    put(root, "a:2,S", message("ok"))
    put(root, "b:2,S", message("gone"))

    def flaky(path: Path) -> tuple[bytes, int]:
        if path.name.startswith("b"):
            raise FileNotFoundError(2, "No such file or directory", str(path))
        return read_header_block(path)

    monkeypatch.setattr(maildir_module, "read_header_block", flaky)
    with caplog.at_level(logging.WARNING, logger="inboxcoach.sources"):
        got = list(open_source(root).messages())
    assert ids(got) == ["ok@example.org"]
    assert "skipping unreadable message" in caplog.text
    assert "Message gone" not in caplog.text


def test_nested_maildir_layout(tmp_path: Path) -> None:
    root = tmp_path / "mail"
    inbox = make_maildir(root / "INBOX")
    put(inbox, "a:2,S", message("in"))
    sent = make_maildir(root / "[Gmail]" / "Sent Mail")
    put(sent, "b:2,S", message("out", sender="jane@example.org"))
    spam = make_maildir(root / "[Gmail]" / "Spam")
    put(spam, "c:2,S", message("spam"))
    got = {(m.folder, m.role) for m in open_source(root).messages()}
    assert got == {("INBOX", "inbox"), ("[Gmail]/Sent Mail", "sent")}


# -------------------------------------------------------------------- mbox


def mbox_bytes(messages: list[bytes], newline: bytes = b"\n") -> bytes:
    chunks = []
    for index, data in enumerate(messages):
        body = data.replace(b"\r\n", b"\n")
        quoted = b"\n".join(
            b">" + line if line.lstrip(b">").startswith(b"From ") else line for line in body.split(b"\n")
        )
        chunk = b"From %d@xxx Tue Nov 12 10:00:00 +0000 2026\n" % index + quoted
        if not chunk.endswith(b"\n"):
            chunk += b"\n"
        chunks.append(chunk + b"\n")
    return b"".join(chunks).replace(b"\n", newline)


def test_mbox_takeout_labels(tmp_path: Path) -> None:
    path = tmp_path / "All mail Including Spam and Trash.mbox"
    path.write_bytes(
        mbox_bytes(
            [
                message("in", extra={"X-Gmail-Labels": "Inbox,Opened,Category Updates"}),
                message("sent", sender="jane@example.org", extra={"X-Gmail-Labels": "Sent,Opened,Inbox"}),
                message("draft", sender="jane@example.org", extra={"X-Gmail-Labels": "Drafts"}),
                message("prog", extra={"X-Gmail-Labels": 'Opened,"Programs, 2027"'}),
                message("arch", extra={"X-Gmail-Labels": "Archived,Opened"}),
                message("spam", extra={"X-Gmail-Labels": "Spam,Opened"}),
                message("trash", extra={"X-Gmail-Labels": "Trash"}),
            ]
        )
    )
    source = open_source(path)
    assert isinstance(source, MboxSource)
    got = [(m.folder, m.role, parse_envelope(m.data).key) for m in source.messages()]
    assert got == [
        ("Inbox", "inbox", "in@example.org"),
        ("Sent", "sent", "sent@example.org"),
        ("Drafts", "drafts", "draft@example.org"),
        ("Programs, 2027", "other", "prog@example.org"),
        ("All Mail", "other", "arch@example.org"),
    ]


def test_role_from_labels() -> None:
    assert role_from_labels(("Important", "Sent")) == ("Sent", "sent")
    assert role_from_labels(("Draft",)) == ("Draft", "drafts")
    assert role_from_labels(()) == ("All Mail", "other")
    assert role_from_labels(("Inbox", "Trash")) is None


@pytest.mark.parametrize("newline", [b"\n", b"\r\n"])
def test_mbox_load_returns_full_message_and_unquotes(tmp_path: Path, newline: bytes) -> None:
    body = "Dear Dr. Smith,\n\nFrom the first day I enjoyed the program.\n>From quoted already\n"
    originals = [message("a", body=body), message("b"), message("c", body="last one\n")]
    path = tmp_path / "export.mbox"
    path.write_bytes(mbox_bytes(originals, newline))
    source = open_source(path)
    raws = list(source.messages())
    assert [parse_envelope(r.data).key for r in raws] == ["a@example.org", "b@example.org", "c@example.org"]
    for raw, original in zip(raws, originals, strict=True):
        loaded = source.load(raw.location)
        assert loaded == original.replace(b"\n", newline)
        assert raw.size >= len(loaded)  # on-disk size, before ">From " unquoting
        assert raw.data == loaded[: loaded.index(newline + newline) + 2 * len(newline)]
        assert raw.role == "inbox"
        assert raw.folder == "INBOX"


def test_mbox_from_line_in_body_without_quoting_is_not_a_separator(tmp_path: Path) -> None:
    data = (
        b"From 1@xxx Tue Nov 12 10:00:00 +0000 2026\n"
        + message("a", body="Hello.\n\nFrom my side, thanks.\n")
        + b"\nFrom 2@xxx Tue Nov 12 11:00:00 +0000 2026\n"
        + message("b")
    )
    path = tmp_path / "x.mbox"
    path.write_bytes(data)
    raws = list(open_source(path).messages())
    assert [parse_envelope(r.data).key for r in raws] == ["a@example.org", "b@example.org"]
    assert b"From my side, thanks." in open_source(path).load(raws[0].location)


def test_mbox_without_labels_uses_own_addresses_and_file_name(tmp_path: Path) -> None:
    inbox = tmp_path / "Inbox"
    inbox.write_bytes(mbox_bytes([message("in"), message("mine", sender="Jane <Jane@Example.org>")]))
    roles = [m.role for m in open_source(inbox, frozenset({"jane@example.org"})).messages()]
    assert roles == ["inbox", "sent"]
    sent = tmp_path / "Sent"
    sent.write_bytes(mbox_bytes([message("out", sender="jane@example.org")]))
    assert [(m.folder, m.role) for m in open_source(sent).messages()] == [("Sent", "sent")]


def test_mbox_bad_location(tmp_path: Path) -> None:
    path = tmp_path / "x.mbox"
    path.write_bytes(mbox_bytes([message("a")]))
    source = open_source(path)
    with pytest.raises(SourceError):
        source.load("nonsense")


def test_empty_mbox(tmp_path: Path) -> None:
    path = tmp_path / "empty.mbox"
    path.write_bytes(b"")
    assert list(open_source(path).messages()) == []


# ----------------------------------------------------------------- eml dir


def test_eml_dir(tmp_path: Path) -> None:
    root = tmp_path / "export"
    (root / "Sent").mkdir(parents=True)
    (root / "Programs" / "Riverside").mkdir(parents=True)
    (root / "Trash").mkdir()
    (root / "a.eml").write_bytes(message("top"))
    (root / "mine.EML").write_bytes(message("mine", sender="jane@example.org"))
    (root / "draft.eml").write_bytes(message("draft", sender="jane@example.org", extra={"X-Unsent": "1"}))
    (root / "notes.txt").write_bytes(b"not mail")
    (root / "Sent" / "b.eml").write_bytes(message("out", sender="jane@example.org"))
    (root / "Programs" / "Riverside" / "c.eml").write_bytes(message("prog"))
    (root / "Trash" / "d.eml").write_bytes(message("trash"))
    source = open_source(root, frozenset({"jane@example.org"}))
    assert isinstance(source, EmlDirSource)
    got = [(m.folder, m.role, parse_envelope(m.data).key) for m in source.messages()]
    assert got == [
        ("INBOX", "inbox", "top@example.org"),
        ("INBOX", "drafts", "draft@example.org"),
        ("INBOX", "sent", "mine@example.org"),
        ("Programs/Riverside", "other", "prog@example.org"),
        ("Sent", "sent", "out@example.org"),
    ]
    raw = next(m for m in source.messages() if m.folder == "Sent")
    assert source.load(raw.location) == message("out", sender="jane@example.org")
    assert raw.size == len(message("out", sender="jane@example.org"))


# ------------------------------------------------------------------ errors


def test_missing_path(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="nowhere"):
        open_source(tmp_path / "nowhere")


def test_not_a_mailbox_file(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("hello\n")
    with pytest.raises(SourceError, match="notes.txt"):
        open_source(path)


def test_empty_directory(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match=str(tmp_path)):
        open_source(tmp_path)
