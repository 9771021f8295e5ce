#!/usr/bin/env python3
"""Write a fourth, independent rehearsal season that stresses MATCHING AND COUNTING edge cases.

    python tools/make_edge_season.py OUTDIR [--write-fixtures]

A US graduate (Dana Okafor, plain and concise) applies in anesthesiology, Match 2027,
time zone America/Denver, as of 2027-02-03 08:30 local. 22 fictional programs, known in
different ways: by domain only, by contacts only (personal webmail addresses at the same
webmail domain as the applicant's alias), by a domain whose subdomains are in use, with
mixed-case addresses, two programs of one health system sharing a domain (contacts and
names in the text decide; one message naming neither is ambiguous), and lookalike domains
that must not match. Counting edges: Bcc'd sends, a message To the applicant herself with
programs in Bcc, Reply-To a program on a no-reply message, a forward to a mentor, a thread
the applicant started, replies to program-started threads, a rank question answered
politely, out-of-office auto replies, List-Id newsletters, platform notices naming a
program by alias, calendar invitations, messages without a Message-ID duplicated in an
Archive folder, mail dated after as-of, drafts, and a draft that was later sent.

Writes OUTDIR/Maildir (INBOX, .Sent, .Drafts, .Archive). With --write-fixtures also writes
tests/data/edge_season/config.toml and expected.json. Stdlib only, deterministic.

The ground truth follows /work/shared/SPEC.md "Matching and counting" literally; the readings
chosen where the SPEC is silent are noted next to the messages concerned.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from datetime import datetime, timedelta, timezone
from email.message import EmailMessage
from email.utils import format_datetime, formataddr
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "edge_season"
TZ = ZoneInfo("America/Denver")
AS_OF = datetime(2027, 2, 3, 8, 30, tzinfo=TZ)
LIMIT = 3
QUIET_DAYS = 7
ME = "dana.okafor@example.org"
ALIAS = "dana.okafor.md@mail.example"
ME_NAME = "Dana Okafor"
SIG = "\n\nBest,\nDana Okafor\nMS4, Plains State College of Medicine\n"
THALAMUS = ("Thalamus", "notifications@thalamusgme.com")
ERAS = ("ERAS", "erasnotifications@aamc.org")
IBROKER = ("Interview Broker", "notifications@interviewbroker.com")
N_NOISE = 1200

P: dict[str, dict[str, Any]] = {}


def _prog(key: str, name: str, aliases: list[str], domains: list[str], contacts: list[str],
          interview: str | None, nrmp: bool = True) -> None:
    P[key] = {"name": name, "aliases": aliases, "domains": domains, "contacts": contacts,
              "interview": interview, "nrmp": nrmp}


_prog("rua", "Rockies University Anesthesiology", ["Rockies University", "Rockies Anesthesiology"],
      ["rockies-univ.example"], ["anes.residency@rockies-univ.example"], "2026-11-10")
_prog("north", "Front Range Health North Campus Anesthesiology", ["FRH North", "North Campus"],
      ["frontrange-health.example"], ["north.anes@frontrange-health.example"], "2026-11-17")
_prog("south", "Front Range Health South Campus Anesthesiology", ["FRH South", "South Campus"],
      ["frontrange-health.example"], ["south.anes@frontrange-health.example"], "2026-12-08")
_prog("marsh", "Marsh Creek Anesthesiology", ["Marsh Creek"],
      [], ["helen.vance.md@mail.example", "jpark.coord@mail.example"], "2026-12-03")
_prog("cotton", "Cottonwood Medical Center", ["Cottonwood", "CMC Anesthesiology"],
      ["cottonwood-mc.test"], [], "2026-12-15")
_prog("bristle", "Bristlecone University Hospital", ["Bristlecone", "BUH Anesthesiology"],
      ["bristlecone-uh.example"], ["anesthesia.gme@bristlecone-uh.example"], "2026-12-10")
_prog("lark", "Larkspur Regional Anesthesiology", ["Larkspur", "Larkspur Regional"],
      ["larkspur-ra.example"], ["residency@larkspur-ra.example"], "2026-12-01")
_prog("pinyon", "Pinyon Valley Medical Center", ["Pinyon Valley", "PVMC"],
      ["pinyonvalley.example"], ["anes.program@pinyonvalley.example"], "2026-12-01")
_prog("juniper", "Juniper Heights University", ["Juniper Heights", "JHU Anesthesiology"],
      ["juniperheights.example"], ["anesthesiology@juniperheights.example"], "2027-01-05")
_prog("silver", "Silver Plume Anesthesiology", ["Silver Plume"],
      ["silverplume.example"], ["coordinator@silverplume.example"], "2026-11-19")
_prog("aspen", "Aspen Grove Health", ["Aspen Grove"],
      ["aspengrove.example"], ["gme.office@aspengrove.example"], "2026-12-09", nrmp=False)
_prog("canyon", "Canyon Ridge Medical Center", ["Canyon Ridge", "CRMC"],
      ["canyonridge-mc.example"], ["anesthesia@canyonridge-mc.example"], "2026-12-17")
_prog("sand", "Sandstone University Anesthesiology", ["Sandstone", "Sandstone University"],
      ["sandstone-u.example"], ["anes.residency@sandstone-u.example"], "2026-12-04")
_prog("mesa", "Red Mesa Hospital", ["Red Mesa"],
      ["redmesa.example"], ["anes.coord@redmesa.example"], "2026-12-02")
_prog("spruce", "Blue Spruce Anesthesiology", ["Blue Spruce"],
      ["bluespruce.example"], ["residency@bluespruce.example"], "2026-12-11")
_prog("eagle", "Eagle Crest Medical College", ["Eagle Crest"],
      ["eaglecrest-mc.example"], ["anesthesiology@eaglecrest-mc.example"], "2026-12-07")
_prog("kestrel", "Kestrel Point University", ["Kestrel Point"],
      ["kestrelpoint.example"], ["anes.residency@kestrelpoint.example"], "2026-12-16")
_prog("fox", "Foxglove Memorial Hospital", ["Foxglove", "Foxglove Memorial"],
      ["foxglove-mh.example"], ["gme@foxglove-mh.example"], "2026-12-18")
_prog("harrow", "Harrow Lake Anesthesiology", ["Harrow Lake"],
      ["harrowlake.example"], ["residency@harrowlake.example"], "2027-01-08")
_prog("thorn", "Thornbury University Hospital", ["Thornbury"],
      ["thornbury-uh.example"], ["anesthesia.program@thornbury-uh.example"], "2026-12-21")
_prog("iron", "Ironwood Anesthesiology", ["Ironwood"],
      ["ironwood-anes.example"], ["coordinator@ironwood-anes.example"], "2027-01-12")
_prog("willow", "Willow Bend Anesthesiology", ["Willow Bend"],
      ["willowbend.example"], ["anes@willowbend.example"], None)


def D(month: int, day: int, hour: int = 9, minute: int = 0, tz: Any = TZ) -> datetime:
    year = 2026 if month >= 7 else 2027
    return datetime(year, month, day, hour, minute, tzinfo=tz)


class Season:
    def __init__(self) -> None:
        self.rng = random.Random(20270203)
        self.msgs: list[dict[str, Any]] = []
        self.findings: list[dict[str, Any]] = []
        self.negatives: list[dict[str, Any]] = []
        self.n_noise = 0

    # --- identifiers -----------------------------------------------------------------
    def _alnum(self, n: int) -> str:
        chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
        return "".join(self.rng.choice(chars) for _ in range(n))

    def _hex(self, n: int) -> str:
        return "".join(self.rng.choice("0123456789abcdef") for _ in range(n))

    def new_id(self, sender: str, outbound: bool) -> str:
        if outbound:
            host = "mail.example.org" if sender == ME else "mx.mail.example"
            return f"<CA{self._alnum(14)}+{self._alnum(12)}@{host}>"
        return f"<{self._hex(12)}.{self._hex(6)}@{sender.split('@', 1)[1].lower()}>"

    # --- messages --------------------------------------------------------------------
    def add(self, *, folder: str = "INBOX", frm: Any, to: Any = (), cc: Any = (), bcc: Any = (),
            date: datetime, subject: str, body: str, program: Any = None, contact: bool = False,
            reply: bool = False, reply_to: str | None = None, headers: dict[str, str] | None = None,
            parent: dict[str, Any] | None = None, msgid: bool = True, calendar: str | None = None,
            archive: bool = False, tracked: bool = True, key: str | None = None,
            html: str | None = None) -> dict[str, Any]:
        name, addr = frm if isinstance(frm, tuple) else ("", frm)
        outbound = addr.lower() in (ME, ALIAS)
        m: dict[str, Any] = {
            "folder": folder, "from": (name, addr), "to": _addrs(to), "cc": _addrs(cc), "bcc": _addrs(bcc),
            "date": date, "subject": subject, "body": body, "program": _pname(program),
            "contact": contact, "reply": reply, "reply_to": reply_to, "headers": headers or {},
            "calendar": calendar, "archive": archive, "tracked": tracked, "outbound": outbound,
            "html": html,
        }
        if msgid:
            m["id"] = self.new_id(addr, outbound)
        else:
            m["id"] = f"nomid:{key}"
            m["headerless"] = True
        if parent is not None:
            m["in_reply_to"] = parent["id"] if not parent.get("headerless") else None
            refs = list(parent.get("references", []))
            if not parent.get("headerless"):
                refs.append(parent["id"])
            m["references"] = refs
        after = date > AS_OF
        if after:
            assert not contact and not reply
        if m["program"] is None:
            assert not contact and not reply
        self.msgs.append(m)
        return m

    def finding(self, rule: str, programs: list[str], ids: list[dict[str, Any]], draft: bool = False) -> None:
        sev = SEVERITY[rule]
        self.findings.append({"rule": rule, "severity": sev, "programs": sorted(P[k]["name"] for k in programs),
                              "draft": draft, "message_ids": [m["id"] for m in ids]})

    def negative(self, m: dict[str, Any], rules: list[str], why: str) -> None:
        assert not m.get("headerless")
        self.negatives.append({"message_id": m["id"], "must_not_fire": rules, "why": why})


SEVERITY = {
    "over-contact-limit": "warning", "at-contact-limit": "info", "multiple-first-choice": "critical",
    "conditional-commitment": "warning", "template-placeholder": "critical", "wrong-program-name": "critical",
    "desperate-tone": "warning", "emotional-tone": "warning", "feedback-request": "warning",
    "mass-email": "warning", "same-request-multiple-faculty": "warning", "repeat-after-silence": "warning",
    "late-thank-you": "info", "first-choice-outside-window": "info", "prematch-offer": "critical",
    "rank-inquiry": "warning", "contact-despite-policy": "warning", "quiet-program": "info",
}


def _addrs(x: Any) -> list[tuple[str, str]]:
    if not x:
        return []
    if isinstance(x, (str, tuple)):
        x = [x]
    return [a if isinstance(a, tuple) else ("", a) for a in x]


def _pname(program: Any) -> Any:
    if program is None or program == "ambiguous":
        return program
    if isinstance(program, list):
        return sorted(P[k]["name"] for k in program)
    return P[program]["name"]


def quote(m: dict[str, Any]) -> str:
    who = m["from"][0] or m["from"][1]
    when = m["date"].strftime("%a, %b %-d, %Y at %-I:%M %p")
    lines = "\n".join("> " + ln if ln else ">" for ln in m["body"].strip().splitlines())
    return f"\n\nOn {when}, {who} <{m['from'][1]}> wrote:\n{lines}\n"


def ics(summary: str, start: datetime, organizer: str) -> str:
    s = start.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    e = (start + timedelta(hours=7)).astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    return ("BEGIN:VCALENDAR\r\nPRODID:-//Example Corp//Calendar 1.0//EN\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\n"
            "BEGIN:VEVENT\r\n"
            f"DTSTART:{s}\r\nDTEND:{e}\r\nSUMMARY:{summary}\r\nORGANIZER:mailto:{organizer}\r\n"
            f"ATTENDEE;ROLE=REQ-PARTICIPANT;RSVP=TRUE:mailto:{ME}\r\nUID:{start:%Y%m%d}-{organizer}\r\n"
            "END:VEVENT\r\nEND:VCALENDAR\r\n")


# ----------------------------------------------------------------------------------------
# The program stories
# ----------------------------------------------------------------------------------------

def stories(s: Season) -> None:  # noqa: PLR0915 - one long story, told in order
    A = s.add

    # ---------------- Rockies University: subdomains, mixed case, Bcc, calendar, newsletter
    coord = ("Maria Lopez", "Coordinator@Rockies-Univ.Example")
    pd = ("Dr. James Harlan", "james.harlan@anes.med.rockies-univ.example")
    inv = A(frm=coord, to=ME, date=D(10, 20, 9, 12), program="rua", reply=True,
            subject="Interview invitation - Rockies University Anesthesiology",
            body="Hi Dana,\n\nThank you for applying to Rockies University Anesthesiology. We would like to invite "
                 "you to interview. Please rank the three dates below in order of preference and reply by Friday:\n\n"
                 "- Tuesday, November 10\n- Tuesday, November 17\n- Tuesday, December 1\n\nMaria Lopez\n"
                 "Residency Coordinator, Department of Anesthesiology")
    s.negative(inv, ["rank-inquiry"], "'rank the three dates in order of preference' is scheduling, not a rank question")
    r = A(folder="Sent", frm=(ME_NAME, ME), to=coord, date=D(10, 20, 18, 40), program="rua", parent=inv,
          subject="Re: Interview invitation - Rockies University Anesthesiology",
          body="Hi Maria,\n\nThanks for the invite! In order: Nov 10, Nov 17, Dec 1. Any of them works.\n\nDana"
               + quote(inv))
    A(frm=coord, to=ME, date=D(10, 22, 10, 5), program="rua", reply=True, parent=r,
      subject="Invitation: Rockies Anesthesiology Interview Day @ Tue Nov 10, 2026 7am - 2pm (MST)",
      body="Hi Dana, you're confirmed for November 10. The calendar invite is attached; the day starts at 7:00 "
           "in the Anschutz lobby.\n\nMaria",
      calendar=ics("Rockies Anesthesiology Interview Day", D(11, 10, 7, 0), "Coordinator@Rockies-Univ.Example"))
    social = A(frm=("Chief Residents", "chiefs@anes.med.rockies-univ.example"), to=ME, date=D(11, 2, 16, 20),
               program="rua", reply=True, subject="Pre-interview social on Nov 9",
               body="Hi Dana,\n\nWe're excited to meet you. If you're in town the night before, please sign up for "
                    "the pre-interview social (6 pm, Wynkoop taproom) using the form below. Residents only, no "
                    "faculty, very casual.\n\nSee you soon,\nAlex and Priya, chief residents")
    s.negative(social, ["prematch-offer"], "'please sign up for the pre-interview social' is no contract")
    ty = A(folder="Sent", frm=(ME_NAME, ME), to=("", "ANES.Residency@rockies-univ.example"), bcc=pd,
           date=D(11, 13, 23, 10, tz=timezone(timedelta(hours=-5))), program="rua", contact=True,
           subject="Thank you - Rockies interview on Nov 10",
           body="Dear Dr. Harlan and Maria,\n\nThank you for hosting me on Tuesday. I enjoyed the morning in the "
                "simulation center and the residents' candor about call. The mix of liver transplant and rural "
                "rotations at Rockies University is exactly the training I'm looking for.\n" + SIG)
    s.negative(ty, ["late-thank-you"], "sent 21:10 MST Nov 13 (23:10 -0500), inside the 72 h after midnight Nov 11")
    pdr = A(frm=pd, to=ME, date=D(11, 16, 7, 45), program="rua", reply=True, parent=ty,
            subject="RE: Thank you - Rockies interview on Nov 10",
            body="Dana,\n\nThanks for the note. It was great meeting you, and the residents enjoyed your questions."
                 "\n\nJim Harlan\nProgram Director" + quote(ty))
    again = A(folder="Sent", frm=(ME_NAME, ME), to=("Dr. James Harlan", "James.Harlan@anes.med.rockies-univ.example"),
              date=D(1, 18, 20, 5), program="rua", contact=True, parent=pdr,
              subject="Re: Thank you - Rockies interview on Nov 10",
              body="Dear Dr. Harlan,\n\nI'm writing again to say thanks for the second-look visit last Friday. I "
                   "appreciated the feedback on my mock case in the sim lab, and meeting the regional team made "
                   "Rockies University even more appealing to me.\n" + SIG + quote(pdr))
    s.negative(again, ["repeat-after-silence", "feedback-request"],
               "a second thank-you after the PD replied; 'appreciated the feedback' asks for nothing")
    news = A(frm=("Rockies Anesthesiology News", "news@lists.rockies-univ.example"), to=ME, date=D(1, 19, 6, 0),
             program="rua", headers={"List-Id": "Anesthesia Dept News <anes-news.lists.rockies-univ.example>",
                                     "List-Unsubscribe": "<https://lists.rockies-univ.example/u?id=8812>",
                                     "Precedence": "list"},
             subject="Department of Anesthesiology - January news",
             body="Our #1 priority is resident wellness. This month we opened a new resident lounge and added two "
                  "wellness half-days per block.\n\nWhere will you be in 2027? Read about our graduates here: "
                  "https://lists.rockies-univ.example/t/{{ contact.id }}/grads\n\nUnsubscribe: "
                  "https://lists.rockies-univ.example/u?id=8812")
    s.negative(news, ["multiple-first-choice", "rank-inquiry", "template-placeholder", "first-choice-outside-window"],
               "a List-Id newsletter: '#1 priority', '{{ }}' in a tracking link, no one's rank question")
    # A coordinator reply WITHOUT a Message-ID, in INBOX and again in Archive: one reply.
    A(frm=coord, to=ME, date=D(1, 20, 11, 30), program="rua", reply=True, msgid=False, key="rua-second-look",
      archive=True, subject="Glad you could make the second look",
      body="Hi Dana,\n\nGlad you could come to the second look. Dr. Harlan asked me to pass along his thanks.\n\n"
           "Maria")
    A(folder="Drafts", frm=(ME_NAME, ME), to=coord, date=D(1, 25, 22, 0), program="rua",
      subject="Parking question", body="Hi Maria,\n\nIs there visitor parking near the OR tower? Thanks!\n\nDana")

    # ---------------- Front Range Health: two programs share one domain
    north = ("Kim Tran", "north.anes@frontrange-health.example")
    south = ("Rosa Delgado", "south.anes@frontrange-health.example")
    gme = ("FRH Graduate Medical Education", "gme@frontrange-health.example")
    inv = A(frm=north, to=ME, date=D(10, 25, 13, 0), program="north", reply=True,
            subject="Interview invitation",
            body="Dear Dana,\n\nWe'd like to invite you to interview with our anesthesiology residency. Our residents "
                 "share joint didactics with South Campus on Thursdays, but the programs interview separately. "
                 "Available dates: Nov 17 or Dec 1.\n\nKim Tran, Program Coordinator")
    A(folder="Sent", frm=(ME_NAME, ME), to=north, date=D(10, 25, 19, 2), program="north", parent=inv,
      subject="Re: Interview invitation", body="Hi Kim,\n\nNov 17 works for me. Thanks!\n\nDana" + quote(inv))
    ty = A(folder="Sent", frm=(ME_NAME, ME), to=north, date=D(11, 20, 10, 15), program="north", contact=True,
           subject="Thank you",
           body="Dear Dr. Ames and Kim,\n\nThank you for Tuesday's interview. I liked how much OR time CA-1s get "
                "early and the resident-run ultrasound course.\n" + SIG)
    A(frm=gme, to=ME, date=D(11, 21, 15, 40), program="north", reply=True,
      subject="Thank you for interviewing at FRH North",
      body="Hi Dana,\n\nThanks for interviewing with the North Campus anesthesiology program this week. Please let us "
           "know if you have questions about the GME benefits we covered.\n\nBrenda Cole\nGME Office")
    step3 = A(folder="Sent", frm=(ME_NAME, ME), to=(ME_NAME, ME),
              bcc=[north, ("", "anesthesiology@juniperheights.example")], date=D(1, 14, 7, 50),
              program=["north", "juniper"], contact=True, subject="Application update: Step 3 passed",
              body="Dear Program Director,\n\nA short update: I passed USMLE Step 3 this week. My updated transcript "
                   "is on ERAS. Thank you for considering my application.\n" + SIG)
    s.negative(step3, ["mass-email"], "one message Bcc'd to two programs: fewer than three programs")
    A(frm=north, to=ME, date=D(1, 15, 9, 10), program="north", reply=True, parent=step3,
      subject="Re: Application update: Step 3 passed",
      body="Congratulations, Dana! I've added it to your file.\n\nKim" + quote(step3))

    inv = A(frm=gme, to=ME, date=D(11, 5, 8, 30), program="south", reply=True,
            subject="Interview invitation - South Campus Anesthesiology",
            body="Dear Dana,\n\nThe South Campus anesthesiology residency would like to invite you to interview on "
                 "December 8. Please reply to confirm.\n\nBrenda Cole\nGME Office")
    A(folder="Sent", frm=(ME_NAME, ME), to=gme, date=D(11, 5, 12, 0), program="south", parent=inv,
      subject="Re: Interview invitation - South Campus Anesthesiology",
      body="Hi Brenda,\n\nDec 8 works. I'll be there.\n\nDana" + quote(inv))
    A(frm=("South Campus Anesthesiology", "no-reply@notify.mailer.example"), reply_to="south.anes@frontrange-health.example",
      to=ME, date=D(12, 1, 6, 0), program="south", headers={"Auto-Submitted": "auto-generated"},
      subject="South Campus Anesthesiology: your interview day itinerary",
      body="Your interview day itinerary for FRH South is below. Reply to this message to reach the coordinator.\n\n"
           "7:00 breakfast\n7:30 welcome from the program director\n8:00-11:00 interviews\n11:30 OR tour")
    A(folder="Sent", frm=(ME_NAME, ME), to=south, date=D(12, 10, 9, 0), program="south", contact=True,
      subject="Thank you for the interview",
      body="Dear Dr. Byrne and Rosa,\n\nThank you for Tuesday. I enjoyed meeting the residents at South Campus and "
           "hearing about the new pediatric cardiac rotation.\n" + SIG)
    amb = A(frm=gme, to=ME, date=D(12, 11, 14, 0), program="ambiguous",
            subject="Front Range Health holiday hours",
            body="Dear applicant,\n\nThe GME office will be closed Dec 24 through Jan 1. Messages sent during that "
                 "time will be answered when we return.\n\nBrenda Cole\nGME Office")
    A(folder="Sent", frm=(ME_NAME, ME), to=south, date=D(1, 22, 18, 30), program="south", contact=True,
      subject="Update from Dana Okafor",
      body="Dear Dr. Byrne,\n\nA quick update: my case report on awake fiberoptic intubation was accepted at the "
           "spring regional meeting. I'm still very interested in your program.\n" + SIG)

    # ---------------- Marsh Creek: known only by personal webmail contacts; the alias
    jpark = ("Jordan Park", "jpark.coord@mail.example")
    vance = ("Helen Vance", "helen.vance.md@mail.example")
    inv = A(frm=jpark, to=ME, date=D(11, 8, 10, 0), program="marsh", reply=True,
            subject="Marsh Creek Anesthesiology interview",
            body="Hi Dana,\n\nDr. Vance would like to interview you for Marsh Creek Anesthesiology. Would Dec 3 "
                 "work? We are a small program, so I use this address for scheduling.\n\nJordan Park")
    r = A(folder="Sent", frm=(ME_NAME, ALIAS), to=jpark, date=D(11, 8, 13, 20), program="marsh", parent=inv,
          subject="Re: Marsh Creek Anesthesiology interview",
          body="Hi Jordan,\n\nDec 3 works great. Thank you!\n\nDana" + quote(inv))
    A(frm=jpark, to=("Dana Okafor", ALIAS), date=D(11, 30, 16, 0), program="marsh", reply=True, parent=r,
      subject="Re: Marsh Creek Anesthesiology interview",
      body="Hi Dana,\n\nHere are the details for Thursday: arrive 7:15 at the surgery center, park in lot C. Dr. Vance "
           "will meet you in the lobby.\n\nJordan" + quote(r))
    ty = A(folder="Sent", frm=(ME_NAME, ALIAS), to=vance, cc=jpark, date=D(12, 4, 19, 0), program="marsh",
           contact=True, subject="Thank you from Dana Okafor",
           body="Dear Dr. Vance,\n\nThank you for Thursday's interview. Following the interview I spoke with your "
                "residents about the cardiac rotation, and their enthusiasm stood out.\n" + SIG)
    s.negative(ty, ["repeat-after-silence"], "'following the interview' is no nudge; first message after interview")
    A(frm=vance, to=ALIAS, date=D(12, 6, 8, 15), program="marsh", reply=True, parent=ty,
      subject="Re: Thank you from Dana Okafor", body="Dana - lovely to meet you. Best of luck!\nHV" + quote(ty))
    rk = A(folder="Sent", frm=(ME_NAME, ME), to=vance, date=D(1, 26, 12, 40), program="marsh", contact=True,
           subject="Marsh Creek", body="Dear Dr. Vance,\n\nI wanted to let you know that Marsh Creek is very high on my "
                                   "list, and I plan to rank it highly.\n" + SIG)
    s.negative(rk, ["multiple-first-choice", "first-choice-outside-window"], "'very high on my list' is no #1 claim")

    # ---------------- Cottonwood: domain only; platform by alias; OOO after the last contact
    n1 = A(frm=THALAMUS, to=ME, date=D(11, 12, 5, 0), program="cotton",
           subject="New interview invitation from CMC Anesthesiology",
           body="You have a new interview invitation from CMC Anesthesiology. Log in to Thalamus to schedule.")
    A(frm=THALAMUS, to=ME, date=D(11, 14, 5, 0), program="cotton", subject="Interview scheduled",
      body="Your interview with CMC Anesthesiology is scheduled for Tuesday, December 15, 2026.")
    pf = A(frm=("Anesthesiology Residency", "anesthesia.residency@cottonwood-mc.test"), to=ME, date=D(12, 1, 11, 0),
           program="cotton", reply=True, subject="Parking form for your interview",
           body="Dear [Name],\n\nWe look forward to hosting you on Dec 15. Please fill out the attached parking form "
                "and send it back.\n\nLeah Greene, Coordinator")
    pfr = A(folder="Sent", frm=(ME_NAME, ME), to=("", "anesthesia.residency@cottonwood-mc.test"), date=D(12, 1, 15, 5),
            program="cotton", parent=pf, subject="Re: Parking form for your interview",
            body="Hi Leah,\n\nThe form is attached. See you on the 15th.\n\nDana" + quote(pf))
    s.negative(pfr, ["template-placeholder"], "'[Name]' appears only in the quoted program mail")
    ty = A(folder="Sent", frm=(ME_NAME, ME), to=("Dr. Lena Morrow", "lmorrow@cottonwood-mc.test"), date=D(12, 16, 17, 0),
           program="cotton", contact=True, subject="Thank you",
           body="Dear Dr. Morrow,\n\nThank you for yesterday. I appreciated how much autonomy your senior residents "
                "have in the block room.\n" + SIG)
    A(frm=("Dr. Lena Morrow", "lmorrow@cottonwood-mc.test"), to=ME, date=D(12, 18, 12, 0), program="cotton", reply=True,
      parent=ty, subject="Re: Thank you", body="Thanks, Dana. It was a pleasure.\n\nLena Morrow, MD" + quote(ty))
    up = A(folder="Sent", frm=(ME_NAME, ME), to=("", "anesthesia.residency@cottonwood-mc.test"), date=D(1, 12, 8, 0),
           program="cotton", contact=True, subject="Update: new publication",
           body="Dear Dr. Morrow and Leah,\n\nBrief update: my paper on post-op nausea in ambulatory surgery was "
                "published this week. Cottonwood remains a great fit for me.\n" + SIG)
    A(frm=("Anesthesiology Residency", "anesthesia.residency@cottonwood-mc.test"), to=ME, date=D(1, 12, 8, 1),
      program="cotton", parent=up, headers={"Auto-Submitted": "auto-replied", "X-Auto-Response-Suppress": "All"},
      subject="Automatic reply: Update: new publication",
      body="I am out of the office until January 19 with limited access to email. For urgent matters please call "
           "the department at 555-0100.\n\nLeah Greene")
    del n1

    # ---------------- Bristlecone: only automated mail ever; a nudge after silence
    A(frm=IBROKER, to=ME, date=D(11, 15, 6, 30), program="bristle",
      subject="BUH Anesthesiology has invited you to interview",
      body="BUH Anesthesiology has invited you to interview. Choose a date on Interview Broker.")
    A(frm=IBROKER, to=ME, date=D(11, 16, 6, 30), program="bristle", subject="Interview confirmed",
      body="Confirmed: BUH Anesthesiology, Thursday, December 10, 2026, virtual.")
    nl = A(frm=("Bristlecone Anesthesiology", "news@bristlecone-uh.example"), to=ME, date=D(12, 2, 7, 0),
           program="bristle", headers={"List-Id": "<applicants.bristlecone-uh.example>", "Precedence": "bulk"},
           subject="Applicant newsletter: meet our residents",
           body="Meet our residents and see a day in the life: https://click.bristlecone-uh.example/l?u={{ subscriber_id }}"
                "&c=dec\n\nYou are receiving this because you applied to our program.")
    s.negative(nl, ["template-placeholder"], "'{{ }}' in a newsletter tracking link is not the applicant's text")
    ty = A(folder="Sent", frm=(ME_NAME, ME), to=("", "anesthesia.gme@bristlecone-uh.example"), date=D(12, 11, 9, 30),
           program="bristle", contact=True, subject="Thank you for the interview",
           body="Dear Dr. Cho,\n\nThank you for the virtual interview yesterday. Your residents' research time and "
                "the new OB unit stood out to me.\n" + SIG)
    nudge = A(folder="Sent", frm=(ME_NAME, ME), to=("", "anesthesia.gme@bristlecone-uh.example"), date=D(1, 8, 10, 0),
              program="bristle", contact=True, parent=ty, subject="Re: Thank you for the interview",
              body="Dear Dr. Cho,\n\nI wanted to follow up on my previous email. Did you receive my thank-you note? "
                   "I haven't heard back and wanted to make sure it arrived.\n" + SIG + quote(ty))
    s.finding("repeat-after-silence", ["bristle"], [nudge])

    # ---------------- Larkspur: late thank-you (00:40 MST written as 02:40 -0500); reply from a personal address
    inv = A(frm=("Tessa Moore", "residency@larkspur-ra.example"), to=ME, date=D(11, 3, 9, 0), program="lark",
            reply=True, subject="Larkspur Regional Anesthesiology - interview invitation",
            body="Hi Dana,\n\nWe are happy to offer you an interview on Tuesday, December 1. Please confirm by "
                 "replying to this email.\n\nTessa Moore, Coordinator")
    s.negative(inv, ["prematch-offer"], "'happy to offer you an interview' is an invitation, not a position")
    A(folder="Sent", frm=(ME_NAME, ME), to=("", "residency@larkspur-ra.example"), date=D(11, 3, 11, 0), program="lark",
      parent=inv, subject="Re: Larkspur Regional Anesthesiology - interview invitation",
      body="Hi Tessa,\n\nConfirmed for Dec 1. Thank you!\n\nDana" + quote(inv))
    late = A(folder="Sent", frm=(ME_NAME, ME), to=("", "residency@larkspur-ra.example"),
             date=D(12, 5, 2, 40, tz=timezone(timedelta(hours=-5))), program="lark", contact=True,
             subject="Thank you - Dec 1 interview",
             body="Dear Dr. Fenwick and Tessa,\n\nThank you for having me on Tuesday. I liked the balance of community "
                  "and tertiary cases at Larkspur.\n" + SIG)
    s.finding("late-thank-you", ["lark"], [late])
    # The PD answers from a personal address: no program address, but In-Reply-To the thank-you.
    A(frm=("Mark Fenwick", "mfenwick.md@mail.example"), to=ME, date=D(12, 7, 20, 10), program="lark", reply=True,
      parent=late, subject="Re: Thank you - Dec 1 interview",
      body="Dana, thanks for the note (answering from my phone). Enjoyed talking with you.\n\nMark" + quote(late))

    # ---------------- Pinyon Valley: thank-you that only looks late in UTC; a program-started check-in answered with an update
    inv = A(frm=("PVMC Anesthesiology", "anes.program@pinyonvalley.example"), to=ME, date=D(11, 6, 9, 30),
            program="pinyon", reply=True, subject="PVMC Anesthesiology interview invitation",
            body="Dear Dana,\n\nPlease choose an interview date: Dec 1 or Dec 8.\n\nSusan Hale, Coordinator")
    A(folder="Sent", frm=(ME_NAME, ME), to=("", "anes.program@pinyonvalley.example"), date=D(11, 6, 12, 45),
      program="pinyon", parent=inv, subject="Re: PVMC Anesthesiology interview invitation",
      body="Hi Susan,\n\nDec 1, please.\n\nDana" + quote(inv))
    ty = A(folder="Sent", frm=(ME_NAME, ME), to=("", "anes.program@pinyonvalley.example"),
           date=datetime(2026, 12, 5, 6, 30, tzinfo=timezone.utc), program="pinyon", contact=True,
           subject="Thank you from Dana Okafor",
           body="Dear Dr. Okoro and Susan,\n\nThank you for Tuesday's interview. The cardiac anesthesia exposure and "
                "the friendly OR culture at Pinyon Valley stood out.\n" + SIG)
    s.negative(ty, ["late-thank-you"], "06:30 UTC Dec 5 is 23:30 MST Dec 4: inside 72 h after midnight Dec 2")
    chk = A(frm=("Dr. Ada Okoro", "pd.okoro@pinyonvalley.example"), to=ME, date=D(1, 27, 14, 0), program="pinyon",
            reply=True, subject="Checking in",
            body="Hi Dana,\n\nThanks again for interviewing with us. Let me know if you have any questions as you "
                 "put your list together. No reply needed.\n\nAda Okoro, MD\nProgram Director")
    upd = A(folder="Sent", frm=(ME_NAME, ME), to=("Dr. Ada Okoro", "pd.okoro@pinyonvalley.example"),
            date=D(1, 27, 19, 5), program="pinyon", contact=True, parent=chk, subject="Re: Checking in",
            body="Dear Dr. Okoro,\n\nThanks for checking in. A quick update: I passed Step 3 last week. You're one of "
                 "my top choices, and I'd be glad to train at Pinyon Valley.\n" + SIG + quote(chk))
    s.negative(upd, ["multiple-first-choice", "first-choice-outside-window", "quiet-program"],
               "'one of my top choices' is no #1 claim; an update replying to a program check-in (a contact); "
               "6.5 days before as-of, so not quiet")

    # ---------------- Juniper Heights: ERAS notice by alias; 'top choice for interview dates'; #1 in January; post-as-of offer
    A(frm=ERAS, to=ME, date=D(12, 1, 4, 0), program="juniper", subject="ERAS: New message from JHU Anesthesiology",
      body="You have a new message from JHU Anesthesiology in MyERAS. Log in to read it.")
    inv = A(frm=("Nora Fitch", "anesthesiology@juniperheights.example"), to=ME, date=D(12, 1, 10, 0), program="juniper",
            reply=True, subject="Interview invitation - Juniper Heights",
            body="Hi Dana,\n\nWe'd love to interview you. Open dates: Jan 5, Jan 12, Jan 19. Which works best?\n\nNora")
    r = A(folder="Sent", frm=(ME_NAME, ME), to=("", "anesthesiology@juniperheights.example"), date=D(12, 1, 12, 30),
          program="juniper", parent=inv, subject="Re: Interview invitation - Juniper Heights",
          body="Hi Nora,\n\nThank you! My top choice for interview dates is Jan 5; Jan 12 would also work.\n\nDana"
               + quote(inv))
    s.negative(r, ["multiple-first-choice", "first-choice-outside-window"],
               "'my top choice for interview dates is Jan 5' is about dates, not ranking")
    ty = A(folder="Sent", frm=(ME_NAME, ME), to=("", "anesthesiology@juniperheights.example"), date=D(1, 7, 9, 0),
           program="juniper", contact=True, subject="Thank you",
           body="Dear Dr. Sloan and Nora,\n\nThank you for Tuesday's interview. The regional and acute pain service "
                "at Juniper Heights is impressive.\n" + SIG)
    A(frm=("Nora Fitch", "anesthesiology@juniperheights.example"), to=ME, date=D(1, 8, 9, 0), program="juniper",
      reply=True, parent=ty, subject="Re: Thank you", body="Thanks Dana! Dr. Sloan says hello.\n\nNora" + quote(ty))
    jn1 = A(folder="Sent", frm=(ME_NAME, ME), to=("Dr. Paul Sloan", "anesthesiology@juniperheights.example"),
            date=D(1, 29, 16, 0), program="juniper", contact=True, subject="Juniper Heights is my first choice",
            body="Dear Dr. Sloan,\n\nI wanted to tell you that Juniper Heights is my #1 choice, and I will rank your "
                 "program first.\n" + SIG)
    A(frm=("Dr. Paul Sloan", "anesthesiology@juniperheights.example"), to=ME, date=D(2, 3, 14, 0), program=None,
      subject="Position offer",
      body="Dana, we would like to offer you a position. Please sign the attached commitment letter.\n\nPaul Sloan")

    # ---------------- Silver Plume: #1 in December (outside the window)
    inv = A(frm=("Silver Plume Anesthesiology", "coordinator@silverplume.example"), to=ME, date=D(10, 28, 9, 0),
            program="silver", reply=True, subject="Interview invitation",
            body="Hi Dana,\n\nWe'd like to invite you to interview on Nov 19. Please confirm.\n\nJenna, Coordinator")
    A(folder="Sent", frm=(ME_NAME, ME), to=("", "coordinator@silverplume.example"), date=D(10, 28, 14, 0),
      program="silver", parent=inv, subject="Re: Interview invitation",
      body="Hi Jenna,\n\nConfirmed, thanks.\n\nDana" + quote(inv))
    A(folder="Sent", frm=(ME_NAME, ME), to=("", "coordinator@silverplume.example"), date=D(11, 20, 11, 0),
      program="silver", contact=True, subject="Thank you",
      body="Dear Dr. Hayes and Jenna,\n\nThank you for yesterday. I enjoyed the OR tour and the residents' "
           "teaching conference.\n" + SIG)
    sp1 = A(folder="Sent", frm=(ME_NAME, ME), to=("Dr. Owen Hayes", "coordinator@silverplume.example"),
            date=D(12, 18, 10, 0), program="silver", contact=True, archive=True, subject="Silver Plume",
            body="Dear Dr. Hayes,\n\nSilver Plume is my #1 choice and I plan to rank you first.\n" + SIG)
    A(frm=("Dr. Owen Hayes", "ohayes@silverplume.example"), to=ME, date=D(12, 19, 8, 0), program="silver",
      reply=True, parent=sp1, subject="Re: Silver Plume", body="Thank you, Dana.\n\nOwen Hayes" + quote(sp1))
    s.finding("multiple-first-choice", ["juniper", "silver"], [jn1, sp1])
    s.finding("first-choice-outside-window", ["silver"], [sp1])

    # ---------------- Aspen Grove: outside the Match, contract offer; forward to a mentor
    inv = A(frm=("Aspen Grove GME", "gme.office@aspengrove.example"), to=ME, date=D(11, 20, 9, 0), program="aspen",
            reply=True, subject="Interview invitation - Aspen Grove Health",
            body="Dear Dana,\n\nWe would like to interview you on Dec 9. Please confirm.\n\nGME Office")
    A(folder="Sent", frm=(ME_NAME, ME), to=("", "gme.office@aspengrove.example"), date=D(11, 20, 12, 0),
      program="aspen", parent=inv, subject="Re: Interview invitation - Aspen Grove Health",
      body="Hello,\n\nDec 9 works. Thank you.\n\nDana" + quote(inv))
    A(folder="Sent", frm=(ME_NAME, ME), to=("", "gme.office@aspengrove.example"), date=D(12, 10, 18, 0),
      program="aspen", contact=True, subject="Thank you",
      body="Dear Dr. Whitfield,\n\nThank you for yesterday's interview. The rural anesthesia focus at Aspen Grove "
           "fits my goals well.\n" + SIG)
    offer = A(frm=("Dr. Paul Whitfield", "pd.whitfield@aspengrove.example"), to=ME, date=D(1, 6, 10, 0),
              program="aspen", reply=True, subject="Offer of a PGY-1 position",
              body="Dear Dana,\n\nWe are pleased to offer you a PGY-1 anesthesiology position at Aspen Grove Health. "
                   "Please sign and return the attached contract by January 20 to secure your spot.\n\n"
                   "Paul Whitfield, MD\nProgram Director")
    s.finding("prematch-offer", ["aspen"], [offer])
    q = A(folder="Sent", frm=(ME_NAME, ME), to=("Dr. Paul Whitfield", "pd.whitfield@aspengrove.example"),
          date=D(1, 7, 9, 0), program="aspen", parent=offer, subject="Re: Offer of a PGY-1 position",
          body="Dear Dr. Whitfield,\n\nThank you. Is this position participating in the NRMP Match, or is it outside "
               "the Match system? I'd like my advisor to read the contract before I respond.\n\nDana" + quote(offer))
    A(frm=("Dr. Paul Whitfield", "pd.whitfield@aspengrove.example"), to=ME, date=D(1, 7, 15, 0), program="aspen",
      reply=True, parent=q, subject="Re: Offer of a PGY-1 position",
      body="It is outside the Match. Take the time you need.\n\nPW" + quote(q))
    fwd = A(folder="Sent", frm=(ME_NAME, ME), to=("Dr. Kemi Adeyemi", "k.adeyemi@example.com"), date=D(1, 7, 20, 0),
            program=None, subject="Fwd: Offer of a PGY-1 position",
            body="Hi Dr. Adeyemi,\n\nAspen Grove sent me this offer. Would you have time to look at it this week?\n\n"
                 "Dana\n\n---------- Forwarded message ---------\nFrom: Dr. Paul Whitfield "
                 "<pd.whitfield@aspengrove.example>\nDate: Wed, Jan 6, 2027 at 10:00 AM\nSubject: Offer of a PGY-1 "
                 "position\nTo: <dana.okafor@example.org>\n\n" + offer["body"])
    s.negative(fwd, ["prematch-offer", "contact-despite-policy"], "a forward to a mentor: no program recipient, unmatched")
    A(frm=("Dr. Kemi Adeyemi", "k.adeyemi@example.com"), to=ME, date=D(1, 8, 7, 30), program=None, parent=fwd,
      subject="Re: Fwd: Offer of a PGY-1 position",
      body="Dana, happy to look. Don't sign anything yet; let's talk Thursday.\n\nKemi" + quote(fwd))

    # ---------------- Canyon Ridge: rank question answered politely (not a contact)
    A(frm=THALAMUS, to=ME, date=D(11, 22, 5, 0), program="canyon", subject="New interview invitation",
      body="Canyon Ridge has invited you to interview. Log in to Thalamus to pick a date.")
    ty = A(folder="Sent", frm=(ME_NAME, ME), to=("", "anesthesia@canyonridge-mc.example"),
           date=D(12, 18, 8, 30), program="canyon", contact=True, subject="Thank you for the interview",
           body="Dear Dr. Patel,\n\nThank you for yesterday. I enjoyed the trauma center tour and talking with your "
                "CA-3s about fellowship.\n" + SIG)
    ri = A(frm=("Dr. Raj Patel", "rpatel@canyonridge-mc.example"), to=ME, date=D(1, 15, 11, 0), program="canyon",
           reply=True, subject="Following up",
           body="Hi Dana,\n\nGreat to meet you. Where do you plan to rank us? And which other programs did you apply "
                "to? It helps us plan.\n\nRaj Patel, MD")
    s.finding("rank-inquiry", ["canyon"], [ri])
    dec = A(folder="Sent", frm=(ME_NAME, ME), to=("Dr. Raj Patel", "rpatel@canyonridge-mc.example"), date=D(1, 16, 9, 0),
            program="canyon", parent=ri, subject="Re: Following up",
            body="Dear Dr. Patel,\n\nThanks for reaching out. I'd rather keep my rank list private, as NRMP suggests, "
                 "but I'm happy to answer any other questions about my application.\n\nDana" + quote(ri))
    s.negative(dec, ["multiple-first-choice", "conditional-commitment", "quiet-program"],
               "declining a rank question politely: a reply, not a contact")
    del ty

    # ---------------- Sandstone: '#1 pick for the dinner' from a resident; no-contact policy, then a thank-you
    inv = A(frm=("Sandstone Anesthesiology", "anes.residency@sandstone-u.example"), to=ME, date=D(11, 10, 9, 0),
            program="sand", reply=True, subject="Interview invitation",
            body="Hi Dana,\n\nWe would like to interview you on Dec 4, with a resident dinner the night before.\n\nAmy")
    A(folder="Sent", frm=(ME_NAME, ME), to=("", "anes.residency@sandstone-u.example"), date=D(11, 10, 12, 0),
      program="sand", parent=inv, subject="Re: Interview invitation",
      body="Hi Amy,\n\nDec 4 and the dinner both work. Thanks!\n\nDana" + quote(inv))
    din = A(frm=("Luis Ortega", "lortega@sandstone-u.example"), to=ME, date=D(12, 3, 22, 10), program="sand",
            reply=True, subject="Fun dinner tonight",
            body="Hey Dana,\n\nGreat meeting you tonight. Was I your #1 pick for the dinner? Kidding, the tacos won. "
                 "Good luck tomorrow!\n\nLuis (CA-2)")
    s.negative(din, ["rank-inquiry", "multiple-first-choice"], "a resident joking about dinner picks")
    pol = A(frm=("Sandstone Anesthesiology", "anes.residency@sandstone-u.example"), to=ME, date=D(12, 4, 17, 0),
            program="sand", reply=True, subject="Thank you for interviewing with Sandstone",
            body="Dear applicant,\n\nThank you for interviewing today. Per program policy we do not accept thank-you "
                 "notes or other post-interview communication, and there is no need for further contact. Your "
                 "application will be reviewed fairly either way.\n\nAmy Chen, Coordinator")
    tys = A(folder="Sent", frm=(ME_NAME, ME), to=("", "anes.residency@sandstone-u.example"), date=D(12, 6, 10, 0),
            program="sand", contact=True, subject="Thank you",
            body="Dear Dr. Reyes and Amy,\n\nThank you for Friday. I enjoyed meeting your residents and learning "
                 "about the pain clinic.\n" + SIG)
    s.finding("contact-despite-policy", ["sand"], [pol, tys])

    # ---------------- Red Mesa: a thread the applicant started before the interview; over the limit
    q1 = A(folder="Sent", frm=(ME_NAME, ME), to=("", "anes.coord@redmesa.example"), date=D(10, 15, 10, 0),
           program="mesa", contact=True, subject="Question about the CA-1 ICU month",
           body="Hi,\n\nI'm applying to Red Mesa this cycle. Do interns do an ICU month in the PGY-1 year?\n\nThanks,\n"
                "Dana Okafor")
    a1 = A(frm=("Beth Ruiz", "anes.coord@redmesa.example"), to=ME, date=D(10, 16, 9, 0), program="mesa", reply=True,
           parent=q1, subject="Re: Question about the CA-1 ICU month",
           body="Hi Dana,\n\nYes, interns do two ICU months.\n\nBeth" + quote(q1))
    q2 = A(folder="Sent", frm=(ME_NAME, ME), to=("", "anes.coord@redmesa.example"), date=D(10, 16, 13, 0),
           program="mesa", contact=True, parent=a1, subject="Re: Question about the CA-1 ICU month",
           body="Thanks, that helps. One more question: how many weeks of regional are there in CA-1?\n\nDana" + quote(a1))
    A(frm=("Beth Ruiz", "anes.coord@redmesa.example"), to=ME, date=D(10, 17, 9, 0), program="mesa", reply=True,
      parent=q2, subject="Re: Question about the CA-1 ICU month", body="Four weeks.\n\nBeth" + quote(q2))
    A(frm=THALAMUS, to=ME, date=D(11, 1, 5, 0), program="mesa", subject="New interview invitation",
      body="Red Mesa Hospital has invited you to interview. Log in to Thalamus to schedule.")
    m3 = A(folder="Sent", frm=(ME_NAME, ME), to=("", "anes.coord@redmesa.example"), date=D(12, 3, 18, 0), program="mesa",
           contact=True, subject="Thank you", body="Dear Dr. Stone and Beth,\n\nThank you for yesterday's interview. "
                                                  "The residents were welcoming and the cases were great.\n" + SIG)
    A(frm=("Beth Ruiz", "anes.coord@redmesa.example"), to=ME, date=D(12, 4, 9, 0), program="mesa", reply=True,
      parent=m3, subject="Re: Thank you", body="Thanks, Dana!\n\nBeth" + quote(m3))
    m4 = A(folder="Sent", frm=(ME_NAME, ME), to=("Dr. Alan Stone", "astone@redmesa.example"), date=D(1, 21, 11, 0),
           program="mesa", contact=True, subject="Red Mesa",
           body="Dear Dr. Stone,\n\nI will rank Red Mesa very highly. Thank you again for the interview.\n" + SIG)
    A(folder="Drafts", frm=(ME_NAME, ME), to=("Dr. Alan Stone", "astone@redmesa.example"), date=D(1, 30, 21, 0),
      program="mesa", subject="One more update",
      body="Dear Dr. Stone,\n\nOne more update: my abstract was accepted for a poster.\n" + SIG)
    del m4

    # ---------------- Blue Spruce: same request to two faculty; conditional commitment in a draft
    inv = A(frm=("Blue Spruce Anesthesiology", "residency@bluespruce.example"), to=ME, date=D(11, 20, 10, 0),
            program="spruce", reply=True, subject="Interview invitation",
            body="Dear Dana,\n\nWe'd like to invite you to interview on Dec 11. We offer a generous educational "
                 "stipend and a paid board review course to all residents.\n\nCarla, Coordinator")
    s.negative(inv, ["prematch-offer"], "'we offer a generous educational stipend' describes benefits, no position offer")
    A(folder="Sent", frm=(ME_NAME, ME), to=("", "residency@bluespruce.example"), date=D(11, 20, 15, 0),
      program="spruce", parent=inv, subject="Re: Interview invitation",
      body="Hi Carla,\n\nDec 11 works. Thank you!\n\nDana" + quote(inv))
    A(folder="Sent", frm=(ME_NAME, ME), to=("", "residency@bluespruce.example"),
      cc=("Dr. Minh Nguyen", "dr.nguyen@bluespruce.example"), date=D(12, 12, 10, 0), program="spruce", contact=True,
      subject="Thank you", body="Dear Dr. Nguyen and Carla,\n\nThank you for Friday's interview. The airway "
                                "rotation and the resident wellness program stood out.\n" + SIG)
    r1 = A(folder="Sent", frm=(ME_NAME, ME), to=("Dr. Minh Nguyen", "dr.nguyen@bluespruce.example"), date=D(1, 10, 9, 0),
           program="spruce", contact=True, subject="Second-look visit",
           body="Dear Dr. Nguyen,\n\nWould it be possible to arrange a second-look visit in February? I'd like to "
                "spend a day in the OR with your residents.\n" + SIG)
    r2 = A(folder="Sent", frm=(ME_NAME, ME), to=("Dr. Elena Castillo", "dr.castillo@bluespruce.example"),
           date=D(1, 10, 9, 20), program="spruce", contact=True, subject="Second-look visit",
           body="Dear Dr. Castillo,\n\nWould it be possible to arrange a second-look visit in February? I'd like to "
                "spend a day in the OR with your residents.\n" + SIG)
    s.finding("same-request-multiple-faculty", ["spruce"], [r1, r2])
    A(frm=("Dr. Minh Nguyen", "dr.nguyen@bluespruce.example"), to=ME, date=D(1, 11, 13, 0), program="spruce",
      reply=True, parent=r1, subject="Re: Second-look visit",
      body="Hi Dana, we don't do formal second looks, but you're welcome to join a virtual resident happy hour.\n"
           "Minh" + quote(r1))
    cd = A(folder="Drafts", frm=(ME_NAME, ME), to=("Dr. Minh Nguyen", "dr.nguyen@bluespruce.example"),
           date=D(1, 28, 22, 30), program="spruce", subject="Ranking",
           body="Dear Dr. Nguyen,\n\nIf you rank me to match, I will definitely sign with Blue Spruce. I promise I "
                "will come if you rank me.\n" + SIG)
    s.finding("conditional-commitment", ["spruce"], [cd], draft=True)

    # ---------------- Eagle Crest: the alias both ways; To PD Cc coordinator in one message; emotional tone; post-as-of send
    ec = ("", "anesthesiology@eaglecrest-mc.example")
    inv = A(frm=("Eagle Crest Anesthesiology", "anesthesiology@eaglecrest-mc.example"), to=ALIAS, date=D(11, 16, 9, 0),
            program="eagle", reply=True, subject="Interview invitation - Eagle Crest",
            body="Hi Dana,\n\nWe'd like to invite you to interview on Dec 7. Reply to confirm.\n\nTom, Coordinator")
    A(folder="Sent", frm=(ME_NAME, ALIAS), to=ec, date=D(11, 16, 12, 0), program="eagle", parent=inv,
      subject="Re: Interview invitation - Eagle Crest", body="Hi Tom,\n\nConfirmed for Dec 7.\n\nDana" + quote(inv))
    ety = A(folder="Sent", frm=(ME_NAME, ALIAS), to=ec, date=D(12, 8, 16, 0), program="eagle", contact=True,
            subject="Thank you", body="Dear Dr. Walsh and Tom,\n\nThank you for yesterday. The cardiac cases and the "
                                      "teaching culture impressed me.\n" + SIG)
    A(frm=("Dr. Grace Walsh", "gwalsh@eaglecrest-mc.example"), to=ALIAS, date=D(12, 9, 10, 0), program="eagle",
      reply=True, parent=ety, subject="Re: Thank you", body="Thanks, Dana. Enjoyed meeting you.\n\nGrace" + quote(ety))
    emo = A(folder="Sent", frm=(ME_NAME, ME), to=("Dr. Grace Walsh", "gwalsh@eaglecrest-mc.example"), cc=ec,
            date=D(1, 24, 21, 0), program="eagle", contact=True, subject="Question about the research track",
            body="Dear Dr. Walsh,\n\nHonestly, this season has been exhausting. Programs ghost applicants for months "
                 "and the whole process feels unfair and broken. Anyway, could you tell me whether Eagle Crest offers "
                 "a research track in CA-3?\n" + SIG)
    s.finding("emotional-tone", ["eagle"], [emo])
    s.negative(emo, ["same-request-multiple-faculty"], "one message To the PD and Cc the coordinator")
    A(folder="Sent", frm=(ME_NAME, ME), to=ec, date=D(2, 3, 9, 15), program=None, subject="One more question",
      body="Hi Tom,\n\nDo residents get a laptop stipend?\n\nDana")

    # ---------------- Kestrel Point: conditional commitment in a thank-you
    A(frm=THALAMUS, to=ME, date=D(11, 23, 5, 0), program="kestrel", subject="Interview invitation",
      body="Kestrel Point University has invited you to interview. Log in to Thalamus to schedule.")
    kty = A(folder="Sent", frm=(ME_NAME, ME), to=("", "anes.residency@kestrelpoint.example"), date=D(12, 17, 12, 0),
            program="kestrel", contact=True, subject="Thank you for the interview",
            body="Dear Dr. Lin,\n\nThank you for yesterday. If you rank me, I will definitely come - I would sign "
                 "with Kestrel Point in a heartbeat.\n" + SIG)
    s.finding("conditional-commitment", ["kestrel"], [kty])
    A(frm=("Dr. Henry Lin", "hlin@kestrelpoint.example"), to=ME, date=D(12, 18, 9, 0), program="kestrel", reply=True,
      parent=kty, subject="Re: Thank you for the interview", body="Thank you, Dana.\n\nHenry Lin" + quote(kty))

    # ---------------- Foxglove: unfilled placeholder in a thank-you
    inv = A(frm=("Foxglove GME", "gme@foxglove-mh.example"), to=ME, date=D(11, 25, 9, 0), program="fox", reply=True,
            subject="Interview invitation", body="Dear Dana,\n\nWe'd like to interview you on Dec 18.\n\nFoxglove GME")
    A(folder="Sent", frm=(ME_NAME, ME), to=("", "gme@foxglove-mh.example"), date=D(11, 25, 13, 0), program="fox",
      parent=inv, subject="Re: Interview invitation", body="Hello,\n\nDec 18 works, thanks.\n\nDana" + quote(inv))
    fty = A(folder="Sent", frm=(ME_NAME, ME), to=("", "gme@foxglove-mh.example"), date=D(12, 19, 15, 0), program="fox",
            contact=True, subject="Thank you",
            body="Dear Dr. [Last Name],\n\nThank you for yesterday's interview. I enjoyed the OB anesthesia "
                 "discussion and meeting your residents.\n" + SIG)
    s.finding("template-placeholder", ["fox"], [fty])

    # ---------------- The mass email (same update, names swapped) to three programs
    mass = []
    for key, dr in (("eagle", "Walsh"), ("kestrel", "Lin"), ("fox", "Adams")):
        to = {"eagle": ("Dr. Grace Walsh", "gwalsh@eaglecrest-mc.example"),
              "kestrel": ("", "anes.residency@kestrelpoint.example"),
              "fox": ("", "gme@foxglove-mh.example")}[key]
        name = P[key]["aliases"][0]
        mass.append(A(folder="Sent", frm=(ME_NAME, ME), to=to, date=D(1, 20, 8, 0) + timedelta(minutes=7 * len(mass)),
                      program=key, contact=True, subject="Update from Dana Okafor",
                      body=f"Dear Dr. {dr},\n\nI hope the new year is off to a good start. I wanted to share a brief "
                           "update: my abstract on quality improvement in PACU handoffs was accepted for a poster at "
                           "the spring meeting, and I finished my sub-internship in cardiac anesthesia with honors. "
                           f"I remain very interested in {name} and its strong clinical training. Thank you again for "
                           "the interview.\n" + SIG))
    s.finding("mass-email", ["eagle", "kestrel", "fox"], mass)
    A(frm=("Dr. Henry Lin", "hlin@kestrelpoint.example"), to=ME, date=D(1, 22, 9, 0), program="kestrel", reply=True,
      parent=mass[1], subject="Re: Update from Dana Okafor", body="Congrats on the poster!\n\nHL" + quote(mass[1]))

    # ---------------- Harrow Lake: wrong program name; a later message naming both is fine
    inv = A(frm=("Harrow Lake Anesthesiology", "residency@harrowlake.example"), to=ME, date=D(12, 2, 9, 0),
            program="harrow", reply=True, subject="Interview invitation",
            body="Hi Dana,\n\nWe would like to interview you on Jan 8.\n\nPat, Coordinator")
    A(folder="Sent", frm=(ME_NAME, ME), to=("", "residency@harrowlake.example"), date=D(12, 2, 14, 0), program="harrow",
      parent=inv, subject="Re: Interview invitation", body="Hi Pat,\n\nJan 8 works.\n\nDana" + quote(inv))
    wp = A(folder="Sent", frm=(ME_NAME, ME), to=("", "residency@harrowlake.example"), date=D(1, 9, 10, 0),
           program="harrow", contact=True, subject="Thank you",
           body="Dear Dr. Quinn,\n\nThank you for interviewing me at Kestrel Point yesterday. I enjoyed meeting your "
                "residents and hearing about the regional anesthesia block rotation.\n" + SIG)
    s.finding("wrong-program-name", ["harrow"], [wp])
    A(frm=("Dr. Sam Quinn", "squinn@harrowlake.example"), to=ME, date=D(1, 11, 8, 0), program="harrow", reply=True,
      parent=wp, subject="Re: Thank you", body="Thanks for the note, Dana.\n\nSam Quinn" + quote(wp))
    both = A(folder="Sent", frm=(ME_NAME, ME), to=("Dr. Sam Quinn", "squinn@harrowlake.example"), date=D(1, 25, 9, 0),
             program="harrow", contact=True, subject="A correction and an update",
             body="Dear Dr. Quinn,\n\nI realized my last note named Kestrel Point by mistake; I'm sorry about that. "
                  "My interview at Harrow Lake was a highlight of my season, and the block rotation is a big draw for "
                  "me.\n" + SIG)
    s.negative(both, ["wrong-program-name"], "names its own program (and another): no wrong-name finding")

    # ---------------- Thornbury: a thank-you in Sent WITHOUT a Message-ID, duplicated in Archive; desperate tone
    inv = A(frm=("Thornbury Anesthesiology", "anesthesia.program@thornbury-uh.example"), to=ME, date=D(11, 30, 9, 0),
            program="thorn", reply=True, subject="Interview invitation",
            body="Dear Dana,\n\nPlease join us for an interview on Dec 21.\n\nRita, Coordinator")
    A(folder="Sent", frm=(ME_NAME, ME), to=("", "anesthesia.program@thornbury-uh.example"), date=D(11, 30, 13, 0),
      program="thorn", parent=inv, subject="Re: Interview invitation",
      body="Hi Rita,\n\nDec 21 works. Thanks!\n\nDana" + quote(inv))
    A(folder="Sent", frm=(ME_NAME, ME), to=("", "anesthesia.program@thornbury-uh.example"), date=D(12, 22, 11, 0),
      program="thorn", contact=True, msgid=False, key="thorn-thank-you", archive=True,
      subject="Thank you - Thornbury interview Dec 21",
      body="Dear Dr. Bell and Rita,\n\nThank you for yesterday. The residents' teaching and the new surgical tower "
           "impressed me.\n" + SIG)
    des = A(folder="Sent", frm=(ME_NAME, ME), to=("", "anesthesia.program@thornbury-uh.example"), date=D(1, 13, 23, 0),
            program="thorn", contact=True, subject="Please consider me",
            body="Dear Dr. Bell,\n\nThornbury is my only hope. I have no other interviews and I am desperate to match "
                 "this year. Please, I am begging you to consider me.\n" + SIG)
    s.finding("desperate-tone", ["thorn"], [des])

    # ---------------- Ironwood: the draft with a placeholder, then the fixed message sent
    inv = A(frm=("Ironwood Anesthesiology", "coordinator@ironwood-anes.example"), to=ME, date=D(12, 5, 9, 0),
            program="iron", reply=True, subject="Interview invitation",
            body="Hi Dana,\n\nWe'd like to interview you on Jan 12, with an optional dinner on Jan 11.\n\nKaren")
    sch = A(folder="Sent", frm=(ME_NAME, ME), to=("", "coordinator@ironwood-anes.example"), date=D(12, 5, 12, 0),
            program="iron", parent=inv, subject="Re: Interview invitation",
            body="Hi Karen,\n\nJan 12 works, and I will definitely come to the dinner on Jan 11.\n\nDana" + quote(inv))
    s.negative(sch, ["conditional-commitment"], "'I will definitely come to the dinner' is no rank promise")
    dr = A(folder="Drafts", frm=(ME_NAME, ME), to=("", "coordinator@ironwood-anes.example"), date=D(1, 13, 20, 0),
           program="iron", subject="Thank you",
           body="Dear Dr. Marsh,\n\nThank you for yesterday's interview at [Institution Name]. I enjoyed the pediatric "
                "cases and meeting your residents.\n" + SIG)
    s.finding("template-placeholder", ["iron"], [dr], draft=True)
    fixed = A(folder="Sent", frm=(ME_NAME, ME), to=("", "coordinator@ironwood-anes.example"), date=D(1, 13, 21, 0),
              program="iron", contact=True, subject="Thank you",
              body="Dear Dr. Marsh,\n\nThank you for yesterday's interview at Ironwood. I enjoyed the pediatric cases "
                   "and meeting your residents.\n" + SIG)
    s.negative(fixed, ["template-placeholder"], "the sent version was fixed; only the stale draft has the placeholder")
    A(frm=("Karen Blake", "coordinator@ironwood-anes.example"), to=ME, date=D(1, 14, 10, 0), program="iron",
      reply=True, parent=fixed, subject="Re: Thank you", body="Thanks, Dana!\n\nKaren" + quote(fixed))

    # ---------------- Willow Bend: platform rejection, then a feedback request
    A(frm=THALAMUS, to=ME, date=D(11, 28, 5, 0), program="willow", subject="Update on your application",
      body="Willow Bend Anesthesiology has updated your application status: the program is unable to offer you an "
           "interview this season.")
    fb = A(folder="Sent", frm=(ME_NAME, ME), to=("", "anes@willowbend.example"), date=D(12, 12, 10, 0),
           program="willow", contact=True, subject="Application feedback",
           body="Dear Dr. Grant,\n\nI was disappointed not to receive an interview. Could you tell me why I wasn't "
                "offered one, and share any feedback on my application?\n" + SIG)
    s.finding("feedback-request", ["willow"], [fb])

    # ---------------- a mentor thread naming programs (outbound, no program recipient: unmatched)
    mt = A(folder="Sent", frm=(ME_NAME, ME), to=("Dr. Kemi Adeyemi", "k.adeyemi@example.com"), date=D(1, 28, 20, 0),
           program=None, subject="Rank list thoughts",
           body="Hi Dr. Adeyemi,\n\nI'm leaning toward ranking Juniper Heights #1 and Silver Plume #2, with Rockies "
                "University third. Could we talk it over next week?\n\nDana")
    s.negative(mt, ["multiple-first-choice", "first-choice-outside-window", "wrong-program-name"],
               "a message to a mentor naming programs: unmatched")


def fillers(s: Season) -> None:
    """Pre-interview logistics (a person), a platform reminder by alias, and a post-interview survey (bulk)."""
    for key, p in P.items():
        if not p["interview"]:
            continue
        iv = datetime.fromisoformat(p["interview"]).replace(tzinfo=TZ)
        alias = p["aliases"][0]
        if p["contacts"]:
            sender = p["contacts"][-1] if key == "marsh" else p["contacts"][0]
        else:
            sender = f"coordinator@{p['domains'][0]}"
        # Bristlecone never writes as a person (its nudge is after silence): platform mail only.
        people = key != "bristle"
        if people:
            s.add(frm=("Residency Coordinator", sender), to=ALIAS if key == "marsh" else ME, date=iv - timedelta(days=4, hours=-6),
                  program=key, reply=True, subject=f"Your interview on {iv:%B %-d}: schedule and Zoom link",
                  body=f"Hi Dana,\n\nAttached is the schedule for your interview day on {iv:%A, %B %-d}. The pre-interview "
                       "Zoom meet-and-greet link is https://zoom.example/j/8812345 and the day starts at 7:00.\n\n"
                       "Residency Coordinator")
            s.add(frm=("Residency Coordinator", sender), to=ALIAS if key == "marsh" else ME,
                  date=iv - timedelta(days=1, hours=-8), program=key, reply=True,
                  subject=f"See you tomorrow, {iv:%B %-d}",
                  body="Hi Dana,\n\nA reminder that your interview is tomorrow. Please arrive 15 minutes early and bring "
                       "a photo ID for the badge office.\n\nResidency Coordinator")
        plat = {"bristle": IBROKER, "juniper": ERAS}.get(key, THALAMUS)
        s.add(frm=plat, to=ME, date=iv - timedelta(days=9, hours=-4), program=key,
              subject=f"Interview confirmed: {alias}",
              body=f"Your interview with {alias} on {iv:%A, %B %-d, %Y} is confirmed. Add it to your calendar from "
                   "the dashboard.")
        s.add(frm=plat, to=ME, date=iv - timedelta(days=2, hours=-3), program=key,
              subject=f"Reminder: interview with {alias} in 2 days",
              body=f"This is a reminder that your interview with {alias} is on {iv:%A, %B %-d, %Y}. "
                   "Log in to see the details.")
        if p["domains"]:
            dom = p["domains"][0]
            s.add(frm=(f"{alias} Surveys", f"surveys@{dom}"), to=ME, date=iv + timedelta(days=1, hours=10),
                  program=key, headers={"Precedence": "bulk", "Auto-Submitted": "auto-generated"},
                  subject=f"{alias}: tell us about your interview day",
                  body=f"Thank you for interviewing with {alias}. Please take our 3-minute anonymous survey: "
                       "https://survey.example/s/anes")


# ----------------------------------------------------------------------------------------
# Noise
# ----------------------------------------------------------------------------------------

def noise(s: Season) -> None:
    A = s.add
    tracked: list[dict[str, Any]] = []
    # Tricky non-program mail, tracked in the ground truth as unmatched.
    tracked.append(A(frm=("Rockies University Alumni", "alumni@rockies-univ.example.net"), to=ME, date=D(11, 30, 12, 0),
                     subject="Rockies University alumni giving day",
                     body="Support Rockies University students on giving day! Every gift is matched."))
    tracked.append(A(frm=("Events", "events@notrockies-univ.example"), to=ME, date=D(12, 3, 12, 0),
                     subject="Winter lecture series", body="Join us for the winter lecture series downtown."))
    tracked.append(A(frm=("FRH Careers", "careers@frontrange-health.example.org"), to=ME, date=D(1, 9, 12, 0),
                     subject="Nursing jobs near you", body="New nursing and tech jobs near Denver this week."))
    tracked.append(A(frm=("Sam Rivera", "sam.rivera@mail.example"), to=ME, date=D(12, 20, 19, 0),
                     subject="ski trip?", body="Dana! Are you free the weekend of the 9th? Loveland?"))
    tracked.append(A(folder="Sent", frm=(ME_NAME, ALIAS), to=("Sam Rivera", "sam.rivera@mail.example"),
                     date=D(12, 20, 21, 0), subject="Re: ski trip?", body="I'm in! Interview on the 8th though."))
    tracked.append(A(frm=THALAMUS, to=ME, date=D(10, 5, 5, 0), subject="Tips for your virtual interviews",
                     body="Test your camera and microphone, and keep a copy of your application handy."))
    tracked.append(A(frm=ERAS, to=ME, date=D(10, 2, 5, 0), subject="MyERAS: your application was submitted",
                     body="Your MyERAS application has been submitted. Programs can now review it."))
    tracked.append(A(frm=("NRMP", "noreply@nrmp.example.org"), to=ME, date=D(1, 31, 5, 0),
                     subject="Rank order list entry is open", body="The rank order list entry period is now open."))
    tracked.append(A(frm=("Plains State Dean's Office", "deans.office@plainsstate.example"), to=ME,
                     date=D(1, 5, 10, 0), subject="Match advising office hours",
                     body="Match advising drop-in hours are Tuesdays 12-1 in the learning center."))
    tracked.append(A(folder="Sent", frm=(ME_NAME, ME), to=("Mom", "okafor.family@mail.example"), date=D(12, 9, 20, 0),
                     subject="Interview went well", body="Hi Mom, the interview went well. Call you Sunday!"))
    tracked.append(A(folder="Sent", frm=(ME_NAME, ME), to=(ME_NAME, ME), date=D(1, 2, 9, 0),
                     subject="note to self: rank list draft", body="1. ?\n2. ?\n3. ?\nAsk Dr. Adeyemi."))
    for m in tracked:
        assert m["program"] is None
    n = len([m for m in s.msgs if m["program"] is None])

    senders = [
        ("Denver Daily", "digest@denverdaily.example", "list"), ("Trailhead Outfitters", "deals@trailhead.test", "list"),
        ("Anesthesia Journal Watch", "alerts@journalwatch.example.net", "list"),
        ("First Peak Bank", "no-reply@firstpeakbank.example", "auto"), ("RideShare", "receipts@rideshare.example", "auto"),
        ("SkyHop Airlines", "itinerary@skyhop.example", "auto"), ("Plains State Clerkships", "clerkships@plainsstate.example", "person"),
        ("Priya Natarajan", "priya.n@mail.example", "person"), ("Sam Rivera", "sam.rivera@mail.example", "person"),
        ("ASA Student Section", "students@asa-community.example.org", "list"),
        ("Library Services", "library@plainsstate.example", "auto"), ("Coffee Co.", "hello@coffeeco.test", "list"),
        ("Apartment Office", "office@larimer-lofts.example", "person"), ("Gym", "members@highaltitude-gym.example", "list"),
    ]
    subjects = {
        "list": ["Your weekly digest", "This week's top stories", "New articles in your field", "Sale ends Sunday",
                 "Member newsletter", "What's new this month"],
        "auto": ["Your receipt", "Your statement is ready", "Trip confirmation", "Security alert", "Book due soon"],
        "person": ["quick question", "dinner Thursday?", "shift swap", "notes from today", "lease renewal",
                   "photos from the weekend"],
    }
    start = D(10, 1, 0, 0)
    span = (D(2, 10, 0, 0) - start).total_seconds()
    friends = [("Priya Natarajan", "priya.n@mail.example"), ("Sam Rivera", "sam.rivera@mail.example"),
               ("Jake Okafor", "jake.okafor@example.net"), ("Lena Park", "lena.park@plainsstate.example")]
    while n < N_NOISE:
        date = start + timedelta(seconds=s.rng.randrange(int(span)))
        date = date.replace(second=0, microsecond=0)
        if s.rng.random() < 0.12:
            fr = s.rng.choice(friends)
            A(folder="Sent", frm=(ME_NAME, s.rng.choice([ME, ME, ALIAS])), to=fr, date=date, tracked=False,
              subject=s.rng.choice(["Re: dinner Thursday?", "Re: quick question", "notes", "Re: photos"]),
              body=s.rng.choice(["Sounds good, see you then.", "Thanks! Will do.", "Sure, send them over.",
                                 "Can't make it, sorry - post-call."]))
        else:
            name, addr, kind = s.rng.choice(senders)
            headers = {}
            if kind == "list":
                headers = {"List-Id": f"<{addr.split('@')[1]}>", "Precedence": "bulk",
                           "List-Unsubscribe": f"<https://{addr.split('@')[1]}/u>"}
            A(frm=(name, addr), to=s.rng.choice([ME, ME, ME, ALIAS]), date=date, headers=headers, tracked=False,
              subject=s.rng.choice(subjects[kind]),
              body=s.rng.choice(["Hi Dana,\n\nHere's the update you asked for.", "Details inside.",
                                 "Thanks for being a member.", "See the link below for more.",
                                 "Let me know what you think."]))
        n += 1


# ----------------------------------------------------------------------------------------
# Ground truth
# ----------------------------------------------------------------------------------------

def _make() -> tuple[dict[str, Any], Season]:
    P_order = list(P)
    s = Season()
    stories(s)
    fillers(s)
    noise(s)
    s.n_noise = sum(1 for m in s.msgs if m["program"] is None)

    programs: dict[str, Any] = {}
    derived: list[dict[str, Any]] = []
    for key in P_order:
        name = P[key]["name"]

        def mine(m: dict[str, Any]) -> bool:
            pr = m["program"]
            return pr == name or (isinstance(pr, list) and name in pr)

        live = [m for m in s.msgs if mine(m) and m["date"] <= AS_OF]
        contacts = sorted((m for m in live if m["contact"] and m["folder"] != "Drafts"), key=lambda m: m["date"])
        replies = sorted((m for m in live if m["reply"]), key=lambda m: m["date"])
        n = len(contacts)
        status = "over_limit" if n > LIMIT else "at_limit" if n == LIMIT else "ok"
        programs[name] = {"contacts": n, "replies": len(replies), "status": status}
        if n == LIMIT:
            derived.append({"rule": "at-contact-limit", "severity": "info", "programs": [name], "draft": False,
                            "message_ids": [m["id"] for m in contacts]})
        if n > LIMIT:
            derived.append({"rule": "over-contact-limit", "severity": "warning", "programs": [name], "draft": False,
                            "message_ids": [m["id"] for m in contacts]})
        if contacts:
            last = contacts[-1]["date"]
            if not any(r["date"] > last for r in replies) and AS_OF - last >= timedelta(days=QUIET_DAYS):
                derived.append({"rule": "quiet-program", "severity": "info", "programs": [name], "draft": False,
                                "message_ids": [contacts[-1]["id"]]})

    messages: dict[str, Any] = {}
    headerless: dict[str, Any] = {}
    for m in s.msgs:
        if not m["tracked"]:
            continue
        pr = None if m["date"] > AS_OF else m["program"]
        messages[m["id"]] = pr
        if m.get("headerless"):
            headerless[m["id"]] = {"subject": m["subject"], "folder": m["folder"],
                                   "copies": 2 if m["archive"] else 1}
    findings = sorted(s.findings + derived, key=lambda f: (f["rule"], f["programs"], f["draft"]))
    expected = {
        "as_of": AS_OF.isoformat(),
        "account": ME,
        "limit": LIMIT,
        "programs": programs,
        "messages": messages,
        "headerless": headerless,
        "findings": findings,
        "hard_negatives": s.negatives,
        "noise_messages": s.n_noise,
    }
    return expected, s


def build() -> dict[str, Any]:
    """The ground truth (expected.json) by construction."""
    return _make()[0]


def _render(m: dict[str, Any]) -> bytes:
    msg = EmailMessage()
    msg["From"] = formataddr(m["from"])
    if m["to"]:
        msg["To"] = ", ".join(formataddr(a) for a in m["to"])
    if m["cc"]:
        msg["Cc"] = ", ".join(formataddr(a) for a in m["cc"])
    if m["bcc"] and m["outbound"]:
        msg["Bcc"] = ", ".join(formataddr(a) for a in m["bcc"])
    if m["reply_to"]:
        msg["Reply-To"] = m["reply_to"]
    msg["Date"] = format_datetime(m["date"])
    msg["Subject"] = m["subject"]
    if not m.get("headerless"):
        msg["Message-ID"] = m["id"]
    if m.get("in_reply_to"):
        msg["In-Reply-To"] = m["in_reply_to"]
    if m.get("references"):
        msg["References"] = " ".join(m["references"])
    for k, v in m["headers"].items():
        msg[k] = v
    msg["MIME-Version"] = "1.0"
    msg.set_content(m["body"])
    if m["calendar"]:
        msg.add_alternative(m["calendar"], subtype="calendar", params={"method": "REQUEST"})
        msg.set_boundary("=_edge_" + m["id"].strip("<>").replace("@", "_").replace("+", "_"))
    return msg.as_bytes()


def write_maildir(root: Path) -> Path:
    _, s = _make()
    md = Path(root) / "Maildir"
    for folder in ("", ".Sent", ".Drafts", ".Archive"):
        for sub in ("cur", "new", "tmp"):
            (md / folder / sub).mkdir(parents=True, exist_ok=True)
    dirs = {"INBOX": md, "Sent": md / ".Sent", "Drafts": md / ".Drafts"}
    for i, m in enumerate(s.msgs):
        data = _render(m)
        flags = "DS" if m["folder"] == "Drafts" else "S"
        stamp = int(m["date"].timestamp())
        fname = f"{stamp}.M{i}P2027.edgeseason:2,{flags}"
        (dirs[m["folder"]] / "cur" / fname).write_bytes(data)
        if m["archive"]:
            (md / ".Archive" / "cur" / f"{stamp}.M{i}P2027A.edgeseason:2,S").write_bytes(data)
    return md


def config_toml() -> str:
    out = [
        "# Edge-case rehearsal season for inboxcoach - generated by tools/make_edge_season.py; do not edit.",
        "[account]", f'email = "{ME}"', f'aliases = ["{ALIAS}"]', 'imap_host = "imap.example.org"',
        "imap_port = 993", 'imap_security = "tls"', 'password_env = "INBOXCOACH_PASSWORD"',
        'smtp_host = "smtp.example.org"', "smtp_port = 465", 'smtp_security = "tls"', "",
        "[season]", "match_year = 2027", 'specialty = "anesthesiology"', 'timezone = "America/Denver"', "",
        "[limits]", f"max_contacts_per_program = {LIMIT}", "thank_you_window_hours = 72",
        f"quiet_after_days = {QUIET_DAYS}", "",
    ]
    for p in P.values():
        out += ["[[programs]]", f'name = "{p["name"]}"', "aliases = [" + ", ".join(f'"{a}"' for a in p["aliases"]) + "]"]
        if p["domains"]:
            out.append("domains = [" + ", ".join(f'"{d}"' for d in p["domains"]) + "]")
        if p["contacts"]:
            out.append("contacts = [" + ", ".join(f'"{c}"' for c in p["contacts"]) + "]")
        if p["interview"]:
            out.append(f"interview_date = {p['interview']}")
        out += [f"nrmp = {'true' if p['nrmp'] else 'false'}", ""]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("outdir", type=Path)
    ap.add_argument("--write-fixtures", action="store_true",
                    help="also write tests/data/edge_season/config.toml and expected.json")
    args = ap.parse_args(argv)
    md = write_maildir(args.outdir)
    exp = build()
    print(f"wrote {md}: {len(exp['messages'])} tracked messages, "
          f"{sum(1 for v in exp['messages'].values() if v is not None)} program messages, "
          f"{exp['noise_messages']} noise, {len(exp['findings'])} findings")
    if args.write_fixtures:
        DATA.mkdir(parents=True, exist_ok=True)
        (DATA / "config.toml").write_text(config_toml())
        (DATA / "expected.json").write_text(json.dumps(exp, indent=1) + "\n")
        print(f"wrote {DATA}/config.toml and expected.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
