"""The programs a mailbox writes with: ``inboxcoach programs suggest``.

Pure: stored messages (envelopes, and the text of the few whose body was read) in,
proposed ``[[programs]]`` blocks out. :mod:`inboxcoach.program_setup` reads the store
and the bodies; this module decides.

Where the evidence comes from, and why so. The store keeps every message's envelope
(From, To, Cc, Subject, Date, threading), but a body only as derived features, and
only for messages that match a configured program: with no programs configured, no
body was ever analysed. Headers alone find most programs (a coordinator's address, a
subject naming "Riverside University Anesthesiology", the applicant's own mail to
them), but not the interview date: "you are confirmed for Thursday, November 12"
lives in a body. So ``suggest`` takes the headers of every stored message, picks the
likely program mail by them (application platforms; institutions the applicant
exchanged mail with or that write about interviews; a few hundred messages in a whole
season), and :mod:`inboxcoach.program_setup` re-reads only those bodies from the
source the store recorded (an mbox, Maildir or .eml folder by location, IMAP by UID
with ``BODY.PEEK``). No body is stored; ``--headers-only`` skips the re-reading.

How a program is recognised:

- Mail is grouped by the organisation's domain (``gme.riverside.edu`` ->
  ``riverside.edu``), never by a public mail domain (gmail.com, ...), the
  applicant's own, or an application platform's (Thalamus, ERAS, Interview Broker).
- A group becomes a program when it has a name and speaks of residency: a name in
  the subject or signature of its own mail, or one whose words are in the domain
  ("Riverside" in riverside.edu), or one an application platform gives for it
  ("New interview invitation from Pinecrest University Anesthesiology" and mail with
  pinecrest.edu). Newsletters, shops, banks and social networks name no program, or
  send list mail (List-Id, Precedence), which is left out.
- One domain with two programs (a health system's St. Agnes and Lakeview) is split by
  the names its mail uses; each keeps the coordinators whose mail names it.
- A coordinator writing from a public mail domain is listed by exact address under
  ``contacts`` of the program whose thread they answer.
- The interview date is the last sure statement of it (see
  :mod:`inboxcoach.program_text`): a platform's confirmation or reminder, the
  coordinator's confirmation, a changed date, a thank-you note's "yesterday".
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .config import Config, ProgramConfig
from .mail_domains import domain_of, is_public_mail_domain, organization_domain
from .model import Envelope
from .program_text import (
    DateClue,
    Name,
    dates_in,
    find_names,
    has_residency_signal,
    is_thank_you,
    outside_match,
    sentences,
    tokens_of,
)

__all__ = ["Evidence", "Example", "Mail", "Suggestion", "Suggestions", "suggest", "wants_body"]

# Mailboxes no person answers: automated senders, and the shop and service desks whose
# mail names products ("Delivered: Pocket Anesthesia, 4th ed.").
_NOT_A_PERSON = re.compile(
    r"^(no-?reply|do-?not-?reply|donotreply|noreply|mailer-daemon|postmaster|bounces?|newsletters?|news"
    r"|notifications?|notify|alerts?|marketing|mailer|lists?|digest|auto-?confirm|orders?|receipts?|billing"
    r"|invoices?|sales|shop|store|support|help|customer\w*|service|accounts?|security|hello|deals|offers"
    r"|promo\w*|updates|reservations?|bookings?|members|membership|subscriptions?)\b"
)
_FORWARD = re.compile(r"^\s*(fw|fwd|tr|wg)\s*:", re.IGNORECASE)
_FIRST_PERSON = re.compile(r"\b(we|our|us|invites? you|invite you|applying to|application to|applied to)\b", re.IGNORECASE)
_SIGNATURE_LINES = 6
MAX_CONTACTS = 5
MAX_ALIASES = 3
MAX_EXAMPLES = 4
#: How many messages of one organisation are worth reading the body of.
BODIES_PER_GROUP = 40


@dataclass(frozen=True, slots=True)
class Mail:
    """One stored message as ``suggest`` reads it: the envelope, the folder role, and
    the newest part of its text when the body was read (None: headers only)."""

    envelope: Envelope
    role: str
    text: str | None = None


@dataclass(frozen=True, slots=True)
class Example:
    """One message shown as evidence: when, who wrote it, its subject."""

    day: date | None
    who: str
    subject: str

    def line(self) -> str:
        when = self.day.isoformat() if self.day else "undated"
        return f"{when}  {self.who}: {self.subject}"


@dataclass(frozen=True, slots=True)
class Evidence:
    """What a suggestion rests on: how many messages, from whom, which."""

    messages: int
    from_program: int
    from_you: int
    from_platforms: int
    first: date | None
    last: date | None
    examples: tuple[Example, ...]
    interview_date_from: Example | None = None

    def summary(self) -> str:
        """``9 messages (4 from the program, 3 from you, 2 from platforms), 2026-10-08 to 2027-01-11``."""
        parts = [
            f"{n} from {who}"
            for n, who in ((self.from_program, "the program"), (self.from_you, "you"), (self.from_platforms, "platforms"))
            if n
        ]
        text = f"{self.messages} message{'s' if self.messages != 1 else ''}"
        if parts:
            text += f" ({', '.join(parts)})"
        if self.first and self.last:
            text += f", {self.first.isoformat()}" + (f" to {self.last.isoformat()}" if self.last != self.first else "")
        return text

    def to_dict(self) -> dict[str, Any]:
        return {
            "messages": self.messages,
            "from_program": self.from_program,
            "from_you": self.from_you,
            "from_platforms": self.from_platforms,
            "first": self.first.isoformat() if self.first else None,
            "last": self.last.isoformat() if self.last else None,
            "examples": [_example_dict(e) for e in self.examples],
            "interview_date_from": _example_dict(self.interview_date_from) if self.interview_date_from else None,
        }


def _example_dict(example: Example) -> dict[str, Any]:
    return {"date": example.day.isoformat() if example.day else None, "from": example.who, "subject": example.subject}


@dataclass(frozen=True)
class Suggestion:
    """A proposed ``[[programs]]`` block and the evidence for it."""

    name: str
    aliases: tuple[str, ...]
    domains: tuple[str, ...]
    contacts: tuple[str, ...]
    interview_date: date | None
    nrmp: bool
    evidence: Evidence

    def program_config(self) -> ProgramConfig:
        """The block as the config validates it. Raises pydantic's ValidationError."""
        return ProgramConfig(
            name=self.name,
            aliases=self.aliases,
            domains=self.domains,
            contacts=self.contacts,
            interview_date=self.interview_date,
            nrmp=self.nrmp,
        )

    def to_dict(self) -> dict[str, Any]:
        """The config's keys plus ``evidence`` (``programs suggest --json``)."""
        return {
            "name": self.name,
            "aliases": list(self.aliases),
            "domains": list(self.domains),
            "contacts": list(self.contacts),
            "interview_date": self.interview_date.isoformat() if self.interview_date else None,
            "nrmp": self.nrmp,
            "evidence": self.evidence.to_dict(),
        }


@dataclass(frozen=True)
class Suggestions:
    """What ``suggest`` found: new programs; programs a platform names whose own mail
    was never seen (no address to match them by); configured programs it found again."""

    programs: tuple[Suggestion, ...]
    unplaced: tuple[tuple[str, Evidence], ...] = ()
    configured: tuple[str, ...] = ()


# -- reading one message ----------------------------------------------------------------


@dataclass
class _Reading:
    key: str
    mail: Mail
    outbound: bool
    platform: bool
    day: date | None
    names: list[tuple[Name, float, bool]]  # name, weight, trusted (the program speaking of itself)
    clues: list[DateClue]
    words: frozenset[str]  # every word of the subject and text, lower-cased
    signal: bool
    outside_match: bool
    parties: tuple[str, ...]  # the other side: the sender, or the recipients


@dataclass(frozen=True)
class _Context:
    own: frozenset[str]
    own_domains: frozenset[str]
    platforms: tuple[str, ...]
    match_year: int
    specialty: frozenset[str]
    specialty_text: str
    tz: Any


def _context(config: Config) -> _Context:
    own = frozenset(a.lower() for a in config.account.addresses)
    own_domains = frozenset(organization_domain(domain_of(a)) for a in own) - {""}
    return _Context(
        own=own,
        own_domains=frozenset(d for d in own_domains if not is_public_mail_domain(d)),
        platforms=tuple(config.matching.platform_senders),
        match_year=config.season.match_year,
        specialty=frozenset(tokens_of(config.season.specialty)),
        specialty_text=config.season.specialty,
        tz=config.season.tz,
    )


def _is_platform(address: str, ctx: _Context) -> bool:
    domain = domain_of(address)
    for entry in ctx.platforms:
        if "@" in entry:
            if address == entry:
                return True
        elif domain == entry or domain.endswith("." + entry):
            return True
    return False


def _outbound(env: Envelope, role: str, ctx: _Context) -> bool:
    return env.from_addr in ctx.own or role in ("sent", "drafts")


def _parties(env: Envelope, outbound: bool, ctx: _Context) -> tuple[str, ...]:
    if outbound:
        return tuple(dict.fromkeys(a for a in env.recipients if a and a not in ctx.own))
    for address in (env.from_addr, *env.reply_to):
        if address and address not in ctx.own:
            return (address,)
    return ()


def _read(mail: Mail, ctx: _Context) -> _Reading:
    env = mail.envelope
    outbound = _outbound(env, mail.role, ctx)
    parties = _parties(env, outbound, ctx)
    platform = not outbound and bool(parties) and _is_platform(parties[0], ctx)
    written = env.date.astimezone(ctx.tz) if env.date else None
    text = mail.text or ""
    thank_you = outbound and is_thank_you(env.subject, text)
    inbound_thanks = not outbound and is_thank_you(env.subject, text)
    forwarded = bool(_FORWARD.match(env.subject))
    names: list[tuple[Name, float, bool]] = []
    clues: list[DateClue] = []
    # A platform names the programs an applicant deals with in sentences about an
    # application or an interview; its newsletters name topics ("Regional Blocks").
    subject_counts = not platform or has_residency_signal(env.subject)
    for name in find_names(env.subject, ctx.specialty, bare=True, specialty=ctx.specialty_text) if subject_counts else ():
        names.append((name, 2.0 if outbound else 3.0, not outbound and not forwarded))
    clue = dates_in(env.subject, written, ctx.match_year, thank_you=thank_you or inbound_thanks, outbound=outbound, subject=True)
    if clue:
        clues.append(clue)
    lines = [ln for ln in text.split("\n") if ln.strip()]
    signature = {ln.strip() for ln in lines[-_SIGNATURE_LINES:]}
    outside = False
    for sentence in sentences(text):
        in_signature = sentence in signature or any(sentence in ln for ln in signature)
        trusted = not outbound and not forwarded and (in_signature or bool(_FIRST_PERSON.search(sentence)))
        for name in find_names(sentence, ctx.specialty, bare=True, specialty=ctx.specialty_text) if not platform or has_residency_signal(sentence) else ():
            names.append((name, 1.0, trusted))
        clue = dates_in(sentence, written, ctx.match_year, thank_you=thank_you or inbound_thanks, outbound=outbound)
        if clue:
            clues.append(clue)
        if not outbound and outside_match(sentence):
            outside = True
    return _Reading(
        key=env.key,
        mail=mail,
        outbound=outbound,
        platform=platform,
        day=written.date() if written else None,
        names=names,
        clues=clues,
        words=frozenset(tokens_of(env.subject + "\n" + text)),
        signal=has_residency_signal(env.subject) or has_residency_signal(text),
        outside_match=outside,
        parties=parties,
    )


# -- which messages are worth reading the body of --------------------------------------


def _in_season(env: Envelope, match_year: int) -> bool:
    """Mail of this season: from May of the year before the Match on (undated mail too)."""
    return env.date is None or env.date.date() >= date(match_year - 1, 5, 1)


def wants_body(mails: Sequence[Mail], config: Config) -> list[str]:
    """Keys of the messages whose body ``suggest`` should read: every platform message,
    and up to :data:`BODIES_PER_GROUP` messages of each organisation that may be a
    program (the applicant wrote to it, or its subjects speak of residency), those
    whose subjects do first, then the newest. Decided on headers alone."""
    ctx = _context(config)
    keys: list[str] = []
    groups: dict[str, list[tuple[Mail, bool]]] = defaultdict(list)
    for mail in mails:
        env = mail.envelope
        if not _in_season(env, ctx.match_year):
            continue
        outbound = _outbound(env, mail.role, ctx)
        parties = _parties(env, outbound, ctx)
        if not parties:
            continue
        if not outbound and _is_platform(parties[0], ctx):
            keys.append(env.key)
            continue
        if not outbound and env.automated:
            continue
        for party in parties:
            group = _group_of(party, ctx)
            if group:
                groups[group].append((mail, outbound))
    for group, items in groups.items():
        subjects = any(has_residency_signal(m.envelope.subject) for m, _ in items)
        wrote = any(out for _, out in items)
        if group.startswith("@"):  # one address at a public domain: a person, read only what speaks of residency
            items = [(m, o) for m, o in items if has_residency_signal(m.envelope.subject)]
        elif not (subjects or wrote):
            continue
        ranked = sorted(
            items,
            key=lambda item: (
                has_residency_signal(item[0].envelope.subject),
                item[0].envelope.date.timestamp() if item[0].envelope.date else 0.0,
            ),
            reverse=True,
        )
        keys.extend(m.envelope.key for m, _ in ranked[:BODIES_PER_GROUP])
    return list(dict.fromkeys(keys))


def _group_of(address: str, ctx: _Context) -> str | None:
    """The organisation a correspondent belongs to: its registered domain; ``@address``
    for a person at a public mail domain; None for the applicant's own domain and the
    platforms."""
    domain = domain_of(address)
    if not domain or _is_platform(address, ctx):
        return None
    if is_public_mail_domain(domain):
        return "@" + address
    org = organization_domain(domain)
    if org in ctx.own_domains:
        return None
    return org


# -- the names a domain stands for -----------------------------------------------------


def _label(org: str) -> str:
    """``riverside-health.example`` -> ``riversidehealth``: the registered name."""
    return re.sub(r"[^a-z0-9]", "", org.split(".")[0])


def _initials(name: Name) -> str:
    words = [w for w in tokens_of(name.text) if w not in {"of", "and", "the", "for", "at", "de"}]
    return "".join(w[0] for w in words if w not in ("anesthesiology", "anesthesia", "anaesthesia"))


def _anchored(words: Sequence[str], org: str) -> set[str]:
    """The words found in the domain's name as its parts: at its start, after a hyphen,
    or right after another word of the same name ("st" + "brigid" in stbrigid-med,
    "front" + "range" in frontrange-health), never in the middle of one ("tran" is
    no part of frontrange)."""
    first = org.split(".")[0]
    label = re.sub(r"[^a-z0-9-]", "", first)
    starts = {0} | {i + 1 for i, c in enumerate(label) if c == "-"}
    found: set[str] = set()
    grew = True
    while grew:
        grew = False
        for word in words:
            for start in list(starts):
                if word and label.startswith(word, start):
                    end = start + len(word)
                    found.add(word)
                    if end not in starts:
                        starts.add(end)
                        grew = True
    return found


def _fit(name: Name, org: str) -> int:
    """How well a name's own words make up the domain (0: not at all): "Riverside
    University" and riverside-health.edu, "Stonegate Regional Medical Center" and
    srmc.org. "Falcon Ridge" fits falconridge.org, not oakridge.org."""
    if org.startswith("@"):
        return 0
    found = _anchored(tokens_of(name.text), org)
    score = sum(len(word) for word in name.distinctive if word in found)
    parts = [p for p in re.split(r"[^a-z0-9]+", org.split(".")[0]) if p]
    initials = _initials(name)
    if len(initials) >= 3 and initials in parts:
        score += 2 * len(initials)
    # an acronym for the domain: BUH and bristlecone-uh, CMC and cottonwood-mc
    short = {parts[0][:1] + "".join(parts[1:]), "".join(p[:1] for p in parts)} if len(parts) > 1 else set()
    acronyms = {w.lower() for w in re.findall(r"\b[A-Z]{3,5}\b", name.text)}
    if acronyms & short:
        score += 6
    return score


def _whole_fit(name: Name, org: str) -> bool:
    """Every own word of the name is part of the domain ("Silver Plume", silverplume.org)."""
    return not org.startswith("@") and set(name.distinctive) <= _anchored(tokens_of(name.text), org)


def _fits(name: Name, org: str) -> bool:
    return _fit(name, org) > 0


def _residual(name: Name, org: str) -> frozenset[str]:
    """The words of a name that the domain does not hold: what tells two programs of
    one domain apart (``agnes`` for "Meridian Health St. Agnes Anesthesiology")."""
    held = set() if org.startswith("@") else _anchored(tokens_of(name.text), org)
    return frozenset(word for word in name.distinctive if word not in held)


# -- a program in the making -----------------------------------------------------------


@dataclass
class _Program:
    org: str
    readings: list[_Reading] = field(default_factory=list)
    names: list[tuple[Name, float]] = field(default_factory=list)
    platform_names: list[Name] = field(default_factory=list)
    platform_readings: list[_Reading] = field(default_factory=list)
    residual: frozenset[str] = frozenset()
    split: bool = False
    main: str = ""  # the shared name of a split domain ("Front Range Health")
    extra_contacts: list[str] = field(default_factory=list)
    extra_orgs: list[str] = field(default_factory=list)  # more domains of the same program

    @property
    def orgs(self) -> tuple[str, ...]:
        return (self.org, *self.extra_orgs)

    def fit(self, name: Name) -> int:
        return max(_fit(name, org) for org in self.orgs)

    @property
    def distinctive(self) -> set[str]:
        words: set[str] = set()
        for name, _ in self.names:
            words.update(name.distinctive)
        for name in self.platform_names:
            words.update(name.distinctive)
        return words


def _union_clusters(sets: list[frozenset[str]]) -> list[frozenset[str]]:
    """Merge word sets that share a word."""
    clusters: list[set[str]] = []
    for words in sets:
        touching = [c for c in clusters if c & words]
        merged = set(words).union(*touching)
        clusters = [c for c in clusters if not (c & words)] + [merged]
    return [frozenset(c) for c in clusters]


def _build_groups(readings: list[_Reading], ctx: _Context) -> dict[str, list[_Reading]]:
    groups: dict[str, list[_Reading]] = defaultdict(list)
    for reading in readings:
        if reading.platform or (not reading.outbound and reading.mail.envelope.automated):
            continue
        for group in dict.fromkeys(_group_of(p, ctx) for p in reading.parties):
            if group:
                groups[group].append(reading)
    return groups


def _kept_names(org: str, readings: list[_Reading], fitting_elsewhere: dict[str, set[str]]) -> list[tuple[Name, float]]:
    """The names a group's mail gives for it: those whose words are in the domain,
    and those the program writes of itself (its subjects, signatures, "we invite
    you"), unless another domain holds their words."""
    kept: list[tuple[Name, float]] = []
    for reading in readings:
        for name, weight, trusted in reading.names:
            if name.bare:
                # a bare "Sandstone" counts where the domain is made of it, or holds
                # part of it in a message about residency ("Thank you for
                # interviewing with Sandstone")
                if _fits(name, org) and (reading.signal or _whole_fit(name, org)):
                    kept.append((name, weight))
            elif _fits(name, org):
                kept.append((name, weight))
            elif trusted and not (fitting_elsewhere.get(name.key, set()) - {org}):
                kept.append((name, weight))
    return kept


def _person(address: str) -> bool:
    return bool(address) and not _NOT_A_PERSON.match(address.partition("@")[0])


def _split(org: str, readings: list[_Reading], names: list[tuple[Name, float]]) -> list[_Program]:
    """One program for the group, or one per program when its mail clearly names two
    or more: each in a subject, and in at least two messages."""
    whole = _Program(org=org, readings=list(readings), names=list(names))
    residuals = [frozenset() if n.bare else _residual(n, org) for n, _ in names]
    clusters = _union_clusters([r for r in residuals if r])
    qualified = []
    for cluster in clusters:
        mentions = [r for r in readings if _words_of(r, org) & cluster]
        in_subject = any(set(tokens_of(r.mail.envelope.subject)) & cluster for r in mentions)
        if in_subject and len(mentions) >= 2:
            qualified.append(cluster)
    if len(qualified) < 2:
        return [whole]
    main = [n for (n, _), r in zip(names, residuals) if not r and not n.bare and n.institution]
    parts = [
        _Program(
            org=org,
            names=[(n, w) for (n, w), r in zip(names, residuals) if r and r <= cluster]
            + [(n, w) for n, w in names if n.bare and _residual(n, org) and _residual(n, org) <= cluster],
            residual=cluster,
            split=True,
            main=max(main, key=lambda n: len(n.text)).text if main else "",
        )
        for cluster in qualified
    ]
    _assign(readings, parts, org)
    return parts


def _words_of(reading: _Reading, org: str) -> frozenset[str]:
    """The words of a message, and of the mailbox names it was exchanged with at the
    domain (north.anes@ speaks for the North campus)."""
    boxes = {w for p in _org_parties(reading, org) for w in tokens_of(p.partition("@")[0].replace(".", " "))}
    return reading.words | boxes


def _assign(readings: list[_Reading], parts: list[_Program], org: str) -> None:
    """Give each message of a split domain to the program it names alone, then each
    person to the program their messages name, then the messages of those people that
    name none (a thank-you to an interviewer copied to the coordinator)."""
    def named(reading: _Reading) -> list[int]:
        words = _words_of(reading, org)
        return [i for i, part in enumerate(parts) if words & part.residual]

    owner: dict[str, int] = {}
    for reading in readings:
        hits = named(reading)
        if len(hits) == 1:
            owner[reading.key] = hits[0]
    for _ in range(2):
        people: dict[str, Counter[int]] = defaultdict(Counter)
        for reading in readings:
            if reading.key in owner:
                for party in _org_parties(reading, org):
                    people[party][owner[reading.key]] += 1
        person_owner = {p: c.most_common(1)[0][0] for p, c in people.items() if len(c) == 1}
        for reading in readings:
            if reading.key in owner or named(reading):
                continue
            votes = {person_owner[p] for p in _org_parties(reading, org) if p in person_owner}
            if len(votes) == 1:
                owner[reading.key] = votes.pop()
    for reading in readings:
        if reading.key in owner:
            parts[owner[reading.key]].readings.append(reading)


def _org_parties(reading: _Reading, org: str) -> list[str]:
    return [p for p in reading.parties if organization_domain(domain_of(p)) == org]


# -- the result ---------------------------------------------------------------------------


def _choose_name(program: _Program, specialty_title: str) -> tuple[str, tuple[str, ...]]:
    """The program's name (a platform's wins: it is the official one) and aliases:
    its other names, then the short forms its mail uses ("Pinecrest")."""
    weights: dict[str, float] = defaultdict(float)
    by_key: dict[str, Name] = {}
    for name, weight in program.names:
        weights[name.key] += weight
        by_key.setdefault(name.key, name)
    full_names = [n for n in by_key.values() if not n.bare and not _acronym_only(n)]
    short_names = [n for n in by_key.values() if n.bare or _acronym_only(n)]
    official = [n for n in program.platform_names if not n.bare and not _acronym_only(n)]
    acronyms = [n for n in program.platform_names if not n.bare and _acronym_only(n)]

    def best(candidates: list[Name]) -> Name:
        return max(candidates, key=lambda n: (weights[n.key], len(n.text)))

    if official:
        counts = Counter(n.text for n in official)
        chosen = max(counts, key=lambda text: (counts[text], len(text)))
    elif full_names:
        full = [n for n in full_names if n.specialty and n.institution]
        institution = [n for n in full_names if n.institution and not n.specialty]
        specialty = [n for n in full_names if n.specialty]
        if full:
            top = best(full)
            words = set(tokens_of(top.text))
            fuller = [n for n in full if set(tokens_of(n.text)) > words]
            chosen = max(fuller, key=lambda n: (len(n.text), weights[n.key])).text if fuller else top.text
        elif institution and specialty:
            chosen = f"{best(institution).text} {specialty_title}"
        elif specialty:
            chosen = best(specialty).text
        else:
            chosen = best(institution).text
    else:
        short = [n for n in short_names if n.bare] + [n for n in program.platform_names if n.bare]
        if short:
            top = max(short, key=lambda n: (program.fit(n), weights[n.key], len(n.text)))
            chosen = f"{top.text} {specialty_title}"
        else:
            chosen = max([*acronyms, *short_names], key=lambda n: (weights[n.key], len(n.text))).text
    if program.split and program.main and not set(tokens_of(chosen)) & set(tokens_of(program.main)):
        chosen = f"{program.main} {chosen}"  # "North Campus Anesthesiology" of Front Range Health
    others = sorted((n for n in full_names if n.key != chosen.lower()), key=lambda n: (-weights[n.key], n.text))
    shorts = sorted(
        {n.key: n for n in [*short_names, *acronyms, *(n for n in program.platform_names if n.bare)]}.values(),
        key=lambda n: (-weights[n.key], n.text),
    )
    aliases = [a for a in dict.fromkeys(n.text for n in [*others, *shorts]) if a.lower() != chosen.lower()]
    return chosen, tuple(aliases[:MAX_ALIASES])


def _acronym_only(name: Name) -> bool:
    """"BUH Anesthesiology": its own words are all an acronym, a short form at best."""
    capitals = {w.lower() for w in re.findall(r"\b[A-Z]{2,5}\b", name.text)}
    return bool(name.distinctive) and set(name.distinctive) <= capitals


def _contacts(program: _Program) -> tuple[str, ...]:
    inbound: Counter[str] = Counter()
    outbound: Counter[str] = Counter()
    for reading in program.readings:
        for party in (p for org in program.orgs for p in _org_parties(reading, org)):
            if _person(party):
                (outbound if reading.outbound else inbound)[party] += 1
    ordered = [a for a, _ in inbound.most_common()] + [a for a, _ in outbound.most_common() if a not in inbound]
    ordered += [a for a in program.extra_contacts if a not in ordered]
    return tuple(ordered[:MAX_CONTACTS])


def _interview_date(program: _Program) -> tuple[date | None, _Reading | None]:
    """The last sure statement of the date; a weaker one when there is none."""
    found: list[tuple[int, float, date, _Reading]] = []
    for reading in [*program.readings, *program.platform_readings]:
        clues = reading.clues
        if reading.platform:
            clues = _platform_clues(reading, program)
        for clue in clues:
            when = reading.mail.envelope.date.timestamp() if reading.mail.envelope.date else 0.0
            found.append((clue.strength, when, clue.day, reading))
    if not found:
        return None, None
    strongest = max(strength for strength, *_ in found)
    _, _, day, reading = max((f for f in found if f[0] == strongest), key=lambda f: f[1])
    return day, reading


def _platform_clues(reading: _Reading, program: _Program) -> list[DateClue]:
    """A platform message's dates that are about this program: all of them when it
    names only this program, else those in sentences that name it."""
    own_words = program.distinctive
    named = {n.key for n, _, _ in reading.names}
    if len(named) <= 1:
        return reading.clues
    return [c for c in reading.clues if set(tokens_of(c.sentence)) & own_words]


def _who(reading: _Reading) -> str:
    env = reading.mail.envelope
    if reading.outbound:
        return "you"
    if reading.platform:
        return env.from_name or domain_of(env.from_addr)
    return env.from_addr


def _example(reading: _Reading) -> Example:
    return Example(reading.day, _who(reading), reading.mail.envelope.subject)


def _evidence(program: _Program, date_from: _Reading | None) -> Evidence:
    readings = list({r.key: r for r in [*program.readings, *program.platform_readings]}.values())
    days = sorted(r.day for r in readings if r.day)
    ranked = sorted(
        readings,
        key=lambda r: (r.platform or (not r.outbound and bool(r.names)), not r.outbound, r.day or date.min),
        reverse=True,
    )
    examples: list[Example] = []
    for reading in ([date_from] if date_from else []) + ranked:
        example = _example(reading)
        if example not in examples:
            examples.append(example)
    return Evidence(
        messages=len(readings),
        from_program=sum(1 for r in readings if not r.outbound and not r.platform),
        from_you=sum(1 for r in readings if r.outbound),
        from_platforms=sum(1 for r in readings if r.platform),
        first=days[0] if days else None,
        last=days[-1] if days else None,
        examples=tuple(sorted(examples[:MAX_EXAMPLES], key=lambda e: e.day or date.min)),
        interview_date_from=_example(date_from) if date_from else None,
    )


def _finish(program: _Program, specialty_title: str) -> Suggestion | None:
    if not program.names and not program.platform_names:
        return None
    name, aliases = _choose_name(program, specialty_title)
    day, date_from = _interview_date(program)
    domains = () if program.org.startswith("@") else program.orgs
    contacts = _contacts(program)
    if program.org.startswith("@"):
        contacts = (program.org[1:], *[c for c in contacts if c != program.org[1:]])
    if not domains and not contacts:
        return None
    outside = any(r.outside_match for r in program.readings)
    return Suggestion(
        name=name,
        aliases=aliases,
        domains=domains,
        contacts=contacts,
        interview_date=day,
        nrmp=not outside,
        evidence=_evidence(program, date_from),
    )


# -- platforms ------------------------------------------------------------------------------


def _platform_programs(readings: list[_Reading]) -> list[tuple[Name, list[_Reading]]]:
    """The programs application platforms name, each with the platform messages naming it."""
    found: dict[frozenset[str], tuple[list[Name], list[_Reading]]] = {}
    for reading in readings:
        if not reading.platform:
            continue
        for name, _, _ in reading.names:
            key = frozenset(name.distinctive)
            names, messages = found.setdefault(key, ([], []))
            names.append(name)
            if reading not in messages:
                messages.append(reading)
    result = []
    for names, messages in found.values():
        counts = Counter(n.text for n in names)
        best = max(names, key=lambda n: (not n.bare, counts[n.text], len(n.text)))
        result.append((best, messages))
    return result


def _link(name: Name, programs: list[_Program], groups: dict[str, list[_Reading]]) -> _Program | str | None:
    """The program (or, for a domain no program came from yet, the domain) a platform's
    program name belongs to."""
    scores = {id(p): p.fit(name) for p in programs}
    top = max(scores.values(), default=0)
    fitting = [p for p in programs if top and scores[id(p)] == top]
    split = [p for p in fitting if p.split]
    if split:
        matching = [p for p in split if p.residual & set(name.distinctive)]
        return matching[0] if len(matching) == 1 else None
    if len(fitting) == 1:
        return fitting[0]
    if not fitting:
        sharing = [] if name.bare else [p for p in programs if p.distinctive & set(name.distinctive)]
        if len(sharing) == 1:
            return sharing[0]
        domain_scores = {org: _fit(name, org) for org in groups}
        best = max(domain_scores.values(), default=0)
        domains = [org for org, score in domain_scores.items() if best and score == best]
        if len(domains) == 1:
            return domains[0]
    return None


# -- the whole -------------------------------------------------------------------------------


def suggest(mails: Iterable[Mail], config: Config) -> Suggestions:
    """Propose a ``[[programs]]`` block for every program the mail shows that the
    config does not have yet (see the module docstring)."""
    ctx = _context(config)
    specialty_title = " ".join(w.capitalize() for w in config.season.specialty.split()) or "Anesthesiology"
    readings = [_read(m, ctx) for m in mails if _in_season(m.envelope, ctx.match_year)]
    groups = _build_groups(readings, ctx)
    fitting: dict[str, set[str]] = defaultdict(set)
    for org, items in groups.items():
        for reading in items:
            for name, _, _ in reading.names:
                if _fits(name, org):
                    fitting[name.key].add(org)

    programs: list[_Program] = []
    people: dict[str, list[_Reading]] = {}
    for org, items in groups.items():
        if org.startswith("@"):
            people[org] = items
            continue
        if not _about_residency(items):
            continue
        names = _kept_names(org, items, fitting)
        if names and _credible(org, items):
            programs.extend(_split(org, items, names))

    programs = _merge_domains(programs)
    _people(people, programs)
    unplaced: list[tuple[str, Evidence]] = []
    for name, messages in _platform_programs(readings):
        target = _link(name, programs, groups)
        if isinstance(target, str):
            if not _about_residency(groups[target], needs_signal=False):
                target = None
            else:
                new = _Program(org=target, readings=list(groups[target]))
                programs.append(new)
                target = new
        if target is None:
            if name.bare:
                continue  # a bare name no domain holds is no program, just a capitalised word
            holder = _Program(org="", platform_names=[name], platform_readings=messages)
            unplaced.append((name.text, _evidence(holder, _interview_date(holder)[1])))
            continue
        target.platform_names.append(name)
        target.platform_readings.extend(m for m in messages if m not in target.platform_readings)

    suggestions: list[Suggestion] = []
    configured: list[str] = []
    for program in programs:
        suggestion = _finish(program, specialty_title)
        if suggestion is None:
            continue
        known = _configured_as(suggestion, program, config)
        if known:
            configured.append(known)
        elif suggestion.name.lower() not in {s.name.lower() for s in suggestions}:
            suggestions.append(suggestion)
    unplaced = [(n, e) for n, e in unplaced if not _name_configured(n, config)]
    return Suggestions(
        programs=tuple(sorted(suggestions, key=lambda s: s.name.lower())),
        unplaced=tuple(sorted(unplaced)),
        configured=tuple(sorted(set(configured))),
    )


def _merge_domains(programs: list[_Program]) -> list[_Program]:
    """One program that writes from two domains (eastfield.edu and
    eastfieldmedicine.org) is one suggestion with both: when one message went to both,
    or one answers the other's, and their names share a word."""
    whole = [p for p in programs if not p.split and not p.org.startswith("@")]
    keys = {id(p): {r.key for r in p.readings} for p in whole}
    refs = {id(p): {ref for r in p.readings for ref in r.mail.envelope.thread_refs} for p in whole}
    parent = {id(p): id(p) for p in whole}

    def root(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for index, a in enumerate(whole):
        for b in whole[index + 1 :]:
            linked = keys[id(a)] & keys[id(b)] or refs[id(a)] & keys[id(b)] or refs[id(b)] & keys[id(a)]
            if linked and _same_name(a, b):
                parent[root(id(b))] = root(id(a))
    merged: dict[int, _Program] = {}
    out: list[_Program] = []
    for program in programs:
        if id(program) not in parent:
            out.append(program)
            continue
        head = root(id(program))
        if head not in merged:
            merged[head] = program
            out.append(program)
            continue
        into = merged[head]
        into.extra_orgs.append(program.org)
        known = {r.key for r in into.readings}
        into.readings.extend(r for r in program.readings if r.key not in known)
        into.names.extend(program.names)
    for program in out:
        if program.extra_orgs:  # the domain with the most mail first
            counts = Counter(
                organization_domain(domain_of(p)) for r in program.readings for p in r.parties
            )
            ordered = sorted(program.orgs, key=lambda org: -counts[org])
            program.org, program.extra_orgs = ordered[0], ordered[1:]
    return out


def _same_name(a: _Program, b: _Program) -> bool:
    """Two domains' names are one program's: a word they share is part of a domain."""
    shared = a.distinctive & b.distinctive
    return any(word in _anchored([word], org) for word in shared for org in (*a.orgs, *b.orgs))


def _about_residency(items: list[_Reading], *, needs_signal: bool = True) -> bool:
    """A group worth proposing: a person wrote (or the applicant did), and, unless a
    platform already named it, its mail speaks of residency."""
    personal = any(r.outbound or _person(r.parties[0] if r.parties else "") for r in items)
    return personal and (not needs_signal or any(r.signal for r in items))


def _credible(org: str, items: list[_Reading]) -> bool:
    """A group's names are a program's when the applicant wrote to it, when a name's
    words are in its domain, or when one message both names it (as the program
    speaking of itself) and speaks of residency: a shop's "Delivered: Pocket Anesthesia"
    and "Delivered: Interview suit" are two messages, neither both."""
    if any(r.outbound for r in items):
        return True
    for reading in items:
        for name, _, trusted in reading.names:
            if _fits(name, org) and (reading.signal or not name.bare or _whole_fit(name, org)):
                return True
            if trusted and reading.signal and not name.bare:
                return True
    return False


def _people(people: dict[str, list[_Reading]], programs: list[_Program]) -> None:
    """Coordinators at public mail domains: a contact of the program whose thread they
    answer or whose name their mail carries; else a program of their own when their
    mail names one and speaks of residency."""
    keys = {r.key: p for p in programs for r in p.readings}
    for group, items in people.items():
        address = group[1:]
        target: _Program | None = None
        for reading in items:
            if reading.outbound:
                continue
            for ref in reading.mail.envelope.thread_refs:
                if ref in keys:
                    target = keys[ref]
                    break
        # a person's own program: a full name ("Prairie Sky Anesthesia") in a message
        # of theirs about residency; a bare "Happy" (birthday) is nobody's program
        trusted = [(n, w) for r in items if r.signal for n, w, t in r.names if t and not n.bare]
        if target is None and trusted:
            words = set().union(*(set(n.distinctive) for n, _ in trusted))
            sharing = [p for p in programs if p.distinctive & words]
            if len(sharing) == 1:
                target = sharing[0]
            elif not sharing and _about_residency(items) and any(not r.outbound for r in items):
                programs.append(_Program(org=group, readings=list(items), names=trusted))
                continue
        if target is not None and address not in target.extra_contacts:
            target.extra_contacts.append(address)


def _configured_as(suggestion: Suggestion, program: _Program, config: Config) -> str | None:
    """The configured program this suggestion is, if any."""
    words = set(tokens_of(suggestion.name)) | {w for a in suggestion.aliases for w in tokens_of(a)}
    distinctive = program.distinctive
    for configured in config.programs:
        if set(suggestion.contacts) & set(configured.contacts):
            return configured.name
        names = [configured.name, *configured.aliases]
        if configured.name.lower() == suggestion.name.lower():
            return configured.name
        covers = any(
            d == domain or domain.endswith("." + d) or d.endswith("." + domain)
            for d in configured.domains
            for domain in suggestion.domains
        )
        configured_words = {w for n in names for w in tokens_of(n)}
        if covers and (not program.split or (program.residual & configured_words)):
            return configured.name
        if not suggestion.domains and distinctive & configured_words and words & configured_words:
            return configured.name
    return None


def _name_configured(name: str, config: Config) -> bool:
    words = set(tokens_of(name))
    for configured in config.programs:
        for known in (configured.name, *configured.aliases):
            if known.lower() == name.lower():
                return True
        configured_words = {w for n in (configured.name, *configured.aliases) for w in tokens_of(n)}
        distinctive = {w for w in words if len(w) >= 4} - {"university", "hospital", "medical", "center", "anesthesiology"}
        if distinctive and distinctive <= configured_words:
            return True
    return False



