"""Column types shared by Pacer's tables."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy.engine import Dialect
from sqlalchemy.types import DateTime, TypeDecorator


class UTCDateTime(TypeDecorator):
    """A point in time, always an aware UTC datetime in Python, on SQLite as on PostgreSQL.

    The SQL type is `DateTime(timezone=True)` (TIMESTAMP WITH TIME ZONE on PostgreSQL), so
    the schema is unchanged. SQLite keeps no offset: values are written as UTC wall time
    and read back as naive, which this type marks as UTC again. Naive values given to it
    are taken to be UTC already.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    @property
    def python_type(self) -> type:
        return datetime

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        value = value.astimezone(timezone.utc)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc)
