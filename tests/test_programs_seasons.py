"""``programs suggest`` on whole seasons: the bundled sample and the four rehearsals.

Each season is scanned with every ``[[programs]]`` block removed from its config, and
the suggestions are compared with the blocks that were removed: by domain (and, where
programs share a domain, by contacts) and by interview date; the name must be
recognisably the program's. Nothing may be proposed for the noise senders (shops,
banks, newsletters, social networks, friends).
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import sys
import tomllib
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from inboxcoach.cli import main
from inboxcoach.config import load_config
from inboxcoach.cli.programs import find_programs
from inboxcoach.core.programs.text import tokens_of
from inboxcoach.core.programs import Suggestion

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_MBOX = ROOT / "src" / "inboxcoach" / "data" / "sample_season.mbox"
SAMPLE_CONFIG = ROOT / "src" / "inboxcoach" / "data" / "sample_config.toml"
AS_OF = "2027-01-20T08:00:00-05:00"
_COMMON = {
    "university", "anesthesiology", "anesthesia", "medical", "center", "hospital", "hospitals", "health",
    "regional", "memorial", "community", "the", "of", "st", "program", "residency", "school", "medicine",
    "campus", "department", "and", "college", "system",
}  # fmt: skip


def without_programs(config_text: str, path: Path) -> Path:
    """The config with every [[programs]] block (and what follows) removed."""
    path.write_text(config_text[: config_text.index("[[programs]]")], encoding="utf-8")
    return path


def recognisable(expected: dict[str, Any], suggestion: Suggestion) -> bool:
    own = {w for n in (expected["name"], *expected.get("aliases", ())) for w in tokens_of(n)} - _COMMON
    return bool(own & set(tokens_of(suggestion.name)))


def compare(
    expected: list[dict[str, Any]], suggestions: tuple[Suggestion, ...], *, exact_domains: bool
) -> tuple[list[str], list[Suggestion]]:
    """(problems, suggestions that match no expected program)."""
    problems: list[str] = []
    used: set[int] = set()
    for program in expected:
        domains, contacts = set(program.get("domains", ())), set(program.get("contacts", ()))
        shared = sum(1 for p in expected if set(p.get("domains", ())) & domains) > 1
        found = [
            s for s in suggestions
            if (set(s.domains) & domains or set(s.contacts) & contacts)
            and (not shared or set(s.contacts) & contacts)
        ]  # fmt: skip
        if len(found) != 1:
            problems.append(f"{program['name']}: {len(found)} suggestions {[s.name for s in found]}")
            continue
        suggestion = found[0]
        used.add(id(suggestion))
        if exact_domains and set(suggestion.domains) != domains:
            problems.append(f"{program['name']}: domains {suggestion.domains}, expected {sorted(domains)}")
        if not set(suggestion.domains) <= domains or (domains and not suggestion.domains):
            problems.append(f"{program['name']}: domains {suggestion.domains} not among {sorted(domains)}")
        if suggestion.interview_date != program.get("interview_date"):
            problems.append(f"{program['name']}: interview {suggestion.interview_date}, expected {program.get('interview_date')}")
        if not recognisable(program, suggestion):
            problems.append(f"{program['name']}: named {suggestion.name!r}")
    return problems, [s for s in suggestions if id(s) not in used]


# -- the bundled sample season ---------------------------------------------------------


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    tmp = tmp_path_factory.mktemp("sample")
    config = without_programs(SAMPLE_CONFIG.read_text(encoding="utf-8"), tmp / "config.toml")
    db = tmp / "season.db"
    assert main(["--config", str(config), "--db", str(db), "scan", str(SAMPLE_MBOX)]) == 0
    found = find_programs(load_config(config), db)
    expected = tomllib.loads(SAMPLE_CONFIG.read_text(encoding="utf-8"))["programs"]
    return {"tmp": tmp, "config": config, "db": db, "found": found, "expected": expected}


def test_sample_every_program_with_its_domains_and_interview_date(sample: dict[str, Any]) -> None:
    problems, extra = compare(sample["expected"], sample["found"].suggestions.programs, exact_domains=True)
    assert problems == []
    assert [s.name for s in extra] == []  # nothing for the shops, banks, newsletters, friends


def test_sample_noise_senders_are_nowhere_in_the_suggestions(sample: dict[str, Any]) -> None:
    suggestions = sample["found"].suggestions
    expected_domains = {d for p in sample["expected"] for d in p["domains"]}
    for suggestion in suggestions.programs:
        assert set(suggestion.domains) <= expected_domains
        for contact in suggestion.contacts:
            domain = contact.rpartition("@")[2]
            assert any(domain == d or domain.endswith("." + d) for d in expected_domains) or contact == "daniel.kwon.md@gmail.com"
    assert suggestions.unplaced == ()
    assert sample["found"].bodies_missing == 0 and sample["found"].bodies_read < sample["found"].messages / 2


def test_sample_details(sample: dict[str, Any]) -> None:
    programs = {s.name: s for s in sample["found"].suggestions.programs}
    crescent = programs["Crescent Bay Community Hospital Anesthesiology"]
    assert crescent.nrmp is False  # "our positions are filled outside the NRMP Match"
    kingsbridge = programs["Kingsbridge University Anesthesiology"]
    assert "daniel.kwon.md@gmail.com" in kingsbridge.contacts  # answered from Gmail in the program's thread
    assert all("gmail.com" not in s.domains for s in programs.values())
    cedar = programs["Cedar Falls Anesthesiology"]
    assert cedar.interview_date is not None and cedar.interview_date.isoformat() == "2026-12-15"  # moved from Dec 2
    assert cedar.evidence.interview_date_from is not None


def test_sample_written_config_reports_like_the_hand_written_one(sample: dict[str, Any]) -> None:
    """suggest --write --yes, scan again: the same messages per program, counts, statuses,
    dates and findings as with the bundled hand-written config."""
    tmp, config, db = sample["tmp"], sample["config"], sample["db"]
    written = tmp / "written.toml"
    written.write_text(config.read_text(encoding="utf-8"), encoding="utf-8")
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["--config", str(written), "--db", str(db), "programs", "suggest", "--write", "--yes"]) == 0
    assert written.read_text(encoding="utf-8").startswith(config.read_text(encoding="utf-8"))  # kept as it was
    assert main(["--config", str(written), "--db", str(db), "scan", str(SAMPLE_MBOX)]) == 0
    reference_db = tmp / "reference.db"
    assert main(["--config", str(SAMPLE_CONFIG), "--db", str(reference_db), "scan", str(SAMPLE_MBOX)]) == 0
    ours, theirs = report(written, db), report(SAMPLE_CONFIG, reference_db)

    def by_messages(rep: dict[str, Any]) -> dict[tuple[str, ...], tuple[Any, ...]]:
        return {
            tuple(sorted(m["message_id"] for m in p["messages"])): (p["contacts"], p["replies"], p["status"], p["interview_date"])
            for p in rep["programs"]
        }

    def findings(rep: dict[str, Any]) -> set[tuple[str, tuple[str, ...]]]:
        return {(f["rule"], tuple(sorted(f["message_ids"]))) for f in rep["findings"]}

    assert by_messages(ours) == by_messages(theirs)
    assert findings(ours) == findings(theirs)
    assert ours["unmatched"] == theirs["unmatched"]


def report(config: Path, db: Path) -> dict[str, Any]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["--config", str(config), "--db", str(db), "report", "--json", "--as-of", AS_OF]) == 0
    return dict(json.loads(out.getvalue()))


def test_sample_json_has_the_config_keys_and_evidence(sample: dict[str, Any], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--config", str(sample["config"]), "--db", str(sample["db"]), "programs", "suggest", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data) == len(sample["expected"])
    for item in data:
        assert set(item) == {"name", "aliases", "domains", "contacts", "interview_date", "nrmp", "evidence"}
        assert item["evidence"]["messages"] >= 1 and item["evidence"]["examples"]
    riverside = next(i for i in data if i["name"] == "Riverside University Anesthesiology")
    assert riverside["interview_date"] == "2026-11-12" and riverside["domains"] == ["riverside-health.example"]


def test_sample_blocks_are_ready_toml(sample: dict[str, Any], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--config", str(sample["config"]), "--db", str(sample["db"]), "programs", "suggest"]) == 0
    text = capsys.readouterr().out
    blocks = tomllib.loads(text)["programs"]  # the printed text is TOML, evidence in comments
    assert len(blocks) == len(sample["expected"])
    assert "# Riverside University Anesthesiology: 8 messages" in text


def test_headers_only_still_finds_programs_without_dates(sample: dict[str, Any]) -> None:
    found = find_programs(load_config(sample["config"]), sample["db"], bodies=False)
    assert found.bodies_read == 0
    names = {s.name for s in found.suggestions.programs}
    assert "Riverside University Anesthesiology" in names and len(names) >= 15


# -- the rehearsal seasons -----------------------------------------------------------

# A program the rehearsal's applicant interviewed with and thanked, left out of its config
# on purpose: a right suggestion, not noise.
UNCONFIGURED = {"img_season": {"Fairhaven Health Anesthesiology"}}


def _tool(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"suggest_{name}", ROOT / "tools" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("season", ["eval_season", "img_season", "edge_season", "time_season"])
def test_rehearsal_season(season: str, tmp_path: Path) -> None:
    generator = _tool(f"make_{season}")
    generator.build()
    maildir = generator.write_maildir(tmp_path)
    text = (ROOT / "tests" / "data" / season / "config.toml").read_text(encoding="utf-8")
    config, db = without_programs(text, tmp_path / "config.toml"), tmp_path / "season.db"
    assert main(["--config", str(config), "--db", str(db), "scan", str(maildir)]) == 0
    found = find_programs(load_config(config), db)
    problems, extra = compare(tomllib.loads(text)["programs"], found.suggestions.programs, exact_domains=False)
    assert problems == []
    assert {s.name for s in extra} <= UNCONFIGURED.get(season, set())


def test_write_without_a_terminal_needs_yes(sample: dict[str, Any], capsys: pytest.CaptureFixture[str]) -> None:
    before = sample["config"].read_text(encoding="utf-8")
    assert main(["--config", str(sample["config"]), "--db", str(sample["db"]), "programs", "suggest", "--write"]) == 2
    assert "pass --yes" in capsys.readouterr().err
    assert sample["config"].read_text(encoding="utf-8") == before


def test_suggest_before_any_sync_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = without_programs(SAMPLE_CONFIG.read_text(encoding="utf-8"), tmp_path / "config.toml")
    assert main(["--config", str(config), "--db", str(tmp_path / "none.db"), "programs", "suggest"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.endswith("no database yet; run `inboxcoach sync` (or `inboxcoach scan PATH`) first")
    assert len(err.splitlines()) == 1
