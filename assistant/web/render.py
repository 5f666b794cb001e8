"""Pages from Jinja2 templates, in the reader's language, with what every page needs.

:func:`render` puts ``_`` and ``ngettext`` (translating into the page's language, then filling
named placeholders), ``lang``, ``csrf``, ``path`` and ``expires`` into every template, and gives
the browser its CSRF cookie if it has none.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any, Final
from zoneinfo import ZoneInfo

import jinja2
from aiohttp import web

from assistant.web import cookies
from locales import translator

TEMPLATES: Final = Path(__file__).parent / "templates"
"""The pages' templates."""
STATIC: Final = Path(__file__).parent / "static"
"""The stylesheet and the script."""
LOCAL_TIME: Final = ZoneInfo("Europe/Copenhagen")
"""The time zone the pages tell times in."""

_ENV: Final = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
    undefined=jinja2.StrictUndefined,
    # The templates ship with the code: no stat() of every template on every page.
    auto_reload=False,
)


def render(
    request: web.Request,
    name: str,
    *,
    status: int = 200,
    lang: str | None = None,
    expires: datetime | None = None,
    **context: Any,
) -> web.Response:
    """The template ``name`` as an HTML response.

    Args:
        request: the request it answers.
        name: the template's path under ``templates/``.
        status: the HTTP status.
        lang: the page's language; by default the filer's choice of page language.
        expires: when the draft sign-in ends, if the page is signed in (for ``data-expires``
            and the sentence that says when).
        context: the template's own variables.
    """
    lang = lang or cookies.lang_of(request)
    tr = translator(lang)
    csrf = cookies.csrf_value(request)
    fresh = csrf is None
    if csrf is None:
        csrf = cookies.new_csrf()

    def gettext(msgid: str, **params: Any) -> str:
        text = tr.gettext(msgid)
        return text.format(**params) if params else text

    def ngettext(singular: str, plural: str, n: int, **params: Any) -> str:
        return tr.ngettext(singular, plural, n).format(n=n, count=n, **params)

    page = _ENV.get_template(name).render(
        _=gettext,
        gettext=gettext,
        ngettext=ngettext,
        lang=lang,
        csrf=csrf,
        path=request.path_qs,
        expires=expires.isoformat(timespec="seconds") if expires else "",
        expires_at=expires.astimezone(LOCAL_TIME).strftime("%H:%M") if expires else "",
        **context,
    )
    response = web.Response(text=page, status=status, content_type="text/html", charset="utf-8")
    response.headers["Cache-Control"] = "no-store"
    if fresh:
        cookies.set_csrf(request, response, csrf)
    return response
