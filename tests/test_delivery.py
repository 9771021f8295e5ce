"""delivery.py: the digest exactly once a day and draft alerts once per draft and rule,
against a real SMTP server and a real SQLite store."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from builders import RIVERSIDE, msg
from smtpserver import DIGEST_TO, SmtpServer

from inboxcoach.config import Config, parse_config
from inboxcoach.service.delivery import deliver_digest, deliver_draft_alerts, digest_due, pending_alerts
from inboxcoach.core.digest import Digest
from inboxcoach.errors import SmtpError
from inboxcoach.core.model import Finding, MessageView, ProgramActivity, Report
from inboxcoach.service.smtp import digest_message_id, send_with_retry
from inboxcoach.store import Store

DAY = date(2027, 1, 20)
FAST = {"first_delay": 0.01, "max_delay": 0.05}
NOON = datetime(2027, 1, 20, 17, 0, tzinfo=timezone.utc)  # 12:00 in New York


def fixed_clock(moment: datetime = NOON) -> Any:
    return lambda: moment


async def fast_send(message: EmailMessage, config: Config) -> None:
    await send_with_retry(message, config, attempts=3, **FAST)


class Renderer:
    """render() for deliver_digest, counting its calls."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> Digest:
        self.calls += 1
        return Digest(subject="inboxcoach digest: nothing urgent", text="All calm.\n", html="<p>All calm.</p>")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "inboxcoach.sqlite") as db:
        yield db


# -- the digest --------------------------------------------------------------------------


async def test_deliver_digest_twice_sends_once(smtp_server: SmtpServer, store: Store) -> None:
    config = smtp_server.config()
    render = Renderer()
    assert await deliver_digest(store, config, DAY, render, send=fast_send, now=fixed_clock()) is True
    assert await deliver_digest(store, config, DAY, render, send=fast_send, now=fixed_clock()) is False

    [got] = smtp_server.received
    assert got.rcpt_tos == (DIGEST_TO,)
    assert got.message["Message-ID"] == digest_message_id(config, DAY)
    assert got.message.get_body(("html",)) is not None
    assert render.calls == 1
    record = store.digest_record(DAY)
    assert record is not None
    assert record[0] == digest_message_id(config, DAY)
    assert record[1] is not None and datetime.fromisoformat(record[1]) == NOON


async def test_deliver_digest_concurrent_calls_send_once(smtp_server: SmtpServer, store: Store) -> None:
    config = smtp_server.config()
    results = await asyncio.gather(
        *(deliver_digest(store, config, DAY, Renderer(), send=fast_send, now=fixed_clock()) for _ in range(3))
    )
    assert sorted(results) == [False, False, True]
    assert len(smtp_server.received) == 1


async def test_sent_digest_survives_a_restart(smtp_server: SmtpServer, tmp_path: Path) -> None:
    config = smtp_server.config()
    path = tmp_path / "restart.sqlite"
    with Store(path) as first:
        assert await deliver_digest(first, config, DAY, Renderer(), send=fast_send, now=fixed_clock())
    with Store(path) as second:
        assert not await deliver_digest(second, config, DAY, Renderer(), send=fast_send, now=fixed_clock())
        assert digest_due(second, config, NOON) is None
    assert len(smtp_server.received) == 1


async def test_after_a_crash_sends_once_with_the_recorded_message_id(smtp_server: SmtpServer, store: Store) -> None:
    config = smtp_server.config()
    store.begin_digest(DAY, "<earlier-attempt@inboxcoach.invalid>")  # crashed before sent_at
    assert digest_due(store, config, NOON) == DAY

    assert await deliver_digest(store, config, DAY, Renderer(), send=fast_send, now=fixed_clock())
    assert not await deliver_digest(store, config, DAY, Renderer(), send=fast_send, now=fixed_clock())
    assert [r.message["Message-ID"] for r in smtp_server.received] == ["<earlier-attempt@inboxcoach.invalid>"]


async def test_lost_reply_after_data_is_resent_with_the_same_message_id(
    smtp_server: SmtpServer, store: Store
) -> None:
    config = smtp_server.config()

    async def delivered_but_reply_lost(message: EmailMessage, config: Config) -> None:
        await fast_send(message, config)
        raise SmtpError("timed out after DATA", temporary=True)

    with pytest.raises(SmtpError):
        await deliver_digest(store, config, DAY, Renderer(), send=delivered_but_reply_lost, now=fixed_clock())
    record = store.digest_record(DAY)
    assert record is not None and record[1] is None
    assert await deliver_digest(store, config, DAY, Renderer(), send=fast_send, now=fixed_clock())

    ids = [r.message["Message-ID"] for r in smtp_server.received]
    assert ids == [digest_message_id(config, DAY)] * 2  # the receiver can drop the copy


async def test_permanent_failure_leaves_the_day_unsent(smtp_server: SmtpServer, store: Store) -> None:
    config = smtp_server.config()
    smtp_server.answer_data("550 5.7.1 Rejected")
    with pytest.raises(SmtpError) as caught:
        await deliver_digest(store, config, DAY, Renderer(), send=fast_send, now=fixed_clock())
    assert caught.value.temporary is False
    assert smtp_server.data_attempts == 1
    assert digest_due(store, config, NOON) == DAY
    smtp_server.answer_data(None)
    assert await deliver_digest(store, config, DAY, Renderer(), send=fast_send, now=fixed_clock())
    assert len(smtp_server.received) == 1


async def test_digest_goes_to_the_account_address_by_default(smtp_server: SmtpServer, store: Store) -> None:
    config = smtp_server.config()
    data = smtp_server.config_data()
    data["digest"]["to"] = []  # default: the account's own address
    own = parse_config(data)
    assert await deliver_digest(store, own, DAY, Renderer(), send=fast_send, now=fixed_clock())
    assert smtp_server.received[0].rcpt_tos == (own.account.email,)
    assert config.digest_to == (DIGEST_TO,)


async def test_partly_refused_recipients_count_as_sent(smtp_server: SmtpServer, store: Store) -> None:
    data = smtp_server.config_data()
    data["digest"]["to"] = [DIGEST_TO, "gone@example.org"]
    config = parse_config(data)
    smtp_server.refuse_recipients("gone@example.org")
    with pytest.raises(SmtpError) as caught:
        await deliver_digest(store, config, DAY, Renderer(), send=fast_send, now=fixed_clock())
    assert caught.value.delivered and not caught.value.temporary
    assert "gone@example.org" in str(caught.value)
    assert digest_due(store, config, NOON) is None  # not sent again to the address that got it
    assert [r.rcpt_tos for r in smtp_server.received] == [(DIGEST_TO,)]


async def test_all_recipients_refused_is_permanent(smtp_server: SmtpServer, store: Store) -> None:
    config = smtp_server.config()
    smtp_server.refuse_recipients(DIGEST_TO)
    with pytest.raises(SmtpError) as caught:
        await deliver_digest(store, config, DAY, Renderer(), send=fast_send, now=fixed_clock())
    assert not caught.value.delivered and not caught.value.temporary
    assert DIGEST_TO in str(caught.value)
    assert digest_due(store, config, NOON) == DAY
    assert smtp_server.received == []


# -- digest_due --------------------------------------------------------------------------


def ny(day: date, hour: int, minute: int = 0) -> datetime:
    """A moment given in New York local time, expressed in UTC (as the clock gives it)."""
    from zoneinfo import ZoneInfo

    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=ZoneInfo("America/New_York")).astimezone(
        timezone.utc
    )


def test_digest_due_before_and_after_send_at(smtp_server: SmtpServer, store: Store) -> None:
    config = smtp_server.config()  # send_at 07:30 America/New_York
    assert digest_due(store, config, ny(DAY, 7, 29)) is None
    assert digest_due(store, config, ny(DAY, 7, 30)) == DAY
    assert digest_due(store, config, ny(DAY, 23, 59)) == DAY
    # 02:00 UTC on the 21st is still the 20th in New York
    assert digest_due(store, config, datetime(2027, 1, 21, 2, 0, tzinfo=timezone.utc)) == DAY


def test_digest_due_after_sent(smtp_server: SmtpServer, store: Store) -> None:
    config = smtp_server.config()
    store.begin_digest(DAY, digest_message_id(config, DAY))
    assert digest_due(store, config, ny(DAY, 8)) == DAY  # begun, not finished
    store.finish_digest(DAY, ny(DAY, 8))
    assert digest_due(store, config, ny(DAY, 8, 1)) is None
    assert digest_due(store, config, ny(DAY + timedelta(days=1), 7, 30)) == DAY + timedelta(days=1)


def test_digest_due_after_missed_days_is_only_today(smtp_server: SmtpServer, store: Store) -> None:
    config = smtp_server.config()
    # the machine slept from the 17th to the morning of the 20th: nothing for the 18th/19th
    wake = DAY
    assert digest_due(store, config, ny(wake, 6, 0)) is None  # woke before send_at
    assert digest_due(store, config, ny(wake, 9, 15)) == wake  # woke after: today's, once
    store.begin_digest(wake, "<x@inboxcoach.invalid>")
    store.finish_digest(wake, ny(wake, 9, 15))
    assert digest_due(store, config, ny(wake, 9, 16)) is None
    assert store.digest_record(wake - timedelta(days=1)) is None


async def test_missed_day_wakeup_sends_exactly_one(smtp_server: SmtpServer, store: Store) -> None:
    config = smtp_server.config()
    moments = [ny(DAY, 9, 15) + timedelta(minutes=m) for m in range(5)]  # heartbeat ticks
    for moment in moments:
        day = digest_due(store, config, moment)
        if day is not None:
            await deliver_digest(store, config, day, Renderer(), send=fast_send, now=fixed_clock(moment))
    assert len(smtp_server.received) == 1


# -- draft alerts -----------------------------------------------------------------------


def _view(key: str, subject: str, *, draft: bool) -> MessageView:
    stored = msg(
        to=("coord@riverside-health.example",), subject=subject, key=key, role="drafts" if draft else "sent"
    )
    return MessageView(
        stored=stored,
        program=RIVERSIDE.name,
        direction="out",
        draft=draft,
        kind="thank_you",
        counts_as_contact=not draft,
        platform=False,
        is_reply_by_person=False,
        initiated_by_program=False,
    )


def _finding(rule: str, ids: tuple[str, ...], *, severity: str = "critical", draft: bool = True) -> Finding:
    return Finding(
        rule=rule,
        severity=severity,  # type: ignore[arg-type]
        programs=(RIVERSIDE.name,),
        message_ids=ids,
        text=f"finding {rule} on {', '.join(ids)}.",
        draft=draft,
    )


def _report(findings: tuple[Finding, ...]) -> Report:
    views = (
        _view("draft-1@x", "Thank you, [Institution Name]", draft=True),
        _view("draft-2@x", "Update from Sam", draft=True),
        _view("sent-1@x", "You are my first choice", draft=False),
    )
    activity = ProgramActivity(
        program=RIVERSIDE,
        messages=views,
        contacts=1,
        replies=0,
        status="ok",
        last_contact=None,
        last_reply=None,
    )
    return Report(
        generated_at=NOON,
        as_of=NOON,
        account="sam@example.org",
        limit=3,
        programs=(activity,),
        findings=findings,
        unmatched=0,
    )


FINDINGS = (
    _finding("template-placeholder", ("<draft-1@x>",)),
    _finding("wrong-program-name", ("<draft-1@x>",)),
    _finding("desperate-tone", ("<draft-2@x>",), severity="warning"),  # not critical: no alert
    _finding("template-placeholder", ("<sent-1@x>",), draft=False),  # already sent: no alert
)


async def test_draft_alerts_once_per_draft_and_rule(smtp_server: SmtpServer, store: Store) -> None:
    config = smtp_server.config()
    report = _report(FINDINGS)
    assert await deliver_draft_alerts(store, config, report, send=fast_send, now=fixed_clock()) == 1
    assert await deliver_draft_alerts(store, config, report, send=fast_send, now=fixed_clock()) == 0

    [got] = smtp_server.received
    assert got.rcpt_tos == (DIGEST_TO,)
    assert got.message["Subject"] == 'Before you send: "Thank you, [Institution Name]"'
    assert got.message["Auto-Submitted"] == "auto-generated"
    assert got.message["X-Inboxcoach"] == "draft-alert"
    body = got.message.get_content()
    assert "finding template-placeholder on <draft-1@x>." in body
    assert "finding wrong-program-name on <draft-1@x>." in body
    assert "desperate-tone" not in body
    assert store.alert_sent("<draft-1@x>", "template-placeholder")
    assert store.alert_sent("draft-1@x", "wrong-program-name")
    assert not store.alert_sent("<sent-1@x>", "template-placeholder")

    # a new critical rule on the same draft, and one on another draft: two more emails
    more = _report(
        (
            *FINDINGS,
            _finding("prematch-offer", ("<draft-1@x>",)),
            _finding("template-placeholder", ("<draft-2@x>",)),
        )
    )
    assert await deliver_draft_alerts(store, config, more, send=fast_send, now=fixed_clock()) == 2
    assert await deliver_draft_alerts(store, config, more, send=fast_send, now=fixed_clock()) == 0
    assert len(smtp_server.received) == 3
    assert "finding prematch-offer" in smtp_server.received[1].message.get_content()
    assert "template-placeholder" not in smtp_server.received[1].message.get_content()


async def test_cross_program_finding_alerts_about_the_draft_only(smtp_server: SmtpServer, store: Store) -> None:
    config = smtp_server.config()
    report = _report((_finding("multiple-first-choice", ("<sent-1@x>", "<draft-2@x>")),))
    assert list(pending_alerts(store, config, report)) == ["draft-2@x"]
    assert await deliver_draft_alerts(store, config, report, send=fast_send, now=fixed_clock()) == 1
    assert smtp_server.received[0].message["Subject"] == 'Before you send: "Update from Sam"'
    assert store.alert_sent("<draft-2@x>", "multiple-first-choice")
    assert not store.alert_sent("<sent-1@x>", "multiple-first-choice")


async def test_draft_alerts_off(smtp_server: SmtpServer, store: Store) -> None:
    data = smtp_server.config_data()
    data["plugin"] = {"draft_alerts": False}
    config = parse_config(data)
    assert await deliver_draft_alerts(store, config, _report(FINDINGS), send=fast_send, now=fixed_clock()) == 0
    assert smtp_server.received == []


async def test_failed_alert_is_not_recorded(smtp_server: SmtpServer, store: Store) -> None:
    config = smtp_server.config()
    smtp_server.answer_data("550 5.7.1 Rejected")
    with pytest.raises(SmtpError):
        await deliver_draft_alerts(store, config, _report(FINDINGS), send=fast_send, now=fixed_clock())
    assert not store.alert_sent("<draft-1@x>", "template-placeholder")
    smtp_server.answer_data(None)
    assert await deliver_draft_alerts(store, config, _report(FINDINGS), send=fast_send, now=fixed_clock()) == 1
