"""Clinician accounts: create, check a password, look up, sign out everywhere.

Passwords are argon2id hashes (argon2-cffi), rehashed on sign-in when the parameters
change; an unknown email costs the same time as a wrong password. The web layer keeps
the cookies, CSRF and throttles (`bot.web.auth`); the accounts live here.
"""

from __future__ import annotations

import secrets
from datetime import datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.services import dashboard
from bot.store.db import session_scope
from bot.store.models import Clinician, utcnow

MIN_PASSWORD_LENGTH = 10

_hasher = PasswordHasher()
# Verified against when the email is unknown, so that both paths cost the same time.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValueError(f"passwords need at least {MIN_PASSWORD_LENGTH} characters")
    return _hasher.hash(password)


def verify_password(stored_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def session_epoch(clinician: Clinician) -> int:
    """Changes whenever the clinician signs out everywhere, invalidating older cookies."""
    return int(clinician.session_epoch or 0)


def create_clinician(email: str, display_name: str, password: str, role: str = "clinician") -> int:
    """Add a clinician account (used by `pacer clinician add`). Returns its id."""
    if role not in ("clinician", "admin"):
        raise ValueError(f"unknown role {role!r}")
    email = normalise_email(email)
    if "@" not in email:
        raise ValueError("an email address is needed")
    with session_scope() as session:
        exists = session.execute(select(Clinician.id).where(Clinician.email == email)).first()
        if exists:
            raise ValueError(f"a clinician with email {email} exists already")
        clinician = Clinician(
            email=email, display_name=display_name.strip()[:120], password_hash=hash_password(password),
            role=role,
        )
        session.add(clinician)
        session.flush()
        return clinician.id


def authenticate(email: str, password: str) -> Clinician | None:
    """The active clinician with these credentials, or None (same cost either way)."""
    email = normalise_email(email)
    with session_scope() as session:
        clinician = session.execute(
            select(Clinician).where(Clinician.email == email, Clinician.active.is_(True))
        ).scalars().first()
        if clinician is None:
            verify_password(_DUMMY_HASH, password)
            return None
        if not verify_password(clinician.password_hash, password):
            return None
        if _hasher.check_needs_rehash(clinician.password_hash):
            clinician.password_hash = _hasher.hash(password)
        clinician.last_login_at = utcnow()
        session.flush()
        session.expunge(clinician)
        return clinician


def active_clinician(clinician_id: int, epoch: int) -> Clinician | None:
    """The clinician if still active and not signed out everywhere since `epoch`."""
    with session_scope() as session:
        clinician = session.get(Clinician, clinician_id)
        if clinician is None or not clinician.active or session_epoch(clinician) != epoch:
            return None
        session.expunge(clinician)
        return clinician


def sign_out_everywhere(clinician_id: int) -> None:
    """Move the session epoch on: every cookie issued before now stops working."""
    with session_scope() as session:
        clinician = session.get(Clinician, clinician_id)
        if clinician is not None:
            clinician.session_epoch = int(clinician.session_epoch or 0) + 1


def count_clinicians() -> int:
    with session_scope() as session:
        return session.execute(select(func.count(Clinician.id))).scalar_one()


def _id_by_email(session: Session, email: str) -> int:
    found = session.execute(select(Clinician.id).where(Clinician.email == normalise_email(email))).scalar()
    if found is None:
        raise LookupError(f"no clinician with email {email}")
    return found


def assign_patient_by_email(email: str, patient_id: int) -> bool:
    """Give the clinician with this email access to a patient (`pacer clinician assign`);
    False when already assigned, LookupError when either is unknown."""
    with session_scope() as session:
        return dashboard.assign(session, _id_by_email(session, email), patient_id)


def invitation_by_email(email: str) -> tuple[str, datetime]:
    """A new invitation code of the clinician with this email and when it expires."""
    with session_scope() as session:
        invitation = dashboard.create_invitation(session, _id_by_email(session, email))
        return invitation.code, invitation.expires_at
