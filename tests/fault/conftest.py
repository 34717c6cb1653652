"""The fault tests reuse the scheduler fixtures (patients with schedules, the Rasa API stub)."""

from tests.unit.scheduler.conftest import stub  # noqa: F401 - fixture
