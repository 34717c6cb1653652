"""Alembic environment. Alembic owns Pacer's tables only: Rasa's `events` table
and APScheduler's job store are left alone (also by autogenerate)."""

from __future__ import annotations

from alembic import context

from bot.store.db import build_engine
from bot.store.models import FOREIGN_TABLES, Base


def include_object(obj, name, type_, reflected, compare_to):  # noqa: ANN001 - alembic hook
    if type_ == "table" and name in FOREIGN_TABLES:
        return False
    return True


def run_migrations_online() -> None:
    url = context.config.get_main_option("sqlalchemy.url")
    engine = build_engine(url)
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=Base.metadata,
            include_object=include_object,
            render_as_batch=connection.dialect.name == "sqlite",
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


run_migrations_online()
