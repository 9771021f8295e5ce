"""One stored message as ``programs suggest`` reads it: which side wrote it, with whom,
the program names and interview dates its words give, and which organisation each
correspondent belongs to. Pure; see :mod:`inboxcoach.core.programs`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from inboxcoach.config import Config
from inboxcoach.core.model import Envelope
from inboxcoach.core.programs.model import Mail
from inboxcoach.core.programs.text import (
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
from inboxcoach.mail_domains import domain_of, is_public_mail_domain, organization_domain

_NOT_A_PERSON = re.compile(
    r"^(no-?reply|do-?not-?reply|donotreply|noreply|mailer-daemon|postmaster|bounces?|newsletters?|news"
    r"|notifications?|notify|alerts?|marketing|mailer|lists?|digest|auto-?confirm|orders?|receipts?|billing"
    r"|invoices?|sales|shop|store|support|help|customer\w*|service|accounts?|security|hello|deals|offers"
    r"|promo\w*|updates|reservations?|bookings?|members|membership|subscriptions?)\b"
)
_FORWARD = re.compile(r"^\s*(fw|fwd|tr|wg)\s*:", re.IGNORECASE)
_FIRST_PERSON = re.compile(r"\b(we|our|us|invites? you|invite you|applying to|application to|applied to)\b", re.IGNORECASE)
_SIGNATURE_LINES = 6


# -- reading one message ----------------------------------------------------------------


@dataclass
class Reading:
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
class Context:
    own: frozenset[str]
    own_domains: frozenset[str]
    platforms: tuple[str, ...]
    match_year: int
    specialty: frozenset[str]
    specialty_text: str
    tz: Any


def make_context(config: Config) -> Context:
    own = frozenset(a.lower() for a in config.account.addresses)
    own_domains = frozenset(organization_domain(domain_of(a)) for a in own) - {""}
    return Context(
        own=own,
        own_domains=frozenset(d for d in own_domains if not is_public_mail_domain(d)),
        platforms=tuple(config.matching.platform_senders),
        match_year=config.season.match_year,
        specialty=frozenset(tokens_of(config.season.specialty)),
        specialty_text=config.season.specialty,
        tz=config.season.tz,
    )


def is_platform(address: str, ctx: Context) -> bool:
    domain = domain_of(address)
    for entry in ctx.platforms:
        if "@" in entry:
            if address == entry:
                return True
        elif domain == entry or domain.endswith("." + entry):
            return True
    return False


def is_outbound(env: Envelope, role: str, ctx: Context) -> bool:
    return env.from_addr in ctx.own or role in ("sent", "drafts")


def parties_of(env: Envelope, outbound: bool, ctx: Context) -> tuple[str, ...]:
    if outbound:
        return tuple(dict.fromkeys(a for a in env.recipients if a and a not in ctx.own))
    for address in (env.from_addr, *env.reply_to):
        if address and address not in ctx.own:
            return (address,)
    return ()


def read_mail(mail: Mail, ctx: Context) -> Reading:
    env = mail.envelope
    outbound = is_outbound(env, mail.role, ctx)
    parties = parties_of(env, outbound, ctx)
    platform = not outbound and bool(parties) and is_platform(parties[0], ctx)
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
    return Reading(
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


def in_season(env: Envelope, match_year: int) -> bool:
    """Mail of this season: from May of the year before the Match on (undated mail too)."""
    return env.date is None or env.date.date() >= date(match_year - 1, 5, 1)


def group_of(address: str, ctx: Context) -> str | None:
    """The organisation a correspondent belongs to: its registered domain; ``@address``
    for a person at a public mail domain; None for the applicant's own domain and the
    platforms."""
    domain = domain_of(address)
    if not domain or is_platform(address, ctx):
        return None
    if is_public_mail_domain(domain):
        return "@" + address
    org = organization_domain(domain)
    if org in ctx.own_domains:
        return None
    return org


def is_person(address: str) -> bool:
    """An address a person answers (not no-reply@, orders@, newsletter@, ...)."""
    return bool(address) and not _NOT_A_PERSON.match(address.partition("@")[0])
