"""Property-based: generated headers and MIME trees through parse → analyse → store →
report → digest. Whatever the bytes, no exception escapes, and every message that has
headers at all is stored and reported.

Hypothesis shrinks a failure to the smallest message that shows it; the classes of
failure found so far are kept as files in tests/data/hostile/ (tools/make_hostile_corpus.py).
"""

from __future__ import annotations

import io
import os
import json
from datetime import datetime, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument
from rich.console import Console

from inboxcoach.cli import commands
from inboxcoach.ingest.worker import analyse_body
from inboxcoach.core.model import direction as direction_of
from inboxcoach.config import Config, load_config
from inboxcoach.core.parse import MalformedMessage, read_envelope
from inboxcoach.core.present import report_to_dict
from inboxcoach.store import Sighting, Store

ME = "sam@example.org"
AS_OF = datetime(2027, 1, 20, 13, 0, tzinfo=timezone.utc)
CONFIG = f"""
[account]
email = "{ME}"
aliases = ["sam.md@gmail.com"]
[season]
match_year = 2027
[[programs]]
name = "Lakeside Anesthesiology"
aliases = ["Lakeside"]
domains = ["lakeside.example"]
interview_date = 2026-11-10
[[programs]]
name = "Riverside Anesthesiology"
aliases = ["Riverside", "RUH"]
domains = ["riverside.example"]
contacts = ["coord@riverside-health.example"]
interview_date = 2026-11-12
"""

ADDRESSES = [ME, "sam.md@gmail.com", "pd@lakeside.example", "coord@riverside-health.example", "x@riverside.example",
             "news@thalamusgme.com", "no-reply@eras.example", "friend@gmail.com"]
CHARSETS = ["utf-8", "iso-8859-1", "us-ascii", "windows-1252", "x-unknown", "", "utf-7", "gb2312", "\x00"]
ENCODINGS = ["7bit", "8bit", "base64", "quoted-printable", "binary", "x-garbage", ""]
TYPES = ["text/plain", "text/html", "application/pdf", "message/rfc822", "text/x-weird", "", "image/png"]
PHRASES = ["You are my #1 choice.", "Thank you for the interview.", "Dear Dr. [Last Name],", "Lakeside", "Riverside",
           "I will definitely come if you rank me.", "We would like to offer you a position. Please sign.",
           "How will you rank us?", "following up on my previous email", "my only hope", "\r\n", "> quoted\n",
           "-- \nSam\n", "=?utf-8?q?=E2=80=94?=", "<p>html</p>", "\u202e", "\x1b[31m", "\x00"]


@pytest.fixture(scope="module")
def config(tmp_path_factory: pytest.TempPathFactory) -> Config:
    path = tmp_path_factory.mktemp("props") / "config.toml"
    path.write_text(CONFIG)
    return load_config(path)


def _words(draw: st.DrawFn) -> str:
    return draw(st.one_of(st.text(max_size=60), st.lists(st.sampled_from(PHRASES), max_size=6).map(" ".join)))


@st.composite
def dates(draw: st.DrawFn) -> str:
    day = draw(st.integers(-5, 99))
    month = draw(st.sampled_from(["Jan", "Feb", "Sep", "Dec", "Sept", "jan", "Foo", ""]))
    year = draw(st.one_of(st.integers(0, 10**6), st.sampled_from([1, 26, 99, 1969, 1970, 2026, 2199, 2200, 9999])))
    clock = draw(st.sampled_from(["10:00:00", "23:59:60", "99:99:99", "10:00", "", "24:00:00"]))
    zone = draw(st.one_of(st.sampled_from(["+0000", "-0000", "+9999", "+2400", "-2360", "GMT", "EST", "ZZZ", ""]),
                          st.from_regex(r"[+-]\d{4}", fullmatch=True)))
    form = draw(st.sampled_from(["{w}, {d} {m} {y} {c} {z}", "{d} {m} {y} {c} {z}", "{y}-{d}-{m}T{c}{z}", "{junk}"]))
    return form.format(w="Tue", d=day, m=month, y=year, c=clock, z=zone, junk=draw(st.text(max_size=20)))


@st.composite
def address_lists(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.one_of(
        st.sampled_from(ADDRESSES),
        st.sampled_from(ADDRESSES).map(lambda a: f'"Dr. X, MD" <{a}>'),
        st.sampled_from(ADDRESSES).map(lambda a: f"=?utf-8?b?w6k=?= <{a}>"),
        st.just("undisclosed-recipients:;"),
        st.text(max_size=20),
    ), max_size=4))
    return ", ".join(parts)


@st.composite
def parts(draw: st.DrawFn, depth: int = 0) -> str:
    ctype = draw(st.sampled_from(TYPES))
    charset = draw(st.sampled_from(CHARSETS))
    cte = draw(st.sampled_from(ENCODINGS))
    if depth < 3 and draw(st.booleans()):
        boundary = draw(st.sampled_from(["b", "=_x", "", "a b", "--"]))
        children = [draw(parts(depth + 1)) for _ in range(draw(st.integers(0, 3)))]
        close = f"--{boundary}--\n" if draw(st.booleans()) else ""
        body = "".join(f"--{boundary}\n{child}\n" for child in children) + close
        return f'Content-Type: multipart/{draw(st.sampled_from(["mixed", "alternative", "x"]))}; boundary="{boundary}"\n\n{body}'
    head = f"Content-Type: {ctype}; charset={charset}\nContent-Transfer-Encoding: {cte}\n"
    if draw(st.booleans()):
        head += f"Content-Disposition: {draw(st.sampled_from(['attachment', 'inline', 'x']))}\n"
    return head + "\n" + _words(draw)


@st.composite
def messages(draw: st.DrawFn) -> bytes:
    fields = {
        "From": draw(st.one_of(st.sampled_from(ADDRESSES), address_lists())),
        "To": draw(address_lists()),
        "Subject": _words(draw),
        "Date": draw(dates()),
        "Message-ID": draw(st.sampled_from(["<a@x>", "<b@x>", "", "<>", "no-brackets"])) + draw(st.text(max_size=3)),
    }
    for name in ("Cc", "Bcc", "Reply-To"):
        if draw(st.booleans()):
            fields[name] = draw(address_lists())
    for name in ("In-Reply-To", "References"):
        if draw(st.booleans()):
            fields[name] = " ".join(draw(st.lists(st.sampled_from(["<a@x>", "<b@x>", "<c@x>", "junk"]), max_size=5)))
    if draw(st.booleans()):
        fields[draw(st.sampled_from(["Auto-Submitted", "Precedence", "List-Id"]))] = _words(draw)
    order = draw(st.permutations(list(fields)))
    head = "".join(f"{name}: {fields[name]}\n" for name in order)
    body = ("MIME-Version: 1.0\n" + draw(parts())) if draw(st.booleans()) else "\n" + _words(draw)
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    text = (head + body).replace("\n", newline)
    return text.encode(draw(st.sampled_from(["utf-8", "latin-1"])), errors="replace") + draw(st.binary(max_size=20))


@settings(max_examples=int(os.environ.get("INBOXCOACH_PROPERTY_EXAMPLES", "150")), deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(batch=st.lists(st.tuples(messages(), st.sampled_from(["inbox", "sent", "drafts", "other"])), min_size=1,
                      max_size=6))
def test_no_exception_escapes_parse_analyse_store_report_digest(config: Config, batch: list[tuple[bytes, str]]) -> None:
    with Store(":memory:") as store:
        stored = set()
        for i, (data, role) in enumerate(batch):
            envelope = read_envelope(data)
            if isinstance(envelope, MalformedMessage):
                assert envelope.reason
                continue
            direction = direction_of(envelope.from_addr, role, config.account.addresses)
            features = analyse_body(data, envelope.subject, config.program_list, direction)
            store.add_sightings([Sighting(envelope, role.upper(), role, "gen", str(i), True)])  # type: ignore[arg-type]
            store.set_features([(envelope.key, features)], "stamp")
            stored.add(envelope.key)
        kept = store.messages()
        assert {m.envelope.key.split("#")[0] for m in kept} == {k.split("#")[0] for k in stored}
        report = commands.report_from_store(store, config, AS_OF)
    json.dumps(report_to_dict(report))
    _event(f"matched messages: {min(3, sum(len(p.messages) for p in report.programs))}")
    _event(f"findings: {min(2, len(report.findings))}")
    rendered = commands.render_digest(config, report)
    assert rendered.subject and rendered.text and rendered.html
    assert "\x1b" not in rendered.text and "\x00" not in rendered.text
    console = Console(file=io.StringIO(), width=80, force_terminal=True)
    commands.print_status(console, report, config)
    commands.print_findings(console, report)


def _event(text: str) -> None:
    """Tell hypothesis's statistics how far an example got (nothing outside a test run)."""
    try:
        event(text)
    except InvalidArgument:
        pass


@settings(max_examples=300, deadline=None)
@given(value=st.one_of(dates(), st.text(max_size=80)))
def test_any_date_header_is_a_sane_moment_or_none(value: str) -> None:
    envelope = read_envelope(f"From: a@b.example\nDate: {value}\n\n".encode("utf-8", "surrogateescape"))
    if isinstance(envelope, MalformedMessage):
        return
    if envelope.date is not None:
        assert envelope.date.utcoffset() is not None
        assert 1970 <= envelope.date.year < 2200
        envelope.date.astimezone(config_tz())  # any conversion a report makes is safe


def config_tz() -> timezone:
    from zoneinfo import ZoneInfo

    return ZoneInfo("Pacific/Kiritimati")  # type: ignore[return-value]  # the zone furthest ahead


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=400))
def test_any_bytes_are_an_envelope_or_a_reason(data: bytes) -> None:
    result = read_envelope(data)
    assert isinstance(result, MalformedMessage) or result.key
    features = analyse_body(data, "", ())
    assert isinstance(features.error, str)


def test_the_hostile_corpus_seeds_the_properties(tmp_path: Path) -> None:
    """The files of tests/data/hostile/ go through the same property, as fixed seeds."""
    corpus = sorted((Path(__file__).parent / "data" / "hostile").glob("*.eml"))
    assert corpus
    path = tmp_path / "config.toml"
    path.write_text(CONFIG)
    cfg = load_config(path)
    batch = [(p.read_bytes(), role) for p in corpus for role in ("inbox", "sent")]
    test_no_exception_escapes_parse_analyse_store_report_digest.hypothesis.inner_test(cfg, batch)  # type: ignore[attr-defined]
