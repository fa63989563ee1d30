"""Trigger phrases and their modality: invented English sentences -> the sub-event type of the first event."""

from __future__ import annotations

import pytest

from trocha.api import Extractor

PUB = "2024-06-10"


def _first(extractor: Extractor, text: str) -> str | None:
    events = extractor.extract(text, lang="en", published=PUB)
    return events[0].sub_event_type if events else None


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        # "No" in title case inside a sentence starts a name or an abbreviation, not a negation.
        ("On 2 June 2024, No Mask campaigners gathered outside the provincial legislature in Salta.",
         "Peaceful protest"),
        ("On 3 June 2024, parents at school No. 118 blocked the entrance of the building in Luque.",
         "Peaceful protest"),
    ],
)
def test_title_case_no_is_not_a_negation(extractor: Extractor, text: str, sub_event_type: str) -> None:
    assert _first(extractor, text) == sub_event_type


@pytest.mark.parametrize(
    "text",
    [
        "No protesters gathered outside the provincial legislature in Salta on Sunday.",
        "On 4 June 2024, the police said that no soldiers were attacked in Tame.",
        "NO PROTESTERS GATHERED OUTSIDE THE LEGISLATURE IN SALTA ON SUNDAY.",
    ],
)
def test_negation_still_holds(extractor: Extractor, text: str) -> None:
    assert extractor.extract(text, lang="en", published=PUB) == []


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        ("On 4 June 2024, army units launched ground operations against ELN fighters in the hills of Teorama.",
         "Armed clash"),
        ("On 4 June 2024, the border troops fired from their positions near the river towards the other side "
         "near Tovuz.", "Armed clash"),
        ("On 5 June 2024, two men on a motorbike shot against a taxi in San Pedro Sula.", "Attack"),
        ("On 5 June 2024, a police officer threw a stone at a photographer outside the court in Merida.", "Attack"),
        ("On 5 June 2024, navy boats fired live bullets and stun grenades at fishermen off the coast of Khan Younis.",
         "Attack"),
        ("On 6 June 2024, junta troops fired heavy and light weapons several times at the village of Ywathit.",
         "Shelling/artillery/missile attack"),
        ("On 6 June 2024, a police officer punched a street vendor in Lima.", "Attack"),
        ("On 7 June 2024, occupying forces took the village doctor away to an unknown location in Kherson region.",
         "Abduction/forced disappearance"),
        ("On 7 June 2024, Russian forces captured a priest in Melitopol, Zaporizhia.",
         "Abduction/forced disappearance"),
        ("On 8 June 2024, supporters of the Green Party forced their way into a campaign meeting in Eldoret.",
         "Mob violence"),
    ],
)
def test_violent_acts(extractor: Extractor, text: str, sub_event_type: str) -> None:
    assert _first(extractor, text) == sub_event_type


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        ("On 9 June 2024, soldiers sealed off four shops belonging to opposition supporters in Monywa.",
         "Looting/property destruction"),
        ("On 9 June 2024, unknown men set a storage shed of the local farmers' cooperative on fire near Jenin.",
         "Looting/property destruction"),
        ("On 10 June 2024, a masked man started a fire in the lobby of the party offices in Lyon.",
         "Looting/property destruction"),
        ("On 10 June 2024, a crop-dusting plane sprayed herbicides on farmland near the fence east of Khuza'a.",
         "Looting/property destruction"),
        ("On 11 June 2024, soldiers fenced off olive groves and placed caravans on privately owned land near Yatta.",
         "Looting/property destruction"),
        ("On 11 June 2024, police removed two checkpoints on the ring road of Mosul.", "Change to group/activity"),
        ("On 12 June 2024, an army convoy of 30 trucks was seen heading towards the border near Idlib.",
         "Change to group/activity"),
        ("On 12 June 2024, five trucks of soldiers arrived in the town of Pale.", "Change to group/activity"),
        ("On 13 June 2024, a new anti-government armed movement announced its founding in Kunduz.",
         "Change to group/activity"),
        ("On 13 June 2024, militants manned a checkpoint on the road between Djibo and Arbinda.", "Other"),
        ("On 14 June 2024, the rebel militia held a graduation ceremony for 80 recruits in Kalay.", "Other"),
        ("On 14 June 2024, a cargo ship delivered armoured vehicles and ammunition to the port of Aden.", "Other"),
        ("On 15 June 2024, hundreds of families who displaced by the fighting arrived in Lashio.", "Other"),
        ("On 15 June 2024, the coast guard intercepted a dinghy carrying 40 migrants off Lampedusa.", "Arrests"),
        ("Ruritania announced on Tuesday the expulsion of twelve Freedonian diplomats.", "Diplomatic event"),
        ("On 19 June 2024, forty fighters of a rebel faction turned in their rifles to the authorities near Faya.",
         "Other"),
        ("On 19 June 2024, police set up a security cordon around the villages north of Samarra.",
         "Change to group/activity"),
        ("On 20 June 2024, soldiers found 60 migrants crammed in a truck on the highway near Tapachula.", "Arrests"),
    ],
)
def test_strategic_developments(extractor: Extractor, text: str, sub_event_type: str) -> None:
    assert _first(extractor, text) == sub_event_type


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        ("On 16 June 2024, nurses lined both sides of the avenue outside the clinic in Rosario to raise awareness "
         "about unpaid overtime.", "Peaceful protest"),
        ("On 16 June 2024, about 40 tractors rode through the centre of Ciudad Real with national flags in support "
         "of the farmers.", "Peaceful protest"),
        ("On 17 June 2024, members of a workers' movement held a soup kitchen in front of the provincial legislature "
         "in Neuquen.", "Peaceful protest"),
        ("On 17 June 2024, teachers padlocked the school in Oran to denounce the lack of heating.",
         "Peaceful protest"),
        ("On 18 June 2024, soldiers blocked (with their trucks) the main road in Baidoa over unpaid salaries.",
         "Peaceful protest"),
    ],
)
def test_protest_forms(extractor: Extractor, text: str, sub_event_type: str) -> None:
    assert _first(extractor, text) == sub_event_type


def test_spanish_protest_named_by_its_noise(extractor: Extractor) -> None:
    events = extractor.extract("El 18 de junio de 2024, vecinos realizaron un ruidazo frente a la alcaldia de Mendoza.",
                               lang="es", published=PUB)
    assert events and events[0].sub_event_type == "Peaceful protest"


@pytest.mark.parametrize(
    ("text", "sub_event_type", "plover"),
    [
        ("El 18 de junio de 2024, el ejercito reforzo la vigilancia en los alrededores de la gobernacion de Tarija.",
         "Change to group/activity", "MOBILIZE"),
        ("El 19 de junio de 2024, enfermeras cerraron las puertas del hospital regional de Tarija.",
         "Peaceful protest", "PROTEST"),
    ],
)
def test_spanish_mobilisation_and_closed_doors(extractor: Extractor, text: str, sub_event_type: str,
                                               plover: str) -> None:
    events = extractor.extract(text, lang="es", published=PUB)
    assert events and (events[0].sub_event_type, events[0].plover) == (sub_event_type, plover)


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        ("Freedonia expels four Ruritanian diplomats", "Diplomatic event"),
        ("Sylvania throws out Ruritanian diplomats after an espionage case", "Diplomatic event"),
        ("Students held a die-in outside the parliament in Wellington on Friday.", "Peaceful protest"),
        ("Rebel units pull back from the hills around Goma, heading north.", "Change to group/activity"),
        ("Hundreds of police officers were dispatched to the northern districts of Basra on Friday.",
         "Change to group/activity"),
    ],
)
def test_headline_verbs(extractor: Extractor, text: str, sub_event_type: str) -> None:
    assert _first(extractor, text) == sub_event_type


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        # "Grad" is a rocket system only where the text says so; in a town's name it is no weapon.
        ("On 5 June 2024, pensioners rallied in Beli Grad, commemorating the victims of the flood.",
         "Peaceful protest"),
        ("On 6 June 2024, separatist forces fired Grad rockets at Marinka. No casualties were reported.",
         "Shelling/artillery/missile attack"),
        ("On 7 June 2024, Russian forces shelled Vuhledar with BM-21 Grad systems.",
         "Shelling/artillery/missile attack"),
    ],
)
def test_grad_is_a_weapon_only_as_one(extractor: Extractor, text: str, sub_event_type: str) -> None:
    assert _first(extractor, text) == sub_event_type
