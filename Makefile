# Two commands: `make run` (the local demo) and `make test` (the whole suite).
# Both set everything up first. See the README for the rest.

VENV    := .venv
PY      := $(VENV)/bin/python
STAMP   := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
HOST    ?= 127.0.0.1
PORT    ?= 8000
# Where the admin (and staff sign-in) lives; the site reads the same variable.
ADMIN_URL ?= admin/

# The local demo: DEBUG on (console email, plain HTTP), its own SQLite file.
# `make run` serves Central Bedfordshire (2016 framework, from fixtures/demo.json);
# `make run DEMO=2023` serves a made-up local area under the 2023 framework,
# built by load_demo_2023 with dates relative to today, in its own SQLite file.
DEMO     ?=
ifeq ($(DEMO),2023)
DEMO_ENV := DEBUG=true DATABASE_URL=sqlite:///$(CURDIR)/var/demo-2023.sqlite3
DEMO_LOAD := $(PY) manage.py load_demo_2023
else ifeq ($(DEMO),)
DEMO_ENV := DEBUG=true
DEMO_LOAD := $(PY) manage.py loaddata fixtures/demo.json
else
$(error DEMO is blank (Central Bedfordshire) or 2023 (the made-up 2023-framework area), not "$(DEMO)")
endif
# Links in the demo's emails point at the port it serves on.
RUN_ENV  := $(DEMO_ENV) SITE_URL=http://$(HOST):$(PORT)

.PHONY: run start-local-area serve test install venv migrate demo css lint format check-deploy clean backup restore bench load profile

run: install
	$(DEMO_ENV) $(PY) manage.py migrate --no-input
	$(DEMO_ENV) $(DEMO_LOAD)
	$(DEMO_ENV) $(PY) manage.py loaddata fixtures/glossary.json
	$(DEMO_ENV) $(PY) manage.py create_demo_accounts
	@$(MAKE) --no-print-directory serve SERVE_ENV="$(RUN_ENV)"

# Your own local area, from empty, to try on this machine: its own SQLite file
# (var/local-area.sqlite3), the glossary, the first administrator (asked for
# here), the set-up checklist, then the site served as `make run` serves it.
# On a real deployment run `manage.py start_local_area` instead (docs/frameworks.md).
LOCAL_ENV := DEBUG=true DATABASE_URL=sqlite:///$(CURDIR)/var/local-area.sqlite3
start-local-area: install
	$(LOCAL_ENV) $(PY) manage.py start_local_area
	@$(MAKE) --no-print-directory serve SERVE_ENV="$(LOCAL_ENV) SITE_URL=http://$(HOST):$(PORT)"

# Serve with the task worker and the update dispatcher alongside; emails print
# below. Both stop when the server stops (Ctrl+C or otherwise).
serve:
	@echo "Serving on http://$(HOST):$(PORT)/ (staff: sign in at /$(ADMIN_URL), then see /staff/). Press Ctrl+C to stop."
	@echo "The task worker and the update dispatcher run alongside; emails print below."
	@$(SERVE_ENV) $(PY) manage.py db_worker --interval 2 --no-reload & worker=$$!; \
	$(SERVE_ENV) $(PY) manage.py run_dispatcher --interval 15 & dispatcher=$$!; \
	trap 'kill $$worker $$dispatcher 2>/dev/null; wait $$worker $$dispatcher 2>/dev/null' EXIT INT TERM; \
	$(SERVE_ENV) $(PY) manage.py runserver $(HOST):$(PORT)

# scripts/system-packages finds (or, as root, installs) Chromium, Java, npm and
# the PostgreSQL tools and server the suite needs, and stops with the reason if
# one is missing. TEST_WORKERS: pytest-xdist processes (`auto`: one per CPU).
# The Nu HTML checker (tests/pages/test_valid_html.py) is npm's vnu-jar, fetched
# once into var/; set VNU_JAR to use a vnu.jar you already have.
TEST_WORKERS ?= auto
VNU_VERSION := 26.9.27
VNU_JAR ?= var/vnu-$(VNU_VERSION)/node_modules/vnu-jar/build/dist/vnu.jar
test: install
	@scripts/system-packages
	@$(MAKE) --no-print-directory $(VNU_JAR)
	VNU_JAR=$(abspath $(VNU_JAR)) $(PY) -m pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

$(VNU_JAR):
	npm install --prefix var/vnu-$(VNU_VERSION) --no-audit --no-fund --no-save --loglevel=error vnu-jar@$(VNU_VERSION)

# Performance (see docs/performance.md): need PostgreSQL, Redis and wrk
# (installed from Debian if missing). Not part of `make test` or CI.
bench: install
	$(PY) bench/run.py

load: install
	$(PY) bench/load.py

# Where a page spends its time: PROFILE_URL=/measures/ make profile
profile: install
	$(PY) bench/profile_page.py $(PROFILE_URL)

install: $(STAMP)
	@mkdir -p var

# A virtualenv on Python 3.12+; one made with an older Python is replaced.
venv:
	@if [ -x $(PY) ] && $(PY) -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then :; \
	else \
		python=$$(sh scripts/find-python) || exit 1; \
		echo "Creating $(VENV) with $$python"; \
		rm -rf $(VENV); "$$python" -m venv $(VENV) || exit 1; \
	fi

$(STAMP): pyproject.toml | venv
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@rm -f $(VENV)/.installed-*
	@touch $@

# Rebuild static/css/site.css and static/js/htmx.min.js (needs Node.js; the
# built files are committed, so running the site does not).
css:
	cd frontend && npm ci --no-audit --no-fund && npm run build

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(VENV)/bin/mypy
	$(VENV)/bin/djlint templates --lint

format: install
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

# Back up / restore the PostgreSQL database (DATABASE_URL) and the uploaded
# files (MEDIA_ROOT). See "Backups and restore" in docs/operations.md.
backup: install
	$(PY) scripts/backup $(BACKUP)

restore: install
	@test -n "$(BACKUP)" || { echo "Say which backup: make restore BACKUP=var/backups/<time>" >&2; exit 2; }
	$(PY) scripts/restore $(if $(FORCE),--force) $(BACKUP)

clean:
	rm -rf $(VENV) var/sendprogress.sqlite3 var/demo-2023.sqlite3 var/local-area.sqlite3 staticfiles .pytest_cache .ruff_cache
