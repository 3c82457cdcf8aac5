"""Settings and the error catalogue, checked against the README so the docs cannot drift."""

from __future__ import annotations

import pathlib

import pytest

from newsledger.errors import CATALOGUE, ConfigError, EmptyInput, InputError
from newsledger.settings import Settings, setting_help

README = (pathlib.Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_defaults():
    s = Settings.from_env({})
    assert s.db == "newsledger.db" and s.batch_size == 64 and s.strict is False


def test_environment_then_overrides():
    env = {"NEWSLEDGER_DB": "x.db", "NEWSLEDGER_BATCH_SIZE": "8", "NEWSLEDGER_STRICT": "yes"}
    s = Settings.from_env(env, db="y.db", published=None)
    assert (s.db, s.batch_size, s.strict) == ("y.db", 8, True)


@pytest.mark.parametrize("env", [{"NEWSLEDGER_BATCH_SIZE": "many"}, {"NEWSLEDGER_STRICT": "maybe"},
                                 {"NEWSLEDGER_MAX_BYTES": "0"}])
def test_bad_values_are_config_errors(env):
    with pytest.raises(ConfigError):
        Settings.from_env(env)


@pytest.mark.parametrize("name,env,default,help", setting_help())
def test_every_setting_is_documented_in_the_readme(name, env, default, help):
    assert f"`{env}`" in README, f"{env} missing from README settings table"


def test_error_codes_are_unique_and_input_errors_name_the_source():
    assert len(CATALOGUE) == len({c.code for c in CATALOGUE.values()})
    err = EmptyInput("news/a.txt", "the file is empty")
    assert str(err) == "news/a.txt: the file is empty"
    assert isinstance(err, InputError)
    assert err.to_dict() == {"code": "empty", "source": "news/a.txt", "reason": "the file is empty"}
