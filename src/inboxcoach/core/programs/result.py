"""A program in the making -> a :class:`~inboxcoach.core.programs.model.Suggestion`: its name
and aliases, coordinators, interview date and the evidence. Pure; see
:mod:`inboxcoach.core.programs`.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from datetime import date

from inboxcoach.core.programs.groups import Draft, org_parties
from inboxcoach.core.programs.model import Evidence, Example, Suggestion
from inboxcoach.core.programs.reading import Reading, is_person
from inboxcoach.core.programs.text import DateClue, Name, tokens_of
from inboxcoach.mail_domains import domain_of

MAX_CONTACTS = 5
MAX_ALIASES = 3
MAX_EXAMPLES = 4


def _choose_name(program: Draft, specialty_title: str) -> tuple[str, tuple[str, ...]]:
    """The program's name (a platform's wins: it is the official one) and aliases:
    its other names, then the short forms its mail uses ("Pinecrest")."""
    weights: dict[str, float] = defaultdict(float)
    by_key: dict[str, Name] = {}
    for name, weight in program.names:
        weights[name.key] += weight
        by_key.setdefault(name.key, name)
    full_names = [n for n in by_key.values() if not n.bare and not acronym_only(n)]
    short_names = [n for n in by_key.values() if n.bare or acronym_only(n)]
    official = [n for n in program.platform_names if not n.bare and not acronym_only(n)]
    acronyms = [n for n in program.platform_names if not n.bare and acronym_only(n)]

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


def acronym_only(name: Name) -> bool:
    """"BUH Anesthesiology": its own words are all an acronym, a short form at best."""
    capitals = {w.lower() for w in re.findall(r"\b[A-Z]{2,5}\b", name.text)}
    return bool(name.distinctive) and set(name.distinctive) <= capitals


def _contacts(program: Draft) -> tuple[str, ...]:
    inbound: Counter[str] = Counter()
    outbound: Counter[str] = Counter()
    for reading in program.readings:
        for party in (p for org in program.orgs for p in org_parties(reading, org)):
            if is_person(party):
                (outbound if reading.outbound else inbound)[party] += 1
    ordered = [a for a, _ in inbound.most_common()] + [a for a, _ in outbound.most_common() if a not in inbound]
    ordered += [a for a in program.extra_contacts if a not in ordered]
    return tuple(ordered[:MAX_CONTACTS])


def interview_date_of(program: Draft) -> tuple[date | None, Reading | None]:
    """The last sure statement of the date; a weaker one when there is none."""
    found: list[tuple[int, float, date, Reading]] = []
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


def _platform_clues(reading: Reading, program: Draft) -> list[DateClue]:
    """A platform message's dates that are about this program: all of them when it
    names only this program, else those in sentences that name it."""
    own_words = program.distinctive
    named = {n.key for n, _, _ in reading.names}
    if len(named) <= 1:
        return reading.clues
    return [c for c in reading.clues if set(tokens_of(c.sentence)) & own_words]


def _who(reading: Reading) -> str:
    env = reading.mail.envelope
    if reading.outbound:
        return "you"
    if reading.platform:
        return env.from_name or domain_of(env.from_addr)
    return env.from_addr


def _example(reading: Reading) -> Example:
    return Example(reading.day, _who(reading), reading.mail.envelope.subject)


def evidence_of(program: Draft, date_from: Reading | None) -> Evidence:
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


def finish(program: Draft, specialty_title: str) -> Suggestion | None:
    if not program.names and not program.platform_names:
        return None
    name, aliases = _choose_name(program, specialty_title)
    day, date_from = interview_date_of(program)
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
        evidence=evidence_of(program, date_from),
    )
