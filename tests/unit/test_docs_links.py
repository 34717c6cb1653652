"""Every relative link in the README and docs/ points at a file that exists, and at a heading
that exists in it: a moved or renamed doc breaks here, not for the next newcomer."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
FENCE = re.compile(r"^```.*?^```", re.S | re.M)


def markdown_files() -> list[Path]:
    return [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"[`*_]", "", heading.strip().lower())
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def anchors(path: Path) -> set[str]:
    text = FENCE.sub("", path.read_text())
    return {slug(line.lstrip("#")) for line in text.splitlines() if line.startswith("#")}


def relative_links(path: Path) -> list[str]:
    text = FENCE.sub("", path.read_text())
    return [t for t in LINK.findall(text) if not re.match(r"[a-z]+:", t)]


def test_there_are_docs_with_links_to_check() -> None:
    assert sum(len(relative_links(path)) for path in markdown_files()) > 20


def test_every_relative_link_and_anchor_exists() -> None:
    broken = []
    for path in markdown_files():
        for target in relative_links(path):
            file_part, _, anchor = target.partition("#")
            destination = (path.parent / file_part).resolve() if file_part else path
            if not destination.exists():
                broken.append(f"{path.relative_to(ROOT)}: {target} (no such file)")
            elif anchor and destination.suffix == ".md" and anchor not in anchors(destination):
                broken.append(f"{path.relative_to(ROOT)}: {target} (no such heading)")
    assert broken == []


def test_slug_follows_github() -> None:
    assert slug(" The replica profile: replicas, Redis, nginx") == "the-replica-profile-replicas-redis-nginx"
    assert slug(" Exactly once: idempotency keys and the scheduler leader") == (
        "exactly-once-idempotency-keys-and-the-scheduler-leader")
    assert slug(" The `pacer` command") == "the-pacer-command"


def test_readme_stays_a_ten_minute_read() -> None:
    """Issue 17: the README says what Pacer is, the two commands, what runs and where to read
    on; guides, runbook, spec and test lists belong in docs/."""
    assert len((ROOT / "README.md").read_text().splitlines()) <= 150
