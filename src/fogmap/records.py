"""Frozen records shared by every stage (see docs/ARCHITECTURE.md).

Records import nothing from the package. Every extracted record carries the span of the text
that supports it; nothing uncertain is stored as certain.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Span:
    """Character offsets ``[start, end)`` into ``Document.text``."""

    doc_id: str
    start: int
    end: int


@dataclass(frozen=True)
class Aside:
    """Text kept beside the reporting, never extracted: related-link headlines, photo captions."""

    kind: str  # "related_link" | "caption"
    text: str


@dataclass(frozen=True)
class SourceArticle:
    """One article as a reader found it, before hashing and de-duplication."""

    text: str
    path: str
    location: str | None = None  # "line 12", "record 3", "item 2"; None for a whole file
    format: str = "text"
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    asides: tuple[Aside, ...] = ()


@dataclass(frozen=True)
class IngestFailure:
    """An input that could not be read; reported in one line, never fatal to the batch."""

    path: str
    location: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.location}" if self.location else self.path
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class Document:
    id: str
    text: str
    content_hash: str
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: dt.date | None = None
    fetched: dt.datetime | None = None
    lang: str = "en"
    duplicate_of: str | None = None
    duplicate_kind: str | None = None  # "copy" (same text, other url) or "near" (MinHash/LSH)
    similarity: float | None = None  # estimated Jaccard to duplicate_of
    source_path: str | None = None
    source_location: str | None = None
    format: str = "text"
    asides: tuple[Aside, ...] = ()


@dataclass(frozen=True)
class IngestReport:
    """What one ingest run did; ``failures`` lists every input that could not be read."""

    run_id: int
    ingested: int
    already_stored: int
    copies: int
    near_duplicates: int
    failures: tuple[IngestFailure, ...]
    interrupted: bool = False

    @property
    def failed(self) -> int:
        return len(self.failures)

    @property
    def duplicates(self) -> int:
        return self.already_stored + self.copies + self.near_duplicates


@dataclass(frozen=True)
class Sentence:
    doc_id: str
    seq: int
    start: int
    end: int
    parsed: bool = False  # went through the full dependency parse


@dataclass(frozen=True)
class EntityMention:
    span: Span
    label: str  # spaCy NER label: GPE, LOC, FAC, ORG, NORP, PERSON, ...
    text: str
    sentence_seq: int
    stage: str


@dataclass(frozen=True)
class EventCandidate:
    """A conflict cue in a sentence: the raw material the events stage turns into Events."""

    id: str
    sentence: Span
    trigger: Span
    trigger_text: str
    cue: str  # canonical cue lemma, e.g. "airstrike"
    cue_class: str  # e.g. "air_strike", "armed_clash", "killing"
    acled_type: str  # the ACLED event type the cue usually signals
    modality: str  # asserted | negated | hypothetical | planned
    parsed: bool
    country: str | None
    stage: str


@dataclass(frozen=True)
class Place:
    id: str
    name: str
    lat: float
    lon: float
    feature: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    country: str | None = None
    source: str = "geonames"


@dataclass(frozen=True)
class PlaceMention:
    span: Span
    place_id: str | None
    precision: int  # ACLED geo precision: 1 the place, 2 near it / part of a region, 3 larger region
    score: float  # the chosen place's share of the candidates' probability, 0..1
    reason: str
    text: str = ""  # the words of the span ("near Damascus")
    name: str = ""  # the place name inside them ("Damascus")
    relation: str = "at"  # how the words relate the event to the place: at, near, part_of, admin, region_of, demonym
    stage: str = ""


@dataclass(frozen=True)
class DocumentExtraction:
    """Everything the NLP stages found in one document."""

    doc_id: str
    sentences: tuple[Sentence, ...]
    entities: tuple[EntityMention, ...]
    candidates: tuple[EventCandidate, ...]
    country_focus: str | None = None
    place_mentions: tuple[PlaceMention, ...] = ()  # every place mention, resolved or not, in text order
    places: tuple[Place, ...] = ()  # the places the resolved mentions point to, each once


# Records the later stages fill; the store already has their tables.


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    kind: str
    country: str | None = None
    parent: str | None = None
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None
    acled_name: str | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None


@dataclass(frozen=True)
class EventArgument:
    """One field of an event and the words that support it: actor1, actor2, weapon, place, time,
    fatalities, injured, trigger, sentence."""

    role: str
    span: Span
    text: str


@dataclass(frozen=True)
class Event:
    id: str
    type: str  # ACLED event type, e.g. "Explosions/Remote violence"
    subtype: str  # ACLED sub-event type, e.g. "Air/drone strike"
    date_start: dt.date | None
    date_end: dt.date | None
    time_precision: int  # ACLED: 1 day, 2 week, 3 month
    status: str  # asserted | reported | claimed | denied | hypothetical | planned | negated
    spans: tuple[Span, ...]
    confidence: float
    place_mention: PlaceMention | None = None
    actor1: str | None = None
    actor2: str | None = None
    assoc_actors: tuple[str, ...] = ()
    weapon: str | None = None
    fatalities_low: int | None = None
    fatalities_best: int | None = None
    fatalities_high: int | None = None
    injured: int | None = None
    code: str | None = None  # the sub-event's code in kb/event_taxonomy.tsv, e.g. AIR_STRIKE
    arguments: tuple[EventArgument, ...] = ()
    country: str | None = None
    stage: str = ""
    # the actors the mentions resolve to (fogmap.actors): a KB id or "<role>:<ISO2>", and ACLED's name
    actor1_id: str | None = None
    actor1_acled: str | None = None
    actor2_id: str | None = None
    actor2_acled: str | None = None

    @property
    def happened(self) -> bool:
        """Reported as having taken place; negated, hypothetical and planned events did not (yet)."""
        return self.status in {"asserted", "reported", "claimed", "denied"}


@dataclass(frozen=True)
class ClaimSource:
    """One voice in a chain of attribution ("according to Russian sources quoted by TASS": TASS, then
    the Russian sources). ``span`` is None for the document's own author."""

    words: str  # as the text names it ("the ISIS-linked agency Amaq"), or the outlet's name for the author
    span: Span | None
    kind: str  # author | outlet | person | organisation | unnamed (officials, sources, witnesses)
    actor_id: str | None = None  # the actor the words resolve to (an outlet, a state, a group, a person's actor)
    speaks_for_id: str | None = None  # the party it is the voice of (Amaq -> islamic-state), when known


@dataclass(frozen=True)
class Claim:
    """Who says what about an event, a relation or control, with what stance and how sure.

    ``claimant`` is whose words these are: the innermost voice of ``chain`` (outermost first, the
    claimant last). ``about`` is the id of the record the claim is about (an event for perpetrator,
    backer, casualties and event claims; a relation; a control assertion), "" when the document has
    none; ``about_kind`` says which. ``actor`` is the party the claim puts forward: the perpetrator
    claimed, accused or denied, the backer named, the side of the relation or control statement.
    Hedge levels, most to least sure: confirmed, unhedged (stated without hedge or confirmation),
    probable, possible, unconfirmed (hinted, alleged, not verified), speculative; and denied."""

    id: str
    claimant: str
    about: str  # an event, relation or control assertion id ("" when no record of the document)
    stance: str  # asserts | claims_responsibility | accuses | denies
    hedge: str  # confirmed | unhedged | probable | possible | unconfirmed | speculative | denied
    span_cue: Span
    span_content: Span
    about_kind: str = "event"  # perpetrator | backer | casualties | event | relation | control
    sentence: Span | None = None
    claimant_kind: str = "unnamed"  # author | outlet | person | organisation | unnamed
    claimant_id: str | None = None
    speaks_for_id: str | None = None  # the party the claimant is the voice of
    chain: tuple[ClaimSource, ...] = ()  # outermost first; the claimant's own entry last
    actor: str | None = None  # the words naming the party the claim is about
    actor_id: str | None = None
    actor_span: Span | None = None  # None when the party is the claimant itself ("denied involvement")
    fatalities: int | None = None  # a casualties claim's figures
    injured: int | None = None
    stage: str = ""


@dataclass(frozen=True)
class Relation:
    """How actor_a stands to actor_b, as of some dates, with its words: the sentence, then a's, then b's."""

    actor_a: str  # the words naming actor a ("US")
    kind: str  # backs (a backs b) | allied | hostile | negotiates
    actor_b: str
    spans: tuple[Span, ...]
    date_start: dt.date | None = None
    date_end: dt.date | None = None
    id: str = ""
    confidence: float = 0.5
    source: str = "text"  # "text": stated in a sentence; "event": the two sides of an event the text reports
    actor_a_id: str | None = None  # the resolved actors, when the actors stage knows them
    actor_b_id: str | None = None
    stage: str = ""


@dataclass(frozen=True)
class ControlAssertion:
    """A statement that an actor holds, took, lost or contests a place, as of a date, with its words."""

    id: str
    actor: str  # the words naming the actor ("Kurdish-led forces")
    place: str  # the words naming the place ("the town of Manbij")
    status: str  # controls | captured | lost | contested
    spans: tuple[Span, ...]  # the sentence, then the actor's words, then the place's words
    confidence: float
    date: dt.date | None = None
    place_id: str | None = None  # the resolved place (None: the place could not be resolved)
    actor_id: str | None = None  # the resolved actor, when the actors stage knows it
    stage: str = ""


@dataclass(frozen=True)
class Evidence:
    source_id: str  # a claim id or a fact id
    likelihood_ratio: float
    span: Span | None


@dataclass(frozen=True)
class Hypothesis:
    event_id: str
    actor: str
    prior: float
    posterior: float
    evidence: tuple[Evidence, ...] = field(default=())


# --- fusion: many reports of one event (fogmap.fusion) ----------------------------------------


@dataclass(frozen=True)
class EventReport:
    """One event of one document as fusion compares it: what, when, where, who, how many, from whom.

    ``window_start``/``window_end`` is the range fusion matches on: the event's own dates when the
    text states them (``dated``), else the publication day and the day before it."""

    event_id: str
    doc_id: str
    source_key: str  # the independent source: outlet, else the url's host, else the document
    seq: int  # where the event's first sentence starts in its document
    code: str
    type: str
    subtype: str
    window_start: dt.date | None
    window_end: dt.date | None
    dated: bool
    published: dt.date | None = None
    country: str | None = None
    admin1: str | None = None
    place_id: str | None = None
    place_name: str | None = None
    place_feature: str | None = None
    lat: float | None = None
    lon: float | None = None
    geo_precision: int | None = None
    actor1_id: str | None = None
    actor1_acled: str | None = None
    actor2_id: str | None = None
    actor2_acled: str | None = None
    fatalities_low: int | None = None
    fatalities_best: int | None = None
    fatalities_high: int | None = None
    listed: bool = False  # its sentence introduces a strike of a list ("another strike", "two strikes near X")


@dataclass(frozen=True)
class MatchFeature:
    """One feature two reports were compared on, with both sides' values: ``matched`` False on a
    blocking feature keeps them apart; ``blocking`` False features only inform (a dispute)."""

    name: str
    matched: bool
    a: object
    b: object
    detail: str
    blocking: bool = True


@dataclass(frozen=True)
class Dispute:
    """Reports of one canonical event that disagree on a field; every side is kept."""

    field: str  # "fatalities" | "actor1" | "actor2"
    values: tuple[tuple[str, str], ...]  # (value, doc id) per report


@dataclass(frozen=True)
class CanonicalEvent:
    """One event as all its reports together tell it (rules in fogmap.fusion.reconcile)."""

    id: str
    code: str
    type: str
    subtype: str
    date_start: dt.date | None
    date_end: dt.date | None
    time_precision: int
    window_start: dt.date | None  # the union of the reports' windows, for finding candidates
    window_end: dt.date | None
    country: str | None
    admin1: str | None
    place_id: str | None
    place_name: str | None
    lat: float | None
    lon: float | None
    geo_precision: int | None
    actor1_id: str | None
    actor1_acled: str | None
    actor2_id: str | None
    actor2_acled: str | None
    fatalities: int  # ACLED: the lowest figure any report gives (0 when none gives one)
    fatalities_low: int | None
    fatalities_best: int | None
    fatalities_high: int | None
    report_ids: tuple[str, ...]  # the member events
    doc_ids: tuple[str, ...]  # the documents they come from, each once
    sources: int  # independent sources: distinct source keys of those documents
    disputes: tuple[Dispute, ...] = ()
    stage: str = ""

    @property
    def disputed(self) -> bool:
        return bool(self.disputes)


@dataclass(frozen=True)
class FusionUpdate:
    """What one batch changes in the canonical level: clusters to drop, then clusters to write (each
    with its members' reports); documents whose reports were replaced lose their old links."""

    removed: tuple[str, ...]
    canonicals: tuple[CanonicalEvent, ...]
    reports: tuple[tuple[str, EventReport], ...]  # (canonical id, report) for every member of ``canonicals``
    replaced_docs: tuple[str, ...] = ()
