# The two commands of the README: `make run` and `make test`.
# Everything else here is what they are built from.

PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' && { echo $$p; break; }; done)
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
SITE_URL ?= http://$(HOST):$(PORT)
SEED_SIZE ?= 400
# Two test processes: the suite is I/O-bound enough to gain from both cores.
PYTEST_ARGS ?= -n 2

.PHONY: run test serve soak worker beat bench setup migrate seed messages lint check-deploy diagram clean

$(PY):
	@test -n "$(PYTHON)" || { echo "gentrack needs Python 3.11 or newer on the PATH." >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(PY) requirements.txt requirements-dev.txt
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

setup: $(VENV)/.installed

# Message catalogues are compiled from the committed .po files by a pure-Python
# command, so no gettext tools are needed on the machine.
messages: setup
	@if [ -d locale ]; then $(PY) manage.py compile_catalogues; fi

migrate: setup
	$(PY) manage.py migrate --noinput

seed: migrate
	$(PY) manage.py seed_demo --size $(SEED_SIZE) --if-empty --with-reports

# The links in emails and CSV downloads point at SITE_URL: the site served
# here unless told otherwise (SITE_URL=https://… make run).
run: messages seed
	SITE_URL=$(SITE_URL) $(PY) manage.py demo_superuser
	SITE_URL=$(SITE_URL) $(PY) manage.py runserver $(HOST):$(PORT)

test: messages
	$(PY) -m pytest $(PYTEST_ARGS)

# Production: DEBUG=false, with SECRET_KEY and ALLOWED_HOSTS set (a clear
# message says so otherwise). Catalogues, migrations and static files first,
# then gunicorn, plus a Celery worker and beat when REDIS_URL is set, all
# stopped together by Ctrl-C (see gentrack/serve.py).
serve: setup
	@$(PY) -m gentrack.serve check
	$(PY) manage.py compile_catalogues
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput -v0
	HOST=$(HOST) PORT=$(PORT) $(PY) -m gentrack.serve run

# Ten minutes of steady mixed load on gunicorn with a worker killed and
# Redis restarted on the way (bench/soak.py; SOAK_SECONDS=90 for a short try).
soak: messages
	$(PY) bench/soak.py

worker: setup
	$(VENV)/bin/celery -A gentrack worker --loglevel INFO --concurrency 2

beat: setup
	$(VENV)/bin/celery -A gentrack beat --loglevel INFO

# The speed targets, measured on PostgreSQL (see bench/run.sh; several minutes).
bench: messages
	BENCH_SIZE=$(or $(SIZE),170000) bash bench/run.sh

lint: setup
	$(VENV)/bin/ruff check .

# The data-model diagram in docs/architecture.md, redrawn from the models.
diagram: setup
	$(PY) -m gentrack.diagram --write

check-deploy: setup
	DEBUG=false SECRET_KEY=$$(head -c 48 /dev/urandom | base64) ALLOWED_HOSTS=example.org \
		$(PY) manage.py check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles media .pytest_cache
