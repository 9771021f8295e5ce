from inboxcoach.core.rules.program_mail import rank_inquiry

from .helpers import activity, at, context, msg

ASK = ("where do you plan to rank us",)


def test_a_program_asking_how_it_will_be_ranked_fires() -> None:
    a = activity("A", [msg("q", "A", at(2027, 1, 15), direction="in", rank_inquiry=ASK)])
    [finding] = rank_inquiry(context(a))
    assert finding.rule == "rank-inquiry"
    assert finding.severity == "warning"
    assert finding.programs == ("A",)
    assert finding.message_ids == ("<q>",)
    assert "NRMP does not allow programs to ask this" in finding.text
    assert "decline" in finding.text


def test_ordinary_program_mail_fires_nothing() -> None:
    a = activity("A", [msg("q", "A", at(2027, 1, 15), direction="in", invitation=True)])
    assert list(rank_inquiry(context(a))) == []


def test_the_applicant_s_own_words_are_not_an_inquiry() -> None:
    a = activity("A", [msg("out", "A", at(2027, 1, 15), rank_inquiry=ASK)])
    assert list(rank_inquiry(context(a))) == []
