# The README's two commands: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST := 127.0.0.1:8000

.PHONY: run test install lint format check migrate seed clean

# Reinstall whenever pyproject.toml changes.
$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed

migrate: install
	$(BIN)/python manage.py migrate --noinput

seed: migrate
	$(BIN)/python manage.py seed

run: seed
	DEBUG=true $(BIN)/python manage.py local_users
	@# A local release 1 of the loaded data, so the data page has a release to cite (a server makes its own).
	$(BIN)/python manage.py data_release --if-none
	@# exec: the server takes make's place, so the SIGTERM or Ctrl-C that stops make reaches it
	DEBUG=true exec $(BIN)/python manage.py runserver $(HOST)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check: install
	$(BIN)/python manage.py check
	$(BIN)/python manage.py data_lint
	$(BIN)/python manage.py makemigrations --check --dry-run
	# Production refuses to start without DATABASE_URL; check --deploy never connects to this one.
	DJANGO_SETTINGS_MODULE=config.production SECRET_KEY=check-deploy-$$(date +%s%N)-not-a-real-key-at-all \
		ALLOWED_HOSTS=tracker.example.org DATABASE_URL=postgres://check@127.0.0.1:1/check \
		$(BIN)/python manage.py check --deploy --fail-level WARNING

test: lint check
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
