"""Text helpers shared by the stages: accent folding that keeps offsets, sentence splitting."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from trocha.model import Span


class _FoldTable(dict[int, str]):
    """A str.translate table that folds any character to one lower-case, unaccented character."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        base = unicodedata.normalize("NFKD", ch)[:1] or ch
        low = base.lower()[:1] or base
        if unicodedata.combining(low):
            low = ch
        self[code] = low
        return low


_FOLD = _FoldTable()


def fold(text: str) -> str:
    """Lower-case and strip accents, one character for one, so offsets stay valid."""
    return text.translate(_FOLD)


def fold_key(text: str) -> str:
    """A lookup key: folded, with runs of non-alphanumerics collapsed to one space."""
    return " ".join(re.findall(r"[a-z0-9]+", fold(text)))


# A sentence ends at . ! ? (optionally followed by closing quotes/brackets) before whitespace and an
# upper-case letter, digit or opening quote; or at a blank line / a line break.
_BOUNDARY = re.compile(r"""(?<=[.!?])["'”’»)\]]*\s+(?=["'“‘«(¿¡]?[A-ZÁÉÍÓÚÑ0-9])|\n\s*\n|\n""")
_ABBREV = re.compile(
    r"(?:\b(?:[A-Z]|Mr|Mrs|Ms|Dr|Gen|Col|Lt|Sgt|Capt|Maj|Gov|Sen|Rep|St|Sr|Sra|Dra|No|Nos|Nro|Inc|Jr|vs|etc|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|ene|abr|ago|dic|art|Art|aprox|Cra|Cll|Av|Km|km)"
    r"\.|\b(?:[A-Z]\.){2,})$"
)


@lru_cache(maxsize=64)
def _cached_sentences(text: str) -> tuple[Span, ...]:
    return tuple(_split(text))


def sentences(text: str) -> tuple[Span, ...]:
    """Split text into sentence spans (offsets into text), skipping empty ones."""
    return _cached_sentences(text)


def _split(text: str) -> list[Span]:
    out: list[Span] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        end = m.start()
        if "\n" not in m.group(0) and _ABBREV.search(text[max(start, end - 12) : end]):
            continue
        _push(text, start, end, out)
        start = m.end()
    _push(text, start, len(text), out)
    return out


def _push(text: str, start: int, end: int, out: list[Span]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Span(start, end, text[start:end]))


_INITIALS = re.compile(r"(?:[A-Z]\.\s?){1,3}")


def split_units(written: str) -> tuple[str, ...]:
    """A comma list of enclosing units, keeping initials with the name they qualify: 'Bogotá, D.C., Colombia' ->
    ('Bogotá, D.C.', 'Colombia'), as in 'Washington, D.C.' or 'Ciudad de México, D.F.'."""
    out: list[str] = []
    for piece in (p.strip() for p in written.split(",")):
        if not piece:
            continue
        if out and _INITIALS.fullmatch(piece):
            out[-1] = f"{out[-1]}, {piece}"
        else:
            out.append(piece)
    return tuple(out)
