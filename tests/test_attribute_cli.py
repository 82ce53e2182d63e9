"""`fogmap attribute` end to end on the project's own multi-report example (issue 7).

tests/fixtures/articles/attribution.jsonl holds six short items written for this test: three earlier
events in Anbar (Kata'ib Hezbollah rockets and a drone at the Ain al-Asad base, an Islamic State attack
near Hit) and three reports of one drone attack on the base that nobody claims. The reports carry an
outright accusation (Iraqi security officials blame Kata'ib Hezbollah), a hint that a foreign power
supplied the drone (US officials, Iran), the accused's denial, the author's own speculation (Islamic
State) and a hedged attribution to an umbrella group behind an appositive (security sources).
"""

from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path

import pytest
from typer.testing import CliRunner

import fogmap
from fogmap.attribution.assessment import OTHER, posterior_of
from fogmap.cli import app

ARTICLES = Path(__file__).parent / "fixtures" / "articles" / "attribution.jsonl"
runner = CliRunner()


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("attribution") / "store.duckdb"
    with fogmap.open(path) as ws:
        report = ws.ingest([ARTICLES])
    assert report.ingested == 6 and not report.failures
    return path


@pytest.fixture(scope="module")
def attack(store) -> str:
    """The canonical event of the three reports of the drone attack."""
    with fogmap.open(store, read_only=True) as ws:
        found = [e for e in ws.canonical_events() if e["reports"] == 3]
    assert len(found) == 1 and found[0]["subtype"] == "Air/drone strike"
    return found[0]["id"]


def _json(args: list[str]) -> dict | list:
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_the_hypotheses_are_the_named_the_historys_and_other(store, attack):
    a = _json(["attribute", attack[:8], "--db", str(store), "--json", "--no-save"])
    reasons = {h["actor"]: h["reasons"] for h in a["hypotheses"]}
    assert {"iq-kataib-hezbollah", "iq-islamic-state", "iq-islamic-resistance", "ir-state", OTHER} <= set(reasons)
    assert "claim" in reasons["iq-kataib-hezbollah"] and "history" in reasons["iq-kataib-hezbollah"]
    assert reasons["iq-islamic-resistance"] == ["claim"] and reasons[OTHER] == []
    assert "us-military" not in reasons  # the attacked side is never suspected for holding the base
    assert math.isclose(sum(h["posterior"] for h in a["hypotheses"]), 1.0)
    assert math.isclose(sum(h["prior"] for h in a["hypotheses"]), 1.0)
    # the accused with a record of drone attacks on the base leads
    assert a["leader"] == "iq-kataib-hezbollah" and a["hypotheses"][0]["actor"] == a["leader"]


def test_every_cell_has_its_ratio_basis_and_sentence(store, attack):
    a = _json(["attribute", attack, "--db", str(store), "--json", "--no-save"])
    items = {i["summary"]: i for i in a["items"]}
    hypotheses = {h["actor"] for h in a["hypotheses"]}
    for item in a["items"]:
        assert set(item["cells"]) == hypotheses and item["sentence"] and item["doc_id"]
        named = [h for h, c in item["cells"].items() if c["ratio"] != 1.0]
        assert all(item["cells"][h]["basis"] for h in named)
    accusation = items["Iraqi security officials accuses Kataib Hezbollah (unhedged)"]
    assert accusation["sentence"] == "Iraqi security officials blamed Kataib Hezbollah for the attack."
    hint = items["US officials accuses Iran as backer (unconfirmed)"]
    denial = items["Kataib Hezbollah denies Kataib Hezbollah (denied)"]
    author = items["Levant Wire asserts Islamic State (speculative)"]
    # a hint is never weighed like an outright accusation; the author's speculation barely moves anything
    assert 1.0 < hint["cells"]["ir-state"]["ratio"] < accusation["cells"]["iq-kataib-hezbollah"]["ratio"]
    assert 1.0 < author["cells"]["iq-islamic-state"]["ratio"] < 1.1
    assert denial["cells"]["iq-kataib-hezbollah"]["ratio"] < 1.0
    capability = items["the attack used drone"]
    assert capability["cells"]["iq-kataib-hezbollah"]["ratio"] > 1.0 > capability["cells"]["iq-islamic-state"]["ratio"]
    assert "1 of 2 past events" in capability["cells"]["iq-kataib-hezbollah"]["basis"]


def test_a_denial_lowers_the_accuseds_posterior(store, attack):
    with fogmap.open(store, read_only=True) as ws:
        ea, _ = ws.attributor().assess(attack)
    a = ea.assessment
    denial = next(i for i in a.items if i.summary.startswith("Kataib Hezbollah denies"))
    without = posterior_of(a.prior, [i for i in a.items if i is not denial], a.hypotheses)
    assert a.posterior["iq-kataib-hezbollah"] < without["iq-kataib-hezbollah"]


def test_the_terminal_matrix_shows_each_sentence_and_the_sensitivity_line(store, attack):
    result = runner.invoke(app, ["attribute", attack[:8], "--db", str(store), "--no-save"], env={"COLUMNS": "160"})
    assert result.exit_code == 0, result.output
    a = _json(["attribute", attack, "--db", str(store), "--json", "--no-save"])
    for item in a["items"]:
        assert item["sentence"] in result.output
    line = next(s for s in result.output.splitlines() if s.startswith("sensitivity:"))
    item = a["sensitivity"]["item"]
    assert item and item[:8] in line and a["sensitivity"]["text"] in " ".join(result.output.split())
    # the item named is the one whose removal or reversal moves the leader most
    assert "Iraqi security officials accuses Kataib Hezbollah" in line


def test_assessments_are_kept_listed_and_forgotten_when_the_event_changes(store, attack, tmp_path):
    listed = _json(["attribute", "--unattributed", "--db", str(store), "--json"])
    assert [a["event"]["id"] for a in listed] == [attack]
    with fogmap.open(store, read_only=True) as ws:
        rows = ws.store.query("SELECT actor, rank FROM hypotheses WHERE event_id = ? ORDER BY rank", [attack])
        cells = ws.store.scalar("SELECT count(*) FROM hypothesis_evidence WHERE event_id = ?", [attack])
        kept = ws.store.query("SELECT leader, assessment FROM assessments")
    assert [r["actor"] for r in rows] == [h["actor"] for h in listed[0]["hypotheses"]]
    assert cells == len(listed[0]["items"]) * len(rows)
    assert kept[0]["leader"] == listed[0]["leader"] and json.loads(kept[0]["assessment"])["event"]["id"] == attack
    # a fourth report joins the attack: its canonical event is replaced, the old assessment goes with it
    extra = tmp_path / "more.jsonl"
    extra.write_text(json.dumps({
        "url": "https://example.org/ain-al-asad-drone-4", "outlet": "Desert Post", "published": "2023-11-22",
        "title": "Drone hits Ain al-Asad", "text": "A drone hit the Ain al-Asad air base in Anbar province on "
        "Tuesday, wounding two American soldiers, officials said."}) + "\n")
    with fogmap.open(store) as ws:
        ws.ingest([extra])
        assert ws.store.scalar("SELECT count(*) FROM assessments WHERE event_id = ?", [attack]) == 0
        assert ws.store.scalar("SELECT count(*) FROM hypotheses WHERE event_id = ?", [attack]) == 0


def test_bad_usage_and_unknown_events_exit_with_a_clear_code(store):
    assert runner.invoke(app, ["attribute", "--db", str(store)]).exit_code == 2
    assert runner.invoke(app, ["attribute", "abc", "--unattributed", "--db", str(store)]).exit_code == 2
    missing = runner.invoke(app, ["attribute", "ffffffff", "--db", str(store)])
    assert missing.exit_code == 1 and "ffffffff" in missing.output


def test_the_group_that_speaks_after_its_attack_claims_it(store):
    """"The group said in a statement that it had carried out the attack": the group is the armed group
    the event names, and naming itself as the doer is a claim of responsibility."""
    rows = _json(["claims", "--stance", "claims_responsibility", "--db", str(store), "--json"])
    assert [(r["claimant"], r["claimant_id"], r["actor_id"]) for r in rows] == [
        ("group", "iq-kataib-hezbollah", "iq-kataib-hezbollah")] * 2


def test_the_open_events_are_those_of_the_window_and_those_the_analysts_left_open(store, attack, tmp_path):
    copy = tmp_path / "reviewed.duckdb"
    copy.write_bytes(store.read_bytes())
    with fogmap.open(copy) as ws:
        ids = lambda **kw: [a["event"]["id"] for a in ws.unattributed(save=False, **kw)[0]]  # noqa: E731
        assert attack in ids()
        event = next(e for e in ws.canonical_events() if e["id"] == attack)
        day = event["date_start"]
        assert attack not in ids(until=day - dt.timedelta(days=1))  # a window that ends before it
        assert attack in ids(since=day, until=day)
        ws.review(attack, "correct", "analyst", changes={"actor1": "iq-kataib-hezbollah"})
        assert attack not in ids()  # the analyst named the perpetrator: no longer an open question
        ws.review(attack, "revert", "analyst")
        assert attack in ids()
        ws.review(attack, "reject", "analyst")
        assert attack not in ids()  # a rejected event is no question at all
