"""Browser tests: Debian's headless Chromium through Selenium, against a real `pacer web`."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.config import PROJECT_ROOT
from tests.web.clinic_fixture import ClinicWorld, seed_clinic
from tests.web.server import WebServer

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")


@pytest.fixture(scope="session")
def chromium() -> Path:
    """Install Chromium once (scripts/install-browser is idempotent)."""
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        subprocess.run([str(PROJECT_ROOT / "scripts" / "install-browser")], check=True, timeout=900)
    return CHROMIUM


@pytest.fixture
def browser(chromium: Path) -> Iterator:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(chromium)
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--window-size=1280,1000", "--disable-extensions", "--no-first-run"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def seeded_clinic(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[WebServer, ClinicWorld]]:
    """A `pacer web` on its own database holding the hand-counted clinic of
    `tests/web/clinic_fixture.py` (a lead, two clinicians, 25 patients in January 2026).
    Yields (server, world); browser tests of the dashboard's clinic features build on it."""
    clinic_file = tmp_path / "clinic.yml"
    clinic_file.write_text("name: Riverside Pain Service\ntimezone: Pacific/Auckland\n")
    monkeypatch.setenv("PACER_CLINIC_FILE", str(clinic_file))
    monkeypatch.delenv("PACER_ALERT_WEBHOOK", raising=False)
    monkeypatch.delenv("PACER_ALERT_EMAIL", raising=False)
    world = seed_clinic("browser")
    server = WebServer(database_url, tmp_path)
    try:
        yield server, world
    finally:
        server.stop()
