"""Who speaks (fogmap.claims.speakers): source phrases, and each speaker resolved like any actor with the
party it is the voice of."""

from __future__ import annotations

import datetime as dt

import pytest

from fogmap.actors.resolve import default_resolver
from fogmap.claims.speakers import Voices, merge, source_heads, source_phrases
from fogmap.kb import read_tsv

DAY = dt.date(2020, 3, 1)


def test_every_source_head_has_a_kind_and_voice_the_code_knows():
    rows = read_tsv("claim_sources.tsv")
    assert len(source_heads()) == len(rows)
    assert {r["kind"] for r in rows} <= {"organisation", "outlet", "unnamed"}
    assert {r["voice"] for r in rows} <= {"government", "country", ""}


@pytest.mark.parametrize("sentence, phrases", [
    ("On Friday the health ministry said 12 were killed.", ["health ministry"]),
    ("The Idlib health directorate confirmed the toll.", ["Idlib health directorate"]),
    ("Reuters reported, citing two security sources.", ["two security sources"]),
    ("The ISIS-linked agency Amaq said its fighters did it.", ["ISIS-linked agency"]),
    ("Rescue workers and witnesses said jets struck.", ["Rescue workers", "witnesses"]),
])
def test_source_phrases(sentence, phrases):
    assert [sentence[s:e] for s, e in source_phrases(sentence)] == phrases


def test_overlapping_and_adjacent_phrases_are_one_speaker():
    sentence = "The ISIS-linked agency Amaq said"
    assert merge([(0, 22), (4, 8), (23, 27)], sentence) == [(0, 27)]
    assert merge([(0, 3), (10, 12)], "aaa bbbbbb cc") == [(0, 3), (10, 12)]


@pytest.fixture(scope="module")
def voices():
    return Voices(default_resolver(), "d")


def source(voices: Voices, sentence: str, words: str, countries=("SY", None), persons=()):
    start = sentence.index(words)
    return voices.source(sentence, 100, (start, start + len(words)), list(countries), DAY, list(persons))


def test_an_agency_is_the_voice_of_its_group_in_the_events_country(voices):
    amaq = source(voices, "The ISIS-linked agency Amaq said it.", "ISIS-linked agency Amaq", ("IQ", None))
    assert (amaq.actor_id, amaq.kind, amaq.speaks_for_id) == ("amaq", "outlet", "iq-islamic-state")
    assert (amaq.span.start, amaq.span.end) == (104, 127)  # offsets into the document


def test_state_media_speaks_for_the_state_and_a_wire_for_no_one(voices):
    tass = source(voices, "quoted by TASS.", "TASS")
    assert (tass.actor_id, tass.speaks_for_id) == ("ru-tass", "ru-state")
    reuters = source(voices, "Reuters reported.", "Reuters")
    assert (reuters.actor_id, reuters.kind, reuters.speaks_for_id) == ("gb-reuters", "outlet", None)
    television = source(voices, "State television quoted a source.", "State television")
    assert (television.actor_id, television.kind, television.speaks_for_id) == (None, "outlet", "sy-state")


def test_unnamed_sources_speak_for_the_country_they_name_if_any(voices):
    russian = source(voices, "according to Russian sources.", "Russian sources", ("UA", None))
    assert (russian.actor_id, russian.kind, russian.speaks_for_id) == (None, "unnamed", "ru-state")
    security = source(voices, "citing two security sources.", "two security sources")
    assert (security.actor_id, security.speaks_for_id) == (None, None)
    activists = source(voices, "activists said.", "activists")  # a crowd role is no claimant
    assert (activists.actor_id, activists.kind, activists.speaks_for_id) == (None, "unnamed", None)


def test_a_ministry_unnamed_by_country_is_the_government_of_the_text(voices):
    health = source(voices, "The health ministry said.", "health ministry", ("IQ", None))
    assert (health.actor_id, health.kind, health.speaks_for_id) == (None, "organisation", "iq-state")
    directorate = source(voices, "The Idlib health directorate said.", "Idlib health directorate")
    assert (directorate.actor_id, directorate.speaks_for_id) == (None, None)  # Idlib names someone else's


def test_a_bare_head_word_is_the_last_speaker_of_that_head(settings):
    voices = Voices(default_resolver(), "d")
    first = source(voices, "the interior ministry said.", "interior ministry", ("AF", None))
    again = source(voices, "The ministry accused the Taliban.", "ministry", ("AF", None))
    assert (again.words, again.actor_id, again.speaks_for_id) == ("ministry", first.actor_id, first.speaks_for_id)
    assert first.actor_id == "af-police"


def test_a_named_person_speaks_for_the_actor_they_act_for(voices):
    sentence = "Taliban spokesman Zabihullah Mujahid denied it."
    mujahid = source(voices, sentence, "Taliban spokesman Zabihullah Mujahid", ("AF", None), [(18, 36)])
    assert (mujahid.actor_id, mujahid.kind, mujahid.speaks_for_id) == ("af-taliban", "person", "af-taliban")


def test_the_author_is_the_documents_outlet(voices):
    assert voices.author("Sahel Monitor", "ML", DAY).__dict__ == {
        "words": "Sahel Monitor", "span": None, "kind": "author", "actor_id": None, "speaks_for_id": None}
    sana = voices.author("SANA", "SY", DAY)
    assert (sana.actor_id, sana.speaks_for_id) == ("sy-sana", "sy-state")
    assert voices.author(None, None, DAY).words == "the author"


def test_sides(voices):
    assert voices.same_side("sy-state", "sy-military", DAY) and voices.same_side("sy-military", "sy-state", DAY)
    assert voices.same_side("islamic-state", "iq-islamic-state", DAY)
    assert not voices.same_side("sa-state", "ir-state", DAY)
    assert not voices.same_side(None, "ir-state", DAY)
