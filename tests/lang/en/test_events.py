"""English sentences written by the trocha developers -> expected codes."""

from __future__ import annotations

import pytest

from trocha.api import Extractor

PUB = "2024-03-07"


@pytest.mark.parametrize(
    ("text", "sub_event_type", "plover", "inter1"),
    [
        ("On 2 March 2024, hundreds of teachers marched to the education ministry in Quito to demand higher pay.",
         "Peaceful protest", "PROTEST", 6),
        ("On 3 March 2024, residents protested in Cucuta; police dispersed them with tear gas.",
         "Protest with intervention", "PROTEST", 6),
        ("On 4 March 2024, protesters burned tires and threw stones at police in Arauca.",
         "Violent demonstration", "PROTEST", 5),
        ("On 5 March 2024, ELN guerrillas clashed with army troops in Tame, Arauca.", "Armed clash", "ASSAULT", 2),
        ("On 5 March 2024, two gangs exchanged heavy fire for an hour near a market in Cucuta.", "Armed clash",
         "ASSAULT", 3),
        ("On 5 March 2024, nurses gathered outside the hospital in Pasto to demonstrate against unpaid wages.",
         "Peaceful protest", "PROTEST", 6),
        ("On 5 March 2024, unidentified gunmen shot dead a social leader in Tumaco.", "Attack", "ASSAULT", 3),
        ("On 6 March 2024, a roadside bomb exploded as a patrol passed near Tibu.",
         "Remote explosive/landmine/IED", "ASSAULT", 3),
        ("On 6 March 2024, police arrested four members of the Clan del Golfo in Turbo.", "Arrests", "COERCE", 1),
        ("On 6 March 2024, gunmen kidnapped two engineers on the road to Saravena.",
         "Abduction/forced disappearance", "ASSAULT", 3),
        # State forces seizing people at home arrest them; abroad, they abduct them.
        ("On 6 March 2024, Venezuelan soldiers detained three smugglers in Ureña, Táchira.", "Arrests", "COERCE", 1),
        ("On 6 March 2024, Russian forces kidnapped the head of Nova Zoria village, Kherson.",
         "Abduction/forced disappearance", "ASSAULT", 8),
        ("On 7 March 2024, unknown gunmen attacked an army checkpoint near Tibu.", "Armed clash", "ASSAULT", 3),
        ("On 7 March 2024, gunmen shot dead an off-duty police officer in Cucuta.", "Attack", "ASSAULT", 3),
        ("On 7 March 2024, soldiers seized 30 rifles, ammunition and 12 grenades near Tibu.",
         "Disrupted weapons use", "COERCE", 1),
        ("On 7 March 2024, unknown men threw a grenade at a police station in Cucuta.", "Grenade", "ASSAULT", 3),
        ("On 8 March 2024, monitors observed 40 shots involving small arms near Tibu.", "Armed clash", "ASSAULT", 3),
        ("On 8 March 2024, police detained and tortured a student in Cucuta.", "Attack", "ASSAULT", 1),
        ("On 8 March 2024, Russian forces fired artillery and clashed with Ukrainian troops near Kupiansk, Kharkiv.",
         "Armed clash", "ASSAULT", 8),
        ("On 8 March 2024, parents took over the school building in Ocana to demand more teachers.",
         "Peaceful protest", "PROTEST", 6),
        ("On 7 March 2024, residents erected barricades and protested against power cuts in Riohacha.",
         "Violent demonstration", "PROTEST", 5),
        ("On 7 March 2024, ELN guerrillas detained two soldiers near Saravena.",
         "Abduction/forced disappearance", "ASSAULT", 2),
        ("On 7 March 2024, villagers and residents of a nearby town fought with sticks and stones in Guamal.",
         "Mob violence", "ASSAULT", 5),
        # ACLED: a protest that blocks roads with burning tyres or barricades of logs, or throws stones, is a
        # violent demonstration; "riot police" and past riots are not the protesters' violence; police who push or
        # assault protesters intervene in the protest.
        ("On 4 March 2024, residents blocked a highway near Neiva by setting tires on fire to demand water.",
         "Violent demonstration", "PROTEST", 5),
        ("On 4 March 2024, demonstrators blocked the main road with tree trunks in Mocoa to protest power cuts.",
         "Violent demonstration", "PROTEST", 5),
        ("On 4 March 2024, hundreds of squatters hurled stones at police in Yopal during a protest against "
         "an eviction.",
         "Violent demonstration", "PROTEST", 5),
        ("On 4 March 2024, teachers marched peacefully in Pasto while riot police watched.",
         "Peaceful protest", "PROTEST", 6),
        ("On 4 March 2024, students protested in Tunja, recalling the riots that followed the 2019 strike.",
         "Peaceful protest", "PROTEST", 6),
        ("On 4 March 2024, police officers pushed and assaulted protesters outside the town hall in Popayan.",
         "Protest with intervention", "PROTEST", 6),
        # The most serious physical act of an incident is its event: a killing during a robbery is an attack,
        # a beating before an arrest is an attack, an act told before a claim is the act.
        ("On 4 March 2024, gunmen killed a farmer and stole twenty head of cattle near Yopal.", "Attack", "ASSAULT", 3),
        ("On 5 March 2024, police beat a street vendor and then arrested him in Cali.", "Attack", "ASSAULT", 1),
        ("On 5 March 2024, ELN guerrillas shot dead two soldiers near Saravena. The ELN claimed responsibility "
         "for the attack.", "Armed clash", "ASSAULT", 2),
        # Burning houses with no one hurt is property destruction, not violence against civilians.
        ("On 4 March 2024, soldiers burned down twelve houses in a village near Tame.",
         "Looting/property destruction", "COERCE", 1),
        # "A group of people" gathers to protest as often as to fight: it is a mob only when it is the one that beats.
        ("On 3 March 2024, a group of people held a vigil in Pasto for a murdered teacher.",
         "Peaceful protest", "PROTEST", 6),
        ("On 3 March 2024, a group of residents beat a suspected thief in Soacha.", "Mob violence", "ASSAULT", 5),
    ],
)
def test_codes(extractor: Extractor, text: str, sub_event_type: str, plover: str, inter1: int) -> None:
    events = extractor.extract(text, lang="en", published=PUB)
    assert events, text
    first = events[0]
    assert first.sub_event_type == sub_event_type
    assert first.plover == plover
    assert first.actor1 is not None and first.actor1.inter == inter1


@pytest.mark.parametrize(
    "text",
    [
        "The minister said the army could launch an offensive against the ELN next month.",
        "Police did not arrest anyone after the meeting.",
        "If the talks fail, the rebels may attack the pipeline again.",
        "The city council approved a new budget for parks and libraries on Monday.",
        "In this column, I argue that the police raided the wrong house in Pasto.",
    ],
)
def test_not_events(extractor: Extractor, text: str) -> None:
    assert extractor.extract(text, lang="en", published=PUB) == []


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        # A report that leads with a claim reports the claim.
        ("The ELN claimed responsibility for the bombing of an oil pipeline in Arauca on Monday. The blast caused a "
         "spill.", "Claim of responsibility"),
        ("On 5 March 2024, unidentified people carried out an arson attack on a warehouse in Cucuta.",
         "Looting/property destruction"),
        # ACLED's "Other" strategic developments: displacement, evacuation, refugees, threats, escapes.
        ("On 4 March 2024, about 300 families were displaced by fighting between two armed groups in rural Tame.",
         "Other"),
        ("On 5 March 2024, three inmates escaped from the prison of Combita, Boyaca.", "Other"),
        ("On 6 March 2024, several schools in Bogota received bomb threats and classes were suspended.", "Other"),
        ("On 6 March 2024, about 2000 refugees from Venezuela arrived in Cucuta and were registered.", "Other"),
        ("On 7 March 2024, gunmen killed two farmers in Tame, and 40 families were displaced from the village after "
         "the attack.", "Attack"),
        # Violence against gang members, told in the next sentence or as a rivalry, is an armed clash.
        ("On 5 March 2024, gunmen shot dead a man in Cucuta. The victim was a member of a local drug gang.",
         "Armed clash"),
        ("On 5 March 2024, two men were killed in Soacha by members of a rival gang.", "Armed clash"),
        # Shelling inside a two-sided fight is the fight (fighting that broke out, fire returned with small arms).
        ("On 5 March 2024, fighting broke out between the army and ELN guerrillas near Tame, and the army fired "
         "artillery at the guerrillas.", "Armed clash"),
        ("On 5 March 2024, the army shelled ELN positions near Tame. The guerrillas fired back with small arms.",
         "Armed clash"),
        ("On 5 March 2024, the army shelled ELN positions near Tame.", "Shelling/artillery/missile attack"),
        ("On 5 March 2024, fighting broke out between the people's militia and ELN guerrillas near Tame.",
         "Armed clash"),
        # Grenade launchers fire like artillery; stun grenades are crowd control, not an explosion.
        ("On 5 March 2024, the rebels fired grenade launchers at army positions near Tame.",
         "Shelling/artillery/missile attack"),
        ("On 5 March 2024, police fired stun grenades and tear gas at protesters in Bogota.",
         "Protest with intervention"),
        # A demand made by slowing traffic or blocking a road is a protest, not a statement.
        ("On 5 March 2024, about 200 drivers slowed the traffic on the road to Tunja and denounced the rise in tolls.",
         "Peaceful protest"),
        # A capitalised word inside the sentence is part of a name, not a hedge; a column of troops and an
        # editorial line are not opinion pieces.
        ("On 5 March 2024, members of the We Will Not Be Silent collective staged a sit-in outside the courthouse "
         "in Pasto.", "Peaceful protest"),
        ("On 5 March 2024, a military column of 80 soldiers burned four houses in a village near Tame.",
         "Looting/property destruction"),
        ("On 5 March 2024, reporters protested in Bogota against pressure on the editorial line of their newspaper.",
         "Peaceful protest"),
        # Stones hurled at people or cars by a crowd that is not protesting; slow driving and cut roads as protest;
        # burned trucks; control taken without a fight.
        ("On 5 March 2024, a group of settlers hurled stones at passing cars on the road to the village.",
         "Mob violence"),
        ("On 5 March 2024, about 60 taxi drivers drove at a slow pace through Medellin to denounce fuel prices.",
         "Peaceful protest"),
        ("On 5 March 2024, residents cut the road between Tame and Arauca to demand electricity.", "Peaceful protest"),
        ("On 5 March 2024, gunmen burned a cargo truck on the road to Ocana.", "Looting/property destruction"),
        ("On 5 March 2024, the rebels took control peacefully of two villages after the army left.",
         "Non-violent transfer of territory"),
        # A plot is not an attack: the arrest is the event.
        ("Police jailed twelve men suspected of plotting to attack a power station in Cali.", "Arrests"),
        ("On 5 March 2024, neighbours found the body of a young man with two gunshot wounds in a field near Tame.",
         "Attack"),
        ("On 5 March 2024, soldiers fired four rounds at a farmhouse outside Saravena.", "Attack"),
        ("On 5 March 2024, the gang set more than forty houses on fire in a hamlet of Tibu.",
         "Looting/property destruction"),
        ("On 5 March 2024, a farmer was hit by a mine while clearing brush near Tibu.",
         "Remote explosive/landmine/IED"),
        ("On 5 March 2024, the occupying forces forcibly deported thirty villagers to the other side of the border.",
         "Abduction/forced disappearance"),
    ],
)
def test_sub_event_types(extractor: Extractor, text: str, sub_event_type: str) -> None:
    events = extractor.extract(text, lang="en", published=PUB)
    assert events, text
    assert events[0].sub_event_type == sub_event_type


def test_clash_then_arrests_is_one_event(extractor: Extractor) -> None:
    text = ("On Monday, soldiers clashed with FARC dissidents near Puerto Asis, Putumayo. "
            "After the fighting, troops arrested three of the dissidents.")
    events = extractor.extract(text, lang="en", published=PUB)
    assert len(events) == 1
    assert events[0].sub_event_type == "Armed clash"
    assert events[0].date == "2024-03-04"


def test_diplomatic_request_between_governments(extractor: Extractor) -> None:
    text = ("Colombia's defense minister asked the Venezuelan government for cooperation "
            "to secure the border on Tuesday.")
    events = extractor.extract(text, lang="en", published=PUB)
    assert events and events[0].sub_event_type == "Diplomatic event"
    assert events[0].plover == "REQUEST" and (events[0].cameo or "").startswith("02")
    assert events[0].actor1 is not None and events[0].actor1.country == "COL"
    assert events[0].actor2 is not None and events[0].actor2.country == "VEN"


def test_date_of_a_statement_does_not_split_the_incident(extractor: Extractor) -> None:
    # "the army said on Tuesday" dates the statement; the deaths belong to Monday's clash.
    text = ("Soldiers clashed with ELN guerrillas on Monday in Saravena, Arauca. Three guerrillas were killed in the "
            "fighting, the army said on Tuesday.")
    events = extractor.extract(text, lang="en", published="2024-03-07")
    assert len(events) == 1
    assert (events[0].sub_event_type, events[0].date, events[0].fatalities) == ("Armed clash", "2024-03-04", 3)


def test_unnamed_victims_of_violence_against_civilians_are_civilians(extractor: Extractor) -> None:
    event = extractor.extract("On 6 March 2024, gunmen shot dead a man in Tumaco.", lang="en",
                              published="2024-03-07")[0]
    assert event.event_type == "Violence against civilians"
    assert event.actor2 is not None and (event.actor2.inter, event.actor2.cameo) == (7, "COLCVL")
