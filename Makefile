# The two commands a newcomer needs: `make demo` and `make test`.
# Both create the virtual environment in .venv on first use.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test bench clean sample thunderbird

$(STAMP): pyproject.toml man/inboxcoach.1
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	@# an editable install leaves out data files: the man page by hand (`man inboxcoach`)
	install -D -m 644 man/inboxcoach.1 $(VENV)/share/man/man1/inboxcoach.1
	touch $(STAMP)

demo: $(STAMP)  ## Run the whole pipeline on the bundled sample season.
	$(BIN)/inboxcoach demo

# As root (CI, a fresh machine) Dovecot is installed when missing and the IMAP tests
# must run; elsewhere they are skipped with a message if Dovecot is not installed.
REQUIRE_DOVECOT := $(shell [ "$$(id -u)" = 0 ] && echo 1)

# The same for Thunderbird, which the add-on's end-to-end test runs headless.
test: $(STAMP)  ## Install what the tests need, check the code and run the whole suite.
	$(BIN)/ruff check src
	$(BIN)/mypy
	tools/ensure-dovecot
	tools/ensure-thunderbird
	INBOXCOACH_REQUIRE_DOVECOT=$(REQUIRE_DOVECOT) INBOXCOACH_REQUIRE_THUNDERBIRD=$(REQUIRE_DOVECOT) \
		$(BIN)/python -m pytest

XPI := dist/inboxcoach-thunderbird.xpi

thunderbird: $(XPI)  ## Build the Thunderbird add-on into dist/inboxcoach-thunderbird.xpi.

$(XPI): $(shell find clients/thunderbird -type f) tools/build_xpi.py
	$(PYTHON) tools/build_xpi.py clients/thunderbird $@

sample: $(STAMP)  ## Regenerate the bundled sample season (deterministic).
	$(BIN)/python tools/make_sample_season.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache
