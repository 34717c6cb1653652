"""The clinician dashboard: patient list, patient pages, summaries, transcripts, exports,
the clinic overview, and the clinic's list of resources."""

from bot.web.dashboard import overview  # noqa: F401 - registers the overview routes
from bot.web.dashboard import resources as _resources  # noqa: F401 - registers the resource pages
from bot.web.dashboard.routes import blueprint

__all__ = ["blueprint"]
