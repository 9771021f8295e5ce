"""The shell around :mod:`inboxcoach.core.programs`: reading the store and the bodies
``programs suggest`` needs, printing suggestions, and writing the confirmed ones.

Bodies are read again from where the store says each message lives (its ``source``
and ``location``): a local mbox, Maildir or .eml folder through
:func:`inboxcoach.sources.open_source`, the IMAP account by UID with ``BODY.PEEK[]``
(read-only, nothing becomes \\Seen). A source that cannot be read any more (the file
moved, the server unreachable) leaves those messages with their headers, and the
suggestions say so; nothing is stored.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import tomlkit

from inboxcoach.cli.config_edit import add_programs, program_data
from inboxcoach.config import Config, ProgramConfig
from inboxcoach.core.parse import MalformedMessage
from inboxcoach.core.programs import Mail, Suggestion, Suggestions, suggest, wants_body
from inboxcoach.core.programs.text import fresh_text
from inboxcoach.errors import InboxcoachError, SourceError
from inboxcoach.store import Store

if TYPE_CHECKING:
    from rich.console import Console

log = logging.getLogger(__name__)

#: At most this many bodies are read for one ``suggest`` (a season has a few hundred).
MAX_BODIES = 3000
BODY_CAP = 2_000_000


@dataclass(frozen=True)
class Found:
    """Suggestions, and how many bodies could not be read (their headers were used)."""

    suggestions: Suggestions
    bodies_read: int
    bodies_missing: int
    messages: int


def find_programs(config: Config, db_path: Path, *, bodies: bool = True) -> Found:
    """Suggest programs from what ``sync`` or ``scan`` stored in ``db_path``.

    Raises InboxcoachError when there is no database yet.
    """
    if not Path(db_path).exists():
        raise InboxcoachError(f"{db_path}: no database yet; run `inboxcoach sync` (or `inboxcoach scan PATH`) first")
    with Store(db_path) as store:
        stored = store.messages()
        mails = [Mail(m.envelope, m.role) for m in stored]
        texts: dict[str, str] = {}
        missing = 0
        if bodies:
            keys = wants_body(mails, config)[:MAX_BODIES]
            texts, missing = _read_bodies(store, config, keys)
    mails = [Mail(m.envelope, m.role, texts.get(m.envelope.key)) for m in mails]
    return Found(suggest(mails, config), len(texts), missing, len(mails))


def _read_bodies(store: Store, config: Config, keys: Sequence[str]) -> tuple[dict[str, str], int]:
    by_source: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for key, (source, location) in store.origins(keys).items():
        by_source[source].append((key, location))
    texts: dict[str, str] = {}
    missing = 0
    for source, items in by_source.items():
        try:
            for key, data in _loader(source, config)(items):
                text = _text_of(data) if data is not None else None
                if text is None:
                    missing += 1
                else:
                    texts[key] = text
        except InboxcoachError as exc:
            log.warning("cannot read bodies from %s: %s", source, exc)
            missing += len(items) - sum(1 for key, _ in items if key in texts)
    return texts, missing


def _text_of(data: bytes) -> str | None:
    from inboxcoach.core.body import parse_body

    try:
        return fresh_text(parse_body(data, BODY_CAP).text)
    except MalformedMessage:
        return None


Loader = Callable[[list[tuple[str, str]]], Iterator[tuple[str, bytes | None]]]


def _loader(source: str, config: Config) -> Loader:
    if source.startswith("imap://"):
        return _imap_loader(config, source)
    from inboxcoach.sources import open_source

    mailbox = open_source(Path(source), config.account.addresses)

    def load(items: list[tuple[str, str]]) -> Iterator[tuple[str, bytes | None]]:
        for key, location in items:
            try:
                yield key, mailbox.load(location)
            except (OSError, SourceError):
                yield key, None

    return load


def _imap_loader(config: Config, source: str) -> Loader:
    from inboxcoach.service.sync import source_name

    if not config.account.imap_host or source_name(config) != source:
        raise SourceError(f"{source}: not the account in this config")

    def load(items: list[tuple[str, str]]) -> Iterator[tuple[str, bytes | None]]:
        from inboxcoach.service.sync import BODY_ITEM
        from inboxcoach.sources.imap.connection import connect, disconnect
        from inboxcoach.sources.imap.fetch import fetch

        by_folder: dict[str, dict[int, tuple[str, int]]] = defaultdict(dict)
        for key, location in items:
            stored_validity, stored_uid, folder = location.split(":", 2)
            by_folder[folder][int(stored_uid)] = (key, int(stored_validity))
        client = connect(config.account)
        try:
            for folder, wanted in by_folder.items():
                try:
                    selected = client.select_folder(folder, readonly=True)
                except Exception:  # noqa: BLE001 - a folder gone since the sync: its messages stay headers-only
                    for key, _ in wanted.values():
                        yield key, None
                    continue
                validity = int(selected.get(b"UIDVALIDITY", 0))
                uids = sorted(uid for uid, (_, v) in wanted.items() if v == validity)
                for key, v in wanted.values():
                    if v != validity:
                        yield key, None
                for start in range(0, len(uids), 50):
                    batch = uids[start : start + 50]
                    response = fetch(client, batch, [BODY_ITEM])
                    for number in batch:
                        data = response.get(number) or {}
                        body = next((v for k, v in data.items() if isinstance(k, bytes) and k.startswith(b"BODY[")), None)
                        yield wanted[number][0], body if isinstance(body, bytes) else None
        finally:
            disconnect(client)

    return load


# -- printing -------------------------------------------------------------------------------


def render_block(suggestion: Suggestion) -> str:
    """A ready ``[[programs]]`` block (TOML), its evidence in comments above it."""
    evidence = suggestion.evidence
    lines = [f"# {suggestion.name}: {evidence.summary()}"]
    lines += [f"#   {example.line()}" for example in evidence.examples]
    if suggestion.interview_date and evidence.interview_date_from:
        lines.append(f"#   interview date from: {evidence.interview_date_from.line()}")
    table = tomlkit.document()
    aot = tomlkit.aot()
    aot.append(tomlkit.item(program_data(suggestion.program_config())))
    table.add("programs", aot)
    return "\n".join(lines) + "\n" + tomlkit.dumps(table).strip() + "\n"


def write_note(suggestion: Suggestion) -> str:
    """The comment written above a block that ``--write`` adds."""
    note = f"Found by `inboxcoach programs suggest`: {suggestion.evidence.summary()}."
    source = suggestion.evidence.interview_date_from
    if suggestion.interview_date and source:
        note += f"\nInterview date from: {source.line()}"
    return note


def print_found(console: Console, found: Found) -> None:
    """The suggestions as ready blocks, then what else was noticed (for a terminal)."""
    suggestions = found.suggestions
    write = console.print
    if not suggestions.programs:
        write("# No new programs found in the mail read so far.", markup=False, highlight=False)
    for suggestion in suggestions.programs:
        write(render_block(suggestion), markup=False, highlight=False)
    if suggestions.unplaced:
        write("# Named by an application platform, but no mail from or to them yet (no address to", markup=False)
        write("# match them by); add each with `inboxcoach programs add NAME --domain DOMAIN`:", markup=False)
        for name, evidence in suggestions.unplaced:
            write(f"#   {name}: {evidence.summary()}", markup=False, highlight=False)
    if suggestions.configured:
        write(f"# Configured already: {', '.join(suggestions.configured)}.", markup=False, highlight=False)
    if found.bodies_missing:
        write(
            f"# {found.bodies_missing} message(s) could not be read again (source moved or unreachable): "
            "judged by their headers.",
            markup=False,
        )


def suggestions_json(found: Found) -> list[dict[str, Any]]:
    """``--json``: one object per suggestion, the config's keys plus ``evidence``."""
    return [s.to_dict() for s in found.suggestions.programs]


def write_suggestions(
    config_path: Path, suggestions: Sequence[Suggestion], confirm: Callable[[Suggestion], bool]
) -> list[str]:
    """Add the suggestions ``confirm`` accepts to the config. Returns the names added.
    Raises ConfigError (and writes nothing) when the result would not load."""
    chosen = [s for s in suggestions if confirm(s)]
    if not chosen:
        return []
    programs: list[ProgramConfig] = [s.program_config() for s in chosen]
    names, _ = add_programs(config_path, programs, [write_note(s) for s in chosen])
    return names
