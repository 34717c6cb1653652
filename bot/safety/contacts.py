"""Crisis contacts per region (data/safety/crisis_contacts.yml) and the region to use.

Region order (DESIGN.md): the patient's own choice, then their phone number's
country code, then the clinic default.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from bot.config import PROJECT_ROOT

CONTACTS_FILE = PROJECT_ROOT / "data" / "safety" / "crisis_contacts.yml"
# Country calling codes of the supported regions (E.164 prefixes).
CALLING_CODES = {"+64": "NZ", "+61": "AU", "+44": "GB", "+353": "IE", "+1": "US"}
REGION_ALIASES = {"UK": "GB"}


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


def region_from_phone(phone: str | None) -> str | None:
    if not phone:
        return None
    if phone.startswith("+1"):
        return None  # +1 is shared by the US and Canada: ask, or use the clinic default
    for prefix, code in sorted(CALLING_CODES.items(), key=lambda item: -len(item[0])):
        if phone.startswith(prefix):
            return code
    return None


def resolve_region(chosen: str | None, phone: str | None, clinic_default: str) -> str:
    regions = _load()
    for candidate in (chosen, region_from_phone(phone), clinic_default):
        code = REGION_ALIASES.get((candidate or "").upper(), (candidate or "").upper())
        if code in regions:
            return code
    return "NZ"


def contacts_for(region: str) -> RegionContacts:
    regions = _load()
    return regions.get(REGION_ALIASES.get(region.upper(), region.upper()), regions["NZ"])
