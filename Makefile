# quizapp — `make run` and `make test` do all set-up on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
INSTANCE ?= instance
PORT ?= 5000
export QUIZAPP_INSECURE_COOKIES ?= 1

.PHONY: run worker test lint bench install clean

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

$(INSTANCE)/secret_key:
	mkdir -p $(INSTANCE)
	$(BIN)/python -c "import secrets; print(secrets.token_hex(32))" > $@
	chmod 600 $@

run: $(STAMP) $(INSTANCE)/secret_key
	SECRET_KEY=$$(cat $(INSTANCE)/secret_key) $(BIN)/quizapp db upgrade
	@for deck in decks/*.yaml; do [ -e "$$deck" ] || continue; \
	  SECRET_KEY=$$(cat $(INSTANCE)/secret_key) $(BIN)/quizapp import-deck "$$deck" || exit 1; done
	SECRET_KEY=$$(cat $(INSTANCE)/secret_key) $(BIN)/quizapp demo
	@# One queue worker beside the web server; Ctrl-C (or the server exiting) stops both. A
	@# worker still starting up has SIGINT ignored ("&" in a script): after 20 s it gets SIGTERM.
	@export SECRET_KEY=$$(cat $(INSTANCE)/secret_key); \
	  $(BIN)/quizapp worker --workers 1 & worker=$$!; \
	  trap 'kill -INT $$worker 2>/dev/null; for s in $$(seq 20); do kill -0 $$worker 2>/dev/null || break; sleep 1; done; kill -TERM $$worker 2>/dev/null; wait $$worker' EXIT; \
	  trap 'exit 130' INT TERM; \
	  $(BIN)/quizapp run --host 127.0.0.1 --port $(PORT)

worker: $(STAMP) $(INSTANCE)/secret_key
	SECRET_KEY=$$(cat $(INSTANCE)/secret_key) $(BIN)/quizapp worker --workers $${WORKERS:-1}

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check quizapp tests

bench: $(STAMP)
	$(BIN)/python -m pytest tests/bench -p no:randomly -s -q --override-ini addopts=

clean:
	rm -rf $(VENV) .pytest_cache
