"""Custom Rasa graph components: Pacer's spaCy pipeline and its guards."""
