"""The public registers over HTTP: pages without JavaScript, JSON paged by keyset, CSV, PDF."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import httpx
import pytest

from casestore import Store
from casestore.registerrecords import PublicDecision
from naevn.settings import Settings
from tests.casestore.test_registers import ALMEN_5, decision, rent
from tests.console.api.office import settings_for
from tests.service import running

NAMES = ("Hans Hansen", "Slemme Rasss A/S")
"""Names that exist only in the cases' parties: the registers must never show them."""


@pytest.fixture
def settings(db_url: str, tmp_path: Path) -> Settings:
    return settings_for(db_url, tmp_path)


@pytest.fixture
def site(settings: Settings) -> Iterator[tuple[httpx.Client, Store]]:
    store = Store.open(settings.db, settings.blob_dir)
    try:
        with store.begin() as tx:
            for n in range(1, 121):
                one: PublicDecision = decision(
                    n,
                    municipality_code=101 if n % 2 else 147,
                    tribunal="hln-101" if n % 2 else "hln-147",
                    outcome="REJECTED" if n % 3 == 0 else "IN_FAVOUR",
                    decided_on=date(2025, 1, 1).replace(day=1 + n % 28),
                    statutes=(ALMEN_5,) if n % 5 == 0 else (),
                    rents=(rent(postcode=2000 + n % 3, area=20 + n),),
                )
                tx.publish_decision(one, case_id=None, document=b"%PDF-1.7 anonymised")
        with running(settings) as url, httpx.Client(base_url=url) as client:
            yield client, store
    finally:
        store.close()


def test_json_pages_by_keyset_to_the_end_with_each_row_once(
    site: tuple[httpx.Client, Store],
) -> None:
    client, _ = site
    seen: list[int] = []
    after = None
    while True:
        reply = client.get(
            "/api/v1/public/decisions",
            params={"municipality": "147", "limit": "25", **({"after": after} if after else {})},
        )
        assert reply.status_code == 200, reply.text
        body = reply.json()
        assert all(item["municipality_code"] == 147 for item in body["items"])
        seen += [item["id"] for item in body["items"]]
        after = body["next"]
        if after is None:
            break
    assert len(seen) == 60 == len(set(seen))
    first = client.get("/api/v1/public/decisions", params={"limit": "1"}).json()["items"][0]
    assert first["outcome_label"] == "Afsluttet med afgørelse om medhold" or first["outcome"]
    assert first["document"].endswith("/document")
    assert set(first) >= {"decided_on", "tribunal", "subjects", "statutes", "in_favour"}


def test_filters_of_both_registers(site: tuple[httpx.Client, Store]) -> None:
    client, _ = site
    rejected = client.get(
        "/api/v1/public/decisions", params={"outcome": "REJECTED", "limit": "200"}
    )
    assert {item["outcome"] for item in rejected.json()["items"]} == {"REJECTED"}
    assert len(rejected.json()["items"]) == 40
    by_statute = client.get(
        "/api/v1/public/decisions", params={"statute": ALMEN_5.id, "limit": "200"}
    )
    assert len(by_statute.json()["items"]) == 24
    span = client.get(
        "/api/v1/public/decisions",
        params={"from": "2025-01-10", "to": "2025-01-12", "tribunal": "hln-101", "limit": "200"},
    ).json()["items"]
    assert span and all("2025-01-10" <= i["decided_on"] <= "2025-01-12" for i in span)
    rents = client.get(
        "/api/v1/public/rents",
        params={
            "postcode": "2001",
            "area_min": "50",
            "area_max": "100",
            "method": "BASED_ON_EXPENSES",
        },
    ).json()["items"]
    assert rents and all(r["postcode"] == 2001 and 50 <= r["area"] <= 100 for r in rents)
    bad = client.get("/api/v1/public/rents", params={"area_min": "lots"})
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "invalid"
    assert (
        client.get("/api/v1/public/decisions", params={"after": "bm90IGEgY3Vyc29y"}).status_code
        == 422
    )


def test_csv_streams_every_matching_row(site: tuple[httpx.Client, Store]) -> None:
    client, _ = site
    with client.stream(
        "GET", "/api/v1/public/decisions.csv", params={"municipality": "101"}
    ) as reply:
        assert reply.status_code == 200
        assert reply.headers["content-type"].startswith("text/csv")
        assert reply.headers.get("transfer-encoding") == "chunked"
        text = reply.read().decode()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 60 and {row["municipality_code"] for row in rows} == {"101"}
    rents = list(csv.DictReader(io.StringIO(client.get("/api/v1/public/rents.csv").text)))
    assert len(rents) == 120 and rents[0]["street"] == "Røde Mellemvej"


def test_pages_work_without_javascript_and_show_no_names(
    site: tuple[httpx.Client, Store],
) -> None:
    client, _ = site
    index = client.get("/registre")
    assert index.status_code == 200 and 'lang="da"' in index.text
    page = client.get("/registre/afgoerelser", params={"municipality": "101"})
    assert page.status_code == 200
    assert "<script" not in page.text and "style=" not in page.text
    assert 'rel="next"' in page.text
    next_href = page.text.split('rel="next"')[0].rsplit('href="', 1)[1].split('"')[0]
    second = client.get(next_href.replace("&amp;", "&"))
    assert second.status_code == 200
    assert "Første side" in second.text or "First page" in second.text
    one_id = client.get("/api/v1/public/decisions", params={"limit": "1"}).json()["items"][0]["id"]
    detail = client.get(f"/registre/afgoerelser/{one_id}", params={"lang": "en"})
    assert detail.status_code == 200 and 'lang="en"' in detail.text
    assert "Røde Mellemvej 101" in detail.text
    rents = client.get("/registre/huslejer", params={"area_min": "x"})
    assert rents.status_code == 422 and 'role="alert"' in rents.text
    pdf = client.get(f"/api/v1/public/decisions/{one_id}/document")
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    assert client.get("/registre/static/registre.css").status_code == 200
    for text in (index.text, page.text, second.text, detail.text):
        assert not any(name in text for name in NAMES)


def test_a_withdrawn_version_stays_readable_and_points_to_its_correction(
    site: tuple[httpx.Client, Store],
) -> None:
    client, store = site
    with store.begin() as tx:
        fixed = tx.publish_decision(
            replace(decision(1), outcome="SETTLEMENT"),
            case_id=None,
            document=None,
            reason="Forliget var ikke registreret.",
        )
    [old] = fixed.withdrawn
    body = client.get(f"/api/v1/public/decisions/{old}").json()
    assert body["listed"] is False and body["replaced_by"] == fixed.decision.id
    listed = client.get("/api/v1/public/decisions", params={"limit": "200"}).json()["items"]
    assert old not in {item["id"] for item in listed}
    page = client.get(f"/registre/afgoerelser/{old}", params={"lang": "en"}).text
    assert f"/registre/afgoerelser/{fixed.decision.id}" in page
    assert client.get("/api/v1/public/decisions/999999").status_code == 404


def test_the_statute_filter_is_a_list_of_the_laws_by_name(
    site: tuple[httpx.Client, Store],
) -> None:
    """A citizen picks 'Almenlejeloven, Kap. 2 …, § 5' from a list, never types its id; the
    page keeps the choice, and a link with a provision no longer on the list still says so."""
    client, _ = site
    page = client.get("/registre/afgoerelser", params={"statute": ALMEN_5.id})
    assert page.status_code == 200
    statute = page.text.split('name="statute"')[1].split("</select>")[0]
    assert f'<option value="{ALMEN_5.id}" selected>{ALMEN_5.label}</option>' in statute
    assert '<option value="lejeloven:6:42">Lov om leje, Kap. 6. Lejens størrelse, § 42' in statute
    assert "(24 vist)" in page.text  # the 24 decisions that name it
    old = client.get("/registre/afgoerelser", params={"statute": "lejeloven:99:1"})
    assert old.status_code == 200
    kept = old.text.split('name="statute"')[1].split("</select>")[0]
    assert '<option value="lejeloven:99:1" selected>lejeloven:99:1</option>' in kept
    assert "Ingen offentliggjort afgørelse passer til filteret." in old.text
