"""A large pass's bodies read by the worker process on a connection of its own: never
through the main process, the same features, nothing lost when the worker or its
connection fails, and a message gone meanwhile skipped."""

from __future__ import annotations

import logging
import os
import sqlite3
import time
from collections import deque
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest
from imapserver import DovecotServer
from test_body_prefetch import features, fill_season
from test_sync import write_config

from inboxcoach.config import load_config
from inboxcoach.core.model import Features
from inboxcoach.ingest import analyser, worker
from inboxcoach.service.sync import sync_account
from inboxcoach.sources import StopCheck, _never
from inboxcoach.sources import imap as imap_source
from inboxcoach.sources.imap import ImapSource
from inboxcoach.store import Store

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_CONFIG = ROOT / "src" / "inboxcoach" / "data" / "sample_config.toml"

LETTER = (b"From: sam@example.org\r\nTo: coord@lakeside.example\r\nSubject: Thank you\r\n\r\n"
          b"Dear Dr. Smith,\r\n\r\nLakeside is my first choice and I will rank it first.\r\n")  # fmt: skip


def _who_reads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Record, in a file (the worker is another process), which process read each body."""
    log = tmp_path / "readers"
    real = ImapSource.bodies

    def bodies(self: ImapSource, locations: Sequence[str], should_stop: StopCheck = _never,
               sizes: Mapping[str, int] | None = None) -> Iterator[tuple[str, bytes | None]]:  # fmt: skip
        for location, data in real(self, locations, should_stop, sizes):
            with log.open("a") as out:
                out.write(f"{os.getpid()} {location}\n")
            yield location, data

    monkeypatch.setattr(ImapSource, "bodies", bodies)
    return log


def _mark_the_end_of_the_headers(log: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = ImapSource.drafts_present

    def drafts_present(self: ImapSource) -> dict[str, set[str]]:  # asked once the headers are read
        with log.open("a") as out:
            out.write("headers done\n")
        return real(self)

    monkeypatch.setattr(ImapSource, "drafts_present", drafts_present)


def test_the_worker_reads_a_large_pass_s_bodies_itself(
    dovecot: DovecotServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill_season(dovecot)
    config = load_config(write_config(dovecot, tmp_path))
    readers = _who_reads(tmp_path, monkeypatch)
    _mark_the_end_of_the_headers(readers, monkeypatch)
    monkeypatch.setattr(imap_source, "HEADER_BATCH", 7)
    real_batches = ImapSource.batches

    def slow_batches(self: ImapSource, *args: Any, **kwargs: Any) -> Iterator[Any]:  # a far server's pace
        for batch in real_batches(self, *args, **kwargs):
            time.sleep(0.05)
            yield batch

    monkeypatch.setattr(ImapSource, "batches", slow_batches)
    stats = sync_account(config, tmp_path / "ic.db")
    text = readers.read_text()
    during = text.split("headers done\n")[0]
    while_headers = [line.split() for line in during.splitlines()]
    assert while_headers and str(os.getpid()) not in {pid for pid, _ in while_headers}  # the worker's reading
    # (at the end the main process may take back work the worker has not begun)
    lines = [line.split() for line in text.splitlines() if line != "headers done"]
    # each candidate read once: 30 program messages, 30 no-reply ones (the name test), 10 letters
    assert len(lines) == len({location for _, location in lines}) == 70
    assert stats.analysed == 70 and len(features(tmp_path / "ic.db")) == 70


def test_a_worker_that_dies_with_bodies_to_read_loses_nothing(
    dovecot: DovecotServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    fill_season(dovecot)
    config = load_config(write_config(dovecot, tmp_path))
    sync_account(config, tmp_path / "clean.db")
    readers = _who_reads(tmp_path, monkeypatch)
    monkeypatch.setattr(worker, "analyse_in_worker", lambda items: os._exit(3))  # fork: the worker runs it
    with caplog.at_level(logging.WARNING):
        stats = sync_account(config, tmp_path / "crashed.db")
    assert "the body analysis worker failed" in caplog.text
    assert {pid for pid, _ in (line.split() for line in readers.read_text().splitlines())} == {str(os.getpid())}
    assert stats.analysed == 70
    assert features(tmp_path / "crashed.db") == features(tmp_path / "clean.db")


def test_a_message_gone_before_its_body_is_read_is_skipped(
    dovecot: DovecotServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill_season(dovecot)
    config = load_config(write_config(dovecot, tmp_path))
    real = ImapSource.bodies

    def one_gone(self: ImapSource, locations: Sequence[str], should_stop: StopCheck = _never,
                 sizes: Mapping[str, int] | None = None) -> Iterator[tuple[str, bytes | None]]:  # fmt: skip
        for location, data in real(self, locations, should_stop, sizes):
            if location.endswith(":5:INBOX"):  # expunged between its header and its body
                data = None
            yield location, data

    monkeypatch.setattr(ImapSource, "bodies", one_gone)
    stats = sync_account(config, tmp_path / "ic.db")
    assert stats.new == 70 and stats.analysed == 69
    with sqlite3.connect(tmp_path / "ic.db") as db:
        unanalysed = db.execute("SELECT location FROM messages WHERE candidate = 1 AND analysis IS NULL").fetchall()
    assert len(unanalysed) == 1 and unanalysed[0][0].endswith(":5:INBOX")


# -- a task alone ---------------------------------------------------------------------------


def _item(key: str, data: bytes | None, location: str = "", named_only: bool = False) -> worker.Item:
    return (key, data, "Thank you", "out", named_only, location, len(LETTER))


def test_a_task_reads_what_it_was_sent_by_location_and_reports_what_it_could_not() -> None:
    def read(locations: Sequence[str], sizes: Mapping[str, int]) -> Iterator[tuple[str, bytes | None]]:
        assert sizes == {"1:2:INBOX": len(LETTER), "1:3:INBOX": len(LETTER), "1:4:INBOX": len(LETTER)}
        yield "1:2:INBOX", LETTER
        yield "1:3:INBOX", None  # gone
        raise ConnectionResetError  # and then the connection drops

    items = [_item("a", LETTER), _item("b", None, "1:2:INBOX"), _item("c", None, "1:3:INBOX"),
             _item("d", None, "1:4:INBOX")]  # fmt: skip
    results, unread, failed = worker.analyse(items, (), read)
    assert sorted(key for key, _ in results) == ["a", "b"]
    assert all(isinstance(features, Features) and features.first_choice for _, features in results)
    assert sorted(unread) == ["c", "d"] and failed == "ConnectionResetError"


def test_a_task_with_no_reader_reads_nothing_and_says_so() -> None:
    results, unread, failed = worker.analyse([_item("a", LETTER), _item("b", None, "1:2:INBOX")], ())
    assert [key for key, _ in results] == ["a"] and unread == ["b"] and failed is not None


def test_at_the_end_of_a_pass_the_main_process_takes_name_tests_without_loading_the_detectors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(analyser, "worth_helping", lambda waiting_ms: False)  # a small backlog
    with Store(tmp_path / "ic.db") as store:
        body = analyser.BodyAnalyser(store, load_config(SAMPLE_CONFIG))
        body._pool = object()  # type: ignore[assignment]  # a worker holds the rest
        letters = [_item("a", None, "1:1:Sent")]
        names = [_item("b", None, "1:2:INBOX", named_only=True)]
        body._waiting = deque([names, letters])
        assert body._to_run_here() == 0  # the newest that needs only the name test
        body._waiting = deque([letters])
        assert body._to_run_here() is None  # the worker's: it has the detectors loaded
        monkeypatch.setattr(analyser, "worth_helping", lambda waiting_ms: True)
        assert body._to_run_here() == 0
        body._pool = None


def test_at_the_end_of_a_pass_the_main_process_takes_back_what_the_worker_has_not_started(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from concurrent.futures import Future

    with Store(tmp_path / "ic.db") as store:
        body = analyser.BodyAnalyser(store, load_config(SAMPLE_CONFIG))
        started: Future[worker.Outcome] = Future()
        started.set_running_or_notify_cancel()  # the worker has begun it
        pending: Future[worker.Outcome] = Future()
        names = [_item("b", None, "1:2:INBOX", named_only=True)]
        letters = [_item("a", None, "1:1:Sent")]
        body._tasks = deque([(started, 5.0, names), (pending, 3.0, letters)])
        body._ahead_ms = 8.0
        monkeypatch.setattr(analyser, "_detectors_loaded", lambda: False)
        assert body._take_back() is None  # a letter: not worth loading the detectors here
        monkeypatch.setattr(analyser, "_detectors_loaded", lambda: True)  # they are loaded
        assert body._take_back() == letters and pending.cancelled()
        assert body._ahead_ms == 5.0 and len(body._tasks) == 1
        assert body._take_back() is None  # one the worker has begun stays the worker's
        assert not started.cancelled()
