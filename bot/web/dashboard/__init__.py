"""The clinician dashboard: patient list, patient pages, summaries, transcripts, exports,
and the clinic overview."""

from bot.web.dashboard import overview  # noqa: F401 - registers the overview routes
from bot.web.dashboard.routes import blueprint

__all__ = ["blueprint"]
