"""Benchmark data with the demo's own mix of kinds: the Harbourford workshop (workshop.store.demo)
repeated until it holds `n` records, each copy with fresh ids and numbers and its links (an action
made from a decision or an idea, a vote on an idea, a benefit's actions) pointing inside the copy.

So the proportions are the demo's (about a fifth each of actions and notes and ideas, then
ratings, decisions, votes, risks, engagement decisions, benefits), not a session of mostly notes,
and every per-record lookup of the summary (actions of a decision or risk, votes of an idea) is
exercised as often as in a real workshop.
"""

from __future__ import annotations

import copy
from collections import Counter
from typing import Any

from workshop.records import normalise_record
from workshop.store.demo import kickoff_snapshot, main_snapshot


def _template(guide: Any = None) -> dict[str, Any]:
    questions = {}
    if guide is not None:
        questions = {r.id: list(r.questions) for r in getattr(guide, "risks", ())}
    earlier = kickoff_snapshot()
    earlier["session"]["id"] = "bench-kickoff"
    earlier["records"] = [normalise_record(r) for r in earlier["records"]]  # as the store does
    return main_snapshot(earlier, "bench-kickoff", questions)


def demo_mix(n: int, guide: Any = None) -> dict[str, Any]:
    """A snapshot of `n` records in the demo's mix (see the module docstring)."""
    base = _template(guide)
    template = [normalise_record(r) for r in base["records"]]
    records: list[dict[str, Any]] = []
    counters: Counter[str] = Counter()
    copy_no = 0
    while len(records) < n:
        copy_no += 1
        ids: dict[str, str] = {}
        batch = []
        for r in template:
            if len(records) + len(batch) >= n:
                break
            new = copy.deepcopy(r)
            counters[new["kind"]] += 1
            new["id"] = f"{r['id']}x{copy_no}"
            new["no"] = counters[new["kind"]]
            ids[r["id"]] = new["id"]
            batch.append(new)
        for new in batch:
            if new.get("target"):
                new["target"] = ids.get(new["target"], "")
            if new["kind"] == "benefit":
                new["actions"] = [ids[a] for a in new.get("actions") or [] if a in ids]
        records.extend(batch)
    snapshot = copy.deepcopy(base)
    snapshot["session"]["id"] = "bench-demo-mix"
    snapshot["records"] = records
    return snapshot


def kind_mix(snapshot: dict[str, Any]) -> str:
    """ "actions 22%, notes 13%, ..." for the benchmark's header line."""
    counts = Counter(r["kind"] for r in snapshot["records"])
    total = sum(counts.values()) or 1
    return ", ".join(f"{k} {100 * v / total:.0f}%" for k, v in counts.most_common())
