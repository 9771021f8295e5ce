"""The command group, its options and what every command shares: the consoles (made
on first use: `sync` and `check` under cron or systemd never draw anything rich),
the globals, --as-of, logging, the progress bar."""


from __future__ import annotations

import contextlib
import functools
import logging
import os
import sys
import textwrap
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from rich.console import Console

    from inboxcoach.ingest import Progress

from inboxcoach import __version__, clock
from inboxcoach.config import Config, default_data_dir, load_config

DB_ENV = "INBOXCOACH_DB"


# Piped output (a file, a pager, CI) is laid out this wide unless $COLUMNS says otherwise.
PIPED_WIDTH = 150
EX_SOFTWARE = 70  # sysexits.h: an internal error


@functools.cache
def _out() -> Console:
    """The rich Console of standard output, made on first use: `sync` and `report
    --json` piped or under cron draw nothing rich, and importing rich is a tenth of
    their start-up. What it returns is a rich Console, usable wherever one is.

    On a terminal lines wrap at words one column short of the terminal's width (a
    line that fills the last column makes some terminals wrap an empty line after
    it); piped, a line is never wrapped (one fact per line, for grep) and tables are
    laid out PIPED_WIDTH wide."""
    if sys.stdout.isatty():
        return _short_of_the_edge(_console(highlight=False))
    columns = os.environ.get("COLUMNS", "")
    return _console(highlight=False, soft_wrap=True, width=int(columns) if columns.isdigit() else PIPED_WIDTH)


@functools.cache
def _err() -> Console:
    """The rich Console of standard error (progress bars), made on first use."""
    console = _console(stderr=True, highlight=False)
    return _short_of_the_edge(console) if console.is_terminal else console


def _short_of_the_edge(console: Console) -> Console:
    width, height = console.size
    console.size = (max(width - 1, 20), height)  # both, or rich ignores the width on a dumb terminal
    return console


def _console(**options: Any) -> Console:
    from rich.console import Console

    class PipeAwareConsole(Console):
        def on_broken_pipe(self) -> None:
            # rich would exit 1, which here means "critical findings": main() ends
            # quietly with the status of a command whose reader went away instead.
            raise BrokenPipeError

    return PipeAwareConsole(**options)


def _say(text: str) -> None:
    """Print one plain line (no markup) to standard output: wrapped at words to the
    width of a terminal, as is in a pipe (without loading rich there)."""
    if sys.stdout.isatty():
        _out().print(text, markup=False)
    else:
        click.echo(text)


def _complain(text: str) -> None:
    """One line on standard error (on a terminal wrapped at words, a path kept whole)."""
    if sys.stderr.isatty():
        try:
            width = os.get_terminal_size(sys.stderr.fileno()).columns
        except (OSError, ValueError):
            width = 80
        text = "\n".join(textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False))
    click.echo(text, err=True)


@dataclass
class Globals:
    config_path: Path | None
    db_path: Path | None
    verbose: bool

    def config(self) -> Config:
        return load_config(self.config_path)

    def database(self) -> Path:
        if self.db_path:
            return self.db_path
        env = os.environ.get(DB_ENV)
        return Path(env).expanduser() if env else default_data_dir() / "inboxcoach.db"


pass_globals = click.make_pass_decorator(Globals)


def _as_of(value: str | None, config: Config) -> datetime:
    if value is None:
        return clock.now().astimezone(config.season.tz)
    try:
        return clock.parse_moment(value, config.season.tz)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--as-of") from None


as_of_option = click.option(
    "--as-of",
    "as_of",
    metavar="DATETIME",
    help="Judge as of this moment (ISO date-time; naive = season time zone; a date = end of that day).",
)


class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes each record to ``sys.stderr`` as it is then: while a progress bar is
    drawn, rich puts a proxy there that prints the line above the bar, not through it."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    @property
    def stream(self) -> Any:
        return sys.stderr

    @stream.setter
    def stream(self, value: Any) -> None:
        pass

    def format(self, record: logging.LogRecord) -> str:
        """The line, wrapped at words (continuations indented) on a terminal narrower
        than it; as one line anywhere else (a pipe, a file, the journal)."""
        text = super().format(record)
        try:
            if not sys.stderr.isatty():
                return text
            width = os.get_terminal_size(sys.stderr.fileno()).columns
        except (OSError, ValueError, AttributeError):
            return text
        if len(text) <= width or "\n" in text:
            return text
        return "\n".join(
            textwrap.wrap(text, width, subsequent_indent="  ", break_long_words=False, break_on_hyphens=False)
        )


# The order a new user needs the commands in, for --help.
COMMAND_ORDER = (
    "init", "password", "check", "sync", "programs", "run", "service", "status", "digest", "lint",
    "report", "scan", "labels", "thunderbird", "native-host", "demo",
)  # fmt: skip


class _OrderedGroup(click.Group):
    """Lists commands in COMMAND_ORDER (then any other, by name), not alphabetically."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        known = [name for name in COMMAND_ORDER if name in self.commands]
        return known + sorted(name for name in self.commands if name not in COMMAND_ORDER)


#: syslog priorities of the logging levels, for journald (sd-daemon(3) "<N>" prefixes)
_SYSLOG_PRIORITY = {logging.DEBUG: 7, logging.INFO: 6, logging.WARNING: 4, logging.ERROR: 3, logging.CRITICAL: 2}


def _under_journald() -> bool:
    """True when standard error is connected to the journal (systemd sets
    $JOURNAL_STREAM to its device and inode), so each line may carry a priority."""
    stream = os.environ.get("JOURNAL_STREAM", "")
    device, _, inode = stream.partition(":")
    try:
        info = os.fstat(sys.stderr.fileno())
    except (OSError, ValueError, AttributeError):
        return False
    return bool(stream) and f"{info.st_dev}:{info.st_ino}" == f"{device}:{inode}"


class _JournalFormatter(logging.Formatter):
    """"<4>WARNING inboxcoach.service.sync: ..." so `journalctl -p warning` can filter."""

    def format(self, record: logging.LogRecord) -> str:
        priority = _SYSLOG_PRIORITY.get(record.levelno, 6 if record.levelno < logging.WARNING else 3)
        return f"<{priority}>" + super().format(record)


def _setup_logging(verbose: bool) -> None:
    """One line per event on standard error, without timestamps (journald and the
    terminal's user have them). ``-v`` shows inboxcoach's own debug lines; the
    libraries it uses say only warnings and errors."""
    handler = _StderrHandler()
    form = "%(levelname)s %(name)s: %(message)s"
    handler.setFormatter(_JournalFormatter(form) if _under_journald() else logging.Formatter(form))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.WARNING)
    logging.getLogger("inboxcoach").setLevel(logging.DEBUG if verbose else logging.NOTSET)


@click.group(
    cls=_OrderedGroup,
    help=(
        "Coaches a residency applicant through writing to programs: matches mail to "
        "programs, counts contacts against the 2-3 message limit, warns about risky "
        "messages and renders a calm daily digest."
    ),
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.option(
    "--config",
    "-c",
    "config_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Config file (default: $INBOXCOACH_CONFIG, else the user config dir).",
)
@click.option(
    "--db",
    "db_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Database file (default: $INBOXCOACH_DB, else the user data dir).",
)
@click.option("--verbose", "-v", is_flag=True, help="Log inboxcoach's progress details to stderr.")
@click.version_option(__version__, "-V", "--version", prog_name="inboxcoach")
@click.pass_context
def app(ctx: click.Context, config_path: Path | None, db_path: Path | None, verbose: bool) -> None:
    ctx.obj = Globals(config_path=config_path, db_path=db_path, verbose=verbose)
    _setup_logging(verbose)


def _ask(value: str | None, prompt: str, check: Callable[[str], str], option: str, default: str | None = None) -> str:
    """``value`` checked, or (when not given) asked for until ``check`` accepts it."""
    if value is not None:
        try:
            return check(value)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint=option) from None

    def proc(text: str) -> str:
        try:
            return check(text)
        except ValueError as exc:
            raise click.UsageError(str(exc)) from None

    result: str = click.prompt(prompt, default=default, value_proc=proc)
    return result


@contextlib.contextmanager
def _progress() -> Iterator[Progress]:
    """A ``(phase, done, total)`` callback for long work: a bar on standard error when
    it is a terminal (and rich only then), silence elsewhere. The bar is gone when the
    block ends, however it ends, so what is printed next is not drawn over."""
    if not sys.stderr.isatty():
        yield _no_progress
        return
    from inboxcoach.cli.progress import progress_bar

    with progress_bar(_err()) as update:
        yield update


def _no_progress(phase: str, done: int, total: int | None) -> None:
    pass
