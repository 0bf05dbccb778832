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

# Tests of pure functions (a page in, a record out: no sockets, clocks or processes) run
# on every core; the rest, which time real servers and schedulers, run alone after them.
PURE_TESTS := tests/test_markup_variants.py tests/test_scorecard_layouts.py \
	tests/test_golden.py tests/test_broken_pages.py tests/test_visible_text.py \
	tests/test_docs.py parsers schemas
# (a folder named on pytest's command line or in testpaths is collected whatever
# --ignore says; a glob of what is inside it is not)
NOT_PURE := $(foreach path,$(PURE_TESTS),--ignore-glob='$(path)$(if $(suffix $(path)),,/*)')

# At most four workers: a container may count the host's cores rather than its share.
test: check
	$(BIN)/pytest -q -n auto --maxprocesses 4 $(PURE_TESTS)
	$(BIN)/pytest -q $(NOT_PURE)

bench: $(BIN)/.installed
	$(BIN)/python bench/bench_parse.py
	$(BIN)/python bench/bench_store.py
	$(BIN)/python bench/bench_fetch.py
	$(BIN)/python bench/bench_cli.py

fixtures: $(BIN)/.installed
	$(BIN)/python tests/fixtures/make_fixtures.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
