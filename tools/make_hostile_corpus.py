"""Write tests/data/hostile/: messages that once stopped a pass, or could.

Each file is one class of hostile input (a date no clock has, terminal escapes in a
subject, broken MIME, bytes that are no mail at all, ...). tests/test_hostile.py
reads them all, together with good program mail, through every command; none may
stop the work or be the reason another message is lost. Very large inputs
(80,000 References, MIME nested 3,000 deep) are made by the test itself.

Run from the project root: ``.venv/bin/python tools/make_hostile_corpus.py``.
"""

from __future__ import annotations

from pathlib import Path

ME = "sam@example.org"
P = "coord@lakeside.example"
OUT = Path(__file__).resolve().parent.parent / "tests" / "data" / "hostile"


def out(date: str, mid: str, body: str = "Thank you for the interview day.\n", extra: str = "") -> str:
    return f"From: Sam <{ME}>\nTo: {P}\nSubject: Thank you\nDate: {date}\nMessage-ID: <{mid}>\n{extra}\n{body}"


def inb(date: str, mid: str, body: str = "We are pleased to invite you to interview.\n", extra: str = "") -> str:
    return f"From: Coordinator <{P}>\nTo: {ME}\nSubject: Interview\nDate: {date}\nMessage-ID: <{mid}>\n{extra}\n{body}"


D = "Tue, 1 Sep 2026 10:00:00 +0000"
MIME = "MIME-Version: 1.0\n"

CORPUS: dict[str, str | bytes] = {
    # dates no clock has, or that no report can use
    "date-offset-9999.eml": inb("Tue, 1 Sep 2026 10:00:00 +9999", "h-off9999@x"),
    "date-offset-2400.eml": inb("Tue, 1 Sep 2026 10:00:00 +2400", "h-off2400@x"),
    "date-offset-minus2360.eml": inb("Tue, 1 Sep 2026 10:00:00 -2360", "h-off2360@x"),
    "date-year-0001.eml": out("Mon, 01 Jan 0001 10:00:00 +0000", "h-y1@x"),
    "date-year-9999.eml": out("Fri, 31 Dec 9999 23:59:59 -1200", "h-y9999@x"),
    "date-iso-garbage.eml": out("2026-13-45T99:99:99Z", "h-iso@x"),
    "date-huge-year.eml": out("Tue, 1 Sep 99999999999999999999 10:00:00 +0000", "h-bigyear@x"),
    "date-day-zero.eml": out("Tue, 0 Sep 2026 10:00:00 +0000", "h-day0@x"),
    # header fields
    "subject-terminal-escapes.eml": f"From: {P}\nTo: {ME}\nSubject: \x1b[2J\x1b]0;owned\x07Interview \x00 invite\n"
    f"Date: {D}\nMessage-ID: <h-esc@x>\n\nHello.\n",
    "subject-bad-encoded-words.eml": f"From: {P}\nTo: {ME}\n"
    f"Subject: =?utf-8?b?####?= =?x-nope?q?caf=E9?= =?utf-8?q?=FF=FE?= =?=?=?\nDate: {D}\nMessage-ID: <h-ew@x>\n\nHi.\n",
    "headers-8bit-latin1.eml": b"From: Jos\xe9 <" + P.encode() + b">\nTo: " + ME.encode()
    + b"\nSubject: Entrevista \xe9\xe8\nDate: " + D.encode() + b"\nMessage-ID: <h-8bit@x>\n\nHola \xe9.\n",
    "headers-invalid-utf8.eml": b"From: \xff\xfe <" + P.encode() + b">\nTo: " + ME.encode()
    + b"\nSubject: \xc3\x28 bad\nDate: " + D.encode() + b"\nMessage-ID: <h-badutf@x>\n\n\xc3\x28\n",
    "address-group-only.eml": f"From: {ME}\nTo: undisclosed-recipients:;\nBcc: {P}\nSubject: Thank you\n"
    f"Date: {D}\nMessage-ID: <h-group@x>\n\nThank you.\n",
    "address-unbalanced.eml": f'From: "Sam (applicant <{ME}>\nTo: "Coord <{P}>, (comment, <x@y\nSubject: Thanks\n'
    f"Date: {D}\nMessage-ID: <h-unbal@x>\n\nThank you.\n",
    "from-missing.eml": f"To: {ME}\nSubject: no sender\nDate: {D}\nMessage-ID: <h-nofrom@x>\n\nHello.\n",
    "message-id-huge.eml": inb(D, "h-" + "x" * 5000 + "@x"),
    "message-id-several.eml": inb(D, "h-many1@x> <h-many2@x> <h-many3@x"),
    "message-id-empty.eml": f"From: {P}\nTo: {ME}\nSubject: empty id\nDate: {D}\nMessage-ID: <>\n\nHello.\n",
    "header-folded-forever.eml": f"From: {P}\nTo: {ME}\nSubject: start\n" + " x\n" * 20000
    + f"Date: {D}\nMessage-ID: <h-fold@x>\n\nHello.\n",
    "header-no-colon-lines.eml": f"From: {P}\nthis line is no header\nTo: {ME}\nDate: {D}\nMessage-ID: <h-nocolon@x>\n\nHi.\n",
    "header-bare-cr.eml": f"From: {P}\rTo: {ME}\rSubject: cr only\rDate: {D}\rMessage-ID: <h-cr@x>\r\rHello.\r",
    "header-nul-bytes.eml": b"From: " + P.encode() + b"\nTo: \x00" + ME.encode() + b"\nSubject: nul\x00 here\nDate: "
    + D.encode() + b"\nMessage-ID: <h-nul@x>\n\nHello\x00.\n",
    "references-self-loop.eml": inb(D, "h-loop@x", extra="In-Reply-To: <h-loop@x>\nReferences: <h-loop@x> <h-loop@x>\n"),
    "auto-submitted-odd.eml": inb(D, "h-auto@x", extra="Auto-Submitted: \nPrecedence: \x00\nList-Id:\n"),
    # bodies
    "mime-no-boundary.eml": inb(D, "h-nobound@x", body="--x\nContent-Type: text/plain\n\nHi\n--x--\n",
                                extra=MIME + "Content-Type: multipart/mixed\n"),
    "mime-bad-base64.eml": inb(D, "h-b64@x", body="!!!! not base64 ####\n===\n",
                               extra=MIME + "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n"),
    "mime-unknown-charset.eml": inb(D, "h-cs@x", body="caf\xe9\n", extra=MIME + "Content-Type: text/plain; charset=x-klingon-8\n"),
    "mime-unknown-transfer-encoding.eml": inb(D, "h-cte@x", body="hello\n",
                                              extra=MIME + "Content-Type: text/plain\nContent-Transfer-Encoding: x-odd\n"),
    "mime-html-only-script.eml": inb(D, "h-html@x",
                                     body="<html><script>alert(1)</script><style>p{}</style><p>We are pleased to invite you."
                                     "<p><table><tr><td>" * 50 + "\n",
                                     extra=MIME + "Content-Type: text/html; charset=utf-8\n"),
    "mime-rfc2231-params.eml": inb(D, "h-2231@x",
                                   body="--b\nContent-Type: text/plain; charset*=utf-8''%FF%FE\n"
                                   "Content-Disposition: attachment; filename*0*=utf-8''%E2%82; filename*1=x\n\nhi\n--b--\n",
                                   extra=MIME + "Content-Type: multipart/mixed; boundary=b\n"),
    "mime-qp-broken.eml": out(D, "h-qp@x", body="You are my #1 choice =\n=ZZ =4 =\n",
                              extra=MIME + "Content-Type: text/plain\nContent-Transfer-Encoding: quoted-printable\n"),
    "body-binary-garbage.eml": inb(D, "h-bin@x", body="").encode() + bytes(range(256)) * 40,
    "headers-only-no-blank-line.eml": f"From: {P}\nTo: {ME}\nSubject: nothing after\nDate: {D}\nMessage-ID: <h-nobody@x>",
    "not-mail-at-all.eml": bytes(range(256)),
    "mbox-from-line-only.eml": b"From MAILER-DAEMON Tue Sep  1 10:00:00 2026\n",
    "placeholder-in-subject.eml": f"From: {ME}\nTo: {P}\nSubject: Thank you, Dr. [Last Name]\nDate: {D}\n"
    f"Message-ID: <h-ph@x>\n\nDear Dr. [Last Name], thank you for {{program}}.\n",
}


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, data in CORPUS.items():
        (OUT / name).write_bytes(data if isinstance(data, bytes) else data.encode("utf-8", "surrogateescape"))
    print(f"wrote {len(CORPUS)} messages to {OUT}")


if __name__ == "__main__":
    main()
