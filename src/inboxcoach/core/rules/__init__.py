"""The rules of the SPEC: one small pure function per rule, named after the rule.

Each rule takes a :class:`RuleContext` (plain data, no I/O) and yields
:class:`~inboxcoach.core.model.Finding` objects. ``RULES`` maps every rule name to its
severity and function; ``run_rules`` applies all that are not ignored.

Where each rule lives (function = rule name with underscores):

- ``rules/counting.py``: over-contact-limit, at-contact-limit, repeat-after-silence,
  quiet-program
- ``rules/content.py``: conditional-commitment, template-placeholder,
  wrong-program-name, desperate-tone, emotional-tone, feedback-request
- ``rules/comparison.py``: multiple-first-choice, mass-email,
  same-request-multiple-faculty
- ``rules/timing.py``: late-thank-you, first-choice-outside-window
- ``rules/program_mail.py``: prematch-offer, rank-inquiry, contact-despite-policy

``rules/context.py`` holds :class:`RuleContext`; ``rules/_common.py`` the shared
helpers (one message once across programs, body similarity, wording).
"""

from __future__ import annotations

import logging
from collections.abc import Collection

from inboxcoach.core.model import Finding, Severity

log = logging.getLogger(__name__)

RULE_NAMES: tuple[str, ...] = (
    "over-contact-limit",
    "at-contact-limit",
    "multiple-first-choice",
    "conditional-commitment",
    "template-placeholder",
    "wrong-program-name",
    "desperate-tone",
    "emotional-tone",
    "feedback-request",
    "mass-email",
    "same-request-multiple-faculty",
    "repeat-after-silence",
    "late-thank-you",
    "first-choice-outside-window",
    "prematch-offer",
    "rank-inquiry",
    "contact-despite-policy",
    "quiet-program",
)

# The rule modules import RuleContext from .context, never from this package, so
# importing them here after RULE_NAMES makes no cycle.
from inboxcoach.core.rules import comparison, content, counting, program_mail, timing  # noqa: E402
from inboxcoach.core.rules.context import Rule, RuleContext  # noqa: E402

RULES: dict[str, tuple[Severity, Rule]] = {
    "over-contact-limit": (counting.OVER_CONTACT_LIMIT, counting.over_contact_limit),
    "at-contact-limit": (counting.AT_CONTACT_LIMIT, counting.at_contact_limit),
    "multiple-first-choice": (comparison.MULTIPLE_FIRST_CHOICE, comparison.multiple_first_choice),
    "conditional-commitment": (content.CONDITIONAL_COMMITMENT, content.conditional_commitment),
    "template-placeholder": (content.TEMPLATE_PLACEHOLDER, content.template_placeholder),
    "wrong-program-name": (content.WRONG_PROGRAM_NAME, content.wrong_program_name),
    "desperate-tone": (content.DESPERATE_TONE, content.desperate_tone),
    "emotional-tone": (content.EMOTIONAL_TONE, content.emotional_tone),
    "feedback-request": (content.FEEDBACK_REQUEST, content.feedback_request),
    "mass-email": (comparison.MASS_EMAIL, comparison.mass_email),
    "same-request-multiple-faculty": (
        comparison.SAME_REQUEST_MULTIPLE_FACULTY,
        comparison.same_request_multiple_faculty,
    ),
    "repeat-after-silence": (counting.REPEAT_AFTER_SILENCE, counting.repeat_after_silence),
    "late-thank-you": (timing.LATE_THANK_YOU, timing.late_thank_you),
    "first-choice-outside-window": (
        timing.FIRST_CHOICE_OUTSIDE_WINDOW,
        timing.first_choice_outside_window,
    ),
    "prematch-offer": (program_mail.PREMATCH_OFFER, program_mail.prematch_offer),
    "rank-inquiry": (program_mail.RANK_INQUIRY, program_mail.rank_inquiry),
    "contact-despite-policy": (
        program_mail.CONTACT_DESPITE_POLICY,
        program_mail.contact_despite_policy,
    ),
    "quiet-program": (counting.QUIET_PROGRAM, counting.quiet_program),
}

SEVERITY_ORDER: dict[Severity, int] = {"critical": 0, "warning": 1, "info": 2}


def finding_order(finding: Finding) -> tuple[int, bool, tuple[str, ...]]:
    """Sort key: critical, warning, info; drafts first within a severity; then program names."""
    return (
        SEVERITY_ORDER[finding.severity],
        not finding.draft,
        tuple(name.casefold() for name in finding.programs),
    )


def run_rules(ctx: RuleContext, ignore: Collection[str] = ()) -> list[Finding]:
    """Apply every rule not named in ``ignore`` and return the findings, sorted.

    Order: critical, warning, info; drafts first within a severity; then by program
    name; ties keep the order of ``RULE_NAMES``. Raises ``ValueError`` when
    ``ignore`` names a rule that does not exist (a typo would silently do nothing).
    """
    unknown = sorted(set(ignore) - set(RULES))
    if unknown:
        raise ValueError(f"unknown rule {unknown[0]!r}; rules are: {', '.join(RULE_NAMES)}")
    findings: list[Finding] = []
    for name in RULE_NAMES:
        if name not in ignore:
            try:
                findings.extend(RULES[name][1](ctx))
            except Exception as exc:  # noqa: BLE001 - one rule's fault must not cost the digest
                log.error("rule %s failed (%s: %s); its findings are missing", name, type(exc).__name__, exc)
    return sorted(findings, key=finding_order)


__all__ = ["RULES", "RULE_NAMES", "Rule", "RuleContext", "finding_order", "run_rules"]
