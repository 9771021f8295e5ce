"""parse.py: the fast header path and the full body path, on odd messages built here."""

from __future__ import annotations

import logging
import os
from datetime import datetime, timedelta, timezone
from email.message import EmailMessage

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inboxcoach.core import body as body_module

from inboxcoach.core import headers as fields, parse
from inboxcoach.core.body import parse_body, strip_attachments
from inboxcoach.core.model import EARLIEST, LATEST
from inboxcoach.core.parse import (
    MalformedMessage,
    decode_header_value,
    header_block,
    parse_addresses,
    parse_envelope,
    parse_labels,
)


def simple(headers: str, body: str = "Hello.\n") -> bytes:
    return (headers.strip("\n") + "\n\n" + body).encode("utf-8")


# --------------------------------------------------------------------- envelope


@pytest.mark.parametrize("data", [b"", b"   \n", b"\n\nSubject: after a blank line\n"])
def test_no_headers_is_malformed(data: bytes) -> None:
    with pytest.raises(MalformedMessage):
        parse_envelope(data)


def test_body_only_blob_is_malformed_with_reason() -> None:
    with pytest.raises(MalformedMessage) as info:
        parse_envelope(b"Dear Dr. Smith,\nthank you for the interview.\n")
    assert info.value.reason == "no headers"


def test_empty_bytes_reason() -> None:
    with pytest.raises(MalformedMessage) as info:
        parse_envelope(b"")
    assert info.value.reason == "empty message"


def test_basic_envelope() -> None:
    data = simple(
        """
Message-ID: <CAF+Abc.123@Mail.Gmail.com>
Date: Tue, 12 Nov 2026 10:00:00 -0500
From: "Doe, Jane" <Jane.Doe@Example.ORG>
Reply-To: coord@riverside.edu
To: Dr. Smith <SMITH@riverside.edu>, smith@riverside.edu, other@riverside.edu
Cc: cc@x.org
Bcc: bcc@x.org
Subject:  Thank  you
In-Reply-To: <Parent@X.org>
References: <root@x.org>
 <Parent@X.org>
"""
    )
    env = parse_envelope(data)
    assert env.key == "caf+abc.123@mail.gmail.com"
    assert env.message_id == "<CAF+Abc.123@Mail.Gmail.com>"  # case kept for display
    assert env.date == datetime(2026, 11, 12, 15, 0, tzinfo=timezone.utc)
    assert env.from_addr == "jane.doe@example.org"
    assert env.from_name == "Doe, Jane"
    assert env.reply_to == ("coord@riverside.edu",)
    assert env.to == ("smith@riverside.edu", "other@riverside.edu")
    assert env.cc == ("cc@x.org",)
    assert env.bcc == ("bcc@x.org",)
    assert env.subject == "Thank you"
    assert env.in_reply_to == ("parent@x.org",)
    assert env.references == ("root@x.org", "parent@x.org")
    assert env.thread_refs == ("parent@x.org", "root@x.org")
    assert env.automated is False
    assert env.labels == ()
    assert env.size == len(data)


def test_size_given_wins_and_header_only_data_parses() -> None:
    env = parse_envelope(b"From: a@b.org\r\nSubject: hi\r\n\r\n", size=12345)
    assert env.size == 12345
    assert env.subject == "hi"


def test_only_header_block_is_parsed() -> None:
    data = simple("From: a@b.org\nSubject: real", "Subject: not a header\nTo: nobody@x.org\n")
    env = parse_envelope(data)
    assert env.subject == "real"
    assert env.to == ()


def test_leading_mbox_separator_line_is_ignored() -> None:
    env = parse_envelope(b"From a@b.org Tue Nov 12 10:00:00 2026\nFrom: a@b.org\nSubject: x\n\nbody\n")
    assert env.from_addr == "a@b.org"
    assert env.subject == "x"


def test_thousand_recipients() -> None:
    to = ",\n ".join(f'"Person {i}" <P{i}@Example.org>' for i in range(1000))
    env = parse_envelope(simple(f"From: a@b.org\nTo: {to}"))
    assert len(env.to) == 1000
    assert env.to[0] == "p0@example.org"
    assert env.to[-1] == "p999@example.org"


def test_addresses_garbage_dropped_duplicates_removed() -> None:
    pairs = parse_addresses(
        ['garbage, <>, foo@, "X" <y@z.com>, Y@Z.com, undisclosed-recipients:;', "second@x.org"]
    )
    assert pairs == [("X", "y@z.com"), ("", "second@x.org")]


def test_addresses_survive_unbalanced_quotes() -> None:
    pairs = parse_addresses(['a@b.org, "Broken <c@d.org>, e@f.org'])
    assert [addr for _, addr in pairs] == ["a@b.org", "c@d.org", "e@f.org"]


def test_encoded_display_name_with_comma_is_one_address() -> None:
    pairs = parse_addresses(["=?utf-8?q?M=C3=BCller=2C_Anna?= <anna@x.de>, b@x.de"])
    assert pairs == [("Müller, Anna", "anna@x.de"), ("", "b@x.de")]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("=?utf-8?q?Interview_invitation_=E2=80=93_Riverside?=", "Interview invitation – Riverside"),
        ("=?UTF-8?B?VGhhbmsgeW91IMOgIHZvdXM=?=", "Thank you à vous"),
        ("=?utf-8?q?Dank?= =?utf-8?q?e_sch=C3=B6n?=", "Danke schön"),
        ("Re: =?iso-8859-1?q?J=E9r=F4me?= here", "Re: Jérôme here"),
        ("=?x-unknown-charset?q?caf=C3=A9?=", "café"),
        ("=?utf-8?q?bad=FF=FEbytes?=", "badÿþbytes"),
        ("=?utf-8?B?!!!notbase64?=", "=?utf-8?B?!!!notbase64?="),
        ("plain\n folded", "plain folded"),
    ],
)
def test_rfc2047_decoding(raw: str, expected: str) -> None:
    assert decode_header_value(raw) == expected


def test_rfc2047_subject_in_envelope() -> None:
    env = parse_envelope(simple("From: a@b.org\nSubject: =?utf-8?q?Entw=C3=BCrfe?= und mehr"))
    assert env.subject == "Entwürfe und mehr"


def test_invalid_utf8_in_headers_never_raises() -> None:
    data = (
        b"From: J\xe9r\xf4me \xff <jerome@x.org>\n"
        b"To: a@b.org\n"
        b"Subject: caf\xc3\xa9 and \xff\xfe\n"
        b"Message-ID: <id\xff@x.org>\n\nbody\n"
    )
    env = parse_envelope(data)
    assert env.from_addr == "jerome@x.org"
    assert env.subject.startswith("caf")
    assert "and" in env.subject
    assert env.key


def test_utf8_raw_subject_decoded() -> None:
    env = parse_envelope("From: a@b.org\nSubject: Grüße\n\n".encode())
    assert env.subject == "Grüße"


def test_missing_message_id_gets_stable_sha1_key() -> None:
    data = simple("From: a@b.org\nTo: c@d.org\nDate: Tue, 12 Nov 2026 10:00:00 +0000\nSubject: hi")
    first = parse_envelope(data)
    second = parse_envelope(data + b"different body\n")
    assert first.key == second.key
    assert first.key.startswith("sha1:")
    assert len(first.key) == len("sha1:") + 40
    assert first.message_id == f"<{first.key}@inboxcoach>"
    other = parse_envelope(simple("From: a@b.org\nTo: c@d.org\nDate: Tue, 12 Nov 2026 10:00:00 +0000\nSubject: ho"))
    assert other.key != first.key


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Tue, 12 Nov 2026 10:00:00 +0100", datetime(2026, 11, 12, 9, 0, tzinfo=timezone.utc)),
        ("Tue, 12 Nov 2026 10:00:00 -0000", datetime(2026, 11, 12, 10, 0, tzinfo=timezone.utc)),
        ("12 Nov 2026 10:00:00", datetime(2026, 11, 12, 10, 0, tzinfo=timezone.utc)),
        ("not a date", None),
        ("", None),
    ],
)
def test_dates(value: str, expected: datetime | None) -> None:
    env = parse_envelope(simple(f"From: a@b.org\nDate: {value}"))
    assert env.date == expected
    if env.date is not None:
        assert env.date.utcoffset() is not None


@pytest.mark.parametrize(
    ("header", "automated"),
    [
        ("Auto-Submitted: auto-generated", True),
        ("Auto-Submitted: no", False),
        ("Precedence: bulk", True),
        ("Precedence: List", True),
        ("Precedence: first-class", False),
        ("List-Id: <news.riverside.edu>", True),
        ("X-Other: 1", False),
    ],
)
def test_automated(header: str, automated: bool) -> None:
    assert parse_envelope(simple(f"From: a@b.org\n{header}")).automated is automated


def test_gmail_labels() -> None:
    env = parse_envelope(simple('From: a@b.org\nX-Gmail-Labels: Inbox,"Programs, 2027",Opened,Sent'))
    assert env.labels == ("Inbox", "Programs, 2027", "Opened", "Sent")


def test_parse_labels_encoded_and_empty() -> None:
    assert parse_labels("=?UTF-8?Q?Entw=C3=BCrfe?=,Wichtig") == ("Entwürfe", "Wichtig")
    assert parse_labels(None) == ()
    assert parse_labels("") == ()


def test_header_block_variants() -> None:
    assert header_block(b"A: 1\r\nB: 2\r\n\r\nbody") == b"A: 1\r\nB: 2\r\n\r\n"
    assert header_block(b"A: 1\n\nbody") == b"A: 1\n\n"
    assert header_block(b"A: 1\n") == b"A: 1\n"


# ------------------------------------------------------------------------- body


def _blank_line_as_first_written(data: bytes, start: int = 0, end: int | None = None) -> tuple[int, int]:
    """parse._find_blank_line by its definition: the first of three separators."""
    stop = len(data) if end is None else end
    if data.startswith(b"\n", start):
        return start, start + 1
    if data.startswith(b"\r\n", start):
        return start, start + 2
    best, sep_len = -1, 0
    for sep in (b"\n\n", b"\r\n\r\n", b"\n\r\n"):
        pos = data.find(sep, start, stop)
        if pos != -1 and (best == -1 or pos < best):
            best, sep_len = pos, len(sep)
    return (stop, stop) if best == -1 else (best + 1, best + sep_len)


_LINE_ENDS = st.lists(st.sampled_from([b"\n", b"\r", b"\r\n", b"a", b": ", b"\t", b" "]), max_size=30).map(b"".join)


@settings(max_examples=1500)
@given(_LINE_ENDS, st.integers(0, 12), st.integers(-12, 40))
def test_blank_line_is_found_as_defined(data: bytes, start: int, end: int) -> None:
    stop = None if end >= len(data) or end < start else end
    assert parse._find_blank_line(data, start, stop) == _blank_line_as_first_written(data, start, stop)


@pytest.mark.parametrize(
    ("data", "start", "found"),
    [
        (b"A: b\r\n\r\nbody", 0, (5, 8)),  # the block keeps the first line end's "\r\n"
        (b"A: b\n\nbody", 0, (5, 6)),
        (b"A: b\n\r\nbody", 0, (5, 7)),
        (b"x\r\n\r\nA: b\r\n\r\nbody", 3, (3, 5)),  # a blank line at the start of the range
        (b"A: b\r\n\r\nbody", 5, (5, 6)),  # a range that starts inside the blank line
        (b"A: b\r\nC: d", 0, (10, 10)),  # none: all of it is the header block
        (b"A: b\r\nC: d\n\r\n\r\n", 0, (11, 13)),  # "\n\r\n" first
    ],
)
def test_blank_line_examples(data: bytes, start: int, found: tuple[int, int]) -> None:
    assert parse._find_blank_line(data, start) == found == _blank_line_as_first_written(data, start)


def test_plain_body_and_own_words() -> None:
    data = simple(
        "From: a@b.org\nSubject: thanks",
        "Dear Dr. Smith,\n\nThank you for the interview.\n\nBest regards,\nJane Doe\n\n"
        "On Tue, Nov 12, 2026 at 10:00 AM Coordinator <c@r.edu> wrote:\n> You are our #1 pick.\n",
    )
    body = parse_body(data)
    assert "You are our #1 pick." in body.text
    assert body.own_words == "Dear Dr. Smith,\n\nThank you for the interview."


def test_html_only_body_converted_to_text() -> None:
    msg = EmailMessage()
    msg["From"] = "a@b.org"
    msg.set_content("<html><body><p>Dear Dr. Smith,</p><p>I enjoyed <b>meeting</b> the residents.</p></body></html>", subtype="html")
    body = parse_body(msg.as_bytes())
    assert "Dear Dr. Smith," in body.text
    assert "I enjoyed meeting the residents." in body.text
    assert "<p>" not in body.text


def test_multipart_alternative_prefers_plain() -> None:
    msg = EmailMessage()
    msg["From"] = "a@b.org"
    msg.set_content("Plain version.\n")
    msg.add_alternative("<p>HTML version.</p>", subtype="html")
    assert parse_body(msg.as_bytes()).text.strip() == "Plain version."


def test_twenty_megabyte_attachment() -> None:
    msg = EmailMessage()
    msg["From"] = "a@b.org"
    msg["Subject"] = "CV"
    msg.set_content("Dear Dr. Smith,\n\nPlease find my updated CV attached.\n")
    msg.add_attachment(os.urandom(20_000_000), maintype="application", subtype="pdf", filename="cv.pdf")
    data = msg.as_bytes()
    assert len(data) > 20_000_000
    body = parse_body(data)
    assert body.text.strip() == "Dear Dr. Smith,\n\nPlease find my updated CV attached."
    assert body.own_words == "Dear Dr. Smith,\n\nPlease find my updated CV attached."


def test_strip_attachments_keeps_text_drops_binary() -> None:
    msg = EmailMessage()
    msg["From"] = "a@b.org"
    msg.set_content("Keep me.\n")
    msg.add_attachment(b"\x00" * 300_000, maintype="application", subtype="octet-stream", filename="x.bin")
    inner = EmailMessage()
    inner["From"] = "c@d.org"
    inner.set_content("Forwarded text.\n")
    msg.add_attachment(inner)
    reduced = strip_attachments(msg.as_bytes())
    assert len(reduced) < 5_000
    assert b"Keep me." in reduced
    assert b"Forwarded text." in reduced


def test_truncated_mime_part() -> None:
    data = (
        b"From: a@b.org\nMIME-Version: 1.0\n"
        b'Content-Type: multipart/mixed; boundary="XYZ"\n\n'
        b"--XYZ\nContent-Type: text/plain; charset=utf-8\n\nDear Dr. Smith, thank you.\n"
        b"--XYZ\nContent-Type: application/pdf\nContent-Transfer-Encoding: base64\n\nJVBERi0xLjQKJ"
    )
    assert "Dear Dr. Smith, thank you." in parse_body(data).text
    assert "Dear Dr. Smith, thank you." in parse_body(data, max_bytes=100).text


def test_truncated_base64_text_part() -> None:
    data = (
        b"From: a@b.org\nContent-Type: text/plain; charset=utf-8\n"
        b"Content-Transfer-Encoding: base64\n\nRGVhciBEci4gU21pdGgsIHRoYW5r"
    )
    assert parse_body(data).text.startswith("Dear Dr. Smith")


def test_missing_boundary() -> None:
    data = b"From: a@b.org\nContent-Type: multipart/mixed\n\nJust some text without parts.\n"
    assert parse_body(data).text.strip() == "Just some text without parts."
    assert parse_body(data, max_bytes=10).text.strip().startswith("Just some")


def test_invalid_utf8_body() -> None:
    data = b"From: a@b.org\nContent-Type: text/plain; charset=utf-8\n\nCaf\xe9 \xff\xfe ok, thank you.\n"
    body = parse_body(data)
    assert "ok, thank you." in body.text


def test_unknown_charset_body() -> None:
    data = b"From: a@b.org\nContent-Type: text/plain; charset=x-nonsense\n\nHello there.\n"
    assert "Hello there." in parse_body(data).text


def test_deep_nesting_does_not_raise() -> None:
    depth = 3000
    parts = [b"From: a@b.org\nMIME-Version: 1.0\n"]
    for level in range(depth):
        parts.append(b'Content-Type: multipart/mixed; boundary="b%d"\n\n--b%d\n' % (level, level))
    parts.append(b"Content-Type: text/plain\n\ndeep text\n")
    for level in reversed(range(depth)):
        parts.append(b"--b%d--\n" % level)
    data = b"".join(parts)
    # mail-parser gives up (MailParserRecursionError); nothing usable is left.
    assert parse_body(data).text == ""
    assert parse_body(data, max_bytes=100).text == ""


def test_parse_body_empty_is_malformed() -> None:
    with pytest.raises(MalformedMessage):
        parse_body(b"")


def test_mailparser_logger_silenced() -> None:
    assert logging.getLogger("mailparser").getEffectiveLevel() == logging.CRITICAL
    assert logging.getLogger("mailparser.core").getEffectiveLevel() == logging.CRITICAL


# -- the fast paths give what the full parsers give ------------------------------

TRICKY_ADDRESSES = [
    "Dr. Ann Lee <ann@lakeside.example>",
    "ann@lakeside.example",
    "  <ANN@Lakeside.Example>  ",
    "Ann\r\n Lee <ann@lakeside.example>",
    '"Lee, Ann" <ann@lakeside.example>',
    "Lee, Ann <ann@lakeside.example>",
    "ann@lakeside.example (Ann Lee)",
    "=?utf-8?q?Ren=C3=A9e?= <renee@lakeside.example>",
    "Undisclosed recipients:;",
    "<ann@[127.0.0.1]>",
    "ann@lakeside.example, bob@lakeside.example",
    "Ann <ann@lakeside.example",
    "not an address",
    "Ren\udcc3\udca9e <renee@lakeside.example>",
    "",
]
TRICKY_DATES = [
    "Tue, 1 Sep 2026 10:00:00 +0000",
    "Tue, 01 Sep 2026 10:00:00 -0500 (EST)",
    "1 Sep 2026 10:00 +0530",
    "Tue, 1 Sep 2026 10:00:00 -0000",
    "Tue, 31 Feb 2026 10:00:00 +0000",
    "Tue, 1 Sep 26 10:00:00 +0000",
    "Tue, 1 Sep 2026 10:00:00 GMT",
    "Tue, 1 Sept 2026 10:00:00 +0000",
    "Tue, 1 Sep 2026 25:00:00 +0000",
    "Tue, 1 Sep 9999 23:59:59 -1200",
    "garbage",
]


def _sample_headers() -> list[parse._Headers]:
    import mailbox
    from importlib import resources

    path = resources.files("inboxcoach") / "data" / "sample_season.mbox"
    box = mailbox.mbox(str(path), create=False)
    try:
        return [parse._parse_header_block(box.get_bytes(key)) for key in box.keys()]
    finally:
        box.close()


@pytest.mark.parametrize("value", TRICKY_ADDRESSES)
def test_single_address_fast_path_agrees_with_the_full_parser(value: str) -> None:
    fast = fields._single_address(value)
    if fast is not None:
        assert [fast] == fields._parse_addresses_full([value])
    assert parse.parse_addresses([value]) == fields._parse_addresses_full([value])


def _stdlib_date(value: str) -> datetime | None:
    """What the standard library makes of a Date value, in UTC, or None."""
    from email.utils import parsedate_to_datetime

    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    moment = moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
    try:
        return moment.astimezone(timezone.utc)
    except OverflowError:
        return None


@pytest.mark.parametrize("value", TRICKY_DATES)
def test_dates_are_the_standard_librarys_within_the_sane_range(value: str) -> None:
    parsed = fields._parse_date(value)
    expected = _stdlib_date(value)
    if parsed is not None:
        assert parsed == expected
        assert parsed.utcoffset() == timedelta(0)
    else:
        assert expected is None or not (EARLIEST <= expected < LATEST)


@pytest.mark.parametrize(
    "value",
    [
        "Tue, 1 Sep 2026 10:00:00 +9999",  # zone offsets no clock has: no date, never an error
        "Tue, 1 Sep 2026 10:00:00 +2400",
        "Tue, 1 Sep 2026 10:00:00 -2360",
        "Mon, 1 Jan 1900 10:00:00 +0000",  # outside the sane range
        "Fri, 31 Dec 9999 23:59:59 -1200",
        "Thu, 1 Jan 1970 00:00:00 +0100",  # one hour before the range begins
    ],
)
def test_dates_out_of_range_are_none(value: str) -> None:
    assert fields._parse_date(value) is None
    assert parse_envelope(simple(f"From: a@b.org\nDate: {value}")).date is None


def test_every_sample_season_date_is_read_as_the_standard_library_reads_it() -> None:
    dated = 0
    for headers in _sample_headers():
        raw = fields._raw(headers.get("date"))
        if raw:
            assert fields._parse_date(raw) == _stdlib_date(raw)
            dated += 1
    assert dated > 300


def test_single_address_fast_path_is_the_usual_case() -> None:
    fast_addresses = 0
    for headers in _sample_headers():
        for name in ("from", "to", "cc", "reply-to"):
            values = headers.get_all(name)
            if values:
                assert parse.parse_addresses(values) == fields._parse_addresses_full(values)
                fast_addresses += len(values) == 1 and fields._single_address(values[0]) is not None
    assert fast_addresses > 600


def test_plain_field_split_agrees_with_compat32() -> None:
    import email.parser
    import email.policy

    blocks = [
        b"From: a@b.example\r\nSubject: one\r\n two\r\nTo:\r\n c@d.example\r\n\r\n",
        b"Subject:   spaced  \nX-Empty:\nReceived: x\n\ty\n\n",
        b"Subject: caf\xc3\xa9\r\n\r\n",
    ]
    for block in blocks:
        fields = parse._plain_fields(block)
        assert fields is not None
        message = email.parser.BytesHeaderParser(policy=email.policy.compat32).parsebytes(block)
        assert fields == parse._Headers.of(message).values
    for odd in (b"From x y\nSubject: a\n", b"Subject: a\rTo: b\n", b" leading: fold\n", b"Bad Name: x\n", b""):
        assert parse._plain_fields(odd) is None


def test_body_read_with_folded_content_headers_and_odd_addresses() -> None:
    data = (
        b"From: =?iso-8859-1?q?Ren=E9e?= <r@x.example>\r\n"
        b"To: \"Lee, Ann\" <ann@x.example>,\r\n bob@x.example\r\n"
        b"Subject: caf\xe9\r\n"
        b"MIME-Version: 1.0\r\n"
        b"Content-Type: multipart/alternative;\r\n boundary=\"b1\"\r\n"
        b"\r\n"
        b"--b1\r\nContent-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
        b"Merci, caf=E9 au lait.\r\n"
        b"--b1\r\nContent-Type: text/html\r\n\r\n<p>ignored</p>\r\n--b1--\r\n"
    )
    assert parse_body(data).text.strip() == "Merci, caf\u00e9 au lait."
    content_only = body_module._content_headers_only(data)
    assert content_only.startswith(b"MIME-Version: 1.0\r\nContent-Type: multipart/alternative;\r\n")


@settings(max_examples=500, deadline=None)
@given(
    st.sampled_from(["", "Mon, ", "Sun, ", "Xyz, "]),
    st.integers(0, 99),
    st.sampled_from(["Jan", "Feb", "Jun", "Sep", "Dec", "Foo", "JAN"]),
    st.integers(0, 9999),
    st.integers(0, 99),
    st.integers(0, 99),
    st.integers(0, 99),
    st.sampled_from(["+", "-"]),
    st.integers(0, 9999),
)
def test_the_usual_date_form_is_read_as_the_general_parser_reads_it(
    weekday: str, day: int, month: str, year: int, hour: int, minute: int, second: int, sign: str, zone: int
) -> None:
    """The fast reading of "Thu, 3 Dec 2026 13:48:39 +0000" gives what the standard
    library's parser gives, out-of-range fields and zones included."""
    value = f"{weekday}{day} {month} {year:04d} {hour:02d}:{minute:02d}:{second:02d} {sign}{zone:04d}"
    expected = _stdlib_date(value)
    if expected is not None and not (EARLIEST <= expected < LATEST):
        expected = None
    assert fields._parse_date(value) == expected


def test_the_usual_date_form_is_read_without_the_general_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    def general(value: str) -> None:
        raise AssertionError(value)

    monkeypatch.setattr(fields, "parsedate_tz", general)
    moment = fields._parse_date("Thu, 3 Dec 2026 13:48:39 -0130")
    assert moment == datetime(2026, 12, 3, 15, 18, 39, tzinfo=timezone.utc)
