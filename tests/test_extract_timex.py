"""Time expressions resolved against a publication date (fogmap.extract.timex)."""

import datetime as dt

import pytest

from fogmap.extract.timex import event_date, find_times
from fogmap.kb import read_tsv

THU = dt.date(2020, 5, 7)  # a Thursday


def D(s: str) -> dt.date:
    return dt.date.fromisoformat(s)


def only(text: str, published: dt.date | None = THU):
    mentions = find_times(text, published)
    assert len(mentions) == 1, mentions
    m = mentions[0]
    assert text[m.start:m.end] == m.text
    return m


def rng(text: str, published: dt.date | None = THU) -> tuple[str, str, int]:
    m = only(text, published)
    return str(m.earliest), str(m.latest), m.precision


@pytest.mark.parametrize("text, day", [
    ("Gunmen struck the village on 6 May 2020.", "2020-05-06"),
    ("Gunmen struck the village on May 6, 2020.", "2020-05-06"),
    ("The report is dated 2019-11-03.", "2019-11-03"),
    ("Police said on Friday, January 4, 2019 that two died.", "2019-01-04"),
    ("The form was filed on 13/05/2019.", "2019-05-13"),
    ("The form was filed on 05/13/2019.", "2019-05-13"),
])
def test_absolute_dates_need_no_publication_date(text, day):
    m = only(text, None)
    assert (str(m.earliest), str(m.latest), m.precision, m.anchored) == (day, day, 1, False)


def test_day_month_without_year_takes_the_year_before_publication():
    assert rng("Clashes broke out on May 6th.") == ("2020-05-06", "2020-05-06", 1)
    assert rng("Clashes broke out on the 6th of May.") == ("2020-05-06", "2020-05-06", 1)
    assert rng("Clashes broke out on 2 March.") == ("2020-03-02", "2020-03-02", 1)
    assert only("Clashes broke out on May 6th.").anchored


def test_yearless_date_rolls_back_over_new_year_but_allows_a_dateline():
    assert rng("Troops entered the town on Dec 30.", D("2021-01-02")) == ("2020-12-30", "2020-12-30", 1)
    assert rng("BAMAKO, May 9 (Reuters) - Soldiers were killed.") == ("2020-05-09", "2020-05-09", 1)
    assert rng("The truce began on May 10.") == ("2019-05-10", "2019-05-10", 1)


def test_ambiguous_slash_date_is_skipped():
    assert find_times("The form was filed on 06/05/2020.", THU) == []
    assert rng("It was 2020/05/06 then.", None) == ("2020-05-06", "2020-05-06", 1)


def test_month_alone_is_the_most_recent_such_month():
    assert rng("Fighting resumed in December.") == ("2019-12-01", "2019-12-31", 3)
    assert rng("Fighting resumed in May.") == ("2020-05-01", "2020-05-31", 3)
    assert rng("Fighting resumed in December.", D("2020-01-10")) == ("2019-12-01", "2019-12-31", 3)
    assert rng("Fighting resumed in December 2018.", None) == ("2018-12-01", "2018-12-31", 3)


def test_month_thirds():
    assert rng("The siege ended in early April.") == ("2020-04-01", "2020-04-10", 2)
    assert rng("The siege ended in mid-April.") == ("2020-04-11", "2020-04-20", 2)
    assert rng("The siege ended in late February 2020.", None) == ("2020-02-21", "2020-02-29", 2)
    # late May has not come yet on 7 May: no guess at last year's
    assert find_times("The siege ended in late May.", THU) == []


def test_bare_may_is_not_a_month():
    assert find_times("Officials say the fighting May spread. We may see more.", THU) == []


def test_yesterday_today_tonight_last_night_overnight():
    assert rng("Two people were killed yesterday.") == ("2020-05-06", "2020-05-06", 1)
    assert rng("Two people were killed today.") == ("2020-05-07", "2020-05-07", 1)
    assert rng("Two people were killed this morning.") == ("2020-05-07", "2020-05-07", 1)
    assert rng("A curfew starts tonight.") == ("2020-05-07", "2020-05-07", 1)
    assert rng("Shelling hit the port last night.") == ("2020-05-06", "2020-05-06", 1)
    assert rng("Shelling hit the port overnight.") == ("2020-05-06", "2020-05-06", 1)
    assert rng("It happened the day before yesterday.") == ("2020-05-05", "2020-05-05", 1)


def test_weekdays():
    assert rng("Rebels attacked on Tuesday.") == ("2020-05-05", "2020-05-05", 1)
    assert rng("Rebels attacked on Thursday.") == ("2020-05-07", "2020-05-07", 1)
    assert rng("Rebels attacked on Friday.") == ("2020-05-01", "2020-05-01", 1)
    assert rng("Rebels attacked last Thursday.") == ("2020-04-30", "2020-04-30", 1)
    assert rng("Rebels attacked last Tuesday.") == ("2020-05-05", "2020-05-05", 1)
    m = only("Rebels attacked on Tuesday night.")
    assert (m.text, m.earliest) == ("Tuesday night", D("2020-05-05"))
    assert rng("Rebels attacked Wednesday morning.") == ("2020-05-06", "2020-05-06", 1)


def test_future_and_habitual_weekdays_are_skipped():
    assert find_times("Talks resume next Tuesday; markets close on Fridays.", THU) == []


def test_weeks():
    assert rng("Protests spread this week.") == ("2020-05-04", "2020-05-07", 2)
    assert rng("Protests spread earlier this week.") == ("2020-05-04", "2020-05-07", 2)
    assert rng("Protests spread last week.") == ("2020-04-27", "2020-05-03", 2)
    assert rng("Protests spread two weeks ago.") == ("2020-04-20", "2020-04-26", 2)
    assert rng("Protests spread in recent days.") == ("2020-04-30", "2020-05-07", 2)


def test_weekend():
    assert rng("Clashes erupted over the weekend.") == ("2020-05-02", "2020-05-03", 2)
    assert rng("Clashes erupted at the weekend.") == ("2020-05-02", "2020-05-03", 2)
    assert rng("Clashes erupted last weekend.", D("2020-05-11")) == ("2020-05-09", "2020-05-10", 2)
    assert rng("Clashes erupted over the weekend.", D("2020-05-10")) == ("2020-05-09", "2020-05-10", 2)


def test_months_and_years_relative():
    assert rng("Arrests began earlier this month.") == ("2020-05-01", "2020-05-07", 3)
    assert rng("Arrests began last month.") == ("2020-04-01", "2020-04-30", 3)
    assert rng("Arrests began last month.", D("2020-01-15")) == ("2019-12-01", "2019-12-31", 3)
    assert rng("Arrests began last year.") == ("2019-01-01", "2019-12-31", 3)
    assert rng("Arrests began earlier this year.") == ("2020-01-01", "2020-05-07", 3)
    assert rng("Arrests began in 2018.", None) == ("2018-01-01", "2018-12-31", 3)


def test_n_days_ago():
    assert rng("The camp was raided three days ago.") == ("2020-05-04", "2020-05-04", 1)
    assert rng("The camp was raided 10 days ago.") == ("2020-04-27", "2020-04-27", 1)
    assert rng("The camp was raided a day ago.") == ("2020-05-06", "2020-05-06", 1)
    assert rng("The camp was raided two months ago.") == ("2020-03-01", "2020-03-31", 3)


def test_christmas_and_new_year():
    jan = D("2020-01-03")
    assert rng("Troops attacked on Christmas Day.", jan) == ("2019-12-25", "2019-12-25", 1)
    assert rng("Troops attacked on Christmas.", jan) == ("2019-12-25", "2019-12-25", 1)
    assert rng("Troops attacked on Christmas Eve.", jan) == ("2019-12-24", "2019-12-24", 1)
    assert rng("Fireworks on New Year's Eve turned violent.", jan) == ("2019-12-31", "2019-12-31", 1)
    assert rng("Fireworks on New Year's Day turned violent.", jan) == ("2020-01-01", "2020-01-01", 1)
    # published on the day itself: this year's
    assert rng("Troops attacked on Christmas Day.", D("2020-12-25")) == ("2020-12-25", "2020-12-25", 1)


def test_christmas_as_an_ordinary_noun_is_skipped():
    assert find_times("The Christmas market reopened.", THU) == []


def test_easter_and_nowruz():
    assert rng("A church was bombed on Easter Sunday.") == ("2020-04-12", "2020-04-12", 1)
    assert rng("A church was bombed at Easter.", D("2019-05-01")) == ("2019-04-21", "2019-04-21", 1)
    assert rng("Crowds gathered for Nowruz.") == ("2020-03-21", "2020-03-21", 1)


def test_eid_2020():
    assert rng("Shelling resumed on Eid al-Fitr.", D("2020-05-27")) == ("2020-05-24", "2020-05-24", 1)
    assert rng("Shelling resumed on Eid al-Adha.", D("2020-08-02")) == ("2020-07-31", "2020-07-31", 1)
    assert rng("Shelling resumed during Eid.", D("2020-08-02")) == ("2020-07-31", "2020-07-31", 1)
    assert rng("Shelling resumed on the eve of Eid.", D("2020-05-24")) == ("2020-05-23", "2020-05-23", 1)
    # before 2020's Eid al-Fitr the most recent one is 2019's
    assert rng("Shelling resumed on Eid al-Fitr.") == ("2019-06-04", "2019-06-04", 1)
    assert rng("Shelling resumed on Eid al-Fitr 2021.", None) == ("2021-05-13", "2021-05-13", 1)


def test_ramadan_is_a_month_long_range():
    assert rng("Attacks rose during Ramadan.", D("2020-06-10")) == ("2020-04-24", "2020-05-23", 3)
    # still under way: the range stops at publication
    assert rng("Attacks rose during Ramadan.") == ("2020-04-24", "2020-05-07", 3)
    assert find_times("Tariq Ramadan spoke.", THU) == []


def test_holiday_table_is_consistent():
    rows = read_tsv("holidays.tsv")
    by = {name: sorted(D(r["date"]) for r in rows if r["name"] == name)
          for name in ("eid_al_fitr", "eid_al_adha", "ramadan")}
    assert {d.year for d in by["eid_al_fitr"]} >= set(range(2000, 2031))
    assert {d.year for d in by["eid_al_adha"]} >= set(range(2000, 2031))
    for start in by["ramadan"]:
        ends = [e for e in by["eid_al_fitr"] if start < e <= start + dt.timedelta(days=31)]
        assert not ends or (ends[0] - start).days in (29, 30), start
    for fitr in by["eid_al_fitr"]:
        adha = min(a for a in by["eid_al_adha"] + [D("2031-04-03")] if a > fitr)
        # Shawwal and Dhu al-Qadah (29 or 30 days each) plus nine days, give or take an announcement
        assert 67 <= (adha - fitr).days <= 70, fitr


def test_relative_expressions_need_a_publication_date():
    assert find_times("Rebels attacked on Tuesday, yesterday and last week, in December.", None) == []
    assert [m.text for m in find_times("Yesterday, not on 6 May 2020.", None)] == ["6 May 2020"]


def test_no_match():
    assert find_times("Nothing here happened at any named time.", THU) == []
    assert event_date("Nothing here happened at any named time.", THU) is None
    assert event_date("Rebels attacked on Tuesday.", None) is None


def test_mentions_are_in_text_order_and_do_not_overlap():
    text = "On Friday, January 4, 2019, troops moved in; by last week it was over."
    mentions = find_times(text, THU)
    assert [m.text for m in mentions] == ["Friday, January 4, 2019", "last week"]


def test_event_date_prefers_on_date_lead():
    text = "Police said yesterday that on Monday two were hurt. On 3 May 2020, gunmen attacked a market."
    m = event_date(text, THU)
    assert (m.text, m.earliest, m.precision) == ("3 May 2020", D("2020-05-03"), 1)


def test_event_date_first_day_then_most_precise():
    m = event_date("Last week's violence followed clashes on Tuesday.", THU)
    assert (m.text, m.earliest) == ("Tuesday", D("2020-05-05"))
    m = event_date("Violence rose last month and again this week.", THU)
    assert (m.text, m.earliest, m.latest, m.precision) == ("this week", D("2020-05-04"), THU, 2)
