"""Trigger phrases: which actions of the codebook each sentence evokes, and whether it asserts them."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache

from trocha.extractors.wordscan import WordScan, words_regex
from trocha.lang import lang_data, shared_data
from trocha.model import Span, TriggerMention


@dataclass(frozen=True, slots=True)
class Modifier:
    """A cue that turns one reading of a text into another (a protest dispersed by police...)."""

    when: frozenset[str]
    cues: re.Pattern[str]
    then: str
    boost: float


@dataclass(frozen=True, slots=True)
class TriggerSet:
    """Compiled triggers, modifiers and modality cues of one language."""

    actions: tuple[tuple[str, float, re.Pattern[str]], ...]
    scan: WordScan  # the patterns of `actions`, in the same order
    modifiers: tuple[Modifier, ...]
    negation: re.Pattern[str]
    hypothetical: re.Pattern[str]
    speech: re.Pattern[str]
    opinion: re.Pattern[str]


@cache
def trigger_set(lang: str) -> TriggerSet:
    """Compile the triggers.toml and cues.toml of a language."""
    data = lang_data(lang)
    codebook = shared_data().codebook["action"]
    actions = []
    for row in data.triggers.get("trigger", []):
        if row["action"] not in codebook:
            continue  # reported by `trocha lexicon check`
        if row["patterns"]:
            actions.append((row["action"], float(row["weight"]), words_regex(row["patterns"])))
    modifiers = tuple(
        Modifier(frozenset(m["when"]), words_regex(m["cues"]), m["then"], float(m["boost"]))
        for m in data.triggers.get("modifier", [])
    )
    cues = data.cues
    return TriggerSet(
        tuple(actions), WordScan([pat for _, _, pat in actions]), modifiers, words_regex(cues["negation"]),
        words_regex(cues["hypothetical"]), words_regex(cues["speech"]), words_regex(cues["opinion"]),
    )


_QUOTES = "\"“”«»"
_CLAUSE_BREAK = re.compile(r"[;:]|,\s+(?:and|but|while|y|pero|mientras)\b|\b(?:after|before|despues|antes)\b")


def _modality(ts: TriggerSet, text: str, folded: str, sent: Span, start: int, hypo_reach: int) -> str:
    before = folded[sent.start : start]
    # Inside quotation marks: the speaker's words, not a reported act.
    if sum(before.count(q) for q in _QUOTES) % 2 == 1:
        return "quoted"
    near_start = max(sent.start, start - 24)
    for cue in ts.negation.finditer(folded, near_start, start):
        # "No" written in title case inside a sentence begins a name ("No Vax activists gathered"), not a negation;
        # a negation at the sentence's start or in a headline written in capitals still counts.
        word = text[cue.start() : cue.end()]
        if cue.start() == sent.start or not (word[:1].isupper() and word[1:2].islower()):
            return "negated"
    first = max(sent.start, start - hypo_reach)
    breaks = list(_CLAUSE_BREAK.finditer(folded, first, start))
    if breaks:
        first = breaks[-1].end()
    for cue in ts.hypothetical.finditer(folded, first, start):
        # A capitalised word inside the sentence is part of a name ("the We Will Stop Femicides movement").
        if cue.start() == sent.start or not text[cue.start()].isupper():
            return "hypothetical"
    return "asserted"


def find_triggers(text: str, folded: str, sentences: tuple[Span, ...], lang: str) -> list[TriggerMention]:
    """Every trigger in every sentence with its modality; opinion sentences are marked as such."""
    ts = trigger_set(lang)
    if not sentences:
        return []
    starts = [s.start for s in sentences]
    opinion = [bool(ts.opinion.search(folded, s.start, s.end)) for s in sentences]
    out: list[TriggerMention] = []
    # One reading of the text finds every action's matches; each match is then placed in its sentence.
    for (action, weight, _), matches in zip(ts.actions, ts.scan.finditer_all(folded), strict=True):
        for m in matches:
            k = bisect_right(starts, m.start()) - 1
            if k < 0:
                continue
            sent = sentences[k]
            if m.end() > sent.end:
                continue  # a phrase across a sentence boundary is not one trigger
            start, end = m.start(), m.end()
            modality = "opinion" if opinion[k] else _modality(ts, text, folded, sent, start, 400)
            out.append(TriggerMention(start, end, text[start:end], action, weight, modality))
    out.sort(key=lambda t: (t.start, -t.weight))
    return out
