"""The options last offered in a conversation, so that a text reply of "1" or "2"
(SMS) or a shortened button (Telegram) can be turned back into its payload.

Stored in the database because a reply can arrive after a restart, or at another
rasa replica. Only bot-written titles and payloads are stored, never patient text.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from sqlalchemy import delete

from bot.channels.render import Option
from bot.store.db import session_scope
from bot.store.models import ChannelPrompt, utcnow

# Options older than this are stale: a "2" a week later is a new answer, not a choice.
PROMPT_TTL = timedelta(hours=24)


def remember_options(conversation_id: str, options: list[Option]) -> None:
    """Replace the conversation's options; an empty list forgets them."""
    with session_scope() as session:
        session.execute(delete(ChannelPrompt).where(ChannelPrompt.conversation_id == conversation_id))
        if options:
            session.add(
                ChannelPrompt(
                    conversation_id=conversation_id,
                    options_json=json.dumps([[o.title, o.payload] for o in options]),
                    created_at=utcnow(),
                )
            )


def last_options(conversation_id: str, now: datetime | None = None) -> list[Option]:
    with session_scope() as session:
        row = session.get(ChannelPrompt, conversation_id)
        if row is None:
            return []
        if (now or utcnow()) - row.created_at > PROMPT_TTL:
            return []
        return [Option(title=title, payload=payload) for title, payload in json.loads(row.options_json)]
