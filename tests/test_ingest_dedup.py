"""MinHash fingerprints and the document identity rules."""

from fogmap.ingest.dedup import fingerprint, shingles, signature_from_bytes, similarity
from fogmap.ingest.identity import content_hash, document_id, to_document
from fogmap.records import SourceArticle

ARTICLE = (
    "Syrian government forces backed by Russian air power advanced on the rebel-held town of Khan Sheikhoun "
    "in southern Idlib province on Monday, a war monitor said, after days of heavy bombardment that killed "
    "dozens of civilians and forced thousands of families to flee north towards the Turkish border. The "
    "Syrian Observatory for Human Rights said the army had taken two villages west of the town overnight. "
    "Turkey, which backs some of the rebel factions, said one of its observation posts near Morek had come "
    "under fire and warned Damascus against further escalation. Russia's defence ministry said its jets had "
    "struck only militant positions, and accused Hayat Tahrir al-Sham of shelling government-held areas."
)


def test_rewrapped_text_has_the_same_hash_but_other_text_does_not():
    assert content_hash("a  b\nc") == content_hash("a b c")
    assert content_hash("a b c") != content_hash("a b d")


def test_document_id_depends_on_url_and_text():
    h = content_hash(ARTICLE)
    assert document_id("http://x/1", h) == document_id("http://x/1", h)
    assert document_id("http://x/1", h) != document_id("http://y/1", h)
    assert document_id(None, h) != document_id("http://x/1", h)
    doc = to_document(SourceArticle(ARTICLE, "f.txt", url="http://x/1", title="T"))
    assert doc.id == document_id("http://x/1", h) and doc.content_hash == h


def test_lightly_edited_copy_is_similar_and_shares_a_bucket(settings):
    edited = ARTICLE.replace("Monday", "Tuesday").replace("dozens", "scores") + " Reporting by Staff."
    a, b = fingerprint(ARTICLE, settings.dedup), fingerprint(edited, settings.dedup)
    assert similarity(a.signature, b.signature) >= settings.dedup.threshold
    assert set(a.bands) & set(b.bands)


def test_different_reports_of_one_event_are_not_near_duplicates(settings):
    other = ("A war monitor reported that dozens of civilians were killed as government troops pushed into "
             "Khan Sheikhoun, while Turkey sent reinforcements to its observation post near the town and "
             "Moscow accused rebels of shelling its Hmeimim base.")
    a, b = fingerprint(ARTICLE, settings.dedup), fingerprint(other, settings.dedup)
    assert similarity(a.signature, b.signature) < settings.dedup.threshold


def test_short_texts_get_no_fingerprint(settings):
    assert fingerprint("Five killed in Aleppo.", settings.dedup) is None


def test_signature_round_trips_through_bytes(settings):
    fp = fingerprint(ARTICLE, settings.dedup)
    assert (signature_from_bytes(fp.to_bytes()) == fp.signature).all()
    assert len(fp.bands) == settings.dedup.bands


def test_shingles_are_word_windows():
    assert shingles("One two, three four!", 3) == {b"one two three", b"two three four"}
