# `make run` serves the app with demo data; `make test` runs the checks and the suite on SQLite
# and on a throwaway PostgreSQL cluster. Both set everything up on a fresh clone.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000
# Two pytest workers (pytest-xdist), one per core: each builds its own databases. loadgroup
# keeps the tests that share a slow fixture on one worker (tests/support/scheduling.py).
PYTEST_WORKERS ?= -n 2 --dist loadgroup
# Python caches compiled modules (__pycache__, ignored by git) unless this is set, as it is on
# our machines: without the cache every test process and every command a test runs compiled
# everything it imports again (pytest's collection alone took 12 s instead of 4, per worker).
unexport PYTHONDONTWRITEBYTECODE

.PHONY: run bench bench-packet bench-load test setup lint typecheck test-sqlite test-postgres test-browser system-packages clean translations

# Only what running needs is installed (not the test tools); gunicorn serves the app and the
# report worker runs beside it, both under honcho (Procfile): Ctrl-C stops both.
run: $(VENV)/.installed-run
	$(BIN)/sir-tracker db upgrade
	@$(BIN)/sir-tracker demo --if-empty >/dev/null
	@cat "$${SIR_TRACKER_INSTANCE_PATH:-instance}/demo-accounts.txt" 2>/dev/null || true
	@echo "SIR Tracker on http://$(HOST):$(PORT)/ : sign in with an account above. Ctrl-C stops it and its report worker."
	@HOST=$(HOST) $(BIN)/honcho --no-colour start --port $(PORT)

# Prints how long each step took at the end.
test:
	@MAKE="$(MAKE)" scripts/timed-steps.sh setup lint typecheck test-sqlite test-postgres

setup: system-packages $(VENV)/.installed

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/python scripts/dead-code.py

typecheck: $(VENV)/.installed
	$(BIN)/mypy

test-sqlite: $(VENV)/.installed
	@echo "=== Test suite on SQLite ==="
	scripts/with-scratch.sh $(BIN)/pytest $(PYTEST_WORKERS)

# Only the tests that use a database (marked by tests/conftest.py): the others would do exactly
# what they did in the SQLite pass. Browser journeys and whole-PDF layouts ("rendering") cost
# Chromium and WeasyPrint, not the database: they run in the SQLite pass only. So do the access
# matrix's cases for roles not narrowed by a scope query ("one_dialect", tests/conftest.py):
# their answer is decided in Python, the same on both databases.
test-postgres: $(VENV)/.installed
	@echo "=== Test suite on PostgreSQL (the tests that use a database, but browsers, PDF layouts and unscoped roles of the access matrix) ==="
	scripts/with-scratch.sh scripts/with-postgres.sh $(BIN)/pytest $(PYTEST_WORKERS) -m "database and not rendering and not one_dialect"

# The browser tests alone (tests/browser, on SQLite); `make test` runs them with the rest.
# They drive Debian's chromium, which system-packages installs: never `playwright install`.
test-browser: system-packages $(VENV)/.installed
	scripts/with-scratch.sh $(BIN)/pytest tests/browser

# The benchmarks of the PDF reports (about 20 minutes; not part of `make test`). They write
# tests/benchmarks/results.md, which is committed.
bench: system-packages $(VENV)/.installed
	$(BIN)/python -m tests.benchmarks.bench_reports

# The board packet's figures alone (about 10 minutes): tests/benchmarks/packet_results.md.
bench-packet: system-packages $(VENV)/.installed
	$(BIN)/python -m tests.benchmarks.bench_packet

# The load benchmark (gunicorn, wrk; SQLite and a throwaway PostgreSQL; 50 and 1,000 LEAs;
# about an hour on a quiet machine, the first run longer: it generates the data). Not part of
# `make test`. It writes tests/benchmarks/load_results.md, which is committed.
bench-load: $(VENV)/.installed
	scripts/install-system-packages.sh wrk
	scripts/with-postgres.sh $(BIN)/python -m tests.benchmarks.bench_load

system-packages:
	scripts/install-system-packages.sh

# uv installs the packages: it asks the registry about them all at once where pip asks one
# after the other, which made a clean clone's setup take from 45 s to minutes (the registry is
# slow when busy). pip only installs uv itself, at the version pinned in pyproject.toml.
UV_VERSION := $(shell sed -n 's/^ *"uv==\([^"]*\)".*/\1/p' pyproject.toml)
UV_INSTALL := $(BIN)/uv pip install --quiet --python $(BIN)/python

$(BIN)/uv: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet uv==$(UV_VERSION)

$(VENV)/.installed-run: pyproject.toml $(BIN)/uv
	$(UV_INSTALL) -e .
	touch $@

# The test and lint tools too. It also makes the runtime install current.
$(VENV)/.installed: pyproject.toml $(BIN)/uv
	$(UV_INSTALL) -e '.[dev]'
	touch $(VENV)/.installed-run $@

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache

# The Spanish catalogue of the public pages and PDF: edit sir_tracker/translations/es/
# LC_MESSAGES/messages.po (tests/public/test_languages.py names any text it lacks), then
# compile it here and commit both files.
translations: $(VENV)/.installed
	$(BIN)/pybabel compile --statistics -d sir_tracker/translations
