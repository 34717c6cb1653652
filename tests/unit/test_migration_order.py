"""Migration files are numbered in the order Alembic runs them (revision ids never change)."""

from __future__ import annotations

from pathlib import Path

from alembic.script import ScriptDirectory

from bot.store.migrate import alembic_config


def test_file_numbers_follow_the_revision_chain() -> None:
    scripts = ScriptDirectory.from_config(alembic_config("sqlite://"))
    in_run_order = list(reversed(list(scripts.walk_revisions("base", "heads"))))
    numbers = [Path(script.path).name.split("_", 1)[0] for script in in_run_order]
    assert numbers == [f"{n:04d}" for n in range(1, len(in_run_order) + 1)]
    assert len(scripts.get_heads()) == 1
