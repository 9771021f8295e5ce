#!/usr/bin/env python3
"""Write a fifth, independent rehearsal season that stresses TIMING rules and HTML mail.

    python tools/make_time_season.py OUTDIR [--write-fixtures]

Season time zone America/Chicago; Date headers written in UTC, +05:30, -08:00 and
Chicago. Boundaries: late-thank-you at 71 h / 74 h after the END of the interview day,
a thank-you sent on the interview day itself (UTC date is the next day), a program with
no message after the interview; #1 letters at 31 Dec 23:30 Chicago (= 1 Jan 05:30 UTC,
outside) and 1 Jan 00:30 Chicago (= 31 Dec 22:30 -08:00, inside) and after a configured
rank_list_deadline; quiet_after_days = 10 with last contacts 9.5 and 10.5 days before
as-of (across the DST change of 14 March 2027); messages dated after as-of; a pre-match
offer before the configured match_day and a post-Match "welcome, sign your contract".
HTML-only mail (Gmail web <div dir="ltr"> + gmail_quote, Outlook divRplyFwdMsg + <hr>),
"Thanks!" replies, a forward to a mentor, a 1,500-word letter with a #1 statement in its
10th paragraph. Stdlib only, fixed seed, deterministic.

Writes OUTDIR/Maildir (INBOX, .Sent, .Drafts, .Archive). With --write-fixtures also writes
tests/data/time_season/config.toml and expected.json.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "data" / "time_season"
SEED = 20270325
TZ = ZoneInfo("America/Chicago")
UTC = timezone.utc
IST = timezone(timedelta(hours=5, minutes=30))
PST = timezone(timedelta(hours=-8))
EST = timezone(timedelta(hours=-5))

ME = "amara.nwosu@example.com"
ME_NAME = "Amara Nwosu"
ALIAS = "amara.nwosu.md@mail.example"
MENTOR = "prof.adeyemi@teaching-hosp.example.net"
AS_OF = datetime(2027, 3, 25, 9, 0, tzinfo=TZ)  # CDT, -05:00
LIMIT = 3
WINDOW_H = 72
QUIET_DAYS = 10
RANK_DEADLINE = date(2027, 2, 24)
MATCH_DAY = date(2027, 3, 19)
NOISE = 500

SEVERITY = {
    "over-contact-limit": "warning", "at-contact-limit": "info", "multiple-first-choice": "critical",
    "conditional-commitment": "warning", "template-placeholder": "critical", "wrong-program-name": "critical",
    "desperate-tone": "warning", "emotional-tone": "warning", "feedback-request": "warning",
    "mass-email": "warning", "same-request-multiple-faculty": "warning", "repeat-after-silence": "warning",
    "late-thank-you": "info", "first-choice-outside-window": "info", "prematch-offer": "critical",
    "rank-inquiry": "warning", "contact-despite-policy": "warning", "quiet-program": "info",
}

P: dict[str, dict[str, Any]] = {}
for key, name, aliases, domains, contacts, interview, nrmp in [
    ("PSU", "Prairie State University Anesthesiology", ["Prairie State", "PSU Anesthesiology"],
     ["prairiestate.example"], ["anes.residency@prairiestate.example"], date(2026, 11, 10), True),
    ("LHN", "Lakeshore Health North Anesthesiology", ["Lakeshore North", "LHN Anesthesiology"],
     ["lakeshore-health.example"], ["north.anes@lakeshore-health.example"], date(2026, 11, 17), True),
    ("LHS", "Lakeshore Health South Anesthesiology", ["Lakeshore South", "LHS Anesthesiology"],
     ["lakeshore-health.example"], ["south.anes@lakeshore-health.example"], date(2026, 12, 1), True),
    ("CBM", "Cedar Bluff Medical Center", ["Cedar Bluff", "CBMC Anesthesiology"],
     ["cedarbluff.test"], ["anesthesia.gme@cedarbluff.test"], date(2026, 12, 8), True),
    ("HMU", "Heron Marsh University Hospital", ["Heron Marsh", "HMUH Anesthesiology"],
     ["heronmarsh.example"], ["anes.coord@heronmarsh.example"], date(2026, 12, 8), True),
    ("OPA", "Osage Plains Anesthesiology", ["Osage Plains"],
     ["osage.example.org"], ["residency@osage.example.org"], date(2026, 11, 19), True),
    ("KMM", "Kettle Moraine Medical College", ["Kettle Moraine", "KMMC"],
     ["kettlemoraine.test"], ["anesthesiology@kettlemoraine.test"], date(2026, 12, 15), True),
    ("BOR", "Bur Oak Regional Anesthesiology", ["Bur Oak", "Bur Oak Regional"],
     ["buroak.example"], ["gme@buroak.example"], date(2026, 12, 3), True),
    ("SCU", "Sandhill Crane University", ["Sandhill Crane", "SCU Anesthesiology"],
     ["sandhillcrane.example"], ["anes.program@sandhillcrane.example"], date(2026, 11, 24), True),
    ("WVA", "Wabash Valley Anesthesiology", ["Wabash Valley"],
     ["wabashvalley.example.com"], ["residency@wabashvalley.example.com"], date(2026, 12, 10), True),
    ("DAM", "Driftless Area Medical Center", ["Driftless Area", "DAMC"],
     ["driftless.test"], ["anes.residency@driftless.test"], date(2026, 12, 14), True),
    ("TMH", "Tallgrass Memorial Hospital", ["Tallgrass Memorial", "Tallgrass"],
     ["tallgrass.example"], ["anesthesia.program@tallgrass.example"], date(2026, 12, 17), True),
    ("FRA", "Fox River Anesthesiology", ["Fox River"],
     ["foxriver.example.net"], ["program@foxriver.example.net"], None, True),
    ("MRH", "Mesquite Ridge Hospital", ["Mesquite Ridge", "MRH Anesthesiology"],
     ["mesquiteridge.example"], ["gme.office@mesquiteridge.example"], date(2026, 11, 30), False),
    ("BUA", "Bluestem University Anesthesiology", ["Bluestem", "Bluestem University"],
     ["bluestem.example"], ["anes.residency@bluestem.example"], date(2026, 12, 2), True),
]:
    P[key] = {"name": name, "aliases": aliases, "domains": domains, "contacts": contacts,
              "interview": interview, "nrmp": nrmp}


@dataclass
class Msg:
    mid: str
    when: datetime
    hdr_tz: Any
    frm: str
    to: list[str]
    subject: str
    program: Any  # program key, list of keys, None (unmatched) or "ambiguous"
    out: bool
    folders: list[str] = field(default_factory=lambda: ["INBOX"])
    cc: list[str] = field(default_factory=list)
    bcc: list[str] = field(default_factory=list)
    text: str | None = None
    html: str | None = None
    in_reply_to: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    contact: bool = False  # outbound, initiated by the applicant
    human: bool = False  # inbound written by a person (a "reply")
    numone: bool = False  # a #1 statement in the applicant's own words
    track: bool = True  # list in expected["messages"]
    draft: bool = False


class Season:
    def __init__(self) -> None:
        self.rng = random.Random(SEED)
        self.msgs: list[Msg] = []
        self.findings: list[dict[str, Any]] = []
        self.negatives: list[dict[str, Any]] = []

    # ids -------------------------------------------------------------------------
    def mid(self, domain: str, gmail: bool = False) -> str:
        if gmail:
            s = "".join(self.rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
                        for _ in range(26))
            return f"<CA{s}@mail.example.com>"
        return f"<{self.rng.getrandbits(48):012x}.{self.rng.getrandbits(24):06x}@{domain}>"

    def add(self, **kw: Any) -> Msg:
        m = Msg(**kw)
        if m.draft:
            m.folders = ["Drafts"]
        self.msgs.append(m)
        return m

    def sent(self, prog: Any, to: list[str], when: datetime, subject: str, *, tz: Any = TZ,
             frm: str = ME, contact: bool = True, **kw: Any) -> Msg:
        return self.add(mid=self.mid("", gmail=True), when=when, hdr_tz=tz, frm=f"{ME_NAME} <{frm}>", to=to,
                        subject=subject, program=prog, out=True, folders=kw.pop("folders", ["Sent"]),
                        contact=contact, **kw)

    def inbox(self, prog: Any, frm: str, when: datetime, subject: str, *, tz: Any = TZ, human: bool = True,
              **kw: Any) -> Msg:
        domain = frm.split("@")[-1].rstrip(">")
        return self.add(mid=self.mid(domain), when=when, hdr_tz=tz, frm=frm, to=kw.pop("to", [ME]),
                        subject=subject, program=prog, out=False, human=human, **kw)

    def finding(self, rule: str, progs: list[str], mids: list[str], draft: bool = False) -> None:
        self.findings.append({"rule": rule, "severity": SEVERITY[rule], "programs": sorted(P[k]["name"] for k in progs),
                              "draft": draft, "message_ids": mids})

    def negative(self, m: Msg, rules: list[str], why: str) -> None:
        self.negatives.append({"message_id": m.mid, "must_not_fire": rules, "why": why})


def L(y: int, mo: int, d: int, h: int = 9, mi: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=TZ)


def sig() -> str:
    return f"\n\n{ME_NAME}, MD\nERAS ID 2027-55812\n"


def gmail_html(paras: list[str], quote: tuple[str, str] | None = None, extra: str = "") -> str:
    body = "".join(f"<div>{p}</div><div><br></div>" for p in paras)
    out = (f'<div dir="ltr">{body}{extra}<div><br clear="all"><div><br></div>-- <br>'
           f'<div dir="ltr" class="gmail_signature">{ME_NAME}, MD<br>ERAS ID 2027-55812</div></div></div>')
    if quote:
        attr, q = quote
        out += ('<br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">' + attr + '<br></div>'
                '<blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px solid '
                'rgb(204,204,204);padding-left:1ex">' + q + '</blockquote></div>')
    return out + "\n"


def outlook_html(paras: list[str], quoted: tuple[str, str, str, str, str] | None = None) -> str:
    body = "".join(f'<p class="MsoNormal">{p}<o:p></o:p></p><p class="MsoNormal"><o:p>&nbsp;</o:p></p>'
                   for p in paras)
    out = ('<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><meta http-equiv="Content-Type" '
           'content="text/html; charset=utf-8"><style><!-- p.MsoNormal {margin:0in; font-size:11.0pt; '
           'font-family:"Calibri",sans-serif;} --></style></head><body lang="EN-US"><div class="WordSection1">'
           + body + "</div>")
    if quoted:
        frm, sent, to, subj, text = quoted
        out += ('<hr style="display:inline-block;width:98%" tabindex="-1"><div id="divRplyFwdMsg" dir="ltr">'
                '<font face="Calibri, sans-serif" style="font-size:11pt" color="#000000"><b>From:</b> '
                f'{frm}<br><b>Sent:</b> {sent}<br><b>To:</b> {to}<br><b>Subject:</b> {subj}</font>'
                f'<div>&nbsp;</div></div><div><div class="WordSection1"><p class="MsoNormal">{text}</p></div></div>')
    return out + "</body></html>\n"


LONG_SENTENCES = [
    "During my internship year I managed airway emergencies on the medical wards and learned to stay calm when a patient deteriorated quickly.",
    "I spent four months in the surgical intensive care unit, where I titrated vasopressors, adjusted sedation and presented patients on rounds every morning.",
    "My research on postoperative nausea after laparoscopic surgery taught me how careful data collection changes everyday clinical decisions.",
    "I volunteered at a rural clinic where anesthesia coverage was thin, and I saw how much a well-run preoperative assessment can prevent.",
    "On the interview day I was struck by how the residents spoke about their attendings as teachers rather than supervisors.",
    "The simulation center impressed me, especially the monthly crisis resource management sessions that include nurses and surgical residents.",
    "I appreciated hearing about the regional anesthesia rotation and the dedicated block room where residents perform many ultrasound-guided blocks.",
    "The cardiac anesthesia experience, with exposure to transesophageal echocardiography from the second year, fits my long-term interests.",
    "I also valued the wellness initiatives the chief residents described, including protected time for appointments and a peer support program.",
    "My family lives within driving distance of the hospital, which would give me a steady support system during a demanding training period.",
    "The diverse patient population served by the hospital reminded me of the communities where I trained and where I hope to practice.",
    "I completed my clinical rotations in the United States at two academic centers, which prepared me well for the pace of residency.",
    "Teaching medical students has been one of the most rewarding parts of my training, and I hope to keep doing so as a resident.",
    "In the operating room I learned that clear closed-loop communication with the surgical team matters as much as technical skill.",
    "The quality improvement project I led on handoff communication reduced missing information in our unit by nearly a third.",
    "I was glad to learn that residents present at the departmental grand rounds and receive mentorship on their first abstracts.",
    "The program director's description of graduated autonomy, with senior residents running rooms under appropriate supervision, was reassuring.",
    "I enjoyed the conversation with the obstetric anesthesia faculty about labor analgesia and the high-volume labor and delivery unit.",
    "Since the interview I have continued to read about perioperative medicine and the role anesthesiologists play in enhanced recovery pathways.",
    "The pediatric anesthesia rotation at the affiliated children's hospital would give me experience I cannot find elsewhere in the region.",
    "My Step 3 preparation has gone well, and I expect my score before residency starts so that licensing will not be a delay.",
    "I have also been practicing point-of-care ultrasound on my own time, using a portable probe at the clinic where I volunteer.",
]


def long_letter(rng: random.Random, numone_para: str) -> tuple[list[str], int]:
    paras: list[str] = []
    pool = LONG_SENTENCES[:]
    for i in range(11):
        if i == 9:
            paras.append(numone_para)
            continue
        rng.shuffle(pool)
        sents = pool[:7]
        paras.append(" ".join(sents))
    words = sum(len(p.split()) for p in paras)
    return paras, words


def build_season() -> Season:
    s = Season()
    n = {k: P[k]["name"] for k in P}
    c = {k: P[k]["contacts"][0] for k in P}

    def thalamus(k: str, when: datetime) -> Msg:
        return s.inbox(k, "Thalamus <no-reply@thalamusgme.com>", when, f"Interview invitation: {n[k]}",
                       human=False, tz=UTC,
                       text=f"Dear {ME_NAME},\n\n{n[k]} has invited you to interview for the 2027 season. "
                            f"Log in to Thalamus to select an interview date.\n\nThalamus GME\n")

    def coord_invite(k: str, when: datetime, coord: str, html: bool = False) -> Msg:
        paras = [f"Dear Dr. Nwosu,", f"On behalf of the {n[k]} residency program, I am pleased to invite you to "
                 "interview with us. Please reply with the dates that work for you from the list below.",
                 "Best regards,", coord]
        if html:
            return s.inbox(k, f"{coord} <{c[k]}>", when, f"Interview invitation - {n[k]}",
                           html=outlook_html(paras))
        return s.inbox(k, f"{coord} <{c[k]}>", when, f"Interview invitation - {n[k]}", text="\n\n".join(paras) + "\n")

    def itinerary(k: str, when: datetime) -> Msg:
        d = P[k]["domains"][0]
        return s.inbox(k, f"{n[k]} <no-reply@{d}>", when, f"Your interview day itinerary - {n[k]}", human=False,
                       text=f"Welcome to {n[k]}! Your virtual interview begins at 8:00 a.m. Central. "
                            "This mailbox is not monitored.\n")

    detail_pool = LONG_SENTENCES[:]
    random.Random(SEED + 1).shuffle(detail_pool)
    details = {key: detail_pool[(2 * i) % len(detail_pool)] + " " + detail_pool[(2 * i + 1) % len(detail_pool)]
               for i, key in enumerate(P)}

    def thank_you(k: str, when: datetime, tz: Any = TZ, greeting: str = "Dear Dr. Morales", **kw: Any) -> Msg:
        return s.sent(k, [c[k]], when, kw.pop("subject", f"Thank you - {n[k]} interview"), tz=tz,
                      text=kw.pop("text", f"{greeting},\n\nThank you for the interview at {n[k]}. " + details[k]
                           + sig()), **kw)

    def ack(k: str, when: datetime, frm: str | None = None, reply_to: Msg | None = None, tz: Any = TZ) -> Msg:
        return s.inbox(k, frm or f"Program Coordinator <{c[k]}>", when, f"Re: Thank you - {n[k]} interview", tz=tz,
                       in_reply_to=reply_to.mid if reply_to else None,
                       text="Dear Dr. Nwosu,\n\nThank you for your kind note. It was a pleasure to meet you.\n\n"
                            "Best wishes,\nProgram Office\n")

    def newsletter(k: str, when: datetime, sub: str = "news") -> Msg:
        d = P[k]["domains"][0]
        return s.inbox(k, f"{n[k]} News <{sub}@{d}>", when, f"{n[k]} department newsletter", human=False,
                       headers={"List-Id": f"<dept-news.{d}>", "Precedence": "bulk"},
                       text=f"This month at {n[k]}: new simulation lab, resident research day, wellness retreat.\n")

    mass_body = ("I wanted to share a brief update since my interview. My manuscript on postoperative delirium "
                 "in older adults was accepted by a peer-reviewed journal last week, and I passed USMLE Step 3 "
                 "on my first attempt. I remain very interested in {prog} and grateful for the chance to interview.")

    # ---- PSU: over the limit; Bcc; subdomain; faculty reply from a personal address ---------
    k = "PSU"
    inq = s.sent(k, [c[k]], L(2026, 9, 28, 10), "Question about observerships - Prairie State",
                 text="Dear Program Coordinator,\n\nI am an international medical graduate applying to anesthesiology. "
                      "Could you tell me whether the program accepts observers before interviews?" + sig())
    s.inbox(k, f"Coordinator <coord@gme.prairiestate.example>", L(2026, 9, 30, 14), "Re: Question about observerships",
            in_reply_to=inq.mid, text="Dear Dr. Nwosu,\n\nWe do not host observers, but we welcome your application.\n")
    thalamus(k, L(2026, 10, 12, 8))
    itinerary(k, L(2026, 11, 9, 7))
    ty = thank_you(k, L(2026, 11, 11, 18), tz=EST, bcc=["pd.office@prairiestate.example"])
    s.inbox(k, "Robert Hale <r.hale@mail.example>", L(2026, 11, 12, 21), "Re: Thank you - Prairie State University Anesthesiology interview",
            in_reply_to=ty.mid, text="Amara,\n\nThanks for the note - enjoyed our conversation about regional anesthesia.\n\nRob Hale\n")
    s.sent(k, [c[k]], L(2027, 1, 14, 11), "Update - Amara Nwosu",
           text="Dear Dr. Morales,\n\nA short update: I have completed USMLE Step 3 and my poster was accepted at the "
                "regional anesthesia meeting." + sig())
    s.sent(k, [c[k]], L(2027, 2, 9, 11), "Continued interest in Prairie State", frm=ALIAS,
           text="Dear Dr. Morales,\n\nPrairie State remains a top choice for me and ranks very high on my list. "
                "I enjoyed every part of the interview day." + sig())
    newsletter(k, L(2027, 3, 1, 6))
    late1 = s.sent(k, [c[k]], L(2027, 3, 26, 10), "Prairie State is my #1 choice",
                   text="Dear Dr. Morales,\n\nI am writing to let you know that Prairie State is my #1 choice." + sig())
    late1.program = None  # dated after as-of: ignored as if it did not exist
    s.negative(late1, ["multiple-first-choice", "first-choice-outside-window"],
               "dated 26 March, after as-of 25 March 09:00: ignored")

    # ---- LHN: mass email; quiet at 10.5 days (across DST); a reply after as-of ignored -------
    k = "LHN"
    inv = coord_invite(k, L(2026, 10, 14, 10), "Janet Ruiz")
    r = s.sent(k, [c[k]], L(2026, 10, 14, 20), "Re: Interview invitation - " + n[k], contact=False, in_reply_to=inv.mid,
               text="Dear Ms. Ruiz,\n\nThank you for the invitation. I would be glad to interview on November 17." + sig())
    s.inbox(k, f"Janet Ruiz <{c[k]}>", L(2026, 10, 15, 9), "Re: Interview invitation - " + n[k], in_reply_to=r.mid,
            text="Dr. Nwosu,\n\nYou are confirmed for November 17.\n\nJanet\n")
    thank_you(k, L(2026, 11, 18, 19))
    m1 = s.sent(k, [c[k]], L(2027, 1, 12, 9), "Update from Amara Nwosu",
                text="Dear Dr. Whitfield,\n\n" + mass_body.format(prog=n[k]) + sig())
    q105 = s.sent(k, [c[k]], L(2027, 3, 14, 21), "Brief note - Lakeshore North", tz=IST,
                  text="Dear Dr. Whitfield,\n\nI have joined the state society's airway workshop as a volunteer "
                       "instructor and wanted to let you know." + sig())
    lr = s.inbox(k, f"Dr. Whitfield <{c[k]}>", L(2027, 3, 26, 8), "Re: Brief note - Lakeshore North",
                 in_reply_to=q105.mid, text="Thank you, Amara - good to hear.\n")
    lr.program = None
    s.negative(lr, ["quiet-program"], "reply dated after as-of does not exist yet")

    # ---- LHS: emotional tone; "Thanks!" HTML reply quoting a #1 phrase; shared domain --------
    k = "LHS"
    thalamus(k, L(2026, 10, 20, 8))
    itinerary(k, L(2026, 11, 30, 7))
    thank_you(k, L(2026, 12, 2, 17), tz=UTC)
    emo = s.sent(k, [c[k]], L(2027, 1, 8, 22), "Update - Amara Nwosu",
                 text="Dear Dr. Patel,\n\nI wanted to share an update. Honestly, this application process has been "
                      "exhausting and unfair, and several programs have treated applicants terribly by cancelling "
                      "interviews at the last minute. I am fed up with how this system works." + sig())
    s.finding("emotional-tone", [k], [emo.mid])
    sl = s.inbox(k, f"Maria Chen <{c[k]}>", L(2027, 1, 20, 9, 14), "Second look - Lakeshore South",
                 html=outlook_html(["Dear Dr. Nwosu,", "We are hosting an optional second look on February 6. "
                                    "As one of our PGY-2s put it, &quot;Lakeshore South was my first choice and I "
                                    "am so glad I matched here.&quot; Attendance does not affect ranking.",
                                    "Warmly,", "Maria Chen, Program Coordinator"]))
    thx = s.sent(k, [c[k]], L(2027, 1, 20, 12, 2), "Re: Second look - Lakeshore South", contact=False, in_reply_to=sl.mid,
                 html=gmail_html(["Thanks!"], ("On Wed, Jan 20, 2027 at 9:14 AM Maria Chen &lt;south.anes@lakeshore-health.example&gt; wrote:",
                                               "<div>We are hosting an optional second look on February 6. As one of our PGY-2s "
                                               "put it, &quot;Lakeshore South was my first choice and I am so glad I matched "
                                               "here.&quot;</div>")))
    s.negative(thx, ["multiple-first-choice", "first-choice-outside-window"],
               "the only #1 phrase is a resident's, inside the HTML gmail_quote; the applicant wrote 'Thanks!'")
    amb = s.inbox("ambiguous", "Lakeshore Health <info@lakeshore-health.example>", L(2026, 12, 20, 8),
                  "Lakeshore Health holiday closure", human=False, headers={"Precedence": "bulk"},
                  text="Lakeshore Health offices will be closed December 24-25. Happy holidays.\n")
    s.inbox("LHS", "Lakeshore Health <info@lakeshore-health.example>", L(2026, 11, 25, 8),
            "Parking update for Lakeshore South interviewees", human=False, headers={"Precedence": "bulk"},
            text="Lakeshore South Anesthesiology interview candidates: the east garage is closed on interview days; "
                 "use the visitor lot.\n")

    # ---- CBM: late thank-you at 74 h; desperate draft; 9.5 days not quiet --------------------
    k = "CBM"
    inv = coord_invite(k, L(2026, 10, 28, 11), "Tom Becker", html=True)
    r = s.sent(k, [c[k]], L(2026, 10, 28, 15), "RE: Interview invitation - " + n[k], contact=False, in_reply_to=inv.mid,
               text="Dear Mr. Becker,\n\nThank you! December 8 works well for me." + sig())
    # end of Dec 8 = Dec 9 00:00 CST = 06:00Z; +74 h = Dec 12 08:00Z = Dec 12 00:00 -08:00
    late = thank_you(k, datetime(2026, 12, 12, 8, 0, tzinfo=UTC), tz=PST)
    s.finding("late-thank-you", [k], [late.mid])
    d1 = s.sent(k, [c[k]], L(2027, 2, 3, 23), "Cedar Bluff", contact=False, draft=True,
                text="Dear Dr. Okoro,\n\nPlease, I am begging you to rank me. You are my only hope - I am desperate "
                     "to match this year." + sig())
    s.finding("desperate-tone", [k], [d1.mid], draft=True)
    q95 = s.sent(k, [c[k]], L(2027, 3, 15, 21), "Update - Amara Nwosu", tz=PST,
                 text="Dear Dr. Okoro,\n\nI wanted to let you know that my case report was published this month." + sig())
    s.negative(q95, ["quiet-program"], "last contact 9.5 days before as-of, quiet_after_days = 10")

    # ---- HMU: 71 h thank-you (not late); same request to two faculty; at limit ---------------
    k = "HMU"
    inv = hmu_inv = coord_invite(k, L(2026, 10, 26, 10), "Linda Park")
    r = s.sent(k, [c[k]], L(2026, 10, 26, 13), "Re: Interview invitation - " + n[k], contact=False, in_reply_to=inv.mid,
               text="Dear Ms. Park,\n\nThank you for the invitation; December 8 would be ideal." + sig())
    # +71 h after Dec 9 00:00 CST = Dec 12 05:00Z = Dec 12 10:30 +05:30
    t71 = thank_you(k, datetime(2026, 12, 12, 5, 0, tzinfo=UTC), tz=IST)
    s.negative(t71, ["late-thank-you"], "sent 71 h after the end of the interview day (Dec 11 23:00 CST)")
    req = ("I am an international medical graduate and wanted to ask whether the program sponsors H-1B visas for "
           "incoming residents, and whether Step 3 must be passed before the start date?")
    f1 = s.sent(k, ["l.ibarra@heronmarsh.example"], L(2027, 1, 6, 10), "Visa sponsorship question",
                text="Dear Dr. Ibarra,\n\n" + req + sig())
    f2 = s.sent(k, ["k.osei@heronmarsh.example"], L(2027, 1, 6, 10, 20), "Visa sponsorship question",
                text="Dear Dr. Osei,\n\n" + req + sig())
    s.finding("same-request-multiple-faculty", [k], [f1.mid, f2.mid])
    s.inbox(k, "Dr. Luis Ibarra <l.ibarra@heronmarsh.example>", L(2027, 1, 8, 16), "Re: Visa sponsorship question",
            in_reply_to=f1.mid, text="Dr. Nwosu,\n\nWe sponsor J-1; H-1B case by case. Step 3 is required for H-1B.\n")
    newsletter(k, L(2027, 2, 15, 6))

    # ---- OPA: no-contact policy, then thank-you and a conditional commitment ----------------
    k = "OPA"
    thalamus(k, L(2026, 10, 19, 8))
    pol = s.inbox(k, f"Osage Plains Residency <{c[k]}>", L(2026, 11, 18, 10), "Interview day information - Osage Plains",
                  text="Dear applicant,\n\nA reminder for tomorrow. Our program does not accept post-interview "
                       "communication: please, no thank-you notes, and there is no need for further contact after "
                       "your interview day. This does not affect your application in any way.\n\nOsage Plains GME\n")
    t_opa = thank_you(k, L(2026, 11, 20, 18))
    cond = s.sent(k, [c[k]], L(2027, 2, 10, 20), "Osage Plains", tz=UTC,
                  text="Dear Dr. Brandt,\n\nIf you rank me to match, I will definitely come to Osage Plains and sign "
                       "with you. I promise I will not regret it." + sig())
    s.finding("conditional-commitment", [k], [cond.mid])
    s.finding("contact-despite-policy", [k], [t_opa.mid, cond.mid])

    # ---- KMM: thank-you on the interview day (UTC next day); HTML comment/alt; a nudge -------
    k = "KMM"
    thalamus(k, L(2026, 11, 2, 8))
    itinerary(k, L(2026, 12, 14, 7))
    tday = thank_you(k, L(2026, 12, 15, 19), tz=UTC,  # Dec 16 01:00 +0000
                     text="Dear Dr. Lindqvist,\n\nThank you for today's interview at Kettle Moraine Medical College. "
                          "The airway simulation session was a highlight. I look forward to hearing from you." + sig())
    s.negative(tday, ["repeat-after-silence"], "'I look forward to hearing from you' is a courtesy, not a nudge")
    s.negative(tday, ["late-thank-you"], "sent 19:00 CST on the interview day itself (01:00 UTC next day)")
    upd = s.sent(k, [c[k]], L(2027, 1, 10, 10), "Update - Amara Nwosu",
                 html=gmail_html(["<!-- Dear [Name], -->Dear Dr. Lindqvist,",
                                  "A brief update: I completed my Step 3 and started a quality improvement project "
                                  "on handoffs. I look forward to hearing from you."],
                                 extra='<div><img src="https://img.example.com/sig.png" alt="[logo]" width="80"></div>'))
    s.negative(upd, ["template-placeholder"], "'[Name]' only inside an HTML comment and '[logo]' only in an alt attribute")
    nudge = s.sent(k, [c[k]], L(2027, 1, 28, 10), "Following up - Amara Nwosu",
                   text="Dear Dr. Lindqvist,\n\nI am following up on my previous email from January 10 - did you "
                        "receive it? I haven't heard back and wanted to make sure it arrived." + sig())
    s.finding("repeat-after-silence", [k], [nudge.mid])
    newsletter(k, L(2027, 2, 20, 6))

    # ---- BOR: contact before the interview, nothing after ------------------------------------
    k = "BOR"
    binq = s.sent(k, [c[k]], L(2026, 10, 2, 9), "Application question - Bur Oak",
                  text="Dear GME office,\n\nCould you confirm that my ECFMG certificate was received with my application? "
                       "I look forward to hearing from you." + sig())
    s.inbox(k, f"Bur Oak GME <{c[k]}>", L(2026, 10, 5, 11), "Re: Application question - Bur Oak", in_reply_to=binq.mid,
            text="Dr. Nwosu,\n\nYes, it is on file.\n")
    thalamus(k, L(2026, 10, 30, 8))
    bit = itinerary(k, L(2026, 12, 2, 7))
    s.negative(binq, ["late-thank-you", "repeat-after-silence"],
               "Bur Oak: no message after the interview, so late-thank-you does not fire; the program replied")

    # ---- SCU: #1 letter 31 Dec 23:30 Chicago = 1 Jan 05:30 UTC (outside) --------------------
    k = "SCU"
    inv = coord_invite(k, L(2026, 10, 22, 9), "Ellen Foster")
    pick = s.sent(k, [c[k]], L(2026, 10, 22, 18), "Re: Interview invitation - " + n[k], contact=False, in_reply_to=inv.mid,
                  text="Dear Ms. Foster,\n\nThank you for the invitation. My first choice of dates would be "
                       "November 24, and my second choice December 1." + sig())
    s.negative(pick, ["multiple-first-choice", "first-choice-outside-window"], "'my first choice of dates' is scheduling")
    tscu = thank_you(k, L(2026, 11, 25, 16),
                     text="Dear Dr. Haddad,\n\nThank you for the interview at Sandhill Crane University. I especially "
                          "valued the regional anesthesia experience, which reminded me of my rotation at Fox River."
                          + sig())
    s.negative(tscu, ["wrong-program-name"], "names Sandhill Crane (its own program) and mentions Fox River")
    one_scu = s.sent(k, [c[k]], L(2026, 12, 31, 23, 30), "Sandhill Crane University", tz=UTC, numone=True,
                     text="Dear Dr. Haddad,\n\nI am writing to let you know that Sandhill Crane University is my "
                          "first choice, and I will rank it #1." + sig())
    s.inbox(k, f"Dr. Haddad <{c[k]}>", L(2027, 1, 4, 10), "Re: Sandhill Crane University", in_reply_to=one_scu.mid,
            text="Dear Dr. Nwosu,\n\nThank you for your note; we appreciate your interest.\n")

    # ---- WVA: #1 letter 1 Jan 00:30 Chicago = 31 Dec 22:30 -08:00 (inside); wrong name ------
    k = "WVA"
    thalamus(k, L(2026, 10, 25, 8))
    itinerary(k, L(2026, 12, 9, 7))
    thank_you(k, L(2026, 12, 11, 12), tz=IST)
    one_wva = s.sent(k, [c[k]], L(2027, 1, 1, 0, 30), "Wabash Valley Anesthesiology", tz=PST, numone=True,
                     text="Dear Dr. Kowalski,\n\nI want to let you know that Wabash Valley Anesthesiology is my first "
                          "choice and I will rank your program first." + sig())
    s.negative(one_wva, ["first-choice-outside-window"], "sent 00:30 Chicago on 1 January (header: 31 Dec 22:30 -0800)")
    wrong = s.sent(k, [c[k]], L(2027, 2, 2, 10), "Continued interest",
                   text="Dear Dr. Kowalski,\n\nI remain very excited about Sandhill Crane University and its strong "
                        "clinical training, and I hope to continue my career there." + sig())
    s.finding("wrong-program-name", [k], [wrong.mid])
    s.inbox(k, f"Dr. Kowalski <{c[k]}>", L(2027, 2, 4, 10), "Re: Continued interest", in_reply_to=wrong.mid,
            text="Dr. Nwosu,\n\nI think this note may have been meant for another program.\n")

    # ---- DAM: mass email; #1 letter after the configured deadline (24 Feb) -------------------
    k = "DAM"
    inv = coord_invite(k, L(2026, 11, 2, 10), "Greg Olson")
    r = s.sent(k, [c[k]], L(2026, 11, 2, 21), "Re: Interview invitation - " + n[k], contact=False, in_reply_to=inv.mid,
               text="Dear Mr. Olson,\n\nThank you. I will definitely be attending on December 14." + sig())
    s.negative(r, ["conditional-commitment"], "'I will definitely be attending on December 14' is scheduling")
    thank_you(k, L(2026, 12, 15, 20))
    m2 = s.sent(k, [c[k]], L(2027, 1, 12, 9, 5), "Update from Amara Nwosu",
                text="Dear Dr. Nakamura,\n\n" + mass_body.format(prog=n[k]) + sig())
    one_dam = s.sent(k, [c[k]], L(2027, 2, 26, 10), "Driftless Area Medical Center", tz=UTC, numone=True,
                     text="Dear Dr. Nakamura,\n\nDriftless Area Medical Center is my number one choice and I have "
                          "ranked it first on my list." + sig())

    # ---- TMH: Outlook thank-you reply; mass email; 1,500-word letter with #1 in paragraph 10 --
    k = "TMH"
    thalamus(k, L(2026, 11, 5, 8))
    cty = s.inbox(k, f"Sandra Lee <{c[k]}>", L(2026, 12, 17, 17), "Thank you for interviewing with Tallgrass Memorial",
                  html=outlook_html(["Dear [Applicant Name],", "Thank you for interviewing with Tallgrass Memorial "
                                     "Hospital today. Please reach out if you have questions.", "Sandra Lee"]))
    s.negative(cty, ["template-placeholder"], "a program's own slip '[Applicant Name]': content rules read only the applicant's words")
    tty = s.sent(k, [c[k]], L(2026, 12, 18, 11), "RE: Thank you for interviewing with Tallgrass Memorial", frm=ALIAS,
                 in_reply_to=cty.mid,
                 html=outlook_html(["Dear Ms. Lee,", "Thank you for organizing such a well-run interview day. I enjoyed "
                                    "meeting Dr. Abernathy and the residents, and I appreciated the time everyone gave.",
                                    f"Best regards,<br>{ME_NAME}, MD"],
                                   quoted=(f"Sandra Lee &lt;{c[k]}&gt;", "Thursday, December 17, 2026 5:00 PM",
                                           f"{ME_NAME} &lt;{ME}&gt;", "Thank you for interviewing with Tallgrass Memorial",
                                           "Dear [Applicant Name],<br>Thank you for interviewing with Tallgrass Memorial "
                                           "Hospital today.")))
    s.negative(tty, ["template-placeholder", "late-thank-you"],
               "'[Applicant Name]' only in the Outlook quoted part (divRplyFwdMsg); thank-you 35 h after the interview day")
    m3 = s.sent(k, [c[k]], L(2027, 1, 12, 9, 10), "Update from Amara Nwosu",
                text="Dear Dr. Abernathy,\n\n" + mass_body.format(prog=n[k]) + sig())
    paras, words = long_letter(s.rng, "Having reflected carefully on every program I visited this season, I want to "
                               "tell you plainly that Tallgrass Memorial Hospital is my first choice, and I will rank "
                               "it #1 on my rank order list.")
    assert 1400 <= words <= 1700, words
    longm = s.sent(k, [c[k]], L(2027, 1, 20, 16), "Letter of intent - Amara Nwosu", numone=True,
                   text="Dear Dr. Abernathy,\n\n" + "\n\n".join(paras) + sig(),
                   html=gmail_html(["Dear Dr. Abernathy,"] + paras))
    s.inbox(k, f"Sandra Lee <{c[k]}>", L(2027, 1, 22, 10), "RE: Letter of intent - Amara Nwosu", in_reply_to=longm.mid,
            html=outlook_html(["Dear Dr. Nwosu,", "Dr. Abernathy asked me to thank you for your letter.", "Sandra"]))
    s.finding("mass-email", ["LHN", "DAM", "TMH"], [m1.mid, m2.mid, m3.mid])

    # ---- FRA: no interview; feedback request; quiet ------------------------------------------
    k = "FRA"
    fin = s.sent(k, [c[k]], L(2026, 10, 5, 10), "Inquiry - IMG applicant",
                 text="Dear Program Director,\n\nI recently applied to Fox River Anesthesiology and wanted to express "
                      "my interest in your program." + sig())
    s.inbox(k, f"Fox River Anesthesiology <{c[k]}>", L(2026, 11, 20, 15), "Your application to Fox River Anesthesiology",
            text="Dear Dr. Nwosu,\n\nThank you for applying. We are unable to offer you an interview this season.\n")
    fb = s.sent(k, [c[k]], L(2026, 11, 22, 10), "Request for feedback - Amara Nwosu",
                text="Dear Program Director,\n\nCould you tell me why I did not receive an interview? I would be "
                     "grateful for any feedback on my application so I can improve it." + sig())
    s.finding("feedback-request", [k], [fb.mid])

    # ---- MRH: outside the Match; a pre-match offer; HTML reply quoting it; forward to mentor --
    k = "MRH"
    inv = coord_invite(k, L(2026, 10, 20, 10), "Rosa Delgado", html=True)
    r = s.sent(k, [c[k]], L(2026, 10, 20, 19), "RE: Interview invitation - " + n[k], contact=False, in_reply_to=inv.mid,
               text="Dear Ms. Delgado,\n\nNovember 30 works for me, thank you." + sig())
    thank_you(k, L(2026, 12, 1, 10), tz=IST)
    offer_text = ("We are delighted to offer you a PGY-1 anesthesiology position at Mesquite Ridge Hospital. "
                  "Please sign and return the attached contract by March 12 to accept.")
    offer = s.inbox(k, f"Dr. Alan Reyes <{c[k]}>", L(2027, 3, 5, 10), "Position offer - Mesquite Ridge Hospital",
                    html=outlook_html(["Dear Dr. Nwosu,", offer_text, "Alan Reyes, MD, Program Director"]))
    s.finding("prematch-offer", [k], [offer.mid])
    rep = s.sent(k, [c[k]], L(2027, 3, 6, 9), "Re: Position offer - Mesquite Ridge Hospital", contact=False,
                 in_reply_to=offer.mid,
                 html=gmail_html(["Dear Dr. Reyes,", "Thank you very much. Is this position participating in the NRMP "
                                  "Match, or is it outside the Match system? I would like my GME office to review it "
                                  "before I respond."],
                                 ("On Fri, Mar 5, 2027 at 10:00 AM Dr. Alan Reyes &lt;gme.office@mesquiteridge.example&gt; wrote:",
                                  f"<div>{offer_text}</div>")))
    s.negative(rep, ["prematch-offer", "conditional-commitment"], "the offer is only in the gmail_quote of the applicant's reply")
    fwd = s.sent(None, [MENTOR], L(2027, 3, 6, 9, 30), "Fwd: Position offer - Mesquite Ridge Hospital", contact=False,
                 html=gmail_html(["Dear Prof. Adeyemi, could you read this offer before I answer?"],
                                 ("---------- Forwarded message ---------<br>From: <strong>Dr. Alan Reyes</strong> "
                                  "&lt;gme.office@mesquiteridge.example&gt;<br>Date: Fri, Mar 5, 2027<br>Subject: "
                                  "Position offer - Mesquite Ridge Hospital<br>", f"<div>{offer_text}</div>")))
    s.negative(fwd, ["prematch-offer", "over-contact-limit", "at-contact-limit"],
               "forward to a mentor: no program recipient, unmatched")
    s.inbox(None, f"Prof. Adeyemi <{MENTOR}>", L(2027, 3, 6, 20), "Re: Fwd: Position offer - Mesquite Ridge Hospital",
            in_reply_to=fwd.mid, text="Amara, ask them whether it is in the Match before signing anything.\n")

    # ---- BUA: HTML placeholder; rank inquiry; post-Match welcome with a contract ------------
    k = "BUA"
    inv = coord_invite(k, L(2026, 10, 29, 10), "Ben Ortiz")
    r = s.sent(k, [c[k]], L(2026, 10, 29, 16), "Re: Interview invitation - " + n[k], contact=False, in_reply_to=inv.mid,
               text="Dear Mr. Ortiz,\n\nI would be happy to interview on December 2." + sig())
    ph = s.sent(k, [c[k]], L(2026, 12, 3, 18), "Thank you - Bluestem interview", tz=UTC,
                html=gmail_html(["Dear Dr. [Last Name],", "Thank you for the interview at Bluestem University "
                                 "Anesthesiology. I enjoyed learning about the cardiac anesthesia rotation."]))
    s.finding("template-placeholder", [k], [ph.mid])
    ri = s.inbox(k, f"Dr. Yusuf <{c[k]}>", L(2027, 1, 25, 15), "Following up",
                 text="Dear Dr. Nwosu,\n\nWe enjoyed meeting you. Could you let us know where you plan to rank our "
                      "program, and which other programs you interviewed at?\n\nDr. Yusuf\n")
    s.finding("rank-inquiry", [k], [ri.mid])
    dec = s.sent(k, [c[k]], L(2027, 1, 26, 9), "Re: Following up", contact=False, in_reply_to=ri.mid,
                 text="Dear Dr. Yusuf,\n\nThank you for reaching out. I would prefer not to discuss my rank list, in "
                      "keeping with NRMP guidance." + sig())
    s.negative(dec, ["repeat-after-silence", "feedback-request"],
               "the applicant answers a program's question; subject 'Re: Following up' is the program's")
    wel = s.inbox(k, f"Dr. Yusuf <{c[k]}>", L(2027, 3, 22, 10), "Welcome to Bluestem!",
                  text="Dear Dr. Nwosu,\n\nCongratulations on matching with us - welcome to the program! Please sign "
                       "and return the enclosed contract and onboarding forms by April 15.\n\nDr. Yusuf\n")
    s.negative(wel, ["prematch-offer"], "after the configured match_day 2027-03-19: a post-Match contract")

    # ---- extra program-side hard negatives -----------------------------------------------
    sched = s.inbox("WVA", f"Wabash Valley Residency <{c['WVA']}>", L(2026, 10, 27, 9), "Interview scheduling",
                    text="Dear Dr. Nwosu,\n\nPlease rank the three interview dates in order of preference and "
                         "reply by Friday.\n")
    s.negative(sched, ["rank-inquiry"], "'rank the interview dates in order of preference' is scheduling")
    nopre = s.inbox("DAM", f"Greg Olson <{c['DAM']}>", L(2026, 12, 10, 9), "Interview day FAQ",
                    text="Dear applicant,\n\nWe participate fully in the NRMP Match and do not offer positions outside "
                         "of it. Please sign up for the resident social on the evening before.\n")
    s.negative(nopre, ["prematch-offer"], "'do not offer positions outside'; 'sign up for the social'")
    plat = s.inbox("KMM", "Interview Broker <notifications@interviewbroker.com>", L(2026, 11, 3, 8),
                   "Kettle Moraine Medical College: schedule your interview", human=False,
                   text="Dear [First Name],\n\nKettle Moraine Medical College has opened interview dates.\n")
    s.negative(plat, ["template-placeholder"], "platform's own '[First Name]' - not the applicant's words")
    top = s.sent("SCU", [c["SCU"]], L(2027, 2, 12, 10), "Thank you, and an update", contact=True, tz=IST,
                 text="Dear Dr. Haddad,\n\nSandhill Crane University is a top choice for me and very high on my list. "
                      "There were no other interviews scheduled that week, so I could also attend the resident "
                      "social, which I was grateful for. I was so excited after talking with the residents." + sig())
    s.negative(top, ["multiple-first-choice", "first-choice-outside-window", "desperate-tone", "emotional-tone"],
               "'top choice'/'very high on my list' are allowed; 'no other interviews scheduled that week' is a "
               "calendar fact; excitement is not venting")
    two = s.sent("BUA", ["anes.residency@bluestem.example", "m.yusuf@bluestem.example"], L(2027, 1, 8, 10),
                 "Question about the research track",
                 text="Dear Dr. Yusuf and Mr. Ortiz,\n\nCould you tell me whether residents can join the clinical "
                      "research track in the second year?" + sig())
    s.negative(two, ["same-request-multiple-faculty"], "one message addressed to two people, not separate messages")
    mock = s.sent("HMU", ["anes.coord@heronmarsh.example"], L(2026, 12, 9, 8), "Re: Interview invitation - " + n["HMU"],
                  contact=False, tz=UTC, in_reply_to=hmu_inv.mid,
                  text="Dear Ms. Park,\n\nThank you for the helpful feedback session with the chief residents on the "
                       "pre-interview call; I will join on the 8th as planned." + sig())
    # careful: this is dated Dec 9 08:00 CST (after the interview); it would become the first message after the
    # interview, so date it before the interview instead
    mock.when = L(2026, 12, 7, 8)
    s.negative(mock, ["feedback-request"], "thanks for a feedback session, asks for no feedback")
    # two programs (not three) get an identical body
    twin = ("I recently presented my quality improvement work on perioperative handoffs at our hospital's research "
            "day, and I wanted to let you know. Thank you again for the interview.")
    tw1 = s.sent("HMU", [c["HMU"]], L(2027, 3, 20, 10), "Quick update", draft=True, contact=False,
                 text="Dear Ms. Park,\n\n" + twin + sig())
    tw2 = s.sent("MRH", [c["MRH"]], L(2027, 1, 15, 10), "Quick update", text="Dear Dr. Reyes,\n\n" + twin + sig())
    s.negative(tw2, ["mass-email"], "the same body went to two programs only (one of them a draft)")
    s.negative(tw1, ["mass-email", "over-contact-limit"], "a draft: never a contact; same body to two programs only")

    # ---- routine pre-interview logistics for every interviewing program ------------------
    zones = [UTC, IST, PST, TZ]
    for i, (k, p) in enumerate(P.items()):
        d = P[k]["domains"][0]
        if p["interview"] is None:
            for j in range(4):
                newsletter(k, L(2026, 10, 10 + 7 * j, 6), sub="bulletin")
            continue
        day = datetime.combine(p["interview"], datetime.min.time(), TZ)
        if k == "KMM":  # the nudged program never writes in person
            continue
        lg = s.inbox(k, f"Residency Office <{c[k]}>", day - timedelta(days=7) + timedelta(hours=10),
                     f"Logistics for your {n[k]} interview", tz=zones[i % 4],
                     text=f"Dear Dr. Nwosu,\n\nAttached are the Zoom links and the schedule for your interview at "
                          f"{n[k]}. Please log in at 7:45 a.m. Central.\n\nResidency Office\n")
        s.sent(k, [c[k]], day - timedelta(days=7) + timedelta(hours=15), f"Re: Logistics for your {n[k]} interview",
               contact=False, in_reply_to=lg.mid, tz=zones[(i + 1) % 4],
               text="Dear Residency Office,\n\nReceived - I will log in at 7:45. See you then." + sig())
        s.inbox(k, f"{n[k]} <no-reply@{d}>", day - timedelta(hours=8), f"Reminder: interview tomorrow - {n[k]}",
                human=False, tz=UTC, text=f"Reminder: your interview with {n[k]} is tomorrow.\n")
        s.inbox(k, f"{n[k]} Surveys <survey@{d}>", day + timedelta(days=5), f"{n[k]} applicant experience survey",
                human=False, headers={"Auto-Submitted": "auto-generated"},
                text=f"Please tell us about your interview experience with {n[k]}. Responses are anonymous.\n")

    # duplicate copy of a program message (Gmail labels)
    for m in s.msgs:
        if m.subject == "Re: Visa sponsorship question" and not m.out:
            m.folders = ["INBOX", "Archive"]
        if m.subject.startswith("Update - Amara Nwosu") and m.program == "PSU":
            m.folders = ["Sent", "Archive"]

    # ---- noise --------------------------------------------------------------------------
    noise(s)
    return s


def noise(s: Season) -> None:
    rng = s.rng
    senders = [
        ("Daily Deals <deals@shop.example.com>", "Today's deals: {x}% off winter jackets"),
        ("City Bank <alerts@citybank.example.net>", "Your statement is ready ({x})"),
        ("Medscape Digest <digest@med-news.example.com>", "Anesthesiology news roundup #{x}"),
        ("ERAS <eras-noreply@aamc.org>", "ERAS: your application status update #{x}"),
        ("Thalamus <no-reply@thalamusgme.com>", "Thalamus: calendar sync reminder #{x}"),
        ("USMLE Prep <team@qbank.example.com>", "Your weekly practice block #{x}"),
        ("Mom <ngozi.nwosu@family.example>", "Sunday call? ({x})"),
        ("Tunde <tunde.o@mail.example>", "Match group chat notes {x}"),
        ("Airline <noreply@fly.example.com>", "Your trip confirmation {x}"),
        ("Library <circ@citylib.example.org>", "Items due soon ({x})"),
    ]
    friend_lines = ["How are interviews going?", "Did you see the new qbank questions?", "Call me this weekend.",
                    "Sending you the notes from our study group.", "Good luck with the rest of the season!"]
    start = datetime(2026, 9, 1, 0, 0, tzinfo=TZ)
    for i in range(NOISE - 12):
        when = start + timedelta(minutes=rng.randrange(0, 200 * 24 * 60))
        if i % 7 == 3:
            to = rng.choice(["ngozi.nwosu@family.example", "tunde.o@mail.example", MENTOR])
            s.add(mid=s.mid("", gmail=True), when=when, hdr_tz=TZ, frm=f"{ME_NAME} <{ME}>", to=[to],
                  subject=f"Re: catching up {i}", program=None, out=True, folders=["Sent"], track=False,
                  text=rng.choice(friend_lines) + "\n\nAmara\n")
            continue
        frm, subj = rng.choice(senders)
        hdrs = {"List-Id": "<list.example.com>", "Precedence": "bulk"} if "deals" in frm or "digest" in frm else {}
        s.add(mid=s.mid(frm.split("@")[1].rstrip(">")), when=when, hdr_tz=rng.choice([TZ, UTC, IST, PST]), frm=frm,
              to=[ME], subject=subj.format(x=i), program=None, out=False, track=False, headers=hdrs,
              text=rng.choice(friend_lines + ["Your account summary is attached.", "Click to view this week's offers."])
              + "\n")
    # tracked tricky noise: mentions program names without a program address
    tricky = [
        ("Tunde <tunde.o@mail.example>", "How was Prairie State?",
         "Heard Prairie State University Anesthesiology has a great regional rotation. How did it go?", False),
        ("Medscape Digest <digest@med-news.example.com>", "Program spotlight: Tallgrass Memorial Hospital",
         "This week we profile Tallgrass Memorial Hospital's anesthesiology residency.", False),
        (f"{ME_NAME} <{ME}>", "Re: rank list thoughts",
         "Honestly Wabash Valley is my #1 choice right now, I will rank it first. Don't tell anyone!", True),
        (f"{ME_NAME} <{ME}>", "Interview recap - Cedar Bluff",
         "Cedar Bluff Medical Center was lovely. I think I will definitely go there if they rank me.", True),
        ("ERAS <eras-noreply@aamc.org>", "ERAS: documents received",
         "Your MSPE and 3 letters of recommendation have been received.", False),
        ("Thalamus <no-reply@thalamusgme.com>", "Thalamus: your weekly summary",
         "You have 0 new invitations this week. Visit your dashboard for details.", False),
    ]
    for j, (frm, subj, body, out) in enumerate(tricky):
        when = L(2027, 1, 5 + 3 * j, 20)
        to = ["tunde.o@mail.example"] if out else [ME]
        m = s.add(mid=s.mid("", gmail=True) if out else s.mid(frm.split("@")[1].rstrip(">")), when=when, hdr_tz=TZ,
                  frm=frm, to=to, subject=subj, program=None, out=out, folders=["Sent"] if out else ["INBOX"],
                  text=body + "\n")
        if out:
            s.negative(m, ["multiple-first-choice", "conditional-commitment", "first-choice-outside-window"],
                       "written to a friend, not to a program")
    for j in range(6):  # pad to exactly NOISE noise messages
        s.add(mid=s.mid("shop.example.com"), when=L(2027, 2, 1 + j, 7), hdr_tz=UTC,
              frm="Daily Deals <deals@shop.example.com>", to=[ME], subject=f"Flash sale {j}", program=None,
              out=False, track=False, headers={"List-Id": "<list.example.com>"}, text="Offers inside.\n")


# ---- ground truth -------------------------------------------------------------------------
def progs_of(m: Msg) -> list[str]:
    if m.program is None or m.program == "ambiguous":
        return []
    return m.program if isinstance(m.program, list) else [m.program]


def compute(s: Season) -> dict[str, Any]:
    live = [m for m in s.msgs if m.when <= AS_OF]
    findings = list(s.findings)
    programs: dict[str, Any] = {}
    numone_progs: list[tuple[str, str]] = []
    for k, p in P.items():
        mine = [m for m in live if k in progs_of(m)]
        contacts = sorted((m for m in mine if m.out and m.contact and not m.draft), key=lambda m: m.when)
        replies = sorted((m for m in mine if not m.out and m.human), key=lambda m: m.when)
        nc = len(contacts)
        status = "over_limit" if nc > LIMIT else "at_limit" if nc == LIMIT else "ok"
        programs[p["name"]] = {"contacts": nc, "replies": len(replies), "status": status}
        if nc > LIMIT:
            findings.append({"rule": "over-contact-limit", "severity": "warning", "programs": [p["name"]],
                             "draft": False, "message_ids": [m.mid for m in contacts]})
        elif nc == LIMIT:
            findings.append({"rule": "at-contact-limit", "severity": "info", "programs": [p["name"]],
                             "draft": False, "message_ids": [m.mid for m in contacts]})
        if contacts:
            last = contacts[-1]
            if not any(r.when > last.when for r in replies) and AS_OF - last.when >= timedelta(days=QUIET_DAYS):
                findings.append({"rule": "quiet-program", "severity": "info", "programs": [p["name"]],
                                 "draft": False, "message_ids": [last.mid]})
        if p["interview"]:
            day0 = datetime.combine(p["interview"], datetime.min.time(), TZ)
            end = day0 + timedelta(days=1)
            after = sorted((m for m in mine if m.out and not m.draft and m.when >= day0), key=lambda m: m.when)
            if after and after[0].when > end + timedelta(hours=WINDOW_H):
                assert any(f["rule"] == "late-thank-you" and f["message_ids"] == [after[0].mid] for f in s.findings), k
            elif after:
                assert not any(f["rule"] == "late-thank-you" and f["programs"] == [p["name"]] for f in s.findings), k
        jan1 = datetime(2027, 1, 1, tzinfo=TZ)
        deadline_end = datetime.combine(RANK_DEADLINE + timedelta(days=1), datetime.min.time(), TZ)
        ones = [m for m in mine if m.out and m.numone and not m.draft]
        for m in ones:
            numone_progs.append((p["name"], m.mid))
        out_win = [m for m in ones if m.when < jan1 or m.when >= deadline_end]
        if out_win:
            findings.append({"rule": "first-choice-outside-window", "severity": "info", "programs": [p["name"]],
                             "draft": False, "message_ids": [m.mid for m in out_win]})
    if len({n for n, _ in numone_progs}) >= 2:
        findings.append({"rule": "multiple-first-choice", "severity": "critical",
                         "programs": sorted({n for n, _ in numone_progs}), "draft": False,
                         "message_ids": [mid for _, mid in numone_progs]})
    # repeat-after-silence sanity: the nudged program has no reply at all
    for f in s.findings:
        if f["rule"] == "repeat-after-silence":
            assert programs[f["programs"][0]]["replies"] == 0
    findings.sort(key=lambda f: (f["rule"], f["programs"], f["draft"]))
    messages: dict[str, Any] = {}
    for m in s.msgs:
        if not m.track:
            continue
        if m.when > AS_OF:
            messages[m.mid] = None
        elif m.program == "ambiguous":
            messages[m.mid] = "ambiguous"
        else:
            ps = progs_of(m)
            messages[m.mid] = None if not ps else P[ps[0]]["name"] if len(ps) == 1 else sorted(P[x]["name"] for x in ps)
    assert {f["rule"] for f in findings} == set(SEVERITY), set(SEVERITY) - {f["rule"] for f in findings}
    return {
        "as_of": AS_OF.isoformat(),
        "account": ME,
        "limit": LIMIT,
        "programs": programs,
        "messages": messages,
        "findings": findings,
        "hard_negatives": s.negatives,
        "noise_messages": sum(1 for m in s.msgs if not m.track) + sum(
            1 for m in s.msgs if m.track and m.program is None and m.when <= AS_OF),
    }


def build() -> dict[str, Any]:
    return compute(build_season())


def to_email(m: Msg) -> bytes:
    e = EmailMessage()
    e["Message-ID"] = m.mid
    e["Date"] = format_datetime(m.when.astimezone(m.hdr_tz))
    e["From"] = m.frm
    e["To"] = ", ".join(m.to)
    if m.cc:
        e["Cc"] = ", ".join(m.cc)
    if m.bcc:
        e["Bcc"] = ", ".join(m.bcc)
    e["Subject"] = m.subject
    if m.in_reply_to:
        e["In-Reply-To"] = m.in_reply_to
        e["References"] = m.in_reply_to
    for h, v in m.headers.items():
        e[h] = v
    if m.text is not None and m.html is not None:
        e.set_content(m.text)
        e.add_alternative(m.html, subtype="html")
        e.set_boundary("==time-season-" + m.mid.strip("<>").split("@")[0] + "==")
    elif m.html is not None:
        e.set_content(m.html, subtype="html")
    else:
        e.set_content(m.text or "")
    return e.as_bytes()


def write_maildir(outdir: Path) -> Path:
    s = build_season()
    root = Path(outdir) / "Maildir"
    folder_dir = {"INBOX": root, "Sent": root / ".Sent", "Drafts": root / ".Drafts", "Archive": root / ".Archive"}
    for d in folder_dir.values():
        for sub in ("cur", "new", "tmp"):
            (d / sub).mkdir(parents=True, exist_ok=True)
    for i, m in enumerate(s.msgs):
        data = to_email(m)
        for f in m.folders:
            flag = "D" if f == "Drafts" else "S"
            (folder_dir[f] / "cur" / f"{1790000000 + i}.{i:05d}.time-season:2,{flag}").write_bytes(data)
    return root


CONFIG_HEAD = f"""# Timing/HTML rehearsal season for inboxcoach - generated by tools/make_time_season.py; do not edit.
[account]
email = "{ME}"
aliases = ["{ALIAS}"]
imap_host = "imap.example.com"
imap_port = 993
imap_security = "tls"
password_env = "INBOXCOACH_PASSWORD"
smtp_host = "smtp.example.com"
smtp_port = 465
smtp_security = "tls"

[season]
match_year = 2027
specialty = "anesthesiology"
timezone = "America/Chicago"
rank_list_deadline = {RANK_DEADLINE.isoformat()}
match_day = {MATCH_DAY.isoformat()}

[limits]
max_contacts_per_program = {LIMIT}
thank_you_window_hours = {WINDOW_H}
quiet_after_days = {QUIET_DAYS}
"""


def config_toml() -> str:
    out = [CONFIG_HEAD]
    for p in P.values():
        out.append("\n[[programs]]")
        out.append(f'name = "{p["name"]}"')
        out.append("aliases = [" + ", ".join(f'"{a}"' for a in p["aliases"]) + "]")
        out.append("domains = [" + ", ".join(f'"{d}"' for d in p["domains"]) + "]")
        out.append("contacts = [" + ", ".join(f'"{x}"' for x in p["contacts"]) + "]")
        if p["interview"]:
            out.append(f"interview_date = {p['interview'].isoformat()}")
        out.append(f"nrmp = {'true' if p['nrmp'] else 'false'}")
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("outdir", type=Path)
    ap.add_argument("--write-fixtures", action="store_true",
                    help="also write tests/data/time_season/config.toml and expected.json")
    args = ap.parse_args(argv)
    maildir = write_maildir(args.outdir)
    exp = build()
    print(f"wrote {maildir}: {len(exp['programs'])} programs, {len(exp['findings'])} expected findings, "
          f"{len(exp['hard_negatives'])} hard negatives")
    if args.write_fixtures:
        FIXTURES.mkdir(parents=True, exist_ok=True)
        (FIXTURES / "config.toml").write_text(config_toml())
        (FIXTURES / "expected.json").write_text(json.dumps(exp, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
