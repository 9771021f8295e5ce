"""Every message body the project has: the bundled sample season, the four rehearsal
seasons (generated into a temporary Maildir by their tools/make_*_season.py), and the
hostile corpus. The detector safety nets run over all of them.

Each message comes as (source, key, subject, body text, own words, programs); the
body is read the way the scan reads it (``parse_body``), so the texts are those the
detectors see in a real pass.
"""

from __future__ import annotations

import email
import email.header
import email.policy
import importlib.util
import mailbox
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from types import ModuleType

from inboxcoach.core.body import parse_body
from inboxcoach.config import load_config
from inboxcoach.core.model import Program
from inboxcoach.core.parse import MalformedMessage

ROOT = Path(__file__).resolve().parents[2]
REHEARSALS = ("eval_season", "img_season", "edge_season", "time_season")

# The programs of tests/test_hostile.py's season.
HOSTILE_PROGRAMS = (
    Program(name="Lakeside Anesthesiology", aliases=("Lakeside",), domains=("lakeside.example",)),
    Program(name="Riverside Anesthesiology", aliases=("Riverside",), domains=("riverside.example",)),
)


@dataclass(frozen=True)
class Sample:
    source: str  # season name
    key: str  # file name (or mbox index) within the season
    subject: str
    text: str
    own_words: str
    programs: tuple[Program, ...]


def _tool(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"_corpus_{name}", ROOT / "tools" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _subject(data: bytes) -> str:
    try:
        raw = email.message_from_bytes(data, policy=email.policy.compat32).get("Subject") or ""
        return str(email.header.make_header(email.header.decode_header(str(raw))))
    except Exception:  # noqa: BLE001 - a hostile header: the raw text will do
        return ""


def _sample(source: str, key: str, data: bytes, programs: tuple[Program, ...]) -> Sample | None:
    try:
        body = parse_body(data)
    except MalformedMessage:
        return None
    return Sample(source, key, _subject(data), body.text, body.own_words, programs)


def _maildir_files(root: Path) -> Iterator[Path]:
    yield from sorted(p for p in root.rglob("*") if p.is_file() and p.parent.name in ("cur", "new"))


def write_rehearsal(name: str, root: Path) -> Path:
    """Generate rehearsal season ``name`` into ``root`` (as tests/test_rehearsal_seasons.py
    does: ``build()`` first, which some generators need to fill their records)."""
    generator = _tool(f"make_{name}")
    generator.build()
    return Path(generator.write_maildir(root))


@lru_cache(maxsize=1)
def samples() -> tuple[Sample, ...]:
    """Every readable message of every season, in a fixed order."""
    out: list[Sample] = []
    data = resources.files("inboxcoach") / "data"
    config = load_config(Path(str(data / "sample_config.toml")))
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "sample.mbox"  # mailbox.mbox opens read-write: never the package's file
        copy.write_bytes(Path(str(data / "sample_season.mbox")).read_bytes())
        box = mailbox.mbox(copy, create=False)
        try:
            for index, message in enumerate(box):
                out.append(_sample("sample_season", str(index), message.as_bytes(), config.program_list))
        finally:
            box.close()
        for name in REHEARSALS:
            config = load_config(ROOT / "tests" / "data" / name / "config.toml")
            maildir = write_rehearsal(name, Path(tmp) / name)
            for path in _maildir_files(maildir):
                out.append(_sample(name, path.relative_to(maildir).as_posix(), path.read_bytes(), config.program_list))
    for path in sorted((ROOT / "tests" / "data" / "hostile").glob("*.eml")):
        out.append(_sample("hostile", path.name, path.read_bytes(), HOSTILE_PROGRAMS))
    return tuple(s for s in out if s is not None)
