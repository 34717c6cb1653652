"""`pacer clinician add|assign|invite` against a real migrated database."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from bot import cli
from bot.services import goals
from bot.store.db import session_scope
from bot.store.models import ChannelIdentity, Clinician, InvitationCode, PatientAssignment
from bot.web import auth

pytestmark = pytest.mark.usefixtures("database_url")


def test_add_assign_and_invite(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    monkeypatch.setenv("PACER_NEW_PASSWORD", "a long enough password")
    assert cli.main(["clinician", "add", "Admin@Clinic.test", "--name", "Dr Admin", "--role", "admin"]) == 0
    assert cli.main(["clinician", "add", "admin@clinic.test", "--name", "Again"]) == 1  # one per email
    monkeypatch.setenv("PACER_NEW_PASSWORD", "short")
    assert cli.main(["clinician", "add", "b@clinic.test", "--name", "Dr B"]) == 1
    with session_scope() as session:
        [clinician] = session.execute(select(Clinician)).scalars()
        assert (clinician.email, clinician.role) == ("admin@clinic.test", "admin")
        assert clinician.password_hash.startswith("$argon2id$")
    assert auth.authenticate("ADMIN@clinic.test ", "a long enough password") is not None
    assert auth.authenticate("admin@clinic.test", "wrong password") is None

    goals.record_consent("cli-conv", "given", name="Ana")
    with session_scope() as session:
        patient_id = session.execute(select(ChannelIdentity.patient_id)).scalar_one()
    assert cli.main(["clinician", "assign", "admin@clinic.test", str(patient_id)]) == 0
    assert cli.main(["clinician", "assign", "admin@clinic.test", str(patient_id)]) == 0  # idempotent
    assert cli.main(["clinician", "assign", "nobody@clinic.test", str(patient_id)]) == 1
    assert cli.main(["clinician", "assign", "admin@clinic.test", "9999"]) == 1
    capsys.readouterr()
    assert cli.main(["clinician", "invite", "admin@clinic.test"]) == 0
    code = re.search(r"code (\w{8})", capsys.readouterr().out).group(1)
    with session_scope() as session:
        assert session.execute(select(PatientAssignment)).scalars().all()[0].patient_id == patient_id
        assert session.execute(select(InvitationCode.code)).scalar_one() == code
