"""The clinic overview against a clinic counted by hand (tests/web/clinic_fixture.py).

Every expected number below is written out, with the arithmetic in a comment, from the
fixture's table; none is computed by the code under test. The service is checked
directly (fixed clock), the page and the CSV through a real `pacer web` process.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from datetime import date, datetime

import pytest
from sqlalchemy import select

from bot.services import clinic_overview as ov
from bot.store.db import session_scope
from bot.store.models import AuditLog, Clinician
from bot.web import auth
from tests.web.clinic_fixture import PASSWORD, PERIOD, ZONE, ClinicWorld, local, seed_clinic
from tests.web.server import Browserish, WebServer

LATER = datetime(2026, 3, 1, tzinfo=ZONE)  # the whole period has happened
FIGURE_RE = re.compile(r'data-figure="([^"]*)" data-value="([^"]*)"')
JANUARY = "period=custom&from=2026-01-05&to=2026-02-01"


@pytest.fixture(scope="module")
def server(web_db: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebServer]:
    """The web app with the clinic's zone set explicitly (the fixture's times are in it)."""
    workdir = tmp_path_factory.mktemp("overview")
    clinic_file = workdir / "clinic.yml"
    clinic_file.write_text("name: Overview Test Clinic\ntimezone: Pacific/Auckland\n")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PACER_CLINIC_FILE", str(clinic_file))
        running = WebServer(web_db, workdir)
        yield running
        running.stop()


@pytest.fixture(scope="module")
def world(server: WebServer) -> ClinicWorld:
    return seed_clinic("hand")


def overview_for(viewer_id: int, clinician_filter: int | None = None, period: tuple[date, date] = PERIOD,
                 now: datetime = LATER) -> ov.Overview:
    with session_scope() as session:
        viewer = session.get(Clinician, viewer_id)
        return ov.clinic_overview(session, ov.scope_for(viewer, clinician_filter),
                                  ov.Period(*period, ZONE), now=now)


def by_key(overview: ov.Overview) -> dict[str, str]:
    return {figure.key: figure.text for figure in ov.figures(overview)}


# --- the service, whole clinic ------------------------------------------------------------------------


def test_whole_clinic_engagement_per_week(world: ClinicWorld) -> None:
    result = overview_for(world.lead_id)
    # Consenting now: P1-P23 (P24 withdrew, P25 refused) = 23.
    assert result.patients == 23
    weeks = [(w.start, w.days, w.enrolled, w.active, w.sent, w.answered) for w in result.weeks]
    assert weeks == [
        # enrolled: started before 12 Jan: P1-6, P10-12, P20-22, P23 = 13
        # active: P1 P2 P3 P4(PSFS) P5 P10 P11 P12(flare) P20 P21 P23 = 11
        # sent 6 Jan: P1 P2 P3 P4 P5 P10 P11 P12 P20 P21 P22 P23 = 12; unanswered P4 P12 P22 -> 9
        (date(2026, 1, 5), 7, 13, 11, 12, 9),
        # enrolled +P7-9 = 16. active: P1 (12 Jan 02:30 local is 11 Jan in UTC: the local date counts)
        #   P2 P5 P7 P8 P9(request) P10 P20 P21 P23 = 10
        # sent: P1(12th) P2 P3 P4 P5 P7 P8 P9 P10 P12 P20 P21 P23 = 13 (P20's snoozed one and P22's
        #   failed one are not sent check-ins); unanswered P3 P4 P9 P12 -> 9
        (date(2026, 1, 12), 7, 16, 10, 13, 9),
        # enrolled +P13-16 = 20. active: P1 P3(PHQ-4) P5 P7 P8(crisis) P10 P11 P13 P14 P15(value) P20 = 11
        # sent 20 Jan: P1 P2 P3 P4 P5 P7 P8 P9 P10 P11 P13 P14 P15 P16 P20 = 15;
        #   answered P1 P5 P7 P10 P11 P13 P14 P20 = 8
        (date(2026, 1, 19), 7, 20, 11, 15, 8),
        # enrolled +P17-19 = 23. active: P1 P7 P10 P11(problem solving) P13 P17 P18(follow-up) P20 = 8
        # sent 27 Jan: P1 P2 P3 P4 P5 P7 P8 P9 P10 P13 P14 P15 P20 = 13, + P17 on 29 Jan = 14;
        #   answered P1 P7 P10 P13 P20 P17 = 6
        (date(2026, 1, 26), 7, 23, 8, 14, 6),
    ]
    assert [w.answer_rate for w in result.weeks] == [9 / 12, 9 / 13, 8 / 15, 6 / 14]


def test_whole_clinic_drop_off_curve_with_censoring(world: ClinicWorld) -> None:
    result = overview_for(world.lead_id)
    # Cohort: started 5 Jan - 1 Feb = P1-P9 and P13-P19 = 16. As of 2 Feb 00:00 local (period end):
    # week k of a 5 Jan 12:00 start ends 12 Jan, 19 Jan, 26 Jan, 2 Feb 12:00 (k=3 not over: censored);
    # a 12 Jan start has weeks 0-1 over, a 19 Jan start week 0, a 28 Jan start none.
    assert result.cohort == 16
    assert [(d.week, d.at_risk, d.engaged) for d in result.drop_off] == [
        # at risk P1-9 + P13-16 = 13; not engaged: P6 (nothing), P16 (never answered) -> 11
        (0, 13, 11),
        # at risk P1-9 = 9; engaged: P2 (13 Jan), P5 (13 Jan), P7 (20 Jan), P8 (crisis 23 Jan) = 4.
        # P1's 12 Jan 02:30 answer is still in its week 0 (before 12 Jan 12:00).
        (1, 9, 4),
        # at risk P1-6 = 6; engaged: P1 (20 Jan), P3 (PHQ-4 21 Jan), P5 (20 Jan) = 3
        (2, 6, 3),
    ]
    assert [d.share for d in result.drop_off] == [11 / 13, 4 / 9, 3 / 6]


def test_drop_off_is_censored_at_now_when_the_period_has_not_ended(world: ClinicWorld) -> None:
    result = overview_for(world.lead_id, now=local((1, 22), 0))
    # As of 22 Jan 00:00: week 0 is over for starts up to 15 Jan (P1-9), week 1 for P1-6 only.
    # k0: P1-9 less P6 = 8 engaged. k1 (12-19 Jan for P1-6): P2 and P5 answered on 13 Jan = 2.
    assert [(d.week, d.at_risk, d.engaged) for d in result.drop_off] == [(0, 9, 8), (1, 6, 2)]


def test_whole_clinic_peg_change(world: ClinicWorld) -> None:
    peg = overview_for(world.lead_id).peg
    # Sum changes, latest - first in the period (score change = sum change / 3):
    # P1 15-21=-6, P2 16-15=+1, P5 14-24=-10, P7 15-12=+3, P10 15-18=-3 (its 27 on 2 Jan is before
    # the period), P11 18-18=0, P13 18-10=+8, P20 17-21=-4, P21 20-9=+11, P23 18-20=-2. Others have <2.
    assert peg.patients == 10
    # sorted -10 -6 -4 -3 -2 0 1 3 8 11: median (-2 + 0) / 2 = -1 -> -1/3 point
    assert peg.median_change == -0.33
    assert (peg.improved, peg.worsened) == (4, 3)  # <= -3: -10 -6 -4 -3; >= +3: 3 8 11
    assert (peg.share_improved, peg.share_worsened) == (0.4, 0.3)
    assert peg.bins == [("-3 or less", 1), ("-3 to -2", 1), ("-2 to -1", 2), ("under 1 either way", 3),
                        ("+1 to +2", 1), ("+2 to +3", 1), ("+3 or more", 1)]
    # P5 | P1 | P10 P20 | P2 P11 P23 | P7 | P13 | P21


def test_whole_clinic_goals_and_safety(world: ClinicWorld) -> None:
    result = overview_for(world.lead_id)
    # Plans set 5 Jan - 1 Feb: P1 x2 (replaced, active), P5 (done), P13 (active), P20 x2 (done, dropped)
    # = 6; P10's plan was set in December and P24 withdrew.
    goals = result.goals
    assert (goals.plans_set, goals.plans_completed, goals.plans_active, goals.psfs_set) == (6, 2, 2, 2)
    assert goals.completion_share == 2 / 6
    safety = result.safety
    # crisis P8 (2 h), P7 (0.5 h); crisis_check P3 (24 h); crisis_third_person, no patient (10 h);
    # red_flag P20 (6 h), P21 (open). Not: P10's (2 Jan), P24's (withdrew).
    assert [(k.kind, k.events, k.acknowledged, k.unacknowledged) for k in safety.by_kind] == [
        ("crisis", 2, 2, 0), ("crisis_check", 1, 1, 0), ("crisis_third_person", 1, 1, 0),
        ("red_flag", 2, 1, 1)]
    assert (safety.events, safety.unacknowledged) == (6, 1)
    # hours 0.5 2 6 10 24: median 6; 90th percentile by nearest rank: ceil(0.9 * 5) = 5th = 24
    assert (safety.median_hours, safety.p90_hours) == (6.0, 24.0)


# --- filters --------------------------------------------------------------------------------------------


def test_lead_filters_by_clinician(world: ClinicWorld) -> None:
    a = overview_for(world.lead_id, world.a_id)
    assert a.patients == 12  # P1-P12 (P24 withdrew)
    # W0 active: P1 P2 P3 P4 P5 P10 P11 P12 = 8; sent P1 P2 P3 P4 P5 P10 P11 P12 = 8, answered 6
    assert (a.weeks[0].enrolled, a.weeks[0].active, a.weeks[0].sent, a.weeks[0].answered) == (9, 8, 8, 6)
    assert a.cohort == 9 and [(d.at_risk, d.engaged) for d in a.drop_off] == [(9, 8), (9, 4), (6, 3)]
    # PEG: -6 +1 -10 +3 -3 0 -> sorted -10 -6 -3 0 1 3, median (-3 + 0) / 2 = -1.5 -> -0.5 point
    assert (a.peg.patients, a.peg.median_change, a.peg.improved, a.peg.worsened) == (6, -0.5, 3, 1)
    assert (a.goals.plans_set, a.goals.plans_completed, a.goals.psfs_set) == (3, 1, 1)  # P1 x2, P5; P4
    # P3 24 h, P7 0.5 h, P8 2 h: median 2, p90 = 3rd of 3 = 24; the stranger's event is not Dr Ames's
    assert (a.safety.events, a.safety.unacknowledged, a.safety.median_hours, a.safety.p90_hours) == (
        3, 0, 2.0, 24.0)

    b = overview_for(world.lead_id, world.b_id)
    assert b.patients == 10  # P13-P22
    assert (b.weeks[0].active, b.weeks[0].sent, b.weeks[0].answered) == (2, 3, 2)  # P20 P21; + P22 unanswered
    # Cohort P13-P19 = 7; week 0 over only for P13-16, engaged P13 P14 P15 = 3
    assert b.cohort == 7 and [(d.at_risk, d.engaged) for d in b.drop_off] == [(4, 3)]
    # PEG: P13 +8, P20 -4, P21 +11: median +8 -> 2.67; improved 1 (P20), worsened 2
    assert (b.peg.patients, b.peg.median_change, b.peg.improved, b.peg.worsened) == (3, 2.67, 1, 2)
    assert [(k.kind, k.events, k.unacknowledged) for k in b.safety.by_kind] == [("red_flag", 2, 1)]
    assert (b.safety.median_hours, b.safety.p90_hours) == (6.0, 6.0)


def test_period_filter(world: ClinicWorld) -> None:
    result = overview_for(world.lead_id, period=(date(2026, 1, 19), date(2026, 2, 1)))
    # Two weeks, the old W2 and W3.
    assert [(w.start, w.enrolled, w.active, w.sent, w.answered) for w in result.weeks] == [
        (date(2026, 1, 19), 20, 11, 15, 8), (date(2026, 1, 26), 23, 8, 14, 6)]
    # Cohort: started 19 Jan - 1 Feb = P13-P19; week 0 over for P13-16, engaged P13 P14 P15.
    assert result.cohort == 7 and [(d.at_risk, d.engaged) for d in result.drop_off] == [(4, 3)]
    # PEG in the period only: P1 17->15 (-2), P7 13->15 (+2), P10 15->15 (0), P13 10->18 (+8),
    # P20 18->17 (-1): sorted -2 -1 0 2 8, median 0; none down by 3, one (P13) up by 3 or more.
    peg = result.peg
    assert (peg.patients, peg.median_change, peg.improved, peg.worsened) == (5, 0.0, 0, 1)
    # Plans set from 19 Jan: P1 (active), P13 (active), P20 (dropped) = 3, none done; PSFS: P13.
    assert (result.goals.plans_set, result.goals.plans_completed, result.goals.psfs_set) == (3, 0, 1)
    assert result.goals.completion_share == 0.0
    # Safety: P3 (24 h), P8 (2 h), P7 (0.5 h); median 2, p90 24
    assert (result.safety.events, result.safety.median_hours, result.safety.p90_hours) == (3, 2.0, 24.0)


def test_plain_clinician_sees_only_their_own_patients(world: ClinicWorld) -> None:
    own = overview_for(world.a_id)
    assert by_key(own) == by_key(overview_for(world.lead_id, world.a_id))
    assert overview_for(world.a_id, world.a_id).patients == 12
    with session_scope() as session:
        ames = session.get(Clinician, world.a_id)
        with pytest.raises(PermissionError):
            ov.scope_for(ames, world.b_id)


def test_empty_clinic(database_url: str) -> None:
    lead = auth.create_clinician("lead@empty.test", "Dr Empty", "a long password", role="admin")
    result = overview_for(lead)
    assert result.patients == 0 and result.cohort == 0 and result.drop_off == []
    assert [(w.enrolled, w.active, w.sent, w.answered, w.answer_rate) for w in result.weeks] == [
        (0, 0, 0, 0, None)] * 4
    assert (result.peg.patients, result.peg.median_change, result.peg.share_improved) == (0, None, None)
    assert all(count == 0 for _, count in result.peg.bins)
    assert (result.goals.plans_set, result.goals.completion_share) == (0, None)
    assert (result.safety.events, result.safety.median_hours, result.safety.p90_hours) == (0, None, None)
    rows = list(csv.reader(io.StringIO(ov.to_csv(result, "whole clinic"))))
    assert rows[0] == list(ov.CSV_COLUMNS)
    assert ["engagement", "answer_rate", "", "2026-01-05", ""] in rows


def test_period_validation() -> None:
    with pytest.raises(ValueError):
        ov.Period(date(2026, 2, 1), date(2026, 1, 1), ZONE)
    with pytest.raises(ValueError):
        ov.Period(date(2020, 1, 1), date(2026, 1, 1), ZONE)
    # 10 days: a full week and a 3-day one
    assert ov.Period(date(2026, 1, 1), date(2026, 1, 10), ZONE).week_starts() == [
        date(2026, 1, 1), date(2026, 1, 8)]
    assert ov.percentile_nearest_rank([5.0, 1.0, 3.0], 0.9) == 5.0
    assert ov.percentile_nearest_rank(list(range(1, 21)), 0.9) == 18  # ceil(18.0) = 18th of 20


# --- the page and the CSV -----------------------------------------------------------------------------


def signed_in(server: WebServer, email: str) -> Browserish:
    client = server.client()
    assert client.sign_in(email, PASSWORD).status_code == 303
    return client


def page_figures(html: str) -> dict[str, str]:
    return dict(FIGURE_RE.findall(html))


def csv_figures(body: str) -> tuple[dict[str, str], dict[str, str]]:
    """The cells as a spreadsheet shows them: a neutralising apostrophe ("'+1 to +2") is not displayed."""
    reader = csv.reader(io.StringIO(body))
    rows = [[cell[1:] if cell.startswith("'") else cell for cell in row] for row in reader]
    assert rows[0] == list(ov.CSV_COLUMNS)
    meta = {row[1]: row[4] for row in rows[1:] if row[0] == "period"}
    figures = {"|".join(row[:4]): row[4] for row in rows[1:] if row[0] != "period"}
    return meta, figures


@pytest.mark.parametrize("path", ["/dashboard/overview", "/dashboard/overview.csv"])
def test_overview_needs_sign_in(server: WebServer, world: ClinicWorld, path: str) -> None:
    response = server.client().get(path)
    assert response.status_code == 302 and response.headers["location"].startswith("/dashboard/login?next=")


def test_lead_page_shows_the_hand_counted_figures_and_the_csv_matches(
    server: WebServer, world: ClinicWorld
) -> None:
    client = signed_in(server, world.lead_email)
    assert 'href="/dashboard/overview"' in client.get("/dashboard/").text  # in the nav
    page = client.get(f"/dashboard/overview?{JANUARY}")
    assert page.status_code == 200
    shown = page_figures(page.text)
    assert shown["scope|patients||"] == "23"
    assert shown["engagement|active_patients||2026-01-05"] == "11"
    assert shown["engagement|answer_rate||2026-01-12"] == "0.6923"  # 9 / 13
    assert shown["drop_off|share_engaged||1"] == "0.4444"  # 4 / 9
    assert shown["peg|median_change||"] == "-0.3300"
    assert shown["peg|patients_in_bin|-2 to -1|"] == "2"
    assert shown["safety|p90_hours_to_acknowledgement||"] == "24.0000"
    assert "69%" in page.text and "Pacific/Auckland" in page.text
    assert page.text.count("<svg") == 3  # engagement, drop-off, PEG change
    export = client.get(f"/dashboard/overview.csv?{JANUARY}")
    assert export.status_code == 200 and export.headers["content-type"].startswith("text/csv")
    assert "attachment" in export.headers["content-disposition"]
    meta, exported = csv_figures(export.text)
    assert (meta["start"], meta["end"], meta["clinician"]) == ("2026-01-05", "2026-02-01", "whole clinic")
    assert exported == shown  # every figure on the page, and nothing else, with the same value


def test_lead_filter_by_clinician_on_the_page(server: WebServer, world: ClinicWorld) -> None:
    client = signed_in(server, world.lead_email)
    page = client.get(f"/dashboard/overview?{JANUARY}&clinician={world.a_id}")
    shown = page_figures(page.text)
    assert shown["scope|patients||"] == "12" and shown["peg|median_change||"] == "-0.5000"
    assert f'<option value="{world.a_id}" selected>' in page.text
    meta, exported = csv_figures(client.get(f"/dashboard/overview.csv?{JANUARY}&clinician={world.a_id}").text)
    assert meta["clinician"] == "Dr Ames" and exported == shown


def test_plain_clinician_page_is_their_patients_only(server: WebServer, world: ClinicWorld) -> None:
    client = signed_in(server, world.a_email)
    page = client.get(f"/dashboard/overview?{JANUARY}")
    assert page.status_code == 200
    shown = page_figures(page.text)
    assert shown["scope|patients||"] == "12" and shown["safety|events||"] == "3"
    assert 'name="clinician"' not in page.text  # no one else to choose
    for path in ("/dashboard/overview", "/dashboard/overview.csv"):
        refused = client.get(f"{path}?{JANUARY}&clinician={world.b_id}")
        assert refused.status_code == 403, path
        assert "scope|patients" not in refused.text
    _, exported = csv_figures(client.get(f"/dashboard/overview.csv?{JANUARY}&clinician={world.a_id}").text)
    assert exported == shown


def test_clinician_without_patients_sees_an_empty_overview(server: WebServer, world: ClinicWorld) -> None:
    auth.create_clinician("new@clinic.test", "Dr New", PASSWORD)
    page = signed_in(server, "new@clinic.test").get("/dashboard/overview")  # default: last 12 weeks
    assert page.status_code == 200
    shown = page_figures(page.text)
    assert shown["scope|patients||"] == "0" and shown["peg|median_change||"] == ""
    assert sum(1 for key in shown if key.startswith("engagement|active_patients")) == 12
    assert "No patient who started in this period" in page.text


def test_edited_dates_win_over_a_preset(server: WebServer, world: ClinicWorld) -> None:
    client = signed_in(server, world.lead_email)
    page = client.get("/dashboard/overview?period=12w&from=2026-01-05&to=2026-02-01")
    assert page_figures(page.text)["engagement|active_patients||2026-01-05"] == "11"
    assert '<option value="custom" selected>' in page.text


@pytest.mark.parametrize("query", [
    "period=custom&from=2026-02-01&to=2026-01-05",  # ends before it starts
    "period=custom&from=2026-01-05",  # no end
    "period=custom&from=2026-01-05&to=2999-01-01",  # ends in the future
    "period=fortnight",
    "clinician=abc",
])
def test_bad_filters_are_refused(server: WebServer, world: ClinicWorld, query: str) -> None:
    client = signed_in(server, world.lead_email)
    assert client.get(f"/dashboard/overview?{query}").status_code == 400
    assert client.get(f"/dashboard/overview.csv?{query}").status_code == 400


def test_views_and_exports_are_audited(server: WebServer, world: ClinicWorld) -> None:
    client = signed_in(server, world.lead_email)

    def entries() -> list[tuple]:
        with session_scope() as session:
            rows = session.execute(
                select(AuditLog).where(AuditLog.clinician_id == world.lead_id).order_by(AuditLog.id))
            return [(e.action, e.patient_id, e.detail) for e in rows.scalars()]

    before = len(entries())
    client.get(f"/dashboard/overview?{JANUARY}&clinician={world.b_id}")
    client.get(f"/dashboard/overview.csv?{JANUARY}")
    assert entries()[before:] == [
        ("view_overview", None, "2026-01-05..2026-02-01 Dr Brook"),
        ("export_overview_csv", None, "2026-01-05..2026-02-01 whole clinic"),
    ]
