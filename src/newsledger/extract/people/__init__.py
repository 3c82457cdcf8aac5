"""Who is who in one article: people and bodies as document entities (coreference for news).

Every mention of a person or organisation (names, titles with names,
descriptions such as "the mayor" or "the agency", pronouns) is gathered into
document entities by ordered sieves (:mod:`.clusters`, :mod:`.pronouns`).
Quotes, claims and entities all read this one model (``doc._.nl_people``)
instead of keeping name lists of their own.
"""

from .component import People, PeopleFinder, find_people
from .clusters import DocEntity
from .mentions import PersonMention

__all__ = ["People", "PeopleFinder", "find_people", "DocEntity", "PersonMention"]
