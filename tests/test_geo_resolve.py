"""Place resolution in context: the Syria names land where they should through recognise + resolve,
an unresolvable name harms nothing, containment words decide between a town and its province.

The reference points are the authors' (as in test_geo_gazetteer.py), independent of GeoNames.
"""

from __future__ import annotations

import pytest

from fogmap.errors import ConfigError
from fogmap.extract.extractor import TextToExtract
from fogmap.geo.gazetteer import distance_km
from fogmap.geo.recognise import STRONG, PlaceName, describe
from fogmap.geo.resolve import APPROACHES, ResolvedPlace, load_geoparser

SYRIAN_REPORT = (
    "Russian warplanes took off from Khmeimim air base, which Moscow calls Hmeymim, and bombed rebel positions "
    "in Idlib province on Tuesday. Russia also keeps a naval facility at Tartus. US troops at Al-Tanf clashed "
    "with militias east of Deir Ezzor, while Kurdish-led forces held Raqqa and Manbij. Islamic State fighters "
    "were driven out of Palmyra, which Syrians call Tadmur. Israeli jets struck targets in the Golan Heights."
)
# name -> (lat, lon, km): within this distance of the authors' reference point
EXPECTED = {
    "Khmeimim": (35.401, 35.949, 10), "Hmeymim": (35.401, 35.949, 10), "Tartus": (34.889, 35.887, 10),
    "Deir Ezzor": (35.336, 40.140, 10), "Al-Tanf": (33.49, 38.64, 10), "Raqqa": (35.950, 39.010, 10),
    "Manbij": (36.527, 37.955, 10), "Tadmur": (34.560, 38.268, 10), "Palmyra": (34.560, 38.268, 10),
    "Golan Heights": (33.00, 35.75, 35),  # a region: within its extent (about 35 km across the middle)
}
IDLIB_GOVERNORATE = "12"  # GeoNames admin-1 code of Idlib governorate


@pytest.fixture(scope="module")
def geoparser():
    return load_geoparser()


def geoparse(extractor, geoparser, text: str) -> list[ResolvedPlace]:
    return geoparser(text, extractor([TextToExtract("d", text)])[0])


def by_name(places: list[ResolvedPlace]) -> dict[str, ResolvedPlace]:
    return {p.mention.text: p for p in places}


def test_the_syria_names_land_within_10_km(extractor, geoparser):
    places = by_name(geoparse(extractor, geoparser, SYRIAN_REPORT))
    for name, (lat, lon, km) in EXPECTED.items():
        place = places[name].place
        assert place is not None, name
        assert distance_km(place.lat, place.lon, lat, lon) <= km, (name, place)
    idlib = places["Idlib"]
    assert idlib.place.country == "SY" and idlib.place.admin1 == IDLIB_GOVERNORATE
    assert idlib.place.feature_class == "A" and idlib.precision == 3
    assert places["Khmeimim"].place.id == places["Hmeymim"].place.id == "fogmap:khmeimim-air-base"
    assert places["Russian"].place.country == "RU" and places["Russian"].mention.relation == "demonym"


def test_idlib_province_is_the_area_and_idlib_city_the_town(extractor, geoparser):
    text = "Air strikes hit Idlib province overnight. In Idlib city, residents fled to the border."
    province, city = [p for p in geoparse(extractor, geoparser, text) if p.mention.name == "Idlib"]
    assert province.mention.kind == "admin1" and province.place.feature_class == "A"
    assert city.mention.kind == "city" and city.place.feature_class == "P"
    assert province.place.id != city.place.id
    assert province.place.admin1 == city.place.admin1 == IDLIB_GOVERNORATE
    assert distance_km(city.place.lat, city.place.lon, 35.93, 36.63) <= 10
    assert (province.precision, city.precision) == (3, 1)


def test_an_unresolvable_village_does_not_harm_the_others(extractor, geoparser):
    base = "Government forces shelled Maarat al-Numan and Saraqib in Idlib province, near Aleppo."
    with_village = base + " The village of Xqzzyvillemore was also hit, residents said."
    before = {p.mention.text: p.place.id for p in geoparse(extractor, geoparser, base)}
    after = geoparse(extractor, geoparser, with_village)
    village = by_name(after)["Xqzzyvillemore"]
    assert village.place is None and not village.resolved and village.reason == "not in the gazetteer"
    assert {p.mention.text: p.place.id for p in after if p.resolved} == before
    assert all(v is not None for v in before.values())


def test_two_hundred_articles_each_with_an_unknown_place(extractor, geoparser):
    templates = ["Clashes erupted in the village of Qzx{n}ville near Aleppo, and shells fell on Idlib.",
                 "Jets bombed Zqy{n}abad, south of Raqqa, and a market in Deir Ezzor, activists said.",
                 "Fighters from Xvq{n}iyah attacked positions outside Hama and in Homs countryside."]
    texts = [templates[n % 3].format(n=n) for n in range(200)]
    extractions = extractor([TextToExtract(str(n), t) for n, t in enumerate(texts)])
    for text, extraction in zip(texts, extractions):
        known = [p for p in geoparser(text, extraction) if p.mention.name in {
            "Aleppo", "Idlib", "Raqqa", "Deir Ezzor", "Hama", "Homs"}]
        assert len(known) == 2 and all(p.place is not None and p.place.country == "SY" for p in known), text


def test_context_picks_the_namesake(geoparser):
    resolver = geoparser.resolver
    text = "Paris, Texas, and Dallas were hit by storms; Paris police said Sherman was spared."
    mentions = [describe(text, text.index(n), text.index(n) + len(n), "test") for n in ("Paris", "Dallas", "Sherman")]
    paris = resolver.resolve(mentions, focus="US")[0]
    assert (paris.place.country, paris.place.admin1) == ("US", "TX")
    alone = resolver.resolve([describe("Riots in Paris.", 9, 14, "test")])[0]
    assert alone.place.country == "FR"
    us_paper = "The sheriff of Macon, Ga., said the road to Athens was closed."
    athens = [describe(us_paper, us_paper.index(n), us_paper.index(n) + len(n), "test") for n in ("Macon", "Athens")]
    macon, athens = resolver.resolve(athens)
    assert (macon.place.admin1, athens.place.admin1) == ("GA", "GA")


def test_output_fields_and_the_stored_record(extractor, geoparser):
    place = by_name(geoparse(extractor, geoparser, "Rebels attacked positions near Aleppo on Monday."))["Aleppo"]
    row = place.as_dict(candidates=2)
    for key in ("id", "name", "lat", "lon", "feature", "admin1", "country", "precision", "score", "reason",
                "relation", "candidates"):
        assert key in row, key
    assert row["relation"] == "near" and row["precision"] == 2 and 0 < row["score"] <= 1
    assert row["candidates"][0]["id"] == row["id"] and "parts" in row["candidates"][0]
    record = place.to_record("doc1")
    assert record.place_id == row["id"] and record.precision == 2 and record.span.doc_id == "doc1"
    assert record.span.start < record.span.end and record.reason


def test_geocode_a_bare_name(geoparser):
    assert geoparser.geocode("Raqqa")[0].entry.country == "SY"
    assert geoparser.geocode("Georgia")[0].entry.feature_code == "PCLI"
    assert geoparser.geocode("Georgia", "US")[0].entry.feature_code == "ADM1"
    assert geoparser.geocode("Xqzzyvillemore") == []
    unknown = PlaceName(0, 5, "Qzxqz", "Qzxqz", "test")
    assert geoparser.resolver.resolve([unknown])[0].place is None


def test_approaches_are_named_and_checked():
    assert list(APPROACHES) == ["prior", "country", "nearby", "admin1", "full"]
    with pytest.raises(ConfigError, match="choose one of"):
        load_geoparser("oracle")


def test_a_small_foreign_namesake_is_no_answer(geoparser):
    resolver = geoparser.resolver
    text = "Shelling hit Aleppo, Idlib, Hama and Foix, activists said."
    mentions = [describe(text, text.index(n), text.index(n) + len(n), "test") for n in ("Aleppo", "Idlib", "Hama", "Foix")]
    *syrian, foix = resolver.resolve(mentions, focus="SY")
    assert all(p.place.country == "SY" for p in syrian)
    assert foix.place is None and "namesake" in foix.reason and foix.candidates  # the candidate is still shown
    named = "Protesters gathered in Foix, France, and in Lyon and Toulouse."
    mentions = [describe(named, named.index(n), named.index(n) + len(n), "test") for n in ("Foix", "Lyon", "Toulouse")]
    assert resolver.resolve(mentions)[0].place.country == "FR"


def test_words_that_are_not_place_names_alone(geoparser):
    recogniser = geoparser.recogniser
    assert recogniser.known("Western") == 0 and recogniser.known("Central") == 0
    assert recogniser.known("SANA") == 0  # an agency's acronym, though Sanaa folds to the same key
    assert recogniser.known("UK") == recogniser.known("CAR") == STRONG
    assert recogniser.known("Car") < STRONG  # only a hamlet so named; the country's alias is written CAR
    assert geoparser.resolver.resolve([PlaceName(0, 7, "Western", "Western", "test")])[0].place is None


def _resolve_all(geoparser, text: str, names: list[str], focus: str | None = None) -> dict[str, ResolvedPlace]:
    """Resolve the given names where they first occur in `text`, together, as gold spans are."""
    mentions = [geoparser.recogniser.mention_at(text, text.index(n), text.index(n) + len(n), "test") for n in names]
    return {n: r for n, r in zip(names, geoparser.resolver.resolve(mentions, focus))}


def test_a_demonym_is_its_country_not_a_namesake_town(geoparser):
    places = _resolve_all(geoparser, "Canadian officials met Russian envoys.", ["Canadian", "Russian"])
    assert places["Canadian"].place.feature_code == "PCLI" and places["Canadian"].place.country == "CA"
    assert places["Russian"].place.country == "RU"
    # countries sit at GeoNames' point (kb/geonames_points.tsv), as gold sets built on GeoNames expect
    russia = places["Russian"].place
    assert distance_km(russia.lat, russia.lon, 60.0, 100.0) < 10


def test_bare_washington_is_the_capital_and_the_state_is_named_as_one(geoparser):
    text = "Officials in Washington said a storm hit Washington state and Seattle."
    capital = _resolve_all(geoparser, text, ["Washington"], focus="US")["Washington"].place
    assert (capital.country, capital.admin1) == ("US", "DC")
    state = geoparser.recogniser.mention_at(text, text.rindex("Washington"), text.rindex("Washington") + 10, "test")
    assert state.kind == "admin1" and geoparser.resolver.resolve([state], "US")[0].place.admin1 == "WA"


def test_a_name_is_not_the_longer_name_beside_it(geoparser):
    text = "Mexico said the meeting in Mexico City would go ahead."
    places = _resolve_all(geoparser, text, ["Mexico", "Mexico City"])
    assert places["Mexico"].place.feature_code == "PCLI"
    assert places["Mexico City"].place.feature_code == "PPLC"


def test_world_regions_and_seas_resolve_and_cast_no_country_vote(geoparser):
    text = "Migrants crossed the Mediterranean from North Africa; the Middle East watched the Gulf."
    places = _resolve_all(geoparser, text, ["Mediterranean", "North Africa", "Middle East", "Gulf"])
    assert {n: p.place.id for n, p in places.items()} == {
        "Mediterranean": "fogmap:mediterranean-sea", "North Africa": "fogmap:north-africa",
        "Middle East": "fogmap:middle-east", "Gulf": "fogmap:persian-gulf"}
    assert all(p.precision == 3 for p in places.values())
    # an ocean next to a town does not pull the town to a country: "Atlantic" stays the ocean, and
    # "Portland" in a Maine paper is still decided by Maine, not by the ocean
    text = "Storms off the Atlantic hit Portland, Maine, and Bangor."
    places = _resolve_all(geoparser, text, ["Atlantic", "Portland", "Bangor"])
    assert places["Atlantic"].place.id == "fogmap:atlantic-ocean"
    assert places["Portland"].place.admin1 == "ME"


def test_us_counties_have_their_own_point_and_are_found_without_the_word_county(geoparser):
    text = "Deputies in Orange County and Los Angeles searched for the suspect."
    orange = _resolve_all(geoparser, text, ["Orange County", "Los Angeles"], focus="US")["Orange County"].place
    assert orange.id == "us-county:06059" and distance_km(orange.lat, orange.lon, 33.7, -117.8) < 30
    text = "Schools in Gwinnett and Atlanta reopened."
    gwinnett = _resolve_all(geoparser, text, ["Gwinnett", "Atlanta"], focus="US")["Gwinnett"].place
    assert gwinnett.id == "us-county:13135" and gwinnett.admin1 == "GA"


def test_short_names_of_areas_and_countries_from_the_kb(geoparser):
    text = "Wildfires in BC forced evacuations, officials in America said."
    places = _resolve_all(geoparser, text, ["BC", "America"])
    assert (places["BC"].place.country, places["BC"].place.feature_code) == ("CA", "ADM1")
    assert places["America"].place.id == "geonames:6252001"


def test_the_container_written_after_a_name_chooses_its_namesake(geoparser):
    text = "Residents protested in San Rafael (Bulacan) over relief goods."
    places = _resolve_all(geoparser, text, ["San Rafael", "Bulacan"])
    assert places["San Rafael"].place.country == "PH"
    assert dict(places["San Rafael"].candidates[0].parts).get("container")
    text = "Protesters blocked a road in Merida, Yucatan, on Monday."
    assert _resolve_all(geoparser, text, ["Merida", "Yucatan"])["Merida"].place.country == "MX"
    # a namesake outside the places written in parentheses is no answer (the village is not in the gazetteer)
    text = "Gunmen attacked Paris (Kidal, Mali) at dawn."
    assert _resolve_all(geoparser, text, ["Paris", "Kidal", "Mali"])["Paris"].place is None


def test_a_name_does_not_fall_back_to_its_first_word(geoparser):
    assert geoparser.resolver.resolve([PlaceName(0, 12, "Abu Kershola", "Abu Kershola", "test")])[0].place is None
    assert geoparser.resolver.resolve([PlaceName(0, 11, "Wadi Qarqof", "Wadi Qarqof", "test")])[0].place is None
    cathedral = geoparser.resolver.resolve([PlaceName(0, 16, "Manila Cathedral", "Manila Cathedral", "test")])[0]
    assert cathedral.place.country == "PH" and "named after Manila" in cathedral.reason
    cup = geoparser.resolver.resolve([PlaceName(0, 15, "Dubai World Cup", "Dubai World Cup", "test")])[0]
    assert cup.place.country == "AE"


def test_admin1_short_names_from_the_kb(geoparser):
    text = "Militants attacked a checkpoint in Saladin, and shelling hit Poonch in J&K."
    places = _resolve_all(geoparser, text, ["Saladin", "J&K"])
    assert (places["Saladin"].place.feature_code, places["Saladin"].place.country) == ("ADM1", "IQ")
    assert (places["J&K"].place.feature_code, places["J&K"].place.country) == ("ADM1", "IN")


def test_in_a_report_of_violence_a_namesake_in_the_war_zone_wins(geoparser):
    from fogmap.geo.war_zones import war_zone_at

    text = "Shelling was reported near Novoselivka."
    start = text.index("Novoselivka")
    mention = [describe(text, start, start + len("Novoselivka"), "test")]
    calm = geoparser.resolver.resolve(mention, "UA", violent=False)[0].place
    war = geoparser.resolver.resolve(mention, "UA", violent=True)[0].place
    assert war_zone_at(war.lat, war.lon, "UA") is not None and war_zone_at(calm.lat, calm.lon, "UA") is None
    # a one-candidate name, or a country without zones, is left alone
    paris = [describe("Riots in Paris.", 9, 14, "test")]
    assert geoparser.resolver.resolve(paris, violent=True)[0].place.country == "FR"


def test_war_zones_lie_in_their_countries():
    from fogmap.geo.areas import area_at
    from fogmap.geo.war_zones import war_zones

    zones = [z for country in war_zones().values() for z in country]
    assert len(zones) >= 30
    for z in zones:
        area = area_at(z.lat, z.lon, country=z.country, within_km=5)
        assert area is not None, z.id
