import sys
from pathlib import Path

# tests import their small builders as plain modules
sys.path.insert(0, str(Path(__file__).parent))

from conftest_imap import dovecot, make_dovecot  # noqa: E402,F401  (real IMAP server fixtures)
from smtpserver import make_smtp_server, smtp_server  # noqa: E402,F401  (real SMTP server fixtures)
