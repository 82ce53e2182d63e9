import pytest

from fogmap.errors import FogmapError
from fogmap.evaluation.geoparsing import read_geoparsing

LGL = """<?xml version="1.0" encoding="utf-8"?>
<articles><article docid="7"><text><![CDATA[Shelling hit Aleppo and Idlib.]]></text>
<toponyms count="2">
<toponym><start>13</start><end>19</end><phrase>Aleppo</phrase>
<gaztag geonameid="170063"><name>Aleppo</name><lat>36.2</lat><lon>37.16</lon></gaztag></toponym>
<toponym><start>24</start><end>29</end><phrase>Idlib</phrase></toponym>
</toponyms></article></articles>"""

GWN = """<?xml version="1.0" ?>
<articles><article file="0"><title>t</title><text>Damascus said the capital's north was calm.</text>
<toponyms>
<toponym><extractedName>Damascus</extractedName><type>Metonymic</type><start>0</start><end>8</end>
<geonamesID>170654</geonamesID><latitude>33.51</latitude><longitude>36.29</longitude></toponym>
<toponym><extractedName>the capital's north</extractedName><type>Literal_Expression</type><start>14</start><end>33</end>
<geonamesID/></toponym>
<toponym><extractedName>x</extractedName><type>Literal</type><start>-5</start><end>-1</end><geonamesID/></toponym>
</toponyms></article></articles>"""


def test_lgl_and_geowebnews_layouts_give_the_same_gold_records(tmp_path):
    lgl, gwn = tmp_path / "lgl.xml", tmp_path / "gwn.xml"
    lgl.write_text(LGL, encoding="utf-8")
    gwn.write_text(GWN, encoding="utf-8")
    (article,), dropped = read_geoparsing(lgl)
    aleppo, idlib = article.toponyms
    assert (article.id, dropped) == ("7", 0)
    assert article.text[aleppo.start:aleppo.end] == "Aleppo" and (aleppo.lat, aleppo.geonameid) == (36.2, "170063")
    assert idlib.lat is None and idlib.is_toponym  # LGL marks no types: every gold span is a toponym
    (article,), dropped = read_geoparsing(gwn)
    damascus, north = article.toponyms
    assert dropped == 1  # the span outside the text is dropped and counted, not fatal
    assert damascus.is_toponym and damascus.kind == "Metonymic" and damascus.lon == 36.29
    assert not north.is_toponym  # an expression around a place is not itself a place name


def test_broken_xml_is_a_plain_error(tmp_path):
    bad = tmp_path / "bad.xml"
    bad.write_text("<articles><article>", encoding="utf-8")
    with pytest.raises(FogmapError, match="not XML"):
        read_geoparsing(bad)
    with pytest.raises(FogmapError, match="not shipped"):
        read_geoparsing(tmp_path / "absent.xml")


def test_distances_and_resolution_scores():
    from fogmap.evaluation.geoparsing import GoldToponym, km_between, resolution_scores

    assert 305 < km_between(33.51, 36.29, 36.2, 37.16) < 315  # Damascus - Aleppo, about 310 km
    assert km_between(10, 20, 10, 20) == 0
    damascus = GoldToponym(0, 8, "Damascus", "Literal", 33.51, 36.29, None)
    no_coords = GoldToponym(0, 8, "north", "Literal", None, None, None)
    scores = resolution_scores([(damascus, (33.5, 36.3)), (damascus, (36.2, 37.16)), (damascus, None),
                                (no_coords, (0.0, 0.0))])
    assert scores["n"] == 3 and scores["accuracy_161km"] == round(1 / 3, 4)
    assert 300 < scores["median_km"] < 320
