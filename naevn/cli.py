"""The ``naevn`` command: chat, deadline, cases and db, wired to the embedded store."""

from __future__ import annotations

import argparse
import io
import os
import sys
from collections.abc import Sequence
from datetime import date
from typing import NoReturn

from locales import LANGUAGES
from naevn import usage
from naevn.commands import cases as cases_command
from naevn.commands import deadline as deadline_command
from naevn.program import program
from naevn.settings import Settings, from_env
from statemachine.errors import NaevnError
from statemachine.text import t

DESCRIPTION = """\
File a case with the rent tribunal (huslejenævnet) or the residents' complaints board
(beboerklagenævnet), and see the deadlines that apply to it.

To file a case, start the chat and answer one question at a time:

    .venv/bin/naevn chat              (in Danish)
    .venv/bin/naevn chat --lang en    (in English)

You can type save, back or help at any question. The chat gives you a code, and the
command that continues your draft later with it.
"""

EPILOG = """\
examples:
  naevn chat --server http://127.0.0.1:8080    file a case with a running service
  naevn chat --resume ABCD-EFGH-JKLM-NPQR      continue a saved draft
  naevn deadline --help                        which deadlines a case has
  naevn serve --port 8081                      run the service on another port

Run any command with --help to see its options.
"""


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line on stderr and exit status 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"naevn: {message}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="naevn",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(
        dest="command", required=True, parser_class=_Parser, metavar="COMMAND", title="commands"
    )

    chat = commands.add_parser("chat", help="file a case, one question at a time")
    chat.add_argument("--lang", default="da", help="da or en (default da)")
    chat.add_argument("--json", action="store_true", help="speak the turn protocol")
    chat.add_argument("--resume", metavar="CODE", help="continue a saved draft")
    chat.add_argument("--server", metavar="URL", help="a running naevn service")
    chat.add_argument("--db", metavar="URL", help="the store (default sqlite:///var/naevn.db)")
    chat.add_argument("--data-dir", metavar="DIR", help="where attachments are kept")

    serve = commands.add_parser("serve", help="run the service the chat and web forms talk to")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on")
    serve.add_argument("--port", type=int, default=8080, help="port (0 picks a free one)")
    serve.add_argument("--db", metavar="URL", help="the store (default sqlite:///var/naevn.db)")
    serve.add_argument("--data-dir", metavar="DIR", help="where attachments are kept")
    serve.add_argument("--access-log", action="store_true", help="log one line per request")
    serve.add_argument(
        "--check-port", action="store_true", help="only say whether the port is free, and exit"
    )

    deadline = commands.add_parser(
        "deadline",
        help="the deadlines of a case, and what they mean",
        description="Print the legal deadlines that apply to a case, from the dates given.",
        epilog=deadline_command.EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    deadline.add_argument("--case-type", required=True, help="the case type (listed below)")
    deadline.add_argument("--role", required=True, help="who files (listed below)")
    deadline.add_argument("--side", help="for a representative: the side they act for")
    deadline.add_argument(
        "--event",
        action="append",
        default=[],
        metavar="NAME=DATE",
        help="a dated event (listed below); repeat for each",
    )
    deadline.add_argument(
        "--housing", metavar="private|social", help="the kind of home (unknown if left out)"
    )
    deadline.add_argument(
        "--municipality", metavar="KOMMUNEKODE", help="the kommune of the home, e.g. 101"
    )
    deadline.add_argument(
        "--landlord-units", metavar="one|several", help="whether the landlord lets several homes"
    )
    deadline.add_argument("--today", help="the day to count from (default: today)")
    deadline.add_argument("--json", action="store_true", help="print JSON for scripts")
    deadline.add_argument("--lang", default="da", help="da or en (default da)")

    cases = commands.add_parser("cases", help="list and show the filed cases (for staff)")
    cases_sub = cases.add_subparsers(dest="cases_command", required=True, parser_class=_Parser)
    listing = cases_sub.add_parser("list")
    listing.add_argument("--json", action="store_true")
    listing.add_argument("--db", metavar="URL")
    listing.add_argument("--data-dir", metavar="DIR")
    show = cases_sub.add_parser("show")
    show.add_argument("number")
    show.add_argument("--json", action="store_true")
    show.add_argument("--db", metavar="URL")
    show.add_argument("--data-dir", metavar="DIR")
    export = cases_sub.add_parser(
        "export",
        help="write one case as a ZIP for the records system (ESDH): case.json and its files",
        description="Write one case as a ZIP: case.json (answers, parties, deadlines, events, "
        "notes, messages, hearings, decision) and the case's documents under files/.",
    )
    export.add_argument("number")
    export.add_argument(
        "--out", metavar="FILE", help="where to write it (default sag-NUMBER.zip; - for stdout)"
    )
    export.add_argument("--db", metavar="URL")
    export.add_argument("--data-dir", metavar="DIR")

    demo = commands.add_parser("demo", help="load demo cases, to try naevn")
    demo.add_argument("--force", action="store_true", help="even if real cases exist")
    demo.add_argument("--db", metavar="URL")
    demo.add_argument("--data-dir", metavar="DIR")

    staff = commands.add_parser("staff", help="the secretariat's staff and tribunals")
    staff_sub = staff.add_subparsers(dest="staff_command", required=True, parser_class=_Parser)
    tribunals = staff_sub.add_parser(
        "tribunals", help="list every tribunal by the code that scopes staff, e.g. hln-101"
    )
    tribunals.add_argument("--json", action="store_true", help="one JSON object per line")
    add = staff_sub.add_parser(
        "add",
        help="add a staff member and print their token, once",
        description="Add a staff member. Their token is printed once; only its hash is kept.",
        epilog="example:\n  naevn staff add --name 'Mette Holm' --role caseworker "
        "--tribunal hln-101 bkn-101",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add.add_argument("--name", required=True, help="the staff member's full name")
    add.add_argument("--role", required=True, help="caseworker, lead, board_member or admin")
    add.add_argument(
        "--tribunal",
        required=True,
        nargs="+",
        action="extend",
        metavar="CODE",
        help="the tribunals they work for, e.g. hln-101 (naevn staff tribunals lists them)",
    )
    add.add_argument("--json", action="store_true", help="print the new staff member as JSON")
    staff_list = staff_sub.add_parser("list", help="list the staff, revoked ones included")
    staff_list.add_argument("--json", action="store_true", help="one JSON object per line")
    revoke = staff_sub.add_parser("revoke", help="revoke a staff member's token")
    revoke.add_argument("id", type=int, metavar="ID", help="the id naevn staff list shows")
    for sub in (add, staff_list, revoke):
        sub.add_argument("--db", metavar="URL", help="the store (default sqlite:///var/naevn.db)")
        sub.add_argument("--data-dir", metavar="DIR", help="where attachments are kept")

    from naevn.commands.console import EPILOG as CONSOLE_EPILOG
    from naevn.commands.console import THEMES

    console = commands.add_parser(
        "console",
        help="the secretariat's console: the queue and the cases (for staff)",
        description="Work cases in the staff console, on a running service or the local store.",
        epilog=CONSOLE_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    console.add_argument("--server", metavar="URL", help="a running naevn service")
    console.add_argument("--token", metavar="T", help="your staff token (or set NAEVN_STAFF_TOKEN)")
    console.add_argument(
        "--db", metavar="URL", help="the local store (default sqlite:///var/naevn.db)"
    )
    console.add_argument("--data-dir", metavar="DIR", help="where attachments are kept")
    console.add_argument("--lang", default="da", help="da or en (default da)")
    console.add_argument("--theme", choices=sorted(THEMES), help="a theme (default: high-contrast)")

    db = commands.add_parser("db", help="set up and tidy the case store (for staff)")
    db_sub = db.add_subparsers(dest="db_command", required=True, parser_class=_Parser)
    for name in ("upgrade", "current"):
        sub = db_sub.add_parser(name)
        sub.add_argument("--db", metavar="URL")
    gc = db_sub.add_parser(
        "gc", help="delete stale drafts and old replies, remove files no row names; say what went"
    )
    gc.add_argument("--json", action="store_true")
    gc.add_argument("--db", metavar="URL")
    gc.add_argument("--data-dir", metavar="DIR")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one naevn command; returns the exit status."""
    words = list(sys.argv[1:] if argv is None else argv)
    # The chat and deadline speak Danish unless told otherwise, and so do their usage errors;
    # the staff commands, and naevn with no command, speak English.
    spoken = usage.lang_in(words, "da" if words[:1] in (["chat"], ["deadline"]) else "en")
    with usage.spoken_in(spoken):
        args = _parser().parse_args(words)
    try:
        return _run(args)
    except NaevnError as err:
        print(f"naevn: {_one_line(err, _lang_of(args))}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader stopped early (``| head``): not an error. Point stdout at nothing, so
        # that flushing it at exit does not fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _run(args: argparse.Namespace) -> int:
    if args.command == "deadline":
        return _deadline(args)
    if args.command == "staff" and args.staff_command == "tribunals":
        from naevn.commands import staff as staff_command

        staff_command.list_tribunals(args.json, sys.stdout)
        return 0
    settings = from_env(getattr(args, "db", None), getattr(args, "data_dir", None))
    if args.command == "staff":
        return _staff(args, settings)
    if args.command == "console":
        from naevn.commands import console as console_command

        return console_command.run(
            settings,
            server=args.server,
            token=args.token,
            local_store=bool(args.db or args.data_dir),
            lang=args.lang,
            theme=args.theme,
        )
    if args.command == "chat":
        return _chat(args, settings)
    if args.command == "serve":
        from naevn.commands import serve as serve_command

        if args.check_port:
            return serve_command.check_port(args.host, args.port)
        return serve_command.run(
            settings, host=args.host, port=args.port, access_log=args.access_log
        )
    if args.command == "demo":
        from naevn.commands import demo

        demo.load(settings, sys.stdout, force=args.force)
        return 0
    if args.command == "cases":
        from naevn.embedded import open_store

        store = open_store(settings)
        if args.cases_command == "list":
            cases_command.list_cases(store, args.json, sys.stdout)
        elif args.cases_command == "export":
            from naevn.commands import export as export_command

            export_command.export_case(store, args.number, args.out, sys.stdout)
        else:
            cases_command.show_case(store, args.number, args.json, sys.stdout)
        return 0
    if args.db_command == "gc":
        from naevn.commands import db as db_command
        from naevn.embedded import open_store

        store = open_store(settings)
        try:
            db_command.gc(store, settings, args.json, sys.stdout)
        finally:
            store.close()
        return 0
    from casestore import current, upgrade

    if args.db_command == "upgrade":
        upgrade(settings.db)
    print(current(settings.db) or "empty")
    return 0


def _chat(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.chat.channel import Channel, LocalChannel
    from assistant.chat.remote import HttpChannel
    from assistant.chat.terminal import JsonChat, PlainChat
    from naevn.embedded import conversation

    if args.lang not in LANGUAGES:
        raise deadline_command.UsageError(f"unknown language {args.lang!r}; use da or en")
    if args.server and (args.db or args.data_dir):
        raise deadline_command.UsageError(
            t("--db and --data-dir name a local store; leave them out with --server.")
        )
    if args.server and not args.server.startswith(("http://", "https://")):
        raise deadline_command.UsageError(
            t(
                "--server takes an address that starts with http:// or https://, not {address}.",
                address=args.server,
            )
        )
    # A terminal in another encoding must not crash the chat on "æ": undecodable bytes are
    # replaced, and the answer is then refused or kept like any other text.
    if isinstance(sys.stdin, io.TextIOWrapper):
        sys.stdin.reconfigure(errors="replace")
    remote = HttpChannel(args.server, lang=args.lang) if args.server else None
    channel: Channel = remote or LocalChannel(conversation(settings))
    try:
        if args.json:
            return JsonChat(channel, sys.stdin, sys.stdout).run(args.lang, args.resume)
        echo = not sys.stdin.isatty()
        chat = PlainChat(
            channel, sys.stdin, sys.stdout, echo=echo, server=args.server, command=program()
        )
        return chat.run(args.lang, args.resume)
    finally:
        if remote is not None:
            remote.close()


def _staff(args: argparse.Namespace, settings: Settings) -> int:
    from naevn.commands import staff as staff_command
    from naevn.embedded import open_store

    if args.staff_command == "add":
        # Check the role and codes before the store is opened (or created).
        staff_command.checked(args.role, args.tribunal)
    store = open_store(settings)
    try:
        if args.staff_command == "add":
            staff_command.add(store, args.name, args.role, args.tribunal, args.json, sys.stdout)
        elif args.staff_command == "list":
            staff_command.list_staff(store, args.json, sys.stdout)
        else:
            staff_command.revoke(store, args.id, sys.stdout)
    finally:
        store.close()
    return 0


def _deadline(args: argparse.Namespace) -> int:
    if args.lang not in LANGUAGES:
        raise deadline_command.UsageError(f"unknown language {args.lang!r}; use da or en")
    try:
        today = date.fromisoformat(args.today) if args.today else from_env().clock()
    except ValueError:
        raise deadline_command.UsageError(f"--today: not an ISO date: {args.today!r}") from None
    deadline_command.run(
        args.case_type,
        args.role,
        args.side,
        args.event,
        today,
        args.json,
        args.lang,
        sys.stdout,
        facts=deadline_command.circumstances(args.housing, args.municipality, args.landlord_units),
    )
    return 0


def _lang_of(args: argparse.Namespace) -> str:
    """The language a command's errors speak: the one its --lang chose (da by default for
    the chat and deadline), else English, for the staff commands that take no --lang."""
    lang = getattr(args, "lang", None)
    return lang if lang in LANGUAGES else "en"


def _one_line(err: NaevnError, lang: str) -> str:
    from locales import translator

    message = err.message
    text = message if isinstance(message, str) else translator(lang).render(message)
    return " ".join(text.split())


if __name__ == "__main__":
    sys.exit(main())
