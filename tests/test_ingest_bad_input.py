"""Bad input gets one clear line naming the file and record; the rest of the batch goes on."""

import json

from fogmap.ingest import ReadOptions, read_paths
from fogmap.records import IngestFailure, SourceArticle

GOOD = "Rebels shelled the town of Idlib on Monday, killing nine civilians, a war monitor said."


def _split(paths, **options):
    items = list(read_paths(paths, ReadOptions(**options)))
    return ([i for i in items if isinstance(i, SourceArticle)],
            [(i.path.rsplit("/", 1)[-1], i.location, i.message) for i in items if isinstance(i, IngestFailure)])


def test_empty_binary_missing_and_good_files_in_one_batch(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "good.txt").write_text(GOOD)
    articles, failures = _split([tmp_path / "empty.txt", tmp_path / "image.txt", tmp_path / "missing.txt",
                                 tmp_path / "good.txt"])
    assert len(articles) == 1
    assert [(f[0], f[2].split(" (")[0]) for f in failures] == [
        ("empty.txt", "empty file"), ("image.txt", "binary data"), ("missing.txt", "no such file or folder")]


def test_wrong_encoding_names_the_byte_and_the_option(tmp_path):
    (tmp_path / "latin.txt").write_bytes("Des rebelles ont attaqué Idlib.".encode("latin-1"))
    articles, failures = _split([tmp_path / "latin.txt"])
    assert not articles
    assert "not valid UTF-8 at byte 23" in failures[0][2] and "--encoding" in failures[0][2]
    articles, failures = _split([tmp_path / "latin.txt"], encoding="latin-1")
    assert articles[0].text == "Des rebelles ont attaqué Idlib." and not failures


def test_oversized_file_is_refused_whole(tmp_path):
    (tmp_path / "big.txt").write_text(GOOD * 100)
    articles, failures = _split([tmp_path / "big.txt"], max_file_bytes=1000)
    assert not articles and "over the 1000-byte limit" in failures[0][2]


def test_jsonl_bad_lines_are_reported_by_number_and_good_ones_kept(tmp_path):
    lines = [json.dumps({"text": GOOD}), "{not json", json.dumps(["a", "list"]), json.dumps({"title": "no text"}),
             "", json.dumps({"text": "x" * 5000}), json.dumps({"text": GOOD + " Again."})]
    (tmp_path / "a.jsonl").write_text("\n".join(lines) + "\n")
    articles, failures = _split([tmp_path / "a.jsonl"], max_record_bytes=1000)
    assert [a.location for a in articles] == ["line 1", "line 7"]
    assert [(f[1], f[2].split(":")[0].split(" (")[0]) for f in failures] == [
        ("line 2", "not JSON"), ("line 3", "a JSON line must be an object, got list"),
        ("line 4", "no text in field 'text'"), ("line 6", "line longer than the 1000-byte record limit")]


def test_csv_row_with_wrong_field_count(tmp_path):
    (tmp_path / "a.csv").write_text(f'text,title\n"{GOOD}",A\n"{GOOD}",B,extra\n"{GOOD}",C\n')
    articles, failures = _split([tmp_path / "a.csv"])
    assert [a.title for a in articles] == ["A", "C"]
    assert failures == [("a.csv", "row 2", "has 3 fields, the header has 2")]


def test_malformed_feed(tmp_path):
    (tmp_path / "broken.rss").write_text("<rss><channel><item><title>x</ti")
    articles, failures = _split([tmp_path / "broken.rss"])
    assert not articles and failures[0][2].startswith("malformed feed")


def test_truncated_warc_reports_the_record_and_keeps_earlier_ones(tmp_path):
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter
    page = f"<html><body><article><p>{GOOD}</p><p>{GOOD}</p></article></body></html>"
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for i in range(2):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.0")
        writer.write_record(writer.create_warc_record(f"https://ex.org/{i}", "response",
                                                      payload=io.BytesIO(page.encode()), http_headers=headers))
    data = buffer.getvalue()
    (tmp_path / "cut.warc.gz").write_bytes(data[: len(data) - 200])
    articles, failures = _split([tmp_path / "cut.warc.gz"])
    assert [a.url for a in articles] == ["https://ex.org/0"]
    assert failures and failures[0][0] == "cut.warc.gz" and failures[0][1] == "record 2"


def test_garbage_warc(tmp_path):
    (tmp_path / "junk.warc").write_bytes(b"WARC/1.0\r\nthis is not a warc header\r\n\r\n")
    articles, failures = _split([tmp_path / "junk.warc"])
    assert not articles and failures and "WARC" in failures[0][2]


def test_gzip_that_is_not_gzip(tmp_path):
    (tmp_path / "x.warc.gz").write_bytes(b"\x1f\x8b" + b"garbage" * 10)
    articles, failures = _split([tmp_path / "x.warc.gz"])
    assert not articles and len(failures) == 1
