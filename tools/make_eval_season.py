#!/usr/bin/env python3
"""Generate an independent evaluation season for inboxcoach (stdlib only, deterministic).

    .venv/bin/python tools/make_eval_season.py OUTDIR [--write-fixtures]

writes OUTDIR/Maildir (INBOX at the root, Maildir++ subfolders .Sent, .Drafts and
.Archive) and, with --write-fixtures, tests/data/eval_season/config.toml and
tests/data/eval_season/expected.json. The ground truth is built from the story below,
following docs SPEC "Matching and counting" and "Rules"; it is never read back from
inboxcoach.

The season
==========

Priya Raman, MD (priya.raman@example.net, alias priya.raman.md@gmail.example), an IMG
applying in anesthesiology for the 2027 Match, America/Chicago. Mail runs Sep 2026 to
Feb 2027; the report is taken as of 2027-02-10 09:00 local. 25 fictional programs:

* University of Eastfield - the model program: HTML-only invitation with the coordinator's
  own mail-merge slip ("Dear [Applicant First Name]") and "offer you an interview";
  Priya's scheduling reply quotes it (not a contact); thank-you on the interview day;
  January update ("one of my top choices", "If I am fortunate enough to match at
  Eastfield, I would be thrilled"); the PD answers. 2 contacts, not quiet.
* St. Brigid - thank-you as a reply in the invitation thread (a contact); January
  "I will be ranking your program number one".
* Harbor Point - thank-you to the PD with the APD in Cc (counts once; "the #1 reason I
  applied"); January "you are at the very top of my rank list - my first choice"; the PD
  answers "you will be ranked highly on our list" (legal, not a rank inquiry). The
  coordinator said thank-you notes are "appreciated but never required".
* Lakemont - September inquiry, thank-you, a December "first program on my rank list"
  letter (before 1 January), a January update Bcc'd to herself (same Message-ID in Sent
  and INBOX): 4 contacts -> over-contact-limit.
* Cottonwood - thank-you addressed "Dear Dr. [LAST NAME]"; a February draft "my #1
  choice" -> draft multiple-first-choice naming all four.
* Calloway Health Mercy Campus / Riverbend share callowayhealth.example: one inquiry to
  both coordinators (counts for each); a GME-office note naming neither is ambiguous;
  one naming "Mercy Campus" belongs to Mercy.
* Ashgrove, Willowmere, Copper Hills, Baymont - one thank-you template, names swapped:
  mass-email (4). Copper Hills also had a visa question and a follow-up after the
  coordinator had answered (no repeat-after-silence): 3 contacts -> at limit. Willowmere
  has a draft with "{{program_name}}". Baymont: "Should Baymont rank me, I'd accept
  without a second thought; consider it a promise." Ashgrove: a message dated after
  the as-of moment (ignored).
* Glen Arbor - got the Ashgrove January update with "Ashgrove" left in it.
* Kestrel Valley - thank-you six days after the interview; the PD offers a position
  outside the Match if Priya commits and withdraws from the NRMP.
* Marlow - "If you rank me to match, you have my word that I'll be there".
* Redcliff - "my last chance ... I am pleading with you".
* Thornbury - Priya vents in her reply to a rescheduling email (emotional-tone, not a
  contact); her reply to a second-look email quotes (Outlook style) the coordinator's
  "our #1 choice".
* Sandpiper - inquiry, "Did my message from last month come through?", a Thalamus
  decline, then "what in my application led to the decision" -> repeat-after-silence,
  feedback-request, at limit.
* Ironwood - same research-call request to two faculty separately; at limit.
* Falcon Ridge - out-of-office auto-reply (not a reply), "circle back on the note I
  sent"; a draft "I am begging you".
* Oakridge - late thank-you that vents about the process; the PD answers from his
  personal gmail (matched by thread).
* Bayshore (nrmp = false) - a signed-agreement offer before Match Day.
* Silverton - PD asks where Silverton will land on the rank list and which other
  programs Priya is considering.
* Halcyon Bay - "does not accept thank-you letters or any other post-interview
  correspondence", then a thank-you.
* Prairie Sky - known only by contact addresses at a public mail provider; 3 contacts.
* Dunmore - interviewed, never written to; the coordinator asks which other programs
  Priya interviewed with.

Plus about 2,000 noise messages.
"""

from __future__ import annotations

import argparse
import hashlib
import html as htmlmod
import json
import random
import sys
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from email.message import EmailMessage
from email.policy import default as DEFAULT_POLICY
from email.utils import format_datetime, formataddr
from pathlib import Path
from zoneinfo import ZoneInfo

SEED = 2027_0210
ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "data" / "eval_season"

CT = ZoneInfo("America/Chicago")
ET = ZoneInfo("America/New_York")
MT = ZoneInfo("America/Denver")
PT = ZoneInfo("America/Los_Angeles")
UTC = ZoneInfo("UTC")

AS_OF = datetime(2027, 2, 10, 9, 0, tzinfo=CT)
LIMIT = 3
QUIET_DAYS = 7
WINDOW_HOURS = 72

ME = ("Priya Raman", "priya.raman@example.net")
ALIAS = ("Priya Raman", "priya.raman.md@gmail.example")
MY_ADDRS = {ME[1], ALIAS[1]}

SIG = "-- \nPriya Raman, MD\nERAS AAMC ID 17340291 | ECFMG certified\n+1 (312) 555-0148"
SIG_SHORT = "Best,\nPriya"

rng = random.Random(SEED)


# ----------------------------------------------------------------------------- programs


@dataclass
class Prog:
    key: str
    name: str
    aliases: list[str]
    domains: list[str]
    contacts: list[str]
    interview: date | None
    tz: ZoneInfo
    nrmp: bool = True
    people: dict[str, tuple[str, str]] = field(default_factory=dict)


def _prog(key, name, aliases, domains, contacts, interview, tz, people, nrmp=True):
    return Prog(key, name, aliases, domains, contacts, interview, tz, nrmp, people)


PROGRAMS = [
    _prog("eastfield", "University of Eastfield Department of Anesthesiology",
          ["Eastfield", "UEast Anesthesia"], ["eastfield.example", "eastfieldmedicine.example"],
          ["anesthesia.residency@eastfieldmedicine.example"], date(2026, 11, 9), ET,
          {"coord": ("Maria Delgado", "anesthesia.residency@eastfieldmedicine.example"),
           "pd": ("Thomas Whitaker, MD", "twhitaker@eastfield.example"),
           "news": ("Eastfield Medicine News", "news@eastfieldmedicine.example")}),
    _prog("stbrigid", "St. Brigid Medical Center", ["St Brigid", "Saint Brigid", "SBMC Anesthesiology"],
          ["stbrigid-med.example"], ["anesthesiology.gme@stbrigid-med.example"], date(2026, 11, 17), CT,
          {"coord": ("Janelle Brooks", "anesthesiology.gme@stbrigid-med.example"),
           "pd": ("Aoife Gallagher, MD", "agallagher@stbrigid-med.example")}),
    _prog("harbor", "Harbor Point University Hospital", ["Harbor Point", "HPUH"],
          ["harborpoint.example", "hpuh.test"], ["anesthesia.program@hpuh.test"], date(2026, 12, 8), PT,
          {"coord": ("Ruth Nguyen", "anesthesia.program@hpuh.test"),
           "pd": ("Samuel Okafor, MD", "sokafor@hpuh.test"),
           "apd": ("Lena Fischer, MD", "lfischer@harborpoint.example")}),
    _prog("lakemont", "Lakemont Regional Medical Center", ["Lakemont", "Lakemont Regional"],
          ["lakemont-rmc.example"], ["anesresidency@lakemont-rmc.example"], date(2026, 11, 20), CT,
          {"coord": ("Denise Harper", "anesresidency@lakemont-rmc.example"),
           "pd": ("Alan Brooks, MD", "abrooks@lakemont-rmc.example")}),
    _prog("cottonwood", "Cottonwood University Hospital Anesthesiology", ["Cottonwood"],
          ["cottonwood-uh.example"], [], date(2026, 12, 14), MT,
          {"pd": ("Rebecca Lin, MD", "rlin@cottonwood-uh.example"),
           "coord": ("Gail Summers", "gsummers@cottonwood-uh.example")}),
    _prog("mercy", "Calloway Health Mercy Campus Anesthesiology", ["Calloway Mercy", "Mercy Campus"],
          ["callowayhealth.example"], ["mercy.anesthesia@callowayhealth.example"], date(2027, 1, 6), CT,
          {"coord": ("Shauna Price", "mercy.anesthesia@callowayhealth.example"),
           "gme": ("Linda Ortiz", "gme@callowayhealth.example")}),
    _prog("riverbend", "Calloway Health Riverbend Anesthesiology", ["Calloway Riverbend", "Riverbend"],
          ["callowayhealth.example"], ["riverbend.anesthesia@callowayhealth.example"], date(2026, 12, 2), CT,
          {"coord": ("Derek Mills", "riverbend.anesthesia@callowayhealth.example")}),
    _prog("ashgrove", "Ashgrove University Anesthesiology", ["Ashgrove"],
          ["ashgrove.example"], ["anesthesia-residency@ashgrove.example"], date(2026, 11, 10), ET,
          {"pd": ("Michael Brennan, MD", "mbrennan@ashgrove.example"),
           "coord": ("Tricia Lowe", "anesthesia-residency@ashgrove.example")}),
    _prog("willowmere", "Willowmere Medical Center", ["Willowmere"],
          ["willowmere.example", "willowmerehealth.test"], [], date(2026, 11, 13), CT,
          {"pd": ("Hannah Cho, MD", "hcho@willowmerehealth.test"),
           "coord": ("Tasha Reed", "treed@willowmere.example")}),
    _prog("copper", "Copper Hills Regional Anesthesia Residency", ["Copper Hills", "Copper Hills Regional"],
          ["copperhills.test"], ["gme.anesthesia@copperhills.test"], date(2026, 12, 10), MT,
          {"pd": ("Victor Alvarez, MD", "valvarez@copperhills.test"),
           "coord": ("Bonnie Kaye", "gme.anesthesia@copperhills.test")}),
    _prog("baymont", "Baymont University School of Medicine - Anesthesiology", ["Baymont", "Baymont University"],
          ["baymont.example"], [], date(2026, 12, 1), ET,
          {"pd": ("Carol Jennings, MD", "cjennings@baymont.example"),
           "news": ("Baymont Anesthesiology", "updates@baymont.example")}),
    _prog("glenarbor", "Glen Arbor Medical Center", ["Glen Arbor", "GAMC"],
          ["glenarbor.example"], [], date(2026, 12, 4), CT,
          {"pd": ("Peter Sandoval, MD", "psandoval@glenarbor.example")}),
    _prog("kestrel", "Kestrel Valley Health Anesthesiology", ["Kestrel Valley"],
          ["kestrelvalley.example"], [], date(2027, 1, 8), MT,
          {"pd": ("Martin Hale, MD", "mhale@kestrelvalley.example")}),
    _prog("marlow", "Marlow University Hospitals", ["Marlow", "MUH Anesthesiology"],
          ["marlow-uh.example"], [], date(2026, 12, 16), ET,
          {"pd": ("Naomi Price, MD", "nprice@marlow-uh.example")}),
    _prog("redcliff", "Redcliff Community Hospital", ["Redcliff"],
          ["redcliffhospital.example"], ["anesthesia@redcliffhospital.example"], date(2026, 11, 24), CT,
          {"coord": ("Wendy Tolliver", "anesthesia@redcliffhospital.example"),
           "pd": ("James Okoye, MD", "jokoye@redcliffhospital.example")}),
    _prog("thornbury", "Thornbury Medical Center", ["Thornbury", "TMC Anesthesiology"],
          ["thornbury-mc.example"], [], date(2026, 12, 9), ET,
          {"coord": ("Ashley Moreno", "amoreno@thornbury-mc.example"),
           "pd": ("Richard Vance, MD", "rvance@thornbury-mc.example")}),
    _prog("sandpiper", "Sandpiper University Anesthesiology", ["Sandpiper", "Sandpiper University"],
          ["sandpiper.example"], ["anesthesiology.residency@sandpiper.example"], None, PT,
          {"coord": ("Holly Banks", "anesthesiology.residency@sandpiper.example")}),
    _prog("ironwood", "Ironwood University Anesthesiology", ["Ironwood"],
          ["ironwood.example", "ironwoodhealth.example"], ["anes.coord@ironwoodhealth.example"],
          date(2026, 11, 5), CT,
          {"coord": ("Kim Ferris", "anes.coord@ironwoodhealth.example"),
           "yamamoto": ("Grace Yamamoto, MD", "gyamamoto@ironwood.example"),
           "roth": ("Daniel Roth, MD", "droth@ironwoodhealth.example")}),
    _prog("falcon", "Falcon Ridge Medical Center", ["Falcon Ridge"],
          ["falconridge.test"], ["residency.anesthesia@falconridge.test"], None, MT,
          {"coord": ("Residency Office", "residency.anesthesia@falconridge.test")}),
    _prog("oakridge", "Oakridge Memorial Anesthesiology", ["Oakridge", "Oakridge Memorial"],
          ["oakridgememorial.example"], [], date(2026, 12, 3), ET,
          {"pd": ("Kwame Mensah, MD", "kmensah@oakridgememorial.example"),
           "pd_personal": ("Kwame Mensah", "kwame.mensah.md@gmail.example")}),
    _prog("bayshore", "Bayshore Community Hospital", ["Bayshore"],
          ["bayshore-ch.example"], ["residency@bayshore-ch.example"], date(2026, 11, 30), PT,
          {"coord": ("Elena Vasquez", "residency@bayshore-ch.example"),
           "pd": ("Frank Ridley, MD", "fridley@bayshore-ch.example")}, nrmp=False),
    _prog("silverton", "Silverton University Medical Center", ["Silverton", "SUMC"],
          ["silverton-umc.example"], [], date(2027, 1, 12), CT,
          {"pd": ("Robert Kim, MD", "rkim@silverton-umc.example")}),
    _prog("halcyon", "Halcyon Bay Medical Center", ["Halcyon Bay"],
          ["halcyonbay.example"], [], date(2027, 1, 14), PT,
          {"coord": ("Monica Hart", "mhart@halcyonbay.example"),
           "pd": ("Steven Cole, MD", "scole@halcyonbay.example")}),
    _prog("prairie", "Prairie Sky Anesthesia Program", ["Prairie Sky"],
          [], ["prairiesky.anesthesia@outlook.example", "jhollis.md@outlook.example"], date(2026, 11, 18), CT,
          {"coord": ("Prairie Sky Anesthesia", "prairiesky.anesthesia@outlook.example"),
           "pd": ("Jonathan Hollis, MD", "jhollis.md@outlook.example")}),
    _prog("dunmore", "Dunmore University Anesthesiology", ["Dunmore"],
          ["dunmore.example"], [], date(2026, 12, 15), ET,
          {"coord": ("Carla Benson", "cbenson@dunmore.example")}),
]
P = {p.key: p for p in PROGRAMS}
assert len(PROGRAMS) == 25


def who(key: str, role: str) -> tuple[str, str]:
    return P[key].people[role]


# ----------------------------------------------------------------------------- messages


@dataclass
class Rec:
    mid: str
    folder: str
    when: datetime
    frm: tuple[str, str]
    to: list[tuple[str, str]]
    cc: list[tuple[str, str]]
    subject: str
    text: str
    programs: object  # None | "ambiguous" | list of program keys
    direction: str  # in | out
    contact: bool = False
    reply: bool = False  # inbound written by a person of the program
    track: bool = False  # list in expected["messages"] even when programs is None
    extra_folders: list[str] = field(default_factory=list)
    raw: bytes = b""


RECS: list[Rec] = []
NOISE_COUNT = 0


def t(y, mo, d, h=9, mi=0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=CT)


def _hex(n: int) -> str:
    return "".join(rng.choice("0123456789abcdef") for _ in range(n))


def _b62(n: int) -> str:
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    return "".join(rng.choice(alphabet) for _ in range(n))


def new_mid(frm_addr: str) -> str:
    host = frm_addr.split("@")[1]
    if frm_addr == ALIAS[1] or host.startswith("gmail"):
        return f"<CA{_b62(10)}+{_b62(24)}@mail.gmail.example>"
    if frm_addr == ME[1]:
        return f"<{_hex(12)}.{_hex(6)}@mail.example.net>"
    if host.endswith(".test") or "outlook" in host:
        return f"<SN{rng.randint(1, 9)}PR{_hex(2).upper()}MB{rng.randint(1000, 9999)}{_hex(16).upper()}@{host}>"
    return f"<{_hex(10)}.{_hex(8)}@{host}>"


def html_of(text: str) -> str:
    paras = [p for p in text.split("\n\n")]
    body = "".join(f"<p>{htmlmod.escape(p).replace(chr(10), '<br>')}</p>\n" for p in paras)
    return f'<html><body><div style="font-family:Arial,sans-serif;font-size:14px">\n{body}</div></body></html>\n'


def gmail_quote(orig: Rec) -> str:
    local = orig.when.astimezone(CT)
    stamp = local.strftime("%a, %b ") + str(local.day) + local.strftime(", %Y at ") + local.strftime("%I:%M %p").lstrip("0")
    quoted = "\n".join("> " + line if line else ">" for line in orig.text.splitlines())
    return f"On {stamp} {orig.frm[0]} <{orig.frm[1]}> wrote:\n\n{quoted}\n"


def outlook_quote(orig: Rec) -> str:
    local = orig.when.astimezone(CT)
    stamp = local.strftime("%A, %B ") + str(local.day) + local.strftime(", %Y ") + local.strftime("%I:%M %p").lstrip("0")
    to = "; ".join(f"{n} <{a}>" for n, a in orig.to)
    return (f"________________________________\nFrom: {orig.frm[0]} <{orig.frm[1]}>\nSent: {stamp}\n"
            f"To: {to}\nSubject: {orig.subject}\n\n{orig.text}\n")


def add(
    frm: tuple[str, str],
    to: list[tuple[str, str]],
    subject: str,
    text: str,
    when: datetime,
    *,
    programs: object = None,
    folder: str | None = None,
    cc: list[tuple[str, str]] | None = None,
    bcc: list[tuple[str, str]] | None = None,
    reply_to_rec: Rec | None = None,
    quote: str | None = None,  # "gmail" | "outlook"
    contact: bool = False,
    reply: bool = False,
    html: str | None = None,  # "alt" | "only"
    attachments: list[tuple[str, str, bytes]] | None = None,
    headers: dict[str, str] | None = None,
    track: bool = False,
    mid: str | None = None,
    extra_folders: list[str] | None = None,
    tz: ZoneInfo | None = None,
    no_mid: bool = False,
) -> Rec:
    direction = "out" if frm[1] in MY_ADDRS else "in"
    if folder is None:
        folder = "Sent" if direction == "out" else "INBOX"
    full = text
    if reply_to_rec is not None and quote:
        full = text.rstrip("\n") + "\n\n" + (gmail_quote(reply_to_rec) if quote == "gmail" else outlook_quote(reply_to_rec))
    msg = EmailMessage()
    msg["From"] = formataddr(frm)
    msg["To"] = ", ".join(formataddr(a) for a in to)
    if cc:
        msg["Cc"] = ", ".join(formataddr(a) for a in cc)
    if bcc and folder in ("Sent", "Drafts"):
        msg["Bcc"] = ", ".join(formataddr(a) for a in bcc)
    msg["Subject"] = subject
    msg["Date"] = format_datetime(when.astimezone(tz or CT))
    message_id = mid or new_mid(frm[1])
    if not no_mid:
        msg["Message-ID"] = message_id
    if reply_to_rec is not None:
        msg["In-Reply-To"] = reply_to_rec.mid
        msg["References"] = reply_to_rec.mid
    msg["MIME-Version"] = "1.0"
    for k, v in (headers or {}).items():
        msg[k] = v
    if html == "only":
        msg.set_content(html_of(full), subtype="html")
    else:
        msg.set_content(full)
        if html == "alt":
            msg.add_alternative(html_of(full), subtype="html")
    for filename, ctype, data in attachments or []:
        maintype, subtype = ctype.split("/")
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    if direction == "out" and folder == "Sent" and rng.random() < 0.5:
        msg["X-Mailer"] = "Apple Mail (2.3774.500.171)"
    rec = Rec(message_id, folder, when, frm, list(to), list(cc or []), subject, full, programs, direction,
              contact, reply, track, list(extra_folders or []))
    rec.raw = msg.as_bytes(policy=DEFAULT_POLICY.clone(linesep="\n"))
    RECS.append(rec)
    return rec


def pdf(label: str) -> bytes:
    return (b"%PDF-1.4\n% " + label.encode() + b"\n" + bytes(rng.randrange(256) for _ in range(600))
            + b"\n%%EOF\n")


def ics(summary: str, start: datetime) -> bytes:
    s = start.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    return (f"BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//eval//EN\nBEGIN:VEVENT\nUID:{_hex(12)}@eval\n"
            f"DTSTART:{s}\nSUMMARY:{summary}\nEND:VEVENT\nEND:VCALENDAR\n").encode()


THALAMUS = ("Thalamus", "no-reply@thalamusgme.com")
ERAS = ("MyERAS", "myeras-noreply@aamc.org")
IBROKER = ("Interview Broker", "notifications@interviewbroker.com")


def platform(sender, subject, text, when, programs, *, track=True, html=None):
    return add(sender, [ME], subject, text, when, programs=programs, track=track, html=html,
               headers={"Auto-Submitted": "auto-generated"} if sender == THALAMUS else None, tz=UTC)


FINDINGS: list[dict] = []
NEGATIVES: list[dict] = []


def finding(rule: str, keys: list[str], recs: list[Rec], draft: bool = False) -> None:
    FINDINGS.append({"rule": rule, "programs": sorted(P[k].name for k in keys), "draft": draft,
                     "message_ids": [r.mid for r in recs]})


def negative(rec: Rec, must_not_fire: list[str], why: str) -> None:
    NEGATIVES.append({"message_id": rec.mid, "must_not_fire": must_not_fire, "why": why})


# ----------------------------------------------------------------------------- the story


def story() -> None:  # noqa: PLR0915 - a long story, told in order
    # ---------------------------------------------------------------- Eastfield
    k = "eastfield"
    coord, pd = who(k, "coord"), who(k, "pd")
    th = platform(THALAMUS, "Interview invitation - University of Eastfield Department of Anesthesiology",
                  "Hello Priya,\n\nUniversity of Eastfield Department of Anesthesiology has invited you to interview. "
                  "Log in to Thalamus to view available dates and schedule.\n\nThis is an automated message; "
                  "please do not reply.\n\nThalamus | thalamusgme.com", t(2026, 10, 14, 10, 2), [k])
    inv = add(coord, [ME], "Interview Invitation - Eastfield Anesthesiology Residency",
              "Dear [Applicant First Name],\n\n"
              "On behalf of the University of Eastfield Department of Anesthesiology, we are delighted to offer you "
              "an interview for our categorical residency position. Interviews are held virtually on Mondays "
              "in November; please choose a date through Thalamus within 7 days.\n\n"
              "Interview dates: November 2, November 9, November 16\n"
              "Format: Zoom, 8:00 AM - 2:30 PM Eastern\n"
              "Pre-interview social: the Sunday evening before, 6:00 PM Eastern\n\n"
              "We look forward to meeting you!\n\nWarm regards,\nMaria Delgado\nResidency Program Coordinator\n"
              "Department of Anesthesiology | University of Eastfield",
              t(2026, 10, 14, 11, 30), programs=[k], reply=True, html="only", tz=ET)
    negative(inv, ["prematch-offer", "template-placeholder"],
             "the program's own mail-merge slip and 'offer you an interview' - an invitation, not a position offer")
    sched = add(ME, [coord], "Re: Interview Invitation - Eastfield Anesthesiology Residency",
                "Dear Ms. Delgado,\n\nThank you so much for the invitation! I just booked November 9 in Thalamus "
                "and will also join the social the evening before.\n\nKind regards,\nPriya Raman",
                t(2026, 10, 14, 19, 12), programs=[k], reply_to_rec=inv, quote="gmail", html="alt")
    negative(sched, ["template-placeholder", "prematch-offer"],
             "scheduling reply; the placeholder is only in the quoted invitation")
    ty = add(ME, [pd], "Thank you - interview today",
             "Dear Dr. Whitaker,\n\nThank you for a wonderful interview day. I really enjoyed our conversation "
             "about the perioperative surgical home, and the residents' description of the graduated "
             "responsibility in the cardiac rotation made the program feel very concrete to me.\n\n"
             "If I am fortunate enough to match at Eastfield, I would be thrilled to train there.\n\n"
             "With gratitude,\nPriya\n\n" + SIG,
             t(2026, 11, 9, 17, 48), programs=[k], contact=True)
    negative(ty, ["late-thank-you", "conditional-commitment"],
             "thank-you on the interview day; 'if I am fortunate enough to match ... thrilled' is no promise")
    upd = add(ME, [pd, coord], "Update from Priya Raman - Step 3 and a publication",
              "Dear Dr. Whitaker,\n\nI hope you had a restful holiday season. I wanted to share two brief updates "
              "since my interview in November: I passed USMLE Step 3 on December 28, and our case report on "
              "ultrasound-guided erector spinae blocks was accepted by a regional anesthesia journal. My updated "
              "CV is attached.\n\nEastfield remains one of my top choices, and I would be grateful for the "
              "chance to train with your team.\n\nBest regards,\nPriya Raman\n\n" + SIG,
              t(2027, 1, 11, 8, 5), programs=[k], contact=True,
              attachments=[("Raman_CV_Jan2027.pdf", "application/pdf", pdf("cv"))])
    negative(upd, ["multiple-first-choice", "first-choice-outside-window"], "'one of my top choices' is not a #1 statement")
    pdr = add(pd, [ME], "RE: Update from Priya Raman - Step 3 and a publication",
              "Priya,\n\nCongratulations on Step 3 and the publication - well deserved. Thanks for keeping us posted, "
              "and please don't hesitate to reach out if you have questions about the program.\n\nTom\n\n"
              "Thomas Whitaker, MD\nProgram Director, Anesthesiology Residency",
              t(2027, 1, 12, 14, 20), programs=[k], reply=True, reply_to_rec=upd, quote="outlook",
              tz=ET, html="alt", extra_folders=["Archive"])
    negative(pdr, ["rank-inquiry", "prematch-offer"], "a friendly answer, no question about ranking")
    for i, when in enumerate([t(2026, 10, 20, 6), t(2026, 12, 1, 6), t(2027, 1, 19, 6)]):
        add(who(k, "news"), [ME], f"Eastfield Medicine Today - Issue {41 + i}",
            "Research highlights, new faculty, and community events from Eastfield Medicine.\n\n"
            "Unsubscribe: https://news.eastfieldmedicine.example/u", when, programs=[k],
            headers={"List-Id": "Eastfield Medicine Today <today.news.eastfieldmedicine.example>",
                     "Precedence": "bulk"}, html="alt", tz=ET)

    # ---------------------------------------------------------------- St. Brigid
    k = "stbrigid"
    coord, pd = who(k, "coord"), who(k, "pd")
    inv = add(coord, [ME], "St. Brigid Anesthesiology - Interview Invitation",
              "Dear Dr. Raman,\n\nCongratulations! The Anesthesiology Residency Program at St. Brigid Medical Center "
              "would like to invite you to interview with us. We have openings on November 17 and December 1. "
              "Please reply to this email with your preferred date.\n\nThank you,\nJanelle Brooks\n"
              "GME Coordinator, Anesthesiology\nSt. Brigid Medical Center",
              t(2026, 10, 21, 13, 45), programs=[k], reply=True, html="alt")
    s1 = add(ME, [coord], "Re: St. Brigid Anesthesiology - Interview Invitation",
             "Hi Janelle,\n\nThank you! November 17 works perfectly for me.\n\nBest,\nPriya",
             t(2026, 10, 21, 20, 3), programs=[k], reply_to_rec=inv, quote="gmail")
    conf = add(coord, [ME], "RE: St. Brigid Anesthesiology - Interview Invitation",
               "Great - you're confirmed for Tuesday, November 17. Zoom links will follow a few days before.\n\nJanelle",
               t(2026, 10, 22, 8, 10), programs=[k], reply=True, reply_to_rec=s1, quote="outlook")
    ty = add(ME, [coord], "Re: St. Brigid Anesthesiology - Interview Invitation",
             "Dear Janelle,\n\nI just wanted to say thank you for organizing yesterday's interview day so smoothly - "
             "and please pass along my thanks to Dr. Gallagher and the residents. Hearing about the community "
             "outreach clinic and the resident-run simulation curriculum was a highlight for me.\n\n"
             "Warmly,\nPriya Raman",
             t(2026, 11, 18, 10, 25), programs=[k], contact=True, reply_to_rec=conf, quote="gmail")
    add(coord, [ME], "RE: St. Brigid Anesthesiology - Interview Invitation",
        "Thank you Priya, I'll pass it on! It was lovely to meet you.\n\nJanelle",
        t(2026, 11, 18, 15, 2), programs=[k], reply=True, reply_to_rec=ty, quote="outlook")
    sb1 = add(ME, [pd], "St. Brigid - my rank list",
              "Dear Dr. Gallagher,\n\nI hope your January is off to a good start. I have thought carefully about "
              "every program I visited this season, and I wanted to let you know that I will be ranking your "
              "program number one. The way your residents look after one another, and the autonomy they are "
              "given on the OB service, are exactly what I am looking for.\n\nThank you again for your time "
              "and consideration.\n\nSincerely,\nPriya Raman, MD",
              t(2027, 1, 20, 21, 40), programs=[k], contact=True)

    # ---------------------------------------------------------------- Harbor Point
    k = "harbor"
    coord, pd, apd = who(k, "coord"), who(k, "pd"), who(k, "apd")
    platform(THALAMUS, "Interview invitation - Harbor Point University Hospital",
             "Hello Priya,\n\nHarbor Point University Hospital - Anesthesiology has invited you to interview. "
             "Please log in to schedule.\n\nThalamus", t(2026, 11, 2, 16, 0), [k])
    logi = add(coord, [ME], "Harbor Point Anesthesiology - Interview Day Information (Dec 8)",
               "Hello Dr. Raman,\n\nWe're looking forward to your interview on Tuesday, December 8. Attached is the "
               "schedule for the day. A few notes:\n\n- Please log in by 7:45 AM Pacific.\n"
               "- The resident social is Monday at 5 PM Pacific.\n"
               "- Thank-you notes are appreciated but never required, and they play no role in our ranking.\n\n"
               "Best,\nRuth Nguyen\nProgram Coordinator | Harbor Point University Hospital",
               t(2026, 12, 1, 11, 0), programs=[k], reply=True, html="alt", tz=PT,
               attachments=[("HPUH_Interview_Day_Schedule.pdf", "application/pdf", pdf("schedule"))])
    ty = add(ME, [pd], "Thank you - Harbor Point interview",
             "Dear Dr. Okafor,\n\nThank you for taking the time to speak with me yesterday. Harbor Point's regional "
             "anesthesia fellowship pipeline was the #1 reason I applied, and talking with you and Dr. Fischer "
             "about the acute pain service only strengthened my interest. I also appreciated how candid the "
             "residents were about call schedules.\n\nThank you again,\nPriya Raman\n\n" + SIG,
             t(2026, 12, 9, 9, 15), programs=[k], contact=True, cc=[apd], html="alt")
    negative(ty, ["multiple-first-choice", "first-choice-outside-window", "contact-despite-policy"],
             "'the #1 reason I applied' is no rank statement; the program said thank-you notes are welcome")
    hp1 = add(ME, [pd], "Harbor Point",
              "Dear Dr. Okafor,\n\nI wanted to reach out once more now that I'm finalizing my rank list. After a lot of "
              "reflection, I can say without hesitation that you are at the very top of my rank list — my first "
              "choice. The mentorship culture and the strength of the regional and acute pain training are a "
              "perfect fit for what I hope to do.\n\nWarm regards,\nPriya",
              t(2027, 1, 26, 7, 55), programs=[k], contact=True)
    hpr = add(pd, [ME], "RE: Harbor Point",
              "Dear Priya,\n\nThank you for the kind note. I want you to know that you will be ranked highly on our "
              "list, and we hope things work out. Best of luck with the rest of the season.\n\nSam Okafor",
              t(2027, 1, 27, 12, 30), programs=[k], reply=True, reply_to_rec=hp1, quote="outlook", tz=PT)
    negative(hpr, ["rank-inquiry", "prematch-offer"], "a program saying it will rank the applicant highly asks nothing")

    # ---------------------------------------------------------------- Lakemont
    k = "lakemont"
    coord, pd = who(k, "coord"), who(k, "pd")
    lk0 = add(ALIAS, [coord], "Question about observerships and IMG applicants",
              "Hello,\n\nMy name is Priya Raman, a 2022 graduate of a medical school in Chennai, and I'm applying "
              "to anesthesiology this cycle. I wanted to ask whether your program considers applicants with US "
              "clinical experience from observerships, or whether hands-on electives are required.\n\n"
              "I look forward to hearing from you.\n\nThank you,\nPriya Raman",
              t(2026, 9, 15, 11, 20), programs=[k], contact=True)
    negative(lk0, ["repeat-after-silence", "desperate-tone"], "'I look forward to hearing from you' is ordinary courtesy")
    add(coord, [ALIAS], "RE: Question about observerships and IMG applicants",
        "Hi Priya,\n\nObserverships are fine - we look at the whole application. Good luck!\n\nDenise Harper\n"
        "Anesthesiology Residency Coordinator, Lakemont Regional",
        t(2026, 9, 16, 9, 5), programs=[k], reply=True)
    platform(IBROKER, "Lakemont Regional Medical Center: interview scheduled",
             "Your interview with Lakemont Regional Medical Center is confirmed for Friday, November 20, 2026.\n\n"
             "Interview Broker - do not reply", t(2026, 10, 25, 14, 0), [k])
    lk1 = add(ME, [pd], "Thank you for Friday",
              "Dr. Brooks,\n\nThank you for a great interview day yesterday. The tour of the new surgical tower and the "
              "lunch with the residents made Lakemont feel like home, and I left even more excited about the "
              "program than I arrived.\n\nBest regards,\nPriya Raman",
              t(2026, 11, 21, 12, 0), programs=[k], contact=True)
    lk2 = add(ME, [pd], "Lakemont",
              "Dear Dr. Brooks,\n\nI hope you are doing well. I wanted to let you know that, after a lot of thought, "
              "I have decided that Lakemont will be the first program on my rank list. I'll be honest that it "
              "wasn't a hard decision after my visit.\n\nWishing you a happy holiday season,\nPriya",
              t(2026, 12, 18, 22, 10), programs=[k], contact=True)
    lk3 = add(ME, [pd], "A brief update",
              "Dear Dr. Brooks,\n\nJust a quick update: I have completed my ACLS renewal and started a research "
              "assistant position in our department's pain clinic.\n\nThank you,\nPriya Raman",
              t(2027, 1, 15, 9, 30), programs=[k], contact=True, bcc=[ME], extra_folders=["INBOX"])

    # ---------------------------------------------------------------- Cottonwood
    k = "cottonwood"
    pd, coord = who(k, "pd"), who(k, "coord")
    add(coord, [ME], "Cottonwood Anesthesiology Interview - December 14",
        "Hi Priya,\n\nThis is to confirm your interview on Monday, December 14. The Zoom link and the day's "
        "agenda are below.\n\nAgenda: 8:00 welcome, 8:30-11:30 faculty interviews, 12:00 resident lunch\n\n"
        "Gail Summers\nCottonwood University Hospital", t(2026, 12, 7, 10, 0), programs=[k], reply=True, tz=MT)
    cw1 = add(ME, [pd], "Thank you",
              "Dear Dr. [LAST NAME],\n\nThank you for interviewing me yesterday. I enjoyed learning about "
              "Cottonwood's high-altitude physiology research and the strong pediatric anesthesia exposure. "
              "I hope to have the chance to work with you.\n\nSincerely,\nPriya Raman",
              t(2026, 12, 15, 20, 5), programs=[k], contact=True)
    add(pd, [ME], "Re: Thank you", "Thanks Priya, it was great to meet you.\n\nRebecca Lin",
        t(2026, 12, 16, 7, 40), programs=[k], reply=True, reply_to_rec=cw1, quote="gmail", tz=MT)
    cw_draft = add(ME, [pd], "Cottonwood - my rank list",
                   "Dear Dr. Lin,\n\nI wanted to let you know that Cottonwood is my #1 choice, and I plan to rank it "
                   "accordingly. The program's focus on pediatric anesthesia is exactly",
                   t(2027, 2, 5, 23, 12), programs=[k], folder="Drafts")

    # ---------------------------------------------------------------- Calloway pair
    mc, rc, gme = who("mercy", "coord"), who("riverbend", "coord"), who("mercy", "gme")
    both = add(ME, [mc, rc], "J-1 sponsorship question - Calloway Health anesthesiology programs",
               "Dear Program Coordinators,\n\nI am applying to both anesthesiology programs at Calloway Health this "
               "season. Could you tell me whether your programs sponsor J-1 visas, and whether H-1B is considered "
               "for applicants who have passed Step 3?\n\nThank you very much,\nPriya Raman",
               t(2026, 10, 10, 10, 10), programs=["mercy", "riverbend"], contact=True)
    add(mc, [ME], "RE: J-1 sponsorship question - Calloway Health anesthesiology programs",
        "Hi Priya,\n\nMercy Campus sponsors J-1 only. Riverbend should answer for their program separately.\n\n"
        "Shauna Price | Mercy Campus Anesthesiology", t(2026, 10, 12, 9, 0), programs=["mercy"], reply=True,
        reply_to_rec=both, quote="outlook")
    amb = add(gme, [ME], "Calloway Health GME - visa sponsorship policy",
              "Dear Applicant,\n\nThank you for your interest in graduate medical education at Calloway Health. "
              "All of our residency programs sponsor the J-1 visa through ECFMG. H-1B sponsorship is decided "
              "case by case and requires a passing Step 3 score before the rank list deadline.\n\n"
              "Linda Ortiz\nGME Office, Calloway Health", t(2026, 10, 13, 15, 30), programs="ambiguous")
    add(rc, [ME], "Riverbend Anesthesiology - interview invitation",
        "Dear Dr. Raman,\n\nWe would be happy to have you interview at Calloway Riverbend on December 2. Please "
        "confirm by replying to this message.\n\nDerek Mills\nRiverbend Anesthesiology",
        t(2026, 11, 3, 9, 45), programs=["riverbend"], reply=True)
    rb1 = add(ME, [rc], "Thank you - Riverbend interview",
              "Dear Mr. Mills,\n\nThank you for coordinating such a well-run interview day yesterday. Please share my "
              "thanks with the residents - the trauma anesthesia experience at Riverbend was impressive.\n\n"
              "Sincerely,\nPriya Raman", t(2026, 12, 3, 8, 50), programs=["riverbend"], contact=True)
    add(mc, [ME], "Mercy Campus interview invitation",
        "Hi Priya,\n\nWe'd love to have you interview on January 6 at Mercy Campus. Let me know if that date "
        "works.\n\nShauna", t(2026, 12, 4, 13, 0), programs=["mercy"], reply=True)
    mc1 = add(ME, [mc], "Thank you from Priya Raman",
              "Hi Shauna,\n\nThank you so much for yesterday. The Mercy Campus residents were so welcoming, and "
              "I really liked the emphasis on obstetric anesthesia.\n\nBest,\nPriya",
              t(2027, 1, 7, 18, 15), programs=["mercy"], contact=True)
    add(gme, [ME], "Mercy Campus - badge and parking for your second look",
        "Hi Dr. Raman,\n\nFor your optional second look at Mercy Campus on January 22, please pick up a visitor badge "
        "at the main lobby; parking is in Garage B.\n\nLinda Ortiz\nGME Office, Calloway Health",
        t(2027, 1, 12, 11, 0), programs=["mercy"], reply=True)

    # ---------------------------------------------------------------- mass thank-you template
    template = (
        "Dear Dr. {pd},\n\n"
        "Thank you for taking the time to meet with me on {day} during my interview at {name}. I truly "
        "appreciated learning about the program's commitment to resident education, the breadth of clinical "
        "exposure, and the supportive culture that was evident throughout the day.\n\n"
        "Our conversation reinforced my interest in {name}. I was particularly impressed by the residents' "
        "enthusiasm and the faculty's dedication to teaching. I believe the program's strengths align well "
        "with my goals of becoming a well-rounded anesthesiologist.\n\n"
        "Thank you again for your time and consideration. I look forward to the possibility of joining "
        "{name}.\n\nSincerely,\nPriya Raman, MD"
    )
    mass = {}
    for key, pdname, day, when in [
        ("ashgrove", "Brennan", "Tuesday", t(2026, 11, 11, 19, 0)),
        ("willowmere", "Cho", "Friday", t(2026, 11, 14, 10, 30)),
        ("baymont", "Jennings", "Tuesday", t(2026, 12, 2, 21, 45)),
        ("copper", "Alvarez", "Thursday", t(2026, 12, 11, 16, 20)),
    ]:
        mass[key] = add(ME, [who(key, "pd")], "Thank you for the interview",
                        template.format(pd=pdname, day=day, name=P[key].aliases[0]), when,
                        programs=[key], contact=True)

    # Ashgrove
    k = "ashgrove"
    ag_upd_text = (
        "Dear Dr. Brennan,\n\nI hope the new year is treating you well. Since we spoke in November, I have "
        "presented our quality-improvement project on PONV prophylaxis at a regional meeting and completed a "
        "four-week observership in cardiac anesthesia.\n\nAshgrove continues to stand out to me - the resident "
        "wellness program and the graduated independence in the ICU are exactly what I hope for in training. "
        "Ashgrove remains a top choice for me.\n\nThank you for your consideration,\nPriya Raman"
    )
    ag_upd = add(ME, [who(k, "pd")], "January update - Priya Raman", ag_upd_text, t(2027, 1, 12, 20, 0),
                 programs=[k], contact=True)
    negative(ag_upd, ["multiple-first-choice", "first-choice-outside-window"], "'a top choice' is not a #1 statement")
    late = add(ME, [who(k, "coord")], "One more question",
               "Hi Tricia,\n\nCould you tell me whether the second-look day in March is still happening?\n\nThanks,\nPriya",
               t(2027, 2, 12, 10, 0), programs=None, track=True)
    late.programs = None  # dated after the as-of moment: ignored, as if it did not exist yet

    # Willowmere
    k = "willowmere"
    add(who(k, "coord"), [ME], "RE: Thank you for the interview",
        "Hello Priya,\n\nDr. Cho asked me to thank you for your note - she enjoyed meeting you.\n\nTasha Reed\n"
        "Residency Coordinator, Willowmere Medical Center", t(2026, 11, 16, 9, 30), programs=[k], reply=True,
        reply_to_rec=mass[k], quote="outlook")
    wm_draft = add(ME, [who(k, "pd")], "Update",
                   "Dear Dr. Cho,\n\nI remain very interested in {{program_name}} and wanted to share that I passed "
                   "Step 3 in December. I would be honored to train at {{program_name}}.\n\nBest regards,\nPriya",
                   t(2027, 2, 3, 22, 0), programs=[k], folder="Drafts")

    # Copper Hills
    k = "copper"
    coord = who(k, "coord")
    cq = add(ME, [coord], "Visa sponsorship - Copper Hills anesthesiology",
             "Hello,\n\nI'm an IMG applicant and would like to know whether Copper Hills sponsors H-1B visas "
             "for incoming residents, or only J-1.\n\nThank you for your time,\nPriya Raman",
             t(2026, 10, 5, 14, 0), programs=[k], contact=True)
    cr = add(coord, [ME], "RE: Visa sponsorship - Copper Hills anesthesiology",
             "Hi Priya,\n\nWe sponsor J-1, and H-1B for applicants who have passed Step 3 by the rank list "
             "deadline.\n\nBonnie Kaye\nGME Coordinator", t(2026, 10, 7, 10, 15), programs=[k], reply=True,
             reply_to_rec=cq, quote="outlook", tz=MT)
    fu = add(ME, [coord], "Re: Visa sponsorship - Copper Hills anesthesiology",
             "Hi Bonnie,\n\nFollowing up on my previous email about visa sponsorship: I have now passed Step 3, so "
             "I wanted to confirm that H-1B would be an option in my case.\n\nThank you again,\nPriya",
             t(2026, 11, 20, 9, 0), programs=[k], contact=True, reply_to_rec=cr, quote="gmail")
    negative(fu, ["repeat-after-silence"], "a follow-up after the coordinator had answered")
    add(coord, [ME], "RE: Visa sponsorship - Copper Hills anesthesiology",
        "Yes, that works - congratulations on Step 3!\n\nBonnie", t(2026, 11, 21, 8, 0), programs=[k],
        reply=True, reply_to_rec=fu, quote="outlook", tz=MT)

    # Baymont
    k = "baymont"
    bm = add(ME, [who(k, "pd")], "Baymont",
             "Dear Dr. Jennings,\n\nI hope you had a good start to the year. I keep coming back to my interview day "
             "at Baymont - the simulation center and the residents' camaraderie stayed with me. Should Baymont "
             "rank me, I'd accept without a second thought; consider it a promise.\n\nKind regards,\nPriya Raman",
             t(2027, 1, 21, 18, 0), programs=[k], contact=True)
    nl = add(who(k, "news"), [ME], "Baymont Anesthesiology Winter Newsletter",
             "Welcome to the winter edition! This issue: meet our new chief residents, a recap of the airway "
             "workshop, and why residents choose Baymont. We offer excellent benefits, including a housing "
             "stipend, four weeks of vacation and an education fund.\n\nTo unsubscribe, click here.",
             t(2027, 1, 5, 7, 0), programs=[k], html="only", tz=ET,
             headers={"List-Id": "Baymont Anesthesiology News <news.baymont.example>",
                      "List-Unsubscribe": "<mailto:leave@baymont.example>"})
    negative(nl, ["prematch-offer"], "'we offer excellent benefits' in a newsletter is not a position offer")

    # ---------------------------------------------------------------- Glen Arbor
    k = "glenarbor"
    pd = who(k, "pd")
    ga1 = add(ME, [pd], "Thank you from Priya Raman",
              "Dear Dr. Sandoval,\n\nThank you for the interview on Friday. Your description of how the program "
              "rebuilt its didactics around resident feedback was really impressive, and the residents clearly "
              "feel heard. I enjoyed the virtual tour of Glen Arbor's new OR suites too!\n\nBest wishes,\nPriya Raman",
              t(2026, 12, 5, 11, 10), programs=[k], contact=True)
    ga2 = add(ME, [pd], "January update - Priya Raman", ag_upd_text.replace("Dr. Brennan", "Dr. Sandoval"),
              t(2027, 1, 13, 19, 30), programs=[k], contact=True)

    # ---------------------------------------------------------------- Kestrel Valley
    k = "kestrel"
    pd = who(k, "pd")
    kv1 = add(ALIAS, [pd], "Thank you - Kestrel Valley",
              "Dear Dr. Hale,\n\nPlease excuse the delay in writing. Thank you for the interview last Friday and "
              "for the thoughtful conversation about the rural outreach rotation. Kestrel Valley's "
              "commitment to underserved communities is something I care deeply about.\n\n"
              "Best regards,\nPriya Raman", t(2027, 1, 14, 21, 0), programs=[k], contact=True)
    kv2 = add(pd, [ALIAS], "Re: Thank you - Kestrel Valley",
              "Priya,\n\nThank you for your note. I'll be direct: we were very impressed with you. I'd like to make "
              "you an offer now - we are holding one categorical position outside of the Match this year, and it "
              "is yours if you can commit to us in writing by February 5 and withdraw from the NRMP. Let me know "
              "and I'll have HR send the paperwork.\n\nMartin Hale, MD\nProgram Director",
              t(2027, 1, 29, 16, 45), programs=[k], reply=True, reply_to_rec=kv1, quote="gmail", tz=MT)

    # ---------------------------------------------------------------- Marlow
    k = "marlow"
    pd = who(k, "pd")
    platform(THALAMUS, "Reminder: your interview with Marlow University Hospitals is tomorrow",
             "Your interview with Marlow University Hospitals (Anesthesiology) starts tomorrow, Dec 16, at 8:00 AM "
             "ET. Join from your Thalamus dashboard.\n\nThalamus", t(2026, 12, 15, 8, 0), [k])
    mw1 = add(ME, [pd], "Thank you!",
              "Dear Dr. Price,\n\nThank you for the interview yesterday. It was a long day, but I enjoyed every minute "
              "of it - especially the case discussion with your chief residents.\n\nAll the best,\nPriya",
              t(2026, 12, 17, 9, 40), programs=[k], contact=True)
    negative(mw1, ["emotional-tone"], "'a long day, but I enjoyed every minute' is not venting")
    mw2 = add(ME, [pd], "Marlow - update and my commitment",
              "Dear Dr. Price,\n\nI wanted to share that I was elected to our hospital's quality committee. More "
              "importantly, I want to be clear about my intentions: if you rank me to match, you have my word that "
              "I'll be there in June - I would sign the contract the same day.\n\nSincerely,\nPriya Raman",
              t(2027, 1, 24, 10, 5), programs=[k], contact=True)

    # ---------------------------------------------------------------- Redcliff
    k = "redcliff"
    coord, pd = who(k, "coord"), who(k, "pd")
    rd1 = add(ME, [coord], "Application - Priya Raman (AAMC ID 17340291)",
              "Dear Redcliff Anesthesiology team,\n\nI have applied to more than 90 programs and so far have not "
              "received a single interview. Redcliff is honestly my last chance at anesthesiology, and I am "
              "pleading with you to consider me for an interview. I will work harder than anyone.\n\n"
              "Respectfully,\nPriya Raman", t(2026, 10, 20, 23, 30), programs=[k], contact=True)
    rinv = add(coord, [ME], "Redcliff Community Hospital - Interview Invitation",
               "Dear Dr. Raman,\n\nWe would like to offer you an interview on Tuesday, November 24. Please reply "
               "to confirm.\n\nWendy Tolliver\nResidency Coordinator", t(2026, 10, 29, 9, 0), programs=[k],
               reply=True, html="alt")
    negative(rinv, ["prematch-offer"], "'offer you an interview' is an invitation")
    add(ME, [coord], "Re: Redcliff Community Hospital - Interview Invitation",
        "Dear Ms. Tolliver,\n\nYes, I confirm November 24. Thank you!\n\nPriya", t(2026, 10, 29, 12, 0),
        programs=[k], reply_to_rec=rinv, quote="gmail")
    rd2 = add(ME, [pd], "Thank you - Redcliff interview",
              "Dear Dr. Okoye,\n\nThank you for the interview yesterday. I know how competitive anesthesiology has "
              "become, and I'm grateful for the chance to meet your team. The community focus at Redcliff and the "
              "high volume of regional cases really appealed to me.\n\nSincerely,\nPriya Raman",
              t(2026, 11, 25, 16, 0), programs=[k], contact=True)
    negative(rd2, ["desperate-tone", "emotional-tone"], "gratitude, not desperation")

    # ---------------------------------------------------------------- Thornbury
    k = "thornbury"
    coord = who(k, "coord")
    platform(THALAMUS, "Interview invitation - Thornbury Medical Center",
             "Hello Priya,\n\nThornbury Medical Center has invited you to interview for Anesthesiology. Log in "
             "to schedule.\n\nThalamus", t(2026, 10, 28, 12, 0), [k])
    resch = add(coord, [ME], "Thornbury Anesthesiology - interview date change",
                "Dear Dr. Raman,\n\nUnfortunately, due to a faculty conflict we need to move your interview from "
                "December 2 to December 9. We apologize for the inconvenience; please let me know if the new date "
                "works.\n\nAshley Moreno\nProgram Coordinator, Thornbury Medical Center",
                t(2026, 11, 24, 14, 30), programs=[k], reply=True, tz=ET)
    vent = add(ME, [coord], "Re: Thornbury Anesthesiology - interview date change",
               "Hi Ashley,\n\nDecember 9 works. Honestly, this is the third program that has moved my interview with "
               "less than a week's notice, and it is getting really frustrating. It feels like the whole process "
               "is stacked against IMGs and nobody cares how much we spend on changing flights.\n\nPriya",
               t(2026, 11, 24, 22, 50), programs=[k], reply_to_rec=resch, quote="gmail")
    tb1 = add(ME, [who(k, "pd")], "Thank you - Thornbury",
              "Dear Dr. Vance,\n\nThank you for yesterday's interview. I appreciated your honesty about where the "
              "program is growing, and the residents' pride in the new pain fellowship was contagious.\n\n"
              "Best,\nPriya Raman", t(2026, 12, 10, 12, 0), programs=[k], contact=True)
    sl = add(coord, [ME], "Thornbury Second Look Day - January 22",
             "Hello Priya,\n\nWe'd like to invite you to our optional second look day on January 22. Many of our "
             "current residents tell us Thornbury was their #1 choice after visiting in person, and we'd love to "
             "show you around. Please let us know if you'd like to attend.\n\nAshley",
             t(2027, 1, 5, 10, 0), programs=[k], reply=True, tz=ET)
    negative(sl, ["rank-inquiry", "prematch-offer"], "an invitation to a second look asks nothing about ranking")
    slr = add(ME, [coord], "RE: Thornbury Second Look Day - January 22",
              "Hi Ashley,\n\nI'd love to attend on January 22 - please count me in.\n\nThanks,\nPriya",
              t(2027, 1, 6, 8, 20), programs=[k], reply_to_rec=sl, quote="outlook")
    negative(slr, ["multiple-first-choice", "first-choice-outside-window"],
             "the '#1 choice' sentence is only in the quoted (Outlook-style) coordinator message")

    # ---------------------------------------------------------------- Sandpiper
    k = "sandpiper"
    coord = who(k, "coord")
    sp1 = add(ME, [coord], "Interest in Sandpiper University Anesthesiology",
              "Dear Sandpiper Anesthesiology team,\n\nI recently submitted my ERAS application and wanted to "
              "express my strong interest in your program, particularly the global health track. I'd be glad to "
              "send any additional materials.\n\nBest regards,\nPriya Raman", t(2026, 9, 20, 10, 0),
              programs=[k], contact=True)
    sp2 = add(ME, [coord], "Re: Interest in Sandpiper University Anesthesiology",
              "Hello again,\n\nDid my message from last month come through? I wanted to make sure it didn't land "
              "in a spam folder.\n\nThank you,\nPriya", t(2026, 10, 22, 9, 15), programs=[k], contact=True,
              reply_to_rec=sp1, quote="gmail")
    platform(THALAMUS, "Application update - Sandpiper University Anesthesiology",
             "Hello Priya,\n\nThank you for applying to Sandpiper University Anesthesiology. After careful review, "
             "the program is unable to offer you an interview this season.\n\nThalamus",
             t(2026, 11, 2, 17, 0), [k])
    sp3 = add(ME, [coord], "Request",
              "Dear Program Coordinator,\n\nI received the notice that I won't be interviewed this year. Would you "
              "be willing to tell me what in my application led to the decision not to extend an interview? Any "
              "feedback would help me strengthen my application if I need to reapply.\n\nThank you,\nPriya Raman",
              t(2026, 11, 4, 8, 0), programs=[k], contact=True)

    # ---------------------------------------------------------------- Ironwood
    k = "ironwood"
    coord, y, r = who(k, "coord"), who(k, "yamamoto"), who(k, "roth")
    iw1 = add(ME, [coord], "Thank you - Ironwood interview day",
              "Dear Ms. Ferris,\n\nThank you for the wonderful interview day yesterday and for answering all my "
              "questions about the schedule. Please extend my thanks to the residents who gave the tour.\n\n"
              "Kind regards,\nPriya Raman", t(2026, 11, 6, 13, 0), programs=[k], contact=True)
    req = ("I am hoping to get more involved in regional anesthesia research before residency. Would you have "
           "15 minutes in the next couple of weeks for a short call to discuss any ongoing projects I might be "
           "able to help with?\n\nThank you for considering it,\nPriya Raman")
    iw2 = add(ME, [y], "Research question", "Dear Dr. Yamamoto,\n\n" + req, t(2026, 11, 30, 9, 0),
              programs=[k], contact=True)
    iw3 = add(ME, [r], "Research question", "Dear Dr. Roth,\n\n" + req, t(2026, 12, 1, 9, 5),
              programs=[k], contact=True)

    # ---------------------------------------------------------------- Falcon Ridge
    k = "falcon"
    coord = who(k, "coord")
    fr1 = add(ME, [coord], "Prospective applicant - Priya Raman",
              "Dear Falcon Ridge Anesthesiology Program,\n\nI'm writing to introduce myself as an applicant this "
              "season. I'm particularly drawn to your program's mountain-medicine elective and your strong "
              "obstetric volume. My application is complete in ERAS.\n\nRespectfully,\nPriya Raman",
              t(2026, 10, 1, 9, 0), programs=[k], contact=True)
    add(coord, [ME], "Automatic reply: Prospective applicant - Priya Raman",
        "Thank you for your message. The residency office is closed for the fall conference until October 5. "
        "We will respond as soon as possible.", t(2026, 10, 1, 9, 1), programs=[k],
        headers={"Auto-Submitted": "auto-replied", "X-Auto-Response-Suppress": "All"}, tz=MT)
    fr2 = add(ME, [coord], "Re: Prospective applicant - Priya Raman",
              "Hello,\n\nI wanted to circle back on the note I sent on October 1st, in case it got buried in your "
              "inbox. I remain very interested in Falcon Ridge.\n\nBest,\nPriya Raman",
              t(2026, 10, 16, 10, 30), programs=[k], contact=True, reply_to_rec=fr1, quote="gmail")
    fr_draft = add(ME, [coord], "Please reconsider",
                   "Dear Program Director,\n\nPlease, I am begging you - I really need this spot. Without it I don't "
                   "know what I will do with my career.\n\nPriya",
                   t(2027, 2, 6, 1, 30), programs=[k], folder="Drafts")

    # ---------------------------------------------------------------- Oakridge
    k = "oakridge"
    pd, personal = who(k, "pd"), who(k, "pd_personal")
    ok1 = add(ME, [pd], "Thank you - Oakridge Memorial",
              "Dear Dr. Mensah,\n\nSorry this is late - the last two weeks have been miserable; two programs "
              "cancelled on me the night before and nobody even bothered to apologize. This process is brutal.\n\n"
              "Anyway, thank you for the interview on December 3. I enjoyed hearing about Oakridge's liver "
              "transplant program.\n\nBest,\nPriya", t(2026, 12, 9, 23, 15), programs=[k], contact=True)
    ok2 = add(personal, [ME], "Re: Thank you - Oakridge Memorial",
              "Hi Priya - replying from my phone. Thanks for the note, and hang in there. The season is long for "
              "everyone.\n\nKwame\n\nSent from my iPhone", t(2026, 12, 10, 6, 30), programs=[k], reply=True,
              reply_to_rec=ok1, quote="gmail", tz=ET)

    # ---------------------------------------------------------------- Bayshore (outside the Match)
    k = "bayshore"
    coord, pd = who(k, "coord"), who(k, "pd")
    bs0 = add(ME, [coord], "Inquiry about Bayshore anesthesiology positions",
              "Hello,\n\nI'm an IMG interested in your anesthesiology program. Could you tell me how many "
              "positions you offer and whether you accept applicants who graduated in 2022?\n\nThank you,\nPriya",
              t(2026, 10, 8, 16, 0), programs=[k], contact=True)
    add(coord, [ME], "RE: Inquiry about Bayshore anesthesiology positions",
        "Hi Priya,\n\nWe have two positions and accept graduates within five years. Our program fills outside "
        "the NRMP Match. We'd be glad to interview you on November 30.\n\nElena Vasquez",
        t(2026, 10, 9, 10, 0), programs=[k], reply=True, tz=PT)
    bs1 = add(ME, [pd], "Thank you - Bayshore",
              "Dear Dr. Ridley,\n\nThank you for the interview yesterday and for the time you spent explaining how "
              "residents rotate through the county trauma center.\n\nKind regards,\nPriya Raman",
              t(2026, 12, 1, 10, 0), programs=[k], contact=True)
    offer = add(pd, [ME], "Offer of Appointment - PGY-1 Anesthesiology",
                "Dear Dr. Raman,\n\nOn behalf of Bayshore Community Hospital, I am pleased to offer you a PGY-1 "
                "position in our anesthesiology residency beginning July 1, 2027. The enclosed agreement outlines "
                "salary and benefits. To secure your position, please sign and return the agreement by December "
                "22, 2026; the offer will lapse after that date.\n\nCongratulations,\nFrank Ridley, MD\n"
                "Program Director", t(2026, 12, 14, 11, 0), programs=[k], reply=True, tz=PT,
                attachments=[("Bayshore_PGY1_Agreement_Raman.pdf", "application/pdf", pdf("agreement"))])
    bsr = add(ME, [pd], "Re: Offer of Appointment - PGY-1 Anesthesiology",
              "Dear Dr. Ridley,\n\nThank you so much for this offer. Before I respond, could you confirm: is this "
              "position participating in the NRMP Match, or is it outside the Match system? I would also like my "
              "mentor and our GME office to read the agreement before signing.\n\nWith thanks,\nPriya",
              t(2026, 12, 14, 20, 0), programs=[k], reply_to_rec=offer, quote="gmail")
    negative(bsr, ["prematch-offer", "conditional-commitment"], "the applicant's own careful question about the offer")
    add(pd, [ME], "RE: Re: Offer of Appointment - PGY-1 Anesthesiology",
        "Yes - we are outside the Match. Take the time you need to have it reviewed.\n\nFrank",
        t(2026, 12, 15, 9, 0), programs=[k], reply=True, reply_to_rec=bsr, quote="outlook", tz=PT)

    # ---------------------------------------------------------------- Silverton
    k = "silverton"
    pd = who(k, "pd")
    sv1 = add(ME, [pd], "Thank you for the interview",
              "Dear Dr. Kim,\n\nThank you for yesterday. After my observership at Lakemont Regional last spring, I "
              "thought I knew what a strong community of residents looks like - but Silverton's residents "
              "surprised me with how much they teach each other. I'm grateful for the opportunity.\n\n"
              "Best regards,\nPriya Raman", t(2027, 1, 13, 9, 30), programs=[k], contact=True)
    negative(sv1, ["wrong-program-name"], "names its own program as well as another one (an observership)")
    sv2 = add(pd, [ME], "RE: Thank you for the interview",
              "Priya,\n\nThanks for the kind words. Just between us - where is Silverton likely to land on your rank "
              "list? It would also help me to know which other Midwest programs you are still considering.\n\n"
              "Rob Kim", t(2027, 1, 18, 17, 10), programs=[k], reply=True, reply_to_rec=sv1, quote="outlook")
    add(ME, [pd], "Re: Thank you for the interview",
        "Dear Dr. Kim,\n\nThank you for asking. I'd prefer to keep my rank list private, but I can say I was very "
        "impressed by Silverton.\n\nBest,\nPriya", t(2027, 1, 19, 8, 0), programs=[k], reply_to_rec=sv2,
        quote="gmail")

    # ---------------------------------------------------------------- Halcyon Bay
    k = "halcyon"
    coord, pd = who(k, "coord"), who(k, "pd")
    pol = add(coord, [ME], "Halcyon Bay Anesthesiology - interview day details",
              "Dear Applicant,\n\nThank you for interviewing with Halcyon Bay Medical Center on January 14. "
              "Please note that, out of fairness to all candidates, our program does not accept thank-you letters "
              "or any other post-interview correspondence. Our rank list is based solely on the interview day.\n\n"
              "Monica Hart\nProgram Coordinator", t(2027, 1, 10, 12, 0), programs=[k], reply=True, tz=PT,
              html="alt")
    hb1 = add(ME, [pd], "Thank you - Halcyon Bay",
              "Dear Dr. Cole,\n\nThank you for the interview on Thursday. I loved hearing about the cardiothoracic "
              "experience and the residents' research day.\n\nSincerely,\nPriya Raman",
              t(2027, 1, 16, 11, 0), programs=[k], contact=True)

    # ---------------------------------------------------------------- Prairie Sky
    k = "prairie"
    coord, pd = who(k, "coord"), who(k, "pd")
    ps0 = add(ALIAS, [coord], "Question from an applicant",
              "Hello Prairie Sky team,\n\nI'm an IMG applying in anesthesiology and noticed your program is "
              "relatively new. Could you tell me whether you have had IMG residents so far?\n\nThanks,\nPriya Raman",
              t(2026, 9, 25, 13, 0), programs=[k], contact=True)
    ps_r = add(coord, [ALIAS], "Re: Question from an applicant",
               "Hi Priya, yes - two of our current residents are IMGs. We offer excellent benefits and a supportive "
               "environment; we'd encourage you to apply.\n\nPrairie Sky Anesthesia Program",
               t(2026, 9, 26, 9, 0), programs=[k], reply=True, reply_to_rec=ps0, quote="gmail")
    negative(ps_r, ["prematch-offer"], "'we offer excellent benefits' is a description, not a position offer")
    ps1 = add(ALIAS, [pd], "Thank you, Dr. Hollis",
              "Dear Dr. Hollis,\n\nThank you for the interview yesterday. Prairie Sky's small size and the way you "
              "know every resident by their goals were really meaningful to me.\n\nBest,\nPriya",
              t(2026, 11, 19, 19, 0), programs=[k], contact=True)
    ps2 = add(ALIAS, [pd], "Update - Priya Raman",
              "Dear Dr. Hollis,\n\nA quick update: my poster on regional anesthesia for hip fractures was accepted "
              "at a spring meeting, and my mentor gave me helpful feedback on the poster that I have already "
              "incorporated. Prairie Sky is one of my top choices.\n\nWarmly,\nPriya",
              t(2027, 1, 28, 10, 0), programs=[k], contact=True)
    negative(ps2, ["feedback-request", "multiple-first-choice"], "mentions feedback received; 'one of my top choices'")

    # ---------------------------------------------------------------- Dunmore
    k = "dunmore"
    coord = who(k, "coord")
    dm = add(coord, [ME], "Dunmore Anesthesiology - post-interview survey",
             "Dear Dr. Raman,\n\nThank you again for interviewing with us on December 15. To help our committee "
             "with planning, could you let us know which other programs you have interviewed with this season?\n\n"
             "Carla Benson\nDunmore University Anesthesiology", t(2026, 12, 20, 10, 0), programs=[k], reply=True, tz=ET)

    # ---------------------------------------------------------------- tricky non-program mail (tracked as null)
    mentor = ("Dr. Anand Krishnan", "anand.krishnan@mail.example")
    add(mentor, [ME], "Re: rank list thoughts",
        "Priya,\n\nHarbor Point and St. Brigid both sound excellent. Remember you can only tell one of them they "
        "are your first choice. Lakemont is a solid option too.\n\nAnand", t(2027, 1, 18, 21, 0), track=True)
    add(("IMG Anesthesia Applicants", "img-anes@lists.example"), [ME], "[IMG-Anes] Has anyone heard from Kestrel Valley?",
        "Has anyone heard back from Kestrel Valley or Silverton after interviewing? Thanks!", t(2027, 1, 20, 22, 0),
        headers={"List-Id": "IMG anesthesia applicants <img-anes.lists.example>", "Precedence": "list"}, track=True)
    add(("Hotel Eastfield Downtown", "reservations@hotel-eastfield.example"), [ME], "Your reservation is confirmed",
        "Thank you for booking Hotel Eastfield Downtown, Nov 8-9. Confirmation #A77231.", t(2026, 10, 15, 9, 0),
        track=True)
    add(("Outlook Team", "no-reply@outlook.example"), [ALIAS], "Your mailbox is almost full",
        "Your Outlook.example mailbox is 90% full.", t(2026, 12, 2, 3, 0), track=True)
    add(("Sarah Lee", "sarah.lee@outlook.example"), [ME], "coffee this weekend?",
        "Hey! Are you free Saturday? Let me know how the interviews are going.", t(2026, 11, 27, 18, 0), track=True)
    add(ERAS, [ME], "ERAS: Your application has been certified",
        "Your MyERAS application for the 2027 season has been certified and submitted to programs.",
        t(2026, 9, 8, 10, 0), track=True)
    add(THALAMUS, [ME], "Your Thalamus calendar was updated",
        "One or more interview events on your calendar have changed. Log in to review.",
        t(2026, 11, 25, 7, 0), track=True, headers={"Auto-Submitted": "auto-generated"})
    add(ME, [mentor], "rank list thoughts",
        "Dear Dr. Krishnan,\n\nI'm torn between Harbor Point and St. Brigid for my #1 spot. Could we talk this week?\n\n"
        "Priya", t(2027, 1, 18, 8, 0), track=True)

    # ---------------------------------------------------------------- expected findings
    finding("multiple-first-choice", ["stbrigid", "harbor", "lakemont"], [sb1, hp1, lk2])
    finding("multiple-first-choice", ["stbrigid", "harbor", "lakemont", "cottonwood"], [cw_draft, sb1, hp1, lk2],
            draft=True)
    finding("first-choice-outside-window", ["lakemont"], [lk2])
    finding("conditional-commitment", ["marlow"], [mw2])
    finding("conditional-commitment", ["baymont"], [bm])
    finding("template-placeholder", ["cottonwood"], [cw1])
    finding("template-placeholder", ["willowmere"], [wm_draft], draft=True)
    finding("wrong-program-name", ["glenarbor"], [ga2])
    finding("desperate-tone", ["redcliff"], [rd1])
    finding("desperate-tone", ["falcon"], [fr_draft], draft=True)
    finding("emotional-tone", ["thornbury"], [vent])
    finding("emotional-tone", ["oakridge"], [ok1])
    finding("feedback-request", ["sandpiper"], [sp3])
    finding("mass-email", ["ashgrove", "willowmere", "baymont", "copper"], list(mass.values()))
    finding("same-request-multiple-faculty", ["ironwood"], [iw2, iw3])
    finding("repeat-after-silence", ["sandpiper"], [sp1, sp2])
    finding("repeat-after-silence", ["falcon"], [fr1, fr2])
    finding("late-thank-you", ["kestrel"], [kv1])
    finding("late-thank-you", ["oakridge"], [ok1])
    finding("prematch-offer", ["bayshore"], [offer])
    finding("prematch-offer", ["kestrel"], [kv2])
    finding("rank-inquiry", ["silverton"], [sv2])
    finding("rank-inquiry", ["dunmore"], [dm])
    finding("contact-despite-policy", ["halcyon"], [hb1])
    _ = (th, amb, lk1, lk3, ga1, iw1, mc1, rb1, tb1, bs0, bs1, ps1, sp1, pol)


# ----------------------------------------------------------------------------- routine program mail


COORD_FALLBACK = {"glenarbor", "kestrel", "marlow", "silverton", "oakridge", "baymont"}
HAS_THALAMUS_INVITE = {"eastfield", "harbor", "thornbury"}


def routine() -> None:
    """The everyday traffic of an interview season: platform invitations, confirmations and
    reminders (automated, naming the program), the coordinator's Zoom-link email (a person),
    Priya's short "received, thank you" replies (not contacts), post-interview surveys, and
    program newsletters (List-Id). Person-written mail is dated before the interview day, so
    the quiet-program story above is not changed by it."""
    for p in PROGRAMS:
        if p.interview is None:
            platform(ERAS, f"MyERAS: {p.name} downloaded your application",
                     f"{p.name} has downloaded your application documents. This is an automated message.",
                     t(2026, 9, 30, 8, rng.randrange(60)), [p.key])
            continue
        iv = datetime.combine(p.interview, datetime.min.time(), tzinfo=CT)
        invited = iv - timedelta(days=rng.randint(24, 40), hours=rng.randint(-10, 10))
        if p.key not in HAS_THALAMUS_INVITE:
            platform(THALAMUS, rng.choice([f"Interview invitation - {p.name}", f"You're invited to interview: {p.name}"]),
                     f"Hello Priya,\n\n{p.name} has invited you to interview for the 2027 Match. Log in to Thalamus to "
                     "select a date. Invitations may expire.\n\nThis is an automated message - please do not reply.",
                     invited, [p.key])
        platform(THALAMUS, f"Interview confirmed: {p.name}",
                 f"Your interview with {p.name} on {p.interview:%A, %B} {p.interview.day} is confirmed. "
                 "It has been added to your Thalamus calendar.", invited + timedelta(hours=rng.randint(5, 30)), [p.key])
        if p.key in COORD_FALLBACK:
            coord = ("Residency Coordinator", f"anesthesia.coordinator@{p.domains[0]}")
        else:
            coord = p.people["coord"]
        z = add(coord, [ME], rng.choice(["Zoom link for your interview", "Virtual interview day - logistics",
                                          f"{p.aliases[0]} Anesthesiology: interview day details"]),
                f"Hello Dr. Raman,\n\nHere is the Zoom link for your interview on {p.interview:%B} {p.interview.day}: "
                f"https://zoom.example/j/{rng.randint(10**9, 10**10)}\n\nPlease log in 15 minutes early. The day "
                "ends around 2 pm with a resident Q&A.\n\nBest,\n" + coord[0],
                iv - timedelta(days=rng.randint(3, 6), hours=rng.randint(-6, 6)), programs=[p.key], reply=True,
                html=rng.choice([None, "alt", "only"]), tz=p.tz)
        if rng.random() < 0.6:
            add(ME, [coord], "Re: " + z.subject,
                rng.choice(["Received, thank you! See you then.\n\nPriya",
                            "Thank you for sending this - I have the link saved.\n\nBest,\nPriya Raman",
                            "Got it, thanks so much!\n\nPriya"]),
                z.when + timedelta(hours=rng.randint(2, 20)), programs=[p.key], reply_to_rec=z, quote="gmail")
        platform(THALAMUS, f"Reminder: {p.name} interview tomorrow",
                 f"This is a reminder that your interview with {p.name} is tomorrow. Join from your dashboard.",
                 iv - timedelta(hours=rng.randint(14, 20)), [p.key])
        platform(IBROKER if rng.random() < 0.3 else THALAMUS, f"Post-interview survey: {p.name}",
                 f"{p.name} would like your feedback on the interview day. The survey is anonymous.",
                 iv + timedelta(days=2, hours=rng.randint(0, 20)), [p.key])
    for key, domain in [("harbor", "hpuh.test"), ("lakemont", "lakemont-rmc.example"),
                        ("marlow", "marlow-uh.example"), ("thornbury", "thornbury-mc.example"),
                        ("silverton", "silverton-umc.example"), ("ironwood", "ironwoodhealth.example")]:
        for i in range(3):
            add((f"{P[key].aliases[0]} Anesthesiology", f"no-reply@{domain}"), [ME],
                rng.choice(["Grand Rounds this week", "Resident spotlight", "Virtual open house recording",
                            "Department newsletter"]),
                f"News from {P[key].aliases[0]} Anesthesiology: grand rounds schedule, a resident spotlight and "
                "photos from the holiday party.\n\nYou are on this list because you registered for an open house.",
                datetime(2026, 10, 1, 7, tzinfo=CT) + timedelta(days=rng.randint(0, 120)), programs=[key],
                headers={"List-Id": f"{key} news <news.{domain}>"}, html="only", tz=P[key].tz)


# ----------------------------------------------------------------------------- noise

FIRST = ["Anita", "Rahul", "Meera", "Kevin", "Sofia", "Arjun", "Lucy", "Omar", "Divya", "Chris", "Nina", "Vikram"]
NEWSLETTERS = [
    ("Anesthesia Weekly Digest", "digest@anesthesia-weekly.example", "anesthesia-weekly.example"),
    ("Perioperative Medicine Review", "editors@periop-review.example", "periop-review.example"),
    ("Global Health Notes", "newsletter@globalhealthnotes.example", "globalhealthnotes.example"),
    ("Residency Match Tips", "tips@matchtips.example", "matchtips.example"),
    ("Daily Med Brief", "brief@dailymed.example", "dailymed.example"),
    ("AAMC News", "news@aamc.org", "news.aamc.org"),
]
TOPICS = ["airway management", "sugammadex dosing", "ERAS protocols", "regional blocks", "ICU sedation",
          "burnout among trainees", "USMLE study plans", "visa interview tips", "point-of-care ultrasound",
          "malignant hyperthermia drills", "opioid stewardship", "pediatric induction", "personal statements"]
SHOPS = [("ShopMart", "orders@shopmart.example"), ("BookNook", "receipts@booknook.example"),
         ("QuickRide", "receipts@quickride.example"), ("FoodDash", "no-reply@fooddash.example"),
         ("AirNational", "confirmations@airnational.example")]
SOCIAL = [("LinkUp", "notifications@linkup.example"), ("Photogram", "no-reply@photogram.example"),
          ("FriendSpace", "notify@friendspace.example")]
BANKS = [("First Lakeside Bank", "alerts@firstlakeside-bank.example"), ("CardOne", "service@cardone.example")]
EXAMS = [("ECFMG", "notifications@ecfmg.test"), ("NBME Score Reporting", "scores@nbme.test"),
         ("USMLE Secretariat", "no-reply@usmle.test")]
FRIENDS = [("Amma", "lakshmi.raman@mail.example"), ("Karthik Raman", "karthik.r@gmail.example"),
           ("Deepa S", "deepa.s@mail.example"), ("Jess Moore", "jess.moore@mail.example")]


def noise_date() -> datetime:
    start = datetime(2026, 9, 1, 0, 0, tzinfo=CT)
    return start + timedelta(minutes=rng.randrange(int((AS_OF - start).total_seconds() // 60)))


def noise(n: int) -> None:
    global NOISE_COUNT
    for i in range(n):
        kind = rng.random()
        when = noise_date()
        if kind < 0.30:
            name, addr, lid = rng.choice(NEWSLETTERS)
            topic = rng.choice(TOPICS)
            add((name, addr), [ME], f"{name}: {topic.title()} and more",
                f"This week: {topic}, {rng.choice(TOPICS)} and {rng.choice(TOPICS)}.\n\nRead more on our site. "
                f"You are receiving this because you subscribed.\nUnsubscribe | Manage preferences",
                when, headers={"List-Id": f"{name} <{lid}>", "List-Unsubscribe": f"<mailto:unsub@{lid}>"},
                html=rng.choice(["alt", "only"]), tz=UTC)
        elif kind < 0.45:
            name, addr = rng.choice(SHOPS)
            add((name, addr), [ME], f"Your {name} receipt #{rng.randint(100000, 999999)}",
                f"Thanks for your order.\n\nTotal: ${rng.randint(5, 300)}.{rng.randint(10, 99)}\n\n{name}",
                when, html="alt", tz=UTC)
        elif kind < 0.60:
            name, addr = rng.choice(SOCIAL)
            add((name, addr), [ME], f"{rng.choice(FIRST)} {rng.choice(['commented on your post', 'sent you a message', 'wants to connect', 'mentioned you'])}",
                "See what's new on " + name + ".\n\nTurn off these notifications in settings.", when,
                headers={"Precedence": "bulk"}, html="only", tz=UTC)
        elif kind < 0.70:
            name, addr = rng.choice(BANKS)
            add((name, addr), [ME], rng.choice(["Your statement is ready", "Transaction alert", "Payment received",
                                                "Security notice: new sign-in"]),
                f"A transaction of ${rng.randint(3, 900)}.{rng.randint(10, 99)} was posted to your account.\n\n{name}",
                when, tz=UTC)
        elif kind < 0.75:
            name, addr = rng.choice(EXAMS)
            add((name, addr), [ME], rng.choice(["Your Step 3 scheduling permit", "ECFMG certification status",
                                                "Score report available", "OET/English requirement reminder"]),
                "Log in to your account to view this notice.\n\n" + name, when, tz=ET)
        elif kind < 0.82:
            sender = rng.choice([THALAMUS, ERAS, IBROKER])
            add(sender, [ME], rng.choice(["Reminder: complete your Thalamus profile", "New feature: calendar sync",
                                          "Your MyERAS documents were updated", "Tips for virtual interviews",
                                          "Weekly summary of your interview calendar"]),
                "Log in to your dashboard for details. This is an automated message - please do not reply.",
                when, headers={"Auto-Submitted": "auto-generated"}, tz=UTC)
        elif kind < 0.94:
            name, addr = rng.choice(FRIENDS)
            mine = rng.random() < 0.35
            subj = rng.choice(["dinner sunday", "photos from the wedding", "call tonight?", "flight details",
                               "happy birthday!!", "recipe you asked for", "how did it go?"])
            body = rng.choice(["Call me when you are free.", "Here are the photos :)", "Miss you! How are the "
                               "interviews going?", "Landing at 6:40 pm, terminal 5.", "So proud of you!"])
            if mine:
                add(ME, [(name, addr)], subj, body + "\n\nPriya", when)
            else:
                add((name, addr), [ME], subj, body, when, tz=rng.choice([CT, ET, ZoneInfo("Asia/Kolkata")]))
        else:
            name, addr = rng.choice(SHOPS[4:] + [("CityStay Hotels", "stay@citystay.example")])
            add((name, addr), [ME], rng.choice(["Your trip confirmation", "Check-in now open", "Receipt for your stay"]),
                f"Confirmation code {_b62(6).upper()}. Thank you for traveling with us.", when, html="alt", tz=UTC,
                no_mid=(i % 97 == 0))
        NOISE_COUNT += 1


# ----------------------------------------------------------------------------- ground truth


def expected() -> dict:
    seen: set[str] = set()
    contacts = {p.key: [] for p in PROGRAMS}
    replies = {p.key: [] for p in PROGRAMS}
    messages: dict[str, object] = {}
    for r in RECS:
        if r.mid in seen:
            raise SystemExit(f"duplicate Message-ID in the generator: {r.mid}")
        seen.add(r.mid)
        if r.programs is None:
            if r.track:
                messages[r.mid] = None
            continue
        if r.programs == "ambiguous":
            messages[r.mid] = "ambiguous"
            continue
        names = [P[k].name for k in r.programs]
        messages[r.mid] = names[0] if len(names) == 1 else sorted(names)
        if r.when > AS_OF:
            raise SystemExit(f"program message after as-of must have programs=None: {r.subject}")
        for k in r.programs:
            if r.direction == "out" and r.contact and r.folder != "Drafts":
                contacts[k].append(r)
            if r.direction == "in" and r.reply:
                replies[k].append(r)
    programs = {}
    for p in PROGRAMS:
        n = len(contacts[p.key])
        status = "over_limit" if n > LIMIT else "at_limit" if n == LIMIT else "ok"
        programs[p.name] = {"contacts": n, "replies": len(replies[p.key]), "status": status}
        if n > LIMIT:
            FINDINGS.append({"rule": "over-contact-limit", "programs": [p.name], "draft": False,
                             "message_ids": [r.mid for r in contacts[p.key]]})
        elif n == LIMIT:
            FINDINGS.append({"rule": "at-contact-limit", "programs": [p.name], "draft": False,
                             "message_ids": [r.mid for r in contacts[p.key]]})
        if n:
            last = max(contacts[p.key], key=lambda r: r.when)
            answered = any(r.when > last.when for r in replies[p.key])
            if not answered and last.when <= AS_OF - timedelta(days=QUIET_DAYS):
                FINDINGS.append({"rule": "quiet-program", "programs": [p.name], "draft": False,
                                 "message_ids": [last.mid]})
        # sanity check of the late thank-you story against the SPEC's definition
        if p.interview:
            end = datetime.combine(p.interview + timedelta(days=1), datetime.min.time(), tzinfo=CT)
            after = sorted((r for r in RECS if r.direction == "out" and r.folder == "Sent" and r.programs
                            and r.programs != "ambiguous" and p.key in r.programs
                            and r.when.date() >= p.interview and r.when <= AS_OF), key=lambda r: r.when)
            late = bool(after) and after[0].when > end + timedelta(hours=WINDOW_HOURS)
            want = any(f["rule"] == "late-thank-you" and f["programs"] == [p.name] for f in FINDINGS)
            assert late == want, (p.name, late, want)
    order = {name: i for i, name in enumerate(
        ["over-contact-limit", "at-contact-limit", "multiple-first-choice", "conditional-commitment",
         "template-placeholder", "wrong-program-name", "desperate-tone", "emotional-tone", "feedback-request",
         "mass-email", "same-request-multiple-faculty", "repeat-after-silence", "late-thank-you",
         "first-choice-outside-window", "prematch-offer", "rank-inquiry", "contact-despite-policy", "quiet-program"])}
    FINDINGS.sort(key=lambda f: (order[f["rule"]], f["draft"], f["programs"]))
    return {
        "as_of": AS_OF.isoformat(),
        "account": ME[1],
        "limit": LIMIT,
        "programs": programs,
        "messages": messages,
        "findings": FINDINGS,
        "hard_negatives": NEGATIVES,
        "noise_messages": NOISE_COUNT,
    }


def config_toml() -> str:
    def q(s: str) -> str:
        return json.dumps(s)

    lines = [
        "# Evaluation season for inboxcoach - generated by tools/make_eval_season.py; do not edit.",
        "[account]",
        f"email = {q(ME[1])}",
        f"aliases = [{q(ALIAS[1])}]",
        'imap_host = "imap.example.net"',
        "imap_port = 993",
        'imap_security = "tls"',
        'password_env = "INBOXCOACH_PASSWORD"',
        'smtp_host = "smtp.example.net"',
        "smtp_port = 465",
        'smtp_security = "tls"',
        "",
        "[season]",
        "match_year = 2027",
        'specialty = "anesthesiology"',
        'timezone = "America/Chicago"',
        "",
        "[limits]",
        f"max_contacts_per_program = {LIMIT}",
        f"thank_you_window_hours = {WINDOW_HOURS}",
        f"quiet_after_days = {QUIET_DAYS}",
        "",
    ]
    for p in PROGRAMS:
        lines += ["[[programs]]", f"name = {q(p.name)}", f"aliases = [{', '.join(q(a) for a in p.aliases)}]"]
        if p.domains:
            lines.append(f"domains = [{', '.join(q(d) for d in p.domains)}]")
        if p.contacts:
            lines.append(f"contacts = [{', '.join(q(c) for c in p.contacts)}]")
        if p.interview:
            lines.append(f"interview_date = {p.interview.isoformat()}")
        lines.append(f"nrmp = {'true' if p.nrmp else 'false'}")
        lines.append("")
    return "\n".join(lines)


# ----------------------------------------------------------------------------- writing


def write_maildir(root: Path) -> Path:
    md = root / "Maildir"
    folders = {"INBOX": md, "Sent": md / ".Sent", "Drafts": md / ".Drafts", "Archive": md / ".Archive"}
    for name, path in folders.items():
        for sub in ("cur", "new", "tmp"):
            (path / sub).mkdir(parents=True, exist_ok=True)
        if name != "INBOX":
            (path / "maildirfolder").touch()
    for n, r in enumerate(RECS):
        for folder in [r.folder, *r.extra_folders]:
            flags = "DS" if folder == "Drafts" else "S"
            stamp = int(r.when.timestamp())
            digest = hashlib.sha1(r.raw).hexdigest()[:8]
            (folders[folder] / "cur" / f"{stamp}.M{n}P{digest}.eval:2,{flags}").write_bytes(r.raw)
    return md


def build() -> dict:
    global rng, NOISE_COUNT
    rng = random.Random(SEED)
    random.seed(SEED)  # email's MIME boundaries come from the module-level generator
    RECS.clear(), FINDINGS.clear(), NEGATIVES.clear()
    NOISE_COUNT = 0
    story()
    routine()
    noise(2000)
    return expected()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("outdir", type=Path)
    ap.add_argument("--write-fixtures", action="store_true",
                    help="also write tests/data/eval_season/config.toml and expected.json")
    args = ap.parse_args(argv)
    exp = build()
    md = write_maildir(args.outdir)
    if args.write_fixtures:
        FIXTURES.mkdir(parents=True, exist_ok=True)
        (FIXTURES / "config.toml").write_text(config_toml())
        (FIXTURES / "expected.json").write_text(json.dumps(exp, indent=1, ensure_ascii=False) + "\n")
    n_prog = sum(1 for r in RECS if r.programs)
    print(f"{md}: {len(RECS)} messages ({n_prog} program-related, {NOISE_COUNT} noise), "
          f"{len(exp['findings'])} expected findings", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
