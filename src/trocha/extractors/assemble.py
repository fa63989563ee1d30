"""From mentions to events: group sentences into incidents, choose each incident's action, fill its fields."""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any

from trocha.extractors.places import country_name
from trocha.extractors.triggers import trigger_set
from trocha.lang import shared_data
from trocha.model import (
    Actor,
    ActorMention,
    Article,
    DateMention,
    Event,
    Place,
    PlaceMention,
    Quantity,
    Span,
    TriggerMention,
)

MIN_SCORE = 2.0  # a sentence starts an incident only with at least this much trigger evidence
# Words that make the next actor the target: "a raid against Los Rastrojos", "un ataque contra la policía".
_TARGET_LEAD = re.compile(r"\b(?:against|targeting|contra|en contra de)\b")


@dataclass(slots=True)
class Incident:
    """Sentences judged to report one incident, with their summed trigger scores."""

    sentences: list[int] = field(default_factory=list)
    scores: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    family: str = ""
    day: date | None = None
    past: bool = False


@cache
def _codebook() -> dict[str, dict[str, Any]]:
    return dict(shared_data().codebook["action"])


@cache
def _rules() -> dict[str, Any]:
    return dict(shared_data().rules)


def family(action: str) -> str:
    """A coarse class of actions used to decide whether two sentences report one incident."""
    row = _codebook()[action]
    if row.get("verbal"):
        return "verbal"
    et = row["event_type"]
    if et in ("Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"):
        return "violence"
    if et == "Protests":
        return "protest"
    if row["sub_event_type"] in ("Natural disaster", "Man-made disaster"):
        return "disaster"
    return "strategic"


_JOINS = {
    ("violence", "strategic"), ("strategic", "violence"), ("protest", "violence"), ("protest", "strategic"),
    ("violence", "protest"),
}


def _compatible(a: str, b: str) -> bool:
    return a == b or (a, b) in _JOINS


def _sentence_of(article: Article, pos: int) -> int:
    """Index of the sentence holding `pos` (the last one starting at or before it)."""
    return max(0, bisect_right([s.start for s in article.sentences], pos) - 1)


_SPEECH_DATE = re.compile(
    r"\b(?:said|says|told|reported|announced|stated|added|confirmed|dijo|dijeron|informo|informaron|afirmo|senalo|"
    r"indico|anuncio|confirmo|reporto)\s+(?:[\w'’-]+\s+){0,2}$")


def _group(article: Article, body_end: int) -> list[Incident]:
    by_sent: dict[int, list[TriggerMention]] = defaultdict(list)
    for t in article.triggers:
        if t.modality == "asserted" and t.start < body_end:
            by_sent[_sentence_of(article, t.start)].append(t)
    day_of: dict[int, date] = {}
    past: set[int] = set()
    pub = article.published
    for d in article.dates:
        if d.day is not None:
            if _SPEECH_DATE.search(article.folded[max(0, d.start - 30) : d.start]):
                continue  # "the army said on Tuesday": when it was told, not when it happened
            day_of.setdefault(_sentence_of(article, d.start), d.day)
        elif d.year is not None and pub is not None and d.year <= pub.year - 2:
            past.add(_sentence_of(article, d.start))
    incidents: list[Incident] = []
    current: Incident | None = None
    for i in sorted(by_sent):
        scores: dict[str, float] = defaultdict(float)
        for t in by_sent[i]:
            scores[t.action] += t.weight
        # On a tie an act beats a statement: "police accused the ELN of killing two soldiers".
        best = max(scores, key=lambda a: (scores[a], family(a) != "verbal"))
        fam = family(best)
        day = day_of.get(i)
        joins = (
            current is not None
            and _compatible(current.family, fam)
            and (day is None or current.day is None or day == current.day)
            and i - current.sentences[-1] <= 3
            and (i in past) == current.past
        )
        if current is not None and joins:
            current.sentences.append(i)
            current.day = current.day or day
        elif scores[best] >= MIN_SCORE:
            current = Incident(family=fam, day=day, past=i in past)
            current.sentences.append(i)
            incidents.append(current)
        else:
            continue
        for a, s in scores.items():
            current.scores[a] += s
    return incidents


def _apply_modifiers(article: Article, inc: Incident) -> None:
    ts = trigger_set(article.lang or "en")
    # Sentences without any trigger that follow the incident describe it ("The victim was a gang member."):
    # their cues count too.
    busy = {_sentence_of(article, t.start) for t in article.triggers}
    idx = set(inc.sentences)
    for i in inc.sentences:
        j = i + 1
        while j < len(article.sentences) and j not in busy and j - i <= 2:
            idx.add(j)
            j += 1
    text = " ".join(article.folded[article.sentences[i].start : article.sentences[i].end] for i in sorted(idx))
    for mod in ts.modifiers:
        base = max((inc.scores.get(w, 0.0) for w in mod.when), default=0.0)
        if base > 0 and mod.cues.search(text):
            inc.scores[mod.then] = max(inc.scores.get(mod.then, 0.0), base + mod.boost)


def _to_actor(m: ActorMention) -> Actor:
    return Actor(m.text, m.name, m.inter, m.cameo, m.country, m.kind, Span(m.start, m.end, m.text))


def _pick_actors(article: Article, sent: Span, trig: TriggerMention) -> tuple[ActorMention | None, ActorMention | None]:
    inside = [a for a in article.actors if sent.start <= a.start < sent.end]
    folded = article.folded
    agent: ActorMention | None = None
    marked_target: ActorMention | None = None
    for a in inside:
        lead = " " + folded[max(sent.start, a.start - 24) : a.start].rstrip()
        lead = lead.rstrip(" \"'“”«»,(").rstrip()
        if agent is None and a.start > trig.start and lead.endswith((" by", " por", "por parte de")):
            agent = a  # "killed by gunmen", "asesinado por hombres armados"
        elif marked_target is None and a.start < trig.start and _TARGET_LEAD.search(
                folded[max(sent.start, a.start - 40) : a.start]) and not any(
                b is not a and a.start - 40 < b.end <= a.start for b in inside):
            marked_target = a  # "a raid against Los Rastrojos"
    inside = [a for a in inside if a is not marked_target]
    # An actor whose words hold the trigger ("gunmen" in "unknown gunmen attacked") stands before it.
    before = [a for a in inside if a.start < trig.start or (a.start == trig.start and a.end >= trig.end)]
    after = [a for a in inside if a not in before and a is not agent]
    passive = folded[max(sent.start, trig.start - 12) : trig.start].rstrip().split()[-1:] in (
        ["was"], ["were"], ["been"], ["fue"], ["fueron"], ["sido"], ["be"],
    )
    if agent is not None:
        target = marked_target or (before[-1] if before else (after[0] if after else None))
        return agent, target
    if passive and before:
        return None, before[-1]
    actor1 = before[-1] if before else None
    if actor1 is None and after:
        actor1, after = after[0], after[1:]
    target = marked_target or next((a for a in after if actor1 is None or a.name != actor1.name), None)
    return actor1, target


# Soldiers or police off duty, retired or former are civilians when attacked.
_OFF_DUTY = re.compile(
    r"\b(?:off[- ]duty|retired|former|ex-|fuera de servicio|retirad[oa]s?|ex)\s*(?:[\w'’-]+\s+){0,2}$")


def _apply_rules(action: str, a1: ActorMention | None, a2: ActorMention | None, folded: str = "") -> str:
    rules = _rules()
    k1 = a1.kind if a1 else None
    k2 = a2.kind if a2 else None
    if a2 is not None and k2 in ("military", "police") and _OFF_DUTY.search(folded[max(0, a2.start - 30) : a2.start]):
        k2 = "civilians"
    for r in rules.get("actor_target_rule", []):
        if action in r["when"] and k1 in r["actor_kinds"] and k2 in r["target_kinds"]:
            return str(r["then"])
    for r in rules.get("actor_rule", []):
        if action in r["when"] and k1 in r["actor_kinds"]:
            return str(r["then"])
    for r in rules.get("target_rule", []):
        if action in r["when"] and k2 in r["target_kinds"]:
            return str(r["then"])
    return action


def _event_place(article: Article, sents: list[Span]) -> PlaceMention | None:
    def within(p: PlaceMention) -> bool:
        return any(s.start <= p.start < s.end for s in sents)

    places = [p for p in article.places if p.kind == "place"]
    inside = [p for p in places if within(p)]
    # A place written with its units ("X (Y, Z)") or found in the gazetteer outranks a bare unknown name.
    for pool in (inside, places):
        # Where people or things came from is not where the incident happened.
        # A site named after a place ("at Zorvak square in Kecioren") yields to a place the text names besides.
        ranked = sorted(pool, key=lambda p: (not (p.hierarchy and p.resolved), not p.resolved, p.unit == "site",
                                             _origin(article, p), p.start))
        if ranked:
            return ranked[0]
    return None


# "refugees from Ukraine arrived in Slovakia": a place written as where people or things come from; but people
# "displaced from", "fled from" a place were driven out there.
_ORIGIN = re.compile(r"(?<!displaced )(?<!fled )(?<!evacuated )(?<!expelled )(?<!escaped )"
                     r"\b(?:from|desde|procedentes? de)\s+(?:the\s+|la\s+|el\s+)?$", re.IGNORECASE)


def _origin(article: Article, p: PlaceMention) -> bool:
    return bool(_ORIGIN.search(article.text, max(0, p.start - 20), p.start))


def _dominant_country(article: Article, sents: list[Span]) -> str | None:
    """The country the article is mostly about; mentions inside the incident break ties. A country named only as
    where people come from counts when no other is named."""
    named = [p for p in article.places if p.kind == "country" and p.country]
    counts = Counter(p.country for p in named if p.country and not _origin(article, p)) or Counter(
        p.country for p in named if p.country)
    counts.update(a.country for a in article.actors if a.country)
    if not counts:
        return None
    inside = {p.country for p in article.places if any(s.start <= p.start < s.end for s in sents)}
    order = {c: i for i, c in enumerate(p.country for p in reversed(article.places)
                                        if p.country and not _origin(article, p))}
    return max(counts, key=lambda c: (counts[c], c in inside, order.get(c, -1)))


def _event_date(article: Article, sents: list[Span]) -> tuple[DateMention | None, bool]:
    inside = [d for d in article.dates if any(s.start <= d.start < s.end for s in sents)]
    pub = article.published
    background = False
    for d in inside:
        if d.day is None and d.year is not None and pub is not None and d.year <= pub.year - 2:
            background = True
    days = [d for d in inside if d.day is not None]
    if days:
        explicit = [d for d in days if d.basis == "explicit"]
        chosen = (explicit or days)[0]
        if pub is not None and chosen.day is not None and (pub - chosen.day).days > 730:
            background = True
        return chosen, background
    first = sents[0].start
    earlier = [d for d in article.dates if d.day is not None and d.start < first]
    if earlier and not background:
        return earlier[-1], background
    return None, background


def assemble(article: Article) -> list[Event]:
    """Code every incident of the article, most salient first."""
    ts_body_end = _body_end(article)
    incidents = _group(article, ts_body_end)
    codebook = _codebook()
    rules = _rules()
    events: list[tuple[tuple[Any, ...], Event]] = []
    for inc in incidents:
        _apply_modifiers(article, inc)
        ranked = sorted(inc.scores.items(), key=lambda kv: (-kv[1], -codebook[kv[0]].get("severity", 0)))
        ranked = _outrank(article, inc, ranked)
        action, best = ranked[0]
        second = ranked[1][1] if len(ranked) > 1 else 0.0
        sents = [article.sentences[i] for i in inc.sentences]
        anchor_trig = _anchor(article, inc, action)
        anchor = article.sentences[_sentence_of(article, anchor_trig.start)]
        m1, m2 = _pick_actors(article, anchor, anchor_trig)
        found = action
        action = _apply_rules(action, m1, m2, article.folded)
        place = _event_place(article, sents)
        country = (place.country if place and place.country else None) or _dominant_country(article, sents)
        if found == "abduction" and action == "arrest" and m1 is not None and m1.country and country \
                and m1.country != country:
            action = found  # forces seizing people abroad abduct them; an arrest is made at home
        row = codebook[action]
        event_type, sub = row["event_type"], row["sub_event_type"]
        state = set(rules["state_kinds"]["kinds"])
        if row.get("verbal") and m1 is not None and m2 is not None and m1.kind in state and m2.kind in state:
            event_type, sub = "Other events", "Diplomatic event"
        actor1 = _to_actor(m1) if m1 else _default_actor(event_type)
        actor2 = _to_actor(m2) if m2 else _default_actor(event_type, "default_actor2")
        actor1 = _fix_actor(actor1, country, rules["actor1_inter"].get(sub))
        actor2 = _fix_actor(actor2, country, None) if actor2 else None
        dm, background = _event_date(article, sents)
        fields: list[tuple[str, Span]] = [("event_type", Span(anchor_trig.start, anchor_trig.end, anchor_trig.text))]
        if actor1 and actor1.span:
            fields.append(("actor1", actor1.span))
        if actor2 and actor2.span:
            fields.append(("actor2", actor2.span))
        location = None
        if place is not None:
            span = Span(place.start, place.end, article.text[place.start : place.end])
            shown = place.country_name if place.country else None
            shown = shown or country_name(place.country or country)
            location = Place(place.text, place.name, shown, place.admin1, place.admin2,
                             place.lat, place.lon, place.precision, span, place.border)
            fields.append(("location", span))
        elif country:
            point = next((p for p in article.places if p.kind == "country" and p.country == country), None)
            # A country-wide event stands at the capital, with the capital's units (geo/resolve.py `_at_seat`).
            location = Place(country_name(country) or country, country_name(country), country_name(country),
                             admin1=point.admin1 if point else None, admin2=point.admin2 if point else None,
                             lat=point.lat if point else None, lon=point.lon if point else None, precision="country")
        date_str: str | None
        date_text: str | None
        basis: str | None
        if dm is not None and dm.day is not None:
            date_str, date_text, basis = dm.day.isoformat(), article.text[dm.start : dm.end], dm.basis
            fields.append(("date", Span(dm.start, dm.end, article.text[dm.start : dm.end])))
        elif background:
            date_str, date_text, basis = None, _year_text(article, sents), "explicit"
        elif article.published is not None:
            date_str, date_text, basis = article.published.isoformat(), None, "publication"
        else:
            date_str, date_text, basis = None, None, None
        fatalities, death_spans = _fatalities(article, sents)
        fields += [("fatalities", s) for s in death_spans]
        quantities = tuple(
            Quantity(q.what, q.value, q.unit, article.text[q.start : q.end],
                     Span(q.start, q.end, article.text[q.start : q.end]))
            for q in article.quantities
            if any(s.start <= q.start < s.end for s in sents)
        )
        fields += [("quantities", q.span) for q in quantities if q.span]
        confidence = round(min(0.95, 0.35 + 0.08 * best) * (best / (best + second)), 3)
        eid = hashlib.sha1(f"{article.id}|{action}|{anchor.start}|{anchor.end}".encode()).hexdigest()[:16]
        plover = row.get("plover") or None
        event = Event(
            event_id=eid, article_id=article.id, event_type=event_type, sub_event_type=sub,
            disorder_type=row.get("disorder_type") or None, action=action, plover=plover,
            plover_mode=row.get("plover_mode") or None, cameo=row.get("cameo") or None,
            quad_class=_quad(row.get("cameo")), goldstein=row.get("goldstein") if row.get("cameo") else None,
            actor1=actor1, actor2=actor2, assoc_actors=(), location=location,
            date=date_str, date_text=date_text, date_basis=basis, fatalities=fatalities, quantities=quantities,
            background=background, evidence=tuple(sents), fields_evidence=tuple(fields), confidence=confidence,
            scores=tuple((a, round(s, 2)) for a, s in ranked[:5]),
        )
        key = (background, -int(row.get("severity", 0)), anchor.start)
        events.append((key, event))
    events.sort(key=lambda kv: kv[0])
    return [e for _, e in events]


def _outrank(article: Article, inc: Incident, ranked: list[tuple[str, float]]) -> list[tuple[str, float]]:
    """Put the most serious physical act first when a lesser reading (looting, arrest, claim) leads (rules.toml)."""
    for rule in _rules().get("outranked", []):
        lesser = ranked[0][0]
        if lesser not in rule["actions"]:
            continue
        scores = dict(ranked)
        if rule.get("apart"):
            # Only acts told before the lesser reading count: "X claimed the killing of two soldiers" is a claim.
            by_sent: dict[int, list[TriggerMention]] = defaultdict(list)
            for t in article.triggers:
                if t.modality == "asserted":
                    by_sent[_sentence_of(article, t.start)].append(t)
            scores = defaultdict(float)
            for i in inc.sentences:
                if any(t.action == lesser for t in by_sent[i]):
                    break
                for t in by_sent[i]:
                    scores[t.action] += t.weight
        acts = [kv for kv in ranked if kv[0] in rule["by"] and scores.get(kv[0], 0.0) >= float(rule["min_score"])]
        if acts:
            return [acts[0], *(kv for kv in ranked if kv is not acts[0])]
    return ranked


def _year_text(article: Article, sents: list[Span]) -> str | None:
    for d in article.dates:
        if d.day is None and any(s.start <= d.start < s.end for s in sents):
            return article.text[d.start : d.end]
    return None


def _anchor(article: Article, inc: Incident, action: str) -> TriggerMention:
    spans = [article.sentences[i] for i in inc.sentences]
    mine = [t for t in article.triggers
            if t.modality == "asserted" and any(s.start <= t.start < s.end for s in spans)]
    same = [t for t in mine if t.action == action]
    if same:
        return max(same, key=lambda t: (t.weight, -t.start))
    return max(mine, key=lambda t: (inc.scores.get(t.action, 0.0), -t.start))


def _default_actor(event_type: str, which: str = "default_actor1") -> Actor | None:
    row = _rules().get(which, {}).get(event_type)
    if row is None:
        return None
    return Actor("", row["name"], int(row["inter"]), row["cameo"], None, row["kind"], None)


def _fix_actor(actor: Actor | None, country: str | None, inter: int | None) -> Actor | None:
    """Give a generic actor the event's country, and apply ACLED's fixed actor types."""
    if actor is None:
        return None
    new_inter = inter if inter is not None else actor.inter
    new_country = actor.country
    cameo = actor.cameo
    name = actor.name
    generic = " (generic)" in name or actor.span is None  # named organisations (ICRC, UN) keep their own name
    if actor.country is None and country and cameo and cameo.startswith("~") and generic:
        new_country = country
        cameo = country + cameo[1:]
        name = f"{name.replace(' (generic)', '')} ({country_name(country) or country})"
    if inter is None and new_inter == 1 and actor.country and country and actor.country != country:
        new_inter = 8  # state forces acting outside their own country
    if (new_inter, new_country, cameo) == (actor.inter, actor.country, actor.cameo):
        return actor
    return Actor(actor.text, name, new_inter, cameo, new_country, actor.kind, actor.span)


def _fatalities(article: Article, sents: list[Span]) -> tuple[int | None, list[Span]]:
    inside = [d for d in article.deaths if any(s.start <= d.start < s.end for s in sents)]
    if not inside:
        return 0, []
    spans = [Span(d.start, d.end, article.text[d.start : d.end]) for d in inside]
    per_sentence: dict[int, int] = defaultdict(int)
    for d in inside:
        per_sentence[_sentence_of(article, d.start)] += d.count
    return max(per_sentence.values()), spans


def _quad(cameo: str | None) -> int | None:
    if not cameo or len(cameo) < 2 or not cameo[:2].isdigit():
        return None
    root = int(cameo[:2])
    return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4


def _body_end(article: Article) -> int:
    """Where the article body ends: boilerplate such as "Related posts" starts after it."""
    m = re.search(r"\n\s*(?:related posts|related articles|read more|see also|noticias relacionadas|lea tambien|"
                  r"te puede interesar|le puede interesar|tambien le puede interesar)\b", article.folded)
    return m.start() if m else len(article.text)
