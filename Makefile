# Equality Portal. `make help` lists the targets.
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
DEV_ENV := DEBUG=true
# pytest-xdist: one worker per core (`make test PYTEST_WORKERS=` runs in one process).
PYTEST_WORKERS ?= -n auto

.DEFAULT_GOAL := help

.PHONY: help
help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-10s %s\n", $$1, $$2}'

.PHONY: setup
setup: ## Install system packages (when root), Python packages and Bootstrap
	./bin/install-system-packages
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	npm ci --no-audit --no-fund --loglevel=error

.PHONY: run
run: setup ## Set up, load the demo and serve the portal on http://127.0.0.1:8000 (SQLite)
	$(DEV_ENV) $(BIN)/python manage.py migrate --noinput
	$(DEV_ENV) $(BIN)/python manage.py loaddemo
	$(DEV_ENV) $(BIN)/python manage.py runserver 127.0.0.1:8000

.PHONY: test
test: setup ## Set up and run every check and test (lint, templates, types, migrations, pytest)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djlint templates --lint
	$(BIN)/mypy
	$(BIN)/python manage.py makemigrations --check --dry-run --settings=equality_portal.test_settings
	$(BIN)/pytest $(PYTEST_WORKERS) $(PYTEST_ARGS)

.PHONY: format
format: ## Reformat Python code and templates
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djlint templates --reformat --quiet || true

.PHONY: bench
bench: setup ## Benchmarks at a county's size on PostgreSQL (long); report in benchmarks/results/
	$(BIN)/python -m benchmarks.run --size county

.PHONY: bench-trust
bench-trust: setup ## Benchmarks at a trust's size (20 schools, five years) on PostgreSQL
	$(BIN)/python -m benchmarks.run --size trust

.PHONY: bench-quick
bench-quick: setup ## Benchmarks on small data with short runs: a laptop's few minutes
	$(BIN)/python -m benchmarks.run --quick
