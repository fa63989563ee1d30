"""Spanish sentences written by the trocha developers -> expected codes."""

from __future__ import annotations

import pytest

from trocha.api import Extractor

PUB = "2024-03-07"


@pytest.mark.parametrize(
    ("text", "sub_event_type", "cameo_root"),
    [
        ("Hombres armados asesinaron a un líder social en zona rural de Tumaco.", "Attack", "19"),
        ("Un líder social fue asesinado por desconocidos en Tumaco.", "Attack", "18"),
        ("Guerrilleros del ELN hostigaron la estación de Policía de Tame durante la noche.", "Armed clash", "19"),
        ("La Policía capturó a cinco integrantes del Clan del Golfo en Turbo.", "Arrests", "17"),
        ("Cientos de maestros protestaron en Bogotá contra la reforma educativa.", "Peaceful protest", "14"),
        ("Desconocidos secuestraron a dos ingenieros en la vía a Saravena.", "Abduction/forced disappearance", "18"),
        ("El Ejército incautó cincuenta y cinco fusiles en una caleta de las disidencias.", "Disrupted weapons use",
         "17"),
        ("El Ejército incautó veinte fusiles y quince granadas en zona rural de Tibú.", "Disrupted weapons use", "17"),
        ("Desconocidos lanzaron una granada contra una estación de Policía en Cúcuta.", "Grenade", "18"),
        # El acto físico más grave de un incidente es el evento (ACLED): el asesinato durante un robo, la golpiza
        # antes de la captura, el ataque contado antes de que un grupo se lo atribuya.
        ("El 4 de marzo, hombres armados asesinaron a un campesino y robaron veinte reses cerca de Yopal.", "Attack",
         "19"),
        ("El 5 de marzo, la Policía golpeó a un vendedor ambulante y luego lo capturó en Cali.", "Attack", "18"),
        ("El 5 de marzo, guerrilleros del ELN asesinaron a dos soldados cerca de Saravena. El ELN se atribuyó el "
         "ataque.", "Armed clash", "19"),
        ("El 3 de marzo, un grupo de vecinos golpeó a un presunto ladrón en Soacha.", "Mob violence", "14"),
    ],
)
def test_codes(extractor: Extractor, text: str, sub_event_type: str, cameo_root: str) -> None:
    events = extractor.extract(text, lang="es", published=PUB)
    assert events, text
    assert events[0].sub_event_type == sub_event_type
    assert (events[0].cameo or "")[:2] == cameo_root


@pytest.mark.parametrize(
    "text",
    [
        "El ministro dijo que el Ejército podría lanzar una ofensiva contra el ELN el próximo mes.",
        "La alcaldía inauguró un nuevo parque en el barrio San José.",
        "Si fracasan los diálogos, los rebeldes van a atacar de nuevo el oleoducto.",
    ],
)
def test_not_events(extractor: Extractor, text: str) -> None:
    assert extractor.extract(text, lang="es", published=PUB) == []


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        ("El 5 de marzo, tres reclusos se fugaron de la cárcel de Cómbita, Boyacá.", "Other"),
        ("El 5 de marzo, el Ejército bombardeó posiciones del ELN cerca de Tame y los guerrilleros respondieron al "
         "fuego.", "Armed clash"),
        ("El 6 de marzo, unos 2.000 refugiados venezolanos llegaron a Cúcuta y fueron registrados.", "Other"),
        ("El 6 de marzo, varios colegios de Bogotá recibieron amenazas de bomba y suspendieron las clases.", "Other"),
        ("El 5 de marzo, los disidentes tomaron el control del caserío pacíficamente tras la salida del Ejército.",
         "Non-violent transfer of territory"),
        # Una columna de soldados no es una columna de opinión.
        ("El 6 de marzo, una columna de soldados quemó cuatro casas en una vereda de Tame.",
         "Looting/property destruction"),
    ],
)
def test_sub_event_types(extractor: Extractor, text: str, sub_event_type: str) -> None:
    events = extractor.extract(text, lang="es", published=PUB)
    assert events, text
    assert events[0].sub_event_type == sub_event_type


@pytest.mark.parametrize(
    "text",
    [
        # Bloquear una vía con troncos o prender fuego durante una protesta es violencia de la multitud.
        "El 4 de marzo, habitantes bloquearon la vía con troncos y piedras en Mocoa para protestar por los cortes "
        "de luz.",
        "El 4 de marzo, manifestantes prendieron fuego a una caseta durante una protesta en Neiva.",
    ],
)
def test_violent_protests_are_riots(extractor: Extractor, text: str) -> None:
    events = extractor.extract(text, lang="es", published=PUB)
    assert events and events[0].event_type == "Riots"


def test_quantities_and_date(extractor: Extractor) -> None:
    text = "El martes pasado, la Armada incautó 1,5 toneladas de cocaína y 90.000 dólares en Tumaco."
    events = extractor.extract(text, lang="es", published=PUB)
    assert events
    got = {(q.what, q.value, q.unit) for q in events[0].quantities}
    assert ("cocaine", 1.5, "t") in got and ("money", 90000, "USD") in got
    assert events[0].date == "2024-03-05" and events[0].date_basis == "relative"


def test_language_is_detected(extractor: Extractor) -> None:
    events = extractor.extract("Disidencias de las FARC atacaron con drones una base militar en el Cauca.")
    assert events and events[0].event_type in ("Battles", "Explosions/Remote violence")
