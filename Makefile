# Two commands: `make run` and `make test`. Everything else is a step they take.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
PY_CANDIDATES := python3.13 python3.12 python3.11 python3
PYTHON ?= $(firstword $(foreach p,$(PY_CANDIDATES),$(if $(shell command -v $(p) 2>/dev/null && $(p) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null && echo ok),$(p))))
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
PIP := $(BIN)/python -m pip -q --disable-pip-version-check

.PHONY: run test install sysdeps lint typecheck validate pytest schemas bench clean

run: sysdeps $(STAMP)
	@$(BIN)/sme-assess run $(ARGS)

test: sysdeps $(TEST_STAMP) lint typecheck validate pytest

install: $(STAMP)

$(BIN)/python:
	@if [ -z "$(PYTHON)" ]; then echo "sme-assess needs Python 3.11 or newer (python3.11, python3.12 ...); install it, e.g. sudo apt-get install -y python3 python3-venv" >&2; exit 2; fi
	@$(PYTHON) -m venv $(VENV) || { echo "could not create $(VENV): on Debian/Ubuntu install python3-venv" >&2; exit 2; }

$(STAMP): pyproject.toml | $(BIN)/python
	@$(PIP) install -e .
	@touch $@

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	@$(PIP) install -e '.[test]'
	@touch $@ $(STAMP)

sysdeps:
	@bash scripts/sysdeps.sh

lint: $(TEST_STAMP)
	$(BIN)/ruff check sme_assess tests benchmarks

typecheck: $(TEST_STAMP)
	$(BIN)/mypy sme_assess

validate: $(STAMP)
	$(BIN)/sme-assess validate --strict questionnaires/

pytest: $(TEST_STAMP)
	$(BIN)/python -m pytest -q

schemas: $(STAMP)
	@for name in questionnaire catalogue answers result; do \
	  $(BIN)/sme-assess schema $$name > schemas/$$name.schema.json.tmp && mv schemas/$$name.schema.json.tmp schemas/$$name.schema.json; done

bench: $(STAMP)
	$(BIN)/python benchmarks/cli_speed.py
	$(BIN)/python benchmarks/score_speed.py
	$(BIN)/python benchmarks/report_speed.py
	$(BIN)/python benchmarks/batch_speed.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
