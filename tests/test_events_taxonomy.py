from fogmap.events.taxonomy import load_taxonomy


def test_acled_taxonomy_has_its_six_types_and_twenty_five_sub_types():
    tx = load_taxonomy()
    assert len(tx.event_codes) == 25
    assert {t.event_type for t in tx.types if t.is_event} == {
        "Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
        "Strategic developments"}
    assert set(tx.codes) - set(tx.event_codes) == {"DIPLO", "ATTRIB", "ORG_CRIME", "NATURAL_DISASTER",
                                                   "MAN_MADE_DISASTER"}


def test_every_event_maps_to_plover_and_names_resolve_both_ways():
    tx = load_taxonomy()
    assert all(t.plover_type for t in tx.types if t.is_event and t.code != "OTHER")  # PLOVER has no "other"
    assert tx.by_name("Air/drone strike").code == "AIR_STRIKE"
    assert tx.by_name("air_strike").sub_event_type == "Air/drone strike"
    assert tx.by_code("AGREEMENT").event_type == "Strategic developments"
