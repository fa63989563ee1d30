"""Article text with its evidence highlighted, every piece HTML-escaped (article text is untrusted)."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import pairwise

from markupsafe import Markup, escape

from trocha.store.guarded import Span


def highlight(text: str, spans: Iterable[Span]) -> Markup:
    """The text as safe HTML: evidence sentences lightly marked, the words of each coded field strongly."""
    usable = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    cuts = sorted({0, len(text), *(s.start for s in usable), *(s.end for s in usable)})
    out: list[str] = []
    for a, b in pairwise(cuts):
        piece = escape(text[a:b])
        covering = [s for s in usable if s.start <= a and b <= s.end]
        fields = sorted({s.field for s in covering if s.field != "sentence"})
        if fields:
            out.append(f'<mark class="ev-field" data-fields="{escape(" ".join(fields))}" '
                       f'title="{escape(", ".join(fields))}">{piece}</mark>')
        elif covering:
            out.append(f'<span class="ev-sentence">{piece}</span>')
        else:
            out.append(str(piece))
    return Markup("".join(out))
