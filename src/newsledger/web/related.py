"""Claims in other articles that repeat or contradict a claim (a simple, explainable token match).

- *repeats*: another article's claim whose content words overlap this one's
  (Jaccard ≥ ``REPEAT``), with the same figure when both state one;
- *contradicts*: another article's claim about the same thing (same quantity
  ``counts`` and some word overlap, ≥ ``CONTRADICT``) stating a different figure.

The index over every stored claim is built on first use and rebuilt when it is
older than ``ttl`` seconds or after a write through the app (``invalidate``).
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
    def __init__(self, ttl: float = 60.0):
        self.ttl = ttl
        self._lock = threading.Lock()
        self._built = 0.0
        self._claims: list[dict] = []
        self._toks: list[frozenset[str]] = []
        self._postings: dict[str, list[int]] = {}

    def invalidate(self) -> None:
        self._built = 0.0

    def _ensure(self, store) -> None:
        if time.monotonic() - self._built < self.ttl and self._built:
            return
        with self._lock:
            if time.monotonic() - self._built < self.ttl and self._built:
                return
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
            self._built = time.monotonic()

    def related(self, store, claim: dict, limit: int = 5) -> dict[str, list[dict]]:
        """``{"repeats": [...], "contradicts": [...]}`` for one claim row (article_id, text, quantity, counts)."""
        self._ensure(store)
        mine = tokens(claim["text"])
        postings = self._postings
        probes = sorted((t for t in mine if len(postings.get(t, ())) <= MAX_DF), key=lambda t: len(postings.get(t, ())))
        hits: Counter = Counter()
        for t in probes[:PROBE_WORDS]:
            for i in postings.get(t, ()):
                hits[i] += 1
        repeats, contradicts = [], []
        for i, _ in hits.most_common(60):
            other = self._claims[i]
            if other["article_id"] == claim["article_id"]:
                continue
            theirs = self._toks[i]
            overlap = len(mine & theirs) / (len(mine | theirs) or 1)
            q1, q2 = claim.get("quantity"), other["quantity"]
            same_thing = bool(claim.get("counts")) and claim.get("counts") == other["counts"]
            row = {"article_id": other["article_id"], "id": other["id"], "text": other["text"],
                   "status": other["status"], "published": other["published"],
                   "title": other["title"] or (other["source"] or "").rsplit("/", 1)[-1], "overlap": round(overlap, 2), "quantity": q2}
            if same_thing and q1 is not None and q2 is not None and q1 != q2 and overlap >= CONTRADICT:
                contradicts.append(row)
            elif overlap >= REPEAT and (q1 is None or q2 is None or q1 == q2):
                repeats.append(row)
        key = lambda r: (-r["overlap"], r["published"] or "", r["article_id"])  # noqa: E731
        return {"repeats": sorted(repeats, key=key)[:limit], "contradicts": sorted(contradicts, key=key)[:limit]}
