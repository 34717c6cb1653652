"""Under `CI=true` a skipped test fails the run, unless its skip is right on every machine.

A PostgreSQL, browser or cluster test that skips because a server or tool is missing
would otherwise let CI pass having tested less. Outside CI skips stay skips (a laptop
without PostgreSQL still runs the rest). The skips that are right everywhere are listed
in ALLOWED_SKIPS, by reason, and nowhere else.
"""

from __future__ import annotations

import os
import re

import pytest

# Pattern matched (re.search) against the skip reason -> why that skip is right on every machine.
ALLOWED_SKIPS: dict[str, str] = {
    r"PostgreSQL given by PACER_TEST_POSTGRES, not started by the script": (
        "tests/unit/test_postgres_script.py checks scripts/start-postgres; when the session's "
        "server is an external URL there is no script-started cluster to check"
    ),
}


def under_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() == "true"


def skip_reason(report: pytest.TestReport | pytest.CollectReport) -> str:
    """The reason a skipped report gives ("Skipped: " prefix removed)."""
    longrepr = report.longrepr
    reason = longrepr[2] if isinstance(longrepr, tuple) and len(longrepr) == 3 else str(longrepr)
    return reason.removeprefix("Skipped: ")


def allowed(reason: str) -> bool:
    return any(re.search(pattern, reason) for pattern in ALLOWED_SKIPS)


class SkipGuard:
    """Collects the skips not in ALLOWED_SKIPS; under CI they fail the session."""

    def __init__(self) -> None:
        self.skips: list[tuple[str, str]] = []

    def _record(self, report: pytest.TestReport | pytest.CollectReport) -> None:
        if report.skipped and not hasattr(report, "wasxfail"):
            reason = skip_reason(report)
            if not allowed(reason):
                self.skips.append((report.nodeid, reason))

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        self._record(report)

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        self._record(report)

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        if under_ci() and self.skips and session.exitstatus == pytest.ExitCode.OK:
            session.exitstatus = pytest.ExitCode.TESTS_FAILED

    def pytest_terminal_summary(self, terminalreporter) -> None:  # noqa: ANN001 - pytest's TerminalReporter
        if not (under_ci() and self.skips):
            return
        terminalreporter.section("skips not allowed under CI=true", sep="=", red=True, bold=True)
        for nodeid, reason in self.skips:
            terminalreporter.line(f"SKIPPED (fails the run) {nodeid}: {reason}", red=True)
        terminalreporter.line(
            f"{len(self.skips)} test(s) skipped under CI=true: fix the cause (PostgreSQL, nginx, Redis or "
            "Chromium missing, no trained model) or, if the skip is right on every machine, list its "
            "reason in tests/skip_guard.py ALLOWED_SKIPS."
        )


def register(config: pytest.Config) -> None:
    """Install the guard (tests/conftest.py calls this from pytest_configure)."""
    config.pluginmanager.register(SkipGuard(), "pacer-skip-guard")
