"""Command line: argument parsing and printing only; the work is in the library.

The commands live by what they are for: :mod:`.setup` (init, check, password,
programs, service, thunderbird), :mod:`.mail` (sync, run, scan, labels) and
:mod:`.read` (status, report, digest, lint, demo), all on the group of :mod:`.app`.

Exit codes: 0 success, 1 critical findings in ``lint``, 2 usage or configuration
error (one line on stderr naming the file and key), 70 an internal error (one line
naming the crash log that holds the traceback).
"""

from __future__ import annotations

import atexit
import logging
import os
import sys
from typing import Any

import click

from inboxcoach.cli import mail, read, setup  # noqa: F401  (they register their commands)
from inboxcoach.cli.app import COMMAND_ORDER, _complain, _err, _out, app
from inboxcoach.cli.crash import _crashed, crash_log_dirs, write_crash_log
from inboxcoach.errors import InboxcoachError

__all__ = ["COMMAND_ORDER", "app", "crash_log_dirs", "entry", "main", "write_crash_log"]


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; returns the exit code instead of exiting."""
    _out.cache_clear()  # each run looks at its own streams (tests run many in one process)
    _err.cache_clear()
    args = sys.argv[1:] if argv is None else list(argv)
    try:
        result: Any = app.main(args=args, prog_name="inboxcoach", standalone_mode=False)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 1
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.exceptions.Abort:
        _complain("Aborted.")
        return 130
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except InboxcoachError as exc:
        _complain(f"inboxcoach: {exc}")
        return 2
    except KeyboardInterrupt:
        _complain("Interrupted; what was stored so far is kept.")
        return 130
    except BrokenPipeError:  # the reader went away (`inboxcoach report | head`): nothing to say
        _discard_stdout()
        return 128 + 13  # as if killed by SIGPIPE, the way a shell reports it
    except Exception as exc:  # noqa: BLE001 - a bug: one line here, the traceback in a file
        return _crashed(exc, args)
    return result if isinstance(result, int) else 0


def _discard_stdout() -> None:
    """Send what is still buffered for a closed pipe nowhere, so the exit is silent."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):
        pass  # not a file (a test's capture): nothing buffered will fail


def entry() -> None:
    """The console script: :func:`main`, then exit without tearing the interpreter
    down. Freeing every module and object one by one takes 30-50 ms after a sync,
    longer than some whole commands; everything with an effect outside this process
    (the database, the IMAP connection, the body worker) is closed before ``main``
    returns, and exit handlers, logging and the output streams are flushed here."""
    code = main()
    run_exit_handlers = getattr(atexit, "_run_exitfuncs", None)
    if run_exit_handlers is not None:
        run_exit_handlers()  # e.g. a progress bar giving the terminal back
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass  # a closed pipe: nothing more can be said there
    os._exit(code)


if __name__ == "__main__":
    entry()
