"""A synthetic evidence store: a million plausible canonical events, to measure the web API at scale.

Events cluster around real towns and conflict places of the shipped war zones (kb/war_zones.tsv,
kb/cities.tsv, kb/conflict_places.tsv), with ACLED types in realistic shares, actors from the actor KB,
skewed fatalities and dates over a period. Each event has one report in a synthetic document of its
country and day, with the report's sentence as its span, so every read the API makes has its rows.
Everything is marked synthetic: the outlet, the URLs, the titles, the ids and every stage column.

Numbers are drawn with numpy from one seed (same seed, same store); rows reach DuckDB as Arrow batches
into a staging table, and the real tables are filled from it in date order, so that DuckDB's zonemaps
(min/max per row group) skip most of the store for a one-month query.
"""

from __future__ import annotations

import datetime as dt
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa

from .errors import StoreError
from .kb import kb_path, read_tsv
from .store.db import Store

STAGE = "synthetic"
OUTLET = "fogmap synthetic data"
BATCH = 200_000

# ACLED event types and sub-event codes with their shares among events in war zones: a rough picture of
# ACLED's conflict countries, not a measurement of it.
TYPE_SHARES = {
    "Battles": 0.28, "Explosions/Remote violence": 0.32, "Violence against civilians": 0.16,
    "Protests": 0.11, "Riots": 0.04, "Strategic developments": 0.09,
}
SUBTYPE_SHARES = {
    "Battles": {"ARMED_CLASH": 0.9, "GOV_REGAINS_TERIT": 0.05, "NON_STATE_ACTOR_OVERTAKES_TER": 0.05},
    "Explosions/Remote violence": {"ART_MISS_ATTACK": 0.45, "AIR_STRIKE": 0.35, "REM_EXPLOS": 0.13,
                                   "GRENADE": 0.04, "SUIC_BOMB": 0.02, "CHEM_WEAP": 0.01},
    "Violence against civilians": {"ATTACK": 0.8, "ABDUCT_DISSAP": 0.17, "SEX_VIOL": 0.03},
    "Protests": {"PEACE_PROTEST": 0.85, "PROTEST_WITH_INTER": 0.12, "FORCE_AGAINST_PROTEST": 0.03},
    "Riots": {"VIOL_DEMONSTR": 0.6, "MOB_VIOL": 0.4},
    "Strategic developments": {"ARREST": 0.3, "PROPERTY_DISTRUCT": 0.2, "DISR_WEAP": 0.15, "HQ_ESTABLISHED": 0.1,
                               "NON_VIOL_TERRIT_TRANSFER": 0.1, "AGREEMENT": 0.05, "CHANGE_TO_GROUP_ACT": 0.05,
                               "OTHER": 0.05},
}
# Fatalities per event type: negative binomial (n, p), mostly 0 or a few, now and then dozens.
FATALITIES = {"Battles": (0.6, 0.15), "Explosions/Remote violence": (0.4, 0.15),
              "Violence against civilians": (0.7, 0.3), "Riots": (0.1, 0.5)}
ARMED_KINDS = ("state_forces", "police", "rebel_group", "jihadist_group", "militia", "criminal_group")
JITTER_DEG = 0.03  # about 3 km: events happen near a town, not on its centre point


@dataclass(frozen=True)
class Plan:
    events: int = 1_000_000
    seed: int = 1
    start: dt.date = dt.date(2014, 1, 1)
    days: int = 1095


@dataclass(frozen=True)
class Made:
    path: Path
    events: int
    documents: int
    places: int
    seconds: float


Progress = Callable[[str, int, int], None]  # (phase, done, total)


@dataclass(frozen=True)
class _Places:
    ids: np.ndarray
    names: np.ndarray
    countries: np.ndarray
    lat: np.ndarray
    lon: np.ndarray
    features: np.ndarray
    weights: np.ndarray  # within the zone, summing to 1
    zone: np.ndarray  # index of the zone each place belongs to


def generate(path: str | Path, plan: Plan = Plan(), *, force: bool = False, progress: Progress | None = None) -> Made:
    """Make a NEW store at ``path`` (StoreError if a file is there, unless ``force``) and fill it."""
    if plan.events < 1 or plan.days < 1:
        raise ValueError("events and days must be at least 1")
    path = Path(path)
    there = path.exists() or Path(f"{path}.wal").exists()
    if there and not force:
        raise StoreError(f"{path}: a file is already there; pass --force to replace it")
    began = time.perf_counter()
    rng = np.random.default_rng(plan.seed)
    zone_weights, places = _conflict_places(rng, plan)  # a plan it cannot fill fails before a file is touched
    actors = _actors()
    if there:
        path.unlink(missing_ok=True)
        Path(f"{path}.wal").unlink(missing_ok=True)
    note = progress or (lambda phase, done, total: None)
    with Store(path) as store:  # the normal opener: migrations run, the schema is the real one
        store.con.execute(_STAGING)
        dates = np.sort(rng.integers(0, plan.days, plan.events))  # in date order: zonemaps prune by date
        for first in range(0, plan.events, BATCH):
            count = min(BATCH, plan.events - first)
            batch = _sample(rng, plan, first, dates[first:first + count], zone_weights, places, actors)
            with store.registered("_synthetic_batch", batch):
                store.con.execute("INSERT INTO _synthetic BY NAME SELECT * FROM _synthetic_batch")
            note("sampling events", first + count, plan.events)
        for step, sql in enumerate(_FILL, start=1):
            store.con.execute(sql)
            note("writing tables", step, len(_FILL))
        store.con.execute(_PLACES_SQL, [list(map(str, places.ids)), list(map(str, places.names)),
                                        places.lat.tolist(), places.lon.tolist(), list(map(str, places.features)),
                                        list(map(str, places.countries))])
        store.con.execute("DROP TABLE _synthetic")
        store.con.execute("CHECKPOINT")
        documents = store.scalar("SELECT count(*) FROM documents")
        used = store.scalar("SELECT count(*) FROM places")
    return Made(path, plan.events, int(documents), int(used), time.perf_counter() - began)


def _conflict_places(rng: np.random.Generator, plan: Plan) -> tuple[np.ndarray, _Places]:
    """The war zones active in the period, each with a drawn intensity, and the towns and conflict places
    inside them, a town weighted by the square root of its population."""
    first_year, last_year = plan.start.year, (plan.start + dt.timedelta(days=plan.days)).year
    zones = [z for z in read_tsv("war_zones.tsv")
             if int(z["from"]) <= last_year and (not z["to"] or int(z["to"]) >= first_year)]
    if not zones:
        raise ValueError(f"no war zone of kb/war_zones.tsv was active in {first_year}-{last_year}")
    candidates = [(f"geonames:{c['geonameid']}", c["name"], c["country"], float(c["lat"]), float(c["lon"]), "P",
                   math.sqrt(float(c["population"] or 1000))) for c in read_tsv("cities.tsv")]
    candidates += [(f"fogmap:{p['id']}", p["name"], p["country"], float(p["lat"]), float(p["lon"]), p["feature"], 150.0)
                   for p in read_tsv("conflict_places.tsv")]
    rows: list[tuple] = []
    for index, zone in enumerate(zones):
        lat0, lon0, radius = float(zone["lat"]), float(zone["lon"]), float(zone["radius_km"])
        inside = [c for c in candidates if c[2] == zone["country"] and _km(lat0, lon0, c[3], c[4]) <= radius]
        if not inside:  # a zone with no listed town: its centre stands in
            inside = [(f"fogmap-zone:{zone['id']}", zone["name"], zone["country"], lat0, lon0, "zone", 1.0)]
        total = sum(c[6] for c in inside)
        rows += [(*c[:6], c[6] / total, index) for c in inside]
    columns = list(zip(*rows))
    places = _Places(*(np.array(col) for col in columns[:5]), np.array(columns[5]), np.array(columns[6], float),
                     np.array(columns[7], int))
    intensity = rng.gamma(0.8, 1.0, len(zones)) * np.array([float(z["radius_km"]) for z in zones]) ** 0.5
    return intensity / intensity.sum(), places


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Distance on the sphere by the equirectangular rule: exact enough within a few hundred km."""
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    return 6371.0 * math.hypot(x, math.radians(lat2 - lat1))


@dataclass(frozen=True)
class _Actors:
    armed: dict[str, list[tuple[str, str]]]  # country -> (id, ACLED name) of its state forces and armed groups
    country_names: dict[str, str]


def _actors() -> _Actors:
    armed: dict[str, list[tuple[str, str]]] = {}
    for item in sorted(kb_path("actors").iterdir(), key=lambda t: t.name):
        if not item.name.endswith(".tsv"):
            continue
        for row in read_tsv(f"actors/{item.name}"):
            if row.get("kind") in ARMED_KINDS and row.get("country"):
                armed.setdefault(row["country"], []).append((row["id"], row.get("acled_name") or row["name"]))
    names = {r["iso2"]: r["name"] for r in read_tsv("countries.tsv")}
    return _Actors(armed, names)


def _sample(rng: np.random.Generator, plan: Plan, first: int, days: np.ndarray, zone_weights: np.ndarray,
            places: _Places, actors: _Actors) -> pa.Table:
    """One batch of events, numbered from ``first``, on the given (sorted) day offsets."""
    n = len(days)
    zone = rng.choice(len(zone_weights), n, p=zone_weights)
    place = np.empty(n, int)
    for z in np.unique(zone):  # per zone, not per event
        mine = np.flatnonzero(zone == z)
        options = np.flatnonzero(places.zone == z)
        place[mine] = rng.choice(options, len(mine), p=places.weights[options])
    types = np.array(list(TYPE_SHARES))[rng.choice(len(TYPE_SHARES), n, p=list(TYPE_SHARES.values()))]
    codes = np.empty(n, object)
    fatalities = np.zeros(n, int)
    for name, shares in SUBTYPE_SHARES.items():
        mine = np.flatnonzero(types == name)
        codes[mine] = np.array(list(shares))[rng.choice(len(shares), len(mine), p=list(shares.values()))]
        if name in FATALITIES:
            fatalities[mine] = rng.negative_binomial(*FATALITIES[name], len(mine))
    countries = places.countries[place]
    actor1_id, actor1_name, actor2_id, actor2_name = _pick_actors(rng, types, countries, actors)
    start = np.datetime64(plan.start.isoformat(), "D")
    return pa.table({
        "n": np.arange(first, first + n),
        "day": (start + days).astype("datetime64[D]"),
        "code": codes.astype(str), "type": types,
        "country": countries, "place_id": places.ids[place], "place_name": places.names[place],
        "place_feature": places.features[place],
        "latitude": np.round(places.lat[place] + rng.normal(0, JITTER_DEG, n), 5),
        "longitude": np.round(places.lon[place] + rng.normal(0, JITTER_DEG, n), 5),
        "actor1_id": actor1_id, "actor1_acled": actor1_name, "actor2_id": actor2_id, "actor2_acled": actor2_name,
        "fatalities": fatalities, "confidence": np.round(rng.uniform(0.3, 0.95, n), 2),
    })


def _pick_actors(rng: np.random.Generator, types: np.ndarray, countries: np.ndarray,
                 actors: _Actors) -> tuple[np.ndarray, ...]:
    """Who did it and to whom: armed actors of the country fight each other, attack civilians; protesters
    and rioters are the generic actors ACLED names by country."""
    n = len(types)
    a1_id, a1_name, a2_id, a2_name = (np.full(n, None, object) for _ in range(4))
    for country in np.unique(countries):  # per country, not per event
        name = actors.country_names.get(country, country)
        armed = actors.armed.get(country) or [(f"unidentified-armed-group:{country}",
                                               f"Unidentified Armed Group ({name})")]
        armed_ids, armed_names = (np.array(column, object) for column in zip(*armed))
        mine = np.flatnonzero(countries == country)
        kind = types[mine]
        first = rng.integers(0, len(armed), len(mine))
        second = (first + rng.integers(1, max(len(armed), 2), len(mine))) % len(armed)
        on_civilians = (kind == "Violence against civilians") | (
            (kind == "Explosions/Remote violence") & (rng.random(len(mine)) < 0.5))
        fought = np.isin(kind, ("Battles", "Explosions/Remote violence")) & ~on_civilians & (second != first)
        a1_id[mine], a1_name[mine] = armed_ids[first], armed_names[first]
        for crowd, label in (("Protests", "protesters"), ("Riots", "rioters")):
            a1_id[mine[kind == crowd]] = f"{label}:{country}"
            a1_name[mine[kind == crowd]] = f"{label.capitalize()} ({name})"
        a2_id[mine[on_civilians]], a2_name[mine[on_civilians]] = f"civilians:{country}", f"Civilians ({name})"
        a2_id[mine[fought]], a2_name[mine[fought]] = armed_ids[second[fought]], armed_names[second[fought]]
    return a1_id, a1_name, a2_id, a2_name


_STAGING = """
CREATE TEMP TABLE _synthetic (n BIGINT, day DATE, code VARCHAR, type VARCHAR, country VARCHAR, place_id VARCHAR,
    place_name VARCHAR, place_feature VARCHAR, latitude DOUBLE, longitude DOUBLE, actor1_id VARCHAR,
    actor1_acled VARCHAR, actor2_id VARCHAR, actor2_acled VARCHAR, fatalities INTEGER, confidence DOUBLE)
"""

# One document per country and day holds the sentences of that day's events there, in event order; each
# report's span is its sentence. Ids say what they are: syn-c (canonical), syn-e (report), syn-d (document).
_FILL = (
    """CREATE TEMP TABLE _synthetic_text AS
       SELECT s.*, t.sub_event_type AS subtype,
              printf('syn-c%08d', n) AS canonical_id, printf('syn-e%08d', n) AS event_id,
              printf('syn-d-%s-%s', country, strftime(day, '%Y%m%d')) AS doc_id,
              printf('[SYNTHETIC] %s: %s near %s; %d killed.', strftime(day, '%Y-%m-%d'), t.sub_event_type,
                     place_name, fatalities) AS sentence
       FROM _synthetic s JOIN (VALUES {taxonomy}) t(code, sub_event_type) USING (code)""",
    """CREATE TEMP TABLE _synthetic_spans AS
       SELECT n, doc_id, sentence,
              coalesce(sum(length(sentence) + 1) OVER (PARTITION BY doc_id ORDER BY n
                  ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)::INTEGER AS start_char,
              (row_number() OVER (PARTITION BY doc_id ORDER BY n) - 1)::INTEGER AS seq
       FROM _synthetic_text""",
    f"""INSERT INTO canonical_events (id, code, type, subtype, date_start, date_end, time_precision, window_start,
           window_end, country, place_id, place_name, latitude, longitude, geo_precision, actor1_id, actor1_acled,
           actor2_id, actor2_acled, fatalities, fatalities_low, fatalities_best, fatalities_high, reports, sources,
           disputed, disputes, stage)
       SELECT canonical_id, code, type, subtype, day, day, 1, day, day, country, place_id, place_name, latitude,
              longitude, 2, actor1_id, actor1_acled, actor2_id, actor2_acled, fatalities, fatalities, fatalities,
              fatalities, 1, 1, false, '[]', '{STAGE}'
       FROM _synthetic_text ORDER BY n""",
    f"""INSERT INTO events (id, doc_id, type, subtype, date_start, date_end, time_precision, status, place_id,
           precision, actor1, actor2, assoc_actors, fatalities_low, fatalities_best, fatalities_high, injured,
           confidence, stage, code, country, actor1_id, actor1_acled, actor2_id, actor2_acled)
       SELECT event_id, doc_id, type, subtype, day, day, 1, 'reported', place_id, 2, actor1_acled, actor2_acled,
              [], fatalities, fatalities, fatalities, 0, confidence, '{STAGE}', code, country, actor1_id,
              actor1_acled, actor2_id, actor2_acled
       FROM _synthetic_text ORDER BY n""",
    """INSERT INTO canonical_reports (canonical_id, event_id, doc_id, source_key, seq, code, type, subtype,
           window_start, window_end, dated, published, country, place_id, place_name, place_feature, lat, lon,
           geo_precision, actor1_id, actor1_acled, actor2_id, actor2_acled, fatalities_low, fatalities_best,
           fatalities_high, listed)
       SELECT t.canonical_id, t.event_id, t.doc_id, 'outlet:fogmap-synthetic', s.seq, t.code, t.type, t.subtype,
              t.day, t.day, true, t.day, t.country, t.place_id, t.place_name, t.place_feature, t.latitude,
              t.longitude, 2, t.actor1_id, t.actor1_acled, t.actor2_id, t.actor2_acled, t.fatalities, t.fatalities,
              t.fatalities, false
       FROM _synthetic_text t JOIN _synthetic_spans s USING (n) ORDER BY t.n""",
    """INSERT INTO event_spans (event_id, doc_id, start_char, end_char, role, text)
       SELECT t.event_id, t.doc_id, s.start_char, s.start_char + length(t.sentence), 'sentence', t.sentence
       FROM _synthetic_text t JOIN _synthetic_spans s USING (n) ORDER BY t.n""",
    f"""INSERT INTO documents (id, url, outlet, title, published, lang, text, content_hash, format, word_count,
           country_focus, source_path)
       SELECT doc_id, 'synthetic://fogmap/' || doc_id, '{OUTLET}',
              printf('[SYNTHETIC] events in %s on %s', any_value(country), strftime(any_value(day), '%Y-%m-%d')),
              any_value(day), 'en', string_agg(sentence, ' ' ORDER BY n), md5(string_agg(sentence, ' ' ORDER BY n)),
              'synthetic', sum(length(sentence) - length(replace(sentence, ' ', '')) + 1)::INTEGER,
              any_value(country), 'fogmap generate-events'
       FROM _synthetic_text GROUP BY doc_id ORDER BY any_value(day), doc_id""",
    "DROP TABLE _synthetic_spans",
    "DROP TABLE _synthetic_text",
)
_FILL = (_FILL[0].format(taxonomy=", ".join(
    f"('{r['code']}', '{r['sub_event_type']}')" for r in read_tsv("event_taxonomy.tsv")
    if r["event_type"] != "Not a conflict event")), *_FILL[1:])

_PLACES_SQL = f"""
INSERT INTO places (id, name, lat, lon, feature, country, source)
SELECT id, any_value(name), any_value(lat), any_value(lon), any_value(feature), any_value(country), '{STAGE}'
FROM (SELECT unnest(?) AS id, unnest(?) AS name, unnest(?) AS lat, unnest(?) AS lon, unnest(?) AS feature,
             unnest(?) AS country)
WHERE id IN (SELECT DISTINCT place_id FROM canonical_events) GROUP BY id ORDER BY id
"""
