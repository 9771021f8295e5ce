"""The one real clock. Everything else receives the moment it judges as a value."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo


def now() -> datetime:
    """The current moment, aware, in UTC."""
    return datetime.now(UTC)


def parse_moment(text: str, tz: ZoneInfo) -> datetime:
    """Parse an ``--as-of`` value: ISO date-time (naive means ``tz``) or a date.

    A bare date means the end of that day in ``tz``. Raises ValueError.
    """
    text = text.strip()
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"not a date or date-time: {text!r} (use e.g. 2027-01-20T08:00)") from None
    if len(text) == 10:  # YYYY-MM-DD
        return datetime.combine(date.fromisoformat(text), time(23, 59, 59), tz)
    return moment if moment.tzinfo else moment.replace(tzinfo=tz)
