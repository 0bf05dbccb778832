# The two commands in README: `make demo` and `make test`. Each builds .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test check bench fixtures clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

demo: $(BIN)/.installed
	$(BIN)/panelwatch demo

check: $(BIN)/.installed
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy

test: check
	$(BIN)/pytest -q

bench: $(BIN)/.installed
	$(BIN)/python bench/bench_parse.py
	$(BIN)/python bench/bench_store.py
	$(BIN)/python bench/bench_fetch.py
	$(BIN)/python bench/bench_cli.py

fixtures: $(BIN)/.installed
	$(BIN)/python tests/fixtures/make_fixtures.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
