"""fogmap.attribution.engine and .capability: which hypotheses are on the table for a stored event, the
prior over them, and the capability item; hand-built histories, no store."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from fogmap.attribution.assessment import OTHER, EvidenceItem
from fogmap.attribution.capability import MAX_RATIO, MIN_RATIO, capability_item, weapon_use
from fogmap.attribution.context import EventContext
from fogmap.attribution.engine import (NEARBY_DAYS, StoredEvent, WeaponSeen, assess_event, gather,
                                       history_model, hypothesis_prior, nearby_actors)
from fogmap.attribution.history import ActorScore, AttributionPrior

DAY = dt.date(2023, 11, 21)
BASE = (33.79, 42.44)  # Ain al-Asad


def event(id_, actor1="", days_before=10, where=BASE, admin1="Al-Anbar", subtype="Air/drone strike",
          actor2="us-military", weapons=()) -> StoredEvent:
    context = EventContext(date=DAY - dt.timedelta(days=days_before), country="IQ", admin1=admin1,
                           latitude=where[0] if where else None, longitude=where[1] if where else None,
                           event_type="Explosions/Remote violence", sub_event_type=subtype, actor2=actor2)
    return StoredEvent(id_, context, actor1, tuple(weapons), (f"{id_}-r",))


def prior_of(candidates: dict[str, float], other: float) -> AttributionPrior:
    return AttributionPrior(event("x").context, tuple(ActorScore(a, p, 0.0) for a, p in candidates.items()), other, 0.0)


def test_the_prior_keeps_the_historys_numbers_and_shares_its_other_with_actors_it_does_not_offer():
    prior = prior_of({"kh": 0.5, "is": 0.2, "far-away": 0.05}, 0.25)
    p, basis = hypothesis_prior(prior, ["kh", "is", "iri"])
    assert math.isclose(sum(p.values()), 1.0)
    # kept as the history gives them; the candidate left off the table goes to OTHER
    assert math.isclose(p["kh"], 0.5) and math.isclose(p["is"], 0.2)
    assert math.isclose(p["iri"], 0.125)  # half of the history's other: one unoffered actor and OTHER
    assert math.isclose(p[OTHER], 0.125 + 0.05)
    assert "not offered" in basis["iri"] and "0.050 of candidates not on the table" in basis[OTHER]
    assert list(p) == ["kh", "is", "iri", OTHER]


def test_an_actor_never_seen_is_no_likelier_than_the_least_likely_one_seen_nor_ruled_out():
    capped, basis = hypothesis_prior(prior_of({"kh": 0.15, "is": 0.05}, 0.8), ["kh", "is", "iri"])
    assert math.isclose(capped["iri"], 0.05) and "capped" in basis["iri"]
    floor, basis = hypothesis_prior(prior_of({"kh": 0.999}, 0.001), ["kh", "iri"])
    assert floor["iri"] > 0.009 and "raised to" in basis["iri"]
    assert floor[OTHER] > 0  # every hypothesis keeps a prior above zero


def test_hypotheses_come_with_their_reasons_and_the_attacked_side_is_not_suspected_for_holding_the_area():
    target = event("t", actor1="", days_before=0)
    prior = prior_of({"kh": 0.4, "is": 0.3, "rare": 0.01}, 0.29)
    found = gather(target, prior, claimed=["iri", "kh", "unidentified armed group:IQ"],
                   holders=["us-military", "iq-military"], nearby=["is", "us-military"])
    assert [(h.actor, h.reasons) for h in found] == [
        ("iri", ("claim",)), ("kh", ("claim", "history")), ("is", ("history", "nearby")),
        ("iq-military", ("control",)), (OTHER, ())]  # "rare" is below the history's cut; generic ids name no one


def test_nearby_means_before_the_event_within_the_window_and_the_radius():
    target = event("t", days_before=0)
    history = [target, event("a", "kh", 3), event("b", "kh", 20), event("c", "is", NEARBY_DAYS + 5),
               event("d", "far", 3, where=(36.3, 43.1)), event("e", "later", -3),
               event("f", "province", 3, where=None), event("g", "", 2)]
    assert nearby_actors(target, history) == ["kh", "province"]  # most active first; no coordinates: same admin1


def test_capability_favours_who_used_the_weapon_here_and_says_nothing_of_who_has_no_record():
    past = [("kh", "IQ", frozenset({"drone"}))] * 6 + [("kh", "IQ", frozenset({"rocket"}))] * 2 \
        + [("is", "IQ", frozenset())] * 10 + [("kh", "SY", frozenset())] * 5
    use = weapon_use("drone", "IQ", past)
    assert use.events == {"kh": 8, "is": 10} and use.used == {"kh": 6}
    item = capability_item(use, ["kh", "is", "iri", OTHER])
    assert item.ratio("kh") > 1.5 and item.ratio("is") < 0.6 and item.ratio("iri") == 1.0
    assert MIN_RATIO <= item.ratio("is") and item.ratio("kh") <= MAX_RATIO
    assert item.ratio(OTHER) == 1.0 and "6 of 8" in item.basis["kh"] and "no record" in item.basis["iri"]
    # a single event moves the ratio less than many
    few = capability_item(weapon_use("drone", "IQ", [("kh", "IQ", frozenset({"drone"})), ("is", "IQ", frozenset())]),
                          ["kh"])
    assert 1.0 < few.ratio("kh") < item.ratio("kh")


def test_an_assessment_is_reproducible_and_a_hinted_backer_claim_moves_less_than_an_accusation():
    history = [event(f"k{n}", "kh", n + 1, weapons=("drone",)) for n in range(5)] + \
              [event(f"i{n}", "is", n + 2, subtype="Armed clash") for n in range(5)]
    target = event("t", days_before=0, weapons=("drone",))
    model = history_model([*history, target])
    accusation = EvidenceItem("c1", "claim", "officials accuse IS", {"is": 1.7})
    hint = EvidenceItem("c2", "claim", "US hints Iran supplied it", {"ir-state": 1.03})
    use = WeaponSeen(weapon_use("drone", "IQ", [(e.actor1, "IQ", frozenset(e.weapons)) for e in history]))
    one = assess_event(target, model, None, [accusation, hint], holders=[], nearby=nearby_actors(target, history),
                       weapon=use)
    two = assess_event(target, model, None, [accusation, hint], holders=[], nearby=nearby_actors(target, history),
                       weapon=use)
    assert one == two
    a = one.assessment
    assert a.items[-1].id == "capability:drone" and a.items[-1].ratio("kh") > 1 > a.items[-1].ratio("is")
    assert a.diagnosticity["c1"] > a.diagnosticity["c2"] > 0
    hyps = {h.actor: h.reasons for h in one.hypotheses}
    assert hyps["ir-state"] == ("claim",) and "nearby" in hyps["kh"] and OTHER in hyps


@pytest.mark.parametrize("actor1, expected", [("", ()), ("kh", ("record",))])
def test_the_reports_own_perpetrator_is_a_hypothesis(actor1, expected):
    target = event("t", actor1=actor1, days_before=0)
    found = gather(target, prior_of({}, 1.0), [], [], [])
    assert tuple(r for h in found if h.actor == "kh" for r in h.reasons) == expected
