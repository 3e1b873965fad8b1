"""The pinned set is one set: constraints.txt, environment.yml and the installed packages agree."""

import re
from importlib import metadata
from pathlib import Path

import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]


def _lock() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "constraints.txt").read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            name, version = line.split("==")
            pins[canonicalize_name(name)] = version
    return pins


def _environment() -> dict:
    return yaml.safe_load((ROOT / "environment.yml").read_text())


def test_environment_yml_pins_match_the_lock():
    dependencies = _environment()["dependencies"]
    assert "python=3.12" in dependencies
    pip_section = next(item["pip"] for item in dependencies if isinstance(item, dict))
    assert pip_section[-1] == "-e ."
    pins = {}
    for line in pip_section[:-1]:
        name, version = line.split("==")
        pins[canonicalize_name(name)] = version
    lock = _lock()
    # Binder is Linux x86_64: it takes tensorflow-cpu, the lock's other TensorFlow pin is unused.
    expected = {name: version for name, version in lock.items() if name != "tensorflow"}
    assert pins == expected


def test_every_declared_dependency_is_pinned():
    lock = _lock()
    requirements = metadata.requires("tutorial-utils")
    names = {canonicalize_name(Requirement(line).name) for line in requirements}
    assert names - set(lock) == set()
    assert {"tensorflow-cpu", "tensorflow", "keras", "nbval"} <= names


def test_installed_packages_have_the_locked_versions():
    lock = _lock()
    drift = {}
    for distribution in metadata.distributions():
        name = canonicalize_name(distribution.metadata["Name"])
        if name in lock and distribution.version != lock[name]:
            drift[name] = (distribution.version, lock[name])
    assert drift == {}, f"installed (version, locked version): {drift}; run 'make install'"


def test_nothing_unpinned_is_installed():
    installed = {canonicalize_name(d.metadata["Name"]) for d in metadata.distributions()}
    unpinned = installed - set(_lock()) - {"pip", "tutorial-utils"}
    assert unpinned == set(), f"installed but not in constraints.txt: {sorted(unpinned)}"


def test_lock_lines_are_exact_pins():
    lines = [
        line
        for line in (ROOT / "constraints.txt").read_text().splitlines()
        if line and not line.startswith("#")
    ]
    assert all(re.fullmatch(r"[A-Za-z0-9._-]+==[A-Za-z0-9.+!-]+", line) for line in lines)
    assert lines == sorted(lines, key=str.lower)
