#!/usr/bin/env python3
"""A third, independent rehearsal season: an IMG applicant's mailbox as a Maildir.

    python tools/make_img_season.py OUTDIR [--write-fixtures]

The applicant is an international medical graduate (fluent, non-native English:
"Respected Sir/Madam", "Kindly", "I will be highly obliged", long signatures with
titles and USMLE scores). Programs write in institutional styles: HTML-only mail from
Outlook/Exchange with "From: / Sent: / To: / Subject:" blocks, confidentiality
footers, calendar invites, Thalamus / ERAS / Interview Broker notices.

Season: match year 2027, America/Los_Angeles, 20 fictional anesthesiology programs
(reserved domains only), two of them sharing a health-system domain, one outside the
NRMP Match; ~1,500 noise messages; as of 2027-01-28 07:00 local. The ground truth
(tests/data/img_season/expected.json) is derived by construction from the SPEC: the
counts, statuses, quiet programs, late thank-yous and limit findings are computed
from the event model below; content findings and hard negatives are annotated on the
messages that carry them.

Writes OUTDIR/Maildir (INBOX, .Sent, .Drafts). With --write-fixtures also writes
tests/data/img_season/config.toml and expected.json. Stdlib only, deterministic.
"""

from __future__ import annotations

import argparse
import email
import email.policy
import hashlib
import html as htmlmod
import json
import random
import re
import sys
from datetime import date, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "data" / "img_season"
TZ = ZoneInfo("America/Los_Angeles")
AS_OF = datetime(2027, 1, 28, 7, 0, tzinfo=TZ)
LIMIT = 3
WINDOW_H = 72
QUIET_DAYS = 7
ME = "ravi.kulkarni@example.com"
ALIAS = "dr.ravikulkarni@mail.example.net"
ME_NAME = "Ravindra Kulkarni"
MENTOR = "prof.deshpande@kem-alumni.example.org"
SEED = 20270128

SIG = """Thanking you,
Regards,

Dr. Ravindra Kulkarni, MBBS
ECFMG Certified | USMLE Step 1: Pass | Step 2 CK: 248 | Step 3: 241
Research Fellow, Dept. of Anaesthesiology, Seth GS Medical College & KEM Hospital, Mumbai
AAMC ID: 16284409 | Mobile (US): +1 (555) 010-4471 | WhatsApp: +91 98200 11247
"Work is worship\""""

DISCLAIMER = ("CONFIDENTIALITY NOTICE: This e-mail and any attachments are confidential and may contain "
              "privileged information intended solely for the use of the addressee. If you are not the "
              "intended recipient, you are hereby notified that any review, dissemination, distribution or "
              "copying of this e-mail is strictly prohibited. If you have received this e-mail in error, "
              "please notify the sender immediately and delete it from your system.")

# ---------------------------------------------------------------------------------
# Programs
# ---------------------------------------------------------------------------------

PROGRAMS: dict[str, dict] = {
    "P01": dict(name="Pinecrest University Anesthesiology", aliases=["Pinecrest", "Pinecrest University"],
                domains=["pinecrest.example"], contacts=["anes.residency@pinecrest.example"],
                interview=date(2026, 11, 4), nrmp=True, tz="America/New_York",
                coord=("Linda Forsythe", "anes.residency@pinecrest.example")),
    "P02": dict(name="Sierra Vista Medical Center", aliases=["Sierra Vista", "SVMC Anesthesiology"],
                domains=["sierravista-mc.test"], contacts=["anesthesiology@sierravista-mc.test"],
                interview=date(2026, 11, 10), nrmp=True, tz="America/Phoenix",
                coord=("Rosa Delgado", "anesthesiology@sierravista-mc.test")),
    "P03": dict(name="Northgate Health Anesthesiology - Central Campus",
                aliases=["Northgate Central", "Central Campus"],
                domains=["northgatehealth.example"], contacts=["central.anesres@northgatehealth.example"],
                interview=date(2026, 11, 17), nrmp=True, tz="America/Chicago",
                coord=("Tamika Ellis", "central.anesres@northgatehealth.example")),
    "P04": dict(name="Northgate Health Anesthesiology - Lakeside Campus",
                aliases=["Northgate Lakeside", "Lakeside Campus"],
                domains=["northgatehealth.example"], contacts=["lakeside.anesres@northgatehealth.example"],
                interview=date(2026, 12, 2), nrmp=True, tz="America/Chicago",
                coord=("Brenda Kowalski", "lakeside.anesres@northgatehealth.example")),
    "P05": dict(name="Coral Springs University Hospital", aliases=["Coral Springs", "CSUH"],
                domains=["coralsprings-uh.example"], contacts=["anesres@coralsprings-uh.example"],
                interview=date(2026, 12, 8), nrmp=True, tz="America/New_York",
                coord=("Janet Whitaker", "anesres@coralsprings-uh.example")),
    "P06": dict(name="Meadowbrook Regional Anesthesia Program", aliases=["Meadowbrook", "Meadowbrook Regional"],
                domains=["meadowbrook-rap.example"], contacts=["residency@meadowbrook-rap.example"],
                interview=date(2026, 11, 19), nrmp=True, tz="America/Denver",
                coord=("Gloria Stanton", "residency@meadowbrook-rap.example")),
    "P07": dict(name="Granite Falls Medical Center", aliases=["Granite Falls", "GFMC"],
                domains=["granitefalls.example"], contacts=["anesthesia.gme@granitefalls.example"],
                interview=date(2026, 11, 24), nrmp=True, tz="America/Los_Angeles",
                coord=("Kimberly Nash", "anesthesia.gme@granitefalls.example")),
    "P08": dict(name="Bluewater University School of Medicine", aliases=["Bluewater", "Bluewater University"],
                domains=["bluewater.example", "bluewatermed.example"],
                contacts=["anes-program@bluewatermed.example"],
                interview=date(2026, 12, 10), nrmp=True, tz="America/New_York",
                coord=("Dawn Mitchell", "anes-program@bluewatermed.example")),
    "P09": dict(name="Eldridge Memorial Hospital", aliases=["Eldridge", "Eldridge Memorial"],
                domains=["eldridge-mh.example"], contacts=["gme@eldridge-mh.example"],
                interview=date(2026, 12, 14), nrmp=False, tz="America/Chicago",
                coord=("Sharon Pryce", "gme@eldridge-mh.example")),
    "P10": dict(name="Saguaro Valley Anesthesiology", aliases=["Saguaro Valley"],
                domains=["saguarovalley.example"], contacts=["anesthesiology.residency@saguarovalley.example"],
                interview=date(2026, 12, 4), nrmp=True, tz="America/Phoenix",
                coord=("Veronica Ortiz", "anesthesiology.residency@saguarovalley.example")),
    "P11": dict(name="Hollins Park University", aliases=["Hollins Park", "HPU Anesthesiology"],
                domains=["hollinspark.example"], contacts=["anesthesia@hollinspark.example"],
                interview=date(2026, 12, 16), nrmp=True, tz="America/New_York",
                coord=("Megan Albright", "anesthesia@hollinspark.example")),
    "P12": dict(name="Westbury Medical College", aliases=["Westbury", "WMC Anesthesiology"],
                domains=["westbury-mc.example"], contacts=["anesthesiology.residency@westbury-mc.example"],
                interview=date(2027, 1, 6), nrmp=True, tz="America/New_York",
                coord=("Patricia Hume", "anesthesiology.residency@westbury-mc.example")),
    "P13": dict(name="Cedar Hollow Health System", aliases=["Cedar Hollow"],
                domains=["cedarhollow.example"], contacts=["anes.coordinator@cedarhollow.example"],
                interview=date(2026, 12, 1), nrmp=True, tz="America/Chicago",
                coord=("Denise Park", "anes.coordinator@cedarhollow.example")),
    "P14": dict(name="Lantern Bay Hospital", aliases=["Lantern Bay"],
                domains=["lanternbay.example"], contacts=["gme.anesthesia@lanternbay.example"],
                interview=date(2026, 12, 9), nrmp=True, tz="America/Los_Angeles",
                coord=("Alicia Moreno", "gme.anesthesia@lanternbay.example")),
    "P15": dict(name="Ridgeview University Medical Center", aliases=["Ridgeview", "RUMC"],
                domains=["ridgeview.example"], contacts=[],
                interview=date(2026, 11, 30), nrmp=True, tz="America/Denver",
                coord=("Heather Cobb", "anesthesia.coord@gme.ridgeview.example")),
    "P16": dict(name="Ashford Community Anesthesiology", aliases=["Ashford", "Ashford Community"],
                domains=["ashford-ca.example"], contacts=["residency@ashford-ca.example"],
                interview=date(2026, 12, 15), nrmp=True, tz="America/Chicago",
                coord=("Lorraine Bishop", "residency@ashford-ca.example")),
    "P17": dict(name="Mission Peak University Hospital", aliases=["Mission Peak", "MPUH"],
                domains=["missionpeak.example"], contacts=["anesthesiology@missionpeak.example"],
                interview=date(2026, 12, 11), nrmp=True, tz="America/Los_Angeles",
                coord=("Cynthia Vo", "anesthesiology@missionpeak.example")),
    "P18": dict(name="Stonebridge University Anesthesiology", aliases=["Stonebridge"],
                domains=["stonebridge.example"], contacts=["anes.residency@stonebridge.example"],
                interview=None, nrmp=True, tz="America/New_York",
                coord=("Office of Anesthesia Education", "anes.residency@stonebridge.example")),
    "P19": dict(name="Kingsport Valley Medical Center", aliases=["Kingsport Valley", "KVMC"],
                domains=["kingsportvalley.example"], contacts=["residency.anesthesia@kingsportvalley.example"],
                interview=None, nrmp=True, tz="America/New_York",
                coord=("Anne Radcliffe", "residency.anesthesia@kingsportvalley.example")),
    "P20": dict(name="Oceanview University Anesthesiology", aliases=["Oceanview", "Oceanview University"],
                domains=["oceanview.example"], contacts=["anesthesia.residency@oceanview.example"],
                interview=date(2026, 12, 7), nrmp=True, tz="America/Los_Angeles",
                coord=("Tracy Huang", "anesthesia.residency@oceanview.example")),
}


def N(key: str) -> str:
    return PROGRAMS[key]["name"]


def at(month: int, day: int, hour: int = 9, minute: int = 0) -> datetime:
    year = 2026 if month >= 7 else 2027
    return datetime(year, month, day, hour, minute, tzinfo=TZ)


# ---------------------------------------------------------------------------------
# Message model
# ---------------------------------------------------------------------------------


class Season:
    def __init__(self) -> None:
        self.rng = random.Random(SEED)
        self.msgs: list[dict] = []          # everything written to the Maildir
        self.truth: dict[str, object] = {}  # message_id -> program name | [names] | "ambiguous" | None
        self.records: list[dict] = []       # program-relevant facts per message
        self.findings: list[dict] = []
        self.negatives: list[dict] = []
        self.n_noise = 0

    # -- ids -----------------------------------------------------------------------
    def mid(self, domain: str, style: str = "hex") -> str:
        r = self.rng
        if style == "gmail":
            alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
            return "<CA" + "".join(r.choice(alphabet) for _ in range(22)) + "+" + "".join(
                r.choice(alphabet) for _ in range(12)) + f"@{domain}>"
        if style == "exchange":
            return "<" + "".join(r.choice("0123456789ABCDEF") for _ in range(32)) + f"@EXCH{r.randint(1, 9):02d}.{domain}>"
        return f"<{r.getrandbits(48):012x}.{r.getrandbits(24):06x}@{domain}>"

    # -- building ------------------------------------------------------------------
    def message(self, *, frm: str, to: list[str], subject: str, when: datetime, text: str | None = None,
                html: str | None = None, cc: list[str] = (), bcc: list[str] = (), mid: str | None = None,
                reply_to_msg: dict | None = None, headers: dict | None = None, calendar: str | None = None,
                tz: str | None = None, folder: str = "INBOX", flags: str = "S") -> dict:
        msg = EmailMessage()
        msg["From"] = frm
        if to:
            msg["To"] = ", ".join(to)
        if cc:
            msg["Cc"] = ", ".join(cc)
        if bcc and folder in (".Sent", ".Drafts"):
            msg["Bcc"] = ", ".join(bcc)
        msg["Subject"] = subject
        shown = when.astimezone(ZoneInfo(tz)) if tz else when
        msg["Date"] = format_datetime(shown)
        if mid is None:
            mid = self.mid("mail.example.com", "gmail")
        msg["Message-ID"] = mid
        if reply_to_msg is not None:
            msg["In-Reply-To"] = reply_to_msg["mid"]
            refs = reply_to_msg.get("refs", []) + [reply_to_msg["mid"]]
            msg["References"] = " ".join(refs)
        for k, v in (headers or {}).items():
            msg[k] = v
        msg["MIME-Version"] = "1.0"
        if text is not None and html is None:
            msg.set_content(text)
        elif html is not None and text is None and calendar is None:
            msg.set_content(html, subtype="html")
        else:
            msg.set_content(text or "")
            if html is not None:
                msg.add_alternative(html, subtype="html")
            if calendar is not None:
                msg.add_alternative(calendar, subtype="calendar", params={"method": "REQUEST"})
        if msg.is_multipart():
            msg.set_boundary(f"_=_img_{len(self.msgs):05d}_{self.rng.getrandbits(32):08x}_=_")
        rec = dict(mid=mid, msg=msg, when=when, folder=folder, flags=flags,
                   refs=(reply_to_msg.get("refs", []) + [reply_to_msg["mid"]]) if reply_to_msg else [],
                   subject=subject)
        self.msgs.append(rec)
        return rec

    def tag(self, rec: dict, programs, *, direction: str, contact: bool = False, person: bool = False,
            draft: bool = False) -> dict:
        """Ground truth for a program message (programs: list of keys, or 'ambiguous', or None)."""
        mid = rec["mid"]
        if programs is None:
            self.truth[mid] = None
        elif programs == "ambiguous":
            self.truth[mid] = "ambiguous"
        else:
            names = [N(k) for k in programs]
            self.truth[mid] = names[0] if len(names) == 1 else sorted(names)
            self.records.append(dict(mid=mid, programs=list(programs), direction=direction, contact=contact,
                                     person=person, draft=draft, when=rec["when"]))
        return rec

    def finding(self, rule: str, programs: list[str], mids: list[str], draft: bool = False) -> None:
        self.findings.append(dict(rule=rule, programs=sorted(N(k) for k in programs), draft=draft,
                                  message_ids=list(mids)))

    def negative(self, rec: dict, rules: list[str], why: str) -> None:
        self.negatives.append(dict(message_id=rec["mid"], must_not_fire=rules, why=why))

    # -- voices ----------------------------------------------------------------------
    def out(self, keys, subject: str, body: str, when: datetime, *, to: list[str] | None = None,
            cc: list[str] = (), bcc: list[str] = (), contact: bool = True, reply_to_msg: dict | None = None,
            quote: str | None = None, sender: str = ME, draft: bool = False, html: bool = False) -> dict:
        if isinstance(keys, str):
            keys = [keys]
        if to is None:
            to = [f"{PROGRAMS[k]['coord'][0]} <{PROGRAMS[k]['coord'][1]}>" for k in keys]
        text = body.strip() + "\n\n" + SIG + "\n"
        if quote:
            text += "\n" + quote
        domain = "mail.example.com" if sender == ME else "mail.example.net"
        frm = f"{ME_NAME} <{sender}>" if sender == ME else f"Dr. Ravindra Kulkarni <{sender}>"
        html_part = None
        if html:
            html_part = "<div dir=\"ltr\">" + "".join(
                f"<div>{htmlmod.escape(line) or '<br>'}</div>" for line in text.splitlines()) + "</div>"
        rec = self.message(frm=frm, to=to, cc=list(cc), bcc=list(bcc), subject=subject, when=when,
                           text=text, html=html_part, mid=self.mid(domain, "gmail"), reply_to_msg=reply_to_msg,
                           folder=".Drafts" if draft else ".Sent", flags="D" if draft else "S",
                           headers={"X-Mailer": "Microsoft Outlook 16.0"} if sender == ALIAS else None)
        return self.tag(rec, keys, direction="out", contact=contact and not draft, draft=draft)

    def outlook(self, key: str, frm_name: str, frm_addr: str, subject: str, paras: list[str], when: datetime, *,
                reply_to_msg: dict | None = None, quoted: dict | None = None, title: str = "",
                program_tag=None, person: bool = True, calendar: str | None = None, extra: dict | None = None,
                to: str | None = None, footer: bool = True) -> dict:
        """An HTML-only Outlook/Exchange message from a program person."""
        p = PROGRAMS[key]
        body = "".join(f"<p class=MsoNormal>{x}<o:p></o:p></p>\n" for x in paras)
        sig = (f"<p class=MsoNormal><b><span style='color:#1F3864'>{htmlmod.escape(frm_name)}</span></b><br>"
               f"{htmlmod.escape(title or 'Residency Program Coordinator')}<br>"
               f"Department of Anesthesiology and Perioperative Medicine<br>{htmlmod.escape(p['name'])}<br>"
               f"Office: (555) 01{self.rng.randint(0, 9)}-{self.rng.randint(1000, 9999)} | Fax: (555) 019-"
               f"{self.rng.randint(1000, 9999)}<o:p></o:p></p>\n")
        disc = (f"<p class=MsoNormal><span style='font-size:8.0pt;color:gray'>{DISCLAIMER}</span></p>\n"
                if footer else "")
        quote_html = ""
        if quoted is not None:
            q = quoted
            qtext = q["msg"].get_body(preferencelist=("plain", "html")).get_content()
            qdate = q["when"].astimezone(ZoneInfo(p["tz"]))
            quote_html = (
                "<div style='border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0in 0in 0in'>"
                f"<p class=MsoNormal><b>From:</b> {htmlmod.escape(str(q['msg']['From']))}<br>"
                f"<b>Sent:</b> {qdate.strftime('%A, %B %-d, %Y %-I:%M %p')}<br>"
                f"<b>To:</b> {htmlmod.escape(str(q['msg']['To']))}<br>"
                f"<b>Subject:</b> {htmlmod.escape(str(q['msg']['Subject']))}<o:p></o:p></p></div>\n"
                + "".join(f"<p class=MsoNormal>{htmlmod.escape(line)}<o:p></o:p></p>\n"
                          for line in qtext.splitlines()))
        html = ("<html xmlns:o=\"urn:schemas-microsoft-com:office:office\"><head>"
                "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">"
                "<style><!-- p.MsoNormal {margin:0in;font-size:11.0pt;font-family:\"Calibri\",sans-serif;} --></style>"
                "</head><body lang=EN-US link=\"#0563C1\"><div class=WordSection1>\n"
                + body + "<p class=MsoNormal>&nbsp;<o:p></o:p></p>\n" + sig + disc + quote_html
                + "</div></body></html>")
        domain = frm_addr.split("@", 1)[1]
        headers = {"Thread-Topic": subject.split(": ", 1)[-1], "X-MS-Has-Attach": "",
                   "X-MS-Exchange-Organization-SCL": "-1", "Content-Language": "en-US"}
        headers.update(extra or {})
        text = None
        if calendar is not None:
            text = "\n\n".join(htmlmod.unescape(re.sub(r"<[^>]+>", "", x.replace("<br>", "\n"))) for x in paras)
        rec = self.message(frm=f"{frm_name} <{frm_addr}>", to=[to or f"{ME_NAME} <{ME}>"], subject=subject,
                           when=when, html=html, text=text, calendar=calendar, mid=self.mid(domain, "exchange"),
                           reply_to_msg=reply_to_msg, headers=headers, tz=p["tz"])
        return self.tag(rec, program_tag if program_tag is not None else [key], direction="in", person=person)

    def plain_in(self, key, frm: str, subject: str, body: str, when: datetime, *, reply_to_msg: dict | None = None,
                 person: bool = True, headers: dict | None = None, program_tag=None, tz: str | None = None,
                 domain: str | None = None) -> dict:
        k0 = key if isinstance(key, str) else key[0]
        addr = frm.split("<")[-1].rstrip(">")
        rec = self.message(frm=frm, to=[f"{ME_NAME} <{ME}>"], subject=subject, when=when, text=body,
                           mid=self.mid(domain or addr.split("@", 1)[1]), reply_to_msg=reply_to_msg,
                           headers=headers, tz=tz or PROGRAMS[k0]["tz"])
        return self.tag(rec, program_tag if program_tag is not None else [k0], direction="in", person=person)

    def thalamus(self, key: str, when: datetime, kind: str = "invite") -> dict:
        name = N(key)
        if kind == "invite":
            subject = f"Interview Invitation: {name}"
            body = (f"Dear Ravindra Kulkarni,\n\nCongratulations! {name} has invited you to interview for the "
                    f"Anesthesiology (Categorical) position through Thalamus.\n\nPlease log in to Thalamus to "
                    f"view available interview dates and schedule your interview. Invitations may expire if "
                    f"not scheduled within 72 hours.\n\nSchedule now: https://app.thalamusgme.com/applicant/invitations\n\n"
                    f"This is an automated message. Please do not reply to this email.\n\nThalamus | "
                    f"Graduate Medical Education Interview Management")
        elif kind == "reminder":
            subject = f"Reminder: Upcoming interview with {name}"
            body = (f"Hi Ravindra,\n\nThis is a reminder that your interview with {name} is tomorrow. Please "
                    f"check your time zone and test your audio and video in advance.\n\nThis is an automated message.")
        else:
            subject = f"Interview Confirmed: {name}"
            body = (f"Hi Ravindra,\n\nYour interview with {name} is confirmed. You will find the virtual "
                    f"meeting link and itinerary in your Thalamus dashboard.\n\nThis is an automated message.")
        rec = self.message(frm="Thalamus <noreply@thalamusgme.com>", to=[ME], subject=subject, when=when,
                           text=body, mid=self.mid("thalamusgme.com"), tz="America/New_York",
                           headers={"Auto-Submitted": "auto-generated", "X-Auto-Response-Suppress": "All"})
        return self.tag(rec, [key], direction="in", person=False)


# ---------------------------------------------------------------------------------
# Quoting helpers
# ---------------------------------------------------------------------------------


def gmail_quote(rec: dict) -> str:
    m = rec["msg"]
    part = m.get_body(preferencelist=("plain", "html"))
    text = part.get_content()
    if part.get_content_type() == "text/html":
        text = re.sub(r"<[^>]+>", "\n", text)
        text = htmlmod.unescape(text)
        text = "\n".join(line.strip() for line in text.splitlines() if line.strip())
    when = rec["when"].strftime("%a, %b %-d, %Y at %-I:%M %p")
    return f"On {when} {m['From']} wrote:\n" + "\n".join("> " + line for line in text.splitlines())


def outlook_plain_quote(rec: dict) -> str:
    m = rec["msg"]
    part = m.get_body(preferencelist=("plain", "html"))
    text = part.get_content()
    if part.get_content_type() == "text/html":
        text = re.sub(r"</p>|<br>", "\n", text)
        text = re.sub(r"<[^>]+>", "", text)
        text = htmlmod.unescape(text)
        text = "\n".join(line.strip() for line in text.splitlines() if line.strip())
    when = rec["when"].strftime("%A, %B %-d, %Y %-I:%M %p")
    return ("________________________________\n"
            f"From: {m['From']}\nSent: {when}\nTo: {m['To']}\nSubject: {m['Subject']}\n\n{text}\n")


def ics(uid: str, start: datetime, end: datetime, summary: str, organizer: str) -> str:
    fmt = "%Y%m%dT%H%M%SZ"
    z = ZoneInfo("UTC")
    return ("BEGIN:VCALENDAR\r\nPRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN\r\nVERSION:2.0\r\n"
            "METHOD:REQUEST\r\nBEGIN:VEVENT\r\n"
            f"UID:{uid}\r\nDTSTAMP:{start.astimezone(z).strftime(fmt)}\r\n"
            f"DTSTART:{start.astimezone(z).strftime(fmt)}\r\nDTEND:{end.astimezone(z).strftime(fmt)}\r\n"
            f"SUMMARY:{summary}\r\nORGANIZER;CN=Coordinator:mailto:{organizer}\r\n"
            f"ATTENDEE;ROLE=REQ-PARTICIPANT;RSVP=TRUE:mailto:{ME}\r\n"
            "LOCATION:Microsoft Teams Meeting\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")


# ---------------------------------------------------------------------------------
# The story
# ---------------------------------------------------------------------------------

MASS_TEMPLATE = """Respected Sir/Madam,

I am writing this mail to express my keen interest in {prog}. I am having strong desire to pursue my anesthesiology residency at your esteemed institution, and I believe my clinical experience in the operation theatre and ICU of a busy tertiary care hospital in Mumbai has prepared me well for the rigours of residency.

Since submitting my application I have completed my research fellowship, and our abstract on ultrasound guided erector spinae block was accepted for poster presentation at the ASA annual meeting. I have also obtained my ECFMG certification and I am eligible for J-1 visa.

I will be highly obliged if you kindly consider my application favourably. Hoping for a positive response."""


def story(s: Season) -> None:
    P = PROGRAMS

    # ---------------- P01 Pinecrest: at limit, #1 (multiple), CC two faculty -------------
    inv01 = s.thalamus("P01", at(10, 14, 6, 12))
    det01 = s.outlook("P01", "Linda Forsythe", P["P01"]["coord"][1], "Pinecrest Anesthesiology - Interview Day Details",
                      ["Dear Dr. Kulkarni,",
                       "Thank you for scheduling your interview with the Pinecrest University Anesthesiology "
                       "Residency Program on <b>Wednesday, November 4, 2026</b>.",
                       "The day will begin at 7:30 AM Eastern with a welcome from our Program Director, Dr. Helen "
                       "Marsh, followed by four interviews and a virtual tour. The pre-interview social with our "
                       "residents will be held the evening before at 6:00 PM.",
                       "Please find the Zoom links attached. Let me know if you have any questions.",
                       "Best regards,"], at(10, 20, 6, 40))
    s.out("P01", "RE: Pinecrest Anesthesiology - Interview Day Details",
          "Respected Ma'am,\n\nThank you for the information. I have noted all the details and I will join the "
          "pre-interview social also.", at(10, 21, 8, 5), contact=False, reply_to_msg=det01,
          quote=gmail_quote(det01))
    ty01 = s.out("P01", "Thank you for the interview opportunity",
                 "Dear Dr. Marsh,\n\nGood evening. I am writing this mail to thank you and Dr. Reyes for the "
                 "interview opportunity today at Pinecrest University. I was very much impressed by the "
                 "dedicated cardiac anesthesia rotation and the way residents are given graded autonomy. "
                 "Kindly convey my thanks to the residents for the warm pre-interview social.\n\n"
                 "I look forward to hear from you.", at(11, 5, 18, 20),
                 to=["Dr. Helen Marsh <hmarsh@pinecrest.example>"], cc=["Dr. Omar Reyes <oreyes@med.pinecrest.example>"])
    s.negative(ty01, ["repeat-after-silence", "late-thank-you", "multiple-first-choice"],
               "thank-you the day after the interview, To the PD and Cc the APD; 'I look forward to hear from you' is no nudge")
    r01 = s.outlook("P01", "Helen Marsh, MD", "hmarsh@pinecrest.example", "RE: Thank you for the interview opportunity",
                    ["Dear Dr. Kulkarni,", "Thank you for your kind note. It was a pleasure meeting you and we "
                     "enjoyed learning about your research. Best of luck this season.", "Warm regards,"],
                    at(11, 6, 11, 2), reply_to_msg=ty01, quoted=ty01, title="Program Director")
    news01 = s.message(frm="Pinecrest Anesthesia News <news@pinecrest.example>", to=["applicants-2027@lists.pinecrest.example"],
                       subject="Pinecrest Anesthesiology December Newsletter", when=at(12, 1, 5, 0),
                       text="Season's greetings from Pinecrest Anesthesiology!\n\nThis month: our residents presented "
                            "six abstracts at the PGA, and the new simulation center opened.\n\nYou are receiving "
                            "this because you applied to Pinecrest University Anesthesiology. Unsubscribe: "
                            "https://lists.pinecrest.example/unsub",
                       mid=s.mid("lists.pinecrest.example"), tz="America/New_York",
                       headers={"List-Id": "Applicants 2027 <applicants-2027.lists.pinecrest.example>",
                                "Precedence": "bulk", "List-Unsubscribe": "<https://lists.pinecrest.example/unsub>"})
    s.tag(news01, ["P01"], direction="in", person=False)
    up01 = s.out("P01", "Update: USMLE Step 3 result",
                 "Dear Dr. Marsh,\n\nAs a follow up to my previous mail, I wish to update you that I have passed "
                 "USMLE Step 3 with a score of 241, which will make me eligible for H-1B visa. I remain very "
                 "interested in Pinecrest University Anesthesiology.", at(12, 20, 10, 30),
                 to=["Dr. Helen Marsh <hmarsh@pinecrest.example>"], reply_to_msg=r01)
    s.negative(up01, ["repeat-after-silence"], "an update after the program replied - not a nudge after silence")
    rk01 = s.out("P01", "Letter of intent - Ravindra Kulkarni",
                 "Respected Dr. Marsh,\n\nI hope this mail finds you well. After careful consideration of all my "
                 "interviews, I wish to convey that your esteemed program is my first choice and I will rank it "
                 "number 1 on my rank order list. The supportive culture and the strong regional anesthesia "
                 "training at Pinecrest are exactly what I am looking for.", at(1, 12, 9, 15),
                 to=["Dr. Helen Marsh <hmarsh@pinecrest.example>"], cc=[P["P01"]["contacts"][0]])
    s.outlook("P01", "Linda Forsythe", P["P01"]["coord"][1], "RE: Letter of intent - Ravindra Kulkarni",
              ["Dear Dr. Kulkarni,", "Thank you for your email. I have shared it with Dr. Marsh and added it to "
               "your file.", "Kind regards,"], at(1, 13, 7, 45), reply_to_msg=rk01)

    # ---------------- P02 Sierra Vista: late thank-you, quiet, calendar invite -----------
    inv02 = s.outlook("P02", "Rosa Delgado", P["P02"]["coord"][1],
                      "Interview Invitation - Sierra Vista Medical Center Anesthesiology",
                      ["Dear Applicant,",
                       "On behalf of the selection committee, we are happy to offer you an interview for our "
                       "categorical anesthesiology residency position for the 2027 Match.",
                       "Available dates: November 10, November 17 and December 1, 2026 (virtual). Kindly reply "
                       "with your first and second preference within five business days.",
                       "Sincerely,"], at(10, 18, 9, 0))
    s.negative(inv02, ["prematch-offer"], "'we are happy to offer you an interview' is an invitation, not a position")
    pref02 = s.out("P02", "RE: Interview Invitation - Sierra Vista Medical Center Anesthesiology",
                   "Respected Madam,\n\nThank you very much for the interview invitation. My first preference for "
                   "interview date is November 10, and second preference is November 17.", at(10, 18, 20, 40),
                   contact=False, reply_to_msg=inv02, quote=gmail_quote(inv02))
    s.negative(pref02, ["multiple-first-choice", "first-choice-outside-window"],
               "'my first preference for interview date' is no rank statement")
    s.outlook("P02", "Rosa Delgado", P["P02"]["coord"][1], "Sierra Vista Anesthesiology Virtual Interview - Nov 10",
              ["Dear Dr. Kulkarni,", "You are confirmed for <b>Tuesday, November 10</b>. A calendar invitation is "
               "attached; the Teams link is in the invite.", "Regards,"], at(10, 20, 13, 0), reply_to_msg=pref02,
              calendar=ics("svmc-1110-kulkarni@sierravista-mc.test", at(11, 10, 7, 0), at(11, 10, 13, 0),
                           "Sierra Vista Anesthesiology Virtual Interview", P["P02"]["coord"][1]))
    ty02 = s.out("P02", "Thank you - interview on 10th November",
                 "Respected Dr. Alvarez,\n\nI am writing this mail to thank you for the opportunity to interview "
                 "at Sierra Vista Medical Center on 10th November. I am sorry for delay in writing as I was "
                 "travelling. I enjoyed speaking with the residents about the obstetric anesthesia experience, "
                 "and Sierra Vista is one of my top choices.", at(11, 16, 21, 10),
                 to=["Dr. Mark Alvarez <malvarez@sierravista-mc.test>"], cc=[P["P02"]["contacts"][0]])
    s.negative(ty02, ["multiple-first-choice", "first-choice-outside-window"],
               "'one of my top choices' may go to several programs")

    # ---------------- P03 Northgate Central: rank inquiry, same-day thank-you ------------
    s.thalamus("P03", at(10, 25, 5, 30))
    ty03 = s.out("P03", "Thank you - Northgate Central Campus interview",
                 "Dear Dr. Liang,\n\nThank you for taking time to interview me today at the Central Campus. I "
                 "specially appreciated the discussion about the liver transplant anesthesia service and the "
                 "resident-run quality improvement projects.\n\nThanking you once again for your time.",
                 at(11, 17, 19, 30), to=["Dr. Yvonne Liang <yliang@northgatehealth.example>"])
    s.negative(ty03, ["late-thank-you"], "thank-you sent on the interview day itself")
    s.outlook("P03", "Yvonne Liang, MD", "yliang@northgatehealth.example", "RE: Thank you - Northgate Central Campus interview",
              ["Dr. Kulkarni,", "Thanks for the note - it was great to meet you.", "Best,"], at(11, 18, 8, 0),
              reply_to_msg=ty03, quoted=ty03,
              title="Program Director, Anesthesiology Residency - Northgate Central Campus")
    rq03 = s.outlook("P03", "Tamika Ellis", P["P03"]["coord"][1], "Northgate Central Campus - ranking",
                     ["Dear Dr. Kulkarni,",
                      "As our committee is finalizing the rank list, please let us know how you are planning to "
                      "rank our program. A short reply to this email is sufficient.",
                      "Thank you,"], at(1, 15, 10, 0),
                     title="Residency Coordinator, Northgate Central Campus")
    s.finding("rank-inquiry", ["P03"], [rq03["mid"]])
    ans03 = s.out("P03", "RE: Northgate Central Campus - ranking",
                  "Respected Madam,\n\nThank you for the mail. As per NRMP guidelines I would like to keep my rank "
                  "list confidential, I hope you will understand. I remain very interested in the Central Campus "
                  "program.", at(1, 16, 8, 45), contact=False, reply_to_msg=rq03, quote=gmail_quote(rq03))
    s.negative(ans03, ["multiple-first-choice", "conditional-commitment"],
               "declining to answer a rank inquiry")

    # ---------------- P04 Northgate Lakeside: contact despite policy; ambiguous ----------
    inv04 = s.outlook("P04", "Brenda Kowalski", P["P04"]["coord"][1],
                      "Interview Invitation - Northgate Lakeside Campus Anesthesiology",
                      ["Dear Dr. Kulkarni,",
                       "We are pleased to invite you to interview with the Northgate Health Anesthesiology "
                       "Residency - Lakeside Campus on Wednesday, December 2, 2026.",
                       "Please note that our program does not accept post-interview communication. Thank-you "
                       "notes and letters of intent are not necessary and will not affect our ranking decisions.",
                       "Kindly confirm your attendance by replying to this email.", "Sincerely,"],
                      at(11, 8, 12, 0), title="Program Coordinator, Lakeside Campus")
    acc04 = s.out("P04", "RE: Interview Invitation - Northgate Lakeside Campus Anesthesiology",
                  "Respected Madam,\n\nGreetings of the day. I am pleased to confirm my attendance on December 2. I "
                  "will be highly obliged if you could also share the schedule of the pre-interview dinner.",
                  at(11, 8, 22, 15), contact=False, reply_to_msg=inv04, quote=gmail_quote(inv04))
    s.negative(acc04, ["desperate-tone", "contact-despite-policy"],
               "confirming attendance before the interview; 'I will be highly obliged' is politeness")
    sec04 = s.plain_in("P04", "Maria Lopez <gme.office@northgatehealth.example>",
                       "Second look day - Lakeside Campus Anesthesiology",
                       "Dear Applicant,\n\nThe Lakeside Campus anesthesiology residency will host an optional second "
                       "look on January 30. Attendance is not considered in ranking.\n\nMaria Lopez\nGME Office, "
                       "Northgate Health - Lakeside Campus", at(11, 20, 9, 0))
    amb = s.message(frm="Northgate Health GME <gme.housing@northgatehealth.example>", to=[ME],
                    subject="Northgate Health: parking and hotel information for interview visitors",
                    when=at(11, 12, 10, 0), tz="America/Chicago", mid=s.mid("northgatehealth.example"),
                    text="Dear Interview Applicant,\n\nWelcome to Northgate Health. Visitors may park in Garage B; "
                         "our partner hotel offers a discounted rate for residency applicants.\n\nNorthgate Health "
                         "Graduate Medical Education")
    s.tag(amb, "ambiguous", direction="in")
    ty04 = s.out("P04", "RE: Interview Invitation - Northgate Lakeside Campus Anesthesiology",
                 "Respected Madam,\n\nI am writing this mail to thank you and the faculty for the wonderful "
                 "interview day yesterday at Lakeside Campus. I was impressed by the regional anesthesia "
                 "experience and the friendly residents.", at(12, 3, 17, 0), reply_to_msg=inv04,
                 quote=gmail_quote(inv04))
    s.finding("contact-despite-policy", ["P04"], [ty04["mid"]])

    # ---------------- P05 Coral Springs: #1 (multiple), at limit, dup Message-ID ---------
    inv05 = s.outlook("P05", "Janet Whitaker", P["P05"]["coord"][1],
                      "Coral Springs University Hospital - Interview Confirmation",
                      ["Dear Dr. Kulkarni,",
                       "This email confirms your virtual interview on Tuesday, December 8, 2026. No need to reply to "
                       "this email; your interview slot is confirmed.", "Best wishes,"], at(11, 2, 8, 30))
    ty05 = s.out("P05", "Thank you - Coral Springs interview",
                 "Dear Dr. Fischer,\n\nThank you for the interview yesterday. I am very thankful for the detailed "
                 "discussion about the pediatric anesthesia rotation at Coral Springs.", at(12, 9, 16, 40),
                 to=["Dr. Paul Fischer <pfischer@coralsprings-uh.example>"])
    s.negative(ty05, ["contact-despite-policy", "late-thank-you"],
               "the program only said 'no need to reply to this email' about the confirmation")
    both = s.out(["P05", "P17"], "Update - ECFMG certification received",
                 "Dear Program Coordinators,\n\nI wish to update that I have received my ECFMG certificate this "
                 "week, so all my documents are now complete. Kindly add this to my file.", at(1, 5, 11, 0),
                 to=[P["P05"]["contacts"][0]], bcc=[P["P17"]["contacts"][0]])
    s.outlook("P05", "Janet Whitaker", P["P05"]["coord"][1], "RE: Update - ECFMG certification received",
              ["Dr. Kulkarni,", "Thank you - I have added this to your file.", "Janet"], at(1, 6, 7, 0),
              reply_to_msg=both, to=f"{ME_NAME} <{ME}>")
    rk05 = s.out("P05", "Coral Springs - my rank order list",
                 "Respected Dr. Fischer,\n\nI am writing this mail to inform that I will be ranking Coral Springs "
                 "as my number one choice. I genuinely felt at home during the interview day.", at(1, 19, 8, 0),
                 to=["Dr. Paul Fischer <pfischer@coralsprings-uh.example>"], bcc=[ME])
    # the Bcc to self lands in INBOX too: the same Message-ID in two folders
    delivered = email.message_from_bytes(bytes(rk05["msg"]), policy=email.policy.default)
    del delivered["Bcc"]
    s.msgs.append(dict(rk05, msg=delivered, folder="INBOX", flags="S"))

    # ---------------- P06 Meadowbrook: rank inquiry (other programs), mass email ---------
    s.thalamus("P06", at(10, 28, 6, 0))
    ty06 = s.out("P06", "Thank you for interview at Meadowbrook",
                 "Dear Dr. Sandoval,\n\nThank you for the interview at Meadowbrook Regional yesterday. The number one "
                 "thing I appreciated was the resident wellness program and the protected didactics time. During "
                 "my observership at Pinecrest University I saw similar teaching culture, and I could see the "
                 "same at Meadowbrook.", at(11, 20, 12, 0), to=["Dr. Luis Sandoval <lsandoval@meadowbrook-rap.example>"])
    s.negative(ty06, ["multiple-first-choice", "first-choice-outside-window", "wrong-program-name"],
               "'the number one thing I appreciated' is no rank statement; names Pinecrest but also Meadowbrook")
    s.outlook("P06", "Gloria Stanton", P["P06"]["coord"][1], "RE: Thank you for interview at Meadowbrook",
              ["Dr. Kulkarni,", "Dr. Sandoval asked me to thank you for your note.", "Regards,"], at(11, 23, 9, 0),
              reply_to_msg=ty06)
    rq06 = s.outlook("P06", "Gloria Stanton", P["P06"]["coord"][1], "Meadowbrook Anesthesiology - quick question",
                     ["Dear Dr. Kulkarni,",
                      "As we plan our rank meeting, could you share which other programs you have interviewed "
                      "with? It helps us understand our applicant pool.", "Thank you,"], at(1, 8, 14, 0))
    s.finding("rank-inquiry", ["P06"], [rq06["mid"]])
    s.out("P06", "RE: Meadowbrook Anesthesiology - quick question",
          "Respected Madam,\n\nThank you for your mail. I am sorry but I prefer not to share the list of other "
          "programs. Kindly let me know if any other information is required from my side.", at(1, 9, 9, 30),
          contact=False, reply_to_msg=rq06, quote=gmail_quote(rq06))

    # ---------------- P07 Granite Falls: over limit, visa inquiry, future message ---------
    q07 = s.out("P07", "Enquiry regarding J-1 visa sponsorship",
                "Respected Sir/Madam,\n\nI am writing this mail to enquire whether your esteemed program sponsors "
                "J-1 or H-1B visa for international medical graduates. I am having keen interest in Granite Falls "
                "Medical Center and I have applied through ERAS.\n\nKindly let me know at your convenience.\n\n"
                "Thanking you in anticipation.", at(10, 5, 10, 0), sender=ALIAS)
    s.negative(q07, ["feedback-request", "desperate-tone", "emotional-tone"],
               "a visa question before the interview is appropriate; 'Thanking you in anticipation' sign-off")
    s.outlook("P07", "Kimberly Nash", P["P07"]["coord"][1], "RE: Enquiry regarding J-1 visa sponsorship",
              ["Dear Dr. Kulkarni,", "Our program sponsors J-1 visas through ECFMG. We do not sponsor H-1B.",
               "Best regards,"], at(10, 7, 9, 0), reply_to_msg=q07, quoted=q07)
    s.outlook("P07", "Kimberly Nash", P["P07"]["coord"][1], "Granite Falls Anesthesiology Interview Invitation",
              ["Dear Dr. Kulkarni,", "We are delighted to invite you to interview on November 24, 2026. Please "
               "schedule through Thalamus.", "Best regards,"], at(10, 30, 10, 0))
    ty07 = s.out("P07", "Thank you - Granite Falls interview",
                 "Dear Dr. Whitfield,\n\nThank you for the interview today. I was impressed by the Granite Falls "
                 "cardiothoracic anesthesia exposure, and your program is one of my top choices.",
                 at(11, 25, 8, 10), to=["Dr. Ann Whitfield <awhitfield@granitefalls.example>"], sender=ALIAS)
    s.negative(ty07, ["multiple-first-choice", "first-choice-outside-window"],
               "'one of my top choices' may go to several programs")
    up07 = s.out("P07", "Update from Ravindra Kulkarni",
                 "Dear Dr. Whitfield,\n\nI wish to share that my case report was accepted in the Journal of "
                 "Clinical Anesthesia Cases. Granite Falls remains very high on my list.", at(12, 18, 11, 0),
                 to=["Dr. Ann Whitfield <awhitfield@granitefalls.example>"], sender=ALIAS)
    s.outlook("P07", "Ann Whitfield, MD", "awhitfield@granitefalls.example", "RE: Update from Ravindra Kulkarni",
              ["Congratulations, Dr. Kulkarni!", "Best,"], at(12, 19, 9, 0), reply_to_msg=up07,
              title="Program Director")
    s.out("P07", "Letter of interest - Granite Falls Medical Center",
          "Respected Dr. Whitfield,\n\nAs the rank list season approaches, I wanted to reiterate my strong interest "
          "in Granite Falls Medical Center. I will be ranking your program very highly.", at(1, 20, 9, 0),
          to=["Dr. Ann Whitfield <awhitfield@granitefalls.example>"], sender=ALIAS)
    s.out("P07", "Second look", "Dear Dr. Whitfield,\n\nIs there a possibility of a second look visit in February?",
          at(1, 26, 22, 0), to=["Dr. Ann Whitfield <awhitfield@granitefalls.example>"], draft=True, sender=ALIAS)
    fut = s.message(frm=f"Dr. Ravindra Kulkarni <{ALIAS}>", to=["Dr. Ann Whitfield <awhitfield@granitefalls.example>"],
                    subject="Thank you for the second look", when=at(1, 30, 18, 0),
                    text="Dear Dr. Whitfield,\n\nThank you for the second look visit today.\n\n" + SIG,
                    mid=s.mid("mail.example.net", "gmail"), folder=".Sent")
    s.tag(fut, None, direction="out")   # after --as-of: must not exist yet

    # ---------------- P08 Bluewater: same request to two faculty, personal-address reply ---
    s.thalamus("P08", at(11, 3, 6, 0))
    s.out("P08", "Thank you - Bluewater interview",
          "Dear Ms. Mitchell,\n\nKindly convey my thanks to Dr. Menon and the interview panel for yesterday's "
          "interview. I enjoyed learning about Bluewater's critical care anesthesia track.", at(12, 11, 15, 0))
    req_a = s.out("P08", "Request for observership letter",
                  "Respected Dr. Menon,\n\nI hope you are doing well. I had done my observership in your department "
                  "in July 2025. Kindly could you provide me a letter confirming my observership and clinical "
                  "skills, for my residency file? I will be highly obliged.", at(1, 7, 9, 0),
                  to=["Dr. Sunil Menon <smenon@bluewater.example>"])
    req_b = s.out("P08", "Request for observership letter",
                  "Respected Dr. Holt,\n\nI hope you are doing well. I had done my observership in your department "
                  "in July 2025. Kindly could you provide me a letter confirming my observership and clinical "
                  "skills, for my residency file? I will be highly obliged.", at(1, 7, 9, 20),
                  to=["Dr. Karen Holt <kholt@bluewatermed.example>"])
    s.finding("same-request-multiple-faculty", ["P08"], [req_a["mid"], req_b["mid"]])
    s.plain_in("P08", "Karen Holt <karen.holt.md@personalmail.example>", "Re: Request for observership letter",
               "Hi Ravindra,\n\nHappy to. I will send it to the program coordinator this week.\n\nKaren\n\nSent from "
               "my iPhone\n\n" + gmail_quote(req_b), at(1, 9, 19, 0), reply_to_msg=req_b)

    # ---------------- P09 Eldridge (outside NRMP): pre-match offer ------------------------
    s.outlook("P09", "Sharon Pryce", P["P09"]["coord"][1], "Eldridge Memorial Hospital - Interview Invitation",
              ["Dear Dr. Kulkarni,", "We would like to invite you to interview for our anesthesiology "
               "residency on December 14, 2026.", "Regards,"], at(11, 15, 10, 0), title="GME Coordinator")
    s.out("P09", "Thank you for the interview",
          "Respected Dr. Hargrove,\n\nThank you for the interview at Eldridge Memorial Hospital. I appreciated "
          "your explanation about the regional anesthesia fellowship pathway.", at(12, 15, 10, 0),
          to=["Dr. Neil Hargrove <nhargrove@eldridge-mh.example>"])
    g09 = s.out("P09", "Season's greetings",
                "Respected Sir/Madam,\n\nWishing you and your family a Merry Christmas and a very Happy New Year. "
                "May the coming year bring good health and happiness to you and your team.", at(12, 24, 9, 0),
                to=["Dr. Neil Hargrove <nhargrove@eldridge-mh.example>"])
    off09 = s.outlook("P09", "Neil Hargrove, MD", "nhargrove@eldridge-mh.example",
                      "Offer of PGY-1 position - Eldridge Memorial Hospital",
                      ["Dear Dr. Kulkarni,",
                       "Following your interview, we are pleased to offer you a PGY-1 position in our "
                       "anesthesiology residency program beginning July 1, 2027.",
                       "Please sign the enclosed contract and return it by February 5, 2027 to secure your "
                       "position.", "Sincerely,"], at(1, 22, 13, 0), title="Program Director")
    s.finding("prematch-offer", ["P09"], [off09["mid"]])
    ans09 = s.out("P09", "RE: Offer of PGY-1 position - Eldridge Memorial Hospital",
                  "Respected Dr. Hargrove,\n\nThank you very much for the offer. Kindly let me know whether this "
                  "position is participating in the NRMP Match, or is it outside the Match system? I would like "
                  "to discuss the contract with my mentor before signing.", at(1, 23, 10, 0), contact=False,
                  reply_to_msg=off09, quote=gmail_quote(off09))
    s.negative(ans09, ["conditional-commitment", "feedback-request"], "the recommended answer to a pre-match offer")
    fwd = s.message(frm=f"{ME_NAME} <{ME}>", to=[f"Prof. S. Deshpande <{MENTOR}>"],
                    subject="Fwd: Offer of PGY-1 position - Eldridge Memorial Hospital", when=at(1, 23, 10, 30),
                    text="Respected Sir,\n\nKindly guide me regarding this offer from Eldridge Memorial Hospital.\n\n"
                         "Regards,\nRavi\n\n---------- Forwarded message ---------\n" + gmail_quote(off09),
                    mid=s.mid("mail.example.com", "gmail"), folder=".Sent")
    s.tag(fwd, None, direction="out")

    # ---------------- P10 Saguaro Valley: #1 before 1 January -----------------------------
    inv10 = s.outlook("P10", "Veronica Ortiz", P["P10"]["coord"][1], "Saguaro Valley Anesthesiology - Interview Invitation",
                      ["Dear Dr. Kulkarni,",
                       "Congratulations! We would like to invite you to interview on Friday, December 4, 2026.",
                       "Our program was ranked number one in the state for board pass rate last year.",
                       "We follow NRMP policy: we will not ask you how you plan to rank us, and you should not feel "
                       "any obligation to tell us. Post-interview communication is welcome but optional.",
                       "Warm regards,"], at(11, 10, 9, 0))
    s.negative(inv10, ["rank-inquiry", "prematch-offer", "multiple-first-choice"],
               "'we will not ask you how you plan to rank us'; 'ranked number one' is the program's own words")
    s.out("P10", "RE: Saguaro Valley Anesthesiology - Interview Invitation",
          "Respected Madam,\n\nThank you for the interview yesterday. I thoroughly enjoyed meeting the faculty "
          "and residents at Saguaro Valley, especially the discussion on the new pain medicine rotation.",
          at(12, 5, 10, 0), reply_to_msg=inv10, quote=gmail_quote(inv10))
    fc10 = s.out("P10", "Saguaro Valley - my first choice",
                 "Respected Dr. Benally,\n\nI am writing this mail to let you know that Saguaro Valley is my first "
                 "choice program and I will rank it at the top of my rank list. I feel I will fit very well with "
                 "your team.", at(12, 18, 9, 0), to=["Dr. Joseph Benally <jbenally@saguarovalley.example>"])
    s.finding("first-choice-outside-window", ["P10"], [fc10["mid"]])
    s.finding("multiple-first-choice", ["P01", "P05", "P10"], [rk01["mid"], rk05["mid"], fc10["mid"]])

    # ---------------- P11 Hollins Park: conditional commitment -----------------------------
    s.thalamus("P11", at(11, 12, 6, 0))
    ty11 = s.out("P11", "Thank you for the interview",
                 "Respected Dr. Greene,\n\nThank you for interviewing me yesterday at Hollins Park University. I "
                 "appreciated the emphasis on resident autonomy in the cardiac rooms.", at(12, 17, 18, 0),
                 to=["Dr. Thomas Greene <tgreene@hollinspark.example>"])
    s.outlook("P11", "Thomas Greene, MD", "tgreene@hollinspark.example", "RE: Thank you for the interview",
              ["Thank you, Dr. Kulkarni. Best of luck.", "TG"], at(12, 18, 7, 0), reply_to_msg=ty11,
              title="Program Director")
    cc11 = s.out("P11", "Hollins Park - my sincere interest",
                 "Respected Dr. Greene,\n\nI am once again thanking you for the interview. Sir, if you rank me I "
                 "will surely join your program, I assure you. I will not disappoint you.", at(1, 18, 9, 0),
                 to=["Dr. Thomas Greene <tgreene@hollinspark.example>"])
    s.finding("conditional-commitment", ["P11"], [cc11["mid"]])

    # ---------------- P12 Westbury: template placeholder in a sent thank-you --------------
    inv12 = s.outlook("P12", "Patricia Hume", P["P12"]["coord"][1], "Westbury Medical College Anesthesiology - Interview Invitation",
                      ["Dear {FirstName},",
                       "Thank you for applying to Westbury Medical College. We would like to invite you to "
                       "interview on January 6, 2027.",
                       "Residents receive a competitive salary and we offer a competitive benefits package, "
                       "including housing assistance and an educational allowance.", "Sincerely,"],
                      at(11, 20, 11, 0))
    s.negative(inv12, ["prematch-offer", "template-placeholder"],
               "'we offer a competitive benefits package'; the program's own '{FirstName}' slip is not the applicant's")
    tp12 = s.out("P12", "Thank you - Westbury interview",
                 "Dear Dr. <<Last Name>>,\n\nThank you for the opportunity to interview at Westbury Medical College "
                 "yesterday. I was impressed by the strong focus on point-of-care ultrasound teaching.",
                 at(1, 7, 9, 0), to=["Dr. Rebecca Stone <rstone@westbury-mc.example>"])
    s.finding("template-placeholder", ["P12"], [tp12["mid"]])

    # ---------------- P13 Cedar Hollow: offer outside the Match, draft placeholder --------
    s.outlook("P13", "Denise Park", P["P13"]["coord"][1], "Cedar Hollow Anesthesiology Interview Invitation",
              ["Dear Dr. Kulkarni,", "We are pleased to invite you to interview on December 1, 2026.", "Regards,"],
              at(10, 29, 10, 0))
    ty13 = s.out("P13", "Thank you - Cedar Hollow interview",
                 "Dear Dr. Rasmussen,\n\nThank you for the interview yesterday. I liked the Cedar Hollow "
                 "community and the exposure to trauma anesthesia. Cedar Hollow is one of my top choices.",
                 at(12, 2, 13, 0), to=["Dr. Erik Rasmussen <erasmussen@cedarhollow.example>"])
    s.negative(ty13, ["multiple-first-choice", "first-choice-outside-window"],
               "'one of my top choices' may go to several programs")
    s.outlook("P13", "Erik Rasmussen, MD", "erasmussen@cedarhollow.example", "RE: Thank you - Cedar Hollow interview",
              ["Dear Ravindra,", "It was our pleasure. Stay in touch.", "Erik"], at(12, 3, 8, 0),
              reply_to_msg=ty13, quoted=ty13, title="Program Director")
    off13 = s.outlook("P13", "Erik Rasmussen, MD", "erasmussen@cedarhollow.example", "Position at Cedar Hollow",
                      ["Dear Dr. Kulkarni,",
                       "We were very impressed with you and would like to offer you a position in our program "
                       "outside the Match. If you are willing to commit, please sign the attached letter of "
                       "intent and return it by January 29, 2027.", "Sincerely,"], at(1, 21, 9, 0),
                      title="Program Director")
    s.finding("prematch-offer", ["P13"], [off13["mid"]])
    dr13 = s.out("P13", "Update - Ravindra Kulkarni",
                 "Dear [PD NAME],\n\nI am writing this mail to update that my Step 3 score is now released (241). "
                 "I remain very much interested in your esteemed institution.", at(1, 24, 23, 0),
                 to=["Dr. Erik Rasmussen <erasmussen@cedarhollow.example>"], draft=True)
    s.finding("template-placeholder", ["P13"], [dr13["mid"]], draft=True)

    # ---------------- P14 Lantern Bay: late thank-you, conditional commitment, OOO -------
    s.thalamus("P14", at(11, 14, 6, 0))
    s.out("P14", "Thank you for the interview",
          "Respected Sir/Madam,\n\nKindly accept my sincere thanks for the interview at Lantern Bay Hospital on "
          "9th December. Sorry for the late mail, I was on night duty whole week.", at(12, 14, 20, 0))
    cc14 = s.out("P14", "Lantern Bay - interest",
                 "Respected Sir/Madam,\n\nI wish to convey that once you rank me, I will definitely join Lantern "
                 "Bay Hospital without any second thought and I will sign the contract immediately.",
                 at(1, 11, 9, 0))
    s.finding("conditional-commitment", ["P14"], [cc14["mid"]])
    ooo = s.plain_in("P14", f"Alicia Moreno <{P['P14']['coord'][1]}>", "Automatic reply: Lantern Bay - interest",
                     "I am out of the office until January 19 with limited access to email. For urgent matters "
                     "please contact the GME office.", at(1, 11, 9, 1), reply_to_msg=cc14, person=False,
                     headers={"Auto-Submitted": "auto-replied", "X-Auto-Response-Suppress": "All"})

    # ---------------- P15 Ridgeview: wrong program name; #1 only in an Outlook quote -------
    s.outlook("P15", "Heather Cobb", P["P15"]["coord"][1], "Ridgeview Anesthesiology - Interview Invitation",
              ["Dear Dr. Kulkarni,", "The Ridgeview University Medical Center anesthesiology residency invites "
               "you to interview on Monday, November 30, 2026.", "Regards,"], at(11, 5, 10, 0))
    chief = s.outlook("P15", "Daniel Ahn, MD", "daniel.ahn@ridgeview.example",
                      "Greetings from the Ridgeview anesthesia residents",
                      ["Hi Dr. Kulkarni,",
                       "I'm one of the chief residents and I'll be your resident host for interview day. Honestly, I "
                       "ranked this program number 1 four years ago and it is still my first choice every day.",
                       "Feel free to email me with any questions."], at(11, 22, 18, 40),
                      title="Chief Resident, Anesthesiology", footer=False)
    q15 = s.out("P15", "RE: Greetings from the Ridgeview anesthesia residents",
                "Dear Dr. Ahn,\n\nGreetings. Kindly can you tell me how is the call schedule during CA-1 year, and "
                "whether residents get protected time for USMLE Step 3?", at(11, 23, 8, 0), contact=False,
                reply_to_msg=chief, to=["Daniel Ahn <daniel.ahn@ridgeview.example>"],
                quote=outlook_plain_quote(chief), sender=ALIAS)
    s.negative(q15, ["multiple-first-choice", "first-choice-outside-window"],
               "the only #1 sentence is the chief resident's, inside an Outlook-quoted block")
    s.outlook("P15", "Daniel Ahn, MD", "daniel.ahn@ridgeview.example",
              "RE: Greetings from the Ridgeview anesthesia residents",
              ["Call is about four to five nights a month as a CA-1, and yes, we get time for Step 3.", "Dan"],
              at(11, 24, 7, 0), reply_to_msg=q15, title="Chief Resident, Anesthesiology", footer=False)
    wp15 = s.out("P15", "Thank you for the interview",
                 "Respected Dr. Kessler,\n\nThank you for the interview yesterday. I am very much impressed by the "
                 "training at Hollins Park University and I am sure I will fit well in the Hollins Park family.",
                 at(12, 1, 10, 0), to=["Dr. Laura Kessler <lkessler@ridgeview.example>"])
    s.finding("wrong-program-name", ["P15"], [wp15["mid"]])
    g15 = s.out("P15", "Season's greetings",
                "Respected Sir/Madam,\n\nWishing you and your family a Merry Christmas and a very Happy New Year. "
                "May the coming year bring good health and happiness to you and your team.", at(12, 24, 9, 5),
                to=["Dr. Laura Kessler <lkessler@ridgeview.example>"])
    for g in (g09, g15):
        s.negative(g, ["mass-email"], "the same greeting went to only two programs")

    # ---------------- P16 Ashford: desperate tone; thank-you in the invitation thread -----
    inv16 = s.outlook("P16", "Lorraine Bishop", P["P16"]["coord"][1], "Ashford Community Anesthesiology - Interview",
                      ["Dear Dr. Kulkarni,", "We are pleased to offer you an interview on December 15, 2026. "
                       "Please schedule through Interview Broker.", "Regards,"], at(11, 18, 9, 0))
    s.negative(inv16, ["prematch-offer"], "'pleased to offer you an interview'")
    ib = s.message(frm="Interview Broker <notifications@interviewbroker.com>", to=[ME],
                   subject="Interview scheduled - Ashford Community Anesthesiology", when=at(11, 18, 11, 0),
                   text="Your interview with Ashford Community Anesthesiology on 12/15/2026 is scheduled.",
                   mid=s.mid("interviewbroker.com"), tz="America/New_York")
    s.tag(ib, ["P16"], direction="in", person=False)
    ty16 = s.out("P16", "RE: Ashford Community Anesthesiology - Interview",
                 "Respected Madam,\n\nI am writing this mail to thank you and the faculty for the interview today. "
                 "It has been my long-cherished dream to train in anesthesiology in the United States, and the "
                 "community focus at Ashford impressed me a lot.", at(12, 15, 21, 0), reply_to_msg=inv16,
                 quote=gmail_quote(inv16))
    s.negative(ty16, ["desperate-tone", "emotional-tone", "late-thank-you"],
               "a thank-you in the invitation thread; 'long-cherished dream' is not begging")
    ds16 = s.out("P16", "Humble request - Ravindra Kulkarni",
                 "Respected Sir,\n\nSir, this is my only hope to fulfil my dream. I have no other interviews this "
                 "season and my family has sacrificed a lot for me. Kindly consider me, I am begging you.",
                 at(1, 16, 23, 30), to=["Dr. Frank Odom <fodom@ashford-ca.example>"])
    s.finding("desperate-tone", ["P16"], [ds16["mid"]])

    # ---------------- P17 Mission Peak: emotional tone, at limit ---------------------------
    s.thalamus("P17", at(11, 16, 6, 0))
    ty17 = s.out("P17", "Thank you - Mission Peak interview",
                 "Respected Dr. Nguyen,\n\nThank you for the interview yesterday. If I am fortunate enough to match "
                 "at your esteemed institution, I will work with full dedication and sincerity.", at(12, 12, 10, 0),
                 to=["Dr. Kevin Nguyen <knguyen@missionpeak.example>"])
    s.negative(ty17, ["conditional-commitment"], "'if I am fortunate enough to match ... I will work with full dedication' is no promise to rank or come")
    r17 = s.outlook("P17", "Kevin Nguyen, MD", "knguyen@missionpeak.example", "RE: Thank you - Mission Peak interview",
                    ["Dear Dr. Kulkarni,", "Thank you for your note. Please know that you are under no obligation "
                     "to share your rank list with us, and we will not ask.", "Best,"], at(12, 14, 9, 0),
                    reply_to_msg=ty17, title="Program Director")
    s.negative(r17, ["rank-inquiry"], "the program says it will not ask about ranking")
    em17 = s.out("P17", "My experience this season",
                 "Respected Sir,\n\nHonestly I am very frustrated with this whole match process. I applied to "
                 "more than eighty programs and spent thousands of dollars, but most programs did not even reply to "
                 "my mails. It is very unfair to IMGs and nobody cares.", at(1, 10, 22, 0),
                 to=["Dr. Kevin Nguyen <knguyen@missionpeak.example>"])
    s.finding("emotional-tone", ["P17"], [em17["mid"]])

    # ---------------- P18 Stonebridge: nudge after silence, mass email ---------------------
    q18 = s.out("P18", "Regarding my application - Ravindra Kulkarni (AAMC ID 16284409)",
                "Respected Sir/Madam,\n\nI have applied to your esteemed program through ERAS. Kindly let me know if "
                "any further documents are required for my application.\n\nThanking you in anticipation.",
                at(10, 12, 9, 0), sender=ALIAS)
    s.negative(q18, ["feedback-request", "desperate-tone", "emotional-tone"],
               "asking whether documents are missing is not a feedback request")
    n18 = s.out("P18", "Reminder: Regarding my application - Ravindra Kulkarni",
                "Respected Sir/Madam,\n\nI am once again writing to remind about my previous mail dated 12th "
                "October. Kindly confirm whether you have received it.", at(11, 20, 9, 0), sender=ALIAS,
                quote=outlook_plain_quote(q18))
    s.finding("repeat-after-silence", ["P18"], [n18["mid"]])

    # ---------------- P19 Kingsport Valley: feedback request -------------------------------
    s.outlook("P19", "Anne Radcliffe", P["P19"]["coord"][1], "Kingsport Valley Anesthesiology - Application Update",
              ["Dear Applicant,", "Thank you for your interest in Kingsport Valley Medical Center. After careful "
               "review, we regret that we are unable to offer you an interview this season.", "Sincerely,"],
              at(12, 20, 10, 0))
    fb19 = s.out("P19", "Request regarding my application",
                 "Respected Sir/Madam,\n\nKindly let me know why my application was not shortlisted for interview, "
                 "so that I can improve my application for the next cycle.", at(12, 22, 9, 0))
    s.finding("feedback-request", ["P19"], [fb19["mid"]])

    # ---------------- P20 Oceanview: nudge after silence ------------------------------------
    s.thalamus("P20", at(11, 9, 6, 0))
    ty20 = s.out("P20", "Thank you - Oceanview interview",
                 "Respected Dr. Patel,\n\nThank you for the interview yesterday at Oceanview University. I liked "
                 "the strong resident camaraderie and the obstetric anesthesia volume.", at(12, 8, 17, 0),
                 to=["Dr. Meera Patel <mpatel@oceanview.example>"])
    n20 = s.out("P20", "Following up - Ravindra Kulkarni",
                "Respected Dr. Patel,\n\nI am writing to follow up on my previous mail dated 8th December as I have "
                "not heard back. Kindly confirm if you have received it.", at(1, 6, 9, 0),
                to=["Dr. Meera Patel <mpatel@oceanview.example>"], quote=gmail_quote(ty20))
    s.finding("repeat-after-silence", ["P20"], [n20["mid"]])

    # ---------------- mass email: one template to four programs -----------------------------
    mass = []
    for i, (k, greeting, to) in enumerate([
            ("P06", "Dear Dr. Sandoval,", ["Dr. Luis Sandoval <lsandoval@meadowbrook-rap.example>"]),
            ("P12", "Dear Dr. Stone,", ["Dr. Rebecca Stone <rstone@westbury-mc.example>"]),
            ("P18", "Respected Program Director,", None),
            ("P20", "Dear Dr. Patel,", ["Dr. Meera Patel <mpatel@oceanview.example>"])]):
        body = MASS_TEMPLATE.format(prog=N(k)).replace("Respected Sir/Madam,", greeting)
        mass.append(s.out(k, "Continued interest in your esteemed program", body, at(1, 14, 8, 0 + 3 * i), to=to))
    s.finding("mass-email", ["P06", "P12", "P18", "P20"], [m["mid"] for m in mass])

    # ---------------- tracked non-program mail ---------------------------------------------
    hotel = s.message(frm="Reservations <reservations@harborinn-hotels.example>", to=[ME],
                      subject="Your reservation near Pinecrest University Hospital", when=at(11, 1, 10, 0),
                      text="Dear Ravindra Kulkarni,\n\nThank you for booking the Harbor Inn, 0.4 miles from Pinecrest "
                           "University Hospital. Check-in: November 3. Confirmation: HX-4471.",
                      mid=s.mid("harborinn-hotels.example"))
    s.tag(hotel, None, direction="in")
    realty = s.message(frm="Pinecrest Realty <rentals@realty-pinecrest.example>", to=[ME],
                       subject="Apartments for incoming residents", when=at(12, 3, 10, 0),
                       text="Moving for residency? We have apartments close to the hospital.",
                       mid=s.mid("realty-pinecrest.example"))
    s.tag(realty, None, direction="in")
    friend = s.message(frm="Aniket Joshi <aniket.j@mail.example.net>", to=[ME],
                       subject="Re: Sierra Vista interview experience", when=at(11, 11, 21, 0),
                       text="Ravi bhai, how was Sierra Vista? I heard the Lantern Bay PD asks about visa status "
                            "a lot. Let us talk on weekend.", mid=s.mid("mail.example.net"))
    s.tag(friend, None, direction="in")
    other = s.message(
        frm=f"{ME_NAME} <{ME}>", to=["Residency Coordinator <anesthesia@fairhaven-health.example>"],
        subject="Thank you for the interview", when=at(12, 2, 9, 0),
        text="Respected Madam,\n\nThank you for the interview at Fairhaven Anesthesiology yesterday. Fairhaven is "
             "my first choice.\n\n" + SIG, mid=s.mid("mail.example.com", "gmail"), folder=".Sent")
    s.tag(other, None, direction="out")
    th_other = s.message(frm="Thalamus <noreply@thalamusgme.com>", to=[ME],
                         subject="Interview Invitation: Fairhaven Health Anesthesiology",
                         when=at(11, 6, 6, 0), text="Fairhaven Health Anesthesiology has invited you to interview.",
                         mid=s.mid("thalamusgme.com"), headers={"Auto-Submitted": "auto-generated"})
    s.tag(th_other, None, direction="in")


def extras(s: Season) -> None:
    """Routine program traffic: platform confirmations, itineraries, reminders, surveys, ERAS notices."""
    P = PROGRAMS
    thalamus_programs = {"P01", "P03", "P06", "P08", "P11", "P14", "P17", "P20"}
    noted = {"P01": "Received with thanks. I will be available on the Zoom link at 7:15 AM as advised.",
             "P06": "Noted, Madam. I will join on time.",
             "P11": "Thank you ma'am for the itinerary. Kindly let me know if I need to keep any document ready.",
             "P17": "Well received. I will log in 15 minutes before.",
             "P02": "Noted with thanks."}
    for key, p in P.items():
        iv = p["interview"]
        if iv is None or key == "P20":   # Oceanview never writes as a person: the nudge is after true silence
            continue
        day = datetime(iv.year, iv.month, iv.day, 8, 0, tzinfo=TZ)
        if key in thalamus_programs:
            s.thalamus(key, day - timedelta(days=20, hours=3), kind="confirm")
        coord_name, coord_addr = p["coord"]
        itin = s.outlook(key, coord_name, coord_addr, f"Interview Itinerary - {p['name']}",
                         [f"Dear Dr. Kulkarni,",
                          f"Please find below your itinerary for the {p['name']} anesthesiology residency "
                          f"interview on {iv.strftime('%A, %B %-d, %Y')}.",
                          "7:15 AM Log in and technical check<br>7:30 AM Welcome and program overview<br>"
                          "8:30 AM Faculty interviews (3)<br>11:00 AM Resident Q&amp;A<br>12:00 PM Adjourn",
                          "Please keep your camera on and have a copy of your CV available.", "Best regards,"],
                         day - timedelta(days=3, hours=2),
                         calendar=ics(f"{key.lower()}-itin@{coord_addr.split('@')[1]}", day, day + timedelta(hours=5),
                                      f"{p['name']} Interview", coord_addr) if key in ("P05", "P09", "P13") else None)
        if key in noted:
            s.out(key, f"RE: Interview Itinerary - {p['name']}", "Respected Madam,\n\n" + noted[key],
                  day - timedelta(days=2, hours=12), contact=False, reply_to_msg=itin, quote=gmail_quote(itin))
        domain = p["domains"][0]
        rem = s.message(frm=f"{p['name']} <anesthesia-interviews@{domain}>", to=[ME],
                        subject=f"Reminder: your interview tomorrow - {p['name']}", when=day - timedelta(hours=20),
                        text=f"This is an automated reminder of your interview with {p['name']} tomorrow. "
                             f"Zoom links are in your itinerary.", mid=s.mid(domain), tz=p["tz"],
                        headers={"Auto-Submitted": "auto-generated", "Precedence": "bulk"})
        s.tag(rem, [key], direction="in", person=False)
        if iv < date(2027, 1, 20) and key in ("P01", "P02", "P05", "P07", "P10", "P12", "P13", "P16", "P20"):
            sv = s.message(frm=f"Anesthesiology Residency <no-reply@{domain}>", to=[ME],
                           subject="Post-interview applicant survey",
                           when=day + timedelta(days=2, hours=1),
                           text=f"Thank you for interviewing with {p['name']}. We would appreciate your anonymous "
                                f"feedback about the interview day. The survey takes five minutes and does not "
                                f"affect ranking.", mid=s.mid(domain), tz=p["tz"])
            s.tag(sv, [key], direction="in", person=False)
        if key in thalamus_programs:
            s.thalamus(key, day - timedelta(days=1, hours=1), kind="reminder")
        if key in ("P01", "P03", "P04", "P06", "P08", "P09", "P11", "P13", "P15", "P16", "P17"):
            lid = f"interviewees-2027.{domain}"
            post = s.message(frm=f"{p['name']} <anesthesia-interviews@{domain}>",
                             to=[f"interviewees-2027@{domain}"], subject=f"Thank you for interviewing with {p['name']}",
                             when=day + timedelta(days=4, hours=2),
                             text=f"Dear Applicant,\n\nThank you for interviewing with {p['name']}. It was a pleasure "
                                  f"to host you. Our resident handbook and the 2027 salary table are attached for "
                                  f"your reference.\n\nThe Anesthesiology Residency Program",
                             mid=s.mid(domain), tz=p["tz"],
                             headers={"List-Id": f"<{lid}>", "Precedence": "list"})
            s.tag(post, [key], direction="in", person=False)
    for i, key in enumerate(P):
        when = at(9, 28, 6, 0) + timedelta(minutes=3 * i)
        er = s.message(frm="ERAS <eras-noreply@aamc.org>", to=[ME], subject="ERAS: Application delivered",
                       when=when, text=f"Your application documents were delivered to {N(key)} "
                                        f"(Anesthesiology - Categorical) on 09/27/2026.",
                       mid=s.mid("aamc.org"), tz="America/New_York")
        s.tag(er, [key], direction="in", person=False)
    # a coordinator's virtual social invitation to all interviewees, sent by a person
    for key in ("P07", "P10", "P16"):
        p = P[key]
        iv = p["interview"]
        s.outlook(key, p["coord"][0], p["coord"][1], f"Virtual resident social - {p['name']}",
                  ["Dear Applicants,", "Our residents would love to meet you at an informal virtual social the evening "
                   "before your interview. Attendance is optional and not part of the evaluation.", "Cheers,"],
                  datetime(iv.year, iv.month, iv.day, 10, tzinfo=TZ) - timedelta(days=9))


# ---------------------------------------------------------------------------------
# Noise
# ---------------------------------------------------------------------------------

NOISE_SENDERS = [
    ("UWorld", "no-reply@uworld-prep.example", "Your daily question set is ready", True),
    ("Bank of Harbor", "alerts@bankofharbor.example", "Transaction alert on your account ending 4471", False),
    ("ShopMart", "orders@shopmart.example", "Your order has shipped", False),
    ("SkyLine Air", "itinerary@skylineair.example", "Your itinerary and e-ticket", False),
    ("Anesthesia Weekly", "digest@anesthesia-weekly.example", "This week in anesthesiology", True),
    ("IMG Match Forum", "digest@imgforum.example", "New replies in 'Anesthesiology 2027 interview thread'", True),
    ("ECFMG Notifications", "notices@ecfmg-notices.example", "Important information about your OET results", False),
    ("Doximity", "no-reply@doximity.example", "People are viewing your profile", True),
    ("LinkedIn", "messages-noreply@linkedin.example", "You appeared in 12 searches this week", True),
    ("Mumbai Anaesthesia Society", "secretary@mas-mumbai.example.org", "CME on difficult airway - registration", True),
    ("Streamly", "info@streamly.example", "New arrivals this weekend", True),
    ("CityRide", "receipts@cityride.example", "Your trip receipt", False),
    ("Phone Co", "billing@phoneco.example", "Your monthly bill is ready", False),
    ("NRMP Communications", "communications@nrmp-news.example", "Rank order list reminders", True),
    ("AAMC News", "newsletter@aamc-news.example", "ERAS season updates", True),
]
FAMILY = [("Aai", "sunita.kulkarni@mail.example.net"), ("Dada", "vikram.kulkarni@mail.example.net"),
          ("Priya", "priya.kulkarni@mail.example.com"), ("Sameer", "sameer.patil@mail.example.org"),
          ("Nikhil", "nikhil.rao@mail.example.com"), ("Dr. Fernandes", "afernandes@kem-alumni.example.org")]
LINES = ["Hope all is well at your end.", "Please call when you are free.", "Sharing the photos from the function.",
         "Did you check the visa appointment dates?", "The electricity bill is paid.",
         "Let us meet after your interviews are over.", "Sending the documents you asked for.",
         "All the best for the match!", "Please review the attached abstract draft.",
         "Your parcel reached safely.", "We will discuss about flat on Sunday."]


def noise(s: Season, n: int) -> None:
    r = s.rng
    start = datetime(2026, 9, 1, 0, 0, tzinfo=TZ)
    span = (AS_OF - start).total_seconds()
    for i in range(n):
        when = start + timedelta(seconds=int(r.random() * span))
        roll = r.random()
        if roll < 0.62:
            name, addr, subject, bulk = r.choice(NOISE_SENDERS)
            body = (f"Hello Ravindra,\n\n{subject}. Reference {r.randint(100000, 999999)}.\n\n"
                    + " ".join(r.choice(LINES) for _ in range(2)) + "\n\nTo stop receiving these emails, manage "
                    "your preferences.")
            headers = {"List-Id": f"<{addr.split('@')[1]}>", "Precedence": "bulk"} if bulk else None
            s.message(frm=f"{name} <{addr}>", to=[ME], subject=subject, when=when, text=body,
                      mid=s.mid(addr.split("@")[1]), headers=headers, tz="America/New_York")
        elif roll < 0.80:
            name, addr = r.choice(FAMILY)
            s.message(frm=f"{name} <{addr}>", to=[ME], subject=r.choice(["Hi", "Re: photos", "Call?", "Fwd: documents",
                                                                          "Weekend plan", "Re: Re: flat"]),
                      when=when, text=" ".join(r.choice(LINES) for _ in range(3)), mid=s.mid(addr.split("@")[1]))
        elif roll < 0.95:
            name, addr = r.choice(FAMILY)
            s.message(frm=f"{ME_NAME} <{ME}>", to=[f"{name} <{addr}>"], subject=r.choice(["Re: Hi", "Re: Call?",
                                                                                       "Documents", "Re: photos"]),
                      when=when, text=" ".join(r.choice(LINES) for _ in range(2)) + "\n\nRavi",
                      mid=s.mid("mail.example.com", "gmail"), folder=".Sent")
        else:
            prog = r.choice(["Brookside Internal Medicine (Preliminary)", "Fairhaven Transitional Year",
                             "Laurel Heights Anesthesiology", "Granger County Family Medicine"])
            s.message(frm="Thalamus <noreply@thalamusgme.com>", to=[ME], subject=f"Interview Update: {prog}",
                      when=when, text=f"{prog} has posted an update to your Thalamus dashboard.",
                      mid=s.mid("thalamusgme.com"), headers={"Auto-Submitted": "auto-generated"})
        s.n_noise += 1


# ---------------------------------------------------------------------------------
# Ground truth
# ---------------------------------------------------------------------------------


def derive(s: Season) -> dict:
    programs = {}
    quiet_cut = AS_OF - timedelta(days=QUIET_DAYS)
    for key, p in PROGRAMS.items():
        recs = [r for r in s.records if key in r["programs"] and r["when"] <= AS_OF and not r["draft"]]
        contacts = sorted({r["mid"]: r for r in recs if r["direction"] == "out" and r["contact"]}.values(),
                          key=lambda r: r["when"])
        replies = [r for r in recs if r["direction"] == "in" and r["person"]]
        n = len(contacts)
        status = "over_limit" if n > LIMIT else "at_limit" if n == LIMIT else "ok"
        programs[p["name"]] = {"contacts": n, "replies": len(replies), "status": status}
        if n > LIMIT:
            s.finding("over-contact-limit", [key], [r["mid"] for r in contacts])
        elif n == LIMIT:
            s.finding("at-contact-limit", [key], [r["mid"] for r in contacts])
        if contacts:
            last = contacts[-1]["when"]
            if not any(r["when"] > last for r in replies) and last <= quiet_cut:
                s.finding("quiet-program", [key], [contacts[-1]["mid"]])
        if p["interview"] is not None:
            day = datetime(p["interview"].year, p["interview"].month, p["interview"].day, tzinfo=TZ)
            after = sorted((r for r in recs if r["direction"] == "out" and r["when"] >= day), key=lambda r: r["when"])
            if after and after[0]["when"] > day + timedelta(days=1, hours=WINDOW_H):
                s.finding("late-thank-you", [key], [after[0]["mid"]])
    return programs


def _make() -> tuple[dict, Season]:
    s = Season()
    story(s)
    extras(s)
    noise(s, 1500)
    programs = derive(s)
    findings = sorted(s.findings, key=lambda f: (f["rule"], f["programs"], f["draft"]))
    return {
        "as_of": AS_OF.isoformat(),
        "account": ME,
        "limit": LIMIT,
        "programs": programs,
        "messages": s.truth,
        "findings": findings,
        "hard_negatives": s.negatives,
        "noise_messages": s.n_noise,
    }, s


def build() -> dict:
    """The ground truth (expected.json) by construction."""
    return _make()[0]


def expected() -> dict:
    return build()


def write_maildir(root: Path) -> Path:
    _, s = _make()
    md = Path(root) / "Maildir"
    for folder in ("", ".Sent", ".Drafts"):
        for sub in ("cur", "new", "tmp"):
            (md / folder / sub).mkdir(parents=True, exist_ok=True)
    for i, rec in enumerate(s.msgs):
        folder = "" if rec["folder"] == "INBOX" else rec["folder"]
        data = bytes(rec["msg"])
        h = hashlib.sha1(data + str(i).encode()).hexdigest()[:10]
        name = f"{int(rec['when'].timestamp())}.M{i:05d}P{h}.img-season:2,{rec['flags']}"
        (md / folder / "cur" / name).write_bytes(data)
    return md


def config_text() -> str:
    out = ["# IMG rehearsal season for inboxcoach - generated by tools/make_img_season.py; do not edit.",
           "[account]", f'email = "{ME}"', f'aliases = ["{ALIAS}"]', 'imap_host = "imap.example.com"',
           "imap_port = 993", 'imap_security = "tls"', 'password_env = "INBOXCOACH_PASSWORD"',
           'smtp_host = "smtp.example.com"', "smtp_port = 465", 'smtp_security = "tls"', "",
           "[season]", "match_year = 2027", 'specialty = "anesthesiology"', 'timezone = "America/Los_Angeles"', "",
           "[limits]", f"max_contacts_per_program = {LIMIT}", f"thank_you_window_hours = {WINDOW_H}",
           f"quiet_after_days = {QUIET_DAYS}", ""]
    for p in PROGRAMS.values():
        out.append("[[programs]]")
        out.append(f'name = "{p["name"]}"')
        out.append("aliases = [" + ", ".join(f'"{a}"' for a in p["aliases"]) + "]")
        out.append("domains = [" + ", ".join(f'"{d}"' for d in p["domains"]) + "]")
        if p["contacts"]:
            out.append("contacts = [" + ", ".join(f'"{c}"' for c in p["contacts"]) + "]")
        if p["interview"]:
            out.append(f"interview_date = {p['interview'].isoformat()}")
        out.append(f"nrmp = {'true' if p['nrmp'] else 'false'}")
        out.append("")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("outdir", type=Path)
    ap.add_argument("--write-fixtures", action="store_true",
                    help="also write tests/data/img_season/config.toml and expected.json")
    args = ap.parse_args(argv)
    md = write_maildir(args.outdir)
    exp = expected()
    print(f"wrote {md}: {exp['noise_messages']} noise messages, "
          f"{sum(1 for v in exp['messages'].values() if v is not None)} program messages, "
          f"{len(exp['findings'])} expected findings, {len(exp['hard_negatives'])} hard negatives")
    if args.write_fixtures:
        FIXTURES.mkdir(parents=True, exist_ok=True)
        (FIXTURES / "config.toml").write_text(config_text())
        (FIXTURES / "expected.json").write_text(json.dumps(exp, indent=1) + "\n")
        print(f"wrote {FIXTURES}/config.toml and expected.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
