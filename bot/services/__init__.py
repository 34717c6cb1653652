"""Use cases that combine coaching rules with storage; no Rasa imports here."""
