"""A clinician adds a clinic resource in a real (headless Chromium) browser and sees it listed;
a screenshot of the list is kept in test-output/."""

from __future__ import annotations

from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import Select, WebDriverWait
from sqlalchemy import select

from bot.config import PROJECT_ROOT
from bot.store import db
from bot.store.models import ClinicResource
from bot.web import auth
from tests.web.server import WebServer

pytestmark = pytest.mark.browser
OUTPUT = PROJECT_ROOT / "test-output"
PASSWORD = "a long enough password"


def test_clinician_adds_a_resource_in_a_real_browser(
    browser, database_url: str, tmp_path: Path  # noqa: ANN001
) -> None:
    clinician_id = auth.create_clinician("physio.ana@clinic.test", "Ana Fifita", PASSWORD)
    server = WebServer(database_url, tmp_path)
    try:
        wait = WebDriverWait(browser, 30)
        browser.get(f"{server.base_url}/dashboard/resources")
        browser.find_element(By.NAME, "email").send_keys("physio.ana@clinic.test")
        browser.find_element(By.NAME, "password").send_keys(PASSWORD)
        browser.find_element(By.ID, "sign-in").click()
        wait.until(expected_conditions.presence_of_element_located((By.ID, "resources")))
        assert "No resources yet" in browser.page_source
        browser.find_element(By.LINK_TEXT, "Add a resource").click()

        form = wait.until(expected_conditions.presence_of_element_located((By.ID, "resource-form")))
        form.find_element(By.NAME, "name").send_keys("Warm water exercise class")
        Select(form.find_element(By.NAME, "kind")).select_by_value("class")
        form.find_element(By.NAME, "description").send_keys(
            "Gentle exercise in a warm pool, led by a physio. Go at your own pace.")
        form.find_element(By.NAME, "when_text").send_keys("Mondays and Thursdays 1-2pm")
        form.find_element(By.NAME, "where_text").send_keys("Aquatic centre, hydro pool")
        form.find_element(By.NAME, "how_to_join").send_keys("Ask your physio for a referral")
        form.find_element(By.NAME, "contact").send_keys("Front desk 09 555 0150")
        for topic in ("movement", "pain_skills", "isolation"):
            form.find_element(By.CSS_SELECTOR, f'input[name="tags"][value="{topic}"]').click()
        form.find_element(By.ID, "save-resource").click()

        saved_row = (By.CSS_SELECTOR, "#resources tr.saved")
        row = wait.until(expected_conditions.presence_of_element_located(saved_row))
        assert "Warm water exercise class" in row.text and "Mondays and Thursdays 1-2pm" in row.text
        assert "movement and exercise" in row.text and "0 offered" in row.text
        with db.session_scope() as session:
            saved = session.execute(select(ClinicResource)).scalar_one()
            assert (saved.kind, saved.created_by_id, saved.active) == ("class", clinician_id, True)
            assert saved.tags == ["pain_skills", "movement", "isolation"]

        OUTPUT.mkdir(exist_ok=True)
        shot = OUTPUT / "dashboard-resources.png"
        assert browser.save_screenshot(str(shot)) and shot.stat().st_size > 10_000
    finally:
        server.stop()
