"""``naevn staff tribunals``: every tribunal by the code that scopes staff, a shared one under
its host's code, and the same tribunal the filer is told her case goes to."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import httpx
import pytest

from casestore import Store
from locales import translator
from naevn.settings import Settings
from statemachine.catalog.tribunals import tribunal, tribunal_for
from statemachine.errors import NotFoundError, UnknownIdError
from tests.conftest import Naevn
from tests.service import running


def test_every_municipality_has_one_tribunal_of_each_kind(naevn: Naevn) -> None:
    result = naevn("staff", "tribunals", "--json")
    assert result.returncode == 0, result.stderr
    listed = [json.loads(line) for line in result.stdout.splitlines()]
    # 98 municipalities, 3 pairs of which share one tribunal: 95 of each kind.
    assert len(listed) == 2 * 95
    for board in ("hln", "bkn"):
        served = [code for t in listed if t["board"] == board for code in t["municipalities"]]
        assert len(served) == len(set(served)) == 98
    shared = {t["code"]: t["municipalities"] for t in listed if len(t["municipalities"]) > 1}
    assert shared == {
        "hln-161": [161, 165],
        "hln-230": [230, 201],
        "hln-260": [260, 270],
        "bkn-161": [161, 165],
        "bkn-230": [230, 201],
        "bkn-260": [260, 270],
    }


def test_the_listing_reads_as_lines_for_a_person(naevn: Naevn) -> None:
    lines = naevn("staff", "tribunals").stdout.splitlines()
    assert lines[0] == "hln-101   The rent tribunal (huslejenævnet) for København: København (101)"
    assert (
        "bkn-161   The residents' complaints board (beboerklagenævnet) for Glostrup and "
        "Albertslund: Glostrup (161), Albertslund (165)"
    ) in lines


@pytest.mark.parametrize(
    ("housing", "code", "expected"),
    [("private", 101, "hln-101"), ("social", 165, "bkn-161"), ("private", 201, "hln-230")],
)
def test_a_home_goes_to_the_tribunal_of_its_municipality(
    housing: str, code: int, expected: str
) -> None:
    found = tribunal_for(housing, code)  # type: ignore[arg-type]
    assert found.code == expected and tribunal(expected) == found


def test_the_filer_and_the_staff_name_the_same_tribunal() -> None:
    from statemachine.flows.intake.summaries import tribunal as told

    da = translator("da")
    assert da.render(told("social", 165)) == da.render(tribunal("bkn-161").name)
    assert da.render(told("social", 165)) == "beboerklagenævnet for Glostrup og Albertslund"


def test_an_unknown_code_says_what_codes_look_like() -> None:
    with pytest.raises(UnknownIdError) as caught:
        tribunal("hln-999")
    assert "hln-101" in translator("en").render(caught.value.message)


def _store(env: dict[str, str]) -> Store:
    return Store.open(env["NAEVN_DB"], Path(env["NAEVN_DATA_DIR"]) / "blobs")


def test_a_new_staff_member_gets_a_token_once_and_the_store_knows_only_its_hash(
    naevn: Naevn, naevn_env: dict[str, str]
) -> None:
    added = naevn(
        "staff", "add", "--name", "Mette Holm", "--role", "caseworker",
        "--tribunal", "hln-101", "BKN-101", "--tribunal", "hln-101",
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert added.stdout.startswith("Added Mette Holm (id 1), caseworker at bkn-101, hln-101.")
    token = added.stdout.split("\n\n")[1].strip()
    assert len(token) >= 43
    assert "shown only this once" in added.stdout

    listing = naevn("staff", "list")
    assert listing.returncode == 0, listing.stderr
    assert "Mette Holm  caseworker  bkn-101,hln-101" in listing.stdout
    assert token not in listing.stdout

    store = _store(naevn_env)
    try:
        with store.read() as tx:
            found = tx.staff_by_token(hashlib.sha256(token.encode()).hexdigest())
            assert (found.name, found.role, found.revoked_at) == ("Mette Holm", "caseworker", None)
            assert set(found.tribunals) == {"hln-101", "bkn-101"}
            with pytest.raises(NotFoundError):
                tx.staff_by_token(token)  # the token itself is not what is stored
    finally:
        store.close()


def test_the_listing_in_json_names_the_role_and_tribunals(naevn: Naevn) -> None:
    for name, role, code in [("Ole Lund", "lead", "hln-751"), ("Sara Berg", "admin", "bkn-751")]:
        assert (
            naevn("staff", "add", "--name", name, "--role", role, "--tribunal", code).returncode
            == 0
        )
    listed = [json.loads(line) for line in naevn("staff", "list", "--json").stdout.splitlines()]
    assert [(s["id"], s["name"], s["role"], s["tribunals"], s["revoked_at"]) for s in listed] == [
        (1, "Ole Lund", "lead", ["hln-751"], None),
        (2, "Sara Berg", "admin", ["bkn-751"], None),
    ]
    assert all("token" not in s for s in listed)


def test_a_revoked_token_is_refused(naevn: Naevn, naevn_env: dict[str, str]) -> None:
    added = naevn(
        "staff", "add", "--json", "--name", "Ib Dahl", "--role", "lead", "--tribunal", "hln-461"
    )
    new = json.loads(added.stdout)
    revoked = naevn("staff", "revoke", str(new["id"]))
    assert revoked.returncode == 0, revoked.stderr
    assert revoked.stdout == "Revoked Ib Dahl (id 1): their token no longer works.\n"
    again = naevn("staff", "revoke", str(new["id"]))
    assert again.stdout == "Ib Dahl (id 1) was already revoked.\n"
    assert "revoked 20" in naevn("staff", "list").stdout
    store = _store(naevn_env)
    try:
        with store.read() as tx:
            found = tx.staff_by_token(hashlib.sha256(new["token"].encode()).hexdigest())
        assert found.revoked_at is not None
    finally:
        store.close()


def test_the_staff_api_takes_the_new_token_until_it_is_revoked(
    naevn: Naevn, naevn_env: dict[str, str]
) -> None:
    added = naevn(
        "staff", "add", "--json", "--name", "Ib Dahl", "--role", "caseworker",
        "--tribunal", "hln-101",
    )  # fmt: skip
    new = json.loads(added.stdout)
    settings = Settings(
        db=naevn_env["NAEVN_DB"], data_dir=Path(naevn_env["NAEVN_DATA_DIR"]), rate_limit=0
    )
    with running(settings) as url, httpx.Client(base_url=url, timeout=30) as client:
        signed = {"Authorization": f"Bearer {new['token']}", "Accept-Language": "en"}
        me = client.get("/api/v1/staff/me", headers=signed)
        assert me.status_code == 200, me.text
        assert (me.json()["name"], me.json()["role"]) == ("Ib Dahl", "caseworker")
        assert [t["code"] for t in me.json()["tribunals"]] == ["hln-101"]
        assert naevn("staff", "revoke", str(new["id"])).returncode == 0
        refused = client.get("/api/v1/staff/me", headers=signed)
        assert refused.status_code == 403
        assert refused.json()["error"]["message"]


def test_revoking_an_unknown_id_says_so(naevn: Naevn) -> None:
    result = naevn("staff", "revoke", "7")
    assert result.returncode == 2
    assert result.stderr == "naevn: No staff member has the id 7; naevn staff list shows them.\n"


@pytest.mark.parametrize(
    ("args", "told"),
    [
        (["--role", "boss", "--tribunal", "hln-101"],
         "naevn: There is no staff role boss. Give one of: caseworker, lead, board_member, "
         "admin.\n"),
        (["--role", "lead", "--tribunal", "hln-999"],
         "naevn: There is no tribunal with the code hln-999. Codes look like hln-101 or bkn-751; "
         "naevn staff tribunals lists them.\n"),
    ],
)  # fmt: skip
def test_an_unknown_role_or_tribunal_is_refused_with_what_to_give_instead(
    naevn: Naevn, args: list[str], told: str
) -> None:
    result = naevn("staff", "add", "--name", "Mette Holm", *args)
    assert (result.returncode, result.stderr, result.stdout) == (2, told, "")
    assert naevn("staff", "list").stdout == ""


def test_staff_add_without_a_tribunal_is_a_usage_error(naevn: Naevn) -> None:
    result = naevn("staff", "add", "--name", "Mette Holm", "--role", "lead")
    assert result.returncode == 2
    assert "--tribunal" in result.stderr


def test_adding_and_revoking_staff_leaves_audit_lines_without_the_token(
    naevn: Naevn, naevn_env: dict[str, str]
) -> None:
    added = naevn(
        "staff", "add", "--json", "--name", "Ib Dahl", "--role", "lead",
        "--tribunal", "hln-461", "--tribunal", "bkn-461",
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    new = json.loads(added.stdout)
    assert naevn("staff", "revoke", str(new["id"])).returncode == 0
    assert naevn("staff", "revoke", str(new["id"])).returncode == 0  # already revoked: no line
    store = _store(naevn_env)
    try:
        with store.read() as tx:
            history = tx.staff_history()
    finally:
        store.close()
    who = {"staff": new["id"], "role": "lead", "tribunals": ["bkn-461", "hln-461"]}
    assert [(e["kind"], e["actor"], e["data"]) for e in history] == [
        ("staff.added", "naevn staff", who),
        ("staff.revoked", "naevn staff", who),
    ]
    assert new["token"] not in json.dumps(history)
