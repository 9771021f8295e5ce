"""How messages are written to and read from their table: envelopes and features as
rows, the copies of one message merged, and the sightings a batch stores."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import sqlite3
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any, NamedTuple

from inboxcoach.core.model import NO_FEATURES, Envelope, Features, FolderRole, sane_date

# When one message is seen in several folders, the folder with the higher rank wins:
# a copy in Sent is the truth about a message that also sits in Drafts or a label.
ROLE_RANK: dict[str, int] = {"sent": 3, "inbox": 2, "other": 1, "drafts": 0}


_ENVELOPE_COLUMNS = (
    "key, message_id, date, from_addr, from_name, reply_to, to_addrs, cc_addrs, bcc_addrs, "
    "subject, in_reply_to, refs, automated, labels, size"
)


def _dump(values: Sequence[str]) -> str:
    if not values:
        return "[]"
    joined = "".join(values)
    if joined.isascii() and joined.isprintable() and '"' not in joined and "\\" not in joined:
        return '["' + '", "'.join(values) + '"]'  # what json.dumps writes for these, 5x faster
    return json.dumps(list(values), ensure_ascii=False)


def _load(text: str) -> tuple[str, ...]:
    if text == "[]":
        return ()
    if "\\" not in text and text.startswith('["') and text.endswith('"]'):
        return tuple(text[2:-2].split('", "'))  # no escapes: a quote only ever delimits
    return tuple(json.loads(text))


_FEATURE_FIELDS = tuple(f.name for f in dataclasses.fields(Features))


def features_to_json(features: Features) -> str:
    if features is NO_FEATURES or features == NO_FEATURES:
        return _NOTHING_JSON  # most analysed mail: a newsletter that names no program
    return _json(features)


def _json(features: Features) -> str:
    # dataclasses.asdict deep-copies every tuple first; the fields are flat already
    values = {name: getattr(features, name) for name in _FEATURE_FIELDS}
    return json.dumps(values, ensure_ascii=False, separators=(",", ":"))


_NOTHING_JSON = _json(NO_FEATURES)


def features_from_json(text: str) -> Features:
    """The stored features; features whose ``error`` says so when the JSON is damaged."""
    try:
        data = json.loads(text)
        values: dict[str, Any] = {
            k: (tuple(v) if isinstance(v, list) else v) for k, v in data.items() if k in _FEATURE_SET
        }
        return Features(**values)
    except (ValueError, TypeError, AttributeError):
        return Features(error="stored analysis damaged")


_FEATURE_SET = frozenset(_FEATURE_FIELDS)


def _envelope_row(env: Envelope) -> tuple[Any, ...]:
    return (
        env.key,
        env.message_id,
        _date_text(env),
        env.from_addr,
        env.from_name,
        _dump(env.reply_to),
        _dump(env.to),
        _dump(env.cc),
        _dump(env.bcc),
        env.subject,
        _dump(env.in_reply_to),
        _dump(env.references),
        int(env.automated),
        _dump(env.labels),
        env.size,
    )


def _stored_date(text: str | None) -> datetime | None:
    """A stored date, or None for one no report can use (a year-1 date written by an
    older version, a damaged value)."""
    if not text:
        return None
    try:
        return sane_date(datetime.fromisoformat(text))
    except (ValueError, TypeError):
        return None


def _envelope_from_row(row: sqlite3.Row) -> Envelope:
    return Envelope(
        key=row["key"],
        message_id=row["message_id"],
        date=_stored_date(row["date"]),
        from_addr=row["from_addr"],
        from_name=row["from_name"],
        reply_to=_load(row["reply_to"]),
        to=_load(row["to_addrs"]),
        cc=_load(row["cc_addrs"]),
        bcc=_load(row["bcc_addrs"]),
        subject=row["subject"],
        in_reply_to=_load(row["in_reply_to"]),
        references=_load(row["refs"]),
        automated=bool(row["automated"]),
        labels=_load(row["labels"]),
        size=row["size"],
    )


def _date_text(env: Envelope) -> str | None:
    return env.date.astimezone(UTC).isoformat() if env.date else None


def _variant_key(env: Envelope) -> str:
    """The key of a message that shares its Message-ID with a different message."""
    what = "\x00".join((env.from_addr, _date_text(env) or "", env.subject))
    return f"{env.key}#{hashlib.sha1(what.encode('utf-8', 'surrogatepass')).hexdigest()[:12]}"


def _union(stored: tuple[str, ...], seen: tuple[str, ...]) -> tuple[str, ...]:
    """``stored`` followed by those of ``seen`` it lacks."""
    if not seen or set(seen) <= set(stored):
        return stored
    return stored + tuple(a for a in dict.fromkeys(seen) if a not in stored)


_INSERT_MESSAGE = (
    f"INSERT INTO messages ({_ENVELOPE_COLUMNS}, folder, role, source, location, candidate, checked) "
    "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
)


def _keys_among(
    db: sqlite3.Connection, keys: Sequence[str], condition: str = "", params: tuple[Any, ...] = ()
) -> set[str]:
    """Those of ``keys`` stored (and meeting ``condition``), 500 keys a query."""
    found: set[str] = set()
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        marks = ",".join("?" * len(chunk))
        rows = db.execute(f"SELECT key FROM messages WHERE key IN ({marks}) {condition}", (*chunk, *params))
        found.update(r[0] for r in rows)
    return found


# messages.checked: how far a message's candidacy is decided.
UNDECIDED, DECIDED, THREAD_PENDING = 0, 1, 2


def _sighting_row(s: Sighting) -> tuple[Any, ...]:
    env = s.envelope
    if s.candidate is None:
        checked = UNDECIDED
    elif not s.candidate and not (env.in_reply_to or env.references):
        checked = DECIDED  # only a reply could make it one, and a reply names it
    else:
        # ``candidate`` holds the headers' verdict; update_candidates still follows the
        # thread (and looks for older replies to a new candidate).
        checked = THREAD_PENDING
    return (*_envelope_row(env), s.folder, s.role, s.source, s.location, int(bool(s.candidate)), checked)


class Pending(NamedTuple):
    """A message whose body is still to be analysed."""

    key: str
    location: str
    subject: str
    from_addr: str
    role: str


@dataclasses.dataclass(frozen=True, slots=True)
class Sighting:
    """One message seen in one folder of one source, ready to be stored."""

    envelope: Envelope
    folder: str
    role: FolderRole
    source: str
    location: str
    # Whether the headers alone tie it to a program (MatchIndex.may_belong), when the
    # caller knows; stored with a new message so candidacy need not read it back.
    candidate: bool | None = None


# -- the database as a file: who may read it, and what goes wrong with it ------------
