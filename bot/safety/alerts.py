"""Clinic alerts for safety events: email (SMTP) and/or webhook (HTTP POST), with retries.

An alert never carries what the person wrote: only the kind of event, its time, a
pseudonymous patient reference and a link to the clinician dashboard.

Flow: `queue_alerts` adds one `Alert` row per configured channel in the caller's
transaction; after the commit, `deliver_soon` tries them on a background thread
(the chat reply never waits); whatever is still pending is retried with backoff
by `deliver_due`, which the scheduler (and `pacer alerts deliver`) runs.

A delivery first *claims* its alert (attempts + 1 and a short lease on
`next_attempt_at`, in one conditional UPDATE), sends with no database transaction
open, then records the result. Two processes therefore never send the same
attempt twice, and a process that dies mid-send leaves the alert due again once
the lease ends.

SMTP settings come from the environment (or `.env`):
    SMTP_HOST (localhost), SMTP_PORT (25), SMTP_USER, SMTP_PASSWORD,
    SMTP_STARTTLS ("true"/"false", default false), SMTP_SSL (implicit TLS, e.g.
    port 465; default false), SMTP_FROM (pacer@localhost).
"""

from __future__ import annotations

import logging
import os
import smtplib
import ssl
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

import httpx
from dotenv import load_dotenv
from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from bot.clinic import ClinicConfig, load_clinic
from bot.config import ENV_FILE
from bot.store.db import session_scope
from bot.store.models import Alert, SafetyEvent, utcnow

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
# Wait after the n-th failed attempt: 30 s, 2 min, 10 min, 30 min, 2 h, then every 6 h.
BACKOFF_SECONDS = (30, 120, 600, 1800, 7200, 21600)
# Quick retries of `deliver_soon` after its first try (seconds after the previous failure).
QUICK_RETRY_SECONDS = (1.0, 3.0)
QUICK_TIMEOUT = 4.0
MAX_ERROR_CHARS = 300
USER_AGENT = "Pacer-alerts/0.1"

KIND_SUBJECTS = {
    "crisis": "Crisis flag - action needed",
    "crisis_check": "Possible crisis - please review",
    "crisis_third_person": "Concern about someone else - please review",
    "red_flag": "Red flag - please review",
}
KIND_SUMMARIES = {
    "crisis": "Pacer recorded a crisis flag. A patient may be at risk; please act on it now.",
    "crisis_check": "Pacer asked a patient whether they are safe. Please review.",
    "crisis_third_person": "A patient told Pacer they are worried about someone else. Please review.",
    "red_flag": "Pacer recorded a possible red-flag symptom. Please review it soon.",
}

_warned_unconfigured = False
_warn_lock = threading.Lock()
_sending = threading.local()


class _QuietWhileSending(logging.Filter):
    """httpx logs every request URL at INFO; a webhook URL often holds a secret token,
    so its lines are dropped while this thread posts an alert."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not getattr(_sending, "active", False)


_httpx_logger = logging.getLogger("httpx")
if not any(isinstance(f, _QuietWhileSending) for f in _httpx_logger.filters):
    _httpx_logger.addFilter(_QuietWhileSending())


# ----------------------------------------------------------------- settings


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    user: str | None
    password: str | None
    starttls: bool
    ssl: bool
    sender: str


def _flag(name: str) -> bool:
    value = os.environ.get(name, "").strip().lower()
    if value in ("", "0", "false", "no", "off"):
        return False
    if value in ("1", "true", "yes", "on"):
        return True
    raise ValueError(f"{name} must be true or false, got {value!r}")


def smtp_settings() -> SmtpSettings:
    load_dotenv(ENV_FILE, override=False)
    return SmtpSettings(
        host=os.environ.get("SMTP_HOST", "").strip() or "localhost",
        port=int(os.environ.get("SMTP_PORT", "").strip() or 25),
        user=os.environ.get("SMTP_USER", "").strip() or None,
        password=os.environ.get("SMTP_PASSWORD") or None,
        starttls=_flag("SMTP_STARTTLS"),
        ssl=_flag("SMTP_SSL"),
        sender=os.environ.get("SMTP_FROM", "").strip() or "pacer@localhost",
    )


# ----------------------------------------------------------------- helpers


def backoff(attempts: int) -> timedelta:
    """How long to wait after the `attempts`-th failed attempt (1-based), capped."""
    index = min(max(attempts, 1), len(BACKOFF_SECONDS)) - 1
    return timedelta(seconds=BACKOFF_SECONDS[index])


def _lease(timeout: float) -> timedelta:
    # Long enough for every step of an SMTP conversation to time out.
    return timedelta(seconds=4 * timeout + 60)


def _describe_error(exc: BaseException, secrets: tuple[str | None, ...]) -> str:
    text = f"{type(exc).__name__}: {exc}".strip()
    for secret in secrets:
        if secret:
            text = text.replace(secret, "***")
    return text[:MAX_ERROR_CHARS]


class DeliveryError(Exception):
    """The receiving end answered, but did not accept the alert."""


# ----------------------------------------------------------------- content


def event_link(event: SafetyEvent, clinic: ClinicConfig) -> str:
    base = clinic.public_url.rstrip("/")
    if event.patient_id is not None:
        return f"{base}/patients/{event.patient_id}#safety-{event.id}"
    return f"{base}/safety/{event.id}"


def alert_payload(event: SafetyEvent, clinic: ClinicConfig) -> dict:
    """The webhook body. Never the message text (nor the conversation id, which on
    the SMS channel is a phone number), nor the rule id, whose name can echo the words."""
    created = event.created_at
    return {
        "type": "pacer.safety_event",
        "event_id": event.id,
        "kind": event.kind,
        "category": event.category,
        "created_at": created.isoformat() if created else None,
        "patient_ref": f"patient-{event.patient_id}" if event.patient_id is not None else None,
        "link": event_link(event, clinic),
        "clinic": clinic.name,
    }


def email_subject(event: SafetyEvent) -> str:
    return f"[Pacer] {KIND_SUBJECTS.get(event.kind, 'Safety event - please review')}"


def email_message(
    event: SafetyEvent, clinic: ClinicConfig, to: str | None = None, sender: str | None = None
) -> EmailMessage:
    """The alert email: kind, time and dashboard link; never the message text."""
    payload = alert_payload(event, clinic)
    sender = sender or smtp_settings().sender
    created = event.created_at or utcnow()
    local = created.astimezone(clinic.zone)
    lines = [
        KIND_SUMMARIES.get(event.kind, "Pacer recorded a safety event. Please review."),
        "",
        f"Kind:     {event.kind}",
    ]
    if event.category:
        lines.append(f"Category: {event.category}")
    lines += [
        f"Time:     {local:%a %d %b %Y %H:%M} ({clinic.timezone})",
        f"Patient:  {payload['patient_ref'] or 'not yet registered'}",
        "",
        "Open the dashboard to see what was said and to acknowledge the event:",
        payload["link"],
        "",
        "For privacy this email does not contain anything the person wrote.",
        f"-- Pacer, for {clinic.name}",
    ]
    message = EmailMessage()
    message["Subject"] = email_subject(event)
    message["From"] = sender
    message["To"] = to or clinic.alert_email or ""
    message["Date"] = format_datetime(utcnow())
    domain = sender.rpartition("@")[2] or "localhost"
    message["Message-ID"] = make_msgid(domain=domain)  # explicit domain: no slow DNS lookup
    message["X-Pacer-Event-Id"] = str(event.id)
    message.set_content("\n".join(lines) + "\n")
    return message


# ----------------------------------------------------------------- queueing


def queue_alerts(session: Session, event: SafetyEvent, clinic: ClinicConfig) -> list[Alert]:
    """One pending `Alert` per configured channel, flushed (ids set) in `session`.

    Call `deliver_soon([a.id for a in alerts])` only after the session commits.
    """
    global _warned_unconfigured
    targets = []
    if clinic.alert_email:
        targets.append(("email", clinic.alert_email))
    if clinic.alert_webhook_url:
        targets.append(("webhook", clinic.alert_webhook_url))
    if not targets:
        with _warn_lock:
            if not _warned_unconfigured:
                _warned_unconfigured = True
                logger.warning(
                    "clinic alerts are not configured (set alert_email and/or alert_webhook_url in "
                    "clinic.yml): safety events are recorded but nobody is notified"
                )
        return []
    if event.id is None:
        session.flush()
    now = utcnow()
    if _alerted_recently(session, event, now):
        # The event itself is recorded and shown first on the dashboard; the clinic was told
        # about this conversation moments ago. A flood of messages is one alert, not fifty.
        logger.info("alert for event %s not queued: conversation alerted within the window", event.id)
        return []
    alerts = [
        Alert(
            safety_event_id=event.id,
            channel=channel,
            target=target,
            status="pending",
            attempts=0,
            next_attempt_at=now,
            created_at=now,
        )
        for channel, target in targets
    ]
    session.add_all(alerts)
    session.flush()
    for alert in alerts:
        logger.info("alert %s queued: channel=%s event=%s", alert.id, alert.channel, event.id)
    return alerts


def _dedup_window() -> timedelta:
    return timedelta(minutes=float(os.environ.get("PACER_ALERT_DEDUP_MIN") or 30))


def _alerted_recently(session: Session, event: SafetyEvent, now: datetime) -> bool:
    """Whether an alert was queued for an event of the same kind in the same conversation
    within the de-duplication window (PACER_ALERT_DEDUP_MIN, default 30 minutes)."""
    earlier = session.execute(
        select(Alert.id)
        .join(SafetyEvent, SafetyEvent.id == Alert.safety_event_id)
        .where(
            SafetyEvent.conversation_id == event.conversation_id,
            SafetyEvent.kind == event.kind,
            SafetyEvent.id != event.id,
            Alert.created_at > now - _dedup_window(),
        )
        .limit(1)
    ).first()
    return earlier is not None


# ----------------------------------------------------------------- sending


def _send_email(event: SafetyEvent, clinic: ClinicConfig, target: str, timeout: float) -> None:
    settings = smtp_settings()
    message = email_message(event, clinic, to=target, sender=settings.sender)
    context = ssl.create_default_context()
    smtp_class = smtplib.SMTP_SSL if settings.ssl else smtplib.SMTP
    kwargs = {"context": context} if settings.ssl else {}
    with smtp_class(settings.host, settings.port, timeout=timeout, **kwargs) as smtp:
        if settings.starttls and not settings.ssl:
            smtp.starttls(context=context)
        if settings.user:
            smtp.login(settings.user, settings.password or "")
        refused = smtp.send_message(message)
    if refused:
        raise DeliveryError(f"recipients refused: {len(refused)}")


def _send_webhook(event: SafetyEvent, clinic: ClinicConfig, target: str, timeout: float) -> None:
    _sending.active = True
    try:
        response = httpx.post(
            target,
            json=alert_payload(event, clinic),
            timeout=timeout,
            headers={"User-Agent": USER_AGENT},
            follow_redirects=False,
        )
    finally:
        _sending.active = False
    if not 200 <= response.status_code < 300:
        raise DeliveryError(f"HTTP {response.status_code}")


SENDERS = {"email": _send_email, "webhook": _send_webhook}


def _attempt(
    alert_id: int,
    clinic: ClinicConfig | None,
    timeout: float,
    *,
    due_by: datetime | None = None,
    retry_in: float | None = None,
) -> bool | None:
    """One claimed attempt. True sent, False failed, None not attempted (the alert is
    missing, no longer pending, being sent elsewhere or, with `due_by`, not yet due).

    `retry_in` (seconds) replaces the backoff after a failure; used for quick retries.
    """
    clinic = clinic or load_clinic()
    now = utcnow()
    with session_scope() as session:
        alert = session.get(Alert, alert_id)
        if alert is None or alert.status != "pending":
            return None
        claim = (
            update(Alert)
            .where(Alert.id == alert_id, Alert.status == "pending", Alert.attempts == alert.attempts)
            .values(attempts=Alert.attempts + 1, next_attempt_at=now + _lease(timeout))
            .execution_options(synchronize_session=False)
        )
        if due_by is not None:
            claim = claim.where(or_(Alert.next_attempt_at.is_(None), Alert.next_attempt_at <= due_by))
        if session.execute(claim).rowcount != 1:
            return None
        attempts = alert.attempts + 1
        channel, target = alert.channel, alert.target
        event = session.get(SafetyEvent, alert.safety_event_id)
        if event is None:  # cannot happen with foreign keys on; never retry it forever
            alert.status, alert.next_attempt_at, alert.last_error = "failed", None, "safety event missing"
            return False
        session.expunge(event)  # plain object for the send; no transaction stays open

    error: str | None = None
    try:
        sender = SENDERS.get(channel)
        if sender is None:
            raise DeliveryError(f"unknown channel {channel!r}")
        sender(event, clinic, target, timeout)
    except Exception as exc:  # noqa: BLE001 - any failure is retried
        smtp_password = os.environ.get("SMTP_PASSWORD")
        error = _describe_error(exc, (smtp_password, target if channel == "webhook" else None))

    finished = utcnow()
    with session_scope() as session:
        alert = session.get(Alert, alert_id)
        if error is None:
            alert.status, alert.sent_at, alert.next_attempt_at = "sent", finished, None
        else:
            alert.last_error = error
            if attempts >= MAX_ATTEMPTS:
                alert.status, alert.next_attempt_at = "failed", None
            else:
                wait = timedelta(seconds=retry_in) if retry_in is not None else backoff(attempts)
                alert.next_attempt_at = finished + wait
        status = alert.status
    if error is None:
        logger.info("alert %s delivered: channel=%s attempt=%s status=sent", alert_id, channel, attempts)
        return True
    log = logger.error if status == "failed" else logger.info
    log(
        "alert %s not delivered: channel=%s attempt=%s status=%s error=%s",
        alert_id,
        channel,
        attempts,
        status,
        error,
    )
    return False


def deliver(alert_id: int, clinic: ClinicConfig | None = None, timeout: float = 10.0) -> bool:
    """Try to send one alert now, whatever its schedule; record the outcome. True if
    it is delivered (also when it already was)."""
    outcome = _attempt(alert_id, clinic, timeout)
    if outcome is None:
        with session_scope() as session:
            alert = session.get(Alert, alert_id)
            return alert is not None and alert.status == "sent"
    return outcome


def deliver_due(now: datetime | None = None, limit: int = 100) -> tuple[int, int]:
    """Attempt pending alerts that are due by `now`: (sent, failed this round)."""
    due_by = now or utcnow()
    with session_scope() as session:
        stmt = (
            select(Alert.id)
            .where(
                Alert.status == "pending",
                or_(Alert.next_attempt_at.is_(None), Alert.next_attempt_at <= due_by),
            )
            .order_by(Alert.next_attempt_at, Alert.id)
            .limit(limit)
        )
        alert_ids = list(session.execute(stmt).scalars())
    if not alert_ids:
        return 0, 0
    clinic = load_clinic()
    sent = failed = 0
    for alert_id in alert_ids:
        try:
            outcome = _attempt(alert_id, clinic, 10.0, due_by=due_by)
        except Exception:  # one broken row must not hold up the others
            logger.exception("alert %s: delivery attempt crashed", alert_id)
            outcome = False
        sent += outcome is True
        failed += outcome is False
    if sent or failed:
        logger.info("alerts due: %s sent, %s failed this round", sent, failed)
    return sent, failed


def _deliver_soon(alert_ids: list[int]) -> None:
    try:
        clinic = load_clinic()
        waiting = list(alert_ids)
        rounds = (0.0, *QUICK_RETRY_SECONDS)
        for number, delay in enumerate(rounds):
            if not waiting:
                return
            time.sleep(delay)
            last_round = number == len(rounds) - 1
            retry_in = None if last_round else rounds[number + 1]
            still = []
            for alert_id in waiting:
                try:
                    outcome = _attempt(alert_id, clinic, QUICK_TIMEOUT, due_by=utcnow(), retry_in=retry_in)
                except Exception:  # noqa: BLE001 - e.g. database busy; deliver_due retries
                    logger.exception("alert %s: delivery attempt crashed", alert_id)
                    outcome = False
                if outcome is not True:
                    still.append(alert_id)
            waiting = still
        if waiting:
            logger.info("alerts %s left for scheduled retries", ", ".join(map(str, waiting)))
    except Exception:  # noqa: BLE001 - a background thread must never raise
        logger.exception("background alert delivery failed; scheduled retries will continue")


def deliver_soon(alert_ids: list[int]) -> threading.Thread:
    """Try the alerts now on a daemon thread, with a few quick retries (about 4 s in
    all, plus send time), then leave the rest to `deliver_due`. Returns at once."""
    thread = threading.Thread(target=_deliver_soon, args=(list(alert_ids),), name="pacer-alerts", daemon=True)
    thread.start()
    return thread
