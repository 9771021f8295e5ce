"""Programs in the making: mail grouped by organisation, the names each domain stands
for, one domain split into its programs, two domains of one program merged, the
programs application platforms name linked to their domains, coordinators at public
mail domains attached. Pure; see :mod:`inboxcoach.core.programs`.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from inboxcoach.core.programs.reading import Context, Reading, group_of, is_person
from inboxcoach.core.programs.text import Name, tokens_of
from inboxcoach.mail_domains import domain_of, organization_domain

# -- the names a domain stands for -----------------------------------------------------


def domain_label(org: str) -> str:
    """``riverside-health.example`` -> ``riversidehealth``: the registered name."""
    return re.sub(r"[^a-z0-9]", "", org.split(".")[0])


def initials(name: Name) -> str:
    words = [w for w in tokens_of(name.text) if w not in {"of", "and", "the", "for", "at", "de"}]
    return "".join(w[0] for w in words if w not in ("anesthesiology", "anesthesia", "anaesthesia"))


def anchored_words(words: Sequence[str], org: str) -> set[str]:
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


def domain_fit(name: Name, org: str) -> int:
    """How well a name's own words make up the domain (0: not at all): "Riverside
    University" and riverside-health.edu, "Stonegate Regional Medical Center" and
    srmc.org. "Falcon Ridge" fits falconridge.org, not oakridge.org."""
    if org.startswith("@"):
        return 0
    found = anchored_words(tokens_of(name.text), org)
    score = sum(len(word) for word in name.distinctive if word in found)
    parts = [p for p in re.split(r"[^a-z0-9]+", org.split(".")[0]) if p]
    letters = initials(name)
    if len(letters) >= 3 and letters in parts:
        score += 2 * len(letters)
    # an acronym for the domain: BUH and bristlecone-uh, CMC and cottonwood-mc
    short = {parts[0][:1] + "".join(parts[1:]), "".join(p[:1] for p in parts)} if len(parts) > 1 else set()
    acronyms = {w.lower() for w in re.findall(r"\b[A-Z]{3,5}\b", name.text)}
    if acronyms & short:
        score += 6
    return score


def whole_fit(name: Name, org: str) -> bool:
    """Every own word of the name is part of the domain ("Silver Plume", silverplume.org)."""
    return not org.startswith("@") and set(name.distinctive) <= anchored_words(tokens_of(name.text), org)


def fits_domain(name: Name, org: str) -> bool:
    return domain_fit(name, org) > 0


def residual_words(name: Name, org: str) -> frozenset[str]:
    """The words of a name that the domain does not hold: what tells two programs of
    one domain apart (``agnes`` for "Meridian Health St. Agnes Anesthesiology")."""
    held = set() if org.startswith("@") else anchored_words(tokens_of(name.text), org)
    return frozenset(word for word in name.distinctive if word not in held)


# -- a program in the making -----------------------------------------------------------


@dataclass
class Draft:
    org: str
    readings: list[Reading] = field(default_factory=list)
    names: list[tuple[Name, float]] = field(default_factory=list)
    platform_names: list[Name] = field(default_factory=list)
    platform_readings: list[Reading] = field(default_factory=list)
    residual: frozenset[str] = frozenset()
    split: bool = False
    main: str = ""  # the shared name of a split domain ("Front Range Health")
    extra_contacts: list[str] = field(default_factory=list)
    extra_orgs: list[str] = field(default_factory=list)  # more domains of the same program

    @property
    def orgs(self) -> tuple[str, ...]:
        return (self.org, *self.extra_orgs)

    def fit(self, name: Name) -> int:
        return max(domain_fit(name, org) for org in self.orgs)

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


def build_groups(readings: list[Reading], ctx: Context) -> dict[str, list[Reading]]:
    groups: dict[str, list[Reading]] = defaultdict(list)
    for reading in readings:
        if reading.platform or (not reading.outbound and reading.mail.envelope.automated):
            continue
        for group in dict.fromkeys(group_of(p, ctx) for p in reading.parties):
            if group:
                groups[group].append(reading)
    return groups


def kept_names(org: str, readings: list[Reading], fitting_elsewhere: dict[str, set[str]]) -> list[tuple[Name, float]]:
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
                if fits_domain(name, org) and (reading.signal or whole_fit(name, org)):
                    kept.append((name, weight))
            elif fits_domain(name, org) or (trusted and not (fitting_elsewhere.get(name.key, set()) - {org})):
                kept.append((name, weight))
    return kept


def split_group(org: str, readings: list[Reading], names: list[tuple[Name, float]]) -> list[Draft]:
    """One program for the group, or one per program when its mail clearly names two
    or more: each in a subject, and in at least two messages."""
    whole = Draft(org=org, readings=list(readings), names=list(names))
    residuals = [frozenset() if n.bare else residual_words(n, org) for n, _ in names]
    clusters = _union_clusters([r for r in residuals if r])
    qualified = []
    for cluster in clusters:
        mentions = [r for r in readings if _words_of(r, org) & cluster]
        in_subject = any(set(tokens_of(r.mail.envelope.subject)) & cluster for r in mentions)
        if in_subject and len(mentions) >= 2:
            qualified.append(cluster)
    if len(qualified) < 2:
        return [whole]
    main = [n for (n, _), r in zip(names, residuals, strict=True) if not r and not n.bare and n.institution]
    parts = [
        Draft(
            org=org,
            names=[(n, w) for (n, w), r in zip(names, residuals, strict=True) if r and r <= cluster]
            + [(n, w) for n, w in names if n.bare and residual_words(n, org) and residual_words(n, org) <= cluster],
            residual=cluster,
            split=True,
            main=max(main, key=lambda n: len(n.text)).text if main else "",
        )
        for cluster in qualified
    ]
    _assign(readings, parts, org)
    return parts


def _words_of(reading: Reading, org: str) -> frozenset[str]:
    """The words of a message, and of the mailbox names it was exchanged with at the
    domain (north.anes@ speaks for the North campus)."""
    boxes = {w for p in org_parties(reading, org) for w in tokens_of(p.partition("@")[0].replace(".", " "))}
    return reading.words | boxes


def _assign(readings: list[Reading], parts: list[Draft], org: str) -> None:
    """Give each message of a split domain to the program it names alone, then each
    person to the program their messages name, then the messages of those people that
    name none (a thank-you to an interviewer copied to the coordinator)."""
    def named(reading: Reading) -> list[int]:
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
                for party in org_parties(reading, org):
                    people[party][owner[reading.key]] += 1
        person_owner = {p: c.most_common(1)[0][0] for p, c in people.items() if len(c) == 1}
        for reading in readings:
            if reading.key in owner or named(reading):
                continue
            votes = {person_owner[p] for p in org_parties(reading, org) if p in person_owner}
            if len(votes) == 1:
                owner[reading.key] = votes.pop()
    for reading in readings:
        if reading.key in owner:
            parts[owner[reading.key]].readings.append(reading)


def org_parties(reading: Reading, org: str) -> list[str]:
    return [p for p in reading.parties if organization_domain(domain_of(p)) == org]


# -- platforms ------------------------------------------------------------------------------


def platform_programs(readings: list[Reading]) -> list[tuple[Name, list[Reading]]]:
    """The programs application platforms name, each with the platform messages naming it."""
    found: dict[frozenset[str], tuple[list[Name], list[Reading]]] = {}
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


def link_platform_name(name: Name, programs: list[Draft], groups: dict[str, list[Reading]]) -> Draft | str | None:
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
        domain_scores = {org: domain_fit(name, org) for org in groups}
        best = max(domain_scores.values(), default=0)
        domains = [org for org, score in domain_scores.items() if best and score == best]
        if len(domains) == 1:
            return domains[0]
    return None


def merge_domains(programs: list[Draft]) -> list[Draft]:
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
    merged: dict[int, Draft] = {}
    out: list[Draft] = []
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


def _same_name(a: Draft, b: Draft) -> bool:
    """Two domains' names are one program's: a word they share is part of a domain."""
    shared = a.distinctive & b.distinctive
    return any(word in anchored_words([word], org) for word in shared for org in (*a.orgs, *b.orgs))


def about_residency(items: list[Reading], *, needs_signal: bool = True) -> bool:
    """A group worth proposing: a person wrote (or the applicant did), and, unless a
    platform already named it, its mail speaks of residency."""
    personal = any(r.outbound or is_person(r.parties[0] if r.parties else "") for r in items)
    return personal and (not needs_signal or any(r.signal for r in items))


def credible(org: str, items: list[Reading]) -> bool:
    """A group's names are a program's when the applicant wrote to it, when a name's
    words are in its domain, or when one message both names it (as the program
    speaking of itself) and speaks of residency: a shop's "Delivered: Pocket Anesthesia"
    and "Delivered: Interview suit" are two messages, neither both."""
    if any(r.outbound for r in items):
        return True
    for reading in items:
        for name, _, trusted in reading.names:
            if fits_domain(name, org) and (reading.signal or not name.bare or whole_fit(name, org)):
                return True
            if trusted and reading.signal and not name.bare:
                return True
    return False


def attach_people(people: dict[str, list[Reading]], programs: list[Draft]) -> None:
    """Coordinators at public mail domains: a contact of the program whose thread they
    answer or whose name their mail carries; else a program of their own when their
    mail names one and speaks of residency."""
    keys = {r.key: p for p in programs for r in p.readings}
    for group, items in people.items():
        address = group[1:]
        target: Draft | None = None
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
            elif not sharing and about_residency(items) and any(not r.outbound for r in items):
                programs.append(Draft(org=group, readings=list(items), names=trusted))
                continue
        if target is not None and address not in target.extra_contacts:
            target.extra_contacts.append(address)
