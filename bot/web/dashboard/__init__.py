"""The clinician dashboard: patient list, patient pages, summaries, transcripts, exports."""

from bot.web.dashboard.routes import blueprint

__all__ = ["blueprint"]
