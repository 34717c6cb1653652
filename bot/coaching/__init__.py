"""Coaching logic for Pacer, free of Rasa so it can be tested on its own.

- ``action_plan``: Lorig-style weekly action plans (what, how much, when, how often), one
  parser per part.
- ``vocabulary``: the number words, weekday names and times of day every parser reads.
- ``confidence``: 0-10 confidence ratings and the "below 7, revise" rule.
- ``pacing``: graded-activity checks (small weekly steps, start below tolerance).
- ``psfs``: Patient-Specific Functional Scale activities and scores.
"""
