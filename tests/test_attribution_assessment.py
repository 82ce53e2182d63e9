"""fogmap.attribution.assessment: posterior, matrix, diagnosticity and sensitivity by hand."""

import math

import pytest

from fogmap.attribution.assessment import OTHER, EvidenceItem, assess, diagnosticity, posterior_of


def _item(id_, **ratios):
    return EvidenceItem(id_, "claim", f"claim {id_}", ratios, "d1", 0, 10)


def test_posterior_is_prior_times_ratios_normalised():
    prior = {"isis": 0.5, "hts": 0.3}
    result = assess("e1", prior, [_item("amaq", isis=12.0)])
    assert result.hypotheses == ("isis", "hts", OTHER)
    assert math.isclose(result.prior[OTHER], 0.2)
    weights = {"isis": 0.5 * 12, "hts": 0.3, OTHER: 0.2}
    total = sum(weights.values())
    for h, w in weights.items():
        assert math.isclose(result.posterior[h], w / total)
    assert result.leader == "isis"
    # every cell of the matrix, the neutral ones too
    assert [(c.item_id, c.hypothesis, c.ratio) for c in result.cells] == [
        ("amaq", "isis", 12.0), ("amaq", "hts", 1.0), ("amaq", OTHER, 1.0)]


def test_a_denial_lowers_the_accused():
    prior = {"ru-military": 0.5, "ua-military": 0.5}
    before = assess("e", prior, []).posterior["ru-military"]
    after = assess("e", prior, [_item("denial", **{"ru-military": 0.7})]).posterior["ru-military"]
    assert after < before


def test_an_item_every_hypothesis_explains_has_no_diagnosticity():
    hyps = ("a", "b", OTHER)
    assert diagnosticity(_item("x", a=2.0, b=2.0, **{OTHER: 2.0}), hyps) == 0.0
    assert math.isclose(diagnosticity(_item("y", a=4.0), hyps), math.log(4.0))


def test_sensitivity_names_the_item_the_lead_hangs_on():
    prior = {"a": 0.4, "b": 0.4}
    items = [_item("weak", a=1.2), _item("strong", a=6.0), _item("other", b=2.0)]
    result = assess("e", prior, items)
    assert result.leader == "a"
    s = result.sensitivity
    assert (s.item_id, s.change, s.leader_after) == ("strong", "removed", "b")
    assert "strong" in s.describe("a") and "b would lead" in s.describe("a")


def test_sensitivity_when_no_single_item_topples_the_leader():
    result = assess("e", {"a": 0.6, "b": 0.2}, [_item("x", a=3.0), _item("y", a=3.0)])
    s = result.sensitivity
    assert s.leader_after == "a" and s.item_id in ("x", "y")
    assert "no single item changes the lead of a" in s.describe("a")


def test_the_same_inputs_give_the_same_numbers_and_bad_inputs_are_refused():
    prior = {"a": 0.3, "b": 0.3, "c": 0.3}
    items = [_item("x", a=2.0, b=0.5), _item("y", c=3.0)]
    assert assess("e", prior, items) == assess("e", prior, items)
    # a hundred strong items do not underflow
    many = [_item(f"i{n}", a=50.0) for n in range(100)]
    assert math.isclose(posterior_of({"a": 0.5, "b": 0.5}, many, ("a", "b"))["a"], 1.0)
    with pytest.raises(ValueError):
        assess("e", {"a": 0.0, "b": 0.5}, [])
    with pytest.raises(ValueError):
        assess("e", {"a": 0.5}, [_item("z", a=0.0)])
