"""Claims in other articles that repeat or contradict a claim (a simple, explainable token match).

- *repeats*: another article's claim whose content words overlap this one's
  (Jaccard ≥ ``REPEAT``), with the same figure when both state one;
- *contradicts*: another article's claim about the same thing (same quantity
  ``counts`` and some word overlap, ≥ ``CONTRADICT``) stating a different figure.

The index over every stored claim is built on first use and rebuilt when the
store has changed (see :class:`ClaimIndex`).
Candidates come from the rarest words of a claim only, so a look-up costs the
same on a store of ten articles or ten thousand.
"""

from __future__ import annotations

import re
import threading
import time
from collections import Counter

__all__ = ["ClaimIndex", "tokens", "REPEAT", "CONTRADICT"]

REPEAT = 0.5
CONTRADICT = 0.25
#: Words that occur in more claims than this are too common to propose candidates.
MAX_DF = 300
#: Rarest words of a claim used to propose candidates.
PROBE_WORDS = 5

_STOP = frozenset("""a an the of to in on at by for from with and or but not no is are was were be been being have
has had that this these those it its as than then there their they them he she his her we our you your i said says
say told according would will could can may might also about into over under after before since more less many much
some any all each other such who which what when where while""".split())
_WORD = re.compile(r"[^\W_]+(?:[.,][0-9]+)*", re.UNICODE)


def tokens(text: str) -> frozenset[str]:
    """Content words, lower-cased, numbers kept whole ("5,300" → "5300")."""
    out = set()
    for w in _WORD.findall(text.lower()):
        w = w.replace(",", "") if w[0].isdigit() else w
        if w not in _STOP and (len(w) > 2 or w.isdigit()):
            out.add(w)
    return frozenset(out)


class ClaimIndex:
    """Token index over every stored claim, rebuilt only when the store has changed.

    Freshness: on SQLite every request asks its own connection for ``PRAGMA data_version``,
    which changes when *another* connection (another thread, worker process or a CLI
    ``ingest``) commits; a change seen on any connection bumps a generation number and the
    index is rebuilt on next use.  Writes through the app call :meth:`invalidate` (a
    connection does not see its own commits in ``data_version``).  Other engines fall back
    to rebuilding when the index is older than ``ttl`` seconds.  Look-ups are memoised per
    claim until the next rebuild.
    """

    def __init__(self, ttl: float = 60.0, memo: int = 50_000):
        self.ttl = ttl
        self.memo_size = memo
        self._lock = threading.Lock()
        self._built = 0.0
        self._generation = 0  # bumped by invalidate() and by a data_version change on any connection
        self._built_generation = -1
        self._claims: list[dict] = []
        self._toks: list[frozenset[str]] = []
        self._postings: dict[str, list[int]] = {}
        self._memo: dict[tuple, dict[str, list[dict]]] = {}

    def invalidate(self) -> None:
        with self._lock:
            self._generation += 1

    def _changed(self, store) -> bool:
        """True when ``store``'s connection has seen a commit by another connection since it last looked."""
        conn = getattr(store, "conn", None)
        if getattr(store, "dialect", None) != "sqlite" or conn is None:
            return False
        version = conn.execute("PRAGMA data_version").fetchone()[0]
        seen = getattr(store, "_nl_data_version", None)
        store._nl_data_version = version
        return seen is not None and seen != version

    def _fresh(self, store) -> bool:
        if self._built_generation != self._generation or not self._built:
            return False
        if getattr(store, "dialect", None) == "sqlite":
            return True
        return time.monotonic() - self._built < self.ttl

    def _ensure(self, store) -> None:
        if self._changed(store):
            self.invalidate()
        if self._fresh(store):
            return
        with self._lock:
            if self._fresh(store):
                return
            generation = self._generation
            claims = store.execute(
                "SELECT c.article_id, c.id, c.text, c.status, c.quantity_value AS quantity, "
                "c.quantity_counts AS counts, a.published, a.title, a.source "
                "FROM claims c JOIN articles a ON a.id = c.article_id")
            toks = [tokens(c["text"]) for c in claims]
            postings: dict[str, list[int]] = {}
            for i, ts in enumerate(toks):
                for t in ts:
                    postings.setdefault(t, []).append(i)
            self._claims, self._toks, self._postings = claims, toks, postings
            self._memo = {}
            self._built = time.monotonic()
            self._built_generation = generation

    def related_many(self, store, claims: list[dict], limit: int = 5) -> list[dict[str, list[dict]]]:
        """:meth:`related` for each of ``claims`` (the freshness check is made once)."""
        self._ensure(store)
        return [self.related(store, c, limit, check=False) for c in claims]

    def related(self, store, claim: dict, limit: int = 5, check: bool = True) -> dict[str, list[dict]]:
        """``{"repeats": [...], "contradicts": [...]}`` for one claim row (article_id, text, quantity, counts)."""
        if check or not self._built:
            self._ensure(store)
        key = (claim["article_id"], claim.get("id"), claim["text"], claim.get("quantity"), claim.get("counts"), limit)
        memo = self._memo
        hit = memo.get(key)
        if hit is None:
            hit = self._related(claim, limit)
            if len(memo) >= self.memo_size:
                memo.clear()
            memo[key] = hit
        # callers may add to the rows: hand out copies
        return {k: [dict(r) for r in v] for k, v in hit.items()}

    def _related(self, claim: dict, limit: int) -> dict[str, list[dict]]:
        mine = tokens(claim["text"])
        postings = self._postings
        claims, toks = self._claims, self._toks
        probes = sorted((t for t in mine if len(postings.get(t, ())) <= MAX_DF), key=lambda t: len(postings.get(t, ())))
        hits: Counter = Counter()
        for t in probes[:PROBE_WORDS]:
            hits.update(postings.get(t, ()))
        repeats, contradicts = [], []
        q1, counts, n_mine = claim.get("quantity"), claim.get("counts"), len(mine)
        for i, _ in hits.most_common(60):
            other = claims[i]
            if other["article_id"] == claim["article_id"]:
                continue
            theirs = toks[i]
            common = len(mine & theirs)
            union = n_mine + len(theirs) - common
            overlap = common / (union or 1)
            q2 = other["quantity"]
            same_thing = bool(counts) and counts == other["counts"]
            if same_thing and q1 is not None and q2 is not None and q1 != q2 and overlap >= CONTRADICT:
                into = contradicts
            elif overlap >= REPEAT and (q1 is None or q2 is None or q1 == q2):
                into = repeats
            else:
                continue
            into.append({"article_id": other["article_id"], "id": other["id"], "text": other["text"],
                         "status": other["status"], "published": other["published"],
                         "title": other["title"] or (other["source"] or "").rsplit("/", 1)[-1],
                         "overlap": round(overlap, 2), "quantity": q2})
        key = lambda r: (-r["overlap"], r["published"] or "", r["article_id"])  # noqa: E731
        return {"repeats": sorted(repeats, key=key)[:limit], "contradicts": sorted(contradicts, key=key)[:limit]}
