"""Date normalisation against the publication date, at the precision the text gives."""
from __future__ import annotations

import pytest

from loaders.extract.dates import add_days, normalise

PUB = "2005-08-01"  # a Monday


@pytest.mark.parametrize("text, iso", [
    ("May 2005", "2005-05"),
    ("July 29, 2005", "2005-07-29"),
    ("29 July 2005", "2005-07-29"),
    ("in 2001", "2001"),
    ("October 2001", "2001-10"),
])
def test_absolute_dates_keep_their_precision(text, iso):
    assert normalise(text, PUB) == (iso, None)
    assert normalise(text, None) == (iso, None)  # no publication date needed


@pytest.mark.parametrize("text, iso", [
    ("July 29", "2005-07-29"),       # year from publication
    ("May 13", "2005-05-13"),
    ("December 20", "2004-12-20"),   # would be months after publication: the year before
    ("in May", "2005-05"),
    ("today", "2005-08-01"),
    ("yesterday", "2005-07-31"),
    ("Monday", "2005-08-01"),        # the latest Monday on or before publication
    ("Friday", "2005-07-29"),
    ("last week", "2005-07"),        # the week of 25-31 July lies in one month
    ("last month", "2005-07"),
    ("this year", "2005"),
    ("last year", "2004"),
    ("three days ago", "2005-07-29"),
])
def test_partial_and_relative_dates_resolve_against_publication(text, iso):
    assert normalise(text, PUB) == (iso, None)


@pytest.mark.parametrize("text", ["July 29", "yesterday", "Monday", "last week", "this year", "in May"])
def test_without_publication_relative_dates_stay_unknown(text):
    assert normalise(text, None) == (None, None)


def test_last_week_across_a_month_end_is_the_year():
    assert normalise("last week", "2005-08-03") == ("2005-07", None)  # 25-31 July
    assert normalise("last week", "2005-08-10") == ("2005-08", None)
    assert normalise("last week", "2005-07-06") == ("2005", None)  # 27 June - 3 July spans two months


@pytest.mark.parametrize("text", ["recently", "earlier", "lately"])
def test_vague_past_is_before_publication_with_no_date(text):
    assert normalise(text, PUB) == (None, "before")


@pytest.mark.parametrize("text", ["180 days", "a year", "nearly an hour", "the 1990s"])
def test_durations_are_not_dates(text):
    assert normalise(text, PUB)[0] is None


def test_deadline_adds_days_only_to_a_full_date():
    assert add_days("2005-07-29", 180) == "2006-01-25"
    assert add_days("2005-07", 180) is None


@pytest.mark.parametrize("text, ref, iso", [
    ("Three days later", "2018-03-14", "2018-03-17"),
    ("a week earlier", "2018-03-14", "2018-03-07"),
    ("a month earlier", "2021-06-24", "2021-05"),
    ("two years later", "1991-09", "1993"),
    ("three days later", "2018-03", None),   # a day count needs a day to count from
    ("three days later", None, None),
])
def test_shift_counts_from_the_narrative_date_at_the_precision_both_allow(text, ref, iso):
    from loaders.extract.dates import shift

    assert shift(text, ref) == iso
