"""Clinic resources: the list clinicians keep in the dashboard, the offers Pacer makes in
conversation (matched by `bot.coaching.resources`), and what the patient said to each.

Dashboard functions take the caller's Session (the route owns the transaction and writes the
audit row in it); conversation functions take a conversation id and open their own session.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from bot.coaching import resources as rules
from bot.coaching.resources import Need, PastOffer, ResourceInfo
from bot.store import repository as repo
from bot.store.db import session_scope
from bot.store.models import ActionPlan, Clinician, ClinicResource, PatientValue, ResourceOffer, utcnow

LIMITS = {
    "name": 120,
    "description": 1000,
    "when_text": 200,
    "where_text": 200,
    "how_to_join": 400,
    "contact": 200,
}
TEXT_FIELDS = tuple(LIMITS)


# --- the clinic's list (dashboard) ------------------------------------------------------------------


@dataclass(frozen=True)
class ResourceForm:
    """A validated add/edit form."""

    name: str
    kind: str
    description: str
    when_text: str
    where_text: str
    how_to_join: str
    contact: str
    tags: tuple[str, ...]


def parse_form(fields: Mapping[str, str], tags: Sequence[str]) -> tuple[ResourceForm | None, list[str]]:
    """Check a submitted form: a name, a known kind, known topics, how to join, lengths."""
    values = {
        key: " ".join((fields.get(key) or "").split())
        if key != "description"
        else (fields.get(key) or "").strip()
        for key in TEXT_FIELDS
    }
    kind = (fields.get("kind") or "").strip()
    errors = []
    if not values["name"]:
        errors.append("Give the resource a name.")
    if kind not in rules.KINDS:
        errors.append("Choose what kind of resource it is.")
    if not (values["how_to_join"] or values["contact"]):
        errors.append("Say how to join or whom to contact, so patients can act on it.")
    for key, limit in LIMITS.items():
        if len(values[key]) > limit:
            errors.append(
                f"{key.replace('_text', '').replace('_', ' ').capitalize()} is too long "
                f"(at most {limit} characters)."
            )
    unknown = [tag for tag in tags if tag not in rules.TOPICS]
    if unknown:
        errors.append("Unknown topic: " + ", ".join(sorted(set(unknown))[:3]))
    if not tags:
        errors.append("Choose at least one topic it suits, so Pacer can match it.")
    if errors:
        return None, errors
    ordered = tuple(tag for tag in rules.TOPICS if tag in set(tags))
    return ResourceForm(kind=kind, tags=ordered, **values), []


def list_resources(session: Session, include_archived: bool = True) -> list[ClinicResource]:
    stmt = select(ClinicResource).options(
        selectinload(ClinicResource.created_by), selectinload(ClinicResource.updated_by)
    ).order_by(ClinicResource.active.desc(), ClinicResource.name, ClinicResource.id)
    if not include_archived:
        stmt = stmt.where(ClinicResource.active.is_(True))
    return list(session.execute(stmt).scalars())


def get_resource(session: Session, resource_id: int) -> ClinicResource | None:
    return session.get(ClinicResource, resource_id)


def create_resource(
    session: Session, form: ResourceForm, clinician: Clinician | None = None
) -> ClinicResource:
    now = utcnow()
    resource = ClinicResource(
        created_at=now,
        updated_at=now,
        active=True,
        created_by_id=clinician.id if clinician else None,
        updated_by_id=clinician.id if clinician else None,
    )
    _apply(resource, form)
    session.add(resource)
    session.flush()
    return resource


def update_resource(
    session: Session, resource: ClinicResource, form: ResourceForm, clinician: Clinician | None = None
) -> ClinicResource:
    _apply(resource, form)
    resource.updated_at = utcnow()
    resource.updated_by_id = clinician.id if clinician else None
    return resource


def set_archived(
    session: Session, resource: ClinicResource, archived: bool, clinician: Clinician | None = None
) -> None:
    """Archived resources are never offered again; their past offers stay as they were."""
    resource.active = not archived
    resource.archived_at = utcnow() if archived else None
    resource.updated_at = utcnow()
    resource.updated_by_id = clinician.id if clinician else None


def _apply(resource: ClinicResource, form: ResourceForm) -> None:
    resource.name = form.name
    resource.kind = form.kind
    resource.description = form.description
    resource.when_text = form.when_text
    resource.where_text = form.where_text
    resource.how_to_join = form.how_to_join
    resource.contact = form.contact
    resource.tags = list(form.tags)


def offer_counts(session: Session) -> dict[int, tuple[int, int, int]]:
    """Per resource: offers made, interested, taken up (for the clinic's list)."""
    counts: dict[int, list[int]] = {}
    for resource_id, response, taken_up_at in session.execute(
        select(ResourceOffer.resource_id, ResourceOffer.response, ResourceOffer.taken_up_at)
    ):
        row = counts.setdefault(resource_id, [0, 0, 0])
        row[0] += 1
        row[1] += response == "interested"
        row[2] += taken_up_at is not None
    return {key: (a, b, c) for key, (a, b, c) in counts.items()}


@dataclass(frozen=True)
class OfferRow:
    """One offer as the patient page shows it."""

    id: int
    resource_name: str
    resource_kind: str
    resource_active: bool
    context: str
    offered_at: datetime
    response: str
    responded_at: datetime | None
    taken_up_at: datetime | None


CONTEXT_LABELS = {
    "problem_solving": "problem solving (other resources)",
    "distress": "after a distress screen",
    "checkin": "at a check-in",
    "asked": "they asked",
}
RESPONSE_LABELS = {"interested": "interested", "declined": "not for them", "no_answer": "no answer"}


def patient_offers(session: Session, patient_id: int) -> list[OfferRow]:
    stmt = (
        select(ResourceOffer, ClinicResource)
        .join(ClinicResource, ClinicResource.id == ResourceOffer.resource_id)
        .where(ResourceOffer.patient_id == patient_id)
        .order_by(ResourceOffer.offered_at.desc(), ResourceOffer.id.desc())
    )
    return [
        OfferRow(
            offer.id,
            resource.name,
            rules.KINDS.get(resource.kind, resource.kind),
            resource.active,
            offer.context,
            offer.offered_at,
            offer.response,
            offer.responded_at,
            offer.taken_up_at,
        )
        for offer, resource in session.execute(stmt)
    ]


# --- offers in conversation ------------------------------------------------------------------------


@dataclass(frozen=True)
class OfferView:
    id: int
    resource: ResourceInfo


@dataclass(frozen=True)
class OfferResult:
    """status: offered | shown (not stored: no consent) | none_listed (nothing active) | no_match."""

    status: str
    offers: tuple[OfferView, ...] = ()


def info(resource: ClinicResource) -> ResourceInfo:
    return ResourceInfo(
        id=resource.id,
        name=resource.name,
        kind=resource.kind,
        tags=tuple(resource.tags or ()),
        description=resource.description or "",
        when=resource.when_text or "",
        where=resource.where_text or "",
        how_to_join=resource.how_to_join or "",
        contact=resource.contact or "",
        active=bool(resource.active),
    )


def _history(session: Session, patient_id: int) -> list[PastOffer]:
    stmt = select(ResourceOffer).where(ResourceOffer.patient_id == patient_id)
    return [
        PastOffer(o.resource_id, o.offered_at, o.response, o.context)
        for o in session.execute(stmt).scalars()
    ]


def offer(
    conversation_id: str, need: Need, ref_id: int | None = None, now: datetime | None = None
) -> OfferResult:
    """Match the clinic's active resources to `need` and record the offers made (at most two)."""
    now = now or utcnow()
    with session_scope() as session:
        patient = repo.find_patient(session, conversation_id)
        active = [info(r) for r in list_resources(session, include_archived=False)]
        if not active:
            return OfferResult("none_listed")
        consented = repo.has_consented(patient)
        chosen = rules.rank(active, need, _history(session, patient.id) if consented else [], now)
        if not chosen:
            return OfferResult("no_match")
        if not consented:  # the clinic's list is public; nothing about this person is stored
            return OfferResult("shown", tuple(OfferView(0, resource) for resource in chosen))
        views = []
        for resource in chosen:
            row = ResourceOffer(
                patient_id=patient.id,
                resource_id=resource.id,
                context=need.context,
                ref_id=ref_id,
                offered_at=now,
                response="no_answer",
            )
            session.add(row)
            session.flush()
            views.append(OfferView(row.id, resource))
        return OfferResult("offered", tuple(views))


def preview(conversation_id: str, need: Need, now: datetime | None = None) -> list[ResourceInfo]:
    """What `offer` would show now, without recording anything (to decide whether to offer)."""
    now = now or utcnow()
    with session_scope() as session:
        patient = repo.find_patient(session, conversation_id)
        history = _history(session, patient.id) if repo.has_consented(patient) else []
        return rules.rank(
            [info(r) for r in list_resources(session, include_archived=False)], need, history, now
        )


def follow_up_due(conversation_id: str, now: datetime | None = None) -> OfferView | None:
    """An offer they were interested in a week or more ago and have not said they took up."""
    now = now or utcnow()
    with session_scope() as session:
        patient = repo.find_patient(session, conversation_id)
        if not repo.has_consented(patient):
            return None
        rows = (
            session.execute(
                select(ResourceOffer).where(
                    ResourceOffer.patient_id == patient.id,
                    ResourceOffer.response == "interested",
                    ResourceOffer.responded_at.is_not(None),
                )
            )
            .scalars()
            .all()
        )
        chosen = rules.offer_to_follow_up(
            [
                rules.InterestedOffer(
                    r.id, r.responded_at, r.taken_up_at is not None, r.followed_up_at is not None
                )
                for r in rows
                if r.resource.active
            ],
            now,
        )
        row = session.get(ResourceOffer, chosen) if chosen else None
        return OfferView(row.id, info(row.resource)) if row else None


def mark_followed_up(conversation_id: str, offer_id: int, now: datetime | None = None) -> None:
    with session_scope() as session:
        row = _own_offer(session, conversation_id, offer_id)
        if row is not None:
            row.followed_up_at = now or utcnow()


def checkin_offer_due(conversation_id: str, now: datetime | None = None) -> bool:
    """Time to bring resources up at this check-in (about every four weeks; see coaching.resources)."""
    now = now or utcnow()
    with session_scope() as session:
        patient = repo.find_patient(session, conversation_id)
        if not repo.has_consented(patient):
            return False
        return rules.checkin_offer_due(_history(session, patient.id), now)


def checkin_need(conversation_id: str) -> Need:
    """Their active values and current plans, for matching at a check-in."""
    with session_scope() as session:
        patient = repo.find_patient(session, conversation_id)
        if patient is None:
            return rules.need_for_checkin([], [])
        values = (
            session.execute(
                select(PatientValue.text).where(
                    PatientValue.patient_id == patient.id, PatientValue.active.is_(True)
                )
            )
            .scalars()
            .all()
        )
        plans = (
            session.execute(
                select(ActionPlan).where(ActionPlan.patient_id == patient.id, ActionPlan.status == "active")
            )
            .scalars()
            .all()
        )
        return rules.need_for_checkin(
            list(values), [" ".join(filter(None, (p.what, p.when_text))) for p in plans]
        )


def recent_offers(conversation_id: str, now: datetime | None = None) -> list[OfferView]:
    """Their latest offer of each resource in the last 90 days that they did not decline, newest
    first: what "I joined the walking group" can refer to when no offer is open."""
    now = now or utcnow()
    with session_scope() as session:
        patient = repo.find_patient(session, conversation_id)
        if not repo.has_consented(patient):
            return []
        rows = session.execute(
            select(ResourceOffer)
            .where(ResourceOffer.patient_id == patient.id)
            .order_by(ResourceOffer.offered_at.desc(), ResourceOffer.id.desc())
        ).scalars()
        latest: dict[int, OfferView] = {}
        for row in rows:
            if row.resource_id in latest or now - row.offered_at > rules.DECLINE_QUIET:
                continue
            if row.response != "declined":
                latest[row.resource_id] = OfferView(row.id, info(row.resource))
            else:
                latest[row.resource_id] = None  # type: ignore[assignment] - declined: not a candidate
        return [view for view in latest.values() if view is not None]


def get_offer(conversation_id: str, offer_id: int) -> OfferView | None:
    with session_scope() as session:
        row = _own_offer(session, conversation_id, offer_id)
        return OfferView(row.id, info(row.resource)) if row else None


def _own_offer(session: Session, conversation_id: str, offer_id: int) -> ResourceOffer | None:
    patient = repo.find_patient(session, conversation_id)
    row = session.get(ResourceOffer, offer_id) if patient else None
    return row if row is not None and row.patient_id == patient.id else None


def record_response(conversation_id: str, offer_id: int, answer: str, now: datetime | None = None) -> bool:
    """interested | declined | taken_up ("I'll go", "I've joined": interested and taken up)."""
    if answer not in ("interested", "declined", "taken_up"):
        raise ValueError(f"unknown answer {answer!r}")
    now = now or utcnow()
    with session_scope() as session:
        row = _own_offer(session, conversation_id, offer_id)
        if row is None:
            return False
        row.responded_at = now
        if answer == "declined":
            row.response = "declined"
            row.taken_up_at = None
        else:
            row.response = "interested"
            if answer == "taken_up" and row.taken_up_at is None:
                row.taken_up_at = now
        return True
