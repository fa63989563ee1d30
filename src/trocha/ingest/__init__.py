"""Readers that turn files, JSONL batches, pages and feeds into stored, coded articles (or kept rejects)."""

from __future__ import annotations

from trocha.ingest.docs import Doc, Item
from trocha.ingest.runner import Ingestor, IngestSummary

__all__ = ["Doc", "IngestSummary", "Ingestor", "Item"]
