"""The text-only chat on stdin and stdout: plain lines, or one JSON object per line."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TextIO

from assistant.chat.channel import Channel
from assistant.chat.plaintext import ACTION_WORDS, file_command, interpret, render
from assistant.protocol import Files, Turn
from locales import translator
from statemachine.errors import NaevnError
from statemachine.text import N_, t, tn

FILES_HINT = N_("To see the files you have uploaded, type files.")
REMOVE_HINT = N_(
    "To remove a file no answer uses, type remove and its number, for example: remove 1. "
    "A file an answer uses is removed by changing that answer first."
)
USED = N_("used in an answer")
UNUSED = N_("not used")
NO_SUCH_NUMBER = N_("There is no file number {number}. Type files to see the list.")
SAVED = N_("Your answers are saved. To continue later, run: {command}")
RESUME_WITH = N_("To continue later, run: {command}")
NOT_USED = N_("This step takes no answer, so what you typed was not used: {typed}")
RECEIVED = N_("Received: {filename} ({size}).")

PROMPT_MARK = "> "
"""Printed before the filer types, so a screen reader user knows it is their turn."""


class PlainChat:
    """The plain-text chat loop."""

    def __init__(
        self,
        channel: Channel,
        stdin: TextIO,
        stdout: TextIO,
        *,
        echo: bool,
        server: str | None = None,
        command: str = "naevn",
    ) -> None:
        """Args:
        channel: where the turns come from.
        stdin: the filer's typing.
        stdout: where the chat writes.
        echo: write each line read after the prompt mark, for transcripts when the input
            is not a terminal.
        server: the service's address when chatting with ``--server``.
        command: how the filer starts naevn from where they are, for the resume command
            they paste later (``.venv/bin/naevn`` after ``make run``).
        """
        self.channel = channel
        self.stdin = stdin
        self.stdout = stdout
        self.echo = echo
        self.server = server
        """The service the chat talks to, if any: the resume command must name it too."""
        self.command = command
        """The program part of the printed resume command."""
        self.turn: Turn | None = None
        """The turn on screen, for what Ctrl-C says."""
        self.receipts: list[str] = []
        """What the last answer's files were received as, said before the next turn."""
        self.part: int | None = None
        """The part of the dialogue last named on screen; None until one is, or after the
        filer moved (back, restart), so the next turn names its part again."""

    def run(self, lang: str, resume: str | None = None) -> int:
        """Chat until the case is filed or the input ends. Returns the exit status: 0, or
        130 after Ctrl-C (which saves like the end of input does)."""
        try:
            session, code, turn = _open(self.channel, lang, resume)
        except NaevnError as err:
            self._say(_plain(err, lang))
            return 2
        self.turn = turn
        try:
            return self._talk(session, code, turn, lang)
        except KeyboardInterrupt:
            self._say("")
            self._saved(self.turn, code, lang)
            return 130

    def _talk(self, session: str, code: str, turn: Turn, lang: str) -> int:
        """The loop of one chat: show a turn, read a line, answer it."""
        while True:
            self.turn = turn
            lang = self._lang(turn, lang)
            part = turn["progress"]["step"]
            self._say(render(turn, lang, new_part=part != self.part, before=self.receipts))
            self.part, self.receipts = part, []
            if turn["done"]:
                return 0
            line = self._read(turn["input"]["kind"] == "long_text")
            if line is None:
                self._say("")
                self._saved(turn, code, lang)
                return 0
            managing = file_command(line)
            if managing is not None:
                self._say(self._manage_files(session, *managing, lang=lang))
                turn = _again(turn)
                continue
            answer = interpret(line, turn)
            if turn["input"]["kind"] == "none" and "value" in answer and line.strip():
                self._say(translator(lang).render(t(NOT_USED, typed=line.strip())))
                answer = {"value": None}
            try:
                turn = self.channel.answer(session, answer, code)
            except NaevnError as err:
                turn = _refused(turn, _plain(err, lang))
            if answer.get("action") in ("back", "restart") and not turn["errors"]:
                self.part = None
            if turn["errors"] and turn["input"]["kind"] == "file":
                turn = self._with_files_hint(session, turn, lang)
            elif not turn["errors"]:
                turn = self._confirmed(session, answer, code, turn, lang)

    def _resume_command(self, code: str) -> str:
        server = f"--server {self.server} " if self.server else ""
        return f"{self.command} chat {server}--resume {code}"

    def _saved(self, turn: Turn | None, code: str, lang: str) -> None:
        """At the end of input or Ctrl-C: say how to continue, if the draft can be saved."""
        if turn is not None and "save" in turn["actions"]:
            command = self._resume_command(code)
            self._say(translator(lang).render(t(SAVED, command=command)))

    def _confirmed(
        self, session: str, answer: dict[str, Any], code: str, turn: Turn, lang: str
    ) -> Turn:
        """The next turn, first saying which file was received, or the whole resume command
        after save."""
        tr = translator(lang)
        said: list[str] = []
        if answer.get("action") == "save":
            said.append(tr.render(t(RESUME_WITH, command=self._resume_command(code))))
        value = answer.get("value")
        if isinstance(value, dict) and "path" in value:
            try:
                files = self.channel.files(session)["attachments"]
            except NaevnError:
                files = []
            if files:
                name = Path(str(value["path"])).name
                last = next((f for f in reversed(files) if f["filename"] == name), files[-1])
                said.append(
                    tr.render(
                        t(RECEIVED, filename=last["filename"], size=_size(last["size"], lang))
                    )
                )
        if not said:
            return turn
        if answer.get("action") != "save":
            # What was received answers the last question, so it comes before a new part.
            self.receipts = said
            return turn
        shown = turn.copy()
        shown["messages"] = [*turn["messages"], *said]
        return shown

    def _with_files_hint(self, session: str, turn: Turn, lang: str) -> Turn:
        """A refused file answer, saying how to see and remove files if there are some (the
        case may be full)."""
        try:
            if not self.channel.files(session)["attachments"]:
                return turn
        except NaevnError:
            return turn
        *first, last = turn["errors"]
        shown = turn.copy()
        shown["errors"] = [*first, f"{last} {translator(lang).render(t(FILES_HINT))}"]
        return shown

    def _manage_files(self, session: str, command: str, which: str, *, lang: str) -> str:
        """List the uploaded files, or remove the one numbered ``which`` in that list."""
        tr = translator(lang)
        try:
            listed = self.channel.files(session)
            files = listed["attachments"]
            if command == "files":
                return _listing(listed, lang)
            if not which.isdigit() or not 0 < int(which) <= len(files):
                return tr.render(t(NO_SUCH_NUMBER, number=which or "?"))
            removed = self.channel.remove_file(session, files[int(which) - 1]["id"])
        except NaevnError as err:
            return _plain(err, lang)
        return tr.render(t("{filename} is removed.", filename=removed["filename"]))

    def _read(self, many: bool) -> str | None:
        self.stdout.write(PROMPT_MARK)
        self.stdout.flush()
        first = self.stdin.readline()
        if not first:
            return None
        lines = [first.rstrip("\n")]
        if many and lines[0].strip() and lines[0].strip().lower() not in ACTION_WORDS:
            while True:
                more = self.stdin.readline()
                if not more or not more.strip():
                    break
                lines.append(more.rstrip("\n"))
        text = "\n".join(lines)
        if self.echo:
            self.stdout.write(text.replace("\n", "\n  ") + "\n")
        return text

    def _say(self, text: str) -> None:
        self.stdout.write(text + "\n")
        self.stdout.flush()

    @staticmethod
    def _lang(turn: Turn, lang: str) -> str:
        return str(turn.get("lang", lang))


class JsonChat:
    """The turn protocol on stdin/stdout: one answer per line in, one turn per line out."""

    def __init__(self, channel: Channel, stdin: TextIO, stdout: TextIO) -> None:
        """Wrap a channel and the two streams."""
        self.channel = channel
        self.stdin = stdin
        self.stdout = stdout

    def run(self, lang: str, resume: str | None = None) -> int:
        """Answer lines until the input ends. Returns the exit status: 0, or 130 after Ctrl-C,
        which first writes one last line with the resume code, as the plain chat says it."""
        try:
            session, code, turn = _open(self.channel, lang, resume)
        except NaevnError as err:
            self._emit({"error": {"code": err.code, "message": _plain(err, lang)}})
            return 2
        self._emit(turn)
        try:
            self._talk(session, code, turn, lang)
        except KeyboardInterrupt:
            self._emit({"interrupted": {"resume_code": code, "session": session}})
            return 130
        return 0

    def _talk(self, session: str, code: str, turn: Turn, lang: str) -> None:
        """Answer each line of input with the next turn, until the input ends."""
        for line in self.stdin:
            if not line.strip():
                continue
            try:
                answer = json.loads(line)
            except json.JSONDecodeError:
                message = translator(lang).render(
                    t(
                        "That line is not valid JSON. Send one answer per line, like {example}.",
                        example='{"value": "tenant"}',
                    )
                )
                self._emit(_refused(turn, message))
                continue
            try:
                turn = self.channel.answer(session, answer, code)
            except NaevnError as err:
                self._emit(_refused(turn, _plain(err, lang)))
                continue
            self._emit(turn)

    def _emit(self, obj: Mapping[str, object]) -> None:
        self.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
        self.stdout.flush()


def _open(channel: Channel, lang: str, resume: str | None) -> tuple[str, str, Turn]:
    """Start a session, or continue one by its code: (session, resume code, first turn)."""
    if resume is None:
        return channel.start(lang)
    session, turn = channel.resume(resume)
    return session, resume, turn


def _listing(listed: Files, lang: str) -> str:
    """The uploaded files as numbered lines, each saying whether an answer uses it, and how
    to remove one."""
    tr = translator(lang)
    if not listed["attachments"]:
        return tr.render(t("You have not uploaded any files yet."))
    lines = [tr.render(t("The files you have uploaded:"))]
    for number, file in enumerate(listed["attachments"], start=1):
        used = t(USED) if file["id"] in listed["in_use"] else t(UNUSED)
        lines.append(
            tr.render(
                t(
                    "  {number}. {filename} ({size}, {used})",
                    number=number,
                    filename=file["filename"],
                    size=_size(file["size"], lang),
                    used=used,
                )
            )
        )
    lines.append(tr.render(t(REMOVE_HINT)))
    return "\n".join(lines)


def _size(size: int, lang: str) -> str:
    """A file's size as people say it: bytes, kB or MB, with the language's decimal mark."""
    if size < 1024:
        return translator(lang).render(tn("{count} byte", "{count} bytes", size))
    if size < 1024 * 1024:
        return f"{round(size / 1024)} kB"
    megabytes = f"{size / (1024 * 1024):.1f}"
    return (megabytes.replace(".", ",") if lang == "da" else megabytes) + " MB"


def _again(turn: Turn) -> Turn:
    """The same question again, without what was said the first time."""
    shown = turn.copy()
    shown["errors"] = []
    shown["messages"] = []
    return shown


def _refused(turn: Turn, error: str) -> Turn:
    """The same question again, saying only why the answer was refused."""
    shown = turn.copy()
    shown["errors"] = [error]
    shown["messages"] = []
    return shown


def _plain(err: NaevnError, lang: str) -> str:
    message = err.message
    return translator(lang).render(message)
