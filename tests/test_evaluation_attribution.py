"""`fogmap eval attribution`: leave-one-out ranking of hidden perpetrators, the baseline, the measures."""

import datetime as dt
import json
import math
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from fogmap.attribution import EventContext, PastEvent
from fogmap.cli import app
from fogmap.errors import FogmapError
from fogmap.evaluation.attribution import (
    ranking_from,
    baseline_rankings,
    calibration_error,
    evaluate_attribution,
    measures,
    read_acled_events,
    read_gtd_events,
)

FIXTURES = Path(__file__).parent / "fixtures" / "attribution"
ACLED = FIXTURES / "acled_ruritania.csv"
GTD = FIXTURES / "gtd_slice.csv"
runner = CliRunner()


def past(actor1, admin1="North", sub="Attack", actor2="Civilians (R)", country="R"):
    return PastEvent(EventContext(dt.date(2021, 3, 1), country, admin1, sub_event_type=sub, actor2=actor2), actor1)


def test_an_acled_export_is_read_without_the_columns_that_name_the_perpetrator():
    events = read_acled_events(ACLED)
    assert len(events) == 27
    first = events[0]
    assert first.actor1 == "Military Forces of Ruritania (2015-)"
    assert first.context.date == dt.date(2021, 3, 2) and first.context.admin2 == "Upper Vale"
    assert first.context.latitude == pytest.approx(50.10) and first.context.fatalities == 2
    # the notes name the actor; nothing of them may reach the context
    assert "army" not in repr(first.context).lower()


def test_gtd_unknown_rows_are_unattributed_and_never_targets():
    events = read_gtd_events(GTD)
    assert sum(1 for e in events if not e.actor1) == 3
    assert all("Unknown" != e.actor1 for e in events)
    assert events[5].context.date == dt.date(2001, 6, 1)  # the GTD's day 0 is an unknown day
    report = evaluate_attribution(GTD, "gtd")
    assert report["targets"] == 7 and report["unattributed"] == 3
    assert report["model"]["overall"]["n"] == 7 and report["baseline"]["overall"]["n"] == 7
    assert report["model"]["violent"]["n"] == 0  # the GTD has no ACLED event types


def test_the_baseline_backs_off_level_by_level_in_order():
    events = [
        past("Target"),  # the event to rank: (R, North, Attack, Civilians (R))
        past("Fine"),  # same four fields: the first level has something, so it decides
        past("Coarse", actor2="Police (R)"), past("Coarse", actor2="Police (R)"),
        past("Country", admin1="South"), past("Country", admin1="South"), past("Country", admin1="South"),
    ]
    assert baseline_rankings(events)[0].ranked == ("Fine",)
    # without the finest level's event it backs off to (country, admin1, sub-type) ...
    assert baseline_rankings([events[0], *events[2:]])[0].ranked == ("Coarse",)
    # ... then (country, admin1) ...
    other_sub = [past("Other sub", sub="Armed clash")]
    assert baseline_rankings([events[0], *other_sub, *events[4:]])[0].ranked == ("Other sub",)
    # ... then the country, then everything
    assert baseline_rankings([events[0], *events[4:]])[0].ranked == ("Country",)
    assert baseline_rankings([events[0], past("Abroad", country="F")])[0].ranked == ("Abroad",)


def test_baseline_ties_go_to_the_actor_more_frequent_at_coarser_levels():
    events = [past("Target"), past("Alpha"), past("Zulu"), past("Zulu", admin1="South")]
    ranking = baseline_rankings(events)[0]
    assert ranking.ranked == ("Zulu", "Alpha")


def test_baseline_probabilities_are_relative_frequencies_with_one_event_escaping():
    events = [past("Target"), past("A"), past("A"), past("B"), past("C", admin1="South")]
    ranking = baseline_rankings(events)[0]
    # the first three levels hold the same 3 events (A 2, B 1): A gets 2/4 and 1/4 escapes each time;
    # the country and everything hold 4 (C too): A gets 2/5 of what reaches them, 1/5 escapes
    p_a = 2 / 4 + (1 / 4) * (2 / 4 + (1 / 4) * (2 / 4 + (1 / 4) * (2 / 5 + (1 / 5) * (2 / 5))))
    assert ranking.ranked == ("A", "B")
    assert ranking.top_probability == pytest.approx(p_a)
    # the hidden "Target" is in no level: it is scored with what escapes the last one ("other")
    assert ranking.truth_probability == pytest.approx((1 / 4) ** 3 * (1 / 5) ** 2)


def test_one_ranking_by_hand():
    hit = ranking_from(["A", "B", "C"], [0.6, 0.3, 0.05], 0.05, "A")
    assert hit.truth_probability == 0.6 and hit.top_probability == 0.6
    assert hit.squared_error == pytest.approx(0.4 ** 2 + 0.3 ** 2 + 0.05 ** 2 + 0.05 ** 2)
    unknown = ranking_from(["A", "B", "C"], [0.6, 0.3, 0.05], 0.05, "Z")  # not a candidate: the outcome is "other"
    assert unknown.truth_probability == 0.05
    assert unknown.squared_error == pytest.approx(0.6 ** 2 + 0.3 ** 2 + 0.05 ** 2 + 0.95 ** 2)


def test_the_measures_by_hand_on_three_events():
    rankings = [
        ranking_from(["A", "B", "C"], [0.6, 0.3, 0.05], 0.05, "A"),  # first
        ranking_from(["A", "B", "C"], [0.5, 0.2, 0.2], 0.1, "B"),  # second
        ranking_from(["A"], [0.9], 0.1, "Z"),  # unknown to the ranker: scored by "other"
    ]
    scores = measures(rankings, ["A", "B", "Z"])
    assert scores["top1"] == pytest.approx(1 / 3, abs=1e-4)
    assert scores["top3"] == pytest.approx(2 / 3, abs=1e-4)
    assert scores["log_loss"] == pytest.approx(-(math.log(0.6) + math.log(0.2) + math.log(0.1)) / 3, abs=1e-4)
    brier = (0.16 + 0.09 + 0.0025 + 0.0025) + (0.25 + 0.64 + 0.04 + 0.01) + (0.81 + 0.81)
    assert scores["brier"] == pytest.approx(brier / 3, abs=1e-4)
    # confidences 0.6 (bin 6, right), 0.5 (bin 5, wrong), 0.9 (bin 9, wrong): one event per bin
    assert scores["ece"] == pytest.approx((0.4 + 0.5 + 0.9) / 3, abs=1e-4)


def test_calibration_error_pools_each_bin_before_comparing():
    confidence = np.array([0.81, 0.85, 0.89, 0.2])
    correct = np.array([True, True, False, False])
    # bin 8: mean confidence 0.85, share correct 2/3; bin 2: 0.2 against 0
    expected = 3 / 4 * abs(2 / 3 - 0.85) + 1 / 4 * 0.2
    assert calibration_error(confidence, correct) == pytest.approx(expected)
    assert calibration_error(np.array([1.0]), np.array([True])) == pytest.approx(0.0)  # 1.0 is in the last bin


def test_the_history_prior_beats_the_baseline_on_a_small_export():
    report = evaluate_attribution(ACLED)
    model, baseline = report["model"]["overall"], report["baseline"]["overall"]
    assert report["targets"] == 27 and model["n"] == 27
    assert model["log_loss"] < baseline["log_loss"]
    assert model["top3"] >= baseline["top3"]
    assert 0.0 <= model["ece"] <= 1.0 and report["model"]["violent"]["n"] == 15


def test_the_eval_is_deterministic():
    assert evaluate_attribution(ACLED)["model"] == evaluate_attribution(ACLED)["model"]


def test_cli_json(tmp_path):
    result = runner.invoke(app, ["eval", "attribution", str(ACLED), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert set(report["model"]) == {"overall", "violent"}
    assert {"top1", "top3", "log_loss", "brier", "ece"} <= set(report["baseline"]["overall"])


def test_cli_table_for_gtd():
    result = runner.invoke(app, ["eval", "attribution", str(GTD), "--format", "gtd"])
    assert result.exit_code == 0, result.output
    assert "history prior" in result.output and "back-off baseline" in result.output


@pytest.mark.parametrize("args, message", [
    (["missing.csv"], "no such file"),
    ([str(FIXTURES / "not_an_export.csv")], "not an ACLED export"),
    ([str(ACLED), "--format", "gtd"], "not a GTD CSV"),
    ([str(ACLED), "--format", "xml"], "valid formats are acled and gtd"),
])
def test_cli_says_plainly_what_is_wrong_and_exits_2(args, message, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["eval", "attribution", *args])
    assert result.exit_code == 2
    assert message in result.output
    assert result.output.count("\n") == 1  # one plain line


def test_a_file_with_fewer_than_two_named_perpetrators_is_an_error(tmp_path):
    lonely = tmp_path / "one.csv"
    lonely.write_text(ACLED.read_text().splitlines()[0] + "\n" + ACLED.read_text().splitlines()[1] + "\n")
    with pytest.raises(FogmapError, match="fewer than two"):
        evaluate_attribution(lonely)
