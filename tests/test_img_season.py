"""A third, independent rehearsal of the evaluation: an IMG applicant's season as a Maildir.

tools/make_img_season.py tells the story in a different voice from the other seasons: an
international medical graduate writing fluent but non-native English ("Respected
Sir/Madam", "Kindly", "I will be highly obliged", long titled signatures), programs
writing HTML-only Outlook/Exchange mail with quoted "From: / Sent: / To: / Subject:"
blocks, confidentiality footers, calendar invites and platform notices. 20 programs
(two sharing a health-system domain, one outside the Match), ~170 program messages,
1,500 noise messages, as of 2027-01-28 07:00 America/Los_Angeles. The ground truth,
tests/data/img_season/expected.json, is written by construction from the SPEC. Here the
Maildir is generated into a temporary directory, scanned and reported through the CLI,
and compared with tools/eval_report.py against the bars: every program's contact count
and status exact, >= 98% of program messages matched to the right program, findings
precision and recall >= 90%, no hard negative firing.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from inboxcoach.cli import main

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "data" / "img_season"
CONFIG = DATA / "config.toml"
EXPECTED = json.loads((DATA / "expected.json").read_text())
RULES = {
    "over-contact-limit", "at-contact-limit", "multiple-first-choice", "conditional-commitment",
    "template-placeholder", "wrong-program-name", "desperate-tone", "emotional-tone", "feedback-request",
    "mass-email", "same-request-multiple-faculty", "repeat-after-silence", "late-thank-you",
    "first-choice-outside-window", "prematch-offer", "rank-inquiry", "contact-despite-policy", "quiet-program",
}


def _load(name: str) -> Any:
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


generator = _load("make_img_season")
evaluator = _load("eval_report")


@pytest.fixture(scope="module")
def season(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    tmp = tmp_path_factory.mktemp("img_season")
    built = json.loads(json.dumps(generator.build()))
    maildir = generator.write_maildir(tmp)
    db = tmp / "season.db"
    assert main(["--config", str(CONFIG), "--db", str(db), "scan", str(maildir)]) == 0
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["--config", str(CONFIG), "--db", str(db), "report", "--json", "--as-of", EXPECTED["as_of"]])
    assert code == 0
    report = json.loads(out.getvalue())
    result = evaluator.evaluate(report, EXPECTED)
    text = io.StringIO()
    evaluator.show(result, evaluator.index_maildir(maildir), out=text)
    return {"built": built, "report": report, "result": result, "text": text.getvalue()}


def test_the_generator_reproduces_the_committed_ground_truth(season: dict[str, Any]) -> None:
    assert season["built"] == EXPECTED, "run: .venv/bin/python tools/make_img_season.py /tmp/x --write-fixtures"


def test_the_season_exercises_every_rule() -> None:
    assert {f["rule"] for f in EXPECTED["findings"]} == RULES
    assert len(EXPECTED["programs"]) == 20
    assert len(EXPECTED["hard_negatives"]) >= 20


def test_contact_counts_and_statuses_exactly(season: dict[str, Any]) -> None:
    assert season["result"]["contact_or_status_mismatches"] == [], season["text"]


def test_reply_counts(season: dict[str, Any]) -> None:
    assert season["result"]["count_mismatches"] == [], season["text"]


def test_program_messages_matched_to_the_right_program(season: dict[str, Any]) -> None:
    assert season["result"]["matching_accuracy"] >= 0.98, season["text"]


def test_no_noise_matched_to_a_program(season: dict[str, Any]) -> None:
    result = season["result"]
    assert result["wrong_tracked"] == [] and result["unexpected_matches"] == [], season["text"]


def test_findings_precision(season: dict[str, Any]) -> None:
    assert season["result"]["precision"] >= 0.9, season["text"]


def test_findings_recall(season: dict[str, Any]) -> None:
    assert season["result"]["recall"] >= 0.9, season["text"]


def test_no_hard_negative_fires(season: dict[str, Any]) -> None:
    assert season["result"]["negatives_fired"] == [], season["text"]
