"""The board's meetings on the desk: plan, build the agenda from ready cases (the lifecycle
step in the same transaction), order it, summon the parties, print it; and what board
members can and cannot reach."""

from __future__ import annotations

from pathlib import Path

import pytest

from locales import translator
from statemachine.errors import AccessError, ConflictError, InvalidInputError, NotFoundError
from tests.console.meetings.helpers import MEETING_AT, members, open_office, pdf_text


def test_a_meeting_and_its_agenda_from_the_ready_cases(db_url: str, tmp_path: Path) -> None:
    with open_office(db_url, tmp_path) as office:
        desk, lead = office.desk, office.staff["lead"]
        made = desk.new_meeting(
            lead,
            "hln-101",
            starts_at=MEETING_AT,
            place="Rådhuset, mødelokale 3",
            members=members(office.staff["board"].id),
            lang="en",
        )
        assert made["starts_at"] == "2026-12-15T09:30:00+01:00"
        assert [m["seat_label"] for m in made["members"]] == [
            "Chair",
            "Member (tenants' side)",
            "Member (landlords' side)",
        ]
        ready = desk.ready_cases(lead, made["id"])
        assert [c["number"] for c in ready["cases"]] == office.ready
        for number in office.ready:
            desk.add_agenda_item(lead, made["id"], number)
        first = office.ready[0]
        meeting = desk.add_agenda_item(
            lead,
            made["id"],
            first,
            kind="inspection",
            inspection_at="2026-12-14T13:00",
            lang="en",
        )
        assert [(i["number"], i["kind"]) for i in meeting["agenda"]] == [
            (office.ready[0], "case"),
            (office.ready[1], "case"),
            (office.ready[2], "case"),
            (first, "inspection"),
        ]
        assert meeting["agenda"][3]["place"] == "Røde Mellemvej 1, 2300 København S"
        for number in office.ready:
            assert desk.case(lead, number)["status"] == "on_agenda"
        assert desk.ready_cases(lead, made["id"])["cases"] == []
        last = meeting["agenda"][3]["id"]
        moved = desk.move_agenda_item(lead, made["id"], last, "up")
        assert [i["id"] for i in moved["agenda"]][2] == last
        top = desk.move_agenda_item(lead, made["id"], moved["agenda"][0]["id"], "up")
        assert [i["id"] for i in top["agenda"]] == [i["id"] for i in moved["agenda"]]
        removed = desk.remove_agenda_item(lead, made["id"], moved["agenda"][0]["id"])
        assert [i["number"] for i in removed["agenda"]] == [
            office.ready[1],
            first,
            office.ready[2],
        ]
        assert [i["position"] for i in removed["agenda"]] == [2, 3, 4]
        listed = desk.meetings(lead)["meetings"]
        assert [(m["id"], m["items"]) for m in listed] == [(made["id"], 3)]


def test_only_a_lead_plans_and_only_ready_cases_go_on(db_url: str, tmp_path: Path) -> None:
    with open_office(db_url, tmp_path) as office:
        desk, lead = office.desk, office.staff["lead"]
        with pytest.raises(AccessError):
            desk.new_meeting(
                office.staff["caseworker"],
                "hln-101",
                starts_at=MEETING_AT,
                place="X",
                members=members(),
            )
        with pytest.raises(NotFoundError):
            desk.new_meeting(lead, "hln-147", starts_at=MEETING_AT, place="X", members=members())
        with pytest.raises(InvalidInputError):
            desk.new_meeting(lead, "hln-101", starts_at="soon", place="X", members=members())
        with pytest.raises(InvalidInputError):
            desk.new_meeting(lead, "hln-101", starts_at=MEETING_AT, place="X", members=[])
        with pytest.raises(InvalidInputError):  # a caseworker's account is no board member's
            desk.new_meeting(
                lead,
                "hln-101",
                starts_at=MEETING_AT,
                place="X",
                members=members(office.staff["caseworker"].id),
            )
        made = desk.new_meeting(lead, "hln-101", starts_at=MEETING_AT, place="X", members=members())
        with pytest.raises(NotFoundError):  # another tribunal's case: as if none
            desk.add_agenda_item(lead, made["id"], office.away)
        with pytest.raises(AccessError):
            desk.add_agenda_item(office.staff["caseworker"], made["id"], office.ready[0])
        desk.add_agenda_item(lead, made["id"], office.ready[0])
        with pytest.raises(ConflictError):
            desk.add_agenda_item(lead, made["id"], office.ready[0])
        other = desk.new_meeting(
            lead, "hln-101", starts_at="2026-12-20T10:00", place="Y", members=members()
        )
        with pytest.raises(ConflictError):
            desk.add_agenda_item(lead, other["id"], office.ready[0])
        with pytest.raises(NotFoundError):  # another tribunal's meeting: as if none
            desk.meeting(office.staff["stranger"], made["id"])
        with pytest.raises(NotFoundError):
            desk.add_agenda_item(office.staff["stranger"], made["id"], office.away)


def test_summons_go_through_the_outbox_a_week_ahead(db_url: str, tmp_path: Path) -> None:
    with open_office(db_url, tmp_path) as office:
        desk, lead = office.desk, office.staff["lead"]
        soon = desk.new_meeting(
            lead, "hln-101", starts_at="2026-12-08T09:30", place="X", members=members()
        )
        with pytest.raises(ConflictError):
            desk.send_summons(lead, soon["id"])  # nothing on it
        desk.add_agenda_item(lead, soon["id"], office.ready[0])
        with pytest.raises(ConflictError) as late:
            desk.send_summons(lead, soon["id"])
        assert "at least 7 days" in translator("en").render(late.value.message)
        made = desk.new_meeting(
            lead, "hln-101", starts_at=MEETING_AT, place="Rådhuset", members=members()
        )
        desk.add_agenda_item(lead, made["id"], office.ready[1])
        done = desk.send_summons(lead, made["id"])
        assert done["sent"] == 2  # the filer by e-mail, the counterparty by post
        assert all(i["summoned_at"] for i in done["meeting"]["agenda"])
        with office.store.read() as tx:
            mail = tx.outbox_list(state="pending", limit=50, tribunals=("hln-101",))
        summons = [m for m in mail if m.kind == "summons"]
        assert len(summons) == 2
        assert any("15.12.2026" in m.body and "Rådhuset" in m.body for m in summons)
        with pytest.raises(ConflictError):
            desk.send_summons(lead, made["id"])


def test_board_members_see_only_their_agendas(db_url: str, tmp_path: Path) -> None:
    with open_office(db_url, tmp_path) as office:
        desk, lead, board = office.desk, office.staff["lead"], office.staff["board"]
        on, off = office.ready[0], office.ready[1]
        with pytest.raises(NotFoundError):
            desk.case(board, on)
        assert desk.queue(board, {})["cases"] == []
        made = desk.new_meeting(
            lead, "hln-101", starts_at=MEETING_AT, place="X", members=members(board.id)
        )
        desk.add_agenda_item(lead, made["id"], on)
        assert [c["number"] for c in desk.queue(board, {})["cases"]] == [on]
        # Their queue filters, searches and pages like anyone's, within their agendas only.
        desk.add_agenda_item(lead, made["id"], office.ready[2])
        both = sorted([on, office.ready[2]])
        first = desk.queue(board, {"limit": 1, "sort": "number"})
        second = desk.queue(board, {"limit": 1, "sort": "number", "after": first["after"]})
        assert [c["number"] for c in first["cases"] + second["cases"]] == both
        assert second["after"] is None
        assert desk.queue(board, {"q": on})["cases"][0]["number"] == on
        assert desk.queue(board, {"q": off})["cases"] == []
        assert desk.queue(board, {"status": "submitted"})["cases"] == []
        assert desk.case(board, on)["number"] == on
        document = desk.case(board, on)["attachments"][0]["id"]
        assert desk.document(board, on, document).size > 0
        note = desk.add_note(board, on, "Husk at spørge til varmeregnskabet.")
        assert any(n["text"] == note["text"] for n in desk.case(lead, on)["notes"])
        # Off the agenda, the same tribunal's case, its files and notes are out of reach.
        with pytest.raises(NotFoundError):
            desk.case(board, off)
        off_doc = desk.case(lead, off)["attachments"][0]["id"]
        with pytest.raises(NotFoundError):
            desk.document(board, off, off_doc)
        with pytest.raises(NotFoundError):
            desk.add_note(board, off, "Nej.")
        with pytest.raises(NotFoundError):
            desk.case(board, office.away)
        # Their own tribunal's meeting they read; another's is as if it did not exist.
        assert desk.meeting(board, made["id"])["agenda"][0]["number"] == on
        assert [m["id"] for m in desk.meetings(board)["meetings"]] == [made["id"]]
        away = office.staff["board_away"]
        with pytest.raises(NotFoundError):
            desk.meeting(away, made["id"])
        with pytest.raises(NotFoundError):
            desk.agenda_pdf(away, made["id"])
        with pytest.raises(NotFoundError):
            desk.case(away, on)
        assert desk.meetings(away)["meetings"] == []
        assert desk.queue(away, {})["cases"] == []
        # Nor do they plan.
        with pytest.raises(AccessError):
            desk.add_agenda_item(board, made["id"], off)
        with pytest.raises(AccessError):
            desk.send_summons(board, made["id"])
        # Taken off the agenda, the case is out of their reach again.
        item = desk.meeting(lead, made["id"])["agenda"][0]["id"]
        desk.remove_agenda_item(lead, made["id"], item)
        with pytest.raises(NotFoundError):
            desk.case(board, on)


def test_the_agenda_as_a_pdf_in_danish(db_url: str, tmp_path: Path) -> None:
    with open_office(db_url, tmp_path) as office:
        desk, lead = office.desk, office.staff["lead"]
        made = desk.new_meeting(
            lead,
            "hln-101",
            starts_at=MEETING_AT,
            place="Rådhuset, mødelokale 3",
            members=members(),
        )
        desk.add_agenda_item(lead, made["id"], office.ready[0])
        desk.add_agenda_item(
            lead,
            made["id"],
            office.ready[1],
            kind="inspection",
            inspection_at="2026-12-14T13:00",
        )
        agenda = desk.meeting(lead, made["id"])["agenda"]
        parties = [item["parties"] for item in agenda]
        assert all(" / " in label for label in parties), parties  # the filer / the other side
        text = pdf_text(desk.agenda_pdf(lead, made["id"]))
        for expected in (
            f"Parter: {parties[0]}",
            f"Parter: {parties[1]}",
            "Huslejenævnet for København",
            "Dagsorden",
            "15.12.2026",
            "09.30",
            "Rådhuset, mødelokale 3",
            "Dommer Ida Lund",
            "Ole Bak",
            "Lis Holm",
            f"1. Sag: {office.ready[0]}",
            f"2. Besigtigelse: {office.ready[1]}",
            "Røde Mellemvej 1, 2300 København S",
            "14.12.2026 kl. 13.00, Røde Mellemvej 2, 2300 København S",
        ):
            assert expected in text, (expected, text)
