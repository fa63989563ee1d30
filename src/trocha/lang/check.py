"""`trocha lexicon check`: validate every knowledge file so that a bad data edit fails CI, not a user."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from trocha.lang import LANG_DIR, LANG_FILES, LANGUAGES, SHARED_FILES, read_toml

EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": ("Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": ("Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                               "Headquarters or base established", "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Other events": ("Organized crime", "Diplomatic event", "Claim of responsibility", "Natural disaster",
                     "Man-made disaster"),
}
PLOVER = {"", "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
          "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "INVESTIGATE"}
KINDS = {"military", "police", "government", "official", "judiciary", "intelligence", "migration", "rebel", "militia",
         "criminal", "communal", "protesters", "rioters", "civilians", "media", "ngo", "international",
         "unidentified_armed", "party", "business", "religious", "education", "health", "labor", "refugees", "country"}


def _regex_problems(where: str, patterns: Any) -> list[str]:
    out = []
    if not isinstance(patterns, list) or not all(isinstance(p, str) for p in patterns):
        return [f"{where}: patterns must be a list of strings"]
    for p in patterns:
        try:
            rx = re.compile(p)
        except re.error as exc:
            out.append(f"{where}: bad regex {p!r}: {exc}")
            continue
        if rx.groups:
            out.append(f"{where}: {p!r} has a capturing group; use (?:...)")
        if rx.match(""):
            out.append(f"{where}: {p!r} matches the empty string")
    return out


def check(root: Path = LANG_DIR) -> list[str]:
    """Every problem found in the knowledge files (an empty list means all is well)."""
    problems: list[str] = []
    shared: dict[str, dict[str, Any]] = {}
    for name in SHARED_FILES:
        try:
            shared[name] = read_toml(root / "shared" / name)
        except Exception as exc:
            problems.append(str(exc))
    codebook = shared.get("codebook.toml", {}).get("action", {})
    for action, row in codebook.items():
        where = f"shared/codebook.toml [action.{action}]"
        et, sub = row.get("event_type"), row.get("sub_event_type")
        if et not in EVENT_TYPES or sub not in EVENT_TYPES[et]:
            problems.append(f"{where}: {et!r} / {sub!r} is not an event type / sub-event type pair")
        if row.get("plover", "") not in PLOVER:
            problems.append(f"{where}: unknown PLOVER type {row.get('plover')!r}")
        cameo = row.get("cameo", "")
        if cameo and not re.fullmatch(r"\d{3,4}", cameo):
            problems.append(f"{where}: CAMEO code {cameo!r} must be 3-4 digits")
        g = row.get("goldstein")
        if not isinstance(g, int | float) or not -10 <= g <= 10:
            problems.append(f"{where}: goldstein must be a number in -10..10")
    problems += _check_actors(shared.get("actors.toml", {}))
    problems += _check_countries(shared.get("countries.toml", {}))
    problems += _check_rules(shared.get("rules.toml", {}), codebook)
    for lang in LANGUAGES:
        for name in LANG_FILES:
            path = root / lang / name
            if not path.exists():
                problems.append(f"{lang}/{name}: missing (every language folder holds the same files)")
                continue
            try:
                data = read_toml(path)
            except Exception as exc:
                problems.append(str(exc))
                continue
            if name == "triggers.toml":
                for i, row in enumerate(data.get("trigger", [])):
                    where = f"{lang}/triggers.toml trigger #{i + 1}"
                    if row.get("action") not in codebook:
                        problems.append(f"{where}: action {row.get('action')!r} is not in the codebook")
                    problems += _regex_problems(where, row.get("patterns"))
                for i, row in enumerate(data.get("modifier", [])):
                    where = f"{lang}/triggers.toml modifier #{i + 1}"
                    for a in [*row.get("when", []), row.get("then")]:
                        if a not in codebook:
                            problems.append(f"{where}: action {a!r} is not in the codebook")
                    problems += _regex_problems(where, row.get("cues"))
            if name == "cues.toml":
                for key in ("negation", "hypothetical", "opinion", "speech", "background"):
                    problems += _regex_problems(f"{lang}/cues.toml {key}", data.get(key))
    return problems


def _check_actors(data: dict[str, Any]) -> list[str]:
    problems = []
    seen: dict[str, str] = {}
    from trocha.text import fold_key

    for row in data.get("actor", []):
        where = f"shared/actors.toml {row.get('name')!r}"
        for key in ("name", "kind", "country", "inter", "cameo", "en", "es"):
            if key not in row:
                problems.append(f"{where}: missing {key}")
        if row.get("kind") not in KINDS:
            problems.append(f"{where}: unknown kind {row.get('kind')!r}")
        if row.get("inter") not in range(1, 9):
            problems.append(f"{where}: inter must be 1-8")
        if not re.fullmatch(r"~[A-Z]{3,6}|[A-Z]{3}(?:[A-Z]{3})*", str(row.get("cameo", ""))):
            problems.append(f"{where}: bad CAMEO actor code {row.get('cameo')!r}")
        if row.get("country") and not re.fullmatch(r"[A-Z]{3}", row["country"]):
            problems.append(f"{where}: country must be ISO3 or empty")
        for alias in [*row.get("en", []), *row.get("es", [])]:
            key = fold_key(alias)
            if key in seen and seen[key] != row.get("name"):
                problems.append(f"{where}: alias {alias!r} also belongs to {seen[key]!r}")
            seen[key] = str(row.get("name"))
    return problems


def _check_countries(data: dict[str, Any]) -> list[str]:
    problems = []
    isos = [row.get("iso3") for row in data.get("country", [])]
    dupes = {i for i in isos if isos.count(i) > 1}
    if dupes:
        problems.append(f"shared/countries.toml: repeated iso3 {sorted(map(str, dupes))}")
    for row in data.get("country", []):
        if not re.fullmatch(r"[A-Z]{3}", str(row.get("iso3"))) or not row.get("name"):
            problems.append(f"shared/countries.toml: bad row {row.get('iso3')!r}")
    return problems


def _check_rules(data: dict[str, Any], codebook: dict[str, Any]) -> list[str]:
    problems = []
    for key in ("target_rule", "actor_rule", "actor_target_rule"):
        for i, row in enumerate(data.get(key, [])):
            for a in [*row.get("when", []), row.get("then")]:
                if a not in codebook:
                    problems.append(f"shared/rules.toml {key} #{i + 1}: action {a!r} is not in the codebook")
            for kk in ("actor_kinds", "target_kinds"):
                for k in row.get(kk, []):
                    if k not in KINDS:
                        problems.append(f"shared/rules.toml {key} #{i + 1}: unknown kind {k!r}")
    for i, row in enumerate(data.get("outranked", [])):
        for a in [*row.get("actions", []), *row.get("by", [])]:
            if a not in codebook:
                problems.append(f"shared/rules.toml outranked #{i + 1}: action {a!r} is not in the codebook")
    return problems
