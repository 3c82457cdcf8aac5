"""Publication dates: text inference with an injected today, metadata normalisation."""

from __future__ import annotations

import datetime as dt

from newsledger.ingest.article import make_article
from newsledger.ingest.pubdate import infer_from_text, normalise_date, resolve_weekday_year

TODAY = dt.date(2026, 11, 25)


def test_weekday_without_year_takes_latest_matching_year():
    text = "Speaking this morning, Monday, February 28, the governor said the bridge would reopen."
    assert infer_from_text(text, today=TODAY) == "2022-02-28"


def test_resolve_weekday_year():
    assert resolve_weekday_year(2, 28, 0, TODAY) == 2022  # a Monday
    assert resolve_weekday_year(11, 25, 2, TODAY) == 2026  # today itself, a Wednesday
    assert resolve_weekday_year(11, 26, 3, TODAY) == 2020  # 2026-11-26 is tomorrow


def test_date_without_weekday_or_year_is_none():
    assert infer_from_text("Published on March 3, the report said little.", today=TODAY) is None
    assert infer_from_text("The talks ended on 3 March without a deal.", today=TODAY) is None


def test_dateline():
    text = "HARBOURTON, Oct 4, 2025 (Coast Wire) - The ferry service resumed after a week of storms."
    assert infer_from_text(text, today=TODAY) == "2025-10-04"
    assert infer_from_text("12 March 2024\nThe ferry service resumed.", today=TODAY) == "2024-03-12"


def test_dates_in_the_body_are_not_publication_dates():
    text = "The ferry service resumed.\n" + "Filler sentence about the harbour. " * 20 + "\nThe pier was built on 12 March 1998."
    assert infer_from_text(text, today=TODAY) is None


def test_future_dates_are_ignored():
    assert infer_from_text("Updated: 2027-01-01\nText.", today=TODAY) is None


def test_normalise_date_forms():
    assert normalise_date("2022-03-02T10:00:00+02:00") == "2022-03-02"
    assert normalise_date("Wed, 02 Mar 2022 08:00:00 GMT") == "2022-03-02"
    assert normalise_date("2 March 2022") == "2022-03-02"
    assert normalise_date(dt.date(2022, 3, 2)) == "2022-03-02"
    assert normalise_date("") is None and normalise_date(None) is None
    assert normalise_date("2022-02-30") is None
    assert normalise_date("last spring") is None


def test_make_article_priority():
    text = "Speaking this morning, Monday, February 28, the governor said the bridge would reopen."
    meta = make_article(text, "s", metadata={"published": "2022-03-01"}, published_option="2020-01-01", today=TODAY)
    assert (meta.published, meta.published_from) == ("2022-03-01", "metadata")
    option = make_article(text, "s", published_option="2020-01-01", today=TODAY)
    assert (option.published, option.published_from) == ("2020-01-01", "option")
    inferred = make_article(text, "s", today=TODAY)
    assert (inferred.published, inferred.published_from) == ("2022-02-28", "text")
    none = make_article("No date here.", "s", today=TODAY)
    assert (none.published, none.published_from) == (None, None)


def test_today_comes_from_the_setting_not_the_clock(monkeypatch):
    text = "Speaking this morning, Monday, February 28, the governor said the bridge would reopen."
    monkeypatch.setenv("NEWSLEDGER_TODAY", "2028-03-01")  # 28 February 2028 is a Monday too
    assert infer_from_text(text) == "2028-02-28"
    monkeypatch.setenv("NEWSLEDGER_TODAY", "2026-11-25")
    assert infer_from_text(text) == "2022-02-28"


def test_settings_today_reaches_the_readers(tmp_path):
    from newsledger.ingest import read_inputs
    from newsledger.settings import Settings

    path = tmp_path / "a.txt"
    path.write_text("Speaking this morning, Monday, February 28, the governor said the bridge would reopen.\n")
    (article,) = read_inputs([str(path)], Settings(today="2028-03-01"))
    assert article.published == "2028-02-28"
