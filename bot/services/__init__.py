"""Pacer's use cases: what the chat actions, channels, scheduler and dashboard ask of the data.

One convention, a unit of work per use case:

- A public function that callers outside `bot.services` use (actions, `bot.channels`,
  `bot.scheduler`, `bot.web`, the CLI) opens exactly one `session_scope()`: one
  transaction, committed when it returns, rolled back when it raises. It returns plain
  values or rows loaded before the session closed, never a live session or a lazy relation.
- A function whose first argument is a `Session` is a building block: it takes the
  caller's session and never opens or commits one. Only use cases (and tests) call it, so
  that a use case is one transaction however many blocks it combines.
- Rules live in `bot.coaching` (plain Python); storage in `bot.store`. What the dashboard
  shows is read through `read_models`, what its forms do through `dashboard_actions`.

The layer rules are an import-linter contract (`.importlinter`, run by `make test`).
"""
