from inboxcoach.core.rules.comparison import mass_email

from .helpers import activity, at, context, msg

SIG = tuple(range(32))


def near(changed: int) -> tuple[int, ...]:
    """SIG with the first ``changed`` slots different."""
    return tuple(-1 - i if i < changed else v for i, v in enumerate(SIG))


def test_the_same_body_to_three_programs_is_one_finding_naming_all() -> None:
    programs = [
        activity(name, [msg(f"{name}1", name, at(2027, 1, day), fingerprint="f1")])
        for name, day in (("A", 12), ("B", 10), ("C", 11))
    ]
    [finding] = mass_email(context(*programs))
    assert finding.rule == "mass-email"
    assert finding.severity == "warning"
    assert finding.programs == ("B", "C", "A")
    assert finding.message_ids == ("<B1>", "<C1>", "<A1>")
    assert finding.draft is False
    assert "3 programs" in finding.text


def test_two_programs_are_not_a_mass_email() -> None:
    a = activity("A", [msg("a", "A", at(2027, 1, 10), fingerprint="f1")])
    b = activity("B", [msg("b", "B", at(2027, 1, 11), fingerprint="f1")])
    assert list(mass_email(context(a, b))) == []


def test_the_same_body_to_one_program_three_times_is_not_a_mass_email() -> None:
    a = activity("A", [msg(f"a{i}", "A", at(2027, 1, 10 + i), fingerprint="f1") for i in range(3)])
    assert list(mass_email(context(a))) == []


def test_near_duplicates_group_by_similarity() -> None:
    a = activity("A", [msg("a", "A", at(2027, 1, 10), fingerprint="x", minhash=SIG)])
    b = activity("B", [msg("b", "B", at(2027, 1, 11), fingerprint="y", minhash=near(6))])
    c = activity("C", [msg("c", "C", at(2027, 1, 12), fingerprint="z", minhash=near(3))])
    [finding] = mass_email(context(a, b, c))
    assert finding.programs == ("A", "B", "C")


def test_different_bodies_fire_nothing() -> None:
    a = activity("A", [msg("a", "A", at(2027, 1, 10), fingerprint="x", minhash=SIG)])
    b = activity("B", [msg("b", "B", at(2027, 1, 11), fingerprint="y", minhash=near(7))])
    c = activity("C", [msg("c", "C", at(2027, 1, 12), fingerprint="z", minhash=near(20))])
    assert list(mass_email(context(a, b, c))) == []


def test_empty_fingerprints_are_not_the_same_body() -> None:
    programs = [activity(n, [msg(n, n, at(2027, 1, 10))]) for n in "ABC"]
    assert list(mass_email(context(*programs))) == []


def test_one_message_to_several_programs_counts_for_each() -> None:
    a = activity("A", [msg("m", "A", at(2027, 1, 10), fingerprint="f1")])
    b = activity("B", [msg("m", "B", at(2027, 1, 10), fingerprint="f1")])
    c = activity("C", [msg("c", "C", at(2027, 1, 11), fingerprint="f1")])
    [finding] = mass_email(context(a, b, c))
    assert finding.programs == ("A", "B", "C")
    assert finding.message_ids == ("<m>", "<c>")


def test_drafts_do_not_count() -> None:
    a = activity("A", [msg("a", "A", at(2027, 1, 10), fingerprint="f1")])
    b = activity("B", [msg("b", "B", at(2027, 1, 11), fingerprint="f1")])
    c = activity("C", [msg("c", "C", at(2027, 1, 12), draft=True, fingerprint="f1")])
    assert list(mass_email(context(a, b, c))) == []


def test_short_notes_are_never_the_same_text() -> None:
    # "Noted with thanks." / "Noted, I will join on time." share shingles by chance
    programs = [
        activity(name, [msg(f"{name}1", name, at(2027, 1, 10), minhash=SIG, word_count=6)]) for name in "ABC"
    ]
    assert list(mass_email(context(*programs))) == []


def test_replies_that_are_not_contacts_are_not_a_mass_email() -> None:
    programs = [
        activity(name, [msg(f"{name}1", name, at(2027, 1, 10), fingerprint="f1", contact=False, kind="reply")])
        for name in "ABC"
    ]
    assert list(mass_email(context(*programs))) == []
