"""The patient chat page in real headless Chromium (Debian's), against a real stack.

A phone-sized window opens /chat, sets a goal by typing and by clicking buttons,
reloads and finds the whole conversation again, receives proactive messages sent
through `trigger_intent` (live, and after the page was closed), and links a second
device with a one-time code. Screenshots go to test-output/.
"""

from __future__ import annotations

import re
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from bot.config import PROJECT_ROOT
from bot.store import db
from bot.store.repository import find_patient
from tests.e2e.stack import PacerStack

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
OUTPUT = PROJECT_ROOT / "test-output"
PHONE = (390, 844)


@pytest.fixture(scope="module")
def web_stack(tmp_path_factory: pytest.TempPathFactory, chromium: Path) -> Iterator[PacerStack]:
    """A real stack (rasa, actions, web app); Chromium and the page's npm assets installed first."""
    subprocess.run([str(PROJECT_ROOT / "scripts" / "install-web-assets")], check=True, cwd=PROJECT_ROOT)
    stack = PacerStack(tmp_path_factory.mktemp("pacer-web"))
    with pytest.MonkeyPatch.context() as env:
        env.setenv("DATABASE_URL", stack.settings.database_url)
        db.reset_engines()
        stack.start()
        try:
            yield stack
        finally:
            stack.stop()
    db.reset_engines()


def new_browser():  # noqa: ANN201 - selenium's WebDriver
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     f"--window-size={PHONE[0]},{PHONE[1]}"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_window_size(*PHONE)
    return driver


@pytest.fixture
def phone_browser(web_stack: PacerStack) -> Iterator:
    driver = new_browser()
    yield driver
    driver.quit()


class ChatPage:
    """What a person sees and does on /chat."""

    def __init__(self, driver, url: str) -> None:  # noqa: ANN001
        self.driver = driver
        self.url = url

    def open(self) -> None:
        self.driver.get(self.url)
        self.wait(lambda: self.driver.find_element("id", "chat-input").is_enabled(), "the chat to connect")

    def wait(self, condition: Callable[[], object], what: str, timeout: float = 60) -> object:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                result = condition()
            except Exception:  # noqa: BLE001 - elements come and go while the page updates
                result = None
            if result:
                return result
            time.sleep(0.2)
        self.screenshot("failure")
        raise AssertionError(f"timed out waiting for {what}; page shows:\n{self.transcript()}")

    def bubbles(self) -> list[tuple[str, str]]:
        items = self.driver.find_elements("css selector", "#chat-log .msg")
        return [
            ("bot" if "msg--bot" in item.get_attribute("class") else "user",
             item.find_element("css selector", ".msg__text").text)
            for item in items
        ]

    def transcript(self) -> str:
        return "\n".join(f"{who}: {text}" for who, text in self.bubbles())

    def bot_texts(self) -> list[str]:
        return [text for who, text in self.bubbles() if who == "bot"]

    def settle(self, before: int, what: str) -> list[str]:
        """Wait for the bot's answer to arrive and stop growing; returns the new bot texts."""
        self.wait(lambda: len(self.bot_texts()) > before, what)
        count = -1
        while count != len(self.bot_texts()):
            count = len(self.bot_texts())
            time.sleep(1.2)
        return self.bot_texts()[before:]

    def say(self, text: str) -> str:
        from selenium.webdriver.common.keys import Keys

        before = len(self.bot_texts())
        box = self.driver.find_element("id", "chat-input")
        box.send_keys(text)
        box.send_keys(Keys.ENTER)
        return "\n".join(self.settle(before, f"an answer to {text!r}")).lower()

    def buttons(self) -> list:
        return self.driver.find_elements("css selector", "#chat-log .msg__button")

    def click(self, title_prefix: str) -> str:
        before = len(self.bot_texts())
        button = next(b for b in self.buttons() if b.text.startswith(title_prefix))
        button.click()
        return "\n".join(self.settle(before, f"an answer to the button {title_prefix!r}")).lower()

    def session_id(self) -> str:
        return self.driver.execute_script("return window.localStorage.getItem('pacer.chat.session')")

    def screenshot(self, name: str) -> Path:
        OUTPUT.mkdir(exist_ok=True)
        path = OUTPUT / f"chat-{name}.png"
        self.driver.save_screenshot(str(path))
        return path


def trigger(stack: PacerStack, conversation_id: str, intent: str) -> None:
    response = httpx.post(
        f"{stack.rasa_url}/conversations/{conversation_id}/trigger_intent",
        params={"token": stack.token, "output_channel": "socketio"},
        json={"name": intent},
        timeout=60,
    )
    assert response.status_code == 200, response.text


def test_chat_page_in_a_real_browser(web_stack: PacerStack, phone_browser) -> None:  # noqa: ANN001
    browser = phone_browser
    page = ChatPage(browser, f"{web_stack.settings.web_url}/chat")
    page.open()

    # Accessible structure: labelled input, a live log, real buttons.
    log = browser.find_element("id", "chat-log")
    assert log.get_attribute("role") == "log" and log.get_attribute("aria-live") == "polite"
    label = browser.find_element("css selector", "label[for=chat-input]")
    assert "message" in label.get_attribute("textContent").lower()

    reply = page.say("hi")
    assert "automated" in reply
    consent_buttons = [b.text for b in page.buttons()]
    assert consent_buttons in (["Yes, that's OK", "No thanks"], ["Yes, go ahead", "No, don't store anything"])
    assert all(b.tag_name == "button" for b in page.buttons())
    reply = page.click("Yes")
    assert "name" in reply or "call you" in reply
    assert page.buttons() == []  # an answered question's buttons go away
    assert "aroha" in page.say("I'm Aroha")
    assert "activit" in page.say("being able to play with my grandkids")
    assert "gardening" in page.say("gardening and walking the dog")
    page.say("about a 4")
    assert "this week" in page.say("6")
    reply = page.say("walk to the letterbox and back, 10 minutes, after lunch, 4 days")
    assert "letterbox" in reply
    reply = page.click("Yes, that's right")
    assert "confident" in reply or "how sure" in reply
    reply = page.click("8")
    assert "saved" in reply or "done" in reply or "that's in" in reply
    page.screenshot("conversation")

    session = page.session_id()
    assert re.fullmatch(r"[0-9a-f]{32}", session)
    with db.session_scope() as s:
        assert find_patient(s, session).display_name == "Aroha"

    # History after a reload comes from Pacer's web app, exactly as it was shown.
    shown = page.bubbles()
    browser.refresh()
    page.open()
    page.wait(lambda: page.bubbles() == shown, "the restored history")
    assert page.session_id() == session

    # A proactive message while the page is open appears at once.
    before = len(page.bot_texts())
    trigger(web_stack, session, "show_plans")
    new = page.settle(before, "the proactive message")
    per_message = sum("letterbox" in text for text in new)
    assert per_message >= 1
    page.screenshot("proactive")

    # ... and one sent while the page was closed is there on the next visit.
    seen = sum("letterbox" in text for text in page.bot_texts())
    browser.get("about:blank")
    trigger(web_stack, session, "show_plans")
    page.open()
    page.wait(
        lambda: sum("letterbox" in t for t in page.bot_texts()) == seen + per_message,
        "the message sent while the page was closed",
    )

    # A second device links with a one-time code that Pacer gives in this chat.
    reply = page.say("can i use this on my phone too")
    code = re.search(r"\b([2-9A-HJ-NP-Z]{3}) ?([2-9A-HJ-NP-Z]{3})\b", " ".join(page.bot_texts()[-3:]))
    assert code, reply
    other = new_browser()
    try:
        phone = ChatPage(other, page.url)
        phone.open()
        assert phone.session_id() != session
        other.find_element("id", "menu-toggle").click()  # "Link this device" sits in the menu
        other.find_element("id", "link-toggle").click()
        assert other.execute_script("return document.activeElement.id") == "link-code"
        other.find_element("id", "link-code").send_keys(code.group(1) + code.group(2))
        other.find_element("css selector", "#link-form button[type=submit]").click()
        phone.wait(lambda: "linked" in other.find_element("id", "chat-status").text.lower(), "the link")
        assert not other.find_element("id", "link-form").is_displayed()
        phone.wait(lambda: any("aroha" in t.lower() for t in phone.bot_texts()[-3:]), "a welcome back")
        assert any("letterbox" in t for t in phone.bot_texts())  # the plan history followed
        with db.session_scope() as s:
            assert find_patient(s, phone.session_id()).id == find_patient(s, session).id
        phone.screenshot("linked-device")
    finally:
        other.quit()


def test_history_is_only_for_web_sessions(web_stack: PacerStack) -> None:
    base = web_stack.settings.web_url
    for session_id in ("+64211234567", "tg:12345", "../etc", "", None, "A" * 32):
        response = httpx.post(f"{base}/chat/history", json={"session_id": session_id}, timeout=30)
        assert response.status_code == 400
    unknown = httpx.post(f"{base}/chat/history", json={"session_id": "f" * 32}, timeout=30)
    assert unknown.status_code == 200 and unknown.json() == {"messages": []}
    page = httpx.get(f"{base}/chat", timeout=30)
    assert "default-src 'self'" in page.headers["content-security-policy"]
    assert httpx.get(f"{base}/chat/static/vendor/socket.io.min.js", timeout=30).status_code == 200


def _service(stack: PacerStack, name: str):  # noqa: ANN202 - processes.Service
    return next(service for service in stack.services if name in service.name)


def test_failures_show_on_the_chat_page(web_stack: PacerStack, phone_browser) -> None:  # noqa: ANN001
    """A slow action server and a stopped rasa are not silent: the page says Pacer is slow,
    and a message that did not arrive stays, with Retry, until it is answered."""
    import os
    import signal

    browser = phone_browser
    page = ChatPage(browser, f"{web_stack.settings.web_url}/chat")
    page.open()
    page.say("hello")
    yes = next(b for b in page.buttons() if b.text.startswith("Yes"))

    actions = _service(web_stack, "action").process
    os.kill(actions.pid, signal.SIGSTOP)
    try:
        before = len(page.bot_texts())
        yes.click()
        assert browser.execute_script("return document.activeElement.id") != "chat-input"  # no keyboard
        page.wait(lambda: "longer than usual" in browser.find_element(By.ID, "chat-typing").text,
                  "the slow-reply notice", timeout=40)
        page.screenshot("slow-reply")
    finally:
        os.kill(actions.pid, signal.SIGCONT)
    page.settle(before, "the answer once the action server is back")
    assert not browser.find_elements(By.CSS_SELECTOR, ".msg--failed")

    rasa = _service(web_stack, "rasa").process
    os.kill(rasa.pid, signal.SIGSTOP)
    try:
        box = browser.find_element(By.ID, "chat-input")
        box.send_keys("Mereana")
        box.send_keys(Keys.ENTER)
        failed = page.wait(lambda: browser.find_elements(By.CSS_SELECTOR, ".msg--failed"),
                           "the message marked as not arrived", timeout=120)
        assert "Mereana" in failed[0].text and failed[0].find_element(By.CSS_SELECTOR, ".msg__retry")
        page.screenshot("not-delivered")
    finally:
        os.kill(rasa.pid, signal.SIGCONT)
    page.wait(lambda: browser.find_element(By.ID, "chat-input").is_enabled(), "the reconnect", timeout=120)
    pressed_at = [0.0]

    def retried() -> bool:
        """The patient presses Retry (once a second) until the message goes through: a press while
        the page is still confirming the reconnect only says "Still offline", and the reconnect's
        history may re-draw the message (a new Retry) or hold it already (no Retry at all)."""
        if not browser.find_elements(By.CSS_SELECTOR, ".msg--failed"):
            return True
        if time.monotonic() - pressed_at[0] >= 1:
            pressed_at[0] = time.monotonic()
            for button in browser.find_elements(By.CSS_SELECTOR, ".msg__retry")[:1]:
                try:
                    button.click()
                except StaleElementReferenceException:
                    pass  # re-drawn between finding and pressing: pressed again next second
        return False

    page.wait(retried, "the retry", timeout=60)
    page.wait(lambda: any("mereana" in t.lower() for t in page.bot_texts()[-3:]), "the answer to the retry")
    mine = [text for who, text in page.bubbles() if who == "user" and text == "Mereana"]
    assert len(mine) == 1
    with db.session_scope() as s:
        assert find_patient(s, page.session_id()).display_name == "Mereana"
