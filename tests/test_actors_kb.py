"""The shipped actor KB loads clean, holds the facts resolution relies on, and check() catches bad files."""

from datetime import date
from pathlib import Path

import pytest

from fogmap.actors.kb import ACTOR_COLUMNS, ActorKB, alias_key, check, load_actor_kb


@pytest.fixture(scope="module")
def kb() -> ActorKB:
    return load_actor_kb()


def _ids(kb: ActorKB, alias: str) -> set[str]:
    return {row.id for row in kb.by_alias(alias)}


def _parents(kb: ActorKB, child: str, relation: str) -> set[str]:
    return {a.parent for a in kb.affiliations if a.child == child and a.relation == relation}


def _write(path: Path, rows: list[list[str]]) -> Path:
    path.write_text("\n".join("\t".join(r) for r in [list(ACTOR_COLUMNS), *rows]) + "\n", encoding="utf-8")
    return path


def test_shipped_kb_has_no_schema_problems(kb: ActorKB) -> None:
    assert check(kb) == []
    assert sum(len(rows) for rows in kb.actors.values()) > 400


def test_alias_keys_fold_case_accents_punctuation_and_the() -> None:
    assert alias_key("Hay'at Tahrir al-Sham") == alias_key("Hayat Tahrir al Sham") == "hayat tahrir al sham"
    assert alias_key("the U.N.") == "un" and alias_key("Forces Armées Maliennes") == "forces armees maliennes"


def test_islamic_state_names_resolve_to_one_actor(kb: ActorKB) -> None:
    for alias in ("ISIS", "Daesh", "ISIL", "Da'esh", "Islamic State of Iraq and the Levant", "the Islamic State"):
        assert _ids(kb, alias) == {"islamic-state"}, alias
    assert _ids(kb, "HTS") == _ids(kb, "Hayat Tahrir al-Sham") == {"sy-hts"}


def test_hts_lineage_reaches_nusra_and_nusra_left_al_qaeda(kb: ActorKB) -> None:
    chain, current = [], "sy-hts"
    while (succ := _parents(kb, current, "successor_of")) and len(chain) < 10:
        current = succ.pop()
        chain.append(current)
    assert chain == ["sy-jfs", "sy-nusra"]
    aq = [a for a in kb.affiliations if a.child == "sy-nusra" and a.parent == "al-qaeda"]
    assert len(aq) == 1 and aq[0].relation == "affiliate_of" and aq[0].valid_to == "2016-07-28"


def test_key_affiliations(kb: ActorKB) -> None:
    assert "sy-sdf" in _parents(kb, "sy-ypg", "part_of")
    assert "ir-state" in _parents(kb, "ye-houthis", "backed_by")
    assert "iq-pmf" in _parents(kb, "iq-kataib-hezbollah", "part_of")
    assert "rw-state" in _parents(kb, "cd-m23", "backed_by")
    assert "al-qaeda" in _parents(kb, "jnim", "affiliate_of")
    assert "sy-state" in _parents(kb, "sy-military", "part_of")


def test_syrian_state_forces_change_with_the_fall_of_assad(kb: ActorKB) -> None:
    before = kb.active("sy-military", date(2020, 6, 1))
    after = kb.active("sy-military", date(2025, 3, 1))
    assert before is not None and before.acled_name == "Military Forces of Syria (2000-)"
    assert after is not None and after.acled_name not in ("", before.acled_name)
    assert kb.active("sy-military", date(2024, 12, 8)) == after  # periods are half-open


def test_people_act_for_their_state_or_group(kb: ActorKB) -> None:
    assert {p.acts_for for p in kb.people["dmitry-peskov"]} == {"ru-state"}
    sharaa = {p.acts_for: p for p in kb.people["ahmed-al-sharaa"]}
    assert sharaa["sy-hts"].valid_to == "2025-01-29" and sharaa["sy-state"].valid_from == "2025-01-29"
    assert [p.valid_to for p in kb.people["bashar-al-assad"]] == ["2024-12-08"]


def test_descriptions_cover_generic_phrases(kb: ActorKB) -> None:
    roles = {d.phrase: d.role for d in kb.descriptions}
    assert roles["government forces"] == "state_forces" and roles["unknown gunmen"] == "unidentified_armed_group"
    assert roles["protesters"] == "protesters"
    # generic phrases are never actor aliases: they need the country to mean anything
    assert not any(kb.by_alias(p) for p in ("government forces", "security forces", "gunmen", "the army"))


def test_user_file_overrides_an_id_and_adds_new_ones(tmp_path: Path) -> None:
    user = _write(tmp_path / "mine.tsv", [
        ["sy-hts", "HTS (my coding)", "rebel_group", "SY", "HTS|Tahrir al-Sham", "", "My HTS", "2017-01-28", "", ""],
        ["xx-new-militia", "Brand New Militia", "militia", "SY", "BNM", "", "", "2025", "", ""],
    ])
    kb = load_actor_kb([user])
    assert [r.acled_name for r in kb.actors["sy-hts"]] == ["My HTS"]
    assert _ids(kb, "BNM") == {"xx-new-militia"}
    assert check(kb) == []


def test_check_reports_bad_rows(tmp_path: Path) -> None:
    user = _write(tmp_path / "bad.tsv", [
        ["zz-dup", "Dup", "militia", "SY", "", "", "", "2020", "", ""],
        ["zz-dup", "Dup again", "militia", "SY", "", "", "", "2020", "", ""],
        ["zz-kind", "Odd", "warlord", "QQ", "", "Q12x", "", "2020-13-01", "", ""],
        ["zz-clash", "Clash", "militia", "SY", "Hayat Tahrir al-Sham", "", "", "2018", "", ""],
    ])
    kb = load_actor_kb([user])
    kb.affiliations.append(type(kb.affiliations[0])(
        valid_from="", valid_to="", child="zz-dup", parent="zz-missing", relation="part_of", note=""))
    problems = "\n".join(check(kb))
    assert "zz-dup 2020: duplicate (id, valid_from)" in problems
    assert "unknown kind 'warlord'" in problems and "bad country code 'QQ'" in problems
    assert "bad wikidata id" in problems and "bad date" in problems
    assert "unknown id 'zz-missing'" in problems
    assert "'hayat tahrir al sham' names both sy-hts and zz-clash" in problems


# --- the user's own actor files (--actors FILE) -------------------------------------------------

def test_user_files_are_checked_by_what_they_add_and_name_file_and_line(tmp_path: Path) -> None:
    from fogmap.actors.user_files import check_user_files, user_file_problems
    from fogmap.errors import ConfigError

    good = _write(tmp_path / "good.tsv", [["xx-new-militia", "Brand New Militia", "militia", "SY", "BNM", "", "", "2025", "", ""]])
    assert user_file_problems([good]) == [] and user_file_problems([]) == []
    check_user_files([good])  # no error
    bad = _write(tmp_path / "bad.tsv", [
        ["zz-ok", "Fine", "militia", "SY", "", "", "", "2020", "", ""],
        ["zz-dup", "Dup", "militia", "SY", "", "", "", "2020", "", ""],
        ["zz-dup", "Dup again", "militia", "SY", "", "", "", "2020", "", ""],
    ])
    with pytest.raises(ConfigError) as raised:
        check_user_files([good, bad])
    message = str(raised.value)
    assert "\n" not in message and message.startswith(f"actor file {bad}:4: zz-dup 2020: duplicate (id, valid_from)")
    clash = _write(tmp_path / "clash.tsv", [["zz-clash", "Clash", "militia", "SY", "HTS", "", "", "2018", "", ""]])
    assert user_file_problems([clash]) == [
        f"{clash}:2: alias 'hts' names both sy-hts and zz-clash; drop the alias from one of them, or narrow its country or dates"]


@pytest.mark.parametrize("content, problem", [
    (b"id\tname\tkind\nzz\tZ\tmilitia\n", ":1: header is not id/name/kind/country/aliases/wikidata/acled_name/valid_from/valid_to/note (missing country"),
    ("\t".join(ACTOR_COLUMNS).encode() + b"\nzz-short\tShort\tmilitia\n", ":2: 'zz-short' has 3 columns, not 10"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", ": not UTF-8 text"),
    (b"id\x00name\x00", ": a binary file, not a TSV file"),
    (b"", ":1: header is not"),
])
def test_malformed_user_files_are_problems_not_crashes(tmp_path: Path, content: bytes, problem: str) -> None:
    from fogmap.actors.user_files import user_file_problems

    path = tmp_path / "mine.tsv"
    path.write_bytes(content)
    problems = user_file_problems([path])
    assert problems and problems[0].startswith(f"{path}{problem}"), problems
    missing = user_file_problems([tmp_path / "nope.tsv"])
    assert missing == [f"{tmp_path / 'nope.tsv'}: cannot read (No such file or directory)"]


def test_the_resolver_finds_user_actors_in_text_and_user_entries_override_shipped_ones(tmp_path: Path) -> None:
    from fogmap.actors.resolve import default_resolver

    user = _write(tmp_path / "mine.tsv", [
        ["islamic-state", "Islamic State", "jihadist_group", "", "ISIS|Daesh|Dawla", "", "IS (my coding)", "2013", "", ""],
        ["sy-golden-lions", "Brigade of the Golden Lions", "militia", "SY", "Golden Lions", "", "Golden Lions Brigade", "2015", "", ""],
    ])
    mine = default_resolver((str(user),))
    assert default_resolver((str(user),)) is mine and default_resolver() is not mine  # once per process and set of files
    day = date(2020, 1, 1)
    isis = mine.resolve("Dawla", None, day)
    assert (isis.actor_id, isis.acled_name) == ("islamic-state", "IS (my coding)")
    assert default_resolver().resolve("ISIS", None, day).acled_name != "IS (my coding)"  # the shipped one is untouched
    found = mine.find_in_text("Fighters of the Golden Lions attacked the town.", "SY", day)
    assert ("sy-golden-lions", "Golden Lions") in {(a.actor_id, a.matched) for _, _, a in found}
    assert default_resolver().resolve("Golden Lions", "SY", day) is None


def test_actor_file_stamps_follow_the_content(tmp_path: Path) -> None:
    from fogmap.actors.user_files import actor_file_stamps

    user = _write(tmp_path / "mine.tsv", [["zz-a", "A", "militia", "SY", "", "", "", "2020", "", ""]])
    first = actor_file_stamps([user])
    assert len(first) == 1 and first[0].startswith("actors:mine.tsv@")
    _write(user, [["zz-a", "A", "militia", "SY", "", "", "A (renamed)", "2020", "", ""]])
    assert actor_file_stamps([user]) != first and actor_file_stamps([]) == ()
