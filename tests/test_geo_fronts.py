"""Standing front lines: which side held a place on a day, by polygon and by the villages named."""

from datetime import date

import pytest

from fogmap.geo.fronts import load_front_lines

D2019 = date(2019, 6, 1)


@pytest.fixture(scope="module")
def fronts():
    return load_front_lines()


def test_points_inside_the_line_are_held_by_the_separatists(fronts):
    donetsk = fronts.side_at(48.00, 37.80, "UA", D2019)
    assert (donetsk.holder, donetsk.opponent) == ("ua-naf", "ua-military")
    kramatorsk = fronts.side_at(48.72, 37.56, "UA", D2019)
    assert (kramatorsk.holder, kramatorsk.opponent) == ("ua-military", "ua-naf")


def test_the_front_holds_only_in_its_period_and_country(fronts):
    assert fronts.side_at(48.00, 37.80, "UA", date(2014, 6, 1)) is None
    assert fronts.side_at(48.00, 37.80, "UA", date(2022, 3, 1)) is None
    assert fronts.side_at(48.00, 37.80, "RU", D2019) is None
    assert fronts.side_at(50.45, 30.52, "UA", D2019) is None  # Kyiv is no front
    assert fronts.side_at(48.00, 37.80, "UA", None) is None


def test_villages_listed_by_name_decide_before_the_drawn_line(fronts):
    # Avdiivka is government-held, 8 km from Donetsk; the name decides even where the point is wrong
    assert fronts.side_at(48.00, 37.80, "UA", D2019, ("Avdiivka",)).holder == "ua-military"
    assert fronts.side_named(("Kalynove-Borshchuvate",), None, D2019).holder == "ua-naf"
    # transliterations meet: Vodyane / Vodiane, Dolomytne / Dolomitne
    assert fronts.side_named(("Vodyane",), "UA", D2019).holder == "ua-military"
    assert fronts.side_named(("Dolomytne",), "UA", D2019).holder == "ua-naf"


def test_a_sentence_names_its_front_village(fronts):
    side = fronts.side_in_text("the OSCE SMM observed 16 explosions near Orikhove-Donetske.", None, D2019)
    assert side.holder == "ua-military" and side.country == "UA"
    assert fronts.side_in_text("Shelling near Aleppo.", None, D2019) is None
