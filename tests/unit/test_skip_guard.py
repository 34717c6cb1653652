"""Under CI=true an unlisted skip fails the run, with the tests and reasons named; outside CI it is a skip."""

from __future__ import annotations

import pytest

CONFTEST = """
from tests import skip_guard

def pytest_configure(config):
    skip_guard.register(config)
"""

TESTS = """
import pytest

def test_runs():
    assert True

def test_needs_postgres():
    pytest.skip("PostgreSQL could not start (scripts/start-postgres): no apt-get")
"""


@pytest.fixture
def suite(pytester: pytest.Pytester) -> pytest.Pytester:
    pytester.makeconftest(CONFTEST)
    pytester.makepyfile(test_suite=TESTS)
    return pytester


def test_a_skip_fails_the_run_under_ci_and_names_the_test_and_reason(
    suite: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CI", "true")
    result = suite.runpytest()
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.assert_outcomes(passed=1, skipped=1)
    result.stdout.fnmatch_lines([
        "*skips not allowed under CI=true*",
        "*test_suite.py::test_needs_postgres: PostgreSQL could not start*: no apt-get",
    ])


def test_outside_ci_a_skip_stays_a_skip(suite: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    result = suite.runpytest()
    assert result.ret == pytest.ExitCode.OK
    result.assert_outcomes(passed=1, skipped=1)
    assert "skips not allowed" not in result.stdout.str()


def test_a_skip_in_a_fixture_or_at_collection_counts_too(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CI", "true")
    pytester.makeconftest(CONFTEST)
    pytester.makepyfile(
        test_fixture="""
import pytest

@pytest.fixture
def cluster():
    pytest.skip("replica tests need nginx (make replica-deps)")

def test_fault(cluster):
    pass
""",
        test_module='import pytest\npytest.skip("no chromium", allow_module_level=True)\n',
    )
    result = pytester.runpytest()
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines_random([
        "*test_fixture.py::test_fault: replica tests need nginx*",
        "*test_module.py: no chromium",
    ])


def test_an_allow_listed_skip_passes_under_ci(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CI", "true")
    pytester.makeconftest(CONFTEST)
    pytester.makepyfile(test_external="""
import pytest

def test_script():
    pytest.skip("PostgreSQL given by PACER_TEST_POSTGRES, not started by the script")
""")
    result = pytester.runpytest()
    assert result.ret == pytest.ExitCode.OK
    result.assert_outcomes(skipped=1)


def test_a_failing_run_keeps_its_failure_status(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CI", "true")
    pytester.makeconftest(CONFTEST)
    pytester.makepyfile(test_bad="import pytest\n\ndef test_x():\n    assert False\n\n"
                                 "def test_y():\n    pytest.skip('no nginx')\n")
    result = pytester.runpytest()
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines(["*test_bad.py::test_y: no nginx"])
