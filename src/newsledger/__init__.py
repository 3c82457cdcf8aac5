"""newsledger: who said what, which claims were made and verified, and when, from news articles."""

from .errors import InputError, NewsledgerError
from .records import (
    Article, Boilerplate, Claim, Entity, Event, Quote, Record, Speaker, TimeExpr,
)
from .settings import Settings

__version__ = "0.1.0"

__all__ = [
    "__version__",
    "Article", "Boilerplate", "Claim", "Entity", "Event", "Quote", "Record", "Speaker", "TimeExpr",
    "Settings", "NewsledgerError", "InputError",
]
