"""The Stage contract, the registry of stages by name, and the runner that checks their order."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol

from trocha.errors import PipelineError
from trocha.model import Article


class Stage(Protocol):
    """A step of the line: reads the Article fields in `needs`, writes those in `makes`."""

    name: str
    needs: tuple[str, ...]
    makes: tuple[str, ...]

    def __call__(self, article: Article) -> None: ...


StageFactory = Callable[[], Stage]
_REGISTRY: dict[str, StageFactory] = {}

# Fields an Article has before any stage runs.
BASE_FIELDS = ("id", "text", "lang", "published", "url", "title")


def register(name: str) -> Callable[[StageFactory], StageFactory]:
    """Register a stage factory (usually the stage class) under a name usable in settings."""

    def deco(factory: StageFactory) -> StageFactory:
        if name in _REGISTRY:
            raise PipelineError(f"stage {name!r} registered twice")
        _REGISTRY[name] = factory
        return factory

    return deco


def registered() -> tuple[str, ...]:
    """Names of every registered stage."""
    _load_builtin()
    return tuple(_REGISTRY)


def _load_builtin() -> None:
    # Importing the stage modules registers them; kept here so users need only this package.
    from trocha.extractors import stages  # noqa: F401


@dataclass(frozen=True, slots=True)
class Pipeline:
    """An ordered line of stages whose needs were checked when it was built."""

    stages: tuple[Stage, ...]

    def run(self, article: Article) -> Article:
        for stage in self.stages:
            stage(article)
        return article


def build(names: Iterable[str]) -> Pipeline:
    """Build a line from stage names, failing early when a stage needs what no earlier stage makes."""
    _load_builtin()
    made = set(BASE_FIELDS)
    stages: list[Stage] = []
    for name in names:
        if name not in _REGISTRY:
            raise PipelineError(f"unknown stage {name!r}; known: {', '.join(sorted(_REGISTRY))}")
        stage = _REGISTRY[name]()
        missing = [f for f in stage.needs if f not in made]
        if missing:
            raise PipelineError(f"stage {name!r} needs {', '.join(missing)}, which no earlier stage makes")
        made.update(stage.makes)
        stages.append(stage)
    return Pipeline(tuple(stages))


DEFAULT_STAGES = (
    "normalize", "language", "sentences", "actors", "places", "geocode", "triggers", "dates", "quantities",
    "assemble",
)
