"""The built-in stages, registered by name; each is a thin wrapper around a function of its module."""

from __future__ import annotations

import re

from trocha.config import Settings, settings
from trocha.errors import Rejected
from trocha.extractors.actors import find_actors
from trocha.extractors.assemble import assemble
from trocha.extractors.dates import find_dates
from trocha.extractors.langid import detect
from trocha.extractors.places import find_places
from trocha.extractors.quantities import find_deaths, find_quantities, number_windows
from trocha.extractors.triggers import find_triggers
from trocha.geo.gazetteer import Gazetteer
from trocha.geo.gazetteer import load as load_gazetteer
from trocha.geo.resolve import Geocoder
from trocha.model import Article
from trocha.pipeline import register
from trocha.text import fold, sentences

# Control characters other than line breaks and tabs, and the replacement character of undecodable bytes.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffd]")


@register("normalize")
class Normalize:
    """Refuse text that cannot be coded (empty, binary, too long) and fold it for matching."""

    name: str = "normalize"
    needs: tuple[str, ...] = ("text",)
    makes: tuple[str, ...] = ("folded",)

    def __init__(self, config: Settings | None = None) -> None:
        self.max_chars = (config or settings()).max_chars

    def __call__(self, article: Article) -> None:
        text = article.text
        if not text or not text.strip():
            raise Rejected("empty_text", "the text is empty")
        if len(text) > self.max_chars:
            raise Rejected("too_large", f"the text has {len(text):,} characters; the limit is {self.max_chars:,}")
        sample = text[:100000]
        control = len(_CONTROL.findall(sample))
        if "\x00" in sample or control > max(8, len(sample) // 50):
            raise Rejected("binary", "the text holds binary or undecodable bytes")
        article.folded = fold(text)


@register("language")
class Language:
    """Use the given language, or detect English/Spanish from function words."""

    name: str = "language"
    needs: tuple[str, ...] = ("folded",)
    makes: tuple[str, ...] = ("lang",)

    def __call__(self, article: Article) -> None:
        if article.lang is None:
            article.lang = detect(article.folded, article.text)
        elif article.lang not in ("en", "es"):
            raise Rejected("unsupported_language", f"language {article.lang!r} is not supported (en, es)")


@register("sentences")
class Sentences:
    """Split the text into sentence spans."""

    name: str = "sentences"
    needs: tuple[str, ...] = ("text",)
    makes: tuple[str, ...] = ("sentences",)

    def __call__(self, article: Article) -> None:
        article.sentences = sentences(article.text)


@register("actors")
class Actors:
    """Find actor mentions from the actor dictionary."""

    name: str = "actors"
    needs: tuple[str, ...] = ("folded", "lang")
    makes: tuple[str, ...] = ("actors",)

    def __call__(self, article: Article) -> None:
        article.actors = find_actors(article.text, article.folded, article.lang or "en")


@register("places")
class Places:
    """Find countries and place names."""

    name: str = "places"
    needs: tuple[str, ...] = ("folded",)
    makes: tuple[str, ...] = ("places",)

    def __call__(self, article: Article) -> None:
        article.places = find_places(article.text, article.folded)


@register("geocode")
class Geocode:
    """Resolve place mentions against the gazetteer (country, admin1, admin2, coordinates, precision, border)."""

    name: str = "geocode"
    needs: tuple[str, ...] = ("text", "places", "actors")
    makes: tuple[str, ...] = ("places",)

    def __init__(self, config: Settings | None = None, gazetteer: Gazetteer | None = None) -> None:
        self.geocoder = Geocoder(gazetteer or load_gazetteer((config or settings()).geo_cache_dir))

    def __call__(self, article: Article) -> None:
        article.places = self.geocoder.resolve_all(article.text, article.places, article.actors)


@register("triggers")
class Triggers:
    """Find trigger phrases and their modality."""

    name: str = "triggers"
    needs: tuple[str, ...] = ("folded", "sentences", "lang")
    makes: tuple[str, ...] = ("triggers",)

    def __call__(self, article: Article) -> None:
        article.triggers = find_triggers(article.text, article.folded, article.sentences, article.lang or "en")


@register("dates")
class Dates:
    """Find and resolve date expressions against the publication date."""

    name: str = "dates"
    needs: tuple[str, ...] = ("folded", "lang", "published")
    makes: tuple[str, ...] = ("dates",)

    def __call__(self, article: Article) -> None:
        article.dates = find_dates(article.folded, article.lang or "en", article.published)


@register("quantities")
class Quantities:
    """Find quantities and reported deaths."""

    name: str = "quantities"
    needs: tuple[str, ...] = ("folded", "lang")
    makes: tuple[str, ...] = ("quantities", "deaths")

    def __call__(self, article: Article) -> None:
        lang = article.lang or "en"
        windows = number_windows(article.folded, lang)  # one number scan serves both finders
        article.quantities = find_quantities(article.folded, lang, windows)
        article.deaths = find_deaths(article.folded, lang, windows)


@register("assemble")
class Assemble:
    """Turn mentions into coded events, most salient first."""

    name: str = "assemble"
    needs: tuple[str, ...] = ("sentences", "actors", "places", "triggers", "dates", "quantities", "deaths")
    makes: tuple[str, ...] = ("events",)

    def __call__(self, article: Article) -> None:
        article.events = assemble(article)
