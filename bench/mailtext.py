"""English-like text for the benchmark mail (bench/mailgen.py): sentence banks and composers.

Everything here is a pure function of a seeded ``random.Random``: the same draws give
the same text. Text is made from string templates (``str.format`` over a few slots),
not from ``email.message``, so 100,000 bodies take seconds.

The configured programs (``PROGRAMS``) are named only where a message is meant to name
one: program mail, and the platform mails that name a program on purpose. Newsletters,
receipts and no-reply mail name other, unconfigured programs (``OTHER_PROGRAMS``) or
none; ``tests/test_bench_mailgen.py`` checks that none of them says a configured name.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

# --------------------------------------------------------------------- programs


@dataclass(frozen=True)
class ProgramInfo:
    name: str
    aliases: tuple[str, ...]
    domain: str
    coordinator: str  # display name
    coordinator_addr: str  # local part
    director: str  # surname of the program director


_PLACES = (
    ("Lakeside Medical Center", "Lakeside", "lakeside-med", "Maria Lopez", "anesthesia.residency", "Patel"),
    ("Riverside University Hospital", "Riverside", "riverside-health", "Kevin Brooks", "gme.anesthesia", "Nguyen"),
    ("Mount Carmel", "Mount Carmel", "mountcarmel", "Angela Rossi", "anesres", "Okafor"),
    ("Bayview Regional", "Bayview", "bayview-regional", "Denise Carter", "residency", "Schmidt"),
    ("Cedar Hills", "Cedar Hills", "cedarhills-med", "Tom Becker", "anesthesiology.program", "Yamamoto"),
    ("Northfield Memorial", "Northfield", "northfield-memorial", "Priya Shah", "gme", "Kowalski"),
    ("Saint Brigid", "St. Brigid", "stbrigid", "Laura Kim", "anes.coordinator", "Murphy"),
    ("Granite State", "Granite State", "granitestate-health", "Rachel Green", "anesthesia", "Haddad"),
    ("Prairie View", "Prairie View", "prairieview-med", "Carlos Mendez", "residency.office", "Lindqvist"),
    ("Westbrook University", "Westbrook", "westbrook-u", "Hannah Weiss", "anesthesiology", "Adeyemi"),
    ("Eastlake", "Eastlake", "eastlake-hospital", "Julie Tran", "anesthesia.gme", "Fischer"),
    ("Silver Pines", "Silver Pines", "silverpines", "Monica Reyes", "residency", "Chen"),
    ("Oakmont", "Oakmont", "oakmont-health", "Brian Walsh", "anes.residency", "Novak"),
    ("Harbor City", "Harbor City", "harborcity-med", "Keisha Jordan", "gme.office", "Rahman"),
    ("Redwood Valley", "Redwood Valley", "redwoodvalley", "Steven Park", "anesthesia", "Costa"),
    ("Kingsbridge", "Kingsbridge", "kingsbridge-med", "Olivia Grant", "residency.coordinator", "Iyer"),
    ("Lincoln Park", "Lincoln Park", "lincolnpark-hospital", "Natalie Cruz", "anesthesiology", "Baker"),
    ("Maple Grove", "Maple Grove", "maplegrove-health", "Diane Foster", "anes", "Sato"),
    ("Blue Ridge", "Blue Ridge", "blueridge-med", "Emily Howard", "residency", "Morales"),
    ("Sunset Coast", "Sunset Coast", "sunsetcoast", "Jasmine Lee", "anesthesia.program", "Andersen"),
    ("Fairhaven", "Fairhaven", "fairhaven-med", "Paul Duncan", "gme", "Mensah"),
    ("Highland General", "Highland General", "highlandgeneral", "Sara Wolfe", "anesres", "Kaplan"),
    ("Stonebrook", "Stonebrook", "stonebrook-health", "Megan Price", "residency", "Dubois"),
    ("Willow Creek", "Willow Creek", "willowcreek-med", "Lisa Moreno", "anesthesiology", "Hoffman"),
    ("Crescent Bay", "Crescent Bay", "crescentbay", "Aaron Bell", "anesthesia.residency", "Ito"),
)

PROGRAMS: tuple[ProgramInfo, ...] = tuple(
    ProgramInfo(
        name=f"{place} Anesthesiology",
        aliases=(f"{short} Anesthesiology",) if short != place else (),
        domain=f"{domain}.example",
        coordinator=coordinator,
        coordinator_addr=local,
        director=director,
    )
    for place, short, domain, coordinator, local, director in _PLACES
)

# Programs that are not configured: newsletters and platforms may name these freely.
OTHER_PROGRAMS = (
    "Harborview Internal Medicine", "Summit Valley Pediatrics", "Pinecrest Family Medicine",
    "Ironwood General Surgery", "Glenmore Psychiatry", "Clearwater Emergency Medicine",
    "Ashford Neurology", "Brookhaven Radiology", "Millbrook Obstetrics and Gynecology",
    "Southgate Orthopaedic Surgery", "Copper Canyon Internal Medicine", "Elm Valley Dermatology",
)  # fmt: skip

APPLICANT = "Sam Applicant"
ME_FIRST = "Sam"

# --------------------------------------------------------------------- slots

_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
_MONTHS = ("October", "November", "December", "January")
_TIMES = ("7:00 AM", "7:30 AM", "8:00 AM", "9:15 AM", "10:30 AM", "12:00 PM", "1:00 PM", "3:30 PM", "5:00 PM", "6:30 PM")
_TOPICS = (
    "regional anesthesia for hip fractures", "perioperative outcomes in older adults",
    "airway management in the ICU", "enhanced recovery after cardiac surgery",
    "point-of-care ultrasound teaching", "opioid-sparing analgesia",
    "simulation training for crisis management", "obstetric anesthesia quality metrics",
)  # fmt: skip
_HOBBIES = ("trail running", "cooking", "playing the cello", "rock climbing", "taking photographs", "coaching youth soccer")
_CITIES = ("Chicago", "Denver", "Boston", "Seattle", "Atlanta", "Minneapolis", "Phoenix", "Portland", "Nashville")
_SCHOOL = "State University School of Medicine"
_FRIENDS = ("Alex", "Jordan", "Casey", "Morgan", "Riley", "Taylor", "Jamie", "Drew", "Avery", "Quinn")


def _slots(rng: random.Random, prog: ProgramInfo | None = None) -> dict[str, str]:
    day = rng.randrange(1, 29)
    month = rng.choice(_MONTHS)
    slots = {
        "date": f"{rng.choice(_WEEKDAYS)}, {month} {day}",
        "date2": f"{rng.choice(_WEEKDAYS)}, {month} {min(28, day + rng.randrange(1, 8))}",
        "month": month,
        "time": rng.choice(_TIMES),
        "time2": rng.choice(_TIMES),
        "topic": rng.choice(_TOPICS),
        "hobby": rng.choice(_HOBBIES),
        "city": rng.choice(_CITIES),
        "other": rng.choice(OTHER_PROGRAMS),
        "other2": rng.choice(OTHER_PROGRAMS),
        "n": str(rng.randrange(2, 40)),
        "pct": str(rng.randrange(10, 60)),
        "order": f"{rng.randrange(10**7, 10**8)}",
        "price": f"{rng.randrange(5, 300)}.{rng.randrange(100):02d}",
        "me": ME_FIRST,
        "friend": rng.choice(_FRIENDS),
        "school": _SCHOOL,
    }
    if prog is not None:
        slots.update(
            prog=rng.choice((prog.name, *prog.aliases)),
            progname=prog.name,
            coord=prog.coordinator,
            coord_first=prog.coordinator.split()[0],
            dr=prog.director,
            resident=rng.choice(("Dr. Alvarez", "Dr. Moore", "Dr. Chang", "Dr. Singh", "Dr. Wright")),
        )
    return slots


def _fill(rng: random.Random, bank: Sequence[str], count: int, slots: dict[str, str]) -> list[str]:
    """``count`` sentences drawn from ``bank`` (no repeats while the bank lasts), filled in."""
    picked = sorted(rng.sample(range(len(bank)), min(count, len(bank))))  # in the bank's (natural) order
    return [bank[i].format(**slots) for i in picked]


def wrap(text: str, width: int = 76) -> str:
    """Hard-wrap each paragraph line of ``text`` at ``width`` columns (greedy, fast)."""
    out: list[str] = []
    for line in text.split("\n"):
        if len(line) <= width:
            out.append(line)
            continue
        current = ""
        for word in line.split(" "):
            if current and len(current) + 1 + len(word) > width:
                out.append(current)
                current = word
            else:
                current = f"{current} {word}" if current else word
        out.append(current)
    return "\n".join(out)


def quote(text: str) -> str:
    return "\n".join(f"> {line}" if line else ">" for line in text.split("\n"))


# --------------------------------------------------------------- program mail, inbound

_INVITE = (
    "On behalf of the {progname} residency program, we are pleased to invite you to interview with us this season.",
    "We were impressed by your application and would love to get to know you better.",
    "Interviews will be held virtually on Zoom, and each interview day includes a program overview, four faculty interviews and a social with our residents.",
    "Please use the scheduling link in Thalamus to select one of the available dates: {date} or {date2}.",
    "Interview slots are offered on a first come, first served basis, so we recommend scheduling within the next 72 hours.",
    "If none of the dates work for you, please reply to this message and we will do our best to find an alternative.",
    "The evening before each interview day we host an informal virtual social with current residents starting at {time2} Eastern.",
    "Attendance at the social is optional and is not part of the evaluation process.",
    "You will receive a detailed itinerary and the Zoom links about one week before your interview date.",
    "Our program matches {n} residents per year into the categorical track, with additional advanced positions.",
    "Residents rotate through our level one trauma center, a freestanding children's hospital and an ambulatory surgery center in {city}.",
    "We look forward to meeting you and introducing you to our department.",
)
_ITINERARY = (
    "Thank you for scheduling your interview with {progname} on {date}.",
    "Please find your itinerary for the day below.",
    "{time}: welcome and overview of the program with Dr. {dr}, program director.",
    "{time2}: interviews with two faculty members and one chief resident (20 minutes each).",
    "Lunch will be a virtual session with current residents; feel free to ask them anything about life in {city}.",
    "The afternoon includes a virtual tour of the operating rooms, the simulation center and the ICU.",
    "Please log in ten minutes early so we can test your audio and video.",
    "Business casual attire is fine, and you do not need to prepare a presentation.",
    "If you have any technical problems on the day, call our office and we will send a new link right away.",
    "A short survey about your interview experience will be sent after the day; it is anonymous and optional.",
    "Parking for the in-person second look is available in the visitor garage on Elm Street.",
    "We are excited to have you join us and to show you what makes our residency special.",
)
_POST_INTERVIEW = (
    "Thank you again for taking the time to interview with {progname} last week.",
    "It was a pleasure getting to know you, and our faculty enjoyed hearing about your work on {topic}.",
    "In keeping with NRMP guidelines, we do not require or expect any post-interview communication from applicants.",
    "Thank-you notes and letters of intent are not considered in our ranking decisions.",
    "Our rank meeting will take place in late {month}, and we will not contact applicants about their position on our list.",
    "If you have further questions about the curriculum, our chief residents are happy to talk with you.",
    "We have also posted recordings of our grand rounds on the department website.",
    "We wish you the very best of luck in the Match.",
    "Please let us know if your contact information changes before Match Day.",
)
_SECOND_LOOK = (
    "We are hosting an optional in-person second look day on {date} for applicants who have interviewed with us.",
    "The day includes a tour of the hospital, breakfast with residents and time to explore {city}.",
    "Attendance is entirely optional and will not affect your evaluation in any way.",
    "Please register by {date2} so that we can plan for meals and parking.",
    "Travel and lodging are at your own expense, but we have arranged a discounted rate at a nearby hotel.",
    "Residents will host a dinner at {time2} for anyone staying in town that evening.",
    "If you cannot attend, we will share a video of the tour after the event.",
)
_REPLY_INBOUND = (
    "Thank you for your message, and congratulations on the good news.",
    "I have shared your update with Dr. {dr} and the selection committee.",
    "We appreciate you keeping us informed about your interest in the program.",
    "To answer your question, our residents have protected time for research in the second and third year.",
    "There is funding for one national conference per year when a resident presents their work.",
    "Parental leave is twelve weeks, and the program adjusts the schedule so that residents can graduate on time.",
    "Call is home call for the cardiac rotation and in-house call everywhere else.",
    "I hope this helps, and please do not hesitate to reach out with any other questions.",
    "Best of luck with the rest of your interview season.",
)
_NEWSLETTER_PROGRAM = (
    "Here is the {month} update from the {progname} residency program.",
    "Our residents presented {n} abstracts at the national meeting this fall.",
    "We welcomed two new faculty members with interests in {topic}.",
    "The simulation center opened a new operating room suite for crisis training.",
    "Our wellness committee organized a hike and a potluck for residents and their families.",
    "Congratulations to {resident} for receiving the departmental teaching award.",
    "Applicants are welcome to join our virtual open house on {date} at {time2}.",
)

_PROGRAM_FILL = (
    "Our department includes more than {n} faculty anesthesiologists across three hospitals.",
    "Residents complete dedicated rotations in cardiac, neuro, pediatric, obstetric and regional anesthesia.",
    "The program offers a research track with mentorship from faculty in {topic}.",
    "Our residents consistently pass the board examinations on their first attempt.",
    "Graduates go on to fellowships in critical care, pain medicine and pediatric anesthesiology, or directly into practice.",
    "The cost of living in {city} is moderate, and most residents live within fifteen minutes of the hospital.",
    "We provide an educational stipend, a meal allowance and parking at no cost to residents.",
    "A resident-led wellness committee plans social events and checks in with every class each month.",
    "Weekly didactics are held on Wednesday mornings and are protected from clinical duties.",
    "Each resident is paired with a faculty mentor and a senior resident from the first week of training.",
    "Our simulation curriculum runs throughout all three years of clinical anesthesia training.",
    "Please feel free to contact our chief residents if you would like to hear more about daily life in the program.",
    "We are committed to building a diverse and inclusive residency and welcome applicants from all backgrounds.",
    "Information about benefits, salaries and the call schedule is available on our website.",
)

INBOUND_KINDS: dict[str, tuple[tuple[str, ...], str]] = {
    # kind: (sentence bank, subject template)
    "invitation": (_INVITE, "Interview invitation: {progname}"),
    "itinerary": (_ITINERARY, "Your interview itinerary for {date}"),
    "post_interview": (_POST_INTERVIEW, "Thank you for interviewing with {progname}"),
    "second_look": (_SECOND_LOOK, "Second look day at {progname}"),
    "update": (_NEWSLETTER_PROGRAM, "{progname} residency update for {month}"),
}
INBOUND_KIND_WEIGHTS = (("invitation", 0.3), ("itinerary", 0.25), ("post_interview", 0.2), ("second_look", 0.1), ("update", 0.15))


def _signature_program(prog: ProgramInfo) -> str:
    return (
        f"{prog.coordinator}\nResidency Program Coordinator\nDepartment of Anesthesiology\n{prog.name}\n"
        f"Phone (555) 01{len(prog.domain) % 10}-{1000 + len(prog.name) * 37}\n"
        f"{prog.coordinator_addr}@{prog.domain}"
    )


def _grow(rng: random.Random, sentences: list[str], filler: Sequence[str], goal: int, slots: dict[str, str]) -> None:
    """Insert filler sentences (each once, in a random order) until there are ``goal`` characters."""
    extra = list(filler)
    rng.shuffle(extra)
    while sum(len(s) + 1 for s in sentences) < goal and extra:
        sentences.insert(rng.randrange(1, len(sentences)), extra.pop().format(**slots))


def inbound_program(rng: random.Random, prog: ProgramInfo, kind: str, target: int = 0) -> tuple[str, str]:
    """(subject, text without quote) of a program coordinator's message: about
    ``target`` characters of text when given, else 0.9-2.6 KB with the signature."""
    bank, subject = INBOUND_KINDS[kind]
    slots = _slots(rng, prog)
    sentences = _fill(rng, bank, rng.randrange(5, len(bank) + 1), slots)
    _grow(rng, sentences, _PROGRAM_FILL, target or rng.randrange(700, 2400), slots)
    paragraphs = [" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3)]
    greeting = rng.choice(("Dear Dr. Applicant,", f"Dear {ME_FIRST},", "Hello Sam,", "Dear Applicant,"))
    closing = rng.choice(("Best regards,", "Sincerely,", "Warm regards,", "Kind regards,"))
    text = f"{greeting}\n\n" + "\n\n".join(paragraphs) + f"\n\n{closing}\n{_signature_program(prog)}\n"
    return subject.format(**slots), wrap(text)


def inbound_reply(rng: random.Random, prog: ProgramInfo) -> str:
    """A coordinator's answer to the applicant (the quote is added by the caller)."""
    slots = _slots(rng, prog)
    sentences = _fill(rng, _REPLY_INBOUND, rng.randrange(3, 7), slots)
    text = f"Dear {ME_FIRST},\n\n" + " ".join(sentences) + f"\n\nBest,\n{prog.coordinator.split()[0]}\n\n"
    return wrap(text + _signature_program(prog) + "\n")


# -------------------------------------------------------------- program mail, outbound

_THANKS = (
    "Thank you so much for the opportunity to interview with {prog} on {date}.",
    "I truly enjoyed meeting the residents and learning about the strong clinical training at your institution.",
    "Our conversation about {topic} was a highlight of my interview season.",
    "I was especially impressed by how approachable the faculty were and by the emphasis on resident wellness.",
    "The breadth of cases at the main hospital and the dedicated pediatric rotation fit my goals very well.",
    "I appreciated the time Dr. {dr} spent explaining the new curriculum and the research opportunities.",
    "Thank you also to {coord} for organizing such a smooth virtual interview day.",
    "I left the day excited about the possibility of training in {city}.",
    "Please extend my thanks to the residents who hosted the social the evening before.",
)
_UPDATE = (
    "I am writing to share a brief update on my application since my interview.",
    "My abstract on {topic} was accepted for a poster presentation at the national meeting this spring.",
    "I also completed an away rotation in cardiac anesthesia, which confirmed my interest in the field.",
    "I recently received my Step 2 score and was pleased with the result.",
    "In addition, I was elected to the Gold Humanism Honor Society at my school.",
    "I have attached an updated CV for your records.",
    "I remain very interested in {prog} and in the training it offers.",
    "Thank you for considering this additional information.",
)
_FIRST_CHOICE = (
    "I am writing to let you know that {prog} is my first choice, and I will be ranking your program number one.",
    "After completing all of my interviews, I am confident that your program is the best fit for me.",
    "The strong regional anesthesia training and the supportive culture I saw on my interview day were exactly what I hope for in residency.",
    "My partner and I are also excited about the possibility of moving to {city}, where we have family nearby.",
    "I believe I would thrive in your program and contribute to its research in {topic}.",
    "Thank you again for your time and consideration.",
)
_QUESTION = (
    "I hope you are doing well.",
    "I had a quick question about the interview day on {date}.",
    "Could you let me know whether the social the evening before will be recorded?",
    "I was also wondering if there is an opportunity to speak with a resident who has a family.",
    "Would it be possible to move my interview to {date2}? I have a conflicting exam that morning.",
    "Could you tell me whether the program offers research time in the third year?",
    "Please let me know if you need any additional documents from me.",
    "Thank you very much for your help.",
)
_CONFIRM = (
    "Thank you for the invitation to interview with {prog}.",
    "I would be delighted to interview on {date} and have scheduled the slot through Thalamus.",
    "I will also attend the virtual social the evening before.",
    "Please let me know if there is anything I should prepare ahead of the day.",
    "I look forward to meeting you and the residents.",
)
_LETTER_FILL = (
    "During medical school I developed a strong interest in {topic}, and I have worked on a project with my mentor for two years.",
    "Outside of medicine, I spend most weekends {hobby}, which keeps me balanced during busy rotations.",
    "I grew up near {city}, and being close to my family during residency is very important to me.",
    "My sub-internship taught me how much I value a collaborative team and clear feedback from attendings.",
    "I hope to pursue a fellowship in pain medicine or critical care after residency.",
    "I was struck by how the residents spoke about one another, with genuine respect and warmth.",
    "The case volume and the graduated autonomy in your program would prepare me well for independent practice.",
    "I am grateful for the time everyone took to answer my questions so thoughtfully.",
    "My experience leading our student-run clinic taught me to communicate clearly under pressure.",
    "I am looking forward to the next step of my training and to contributing to a program like yours.",
    "Before medical school I worked for two years as a research assistant in a sleep medicine laboratory.",
    "I have come to enjoy the mix of physiology, pharmacology and procedures that anesthesiology offers every day.",
    "On my rotation I valued the moments in the preoperative area when a calm explanation eased a patient's fear.",
    "I am proud of the quality improvement project I led on our surgical wards, which shortened the time to first analgesia.",
    "Mentorship matters a great deal to me, and the advising structure you described sounded thoughtful and personal.",
    "I was glad to hear that residents have a voice in shaping the curriculum through the education committee.",
    "My family has always encouraged me to serve the community where I train, and I hope to do that in residency.",
    "I would welcome the chance to teach medical students, as teaching has been one of my favorite parts of school.",
    "The emphasis on wellness, including protected time off after call, stood out to me during the day.",
    "I enjoyed hearing how the department supports residents who want to take part in global health work.",
    "My experience as a volunteer emergency medical technician taught me to stay focused when things move quickly.",
    "I have been reading about new approaches to {topic} and would love to learn from your faculty in that area.",
)

OUTBOUND_KINDS: dict[str, tuple[tuple[str, ...], str]] = {
    "thanks": (_THANKS, "Thank you"),
    "update": (_UPDATE, "Update on my application"),
    "first_choice": (_FIRST_CHOICE, "Letter of intent"),
    "question": (_QUESTION, "Question about the interview day"),
    "confirm": (_CONFIRM, "Interview date"),
}
OUTBOUND_KIND_WEIGHTS = (("thanks", 0.35), ("update", 0.2), ("first_choice", 0.1), ("question", 0.2), ("confirm", 0.15))

_SIGNATURE_ME = (
    f"{APPLICANT}\nMS4, {_SCHOOL}\nAAMC ID 14592031\n(555) 010-4477",
    f"{ME_FIRST}\n\n{APPLICANT}, MS4\n{_SCHOOL}",
    f"{APPLICANT}\n\nSent from my iPhone",
)


def outbound_program(rng: random.Random, prog: ProgramInfo, kind: str, target: int = 0) -> tuple[str, str]:
    """(subject, text without quote) of the applicant's message to a program; about
    ``target`` characters of text when given (filler sentences added), else 0.7-2.5 KB."""
    bank, subject = OUTBOUND_KINDS[kind]
    slots = _slots(rng, prog)
    sentences = _fill(rng, bank, rng.randrange(4, len(bank) + 1), slots)
    _grow(rng, sentences, _LETTER_FILL, target or rng.randrange(700, 2500), slots)
    paragraphs = [" ".join(sentences[i : i + 4]) for i in range(0, len(sentences), 4)]
    greeting = rng.choice((f"Dear Dr. {prog.director},", f"Dear {prog.coordinator},", f"Hi {prog.coordinator.split()[0]},"))
    closing = rng.choice(("Best regards,", "Sincerely,", "Thank you,", "Warm regards,"))
    text = f"{greeting}\n\n" + "\n\n".join(paragraphs) + f"\n\n{closing}\n{rng.choice(_SIGNATURE_ME)}\n"
    return subject, wrap(text)


# --------------------------------------------------------------------- platforms

_PLATFORM_SUBJECTS = (
    "Interview scheduled", "New interview invitation", "Reminder: upcoming interview",
    "Your interview itinerary", "Waitlist update", "ERAS: application status update",
    "Program signal confirmation", "Interview cancelled",
)  # fmt: skip
_PLATFORM_BODY = (
    "This is an automated message from the application platform; please do not reply.",
    "You can view the details and manage your interviews in your dashboard.",
    "Your interview is scheduled for {date} at {time} Eastern time.",
    "If you need to cancel, please do so at least two weeks before the interview date.",
    "Programs may release additional interview dates at any time.",
    "Make sure your notification settings allow text messages so you do not miss an invitation.",
    "Your documents were transmitted to all programs on your list.",
    "Need help? Visit the support center or chat with us from your dashboard.",
)


def platform(rng: random.Random, named: ProgramInfo | None) -> tuple[str, str]:
    """(subject, text) of a platform notification; it names ``named`` (a configured
    program) in the subject or the body, or an unconfigured program, or none."""
    slots = _slots(rng)
    subject = rng.choice(_PLATFORM_SUBJECTS)
    sentences = _fill(rng, _PLATFORM_BODY, rng.randrange(3, 7), slots)
    if named is not None:
        if rng.random() < 0.5:
            subject = f"{subject}: {named.name}"
        else:
            sentences.insert(0, f"{named.name} has updated the status of your interview.")
    elif rng.random() < 0.6:
        sentences.insert(0, f"{slots['other']} has updated the status of your application.")
    text = "Hello Sam,\n\n" + " ".join(sentences) + "\n\nThe Thalamus Team\n"
    return subject, text


# ------------------------------------------------------------------ newsletters

_RESIDENCY_SUBJECTS = (
    "5 residency interview tips you need this week", "Program signals explained",
    "How to prepare for your virtual interview day", "Match Day countdown: {n} days to go",
    "Is your rank list ready? A residency checklist", "What program directors look for in an interview",
    "Residency applicants: the thank-you note debate", "Interview season survival guide",
    "The Match in numbers: what this year's data says", "Post-interview etiquette for residency applicants",
    "Top questions to ask at a residency program social", "Webinar: building your residency rank list",
)  # fmt: skip
_RESIDENCY_BODY = (
    "Interview season is in full swing, and thousands of applicants are preparing for their virtual interview days.",
    "This week we asked program directors what makes a candidate stand out during an interview.",
    "Most of them said that genuine curiosity about the program matters more than a polished answer.",
    "Remember to test your camera, microphone and lighting the day before each interview.",
    "A quiet room and a neutral background help the interviewers focus on you.",
    "Keep notes after every interview day; by February the programs start to blur together.",
    "Several programs, including {other}, have announced that they will not accept post-interview letters this year.",
    "{other2} has added an optional in-person second look for applicants after the rank list deadline.",
    "According to the latest survey, applicants attended an average of {n} interviews last season.",
    "Signals remain one of the strongest predictors of receiving an interview invitation.",
    "Rank programs in the order you truly prefer them; the algorithm favors the applicant.",
    "Do not let promises or hints from programs change the order of your rank list.",
    "Our match advisors are hosting a free live session on {date} at {time2}.",
    "Reply-all disasters happen: double check the recipient before you hit send.",
    "The rank order list certification deadline is in early March, so start early.",
    "Looking for more? Read our full guide to residency interviews on the website.",
    "Applicants who matched last year shared the one thing they wish they had known before interview season.",
    "Specialty-specific advice for anesthesiology, internal medicine and pediatrics is available in the resource center.",
    "Many applicants find it helpful to write down three things they liked and one concern after every interview day.",
    "If you are couples matching, talk with your partner about how you will build your lists well before the deadline.",
    "Second looks are optional at most programs and should never be a requirement for ranking.",
    "Programs are not allowed to ask you how you will rank them, and you are not obliged to tell them.",
    "A short, sincere note is fine if you want to send one, but it will rarely change a rank list.",
    "Budget for interview season early: even virtual interviews come with costs for equipment and time off.",
    "This month our community forum answered more than {n} questions about signals, interviews and rank lists.",
)
_SHOP_SUBJECTS = (
    "Flash sale: {pct}% off scrubs today only", "Your weekend deals are here", "New arrivals you will love",
    "Last chance: free shipping ends tonight", "We saved your cart", "Members get early access",
    "Fresh groceries delivered in under an hour", "Your monthly book picks",
)  # fmt: skip
_SHOP_BODY = (
    "Stock up on comfortable scrubs, compression socks and everything you need for long shifts.",
    "Use code SAVE{pct} at checkout to get {pct}% off your order.",
    "Free shipping on all orders over fifty dollars this weekend.",
    "Our best sellers are back in stock in every size and color.",
    "Members earn double points on every purchase until Sunday.",
    "Customers who bought the stethoscope case also bought the pocket guide to pharmacology.",
    "Prices shown are valid through {date} while supplies last.",
    "Try our new meal kits: three dinners for two people, ready in twenty minutes.",
    "You are receiving this email because you signed up for our newsletter.",
    "Manage your preferences or unsubscribe at any time.",
    "Our customer service team is available every day from 8 AM to 8 PM.",
)
_JOURNAL_SUBJECTS = ("This week in anesthesiology", "Table of contents: the {month} issue", "Editor's picks for you", "Trending articles in critical care")
_JOURNAL_BODY = (
    "A randomized trial compared two dosing strategies for postoperative nausea prophylaxis.",
    "Researchers reported outcomes of {topic} across {n} hospitals.",
    "An editorial discusses burnout among trainees and what departments can do about it.",
    "The review summarizes current evidence on perioperative anticoagulation.",
    "A case report describes an unexpected difficult airway in a healthy adult.",
    "Continuing medical education credits are available for this issue.",
    "Read the full articles online with your institutional access.",
    "Podcast: the authors discuss their findings with the editor in chief.",
)
_SOCIAL_SUBJECTS = ("You have new notifications", "{friend} shared a photo with you", "See what your friends are up to", "{n} people viewed your profile")
_SOCIAL_BODY = (
    "{friend} and {n} others reacted to your post.",
    "You have {n} unread messages waiting for you.",
    "Here are some people you may know.",
    "{friend} commented on a photo you are tagged in.",
    "Do not miss updates from your groups this week.",
    "Turn on notifications in the app to stay in the loop.",
)

_RECEIPTS = (
    ("receipts@grocer.example", "Your order receipt #{order}"),
    ("orders@bookshop.example", "Your order has shipped"),
    ("no-reply@rideshare.example", "Your trip receipt"),
    ("alerts@bank.example", "Your statement is ready"),
    ("noreply@airline.example", "Your itinerary to {city}"),
    ("billing@phone.example", "Your bill for {month}"),
    ("info@usmle.example", "Step 3 score release"),
)
_RECEIPT_BODY = (
    "Thank you for your order. Here is a summary of your purchase.",
    "Order number {order}, placed on {date}.",
    "Subtotal: ${price}. Taxes and fees are included in the total.",
    "Your package is expected to arrive within three to five business days.",
    "You can track your shipment from your account page.",
    "Your statement for the period ending {date} is now available online.",
    "Your flight to {city} departs at {time}; check in opens twenty-four hours before departure.",
    "If you did not make this purchase, please contact us right away.",
    "This is an automated message; replies to this address are not monitored.",
)
_PERSONAL = (
    "Are we still on for dinner on Saturday?",
    "I found a great new ramen place near the station, we should go.",
    "How did the interview go? I want to hear everything.",
    "Mom says hi and wants to know when you are coming home for the holidays.",
    "Here are the photos from the hike last weekend.",
    "Can you send me the name of that podcast you mentioned?",
    "I am in {city} next week for a conference, any chance you are free?",
    "Good luck with all the interviews, you are going to do great.",
    "Let me know if you need a ride to the airport on {date}.",
    "The landlord finally fixed the heater, so the apartment is warm again.",
    "I booked the cabin for the long weekend, it has room for six people.",
)


def residency_newsletter(rng: random.Random) -> tuple[str, str]:
    """(subject, text) of a residency-advice newsletter: residency words, no configured program."""
    slots = _slots(rng)
    headings = rng.sample(_RESIDENCY_SUBJECTS, rng.randrange(3, 6))
    sections = []
    for heading in headings:
        sentences = _fill(rng, _RESIDENCY_BODY, rng.randrange(5, 10), slots)
        sections.append(heading.format(**slots).upper() + "\n\n" + " ".join(sentences[:4]) + "\n\n" + " ".join(sentences[4:]))
    footer = "\n\nYou are receiving this email because you subscribed to residency updates.\n"
    return headings[0].format(**slots), "\n\n".join(s.rstrip() for s in sections) + footer


def bulk(rng: random.Random, kind: str) -> tuple[str, str]:
    """(subject, text) of a shopping, journal or social newsletter."""
    subjects, body, count = {
        "shop": (_SHOP_SUBJECTS, _SHOP_BODY, (5, 11)),
        "journal": (_JOURNAL_SUBJECTS, _JOURNAL_BODY, (4, 8)),
        "social": (_SOCIAL_SUBJECTS, _SOCIAL_BODY, (2, 6)),
    }[kind]
    slots = _slots(rng)
    sentences = _fill(rng, body, rng.randrange(*count), slots)
    paragraphs = [" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3)]
    return rng.choice(subjects).format(**slots), "\n\n".join(paragraphs) + "\n"


def receipt(rng: random.Random) -> tuple[str, str, str]:
    """(sender, subject, text) of a receipt or notice."""
    slots = _slots(rng)
    sender, subject = rng.choice(_RECEIPTS)
    sentences = _fill(rng, _RECEIPT_BODY, rng.randrange(3, 7), slots)
    return sender, subject.format(**slots), " ".join(sentences) + "\n"


def personal(rng: random.Random) -> str:
    slots = _slots(rng)
    return f"Hi {ME_FIRST},\n\n" + " ".join(_fill(rng, _PERSONAL, rng.randrange(1, 5), slots)) + f"\n\n{slots['friend']}\n"


def personal_out(rng: random.Random) -> str:
    slots = _slots(rng)
    return f"Hey {slots['friend']},\n\n" + " ".join(_fill(rng, _PERSONAL, rng.randrange(1, 4), slots)) + f"\n\n{ME_FIRST}\n"


def html_of(text: str, title: str, link: str) -> str:
    """A newsletter's HTML alternative: a styled table layout around the paragraphs."""
    body = "".join(
        f'<tr><td style="padding:12px 24px;font-family:Arial,sans-serif;font-size:15px;line-height:22px;color:#333333">'
        f"{p}</td></tr>\n"
        for p in text.split("\n\n")
        if p.strip()
    )
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><style>a{color:#0b5ed7}td{vertical-align:top}'
        ".btn{background:#0b5ed7;color:#fff;padding:10px 18px;border-radius:4px}</style></head><body>\n"
        '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f4f4f4">'
        '<tr><td align="center"><table role="presentation" width="600" style="background:#ffffff">\n'
        f'<tr><td style="padding:24px;font-size:22px;font-weight:bold">{title}</td></tr>\n{body}'
        f'<tr><td style="padding:24px"><a class="btn" href="{link}">Read more</a></td></tr>\n'
        f'<tr><td style="padding:24px;font-size:11px;color:#888888">You received this email because you signed up. '
        f'<a href="{link}/unsubscribe">Unsubscribe</a> | <a href="{link}/preferences">Preferences</a></td></tr>\n'
        "</table></td></tr></table></body></html>\n"
    )
