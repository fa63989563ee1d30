"""Grouping events into incidents: deterministic (content-ordered), order-independent, analysts' pins respected."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from trocha.dedup.blocking import Index
from trocha.dedup.compat import Facts, Limits, similarity
from trocha.dedup.summary import build_incident
from trocha.store.records import EventRow, IncidentIn, LinkIn, Pin, ViewIn

# Below this score two compatible events are still kept apart.
THRESHOLD = 0.55


@dataclass(slots=True)
class _Cluster:
    seq: int
    members: list[EventRow] = field(default_factory=list)
    facts: list[Facts] = field(default_factory=list)
    scores: list[float] = field(default_factory=list)
    articles: set[int] = field(default_factory=set)
    first_day: date | None = None
    last_day: date | None = None
    closed: bool = False

    def add(self, ev: EventRow, facts: Facts, score: float) -> None:
        self.members.append(ev)
        self.facts.append(facts)
        self.scores.append(score)
        self.articles.add(ev.article_id)
        if self.first_day is None:
            self.first_day = facts.day
        if facts.day and (self.last_day is None or facts.day > self.last_day):
            self.last_day = facts.day


class _Active:
    """The open clusters, filed in a blocking index (dedup/blocking.py) so an event meets only those it could join."""

    def __init__(self, limits: Limits) -> None:
        self.index: Index[_Cluster] = Index(limits)
        self.open: list[_Cluster] = []

    def start(self, cluster: _Cluster, facts: Facts) -> None:
        self.open.append(cluster)
        self.index.add(cluster, facts)

    def close_before(self, day: date, days: int) -> list[_Cluster]:
        """Close the clusters whose latest day is out of reach of `day` (events come in date order)."""
        done = [c for c in self.open if c.last_day is not None and (day - c.last_day).days > days]
        if done:
            for c in done:
                c.closed = True
            self.open = [c for c in self.open if not c.closed]
            self.index.prune()
        return done


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
    """Clusters of events, each member with its fit score (None for the first); independent of input order.

    Events are taken by their content key (date first); each joins the best-scoring open cluster it fits (ties: the
    oldest cluster) or starts a new one.
    """
    ordered = sorted(rows, key=lambda r: r.sort_key)
    done: list[_Cluster] = []
    active = _Active(limits)
    seq = 0
    current: date | None = None
    for ev in ordered:
        facts = Facts.of(ev.data)
        seq += 1
        if facts.day is None:
            lone = _Cluster(seq)
            lone.add(ev, facts, 0.0)
            done.append(lone)
            continue
        if facts.day != current:
            current = facts.day
            done.extend(active.close_before(facts.day, limits.days))
        best: tuple[float, int, _Cluster] | None = None
        for c in active.index.candidates(facts):
            s = _fit(c, ev, facts, limits)
            if s is not None and (best is None or s > best[0]):
                best = (s, c.seq, c)
        if best is None:
            target = _Cluster(seq)
            target.add(ev, facts, 0.0)
            active.start(target, facts)
        else:
            best[2].add(ev, facts, best[0])
    done.extend(active.open)
    done.sort(key=lambda c: c.seq)
    return [[(m, s if i else None) for i, (m, s) in enumerate(zip(c.members, c.scores, strict=True))] for c in done]


def view_of(members: Sequence[EventRow]) -> IncidentIn:
    """An incident rebuilt from the members one viewer may read only: a hidden report leaves no trace in it (its
    key, too, comes from the first visible member)."""
    ordered = sorted(members, key=lambda e: e.sort_key)
    return build_incident(incident_key(ordered[0]), ordered, ())


def _view(audience: int, plan: IncidentIn, n_events: int, whole: bool, restricted: bool) -> ViewIn:
    return ViewIn(audience=audience, whole=whole, restricted=restricted, key=plan.key, event_type=plan.event_type,
                  sub_event_type=plan.sub_event_type, date=plan.date, country=plan.country, admin1=plan.admin1,
                  admin2=plan.admin2, lat=plan.lat, lon=plan.lon, fatalities=plan.fatalities,
                  fatalities_min=plan.fatalities_min, fatalities_max=plan.fatalities_max, n_events=n_events,
                  n_articles=plan.n_articles)


def audience_views(plan: IncidentIn, members: Sequence[EventRow], audiences: Mapping[int, frozenset[int]]
                   ) -> tuple[ViewIn, ...]:
    """What each audience sees of an incident: the public its public members; each organisation that may read one
    of its other members, the public ones plus those (`audiences`: article id -> organisations that may read it,
    for every article that is not public)."""
    hidden = [m for m in members if m.article_id in audiences]
    if not hidden:
        return (_view(0, plan, len(members), True, False),)
    out: list[ViewIn] = []
    public = [m for m in members if m.article_id not in audiences]
    if public:
        out.append(_view(0, view_of(public), len(public), False, True))
    for org in sorted(set().union(*(audiences[m.article_id] for m in hidden))):
        seen = public + [m for m in hidden if org in audiences[m.article_id]]
        whole = len(seen) == len(members)
        out.append(_view(org, plan if whole else view_of(seen), len(seen), whole, True))
    return tuple(out)


def plan_incidents(rows: Sequence[EventRow], pins: Sequence[Pin], limits: Limits,
                   audiences: Mapping[int, frozenset[int]] | None = None) -> list[IncidentIn]:
    """The incidents to store: analysts' pinned groups as they are, every other event merged automatically; with
    `audiences`, each incident carries what each audience sees of it."""
    restricted: Mapping[int, frozenset[int]] = audiences or {}
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
        plan = build_incident(key, members, links)
        plans.append(replace(plan, views=audience_views(plan, members, restricted)))
    for cluster in cluster_events(free, limits):
        members = [m for m, _ in cluster]
        first = members[0]
        links = tuple(
            LinkIn(m.id, "auto", "merge", "first report" if s is None else _why(first, m), s) for m, s in cluster
        )
        plan = build_incident(incident_key(first), members, links)
        plans.append(replace(plan, views=audience_views(plan, members, restricted)))
    return plans


def _why(first: EventRow, ev: EventRow) -> str:
    a, b = Facts.of(first.data), Facts.of(ev.data)
    gap = abs((a.day - b.day).days) if a.day and b.day else None
    place = b.admin2 or b.place or b.admin1 or b.country or "?"
    return f"same incident as the first report: {b.event_type}, {place}, {gap} day(s) apart"
