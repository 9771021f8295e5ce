"""Tests for digest.py: sections, order, windows, calm wording and HTML safety."""

from __future__ import annotations

import re
from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

import pytest

from inboxcoach.core.calendar import SeasonCalendar
from inboxcoach.core.digest import NAG_PHRASES, Digest, render_digest, thank_you_windows
from inboxcoach.core.model import (
    Ambiguous,
    Envelope,
    Features,
    Finding,
    MessageView,
    Program,
    ProgramActivity,
    Report,
    StoredMessage,
)

TZ = ZoneInfo("America/New_York")
CALENDAR = SeasonCalendar.build(2027, interview_dates=(date(2026, 11, 12),))


# --- a small report builder -------------------------------------------------------


def flat(text: str) -> str:
    """The text with its line wrapping undone: sentences are checked whole, wherever a line breaks."""
    return " ".join(text.split())


def view(
    program: str,
    mid: str,
    when: str,
    *,
    direction: str = "out",
    draft: bool = False,
    features: Features | None = None,
) -> MessageView:
    """A message at local (New York) time ``when``; envelopes carry UTC."""
    moment = datetime.fromisoformat(when).replace(tzinfo=TZ).astimezone(timezone.utc)
    env = Envelope(key=mid, message_id=f"<{mid}>", date=moment, from_addr="", from_name="")
    role = "drafts" if draft else ("sent" if direction == "out" else "inbox")
    return MessageView(
        stored=StoredMessage(env, role.capitalize(), role, features),  # type: ignore[arg-type]
        program=program,
        direction=direction,  # type: ignore[arg-type]
        draft=draft,
        kind="other",
        counts_as_contact=direction == "out" and not draft,
        platform=False,
        is_reply_by_person=direction == "in",
        initiated_by_program=False,
    )


def activity(
    name: str, messages: tuple[MessageView, ...] = (), *, interview: date | None = None
) -> ProgramActivity:
    contacts = [m.date for m in messages if m.counts_as_contact and m.date]
    replies = [m.date for m in messages if m.is_reply_by_person and m.date]
    n = len(contacts)
    status = "ok" if n < 3 else ("at_limit" if n == 3 else "over_limit")
    return ProgramActivity(
        program=Program(name=name, interview_date=interview),
        messages=messages,
        contacts=n,
        replies=len(replies),
        status=status,  # type: ignore[arg-type]
        last_contact=max(contacts, default=None),
        last_reply=max(replies, default=None),
    )


def sent(name: str, *whens: str) -> ProgramActivity:
    return activity(name, tuple(view(name, f"{name}-{i}", w) for i, w in enumerate(whens)))


def report(
    programs: tuple[ProgramActivity, ...],
    findings: tuple[Finding, ...] = (),
    *,
    as_of: str = "2027-01-20T08:00",
    ambiguous: tuple[Ambiguous, ...] = (),
) -> Report:
    moment = datetime.fromisoformat(as_of).replace(tzinfo=TZ)
    return Report(moment, moment, "applicant@example.org", 3, programs, findings, 0, ambiguous)


def quiet(*names: str) -> tuple[Finding, ...]:
    return tuple(
        Finding("quiet-program", "info", (n,), (), f"No reply from {n} since 1 Dec; that is normal.")
        for n in names
    )


def render(rep: Report, calendar: SeasonCalendar = CALENDAR, **kwargs: bool) -> Digest:
    return render_digest(rep, calendar, TZ, thank_you_window_hours=72, **kwargs)


def busy_report() -> Report:
    programs = (
        sent("Riverside", "2026-11-13T10:00", "2026-12-02T10:14", "2027-01-10T09:00"),
        sent("Lakeside", "2026-12-01T09:00"),
        sent("Hilltop", "2026-12-01T09:00"),
    )
    findings = (
        Finding("multiple-first-choice", "critical", ("Lakeside", "Riverside"), (), "SENT-FIRST-CHOICE."),
        Finding("desperate-tone", "warning", ("Hilltop",), (), "WARNING-TONE."),
        Finding("template-placeholder", "critical", ("Hilltop",), (), "DRAFT-PLACEHOLDER.", draft=True),
        Finding("at-contact-limit", "info", ("Riverside",), (), "INFO-AT-LIMIT."),
        *quiet("Lakeside", "Hilltop"),
    )
    return report(programs, findings)


# --- structure ------------------------------------------------------------------------


def test_subject_counts_what_to_look_at() -> None:
    assert render(busy_report()).subject == "inboxcoach digest for Wed 20 Jan 2027: 3 to look at"


def test_sections_in_order_text_and_html() -> None:
    digest = render(busy_report())
    text = flat(digest.text)
    order = ["WHAT NEEDS ATTENTION", "YOUR PROGRAMS", "COMING UP", "Quiet (no reply"]
    positions = [text.index(s) for s in order]
    assert positions == sorted(positions)
    html = digest.html
    order_html = ["What needs attention", "Your programs", "Coming up", "Quiet (no reply"]
    positions = [html.index(s) for s in order_html]
    assert positions == sorted(positions)


def test_drafts_first_then_critical_then_warnings_then_notes() -> None:
    digest = render(busy_report())
    for part, table in ((flat(digest.text), "YOUR PROGRAMS"), (digest.html, "Your programs")):
        order = [
            "Before you send:",
            "DRAFT-PLACEHOLDER.",
            "SENT-FIRST-CHOICE.",
            "WARNING-TONE.",
            "INFO-AT-LIMIT.",
            table,
        ]
        positions = [part.index(s) for s in order]
        assert positions == sorted(positions)
    text = flat(digest.text)
    assert "- Before you send: DRAFT-PLACEHOLDER. (Hilltop)" in text
    assert "- SENT-FIRST-CHOICE. (Lakeside, Riverside)" in text
    # quiet-program texts are not repeated as notes: only the one calm line
    assert "that is normal" not in text


def test_draft_alerts_off_leaves_out_draft_findings() -> None:
    digest = render(busy_report(), draft_alerts=False)
    assert "DRAFT-PLACEHOLDER" not in flat(digest.text)
    assert "Before you send" not in digest.html
    assert digest.subject.endswith(": 2 to look at")


def test_program_table() -> None:
    text = render(busy_report()).text
    lines = text.splitlines()
    header = next(line for line in lines if line.startswith("Program"))
    assert re.split(r"\s{2,}", header) == ["Program", "Contacts", "Last contact", "Last reply", "Status"]
    rows = [re.split(r"\s{2,}", line) for line in lines if line.startswith(("Hilltop", "Lakeside", "Riverside"))]
    assert rows == [
        ["Hilltop", "1/3", "1 Dec 2026", "-", "ok"],
        ["Lakeside", "1/3", "1 Dec 2026", "-", "ok"],
        ["Riverside", "3/3", "10 Jan 2027", "-", "at limit"],
    ]
    html = render(busy_report()).html
    assert re.search(r"<td[^>]*>Riverside</td>\s*<td[^>]*><span[^>]*>●●●</span> 3/3</td>", html)  # drawn and written
    assert re.search(r"<td[^>]*>Hilltop</td>\s*<td[^>]*><span[^>]*>●○○</span> 1/3</td>", html)
    assert re.search(r"color:#8a6d00;font-weight:bold;\">at limit</td>", html)


def test_quiet_programs_are_one_calm_line() -> None:
    text = flat(render(busy_report()).text)
    assert "Quiet (no reply since your last message, which is normal): Hilltop, Lakeside." in text
    assert text.count("Quiet (") == 1


def test_nothing_urgent() -> None:
    rep = report((sent("Riverside", "2026-12-02T10:14"),), quiet("Riverside"))
    digest = render(rep)
    assert digest.subject == "inboxcoach digest for Wed 20 Jan 2027: nothing urgent"
    assert "Nothing needs your attention today." in flat(digest.text)
    assert "Nothing needs your attention today." in digest.html
    assert "Critical" not in flat(digest.text) and "Notes:" not in flat(digest.text)


def test_ambiguous_messages_get_a_note() -> None:
    rep = report((sent("A", "2026-12-01T09:00"),), ambiguous=(Ambiguous("<x>", ("A", "B")),))
    note = flat(render(rep).text)
    assert "1 message fits A or B, which share an address, and is not counted." in note
    assert "add the coordinator's exact address to that program's `contacts`" in note  # what to do, not where to look


# --- coming up ------------------------------------------------------------------------


def test_estimated_dates_are_labelled() -> None:
    text = flat(render(busy_report()).text)
    assert "- Rank list deadline: Wed 3 Mar 2027, 21:00 EST (estimated)." in text
    assert "- Match Day: Fri 19 Mar 2027 (estimated)." in text
    assert "- Ranking window: open now, 1 Jan 2027 to Wed 3 Mar 2027, 21:00 EST (estimated)." in text
    assert "- Follow-up window (at most one update per program): open now, 20 Dec 2026 to 7 Feb 2027." in text
    configured = SeasonCalendar.build(2027, rank_list_deadline=date(2027, 3, 3), match_day=date(2027, 3, 19))
    text = flat(render(busy_report(), configured).text)
    assert "(estimated)" not in text
    assert "- Match Day: Fri 19 Mar 2027." in text


def test_past_windows_are_not_listed() -> None:
    text = render(report((), as_of="2027-03-10T08:00")).text
    assert "Follow-up window" not in text
    assert "Ranking window" not in text
    assert "Rank list deadline" not in text
    assert "- Match Day: Fri 19 Mar 2027 (estimated)." in text
    assert "No further contact is useful; your list is certified." in text


@pytest.mark.parametrize(
    ("as_of", "advice"),
    [
        ("2026-10-01T08:00", "Interviews have not started yet."),
        ("2026-11-20T08:00", "a short thank-you within 72 hours"),
        ("2026-12-28T08:00", "The follow-up window is open"),
        ("2027-01-20T08:00", "You are in the ranking window: if one program is truly your first choice"),
        ("2027-03-03T22:00", "your list is certified"),
        ("2027-03-16T08:00", "It is Match Week"),
        ("2027-03-25T08:00", "The Match is over."),
    ],
)
def test_advice_follows_the_phase(as_of: str, advice: str) -> None:
    digest = render(report((), as_of=as_of))
    assert advice in flat(digest.text)
    assert advice in digest.html


def interviewed(*messages: MessageView) -> ProgramActivity:
    return activity("Riverside", messages, interview=date(2026, 11, 12))


def test_thank_you_window_open_after_the_interview() -> None:
    text = flat(render(report((interviewed(),), as_of="2026-11-14T10:00")).text)
    assert (
        "- A thank-you note to Riverside is customary within 72 hours of the interview, "
        "if you wish to send one; the window closes at the end of Sun 15 Nov 2026."
    ) in text
    assert text.index("thank-you note to Riverside") > text.index("COMING UP")


def test_thank_you_window_open_on_the_interview_day_and_not_before() -> None:
    rep = report((interviewed(),), as_of="2026-11-12T18:00")
    assert [w.program for w in thank_you_windows(rep, TZ, 72)] == ["Riverside"]
    rep = report((interviewed(),), as_of="2026-11-11T18:00")
    assert thank_you_windows(rep, TZ, 72) == []


def test_thank_you_window_closed_by_time_by_a_message_or_by_policy() -> None:
    assert thank_you_windows(report((interviewed(),), as_of="2026-11-16T00:00"), TZ, 72) == []
    after = interviewed(view("Riverside", "t", "2026-11-13T09:00"))
    assert thank_you_windows(report((after,), as_of="2026-11-14T10:00"), TZ, 72) == []
    policy = Features(no_contact_policy=("no thank-you notes",))
    told = interviewed(view("Riverside", "p", "2026-11-01T09:00", direction="in", features=policy))
    assert thank_you_windows(report((told,), as_of="2026-11-14T10:00"), TZ, 72) == []


def test_a_draft_or_an_earlier_message_leaves_the_window_open() -> None:
    drafted = interviewed(
        view("Riverside", "early", "2026-11-01T09:00"),
        view("Riverside", "d", "2026-11-13T09:00", draft=True),
    )
    windows = thank_you_windows(report((drafted,), as_of="2026-11-14T10:00"), TZ, 72)
    assert [w.program for w in windows] == ["Riverside"]


def test_thank_you_window_across_the_dst_change_counts_real_hours() -> None:
    # interview day ends at 00:00 EDT on 1 Nov 2026; 72 real hours later it is 23:00 EST
    rep = report((activity("Fall", interview=date(2026, 10, 31)),), as_of="2026-11-02T08:00")
    assert [w.closes for w in thank_you_windows(rep, TZ, 72)] == ["on Tue 3 Nov 2026 at 23:00"]


# --- calm wording and safety --------------------------------------------------------------


QUIET_NAMES = tuple(f"Program {c}" for c in "ABCDEFGH")


@pytest.mark.parametrize(
    "as_of",
    ["2026-10-01T08:00", "2026-11-20T08:00", "2026-12-28T08:00", "2027-01-20T08:00",
     "2027-03-05T08:00", "2027-03-16T08:00", "2027-04-01T08:00"],
)
def test_no_nag_phrases_even_when_every_program_is_quiet(as_of: str) -> None:
    programs = tuple(
        activity(
            n,
            (view(n, f"{n}-1", "2026-09-01T09:00"),),
            interview=date(2026, 11, 12),
        )
        for n in QUIET_NAMES
    )
    digest = render(report(programs, quiet(*QUIET_NAMES), as_of=as_of))
    for part in (digest.subject, flat(digest.text), digest.html):
        lowered = part.lower()
        assert [p for p in NAG_PHRASES if p in lowered] == []
    assert "Quiet (no reply since your last message, which is normal): " + ", ".join(QUIET_NAMES) + "." in flat(digest.text)


def test_html_escapes_program_names_and_finding_texts() -> None:
    name = "A&B <Anesthesia>"
    rep = report(
        (sent(name, "2026-12-01T09:00"),),
        (
            Finding("template-placeholder", "critical", (name,), (), "Found <Program> & [Your Name].", draft=True),
            *quiet(name),
        ),
    )
    digest = render(rep)
    assert "A&amp;B &lt;Anesthesia&gt;" in digest.html
    assert "Found &lt;Program&gt; &amp; [Your Name]." in digest.html
    assert "<Anesthesia>" not in digest.html
    assert "<Program>" not in digest.html
    # the text part is plain text: nothing escaped
    assert "Found <Program> & [Your Name]. (A&B <Anesthesia>)" in flat(digest.text)
    assert "which is normal): A&B <Anesthesia>." in flat(digest.text)


def test_html_is_email_safe() -> None:
    html = render(busy_report()).html
    assert html.lstrip().startswith("<!DOCTYPE html>")
    assert "<script" not in html and "<table" in html
    # Every style is inline, for clients that drop <style>; the one <style> block, in
    # the head, only adds the dark-mode colours for clients that honour it.
    head, body = html.split("</head>", 1)
    assert "<style" not in body
    style = head.split("<style>", 1)[1].split("</style>", 1)[0]
    assert "prefers-color-scheme: dark" in style and "color-scheme: light dark" in style
    assert '<meta name="color-scheme" content="light dark">' in head
    assert "max-width:640px" in body  # a readable line length on a wide screen
    assert re.search(r'<p class="critical" style="[^"]*color:#b00020', body)


def test_text_lines_fit_a_mail_reader_except_the_table() -> None:
    text = render(busy_report()).text
    table = {line for line in text.splitlines() if line.startswith(("Program", "Hilltop", "Lakeside", "Riverside"))}
    assert all(len(line) <= 78 for line in text.splitlines() if line not in table)
    assert "Critical:" in text and "Warnings:" in text and "Important" not in text  # one word per severity


def test_a_program_is_named_once_per_item() -> None:
    finding = Finding("wrong-program-name", "critical", ("Riverside",), ("<m>",),
                      "Your message to Riverside names Lakeside, another program on your list.")
    rep = report((sent("Riverside", "2027-01-10T10:00"),), (finding,))
    text = flat(render(rep).text)
    assert "- Your message to Riverside names Lakeside, another program on your list." in text
    assert "list. (Riverside)" not in text
