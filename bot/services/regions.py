"""Which region's crisis contacts a patient gets (data/safety/crisis_contacts.yml).

One place decides, for the safety replies, the dashboard and the export. In order:
1. what the patient told Pacer: a place ("I'm in Perth") or a check-in time zone they chose
   ("Perth time please", a zone button), stored on the patient with its source;
2. their phone number's country (SMS channel; +1 is told apart by area code);
3. the clinic's region (clinic.yml `region`).
No Rasa imports.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from bot.clinic import ClinicConfig, load_clinic
from bot.coaching.places import region_for_zone
from bot.safety.contacts import normalise_region, region_from_phone, supported_regions
from bot.store import repository as repo
from bot.store.db import session_scope
from bot.store.models import Patient

SAID = "said"  # they named a place or country
TIMEZONE = "timezone"  # from the time zone they chose for check-ins
PHONE = "phone"
CLINIC = "clinic"
SOURCE_LABELS = {
    SAID: "from what they said",
    TIMEZONE: "from their check-in time zone",
    PHONE: "from their phone number",
    CLINIC: "clinic default",
}


@dataclass(frozen=True)
class PatientRegion:
    code: str  # a region of crisis_contacts.yml: NZ, AU, GB, IE, US, CA
    source: str  # said | timezone | phone | clinic

    @property
    def label(self) -> str:
        return f"{self.code} ({SOURCE_LABELS[self.source]})"


def region_of(patient: Patient | None, clinic: ClinicConfig | None = None) -> PatientRegion:
    """The region for a loaded patient (None: a stranger gets the clinic's)."""
    clinic = clinic or load_clinic()
    supported = set(supported_regions())
    if patient is not None:
        chosen = normalise_region(patient.region)
        if chosen in supported:
            return PatientRegion(chosen, patient.region_source or SAID)
        from_phone = region_from_phone(patient.phone_number)
        if from_phone in supported:
            return PatientRegion(from_phone, PHONE)
    default = normalise_region(clinic.region)
    return PatientRegion(default if default in supported else "NZ", CLINIC)


def region_for(conversation_id: str, clinic: ClinicConfig | None = None) -> str:
    """The crisis-contact region code for a conversation: the one function the safety
    replies call (with `bot.safety.contacts.contacts_for`)."""
    with session_scope() as session:
        found = region_of(repo.find_patient(session, conversation_id), clinic)
    if found.source == CLINIC:  # SMS: the conversation id is the sender's E.164 number
        from_number = region_from_phone(conversation_id)
        if from_number in supported_regions():
            return from_number
    return found.code


def set_region(session: Session, patient: Patient, region: str | None, source: str) -> bool:
    """Store a region the patient gave (directly or through a time zone). Regions without
    crisis contacts on file are not stored: the phone or clinic default then applies."""
    code = normalise_region(region)
    if code not in supported_regions():
        return False
    patient.region, patient.region_source = code, source
    return True


def set_region_from_zone(session: Session, patient: Patient, zone: str | None) -> bool:
    """A check-in time zone the patient chose also says where they are."""
    return set_region(session, patient, region_for_zone(zone), TIMEZONE)


def note_region_said(conversation_id: str, region: str) -> bool:
    """ "I'm in Australia": a country without a single zone still picks the contacts."""
    with session_scope() as session:
        patient = repo.find_patient(session, conversation_id)
        if not repo.has_consented(patient):
            return False
        return set_region(session, patient, region, SAID)
