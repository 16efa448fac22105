"""The spreadsheet formula guard: one rule for the CSV export (in SQL) and the import (in Python).

A spreadsheet runs a cell as a formula when its first non-blank character is =, +, -
or @ (full-width ＝＋－＠ too, which some spreadsheets fold to ASCII), and acts on a
leading tab or carriage return. The export puts an apostrophe before such text. To
make the guard reversible it also puts one before text that already starts with an
apostrophe, so the import removes exactly one leading apostrophe when what follows
needs the guard, and keeps a hand-typed "'x" as it is:

    stored "=1+1" -> cell "'=1+1"  -> stored "=1+1"
    stored "'=1+1" -> cell "''=1+1" -> stored "'=1+1"
    stored "'x"   -> cell "''x"    -> stored "'x"
"""

import re

from django.db.models import Func, TextField, Value

# Written out rather than \s so that PostgreSQL and Python agree on every character.
BLANKS = " \t\n\r\x0b\x0c\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
FORMULA_START = f"^(['\t\r]|[{BLANKS}]*[=+@\uff1d\uff0b\uff0d\uff20-])"
_FORMULA_START = re.compile(FORMULA_START)
# regexp_replace(text, pattern, replacement) puts "'" before the one group anchored at the start.
GUARD_PARAMS = [FORMULA_START, "'\\1"]


def needs_guard(text: str) -> bool:
    return bool(_FORMULA_START.match(text))


def guard(text: str) -> str:
    """The cell the export writes for stored text (the SQL below does the same)."""
    return f"'{text}" if needs_guard(text) else text


def unguard(cell: str) -> str:
    """The stored text of an exported cell: the inverse of `guard`."""
    if cell.startswith("'") and needs_guard(cell[1:]):
        return cell[1:]
    return cell


class Guarded(Func):
    """`guard` in PostgreSQL: the text, with an apostrophe before it where it needs the
    guard. One regexp_replace, so the text is computed once: as CASE WHEN ... THEN ...
    ELSE ..., a correlated subquery (an export's joined sources) ran twice a row."""

    function = "regexp_replace"
    output_field = TextField()

    def __init__(self, text):
        super().__init__(text, *map(Value, GUARD_PARAMS))
