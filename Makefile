# The two commands a new user needs (see README):
#   make demo   set up, ingest the bundled example articles into demo.db, print what was found
#   make test   set up and run the whole test suite
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
DEMO_DB ?= demo.db

.PHONY: demo test setup clean

$(BIN)/newsledger: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

setup: $(BIN)/newsledger

demo: setup
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/newsledger ingest examples --db $(DEMO_DB)
	@echo; echo "== articles"; $(BIN)/newsledger articles --db $(DEMO_DB)
	@echo; echo "== who is quoted"; $(BIN)/newsledger speakers --db $(DEMO_DB) --limit 10
	@echo; echo "== claims (unverified first)"; $(BIN)/newsledger claims --db $(DEMO_DB) --limit 10
	@echo; echo "== timeline"; $(BIN)/newsledger timeline --db $(DEMO_DB) --limit 15

test: setup
	scripts/postgres-for-tests.sh
	scripts/chromium-for-tests.sh
	scripts/axe-for-tests.sh
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm .pytest_cache
