"""Is a new safety table really new? Each of its rows against every row of the other safety tables
and every sentence in tests/unit/test_safety_*.py; prints only the new table's row (never another
table's text, so a sealed table is not read by whoever runs it).

    .venv/bin/python bench/safety_table_overlap.py tests/data/safety_eval_tune_4.csv
"""

from __future__ import annotations

import ast
import csv
import difflib
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SIMILAR_RATIO = 0.85  # difflib ratio on normalised text
SIMILAR_WORDS = 0.8  # share of words in common (Jaccard)


def normalise(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower().replace("'", "")).split())


def known_sentences(new_table: Path) -> list[tuple[str, str]]:
    known = []
    for path in sorted((ROOT / "tests/data").glob("safety_*.csv")):
        if path.name == new_table.name:
            continue
        with path.open(encoding="utf-8", newline="") as handle:
            known += [(path.name, normalise(row[0])) for row in csv.reader(handle) if row]
    for path in sorted((ROOT / "tests/unit").glob("test_safety_*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and 10 < len(node.value) < 300:
                known.append((path.name, normalise(node.value)))
    return known


def near_duplicate(text: str, known: list[tuple[str, str]]) -> str | None:
    """The name of the file holding a near duplicate of `text`, or None."""
    words = set(text.split())
    for source, other in known:
        other_words = set(other.split())
        shared = len(words & other_words) / max(1, len(words | other_words))
        if shared >= SIMILAR_WORDS:
            return source
        matcher = difflib.SequenceMatcher(None, text, other)
        # the two quick ratios are upper bounds of ratio(): cheap to rule most pairs out
        if (matcher.real_quick_ratio() >= SIMILAR_RATIO and matcher.quick_ratio() >= SIMILAR_RATIO
                and matcher.ratio() >= SIMILAR_RATIO):
            return source
    return None


def main() -> int:
    table = Path(sys.argv[1])
    known = known_sentences(table)
    with table.open(encoding="utf-8", newline="") as handle:
        rows = [row["text"] for row in csv.DictReader(handle)]
    found = 0
    seen: set[str] = set()
    for text in rows:
        norm = normalise(text)
        source = "this table" if norm in seen else near_duplicate(norm, known)
        seen.add(norm)
        if source:
            found += 1
            print(f"near duplicate of a row in {source}: {text}")
    print(f"{len(rows)} rows checked against {len(known)} sentences: {found} near duplicates")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
