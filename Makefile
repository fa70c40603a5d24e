# skrnn developer commands. `make demo` and `make test` each create or refresh
# the project's virtual environment (.venv) first; only Python >= 3.10 is needed.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
SPHINX := $(VENV)/bin/sphinx-build
STAMP := $(VENV)/.installed
export TF_CPP_MIN_LOG_LEVEL ?= 2
TEST_BACKEND ?= jax
OTHER_BACKEND ?= tensorflow

.PHONY: venv demo test test-fast lint format bench docs clean

venv: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test,docs]"
	touch $(STAMP)

demo: $(STAMP)
	$(PY) -m skrnn compare --quick --output-dir skrnn-demo-output

# The whole suite runs on TEST_BACKEND (skrnn's default, JAX); the tests marked
# backend_subset (listed in tests/conftest.py) run again on OTHER_BACKEND.
test: $(STAMP)
	$(PY) -m ruff check skrnn tests benchmarks examples
	KERAS_BACKEND=$(TEST_BACKEND) $(PY) -m pytest -n 2 --durations=15 \
		--doctest-modules skrnn tests
	KERAS_BACKEND=$(OTHER_BACKEND) $(PY) -m pytest -n 2 -m backend_subset tests
	$(SPHINX) -W --keep-going -E -q -D plot_gallery=0 -b html \
		-d docs/_build/check-doctrees docs docs/_build/check

test-fast: $(STAMP)
	$(PY) -m pytest -n 2 -m "not slow" tests

lint: $(STAMP)
	$(PY) -m ruff check skrnn tests benchmarks examples
	$(PY) -m ruff format --check skrnn tests benchmarks examples

format: $(STAMP)
	$(PY) -m ruff format skrnn tests benchmarks examples
	$(PY) -m ruff check --fix skrnn tests benchmarks examples

# The HTML documentation; every examples/plot_*.py runs as its page is built.
docs: $(STAMP)
	rm -rf docs/auto_examples docs/sg_execution_times.rst
	$(SPHINX) -W --keep-going -E -b html docs docs/_build/html

bench: $(STAMP)
	for script in benchmarks/*.py; do $(PY) $$script || exit 1; done

clean:
	rm -rf $(VENV) skrnn-demo-output .pytest_cache build *.egg-info
	rm -rf docs/_build docs/auto_examples docs/api/generated docs/sg_execution_times.rst
