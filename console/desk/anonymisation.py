"""The anonymisation on the desk: the preview of every replacement in a registered decision's
text, the caseworker's choices (keep, revert, add), and accepting the preview, which is then
what the registers publish (a mixin of :class:`console.desk.Desk`).

- ``anonymisation``: the saved preview of the case's current decision, else a fresh proposal
  (:func:`statemachine.anonymisation.propose`, the case's own parties first), unsaved
  (``version`` 0).
- ``save_anonymisation``: the caseworker's list of replacements, each checked against the text;
  the kept ones may not overlap. Saving an accepted preview makes it a proposal again.
- ``accept_anonymisation``: the preview as it stands is accepted for publication (a never
  saved proposal is saved and accepted at once).
- ``anonymise_text``: any text of the case (a hearing letter, an access request) with the
  proposed replacements, kept nowhere.

Once the register shows a decision version, its anonymisation is not changed: a change needs
a corrected decision, which is published as a new register version.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from itertools import pairwise
from typing import Any, Final

from casestore import AnonymisationRow, CaseWork, DecisionRow, Tx
from console.access import Staff
from console.desk.base import DeskBase
from console.desk.casefile import Json
from console.desk.checks import written
from console.desk.decisionpdf import DOCUMENT_LANG, draft_of, rendered
from console.desk.decisions import appeal_deadline
from locales import Translator, translator
from statemachine import anonymisation as engine
from statemachine.errors import ConflictError, InvalidInputError, NaevnError
from statemachine.text import N_, t

MAX_SPANS: Final = 5000
"""The most replacements one text keeps."""
MAX_REPLACEMENT: Final = 200
"""The longest text that stands instead of a replaced one."""
MAX_TEXT: Final = 200_000
"""The longest text :meth:`Anonymisations.anonymise_text` takes."""

STATE_LABELS: Final = {
    "proposed": N_("Not accepted yet"),
    "accepted": N_("Accepted for publication"),
}
NO_DECISION = N_("Case {number} has no registered decision to anonymise.")
ALREADY_PUBLISHED = N_(
    "The register already shows this decision of case {number} as it was anonymised. To change "
    "it, correct the decision; the correction is anonymised and published as a new version."
)
BAD_SPANS = N_("spans must be a list of replacements.")
BAD_SPAN = N_(
    "Replacement {index} must have start and end (whole numbers within the text, start before "
    "end), kind ({kinds}), source, replacement and kept (true or false)."
)
TOO_MANY = N_("A text can have at most {most} replacements.")
OVERLAP = N_(
    "Replacements {first} and {second} cover the same words. Revert one of them (kept: false)."
)

_SOURCES: Final = ("party", "pattern", "name_list", "caseworker")


class Anonymisations(DeskBase):
    """The desk methods of a decision's anonymisation (see :class:`console.desk.Desk`)."""

    def anonymisation(self, staff: Staff, number: str, *, lang: str = "da") -> Json:
        """``GET /cases/{number}/anonymisation``: the preview of the current decision.

        Raises:
            NotFoundError: no such case in the caller's tribunals.
            AccessError: the role may not anonymise (caseworkers and leads may).
            ConflictError: the case has no registered decision (409).
        """
        with self._store.read() as tx:
            case_id = self._scope(tx, staff, number, "anonymise")[0]
            work = tx.casework(number)
            decision = _decision(tx, case_id, number)
            saved = tx.anonymisation_of(case_id, decision.version)
            row = saved or _proposal(work, decision)
            return _json(work, decision, row, translator(lang), _name(tx, row.accepted_by))

    def save_anonymisation(
        self,
        staff: Staff,
        number: str,
        *,
        version: int,
        spans: Any,
        lang: str = "da",
    ) -> Json:
        """``PUT /cases/{number}/anonymisation``: save the caseworker's replacements; the
        preview after it (a proposal, to be accepted).

        Args:
            version: the preview's version the caller read (0: the unsaved proposal).
            spans: every replacement, kept or reverted (start, end, kind, source,
                replacement, kept).

        Raises:
            InvalidInputError: a replacement outside the text, of an unknown kind, or kept ones
                that overlap (422).
            NotFoundError: no such case in the caller's tribunals.
            AccessError: the role may not anonymise.
            ConflictError: a stale version, no registered decision, or the register already
                shows this decision (409).
        """
        with self._store.begin() as tx:
            case_id = self._scope(tx, staff, number, "anonymise")[0]
            work = tx.casework(number)
            decision = _decision(tx, case_id, number)
            _unpublished(tx, number, decision)
            saved = tx.anonymisation_of(case_id, decision.version)
            text = saved.text if saved is not None else decision_text(work, decision)
            checked = checked_spans(text, spans)
            row = tx.save_anonymisation(
                case_id,
                decision.version,
                text=text,
                spans=checked,
                actor=staff.actor,
                expected_version=version,
            )
            return _json(work, decision, row, translator(lang), _name(tx, row.accepted_by))

    def accept_anonymisation(
        self, staff: Staff, number: str, *, version: int, lang: str = "da"
    ) -> Json:
        """``POST /cases/{number}/anonymisation/accept``: accept the preview at ``version``
        for publication (``version`` 0: the proposal as it stands, saved and accepted).

        Raises:
            NotFoundError: no such case in the caller's tribunals.
            AccessError: the role may not anonymise.
            ConflictError: a stale version, no registered decision, or the register already
                shows this decision (409).
        """
        with self._store.begin() as tx:
            case_id = self._scope(tx, staff, number, "anonymise")[0]
            work = tx.casework(number)
            decision = _decision(tx, case_id, number)
            _unpublished(tx, number, decision)
            if version == 0 and tx.anonymisation_of(case_id, decision.version) is None:
                proposal = _proposal(work, decision)
                version = tx.save_anonymisation(
                    case_id,
                    decision.version,
                    text=proposal.text,
                    spans=proposal.spans,
                    actor=staff.actor,
                    expected_version=0,
                ).version
            row = tx.accept_anonymisation(
                case_id, decision.version, actor=staff.actor, expected_version=version
            )
            return _json(work, decision, row, translator(lang), _name(tx, row.accepted_by))

    def anonymise_text(self, staff: Staff, number: str, text: str, *, lang: str = "da") -> Json:
        """``POST /cases/{number}/anonymise``: any text of the case (for a hearing or an access
        request) with the replacements the anonymisation proposes; nothing is kept.

        Raises:
            InvalidInputError: an empty or too long text (422).
            NotFoundError: no such case in the caller's tribunals.
            AccessError: the role may not anonymise.
        """
        words = translator(lang)
        plain = written(text, N_("text"), MAX_TEXT)
        with self._store.read() as tx:
            self._scope(tx, staff, number, "anonymise")
            work = tx.casework(number)
        spans = _proposed(plain, work)
        return {
            "number": number,
            "text": plain,
            "result": result_of(plain, spans),
            "spans": [_span_json(span, words) for span in spans],
        }


def decision_text(work: CaseWork, decision: DecisionRow) -> str:
    """A registered decision's text as the registers publish it once anonymised: the standard
    sentence and every section (AFGØRELSE, SAGSFREMSTILLING, LOVGRUNDLAG OG BEGRUNDELSE,
    KLAGEVEJLEDNING), in Danish, paragraphs parted by an empty line."""
    notified = decision.notified_on or decision.decided_on or work.filed_at.date()
    ends = appeal_deadline(work, notified).ends
    dated: date = decision.decided_on or notified
    document = rendered(draft_of(work, decision, dated, ends), DOCUMENT_LANG)
    parts: list[str] = [document["standard"]]
    for section in document["sections"]:
        parts.append(str(section["heading"]))
        parts.extend(str(p) for p in section["paragraphs"])
        parts.extend(f"- {item}" for item in section["items"])
    return "\n\n".join(p for p in parts if p)


def known_parties(work: CaseWork) -> list[engine.KnownParty]:
    """The case's parties as the anonymisation finds them, each named by its side."""
    answers = work.answers
    side = answers.get("ask_role")
    if side == "representative":
        side = answers.get("ask_represents")
    filer: engine.PartyRole = "party"
    other: engine.PartyRole = "party"
    if side in ("tenant", "tenant_board"):
        filer, other = ("tenant" if side == "tenant" else "tenant_board"), "landlord"
    elif side == "landlord":
        filer, other = "landlord", "tenant"
    roles: dict[str, engine.PartyRole] = {
        "filer": filer,
        "co_party": filer,
        "counterparty": other,
        "representative": "representative",
    }
    return [
        engine.KnownParty(
            role=roles.get(str(party["role"]), "party"),
            name=str(party["name"]),
            organisation=party["kind"] == "company",
            address=party.get("address") or None,
            email=party.get("email") or None,
            phone=party.get("phone") or None,
        )
        for party in work.parties
        if str(party.get("name") or "").strip()
    ]


def checked_spans(text: str, spans: Any) -> list[dict[str, Any]]:
    """The caseworker's replacements, checked against ``text``, in text order, each with the
    words it covers.

    Raises:
        InvalidInputError: not a list, too many, one that does not fit, or kept ones that
            overlap.
    """
    if not isinstance(spans, list):
        raise InvalidInputError(t(BAD_SPANS))
    if len(spans) > MAX_SPANS:
        raise InvalidInputError(t(TOO_MANY, most=MAX_SPANS))
    checked: list[dict[str, Any]] = []
    for index, span in enumerate(spans, start=1):
        checked.append(_checked(text, span, index))
    checked.sort(key=lambda s: (s["start"], s["end"]))
    kept = [s for s in checked if s["kept"]]
    for before, after in pairwise(kept):
        if after["start"] < before["end"]:
            raise InvalidInputError(
                t(OVERLAP, first=repr(before["original"]), second=repr(after["original"]))
            )
    return checked


def result_of(text: str, spans: Sequence[Mapping[str, Any]]) -> str:
    """The text with every kept replacement in place: what gets published."""
    return engine.apply(
        text, [(int(s["start"]), int(s["end"]), str(s["replacement"])) for s in spans if s["kept"]]
    )


def accepted_text(tx: Tx, case_id: int, decision: DecisionRow) -> str | None:
    """The accepted anonymised text of ``decision``: what the registers publish; None until
    the preview of this very decision version is accepted."""
    saved = tx.anonymisation_of(case_id, decision.version)
    if saved is None or not saved.accepted:
        return None
    return result_of(saved.text, saved.spans)


# --- helpers ----------------------------------------------------------------------------------


def _decision(tx: Tx, case_id: int, number: str) -> DecisionRow:
    decision = tx.current_decision(case_id)
    if decision is None:
        raise ConflictError(t(NO_DECISION, number=number))
    return decision


def _unpublished(tx: Tx, number: str, decision: DecisionRow) -> None:
    listed = tx.listed_decision_of(number)
    if listed is not None and listed.version >= decision.version:
        raise ConflictError(t(ALREADY_PUBLISHED, number=number))


def _proposed(text: str, work: CaseWork) -> list[dict[str, Any]]:
    danish = translator(DOCUMENT_LANG)
    return [
        {
            "start": span.start,
            "end": span.end,
            "original": span.original,
            "replacement": danish.render(span.replacement),
            "kind": span.kind,
            "source": span.source,
            "kept": True,
        }
        for span in engine.propose(text, known_parties(work))
    ]


def _proposal(work: CaseWork, decision: DecisionRow) -> AnonymisationRow:
    """The unsaved proposal for a decision version (version 0)."""
    text = decision_text(work, decision)
    return AnonymisationRow(
        id=0,
        case_id=decision.case_id,
        decision_version=decision.version,
        version=0,
        state="proposed",
        text=text,
        spans=tuple(_proposed(text, work)),
        updated_at=work.filed_at,
        updated_by="",
        accepted_at=None,
        accepted_by=None,
    )


def _checked(text: str, span: Any, index: int) -> dict[str, Any]:
    bad = InvalidInputError(t(BAD_SPAN, index=index, kinds=", ".join(engine.KINDS)))
    if not isinstance(span, Mapping):
        raise bad
    start, end, kept = span.get("start"), span.get("end"), span.get("kept")
    kind, source = span.get("kind"), span.get("source", "caseworker")
    replacement = span.get("replacement")
    if (
        type(start) is not int
        or type(end) is not int
        or not 0 <= start < end <= len(text)
        or type(kept) is not bool
        or kind not in engine.KINDS
        or source not in _SOURCES
        or not isinstance(replacement, str)
    ):
        raise bad
    return {
        "start": start,
        "end": end,
        "original": text[start:end],
        "replacement": written(replacement, N_("replacement"), MAX_REPLACEMENT),
        "kind": kind,
        "source": source,
        "kept": kept,
    }


def _span_json(span: Mapping[str, Any], words: Translator) -> Json:
    return {
        "start": span["start"],
        "end": span["end"],
        "original": span["original"],
        "replacement": span["replacement"],
        "kind": span["kind"],
        "kind_label": words.render(t(engine.KIND_LABELS[span["kind"]])),
        "source": span["source"],
        "source_label": words.render(t(engine.SOURCE_LABELS[span["source"]])),
        "kept": span["kept"],
    }


def _name(tx: Tx, actor: str | None) -> str | None:
    """The staff member's name for an audit actor ``staff:<id>`` (the actor if none)."""
    if actor is None or not actor.startswith("staff:") or not actor[6:].isdigit():
        return actor
    try:
        return tx.get_staff(int(actor[6:])).name
    except NaevnError:
        return actor


def _json(
    work: CaseWork,
    decision: DecisionRow,
    row: AnonymisationRow,
    words: Translator,
    accepted_by: str | None,
) -> Json:
    return {
        "number": work.number,
        "decision_version": decision.version,
        "version": row.version,
        "state": row.state,
        "state_label": words.render(t(STATE_LABELS[row.state])),
        "text": row.text,
        "result": result_of(row.text, row.spans),
        "spans": [_span_json(span, words) for span in row.spans],
        "kinds": [
            {"value": kind, "label": words.render(t(engine.KIND_LABELS[kind]))}
            for kind in engine.KINDS
        ],
        "accepted_by": accepted_by,
        "accepted_at": row.accepted_at.isoformat() if row.accepted_at else None,
        "can_accept": not row.accepted,
    }
