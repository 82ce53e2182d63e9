"""Control on a date: holds, losses, stale statements, and disagreement left contested."""

import datetime as dt

from fogmap.control.timeline import areas_at, control_at, holding_of, timeline_of, timelines

D = dt.date


def row(status, actor, day, place="p:manbij", confidence=0.8, doc="d1", actor_id=None):
    return {"status": status, "actor": actor, "actor_id": actor_id, "date": day, "confidence": confidence,
            "place_id": place, "place_name": place.split(":")[1].title(), "place_text": place, "country": "SY",
            "admin1": "Aleppo", "doc_id": doc, "outlet": "Example", "sentence": f"{actor} {status} {place}"}


def test_a_capture_holds_until_the_holder_is_driven_out():
    rows = [row("captured", "Islamic State", D(2014, 1, 10)), row("lost", "Islamic State", D(2016, 8, 12)),
            row("captured", "SDF", D(2016, 8, 12))]
    assert holding_of(rows, D(2015, 6, 1)) is None  # the capture is older than the horizon: stale
    assert holding_of(rows[:1], D(2014, 6, 1)).holder == "Islamic State"
    held = holding_of(rows, D(2016, 9, 1))
    assert (held.holder, held.status, held.since) == ("SDF", "held", D(2016, 8, 12))
    gone = holding_of(rows[:2], D(2016, 9, 1))
    assert gone.holder is None and gone.status == "unknown"


def test_two_sources_naming_different_holders_leave_it_contested():
    rows = [row("controls", "government forces", D(2016, 8, 1), doc="a"), row("controls", "rebels", D(2016, 8, 10), doc="b")]
    h = holding_of(rows, D(2016, 8, 20))
    assert h.status == "contested" and set(h.contenders) == {"government forces", "rebels"}
    assert {s["doc_id"] for s in h.sources} == {"a", "b"}


def test_the_same_actor_in_other_words_is_one_holder_when_resolved():
    rows = [row("controls", "the SDF", D(2016, 8, 1), actor_id="sy-sdf"),
            row("controls", "Kurdish-led forces", D(2016, 8, 10), actor_id="sy-sdf")]
    assert holding_of(rows, D(2016, 8, 20)).status == "held"


def test_one_actor_in_other_words_is_one_contender_and_one_holder_of_an_area():
    rows = [row("captured", "Iraqi government forces", D(2017, 10, 16), actor_id="iq-military"),
            row("controls", "the Iraqi army's", D(2017, 10, 17), actor_id="iq-military"),
            row("captured", "Iraqi forces", D(2017, 10, 5), place="p:hawija", actor_id="iq-military")]
    holdings = control_at(rows, D(2017, 10, 20))
    manbij = next(h for h in holdings if h.place_id == "p:manbij")
    assert (manbij.holder, manbij.holder_id, manbij.contenders) == ("the Iraqi army", "iq-military", ("the Iraqi army",))
    (area,) = areas_at(holdings)
    assert area["status"] == "held" and len(area["holders"]) == 1


def test_fighting_after_the_last_hold_is_contested_and_old_news_is_ignored():
    rows = [row("controls", "rebels", D(2016, 1, 1)), row("contested", "", D(2016, 2, 1))]
    assert holding_of(rows, D(2016, 3, 1)).status == "contested"
    assert holding_of(rows, D(2018, 1, 1)) is None  # both statements older than the horizon


def test_areas_roll_up_and_mixed_holders_are_contested():
    rows = [row("controls", "SDF", D(2016, 8, 1), place="p:manbij"),
            row("controls", "government forces", D(2016, 8, 1), place="p:aleppo")]
    holdings = control_at(rows, D(2016, 8, 2))
    assert [h.status for h in holdings] == ["held", "held"]
    (area,) = areas_at(holdings)
    assert area["status"] == "contested" and area["holders"] == ["SDF", "government forces"]


def test_control_through_the_store_and_the_command(tmp_path, settings):
    import json

    from typer.testing import CliRunner

    import fogmap
    from fogmap.cli import app
    from helpers import write_jsonl

    report = ("Kurdish-led forces captured the town of Manbij from Islamic State on Friday. Idlib remains under "
              "the control of Hayat Tahrir al-Sham. The army failed to capture Saraqib.")
    db = tmp_path / "c.duckdb"
    with fogmap.open(db, settings) as ws:
        ws.ingest([write_jsonl(tmp_path / "c.jsonl", [report])])  # published 2019-09-10
        holdings = {h.place: h for h in ws.control(D(2019, 9, 20))}
    assert holdings["Manbij"].holder == "Kurdish-led forces" and holdings["Manbij"].since == D(2019, 9, 6)
    assert holdings["Idlib"].holder == "Hayat Tahrir al-Sham" and "Saraqib" not in holdings
    runner = CliRunner()
    result = runner.invoke(app, ["control", "--at", "2019-09-20", "--country", "SY", "--db", str(db), "--json", "--areas"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {p["place"] for p in data["places"]} == {"Manbij", "Idlib"} and data["areas"]
    assert runner.invoke(app, ["control", "--at", "2019-01-01", "--db", str(db)]).exit_code == 1
    assert runner.invoke(app, ["control", "--at", "yesterday", "--db", str(db)]).exit_code == 2


def test_a_territory_event_is_a_capture_when_no_sentence_says_so(tmp_path, settings):
    import fogmap
    from helpers import write_jsonl

    text = "Government forces regained control over the town of Khan Shaykhun on Wednesday after heavy fighting."
    with fogmap.open(tmp_path / "t.duckdb", settings) as ws:
        ws.ingest([write_jsonl(tmp_path / "t.jsonl", [text])])
        held = [h for h in ws.control(D(2019, 9, 20)) if h.holder]
    assert [(h.holder, h.status) for h in held] == [("Government forces", "held")]


def test_events_that_change_territory_become_captures_unless_a_sentence_said_so():
    from fogmap.control.statements import control_for
    from fogmap.records import DocumentExtraction, Event, EventArgument, PlaceMention, Span

    place = PlaceMention(Span("d", 20, 27), "geonames:1", 1, 1.0, "test", "Saraqib", "Saraqib")
    event = Event(id="e", type="Battles", subtype="Non-state actor overtakes territory", date_start=D(2020, 2, 1),
                  date_end=D(2020, 2, 1), time_precision=1, status="asserted", spans=(Span("d", 0, 40),),
                  confidence=0.8, place_mention=place, actor1="HTS fighters", code="NON_STATE_ACTOR_OVERTAKES_TER",
                  arguments=(EventArgument("actor1", Span("d", 0, 12), "HTS fighters"),))
    empty = DocumentExtraction("d", (), (), (), place_mentions=(place,))
    (capture,) = control_for("d", "x" * 40, D(2020, 2, 2), empty, (event,))
    assert (capture.status, capture.actor, capture.place_id, capture.date) == ("captured", "HTS fighters", "geonames:1", D(2020, 2, 1))
    assert capture.spans == (Span("d", 0, 40), Span("d", 0, 12), Span("d", 20, 27))
    negated = Event(**{**event.__dict__, "status": "negated"})
    assert control_for("d", "x" * 40, None, empty, (negated,)) == ()


def test_control_geojson_colours_areas_by_holder():
    from fogmap.control.geojson import control_geojson
    from fogmap.control.timeline import Holding
    from fogmap.geo.areas import load_areas

    def held(place, holder, lat, lon, status="held"):
        return Holding(f"p:{place}", place, "SY", None, holder, status, D(2016, 8, 1), 0.7, (holder,), (), lat, lon)

    data = control_geojson([held("Manbij", "SDF", 36.53, 37.95), held("Aleppo", "government", 36.20, 37.16),
                            held("Idlib", "HTS", 35.93, 36.63)], load_areas())
    areas = {f["properties"]["admin1"]: f["properties"] for f in data["features"] if f["properties"]["kind"] == "admin1"}
    assert areas["Aleppo"]["status"] == "contested" and areas["Aleppo"]["holders"] == ["SDF", "government"]
    assert areas["Idlib"]["holder"] == "HTS"
    assert all(f["geometry"]["type"] in ("Polygon", "MultiPolygon") for f in data["features"]
               if f["properties"]["kind"] == "admin1")
    assert sum(f["properties"]["kind"] == "place" for f in data["features"]) == 3


def test_a_places_timeline_gives_the_holder_after_each_day_it_was_reported():
    rows = [row("captured", "Islamic State", D(2016, 1, 10)), row("lost", "Islamic State", D(2016, 8, 12)),
            row("captured", "SDF", D(2016, 8, 12)), row("controls", "Syrian army", D(2016, 8, 20), doc="d2"),
            row("captured", "rebels", D(2016, 9, 1), place="p:jarablus")]
    (manbij,) = timelines(rows, "manb")
    steps = [(s["date"], s["status"], s["holder"]) for s in manbij["steps"]]
    assert steps == [(D(2016, 1, 10), "held", "Islamic State"), (D(2016, 8, 12), "held", "SDF"),
                     (D(2016, 8, 20), "contested", "Syrian army")]
    assert [s["status"] for s in manbij["steps"][1]["statements"]] == ["lost", "captured"]
    assert timeline_of([]) == [] and timelines(rows, "Aleppo city") == []


def test_an_areas_confidence_is_its_places_scaled_by_the_share_held():
    held = row("controls", "SDF", D(2016, 8, 1), confidence=0.8)
    fought = [row("captured", "SDF", D(2016, 8, 1), place="p:tabqa", confidence=0.8, doc="a"),
              row("captured", "Islamic State", D(2016, 8, 5), place="p:tabqa", confidence=0.6, doc="b")]
    (alone,) = areas_at(control_at([held], D(2016, 8, 10)))
    (split,) = areas_at(control_at([held] + fought, D(2016, 8, 10)))
    assert alone["confidence"] == 0.8 and alone["documents"] == 1
    # Tabqa: contested, its latest holder (IS, 0.6) behind it; one of two places held
    assert split["status"] == "contested" and split["confidence"] == round((0.8 + 0.6) / 2 * 0.5, 3)
    assert split["documents"] == 3
