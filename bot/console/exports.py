"""Exports as downloads: the case draft (DOCX, Markdown) and the raw data (CSV, JSON), from the
same export services as /eksport and `tingbot export`."""

from __future__ import annotations

from aiohttp import web

from bot.console.web import draw, visit
from bot.render.exports import FORMATS, export_bytes, export_name
from bot.services.reports import gather

TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "md": "text/markdown; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
}


async def page(request: web.Request) -> web.Response:
    """GET /c/<key>/exports: a link per format."""
    v = visit(request)
    return draw(
        request,
        "exports.html",
        v.session.language,
        v.session,
        consultation=v.consultation,
        page="exports",
        formats=FORMATS,
    )


async def download(request: web.Request) -> web.Response:
    """GET /c/<key>/export/<format>: the file, compiled now."""
    v = visit(request)
    fmt = request.match_info["format"]
    if fmt not in FORMATS:
        raise web.HTTPNotFound()
    source = await gather(v.deps, v.consultation)
    body = export_bytes(source, fmt)
    name = export_name(source, fmt)
    return web.Response(
        body=body,
        headers={
            "Content-Type": TYPES[fmt],
            "Content-Disposition": f'attachment; filename="{name}"',
        },
    )
