"""The import graph of `bot` has no cycles (scripts/import_cycles.py; the layer rules
themselves are the import-linter contract in .importlinter, run by `make test`)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "import_cycles.py"


def _script():  # noqa: ANN202 - the script as a module
    spec = importlib.util.spec_from_file_location("import_cycles", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_cycle_finder_sees_a_cycle() -> None:
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _script().strongly_connected(edges.keys(), edges) == [["a", "b", "c"]]


def test_bot_has_no_import_cycles() -> None:
    module_cycles, subpackage_cycles = _script().find_cycles(["bot"])
    assert module_cycles == [] and subpackage_cycles == []
