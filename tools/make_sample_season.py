#!/usr/bin/env python3
"""Generate inboxcoach's bundled sample season and its ground truth.

Run from the repository root (stdlib only, deterministic: fixed seed, fixed MIME
boundaries, fixed Message-IDs)::

    .venv/bin/python tools/make_sample_season.py

Writes ``src/inboxcoach/data/sample_config.toml``, ``src/inboxcoach/data/sample_season.mbox``
(Google-Takeout style, X-Gmail-Labels) and ``tests/data/sample_expected.json``.

The season
==========

Sam Applicant, MD (sam.applicant@example.org, alias sam.applicant.md@gmail.com), an
IMG applying in anesthesiology for the 2027 Match. Mail runs 2026-09-01 .. 2027-01-19;
the demo looks at it as of 2027-01-20 08:00 America/New_York. 23 fictional programs:

* Riverside University - the model program. Coordinator's invitation ("we are happy to
  offer you an interview", a mail-merge "[Applicant Name]" and "voted #1" in it) is
  quoted in Sam's scheduling reply (not a contact); thank-you on the interview day;
  January update saying "one of my top choices". 2 contacts, quiet since Jan 11.
* Lakeshore Medical Center - Sam's favourite, written to too often: a September
  inquiry, a thank-you, a December "#1 choice" letter (first-choice-outside-window),
  a January update (duplicated in the mbox under two labels: counts once).
  4 contacts -> over-contact-limit.
* Bellmont University and Stonegate Regional - each got a January "#1 choice" letter;
  with Lakeshore's December one: multiple-first-choice (3 programs). A draft #1 letter
  to Oakhurst University Hospital adds a draft multiple-first-choice finding.
* Meridian Health St. Agnes and Meridian Health Lakeview share meridianhealth.example:
  contacts and names decide; one message to both coordinators counts once for each;
  a GME-office mail naming neither is ambiguous.
* Pinecrest, Fairhaven, Westbrook Memorial - one thank-you template, names changed:
  mass-email. Westbrook also had a visa question and a "following up on my previous
  email" after the coordinator had answered (not repeat-after-silence; a reply in a
  thread Sam started, so it is a contact): 3 contacts -> at-contact-limit. A draft
  update to Fairhaven still has "Dr. [Last Name]" / "[Institution Name]":
  template-placeholder (draft).
* Glenwood and Ashford - Sam reused the Glenwood thank-you for Ashford and left
  "Glenwood" in it: wrong-program-name (Ashford).
* Kingsbridge - thank-you five days after the interview: late-thank-you; the program
  director answers from a personal gmail address (matched by thread).
* Silver Lake - "If you rank me highly, I will definitely come": conditional-commitment.
* Maplewood - "you are my only hope ... no other interviews": desperate-tone.
* Cedar Falls - rescheduled the interview; Sam's reply vents about the process:
  emotional-tone (a reply in a program-started thread, not a contact).
* Northgate - rejected Sam; Sam's reply asks why there was no invitation: feedback-request
  (a reply to the program's rejection, so not a contact: 0 contacts).
* Ravenwood - an interest email, an out-of-office auto-reply (not a reply), then "just
  following up on my previous email": repeat-after-silence.
* Whitfield - the same research-call request sent separately to two faculty:
  same-request-multiple-faculty; with the thank-you 3 contacts -> at-contact-limit.
* Crescent Bay Community Hospital (nrmp = false) - offers a position and asks Sam to
  sign a contract before Match Day: prematch-offer.
* Greystone - the program director asks where Sam will rank them and where else Sam
  interviewed: rank-inquiry. Sam's polite decline answers a program-started thread:
  not a contact.
* Ellison Memorial - "we do not accept thank-you notes"; Sam sends one anyway:
  contact-despite-policy.
* Hawthorne Valley - interviewed, never written to: no late-thank-you, no quiet.
* quiet-program fires for every contacted program with no person's reply since the
  last contact, at least 7 days before the as-of moment (computed below).

Plus about 230 noise messages: newsletters (List-Id), shopping, bank, social,
USMLE/ECFMG, generic Thalamus/ERAS/Interview Broker mail, travel, and personal mail
with friends and a mentor (unmatched, even where it names a program).
"""

from __future__ import annotations

import hashlib
import html as htmlmod
import json
import mailbox
import random
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, formataddr
from pathlib import Path
from zoneinfo import ZoneInfo

SEED = 20270319
ROOT = Path(__file__).resolve().parent.parent
CONFIG_PATH = ROOT / "src/inboxcoach/data/sample_config.toml"
MBOX_PATH = ROOT / "src/inboxcoach/data/sample_season.mbox"
EXPECTED_PATH = ROOT / "tests/data/sample_expected.json"

ET = ZoneInfo("America/New_York")
CT = ZoneInfo("America/Chicago")
MT = ZoneInfo("America/Denver")
PT = ZoneInfo("America/Los_Angeles")
UTC = ZoneInfo("UTC")
AS_OF = datetime(2027, 1, 20, 8, 0, tzinfo=ET)
LIMIT = 3
QUIET_DAYS = 7
WINDOW_HOURS = 72
PLATFORMS = ("thalamusgme.com", "aamc.org", "interviewbroker.com")

ME = ("Sam Applicant", "sam.applicant@example.org")
ALIAS = ("Sam Applicant", "sam.applicant.md@gmail.com")
MY_ADDRS = {ME[1], ALIAS[1]}

rng = random.Random(SEED)


# --------------------------------------------------------------------------- programs


@dataclass
class Prog:
    key: str
    name: str
    aliases: list[str]
    domains: list[str]
    contacts: list[str]
    host: str  # the mail host actually used (may be a subdomain)
    tz: ZoneInfo
    coord: tuple[str, str]
    pd: tuple[str, str]
    interview: date | None
    nrmp: bool = True
    people: dict[str, tuple[str, str]] = field(default_factory=dict)

    @property
    def short(self) -> str:
        return self.aliases[0] if self.aliases else self.name


def _p(key, name, aliases, domain, host, tz, coord, pd, interview, *, contacts=None, nrmp=True, people=None, domains=None):
    coord_addr = (coord[0], f"{coord[1]}@{host}")
    pd_addr = (pd[0], f"{pd[1]}@{host}")
    contacts = list(contacts or [])
    return Prog(
        key=key,
        name=name,
        aliases=aliases,
        domains=domains or [domain],
        contacts=contacts,
        host=host,
        tz=tz,
        coord=coord_addr,
        pd=pd_addr,
        interview=interview,
        nrmp=nrmp,
        people={k: (v[0], f"{v[1]}@{host}") for k, v in (people or {}).items()},
    )


PROGRAMS = [
    _p("riverside", "Riverside University Anesthesiology", ["Riverside University", "RUH Anesthesia"],
       "riverside-health.example", "gme.riverside-health.example", ET,
       ("Jane Whitaker", "jwhitaker"), ("Anil Mehra, MD", "amehra"), date(2026, 11, 12),
       contacts=["anes.residency@riverside-health.example"]),
    _p("lakeshore", "Lakeshore Medical Center Anesthesiology", ["Lakeshore MC", "Lakeshore Medical Center"],
       "lakeshore-med.example", "lakeshore-med.example", CT,
       ("Kathleen O'Donnell", "k.odonnell"), ("Victor Hale, MD", "vhale"), date(2026, 11, 5),
       contacts=["anesthesia.gme@lakeshore-med.example", "k.odonnell@lakeshore-med.example"]),
    _p("crescent", "Crescent Bay Community Hospital Anesthesiology", ["Crescent Bay"],
       "crescentbay-hospital.example", "crescentbay-hospital.example", PT,
       ("Maria Esposito", "mesposito"), ("Leonard Fisk, MD", "lfisk"), date(2026, 12, 3),
       contacts=["residency@crescentbay-hospital.example"], nrmp=False),
    _p("bellmont", "Bellmont University Anesthesiology", ["Bellmont"],
       "bellmont.example", "med.bellmont.example", ET,
       ("Tanya Brooks", "tbrooks"), ("Samuel Okoro, MD", "sokoro"), date(2026, 11, 19),
       contacts=["anesthesiology.residency@med.bellmont.example"]),
    _p("stonegate", "Stonegate Regional Medical Center Anesthesiology", ["Stonegate Regional", "SRMC Anesthesia"],
       "stonegate-rmc.example", "stonegate-rmc.example", CT,
       ("Denise Carver", "dcarver"), ("Helen Marsh, MD", "hmarsh"), date(2026, 12, 10),
       contacts=["anesthesia.residency@stonegate-rmc.example"],
       people={"apd": ("Rafael Quintero, MD", "rquintero")}),
    _p("oakhurst", "Oakhurst University Hospital Anesthesiology", ["Oakhurst"],
       "oakhurst-uh.example", "oakhurst-uh.example", MT,
       ("Lisa Tran", "ltran"), ("George Whitman, MD", "gwhitman"), date(2026, 11, 20),
       contacts=["anesres@oakhurst-uh.example"]),
    _p("stagnes", "Meridian Health St. Agnes Anesthesiology", ["St. Agnes Anesthesiology", "St. Agnes"],
       "meridianhealth.example", "meridianhealth.example", ET,
       ("Rosa Castellano", "r.castellano"), ("Bernard Kline, MD", "b.kline"), date(2026, 11, 9),
       contacts=["stagnes.anesthesia@meridianhealth.example", "r.castellano@meridianhealth.example",
                 "b.kline@meridianhealth.example"],
       people={"osei": ("Michael Osei, MD", "m.osei")}),
    _p("lakeview", "Meridian Health Lakeview Anesthesiology", ["Lakeview Anesthesiology", "Meridian Lakeview"],
       "meridianhealth.example", "meridianhealth.example", ET,
       ("Paula Greer", "p.greer"), ("Tomoko Nakamura, MD", "t.nakamura"), date(2026, 12, 1),
       contacts=["lakeview.anesthesia@meridianhealth.example", "p.greer@meridianhealth.example",
                 "t.nakamura@meridianhealth.example"]),
    _p("pinecrest", "Pinecrest University Anesthesiology", ["Pinecrest"],
       "pinecrest.example", "pinecrest.example", ET,
       ("Megan Lowell", "mlowell"), ("Franklin Yu, MD", "fyu"), date(2026, 11, 16),
       contacts=["anesthesia-residency@pinecrest.example"]),
    _p("fairhaven", "Fairhaven Medical Center Anesthesiology", ["Fairhaven"],
       "fairhaven-mc.example", "fairhaven-mc.example", CT,
       ("Colleen Park", "cpark"), ("Marcus Bell, MD", "mbell"), date(2026, 11, 23),
       contacts=["gme.anesthesia@fairhaven-mc.example"]),
    _p("westbrook", "Westbrook Memorial Anesthesiology", ["Westbrook Memorial"],
       "westbrook-memorial.example", "westbrook-memorial.example", ET,
       ("Janet Reyes", "jreyes"), ("Howard Lin, MD", "hlin"), date(2026, 12, 7),
       contacts=["anesthesia.program@westbrook-memorial.example"]),
    _p("ashford", "Ashford University Anesthesiology", ["Ashford"],
       "ashford-university.example", "som.ashford-university.example", ET,
       ("Gail Simmons", "gsimmons"), ("Peter Ferris, MD", "pferris"), date(2026, 12, 8),
       contacts=["anesthesiology@som.ashford-university.example"]),
    _p("glenwood", "Glenwood Medical Center Anesthesiology", ["Glenwood"],
       "glenwood-mc.example", "glenwood-mc.example", ET,
       ("Irene Walsh", "iwalsh"), ("Nadia Rahman, MD", "nrahman"), date(2026, 12, 2),
       contacts=["anesthesia.residency@glenwood-mc.example"]),
    _p("kingsbridge", "Kingsbridge University Anesthesiology", ["Kingsbridge"],
       "kingsbridge.example", "kingsbridge.example", ET,
       ("Sharon Mills", "smills"), ("Daniel Kwon, MD", "dkwon"), date(2026, 11, 2),
       contacts=["anesthesiology.gme@kingsbridge.example"]),
    _p("silverlake", "Silver Lake Medical Center Anesthesiology", ["Silver Lake"],
       "silverlake-mc.example", "silverlake-mc.example", PT,
       ("Amy Foster", "afoster"), ("Carlos Medina, MD", "cmedina"), date(2026, 11, 30),
       contacts=["anesthesia@silverlake-mc.example"]),
    _p("maplewood", "Maplewood Regional Anesthesiology", ["Maplewood"],
       "maplewood-regional.example", "maplewood-regional.example", CT,
       ("Brenda Kim", "bkim"), ("Alan Prescott, MD", "aprescott"), date(2026, 12, 14),
       contacts=["residency@maplewood-regional.example"]),
    _p("cedarfalls", "Cedar Falls University Anesthesiology", ["Cedar Falls"],
       "cedarfalls-u.example", "cedarfalls-u.example", CT,
       ("Heather Doyle", "hdoyle"), ("Gwen Albright, MD", "galbright"), date(2026, 12, 15),
       contacts=["anesthesiology.residency@cedarfalls-u.example"]),
    _p("northgate", "Northgate University Anesthesiology", ["Northgate"],
       "northgate.example", "northgate.example", ET,
       ("Monica Hayes", "mhayes"), ("Ian Sutherland, MD", "isutherland"), None,
       contacts=["anesthesia.residency@northgate.example"]),
    _p("ravenwood", "Ravenwood Medical Center Anesthesiology", ["Ravenwood"],
       "ravenwood-mc.example", "ravenwood-mc.example", ET,
       ("Patricia Lowe", "plowe"), ("Edwin Stroud, MD", "estroud"), None,
       contacts=["anesthesia.residency@ravenwood-mc.example", "plowe@ravenwood-mc.example"]),
    _p("whitfield", "Whitfield University Anesthesiology", ["Whitfield"],
       "whitfield.example", "med.whitfield.example", ET,
       ("Caroline Ng", "cng"), ("Martin Abbott, MD", "mabbott"), date(2026, 11, 24),
       contacts=["anesthesiology.residency@med.whitfield.example"],
       people={"chen": ("Laura Chen, MD", "lchen"), "haddad": ("Omar Haddad, MD", "ohaddad")}),
    _p("greystone", "Greystone Medical Center Anesthesiology", ["Greystone"],
       "greystone-mc.example", "greystone-mc.example", MT,
       ("Wendy Carlisle", "wcarlisle"), ("Russell Grant, MD", "rgrant"), date(2026, 11, 17),
       contacts=["anesthesia.residency@greystone-mc.example"]),
    _p("ellison", "Ellison Memorial Hospital Anesthesiology", ["Ellison Memorial"],
       "ellison-memorial.example", "ellison-memorial.example", ET,
       ("Diane Porter", "dporter"), ("Harold Vance, MD", "hvance"), date(2026, 12, 9),
       contacts=["anesthesia@ellison-memorial.example"]),
    _p("hawthorne", "Hawthorne Valley Anesthesiology", ["Hawthorne Valley"],
       "hawthornevalley.example", "hawthornevalley.example", ET,
       ("Joyce Bennett", "jbennett"), ("Clifford Ames, MD", "cames"), date(2026, 12, 11),
       contacts=["anesthesia.residency@hawthornevalley.example"]),
]
P = {p.key: p for p in PROGRAMS}
for _prog in PROGRAMS:  # coordinators are always listed contacts
    if _prog.coord[1] not in _prog.contacts and _prog.key not in ("riverside", "bellmont"):
        _prog.contacts.append(_prog.coord[1])


# --------------------------------------------------------------------------- messages


@dataclass
class Msg:
    mid: str
    date: datetime
    frm: tuple[str, str]
    to: list[tuple[str, str]]
    subject: str
    own: str  # the writer's own words (with signature)
    quote: str = ""
    cc: list[tuple[str, str]] = field(default_factory=list)
    bcc: list[tuple[str, str]] = field(default_factory=list)
    html: bool = False  # add a text/html alternative
    html_only: bool = False
    attachments: list[tuple[str, bytes]] = field(default_factory=list)
    labels: str = "Inbox"
    extra_labels: list[str] = field(default_factory=list)  # duplicate copies
    headers: dict[str, str] = field(default_factory=dict)
    in_reply_to: str | None = None
    references: list[str] = field(default_factory=list)
    thrid: int = 0
    # ground truth
    programs: object = None  # None | "ambiguous" | list[str] of program names
    contact: bool = False
    record: bool = True  # list in expected["messages"]

    @property
    def body(self) -> str:
        return self.own + ("\n\n" + self.quote if self.quote else "") + "\n"

    @property
    def outbound(self) -> bool:
        return self.frm[1] in MY_ADDRS

    @property
    def draft(self) -> bool:
        return self.labels.split(",")[0] == "Drafts"

    @property
    def automated(self) -> bool:
        addr = self.frm[1]
        domain = addr.split("@")[1]
        if any(domain == d or domain.endswith("." + d) for d in PLATFORMS):
            return True
        if addr.split("@")[0] in ("no-reply", "noreply", "do-not-reply", "donotreply"):
            return True
        h = {k.lower(): v.lower() for k, v in self.headers.items()}
        if "list-id" in h or h.get("precedence") in ("bulk", "list", "junk"):
            return True
        if h.get("auto-submitted", "no") != "no":
            return True
        return False


MESSAGES: list[Msg] = []
FINDINGS: list[dict] = []
HARD: list[dict] = []
_thread_ids: dict[str, int] = {}


def _mid(host: str, style: str = "plain") -> str:
    if style == "gmail":
        return "<CA" + "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+_-") for _ in range(44)) + "@mail.gmail.com>"
    if style == "outlook":
        tag = "".join(rng.choice("0123456789ABCDEF") for _ in range(12))
        return f"<SA1PR{rng.randint(10, 19)}MB{rng.randint(1000, 9999)}{tag}@exchange.{host}>"
    token = "%x.%x" % (rng.getrandbits(40), rng.getrandbits(24))
    return f"<{token}@{host}>"


def at(y, m, d, hh=9, mm=0, tz=ET) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=tz)


def jitter(dt: datetime, minutes: int = 50) -> datetime:
    return dt + timedelta(minutes=rng.randint(0, minutes), seconds=rng.randint(0, 59))


def add(frm, to, subject, own, when, *, programs=None, contact=False, cc=(), bcc=(), labels=None,
        html=False, html_only=False, attachments=(), headers=None, parent: Msg | None = None,
        quote_style="gmail", mid_style=None, record=True, extra_labels=(), quote=True) -> Msg:
    outbound = frm[1] in MY_ADDRS
    if labels is None:
        labels = "Sent" if outbound else "Inbox"
    host = frm[1].split("@")[1]
    if mid_style is None:
        mid_style = "gmail" if host == "gmail.com" else "plain"
    mid = _mid("mail.example.org" if frm[1] == ME[1] else host, mid_style)
    if isinstance(programs, str) and programs != "ambiguous":
        programs = [programs]
    msg = Msg(mid=mid, date=when, frm=frm, to=list(to), subject=subject, own=own.strip("\n"),
              cc=list(cc), bcc=list(bcc), html=html, html_only=html_only,
              attachments=list(attachments), labels=labels, extra_labels=list(extra_labels),
              headers=dict(headers or {}), programs=programs, contact=contact, record=record)
    if parent is not None:
        msg.in_reply_to = parent.mid
        msg.references = parent.references + [parent.mid]
        msg.thrid = parent.thrid
        if quote:
            msg.quote = quoted(parent, quote_style)
    else:
        msg.thrid = rng.getrandbits(60) | (1 << 60)
    MESSAGES.append(msg)
    return msg


def reply(parent: Msg, frm, own, when, **kw) -> Msg:
    subject = parent.subject
    if not subject.lower().startswith("re:"):
        subject = "Re: " + subject
    to = kw.pop("to", None) or [parent.frm]
    return add(frm, to, subject, own, when, parent=parent, **kw)


def quoted(parent: Msg, style: str) -> str:
    d = parent.date.astimezone(ET)
    if style == "gmail":
        clock = d.strftime("%I:%M %p").lstrip("0")
        head = f"On {d:%a}, {d:%b} {d.day}, {d.year} at {clock} {parent.frm[0]} <{parent.frm[1]}> wrote:"
        lines = parent.body.rstrip("\n").splitlines()
        return head + "\n" + "\n".join(("> " + line) if line else ">" for line in lines)
    # Outlook style: a header block and the original unquoted
    clock = d.strftime("%I:%M %p").lstrip("0")
    head = (
        "________________________________\n"
        f"From: {parent.frm[0]} <{parent.frm[1]}>\n"
        f"Sent: {d:%A}, {d:%B} {d.day}, {d.year} {clock}\n"
        f"To: {', '.join(n for n, _ in parent.to)}\n"
        f"Subject: {parent.subject}\n"
    )
    return head + "\n" + parent.body.rstrip("\n")


def names(*keys) -> list[str]:
    return [P[k].name for k in keys]


def finding(rule, programs, msgs, draft=False):
    FINDINGS.append({"rule": rule, "programs": sorted(programs), "draft": draft,
                     "message_ids": [m.mid for m in msgs]})


def hard(msg: Msg, rules, why):
    progs = msg.programs if isinstance(msg.programs, list) else []
    HARD.append({"message_id": msg.mid, "programs": sorted(progs), "must_not_fire": list(rules), "why": why})


def fake_pdf(title: str, pad: int) -> bytes:
    text = f"BT /F1 14 Tf 72 720 Td ({title}) Tj ET"
    filler = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz ") for _ in range(pad))
    stream = text + "\n% " + filler
    objs = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = "%PDF-1.4\n"
    offsets = []
    for i, obj in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n{obj}\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n"
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets)
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    return out.encode("latin-1")


# --------------------------------------------------------------------------- applicant voice

SIGNATURES = [
    "Best regards,\nSam Applicant, MD",
    "Kind regards,\n\nSam Applicant, MD\nAAMC ID 14920377",
    "Sincerely,\nSam Applicant, MD\n(555) 010-4471",
    "Warm regards,\nSam Applicant, MD",
    "With gratitude,\nSam Applicant, MD",
    "Best,\nSam\n\n--\nSam Applicant, MD\nERAS applicant, Anesthesiology\n(555) 010-4471",
    "Respectfully,\nSam Applicant, MD",
]


def sig() -> str:
    return rng.choice(SIGNATURES)


def when_phrase(sent: datetime, interview: date) -> str:
    delta = (sent.astimezone(ET).date() - interview).days
    if delta == 0:
        return "today"
    if delta == 1:
        return "yesterday"
    return f"on {interview:%B} {interview.day}"


THANK_OPENERS = [
    "Thank you so much for taking the time to interview me {when}.",
    "I wanted to thank you for the warm welcome I received at {prog} {when}.",
    "Thank you for a wonderful interview day {when}; I left with a much clearer picture of {prog}.",
    "I am writing to thank you for the chance to interview with {prog} {when}.",
    "Many thanks for your time {when}, and for the thoughtful conversation about my path into anesthesiology.",
    "It was a real pleasure to meet you {when}. Thank you for interviewing me for a position at {prog}.",
    "Thank you for hosting me {when}. I appreciated how much care the whole team put into the day.",
    "Please accept my sincere thanks for the interview {when} and for the time you gave me.",
    "I am grateful for the time you spent with me {when} and for the honest answers to my questions.",
    "Thank you for welcoming me to {prog} {when}; the day went by far too quickly.",
    "I wanted to send a quick note of thanks for our conversation {when}.",
    "Thank you for the thoughtful interview {when} and for making an applicant from abroad feel at home.",
    "What a pleasure it was to spend the day with your team {when} - thank you for having me.",
    "Thank you for meeting with me {when}. I left the interview even more excited about anesthesiology.",
    "I appreciated the opportunity to interview at {prog} {when}, and I wanted to thank you personally.",
]
THANK_CLOSERS = [
    "I remain very interested in training at {prog}, and I would be glad to answer any further questions.",
    "Thank you again for your time and for a very informative day.",
    "I wish you and the residents a good rest of the interview season.",
    "I would be proud to train with your residents, and I appreciate your consideration of my application.",
    "Please pass my thanks on to the residents who answered so many of my questions.",
    "I am grateful for the opportunity and hope to stay in touch.",
    "Thank you once more for a thoughtful and welcoming day.",
    "It was a pleasure to learn about {prog}, and I appreciate your consideration.",
    "I hope to have the chance to contribute to your department.",
    "With thanks for your time and your kindness throughout the day.",
    "I look forward to the rest of the season and appreciate your consideration.",
    "Thank you for everything you and the coordinators did to make the day run so smoothly.",
    "I hope the rest of your interview season goes well.",
    "I am very glad to have had the chance to meet your team.",
    "Your program left a lasting impression, and I am thankful for your consideration.",
]
_openers = THANK_OPENERS[:]
_closers = THANK_CLOSERS[:]
rng.shuffle(_openers)
rng.shuffle(_closers)


def thank_you(p: Prog, sent: datetime, detail: str, greeting: str) -> str:
    opener = _openers.pop()
    closer = _closers.pop()
    w = when_phrase(sent, p.interview)
    return (
        f"{greeting}\n\n{opener.format(when=w, prog=p.short)} {detail}\n\n"
        f"{closer.format(prog=p.short)}\n\n{sig()}"
    )


def last_name(person: tuple[str, str]) -> str:
    return person[0].split(",")[0].split()[-1]


def dr(person) -> str:
    return f"Dr. {last_name(person)}"


# --------------------------------------------------------------------------- the season, per program


def riverside():
    p = P["riverside"]
    inv_text = (
        "Dear [Applicant Name],\n\n"
        "On behalf of the Department of Anesthesiology at Riverside University, we are happy to offer you an "
        "interview for our categorical residency position. Riverside was again voted #1 in the state for "
        "resident wellness, and we look forward to showing you why.\n\n"
        "Interview dates available: November 5, November 12 and December 3 (all virtual, 7:30 AM - 1:30 PM "
        "Eastern). Please reply to this email with your first and second preference.\n\n"
        "Warm regards,\nJane Whitaker\nResidency Program Coordinator\nDepartment of Anesthesiology\n"
        "Riverside University Health\n(555) 014-2231"
    )
    inv = add(p.coord, [ME], "Riverside University Anesthesiology - Interview Invitation", inv_text,
              jitter(at(2026, 10, 8, 10, 2)), programs=p.name, html=True, mid_style="outlook",
              labels="Inbox,Important")
    sched = reply(inv, ME, (
        "Dear Ms. Whitaker,\n\nThank you very much for the invitation. My first preference is November 12 and "
        "my second is December 3.\n\n" + sig()), jitter(at(2026, 10, 8, 13, 40)), programs=p.name)
    conf = reply(sched, p.coord, (
        "Hi Dr. Applicant,\n\nYou are confirmed for Thursday, November 12. The Zoom link and the schedule for "
        "the day will come through Thalamus about a week before.\n\nJane"), jitter(at(2026, 10, 9, 9, 15)),
        programs=p.name, quote_style="outlook")
    hard(sched, ["template-placeholder", "multiple-first-choice", "first-choice-outside-window"],
         "Sam's scheduling reply quotes the program's own '[Applicant Name]' and 'voted #1'; "
         "content rules read only the applicant's own words.")
    hard(inv, ["prematch-offer"], "'we are happy to offer you an interview' is an invitation, not a position offer.")
    th = add(("Thalamus", "notifications@thalamusgme.com"), [ME],
             "Interview confirmed: Riverside University Anesthesiology",
             "Hello Sam,\n\nYour interview with Riverside University Anesthesiology is confirmed for "
             "Thursday, November 12, 2026 at 7:30 AM EST (virtual).\n\nNo further action is required. You can "
             "view your itinerary in your Thalamus dashboard.\n\nThe Thalamus Team\n\n"
             "You are receiving this email because you have an account on Thalamus.",
             jitter(at(2026, 10, 9, 9, 30)), programs=p.name, html=True,
             headers={"Auto-Submitted": "auto-generated"})
    itin = add(("Riverside GME", "no-reply@gme.riverside-health.example"), [ME],
               "Your interview day itinerary - November 12",
               "Good morning,\n\nAttached is your itinerary for the Riverside University Anesthesiology "
               "interview day on November 12. Faculty interviews start at 8:15 AM; the resident social is at "
               "noon.\n\nRiverside University Health - Graduate Medical Education\nThis mailbox is not monitored.",
               jitter(at(2026, 11, 10, 7, 0)), programs=p.name,
               attachments=[("RUH_Interview_Itinerary_Nov12.pdf", fake_pdf("Riverside interview itinerary", 2600))])
    ty = add(ME, [p.pd], "Thank you - interview on November 12",
             thank_you(p, at(2026, 11, 12, 18, 30), (
                 "Hearing Dr. Mehra describe the regional anesthesia rotation and the new block room was a "
                 "highlight, and the residents' camaraderie during the virtual social stayed with me."),
                 f"Dear {dr(p.pd)},"),
             jitter(at(2026, 11, 12, 18, 30)), programs=p.name, contact=True, cc=[p.coord])
    hard(ty, ["late-thank-you"], "Thank-you sent on the interview day itself.")
    hard(ty, ["contact-despite-policy"], "Thalamus said 'No further action is required', which is not a "
         "no-contact policy.")
    pdr = reply(ty, p.pd, (
        "Dear Sam,\n\nThank you for the kind note. It was a pleasure to meet you, and I'm glad the block room "
        "made an impression. Best of luck with the rest of the season.\n\nAnil Mehra, MD\nProgram Director"),
        jitter(at(2026, 11, 14, 8, 5)), programs=p.name, extra_labels=["Important"],
        labels="Inbox,Important", cc=[p.coord])
    upd = add(ME, [p.pd], "Update from Sam Applicant", (
        f"Dear {dr(p.pd)},\n\nI hope the new year is off to a good start. I wanted to share a brief update: my "
        "manuscript on quadratus lumborum blocks for cesarean delivery was accepted by the Journal of Regional "
        "Practice last week, and I passed USMLE Step 3 in December.\n\nRiverside University remains one of my "
        "top choices. The emphasis on regional anesthesia and resident wellness fits what I hope to build in my "
        "career.\n\n" + sig()), jitter(at(2027, 1, 11, 19, 10)), programs=p.name, contact=True)
    return upd


def lakeshore():
    p = P["lakeshore"]
    inq = add(ALIAS, [p.coord], "Question about observership and J-1 sponsorship", (
        f"Dear Ms. O'Donnell,\n\nMy name is Sam Applicant, an international medical graduate applying to "
        "anesthesiology this season. I have a strong interest in Lakeshore Medical Center and wanted to ask two "
        "questions: does the program sponsor J-1 visas through ECFMG, and are observerships available for "
        "applicants before the interview season?\n\nThank you for your time.\n\n" + sig()),
        jitter(at(2026, 9, 15, 21, 5)), programs=p.name, contact=True)
    rep = reply(inq, p.coord, (
        "Hello Sam,\n\nThanks for reaching out. Yes, we sponsor J-1 visas; we do not sponsor H-1B. We don't "
        "offer observerships during the application season, I'm sorry to say.\n\nBest,\nKathleen O'Donnell\n"
        "Program Coordinator, Anesthesiology\nLakeshore Medical Center"),
        jitter(at(2026, 9, 17, 11, 20, CT)), programs=p.name, to=[ALIAS])
    hard(rep, ["prematch-offer"], "'We don't offer observerships' offers nothing.")
    add(("Interview Broker", "notifications@interviewbroker.com"), [ME],
        "Lakeshore Medical Center Anesthesiology has invited you to interview",
        "Sam Applicant,\n\nLakeshore Medical Center Anesthesiology has invited you to interview. Log in to "
        "Interview Broker to choose a date. Dates fill on a first-come, first-served basis.\n\n"
        "Available: Nov 5, Nov 19, Dec 10\n\n-- Interview Broker", jitter(at(2026, 10, 12, 12, 0, UTC)),
        programs=p.name, html=True)
    add(("Interview Broker", "notifications@interviewbroker.com"), [ME],
        "Reminder: interview tomorrow with Lakeshore Medical Center Anesthesiology",
        "This is a reminder that your interview with Lakeshore Medical Center Anesthesiology is tomorrow, "
        "Thursday, November 5, at 8:00 AM CST.\n\n-- Interview Broker", jitter(at(2026, 11, 4, 14, 0, UTC)),
        programs=p.name)
    ty = add(ME, [p.pd], "Thank you for the interview", thank_you(p, at(2026, 11, 6, 8, 0), (
        "Our conversation about the cardiac anesthesia experience and the way residents run the pre-operative "
        "clinic made the program feel like a place where I would grow quickly."), f"Dear {dr(p.pd)},"),
        jitter(at(2026, 11, 6, 8, 0)), programs=p.name, contact=True, cc=[p.coord])
    reply(ty, p.pd, "Sam - thank you, enjoyed our conversation as well. Good luck this season.\n\nVH",
          jitter(at(2026, 11, 9, 7, 45, CT)), programs=p.name)
    first = add(ME, [p.pd], "Lakeshore Medical Center - my first choice", (
        f"Dear {dr(p.pd)},\n\nI am writing to let you know that Lakeshore Medical Center is my #1 choice, and I "
        "intend to rank it first. The strength of your cardiac and critical care training and the kindness of "
        "everyone I met on November 5 made this an easy decision.\n\nThank you again for your consideration.\n\n"
        + sig()), jitter(at(2026, 12, 16, 19, 20)), programs=p.name, contact=True, cc=[p.coord])
    finding("first-choice-outside-window", [p.name], [first])
    upd = add(ME, [p.pd, p.coord], "Update - Sam Applicant (Lakeshore Medical Center)", (
        f"Dear {dr(p.pd)} and Ms. O'Donnell,\n\nI wanted to send a short update since my interview: I "
        "completed a two-week cardiac anesthesia elective and presented our airway-simulation poster at the "
        "state society meeting. My updated CV is attached.\n\nThank you for your time.\n\n" + sig()),
        jitter(at(2027, 1, 10, 11, 0)), programs=p.name, contact=True, extra_labels=["Important"],
        attachments=[("Sam_Applicant_CV_Jan2027.pdf", fake_pdf("Curriculum vitae - Sam Applicant", 3400))])
    return first, [inq, ty, first, upd]


def crescent():
    p = P["crescent"]
    inv = add(p.pd, [ME], "Interview - Crescent Bay Anesthesiology", (
        "Dear Dr. Applicant,\n\nI reviewed your application and would like to invite you to a virtual "
        "interview for a PGY-1 position in our anesthesiology program. Would Thursday, December 3 at 9 AM "
        "Pacific work for you?\n\nPlease note that our positions are filled outside the NRMP Match.\n\n"
        "Leonard Fisk, MD\nChair, Department of Anesthesiology\nCrescent Bay Community Hospital"),
        jitter(at(2026, 11, 10, 16, 10, PT)), programs=p.name)
    reply(inv, ME, "Dear Dr. Fisk,\n\nDecember 3 at 9 AM Pacific works well for me. I look forward to it.\n\n" + sig(),
          jitter(at(2026, 11, 10, 21, 0)), programs=p.name)
    ty = add(ME, [p.pd], "Thank you - December 3 interview", thank_you(p, at(2026, 12, 4, 10, 0), (
        "I appreciated hearing how the department has grown its obstetric anesthesia service and how closely "
        "residents work with the community it serves."), f"Dear {dr(p.pd)},"),
        jitter(at(2026, 12, 4, 10, 0)), programs=p.name, contact=True)
    offer = add(p.pd, [ME], "Position offer - Crescent Bay Community Hospital", (
        "Dear Dr. Applicant,\n\nFollowing your interview, I am pleased to offer you a PGY-1 position in the "
        "Department of Anesthesiology at Crescent Bay Community Hospital, starting July 1, 2027. The contract "
        "is attached. Please sign and return it by January 5 to secure your position; we will need your "
        "commitment before we can release the remaining spots.\n\nCongratulations,\n\nLeonard Fisk, MD"),
        jitter(at(2026, 12, 20, 14, 30, PT)), programs=p.name, cc=[p.coord],
        attachments=[("CBCH_PGY1_Contract_2027.pdf", fake_pdf("Resident agreement PGY-1 2027-2028", 3800))])
    finding("prematch-offer", [p.name], [offer])
    ask = reply(offer, ME, (
        "Dear Dr. Fisk,\n\nThank you very much for the offer. Before I respond, could you tell me whether this "
        "position is participating in the NRMP Match, or is it outside the Match system? I would also like my "
        "medical school's advisor to read the contract before I sign anything.\n\n" + sig()),
        jitter(at(2026, 12, 21, 9, 15)), programs=p.name)
    reply(ask, p.coord, (
        "Dr. Applicant,\n\nDr. Fisk asked me to answer: the position is outside the NRMP Match. Take the time "
        "you need to review it with your advisor.\n\nMaria Esposito\nGME Coordinator"),
        jitter(at(2026, 12, 22, 10, 0, PT)), programs=p.name)


def bellmont():
    p = P["bellmont"]
    signin = add(("Thalamus", "notifications@thalamusgme.com"), [ME],
        "New interview invitation from Bellmont University Anesthesiology",
        "Hi Sam,\n\nBellmont University Anesthesiology has invited you to interview! Please sign in to Thalamus "
        "to select your interview date. Invitations expire in 5 days.\n\nThe Thalamus Team",
        jitter(at(2026, 10, 14, 15, 0, UTC)), programs=p.name, html=True)
    hard(signin, ["prematch-offer"], "'Please sign in to Thalamus to select your interview date' asks for no "
         "signature on a contract.")
    itin = add(p.coord, [ME], "Bellmont Anesthesiology interview day - November 19", (
        "Hello Dr. Applicant,\n\nWe look forward to meeting you on Thursday. Attached are the schedule and the "
        "list of your faculty interviewers. Please log in 10 minutes early.\n\nTanya Brooks\nResidency Coordinator"),
        jitter(at(2026, 11, 16, 12, 0)), programs=p.name,
        attachments=[("Bellmont_Interview_Schedule.pdf", fake_pdf("Bellmont interview schedule", 2200))])
    ty = add(ME, [p.pd], "Thank you for the interview on November 19", thank_you(p, at(2026, 11, 20, 9, 0), (
        "I especially enjoyed your description of the pain medicine track, and the residents' research day "
        "showed me how much the department invests in its trainees."), f"Dear {dr(p.pd)},"),
        jitter(at(2026, 11, 20, 9, 0)), programs=p.name, contact=True, cc=[p.coord])
    first = add(ME, [p.pd], "Bellmont University - my first choice", (
        f"Dear {dr(p.pd)},\n\nI hope you had restful holidays. I have finished my interviews, and I wanted you "
        "to know that Bellmont University is my first choice. I will be ranking your program #1.\n\nThe pain "
        "medicine track and the mentorship I saw on interview day are exactly what I am looking for.\n\n" + sig()),
        jitter(at(2027, 1, 8, 20, 15)), programs=p.name, contact=True)
    return first


def stonegate():
    p = P["stonegate"]
    apd = p.people["apd"]
    inv = add(p.coord, [ME], "Stonegate Regional Anesthesiology: interview invitation", (
        "Dear Sam,\n\nCongratulations! The selection committee of the Stonegate Regional Medical Center "
        "Anesthesiology Residency would like to invite you to interview. We have openings on December 10 and "
        "January 7. Kindly let me know which date you prefer.\n\nRegards,\nDenise Carver, C-TAGME\nProgram Coordinator"),
        jitter(at(2026, 11, 2, 9, 40, CT)), programs=p.name, html=True)
    reply(inv, ME, "Hello Ms. Carver,\n\nI would be glad to interview on December 10. Please let me know if you "
          "need anything else from me.\n\n" + sig(), jitter(at(2026, 11, 2, 12, 5)), programs=p.name)
    info = add(p.coord, [("Stonegate Interviewees", "anesthesia.residency@stonegate-rmc.example")],
               "Stonegate Regional Anesthesiology - information session",
               "", jitter(at(2026, 12, 4, 15, 0, CT)), programs=p.name, bcc=[ME], html_only=True)
    info.own = (
        "Hi all,\n\nAhead of your interview day, please join our optional information session on Monday at 6 PM "
        "Central. Dr. Marsh will present the curriculum, our new simulation center and life in Stonegate.\n\n"
        "Among the questions we hear most: we offer a competitive salary and generous benefits, including "
        "four weeks of vacation, a meal allowance and an education fund of $1,500 per year.\n\n"
        "See you soon,\nDenise Carver\nProgram Coordinator, Anesthesiology"
    )
    hard(info, ["prematch-offer"], "'we offer a competitive salary and generous benefits' describes the program; "
         "it offers no position and asks for no commitment.")
    ty = add(ME, [p.pd], "Thank you - Stonegate Regional interview", thank_you(p, at(2026, 12, 11, 10, 0), (
        "Touring the new simulation center with Dr. Quintero, and seeing residents teach the medical students "
        "there, made the program's culture of teaching very clear."), f"Dear {dr(p.pd)} and {dr(apd)},"),
        jitter(at(2026, 12, 11, 10, 0)), programs=p.name, contact=True, cc=[apd, p.coord])
    first = add(ME, [p.pd], "Stonegate Regional - rank list", (
        f"Dear {dr(p.pd)},\n\nAs I finalize my rank list, I want to tell you that Stonegate Regional is my #1 "
        "choice. The simulation curriculum, the teaching culture and the support for residents from abroad "
        "are what I want in my training.\n\nThank you for your time and consideration.\n\n" + sig()),
        jitter(at(2027, 1, 14, 21, 0)), programs=p.name, contact=True)
    return first


def oakhurst():
    p = P["oakhurst"]
    add(("Thalamus", "notifications@thalamusgme.com"), [ME],
        "New interview invitation from Oakhurst University Hospital Anesthesiology",
        "Hi Sam,\n\nOakhurst University Hospital Anesthesiology has invited you to interview. Log in to "
        "Thalamus to schedule.\n\nThe Thalamus Team", jitter(at(2026, 10, 20, 16, 0, UTC)), programs=p.name)
    add(("Thalamus", "notifications@thalamusgme.com"), [ME],
        "Reminder: Oakhurst University Hospital Anesthesiology interview on Nov 20",
        "Your virtual interview with Oakhurst University Hospital Anesthesiology is on Friday, November 20 at "
        "8:00 AM MST. Join from the Thalamus video platform.\n\nThe Thalamus Team",
        jitter(at(2026, 11, 18, 14, 0, UTC)), programs=p.name)
    ty = add(ME, [p.pd], "Thank you, Dr. Whitman", thank_you(p, at(2026, 11, 21, 11, 0), (
        "Learning about the high-altitude physiology research and the rural anesthesia rotation was "
        "fascinating, and it connects well with my own work in resource-limited settings."),
        f"Dear {dr(p.pd)},"), jitter(at(2026, 11, 21, 11, 0)), programs=p.name, contact=True)
    draft = add(ME, [p.pd], "Oakhurst - my #1 choice", (
        f"Dear {dr(p.pd)},\n\nI am writing to let you know that Oakhurst University Hospital is my number one "
        "choice and I will rank your program first. I believe the rural rotation and your research program "
        "are the best fit for my goals.\n\n" + sig()),
        jitter(at(2027, 1, 18, 22, 40)), programs=p.name, labels="Drafts")
    return draft


def meridian():
    sa, lv = P["stagnes"], P["lakeview"]
    osei = sa.people["osei"]
    inv_sa = add(sa.coord, [ME], "Interview Invitation - St. Agnes Anesthesiology Residency", (
        "Dear Dr. Applicant,\n\nThank you for applying to the Meridian Health St. Agnes Anesthesiology "
        "Residency. We would like to invite you to interview on Monday, November 9. Interviews are in person at "
        "St. Agnes Hospital; a dinner with residents takes place the evening before.\n\nPlease confirm by "
        "replying to this email.\n\nRosa Castellano\nResidency Coordinator, St. Agnes Anesthesiology"),
        jitter(at(2026, 10, 14, 11, 0)), programs=sa.name)
    reply(inv_sa, ME, "Dear Ms. Castellano,\n\nI am happy to confirm Monday, November 9, and I will attend the "
          "resident dinner.\n\n" + sig(), jitter(at(2026, 10, 14, 18, 20)), programs=sa.name)
    inv_lv = add(lv.coord, [ME], "Meridian Lakeview Anesthesiology - interview invitation", (
        "Good afternoon,\n\nThe Lakeview Anesthesiology program at Meridian Health is pleased to invite you for "
        "an interview on Tuesday, December 1. The day begins at 7 AM with morning conference.\n\nBest,\n"
        "Paula Greer\nProgram Coordinator, Meridian Lakeview"), jitter(at(2026, 10, 20, 14, 30)), programs=lv.name)
    reply(inv_lv, ME, "Dear Ms. Greer,\n\nThank you - December 1 is confirmed on my side.\n\n" + sig(),
          jitter(at(2026, 10, 20, 20, 0)), programs=lv.name)
    both = add(ME, [sa.coord, lv.coord], "Interviews at St. Agnes and Lakeview - travel question", (
        "Dear Ms. Castellano and Ms. Greer,\n\nI am interviewing at both St. Agnes Anesthesiology (November 9) "
        "and Lakeview Anesthesiology (December 1). As I am travelling from abroad, I wanted to ask whether "
        "Meridian Health has a preferred hotel rate for interviewees, and whether the two campuses are "
        "reachable by public transport.\n\n" + sig()), jitter(at(2026, 10, 22, 19, 45)),
        programs=[sa.name, lv.name], contact=True)
    reply(both, sa.coord, (
        "Dear Dr. Applicant,\n\nYes - the Meridian Inn gives interviewees a reduced rate; mention St. Agnes "
        "when you book. A shuttle runs between the campuses every 30 minutes.\n\nRosa"),
        jitter(at(2026, 10, 23, 9, 10)), programs=sa.name, cc=[lv.coord])
    gme = add(("Meridian Health GME Office", "gme.office@meridianhealth.example"), [ME],
              "Meridian Health GME - interview day parking and badge information", (
                  "Dear interview candidate,\n\nWelcome to Meridian Health. On your interview day, please park "
                  "in Garage C and collect your visitor badge at the main lobby desk. Bring a photo ID.\n\n"
                  "Graduate Medical Education Office\nMeridian Health"),
              jitter(at(2026, 11, 3, 8, 0)), programs="ambiguous")
    ty_sa = add(ME, [osei], "Thank you - interview at St. Agnes", thank_you(sa, at(2026, 11, 10, 9, 30), (
        "Our conversation about your work on perioperative point-of-care ultrasound at St. Agnes, and the "
        "residents' pride in the ultrasound curriculum, made a strong impression on me."),
        f"Dear {dr(osei)},"), jitter(at(2026, 11, 10, 9, 30)), programs=sa.name, contact=True)
    reply(ty_sa, osei, (
        "Dear Sam,\n\nThank you for your note. It was great to meet someone so interested in ultrasound - I "
        "hope you enjoyed your day at St. Agnes.\n\nMichael Osei, MD"), jitter(at(2026, 11, 12, 17, 40)),
        programs=sa.name)
    ty_lv = add(ME, [lv.pd], "Thank you for the interview", thank_you(lv, at(2026, 12, 2, 8, 45), (
        "The morning conference on massive transfusion, and the way residents were encouraged to speak up, "
        "showed me a program that truly values its trainees."), f"Dear {dr(lv.pd)},"),
        jitter(at(2026, 12, 2, 8, 45)), programs=lv.name, contact=True, cc=[lv.coord])
    reply(ty_lv, lv.pd, "Dear Dr. Applicant,\n\nThank you, it was a pleasure having you with us.\n\n"
          "Best wishes,\nTomoko Nakamura", jitter(at(2026, 12, 4, 12, 0)), programs=lv.name)
    hard(both, ["wrong-program-name"], "A message to both Meridian programs naming both: each is named.")


MASS_TEMPLATE = (
    "Dear {dr},\n\nThank you for the opportunity to interview with {prog} {when}. I enjoyed learning more about "
    "your program, its curriculum and its residents. The interview day reinforced my interest in {prog}, and I "
    "believe my background and work ethic would allow me to contribute to your team.\n\nI appreciate the time "
    "you and your faculty spent with me. Please do not hesitate to contact me if you need any further "
    "information.\n\nSincerely,\nSam Applicant, MD"
)


def mass_trio():
    pc, fh, wb = P["pinecrest"], P["fairhaven"], P["westbrook"]
    # Pinecrest
    add(("Thalamus", "notifications@thalamusgme.com"), [ME],
        "New interview invitation from Pinecrest University Anesthesiology",
        "Hi Sam,\n\nPinecrest University Anesthesiology has invited you to interview. Log in to Thalamus to "
        "choose from the available dates.\n\nThe Thalamus Team", jitter(at(2026, 10, 6, 13, 0, UTC)),
        programs=pc.name, html=True)
    mass = []
    m1 = add(ME, [pc.pd], "Thank you - Pinecrest interview", MASS_TEMPLATE.format(
        dr=dr(pc.pd), prog="Pinecrest", when="yesterday"), jitter(at(2026, 11, 17, 9, 20)),
        programs=pc.name, contact=True)
    mass.append(m1)
    note = add(pc.pd, [ME], "Thank you for interviewing with Pinecrest", "", jitter(at(2026, 11, 18, 16, 0)),
               programs=pc.name, html_only=True)
    note.own = (
        "Dear Dr. Applicant,\n\nThank you for spending the day with us. In keeping with NRMP policy, we will "
        "not ask how you plan to rank our program, and you are under no obligation to share that with anyone. "
        "We will be in touch by Match Day.\n\nFranklin Yu, MD\nProgram Director, Pinecrest University Anesthesiology"
    )
    hard(note, ["rank-inquiry", "contact-despite-policy"],
         "The program says it will NOT ask how Sam will rank it.")
    upd = add(ME, [pc.pd], "January update", (
        f"Dear {dr(pc.pd)},\n\nHappy new year. Since we met in November I have started a research elective in "
        "obstetric anesthesia and submitted an abstract to the spring meeting.\n\nPinecrest continues to be "
        "one of my top choices; your residents' approach to teaching in the operating room is something I "
        "think about often.\n\n" + sig()), jitter(at(2027, 1, 15, 20, 30)), programs=pc.name, contact=True)
    # Fairhaven
    add(("Interview Broker", "notifications@interviewbroker.com"), [ME],
        "Fairhaven Medical Center Anesthesiology has invited you to interview",
        "Sam Applicant,\n\nFairhaven Medical Center Anesthesiology has invited you to interview. Log in to "
        "Interview Broker to pick a date.\n\n-- Interview Broker", jitter(at(2026, 10, 19, 14, 0, UTC)),
        programs=fh.name)
    welcome = add(fh.coord, [ME], "Welcome packet - Fairhaven Anesthesiology interview", (
        "Hi Sam,\n\nAttached is our welcome packet with directions and the schedule for November 23. Let me "
        "know if you have dietary restrictions for lunch.\n\nColleen Park\nGME Coordinator"),
        jitter(at(2026, 11, 17, 10, 30, CT)), programs=fh.name,
        attachments=[("Fairhaven_Welcome_Packet.pdf", fake_pdf("Fairhaven anesthesiology welcome", 2000))])
    reply(welcome, ALIAS, "Hi Ms. Park,\n\nNo restrictions, thanks for checking!\n\nSam",
          jitter(at(2026, 11, 17, 18, 0)), programs=fh.name, quote=False)
    m2 = add(ME, [fh.pd], "Thank you - Fairhaven interview", MASS_TEMPLATE.format(
        dr=dr(fh.pd), prog="Fairhaven", when="today"), jitter(at(2026, 11, 23, 19, 0)),
        programs=fh.name, contact=True)
    mass.append(m2)
    draft = add(ME, [fh.pd], "Update and continued interest", (
        "Dear Dr. [Last Name],\n\nI hope you are well. I wanted to share an update since my interview at "
        "[Institution Name]: I have completed a research elective and submitted an abstract to the spring "
        "meeting. I remain very interested in your program.\n\n" + sig()),
        jitter(at(2027, 1, 17, 21, 10)), programs=fh.name, labels="Drafts")
    finding("template-placeholder", [fh.name], [draft], draft=True)
    # Westbrook
    visa = add(ME, [wb.coord], "Visa sponsorship question", (
        "Dear Ms. Reyes,\n\nI am an international medical graduate applying to the Westbrook Memorial "
        "anesthesiology program. Could you tell me whether the program sponsors J-1 and/or H-1B visas?\n\n"
        + sig()), jitter(at(2026, 10, 3, 10, 0)), programs=wb.name, contact=True)
    vrep = reply(visa, wb.coord, (
        "Dear Dr. Applicant,\n\nWe sponsor J-1 visas. H-1B sponsorship is considered case by case.\n\n"
        "Kind regards,\nJanet Reyes"), jitter(at(2026, 10, 6, 14, 0)), programs=wb.name, quote_style="outlook")
    again = reply(vrep, ME, (
        "Dear Ms. Reyes,\n\nI am following up on my previous email about visa sponsorship. For H-1B, does the "
        "program require USMLE Step 3 to be passed before the rank list deadline, or before the start date? I "
        "plan to take Step 3 in December.\n\n" + sig()), jitter(at(2026, 10, 21, 9, 30)),
        programs=wb.name, contact=True, quote_style="outlook")
    hard(again, ["repeat-after-silence"], "Westbrook's coordinator had already answered (Oct 6); this is a new "
         "question, not a nudge after silence.")
    hard(visa, ["feedback-request", "desperate-tone"], "Visa sponsorship questions are appropriate.")
    add(("Thalamus", "notifications@thalamusgme.com"), [ME],
        "New interview invitation from Westbrook Memorial Anesthesiology",
        "Hi Sam,\n\nWestbrook Memorial Anesthesiology has invited you to interview. Log in to Thalamus to "
        "select a date.\n\nThe Thalamus Team", jitter(at(2026, 11, 4, 15, 0, UTC)), programs=wb.name)
    m3 = add(ME, [wb.pd], "Thank you - Westbrook Memorial interview", MASS_TEMPLATE.format(
        dr=dr(wb.pd), prog="Westbrook Memorial", when="today"), jitter(at(2026, 12, 7, 20, 0)),
        programs=wb.name, contact=True)
    mass.append(m3)
    finding("mass-email", [pc.name, fh.name, wb.name], mass)
    return upd


def glenwood_ashford():
    gw, af = P["glenwood"], P["ashford"]
    inv = add(gw.coord, [ME], "Glenwood Medical Center - Anesthesiology Interview", (
        "Dear Dr. Applicant,\n\nWe were impressed by your application and would like to invite you to "
        "interview with Glenwood Medical Center's anesthesiology residency on Wednesday, December 2. Please "
        "reply to confirm.\n\nIrene Walsh\nProgram Coordinator"), jitter(at(2026, 10, 27, 10, 0)), programs=gw.name)
    reply(inv, ME, "Dear Ms. Walsh,\n\nI confirm December 2 with pleasure.\n\n" + sig(),
          jitter(at(2026, 10, 27, 12, 30)), programs=gw.name)
    slip_body = (
        "{greet}\n\nThank you for the time you spent with me {when}. I truly enjoyed my interview day at "
        "Glenwood Medical Center. The residents' enthusiasm for the new liver transplant service and the "
        "faculty's commitment to teaching stood out to me, and I could picture myself growing into a "
        "confident anesthesiologist there.\n\nI would be honored to train with your team, and I appreciate "
        "your consideration.\n\nSincerely,\nSam Applicant, MD"
    )
    ty_gw = add(ME, [gw.pd], "Thank you - interview at Glenwood",
                slip_body.format(greet=f"Dear {dr(gw.pd)},", when="yesterday"),
                jitter(at(2026, 12, 3, 8, 30)), programs=gw.name, contact=True)
    hard(ty_gw, ["wrong-program-name", "mass-email"], "The original Glenwood note names Glenwood; its one copy "
         "(to Ashford) makes two programs, not three.")
    inv_af = add(af.coord, [ME], "Ashford University Anesthesiology Residency: Interview Invitation", (
        "Dear Sam Applicant,\n\nIt is my pleasure to invite you to interview with the Ashford University "
        "Anesthesiology Residency Program on Tuesday, December 8, 2026. Please confirm your attendance at "
        "your earliest convenience.\n\nGail Simmons\nResidency Program Manager"),
        jitter(at(2026, 11, 6, 15, 20)), programs=af.name, html=True)
    reply(inv_af, ME, "Dear Ms. Simmons,\n\nI would be delighted to attend on December 8. Confirmed.\n\n" + sig(),
          jitter(at(2026, 11, 6, 17, 0)), programs=af.name)
    slip = add(ME, [af.pd], "Thank you for the interview on December 8",
               slip_body.format(greet=f"Dear {dr(af.pd)},", when="yesterday"),
               jitter(at(2026, 12, 9, 7, 50)), programs=af.name, contact=True)
    finding("wrong-program-name", [af.name], [slip])
    upd = add(ME, [gw.pd], "Update from Sam Applicant", (
        f"Dear {dr(gw.pd)},\n\nI hope you are enjoying the holidays. A short update: I passed USMLE Step 3 this "
        "month, and my case report on awake fiberoptic intubation was accepted for publication.\n\nGlenwood is "
        "still one of my top choices, and I think often about the liver transplant service. I look forward to "
        "hearing from you.\n\n" + sig()),
        jitter(at(2026, 12, 22, 18, 0)), programs=gw.name, contact=True)
    hard(upd, ["multiple-first-choice", "first-choice-outside-window", "repeat-after-silence"],
         "'one of my top choices' is not a #1 statement (and may go to several programs); 'I look forward to "
         "hearing from you' is not a nudge, although Glenwood has not answered the thank-you.")
    draft = add(ME, [gw.coord], "Second look visit", (
        "Dear Ms. Walsh,\n\nDoes Glenwood offer a second look day for applicants in February? If so, I would "
        "like to attend.\n\n" + sig()), jitter(at(2027, 1, 16, 14, 0)), programs=gw.name, labels="Drafts")
    return upd, draft


def kingsbridge():
    p = P["kingsbridge"]
    inv = add(p.coord, [ME], "Kingsbridge Anesthesiology - invitation to interview", (
        "Dear Dr. Applicant,\n\nThe Kingsbridge University Anesthesiology Residency invites you to interview "
        "on Monday, November 2. The day will be virtual. Please reply with your confirmation.\n\n"
        "Sharon Mills\nCoordinator"), jitter(at(2026, 10, 1, 9, 0)), programs=p.name)
    r1 = reply(inv, ME, "Dear Ms. Mills,\n\nThank you. I confirm November 2.\n\n" + sig(),
               jitter(at(2026, 10, 1, 22, 10)), programs=p.name)
    reply(r1, p.coord, "Great, you're all set. Zoom details to follow.\n\nSharon", jitter(at(2026, 10, 2, 8, 30)),
          programs=p.name)
    late = add(ME, [p.pd], "Thank you for the interview", thank_you(p, at(2026, 11, 7, 16, 0), (
        "Your description of the critical care pathway and the residents' wellness retreat made Kingsbridge "
        "stand out among the programs I have seen."), f"Dear {dr(p.pd)},"),
        jitter(at(2026, 11, 7, 16, 0)), programs=p.name, contact=True)
    finding("late-thank-you", [p.name], [late])
    gm = reply(late, ("Daniel Kwon", "daniel.kwon.md@gmail.com"), (
        "Hi Sam - thanks for the note, much appreciated. (Writing from my personal account, I'm travelling.) "
        "Enjoyed meeting you.\n\nDan Kwon"), jitter(at(2026, 11, 9, 20, 15)), programs=p.name)
    return gm


def silverlake():
    p = P["silverlake"]
    add(("Thalamus", "notifications@thalamusgme.com"), [ME],
        "New interview invitation from Silver Lake Medical Center Anesthesiology",
        "Hi Sam,\n\nSilver Lake Medical Center Anesthesiology has invited you to interview. Log in to Thalamus "
        "to schedule.\n\nThe Thalamus Team", jitter(at(2026, 10, 28, 17, 0, UTC)), programs=p.name)
    add(p.coord, [ME], "Silver Lake Anesthesiology - virtual interview link", (
        "Hi Sam,\n\nHere is the link for your virtual interview on Monday, November 30: "
        "https://video.silverlake-mc.example/j/88120\nThe day starts at 7:30 AM Pacific.\n\nAmy Foster"),
        jitter(at(2026, 11, 25, 11, 0, PT)), programs=p.name, html=True)
    ty = add(ME, [p.pd], "Thank you - interview on November 30", thank_you(p, at(2026, 12, 1, 9, 0), (
        "The trauma anesthesia experience you described, and the residents' candor about call schedules, "
        "gave me a real sense of the program."), f"Dear {dr(p.pd)},"),
        jitter(at(2026, 12, 1, 9, 0)), programs=p.name, contact=True)
    cond = add(ME, [p.pd], "Silver Lake - continued interest", (
        f"Dear {dr(p.pd)},\n\nI wanted to reaffirm my strong interest in Silver Lake. If you rank me highly, I "
        "will definitely come and give the program everything I have. I would sign with you in a heartbeat.\n\n"
        "Thank you for considering my application.\n\n" + sig()),
        jitter(at(2027, 1, 15, 19, 30)), programs=p.name, contact=True)
    finding("conditional-commitment", [p.name], [cond])


def maplewood():
    p = P["maplewood"]
    add(("Interview Broker", "notifications@interviewbroker.com"), [ME],
        "Maplewood Regional Anesthesiology has invited you to interview",
        "Sam Applicant,\n\nMaplewood Regional Anesthesiology has invited you to interview. Log in to Interview "
        "Broker to pick a date.\n\n-- Interview Broker", jitter(at(2026, 11, 20, 15, 0, UTC)), programs=p.name)
    des = add(ME, [p.pd], "Thank you", (
        f"Dear {dr(p.pd)},\n\nThank you for interviewing me yesterday. I am writing because honestly you are my "
        "only hope this season. I have no other interviews, and I am desperate to start residency this year. "
        "I am begging you to please consider me; I will do anything it takes.\n\n" + sig()),
        jitter(at(2026, 12, 15, 23, 20)), programs=p.name, contact=True)
    finding("desperate-tone", [p.name], [des])


def cedarfalls():
    p = P["cedarfalls"]
    inv = add(p.coord, [ME], "Cedar Falls Anesthesiology interview invitation", (
        "Dear Sam,\n\nWe are pleased to invite you to interview on Wednesday, December 2. Please confirm.\n\n"
        "Heather Doyle\nResidency Coordinator"), jitter(at(2026, 10, 30, 10, 0, CT)), programs=p.name)
    reply(inv, ME, "Dear Ms. Doyle,\n\nConfirmed for December 2.\n\n" + sig(), jitter(at(2026, 10, 30, 13, 0)),
          programs=p.name)
    res = add(p.coord, [ME], "Change of interview date - Cedar Falls Anesthesiology", (
        "Dear Sam,\n\nDue to a scheduling conflict with our faculty, we need to move your interview from "
        "December 2 to Tuesday, December 15. We apologize for the short notice. Please let me know that the "
        "new date works for you.\n\nHeather Doyle"), jitter(at(2026, 11, 30, 9, 0, CT)), programs=p.name)
    emo = reply(res, ME, (
        "Dear Ms. Doyle,\n\nDecember 15 works. But frankly, this is extremely frustrating. I rearranged my "
        "whole month around this date, and it is unfair how programs treat applicants, especially IMGs - "
        "cancelling with two days' notice as if our time does not matter. This whole process is broken.\n\n"
        "Sam"), jitter(at(2026, 11, 30, 22, 40)), programs=p.name)
    finding("emotional-tone", [p.name], [emo])
    reply(emo, p.coord, "Dear Sam,\n\nI understand, and I am sorry for the inconvenience. You are confirmed for "
          "December 15.\n\nHeather", jitter(at(2026, 12, 1, 8, 30, CT)), programs=p.name)
    ty = add(ME, [p.pd], "Thank you - December 15", thank_you(p, at(2026, 12, 16, 12, 0), (
        "Hearing about the department's airway simulation program and meeting residents from so many "
        "backgrounds reassured me that I would be supported there."), f"Dear {dr(p.pd)},"),
        jitter(at(2026, 12, 16, 12, 0)), programs=p.name, contact=True)


def northgate():
    p = P["northgate"]
    add(("ERAS", "no-reply@aamc.org"), [ME], "MyERAS: your application was delivered",
        "Your application has been delivered to Northgate University Anesthesiology (Categorical).\n\n"
        "This is an automated message from the AAMC. Please do not reply.", jitter(at(2026, 9, 24, 12, 0, UTC)),
        programs=p.name)
    rej = add(p.coord, [ME], "Northgate University Anesthesiology - application status", (
        "Dear Dr. Applicant,\n\nThank you for your interest in Northgate University Anesthesiology. After "
        "careful review, we regret that we are unable to offer you an interview this year. We received more "
        "than 1,200 applications for 10 positions.\n\nWe wish you the best in your career.\n\nMonica Hayes\n"
        "Residency Coordinator"), jitter(at(2026, 11, 18, 16, 0)), programs=p.name)
    hard(rej, ["prematch-offer"], "'we are unable to offer you an interview' is a rejection, not an offer.")
    fb = reply(rej, ME, (
        "Dear Ms. Hayes,\n\nThank you for letting me know. Could you please tell me why I was not invited to "
        "interview? I would be grateful for any feedback on my application so that I can improve it.\n\n" + sig()),
        jitter(at(2026, 11, 20, 10, 30)), programs=p.name)
    finding("feedback-request", [p.name], [fb])
    return fb


def ravenwood():
    p = P["ravenwood"]
    first = add(ALIAS, [p.coord], "Interest in Ravenwood anesthesiology residency", (
        "Dear Ms. Lowe,\n\nI am an international medical graduate who has just submitted my ERAS application to "
        "Ravenwood Medical Center. Your program's focus on regional anesthesia and its partnership with the "
        "county trauma center match my experience, and I wanted to express my interest directly.\n\n"
        "I look forward to hearing from you.\n\n" + sig()), jitter(at(2026, 10, 2, 20, 0)),
        programs=p.name, contact=True)
    ooo = reply(first, p.coord, (
        "Thank you for your email. I am out of the office until October 12 with limited access to email. For "
        "urgent matters please contact the GME office at (555) 013-0199.\n\nPatricia Lowe"),
        jitter(at(2026, 10, 2, 20, 1)), programs=p.name, quote=False, to=[ALIAS],
        headers={"Auto-Submitted": "auto-replied", "X-Autoreply": "yes"})
    nudge = add(ALIAS, [p.coord], "Re: Interest in Ravenwood anesthesiology residency", (
        "Dear Ms. Lowe,\n\nJust following up on my previous email of October 2 - did you receive it? I haven't "
        "heard back and wanted to make sure it reached you.\n\n" + sig()), jitter(at(2026, 10, 30, 9, 0)),
        programs=p.name, contact=True, parent=first)
    finding("repeat-after-silence", [p.name], [nudge, first])


def whitfield():
    p = P["whitfield"]
    chen, haddad = p.people["chen"], p.people["haddad"]
    inv = add(p.coord, [ME], "Whitfield Anesthesiology - Interview Invitation", (
        "Dear Dr. Applicant,\n\nWe are delighted to invite you to interview with Whitfield University "
        "Anesthesiology. Our remaining dates are November 24 and December 8. Which would you prefer?\n\n"
        "Caroline Ng\nProgram Coordinator"), jitter(at(2026, 10, 15, 9, 0)), programs=p.name, html=True)
    r1 = reply(inv, ME, "Dear Ms. Ng,\n\nThank you for the invitation! I would prefer November 24.\n\n" + sig(),
               jitter(at(2026, 10, 15, 11, 30)), programs=p.name)
    r2 = reply(r1, p.coord, "Dear Dr. Applicant,\n\nWonderful - you are scheduled for Tuesday, November 24. "
               "Will you be joining the resident dinner on the evening of November 23?\n\nCaroline",
               jitter(at(2026, 10, 16, 10, 0)), programs=p.name)
    r3 = reply(r2, ME, "Dear Ms. Ng,\n\nYes, I will join the dinner. Thank you!\n\nSam",
               jitter(at(2026, 10, 16, 12, 10)), programs=p.name)
    ty = add(ME, [p.pd], "Thank you - Whitfield interview", thank_you(p, at(2026, 11, 24, 21, 0), (
        "The #1 thing I liked was your simulation center: running a malignant hyperthermia drill with the "
        "residents told me more about the program than any presentation could."), f"Dear {dr(p.pd)},"),
        jitter(at(2026, 11, 24, 21, 0)), programs=p.name, contact=True, cc=[p.coord])
    hard(ty, ["multiple-first-choice", "first-choice-outside-window"],
         "'The #1 thing I liked was your simulation center' is not a #1 choice statement.")
    hard(ty, ["late-thank-you"], "Thank-you sent on the interview day.")
    req = (
        "Dear {dr},\n\nI hope you are doing well. I am very interested in regional anesthesia research and "
        "would be grateful for the chance to learn about ongoing projects in the department. Would you be "
        "willing to have a brief 20-minute call with me in the next few weeks to discuss possible research "
        "opportunities?\n\nThank you for considering my request.\n\nBest regards,\nSam Applicant, MD"
    )
    a = add(ME, [chen], "Request for a brief call about research", req.format(dr=dr(chen)),
            jitter(at(2027, 1, 6, 9, 0)), programs=p.name, contact=True)
    b = add(ME, [haddad], "Request for a brief call about research", req.format(dr=dr(haddad)),
            jitter(at(2027, 1, 6, 9, 20)), programs=p.name, contact=True)
    finding("same-request-multiple-faculty", [p.name], [a, b])
    reply(a, chen, "Hi Sam,\n\nHappy to talk. How about Thursday the 14th at 4 PM Eastern?\n\nLaura",
          jitter(at(2027, 1, 8, 13, 0)), programs=p.name)


def greystone():
    p = P["greystone"]
    add(("Thalamus", "notifications@thalamusgme.com"), [ME],
        "New interview invitation from Greystone Medical Center Anesthesiology",
        "Hi Sam,\n\nGreystone Medical Center Anesthesiology has invited you to interview. Log in to Thalamus "
        "to schedule.\n\nThe Thalamus Team", jitter(at(2026, 10, 21, 15, 0, UTC)), programs=p.name)
    ty = add(ME, [p.pd], "Thank you for the interview", thank_you(p, at(2026, 11, 18, 7, 45), (
        "The residents' stories about the Level I trauma center and your program's mountain-rescue "
        "partnership were unlike anything I had heard elsewhere."), f"Dear {dr(p.pd)},"),
        jitter(at(2026, 11, 18, 7, 45)), programs=p.name, contact=True)
    ask = add(p.pd, [ME], "Checking in - Greystone Anesthesiology", (
        "Hi Sam,\n\nWe enjoyed meeting you. As we start putting our list together, I wanted to ask: where will "
        "you rank us? And which other programs did you interview at? It helps us plan.\n\nRuss Grant\n"
        "Program Director"), jitter(at(2026, 12, 2, 15, 0, MT)), programs=p.name)
    finding("rank-inquiry", [p.name], [ask])
    dec = reply(ask, ME, (
        "Dear Dr. Grant,\n\nThank you for checking in. I enjoyed meeting the team and remain very interested in "
        "Greystone. I hope you will understand that I prefer to keep the rest of my interview season "
        "private.\n\n" + sig()), jitter(at(2026, 12, 3, 9, 0)), programs=p.name)
    hard(dec, ["multiple-first-choice", "conditional-commitment"], "A polite decline to a rank inquiry.")


def ellison():
    p = P["ellison"]
    inv = add(p.coord, [ME], "Ellison Memorial Anesthesiology - interview invitation", (
        "Dear Dr. Applicant,\n\nWe would like to invite you to interview on Wednesday, December 9. Kindly "
        "confirm by reply.\n\nDiane Porter\nCoordinator, Anesthesiology Residency"),
        jitter(at(2026, 11, 9, 11, 0)), programs=p.name)
    reply(inv, ME, "Dear Ms. Porter,\n\nWednesday, December 9 suits me well - I will be there.\n\n" + sig(),
          jitter(at(2026, 11, 9, 15, 0)), programs=p.name)
    pol = add(p.coord, [ME], "Thank you for interviewing at Ellison Memorial", (
        "Dear Dr. Applicant,\n\nThank you for interviewing with us today. Please note that our program does "
        "not accept thank-you notes or other post-interview communication; no further contact is necessary. "
        "This policy keeps the process fair to every applicant.\n\nWith best wishes,\nDiane Porter"),
        jitter(at(2026, 12, 9, 16, 30)), programs=p.name)
    ty = add(ME, [p.pd], "Thank you", thank_you(p, at(2026, 12, 10, 9, 0), (
        "Meeting the residents in the cardiac operating rooms and hearing about the new pediatric service "
        "confirmed my interest in the program."), f"Dear {dr(p.pd)},"),
        jitter(at(2026, 12, 10, 9, 0)), programs=p.name, contact=True)
    finding("contact-despite-policy", [p.name], [ty])


def extras():
    """Platform reminders, a program newsletter, a residents' social invitation."""
    for key, d in (("pinecrest", at(2026, 11, 15, 14)), ("bellmont", at(2026, 11, 18, 14)),
                   ("greystone", at(2026, 11, 16, 14)), ("silverlake", at(2026, 11, 29, 14)),
                   ("westbrook", at(2026, 12, 6, 14))):
        p = P[key]
        text = rng.choice([
            "Reminder: your interview with {n} is tomorrow. Your schedule and video link are on your dashboard.",
            "Your interview with {n} starts tomorrow. Please review the itinerary and test your audio and video.",
            "Just a reminder that you are scheduled to interview with {n} tomorrow.",
        ]).format(n=p.name)
        add(("Thalamus", "notifications@thalamusgme.com"), [ME], f"Reminder: interview tomorrow - {p.name}",
            text + "\n\nThe Thalamus Team", jitter(d), programs=p.name, html=True)
    st = P["stonegate"]
    for d, issue in ((at(2026, 10, 1, 7), "October"), (at(2026, 11, 2, 7), "November"),
                     (at(2026, 12, 1, 7), "December"), (at(2027, 1, 4, 7), "January")):
        add(("SRMC Anesthesia News", f"newsletter@{st.host}"), [ME], f"SRMC Anesthesia News - {issue} issue",
            f"Stonegate Regional Anesthesiology - {issue} news\n\nResident spotlight, research highlights and "
            "photos from our simulation olympics.\n\nUnsubscribe from this list.", jitter(d),
            programs=st.name, html=True, labels="Inbox,Category Updates",
            headers={"List-Id": "SRMC Anesthesia News <news.stonegate-rmc.example>", "Precedence": "list"})
    fh = P["fairhaven"]
    add(("Priya Shah (CA-2)", f"pshah@{fh.host}"), [ME], "Pre-interview virtual social - Fairhaven Anesthesia", (
        "Hi Sam!\n\nI'm one of the CA-2 residents at Fairhaven. We're hosting a casual virtual social for "
        "applicants on Sunday, November 22 at 7 PM Central - no faculty, just residents, so bring all your "
        "questions.\n\nSee you there,\nPriya"), jitter(at(2026, 11, 18, 13, 0, CT)), programs=fh.name)


def hawthorne():
    p = P["hawthorne"]
    add(("Interview Broker", "notifications@interviewbroker.com"), [ME],
        "Hawthorne Valley Anesthesiology has invited you to interview",
        "Sam Applicant,\n\nHawthorne Valley Anesthesiology has invited you to interview. Log in to Interview "
        "Broker to pick a date.\n\n-- Interview Broker", jitter(at(2026, 11, 13, 15, 0, UTC)), programs=p.name)
    conf = add(p.coord, [ME], "Hawthorne Valley interview - December 11", (
        "Hello Sam,\n\nThis confirms your interview on Friday, December 11. Parking is free in Lot B. Please "
        "arrive by 7:45 AM.\n\nJoyce Bennett\nResidency Coordinator"), jitter(at(2026, 12, 4, 10, 0)),
        programs=p.name)
    hard(conf, ["late-thank-you", "quiet-program"],
         "Hawthorne Valley interviewed Sam, who never wrote to it afterwards: nothing was sent, nothing is late "
         "and there is no contact to be quiet about.")


# --------------------------------------------------------------------------- noise

FRIENDS = [("Priya Raman", "priya.raman@mail.example"), ("Tomas Lindqvist", "tomas.l@mail.example"),
           ("Amara Nwosu", "amara.nwosu@mail.example")]
MENTOR = ("Prof. Adaeze Okafor", "a.okafor@teaching-hospital.example")


def noise():
    start = datetime(2026, 9, 1, tzinfo=ET)
    end = datetime(2027, 1, 19, 23, 0, tzinfo=ET)
    span = int((end - start).total_seconds())

    def rnd_date(hour_lo=6, hour_hi=22):
        d = start + timedelta(seconds=rng.randrange(span))
        return d.replace(hour=rng.randint(hour_lo, hour_hi), minute=rng.randint(0, 59), second=rng.randint(0, 59))

    out = []
    # newsletters with List-Id
    letters = [
        ("Anesthesia Weekly", "news@anesthesia-weekly.example", "<weekly.anesthesia-weekly.example>",
         ["This week: {t}", "Anesthesia Weekly | {t}", "{t} - and more in this issue"],
         ["Sugammadex and postoperative pulmonary complications", "Remimazolam in procedural sedation",
          "ERAS protocols for colorectal surgery", "The anesthesia workforce shortage", "Point-of-care ultrasound "
          "for gastric volume", "Malignant hyperthermia: 10 lessons", "Opioid-free anesthesia, revisited",
          "Residency wellness programs that work", "Burnout among CA-1 residents", "Low-flow anesthesia and "
          "sustainability"], 30),
        ("IMG Match Forum", "digest@imgforum.example", "<digest.imgforum.example>",
         ["[IMG Forum] Daily digest: {t}", "[IMG Forum] {t}"],
         ["interview invites thread 2027", "thank-you notes: how many?", "who has heard from programs?",
          "Step 3 timing for H-1B", "ranking strategy for IMGs", "pre-match offers - beware", "second looks?",
          "visa questions to ask on interview day"], 24),
        ("Journal of Clinical Anesthesia Practice", "toc@jcap-journal.example", "<toc.jcap-journal.example>",
         ["Table of contents alert: {t}", "New issue online: {t}"],
         ["Volume 88, Issue 4", "Volume 88, Issue 5", "Volume 88, Issue 6", "Volume 89, Issue 1"], 6),
        ("State Society of Anesthesiologists", "members@state-anesth-society.example",
         "<members.state-anesth-society.example>",
         ["Society news: {t}", "{t}"],
         ["Resident and fellow section meeting", "Call for abstracts - spring meeting", "Annual meeting recap",
          "Advocacy update"], 6),
    ]
    for display, addr, listid, subj_pool, topics, n in letters:
        for _ in range(n):
            t = rng.choice(topics)
            body = (
                f"{display}\n\n{t}\n\n" + rng.choice([
                    "Read the full story on our website. Plus: job board highlights and upcoming webinars.",
                    "In this issue we look at the evidence, talk to program directors and share practical tips.",
                    "Members can access the full text online. Not a member? Join today.",
                ]) + "\n\nYou are receiving this because you subscribed. Unsubscribe: https://" + addr.split("@")[1]
                + "/unsubscribe"
            )
            out.append(add((display, addr), [ME], rng.choice(subj_pool).format(t=t), body, rnd_date(5, 8),
                           headers={"List-Id": f"{display} {listid}", "Precedence": "list",
                                    "List-Unsubscribe": f"<https://{addr.split('@')[1]}/u>"},
                           html=rng.random() < 0.7, labels=rng.choice(["Inbox,Category Updates", "Inbox",
                                                                         "Category Updates"]),
                           record=False))
    # the newsletter that names a program: still unmatched (not a platform, not the program's domain)
    spot = add(("Anesthesia Weekly", "news@anesthesia-weekly.example"), [ME],
               "Program spotlight: Pinecrest University Anesthesiology opens a new simulation center",
               "Anesthesia Weekly\n\nProgram spotlight: Pinecrest University Anesthesiology opens a new "
               "simulation center, with eight high-fidelity suites.\n\nUnsubscribe: "
               "https://anesthesia-weekly.example/unsubscribe", jitter(at(2026, 10, 20, 6, 0)),
               headers={"List-Id": "Anesthesia Weekly <weekly.anesthesia-weekly.example>", "Precedence": "list"},
               html=True, labels="Inbox,Category Updates", programs=None)
    # shopping
    shops = [("ShopMart", "orders@shopmart.example"), ("BookNook", "no-reply@booknook.example"),
             ("ScrubWear Co.", "hello@scrubwear.example")]
    items = ["Littmann-style stethoscope", "Interview suit - navy", "Pocket Anesthesia, 4th ed.",
             "Noise-cancelling headphones", "Compression socks (3 pack)", "Laptop stand", "Winter coat",
             "USB-C charger", "Travel adapter", "Leather padfolio"]
    for _ in range(34):
        name, addr = rng.choice(shops)
        item = rng.choice(items)
        kind = rng.choice(["Your order #{n} has shipped", "Order confirmation #{n}", "Delivered: {item}",
                           "Your {name} receipt"])
        n = rng.randint(100000, 999999)
        body = rng.choice([
            f"Hi Sam,\n\nGood news - your order #{n} ({item}) is on its way. Track your package in your account.",
            f"Thank you for your order!\n\nOrder #{n}\n1 x {item}\n\nWe'll email you when it ships.",
            f"Your package was delivered. {item} was left at the front door.",
        ])
        out.append(add((name, addr), [ME], kind.format(n=n, item=item, name=name), body, rnd_date(),
                       html=rng.random() < 0.8, labels="Inbox,Category Updates", record=False))
    promos = ["Flash sale: 30% off scrubs", "Black Friday starts now", "Your weekend deals are here",
              "Free shipping ends tonight", "Cyber Monday: last chance", "New arrivals for winter",
              "We miss you - here's 15% off"]
    for _ in range(32):
        name, addr = rng.choice(shops)
        out.append(add((name, addr), [ME], rng.choice(promos), "Shop the sale now.\n\nUnsubscribe or manage "
                       "your preferences.", rnd_date(), html=True, headers={"Precedence": "bulk"},
                       labels="Inbox,Category Promotions", record=False))
    # bank
    for _ in range(22):
        amt = f"${rng.randint(5, 900)}.{rng.randint(0, 99):02d}"
        subj, body = rng.choice([
            ("Your statement is ready", "Your monthly statement for account ending 4471 is ready to view online."),
            ("Transaction alert", f"A purchase of {amt} was made with your card ending 0193."),
            ("Payment received", f"We received your payment of {amt}. Thank you."),
            ("International transfer completed", f"Your transfer of {amt} has been completed."),
        ])
        out.append(add(("First City Bank", "alerts@firstcitybank.example"), [ME], subj,
                       body + "\n\nPlease do not reply to this message.", rnd_date(), record=False,
                       labels="Inbox,Category Updates"))
    # social
    for _ in range(24):
        who = rng.choice(["Dr. Helena Voss", "Rahul Banerjee", "Chidi Okeke", "Maya Feldman", "Jonah Pratt"])
        subj = rng.choice([f"{who} viewed your profile", f"{who} wants to connect", "You appeared in 9 searches "
                           "this week", f"{who} commented on your post", "New jobs for Anesthesiology Resident"])
        out.append(add(("Connectly", "notifications@connectly.example"), [ME], subj,
                       subj + ".\n\nSee more on Connectly.", rnd_date(), html=True,
                       headers={"Precedence": "bulk"}, labels="Inbox,Category Social", record=False))
    # USMLE / ECFMG / NRMP
    exams = [
        ("ECFMG", "no-reply@ecfmg.example", "ECFMG certification status update",
         "Your ECFMG Certification status has been updated. Log in to view your record."),
        ("ECFMG", "no-reply@ecfmg.example", "Your ERAS token request", "Your token request has been processed."),
        ("USMLE", "notices@usmle.example", "Step 3 scheduling permit available",
         "Your scheduling permit for Step 3 is now available. Schedule your test date with the test center."),
        ("USMLE", "notices@usmle.example", "Your Step 3 score report is available",
         "Your USMLE Step 3 score report is now available for download."),
        ("NRMP", "news@nrmp.example", "Match registration is open", "Registration for the Main Residency Match "
         "is open. Register through the R3 system."),
        ("NRMP", "news@nrmp.example", "Reminder: rank order list opens January 15",
         "The Rank Order List entry opens on January 15. Review the Match Participation Agreement."),
        ("ECFMG", "no-reply@ecfmg.example", "J-1 sponsorship: EVSP reminders",
         "Applicants who need J-1 sponsorship: read the EVSP requirements before the Match."),
    ]
    for d, (display, addr, subj, body) in zip(
            [at(2026, 9, 3, 11), at(2026, 9, 10, 9), at(2026, 10, 28, 14), at(2026, 12, 30, 10),
             at(2026, 9, 15, 12), at(2027, 1, 12, 9), at(2026, 11, 11, 10)], exams):
        out.append(add((display, addr), [ME], subj, body + "\n\nThis is an automated message.", jitter(d),
                       record=False))
    # generic platform mail (names no program)
    generic = [
        ("Thalamus", "notifications@thalamusgme.com", "Welcome to Thalamus!", "Your Thalamus account is ready. "
         "Complete your profile to receive interview invitations."),
        ("Thalamus", "notifications@thalamusgme.com", "New in Thalamus: calendar sync", "You can now sync your "
         "interviews to Google Calendar."),
        ("Thalamus", "notifications@thalamusgme.com", "Your interview week at a glance", "You have 2 interviews "
         "this week. View them on your dashboard."),
        ("Thalamus", "notifications@thalamusgme.com", "Tips for virtual interview day", "Test your camera and "
         "microphone the day before. Close other applications."),
        ("ERAS", "no-reply@aamc.org", "MyERAS: applications delivered", "Your application was delivered to "
         "18 programs. This is an automated message."),
        ("ERAS", "no-reply@aamc.org", "ERAS: your USMLE transcript was transmitted", "Your transcript has been "
         "transmitted to your designated programs."),
        ("AAMC", "aamc-news@aamc.org", "AAMC Careers in Medicine newsletter", "Preparing for the Match: a "
         "checklist."),
        ("ERAS", "no-reply@aamc.org", "MyERAS: letter of recommendation uploaded", "A letter of "
         "recommendation has been uploaded to your application."),
        ("Interview Broker", "notifications@interviewbroker.com", "Complete your Interview Broker profile",
         "Add your phone number to receive text alerts."),
        ("Interview Broker", "notifications@interviewbroker.com", "Waitlist update", "A program has opened new "
         "interview dates. Log in to view."),
    ]
    for i, (display, addr, subj, body) in enumerate(generic):
        out.append(add((display, addr), [ME], subj, body, jitter(at(2026, 9, 2 + i * 3, 10)),
                       html=True, programs=None, record=i % 3 == 0))
    # travel
    for i in range(10):
        city = rng.choice(["Chicago", "Denver", "Boston", "Philadelphia", "San Diego", "Columbus", "Atlanta"])
        subj, addr, body = rng.choice([
            (f"Your flight to {city} is confirmed", "no-reply@skyways-air.example",
             f"Confirmation code {rng.randint(100000, 999999)}. Check in opens 24 hours before departure."),
            (f"Booking confirmed: hotel in {city}", "reservations@innstay.example",
             f"Your reservation for 1 night in {city} is confirmed. Check-in from 3 PM."),
            ("Your ride receipt", "receipts@rideshare.example", "Thanks for riding. Total: $24.18."),
        ])
        out.append(add((addr.split("@")[1].split(".")[0].title(), addr), [ME], subj, body, rnd_date(),
                       html=True, record=False))
    # misc
    for subj, addr, body in [
        ("Your phone bill is ready", "billing@mobileco.example", "Your bill of $45.00 is ready."),
        ("Streaming: new this week", "hello@streamflix.example", "New titles added to your list."),
        ("Apartment lease renewal", "office@maple-apartments.example", "Please review your lease renewal by "
         "December 1."),
        ("Gym membership: holiday hours", "frontdesk@fitclub.example", "We will be closed on December 25."),
        ("Your library books are due", "library@citylibrary.example", "2 items are due on November 30."),
        ("Security alert: new sign-in", "no-reply@accounts.mail.example", "We noticed a new sign-in to your "
         "account from a Windows device."),
    ]:
        out.append(add((addr.split("@")[1].split(".")[0].title(), addr), [ME], subj, body, rnd_date(),
                       record=False))
    # personal mail: friends and mentor
    chats = [
        ("Interview season!", "How many invites do you have so far? I have 6 now, fingers crossed.",
         "7 so far! Lakeshore and Riverside are my favourites. Coffee this weekend?"),
        ("Mock interview Sunday?", "Want to do a mock interview on Sunday? I can play the PD.",
         "Yes please. 4 PM works."),
        ("Rent", "I paid the internet bill, you owe me $25 :)", "Sent, thank you!"),
        ("Visa appointment", "Did you get your visa appointment date yet?", "Not yet, still waiting on the DS-2019."),
        ("Happy birthday!!", "Happy birthday Sam! Dinner on Friday?", "Thank you! Friday is perfect."),
        ("ugh", "How are you holding up?", "Honestly this process is so frustrating and unfair, the silence is "
         "the worst. But I'm ok. Talk tonight?"),
        ("Recipe", "Here is the jollof recipe you asked for.", "Amazing, thank you!"),
        ("New year plans", "Are you around on the 31st?", "Yes! Count me in."),
    ]
    vent_reply = None
    for i, (subj, theirs, mine) in enumerate(chats):
        f = FRIENDS[i % len(FRIENDS)]
        base = datetime(2026, 9, 5, 19, 0, tzinfo=ET) + timedelta(days=i * 17 + rng.randint(0, 5))
        m_in = add(f, [ME], subj, theirs + f"\n\n{f[0].split()[0]}", base, labels="Inbox", mid_style="plain",
                   record=i % 2 == 0)
        m_out = reply(m_in, rng.choice([ME, ALIAS]), mine + "\n\nSam", base + timedelta(hours=rng.randint(1, 20)),
                      record=i % 2 == 0 or subj == "ugh", to=[f])
        out += [m_in, m_out]
        if subj == "ugh":
            vent_reply = m_out
    hard(vent_reply, ["emotional-tone"], "Venting to a friend: not a program message (unmatched).")
    ask = add(ME, [MENTOR], "Advice on my ranking letter", (
        "Dear Professor Okafor,\n\nI hope you are well. I am thinking of telling Lakeshore Medical Center that it "
        "is my #1 choice. Could you give me feedback on the draft below before I send anything?\n\n"
        "Many thanks,\nSam"), jitter(at(2026, 12, 12, 10, 0)), programs=None)
    hard(ask, ["multiple-first-choice", "feedback-request", "first-choice-outside-window"],
         "A message to a mentor (unmatched) that names a program is not a #1 statement to a program.")
    rep = reply(ask, MENTOR, (
        "Dear Sam,\n\nGood that you asked. Send a #1 letter to one program only, and only in January. Keep it "
        "short and specific.\n\nWarmly,\nAdaeze Okafor"), jitter(at(2026, 12, 13, 8, 0)), programs=None)
    lor = add(ME, [MENTOR], "Thank you for the letter of recommendation", (
        "Dear Professor Okafor,\n\nThe ERAS confirmation came through today: your letter was uploaded. Thank you "
        "for your support throughout this process.\n\nSam"), jitter(at(2026, 9, 9, 17, 0)), programs=None)
    # a personal draft (unmatched)
    pd = add(ME, [FRIENDS[0]], "Photos from Saturday", "Hi Priya,\n\nHere are the photos from Saturday - ",
             jitter(at(2027, 1, 19, 22, 0)), labels="Drafts", programs=None, record=False)
    pd.headers["__no_message_id"] = "1"
    return out


# --------------------------------------------------------------------------- build

def build():
    riverside_upd = riverside()
    lakeshore_first, lakeshore_contacts = lakeshore()
    crescent()
    bellmont_first = bellmont()
    stonegate_first = stonegate()
    oakhurst_draft = oakhurst()
    meridian()
    pinecrest_upd = mass_trio()
    glenwood_upd, _ = glenwood_ashford()
    kingsbridge()
    silverlake()
    maplewood()
    cedarfalls()
    northgate()
    ravenwood()
    whitfield()
    greystone()
    ellison()
    hawthorne()
    extras()
    noise()

    firsts = [lakeshore_first, bellmont_first, stonegate_first]
    finding("multiple-first-choice", [m.programs[0] for m in firsts], firsts)
    finding("multiple-first-choice", [m.programs[0] for m in firsts + [oakhurst_draft]],
            [oakhurst_draft] + firsts, draft=True)
    hard(riverside_upd, ["multiple-first-choice", "first-choice-outside-window", "mass-email"],
         "'one of my top choices' may go to several programs.")
    hard(pinecrest_upd, ["multiple-first-choice", "mass-email"], "'one of my top choices', written for Pinecrest.")

    # noise dup: one newsletter stored twice
    nl = next(m for m in MESSAGES if m.frm[1] == "news@anesthesia-weekly.example" and not m.record)
    nl.extra_labels.append("Category Updates")


NOTES = {
    "generator": "tools/make_sample_season.py (see its docstring for the story of the season)",
    "messages": "Message-ID -> program name; a list of names for one message to several programs; null = "
                "unmatched; 'ambiguous' = shared domain, nothing decides. Only program-related messages and "
                "a sample of noise are listed. Message-IDs are case-sensitive as written in the mbox.",
    "findings": "programs are sorted by name (compare as sets). message_ids are the evidence the generator "
                "knows: for repeat-after-silence (nudge, previous message); for over/at-contact-limit all "
                "contact messages; for quiet-program the last contact; for contact-despite-policy the "
                "applicant's message (the program's policy message may be cited too).",
    "hard_negatives": "no finding of a must_not_fire rule may cite message_id or name any of programs.",
    "timeline": "per program: last contact / last person reply as ISO datetimes, interview date.",
}


def compute_truth() -> dict:
    MESSAGES.sort(key=lambda m: m.date)
    assert all(m.date <= AS_OF for m in MESSAGES)
    assert all(m.date >= datetime(2026, 9, 1, tzinfo=ET) for m in MESSAGES)
    per = {p.name: {"contacts": [], "replies": []} for p in PROGRAMS}
    for m in MESSAGES:
        progs = m.programs if isinstance(m.programs, list) else []
        if m.outbound:
            assert not (m.draft and m.contact)
            if m.contact:
                for n in progs:
                    per[n]["contacts"].append(m)
        elif not m.automated:
            for n in progs:
                per[n]["replies"].append(m)
        else:
            assert not m.contact
    programs = {}
    timeline = {}
    for p in PROGRAMS:
        c, r = per[p.name]["contacts"], per[p.name]["replies"]
        status = "ok" if len(c) < LIMIT else ("at_limit" if len(c) == LIMIT else "over_limit")
        programs[p.name] = {"contacts": len(c), "replies": len(r), "status": status}
        last_c = max((m.date for m in c), default=None)
        last_r = max((m.date for m in r), default=None)
        timeline[p.name] = {"last_contact": last_c.isoformat() if last_c else None,
                            "last_reply": last_r.isoformat() if last_r else None,
                            "interview_date": p.interview.isoformat() if p.interview else None}
        if len(c) > LIMIT:
            finding("over-contact-limit", [p.name], c)
        elif len(c) == LIMIT:
            finding("at-contact-limit", [p.name], c)
        if c:
            age = AS_OF - last_c
            assert not (timedelta(days=6) <= age <= timedelta(days=8)), (p.name, age)  # no borderline cases
            if age >= timedelta(days=QUIET_DAYS) and not any(m.date > last_c for m in r):
                finding("quiet-program", [p.name], [m for m in c if m.date == last_c])
        if p.interview:
            start = datetime.combine(p.interview, datetime.min.time(), ET)
            end = start + timedelta(days=1)
            sent = [m for m in MESSAGES if m.outbound and not m.draft and isinstance(m.programs, list)
                    and p.name in m.programs and m.date >= start]
            if sent:
                delay = sent[0].date - end
                assert abs(delay - timedelta(hours=WINDOW_HOURS)) > timedelta(hours=12), p.name
                if delay > timedelta(hours=WINDOW_HOURS):
                    assert p.key == "kingsbridge", p.name
    late = [f for f in FINDINGS if f["rule"] == "late-thank-you"]
    assert len(late) == 1
    messages = {}
    for m in MESSAGES:
        if not m.record:
            continue
        if isinstance(m.programs, list):
            messages[m.mid] = m.programs[0] if len(m.programs) == 1 else sorted(m.programs)
        else:
            messages[m.mid] = m.programs
    order = {name: i for i, name in enumerate(
        ["over-contact-limit", "at-contact-limit", "multiple-first-choice", "conditional-commitment",
         "template-placeholder", "wrong-program-name", "desperate-tone", "emotional-tone", "feedback-request",
         "mass-email", "same-request-multiple-faculty", "repeat-after-silence", "late-thank-you",
         "first-choice-outside-window", "prematch-offer", "rank-inquiry", "contact-despite-policy",
         "quiet-program"])}
    findings = sorted(FINDINGS, key=lambda f: (order[f["rule"]], f["draft"], f["programs"]))
    assert set(order) == {f["rule"] for f in findings}, set(order) - {f["rule"] for f in findings}
    return {
        "notes": NOTES,
        "as_of": AS_OF.isoformat(),
        "account": ME[1],
        "limit": LIMIT,
        "mbox_messages": sum(1 + len(m.extra_labels) for m in MESSAGES),
        "unique_messages": len(MESSAGES),
        "unmatched": sum(1 for m in MESSAGES if m.programs is None),
        "ambiguous": [{"message_id": m.mid, "candidates": sorted(names("stagnes", "lakeview"))}
                      for m in MESSAGES if m.programs == "ambiguous"],
        "programs": programs,
        "timeline": timeline,
        "messages": messages,
        "findings": findings,
        "hard_negatives": HARD,
    }


def check_matching():
    """A tiny reference matcher, to catch typos in the hand-written truth."""
    def covers(addr: str, p: Prog) -> bool:
        dom = addr.split("@")[1]
        return addr in p.contacts or any(dom == d or dom.endswith("." + d) for d in p.domains)

    for m in MESSAGES:
        if m.programs in (None, "ambiguous") or m.automated:
            continue
        if m.outbound:
            hits = {p.name for p in PROGRAMS for a in (x[1] for x in m.to + m.cc + m.bcc) if covers(a, p)}
            exact = {p.name for p in PROGRAMS for a in (x[1] for x in m.to + m.cc + m.bcc) if a in p.contacts}
        else:
            hits = {p.name for p in PROGRAMS if covers(m.frm[1], p)}
            exact = {p.name for p in PROGRAMS if m.frm[1] in p.contacts}
        if not hits:  # matched by thread
            assert m.in_reply_to, m.subject
            continue
        if len(hits) > len(m.programs):  # shared domain: contacts, then names
            decided = exact or {p.name for p in PROGRAMS if p.name in hits and any(
                a in m.own for a in [p.name] + p.aliases)}
            assert decided == set(m.programs), (m.subject, decided, m.programs)
        else:
            assert hits == set(m.programs), (m.subject, hits, m.programs)


# --------------------------------------------------------------------------- writing


def to_html(text: str) -> str:
    paras = []
    for block in text.split("\n\n"):
        lines = block.splitlines()
        if lines and all(line.startswith(">") for line in lines):
            inner = "<br>\n".join(htmlmod.escape(line.lstrip("> ").rstrip()) for line in lines)
            paras.append(f'<blockquote class="gmail_quote" style="margin:0 0 0 .8ex;border-left:1px #ccc solid;'
                         f'padding-left:1ex">{inner}</blockquote>')
        else:
            paras.append("<p>" + "<br>\n".join(htmlmod.escape(line) for line in lines) + "</p>")
    return ('<html><head><meta charset="utf-8"></head><body><div style="font-family:Arial,sans-serif;'
            'font-size:14px">\n' + "\n".join(paras) + "\n</div></body></html>\n")


def render(m: Msg, labels: str) -> EmailMessage:
    e = EmailMessage()
    e["X-GM-THRID"] = str(m.thrid)
    e["X-Gmail-Labels"] = labels
    if m.labels.split(",")[0] != "Drafts":
        if not m.outbound:
            e["Delivered-To"] = ME[1]
        e["Received"] = (f"by 2002:a05:6a10:{rng.randint(1000, 9999):x} with SMTP id x{rng.getrandbits(32):x}; "
                         f"{format_datetime(m.date.astimezone(UTC))}")
    e["MIME-Version"] = "1.0"
    e["Date"] = format_datetime(m.date)
    if "__no_message_id" not in m.headers:
        e["Message-ID"] = m.mid
    if m.in_reply_to:
        e["In-Reply-To"] = m.in_reply_to
        e["References"] = " ".join(m.references)
    e["Subject"] = m.subject
    e["From"] = formataddr(m.frm)
    e["To"] = ", ".join(formataddr(a) for a in m.to)
    if m.cc:
        e["Cc"] = ", ".join(formataddr(a) for a in m.cc)
    if m.bcc and (m.outbound or m.draft):
        e["Bcc"] = ", ".join(formataddr(a) for a in m.bcc)
    for k, v in m.headers.items():
        if not k.startswith("__"):
            e[k] = v
    if m.html_only:
        e.set_content(to_html(m.body), subtype="html")
    else:
        e.set_content(m.body)
        if m.html:
            e.add_alternative(to_html(m.body), subtype="html")
    for fname, data in m.attachments:
        e.add_attachment(data, maintype="application", subtype="pdf", filename=fname)
    counter = [0]

    def fix(part):
        if part.is_multipart():
            counter[0] += 1
            part.set_boundary(f"000000000000{hashlib.sha1((m.mid + str(counter[0])).encode()).hexdigest()[:16]}")
            for sub in part.iter_parts():
                fix(sub)
    fix(e)
    return e


def write_mbox(path: Path):
    if path.exists():
        path.unlink()
    box = mailbox.mbox(str(path), create=True)
    box.lock()
    try:
        for m in MESSAGES:
            opened = not m.outbound and not m.draft and rng.random() < 0.7
            for labels in [m.labels + (",Opened" if opened else "")] + m.extra_labels:
                e = render(m, labels)
                mm = mailbox.mboxMessage(e)
                mm.set_from(f"{m.thrid}@xxx", time.gmtime(m.date.timestamp()))
                box.add(mm)
        box.flush()
    finally:
        box.unlock()
        box.close()


def toml_str(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)


def toml_list(xs) -> str:
    return "[" + ", ".join(toml_str(x) for x in xs) + "]"


def write_config(path: Path):
    lines = [
        "# inboxcoach sample configuration: the bundled demo season (fictional programs and people).",
        "# Generated by tools/make_sample_season.py - do not edit by hand.",
        "",
        "[account]",
        f"email = {toml_str(ME[1])}",
        f"aliases = {toml_list([ALIAS[1]])}",
        "",
        "[season]",
        "match_year = 2027",
        'specialty = "anesthesiology"',
        'timezone = "America/New_York"',
        "",
        "[limits]",
        f"max_contacts_per_program = {LIMIT}",
        f"thank_you_window_hours = {WINDOW_HOURS}",
        f"quiet_after_days = {QUIET_DAYS}",
        "",
    ]
    for p in PROGRAMS:
        lines += [
            "[[programs]]",
            f"name = {toml_str(p.name)}",
            f"aliases = {toml_list(p.aliases)}",
            f"domains = {toml_list(p.domains)}",
            f"contacts = {toml_list(p.contacts)}",
        ]
        if p.interview:
            lines.append(f"interview_date = {p.interview.isoformat()}")
        else:
            lines.append("# no interview (yet)")
        if not p.nrmp:
            lines.append("nrmp = false                      # a position outside the Match")
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")


def main():
    build()
    check_matching()
    truth = compute_truth()
    for path in (CONFIG_PATH, MBOX_PATH, EXPECTED_PATH):
        path.parent.mkdir(parents=True, exist_ok=True)
    write_config(CONFIG_PATH)
    write_mbox(MBOX_PATH)
    EXPECTED_PATH.write_text(json.dumps(truth, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    counts = {}
    for f in truth["findings"]:
        counts[f["rule"]] = counts.get(f["rule"], 0) + 1
    print(f"{truth['mbox_messages']} mbox messages ({truth['unique_messages']} unique), "
          f"{len(PROGRAMS)} programs, {len(truth['findings'])} findings")
    for rule, n in counts.items():
        print(f"  {rule}: {n}")


if __name__ == "__main__":
    main()
