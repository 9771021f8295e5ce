"""The real console script in a terminal (a pseudo-terminal 80 and 200 columns wide),
in a pipe, and as cron or systemd run it (no terminal, no TERM): what a person reads.

A terminal's screen is rebuilt with pyte (a VT100 emulator) from what the program
wrote, so a progress bar that is drawn and then erased, or a line the terminal had
to wrap, shows as it would on a real screen. Every run is bounded by a timeout.
"""

from __future__ import annotations

import fcntl
import json
import mailbox
import os
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import pyte
import pytest

from imapserver import PASSWORD_ENV, DovecotServer

DATA = resources.files("inboxcoach") / "data"
SAMPLE_CONFIG = Path(str(DATA / "sample_config.toml"))
SAMPLE_MBOX = Path(str(DATA / "sample_season.mbox"))
PROGRAMS = sorted((p["name"] for p in tomllib.loads(SAMPLE_CONFIG.read_text())["programs"]), key=str.casefold)
AS_OF = "2027-01-20T08:00"
ROWS = 40
TIMEOUT = 120.0  # seconds; far above what any run here takes
PIPED_WIDTH = 150  # cli.PIPED_WIDTH
ESCAPE = re.compile(rb"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[()][0-9A-Za-z]|[=>78])")


def command() -> list[str]:
    script = Path(sys.executable).with_name("inboxcoach")
    return [str(script)] if script.exists() else [sys.executable, "-m", "inboxcoach.cli"]


def environment(home: Path, *, term: str | None = "xterm-256color", **extra: str) -> dict[str, str]:
    """A user's environment with nothing of the test runner's (no COLUMNS, no FORCE_COLOR)."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_STATE_HOME": str(home / "state"),
        "XDG_CACHE_HOME": str(home / "cache"),
    }
    if term is not None:
        env["TERM"] = term
    env.update(extra)
    return env


@dataclass
class Run:
    code: int
    written: bytes  # everything the program wrote, escape codes included
    screen: list[str]  # the terminal's lines afterwards, scrolled-off ones included (terminal only)

    @property
    def text(self) -> str:
        return ESCAPE.sub(b"", self.written).decode("utf-8", errors="replace")

    def written_lines(self) -> list[str]:
        """The lines as written (a carriage return starts a line again)."""
        return [part for line in self.text.split("\n") for part in line.split("\r")]


def in_terminal(args: list[str], columns: int, env: dict[str, str]) -> Run:
    """Run ``args`` with stdin, stdout and stderr on a new pseudo-terminal ``columns`` wide."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, columns, 0, 0))
    process = subprocess.Popen(args, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True)
    os.close(slave)
    chunks: list[bytes] = []
    deadline = time.monotonic() + TIMEOUT
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.5)
            if not ready:
                continue
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: no process holds the terminal any more
                break
            if not chunk:
                break
            chunks.append(chunk)
        else:
            process.kill()
        code = process.wait(timeout=10)
    finally:
        os.close(master)
    written = b"".join(chunks)
    assert time.monotonic() < deadline, f"{args[1:]} did not finish in {TIMEOUT} s: {written[-2000:]!r}"
    return Run(code, written, screen_of(written, columns))


def screen_of(written: bytes, columns: int) -> list[str]:
    screen = pyte.HistoryScreen(columns, ROWS, history=100_000)
    pyte.ByteStream(screen).feed(written)
    rows = ["".join(line[x].data for x in range(columns)).rstrip() for line in screen.history.top]
    rows += [line.rstrip() for line in screen.display]
    while rows and not rows[-1]:
        rows.pop()
    return rows


def in_pipe(args: list[str], env: dict[str, str]) -> Run:
    """Run ``args`` as a pipe or cron would: stdin empty, stdout and stderr pipes."""
    done = subprocess.run(args, stdin=subprocess.DEVNULL, capture_output=True, env=env, timeout=TIMEOUT)
    assert not done.stderr, done.stderr.decode(errors="replace")  # no bar, no warning, no traceback
    return Run(done.returncode, done.stdout, done.stdout.decode().splitlines())


def assert_reads_well(run: Run, columns: int) -> None:
    """Exit 0, no traceback, no line the terminal had to wrap, the cursor given back."""
    assert run.code == 0, run.text[-3000:]
    assert "Traceback" not in run.text and "Error" not in run.text, run.text[-3000:]
    # The last column stays empty: some terminals wrap a line that fills it.
    too_wide = [line for line in run.written_lines() if len(line) >= columns]
    assert not too_wide, too_wide
    hidden = run.written.rfind(b"\x1b[?25l")
    assert hidden < 0 or run.written.rfind(b"\x1b[?25h") > hidden, "the cursor was left hidden"
    assert not [row for row in run.screen if "Reading " in row or "Fetching " in row], "a progress bar was left"


def assert_piped_plainly(run: Run) -> None:
    """Exit 0, no escape codes (no colour, no bar), no traceback. A plain line (a
    finding, a summary) is never wrapped in a pipe: one fact per line, for grep."""
    assert run.code == 0, run.text[-3000:]
    assert b"\x1b" not in run.written, "escape codes in piped output"
    assert "Traceback" not in run.text


def status_rows(lines: list[str]) -> tuple[int, int]:
    """Where the rows of the status table are: after its header (one or two lines) and rule."""
    rule = next(i for i, line in enumerate(lines) if line.startswith("----"))
    assert lines[rule - 1].startswith("Program"), lines[rule - 3 : rule + 1]
    return rule + 1, rule + 1 + len(PROGRAMS)


def assert_status_table(lines: list[str], *, width: int, whole: bool) -> None:
    """One row per program, in order, its name whole (or, when narrow, cut with "..."
    after at least 30 characters), never wrapped onto a second line; the title, the
    header, the rows and the caption at most ``width`` wide."""
    first, end = status_rows(lines)
    table = lines[max(first - 4, 0) : end + 2]
    assert max(len(line) for line in table) <= width, table
    for row, name in zip(lines[first:end], PROGRAMS, strict=True):
        shown = row.split("  ")[0]
        if whole or shown == name:
            assert shown == name, (shown, name)
        else:
            assert shown.endswith("...") and name.startswith(shown[:-3]) and len(shown) > 30, (shown, name)
        assert re.search(r"\b\d+/3\b", row), row  # the contacts count is on the row


def assert_digest(lines: list[str]) -> None:
    text = "\n".join(lines)
    assert "Subject: inboxcoach digest for Wed 20 Jan 2027" in text
    assert "WHAT NEEDS ATTENTION" in text and "COMING UP" in text


# -- demo ------------------------------------------------------------------------


@pytest.mark.parametrize("columns", [80, 200])
def test_demo_in_a_terminal(columns: int, tmp_path: Path) -> None:
    run = in_terminal([*command(), "demo"], columns, environment(tmp_path))
    assert_reads_well(run, columns)
    assert_status_table(run.screen, width=columns, whole=columns >= 200)
    assert_digest(run.screen)
    assert run.screen[0].startswith("Read 354 messages from sample_season.mbox")
    if columns == 80:
        assert "Last reply" not in "\n".join(run.screen[:12])  # a narrow table gives columns up
    else:
        assert "Interview" in "\n".join(run.screen[:12]) and "1 critical, 1 warning" in run.text
    assert "\x1b[" in run.written.decode(errors="replace")  # a terminal gets colour


@pytest.mark.parametrize("term", ["dumb", None], ids=["dumb", "no-TERM"])
def test_demo_in_a_terminal_that_cannot_redraw_or_is_unnamed(term: str | None, tmp_path: Path) -> None:
    run = in_terminal([*command(), "demo"], 80, environment(tmp_path, term=term))
    assert_reads_well(run, 80)
    assert_status_table(run.screen, width=80, whole=False)
    assert_digest(run.screen)
    if term == "dumb":
        assert b"\x1b" not in run.written  # no colour, no bar


@pytest.mark.parametrize("term", ["xterm-256color", None], ids=["pipe", "cron"])
def test_demo_in_a_pipe_or_under_cron(term: str | None, tmp_path: Path) -> None:
    run = in_pipe([*command(), "demo"], environment(tmp_path, term=term))
    assert_piped_plainly(run)
    assert_status_table(run.screen, width=PIPED_WIDTH, whole=True)
    assert_digest(run.screen)
    assert max(len(line) for line in run.screen[1:]) <= PIPED_WIDTH  # the table and the digest


def test_columns_sets_the_width_of_tables_and_the_digest_in_a_pipe(tmp_path: Path) -> None:
    run = in_pipe([*command(), "demo"], environment(tmp_path, COLUMNS="90"))
    assert_piped_plainly(run)
    summary, *laid_out = run.screen
    assert len(summary) > 90  # a plain line is never wrapped in a pipe: one fact per line
    assert max(len(line) for line in laid_out) <= 90
    assert_status_table(run.screen, width=90, whole=False)


def test_a_reader_that_goes_away_is_no_error(tmp_path: Path) -> None:
    process = subprocess.Popen(
        [*command(), "demo"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment(tmp_path)
    )
    assert process.stdout is not None and process.stderr is not None
    first = process.stdout.readline()
    process.stdout.close()  # as `inboxcoach demo | head -1` does
    assert process.wait(timeout=TIMEOUT) in (0, 141)
    assert first.startswith(b"Read 354 messages")
    assert process.stderr.read() == b""
    process.stderr.close()


# -- scan, status, report, digest, lint ------------------------------------------------


@pytest.fixture(scope="module")
def season(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database of the sample season, scanned once for this module's tests."""
    from inboxcoach.cli import main

    db = tmp_path_factory.mktemp("season") / "season.db"
    assert main(["--config", str(SAMPLE_CONFIG), "--db", str(db), "scan", str(SAMPLE_MBOX)]) == 0
    return db


def sample(db: Path, *args: str) -> list[str]:
    return [*command(), "--config", str(SAMPLE_CONFIG), "--db", str(db), *args]


@pytest.mark.parametrize("columns", [80, 200])
def test_scan_in_a_terminal(columns: int, tmp_path: Path) -> None:
    run = in_terminal(sample(tmp_path / "ic.db", "scan", str(SAMPLE_MBOX)), columns, environment(tmp_path))
    assert_reads_well(run, columns)
    summary = " ".join(run.screen)
    assert f"Read 354 messages from {SAMPLE_MBOX}: 351 new" in summary or columns < len(str(SAMPLE_MBOX)) + 40
    assert "351 new" in summary and "analysed 130" in summary


@pytest.mark.parametrize("term", ["xterm-256color", None], ids=["pipe", "cron"])
def test_scan_in_a_pipe_or_under_cron(term: str | None, tmp_path: Path) -> None:
    run = in_pipe(sample(tmp_path / "ic.db", "scan", str(SAMPLE_MBOX)), environment(tmp_path, term=term))
    assert run.code == 0 and b"\x1b" not in run.written
    assert run.screen[0].startswith(f"Read 354 messages from {SAMPLE_MBOX}: 351 new")
    assert len(run.screen) == 1  # one line, however long: no wrapping in a pipe


@pytest.mark.parametrize("columns", [80, 200])
@pytest.mark.parametrize("what", ["status", "report"])
def test_status_and_report_in_a_terminal(what: str, columns: int, season: Path, tmp_path: Path) -> None:
    run = in_terminal(sample(season, what, "--as-of", AS_OF), columns, environment(tmp_path))
    assert_reads_well(run, columns)
    assert run.screen[0].strip() == "inboxcoach status as of Wed 20 Jan 2027"
    assert_status_table(run.screen, width=columns, whole=columns >= 200)
    assert any(row.startswith("Rank list deadline: ") or "Rank list deadline: " in row for row in run.screen)
    if what == "report":
        assert any(row.startswith("[critical] wrong-program-name") for row in run.screen)


@pytest.mark.parametrize("what", ["status", "report"])
def test_status_and_report_in_a_pipe(what: str, season: Path, tmp_path: Path) -> None:
    run = in_pipe(sample(season, what, "--as-of", AS_OF), environment(tmp_path, term=None))
    assert_piped_plainly(run)
    assert_status_table(run.screen, width=PIPED_WIDTH, whole=True)
    assert not [line for line in run.screen if line != line.rstrip()]  # no padding after the last column


@pytest.mark.parametrize("columns", [80, 200])
def test_digest_and_lint_in_a_terminal(columns: int, season: Path, tmp_path: Path) -> None:
    run = in_terminal(sample(season, "digest", "--as-of", AS_OF), columns, environment(tmp_path))
    assert_reads_well(run, columns)
    assert_digest(run.screen)
    draft = tmp_path / "draft.txt"
    draft.write_text("Dear Dr. Hale,\n\nThank you for the interview day; I enjoyed meeting the residents.\n\nBest,\nSam\n")
    lint = sample(season, "lint", str(draft), "--to", "pd@riverside-health.example", "--as-of", AS_OF)
    run = in_terminal(lint, columns, environment(tmp_path))
    assert_reads_well(run, columns)
    assert run.screen[0] == "Draft to Riverside University Anesthesiology:"


def test_digest_in_a_pipe_is_the_text_as_mailed(season: Path, tmp_path: Path) -> None:
    run = in_pipe(sample(season, "digest", "--as-of", AS_OF), environment(tmp_path, term=None))
    assert run.code == 0 and b"\x1b" not in run.written
    assert_digest(run.screen)
    assert any(len(line) > 80 for line in run.screen)  # not wrapped: the mail's own lines


# -- sync against the suite's Dovecot ---------------------------------------------------


def fill_with_sample_season(server: DovecotServer) -> int:
    """APPEND the sample season to the server: Sent and Drafts by their Gmail label,
    everything else to the Inbox. Returns how many messages were appended."""
    appended = 0
    season = mailbox.mbox(SAMPLE_MBOX, create=False)
    try:
        with server.client() as client:
            for message in season:
                labels = (message["X-Gmail-Labels"] or "").split(",")
                folder, flags = ("Sent", [b"\\Seen"]) if "Sent" in labels else ("INBOX", [])
                if "Drafts" in labels:
                    folder, flags = "Drafts", [b"\\Draft"]
                client.append(folder, message.as_bytes(), flags=tuple(flags))
                appended += 1
    finally:
        season.close()
    return appended


def sync_config(server: DovecotServer, tmp_path: Path) -> Path:
    """The sample config with its account pointed at ``server``."""
    sample_text = SAMPLE_CONFIG.read_text()
    account = (
        '[account]\nemail = "sam.applicant@example.org"\n'
        'aliases = ["sam.applicant.md@gmail.com"]\n'
        f'username = "{server.user}"\nimap_host = "127.0.0.1"\nimap_port = {server.port}\n'
        f'imap_security = "none"\npassword_env = "{PASSWORD_ENV}"\n'
    )
    start, end = sample_text.index("[account]"), sample_text.index("[season]")
    path = tmp_path / "config.toml"
    path.write_text(sample_text[:start] + account + "\n" + sample_text[end:])
    return path


def test_sync_in_a_terminal_a_pipe_and_under_systemd(dovecot: DovecotServer, tmp_path: Path) -> None:
    assert fill_with_sample_season(dovecot) == 354
    config = sync_config(dovecot, tmp_path)
    secret = {PASSWORD_ENV: dovecot.password}

    def synced(db: str, run: Run) -> dict[str, object]:
        assert "Synced: " in " ".join(run.screen), run.text[-2000:]
        args = [*command(), "--config", str(config), "--db", str(tmp_path / db), "report", "--json", "--as-of", AS_OF]
        done = subprocess.run(args, capture_output=True, env=environment(tmp_path), timeout=TIMEOUT, check=True)
        report: dict[str, object] = json.loads(done.stdout)
        report.pop("generated_at")
        return report

    reports = []
    for columns in (80, 200):
        db = f"tty{columns}.db"
        args = [*command(), "--config", str(config), "--db", str(tmp_path / db), "sync"]
        run = in_terminal(args, columns, environment(tmp_path, **secret))
        assert_reads_well(run, columns)
        assert dovecot.password not in run.text
        reports.append(synced(db, run))
    for name, term in (("pipe.db", "xterm-256color"), ("systemd.db", None)):
        args = [*command(), "--config", str(config), "--db", str(tmp_path / name), "sync"]
        run = in_pipe(args, environment(tmp_path, term=term, **secret))
        assert run.code == 0 and b"\x1b" not in run.written and len(run.screen) == 1
        reports.append(synced(name, run))
    assert all(r == reports[0] for r in reports)  # the same mailbox reads the same everywhere
    programs = reports[0]["programs"]
    assert isinstance(programs, list) and sorted(p["name"] for p in programs) == sorted(PROGRAMS)
    assert sum(p["contacts"] for p in programs) > 20

    status = [*command(), "--config", str(config), "--db", str(tmp_path / "tty80.db"), "status", "--as-of", AS_OF]
    run = in_terminal(status, 80, environment(tmp_path))
    assert_reads_well(run, 80)
    assert_status_table(run.screen, width=80, whole=False)


# -- an internal error ----------------------------------------------------------------

CRASHING_SCAN = """
import sys
import inboxcoach.cli.commands

def ingest(source, store, config, progress):
    import time
    from inboxcoach.cli.progress import SHOW_AFTER
    progress("headers", 1, None)
    time.sleep(SHOW_AFTER + 0.1)
    progress("headers", 5, None)  # the bar is drawn when it fails
    raise RuntimeError("the pipeline broke")

inboxcoach.cli.commands.ingest = ingest
from inboxcoach.cli import entry
entry()
"""


def test_an_internal_error_in_a_terminal_is_one_line_and_a_crash_log(tmp_path: Path) -> None:
    args = [sys.executable, "-c", CRASHING_SCAN, "--config", str(SAMPLE_CONFIG), "--db", str(tmp_path / "ic.db"),
            "scan", str(SAMPLE_MBOX)]
    run = in_terminal(args, 80, environment(tmp_path))
    assert run.code == 70
    assert "Traceback" not in run.text
    said = " ".join(run.screen)  # one line, wrapped at words on a terminal
    assert said.startswith("inboxcoach: internal error in `inboxcoach scan` (RuntimeError: the pipeline broke)")
    logs = list((tmp_path / "state" / "inboxcoach" / "log").glob("inboxcoach-crash-*.log"))
    assert len(logs) == 1 and str(logs[0]) in run.text.replace("\r\n", "")  # the path whole, to copy
    assert "Traceback" in logs[0].read_text() and "RuntimeError: the pipeline broke" in logs[0].read_text()
    assert not [row for row in run.screen if "Reading headers" in row]  # the bar is gone
    assert run.written.rfind(b"\x1b[?25h") > run.written.rfind(b"\x1b[?25l")  # and the cursor is back


# -- check, init and run: a terminal, a pipe ---------------------------------------


def test_check_in_a_terminal_and_a_pipe(dovecot: DovecotServer, make_smtp_server: Any, tmp_path: Path) -> None:
    smtp = make_smtp_server(password=dovecot.password)
    config = sync_config(dovecot, tmp_path)
    text = config.read_text().replace(
        f'password_env = "{PASSWORD_ENV}"\n',
        f'password_env = "{PASSWORD_ENV}"\nsmtp_host = "127.0.0.1"\nsmtp_port = {smtp.port}\nsmtp_security = "none"\n',
    )
    config.write_text(text)
    secret = {PASSWORD_ENV: dovecot.password}
    args = [*command(), "--config", str(config), "--db", str(tmp_path / "ic.db"), "check"]
    for columns in (80, 200):
        run = in_terminal(args, columns, environment(tmp_path, **secret))
        assert_reads_well(run, columns)
        shown = " ".join(run.screen)
        assert "IMAP: logged in" in shown and "SMTP:" in shown and "All good." in shown
        assert dovecot.password not in run.text
    run = in_pipe(args, environment(tmp_path, term=None, **secret))
    assert run.code == 0 and b"\x1b" not in run.written and "All good." in run.text


def test_init_without_questions_in_a_terminal_and_a_pipe(tmp_path: Path) -> None:
    for where, columns in (("tty", 80), ("pipe", 0)):
        path = tmp_path / where / "config.toml"
        args = [*command(), "--config", str(path), "init", "--email", "sam@gmail.com", "--timezone",
                "America/Chicago", "--match-year", "2027", "--config-only"]  # fmt: skip
        run = in_terminal(args, columns, environment(tmp_path)) if columns else in_pipe(args, environment(tmp_path))
        if columns:
            assert_reads_well(run, columns)
        assert run.code == 0 and path.exists()
        assert "Gmail" in run.text and "imap.gmail.com" in path.read_text()
        assert path.stat().st_mode & 0o777 == 0o600


def test_run_in_a_terminal_and_under_systemd_stops_cleanly(dovecot: DovecotServer, tmp_path: Path) -> None:
    assert fill_with_sample_season(dovecot) == 354
    config = sync_config(dovecot, tmp_path)
    for name, columns in (("tty.db", 80), ("systemd.db", 0)):
        env = environment(tmp_path, term="xterm-256color" if columns else None, **{PASSWORD_ENV: dovecot.password})
        args = [*command(), "--config", str(config), "--db", str(tmp_path / name), "run"]
        if columns:
            master, slave = os.openpty()
            fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, columns, 0, 0))
            process = subprocess.Popen(args, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True)
            os.close(slave)
            read = master
        else:
            process = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                       stderr=subprocess.STDOUT, env=env, start_new_session=True)  # fmt: skip
            assert process.stdout is not None
            read = process.stdout.fileno()
        written = b""
        deadline = time.monotonic() + TIMEOUT
        try:
            while b"synced:" not in written and time.monotonic() < deadline:
                if select.select([read], [], [], 0.5)[0]:
                    written += os.read(read, 65536)
            assert b"synced:" in written, written[-2000:]
            process.send_signal(signal.SIGTERM)
            assert process.wait(timeout=15) == 0
            while select.select([read], [], [], 0.2)[0]:
                chunk = os.read(read, 65536) if columns == 0 else _read_pty(read)
                if not chunk:
                    break
                written += chunk
        finally:
            if process.poll() is None:
                process.kill()
                process.wait(10)
            if columns:
                os.close(master)
            elif process.stdout is not None:
                process.stdout.close()
        text = ESCAPE.sub(b"", written).decode("utf-8", errors="replace")
        assert "Traceback" not in text and dovecot.password not in text
        assert "inboxcoach running for sam.applicant@example.org" in text and "inboxcoach stopped" in text
        if columns:
            assert max(len(line) for line in text.replace("\r", "\n").split("\n")) <= columns


def _read_pty(fd: int) -> bytes:
    try:
        return os.read(fd, 65536)
    except OSError:  # EIO: nobody holds the terminal any more
        return b""


# -- the progress bar waits before it draws ----------------------------------------------


@pytest.mark.parametrize("show_after", [0.0, 60.0])
def test_the_progress_bar_is_drawn_only_for_work_that_takes_a_while(
    show_after: float, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    from rich.console import Console

    from inboxcoach.cli import progress

    monkeypatch.setattr(progress, "SHOW_AFTER", show_after)
    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=79)
    with progress.progress_bar(console) as update:
        for done in range(0, 501, 100):
            update("headers", done, 500)
    drawn = screen.getvalue()
    if show_after:
        assert drawn == ""  # a short command draws nothing: no flicker, no hidden cursor
    else:
        assert "Reading headers" in drawn and "500/500" in drawn
        assert drawn.rfind("\x1b[?25h") > drawn.rfind("\x1b[?25l") >= 0  # drawn, then the cursor given back
