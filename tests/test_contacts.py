"""Counting contacts and replies per program (pure)."""

from __future__ import annotations

from builders import LAKESIDE, ME, PROGRAMS, RIVERSIDE, msg

from inboxcoach.core.contacts import count
from inboxcoach.core.matching import MatchIndex, match_all
from inboxcoach.core.model import Features

INDEX = MatchIndex.build(PROGRAMS, {ME}, ("thalamusgme.com",))


def activity(messages, name=LAKESIDE.name, limit=3):  # type: ignore[no-untyped-def]
    counted = count(messages, match_all(messages, INDEX), INDEX, limit)
    return next(a for a in counted.activities if a.program.name == name), counted


def test_cc_to_two_people_of_one_program_counts_once() -> None:
    m = msg(to=("pd@lakeside.example",), cc=("coord@lakeside.example",), features=Features(thank_you=True))
    act, _ = activity([m])
    assert act.contacts == 1
    assert len(act.messages) == 1 and act.messages[0].counts_as_contact


def test_one_message_to_two_programs_counts_for_each() -> None:
    m = msg(to=("pd@lakeside.example", "pd@riverside.example"))
    lake, counted = activity([m])
    river = next(a for a in counted.activities if a.program.name == RIVERSIDE.name)
    assert lake.contacts == 1 and river.contacts == 1


def test_reply_to_program_invitation_is_not_a_contact() -> None:
    invite = msg(frm="coord@lakeside.example", to=(ME,), key="inv@x", features=Features(invitation=True))
    answer = msg(to=("coord@lakeside.example",), in_reply_to=("inv@x",), features=Features(logistics=True))
    act, _ = activity([invite, answer])
    assert act.contacts == 0
    view = next(v for v in act.messages if v.direction == "out")
    assert view.initiated_by_program and not view.counts_as_contact
    assert act.replies == 1  # the coordinator's invitation was written by a person


def test_thank_you_in_program_thread_is_a_contact() -> None:
    invite = msg(frm="coord@lakeside.example", to=(ME,), key="inv2@x")
    thanks = msg(to=("coord@lakeside.example",), in_reply_to=("inv2@x",), features=Features(thank_you=True))
    act, _ = activity([invite, thanks])
    assert act.contacts == 1
    assert next(v for v in act.messages if v.direction == "out").kind == "thank_you"


def test_nudge_in_own_thread_is_a_contact() -> None:
    first = msg(to=("pd@lakeside.example",), key="first@x", date="2026-12-01")
    nudge = msg(to=("pd@lakeside.example",), in_reply_to=("first@x",), date="2026-12-20")
    act, _ = activity([first, nudge])
    assert act.contacts == 2


def test_drafts_never_count() -> None:
    draft = msg(to=("pd@lakeside.example",), role="drafts", features=Features(thank_you=True))
    act, _ = activity([draft])
    assert act.contacts == 0 and act.messages[0].draft and not act.messages[0].counts_as_contact


def test_automated_and_platform_mail_are_not_replies() -> None:
    bulk = msg(frm="news@lakeside.example", to=(ME,), automated=True)
    platform = msg(frm="x@thalamusgme.com", to=(ME,), features=Features(mentions=(LAKESIDE.name,)))
    noreply = msg(frm="no-reply@lakeside.example", to=(ME,))
    person = msg(frm="pd@lakeside.example", to=(ME,), date="2026-11-25")
    act, _ = activity([bulk, platform, noreply, person])
    assert len(act.messages) == 4
    assert act.replies == 1
    assert act.last_reply == person.envelope.date
    kinds = {v.key: v.kind for v in act.messages}
    assert kinds[platform.envelope.key] == "automated"


def test_status_against_limit() -> None:
    sent = [msg(to=("pd@lakeside.example",), date=f"2026-12-0{i}") for i in range(1, 5)]
    assert activity(sent[:2])[0].status == "ok"
    assert activity(sent[:3])[0].status == "at_limit"
    over = activity(sent)[0]
    assert over.status == "over_limit" and over.contacts == 4
    assert over.last_contact == sent[3].envelope.date


def test_unmatched_and_ambiguous_are_reported() -> None:
    noise = msg(frm="shop@store.example", to=(ME,))
    shared = msg(frm="gme@shared.example", to=(ME,))
    _, counted = activity([noise, shared])
    assert counted.unmatched == 1
    assert counted.ambiguous[0].message_id == shared.envelope.message_id


def test_applicant_started_thread_new_question_is_a_contact() -> None:
    ask = msg(to=("coord@lakeside.example",), key="ask@x", date="2026-11-01")
    answer = msg(frm="coord@lakeside.example", to=(ME,), key="ans@x", in_reply_to=("ask@x",),
                 references=("ask@x",), date="2026-11-02")
    again = msg(to=("coord@lakeside.example",), in_reply_to=("ans@x",), references=("ask@x", "ans@x"),
                date="2026-11-03", features=Features(logistics=True))
    act, _ = activity([ask, answer, again])
    assert act.contacts == 2  # the thread is the applicant's own


def test_answering_a_rank_inquiry_politely_is_not_a_contact() -> None:
    inquiry = msg(frm="pd@lakeside.example", to=(ME,), key="rank@x", features=Features(rank_inquiry=("where will you rank us",)))
    polite = msg(to=("pd@lakeside.example",), in_reply_to=("rank@x",), references=("rank@x",),
                 features=Features(thank_you=True))
    act, _ = activity([inquiry, polite])
    assert act.contacts == 0
    # ...but a ranking statement in that answer is a ranking message, and counts
    ranking = msg(to=("pd@lakeside.example",), in_reply_to=("rank@x",), features=Features(first_choice=("you are my #1",)))
    act, _ = activity([inquiry, ranking])
    assert act.contacts == 1


def test_answering_rank_question_in_own_thread_is_not_a_contact() -> None:
    thanks = msg(to=("pd@lakeside.example",), key="ty@x", date="2026-11-11", features=Features(thank_you=True))
    question = msg(frm="pd@lakeside.example", to=(ME,), key="q@x", in_reply_to=("ty@x",), references=("ty@x",),
                   date="2026-11-20", features=Features(rank_inquiry=("where will you rank us",)))
    answer = msg(to=("pd@lakeside.example",), in_reply_to=("q@x",), references=("ty@x", "q@x"),
                 date="2026-11-21", features=Features(thank_you=True))
    act, _ = activity([thanks, question, answer])
    assert act.contacts == 1


def test_thanks_before_the_interview_in_a_program_thread_is_no_thank_you_note() -> None:
    from datetime import date

    index = MatchIndex.build(
        (LAKESIDE.__class__(name=LAKESIDE.name, domains=LAKESIDE.domains, interview_date=date(2026, 12, 8)),), {ME}, ()
    )
    invite = msg(frm="coord@lakeside.example", to=(ME,), key="inv3@x", date="2026-11-20")
    before = msg(to=("coord@lakeside.example",), in_reply_to=("inv3@x",), date="2026-12-07T15:00",
                 features=Features(thank_you=True, logistics=True))
    after = msg(to=("coord@lakeside.example",), in_reply_to=("inv3@x",), date="2026-12-09T15:00",
                features=Features(thank_you=True))
    counted = count([invite, before, after], match_all([invite, before, after], index), index, 3)
    act = counted.activities[0]
    kinds = {v.key: (v.kind, v.counts_as_contact) for v in act.messages}
    assert kinds[before.envelope.key] == ("logistics", False)
    assert kinds[after.envelope.key] == ("thank_you", True)
    assert act.contacts == 1
