"""The programs a mailbox writes with: ``inboxcoach programs suggest``.

Pure: stored messages (envelopes, and the text of the few whose body was read) in,
proposed ``[[programs]]`` blocks out. :mod:`inboxcoach.cli.programs` reads the store
and the bodies; this module decides, with its parts: :mod:`~inboxcoach.core.programs.text`
(names and dates in words), :mod:`~inboxcoach.core.programs.reading` (one message),
:mod:`~inboxcoach.core.programs.groups` (organisations, their names and programs) and
:mod:`~inboxcoach.core.programs.result` (a program's block and evidence).

Where the evidence comes from, and why so. The store keeps every message's envelope
(From, To, Cc, Subject, Date, threading), but a body only as derived features, and
only for messages that match a configured program: with no programs configured, no
body was ever analysed. Headers alone find most programs (a coordinator's address, a
subject naming "Riverside University Anesthesiology", the applicant's own mail to
them), but not the interview date: "you are confirmed for Thursday, November 12"
lives in a body. So ``suggest`` takes the headers of every stored message, picks the
likely program mail by them (application platforms; institutions the applicant
exchanged mail with or that write about interviews; a few hundred messages in a whole
season), and :mod:`inboxcoach.cli.programs` re-reads only those bodies from the
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
  :mod:`inboxcoach.core.programs.text`): a platform's confirmation or reminder, the
  coordinator's confirmation, a changed date, a thank-you note's "yesterday".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from inboxcoach.config import Config
from inboxcoach.core.programs.groups import (
    Draft,
    about_residency,
    attach_people,
    build_groups,
    credible,
    fits_domain,
    kept_names,
    link_platform_name,
    merge_domains,
    platform_programs,
    split_group,
)
from inboxcoach.core.programs.model import Evidence, Example, Mail, Suggestion, Suggestions
from inboxcoach.core.programs.reading import (
    Reading,
    group_of,
    in_season,
    is_outbound,
    is_platform,
    make_context,
    parties_of,
    read_mail,
)
from inboxcoach.core.programs.result import evidence_of, finish, interview_date_of
from inboxcoach.core.programs.text import has_residency_signal, tokens_of

__all__ = ["Evidence", "Example", "Mail", "Suggestion", "Suggestions", "suggest", "wants_body"]

#: How many messages of one organisation are worth reading the body of.
BODIES_PER_GROUP = 40


def wants_body(mails: Sequence[Mail], config: Config) -> list[str]:
    """Keys of the messages whose body ``suggest`` should read: every platform message,
    and up to :data:`BODIES_PER_GROUP` messages of each organisation that may be a
    program (the applicant wrote to it, or its subjects speak of residency), those
    whose subjects do first, then the newest. Decided on headers alone."""
    ctx = make_context(config)
    keys: list[str] = []
    groups: dict[str, list[tuple[Mail, bool]]] = defaultdict(list)
    for mail in mails:
        env = mail.envelope
        if not in_season(env, ctx.match_year):
            continue
        outbound = is_outbound(env, mail.role, ctx)
        parties = parties_of(env, outbound, ctx)
        if not parties:
            continue
        if not outbound and is_platform(parties[0], ctx):
            keys.append(env.key)
            continue
        if not outbound and env.automated:
            continue
        for party in parties:
            group = group_of(party, ctx)
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


# -- the whole -------------------------------------------------------------------------------


def suggest(mails: Iterable[Mail], config: Config) -> Suggestions:
    """Propose a ``[[programs]]`` block for every program the mail shows that the
    config does not have yet (see the module docstring)."""
    ctx = make_context(config)
    specialty_title = " ".join(w.capitalize() for w in config.season.specialty.split()) or "Anesthesiology"
    readings = [read_mail(m, ctx) for m in mails if in_season(m.envelope, ctx.match_year)]
    groups = build_groups(readings, ctx)
    fitting: dict[str, set[str]] = defaultdict(set)
    for org, items in groups.items():
        for reading in items:
            for name, _, _ in reading.names:
                if fits_domain(name, org):
                    fitting[name.key].add(org)

    programs: list[Draft] = []
    people: dict[str, list[Reading]] = {}
    for org, items in groups.items():
        if org.startswith("@"):
            people[org] = items
            continue
        if not about_residency(items):
            continue
        names = kept_names(org, items, fitting)
        if names and credible(org, items):
            programs.extend(split_group(org, items, names))

    programs = merge_domains(programs)
    attach_people(people, programs)
    unplaced: list[tuple[str, Evidence]] = []
    for name, messages in platform_programs(readings):
        target = link_platform_name(name, programs, groups)
        if isinstance(target, str):
            if not about_residency(groups[target], needs_signal=False):
                target = None
            else:
                new = Draft(org=target, readings=list(groups[target]))
                programs.append(new)
                target = new
        if target is None:
            if name.bare:
                continue  # a bare name no domain holds is no program, just a capitalised word
            holder = Draft(org="", platform_names=[name], platform_readings=messages)
            unplaced.append((name.text, evidence_of(holder, interview_date_of(holder)[1])))
            continue
        target.platform_names.append(name)
        target.platform_readings.extend(m for m in messages if m not in target.platform_readings)

    suggestions: list[Suggestion] = []
    configured: list[str] = []
    for program in programs:
        suggestion = finish(program, specialty_title)
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


def _configured_as(suggestion: Suggestion, program: Draft, config: Config) -> str | None:
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
