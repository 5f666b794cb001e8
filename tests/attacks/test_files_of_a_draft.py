"""Files of a draft: one file is one document, and an unused file can be removed.

Against a real ``naevn serve``: naming one attachment twice no longer makes every
submission fail, and ``DELETE /api/v1/sessions/{id}/attachments/{att}`` removes a file no
answer uses, its content with it, and nothing else.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from assistant.api.openapi import document
from tests import samples
from tests.attacks import filer
from tests.service import Served, service_env, spawn


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Served, Path]]:
    tmp = tmp_path_factory.mktemp("files")
    service = spawn(service_env(f"sqlite:///{tmp / 'naevn.db'}", tmp / "data"))
    try:
        yield service, tmp / "data"
    finally:
        service.stop()


def test_one_file_named_twice_is_one_document_and_the_case_files(
    served: tuple[Served, Path],
) -> None:
    service, _ = served
    with httpx.Client(base_url=service.url, timeout=30) as client:
        session = filer.start(client)
        first = filer.to_documents(client, session)
        lease = filer.uploaded(client, session, samples.pdf("the lease"))
        twice = [{"attachment": lease}, {"attachment": lease}]
        second = filer.answer(client, session, twice)
        assert second.get("item") != first.get("item")
        # The same file at the next document is refused, with what to do instead.
        again = client.post(
            f"/api/v1/sessions/{session.id}/answers",
            json={"value": {"attachment": lease}},
            headers=session.auth,
        ).json()
        assert again.get("item") == second.get("item")
        assert again["errors"] and "already given for another document" in again["errors"][0]
        turn = filer.file_case(client, session)
    assert turn["done"] and turn["case_number"]


def test_an_unused_file_is_removed_with_its_content_and_a_used_one_is_kept(
    served: tuple[Served, Path],
) -> None:
    service, data = served
    with httpx.Client(base_url=service.url, timeout=30) as client:
        session, other = filer.start(client), filer.start(client)
        filer.to_documents(client, session)
        used = filer.uploaded(client, session, samples.pdf("used"))
        filer.answer(client, session, {"attachment": used})
        spare = client.post(
            f"/api/v1/sessions/{session.id}/attachments",
            files={"file": ("spare.pdf", samples.pdf("spare"), "application/pdf")},
            headers=session.auth,
        ).json()["attachment"]
        url = f"/api/v1/sessions/{session.id}/attachments"
        listed = client.get(url, headers=session.auth).json()
        assert [a["id"] for a in listed["attachments"]] == [used, spare["id"]]
        assert listed["in_use"] == [used]
        assert spare["sha256"] in filer.blobs(data)

        # Nobody else may remove it, nor list the files.
        assert client.delete(f"{url}/{spare['id']}", headers=other.auth).status_code == 403
        assert client.get(url, headers=other.auth).status_code == 403
        assert client.delete(f"{url}/{spare['id']}").status_code == 401
        # Another draft's own file id is no file of this one.
        theirs = filer.uploaded(client, other, samples.pdf("theirs"))
        assert client.delete(f"{url}/{theirs}", headers=session.auth).status_code == 404
        assert client.delete(f"{url}/a_nonsense", headers=session.auth).status_code == 404

        in_use = client.delete(f"{url}/{used}", headers=session.auth)
        assert in_use.status_code == 409
        assert "Change that answer first" in in_use.json()["error"]["message"]

        removed = client.delete(f"{url}/{spare['id']}", headers=session.auth)
        assert removed.status_code == 200 and removed.json()["attachment"] == spare
        assert client.delete(f"{url}/{spare['id']}", headers=session.auth).status_code == 404
        assert [a["id"] for a in client.get(url, headers=session.auth).json()["attachments"]] == [
            used
        ]
    on_disk = filer.blobs(data)
    assert spare["sha256"] not in on_disk
    assert filer.partials(data) == []


def test_a_filed_case_keeps_its_files(served: tuple[Served, Path]) -> None:
    service, data = served
    with httpx.Client(base_url=service.url, timeout=30) as client:
        session = filer.start(client)
        filer.to_documents(client, session)
        filer.file_case(client, session)
        url = f"/api/v1/sessions/{session.id}/attachments"
        files = client.get(url, headers=session.auth).json()["attachments"]
        assert files
        refused = client.delete(f"{url}/{files[0]['id']}", headers=session.auth)
    assert refused.status_code == 409
    assert files[0]["sha256"] in filer.blobs(data)


def test_the_document_describes_listing_and_removal() -> None:
    paths = document()["paths"]
    assert "get" in paths["/api/v1/sessions/{id}/attachments"]
    removal = paths["/api/v1/sessions/{id}/attachments/{attachment}"]["delete"]
    assert {"200", "401", "403", "404", "409"} <= set(removal["responses"])


def test_a_file_name_of_10000_characters_is_shortened_not_refused(
    served: tuple[Served, Path],
) -> None:
    service, _ = served
    with httpx.Client(base_url=service.url, timeout=30) as client:
        session = filer.start(client)
        for stem in ("a" * 10_000, "lejekontrakt-ø" * 700):
            response = filer.upload(client, session, samples.pdf(stem[:20]), f"{stem}.pdf")
            assert response.status_code == 201, response.text
            name = response.json()["attachment"]["filename"]
            assert len(name) <= 200 and name.endswith(".pdf") and name.startswith(stem[:50])
