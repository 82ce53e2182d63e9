"""Choosing the place each mention means, using the rest of the document.

Every mention gets its candidates and their priors from geo/candidates.py (the gazetteer, admin-1
areas, US counties, continents, demonyms and state abbreviations). Each candidate's score is its
prior (what it is, its spelling, the kind the words ask for, the area written after it) plus named
parts of context:

- country: the share of the document's other places in the candidate's country (seeded by the
  extractor's country focus and the countries named outright);
- admin area: the share of the document's other places in the candidate's admin-1 area (a local US
  paper names towns of one state; a Syrian report names one governorate's villages);
- nearby: closeness to the places chosen for the other mentions.

Context is built in rounds: the first scores priors and the extractor's country focus only; each
later round rescores every name against what the previous round believed about the others (each
name's probability over its candidates, so an ambiguous name counts for little). A mention with no
candidate is reported unresolved and takes no part in the context, so it cannot move any other
choice; nor can a name only found inside another ("Colorado" in "Colorado State University").
"""

from __future__ import annotations

import logging
import math
import zipfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from statistics import median

from ..errors import ConfigError
from ..records import DocumentExtraction, PlaceMention, Span
from .areas import AreaIndex, load_areas
from .candidates import Candidates, capital_of_area, us_county_points
from .countries import CountryGazetteer, load_country_gazetteer
from .gazetteer import Gazetteer, GazetteerEntry, load_gazetteer
from .names import name_key
from .recognise import AT, DEMONYM, NEAR, PART_OF, REGION_OF, PlaceName, Recogniser
from .war_zones import war_zone_at

log = logging.getLogger(__name__)

DISTANT_MAX_POPULATION = 100_000  # a town this small, alone in its country among the document's places, ...
DISTANT_MIN_OTHERS = 2  # ... of a document naming at least this many other places, is taken for a namesake
ROUNDS = 2  # context rounds after the seed round; a third changed no choice on the geoparsing corpora
SCORE_BASE = 10.0  # see _probabilities
MIN_VOTE_PROBABILITY = 0.01  # candidates less likely than this take no part in the context
MIN_POINT_PROBABILITY = 0.2  # nor, below this, in the nearby part (it costs a distance per candidate)
NEARBY_KM = 50.0  # the nearby part halves at this distance from the closest other place
# ACLED places a region at its centre or capital; a region this small is "part of a place" (precision 2).
SMALL_REGION_KM = 50.0


@dataclass(frozen=True)
class Weights:
    """How much each kind of context counts; the approaches of `fogmap eval geo --approach`."""

    country: float = 2.0  # all of the document's other places in one country
    admin1: float = 3.0  # all of them in one admin-1 area
    nearby: float = 3.0  # another place chosen at the same point
    written_areas: bool = True  # "Macon, Ga.", "Aleppo, Syria": the area written after a town; "Ga." alone
    focus: float = 1.0  # the extractor's country focus, as so many places named in that country
    war_zone: float = 1.0  # a town in a war zone of its country, in a report of violence (10x population)


# The cue types that make a text a report of violence (kb/conflict_cues.tsv)
VIOLENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians",
                           "Unspecified violence"})

APPROACHES = {
    "prior": Weights(country=0.0, admin1=0.0, nearby=0.0, written_areas=False, war_zone=0.0),
    "country": Weights(admin1=0.0, nearby=0.0, written_areas=False),
    "nearby": Weights(admin1=0.0, written_areas=False),
    "admin1": Weights(written_areas=False),
    "full": Weights(),
}
DEFAULT_APPROACH = "full"


@dataclass(frozen=True)
class Candidate:
    entry: GazetteerEntry
    score: float
    parts: tuple[tuple[str, float], ...]  # the named parts of the score that are not zero


@dataclass(frozen=True)
class ResolvedPlace:
    """A mention and the place chosen for it (None: unresolved), with the choice's reasons."""

    mention: PlaceName
    place: GazetteerEntry | None
    precision: int
    score: float  # the chosen candidate's share of the candidates' softmax, 0..1
    reason: str
    candidates: tuple[Candidate, ...] = ()

    @property
    def resolved(self) -> bool:
        return self.place is not None

    def to_record(self, doc_id: str) -> PlaceMention:
        start, end = self.mention.phrase
        return PlaceMention(Span(doc_id, start, end), self.place.id if self.place else None, self.precision,
                            round(self.score, 4), self.reason)

    def as_dict(self, candidates: int = 0) -> dict:
        p = self.place
        out = {
            "text": self.mention.text, "start": self.mention.start, "end": self.mention.end,
            "phrase": list(self.mention.phrase), "source": self.mention.source, "relation": self.mention.relation,
            "kind": self.mention.kind or None, "direction": self.mention.direction or None,
            "id": p.id if p else None, "name": p.name if p else None, "lat": p.lat if p else None,
            "lon": p.lon if p else None,
            "feature": f"{p.feature_class}.{p.feature_code}".rstrip(".") if p else None,
            "admin1": (p.admin1 or None) if p else None, "admin2": (p.admin2 or None) if p else None,
            "country": p.country if p else None, "precision": self.precision if p else None,
            "score": round(self.score, 4), "reason": self.reason,
        }
        if candidates:
            shares = _probabilities(list(self.candidates))
            out["candidates"] = [candidate_dict(c, p) for c, p in zip(self.candidates[:candidates], shares)]
        return out


def candidate_dict(c: Candidate, probability: float | None = None) -> dict:
    """A candidate for JSON: the place, its score, the score's parts and (given) its probability."""
    e = c.entry
    out = {"id": e.id, "name": e.name, "lat": e.lat, "lon": e.lon,
           "feature": f"{e.feature_class}.{e.feature_code}".rstrip("."), "admin1": e.admin1 or None,
           "country": e.country, "population": e.population, "score": round(c.score, 3),
           "parts": {k: round(v, 3) for k, v in c.parts}}
    if probability is not None:
        out["probability"] = round(probability, 4)
    return out


@dataclass
class _Context:
    """What the previous round believed: each name's probability over its candidates, summed into the
    document's countries, admin-1 areas and likely points."""

    countries: Counter = field(default_factory=Counter)
    admin1: Counter = field(default_factory=Counter)
    points: list[tuple[int, float, float, float]] = field(default_factory=list)  # (group, lat, lon, probability)
    total: float = 0.0
    votes: dict[int, Counter] = field(default_factory=dict)  # group -> what it voted for

    def add(self, g: int, entry: GazetteerEntry, p: float) -> None:
        if g not in self.votes:  # each name counts once, its belief spread over its candidates
            self.votes[g] = Counter()
            self.total += 1.0
        votes = self.votes[g]
        self.countries[entry.country] += p
        votes[entry.country] += p
        if entry.admin1 and entry.feature_code != "PCLI":
            self.admin1[(entry.country, entry.admin1)] += p
            votes[(entry.country, entry.admin1)] += p
        if p >= MIN_POINT_PROBABILITY and (entry.feature_class in "PS" or (
                entry.radius_km is not None and entry.radius_km <= SMALL_REGION_KM)):
            self.points.append((g, entry.lat, entry.lon, p))

    def share(self, same: list[int], what) -> float:
        """The share of the other names' belief that lies in `what` (a country or admin-1 area)."""
        others = self.total - sum(1.0 for j in same if self.votes.get(j))
        if others <= 0:
            return 0.0
        table = self.admin1 if isinstance(what, tuple) else self.countries
        return max(0.0, table[what] - sum(self.votes[j][what] for j in same if j in self.votes)) / others


class Resolver(Candidates):
    """Chooses a place for every mention of a document, each in the context of the others."""

    def __init__(self, gazetteer: Gazetteer, countries: CountryGazetteer, weights: Weights | None = None,
                 areas: AreaIndex | None = None) -> None:
        self.weights = weights or Weights()
        super().__init__(gazetteer, countries, areas, self.weights.written_areas)

    # -- scoring --

    def resolve(self, mentions: Sequence[PlaceName], focus: str | None = None,
                violent: bool = False) -> list[ResolvedPlace]:
        """Choose a place for every mention, each in the context of the others.

        Mentions of one name with one kind are one place ("one sense per discourse") and count once
        as context; a name is never context for itself. In a text that reports violence (`violent`),
        a town in a war zone of its country is a little likelier than its namesakes elsewhere.
        """
        groups = _groups(mentions)
        heads = [_head(mentions, members) for members in groups]
        keys = [name_key(h.name) for h in heads]
        same = [[j for j, k in enumerate(keys) if k == key] for key in keys]
        longer = [[j for j, k in enumerate(keys) if k.startswith(key + " ")] for key in keys]
        options = [self.candidates(h, focus) for h in heads]
        named_after = [""] * len(heads)
        for g, h in enumerate(heads):
            if not options[g] and (inner := self.named_after(h)) is not None:
                heads[g], named_after[g], options[g] = inner, inner.name, self.candidates(inner, focus)
        priors = [[self.prior(h, e, capital_of_area(h, e, opts)) for e in opts] for h, opts in zip(heads, options)]
        self.container_parts(heads, options, priors, focus)
        if violent and self.weights.war_zone:
            _war_zone_parts(options, priors, self.weights.war_zone)
        ctx = self._seed(options, focus)
        choice: list[int | None] = [None] * len(heads)
        scored: list[list[Candidate]] = [[] for _ in heads]
        for round_ in range(ROUNDS + 1):
            last = round_ == ROUNDS
            for g, opts in enumerate(options):
                if len(opts) == 1 and scored[g] and not last:
                    continue  # one candidate: its belief is certain whatever the context; rescored last
                scored[g] = [self._score(same[g], e, prior, ctx, longer[g]) for e, prior in zip(opts, priors[g])]
                choice[g] = max(range(len(opts)), key=lambda k: scored[g][k].score) if opts else None
            ctx = self._context([[] if after else c for c, after in zip(scored, named_after)])
        results: list[ResolvedPlace | None] = [None] * len(mentions)
        for g, members in enumerate(groups):
            distant = "" if choice[g] is None else _unheld(scored[g][choice[g]]) or (
                self._distant_namesake(options[g][choice[g]], same[g], ctx)
                if not heads[g].within and not _held(scored[g][choice[g]]) else "")
            for i in members:
                results[i] = (ResolvedPlace(mentions[i], None, mentions[i].precision, 0.0, distant,
                                            tuple(sorted(scored[g], key=lambda c: -c.score)))
                              if distant else self._result(mentions[i], scored[g], choice[g], named_after[g]))
        return _place_counties(results)

    def _distant_namesake(self, entry: GazetteerEntry, same: list[int], ctx: _Context) -> str:
        """Why the best candidate is no answer, or "": a small town in a country none of the document's
        other places is in is more likely a namesake of a village the gazetteer lacks ("Madaya" in a
        Syrian report is not the town in Myanmar)."""
        if not self.weights.country or entry.source != "geonames" or entry.feature_class not in "PS":
            return ""
        others = ctx.total - sum(1.0 for j in same if ctx.votes.get(j))
        if entry.population >= DISTANT_MAX_POPULATION or others < DISTANT_MIN_OTHERS or ctx.share(same, entry.country):
            return ""
        return (f"not in the gazetteer as a place near the others; its only namesake, {entry.name} "
                f"({entry.country}, population {entry.population:,}), is in a country the text names no other place in")

    def _score(self, same: list[int], entry: GazetteerEntry, prior: list[tuple[str, float]],
               ctx: _Context, longer: list[int] = ()) -> Candidate:
        """The candidate's score in the context of the other names. `longer` are the names that extend
        this one ("Mexico City" for "Mexico"): their admin-1 area and point are no support for this name
        meaning the same place, since the writer told the two apart (their country still counts)."""
        parts = list(prior)
        w = self.weights
        if w.country and (share := ctx.share(same, entry.country)) > 0:
            parts.append(("country", w.country * share))
        if w.admin1 and entry.admin1 and entry.feature_code not in ("PCLI", "CONT"):
            if (share := ctx.share(same + longer, (entry.country, entry.admin1))) > 0:
                parts.append(("admin area", w.admin1 * share))
        if w.nearby and ctx.points and entry.feature_code not in ("PCLI", "CONT"):
            near = [(p / (1.0 + km / NEARBY_KM), km) for j, lat, lon, p in ctx.points
                    if j not in same and j not in longer
                    for km in (_km(entry.lat, entry.lon, lat, lon),)]
            if near:
                closeness, km = max(near)
                parts.append(("nearby", w.nearby * closeness))
                parts.append(("_km", km))
        score = sum(v for k, v in parts if not k.startswith("_"))
        return Candidate(entry, score, tuple(parts))

    def _seed(self, options: list[list[GazetteerEntry]], focus: str | None) -> _Context:
        """Round zero: the extractor's country focus, counted as so many places named in it."""
        ctx = _Context()
        if focus and self.weights.focus and self.weights.country:
            ctx.countries[focus] += self.weights.focus
            ctx.total += self.weights.focus
        return ctx

    @staticmethod
    def _context(scored: list[list[Candidate]]) -> _Context:
        ctx = _Context()
        for g, candidates in enumerate(scored):
            for c, p in zip(candidates, _probabilities(candidates)):
                # a continent, an ocean or a world region is no vote for any country or area
                if c.entry.country and c.entry.feature_code != "CONT" and p >= MIN_VOTE_PROBABILITY:
                    ctx.add(g, c.entry, p)
        return ctx

    def _result(self, mention: PlaceName, scored: list[Candidate], best: int | None,
                named_after: str = "") -> ResolvedPlace:
        if best is None:
            return ResolvedPlace(mention, None, mention.precision, 0.0, "not in the gazetteer")
        ranked = sorted(scored, key=lambda c: -c.score)
        chosen = scored[best]
        entry = _as_kind(mention, chosen.entry)
        precision, reason = _precision(mention, entry), _reason(chosen, len(scored))
        if named_after:
            precision, reason = max(precision, 2), f"not in the gazetteer; named after {named_after}: {reason}"
        return ResolvedPlace(mention, entry, precision, max(_probabilities(scored)), reason, tuple(ranked))


def _war_zone_parts(options: list[list[GazetteerEntry]], priors: list[list[tuple[str, float]]],
                    weight: float) -> None:
    """Add the war-zone part to the priors of towns that lie in one, when a name has several towns."""
    for opts, prior in zip(options, priors):
        towns = [k for k, e in enumerate(opts) if e.feature_class == "P"]
        if len(towns) < 2:
            continue
        for k in towns:
            if war_zone_at(opts[k].lat, opts[k].lon, opts[k].country) is not None:
                prior[k] = [*prior[k], ("war zone", weight)]


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine) of one pair, in plain floats (numpy is slower for one pair)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 12742.0 * math.asin(math.sqrt(min(1.0, h)))


def _probabilities(candidates: list[Candidate]) -> list[float]:
    """Each candidate's probability: one score unit is a factor of SCORE_BASE (ten: the prior is log10
    of population, so a town ten times larger is ten times likelier, all else equal)."""
    if not candidates:
        return []
    top = max(c.score for c in candidates)
    weights = [SCORE_BASE ** (c.score - top) for c in candidates]
    total = sum(weights)
    return [w / total for w in weights]


def _groups(mentions: Sequence[PlaceName]) -> list[list[int]]:
    """Indices of the mentions of one name and kind, in order of first mention."""
    groups: dict[tuple[str, str], list[int]] = {}
    for i, m in enumerate(mentions):
        groups.setdefault((name_key(m.name), m.kind), []).append(i)
    return list(groups.values())


def _held(candidate: Candidate) -> bool:
    """Whether a container the text writes after the name holds the candidate."""
    return any(k == "container" for k, _ in candidate.parts)


def _unheld(candidate: Candidate) -> str:
    """Why a candidate is no answer, or "": the containers written in parentheses after the name
    ("Bamba (Koro, Mopti)") are places the gazetteer knows, and none of them holds it."""
    if any(k == "_unheld" for k, _ in candidate.parts) and not _held(candidate):
        e = candidate.entry
        return f"not in the gazetteer inside the places written after it; its namesake {e.name} ({e.country}) lies outside them"
    return ""


def _head(mentions: Sequence[PlaceName], members: list[int]) -> PlaceName:
    """The mention that speaks for a group: the first, with the "within" and containers any member has."""
    head = mentions[members[0]]
    within = next((mentions[i].within for i in members if mentions[i].within), "")
    containers = next((mentions[i].containers for i in members if mentions[i].containers), ())
    return replace(head, within=within, containers=containers) if (within, containers) != (
        head.within, head.containers) else head


def _place_counties(results: list[ResolvedPlace]) -> list[ResolvedPlace]:
    """A US county without a point of its own (no town of 500 people) goes to the middle of the
    document's towns in its state, which a local report names around it; with none, it stays at the
    state's point."""
    out = []
    points = us_county_points()
    for r in results:
        p = r.place
        if p is not None and p.id.startswith("us-county:") and p.admin2 not in points:
            towns = [(o.place.lat, o.place.lon) for o in results
                     if o.place is not None and o.place.feature_class in "PS" and o.place.country == p.country
                     and o.place.admin1 == p.admin1]
            if towns:
                lat, lon = median(t[0] for t in towns), median(t[1] for t in towns)
                r = replace(r, place=replace(p, lat=lat, lon=lon), precision=2,
                            reason=f"{r.reason}; placed at the middle of the {len(towns)} place(s) the text names in {p.admin1}")
            else:
                r = replace(r, precision=3, reason=f"{r.reason}; placed at its state's point")
        out.append(r)
    return out


def _as_kind(mention: PlaceName, entry: GazetteerEntry) -> GazetteerEntry:
    """ "Idlib province" resolved through the town of Idlib is the admin-1 area it is the chief town of,
    placed at that town (as ACLED places a province at its capital)."""
    if mention.kind == "admin1" and entry.feature_class == "P" and entry.admin1:
        return replace(entry, id=f"admin1:{entry.country}.{entry.admin1}",
                       name=f"{entry.name} ({mention.kind.replace('admin1', 'admin-1 area')})",
                       feature_class="A", feature_code="ADM1", population=0)
    return entry


def _precision(mention: PlaceName, entry: GazetteerEntry) -> int:
    if entry.feature_code in ("PCLI", "CONT", "ADM1"):
        return 3
    if entry.radius_km is not None:
        return 2 if entry.radius_km <= SMALL_REGION_KM and mention.relation in (AT, NEAR, PART_OF) else 3
    if mention.relation == REGION_OF:  # "northern Aleppo": part of a town's area
        return 2
    return mention.precision if mention.relation != DEMONYM else 3


def _reason(chosen: Candidate, n: int) -> str:
    parts = dict(chosen.parts)
    e = chosen.entry
    bits = []
    if e.feature_code == "PCLI":
        bits.append("a country")
    elif e.feature_code == "CONT":
        bits.append("a continent")
    elif e.source == "fogmap":
        bits.append("the project's conflict feature")
    elif e.feature_code == "ADM1":
        bits.append("an admin-1 area")
    else:
        bits.append(f"population {e.population:,}")
    if "kb spelling" in parts:
        bits.append("kb spelling")
    if parts.get("kind", 0) > 0:
        bits.append("fits the words around it")
    if parts.get("country", 0) >= 0.5:
        bits.append(f"in the document's country {e.country}")
    if parts.get("admin area", 0) >= 0.3:
        bits.append(f"in the document's admin-1 area {e.country}.{e.admin1}")
    if "_km" in parts and parts.get("nearby", 0) >= 0.2:
        bits.append(f"{parts['_km']:.0f} km from another place named")
    return f"{'; '.join(bits)} ({n} candidate{'s' if n != 1 else ''})"


# --- recognise + resolve --------------------------------------------------------------------------

def reports_violence(extraction: DocumentExtraction) -> bool:
    """Whether the text asserts a violent event (a cue of one of VIOLENT_TYPES, not negated or hedged)."""
    return any(c.acled_type in VIOLENT_TYPES and c.modality == "asserted" for c in extraction.candidates)


class Geoparser:
    """Place mentions of a document, recognised and resolved: `geoparser(text, extraction)`."""

    def __init__(self, recogniser: Recogniser, resolver: Resolver) -> None:
        self.recogniser = recogniser
        self.resolver = resolver

    def __call__(self, text: str, extraction: DocumentExtraction) -> list[ResolvedPlace]:
        focus = extraction.country_focus
        mentions = self.recogniser(text, extraction.entities, extraction.sentences, focus)
        return self.resolver.resolve(mentions, focus, reports_violence(extraction))

    def geocode(self, name: str, country: str | None = None) -> list[Candidate]:
        """The places a bare name may mean, best first ("Idlib province" wants the area); with
        `country`, only that country's, ranked as if the text were about it."""
        mention = self.recogniser.mention_at(name, 0, len(name), "query")
        result = self.resolver.resolve([mention], focus=country)[0]
        if result.place is not None and result.place.id not in {c.entry.id for c in result.candidates}:
            result = replace(result, candidates=(replace(result.candidates[0], entry=result.place),
                                                 *result.candidates[1:]))
        return [c for c in result.candidates if country is None or c.entry.country == country]


def load_geoparser(approach: str = DEFAULT_APPROACH) -> Geoparser:
    """The geoparser over the offline gazetteer, with the weights of one of APPROACHES."""
    if approach not in APPROACHES:
        raise ConfigError(f"unknown geoparsing approach {approach!r}; choose one of {', '.join(APPROACHES)}")
    gazetteer, countries = load_gazetteer(), load_country_gazetteer()
    try:
        areas = load_areas()
        areas.by_name("")  # builds the name index now, not in the first document
    except (OSError, ValueError, KeyError, zipfile.BadZipFile) as exc:  # a missing, stale or broken data/admin1.npz
        log.warning("admin-1 areas unavailable (%s); resolving without them", exc)
        areas = None
    return Geoparser(Recogniser(gazetteer, countries, areas),
                     Resolver(gazetteer, countries, APPROACHES[approach], areas))
