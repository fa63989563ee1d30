"""trocha: English and Spanish security reports in, ACLED/PLOVER/CAMEO-coded incidents out, with evidence."""

from __future__ import annotations

import logging

from trocha.api import Extractor, extract
from trocha.errors import Rejected, TrochaError
from trocha.model import Actor, Event, EventDate, Place, Quantity, Span

__version__ = "0.1.0"
__all__ = [
    "Actor", "Event", "EventDate", "Extractor", "Place", "Quantity", "Rejected", "Span", "TrochaError",
    "__version__", "extract",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
