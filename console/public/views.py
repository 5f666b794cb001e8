"""The public registers' views: pages (``/registre/…``), JSON (``/api/v1/public/…``), CSV.

Nothing here needs a login or sets a cookie; every read is a short read-only transaction on
the register tables, run through the staff slice's offloader. The CSV export streams: it reads
:data:`console.public.service.EXPORT_CHUNK` rows at a time by keyset and writes each chunk
before reading the next.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any, Final, TypeVar

from aiohttp import web
from yarl import URL

from casestore.registerrecords import (
    DecisionQuery,
    RegisterDecisionRow,
    RegisterRentRow,
    RentQuery,
)
from console.api.keys import STAFF_OFFLOAD
from console.public import labels, params
from console.public.keys import REGISTERS
from console.public.render import STATIC, render
from console.public.service import (
    DECISION_COLUMNS,
    RENT_COLUMNS,
    decision_json,
    decision_line,
    export_query,
    municipality_name,
    rent_json,
    rent_line,
    subject_label,
    tribunal_name,
)
from locales import LANGUAGES, Translator, translator
from statemachine.catalog.decisions import STATUTES
from statemachine.catalog.municipalities import MUNICIPALITIES
from statemachine.catalog.tribunals import TRIBUNALS
from statemachine.errors import InvalidInputError, NotFoundError
from statemachine.text import N_, t

T = TypeVar("T")

NO_DECISION = N_("There is no published decision {id}.")
NO_DOCUMENT = N_("Decision {id} has no document.")

_ID: Final = re.compile(r"[1-9][0-9]{0,9}")
_STATIC: Final = re.compile(r"[a-z]+\.css")


# --- JSON -------------------------------------------------------------------------------------


async def api_decisions(request: web.Request) -> web.Response:
    """``GET /api/v1/public/decisions``: a page of the decision register."""
    tr = translator(_lang(request))
    query = params.decision_query(request.query)
    page = await _run(request, lambda: request.app[REGISTERS].decisions(query))
    return _json({"items": [decision_json(row, tr) for row in page.rows], "next": page.next})


async def api_decision(request: web.Request) -> web.Response:
    """``GET /api/v1/public/decisions/{id}``: one decision (a withdrawn version too)."""
    tr = translator(_lang(request))
    decision_id = _decision_id(request)
    row, rents = await _run(request, lambda: request.app[REGISTERS].decision(decision_id))
    body = decision_json(row, tr) | {"rents": [rent_json(rent, tr) for rent in rents]}
    return _json(body)


async def api_rents(request: web.Request) -> web.Response:
    """``GET /api/v1/public/rents``: a page of the rent register."""
    tr = translator(_lang(request))
    query = params.rent_query(request.query)
    page = await _run(request, lambda: request.app[REGISTERS].rents(query))
    return _json({"items": [rent_json(row, tr) for row in page.rows], "next": page.next})


async def document(request: web.Request) -> web.Response:
    """``GET /api/v1/public/decisions/{id}/document``: the anonymised decision as PDF."""
    decision_id = _decision_id(request)
    content = await _run(request, lambda: request.app[REGISTERS].document(decision_id))
    if content is None:
        raise NotFoundError(t(NO_DOCUMENT, id=str(decision_id)))
    response = web.Response(body=content, content_type="application/pdf")
    response.headers["Content-Disposition"] = f'inline; filename="afgoerelse-{decision_id}.pdf"'
    response.headers["Cache-Control"] = "public, max-age=3600"
    return response


# --- CSV --------------------------------------------------------------------------------------


async def csv_decisions(request: web.Request) -> web.StreamResponse:
    """``GET /api/v1/public/decisions.csv``: every decision the filter matches, streamed."""
    query: DecisionQuery = export_query(params.decision_query(request.query))
    registers = request.app[REGISTERS]
    return await _stream(
        request,
        "afgoerelser.csv",
        DECISION_COLUMNS,
        lambda after: registers.decisions(replace(query, after=after)),
        decision_line,
    )


async def csv_rents(request: web.Request) -> web.StreamResponse:
    """``GET /api/v1/public/rents.csv``: every rent the filter matches, streamed."""
    query: RentQuery = export_query(params.rent_query(request.query))
    registers = request.app[REGISTERS]
    return await _stream(
        request,
        "huslejer.csv",
        RENT_COLUMNS,
        lambda after: registers.rents(replace(query, after=after)),
        rent_line,
    )


async def _stream(
    request: web.Request,
    filename: str,
    columns: Sequence[str],
    read: Callable[[str | None], Any],
    line: Callable[[Any], list[str]],
) -> web.StreamResponse:
    """Write the header, then one chunk of rows per read until the last page."""
    first = await _run(request, lambda: read(None))
    response = web.StreamResponse(
        headers={
            "Content-Type": "text/csv; charset=utf-8",
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "no-store",
        }
    )
    response.enable_chunked_encoding()
    await response.prepare(request)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    page = first
    while True:
        writer.writerows(line(row) for row in page.rows)
        await response.write(buffer.getvalue().encode())
        buffer.seek(0)
        buffer.truncate()
        if page.next is None:
            break
        page = await _run(request, functools.partial(read, page.next))
    await response.write_eof()
    return response


# --- pages ------------------------------------------------------------------------------------


async def index(request: web.Request) -> web.Response:
    """``GET /registre``: the two registers."""
    return render(request, "index.html", lang=_lang(request, strict=False))


async def decisions_page(request: web.Request) -> web.Response:
    """``GET /registre/afgoerelser``: the decision register, filtered, a page at a time."""
    lang = _lang(request, strict=False)
    tr = translator(lang)
    given = _given(request, params.DECISION_FILTERS)
    rows: list[dict[str, Any]] = []
    errors: list[str] = []
    next_url = None
    try:
        query = params.decision_query(request.query)
        page = await _run(request, lambda: request.app[REGISTERS].decisions(query))
        rows = [_decision_view(row, tr) for row in page.rows]
        next_url = _with(request, after=page.next) if page.next else None
    except InvalidInputError as err:
        errors.append(tr.render(err.message))
    return render(
        request,
        "decisions.html",
        lang=lang,
        status=422 if errors else 200,
        given=given,
        errors=errors,
        rows=rows,
        next_url=next_url,
        first_url=_with(request, after=None) if "after" in request.query else None,
        csv_url=_csv_url(request, "/api/v1/public/decisions.csv"),
        municipalities=[(m.code, m.name) for m in sorted(MUNICIPALITIES, key=lambda m: m.name)],
        tribunals=_tribunal_options(tr),
        subjects=sorted(_options(tr, labels.SUBJECTS), key=lambda item: item[1]),
        outcomes=_options(tr, labels.OUTCOMES),
        statutes=_statute_options(given.get("statute", "")),
    )


def _statute_options(given: str) -> list[tuple[str, str]]:
    """The provisions of the list of laws, by their label (``Lov om leje, Kap. 6. …, § 42``);
    a filter on one no longer on the list (from an older link) stays shown, by its id."""
    options = [(s.id, s.label) for s in STATUTES.values()]
    if given and given not in STATUTES:
        options.insert(0, (given, given))
    return options


async def decision_page(request: web.Request) -> web.Response:
    """``GET /registre/afgoerelser/{id}``: one decision, its facts and its rents."""
    lang = _lang(request, strict=False)
    tr = translator(lang)
    decision_id = _decision_id(request)
    row, rents = await _run(request, lambda: request.app[REGISTERS].decision(decision_id))
    facts = _decision_view(row, tr) | {
        "listed": row.listed,
        "version": row.version,
        "replaced_by": row.replaced_by,
        "correction_reason": row.correction_reason,
        "withdrawn": tr.date(row.withdrawn_at.date()) if row.withdrawn_at else "",
        "tribunal": tribunal_name(tr, row.tribunal),
        "submitter": _label(tr, labels.SUBMITTERS, row.submitter),
        "filed": tr.date(row.filed_on),
        "published": tr.date(row.published_at.date()),
        "in_favour": _label(tr, labels.IN_FAVOUR, row.in_favour),
        "inspected": _label(tr, labels.LOCALLY_INSPECTED, row.locally_inspected),
        "fee": _label(tr, labels.FEE_IMPOSED, row.fee_imposed),
        "interest": _label(tr, labels.PUBLIC_INTEREST, row.public_interest),
        "statutes": [s.label for s in row.statutes],
    }
    return render(
        request,
        "decision.html",
        lang=lang,
        d=facts,
        rents=[_rent_view(rent, tr) for rent in rents],
    )


async def rents_page(request: web.Request) -> web.Response:
    """``GET /registre/huslejer``: the rent register, filtered, a page at a time."""
    lang = _lang(request, strict=False)
    tr = translator(lang)
    given = _given(request, params.RENT_FILTERS)
    rows: list[dict[str, Any]] = []
    errors: list[str] = []
    next_url = None
    try:
        query = params.rent_query(request.query)
        page = await _run(request, lambda: request.app[REGISTERS].rents(query))
        rows = [_rent_view(row, tr) for row in page.rows]
        next_url = _with(request, after=page.next) if page.next else None
    except InvalidInputError as err:
        errors.append(tr.render(err.message))
    return render(
        request,
        "rents.html",
        lang=lang,
        status=422 if errors else 200,
        given=given,
        errors=errors,
        rows=rows,
        next_url=next_url,
        first_url=_with(request, after=None) if "after" in request.query else None,
        csv_url=_csv_url(request, "/api/v1/public/rents.csv"),
        municipalities=[(m.code, m.name) for m in sorted(MUNICIPALITIES, key=lambda m: m.name)],
        tribunals=_tribunal_options(tr),
        methods=_options(tr, labels.METHODS),
        categories=_options(tr, labels.CATEGORIES),
    )


async def static(request: web.Request) -> web.FileResponse:
    """``GET /registre/static/{name}``: the pages' stylesheet."""
    name = request.match_info["name"]
    path = STATIC / name
    if not _STATIC.fullmatch(name) or not path.is_file():
        raise web.HTTPNotFound
    response = web.FileResponse(path)
    response.headers["Cache-Control"] = "public, max-age=3600"
    return response


# --- helpers ----------------------------------------------------------------------------------


def _decision_view(row: RegisterDecisionRow, tr: Translator) -> dict[str, Any]:
    return {
        "id": row.id,
        "case_number": row.case_number,
        "decided": tr.date(row.decided_on),
        "municipality": municipality_name(row.municipality_code),
        "subjects": ", ".join(subject_label(tr, s) for s in row.subjects) or "–",
        "outcome": _label(tr, labels.OUTCOMES, row.outcome),
        "document": f"/api/v1/public/decisions/{row.id}/document" if row.document_sha256 else None,
    }


def _rent_view(row: RegisterRentRow, tr: Translator) -> dict[str, Any]:
    unit = ", ".join(part for part in (row.floor and f"{row.floor}.", row.door) if part)
    street = f"{row.street} {row.number}" + (f", {unit}" if unit else "")
    return {
        "decided": tr.date(row.decided_on),
        "address": f"{street}, {row.postcode}",
        "municipality": municipality_name(row.municipality_code),
        "amount": tr.money(row.amount),
        "category": _label(tr, labels.CATEGORIES, row.category),
        "area": f"{row.area} m²",
        "method": _label(tr, labels.METHODS, row.method),
        "decision_id": row.decision_id,
    }


def _label(tr: Translator, table: Any, value: str) -> str:
    msgid = table.get(value)
    return tr.gettext(msgid) if msgid else value


def _options(tr: Translator, table: Any) -> list[tuple[str, str]]:
    return [(value, tr.gettext(msgid)) for value, msgid in table.items()]


def _tribunal_options(tr: Translator) -> list[tuple[str, str]]:
    return sorted(
        ((one.code, tribunal_name(tr, one.code)) for one in TRIBUNALS), key=lambda x: x[1]
    )


def _given(request: web.Request, names: Sequence[str]) -> dict[str, str]:
    return {name: request.query.get(name, "").strip() for name in names}


def _with(request: web.Request, *, after: str | None) -> str:
    query = {k: v for k, v in request.query.items() if k != "after" and v.strip()}
    if after is not None:
        query["after"] = after
    return str(request.rel_url.with_query(query))


def _csv_url(request: web.Request, path: str) -> str:
    query = {k: v for k, v in request.query.items() if k not in ("after", "lang") and v.strip()}
    return str(URL(path).with_query(query))


def _decision_id(request: web.Request) -> int:
    raw = request.match_info["id"]
    if not _ID.fullmatch(raw) or int(raw) > 2**31 - 1:
        raise NotFoundError(t(NO_DECISION, id=raw))
    return int(raw)


def _lang(request: web.Request, *, strict: bool = True) -> str:
    asked = request.query.get("lang")
    if asked in LANGUAGES:
        return asked
    if asked is not None and strict:
        raise InvalidInputError(t(N_("Choose the language da (Danish) or en (English).")))
    return "da"


async def _run(request: web.Request, call: Callable[[], T]) -> T:
    return await request.app[STAFF_OFFLOAD](call)


def _json(payload: Any) -> web.Response:
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    response = web.json_response(text=text)
    response.headers["Cache-Control"] = "public, max-age=60"
    return response
