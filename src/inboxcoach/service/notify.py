"""sd_notify(3) for ``Type=notify`` units: READY=1, WATCHDOG=1, STOPPING=1.

A datagram to the socket systemd names in ``$NOTIFY_SOCKET`` (a path, or an abstract
name starting with "@"). Outside systemd the variable is unset and every call does
nothing. Never raises: a lost notification must not stop the daemon (systemd then
restarts a unit whose watchdog it stopped hearing, which is the point).
"""

from __future__ import annotations

import os
import socket


def notify(state: str) -> bool:
    """Send ``state`` (e.g. "READY=1") to systemd; True when it was sent."""
    address = os.environ.get("NOTIFY_SOCKET", "")
    if not address or address[0] not in "/@":
        return False
    target = "\0" + address[1:] if address[0] == "@" else address
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
            sock.connect(target)
            sock.sendall(state.encode())
    except OSError:
        return False
    return True


def watchdog_interval() -> float | None:
    """Seconds between WATCHDOG=1 pings: half of what systemd waits ($WATCHDOG_USEC),
    or None when no watchdog is asked for (or it is meant for another process)."""
    usec = os.environ.get("WATCHDOG_USEC", "")
    pid = os.environ.get("WATCHDOG_PID", "")
    if not usec.isdigit() or int(usec) == 0 or (pid and pid != str(os.getpid())):
        return None
    return int(usec) / 2 / 1_000_000
