"""Time expressions: find them, type them (TIMEX3) and resolve them.

The core is the pure function :func:`resolve_times`; the spaCy component
``newsledger_times_v1`` (:class:`TimeExtractor`) wraps it, writing ``doc._.nl_times``
and ``doc.spans["times"]``.  Inside, one room per job:

- :mod:`.words` the words of time and their TIMEX3 values;
- :mod:`.patterns` one rule per written form, scanned in one pass;
- :mod:`.candidates` the scan, plausibility, clock times joined to their day;
- :mod:`.tense` tense and aspect of an expression's clause, from the parse;
- :mod:`.context` the publication date and the narrative's moving reference time;
- :mod:`.underspecified` the year of "March 3", the week of "Monday";
- :mod:`.absolute`, :mod:`.relative`, :mod:`.anchors` resolution of calendar,
  relative and event-anchored expressions; :mod:`.holiday_dates` holidays;
- :mod:`.dates` calendar arithmetic and value formatting;
- :mod:`.resolve` the order of it all; :mod:`.component` the spaCy component.

Values follow TimeML/TIMEX3: ``2023-05-10``, ``2023-W19``, ``2023-W19-WE``,
``2023-Q2``, ``2023-H1``, ``2023-SU``, ``199`` (the 1990s), ``19`` (the
twentieth century), ``P5D``, ``PT3H``, ``PRESENT_REF``/``PAST_REF``/``FUTURE_REF``;
``mod`` carries START, MID, END, APPROX, MORE_THAN and the like.
"""

from __future__ import annotations

from .anchors import event_key, same_event
from .component import TimeExtractor, make_times
from .resolve import resolve_times
from .words import VAGUE_REFERENCES

__all__ = ["resolve_times", "event_key", "same_event", "TimeExtractor", "make_times", "VAGUE_REFERENCES"]
