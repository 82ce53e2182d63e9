"""The offline gazetteer: Syrian names land where they should, spellings fold, the kb files are sound.

The GeoNames index is built once into the cache directory (FOGMAP_CACHE_DIR, else ~/.cache/fogmap)
the first time any test needs it; after that it loads in tens of milliseconds.
"""

from __future__ import annotations

import re

import pytest

from fogmap.geo.gazetteer import SUPPLEMENT_FEATURES, distance_km, load_gazetteer, supplement_entries
from fogmap.geo.names import fold, name_key
from fogmap.kb import read_tsv

# Where these places are (the authors' reference points, independent of GeoNames for the cities).
SYRIA = {
    "Khmeimim": (35.401, 35.949),
    "Hmeymim": (35.401, 35.949),
    "Tartus": (34.889, 35.887),
    "Deir Ezzor": (35.336, 40.140),
    "Golan Heights": (33.00, 35.75),
    "Al-Tanf": (33.49, 38.64),
    "Raqqa": (35.950, 39.010),
    "Manbij": (36.527, 37.955),
    "Tadmur": (34.560, 38.268),
    "Palmyra": (34.560, 38.268),
}
REQUIRED_FEATURES = """khmeimim-air-base tartus-naval-facility al-tanf-garrison ain-al-asad-air-base golan-heights
    eastern-ghouta donbas sinai tishrin-dam tabqa-dam bab-al-hawa-crossing bab-al-salam-crossing incirlik-air-base
    al-udeid-air-base bagram-air-base kandahar-airfield mosul-dam deir-ez-zor-airport kuweires-air-base
    shayrat-air-base tiyas-air-base""".split()


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


@pytest.mark.parametrize("name", sorted(SYRIA))
def test_syrian_names_resolve_within_10_km(gazetteer, name):
    top = gazetteer.lookup(name, country="SY")[0]
    assert distance_km(top.lat, top.lon, *SYRIA[name]) <= 10, top


def test_spellings_fold_to_one_key():
    assert len({name_key(n) for n in ("Deir ez-Zor", "Deir el Zor", "DEIR  EZ-ZOR", "Deir al-Zor")}) == 1
    assert name_key("Ḩamāh") == name_key("Hama") == name_key("Hamah")
    assert name_key("Ar Raqqah") == name_key("Raqqa") == name_key("al-Raqqa")
    assert name_key("Dar‘ā") == name_key("Daraa") == name_key("Dar'a")
    assert name_key("Al-Tanf") == name_key("At Tanf") == name_key("al Tanf") == "tanf"
    assert name_key("Hassakeh") == name_key("Al-Ḩasakah")
    assert name_key("St. Louis") == name_key("Saint Louis")
    assert name_key("Al") == "al"  # a name that is all article keeps it
    assert fold("حلب") == "" and fold("Алеппо") == ""  # no Latin form to match


def test_transliterations_reach_the_same_place(gazetteer):
    for name in ("Deir ez-Zor", "Deir Ezzor", "Dayr az Zawr", "Deir al-Zour"):
        assert gazetteer.lookup(name, "SY")[0].id == "geonames:170794", name
    for name in ("Aleppo", "Halab"):
        assert gazetteer.lookup(name, "SY")[0].id == "geonames:170063", name
    assert gazetteer.lookup("Sloviansk")[0].name == "Slovyansk"  # not Nikopol, which GeoNames also files so


def test_unknown_names_give_nothing(gazetteer):
    for name in ("Xqzzyvillemore", "", "  ", "!!!", "حلب"):
        assert gazetteer.lookup(name) == [], name
    assert gazetteer.lookup("Aleppo", country="FR") == []
    assert "Xqzzyvillemore" not in gazetteer and "Khmeimim" in gazetteer


def test_ranking_and_country_filter(gazetteer):
    assert gazetteer.lookup("Georgia")[0].feature_code == "PCLI"
    assert gazetteer.lookup("Georgia", "US")[0].feature_code == "ADM1"
    assert gazetteer.lookup("Tripoli")[0].country == "LY" and gazetteer.lookup("Tripoli", "lb")[0].country == "LB"
    assert gazetteer.lookup("Gaza")[0].feature_class == "P"  # the city, though kb/countries.tsv files it under PS
    assert gazetteer.lookup("UK")[0].id == "geonames:2635167"
    assert gazetteer.lookup("Bagram")[0].id == "fogmap:bagram-air-base"  # the project's name outranks GeoNames


def test_get_by_id(gazetteer):
    city = gazetteer.get("geonames:170794")
    assert city.name == "Deir ez-Zor" and city.country == "SY" and city.source == "geonames"
    base = gazetteer.get("fogmap:khmeimim-air-base")
    assert base.feature_code == "AIRB" and base.admin1 and base.radius_km is None
    assert gazetteer.get("fogmap:golan-heights").radius_km > 0
    for missing in ("geonames:1", "fogmap:nowhere", "geonames:x", "170794", ""):
        assert gazetteer.get(missing) is None


def test_conflict_places_file_is_sound(gazetteer):
    rows = read_tsv("conflict_places.tsv")
    ids = [r["id"] for r in rows]
    assert len(rows) >= 60 and len(ids) == len(set(ids))
    assert set(REQUIRED_FEATURES) <= set(ids)
    countries = {r["iso2"] for r in read_tsv("countries.tsv")}
    assert {"SY", "IQ", "YE", "SO", "UA", "LY", "SD", "ML", "NE"} <= {r["country"] for r in rows}
    for r in rows:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", r["id"]), r["id"]
        assert r["feature"] in SUPPLEMENT_FEATURES and r["country"] in countries, r
        lat, lon = float(r["lat"]), float(r["lon"])
        assert -90 <= lat <= 90 and -180 <= lon <= 180, r
        area = r["feature"] in ("region", "frontline_area")
        assert bool(r["radius_km"]) == area and (not area or float(r["radius_km"]) > 0), r


def test_supplement_points_lie_in_their_country(gazetteer):
    # a typo in a coordinate or country code puts a point far from every town of the country
    for entry, _ in supplement_entries():
        if entry.radius_km is None:
            place, km = gazetteer.nearest(entry.lat, entry.lon, entry.country)
            assert km <= 150, (entry.id, place.name, km)


def test_supplement_names_are_unambiguous():
    owner: dict[str, str] = {}
    for entry, names in supplement_entries():
        for name in names:
            key = name_key(name)
            assert key, (entry.id, name)
            assert owner.setdefault(key, entry.id) == entry.id, (name, owner[key], entry.id)


def test_place_aliases_name_real_places(gazetteer):
    from fogmap.geo.areas import load_areas

    rows = read_tsv("place_aliases.tsv")
    assert {"Raqqa", "Deir Ezzor", "Palmyra", "Halab"} <= {a for r in rows for a in r["aliases"].split("|")}
    areas = {f"geonames:{a.geonames_id}": a for a in load_areas().areas if a.geonames_id}
    for r in rows:
        place = gazetteer.get(r["id"]) or areas.get(r["id"])  # a GeoNames place, or an admin-1 area
        assert place is not None and (place.name, place.country) == (r["name"], r["country"]), r
        if r["id"] in areas and gazetteer.get(r["id"]) is None:
            continue  # the resolver files an area's spellings (tests/test_geo_resolve.py)
        for alias in r["aliases"].split("|"):
            assert gazetteer.lookup(alias, r["country"])[0].id == r["id"], alias


def test_countries_sit_at_the_centre_of_their_main_landmass_not_the_middle_of_their_towns():
    from fogmap.geo.gazetteer import distance_km, load_gazetteer

    gazetteer = load_gazetteer()
    for name, lat, lon, within in (("United States", 39.8, -98.6, 161), ("Syria", 35.0, 38.5, 100),
                                   ("Russia", 60.0, 100.0, 400)):
        country = next(e for e in gazetteer.lookup(name) if e.feature_code == "PCLI")
        assert distance_km(country.lat, country.lon, lat, lon) < within, name


def test_world_features_file_is_sound():
    rows = read_tsv("world_features.tsv")
    ids = [r["id"] for r in rows]
    assert len(rows) >= 150 and len(ids) == len(set(ids))
    assert {"atlantic-ocean", "mediterranean-sea", "persian-gulf", "middle-east", "north-africa", "sahel-belt"
            } - set(ids) == {"sahel-belt"}  # the Sahel lives in conflict_places.tsv
    countries = {r["iso2"] for r in read_tsv("countries.tsv")}
    conflict_ids = {r["id"] for r in read_tsv("conflict_places.tsv")}
    for r in rows:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", r["id"]) and r["id"] not in conflict_ids, r["id"]
        assert r["feature"] in SUPPLEMENT_FEATURES and (r["country"] in countries or r["country"] == ""), r
        assert -90 <= float(r["lat"]) <= 90 and -180 <= float(r["lon"]) <= 180, r
        # a feature no one country holds must have an extent (it is no point in a country)
        assert r["country"] or r["radius_km"], r


def test_geonames_points_lie_in_their_country_or_state(gazetteer):
    # a typo in a kb/geonames_points.tsv coordinate would move "Russia" or "Virginia" out of itself
    from fogmap.geo.areas import load_areas
    from fogmap.geo.gazetteer import geonames_points

    areas = load_areas()
    assert len(geonames_points()) >= 140
    for geonameid, (lat, lon) in geonames_points().items():
        entry = gazetteer.get(f"geonames:{geonameid}")
        assert entry is not None and entry.feature_code in ("PCLI", "ADM1"), geonameid
        assert (entry.lat, entry.lon) == (lat, lon), entry
        area = areas.area_at(lat, lon, country=entry.country, within_km=25)
        assert area is not None, entry
        if entry.feature_code == "ADM1":
            assert area.admin1 == entry.admin1, (entry, area)


def test_national_capitals_are_marked_but_not_small_territorial_ones(gazetteer):
    washington = [e for e in gazetteer.lookup("Washington", "US") if e.feature_code == "PPLC"]
    assert len(washington) == 1 and washington[0].admin1 == "DC"
    assert any(e.feature_code == "PPLC" for e in gazetteer.lookup("Moscow", "RU"))
    assert not any(e.feature_code == "PPLC" for e in gazetteer.lookup("Jamestown"))  # Saint Helena's


def test_us_county_points_lie_in_their_state():
    from fogmap.geo.areas import load_areas

    areas = load_areas()
    rows = read_tsv("us_county_points.tsv")
    assert len(rows) > 3000
    wrong = [r for r in rows if re.fullmatch(r"\d{5}", r["fips"]) is None or getattr(
        areas.area_at(float(r["lat"]), float(r["lon"]), country="US", within_km=25), "admin1", None) != r["state"]]
    assert len(wrong) <= 20, wrong[:10]  # the mean of a few towns can fall over a state line (the Keys)
