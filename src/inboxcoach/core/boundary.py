"""The standard library's email parser without a regular expression compiled per boundary.

``email.feedparser`` (CPython 3.11) compiles an expression for every multipart part it
meets, from that part's boundary::

    re.compile('(?P<sep>' + re.escape(separator) +
               r')(?P<end>--)?(?P<ws>[ \\t]*)(?P<linesep>\\r\\n|\\r|\\n)?$')

A boundary is unique to its message, so each multipart program message paid for a
compile (about 0.1 ms: a third of mail-parser's time on a short reply) and pushed an
entry out of ``re``'s cache of 512. :func:`install` gives the feedparser module a
``re`` whose ``compile`` knows that one expression: it answers with a
:class:`Separator`, which tests the separator with ``str.startswith`` and matches the
rest with one expression per separator length, giving the very ``re.Match`` (same
groups, same span) that the compiled expression gives. Every other name is ``re``'s
own; a Python whose feedparser builds the expression otherwise never calls it, and
parses as before.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

__all__ = ["Separator", "install"]

_PREFIX = "(?P<sep>"
_SUFFIX = r")(?P<end>--)?(?P<ws>[ \t]*)(?P<linesep>\r\n|\r|\n)?$"
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)


@lru_cache(maxsize=64)
def _after_separator(length: int) -> re.Pattern[str]:
    """The boundary expression with any ``length`` characters in place of the separator
    (which :class:`Separator` has checked already)."""
    return re.compile(f"(?P<sep>(?s:.{{{length}}}))" + _SUFFIX[1:])


class Separator:
    """Stands in for the compiled boundary expression of one separator (``--`` and the
    boundary): ``match(line)`` gives what that expression's ``match(line)`` gives."""

    __slots__ = ("_rest", "separator")

    def __init__(self, separator: str) -> None:
        self.separator = separator
        self._rest = _after_separator(len(separator))

    def match(self, line: str) -> re.Match[str] | None:
        if not line.startswith(self.separator):
            return None
        return self._rest.match(line)


class _FeedparserRe:
    """``re`` as ``email.feedparser`` sees it: the boundary expression is a
    :class:`Separator`, everything else ``re`` itself."""

    def __getattr__(self, name: str) -> Any:
        return getattr(re, name)

    @staticmethod
    def compile(pattern: Any, flags: int = 0) -> Any:
        if flags == 0 and isinstance(pattern, str) and pattern.startswith(_PREFIX) and pattern.endswith(_SUFFIX):
            escaped = pattern[len(_PREFIX) : -len(_SUFFIX)]
            separator = _ESCAPE.sub(r"\1", escaped)
            if re.escape(separator) == escaped:  # read back exactly: else compile it as asked
                return Separator(separator)
        return re.compile(pattern, flags)


def install() -> None:
    """Give ``email.feedparser`` the ``re`` above (once; the parse is unchanged)."""
    import email.feedparser

    if getattr(email.feedparser, "re", None) is re:
        setattr(email.feedparser, "re", _FeedparserRe())  # noqa: B010 - the module's own name for re
