"""fogmap.attribution.claim_evidence: claims about a perpetrator weighed as evidence."""

import math

import pytest

from fogmap.actors.resolve import default_resolver
from fogmap.attribution.assessment import assess
from fogmap.attribution.claim_evidence import claim_items
from fogmap.attribution.evidence import claim_ratios
from fogmap.sources import grades, load_registry


@pytest.fixture(scope="module")
def registry():
    return load_registry(default_resolver())


def _claim(id_, stance, hedge, actor_id, claimant, speaks_for=None, kind="perpetrator"):
    return {"id": id_, "about_kind": kind, "stance": stance, "hedge": hedge, "actor_id": actor_id, "actor": actor_id,
            "claimant": claimant, "claimant_id": None, "speaks_for_id": speaks_for, "doc_id": "d1",
            "content_start": 0, "content_end": 10}


def test_a_responsibility_claim_counts_more_than_a_hint_and_a_denial_lowers(registry):
    f = grades()["F"].weight
    items = dict((i.id, (i, w)) for i, w in claim_items([
        _claim("own", "claims_responsibility", "unhedged", "islamic-state", "Amaq", "islamic-state"),
        _claim("hint", "accuses", "unconfirmed", "ir-state", "Saudi officials", "sa-state"),
        _claim("no", "denies", "denied", "ir-state", "Iranian foreign ministry", "ir-state"),
        _claim("toll", "asserts", "unhedged", None, "health ministry", kind="casualties"),
    ], registry))
    assert set(items) == {"own", "hint", "no"}  # a casualty figure says nothing about who did it
    own, hint, no = (items[k][0].ratio(a) for k, a in (("own", "islamic-state"), ("hint", "ir-state"), ("no", "ir-state")))
    assert math.isclose(own, claim_ratios()[("claims_responsibility", "unhedged")] ** f)
    assert own > hint > 1.0 > no
    # a party's accusation of its enemy and its own denial both count half again
    assert math.isclose(hint, claim_ratios()[("accuses", "unconfirmed")] ** (f * 0.5))
    assert items["no"][1].interest_weight == 0.5


def test_a_hinted_accusation_never_weighs_like_an_assertion(registry):
    (hint, _), (said, _) = claim_items([
        _claim("a", "asserts", "unconfirmed", "ir-state", "Reuters"),
        _claim("b", "asserts", "confirmed", "ir-state", "BBC"),
    ], registry)
    assert hint.ratio("ir-state") < said.ratio("ir-state")


def test_sources_sharing_a_voice_count_once(registry):
    items = claim_items([
        _claim("tass", "accuses", "unhedged", "ua-military", "TASS", "ru-state"),
        _claim("rt", "accuses", "unhedged", "ua-military", "RT", "ru-state"),
        _claim("bbc", "asserts", "unhedged", "ua-military", "BBC"),
    ], registry)
    weights = {i.id: w.repeat_weight for i, w in items}
    assert weights == {"tass": 1.0, "rt": 0.0, "bbc": 1.0}
    assert [i for i, _ in items if i.id == "rt"][0].ratio("ua-military") == 1.0


def test_a_denial_lowers_the_accused_in_the_assessment(registry):
    prior = {"ir-state": 0.3, "ye-houthis": 0.5}
    accused = [i for i, _ in claim_items([_claim("h", "accuses", "unconfirmed", "ir-state", "Saudi officials", "sa-state")], registry)]
    denied = accused + [i for i, _ in claim_items([_claim("d", "denies", "denied", "ir-state", "Iran", "ir-state")], registry)]
    assert assess("e", prior, denied).posterior["ir-state"] < assess("e", prior, accused).posterior["ir-state"]
