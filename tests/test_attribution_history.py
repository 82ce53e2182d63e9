"""The event-history prior: who operates where, against whom and when, as probabilities that add up."""

import dataclasses
import datetime as dt
import math

import numpy as np
import pytest

from fogmap.attribution import OTHER, EventContext, HistoryModel, PastEvent, actor_kind, history_index
from fogmap.attribution.history import leave_one_out_features
from fogmap.attribution.index import HistoryIndex
from fogmap.attribution.signals import LEVELS, query_features

START = dt.date(2021, 1, 4)


def event(actor1, day=0, country="Ruritania", admin1="North", admin2="Upper Vale", location="Kessel",
          lat=50.1, lon=20.1, event_type="Violence against civilians", sub="Attack", actor2="Civilians (Ruritania)",
          inter2="7", source="Ruritania Daily"):
    context = EventContext(START + dt.timedelta(days=day), country, admin1, admin2, location, lat, lon, event_type, sub,
                           actor2, inter2, 0, source)
    return PastEvent(context, actor1)


def district_history():
    """The Red Brigade attacks civilians in Lower Vale; the army is busier overall, but elsewhere."""
    army = "Military Forces of Ruritania (2015-)"
    past = [event("Red Brigade", d, admin2="Lower Vale", location="Brinn", lat=50.3, lon=20.4) for d in (1, 4, 9, 15)]
    past += [event(army, d, event_type="Battles", sub="Armed clash", actor2="Red Brigade", inter2="2")
             for d in range(0, 30, 2)]
    past += [event(army, d, admin2="Upper Vale", source="Army Press") for d in (3, 12)]
    past += [event("Protesters (Ruritania)", d, event_type="Protests", sub="Peaceful protest", actor2="", inter2="0")
             for d in (2, 8, 20)]
    return past


def test_an_actor_active_in_a_district_against_one_target_is_ranked_first_there():
    model = HistoryModel.fit(district_history())
    context = event("?", 31, admin2="Lower Vale", location="Brinn", lat=50.3, lon=20.4).context
    prior = model.prior(context)
    assert prior.candidates[0].actor == "Red Brigade"
    assert prior.candidates[0].probability > 0.5


def test_probabilities_and_the_other_remainder_add_up_to_one():
    prior = HistoryModel.fit(district_history()).prior(event("?", 31).context)
    total = sum(c.probability for c in prior.candidates) + prior.other
    assert total == pytest.approx(1.0)
    assert 0.0 < prior.other < 1.0
    assert [c.probability for c in prior.candidates] == sorted((c.probability for c in prior.candidates), reverse=True)


def test_recency_matters_when_the_counts_are_level():
    """Two gangs with the same number of attacks in one district, one active these last weeks."""
    past = [event("Old Band", d) for d in range(0, 40, 4)] + [event("New Band", d) for d in range(42, 82, 4)]
    model = HistoryModel.fit(past)
    late = model.prior(event("?", 83).context)
    assert late.probability("New Band") > late.probability("Old Band") + 0.2
    early = model.prior(event("?", 21).context)  # ... and the old one when asked about its own weeks
    assert early.probability("Old Band") > early.probability("New Band") + 0.2


def test_the_same_history_gives_the_same_numbers():
    first, second = HistoryModel.fit(district_history()), HistoryModel.fit(list(district_history()))
    assert first.weights == second.weights
    context = event("?", 31, admin2="Lower Vale").context
    assert first.prior(context) == second.prior(context)


def test_an_event_hidden_from_the_history_is_as_if_it_had_never_been_there():
    """Leave-one-out is subtraction from every count; it must equal rebuilding without the event."""
    past = district_history()
    index = history_index(past)
    for i, hidden in enumerate(past):
        rebuilt = HistoryIndex(past[:i] + past[i + 1:], LEVELS)
        with index.hidden(i):
            held_out = query_features(index, hidden.context)
        fresh = query_features(rebuilt, hidden.context)
        assert held_out.candidates == fresh.candidates, i
        np.testing.assert_allclose(held_out.matrix, fresh.matrix, err_msg=str(i))
        np.testing.assert_allclose(held_out.other, fresh.other, err_msg=str(i))
    assert query_features(index, past[0].context).counts.sum() > 0  # and the counts are back afterwards
    assert len(index) == len(past)


def test_a_singleton_perpetrator_is_no_candidate_for_its_own_event():
    past = district_history() + [event("Lone Wolf", 5, country="Sylvania", admin1="West", admin2="Lake")]
    index = history_index(past)
    with index.hidden(len(past) - 1):
        assert "Lone Wolf" not in query_features(index, past[-1].context).candidates


def test_the_explanation_adds_up_to_the_probability():
    model = HistoryModel.fit(district_history())
    context = event("?", 31, admin2="Lower Vale", location="Brinn", lat=50.3, lon=20.4).context
    prior = model.prior(context)
    for actor in ("Red Brigade", OTHER):
        why = model.explain(context, actor)
        assert sum(c.term for c in why.contributions) == pytest.approx(why.score)
        assert math.exp(why.score) / why.normaliser == pytest.approx(why.probability)
        expected = prior.other if actor == OTHER else prior.probability(actor)
        assert why.probability == pytest.approx(expected)
    bases = " | ".join(c.basis for c in model.explain(context, "Red Brigade").contributions)
    assert "admin2=Lower Vale" in bases and " of " in bases  # counts, with the level they are counted at


def test_explaining_an_actor_that_is_no_candidate_says_so():
    model = HistoryModel.fit(district_history())
    with pytest.raises(ValueError, match="not a candidate"):
        model.explain(event("?", 31).context, "Nobody Known")


def test_an_actor_seen_only_as_actor2_is_a_candidate_as_actor1():
    """Who fights whom runs both ways: the side only ever coded as actor2 may be the attacker."""
    past = [event("Military Forces of Ruritania (2015-)", d, event_type="Battles", sub="Armed clash",
                  actor2="Green Militia", inter2="3") for d in range(6)]
    model = HistoryModel.fit(past)
    context = event("?", 7, event_type="Battles", sub="Armed clash",
                    actor2="Military Forces of Ruritania (2015-)", inter2="1").context
    assert "Green Militia" in [c.actor for c in model.prior(context).candidates]


def test_the_kind_seen_elsewhere_proposes_its_local_name_in_a_country_without_history():
    past = [event(f"Protesters ({c})", d, country=c, event_type="Protests", sub="Peaceful protest", actor2="",
                  inter2="0") for d in range(3) for c in ("Ruritania", "Freedonia")]
    prior = HistoryModel.fit(past).prior(event("?", 5, country="Sylvania", event_type="Protests",
                                               sub="Peaceful protest", actor2="", inter2="0").context)
    assert "Protesters (Sylvania)" in [c.actor for c in prior.candidates]
    assert actor_kind("Protesters (Sylvania)", "Sylvania").templated
    assert actor_kind("Hawadle Clan Militia (Somalia)", "Somalia").kind == "Clan Militia"
    assert actor_kind("Military Forces of Yemen (2012-)", "Yemen").kind == "Military Forces"


def test_an_empty_history_leaves_everything_to_other():
    prior = HistoryModel.fit([]).prior(event("?", 1).context)
    assert prior.candidates == () and prior.other == pytest.approx(1.0)


def test_unattributed_events_do_not_enter_the_history():
    past = district_history() + [event("", 3)]
    assert len(history_index(past)) == len(past) - 1
    with pytest.raises(ValueError, match="named perpetrator"):
        HistoryIndex(past, LEVELS)


def test_the_prior_folds_into_the_mapping_the_assessment_takes():
    prior = HistoryModel.fit(district_history()).prior(event("?", 31).context)
    folded = prior.as_mapping(keep=1)
    assert list(folded) == [prior.candidates[0].actor, OTHER]
    assert sum(folded.values()) == pytest.approx(1.0)


def test_leave_one_out_features_cover_every_past_event():
    index = history_index(district_history())
    queries = leave_one_out_features(index)
    assert len(queries) == len(index.events)
    assert all(q.matrix.shape[0] == len(q.candidates) for q in queries)


def test_records_are_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        event("x").context.country = "Elsewhere"
