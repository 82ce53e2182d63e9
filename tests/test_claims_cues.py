"""Reported speech in one sentence (fogmap.claims.cues): cue, content, speaker, accused, the chain of
voices and the statements that only relay another, on hand-masked sentences (no spaCy, no KB)."""

from __future__ import annotations

import re

import pytest

from fogmap.claims.cues import CONTENT_SIDES, LINKS, VERBS, cue_patterns, statements, to_sentence
from fogmap.extract.masking import mask
from fogmap.kb import read_tsv


def read(sentence: str, *speakers: str) -> list[tuple]:
    """(verb, cue, content, chain, target) of each statement, with ``speakers`` (their first occurrence)
    as the sentence's speaker phrases."""
    spans = [(sentence.index(w), sentence.index(w) + len(w)) for w in speakers]
    out = []
    for s in statements(sentence, mask(sentence, spans)):
        chain = tuple(sentence[a:b] for a, b in (span for span in s.chain if span is not None))
        target = sentence[s.target[0]:s.target[1]] if s.target else None
        out.append((s.verb, sentence[s.cue[0]:s.cue[1]], sentence[s.content[0]:s.content[1]], chain, target))
    return out


def test_every_cue_row_is_well_formed():
    rows = read_tsv("claim_cues.tsv")
    assert len(rows) == len(cue_patterns())
    for row, pattern in zip(rows, cue_patterns()):
        assert row["verb"] in VERBS + LINKS and row["content"] in CONTENT_SIDES, row
        assert "cue" in pattern.regex.groupindex, row["pattern"]
        assert ("content" in pattern.regex.groupindex) == (row["content"] == "group"), row["pattern"]
        assert ("speaker" in pattern.regex.groupindex) == (row["verb"] != "author"), row["pattern"]
        assert not re.search(r"[A-Z]", re.sub(r"\{[A-Z_]+\}|SPEAKER|TARGET|RELAY|ACTOR|\\[A-Z]|\(\?P<", "", row["pattern"])), row


@pytest.mark.parametrize("sentence, speakers, expected", [
    ("The health ministry said 12 people were killed.", ["health ministry"],
     ("say", "said", "12 people were killed", ("health ministry",), None)),
    ("Officials said in a statement on Friday that rebels shelled the town.", ["Officials"],
     ("say", "said", "rebels shelled the town", ("Officials",), None)),
    ("Gunmen killed four officers, the interior ministry said on Tuesday.", ["interior ministry"],
     ("say", "said", "Gunmen killed four officers", ("interior ministry",), None)),
    ("Ukrainian forces fired the missiles, according to Russian sources.", ["Russian sources"],
     ("say", "according to", "Ukrainian forces fired the missiles", ("Russian sources",), None)),
    ("According to the Ukrainian military, Russian troops shelled Kherson.", ["Ukrainian military"],
     ("say", "According to", "Russian troops shelled Kherson", ("Ukrainian military",), None)),
    ("The Pentagon confirmed that US forces had carried out the strike.", ["Pentagon"],
     ("confirm", "confirmed", "US forces had carried out the strike", ("Pentagon",), None)),
    ("Saudi officials hinted that the drones had come from Iran.", ["Saudi officials"],
     ("hint", "hinted", "the drones had come from Iran", ("Saudi officials",), None)),
    ("Houthi rebels claimed responsibility for the attack.", ["Houthi rebels"],
     ("responsibility", "claimed responsibility for", "the attack", ("Houthi rebels",), None)),
    ("The group claimed Sunday's bombing in a statement.", ["group"],
     ("responsibility", "claimed", "Sunday's bombing in a statement", ("group",), None)),
    ("The ministry accused the Taliban of carrying out the attack.", ["ministry", "Taliban"],
     ("accuse", "accused", "carrying out the attack", ("ministry",), "Taliban")),
    ("Officials blamed the bombing on Islamic State.", ["Officials", "Islamic State"],
     ("accuse", "blamed", "the bombing", ("Officials",), "Islamic State")),
    ("The Taliban denied any involvement in the attack.", ["Taliban"],
     ("deny", "denied", "any involvement in the attack", ("Taliban",), None)),
    ("The ministry denied that its aircraft had flown in the area.", ["ministry"],
     ("deny", "denied", "its aircraft had flown in the area", ("ministry",), None)),
])
def test_one_statement(sentence, speakers, expected):
    assert read(sentence, *speakers) == [expected]


def test_a_comma_before_the_speaker_is_not_always_content_before_it():
    """"In Kabul, officials said the Taliban attacked": the words follow the verb."""
    assert read("In Kabul, officials said the Taliban attacked the post.", "officials") == [
        ("say", "said", "the Taliban attacked the post", ("officials",), None)]


def test_a_second_verb_of_saying_ends_the_content():
    assert read("Officials blamed IS for the attack and said the bomber came from Syria.", "Officials", "IS") == [
        ("accuse", "blamed", "the attack", ("Officials",), "IS")]


@pytest.mark.parametrize("sentence, speakers, chain", [
    ("Ukrainian forces fired the missiles, according to Russian sources quoted by TASS.",
     ["Russian sources", "TASS"], ("TASS", "Russian sources")),
    ("Turkish drones struck a convoy, Reuters reported, citing two security sources.",
     ["Reuters", "two security sources"], ("Reuters", "two security sources")),
    ("State television quoted a military source as saying that 30 militants were killed.",
     ["State television", "military source"], ("State television", "military source")),
    ("An SDF spokesman told Hawar News Agency that two fighters were killed.",
     ["SDF spokesman", "Hawar News Agency"], ("Hawar News Agency", "SDF spokesman")),
    ("Two fighters were killed, an SDF spokesman told Hawar News Agency.",
     ["SDF spokesman", "Hawar News Agency"], ("Hawar News Agency", "SDF spokesman")),
])
def test_the_chain_runs_from_the_outermost_voice_to_the_claimant(sentence, speakers, chain):
    (found,) = read(sentence, *speakers)
    assert found[3] == chain


def test_a_statement_that_opens_with_another_only_relays_it():
    sentence = "Officials said Amaq had claimed responsibility for the attack."
    spans = [(0, 9), (15, 19)]
    (s,) = statements(sentence, mask(sentence, spans))
    assert (s.verb, s.chain, s.relayed_cues) == ("responsibility", ((0, 9), (15, 19)), (("say", (10, 14)),))
    assert sentence[s.content[0]:s.content[1]] == "the attack"


@pytest.mark.parametrize("sentence, speakers", [
    ("No group has claimed responsibility for the bombing.", ["No group"]),
    ("The army did not say who fired the shells.", ["army"]),
    ("The group has yet to claim the attack.", ["group"]),
    ("The rebels declined to comment.", ["rebels"]),
])
def test_a_statement_taken_back_is_none(sentence, speakers):
    assert read(sentence, *speakers) == []


def test_the_author_speaks_only_where_no_one_else_does():
    assert read("The ambush might be a sign that the group is expanding.") == [
        ("author", "might be a sign that", "the group is expanding", (), None)]
    assert read("It is likely that the attackers came from across the border.") == [
        ("author", "It is likely that", "the attackers came from across the border", (), None)]
    assert read("The bombing was probably the work of rebels.") == [
        ("author", "probably", "The bombing was probably the work of rebels", (), None)]
    assert read("The attack might have been the work of Islamic State cells.") == [
        ("author", "might have been", "the work of Islamic State cells", (), None)]
    assert read("The toll might have been higher.") == []  # a hedge about no doer is no author's claim
    assert [r[0] for r in read("Officials said the bombing was probably the work of rebels.", "Officials")] == ["say"]
    # words given to someone no pattern reads, or quoted, are not the author's own
    assert read('"It was probably 20 seconds before it exploded," a witness recalled.') == []
    assert read("The study, citing damage apparently caused by orcas, found little.") == []


def test_masked_offsets_map_back_to_the_sentence():
    sentence = "The interior ministry said rebels attacked."
    masked = mask(sentence, [(4, 21)])
    assert masked.text == "the \x01 said rebels attacked."
    assert [to_sentence(masked, i) for i in (0, 4, 5, 6, 10)] == [0, 4, 21, 22, 26]
