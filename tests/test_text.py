"""text.own_words: quotes, forwards and signatures go; the writer's sentences stay."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mailparser_reply import EmailReplyParser  # type: ignore[import-untyped]

from inboxcoach.core import text as text_module
from inboxcoach.core.text import normalize_whitespace, own_words

OWN = "Thank you for the interview yesterday. I enjoyed meeting the residents."

GMAIL_REPLY = f"""Dear Dr. Smith,

{OWN}

Best regards,
Jane Doe
MD

On Tue, Nov 12, 2026 at 10:00 AM Program Coordinator <coord@riverside.edu> wrote:
> Dear Jane, you are our #1 candidate.
> Please fill in [Institution Name] here.
"""

GMAIL_WRAPPED_ATTRIBUTION = f"""Dear Dr. Smith,

{OWN}

On Tue, Nov 12, 2026 at 10:00 AM Program Coordinator <
coord@riverside.edu> wrote:

> you are our #1 choice at [Institution Name]
"""

OUTLOOK_ORIGINAL = f"""Dear Dr. Smith,

{OWN}

Sincerely,
Jane

-----Original Message-----
From: Coordinator <coord@riverside.edu>
Sent: Tuesday, November 12, 2026 10:00 AM
To: Jane
Subject: Interview

You are our #1 choice at [Institution Name].
"""

OUTLOOK_UNDERSCORE = f"""Dear Dr. Smith,

{OWN}

Jane

________________________________
From: Coordinator <coord@riverside.edu>
Sent: Tuesday, November 12, 2026 10:00 AM
To: Jane Doe <jane@example.org>
Subject: Interview

You are our #1 choice at [Institution Name].
"""

OUTLOOK_BARE_HEADERS = f"""Dear Dr. Smith,

{OWN}

From: Coordinator <coord@riverside.edu>
Sent: Tuesday, November 12, 2026 10:00 AM
To: Jane Doe
Subject: Interview

You are our #1 choice at [Institution Name].
"""

FORWARDED = f"""Dear Dr. Smith,

{OWN}

---------- Forwarded message ---------
From: Jane <jane@example.org>
Date: Mon, Nov 11, 2026
Subject: thanks
To: <a@b.edu>

You are our #1 program, dear [Institution Name].
"""

APPLE_FORWARDED = f"""Dear Dr. Smith,

{OWN}

Begin forwarded message:

From: Jane <jane@example.org>
Subject: thanks

You are our #1 program, dear [Institution Name].
"""

IPHONE = f"""Dear Dr. Smith,

{OWN}

Sent from my iPhone

On Nov 12, 2026, at 10:00, Coord <c@r.edu> wrote:

> you are our #1 choice at [Institution Name]
"""

DASH_SIGNATURE = f"""Dear Dr. Smith,

{OWN}

-- 
Jane Doe, MD
[Institution Name] Alumni, #1 in class
"""


@pytest.mark.parametrize(
    "body",
    [
        GMAIL_REPLY,
        GMAIL_WRAPPED_ATTRIBUTION,
        OUTLOOK_ORIGINAL,
        OUTLOOK_UNDERSCORE,
        OUTLOOK_BARE_HEADERS,
        FORWARDED,
        APPLE_FORWARDED,
        IPHONE,
        DASH_SIGNATURE,
    ],
    ids=["gmail", "gmail-wrapped", "outlook", "outlook-underscore", "outlook-bare", "forwarded",
         "apple-forwarded", "iphone", "dash-signature"],
)
def test_quoted_forwarded_and_signature_removed(body: str) -> None:
    words = own_words(body)
    assert words == f"Dear Dr. Smith,\n\n{OWN}"
    assert "#1" not in words
    assert "[Institution Name]" not in words


def test_crlf_input() -> None:
    words = own_words(GMAIL_REPLY.replace("\n", "\r\n"))
    assert words == f"Dear Dr. Smith,\n\n{OWN}"


def test_greeting_and_own_first_choice_statement_kept() -> None:
    body = (
        "Dear Dr. Patel,\n\nI want to let you know that Riverside is my #1 choice.\n\n"
        "Kind regards,\nJane Doe, MD\n\n"
        "On Mon, Jan 5, 2027 at 9:00 AM Dr. Patel <patel@riverside.edu> wrote:\n"
        "> Thanks for your note.\n"
    )
    assert own_words(body) == "Dear Dr. Patel,\n\nI want to let you know that Riverside is my #1 choice."


def test_inline_reply_keeps_own_lines_only() -> None:
    body = "> Will you need a J-1 visa?\nYes, I will need J-1 sponsorship.\n> Any dates?\nDecember works.\n"
    words = own_words(body)
    assert "Yes, I will need J-1 sponsorship." in words
    assert "December works." in words
    assert "Will you need" not in words


def test_thank_you_sign_off_line_kept_name_removed() -> None:
    body = "Dear Dr. Smith,\n\nI enjoyed the interview day.\n\nThank you!\nJane Doe\nMD\n"
    assert own_words(body) == "Dear Dr. Smith,\n\nI enjoyed the interview day.\n\nThank you!"


def test_long_closing_paragraph_is_not_a_signature() -> None:
    body = (
        "Dear Dr. Smith,\n\nBest,\n"
        "I wanted to share that my Step 3 score came back and I passed with a score well above average, "
        "which I hope strengthens my application for the H-1B visa route at your program.\n"
    )
    assert "Step 3 score" in own_words(body)


@pytest.mark.parametrize("opener", ["Thank you,", "Thanks,", "Best,"])
def test_thanks_as_opening_line_keeps_following_sentences(opener: str) -> None:
    body = (
        f"Dear Dr. Smith,\n\n{opener}\n\nI wanted to tell you that my Step 3 score came back.\n"
        "I remain very interested in your program.\n\nJane\n"
    )
    words = own_words(body)
    assert "I wanted to tell you that my Step 3 score came back." in words
    assert "I remain very interested in your program." in words
    assert words.startswith("Dear Dr. Smith,")


def test_only_quoted_text_gives_empty() -> None:
    assert own_words("> you are our #1\n> [Institution Name]\n") == ""


@pytest.mark.parametrize("body", ["", "   \n\n"])
def test_empty(body: str) -> None:
    assert own_words(body) == ""


def test_normalize_whitespace() -> None:
    assert normalize_whitespace("a  \r\n\r\n\r\n\nb\rc  \n\n") == "a\n\nb\nc"


# ------------------------------------------- the reply parser, only where it can act
# own_words skips the reply parser's expressions that cannot match (their needles are
# absent): the result must be what the plain parser gives, on every body we have and
# on generated mail full of its markers.


def _plain_parser(text: str) -> object:
    return EmailReplyParser(languages=["en"]).read(text=text)


def _both(text: str, monkeypatch: pytest.MonkeyPatch) -> tuple[str, str]:
    fast = own_words(text)
    with monkeypatch.context() as patch:
        patch.setattr(text_module, "_reply_message", _plain_parser)
        plain = own_words(text)
    return fast, plain


def test_own_words_equal_the_plain_parsers_on_every_season_body(monkeypatch: pytest.MonkeyPatch) -> None:
    from detectors.corpus import samples

    bodies = {s.text for s in samples()}
    assert len(bodies) > 3000
    for body in bodies:
        fast, plain = _both(body, monkeypatch)
        assert fast == plain, body[:200]


MARKERS = st.sampled_from(
    [
        "Thank you for the interview.", "I enjoyed meeting the residents.", "Best regards,", "Kind Regards",
        "Thanks,", "Thank you,", "Best,", "All the best", "regards,", "Sent from my iPhone", "Get Outlook for iOS",
        "-- ", "--", "__", "- item", "-item", "_" * 32, "-" * 40, "-----Original Message-----",
        "On Tue, Nov 12, 2026 at 10:00 AM Coordinator <c@x.org> wrote:", "> quoted line", "> > deeper",
        "From: Program <p@x.org>", "Sent: Monday", "To: Jane", "Subject: Interview", "Date: today", "Cc: someone",
        "CONFIDENTIALITY NOTICE: this e-mail is private", "Disclaimer: the information in this mail",
        "Caution: external mail", "Jane Doe", "MD", "", " ", "\t", "Dear Dr. Smith,",
    ]
)


@settings(max_examples=500, deadline=None)
@given(lines=st.lists(MARKERS, max_size=25))
def test_own_words_equal_the_plain_parsers_on_generated_mail(lines: list[str]) -> None:
    text = "\n".join(lines)
    fast = own_words(text)
    original = text_module._reply_message
    text_module._reply_message = _plain_parser  # no fixture: hypothesis runs many examples
    try:
        plain = own_words(text)
    finally:
        text_module._reply_message = original
    assert fast == plain


# The signature expression is searched only from line starts and whitespace runs
# (text._LineStarts): the same match as re's search, on any text, not only on the
# parser's normalized copy.
SIGNATURE_PIECES = st.one_of(
    MARKERS,
    st.sampled_from(["\n", "\n\n", "\r\n", " \n ", "\n \n", "\u00a0\n", "\x0b", "\u2028", "\n>", "> ", "x", "-", "_"]),
    st.text(alphabet="ab -_>\n\t\u00a0", max_size=6),
)


def _signature() -> re.Pattern[str]:
    expressions, _ = text_module._reply_expressions()
    return expressions["_signature_regex"]


def test_the_installed_reply_parser_has_the_signature_expression_that_was_checked() -> None:
    assert _signature().pattern == text_module._SIGNATURE_TESTED


@settings(max_examples=1500, deadline=None)
@given(pieces=st.lists(SIGNATURE_PIECES, max_size=30))
def test_the_signature_is_searched_from_line_starts_with_the_same_result(pieces: list[str]) -> None:
    text = "".join(pieces)
    expected = _signature().search(text)
    found = text_module._LineStarts(_signature(), *text_module._SIGNATURE_SEARCH).search(text)
    assert (found and (found.span(), found.group())) == (expected and (expected.span(), expected.group()))


def test_the_signature_search_on_every_season_body() -> None:
    from detectors.corpus import samples

    for body in {s.text for s in samples()}:
        for text in (body, normalize_whitespace(body)):
            expected = _signature().search(text)
            found = text_module._LineStarts(_signature(), *text_module._SIGNATURE_SEARCH).search(text)
            assert (found and found.span()) == (expected and expected.span()), text[:200]


@pytest.mark.parametrize(
    "text",
    [
        "x \n\n" + "-" * 40,  # a separator line after a space: the match starts at the first newline
        "x\t\n\n " + "_" * 33 + "\nend",
        "text \n \n-- \nJane",  # a whitespace run across lines: the match starts where the run does
        "  \n- item",
        "Best regards,\nJane",  # a sign-off on the first line is not a signature
        "hello\nBest regards,\nJane",
        "a\n\n\n> Sent from my iPhone\n",
        "\u00a0\n\u2028- x",
        "",
    ],
)
def test_the_signature_search_where_a_match_starts_inside_whitespace(text: str) -> None:
    expected = _signature().search(text)
    found = text_module._LineStarts(_signature(), *text_module._SIGNATURE_SEARCH).search(text)
    assert (found and found.span()) == (expected and expected.span())


# The lines where the writer's words end are matched by one expression made of the
# separate ones: it must answer every line as they do.
_CUT_SEPARATELY = [re.compile(p, re.IGNORECASE) for p in text_module._CUT_LINE_PATTERNS]
_MOBILE_ALONE = re.compile(text_module._MOBILE, re.IGNORECASE)
CUT_PIECES = st.one_of(
    MARKERS,
    st.sampled_from(["-", "--", "---", "_" * 10, "_" * 9, " ", "\t", "on ", "On", "wrote:", "WROTE:", "x", "\u00a0",
                     "forwarded message", "original message", "begin forwarded message:", "sent from my ",
                     "sent from outlook", "get outlook for ", "iPhone", "\u0130", "ſ", "\r"]),  # fmt: skip
)


@settings(max_examples=2000, deadline=None)
@given(pieces=st.lists(CUT_PIECES, max_size=8))
def test_one_expression_cuts_where_the_separate_ones_do(pieces: list[str]) -> None:
    line = "".join(pieces).strip()
    separately = any(p.match(line) for p in _CUT_SEPARATELY) or bool(_MOBILE_ALONE.match(line))
    assert bool(text_module._CUT_LINE.match(line)) == separately, line


@pytest.mark.parametrize(
    ("line", "cut"),
    [
        ("-- ", True),  # the signature delimiter, stripped
        ("--", True), ("---------- Forwarded message ---------", True), ("-----Original Message-----", True),
        ("Begin forwarded message:", True), ("_" * 32, True), ("_" * 9, False),
        ("On Tue, Nov 12, 2026 at 10:00 AM Coordinator <c@x.org> wrote:", True), ("Only I wrote:", False),
        ("Sent from my iPhone", True), ("Get Outlook for iOS", True), ("sent from the program office", False),
        ("Thank you for the interview.", False),
    ],
)
def test_cut_lines(line: str, cut: bool) -> None:
    assert bool(text_module._CUT_LINE.match(line.strip())) == cut
