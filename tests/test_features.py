"""Content analysis: each detector with its positives and the look-alikes that must not fire."""

from __future__ import annotations

import pytest

from inboxcoach.features import MINHASH_SIZE, analyze, mentioned_programs, normalize_for_fingerprint, similarity
from inboxcoach.model import Features, Program

RIVERSIDE = Program(
    name="Riverside University Anesthesiology",
    aliases=("Riverside", "RUH Anesthesia", "RUH"),
    domains=("riverside.edu",),
)
RIVERSIDE_COMMUNITY = Program(name="Riverside Community Hospital", aliases=("Riverside Community",))
LAKESIDE = Program(name="Lakeside Medical Center", aliases=("Lakeside", "LMC"))
PROGRAMS = (RIVERSIDE, RIVERSIDE_COMMUNITY, LAKESIDE)


def features(text: str, subject: str = "") -> Features:
    return analyze(subject, text, PROGRAMS)


# ------------------------------------------------------------------ first choice


@pytest.mark.parametrize(
    "text",
    [
        "You are my #1 choice.",
        "You're my number one!",
        "You are my No. 1 choice for residency.",
        "You’re my first choice.",
        "I will rank you first.",
        "I’ll rank your program #1 on my rank list.",
        "I have ranked Riverside first.",
        "I ranked your program first.",
        "I will rank your program at the top of my rank list.",
        "Riverside is my first choice program.",
        "My first choice program is Lakeside.",
        "Lakeside is my #1 choice.",
        "You will be ranked first on my list.",
        "Riverside is #1 on my rank list.",
        "Your program remains my number one choice.",
        "I plan to rank your program as my first choice.",
        "I am writing to let you know that I will be ranking Riverside as my number one choice.",
        "I have decided to rank Lakeside number one.",
        "I am not sure about the dates, but you are my first choice.",
        "After 12 interviews, Riverside is truly my first-choice program.",
        "I have certified my rank list with your program ranked first.",
        "Lakeside is, and has always been, my #1 choice.",
    ],
)
def test_first_choice_positives(text: str) -> None:
    assert features(text).first_choice != ()


@pytest.mark.parametrize(
    "text",
    [
        "You are my top choice.",
        "You are one of my top choices.",
        "Riverside remains one of my top choices, and I will rank it very highly.",
        "You are very high on my list and I will rank you highly.",
        "The #1 thing I liked was the team.",
        "My first choice of interview dates is December 3.",
        "December 3 is my first choice for the interview date.",
        "My first-choice interview date is Dec 3.",
        "I first learned about your program in 2020.",
        "It was the first time I saw a liver transplant.",
        "You were my first interview of the season.",
        "Riverside was my first, and I loved it.",
        "Is this your #1 priority?",
        "Should I rank you first?",
        "I cannot say you are my first choice yet.",
        "I will not rank you first.",
        "Anesthesiology has always been my first choice.",
        "My first choice of specialty was always anesthesiology.",
        "I have been ranked first in my class.",
        "One of the programs at the top of my list is yours.",
        "Patient safety is my number one priority.",
        "I listed my publications first.",
        "Your program, ranked first in the nation for research, impressed me.",
        "My first choice for the second look would be January 10.",
        "I hope to match at my top choice.",
    ],
)
def test_first_choice_negatives(text: str) -> None:
    assert features(text).first_choice == ()


def test_first_choice_phrase_is_short_and_lower_case() -> None:
    assert features("I will rank Riverside FIRST.").first_choice == ("rank the program first",)


# ------------------------------------------------------------ conditional commitment


@pytest.mark.parametrize(
    "text",
    [
        "I will definitely come if you rank me highly.",
        "If you rank me to match, I will definitely sign.",
        "If you rank me first, I will certainly attend.",
        "I promise to rank you first if you rank me.",
        "I can guarantee that I will come to your program.",
        "If I am offered a position, I would accept immediately.",
    ],
)
def test_conditional_commitment_positives(text: str) -> None:
    assert features(text).conditional_commitment != ()


@pytest.mark.parametrize(
    "text",
    [
        "I will definitely apply what I learned.",
        "I will definitely attend the pre-interview dinner.",
        "I hope to match with you.",
        "I would be honored to train at your program.",
    ],
)
def test_conditional_commitment_negatives(text: str) -> None:
    assert features(text).conditional_commitment == ()


# ------------------------------------------------------------------ placeholders


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thank you for the interview at [Institution Name].", "[institution name]"),
        ("Dear Dr. [Last Name],", "[last name]"),
        ("I am excited about [Program Name].", "[program name]"),
        ("Sincerely, [Your Name]", "[your name]"),
        ("[Insert specific detail about the program here]", "[insert specific detail about the program here]"),
        ("Dear [NAME],", "[name]"),
        ("the residents at [Hospital] were kind", "[hospital]"),
        ("I loved <Program> and its people.", "<program>"),
        ("Dear <Program Name> team,", "<program name>"),
        ("Hello <name>,", "<name>"),
        ("Hello {name},", "{name}"),
        ("welcome to {{program}}", "{{program}}"),
        ("at {program_name}", "{program_name}"),
        ("Dear Dr. ___,", "dear dr. ___"),
        ("My interview at XXX Hospital was great.", "at xxx"),
        ("Dear (Program Name) team,", "(program name)"),
    ],
)
def test_placeholder_positives(text: str, expected: str) -> None:
    assert expected in features(text).placeholders


@pytest.mark.parametrize(
    "text",
    [
        "Please write to me at <jane.doe@example.org>.",
        "Jane Doe <jane.doe@example.org>",
        "See the study [1] and the review [2].",
        "He said it was 'their [sic] choice'.",
        "Details at https://riverside.edu/anes/[page] and <https://riverside.edu>.",
        "See [the brochure](https://riverside.edu/brochure).",
        "[image: Riverside logo] [cid:image001.png@01D9]",
        "[EXTERNAL] Re: interview",
        "I used <b>bold</b> text.",
        "We met on Dec 3 at 9 a.m.",
    ],
)
def test_placeholder_negatives(text: str) -> None:
    assert features(text).placeholders == ()


def test_placeholder_in_subject() -> None:
    assert features("Thank you.", subject="Thank you - [Program Name]").placeholders == ("[program name]",)


# ------------------------------------------------------------------------- tone


@pytest.mark.parametrize(
    "text",
    [
        "You are my only hope.",
        "You are my last hope.",
        "I have no other interviews.",
        "I do not have any other interviews this season.",
        "I am desperate.",
        "I'm begging you to consider me.",
        "Please, I beg you.",
        "I really need this position or I will have to leave medicine.",
        "I will do anything to join your program.",
        "I have nowhere else to go.",
        "This is my last chance to match.",
        "I have only one interview, yours.",
    ],
)
def test_desperate_positives(text: str) -> None:
    assert features(text).desperate != ()


@pytest.mark.parametrize(
    "text",
    [
        "I hope to hear from you soon.",
        "My only question is about parking.",
        "I have no other questions.",
        "I beg your pardon for the delay.",
        "I look forward to the next steps.",
    ],
)
def test_desperate_negatives(text: str) -> None:
    assert features(text).desperate == ()


@pytest.mark.parametrize(
    "text",
    [
        "This process is unfair.",
        "The whole match process is broken.",
        "This system is a joke.",
        "I am frustrated with how programs treat IMGs.",
        "I am upset with the process.",
        "It is ridiculous that no one answers.",
        "I was treated unfairly at the interview.",
        "Other programs ignored me.",
        "I am so disappointed that no one replied.",
    ],
)
def test_emotional_positives(text: str) -> None:
    assert features(text).emotional != ()


@pytest.mark.parametrize(
    "text",
    [
        "I was excited to meet the residents.",
        "I am grateful for the opportunity.",
        "I was nervous before my interview, but everyone was kind.",
        "I was disappointed to miss the social, but the tour was great.",
    ],
)
def test_emotional_negatives(text: str) -> None:
    assert features(text).emotional == ()


# ------------------------------------------------------------ feedback and nudges


@pytest.mark.parametrize(
    "text",
    [
        "Why didn't I get an interview?",
        "Why was I not invited?",
        "Could you tell me why I was not selected for an interview?",
        "I would appreciate feedback on my application.",
        "Could you tell me what I could improve in my application?",
        "What was the reason I was rejected?",
        "Why wasn't my application selected?",
    ],
)
def test_feedback_request_positives(text: str) -> None:
    assert features(text).feedback_request != ()


@pytest.mark.parametrize(
    "text",
    [
        "Thank you for the feedback during my interview.",
        "I appreciated the feedback on my presentation.",
        "I want to learn how I can improve as a clinician.",
    ],
)
def test_feedback_request_negatives(text: str) -> None:
    assert features(text).feedback_request == ()


@pytest.mark.parametrize(
    "text",
    [
        "I am following up on my previous email.",
        "Just following up on my message from last week.",
        "Did you receive my email?",
        "Did you receive my letter of intent?",
        "I haven't heard back regarding my question.",
        "I have not heard back from you.",
        "Checking in again about my inquiry.",
        "I wanted to make sure you got my email.",
        "As I mentioned in my last email, I have not received a response.",
        "Kindly let me know whether you received my previous email.",
        "I sent an email two weeks ago and haven't received any response.",
    ],
)
def test_nudge_positives(text: str) -> None:
    assert features(text).nudge != ()


@pytest.mark.parametrize(
    "text",
    [
        "I look forward to hearing from you.",
        "I have follow-up questions about the curriculum.",
        "Following the interview, I reflected on our conversation.",
        "I am following up on our conversation at the interview.",
        "Just following up after my interview to say thank you again.",
        "I have not heard back from other programs yet, but I remain interested.",
    ],
)
def test_nudge_negatives(text: str) -> None:
    assert features(text).nudge == ()


# ------------------------------------------------------------ kinds of outbound


def test_thank_you_note() -> None:
    f = features(
        "Dear Dr. Patel,\n\nThank you for the opportunity to interview at Riverside yesterday. "
        "I enjoyed meeting the residents."
    )
    assert (f.thank_you, f.first_choice, f.nudge) == (True, (), ())


@pytest.mark.parametrize(
    "text",
    [
        "I wanted to update you on my application.",
        "I am pleased to share that my case report was accepted for publication.",
        "Please accept this letter of intent.",
        "I am writing to express my continued interest in your program.",
        "I received my Step 3 score last week.",
    ],
)
def test_update_positives(text: str) -> None:
    assert features(text).update is True


@pytest.mark.parametrize(
    "text",
    [
        "Could I reschedule my interview?",
        "I would like to confirm my attendance.",
        "Is there parking near the hospital?",
        "Does the program sponsor J-1 or H-1B visas?",
    ],
)
def test_logistics_positives(text: str) -> None:
    assert features(text).logistics is True


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Could you write me a letter of recommendation?", True),
        ("Would it be possible to schedule a call?", True),
        ("I would be grateful if you could share some advice.", True),
        ("Is there a research track that I could join?", True),
        ("Thank you again. Please let me know if you have any questions.", False),
        ("I enjoyed meeting you and the residents.", False),
    ],
)
def test_request(text: str, expected: bool) -> None:
    assert features(text).request is expected


# ------------------------------------------------------------- program's words


@pytest.mark.parametrize(
    "text",
    [
        "We would like to offer you a position in our program.",
        "This is a pre-match offer.",
        "Please sign the attached contract.",
        "Please return the signed commitment letter.",
        "We would like to offer you a PGY-1 position outside the Match.",
        "Please sign and return by Friday.",
        "We can offer you a spot if you commit.",
        "We are excited to extend you an offer for a PGY-1 position.",
        "The position is offered outside of the NRMP Match.",
    ],
)
def test_offer_positives(text: str) -> None:
    assert features(text).offer != ()


@pytest.mark.parametrize(
    "text",
    [
        "We offer a competitive salary.",
        "The program offers research time.",
        "We are happy to offer you an interview on January 5.",
        "Thank you for your interest in our program.",
        "We can offer you a spot at the pre-interview dinner.",
        "If you sign up for the social, please bring ID.",
        "Pre-match offers are not permitted under NRMP rules.",
        "Our program does not offer pre-match positions.",
    ],
)
def test_offer_negatives(text: str) -> None:
    assert features(text).offer == ()


def test_interview_offer_is_an_invitation() -> None:
    f = features("We are happy to offer you an interview on January 5.")
    assert (f.invitation, f.offer) == (True, ())


@pytest.mark.parametrize(
    "text",
    [
        "Where will you rank us?",
        "Are we your first choice?",
        "How do you plan to rank our program?",
        "Which other programs did you apply to?",
        "Which other programs did you interview at?",
        "Please let us know if you will rank us first.",
        "Are we at the top of your list?",
        "Will you be ranking us to match?",
    ],
)
def test_rank_inquiry_positives(text: str) -> None:
    assert features(text).rank_inquiry != ()


@pytest.mark.parametrize(
    "text",
    [
        "I will rank your program very highly.",
        "In line with NRMP policy, we will not ask how you plan to rank us.",
        "NRMP rules prohibit us from asking how you will rank our program.",
    ],
)
def test_rank_inquiry_negatives(text: str) -> None:
    assert features(text).rank_inquiry == ()


@pytest.mark.parametrize(
    "text",
    [
        "We do not accept thank-you notes.",
        "We do not accept post-interview thank-you notes.",
        "No thank you notes are necessary.",
        "No further communication is needed.",
        "Please do not send thank-you letters.",
        "Post-interview communication will not affect your ranking.",
        "There is no need for further contact.",
        "We kindly ask that you do not send thank you notes.",
    ],
)
def test_no_contact_policy_positives(text: str) -> None:
    assert features(text).no_contact_policy != ()


@pytest.mark.parametrize(
    "text",
    [
        "We do not require a letter from your chair.",
        "Attendance at the dinner will not affect your ranking.",
        "Thank you for your note.",
        "Thank-you notes are appreciated but not required.",
    ],
)
def test_no_contact_policy_negatives(text: str) -> None:
    assert features(text).no_contact_policy == ()


@pytest.mark.parametrize(
    ("text", "invitation", "rejection"),
    [
        ("We are pleased to invite you to interview.", True, False),
        ("Please schedule your interview in Thalamus.", True, False),
        ("We regret to inform you that we cannot proceed.", False, True),
        ("We are unable to offer you an interview.", False, True),
        ("We are not able to extend an invitation this year.", False, True),
        ("The position has been filled.", False, True),
        ("Our program offers a strong curriculum.", False, False),
    ],
)
def test_invitation_and_rejection(text: str, invitation: bool, rejection: bool) -> None:
    f = features(text)
    assert (f.invitation, f.rejection) == (invitation, rejection)


# --------------------------------------------------------------------- mentions


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I loved Riverside Community.", ("Riverside Community Hospital",)),
        ("I loved Riverside.", ("Riverside University Anesthesiology",)),
        (
            "Lakeside and Riverside Community and Riverside",
            ("Lakeside Medical Center", "Riverside Community Hospital", "Riverside University Anesthesiology"),
        ),
        ("RUH Anesthesia was great; ruh is not a name.", ("Riverside University Anesthesiology",)),
        ("the ruh and lmc in lower case", ()),
        (
            "LMC, then riverside university anesthesiology",
            ("Lakeside Medical Center", "Riverside University Anesthesiology"),
        ),
        ("Riversides and Lakesider are not names", ()),
        ("Riverside’s residents", ("Riverside University Anesthesiology",)),
        ("Write to jane@riverside.edu or see www.lakeside.org/anes", ()),
        ("I loved Riverside. Lakeside too.", ("Riverside University Anesthesiology", "Lakeside Medical Center")),
    ],
)
def test_mentioned_programs(text: str, expected: tuple[str, ...]) -> None:
    assert mentioned_programs(text, PROGRAMS) == expected


def test_mentions_include_subject() -> None:
    f = analyze("Thank you, Lakeside", "Thank you for the interview at Riverside.", PROGRAMS)
    assert f.mentions == ("Lakeside Medical Center", "Riverside University Anesthesiology")


# ----------------------------------------------------------- fingerprint, minhash

TEMPLATE = (
    "Dear Dr. {doctor},\n\n"
    "Thank you for the opportunity to interview at {program} on {date}. I enjoyed learning about "
    "the clinical training, the supportive residents and the strong focus on education at {program}. "
    "I believe I would be a great fit and I hope to have the chance to train with you.\n\n"
    "Thank you again for your time."
)


def test_template_with_names_swapped_has_the_same_fingerprint() -> None:
    a = features(TEMPLATE.format(doctor="Patel", program="Riverside", date="November 12"))
    b = features(TEMPLATE.format(doctor="Jane Smith", program="Lakeside Medical Center", date="December 3"))
    assert a.fingerprint != ""
    assert a.fingerprint == b.fingerprint
    assert similarity(a, b) == 1.0


def test_template_with_a_small_edit_is_near_duplicate() -> None:
    a = features(TEMPLATE.format(doctor="Patel", program="Riverside", date="November 12"))
    edited = TEMPLATE.replace("supportive residents", "friendly residents and the regional block rotation")
    b = features(edited.format(doctor="Lee", program="Lakeside", date="January 5"))
    assert a.fingerprint != b.fingerprint
    assert similarity(a, b) >= 0.6


def test_two_different_thank_you_notes_are_not_similar() -> None:
    a = features(
        "Dear Dr. Patel, Thank you so much for taking the time to speak with me during my interview. "
        "I truly enjoyed our conversation about the regional anesthesia curriculum and the residents' "
        "quality improvement projects, and I could picture myself training in your simulation center."
    )
    b = features(
        "Hello Dr. Gomez, I wanted to thank you for interviewing me yesterday. The cardiac cases you "
        "described and the way your residents teach one another stayed with me on the flight home, "
        "and our talk about global health made the day memorable."
    )
    assert a.fingerprint and b.fingerprint
    assert similarity(a, b) < 0.5


def test_short_text_has_no_fingerprint() -> None:
    f = features("Thank you for the interview.")
    assert (f.fingerprint, f.minhash, f.word_count) == ("", (), 5)
    assert similarity(f, f) == 0.0


def test_minhash_is_stable_and_sized() -> None:
    text = TEMPLATE.format(doctor="Patel", program="Riverside", date="November 12")
    a = features(text)
    assert len(a.minhash) == MINHASH_SIZE
    assert a.minhash == features(text).minhash
    assert len(a.fingerprint) == 40
    assert int(a.fingerprint, 16) >= 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dear Dr. Smith,\nThank you for 2 great days at Riverside!", "thank you for great days at programname"),
        ("Hi Dr. Lee - great to meet you", "great to meet you"),
        ("Good morning Dr. Ng,\nI met Dr. Jane Roe at RUH.", "i met at programname"),
        ("No greeting here, just words.", "no greeting here just words"),
    ],
)
def test_normalize_for_fingerprint(text: str, expected: str) -> None:
    assert normalize_for_fingerprint(text, PROGRAMS) == expected


def test_word_count_counts_own_words() -> None:
    assert features("Dear Dr. O’Neil,\n\nI’m well-rested — thanks!").word_count == 6


# ------------------------------------------------------------- whole messages


def test_letter_of_intent_to_one_program() -> None:
    f = features(
        "Dear Dr. Chen,\nI am writing to express my continued interest in the Riverside University "
        "Anesthesiology residency. Since my interview, I passed USMLE Step 3 and my case report was "
        "accepted for publication. Riverside is my first choice and I intend to rank your program #1."
    )
    assert f.update is True
    assert f.first_choice == ("my first choice", "rank your program #1")
    assert f.mentions == ("Riverside University Anesthesiology",)


def test_program_invitation_with_policy() -> None:
    f = features(
        "Dear Applicant,\nWe are pleased to invite you to interview for a PGY-1 position. Our program "
        "offers a competitive salary. We do not accept post-interview thank-you notes."
    )
    assert (f.invitation, f.offer, f.rejection) == (True, (), False)
    assert f.no_contact_policy == ("we do not accept post-interview thank-you notes",)


def test_empty_text() -> None:
    f = analyze("", "", PROGRAMS)
    assert f == Features()
