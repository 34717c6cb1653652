"""The chat page and the dashboard as a patient and a clinician see them, in real headless
Chromium at desktop (1280x800) and phone (390x844) sizes, against a real `pacer web` on a
seeded database. axe-core (npm, tests/web/vendor) checks every page for WCAG 2.2 AA.
Screenshots go to test-output/ui-*.png.

Rasa is not started here: the chat page is seen with its history and with Pacer out of
reach (tests/web/test_chat_browser.py talks to a real rasa)."""

from __future__ import annotations

import json
import re
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from bot.config import PROJECT_ROOT
from tests.web.server import WebServer
from tests.web.ui_world import LEAD_EMAIL, PASSWORD, WEB_SESSION, UiWorld, seed_ui_world

pytestmark = pytest.mark.browser
OUTPUT = PROJECT_ROOT / "test-output"
AXE = PROJECT_ROOT / "tests" / "web" / "vendor" / "axe.min.js"
SIZES = {"desktop": (1280, 800), "phone": (390, 844)}
BRAND = "#6a1b6e"
LOGO = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40"><circle cx="20" cy="20" r="18" '
        f'fill="{BRAND}"/></svg>')


@pytest.fixture
def ui_clinic(database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
              ) -> Iterator[tuple[WebServer, UiWorld]]:
    subprocess.run([str(PROJECT_ROOT / "scripts" / "install-web-assets")], check=True, cwd=PROJECT_ROOT)
    (tmp_path / "logo.svg").write_text(LOGO)
    clinic_file = tmp_path / "clinic.yml"
    clinic_file.write_text(
        "name: Riverside Pain Service\ntimezone: Pacific/Auckland\nphone: 09 555 0100\n"
        f"logo: logo.svg\nbrand_colour: '{BRAND}'\nretention_days: 30\n"
    )
    monkeypatch.setenv("PACER_CLINIC_FILE", str(clinic_file))
    monkeypatch.setenv("PACER_CLINIC_NAME", "")  # the file's name, not the test server's default
    monkeypatch.setenv("PACER_CHAT_SOCKET_URL", "http://127.0.0.1:9")  # Pacer out of reach
    monkeypatch.delenv("PACER_ALERT_WEBHOOK", raising=False)
    monkeypatch.delenv("PACER_ALERT_EMAIL", raising=False)
    world = seed_ui_world()
    server = WebServer(database_url, tmp_path)
    try:
        yield server, world
    finally:
        server.stop()


def wait_for(condition: Callable[[], object], what: str, timeout: float = 30) -> object:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            result = condition()
        except Exception:  # noqa: BLE001 - elements come and go while the page updates
            result = None
        if result:
            return result
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def axe_violations(browser) -> list[dict]:  # noqa: ANN001
    """axe-core's WCAG 2.0-2.2 A/AA violations on the current page (injected by the driver,
    which the page's content security policy does not govern)."""
    browser.execute_script(AXE.read_text())
    result = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})"
        ".then(r => done(r.violations.map(v => ({id: v.id, help: v.help, "
        "nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}))))"
        ".catch(e => done([{id: 'axe-error', help: String(e), nodes: []}]));"
    )
    return result


def screenshot(browser, name: str, full_page: bool = False) -> Path:  # noqa: ANN001
    OUTPUT.mkdir(exist_ok=True)
    if full_page:
        width = browser.get_window_size()["width"]
        height = browser.execute_script("return document.documentElement.scrollHeight")
        browser.set_window_size(width, min(int(height) + 140, 6000))
        browser.execute_script("window.scrollTo(0, 0)")
    path = OUTPUT / f"ui-{name}.png"
    assert browser.save_screenshot(str(path))
    return path


def open_chat(browser, base: str) -> None:  # noqa: ANN001
    browser.get(f"{base}/chat/privacy")  # same origin: set the stored session first
    browser.execute_script(f"localStorage.setItem('pacer.chat.session', '{WEB_SESSION}')")
    browser.get(f"{base}/chat")
    wait_for(lambda: browser.find_elements(By.CSS_SELECTOR, "#chat-log .msg"), "the history")


@pytest.mark.parametrize("size", SIZES)
def test_chat_page_is_the_clinics_and_accessible(browser, ui_clinic, size: str) -> None:  # noqa: ANN001
    server, _ = ui_clinic
    browser.set_window_size(*SIZES[size])
    base = server.base_url
    open_chat(browser, base)

    # The clinic's name, logo and colours; a favicon and an installable manifest.
    assert browser.find_element(By.CSS_SELECTOR, "h1.chat__title").text == "Riverside Pain Service"
    assert "Riverside Pain Service" in browser.title
    assert browser.execute_script("return document.querySelector('.chat__logo').naturalWidth") > 0
    send_colour = browser.execute_script(
        "return getComputedStyle(document.documentElement).getPropertyValue('--accent').trim()")
    assert send_colour == BRAND
    assert httpx.get(f"{base}/favicon.ico").headers["content-type"] == "image/png"
    manifest = httpx.get(f"{base}/chat/manifest.webmanifest").json()
    assert manifest["start_url"] == "/chat" and manifest["display"] == "standalone"
    assert {"192x192", "512x512"} <= {icon["sizes"] for icon in manifest["icons"]}
    for icon in manifest["icons"]:
        assert httpx.get(base + icon["src"]).status_code == 200

    # Times on messages, and a day marker when the day changes.
    messages = browser.find_elements(By.CSS_SELECTOR, "#chat-log .msg")
    times = browser.find_elements(By.CSS_SELECTOR, "#chat-log .msg time[datetime]")
    assert len(times) >= len(browser.find_elements(By.CSS_SELECTOR, "#chat-log .msg--user"))
    assert len(times) >= 6 and len(messages) >= len(times)
    days = [d.text for d in browser.find_elements(By.CSS_SELECTOR, ".chat__day")]
    assert len(days) == 2 and days[-1] == "Today"

    # The question keeps its buttons after a reload, though the scores follow it.
    titles = [b.text for b in browser.find_elements(By.CSS_SELECTOR, "#chat-log .msg__button")]
    assert titles == ["Done", "Change one", "Drop one"]
    question = browser.find_element(By.CSS_SELECTOR, ".msg__buttons").find_element(By.XPATH, "..")
    assert "update any of these" in question.text

    # The safety reply stands apart, with tappable tel: and sms: links.
    safety = browser.find_element(By.CSS_SELECTOR, ".msg--safety")
    hrefs = {a.get_attribute("href") for a in safety.find_elements(By.TAG_NAME, "a")}
    assert {"tel:111", "tel:1737", "sms:1737", "tel:0800543354"} <= hrefs
    assert "help now" in safety.text.lower()
    assert not browser.find_elements(By.CSS_SELECTOR, ".msg--user.msg--safety")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", safety)
    # Only the conversation scrolls: the page itself, with its header, stays put.
    assert browser.execute_script("return document.scrollingElement.scrollTop") == 0
    screenshot(browser, f"chat-{size}-safety")

    # "Link this device" sits in the menu, with the privacy page.
    assert not browser.find_element(By.ID, "link-toggle").is_displayed()
    browser.find_element(By.ID, "menu-toggle").click()
    assert browser.find_element(By.ID, "link-toggle").is_displayed()
    assert browser.switch_to.active_element.get_attribute("id") == "link-toggle"
    screenshot(browser, f"chat-{size}-menu")
    browser.find_element(By.ID, "menu-toggle").send_keys(Keys.ESCAPE)
    assert not browser.find_element(By.ID, "chat-menu").is_displayed()

    # Pacer can't be reached: the status says so and a tapped answer stays, with Retry,
    # without pulling up the keyboard.
    wait_for(lambda: "can't reach" in browser.find_element(By.ID, "chat-status").text.lower(),
             "the unreachable status")
    violations = axe_violations(browser)
    assert violations == [], json.dumps(violations, indent=1)
    screenshot(browser, f"chat-{size}")
    browser.find_element(By.XPATH, "//button[@class='msg__button' and text()='Done']").click()
    failed = browser.find_element(By.CSS_SELECTOR, ".msg--failed")
    assert "Done" in failed.text and "Not delivered" in failed.text
    assert failed.find_element(By.CSS_SELECTOR, "button.msg__retry").text == "Retry"
    assert browser.switch_to.active_element.get_attribute("id") != "chat-input"
    wait_for(lambda: "not sent" in browser.find_element(By.ID, "chat-status").text,
             "the status naming the message not sent")  # the reconnect loop may write first
    violations = axe_violations(browser)
    assert violations == [], json.dumps(violations, indent=1)
    screenshot(browser, f"chat-{size}-not-delivered")

    # The text box grows with its text (up to a limit) instead of scrolling inside 44 px.
    box = browser.find_element(By.ID, "chat-input")
    browser.execute_script("arguments[0].disabled = false", box)
    one_line = box.size["height"]
    box.send_keys("first line", Keys.SHIFT, Keys.ENTER, Keys.SHIFT, "second line", Keys.SHIFT, Keys.ENTER,
                  Keys.SHIFT, "third line")
    assert box.size["height"] > one_line * 1.8

    # Privacy: what is kept, how to get a copy, how to erase; same policy as the chat page.
    browser.get(f"{base}/chat/privacy")
    text = browser.find_element(By.TAG_NAME, "main").text
    assert "send me a copy of my data" in text and "delete my data" in text and "30 days" in text
    assert axe_violations(browser) == []
    assert "default-src 'self'" in httpx.get(f"{base}/chat/privacy").headers["content-security-policy"]


def sign_in(browser, base: str) -> None:  # noqa: ANN001
    browser.get(f"{base}/dashboard/login")
    browser.find_element(By.NAME, "email").send_keys(LEAD_EMAIL)
    browser.find_element(By.NAME, "password").send_keys(PASSWORD)
    browser.find_element(By.ID, "sign-in").click()
    wait_for(lambda: browser.find_elements(By.ID, "patient-list"), "the patient list")


@pytest.mark.parametrize("size", SIZES)
def test_dashboard_pages_pass_axe(browser, ui_clinic, size: str) -> None:  # noqa: ANN001
    server, world = ui_clinic
    base = server.base_url
    browser.set_window_size(*SIZES[size])
    sign_in(browser, base)
    pages = {
        "list": "/dashboard/",
        "patient": f"/dashboard/patients/{world.patient_id}",
        "overview": "/dashboard/overview",
        "transcript": f"/dashboard/patients/{world.patient_id}/transcript?c={WEB_SESSION}",
        "admin": "/dashboard/admin",
    }
    found = {}
    for name, path in pages.items():
        browser.set_window_size(*SIZES[size])
        browser.get(base + path)
        found[name] = axe_violations(browser)
        screenshot(browser, f"dashboard-{size}-{name}", full_page=True)
    assert found == dict.fromkeys(pages, []), json.dumps(found, indent=1)

    # Identifiers a clinic can use: the name given, the channel in plain words, Pacer's number.
    browser.get(base + pages["list"])
    row = browser.find_element(By.CSS_SELECTOR, f'#patient-list tr[data-patient-id="{world.patient_id}"]')
    assert "Aroha" in row.text and "web chat" in row.text and f"Pacer no. {world.patient_id}" in row.text
    assert "socketio" not in browser.page_source
    browser.get(base + pages["patient"])
    assert "web chat" in browser.find_element(By.ID, "patient-ident").text
    browser.find_element(By.CSS_SELECTOR, "#devices summary").click()
    assert f"browser {WEB_SESSION[:4]}" in browser.find_element(By.ID, "devices").text

    # The clinic's own reference: set on the patient page, shown and searchable in the list.
    form = browser.find_element(By.ID, "reference-form")
    form.find_element(By.NAME, "clinic_reference").send_keys("RPS-0042")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait_for(lambda: "RPS-0042" in browser.find_element(By.ID, "patient-ident").text, "the reference")
    browser.get(base + "/dashboard/?q=rps-004")
    row = browser.find_element(By.CSS_SELECTOR, "#patient-list tbody tr")
    assert "Aroha" in row.text and "ref. RPS-0042" in row.text

    # The overview's count and its drop-off chart agree: two started, no first week has ended.
    browser.get(base + pages["overview"])
    assert browser.find_element(By.CSS_SELECTOR, '[data-figure="drop_off|cohort_patients||"]').text == "2"
    chart = browser.find_element(By.CSS_SELECTOR, "svg.bar-chart").get_attribute("outerHTML")
    assert "2 patients started; no first week has ended yet" in chart and "No data" not in chart

    # Transcripts show what the patient saw and tapped.
    browser.get(base + pages["transcript"])
    turns = [t.text for t in browser.find_elements(By.CSS_SELECTOR, ".transcript .turn")]
    assert any("TAPPED" in t.upper() and "Yes, that's OK" in t for t in turns)
    assert not any(t.splitlines()[-1] == "/affirm" for t in turns)
    offered = [b.text for b in browser.find_elements(By.CSS_SELECTOR, ".offered-button")]
    assert offered[-3:] == ["Done", "Change one", "Drop one"]
    # The check can fail: an image without a text alternative is reported.
    browser.execute_script("document.querySelector('main').appendChild(document.createElement('img'))"
                           ".src = '/favicon.ico'")
    assert "image-alt" in [v["id"] for v in axe_violations(browser)]


def test_admin_adds_deactivates_and_assigns_clinicians(browser, ui_clinic) -> None:  # noqa: ANN001
    server, world = ui_clinic
    base = server.base_url
    sign_in(browser, base)
    browser.get(f"{base}/dashboard/admin")
    # Sam consented on Telegram and is on nobody's list; the search finds them.
    unassigned = browser.find_element(By.ID, "unassigned-list")
    assert "Sam" in unassigned.text and "Telegram" in unassigned.text and "Aroha" not in unassigned.text
    search = browser.find_element(By.CSS_SELECTOR, "#unassigned input[name=q]")
    search.send_keys("zz-nobody", Keys.ENTER)
    wait_for(lambda: "Nobody unassigned matches" in browser.find_element(By.ID, "unassigned-list").text,
             "an empty search")

    form = browser.find_element(By.ID, "add-clinician")
    form.find_element(By.NAME, "display_name").send_keys("Tui Physio")
    form.find_element(By.NAME, "email").send_keys("tui@clinic.test")
    form.find_element(By.NAME, "password").send_keys("another long password")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait_for(lambda: "Clinician added" in browser.find_element(By.CSS_SELECTOR, ".notice").text, "the add")
    new_row = browser.find_element(By.XPATH, "//tr[td[text()='Tui Physio']]")
    tui_id = new_row.get_attribute("data-clinician-id")

    row = browser.find_element(By.CSS_SELECTOR,
                               f'#unassigned-list tr[data-patient-id="{world.other_patient_id}"]')
    Select(row.find_element(By.NAME, "clinician_id")).select_by_visible_text("Tui Physio")
    row.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait_for(lambda: "Patient assigned" in browser.find_element(By.CSS_SELECTOR, ".notice").text,
             "the assignment")
    assert "Sam" not in browser.find_element(By.ID, "unassigned-list").text
    caseload = browser.find_element(By.XPATH, "//tr[td[text()='Tui Physio']]/td[4]").text
    assert caseload == "1"

    tui = server.client()
    assert tui.sign_in("tui@clinic.test", "another long password").status_code == 303
    assert tui.get(f"/dashboard/patients/{world.other_patient_id}").status_code == 200

    browser.find_element(By.XPATH, f"//tr[@data-clinician-id='{tui_id}']//button").click()
    wait_for(lambda: "deactivated" in browser.find_element(By.CSS_SELECTOR, ".notice").text,
             "the deactivation")
    assert "inactive" in browser.find_element(By.XPATH, f"//tr[@data-clinician-id='{tui_id}']").text
    assert tui.get("/dashboard/").status_code in (302, 303)  # signed out
    assert server.client().sign_in("tui@clinic.test", "another long password").status_code != 303
    assert axe_violations(browser) == []
    screenshot(browser, "dashboard-desktop-admin-after", full_page=True)


def test_patient_page_prints_on_one_page(browser, ui_clinic) -> None:  # noqa: ANN001
    import base64

    server, world = ui_clinic
    sign_in(browser, server.base_url)
    browser.get(f"{server.base_url}/dashboard/patients/{world.patient_id}")
    assert browser.find_element(By.ID, "print-summary").tag_name == "button"
    pdf = base64.b64decode(browser.execute_cdp_cmd("Page.printToPDF", {
        "paperWidth": 8.27, "paperHeight": 11.69, "preferCSSPageSize": True, "printBackground": True,
    })["data"])
    OUTPUT.mkdir(exist_ok=True)
    (OUTPUT / "ui-patient-summary.pdf").write_bytes(pdf)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    browser.set_window_size(703, 1039)  # A4 less the page margins, at 96 dpi
    assert not browser.find_element(By.ID, "notes").is_displayed()
    assert "Pacer summary for a consultation" in browser.find_element(By.CSS_SELECTOR, ".report-head").text
    screenshot(browser, "patient-print", full_page=True)
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert pages == 1
