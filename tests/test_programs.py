"""inboxcoach.core.programs.suggest on small literal mailboxes: what becomes a program, what never does."""

from __future__ import annotations

from datetime import date, datetime, timezone
from itertools import count
from typing import Any

from inboxcoach.config import Config, parse_config
from inboxcoach.core.model import Envelope
from inboxcoach.core.programs import Mail, Suggestion, suggest, wants_body

ME = "sam@example.org"
_ids = count(1)


def config(**programs: Any) -> Config:
    data: dict[str, Any] = {
        "account": {"email": ME, "aliases": ["sam.md@gmail.com"]},
        "season": {"match_year": 2027},
        "programs": list(programs.values()),
    }
    return parse_config(data, "test.toml")


def mail(
    frm: str,
    to: tuple[str, ...] | str = ME,
    subject: str = "",
    text: str | None = None,
    *,
    day: str = "2026-10-20T15:00",
    role: str | None = None,
    key: str | None = None,
    in_reply_to: tuple[str, ...] = (),
    automated: bool = False,
    name: str = "",
) -> Mail:
    key = key or f"m{next(_ids)}@test"
    envelope = Envelope(
        key=key,
        message_id=f"<{key}>",
        date=datetime.fromisoformat(day).replace(tzinfo=timezone.utc),
        from_addr=frm,
        from_name=name,
        to=(to,) if isinstance(to, str) else to,
        subject=subject,
        in_reply_to=in_reply_to,
        automated=automated,
    )
    return Mail(envelope, role or ("sent" if frm in (ME, "sam.md@gmail.com") else "inbox"), text)


def by_name(found: tuple[Suggestion, ...]) -> dict[str, Suggestion]:
    return {s.name: s for s in found}


RIVERSIDE_INVITE = mail(
    "coord@gme.riverside.edu",
    subject="Riverside University Anesthesiology - Interview Invitation",
    text="Dear Dr. Applicant,\n\nYou are invited to interview on Thursday, November 12.\n\nJane\nCoordinator",
    key="invite@riverside",
)


def test_a_program_from_its_own_mail() -> None:
    found = suggest([RIVERSIDE_INVITE, mail(ME, "coord@gme.riverside.edu", "Re: Riverside University Anesthesiology - Interview Invitation", "I confirm November 12.", in_reply_to=("invite@riverside",))], config())
    [program] = found.programs
    assert program.name == "Riverside University Anesthesiology"
    assert program.domains == ("riverside.edu",)  # the organisation, not gme.riverside.edu
    assert program.contacts == ("coord@gme.riverside.edu",)
    assert program.interview_date == date(2026, 11, 12)
    assert program.evidence.messages == 2 and program.evidence.from_you == 1
    assert program.program_config().domains == ("riverside.edu",)  # it validates as a config block


def test_a_public_mail_domain_is_never_a_program_domain_but_its_coordinator_a_contact() -> None:
    found = suggest(
        [
            mail("coordinator.lakeside@gmail.com", subject="Lakeside Medical Center Anesthesiology - interview invitation",
                 text="We invite you to interview with the Lakeside Medical Center Anesthesiology Residency on December 3."),
            mail(ME, "coordinator.lakeside@gmail.com", "Re: Lakeside Medical Center Anesthesiology - interview invitation",
                 "Thank you, I confirm December 3."),
        ],
        config(),
    )
    [program] = found.programs
    assert program.domains == ()
    assert program.contacts == ("coordinator.lakeside@gmail.com",)
    assert program.interview_date == date(2026, 12, 3)


def test_a_gmail_reply_in_a_program_thread_adds_a_contact() -> None:
    thank_you = mail(ME, "dkwon@kingsbridge.edu", "Thank you for the interview",
                     "Dear Dr. Kwon, thank you for the interview yesterday at Kingsbridge University Anesthesiology.",
                     key="thanks@sam", day="2026-11-03T15:00")
    invite = mail("smills@kingsbridge.edu", subject="Kingsbridge Anesthesiology - invitation to interview",
                  text="The Kingsbridge University Anesthesiology Residency invites you to interview on Monday, November 2.")
    reply = mail("daniel.kwon.md@gmail.com", subject="Re: Thank you for the interview", text="Thanks for the note!",
                 in_reply_to=("thanks@sam",), day="2026-11-04T15:00")
    [program] = suggest([invite, thank_you, reply], config()).programs
    assert program.domains == ("kingsbridge.edu",)
    assert "daniel.kwon.md@gmail.com" in program.contacts


def test_platforms_and_the_applicants_own_domain_are_no_program() -> None:
    found = suggest(
        [
            mail("notifications@thalamusgme.com", subject="New interview invitation from Pinecrest University Anesthesiology",
                 text="Pinecrest University Anesthesiology has invited you to interview."),
            mail("colleague@example.org", subject="Example University Hospital residency interview tips",
                 text="We at Example University Hospital wish you luck with your interview."),
            mail(ME, "colleague@example.org", "Re: Example University Hospital residency interview tips", "Thanks!"),
        ],
        config(),
    )
    assert found.programs == ()  # thalamusgme.com is the platform; example.org is Sam's own
    assert [name for name, _ in found.unplaced] == ["Pinecrest University Anesthesiology"]


def test_a_platform_names_the_program_of_a_domain_the_applicant_wrote_to() -> None:
    found = suggest(
        [
            mail("notifications@thalamusgme.com", subject="New interview invitation from Oakhurst University Hospital Anesthesiology",
                 text="Oakhurst University Hospital Anesthesiology has invited you to interview."),
            mail("notifications@thalamusgme.com", subject="Reminder: Oakhurst University Hospital Anesthesiology interview on Nov 20",
                 text="Your virtual interview with Oakhurst University Hospital Anesthesiology is on Friday, November 20."),
            mail(ME, "gwhitman@oakhurst-uh.org", "Thank you, Dr. Whitman",
                 "It was a real pleasure to meet you yesterday.", day="2026-11-21T16:00"),
        ],
        config(),
    )
    [program] = found.programs
    assert (program.name, program.domains, program.contacts) == (
        "Oakhurst University Hospital Anesthesiology", ("oakhurst-uh.org",), ("gwhitman@oakhurst-uh.org",)
    )
    assert program.interview_date == date(2026, 11, 20)
    assert program.evidence.from_platforms == 2


def test_noise_senders_are_never_proposed() -> None:
    found = suggest(
        [
            mail("orders@shopmart.com", subject="Delivered: Pocket Anesthesia, 4th ed.", text="Your order was delivered."),
            mail("orders@shopmart.com", subject="Delivered: Interview suit - navy", text="Your order was delivered."),
            mail("team@scrubwear.com", subject="Back in stock: Clinical Anesthesia Handbook", text="Order now."),
            mail("team@scrubwear.com", subject="Your interview day checklist", text="Scrubs, shoes, a padfolio."),
            mail("news@anesthesia-weekly.com", subject="Program spotlight: Pinecrest University Anesthesiology opens a simulation center",
                 text="This week in residency news.", automated=True),
            mail("alerts@firstcitybank.com", subject="Payment received", text="Your payment to First City Bank was received."),
            mail("notifications@connectly.com", subject="New jobs for Anesthesiology Resident", automated=True),
            mail("friend@mail.com", subject="Interview season!", text="How many interviews do you have?"),
            mail(ME, "friend@mail.com", "Re: Interview season!", "7 so far, Riverside is my favourite."),
        ],
        config(),
    )
    assert found.programs == ()


def test_one_domain_with_two_programs_is_split_by_the_names_its_mail_uses() -> None:
    found = suggest(
        [
            mail("r.castellano@meridianhealth.org", subject="Interview Invitation - St. Agnes Anesthesiology Residency",
                 text="Thank you for applying to the Meridian Health St. Agnes Anesthesiology Residency. We would like to invite you to interview on Monday, November 9."),
            mail(ME, "r.castellano@meridianhealth.org", "Re: Interview Invitation - St. Agnes Anesthesiology Residency", "I confirm."),
            mail("p.greer@meridianhealth.org", subject="Meridian Lakeview Anesthesiology - interview invitation",
                 text="The Lakeview Anesthesiology program at Meridian Health is pleased to invite you for an interview on Tuesday, December 1."),
            mail(ME, "p.greer@meridianhealth.org", "Re: Meridian Lakeview Anesthesiology - interview invitation", "Thank you."),
            mail("gme.office@meridianhealth.org", subject="Meridian Health GME - interview day parking",
                 text="Welcome to Meridian Health. Park in Garage C on your interview day."),
        ],
        config(),
    )
    programs = by_name(found.programs)
    assert set(programs) == {"Meridian Health St. Agnes Anesthesiology", "Meridian Lakeview Anesthesiology"}
    agnes, lakeview = programs["Meridian Health St. Agnes Anesthesiology"], programs["Meridian Lakeview Anesthesiology"]
    assert agnes.domains == lakeview.domains == ("meridianhealth.org",)
    assert (agnes.contacts, agnes.interview_date) == (("r.castellano@meridianhealth.org",), date(2026, 11, 9))
    assert (lakeview.contacts, lakeview.interview_date) == (("p.greer@meridianhealth.org",), date(2026, 12, 1))


def test_a_program_configured_already_is_not_proposed_again() -> None:
    configured = config(r={"name": "Riverside", "domains": ["riverside.edu"]})
    found = suggest([RIVERSIDE_INVITE], configured)
    assert found.programs == () and found.configured == ("Riverside",)


def test_outside_the_match_is_noticed() -> None:
    [program] = suggest(
        [mail("lfisk@crescentbay-hospital.org", subject="Interview - Crescent Bay Anesthesiology",
              text="I would like to invite you to a virtual interview. Please note that our positions are filled outside the NRMP Match.")],
        config(),
    ).programs
    assert program.nrmp is False


def test_last_seasons_mail_is_left_out() -> None:
    old = mail("coord@gme.riverside.edu", subject="Riverside University Anesthesiology - Interview Invitation",
               text="You are invited to interview.", day="2025-10-08T10:00")
    assert suggest([old], config()).programs == ()


def test_wants_body_reads_platforms_and_program_like_mail_only() -> None:
    platform = mail("notifications@thalamusgme.com", subject="Welcome to Thalamus!")
    shop = mail("orders@shopmart.com", subject="Your order has shipped")
    program = mail("coord@riverside.edu", subject="Interview invitation")
    wrote = mail(ME, "someone@oakhurst-uh.org", "Thank you")
    keys = wants_body([platform, shop, program, wrote], config())
    assert set(keys) == {platform.envelope.key, program.envelope.key, wrote.envelope.key}


def test_the_providers_init_knows_are_public_mail_domains() -> None:
    from inboxcoach.mail_domains import is_public_mail_domain
    from inboxcoach.cli.providers import PROVIDERS

    domains = [d for provider in PROVIDERS for d in provider.domains]
    assert domains and all(is_public_mail_domain(d) for d in domains)
    assert not is_public_mail_domain("riverside.edu") and not is_public_mail_domain("gmail.riverside.edu")
