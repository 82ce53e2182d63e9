"""fogmap.fusion.cluster: deterministic clustering through an index, joining existing clusters."""

import datetime as dt
import itertools

from fogmap.fusion import FusionIndex, canonical_id, fuse
from fogmap.fusion.cluster import anchor
from fogmap.fusion.reports import is_listed
from fusion_reports import ALEPPO, DAY, SYRIA, report


def _partition(clusters):
    return sorted(sorted(r.event_id for r in rs) for rs in clusters.values())


def test_reports_of_one_event_fuse_and_others_stay_apart():
    reports = [
        report("a", "d1", outlet="Reuters"), report("b", "d2", outlet="AFP", code="ATTACK"),
        report("c", "d3", outlet="AFP", place=ALEPPO), report("d", "d4", outlet="SANA", day=DAY + dt.timedelta(days=3)),
        report("e", "d5", outlet="SANA", code="PEACE_PROTEST"),
    ]
    assert _partition(fuse(reports)) == [["a", "b"], ["c"], ["d"], ["e"]]


def test_clustering_does_not_depend_on_input_order():
    reports = [report("a", "d1", outlet="Reuters"), report("b", "d2", outlet="AFP", code="ATTACK"),
               report("c", "d3", outlet="SANA", place=ALEPPO), report("d", "d4", outlet="BBC")]
    results = {tuple(map(tuple, _partition(fuse(list(p))))) for p in itertools.permutations(reports)}
    assert len(results) == 1
    assert fuse(reports).keys() == fuse(reversed(reports)).keys()  # ids too


def test_a_new_report_joins_an_existing_cluster_without_recomputing_it():
    first = fuse([report("a", "d1", outlet="Reuters"), report("b", "d2", outlet="AFP")])
    (cid,) = first
    later = fuse([report("c", "d3", outlet="SANA", code="ATTACK"), report("d", "d4", outlet="BBC", place=ALEPPO)],
                 existing=first)
    assert [r.event_id for r in later[cid]] == ["a", "b", "c"]
    assert cid == canonical_id(report("a", "d1"))
    assert _partition(later) == [["a", "b", "c"], ["d"]]


def test_majority_link_keeps_a_chain_of_near_matches_apart():
    week = report("w", "d0", outlet="Reuters", window_start=DAY, window_end=DAY + dt.timedelta(days=6), dated=True)
    monday = report("m", "d1", outlet="AFP")
    friday = report("f", "d2", outlet="BBC", day=DAY + dt.timedelta(days=4))
    clusters = fuse([week, monday, friday])
    assert len(clusters) == 2  # the week-long report joins one day, never both


def test_one_outlying_report_does_not_split_an_incident():
    """The third outlet calls it shelling and gives a toll far from the second's airstrike figure:
    incompatible with that one report, compatible with the founder and most of the cluster."""
    founder = report("a", "d1", outlet="Reuters", code="AIR_STRIKE")
    low = report("b", "d2", outlet="AFP", code="AIR_STRIKE", fatalities_best=4)
    unnamed = report("c", "d3", outlet="BBC", code="AIR_STRIKE")
    high = report("d", "d4", outlet="SANA", code="ART_MISS_ATTACK", fatalities_best=40)
    assert _partition(fuse([founder, low, unnamed, high])) == [["a", "b", "c", "d"]]
    # against the founder and that one report alone it is no majority
    assert _partition(fuse([founder, low, high])) == [["a", "b"], ["d"]]


def test_a_cluster_is_anchored_by_its_most_precisely_placed_member():
    """Two reports place the strike only in Syria, a third in Maarat al-Numan: a strike in Aleppo
    the same day agrees with the two vague ones, but not with where the cluster is known to be."""
    vague = report("a", "d1", outlet="Reuters", place=SYRIA)
    vague_too = report("b", "d2", outlet="AFP", place=SYRIA)
    placed = report("c", "d3", outlet="SANA")
    aleppo = report("d", "d4", outlet="BBC", place=ALEPPO)
    assert anchor([vague, vague_too, placed]) == placed
    assert _partition(fuse([vague, vague_too, placed, aleppo])) == [["a", "b", "c"], ["d"]]


def test_a_tie_goes_to_the_cluster_reported_first_whatever_the_ids(monkeypatch):
    """An "attack" agrees as well with the air strike (4 dead) as with the shelling (40 dead), which are
    two events: it joins the one reported first, and renaming the stage (which renames every cluster)
    changes nothing."""
    import fogmap.fusion.cluster as cluster

    strike = report("a", "d1", outlet="Reuters", code="AIR_STRIKE", fatalities_best=4)
    shelling = report("b", "d2", outlet="AFP", code="ART_MISS_ATTACK", fatalities_best=40)
    attack = report("c", "d3", outlet="SANA", code="ATTACK")
    partitions = set()
    for stage in ("fogmap_fusion_v3", "fogmap_fusion_v99", "x"):
        monkeypatch.setattr(cluster, "FUSION_STAGE", stage)
        partitions.add(tuple(map(tuple, _partition(fuse([strike, shelling, attack])))))
    assert partitions == {(("a", "c"), ("b",))}


def test_the_index_finds_only_clusters_sharing_a_country_and_day():
    index = FusionIndex()
    index.add("x", report("a", "d1"))
    assert index.candidates(report("b", "d2")) == {"x"}
    assert index.candidates(report("c", "d3", day=DAY + dt.timedelta(days=1))) == set()
    assert index.candidates(report("d", "d4", place={**ALEPPO, "country": "IQ"})) == set()


def test_listed_strikes_are_recognised():
    assert is_listed("One strike near Kobani destroyed an ISIL checkpoint.")
    assert is_listed("Another airstrike east of Dayr Az Zawr destroyed an ISIL oil collection point.")
    assert is_listed("Southeast of Fallujah, coalition aircraft also struck a small ISIL unit.")
    assert not is_listed("The attack killed nine civilians, a war monitor said.")
    assert not is_listed("Rescue workers said the two airstrikes flattened a market.")
