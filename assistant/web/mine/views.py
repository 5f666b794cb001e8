"""Mine sager's pages: thin views over :class:`assistant.service.mine.Mine`.

Posts answer with a redirect (POST/redirect/GET), except a refused form, which is the same
form again with its error (422, or 429 when rate-limited, with ``Retry-After``). Every error
is a page in the reader's language; a case or file the viewer may not see is the same 404 as
one that does not exist.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Awaitable, Callable
from datetime import date, timedelta
from typing import Any, Final
from urllib.parse import quote

from aiohttp import web

from assistant.api.keys import CONVERSATION, OFFLOAD
from assistant.service.mine import Mine, SavedDraft
from assistant.service.mine.scope import NOT_HERE
from assistant.service.uploads import Accepted, drop_unused
from assistant.web import cookies, csrf
from assistant.web.keys import DRAFT_DAYS
from assistant.web.mine import replies, session
from assistant.web.mine.session import client_of, mine_of, token_of
from assistant.web.render import LOCAL_TIME, render
from casestore import Store
from locales import Translator, translator
from statemachine.errors import (
    AuthenticationError,
    InvalidInputError,
    NaevnError,
    NotFoundError,
    RateLimitError,
)
from statemachine.flows.lifecycle.statuses import CLOSED_STATUSES, status_label
from statemachine.text import N_, t

View = Callable[[web.Request], Awaitable[web.StreamResponse]]

_NUMBER: Final = re.compile(r"[0-9]{3}-[0-9]{5,6}")
"""A case number in a path."""
_ATTACHMENT: Final = re.compile(r"a_[A-Za-z0-9_-]{22}")
"""An attachment id in a path."""
_DRAFT: Final = re.compile(r"s_[A-Za-z0-9_-]{22}")
"""A draft's session id in a path."""

SENT = N_("Your reply has been sent to the tribunal's secretariat.")
SENT_LATE = N_(
    "Your reply has been sent, but after the deadline. The tribunal may decide the case without it."
)
MAIL_SENT = N_(
    "If {email} is the e-mail address of a case or of a filing not sent yet, we have sent a "
    "code to it. It works for {minutes} minutes."
)


def mine_page(view: View) -> View:
    """Show the errors a view raises as a page in the reader's language; a sign-in that
    ended sends the browser to the sign-in page."""

    @functools.wraps(view)
    async def wrapped(request: web.Request) -> web.StreamResponse:
        try:
            return await view(request)
        except AuthenticationError as err:
            message = translator(cookies.lang_of(request)).render(err.message)
            response = _signin_page(request, status=401, notice=message)
            session.sign_out(request, response)
            return response
        except NaevnError as err:
            lang = err.lang or cookies.lang_of(request)
            message = translator(lang).render(err.message)
            return render(request, "mine/error.html", status=err.status, lang=lang, message=message)

    return wrapped


def see_other(location: str) -> web.Response:
    """A redirect after a post (303)."""
    return web.Response(status=303, headers={"Location": location})


def _signin_page(
    request: web.Request,
    *,
    status: int = 200,
    notice: str = "",
    errors: list[str] | None = None,
    target: str = "email",
    email: str = "",
    code: str = "",
) -> web.Response:
    return render(
        request,
        "mine/signin.html",
        status=status,
        notice=notice,
        errors=errors or [],
        target=target,
        email=email,
        code=code,
    )


def _refused(response: web.Response, err: NaevnError) -> web.Response:
    if isinstance(err, RateLimitError):
        response.headers["Retry-After"] = str(err.retry_after)
    return response


# --- sign-in ------------------------------------------------------------------------------------


@mine_page
async def index(request: web.Request) -> web.StreamResponse:
    """``GET /mine``: the viewer's cases, or the choice of how to sign in."""
    token = token_of(request)
    if token is None:
        return _signin_page(request)
    mine = mine_of(request)
    viewer, cases = await request.app[OFFLOAD](lambda: mine.cases(token))
    saved = await request.app[OFFLOAD](lambda: mine.drafts(token))
    if viewer.kind != "email" and len(cases) == 1:
        return see_other(f"/mine/cases/{cases[0].number}")
    tr = translator(cookies.lang_of(request))
    rows = [
        {
            "number": c.number,
            "status": tr.render(status_label(c.status)),
            "next_deadline": tr.date(c.next_deadline) if c.next_deadline else "",
            "filed": tr.date(c.filed_at.date()),
        }
        for c in cases
    ]
    ongoing = [r for r, c in zip(rows, cases, strict=True) if c.status not in CLOSED_STATUSES]
    closed = [r for r, c in zip(rows, cases, strict=True) if c.status in CLOSED_STATUSES]
    return render(
        request,
        "mine/cases.html",
        expires=viewer.expires_at,
        email=viewer.email or "",
        ongoing=ongoing,
        closed=closed,
        drafts=_draft_rows(saved, tr, request.app[DRAFT_DAYS]),
    )


def _draft_rows(saved: list[SavedDraft], tr: Translator, days: int) -> list[dict[str, str]]:
    """The drafts' table: what each is about, when it was last saved and until when it is kept
    if nobody continues it."""
    return [
        {
            "id": d.id,
            "case_type": tr.render(d.case_type) if d.case_type else "",
            "started": tr.date(d.started_at.astimezone(LOCAL_TIME).date()),
            "saved": tr.date(d.saved_at.astimezone(LOCAL_TIME).date()),
            "kept": tr.date(d.saved_at.astimezone(LOCAL_TIME).date() + timedelta(days=days)),
        }
        for d in saved
    ]


@mine_page
async def continue_draft(request: web.Request) -> web.StreamResponse:
    """``POST /mine/drafts/{draft}``: continue one of the viewer's drafts in the chat."""
    form = await request.post()
    csrf.check(request, form)
    draft_id = request.match_info["draft"]
    if not _DRAFT.fullmatch(draft_id):
        raise NotFoundError(t(NOT_HERE))
    token = token_of(request)
    mine = mine_of(request)
    session_id, draft_token = await request.app[OFFLOAD](
        lambda: mine.continue_draft(token, draft_id)
    )
    response = see_other("/chat")
    cookies.set_draft(request, response, cookies.Draft(session_id, draft_token, ""))
    return response


@mine_page
async def email(request: web.Request) -> web.StreamResponse:
    """``POST /mine/email``: mail a one-time code to an address."""
    form = await request.post()
    csrf.check(request, form)
    address = str(form.get("email", "")).strip()[:254]
    lang = cookies.lang_of(request)
    mine = mine_of(request)
    client = client_of(request)
    try:
        await request.app[OFFLOAD](
            lambda: mine.sign_in.mail_code(address, client=client, lang=lang)
        )
    except (InvalidInputError, RateLimitError) as err:
        message = translator(lang).render(err.message)
        status = err.status
        page = _signin_page(request, status=status, errors=[message], target="email", email=address)
        return _refused(page, err)
    notice = translator(lang).render(t(MAIL_SENT, email=address, minutes=10))
    return render(request, "mine/code.html", notice=notice, errors=[], email=address)


@mine_page
async def code(request: web.Request) -> web.StreamResponse:
    """``POST /mine/code``: sign in by the mailed code."""
    form = await request.post()
    csrf.check(request, form)
    address = str(form.get("email", "")).strip()[:254]
    typed = str(form.get("code", "")).strip()[:100]
    lang = cookies.lang_of(request)
    mine = mine_of(request)
    client = client_of(request)
    try:
        signed = await request.app[OFFLOAD](
            lambda: mine.sign_in.with_mailed_code(address, typed, client=client, lang=lang)
        )
    except (InvalidInputError, RateLimitError) as err:
        message = translator(lang).render(err.message)
        page = render(
            request, "mine/code.html", status=err.status, notice="", errors=[message], email=address
        )
        return _refused(page, err)
    response = see_other("/mine")
    session.sign_in(request, response, signed.token, signed.expires_at)
    return response


@mine_page
async def access(request: web.Request) -> web.StreamResponse:
    """``POST /mine/access``: sign in by a case's or a hearing's access code."""
    form = await request.post()
    csrf.check(request, form)
    typed = str(form.get("code", "")).strip()[:100]
    lang = cookies.lang_of(request)
    mine = mine_of(request)
    client = client_of(request)
    try:
        signed = await request.app[OFFLOAD](
            lambda: mine.sign_in.with_access_code(typed, client=client, lang=lang)
        )
    except (InvalidInputError, RateLimitError) as err:
        message = translator(lang).render(err.message)
        page = _signin_page(request, status=err.status, errors=[message], target="code", code=typed)
        return _refused(page, err)
    response = see_other("/mine")
    session.sign_in(request, response, signed.token, signed.expires_at)
    return response


@mine_page
async def stay(request: web.Request) -> web.StreamResponse:
    """``POST /mine/stay``: keep the sign-in a while longer (the time-out warning's "stay
    signed in"); 204 with ``X-Expires``, or the sign-in page (401) if it had ended."""
    form = await request.post()
    csrf.check(request, form)
    token = token_of(request)
    mine = mine_of(request)
    until = await request.app[OFFLOAD](lambda: mine.stay(token))
    response = web.Response(status=204)
    assert token is not None  # mine.stay refused a browser without one
    session.sign_in(request, response, token, until)
    response.headers["X-Expires"] = until.isoformat(timespec="seconds")
    return response


@mine_page
async def sign_out(request: web.Request) -> web.StreamResponse:
    """``POST /mine/signout``: end the sign-in on this browser."""
    form = await request.post()
    csrf.check(request, form)
    token = token_of(request)
    mine = mine_of(request)
    await request.app[OFFLOAD](lambda: mine.sign_out(token))
    response = see_other("/mine")
    session.sign_out(request, response)
    return response


# --- a case -------------------------------------------------------------------------------------


@mine_page
async def case(request: web.Request) -> web.StreamResponse:
    """``GET /mine/cases/{number}``: one case, its deadlines, messages and the reply form."""
    return await _case_page(request, errors=[], body="")


async def _case_page(
    request: web.Request, *, errors: list[str], body: str, status: int = 200
) -> web.Response:
    number = _number(request)
    token = token_of(request)
    mine: Mine = mine_of(request)
    viewer, page = await request.app[OFFLOAD](lambda: mine.case(token, number))
    tr = translator(cookies.lang_of(request))
    today = mine_today(request)
    context: dict[str, Any] = {
        "number": number,
        "kind": viewer.kind,
        "status_text": tr.render(status_label(page.case.status)),
        "closed": page.closed,
        "deadlines": [
            {"ends": tr.date(d.ends), "text": d.consequence, "passed": d.ends < today}
            for d in page.deadlines
        ],
        "messages": [
            {
                "incoming": m.direction == "in",
                "who": page.names.get(m.party_id or 0, ""),
                "at": tr.date(m.at.date()),
                "subject": m.subject,
                "body": m.body,
                "late": m.late,
                "files": [_file(page.files, a) for a in m.attachments if a in page.files],
            }
            for m in page.opened.messages
        ],
        "hearings": [
            {
                "note": h.note,
                "due": tr.date(h.reply_due),
                "passed": h.reply_due < today,
                "replied": h.replied_at is not None,
                "files": [_file(page.files, a) for a in h.material if a in page.files],
            }
            for h in page.opened.hearings
        ],
        "own_files": [
            _file(page.files, a.id)
            for a in page.files.values()
            if a.draft_id is not None and viewer.kind != "hearing"
        ],
        "sent": {"1": tr.render(t(SENT)), "late": tr.render(t(SENT_LATE))}.get(
            request.query.get("sent", ""), ""
        ),
        "errors": errors,
        "body": body,
    }
    return render(request, "mine/case.html", status=status, expires=viewer.expires_at, **context)


def _file(files: dict[str, Any], attachment_id: str) -> dict[str, Any]:
    row = files[attachment_id]
    return {"id": row.id, "name": row.filename, "size": max(1, row.size // 1024)}


def mine_today(request: web.Request) -> date:
    """Today, on the service's clock."""
    return request.app[CONVERSATION].today()


@mine_page
async def download(request: web.Request) -> web.StreamResponse:
    """``GET /mine/cases/{number}/files/{id}``: a file of the case the viewer may open."""
    number = _number(request)
    attachment_id = request.match_info["attachment"]
    if not _ATTACHMENT.fullmatch(attachment_id):
        raise _not_here()
    token = token_of(request)
    mine = mine_of(request)
    row, path = await request.app[OFFLOAD](lambda: mine.attachment(token, number, attachment_id))
    response = web.FileResponse(path)
    response.content_type = row.media_type
    ascii_name = row.filename.encode("ascii", "replace").decode().replace('"', "")
    response.headers["Content-Disposition"] = (
        f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(row.filename)}"
    )
    response.headers["Cache-Control"] = "no-store"
    return response


@mine_page
async def reply(request: web.Request) -> web.StreamResponse:
    """``POST /mine/cases/{number}/reply``: a reply with files, which lands on the case."""
    number = _number(request)
    token = token_of(request)
    mine = mine_of(request)
    # Signed in and allowed before the body is read.
    await request.app[OFFLOAD](lambda: mine.case(token, number))
    posted = await replies.read(request)
    body = str(posted.form.get("body", ""))
    tr = translator(cookies.lang_of(request))
    if posted.error is not None:
        refused = posted.files
        store = mine_store(request)
        await request.app[OFFLOAD](lambda: _drop(store, refused))
        return await _case_page(request, errors=[tr.render(posted.error)], body=body, status=422)
    files = posted.files
    try:
        _, late = await request.app[OFFLOAD](lambda: mine.reply(token, number, body, files))
    except InvalidInputError as err:
        return await _case_page(request, errors=[tr.render(err.message)], body=body, status=422)
    return see_other(f"/mine/cases/{number}?sent={'late' if late else '1'}")


def _drop(store: Store, files: list[Accepted]) -> None:
    for f in files:
        drop_unused(store, f.blob)


def mine_store(request: web.Request) -> Store:
    """The store under the service (to drop refused files' blobs)."""
    return request.app[CONVERSATION].store


def _number(request: web.Request) -> str:
    number = request.match_info["number"]
    if not _NUMBER.fullmatch(number):
        raise _not_here()
    return number


def _not_here() -> NaevnError:
    return NotFoundError(t(NOT_HERE))
