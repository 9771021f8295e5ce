from inboxcoach.core.rules.program_mail import prematch_offer

from .helpers import activity, at, context, msg

OFFER = ("we would like to offer you a position",)
QUESTION = "Is this position participating in the NRMP Match, or is it outside the Match system?"


def test_an_offer_before_match_day_fires_with_the_question_to_ask() -> None:
    a = activity("A", [msg("o", "A", at(2027, 1, 15), direction="in", offer=OFFER)])
    [finding] = prematch_offer(context(a))
    assert finding.rule == "prematch-offer"
    assert finding.severity == "critical"
    assert finding.programs == ("A",)
    assert finding.message_ids == ("<o>",)
    assert QUESTION in finding.text
    assert "GME office, a mentor or a lawyer" in finding.text
    assert "may not offer a contract before Match Day" in finding.text


def test_an_offer_outside_the_match_fires_too() -> None:
    a = activity("A", [msg("o", "A", at(2027, 1, 15), direction="in", offer=OFFER)], nrmp=False)
    [finding] = prematch_offer(context(a))
    assert QUESTION in finding.text
    assert "may not offer" not in finding.text


def test_an_offer_on_or_after_match_day_fires_nothing() -> None:
    a = activity(
        "A",
        [
            msg("match-day", "A", at(2027, 3, 19, 13), direction="in", offer=OFFER),
            msg("later", "A", at(2027, 3, 22), direction="in", offer=OFFER),
        ],
    )
    assert list(prematch_offer(context(a, as_of=at(2027, 3, 23)))) == []


def test_an_offer_the_day_before_match_day_fires() -> None:
    a = activity("A", [msg("o", "A", at(2027, 3, 18, 23), direction="in", offer=OFFER)])
    assert len(list(prematch_offer(context(a, as_of=at(2027, 3, 19))))) == 1


def test_the_applicant_s_own_words_are_not_an_offer() -> None:
    a = activity("A", [msg("out", "A", at(2027, 1, 15), offer=OFFER)])
    assert list(prematch_offer(context(a))) == []
