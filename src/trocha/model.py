"""Typed records passed between stages and returned to users: no I/O here."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any


@dataclass(frozen=True, slots=True)
class Span:
    """A pointer into the article text: the evidence for a field."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True)
class Actor:
    """An actor as coded: what the text says and what it resolves to."""

    text: str
    name: str
    inter: int | None
    cameo: str | None
    country: str | None
    kind: str
    span: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        out = {k: v for k, v in asdict(self).items() if k != "span"}
        out["span"] = self.span.to_dict() if self.span else None
        return out


@dataclass(frozen=True, slots=True)
class Border:
    """How a place sits against an international border (known for the curated border region)."""

    municipality: bool  # the municipality touches an international land border
    neighbours: tuple[str, ...]  # ISO3 codes of the countries across that border
    crossing: str | None  # the nearest official border crossing
    crossing_km: float | None  # great-circle distance to it

    def to_dict(self) -> dict[str, Any]:
        return {"municipality": self.municipality, "neighbours": list(self.neighbours), "crossing": self.crossing,
                "crossing_km": self.crossing_km}


@dataclass(frozen=True, slots=True)
class Place:
    """Where an event happened, as precise as the text allows."""

    text: str
    name: str | None
    country: str | None
    admin1: str | None = None
    admin2: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: str | None = None
    span: Span | None = None
    border: Border | None = None

    def to_dict(self) -> dict[str, Any]:
        out = {k: getattr(self, k) for k in ("text", "name", "country", "admin1", "admin2", "lat", "lon", "precision")}
        out["span"] = self.span.to_dict() if self.span else None
        out["border"] = self.border.to_dict() if self.border else None
        return out


@dataclass(frozen=True, slots=True)
class EventDate:
    """A resolved event day and how it was found."""

    date: str
    text: str | None
    basis: str  # explicit | relative | publication
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class Quantity:
    """A counted or measured thing: seized goods, money, people."""

    what: str
    value: float
    unit: str | None
    text: str
    span: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        value: float | int = int(self.value) if float(self.value).is_integer() else self.value
        return {"what": self.what, "value": value, "unit": self.unit, "text": self.text,
                "span": self.span.to_dict() if self.span else None}


@dataclass(frozen=True, slots=True)
class Event:
    """One coded incident of one article, the output contract (docs/schema.md)."""

    event_id: str
    article_id: str
    event_type: str
    sub_event_type: str
    disorder_type: str | None
    action: str
    plover: str | None
    plover_mode: str | None
    cameo: str | None
    quad_class: int | None
    goldstein: float | None
    actor1: Actor | None
    actor2: Actor | None
    assoc_actors: tuple[Actor, ...]
    location: Place | None
    date: str | None
    date_text: str | None
    date_basis: str | None
    fatalities: int | None
    quantities: tuple[Quantity, ...]
    background: bool
    evidence: tuple[Span, ...]
    fields_evidence: tuple[tuple[str, Span], ...]
    confidence: float
    scores: tuple[tuple[str, float], ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict in the field order of docs/schema.md."""
        return {
            "event_id": self.event_id,
            "article_id": self.article_id,
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "disorder_type": self.disorder_type,
            "action": self.action,
            "plover": self.plover,
            "plover_mode": self.plover_mode,
            "cameo": self.cameo,
            "quad_class": self.quad_class,
            "goldstein": self.goldstein,
            "actor1": self.actor1.to_dict() if self.actor1 else None,
            "actor2": self.actor2.to_dict() if self.actor2 else None,
            "assoc_actors": [a.to_dict() for a in self.assoc_actors],
            "location": self.location.to_dict() if self.location else None,
            "date": self.date,
            "date_text": self.date_text,
            "date_basis": self.date_basis,
            "fatalities": self.fatalities,
            "quantities": [q.to_dict() for q in self.quantities],
            "background": self.background,
            "evidence": {
                "sentences": [s.to_dict() for s in self.evidence],
                "fields": {name: span.to_dict() for name, span in self.fields_evidence},
            },
            "confidence": self.confidence,
            "scores": {label: score for label, score in self.scores},
        }


# --- Mentions: what the stages find in one article, before events are assembled ---------------------


@dataclass(frozen=True, slots=True)
class ActorMention:
    """A span of text that names an actor, with the dictionary entry it resolved to."""

    start: int
    end: int
    text: str
    name: str
    kind: str
    inter: int | None
    cameo: str | None
    country: str | None
    generic: bool


@dataclass(frozen=True, slots=True)
class TriggerMention:
    """A phrase evoking an action of the codebook; `modality` says whether it reports a real act."""

    start: int
    end: int
    text: str
    action: str
    weight: float
    modality: str  # asserted | negated | hypothetical | quoted


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression; `day` is None when only a year (or month) is given."""

    start: int
    end: int
    day: date | None
    year: int | None
    basis: str  # explicit | relative


@dataclass(frozen=True, slots=True)
class QuantityMention:
    """A counted or measured thing found in the text."""

    start: int
    end: int
    what: str
    value: float
    unit: str | None


@dataclass(frozen=True, slots=True)
class DeathMention:
    """A number of people reported killed, anchored at the words that say so."""

    start: int
    end: int
    count: int


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place named in the text (the geography stage fills the administrative fields)."""

    start: int
    end: int
    text: str
    name: str
    country: str | None
    admin1: str | None = None
    admin2: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: str | None = None
    kind: str = "place"  # place | country
    # Enclosing units as written, smallest first: "Kota city (Kota, Rajasthan)" -> ("Kota", "Rajasthan").
    hierarchy: tuple[str, ...] = ()
    # Names written after the place outside brackets ("in Pyay town of Pyay township", "in Nogales, Veracruz"):
    # enclosing units only if the gazetteer knows them.
    chain: tuple[str, ...] = ()
    unit: str | None = None  # the unit word written with the name: "region", "village", "municipio"
    country_name: str | None = None  # the country as ACLED writes it, from the gazetteer
    border: Border | None = None
    resolved: bool = False  # the geocode stage found it in the gazetteer


@dataclass(slots=True)
class Article:
    """The one carrier every stage reads and annotates (spans are offsets into `text`)."""

    id: str
    text: str
    lang: str | None = None
    published: date | None = None
    url: str | None = None
    title: str | None = None
    folded: str = ""
    sentences: tuple[Span, ...] = ()
    actors: list[ActorMention] = field(default_factory=list)
    triggers: list[TriggerMention] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    quantities: list[QuantityMention] = field(default_factory=list)
    deaths: list[DeathMention] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
