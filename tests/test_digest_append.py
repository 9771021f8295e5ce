"""[digest] deliver = "append" | "both": the digest put in the mailbox's inboxcoach
folder, exactly once a day each way, against a real Dovecot (and aiosmtpd for "both")."""

from __future__ import annotations

import asyncio
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from imapserver import DovecotServer
from test_daemon import write_mail_config
from test_sync import write_config

from inboxcoach.config import Config, load_config
from inboxcoach.service.delivery import DIGEST_FOLDER, deliver_digest, digest_due
from inboxcoach.core.digest import Digest
from inboxcoach.store import Store

DAY = date(2026, 12, 20)
MORNING = datetime(2026, 12, 20, 13, 0, tzinfo=timezone.utc)  # 08:00 in New York, after send_at


def with_deliver(path: Path, how: str) -> Config:
    path.write_text(path.read_text() + f'\n[digest]\nsend_at = "07:30"\ndeliver = "{how}"\n')
    return load_config(path)


def appended(server: DovecotServer) -> list[tuple[bytes, tuple[bytes, ...]]]:
    with server.client() as client:
        if not client.folder_exists(DIGEST_FOLDER):
            return []
        client.select_folder(DIGEST_FOLDER, readonly=True)
        uids = client.search("ALL")
        data = client.fetch(uids, ["BODY.PEEK[HEADER.FIELDS (SUBJECT MESSAGE-ID)]", "FLAGS"]) if uids else {}
    return [(next(v for k, v in d.items() if k.startswith(b"BODY")), tuple(d[b"FLAGS"])) for d in data.values()]


def render() -> Digest:
    return Digest(subject="inboxcoach digest for Sun 20 Dec 2026: nothing urgent", text="All calm.\n", html="<p>All calm.</p>")


def test_append_puts_the_digest_in_the_mailbox_once(dovecot: DovecotServer, tmp_path: Path) -> None:
    config = with_deliver(write_config(dovecot, tmp_path), "append")
    with Store(tmp_path / "ic.db") as store:
        assert digest_due(store, config, MORNING) == DAY
        assert asyncio.run(deliver_digest(store, config, DAY, render, now=lambda: MORNING)) is True
        assert digest_due(store, config, MORNING) is None
        assert asyncio.run(deliver_digest(store, config, DAY, render, now=lambda: MORNING)) is False
    found = appended(dovecot)
    assert len(found) == 1
    header, flags = found[0]
    assert b"nothing urgent" in header and b"\\Seen" not in flags  # it waits unread, as new mail does


def test_an_append_not_recorded_before_a_crash_is_not_made_twice(dovecot: DovecotServer, tmp_path: Path) -> None:
    config = with_deliver(write_config(dovecot, tmp_path), "append")
    db = tmp_path / "ic.db"

    async def crash(message: Any, cfg: Config) -> None:
        from inboxcoach.service.delivery import append_to_mailbox

        await append_to_mailbox(message, cfg)
        raise KeyboardInterrupt  # the process dies between the APPEND and its record

    with Store(db) as store, pytest.raises(KeyboardInterrupt):
        asyncio.run(deliver_digest(store, config, DAY, render, append=crash, now=lambda: MORNING))
    with Store(db) as store:
        assert digest_due(store, config, MORNING) == DAY
        asyncio.run(deliver_digest(store, config, DAY, render, now=lambda: MORNING))  # same Message-ID: found
        assert digest_due(store, config, MORNING) is None
    assert len(appended(dovecot)) == 1


def test_both_mails_it_and_puts_it_in_the_mailbox_once_each(
    dovecot: DovecotServer, make_smtp_server: Any, tmp_path: Path
) -> None:
    smtp = make_smtp_server(password=dovecot.password)
    config = write_mail_config(dovecot, smtp, tmp_path)
    path = tmp_path / "config.toml"
    path.write_text(path.read_text().replace('[digest]\n', '[digest]\ndeliver = "both"\n'))
    config = load_config(path)
    assert config.digest.deliver == "both"
    with Store(tmp_path / "ic.db") as store:
        for _ in range(2):
            asyncio.run(deliver_digest(store, config, DAY, render, now=lambda: MORNING))
    assert len([r for r in smtp.received if r.message["X-Inboxcoach"] == "digest"]) == 1
    assert len(appended(dovecot)) == 1
