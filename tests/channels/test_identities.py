"""One patient, many channel identities (bot/services/identities.py), on a real migrated SQLite file."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from bot.channels import prompts
from bot.channels.render import Option
from bot.services import goals, identities, opt_out
from bot.store import repository as repo
from bot.store.db import session_scope
from bot.store.models import ChannelIdentity, LinkCode, Patient, utcnow

pytestmark = pytest.mark.usefixtures("database_url")

WEB = "0123456789abcdef0123456789abcdef"


def consented(conversation_id: str, name: str = "Mere", channel: str = "telegram") -> str:
    goals.record_consent(conversation_id, "given", channel, name=name)
    return conversation_id


def patient_id(conversation_id: str) -> int | None:
    with session_scope() as session:
        patient = repo.find_patient(session, conversation_id)
        return patient.id if patient else None


@pytest.mark.parametrize(
    ("raw", "region", "e164"),
    [("+64 21 123 4567", "NZ", "+64211234567"), ("021 123 4567", "NZ", "+64211234567"),
     ("(415) 555-2671", "US", "+14155552671"), ("07911 123456", "GB", "+447911123456"),
     ("12345", "NZ", None), ("not a number", "NZ", None)],
)
def test_phone_numbers_become_e164(raw: str, region: str, e164: str | None) -> None:
    assert identities.normalise_phone(raw, region) == e164


def test_codes_are_short_unambiguous_and_only_hashed_in_storage() -> None:
    consented("tg:100")
    issued = identities.issue_link_code("tg:100")
    assert issued is not None and len(issued.code) == 6
    assert set(issued.code) <= set(identities.CODE_ALPHABET)
    assert not set(issued.code) & set("01ILOU")
    with session_scope() as session:
        stored = session.execute(select(LinkCode.code_hash)).scalar_one()
    assert issued.code not in stored and len(stored) == 64


def test_strangers_get_no_code() -> None:
    assert identities.issue_link_code("tg:nobody") is None
    goals.record_consent("tg:refused", "refused")
    assert identities.issue_link_code("tg:refused") is None


def test_a_code_links_a_new_web_session_once() -> None:
    consented("tg:200", name="Mere")
    code = identities.issue_link_code("tg:200").code
    typed = f"{code[:3].lower()} - {code[3:]}"  # case, spaces and dashes do not matter
    result = identities.redeem_link_code(typed, WEB, "socketio")
    assert (result.status, result.name) == ("linked", "Mere")
    assert patient_id(WEB) == patient_id("tg:200")
    assert set(identities.conversation_ids_of(WEB)) == {WEB, "tg:200"}
    assert goals.get_state(WEB).name == "Mere"  # plans and details follow the patient
    again = identities.redeem_link_code(code, "ffffffffffffffffffffffffffffffff", "socketio")
    assert again.status == "expired" and patient_id("ffffffffffffffffffffffffffffffff") is None


def test_wrong_or_expired_codes_do_nothing() -> None:
    consented("tg:300")
    issued = identities.issue_link_code("tg:300")
    assert identities.redeem_link_code("ZZZZZZ", WEB, "socketio").status == "invalid"
    assert identities.redeem_link_code("hello", WEB, "socketio").status == "invalid"
    later = utcnow() + identities.CODE_TTL + timedelta(seconds=1)
    assert identities.redeem_link_code(issued.code, WEB, "socketio", now=later).status == "expired"
    assert patient_id(WEB) is None


def test_only_the_newest_code_works() -> None:
    consented("tg:350")
    first = identities.issue_link_code("tg:350").code
    second = identities.issue_link_code("tg:350").code
    assert identities.redeem_link_code(first, WEB, "socketio").status == "expired"
    assert identities.redeem_link_code(second, WEB, "socketio").status == "linked"


def test_a_conversation_of_another_consenting_patient_is_never_moved() -> None:
    consented("tg:400", name="Ana")
    consented("+64211234567", name="Bea", channel="sms")
    code = identities.issue_link_code("tg:400").code
    assert identities.redeem_link_code(code, "+64211234567", "sms").status == "conflict"
    assert patient_id("+64211234567") != patient_id("tg:400")


def test_a_strangers_row_is_taken_over() -> None:
    consented("tg:500", name="Ana")
    goals.record_consent(WEB, "refused", "socketio")  # a refusal row with no other data
    code = identities.issue_link_code("tg:500").code
    assert identities.redeem_link_code(code, WEB, "socketio").status == "linked"
    assert patient_id(WEB) == patient_id("tg:500")
    with session_scope() as session:
        # The refusal stays on record (its consent event), but owns no conversation any more.
        refused = session.execute(select(Patient).where(Patient.consent_status == "refused")).scalar_one()
        assert refused.identities == []
        assert session.execute(select(func.count()).select_from(ChannelIdentity)).scalar_one() == 2


def test_linking_the_same_conversation_again_is_harmless() -> None:
    consented("tg:600")
    code = identities.issue_link_code("tg:600").code
    assert identities.redeem_link_code(code, "tg:600", "telegram").status == "already_linked"


def test_checkins_go_to_the_chosen_conversation_else_the_last_used() -> None:
    consented("tg:700")
    code = identities.issue_link_code("tg:700").code
    identities.redeem_link_code(code, "+64211234567", "sms")
    pid = patient_id("tg:700")
    assert identities.checkin_destination(pid).conversation_id == "+64211234567"  # linked last
    identities.note_contact("tg:700", "telegram")
    assert identities.checkin_destination(pid) == identities.Destination("tg:700", "telegram")
    assert identities.prefer_for_checkins("+64211234567")
    identities.note_contact("tg:700", "telegram")
    assert identities.checkin_destination(pid) == identities.Destination("+64211234567", "sms")
    assert identities.checkin_destination(999) is None


def test_a_patient_chooses_a_linked_channel_for_checkins_by_name_or_here() -> None:
    consented("tg:710")
    pid = patient_id("tg:710")
    assert identities.choose_checkin_channel("tg:710", "sms") == identities.CheckinChoice("not_linked", "sms")
    code = identities.issue_link_code("tg:710").code
    identities.redeem_link_code(code, "+64217654321", "sms")
    identities.note_contact("tg:710", "telegram")  # Telegram used last...
    assert identities.choose_checkin_channel("tg:710", "sms") == identities.CheckinChoice("chosen", "sms")
    identities.note_contact("tg:710", "telegram")
    # ...but the choice holds
    assert identities.checkin_destination(pid) == identities.Destination("+64217654321", "sms")
    assert identities.choose_checkin_channel("tg:710", "web").status == "not_linked"
    assert identities.choose_checkin_channel("tg:710", None) == identities.CheckinChoice("chosen", "telegram")
    assert identities.checkin_destination(pid) == identities.Destination("tg:710", "telegram")
    assert identities.choose_checkin_channel("tg:799", None).status == "not_set_up"  # a stranger


def test_checkin_destinations_for_a_batch_in_one_call() -> None:
    consented("tg:720")
    consented(WEB, channel="socketio")
    code = identities.issue_link_code(WEB).code
    identities.redeem_link_code(code, "tg:721", "telegram")
    with session_scope() as session:
        # Never used since it was made: counts from when it was linked, like any other.
        session.execute(ChannelIdentity.__table__.update()
                        .where(ChannelIdentity.conversation_id == "tg:721").values(last_used_at=None))
        found = identities.checkin_destinations(session, [patient_id("tg:720"), patient_id(WEB), 999])
    assert found == {patient_id("tg:720"): identities.Destination("tg:720", "telegram"),
                     patient_id(WEB): identities.Destination("tg:721", "telegram")}


def test_note_contact_stores_the_phone_of_known_patients_only() -> None:
    assert identities.note_contact("+64219876543", "sms", "+64219876543") is False
    consented("+64219876543", channel="sms")
    assert identities.note_contact("+64219876543", "sms", "+64219876543") is True
    with session_scope() as session:
        assert repo.find_patient(session, "+64219876543").phone_number == "+64219876543"


def test_stop_stops_checkins_and_start_undoes_only_that_stop() -> None:
    consented("+64211111111", channel="sms")
    assert opt_out.stop_checkins("+64211111111", by=opt_out.SMS_STOP_REASON)
    assert opt_out.checkins_stopped("+64211111111")
    assert opt_out.resume_checkins_stopped_by("+64211111111", by="someone else") is False
    assert opt_out.checkins_stopped("+64211111111")
    assert opt_out.resume_checkins_stopped_by("+64211111111", by=opt_out.SMS_STOP_REASON)
    assert not opt_out.checkins_stopped("+64211111111")
    assert opt_out.stop_checkins("+64200000000", by="x") is False  # a stranger: nothing to stop


def test_sms_opt_outs_hold_for_strangers() -> None:
    assert not opt_out.sms_opted_out("+64212222222")
    opt_out.sms_opt_out("+64212222222", "STOP")
    opt_out.sms_opt_out("+64212222222", "STOP")  # twice is fine
    assert opt_out.sms_opted_out("+64212222222")
    assert opt_out.sms_opt_in("+64212222222") is True
    assert not opt_out.sms_opted_out("+64212222222")
    assert opt_out.sms_opt_in("+64212222222") is False


def test_last_options_are_remembered_per_conversation_and_go_stale() -> None:
    options = [Option("Yes", "/affirm"), Option("No", "/deny")]
    prompts.remember_options("+64213333333", options)
    assert prompts.last_options("+64213333333") == options
    assert prompts.last_options("+64214444444") == []
    assert prompts.last_options("+64213333333", now=utcnow() + prompts.PROMPT_TTL + timedelta(1)) == []
    prompts.remember_options("+64213333333", [])
    assert prompts.last_options("+64213333333") == []


def test_erasure_also_forgets_offered_options_but_keeps_the_sms_opt_out() -> None:
    from bot.services import privacy
    from bot.store.models import Erasure

    phone = consented("+64215555555", channel="sms")
    prompts.remember_options(phone, [Option("Yes", "/affirm")])
    opt_out.sms_opt_out(phone, "STOP")
    with session_scope() as session:
        session.add(Erasure(conversation_ids=phone, requested_at=utcnow(), due_at=utcnow()))
    privacy.sweep_erasures()
    assert patient_id(phone) is None
    assert prompts.last_options(phone) == []
    assert opt_out.sms_opted_out(phone)  # carriers require the opt-out to outlive the data


def test_stop_stops_the_checkin_schedule_and_start_restarts_it() -> None:
    from bot.services import checkins

    phone = consented("+64216666666", channel="sms")
    assert checkins.ensure_schedule(phone) is not None
    assert checkins.get_schedule(phone).status == "active"
    opt_out.stop_checkins(phone, by=opt_out.SMS_STOP_REASON)
    assert checkins.get_schedule(phone).status == "stopped"
    assert opt_out.resume_checkins_stopped_by(phone, by=opt_out.SMS_STOP_REASON)
    assert checkins.get_schedule(phone).status == "active"


def test_link_code_tries_are_limited_per_conversation_and_kept_in_the_database() -> None:
    code = identities.issue_link_code(consented("tg:900", "Aroha")).code
    for _ in range(5):
        assert identities.redeem_link_code("ZZZZZZ", WEB, "socketio").status == "invalid"
    assert identities.redeem_link_code(code, WEB, "socketio").status == "busy"  # even the right code
    other = "1" * 32
    assert identities.redeem_link_code(code, other, "socketio").status == "linked"  # nobody else is blocked


def test_link_code_tries_are_limited_per_client_address() -> None:
    code = identities.issue_link_code(consented("tg:901", "Hine")).code
    for index in range(5):
        session = f"{index:032x}"
        tried = identities.redeem_link_code("ZZZZZZ", session, "socketio", address="198.51.100.7")
        assert tried.status == "invalid"
    fresh = "e" * 32
    assert identities.redeem_link_code(code, fresh, "socketio", address="198.51.100.7").status == "busy"
    assert identities.redeem_link_code(code, fresh, "socketio", address="198.51.100.8").status == "linked"


def test_a_code_refused_again_and_again_is_locked() -> None:
    code = identities.issue_link_code(consented("tg:902", "Ari")).code
    for index in range(3):  # each from a conversation that belongs to someone else
        owner = consented(f"tg:91{index}", "Someone")
        assert identities.redeem_link_code(code, owner, "telegram").status == "conflict"
    assert identities.redeem_link_code(code, "f" * 32, "socketio").status == "expired"
