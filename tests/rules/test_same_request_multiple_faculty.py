from inboxcoach.rules.comparison import same_request_multiple_faculty

from .helpers import activity, at, context, msg


def test_the_same_request_to_two_faculty_of_one_program_fires() -> None:
    a = activity(
        "A",
        [
            msg("m1", "A", at(2027, 1, 10), to=("dr.x@a.edu",), request=True, fingerprint="f"),
            msg("m2", "A", at(2027, 1, 10, 13), to=("dr.y@a.edu",), request=True, fingerprint="f"),
        ],
    )
    [finding] = same_request_multiple_faculty(context(a))
    assert finding.rule == "same-request-multiple-faculty"
    assert finding.severity == "warning"
    assert finding.programs == ("A",)
    assert finding.message_ids == ("<m1>", "<m2>")
    assert "2 separate messages to 2 people at A" in finding.text


def test_the_same_request_to_the_same_person_twice_fires_nothing() -> None:
    a = activity(
        "A",
        [
            msg("m1", "A", at(2027, 1, 10), to=("dr.x@a.edu",), request=True, fingerprint="f"),
            msg("m2", "A", at(2027, 1, 20), to=("dr.x@a.edu",), request=True, fingerprint="f"),
        ],
    )
    assert list(same_request_multiple_faculty(context(a))) == []


def test_one_message_to_two_people_is_not_separate_messages() -> None:
    a = activity(
        "A",
        [
            msg(
                "m",
                "A",
                at(2027, 1, 10),
                to=("dr.x@a.edu", "dr.y@a.edu"),
                request=True,
                fingerprint="f",
            )
        ],
    )
    assert list(same_request_multiple_faculty(context(a))) == []


def test_different_bodies_or_no_request_fire_nothing() -> None:
    a = activity(
        "A",
        [
            msg("m1", "A", at(2027, 1, 10), to=("dr.x@a.edu",), request=True, fingerprint="f"),
            msg("m2", "A", at(2027, 1, 11), to=("dr.y@a.edu",), request=True, fingerprint="g"),
            msg("m3", "A", at(2027, 1, 12), to=("dr.z@a.edu",), fingerprint="f"),
        ],
    )
    assert list(same_request_multiple_faculty(context(a))) == []


def test_the_same_request_to_two_programs_is_not_this_rule() -> None:
    a = activity(
        "A", [msg("a", "A", at(2027, 1, 10), to=("x@a.edu",), request=True, fingerprint="f")]
    )
    b = activity(
        "B", [msg("b", "B", at(2027, 1, 10), to=("y@b.edu",), request=True, fingerprint="f")]
    )
    assert list(same_request_multiple_faculty(context(a, b))) == []


def test_drafts_do_not_count() -> None:
    a = activity(
        "A",
        [
            msg("m1", "A", at(2027, 1, 10), to=("dr.x@a.edu",), request=True, fingerprint="f"),
            msg(
                "d",
                "A",
                at(2027, 1, 11),
                to=("dr.y@a.edu",),
                draft=True,
                request=True,
                fingerprint="f",
            ),
        ],
    )
    assert list(same_request_multiple_faculty(context(a))) == []
