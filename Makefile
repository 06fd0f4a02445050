# The README's commands. `make run` and `make test` set up everything they need.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: run serve test lint format messages bench soak update-messages install migrate clean

$(VENV)/.installed: requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-virtualenv -r requirements.lock
	touch $@

install: $(VENV)/.installed

messages: install  ## compile the French catalogue
	DEBUG=true $(PY) manage.py compilemessages --ignore=$(VENV) -v0

migrate: install
	mkdir -p var
	DEBUG=$${DEBUG:-true} $(PY) manage.py migrate --noinput -v0

run: install messages migrate  ## set up and serve on http://127.0.0.1:$(PORT)/
	DEBUG=$${DEBUG:-true} $(PY) manage.py seed_demo
	DEBUG=$${DEBUG:-true} $(PY) manage.py runserver 127.0.0.1:$(PORT)

# Production settings on this machine: DEBUG off, collected static files, gunicorn. Plain HTTP on
# loopback, so no HTTPS redirect and no __Secure- cookies; a random SECRET_KEY unless one is set.
serve: install messages
	export DEBUG=false SECURE_SSL_REDIRECT=false SECURE_COOKIES=false LOOPBACK_DEMO=true \
	  PAYMENT_STUB_ENABLED="$${PAYMENT_STUB_ENABLED:-true}" \
	  ALLOWED_HOSTS="$${ALLOWED_HOSTS:-127.0.0.1,localhost}" \
	  ADMIN_URL="$${ADMIN_URL:-staff-admin/}" PORTAL_BASE_URL="$${PORTAL_BASE_URL:-http://127.0.0.1:$(PORT)}" \
	  DATABASE_URL="$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/portal_serve}" \
	  REDIS_URL="$${REDIS_URL:-redis://127.0.0.1:6379/3}" \
	  SECRET_KEY="$${SECRET_KEY:-$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')}" \
	  PORT=$(PORT); \
	$(PY) -c "import sys; sys.path.insert(0, 'scripts'); import benchlib, os; benchlib.postgres_database(os.environ['DATABASE_URL'])" && \
	$(PY) manage.py collectstatic --noinput -v0 && \
	$(PY) manage.py migrate --noinput -v0 && \
	exec $(VENV)/bin/gunicorn -c gunicorn.conf.py portal.wsgi

lint: install  ## ruff, the import contracts, types of services and selectors, templates
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy
	$(VENV)/bin/djlint templates --lint

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

test: install messages lint  ## the whole suite, on PostgreSQL when DATABASE_URL is set
	DEBUG=true $(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/pytest --cov --cov-report=term

bench: install messages  ## the figures the issues ask for
	status=0; for script in scripts/bench_*.py; do echo "== $$script"; $(PY) $$script || status=1; done; exit $$status

soak: install messages  ## the proofs of scale-out (loopback only, bounded)
	status=0; for script in scripts/soak_*.py; do echo "== $$script"; $(PY) $$script || status=1; done; exit $$status

update-messages: install  ## extract new strings into locale/fr/LC_MESSAGES/django.po
	DEBUG=true $(PY) manage.py makemessages -l fr --no-location --ignore=$(VENV) --ignore=var --ignore=tests --ignore=scripts

clean:
	rm -rf $(VENV) var
