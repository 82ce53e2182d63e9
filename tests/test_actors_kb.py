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
