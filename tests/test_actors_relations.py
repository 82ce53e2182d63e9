"""Relations between actors: stated in a sentence, or implied by a battle between two named sides."""

import json

import pytest
from typer.testing import CliRunner

import fogmap
from fogmap.actors.relations import sentence_relations
from fogmap.cli import app
from helpers import write_jsonl


def spans(sentence, *words):
    return [(sentence.index(w), sentence.index(w) + len(w)) for w in words]


@pytest.mark.parametrize("sentence, a, kind, b", [
    ("Iran has long supported the Houthis.", "Iran", "backs", "the Houthis"),
    ("The SDF, which is backed by the United States, advanced.", "the United States", "backs", "The SDF"),
    ("Hezbollah fought alongside Syrian government forces.", "Hezbollah", "allied", "Syrian government forces"),
    ("Talks between the government and the Taliban resumed.", "the government", "negotiates", "the Taliban"),
    ("Al-Shabaab has fought the Somali army for years.", "Al-Shabaab", "hostile", "the Somali army"),
])
def test_stated_relations_and_their_direction(sentence, a, kind, b):
    (found,) = sentence_relations(sentence, spans(sentence, a, b))
    assert (found.kind, found.actor_a, found.actor_b) == (kind, *spans(sentence, a, b))


def test_backed_by_is_read_one_way_only():
    sentence = "Syrian government forces backed by Russian warplanes recaptured Palmyra."
    found = sentence_relations(sentence, spans(sentence, "Syrian government forces", "Russian warplanes"))
    assert [(r.kind, r.actor_a, r.actor_b) for r in found] == [
        ("backs", *spans(sentence, "Russian warplanes", "Syrian government forces"))]


def test_actor_phrases_take_the_kb_s_longer_names_and_join_an_office_to_its_holder():
    from fogmap.actors.relations import actor_phrases
    from fogmap.actors.resolve import default_resolver

    sentence = "Putin agreed a ceasefire with Turkish President Recep Tayyip Erdogan as Wagner mercenaries left."
    entities = [(30, 37, "NORP", "Turkish"), (48, 68, "PERSON", "Recep Tayyip Erdogan"), (72, 78, "ORG", "Wagner")]
    found = [sentence[s:e] for s, e in actor_phrases(sentence, entities, default_resolver(), "SY")]
    assert "Turkish President Recep Tayyip Erdogan" in found and "Wagner mercenaries" in found


def test_denied_or_conditional_relations_are_not_relations():
    for sentence in ("Turkey denied that it armed the rebels.", "If Iran backed the Houthis, the war would widen."):
        names = ("Turkey", "the rebels") if "Turkey" in sentence else ("Iran", "the Houthis")
        assert sentence_relations(sentence, spans(sentence, *names)) == []


def test_relations_through_the_store_and_the_command(tmp_path, settings):
    text = ("US-backed Kurdish forces captured the town of Manbij from Islamic State on Friday. "
            "Iran has long supported the Houthis. Syrian government forces clashed with rebels near Aleppo on Sunday.")
    db = tmp_path / "r.duckdb"
    with fogmap.open(db, settings) as ws:
        ws.ingest([write_jsonl(tmp_path / "r.jsonl", [text])])
        found = {(r["actor_a"], r["kind"], r["actor_b"]): r for r in ws.relations()}
    assert ("US", "backs", "Kurdish forces") in found and ("Iran", "backs", "Houthis") in found
    clash = found[("Syrian government forces", "hostile", "rebels")]
    assert set(clash["sources"]) == {"text", "event"} and clash["statements"] == 2
    result = CliRunner().invoke(app, ["relations", "--db", str(db), "--actor", "iran", "--json"])
    assert result.exit_code == 0, result.output
    assert [r["actor_b"] for r in json.loads(result.stdout)["relations"]] == ["Houthis"]
    assert CliRunner().invoke(app, ["relations", "--db", str(db), "--at", "2001-01-01"]).exit_code == 1


def test_the_network_for_gephi_is_well_formed_and_escaped():
    import xml.etree.ElementTree as ET

    from fogmap.actors.network import gexf, graphml

    rows = [{"a_key": "us", "actor_a": "US", "kind": "backs", "b_key": "sdf & ypg", "actor_b": "SDF <& YPG>",
             "first": "2016-01-01", "last": "2016-08-01", "documents": 3, "statements": 4, "confidence": 0.8,
             "sources": ["text"]}]
    g = ET.fromstring(graphml(rows))
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    assert [n.get("id") for n in g.iterfind(".//g:node", ns)] == ["us", "sdf & ypg"]
    (edge,) = g.iterfind(".//g:edge", ns)
    assert (edge.get("source"), edge.get("target")) == ("us", "sdf & ypg")
    x = ET.fromstring(gexf(rows))
    (edge,) = x.iterfind(".//{http://gexf.net/1.3}edge")
    assert edge.get("weight") == "3" and edge.get("label") == "backs"
    labels = [n.get("label") for n in x.iterfind(".//{http://gexf.net/1.3}node")]
    assert labels == ["US", "SDF <& YPG>"]


def test_actors_lists_resolved_actors_and_unknown_names_for_review(tmp_path, settings):
    text = ("Fighters of the Qzorvel Brigade attacked a Syrian army checkpoint near Aleppo on Monday, "
            "killing three soldiers.")
    db = tmp_path / "a.duckdb"
    with fogmap.open(db, settings) as ws:
        ws.ingest([write_jsonl(tmp_path / "a.jsonl", [text])])
        known = {r["actor_id"]: r for r in ws.actors()}
    assert known["sy-military"]["acled_name"] == "Military Forces of Syria (2000-)"
    result = CliRunner().invoke(app, ["actors", "--db", str(db), "--unknown", "--json"])
    assert result.exit_code == 0, result.output
    assert any("Qzorvel Brigade" in r["words"] for r in json.loads(result.stdout)["actors"])


def test_an_unwritable_network_file_is_a_clear_error(tmp_path, settings):
    db = tmp_path / "r.duckdb"
    with fogmap.open(db, settings) as ws:
        ws.ingest([write_jsonl(tmp_path / "r.jsonl", ["Iran has long supported the Houthis."])])
    target = tmp_path / "no-such-dir" / "actors.gexf"
    result = CliRunner().invoke(app, ["relations", "--db", str(db), "--network", str(target)])
    assert result.exit_code == 1 and "cannot write" in result.output and not target.parent.exists()
