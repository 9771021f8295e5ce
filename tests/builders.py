"""Small builders of envelopes and stored messages for pure tests."""

from __future__ import annotations

from datetime import datetime, timezone
from itertools import count

from inboxcoach.core.model import Envelope, Features, FolderRole, Program, StoredMessage

ME = "sam@example.org"
_ids = count(1)

RIVERSIDE = Program(
    name="Riverside University Anesthesiology",
    aliases=("Riverside",),
    domains=("riverside.example",),
    contacts=("coord@riverside-health.example",),
)
LAKESIDE = Program(name="Lakeside Anesthesiology", aliases=("Lakeside",), domains=("lakeside.example",))
NORTH = Program(name="North Campus Anesthesia", domains=("shared.example",), contacts=("north@shared.example",))
SOUTH = Program(name="South Campus Anesthesia", domains=("shared.example",), contacts=("south@shared.example",))
PROGRAMS = (RIVERSIDE, LAKESIDE, NORTH, SOUTH)


def when(day: str) -> datetime:
    """'2026-11-20' or '2026-11-20T10:00' in UTC."""
    moment = datetime.fromisoformat(day)
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment


def msg(
    *,
    frm: str = ME,
    to: tuple[str, ...] = (),
    cc: tuple[str, ...] = (),
    date: str = "2026-11-20T15:00",
    subject: str = "",
    key: str | None = None,
    in_reply_to: tuple[str, ...] = (),
    references: tuple[str, ...] = (),
    automated: bool = False,
    role: FolderRole | None = None,
    features: Features | None = None,
    reply_to: tuple[str, ...] = (),
) -> StoredMessage:
    key = key or f"m{next(_ids)}@test"
    if role is None:
        role = "sent" if frm == ME else "inbox"
    folder = {"sent": "Sent", "drafts": "Drafts", "inbox": "INBOX", "other": "Archive"}[role]
    env = Envelope(
        key=key,
        message_id=f"<{key}>",
        date=when(date),
        from_addr=frm,
        from_name="",
        reply_to=reply_to,
        to=to,
        cc=cc,
        subject=subject,
        in_reply_to=in_reply_to,
        references=references,
        automated=automated,
    )
    return StoredMessage(envelope=env, folder=folder, role=role, features=features or Features())
