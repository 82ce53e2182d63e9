"""Where ACLED says each event happened, and where fogmap puts it from the note's words.

Each note is one event. fogmap reads it as it reads any document (entities, places resolved in the
note's context, events) and the note's event gets its place as every event does (events/location.py);
a note in which no event is recognised is placed from its first sentence the same way. Scored:
the share of notes placed within 25 km of ACLED's coordinates (a note placed nowhere is a miss),
the median error, and whether fogmap's place lies in the same admin-1 area as ACLED's point (both
looked up in the shipped admin-1 polygons, so spellings such as "Sanaa"/"Sana'a" cannot differ).

`country_hint` gives every note ACLED's country as the document's country focus, as a user coding
one country's reporting would; without it the note's own words are all there is.

The same reading scores the actors of each note's first event (evaluation/acled_actors.py) when
``actors`` is set, so the NLP pipeline runs once for both.
"""

from __future__ import annotations

import csv
import time
from dataclasses import dataclass, replace
from pathlib import Path
from statistics import median
from typing import Any, Callable

from ..actors.resolve import ActorResolver
from ..errors import FogmapError
from ..events.assemble import events_for
from ..events.location import event_location
from ..extract.extractor import Extractor, TextToExtract
from ..geo.areas import load_areas
from ..geo.countries import load_country_gazetteer
from ..geo.placing import place_records
from ..geo.resolve import load_geoparser
from ..records import DocumentExtraction, Event, Place
from .acled_actors import NoteActors, event_actors, note_actors, read_acled_actors, score_acled_actors
from .corpus_files import open_corpus
from .geoparsing import km_between

WITHIN_KM = 25.0
BATCH = 64


@dataclass(frozen=True)
class AcledPlace:
    line: int
    text: str
    lat: float
    lon: float
    admin1: str
    country: str | None  # ISO 3166 alpha-2
    outlet: str | None  # the first source ACLED lists: its home region helps when the note names no country


def read_acled_places(path: Path) -> list[AcledPlace]:
    """Notes with coordinates from an ACLED export (rows without coordinates are skipped)."""
    countries = load_country_gazetteer()
    with open_corpus(path) as f:
        reader = csv.DictReader(f)
        missing = {"notes", "latitude", "longitude"} - set(reader.fieldnames or ())
        if missing:
            raise FogmapError(f"{path}: not an ACLED export with coordinates (missing {', '.join(sorted(missing))})")
        out = []
        for line, row in enumerate(reader, start=2):
            try:
                lat, lon = float(row["latitude"]), float(row["longitude"])
            except (TypeError, ValueError):
                continue
            outlet = (row.get("source") or "").split(";")[0].strip() or None
            out.append(AcledPlace(line, row["notes"], lat, lon, row.get("admin1") or "",
                                  countries.country_named(row.get("country") or ""), outlet))
    return out


def note_place(text: str, extraction: DocumentExtraction,
               events: tuple[Event, ...] | None = None) -> Place | None:
    """The place fogmap gives the note's event (the first event it finds; else its first sentence's)."""
    places = {p.id: p for p in extraction.places}
    if events is None:
        events = events_for(extraction.doc_id, text, None, extraction)
    for event in events:
        if event.place_mention is not None and event.place_mention.place_id in places:
            return places[event.place_mention.place_id]
    first = extraction.sentences[0] if extraction.sentences else None
    span = (first.start, first.end) if first else (0, len(text))
    located = event_location(text, span, span[0], extraction.place_mentions, places, extraction.country_focus)
    return located.place if located else None


def evaluate_acled_places(path: Path, extractor: Extractor, country_hint: bool = False,
                          progress: Callable[[int, int], None] | None = None,
                          actors: bool = False, resolver: ActorResolver | None = None) -> dict[str, Any]:
    items = read_acled_places(path)
    first_events: dict[int, NoteActors | None] = {}
    geoparser, areas = load_geoparser(), load_areas()
    errors: list[float] = []
    same_area = placed = country_hits = 0
    geo_seconds = 0.0
    for first in range(0, len(items), BATCH):
        batch = items[first:first + BATCH]
        extractions = extractor([TextToExtract(f"line{i.line}", i.text, i.outlet) for i in batch])
        for item, ex in zip(batch, extractions):
            started = time.perf_counter()
            if country_hint and item.country:
                ex = replace(ex, country_focus=item.country)
            mentions, places = place_records(ex.doc_id, item.text, geoparser(item.text, ex), areas)
            ex = replace(ex, place_mentions=mentions, places=places)
            events = events_for(ex.doc_id, item.text, None, ex, resolver)
            place = note_place(item.text, ex, events)
            if actors:
                # the note's event is the first that happened ("No casualties reported." is no event)
                happened = [e for e in events if e.status != "negated"]
                first_events[item.line] = event_actors(happened[0]) if happened else \
                    note_actors(item.text, ex, ex.country_focus or (place.country if place else None), resolver)
            geo_seconds += time.perf_counter() - started
            if place is None:
                continue
            placed += 1
            errors.append(km_between(item.lat, item.lon, place.lat, place.lon))
            country_hits += place.country == item.country
            gold_area = areas.area_at(item.lat, item.lon, within_km=10.0)
            ours = areas.area_at(place.lat, place.lon, country=place.country, within_km=10.0)
            same_area += gold_area is not None and ours is not None and gold_area.id == ours.id
        if progress:
            progress(min(first + BATCH, len(items)), len(items))
    n = len(items)
    actor_report = {"actors": score_acled_actors(read_acled_actors(path), first_events)} if actors else {}
    return {
        "corpus": "acled", "file": str(path), "country_hint": country_hint, "n": n, "placed": placed,
        f"within_{int(WITHIN_KM)}km": round(sum(e <= WITHIN_KM for e in errors) / n, 4) if n else None,
        "median_km": round(median(errors), 1) if errors else None,
        "admin1_exact": round(same_area / n, 4) if n else None,
        "country_exact": round(country_hits / n, 4) if n else None,
        "geoparsing_ms_per_note": round(1000 * geo_seconds / n, 2) if n else None,
        **actor_report,
    }
