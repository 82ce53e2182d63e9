"""Each input format, read from files the test writes itself."""

import datetime as dt
import io
import json

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from fogmap.ingest import ReadOptions, parse_field_map, read_paths
from fogmap.records import IngestFailure, SourceArticle

BODY = ("Rebels shelled the town of Maarat al-Numan in Idlib province on Monday, killing nine civilians, "
        "a war monitor said. Rescue workers searched the rubble of the market for survivors.")
PAGE = f"""<html><head><title>Shelling kills nine in Idlib</title>
<meta property="og:site_name" content="Levant Post"><meta name="date" content="2019-08-12"></head>
<body><nav>Home | World | Sport</nav><article><h1>Shelling kills nine in Idlib</h1><p>{BODY}</p>
<p>{BODY}</p><figure><img src="a.jpg"><figcaption>Smoke over the market on Monday.</figcaption></figure>
</article><footer>Copyright Levant Post</footer></body></html>"""


def _read(*paths, **options):
    return list(read_paths(paths, ReadOptions(**options)))


def _articles(items):
    return [i for i in items if isinstance(i, SourceArticle)]


def test_plain_text_with_dateline(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(f"Friday, January 4, 2019\n\n{BODY}\n")
    [article] = _read(path)
    assert article.format == "text" and article.published == dt.date(2019, 1, 4)
    assert article.text.endswith("survivors.") and article.location is None


def test_html_main_text_metadata_and_captions(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(PAGE)
    [article] = _read(path)
    assert "Maarat al-Numan" in article.text
    assert "Home | World" not in article.text and "Copyright" not in article.text
    assert "Smoke over the market" not in article.text
    assert [a.kind for a in article.asides] == ["caption"]
    assert article.title == "Shelling kills nine in Idlib"
    assert article.outlet == "Levant Post"


def test_rss_feed_items_with_wordpress_footer(tmp_path):
    path = tmp_path / "feed.rss"
    items = "".join(f"""<item><title>{'' if i else 'Nine killed'}</title><link>https://ex.org/{i}</link>
        <pubDate>Mon, 12 Aug 2019 10:00:00 GMT</pubDate><description><![CDATA[<p>{BODY}</p>
        <p>The post Shelling in Idlib appeared first on Levant Post.</p>]]></description></item>""" for i in range(2))
    path.write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>LP feed</title>{items}</channel></rss>')
    articles = _read(path)
    assert [a.location for a in articles] == ["item 1", "item 2"]
    assert articles[0].title == "Nine killed" and articles[1].title == "Shelling in Idlib"
    assert all(a.outlet == "LP feed" and "appeared first" not in a.text for a in articles)
    assert articles[0].published == dt.date(2019, 8, 12) and articles[0].url == "https://ex.org/0"


def test_atom_feed(tmp_path):
    path = tmp_path / "feed.atom"
    path.write_text(f"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
      <title>Atom News</title><entry><title>Clash</title><link href="https://ex.org/a"/>
      <updated>2020-03-01T10:00:00Z</updated><content type="html">&lt;p&gt;{BODY}&lt;/p&gt;</content></entry></feed>""")
    [article] = _read(path)
    assert article.format == "feed" and article.published == dt.date(2020, 3, 1) and "Idlib" in article.text


def _warc(path, records, gz=True):
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=gz)
        for url, content_type, body in records:
            headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.0")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body.encode()),
                                                          http_headers=headers))


def test_warc_response_records_with_html(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    _warc(path, [("https://ex.org/1", "text/html; charset=utf-8", PAGE),
                 ("https://ex.org/robots.txt", "text/plain", "User-agent: *"),
                 ("https://ex.org/2", "text/html", PAGE.replace("nine", "ten"))])
    articles = _read(path)
    assert [(a.url, a.location, a.format) for a in articles] == [
        ("https://ex.org/1", "record 1", "warc"), ("https://ex.org/2", "record 3", "warc")]


def test_jsonl_with_remapped_fields_and_published(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"article_content": BODY, "article_title": "T", "date_iso": "2013-08-21",
                                "source": "Reuters"}) + "\n")
    fields = parse_field_map(["text=article_content", "title=article_title", "published=date_iso", "outlet=source"])
    [article] = _read(path, field_map=fields)
    assert (article.title, article.outlet, article.published) == ("T", "Reuters", dt.date(2013, 8, 21))
    assert article.location == "line 1"


def test_published_default_only_fills_unknown_dates(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"text": BODY}) + "\n" + json.dumps({"text": BODY, "published": "2019-01-01"}) + "\n")
    dates = [a.published for a in _read(path, published_default=dt.date(2020, 5, 5))]
    assert dates == [dt.date(2020, 5, 5), dt.date(2019, 1, 1)]


def test_csv_and_tsv(tmp_path):
    (tmp_path / "a.csv").write_text(f'url,date,title,text\nhttps://ex.org/1,2019-01-04,T,"{BODY}"\n')
    (tmp_path / "b.tsv").write_text(f"text\ttitle\n{BODY}\tU\n")
    articles = _read(tmp_path / "a.csv", tmp_path / "b.tsv", field_map=parse_field_map(["published=date"]))
    assert [(a.format, a.title, a.location) for a in articles] == [("csv", "T", "row 1"), ("csv", "U", "row 1")]
    assert articles[0].published == dt.date(2019, 1, 4)


def test_folder_walk_is_sorted_and_skips_hidden(tmp_path):
    for name in ("b.txt", "a.txt", ".hidden.txt", "sub/c.txt"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(BODY)
    assert [a.path.split("/")[-1] for a in _read(tmp_path)] == ["a.txt", "b.txt", "c.txt"]


def test_field_map_errors_name_the_valid_keys():
    import pytest

    from fogmap.errors import ConfigError
    with pytest.raises(ConfigError, match="valid keys: text, title"):
        parse_field_map(["body=article_content"])
    with pytest.raises(ConfigError, match="KEY=COLUMN"):
        parse_field_map(["text"])


def test_failures_are_records_not_exceptions(tmp_path):
    items = _read(tmp_path / "nowhere.txt")
    assert items == [IngestFailure(str(tmp_path / "nowhere.txt"), None, "no such file or folder")]
