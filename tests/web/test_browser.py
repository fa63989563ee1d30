"""The dashboard in headless Debian chromium (Playwright, never a downloaded browser), with no internet.

Screenshots of the main pages (login, dashboard, incident, submit, tokens) go to docs/screenshots/ when
TROCHA_SCREENSHOTS=1 (else to a temporary folder).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, Route, sync_playwright

from tests.web.seed import REPORTS, seed
from tests.web.server import Site, serve, web_settings
from trocha.api import Extractor
from trocha.store import open_store

CHROMIUM = "/usr/bin/chromium"
SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"



def _chromium_or_skip() -> str:
    if Path(CHROMIUM).exists():
        return CHROMIUM
    if os.environ.get("CI"):
        pytest.fail(f"{CHROMIUM} is missing: .ci/run installs Debian's chromium")
    pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)")


@pytest.fixture(scope="module")
def web(tmp_path_factory: pytest.TempPathFactory, extractor: Extractor) -> Iterator[Site]:
    url = f"sqlite:///{tmp_path_factory.mktemp('browser') / 'trocha.db'}"
    with open_store(url) as store, serve(store, web_settings(), extractor) as base:
        site = Site(base, store)
        seed(site)
        yield site


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if os.environ.get("TROCHA_SCREENSHOTS") == "1":
        SHOTS.mkdir(parents=True, exist_ok=True)
        return SHOTS
    return tmp_path_factory.mktemp("shots")


@pytest.fixture
def page(web: Site) -> Iterator[Page]:
    """A fresh browser page that may reach only the test server (any outside request fails the test)."""
    outside: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=_chromium_or_skip(), headless=True,
                                     args=["--no-sandbox", "--disable-dev-shm-usage"])
        context = browser.new_context(viewport={"width": 1360, "height": 1000}, accept_downloads=True,
                                      locale="es-CO")

        def only_loopback(route: Route) -> None:
            if route.request.url.startswith(web.base):
                route.continue_()
            else:
                outside.append(route.request.url)
                route.abort()

        context.route("**/*", only_loopback)
        pg = context.new_page()
        errors: list[str] = []
        pg.on("pageerror", lambda exc: errors.append(str(exc)))
        yield pg
        browser.close()
    assert outside == [], outside
    assert errors == [], errors


def sign_in(page: Page, base: str, user: str = "ana", password: str = "contraseña-a-1") -> None:
    page.goto(f"{base}/")
    assert "/login" in page.url
    page.fill("#username", user)
    page.fill("#password", password)
    page.click("#sign-in")
    page.wait_for_selector("#incidents")


def test_sign_in_map_timeline_and_filter(page: Page, web: Site, shots: Path) -> None:
    page.goto(f"{web.base}/")
    page.screenshot(path=str(shots / "login.png"))
    page.fill("#username", "ana")
    page.fill("#password", "wrong password")
    page.click("#sign-in")
    assert page.locator(".error").is_visible()
    sign_in(page, web.base)
    page.wait_for_selector("#map[data-markers]")
    assert int(page.get_attribute("#map", "data-markers") or 0) >= 3
    page.wait_for_selector("#timeline[data-points]")
    assert page.locator("#timeline canvas").count() >= 1
    assert page.locator(".leaflet-marker-icon, .marker-cluster, path.leaflet-interactive").count() >= 1
    page.screenshot(path=str(shots / "dashboard.png"), full_page=True)
    page.fill("#f-admin1", "Arauca")
    page.click("#apply")
    page.wait_for_selector("#incidents")
    assert "admin1=Arauca" in page.url
    places = page.locator("#incidents td.place").all_inner_texts()
    assert places and all("Arauca" in p for p in places)
    page.wait_for_selector("#map[data-markers]")
    # The filtered view is a link: opening it fresh shows the same rows.
    page.goto(page.url)
    assert page.locator("#incidents td.place").all_inner_texts() == places


def test_incident_evidence_is_highlighted_and_script_inert(page: Page, web: Site, shots: Path) -> None:
    sign_in(page, web.base)
    page.fill("#f-admin1", "Arauca")
    page.click("#apply")
    page.locator("#incidents tr", has_text="2024-03-04").locator("a.inc-link").click()  # two reports
    page.wait_for_selector(".article-text")
    marks = page.locator("mark.ev-field")
    assert marks.count() >= 4
    marked = " ".join(marks.all_inner_texts())
    assert "Saravena" in marked and ("clashed" in marked or "combatieron" in marked), marked
    assert page.locator("#sources li").count() == 2  # the public article and A's private report
    page.screenshot(path=str(shots / "incident.png"), full_page=True)
    # The article carrying a <script> (and a hostile title): shown as text, never run.
    page.goto(f"{web.base}/?admin2=Turbo")
    page.locator("#incidents a.inc-link").first.click()
    page.wait_for_selector(".article-text")
    assert "<script>window.__xss=1</script>" in page.locator(".article-text").first.inner_text()
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.locator("script:not([src])").count() == 0


def test_submit_report_and_export_csv(page: Page, web: Site, shots: Path) -> None:
    sign_in(page, web.base)
    page.click("#nav-submit")
    page.fill("#report-text", "El Ejército incautó 200 kilos de cocaína el martes en Tumaco, Nariño.")
    page.select_option("#report-lang", "es")
    page.fill("#report-published", "2024-03-20")
    page.select_option("#report-visibility", "private")
    page.click("#send")
    page.wait_for_selector("#result")
    assert page.inner_text("#outcome") == "stored"
    assert "Tumaco" in page.inner_text("#coded-events")
    page.screenshot(path=str(shots / "submit.png"), full_page=True)
    page.goto(f"{web.base}/?admin1=Arauca")
    with page.expect_download() as info:
        page.click("#export-csv")
    path = info.value.path()
    text = Path(path).read_text(encoding="utf-8")
    assert text.startswith("event_id_cnty,") and "Arauca" in text and "Tumaco" not in text
    if shots == SHOTS:
        shutil.copy(path, shots / "export-arauca.csv")


def test_language_switch(page: Page, web: Site) -> None:
    sign_in(page, web.base)
    assert "Filtros" in page.inner_text("#filters")
    page.click("#lang-en")
    assert "Filters" in page.inner_text("#filters")
    page.goto(f"{web.base}/reports/new")
    assert "Submit a report" in page.inner_text("h1")
    page.click("#lang-es")
    assert "Enviar un informe" in page.inner_text("h1")


def test_other_org_cannot_open_private_incident(page: Page, web: Site) -> None:
    sign_in(page, web.base, "beto", "contraseña-b-1")
    body = page.inner_text("#incidents") if page.locator("#incidents").count() else ""
    assert "Tibú" not in body
    tibu = [i.id for i in web.store.incidents() if i.admin2 == "Tibú"]
    assert tibu
    res = page.goto(f"{web.base}/incidents/{tibu[0]}")
    assert res is not None and res.status == 404
    assert REPORTS["private_tibu"]["text"][:20] not in page.content()


def test_admin_creates_and_revokes_a_token(page: Page, web: Site, shots: Path) -> None:
    import httpx

    sign_in(page, web.base)
    page.click("#nav-tokens")
    page.fill("#token-name", "partner ETL")
    page.select_option("#token-role", "viewer")
    page.click("#token-create")
    secret = page.inner_text("#new-token").strip()
    assert secret.startswith("trk_")
    with httpx.Client(base_url=web.base, headers={"Authorization": f"Bearer {secret}"}) as http:
        assert http.get("/api/me").json()["role"] == "viewer"
        row = page.locator("#token-list tr", has_text="partner ETL")
        page.screenshot(path=str(shots / "tokens.png"), full_page=True)
        row.locator("button.revoke").click()
        page.wait_for_selector("#token-list")
        assert "revocado" in page.locator("#token-list tr", has_text="partner ETL").inner_text()
        assert http.get("/api/me").status_code == 401
