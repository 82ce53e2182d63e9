"""Place recognition: NER spans, names NER mislabels or misses, and how the words describe each place.

Most tests hand the recogniser entity spans built here (no spaCy), so they pin the recogniser, not
the model; one runs the real extractor on a text written for it.
"""

from __future__ import annotations

import pytest

from fogmap.extract.extractor import TextToExtract
from fogmap.geo.recognise import ADMIN, AT, DEMONYM, NEAR, PART_OF, REGION_OF, describe
from fogmap.geo.resolve import load_geoparser
from fogmap.records import EntityMention, Span


@pytest.fixture(scope="module")
def recogniser():
    return load_geoparser().recogniser


def entities(text: str, *labelled: tuple[str, str]) -> list[EntityMention]:
    """EntityMentions for each (words, label), at the words' first occurrence in text."""
    out = []
    for words, label in labelled:
        start = text.index(words)
        out.append(EntityMention(Span("d", start, start + len(words)), label, words, 0, "test"))
    return out


def at(text: str, words: str, source: str = "test"):
    start = text.index(words)
    return describe(text, start, start + len(words), source)


def test_relative_descriptions_give_relation_and_precision():
    text = ("Jets struck near Damascus, then south of the city of Mayadin. Clashes went on in Aleppo "
            "countryside, in Idlib province and across north-western Syria; 12 km east of Homs a convoy burned.")
    near = at(text, "Damascus")
    assert (near.relation, near.precision) == (NEAR, 2)
    south = at(text, "Mayadin")
    assert (south.relation, south.direction, south.kind, south.precision) == (NEAR, "south", "city", 2)
    assert text[slice(*south.phrase)] == "south of the city of Mayadin"
    countryside = at(text, "Aleppo")
    assert (countryside.relation, countryside.kind, countryside.precision) == (PART_OF, "countryside", 2)
    assert text[slice(*countryside.phrase)] == "Aleppo countryside"
    province = at(text, "Idlib")
    assert (province.relation, province.kind, province.precision) == (ADMIN, "admin1", 3)
    assert text[slice(*province.phrase)] == "Idlib province"
    region = at(text, "Syria")
    assert (region.relation, region.direction, region.precision) == (REGION_OF, "north-western", 3)
    assert text[slice(*region.phrase)] == "north-western Syria"
    assert at(text, "Homs").relation == NEAR
    plain = describe("Fighting in Raqqa.", 12, 17, "test")
    assert (plain.relation, plain.precision, plain.phrase) == (AT, 1, (12, 17))


def test_a_comma_names_the_larger_place(recogniser):
    text = "A fire in Lexington, Neb., and in Aleppo, Syria. Laurel County deputies said."
    assert at(text, "Lexington").within == "Neb."
    assert at(text, "Aleppo").within == "Syria"
    start = text.index("Laurel County")
    county = recogniser.mention_at(text, start, start + len("Laurel County"), "gold")
    # a capitalised kind word is part of the proper name: the span keeps it, the lookup drops it
    assert (county.text, county.name, county.kind) == ("Laurel County", "Laurel", "admin2")


def test_ner_spans_and_mislabelled_names(recogniser):
    text = ("Russian jets flew from Khmeimim to strike rebels, the Syrian army said. Tartus was calm. "
            "Hezbollah fighters entered Idlib province.")
    found = recogniser(text, entities(text, ("Russian", "NORP"), ("Khmeimim", "NORP"), ("Syrian", "NORP"),
                                      ("Tartus", "ORG"), ("Hezbollah", "ORG"), ("Idlib province", "GPE")), focus="SY")
    by_text = {m.text: m for m in found}
    assert set(by_text) == {"Russian", "Khmeimim", "Syrian", "Tartus", "Idlib"}  # Hezbollah is not a place
    assert (by_text["Russian"].relation, by_text["Russian"].country) == (DEMONYM, "RU")
    assert by_text["Khmeimim"].relation == AT and by_text["Tartus"].source == "ner:ORG"
    idlib = by_text["Idlib"]  # "Idlib province" as one GPE span: the name is Idlib, the rest its kind
    assert (idlib.name, idlib.kind, idlib.relation) == ("Idlib", "admin1", ADMIN)


def test_gazetteer_scan_finds_what_ner_left_out(recogniser):
    text = "Will the talks hold? Convoys reached Manbij and Qamishli on Sunday."
    found = recogniser(text, [], focus="SY")
    assert [m.text for m in found] == ["Manbij", "Qamishli"]  # not the sentence-initial "Will"
    assert all(m.source == "gazetteer" for m in found)


def test_a_datelines_abbreviated_day_is_no_place(recogniser):
    text = "Mon Jul 18 2016 Coalition air strikes killed 21 civilians near Manbij."
    found = recogniser(text, entities(text, ("Mon", "GPE")), focus="SY")
    assert [m.text for m in found] == ["Manbij"]  # not Mon State, Myanmar


def test_a_countrys_possessive_without_its_apostrophe_is_cut_from_the_place(recogniser):
    text = "Barrel bombs killed 15 civilians in Syrias Aleppo. Frances Smith reported from Iraqs Mosul."
    found = recogniser(text, entities(text, ("Syrias Aleppo", "PERSON"), ("Frances Smith", "PERSON"),
                                      ("Iraqs Mosul", "GPE")), focus="SY")
    assert [m.text for m in found] == ["Syria", "Aleppo", "Iraq", "Mosul"]  # and no France


def test_a_name_after_the_village_of_is_a_place_whatever_its_label(recogniser):
    text = "Shells fell on the village of Xqzzyvillemore and on Kafr Nabl."
    found = recogniser(text, entities(text, ("Xqzzyvillemore", "PERSON"), ("Kafr Nabl", "GPE")), focus="SY")
    assert [(m.text, m.kind) for m in found] == [("Xqzzyvillemore", "city"), ("Kafr Nabl", "")]


def test_a_place_heading_an_organisation_name(recogniser):
    text = "The Texas Department of Transportation closed the road."
    (texas,) = recogniser(text, entities(text, ("The Texas Department of Transportation", "ORG")))
    assert (texas.text, texas.source) == ("Texas", "ner:ORG/embedded")


def test_people_and_common_words_are_not_places(recogniser):
    text = "Officer Bell said Reuters saw King Abdullah in Amman."
    found = recogniser(text, entities(text, ("Bell", "PERSON"), ("Reuters", "ORG"), ("King Abdullah", "PERSON"),
                                      ("Amman", "GPE")))
    assert [m.text for m in found] == ["Amman"]


def test_recognition_on_the_real_pipeline(extractor, recogniser):
    text = ("Russian jets took off from Khmeimim air base and struck Idlib province. Russia keeps a naval "
            "facility at Tartus. Kurdish fighters held Raqqa and Manbij, and Islamic State lost Palmyra.")
    extraction = extractor([TextToExtract("d", text)])[0]
    found = {m.name for m in recogniser(text, extraction.entities, extraction.sentences, extraction.country_focus)}
    assert {"Khmeimim", "Idlib", "Russia", "Tartus", "Raqqa", "Manbij", "Palmyra"} <= found


def test_containers_written_in_parentheses_and_after_commas():
    from fogmap.geo.recognise import written_containers

    def after(text: str, name: str) -> tuple[str, ...]:
        return written_containers(text, text.index(name) + len(name))

    assert after("Gunmen raided Kabala (Mwenga, South Kivu) at night.", "Kabala") == ("Mwenga", "South Kivu")
    assert after("Workers marched in Dhamra town (Bhadrak district, Odisha).", "Dhamra") == ("Bhadrak", "Odisha")
    assert after("A clash near Pisky, Donetsk. The mission saw it.", "Pisky") == ("Donetsk",)
    assert after("in La Vega parish, San Jose, Zulia state, residents", "La Vega") == ("San Jose", "Zulia")
    assert after("Strikes hit Aleppo, Idlib and Hama.", "Aleppo") == ()  # a list, not an address
    assert after("Police said on Monday in Lyon.", "Lyon") == ()
    mention = at("Gunmen raided Kabala (Mwenga, South Kivu) at night.", "Kabala")
    assert mention.containers == ("Mwenga", "South Kivu") and mention.parenthesised


def test_a_country_before_what_it_owns_is_no_setting(recogniser):
    text = "Traders protested the high US dollar exchange rate in Sidon."
    us = recogniser.from_entity(text, text.index("US"), text.index("US") + 2, "GPE", None)
    assert us.relation == DEMONYM and us.country == "US"
    text = "US officials visited Kabul."
    assert recogniser.from_entity(text, 0, 2, "GPE", None).relation == DEMONYM
    text = "Protesters marched in the US on Monday."
    start = text.index("US")
    assert recogniser.from_entity(text, start, start + 2, "GPE", None).relation == AT


def test_a_small_town_after_near_is_found_though_a_bare_name_would_not_be(recogniser):
    text = "Observers recorded 12 explosions near Svitlodarsk."
    found = recogniser(text, [])
    assert [m.name for m in found] == ["Svitlodarsk"] and found[0].relation == NEAR
    assert recogniser("Svitlodarsk was quiet.", []) == []  # no cue: under the population bar
    tagged = recogniser(text, entities(text, ("Svitlodarsk", "PERSON")))  # the tagger took it for a person
    assert [m.name for m in tagged] == ["Svitlodarsk"]
    # the cue lets in a whole name only, never its first word ("Wadi" of "Wadi Zamzam")
    assert recogniser("Shells fell near Wadi Qarqoof.", []) == []


def test_an_entity_span_holding_a_comma_is_two_places(recogniser):
    text = "Citizens protested in Nis, Serbia, on Friday."
    found = recogniser(text, entities(text, ("Nis, Serbia", "GPE")))
    assert [m.name for m in found] == ["Nis", "Serbia"]


def test_a_two_word_spelling_of_a_town_in_the_documents_country_beats_a_region_inside_it(extractor):
    from fogmap.extract.extractor import TextToExtract

    text = "Iraq\n- Near Sinjar, an airstrike struck an ISIL tactical unit.\n- Near Tal Afar, an airstrike struck an ISIL unit."
    (ex,) = extractor([TextToExtract("d", text)])
    by_name = {m.name: m.place_id for m in ex.place_mentions}
    assert by_name.get("Tal Afar") == "geonames:90393"  # Tall 'Afar, Iraq (GeoNames gives it no population)
    assert "Afar" not in by_name  # not the Ethiopian region inside the town's name
