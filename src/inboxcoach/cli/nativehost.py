"""The Thunderbird add-on's native-messaging host (``inboxcoach native-host``).

WebExtension native messaging: each message is a 4-byte length (native byte order;
little-endian on every platform Thunderbird runs on) followed by that many bytes of
UTF-8 JSON, on stdin and stdout. The host answers every request in order until
stdin ends: ``runtime.sendNativeMessage`` starts a process for one request (and
closes stdin after the answer), ``runtime.connectNative`` keeps one process for
many, which is how the add-on gets its answers within the 300 ms budget (Python's
start-up alone is most of that budget; a warm host answers in about 10 ms). The
config and the database are read afresh for every request.

Requests and answers (every answer has ``"ok"``, and the request's ``"id"`` if it
had one):

- ``{"type": "check", "to": [...], "cc": [...], "bcc": [...], "subject": "...",
  "body": "..."}``: the findings ``lint`` gives for this draft, judged with the
  database's knowledge (counts, earlier #1 letters, the other programs' names).
  Answer: ``{"ok": true, "programs": [...], "findings": [{"rule", "severity",
  "programs", "text"}], "critical": bool}`` and, without a database, a ``"note"``.
- ``{"type": "meter", "message_id": "<...>", "from": "...", "to": [...]}``: the
  program(s) of a displayed message and their meter, e.g. "2 of 3 contacts · last
  reply 14 Jan · silence is normal". Answer: ``{"ok": true, "programs": [{"name",
  "meter", "contacts", "limit", "status"}]}`` (empty when it belongs to no program).
- ``{"type": "ping"}``: ``{"ok": true, "version": "..."}``.

The database is opened read-only (safe beside a running daemon). Nothing here ever
raises to the caller: a bad frame, a bad request, a missing config or database and
an internal error all become ``{"ok": false, "error": "..."}`` - one line, no
traceback, no message text or secret.
"""

from __future__ import annotations

import json
import struct
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo
from email.utils import getaddresses
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from inboxcoach.errors import InboxcoachError

if TYPE_CHECKING:
    from inboxcoach.config import Config
    from inboxcoach.store import Store

# Requests carry one draft; anything this large is not one (and Thunderbird's own cap
# on a message to the host is far above what a mail client sends).
MAX_REQUEST_BYTES = 8 * 1024 * 1024
_HEADER = struct.Struct("<I")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


class ProtocolError(InboxcoachError):
    """A frame or request the host cannot read; the message says what was wrong.

    ``fatal`` when the stream cannot be read on (the frame boundary is lost)."""

    def __init__(self, message: str, *, fatal: bool = False) -> None:
        super().__init__(message)
        self.fatal = fatal


# -- framing -----------------------------------------------------------------------


def read_message(stream: IO[bytes]) -> Any:
    """Read one framed JSON message; None at the end of the input.

    Raises ProtocolError: fatal for a cut or oversized frame, not fatal for a whole
    frame that is not UTF-8 JSON.
    """
    header = stream.read(_HEADER.size)
    if not header:
        return None
    if len(header) < _HEADER.size:
        raise ProtocolError("request cut short: expected a 4-byte length and a JSON message", fatal=True)
    (length,) = _HEADER.unpack(header)
    if length > MAX_REQUEST_BYTES:
        raise ProtocolError(f"request of {length} bytes is larger than {MAX_REQUEST_BYTES}", fatal=True)
    payload = stream.read(length)
    if len(payload) < length:
        raise ProtocolError(f"request cut short: {len(payload)} of {length} bytes", fatal=True)
    try:
        message = json.loads(payload.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise ProtocolError("request is not UTF-8 JSON") from None
    if message is None:
        raise ProtocolError("request: expected a JSON object")
    return message


def write_message(stream: IO[bytes], message: dict[str, Any]) -> None:
    """Write one framed JSON message and flush."""
    payload = json.dumps(message, ensure_ascii=False).encode("utf-8")
    stream.write(_HEADER.pack(len(payload)) + payload)
    stream.flush()


# -- requests ----------------------------------------------------------------------


def _strings(request: dict[str, Any], key: str) -> list[str]:
    value = request.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ProtocolError(f"{key}: expected a list of strings")
    return value


def _string(request: dict[str, Any], key: str) -> str:
    value = request.get(key, "")
    if not isinstance(value, str):
        raise ProtocolError(f"{key}: expected a string")
    return value


def addresses(values: Sequence[str]) -> tuple[str, ...]:
    """Bare lower-cased addresses from "Name <a@b>" strings (as Thunderbird gives them)."""
    return tuple(addr.strip().lower() for _name, addr in getaddresses(list(values)) if "@" in addr)


def meter_text(
    contacts: int,
    limit: int,
    status: str,
    last_contact: datetime | None,
    last_reply: datetime | None,
    tz: tzinfo,
    today: datetime,
) -> str:
    """The meter of one program, e.g. "2 of 3 contacts · last reply 14 Jan · silence is normal".

    The reply date carries its year only when it is not ``today``'s. "silence is
    normal" when the program has not answered the latest contact; it never suggests
    writing again.
    """
    parts = [f"{contacts} of {limit} contacts"]
    if last_reply is None:
        parts.append("no reply yet")
    else:
        day = last_reply.astimezone(tz)
        year = "" if day.year == today.astimezone(tz).year else f" {day.year}"
        parts.append(f"last reply {day.day} {_MONTHS[day.month - 1]}{year}")
    if status == "over_limit":
        parts.append("over the limit")
    elif status == "at_limit":
        parts.append("limit reached")
    if last_contact is not None and (last_reply is None or last_reply < last_contact):
        parts.append("silence is normal")
    return " · ".join(parts)


class Host:
    """Answers requests with the config and database found as the CLI finds them.

    ``load_config`` is called for every request that needs it, so an edited config
    counts at once and a broken one becomes an answer rather than a crash.
    """

    def __init__(self, load_config: Callable[[], Config], db_path: Path, as_of: str | None = None) -> None:
        self._load_config = load_config
        self.db_path = db_path
        self._as_of = as_of

    def _moment(self, config: Config) -> datetime:
        """Now, or the ``--as-of`` moment (tests, demos), in the season's time zone."""
        from inboxcoach import clock

        if self._as_of is None:
            return clock.now().astimezone(config.season.tz)
        try:
            return clock.parse_moment(self._as_of, config.season.tz)
        except ValueError as exc:
            raise ProtocolError(f"--as-of: {exc}") from None

    def answer(self, request: Any) -> dict[str, Any]:
        """The answer to one decoded request (with its ``id``, if any); never raises."""
        answer = self._answer(request)
        if isinstance(request, dict) and isinstance(request.get("id"), (int, str)):
            answer["id"] = request["id"]
        return answer

    def _answer(self, request: Any) -> dict[str, Any]:
        try:
            if not isinstance(request, dict):
                raise ProtocolError("request: expected a JSON object")
            kind = request.get("type")
            if kind == "ping":
                from inboxcoach import __version__

                return {"ok": True, "version": __version__}
            if kind == "check":
                return self._check(request)
            if kind == "meter":
                return self._meter(request)
            raise ProtocolError(f"type: expected one of check, meter, ping; got {kind!r}")
        except InboxcoachError as exc:
            return {"ok": False, "error": str(exc)}
        except Exception as exc:  # noqa: BLE001 - the host answers; it never dies with a traceback
            return {"ok": False, "error": f"internal error ({type(exc).__name__})"}

    def warm(self) -> None:
        """Load now what the first check needs (the detectors, the rules, the config),
        so that the first letter sent is answered as fast as the next ones: the add-on
        pings the host when Thunderbird starts, long before the first Send (loading
        took 0.14 s of a first check, against a 300 ms budget). Never raises: what
        fails here fails again, and is answered, in the request that needs it."""
        try:
            from inboxcoach import detectors

            detectors.preload(self._load_config().program_list)
            self._check({"subject": "", "body": "Thank you for the interview."})  # a draft to no program
        except Exception:  # noqa: BLE001 - a warm-up; the requests report what is wrong
            pass

    def _store(self) -> Store:
        from inboxcoach.store import Store

        return Store(self.db_path, readonly=True)

    def _check(self, request: dict[str, Any]) -> dict[str, Any]:
        from inboxcoach.cli.commands import check_draft
        from inboxcoach.core.model import Envelope
        from inboxcoach.core.text import own_words

        recipients = {key: addresses(_strings(request, key)) for key in ("to", "cc", "bcc")}
        subject, body = _string(request, "subject"), _string(request, "body")
        config = self._load_config()
        as_of = self._moment(config)
        envelope = Envelope(
            key="native-host:draft",
            message_id="<draft@native-host.inboxcoach>",
            date=as_of,
            from_addr=config.account.email,
            from_name="",
            to=recipients["to"],
            cc=recipients["cc"],
            bcc=recipients["bcc"],
            subject=subject,
        )
        answer: dict[str, Any] = {"ok": True}
        if self.db_path.exists():
            with self._store() as store:
                findings, programs = check_draft(envelope, own_words(body), config, as_of, store)
        else:
            findings, programs = check_draft(envelope, own_words(body), config, as_of, None)
            answer["note"] = f"{self.db_path}: no database yet, so the draft was checked without your mail history"
        answer.update(
            programs=list(programs),
            findings=[
                {"rule": f.rule, "severity": f.severity, "programs": list(f.programs), "text": f.text}
                for f in findings
            ],
            critical=any(f.severity == "critical" for f in findings),
        )
        return answer

    def _meter(self, request: dict[str, Any]) -> dict[str, Any]:
        from inboxcoach.core.matching import match_all, match_index
        from inboxcoach.core.model import Envelope, StoredMessage
        from inboxcoach.core.report import build_report
        from inboxcoach.errors import StoreError
        from inboxcoach.store.report import season_messages

        message_id = _string(request, "message_id").strip()
        senders = addresses([_string(request, "from")])
        recipients = addresses(_strings(request, "to") + _strings(request, "cc"))
        config = self._load_config()
        now = self._moment(config)
        if not self.db_path.exists():
            raise StoreError(f"{self.db_path}: no database yet; run `inboxcoach sync` first")
        with self._store() as store:
            messages = season_messages(store, config)
        report = build_report(messages, config, now, now)
        key = message_id.strip("<>").lower()
        names = [a.program.name for a in report.programs if any(m.key == key for m in a.messages)]
        if not names and (senders or recipients):
            # not stored (yet): match the headers the add-on sent, as the report would
            envelope = Envelope(
                key=f"native-host:{key}",
                message_id=message_id,
                date=None,
                from_addr=senders[0] if senders else "",
                from_name="",
                to=recipients,
                subject=_string(request, "subject"),
            )
            message = StoredMessage(envelope=envelope, folder="INBOX", role="inbox", features=None)
            names = list(match_all([message], match_index(config))[envelope.key].programs)
        tz = config.season.tz
        activities = {a.program.name: a for a in report.programs}
        return {
            "ok": True,
            "programs": [
                {
                    "name": name,
                    "meter": meter_text(a.contacts, report.limit, a.status, a.last_contact, a.last_reply, tz, now),
                    "contacts": a.contacts,
                    "limit": report.limit,
                    "status": a.status,
                }
                for name in names
                if (a := activities.get(name)) is not None
            ],
        }


def serve(stdin: IO[bytes], stdout: IO[bytes], host: Host) -> int:
    """Answer each request on ``stdin`` on ``stdout`` until ``stdin`` ends.

    Returns 0 at the end of the input, 2 when a frame could not be read and the
    stream cannot be followed further (its answer says why). After its first ping is
    answered, the host loads what a check needs (:meth:`Host.warm`)."""
    warmed = False
    while True:
        try:
            request = read_message(stdin)
        except ProtocolError as exc:
            write_message(stdout, {"ok": False, "error": str(exc)})
            if exc.fatal:
                return 2
            continue
        if request is None:
            return 0
        write_message(stdout, host.answer(request))
        if not warmed and isinstance(request, dict) and request.get("type") == "ping":
            host.warm()  # the add-on's ping at Thunderbird's start: the first Send comes later
            warmed = True


def run(load_config: Callable[[], Config], db_path: Path, as_of: str | None = None) -> int:
    """``inboxcoach native-host``: serve the process's stdin/stdout (see :func:`serve`)."""
    protocol = sys.stdout.buffer
    sys.stdout = sys.stderr  # anything printed by mistake must not break the framing
    try:
        return serve(sys.stdin.buffer, protocol, Host(load_config, db_path, as_of))
    except OSError:  # Thunderbird closed the pipe (it gave up waiting): nobody to tell
        return 0
    finally:
        sys.stdout = sys.__stdout__


# -- registration (``inboxcoach thunderbird install``) ------------------------------

HOST_NAME = "inboxcoach"
ADDON_ID = "inboxcoach@inboxcoach.invalid"
WRAPPER_NAME = "inboxcoach-native-host"
# Where Thunderbird looks for a user's host manifest on the other platforms (it shares
# Firefox's places; Linux's is below, $HOME/.mozilla/native-messaging-hosts).
OTHER_PLATFORMS = (
    ("macOS", f"~/Library/Application Support/Mozilla/NativeMessagingHosts/{HOST_NAME}.json"),
    ("Windows", rf"registry HKEY_CURRENT_USER\Software\Mozilla\NativeMessagingHosts\{HOST_NAME} "
                "(default value: the manifest's full path)"),
)


@dataclass(frozen=True)
class InstallPlan:
    """What ``thunderbird install`` writes: the host manifest and the wrapper it names."""

    manifest_path: Path
    wrapper_path: Path
    manifest: dict[str, Any]
    wrapper: str


def manifest_dir(home: Path | None = None) -> Path:
    """The directory Thunderbird on Linux reads user host manifests from (the same as
    Firefox's; ``~/.thunderbird/native-messaging-hosts`` is not read)."""
    return (home or Path.home()) / ".mozilla" / "native-messaging-hosts"


def install_plan(
    config_path: Path, db_path: Path, *, home: Path | None = None, python: str | None = None
) -> InstallPlan:
    """The manifest and wrapper for this config and database (absolute paths: the
    manifest cannot carry arguments, and Thunderbird's environment is not the shell's)."""
    import shlex

    directory = manifest_dir(home)
    wrapper_path = directory / WRAPPER_NAME
    command = [
        python or sys.executable, "-m", "inboxcoach.cli",
        "--config", str(Path(config_path).expanduser().absolute()),
        "--db", str(Path(db_path).expanduser().absolute()),
        "native-host",
    ]  # fmt: skip
    wrapper = (
        "#!/bin/sh\n"
        "# Written by `inboxcoach thunderbird install`: Thunderbird runs this for the inboxcoach\n"
        "# add-on (one process while Thunderbird runs). Run the install again to change it.\n"
        f'exec {" ".join(shlex.quote(part) for part in command)} "$@"\n'
    )
    manifest = {
        "name": HOST_NAME,
        "description": "inboxcoach: checks a message before Thunderbird sends it",
        "path": str(wrapper_path),
        "type": "stdio",
        "allowed_extensions": [ADDON_ID],
    }
    return InstallPlan(directory / f"{HOST_NAME}.json", wrapper_path, manifest, wrapper)


def install(plan: InstallPlan) -> None:
    """Write the wrapper (executable) and the manifest. Raises InboxcoachError."""
    try:
        plan.manifest_path.parent.mkdir(parents=True, exist_ok=True)
        plan.wrapper_path.write_text(plan.wrapper, encoding="utf-8")
        plan.wrapper_path.chmod(0o755)
        plan.manifest_path.write_text(json.dumps(plan.manifest, indent=2) + "\n", encoding="utf-8")
    except OSError as exc:
        raise InboxcoachError(f"{exc.filename or plan.manifest_path}: cannot write: {exc.strerror}") from None


def describe_install(plan: InstallPlan, *, written: bool) -> str:
    """What was (or would be) written, and where the other platforms keep the manifest."""
    verb = "Wrote" if written else "Would write"
    lines = [
        f"{verb} the native-messaging host manifest {plan.manifest_path}",
        f"{verb} the host script {plan.wrapper_path}:",
        *(f"  {line}" for line in plan.wrapper.rstrip().splitlines() if not line.startswith("#")),
    ]
    if not written:
        lines += ["Manifest:", json.dumps(plan.manifest, indent=2)]
    lines.append("On other systems the manifest goes here (not written by this command):")
    lines += [f"  {system}: {where}" for system, where in OTHER_PLATFORMS]
    return "\n".join(lines)
