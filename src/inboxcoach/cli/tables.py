"""The status table and text laid out for a screen of any width (rich); the data
they show comes from :mod:`inboxcoach.core.present`."""

from __future__ import annotations

import re
import textwrap

from rich import box
from rich.cells import cell_len
from rich.table import Table
from rich.text import Text

from inboxcoach.core.calendar import SeasonCalendar
from inboxcoach.core.model import Report
from inboxcoach.core.present import (
    STATUS_LABELS,
    findings_by_program,
    format_day,
    local_date,
    season_dates_line,
    short_day,
)

PROGRAM_MIN = 30  # a narrower layout is chosen before a name is cut below this


STATUS_STYLES: dict[str, str] = {"ok": "green", "at_limit": "yellow", "over_limit": "bold red"}

# Plain ASCII for what the table draws itself (the rule under the headers, an empty
# cell, a cut name), so a line's width in bytes is its width on the screen: a tool
# that counts bytes (awk, cut) sees the same table the reader does.
NONE = "-"
CUT = "..."
_HEAD_RULE = box.Box("    \n    \n -- \n    \n    \n    \n    \n    \n", ascii=True)


def _findings_cell(counts: dict[str, int] | None, *, short: bool = False) -> Text:
    if not counts:
        return Text(NONE, style="dim")
    cell = Text()
    if counts["critical"]:
        cell.append(f"{counts['critical']} {'crit' if short else 'critical'}", style="bold red")
    if counts["warning"]:
        if cell:
            cell.append(", ")
        cell.append(f"{counts['warning']} {'warn' if short else 'warning'}", style="yellow")
    return cell


# The status table, column by column: key, header, header when narrow, justification.
_COLUMNS: tuple[tuple[str, str, str, str], ...] = (
    ("contacts", "Contacts", "Contacts", "right"),
    ("replies", "Replies", "Replies", "right"),
    ("last_contact", "Last contact", "Last\ncontact", "left"),
    ("last_reply", "Last reply", "Last\nreply", "left"),
    ("interview", "Interview", "Interview", "left"),
    ("status", "Status", "Status", "left"),
    ("findings", "Findings", "Findings", "left"),
)
# What a narrow table gives up, in this order, until it fits: headers take two lines;
# the interview date goes (the applicant wrote it into the config); the status (the
# contacts cell, "4/3" in red, says it); findings are abbreviated ("1 crit, 1 warn");
# then the last reply date, the replies count and the last contact date. The program
# name and its contacts stay; the name is cut with an ellipsis only when it must be.
_NARROWING = ("short_headers", "interview", "status", "short_findings", "last_reply", "replies", "last_contact")
_GAP = 2  # columns are set apart by two spaces, as `gh` and `ruff` do
def status_table(report: Report, calendar: SeasonCalendar | None = None, width: int | None = None) -> Table:
    """Return a rich table with one row per program, sorted by program name, that fits
    ``width`` columns (None: every column, names in full).

    Columns: program, contacts ("n/limit", yellow at the limit, red over it), replies,
    last contact, last reply (local dates in the time zone of ``report.as_of``, e.g.
    "9 Dec"), interview date, status and the critical/warning findings naming the
    program. When they do not all fit, the least needed go first (see ``_NARROWING``).
    With a ``calendar`` the caption gives the rank-list deadline and Match Day, marked
    "(estimated)" when they are. The table only describes; it never suggests writing.
    """
    tz = report.as_of.tzinfo
    today = report.as_of.date()
    per_program = findings_by_program(report)
    activities = sorted(report.programs, key=lambda a: a.program.name.casefold())
    names = [a.program.name for a in activities]
    cells: dict[str, list[Text | str]] = {
        "contacts": [
            Text(f"{a.contacts}/{report.limit}", style="" if a.status == "ok" else STATUS_STYLES[a.status])
            for a in activities
        ],
        "replies": [str(a.replies) for a in activities],
        "last_contact": [short_day(local_date(a.last_contact, tz), today) for a in activities],
        "last_reply": [short_day(local_date(a.last_reply, tz), today) for a in activities],
        "interview": [short_day(a.program.interview_date, today) for a in activities],
        "status": [Text(STATUS_LABELS[a.status], style=STATUS_STYLES[a.status]) for a in activities],
        "findings": [_findings_cell(per_program.get(n)) for n in names],
    }
    short_findings: list[Text | str] = [_findings_cell(per_program.get(n), short=True) for n in names]
    given_up, name_width = _fit(cells, short_findings, names, width)
    if "short_findings" in given_up:
        cells["findings"] = short_findings

    table = Table(
        title=f"inboxcoach status as of {format_day(today)}",
        box=_HEAD_RULE,
        show_edge=False,
        pad_edge=False,
        padding=(0, _GAP - 1, 0, 0),
    )
    table.add_column("Program", style="bold", no_wrap=True, max_width=name_width)
    shown = [c for c in _COLUMNS if c[0] not in given_up]
    for _key, header, narrow_header, justify in shown:
        table.add_column(
            narrow_header if "short_headers" in given_up else header,
            justify=justify,  # type: ignore[arg-type]
            no_wrap=True,
        )
    for row, name in enumerate(names):
        table.add_row(Text(_cut(name, name_width)), *(cells[key][row] for key, *_ in shown))
    if calendar is not None:
        caption = season_dates_line(calendar, tz)
        if width is not None and cell_len(caption) > width:  # one date a line, not a date across two
            caption = caption.replace(" · ", "\n")
        table.caption = caption
    return table


def _cut(text: str, width: int | None) -> str:
    """``text`` cut to ``width`` columns, ending in CUT when it had to be cut."""
    if width is None or cell_len(text) <= width:
        return text
    kept = text[: max(width - len(CUT), 1)]
    while cell_len(kept) > width - len(CUT) and len(kept) > 1:  # wide characters
        kept = kept[:-1]
    return kept.rstrip() + CUT


def _fit(
    cells: dict[str, list[Text | str]], short_findings: list[Text | str], names: list[str], width: int | None
) -> tuple[set[str], int | None]:
    """What the table gives up to fit ``width`` (from ``_NARROWING``, in order), and
    the width left for program names (None: as wide as the longest)."""
    name_natural = max([cell_len("Program"), *(cell_len(n) for n in names)])
    if width is None:
        return set(), None
    given_up: set[str] = set()
    room = 0
    for step in (None, *_NARROWING):
        if step is not None:
            given_up.add(step)
        used = 0
        for key, header, narrow_header, _justify in _COLUMNS:
            if key in given_up:
                continue
            head = narrow_header if "short_headers" in given_up else header
            column = short_findings if key == "findings" and "short_findings" in given_up else cells[key]
            used += _GAP + max(cell_len(line) for line in [*head.split("\n"), *map(str, column)])
        room = width - used
        if room >= min(name_natural, PROGRAM_MIN):
            break
    return given_up, max(min(room, name_natural), len("Program"))


_SECOND_COLUMN = re.compile(r"\S {2,}(?=\S)")  # where a plain-text table's second column starts
_LIST_ITEM = re.compile(r"\s*(?:[-*•]\s+)?")


def fit_text(text: str, width: int) -> str:
    """Return plain ``text`` laid out to be read on a screen ``width`` columns wide.

    A longer line is wrapped at words, the continuation of a "- " list item indented
    under its text. A block of lines whose second columns line up (a plain-text table)
    keeps its columns: its first column is cut with an ellipsis instead. Lines that
    fit are left as they are. Raises nothing.
    """
    lines = text.split("\n")
    fitted: list[str] = []
    start = 0
    while start < len(lines):
        size = _table_rows(lines, start)
        if size > 1:
            fitted.extend(_fit_table(lines[start : start + size], width))
            start += size
        else:
            fitted.extend(_wrap(lines[start], width))
            start += 1
    return "\n".join(fitted)


def _column_start(line: str) -> int | None:
    found = _SECOND_COLUMN.search(line)
    return found.end() if found else None


def _table_rows(lines: list[str], start: int) -> int:
    """How many lines from ``start`` form a table (their second columns line up)."""
    column = _column_start(lines[start])
    if column is None:
        return 0
    size = 1
    while start + size < len(lines) and _column_start(lines[start + size]) == column:
        size += 1
    return size


def _fit_table(rows: list[str], width: int) -> list[str]:
    if all(cell_len(row) <= width for row in rows):
        return rows
    column = _column_start(rows[0]) or 0
    rest = [row[column:] for row in rows]
    first_width = width - _GAP - max(cell_len(r) for r in rest)
    if first_width < 8:  # too narrow to keep the columns: each row wraps like prose
        return [line for row in rows for line in _wrap(row, width)]
    fitted = []
    for row, tail in zip(rows, rest, strict=True):
        first = row[:column].rstrip()
        first = _cut(first, first_width)
        fitted.append(first.ljust(first_width) + " " * _GAP + tail)
    return fitted


def _wrap(line: str, width: int) -> list[str]:
    if cell_len(line) <= width:
        return [line]
    indent = " " * len(_LIST_ITEM.match(line).group(0))  # type: ignore[union-attr]
    return textwrap.wrap(line, width, subsequent_indent=indent, break_on_hyphens=False) or [""]
