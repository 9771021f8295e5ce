"""Message kinds: what a message is, decided from its :class:`Features` alone.

The kinds are those of the SPEC's report (``model.OUTBOUND_KINDS`` and
``model.INBOUND_KINDS``). Each message gets exactly one kind, chosen by a fixed
priority so that the kind which matters most for the applicant wins when a message
is several things at once.
"""

from __future__ import annotations

from inboxcoach.core.model import Features

__all__ = ["classify_inbound", "classify_outbound"]


def classify_outbound(features: Features, *, is_reply: bool) -> str:
    """Return the kind of a message the applicant wrote.

    One of ``rank_statement``, ``thank_you``, ``update``, ``logistics``, ``reply``,
    ``other``, in that priority:

    - ``rank_statement``: a "#1 / first choice / I will rank you first" statement. It
      wins over everything because a thank-you that says "you are my #1" is what
      ``multiple-first-choice`` and the ranking window care about. "Top choice" and
      "rank you highly" are not first-choice statements and do not make it one.
    - ``thank_you`` over ``update``: a post-interview note that also says "I remain
      very interested" is still the thank-you, the first message after the interview.
    - a letter that says "I will rank you highly" or "you are one of my top choices"
      (``rank_interest``) is a ``rank_statement`` unless it is the thank-you.
    - ``update`` over ``logistics``: a letter of interest that asks about the second
      look is the update.
    - ``reply``: an answer in a thread (``is_reply``) that is none of the above.
    - ``other``: everything else (an inquiry before the interview, a question).
    """
    if features.first_choice:
        return "rank_statement"
    if features.thank_you:
        return "thank_you"
    if features.rank_interest:  # "I will rank you highly": a ranking message, short of #1
        return "rank_statement"
    if features.update:
        return "update"
    if features.logistics:
        return "logistics"
    if is_reply:
        return "reply"
    return "other"


def classify_inbound(features: Features, *, automated: bool, platform: bool) -> str:
    """Return the kind of a message a program (or a platform on its behalf) sent.

    One of ``offer``, ``rank_inquiry``, ``rejection``, ``invitation``, ``automated``,
    ``reply``, ``other``, in that priority:

    - ``offer`` first: a contract or commitment request is the one thing the
      applicant must not miss (``prematch-offer`` is critical), even when it sits in
      an automated mail or a friendly reply.
    - ``rank_inquiry`` next: an NRMP violation the applicant may decline to answer.
    - ``rejection`` over ``invitation``: a rejection often mentions the interview it
      is not offering ("not able to extend an invitation"), never the reverse.
    - ``invitation`` over ``automated``: platform invitations (Thalamus, ERAS) are
      invitations first.
    - ``automated``: ``automated`` headers (Auto-Submitted, Precedence, List-Id) or a
      platform sender, with nothing above.
    - ``reply``: written by a person at the program (not automated, not a platform).
    - ``other``: a person's message with no words to judge (``word_count`` is 0:
      never analysed, or an empty body such as a bare calendar invite).
    """
    if features.offer:
        return "offer"
    if features.rank_inquiry:
        return "rank_inquiry"
    if features.rejection:
        return "rejection"
    if features.invitation:
        return "invitation"
    if automated or platform:
        return "automated"
    if features.word_count == 0:
        return "other"
    return "reply"
