"""From nothing to a filled config in one sitting, against a real Dovecot: the end of
``inboxcoach init`` stores the password in the keyring, syncs, and adds the programs
``programs suggest`` finds — their bodies read over IMAP with BODY.PEEK, so nothing
becomes \\Seen."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from imapserver import DovecotServer
from rich.console import Console

from inboxcoach.config import load_config
from inboxcoach.cli.onboarding import Asker, first_run
from inboxcoach.cli.programs import find_programs
from inboxcoach.sources import open_source

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_MBOX = ROOT / "src" / "inboxcoach" / "data" / "sample_season.mbox"
ME = "sam.applicant@example.org"


def load_sample(server: DovecotServer) -> int:
    """APPEND the sample season to Inbox, Sent and Drafts by its Gmail labels; no flags."""
    source = open_source(SAMPLE_MBOX)
    count = 0
    with server.client() as client:
        for raw in source.messages():
            folder = {"drafts": "Drafts", "sent": "Sent"}.get(raw.role, "INBOX")
            client.append(folder, source.load(raw.location), flags=())
            count += 1
    return count


@pytest.fixture
def file_keyring(tmp_path: Path) -> Any:
    keyring = pytest.importorskip("keyring")
    plaintext = pytest.importorskip("keyrings.alt.file")
    backend = plaintext.PlaintextKeyring()
    backend.file_path = str(tmp_path / "keyring.cfg")
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    yield keyring
    keyring.set_keyring(previous)


def write_config(server: DovecotServer, tmp_path: Path) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(
        f"""# written by init (shortened)
[account]
email = "{ME}"
aliases = ["sam.applicant.md@gmail.com"]
username = "{server.user}"
imap_host = "127.0.0.1"
imap_port = {server.port}
imap_security = "none"
password_env = "INBOXCOACH_NOT_SET_IN_THIS_TEST"   # read the password from this variable

[season]
match_year = 2027
""",
        encoding="utf-8",
    )
    return path


def test_first_run_stores_the_password_syncs_and_adds_the_programs(
    dovecot: DovecotServer, tmp_path: Path, file_keyring: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("INBOXCOACH_NOT_SET_IN_THIS_TEST", raising=False)
    appended = load_sample(dovecot)
    path, db = write_config(dovecot, tmp_path), tmp_path / "inboxcoach.db"
    questions: list[str] = []

    def confirm(question: str) -> bool:
        questions.append(question)
        return not question.startswith("Add Maplewood")  # every step, every program but one

    console = Console(file=open(tmp_path / "out.txt", "w"), width=200)  # noqa: SIM115 - closed below
    try:
        assert first_run(console, path, db, Asker(confirm=confirm, password=lambda _: dovecot.password)) is True
    finally:
        console.file.close()
    out = (tmp_path / "out.txt").read_text()

    assert questions[0] == "Store your mail password in the system keyring now?"
    assert questions[1].startswith("Read your mailbox now")
    assert file_keyring.get_password("inboxcoach", dovecot.user) == dovecot.password
    assert dovecot.password not in out

    config = load_config(path)
    assert config.account.keyring is True and config.account.password_env is None
    names = {p.name for p in config.programs}
    assert len(names) == 22 and "Maplewood Regional Anesthesiology" not in names
    riverside = next(p for p in config.programs if p.name == "Riverside University Anesthesiology")
    assert riverside.domains == ("riverside-health.example",)
    assert riverside.interview_date is not None and riverside.interview_date.isoformat() == "2026-11-12"  # from a body, over IMAP
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# written by init (shortened)\n[account]")
    assert "# Found by `inboxcoach programs suggest`" in text
    assert "Next: `inboxcoach check`, then `inboxcoach run`." in out

    # nothing was marked read, in any folder
    with dovecot.client() as client:
        total = 0
        for folder in ("INBOX", "Sent", "Drafts"):
            client.select_folder(folder, readonly=True)
            flags = client.get_flags(client.search("ALL"))
            total += len(flags)
            assert not [uid for uid, f in flags.items() if b"\\Seen" in f], folder
    assert total == appended

    # the suggestions left are the one declined
    again = find_programs(config, db)
    assert [s.name for s in again.suggestions.programs] == ["Maplewood Regional Anesthesiology"]


def test_first_run_without_a_keyring_says_what_to_do(
    dovecot: DovecotServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    keyring = pytest.importorskip("keyring")
    from keyring.backends import fail

    monkeypatch.delenv("INBOXCOACH_NOT_SET_IN_THIS_TEST", raising=False)
    path = write_config(dovecot, tmp_path)
    before = path.read_text(encoding="utf-8")
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    console = Console(file=open(tmp_path / "out.txt", "w"), width=300)  # noqa: SIM115 - closed below
    try:
        assert first_run(console, path, tmp_path / "db", Asker(confirm=lambda q: True, password=lambda _: "x")) is False
    finally:
        keyring.set_keyring(previous)
        console.file.close()
    out = (tmp_path / "out.txt").read_text()
    assert re.search(r"no system keyring is available here: install .* or use password_env", out)
    assert path.read_text(encoding="utf-8") == before
