"""Ingest bookkeeping: which messages may belong to a program, decided incrementally."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from builders import ME, msg
from inboxcoach.config import parse_config
from inboxcoach.core.matching import MatchIndex
from inboxcoach.ingest.candidacy import update_candidates
from inboxcoach.store import Sighting, Store


def config(*domains: str):  # type: ignore[no-untyped-def]
    return parse_config(
        {
            "account": {"email": ME},
            "season": {"match_year": 2027},
            "programs": [{"name": f"P {d}", "domains": [d]} for d in domains],
        }
    )


def add(store: Store, *messages) -> None:  # type: ignore[no-untyped-def]
    store.add_sightings(Sighting(m.envelope, m.folder, m.role, "src", m.envelope.key) for m in messages)


def run(store: Store, cfg) -> set[str]:  # type: ignore[no-untyped-def]
    index = MatchIndex.build(cfg.program_list, cfg.account.addresses, cfg.matching.platform_senders)
    update_candidates(store, cfg, index)
    return store.candidate_keys()


def test_new_messages_are_decided_and_old_ones_kept(tmp_path: Path) -> None:
    cfg = config("lakeside.example")
    with Store(tmp_path / "db") as store:
        add(store, msg(key="a@x", to=("pd@lakeside.example",)), msg(key="n@x", frm="shop@x.example", to=(ME,)))
        assert run(store, cfg) == {"a@x"}
        add(store, msg(key="b@x", frm="pd@lakeside.example", to=(ME,)))
        assert run(store, cfg) == {"a@x", "b@x"}
        assert store.unchecked_envelopes() == []


def test_older_reply_becomes_candidate_when_its_parent_arrives(tmp_path: Path) -> None:
    cfg = config("lakeside.example")
    with Store(tmp_path / "db") as store:
        # a reply from a personal address, stored before the message it answers
        add(store, msg(key="reply@x", frm="drlee@gmail.example", to=(ME,), in_reply_to=("orig@x",)))
        assert run(store, cfg) == set()
        add(store, msg(key="orig@x", to=("pd@lakeside.example",)))
        assert run(store, cfg) == {"orig@x", "reply@x"}


def test_config_change_decides_everything_again(tmp_path: Path) -> None:
    with Store(tmp_path / "db") as store:
        add(store, msg(key="a@x", to=("pd@lakeside.example",)), msg(key="r@x", to=("pd@riverside.example",)))
        assert run(store, config("lakeside.example")) == {"a@x"}
        assert run(store, config("lakeside.example", "riverside.example")) == {"a@x", "r@x"}
        assert run(store, config("riverside.example")) == {"r@x"}


def test_header_verdicts_stored_with_the_message_are_used_and_followed(tmp_path: Path) -> None:
    cfg = config("lakeside.example")
    index = MatchIndex.build(cfg.program_list, cfg.account.addresses, cfg.matching.platform_senders)
    with Store(tmp_path / "db") as store:
        run(store, cfg)  # the decisions are up to date for this config: new ones may come judged
        older = msg(key="reply@x", frm="drlee@gmail.example", to=(ME,), in_reply_to=("orig@x",))
        store.add_sightings([Sighting(older.envelope, "INBOX", "inbox", "src", "1", candidate=False)])
        assert run(store, cfg) == set()
        new = [
            msg(key="orig@x", to=("pd@lakeside.example",)),  # a header candidate
            msg(key="child@x", frm="friend@gmail.example", to=(ME,), in_reply_to=("orig@x",)),
            msg(key="shop@x", frm="shop@x.example", to=(ME,)),
        ]
        store.add_sightings(
            Sighting(m.envelope, m.folder, m.role, "src", m.envelope.key, index.may_belong(m.envelope, m.role))
            for m in new
        )
        assert run(store, cfg) == {"orig@x", "child@x", "reply@x"}
        assert store.unchecked_threads() == []


def test_what_an_interrupted_pass_left_undecided_is_decided_at_the_end_of_the_next(tmp_path: Path) -> None:
    """A pass decides threads once, at its end; one interrupted before it leaves a reply
    read before its parent undecided, and the next pass's end settles it, with a new
    reply to that reply."""
    from inboxcoach.ingest.candidacy import prepare_candidates

    cfg = config("lakeside.example")

    def store_as_a_pass_does(store: Store, *messages) -> None:  # type: ignore[no-untyped-def]
        judge = prepare_candidates(store, cfg)
        store.add_sightings(
            Sighting(m.envelope, m.folder, m.role, "src", m.envelope.key, judge(m.envelope, m.role)) for m in messages
        )

    with Store(tmp_path / "db") as store:
        reply = msg(key="reply@x", frm="drlee@gmail.example", to=(ME,), in_reply_to=("orig@x",))
        store_as_a_pass_does(store, reply, msg(key="orig@x", to=("pd@lakeside.example",)))
        assert store.candidate_keys() == {"orig@x"}  # interrupted: the reply is not decided yet
        later = msg(key="later@x", frm="drlee@gmail.example", to=(ME,), in_reply_to=("reply@x",))
        store_as_a_pass_does(store, later)
        assert run(store, cfg) == {"orig@x", "reply@x", "later@x"}  # the end of the second pass
        assert store.unchecked_envelopes() == []


def test_a_long_thread_is_walked_the_same_in_memory_as_by_queries(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Replies read before the message that makes their thread a program's: a chain 40
    deep with side branches, and an unrelated thread. Past QUERIED_LEVELS the walk goes
    on in memory; asking the store at every level finds the same."""
    from inboxcoach.ingest import candidacy

    cfg = config("lakeside.example")
    chain = [msg(key=f"c{i}@x", frm=f"p{i}@gmail.example", to=(ME,), in_reply_to=(f"c{i - 1}@x",)) for i in range(1, 41)]
    side = [msg(key=f"s{i}@x", frm="x@gmail.example", to=(ME,), references=(f"c{i}@x",)) for i in range(7, 40, 7)]
    other = [msg(key=f"o{i}@x", frm="y@gmail.example", to=(ME,), in_reply_to=(f"o{i - 1}@x",)) for i in range(1, 10)]
    expected = {"c0@x", *(m.envelope.key for m in chain + side)}
    for levels in (candidacy.QUERIED_LEVELS, 10**6):
        monkeypatch.setattr(candidacy, "QUERIED_LEVELS", levels)
        with Store(tmp_path / f"db{levels}") as store:
            add(store, *chain, *side, *other)
            assert run(store, cfg) == set()
            add(store, msg(key="c0@x", to=("pd@lakeside.example",)))
            assert run(store, cfg) == expected, levels


def _follow_plainly(marked: set[str], waiting: list[tuple[str, tuple[str, ...]]], known: set[str]) -> set[str]:
    """The definition: mark any waiting message naming a marked or known one, until nothing changes."""
    marked = set(marked)
    grew = True
    while grew:
        grew = False
        for key, refs in waiting:
            if key not in marked and any(ref in marked or ref in known for ref in refs):
                marked.add(key)
                grew = True
    return marked


_KEYS = st.sampled_from([f"k{i}" for i in range(12)])


@given(
    st.sets(_KEYS, max_size=3),
    st.lists(st.tuples(_KEYS, st.lists(_KEYS, max_size=3).map(tuple)), max_size=15),
    st.sets(_KEYS, max_size=3),
)
def test_threads_are_followed_as_the_definition_says(
    marked: set[str], waiting: list[tuple[str, tuple[str, ...]]], known: set[str]
) -> None:
    from inboxcoach.core.candidacy import _follow_threads

    waiting = [(key, refs) for key, refs in waiting if key not in marked]  # as callers pass them
    expected = _follow_plainly(marked, waiting, known)
    walked = set(marked)
    _follow_threads(walked, waiting, known)
    assert walked == expected
