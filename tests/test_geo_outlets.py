"""An outlet's home region stands in for the country focus of a text that names no country."""

from fogmap.extract.extractor import TextToExtract
from fogmap.geo.outlets import outlet_region, outlet_regions
from fogmap.kb import read_tsv


def test_outlet_names_match_blind_to_case_punctuation_and_the_article():
    assert outlet_region("The Jerusalem Post") == outlet_region("jerusalem post") == "IL"
    assert outlet_region("SANA") == outlet_region("Syrian Arab News Agency") == "SY"
    assert outlet_region("Reuters") is None and outlet_region(None) is None
    assert outlet_region("Mareb Press; Yemen Data Project") is None  # several outlets: no single home


def test_every_row_names_a_known_country():
    countries = {row["iso2"] for row in read_tsv("countries.tsv")}
    assert set(outlet_regions().values()) <= countries and len(outlet_regions()) > 60


def test_the_outlet_sets_the_focus_only_when_the_text_names_no_country(extractor):
    bare = "Shelling hit the village of Kafr Nabl on Monday, killing two."
    named = "Shelling hit Mosul in Iraq on Monday, killing two."
    plain, from_sana, iraq_in_sana = extractor([TextToExtract("a", bare), TextToExtract("b", bare, "SANA"),
                                                TextToExtract("c", named, "SANA")])
    assert plain.country_focus is None and from_sana.country_focus == "SY"
    assert iraq_in_sana.country_focus == "IQ"
