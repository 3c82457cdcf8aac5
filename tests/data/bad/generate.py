"""The bad-input corpus (issue 15): every kind of input a careless or hostile user gives newsledger.

    python tests/data/bad/generate.py         # rewrites the small files beside this script
    python tests/data/bad/generate.py DIR     # writes every file, the big ones too, into DIR

Each case is one input on the command line (with its companion files, such as a sidecar), the error
newsledger must report for it (``None``: the input is fine and must be stored exactly), the words of
the reason, and, for an input that also holds good records (a feed line, a WARC record), the same
input with only its bad part taken out: what the store must then hold.  The small files are committed
(``tests/test_bad_corpus.py`` checks they are what this script writes); the big ones (50 MB, a text of
1.1 million characters, a 10 MB JSONL line, a gzip bomb) are written at test time only.  Every text
here is our own writing.
"""

from __future__ import annotations

import gzip
import io
import json
import pathlib
import random
import sys
import zlib
from dataclasses import dataclass, field
from typing import Callable, Optional

HERE = pathlib.Path(__file__).resolve().parent

STORY = ("The harbour authority of Lorvik said on Sunday that the eastern pier would reopen next week.\n"
         "'We have repaired the pier and the crews are ready,' the director, Ilse Varga, told reporters.\n"
         "About 300 passengers a day used the ferry before the storm, officials said.\n")


def story(place: str) -> str:
    return STORY.replace("Lorvik", place)


Writer = Callable[[pathlib.Path], None]


def data(raw: bytes) -> Writer:
    return lambda path: path.write_bytes(raw)


def text(value: str, newline: str = "\n") -> Writer:
    return data(value.replace("\n", newline).encode("utf-8"))


def jsonl(*lines: Optional[str]) -> Writer:
    """A feed; ``None`` is a blank line (what a repaired feed has where the bad line was)."""
    return data("".join((line or "") + "\n" for line in lines).encode("utf-8"))


def record(place: str) -> str:
    return json.dumps({"text": story(place), "title": f"Pier in {place} reopens", "published": "2024-04-02"})


@dataclass
class Case:
    name: str
    files: dict[str, Optional[Writer]]  # relative path -> how to write it (None: the path does not exist)
    error: Optional[str]  # the error code (newsledger.errors.CATALOGUE), or None when the input is fine
    words: tuple[str, ...] = ()
    repaired: Optional[dict[str, Writer]] = None  # the same files with only the bad part taken out
    big: bool = False
    source: Optional[str] = None  # what the error line names, when not the input itself

    @property
    def input(self) -> str:
        return next(iter(self.files))


# -- WARC ----------------------------------------------------------------------------------------------------------


def _page(title: str, place: str) -> bytes:
    body = "".join(f"<p>{line}</p>" for line in story(place).splitlines())
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title></head>'
            f"<body><article><h1>{title}</h1>{body}</article></body></html>").encode("utf-8")


def warc(places: list[str], *, compress: bool) -> tuple[bytes, list[int]]:
    """A WARC with one 200 text/html response a place (fixed ids and dates: the bytes never change); offsets."""
    out, offsets = io.BytesIO(), []
    for i, place in enumerate(places):
        payload = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + _page(f"Pier in {place}", place)
        head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{i:012d}>\r\n"
                f"WARC-Date: 2024-04-02T08:00:00Z\r\nWARC-Target-URI: https://news.example.org/{place.lower()}\r\n"
                f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(payload)}\r\n\r\n")
        member = head.encode() + payload + b"\r\n\r\n"
        offsets.append(out.tell())
        out.write(gzip.compress(member, mtime=0) if compress else member)
    return out.getvalue(), offsets


PLACES = ["Lorvik", "Tessin", "Amsel", "Brenmoor", "Solvany"]


def _damaged_middle() -> tuple[Writer, Writer]:
    """A plain WARC whose third record has a Content-Length that is not a number; repaired: blank lines there."""
    raw, offsets = warc(PLACES, compress=False)
    start, end = offsets[2], offsets[3]
    at = raw.index(b"Content-Length: ", start) + len(b"Content-Length: ")
    digits = raw[at:raw.index(b"\r\n", at)]
    broken = raw[:at] + digits[:-1] + b"x" + raw[at + len(digits):]  # same length: later offsets stay put
    blank = raw[:start] + b"\r\n" * ((end - start) // 2) + b"\n" * ((end - start) % 2) + raw[end:]
    return data(broken), data(blank)


def _truncated() -> tuple[Writer, Writer]:
    raw, offsets = warc(PLACES[:3], compress=True)
    return data(raw[: len(raw) - 150]), data(raw[: offsets[2]])


# -- big inputs, written at test time ----------------------------------------------------------------------------


def sparse(size: int) -> Writer:
    def write(path: pathlib.Path) -> None:
        with open(path, "wb") as fh:
            fh.truncate(size)  # no disk blocks: only its size matters (checked before reading)
    return write


def long_text(path: pathlib.Path) -> None:
    """1.1 million characters: a report with a long archive appendix, quotes at both ends."""
    rng = random.Random(5)
    letters = "abcdefghijklmnopqrstuvwxyz0123456789"
    parts = ["Mayor Ilse Varga of Lorvik said on Monday that the harbour would reopen. 'We are ready,' she said.\n"]
    size = len(parts[0])
    while size < 1_100_000:
        link = "Archived at https://archive.example.org/harbour/" + "".join(rng.choice(letters) for _ in range(20_000))
        line = link + "\nThe council of Brenmoor met again to discuss the budget, and members asked for more time.\n"
        parts.append(line)
        size += len(line)
    parts.append("Finance chief Oren Talbot said: 'The figures will be published in full next week.'\n")
    path.write_text("".join(parts), encoding="utf-8")


def long_line(path: pathlib.Path) -> None:
    """A feed whose second line is 10 MB (over the 5 MB default limit), between two good lines."""
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(record("Lorvik") + "\n")
        fh.write(json.dumps({"text": "The council met. " * 620_000}) + "\n")
        fh.write(record("Tessin") + "\n")


def bomb(path: pathlib.Path) -> None:
    """A gzipped feed of about 1 MB that would decompress to 1 GB: one good line, then spaces without end."""
    pack = zlib.compressobj(9, zlib.DEFLATED, 31)
    chunk = b" " * (1 << 20)
    with open(path, "wb") as fh:
        fh.write(pack.compress((record("Lorvik") + "\n").encode()))
        for _ in range(1024):
            fh.write(pack.compress(chunk))
        fh.write(pack.flush())


def bomb_repaired(path: pathlib.Path) -> None:
    path.write_bytes(gzip.compress((record("Lorvik") + "\n").encode(), mtime=0))


# -- the cases ------------------------------------------------------------------------------------------------------

_HTML_BODY = ("<p>The harbour authority of Lorvik said on Sunday that the caf\u00e9 on the pier would reopen "
              "after the storm, and that the r\u00e9sum\u00e9 of the repairs would be published.</p>"
              "<p>\u2018We are nearly ready,\u2019 the director said.</p>")


def _declared(charset: str, encoding: str) -> Writer:
    page = (f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>Pier caf\u00e9 reopens</title></head>'
            f"<body><article><h1>Pier caf\u00e9 reopens</h1>{_HTML_BODY}</article></body></html>")
    return data(page.encode(encoding))


_MIDDLE, _MIDDLE_FIXED = _damaged_middle()
_CUT, _CUT_FIXED = _truncated()

CASES: list[Case] = [
    # the README's list
    Case("missing", {"bad/missing.txt": None}, "not-found", ("no such file",)),
    Case("empty", {"bad/empty.txt": data(b"")}, "empty", ("empty file",)),
    Case("whitespace", {"bad/whitespace.txt": text(" \n\t\n   \n")}, "empty", ("whitespace",)),
    Case("binary", {"bad/picture.txt": data(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)}, "binary", ("PNG",)),
    Case("nul-laden", {"bad/nul.txt": data(story("Lorvik").encode() + b"\x00\x00\x00 trailing bytes\x00")}, "binary",
         ("NUL",)),
    Case("undecodable", {"bad/undecodable.txt": data(bytes(random.Random(1).randrange(128, 256) for _ in range(600)))},
         "encoding", ("not valid UTF-8",)),
    Case("too-large", {"bad/huge-50mb.txt": sparse(50_000_000)}, "too-large", ("50,000,000 bytes", "max_bytes"), big=True),
    Case("no-article-html", {"bad/menu.html": text('<!DOCTYPE html><html><body><nav><a href="/">Home</a> '
                                                  '<a href="/news">News</a></nav></body></html>')},
         "bad-html", ("no article text",)),
    Case("broken-markup-html", {"bad/broken.html": data(b"<!DOCTYPE html><html><body><div><<<>>><p></p><p>\x1b[</")},
         "bad-html", ("no article text",)),
    Case("broken-jsonl", {"bad/feed.jsonl": jsonl(record("Lorvik"), '{"text": "The council met', record("Tessin"))},
         "bad-jsonl", ("not valid JSON",), source="bad/feed.jsonl:2",
         repaired={"bad/feed.jsonl": jsonl(record("Lorvik"), None, record("Tessin"))}),
    Case("truncated-warc", {"bad/cut.warc.gz": _CUT}, "bad-warc", ("truncated",), source="bad/cut.warc.gz@",
         repaired={"bad/cut.warc.gz": _CUT_FIXED}),
    Case("not-a-warc", {"bad/notes.warc": text("These are notes, not an archive.\n" * 20)}, "bad-warc",
         ("not a WARC",)),
    Case("bad-sidecar", {"bad/report.txt": text(story("Amsel")), "bad/report.meta.json": text('{"published": ')},
         "bad-metadata", ("not valid JSON", "sidecar of"), source="bad/report.meta.json",
         repaired={"bad/report.txt": text(story("Amsel"))}),
    # the cases
    Case("text-over-a-million-characters", {"bad/long.txt": long_text}, None, big=True),
    Case("lone-surrogate-jsonl", {"bad/surrogate.jsonl": jsonl(record("Lorvik"), '{"text": "The council met \\ud800."}',
                                                               record("Tessin"))},
         "encoding", ("lone surrogate", "U+D800"), source="bad/surrogate.jsonl:2",
         repaired={"bad/surrogate.jsonl": jsonl(record("Lorvik"), None, record("Tessin"))}),
    Case("nul-in-jsonl", {"bad/nul.jsonl": jsonl('{"text": "The council\\u0000 met on Monday."}')}, "binary",
         ("NUL",), source="bad/nul.jsonl:1"),
    Case("damaged-warc-record", {"bad/middle.warc": _MIDDLE}, "bad-warc", ("corrupt record", "next record"),
         source="bad/middle.warc@", repaired={"bad/middle.warc": _MIDDLE_FIXED}),
    Case("jsonl-10mb-line", {"bad/long-line.jsonl": long_line}, "bad-jsonl", ("line longer than",),
         source="bad/long-line.jsonl:2", big=True,
         repaired={"bad/long-line.jsonl": jsonl(record("Lorvik"), None, record("Tessin"))}),
    Case("gzip-bomb", {"bad/bomb.jsonl.gz": bomb}, "bad-jsonl", ("line longer than", "rest of the file"),
         source="bad/bomb.jsonl.gz:2", big=True, repaired={"bad/bomb.jsonl.gz": bomb_repaired}),
    Case("gzip-named-as-text", {"bad/packed.txt.gz": data(gzip.compress(story("Lorvik").encode(), mtime=0))}, "binary",
         ("gzip",)),
    # inputs that look odd and are fine: stored exactly
    Case("html-declares-utf8-is-cp1252", {"bad/cp1252.html": _declared("utf-8", "cp1252")}, None),
    Case("html-declares-unknown-charset", {"bad/unknown-charset.html": _declared("x-no-such-charset", "utf-8")}, None),
    Case("html-declares-utf16-is-utf8", {"bad/utf16-declared.html": _declared("utf-16", "utf-8")}, None),
    Case("rtl-and-combining-marks", {"bad/rtl.txt": text(
        "The mayor of Lorvik greeted the delegation in Arabic, \u0645\u0631\u062d\u0628\u0627 \u0628\u0643\u0645, "
        "and in Hebrew, \u05e9\u05dc\u05d5\u05dd.\n'We are glad you came,' said Zo\u0065\u0308 Marti\u0301n, "
        "the deputy mayor.\nThe talks in \u202eLorvik\u202c lasted three hours.\n")}, None),
    Case("crlf-line-endings", {"bad/crlf.txt": text(story("Tessin"), "\r\n")}, None),
    Case("lone-cr-line-endings", {"bad/cr.txt": text(story("Amsel"), "\r")}, None),
]


def write_case(case: Case, folder: pathlib.Path, repaired: bool = False) -> None:
    for name, writer in ((case.repaired or {}) if repaired else case.files).items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if writer is not None:
            writer(path)


def main(argv: list[str]) -> None:
    folder = pathlib.Path(argv[0]) if argv else HERE.parent
    for case in CASES:
        if case.big and not argv:
            continue
        write_case(case, folder)


if __name__ == "__main__":
    main(sys.argv[1:])
