"""CPU cost per message of the analysis path alone: in-process, no IMAP, no store.

    .venv/bin/python bench/analysis_bench.py [--count 300] [--json bench/results/analysis-....json]

Not part of `make test`. Messages come from bench/mailgen.py's English mixes; each
kind is timed message by message with ``time.process_time`` (after a few untimed
warm-up messages, which pay for the parsers' imports):

- **a. no-reply newsletter, names no program**: a residency-advice newsletter from a
  no-reply sender whose subject says residency / program / interview / match;
- **a. platform mail, names no program**: a notification from a configured platform
  (thalamusgme.com, aamc.org, interviewbroker.com) that names no configured program.
  For both, the figure is everything the pipeline spends on such a message once its
  header block is read: the candidacy test, and the body analysis where the test
  says the message may belong to a program (target: 0.3 ms in all);
- **b. inbound program message**: a coordinator's message (invitations, itineraries,
  answers quoting the applicant, some with a PDF): the analysis of a candidate's body
  (target 2 ms);
- **c. outbound program message, 3 KB**: the applicant's letter with about 3 KB of
  text of their own (target 6 ms).

"path" is the pipeline's own call (candidacy test + ``analyse_body`` with the
message's direction); the stage columns time the stages separately, as far as the
code allows calling them one by one: **parse** (attachments dropped from a large
message, mail-parser, HTML to text; measured as ``parse_body`` minus ``own_words``),
**own words** (quote and signature stripping, mail-parser-reply), **detectors**
(``features.analyze`` minus the fingerprint), **fingerprint** (normalisation and
MinHash; outbound only), and **names** (the program-name test alone over subject and
text: a lower bound for a cheap "does it name a program?" check). Every figure is the
median (and 95th percentile) over the messages, in ms of CPU.

When the code moves (issue 11 restructures src/), update the class ``Code`` below
and nothing else: it is this script's only tie to inboxcoach. A stage the new code
no longer offers can return ``None``: its column then says "n/a".
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import benchlib  # noqa: E402
import mailgen  # noqa: E402

WARM_UP = 5


# -- the code under test: this script's only tie to inboxcoach ------------------------------
class Code:
    """The analysis path and its stages, called as the pipeline calls them today."""

    def __init__(self, config_toml: str) -> None:
        from inboxcoach import detectors
        from inboxcoach.config import parse_config
        from inboxcoach.core.body import parse_body, strip_attachments
        from inboxcoach.core.matching import match_index
        from inboxcoach.core.parse import header_block, read_envelope
        from inboxcoach.core.text import own_words
        from inboxcoach.detectors import fingerprint, program_names
        from inboxcoach.detectors.namecheck import program_named_in
        from inboxcoach.ingest.worker import STRIP_ABOVE, analyse_body
        from inboxcoach.core.candidacy import CandidateJudge

        config = parse_config(tomllib.loads(config_toml))
        self.programs = config.program_list
        self._index = match_index(config)
        self._judge = CandidateJudge(self._index, set)  # no earlier candidates: headers decide
        self._detectors, self._analyse_body, self._parse_body = detectors, analyse_body, parse_body
        self._fingerprint, self._names, self._named_in = fingerprint, program_names, program_named_in
        self._strip, self._strip_above = strip_attachments, STRIP_ABOVE
        self._header_block, self._read_envelope, self._own_words = header_block, read_envelope, own_words
        self._named_only: dict[str, bool] = {}

    def judge(self, raw: bytes, role: str) -> tuple[bool, str]:
        """The candidacy test on a message's header block: (may belong to a program, subject)."""
        envelope = self._read_envelope(self._header_block(raw), len(raw))
        if not hasattr(envelope, "subject"):
            return False, ""
        self._named_only[envelope.subject] = self._index.named_only(envelope, role)
        return self._judge(envelope, role), envelope.subject

    def prepare(self, raw: bytes) -> bytes:
        """What the body analyser does to a body before it is analysed (drop attachments)."""
        return self._strip(raw) if len(raw) > self._strip_above else raw

    def analyse(self, raw: bytes, subject: str, direction: str) -> object:
        """What the body analyser runs on a candidate's body: platform and no-reply
        mail first passes the cheap program-name test, and naming none is done."""
        if self._named_only.get(subject) and not self._named_in(raw, subject, self.programs):
            return None
        return self._analyse_body(self.prepare(raw), subject, self.programs, direction)

    # Stages, for the split (None: not separately callable).
    def parse(self, raw: bytes) -> str | None:
        """The whole parse (own words included); returns the text."""
        return str(self._parse_body(self.prepare(raw)).text)

    def own_words(self, text: str) -> str | None:
        return str(self._own_words(text))

    def detectors(self, subject: str, own: str, direction: str) -> object | None:
        """Everything ``analyze`` does (the fingerprint included, for outbound)."""
        return self._detectors.analyze(subject, own, self.programs, direction)

    def fingerprint(self, own: str, direction: str) -> object | None:
        """The fingerprint and MinHash, as ``analyze`` computes them for outbound mail."""
        words = self._fingerprint.normalize_for_fingerprint(own, self.programs).split()
        return self._fingerprint.minhash(words)

    def names(self, subject: str, text: str) -> object | None:
        return self._names.mentioned_programs(f"{subject}\n{text}", self.programs)


# ---------------------------------------------------------------------------------------------

KINDS = (
    # name, what, direction, role, target (ms of CPU per message)
    ("a-noreply", "a. no-reply newsletter, names no program", "in", "inbox", 0.3),
    ("a-platform", "a. platform mail, names no program", "in", "inbox", 0.3),
    ("b-inbound", "b. inbound program message", "in", "inbox", 2.0),
    ("c-outbound", "c. outbound program message, 3 KB", "out", "sent", 6.0),
)


def messages(kind: str, count: int) -> list[bytes]:
    """``count`` messages of a kind, from the English mixes (deterministic)."""
    if kind == "c-outbound":
        return [mailgen.EnglishMix().outbound_letter(j) for j in range(count)]
    mix = mailgen.get_mix("program30") if kind == "b-inbound" else mailgen.get_mix("newsletter")
    want = {"a-noreply": "residency", "a-platform": "platform", "b-inbound": "program"}[kind]
    found: list[bytes] = []
    i = 0
    while len(found) < count:
        if mix.inbox_kind(i) == want:
            found.append(mix.inbox(i))
        i += 1
    return found


def _cpu(function: Callable[..., Any], *args: Any) -> tuple[float, Any]:
    started = time.process_time()
    result = function(*args)
    return time.process_time() - started, result


def time_kind(code: Code, kind: str, direction: str, role: str, raws: list[bytes]) -> dict[str, Any]:
    """Per message, in ms of CPU: the pipeline's path, then each stage on its own."""
    columns: dict[str, list[float]] = {k: [] for k in ("path", "judge", "parse", "own", "detectors", "fingerprint", "names")}
    candidates = 0
    text_chars: list[int] = []
    own_chars: list[int] = []
    for n, raw in enumerate(raws):
        warm = n < WARM_UP
        judge_s, (candidate, subject) = _cpu(code.judge, raw, role)
        analyse_s = _cpu(code.analyse, raw, subject, direction)[0] if candidate or kind != "a" else 0.0
        parse_s, text = _cpu(code.parse, raw)
        own_s, own = _cpu(code.own_words, text or "")
        detect_s, _ = _cpu(code.detectors, subject, own or "", direction)
        fp_s, fp = _cpu(code.fingerprint, own or "", direction) if direction == "out" else (0.0, None)
        names_s, _ = _cpu(code.names, subject, own or "")
        if warm:
            continue
        candidates += int(candidate)
        text_chars.append(len(text or ""))
        own_chars.append(len(own or ""))
        # (a): the whole cost of such a message; (b), (c): the analysis of a candidate's body.
        columns["path"].append(1000 * (judge_s + analyse_s) if kind.startswith("a") else 1000 * analyse_s)
        columns["judge"].append(1000 * judge_s)
        if text is not None:
            columns["parse"].append(1000 * (parse_s - (own_s if own is not None else 0.0)))
        if own is not None:
            columns["own"].append(1000 * own_s)
        if fp is not None:  # outbound: analyze computes the fingerprint too
            columns["fingerprint"].append(1000 * fp_s)
        if direction == "in" or fp is not None:
            columns["detectors"].append(1000 * (detect_s - fp_s))
        columns["names"].append(1000 * names_s)
    timed = len(raws) - WARM_UP
    return {
        "messages": timed,
        "judged_candidates": candidates,
        "mean_text_chars": round(statistics.fmean(text_chars)) if text_chars else None,
        "mean_own_words_chars": round(statistics.fmean(own_chars)) if own_chars else None,
        "mean_message_bytes": round(statistics.fmean(len(r) for r in raws[WARM_UP:])),
        **{f"median_{k}_ms": statistics.median(v) if v else None for k, v in columns.items()},
        **{f"p95_{k}_ms": benchlib.p95(v) if v else None for k, v in columns.items()},
    }


COLUMNS = (
    "message", "n", "candidates", "KB (text / own)", "path median ms", "p95 ms", "target", "",
    "candidacy", "parse", "own words", "detectors", "fingerprint", "names",
)  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--count", type=int, default=300, help="messages timed per kind")
    parser.add_argument("--json", type=Path, default=None, help="where to write the results (default: bench/results/)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    load_before = benchlib.load()
    print(f"load average {load_before} on 2 shared cores; {args.count} messages per kind", flush=True)
    code = Code(f'[account]\nemail = "{mailgen.ME}"\n\n[season]\nmatch_year = 2027\n' + mailgen.EnglishMix().programs_toml())
    results: dict[str, Any] = {}
    rows = []
    fmt = benchlib.fmt
    for kind, what, direction, role, target in KINDS:
        raws = messages(kind, args.count + WARM_UP)
        r = time_kind(code, kind[0] if kind.startswith("a") else kind, direction, role, raws)
        r.update(what=what, direction=direction, target_ms=target)
        results[kind] = r
        median = r["median_path_ms"]
        rows.append([
            what, str(r["messages"]), str(r["judged_candidates"]),
            f"{(r['mean_text_chars'] or 0) / 1000:.1f} / {(r['mean_own_words_chars'] or 0) / 1000:.1f}",
            fmt(median, ".3f"), fmt(r["p95_path_ms"], ".3f"), f"<= {target} ms",
            "" if median is None else ("PASS" if median <= target else "MISS"),
            fmt(r["median_judge_ms"], ".3f"), fmt(r["median_parse_ms"], ".3f"), fmt(r["median_own_ms"], ".3f"),
            fmt(r["median_detectors_ms"], ".3f"), fmt(r["median_fingerprint_ms"], ".3f"), fmt(r["median_names_ms"], ".3f"),
        ])  # fmt: skip
        print(f"{what}: path median {fmt(median, '.3f')} ms, p95 {fmt(r['p95_path_ms'], '.3f')} ms", flush=True)
    commit = benchlib.git_commit()
    benchlib.print_table(f"analysis path, CPU per message (median over messages) @ {commit}", COLUMNS, rows, width=180)
    print("path: (a) candidacy test + analysis when the test says candidate; (b), (c) the analysis of the body. "
          "Stage columns are medians of separate calls (parse = parse_body - own words; detectors = analyze - fingerprint).")  # fmt: skip
    document = {
        "commit": commit,
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "count": args.count,
        "machine": benchlib.machine(),
        "load_before": load_before,
        "load_after": benchlib.load(),
        "results": results,
        "table": [dict(zip(COLUMNS, row)) for row in rows],
        "elapsed_s": round(time.perf_counter() - started, 1),
    }
    path = args.json or benchlib.default_json("analysis", ["english"])
    benchlib.write_json(path, document)
    print(f"JSON: {path}  (whole run {document['elapsed_s']} s; load now {benchlib.load()})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
