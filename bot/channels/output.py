"""The part of an output channel that every Pacer channel renders the same way."""

from __future__ import annotations

from typing import Any

from rasa.core.channels.channel import OutputChannel

from bot.channels import render


class OptionsOutputChannel(OutputChannel):
    """Text, buttons and quick replies all become one `_send(text, options)` per channel idiom."""

    async def _send(self, recipient_id: str, text: str, options: list[render.Option]) -> None:
        raise NotImplementedError

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        await self._send(recipient_id, text, [])

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        await self._send(recipient_id, text, render.options_from_buttons(buttons))

    async def send_quick_replies(
        self, recipient_id: str, text: str, quick_replies: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        await self._send(recipient_id, text, render.options_from_buttons(quick_replies))
