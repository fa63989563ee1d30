"""The seeded world of the web tests: three organisations, public, private and shared reports, one of them hostile.

A (a ministry unit) holds a private report of the Saravena clash that a public article also reports (one incident
built from both), a wholly private report of a Tibú attack, and an agreement report shared with C. B holds a private
report of an arrest across the border. A public article carries a <script>.
"""

from __future__ import annotations

from typing import Any

from tests.web.server import Site
from trocha.store.guarded import Guarded

SECRET_WORD = "Zafiroquince"  # only in A's private reports: a search or export by B must never find it

REPORTS: dict[str, dict[str, Any]] = {
    "public_clash": {"by": "a", "visibility": "public", "lang": "en", "published": "2024-03-05",
                     "text": "Soldiers of the Colombian army clashed with ELN guerrillas on Monday in Saravena, in "
                             "the department of Arauca. Three guerrillas were killed in the fighting, the army said "
                             "on Tuesday."},
    "private_clash": {"by": "a", "visibility": "private", "lang": "es", "published": "2024-03-05",
                      "text": f"Tropas del Ejército combatieron con guerrilleros del ELN el lunes en Saravena, Arauca. "
                              f"Tres guerrilleros murieron en los enfrentamientos, según el informe {SECRET_WORD}."},
    "private_tibu": {"by": "a", "visibility": "private", "lang": "es", "published": "2024-03-11",
                     "text": f"Disidencias de las FARC atacaron la estación de Policía de Tibú, Norte de Santander, "
                             f"el domingo. Un policía murió. Fuente {SECRET_WORD}."},
    "shared_agreement": {"by": "a", "visibility": "shared", "share_with": ["Socio C"], "lang": "es",
                         "published": "2024-03-09",
                         "text": "El Gobierno de Colombia firmó el viernes en Cúcuta un acuerdo de cooperación con el "
                                 "Gobierno de Venezuela."},
    "b_arrest": {"by": "b", "visibility": "private", "lang": "en", "published": "2024-03-09",
                 "text": "Venezuelan soldiers detained three Colombian soldiers on Friday near Cúcuta, Norte de "
                         "Santander."},
    "public_script": {"by": "b", "visibility": "public", "lang": "en", "published": "2024-03-06",
                      "title": "<img src=x onerror=window.__xss=2>",
                      "text": "<script>window.__xss=1</script> Police officers arrested two members of the Clan "
                              "del Golfo on Tuesday in Turbo, Antioquia."},
}


def seed(site: Site) -> None:
    """Create the organisations, users and tokens, then submit every report through the API."""
    g = Guarded(site.store)
    orgs = {key: g.create_org(name) for key, name in (("a", "Ministerio A"), ("b", "Agencia B"), ("c", "Socio C"))}
    site.ids["orgs"] = {k: o.id for k, o in orgs.items()}
    g.add_user(orgs["a"].id, "ana", "contraseña-a-1", "admin")
    g.add_user(orgs["b"].id, "beto", "contraseña-b-1", "analyst")
    for key, role in (("a", "admin"), ("b", "analyst"), ("c", "viewer")):
        site.tokens[key], _ = g.issue_token(orgs[key].id, f"tests {key}", role)
    site.ids["articles"] = {}
    for name, rep in REPORTS.items():
        body = {k: v for k, v in rep.items() if k != "by"}
        with site.client(rep["by"]) as http:
            res = http.post("/api/reports", json=body)
        assert res.status_code == 201, (name, res.text)
        site.ids["articles"][name] = res.json()["article_id"]
