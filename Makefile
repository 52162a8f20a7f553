# Two commands: `make run` and `make test`. Everything else is a step they take.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
PY_CANDIDATES := python3.13 python3.12 python3.11 python3
PYTHON ?= $(firstword $(foreach p,$(PY_CANDIDATES),$(if $(shell command -v $(p) 2>/dev/null && $(p) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null && echo ok),$(p))))
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
PIP := $(BIN)/python -m pip -q --disable-pip-version-check
# The message catalogues: the build compiles them (hatch_build.py), so a changed .po reinstalls.
CATALOGUES := $(wildcard sme_assess/locale/*/LC_MESSAGES/sme_assess.po)
MESSAGE_KEYWORDS := -k NP_:1c,2 -k NN_:1,2

.PHONY: run test install sysdeps lint typecheck validate pytest schemas messages bench bench-scale clean

# `make run` ends with the tool's own exit code. SME_ASSESS_VIA_MAKE tells the tool to print
# `make run ARGS=...` as the command that resumes. After Ctrl-C (exit 130) the recipe stops
# make with SIGINT instead of failing, so the shell sees 130 and make prints no "Error 130"
# (the recipe ignores the signal itself and stays alive until make has it, or make would
# complain that its child is gone). GNU make has no quiet way to exit 2: after a usage error
# its own "Error 2" line follows the tool's message.
run: sysdeps $(STAMP)
	@code=0; SME_ASSESS_VIA_MAKE=1 $(BIN)/sme-assess run $(ARGS) || code=$$?; \
	if [ $$code -eq 130 ]; then trap '' INT; kill -INT $$PPID; sleep 0.3; exit 0; fi; \
	exit $$code

test: sysdeps $(TEST_STAMP) lint typecheck validate pytest

install: $(STAMP)

$(BIN)/python:
	@if [ -z "$(PYTHON)" ]; then echo "sme-assess needs Python 3.11 or newer (python3.11, python3.12 ...); install it, e.g. sudo apt-get install -y python3 python3-venv" >&2; exit 2; fi
	@$(PYTHON) -m venv $(VENV) || { echo "could not create $(VENV): on Debian/Ubuntu install python3-venv" >&2; exit 2; }

$(STAMP): pyproject.toml hatch_build.py $(CATALOGUES) | $(BIN)/python
	@$(PIP) install -e .
	@touch $@

$(TEST_STAMP): pyproject.toml hatch_build.py $(CATALOGUES) | $(BIN)/python
	@$(PIP) install -e '.[test]'
	@touch $@ $(STAMP)

sysdeps:
	@bash scripts/sysdeps.sh

lint: $(TEST_STAMP)
	$(BIN)/ruff check sme_assess tests benchmarks
	$(BIN)/ruff format --check sme_assess tests benchmarks

typecheck: $(TEST_STAMP)
	$(BIN)/mypy sme_assess

validate: $(STAMP)
	$(BIN)/sme-assess validate --strict questionnaires/

pytest: $(TEST_STAMP)
	$(BIN)/python -m pytest -q

schemas: $(STAMP)
	@for name in questionnaire catalogue answers result progress; do \
	  $(BIN)/sme-assess schema $$name > schemas/$$name.schema.json.tmp && mv schemas/$$name.schema.json.tmp schemas/$$name.schema.json; done

# Words people read: extract them from the code and templates into the .pot, merge it into
# every language's .po (new messages arrive untranslated: a test fails until they are
# translated), then reinstall so the build compiles the catalogues.
messages: $(TEST_STAMP)
	$(BIN)/pybabel -q extract -F babel.cfg $(MESSAGE_KEYWORDS) --add-location=file --sort-by-file \
	  --project=sme-assess --copyright-holder="sme-assess developers" \
	  -o sme_assess/locale/sme_assess.pot sme_assess report_templates
	$(BIN)/pybabel -q update -i sme_assess/locale/sme_assess.pot -d sme_assess/locale -D sme_assess \
	  --no-fuzzy-matching --ignore-obsolete --update-header-comment
	@$(PIP) install -e '.[test]' && touch $(TEST_STAMP) $(STAMP)

bench: $(STAMP)
	$(BIN)/python benchmarks/cli_speed.py
	$(BIN)/python benchmarks/score_speed.py
	$(BIN)/python benchmarks/report_speed.py
	$(BIN)/python benchmarks/batch_speed.py

# Programme scale (long: 100,000 firms by default; ARGS="--n 20000" for less). Needs dask.
bench-scale: $(TEST_STAMP)
	$(BIN)/python benchmarks/batch_scale.py $(ARGS)

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
