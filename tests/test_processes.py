"""Processes: the body worker dies with its parent, whatever kills the parent.

Real processes throughout: a real ``inboxcoach sync`` against the suite's Dovecot,
and a small program that starts the body worker the way a pass does.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from imapserver import PASSWORD_ENV
from processes import alive, children, descendants, needs_proc, open_files, poll
from test_sync import ME, fill, mail, write_config

STARTER = textwrap.dedent(
    """
    import sys, threading, time
    from importlib import resources
    from pathlib import Path
    from inboxcoach.ingest import analyser, worker
    from inboxcoach.config import load_config
    from inboxcoach.store import Store

    method, pdeathsig, db = sys.argv[1], sys.argv[2] == "on", sys.argv[3]
    worker.PDEATHSIG = pdeathsig
    if method == "spawn":  # a process with threads spawns its worker (as the daemon does)
        threading.Thread(target=threading.Event().wait, daemon=True).start()
    config = load_config(Path(str(resources.files("inboxcoach") / "data" / "sample_config.toml")))
    store = Store(db)
    worker = analyser.BodyAnalyser(store, config)
    worker.expect(analyser.LARGE_PASS)  # a first pass: the worker starts at once
    worker._tasks[0][0].result()  # it has started and run its initializer
    print(*worker._pool._processes, flush=True)
    time.sleep(600)
    """
)


def _threads(pid: int) -> int:
    try:
        return len(os.listdir(f"/proc/{pid}/task"))
    except OSError:
        return 0


@pytest.mark.parametrize("method", ["fork", "spawn"])
@pytest.mark.parametrize("pdeathsig", ["on", "off"])
def test_the_body_worker_dies_when_its_parent_is_killed(method: str, pdeathsig: str, tmp_path: Path) -> None:
    """``off``: the worker's own watch thread alone (what macOS has) must end it."""
    needs_proc()
    proc = subprocess.Popen(
        [sys.executable, "-c", STARTER, method, pdeathsig, str(tmp_path / "ic.db")],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert proc.stdout is not None
    try:
        worker = int(proc.stdout.readline())
        family = descendants(proc.pid)  # the worker, and for spawn the resource tracker
        assert worker in family and alive(worker)
    finally:
        proc.kill()
        proc.wait()
        proc.stdout.close()  # not communicate(): an orphaned worker would hold the pipe open
    poll(lambda: not any(alive(pid) for pid in family), 10, f"processes {family} outlived their parent")


def test_sigkill_of_sync_leaves_no_body_worker_and_the_worker_holds_neither_socket_nor_database(
    make_dovecot: Any, tmp_path: Path
) -> None:
    needs_proc()
    server = make_dovecot()
    fill(server)
    maildir = Path(server.directory) / "mail" / server.user / "cur"
    for i in range(3000):  # enough for a pass that is still running when it is killed
        _, raw = mail(f"sender{i % 40}@news.example", ME, f"Newsletter {i}", "Hello.\n", "2026-11-05T08:00")
        (maildir / f"{1700000000 + i}.orphan{i}:2,").write_bytes(raw)
    config_path = write_config(server, tmp_path)
    db = tmp_path / "killed.db"
    env = {**os.environ, PASSWORD_ENV: server.password}
    cmd = [sys.executable, "-m", "inboxcoach.cli", "--config", str(config_path), "--db", str(db), "sync"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        # A first pass starts the worker at once; its initializer ends by starting the
        # thread that watches the parent, so two threads mean it has let go of its files.
        poll(lambda: any(_threads(pid) >= 2 for pid in children(proc.pid)) or proc.poll() is not None, 30,
             "the body worker started")  # fmt: skip
        assert proc.poll() is None, "the sync finished before the test could look at its worker"
        [worker] = children(proc.pid)
        parent_files, worker_files = open_files(proc.pid), open_files(worker)
        database = str(db)
        assert any(f.startswith("socket:") for f in parent_files) and database in parent_files  # the test can fail
        assert not any(f.startswith("socket:") for f in worker_files), worker_files
        assert not any(f.startswith(database) for f in worker_files), worker_files
        stored = 0
        with sqlite3.connect(db, timeout=5) as con:
            stored = con.execute("SELECT COUNT(*) FROM messages").fetchone()[0]
        assert stored < 3009 and proc.poll() is None, "the pass was over before it was killed"
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        poll(lambda: not alive(worker), 10, f"the body worker {worker} outlived the killed sync")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
