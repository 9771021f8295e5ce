"""A throw-away CA and a server certificate for 127.0.0.1, for the TLS tests of the
IMAP (tests/imapserver.py) and SMTP (tests/smtpserver.py) servers."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path


class OpensslMissing(RuntimeError):
    """The openssl command is not installed."""


def make_certificates(directory: Path) -> None:
    """Write ca.pem and server.pem/server.key (EC keys: fast) for 127.0.0.1/localhost."""
    openssl = shutil.which("openssl")
    if not openssl:
        raise OpensslMissing("the openssl command is needed for the TLS tests")
    directory.mkdir(parents=True, exist_ok=True)

    def run(*args: str) -> None:
        subprocess.run([openssl, *args], cwd=directory, check=True, capture_output=True)

    ec = ("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes")
    run("req", "-x509", *ec, "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=inboxcoach test CA")
    run("req", *ec, "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost")
    (directory / "ext.cnf").write_text(
        "subjectAltName = IP:127.0.0.1, DNS:localhost\n"
        "basicConstraints = CA:FALSE\n"
        "keyUsage = digitalSignature, keyEncipherment\n"
        "extendedKeyUsage = serverAuth\n"
    )
    run(
        "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
        "-out", "server.pem", "-days", "2", "-extfile", "ext.cnf",
    )  # fmt: skip
    os.chmod(directory / "server.key", 0o600)
