"""Pacer's own web app: the patient chat page and the clinician dashboard."""
