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

.PHONY: lab test install execute exercises navigation bench clean help

help:
	@echo "make lab      set everything up and open the tutorial in JupyterLab"
	@echo "make test     set everything up and run ruff, the unit tests and every notebook"
	@echo "make install  set everything up (a virtual environment in $(VENV))"
	@echo "make execute  re-run every notebook in place, in a fresh kernel, top to bottom"
	@echo "make exercises   regenerate the learner exercise notebooks from the solutions"
	@echo "make navigation  regenerate badges, Colab set-up and navigation cells from pyproject.toml"
	@echo "make bench    measure time, memory and forecast accuracy into benchmarks/"

install: $(STAMP)

$(STAMP):
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --disable-pip-version-check -c constraints.txt -e ".[dev]"
	rm -f $(VENV)/.installed-*
	touch $@

lab: $(STAMP)
	$(BIN)/jupyter lab --ServerApp.ip=127.0.0.1 --ServerApp.root_dir=. \
		--LabApp.default_url=/lab/tree/notebooks/00_index.ipynb $(ROOT_FLAG)

test: $(STAMP)
	$(BIN)/ruff check tutorial_utils tests notebooks
	$(BIN)/ruff format --check tutorial_utils tests notebooks
	$(BIN)/python -m pytest

execute: $(STAMP)
	$(BIN)/jupyter nbconvert --to notebook --execute --inplace \
		--ExecutePreprocessor.timeout=600 --ExecutePreprocessor.record_timing=False \
		$(NOTEBOOKS)

exercises: $(STAMP)
	$(BIN)/python -m tutorial_utils.exercises

navigation: $(STAMP)
	$(BIN)/python -m tutorial_utils.navigation

bench: $(STAMP)
	$(BIN)/python -m tutorial_utils.bench $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
