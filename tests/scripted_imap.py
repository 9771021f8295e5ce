"""A scripted IMAP server on 127.0.0.1, for the servers no test here can reach (Gmail).

It greets with the capabilities it is given, then answers each command line by the
first rule whose pattern matches it (``{tag}`` in an answer is the command's tag) and
records every command the client sent, so a test asserts on the exact conversation.
A command no rule matches gets ``BAD`` and is recorded too. Literals are not
supported: the commands under test (LOGIN, SELECT, STORE, SEARCH, UNSELECT, LOGOUT)
need none.
"""

from __future__ import annotations

import re
import socket
import threading
from collections.abc import Sequence
from types import TracebackType

Rule = tuple[str, Sequence[str]]  # (regex over the command after its tag, answer lines)
CLOSE = "<close>"  # an answer line that closes the connection there (a server going away)

LOGIN_AND_LOGOUT: list[Rule] = [
    (r"LOGIN .*", ["{tag} OK logged in"]),
    (r"LOGOUT", ["* BYE bye", "{tag} OK logged out"]),
    (r"CAPABILITY", ["* CAPABILITY {capabilities}", "{tag} OK done"]),
    (r"ID .*", ['* ID ("name" "scripted")', "{tag} OK done"]),
    (r"NOOP", ["{tag} OK done"]),
]


class ScriptedImapServer:
    """``with ScriptedImapServer(rules, capabilities=...) as server:`` then connect to
    ``server.port``; ``server.commands`` holds what the client sent, tags stripped."""

    def __init__(self, rules: Sequence[Rule], capabilities: str = "IMAP4rev1") -> None:
        self.rules = [(re.compile(pattern, re.I | re.S), lines) for pattern, lines in [*rules, *LOGIN_AND_LOGOUT]]
        self.capabilities = capabilities
        self.commands: list[str] = []
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def __enter__(self) -> ScriptedImapServer:
        self._thread.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self._listener.close()
        self._thread.join(5)

    def _serve(self) -> None:
        try:
            connection, _ = self._listener.accept()
        except OSError:
            return
        with connection, connection.makefile("rwb") as stream:
            stream.write(f"* OK [CAPABILITY {self.capabilities}] scripted server ready\r\n".encode())
            stream.flush()
            for raw in stream:
                line = raw.decode("utf-8", "replace").rstrip("\r\n")
                tag, _, command = line.partition(" ")
                self.commands.append(command)
                for pattern, answer in self.rules:
                    if pattern.fullmatch(command):
                        break
                else:
                    answer = ["{tag} BAD not in the script"]
                for out in answer:
                    if out == CLOSE:
                        return
                    text = out.format(tag=tag, capabilities=self.capabilities)
                    stream.write(text.encode() + b"\r\n")
                stream.flush()
                if command.upper() == "LOGOUT":
                    return
