"""Leader election for `pacer scheduler`: several processes run, exactly one sweeps.

- PostgreSQL: `pg_try_advisory_lock` on a dedicated connection. The server drops the lock
  the moment that connection dies (a SIGKILLed leader's socket is closed by the kernel),
  so a follower's next poll takes over. The leader checks its connection on every poll
  and stops sweeping when it is gone.
- SQLite (and anything else): a lease row (`scheduler_leases`) with an expiry that the
  leader renews on every poll. A follower takes the row over with a compare-and-set on
  `epoch` once the lease has run out, or at once when the holder ran on this host and
  its process is gone (`bot.store.owners`).

Takeover bound: one poll interval when the old leader's death is visible (PostgreSQL,
same host), otherwise the lease time plus one poll. Leadership is an efficiency and
clarity measure: correctness does not rest on it alone, because every delivery is still
claimed by compare-and-set and de-duplicated by its delivery id (bot/scheduler/store.py),
so a leader that stalls past its lease and wakes up next to a new one sends nothing twice.
"""

from __future__ import annotations

import logging
import zlib
from datetime import datetime, timedelta

from sqlalchemy import select, text, update
from sqlalchemy.engine import Connection, Engine

from bot.coaching.checkin_schedule import as_utc
from bot.scheduler.store import insert_ignore
from bot.store.models import SchedulerLease, utcnow
from bot.store.owners import is_dead_here, new_owner_id

logger = logging.getLogger(__name__)
L = SchedulerLease.__table__
LOCK_NAME = "scheduler"


class Elector:
    """Common part: who I am, whether I lead, and the lease row that shows the leader."""

    def __init__(self, engine: Engine, lease: timedelta, name: str = LOCK_NAME) -> None:
        self.engine = engine
        self.lease = lease
        self.name = name
        self.owner = new_owner_id()
        self.is_leader = False
        self.epoch: int | None = None

    def poll(self, now: datetime | None = None) -> bool:
        """Acquire or renew; returns whether this process leads now."""
        raise NotImplementedError

    def release(self) -> None:
        raise NotImplementedError

    def _changed(self, leader: bool) -> bool:
        if leader != self.is_leader:
            if leader:
                logger.info("scheduler leader: %s (epoch %s)", self.owner, self.epoch)
            else:
                logger.warning("scheduler leadership lost: %s", self.owner)
        self.is_leader = leader
        return leader

    def _take_row(self, conn: Connection, now: datetime, force: bool) -> bool:
        """Compare-and-set the lease row to this owner; `force` ignores the current expiry."""
        row = conn.execute(select(L).where(L.c.name == self.name)).first()
        if row is None:
            insert_ignore(conn, L, [{"name": self.name, "holder": None, "epoch": 0}])
            row = conn.execute(select(L).where(L.c.name == self.name)).first()
        if row.holder == self.owner:
            free = True
        else:
            expired = row.lease_until is None or as_utc(row.lease_until) < now
            free = force or row.holder is None or expired or is_dead_here(row.holder)
        if not free:
            return False
        epoch = row.epoch if row.holder == self.owner else row.epoch + 1
        taken = conn.execute(
            update(L)
            .where(L.c.name == self.name, L.c.epoch == row.epoch)
            .values(holder=self.owner, epoch=epoch, lease_until=now + self.lease,
                    acquired_at=now if row.holder != self.owner else row.acquired_at)
        ).rowcount
        if taken:
            self.epoch = epoch
        return bool(taken)


class LeaseElector(Elector):
    """A lease row renewed by the leader (SQLite)."""

    def poll(self, now: datetime | None = None) -> bool:
        now = as_utc(now or utcnow())
        with self.engine.begin() as conn:
            if self.is_leader:
                renewed = conn.execute(
                    update(L)
                    .where(L.c.name == self.name, L.c.holder == self.owner)
                    .values(lease_until=now + self.lease)
                ).rowcount
                return self._changed(bool(renewed))
            return self._changed(self._take_row(conn, now, force=False))

    def release(self) -> None:
        if not self.is_leader:
            return
        with self.engine.begin() as conn:
            conn.execute(
                update(L).where(L.c.name == self.name, L.c.holder == self.owner)
                .values(holder=None, lease_until=None)
            )
        self._changed(False)


class AdvisoryLockElector(Elector):
    """`pg_try_advisory_lock` held on one dedicated connection (PostgreSQL)."""

    def __init__(self, engine: Engine, lease: timedelta, name: str = LOCK_NAME) -> None:
        super().__init__(engine, lease, name)
        self.key = zlib.crc32(f"pacer:{name}".encode())  # stable across processes and versions
        self._conn: Connection | None = None

    def poll(self, now: datetime | None = None) -> bool:
        now = as_utc(now or utcnow())
        if self.is_leader:
            try:
                self._conn.execute(text("SELECT 1"))
            except Exception as exc:  # noqa: BLE001 - the connection, and with it the lock, is gone
                logger.warning("leader connection lost: %s", type(exc).__name__)
                self._drop()
                return self._changed(False)
            self._show(now, force=False)
            return True
        try:
            if self._conn is None:
                self._conn = self.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
            got = self._conn.execute(text("SELECT pg_try_advisory_lock(:key)"), {"key": self.key}).scalar()
        except Exception:  # noqa: BLE001 - database unreachable: stay a follower, try again
            logger.exception("advisory lock attempt failed")
            self._drop()
            return self._changed(False)
        if got:
            self._show(now, force=True)
        return self._changed(bool(got))

    def _show(self, now: datetime, force: bool) -> None:
        """Record the leader in the lease row, for `pacer checkins status` (informational)."""
        try:
            with self.engine.begin() as conn:
                self._take_row(conn, now, force=force)
        except Exception:  # noqa: BLE001 - the lock decides, not this row
            logger.warning("could not record the leader row", exc_info=True)

    def _drop(self) -> None:
        if self._conn is not None:
            try:
                self._conn.invalidate()
                self._conn.close()
            except Exception:  # noqa: BLE001 - already broken
                pass
        self._conn = None

    def release(self) -> None:
        if self._conn is not None and self.is_leader:
            try:
                self._conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": self.key})
                with self.engine.begin() as conn:
                    conn.execute(
                        update(L).where(L.c.name == self.name, L.c.holder == self.owner)
                        .values(holder=None, lease_until=None)
                    )
            except Exception:  # noqa: BLE001 - closing the connection releases it anyway
                pass
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        self._changed(False)


def make_elector(engine: Engine, lease: timedelta) -> Elector:
    if engine.dialect.name == "postgresql":
        return AdvisoryLockElector(engine, lease)
    return LeaseElector(engine, lease)


def current_leader(engine: Engine) -> dict | None:
    """The lease row (holder, epoch, expiry) for status output."""
    with engine.connect() as conn:
        row = conn.execute(select(L).where(L.c.name == LOCK_NAME)).first()
    return None if row is None else dict(row._mapping)
