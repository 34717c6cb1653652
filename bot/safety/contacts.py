"""Crisis contacts per region (data/safety/crisis_contacts.yml) and the region to use.

Region order (DESIGN.md): the patient's own choice, then their phone number's
country code, then the clinic default. `bot.services.regions.region_for` applies it to a
patient.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import phonenumbers
import yaml

from bot.config import PROJECT_ROOT

CONTACTS_FILE = PROJECT_ROOT / "data" / "safety" / "crisis_contacts.yml"
# Crown dependencies share the UK's crisis lines (Samaritans: 116 123) and 999.
REGION_ALIASES = {"UK": "GB", "GG": "GB", "JE": "GB", "IM": "GB"}


@dataclass(frozen=True)
class Contact:
    name: str
    phone: str | None
    text: str | None
    hours: str | None
    kind: str


@dataclass(frozen=True)
class RegionContacts:
    code: str
    name: str
    emergency: str
    contacts: list[Contact]

    def crisis_lines(self, limit: int = 2) -> list[str]:
        lines = []
        for contact in [c for c in self.contacts if c.kind == "crisis"][:limit]:
            ways = []
            if contact.phone:
                ways.append(f"call {contact.phone}")
            if contact.text:
                ways.append(f"text {contact.text}")
            hours = f" ({contact.hours})" if contact.hours else ""
            lines.append(f"{contact.name}: {' or '.join(ways)}{hours}")
        return lines

    def medical_advice(self) -> str | None:
        for contact in self.contacts:
            if contact.kind == "medical_advice" and contact.phone:
                return f"{contact.name} on {contact.phone}"
        return None


@lru_cache(maxsize=1)
def _load(path: Path = CONTACTS_FILE) -> dict[str, RegionContacts]:
    data = yaml.safe_load(path.read_text())
    regions = {}
    for code, entry in data["regions"].items():
        regions[code] = RegionContacts(
            code=code,
            name=entry["name"],
            emergency=str(entry["emergency"]),
            contacts=[
                Contact(
                    name=c["name"],
                    phone=str(c["phone"]) if c.get("phone") else None,
                    text=str(c["text"]) if c.get("text") else None,
                    hours=c.get("hours"),
                    kind=c.get("type", "crisis"),
                )
                for c in entry.get("contacts", [])
            ],
        )
    return regions


def supported_regions() -> list[str]:
    return sorted(_load())


def normalise_region(region: str | None) -> str:
    """ "uk" -> "GB"; "" for nothing."""
    code = (region or "").strip().upper()
    return REGION_ALIASES.get(code, code)


def region_from_phone(phone: str | None) -> str | None:
    """The country of an E.164 number (phonenumbers; +1 numbers by area code: US or CA)."""
    if not phone or not phone.strip().startswith("+"):
        return None
    try:
        number = phonenumbers.parse(phone.strip(), None)
    except phonenumbers.NumberParseException:
        return None
    return normalise_region(phonenumbers.region_code_for_number(number)) or None


def resolve_region(chosen: str | None, phone: str | None, clinic_default: str) -> str:
    regions = _load()
    for candidate in (chosen, region_from_phone(phone), clinic_default):
        code = normalise_region(candidate)
        if code in regions:
            return code
    return "NZ"


def contacts_for(region: str) -> RegionContacts:
    regions = _load()
    return regions.get(normalise_region(region), regions["NZ"])
