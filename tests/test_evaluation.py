import json

import pytest
from typer.testing import CliRunner

from fogmap.cli import app
from fogmap.errors import FogmapError
from fogmap.evaluation.labelled import evaluate_acled, evaluate_case2021
from fogmap.evaluation.metrics import macro_f1, per_class, weighted_f1

runner = CliRunner()


def test_weighted_and_macro_f1_follow_their_definitions():
    scores = per_class(["a", "a", "a", "b"], ["a", "a", "b", "b"])
    a, b = scores
    assert (round(a.f1, 3), round(b.f1, 3)) == (0.8, 0.667)
    assert round(macro_f1(scores), 3) == round((0.8 + 2 / 3) / 2, 3)
    assert round(weighted_f1(scores), 3) == round((0.8 * 3 + 2 / 3) / 4, 3)


def test_case2021_file_is_scored(tmp_path):
    path = tmp_path / "case.tsv"
    path.write_text("id\tEventSnippet\tSubType\n1\tWarplanes bombed the town.\tAIR_STRIKE\n"
                    "2\tAn earthquake shook the region.\tNATURAL_DISASTER\n", encoding="utf-8")
    report = evaluate_case2021(path)
    assert report["n"] == 2 and report["weighted_f1"] == 1.0


def test_acled_export_scores_type_fatalities_and_date(tmp_path):
    path = tmp_path / "acled.csv"
    path.write_text("event_date,event_type,sub_event_type,fatalities,notes\n"
                    "2020-05-06,Battles,Armed clash,2,\"On 6 May 2020, soldiers clashed with rebels near X, "
                    "killing 2 rebels.\"\n", encoding="utf-8")
    report = evaluate_acled(path)
    assert report["event_type_accuracy"] == 1.0 and report["fatalities_exact"] == 1.0
    assert report["event_date_exact"] == 1.0


def test_a_missing_corpus_is_said_plainly(tmp_path):
    with pytest.raises(FogmapError, match="not shipped"):
        evaluate_case2021(tmp_path / "absent.tsv")
    result = runner.invoke(app, ["eval", "acled", str(tmp_path / "absent.csv")])
    assert result.exit_code == 2 and "no such file" in result.output


def test_train_then_eval_with_the_model(tmp_path):
    data = tmp_path / "train.tsv"
    rows = ["Jets bombed the town.\tAIR_STRIKE", "Warplanes struck a market.\tAIR_STRIKE",
            "Students marched to parliament.\tPEACE_PROTEST", "Workers protested outside the plant.\tPEACE_PROTEST"]
    data.write_text("\n".join(rows) + "\n", encoding="utf-8")
    model = tmp_path / "m.npz"
    trained = runner.invoke(app, ["train", "events", str(data), "--out", str(model), "--json"])
    assert trained.exit_code == 0, trained.output
    assert json.loads(trained.stdout)["trained_on"] == 4
    case = tmp_path / "case.tsv"
    case.write_text("id\tEventSnippet\tSubType\n1\tBombers struck the bridge.\tAIR_STRIKE\n", encoding="utf-8")
    scored = runner.invoke(app, ["eval", "case2021", str(case), "--model", str(model), "--json"])
    assert scored.exit_code == 0 and json.loads(scored.stdout)["accuracy"] == 1.0


def test_petrarch_records_score_conflict_sentences_and_list_guarded_ones(tmp_path, extractor):
    from fogmap.evaluation.petrarch import evaluate_petrarch

    rows = [
        {"id": "a", "date": "20200507", "text": "Rebels attacked an army post near the border on Tuesday.",
         "gold_events": [{"event": "190"}]},
        {"id": "b", "date": "20200507", "text": "The army denied that rebels attacked the post.",
         "gold_events": [{"event": "024"}]},
        {"id": "c", "text": "The minister visited the capital.", "gold_events": [{"noevents": "True"}]},
        {"id": "d", "date": "", "text": "Police said gunmen would not stop until they had killed the mayor, "
         "after they shot two guards on Monday.", "gold_events": [{"event": "180"}]},
    ]
    path = tmp_path / "petr.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    report = evaluate_petrarch(path, extractor)
    s = report["conflict_sentences"]
    assert (s["tp"], s["predicted"], s["gold"]) == (2, 2, 2)
    assert [r["id"] for r in report["held_back"]] == ["b"]
    assert [r["id"] for r in report["happened_with_guard_word"]] == ["d"]


def test_petrarch_record_without_text_names_its_line(tmp_path, extractor):
    from fogmap.evaluation.petrarch import evaluate_petrarch

    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": 1, "text": "ok"}\n{"id": 2}\n', encoding="utf-8")
    with pytest.raises(FogmapError, match=r"bad.jsonl: record 2"):
        evaluate_petrarch(path, extractor)


ACLED_WITH_PLACES = (
    "event_date,event_type,sub_event_type,fatalities,country,admin1,location,latitude,longitude,notes\n"
    # the authors' points; the notes are written for this test
    '2020-05-06,Explosions/Remote violence,Air/drone strike,3,Syria,Idlib,Kafr Nabl,35.614,36.561,'
    '"On 6 May 2020, Russian warplanes struck the town of Kafr Nabl in Idlib province, killing 3 civilians."\n'
    '2020-05-07,Battles,Armed clash,0,Somalia,Banadir,Mogadishu,2.037,45.344,'
    '"On 7 May 2020, Al Shabaab militants clashed with soldiers in Mogadishu."\n'
    '2020-05-08,Protests,Peaceful protest,0,Paraguay,Asuncion,Asuncion,-25.287,-57.647,'
    '"On 8 May 2020, teachers protested in front of the ministry. [size=no report]"\n'
    '2020-05-09,Protests,Peaceful protest,0,Syria,Aleppo,Aleppo,,,"No coordinates: skipped."\n'
)


def test_acled_export_scores_event_locations(tmp_path, extractor):
    from fogmap.evaluation.acled_places import evaluate_acled_places
    from fogmap.pipeline import make_extractor
    from fogmap.settings import default_settings

    path = tmp_path / "acled.csv"
    path.write_text(ACLED_WITH_PLACES, encoding="utf-8")
    plain = make_extractor(default_settings().with_overrides(extract={"places": False}))
    report = evaluate_acled_places(path, plain)
    assert report["n"] == 3 and report["placed"] == 2  # the protest note names no place
    assert report["within_25km"] == report["admin1_exact"] == report["country_exact"] == round(2 / 3, 4)
    assert report["median_km"] < 10


ACLED_WITH_ACTORS = (
    "event_date,event_type,sub_event_type,actor1,assoc_actor_1,actor2,assoc_actor_2,fatalities,country,"
    "admin1,location,latitude,longitude,notes\n"
    '2020-05-09,Protests,Peaceful protest,Protesters (Pakistan),,,,0,Pakistan,Punjab,Lahore,31.5497,74.3436,'
    '"On 9 May 2020, farmers protested in Lahore, Pakistan against fuel prices. [size=no report]"\n'
    '2020-05-09,Violence against civilians,Attack,Unidentified Armed Group (Mexico),,Civilians (Mexico),,1,Mexico,'
    'Sinaloa,Culiacan,24.7994,-107.3879,"On 9 May 2020, gunmen shot dead a shopkeeper in Culiacan, Sinaloa, Mexico."\n'
    '2020-05-09,Battles,Armed clash,Military Forces of Ukraine (2019-2024),,'
    'NAF: United Armed Forces of Novorossiya and/or Military Forces of Russia (2000-),,0,Ukraine,Donetsk,Avdiivka,'
    '48.1394,37.7497,"On 9 May 2020, Ukrainian army troops clashed with Houthi fighters near Avdiivka, Donetsk."\n'
)


def test_acled_export_scores_actor_names(tmp_path, extractor):
    from fogmap.evaluation.acled_actors import actor_matches
    from fogmap.evaluation.acled_places import evaluate_acled_places
    from fogmap.pipeline import make_extractor
    from fogmap.settings import default_settings

    # normalisation: case, spaces, a closed regime period, "and/or"; an empty gold wants no actor
    assert actor_matches("Military Forces of Yemen (2012-2022)", "military forces of  yemen (2012-)")
    assert actor_matches("A and/or B", "B") and not actor_matches("A and/or B", "C")
    assert actor_matches("", None) and not actor_matches("", "Protesters (Chad)")
    path = tmp_path / "acled.csv"
    path.write_text(ACLED_WITH_ACTORS, encoding="utf-8")
    plain = make_extractor(default_settings().with_overrides(extract={"places": False}))
    report = evaluate_acled_places(path, plain, actors=True)["actors"]
    assert report["n"] == 3
    # protest and attack right both ways; the clash gets actor1 but its Houthis are not the gold's side
    assert report["actor1_accuracy"] == 1.0
    assert report["actor2_accuracy"] == round(2 / 3, 4) and report["actor2_accuracy_when_coded"] == 0.5
    assert report["actor1_accuracy_by_kind"] == {"crowd": 1.0, "state": 1.0, "unidentified": 1.0}
