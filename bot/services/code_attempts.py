"""Limits on redeeming link codes and clinic invitation codes, on every channel.

A link code gives lasting access to a patient's record, so guessing must be slow:

- each *subject* (a conversation, and on the web also the client address) gets a few
  failed attempts per window, then `busy` until the window has passed;
- a code that is named but refused again and again (for example typed into a
  conversation that belongs to someone else) is locked: it stops working;
- there is no global limit, so one attacker cannot block everyone else's codes.

Attempts live in the `code_attempts` table so that every process (rasa replicas, the
web app) and restarts see the same counts. Old rows are pruned as new ones arrive.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from bot.store.models import CodeAttempt, utcnow

WINDOW = timedelta(minutes=15)
MAX_FAILURES_PER_SUBJECT = 5
MAX_FAILURES_PER_CODE = 3
KEEP = timedelta(days=1)


def address_subject(address: str) -> str:
    """The subject for a client address (the web app's link form)."""
    return "addr:" + hashlib.sha256(address.encode()).hexdigest()[:32]


def blocked(session: Session, kind: str, subjects: list[str], now: datetime | None = None) -> bool:
    """Whether any of these subjects has used up its failed attempts in the window."""
    now = now or utcnow()
    for subject in subjects:
        failures = session.execute(
            select(func.count(CodeAttempt.id)).where(
                CodeAttempt.kind == kind, CodeAttempt.subject == subject,
                CodeAttempt.succeeded.is_(False), CodeAttempt.created_at > now - WINDOW,
            )
        ).scalar_one()
        if failures >= MAX_FAILURES_PER_SUBJECT:
            return True
    return False


def record(session: Session, kind: str, subjects: list[str], succeeded: bool,
           code_hash: str | None = None, now: datetime | None = None) -> None:
    now = now or utcnow()
    for subject in subjects:
        session.add(CodeAttempt(kind=kind, subject=subject, code_hash=code_hash,
                                succeeded=succeeded, created_at=now))
    session.execute(delete(CodeAttempt).where(CodeAttempt.created_at < now - KEEP))
    session.flush()


def code_failures(session: Session, kind: str, code_hash: str) -> int:
    """Refused attempts that named this code (any subject, any time while it lived)."""
    return session.execute(
        select(func.count(CodeAttempt.id)).where(
            CodeAttempt.kind == kind, CodeAttempt.code_hash == code_hash, CodeAttempt.succeeded.is_(False)
        )
    ).scalar_one()
