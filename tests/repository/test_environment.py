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


def _needed_distributions(name: str, extras: tuple[str, ...] = ()) -> set[str]:
    """Every distribution that installing ``name[extras]`` needs here, by walking the metadata."""
    needed, pending = set(), [(name, extras)]
    while pending:
        current, current_extras = pending.pop()
        key = canonicalize_name(current)
        if (key, current_extras) in needed:
            continue
        needed.add((key, current_extras))
        for line in metadata.requires(current) or []:
            requirement = Requirement(line)
            environments = [{"extra": extra} for extra in ("", *current_extras)]
            if requirement.marker is None or any(
                requirement.marker.evaluate(environment) for environment in environments
            ):
                pending.append((requirement.name, tuple(sorted(requirement.extras))))
    return {key for key, _ in needed}


def test_what_the_install_needs_is_locked_and_installed_at_its_pin():
    # Checked from the package's own metadata, so a package a learner adds later (pip install
    # seaborn) does not matter; a dependency missing from the lock or at another version does.
    lock = _lock()
    needed = _needed_distributions("tutorial-utils", ("dev",)) - {"tutorial-utils"}
    assert {"keras", "numpy", "nbval", "pytest"} <= needed
    assert needed - set(lock) == set(), "not in constraints.txt: run 'make lock'"
    installed = {name: metadata.version(name) for name in needed}
    drift = {
        name: (installed[name], lock[name]) for name in needed if installed[name] != lock[name]
    }
    assert drift == {}, f"installed (version, locked version): {drift}; run 'make install'"


def test_lock_lines_are_exact_pins():
    lines = [
        line
        for line in (ROOT / "constraints.txt").read_text().splitlines()
        if line and not line.startswith("#")
    ]
    assert all(re.fullmatch(r"[A-Za-z0-9._-]+==[A-Za-z0-9.+!-]+", line) for line in lines)
    assert lines == sorted(lines, key=str.lower)
