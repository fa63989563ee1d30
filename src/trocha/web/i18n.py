"""The dashboard's words in English and Spanish; the language comes from ?lang=, then a cookie, then the browser."""

from __future__ import annotations

from fastapi import Request

LANGS = ("es", "en")
LANG_COOKIE = "trocha_lang"

WORDS: dict[str, dict[str, str]] = {
    "title": {"en": "trocha — security events", "es": "trocha — eventos de seguridad"},
    "sign_in": {"en": "Sign in", "es": "Iniciar sesión"},
    "sign_out": {"en": "Sign out", "es": "Cerrar sesión"},
    "username": {"en": "User name", "es": "Usuario"},
    "password": {"en": "Password", "es": "Contraseña"},
    "bad_login": {"en": "Wrong user name or password.", "es": "Usuario o contraseña incorrectos."},
    "dashboard": {"en": "Dashboard", "es": "Panel"},
    "submit_report": {"en": "Submit a report", "es": "Enviar un informe"},
    "filters": {"en": "Filters", "es": "Filtros"},
    "from": {"en": "From", "es": "Desde"},
    "to": {"en": "To", "es": "Hasta"},
    "country": {"en": "Country", "es": "País"},
    "admin1": {"en": "Department / state", "es": "Departamento / estado"},
    "admin2": {"en": "Municipality", "es": "Municipio"},
    "type": {"en": "Event type", "es": "Tipo de evento"},
    "sub_type": {"en": "Sub-event type", "es": "Subtipo"},
    "actor": {"en": "Actor", "es": "Actor"},
    "q": {"en": "Words in the report", "es": "Palabras del informe"},
    "border": {"en": "Border municipalities only", "es": "Solo municipios fronterizos"},
    "apply": {"en": "Apply", "es": "Aplicar"},
    "clear_filters": {"en": "Clear", "es": "Limpiar"},
    "export_csv": {"en": "Export CSV", "es": "Exportar CSV"},
    "map": {"en": "Map of incidents", "es": "Mapa de incidentes"},
    "timeline": {"en": "Events per week", "es": "Eventos por semana"},
    "incidents": {"en": "Incidents", "es": "Incidentes"},
    "date": {"en": "Date", "es": "Fecha"},
    "place": {"en": "Place", "es": "Lugar"},
    "fatalities": {"en": "Fatalities", "es": "Muertos"},
    "reports": {"en": "Reports", "es": "Informes"},
    "none": {"en": "No incidents match these filters.", "es": "Ningún incidente cumple estos filtros."},
    "more": {"en": "Next page", "es": "Página siguiente"},
    "incident": {"en": "Incident", "es": "Incidente"},
    "coded_fields": {"en": "Coded fields", "es": "Campos codificados"},
    "field": {"en": "Field", "es": "Campo"},
    "value": {"en": "Value", "es": "Valor"},
    "sources": {"en": "Sources", "es": "Fuentes"},
    "disagreements": {"en": "Sources disagree on", "es": "Las fuentes discrepan en"},
    "articles": {"en": "Articles and evidence", "es": "Artículos y evidencia"},
    "visibility": {"en": "Visibility", "es": "Visibilidad"},
    "public": {"en": "public", "es": "público"},
    "private": {"en": "private to my organisation", "es": "privado de mi organización"},
    "shared": {"en": "shared with partners", "es": "compartido con socios"},
    "share_with": {"en": "Share with", "es": "Compartir con"},
    "text": {"en": "Report text", "es": "Texto del informe"},
    "url": {"en": "or the URL of a page", "es": "o la URL de una página"},
    "lang": {"en": "Language", "es": "Idioma"},
    "auto": {"en": "detect", "es": "detectar"},
    "published": {"en": "Published on", "es": "Publicado el"},
    "send": {"en": "Code and store", "es": "Codificar y guardar"},
    "coded_events": {"en": "Coded events", "es": "Eventos codificados"},
    "outcome": {"en": "Outcome", "es": "Resultado"},
    "no_events": {"en": "No event was found in this report.", "es": "No se encontró ningún evento en el informe."},
    "not_found": {"en": "Not found.", "es": "No encontrado."},
    "evidence_hint": {"en": "Highlighted: the words each coded field came from.",
                      "es": "Resaltado: las palabras de las que sale cada campo codificado."},
    "tokens": {"en": "API tokens", "es": "Tokens de la API"},
    "token_name": {"en": "What it is for", "es": "Para qué sirve"},
    "role": {"en": "Role", "es": "Rol"},
    "days": {"en": "Days (empty: until revoked)", "es": "Días (vacío: hasta revocarlo)"},
    "create": {"en": "Create", "es": "Crear"},
    "revoke": {"en": "Revoke", "es": "Revocar"},
    "revoked": {"en": "revoked", "es": "revocado"},
    "live": {"en": "live", "es": "activo"},
    "created": {"en": "Created", "es": "Creado"},
    "state": {"en": "State", "es": "Estado"},
    "new_secret": {"en": "Copy this token now; it is not shown again:",
                   "es": "Copie este token ahora; no se vuelve a mostrar:"},
    "no_tiles": {"en": "Map tiles are off; markers still show.", "es": "Sin teselas de mapa; los marcadores se ven."},
}


def language(request: Request) -> str:
    """The UI language of a request."""
    asked = request.query_params.get("lang") or request.cookies.get(LANG_COOKIE) or ""
    if asked in LANGS:
        return asked
    accept = request.headers.get("accept-language", "").lower()
    return "en" if accept.startswith("en") else "es"


def words(lang: str) -> dict[str, str]:
    """Every UI word in one language."""
    return {key: texts[lang] for key, texts in WORDS.items()}
