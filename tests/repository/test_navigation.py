import importlib
import os
import subprocess
import sys

import pytest

from tools import navigation


def test_generated_cells_and_readme_badges_are_current():
    assert navigation.outdated() == [], "run 'make navigation' (then 'make execute')"


def test_urls_come_from_the_one_setting():
    repository = navigation.read_repository()
    assert repository.url.startswith("https://github.com/")
    binder = repository.binder("notebooks/00_index.ipynb")
    assert binder.endswith("?urlpath=lab/tree/notebooks/00_index.ipynb")
    assert repository.slug in binder and repository.slug in repository.colab("x.ipynb")
    assert repository.url in navigation.colab_setup_source(repository, "numpy 2.2")


def test_bad_repository_setting(tmp_path):
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[tool.tutorial_utils]\nrepository = "git@github.com:a/b"\n')
    with pytest.raises(ValueError, match="must be https://github.com/OWNER/NAME"):
        navigation.read_repository(pyproject)


def _run_setup_cell(monkeypatch, on_colab):
    calls = []
    monkeypatch.setattr(subprocess, "run", lambda command, check: calls.append(command))
    monkeypatch.setattr(importlib, "invalidate_caches", lambda: calls.append("invalidate_caches"))
    monkeypatch.setattr(os.path, "isdir", lambda folder: False)
    if on_colab:
        monkeypatch.setitem(sys.modules, "google.colab", object())
    else:
        monkeypatch.delitem(sys.modules, "google.colab", raising=False)
    for name in ("TF_CPP_MIN_LOG_LEVEL", "TF_ENABLE_ONEDNN_OPTS"):
        monkeypatch.delenv(name, raising=False)
    source = navigation.colab_setup_source(navigation.read_repository(), "numpy 2.2")
    exec(compile(source, "setup-cell", "exec"), {})
    assert os.environ["TF_CPP_MIN_LOG_LEVEL"] == "2"
    return calls


def test_setup_cell_does_nothing_off_colab(monkeypatch):
    assert _run_setup_cell(monkeypatch, on_colab=False) == []


def test_setup_cell_clones_and_installs_on_colab(monkeypatch):
    clone, install, refresh = _run_setup_cell(monkeypatch, on_colab=True)
    repository = navigation.read_repository()
    assert clone[:2] == ["git", "clone"] and repository.url in clone
    assert clone[clone.index("--branch") + 1] == repository.branch  # the notebook's release
    # A regular (not editable) install: the running kernel finds it, with its data package.
    assert install[1:] == ["-m", "pip", "install", "-q", "--no-deps", clone[-1]]
    assert refresh == "invalidate_caches"


def test_a_course_pins_its_release_with_one_setting(tmp_path):
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(
        '[tool.tutorial_utils]\nrepository = "https://github.com/a/b"\nbranch = "v1.2"\n'
    )
    repository = navigation.read_repository(pyproject)
    source = navigation.colab_setup_source(repository, "numpy 2.2")
    assert 'release = "v1.2"' in source and '"--branch", release' in source
    assert "/b/v1.2?urlpath=" in repository.binder("x.ipynb")
    assert "/blob/v1.2/x.ipynb" in repository.colab("x.ipynb")


def test_the_colab_cell_states_the_versions_of_the_lock(tmp_path):
    versions = navigation.relied_on_versions()
    for shown in navigation.RELIED_ON.values():
        assert f"{shown} " in versions
    assert versions in navigation.colab_setup_source(navigation.read_repository(), versions)
    constraints = tmp_path / "constraints.txt"
    constraints.write_text(
        "# a comment with == in it\nnumpy==2.2.6\nkeras==3.12.4 ; python_version >= '3.10'\n"
    )
    with pytest.raises(ValueError, match="pins no version of pandas, scikit-learn"):
        navigation.relied_on_versions(constraints)
