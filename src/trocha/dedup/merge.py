"""Grouping events into incidents: deterministic (content-ordered), order-independent, analysts' pins respected."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from trocha.dedup.compat import Facts, Limits, similarity
from trocha.dedup.summary import build_incident
from trocha.store.records import EventRow, IncidentIn, LinkIn, Pin

# Below this score two compatible events are still kept apart.
THRESHOLD = 0.55


@dataclass(slots=True)
class _Cluster:
    members: list[EventRow] = field(default_factory=list)
    facts: list[Facts] = field(default_factory=list)
    scores: list[float] = field(default_factory=list)

    @property
    def articles(self) -> set[int]:
        return {m.article_id for m in self.members}


def incident_key(first: EventRow) -> str:
    """The key of an incident: its date and a hash of its first member's content key (stable across re-runs)."""
    digest = hashlib.sha1(first.sort_key.encode("utf-8")).hexdigest()[:12]
    return f"{first.data.get('date') or 'undated'}-{digest}"


def _fit(cluster: _Cluster, ev: EventRow, facts: Facts, limits: Limits) -> float | None:
    """Complete linkage: the event must be compatible with every member; returns the mean score."""
    if ev.article_id in cluster.articles:
        return None  # the extractor already separated the events of one article
    total = 0.0
    for other in cluster.facts:
        s = similarity(facts, other, limits)
        if s is None:
            return None
        total += s
    mean = total / len(cluster.facts)
    return mean if mean >= THRESHOLD else None


def cluster_events(rows: Iterable[EventRow], limits: Limits) -> list[list[tuple[EventRow, float | None]]]:
    """Clusters of events, each member with its fit score (None for the first); independent of input order."""
    ordered = sorted(rows, key=lambda r: r.sort_key)
    done: list[_Cluster] = []
    active: list[_Cluster] = []
    for ev in ordered:
        facts = Facts.of(ev.data)
        if facts.day is None:
            done.append(_Cluster([ev], [facts], [0.0]))
            continue
        # Clusters whose latest day is out of reach can take no later event (events come by date).
        still: list[_Cluster] = []
        for c in active:
            last = c.facts[-1].day
            if last is not None and (facts.day - last).days > limits.days:
                done.append(c)
            else:
                still.append(c)
        active = still
        best: tuple[float, int] | None = None
        for i, c in enumerate(active):
            s = _fit(c, ev, facts, limits)
            if s is not None and (best is None or s > best[0]):
                best = (s, i)
        if best is None:
            active.append(_Cluster([ev], [facts], [0.0]))
        else:
            c = active[best[1]]
            c.members.append(ev)
            c.facts.append(facts)
            c.scores.append(best[0])
    done.extend(active)
    return [[(m, s if i else None) for i, (m, s) in enumerate(zip(c.members, c.scores, strict=True))] for c in done]


def plan_incidents(rows: Sequence[EventRow], pins: Sequence[Pin], limits: Limits) -> list[IncidentIn]:
    """The incidents to store: analysts' pinned groups as they are, every other event merged automatically."""
    pinned = {p.event_id: p for p in pins}
    groups: dict[str, list[EventRow]] = defaultdict(list)
    free: list[EventRow] = []
    for r in rows:
        if r.id in pinned:
            groups[pinned[r.id].incident_key].append(r)
        else:
            free.append(r)
    plans: list[IncidentIn] = []
    for key, members in sorted(groups.items()):
        members.sort(key=lambda r: r.sort_key)
        links = tuple(LinkIn(m.id, "analyst", pinned[m.id].decided_by, pinned[m.id].reason) for m in members)
        plans.append(build_incident(key, members, links))
    for cluster in cluster_events(free, limits):
        members = [m for m, _ in cluster]
        first = members[0]
        links = tuple(
            LinkIn(m.id, "auto", "merge", "first report" if s is None else _why(first, m), s) for m, s in cluster
        )
        plans.append(build_incident(incident_key(first), members, links))
    return plans


def _why(first: EventRow, ev: EventRow) -> str:
    a, b = Facts.of(first.data), Facts.of(ev.data)
    gap = abs((a.day - b.day).days) if a.day and b.day else None
    place = b.admin2 or b.place or b.admin1 or b.country or "?"
    return f"same incident as the first report: {b.event_type}, {place}, {gap} day(s) apart"
