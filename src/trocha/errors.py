"""Typed errors. `Rejected` marks an input that cannot be coded; the runner counts it by reason."""

from __future__ import annotations


class TrochaError(Exception):
    """Base class of trocha's own errors."""

    code = "error"


class Rejected(TrochaError):
    """An input that cannot be coded; `reason` is a short stable code, `detail` a sentence for people."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


class LexiconError(TrochaError):
    """Knowledge data that does not validate."""

    code = "lexicon"


class PipelineError(TrochaError):
    """A pipeline built from stages whose needs are not met."""

    code = "pipeline"
