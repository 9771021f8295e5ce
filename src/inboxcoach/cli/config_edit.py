"""Changing the user's config file in place: programs added, the password source switched.

The file is edited with tomlkit, so every comment, blank line and key order the user
(or ``inboxcoach init``) wrote stays as it was; new ``[[programs]]`` blocks go after
the last one. Nothing is written unless the whole edited file validates exactly as
:func:`inboxcoach.config.load_config` would load it, and the file is replaced
atomically with its permissions kept (``init`` writes it 0600).

Also here: reading programs from a spreadsheet's CSV export (``programs import``) and
the dates such a sheet holds.
"""

from __future__ import annotations

import csv
import io
import os
import re
import tempfile
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

import tomlkit
from tomlkit.items import AoT, Comment, Table

from inboxcoach.config import Config, ProgramConfig, parse_config, validate_program
from inboxcoach.config_errors import program_key
from inboxcoach.errors import ConfigError

__all__ = [
    "add_programs",
    "parse_date",
    "program_data",
    "read_programs_csv",
    "use_keyring",
]

#: The domain of the example program ``inboxcoach init`` writes (onboarding.EXAMPLE_DOMAIN).
EXAMPLE_DOMAIN = "example-university.example"
_EXAMPLE_COMMENTS = ("This block is an example", "replace it with your first program")
_PASSWORD_KEYS = ("password_env", "password_command", "oauth2_token_command", "keyring")
_COMMENT_COLUMN = 41


# -- reading and writing the file ------------------------------------------------------


def _read(path: Path) -> tomlkit.TOMLDocument:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{path}: no config file here (run `inboxcoach init`, or pass --config)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {getattr(exc, 'strerror', None) or exc}") from None
    try:
        return tomlkit.parse(text)
    except tomlkit.exceptions.TOMLKitError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None


def _write(path: Path, document: tomlkit.TOMLDocument) -> Config:
    """Validate ``document`` as a config and replace ``path`` with it atomically.
    Returns the validated config. Raises ConfigError (nothing is written then)."""
    text = tomlkit.dumps(document)
    config = parse_config(tomlkit.parse(text).unwrap(), str(path))
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o600
    try:
        fd, temporary = tempfile.mkstemp(prefix=".config-", suffix=".toml", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                os.fchmod(handle.fileno(), mode)
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise ConfigError(f"{path}: cannot write: {exc.strerror or exc}") from None
    return config


# -- programs ------------------------------------------------------------------------


def program_data(program: ProgramConfig) -> dict[str, Any]:
    """A program as the keys a ``[[programs]]`` block holds (defaults left out)."""
    data: dict[str, Any] = {"name": program.name}
    if program.aliases:
        data["aliases"] = list(program.aliases)
    if program.domains:
        data["domains"] = list(program.domains)
    if program.contacts:
        data["contacts"] = list(program.contacts)
    if program.interview_date is not None:
        data["interview_date"] = program.interview_date
    if not program.nrmp:
        data["nrmp"] = False
    return data


def _program_table(program: ProgramConfig, note: str | None) -> Table:
    table = tomlkit.table()
    if note:
        for line in note.splitlines():
            table.add(tomlkit.comment(line))
    for key, value in program_data(program).items():
        table.add(key, value)
    return table


def _is_example(table: Any) -> bool:
    return EXAMPLE_DOMAIN in list(table.get("domains", ()) or ())


def _drop_example_comments(document: tomlkit.TOMLDocument) -> None:
    """Remove the two comment lines ``init`` writes above its example block."""
    for _key, item in list(document.body):
        container = getattr(item, "value", None)
        body = getattr(container, "body", None)
        if not isinstance(body, list):
            continue
        body[:] = [
            (k, v) for k, v in body if not (isinstance(v, Comment) and any(c in v.as_string() for c in _EXAMPLE_COMMENTS))
        ]


def add_programs(
    path: Path, programs: Sequence[ProgramConfig], notes: Sequence[str | None] = ()
) -> tuple[list[str], Config]:
    """Append ``programs`` as ``[[programs]]`` blocks to the config at ``path``, each
    after a comment from ``notes`` (if given), keeping everything else as written.

    The example block ``inboxcoach init`` writes is removed with the first real
    program. Returns (the names added, the new config). Raises ConfigError naming the
    file and the program when the result would not load (a name already used, a
    public mail domain), and then writes nothing.
    """
    document = _read(path)
    existing = document.get("programs")
    taken = {str(t.get("name", "")).lower() for t in existing or () if hasattr(t, "get")}
    for program in programs:
        if program.name.lower() in taken:
            raise ConfigError(f"{path}: {program_key(program.name)}: a program with this name is in the config already")
        taken.add(program.name.lower())
    if existing is None:
        aot = tomlkit.aot()
        document.add(tomlkit.nl())
        document.add("programs", aot)
        existing = document["programs"]
    if isinstance(existing, AoT):
        examples = [i for i, table in enumerate(existing) if _is_example(table)]
        for index in reversed(examples):
            del existing[index]
        if examples:
            _drop_example_comments(document)
        for program, note in zip(programs, [*notes, *[None] * len(programs)], strict=False):  # notes may be fewer
            if len(existing) and not existing[-1].as_string().endswith("\n\n"):
                existing[-1].add(tomlkit.nl())  # a blank line between blocks
            existing.append(_program_table(program, note))
    elif isinstance(existing, list):  # programs = [{...}] written inline
        for program in programs:
            inline = tomlkit.inline_table()
            inline.update(program_data(program))
            existing.append(inline)
    else:
        raise ConfigError(f"{path}: programs: expected one [[programs]] block per program")
    config = _write(path, document)
    return [p.name for p in programs], config


# -- the password source ------------------------------------------------------------------


def use_keyring(path: Path) -> list[str]:
    """Make the system keyring the account's password source: ``keyring = true`` in
    [account], the other password sources removed. Returns the keys removed (empty
    when the keyring was the source already). Raises ConfigError."""
    document = _read(path)
    account = document.get("account")
    if not isinstance(account, Table):
        raise ConfigError(f"{path}: account: expected an [account] section")
    if account.get("keyring") is True and not any(k in account for k in _PASSWORD_KEYS[:3]):
        return []
    removed = [key for key in _PASSWORD_KEYS[:3] if key in account]
    for key in removed:
        del account[key]
    if "keyring" in account:
        del account["keyring"]
    value = tomlkit.item(True)
    value.comment('the system keyring (service "inboxcoach", your login): `inboxcoach password set`')
    value.trivia.comment_ws = " " * max(1, _COMMENT_COLUMN - len("keyring = true"))
    account.add("keyring", value)
    _write(path, document)
    return removed


# -- CSV import ---------------------------------------------------------------------------

_COLUMNS = {
    "name": "name", "program": "name", "program_name": "name", "programs": "name",
    "domains": "domains", "domain": "domains", "email_domains": "domains", "email_domain": "domains",
    "contacts": "contacts", "contact": "contacts", "emails": "contacts", "email": "contacts",
    "coordinator": "contacts", "coordinators": "contacts", "coordinator_email": "contacts",
    "interview_date": "interview_date", "interview": "interview_date", "interview_day": "interview_date",
    "aliases": "aliases", "alias": "aliases", "other_names": "aliases",
    "nrmp": "nrmp", "in_match": "nrmp",
}  # fmt: skip
_LIST_SPLIT = re.compile(r"[;,\s]+")
_ALIAS_SPLIT = re.compile(r"\s*[;|]\s*")
_TRUE = frozenset({"yes", "y", "true", "1", "x"})
_FALSE = frozenset({"no", "n", "false", "0"})


def _column(header: str) -> str | None:
    key = re.sub(r"[^a-z0-9]+", "_", header.strip().lower().replace("(s)", "s")).strip("_")
    return _COLUMNS.get(key)


_DATE_FORMATS = ("%Y-%m-%d", "%m/%d/%Y", "%m/%d/%y", "%b %d, %Y", "%B %d, %Y", "%d %b %Y", "%d %B %Y", "%Y/%m/%d")


def parse_date(text: str) -> date:
    """A date as spreadsheets and people write it: 2026-11-12, 11/12/2026 (US order),
    Nov 12, 2026, 12 November 2026. Raises ValueError."""
    cleaned = re.sub(r"\s+", " ", text.strip().replace(".", ""))
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(cleaned, fmt).date()
        except ValueError:
            continue
    try:
        return datetime.fromisoformat(cleaned).date()
    except ValueError:
        raise ValueError(f"expected a date such as 2026-11-12 or 11/12/2026, got {text.strip()!r}") from None


def read_programs_csv(path: Path) -> list[ProgramConfig]:
    """The programs in a CSV file with the columns name, domains, contacts and
    interview_date (any case, in any order, other columns ignored; aliases and nrmp
    are read when present). A cell may hold several domains or contacts separated by
    ``;`` or ``,``. Blank rows are skipped. Each row is validated as a config block.

    Raises ConfigError naming the file and the row.
    """
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")  # an older Excel export
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count) if any(c in first for c in ",;\t") else ","
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    if not rows:
        raise ConfigError(f"{path}: the file is empty")
    columns = [_column(h) for h in rows[0]]
    if "name" not in columns:
        raise ConfigError(
            f"{path}: no name column in the first row (expected columns: name, domains, contacts, interview_date)"
        )
    programs = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        programs.append(_program_from_row(path, number, columns, row))
    return programs


def _program_from_row(path: Path, number: int, columns: list[str | None], row: list[str]) -> ProgramConfig:
    where = f"{path}: row {number}"
    values: dict[str, str] = {}
    for column, cell in zip(columns, row, strict=False):  # a short row: the rest is empty
        if column and cell.strip():
            values[column] = (values[column] + ";" + cell) if column in values else cell
    data: dict[str, Any] = {"name": values.get("name", "").strip()}
    if not data["name"]:
        raise ConfigError(f"{where}: name is empty")
    for key in ("domains", "contacts"):
        if key in values:
            data[key] = [v for v in _LIST_SPLIT.split(values[key]) if v]
    if "aliases" in values:
        data["aliases"] = [v for v in _ALIAS_SPLIT.split(values["aliases"].strip()) if v]
    if "interview_date" in values:
        try:
            data["interview_date"] = parse_date(values["interview_date"])
        except ValueError as exc:
            raise ConfigError(f"{where}: interview_date: {exc}") from None
    if "nrmp" in values:
        flag = values["nrmp"].strip().lower()
        if flag not in _TRUE | _FALSE:
            raise ConfigError(f"{where}: nrmp: expected yes or no, got {values['nrmp'].strip()!r}")
        data["nrmp"] = flag in _TRUE
    return validate_program(data, where)
