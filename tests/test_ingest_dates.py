import datetime as dt

import pytest

from fogmap.ingest.dates import dateline_date, parse_published

D = dt.date(2019, 1, 4)


@pytest.mark.parametrize("value, expected", [
    ("2019-01-04", D), ("2019-01-04T13:00:00Z", D), ("2019-01-04 13:00", D),
    ("Fri, 04 Jan 2019 13:00:00 GMT", D), ("January 4, 2019", D), ("4 January 2019", D),
    ("04/01/2019", None),  # day/month or month/day? unknown stays unknown
    ("2019-02-30", None), ("", None), ("soon", None), (None, None), (20190104, None),
])
def test_metadata_dates(value, expected):
    assert parse_published(value) == expected


@pytest.mark.parametrize("text, expected", [
    ("Friday, January 4, 2019 \n\nAn apartment building collapsed", D),
    ("Wed 05 Apr 2017 Syria attack symptoms consistent with nerve agent use", dt.date(2017, 4, 5)),
    ("Jan. 4, 2019 - Rebels said", D),
    ("4 January 2019: Rebels said", D),
    ("BEIRUT, Jan 4, 2019 (Reuters) - Rebels said", D),
    ("BEIRUT, March 3 (Reuters) - Rebels said", None),  # no year: never guessed
    ("Rebels said on January 4, 2019 that", None),  # a date inside the text is not a dateline
])
def test_datelines(text, expected):
    assert dateline_date(text) == expected
