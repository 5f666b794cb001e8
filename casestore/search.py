"""The queue's full-text search: what is indexed of a case, and how a search matches it.

A case's search document holds its number, its parties' names, the home's address and the
filer's own words (the free-text answers). SQLite keeps it in an FTS5 table (``case_search``,
rowid = ``cases.id``); PostgreSQL in a ``tsvector`` column on ``cases`` with a GIN index. A
search matches every word as a prefix (``nør`` finds Nørregade), all words together.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, Final

from sqlalchemy import ColumnElement, Connection, bindparam, func, literal_column, text

from casestore.models import CASES
from statemachine.flows.intake.dialogue import INTAKE

SEARCH_TABLE: Final = "case_search"
"""The SQLite FTS5 table (its shadow tables share the prefix)."""
SEARCH_VECTOR: Final = "search_vector"
"""The PostgreSQL tsvector column on ``cases``."""
SEARCH_INDEX: Final = "ix_cases_search_vector"
"""The GIN index on that column."""

TEXT_COLUMNS: Final = ("number", "parties", "address", "words")
"""The SQLite text index's columns a search word is looked for in."""
SEARCH_COLUMNS: Final = (*TEXT_COLUMNS, "tribunal")
"""All its columns: the text, and the case's tribunal as one word (:func:`scope_word`)."""

_WORD = re.compile(r"[^\W_]+")


def include_name(name: str | None, type_: str, parent_names: Any) -> bool:
    """Whether a database object is the models' to compare (Alembic's ``include_name``).

    The search objects are backend-specific and made by the migration alone, so they are not
    in the models.
    """
    if name is None:
        return True
    if type_ == "table":
        return not name.startswith(SEARCH_TABLE)
    return name not in (SEARCH_VECTOR, SEARCH_INDEX)


@cache
def free_text_states() -> frozenset[str]:
    """The intake states whose answer is the filer's own words (long free text)."""
    return frozenset(
        state["name"]
        for state in INTAKE["states"]
        if state.get("input", {}).get("kind") == "long_text"
    )


@dataclass(frozen=True, slots=True)
class SearchDocument:
    """What the search finds a case by."""

    number: str
    """The case number, and its two parts as words of their own (``101-10005 101 10005``)."""
    parties: str
    """Every party's name."""
    address: str
    """The home's address."""
    words: str
    """The filer's free-text answers, joined."""
    tribunal: str = ""
    """The case's tribunal code; on SQLite a column of its own, so a search is scoped to the
    caller's tribunals inside the text index (see :func:`matching`)."""

    @property
    def text(self) -> str:
        """All of it as one text (PostgreSQL indexes one vector)."""
        return " ".join((self.number, self.parties, self.address, self.words))


def document(
    number: str,
    names: Iterable[str],
    address: str,
    answers: Mapping[str, Any],
    tribunal: str = "",
) -> SearchDocument:
    """The search document of a case."""
    free = free_text_states()
    words = [
        value
        for key, value in answers.items()
        if key.split(":", 1)[0] in free and isinstance(value, str)
    ]
    return SearchDocument(
        f"{number} {number.replace('-', ' ')}",
        " ".join(names),
        address,
        "\n".join(words),
        tribunal,
    )


def index(connection: Connection, case_id: int, doc: SearchDocument) -> None:
    """Put a case's search document in the index (new cases only)."""
    if connection.dialect.name == "postgresql":
        connection.execute(
            text(f"UPDATE cases SET {SEARCH_VECTOR} = to_tsvector('simple', :doc) WHERE id = :id"),
            # Lower-cased here: the database's own lower() leaves æ, ø and å alone in the C locale.
            {"doc": doc.text.lower(), "id": case_id},
        )
        return
    connection.execute(
        text(
            f"INSERT INTO {SEARCH_TABLE} (rowid, {', '.join(SEARCH_COLUMNS)}) "
            f"VALUES (:id, {', '.join(':' + name for name in SEARCH_COLUMNS)})"
        ),
        {"id": case_id, **fields(doc)},
    )


def terms(query: str) -> list[str]:
    """The words of a search, lower-cased; punctuation separates words."""
    return [word.lower() for word in _WORD.findall(query)]


def matching(dialect: str, words: list[str], tribunals: Sequence[str] = ()) -> ColumnElement[bool]:
    """A condition on ``cases`` that holds for the cases matching every word as a prefix.

    Args:
        dialect: ``sqlite`` or ``postgresql``.
        words: from :func:`terms`; not empty.
        tribunals: on SQLite, the tribunals to look in, matched inside the text index so
            that a common word does not read every match in the country first (the caller
            scopes the cases by tribunal too; on PostgreSQL that is the only scope).
    """
    if dialect == "postgresql":
        query = " & ".join(f"{word}:*" for word in words)
        vector: ColumnElement[Any] = literal_column(f"cases.{SEARCH_VECTOR}")
        tsquery = func.to_tsquery("simple", bindparam("p_search", query))
        return vector.op("@@")(tsquery)
    # Each word quoted, so FTS5 reads none of them as an operator (AND, OR, NOT, NEAR), and
    # looked for in the document's own columns only, never in the tribunal's.
    query = "{" + " ".join(TEXT_COLUMNS) + "} : (" + " ".join(f'"{w}"*' for w in words) + ")"
    if tribunals:
        query += " AND tribunal : (" + " OR ".join(f'"{scope_word(c)}"' for c in tribunals) + ")"
    ids = text(f"SELECT rowid FROM {SEARCH_TABLE} WHERE {SEARCH_TABLE} MATCH :p_search")
    return CASES.c.id.in_(
        ids.bindparams(p_search=query).columns(literal_column("rowid")).scalar_subquery()
    )


def scope_word(tribunal: str) -> str:
    """A tribunal code as one word of the text index (``hln-101`` → ``hln101``)."""
    return tribunal.replace("-", "").lower()


def fields(doc: SearchDocument) -> dict[str, str]:
    """The SQLite text index's columns of a document (:data:`SEARCH_COLUMNS`)."""
    return {
        "number": doc.number,
        "parties": doc.parties,
        "address": doc.address,
        "words": doc.words,
        "tribunal": scope_word(doc.tribunal),
    }
