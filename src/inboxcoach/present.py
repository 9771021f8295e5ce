"""Report -> the machine-readable JSON shape and the terminal status table; plain
text (the digest) laid out for a screen of a given width.

Pure: no clock, no I/O. Datetimes are shown in the time zone of ``report.as_of``
(the caller converts ``as_of`` to the season time zone before building the report).
"""

from __future__ import annotations

import re
import textwrap
from datetime import date, datetime, tzinfo
from typing import Any

from rich import box
from rich.cells import cell_len
from rich.table import Table
from rich.text import Text

from inboxcoach.calendar import SeasonCalendar
from inboxcoach.model import Finding, MessageView, ProgramActivity, Report

STATUS_LABELS: dict[str, str] = {"ok": "ok", "at_limit": "at limit", "over_limit": "over limit"}
STATUS_STYLES: dict[str, str] = {"ok": "green", "at_limit": "yellow", "over_limit": "bold red"}

_DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def format_day(day: date) -> str:
    """Return a date as people read it, e.g. ``"Wed 20 Jan 2027"`` (locale-independent)."""
    return f"{_DAY_NAMES[day.weekday()]} {day.day} {_MONTH_NAMES[day.month - 1]} {day.year}"


def iso(moment: datetime | None, tz: tzinfo | None = None) -> str | None:
    """Return ``moment`` as ISO 8601 with offset (seconds precision), in ``tz`` if given.

    Returns None for None. A naive datetime is shown as is (it has no offset to show).
    """
    if moment is None:
        return None
    if tz is not None and moment.tzinfo is not None:
        moment = moment.astimezone(tz)
    return moment.isoformat(timespec="seconds")


def local_date(moment: datetime | None, tz: tzinfo | None) -> date | None:
    """Return the calendar date of ``moment`` in ``tz`` (None for None)."""
    if moment is None:
        return None
    if tz is not None and moment.tzinfo is not None:
        moment = moment.astimezone(tz)
    return moment.date()


def _message_to_dict(view: MessageView, tz: tzinfo | None) -> dict[str, Any]:
    return {
        "message_id": view.message_id,
        "folder": view.stored.folder,
        "date": iso(view.date, tz),
        "direction": view.direction,
        "kind": view.kind,
        "counts_as_contact": view.counts_as_contact,
        "draft": view.draft,
        "subject": view.envelope.subject,
    }


def _program_to_dict(activity: ProgramActivity, tz: tzinfo | None) -> dict[str, Any]:
    interview = activity.program.interview_date
    return {
        "name": activity.program.name,
        "contacts": activity.contacts,
        "replies": activity.replies,
        "status": activity.status,
        "last_contact": iso(activity.last_contact, tz),
        "last_reply": iso(activity.last_reply, tz),
        "interview_date": interview.isoformat() if interview is not None else None,
        "messages": [_message_to_dict(m, tz) for m in activity.messages],
    }


def _finding_to_dict(finding: Finding) -> dict[str, Any]:
    return {
        "rule": finding.rule,
        "severity": finding.severity,
        "programs": list(finding.programs),
        "message_ids": list(finding.message_ids),
        "draft": finding.draft,
        "text": finding.text,
    }


def report_to_dict(report: Report) -> dict[str, Any]:
    """Return the report in the SPEC's JSON schema (plain dicts, lists, str, int, bool, None).

    ``generated_at`` and ``as_of`` keep the offsets they carry; every other datetime is
    converted to the time zone of ``report.as_of``. Programs and findings keep the
    report's order. Raises nothing.
    """
    tz = report.as_of.tzinfo
    return {
        "generated_at": iso(report.generated_at),
        "as_of": iso(report.as_of),
        "account": report.account,
        "limit": report.limit,
        "programs": [_program_to_dict(a, tz) for a in report.programs],
        "findings": [_finding_to_dict(f) for f in report.findings],
        "unmatched": report.unmatched,
        "ambiguous": [
            {"message_id": a.message_id, "candidates": list(a.candidates)} for a in report.ambiguous
        ],
    }


def findings_by_program(report: Report) -> dict[str, dict[str, int]]:
    """Return, per program name, how many critical and warning findings name it."""
    counts: dict[str, dict[str, int]] = {}
    for finding in report.findings:
        if finding.severity not in ("critical", "warning"):
            continue
        for name in dict.fromkeys(finding.programs):
            per = counts.setdefault(name, {"critical": 0, "warning": 0})
            per[finding.severity] += 1
    return counts


def _findings_cell(counts: dict[str, int] | None, *, short: bool = False) -> Text:
    if not counts:
        return Text("—", style="dim")
    cell = Text()
    if counts["critical"]:
        cell.append(f"{counts['critical']} {'crit' if short else 'critical'}", style="bold red")
    if counts["warning"]:
        if cell:
            cell.append(", ")
        cell.append(f"{counts['warning']} {'warn' if short else 'warning'}", style="yellow")
    return cell


def short_day(day: date | None, near: date) -> str:
    """Return a date as a table shows it: "9 Dec" within half a year of ``near``, else
    "9 Dec 2025"; "—" for None."""
    if day is None:
        return "—"
    text = f"{day.day} {_MONTH_NAMES[day.month - 1]}"
    return text if abs((day - near).days) <= 183 else f"{text} {day.year}"


# The status table, column by column: key, header, header when narrow, justification.
_COLUMNS: tuple[tuple[str, str, str, str], ...] = (
    ("contacts", "Contacts", "Contacts", "right"),
    ("replies", "Replies", "Replies", "right"),
    ("last_contact", "Last contact", "Last\ncontact", "left"),
    ("last_reply", "Last reply", "Last\nreply", "left"),
    ("interview", "Interview", "Interview", "left"),
    ("status", "Status", "Status", "left"),
    ("findings", "Findings", "Findings", "left"),
)
# What a narrow table gives up, in this order, until it fits: headers take two lines;
# the interview date goes (the applicant wrote it into the config); the status (the
# contacts cell, "4/3" in red, says it); findings are abbreviated ("1 crit, 1 warn");
# then the last reply date, the replies count and the last contact date. The program
# name and its contacts stay; the name is cut with an ellipsis only when it must be.
_NARROWING = ("short_headers", "interview", "status", "short_findings", "last_reply", "replies", "last_contact")
_GAP = 2  # columns are set apart by two spaces, as `gh` and `ruff` do
PROGRAM_MIN = 30  # a narrower layout is chosen before a name is cut below this


def status_table(report: Report, calendar: SeasonCalendar | None = None, width: int | None = None) -> Table:
    """Return a rich table with one row per program, sorted by program name, that fits
    ``width`` columns (None: every column, names in full).

    Columns: program, contacts ("n/limit", yellow at the limit, red over it), replies,
    last contact, last reply (local dates in the time zone of ``report.as_of``, e.g.
    "9 Dec"), interview date, status and the critical/warning findings naming the
    program. When they do not all fit, the least needed go first (see ``_NARROWING``).
    With a ``calendar`` the caption gives the rank-list deadline and Match Day, marked
    "(estimated)" when they are. The table only describes; it never suggests writing.
    """
    tz = report.as_of.tzinfo
    today = report.as_of.date()
    per_program = findings_by_program(report)
    activities = sorted(report.programs, key=lambda a: a.program.name.casefold())
    names = [a.program.name for a in activities]
    cells: dict[str, list[Text | str]] = {
        "contacts": [
            Text(f"{a.contacts}/{report.limit}", style="" if a.status == "ok" else STATUS_STYLES[a.status])
            for a in activities
        ],
        "replies": [str(a.replies) for a in activities],
        "last_contact": [short_day(local_date(a.last_contact, tz), today) for a in activities],
        "last_reply": [short_day(local_date(a.last_reply, tz), today) for a in activities],
        "interview": [short_day(a.program.interview_date, today) for a in activities],
        "status": [Text(STATUS_LABELS[a.status], style=STATUS_STYLES[a.status]) for a in activities],
        "findings": [_findings_cell(per_program.get(n)) for n in names],
    }
    short_findings: list[Text | str] = [_findings_cell(per_program.get(n), short=True) for n in names]
    given_up, name_width = _fit(cells, short_findings, names, width)
    if "short_findings" in given_up:
        cells["findings"] = short_findings

    table = Table(
        title=f"inboxcoach status as of {format_day(today)}",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        padding=(0, _GAP - 1, 0, 0),
    )
    table.add_column("Program", style="bold", no_wrap=True, overflow="ellipsis", max_width=name_width)
    shown = [c for c in _COLUMNS if c[0] not in given_up]
    for key, header, narrow_header, justify in shown:
        table.add_column(
            narrow_header if "short_headers" in given_up else header,
            justify=justify,  # type: ignore[arg-type]
            no_wrap=True,
        )
    for row, name in enumerate(names):
        table.add_row(Text(name), *(cells[key][row] for key, *_ in shown))
    if calendar is not None:
        caption = season_dates_line(calendar, tz)
        if width is not None and cell_len(caption) > width:  # one date a line, not a date across two
            caption = caption.replace(" · ", "\n")
        table.caption = caption
    return table


def _fit(
    cells: dict[str, list[Text | str]], short_findings: list[Text | str], names: list[str], width: int | None
) -> tuple[set[str], int | None]:
    """What the table gives up to fit ``width`` (from ``_NARROWING``, in order), and
    the width left for program names (None: as wide as the longest)."""
    name_natural = max([cell_len("Program"), *(cell_len(n) for n in names)])
    if width is None:
        return set(), None
    given_up: set[str] = set()
    room = 0
    for step in (None, *_NARROWING):
        if step is not None:
            given_up.add(step)
        used = 0
        for key, header, narrow_header, _justify in _COLUMNS:
            if key in given_up:
                continue
            head = narrow_header if "short_headers" in given_up else header
            column = short_findings if key == "findings" and "short_findings" in given_up else cells[key]
            used += _GAP + max(cell_len(line) for line in [*head.split("\n"), *map(str, column)])
        room = width - used
        if room >= min(name_natural, PROGRAM_MIN):
            break
    return given_up, max(min(room, name_natural), len("Program"))


def season_dates_line(calendar: SeasonCalendar, tz: tzinfo | None) -> str:
    """Return "Rank list deadline: ... · Match Day: ..." with "(estimated)" labels."""
    return (
        f"Rank list deadline: {format_deadline(calendar, tz)}"
        f" · Match Day: {format_match_day(calendar)}"
    )


def format_deadline(calendar: SeasonCalendar, tz: tzinfo | None) -> str:
    """Return the rank-list deadline in ``tz``, e.g. "Wed 3 Mar 2027, 21:00 EST (estimated)"."""
    moment = calendar.rank_deadline.astimezone(tz) if tz is not None else calendar.rank_deadline
    text = f"{format_day(moment.date())}, {moment:%H:%M} {moment.tzname() or ''}".rstrip()
    return text + (" (estimated)" if calendar.rank_deadline_estimated else "")


def format_match_day(calendar: SeasonCalendar) -> str:
    """Return Match Day, e.g. "Fri 19 Mar 2027 (estimated)"."""
    return format_day(calendar.match_day) + (" (estimated)" if calendar.match_day_estimated else "")


# -- plain text on a screen ---------------------------------------------------------

_SECOND_COLUMN = re.compile(r"\S {2,}(?=\S)")  # where a plain-text table's second column starts
_LIST_ITEM = re.compile(r"\s*(?:[-*•]\s+)?")


def fit_text(text: str, width: int) -> str:
    """Return plain ``text`` laid out to be read on a screen ``width`` columns wide.

    A longer line is wrapped at words, the continuation of a "- " list item indented
    under its text. A block of lines whose second columns line up (a plain-text table)
    keeps its columns: its first column is cut with an ellipsis instead. Lines that
    fit are left as they are. Raises nothing.
    """
    lines = text.split("\n")
    fitted: list[str] = []
    start = 0
    while start < len(lines):
        size = _table_rows(lines, start)
        if size > 1:
            fitted.extend(_fit_table(lines[start : start + size], width))
            start += size
        else:
            fitted.extend(_wrap(lines[start], width))
            start += 1
    return "\n".join(fitted)


def _column_start(line: str) -> int | None:
    found = _SECOND_COLUMN.search(line)
    return found.end() if found else None


def _table_rows(lines: list[str], start: int) -> int:
    """How many lines from ``start`` form a table (their second columns line up)."""
    column = _column_start(lines[start])
    if column is None:
        return 0
    size = 1
    while start + size < len(lines) and _column_start(lines[start + size]) == column:
        size += 1
    return size


def _fit_table(rows: list[str], width: int) -> list[str]:
    if all(cell_len(row) <= width for row in rows):
        return rows
    column = _column_start(rows[0]) or 0
    rest = [row[column:] for row in rows]
    first_width = width - _GAP - max(cell_len(r) for r in rest)
    if first_width < 8:  # too narrow to keep the columns: each row wraps like prose
        return [line for row in rows for line in _wrap(row, width)]
    fitted = []
    for row, tail in zip(rows, rest):
        first = row[:column].rstrip()
        if cell_len(first) > first_width:
            first = first[: first_width - 1].rstrip() + "…"
        fitted.append(first.ljust(first_width) + " " * _GAP + tail)
    return fitted


def _wrap(line: str, width: int) -> list[str]:
    if cell_len(line) <= width:
        return [line]
    indent = " " * len(_LIST_ITEM.match(line).group(0))  # type: ignore[union-attr]
    return textwrap.wrap(line, width, subsequent_indent=indent, break_on_hyphens=False) or [""]
