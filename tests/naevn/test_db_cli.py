"""`naevn db` on PostgreSQL: the schema is created and reported from a separate process."""

from __future__ import annotations

from casestore.migrate import head
from tests.conftest import Naevn


def test_db_upgrade_creates_the_schema_on_postgresql(naevn: Naevn, pg_empty_url: str) -> None:
    plain = pg_empty_url.replace("postgresql+psycopg://", "postgresql://")
    before = naevn("db", "current", "--db", plain)
    upgraded = naevn("db", "upgrade", "--db", plain)
    after = naevn("db", "current", "--db", pg_empty_url)
    assert [r.returncode for r in (before, upgraded, after)] == [0, 0, 0]
    assert before.stdout.strip() == "empty"
    assert upgraded.stdout.strip() == after.stdout.strip() == head()


def test_db_upgrade_on_an_unreachable_server_exits_2_with_one_line(naevn: Naevn) -> None:
    result = naevn("db", "upgrade", "--db", "postgresql://naevn@127.0.0.1:1/naevn")
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Cannot open the case store" in result.stderr
