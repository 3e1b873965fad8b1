# The commands a learner, an instructor and CI type. Needs only python3 (3.10+), pip and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# The set-up is keyed on the content of the dependency files: change one and the next
# command reinstalls; change nothing and it installs nothing.
DEPS_KEY := $(shell cat pyproject.toml constraints.txt | $(PYTHON) -c "import hashlib, sys; print(hashlib.sha256(sys.stdin.buffer.read()).hexdigest()[:16])")
STAMP := $(VENV)/.installed-$(DEPS_KEY)
# Jupyter refuses to start as root unless told; containers often run as root.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root)
# Teaching and solution notebooks are committed executed; learner exercises are committed blank.
NOTEBOOKS := $(sort $(wildcard notebooks/*.ipynb notebooks/solutions/*.ipynb))

# What ruff checks: the package, its data package, the maintainers' tools, tests and notebooks.
LINTED := tutorial_utils data tools tests notebooks

.PHONY: lab test test-fast test-unit test-checks test-repository test-course test-notebooks lint \
	install \
	execute exercises navigation bench lock clean help

help:
	@echo "make lab      set everything up and open the tutorial in JupyterLab"
	@echo "make test     set everything up and run ruff, every test and every notebook"
	@echo "make test-fast       ruff, then the unit, checks and repository tests (no notebooks)"
	@echo "make test-unit       the package's behaviour (tests/unit)"
	@echo "make test-checks     the exercise self-checks (tests/checks)"
	@echo "make test-repository environment, Makefile, tools, notebook hygiene, wheel"
	@echo "make test-course     the nbgrader round trip of every exercise notebook (minutes)"
	@echo "make test-notebooks  every notebook top to bottom under nbval"
	@echo "make install  set everything up (a virtual environment in $(VENV))"
	@echo "make execute  re-run every notebook in place, in a fresh kernel, top to bottom"
	@echo "make exercises   regenerate the learner exercise notebooks from the solutions"
	@echo "make navigation  regenerate badges, Colab set-up and navigation cells from pyproject.toml"
	@echo "make bench    measure time, memory and forecast accuracy into benchmarks/"
	@echo "make lock     regenerate constraints.txt and environment.yml from pyproject.toml"

install: $(STAMP)

$(STAMP):
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --disable-pip-version-check -c constraints.txt -e ".[dev]"
	rm -f $(VENV)/.installed-*
	touch $@

lab: $(STAMP)
	$(BIN)/jupyter lab --ServerApp.ip=127.0.0.1 --ServerApp.root_dir=. \
		--LabApp.default_url=/lab/tree/notebooks/00_index.ipynb $(ROOT_FLAG)

lint: $(STAMP)
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)

# One pytest run over every layer, so that its closing line counts them all.
test: lint
	$(BIN)/python -m pytest tests notebooks

# The nbgrader round trip (tests/course) executes every solutions notebook three times: not fast.
test-fast: lint
	$(BIN)/python -m pytest tests --ignore=tests/course

test-unit: $(STAMP)
	$(BIN)/python -m pytest tests/unit

test-checks: $(STAMP)
	$(BIN)/python -m pytest tests/checks

test-repository: $(STAMP)
	$(BIN)/python -m pytest tests/repository

test-course: $(STAMP)
	$(BIN)/python -m pytest tests/course

test-notebooks: $(STAMP)
	$(BIN)/python -m pytest notebooks

execute: $(STAMP)
	$(BIN)/jupyter nbconvert --to notebook --execute --inplace \
		--ExecutePreprocessor.timeout=600 --ExecutePreprocessor.record_timing=False \
		$(NOTEBOOKS)

# The maintainers' tools live in tools/ (not installed) and run from the repository's root.
exercises: $(STAMP)
	$(BIN)/python -m tools.exercises

navigation: $(STAMP)
	$(BIN)/python -m tools.navigation

bench: $(STAMP)
	$(BIN)/python -m tools.bench $(BENCH_ARGS)

# Regenerate constraints.txt (uv pip compile, Python 3.10-3.12 on Linux x86_64) and
# environment.yml from pyproject.toml; then 'make install' installs the new pins.
# Needs only uv (pinned by the lock itself), not the set-up: pyproject.toml may ask for what the
# old lock does not have yet.
lock:
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --disable-pip-version-check -q -c constraints.txt uv
	$(BIN)/python -m tools.lock

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
