"""The FETCH fast path: the same answer as imapclient's parser, on made-up and real responses."""

from __future__ import annotations

from email.message import EmailMessage

import pytest
from imapclient.response_parser import parse_fetch_response
from imapserver import DovecotServer

from inboxcoach.sources.imap.fetch import fetch, parse_simple_fetch
from inboxcoach.service.sync import BODY_ITEM, HEADER_ITEM


def test_header_batch_is_parsed_like_imapclient() -> None:
    data = [
        (b"1 (UID 7 RFC822.SIZE 525 BODY[HEADER.FIELDS (FROM SUBJECT)] {31}", b"From: a@b.example\r\nSubject: x\r\n"),
        b")",
        (b"2 (UID 9 RFC822.SIZE 1284 BODY[HEADER.FIELDS (FROM SUBJECT)] {2}", b"\r\n"),
        b")",
    ]
    fast = parse_simple_fetch(data)
    assert fast == parse_fetch_response(data, True, True)
    assert fast is not None
    assert fast[7][b"BODY[HEADER.FIELDS (FROM SUBJECT)]"] == b"From: a@b.example\r\nSubject: x\r\n"
    assert fast[9][b"RFC822.SIZE"] == 1284
    assert fast[9][b"SEQ"] == 2


def test_items_after_the_literal_partial_bodies_and_nil() -> None:
    data = [
        (b"3 (BODY[]<0> {5}", b"hello"),
        b" UID 12 RFC822.SIZE 5)",
        (b"4 (UID 13 BODY[]<0> {3}", b"abc"),
        (b" BODY[1] {2}", b"de"),
        b" MODSEQ NIL)",
    ]
    fast = parse_simple_fetch(data)
    assert fast == parse_fetch_response(data, True, True)
    assert fast is not None
    assert fast[12] == {b"SEQ": 3, b"BODY[]<0>": b"hello", b"RFC822.SIZE": 5}
    assert fast[13] == {b"SEQ": 4, b"BODY[]<0>": b"abc", b"BODY[1]": b"de", b"MODSEQ": None}


@pytest.mark.parametrize(
    "data",
    [
        [b'1 (UID 7 FLAGS (\\Seen))'],  # a parenthesised list (an unsolicited update looks like this)
        [b'1 (UID 7 BODY[HEADER] "From: a@b")'],  # a quoted string instead of a literal
        [(b"1 (UID 7 BODY[] {3}", b"abc")],  # the closing text never came
        [b"1 (RFC822.SIZE 5)"],  # no UID
        [b"garbage"],
    ],
)
def test_anything_else_is_left_to_imapclient(data: list) -> None:
    assert parse_simple_fetch(data) is None


def _message(n: int, body: str = "Hello") -> bytes:
    msg = EmailMessage()
    msg["From"] = f"Coordinator {n} <pd{n}@lakeside.example>"
    msg["To"] = "sam@example.org"
    msg["Subject"] = f"Interview {n} \u2014 caf\u00e9"
    msg["Message-ID"] = f"<m{n}@lakeside.example>"
    msg.set_content(body * (n + 1))
    return msg.as_bytes()


def test_real_server_answers_the_same_through_both_paths(dovecot: DovecotServer) -> None:
    for n in range(5):
        dovecot.append("INBOX", _message(n))
    with dovecot.client() as client:
        client.select_folder("INBOX", readonly=True)
        uids = client.search("ALL")
        for items in ([HEADER_ITEM, "RFC822.SIZE"], [BODY_ITEM], ["RFC822.SIZE", "FLAGS"]):
            assert fetch(client, uids, items) == client.fetch(uids, items)
        assert fetch(client, [], [BODY_ITEM]) == {}
        assert fetch(client, [uids[0], 999], [BODY_ITEM]).keys() == {uids[0]}
    assert not any(b"\\Seen" in dovecot.flags("INBOX", uid) for uid in uids)  # PEEK
