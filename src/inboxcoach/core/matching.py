"""Which program a message belongs to: pure functions over envelopes and features.

- Outbound (from the applicant): every program one of whose contacts or domains is
  among To/Cc/Bcc.
- Inbound: the program whose contact or domain is the sender: From, else Reply-To
  (a program writing through a mailing service: From the service, Reply-To its
  coordinator; an address of the applicant's own in Reply-To is skipped).
- Application platforms and no-reply senders (From): the program named in subject or body.
- Otherwise, a reply (In-Reply-To / References) to a matched message: its program.
- A domain shared by several programs: contacts, then names in the text, then the
  thread decide; if nothing does, the message is ambiguous, never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from inboxcoach.core.model import Envelope, Features, Program, StoredMessage, direction

if TYPE_CHECKING:
    from inboxcoach.config import Config

_NO_REPLY = re.compile(r"^(no-?reply|do-?not-?reply|donotreply|noreply-[^@]*|no\.reply)(\+[^@]*)?@")
# Subjects of no-reply mail worth reading the body of (it may name a program).
_RESIDENCY_WORDS = re.compile(
    r"\b(interview|residency|resident|program|match|eras|nrmp|applica|invitation|schedul|rank)",
    re.IGNORECASE,
)


def domain_of(address: str) -> str:
    return address.rpartition("@")[2]


def _domain_chain(domain: str) -> Iterable[str]:
    """riverside.gme.edu -> riverside.gme.edu, gme.edu (a domain covers its subdomains)."""
    parts = domain.split(".")
    for i in range(len(parts) - 1):
        yield ".".join(parts[i:])


@dataclass(frozen=True, slots=True)
class Match:
    programs: tuple[str, ...] = ()
    ambiguous: tuple[str, ...] = ()  # candidates when nothing decided
    platform: bool = False  # application platform / no-reply sender


@dataclass(frozen=True)
class MatchIndex:
    """Lookup tables built once from the configured programs."""

    programs: tuple[Program, ...]
    own: frozenset[str]
    platform_senders: tuple[str, ...]
    by_contact: Mapping[str, str] = field(default_factory=dict)
    by_domain: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # Answers by address, filled as they are asked: a mailbox's senders repeat.
    _programs_of: dict[str, tuple[str, ...]] = field(default_factory=dict, init=False, repr=False, compare=False)
    _platform: dict[str, bool] = field(default_factory=dict, init=False, repr=False, compare=False)

    @classmethod
    def build(cls, programs: Sequence[Program], own: Iterable[str], platform_senders: Sequence[str]) -> MatchIndex:
        by_contact: dict[str, str] = {}
        by_domain: dict[str, list[str]] = {}
        for program in programs:
            for contact in program.contacts:
                by_contact.setdefault(contact, program.name)
            for domain in program.domains:
                names = by_domain.setdefault(domain, [])
                if program.name not in names:
                    names.append(program.name)
        return cls(
            programs=tuple(programs),
            own=frozenset(a.lower() for a in own),
            platform_senders=tuple(platform_senders),
            by_contact=by_contact,
            by_domain={d: tuple(n) for d, n in by_domain.items()},
        )

    def is_outbound(self, envelope: Envelope, role: str = "inbox") -> bool:
        return direction(envelope.from_addr, role, self.own) == "out"

    def senders(self, envelope: Envelope) -> tuple[str, ...]:
        """Who an inbound message is from, in the order they decide: From, then Reply-To.

        Reply-To speaks when From fits no program: a program's mail sent through a
        mailing service comes From the service with Reply-To its coordinator. The
        applicant's own addresses are never a sender of inbound mail.
        """
        return tuple(
            a for a in (envelope.from_addr, *envelope.reply_to) if a and a not in self.own
        )

    def programs_of_address(self, address: str) -> tuple[str, ...]:
        """The program whose contact this is, else the programs whose domain covers it."""
        found = self._programs_of.get(address)
        if found is None:
            found = self._programs_of[address] = self._programs_of_address(address)
        return found

    def _programs_of_address(self, address: str) -> tuple[str, ...]:
        if address in self.by_contact:
            return (self.by_contact[address],)
        found: list[str] = []
        for domain in _domain_chain(domain_of(address)):
            for name in self.by_domain.get(domain, ()):
                if name not in found:
                    found.append(name)
        return tuple(found)

    def is_platform(self, address: str) -> bool:
        """Application platform (configured list) or a no-reply sender that is no contact."""
        known = self._platform.get(address)
        if known is None:
            known = self._platform[address] = self._is_platform(address)
        return known

    def _is_platform(self, address: str) -> bool:
        if not address or address in self.by_contact:
            return False
        domain = domain_of(address)
        for entry in self.platform_senders:
            if "@" in entry:
                if address == entry:
                    return True
            elif domain == entry or domain.endswith("." + entry):
                return True
        return bool(_NO_REPLY.match(address))

    def named_only(self, envelope: Envelope, role: str = "inbox") -> bool:
        """Whether only the program names in its text can tie this message to a
        program: inbound mail whose sender is an application platform or a no-reply
        address (SPEC: it belongs to the program it names, and to none if it names none)."""
        if self.is_outbound(envelope, role):
            return False
        senders = self.senders(envelope)
        return bool(senders) and self.is_platform(senders[0])

    def may_belong(self, envelope: Envelope, role: str = "inbox") -> bool:
        """Cheap test on headers alone: is this message worth reading the body of?"""
        if self.is_outbound(envelope, role):
            return any(self.programs_of_address(a) for a in envelope.recipients)
        senders = self.senders(envelope)
        if any(self.programs_of_address(a) for a in senders):
            return True
        sender = senders[0] if senders else ""
        if self.is_platform(sender):
            domain = domain_of(sender)
            configured = any(domain == e or domain.endswith("." + e) or sender == e for e in self.platform_senders)
            return configured or bool(_RESIDENCY_WORDS.search(envelope.subject))
        return False


def match_index(config: Config) -> MatchIndex:
    """The index of a config's programs, the applicant's addresses and the platforms."""
    return MatchIndex.build(config.program_list, config.account.addresses, config.matching.platform_senders)


def parents(envelope: Envelope) -> Iterable[str]:
    """Thread ancestors, nearest first: In-Reply-To, then References newest first."""
    seen: set[str] = set()
    for ref in (*envelope.in_reply_to, *reversed(envelope.references)):
        if ref not in seen:
            seen.add(ref)
            yield ref


def _decide(candidates: tuple[str, ...], address: str, features: Features | None, index: MatchIndex) -> Match:
    """Several programs share a domain: contacts were tried; names in the text decide."""
    if len(candidates) <= 1:
        return Match(programs=candidates)
    mentioned = [name for name in (features.mentions if features else ()) if name in candidates]
    if len(mentioned) == 1:
        return Match(programs=(mentioned[0],))
    return Match(ambiguous=candidates)


def match_by_address(message: StoredMessage, index: MatchIndex) -> Match:
    """Match on addresses (and on names for platforms and shared domains)."""
    env = message.envelope
    features = message.features
    if index.is_outbound(env, message.role):
        programs: list[str] = []
        ambiguous: list[str] = []
        for address in env.recipients:
            found = _decide(index.programs_of_address(address), address, features, index)
            programs.extend(p for p in found.programs if p not in programs)
            ambiguous.extend(p for p in found.ambiguous if p not in ambiguous)
        if programs:
            return Match(programs=tuple(programs))
        return Match(ambiguous=tuple(ambiguous))
    for position, address in enumerate(index.senders(env)):
        candidates = index.programs_of_address(address)
        # Only the sender itself (From, else the first Reply-To) may be a platform; a
        # Reply-To behind an unknown From decides by its contact or domain alone.
        if position == 0 and index.is_platform(address):
            named = tuple(features.mentions) if features else ()
            if candidates:
                named = tuple(n for n in named if n in candidates) or candidates
            if len(named) == 1:
                return Match(programs=named, platform=True)
            return Match(ambiguous=named if len(named) > 1 else (), platform=True)
        if candidates:
            return _decide(candidates, address, features, index)
    return Match()


def match_all(messages: Sequence[StoredMessage], index: MatchIndex) -> dict[str, Match]:
    """Match every message; messages that fit no address inherit their thread's program.

    Thread inheritance also settles a shared-domain message that names no program,
    when it replies to a message of one of its candidate programs.
    """
    result = {m.envelope.key: match_by_address(m, index) for m in messages}
    by_key = {m.envelope.key: m for m in messages}
    changed = True
    rounds = 0
    while changed and rounds < 5:  # replies to replies: a few rounds reach a fixpoint
        changed = False
        rounds += 1
        for message in messages:
            key = message.envelope.key
            current = result[key]
            if current.programs:
                continue
            for ref in parents(message.envelope):
                parent = result.get(ref)
                if parent is None or not parent.programs or ref not in by_key:
                    continue
                programs = parent.programs
                if current.ambiguous:
                    programs = tuple(p for p in programs if p in current.ambiguous)
                    if not programs:
                        continue
                result[key] = Match(programs=programs, platform=current.platform)
                changed = True
                break
    return result
