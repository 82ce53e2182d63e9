"""fogmap.sources: reliability grades, whose voice a source is, independence and self-interest."""

from datetime import date

import pytest

from fogmap.actors.resolve import default_resolver
from fogmap.errors import ConfigError
from fogmap.sources import DEFAULT_GRADE, grades, load_registry, registry_problems


@pytest.fixture(scope="module")
def resolver():
    return default_resolver()


def test_cannot_be_judged_is_the_default_and_not_a_middling_grade():
    scale = grades()
    assert list(scale) == ["A", "B", "C", "D", "E", "F"] and DEFAULT_GRADE == "F"
    assert scale["F"].meaning == "reliability cannot be judged"
    assert scale["F"].weight != scale["C"].weight
    assert [scale[g].weight for g in "ABCDE"] == sorted((scale[g].weight for g in "ABCDE"), reverse=True)


def test_state_media_share_their_states_voice(resolver):
    registry = load_registry(resolver)
    tass, rt, reuters = registry.profile("TASS"), registry.profile("RT"), registry.profile("Reuters")
    assert tass.actor_id == "ru-tass" and "ru-state" in tass.voices
    assert tass.reliability == "F" and tass.graded_by == "default"
    assert not registry.independent(tass, rt)  # a claim TASS makes and RT repeats is one claim
    assert registry.independent(tass, reuters)
    assert not registry.independent(reuters, registry.profile("Reuters"))  # one source is not two


def test_a_source_is_self_interested_about_the_actors_whose_voice_it_shares(resolver):
    registry = load_registry(resolver)
    day = date(2020, 5, 1)
    assert registry.self_interested(registry.profile("TASS", day), "ru-military", day)  # the state's own army
    assert not registry.self_interested(registry.profile("TASS", day), "ua-military", day)
    amaq = registry.profile("Amaq", day)
    assert amaq.voices[:2] == ("amaq", "islamic-state")
    assert registry.self_interested(amaq, "islamic-state", day)
    assert not registry.self_interested(registry.profile("Reuters", day), "islamic-state", day)


def test_an_unknown_outlet_is_its_own_source(resolver):
    registry = load_registry(resolver)
    a, b = registry.profile("Example Wire"), registry.profile("example wire")
    assert a.actor_id is None and a.voices == () and a.key == b.key == "outlet:example wire"
    assert not registry.independent(a, b)


def test_the_users_grades_by_id_or_name_and_problems_named_by_line(resolver, tmp_path):
    graded = tmp_path / "grades.tsv"
    graded.write_text("# our desk's grades\nsource\treliability\tnote\nReuters\tB\twire\nsy-sana\tD\tstate agency\n"
                      "Example Wire\tc\tlocal\n", encoding="utf-8")
    registry = load_registry(resolver, [graded])
    assert registry.profile("Reuters").reliability == "B"
    assert registry.profile("Syrian Arab News Agency").reliability == "D"
    assert (registry.profile("Example Wire").reliability, registry.profile("Example Wire").graded_by) == ("C", f"{graded}:5")
    assert registry.profile("TASS").reliability == "F"

    bad = tmp_path / "bad.tsv"
    bad.write_text("source\treliability\nReuters\tB\nAFP\tG\n\tA\n", encoding="utf-8")
    assert registry_problems(resolver, [bad]) == [
        f"{bad}:3: reliability 'G' is not a grade (A-F, the Admiralty scale)", f"{bad}:4: no source named"]
    with pytest.raises(ConfigError, match=rf"{bad.name}:3: .*\(and 1 more\)"):
        load_registry(resolver, [bad])
    headless = tmp_path / "headless.tsv"
    headless.write_text("name\tgrade\nReuters\tB\n", encoding="utf-8")
    assert registry_problems(resolver, [headless]) == [
        f"{headless}:1: the header lacks source, reliability (a source grade file has the columns source, reliability, note)"]
