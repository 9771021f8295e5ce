"""``inboxcoach native-host``: the protocol and its answers, through the real command.

Most tests spawn ``python -m inboxcoach.cli ... native-host`` with stdin/stdout pipes
and speak WebExtension native messaging to it (a 4-byte little-endian length, then
UTF-8 JSON), as Thunderbird does. The season is the bundled sample season scanned
with the sample config, judged as of the morning the sample's story ends.
"""

from __future__ import annotations

import io
import json
import os
import sqlite3
import struct
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from inboxcoach.cli import commands

from inboxcoach.cli import nativehost
from inboxcoach.cli import main
from inboxcoach.clock import parse_moment
from inboxcoach.config import load_config
from inboxcoach.errors import ConfigError

DATA = resources.files("inboxcoach") / "data"
SAMPLE_CONFIG = Path(str(DATA / "sample_config.toml"))
AS_OF = "2027-01-20T08:00"
NY = ZoneInfo("America/New_York")

SECOND_FIRST_CHOICE = (
    "Dear Dr. Hale,\n\nYour program is my #1 choice and I will rank you first.\n\nBest,\nSam\n"
)
HARMLESS = (
    "Dear Dr. Hale,\n\nThank you for the update about the program. I enjoyed reading about "
    "the new simulation center.\n\nBest,\nSam\n\n-- \nSam Applicant\n"
)


@pytest.fixture(scope="module")
def season_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("season") / "inboxcoach.db"
    assert main(["--config", str(SAMPLE_CONFIG), "--db", str(db), "scan", str(DATA / "sample_season.mbox")]) == 0
    return db


def frame(message: Any) -> bytes:
    payload = json.dumps(message).encode("utf-8")
    return struct.pack("<I", len(payload)) + payload


def unframe(data: bytes) -> list[dict[str, Any]]:
    answers = []
    while data:
        (length,) = struct.unpack("<I", data[:4])
        answers.append(json.loads(data[4 : 4 + length].decode("utf-8")))
        data = data[4 + length :]
    return answers


def host(
    stdin: bytes, *, config: Path = SAMPLE_CONFIG, db: Path, as_of: str | None = AS_OF, extra: tuple[str, ...] = ()
) -> tuple[list[dict[str, Any]], subprocess.CompletedProcess[bytes]]:
    """Run the real host on ``stdin`` (framed requests); its answers and the process."""
    args = [sys.executable, "-m", "inboxcoach.cli", "--config", str(config), "--db", str(db), "native-host"]
    if as_of:
        args += ["--as-of", as_of]
    # Thunderbird passes the manifest path and the add-on id; the host ignores them.
    args += [*extra, "/home/u/.mozilla/native-messaging-hosts/inboxcoach.json", nativehost.ADDON_ID]
    run = subprocess.run(args, input=stdin, capture_output=True, timeout=60)
    return unframe(run.stdout), run


def check(to: str, body: str, subject: str = "Thank you", **extra: Any) -> dict[str, Any]:
    return {"type": "check", "to": [to], "cc": [], "bcc": [], "subject": subject, "body": body, **extra}


# -- the send-time check ---------------------------------------------------------------


def test_a_second_first_choice_letter_is_critical(season_db: Path) -> None:
    answers, run = host(frame(check("Dr. Hale <pd@riverside-health.example>", SECOND_FIRST_CHOICE)), db=season_db)
    assert run.returncode == 0 and run.stderr == b""
    [answer] = answers
    assert answer["ok"] is True and answer["critical"] is True
    assert answer["programs"] == ["Riverside University Anesthesiology"]
    [finding] = [f for f in answer["findings"] if f["rule"] == "multiple-first-choice"]
    assert finding["severity"] == "critical"
    assert finding["programs"][0] == "Riverside University Anesthesiology"
    assert "Lakeshore Medical Center Anesthesiology" in finding["programs"]  # the earlier #1 letter, from the database
    assert finding["text"].startswith("Your draft to Riverside University Anesthesiology says it is your first choice")


def test_a_harmless_letter_is_not_critical(season_db: Path) -> None:
    [answer], _ = host(frame(check("pd@riverside-health.example", HARMLESS)), db=season_db)
    assert answer == {
        "ok": True,
        "programs": ["Riverside University Anesthesiology"],
        "findings": [],
        "critical": False,
    }


def test_another_programs_name_in_a_letter_is_critical(season_db: Path) -> None:
    body = "Dear Dr. Hale,\n\nThank you for the interview day. I would be thrilled to train at Lakeshore Medical Center.\n\nBest,\nSam\n"
    [answer], _ = host(frame(check("pd@riverside-health.example", body)), db=season_db)
    assert answer["critical"] is True
    assert [f["rule"] for f in answer["findings"] if f["severity"] == "critical"] == ["wrong-program-name"]


def test_a_letter_to_no_program_is_not_checked_further(season_db: Path) -> None:
    [answer], _ = host(frame(check("mum@example.com", SECOND_FIRST_CHOICE)), db=season_db)
    assert answer == {"ok": True, "programs": [], "findings": [], "critical": False}


def test_the_host_and_lint_give_the_same_findings(season_db: Path, tmp_path: Path) -> None:
    config = load_config(SAMPLE_CONFIG)
    as_of = parse_moment(AS_OF, config.season.tz)
    findings, programs = commands.lint(
        SECOND_FIRST_CHOICE.encode(), config, season_db, as_of, to=["pd@riverside-health.example"], subject="Thank you"
    )
    [answer], _ = host(frame(check("pd@riverside-health.example", SECOND_FIRST_CHOICE)), db=season_db)
    assert answer["programs"] == list(programs)
    assert [(f["rule"], f["severity"], f["text"]) for f in answer["findings"]] == [
        (f.rule, f.severity, f.text) for f in findings
    ]


def test_quoted_text_and_the_signature_are_not_judged(season_db: Path) -> None:
    body = (
        "Dear Dr. Hale,\n\nThank you, that is very helpful.\n\nBest,\nSam\n\n"
        "On Tue, 12 Jan 2027, Sam wrote:\n> Riverside is my #1 choice and I will rank you first.\n"
    )
    [answer], _ = host(frame(check("pd@riverside-health.example", body, subject="Re: Thank you")), db=season_db)
    assert answer["critical"] is False


# -- the meter --------------------------------------------------------------------------


def test_the_meter_of_a_stored_message(season_db: Path) -> None:
    request = {"type": "meter", "message_id": "2a1ba0a535.38bc76@gme.riverside-health.example", "id": 7}
    [answer], _ = host(frame(request), db=season_db)
    assert answer == {
        "ok": True,
        "id": 7,
        "programs": [
            {
                "name": "Riverside University Anesthesiology",
                "meter": "2 of 3 contacts · last reply 14 Nov 2026 · silence is normal",
                "contacts": 2,
                "limit": 3,
                "status": "ok",
            }
        ],
    }


def test_the_meter_of_a_message_not_stored_yet_comes_from_its_sender(season_db: Path) -> None:
    request = {"type": "meter", "message_id": "<new@example>", "from": "K. O'Donnell <k.odonnell@lakeshore-med.example>"}
    [answer], _ = host(frame(request), db=season_db)
    [program] = answer["programs"]
    assert program["name"] == "Lakeshore Medical Center Anesthesiology"
    assert program["meter"] == "4 of 3 contacts · last reply 9 Nov 2026 · over the limit · silence is normal"
    assert program["status"] == "over_limit"


def test_mail_of_no_program_has_no_meter(season_db: Path) -> None:
    [answer], _ = host(frame({"type": "meter", "message_id": "<x@y>", "from": "shop@example.com"}), db=season_db)
    assert answer == {"ok": True, "programs": []}


def test_meter_text() -> None:
    today = datetime(2027, 1, 20, 13, tzinfo=timezone.utc)
    reply, contact = datetime(2027, 1, 14, 15, tzinfo=timezone.utc), datetime(2027, 1, 16, 15, tzinfo=timezone.utc)
    assert nativehost.meter_text(2, 3, "ok", contact, reply, NY, today) == (
        "2 of 3 contacts · last reply 14 Jan · silence is normal"
    )
    assert nativehost.meter_text(1, 3, "ok", reply, contact, NY, today) == "1 of 3 contacts · last reply 16 Jan"
    assert nativehost.meter_text(3, 3, "at_limit", contact, None, NY, today) == (
        "3 of 3 contacts · no reply yet · limit reached · silence is normal"
    )
    assert nativehost.meter_text(0, 3, "ok", None, None, NY, today) == "0 of 3 contacts · no reply yet"
    # the day is the season's: 02:00 UTC on 15 Jan is still 14 Jan in New York
    late = datetime(2027, 1, 15, 2, tzinfo=timezone.utc)
    assert nativehost.meter_text(1, 3, "ok", None, late, NY, today) == "1 of 3 contacts · last reply 14 Jan"


# -- the protocol ---------------------------------------------------------------------


def test_many_requests_in_one_process_each_answered_in_order_with_its_id(season_db: Path) -> None:
    stdin = frame({"type": "ping", "id": 1}) + frame(check("pd@riverside-health.example", HARMLESS, id=2))
    stdin += frame({"type": "meter", "message_id": "<x@y>", "id": "three"})
    answers, run = host(stdin, db=season_db)
    assert run.returncode == 0
    assert [a["id"] for a in answers] == [1, 2, "three"]
    assert answers[0] == {"ok": True, "version": nativehost_version(), "id": 1}


def nativehost_version() -> str:
    from inboxcoach import __version__

    return __version__


def test_a_frame_that_is_not_json_gets_an_error_answer_and_the_host_reads_on(season_db: Path) -> None:
    garbage = b"{not json"
    stdin = struct.pack("<I", len(garbage)) + garbage + frame({"type": "ping"})
    answers, run = host(stdin, db=season_db)
    assert answers[0] == {"ok": False, "error": "request is not UTF-8 JSON"}
    assert answers[1]["ok"] is True
    assert run.returncode == 0 and run.stderr == b""


def test_a_cut_frame_gets_an_error_answer_and_the_host_stops(season_db: Path) -> None:
    answers, run = host(struct.pack("<I", 100) + b'{"type": "ping"', db=season_db)
    assert answers == [{"ok": False, "error": "request cut short: 15 of 100 bytes"}]
    assert run.returncode == 2 and b"Traceback" not in run.stderr


def test_an_oversized_frame_is_refused_without_reading_it(season_db: Path) -> None:
    answers, run = host(struct.pack("<I", 2**31) + b"{}", db=season_db)
    assert answers[0]["ok"] is False and "larger than" in answers[0]["error"]
    assert run.returncode == 2


@pytest.mark.parametrize(
    ("request_", "error"),
    [
        ([1, 2], "request: expected a JSON object"),
        ({"type": "send"}, "type: expected one of check, meter, ping; got 'send'"),
        ({"type": "check", "to": "pd@riverside-health.example", "body": 3}, "body: expected a string"),
        ({"type": "check", "to": [1]}, "to: expected a list of strings"),
    ],
)
def test_a_bad_request_gets_an_error_answer(season_db: Path, request_: Any, error: str) -> None:
    [answer], run = host(frame(request_), db=season_db)
    assert answer == {"ok": False, "error": error}
    assert run.returncode == 0


def test_no_input_is_no_answer_and_no_error(season_db: Path) -> None:
    answers, run = host(b"", db=season_db)
    assert answers == [] and run.returncode == 0 and run.stderr == b""


# -- missing or broken surroundings ----------------------------------------------------


def test_without_a_database_a_letter_is_still_checked_on_its_own(tmp_path: Path) -> None:
    missing = tmp_path / "none.db"
    body = "Dear Dr. Hale,\n\nThank you for the interview at [Program Name].\n\nBest,\nSam\n"
    stdin = frame(check("pd@riverside-health.example", body)) + frame({"type": "meter", "message_id": "<x@y>"})
    [checked, meter], run = host(stdin, db=missing)
    assert checked["ok"] is True and checked["critical"] is True
    assert [f["rule"] for f in checked["findings"]] == ["template-placeholder"]
    assert checked["note"] == f"{missing}: no database yet, so the draft was checked without your mail history"
    assert meter == {"ok": False, "error": f"{missing}: no database yet; run `inboxcoach sync` first"}
    assert run.returncode == 0 and not missing.exists()


def test_a_missing_config_is_an_answer_not_a_crash(tmp_path: Path) -> None:
    config = tmp_path / "nowhere.toml"
    [answer], run = host(frame(check("pd@riverside-health.example", HARMLESS)), config=config, db=tmp_path / "db")
    assert answer["ok"] is False and answer["error"].startswith(f"{config}: no config file here")
    assert run.returncode == 0 and b"Traceback" not in run.stdout + run.stderr


def test_a_damaged_database_is_an_answer_not_a_crash(tmp_path: Path) -> None:
    damaged = tmp_path / "inboxcoach.db"
    damaged.write_bytes(b"this is not a database" * 100)
    [answer], run = host(frame(check("pd@riverside-health.example", HARMLESS)), db=damaged)
    assert answer["ok"] is False and answer["error"].startswith(f"{damaged}: cannot open the database")
    assert run.returncode == 0 and b"Traceback" not in run.stderr


def test_an_internal_error_says_only_its_kind() -> None:
    def broken_config() -> Any:
        raise RuntimeError("password=hunter2 in /home/u/secret")

    answer = nativehost.Host(broken_config, Path("/nonexistent.db")).answer(check("a@b.example", "x", id=4))
    assert answer == {"ok": False, "error": "internal error (RuntimeError)", "id": 4}


def test_a_config_error_is_reported_as_its_one_line() -> None:
    def bad_config() -> Any:
        raise ConfigError("/etc/x.toml: season.colour: unknown key")

    answer = nativehost.Host(bad_config, Path("/nonexistent.db")).answer({"type": "meter"})
    assert answer == {"ok": False, "error": "/etc/x.toml: season.colour: unknown key"}


def test_the_database_is_read_only_and_readable_beside_a_writer(season_db: Path) -> None:
    before = season_db.read_bytes()
    writer = sqlite3.connect(season_db, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")  # the daemon in the middle of storing a batch
        writer.execute("INSERT INTO meta VALUES ('native-host-test', 'x')")
        [answer], _ = host(frame(check("pd@riverside-health.example", SECOND_FIRST_CHOICE)), db=season_db)
        assert answer["ok"] is True and answer["critical"] is True
        writer.execute("ROLLBACK")
    finally:
        writer.close()
    assert season_db.read_bytes() == before


# -- framing as pure functions -------------------------------------------------------


def test_read_and_write_message_round_trip_utf8() -> None:
    stream = io.BytesIO()
    nativehost.write_message(stream, {"ok": True, "meter": "2 of 3 contacts · last reply 14 Jan"})
    raw = stream.getvalue()
    assert struct.unpack("<I", raw[:4])[0] == len(raw) - 4
    assert nativehost.read_message(io.BytesIO(raw)) == {"ok": True, "meter": "2 of 3 contacts · last reply 14 Jan"}
    assert nativehost.read_message(io.BytesIO(b"")) is None
    with pytest.raises(nativehost.ProtocolError) as cut:
        nativehost.read_message(io.BytesIO(b"\x05\x00"))
    assert cut.value.fatal


# -- registration: inboxcoach thunderbird install ----------------------------------------


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    yield home


def test_install_writes_the_manifest_thunderbird_reads_and_a_working_host_script(
    home: Path, season_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--config", str(SAMPLE_CONFIG), "--db", str(season_db), "thunderbird", "install"]) == 0
    directory = home / ".mozilla" / "native-messaging-hosts"
    manifest = json.loads((directory / "inboxcoach.json").read_text())
    script = directory / "inboxcoach-native-host"
    assert manifest == {
        "name": "inboxcoach",
        "description": "inboxcoach: checks a message before Thunderbird sends it",
        "path": str(script),
        "type": "stdio",
        "allowed_extensions": ["inboxcoach@inboxcoach.invalid"],
    }
    assert os.access(script, os.X_OK)
    out = capsys.readouterr().out
    assert f"Wrote the native-messaging host manifest {directory / 'inboxcoach.json'}" in out
    assert "macOS: ~/Library/Application Support/Mozilla/NativeMessagingHosts/inboxcoach.json" in out
    assert r"Windows: registry HKEY_CURRENT_USER\Software\Mozilla\NativeMessagingHosts\inboxcoach" in out
    # Thunderbird runs the script with the manifest path and the add-on id as arguments
    run = subprocess.run(
        [str(script), str(directory / "inboxcoach.json"), nativehost.ADDON_ID],
        input=frame({"type": "meter", "message_id": "2a1ba0a535.38bc76@gme.riverside-health.example"}),
        capture_output=True,
        timeout=60,
        cwd=directory,
    )
    [answer] = unframe(run.stdout)
    assert answer["ok"] is True
    assert [p["name"] for p in answer["programs"]] == ["Riverside University Anesthesiology"]


def test_install_print_writes_nothing(home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "x.db"
    assert main(["--config", str(SAMPLE_CONFIG), "--db", str(db), "thunderbird", "install", "--print"]) == 0
    assert not (home / ".mozilla").exists()
    out = capsys.readouterr().out
    assert "Would write the native-messaging host manifest" in out
    assert f"--db {db}" in out and '"allowed_extensions"' in out
    assert "Note: there is no config" not in out


def test_install_says_when_there_is_no_config_yet(home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "later.toml"
    assert main(["--config", str(config), "--db", str(tmp_path / "x.db"), "thunderbird", "install"]) == 0
    assert (home / ".mozilla" / "native-messaging-hosts" / "inboxcoach.json").exists()
    assert f"Note: there is no config at {config} yet; `inboxcoach init` writes one." in capsys.readouterr().out


def test_paths_with_spaces_are_quoted_in_the_host_script(tmp_path: Path) -> None:
    plan = nativehost.install_plan(
        tmp_path / "my config.toml", tmp_path / "my data" / "db", home=tmp_path, python="/opt/py thon/bin/python"
    )
    assert f"--config '{tmp_path}/my config.toml'" in plan.wrapper
    assert "exec '/opt/py thon/bin/python' -m inboxcoach.cli" in plan.wrapper
    assert plan.manifest_path == tmp_path / ".mozilla" / "native-messaging-hosts" / "inboxcoach.json"


# -- warming up after the add-on's start-up ping -----------------------------------------


class _Recording(nativehost.Host):
    """A host that records, for each warm-up, how many bytes had been answered by then."""

    def __init__(self, stdout: io.BytesIO) -> None:
        super().__init__(lambda: load_config(SAMPLE_CONFIG), Path("/nonexistent/inboxcoach.db"), AS_OF)
        self.stdout = stdout
        self.warmed_at: list[int] = []

    def warm(self) -> None:
        self.warmed_at.append(len(self.stdout.getvalue()))


def test_the_host_warms_up_once_after_answering_its_first_ping() -> None:
    stdout = io.BytesIO()
    recording = _Recording(stdout)
    stdin = frame(check("pd@riverside-health.example", HARMLESS)) + frame({"type": "ping", "id": 1})
    stdin += frame({"type": "ping", "id": 2}) + frame({"type": "meter", "message_id": "<x@y>"})
    assert nativehost.serve(io.BytesIO(stdin), stdout, recording) == 0
    answers = unframe(stdout.getvalue())
    assert [a.get("id") for a in answers] == [None, 1, 2, None]
    # once, after the ping's answer was written (the add-on is not kept waiting for it)
    first_two = len(frame(answers[0])) + len(frame(answers[1]))
    assert recording.warmed_at == [first_two]


def test_no_ping_no_warm_up() -> None:
    stdout = io.BytesIO()
    recording = _Recording(stdout)
    nativehost.serve(io.BytesIO(frame(check("pd@riverside-health.example", HARMLESS))), stdout, recording)
    assert recording.warmed_at == []


def test_warming_up_loads_the_detectors_for_the_configs_programs(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from inboxcoach import detectors

    preloaded: list[tuple[str, ...]] = []
    monkeypatch.setattr(detectors, "preload", lambda programs: preloaded.append(tuple(p.name for p in programs)))
    host_ = nativehost.Host(lambda: load_config(SAMPLE_CONFIG), tmp_path / "none.db", AS_OF)
    host_.warm()
    assert preloaded == [tuple(p.name for p in load_config(SAMPLE_CONFIG).program_list)]


def test_a_warm_up_that_fails_is_silent_and_the_requests_say_why(tmp_path: Path) -> None:
    def broken() -> Any:
        raise ConfigError("config.toml: [account] email: missing")

    stdout = io.BytesIO()
    serving = nativehost.Host(broken, tmp_path / "none.db", AS_OF)
    stdin = frame({"type": "ping"}) + frame(check("pd@riverside-health.example", HARMLESS))
    assert nativehost.serve(io.BytesIO(stdin), stdout, serving) == 0
    ping, answer = unframe(stdout.getvalue())
    assert ping["ok"] is True
    assert answer == {"ok": False, "error": "config.toml: [account] email: missing"}


def test_a_check_after_the_warm_up_is_the_same_as_without(season_db: Path) -> None:
    letter = check("pd@riverside-health.example", SECOND_FIRST_CHOICE)
    (warmed_ping, warmed), _ = host(frame({"type": "ping"}) + frame(letter), db=season_db)
    [cold], _ = host(frame(letter), db=season_db)
    assert warmed == cold and cold["critical"] is True
