"""End to end on the bundled sample season: scan, report, compare with the ground truth.

The season's story is told in tools/make_sample_season.py; the ground truth it wrote
is tests/data/sample_expected.json. The same mail is scanned as the Takeout mbox and
as a Maildir with .Sent and .Drafts, and both must give the same report.
"""

from __future__ import annotations

import json
import mailbox
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from inboxcoach.cli import commands
from inboxcoach.clock import parse_moment
from inboxcoach.config import load_config
from inboxcoach.core.present import report_to_dict

DATA = resources.files("inboxcoach") / "data"
EXPECTED = json.loads((Path(__file__).parent / "data" / "sample_expected.json").read_text())


def scan_and_report(tmp_path: Path, source: Path) -> dict[str, Any]:
    config = load_config(Path(str(DATA / "sample_config.toml")))
    db = tmp_path / "season.db"
    commands.scan(source, config, db)
    report = commands.report(config, db, parse_moment(EXPECTED["as_of"], config.season.tz))
    return report_to_dict(report)


def mbox_to_maildir(mbox_path: Path, root: Path) -> Path:
    """Split a Takeout mbox by its labels into a Maildir++ with .Sent and .Drafts."""
    md = mailbox.Maildir(root, create=True)
    folders = {"Sent": md.add_folder("Sent"), "Drafts": md.add_folder("Drafts")}
    copy = root.parent / "copy.mbox"  # mailbox.mbox opens read-write: never the package's file
    copy.write_bytes(mbox_path.read_bytes())
    source = mailbox.mbox(copy, create=False)
    try:
        for message in source:
            labels = [label.strip() for label in str(message.get("X-Gmail-Labels", "")).split(",")]
            del message["X-Gmail-Labels"]
            target = folders["Drafts"] if "Drafts" in labels else folders["Sent"] if "Sent" in labels else md
            target.add(mailbox.MaildirMessage(message))
    finally:
        source.close()
    return root


@pytest.fixture(scope="module")
def mbox_report(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    tmp = tmp_path_factory.mktemp("mbox")
    return scan_and_report(tmp, Path(str(DATA / "sample_season.mbox")))


@pytest.fixture(scope="module")
def maildir_report(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    tmp = tmp_path_factory.mktemp("maildir")
    root = mbox_to_maildir(Path(str(DATA / "sample_season.mbox")), tmp / "Maildir")
    return scan_and_report(tmp, root)


def finding_keys(findings: list[dict[str, Any]]) -> set[tuple[str, tuple[str, ...], bool]]:
    return {(f["rule"], tuple(sorted(f["programs"])), bool(f["draft"])) for f in findings}


def program_of_message(report: dict[str, Any]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for program in report["programs"]:
        for m in program["messages"]:
            found.setdefault(m["message_id"], set()).add(program["name"])
    for amb in report["ambiguous"]:
        found.setdefault(amb["message_id"], set()).add("ambiguous")
    return found


@pytest.mark.parametrize("which", ["mbox_report", "maildir_report"])
def test_counts_and_statuses(which: str, request: pytest.FixtureRequest) -> None:
    report = request.getfixturevalue(which)
    got = {p["name"]: {"contacts": p["contacts"], "replies": p["replies"], "status": p["status"]} for p in report["programs"]}
    assert got == EXPECTED["programs"]


@pytest.mark.parametrize("which", ["mbox_report", "maildir_report"])
def test_messages_matched_to_the_right_program(which: str, request: pytest.FixtureRequest) -> None:
    report = request.getfixturevalue(which)
    found = program_of_message(report)
    wrong = []
    for message_id, expected in EXPECTED["messages"].items():
        want = set(expected) if isinstance(expected, list) else ({expected} if expected else set())
        if found.get(message_id, set()) != want:
            wrong.append((message_id, sorted(want), sorted(found.get(message_id, set()))))
    assert wrong == []


@pytest.mark.parametrize("which", ["mbox_report", "maildir_report"])
def test_findings_exactly(which: str, request: pytest.FixtureRequest) -> None:
    report = request.getfixturevalue(which)
    got = finding_keys(report["findings"])
    want = finding_keys(EXPECTED["findings"])
    assert sorted(got - want) == [], "unexpected findings"
    assert sorted(want - got) == [], "missed findings"


def test_every_rule_fires_in_the_sample(mbox_report: dict[str, Any]) -> None:
    from inboxcoach.core.rules import RULE_NAMES

    assert {f["rule"] for f in mbox_report["findings"]} == set(RULE_NAMES)


def test_no_hard_negative_fires(mbox_report: dict[str, Any]) -> None:
    fired: dict[str, set[str]] = {}
    for f in mbox_report["findings"]:
        for message_id in f["message_ids"]:
            fired.setdefault(message_id, set()).add(f["rule"])
    hits = [
        (neg["message_id"], sorted(fired.get(neg["message_id"], set()) & set(neg["must_not_fire"])), neg.get("why"))
        for neg in EXPECTED["hard_negatives"]
        if fired.get(neg["message_id"], set()) & set(neg["must_not_fire"])
    ]
    assert hits == []


def test_rescan_changes_nothing(tmp_path: Path) -> None:
    config = load_config(Path(str(DATA / "sample_config.toml")))
    source = Path(str(DATA / "sample_season.mbox"))
    db = tmp_path / "season.db"
    first = commands.scan(source, config, db)
    second = commands.scan(source, config, db)
    assert first.new > 0
    assert second.new == 0 and second.analysed == 0
    moment = parse_moment(EXPECTED["as_of"], config.season.tz)
    a = report_to_dict(commands.report(config, db, moment))
    b = report_to_dict(commands.report(config, db, moment))
    a.pop("generated_at"), b.pop("generated_at")
    assert a == b


def test_demo_prints_table_and_digest(capsys: pytest.CaptureFixture[str]) -> None:
    from rich.console import Console

    console = Console(width=160, force_terminal=False)
    report = commands.demo(console)
    out = capsys.readouterr().out
    assert "Subject: inboxcoach digest" in out
    assert report.programs and all(p.program.name in out for p in report.programs)


def test_reading_only_candidates_gives_the_same_report(tmp_path: Path) -> None:
    from inboxcoach.core.report import build_report
    from inboxcoach.store import Store

    config = load_config(Path(str(DATA / "sample_config.toml")))
    db = tmp_path / "season.db"
    commands.scan(Path(str(DATA / "sample_season.mbox")), config, db)
    moment = parse_moment(EXPECTED["as_of"], config.season.tz)
    with Store(db) as store:
        fast = report_to_dict(commands.report_from_store(store, config, moment))
        full = report_to_dict(build_report(store.messages(), config, moment, moment))
    fast.pop("generated_at"), full.pop("generated_at")
    assert fast == full
    assert fast["unmatched"] == EXPECTED["unmatched"]
