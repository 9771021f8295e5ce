"""Matching messages to programs (pure)."""

from __future__ import annotations

from builders import LAKESIDE, ME, PROGRAMS, RIVERSIDE, msg

from inboxcoach.matching import Match, MatchIndex, match_all
from inboxcoach.model import Features

INDEX = MatchIndex.build(PROGRAMS, {ME, "sam.md@gmail.example"}, ("thalamusgme.com", "aamc.org"))


def match_one(message):  # type: ignore[no-untyped-def]
    return match_all([message], INDEX)[message.envelope.key]


def test_outbound_to_contact_and_domain() -> None:
    m = msg(to=("coord@riverside-health.example",))
    assert match_one(m).programs == (RIVERSIDE.name,)
    m = msg(to=("someone@dept.riverside.example",))  # subdomain
    assert match_one(m).programs == (RIVERSIDE.name,)


def test_outbound_to_two_programs_belongs_to_both() -> None:
    m = msg(to=("pd@riverside.example",), cc=("pd@lakeside.example", "coord@riverside-health.example"))
    assert match_one(m).programs == (RIVERSIDE.name, LAKESIDE.name)


def test_alias_address_is_outbound() -> None:
    m = msg(frm="sam.md@gmail.example", to=("pd@lakeside.example",), role="inbox")
    assert match_one(m).programs == (LAKESIDE.name,)


def test_inbound_by_sender_and_reply_to() -> None:
    assert match_one(msg(frm="pd@lakeside.example", to=(ME,))).programs == (LAKESIDE.name,)
    m = msg(frm="", reply_to=("pd@lakeside.example",), to=(ME,))
    assert match_one(m).programs == (LAKESIDE.name,)


def test_lookalike_domain_does_not_match() -> None:
    assert match_one(msg(frm="pd@notlakeside.example", to=(ME,))) == Match()
    assert match_one(msg(frm="pd@lakeside.example.evil.test", to=(ME,))) == Match()


def test_shared_domain_decided_by_contact() -> None:
    assert match_one(msg(frm="south@shared.example", to=(ME,))).programs == ("South Campus Anesthesia",)


def test_shared_domain_decided_by_name_in_text() -> None:
    m = msg(frm="gme@shared.example", to=(ME,), features=Features(mentions=("North Campus Anesthesia",)))
    assert match_one(m).programs == ("North Campus Anesthesia",)


def test_shared_domain_undecided_is_ambiguous() -> None:
    result = match_one(msg(frm="gme@shared.example", to=(ME,)))
    assert result.programs == ()
    assert set(result.ambiguous) == {"North Campus Anesthesia", "South Campus Anesthesia"}


def test_shared_domain_settled_by_thread() -> None:
    first = msg(to=("north@shared.example",), key="a@x")
    reply = msg(frm="gme@shared.example", to=(ME,), in_reply_to=("a@x",))
    result = match_all([first, reply], INDEX)
    assert result[reply.envelope.key].programs == ("North Campus Anesthesia",)


def test_platform_names_program() -> None:
    m = msg(
        frm="notifications@thalamusgme.com",
        to=(ME,),
        automated=True,
        features=Features(mentions=(LAKESIDE.name,)),
    )
    result = match_one(m)
    assert result.programs == (LAKESIDE.name,) and result.platform


def test_platform_naming_nothing_is_unmatched() -> None:
    result = match_one(msg(frm="no-reply@aamc.org", to=(ME,)))
    assert result.programs == () and result.ambiguous == ()


def test_noreply_sender_that_is_a_contact_is_not_a_platform() -> None:
    index = MatchIndex.build(
        (RIVERSIDE.__class__(name="X", contacts=("noreply@x.example",)),), {ME}, ()
    )
    assert not index.is_platform("noreply@x.example")
    assert index.is_platform("no-reply@shop.example")


def test_personal_address_matched_by_thread_even_out_of_order() -> None:
    # the reply is listed before the message it answers
    reply = msg(frm="drjones@gmail.example", to=(ME,), in_reply_to=("orig@x",), date="2026-11-22")
    orig = msg(to=("pd@lakeside.example",), key="orig@x", date="2026-11-21")
    result = match_all([reply, orig], INDEX)
    assert result[reply.envelope.key].programs == (LAKESIDE.name,)


def test_unrelated_mail_unmatched() -> None:
    assert match_one(msg(frm="news@shop.example", to=(ME,))) == Match()
    assert match_one(msg(to=("friend@gmail.example",))) == Match()


def test_may_belong_on_headers() -> None:
    assert INDEX.may_belong(msg(to=("pd@lakeside.example",)).envelope, "sent")
    assert INDEX.may_belong(msg(frm="x@thalamusgme.com", to=(ME,)).envelope)
    assert not INDEX.may_belong(msg(frm="no-reply@shop.example", to=(ME,), subject="Your order").envelope)
    assert INDEX.may_belong(msg(frm="no-reply@sched.example", to=(ME,), subject="Interview scheduled").envelope)
    assert not INDEX.may_belong(msg(frm="friend@gmail.example", to=(ME,)).envelope)
