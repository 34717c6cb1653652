"""The SQLite lease: one leader, renewal, takeover after expiry or a dead local holder."""

from __future__ import annotations

import subprocess
import sys
from datetime import timedelta

from sqlalchemy import update

from bot.scheduler.leader import LeaseElector, current_leader
from bot.store.db import get_engine
from bot.store.models import SchedulerLease, utcnow
from bot.store.owners import HOST, is_dead_here

LEASE = timedelta(seconds=10)


def set_holder(holder: str, until_s: float) -> None:
    with get_engine().begin() as conn:
        conn.execute(
            update(SchedulerLease).where(SchedulerLease.name == "scheduler")
            .values(holder=holder, lease_until=utcnow() + timedelta(seconds=until_s))
        )


def test_exactly_one_of_three_leads_and_renews(database_url: str) -> None:
    electors = [LeaseElector(get_engine(), LEASE) for _ in range(3)]
    now = utcnow()
    assert [e.poll(now) for e in electors] == [True, False, False]
    later = now + timedelta(seconds=5)
    assert [e.poll(later) for e in electors] == [True, False, False]  # renewed, still valid
    row = current_leader(get_engine())
    assert row["holder"] == electors[0].owner and row["epoch"] == 1


def test_expired_lease_is_taken_over_once_and_the_old_leader_knows(database_url: str) -> None:
    first, second, third = (LeaseElector(get_engine(), LEASE) for _ in range(3))
    now = utcnow()
    assert first.poll(now)
    assert not second.poll(now + timedelta(seconds=9))  # not expired yet
    after = now + timedelta(seconds=11)
    assert [second.poll(after), third.poll(after)] == [True, False]
    assert not first.poll(after)  # its renewal finds another holder
    assert current_leader(get_engine())["epoch"] == 2


def test_remote_holder_blocks_until_expiry(database_url: str) -> None:
    set_holder("another-host:4242:abcd", until_s=30)
    elector = LeaseElector(get_engine(), LEASE)
    assert not elector.poll()
    assert elector.poll(utcnow() + timedelta(seconds=31))


def test_dead_holder_on_this_host_is_taken_over_at_once(database_url: str) -> None:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    holder = f"{HOST}:{child.pid}:dead"
    assert is_dead_here(holder) and not is_dead_here(f"{HOST}:1:init")
    set_holder(holder, until_s=300)
    assert LeaseElector(get_engine(), LEASE).poll()


def test_release_hands_over_without_waiting(database_url: str) -> None:
    first, second = LeaseElector(get_engine(), LEASE), LeaseElector(get_engine(), LEASE)
    assert first.poll() and not second.poll()
    first.release()
    assert second.poll()
