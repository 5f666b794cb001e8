"""``naevn staff``: the secretariat's own commands. ``staff tribunals`` lists the tribunals a
staff member can belong to, by the code that scopes them."""

from __future__ import annotations

import json
from typing import TextIO

from locales import translator
from statemachine.catalog.municipalities import municipality
from statemachine.catalog.tribunals import TRIBUNALS


def list_tribunals(as_json: bool, out: TextIO) -> None:
    """Print every tribunal: its code, its name in English (the staff commands' language) and
    the municipalities it serves; or one JSON object per line."""
    words = translator("en")
    for tribunal in TRIBUNALS:
        name = words.render(tribunal.name)
        if as_json:
            listed = {
                "code": tribunal.code,
                "board": tribunal.board,
                "name": name,
                "municipalities": list(tribunal.members),
            }
            out.write(json.dumps(listed, ensure_ascii=False) + "\n")
            continue
        served = ", ".join(f"{municipality(c).name} ({c})" for c in tribunal.members)
        out.write(f"{tribunal.code:<9} {name[0].upper()}{name[1:]}: {served}\n")
