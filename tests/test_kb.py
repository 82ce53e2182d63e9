"""Every kb file loads and holds what the stages rely on."""

from fogmap.extract.lexicon import load_lexicon
from fogmap.geo.countries import load_country_gazetteer
from fogmap.kb import read_tsv


def test_countries_are_unique_iso_codes_and_aliases_do_not_collide():
    rows = read_tsv("countries.tsv")
    codes = [r["iso2"] for r in rows]
    assert len(codes) == len(set(codes)) and all(len(c) == 2 and c.isupper() for c in codes)
    seen: dict[str, str] = {}
    for r in rows:
        for name in filter(None, [r["name"], *r["aliases"].split("|"), *r["demonyms"].split("|")]):
            assert seen.setdefault(name.lower(), r["iso2"]) == r["iso2"], name


def test_country_lookups():
    g = load_country_gazetteer()
    assert [g.country_named(n) for n in ("Syrian", "the Syrian Arab Republic", "U.S.", "DRC", "Ivory Coast")] == [
        "SY", "SY", "US", "CD", "CI"]
    assert g.country_of("Idlib") == "SY" and g.country_of("Mosul") == "IQ" and g.country_of("Maiduguri") == "NG"
    assert g.country_of("Tripoli") == "LY" and g.country_of("Tripoli", focus="LB") == "LB"
    assert g.country_of("Ar Raqqah") == "SY" and g.country_of("Deir ez-Zor") == "SY"


def test_cities_have_valid_coordinates():
    for row in read_tsv("cities.tsv"):
        assert -90 <= float(row["lat"]) <= 90 and -180 <= float(row["lon"]) <= 180
        assert int(row["population"]) >= 15_000


def test_every_modality_word_the_rules_use_is_a_gate_marker():
    # the parse is skipped for sentences without a marker, so a rule word missing here would never fire
    from fogmap.extract import modality
    markers = set(load_lexicon().markers)
    words = modality._CONDITIONAL | modality._MODALS | modality._FUTURE
    assert words <= markers, words - markers
    assert {"not", "n't", "never", "no"} <= markers
    for lemma in modality._DENIAL_LEMMAS | modality._PLAN_LEMMAS:
        assert lemma in markers or lemma + "s" in markers, lemma
