"""Write man/inboxcoach.1 from the click commands, so `man inboxcoach` says what --help says.

Run from the project root: ``.venv/bin/python tools/make_manpage.py``. tests/test_cli.py
checks that the committed page is the one this script writes today (docs never drift).
The page is installed to share/man/man1 (pyproject [tool.setuptools.data-files]), which
man finds through the PATH entry of the environment's bin folder.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "man" / "inboxcoach.1"


def _paragraphs(text: str) -> str:
    """A docstring as roff: lines of a paragraph joined, paragraphs apart."""
    import inspect

    parts = [" ".join(p.split()) for p in inspect.cleandoc(text).split("\n\n") if p.strip()]
    return "\n.PP\n".join(_escape(p) for p in parts)


def _escape(text: str) -> str:
    text = text.replace("\\", "\\e").replace("-", "\\-")
    return "\n".join(("\\&" + line) if line.startswith((".", "'")) else line for line in text.splitlines())


def _options(command: click.Command, ctx: click.Context) -> list[str]:
    lines = []
    for param in command.get_params(ctx):
        record = param.get_help_record(ctx)
        if record:
            lines += [".TP", f"\\fB{_escape(record[0])}\\fR", _escape(record[1])]
    return lines


def _commands(group: click.Group, ctx: click.Context, prefix: str) -> list[str]:
    lines: list[str] = []
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        if command is None or command.hidden:
            continue
        sub = click.Context(command, info_name=name, parent=ctx, help_option_names=["-h", "--help"])
        usage = " ".join(command.collect_usage_pieces(sub))
        lines += [".SS", f"\\fB{_escape(prefix + name)}\\fR {_escape(usage)}", _paragraphs(command.help or "")]
        options = _options(command, sub)
        if options:
            lines += [".RS", *options, ".RE"]
        if isinstance(command, click.Group):
            lines += _commands(command, sub, prefix + name + " ")
    return lines


def manpage() -> str:
    sys.path.insert(0, str(ROOT / "src"))
    from inboxcoach import __version__
    from inboxcoach.cli import app

    ctx = click.Context(app, info_name="inboxcoach", help_option_names=["-h", "--help"])
    lines = [
        f'.TH INBOXCOACH 1 "" "inboxcoach {__version__}" "User Commands"',
        ".SH NAME",
        "inboxcoach \\- coaches a residency applicant through writing to programs",
        ".SH SYNOPSIS",
        "\\fBinboxcoach\\fR [\\fIOPTIONS\\fR] \\fICOMMAND\\fR [\\fIARGS\\fR]...",
        ".SH DESCRIPTION",
        _paragraphs(app.help or ""),
        ".SH OPTIONS",
        *_options(app, ctx),
        ".SH COMMANDS",
        *_commands(app, ctx, "inboxcoach "),
        ".SH EXIT STATUS",
        "0 success; 1 critical findings in \\fBlint\\fR; 2 a usage, configuration or environment error "
        "(one line naming the key, file, server or database); 70 an internal error (one line naming its crash log).",
        ".SH ENVIRONMENT",
        ".TP", "\\fBINBOXCOACH_CONFIG\\fR", "The config file, when \\fB\\-\\-config\\fR is not given.",
        ".TP", "\\fBINBOXCOACH_DB\\fR", "The database, when \\fB\\-\\-db\\fR is not given.",
        ".SH SEE ALSO",
        "The README of inboxcoach, and \\fBsystemctl\\fR(1) for \\fBinboxcoach service install\\fR.",
    ]  # fmt: skip
    return "\n".join(lines) + "\n"


def main() -> None:
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(manpage(), encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
