"""The FETCH fast path: the same answer as imapclient's parser, on made-up and real responses."""

from __future__ import annotations

from email.message import EmailMessage
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientAbortError, IMAPClientError
from imapclient.response_parser import parse_fetch_response
from imapserver import DovecotServer
from scripted_imap import CLOSE, ScriptedImapServer

from inboxcoach.sources.imap.fetch import FetchData, fetch, parse_simple_fetch
from inboxcoach.sources.imap.wire import uid_set
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


# -- reading the answer: what imaplib's reader would file, on a scripted server --------


def _scripted_fetch(answer: list[str], *, twice: bool = False) -> tuple[FetchData, list[Any]]:
    """Our fetch of UIDs 7 to 9 on a server that answers ``answer``: the result, and
    what imaplib filed meanwhile. ``twice``: then imapclient's own fetch, the same
    (the result and what was filed)."""
    rules = [(r"EXAMINE .*", ["* 3 EXISTS", "* OK [UIDVALIDITY 1] ok", "{tag} OK [READ-ONLY] selected"]),
             (r"UID FETCH .*", answer)]  # fmt: skip
    with ScriptedImapServer(rules) as server:
        client = IMAPClient("127.0.0.1", server.port, ssl=False, timeout=5)
        client.login("sam", "pw")
        client.select_folder("INBOX", readonly=True)
        try:
            out: list[Any] = []
            for read in (fetch, IMAPClient.fetch)[: 2 if twice else 1]:
                client._imap.untagged_responses.clear()
                out += [read(client, [7, 8, 9], ["BODY.PEEK[]"]), dict(client._imap.untagged_responses)]
        finally:
            client.shutdown()
        assert "UID FETCH 7:9 (BODY.PEEK[])" in server.commands  # a run of UIDs is sent as a range
        return out[0], out[1:]


def test_other_answers_amid_the_fetch_data_are_filed_as_imaplib_files_them() -> None:
    answer = [
        "* 1 FETCH (UID 7 BODY[] {{5}}",
        "hello)",
        "* 4 EXISTS",
        "* OK [ALERT] the server says hello",
        "* 2 FETCH (UID 8 BODY[] {{0}}",
        ")",
        "* 3 EXPUNGE",
        "{tag} OK fetched",
    ]
    ours, (filed, theirs, filed_by_imaplib) = _scripted_fetch(answer, twice=True)
    assert ours == {7: {b"SEQ": 1, b"BODY[]": b"hello"}, 8: {b"SEQ": 2, b"BODY[]": b""}}
    assert ours == theirs
    assert filed["EXISTS"] == [b"4"] and filed["EXPUNGE"] == [b"3"] and "ALERT" in filed
    assert filed == {typ: value for typ, value in filed_by_imaplib.items() if typ not in ("FETCH", "READ-ONLY")}


def test_a_refused_fetch_raises_as_imapclient_does() -> None:
    with pytest.raises(IMAPClientError, match="no such message"):
        _scripted_fetch(["{tag} NO no such message"])


def test_a_connection_closed_amid_the_answer_raises_imaplibs_abort() -> None:
    with pytest.raises(IMAPClientAbortError, match="FETCH"):
        _scripted_fetch(["* 1 FETCH (UID 7 BODY[] {{500}}", "cut short", CLOSE])


@given(st.sets(st.integers(1, 60), min_size=1))
def test_a_uid_set_names_exactly_its_uids(uids: set[int]) -> None:
    text = uid_set(sorted(uids, reverse=True))
    named: set[int] = set()
    for part in text.split(","):
        first, _, last = part.partition(":")
        named.update(range(int(first), int(last or first) + 1))
    assert named == uids
    assert text.count(",") + 1 == len([u for u in uids if u - 1 not in uids])  # one part per run
