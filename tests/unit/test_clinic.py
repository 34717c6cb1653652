"""Tests for bot.clinic: clinic settings from YAML and the environment."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot import clinic as clinic_module
from bot.clinic import ENV_OVERRIDES, ClinicConfig, contact_line, load_clinic

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No clinic.yml, .env or PACER_* variables from the machine running the tests."""
    for variable in (*ENV_OVERRIDES, "PACER_CLINIC_FILE"):
        monkeypatch.delenv(variable, raising=False)
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setattr(clinic_module, "PROJECT_ROOT", home)
    monkeypatch.setattr(clinic_module, "ENV_FILE", home / ".env")
    return home


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# ----------------------------------------------------------------- loading


def test_defaults_without_any_file() -> None:
    clinic = load_clinic()
    assert clinic == ClinicConfig()
    assert clinic.name == "Pacer demo clinic"
    assert clinic.region == "NZ"
    assert clinic.timezone == "Pacific/Auckland"
    assert clinic.public_url == "http://localhost:8000"
    assert clinic.phone is None and clinic.hours is None and clinic.on_call is None
    assert clinic.alert_email is None and clinic.alert_webhook_url is None
    assert clinic.retention_days is None
    assert not clinic.alerts_configured
    assert str(clinic.zone) == "Pacific/Auckland"


def test_yaml_file_given_as_path(tmp_path: Path) -> None:
    path = write(
        tmp_path / "clinic.yml",
        """
name: Harbour Physio
phone: "09 123 4567"
hours: Mon-Fri 8:30am-5pm
on_call: "021 555 0123"
region: au
timezone: Australia/Sydney
alert_email: alerts@harbour.example
alert_webhook_url: https://hooks.harbour.example/pacer
public_url: https://pacer.harbour.example/
retention_days: 3650
""",
    )
    clinic = load_clinic(path)
    assert clinic == ClinicConfig(
        name="Harbour Physio",
        phone="09 123 4567",
        hours="Mon-Fri 8:30am-5pm",
        on_call="021 555 0123",
        region="AU",
        timezone="Australia/Sydney",
        alert_email="alerts@harbour.example",
        alert_webhook_url="https://hooks.harbour.example/pacer",
        public_url="https://pacer.harbour.example",  # trailing slash dropped
        retention_days=3650,
    )
    assert clinic.alerts_configured


def test_file_from_env_variable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "elsewhere.yml", "name: From Env File\n")
    monkeypatch.setenv("PACER_CLINIC_FILE", str(path))
    assert load_clinic().name == "From Env File"


def test_project_clinic_yml_is_used_when_present(isolated: Path) -> None:
    write(isolated / "clinic.yml", "name: Project Clinic\nregion: GB\n")
    clinic = load_clinic()
    assert (clinic.name, clinic.region) == ("Project Clinic", "GB")


def test_empty_yaml_file_gives_defaults(tmp_path: Path) -> None:
    assert load_clinic(write(tmp_path / "clinic.yml", "# nothing yet\n")) == ClinicConfig()


def test_env_overrides_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(
        tmp_path / "clinic.yml",
        "name: File Clinic\nphone: '111'\nregion: NZ\npublic_url: http://file.example\nhours: 9-5\n",
    )
    monkeypatch.setenv("PACER_CLINIC_NAME", "Env Clinic")
    monkeypatch.setenv("PACER_CLINIC_PHONE", "0800 222 333")
    monkeypatch.setenv("PACER_CLINIC_REGION", "ie")
    monkeypatch.setenv("PACER_ALERT_EMAIL", "a@clinic.example, b@clinic.example")
    monkeypatch.setenv("PACER_ALERT_WEBHOOK", "http://127.0.0.1:9/hook")
    monkeypatch.setenv("PACER_PUBLIC_URL", "https://dash.example")
    monkeypatch.setenv("PACER_RETENTION_DAYS", "30")
    clinic = load_clinic(path)
    assert clinic.name == "Env Clinic"
    assert clinic.phone == "0800 222 333"
    assert clinic.region == "IE"
    assert clinic.alert_email == "a@clinic.example, b@clinic.example"
    assert clinic.alert_webhook_url == "http://127.0.0.1:9/hook"
    assert clinic.public_url == "https://dash.example"
    assert clinic.retention_days == 30
    assert clinic.hours == "9-5"  # not overridden: still from the file


def test_empty_env_variable_does_not_override(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "clinic.yml", "name: File Clinic\n")
    monkeypatch.setenv("PACER_CLINIC_NAME", "  ")
    assert load_clinic(path).name == "File Clinic"


def test_uk_is_accepted_as_gb(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PACER_CLINIC_REGION", "UK")
    assert load_clinic().region == "GB"


def test_example_file_is_valid_and_documents_every_field() -> None:
    example = REPO_ROOT / "clinic.example.yml"
    clinic = load_clinic(example)
    assert clinic.name == "Pacer demo clinic"
    text = example.read_text(encoding="utf-8")
    for field in ClinicConfig.__dataclass_fields__:
        assert f"{field}:" in text, f"{field} is not documented in clinic.example.yml"
    # every field, uncommented, is still a valid file
    uncommented = text.replace("# alert_webhook_url:", "alert_webhook_url:").replace(
        "# retention_days:", "retention_days:"
    ).replace("# logo:", "logo:")
    full = yaml.safe_load(uncommented)
    assert set(full) == set(ClinicConfig.__dataclass_fields__)


# ----------------------------------------------------------------- validation


@pytest.mark.parametrize(
    ("yaml_text", "message"),
    [
        ("region: FR\n", "region"),
        ("region: New Zealand\n", "NZ, AU, GB, IE, US, CA"),
        ("timezone: Mars/Olympus_Mons\n", "timezone"),
        ("timezone: NZST+12\n", "IANA"),
        ("public_url: localhost:8000\n", "public_url"),
        ("public_url: ftp://files.example\n", "http"),
        ("alert_webhook_url: hooks.example/pacer\n", "alert_webhook_url"),
        ("alert_email: not-an-address\n", "alert_email"),
        ("retention_days: forever\n", "retention_days"),
        ("retention_days: -1\n", "negative"),
        ("nmae: Typo Clinic\n", "unknown clinic setting"),
        ("- just\n- a list\n", "mapping"),
        ("name: [unclosed\n", "YAML"),
    ],
)
def test_invalid_settings_raise_clear_errors(tmp_path: Path, yaml_text: str, message: str) -> None:
    path = write(tmp_path / "clinic.yml", yaml_text)
    with pytest.raises(ValueError, match=message):
        load_clinic(path)


def test_invalid_region_from_env_names_the_supported_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PACER_CLINIC_REGION", "DE")
    with pytest.raises(ValueError) as info:
        load_clinic()
    assert "'DE'" in str(info.value)
    assert "NZ, AU, GB, IE, US, CA" in str(info.value)


def test_invalid_url_from_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PACER_ALERT_WEBHOOK", "127.0.0.1:9/hook")
    with pytest.raises(ValueError, match="alert_webhook_url"):
        load_clinic()


def test_missing_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="not found"):
        load_clinic(tmp_path / "nope.yml")


# ----------------------------------------------------------------- contact_line


def test_contact_line_with_everything() -> None:
    clinic = ClinicConfig(
        name="Pacer demo clinic",
        phone="09 123 4567",
        hours="Mon-Fri 8:30am-5pm",
        on_call="021 555 0123",
    )
    assert contact_line(clinic) == (
        "Your clinic, Pacer demo clinic, can be reached on 09 123 4567 (Mon-Fri 8:30am-5pm). "
        "After hours: 021 555 0123."
    )


@pytest.mark.parametrize(
    ("phone", "hours", "on_call", "expected"),
    [
        (None, None, None, "Your clinic is Pacer demo clinic."),
        ("09 123 4567", None, None, "Your clinic, Pacer demo clinic, can be reached on 09 123 4567."),
        (None, "Mon-Fri 9-5", None, "Your clinic, Pacer demo clinic, is open Mon-Fri 9-5."),
        (
            None,
            None,
            "call the on-call nurse.",
            "Your clinic is Pacer demo clinic. After hours: call the on-call nurse.",
        ),
    ],
)
def test_contact_line_omits_missing_parts(
    phone: str | None, hours: str | None, on_call: str | None, expected: str
) -> None:
    clinic = ClinicConfig(phone=phone, hours=hours, on_call=on_call)
    assert contact_line(clinic) == expected
