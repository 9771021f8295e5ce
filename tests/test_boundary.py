"""core/boundary.py: the email parser gives the same messages with one expression for every boundary."""

from __future__ import annotations

import email
import email.feedparser
import email.policy
import re
from email.message import Message

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inboxcoach.core import boundary
from inboxcoach.core.body import parse_body

# The expression email.feedparser compiles for a separator (CPython 3.11)
_SUFFIX = r")(?P<end>--)?(?P<ws>[ \t]*)(?P<linesep>\r\n|\r|\n)?$"


def _compiled(separator: str) -> re.Pattern[str]:
    return re.compile("(?P<sep>" + re.escape(separator) + _SUFFIX)


# RFC 2046 boundary characters, the regex-special ones among them, and a few that no
# mailer should send but hostile mail does
_BCHARS = st.text(st.sampled_from("abcXYZ019'()+_,-./:=? *[]{}$^|\\#&~\t\u00e9"), min_size=1, max_size=30)
_LINE_TAILS = st.sampled_from(["", "--", "  ", "\t", "-- \t", "x", "--x", "-", " x"])
_ENDS = st.sampled_from(["\n", "\r\n", "\r", ""])


@given(_BCHARS, _LINE_TAILS, _ENDS, st.text(max_size=5))
def test_separator_matches_as_the_compiled_expression(boundary_text: str, tail: str, end: str, prefix: str) -> None:
    separator = "--" + boundary_text
    expected = _compiled(separator)
    ours = boundary._FeedparserRe.compile(expected.pattern)
    assert isinstance(ours, boundary.Separator)
    for line in (separator + tail + end, prefix + separator + tail + end, separator[:-1] + end, separator + end + "x"):
        want, got = expected.match(line), ours.match(line)
        assert (want is None) == (got is None), line
        if want is not None and got is not None:
            assert got.span() == want.span()
            assert got.groupdict() == want.groupdict()
            assert got.group(0) == want.group(0)


def test_other_expressions_and_flags_are_compiled_as_asked() -> None:
    shim = boundary._FeedparserRe()
    pattern = "(?P<sep>--a)(?P<end>--)?"
    assert shim.compile(pattern).pattern == pattern
    flagged = "(?P<sep>" + re.escape("--b") + _SUFFIX
    assert isinstance(shim.compile(flagged, re.IGNORECASE), re.Pattern)
    assert shim.escape("a.b") == re.escape("a.b")  # every other name is re's own
    assert shim.NOFLAG == re.NOFLAG


def _structure(message: Message) -> list[tuple[object, ...]]:
    out: list[tuple[object, ...]] = []
    for part in message.walk():
        payload = None if part.is_multipart() else part.get_payload()
        out.append((
            part.get_content_type(),
            part.get_boundary(),
            payload,
            part.preamble,
            part.epilogue,
            tuple(type(d).__name__ for d in part.defects),
        ))  # fmt: skip
    return out


@st.composite
def _multipart(draw: st.DrawFn, depth: int = 0) -> str:
    """A multipart body as mailers (and hostile senders) write it: nested parts, CRLF or
    LF, boundary lines with trailing blanks, a missing closing line, look-alike lines."""
    nl = draw(st.sampled_from(["\n", "\r\n"]))
    mark = draw(_BCHARS.filter(lambda b: b.strip() == b and '"' not in b and "\\" not in b))
    mark = f"{mark}{depth}"
    kind = draw(st.sampled_from(["mixed", "alternative", "related"]))
    lines = [f'Content-Type: multipart/{kind}; boundary="{mark}"', ""]
    if draw(st.booleans()):
        lines.append("This is a preamble.")
    for _ in range(draw(st.integers(0, 3))):
        lines.append(f"--{mark}" + draw(st.sampled_from(["", " ", "\t", "  "])))
        if depth < 2 and draw(st.integers(0, 3)) == 0:
            lines.append(draw(_multipart(depth + 1)).replace(nl, "\n").rstrip("\n"))
            continue
        subtype = draw(st.sampled_from(["plain", "html"]))
        lines += [f"Content-Type: text/{subtype}", ""]
        lines += draw(st.lists(st.sampled_from([
            "Dear Dr. Rao,", "--", f"--{mark}x", f"-- {mark}", f" --{mark}", "See you on Friday.", "",
        ]), max_size=4))  # fmt: skip
    if draw(st.booleans()):
        lines.append(f"--{mark}--" + draw(st.sampled_from(["", " "])))
        if draw(st.booleans()):
            lines.append("epilogue")
    return nl.join(lines) + nl


def _parse_both(text: str, monkeypatch: pytest.MonkeyPatch) -> tuple[object, object]:
    data = ("From: a@example.org\nSubject: s\nMIME-Version: 1.0\n" + text).encode()
    results = []
    for module in (re, boundary._FeedparserRe()):
        monkeypatch.setattr(email.feedparser, "re", module)
        results.append(_structure(email.message_from_bytes(data, policy=email.policy.compat32)))
    return results[0], results[1]


@settings(max_examples=300, deadline=None)
@given(_multipart())
def test_the_parse_is_the_same_with_one_expression(body: str) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        plain, shared = _parse_both(body, monkeypatch)
    assert shared == plain


def test_install_is_once_and_the_parse_compiles_no_boundary(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(email.feedparser, "re", re)
    boundary.install()
    installed = email.feedparser.re
    assert isinstance(installed, boundary._FeedparserRe)
    boundary.install()
    assert email.feedparser.re is installed
    compiled: list[str] = []
    real = re.compile

    def counting(pattern: str, flags: int = 0) -> re.Pattern[str]:
        compiled.append(pattern)
        return real(pattern, flags)

    monkeypatch.setattr(re, "compile", counting)
    for n in range(20):
        data = (
            f'From: a@example.org\nContent-Type: multipart/alternative; boundary="=_b{n}_x"\n\n'
            f"--=_b{n}_x\nContent-Type: text/plain\n\nHello {n}\n--=_b{n}_x--\n"
        ).encode()
        assert parse_body(data).text.strip() == f"Hello {n}"
    assert not [p for p in compiled if "=_b" in p]
