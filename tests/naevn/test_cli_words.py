"""What ``naevn`` says outside the chat: its help is for users, and an error is one line in
the language the command was given."""

from __future__ import annotations

import pytest

from tests.conftest import Naevn


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("da", "naevn: --server skal have en adresse, der begynder med http:// eller https://"),
        ("en", "naevn: --server takes an address that starts with http:// or https://"),
    ],
)
def test_a_usage_error_speaks_the_chosen_language(naevn: Naevn, lang: str, said: str) -> None:
    result = naevn("chat", "--lang", lang, "--server", "ftp://example.dk")
    assert result.returncode == 2
    assert result.stderr.startswith(said)
    assert result.stderr.count("\n") == 1


def test_the_chat_speaks_danish_by_default_in_its_errors_too(naevn: Naevn) -> None:
    result = naevn("chat", "--server", "http://127.0.0.1:8080", "--db", "sqlite:///x.db")
    assert result.stderr == (
        "naevn: --db og --data-dir angiver et lokalt lager. Udelad dem sammen med --server.\n"
    )


def test_help_tells_a_user_how_to_file_a_case(naevn: Naevn) -> None:
    result = naevn("--help")
    assert result.returncode == 0
    assert "File a case with the rent tribunal" in result.stdout
    assert ".venv/bin/naevn chat --lang en" in result.stdout
    assert "naevn chat --resume" in result.stdout
    assert "``" not in result.stdout and "embedded store" not in result.stdout


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("chat", "--bogus"), "naevn: ukendte argumenter: --bogus\n"),
        (("chat", "--lang", "en", "--bogus"), "naevn: unrecognized arguments: --bogus\n"),
        (("chat", "--lang=en", "--bogus"), "naevn: unrecognized arguments: --bogus\n"),
        (("deadline", "--lang", "da"), "naevn: disse argumenter mangler: --case-type, --role\n"),
        (
            ("deadline", "--role", "tenant", "--case-type", "rent_level", "--event"),
            "naevn: argumentet --event: mangler en værdi\n",
        ),
        (("serve", "--bogus"), "naevn: unrecognized arguments: --bogus\n"),
    ],
)
def test_argparse_errors_speak_the_commands_language(
    naevn: Naevn, args: tuple[str, ...], said: str
) -> None:
    result = naevn(*args)
    assert (result.returncode, result.stderr) == (2, said)


def test_the_help_stays_in_one_language_when_danish_is_chosen(naevn: Naevn) -> None:
    result = naevn("chat", "--lang", "da", "--help")
    assert result.returncode == 0
    assert result.stdout.startswith("usage: naevn chat")
    assert "show this help message and exit" in result.stdout
