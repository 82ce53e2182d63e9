"""The evidence store's schema as an ordered list of migrations.

A migration is never edited once released: a change to the schema is a new entry at the end.
``schema_version`` records which entries a store has applied.
"""

from __future__ import annotations

# Only documents has a primary key: DuckDB keeps key indexes in memory, and on the per-sentence and
# per-cue tables they grew resident memory by ~5 MB per 800 articles. Their rows are unique by
# construction: a document's extraction rows are deleted before new ones are written.
# Tables every later stage fills are created up front so each capability has its room; a record
# table always carries the document id and character span of the text that supports it (or a
# companion *_spans table when one record rests on several passages).
_V1 = """
CREATE TABLE documents (
    id VARCHAR PRIMARY KEY,
    url VARCHAR,
    outlet VARCHAR,
    title VARCHAR,
    published DATE,
    fetched TIMESTAMP,
    lang VARCHAR,
    text VARCHAR NOT NULL,
    content_hash VARCHAR NOT NULL,
    duplicate_of VARCHAR,
    duplicate_kind VARCHAR,          -- 'copy' (same text) or 'near' (MinHash/LSH)
    similarity DOUBLE,               -- estimated Jaccard to duplicate_of
    source_path VARCHAR,
    source_location VARCHAR,
    format VARCHAR,
    word_count INTEGER,
    country_focus VARCHAR,
    ingest_run BIGINT
);
CREATE INDEX documents_hash ON documents (content_hash);
CREATE TABLE document_asides (doc_id VARCHAR NOT NULL, seq INTEGER NOT NULL, kind VARCHAR NOT NULL,
    text VARCHAR NOT NULL);
CREATE TABLE near_dup_signatures (doc_id VARCHAR NOT NULL, signature BLOB NOT NULL);
CREATE TABLE near_dup_bands (band SMALLINT NOT NULL, bucket UBIGINT NOT NULL, doc_id VARCHAR NOT NULL);
CREATE TABLE sentences (doc_id VARCHAR NOT NULL, seq INTEGER NOT NULL, start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL, parsed BOOLEAN NOT NULL);
CREATE TABLE entity_mentions (doc_id VARCHAR NOT NULL, start_char INTEGER NOT NULL, end_char INTEGER NOT NULL,
    label VARCHAR NOT NULL, text VARCHAR NOT NULL, sentence_seq INTEGER, stage VARCHAR NOT NULL);
CREATE TABLE event_candidates (
    id VARCHAR NOT NULL,
    doc_id VARCHAR NOT NULL,
    sentence_start INTEGER NOT NULL,
    sentence_end INTEGER NOT NULL,
    trigger_start INTEGER NOT NULL,
    trigger_end INTEGER NOT NULL,
    trigger_text VARCHAR NOT NULL,
    cue VARCHAR NOT NULL,
    cue_class VARCHAR NOT NULL,
    acled_type VARCHAR NOT NULL,
    modality VARCHAR NOT NULL,
    parsed BOOLEAN NOT NULL,
    country VARCHAR,
    event_date DATE,                 -- the report's publication date until the events stage resolves time
    stage VARCHAR NOT NULL
);
CREATE TABLE stage_runs (doc_id VARCHAR NOT NULL, stage VARCHAR NOT NULL);
CREATE SEQUENCE ingest_run_ids START 1;
CREATE TABLE ingest_runs (id BIGINT PRIMARY KEY, started_at TIMESTAMP NOT NULL, finished_at TIMESTAMP,
    ingested INTEGER DEFAULT 0, already_stored INTEGER DEFAULT 0, copies INTEGER DEFAULT 0,
    near_duplicates INTEGER DEFAULT 0, failed INTEGER DEFAULT 0, interrupted BOOLEAN DEFAULT FALSE);
CREATE TABLE ingest_failures (run_id BIGINT NOT NULL, path VARCHAR NOT NULL, location VARCHAR,
    message VARCHAR NOT NULL);

CREATE TABLE actors (id VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, kind VARCHAR, country VARCHAR,
    parent VARCHAR, aliases VARCHAR[], wikidata VARCHAR, acled_name VARCHAR, valid_from DATE, valid_to DATE);
CREATE TABLE places (id VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, lat DOUBLE, lon DOUBLE, feature VARCHAR,
    admin1 VARCHAR, admin2 VARCHAR, country VARCHAR, source VARCHAR);
CREATE TABLE place_mentions (doc_id VARCHAR NOT NULL, start_char INTEGER NOT NULL, end_char INTEGER NOT NULL,
    place_id VARCHAR, precision TINYINT, score DOUBLE, reason VARCHAR, stage VARCHAR NOT NULL);
CREATE TABLE events (
    id VARCHAR PRIMARY KEY, doc_id VARCHAR NOT NULL, type VARCHAR NOT NULL, subtype VARCHAR,
    date_start DATE, date_end DATE, time_precision TINYINT, status VARCHAR NOT NULL,
    place_start INTEGER, place_end INTEGER, place_id VARCHAR, precision TINYINT,
    actor1 VARCHAR, actor2 VARCHAR, assoc_actors VARCHAR[], weapon VARCHAR,
    fatalities_low INTEGER, fatalities_best INTEGER, fatalities_high INTEGER, injured INTEGER,
    confidence DOUBLE, stage VARCHAR NOT NULL);
CREATE TABLE event_spans (event_id VARCHAR NOT NULL, doc_id VARCHAR NOT NULL, start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL, role VARCHAR NOT NULL);
CREATE TABLE claims (id VARCHAR PRIMARY KEY, doc_id VARCHAR NOT NULL, claimant VARCHAR, about VARCHAR,
    stance VARCHAR NOT NULL, hedge VARCHAR NOT NULL, cue_start INTEGER NOT NULL, cue_end INTEGER NOT NULL,
    content_start INTEGER NOT NULL, content_end INTEGER NOT NULL, stage VARCHAR NOT NULL);
CREATE TABLE relations (id VARCHAR PRIMARY KEY, actor_a VARCHAR NOT NULL, kind VARCHAR NOT NULL,
    actor_b VARCHAR NOT NULL, date_start DATE, date_end DATE, stage VARCHAR NOT NULL);
CREATE TABLE relation_spans (relation_id VARCHAR NOT NULL, doc_id VARCHAR NOT NULL,
    start_char INTEGER NOT NULL, end_char INTEGER NOT NULL);
CREATE TABLE control_assertions (id VARCHAR PRIMARY KEY, actor VARCHAR NOT NULL, place_id VARCHAR NOT NULL,
    status VARCHAR NOT NULL, date DATE, confidence DOUBLE, stage VARCHAR NOT NULL);
CREATE TABLE control_spans (control_id VARCHAR NOT NULL, doc_id VARCHAR NOT NULL,
    start_char INTEGER NOT NULL, end_char INTEGER NOT NULL);
CREATE TABLE hypotheses (event_id VARCHAR NOT NULL, actor VARCHAR NOT NULL, prior DOUBLE, posterior DOUBLE,
    stage VARCHAR NOT NULL, PRIMARY KEY (event_id, actor));
CREATE TABLE hypothesis_evidence (event_id VARCHAR NOT NULL, actor VARCHAR NOT NULL, source_id VARCHAR NOT NULL,
    likelihood_ratio DOUBLE NOT NULL, doc_id VARCHAR, start_char INTEGER, end_char INTEGER);
"""

# Events are written by the events stage from here on; a store made before keeps its documents and
# gets events for documents ingested after the upgrade.
_V2 = """
ALTER TABLE events ADD COLUMN code VARCHAR;
ALTER TABLE events ADD COLUMN country VARCHAR;
ALTER TABLE event_spans ADD COLUMN text VARCHAR;
"""

# Places are written by the geoparser from here on: every mention (with its words and the name in
# them) and, once per place, the place itself. An event's place is one of its document's mentions.
_V3 = """
ALTER TABLE place_mentions ADD COLUMN text VARCHAR;
ALTER TABLE place_mentions ADD COLUMN name VARCHAR;
ALTER TABLE place_mentions ADD COLUMN relation VARCHAR;
"""

# Control statements and relations are written per document from here on: the words naming each
# actor, the resolved actor when known (*_id), the place's words and its resolved id (NULL when
# unresolved); a relation says whether the text stated it or an event implied it (source).
_V4 = """
ALTER TABLE control_assertions ALTER COLUMN place_id DROP NOT NULL;
ALTER TABLE control_assertions ADD COLUMN doc_id VARCHAR;
ALTER TABLE control_assertions ADD COLUMN actor_id VARCHAR;
ALTER TABLE control_assertions ADD COLUMN place_text VARCHAR;
ALTER TABLE control_spans ADD COLUMN role VARCHAR;
ALTER TABLE relations ADD COLUMN doc_id VARCHAR;
ALTER TABLE relations ADD COLUMN actor_a_id VARCHAR;
ALTER TABLE relations ADD COLUMN actor_b_id VARCHAR;
ALTER TABLE relations ADD COLUMN confidence DOUBLE;
ALTER TABLE relations ADD COLUMN source VARCHAR;
ALTER TABLE relation_spans ADD COLUMN role VARCHAR;
ALTER TABLE events ADD COLUMN actor1_id VARCHAR;
ALTER TABLE events ADD COLUMN actor1_acled VARCHAR;
ALTER TABLE events ADD COLUMN actor2_id VARCHAR;
ALTER TABLE events ADD COLUMN actor2_acled VARCHAR;
"""

# Canonical events (fogmap.fusion) from here on: one row per event as all its reports tell it, and one
# row per member report (an event of the events table) with the features fusion compared, so a new
# document is matched against the store without re-reading the reports' documents. Disputes are JSON
# ([{"field", "values": [[value, doc_id], ...]}]). A store made before keeps its events as reports only.
_V5 = """
CREATE TABLE canonical_events (
    id VARCHAR NOT NULL, code VARCHAR, type VARCHAR, subtype VARCHAR,
    date_start DATE, date_end DATE, time_precision TINYINT, window_start DATE, window_end DATE,
    country VARCHAR, admin1 VARCHAR, place_id VARCHAR, place_name VARCHAR, latitude DOUBLE, longitude DOUBLE,
    geo_precision TINYINT, actor1_id VARCHAR, actor1_acled VARCHAR, actor2_id VARCHAR, actor2_acled VARCHAR,
    fatalities INTEGER, fatalities_low INTEGER, fatalities_best INTEGER, fatalities_high INTEGER,
    reports INTEGER NOT NULL, sources INTEGER NOT NULL, disputed BOOLEAN NOT NULL, disputes VARCHAR,
    stage VARCHAR NOT NULL);
CREATE TABLE canonical_reports (
    canonical_id VARCHAR NOT NULL, event_id VARCHAR NOT NULL, doc_id VARCHAR NOT NULL, source_key VARCHAR NOT NULL,
    seq INTEGER, code VARCHAR, type VARCHAR, subtype VARCHAR, window_start DATE, window_end DATE, dated BOOLEAN,
    published DATE, country VARCHAR, admin1 VARCHAR, place_id VARCHAR, place_name VARCHAR, place_feature VARCHAR,
    lat DOUBLE, lon DOUBLE, geo_precision TINYINT, actor1_id VARCHAR, actor1_acled VARCHAR, actor2_id VARCHAR,
    actor2_acled VARCHAR, fatalities_low INTEGER, fatalities_best INTEGER, fatalities_high INTEGER, listed BOOLEAN);
"""

# Claims (fogmap.claims) from here on: besides the cue and content spans of V1, the sentence, what the
# claim is about (about_kind: perpetrator, backer, casualties, event, relation, control), the claimant
# resolved like any actor (its words are ``claimant``, its span NULL for the document's own author), the
# party it is the voice of, the party the claim puts forward with its words, and a casualties claim's
# figures. claim_sources holds each claim's chain of voices, outermost first (seq 0), the claimant last.
_V6 = """
ALTER TABLE claims ADD COLUMN about_kind VARCHAR;
ALTER TABLE claims ADD COLUMN sentence_start INTEGER;
ALTER TABLE claims ADD COLUMN sentence_end INTEGER;
ALTER TABLE claims ADD COLUMN claimant_kind VARCHAR;
ALTER TABLE claims ADD COLUMN claimant_id VARCHAR;
ALTER TABLE claims ADD COLUMN claimant_start INTEGER;
ALTER TABLE claims ADD COLUMN claimant_end INTEGER;
ALTER TABLE claims ADD COLUMN speaks_for_id VARCHAR;
ALTER TABLE claims ADD COLUMN actor VARCHAR;
ALTER TABLE claims ADD COLUMN actor_id VARCHAR;
ALTER TABLE claims ADD COLUMN actor_start INTEGER;
ALTER TABLE claims ADD COLUMN actor_end INTEGER;
ALTER TABLE claims ADD COLUMN fatalities INTEGER;
ALTER TABLE claims ADD COLUMN injured INTEGER;
CREATE TABLE claim_sources (claim_id VARCHAR NOT NULL, doc_id VARCHAR NOT NULL, seq INTEGER NOT NULL,
    words VARCHAR NOT NULL, kind VARCHAR NOT NULL, actor_id VARCHAR, speaks_for_id VARCHAR,
    start_char INTEGER, end_char INTEGER);
"""

# Attribution (fogmap.attribution) from here on: each hypothesis's place in the list and why it is on
# the table; each evidence cell with its item's kind, words, the counts or weights behind its ratio and
# the item's diagnosticity; and per event the whole assessment as JSON, with the leader and the
# sensitivity line. Keyed by canonical event id; fusion forgets the assessments of the events it replaces.
_V7 = """
ALTER TABLE hypotheses ADD COLUMN rank INTEGER;
ALTER TABLE hypotheses ADD COLUMN reasons VARCHAR[];
ALTER TABLE hypothesis_evidence ADD COLUMN seq INTEGER;
ALTER TABLE hypothesis_evidence ADD COLUMN kind VARCHAR;
ALTER TABLE hypothesis_evidence ADD COLUMN summary VARCHAR;
ALTER TABLE hypothesis_evidence ADD COLUMN basis VARCHAR;
ALTER TABLE hypothesis_evidence ADD COLUMN diagnosticity DOUBLE;
CREATE TABLE assessments (event_id VARCHAR PRIMARY KEY, leader VARCHAR NOT NULL, leader_posterior DOUBLE NOT NULL,
    sensitivity VARCHAR, sensitivity_item VARCHAR, history_events INTEGER, assessment VARCHAR NOT NULL,
    stage VARCHAR NOT NULL);
"""

# Analyst review (issue 8) from here on: one row per act (accept, correct, reject, revert), never
# updated but for ``event_id``, which follows the event when fusion gives it a new id. ``changes`` is
# JSON, column -> {"before", "after"}, in the canonical_events column names. The anchor is what the
# event was when reviewed (its reports' documents, window and sub-event code): re-extraction and
# re-fusion change canonical ids, and the review is re-pointed to the event sharing most documents.
# ``reviewed_id`` keeps the id the analyst saw; ``seq`` orders acts made in the same instant.
_V8 = """
CREATE SEQUENCE review_seq START 1;
CREATE TABLE reviews (id VARCHAR NOT NULL, seq BIGINT NOT NULL, event_id VARCHAR NOT NULL,
    reviewed_id VARCHAR NOT NULL, action VARCHAR NOT NULL, reviewer VARCHAR NOT NULL, reviewed_at TIMESTAMP NOT NULL,
    note VARCHAR, changes VARCHAR, anchor_docs VARCHAR[], anchor_start DATE, anchor_end DATE,
    anchor_type VARCHAR);
"""

# A review's anchor also holds the event's reports and its machine place: one release that lists twenty
# strikes of one day shares its document, day and type with all of them, so only the report ids (stable
# while the events stage is) or, after a new events stage, the place tell which strike was reviewed.
_V9 = """
ALTER TABLE reviews ADD COLUMN anchor_reports VARCHAR[];
ALTER TABLE reviews ADD COLUMN anchor_place VARCHAR;
ALTER TABLE reviews ADD COLUMN anchor_lat DOUBLE;
ALTER TABLE reviews ADD COLUMN anchor_lon DOUBLE;
"""

MIGRATIONS: tuple[tuple[int, str, str], ...] = (
    (1, "documents, sentences, mentions, candidates and the record tables", _V1),
    (2, "events: sub-event code, country, and the text behind each span", _V2),
    (3, "place mentions: their words and the place name in them", _V3),
    (4, "control statements, actor relations and events' resolved actors, per document", _V4),
    (5, "canonical events fused from event reports, and each report's link to its canonical event", _V5),
    (6, "claims: what they are about, the claimant resolved, the party put forward, and each claim's chain of voices",
     _V6),
    (7, "attribution: hypotheses with their reasons, evidence cells with their basis, whole assessments", _V7),
    (8, "reviews: an analyst's accept, correct, reject or revert of a canonical event, anchored to its documents",
     _V8),
    (9, "reviews: anchored to the event's reports and machine place as well", _V9),
)

SCHEMA_VERSION = MIGRATIONS[-1][0]

# Tables whose rows come from extracting one document; re-extraction replaces exactly these rows.
EXTRACTION_TABLES = ("sentences", "entity_mentions", "event_candidates", "place_mentions", "events", "event_spans",
                     "control_assertions", "control_spans", "relations", "relation_spans", "claims", "claim_sources")
