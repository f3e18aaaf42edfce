# HyperCRM — `make run` starts the embedded default, `make test` runs the suite.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export HYPERCRM_DEMO ?= 1

.PHONY: install run serve test test-fast lint format bench clean messages

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt requirements-dev.txt | $(BIN)/python
	@echo "Installing Python dependencies into $(VENV)…"
	$(BIN)/pip install --quiet -r requirements-dev.txt
	@touch $@

install: $(VENV)/.installed

# The translation catalogues (docs/i18n.md): locale/*/LC_MESSAGES/django.po, edited by hand,
# compiled into .mo files (build output, not committed) by GNU gettext's msgfmt.
PO_FILES := $(wildcard locale/*/LC_MESSAGES/django.po)
MO_FILES := $(PO_FILES:.po=.mo)

%.mo: %.po
	@command -v msgfmt >/dev/null || { echo "The translations need GNU gettext (apt-get install gettext)." >&2; exit 1; }
	msgfmt --check --output-file=$@ $<

install: $(MO_FILES)

## Gather the marked strings into the catalogues (the catalogues' owner runs it; docs/i18n.md).
messages: $(VENV)/.installed
	$(BIN)/python manage.py makemessages --locale=fr --locale=ru --no-location \
	  --ignore='.venv/*' --ignore='node_modules/*' --ignore='var/*' --ignore='tests/*' \
	  --ignore='bench/*' --ignore='docs/*' --ignore='*/migrations/*' --ignore='*/static/*'

# The web pages' browser code: npm packages pinned by package-lock.json, bundled by
# esbuild into web/static/web/dist/ (build output, not committed).
WEB_BUILT := web/static/web/dist/.built
WEB_ASSETS := $(wildcard web/assets/*)

node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { echo "The web pages need Node.js 20+ and npm (apt-get install nodejs npm)." >&2; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

$(WEB_BUILT): node_modules/.installed $(WEB_ASSETS)
	npm run --silent build
	@touch $@

install: $(WEB_BUILT)

## Set everything up and serve the embedded default (SQLite, demo company) on $(PORT).
run: install
	@mkdir -p var
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py deploy_processes
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py seed_demo_company
	$(BIN)/python manage.py collectstatic --no-input --verbosity 0
	@echo "HyperCRM is starting on http://127.0.0.1:$(PORT)/ (demo users: alice, bob, carol, dave, erin, olga, admin — password 'demo')"
	$(BIN)/gunicorn --config config/gunicorn.py --bind 0.0.0.0:$(PORT) --access-logfile -

## Run the whole suite on the database DATABASE_URL names (SQLite by default).
test: install
	@mkdir -p var
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/python -m pytest -q $(PYTEST_ARGS)

# mypy checks engine/ as pyproject.toml says (strict for the step and what it stands on).
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: install
	$(BIN)/python -m bench loop --iterations 1000

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
	rm -rf node_modules web/static/web/dist
