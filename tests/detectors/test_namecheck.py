"""The cheap program-name test of platform and no-reply mail: never a no where the
analysis would find a name, and no for mail that names no program."""

from __future__ import annotations

import base64
import mailbox
from importlib import resources

import pytest

from inboxcoach.config import load_config
from inboxcoach.core.body import parse_body
from inboxcoach.core.model import Program
from inboxcoach.detectors.namecheck import program_named_in
from inboxcoach.detectors.program_names import mentioned_programs

PROGRAMS = (
    Program("Riverside University Anesthesiology", aliases=("Riverside University", "RUH")),
    Program("St. Luke's Anesthesiology", aliases=("St. Luke's",)),
)
HEAD = b"From: no-reply@thalamusgme.com\nTo: sam@example.org\nSubject: Interview scheduled\n"


@pytest.mark.parametrize(
    "body",
    [
        b"Content-Type: text/plain\n\nYour interview with Riverside University is confirmed.\n",
        b"Content-Type: text/plain\nContent-Transfer-Encoding: quoted-printable\n\nYour interview with Riverside =\nUniversity is =3D confirmed.\n",
        b"Content-Type: text/html\n\n<p>Your interview with St. Luke&rsquo;s Anesthesiology</p>\n",
        "Content-Type: text/plain; charset=utf-8\n\nYour interview with St. Luke\u2019s is on Monday.\n".encode(),
        b"Content-Type: text/plain\n\nYour interview with Riverside\n   University is confirmed.\n",
        b"Content-Type: text/plain\nContent-Transfer-Encoding: base64\n\n"
        + base64.encodebytes(b"Welcome to riverside university anesthesiology"),
    ],
)
def test_a_name_however_it_is_encoded_is_found(body: bytes) -> None:
    assert program_named_in(HEAD + body, "Interview scheduled", PROGRAMS)


def test_the_subject_alone_may_name_it() -> None:
    assert program_named_in(HEAD + b"\nSee the portal.\n", "Your interview at RUH", PROGRAMS)


def test_a_newsletter_that_names_no_program_is_no() -> None:
    body = b"Content-Type: text/plain\n\nWeekly residency tips: how to write a thank-you note; match news.\n"
    assert not program_named_in(HEAD + body, "Residency news", PROGRAMS)


def test_never_no_where_the_analysis_finds_a_name_on_the_sample_season() -> None:
    data = resources.files("inboxcoach") / "data"
    config = load_config(data / "sample_config.toml")  # type: ignore[arg-type]
    programs = config.program_list
    box = mailbox.mbox(str(data / "sample_season.mbox"), create=False)
    checked = 0
    try:
        for key in box.keys():
            raw = box.get_bytes(key)
            subject = box[key].get("Subject", "")
            text = parse_body(raw).text
            if mentioned_programs(f"{subject}\n{text}", programs):
                assert program_named_in(raw, str(subject), programs), subject
                checked += 1
    finally:
        box.close()
    assert checked > 100
