"""Tests for present.py: the JSON report shape and the terminal status table."""

from __future__ import annotations

import json
from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

from rich.console import Console
from rich.text import Text

from inboxcoach.core.calendar import SeasonCalendar
from inboxcoach.core.model import (
    Ambiguous,
    Envelope,
    Finding,
    MessageView,
    Program,
    ProgramActivity,
    Report,
    StoredMessage,
)
from inboxcoach.cli.tables import status_table
from inboxcoach.core.present import format_day, report_to_dict

TZ = ZoneInfo("America/New_York")


# --- a small report builder -------------------------------------------------------


def utc(text: str) -> datetime:
    """An aware UTC datetime from 'YYYY-MM-DDTHH:MM' (as envelopes carry them)."""
    return datetime.fromisoformat(text).replace(tzinfo=timezone.utc)


def view(
    program: str,
    mid: str,
    when: str | None,
    *,
    direction: str = "out",
    kind: str = "other",
    contact: bool | None = None,
    draft: bool = False,
    subject: str = "",
) -> MessageView:
    folder = "Drafts" if draft else ("Sent" if direction == "out" else "INBOX")
    role = "drafts" if draft else ("sent" if direction == "out" else "inbox")
    env = Envelope(
        key=mid.strip("<>"),
        message_id=mid,
        date=utc(when) if when else None,
        from_addr="me@example.org" if direction == "out" else "pd@program.edu",
        from_name="",
        subject=subject,
    )
    if contact is None:
        contact = direction == "out" and not draft
    return MessageView(
        stored=StoredMessage(envelope=env, folder=folder, role=role, features=None),  # type: ignore[arg-type]
        program=program,
        direction=direction,  # type: ignore[arg-type]
        draft=draft,
        kind=kind,
        counts_as_contact=contact,
        platform=False,
        is_reply_by_person=direction == "in",
        initiated_by_program=False,
    )


def activity(
    name: str,
    messages: tuple[MessageView, ...] = (),
    *,
    interview: date | None = None,
    limit: int = 3,
) -> ProgramActivity:
    contacts = [m for m in messages if m.counts_as_contact]
    replies = [m for m in messages if m.is_reply_by_person]
    n = len(contacts)
    status = "ok" if n < limit else ("at_limit" if n == limit else "over_limit")
    return ProgramActivity(
        program=Program(name=name, interview_date=interview),
        messages=messages,
        contacts=n,
        replies=len(replies),
        status=status,  # type: ignore[arg-type]
        last_contact=max((m.date for m in contacts if m.date), default=None),
        last_reply=max((m.date for m in replies if m.date), default=None),
    )


def report(
    programs: tuple[ProgramActivity, ...],
    findings: tuple[Finding, ...] = (),
    *,
    as_of: str = "2027-01-20T08:00",
    limit: int = 3,
    ambiguous: tuple[Ambiguous, ...] = (),
) -> Report:
    moment = datetime.fromisoformat(as_of).replace(tzinfo=TZ)
    return Report(
        generated_at=moment,
        as_of=moment,
        account="applicant@example.org",
        limit=limit,
        programs=programs,
        findings=findings,
        unmatched=12,
        ambiguous=ambiguous,
    )


def riverside() -> ProgramActivity:
    return activity(
        "Riverside",
        (
            view("Riverside", "<a1@x>", "2026-11-13T15:00", kind="thank_you", subject="Thank you"),
            view("Riverside", "<a2@x>", "2026-11-20T14:00", direction="in", kind="reply"),
            view("Riverside", "<a3@x>", "2026-12-02T15:14", kind="update"),
            view("Riverside", "<a4@x>", "2027-01-10T15:00", kind="rank_statement"),
            view("Riverside", "<a5@x>", "2027-01-15T15:00", draft=True),
        ),
        interview=date(2026, 11, 12),
    )


def lakeside() -> ProgramActivity:
    return activity("Lakeside", (view("Lakeside", "<b1@x>", "2026-12-01T12:00"),))


# --- report_to_dict -----------------------------------------------------------------


def test_report_dict_has_exactly_the_spec_keys() -> None:
    finding = Finding("at-contact-limit", "info", ("Riverside",), ("<a4@x>",), "At the limit.")
    data = report_to_dict(
        report((riverside(),), (finding,), ambiguous=(Ambiguous("<z@x>", ("A", "B")),))
    )
    assert set(data) == {
        "generated_at", "as_of", "account", "limit", "programs", "findings", "unmatched", "ambiguous",
    }
    program = data["programs"][0]
    assert set(program) == {
        "name", "contacts", "replies", "status", "last_contact", "last_reply",
        "interview_date", "messages",
    }
    assert set(program["messages"][0]) == {
        "message_id", "folder", "date", "direction", "kind", "counts_as_contact", "subject", "draft",
    }
    assert data["findings"] == [
        {
            "rule": "at-contact-limit",
            "severity": "info",
            "programs": ["Riverside"],
            "message_ids": ["<a4@x>"],
            "draft": False,
            "text": "At the limit.",
        }
    ]
    assert data["ambiguous"] == [{"message_id": "<z@x>", "candidates": ["A", "B"]}]
    assert data["unmatched"] == 12
    assert data["account"] == "applicant@example.org"
    assert data["limit"] == 3
    json.dumps(data)  # serialisable as is


def test_report_dict_values_and_dates_carry_the_season_offset() -> None:
    data = report_to_dict(report((riverside(), lakeside())))
    assert data["as_of"] == "2027-01-20T08:00:00-05:00"
    assert data["generated_at"] == "2027-01-20T08:00:00-05:00"
    river = data["programs"][0]
    assert river["name"] == "Riverside"
    assert river["status"] == "at_limit"
    assert river["contacts"] == 3
    assert river["replies"] == 1
    assert river["last_contact"] == "2027-01-10T10:00:00-05:00"
    assert river["last_reply"] == "2026-11-20T09:00:00-05:00"
    assert river["interview_date"] == "2026-11-12"
    assert [m["date"] for m in river["messages"]][2] == "2026-12-02T10:14:00-05:00"
    first = river["messages"][0]
    assert first == {
        "message_id": "<a1@x>",
        "folder": "Sent",
        "date": "2026-11-13T10:00:00-05:00",
        "direction": "out",
        "kind": "thank_you",
        "counts_as_contact": True,
        "draft": False,
        "subject": "Thank you",
    }
    draft = river["messages"][-1]
    assert (draft["draft"], draft["counts_as_contact"], draft["folder"]) == (True, False, "Drafts")
    lake = data["programs"][1]
    assert lake["status"] == "ok"
    assert lake["last_reply"] is None
    assert lake["interview_date"] is None


def test_report_dict_keeps_summer_offset_and_missing_dates() -> None:
    summer = activity("Summer", (view("Summer", "<s@x>", "2026-08-01T16:00"), view("Summer", "<n@x>", None)))
    data = report_to_dict(report((summer,)))
    dates = [m["date"] for m in data["programs"][0]["messages"]]
    assert dates == ["2026-08-01T12:00:00-04:00", None]


# --- status_table -------------------------------------------------------------------


def render(table: object) -> str:
    console = Console(width=200, record=True, color_system=None)
    console.print(table)
    return console.export_text()


def plain(cells: object) -> list[str]:
    return [str(c) for c in cells]  # type: ignore[attr-defined]


def test_status_table_rows_sorted_with_counts_and_status() -> None:
    over = activity(
        "Alpine",
        tuple(view("Alpine", f"<c{i}@x>", f"2026-12-0{i}T15:00") for i in range(1, 5)),
    )
    findings = (
        Finding("over-contact-limit", "warning", ("Alpine",), (), "Four messages."),
        Finding("template-placeholder", "critical", ("Alpine",), (), "Placeholder.", draft=True),
        Finding("quiet-program", "info", ("Alpine",), (), "Quiet."),
    )
    table = status_table(report((riverside(), lakeside(), over), findings))
    assert table.title == "inboxcoach status as of Wed 20 Jan 2027"
    assert [str(c.header) for c in table.columns] == [
        "Program", "Contacts", "Replies", "Last contact", "Last reply", "Interview", "Status", "Findings"
    ]
    assert plain(table.columns[0].cells) == ["Alpine", "Lakeside", "Riverside"]
    contacts = list(table.columns[1].cells)
    assert plain(contacts) == ["4/3", "1/3", "3/3"]
    assert "red" in str(contacts[0].style) and "yellow" in str(contacts[2].style)  # type: ignore[union-attr]
    assert not contacts[1].style  # type: ignore[union-attr]
    assert list(table.columns[2].cells) == ["0", "0", "1"]
    # dates in the season time zone (Alpine's 4 Dec 15:00 UTC is 10:00 in New York)
    assert list(table.columns[3].cells) == ["4 Dec", "1 Dec", "10 Jan"]
    assert list(table.columns[4].cells) == ["-", "-", "20 Nov"]
    assert list(table.columns[5].cells) == ["-", "-", "12 Nov"]
    statuses = [c for c in table.columns[6].cells]
    assert all(isinstance(c, Text) for c in statuses)
    assert [str(c) for c in statuses] == ["over limit", "ok", "at limit"]
    assert "red" in str(statuses[0].style)  # type: ignore[union-attr]
    assert "yellow" in str(statuses[2].style)  # type: ignore[union-attr]
    assert [str(c) for c in table.columns[7].cells] == ["1 critical, 1 warning", "-", "-"]
    text = render(table)
    assert text.index("Alpine") < text.index("Lakeside") < text.index("Riverside")


def test_short_day_adds_the_year_only_far_from_the_report_date() -> None:
    from inboxcoach.core.present import short_day

    near = date(2027, 1, 20)
    assert short_day(date(2026, 12, 9), near) == "9 Dec"
    assert short_day(date(2027, 3, 19), near) == "19 Mar"
    assert short_day(date(2025, 12, 9), near) == "9 Dec 2025"
    assert short_day(date(2027, 9, 1), near) == "1 Sep 2027"
    assert short_day(None, near) == "-"


LONG_NAMES = (
    "Crescent Bay Community Hospital Anesthesiology",
    "Stonegate Regional Medical Center Anesthesiology",
    "Meridian Health St. Agnes Anesthesiology",
    "Meridian Health Lakeview Anesthesiology",
    "Oakhurst",
)


def season_of_long_names() -> Report:
    programs = tuple(
        activity(
            name,
            (
                view(name, f"<{i}a@x>", "2026-12-01T15:00"),
                view(name, f"<{i}b@x>", "2026-12-03T15:00", direction="in"),
                *(view(name, f"<{i}c{n}@x>", f"2027-01-1{n}T15:00") for n in range(i % 4)),
            ),
            interview=date(2026, 11, 30),
        )
        for i, name in enumerate(LONG_NAMES)
    )
    findings = (
        Finding("wrong-program-name", "critical", (LONG_NAMES[0],), (), "x"),
        Finding("emotional-tone", "warning", (LONG_NAMES[0], LONG_NAMES[1]), (), "y"),
    )
    return report(programs, findings)


def render_at(table: object, width: int) -> list[str]:
    console = Console(width=width, record=True, color_system=None)
    console.print(table)
    return console.export_text().splitlines()


def test_status_table_fits_every_width_and_never_splits_a_name() -> None:
    rep = season_of_long_names()
    for width in range(60, 201):
        lines = render_at(status_table(rep, SeasonCalendar.build(2027), width=width), width)
        assert max(len(line) for line in lines) <= width, width
        rows = [line for line in lines if "/3" in line]
        assert len(rows) == len(LONG_NAMES), width  # one line per program: nothing wraps
        for row, name in zip(rows, sorted(LONG_NAMES, key=str.casefold)):
            shown = row.split("  ")[0].strip()
            assert shown == name or (shown.endswith("...") and name.startswith(shown[:-3])), (width, shown)
            if width >= 80:
                # the column is 30 wide at least; a name cut just after a space loses the space
                cut_at_space = shown.endswith("...") and name[len(shown) - 3] == " "
                assert len(shown) >= min(len(name), 30) - cut_at_space, (width, shown)


def test_status_table_at_80_columns_keeps_what_a_person_needs_most() -> None:
    table = status_table(season_of_long_names(), width=80)
    headers = [str(c.header) for c in table.columns]
    assert headers[:2] == ["Program", "Contacts"]
    assert "Findings" in headers and "Last\ncontact" in headers
    assert "Interview" not in headers and "Status" not in headers  # the contacts cell carries the status
    findings = table.columns[headers.index("Findings")].cells
    assert "1 crit, 1 warn" in [str(c) for c in findings]
    text = "\n".join(render_at(table, 80))
    assert "Stonegate Regional Medical Center" in text  # cut after the part that tells programs apart


def test_status_table_when_wide_shows_every_column_and_whole_names() -> None:
    table = status_table(season_of_long_names(), width=200)
    assert len(table.columns) == 8
    text = "\n".join(render_at(table, 200))
    assert all(name in text for name in LONG_NAMES) and "..." not in text
    assert "1 critical, 1 warning" in text


def test_status_table_caption_breaks_between_dates_when_narrow() -> None:
    lines = render_at(status_table(season_of_long_names(), SeasonCalendar.build(2027), width=80), 80)
    assert any(line.strip() == "Rank list deadline: Wed 3 Mar 2027, 21:00 EST (estimated)" for line in lines)
    assert any(line.strip() == "Match Day: Fri 19 Mar 2027 (estimated)" for line in lines)


def test_status_table_caption_marks_estimated_dates() -> None:
    calendar = SeasonCalendar.build(2027)
    table = status_table(report((lakeside(),)), calendar)
    assert table.caption == (
        "Rank list deadline: Wed 3 Mar 2027, 21:00 EST (estimated)"
        " · Match Day: Fri 19 Mar 2027 (estimated)"
    )
    configured = SeasonCalendar.build(
        2027, rank_list_deadline=date(2027, 3, 4), match_day=date(2027, 3, 20)
    )
    caption = str(status_table(report((lakeside(),)), configured).caption)
    assert "estimated" not in caption
    assert "Thu 4 Mar 2027" in caption


def test_status_table_never_suggests_writing() -> None:
    from inboxcoach.core.digest import NAG_PHRASES

    quiet = tuple(
        activity(n, (view(n, f"<{n}@x>", "2026-12-01T15:00"),)) for n in ("A", "B", "C")
    )
    findings = tuple(Finding("quiet-program", "info", (p.program.name,), (), "Quiet.") for p in quiet)
    text = render(status_table(report(quiet, findings), SeasonCalendar.build(2027))).lower()
    assert not [p for p in NAG_PHRASES if p in text]


def test_format_day() -> None:
    assert format_day(date(2027, 1, 20)) == "Wed 20 Jan 2027"


# --- fit_text -------------------------------------------------------------------------


def test_fit_text_wraps_long_lines_at_words_under_their_list_item() -> None:
    from inboxcoach.cli.tables import fit_text

    text = "Short line.\n\n- " + "word " * 30 + "end.\nPlain " + "prose " * 20
    lines = fit_text(text, 40).split("\n")
    assert lines[:2] == ["Short line.", ""]
    assert max(len(line) for line in lines) <= 40
    item = [line for line in lines if line.startswith("- ") or line.startswith("  ")]
    assert item[0].startswith("- word") and all(line.startswith("  word") or line == "  end." for line in item[1:])
    assert " ".join(line.strip() for line in lines).split() == text.split()  # nothing lost, no word cut


def test_fit_text_keeps_a_plain_table_s_columns() -> None:
    from inboxcoach.cli.tables import fit_text

    table = (
        "Program                                           Contacts  Status\n"
        "Crescent Bay Community Hospital Anesthesiology    1/3       ok\n"
        "Hawthorne Valley                                  0/3       over limit"
    )
    lines = fit_text(table, 50).split("\n")
    assert max(len(line) for line in lines) <= 50 and len(lines) == 3
    assert lines[1].startswith("Crescent Bay Community Ho") and "..." in lines[1]
    assert lines[2].startswith("Hawthorne Valley ")
    column = lines[0].index("Contacts")
    assert lines[1][column:].startswith("1/3") and lines[2][column:].startswith("0/3")
    assert fit_text(table, 100) == table  # what fits is left alone
