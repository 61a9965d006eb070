# Én plan — the two commands a fresh machine needs are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
APPS := $(patsubst src/enplan/%/apps.py,%,$(wildcard src/enplan/*/apps.py))
export PYTHONPATH := $(CURDIR)/src
export DJANGO_SETTINGS_MODULE := enplan.settings

# The worker asks the database for new tasks every WORKER_INTERVAL seconds; between asks it
# sleeps. 5 s keeps an idle worker well under 1 % of a core (docs/benchmarks.md).
WORKER_INTERVAL ?= 5

.PHONY: demo-reset run serve load-test test test-fast lint audit format messages compilemessages install install-dev test-tools hooks clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: requirements/base.txt $(BIN)/activate
	$(BIN)/pip install --quiet -r requirements/base.txt
	touch $@

$(VENV)/.installed-dev: requirements/base.txt requirements/dev.txt $(VENV)/.installed
	$(BIN)/pip install --quiet -r requirements/base.txt -r requirements/dev.txt
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# Translations are compiled on each machine rather than committed; gettext provides msgfmt.
compilemessages: $(VENV)/.installed
	@command -v msgfmt >/dev/null || (apt-get update -qq && apt-get install -y -qq gettext >/dev/null)
	@for app in $(APPS); do \
		if [ -d src/enplan/$$app/locale ]; then (cd src/enplan/$$app && $(abspath $(BIN))/django-admin compilemessages -v0); fi; \
	done

# Extract translatable strings into each app's own catalogue.
messages: $(VENV)/.installed
	@for app in $(APPS); do \
		(cd src/enplan/$$app && mkdir -p locale && $(abspath $(BIN))/django-admin makemessages -l da --no-obsolete --no-location -v0); \
	done

# Links in the demo's e-mails point at the port the server runs on.
export ENPLAN_BASE_URL ?= http://127.0.0.1:$(PORT)
export PORT
# The demo's text messages are files in sent-sms/, as its e-mails are in sent-mail/.
run demo-reset: export ENPLAN_SMS_BACKEND ?= enplan.core.sms.FileBackend

run: $(VENV)/.installed compilemessages
	DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DEBUG=1 $(BIN)/python manage.py load_demo
	@echo "Én plan: http://127.0.0.1:$(PORT)/  (demo logins in README.md, password enplan-demo)"
	@# The task worker (reminders, exports) runs beside the web server and stops with it;
	@# so does a small loop that puts the reminder scan on the queue every hour.
	DEBUG=1 $(BIN)/python manage.py db_worker --queue-name default --no-reload --interval $(WORKER_INTERVAL) & WORKER=$$!; \
	DEBUG=1 $(BIN)/python manage.py enqueue_reminders --every 3600 & SCHEDULER=$$!; \
	trap 'kill $$WORKER $$SCHEDULER 2>/dev/null' EXIT INT TERM; \
	DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Start the demo afresh: empties the development database and loads the demo again
# (refused where ENPLAN_PRODUCTION is set).
demo-reset: $(VENV)/.installed
	@if [ -n "$$ENPLAN_PRODUCTION" ]; then echo "demo-reset refuses to run in production"; exit 1; fi
	DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DEBUG=1 $(BIN)/python manage.py flush --noinput
	rm -rf sent-mail sent-sms
	DEBUG=1 $(BIN)/python manage.py load_demo

# The production server: gunicorn (gunicorn.conf.py) with the task worker and the reminder
# scheduler beside it; all three stop together. Settings from the environment
# (DATABASE_URL, SECRET_KEY, ENPLAN_PRODUCTION, ALLOWED_HOSTS; see docs/serving.md).
serve: $(VENV)/.installed compilemessages
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py collectstatic --noinput -v0
	$(BIN)/python manage.py db_worker --queue-name default --no-reload --interval $(WORKER_INTERVAL) & WORKER=$$!; \
	$(BIN)/python manage.py enqueue_reminders --every 3600 & SCHEDULER=$$!; \
	trap 'kill $$WORKER $$SCHEDULER 2>/dev/null' EXIT INT TERM; \
	$(BIN)/gunicorn -c gunicorn.conf.py

# The load test (scripts/load_test.py): locust's simulated caseworkers and citizens against
# gunicorn on loopback, beside /healthz flat out. Its own requirements, not the suite's.
# LOAD_ARGS is passed on, e.g. LOAD_ARGS="--users 200 --run-time 180".
$(VENV)/.installed-bench: requirements/bench.txt $(VENV)/.installed-dev
	$(BIN)/pip install --quiet -r requirements/bench.txt
	touch $@

load-test: $(VENV)/.installed-bench compilemessages
	$(BIN)/python scripts/load_test.py $(LOAD_ARGS)

# Browser tests drive Debian's Chromium; install it when missing.
# The tests read the PDFs back with poppler's pdftotext.
# The pages are checked with the Nu Html Checker (npm vnu-jar, pinned), which runs on Java;
# it goes into the git-ignored .tools/ (its postinstall, which would fetch a Java, is skipped).
VNU_VERSION := 26.9.27

.tools/vnu-jar-$(VNU_VERSION):
	@command -v npm >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null)
	npm install --prefix .tools --ignore-scripts --no-save --no-audit --no-fund --loglevel=error vnu-jar@$(VNU_VERSION)
	touch $@

test-tools: .tools/vnu-jar-$(VNU_VERSION)
	@command -v java >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null)
	@command -v chromium >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null)
	@command -v pdftotext >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null)
	@command -v xmlsec1 >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq xmlsec1 >/dev/null)

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check src scripts
	$(BIN)/ruff format --check src scripts
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache

# Known vulnerabilities in the pinned requirements (pip-audit, PyPI's advisory data). It
# needs PyPI's JSON API or OSV on the network, so it is its own target rather than part
# of `make lint`; --strict fails when a package could not be checked, so a machine that
# cannot reach the advisories fails loudly instead of passing having checked nothing.
audit: $(VENV)/.installed-dev
	$(BIN)/pip-audit --strict --no-deps --disable-pip --progress-spinner off \
		-r requirements/base.txt -r requirements/dev.txt $(AUDIT_ARGS)

# Run `make lint` before every commit in this clone.
hooks:
	git config core.hooksPath .githooks

format: $(VENV)/.installed-dev
	$(BIN)/ruff check --fix src scripts
	$(BIN)/ruff format src scripts

# The suite runs on every core (pytest-xdist), one test database per worker.
# PYTEST_ARGS is passed on, e.g. PYTEST_ARGS="-k consent", "--lf", or "-n 0" to debug.
test: $(VENV)/.installed-dev compilemessages test-tools lint
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest -n auto --dist worksteal $(PYTEST_ARGS)

# The inner loop: everything but the browser tests, on every core; no lint.
test-fast: $(VENV)/.installed-dev compilemessages test-tools
	$(BIN)/pytest -n auto --dist worksteal -m "not browser" $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) .tools staticfiles enplan.sqlite3*
