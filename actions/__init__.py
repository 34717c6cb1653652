"""Thin Rasa adapters: read slots and messages, call `bot.*`, return events."""
