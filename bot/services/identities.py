"""One patient, many channel identities: a web chat session, a Telegram chat, a
phone number. A short one-time link code, given in one conversation and entered in
another, joins the second to the same patient, so plans and history follow them;
check-ins go to the conversation they chose, else the one they used last.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import phonenumbers
from sqlalchemy import select, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from bot.coaching.checkin_channels import SMS, TELEGRAM, WEB
from bot.services import code_attempts
from bot.store import repository as repo
from bot.store.db import session_scope
from bot.store.models import ChannelIdentity, LinkCode, Patient, utcnow

# Crockford-style alphabet: no 0/O, 1/I/L or U, so a code read aloud or retyped survives.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 6
CODE_TTL = timedelta(minutes=15)
TELEGRAM_PREFIX = "tg:"
_EPOCH = datetime.min.replace(tzinfo=timezone.utc)

_CODE_CLEAN = re.compile(r"[\s\-_.]")


@dataclass(frozen=True)
class IssuedCode:
    code: str  # shown to the person once; only its hash is stored
    expires_at: datetime
    minutes: int


@dataclass(frozen=True)
class LinkResult:
    status: str  # linked | already_linked | invalid | expired | conflict | busy
    patient_id: int | None = None
    name: str | None = None

    @property
    def ok(self) -> bool:
        return self.status in ("linked", "already_linked")


@dataclass(frozen=True)
class CheckinChoice:
    status: str  # chosen | not_linked | not_set_up
    kind: str | None = None  # sms | telegram | web: where check-ins now go (or were asked to)


#: The channels a patient can name for check-ins, by the Rasa input channels behind them.
CHANNEL_KINDS: dict[str, tuple[str, ...]] = {
    SMS: ("sms",), TELEGRAM: ("telegram",), WEB: ("socketio", "rest"),
}


@dataclass(frozen=True)
class Destination:
    conversation_id: str
    channel: str


def normalise_phone(raw: str, default_region: str = "NZ") -> str | None:
    """A phone number in E.164 (`+6421...`), or None when it is not a valid number."""
    try:
        number = phonenumbers.parse(raw, None if raw.strip().startswith("+") else default_region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def telegram_conversation_id(chat_id: int | str) -> str:
    return f"{TELEGRAM_PREFIX}{chat_id}"


def telegram_chat_id(conversation_id: str) -> str:
    return conversation_id.removeprefix(TELEGRAM_PREFIX)


def normalise_code(text: str) -> str:
    """What a person typed as a code, in canonical form (case, spaces and dashes ignored)."""
    return _CODE_CLEAN.sub("", text).upper()


def looks_like_code(text: str) -> bool:
    code = normalise_code(text)
    return len(code) == CODE_LENGTH and all(char in CODE_ALPHABET for char in code)


def _hash(code: str) -> str:
    return hashlib.sha256(normalise_code(code).encode()).hexdigest()


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def issue_link_code(conversation_id: str, now: datetime | None = None) -> IssuedCode | None:
    """A new code for the patient behind this conversation (None for someone not set up).

    Earlier unused codes of the same patient stop working: only the newest is valid.
    """
    now = now or utcnow()
    with session_scope() as session:
        patient = repo.find_patient(session, conversation_id)
        if patient is None or not repo.has_consented(patient):
            return None
        session.execute(
            update(LinkCode)
            .where(LinkCode.patient_id == patient.id, LinkCode.used_at.is_(None))
            .values(expires_at=now)
        )
        while True:
            code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
            taken = session.execute(select(LinkCode.id).where(LinkCode.code_hash == _hash(code))).first()
            if taken is None:
                break
        expires = now + CODE_TTL
        session.add(
            LinkCode(patient_id=patient.id, code_hash=_hash(code), created_at=now, expires_at=expires)
        )
    return IssuedCode(code=code, expires_at=expires, minutes=int(CODE_TTL.total_seconds() // 60))


def redeem_link_code(
    code: str, conversation_id: str, channel: str, now: datetime | None = None,
    address: str | None = None,
) -> LinkResult:
    """Join `conversation_id` to the patient who was given `code`.

    A conversation that already belongs to someone who consented is never moved
    to another patient (that would mix two people's records); a stranger's
    conversation (no consent yet) is simply taken over. Attempts are limited per
    conversation (and per client `address` on the web) and a code refused again and
    again is locked (bot.services.code_attempts); the answer is then `busy`.
    """
    now = now or utcnow()
    subjects = [conversation_id] + ([code_attempts.address_subject(address)] if address else [])
    with session_scope() as session:
        if code_attempts.blocked(session, "link", subjects, now):
            return LinkResult("busy")
        row = None
        if looks_like_code(code):
            row = session.execute(select(LinkCode).where(LinkCode.code_hash == _hash(code))).scalars().first()
        result = _redeem(session, row, conversation_id, channel, now)
        code_attempts.record(session, "link", subjects, result.ok, row.code_hash if row else None, now)
        if (not result.ok and row is not None and row.used_at is None
                and code_attempts.code_failures(session, "link", row.code_hash)
                >= code_attempts.MAX_FAILURES_PER_CODE):
            row.expires_at = now  # locked: the patient asks for a new code
        return result


def _redeem(session: Session, row: LinkCode | None, conversation_id: str, channel: str,
            now: datetime) -> LinkResult:
    if row is None:
        return LinkResult("invalid")
    if row.used_at is not None or _aware(row.expires_at) <= now:
        return LinkResult("expired")
    target = session.get(Patient, row.patient_id)
    current = repo.find_patient(session, conversation_id)
    if current is not None and current.id == target.id:
        row.used_at, row.used_by_channel = now, channel
        return LinkResult("already_linked", target.id, target.display_name)
    if current is not None and repo.has_consented(current):
        return LinkResult("conflict")
    if current is not None:  # a stranger's row (e.g. consent refused): hand the identity over
        identity = next(i for i in current.identities if i.conversation_id == conversation_id)
        identity.patient = target
        identity.channel = channel
        identity.last_used_at = now
        session.flush()
        if not current.identities and current.consent_status is None:
            session.delete(current)
    else:
        target.identities.append(
            ChannelIdentity(conversation_id=conversation_id, channel=channel, last_used_at=now)
        )
    row.used_at, row.used_by_channel = now, channel
    return LinkResult("linked", target.id, target.display_name)


def conversation_ids_of(conversation_id: str) -> list[str]:
    """Every conversation of the patient behind `conversation_id` (just itself for a stranger)."""
    with session_scope() as session:
        patient = repo.find_patient(session, conversation_id)
        if patient is None:
            return [conversation_id]
        ids = [identity.conversation_id for identity in patient.identities]
    return ids if conversation_id in ids else [conversation_id, *ids]


def channel_of(conversation_id: str) -> str | None:
    with session_scope() as session:
        stmt = select(ChannelIdentity.channel).where(ChannelIdentity.conversation_id == conversation_id)
        return session.execute(stmt).scalars().first()


def note_contact(conversation_id: str, channel: str, phone: str | None = None) -> bool:
    """Record a message from a known patient on this channel (and their phone number).

    Strangers are not stored: a patient row is only made at consent. Returns
    whether the conversation belongs to a patient.
    """
    with session_scope() as session:
        patient = repo.find_patient(session, conversation_id)
        if patient is None:
            return False
        repo.touch(session, patient, conversation_id, channel)
        if phone:
            patient.phone_number = phone
        return True


def prefer_for_checkins(conversation_id: str) -> bool:
    """Send this patient's check-ins to this conversation from now on."""
    with session_scope() as session:
        patient = repo.find_patient(session, conversation_id)
        if patient is None:
            return False
        _prefer(patient, conversation_id)
        return True


def _prefer(patient: Patient, conversation_id: str) -> None:
    for identity in patient.identities:
        identity.preferred = identity.conversation_id == conversation_id


def channel_kind(channel: str | None) -> str | None:
    """What a patient calls a Rasa input channel: sms, telegram or web (None for others)."""
    return next((kind for kind, channels in CHANNEL_KINDS.items() if channel in channels), None)


def choose_checkin_channel(conversation_id: str, kind: str | None) -> CheckinChoice:
    """Send check-ins by `kind` (sms, telegram, web), or to this very conversation when
    `kind` is None ("check in with me here"). Only a channel the patient has linked can be
    chosen: a Telegram chat or a phone number Pacer has never heard from cannot be reached.
    Of several conversations on that channel, this one (if it is one) else the last used."""
    with session_scope() as session:
        patient = repo.find_patient(session, conversation_id)
        if patient is None or not repo.has_consented(patient):
            return CheckinChoice("not_set_up", kind)
        if kind is None:
            here = next(i for i in patient.identities if i.conversation_id == conversation_id)
            _prefer(patient, conversation_id)
            return CheckinChoice("chosen", channel_kind(here.channel))
        candidates = [i for i in patient.identities if i.channel in CHANNEL_KINDS.get(kind, ())]
        if not candidates:
            return CheckinChoice("not_linked", kind)
        target = max(candidates, key=lambda i: (i.conversation_id == conversation_id,
                                                 _aware(i.last_used_at or i.created_at or _EPOCH), i.id))
        _prefer(patient, target.conversation_id)
        return CheckinChoice("chosen", kind)


#: Why a provider refuses a conversation for good (`mark_unreachable`).
TELEGRAM_BLOCKED = "telegram: blocked by the user"
SMS_UNSUBSCRIBED = "sms: unsubscribed at the carrier"


def mark_unreachable(conversation_id: str, reason: str, now: datetime | None = None) -> bool:
    """The provider refused this conversation for good (Telegram 403 "bot was blocked by the
    user", Twilio 21610): check-ins skip it (`checkin_destinations`) until the patient writes
    on it again (`repository.touch`). Returns whether it belongs to a patient."""
    with session_scope() as session:
        identity = session.execute(
            select(ChannelIdentity).where(ChannelIdentity.conversation_id == conversation_id)
        ).scalar_one_or_none()
        if identity is None:
            return False
        if identity.unreachable_at is None:
            identity.unreachable_at = now or utcnow()
        identity.unreachable_reason = reason[:64]
        return True


def checkin_destinations(db: Session | Connection, patient_ids: Iterable[int]) -> dict[int, Destination]:
    """Where each patient's check-ins go: the conversation they chose, else the one used last
    (a conversation never used counts from when it was linked); never one the provider refused
    for good (`mark_unreachable`), so with none left, none. One query for a whole batch,
    so the scheduler asks here rather than ranking channels itself."""
    wanted = sorted(set(patient_ids))
    if not wanted:
        return {}
    rows = db.execute(
        select(ChannelIdentity.patient_id, ChannelIdentity.conversation_id, ChannelIdentity.channel,
               ChannelIdentity.preferred, ChannelIdentity.last_used_at, ChannelIdentity.created_at,
               ChannelIdentity.id)
        .where(ChannelIdentity.patient_id.in_(wanted), ChannelIdentity.unreachable_at.is_(None))
    )
    best: dict[int, tuple[tuple[bool, datetime, int], Destination]] = {}
    for row in rows:
        last = row.last_used_at or row.created_at
        rank = (bool(row.preferred), _aware(last) if last else _EPOCH, row.id)
        current = best.get(row.patient_id)
        if current is None or rank > current[0]:
            best[row.patient_id] = (rank, Destination(row.conversation_id, row.channel))
    return {patient_id: destination for patient_id, (_, destination) in best.items()}


def checkin_destination(patient_id: int) -> Destination | None:
    """Where this patient's next check-in goes (see `checkin_destinations`)."""
    with session_scope() as session:
        return checkin_destinations(session, [patient_id]).get(patient_id)
