"""An internal error as one line and a crash log (exit 70): never a traceback for the user,
and never a secret in the log."""

from __future__ import annotations

import os
import tempfile
import traceback
from pathlib import Path

from inboxcoach import __version__, clock
from inboxcoach.cli.app import _complain, app

EX_SOFTWARE = 70  # sysexits.h: an internal error


def _crashed(exc: Exception, args: list[str]) -> int:
    """Say in one line on stderr what failed and where its crash log is; return 70."""
    command = _command_of(args)
    what = f"`inboxcoach {command}`" if command else "inboxcoach"
    detail = _redact(str(exc)).strip()
    summary = type(exc).__name__ + (f": {detail.splitlines()[0][:200]}" if detail else "")
    try:
        path = write_crash_log(exc, args)
    except OSError as failure:
        _complain(
            f"inboxcoach: internal error in {what} ({summary}); "
            f"the crash log could not be written ({failure.strerror or failure})"
        )
    else:
        _complain(f"inboxcoach: internal error in {what} ({summary}); the traceback is in {path}")
    return EX_SOFTWARE


def _command_of(args: list[str]) -> str:
    """The subcommand named in ``args``, or "" when none is."""
    words = iter(args)
    for word in words:
        if word in ("--config", "-c", "--db"):
            next(words, None)  # its value
        elif word in app.commands:
            return word
    return ""


_SECRET_NAMES = ("PASSWORD", "PASSWD", "SECRET", "TOKEN", "KEY")


def _redact(text: str) -> str:
    """``text`` without the value of any environment variable that looks like a secret
    (the account's password_env, e.g.)."""
    for name, value in os.environ.items():
        if len(value) >= 4 and any(part in name.upper() for part in _SECRET_NAMES):
            text = text.replace(value, "[redacted]")
    return text


def crash_log_dirs() -> list[Path]:
    """Where crash logs go, first choice first: the user log dir under the state dir
    (``~/.local/state/inboxcoach/log`` on Linux), else the temporary directory."""

    import platformdirs

    return [platformdirs.user_log_path("inboxcoach"), Path(tempfile.gettempdir())]


def write_crash_log(exc: BaseException, args: list[str]) -> Path:
    """Write the traceback of ``exc`` (no local variables, secrets redacted) with the
    version and command line to a new file readable only by the user; return its path.

    Raises OSError when no directory of :func:`crash_log_dirs` takes it."""
    import platform

    moment = clock.now()
    text = _redact(
        f"inboxcoach {__version__} crashed at {moment:%Y-%m-%d %H:%M:%S} UTC\n"
        f"Command: inboxcoach {' '.join(args)}\n"
        f"Python {platform.python_version()} on {platform.platform()}\n\n"
        + "".join(traceback.format_exception(exc))
    )
    name = f"inboxcoach-crash-{moment:%Y%m%d-%H%M%S}-{os.getpid()}.log"
    failure: OSError | None = None
    for folder in crash_log_dirs():
        path = folder / name
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w", encoding="utf-8") as f:
                f.write(text)
        except OSError as error:
            failure = error
            continue
        return path
    assert failure is not None
    raise failure
