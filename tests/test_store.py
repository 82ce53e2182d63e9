import duckdb
import pytest

from fogmap.errors import SchemaVersionError, StoreError
from fogmap.records import Document, DocumentExtraction, EntityMention, EventCandidate, IngestFailure, Sentence, Span
from fogmap.store import lookups, queries
from fogmap.store.db import Store
from fogmap.store.schema import SCHEMA_VERSION
from fogmap.store.writes import BatchCounts, NearDupEntry, start_run, write_batch


def _doc(i: str, text: str = "Rebels attacked the town.", **kw) -> Document:
    return Document(id=i, text=text, content_hash=f"h{i}", **kw)


def _extraction(doc_id: str) -> DocumentExtraction:
    sent = Span(doc_id, 0, 25)
    return DocumentExtraction(
        doc_id=doc_id,
        sentences=(Sentence(doc_id, 0, 0, 25, False),),
        entities=(EntityMention(Span(doc_id, 0, 6), "NORP", "Rebels", 0, "ner:test"),),
        candidates=(EventCandidate(f"c{doc_id}", sent, Span(doc_id, 7, 15), "attacked", "attack", "attack",
                                   "Unspecified violence", "asserted", False, "SY", "test_v1"),),
        country_focus="SY",
    )


def test_new_store_is_migrated_to_the_current_schema(tmp_path):
    with Store(tmp_path / "a.duckdb") as store:
        assert store.schema_version() == SCHEMA_VERSION
        tables = {r[0] for r in store.con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    # every capability has its room from the start
    assert {"documents", "sentences", "entity_mentions", "event_candidates", "events", "event_spans", "actors",
            "places", "place_mentions", "claims", "relations", "control_assertions", "hypotheses"} <= tables


def test_reopening_does_not_migrate_twice(tmp_path):
    Store(tmp_path / "a.duckdb").close()
    with Store(tmp_path / "a.duckdb") as store:
        assert store.scalar("SELECT count(*) FROM schema_version") == SCHEMA_VERSION


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "a.duckdb"
    with Store(path) as store:
        store.con.execute("INSERT INTO schema_version VALUES (999, 'future', now())")
    with pytest.raises(SchemaVersionError, match="newer fogmap"):
        Store(path)


def test_read_only_open_of_missing_store_says_how_to_make_one(tmp_path):
    with pytest.raises(StoreError, match="fogmap ingest"):
        Store(tmp_path / "missing.duckdb", read_only=True)


def test_a_file_that_is_not_a_store_is_refused(tmp_path):
    path = tmp_path / "notes.duckdb"
    path.write_text("these are my notes, not a database")
    with pytest.raises(StoreError):
        Store(path)


def test_batch_is_written_whole_with_provenance(tmp_path):
    with Store(tmp_path / "a.duckdb") as store:
        run = start_run(store)
        write_batch(store, run, [_doc("d1"), _doc("d2", duplicate_of="d1", duplicate_kind="copy")],
                    [_extraction("d1")], [NearDupEntry("d1", b"\x00" * 8, ((0, 42),))],
                    [IngestFailure("x.jsonl", "line 3", "not JSON")], BatchCounts(ingested=1, copies=1), ["test_v1"])
        rows = queries.candidates(store, queries.CandidateFilter())
        assert [(r["doc_id"], r["trigger_text"], r["sentence"]) for r in rows] == [
            ("d1", "attacked", "Rebels attacked the town.")]
        assert store.scalar("SELECT failed FROM ingest_runs WHERE id = ?", [run]) == 1
        assert lookups.existing_ids(store, ["d1", "d9"]) == {"d1"}
        assert lookups.originals_by_hash(store, ["hd1", "hd2"]) == {"hd1": "d1", "hd2": "d1"}
        assert lookups.near_dup_candidates(store, [(0, 42), (1, 42)]) == {"d1": b"\x00" * 8}


def test_failed_batch_leaves_nothing_behind(tmp_path):
    with Store(tmp_path / "a.duckdb") as store:
        run = start_run(store)
        with pytest.raises(duckdb.Error):  # the same document id twice: a primary-key violation mid-batch
            write_batch(store, run, [_doc("d1"), _doc("d1")], [_extraction("d1")], [], [],
                        BatchCounts(ingested=2), ["test_v1"])
        assert store.scalar("SELECT count(*) FROM documents") == 0
        assert store.scalar("SELECT count(*) FROM sentences") == 0
        assert store.scalar("SELECT ingested FROM ingest_runs WHERE id = ?", [run]) == 0


def test_document_prefix_lookup(tmp_path):
    with Store(tmp_path / "a.duckdb") as store:
        write_batch(store, start_run(store), [_doc("abc123"), _doc("abd456")], [], [], [], BatchCounts(), [])
        assert queries.resolve_doc_id(store, "abc") == "abc123"
        with pytest.raises(Exception, match="ambiguous"):
            queries.resolve_doc_id(store, "ab")
        with pytest.raises(Exception, match="no document"):
            queries.resolve_doc_id(store, "zz")


def test_spans_are_character_offsets_even_after_non_ascii_text(tmp_path):
    text = "Ḥamāh — «Rebels» attacked Dayr az-Zawr."
    start = text.index("attacked")
    with Store(tmp_path / "a.duckdb") as store:
        ex = DocumentExtraction("d1", (Sentence("d1", 0, 0, len(text)),), (), (
            EventCandidate("c1", Span("d1", 0, len(text)), Span("d1", start, start + 8), "attacked", "attack",
                           "attack", "Unspecified violence", "asserted", False, None, "t"),))
        write_batch(store, start_run(store), [_doc("d1", text)], [ex], [], [], BatchCounts(ingested=1), [])
        row = queries.candidates(store, queries.CandidateFilter())[0]
        assert row["sentence"] == text
        assert row["sentence"][row["trigger_start"]:row["trigger_end"]] == "attacked"


def test_a_ctrl_c_that_duckdb_wraps_is_still_an_interruption():
    import duckdb

    from fogmap.store.db import is_interruption

    wrapped = duckdb.InvalidInputException(
        "Invalid Input Error: reading the object registered as '_fogmap_q' as Arrow data failed: KeyboardInterrupt: ")
    assert is_interruption(wrapped) and is_interruption(duckdb.InterruptException("INTERRUPT Error"))
    assert not is_interruption(duckdb.InvalidInputException("Invalid Input Error: bad column"))


def test_an_interruption_inside_an_aborted_transaction_is_not_hidden_by_the_cleanup(tmp_path):
    """DuckDB refuses to unregister an Arrow table once the transaction is aborted; that refusal must not
    replace the Ctrl-C (the CLI's exit code 130 depends on seeing it)."""
    import pyarrow as pa

    store = Store(tmp_path / "s.duckdb")
    with pytest.raises(KeyboardInterrupt):
        with store.transaction():
            with store.registered("_t", pa.table({"x": [1]})):
                with pytest.raises(duckdb.Error):
                    store.con.execute("SELECT * FROM no_such_table")  # aborts the transaction
                raise KeyboardInterrupt
    store.close()


@pytest.mark.parametrize("read_only", [False, True])
def test_someone_elses_database_is_refused_and_left_as_it_was(tmp_path, read_only):
    path = tmp_path / "theirs.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE prices (item VARCHAR, price DOUBLE)")
    con.close()
    with pytest.raises(StoreError, match="not a fogmap store"):
        Store(path, read_only=read_only)
    con = duckdb.connect(str(path), read_only=True)
    assert [r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()] == ["prices"]
    con.close()
