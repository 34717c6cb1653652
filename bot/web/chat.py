"""The patient chat page (`/chat`) and the two things it needs from Pacer.

The page talks to Rasa's socket.io channel directly. Pacer's web app serves the
page and its script, restores the conversation after a reload (`/chat/history`,
read from the tracker store's `events` table, never through Rasa's HTTP API), and
links the browser to an existing patient with a one-time code (`/chat/link`).

Only the browser holding a web session's random id can read that session: the id
travels in the request body, must have the web shape (so a phone number or a
Telegram chat can never be named), and the conversation must be a web chat. Once a
session is linked to a patient, the history shows that patient's other channels too.
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, select_autoescape
from sanic import Blueprint
from sanic.request import Request
from sanic.response import HTTPResponse, html
from sanic.response import json as json_response

from bot.channels.socketio import CHANNEL_NAME, is_web_session_id
from bot.clinic import load_clinic
from bot.safety import contacts
from bot.services import chat_history, identities
from bot.web import auth

WEB_DIR = Path(__file__).resolve().parent
STATIC_DIR = WEB_DIR / "static"
TEMPLATES = Environment(
    loader=FileSystemLoader(WEB_DIR / "templates"), autoescape=select_autoescape(["html"])
)

LINK_MESSAGES = {
    "linked": "This device is linked. Your plans and conversations are here now.",
    "already_linked": "This device was already linked to you.",
    "invalid": "That code didn't work. Check it and try again, or ask Pacer for a new one.",
    "expired": "That code has expired or was already used. Ask Pacer for a new one in your other chat.",
    "conflict": "This device already belongs to another Pacer account, so it can't be linked.",
    "busy": "Too many tries. Please wait a few minutes and ask Pacer for a new code.",
}

blueprint = Blueprint("chat")
blueprint.static("/chat/static", str(STATIC_DIR), name="chat_static")

def socket_url(request: Request) -> str:
    """Where the browser finds Rasa's socket.io: PACER_CHAT_SOCKET_URL, else Rasa's URL."""
    return os.environ.get("PACER_CHAT_SOCKET_URL") or request.app.ctx.settings.rasa_url


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _security_headers(rasa: str) -> dict[str, str]:
    origin = _origin(rasa)
    ws_origin = origin.replace("https://", "wss://").replace("http://", "ws://")
    return {
        "Content-Security-Policy": (
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            f"connect-src 'self' {origin} {ws_origin}; frame-ancestors 'none'; base-uri 'none'"
        ),
        "Referrer-Policy": "no-referrer",
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "no-store",
    }


def safety_numbers() -> list[str]:
    """Emergency and crisis-line numbers of every region: a bot message that gives one
    is shown as a safety message, set apart from the coaching."""
    numbers: set[str] = set()
    for code in contacts.supported_regions():
        region = contacts.contacts_for(code)
        given = [region.emergency] + [n for c in region.contacts for n in (c.phone, c.text) if n]
        numbers.update(part.strip() for number in given for part in number.split(" or "))
    return sorted(numbers)


@blueprint.get("/chat")
async def chat_page(request: Request) -> HTTPResponse:
    rasa = socket_url(request)
    page = TEMPLATES.get_template("chat.html").render(
        socket_url=rasa, vendor_ready=(STATIC_DIR / "vendor" / "socket.io.min.js").exists(),
        clinic=load_clinic(), safety_numbers="|".join(safety_numbers()),
    )
    return html(page, headers=_security_headers(rasa))


def _session_from(request: Request) -> str | None:
    body = request.json if isinstance(request.json, dict) else {}
    session_id = body.get("session_id")
    return session_id if is_web_session_id(session_id) else None


@blueprint.post("/chat/history")
async def history(request: Request) -> HTTPResponse:
    session_id = _session_from(request)
    if session_id is None:
        return json_response({"error": "unknown session"}, status=400)
    messages = await asyncio.to_thread(chat_history.read_history, session_id, CHANNEL_NAME)
    return json_response({"messages": messages}, headers={"Cache-Control": "no-store"})


@blueprint.post("/chat/link")
async def link(request: Request) -> HTTPResponse:
    session_id = _session_from(request)
    body = request.json if isinstance(request.json, dict) else {}
    code = str(body.get("code") or "")
    if session_id is None:
        return json_response({"error": "unknown session"}, status=400)
    # Limited per session and per client address, in the database (bot.services.code_attempts);
    # no global limit, so one client cannot block everyone's codes.
    result = await asyncio.to_thread(identities.redeem_link_code, code[:64], session_id, CHANNEL_NAME,
                                     None, auth.client_address(request))
    status = 200 if result.ok else 429 if result.status == "busy" else 400
    return json_response(
        {"status": result.status, "message": LINK_MESSAGES[result.status], "name": result.name},
        status=status,
    )
