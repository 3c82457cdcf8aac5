"""How well the HTML reader finds article text: the ScrapingHub/Zyte article-extraction benchmark.

Runs ``newsledger.ingest.html.extract_html`` (the same code the readers use)
over ``../shared/data/article-extraction-benchmark`` (181 pages with
reference article bodies) and scores it the way that benchmark's README
describes, implemented here from the description:

* per page, the text is split into ``\\w+`` tokens and compared as bags of
  4-token shingles (a text shorter than four tokens is one shorter shingle);
* true positives (shingles in both bags, counted with multiplicity), false
  positives and false negatives are normalised to sum to 1 per page;
* precision and recall are averaged over pages (a page with no output has
  precision 0), F1 is the harmonic mean of the two averages;
* "pooled" sums the normalised tp/fp/fn over pages first and takes
  precision = TP / (TP + FP) from the sums, the way the upstream script
  aggregates (each page still has total weight 1);
* accuracy is the share of pages whose token sequence matches exactly;
  ± is a bootstrap standard deviation over pages.

The baseline in the same run is plain ``trafilatura.extract`` with its
defaults, so a change in our options shows against it.  The upstream README
publishes F1 0.958 for trafilatura 2.0.0.  Measured here with trafilatura
2.3.1 over all 181 pages: newsledger (favor_precision, no comments) P 0.958,
R 0.971, F1 0.964 (pooled 0.967); trafilatura defaults F1 0.953.

    .venv/bin/python benchmarks/html_extraction.py [--limit N] [--data DIR] [--no-baseline]
"""

from __future__ import annotations

import argparse
import gzip
import json
import pathlib
import random
import re
import sys
import time
from collections import Counter
from typing import Callable, Optional

ROOT = pathlib.Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "article-extraction-benchmark"
_TOKEN = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> Counter:
    tokens = _TOKEN.findall(text or "")
    if not tokens:
        return Counter()
    return Counter(" ".join(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1)))


def page_counts(truth: str, pred: str) -> tuple[float, float, float]:
    """(tp, fp, fn) of one page, normalised to sum to 1 (all 0 when both texts are empty)."""
    t, p = shingles(truth), shingles(pred)
    tp = sum((t & p).values())
    fp = sum((p - t).values())
    fn = sum((t - p).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def exact(truth: str, pred: str) -> bool:
    return _TOKEN.findall(truth or "") == _TOKEN.findall(pred or "")


def _ratio(a: float, b: float) -> float:
    return a / b if b else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def summarise(rows: list[tuple[float, float, float, bool]]) -> dict[str, float]:
    """Mean-over-pages P/R/F1, pooled P/R/F1 and accuracy of (tp, fp, fn, exact) rows."""
    n = len(rows) or 1
    precision = sum(_ratio(tp, tp + fp) for tp, fp, _, _ in rows) / n
    recall = sum(_ratio(tp, tp + fn) for tp, _, fn, _ in rows) / n
    tp_sum = sum(r[0] for r in rows)
    fp_sum = sum(r[1] for r in rows)
    fn_sum = sum(r[2] for r in rows)
    pooled_p, pooled_r = _ratio(tp_sum, tp_sum + fp_sum), _ratio(tp_sum, tp_sum + fn_sum)
    return {
        "precision": precision, "recall": recall, "f1": _f1(precision, recall),
        "pooled_precision": pooled_p, "pooled_recall": pooled_r, "pooled_f1": _f1(pooled_p, pooled_r),
        "accuracy": sum(1 for r in rows if r[3]) / n,
    }


def bootstrap_sd(rows: list, key: str, samples: int = 500, seed: int = 0) -> float:
    if len(rows) < 2:
        return 0.0
    rng = random.Random(seed)
    values = [summarise([rng.choice(rows) for _ in rows])[key] for _ in range(samples)]
    mean = sum(values) / len(values)
    return (sum((v - mean) ** 2 for v in values) / (len(values) - 1)) ** 0.5


def newsledger_extract(html: bytes, url: str) -> str:
    from newsledger.errors import InputError
    from newsledger.ingest.html import extract_html

    found = extract_html(html, url, url=url)
    return "" if isinstance(found, InputError) else found[0]


def trafilatura_defaults(html: bytes, url: str) -> str:
    import trafilatura

    return trafilatura.extract(html, url=url) or ""


def run(name: str, extract: Callable[[bytes, str], str], pages: list[tuple[str, bytes, dict]], progress) -> dict:
    rows = []
    started = time.perf_counter()
    task = progress.add_task(name, total=len(pages)) if progress else None
    for _, html, truth in pages:
        pred = extract(html, truth.get("url", ""))
        body = truth.get("articleBody", "")
        rows.append((*page_counts(body, pred), exact(body, pred)))
        if progress:
            progress.advance(task)
    seconds = time.perf_counter() - started
    result = summarise(rows)
    result["f1_sd"] = bootstrap_sd(rows, "f1")
    result["pooled_f1_sd"] = bootstrap_sd(rows, "pooled_f1")
    result["seconds"] = seconds
    result["pages"] = len(rows)
    return result


def load_pages(data: pathlib.Path, limit: Optional[int]) -> list[tuple[str, bytes, dict]]:
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(truth)[:limit] if limit else sorted(truth)
    pages = []
    for page_id in ids:
        path = data / "html" / f"{page_id}.html.gz"
        if path.exists():
            pages.append((page_id, gzip.decompress(path.read_bytes()), truth[page_id]))
    return pages


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="score only the first N pages (by id)")
    parser.add_argument("--data", type=pathlib.Path, default=DATA, help="benchmark directory (html/, ground-truth.json)")
    parser.add_argument("--no-baseline", action="store_true", help="skip the trafilatura-defaults baseline")
    parser.add_argument("--json", action="store_true", help="print the results as one JSON object")
    args = parser.parse_args(argv)

    if not (args.data / "ground-truth.json").is_file():
        print(f"benchmark data not found at {args.data} (../shared absent?): nothing to measure")
        return 0
    pages = load_pages(args.data, args.limit)
    systems: list[tuple[str, Callable]] = [("newsledger", newsledger_extract)]
    if not args.no_baseline:
        systems.append(("trafilatura defaults", trafilatura_defaults))

    from rich.console import Console
    from rich.progress import Progress
    from rich.table import Table

    console = Console() if sys.stdout.isatty() else Console(width=110)
    results = {}
    if console.is_terminal and not args.json:
        with Progress(console=console, transient=True) as progress:
            for name, fn in systems:
                results[name] = run(name, fn, pages, progress)
    else:
        for name, fn in systems:
            results[name] = run(name, fn, pages, None)

    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    table = Table(title=f"HTML extraction, {len(pages)} pages (4-token shingles)")
    for column in ("system", "precision", "recall", "F1", "F1 pooled", "accuracy", "pages/s"):
        table.add_column(column, justify="left" if column == "system" else "right", no_wrap=True)
    for name, r in results.items():
        table.add_row(
            name, f"{r['precision']:.3f}", f"{r['recall']:.3f}", f"{r['f1']:.3f} ± {r['f1_sd']:.3f}",
            f"{r['pooled_f1']:.3f} ± {r['pooled_f1_sd']:.3f}", f"{r['accuracy']:.3f}", f"{r['pages'] / r['seconds']:.1f}",
        )
    console.print(table)
    console.print("P/R: means over pages; pooled: from normalised counts summed over pages; ±: bootstrap s.d.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
