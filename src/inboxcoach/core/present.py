"""Report -> the machine-readable JSON shape and the terminal status table; plain
text (the digest) laid out for a screen of a given width.

Pure: no clock, no I/O. Datetimes are shown in the time zone of ``report.as_of``
(the caller converts ``as_of`` to the season time zone before building the report).
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from typing import Any

from inboxcoach.core.calendar import SeasonCalendar
from inboxcoach.core.model import Finding, MessageView, ProgramActivity, Report

STATUS_LABELS: dict[str, str] = {"ok": "ok", "at_limit": "at limit", "over_limit": "over limit"}
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


def short_day(day: date | None, near: date) -> str:
    """Return a date as a table shows it: "9 Dec" within half a year of ``near``, else
    "9 Dec 2025"; "-" for None (plain ASCII, like the rest of what a table draws)."""
    if day is None:
        return "-"
    text = f"{day.day} {_MONTH_NAMES[day.month - 1]}"
    return text if abs((day - near).days) <= 183 else f"{text} {day.year}"


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
