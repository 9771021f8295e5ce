"""Bodies read on a second connection beside the headers (ingest.prefetch): the same
result as reading them between batches, nothing marked read, nothing lost when the
second connection fails."""

from __future__ import annotations

import imaplib
import logging
import os
import socket
import sqlite3
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest
from imapclient import IMAPClient
from imapserver import DovecotServer
from scripted_imap import CLOSE, ScriptedImapServer
from test_sync import ME, mail, write_config

from inboxcoach import ingest as ingest_module
from inboxcoach.config import load_config
from inboxcoach.core.candidacy import analysis_stamp
from inboxcoach.errors import ConnectionFailed
from inboxcoach.ingest.prefetch import BodyPrefetch
from inboxcoach.service.sync import sync, sync_account
from inboxcoach.sources import FileSource, StopCheck, _never, open_source
from inboxcoach.sources import imap as imap_source
from inboxcoach.sources.imap import ImapSource, SyncInterrupted, _BodyConnection
from inboxcoach.sources.imap.connection import Folders
from inboxcoach.store import Store
from inboxcoach.sources.imap import connection as imap_connection

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_MBOX = ROOT / "src" / "inboxcoach" / "data" / "sample_season.mbox"
SAMPLE_CONFIG = ROOT / "src" / "inboxcoach" / "data" / "sample_config.toml"

# -- the thread alone, on a made-up reader ---------------------------------------------


class FakeReader:
    def __init__(self, fail_after: int | None = None, delay: float = 0.0) -> None:
        self.fail_after = fail_after
        self.delay = delay
        self.read: list[str] = []
        self.sizes_seen: list[dict[str, int]] = []
        self.closed = False
        self.interrupted = False

    def bodies(
        self, locations: Sequence[str], should_stop: StopCheck = _never, sizes: Mapping[str, int] | None = None
    ) -> Iterator[tuple[str, bytes | None]]:
        self.sizes_seen.append(dict(sizes or {}))
        for location in locations:
            if should_stop():
                raise SyncInterrupted
            if self.fail_after is not None and len(self.read) >= self.fail_after:
                raise imaplib.IMAP4.abort("socket error: EOF")
            time.sleep(self.delay)
            self.read.append(location)
            yield location, None if location.startswith("gone") else location.encode()

    def close(self) -> None:
        self.closed = True

    def interrupt(self) -> None:
        self.interrupted = True


class BlockedReader(FakeReader):
    """A read that never ends on its own (a large answer from a far server)."""

    def __init__(self) -> None:
        super().__init__()
        self.cut = threading.Event()

    def bodies(
        self, locations: Sequence[str], should_stop: StopCheck = _never, sizes: Mapping[str, int] | None = None
    ) -> Iterator[tuple[str, bytes | None]]:
        self.cut.wait(30)
        raise imaplib.IMAP4.abort("socket error: EOF")
        yield from ()

    def interrupt(self) -> None:
        self.cut.set()


def test_leaving_cuts_a_read_that_does_not_end_soon() -> None:
    reader = BlockedReader()
    prefetch = BodyPrefetch(lambda: reader)
    prefetch.request({"a": 1})
    time.sleep(0.1)
    started = time.monotonic()
    prefetch.close()
    assert time.monotonic() - started < 2
    assert reader.cut.is_set() and reader.closed
    assert not any(t.name == "inboxcoach-bodies" for t in threading.enumerate())


def test_interrupting_the_second_connection_ends_a_fetch_waiting_for_its_answer(tmp_path: Path) -> None:
    """On a server that never answers the FETCH: the read ends as soon as the
    connection is cut from another thread."""
    rules = [(r"EXAMINE .*", ["* OK [UIDVALIDITY 1] ok", "{tag} OK [READ-ONLY] selected"]), (r"UID FETCH .*", [])]
    with ScriptedImapServer(rules) as server:
        client = IMAPClient("127.0.0.1", server.port, ssl=False, timeout=30)
        client.login("sam", "pw")
        folders = Folders(inbox="INBOX", sent=None, drafts=None)
        reader = _BodyConnection(ImapSource(client, folders, "imap://test"))
        outcome: list[BaseException] = []

        def read() -> None:
            try:
                list(reader.bodies(["1:7:INBOX"]))
            except BaseException as exc:  # noqa: BLE001 - the outcome is the test
                outcome.append(exc)

        thread = threading.Thread(target=read)
        thread.start()
        time.sleep(0.3)
        started = time.monotonic()
        reader.interrupt()
        thread.join(5)
        assert not thread.is_alive() and time.monotonic() - started < 2
        assert outcome and isinstance(outcome[0], imaplib.IMAP4.abort)
        reader.close()


def test_bodies_come_in_the_order_asked_and_finish_waits_for_all() -> None:
    reader = FakeReader(delay=0.001)
    with BodyPrefetch(lambda: reader) as prefetch:
        prefetch.request({"a": 10, "b": 20})
        prefetch.request({"gone-c": 30, "d": 40})
        got = prefetch.ready()
        got += prefetch.finish()
        assert got == [("a", b"a"), ("b", b"b"), ("gone-c", None), ("d", b"d")]
        assert {k: v for seen in reader.sizes_seen for k, v in seen.items()} == {"a": 10, "b": 20, "gone-c": 30, "d": 40}
        assert prefetch.waiting == set() and prefetch.failed is None
    assert reader.closed


class SlowToLogOut(FakeReader):
    def __init__(self) -> None:
        super().__init__()
        self.may_close = threading.Event()

    def close(self) -> None:
        self.may_close.wait(10)
        super().close()


def test_finishing_does_not_wait_for_the_second_connection_to_log_out() -> None:
    reader = SlowToLogOut()
    with BodyPrefetch(lambda: reader) as prefetch:
        prefetch.request({"a": 1, "b": 2})
        assert list(prefetch.finish()) == [("a", b"a"), ("b", b"b")]
        assert not reader.closed  # still logging out: the pass goes on meanwhile
        reader.may_close.set()
    assert reader.closed


def test_a_reader_that_fails_leaves_what_it_did_not_read_waiting(caplog: pytest.LogCaptureFixture) -> None:
    reader = FakeReader(fail_after=2)
    with caplog.at_level(logging.WARNING), BodyPrefetch(lambda: reader) as prefetch:
        prefetch.request(dict.fromkeys(["a", "b", "c", "d"], 1))
        assert list(prefetch.finish()) == [("a", b"a"), ("b", b"b")]
        assert prefetch.waiting == {"c", "d"}
        assert prefetch.failed == "abort"
    assert reader.closed
    assert "the second connection reading program mail failed (abort)" in caplog.text


def test_a_reader_that_cannot_open_fails_without_raising(caplog: pytest.LogCaptureFixture) -> None:
    def refuse() -> FakeReader:
        raise ConnectionFailed("127.0.0.1:1: connection refused")

    with caplog.at_level(logging.WARNING), BodyPrefetch(refuse) as prefetch:
        prefetch.request({"a": 1})
        assert list(prefetch.finish()) == []
        assert prefetch.waiting == {"a"} and prefetch.failed == "ConnectionFailed"
    assert "could not open a second connection to read program mail (ConnectionFailed)" in caplog.text


def test_leaving_early_stops_the_thread() -> None:
    reader = FakeReader(delay=0.05)
    prefetch = BodyPrefetch(lambda: reader)
    prefetch.request({str(i): 1 for i in range(100)})
    started = time.monotonic()
    prefetch.close()
    assert time.monotonic() - started < 1
    assert not any(t.name == "inboxcoach-bodies" for t in threading.enumerate())
    assert len(reader.read) < 100 and reader.closed


# -- a real pass on Dovecot ---------------------------------------------------------------


def fill_season(server: DovecotServer) -> list[int]:
    """Thirty program messages and thirty newsletters in the Inbox, ten letters in Sent."""
    uids = []
    for i in range(30):
        _, raw = mail("Coordinator <coord@lakeside.example>", ME, f"Interview day {i}",
                      f"Dear Sam,\n\nCould you confirm your interview date for session {i}? We look forward "
                      "to meeting you at Lakeside.\n", f"2026-10-{1 + i % 28:02d}T14:00")  # fmt: skip
        uids.append(server.append("INBOX", raw))
        _, raw = mail("no-reply@residency-news.example", ME, f"Residency program tips {i}",
                      "Ten ways to prepare for interview season.\n", f"2026-10-{1 + i % 28:02d}T08:00")  # fmt: skip
        uids.append(server.append("INBOX", raw))
    for i in range(10):
        _, raw = mail(ME, "coord@riverside.example", f"Thank you {i}",
                      "Dear Dr. Smith,\n\nRiverside is my first choice and I will rank it first.\n",
                      f"2026-11-{1 + i:02d}T10:00")  # fmt: skip
        server.append("Sent", raw)
    return uids


def features(db: Path) -> dict[str, str]:
    with sqlite3.connect(db) as connection:
        rows = connection.execute("SELECT key, features, analysis IS NULL FROM messages WHERE candidate = 1")
        found = {key: (text, missing) for key, text, missing in rows}
    assert not any(missing for _, missing in found.values()), "a candidate was left unanalysed"
    return {key: text for key, (text, _) in found.items()}


def inboxcoach_logins(server: DovecotServer, expected: int) -> int:
    """How many connections announced themselves as inboxcoach (ID), once Dovecot's
    log holds at least ``expected`` of them (it writes a line a moment after the fact),
    or after 10 s."""
    deadline = time.monotonic() + 10
    while (count := server.log_text().count("name=inboxcoach")) < expected and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.2)  # and no more come
    return server.log_text().count("name=inboxcoach")


def test_a_first_pass_reads_bodies_on_a_second_connection_with_the_same_result(
    dovecot: DovecotServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inbox = fill_season(dovecot)
    config = load_config(write_config(dovecot, tmp_path))
    sync_account(config, tmp_path / "two.db")
    assert inboxcoach_logins(dovecot, 2) == 2  # the pass's connection and the one for bodies

    monkeypatch.setattr(ImapSource, "second_reader", lambda self: None)
    sync_account(config, tmp_path / "one.db")
    assert inboxcoach_logins(dovecot, 3) == 3

    two, one = features(tmp_path / "two.db"), features(tmp_path / "one.db")
    assert len(two) == 70 and two == one
    assert sum('"first_choice":[]' not in text for text in two.values()) == 10  # the ten #1 letters
    for uid in inbox:  # read on either connection, nothing became \Seen
        assert b"\\Seen" not in dovecot.flags("INBOX", uid)


def test_a_second_connection_that_fails_loses_nothing(
    dovecot: DovecotServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    fill_season(dovecot)
    config = load_config(write_config(dovecot, tmp_path))
    read_by_second = tmp_path / "read-by-second"  # a file: the worker process reads there
    main = os.getpid()
    real_bodies = ImapSource.bodies

    def drops_after_five(self: ImapSource, locations: Sequence[str], should_stop: StopCheck = _never,
                         sizes: Mapping[str, int] | None = None) -> Iterator[tuple[str, bytes | None]]:  # fmt: skip
        if os.getpid() == main and threading.current_thread().name != "inboxcoach-bodies":
            yield from real_bodies(self, locations, should_stop, sizes)  # the pass's own connection
            return
        for item in real_bodies(self, locations, should_stop, sizes):
            read = read_by_second.read_text().split() if read_by_second.exists() else []
            if len(read) == 5:
                raise imaplib.IMAP4.abort("socket error: EOF")
            read_by_second.write_text(" ".join([*read, item[0]]))
            yield item

    monkeypatch.setattr(ImapSource, "bodies", drops_after_five)
    with caplog.at_level(logging.WARNING):
        stats = sync_account(config, tmp_path / "ic.db")
    assert len(read_by_second.read_text().split()) == 5
    assert len(features(tmp_path / "ic.db")) == 70 and stats.analysed == 70
    assert "the second connection reading program mail failed (abort)" in caplog.text
    assert dovecot.password not in caplog.text


def test_a_second_connection_refused_at_login_loses_nothing(
    dovecot: DovecotServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill_season(dovecot)
    config = load_config(write_config(dovecot, tmp_path))
    real_connector = imap_connection.connector

    def once(account: object, **kwargs: object) -> object:
        opened = real_connector(account, **kwargs)  # type: ignore[arg-type]
        calls = []

        def open_connection() -> object:
            calls.append(1)
            if len(calls) > 1:
                raise ConnectionFailed("127.0.0.1: too many connections")
            return opened()

        return open_connection

    monkeypatch.setattr(imap_connection, "connector", once)
    stats = sync_account(config, tmp_path / "ic.db")
    assert stats.analysed == 70 and len(features(tmp_path / "ic.db")) == 70


# -- header fetches sent ahead on the main connection ------------------------------------


@pytest.mark.parametrize("second_connection", [True, False])
def test_header_batches_fetched_ahead_give_the_same_store(
    dovecot: DovecotServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, second_connection: bool
) -> None:
    """Small batches, so every batch's answer is read after the next one was asked for;
    without a second connection the bodies are read on the main one in between."""
    fill_season(dovecot)
    config = load_config(write_config(dovecot, tmp_path))
    sync_account(config, tmp_path / "whole.db")
    monkeypatch.setattr(imap_source, "HEADER_BATCH", 7)
    monkeypatch.setattr(imap_source, "BODY_BATCH", 3)
    monkeypatch.setattr(imap_source, "BODY_BYTES", 2000)  # a few messages per body FETCH
    if not second_connection:
        monkeypatch.setattr(ImapSource, "second_reader", lambda self: None)
    stats = sync_account(config, tmp_path / "batched.db")
    assert stats.new == 70 and stats.seen == 70
    assert features(tmp_path / "batched.db") == features(tmp_path / "whole.db")


def test_a_pass_stopped_between_batches_leaves_the_connection_usable(
    dovecot: DovecotServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The daemon keeps its connection after a stopped pass: the answer to the fetch
    sent ahead must not be left in it for the next command to trip over."""
    fill_season(dovecot)
    config = load_config(write_config(dovecot, tmp_path))
    monkeypatch.setattr(imap_source, "HEADER_BATCH", 7)
    client = imap_connection.connect(config.account)
    try:
        folders = imap_connection.discover_folders(client, config.folders)
        batches = iter(range(3))
        with Store(tmp_path / "ic.db") as store:
            with pytest.raises(SyncInterrupted):
                sync(client, folders, store, config, should_stop=lambda: next(batches, None) is None,
                     reconnect=lambda: imap_connection.connect(config.account))  # fmt: skip
            client.noop()
            # the answer to the fetch sent ahead was read by the pass, not left for the
            # next command's reader to file away (imaplib would keep it as FETCH data)
            assert "FETCH" not in client._imap.untagged_responses
            stats = sync(client, folders, store, config)
        assert 0 < 70 - stats.new < 70  # some batches were stored before the stop, the rest now
    finally:
        imap_connection.disconnect(client)
    assert len(features(tmp_path / "ic.db")) == 70


def test_body_fetches_are_cut_by_size() -> None:
    locations = {uid: f"1:{uid}:INBOX" for uid in range(1, 8)}
    sizes = {locations[1]: 900, locations[2]: 900, locations[3]: 5_000_000, locations[4]: 100, locations[5]: 0,
             locations[6]: 10}  # fmt: skip
    original = imap_source.BODY_BYTES
    try:
        imap_source.BODY_BYTES = 2000
        chunks = imap_source._chunks_by_size(sorted(locations), locations, sizes)
    finally:
        imap_source.BODY_BYTES = original
    # 3 alone (a large message counts as BODY_CAP), 5 (no size) and 7 (unknown) alone too
    assert chunks == [[1, 2], [3], [4], [5], [6], [7]]


class SlowSecondReader:
    """The sample season's mbox, whose bodies a second reader reads slowly."""

    def __init__(self, source: FileSource) -> None:
        self.source = source

    def bodies(
        self, locations: Sequence[str], should_stop: StopCheck = _never, sizes: Mapping[str, int] | None = None
    ) -> Iterator[tuple[str, bytes | None]]:
        for delivery in self.source.bodies(locations, should_stop):
            time.sleep(0.002)
            yield delivery

    def close(self) -> None:
        pass


def test_bodies_still_coming_at_the_end_of_the_headers_show_as_progress_and_are_all_analysed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = open_source(SAMPLE_MBOX)
    monkeypatch.setattr(source, "second_reader", lambda: (lambda: SlowSecondReader(open_source(SAMPLE_MBOX))))
    monkeypatch.setattr(ingest_module, "PROGRESS_EVERY", 10)
    config = load_config(SAMPLE_CONFIG)
    reports: list[tuple[str, int, int | None]] = []
    with Store(tmp_path / "ic.db") as store:
        stats = ingest_module.ingest(source, store, config, lambda *report: reports.append(report))
        assert not store.pending_analysis(analysis_stamp(config.program_list, config.account.addresses), source.name)
    bodies = [(done, total) for phase, done, total in reports if phase == "bodies"]
    assert len(bodies) > 2 and bodies[-1][0] == bodies[-1][1] > 0
    assert [done for done, _ in bodies] == sorted(done for done, _ in bodies)
    assert stats.analysed == 130  # as `inboxcoach demo` reads the same season


@pytest.mark.parametrize("what", ["headers", "bodies"])
def test_a_connection_dropped_amid_a_fetch_sent_ahead_raises_imaplibs_abort(what: str) -> None:
    """What the pass's retry catches (a dropped connection), not an error of its own
    from reading the failed answer again on the way out."""
    cut = ["* 1 FETCH (UID 1 RFC822.SIZE 10 BODY[] {{5}}", "From:", CLOSE]
    rules = [
        (r"EXAMINE .*", ["* 3 EXISTS", "* OK [UIDVALIDITY 1] ok", "* OK [UIDNEXT 4] ok", "{tag} OK [READ-ONLY] done"]),
        (r"UID SEARCH .*", ["* SEARCH 1 2 3", "{tag} OK done"]),
        (r"UID FETCH .*", cut),
    ]
    with ScriptedImapServer(rules) as server:
        client = IMAPClient("127.0.0.1", server.port, ssl=False, timeout=10)
        client.login("sam", "pw")
        source = ImapSource(client, Folders(inbox="INBOX", sent=None, drafts=None), "imap://test")
        try:
            with pytest.raises(imaplib.IMAP4.abort, match="FETCH"):
                if what == "headers":
                    list(source.batches({}))
                else:
                    list(source.bodies(["1:1:INBOX", "1:2:INBOX"]))
        finally:
            client.shutdown()


def test_a_connection_dropped_mid_pass_is_retried_and_the_pass_finishes(
    dovecot: DovecotServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The main connection cut after two header batches (with the third sent ahead):
    the pass is tried again on a new connection and ends with every message stored
    and analysed once."""
    fill_season(dovecot)
    config = load_config(write_config(dovecot, tmp_path))
    monkeypatch.setattr(imap_source, "HEADER_BATCH", 7)
    real_batches = ImapSource.batches
    cuts: list[int] = []

    def cut_once(self: ImapSource, *args: Any, **kwargs: Any) -> Iterator[Any]:
        for number, batch in enumerate(real_batches(self, *args, **kwargs)):
            yield batch
            if number == 1 and not cuts:
                cuts.append(1)
                self.client.socket().shutdown(socket.SHUT_RDWR)

    monkeypatch.setattr(ImapSource, "batches", cut_once)
    waits: list[int] = []
    stats = sync_account(config, tmp_path / "ic.db", wait=lambda attempt: waits.append(attempt) or 0.0)
    assert cuts == [1] and waits == [1]
    assert stats.new == 70 - 10  # Sent's two batches (7 and 3), stored before the cut, are not new again
    assert len(features(tmp_path / "ic.db")) == 70
