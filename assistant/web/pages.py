"""The chat's pages: thin views over the conversation, one question per page.

Each post is answered with a redirect to the page that shows what it did (POST/redirect/GET),
except a refused answer, which is the same question again with its errors (422), and a stale
one, which is the 409 page of where the filing is now. Every error is a page in the reader's
language, never a traceback.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any, Final

from aiohttp import web

from assistant.api.keys import CONVERSATION, OFFLOAD
from assistant.protocol import NOT_YOURS, Turn
from assistant.service import codes
from assistant.service.conversation import Started
from assistant.service.idempotency import KEY_REUSED
from assistant.web import cookies, csrf, forms, multipart, uploads, wording
from assistant.web.keys import DRAFT_DAYS
from assistant.web.receipt import receipt_of
from assistant.web.render import STATIC, render
from assistant.web.review import is_review, is_section_choice, review_of
from locales import LANGUAGES, translator
from statemachine.errors import (
    AccessError,
    ConflictError,
    InvalidInputError,
    NaevnError,
    NotFoundError,
)
from statemachine.text import N_, Text, t

View = Callable[[web.Request], Awaitable[web.StreamResponse]]

_KEY: Final = re.compile(r"[A-Za-z0-9_-]{1,100}")
"""A form's idempotency key, as the pages make them."""
_STATIC: Final = re.compile(r"[a-z][a-z0-9_-]*\.(css|js)")
"""The names of the static files."""
STATIC_MAX_AGE: Final = 3600
"""How long a browser may keep a static file without asking again."""

NO_CODE = N_("Write the resume code you were given, for example 7KQ2-M9XD-4TFA-JW3B.")
GO_ON: Final = "Press Enter to go on."
"""The prompt of a step that only tells (a msgid of the terminal chat's)."""
ENDED = N_("You are not signed in to a filing on this browser, or your sign-in has ended.")


def page(view: View) -> View:
    """Show the errors a view raises as a page in the reader's language."""

    @functools.wraps(view)
    async def wrapped(request: web.Request) -> web.StreamResponse:
        try:
            return await view(request)
        except NaevnError as err:
            lang = err.lang or cookies.lang_of(request)
            message = translator(lang).render(err.message)
            if isinstance(err, AccessError) and not isinstance(err.message, Text):
                message = translator(lang).render(t(NOT_YOURS))
            if _lost_draft(request, err):
                # The draft went (deleted) or its token did (resumed elsewhere): sign out here,
                # and offer the resume code.
                response = render(
                    request, "ended.html", status=err.status, lang=lang, message=message, code=""
                )
                cookies.clear_draft(request, response)
                return response
            return render(request, "error.html", status=err.status, lang=lang, message=message)

    return wrapped


def error_page(request: web.Request, status: int, message: Text) -> web.Response:
    """A refusal made before any view ran (no such page, a wrong method), as a page in the
    reader's language (:data:`assistant.web.keys.PAGE_ERROR`)."""
    lang = cookies.lang_of(request)
    words = translator(lang).render(message)
    return render(request, "error.html", status=status, lang=lang, message=words)


def _lost_draft(request: web.Request, err: NaevnError) -> bool:
    """Whether ``err`` says the browser's draft sign-in no longer opens its draft."""
    refused_form = isinstance(err.message, Text) and err.message.msgid == csrf.REFUSED
    signed_in = cookies.draft_of(request) is not None
    return signed_in and isinstance(err, AccessError | NotFoundError) and not refused_form


def see_other(location: str) -> web.Response:
    """A redirect after a post (303)."""
    return web.Response(status=303, headers={"Location": location})


# --- the start page -------------------------------------------------------------------------


@page
async def index(request: web.Request) -> web.StreamResponse:
    """``GET /``: what the service is, start, continue by code, Mine sager."""
    signed_in = cookies.draft_of(request) is not None
    return render(request, "start.html", errors=[], code="", signed_in=signed_in)


@page
async def start(request: web.Request) -> web.StreamResponse:
    """``POST /start``: a new filing, signed in on this browser."""
    form = await request.post()
    csrf.check(request, form)
    lang = cookies.lang_of(request)
    conversation = request.app[CONVERSATION]
    started: Started = await request.app[OFFLOAD](lambda: conversation.start(lang))
    response = see_other("/chat")
    draft = cookies.Draft(started.session, started.token, started.resume_code)
    cookies.set_draft(request, response, draft)
    return response


@page
async def resume(request: web.Request) -> web.StreamResponse:
    """``POST /resume``: continue a saved filing by its code."""
    form = await request.post()
    csrf.check(request, form)
    code = str(form.get("code", "")).strip()
    tr = translator(cookies.lang_of(request))
    if not 0 < len(code) <= 100:
        errors = [tr.render(t(NO_CODE))]
        return render(request, "start.html", status=422, errors=errors, code=code, signed_in=False)
    conversation = request.app[CONVERSATION]
    try:
        resumed: Started = await request.app[OFFLOAD](lambda: conversation.resume(code))
    except (NotFoundError, ConflictError) as err:
        message = tr.render(err.message)
        return render(
            request, "start.html", status=422, errors=[message], code=code, signed_in=False
        )
    response = see_other("/chat")
    # Kept to show again when the filer saves; normalised, it holds no separator of the cookie.
    normal = codes.normalise_resume_code(code)
    draft = cookies.Draft(resumed.session, resumed.token, normal)
    cookies.set_draft(request, response, draft)
    return response


# --- the questions --------------------------------------------------------------------------


@page
async def chat(request: web.Request) -> web.StreamResponse:
    """``GET /chat``: the current question, or the receipt once filed."""
    draft = cookies.draft_of(request)
    if draft is None:
        return _ended(request)
    turn = await _current(request, draft)
    if turn["done"]:
        response = see_other("/receipt")
        cookies.renew(request, response)
        return response
    return question(request, turn)


@page
async def answer(request: web.Request) -> web.StreamResponse:
    """``POST /chat``: one answer or action."""
    draft = cookies.draft_of(request)
    if draft is None:
        return _ended(request, status=401)
    posted = await _posted(request, draft)
    form = posted.form
    csrf.check(request, form)
    do = str(form.get("do", "answer"))
    if posted.attachment is not None and do != "answer":
        # A file chosen but another button pressed: the file is not kept.
        await _drop(request, draft, posted.attachment["id"])
        posted.attachment = None
    if do == "help":
        # The page always shows the question's help under it; the button only points there.
        return _renewed(request, see_other("/chat#value-hint"))
    if posted.error is not None and do == "answer":
        turn = await _current(request, draft)
        tr = translator(turn["lang"])
        refused: Turn = {**turn, "errors": [tr.render(posted.error)]}
        return question(request, refused, status=422, given=form.getall("value", []))
    body = forms.answer_of(form, form.getall("value", []))
    if posted.attachment is not None:
        body["value"] = {"attachment": posted.attachment["id"]}
    key = str(form.get("key", ""))
    try:
        new = await _apply(request, draft, body, key if _KEY.fullmatch(key) else None)
    except ConflictError as err:
        now = (err.details or {}).get("turn")
        if now is None:
            raise
        message = translator(now["lang"]).render(err.message)
        return _renewed(
            request,
            render(
                request,
                "conflict.html",
                status=409,
                lang=now["lang"],
                expires=cookies.expiry(),
                message=message,
                turn=now,
            ),
        )
    if new["errors"]:
        return question(request, new, status=422, given=form.getall("value", []))
    if new["done"]:
        response = _renewed(request, see_other("/receipt"))
        if new.get("access_code"):
            cookies.set_access(request, response, draft.session, new["access_code"])
        return response
    if body.get("action") == "save":
        return _renewed(request, see_other("/chat/saved"))
    return _renewed(request, see_other("/chat"))


async def _apply(
    request: web.Request, draft: cookies.Draft, body: dict[str, Any], key: str | None
) -> Turn:
    """Apply one answer under the form's idempotency key.

    A form sent again as it was (a double click, a reload) gets the turn it got the first
    time. A form sent again with another answer (the browser's back button to a page whose
    first answer was refused) is a new answer, applied without the key.
    """
    conversation = request.app[CONVERSATION]

    def apply(key: str | None) -> Turn:
        return conversation.answer(
            draft.session,
            body,
            token=draft.token,
            resume_code=draft.code or None,
            idempotency_key=key,
        )

    try:
        turn: Turn = await request.app[OFFLOAD](lambda: apply(key))
    except InvalidInputError as err:
        if not (isinstance(err.message, Text) and err.message.msgid == KEY_REUSED):
            raise
        turn = await request.app[OFFLOAD](lambda: apply(None))
    return turn


def question(
    request: web.Request,
    turn: Turn,
    *,
    status: int = 200,
    given: list[str] | None = None,
) -> web.Response:
    """The page of one question (the review and the section question included).

    Args:
        given: what the filer posted, shown again with the errors it was refused for.
    """
    turn = wording.for_the_page(turn)
    field = forms.field_of(turn)
    if given is not None:
        field = forms.refilled(field, given)
    # The terminal's "Press Enter to go on." is no heading: such a page is headed by its part.
    quiet = field.kind == "none" and turn["prompt"] == translator(turn["lang"]).gettext(GO_ON)
    review = review_of(turn) if is_review(turn) else None
    template = "question.html"
    if review is not None:
        template = "review.html"
    elif is_section_choice(turn):
        template = "section.html"
    response = render(
        request,
        template,
        status=status,
        lang=turn["lang"],
        expires=cookies.expiry(),
        turn=turn,
        field=field,
        review=review,
        key=cookies.new_csrf(),
        quiet=quiet,
        # An end of the dialogue (out of scope) asks nothing: only back or start again.
        at_end=field.kind == "none" and "help" not in turn["actions"],
        heading=turn["progress"]["title"] if quiet else turn["prompt"],
    )
    return _renewed(request, response)


@page
async def saved(request: web.Request) -> web.StreamResponse:
    """``GET /chat/saved``: the resume code, and until when the draft is kept."""
    draft = cookies.draft_of(request)
    if draft is None:
        return _ended(request)
    turn = await _current(request, draft)
    conversation = request.app[CONVERSATION]
    days = request.app[DRAFT_DAYS]
    kept = translator(turn["lang"]).date(conversation.today() + timedelta(days=days))
    response = render(
        request,
        "saved.html",
        lang=turn["lang"],
        expires=cookies.expiry(),
        turn=turn,
        code=draft.code,
        days=days,
        kept=kept,
    )
    return _renewed(request, response)


@page
async def receipt(request: web.Request) -> web.StreamResponse:
    """``GET /receipt``: the receipt of the filed case."""
    draft = cookies.draft_of(request)
    if draft is None:
        return _ended(request)
    turn = await _current(request, draft)
    if not turn["done"]:
        return _renewed(request, see_other("/chat"))
    conversation = request.app[CONVERSATION]
    today = conversation.today()
    parts = await request.app[OFFLOAD](
        lambda: receipt_of(conversation, draft.session, draft.token, today)
    )
    tr = translator(turn["lang"])
    number = turn["case_number"] or ""
    fee = [tr.render(line) for line in parts.fee]
    extra: dict[str, Any] = dict(turn)
    response = render(
        request,
        "receipt.html",
        lang=turn["lang"],
        turn=turn,
        about_number=[line for line in turn["messages"] if number and number in line],
        # The fee's lines, which the chat says among the next steps, have a heading here.
        next_steps=[
            line for line in turn["messages"] if not (number and number in line) and line not in fee
        ],
        access_code=extra.get("access_code") or cookies.access_of(request, draft.session),
        deadlines=[tr.render(line) for line in parts.deadlines],
        fee=fee,
    )
    return _renewed(request, response)


@page
async def stay(request: web.Request) -> web.StreamResponse:
    """``POST /chat/stay``: renew the sign-in (the time-out warning's "stay signed in")."""
    form = await request.post()
    csrf.check(request, form)
    response = web.Response(status=204)
    ends = cookies.renew(request, response)
    if ends is None:
        return _ended(request, status=401)
    response.headers["X-Expires"] = ends.isoformat(timespec="seconds")
    return response


# --- language and static files ---------------------------------------------------------------


@page
async def language(request: web.Request) -> web.StreamResponse:
    """``GET /lang/{lang}?next=/path``: choose the pages' language, and go back."""
    lang = request.match_info["lang"]
    if lang not in LANGUAGES:
        raise web.HTTPNotFound
    back = request.query.get("next", "/")
    local = back.startswith("/") and not back.startswith("//") and "\\" not in back
    if not local or any(ord(c) < 32 or ord(c) == 127 for c in back):
        back = "/"
    response = see_other(back)
    cookies.set_lang(request, response, lang)
    return response


async def static(request: web.Request) -> web.StreamResponse:
    """``GET /static/{name}``: the stylesheet and the script, kept by the browser a while."""
    name = request.match_info["name"]
    path = STATIC / name
    if not _STATIC.fullmatch(name) or not path.is_file():
        raise web.HTTPNotFound
    response = web.FileResponse(path)
    response.headers["Cache-Control"] = f"public, max-age={STATIC_MAX_AGE}"
    return response


# --- helpers --------------------------------------------------------------------------------


async def _current(request: web.Request, draft: cookies.Draft) -> Turn:
    conversation = request.app[CONVERSATION]
    turn: Turn = await request.app[OFFLOAD](
        lambda: conversation.current(draft.session, token=draft.token)
    )
    return turn


async def _posted(request: web.Request, draft: cookies.Draft) -> uploads.Posted:
    if request.content_type == "multipart/form-data":
        return await uploads.read(request, draft)
    return uploads.Posted(form=await multipart.fields(request))


async def _drop(request: web.Request, draft: cookies.Draft, attachment: str) -> None:
    conversation = request.app[CONVERSATION]
    await request.app[OFFLOAD](
        lambda: conversation.remove_file(draft.session, attachment, draft.token)
    )


def _renewed(request: web.Request, response: web.Response) -> web.Response:
    cookies.renew(request, response)
    return response


def _ended(request: web.Request, *, status: int = 200) -> web.Response:
    """The page for a browser without a sign-in: continue by code, or start again."""
    tr = translator(cookies.lang_of(request))
    return render(request, "ended.html", status=status, message=tr.render(t(ENDED)), code="")
