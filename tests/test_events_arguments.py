"""Which phrases of an event sentence can name a party (events/arguments.py)."""

from fogmap.events.arguments import actor_mentions, actors_around


def _words(sentence: str, entities: list[tuple[int, int, str, str]]) -> list[str]:
    return [m.text for m in actor_mentions(sentence, entities)]


def _entity(sentence: str, words: str, label: str) -> tuple[int, int, str, str]:
    start = sentence.index(words)
    return start, start + len(words), label, words


def test_a_place_after_a_bearing_is_never_a_party_whatever_the_tagger_called_it():
    # the tagger's labels in CENTCOM strike lines: Sinjar an ORG, Hit a NORP, Ar Raqqah a PERSON
    for sentence, place, label in [
        ("One strike north of Sinjar destroyed two ISIL armed vehicles.", "Sinjar", "ORG"),
        ("One strike north of Hit destroyed two ISIL humvees.", "Hit", "NORP"),
        ("One strike west of Ar Raqqah destroyed an ISIL artillery piece.", "Ar Raqqah", "PERSON"),
        ("Two strikes near the Mosul Dam struck ISIL fighters.", "the Mosul Dam", "ORG"),
    ]:
        assert place not in _words(sentence, [_entity(sentence, place, label)])
        mentions = actor_mentions(sentence, [_entity(sentence, place, label)])
        trigger = sentence.index("destroyed" if "destroyed" in sentence else "struck")
        initiator, _ = actors_around(sentence, trigger, trigger + 9, mentions)
        assert initiator is None or initiator.text != place


def test_a_party_introduced_by_of_is_still_a_party():
    sentence = "Fighters of the Islamic State attacked a checkpoint north of Kirkuk."
    entities = [_entity(sentence, "Islamic State", "ORG"), _entity(sentence, "Kirkuk", "GPE")]
    assert _words(sentence, entities) == ["Fighters", "Islamic State"]
