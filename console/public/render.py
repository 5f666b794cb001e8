"""The register pages from Jinja2 templates, in the reader's language.

The conventions of the citizen's pages (``assistant/web/render.py``, which ``console`` may not
import): autoescape on, ``_`` and ``ngettext`` translate into the page's language and then fill
named placeholders, the page's ``lang`` on ``<html>``, and no inline script or style, so the
service's Content-Security-Policy holds. The pages set no cookie: the language is ``?lang=``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Final

import jinja2
from aiohttp import web

from locales import translator

TEMPLATES: Final = Path(__file__).parent / "templates"
"""The register pages' templates."""
STATIC: Final = Path(__file__).parent / "static"
"""Their stylesheet."""

_ENV: Final = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
    undefined=jinja2.StrictUndefined,
    auto_reload=False,
)


def render(
    request: web.Request, name: str, *, lang: str, status: int = 200, **context: Any
) -> web.Response:
    """The template ``name`` as an HTML response in ``lang``.

    Args:
        request: the request it answers.
        name: the template's path under ``templates/``.
        lang: the page's language.
        status: the HTTP status.
        context: the template's own variables.
    """
    tr = translator(lang)

    def gettext(msgid: str, **params: Any) -> str:
        text = tr.gettext(msgid)
        return text.format(**params) if params else text

    def ngettext(singular: str, plural: str, n: int, **params: Any) -> str:
        return tr.ngettext(singular, plural, n).format(n=n, count=n, **params)

    other = "en" if lang == "da" else "da"
    query = {k: v for k, v in request.query.items() if k not in ("lang", "after")}
    switch = request.rel_url.with_query({**query, "lang": other})
    page = _ENV.get_template(name).render(
        _=gettext,
        gettext=gettext,
        ngettext=ngettext,
        lang=lang,
        other_lang=other,
        switch_url=str(switch),
        **context,
    )
    response = web.Response(text=page, status=status, content_type="text/html", charset="utf-8")
    response.headers["Cache-Control"] = "public, max-age=60"
    return response
