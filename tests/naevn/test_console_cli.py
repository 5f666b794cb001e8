"""``naevn console``: its help, and the sentences that say what to give before it opens."""

from __future__ import annotations

from tests.conftest import Naevn


def test_the_help_says_how_to_sign_in(naevn: Naevn) -> None:
    shown = naevn("console", "--help")
    assert shown.returncode == 0, shown.stderr
    assert "--server URL" in shown.stdout and "--token T" in shown.stdout
    assert "naevn staff add prints a staff member's token" in shown.stdout
    assert "console" in naevn("--help").stdout


def test_without_a_token_it_says_where_to_get_one(naevn: Naevn) -> None:
    refused = naevn("console", "--lang", "en")
    assert (refused.returncode, refused.stdout) == (2, "")
    assert refused.stderr == (
        "naevn: Give your staff token with --token or in NAEVN_STAFF_TOKEN; naevn staff add "
        "prints one.\n"
    )


def test_a_token_that_is_nobodys_is_refused_before_the_console_opens(naevn: Naevn) -> None:
    refused = naevn("console", "--token", "not-a-token", "--lang", "en")
    assert (refused.returncode, refused.stdout) == (2, "")
    assert refused.stderr.startswith("naevn: ") and refused.stderr.count("\n") == 1


def test_a_revoked_token_is_refused(naevn: Naevn) -> None:
    added = naevn("staff", "add", "--name", "Ib Dahl", "--role", "lead", "--tribunal", "hln-461")
    token = added.stdout.split("\n\n")[1].strip()
    assert naevn("staff", "revoke", "1").returncode == 0
    refused = naevn("console", "--token", token, "--lang", "en")
    assert (refused.returncode, refused.stdout) == (2, "")
    assert "revoked" in refused.stderr.lower() or "no longer" in refused.stderr.lower()


def test_a_server_and_a_local_store_do_not_go_together(naevn: Naevn) -> None:
    refused = naevn("console", "--server", "http://127.0.0.1:1", "--db", "sqlite:///x.db",
                    "--token", "t", "--lang", "en")  # fmt: skip
    assert refused.returncode == 2
    assert "leave them out with --server" in refused.stderr
