"""Plain data shared by the pure core and the I/O shell.

Data flows one way: a source yields :class:`RawMessage`; ``parse`` turns it into an
:class:`Envelope` (headers only, cheap) and, for messages that may belong to a
program, a :class:`Body`; ``features.analyze`` turns the applicant's own words into
:class:`Features`; the store keeps envelopes and features (never bodies); the report
step matches, classifies, counts and applies the rules, producing :class:`Finding`
objects and a :class:`Report`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Literal

FolderRole = Literal["inbox", "sent", "drafts", "other"]
Direction = Literal["in", "out"]
Severity = Literal["critical", "warning", "info"]

# Dates outside this range are no dates at all ("01 Jan 0001", a year 9999 typo): a
# message carrying one is treated as undated. Both ends are far from any season, and
# converting any moment between them to any time zone cannot overflow.
EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)
LATEST = datetime(2200, 1, 1, tzinfo=UTC)


def sane_date(moment: datetime | None) -> datetime | None:
    """``moment`` in UTC when it is aware and between EARLIEST and LATEST, else None."""
    if moment is None or moment.tzinfo is None or moment.utcoffset() is None:
        return None
    try:
        utc = moment.astimezone(UTC)
    except (OverflowError, ValueError):
        return None
    return utc if EARLIEST <= utc < LATEST else None


#: Folders whose every message is the applicant's own.
OWN_ROLES: frozenset[str] = frozenset({"sent", "drafts"})


def direction(from_addr: str, role: str, own: frozenset[str] | set[str]) -> Direction:
    """Which side wrote a message, decided here and nowhere else: the applicant
    ("out") when it is from one of their addresses or sits in Sent or Drafts, anyone
    else ("in") otherwise."""
    return "out" if from_addr in own or role in OWN_ROLES else "in"


OUTBOUND_KINDS = ("thank_you", "update", "rank_statement", "logistics", "reply", "other")
INBOUND_KINDS = ("invitation", "reply", "automated", "offer", "rank_inquiry", "rejection", "other")


@dataclass(frozen=True, slots=True)
class RawMessage:
    """One message as a source delivers it.

    ``location`` lets the source load the full bytes again later (a file path, an
    mbox key, an IMAP UID); ``data`` may hold only the header block when the source
    is lazy, with the source's ``load(location)`` returning the whole message.
    """

    folder: str
    role: FolderRole
    location: str
    data: bytes
    size: int = 0


@dataclass(frozen=True, slots=True)
class FolderState:
    """How far an incremental sync of one folder got."""

    source: str
    folder: str
    uidvalidity: int | None
    last_uid: int
    highestmodseq: int | None = None


@dataclass(frozen=True, slots=True)
class Envelope:
    """What the headers say. Addresses are lower-cased bare addresses."""

    key: str  # identity: the Message-ID without <>, lower-cased; else "sha1:<hex>"
    message_id: str  # as shown in reports, with <>
    date: datetime | None  # aware (UTC) or None when missing/unparseable
    from_addr: str  # "" when missing
    from_name: str
    reply_to: tuple[str, ...] = ()
    to: tuple[str, ...] = ()
    cc: tuple[str, ...] = ()
    bcc: tuple[str, ...] = ()
    subject: str = ""
    in_reply_to: tuple[str, ...] = ()  # keys (no <>, lower-cased)
    references: tuple[str, ...] = ()  # keys (no <>, lower-cased)
    automated: bool = False  # Auto-Submitted (not "no"), Precedence bulk/list/junk, List-Id
    labels: tuple[str, ...] = ()  # X-Gmail-Labels, when present
    size: int = 0

    @property
    def recipients(self) -> tuple[str, ...]:
        return self.to + self.cc + self.bcc

    @property
    def thread_refs(self) -> tuple[str, ...]:
        return self.in_reply_to + tuple(r for r in self.references if r not in self.in_reply_to)


@dataclass(frozen=True, slots=True)
class Body:
    """The text of a message. ``own_words`` has quotes, forwards and signatures removed."""

    text: str
    own_words: str


# Bodies shorter than this (in words, after normalizing) get no fingerprint and are
# never "the same text" as another: a two-line note shares its shingles by chance.
MIN_FINGERPRINT_WORDS = 15


@dataclass(frozen=True, slots=True)
class Features:
    """What the content analysis found in the applicant's (or program's) own words.

    Every tuple of strings holds the matched phrases (short, lower-cased), empty
    when nothing matched. Stored as JSON in the store; bodies never are.
    """

    # outbound, applicant's words
    first_choice: tuple[str, ...] = ()  # "you are my #1 choice", "I will rank you first"
    rank_interest: tuple[str, ...] = ()  # "I will rank you highly", "one of my top choices" (fine to several)
    conditional_commitment: tuple[str, ...] = ()
    placeholders: tuple[str, ...] = ()  # "[institution name]", "{name}", "<program>"
    desperate: tuple[str, ...] = ()
    emotional: tuple[str, ...] = ()
    feedback_request: tuple[str, ...] = ()
    nudge: tuple[str, ...] = ()  # "following up on my previous email", "did you receive"
    thank_you: bool = False
    update: bool = False  # update/letter of continued interest
    logistics: bool = False  # scheduling, travel, documents, visa questions
    request: bool = False  # asks the reader for something (letter, call, meeting, info)
    # inbound, program's words
    offer: tuple[str, ...] = ()  # contract / position / commitment letter before Match Day
    rank_inquiry: tuple[str, ...] = ()  # asks how the applicant will rank / where else applied
    no_contact_policy: tuple[str, ...] = ()  # "no thank-you notes", "no need for further contact"
    invitation: bool = False
    rejection: bool = False
    # names of configured programs (Program.name) mentioned in subject or text
    mentions: tuple[str, ...] = ()
    # normalized body (names, greetings, signature, numbers removed) for mass-email and
    # same-request comparison: an exact hash plus a MinHash signature for near-duplicates
    fingerprint: str = ""
    minhash: tuple[int, ...] = ()
    word_count: int = 0
    # why the body could not be analysed ("" when it was): the message still counts by
    # its headers, and status/check list it as unreadable
    error: str = ""
    # (phrase, the same words as the message writes them) where they differ: a finding
    # quotes the applicant as written ("I'm", "[Program Director]"), not lower-cased
    written: tuple[tuple[str, str], ...] = ()

    def similarity(self, other: Features) -> float:
        """Estimated Jaccard similarity of two bodies' word 3-shingles (share of equal
        MinHash slots); 1.0 for identical fingerprints, 0.0 when either is too short."""
        if self.fingerprint and self.fingerprint == other.fingerprint:
            return 1.0
        if not self.minhash or len(self.minhash) != len(other.minhash):
            return 0.0
        return sum(x == y for x, y in zip(self.minhash, other.minhash, strict=True)) / len(self.minhash)


NO_FEATURES = Features()  # what a message whose analysis found nothing has (most analysed mail)


@dataclass(frozen=True, slots=True)
class Program:
    name: str
    aliases: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()  # lower-cased; a domain covers its subdomains
    contacts: tuple[str, ...] = ()  # lower-cased exact addresses
    interview_date: date | None = None
    nrmp: bool = True


@dataclass(frozen=True, slots=True)
class StoredMessage:
    """A message as the store holds it: envelope, where it was seen, and features."""

    envelope: Envelope
    folder: str
    role: FolderRole
    features: Features | None  # None when the body was not analysed (not a candidate)


@dataclass(frozen=True, slots=True)
class MessageView:
    """A message as the report and the rules see it, for one program."""

    stored: StoredMessage
    program: str
    direction: Direction
    draft: bool
    kind: str
    counts_as_contact: bool
    platform: bool  # from an application platform (program-initiated, automated)
    is_reply_by_person: bool  # inbound, written by a person (counts in `replies`)
    initiated_by_program: bool  # outbound reply in a thread the program started

    @property
    def envelope(self) -> Envelope:
        return self.stored.envelope

    @property
    def features(self) -> Features:
        return self.stored.features or Features()

    @property
    def key(self) -> str:
        return self.stored.envelope.key

    @property
    def message_id(self) -> str:
        return self.stored.envelope.message_id

    @property
    def date(self) -> datetime | None:
        return self.stored.envelope.date


@dataclass(frozen=True, slots=True)
class ProgramActivity:
    """Everything matched to one program, as of the report's moment."""

    program: Program
    messages: tuple[MessageView, ...]  # sorted by date, oldest first
    contacts: int
    replies: int
    status: Literal["ok", "at_limit", "over_limit"]
    last_contact: datetime | None
    last_reply: datetime | None


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    severity: Severity
    programs: tuple[str, ...]
    message_ids: tuple[str, ...]
    text: str
    draft: bool = False


@dataclass(frozen=True, slots=True)
class Ambiguous:
    message_id: str
    candidates: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Report:
    generated_at: datetime
    as_of: datetime
    account: str
    limit: int
    programs: tuple[ProgramActivity, ...]
    findings: tuple[Finding, ...]
    unmatched: int
    ambiguous: tuple[Ambiguous, ...] = field(default=())
    # messages that could not be read (fully), by reason: counted, never judged
    unreadable: tuple[tuple[str, int], ...] = ()
