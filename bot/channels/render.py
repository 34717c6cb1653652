"""How one bot message looks on each channel: buttons as an inline keyboard
(Telegram) or as numbered options (SMS), and long text split into parts that
each channel accepts. Plain Python, so every rule here is unit-tested."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

TELEGRAM_TEXT_LIMIT = 4096
TELEGRAM_CALLBACK_DATA_LIMIT = 64  # bytes (Bot API)
# A concatenated SMS segment holds 153 GSM-7 characters. Long concatenated texts
# arrive split or out of order on some phones and carriers, so each message Pacer
# sends is at most two segments' worth, split at a sentence or word boundary.
SMS_TEXT_LIMIT = 306

_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"')\]]*\s+")


@dataclass(frozen=True)
class Option:
    """One choice offered with a message: what the person sees and what Rasa gets."""

    title: str
    payload: str


def options_from_buttons(buttons: Sequence[dict[str, Any]] | None) -> list[Option]:
    """Rasa button dicts (`title`, `payload`) as options; buttons without a title are dropped."""
    options = []
    for button in buttons or ():
        title = str(button.get("title") or "").strip()
        if not title:
            continue
        payload = str(button.get("payload") or title).strip()
        options.append(Option(title=title, payload=payload))
    return options


def split_text(text: str, limit: int) -> list[str]:
    """Split `text` into parts of at most `limit` characters.

    Breaks between paragraphs first, then between sentences, then between words;
    only a single word longer than `limit` is cut inside.
    """
    if limit < 20:
        raise ValueError("limit too small to split sensibly")
    text = text.strip()
    if len(text) <= limit:
        return [text] if text else []
    parts: list[str] = []
    for paragraph in re.split(r"\n\s*\n", text):
        _pack(parts, _pieces(paragraph.strip(), limit), limit, joiner="\n\n", fresh=True)
    return [part for part in parts if part]


def _pieces(paragraph: str, limit: int) -> list[str]:
    """A paragraph as sentences; sentences longer than `limit` as word runs."""
    pieces: list[str] = []
    for sentence in _SENTENCE_END.split(paragraph):
        sentence = sentence.strip()
        if not sentence:
            continue
        if len(sentence) <= limit:
            pieces.append(sentence)
            continue
        run: list[str] = []
        words: list[str] = []
        for word in sentence.split():
            while len(word) > limit:  # a URL or a very long token: cut it
                words.append(word[:limit])
                word = word[limit:]
            words.append(word)
        for word in words:
            candidate = " ".join([*run, word])
            if run and len(candidate) > limit:
                pieces.append(" ".join(run))
                run = [word]
            else:
                run.append(word)
        if run:
            pieces.append(" ".join(run))
    return pieces


def _pack(parts: list[str], pieces: list[str], limit: int, joiner: str, fresh: bool) -> None:
    """Append pieces to `parts`, filling the last part while it stays within `limit`."""
    for index, piece in enumerate(pieces):
        glue = joiner if (fresh and index == 0) else " "
        if parts and len(parts[-1]) + len(glue) + len(piece) <= limit:
            parts[-1] = f"{parts[-1]}{glue}{piece}"
        else:
            parts.append(piece)


def numbered_options_text(text: str, options: Sequence[Option]) -> str:
    """The message with its buttons as a numbered list a person can answer with a digit."""
    if not options:
        return text
    lines = [f"{number}. {option.title}" for number, option in enumerate(options, start=1)]
    hint = "Reply with a number, or in your own words."
    return "\n".join([text.rstrip(), "", *lines, hint]) if text.strip() else "\n".join([*lines, hint])


_CHOICE = re.compile(r"^\s*(?:#|no\.?|number|option)?\s*(\d{1,2})\s*[.)!]?\s*$", re.IGNORECASE)


def chosen_option(reply: str, options: Sequence[Option]) -> Option | None:
    """The option a reply picks: its number ("2", "2.", "option 2") or its exact title."""
    if not options:
        return None
    match = _CHOICE.match(reply)
    if match:
        number = int(match.group(1))
        return options[number - 1] if 1 <= number <= len(options) else None
    wanted = " ".join(reply.lower().split())
    for option in options:
        if " ".join(option.title.lower().split()) == wanted:
            return option
    return None


def inline_keyboard(options: Sequence[Option], per_row: int | None = None) -> dict[str, Any] | None:
    """Telegram `reply_markup` with one callback button per option.

    Short titles share a row (up to three); longer ones get a row each. The
    callback data is the payload when it fits Telegram's 64 bytes, else the
    option's index, resolved from the conversation's stored options on the callback.
    """
    if not options:
        return None
    if per_row is None:
        per_row = 3 if all(len(option.title) <= 12 for option in options) else 1
    rows: list[list[dict[str, str]]] = []
    for index, option in enumerate(options):
        data = option.payload
        if len(data.encode()) > TELEGRAM_CALLBACK_DATA_LIMIT:
            data = f"#{index}"
        button = {"text": option.title, "callback_data": data}
        if not rows or len(rows[-1]) >= per_row:
            rows.append([button])
        else:
            rows[-1].append(button)
    return {"inline_keyboard": rows}


def callback_payload(data: str, options: Sequence[Option]) -> str | None:
    """The Rasa payload behind a Telegram callback: the data itself, or the indexed
    option of the last keyboard sent (None when that keyboard is no longer known)."""
    if data.startswith("#") and data[1:].isdigit():
        index = int(data[1:])
        if 0 <= index < len(options):
            return options[index].payload
        return None
    return data
