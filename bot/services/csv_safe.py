"""CSV writers whose cells cannot run as spreadsheet formulas.

Exports carry patient text (a PSFS activity, a plan). A cell a spreadsheet reads as a
formula (`=`, `+`, `-`, `@`, a tab or carriage return first) could run on the
clinician's computer when the file is opened; such text gets a leading apostrophe
(OWASP's advice). Numbers stay numbers.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")


def safe_cell(value: Any) -> Any:
    """Text a spreadsheet would run gets a leading apostrophe; a plain number ("-0.33") stays."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


class SafeWriter:
    """`csv.writer` with every string cell passed through `safe_cell`."""

    def __init__(self, buffer: Any, **options: Any) -> None:
        self._writer = csv.writer(buffer, **options)

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow([safe_cell(value) for value in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def writer(buffer: Any, **options: Any) -> SafeWriter:
    return SafeWriter(buffer, **options)
