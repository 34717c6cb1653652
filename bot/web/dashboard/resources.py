"""Dashboard pages for the clinic's resources (groups, classes, services, online programmes).

Any signed-in clinician may list, add, edit and archive them: they are the clinic's shared
list, not a patient's record. Every change is written to the audit log in the same
transaction; forms carry the CSRF token (checked by `auth.login_required`).
"""

from __future__ import annotations

from sanic.exceptions import NotFound
from sanic.request import Request
from sanic.response import HTTPResponse, redirect

from bot.coaching.resources import KINDS, TOPICS
from bot.services import dashboard_actions as actions
from bot.services import read_models, resources
from bot.web import auth
from bot.web.dashboard.routes import blueprint, off_loop, render

FORM_FIELDS = ("name", "kind", "description", "when_text", "where_text", "how_to_join", "contact")


def _form_values(request: Request) -> tuple[dict[str, str], list[str]]:
    form = request.form or {}
    return {key: form.get(key, "") for key in FORM_FIELDS}, list(form.getlist("tags") or [])


def _render_form(request: Request, values: dict, tags: list[str], errors: list[str], resource_id: int | None,
                 status: int = 200) -> HTTPResponse:
    return render(request, "resource_form.html", status=status, values=values, tags=set(tags), errors=errors,
                  resource_id=resource_id, kinds=KINDS, topics=TOPICS)


@blueprint.get("/dashboard/resources")
@auth.login_required
async def resource_list(request: Request) -> HTTPResponse:
    rows, counts = await off_loop(read_models.resource_list)
    return render(request, "resources.html", resources=rows, counts=counts, kinds=KINDS, topics=TOPICS,
                  saved=request.args.get("saved"))


@blueprint.get("/dashboard/resources/new")
@auth.login_required
async def new_resource(request: Request) -> HTTPResponse:
    return _render_form(request, {key: "" for key in FORM_FIELDS}, [], [], None)


@blueprint.post("/dashboard/resources")
@auth.login_required
async def create_resource(request: Request) -> HTTPResponse:
    values, tags = _form_values(request)
    form, errors = resources.parse_form(values, tags)
    if form is None:
        return _render_form(request, values, tags, errors, None, status=400)
    resource_id = await off_loop(actions.create_resource, request.ctx.clinician, form)
    return redirect(f"/dashboard/resources?saved={resource_id}#resource-{resource_id}", status=303)


@blueprint.get("/dashboard/resources/<resource_id:int>/edit")
@auth.login_required
async def edit_resource(request: Request, resource_id: int) -> HTTPResponse:
    resource = await off_loop(read_models.resource, resource_id)
    if resource is None:
        raise NotFound("No such resource.")
    values = {key: getattr(resource, key) or "" for key in FORM_FIELDS}
    return _render_form(request, values, list(resource.tags or []), [], resource.id)


@blueprint.post("/dashboard/resources/<resource_id:int>")
@auth.login_required
async def update_resource(request: Request, resource_id: int) -> HTTPResponse:
    values, tags = _form_values(request)
    form, errors = resources.parse_form(values, tags)
    if form is None:
        if await off_loop(read_models.resource, resource_id) is None:
            raise NotFound("No such resource.")
        return _render_form(request, values, tags, errors, resource_id, status=400)
    try:
        await off_loop(actions.update_resource, request.ctx.clinician, resource_id, form)
    except LookupError as error:
        raise NotFound("No such resource.") from error
    return redirect(f"/dashboard/resources?saved={resource_id}#resource-{resource_id}", status=303)


@blueprint.post("/dashboard/resources/<resource_id:int>/archive")
@auth.login_required
async def archive_resource(request: Request, resource_id: int) -> HTTPResponse:
    archive = (request.form.get("archive") or "1") != "0"
    try:
        await off_loop(actions.archive_resource, request.ctx.clinician, resource_id, archive)
    except LookupError as error:
        raise NotFound("No such resource.") from error
    return redirect(f"/dashboard/resources#resource-{resource_id}", status=303)
