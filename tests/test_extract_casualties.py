"""Casualty figures and ACLED fatality coding (fogmap.extract.casualties)."""

from __future__ import annotations

import pytest

from fogmap.extract.casualties import (
    CasualtyCount,
    fatalities_acled,
    fatality_range,
    find_casualties,
    injured_total,
    parse_number,
)


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("1,200", 1200),
        ("five", 5),
        ("twenty-three", 23),
        ("twenty three", 23),
        ("a dozen", 12),
        ("dozens", 12),
        ("several", 3),
        ("hundreds", 100),
        ("two hundred and fifty", 250),
        ("many", None),
    ],
)
def test_parse_number(phrase: str, value: int | None) -> None:
    assert parse_number(phrase) == value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gunmen stormed the market, killing 7 traders.", 7),
        ("Four soldiers were killed in the ambush near the border post.", 4),
        ("At least 5 civilians have been killed in the shelling.", 5),
        ("Between 10 and 15 villagers were killed overnight.", 10),
        ("More than 30 fighters died in the battle for the hill.", 30),
        ("Nearly 40 people were killed when the bridge was bombed.", 40),
        ("The airstrike killed over 100 insurgents, the army said.", 100),
        ("Up to 20 people were killed in the raid.", 20),
        ("Rebels killed 1,200 people in the province last year.", 1200),
        ("Twenty-three miners were killed in the attack on the site.", 23),
        ("A dozen policemen were killed at the checkpoint.", 12),
        ("Dozens of protesters were shot dead by troops.", 12),
        ("Several militants were killed in the raid.", 3),
        ("Hundreds of civilians were massacred in the town.", 100),
    ],
)
def test_numeric_figures(text: str, expected: int) -> None:
    assert fatalities_acled(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Unidentified men shot and killed a man outside his shop.",
        "The militants killed a soldier at the checkpoint.",
        "A civilian was killed by a stray bullet on Tuesday.",
        "The gang opened fire on the bus, killing one.",
        "A local trader was shot dead near the mosque.",
        "Suspected jihadists beheaded a farmer in the field.",
        "The body of a woman was found near the river.",
    ],
)
def test_implicit_singular(text: str) -> None:
    assert fatalities_acled(text) == 1


def test_list_of_victim_groups_in_one_phrase_adds_up() -> None:
    assert fatalities_acled("The shell hit a house, killing two children and a woman.") == 3


def test_killed_and_wounded_split() -> None:
    text = "Gunmen killed 4 villagers and wounded 6 others in the raid."
    assert fatalities_acled(text) == 4
    assert injured_total(text) == 6


def test_passive_injured_and_others() -> None:
    text = "Seven soldiers were killed and sixteen others injured in the clashes."
    assert fatalities_acled(text) == 7
    assert injured_total(text) == 16


def test_leaving_dead_and_injured() -> None:
    text = "The car bomb exploded at the market, leaving 9 dead and 23 injured."
    assert fatalities_acled(text) == 9
    assert injured_total(text) == 23


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a dateline's day and year never add to the toll
        ("13 October 2016 Two children killed 5 others injured in a rocket attack.", 2),
        ("Date of publication 15 August 2016 Nine persons killed 12 injured in an attack.", 9),
        ("Jul 2016 29 civilians were killed in air strikes.", 29),
        ("On March 3, 2015, 14 people were killed.", 14),
        ("On May 5 three soldiers were killed.", 3),
        ("Killing 12 on 5 June, the raid was the deadliest.", 12),
        # a month name before a count of victims is no date
        ("May 5 people were killed", 5),
    ],
)
def test_dates_are_not_counts(text: str, expected: int) -> None:
    assert fatalities_acled(text) == expected


def test_death_toll() -> None:
    assert fatalities_acled("The death toll from the blast rose to 14 on Sunday.") == 14


def test_n_dead_and_n_fatalities() -> None:
    assert fatalities_acled("Heavy fighting in the north: 8 dead.") == 8
    assert fatalities_acled("The clashes caused 6 fatalities among the militia.") == 6


def test_casualties_alone_is_not_a_death_count() -> None:
    assert fatalities_acled("The army reported 12 casualties after the ambush.") == 0


def test_perpetrator_count_is_not_a_victim_count() -> None:
    assert fatalities_acled("5 gunmen killed 3 villagers in the night raid.") == 3


def test_attackers_killed_in_passive_count() -> None:
    assert fatalities_acled("5 gunmen were killed when troops returned fire.") == 5


@pytest.mark.parametrize(
    "text",
    [
        "In 2019 the group killed nobody, officials said.",
        "The convoy was attacked but no casualties were reported.",
        "No one was killed in the explosion at the depot.",
        "There were no fatalities and no injuries.",
        "A 25-year-old was arrested in 2021 under Resolution 2254 rules.",
        "The donors pledged $5 million for the 300 displaced families.",
        "The protest began at 10:30 and ended peacefully in 2020.",
    ],
)
def test_false_positive_guards(text: str) -> None:
    assert fatalities_acled(text) == 0


def test_negation_yields_zero_figure() -> None:
    counts = find_casualties("No one was killed in the explosion.")
    assert counts and all(c.best == 0 for c in counts)
    assert injured_total("Nobody was injured in the attack.") == 0


def test_age_is_not_a_count() -> None:
    assert fatalities_acled("A 25-year-old man was shot dead in the street.") == 1


def test_crowd_size_is_never_fatalities() -> None:
    assert fatalities_acled("About 50 people marched to the governor's office. [size=around 50]") == 0
    assert fatalities_acled("Students protested at the university. [size=no report]") == 0


def test_distinct_groups_add_up() -> None:
    text = "Militants attacked the base, killing 3 soldiers. 2 militants were also killed."
    assert fatalities_acled(text) == 5


def test_conflicting_reports_take_lowest() -> None:
    assert fatalities_acled("The raid killed 12 people, according to police; the death toll later rose to 15.") == 12
    assert fatalities_acled("Troops killed 12 rebels (other sources say 15 rebels were killed).") == 12


def test_total_is_not_added_to_its_breakdown() -> None:
    assert fatalities_acled("10 people were killed, including 3 children.") == 10


def test_anaphoric_singular_is_not_counted_twice() -> None:
    assert fatalities_acled("Gunmen shot a man and a woman. The man died and the woman was injured.") == 1
    assert fatalities_acled("A soldier was killed by a sniper. The soldier was 22.") == 1


def test_coder_line_overrides_prose() -> None:
    text = "Forces clashed, killing and injuring dozens of fighters. Unknown fatalities coded as 6."
    assert fatalities_acled(text) == 6


def test_split_between_events() -> None:
    text = "Airstrikes killed 40 militants in four districts. Fatalities split between 4 events."
    assert fatalities_acled(text) == 10


def test_protest_cause_is_not_an_outcome() -> None:
    text = "Residents protested after police killed a man in the market. [size=around 200]"
    assert fatalities_acled(text) == 0


def test_killed_or_captured_is_no_figure() -> None:
    assert fatalities_acled("3 rebels were killed, injured or captured during the operation.") == 0


def test_fatality_range() -> None:
    assert fatality_range("Between 10 and 15 villagers were killed overnight.") == (10, 12, 15)
    assert fatality_range("Up to 20 people were killed in the raid.") == (1, 20, 20)
    assert fatality_range("The weather was calm.") == (0, 0, 0)


def test_find_casualties_span_and_who() -> None:
    text = "On Monday, 12 soldiers were killed near the border."
    (count,) = find_casualties(text)
    assert isinstance(count, CasualtyCount)
    assert count.kind == "killed" and count.best == 12 and count.who == "soldiers"
    assert text[count.start:count.end] == count.text
    assert "12 soldiers were killed" in count.text


def test_counts_are_frozen() -> None:
    (count,) = find_casualties("Two civilians were killed.")
    with pytest.raises(AttributeError):
        count.best = 3  # type: ignore[misc]


def test_injured_patterns() -> None:
    assert injured_total("The blast wounded 14 people at the bus stop.") == 14
    assert injured_total("Three policemen were hurt in the clashes.") == 3
    assert injured_total("Gunmen killed one gendarme and wounded another.") == 1


def test_empty_text() -> None:
    assert find_casualties("") == []
    assert fatalities_acled("") == 0
    assert injured_total("") == 0
