"""An event's place is the one its own words point to: hand-built place mentions, no gazetteer."""

from __future__ import annotations

from fogmap.events.location import event_location, main_country
from fogmap.records import Place, PlaceMention, Span

PLACES = {p.id: p for p in (
    Place("t:kafr-nabl", "Kafr Nabl", 35.61, 36.56, "P", "Idlib", None, "SY"),
    Place("a:idlib", "Idlib", 35.85, 36.68, "A.ADM1", "Idlib", None, "SY"),
    Place("c:sy", "Syria", 35.0, 38.5, "A.PCLI", None, None, "SY"),
    Place("c:ru", "Russia", 60.7, 95.7, "A.PCLI", None, None, "RU"),
    Place("s:khmeimim", "Khmeimim air base", 35.40, 35.95, "S.AIRB", "Lattakia", None, "SY"),
    Place("t:aleppo", "Aleppo", 36.20, 37.16, "P", "Aleppo", None, "SY"),
    Place("t:abu", "Abu", 24.59, 72.71, "P", "Rajasthan", None, "IN"),
    Place("t:tripoli", "Tripoli", 32.89, 13.19, "P", "Tripoli", None, "LY"),
    Place("t:san-rafael-far", "San Rafael", 10.0, 124.0, "P", "Bohol", None, "PH"),
    Place("a:bulacan", "Bulacan", 15.0, 121.0, "A.ADM1", "Bulacan", None, "PH"),
    Place("t:hasakah", "Al Hasakah", 36.50, 40.75, "P", "Hasaka", None, "SY"),
    Place("t:manbij", "Manbij", 36.53, 37.95, "P", "Aleppo", None, "SY"),
    Place("t:idlib", "Idlib", 35.93, 36.63, "P", "Idlib", None, "SY"),
    Place("t:moscow", "Moscow", 55.75, 37.62, "P.PPLC", "Moscow", None, "RU"),
)}


def mentions(text: str, *names: tuple[str, str | None] | tuple[str, str | None, str]) -> list[PlaceMention]:
    """A PlaceMention for each (words, place id[, relation]) at the words' first place in `text`."""
    out = []
    for words, place_id, *relation in names:
        start = text.index(words)
        out.append(PlaceMention(Span("d", start, start + len(words)), place_id,
                                3 if place_id and place_id.startswith(("a:", "c:")) else 1, 1.0, "test", words,
                                words, relation[0] if relation else "at"))
    return out


def located(text: str, sentence: str, trigger: str, found: list[PlaceMention], focus: str | None = None):
    start = text.index(sentence)
    return event_location(text, (start, start + len(sentence)), text.index(trigger), found, PLACES, focus)


def test_the_town_beats_its_province_and_the_country():
    text = "Russian jets bombed a market in Kafr Nabl in Idlib province, Syria, killing 12."
    found = mentions(text, ("Russian", "c:ru", "demonym"), ("Kafr Nabl", "t:kafr-nabl"), ("Idlib province", "a:idlib"),
                     ("Syria", "c:sy"))
    where = located(text, text, "bombed", found)
    assert where.place.id == "t:kafr-nabl" and where.source == "sentence"
    assert where.mention.span.start == text.index("Kafr Nabl")


def test_a_base_the_jets_flew_from_is_not_where_they_struck():
    text = "Jets that took off from Khmeimim bombed a market in Aleppo."
    found = mentions(text, ("Khmeimim", "s:khmeimim"), ("Aleppo", "t:aleppo"))
    assert located(text, text, "bombed", found).place.id == "t:aleppo"


def test_a_sentence_without_a_place_borrows_the_one_before():
    text = "Fighting raged around Aleppo on Monday. Rebels shelled army positions, killing three soldiers."
    found = mentions(text, ("Aleppo", "t:aleppo"))
    where = located(text, "Rebels shelled army positions, killing three soldiers.", "shelled", found)
    assert where.place.id == "t:aleppo" and where.source == "before"


def test_a_country_alone_gives_way_to_a_place_inside_it_named_just_before():
    text = "Residents of Kafr Nabl fled overnight. It was the deadliest strike in Syria this year."
    found = mentions(text, ("Kafr Nabl", "t:kafr-nabl"), ("Syria", "c:sy"))
    where = located(text, "It was the deadliest strike in Syria this year.", "strike", found)
    assert where.place.id == "t:kafr-nabl"


def test_a_demonym_is_never_the_place():
    text = "Russian jets struck overnight."
    assert located(text, text, "struck", mentions(text, ("Russian", "c:ru", "demonym"))) is None


def test_a_namesake_abroad_yields_to_a_place_in_the_documents_country():
    text = "Shells killed a civilian in Abu Salim (Tripoli)."
    found = mentions(text, ("Abu Salim", "t:abu"), ("Tripoli", "t:tripoli"))
    assert located(text, text, "killed", found, focus="LY").place.id == "t:tripoli"


def test_a_place_outside_the_container_named_after_it_yields_to_the_container():
    text = "A drug suspect was killed during a police raid in San Rafael, Bulacan."
    found = mentions(text, ("San Rafael", "t:san-rafael-far"), ("Bulacan", "a:bulacan"))
    assert located(text, text, "killed", found).place.id == "a:bulacan"


def test_unresolved_mentions_are_skipped_and_the_document_place_is_the_last_resort():
    text = "Clashes were reported in Qzxville. Later that week, gunmen killed two farmers. Aleppo was calm."
    found = mentions(text, ("Qzxville", None), ("Aleppo", "t:aleppo"))
    where = located(text, "Later that week, gunmen killed two farmers.", "killed", found)
    assert where.place.id == "t:aleppo" and where.source == "document"


def test_an_opening_sentence_with_no_place_takes_the_next_sentences_place():
    """The lead says what happened, the next line where; the document names Manbij more often."""
    text = ("A suicide bomber killed 16 people outside a bakery. He blew himself up in Hasakah city, the monitor said. "
            "Fighting went on in Manbij. Manbij was besieged. Thousands fled Manbij.")
    found = mentions(text, ("Hasakah", "t:hasakah"), ("Manbij", "t:manbij"), ("Manbij", "t:manbij"), ("Manbij", "t:manbij"))
    where = located(text, "A suicide bomber killed 16 people outside a bakery.", "killed", found)
    assert where.place.id == "t:hasakah" and where.source == "after"
    # a sentence after the first place named is no opening: it borrows from before, else the document
    later = located(text, "Fighting went on in Manbij.", "Fighting", found)
    assert later.place.id == "t:manbij"


def test_a_foreign_capital_or_country_named_for_its_government_is_not_where_it_happened():
    text = "Air strikes hit a market in Idlib. Rebels blamed Moscow for the strike that killed 20."
    found = mentions(text, ("Idlib", "t:idlib"), ("Moscow", "t:moscow"))
    where = located(text, "Rebels blamed Moscow for the strike that killed 20.", "killed", found, focus="SY")
    assert where.place.id == "t:idlib"
    # set in the capital by its words, it is the place
    there = "A bomb exploded in Moscow, killing 3."
    found = mentions(there, ("Moscow", "t:moscow"))
    assert located(there, there, "killing", found, focus="SY").place.id == "t:moscow"


def test_the_main_country_is_the_commonest_and_the_focus_breaks_a_tie():
    text = "Aleppo and Kafr Nabl, not Tripoli."
    found = mentions(text, ("Aleppo", "t:aleppo"), ("Kafr Nabl", "t:kafr-nabl"), ("Tripoli", "t:tripoli"))
    assert main_country(found, PLACES, "LY") == "SY"
    assert main_country(found[2:] + found[:1], PLACES, "LY") == "LY"


def test_a_place_outside_the_address_the_text_gives_yields_to_it():
    places = {**PLACES, "t:colonia-far": Place("t:colonia-far", "Colonia Libertad", 19.0, -101.0, "P", "Michoacan",
                                               None, "MX"),
              "t:acapulco": Place("t:acapulco", "Acapulco", 16.86, -99.88, "P", "Guerrero", None, "MX"),
              "a:guerrero": Place("a:guerrero", "Guerrero", 17.6, -99.9, "A.ADM1", "Guerrero", None, "MX")}
    text = "In Acapulco, Guerrero, a man was found dead in Colonia Libertad."
    found = mentions(text, ("Acapulco", "t:acapulco"), ("Guerrero", "a:guerrero"), ("Colonia Libertad", "t:colonia-far"))
    where = event_location(text, (0, len(text)), text.index("found"), found, places)
    assert where.place.id == "t:acapulco"
    # with no address given, the place nearest the trigger still wins
    text = "A man was found dead in Colonia Libertad, police in Acapulco said."
    found = mentions(text, ("Colonia Libertad", "t:colonia-far"), ("Acapulco", "t:acapulco"))
    assert event_location(text, (0, len(text)), text.index("found"), found, places).place.id == "t:colonia-far"
