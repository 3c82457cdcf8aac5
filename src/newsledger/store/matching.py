"""What a query matches: full-text words, the rows a name denotes, the sentence around an item.

Parts of the query layer (:mod:`newsledger.store.queries`), kept apart so each module stays short.
"""

from __future__ import annotations

import json
import re
from typing import Any, Optional

from ..ledger.linker import find_ledger_entities
from ..lexicon.names import fold, person_match_reason, person_parts
from .paging import like_pattern

__all__ = ["CONTEXT_WINDOW", "search_words", "fts_param", "fts_condition", "resolve_entities", "speaker_condition",
           "loads_json", "sentence_around", "context_columns", "add_context"]

#: Characters of article text read on each side of a quote to find its sentence.
CONTEXT_WINDOW = 400


# -- full text ---------------------------------------------------------------------------------

def search_words(text: Optional[str]) -> list[str]:
    """The words of a user's search (letters and digits); operators and quote marks are not words."""
    return re.findall(r"\w+", text or "")


def fts_param(store, words: list[str]) -> str:
    """SQLite: every word a quoted FTS5 phrase (so ``"``, ``*``, ``'`` stay text); PostgreSQL: plain words."""
    return " ".join(f'"{w}"' for w in words) if store.dialect == "sqlite" else " ".join(words)


def fts_condition(store, fts_table: str, document_sql: str, alias: str) -> str:
    """Full-text match of one ``?`` parameter on either engine (FTS5 rowid / GIN index on the same expression)."""
    if store.dialect == "sqlite":
        return f"{alias}.rowid IN (SELECT rowid FROM {fts_table} WHERE {fts_table} MATCH ?)"
    return f"to_tsvector('english', {document_sql}) @@ plainto_tsquery('english', ?)"


# -- who a name denotes ------------------------------------------------------------------------

def resolve_entities(store, ref: str) -> list[dict]:
    """Ledger entities a reference denotes: an ``ent_`` id itself, else every entity the name may denote.

    When some entity carries the name exactly (as its name or an alias), only those: "Anna Berg" does
    not also bring in every other Berg the surname rule would allow.
    """
    if ref.startswith("ent_"):
        rows = store.execute("SELECT * FROM ledger_entities WHERE id = ?", (ref,))
        if rows:
            return rows
    found = find_ledger_entities(store, ref)
    exact = [r for r in found if fold(ref) in {fold(f) for f in [r["name"], *loads_json(r["aliases"])]}]
    return exact or found


def _same_speaker(ref: str, forms: set[str], full_names: list[str], denoted: bool, name: str) -> bool:
    """Whether an unlinked speaker ``name`` is the person or body the reference denotes."""
    if fold(name) in forms:
        return True
    if person_parts(name)[0] and any(person_match_reason(full, name) for full in full_names):
        return True  # the same first name (or initial) and surname
    return not denoted and person_match_reason(ref, name) is not None


def speaker_condition(store, ref: str, entity_sql: str, name_sql: str, table: str) -> tuple[str, list]:
    """``(condition, args)`` selecting the rows whose speaker (or source) ``ref`` denotes.

    A row counts when it is linked to a ledger entity the reference denotes (:func:`resolve_entities`),
    or, not linked to any, when its written name is that entity's name or alias, or (for a name) the
    same first name and surname; with no ledger entity to go by, a name the ledger's person rules
    match ("Berg" finds "Anna Berg").  Never a substring: "Ann" does not find "Joanne".
    ``entity_sql`` is the row's ledger entity column, ``name_sql`` its written name, ``table`` the
    quotes or claims table.
    """
    ref = ref.strip()
    rows = resolve_entities(store, ref)
    ids = [r["id"] for r in rows]
    names = _unlinked_names(store, ref, rows, table)
    conds, args = [], []
    if ids:
        conds.append(f"{entity_sql} IN ({', '.join('?' for _ in ids)})")
        args += ids
    if names:
        conds.append(f"({entity_sql} IS NULL AND {name_sql} IN ({', '.join('?' for _ in names)}))")
        args += names
    return ("(" + " OR ".join(conds) + ")" if conds else "1 = 0"), args


def _unlinked_names(store, ref: str, rows: list[dict], table: str) -> list[str]:
    """Written speaker (source) names of rows linked to no entity that denote what ``ref`` denotes."""
    name_col, entity_col = ("speaker_name", "speaker_entity") if table == "quotes" else ("source_name", "source_entity")
    written = sorted({f for r in rows for f in [r["name"], *loads_json(r["aliases"])]})
    by_id = bool(rows) and rows[0]["id"] == ref
    if by_id:  # an id: its own written forms (an indexed look-up, as pages of one entity need)
        cond, args = f"t.{name_col} IN ({', '.join('?' for _ in written)})", written
    else:  # a name: every unlinked name sharing a word with it, then the name rules decide
        forms = [ref, *written]
        words = sorted({w for f in forms for w in re.findall(r"\w+", fold(f))[-1:]})
        cond = " OR ".join(f"lower(t.{name_col}) LIKE ? ESCAPE '\\'" for _ in words) or "1 = 0"
        args = [like_pattern(w) for w in words]
    found = store.execute(
        f"SELECT DISTINCT t.{name_col} AS name FROM {table} t LEFT JOIN entities e ON e.article_id = t.article_id "
        f"AND e.id = t.{entity_col} WHERE e.ledger_entity IS NULL AND ({cond})", args)
    folded = {fold(ref)} | {fold(f) for f in written}
    full_names = [f for f in [ref, *(r["name"] for r in rows)] if person_parts(f)[0]]
    return sorted(r["name"] for r in found
                  if r["name"] and (by_id and r["name"] in written
                                    or not by_id and _same_speaker(ref, folded, full_names, bool(rows), r["name"])))


def loads_json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else (value or [])


# -- sentences around an item ------------------------------------------------------------------

_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*\s+|\n")


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` of the sentence(s) holding ``text[start:end]``: from the last sentence end before
    it to the first one after it, never across a line break (so ``text[s:e]`` is the context as stored)."""
    s = 0
    for m in _SENTENCE_END.finditer(text, 0, max(start, 0)):
        s = m.end()
    m = _SENTENCE_END.search(text, max(end, s))
    e = m.start() + len(m.group().rstrip()) if m else len(text)
    while s < start and text[s].isspace():
        s += 1
    return s, max(e, end)


def context_columns(alias: str) -> str:
    """A window of the article text around an item, with the offset it starts at (cut to the sentence in Python)."""
    w = CONTEXT_WINDOW
    lo = f"(CASE WHEN {alias}.start_char > {w} THEN {alias}.start_char - {w} ELSE 0 END)"
    return f", {lo} AS window_start, substr(a.text, {lo} + 1, {alias}.end_char - {lo} + {w}) AS window"


def add_context(rows: list[dict]) -> list[dict]:
    for r in rows:
        window, offset = r.pop("window", None) or "", r.pop("window_start", 0) or 0
        s, e = sentence_around(window, r["start_char"] - offset, r["end_char"] - offset)
        r["context"], r["context_start"] = window[s:e], offset + s
    return rows
