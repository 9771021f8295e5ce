"""What ``programs suggest`` proposes: a ``[[programs]]`` block and the evidence for it.

Plain frozen data, shared by :mod:`inboxcoach.core.programs` (which builds it) and
:mod:`inboxcoach.cli.programs` (which prints and writes it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from inboxcoach.config import ProgramConfig
from inboxcoach.core.model import Envelope

__all__ = ["Evidence", "Example", "Mail", "Suggestion", "Suggestions"]


@dataclass(frozen=True, slots=True)
class Mail:
    """One stored message as ``suggest`` reads it: the envelope, the folder role, and
    the newest part of its text when the body was read (None: headers only)."""

    envelope: Envelope
    role: str
    text: str | None = None


@dataclass(frozen=True, slots=True)
class Example:
    """One message shown as evidence: when, who wrote it, its subject."""

    day: date | None
    who: str
    subject: str

    def line(self) -> str:
        when = self.day.isoformat() if self.day else "undated"
        return f"{when}  {self.who}: {self.subject}"


@dataclass(frozen=True, slots=True)
class Evidence:
    """What a suggestion rests on: how many messages, from whom, which."""

    messages: int
    from_program: int
    from_you: int
    from_platforms: int
    first: date | None
    last: date | None
    examples: tuple[Example, ...]
    interview_date_from: Example | None = None

    def summary(self) -> str:
        """``9 messages (4 from the program, 3 from you, 2 from platforms), 2026-10-08 to 2027-01-11``."""
        parts = [
            f"{n} from {who}"
            for n, who in ((self.from_program, "the program"), (self.from_you, "you"), (self.from_platforms, "platforms"))
            if n
        ]
        text = f"{self.messages} message{'s' if self.messages != 1 else ''}"
        if parts:
            text += f" ({', '.join(parts)})"
        if self.first and self.last:
            text += f", {self.first.isoformat()}" + (f" to {self.last.isoformat()}" if self.last != self.first else "")
        return text

    def to_dict(self) -> dict[str, Any]:
        return {
            "messages": self.messages,
            "from_program": self.from_program,
            "from_you": self.from_you,
            "from_platforms": self.from_platforms,
            "first": self.first.isoformat() if self.first else None,
            "last": self.last.isoformat() if self.last else None,
            "examples": [_example_dict(e) for e in self.examples],
            "interview_date_from": _example_dict(self.interview_date_from) if self.interview_date_from else None,
        }


def _example_dict(example: Example) -> dict[str, Any]:
    return {"date": example.day.isoformat() if example.day else None, "from": example.who, "subject": example.subject}


@dataclass(frozen=True)
class Suggestion:
    """A proposed ``[[programs]]`` block and the evidence for it."""

    name: str
    aliases: tuple[str, ...]
    domains: tuple[str, ...]
    contacts: tuple[str, ...]
    interview_date: date | None
    nrmp: bool
    evidence: Evidence

    def program_config(self) -> ProgramConfig:
        """The block as the config validates it. Raises ValueError (the block's own checks)."""
        return ProgramConfig(
            name=self.name,
            aliases=self.aliases,
            domains=self.domains,
            contacts=self.contacts,
            interview_date=self.interview_date,
            nrmp=self.nrmp,
        )

    def to_dict(self) -> dict[str, Any]:
        """The config's keys plus ``evidence`` (``programs suggest --json``)."""
        return {
            "name": self.name,
            "aliases": list(self.aliases),
            "domains": list(self.domains),
            "contacts": list(self.contacts),
            "interview_date": self.interview_date.isoformat() if self.interview_date else None,
            "nrmp": self.nrmp,
            "evidence": self.evidence.to_dict(),
        }


@dataclass(frozen=True)
class Suggestions:
    """What ``suggest`` found: new programs; programs a platform names whose own mail
    was never seen (no address to match them by); configured programs it found again."""

    programs: tuple[Suggestion, ...]
    unplaced: tuple[tuple[str, Evidence], ...] = ()
    configured: tuple[str, ...] = ()
