"""The ingest run end to end through the library: de-duplication, idempotency, failures, workers."""

import datetime as dt
import json

import pytest

import fogmap
from helpers import REPORTS, write_jsonl


@pytest.fixture
def ws(tmp_path, settings):
    with fogmap.open(tmp_path / "store.duckdb", settings) as workspace:
        yield workspace


def test_ingest_extracts_and_second_run_adds_nothing(ws, tmp_path):
    corpus = write_jsonl(tmp_path / "c.jsonl", REPORTS)
    first = ws.ingest([corpus])
    assert (first.ingested, first.duplicates, first.failed) == (len(REPORTS), 0, 0)
    before = ws.stats()
    second = ws.ingest([corpus])
    assert (second.ingested, second.already_stored, second.failed) == (0, len(REPORTS), 0)
    after = ws.stats()
    for key in ("documents", "sentences", "entity_mentions", "event_candidates"):
        assert after[key] == before[key]


def test_candidates_are_dated_and_placed_from_their_document(ws, tmp_path):
    ws.ingest([write_jsonl(tmp_path / "c.jsonl", REPORTS)])
    syria = ws.candidates(country="SY")
    assert syria and all(str(r["event_date"]) == "2019-09-10" for r in syria)
    assert {r["cue_class"] for r in syria} >= {"shelling", "killing"}
    negated = ws.candidates(modality="negated")
    assert any(r["trigger_text"] == "attacked" and "denied" in r["sentence"] for r in negated)
    hypothetical = ws.candidates(modality="hypothetical")
    assert any("If Iran" in r["sentence"] for r in hypothetical)
    assert ws.candidates(since=dt.date(2019, 9, 14), type="Protests") == []
    assert ws.candidates(type="Protests")


def test_the_bank_report_yields_no_candidates(ws, tmp_path):
    ws.ingest([write_jsonl(tmp_path / "c.jsonl", REPORTS)])
    bank = [r for r in ws.candidates(limit=None) if "interest rates" in r["sentence"]]
    assert bank == []
    assert not [r for r in ws.events(limit=None) if "interest rates" in r["sentence"]]


def test_events_are_coded_with_their_fields_and_evidence(ws, tmp_path):
    ws.ingest([write_jsonl(tmp_path / "c.jsonl", REPORTS)])
    shelling = ws.events(country="SY", type="ART_MISS_ATTACK")
    assert len(shelling) == 1
    event = shelling[0]
    assert event["subtype"] == "Shelling/artillery/missile attack" and event["type"] == "Explosions/Remote violence"
    assert str(event["date_start"]) == "2019-09-09" and event["time_precision"] == 1  # "on Monday", published Tue 10th
    assert event["fatalities_best"] == 9 and event["status"] == "reported"  # "a war monitor said"
    assert "government forces" in event["actor1"] and event["place"] in ("Maarat al-Numan", "Idlib")
    args = {a["role"]: a for a in ws.event_arguments(event["id"])}
    text = ws.document(event["doc_id"]).text
    assert all(text[a["start_char"]:a["end_char"]] == a["text"] for a in args.values() if a["role"] != "weapon")
    assert args["fatalities"]["text"].startswith("killing at least nine")
    bombing = ws.events(type="Remote explosive/landmine/IED")
    assert bombing and bombing[0]["fatalities_best"] == 3 and bombing[0]["weapon"] == "IED"
    protest = ws.events(country="IQ")
    assert {r["code"] for r in protest} & {"FORCE_AGAINST_PROTEST", "PROTEST_WITH_INTER"}


def test_hypothetical_and_negated_events_are_never_listed_as_happened(ws, tmp_path):
    ws.ingest([write_jsonl(tmp_path / "c.jsonl", REPORTS)])
    happened = ws.events(limit=None)
    assert not [r for r in happened if "If Iran" in r["sentence"]]
    assert {r["status"] for r in happened} <= {"asserted", "reported", "claimed", "denied"}
    hypothetical = ws.events(status="hypothetical", limit=None)
    assert any("If Iran" in r["sentence"] for r in hypothetical)


def test_syndicated_copy_and_edited_repost_are_linked_not_extracted(ws, tmp_path):
    original = " ".join(REPORTS)
    rows = [
        {"text": original, "url": "https://a.example/1", "outlet": "A"},
        {"text": original, "url": "https://b.example/9", "outlet": "B"},  # syndicated copy
        {"text": original.replace("Monday", "Sunday").replace("four officers", "five officers")
         + " Reporting by our correspondent.", "url": "https://c.example/3", "outlet": "C"},
    ]
    path = tmp_path / "syndicated.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    report = ws.ingest([path])
    assert (report.ingested, report.copies, report.near_duplicates) == (1, 1, 1)
    docs = ws.store.query("SELECT id, url, duplicate_of, duplicate_kind FROM documents ORDER BY url")
    original_id = docs[0]["id"]
    assert [(d["duplicate_of"], d["duplicate_kind"]) for d in docs] == [
        (None, None), (original_id, "copy"), (original_id, "near")]
    extracted = {r["doc_id"] for r in ws.store.query("SELECT DISTINCT doc_id FROM sentences")}
    assert extracted == {original_id}


def test_near_duplicate_of_a_document_from_an_earlier_run(ws, tmp_path):
    text = " ".join(REPORTS[:3])
    a = tmp_path / "a.jsonl"
    a.write_text(json.dumps({"text": text, "url": "u1"}) + "\n")
    b = tmp_path / "b.jsonl"
    b.write_text(json.dumps({"text": text + " Updated at 10:00.", "url": "u2"}) + "\n")
    assert ws.ingest([a]).ingested == 1
    report = ws.ingest([b])
    assert report.near_duplicates == 1 and report.ingested == 0


def test_bad_records_are_reported_and_the_rest_goes_in(ws, tmp_path):
    good = write_jsonl(tmp_path / "good.jsonl", REPORTS[:2])
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "Rebels attacked the town of Idlib on Monday, killing five people."}\n{not json\n')
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    report = ws.ingest([good, bad, empty])
    assert report.ingested == 3
    assert report.failed == 2
    messages = [str(f) for f in report.failures]
    assert any("bad.jsonl" in m and "line 2" in m for m in messages)
    assert any("empty.txt" in m for m in messages)
    assert ws.store.scalar("SELECT count(*) FROM ingest_failures") == 2


def test_field_remapping(ws, tmp_path):
    path = write_jsonl(tmp_path / "c.jsonl", REPORTS[:1], text_key="article_content")
    report = ws.ingest([path], fields=["text=article_content"])
    assert report.ingested == 1 and report.failed == 0


@pytest.mark.slow
def test_two_workers_give_the_same_store_as_one(tmp_path, settings):
    corpus = write_jsonl(tmp_path / "c.jsonl", REPORTS, copies=3)
    dumps = []
    for workers in (1, 2):
        with fogmap.open(tmp_path / f"w{workers}.duckdb", settings.with_overrides(ingest={"batch_size": 4})) as ws:
            ws.ingest([corpus], workers=workers)
            dumps.append([
                ws.store.query("SELECT id, duplicate_of, country_focus FROM documents ORDER BY id"),
                ws.store.query("SELECT * FROM sentences ORDER BY doc_id, seq"),
                ws.store.query("SELECT * FROM entity_mentions ORDER BY doc_id, start_char, label"),
                ws.store.query("SELECT * FROM event_candidates ORDER BY id"),
                ws.store.query("SELECT * FROM stage_runs ORDER BY doc_id, stage"),
            ])
    assert dumps[0] == dumps[1]
    assert dumps[0][3]  # and it found something


def test_places_are_stored_per_mention_and_events_get_their_own(ws, tmp_path):
    ws.ingest([write_jsonl(tmp_path / "c.jsonl", REPORTS)])
    syria_doc = ws.events(country="SY", type="ART_MISS_ATTACK")[0]["doc_id"]
    text = ws.document(syria_doc).text
    mentions = ws.place_mentions(syria_doc)
    assert all(text[m["start_char"]:m["end_char"]] == m["text"] for m in mentions)
    by_name = {m["mention_name"]: m for m in mentions}
    assert by_name["Idlib"]["feature"] == "A.ADM1" and by_name["Idlib"]["precision"] == 3
    maarat = by_name["Maarat al-Numan"]
    assert maarat["country"] == "SY" and maarat["admin1"] == "Idlib" and maarat["precision"] == 1
    # the event sits at the town its sentence names, not at the province or the country
    event = ws.events(country="SY", type="ART_MISS_ATTACK")[0]
    assert event["place_id"] == maarat["place_id"] and event["geo_precision"] == 1
    assert (event["latitude"], event["longitude"]) == (maarat["lat"], maarat["lon"])
    # the Somali bomb is near Mogadishu: precision 2, and the event is there
    bomb = ws.events(type="Remote explosive/landmine/IED")[0]
    assert bomb["place_name"] == "Mogadishu" and bomb["geo_precision"] == 2 and bomb["country"] == "SO"
    # one row per place however many documents name it
    places = ws.store.query("SELECT id, count(*) AS n FROM places GROUP BY id HAVING count(*) > 1")
    assert places == []
    # a re-run adds nothing
    before = ws.stats()
    ws.ingest([write_jsonl(tmp_path / "c.jsonl", REPORTS)])
    assert ws.stats()["place_mentions"] == before["place_mentions"] > 0


_SYLLABLES = ("zor", "qub", "vel", "dar", "mun", "tis", "kel", "bra")


def _unknown_place(n: int) -> str:
    """A made-up village name, different for each n < 512, that no gazetteer has."""
    return "".join(_SYLLABLES[(n >> shift) % 8] for shift in (0, 3, 6)).capitalize() + "iyah"


def _with_unknown_place(row: dict, n: int) -> tuple[dict, int]:
    prefix = f"Shelling hit the village of {_unknown_place(n)} overnight, residents said. "
    return {**row, "text": prefix + row["text"]}, len(prefix)


@pytest.mark.slow
def test_two_hundred_articles_naming_an_unknown_place_keep_every_other_place(tmp_path, settings):
    """Each of 200 bundled articles gains a place no gazetteer has; every other mention resolves as before."""
    from pathlib import Path

    source = Path(__file__).parent.parent / "corpus" / "wikinews" / "wikinews.jsonl"
    rows = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines()[:200]]
    plain, marked = tmp_path / "plain.jsonl", tmp_path / "marked.jsonl"
    with plain.open("w") as a, marked.open("w") as b:
        for n, row in enumerate(rows):
            a.write(json.dumps(row) + "\n")
            b.write(json.dumps(_with_unknown_place(row, n)[0]) + "\n")
    found, texts = {}, {}
    for name, path in (("plain", plain), ("marked", marked)):
        with fogmap.open(tmp_path / f"{name}.duckdb", settings) as ws:
            assert ws.ingest([path]).failed == 0
            found[name] = ws.store.query(
                "SELECT d.url, m.start_char, m.end_char, m.place_id FROM place_mentions m "
                "JOIN documents d ON d.id = m.doc_id")
            texts[name] = dict(ws.store.con.execute("SELECT url, text FROM documents").fetchall())
    # where the plain text starts inside the marked one (ingest may tidy a dateline differently)
    shifts = {url: texts["marked"][url].index(text[:200]) for url, text in texts["plain"].items()}
    unknown = [r for r in found["marked"] if r["start_char"] < shifts[r["url"]]]
    # NER misses a few of the made-up names; those it finds are reported unresolved, not guessed
    assert len(unknown) >= 160 and all(r["place_id"] is None for r in unknown)
    plain_set = {(r["url"], r["start_char"], r["end_char"], r["place_id"]) for r in found["plain"]}
    marked_set = {(r["url"], r["start_char"] - shifts[r["url"]], r["end_char"] - shifts[r["url"]], r["place_id"])
                  for r in found["marked"] if r["start_char"] >= shifts[r["url"]]}
    resolved = {r for r in plain_set if r[3] is not None}
    assert len(resolved) > 2000
    assert resolved <= marked_set  # every place resolved without the unknown name is resolved the same with it


def test_the_syria_names_are_stored_within_10_km_through_the_pipeline(ws, tmp_path):
    from test_geo_resolve import EXPECTED, SYRIAN_REPORT

    from fogmap.geo.gazetteer import distance_km

    ws.ingest([write_jsonl(tmp_path / "c.jsonl", [SYRIAN_REPORT])])
    stored = {m["mention_name"]: m for m in ws.place_mentions()}
    for name, (lat, lon, km) in EXPECTED.items():
        m = stored[name]
        assert m["place_id"] is not None, name
        assert distance_km(lat, lon, m["lat"], m["lon"]) <= km, (name, m["name"], m["lat"], m["lon"])
