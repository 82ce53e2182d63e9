"""The project's own claim articles, read end to end: who says what about which event, with what stance
and how sure (issue 7).

tests/fixtures/articles/claims.jsonl holds twelve short news items written for these tests, each keyed by
the last part of its url. They cover a claim of responsibility through a group's own agency (Amaq) beside
the enemy's accusation, a government hinting that a foreign power supplied the weapons without saying
so, a confirmation, "probably" and "possibly", denials (the denier is the party denied, never an
asserted doer), the author's own speculation, nested attribution ("according to Russian sources quoted
by TASS", "Reuters reported, citing ...", "X told Y", "Y quoted X as saying"), casualty, control and
relation claims, and "according to" at either end of a sentence. They are ingested once for the module
through the public API; every claim is asserted with its claimant, chain, stance, hedge, the record it is
about, the party it puts forward and its words, and the complete set is pinned so a spurious claim
fails too.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import fogmap

ARTICLES = Path(__file__).parent / "fixtures" / "articles" / "claims.jsonl"


@dataclass(frozen=True)
class C:
    article: str
    cue: str  # the cue words, exactly
    chain: tuple[str, ...]  # the voices' words, outermost first; the claimant last
    claimant_id: str | None
    claimant_kind: str
    speaks_for: str | None  # the party the claimant is the voice of
    stance: str
    hedge: str
    about_kind: str
    about: str  # words of the sentence of the record the claim is about (an event's first sentence)
    actor: str | None  # the party the claim puts forward, as the text writes it
    actor_id: str | None
    content: str  # the content words, exactly
    fatalities: int | None = None
    injured: int | None = None


CLAIMS = [
    # a claim of responsibility through the group's own agency, and the enemy's accusation
    C("iraq-tarmiyah-amaq", "said", ("ISIS-linked agency Amaq",), "amaq", "outlet", "iq-islamic-state",
      "claims_responsibility", "unhedged", "perpetrator", "A suicide bomber blew himself up", "its fighters",
      "iq-islamic-state", "its fighters had carried out the bombing"),
    C("iraq-tarmiyah-amaq", "blamed", ("Iraqi military officials",), "iq-military", "unnamed", "iq-military",
      "accuses", "unhedged", "perpetrator", "A suicide bomber blew himself up", "Islamic State", "iq-islamic-state",
      "the attack"),
    # an accusation, then the accused's denial: the denier is the party denied
    C("afghanistan-kunduz-denial", "said", ("interior ministry",), "af-police", "organisation", "af-police",
      "asserts", "unhedged", "casualties", "Gunmen attacked a police checkpoint", None, None,
      "Gunmen attacked a police checkpoint in Kunduz on Tuesday night, killing four officers", fatalities=4),
    C("afghanistan-kunduz-denial", "accused", ("ministry",), "af-police", "organisation", "af-police",
      "accuses", "unhedged", "perpetrator", "Gunmen attacked a police checkpoint", "Taliban", "af-taliban",
      "carrying out the attack"),
    C("afghanistan-kunduz-denial", "denied", ("Taliban spokesman Zabihullah Mujahid",), "af-taliban", "person",
      "af-taliban", "denies", "denied", "perpetrator", "Gunmen attacked a police checkpoint", "the group's fighters",
      "af-taliban", "the group's fighters were involved"),
    # responsibility claimed outright; a hint that a foreign power supplied the drones stays a hint; "probably"
    C("saudi-jizan-drones", "claimed responsibility for", ("Houthi rebels",), "ye-houthis", "organisation",
      "ye-houthis", "claims_responsibility", "unhedged", "perpetrator", "A drone attack set fire", "Houthi rebels",
      "ye-houthis", "the attack"),
    C("saudi-jizan-drones", "hinted", ("Saudi officials",), "sa-state", "unnamed", "sa-state", "accuses",
      "unconfirmed", "backer", "A drone attack set fire", "Iran", "ir-state",
      "the drones had come from Iran, without saying so outright"),
    C("saudi-jizan-drones", "said", ("coalition",), None, "organisation", None, "asserts", "probable", "event",
      "A drone attack set fire", None, None, "the drones had probably been launched from Saada province"),
    # a confirmed toll, a doer named by rescuers, and the accused state's denial
    C("syria-ariha-market", "confirmed", ("Idlib health directorate",), None, "organisation", None, "asserts",
      "confirmed", "casualties", "An airstrike hit a crowded market", None, None,
      "12 people were killed in the strike", fatalities=12),
    C("syria-ariha-market", "said", ("Rescue workers",), None, "unnamed", None, "asserts", "unhedged",
      "perpetrator", "An airstrike hit a crowded market", "Russian jets", "ru-military",
      "Russian jets had carried out the raid"),
    C("syria-ariha-market", "denied", ("Russian defence ministry",), "ru-military", "organisation", "ru-military",
      "denies", "denied", "perpetrator", "An airstrike hit a crowded market", "its aircraft", "ru-military",
      "its aircraft had flown any missions in the area"),
    # "the health ministry said 12 were killed"; the author's "probably" is speculation
    C("iraq-sadr-city-toll", "said", ("health ministry",), None, "organisation", "iq-state", "asserts", "unhedged",
      "casualties", "The health ministry said 12 people were killed", None, None,
      "12 people were killed and 30 wounded", fatalities=12, injured=30),
    C("iraq-sadr-city-toll", "probably", ("Baghdad Bureau",), None, "author", None, "asserts", "speculative",
      "perpetrator", "A car bomb exploded", "Islamic State", "iq-islamic-state",
      "The bombing was probably the work of Islamic State, which has struck the district before"),
    # the article's author speculating: a claim by the outlet, speculative
    C("mali-menaka-ambush", "said", ("Malian army",), "ml-military", "organisation", "ml-military", "asserts",
      "unhedged", "casualties", "Gunmen ambushed an army patrol", None, None,
      "Gunmen ambushed an army patrol near Menaka on Friday, killing five soldiers", fatalities=5),
    C("mali-menaka-ambush", "might be a sign that", ("Sahel Monitor",), None, "author", None, "asserts",
      "speculative", "perpetrator", "Gunmen ambushed an army patrol", "Islamic State", "is-sahel",
      "Islamic State in the Sahel is expanding its reach towards the border with Niger"),
    C("mali-menaka-ambush", "It is likely that", ("Sahel Monitor",), None, "author", None, "asserts", "speculative",
      "event", "Gunmen ambushed an army patrol", None, None, "the attackers came from across the border"),
    # nested attribution, and "according to" at either end of a sentence
    C("ukraine-nova-kakhovka", "according to", ("TASS", "Russian sources"), None, "unnamed", "ru-state", "accuses",
      "unhedged", "perpetrator", "A missile struck a fuel depot", "Ukrainian forces", "ua-military",
      "Ukrainian forces fired the missiles"),
    C("ukraine-nova-kakhovka", "According to", ("Ukrainian military",), "ua-military", "organisation", "ua-military",
      "asserts", "unhedged", "casualties", "According to the Ukrainian military", None, None,
      "Russian troops shelled Kherson overnight, killing two civilians", fatalities=2),
    C("ukraine-nova-kakhovka", "According to", ("Ukrainian military",), "ua-military", "organisation", "ua-military",
      "accuses", "unhedged", "perpetrator", "According to the Ukrainian military", "Russian troops", "ru-military",
      "Russian troops shelled Kherson overnight, killing two civilians"),
    # a control claim by state media, and a relayed casualty figure
    C("syria-saraqib-sana", "reported", ("state news agency SANA",), "sy-sana", "outlet", "sy-state", "asserts",
      "unhedged", "control", "The Syrian army entered the town of Saraqib", "Syrian army", "sy-military",
      "The Syrian army entered the town of Saraqib on Monday after rebels withdrew"),
    C("syria-saraqib-sana", "quoted", ("State television", "military source"), "sy-military", "unnamed",
      "sy-military", "asserts", "unhedged", "casualties", "State television quoted a military source", None, None,
      "30 militants were killed in the fighting", fatalities=30),
    # a relation claim
    C("syria-kurdish-talks", "said", ("Kurdish official",), None, "unnamed", None, "asserts", "unhedged", "relation",
      "Kurdish-led forces held talks with the Syrian government", "Kurdish-led forces", "sy-sdf",
      "Kurdish-led forces held talks with the Syrian government on Sunday about deploying troops along the border"),
    # "possibly": an accusation that stays possible
    C("somalia-afgoye-bomb", "said", ("Local officials",), "so-state", "unnamed", "so-state", "accuses", "possible",
      "perpetrator", "A roadside bomb struck a minibus", "al-Shabaab militants", "so-al-shabaab",
      "the bomb was possibly planted by al-Shabaab militants, who often target the road"),
    # a confirmation by the doer's own side; activists' toll
    C("syria-idlib-pentagon", "said", ("activists",), None, "unnamed", None, "asserts", "unhedged", "casualties",
      "A drone strike killed a senior al-Qaeda commander", None, None,
      "A drone strike killed a senior al-Qaeda commander near Idlib on Tuesday", fatalities=1),
    C("syria-idlib-pentagon", "confirmed", ("Pentagon",), "us-military", "organisation", "us-military",
      "claims_responsibility", "confirmed", "perpetrator", "A drone strike killed a senior al-Qaeda commander",
      "US forces", "us-military", "US forces had carried out the strike"),
    # "citing" and "told": the outlet relays unnamed sources and a spokesman
    C("syria-qamishli-reuters", "reported", ("Reuters", "two security sources"), None, "unnamed", None, "asserts",
      "unhedged", "perpetrator", "Turkish drones struck a convoy", "Turkish drones", "tr-military",
      "Turkish drones struck a convoy of Kurdish fighters near Qamishli on Friday"),
    C("syria-qamishli-reuters", "told", ("Hawar News Agency", "SDF spokesman"), "sy-sdf", "unnamed", "sy-sdf",
      "asserts", "unhedged", "casualties", "Turkish drones struck a convoy", None, None,
      "two fighters were killed in the strike", fatalities=2),
]

# Sentences that must yield no claim: a claim no one made, a supposition, a group that said nothing
NO_CLAIM = {
    "iraq-sadr-city-toll": "No group has claimed responsibility for the bombing.",
    "saudi-jizan-drones": "If Iran was behind the attack, the response would be severe, a Saudi official said.",
    "somalia-afgoye-bomb": "The group has not commented.",
    "syria-kurdish-talks": "No agreement was announced.",
}


@pytest.fixture(scope="module")
def store(tmp_path_factory, settings) -> dict[str, Any]:
    """The articles ingested once; their documents, claims (with chains) and the records claims point at."""
    db = tmp_path_factory.mktemp("claims") / "claims.duckdb"
    with fogmap.open(db, settings) as ws:
        report = ws.ingest([ARTICLES])
        assert report.ingested == sum(1 for _ in ARTICLES.open(encoding="utf-8")) and not report.failures
        docs = {r["url"].rsplit("/", 1)[1]: r for r in ws.store.query("SELECT id, url, outlet, text FROM documents")}
        claims = ws.claims()
        records = {r["id"]: (r["kind"], r["doc_id"], r["start_char"], r["end_char"]) for r in ws.store.query("""
            SELECT 'event' AS kind, event_id AS id, doc_id, min(start_char) AS start_char, min(end_char) AS end_char
            FROM event_spans WHERE role = 'sentence' GROUP BY event_id, doc_id
            UNION ALL SELECT 'control', control_id, doc_id, start_char, end_char FROM control_spans WHERE role = 'sentence'
            UNION ALL SELECT 'relation', relation_id, doc_id, start_char, end_char FROM relation_spans
                      WHERE role = 'sentence'""")}
    by_id = {d["id"]: key for key, d in docs.items()}
    for row in claims:
        row["article"] = by_id[row["doc_id"]]
    return {"db": db, "docs": docs, "claims": claims, "records": records}


def _key(article: str, cue: str, about_kind: str, actor: str | None) -> tuple:
    return article, cue, about_kind, actor


def _found(store: dict[str, Any], c: C) -> dict[str, Any]:
    rows = [r for r in store["claims"] if _key(r["article"], r["cue"], r["about_kind"], r["actor"])
            == _key(c.article, c.cue, c.about_kind, c.actor)]
    assert len(rows) == 1, f"{c}: found {[_key(r['article'], r['cue'], r['about_kind'], r['actor']) for r in rows]}"
    return rows[0]


@pytest.mark.parametrize("c", CLAIMS, ids=lambda c: f"{c.article}:{c.cue}:{c.about_kind}")
def test_each_claim_has_its_claimant_stance_hedge_and_words(store, c):
    row = _found(store, c)
    assert tuple(s["words"] for s in row["chain"]) == c.chain
    assert (row["claimant"], row["claimant_id"], row["claimant_kind"], row["speaks_for_id"]) == (
        c.chain[-1], c.claimant_id, c.claimant_kind, c.speaks_for)
    assert (row["stance"], row["hedge"]) == (c.stance, c.hedge)
    assert (row["actor"], row["actor_id"]) == (c.actor, c.actor_id)
    assert row["content"] == c.content
    assert (row["fatalities"], row["injured"]) == (c.fatalities, c.injured)


@pytest.mark.parametrize("c", CLAIMS, ids=lambda c: f"{c.article}:{c.cue}:{c.about_kind}")
def test_each_claim_points_at_the_record_it_is_about(store, c):
    row = _found(store, c)
    kind, doc_id, start, end = store["records"][row["about"]]
    assert kind == {"control": "control", "relation": "relation"}.get(c.about_kind, "event")
    assert doc_id == row["doc_id"]
    assert c.about in store["docs"][c.article]["text"][start:end]


@pytest.mark.parametrize("c", CLAIMS, ids=lambda c: f"{c.article}:{c.cue}:{c.about_kind}")
def test_every_span_is_the_words_inside_its_sentence(store, c):
    row = _found(store, c)
    text = store["docs"][c.article]["text"]
    s, e = row["sentence_start"], row["sentence_end"]
    assert text[row["cue_start"]:row["cue_end"]] == c.cue and text[row["content_start"]:row["content_end"]] == c.content
    spans = [(row["cue_start"], row["cue_end"]), (row["content_start"], row["content_end"])]
    spans += [(v["start_char"], v["end_char"]) for v in row["chain"] if v["kind"] != "author"]
    if row["actor_start"] is not None:
        assert text[row["actor_start"]:row["actor_end"]] == c.actor
        spans.append((row["actor_start"], row["actor_end"]))
    assert all(s <= a < b <= e for a, b in spans), spans
    for voice in row["chain"]:
        if voice["kind"] != "author":
            assert text[voice["start_char"]:voice["end_char"]] == voice["words"]


def test_the_claims_are_exactly_those_expected(store):
    expected = {_key(c.article, c.cue, c.about_kind, c.actor) for c in CLAIMS}
    found = {_key(r["article"], r["cue"], r["about_kind"], r["actor"]) for r in store["claims"]}
    assert found == expected


@pytest.mark.parametrize("article", sorted(NO_CLAIM))
def test_a_claim_no_one_made_or_a_supposition_is_no_claim(store, article):
    sentence = NO_CLAIM[article]
    text = store["docs"][article]["text"]
    start = text.index(sentence)
    assert not [r for r in store["claims"] if r["article"] == article and start <= r["cue_start"] < start + len(sentence)]


def test_a_hinted_accusation_is_never_upgraded_to_an_assertion(store):
    text = store["docs"]["saudi-jizan-drones"]["text"]
    start = text.index("Saudi officials hinted")
    said = [r for r in store["claims"] if r["article"] == "saudi-jizan-drones" and r["sentence_start"] == start]
    assert said and all(r["hedge"] == "unconfirmed" and r["stance"] != "asserts" for r in said)


def test_a_denial_names_the_denier_as_the_party_denied_not_as_a_doer(store):
    kunduz = [r for r in store["claims"] if r["article"] == "afghanistan-kunduz-denial" and r["actor_id"] == "af-taliban"]
    assert {(r["stance"], r["hedge"]) for r in kunduz} == {("accuses", "unhedged"), ("denies", "denied")}
    ariha = [r for r in store["claims"] if r["article"] == "syria-ariha-market" and r["stance"] == "denies"]
    assert [(r["actor_id"], r["hedge"], r["claimant_id"]) for r in ariha] == [("ru-military", "denied", "ru-military")]
    # no claim anywhere asserts or claims a doer with a hedge of "denied", nor denies without it
    assert all((r["stance"] == "denies") == (r["hedge"] == "denied") for r in store["claims"])


def test_own_agency_claims_responsibility_while_the_enemy_accuses(store):
    amaq = [r for r in store["claims"] if r["article"] == "iraq-tarmiyah-amaq"]
    assert {r["stance"]: r["actor_id"] for r in amaq} == {"claims_responsibility": "iq-islamic-state",
                                                         "accuses": "iq-islamic-state"}
    assert len({r["about"] for r in amaq}) == 1  # both about the bombing, not the sentences that retell it


def test_the_author_speaks_for_the_outlet(store):
    authored = [r for r in store["claims"] if r["claimant_kind"] == "author"]
    assert {(r["article"], r["claimant"]) for r in authored} == {
        ("mali-menaka-ambush", "Sahel Monitor"), ("iraq-sadr-city-toll", "Baghdad Bureau")}
    assert all(r["hedge"] == "speculative" and r["claimant_start"] is None for r in authored)
    assert all(r["chain"] == [{"seq": 0, "words": r["claimant"], "kind": "author", "actor_id": None,
                               "speaks_for_id": None, "start_char": None, "end_char": None}] for r in authored)


# --- the library face, the command, export and re-extraction -----------------------------------------


@pytest.fixture(scope="module")
def workspace(store, settings):
    with fogmap.open(store["db"], settings, read_only=True) as ws:
        yield ws


def _event_of(store: dict[str, Any], article: str) -> str:
    (about,) = {r["about"] for r in store["claims"] if r["article"] == article and r["about_kind"] == "perpetrator"}
    return about


def test_claims_about_one_event_by_id_prefix(workspace, store):
    event = _event_of(store, "iraq-tarmiyah-amaq")
    rows = workspace.claims(event_id=event[:8])
    assert [(r["claimant"], r["stance"]) for r in rows] == [
        ("ISIS-linked agency Amaq", "claims_responsibility"), ("Iraqi military officials", "accuses")]
    doc = store["docs"]["afghanistan-kunduz-denial"]["id"]
    assert [r["stance"] for r in workspace.claims(doc_id=doc[:6])] == ["asserts", "accuses", "denies"]
    assert {r["article"] if "article" in r else r["doc_id"] for r in workspace.claims(stance="denies")} == {
        store["docs"]["afghanistan-kunduz-denial"]["id"], store["docs"]["syria-ariha-market"]["id"]}


def test_an_unknown_event_or_document_is_not_found(workspace):
    with pytest.raises(fogmap.NotFoundError, match="no event with id"):
        workspace.claims(event_id="nosuchevent")
    with pytest.raises(fogmap.NotFoundError, match="no document with id"):
        workspace.claims(doc_id="nosuchdoc")


def _run(*args: str):
    from typer.testing import CliRunner

    from fogmap.cli import app

    return CliRunner().invoke(app, ["claims", *args])


def test_claims_through_the_command(store):
    event = _event_of(store, "syria-ariha-market")
    result = _run("--event", event[:8], "--db", str(store["db"]), "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [(r["claimant"], r["stance"], r["hedge"]) for r in rows] == [
        ("Idlib health directorate", "asserts", "confirmed"), ("Rescue workers", "asserts", "unhedged"),
        ("Russian defence ministry", "denies", "denied")]
    table = _run("--doc", store["docs"]["ukraine-nova-kakhovka"]["id"][:8], "--db", str(store["db"]))
    assert table.exit_code == 0 and "3 claim(s)" in table.stdout, table.output


def test_the_claims_table_shows_chain_stance_hedge_about_words_and_source(workspace, store):
    from rich.console import Console

    from fogmap.render_claims import print_claims

    console = Console(width=220, record=True)
    print_claims(console, workspace.claims(doc_id=store["docs"]["ukraine-nova-kakhovka"]["id"]))
    shown = console.export_text()
    for words in ("TASS > Russian sources", "ru-state", "accuses", "unhedged", "perpetrator: Ukrainian",
                  "(ua-military)", "according to | Ukrainian forces fired the missiles", "casualties: 2 fatalities",
                  "Dnipro Daily", "2022-11-10", store["docs"]["ukraine-nova-kakhovka"]["id"][:8]):
        assert words in shown, words


def test_an_unknown_id_exits_1_with_one_line(store):
    result = _run("--event", "nosuchevent", "--db", str(store["db"]))
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == ["error: no event with id 'nosuchevent' (ids are shown by `fogmap events`)"]
    assert _run("--stance", "hints", "--db", str(store["db"])).exit_code == 2


def test_claims_export_keeps_chain_words_and_spans(workspace, store, tmp_path):
    path = tmp_path / "claims.jsonl"
    assert workspace.export(path, what="claims") == len(store["claims"])
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    tass = next(r for r in rows if r["chain"] == "TASS > Russian sources")
    assert (tass["stance"], tass["actor_id"], tass["cue"], tass["chain_ids"]) == ("accuses", "ua-military",
                                                                                 "according to", "ru-tass > ")
    text = store["docs"]["ukraine-nova-kakhovka"]["text"]
    assert text[tass["content_start"]:tass["content_end"]] == tass["content"]


def test_reextraction_replaces_a_documents_claims(store, settings, tmp_path):
    import shutil

    db = tmp_path / "copy.duckdb"
    shutil.copy(store["db"], db)
    with fogmap.open(db, settings) as ws:
        before = ws.store.query("SELECT * FROM claims ORDER BY id")
        chains = ws.store.query("SELECT * FROM claim_sources ORDER BY claim_id, seq")
        ws.reextract(every=True)
        assert ws.store.query("SELECT * FROM claims ORDER BY id") == before
        assert ws.store.query("SELECT * FROM claim_sources ORDER BY claim_id, seq") == chains
