"""The Vietnamese text of the project's notes (`data/raw/notes-vi.csv`: `note`, `note_vi`).

A row's `note` in `index_scores` (and `dti`) is the project's words — how a value was inferred,
which list it came from — written in English in `data/raw/`, joined by `vocab.NOTE_SEPARATOR`
when several rows' notes meet. Each part is looked up as written (`note` exactly) and its
translation kept part by part in `note_vi` (same separator, same order; a part without a
translation is left empty, never guessed), so a Vietnamese page shows the note in Vietnamese
and an untranslated part in English, labelled so (`analysis.claims.note_parts`). The
translation is the project's; the numbers and names in it are the note's, as written."""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..vocab import NOTE_SEPARATOR
from .rawfile import read_records

NOTES_FILE = "notes-vi.csv"
COLUMNS = ("note", "note_vi")


def read_translations(path: Path, shown: str, root: Path | None = None) -> dict[str, str]:
    """English note part → its Vietnamese text; {} when the file does not exist. A note
    translated twice, differently, is refused in one line naming the row. `root`: the
    project (else found from `path`). A lookup, not rows of a table: no `ReadResult`."""
    if not path.exists():
        return {}
    out: dict[str, str] = {}
    for line, record in read_records(path, root=root, required=COLUMNS):
        note, vi = record["note"].strip(), record["note_vi"].strip()
        if not note or not vi:
            raise InputError(f"row {line} has an empty note or note_vi", path=shown,
                             hint="every row pairs an English note with its Vietnamese text")
        if note in out and out[note] != vi:
            raise InputError(f"row {line} translates a note already translated differently",
                             path=shown, hint="keep one Vietnamese text per note")
        out[note] = vi
    return out


def translate(note: object, translations: dict[str, str]) -> str | None:
    """`note`'s Vietnamese text part by part (an untranslated part left empty); None when no
    part has a translation."""
    if not isinstance(note, str) or not note.strip():
        return None
    parts = [p.strip() for p in note.split(NOTE_SEPARATOR)]
    vi = [translations.get(p, "") for p in parts]
    return NOTE_SEPARATOR.join(vi) if any(vi) else None


def with_translations(rows: list[dict], translations: dict[str, str]) -> list[dict]:
    """`rows` with `note_vi` set from their `note`."""
    return [{**row, "note_vi": translate(row.get("note"), translations)} for row in rows]
