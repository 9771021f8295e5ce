"""emotional: complaints or venting about programs or the process."""

from __future__ import annotations

import pytest

from .helpers import features


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
