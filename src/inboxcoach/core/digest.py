"""Report -> the daily digest (subject, plain text, HTML).

Pure: no clock and no I/O besides loading the templates through jinja2's
``PackageLoader``. Top to bottom the digest holds: what needs attention (critical
findings, drafts first, then warnings, then short notes), the per-program table,
what is coming up (thank-you windows, follow-up and ranking windows, deadline,
Match Day, advice for the phase), and quiet programs as one calm line.

Nothing in it asks the applicant to chase a program: silence is normal.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

import jinja2

from inboxcoach.config import Config
from inboxcoach.core.calendar import Phase, SeasonCalendar
from inboxcoach.core.model import Finding, ProgramActivity, Report
from inboxcoach.core.present import STATUS_LABELS, format_day, format_deadline, format_match_day, local_date

QUIET_RULE = "quiet-program"

#: Wording that would push the applicant to chase a program. The digest never
#: contains any of these (checked case-insensitively in the tests).
NAG_PHRASES: tuple[str, ...] = (
    "follow up with",
    "follow-up with",
    "following up",
    "reach out",
    "reaching out",
    "write again",
    "write to them again",
    "send a reminder",
    "remind them",
    "check in with",
    "checking in",
    "nudge",
    "haven't heard back",
    "have not heard back",
)

_SEVERITY_ORDER = {"critical": 0, "warning": 1, "info": 2}


@dataclass(frozen=True)
class Digest:
    """One day's digest: the mail subject and its text and HTML parts."""

    subject: str
    text: str
    html: str


@dataclass(frozen=True)
class AttentionItem:
    """One finding as the digest shows it."""

    severity: str
    rule: str
    draft: bool
    programs: str  # comma-separated program names, "" when none
    text: str


@dataclass(frozen=True)
class TableRow:
    """One program's row in the digest table (all cells already formatted)."""

    name: str
    contacts: str
    meter: str
    last_contact: str
    last_reply: str
    status: str
    status_key: str


@dataclass(frozen=True)
class ThankYouWindow:
    """A thank-you window that is open at the report's moment."""

    program: str
    closes: str  # "at the end of Sun 15 Nov 2026" or "on Sun 15 Nov 2026 at 23:00"


def _closes_phrase(close: datetime) -> str:
    if close.time() == time(0, 0):
        return f"at the end of {format_day(close.date() - timedelta(days=1))}"
    return f"on {format_day(close.date())} at {close:%H:%M}"


def thank_you_windows(
    report: Report, tz: ZoneInfo, thank_you_window_hours: int
) -> list[ThankYouWindow]:
    """Return the programs whose thank-you window is open at ``report.as_of``.

    A window opens on the interview day and closes ``thank_you_window_hours`` after
    the end of that day (midnight in ``tz``), counted in real hours. It is open only
    while the applicant has sent (not drafted) nothing to the program since the start
    of the interview day, and the program has not said it wants no further contact.
    Sorted by closing time, then name.
    """
    as_of = report.as_of
    found: list[tuple[datetime, str, ThankYouWindow]] = []
    for activity in report.programs:
        interview = activity.program.interview_date
        if interview is None:
            continue
        start = datetime.combine(interview, time(0, 0), tz)
        end = datetime.combine(interview + timedelta(days=1), time(0, 0), tz)
        close = (end.astimezone(UTC) + timedelta(hours=thank_you_window_hours)).astimezone(tz)
        if not start <= as_of < close:
            continue
        if _sent_since(activity, start) or _asked_for_no_contact(activity):
            continue
        name = activity.program.name
        found.append((close, name, ThankYouWindow(name, _closes_phrase(close))))
    found.sort(key=lambda item: (item[0], item[1].casefold()))
    return [window for _, _, window in found]


def _sent_since(activity: ProgramActivity, start: datetime) -> bool:
    return any(
        m.direction == "out" and not m.draft and m.date is not None and m.date >= start
        for m in activity.messages
    )


def _asked_for_no_contact(activity: ProgramActivity) -> bool:
    return any(m.direction == "in" and m.features.no_contact_policy for m in activity.messages)


def _attention(report: Report, draft_alerts: bool) -> tuple[list[AttentionItem], list[AttentionItem]]:
    """Return (critical and warning items, info notes), drafts first within each severity."""
    shown = [
        f
        for f in report.findings
        if f.rule != QUIET_RULE and (draft_alerts or not f.draft)
    ]
    # sorted() is stable: within a severity, drafts first, then the report's order.
    shown.sort(key=lambda f: (_SEVERITY_ORDER.get(f.severity, 3), not f.draft))
    items = [_item(f) for f in shown]
    urgent = [i for i in items if i.severity in ("critical", "warning")]
    notes = [i for i in items if i.severity not in ("critical", "warning")]
    return urgent, notes


def _item(finding: Finding) -> AttentionItem:
    # A finding's text names its programs already, as a rule writes it: they are
    # added in parentheses only when the text leaves one out.
    unnamed = [name for name in finding.programs if name not in finding.text]
    return AttentionItem(
        severity=finding.severity,
        rule=finding.rule,
        draft=finding.draft,
        programs=", ".join(finding.programs) if unnamed else "",
        text=finding.text,
    )


def _quiet_programs(report: Report) -> list[str]:
    names: dict[str, None] = {}
    for finding in report.findings:
        if finding.rule == QUIET_RULE and not finding.draft:
            names.update(dict.fromkeys(finding.programs))
    return sorted(names, key=str.casefold)


def _table(report: Report, tz: ZoneInfo) -> list[TableRow]:
    def day(moment: datetime | None) -> str:
        local = local_date(moment, tz)
        return _short_day(local) if local is not None else "-"

    return [
        TableRow(
            name=a.program.name,
            contacts=f"{a.contacts}/{report.limit}",
            meter=meter(a.contacts, report.limit),
            last_contact=day(a.last_contact),
            last_reply=day(a.last_reply),
            status=STATUS_LABELS[a.status],
            status_key=a.status,
        )
        for a in sorted(report.programs, key=lambda a: a.program.name.casefold())
    ]


def _short_day(day: date) -> str:
    return format_day(day).split(" ", 1)[1]  # "2 Dec 2026"


def _phase_advice(phase: Phase, thank_you_window_hours: int) -> str:
    advice = {
        Phase.BEFORE_INTERVIEWS: (
            "Interviews have not started yet. Questions about logistics or visa "
            "sponsorship are fine to ask; each message you start counts as a contact."
        ),
        Phase.INTERVIEW_SEASON: (
            f"Interview season: a short thank-you within {thank_you_window_hours} hours "
            "of an interview is customary. Silence from programs is normal and says "
            "nothing about your chances."
        ),
        Phase.FOLLOW_UP: (
            "The follow-up window is open: at most one update per program, and only if "
            "you have real news. No reply is normal."
        ),
        Phase.RANKING: (
            "You are in the ranking window: if one program is truly your first choice, you "
            "may tell that one program, and only that one. Programs may not ask how you will rank them."
        ),
        Phase.RANKS_CERTIFIED: (
            "No further contact is useful; your list is certified. "
            "There is nothing to send until Match Day."
        ),
        Phase.MATCH_WEEK: (
            "It is Match Week: there is nothing to send to programs. "
            "Results come from the NRMP, not from programs."
        ),
        Phase.AFTER_MATCH: (
            "The Match is over. Programs will write to you about the next steps; "
            "there is nothing to send to them for this season."
        ),
    }
    return advice[phase]


def _coming_up(
    report: Report, calendar: SeasonCalendar, tz: ZoneInfo
) -> list[str]:
    """Return the season dates still ahead (or current) at ``report.as_of``."""
    as_of = report.as_of
    today = as_of.astimezone(tz).date()
    lines: list[str] = []
    window = f"{_short_day(calendar.follow_up_start)} to {_short_day(calendar.follow_up_end)}"
    if today < calendar.follow_up_start:
        lines.append(f"Follow-up window (at most one update per program): {window}.")
    elif today <= calendar.follow_up_end:
        lines.append(f"Follow-up window (at most one update per program): open now, {window}.")
    deadline = format_deadline(calendar, tz)
    ranking = f"{_short_day(calendar.ranking_start)} to {deadline}"
    if as_of <= calendar.rank_deadline:
        if calendar.in_ranking_window(as_of, tz):
            lines.append(f"Ranking window: open now, {ranking}.")
        else:
            lines.append(f"Ranking window: {ranking}.")
        lines.append(f"Rank list deadline: {deadline}.")
    if today <= calendar.match_day:
        lines.append(f"Match Day: {format_match_day(calendar)}.")
    return lines


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("inboxcoach", "templates"),
        autoescape=jinja2.select_autoescape(
            enabled_extensions=("html", "html.j2"), default_for_string=False, default=False
        ),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["item"] = _wrap_item
    env.filters["wrap"] = _wrap
    return env


def render_digest(
    report: Report,
    calendar: SeasonCalendar,
    tz: ZoneInfo,
    *,
    thank_you_window_hours: int,
    draft_alerts: bool = True,
) -> Digest:
    """Return the digest for ``report`` (subject, text and HTML parts).

    ``tz`` is the season time zone. With ``draft_alerts`` false, findings about
    drafts are left out. The subject counts the critical and warning findings shown
    ("2 to look at") or says "nothing urgent". Raises ``jinja2.TemplateError`` only
    if the packaged templates are missing or broken.
    """
    urgent, notes = _attention(report, draft_alerts)
    local_today = report.as_of.astimezone(tz).date()
    count = len(urgent)
    headline = f"{count} to look at" if count else "nothing urgent"
    subject = f"inboxcoach digest for {format_day(local_today)}: {headline}"
    if report.ambiguous:
        notes.append(
            AttentionItem(severity="info", rule="ambiguous", draft=False, programs="", text=ambiguity_note(report))
        )
    rows = _table(report, tz)
    context: dict[str, Any] = {
        "subject": subject,
        "today": format_day(local_today),
        "critical": [i for i in urgent if i.severity == "critical"],
        "warnings": [i for i in urgent if i.severity == "warning"],
        "notes": notes,
        "rows": rows,
        "widths": _widths(rows),
        "limit": report.limit,
        "thank_you_windows": thank_you_windows(report, tz, thank_you_window_hours),
        "thank_you_window_hours": thank_you_window_hours,
        "season_dates": _coming_up(report, calendar, tz),
        "advice": _phase_advice(calendar.phase(report.as_of, tz), thank_you_window_hours),
        "quiet": _quiet_programs(report),
    }
    env = _environment()
    text = env.get_template("digest.txt.j2").render(context)
    html = env.get_template("digest.html.j2").render(context)
    return Digest(subject=subject, text=text, html=html)


def ambiguity_note(report: Report) -> str:
    """What to do about messages that fit several programs (they are not counted)."""
    count = len(report.ambiguous)
    programs = sorted({name for a in report.ambiguous for name in a.candidates}, key=str.casefold)
    noun = "message fits" if count == 1 else "messages fit"
    between = " or ".join(programs) if len(programs) <= 3 else "several programs"
    return (
        f"{count} {noun} {between}, which share an address, and {'is' if count == 1 else 'are'} not counted. "
        "To tell them apart, add the coordinator's exact address to that program's `contacts` in your config."
    )


def meter(contacts: int, limit: int) -> str:
    """The contacts drawn against the limit, e.g. "●●○" for 2 of 3 (over it: "●●●+1")."""
    shown = min(contacts, limit)
    drawn = "●" * shown + "○" * (limit - shown)
    return drawn + (f"+{contacts - limit}" if contacts > limit else "")


TEXT_WIDTH = 78  # a mailed plain-text line (RFC 5322 recommends 78)


def _wrap_item(text: str) -> str:
    return textwrap.fill(text, TEXT_WIDTH, initial_indent="- ", subsequent_indent="  ", break_long_words=False,
                         break_on_hyphens=False)


def _wrap(text: str) -> str:
    return textwrap.fill(text, TEXT_WIDTH, break_long_words=False, break_on_hyphens=False)


_HEADERS = ("Program", "Contacts", "Last contact", "Last reply", "Status")


def _widths(rows: list[TableRow]) -> list[int]:
    cells = [_HEADERS] + [
        (r.name, r.contacts, r.last_contact, r.last_reply, r.status) for r in rows
    ]
    return [max(len(row[i]) for row in cells) for i in range(len(_HEADERS))]


def digest_for(config: Config, report: Report) -> Digest:
    """The digest of ``report`` with the season, thank-you window and draft-alert
    settings of ``config``."""
    from inboxcoach.core.report import season_calendar

    return render_digest(
        report,
        season_calendar(config),
        config.season.tz,
        thank_you_window_hours=config.limits.thank_you_window_hours,
        draft_alerts=config.plugin.draft_alerts,
    )
