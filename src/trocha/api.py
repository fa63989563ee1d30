"""The Python API: `extract(text)` and `Extractor` for many texts with one loaded pipeline."""

from __future__ import annotations

from datetime import date

from trocha.config import Settings, settings
from trocha.errors import Rejected
from trocha.model import Article, Event
from trocha.pipeline import Pipeline, build


class Extractor:
    """A loaded extraction line; build once, call for each text."""

    def __init__(self, config: Settings | None = None) -> None:
        self.config = config or settings()
        self.pipeline: Pipeline = build(s.strip() for s in self.config.stages.split(",") if s.strip())

    def run(self, article: Article) -> Article:
        """Run every stage over the article; raises Rejected when the input cannot be coded."""
        return self.pipeline.run(article)

    def extract(self, text: str, lang: str | None = None, published: date | str | None = None,
                article_id: str = "article") -> list[Event]:
        """Coded events of one text, most salient first."""
        return self.run(Article(id=article_id, text=text, lang=lang, published=parse_published(published))).events


def parse_published(value: date | str | None) -> date | None:
    """A publication date from a date or a YYYY-MM-DD string (a clear error otherwise)."""
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError as exc:
        raise Rejected("bad_published", f"published must be YYYY-MM-DD, not {value!r}") from exc


_DEFAULT: Extractor | None = None


def extract(text: str, lang: str | None = None, published: date | str | None = None) -> list[Event]:
    """Coded events of one text (English or Spanish), most salient first."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Extractor()
    return _DEFAULT.extract(text, lang=lang, published=published)
