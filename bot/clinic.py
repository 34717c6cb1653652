"""The clinic that runs this Pacer: who it is, how people reach it, where alerts go.

Settings come from a YAML file (see `clinic.example.yml`) and a few environment
variables that override it, so that a container can be configured without a file:

    PACER_CLINIC_FILE      path of the YAML file (default: <project>/clinic.yml if present)
    PACER_CLINIC_NAME      name
    PACER_CLINIC_PHONE     phone
    PACER_CLINIC_REGION    region
    PACER_ALERT_EMAIL      alert_email
    PACER_ALERT_WEBHOOK    alert_webhook_url
    PACER_PUBLIC_URL       public_url
    PACER_RETENTION_DAYS   retention_days

An empty environment variable counts as unset.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from dotenv import load_dotenv

from bot.config import ENV_FILE, PROJECT_ROOT

SUPPORTED_REGIONS = ("NZ", "AU", "GB", "IE", "US", "CA")
REGION_ALIASES = {"UK": "GB"}

DEFAULT_NAME = "Pacer demo clinic"
DEFAULT_REGION = "NZ"
DEFAULT_TIMEZONE = "Pacific/Auckland"
DEFAULT_PUBLIC_URL = "http://localhost:8000"
DEFAULT_BRAND_COLOUR = "#0f5e9c"
DEFAULT_BRAND_TEXT_COLOUR = "#ffffff"
# WCAG 2.2 AA: 4.5:1 for text (white on the brand colour, the brand colour on the page).
MIN_TEXT_CONTRAST = 4.5
PAGE_BACKGROUND = "#ffffff"
LOGO_TYPES = {".png": "image/png", ".svg": "image/svg+xml", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
              ".webp": "image/webp"}
HEX_COLOUR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")

ENV_OVERRIDES = {
    "PACER_CLINIC_NAME": "name",
    "PACER_CLINIC_PHONE": "phone",
    "PACER_CLINIC_REGION": "region",
    "PACER_ALERT_EMAIL": "alert_email",
    "PACER_ALERT_WEBHOOK": "alert_webhook_url",
    "PACER_PUBLIC_URL": "public_url",
    "PACER_RETENTION_DAYS": "retention_days",
}


@dataclass(frozen=True)
class ClinicConfig:
    name: str = DEFAULT_NAME
    phone: str | None = None
    hours: str | None = None  # e.g. "Mon-Fri 8:30am-5pm"
    on_call: str | None = None  # after-hours contact, text or number
    region: str = DEFAULT_REGION  # default crisis-contact region
    timezone: str = DEFAULT_TIMEZONE  # IANA name
    alert_email: str | None = None  # one address, or several separated by commas
    alert_webhook_url: str | None = None
    public_url: str = DEFAULT_PUBLIC_URL  # base URL of the clinician dashboard
    retention_days: int | None = None  # erasure requests are held this long when set
    logo: str | None = None  # path of a PNG, SVG, JPEG or WebP file shown on the chat page
    brand_colour: str = DEFAULT_BRAND_COLOUR  # buttons, links, the patient's bubbles
    brand_text_colour: str = DEFAULT_BRAND_TEXT_COLOUR  # text on brand_colour

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def alerts_configured(self) -> bool:
        return bool(self.alert_email or self.alert_webhook_url)


FIELD_NAMES = tuple(f.name for f in fields(ClinicConfig))


def _clean_text(value: Any, field: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise ValueError(f"clinic setting {field!r} must be text, not {type(value).__name__}")
    text = str(value).strip()
    return text or None


def _check_url(value: str | None, field: str) -> str | None:
    if value is None:
        return None
    if not value.lower().startswith(("http://", "https://")) or len(value) <= len("https://"):
        raise ValueError(f"clinic setting {field!r} must be an http:// or https:// URL, got {value!r}")
    return value


def _check_email(value: str | None) -> str | None:
    if value is None:
        return None
    addresses = [part.strip() for part in value.split(",") if part.strip()]
    for address in addresses:
        local, _, domain = address.partition("@")
        if not local or not domain or " " in address:
            raise ValueError(f"clinic setting 'alert_email' is not an email address: {address!r}")
    return ", ".join(addresses) or None


def _check_region(value: str | None) -> str:
    region = (value or DEFAULT_REGION).strip().upper()
    region = REGION_ALIASES.get(region, region)
    if region not in SUPPORTED_REGIONS:
        raise ValueError(
            f"clinic setting 'region' must be one of {', '.join(SUPPORTED_REGIONS)}; got {value!r}"
        )
    return region


def _check_timezone(value: str | None) -> str:
    name = value or DEFAULT_TIMEZONE
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(
            f"clinic setting 'timezone' must be an IANA time zone such as 'Pacific/Auckland'; got {name!r}"
        ) from exc
    return name


def _check_retention(value: Any) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValueError("clinic setting 'retention_days' must be a whole number of days")
    try:
        days = int(str(value).strip())
    except ValueError as exc:
        raise ValueError(
            f"clinic setting 'retention_days' must be a whole number of days; got {value!r}"
        ) from exc
    if days < 0:
        raise ValueError(f"clinic setting 'retention_days' cannot be negative; got {days}")
    return days


def _hex(value: str) -> str:
    if len(value) == 4:
        value = "#" + "".join(ch * 2 for ch in value[1:])
    return value.lower()


def relative_luminance(colour: str) -> float:
    """WCAG 2.x relative luminance of a #rgb or #rrggbb colour."""
    colour = _hex(colour)
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float:
    """WCAG contrast ratio between two colours (1 to 21)."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _check_colours(brand: str | None, ink: str | None) -> tuple[str, str]:
    """The brand colours, refused unless text on them and on the page stays readable."""
    brand = brand or DEFAULT_BRAND_COLOUR
    ink = ink or DEFAULT_BRAND_TEXT_COLOUR
    for field, value in (("brand_colour", brand), ("brand_text_colour", ink)):
        if not HEX_COLOUR.match(value):
            raise ValueError(f"clinic setting {field!r} must be a colour like '#0f5e9c'; got {value!r}")
    brand, ink = _hex(brand), _hex(ink)
    for what, pair in (("brand_text_colour on brand_colour", (ink, brand)),
                       ("brand_colour on the white page", (brand, PAGE_BACKGROUND))):
        ratio = contrast_ratio(*pair)
        if ratio < MIN_TEXT_CONTRAST:
            raise ValueError(
                f"clinic colours fail WCAG AA: {what} has contrast {ratio:.2f}:1, "
                f"at least {MIN_TEXT_CONTRAST}:1 is needed; choose a darker brand_colour"
            )
    return brand, ink


def _check_logo(value: str | None, base: Path | None) -> str | None:
    """An existing image file; a relative path is read from the clinic file's folder."""
    if value is None:
        return None
    path = Path(value)
    if not path.is_absolute():
        path = (base or PROJECT_ROOT) / path
    if path.suffix.lower() not in LOGO_TYPES:
        raise ValueError(f"clinic setting 'logo' must be a {', '.join(LOGO_TYPES)} file; got {value!r}")
    if not path.is_file():
        raise ValueError(f"clinic setting 'logo': file not found: {path}")
    return str(path)


def build_clinic(raw: dict[str, Any], base: Path | None = None) -> ClinicConfig:
    """Validate raw settings (YAML plus overrides) into a `ClinicConfig`."""
    unknown = sorted(set(raw) - set(FIELD_NAMES))
    if unknown:
        raise ValueError(
            f"unknown clinic setting(s): {', '.join(unknown)}; expected some of {', '.join(FIELD_NAMES)}"
        )
    public_url = _check_url(_clean_text(raw.get("public_url"), "public_url"), "public_url")
    brand, ink = _check_colours(
        _clean_text(raw.get("brand_colour"), "brand_colour"),
        _clean_text(raw.get("brand_text_colour"), "brand_text_colour"),
    )
    return ClinicConfig(
        name=_clean_text(raw.get("name"), "name") or DEFAULT_NAME,
        phone=_clean_text(raw.get("phone"), "phone"),
        hours=_clean_text(raw.get("hours"), "hours"),
        on_call=_clean_text(raw.get("on_call"), "on_call"),
        region=_check_region(_clean_text(raw.get("region"), "region")),
        timezone=_check_timezone(_clean_text(raw.get("timezone"), "timezone")),
        alert_email=_check_email(_clean_text(raw.get("alert_email"), "alert_email")),
        alert_webhook_url=_check_url(
            _clean_text(raw.get("alert_webhook_url"), "alert_webhook_url"), "alert_webhook_url"
        ),
        public_url=(public_url or DEFAULT_PUBLIC_URL).rstrip("/"),
        retention_days=_check_retention(raw.get("retention_days")),
        logo=_check_logo(_clean_text(raw.get("logo"), "logo"), base),
        brand_colour=brand,
        brand_text_colour=ink,
    )


def _clinic_file(path: Path | None) -> Path | None:
    if path is not None:
        return Path(path)
    from_env = os.environ.get("PACER_CLINIC_FILE", "").strip()
    if from_env:
        return Path(from_env)
    default = PROJECT_ROOT / "clinic.yml"
    return default if default.exists() else None


def _read_yaml(path: Path) -> dict[str, Any]:
    if not path.exists():
        raise ValueError(f"clinic file not found: {path}")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ValueError(f"clinic file {path} is not valid YAML: {exc}") from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ValueError(f"clinic file {path} must be a mapping of settings, not {type(data).__name__}")
    return {str(key): value for key, value in data.items()}


def load_clinic(path: Path | None = None) -> ClinicConfig:
    """The clinic settings: `path`, else `PACER_CLINIC_FILE`, else `clinic.yml`, else
    defaults; non-empty `PACER_*` environment variables override the file."""
    load_dotenv(ENV_FILE, override=False)
    source = _clinic_file(path)
    raw = _read_yaml(source) if source is not None else {}
    for variable, field in ENV_OVERRIDES.items():
        value = os.environ.get(variable, "").strip()
        if value:
            raw[field] = value
    try:
        return build_clinic(raw, source.parent if source is not None else None)
    except ValueError as exc:
        where = f" (from {source} and the environment)" if source else " (from the environment)"
        raise ValueError(f"{exc}{where}") from None


def contact_line(clinic: ClinicConfig) -> str:
    """One plain sentence telling a person how to reach their clinic."""
    if clinic.phone:
        line = f"Your clinic, {clinic.name}, can be reached on {clinic.phone}"
        line += f" ({clinic.hours})." if clinic.hours else "."
    elif clinic.hours:
        line = f"Your clinic, {clinic.name}, is open {clinic.hours}."
    else:
        line = f"Your clinic is {clinic.name}."
    if clinic.on_call:
        line += f" After hours: {clinic.on_call.rstrip('.')}."
    return line


def default_timezone() -> str:
    """The clinic's zone: PACER_TIMEZONE, else clinic.yml's timezone."""
    return os.environ.get("PACER_TIMEZONE") or load_clinic().timezone
