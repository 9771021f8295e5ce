"""The cheap program-name test of platform and no-reply mail: never a no where the
analysis would find a name, and no for mail that names no program."""

from __future__ import annotations

import base64
import mailbox
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


# -- the byte test never rules out what the text shows ---------------------------------

PIECES = [
    "Riverside", "RIVERSIDE", "riverSIDE", "University", "Univ", "RUH", "R", "UH", "St.", "Luke", "LUKE", "'s",
    "\u2019s", "&rsquo;", " ", "  ", "\n", "\n ", "=\n", "=\r\n", "=52", "=72", "=3D", "&#82;", "&#x52;", "&#117;",
    "&amp;", "&nbsp;", "&fjlig;", "\u0130", "\u212a", "Lu", "ke", "e", "\u00e9", "Anesthesiology", "ANESTHESIOLOGY", "iverside", "Rivers",
]


def _full_test(raw: bytes, programs: tuple[Program, ...]) -> bool:
    """The name test without the byte test in front: the whole text, folded."""
    import html

    from inboxcoach.detectors.namecheck import _fold, _undo_quoted_printable

    text = _fold(html.unescape(_undo_quoted_printable(raw).decode("utf-8", "replace")))
    return any(_fold(label) in text for program in programs for label in (program.name, *program.aliases))


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=24), st.booleans())
def test_the_byte_test_never_rules_out_a_name_the_text_shows(pieces: list[str], quoted: bool) -> None:
    encoding = b"Content-Transfer-Encoding: quoted-printable\n" if quoted else b""
    raw = HEAD + b"Content-Type: text/plain; charset=utf-8\n" + encoding + b"\n" + "".join(pieces).encode()
    if _full_test(raw, PROGRAMS):
        assert program_named_in(raw, "Residency news", PROGRAMS), pieces


def test_a_name_spelled_by_character_references_is_found() -> None:
    body = b"Content-Type: text/html\n\n<p>Welcome to &#82;iverside &#x55;niversity</p>\n"
    assert program_named_in(HEAD + body, "Residency news", PROGRAMS)


def test_a_name_without_ascii_letters_is_looked_for_in_the_whole_text() -> None:
    programs = (Program("\u6771\u4eac\u5927\u5b66"),)
    body = "Content-Type: text/plain; charset=utf-8\n\n\u6771\u4eac\u5927\u5b66\u306e\u9762\u63a5\n".encode()
    assert program_named_in(HEAD + body, "News", programs)
    assert not program_named_in(HEAD + b"\nNothing here.\n", "News", programs)


def test_a_letter_whose_lower_case_is_ascii_is_read_as_that_letter() -> None:
    body = "Content-Type: text/plain; charset=utf-8\n\nSee you at St. LU\u212aE'S soon.\n".encode()  # the Kelvin sign
    assert program_named_in(HEAD + body, "Residency news", PROGRAMS)
