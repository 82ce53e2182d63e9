"""Admin-1 areas: the shipped file loads fast and sound, points land in the right province, the sea in none."""

from __future__ import annotations

import io
import json
import time

import numpy as np
import pytest

from fogmap.geo import areas as areas_module
from fogmap.geo.areas import FORMAT, area_at, areas_of, by_name, index_from_arrays, load_areas

# The authors' sanity set: (place, lat, lon, country, its admin-1 area as news writes it). The
# coordinates are town centres; the expected area is found through by_name, so the spelling may differ
# from Natural Earth's ("Raqqa" for "Ar Raqqah", "Nineveh" for "Ninawa").
SANITY = [
    ("Aleppo", 36.20, 37.16, "SY", "Aleppo"), ("Raqqa", 35.95, 39.01, "SY", "Raqqa"),
    ("Idlib", 35.93, 36.63, "SY", "Idlib"), ("Homs", 34.73, 36.72, "SY", "Homs"),
    ("Hama", 35.13, 36.75, "SY", "Hama"), ("Deir ez-Zor", 35.336, 40.14, "SY", "Deir ez-Zor"),
    ("Damascus", 33.51, 36.29, "SY", "Damascus"), ("Douma", 33.57, 36.40, "SY", "Rif Dimashq"),
    ("Daraa", 32.62, 36.10, "SY", "Daraa"), ("Latakia", 35.52, 35.79, "SY", "Latakia"),
    ("Tartus", 34.89, 35.89, "SY", "Tartus"), ("Qamishli", 37.05, 41.22, "SY", "Hasakah"),
    ("Manbij", 36.53, 37.95, "SY", "Aleppo"), ("Palmyra", 34.56, 38.27, "SY", "Homs"),
    ("Suwayda", 32.71, 36.57, "SY", "Suwayda"),
    ("Mosul", 36.34, 43.13, "IQ", "Nineveh"), ("Baghdad", 33.31, 44.37, "IQ", "Baghdad"),
    ("Basra", 30.51, 47.81, "IQ", "Basra"), ("Erbil", 36.19, 44.01, "IQ", "Erbil"),
    ("Kirkuk", 35.47, 44.39, "IQ", "Kirkuk"), ("Fallujah", 33.35, 43.78, "IQ", "Anbar"),
    ("Ramadi", 33.42, 43.30, "IQ", "Anbar"), ("Tikrit", 34.60, 43.68, "IQ", "Salah ad-Din"),
    ("Najaf", 32.00, 44.34, "IQ", "Najaf"), ("Sulaymaniyah", 35.56, 45.43, "IQ", "Sulaymaniyah"),
    ("Kabul", 34.53, 69.17, "AF", "Kabul"), ("Kandahar", 31.61, 65.71, "AF", "Kandahar"),
    ("Herat", 34.35, 62.20, "AF", "Herat"), ("Mazar-i-Sharif", 36.71, 67.11, "AF", "Balkh"),
    ("Jalalabad", 34.43, 70.45, "AF", "Nangarhar"), ("Kunduz", 36.73, 68.86, "AF", "Kunduz"),
    ("Lashkar Gah", 31.59, 64.37, "AF", "Helmand"),
    ("Sanaa", 15.35, 44.21, "YE", "Amanat Al Asimah"), ("Aden", 12.78, 45.02, "YE", "Aden"),
    ("Hodeidah", 14.80, 42.95, "YE", "Hudaydah"), ("Taiz", 13.58, 44.02, "YE", "Taizz"),
    ("Marib", 15.46, 45.33, "YE", "Marib"), ("Mukalla", 14.54, 49.13, "YE", "Hadhramaut"),
    ("Saada", 16.94, 43.76, "YE", "Saada"),
    ("Mogadishu", 2.04, 45.34, "SO", "Banadir"), ("Baidoa", 3.11, 43.65, "SO", "Bay"),
    ("Beledweyne", 4.74, 45.20, "SO", "Hiiraan"), ("Garowe", 8.41, 48.48, "SO", "Nugaal"),
    ("Bosaso", 11.28, 49.18, "SO", "Bari"), ("Hargeisa", 9.56, 44.06, "SO", "Somaliland"),
    ("Kyiv", 50.45, 30.52, "UA", "Kiev City"), ("Bila Tserkva", 49.80, 30.11, "UA", "Kyiv Oblast"),
    ("Kharkiv", 49.99, 36.23, "UA", "Kharkiv"), ("Donetsk", 48.00, 37.80, "UA", "Donetsk"),
    ("Luhansk", 48.57, 39.31, "UA", "Luhansk"), ("Mariupol", 47.10, 37.55, "UA", "Donetsk"),
    ("Odesa", 46.48, 30.72, "UA", "Odesa"), ("Lviv", 49.84, 24.03, "UA", "Lviv"),
    ("Kherson", 46.64, 32.61, "UA", "Kherson"), ("Zaporizhzhia", 47.84, 35.14, "UA", "Zaporizhia"),
    ("Bakhmut", 48.59, 38.00, "UA", "Donetsk"), ("Sevastopol", 44.60, 33.52, "UA", "Sevastopol"),
    ("Simferopol", 44.95, 34.10, "UA", "Crimea"), ("Dnipro", 48.47, 35.04, "UA", "Dnipropetrovsk"),
    ("Ikeja", 6.60, 3.35, "NG", "Lagos"), ("Maiduguri", 11.85, 13.16, "NG", "Borno"),
    ("Kano", 12.00, 8.52, "NG", "Kano"), ("Abuja", 9.06, 7.49, "NG", "Federal Capital Territory"),
    ("Port Harcourt", 4.82, 7.03, "NG", "Rivers"), ("Ibadan", 7.38, 3.90, "NG", "Oyo"),
    ("Bamako", 12.64, -8.00, "ML", "Bamako"), ("Timbuktu", 16.77, -3.01, "ML", "Timbuktu"),
    ("Gao", 16.27, -0.04, "ML", "Gao"), ("Kidal", 18.44, 1.41, "ML", "Kidal"),
    ("Mopti", 14.49, -4.20, "ML", "Mopti"),
    ("Benghazi", 32.12, 20.07, "LY", "Benghazi"), ("Misrata", 32.38, 15.09, "LY", "Misrata"),
    ("Sirte", 31.21, 16.59, "LY", "Sirte"), ("Sabha", 27.04, 14.43, "LY", "Sabha"),
    ("Gaza", 31.50, 34.47, "PS", "Gaza Strip"), ("Ramallah", 31.90, 35.20, "PS", "West Bank"),
    ("Beirut", 33.89, 35.50, "LB", "Beirut"), ("Tyre", 33.27, 35.20, "LB", "South Lebanon"),
    ("Baalbek", 34.00, 36.21, "LB", "Beqaa"), ("Tripoli", 34.43, 35.84, "LB", "North Lebanon"),
    ("Khartoum", 15.50, 32.56, "SD", "Khartoum"), ("El Fasher", 13.63, 25.35, "SD", "North Darfur"),
    ("Juba", 4.85, 31.58, "SS", "Central Equatoria"), ("Goma", -1.68, 29.22, "CD", "Nord-Kivu"),
    ("Kinshasa", -4.32, 15.31, "CD", "Kinshasa"), ("Mekelle", 13.50, 39.47, "ET", "Tigray"),
    ("Addis Ababa", 9.03, 38.74, "ET", "Addis Ababa"), ("Niamey", 13.51, 2.11, "NE", "Niamey"),
    ("Yangon", 16.87, 96.20, "MM", "Yangon"), ("Tehran", 35.69, 51.39, "IR", "Tehran"),
    ("Istanbul", 41.01, 28.98, "TR", "Istanbul"), ("Quetta", 30.18, 67.00, "PK", "Balochistan"),
    ("Paris", 48.857, 2.35, "FR", "Paris"), ("Berlin", 52.52, 13.40, "DE", "Berlin"),
    ("New York", 40.71, -74.01, "US", "New York"), ("Los Angeles", 34.05, -118.24, "US", "California"),
    ("Tokyo", 35.68, 139.76, "JP", "Tokyo"), ("Beijing", 39.90, 116.40, "CN", "Beijing"),
    ("Cairo", 30.04, 31.24, "EG", "Cairo"), ("Sao Paulo", -23.55, -46.63, "BR", "Sao Paulo"),
    ("Sydney", -33.87, 151.21, "AU", "New South Wales"), ("Toronto", 43.65, -79.38, "CA", "Ontario"),
]
# Open sea, including the latitudes where rings jump the antimeridian (Chukotka 69.0 N, Fiji 16.5 S).
OCEAN = [(0.0, -30.0), (-40.0, 90.0), (35.0, 18.0), (20.0, -140.0), (33.6, 34.6), (-60.0, 0.0),
         (69.0, 5.0), (-16.5, -150.0)]


@pytest.fixture(scope="module")
def index():
    return load_areas()


def test_the_file_loads_with_unique_ids_and_sound_records(index):
    assert len(index) > 4500
    ids = [a.id for a in index.areas]
    assert len(set(ids)) == len(ids)
    for a in index.areas:
        assert a.name and a.id, a
        assert len(a.country) == 2 or a.country == "", a
        min_lon, min_lat, max_lon, max_lat = a.bbox
        assert -180 <= min_lon <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90, a
    assert len({a.country for a in index.areas}) > 230
    assert load_areas() is index  # cached


def test_the_file_loads_in_well_under_a_second():
    with areas_module.resources.files("fogmap").joinpath("data", areas_module.DATA_FILE).open("rb") as fh:
        raw = fh.read()
    started = time.perf_counter()
    with np.load(io.BytesIO(raw), allow_pickle=False) as npz:
        index = index_from_arrays({name: npz[name] for name in npz.files})
    assert time.perf_counter() - started < 1.0
    assert len(index) == len(load_areas())


@pytest.mark.parametrize(("lat", "lon", "name", "country", "admin1"), [
    (36.2021, 37.1343, "Aleppo", "SY", "09"),
    (35.9528, 39.0079, "Ar Raqqah", "SY", "04"),
    (34.5281, 69.1723, "Kabul", "AF", "13"),
    (2.0371, 45.3438, "Banaadir", "SO", "02"),
    (50.4501, 30.5234, "Kiev City", "UA", "12"),
    (6.6018, 3.3515, "Lagos", "NG", "05"),
])
def test_cities_land_in_their_area_with_the_geonames_code(lat, lon, name, country, admin1):
    area = area_at(lat, lon)
    assert (area.name, area.country, area.admin1) == (name, country, admin1)


@pytest.mark.parametrize(("lat", "lon"), OCEAN)
def test_the_sea_is_in_no_area(lat, lon):
    assert area_at(lat, lon) is None


def test_the_sanity_set_is_all_right(index):
    wrong = []
    for place, lat, lon, country, expected in SANITY:
        area = index.area_at(lat, lon)
        if area is None or area not in by_name(expected, country):
            wrong.append((place, expected, area and area.name))
    assert not wrong, f"{len(wrong)} of {len(SANITY)} wrong: {wrong}"


def test_a_coastal_town_outside_the_generalised_shape_is_found_within_a_distance(index):
    lagos_island, kismayo = (6.454, 3.395), (-0.36, 42.55)  # in the lagoon / the sea at 1:10m
    assert index.area_at(*lagos_island) is None
    assert index.area_at(*lagos_island, within_km=5).name == "Lagos"
    assert index.area_at(*kismayo, within_km=5, country="SO").name == "Jubbada Hoose"
    assert index.area_at(0.0, -30.0, within_km=25) is None


def test_country_limits_the_search():
    assert area_at(36.2021, 37.1343, country="sy").name == "Aleppo"
    assert area_at(36.2021, 37.1343, country="TR") is None


def test_holes_and_the_antimeridian(index):
    assert index.area_at(50.45, 30.52).name == "Kiev City"  # a hole in Kiev oblast
    assert index.area_at(49.80, 30.11).name == "Kiev"
    chukotka = {index.area_at(66.0, -175.0), index.area_at(65.5, 178.0)}
    assert {a.name for a in chukotka} == {"Chukchi Autonomous Okrug"}
    assert index.area_at(float("nan"), 10.0) is None


def test_areas_of_a_country():
    syria = {a.name for a in areas_of("SY")}
    assert {"Aleppo", "Idlib", "Ar Raqqah", "Dayr Az Zawr", "Rif Dimashq", "Damascus"} <= syria
    assert len(areas_of("sy")) == 15  # 14 governorates and the UNDOF zone
    assert areas_of("XX") == []


@pytest.mark.parametrize(("name", "country", "found"), [
    ("Idlib province", "SY", "Idlib"),
    ("Deir ez-Zor", "SY", "Dayr Az Zawr"),
    ("Raqqa", "SY", "Ar Raqqah"),
    ("Hasakah", "SY", "Hasaka (Al Haksa)"),
    ("Kyiv Oblast", "UA", "Kiev"),
    ("Kiev City", "UA", "Kiev City"),
    ("Nineveh", None, "Ninawa"),
    ("Wilayat-e Kabul", "AF", "Kabul"),
    ("Panjshir", "AF", "Panjshir"),  # labelled "Parwan" in the source
    ("Daykundi", "AF", "Daykundi"),  # labelled "Uruzgan" in the source
])
def test_by_name(name, country, found):
    assert by_name(name, country)[0].name == found


def test_by_name_unknown_or_elsewhere():
    assert by_name("Nowhere Province") == []
    assert by_name("Aleppo", "IQ") == []
    assert by_name("") == []


def test_geometry_is_geojson_for_a_map(index):
    aleppo = by_name("Aleppo", "SY")[0]
    geometry = index.geometry(aleppo)
    assert geometry["type"] in ("Polygon", "MultiPolygon")
    rings = index.rings(aleppo)
    assert all(np.array_equal(ring[0], ring[-1]) and len(ring) >= 4 for ring, _ in rings)
    minx, miny, maxx, maxy = aleppo.bbox
    assert minx <= aleppo.lon <= maxx and miny <= aleppo.lat <= maxy
    collection = index.feature_collection("SY")
    assert len(collection["features"]) == 15
    assert json.loads(json.dumps(collection)) == collection


def test_a_file_of_another_format_is_refused():
    with areas_module.resources.files("fogmap").joinpath("data", areas_module.DATA_FILE).open("rb") as fh:
        with np.load(fh, allow_pickle=False) as npz:
            arrays = {name: npz[name] for name in npz.files}
    arrays["format"] = np.array(FORMAT + 1)
    with pytest.raises(ValueError, match="build_areas.py"):
        index_from_arrays(arrays)
