"""The body parser without mail-parser's header dictionaries reads the same texts."""

from __future__ import annotations

import mailbox
from importlib import resources
from pathlib import Path

import mailparser  # type: ignore[import-untyped]
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inboxcoach.core import body

HERE = Path(__file__).parent
DATA = resources.files("inboxcoach") / "data"


def _messages(tmp_path: Path) -> list[bytes]:
    found = [p.read_bytes() for p in sorted((HERE / "data" / "hostile").glob("*.eml"))]
    copy = tmp_path / "sample.mbox"  # mailbox.mbox opens read-write: never the package's file
    copy.write_bytes(Path(str(DATA / "sample_season.mbox")).read_bytes())
    box = mailbox.mbox(copy, create=False)
    try:
        found += [m.as_bytes() for m in box]
    finally:
        box.close()
    return found


def _texts_both_ways(data: bytes) -> tuple[object, object]:
    source = body._content_headers_only(data)
    stock = mailparser.parse_from_bytes(source)
    ours = body._text_parser().from_bytes(source)
    return (stock.text_plain, stock.text_html), (ours.text_plain, ours.text_html)


def test_the_parser_is_the_text_only_one_on_the_tested_version() -> None:
    assert body._text_parser() is not mailparser.MailParser
    assert issubclass(body._text_parser(), mailparser.MailParser)


def test_the_same_texts_on_the_sample_season_and_the_hostile_corpus(tmp_path: Path) -> None:
    messages = _messages(tmp_path)
    assert len(messages) > 300
    for data in messages:
        stock, ours = _texts_both_ways(data)
        assert ours == stock, data[:300]


_PARTS = st.sampled_from(
    [
        b"Content-Type: text/plain; charset=utf-8\r\n\r\nHello there\r\n",
        b"Content-Type: text/html\r\n\r\n<p>An <b>invitation</b></p>\r\n",
        b"Content-Type: text/plain; charset=latin-1\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\ncaf=E9\r\n",
        b"Content-Type: application/pdf; name=a.pdf\r\nContent-Disposition: attachment; filename=a.pdf\r\n\r\nJVBERi0=\r\n",
        b"Content-Type: text/plain\r\nContent-Disposition: inline; filename=note.txt\r\n\r\ninline note\r\n",
        b"Content-Type: text/plain; charset=bogus\r\n\r\n\xff\xfe odd\r\n",
        b"no headers at all\r\n",
    ]
)


@settings(max_examples=200, deadline=None)
@given(parts=st.lists(_PARTS, min_size=1, max_size=4), subject=st.text(max_size=20))
def test_the_same_texts_on_generated_multipart_mail(parts: list[bytes], subject: str) -> None:
    head = b"From: a@x.org\r\nSubject: " + subject.encode("utf-8", "replace") + b"\r\n"
    head += b'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b1"\r\n\r\n'
    data = head + b"".join(b"--b1\r\n" + p for p in parts) + b"--b1--\r\n"
    stock, ours = _texts_both_ways(data)
    assert ours == stock


@pytest.mark.parametrize("data", [b"", b"\r\n", b"Subject: only\r\n"])
def test_the_same_texts_on_nearly_empty_input(data: bytes) -> None:
    stock, ours = _texts_both_ways(data)
    assert ours == stock
