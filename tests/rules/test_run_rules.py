from datetime import date

import pytest

from inboxcoach.core.rules import RULE_NAMES, RULES, RuleContext, run_rules

from .helpers import activity, at, context, msg

NUMBER_ONE = ("you are my #1 choice",)


def busy_season() -> RuleContext:
    """Programs that trip critical, warning and info rules, with a draft."""
    a = activity(
        "Alpha",
        [msg(f"a{i}", "Alpha", at(2026, 12, i + 1)) for i in range(4)]
        + [msg("a-one", "Alpha", at(2027, 1, 5), first_choice=NUMBER_ONE)],
    )
    b = activity(
        "Beta",
        [
            msg("b-one", "Beta", at(2027, 1, 6), first_choice=NUMBER_ONE),
            msg("b-draft", "Beta", at(2027, 1, 19), draft=True, placeholders=("[your name]",)),
        ],
    )
    c = activity(
        "Cedar",
        [
            msg("c1", "Cedar", at(2026, 11, 20)),
            msg("c-draft", "Cedar", at(2027, 1, 19), draft=True, desperate=("my only hope",)),
        ],
        interview_date=date(2026, 11, 1),
    )
    return context(a, b, c)


def test_rules_cover_exactly_the_rule_names_and_are_named_after_them() -> None:
    assert set(RULES) == set(RULE_NAMES)
    assert len(RULES) == len(RULE_NAMES) == 18
    for name, (severity, rule) in RULES.items():
        assert rule.__name__ == name.replace("-", "_")
        assert severity in ("critical", "warning", "info")
        assert rule.__doc__


def test_findings_are_sorted_by_severity_then_drafts_then_program() -> None:
    findings = run_rules(busy_season())
    assert [(f.rule, f.draft, f.programs) for f in findings] == [
        ("template-placeholder", True, ("Beta",)),
        ("multiple-first-choice", False, ("Alpha", "Beta")),
        ("desperate-tone", True, ("Cedar",)),
        ("over-contact-limit", False, ("Alpha",)),
        ("quiet-program", False, ("Alpha",)),
        ("quiet-program", False, ("Beta",)),
        ("late-thank-you", False, ("Cedar",)),
        ("quiet-program", False, ("Cedar",)),
    ]


def test_every_finding_has_the_severity_of_its_rule() -> None:
    for finding in run_rules(busy_season()):
        assert finding.severity == RULES[finding.rule][0]


def test_ignored_rules_do_not_run() -> None:
    ctx = busy_season()
    findings = run_rules(ctx, ignore=("multiple-first-choice", "quiet-program"))
    rules = {f.rule for f in findings}
    assert "multiple-first-choice" not in rules and "quiet-program" not in rules
    assert {"template-placeholder", "over-contact-limit", "late-thank-you"} <= rules


def test_ignoring_every_rule_gives_no_findings() -> None:
    assert run_rules(busy_season(), ignore=RULE_NAMES) == []


def test_an_unknown_rule_name_is_an_error() -> None:
    with pytest.raises(ValueError, match="multiple-first-choise"):
        run_rules(busy_season(), ignore=("multiple-first-choise",))
