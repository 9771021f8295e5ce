"""The benchmark's tools (bench/): the generated mail is what the mixes promise, and the
figures the benches read back (the probe's hook, the analysed counts of a database, the
analysis benchmark's adapter) still reach the code under test. No timing is asserted."""

from __future__ import annotations

import email
import email.policy
import email.utils
import hashlib
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))

import benchlib  # noqa: E402
import mailgen  # noqa: E402
import mailtext  # noqa: E402

# The classic mix as bench/mailgen.py made it before the mixes existed (commit 88c10b0):
# old benchmark figures stay comparable only while these bytes do not change.
CLASSIC_SHA256 = "39cc46ab444cb1a1b6b81ccf78e6662b9cb2bed99f1a18a94edb230abf73d200"

_LABELS = [label for p in mailtext.PROGRAMS for label in (p.name, *p.aliases)]
_NAMES = re.compile("|".join(re.escape(label) for label in _LABELS), re.IGNORECASE)
_NO_REPLY = re.compile(r"^(no-?reply|do-?not-?reply|donotreply|noreply-[^@]*|no\.reply)(\+[^@]*)?@")
_RESIDENCY_WORDS = re.compile(r"\b(residency|program|interview|match)", re.IGNORECASE)


def _parse(raw: bytes) -> email.message.EmailMessage:
    return email.message_from_bytes(raw, policy=email.policy.default)  # type: ignore[return-value]


def _text(raw: bytes) -> str:
    message = _parse(raw)
    part = message.get_body(preferencelist=("plain",))
    return f"{message['subject']}\n{part.get_content() if part is not None else ''}"


def _address(header: str) -> str:
    return email.utils.parseaddr(header)[1].lower()


def test_the_classic_mix_is_the_old_mail_byte_for_byte() -> None:
    mix = mailgen.get_mix("classic")
    h = hashlib.sha256()
    for i in range(300):
        h.update(mix.inbox(i))
    for i in range(60):
        h.update(mix.sent(i))
    for i in range(5):
        h.update(mix.inbox(i, tag="new"))
    h.update(mix.programs_toml().encode())
    assert h.hexdigest() == CLASSIC_SHA256


@pytest.mark.parametrize("name", ["newsletter", "program15"])
def test_message_i_is_the_same_whatever_was_made_before(name: str) -> None:
    """The 5k mailbox is a prefix of the 80k one: message i depends on i alone."""
    forward, backward = mailgen.get_mix(name), mailgen.get_mix(name)
    inbox = [forward.inbox(i) for i in range(600)]
    sent = [forward.sent(j) for j in range(60)]
    assert [backward.inbox(i) for i in reversed(range(600))][::-1] == inbox
    assert [backward.sent(j) for j in reversed(range(60))][::-1] == sent
    assert len(set(inbox)) == len(inbox)


def test_the_english_mixes_hold_the_promised_shares() -> None:
    mix = mailgen.get_mix("newsletter")
    kinds = Counter(mix.inbox_kind(i) for i in range(10_000))
    assert 0.005 <= kinds["program"] / 10_000 <= 0.015
    assert 0.16 <= kinds["residency"] / 10_000 <= 0.20
    assert 0.015 <= (kinds["platform"] + kinds["platform_named"]) / 10_000 <= 0.035
    assert 0.15 <= kinds["platform_named"] / (kinds["platform"] + kinds["platform_named"]) <= 0.35
    assert kinds["bulk"] > kinds["receipt"] > kinds["residency"]
    for share in (0, 5, 15, 30):
        mix = mailgen.get_mix(f"program{share}")
        inbound = sum(mix.inbox_info("n", i) is not None for i in range(4000)) / 4000
        outbound = sum(mix.sent_info(j) is not None for j in range(2000)) / 2000
        assert abs(inbound - share / 100) <= 0.02 and abs(outbound - share / 100) <= 0.025, share
    assert mailgen.get_mix("newsletter", 0.15).params()["inbox_program_share"] == 0.15


def test_newsletters_platforms_and_receipts_name_no_configured_program_unless_meant_to() -> None:
    mix = mailgen.get_mix("newsletter")
    seen: Counter[str] = Counter()
    for i in range(3000):
        kind = mix.inbox_kind(i)
        raw = mix.inbox(i)
        named = bool(_NAMES.search(_text(raw)))
        seen[kind] += 1
        if kind == "program":
            continue
        assert named == (kind == "platform_named"), (i, kind)
        sender = _address(_parse(raw)["from"])
        if kind == "residency":
            assert _NO_REPLY.match(sender), sender
            assert _RESIDENCY_WORDS.search(_parse(raw)["subject"])
        if kind.startswith("platform"):
            assert sender.rpartition("@")[2] in ("thalamusgme.com", "aamc.org", "interviewbroker.com")
    assert seen["residency"] > 400 and seen["platform_named"] > 5 and seen["platform"] > 20


def test_program_threads_point_at_messages_of_the_same_program_in_the_mailbox() -> None:
    mix = mailgen.get_mix("program30")
    n = 2000
    inbox = [_parse(mix.inbox(i)) for i in range(n)]
    sent = [_parse(mix.sent(j)) for j in range(n // 10)]
    by_id = {m["message-id"]: m for m in inbox + sent}
    assert len(by_id) == n + n // 10
    replies = 0
    for message in inbox + sent:
        parent_id = message["in-reply-to"]
        if parent_id is None or "chat-" in parent_id:
            continue
        replies += 1
        parent = by_id[parent_id]  # exists in this very mailbox
        if _address(message["from"]) == mailgen.ME:
            assert _address(message["to"]) == _address(parent["from"])
        else:
            assert _address(message["from"]) == _address(parent["to"])
        assert message["subject"].startswith("Re: ")
        assert "wrote:\n> " in message.get_body(preferencelist=("plain",)).get_content()
        assert message["date"].datetime > parent["date"].datetime
    assert replies > 50


def test_program_mail_is_english_of_a_few_kilobytes_with_signatures() -> None:
    mix = mailgen.get_mix("program30")
    sizes = []
    for i in range(400):
        if mix.inbox_kind(i) == "program":
            body = _parse(mix.inbox(i)).get_body(preferencelist=("plain",)).get_content()
            assert "Lorem" not in body and "Residency Program Coordinator" in body
            sizes.append(len(body))
    assert 1000 <= sorted(sizes)[len(sizes) // 2] <= 3000
    letter = _parse(mailgen.EnglishMix().outbound_letter(7)).get_body(preferencelist=("plain",)).get_content()
    assert 2600 <= len(letter) <= 3800


def test_mix_names_and_shares_are_checked() -> None:
    assert [m.name for m in mailgen.mixes_from_args("classic,newsletter,program5,program5", None)] == [
        "classic", "newsletter", "program5",
    ]  # fmt: skip
    assert [m.name for m in mailgen.mixes_from_args("newsletter", 0.15)] == ["program15"]
    for names, share in (("nonsense", None), ("classic", 0.1), ("program15", 1.5), ("", None)):
        with pytest.raises(ValueError):
            mailgen.mixes_from_args(names, share)


def _small_maildir(tmp_path: Path) -> tuple[Path, Path]:
    mix = mailgen.get_mix("program15")
    root = tmp_path / "maildir"
    mailgen.write_maildir_folder(root, (mix.inbox(i) for i in range(300)), os.getuid(), os.getgid(), 0)
    mailgen.write_maildir_folder(root / ".Sent", (mix.sent(j) for j in range(30)), os.getuid(), os.getgid(), 300)
    config = tmp_path / "config.toml"
    config.write_text(f'[account]\nemail = "{mailgen.ME}"\n\n[season]\nmatch_year = 2027\n{mix.programs_toml()}')
    return root, config


def test_the_probe_times_every_analysed_body_and_the_store_counts_agree(tmp_path: Path) -> None:
    """If this fails after src/ moved, update ANALYSE/CLI in bench/probe.py or
    benchlib.analysed_counts: the benchmarks read their per-candidate figures there."""
    root, config = _small_maildir(tmp_path)
    db, records = tmp_path / "scan.db", tmp_path / "probe.records"
    cmd = benchlib.inboxcoach_cmd(config, db, ["scan", str(root)], records)
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr
    counts = benchlib.analysed_counts(db, [mailgen.ME])
    probe = benchlib.read_probe(records)
    assert counts["messages"] == 330
    assert counts["analysed_in"] > 40 and counts["analysed_out"] >= 3
    assert probe["hooked"] is True
    # every body read is analysed, but platform and no-reply mail naming no program, which
    # the cheap name test settles without the analysis (stored as naming none)
    assert probe["probe_out"] == counts["analysed_out"]
    assert 0 < probe["probe_in"] < counts["analysed_in"]
    assert probe["analysis_cpu_in_s"] > 0 and probe["analysis_cpu_out_s"] > 0
    assert probe["self_cpu_s"] > 0 and "children_cpu_s" in probe


def test_the_analysis_bench_reaches_every_stage() -> None:
    """If this fails after src/ moved, update the class Code in bench/analysis_bench.py."""
    import analysis_bench

    code = analysis_bench.Code(
        f'[account]\nemail = "{mailgen.ME}"\n\n[season]\nmatch_year = 2027\n' + mailgen.EnglishMix().programs_toml()
    )
    for kind, _, direction, role, _ in analysis_bench.KINDS:
        raw = analysis_bench.messages(kind, 1)[0]
        candidate, subject = code.judge(raw, role)
        assert candidate is True and subject
        features = code.analyse(raw, subject, direction)
        assert not getattr(features, "error", "")
        text = code.parse(raw)
        own = code.own_words(text or "")
        assert text and own and code.detectors(subject, own, direction) is not None
        if direction == "out":
            assert code.fingerprint(own, direction)
        if kind.startswith("a"):
            assert code.names(subject, own) == ()


def test_per_message_figures_divide_by_what_the_probe_and_the_store_counted() -> None:
    runs = [{"hooked": True}, {"hooked": True}]
    summary = {
        "median_wall_s": 2.0, "median_cpu_s": 3.0, "runs": runs,
        "median_analysis_cpu_in_s": 0.5, "median_analysis_cpu_out_s": 1.0,
        "median_probe_in": 100, "median_probe_out": 50, "median_children_cpu_s": 1.2,
    }  # fmt: skip
    per = benchlib.per_candidate(summary, {"analysed_in": 100, "analysed_out": 50}, 1000)
    assert per["wall_ms_per_msg"] == pytest.approx(2.0)
    assert per["cpu_ms_per_msg"] == pytest.approx(3.0)
    assert per["analysis_ms_per_in"] == pytest.approx(5.0)
    assert per["analysis_ms_per_out"] == pytest.approx(20.0)
    assert per["other_cpu_ms_per_msg"] == pytest.approx(1.5)
    assert per["worker_cpu_s"] == pytest.approx(1.2)
    unhooked = benchlib.per_candidate({**summary, "runs": [{"hooked": False}]}, {"analysed_in": 0, "analysed_out": 0}, 1000)
    assert unhooked["analysis_ms_per_in"] is None and unhooked["cpu_ms_per_candidate"] is None
