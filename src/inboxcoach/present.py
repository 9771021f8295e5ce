"""Report -> the machine-readable JSON shape and the terminal status table.

Pure: no clock, no I/O. Datetimes are shown in the time zone of ``report.as_of``
(the caller converts ``as_of`` to the season time zone before building the report).
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from typing import Any

from rich.table import Table
from rich.text import Text

from .calendar import SeasonCalendar
from .model import Finding, MessageView, ProgramActivity, Report

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


def _findings_cell(counts: dict[str, int] | None) -> Text:
    if not counts:
        return Text("—", style="dim")
    cell = Text()
    if counts["critical"]:
        cell.append(f"{counts['critical']} critical", style="bold red")
    if counts["warning"]:
        if cell:
            cell.append(", ")
        cell.append(f"{counts['warning']} warning", style="yellow")
    return cell


def _date_cell(day: date | None) -> str:
    return day.isoformat() if day is not None else "—"


def status_table(report: Report, calendar: SeasonCalendar | None = None) -> Table:
    """Return a rich table with one row per program, sorted by program name.

    Columns: program, contacts ("n/limit"), replies, last contact, last reply (local
    dates in the time zone of ``report.as_of``), interview date, status (over limit
    red, at limit yellow) and the critical/warning findings naming the program. With
    a ``calendar`` the caption gives the rank-list deadline and Match Day, marked
    "(estimated)" when they are. The table only describes; it never suggests writing.
    """
    tz = report.as_of.tzinfo
    table = Table(title=f"inboxcoach status as of {format_day(report.as_of.date())}")
    table.add_column("Program", style="bold", min_width=24, ratio=1)
    table.add_column("Contacts", justify="right", no_wrap=True)
    table.add_column("Replies", justify="right", no_wrap=True)
    table.add_column("Last contact", no_wrap=True)
    table.add_column("Last reply", no_wrap=True)
    table.add_column("Interview", no_wrap=True)
    table.add_column("Status", no_wrap=True)
    table.add_column("Findings")
    per_program = findings_by_program(report)
    for activity in sorted(report.programs, key=lambda a: a.program.name.casefold()):
        name = activity.program.name
        table.add_row(
            Text(name),
            f"{activity.contacts}/{report.limit}",
            str(activity.replies),
            _date_cell(local_date(activity.last_contact, tz)),
            _date_cell(local_date(activity.last_reply, tz)),
            _date_cell(activity.program.interview_date),
            Text(STATUS_LABELS[activity.status], style=STATUS_STYLES[activity.status]),
            _findings_cell(per_program.get(name)),
        )
    if calendar is not None:
        table.caption = season_dates_line(calendar, tz)
    return table


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
