"""Incidents across reports: events of one incident from different articles linked into one, every source kept."""

from __future__ import annotations

from dataclasses import dataclass

from trocha.config import Settings
from trocha.dedup.compat import Limits
from trocha.dedup.merge import plan_incidents
from trocha.store import Store


@dataclass(frozen=True, slots=True)
class MergeResult:
    """How many events were grouped into how many incidents, and how many of those have several reports."""

    events: int
    incidents: int
    multi_report: int


def merge_store(store: Store, config: Settings) -> MergeResult:
    """Recompute the automatic incidents of every (non-background) stored event; safe to run again at any time."""
    rows = list(store.events())
    plans = plan_incidents(rows, store.pins(), Limits(days=config.dedup_days, km=float(config.dedup_km)),
                           store.audiences())
    store.replace_incidents(plans)
    return MergeResult(events=len(rows), incidents=len(plans), multi_report=sum(1 for p in plans if p.n_articles > 1))


__all__ = ["Limits", "MergeResult", "merge_store", "plan_incidents"]
