"""The anonymisation preview at 80x24: opened from a decided case with P, a replacement
reverted with Space and the published side following it, words added by hand everywhere they
stand, saved with every kept flag, and accepted, after which the case can be published (on a
real store); the server's refusals shown as they come (on the fake client, which keeps the
preview). Screenshots go to var/test-artifacts/console."""

from __future__ import annotations

from pathlib import Path
from typing import Final

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Select, Static

from console.app import NaevnConsole
from console.clients.embedded import EmbeddedStaffClient
from console.factory import make_console
from console.screens.anonymisation import AnonymisationScreen, published_text, sides
from console.screens.case import CaseScreen
from console.screens.confirm import Confirm
from console.screens.replacement import ReplacementDialog
from console.widgets.replacement_table import ReplacementTable
from console.widgets.status_line import StatusLine
from tests.console.decisions.helpers import RENT_BOX, put_on_agenda
from tests.console.tui.conftest import Office
from tests.console.tui.fake import ME, FakeClient
from tests.console.tui.test_triage import said, settle

pytestmark = pytest.mark.anyio

ARTIFACTS: Final = Path(__file__).resolve().parents[3] / "var" / "test-artifacts" / "console"
"""Where the screenshots go; kept after the run (``var/`` is not in git)."""
NUMBER: Final = "101-1000"

FACTS = "Karen Jensen klagede. Naboen Grethe Jensen skrev også, og viceværten Bo så det."


def decide(office: Office, number: str) -> None:
    """A registered decision whose facts name the filer, a neighbour and a caretaker."""
    put_on_agenda(office.store, number)
    box = {**RENT_BOX, "decided_on": "2026-11-23", "facts_text": FACTS}
    saved = office.desk.save_decision(office.karen, number, box)
    office.desk.register_decision(office.ole, number, version=1, case_version=saved["case_version"])


def text_of(screen: AnonymisationScreen, side: str) -> str:
    return str(screen.query_one(f"#{side}", Static).render())


def status_of(screen: AnonymisationScreen) -> str:
    return str(screen.query_one(StatusLine).render())


def shot(app: NaevnConsole, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    app.save_screenshot(name, path=str(ARTIFACTS))


def top(app: NaevnConsole) -> object:
    """The screen on top (not narrowed by an earlier check of ``app.screen``)."""
    return app.screen


async def preview_of(pilot: Pilot[None], app: NaevnConsole) -> AnonymisationScreen:
    """The fake case's preview, opened on top of the queue."""
    await settle(pilot)
    screen = AnonymisationScreen(app.session, NUMBER)
    await app.push_screen(screen)
    await settle(pilot)
    assert app.screen is screen
    return screen


async def cursor_on(pilot: Pilot[None], screen: AnonymisationScreen, words: str) -> int:
    """Put the table's cursor on the first replacement of ``words``; its row."""
    row = [s["original"] for s in screen.spans].index(words)
    screen.query_one(ReplacementTable).move_cursor(row=row)
    await settle(pilot)
    return row


async def test_revert_add_save_and_accept(office: Office) -> None:
    number = office.numbers[0]
    decide(office, number)
    client = EmbeddedStaffClient(office.desk, office.karen, lang="en")
    app = make_console(client, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *number, "enter")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)
        await pilot.press("p")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, AnonymisationScreen) and screen.preview is not None
        originals = [s["original"] for s in screen.spans]
        assert "Karen Jensen" in originals and "Grethe Jensen" in originals
        assert "Karen Jensen" not in screen.result and "Grethe Jensen" not in screen.result
        # Revert the neighbour: the published side shows her name, marked ✗ in the table.
        table = screen.query_one(ReplacementTable)
        table.move_cursor(row=originals.index("Grethe Jensen"))
        await settle(pilot)
        assert "⟦[person A]⟧" in text_of(screen, "published")
        await pilot.press("space")
        await settle(pilot)
        assert "⟦Grethe Jensen⟧" in text_of(screen, "published")
        assert str(table.get_row_at(table.cursor_row)[0]).startswith("✗ ")
        assert "Grethe Jensen" in screen.result
        # The recogniser found the caretaker's name; his title the caseworker adds by hand.
        assert "viceværten [person B] så det" in screen.result
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, ReplacementDialog)
        app.screen.query_one("#words", Input).value = "viceværten"
        app.screen.query_one("#replacement", Input).value = "[en ansat]"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        assert "og [en ansat] [person B] så det" in screen.result
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert said(app) == []
        assert screen.preview["version"] == 1 and not screen.changed
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert isinstance(app.screen, Confirm)
        await pilot.press("enter")
        await settle(pilot)
        assert said(app) == []
        assert screen.preview["state"] == "accepted"
        assert status_of(screen).endswith(f" · Accepted by {office.karen.name}")
        shot(app, "anonymisation-accepted.svg")
    preview = office.desk.anonymisation(office.ole, number)
    assert preview["state"] == "accepted" and "Grethe Jensen" in preview["result"]
    assert "og [en ansat] [person B] så det" in preview["result"]
    assert "Karen Jensen" not in preview["result"]
    steps = [s["step"] for s in office.desk.case(office.ole, number)["steps"]]
    assert "publish" in steps


async def test_the_danish_preview_fits_80_columns(office: Office) -> None:
    number = office.numbers[0]
    decide(office, number)
    app = make_console(EmbeddedStaffClient(office.desk, office.karen, lang="da"), lang="da")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = AnonymisationScreen(app.session, number)
        await app.push_screen(screen)
        await settle(pilot)
        assert screen.preview is not None and said(app) == []
        table = screen.query_one(ReplacementTable)
        widths = [column.width for column in table.columns.values()]
        assert sum(widths) + 2 * len(widths) + 2 <= 80  # cell padding and a scroll bar
        labels = [column.label.plain for column in table.columns.values()]
        assert labels == ["Hvad", "Skrevet", "Offentliggøres som", "Fundet af"]
        assert all(len(label) <= width for label, width in zip(labels, widths, strict=True))
        for kind in screen.preview["kinds"]:
            assert len(f"✓ {kind['label']}") <= widths[0]
        for n in range(table.row_count):
            found_by = str(table.get_row_at(n)[3])
            assert len(found_by) <= widths[3], found_by
        assert "Ikke godkendt endnu" in status_of(screen)
        shot(app, "anonymisation-da.svg")


async def test_a_case_without_a_decision_has_no_anonymise_key(office: Office) -> None:
    client = EmbeddedStaffClient(office.desk, office.karen, lang="en")
    app = make_console(client, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)


def test_the_sides_mark_the_chosen_replacement() -> None:
    text = "Hans Hansen bor her. Hansens nabo klagede."
    spans = [
        {"start": 0, "end": 11, "replacement": "[lejer]", "kept": True},
        {"start": 21, "end": 28, "replacement": "[lejers]", "kept": True},
    ]
    assert published_text(text, spans) == "[lejer] bor her. [lejers] nabo klagede."
    written, published = sides(text, spans, 1)
    assert written == "Hans Hansen bor her. ⟦Hansens⟧ nabo klagede."
    assert published == "[lejer] bor her. ⟦[lejers]⟧ nabo klagede."
    spans[1]["kept"] = False
    assert sides(text, spans, 1)[1] == "[lejer] bor her. ⟦Hansens⟧ nabo klagede."


# --- on the fake client -----------------------------------------------------------------------


async def test_space_reverts_and_the_published_side_follows() -> None:
    app = make_console(FakeClient(count=3), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await preview_of(pilot, app)
        table = screen.query_one(ReplacementTable)
        assert table.row_count == 5
        assert [str(table.get_row_at(n)[0]) for n in range(5)] == [
            "✓ Name",
            "✓ Organisation",
            "✓ Name",
            "✓ E-mail address",
            "✓ Name",
        ]
        assert "⟦Karen Jensen⟧ klagede" in text_of(screen, "written")
        assert "⟦[person A]⟧ klagede" in text_of(screen, "published")
        assert "Not accepted yet" in status_of(screen)
        shot(app, "anonymisation.svg")
        await pilot.press("space")
        await settle(pilot)
        assert str(table.get_row_at(0)[0]) == "✗ Name"
        assert str(table.get_row_at(0)[2]) == "Karen Jensen"  # published as written
        assert "⟦Karen Jensen⟧ klagede" in text_of(screen, "published")
        assert screen.result.startswith("Karen Jensen klagede")
        assert "svarede [person A] på" in screen.result  # the other place stays replaced
        assert "changed, not saved" in status_of(screen)
        shot(app, "anonymisation-reverted.svg")
        # The cursor moves on: the sides follow the chosen replacement.
        await cursor_on(pilot, screen, "Bo Holm")
        assert "Naboen ⟦[person B]⟧ skrev" in text_of(screen, "published")
        assert "Naboen ⟦Bo Holm⟧ skrev" in text_of(screen, "written")
        await cursor_on(pilot, screen, "Karen Jensen")
        await pilot.press("space")
        await settle(pilot)
        assert str(table.get_row_at(0)[0]) == "✓ Name"
        assert screen.result.startswith("[person A] klagede")


async def test_words_added_by_hand_are_replaced_every_place_they_stand() -> None:
    client = FakeClient(count=3)
    app = make_console(client, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await preview_of(pilot, app)
        # "Jensen" stands only inside kept replacements: nothing to add.
        await pilot.press("a")
        await settle(pilot)
        dialog = top(app)
        assert isinstance(dialog, ReplacementDialog)
        await pilot.press(*"Jensen")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen and len(screen.spans) == 5
        assert said(app, "warning") == [
            "The text does not have “Jensen” anywhere it is not already replaced."
        ]
        # The caretaker, twice: the kind's label is the default replacement.
        await pilot.press("a")
        await settle(pilot)
        dialog = top(app)
        assert isinstance(dialog, ReplacementDialog)
        dialog.query_one("#words", Input).value = "viceværten"
        assert dialog.query_one("#replacement", Input).value == "[name]"
        dialog.query_one("#kind", Select).value = "organisation"
        await settle(pilot)
        assert dialog.query_one("#replacement", Input).value == "[organisation]"
        dialog.query_one("#replacement", Input).value = "[en ansat]"
        shot(app, "anonymisation-add.svg")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        added = [s for s in screen.spans if s["source"] == "caseworker"]
        assert [s["original"] for s in added] == ["viceværten", "viceværten"]
        assert all(s["kept"] and s["kind"] == "organisation" for s in added)
        assert "Added 2 replacements of “viceværten”." in said(app, "information")
        assert "at [en ansat] havde set det, og [en ansat] bekræftede" in screen.result
        table = screen.query_one(ReplacementTable)
        row = table.get_row_at(table.cursor_row)
        assert [str(cell) for cell in row] == [
            "✓ Organisation",
            "viceværten",
            "[en ansat]",
            "Added by hand",
        ]
        assert "⟦[en ansat]⟧ havde" in text_of(screen, "published")
        # Saved, the server has them too.
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert said(app) == []
        saved = client.anonymisations[NUMBER]
        assert "og [en ansat] bekræftede" in saved["result"]
        assert [s["source_label"] for s in saved["spans"]].count("Added by hand") == 2


async def test_ctrl_s_sends_every_replacement_with_its_kept_flag() -> None:
    client = FakeClient(count=3)
    app = make_console(client, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await preview_of(pilot, app)
        row = await cursor_on(pilot, screen, "Bo Holm")
        await pilot.press("space")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert said(app) == []
        assert len(client.saved) == 1
        sent = client.saved[0]
        assert all(
            set(s) == {"start", "end", "replacement", "kind", "source", "kept"} for s in sent
        )
        assert [s["kept"] for s in sent] == [n != row for n in range(5)]
        assert screen.preview is not None and screen.preview["version"] == 1
        assert not screen.changed
        assert "Not accepted yet" in status_of(screen)
        assert "changed, not saved" not in status_of(screen)
        assert "Naboen Bo Holm skrev" in client.anonymisations[NUMBER]["result"]
        assert said(app, "information")[-1].startswith("The replacements are saved.")
        # The cursor stays on the row it was on.
        assert screen.query_one(ReplacementTable).cursor_row == row


async def test_ctrl_r_accepts_after_a_yes_saving_the_changes_first() -> None:
    client = FakeClient(count=3)
    app = make_console(client, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await preview_of(pilot, app)
        await cursor_on(pilot, screen, "karen@example.dk")
        await pilot.press("space")
        # No: nothing is sent.
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert isinstance(top(app), Confirm)
        shot(app, "anonymisation-confirm.svg")
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen and client.saved == [] and screen.changed
        # Yes: saved, then accepted.
        await pilot.press("ctrl+r")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert said(app) == []
        assert len(client.saved) == 1 and not client.saved[0][3]["kept"]
        assert screen.preview is not None and screen.preview["state"] == "accepted"
        assert client.anonymisations[NUMBER]["version"] == 2
        assert "på karen@example.dk" in client.anonymisations[NUMBER]["result"]
        status = status_of(screen)
        assert status.endswith(f" · Accepted by {ME['name']}")
        shot(app, "anonymisation-accepted-fake.svg")
        # Changed again, it is no longer the accepted one until saved and accepted again.
        await pilot.press("space")
        await settle(pilot)
        assert "Accepted by" not in status_of(screen)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert screen.preview["state"] == "proposed" and screen.preview["accepted_by"] is None


async def test_the_servers_refusals_are_shown_and_the_changes_kept() -> None:
    refusal = "The register already shows this decision of case 101-1000 as it was anonymised."
    client = FakeClient(count=3, refuse=refusal)
    app = make_console(client, lang="en")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = await preview_of(pilot, app)
        await pilot.press("space")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert said(app) == [refusal]
        assert screen.changed and "changed, not saved" in status_of(screen)
        assert screen.result.startswith("Karen Jensen klagede")
        await pilot.press("ctrl+r")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert said(app) == [refusal, refusal]
        assert screen.preview is not None and screen.preview["state"] == "proposed"
        shot(app, "anonymisation-refused.svg")


async def test_a_stale_save_is_refused() -> None:
    client = FakeClient(count=3)
    app = make_console(client, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await preview_of(pilot, app)
        client.anonymisations[NUMBER]["version"] = 4  # a colleague saved meanwhile
        await pilot.press("space")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert said(app) == ["Someone else saved the replacements meanwhile. Look again."]
        assert screen.changed and client.saved == []


async def test_without_a_registered_decision_the_server_says_why() -> None:
    client = FakeClient(count=3)
    client.undecided.add(NUMBER)
    app = make_console(client, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await preview_of(pilot, app)
        assert said(app) == [f"Case {NUMBER} has no registered decision to anonymise."]
        assert screen.preview is None
        assert "Loading the anonymisation" in status_of(screen)
        await pilot.press("space", "a", "ctrl+s")
        await settle(pilot)
        assert app.screen is screen and client.saved == []
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is not screen


async def test_a_kept_replacement_covering_the_same_words_is_named() -> None:
    app = make_console(FakeClient(count=3), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await preview_of(pilot, app)
        row = await cursor_on(pilot, screen, "Bo Holm")
        await pilot.press("space")
        await pilot.press("a")
        await settle(pilot)
        app.screen.query_one("#words", Input).value = "Holm"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert [s["original"] for s in screen.spans].count("Holm") == 1
        await cursor_on(pilot, screen, "Bo Holm")
        await pilot.press("space")
        await settle(pilot)
        assert not screen.spans[row]["kept"]
        assert said(app, "warning") == [
            "“Bo Holm” cannot be replaced as well: the replacement of “Holm” covers some of "
            "the same words. Revert that one first (Space)."
        ]


async def test_escape_asks_before_the_changes_are_thrown_away() -> None:
    client = FakeClient(count=3)
    app = make_console(client, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await preview_of(pilot, app)
        await pilot.press("space")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(top(app), Confirm)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen and screen.changed
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is not screen and client.saved == []
        # Unchanged, Escape just goes back.
        again = await preview_of(pilot, app)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is not again
