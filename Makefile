# `make run` serves the app with demo data; `make test` runs the checks and the suite on SQLite
# and on a throwaway PostgreSQL cluster. Both set everything up on a fresh clone.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run test lint typecheck test-sqlite test-postgres system-packages clean

run: $(VENV)/.installed
	$(BIN)/sir-tracker db upgrade
	$(BIN)/sir-tracker demo --if-empty
	@echo "SIR Tracker on http://$(HOST):$(PORT)/  (Ctrl-C stops it)"
	$(BIN)/sir-tracker run --host $(HOST) --port $(PORT)

test: system-packages $(VENV)/.installed
	$(MAKE) --no-print-directory lint typecheck test-sqlite test-postgres

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(VENV)/.installed
	$(BIN)/mypy

test-sqlite: $(VENV)/.installed
	@echo "=== Test suite on SQLite ==="
	$(BIN)/pytest

test-postgres: $(VENV)/.installed
	@echo "=== Test suite on PostgreSQL ==="
	scripts/with-postgres.sh $(BIN)/pytest

system-packages:
	scripts/install-system-packages.sh

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
