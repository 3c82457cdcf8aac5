"""One catalogue of the errors newsledger reports.

Input errors are values as much as exceptions: readers yield them so that one
bad file is reported (``str(err)`` names the file and the reason) while the rest
of the batch goes on.  Each class has a stable ``code`` for JSON output and tests.
"""

from __future__ import annotations

__all__ = [
    "NewsledgerError",
    "InputError",
    "NotFound",
    "EmptyInput",
    "BinaryInput",
    "UndecodableInput",
    "InputTooLarge",
    "MalformedHTML",
    "MalformedJSONL",
    "MalformedWARC",
    "MalformedMetadata",
    "UnsupportedFormat",
    "ModelUnavailable",
    "StoreError",
    "ConfigError",
    "QueryError",
    "CATALOGUE",
]


class NewsledgerError(Exception):
    """Base of every error newsledger raises on purpose."""

    code = "error"


class InputError(NewsledgerError):
    """One input (file, stdin, JSONL line, WARC record) could not be read as an article."""

    code = "input"

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "source": self.source, "reason": self.reason}


class NotFound(InputError):
    code = "not-found"


class EmptyInput(InputError):
    code = "empty"


class BinaryInput(InputError):
    code = "binary"


class UndecodableInput(InputError):
    code = "encoding"


class InputTooLarge(InputError):
    code = "too-large"


class MalformedHTML(InputError):
    code = "bad-html"


class MalformedJSONL(InputError):
    code = "bad-jsonl"


class MalformedWARC(InputError):
    code = "bad-warc"


class MalformedMetadata(InputError):
    code = "bad-metadata"


class UnsupportedFormat(InputError):
    code = "unsupported"


class ModelUnavailable(NewsledgerError):
    """No English spaCy pipeline could be loaded."""

    code = "model"


class StoreError(NewsledgerError):
    """The database could not be opened, migrated or written."""

    code = "store"


class ConfigError(NewsledgerError):
    """A setting or option has a value newsledger cannot use."""

    code = "config"


class QueryError(NewsledgerError):
    """A query (filter, sort, cursor, limit) asks for something the store cannot answer."""

    code = "query"


CATALOGUE: dict[str, type[NewsledgerError]] = {
    cls.code: cls
    for cls in (
        NewsledgerError, InputError, NotFound, EmptyInput, BinaryInput, UndecodableInput,
        InputTooLarge, MalformedHTML, MalformedJSONL, MalformedWARC, MalformedMetadata,
        UnsupportedFormat, ModelUnavailable, StoreError, ConfigError, QueryError,
    )
}
