"""What makes the chat page the clinic's own: colours, logo, icons, web app manifest
and the privacy page.

The chat page's content security policy forbids inline styles, so the clinic's
colours (checked for contrast in `bot.clinic`) are served as a small stylesheet.
"""

from __future__ import annotations

import json
from pathlib import Path

from sanic import Blueprint
from sanic.request import Request
from sanic.response import HTTPResponse, file, html, raw

from bot.clinic import LOGO_TYPES, ClinicConfig, load_clinic
from bot.web.chat import STATIC_DIR, TEMPLATES, _security_headers, socket_url

blueprint = Blueprint("chat_brand")
CACHE_SHORT = {"Cache-Control": "public, max-age=300"}


def theme_css(clinic: ClinicConfig) -> str:
    """CSS custom properties the chat page's stylesheet reads."""
    return (
        ":root {\n"
        f"  --accent: {clinic.brand_colour};\n"
        f"  --accent-ink: {clinic.brand_text_colour};\n"
        f"  --user: {clinic.brand_colour};\n"
        "}\n"
    )


def manifest(clinic: ClinicConfig) -> dict[str, object]:
    """A web app manifest, so that a phone can add the chat to its home screen."""
    icons = [
        {"src": f"/chat/static/icon-{size}.png", "sizes": f"{size}x{size}", "type": "image/png",
         "purpose": "any"}
        for size in (192, 512)
    ]
    icons.append({"src": "/chat/static/icon.svg", "sizes": "any", "type": "image/svg+xml"})
    return {
        "name": f"{clinic.name}: Pacer",
        "short_name": "Pacer",
        "description": "An automated self-management coach for living with persistent pain.",
        "start_url": "/chat",
        "scope": "/chat",
        "id": "/chat",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": clinic.brand_colour,
        "icons": icons,
    }


@blueprint.get("/chat/theme.css")
async def theme(_: Request) -> HTTPResponse:
    return raw(theme_css(load_clinic()).encode(), content_type="text/css; charset=utf-8",
               headers=CACHE_SHORT)


@blueprint.get("/chat/manifest.webmanifest")
async def web_manifest(_: Request) -> HTTPResponse:
    return raw(json.dumps(manifest(load_clinic())).encode(),
               content_type="application/manifest+json", headers=CACHE_SHORT)


@blueprint.get("/chat/logo")
async def logo(_: Request) -> HTTPResponse:
    clinic = load_clinic()
    path = Path(clinic.logo) if clinic.logo else STATIC_DIR / "icon.svg"
    return await file(path, mime_type=LOGO_TYPES[path.suffix.lower()], headers=CACHE_SHORT)


@blueprint.get("/favicon.ico")
async def favicon(_: Request) -> HTTPResponse:
    return await file(STATIC_DIR / "icon-32.png", mime_type="image/png", headers=CACHE_SHORT)


@blueprint.get("/chat/privacy")
async def privacy(request: Request) -> HTTPResponse:
    page = TEMPLATES.get_template("privacy.html").render(clinic=load_clinic())
    return html(page, headers=_security_headers(socket_url(request)))
