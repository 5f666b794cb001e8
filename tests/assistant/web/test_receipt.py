"""The receipt page as rendered from a done turn: what a filer keeps of their filing."""

from __future__ import annotations

from typing import Any

from aiohttp.test_utils import make_mocked_request

from assistant.web.render import render


def done_turn(**extra: Any) -> dict[str, Any]:
    return {
        "session": "s_x",
        "lang": "en",
        "state": "receipt",
        "messages": [
            "Your case number is 751-10001. Keep it: you need it when you contact the tribunal.",
            "Pay by bank transfer.",
        ],
        "prompt": "Thank you.",
        "help": None,
        "input": {"kind": "none", "required": False, "options": []},
        "errors": [],
        "progress": {"step": 11, "total": 11, "title": "Submit"},
        "actions": [],
        "done": True,
        "case_number": "751-10001",
        "version": 40,
        **extra,
    }


def receipt(turn: dict[str, Any], deadlines: list[str], fee: list[str] | None = None) -> str:
    request = make_mocked_request("GET", "/receipt")
    number = turn["case_number"]
    response = render(
        request,
        "receipt.html",
        lang="en",
        turn=turn,
        about_number=[m for m in turn["messages"] if number in m],
        next_steps=[m for m in turn["messages"] if number not in m],
        access_code=turn.get("access_code"),
        deadlines=deadlines,
        fee=fee or [],
    )
    assert response.text is not None
    return response.text


def test_the_receipt_shows_the_access_code_when_the_turn_carries_one() -> None:
    page = receipt(done_turn(access_code="K7QX-2M9D"), ["The landlord must act by 24 December."])
    assert '<strong class="code" id="case-number">751-10001</strong>' in page
    assert 'id="access-code">K7QX-2M9D<' in page
    assert "Deadlines that still matter" in page and "24 December" in page
    assert "Pay by bank transfer." in page


def test_the_receipt_without_an_access_code_or_open_deadlines() -> None:
    page = receipt(done_turn(), [])
    assert "access-code" not in page
    assert "Deadlines that still matter" not in page


def test_the_print_stylesheet_hides_the_page_furniture() -> None:
    from assistant.web.render import STATIC

    css = (STATIC / "site.css").read_text(encoding="utf-8")
    assert "@media print" in css
    assert ".site-header, .site-footer" in css.split("@media print", 1)[1]
