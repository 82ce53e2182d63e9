"""The evidence the history gives about each candidate perpetrator of one event, as numbers.

Every signal is a pair (n, N): how much of the relevant past points at the candidate, out of how
much there is. For a level (past events sharing the context's country and admin1, say) n is the
candidate's events there and N all events there; for a kernel (past events nearby, or in the days
around) both are sums of closeness weights. The model reads each signal three ways: as a share n/N
("most of what happens here"), as log(1 + n) ("a lot happens here") and, when the candidate is the
only actor there, as log(1 + N) ("everything here is theirs"). Chains of levels, coarse to fine,
give Witten-Bell estimates (a level counts for as much as its events outnumber its distinct actors,
and otherwise defers to the level before it), read as log-probabilities. The raw n and N are kept
beside the features so every probability can be traced back to them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .context import VIOLENT_EVENT_TYPES, EventContext, actor_kind, templated_name
from .index import HistoryIndex, Kernel, Level, Tally

LEVELS = (
    Level("all", ()),
    Level("country", ("country",)),
    Level("country_subtype", ("country", "sub_event_type")),
    Level("country_subtype_target", ("country", "sub_event_type", "actor2")),
    Level("country_subtype_target_kind", ("country", "sub_event_type", "inter2")),
    Level("area", ("country", "admin1")),
    Level("area_subtype", ("country", "admin1", "sub_event_type")),
    Level("area_subtype_target", ("country", "admin1", "sub_event_type", "actor2")),
    Level("district", ("country", "admin1", "admin2"), required=("admin2",)),
    Level("district_subtype", ("country", "admin1", "admin2", "sub_event_type"), required=("admin2",)),
    Level("district_subtype_target", ("country", "admin1", "admin2", "sub_event_type", "actor2"), required=("admin2",)),
    Level("location", ("country", "admin1", "admin2", "location"), required=("location",)),
    Level("location_subtype", ("country", "admin1", "admin2", "location", "sub_event_type"), required=("location",)),
    Level("location_subtype_target", ("country", "admin1", "admin2", "location", "sub_event_type", "actor2"),
          required=("location",)),
    # the event type pools its sub-types: who abducts civilians here also attacks them
    Level("area_type_target", ("country", "admin1", "event_type", "actor2")),
    Level("district_type_target", ("country", "admin1", "admin2", "event_type", "actor2"), required=("admin2",)),
    Level("location_type", ("country", "admin1", "admin2", "location", "event_type"), required=("location",)),
    Level("subtype", ("sub_event_type",)),
    Level("subtype_target", ("sub_event_type", "actor2"), required=("actor2",)),
    # who reports an event says much about whom it blames (a party's press service, the other side)
    Level("source", ("country", "source"), required=("source",)),
    Level("source_subtype", ("country", "source", "sub_event_type"), required=("source",)),
    Level("source_subtype_target", ("country", "source", "sub_event_type", "actor2"), required=("source",)),
    # ACLED splits one report over the places it names: same source, same day, same country
    Level("same_report", ("country", "date", "source"), required=("date", "source")),
    Level("same_report_type", ("country", "date", "source", "event_type"), required=("date", "source")),
    Level("same_report_subtype_target", ("country", "date", "source", "sub_event_type", "actor2"),
          required=("date", "source")),
    Level("outlet", ("country", "outlet"), required=("outlets",)),
    Level("outlet_subtype", ("country", "outlet", "sub_event_type"), required=("outlets",)),
    Level("outlet_subtype_target", ("country", "outlet", "sub_event_type", "actor2"), required=("outlets",)),
    # the other side: whom the event's actor2 fought or attacked, anywhere, in the country, nearby
    Level("opponent", (), reverse=True),
    Level("opponent_country", ("country",), reverse=True),
    Level("opponent_area", ("country", "admin1"), reverse=True),
    Level("opponent_district", ("country", "admin1", "admin2"), required=("admin2",), reverse=True),
    Level("same_day_area", ("country", "date", "admin1"), required=("date",)),
    Level("same_day_location", ("country", "date", "admin1", "admin2", "location"), required=("date", "location")),
    Level("opponent_same_report", ("country", "date", "source"), required=("date", "source"), reverse=True),
    # the means: the GTD's weapon type (ACLED has none, and these levels are then silent)
    Level("weapon", ("country", "sub_event_type", "weapon"), required=("weapon",)),
    Level("weapon_target", ("country", "weapon", "inter2", "actor2"), required=("weapon",)),
    Level("area_weapon", ("country", "admin1", "weapon"), required=("weapon",)),
)

# Back-off chains, coarse to fine: each gives a Witten-Bell estimate, where a level speaks as loudly
# as its events outnumber its distinct actors, and otherwise defers to the level before it.
CHAINS = {
    "where_what_whom": ("all", "country", "country_subtype", "country_subtype_target", "area_subtype_target",
                        "district_subtype_target", "location_subtype_target"),
    "where_what": ("all", "country", "country_subtype", "area_subtype", "district_subtype", "location_subtype"),
    "where": ("all", "country", "area", "district", "location"),
    "where_what_kind_whom": ("all", "country", "area", "area_type_target", "district_type_target"),
    "who_reports": ("all", "country", "source", "source_subtype", "source_subtype_target", "same_report",
                    "same_report_subtype_target"),
    "which_outlets": ("all", "country", "outlet", "outlet_subtype", "outlet_subtype_target"),
    "against_whom": ("all", "opponent", "opponent_country", "opponent_area", "opponent_district"),
    "how": ("all", "country", "weapon", "weapon_target"),
}

# Closeness in the preceding and following days: kilometres and days for a war's fronts (ACLED
# weeks), hundreds of kilometres and years for rare attacks across a country (GTD decades).
KERNELS = (
    Kernel("within_10km", km=10.0),
    Kernel("within_50km", km=50.0),
    Kernel("within_300km", km=300.0),
    Kernel("within_1_day", days=1.0),
    Kernel("within_3_days", days=3.0),
    Kernel("within_a_year", days=365.0),
    Kernel("within_5_years", days=1826.0),
    Kernel("near_and_recent", km=25.0, days=2.0),
)

# signals that are not a level or a kernel
TARGET_HERE = "target_here"  # the candidate as actor2 in the country
MIRROR = "same_as_actor2"  # how often an actor2 of this kind faced its own kind (only actor2 itself)
KIND = "perpetrator_kind"  # the candidate's kind among perpetrators of this sub-event type
KIND_TARGET = "perpetrator_kind_vs_target_kind"  # ... of this sub-event type against this kind of actor2
SIGNALS = (*(lv.name for lv in LEVELS), *(k.name for k in KERNELS), TARGET_HERE, MIRROR, KIND, KIND_TARGET)

FLAGS = ("never_actor1", "is_actor2", "names_country")
OTHER_FEATURES = ("bias", "novel_in_country", "novel_in_area_subtype", "log_events_in_country",
                  "log_events_in_area_subtype", "no_events_in_country")
BASE_FEATURES = (*(f"{s}:share" for s in SIGNALS), *(f"{s}:log" for s in SIGNALS),
                 *(f"{s}:unanimous" for s in SIGNALS), *(f"{c}:log_p" for c in CHAINS), *FLAGS)
# Violent events get weights of their own on top of the shared ones: in a battle the other side and
# the front say more, in a protest the country and the kind of crowd.
VIOLENT_SUFFIX = " (violent)"
FEATURES = (*BASE_FEATURES, *(f"{f}{VIOLENT_SUFFIX}" for f in BASE_FEATURES))

PROPOSED_BY_KIND = 3  # the sub-event type's commonest perpetrators are candidates anywhere


@dataclass(frozen=True)
class QueryFeatures:
    """One context's candidates with the raw signals behind their features."""

    candidates: tuple[str, ...]
    counts: np.ndarray  # candidates x SIGNALS: n
    totals: np.ndarray  # SIGNALS: N
    chains: np.ndarray  # candidates x CHAINS: the Witten-Bell probability at the chain's finest level
    flags: np.ndarray  # candidates x FLAGS
    other: np.ndarray  # OTHER_FEATURES, the features of "an actor the history does not name here"
    violent: bool

    @property
    def matrix(self) -> np.ndarray:
        """candidates x FEATURES."""
        with np.errstate(divide="ignore", invalid="ignore"):
            share = np.where(self.totals > 0, self.counts / self.totals, 0.0)
        # a grouping where every past event is the candidate's is worth more than its share says
        unanimous = np.where((self.totals > 0) & np.isclose(self.counts, self.totals), np.log1p(self.totals), 0.0)
        base = np.hstack([share, np.log1p(self.counts), unanimous, np.log(self.chains), self.flags])
        return np.hstack([base, base if self.violent else np.zeros_like(base)])


def _novel_share(tally_counts: dict[str, int], total: int) -> float:
    """Good-Turing: the share of events by actors seen once estimates the chance of a new one."""
    return sum(1 for n in tally_counts.values() if n == 1) / total if total else 1.0


def _witten_bell(tallies: dict[str, Tally], chain: tuple[str, ...], candidates: list[str]) -> np.ndarray:
    everything = tallies[chain[0]]
    # the root: every candidate, seen or only proposed, keeps some chance (add-one over the candidates)
    p = np.array([everything.counts.get(c, 0) + 1.0 for c in candidates]) / (everything.total + len(candidates))
    for name in chain[1:]:
        tally = tallies[name]
        if tally.total:
            distinct = len(tally.counts)
            n = np.array([tally.counts.get(c, 0) for c in candidates], dtype=float)
            p = (n + distinct * p) / (tally.total + distinct)
    return p


def _candidates(index: HistoryIndex, context: EventContext, tallies: dict[str, Tally]) -> list[str]:
    found = set(tallies["country"].counts)
    found.update(index.targets_in(context.country).counts)
    found.update(tallies["opponent"].counts)
    found.update(templated_name(k, context.country) for k in index.templated_kinds())
    common = index.level("subtype", context)
    found.update(sorted(common.counts, key=lambda a: (-common.counts[a], a))[:PROPOSED_BY_KIND])
    found.discard("")
    return sorted(found)


def query_features(index: HistoryIndex, context: EventContext) -> QueryFeatures:
    tallies = index.tallies(context)
    candidates = _candidates(index, context, tallies)
    columns: list[list[float]] = []
    totals: list[float] = []
    for level in LEVELS:
        tally = tallies[level.name]
        columns.append([tally.counts.get(c, 0) for c in candidates])
        totals.append(tally.total)
    for kernel in KERNELS:
        sums, total = index.kernel(kernel, context)
        columns.append([sums.get(c, 0.0) for c in candidates])
        totals.append(total)
    targets = index.targets_in(context.country)
    columns.append([targets.counts.get(c, 0) for c in candidates])
    totals.append(targets.total)
    mirrors = index.mirrors(context)
    columns.append([mirrors.counts.get("same", 0) if c == context.actor2 else 0 for c in candidates])
    totals.append(mirrors.total)
    kinds = [actor_kind(c, context.country).kind for c in candidates]
    for tally in (index.kinds(context.sub_event_type), index.kinds(context.sub_event_type, context.inter2)):
        columns.append([tally.counts.get(k, 0) for k in kinds])
        totals.append(tally.total)
    seen = tallies["all"].counts
    chains = np.array([_witten_bell(tallies, chain, candidates) for chain in CHAINS.values()]).T
    flags = [[float(c not in seen), float(c == context.actor2), float(context.country in c)] for c in candidates]
    country, area = tallies["country"], tallies["area_subtype"]
    other = np.array([1.0, _novel_share(country.counts, country.total), _novel_share(area.counts, area.total),
                      np.log1p(country.total), np.log1p(area.total), float(country.total == 0)])
    return QueryFeatures(tuple(candidates), np.array(columns, dtype=float).T.reshape(len(candidates), len(SIGNALS)),
                         np.array(totals, dtype=float), chains.reshape(len(candidates), len(CHAINS)),
                         np.array(flags, dtype=float).reshape(len(candidates), len(FLAGS)),
                         other, context.event_type in VIOLENT_EVENT_TYPES)
