"""Rules about the applicant's own words in one message (sent or draft).

``conditional-commitment``, ``template-placeholder``, ``wrong-program-name``,
``desperate-tone``, ``emotional-tone``, ``feedback-request``. Each judges one
outbound message; a message matched to two programs gives one finding naming both.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from inboxcoach.core.model import Features, Finding, MessageView, Severity
from inboxcoach.core.rules._common import join_names, quoted, unique_messages, your_message
from inboxcoach.core.rules.context import RuleContext

CONDITIONAL_COMMITMENT: Severity = "warning"
TEMPLATE_PLACEHOLDER: Severity = "critical"
WRONG_PROGRAM_NAME: Severity = "critical"
DESPERATE_TONE: Severity = "warning"
EMOTIONAL_TONE: Severity = "warning"
FEEDBACK_REQUEST: Severity = "warning"

# (phrase, draft, program names) -> text
_Wording = Callable[[str, bool, str], str]


def _outbound(message: MessageView) -> bool:
    return message.direction == "out"


def _per_message(
    ctx: RuleContext,
    rule: str,
    severity: Severity,
    phrases: Callable[[Features], tuple[str, ...]],
    wording: _Wording,
) -> Iterator[Finding]:
    """One finding per outbound message whose feature ``phrases`` is non-empty."""
    for message, programs in unique_messages(ctx, _outbound):
        found = phrases(message.features)
        if found:
            yield Finding(
                rule=rule,
                severity=severity,
                programs=programs,
                message_ids=(message.message_id,),
                text=wording(quoted(found, message.features), message.draft, join_names(programs)),
                draft=message.draft,
            )


def conditional_commitment(ctx: RuleContext) -> Iterator[Finding]:
    """One finding per outbound message with an implied promise ("I will sign if …")."""
    return _per_message(
        ctx,
        "conditional-commitment",
        CONDITIONAL_COMMITMENT,
        lambda f: f.conditional_commitment,
        lambda phrase, draft, names: (
            f"{your_message(draft)} to {names} reads as a promise tied to the ranking "
            f"({phrase}). Good practice is to express genuine interest without "
            "conditions or commitments."
        ),
    )


def template_placeholder(ctx: RuleContext) -> Iterator[Finding]:
    """One finding per outbound message with unfilled template text ("[Institution Name]")."""
    return _per_message(
        ctx,
        "template-placeholder",
        TEMPLATE_PLACEHOLDER,
        lambda f: f.placeholders,
        lambda phrase, draft, names: (
            f"{your_message(draft)} to {names} contains unfilled template text ({phrase}). "
            "A message written for one program, with its own name and details, reads best."
        ),
    )


def desperate_tone(ctx: RuleContext) -> Iterator[Finding]:
    """One finding per outbound message with desperate wording ("my only hope")."""
    return _per_message(
        ctx,
        "desperate-tone",
        DESPERATE_TONE,
        lambda f: f.desperate,
        lambda phrase, draft, names: (
            f"{your_message(draft)} to {names} includes wording that can read as "
            f"desperate ({phrase}). A calm, confident note about your interest and "
            "what you bring serves you better."
        ),
    )


def emotional_tone(ctx: RuleContext) -> Iterator[Finding]:
    """One finding per outbound message complaining or venting about programs or the process."""
    return _per_message(
        ctx,
        "emotional-tone",
        EMOTIONAL_TONE,
        lambda f: f.emotional,
        lambda phrase, draft, names: (
            f"{your_message(draft)} to {names} includes a complaint or strong feeling "
            f"about the process ({phrase}). Good practice is to keep messages to "
            "programs positive and brief; the season is hard for everyone."
        ),
    )


def feedback_request(ctx: RuleContext) -> Iterator[Finding]:
    """One finding per outbound message asking why there was no interview, or for feedback."""
    return _per_message(
        ctx,
        "feedback-request",
        FEEDBACK_REQUEST,
        lambda f: f.feedback_request,
        lambda phrase, draft, names: (
            f"{your_message(draft)} to {names} asks for feedback on your application "
            f"({phrase}). Programs rarely answer this during the season, and the "
            "request can leave an awkward impression."
        ),
    )


def wrong_program_name(ctx: RuleContext) -> Iterator[Finding]:
    """One finding per (outbound message, program A) where the text names another program, not A.

    "Another program" is a configured program that is not itself a recipient of the
    message; a message naming its own program as well fires nothing. The finding
    names A; the other name goes in the text.
    """
    configured = {activity.program.name for activity in ctx.activities}
    for message, programs in unique_messages(ctx, _outbound):
        mentions = message.features.mentions
        others = [name for name in mentions if name in configured and name not in programs]
        if not others:
            continue
        for program in programs:
            if program in mentions:
                continue
            yield Finding(
                rule="wrong-program-name",
                severity=WRONG_PROGRAM_NAME,
                programs=(program,),
                message_ids=(message.message_id,),
                text=(
                    f"{your_message(message.draft)} to {program} names {join_names(others)} "
                    f"but not {program}. This looks like a mail-merge slip; good practice "
                    "is to check the program name in every message before it goes out."
                ),
                draft=message.draft,
            )
