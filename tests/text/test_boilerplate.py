"""Boilerplate rules of text/boilerplate.py over text of our own."""

from __future__ import annotations

from newsledger.text import find_boilerplate, iter_lines, topics_from


def kinds(text):
    return [(b.kind, b.text) for b in find_boilerplate(text)]


def test_lines_of_each_kind():
    text = (
        "The council met on Friday.\n"
        "Advert\n"
        "Advertisement\n"
        "Story continues below advertisement\n"
        "'We will rebuild the bridge,' the mayor said.\n"
        "Share this article: Facebook | Twitter | Email\n"
        "Photo: Harbour Times archive\n"
        "To support our independent reporting, click here\n"
        "Topics: Bridges, Local Government\n"
        "Tags: council, budget\n"
    )
    assert kinds(text) == [
        ("advert", "Advert"),
        ("advert", "Advertisement"),
        ("advert", "Story continues below advertisement"),
        ("share", "Share this article: Facebook | Twitter | Email"),
        ("credit", "Photo: Harbour Times archive"),
        ("appeal", "To support our independent reporting, click here"),
        ("topics", "Topics: Bridges, Local Government"),
        ("tags", "Tags: council, budget"),
    ]


def test_spans_slice_exactly_with_crlf_and_indent():
    text = "First line.\r\n   Advert  \r\nA quote (Photo: Jane Roe) in a paragraph.\r\nTopics: A, B\r\n"
    found = find_boilerplate(text)
    assert [b.kind for b in found] == ["advert", "credit", "topics"]
    for b in found:
        assert text[b.span[0]:b.span[1]] == b.text


def test_reporting_is_not_boilerplate():
    text = (
        "He said the advert campaign had cost the ministry more than expected.\n"
        "Voters must register before Friday, the electoral commission said in a long statement that "
        "went on to describe the new procedures for overseas ballots and the deadlines for postal votes "
        "in each of the country's regions, which vary according to local law and the distance involved "
        "in returning ballots by post from remote communities, some of which are reachable only by boat "
        "or by air during the winter months, the commission added in its statement on Thursday.\n"
        "'Ad hoc arrangements are no longer enough,' she said.\n"
        "The offer lets holders subscribe for one new share for every four held, at 12 crowns each.\n"
    )
    assert kinds(text) == []


def test_quoted_words_are_reporting_and_a_button_mid_post_is_boilerplate_alone():
    text = (
        '"We only wanted to make a donation to the clinic," said Ada Brenn, a retired teacher.\n'
        "Ferries resume on Monday, the port said. pic.example.com/x1 SIGN UP FOR OUR NEWSLETTER — Port of Elm\n"
    )
    line = text.splitlines()[1]
    assert kinds(text) == [("appeal", "SIGN UP FOR OUR NEWSLETTER")]
    assert find_boilerplate(text)[0].span[0] == text.index(line) + line.index("SIGN")


def test_reader_appeals_to_subscribe_are_boilerplate():
    text = "Subscribe for just $1 a week.\nYou can subscribe for free to our morning briefing.\n"
    assert [k for k, _ in kinds(text)] == ["appeal", "appeal"]


def test_topics_deduplicated_in_order():
    text = "Body.\nTopics: War, Europe, War\nTags: Europe; Diplomacy.\n"
    assert topics_from(find_boilerplate(text)) == ["War", "Europe", "Diplomacy"]


def test_iter_lines_strips_outer_space_only():
    text = "  a b  \n\nc\r\n"
    assert [text[s:e] for s, e in iter_lines(text)] == ["a b", "c"]


def test_follow_lines_name_the_author_but_reporting_is_kept():
    text = (
        "Follow Lena Ostrova on Twitter @lenaostrova\n"
        "Follow us on Telegram\n"
        "Officials follow the talks on Twitter closely, the minister said, and few expect a deal this month.\n"
    )
    assert kinds(text) == [("share", "Follow Lena Ostrova on Twitter @lenaostrova"), ("share", "Follow us on Telegram")]
