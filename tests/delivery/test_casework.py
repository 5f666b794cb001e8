"""Mail queued by a step on a case is delivered with the case's documents, and only if the
step's transaction commits."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from casestore import OutboxMail, Store
from naevn.delivery import Round
from tests.casestore.helpers import submission
from tests.delivery.conftest import PDF, Clock, Inbox, SmtpServer, worker


def filed_case(store: Store) -> tuple[str, str]:
    """A filed case with one document; returns its number and the document's id."""
    ref = store.blobs.put_chunks([PDF])
    with store.begin() as tx:
        draft = tx.create_draft(
            draft_id="s_" + "1" * 22,
            token_hash="t",
            resume_hash="r",
            lang="da",
            state="ask_role",
            data={},
        )
        document = tx.add_attachment(
            draft.id,
            filename="varsel.pdf",
            size=ref.size,
            sha256=ref.sha256,
            media_type="application/pdf",
        ).id
        number = tx.submit(draft.id, submission(attachments=[(document, "rent_increase_notice")]))
    return number, document


def test_a_message_on_a_case_reaches_the_party_with_the_chosen_document(
    store: Store, smtp: SmtpServer, inbox: Inbox, clock: Clock, tmp_path: Path
) -> None:
    number, document = filed_case(store)
    letter = OutboxMail(
        kind="message",
        recipient="udlejer@example.dk",
        recipient_name="Ejendomsselskabet Nord ApS",
        subject=f"Sag {number}: varsel om lejeforhøjelse",
        body="Nævnet har modtaget en klage. Varslet er vedlagt.\n",
        attachments=(document,),
    )
    with store.begin() as tx:
        tx.add_message(
            number,
            staff_id=None,
            recipient="all",
            subject=letter.subject,
            body=letter.body,
            attachments=[document],
            actor="staff:1",
            mail=[letter],
        )

    done = asyncio.run(worker(store, smtp.sender(), clock, tmp_path).deliver_due())

    assert done == Round(claimed=1, sent=1)
    (received,) = inbox.messages
    assert received["Subject"] == f"Sag {number}: varsel om lejeforhøjelse"
    (part,) = received.iter_attachments()
    assert (part.get_filename(), part.get_content()) == ("varsel.pdf", PDF)
    with store.read() as tx:
        (sent,) = tx.outbox_list()
        assert sent.case_id == tx.case_scope(number)[0]


def test_a_step_rolled_back_after_queueing_its_letter_sends_nothing(
    store: Store, smtp: SmtpServer, inbox: Inbox, clock: Clock, tmp_path: Path
) -> None:
    number, _ = filed_case(store)
    letter = OutboxMail("message", "udlejer@example.dk", "Nord ApS", "Emne", "Tekst\n")
    with pytest.raises(RuntimeError), store.begin() as tx:
        tx.add_message(
            number,
            staff_id=None,
            recipient="all",
            subject="Emne",
            body="Tekst\n",
            attachments=[],
            actor="staff:1",
            mail=[letter],
        )
        raise RuntimeError("the step failed after the letter was queued")

    assert asyncio.run(worker(store, smtp.sender(), clock, tmp_path).deliver_due()) == Round()
    assert inbox.messages == []
