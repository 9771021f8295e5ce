"""The daemon under systemd's Type=notify: READY=1 once up, WATCHDOG=1 while healthy,
none once its passes stall, STOPPING=1 at the end. Against a real Dovecot; the
notification socket is a real datagram socket, as systemd's is."""

from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from test_daemon import EARLY_MORNING, Running, setup  # noqa: F401  (the setup fixture)

from inboxcoach.service.daemon import Daemon, Timing

TIMING = Timing(poll_interval=30, idle_check=0.5, heartbeat=3600, backoff_first=0.2, backoff_max=1.0)


class NotifySocket:
    """What systemd would hear on $NOTIFY_SOCKET."""

    def __init__(self, path: Path) -> None:
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(str(path))
        self.sock.settimeout(0.1)
        self.heard: list[tuple[float, str]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._listen, daemon=True)
        self._thread.start()

    def _listen(self) -> None:
        while not self._stop.is_set():
            try:
                self.heard.append((time.monotonic(), self.sock.recv(4096).decode()))
            except TimeoutError:
                continue
            except OSError:
                return

    def close(self) -> None:
        self._stop.set()
        self._thread.join(2)
        self.sock.close()

    def states(self) -> list[str]:
        return [state for _, state in self.heard]


@pytest.fixture
def systemd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    listener = NotifySocket(tmp_path / "notify")
    monkeypatch.setenv("NOTIFY_SOCKET", str(tmp_path / "notify"))
    monkeypatch.setenv("WATCHDOG_USEC", "1000000")  # systemd waits 1 s: a ping every 0.5 s
    monkeypatch.setenv("WATCHDOG_PID", str(os.getpid()))
    yield listener
    listener.close()


def test_ready_then_watchdog_pings_while_healthy_then_stopping(setup: Any, systemd: NotifySocket) -> None:
    _, config, db = setup
    with Running(Daemon(config, db, timing=TIMING, now=lambda: EARLY_MORNING)):
        time.sleep(2.5)
    states = systemd.states()
    assert states[0] == "READY=1"
    assert states.count("WATCHDOG=1") >= 3
    assert states[-1] == "STOPPING=1"
    pings = [at for at, state in systemd.heard if state == "WATCHDOG=1"]
    assert max(b - a for a, b in zip(pings, pings[1:])) < 1.0  # never silent as long as systemd waits


def test_a_stalled_pass_stops_the_pings_so_systemd_restarts_it(
    setup: Any, systemd: NotifySocket, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, config, db = setup
    stuck = threading.Event()
    real = Daemon._one_pass

    def one_pass(self: Daemon, client: Any) -> Any:
        if self.passes >= 1:  # the second pass hangs (a server that stops answering mid-read)
            stuck.wait(5)
        return real(self, client)

    monkeypatch.setattr(Daemon, "_one_pass", one_pass)
    timing = Timing(poll_interval=0.2, idle_check=0.5, heartbeat=3600, backoff_first=0.2, backoff_max=1.0,
                    stall_limit=0.8)
    daemon = Daemon(config, db, timing=timing, now=lambda: EARLY_MORNING)
    with Running(daemon):
        time.sleep(3.0)
        assert not daemon.healthy()
        released = time.monotonic()
        stuck.set()
    pings = [at for at, state in systemd.heard if state == "WATCHDOG=1"]
    assert pings, "it pinged while the first pass ran"
    assert released - max(at for at in pings if at < released) > 1.2  # then silent: systemd would restart it
