"""The web page at ``/``: search a state, its timeline and alignment charts, a SPARQL editor.

The page itself is static JavaScript (``static/app.js``) over the public endpoints: ``/api/*`` for
the stored questions, ``/sparql`` for the state list and the evidence links. Chart.js draws the
charts and YASGUI is the editor; both are vendored under ``static/vendor/`` with their licences.
"""
from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from kg.server.linked import templates

router = APIRouter(include_in_schema=False)


@router.get("/")
async def index(request: Request) -> Response:
    return templates.TemplateResponse(request, "index.html", {"base": request.app.state.config.base,
                                                              "title": "geokg"})
