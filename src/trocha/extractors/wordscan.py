"""Many lexicon patterns over one text, each tried only where its first letters stand.

Running each of sixty lexicon regexes over the whole text costs sixty passes over every character. A match can
only start with one of a few strings that can be read off the pattern ("kil", "sho", "tw"...), so `WordScan` finds
those strings in one reading of the text and tries each pattern only there. What it returns is, pattern by pattern,
exactly what `finditer` returns; a pattern whose first letters cannot be worked out is simply run in full.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:  # the stubs of the deprecated public names describe the same objects
    import sre_constants as _c
    import sre_parse as _parser
else:
    from re import _constants as _c
    from re import _parser

PREFIX = 5  # characters of a prefix: enough to try few patterns at each place
_MAX_PREFIXES = 4000  # beyond this a pattern is simply run in full
# \d is read as 0-9; a text holding other decimal digits runs its \d patterns in full.
_OTHER_DIGIT = re.compile(r"(?![0-9])\d")
_WORD = re.compile(r"\w")


class _Head(NamedTuple):
    """How a match may begin: with `text`; `complete` when that was all the pattern read so far (what follows may
    extend it); `anchored` when the match starts after a non-word character or at the start of the text."""

    text: str
    complete: bool
    anchored: bool


_UNKNOWN = {_Head("", False, False)}


def words_regex(patterns: list[str]) -> re.Pattern[str]:
    """One regex matching any of the patterns as whole words (never matches when the list is empty)."""
    if not patterns:
        return re.compile(r"(?!)")
    alt = "|".join(f"(?:{p})" for p in patterns)
    return re.compile(rf"(?<![\w-])(?:{alt})(?![\w])")


def prefixes(pattern: str, size: int = PREFIX) -> dict[str, bool] | None:
    """Strings (1 to `size` characters) one of which starts every match of the pattern, each with whether the
    matches it starts always follow a non-word character; None when that cannot be worked out."""
    try:
        parsed = _parser.parse(pattern)
    except re.error:
        return None
    if parsed.state.flags & _c.SRE_FLAG_IGNORECASE or parsed.getwidth()[0] == 0:
        return None
    heads = _sequence(parsed.data, size)
    if heads is None or any(not h.text for h in heads):
        return None
    out: dict[str, bool] = {}
    for h in sorted(heads, key=lambda h: len(h.text)):
        # A longer prefix adds nothing to a shorter one it starts with (both together are anchored or neither).
        shorter = next((h.text[:n] for n in range(1, len(h.text)) if h.text[:n] in out), h.text)
        out[shorter] = out.get(shorter, True) and h.anchored
    return out


def _sequence(items: Iterable[tuple[Any, Any]], size: int) -> set[_Head] | None:
    out = {_Head("", True, False)}
    for op, av in items:
        part = _element(op, av, size)
        if part is None:
            part = _UNKNOWN
        grown: set[_Head] = set()
        for h in out:
            if not h.complete or len(h.text) >= size:
                grown.add(h._replace(complete=False))
                continue
            for more in part:
                text = h.text + more.text
                anchored = h.anchored or (more.anchored and not h.text)  # nothing read before this element
                grown.add(_Head(text[:size], False, anchored) if len(text) >= size
                          else _Head(text, more.complete, anchored))
        if len(grown) > _MAX_PREFIXES:
            return None
        out = grown
        if not any(h.complete for h in out):
            break
    return out


def _element(op: Any, av: Any, size: int) -> set[_Head] | None:
    if op is _c.LITERAL:
        return {_Head(chr(av), True, False)}
    if op is _c.IN:
        chars = _charset(av)
        return None if chars is None else {_Head(ch, True, False) for ch in chars}
    if op is _c.SUBPATTERN:
        _group, add_flags, _del_flags, body = av
        return None if add_flags & _c.SRE_FLAG_IGNORECASE else _sequence(body.data, size)
    if op is _c.BRANCH:
        out: set[_Head] = set()
        for alt in av[1]:
            heads = _sequence(alt.data, size)
            if heads is None:
                return None
            out |= heads
        return out
    if op is _c.MAX_REPEAT or op is _c.MIN_REPEAT:
        low, high, body = av
        heads = _sequence(body.data, size) or _UNKNOWN
        if high != 1:
            heads = {h._replace(complete=False) for h in heads}  # more rounds may follow
        return heads | {_Head("", True, False)} if low == 0 else heads
    if op is _c.ASSERT_NOT and not av[1].data:
        return set()  # (?!) never matches: no way on
    if op is _c.ASSERT_NOT and av[0] == -1 and _word_class(av[1].data):
        return {_Head("", True, True)}  # (?<![\w...]): what follows starts after a non-word character
    if op is _c.AT and av is _c.AT_BOUNDARY:
        # \b: before a word character (the only case where `anchored` is used) it means after a non-word one.
        return {_Head("", True, True)}
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return {_Head("", True, False)}  # zero width
    return None


def _word_class(items: list[tuple[Any, Any]]) -> bool:
    """Whether the items are one character class holding every word character (and not negated)."""
    if len(items) != 1 or items[0][0] is not _c.IN:
        return False
    members = items[0][1]
    return (_c.CATEGORY, _c.CATEGORY_WORD) in members and all(op is not _c.NEGATE for op, _ in members)


def _charset(items: Iterable[tuple[Any, Any]]) -> set[str] | None:
    chars: set[str] = set()
    for op, av in items:
        if op is _c.LITERAL:
            chars.add(chr(av))
        elif op is _c.RANGE and av[1] - av[0] < 64:
            chars.update(chr(c) for c in range(av[0], av[1] + 1))
        elif op is _c.CATEGORY and av is _c.CATEGORY_DIGIT:
            chars.update("0123456789")
        else:
            return None
    return chars


class WordScan:
    """The `finditer` matches of many patterns, found in one reading of the text."""

    def __init__(self, patterns: Sequence[re.Pattern[str]]) -> None:
        self.patterns = tuple(patterns)
        self.full: set[int] = set()  # patterns run over the whole text
        self.digits: set[int] = set()  # patterns that read \d as 0-9
        # Prefix -> patterns. A prefix that starts with a word character after a non-word one is looked up at the
        # ends of runs of non-word characters, all in one regex pass; any other is looked for with str.find.
        self.words: dict[str, list[int]] = {}
        self.elsewhere: dict[str, list[int]] = {}
        for k, pat in enumerate(self.patterns):
            heads = prefixes(pat.pattern)
            if heads is None or pat.flags & ~re.UNICODE:  # flags would change how the pattern reads
                self.full.add(k)
                continue
            if "\\d" in pat.pattern:
                self.digits.add(k)
            for head, anchored in heads.items():
                index = self.words if anchored and _WORD.match(head) else self.elsewhere
                index.setdefault(head, []).append(k)
        sizes: dict[str, set[int]] = {}
        for head in self.words:
            sizes.setdefault(head[0], set()).add(len(head))
        self.sizes = {first: tuple(sorted(n, reverse=True)) for first, n in sizes.items()}  # first letter -> lengths
        firsts = "".join(sorted(re.escape(c) for c in sizes))
        # Ends of runs of non-word characters before a letter that starts some prefix.
        self.starts = re.compile(rf"\W+(?=[{firsts}])") if firsts else re.compile(r"(?!)")

    def finditer_all(self, text: str, pos: int = 0, endpos: int | None = None) -> list[list[re.Match[str]]]:
        """For each pattern, its matches in text[pos:endpos]: the same as `pattern.finditer(text, pos, endpos)`."""
        end = len(text) if endpos is None else endpos
        tries: list[list[int]] = [[] for _ in self.patterns]
        if self.words:
            starts = [m.end() for m in self.starts.finditer(text, pos, end)]
            if pos < end and (pos == 0 or not _WORD.match(text, pos - 1)):
                starts.insert(0, pos)
            index, sizes = self.words, self.sizes
            for p in starts:
                for size in sizes.get(text[p], ()):
                    rows = index.get(text[p : p + size])
                    if rows:
                        for k in rows:
                            tries[k].append(p)
        for head, rows in self.elsewhere.items():
            p = text.find(head, pos, end)
            while p >= 0:
                for k in rows:
                    tries[k].append(p)
                p = text.find(head, p + 1, end)
        full = self.full
        if self.digits and not text.isascii() and _OTHER_DIGIT.search(text, pos, end):
            full = full | self.digits
        out: list[list[re.Match[str]]] = []
        for k, pat in enumerate(self.patterns):
            if k in full:
                out.append(list(pat.finditer(text, pos, end)))
            else:
                out.append(_matches_at(pat, text, sorted(tries[k]), end))
        return out


def _matches_at(pat: re.Pattern[str], text: str, places: list[int], endpos: int) -> list[re.Match[str]]:
    """finditer's matches when only `places` can start one: leftmost first, each search going on from the last end."""
    out: list[re.Match[str]] = []
    end = 0
    last = -1
    for p in places:
        if p < end or p == last:
            continue
        last = p
        m = pat.match(text, p, endpos)
        if m is not None:
            out.append(m)
            end = m.end()
    return out
