"""Pacer: a conversational coach for persistent pain self-management."""
