"""Header field values as plain data: readable text (RFC 2047 words decoded), the
addresses of an address field, Message-ID keys, Gmail labels and dates. Bad charsets,
invalid UTF-8, out-of-range dates and oversized fields never raise; each has a bound."""

from __future__ import annotations

import codecs
import csv
import email.errors
import email.header
import re
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta, timezone
from email.utils import getaddresses, parsedate_tz

from inboxcoach.core.model import EARLIEST, LATEST

MAX_ADDRESSES = 10_000  # per address field: more is a list server's, not a person's
MAX_THREAD_REFS = 100  # References: the first (thread root) and the newest 99

_FOLD = re.compile(r"\r?\n(?=[ \t])")
_ANGLE_ID = re.compile(r"<([^<>\s]+)>")
_ADDR_SPEC = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9.-]+\.[A-Za-z0-9-]+")
_VALID_ADDR = re.compile(r"^[^@\s<>()\[\],;:\"]+@[^@\s<>()\[\],;:\"]+$")


def _surrogates_to_text(value: str) -> str:
    """Turn the surrogate escapes compat32 leaves for 8-bit header bytes into text."""
    try:
        value.encode("utf-8")
        return value
    except UnicodeEncodeError:
        raw = value.encode("utf-8", "surrogateescape")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _decode_bytes(raw: bytes, charset: str) -> str:
    """Decode ``raw`` in ``charset``; unknown charsets and bad bytes never raise."""
    name = charset.split("*", 1)[0].strip().lower() or "us-ascii"
    try:
        codecs.lookup(name)
    except LookupError:
        name = "utf-8"
    try:
        return raw.decode(name)
    except (UnicodeDecodeError, LookupError):
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            return raw.decode("cp1252", errors="replace")


def decode_header_value(value: str | None) -> str:
    """Return a header value as readable text: unfolded, 8-bit bytes and RFC 2047
    encoded words decoded, whitespace collapsed. Bad charsets and invalid UTF-8 are
    replaced, never raised; ``None`` gives ""."""
    if not value:
        return ""
    text = _surrogates_to_text(_FOLD.sub("", str(value)))
    if "=?" in text:
        text = _decode_encoded_words(text)
    if not text.isprintable():  # NUL, ESC and the like never reach a terminal or the digest
        text = text.translate(_CONTROLS)
    return " ".join(text.split())


_CONTROLS = dict.fromkeys([*range(0x20), *range(0x7F, 0xA0)], " ")


def _decode_encoded_words(text: str) -> str:
    """RFC 2047 words decoded by the standard library; a charset it does not know, or
    bytes that are not in it, decode as UTF-8 or cp1252 instead of failing."""
    try:
        chunks = email.header.decode_header(text)
    except (email.errors.HeaderParseError, ValueError):
        return text  # broken base64 or the like: the raw text is the best reading
    return "".join(_decoded_chunk(chunk, charset) for chunk, charset in chunks)


def _decoded_chunk(chunk: str | bytes, charset: str | None) -> str:
    if isinstance(chunk, str):
        return chunk
    if charset is None:  # the text between encoded words, which decode_header encoded so
        return chunk.decode("raw-unicode-escape", errors="replace")
    return _decode_bytes(chunk, charset)


def _raw(value: str | None) -> str:
    if not value:
        return ""
    if "\n" not in value and value.isascii():
        return value.strip()  # the usual case: nothing folded, nothing to decode
    return _surrogates_to_text(_FOLD.sub("", value)).strip()


def _unbalanced(raw: str) -> bool:
    return raw.count('"') % 2 == 1 or raw.count("(") != raw.count(")") or raw.count("<") != raw.count(">")


_SIMPLE_PART = re.compile(r"^\s*(?:([^<>]*?)\s*<([^<>\s]+)>|([^<>\s]+))\s*$")


def _simple_addresses(raw: str) -> list[tuple[str, str]] | None:
    """The common case fast: ``Name <a@b>, c@d`` with no quotes, comments or groups.

    Returns None whenever the header needs the full RFC 5322 parser.
    """
    if '"' in raw or "(" in raw or ":" in raw or ";" in raw or "\\" in raw:
        return None
    pairs = []
    for part in raw.split(","):
        if not part.strip():
            continue
        match = _SIMPLE_PART.match(part)
        if match is None:
            return None
        name, angle, bare = match.groups()
        pairs.append(((name or "").strip(), angle or bare))
    return pairs


# One plain address, "Name <a@b>" or "a@b": what most headers hold. Nothing the full
# parser would treat differently (quotes, comments, groups, encoded words) matches.
_ADDR = r"[^@\s<>()\[\],;:\"\\]+@[^@\s<>()\[\],;:\"\\]+"
_SINGLE_ADDRESS = re.compile(rf"\s*(?:([^\"<>()\[\],;:\\@]*?)\s*<({_ADDR})>|({_ADDR}))\s*")


def parse_addresses(values: Sequence[str]) -> list[tuple[str, str]]:
    """Return (display name, address) pairs from address header values.

    Addresses are lower-cased bare addresses; empties and garbage are dropped; the
    order is kept and duplicates are removed (the first name wins). Never raises.
    """
    if len(values) == 1:
        single = _single_address(values[0])
        if single is not None:
            return [single]
    return _parse_addresses_full(values)


def _single_address(value: str) -> tuple[str, str] | None:
    """The one plain address of ``value``, as the full parser would give it; None when
    the value is anything else."""
    if not value.isascii() or "=?" in value:
        return None
    single = _SINGLE_ADDRESS.fullmatch(value)
    if single is None:
        return None
    name, angle, bare = single.groups()
    return (" ".join(name.split()) if name else "", (angle or bare).lower())


def _parse_addresses_full(values: Sequence[str]) -> list[tuple[str, str]]:
    raw_values = [_raw(v) for v in values if v]
    if not raw_values:
        return []
    pairs: list[tuple[str, str]] = []
    for raw in raw_values:
        simple = _simple_addresses(raw)
        if simple is not None:
            pairs.extend(simple)
            continue
        parsed = getaddresses([raw])
        if "@" in raw and (any(not addr for _, addr in parsed) or _unbalanced(raw)):
            # getaddresses gives up on unbalanced quotes/parentheses; keep what
            # looks like an address rather than losing the whole header.
            names: dict[str, str] = {}
            for name, addr in parsed:
                if addr:
                    names.setdefault(addr.lower(), name)
            parsed = [(names.get(a.lower(), ""), a) for a in _ADDR_SPEC.findall(raw)]
        pairs.extend(parsed)
    seen: set[str] = set()
    result: list[tuple[str, str]] = []
    for name, addr in pairs:
        bare = addr.strip().strip("<>").strip().lower()
        if not _VALID_ADDR.match(bare) or bare in seen:
            continue
        seen.add(bare)
        result.append((decode_header_value(name).strip('"').strip(), bare))
        if len(result) >= MAX_ADDRESSES:
            break
    return result


def _message_keys(value: str | None, lower: bool = True, limit: int = MAX_THREAD_REFS) -> tuple[str, ...]:
    """Return Message-ID style keys (no <>, lower-cased unless ``lower`` is False)
    in order, de-duplicated, in linear time. Of more than ``limit`` keys, the first
    (a thread's root) and the newest ``limit - 1`` are kept, as RFC 5322 advises
    for trimming References."""
    raw = _raw(value)
    if not raw:
        return ()
    found = _ANGLE_ID.findall(raw) or raw.split()
    keys: dict[str, None] = {}
    for item in found:
        key = item.strip().strip("<>").strip()
        if key:
            keys[key.lower() if lower else key] = None
    unique = tuple(keys)
    return unique if len(unique) <= limit else unique[:1] + unique[-(limit - 1) :]


def parse_labels(value: str | None) -> tuple[str, ...]:
    """Return the Gmail labels of an ``X-Gmail-Labels`` value (comma-separated,
    values may be quoted or RFC 2047-encoded), in order, without empties."""
    raw = _raw(value)
    if not raw:
        return ()
    try:
        fields = next(csv.reader([raw], skipinitialspace=True), [])
    except csv.Error:
        fields = raw.split(",")
    labels: list[str] = []
    for field in fields:
        label = decode_header_value(field.strip().strip('"'))
        if label and label not in labels:
            labels.append(label)
    return tuple(labels)


_ZONES: dict[int, timezone] = {0: UTC}
_MONTHS = {name: number for number, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}  # fmt: skip
# The form nearly every mail program writes, "Thu, 3 Dec 2026 13:48:39 +0000": read
# without the general parser (which it reads the same way).
_USUAL_DATE = re.compile(
    r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?(\d{1,2}) ([A-Z][a-z]{2}) ([1-9]\d{3}) (\d\d):(\d\d):(\d\d) ([+-])(\d\d)(\d\d)"
)


def _parse_date(value: str | None) -> datetime | None:
    """The moment of a Date header value in UTC, by the standard library's RFC 5322
    date parser. None for a value that is no date, whose zone offset is out of range
    (``+9999``), or that lies outside the sane range (:func:`model.sane_date`). A
    value without a zone, or with ``-0000``, is read as UTC."""
    raw = _raw(value)
    if not raw:
        return None
    usual = _USUAL_DATE.fullmatch(raw)
    if usual is not None and usual[2].lower() in _MONTHS:
        day, month_name, year, hour, minute, second, sign, zone_hours, zone_minutes = usual.groups()
        offset = (int(zone_hours) * 3600 + int(zone_minutes) * 60) * (-1 if sign == "-" else 1)
        return _moment(int(year), _MONTHS[month_name.lower()], int(day), int(hour), int(minute), int(second), offset)
    try:
        fields = parsedate_tz(raw)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if fields is None:
        return None
    year, month, day, hour, minute, second, _, _, _, tz_offset = fields
    return _moment(year, month, day, hour, minute, second, tz_offset or 0)  # no zone, or -0000: UTC


def _moment(year: int, month: int, day: int, hour: int, minute: int, second: int, offset: int) -> datetime | None:
    """The moment in UTC of a local time ``offset`` seconds east of UTC; None outside
    the sane range or for an offset no clock has."""
    zone = _ZONES.get(offset)
    if zone is None:
        if not -86_400 < offset < 86_400:
            return None
        zone = _ZONES[offset] = timezone(timedelta(seconds=offset))
    try:
        moment = datetime(year, month, day, hour, minute, second, tzinfo=zone)
        if zone is not UTC:
            moment = moment.astimezone(UTC)
    except (ValueError, OverflowError):
        return None
    return moment if EARLIEST <= moment < LATEST else None
