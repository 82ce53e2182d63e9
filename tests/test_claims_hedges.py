"""How sure a claim is (fogmap.claims.hedges): the least sure of its words and verbs, never upgraded."""

from __future__ import annotations

import pytest

from fogmap.claims.hedges import HEDGES, hedge_markers, hedge_of, least_sure, markers_in
from fogmap.kb import read_tsv


def test_every_hedge_row_names_a_level_and_compiles():
    assert len(hedge_markers()) == len(read_tsv("claim_hedges.tsv"))
    assert {hedge for hedge, _ in hedge_markers()} <= set(HEDGES) - {"unhedged"}


def test_the_least_sure_level_wins():
    assert least_sure([]) == "unhedged"
    assert least_sure(["confirmed", "probable"]) == "probable"
    assert least_sure(["possible", "unconfirmed", "probable"]) == "unconfirmed"
    assert least_sure(["speculative", "confirmed"]) == "speculative"


@pytest.mark.parametrize("words, verbs, hedge", [
    ("the health ministry said 12 people were killed", ["say"], "unhedged"),
    ("the ministry confirmed that 12 people were killed", ["confirm"], "confirmed"),
    ("the drones had probably been launched from Saada", ["say"], "probable"),
    ("IS was most likely behind the attack", ["say"], "probable"),
    ("the group are the suspected perpetrators", ["say"], "probable"),
    ("the bomb was possibly planted by al-Shabaab", ["say"], "possible"),
    ("rebels may have fired the rockets", ["say"], "possible"),
    ("12 people were killed in May", ["say"], "unhedged"),  # the month is no hedge
    ("officials hinted that the drones had come from Iran", ["hint"], "unconfirmed"),
    ("the report could not be independently verified", ["say"], "unconfirmed"),  # not "possible" for its "could"
    ("the toll has not been confirmed", ["say"], "unconfirmed"),  # not "confirmed" for its "confirmed"
    ("Russian jets reportedly carried out the raid", ["say"], "unconfirmed"),
    ("analysts speculated that the group was regrouping", ["speculate"], "speculative"),
    ("the group denied that its fighters were involved", ["deny"], "denied"),
    ("the ambush might be a sign that IS is expanding", ["author"], "speculative"),
    ("it was confirmed, the outlet's author wrote, probably", ["author"], "speculative"),
])
def test_hedge_of_a_statement(words, verbs, hedge):
    assert hedge_of([words], verbs) == hedge


def test_a_hint_is_never_upgraded_by_what_it_relays():
    """A confirmation relayed by a hint, or a hint with "confirmed" in it, stays a hint."""
    assert hedge_of(["the ministry confirmed that Iran supplied the drones"], ["confirm", "hint"]) == "unconfirmed"
    assert hedge_of(["officials hinted that the strike was confirmed"], ["hint"]) == "unconfirmed"
    assert hedge_of(["Amaq claimed responsibility", "hinted"], ["responsibility", "say"]) == "unconfirmed"


def test_markers_come_in_text_order_with_their_offsets():
    text = "Officials possibly hinted it was probably rebels"
    assert [(h, text[s:e]) for h, s, e in markers_in(text)] == [
        ("possible", "possibly"), ("unconfirmed", "hinted"), ("probable", "probably")]
