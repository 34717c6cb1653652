"""Issue 8 in one real (headless Chromium) browser session: a clinician writes a note to a
patient, proposes a goal, adds a clinic resource, and the clinic lead opens the overview.
Screenshots of the patient page and the overview are kept in test-output/."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import Select, WebDriverWait
from sqlalchemy import select

from bot.config import PROJECT_ROOT
from bot.store import db
from bot.store.models import (
    CheckinDelivery,
    ClinicianNote,
    ClinicResource,
    GoalProposal,
    PatientAssignment,
)

pytestmark = pytest.mark.browser
OUTPUT = PROJECT_ROOT / "test-output"


def sign_in(browser, base_url: str, email: str, password: str) -> WebDriverWait:  # noqa: ANN001
    wait = WebDriverWait(browser, 30)
    browser.delete_all_cookies()
    browser.get(f"{base_url}/dashboard/login")
    browser.find_element(By.NAME, "email").send_keys(email)
    browser.find_element(By.NAME, "password").send_keys(password)
    browser.find_element(By.ID, "sign-in").click()
    wait.until(expected_conditions.presence_of_element_located((By.ID, "nav-overview")))
    return wait


def full_page_shot(browser, name: str) -> None:  # noqa: ANN001
    OUTPUT.mkdir(exist_ok=True)
    height = browser.execute_script("return document.documentElement.scrollHeight")
    browser.set_window_size(1280, min(int(height) + 100, 8000))
    browser.execute_script("window.scrollTo(0, 0)")
    shot = OUTPUT / name
    assert browser.save_screenshot(str(shot)) and shot.stat().st_size > 20_000


def test_note_proposal_resource_and_overview_in_a_real_browser(browser, seeded_clinic) -> None:  # noqa: ANN001
    server, world = seeded_clinic
    with db.session_scope() as session:
        patient_id = session.execute(
            select(PatientAssignment.patient_id).where(PatientAssignment.clinician_id == world.a_id)
            .order_by(PatientAssignment.patient_id)
        ).scalars().first()
    wait = sign_in(browser, server.base_url, world.a_email, world.password)

    # a note, sent now
    browser.get(f"{server.base_url}/dashboard/patients/{patient_id}")
    notes = wait.until(expected_conditions.presence_of_element_located((By.ID, "notes")))
    notes.find_element(By.ID, "note-body").send_keys("Great work on the walks, keep the same plan next week.")
    notes.find_element(By.CSS_SELECTOR, 'input[name="delivery"][value="now"]').click()
    notes.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait.until(expected_conditions.staleness_of(notes))
    notes = wait.until(expected_conditions.presence_of_element_located((By.ID, "notes")))
    assert "Great work on the walks" in notes.text and "Waiting to be delivered" in notes.text

    # a proposed plan, with the clinician's reason
    proposals = browser.find_element(By.ID, "proposals")
    for field, value in (("proposal-what", "walk to the park"), ("proposal-how-much", "10 minutes"),
                         ("proposal-when", "after lunch"), ("proposal-days", "4"),
                         ("proposal-why", "You said the park is where you feel best.")):
        proposals.find_element(By.ID, field).send_keys(value)
    proposals.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait.until(expected_conditions.staleness_of(proposals))
    proposals = wait.until(expected_conditions.presence_of_element_located((By.ID, "proposals")))
    row = proposals.find_element(By.CSS_SELECTOR, "tr.proposal")
    assert "walk to the park" in row.text and "not seen yet" in row.text
    full_page_shot(browser, "shared-decisions-patient-page.png")

    with db.session_scope() as session:
        [note] = session.execute(
            select(ClinicianNote).where(ClinicianNote.patient_id == patient_id)).scalars()
        assert (note.delivery, note.status, note.author_name) == ("now", "pending", "Dr Ames")
        assert session.get(CheckinDelivery, note.delivery_id).kind == "clinician_note"
        [proposal] = session.execute(
            select(GoalProposal).where(GoalProposal.patient_id == patient_id)).scalars()
        assert (proposal.kind, proposal.how_much, proposal.days_per_week) == ("action_plan", "10 minutes", 4)

    # a clinic resource
    browser.set_window_size(1280, 1000)
    browser.get(f"{server.base_url}/dashboard/resources")
    wait.until(expected_conditions.presence_of_element_located((By.ID, "resources")))
    browser.find_element(By.LINK_TEXT, "Add a resource").click()
    form = wait.until(expected_conditions.presence_of_element_located((By.ID, "resource-form")))
    form.find_element(By.NAME, "name").send_keys("Pain support group")
    Select(form.find_element(By.NAME, "kind")).select_by_value("peer_support")
    form.find_element(By.NAME, "description").send_keys("People with persistent pain, meeting monthly.")
    form.find_element(By.NAME, "when_text").send_keys("First Tuesday of the month, 10am")
    form.find_element(By.NAME, "how_to_join").send_keys("Just come along")
    form.find_element(By.CSS_SELECTOR, 'input[name="tags"][value="isolation"]').click()
    form.find_element(By.ID, "save-resource").click()
    saved_row = (By.CSS_SELECTOR, "#resources tr.saved")
    row = wait.until(expected_conditions.presence_of_element_located(saved_row))
    assert "Pain support group" in row.text
    with db.session_scope() as session:
        assert session.execute(select(ClinicResource.name)).scalars().all() == ["Pain support group"]

    # the clinic lead's overview
    wait = sign_in(browser, server.base_url, world.lead_email, world.password)
    browser.find_element(By.ID, "nav-overview").click()
    wait.until(expected_conditions.presence_of_element_located((By.ID, "overview-filters")))
    assert browser.find_elements(By.CSS_SELECTOR, "svg.chart")
    full_page_shot(browser, "shared-decisions-clinic-overview.png")
