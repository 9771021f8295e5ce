#!/usr/bin/env python3
"""Compare an ``inboxcoach report --json`` with a season's expected.json and print the scores.

    .venv/bin/python tools/eval_report.py REPORT.json [EXPECTED.json] [--maildir DIR]

EXPECTED defaults to tests/data/eval_season/expected.json. Prints the per-program count
and status mismatches, matching accuracy (over the program messages, and over every
message the ground truth names, tracked non-program mail included), findings precision
and recall (a finding matches when rule, set of programs and draft flag are equal), hard
negatives that fired, and every mismatch. With --maildir, each mismatched message is
shown with its subject and the first lines of its text. Exit status 0 when the bars
(counts exact, matching >= 98%, precision and recall >= 90%, no hard negative) are met,
1 otherwise. Stdlib only.
"""

from __future__ import annotations

import argparse
import email
import email.policy
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_EXPECTED = ROOT / "tests" / "data" / "eval_season" / "expected.json"

Key = tuple[str, tuple[str, ...], bool]


def finding_key(f: dict[str, Any]) -> Key:
    return (f["rule"], tuple(sorted(f["programs"])), bool(f["draft"]))


def program_of_message(report: dict[str, Any]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for program in report["programs"]:
        for m in program["messages"]:
            found.setdefault(m["message_id"], set()).add(program["name"])
    for amb in report.get("ambiguous", []):
        found.setdefault(amb["message_id"], set()).add("ambiguous")
    return found


def want_of(expected: Any) -> set[str]:
    if expected is None:
        return set()
    if isinstance(expected, list):
        return set(expected)
    return {expected}


def evaluate(report: dict[str, Any], exp: dict[str, Any]) -> dict[str, Any]:
    got_programs = {p["name"]: {"contacts": p["contacts"], "replies": p["replies"], "status": p["status"]}
                    for p in report["programs"]}
    count_mismatches = []
    for name, want in exp["programs"].items():
        got = got_programs.get(name)
        if got != want:
            count_mismatches.append({"program": name, "expected": want, "got": got})
    for name in got_programs.keys() - exp["programs"].keys():
        count_mismatches.append({"program": name, "expected": None, "got": got_programs[name]})
    contacts_statuses = [m for m in count_mismatches
                         if m["got"] is None or m["expected"] is None
                         or m["got"]["contacts"] != m["expected"]["contacts"]
                         or m["got"]["status"] != m["expected"]["status"]]

    found = program_of_message(report)
    wrong_program, wrong_tracked, extra = [], [], []
    n_program = n_program_ok = n_all_ok = 0
    for mid, expected in exp["messages"].items():
        want, got = want_of(expected), found.get(mid, set())
        ok = want == got
        n_all_ok += ok
        if expected is not None:
            n_program += 1
            n_program_ok += ok
            if not ok:
                wrong_program.append({"message_id": mid, "expected": sorted(want), "got": sorted(got)})
        elif not ok:
            wrong_tracked.append({"message_id": mid, "expected": [], "got": sorted(got)})
    for mid, got in found.items():
        if mid not in exp["messages"]:
            extra.append({"message_id": mid, "expected": [], "got": sorted(got)})

    want_f = {finding_key(f): f for f in exp["findings"]}
    got_f: dict[Key, dict[str, Any]] = {}
    for f in report["findings"]:
        got_f.setdefault(finding_key(f), f)
    tp = want_f.keys() & got_f.keys()
    precision = len(tp) / len(got_f) if got_f else 1.0
    recall = len(tp) / len(want_f) if want_f else 1.0
    missed = [want_f[k] for k in sorted(want_f.keys() - got_f.keys())]
    false_pos = [got_f[k] for k in sorted(got_f.keys() - want_f.keys())]

    fired: dict[str, set[str]] = {}
    for f in report["findings"]:
        for mid in f["message_ids"]:
            fired.setdefault(mid, set()).add(f["rule"])
    negatives_fired = [
        {"message_id": n["message_id"], "rules": sorted(fired.get(n["message_id"], set()) & set(n["must_not_fire"])),
         "why": n.get("why")}
        for n in exp["hard_negatives"]
        if fired.get(n["message_id"], set()) & set(n["must_not_fire"])
    ]
    n_all = len(exp["messages"])
    return {
        "count_mismatches": count_mismatches,
        "contact_or_status_mismatches": contacts_statuses,
        "matching_accuracy": n_program_ok / n_program if n_program else 1.0,
        "matching_accuracy_all": n_all_ok / n_all if n_all else 1.0,
        "n_program_messages": n_program,
        "wrong_program": wrong_program,
        "wrong_tracked": wrong_tracked,
        "unexpected_matches": extra,
        "precision": precision,
        "recall": recall,
        "n_expected_findings": len(want_f),
        "n_reported_findings": len(got_f),
        "missed_findings": missed,
        "false_findings": false_pos,
        "negatives_fired": negatives_fired,
        "rules_fired": sorted({f["rule"] for f in report["findings"]}),
    }


def passes(result: dict[str, Any]) -> bool:
    return (not result["contact_or_status_mismatches"] and result["matching_accuracy"] >= 0.98
            and result["precision"] >= 0.9 and result["recall"] >= 0.9 and not result["negatives_fired"])


def index_maildir(root: Path) -> dict[str, tuple[str, str, str]]:
    """Message-ID -> (folder, subject, first lines of the text part)."""
    out: dict[str, tuple[str, str, str]] = {}
    for path in sorted(root.rglob("*")):
        if not path.is_file() or path.parent.name not in ("cur", "new"):
            continue
        msg = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        mid = str(msg.get("Message-ID", "")).strip()
        if not mid or mid in out:
            continue
        part = msg.get_body(preferencelist=("plain", "html"))
        text = part.get_content() if part is not None else ""
        folder = path.parent.parent.name if path.parent.parent != root else "INBOX"
        out[mid] = (folder, str(msg.get("Subject", "")), " ".join(text.split())[:300])
    return out


def show(result: dict[str, Any], mails: dict[str, tuple[str, str, str]] | None, out=sys.stdout) -> None:
    def p(*a: Any) -> None:
        print(*a, file=out)

    def excerpt(mid: str) -> str:
        if not mails or mid not in mails:
            return ""
        folder, subject, text = mails[mid]
        return f"\n      [{folder}] {subject!r}: {text[:240]}"

    p(f"findings precision {result['precision']:.3f}  recall {result['recall']:.3f}  "
      f"({result['n_reported_findings']} reported, {result['n_expected_findings']} expected)")
    p(f"matching accuracy {result['matching_accuracy']:.4f} over {result['n_program_messages']} program messages; "
      f"{result['matching_accuracy_all']:.4f} with tracked non-program mail")
    p(f"program count/status mismatches: {len(result['count_mismatches'])} "
      f"(contacts or status: {len(result['contact_or_status_mismatches'])})")
    for m in result["count_mismatches"]:
        p(f"  {m['program']}: expected {m['expected']} got {m['got']}")
    for title, rows in [("messages matched wrongly", result["wrong_program"]),
                        ("tracked non-program mail matched", result["wrong_tracked"]),
                        ("matched messages the ground truth does not name", result["unexpected_matches"])]:
        if rows:
            p(f"{title}: {len(rows)}")
            for r in rows:
                p(f"  {r['message_id']}: expected {r['expected']} got {r['got']}{excerpt(r['message_id'])}")
    if result["missed_findings"]:
        p(f"missed findings: {len(result['missed_findings'])}")
        for f in result["missed_findings"]:
            p(f"  {f['rule']} {f['programs']} draft={f['draft']}")
            for mid in f["message_ids"]:
                p(f"    {mid}{excerpt(mid)}")
    if result["false_findings"]:
        p(f"false findings: {len(result['false_findings'])}")
        for f in result["false_findings"]:
            p(f"  {f['rule']} {f['programs']} draft={f['draft']}: {f.get('text', '')}")
            for mid in f["message_ids"]:
                p(f"    {mid}{excerpt(mid)}")
    if result["negatives_fired"]:
        p(f"hard negatives fired: {len(result['negatives_fired'])}")
        for n in result["negatives_fired"]:
            p(f"  {n['message_id']} {n['rules']} ({n['why']}){excerpt(n['message_id'])}")
    p(f"rules fired: {len(result['rules_fired'])}/18")
    p("PASS" if passes(result) else "FAIL")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("report", type=Path, help="report JSON ('-' for stdin)")
    ap.add_argument("expected", type=Path, nargs="?", default=DEFAULT_EXPECTED)
    ap.add_argument("--maildir", type=Path, help="the scanned Maildir, to show message excerpts")
    args = ap.parse_args(argv)
    report = json.load(sys.stdin) if str(args.report) == "-" else json.loads(args.report.read_text())
    exp = json.loads(args.expected.read_text())
    result = evaluate(report, exp)
    show(result, index_maildir(args.maildir) if args.maildir else None)
    return 0 if passes(result) else 1


if __name__ == "__main__":
    sys.exit(main())
