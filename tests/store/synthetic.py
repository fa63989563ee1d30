"""Fake articles from templates for the crash test and the benchmarks: incidents reported by 1-3 outlets in EN/ES,
exact copies, syndicated near-copies and broken lines, all from a seed (no real article text)."""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path

PLACES = [("Tame", "Arauca"), ("Saravena", "Arauca"), ("Arauquita", "Arauca"), ("Tibú", "Norte de Santander"),
          ("Cúcuta", "Norte de Santander"), ("Tumaco", "Nariño"), ("Argelia", "Cauca"), ("Jamundí", "Valle del Cauca"),
          ("Apartadó", "Antioquia"), ("Caucasia", "Antioquia"), ("Puerto Asís", "Putumayo"), ("Quibdó", "Chocó")]
GROUPS_EN = ["ELN rebels", "FARC dissidents", "Clan del Golfo members"]
GROUPS_ES = ["guerrilleros del ELN", "disidencias de las FARC", "integrantes del Clan del Golfo"]
NUM_EN = ["two", "three", "four", "five"]
NUM_ES = ["dos", "tres", "cuatro", "cinco"]
WEEKDAY_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
WEEKDAY_ES = ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"]
FILLER_EN = ["Residents said the area had been calm for weeks.", "The mayor asked for more patrols on rural roads.",
             "Schools in the area suspended classes for the day.", "Officials did not give further details."]
FILLER_ES = ["Habitantes dijeron que la zona estaba en calma.", "El alcalde pidió más patrullajes en las vías rurales.",
             "Los colegios de la zona suspendieron las clases.", "Las autoridades no dieron más detalles."]


def _clash_en(rng: random.Random, place: str, admin1: str, group: int, dead: int, day: date) -> str:
    return (f"Army soldiers clashed with {GROUPS_EN[group]} on {WEEKDAY_EN[day.weekday()]} in {place}, {admin1}, "
            f"and {NUM_EN[dead]} fighters were killed, the military said. {rng.choice(FILLER_EN)}")


def _clash_es(rng: random.Random, place: str, admin1: str, group: int, dead: int, day: date) -> str:
    return (f"Tropas del Ejército se enfrentaron el {WEEKDAY_ES[day.weekday()]} con {GROUPS_ES[group]} en {place}, "
            f"{admin1}, y {NUM_ES[dead]} combatientes murieron, informó el Ejército. {rng.choice(FILLER_ES)}")


def _seizure_en(rng: random.Random, place: str, admin1: str, group: int, dead: int, day: date) -> str:
    return (f"Police seized {dead + 1} tonnes of cocaine on {WEEKDAY_EN[day.weekday()]} in {place}, {admin1}, and "
            f"arrested {NUM_EN[dead]} people linked to {GROUPS_EN[group]}. {rng.choice(FILLER_EN)}")


def _seizure_es(rng: random.Random, place: str, admin1: str, group: int, dead: int, day: date) -> str:
    return (f"La Policía incautó el {WEEKDAY_ES[day.weekday()]} {dead + 1} toneladas de cocaína en {place}, "
            f"{admin1}, y capturó a {NUM_ES[dead]} personas de {GROUPS_ES[group]}. {rng.choice(FILLER_ES)}")


TEMPLATES = [(_clash_en, _clash_es), (_seizure_en, _seizure_es)]


def articles(n: int, seed: int = 7) -> list[str]:
    """`n` JSONL lines: mostly reports of shared incidents, plus copies, near-copies and a few broken lines."""
    rng = random.Random(seed)
    lines: list[str] = []
    start = date(2024, 3, 1)
    while len(lines) < n:
        kind, (place, admin1) = rng.randrange(len(TEMPLATES)), rng.choice(PLACES)
        group, dead = rng.randrange(len(GROUPS_EN)), rng.randrange(len(NUM_EN))
        day = start + timedelta(days=rng.randrange(120))
        for _ in range(rng.choice([1, 1, 2, 2, 3])):
            published = day + timedelta(days=rng.choice([0, 1, 1, 2]))
            if published.weekday() == day.weekday():
                published = day  # keep weekday names unambiguous
            lang = rng.choice(["en", "es"])
            text = TEMPLATES[kind][lang == "es"](rng, place, admin1, group, rng.choice([dead, dead, min(dead + 1, 3)]),
                                                day)
            lines.append(json.dumps({"id": f"a{len(lines)}", "published": published.isoformat(), "lang": lang,
                                     "url": f"https://outlet{rng.randrange(9)}.example/n/{len(lines)}", "text": text},
                                    ensure_ascii=False))
        roll = rng.random()
        if roll < 0.04 and lines:
            lines.append(lines[-1].replace('"id": "', '"id": "copy-', 1).replace("https://", "https://mirror.", 1))
        elif roll < 0.06:
            lines.append('{"id": "broken", "text": ')
    return lines[:n]


def write(path: Path, n: int, seed: int = 7) -> Path:
    """Write `n` synthetic JSONL lines to `path`."""
    path.write_text("\n".join(articles(n, seed)) + "\n", encoding="utf-8")
    return path
