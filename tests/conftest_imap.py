"""Pytest fixtures for a real Dovecot: ``make_dovecot`` (a factory) and ``dovecot``.

Function-scoped on purpose: every test gets a fresh server and mailbox, so no state
leaks between tests (a start takes well under a second). Import both names into
tests/conftest.py (``from conftest_imap import dovecot, make_dovecot``) to share them.

Without Dovecot installed the tests that use them are skipped, unless
``INBOXCOACH_REQUIRE_DOVECOT=1`` is set (CI), where that is a failure.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from imapserver import PASSWORD_ENV, DovecotServer, DovecotUnavailable


@pytest.fixture
def make_dovecot(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., DovecotServer]]:
    """``make_dovecot(special_use=False, folders={...}, tls=True)`` → a started DovecotServer.

    Also puts the server's password into ``$INBOXCOACH_TEST_IMAP_PASSWORD``, which
    ``server.account()`` names as its ``password_env``. Every server is stopped and
    its directory removed after the test.
    """
    servers: list[DovecotServer] = []

    def make(**options: Any) -> DovecotServer:
        try:
            server = DovecotServer(**options)
        except DovecotUnavailable as exc:
            if os.environ.get("INBOXCOACH_REQUIRE_DOVECOT"):
                pytest.fail(str(exc))
            pytest.skip(str(exc))
        servers.append(server)
        server.start()
        monkeypatch.setenv(PASSWORD_ENV, server.password)
        return server

    yield make
    for server in servers:
        server.close()


@pytest.fixture
def dovecot(make_dovecot: Callable[..., DovecotServer]) -> DovecotServer:
    """A started Dovecot with user sam@example.org and Sent/Drafts/Trash flagged by SPECIAL-USE."""
    return make_dovecot()
