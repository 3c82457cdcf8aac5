"""Find boilerplate in article text: ad markers, topic footers, appeals, share lines, credits.

The text is never changed; each finding is a :class:`~newsledger.records.Boilerplate`
span over it.  Rules work line by line (news text arrives one paragraph a line)
plus a few inline patterns (photo credits in brackets), and are deliberately
conservative: a false boilerplate span hides real content from every extractor.
"""

from __future__ import annotations

import re

from ..records import Boilerplate
from .lines import iter_lines

__all__ = ["find_boilerplate", "topics_from"]

_ADVERT = re.compile(
    r"(?:advert(?:isement)?|ad|sponsored(?: content)?|story continues below(?: this)? advert(?:isement)?"
    r"|article continues below(?: this)? advert(?:isement)?|continue reading below|\[?ad\]?)\s*[.:]?",
    re.I,
)
_TOPICS = re.compile(r"(?P<label>(?:related )?(?:topics|tags|more on|categories|filed under))\s*:\s*(?P<items>.+)", re.I)
_APPEAL = re.compile(
    r"(?:\bclick here\b"
    r"|^(?:if you(?:'d| would)? (?:like|want|wish) to |please |you can |to )?(?:donate|subscribe|sign up|support (?:us|our)|"
    r"become a (?:member|subscriber|supporter)|register)\b"
    r"|\b(?:sign up (?:for|to) (?:our|the) (?:\w+ )?newsletter|donate (?:now|today)"
    r"|subscribe (?:now|today|to our|for (?:free|just|only|as little as|less than|unlimited|full|[$£€]))"
    r"|support (?:our|independent) journalism|make a (?:donation|contribution))\b)",
    re.I,
)
_SHARE = re.compile(
    r"^(?:share (?:this|on|via)\b.*|follow (?:us|[\w.@’'-]+(?: [\w.@’'-]+){0,3}) on (?:twitter|facebook|instagram|x|tiktok|telegram|threads|bluesky)\b.*"
    r"|(?:(?:facebook|twitter|whatsapp|email|linkedin|pinterest|reddit|messenger|telegram|copy link|x)\s*[,|·]?\s*){2,}"
    r"|read more\s*:.*|read more|related\s*:.*|more stories\s*:?.*)$",
    re.I,
)
_CREDIT_LINE = re.compile(
    r"^(?:photo(?:graph)?|picture|image|pic|credit|video)s?\s*(?:credit)?\s*:\s*\S.{0,120}$", re.I
)
_CREDIT_INLINE = re.compile(
    r"\((?:photo(?:graph)?|picture|image|pic|credit)s?\s*(?:credit)?\s*:\s*[^()\n]{1,80}\)", re.I
)
#: A paragraph that quotes someone is reporting, even when the words are "make a donation".
_QUOTATION = re.compile(r"[\"“”]|``|''")
# An appeal is a short paragraph; a long one that merely contains "register" is reporting.
_APPEAL_MAX_CHARS = 400


def _line_kind(line: str) -> str | None:
    if _ADVERT.fullmatch(line):
        return "advert"
    m = _TOPICS.fullmatch(line)
    if m and len(line) < 300:
        return "tags" if m.group("label").lower() == "tags" else "topics"
    if _SHARE.match(line) and len(line) < 200:
        return "share"
    if _CREDIT_LINE.match(line):
        return "credit"
    if len(line) <= _APPEAL_MAX_CHARS and not _QUOTATION.search(line):
        m = _APPEAL.search(line)
        if m and not _widget(line, m):
            return "appeal"
    return None


def _widget(line: str, m: re.Match) -> bool:
    """A page's button text caught mid-line ("... pic.twitter.com/x SIGN UP FOR OUR NEWSLETTER — ..."):
    the button is boilerplate, the embedded post around it is not."""
    return m.start() > 0 and m.group(0).isupper()


def find_boilerplate(text: str) -> list[Boilerplate]:
    """Every boilerplate span in ``text``, in text order."""
    found: list[Boilerplate] = []
    for start, end in iter_lines(text):
        line = text[start:end]
        kind = _line_kind(line)
        if kind:
            found.append(Boilerplate(kind=kind, text=line, span=(start, end)))
            continue
        for m in _CREDIT_INLINE.finditer(line):
            found.append(Boilerplate(kind="credit", text=m.group(0), span=(start + m.start(), start + m.end())))
        for m in _APPEAL.finditer(line):
            if _widget(line, m):
                found.append(Boilerplate(kind="appeal", text=m.group(0), span=(start + m.start(), start + m.end())))
    return found


def topics_from(boilerplate: list[Boilerplate]) -> list[str]:
    """The items of every Topics:/Tags: footer, in order, without duplicates."""
    topics: list[str] = []
    for item in boilerplate:
        if item.kind not in ("topics", "tags"):
            continue
        m = _TOPICS.fullmatch(item.text)
        if not m:
            continue
        for part in re.split(r"\s*[,;|]\s*", m.group("items")):
            part = part.strip().rstrip(".")
            if part and part not in topics:
                topics.append(part)
    return topics
