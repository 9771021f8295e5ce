"""Matching messages to programs (pure)."""

from __future__ import annotations

import mailbox
from datetime import datetime, timezone
from email.message import EmailMessage
from pathlib import Path

from builders import LAKESIDE, ME, PROGRAMS, RIVERSIDE, msg

from inboxcoach.cli import commands
from inboxcoach.config import parse_config
from inboxcoach.core.matching import Match, MatchIndex, match_all
from inboxcoach.core.model import Features

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


# A program writing through a mailing service: From the service, Reply-To the program.


def test_mailing_service_invitation_belongs_to_the_reply_to_program() -> None:
    by_contact = msg(
        frm="notifications@mailchimp-like-service.example",
        reply_to=("coord@riverside-health.example",),
        to=(ME,),
        automated=True,
    )
    assert match_one(by_contact) == Match(programs=(RIVERSIDE.name,))
    by_domain = msg(  # a bulk sender's bounce address, Reply-To a program domain
        frm="bounce-mc.us5_4417.882-sam=example.org@mail41.suw11.mcsv.example",
        reply_to=("pd@dept.lakeside.example",),
        to=(ME,),
    )
    assert match_one(by_domain) == Match(programs=(LAKESIDE.name,))


def test_reply_to_decides_a_shared_domain_as_from_would() -> None:
    named = msg(
        frm="news@campaigns.example",
        reply_to=("gme@shared.example",),
        to=(ME,),
        features=Features(mentions=("South Campus Anesthesia",)),
    )
    assert match_one(named).programs == ("South Campus Anesthesia",)
    unnamed = match_one(msg(frm="news@campaigns.example", reply_to=("gme@shared.example",), to=(ME,)))
    assert unnamed.programs == () and set(unnamed.ambiguous) == {"North Campus Anesthesia", "South Campus Anesthesia"}


def test_from_a_program_wins_over_reply_to() -> None:
    m = msg(frm="pd@lakeside.example", reply_to=("coord@riverside-health.example",), to=(ME,))
    assert match_one(m).programs == (LAKESIDE.name,)


def test_reply_to_the_applicant_or_to_nobody_known_matches_nothing() -> None:
    assert match_one(msg(frm="news@shop.example", reply_to=(ME,), to=(ME,))) == Match()
    assert match_one(msg(frm="news@shop.example", reply_to=("sam.md@gmail.example",), to=(ME,))) == Match()
    assert match_one(msg(frm="news@shop.example", reply_to=("help@shop.example",), to=(ME,))) == Match()
    # the applicant's own Reply-To is skipped; a program's after it still speaks
    m = msg(frm="news@list.example", reply_to=(ME, "pd@lakeside.example"), to=(ME,))
    assert match_one(m).programs == (LAKESIDE.name,)


def test_a_no_reply_reply_to_behind_an_unknown_from_is_no_platform() -> None:
    # a shop's newsletter naming a program is not program mail because its Reply-To is no-reply
    m = msg(
        frm="news@shop.example",
        reply_to=("no-reply@shop.example",),
        to=(ME,),
        features=Features(mentions=(LAKESIDE.name,)),
    )
    assert match_one(m) == Match()


def test_platform_sender_still_decides_by_the_names_it_carries() -> None:
    # Thalamus with the coordinator in Reply-To: the SPEC's platform rule, names decide
    names_lakeside = msg(
        frm="notifications@thalamusgme.com",
        reply_to=("coord@riverside-health.example",),
        to=(ME,),
        features=Features(mentions=(LAKESIDE.name,)),
    )
    assert match_one(names_lakeside) == Match(programs=(LAKESIDE.name,), platform=True)
    names_nothing = msg(frm="no-reply@aamc.org", reply_to=("pd@lakeside.example",), to=(ME,))
    assert match_one(names_nothing) == Match(platform=True)


def test_may_belong_reads_reply_to_when_from_fits_no_program() -> None:
    service = "notifications@mailchimp-like-service.example"
    assert INDEX.may_belong(msg(frm=service, reply_to=("coord@riverside-health.example",), to=(ME,)).envelope)
    assert INDEX.may_belong(msg(frm=service, reply_to=("pd@lakeside.example",), to=(ME,), subject="Hi").envelope)
    assert not INDEX.may_belong(msg(frm=service, reply_to=(ME,), to=(ME,), subject="Interview day").envelope)
    assert not INDEX.may_belong(msg(frm=service, reply_to=("help@service.example",), to=(ME,)).envelope)
    assert not INDEX.may_belong(msg(frm="news@shop.example", reply_to=("no-reply@shop.example",), to=(ME,),
                                    subject="Interview tips").envelope)


def test_a_mailing_service_invitation_is_read_matched_and_judged_end_to_end(tmp_path: Path) -> None:
    mail = EmailMessage()
    mail["From"] = "Riverside Anesthesiology <notifications@mailchimp-like-service.example>"
    mail["Reply-To"] = "Coordinator <coord@riverside-health.example>"
    mail["To"] = ME
    mail["Subject"] = "Your application"
    mail["Date"] = "Tue, 20 Oct 2026 09:00:00 -0400"
    mail["Message-ID"] = "<campaign-1@mailchimp-like-service.example>"
    mail["List-Id"] = "<a1b2.list.mailchimp-like-service.example>"
    mail.set_content(
        "Dear Sam,\n\nWe are pleased to invite you to interview with our anesthesiology residency. "
        "Please choose a date from the link below.\n\nBest,\nThe residency office\n"
    )
    maildir = mailbox.Maildir(tmp_path / "Maildir", create=True)
    maildir.add(mailbox.MaildirMessage(mail))
    config = parse_config(
        {
            "account": {"email": ME},
            "season": {"match_year": 2027},
            "programs": [
                {"name": RIVERSIDE.name, "domains": list(RIVERSIDE.domains), "contacts": list(RIVERSIDE.contacts)}
            ],
        }
    )
    db = tmp_path / "season.db"
    stats = commands.scan(tmp_path / "Maildir", config, db)
    assert stats.analysed == 1
    report = commands.report(config, db, datetime(2026, 11, 1, tzinfo=timezone.utc))
    [program] = report.programs
    [view] = program.messages
    assert view.message_id == "<campaign-1@mailchimp-like-service.example>"
    assert view.direction == "in" and view.kind == "invitation"
    assert report.unmatched == 0
