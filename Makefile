# The two commands a new user needs: `make demo` and `make test`.
PORT ?= 8000
PY := .venv/bin/python
MANAGE := $(PY) manage.py

.PHONY: venv demo test bench soak lint format messages lock clean

venv:
	@scripts/venv.sh

demo: venv
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo
	$(MANAGE) runserver 127.0.0.1:$(PORT)

test: venv
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(MANAGE) check --fail-level WARNING
	$(MANAGE) makemigrations --check --dry-run
	$(PY) -m coverage run -m pytest $(PYTEST_ARGS)
	$(PY) -m coverage report --skip-covered --skip-empty | tail -n 25

# Benchmark on PostgreSQL and Redis, served by gunicorn, loaded by wrk (see scripts/bench.py).
bench: venv
	@command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk >/dev/null)
	$(PY) scripts/bench.py

format: venv
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

# Regenerate the Arabic catalogue after changing translatable strings.
messages: venv
	$(MANAGE) makemessages --locale ar --ignore '.venv/*' --ignore 'var/*' --no-obsolete
	$(MANAGE) compilemessages --locale ar --ignore '.venv/*'

# Refresh the locked versions from a fresh resolve of pyproject.toml.
lock:
	rm -rf var/lock-venv
	python3.13 -m venv var/lock-venv
	var/lock-venv/bin/pip install --quiet -e '.[dev]'
	var/lock-venv/bin/pip freeze --exclude-editable | grep -v '^-e' > requirements.lock
	rm -rf var/lock-venv

clean:
	rm -rf .venv var/artifacts .pytest_cache .coverage

# 60 s of readers and commenters on two production servers, with PostgreSQL restarted, Redis
# stopped and a task worker killed in the middle; prints its figures (see scripts/soak.py).
soak: venv
	$(PY) scripts/soak.py
