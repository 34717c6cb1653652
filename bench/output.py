"""Where every bench writes its figures: `bench/results/<kind>-<time>.json` (gitignored)."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results"


def save_results(kind: str, data: Any, path: Path | None = None,
                 default: Callable[[Any], Any] | None = None) -> Path:
    """Write `data` as indented JSON to `path`, or to a new timestamped file; returns the path."""
    if path is None:
        RESULTS.mkdir(exist_ok=True)
        path = RESULTS / f"{kind}-{time.strftime('%Y%m%d-%H%M%S')}.json"
    path.write_text(json.dumps(data, indent=2, default=default))
    return path
