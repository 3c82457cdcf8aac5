"""Inputs split into partitions for a cluster: groups of files, and record ranges of large WARCs.

Partitions are deterministic (files in ``iter_files`` order, fixed limits), so
partition *k* of a rerun is the same work as partition *k* before, and a run
directory that already holds ``part-k`` can skip it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Iterable, Iterator, Optional, Union

from ..errors import InputError, NotFound
from ..records import Article
from ..settings import Settings

__all__ = ["WarcSlice", "partitions", "read_warc_slice", "warc_slices"]


@dataclass(frozen=True)
class WarcSlice:
    """The records of a WARC whose offsets are in ``[start, stop)`` (``stop=None``: to the end)."""

    path: str
    start: int
    stop: Optional[int] = None

    def __str__(self) -> str:
        return f"{self.path}@{self.start}-{'' if self.stop is None else self.stop}"


Item = Union[str, WarcSlice]


def warc_slices(path: str, records_per_slice: int) -> list[WarcSlice]:
    """Cut a WARC into slices of about ``records_per_slice`` HTML responses (one scan, no HTML parsing).

    A WARC that cannot be scanned is one slice: the worker's reader reports what is wrong with it.
    """
    from ..ingest.warc import _html_payload, archive_iterator

    starts: list[int] = []
    count = 0
    try:
        with open(path, "rb") as fh:
            it = archive_iterator(fh)
            for record in it:
                wanted = _html_payload(record)
                offset = it.get_record_offset()
                if wanted:
                    if count % records_per_slice == 0:
                        starts.append(offset)
                    count += 1
    except Exception:  # noqa: BLE001 -- the reader reports it properly
        return [WarcSlice(path, 0, None)]
    if not starts:
        return [WarcSlice(path, 0, None)]
    starts[0] = 0  # the first slice also covers the warcinfo header and reports a bad start
    return [WarcSlice(path, s, starts[i + 1] if i + 1 < len(starts) else None) for i, s in enumerate(starts)]


def partitions(
    paths: Iterable[str],
    files_per_partition: int = 16,
    bytes_per_partition: int = 4 << 20,
    warc_split_bytes: int = 64 << 20,
    warc_records_per_partition: int = 200,
) -> Iterator[list[Item]]:
    """Lists of files (and WARC slices) to process together, lazily, in input order."""
    from ..ingest import format_of, iter_files

    current: list[Item] = []
    size = 0
    for path in iter_files(paths):
        if path == "-":
            raise ValueError("standard input cannot be partitioned: name files or directories")
        try:
            nbytes = os.path.getsize(path)
        except OSError:
            nbytes = 0  # the reader reports it
        if format_of(path) == "warc" and nbytes > warc_split_bytes:
            if current:
                yield current
                current, size = [], 0
            for piece in warc_slices(path, warc_records_per_partition):
                yield [piece]
            continue
        current.append(path)
        size += nbytes
        if len(current) >= files_per_partition or size >= bytes_per_partition:
            yield current
            current, size = [], 0
    if current:
        yield current


def read_warc_slice(piece: WarcSlice, settings: Settings) -> Iterator[Union[Article, InputError]]:
    """Articles of one slice, with the same sources (``FILE@OFFSET``) and checks as ``read_warc_file``."""
    from ..ingest.warc import read_warc_file, read_warc_range

    if piece.start == 0 and piece.stop is None:
        yield from read_warc_file(piece.path, settings)
        return
    if not os.path.exists(piece.path):
        yield NotFound(piece.path, "no such file or directory")
        return
    for item in read_warc_range(piece.path, settings, start=piece.start, stop=piece.stop):
        if not isinstance(item, int):  # the closing offset matters only to whole-file reading
            yield item
