"""The library face: ``fogmap.open(path) -> Workspace``.

Every front end (the CLI, later the web app) goes through these methods, so what a script can do
from Python is exactly what the command line does.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import tempfile
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from .actors.resolve import default_resolver
from .actors.user_files import check_user_files
from .attribution.report import ATTRIBUTION_STAGE
from .attribution.stored import Attributor
from .control.timeline import Holding, control_at, timelines
from .errors import InputError, NotFoundError
from .export import export_records
from .fusion import report_from_row, why_merged
from . import review
from .ingest import ReadOptions, parse_field_map, read_paths
from .ingest.identity import to_document
from .pipeline import ProgressHook, run_ingest
from .records import Document, IngestReport, SourceArticle
from .reextract import ReextractHook, ReextractReport, documents_to_reextract, run_reextract
from .settings import Settings, load_settings
from .sources import load_registry
from .store import attribution as attribution_store
from .store import canonical, queries, web
from .store import review as review_store
from .store.db import Store, default_db_path


class Workspace:
    """One evidence store and the settings to work on it with. Close it (or use ``with``) when done."""

    def __init__(self, path: str | Path | None = None, settings: Settings | None = None,
                 *, read_only: bool = False) -> None:
        self.settings = settings or load_settings()
        check_user_files(self.settings.actors.files)  # a bad actor file stops here, before a store is made
        self.store = Store(path or default_db_path(), read_only=read_only)
        self._attributor: Attributor | None = None
        self._knowledge: review.Knowledge | None = None

    @property
    def path(self) -> Path:
        return self.store.path

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def ingest(self, paths: Iterable[str | Path], *, fields: Mapping[str, str] | Iterable[str] | None = None,
               published: dt.date | None = None, workers: int | None = None, encoding: str | None = None,
               progress: ProgressHook | None = None) -> IngestReport:
        """Read, de-duplicate and extract every document under ``paths``.

        ``fields`` remaps input keys, as a mapping ({"text": "article_content"}) or as
        "text=article_content" strings. ``published`` dates documents that carry no date of their own.
        """
        if fields is None:
            field_map = parse_field_map([])
        elif isinstance(fields, Mapping):
            field_map = parse_field_map(f"{k}={v}" for k, v in fields.items())
        else:
            field_map = parse_field_map(fields)
        options = ReadOptions(
            field_map=field_map, published_default=published, encoding=encoding,
            max_file_bytes=self.settings.ingest.max_file_bytes,
            max_record_bytes=self.settings.ingest.max_record_bytes,
        )
        self._attributor = None  # its history is the store's events, which this changes
        return run_ingest(self.store, [Path(p) for p in paths], self.settings, options, workers, progress)

    def reextract(self, ids: Iterable[str] = (), *, every: bool = False, stale: bool = False,
                  workers: int | None = None, progress: ReextractHook | None = None) -> ReextractReport:
        """Extract stored documents again with the current stages: those ``ids`` name (prefixes; a copy
        names its original), ``every`` one, or the ``stale`` ones an older fogmap or other actor files
        extracted. Only their records and the canonical events their reports touch change."""
        chosen = documents_to_reextract(self.store, self.settings, list(ids), every=every, stale=stale)
        self._attributor = None
        return run_reextract(self.store, self.settings, chosen, workers, progress)

    def events(self, *, since: dt.date | None = None, until: dt.date | None = None, country: str | None = None,
               type: str | None = None, status: str | None = None, doc_id: str | None = None,
               limit: int | None = 50, offset: int = 0) -> list[dict[str, Any]]:
        """Events, oldest first: by default those reported as having happened; ``status`` picks one
        status (asserted, reported, claimed, denied, negated, hypothetical, planned)."""
        if doc_id:
            doc_id = queries.resolve_doc_id(self.store, doc_id)
        return queries.events(self.store, queries.EventFilter(
            since, until, country, type, status, doc_id, limit, offset))

    def event_arguments(self, event_id: str) -> list[dict[str, Any]]:
        """Each field of one event with the character span of the words it was read from."""
        return queries.event_arguments(self.store, event_id)

    def candidates(self, *, since: dt.date | None = None, until: dt.date | None = None, country: str | None = None,
                   type: str | None = None, modality: str | None = None, doc_id: str | None = None,
                   limit: int | None = 50, offset: int = 0) -> list[dict[str, Any]]:
        """Event candidates (conflict-cue sentences) with their sentence and source, oldest first."""
        if doc_id:
            doc_id = queries.resolve_doc_id(self.store, doc_id)
        return queries.candidates(self.store, queries.CandidateFilter(
            since, until, country, type, modality, doc_id, limit, offset))

    def place_mentions(self, doc_id: str | None = None, *, resolved: bool | None = None) -> list[dict[str, Any]]:
        """Place mentions (of one document, or all) with their places; `resolved` keeps only (un)resolved ones."""
        if doc_id is not None:
            doc_id = queries.resolve_doc_id(self.store, doc_id)
        return queries.place_mentions(self.store, doc_id, resolved)

    def actors(self, *, unknown: bool = False, limit: int | None = 50) -> list[dict[str, Any]]:
        """The actors the events name, by resolved id; with `unknown`, the words no actor was resolved for
        that look like an organisation's name (candidates for a user's actor file; names the settings'
        actor files know are left out)."""
        if not unknown:
            return queries.event_actors(self.store, resolved=True, limit=limit)

        rows = queries.event_actors(self.store, resolved=False, limit=None)
        named = set(default_resolver(self.settings.actors.files).unknown_candidates(r["words"] for r in rows))
        return [r for r in rows if r["words"].strip() in named][:limit]

    def relations(self, *, actor: str | None = None, at: dt.date | None = None) -> list[dict[str, Any]]:
        """Who backs, is allied with, fights or negotiates with whom (with `at`: in the year up to it)."""
        return queries.relations(self.store, actor, at)

    def control(self, at: dt.date, *, country: str | None = None) -> list[Holding]:
        """Who holds each place on `at`, on whose word; contested where sources disagree."""
        return control_at(queries.control_assertions(self.store, at, country), at)

    def control_timeline(self, place: str, *, until: dt.date, country: str | None = None) -> list[dict[str, Any]]:
        """The control over time of every place whose name contains `place`: after each day something
        was said about it, who held it and the statements of that day."""
        return timelines(queries.control_assertions(self.store, until, country), place)

    def claims(self, event_id: str | None = None, doc_id: str | None = None, *, stance: str | None = None,
               about_kind: str | None = None, fused: bool = True, limit: int | None = None,
               offset: int = 0) -> list[dict[str, Any]]:
        """Claims: who says what (claimant, with the chain of voices that carries the words, outermost
        first), about what (``about_kind`` and ``about``: an event, relation or control statement id;
        ``actor``: the party put forward), with what stance and hedge, with the cue and content words
        and their document. ``event_id`` and ``doc_id`` take ids or unique prefixes; with ``event_id``,
        ``fused`` adds the claims about the other reports of its canonical event (other documents'
        words about the same event)."""
        events = None
        if event_id is not None:
            full = queries.resolve_event_id(self.store, event_id)
            events = tuple(queries.fused_with(self.store, full) if fused else (full,))
        if doc_id is not None:
            doc_id = queries.resolve_doc_id(self.store, doc_id)
        return queries.claims(self.store, queries.ClaimFilter(events, doc_id, stance, about_kind, limit, offset))

    def document(self, doc_id: str) -> Document:
        return queries.document(self.store, doc_id)

    def marks(self, doc_id: str) -> dict[str, list[dict[str, Any]]]:
        """What was extracted from one document, as character spans into its text: sentences, entities,
        event candidates, events of every status (each with its ``arguments``) and asides."""
        return queries.document_marks(self.store, queries.resolve_doc_id(self.store, doc_id))

    def stats(self, top: int = 10) -> dict[str, Any]:
        """Counts of documents, duplicates, candidates, events (by status, and by type of those that
        happened), top places and organisations."""
        return queries.stats(self.store, top)

    def canonical_events(self, *, since: dt.date | None = None, until: dt.date | None = None,
                         country: str | None = None, type: str | None = None, doc_id: str | None = None,
                         limit: int | None = 50, offset: int = 0) -> list[dict[str, Any]]:
        """Canonical events (one per event however many reports tell it), oldest first, with how many
        reports and independent sources, disputes, and each report's event and document ids."""
        if doc_id:
            doc_id = queries.resolve_doc_id(self.store, doc_id)
        return canonical.canonical_events(self.store, queries.EventFilter(
            since, until, country, type, None, doc_id, limit, offset))

    def why_merged(self, event_a: str, event_b: str) -> dict[str, Any]:
        """Whether two events (ids or unique prefixes) are reports of one canonical event, and every
        feature fusion compared them on, with both sides' values."""
        rows = canonical.report_rows(self.store, [event_a, event_b])
        a, b = (report_from_row(r) for r in rows)
        features = why_merged(a, b)  # the Workspace method shadows nothing: this is fogmap.fusion's
        return {
            "a": a.event_id, "b": b.event_id, "canonical_a": rows[0]["canonical_id"],
            "canonical_b": rows[1]["canonical_id"], "same_canonical": rows[0]["canonical_id"] == rows[1]["canonical_id"],
            "compatible": all(f.matched for f in features if f.blocking),
            "features": [{"name": f.name, "matched": f.matched, "blocking": f.blocking, "a": f.a, "b": f.b,
                          "detail": f.detail} for f in features],
        }

    def attributor(self) -> Attributor:
        """The store's attribution engine: its history is read (and the prior fitted) once, on first use."""
        if self._attributor is None:
            resolver = default_resolver(self.settings.actors.files)
            self._attributor = Attributor(self.store, resolver, load_registry(resolver, self.settings.sources.files))
        return self._attributor

    def attribute(self, event_id: str, *, save: bool = True) -> dict[str, Any]:
        """Who most likely did one event (a canonical event id, or a report's, or a unique prefix): the
        hypotheses with their reasons, prior and posterior, every evidence item with its span, sentence,
        ratio per hypothesis and diagnosticity, and the sensitivity line. ``save`` keeps it in the store
        (tables hypotheses, hypothesis_evidence, assessments), replacing the event's last assessment."""
        _, answer = self.attributor().assess(event_id)
        if save:
            attribution_store.write_assessments(self.store, [answer], ATTRIBUTION_STAGE)
        return answer

    def unattributed(self, *, since: dt.date | None = None, until: dt.date | None = None,
                     country: str | None = None, limit: int | None = None, save: bool = True, progress: Callable[[int, int], None] | None = None
                     ) -> tuple[list[dict[str, Any]], int]:
        """The assessments of the violent events whose perpetrator is open (no one named, a generic
        actor, reports that disagree, or claims that name or deny someone), newest first, at most
        ``limit``; and how many such events there are in all."""
        attributor = self.attributor()
        ids, total = attributor.open_events(since, country, limit, until)
        answers = []
        for n, event_id in enumerate(ids):
            answers.append(attributor.assess(event_id)[1])
            if progress is not None:
                progress(n + 1, len(ids))
        if save and answers:
            attribution_store.write_assessments(self.store, answers, ATTRIBUTION_STAGE)
        return answers, total

    # --- pages with their totals and whole records, for the web API ---------------------------------
    def event_page(self, *, level: str = "canonical", since: dt.date | None = None, until: dt.date | None = None,
                   country: str | None = None, type: str | None = None, status: str | None = None,
                   actor: str | None = None, bbox: web.BBox | None = None, min_confidence: float | None = None,
                   include_rejected: bool = False, limit: int | None = 100,
                   offset: int = 0) -> tuple[list[dict[str, Any]], int]:
        """A page of canonical events (``level`` "report": of events as each document reports them), oldest
        first, and how many match in all. ``actor`` is an actor id, as actor1 or actor2; ``bbox`` is (min
        lon, min lat, max lon, max lat); a canonical event matches ``status`` or ``min_confidence`` when
        one of its reports does. Canonical events are as analysts left them (corrections applied, each
        with its ``review``); those they rejected are left out unless ``include_rejected``."""
        query = web.EventQuery(since, until, country, type, status, actor, bbox, min_confidence,
                               include_rejected=include_rejected, limit=limit, offset=offset)
        return (web.report_page if level == "report" else web.canonical_page)(self.store, query)

    def event_detail(self, event_id: str) -> dict[str, Any]:
        """One event (a canonical event id, a report's, or a unique prefix) whole: the canonical event
        (None for a report fusion never saw, such as a negated one), every report with its fields and
        their spans (``arguments``), and the documents the reports come from."""
        canonical_id, report_ids = web.resolve_event(self.store, event_id)
        event = None
        if canonical_id is not None:
            event = web.canonical_page(self.store, web.EventQuery(ids=(canonical_id,), include_rejected=True,
                                                                  limit=None))[0][0]
        reports, _ = web.report_page(self.store, web.EventQuery(ids=tuple(report_ids), any_status=True, limit=None))
        arguments = web.report_arguments(self.store, report_ids)
        return {"id": canonical_id or report_ids[0], "event": event,
                "reports": [{**r, "arguments": arguments.get(r["id"], [])} for r in reports],
                "documents": web.document_headers(self.store, [r["doc_id"] for r in reports])}

    def actor(self, actor_id: str) -> dict[str, Any]:
        """One actor: its knowledge-base entry as of its last event (name, kind, country, ACLED name,
        aliases, affiliations, every period), how the events that happened name it, and its relations."""
        resolver = default_resolver(self.settings.actors.files)
        usage = web.actor_usage(self.store, actor_id)
        periods = resolver.kb.actors.get(actor_id, [])
        if usage is None and not periods:
            raise NotFoundError(f"no actor {actor_id!r} in the knowledge base or the events (ids are shown by "
                                "`fogmap actors`)")
        day = usage["last_event"] if usage else None
        known = resolver.by_id(actor_id, day)  # the period in force at its last event, with that period's ACLED name
        return {
            "id": actor_id, "in_kb": known is not None,
            "name": known.name if known else (usage["acled_name"] if usage else actor_id),
            "kind": known.kind if known else None,
            "country": known.country if known else (actor_id.partition(":")[2] or None),
            "acled_name": known.acled_name if known else (usage["acled_name"] if usage else None),
            "aliases": list(dict.fromkeys(a for p in periods for a in p.aliases)),
            "wikidata": next((p.wikidata for p in periods if p.wikidata), None),
            "periods": [{"name": p.name, "acled_name": p.acled_name or None, "valid_from": p.valid_from or None,
                         "valid_to": p.valid_to or None} for p in periods],
            "affiliations": [{"relation": a.relation, "parent": a.parent, "valid_from": a.valid_from or None,
                              "valid_to": a.valid_to or None} for a in resolver.kb.affiliations if a.child == actor_id],
            "events_as_actor1": usage["events_as_actor1"] if usage else 0,
            "events_as_actor2": usage["events_as_actor2"] if usage else 0,
            "documents": usage["documents"] if usage else 0,
            "first_event": usage["first_event"] if usage else None, "last_event": day,
            # relations() matches words and ids by substring; an actor page wants this id on either side
            "relations": [r for r in self.relations(actor=actor_id) if actor_id in (r["a_key"], r["b_key"])],
        }

    def claim_page(self, event_id: str | None = None, doc_id: str | None = None, *, stance: str | None = None,
                   limit: int | None = 100, offset: int = 0) -> tuple[list[dict[str, Any]], int]:
        """A page of claims, as :meth:`claims` gives them, and how many match in all. ``event_id`` may
        also name a canonical event: the claims about any of its reports."""
        events = tuple(web.resolve_event(self.store, event_id)[1]) if event_id is not None else None
        if doc_id is not None:
            doc_id = queries.resolve_doc_id(self.store, doc_id)
        kept = queries.ClaimFilter(events, doc_id, stance, None, limit, offset)
        return queries.claims(self.store, kept), web.claim_count(self.store, kept)

    # --- analyst review ----------------------------------------------------------------------------
    def review(self, event_id: str, action: str, reviewer: str, *, changes: Mapping[str, Any] | None = None,
               note: str | None = None) -> dict[str, Any]:
        """Accept, correct, reject or revert (back to the machine record) one canonical event (an id, a
        report's id or a unique prefix) as ``reviewer``; ``changes`` for a correction, by field: type,
        subtype, actor1, actor2 (an actor id or name the KB knows, or {"name", "free_text": true}),
        place (a gazetteer id or name, with latitude and longitude for a point of one's own), date_start,
        date_end, fatalities. Stored beside the machine record (before and after); CorrectionError names
        every bad field. Returns the event as it now reads (``event_detail``'s event)."""
        if self._knowledge is None:
            self._knowledge = review.default_knowledge(default_resolver(self.settings.actors.files))
        done = review.review_event(self.store, event_id, action, reviewer, changes, note, knowledge=self._knowledge)
        return self.event_detail(done["event_id"])["event"]

    def reviews(self, event_id: str | None = None, *, reviewer: str | None = None, action: str | None = None,
                orphaned: bool | None = None, limit: int | None = 100,
                offset: int = 0) -> tuple[list[dict[str, Any]], int]:
        """Review acts, newest first, each with its changes (column -> before, after), and how many
        match in all. ``event_id`` (a canonical event, a report or a prefix; or the id a review was made
        on) gives one event's history; ``orphaned`` the reviews whose event fusion dropped with no heir."""
        if event_id is not None:
            try:
                event_id = web.resolve_event(self.store, event_id)[0] or event_id
            except NotFoundError:
                pass  # an event that is gone: its reviews are found by the id they were made on
        return review_store.reviews(self.store, event_id=event_id, reviewer=reviewer, action=action,
                                    orphaned=orphaned, limit=limit, offset=offset)

    def ingest_text(self, text: str, *, title: str | None = None, url: str | None = None, outlet: str | None = None,
                    published: dt.date | None = None) -> dict[str, Any]:
        """Ingest one article given as text (as `fogmap ingest` would a one-line JSONL file, in this
        process): the document as stored (or the one already stored under its id), what became of it,
        and the events read from it (every status)."""
        with tempfile.TemporaryDirectory(prefix="fogmap-post-") as folder:
            path = Path(folder) / "posted.jsonl"
            row = {"text": text, "title": title, "url": url, "outlet": outlet,
                   "published": published.isoformat() if published else None}
            path.write_text(json.dumps(row) + "\n", encoding="utf-8")
            article = next(iter(read_paths([path], ReadOptions(field_map=parse_field_map([])))))
            if not isinstance(article, SourceArticle):
                raise InputError("text", None, article.message)
            report = self.ingest([path], workers=1)
        doc_id = to_document(article).id
        outcome = ("ingested" if report.ingested else "copy" if report.copies
                   else "near_duplicate" if report.near_duplicates else "already_stored")
        return {"document": dataclasses.asdict(self.document(doc_id)), "outcome": outcome,
                "events": self.events(doc_id=doc_id, limit=None)}

    def fused_reports(self) -> list[dict[str, Any]]:
        """Every document with its fused reports and their canonical events (copies name their original)."""
        return canonical.fused_reports(self.store)

    def export(self, path: str | Path, *, format: str = "jsonl", what: str = "events",
               all_statuses: bool = False, all_kb: bool = False, level: str = "report",
               include_rejected: bool = False) -> int:
        """Write ``what`` (events, event_arguments, places, candidates, documents, sentences, entities,
        actors or claims) to ``path`` as jsonl, csv or parquet; returns the row count. Events, and event arguments,
        are those that happened unless ``all_statuses``. Actors are those the events name, with their
        fields from the shipped KB and the settings' actor files; ``all_kb`` adds every other KB actor.
        ``level`` "canonical" writes events as canonical events, one row however many reports tell it, with
        analysts' corrections applied and their status; rejected ones only with ``include_rejected``."""
        return export_records(self.store, what, format, path, all_statuses=all_statuses,
                              actor_files=self.settings.actors.files, all_kb=all_kb, level=level,
                              include_rejected=include_rejected)


def open(path: str | Path | None = None, settings: Settings | None = None, *, read_only: bool = False) -> Workspace:  # noqa: A001
    """Open (creating and migrating if needed) the evidence store at ``path`` (default ./fogmap.duckdb or $FOGMAP_DB)."""
    return Workspace(path, settings, read_only=read_only)
