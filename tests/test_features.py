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


# Venting is aimed at programs or the process; a struggle of one's own, told as growth, is not.
@pytest.mark.parametrize(
    "text",
    [
        "I am tired of waiting.",
        "It is frustrating that no program has responded to my emails.",
        "I am sick of this whole ERAS process.",
        "I am fed up with the Match.",
        "No program has answered my emails in two months. I am so frustrated.",
        "I have been frustrated by the complete silence from programs this season.",
        "I was frustrated when I did not hear back from a single program.",
        "I feel ignored by every program I have contacted.",
        "It has been so disheartening to send application after application without a single reply.",
        "Honestly, I'm getting tired of programs that never reply.",
        "I am frustrated that I have received no interviews this cycle.",
        "I am disappointed with how programs communicate with applicants.",
        "It is so frustrating to wait months for any news.",
        "I often feel angry at how applicants are treated by this process.",
        "Frankly, programs do not even read applications from IMGs.",
        "I am losing faith in this process.",
        "The whole process is exhausting and demoralizing.",
        "I feel like I'm being ignored.",
        "I applied to 80 programs and heard back from three. It is so frustrating.",
        "I am still waiting for a response, and I am frustrated.",
    ],
)
def test_emotional_venting_at_programs_or_the_process(text: str) -> None:
    assert features(text).emotional != ()


@pytest.mark.parametrize(
    "text",
    [
        "I was frustrated when my first epidurals failed, but with practice I became confident placing them.",
        "I was frustrated at first with my slow progress in the OR, but my attendings helped me improve.",
        "It was frustrating to miss so many IV attempts early on. Over time, I learned to slow down.",
        "I was initially frustrated by the steep learning curve of regional anesthesia; it became my favorite part.",
        "During my ICU rotation I felt angry and helpless when a patient died, but it taught me to process grief.",
        "I was angry at myself after my first failed intubation, and I practiced on the simulator every night.",
        "I was frustrated when I did not match last year, but the research year taught me resilience.",
        "I was frustrated that my first abstract was rejected, but I revised it and it was accepted.",
        "Early in my training I often felt frustrated by my clumsy hands, but repetition made me faster.",
        "It was unfair, but it taught me resilience.",
        "I wasted so much time on the wrong resources for Step 1, but I learned how to study efficiently.",
        "I am frustrated by the barriers my patients face in accessing care, which is why I want to work in policy.",
        "I was disappointed not to receive an interview.",
        "I was disappointed that I did not get to see the new OR suites, but the residents showed me photos.",
        # frustration for patients drives a career; it is no complaint about programs
        "I am frustrated by the barriers patients face. Programs like yours that serve the underserved inspire me.",
        "I am frustrated by how patients are treated in our healthcare system, which drives my interest in advocacy.",
        "I am frustrated with waiting times for patients in the ED, which is why I led a QI project.",
        "Last year's match was frustrating, but it pushed me to strengthen my application.",
        "The application process was exhausting at times, but I learned a lot about myself.",
        "I was a little disappointed that the social was canceled, as I enjoy meeting residents from other programs.",
    ],
)
def test_emotional_not_a_struggle_told_as_growth(text: str) -> None:
    assert features(text).emotional == ()


def test_each_feeling_is_judged_by_its_own_sentence_and_reported_once() -> None:
    text = "I was frustrated. " * 300 + "I am tired of waiting for programs. I am tired of waiting."
    assert features(text).emotional == ("i am tired of waiting",)


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


# An ask for an action, an answer or an opportunity, however politely it is put.
@pytest.mark.parametrize(
    "text",
    [
        # whether an opportunity might exist
        "I was wondering whether there might be any possibility of a second look or a shadowing day.",
        "I wonder if there might be an opportunity to spend a day in the cardiac rooms",
        "I am writing to see if there might be any possibility of a second look.",
        "Would there be any possibility of a shadowing day in February.",
        "If there is any possibility of a second look, I would be very grateful.",
        "I was hoping there might be an opportunity to observe a day in the OR.",
        "Is there any chance I could spend a day with the regional team",
        "I am reaching out regarding the possibility of a second look visit.",
        # saying that one asks
        "I was hoping to ask whether a second look visit might be available in February.",
        "I wanted to ask whether your program considers applicants with observership experience.",
        "I am writing to inquire about the possibility of a shadowing day.",
        "I kindly ask whether I could have a short call with you.",
        "I have a small favor to ask.",
        "Thank you for considering my request.",
        "Thanking you in anticipation.",
        # what would please the applicant
        "I'd appreciate the opportunity to speak with a current resident about the research track.",
        "I would be grateful for the chance to observe a day in the OR.",
        "I would welcome any opportunity to return for a second look.",
        "I would really appreciate any advice on preparing for the second look.",
        "I shall be grateful if you kindly share the schedule of the dinner.",
        "I hope it might be possible to arrange a brief call with Dr. Lee.",
        # conditions of politeness and "please ..." with something to answer
        "If possible, I would like to visit again in February.",
        "Please let me know whether a second look day could be arranged.",
        "Kindly let me know at your convenience.",
        "Please let me know if I need to bring anything on the interview day.",
        "Do let me know whether a second look is planned this year.",
        "I would be most grateful if a brief meeting could be arranged.",
        "It would be wonderful if I could come back for a second look.",
        "My question is whether the program offers a research track.",
        "I'd be interested to know whether residents can moonlight.",
        "Any guidance you could offer would be greatly appreciated.",
        "I was hoping to get your advice on strengthening my research portfolio.",
        # hedges are part of asking politely, not negations of the ask
        "I hope this is not an imposition and I was wondering whether there might be any possibility of a second look.",
        "I am not sure whether it would be possible to arrange a shadowing day.",
    ],
)
def test_request_however_politely_worded(text: str) -> None:
    assert features(text).request is True


@pytest.mark.parametrize(
    "text",
    [
        # courtesy offers of more help
        "Please let me know if you need anything else from me.",
        "Please do not hesitate to let me know if you need any further information.",
        "If you need anything else, please let me know.",
        "Should you need any additional documents, please let me know.",
        "If there is anything else I can provide, please let me know.",
        "If there is any way I can help, please let me know.",
        "Let me know if you would like any more information.",
        "Is there anything else you need from me?",
        "Would you like me to send my updated CV?",
        # thank-you notes and closings
        "Thank you again for a wonderful interview day. I enjoyed meeting the residents.",
        "Please pass along my thanks to the residents.",
        "Please extend my gratitude to Ms. Chen for organizing the day.",
        "I was glad to have the chance to speak with the residents.",
        "Thank you again for your time and consideration.",
        "Thank you in advance for your consideration.",
        "I look forward to hearing from you.",
        "Hoping for a positive response.",
        "I hope there will be a chance to see you again at the second look.",
        # the hope to train at the program is no request
        "I would welcome the opportunity to join your residency.",
        "I would be grateful for the opportunity to train at Riverside.",
        "I would love the chance to be a part of this program.",
        "I would be thrilled if I could match at Riverside.",
        "I would be honored if you would rank me highly.",
        "I hope you will consider my application favorably.",
        "I am hoping to return as a resident next year.",
        # updates and past narration
        "I wanted to share that my abstract was accepted.",
        "I wanted to let you know that I passed Step 3.",
        "I do not need a letter of recommendation.",
        "I asked Dr. Patel whether residents could rotate abroad, and she said yes.",
        "During the interview I wondered whether I could handle the call schedule, but the residents reassured me.",
        "The residents told me there might be an opportunity to do a global health elective.",
        "I was excited to learn about the possibility of doing a research year at the program.",
        "I'm very much looking forward to the possibility of joining the program.",
        "I would be happy to provide any further information you may need.",
        "It would be wonderful if I matched at the program.",
        "Your consideration would be greatly appreciated.",
    ],
)
def test_no_request_in_courtesies_thanks_and_updates(text: str) -> None:
    assert features(text).request is False


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


# ------------------------------------------------- paraphrases (sentence-level cues)
# Each detector must recognise what a sentence means, not one fixed wording: these
# paraphrases and look-alikes were written independently of the phrase tables.

@pytest.mark.parametrize(
    "text",
    [
        "I have decided that Lakeside will be the first program on my rank list.",
        "You'll be first on my list.",
        "Your program will top my rank list.",
        "I'm ranking you in the first spot.",
        "Your program is the one I'll rank highest.",
        "Riverside holds the #1 spot on my rank order list.",
        "Lakeside will take first place on my ROL.",
        "I plan to rank Riverside as my number one.",
        "Riverside is going to be the very first program on my list when I certify it.",
        "I am placing your program in the number one position.",
        "Lakeside will head my rank list this year.",
        "I will put Riverside in the top spot on my rank list.",
        "The program I have decided to rank first is Lakeside.",
        "Your residency sits at #1 on my final rank list.",
        "After much reflection, Riverside will be number one on my rank order list.",
        "I wanted you to know that your program will be ranked at the very top of my list.",
        "I intend to rank Lakeside first.",
        "Lakeside is, without question, the program I will rank first.",
        "I have officially placed Riverside at the top of my rank list.",
        "You are my first choice, and I will rank you accordingly.",
        "It will be my pleasure to rank your program #1.",
        "I'll be listing Riverside as my #1 when I certify.",
        "Your program is going to be first on my rank list.",
        "Riverside is the program I'm ranking number one.",
        "I will rank you as my first choice program.",
        "Lakeside has earned the top spot on my rank list.",
        "When I submit my list, Riverside will be in the number one slot.",
        "Riverside will occupy the first position on my rank order list.",
        "I wanted to share that I am ranking Lakeside #1.",
        "Lakeside is the clear front-runner and will be first on my rank list.",
        "My rank list will have Riverside at the top.",
        "I've decided your program will be my top-ranked program.",
    ],
)
def test_first_choice_paraphrases(text: str) -> None:
    """A top rank position bound to the applicant's own rank list."""
    assert features(text).first_choice != ()


@pytest.mark.parametrize(
    "text",
    [
        "You are one of my top choices.",
        "You are my top choice.",
        "I will rank you highly.",
        "Your program is high on my list.",
        "The #1 reason I applied was the simulation center.",
        "My first choice of dates is December 3.",
        "This was my first interview.",
        "I was ranked first in my class.",
        "Riverside was the first program on my list to invite me.",
        "You are among the first programs on my list.",
        "Lakeside is one of the top programs on my rank list.",
        "I will not be placing you in the first spot, I am afraid.",
        "Which program should be first on my list?",
        "The first item on my list of questions is about call.",
        "Riverside was the first program I interviewed with.",
        "Riverside will be ranked very high on my list.",
        "Your program is near the top of my rank list.",
        "Riverside is among my top choices.",
        "I certified my rank list last night.",
        "Your program was the first to reply to my inquiry.",
        "Your residents were the first to welcome me.",
        "First, I want to thank you for the interview.",
        "I am first author on the paper.",
        "My number one priority is patient safety.",
        "The first program on my interview schedule was Lakeside.",
        "Riverside will be high on my rank list.",
        "Lakeside will be one of the first programs on my rank list.",
        "I will rank programs based on fit.",
        "Your program is ranked #1 in the state for research funding.",
        "I will rank you very highly.",
        "Riverside is in my top three.",
        "Your program is a top contender on my list.",
        "I spoke with the first-year residents.",
        "Lakeside was the first stop on my interview trail.",
        "Riverside ranks first nationally in NIH funding.",
    ],
)
def test_first_choice_look_alikes(text: str) -> None:
    assert features(text).first_choice == ()


@pytest.mark.parametrize(
    "text",
    [
        "Should Lakeside rank me, I'd accept without a second thought; consider it a promise.",
        "If I match there I will sign immediately, you have my word.",
        "Rank me and I will be there.",
        "As long as you rank me I commit to coming.",
        "You can count on me to accept if ranked.",
        "If your program ranks me to match, I will definitely accept.",
        "Once you rank me, I promise I will come.",
        "If I am matched with Riverside, I will absolutely be there on July 1 - I give you my word.",
        "Provided that the program ranks me highly, I will gladly commit.",
        "If you choose me, I will not hesitate to accept.",
        "If you rank me, I will accept without hesitation.",
        "If Riverside ranks me to match, I promise I will be there.",
        "Should I match at Lakeside, I will sign the contract the same day, I promise.",
        "If I'm matched at Riverside I'd join without a second thought.",
        "If your program offers me a position, I would take the position immediately.",
        "I guarantee I will come if you rank me high enough to match.",
        "Rank me to match and I will be yours.",
        "Rest assured, if you rank me I will commit to your program.",
        "If Lakeside ranks me to match, I will come - no question.",
        "Should you decide to rank me, rest assured that I will accept.",
        "If I end up matching at Riverside, I will absolutely accept.",
        "You can count on me to sign if I am ranked.",
    ],
)
def test_conditional_commitment_paraphrases(text: str) -> None:
    """A condition on being ranked or matched plus a promise to come."""
    assert features(text).conditional_commitment != ()


@pytest.mark.parametrize(
    "text",
    [
        "If I am fortunate enough to match, I would be honored.",
        "I will definitely apply what I learned.",
        "If I match with you, I would be thrilled to join your team.",
        "I will definitely attend the second look if you host one.",
        "If you rank me, I will work hard every day.",
        "If you have any questions, I will be happy to come in for a visit.",
        "I promise to keep you updated on my Step 3 score.",
        "If I match, I will come ready to learn.",
        "Should I rank you first?",
        "If I match at Riverside, it would be a dream come true.",
        "If given the opportunity, I would be proud to train at Lakeside.",
        "If you have time, I would love to come to the second look.",
        "I will rank programs in my true order of preference.",
        "If you need anything else, I will send it right away.",
        "I hope you will consider ranking me.",
        "If I match, I would be thrilled to join your team.",
        "If I am lucky enough to match at Riverside, I will feel at home.",
        "Should I be selected, I would be grateful for the opportunity.",
        "If you rank me, thank you in advance.",
        "I will accept the invitation for January 5.",
    ],
)
def test_conditional_commitment_look_alikes(text: str) -> None:
    assert features(text).conditional_commitment == ()


@pytest.mark.parametrize(
    "text",
    [
        "Would you be willing to tell me what in my application led to the decision not to extend an "
        "interview? Any feedback would help me strengthen my application if I need to reapply.",
        "Is there anything I could have done differently in my application?",
        "What made my application less competitive?",
        "I would appreciate any advice on how to improve my candidacy for next year.",
        "Could you share why my application was not selected?",
        "I would be grateful for any insight into the weaknesses of my file.",
        "May I ask what kept my application from being invited?",
        "Please let me know which parts of my CV I should strengthen before I reapply.",
        "Any suggestions on how I could make my application more competitive next cycle would be appreciated.",
        "I am hoping to understand why I did not receive an interview.",
        "Could you share any feedback on why I was not offered an interview?",
        "I would be grateful to know what I could improve before I reapply next year.",
        "Can you tell me which parts of my application were weakest?",
        "If possible, could you let me know why my application was unsuccessful?",
        "I would welcome any guidance on how to make my application stronger for the next cycle.",
        "Was there something in my application that held me back?",
        "I would really value any feedback on where my application fell short.",
        "Could you let me know what I might do to become a stronger applicant next season?",
        "I am trying to understand why I was not invited for an interview and would appreciate any insight.",
    ],
)
def test_feedback_request_paraphrases(text: str) -> None:
    """An ask about what fell short in the application."""
    assert features(text).feedback_request != ()


@pytest.mark.parametrize(
    "text",
    [
        "Thank you for the feedback during the interview.",
        "I appreciated the feedback on my presentation.",
        "Please let me know if I should send an updated CV to strengthen my application.",
        "I would appreciate any advice on how to prepare for the interview day.",
        "I have worked hard to strengthen my application with a new publication.",
        "Could you tell me what the interview day schedule looks like?",
        "Is there anything else you need from me to complete my application?",
        "I know my application is stronger now that I passed Step 3.",
        "I am grateful for the feedback you gave me on my research.",
        "Thanks for the helpful advice on my application timeline.",
        "Could you confirm that my application is complete?",
        "I would appreciate any advice on housing near the hospital.",
        "Why did I choose anesthesiology? Because of my father.",
        "Could you let me know whether my updated CV was added to my application?",
        "I appreciate the advice you gave me about research during the interview.",
        "Could you let me know if my application is under review?",
        "I would welcome any advice about living in the city.",
    ],
)
def test_feedback_request_look_alikes(text: str) -> None:
    assert features(text).feedback_request == ()


@pytest.mark.parametrize(
    "text",
    [
        "Just between us - where is Lakeside likely to land on your rank list? It would also help me to know "
        "which other Midwest programs you are still considering.",
        "Could you let us know which other programs you have interviewed with this season?",
        "How high are we on your list?",
        "Are we in your top three?",
        "Please tell us where you plan to rank us.",
        "What other programs are you considering?",
        "Have you interviewed elsewhere in the region?",
        "Will you be ranking us to match?",
        "We would appreciate knowing where our program stands on your rank list.",
        "Out of curiosity, where else have you interviewed?",
        "Would you mind sharing how you plan to rank us?",
        "Is Riverside your first choice program?",
        "Where do you see our program on your rank list?",
        "May I ask where we stand on your list?",
        "Can you tell us if we are your top choice?",
        "Which other institutions did you interview with?",
        "Would you share how you intend to rank our program?",
        "We are curious which other programs you applied to.",
        "Is our program at the top of your list?",
        "Have you received other interview offers in the area?",
        "Please tell us where we fall on your rank list.",
        "Do you plan to rank us highly?",
        "Off the record, are we your number one?",
        "Where are we going to end up on your list?",
        "It would be useful for us to know how you plan to rank our program.",
        "Tell me honestly: how highly will you rank us?",
        "Are you also interviewing at other programs in Texas?",
    ],
)
def test_rank_inquiry_paraphrases(text: str) -> None:
    """A program's question or request about the applicant's ranking or other programs."""
    assert features(text).rank_inquiry != ()


@pytest.mark.parametrize(
    "text",
    [
        "We will not ask how you plan to rank us.",
        "NRMP rules prohibit us from asking about your rank list.",
        "You will be ranked highly on our list.",
        "Please rank programs in your true order of preference.",
        "Do you have any questions about other programs in our health system?",
        "Please let us know which interview date works best for you.",
        "Have you interviewed with us before?",
        "Let us know if you have questions about the rank list process.",
        "Could you let us know where you will be staying during the visit?",
        "We hope you enjoyed meeting the residents; good luck with the rest of the season.",
        "We will rank you highly.",
        "Our program does not ask applicants where they plan to rank us.",
        "Please do not share your rank list plans with us.",
        "Please remember to certify your rank list by March 4.",
        "Which dates would work best for your second look?",
        "Did you enjoy the interview day?",
        "If you have questions about our program, please ask.",
        "We look forward to seeing where your career takes you.",
        "Please let us know if you will attend the second look.",
        "Per NRMP policy, you are not obligated to tell us how you will rank programs.",
        "Our program will not ask you about your rank list.",
        "Applicants are never asked where they will rank us.",
        "We hope you will consider us when you make your rank list.",
        "Please let us know if you have questions about other programs in our department.",
        "Could you tell us which interview session you prefer?",
    ],
)
def test_rank_inquiry_look_alikes(text: str) -> None:
    assert features(text).rank_inquiry == ()


@pytest.mark.parametrize(
    "text",
    [
        "Did my message from last month come through? I wanted to make sure it didn't land in a spam folder.",
        "I wanted to circle back on the note I sent on October 1st, in case it got buried in your inbox.",
        "I'm writing again regarding my earlier email.",
        "Just bumping this up.",
        "I hadn't received a response to my previous message.",
        "Resending my email from last week in case it was missed.",
        "Checking whether you had a chance to read my letter.",
        "I am not sure whether my previous note reached you.",
        "I sent you an email on December 2 and wanted to make sure it arrived.",
        "Has my inquiry from November gotten lost?",
        "Forwarding my earlier message below in case it was overlooked.",
        "I am writing to follow up on the email I sent on November 3.",
        "I wanted to make sure my previous email reached you.",
        "I sent a message earlier this month and have not received a reply.",
        "Just checking that my letter of intent arrived safely.",
        "Apologies for the second email; I wanted to confirm you received my update.",
        "I noticed I had not heard back about my question from last week.",
        "Sending my earlier note again in case it went to spam.",
        "Did you get a chance to look at my last email?",
        "Following up on my previous message, I wanted to check whether it reached the right person.",
        "I realize you are busy, but I haven't received any reply to my email from December.",
        "I'm re-sending my note below since I was not sure it went through.",
        "This is a gentle reminder about my email from two weeks ago.",
    ],
)
def test_nudge_paraphrases(text: str) -> None:
    """The applicant's earlier message plus a did-it-arrive / no-answer / resend cue."""
    assert features(text).nudge != ()


@pytest.mark.parametrize(
    "text",
    [
        "I look forward to hearing from you.",
        "Following my interview, I reflected on the program.",
        "I have a follow-up question about the curriculum.",
        "Thank you for your reply last week.",
        "Thank you for your quick response to my previous email.",
        "My email address has changed to priya@example.org.",
        "As I mentioned in my previous email, I passed Step 3.",
        "My letters of recommendation were received by ERAS.",
        "I hope this message finds you well.",
        "My last email had a typo in the date; the correct date is January 5.",
        "Thanks for replying to my message so quickly.",
        "I hope my email finds you well.",
        "Please find my updated CV attached to this email.",
        "In my earlier email I mentioned my interest in research.",
        "I received your message about the second look.",
        "My previous message included my Step 3 score.",
        "I will follow up with my Step 3 score when I receive it.",
        "Following up on our conversation at the interview, here is the article I mentioned.",
        "As noted in my last email, I am very interested in your program.",
        "Thank you for answering my earlier question so quickly.",
        "I followed up with my mentor about the research project.",
        "My message to the residents was about the social.",
    ],
)
def test_nudge_look_alikes(text: str) -> None:
    assert features(text).nudge == ()


@pytest.mark.parametrize(
    "text",
    [
        "I just wanted to say thank you for organizing yesterday's interview day so smoothly - and please "
        "pass along my thanks to Dr. Gallagher and the residents.",
        "Many thanks for a wonderful interview day.",
        "I'm grateful for the time the residents spent with us.",
        "Thanks so much for having me on Tuesday.",
        "A big thank you to the whole team for the interview.",
        "I really appreciated how welcoming everyone was during my visit.",
        "Please extend my gratitude to the residents who gave us the tour.",
        "Thank you for hosting us yesterday.",
        "I am thankful for the conversation we had at the dinner on Monday.",
        "Thank you for a wonderful interview day on Friday.",
        "Thank you for taking the time to meet with me yesterday.",
        "I wanted to express my sincere gratitude for the interview.",
        "Please convey my thanks to the residents for a lovely pre-interview dinner.",
        "Thank you for showing us around the hospital.",
        "I truly appreciated the time you spent with me during the interview.",
        "Thanks again for having me today - I really enjoyed it.",
        "I am very grateful for the chance to interview at Riverside last week.",
        "Thank you, and the entire team, for a terrific interview experience.",
        "I appreciated the warm welcome from the residents on Monday.",
    ],
)
def test_thank_you_paraphrases(text: str) -> None:
    """Gratitude for the interview or visit, not a courtesy."""
    assert features(text).thank_you


@pytest.mark.parametrize(
    "text",
    [
        "Thank you for asking.",
        "Thank you for checking in.",
        "Thanks for the reminder.",
        "Thank you for the update.",
        "Thank you for the interview invitation; I would like the December 3 date.",
        "Thanks for the details about the interview day schedule.",
        "Thank you for your time and consideration.",
        "I look forward to the interview day; thank you!",
        "Thank you for the reminder about the dinner tomorrow.",
        "Thanks for letting me know about the residents' social.",
        "Thank you for the interview details.",
        "Thanks for the heads up about parking.",
        "Thank you for your email.",
        "Thank you for your consideration of my application.",
        "Thank you for the invitation; I accept the January 5 date.",
        "I would be grateful for a chance to interview.",
        "Thank you for confirming my interview date.",
        "Thank you for the opportunity; I am excited to interview with you next week.",
        "Thank you so much! I am looking forward to the interview day and meeting the residents.",
        "Thanks for the info about the second look.",
        "Thank you for your patience with my schedule.",
        "Thank you for your email about the interview schedule.",
        "Thank you in advance for your time.",
    ],
)
def test_thank_you_look_alikes(text: str) -> None:
    assert not features(text).thank_you


def test_policy_sentence_about_rank_lists_is_no_rank_inquiry() -> None:
    text = "Please know that you are under no obligation to share your rank list with us, and we will not ask."
    assert analyze("", text, []).rank_inquiry == ()
    assert analyze("", "Could you share your rank list with us?", []).rank_inquiry != ()


def test_reminder_about_previous_mail_is_a_nudge() -> None:
    text = ("Respected Sir/Madam, I am once again writing to remind about my previous mail dated 12th October. "
            "Kindly confirm whether you have received it.")
    assert analyze("", text, []).nudge != ()
    assert analyze("", "I am writing to remind you about my interview tomorrow.", []).nudge == ()


@pytest.mark.parametrize(
    "text",
    [
        "I will rank Red Mesa very highly.",
        "I plan to rank your program highly.",
        "You are one of my top choices.",
        "Your program is very high on my list.",
        "I am ranking you near the top.",
    ],
)
def test_rank_interest(text: str) -> None:
    features = analyze("", text, [])
    assert features.rank_interest != () and features.first_choice == ()


@pytest.mark.parametrize(
    "text",
    [
        "I would rank this experience highly among my rotations.",
        "I will rank the programs after my last interview.",
        "You are my #1 choice.",  # a first-choice statement, not mere interest
    ],
)
def test_not_rank_interest(text: str) -> None:
    assert analyze("", text, []).rank_interest == ()


def test_resident_joke_is_no_rank_inquiry() -> None:
    text = "Great meeting you tonight. Was I your #1 pick for the dinner? Kidding, the tacos won."
    assert analyze("", text, []).rank_inquiry == ()
    assert analyze("", "Are we your top choice for residency?", []).rank_inquiry != ()


def test_top_choice_of_interview_dates_is_no_rank_interest() -> None:
    text = "Thank you! My top choice for interview dates is Jan 5; Jan 12 would also work."
    assert analyze("", text, []).rank_interest == ()
    assert analyze("", "Your program is my top choice for residency.", []).rank_interest != ()


def test_a_calendar_fact_is_no_desperation() -> None:
    text = "There were no other interviews scheduled that week, so I could also attend the resident social."
    assert analyze("", text, []).desperate == ()
    assert analyze("", "I have no other interviews this season.", []).desperate != ()
