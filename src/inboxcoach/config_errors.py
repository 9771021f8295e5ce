"""How a config error is told: the key it is at and what was wrong, in our words.

:func:`explain` turns msgspec's ``ValidationError`` (``Expected `int`, got `str` - at
`$.limits.quiet_after_days```) into a location and a reason (``expected a whole
number, got "x"``); :func:`key_path` names the location as a user reads it, a program
by its name (``programs["St. Luke's"].domains``). Used by :mod:`inboxcoach.config`.
"""

from __future__ import annotations

import json
import re
from typing import Any, Literal

import msgspec

__all__ = ["FieldError", "explain", "key_path", "program_key", "shown"]


class FieldError(ValueError):
    """One key of a table holds a wrong value: ``key`` names it within its table, so
    the error names ``account.email`` rather than ``account``."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key


def program_key(name: str) -> str:
    """How errors name a program: ``programs["St. Luke's"]``."""
    return 'programs["' + name.replace("\\", "\\\\").replace('"', '\\"') + '"]'


def key_path(loc: tuple[int | str, ...], data: Any) -> str:
    """``programs["Riverside"].domains`` for a location; a program is named
    by its name when it has one, else by its position (``programs[2]``)."""
    out = ""
    node = data
    for part in loc:
        child = None
        if isinstance(part, int):
            name = None
            if isinstance(node, list) and 0 <= part < len(node):
                child = node[part]
                if isinstance(child, dict) and isinstance(child.get("name"), str) and child["name"].strip():
                    name = child["name"]
            out = program_key(name) if name is not None and out == "programs" else f"{out}[{part}]"
        else:
            if isinstance(node, dict):
                child = node.get(part)
            out += ("." if out else "") + str(part)
        node = child
    return out


def _value_at(loc: tuple[int | str, ...], data: Any) -> Any:
    node = data
    for part in loc:
        if isinstance(part, int) and isinstance(node, list) and 0 <= part < len(node):
            node = node[part]
        elif isinstance(part, str) and isinstance(node, dict) and part in node:
            node = node[part]
        else:
            return None
    return node


def shown(value: Any) -> str:
    """A short rendering of a wrong value for the message (no value is a secret in the
    config: password sources name a variable or a command, never the password)."""
    if hasattr(value, "isoformat"):
        return str(value.isoformat())  # as TOML writes a date or a time: no quotes
    text = json.dumps(value, ensure_ascii=False, default=str) if isinstance(value, (str, list, dict)) else repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


# What a type msgspec names in an error is, in our words.
_EXPECTED: dict[str, str] = {
    "int": "a whole number",
    "float": "a number",
    "bool": "true or false",
    "str": "a text in quotes",
    "date": "a date such as 2026-11-12 (no quotes)",
    "array": 'a list in brackets, e.g. ["a", "b"]',
    "object": "a table (a [section] with keys)",
}
_BOUND = {">=": "at least", "<=": "at most", ">": "more than", "<": "less than"}
_MESSAGE = re.compile(r"(?P<what>.*?)(?: - at `\$(?P<path>[^`]*)`)?", re.S)
_PATH_PART = re.compile(r"\.([^.\[]+)|\[(\d+)\]")


def _loc(path: str) -> tuple[int | str, ...]:
    """``.programs[2].domains`` -> ("programs", 2, "domains")."""
    return tuple(int(m[2]) if m[2] is not None else m[1] for m in _PATH_PART.finditer(path))


def _literal_values(loc: tuple[int | str, ...], root: type[Any]) -> tuple[Any, ...] | None:
    """The values a Literal key at ``loc`` allows, in the order the table declares them."""
    import typing  # late: only an error needs it

    kind: Any = root
    for part in loc:
        if isinstance(part, int) and typing.get_origin(kind) is tuple:
            kind = typing.get_args(kind)[0]
        elif isinstance(part, str) and isinstance(kind, type) and issubclass(kind, msgspec.Struct):
            kind = typing.get_type_hints(kind).get(part)
        else:
            return None
    return typing.get_args(kind) if typing.get_origin(kind) is Literal else None


def _one_of(values: tuple[Any, ...]) -> str:
    texts = [json.dumps(v) for v in values]
    return texts[0] if len(texts) == 1 else f"{', '.join(texts[:-1])} or {texts[-1]}"


def explain(exc: msgspec.ValidationError, data: Any, root: type[Any]) -> tuple[tuple[int | str, ...], str]:
    """(where, what) of a validation error, in our words (msgspec's never show)."""
    match = _MESSAGE.fullmatch(str(exc))
    what, loc = (match["what"], _loc(match["path"] or "")) if match else (str(exc), ())
    cause = exc.__cause__
    if isinstance(cause, FieldError):
        return (*loc, cause.key), str(cause)
    if isinstance(cause, ValueError):
        return loc, str(cause)
    if key := re.fullmatch(r"Object contains unknown field `(.*)`", what, re.S):
        return (*loc, key[1]), "unknown key (check its spelling and its [section])"
    if key := re.fullmatch(r"Object missing required field `(.*)`", what, re.S):
        return (*loc, key[1]), "required key is missing"
    value = _value_at(loc, data)
    got = shown(value)
    if values := _literal_values(loc, root):  # a wrong text or a wrong kind of value alike
        return loc, f"expected one of {_one_of(values)}, got {got}"
    if bound := re.fullmatch(r"Expected `\w+` (>=|<=|>|<) (\S+)", what):
        return loc, f"expected a number {_BOUND[bound[1]]} {bound[2]}, got {got}"
    if re.fullmatch(r"Expected `str` of length >= 1", what):
        return loc, "must not be empty"
    if kind := re.fullmatch(r"Expected `(\w+)(?: \| null)?`, got `\w+`|Invalid RFC3339 encoded (\w+)", what):
        expected = kind[1] or kind[2]
        if loc == ("programs",) and expected == "array":
            return loc, "expected one [[programs]] block per program"
        if expected in _EXPECTED:
            text = _EXPECTED[expected]
            if expected == "date" and not isinstance(value, str):
                text = "a date such as 2026-11-12 (no quotes, no time)"
            return loc, f"expected {text}, got {got}"
    return loc, f"invalid value {got}"
