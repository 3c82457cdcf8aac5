"""One timing helper for the benchmark scripts: best wall time of a pipeline run with some components disabled."""

from __future__ import annotations

import time


def best_pipe_time(nlp, texts, disable=(), repeat: int = 3, batch_size: int = 64, clock=time.perf_counter) -> float:
    """Best of ``repeat`` runs of ``nlp.pipe`` over ``texts`` with the ``disable`` components switched off
    (``clock=time.process_time`` for CPU time, which load from other processes on the machine does not skew)."""
    best = float("inf")
    for _ in range(repeat):
        t0 = clock()
        with nlp.select_pipes(disable=list(disable)):
            for _doc in nlp.pipe(texts, batch_size=batch_size):
                pass
        best = min(best, clock() - t0)
    return best
