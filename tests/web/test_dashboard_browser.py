"""A clinician in a real (headless Chromium) browser: sign in, see the patient with a
safety event first, open them, acknowledge it, and keep a screenshot of the page."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import Select, WebDriverWait
from sqlalchemy import select

from bot.coaching.phq4 import Phq4
from bot.config import PROJECT_ROOT
from bot.services import dashboard, goals, safety, wellbeing
from bot.store import db
from bot.store.models import (
    ActionPlan,
    ChannelIdentity,
    FunctionalGoal,
    Phq4Result,
    PsfsRating,
    SafetyEvent,
    utcnow,
)
from bot.web import auth
from tests.web.server import WebServer

pytestmark = pytest.mark.browser
OUTPUT = PROJECT_ROOT / "test-output"
PASSWORD = "a long enough password"


def seed_patient(clinician_id: int, conversation: str, name: str, weeks: int) -> int:
    goals.record_consent(conversation, "given", name=name)
    goals.save_value(conversation, "playing with my grandchildren again")
    goals.save_activities(conversation, [("gardening", 2), ("walking the dog", 4)])
    for _ in range(3):
        wellbeing.save_phq4(conversation, Phq4(2, 2, 1, 1))
    with db.session_scope() as session:
        patient_id = session.execute(select(ChannelIdentity.patient_id)
                                     .where(ChannelIdentity.conversation_id == conversation)).scalar_one()
        dashboard.assign(session, clinician_id, patient_id)
        start = utcnow() - timedelta(weeks=weeks)
        ratings = session.execute(
            select(PsfsRating).join(FunctionalGoal).where(FunctionalGoal.patient_id == patient_id)
        ).scalars().all()
        for rating in ratings:  # spread the ratings over the weeks, improving
            rating.rated_at = start
        goal_ids = {r.goal_id for r in ratings}
        for week in range(1, weeks):
            for offset, goal_id in enumerate(sorted(goal_ids)):
                session.add(PsfsRating(goal_id=goal_id, score=min(10, 2 + offset * 2 + week // 2),
                                       rated_at=start + timedelta(weeks=week)))
        for week, row in enumerate(session.execute(
                select(Phq4Result).where(Phq4Result.patient_id == patient_id)).scalars()):
            row.created_at = start + timedelta(weeks=week * 3)
        session.add(ActionPlan(patient_id=patient_id, what="walk round the block", how_much="10 minutes",
                               when_text="after breakfast", days_per_week=3, confidence=8))
    return patient_id


def test_clinician_acknowledges_a_safety_event_in_a_real_browser(
    browser, database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch  # noqa: ANN001
) -> None:
    monkeypatch.delenv("PACER_ALERT_WEBHOOK", raising=False)
    monkeypatch.delenv("PACER_ALERT_EMAIL", raising=False)
    clinician_id = auth.create_clinician("dr.hana@clinic.test", "Dr Hana Wright", PASSWORD)
    seed_patient(clinician_id, "conv-calm", "Calm Carter", weeks=8)
    urgent = seed_patient(clinician_id, "conv-urgent", "Urgent Ulla", weeks=12)
    seed_patient(clinician_id, "conv-other", "Other Olsen", weeks=4)
    event_id = safety.record_safety_event("conv-urgent", "crisis", "crisis.test", "suicide",
                                          "i dont see the point of going on")
    server = WebServer(database_url, tmp_path)
    try:
        browser.get(f"{server.base_url}/dashboard/")
        assert "/dashboard/login" in browser.current_url
        browser.find_element(By.NAME, "email").send_keys("dr.hana@clinic.test")
        browser.find_element(By.NAME, "password").send_keys(PASSWORD)
        browser.find_element(By.ID, "sign-in").click()

        # Each click loads a new page: wait for it rather than reading the old one (slow CI machines).
        wait = WebDriverWait(browser, 30)
        rows = wait.until(lambda b: b.find_elements(By.CSS_SELECTOR, "#patient-list tbody tr"))
        assert len(rows) == 3
        assert rows[0].get_attribute("data-patient-id") == str(urgent)
        assert "1 safety event" in rows[0].text and "Urgent Ulla" in rows[0].text

        rows[0].find_element(By.LINK_TEXT, "Urgent Ulla").click()
        event = wait.until(expected_conditions.presence_of_element_located((By.ID, f"safety-{event_id}")))
        assert "i dont see the point of going on" in event.text
        assert len(browser.find_elements(By.CSS_SELECTOR, "svg.chart polyline")) >= 3  # PSFS x2, PHQ-4 x2
        event.find_element(By.CSS_SELECTOR, "button.ack-button").click()
        wait.until(expected_conditions.staleness_of(event))

        acknowledged = wait.until(
            expected_conditions.presence_of_element_located((By.ID, f"safety-{event_id}"))
        )
        assert "Acknowledged by Dr Hana Wright" in acknowledged.text
        assert not acknowledged.find_elements(By.CSS_SELECTOR, "button.ack-button")
        with db.session_scope() as session:
            assert session.get(SafetyEvent, event_id).acknowledged_by == "Dr Hana Wright"

        OUTPUT.mkdir(exist_ok=True)
        height = browser.execute_script("return document.documentElement.scrollHeight")
        browser.set_window_size(1280, min(int(height) + 100, 8000))
        browser.execute_script("window.scrollTo(0, 0)")
        shot = OUTPUT / "dashboard-patient-page.png"
        assert browser.save_screenshot(str(shot)) and shot.stat().st_size > 20_000

        browser.get(f"{server.base_url}/dashboard/")
        first = wait.until(lambda b: b.find_elements(By.CSS_SELECTOR, "#patient-list tbody tr"))[0]
        assert "safety event" not in first.text  # nothing open any more
    finally:
        server.stop()


def test_lead_opens_the_clinic_overview_in_a_real_browser(browser, seeded_clinic) -> None:  # noqa: ANN001
    """Sign in as the clinic lead, open the overview from the nav, choose January 2026 with the
    filter form, read the hand-counted figures off the page and keep a screenshot."""
    server, world = seeded_clinic
    wait = WebDriverWait(browser, 30)
    browser.get(f"{server.base_url}/dashboard/")
    browser.find_element(By.NAME, "email").send_keys(world.lead_email)
    browser.find_element(By.NAME, "password").send_keys(world.password)
    browser.find_element(By.ID, "sign-in").click()
    wait.until(expected_conditions.presence_of_element_located((By.ID, "nav-overview"))).click()
    wait.until(expected_conditions.presence_of_element_located((By.ID, "overview-filters")))

    form = browser.find_element(By.ID, "overview-filters")
    Select(form.find_element(By.NAME, "period")).select_by_value("custom")
    for name, value in (("from", "2026-01-05"), ("to", "2026-02-01")):  # date inputs: set like a picker
        browser.execute_script("arguments[0].value = arguments[1]", form.find_element(By.NAME, name), value)
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait.until(expected_conditions.staleness_of(form))
    scope = wait.until(expected_conditions.presence_of_element_located((By.ID, "overview-scope")))
    assert "23 consenting patients" in scope.text and "2026-01-05 to 2026-02-01" in scope.text

    def figure(key: str) -> str:
        return browser.find_element(By.CSS_SELECTOR, f'[data-figure="{key}"]').text

    assert figure("engagement|active_patients||2026-01-05") == "11"
    assert figure("drop_off|share_engaged||0") == "85%"  # 11 of 13
    assert figure("peg|share_improved_1_or_more||") == "40%"  # 4 of 10
    assert figure("safety|unacknowledged||") == "1"
    assert len(browser.find_elements(By.CSS_SELECTOR, "svg.chart")) == 3
    assert len(browser.find_elements(By.CSS_SELECTOR, "svg.bar-chart rect")) >= 10  # 3 weeks + 7 bins
    assert browser.find_element(By.ID, "overview-csv").get_attribute("href").endswith(
        "period=custom&from=2026-01-05&to=2026-02-01")

    OUTPUT.mkdir(exist_ok=True)
    height = browser.execute_script("return document.documentElement.scrollHeight")
    browser.set_window_size(1280, min(int(height) + 100, 8000))
    browser.execute_script("window.scrollTo(0, 0)")
    shot = OUTPUT / "clinic-overview.png"
    assert browser.save_screenshot(str(shot)) and shot.stat().st_size > 20_000

    form = browser.find_element(By.ID, "overview-filters")
    Select(form.find_element(By.NAME, "clinician")).select_by_visible_text("Dr Ames")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait.until(expected_conditions.staleness_of(form))
    scope = wait.until(expected_conditions.presence_of_element_located((By.ID, "overview-scope")))
    assert scope.text.startswith("Dr Ames: 12 consenting patients")
