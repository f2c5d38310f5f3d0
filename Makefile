# The two commands a newcomer needs: `make run` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SHARED ?= ../shared
HOST ?= 127.0.0.1
PORT ?= 8000
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/careerfit

# Local copies of the releases when they sit beside the repository, else the official downloads.
# The questionnaire targets the 16 work styles of O*NET 29.x, so the app runs on the 29.3 release.
ONET_SOURCE ?= $(if $(wildcard $(SHARED)/onet/db_29_3_excel),$(SHARED)/onet/db_29_3_excel,https://www.onetcenter.org/dl_files/database/db_29_3_excel.zip)
OEWS_SOURCE ?= $(if $(wildcard $(SHARED)/bls/oews_may2025_all_areas.csv.gz),$(SHARED)/bls/oews_may2025_all_areas.csv.gz,https://www.bls.gov/oes/special-requests/oesm25all.zip)
OEWS_INDUSTRIES_SOURCE ?= $(if $(wildcard $(SHARED)/bls/oews_may2025_national_industries.csv.gz),$(SHARED)/bls/oews_may2025_national_industries.csv.gz,https://www.bls.gov/oes/special-requests/oesm25in4.zip)
AI_EXPOSURE_SOURCE ?= $(if $(wildcard $(SHARED)/ai/gpts_are_gpts_occ_level.csv),$(SHARED)/ai/gpts_are_gpts_occ_level.csv,https://raw.githubusercontent.com/openai/GPTs-are-GPTs/main/data/occ_level.csv)
PROJECTIONS_SOURCE ?= $(if $(wildcard $(SHARED)/bls/projections/occupation.xlsx),$(SHARED)/bls/projections/occupation.xlsx,https://www.bls.gov/emp/ind-occ-matrix/occupation.xlsx)

.PHONY: run test test-sqlite test-postgres test-browser lint format bench bench-limits bench-load bench-roster clean

$(BIN)/.installed: requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

run: $(BIN)/.installed
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py createcachetable
	$(BIN)/python manage.py ensure_data --onet "$(ONET_SOURCE)" --oews "$(OEWS_SOURCE)" --projections "$(PROJECTIONS_SOURCE)" --oews-industries "$(OEWS_INDUSTRIES_SOURCE)" --ai-exposure "$(AI_EXPOSURE_SOURCE)"
	$(BIN)/python manage.py load_questionnaire
	@echo "careerfit is at http://$(HOST):$(PORT)/"
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: $(BIN)/.installed lint test-sqlite test-postgres test-browser
	@echo "All test suites passed."

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DEBUG=0 SECRET_KEY=check-deploy-only-$$(date +%s)-a-long-random-enough-value ALLOWED_HOSTS=example.org \
		$(BIN)/python manage.py check --deploy --fail-level WARNING

test-sqlite: $(BIN)/.installed
	@echo "=== Test suite on SQLite ==="
	DATABASE_URL= $(BIN)/pytest

test-postgres: $(BIN)/.installed
	@echo "=== Test suite on PostgreSQL ($(TEST_DATABASE_URL)) ==="
	@if $(BIN)/python scripts/postgres_available.py "$(TEST_DATABASE_URL)"; then \
		DATABASE_URL="$(TEST_DATABASE_URL)" $(BIN)/pytest; \
	elif [ "$$REQUIRE_POSTGRES" = "1" ]; then \
		echo "!!! PostgreSQL is required (REQUIRE_POSTGRES=1) but not reachable at $(TEST_DATABASE_URL)"; exit 1; \
	else \
		echo "!!! ================================================================="; \
		echo "!!! SKIPPED: no PostgreSQL server at $(TEST_DATABASE_URL)."; \
		echo "!!! Start one or set TEST_DATABASE_URL; REQUIRE_POSTGRES=1 makes this fail."; \
		echo "!!! ================================================================="; \
	fi

# axe-core (accessibility rules) for the browser tests, from the npm registry; skipped loudly
# by the tests that need it when npm is missing.
AXE_VERSION ?= 4.14.1
AXE := .cache/axe/node_modules/axe-core/axe.min.js

$(AXE):
	@if command -v npm >/dev/null; then \
		npm install --no-save --no-audit --no-fund --silent --prefix .cache/axe axe-core@$(AXE_VERSION); \
	else echo "!!! npm not found: the admin accessibility tests will be skipped"; fi

test-browser: $(BIN)/.installed $(AXE)
	@echo "=== Browser tests (Chromium) ==="
	@if [ -x "$${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then \
		DATABASE_URL= $(BIN)/pytest -m browser; \
	elif [ "$$REQUIRE_BROWSER" = "1" ]; then \
		echo "!!! Chromium is required (REQUIRE_BROWSER=1) but not found: apt-get install chromium"; exit 1; \
	else \
		echo "!!! ================================================================="; \
		echo "!!! SKIPPED: no Chromium at /usr/bin/chromium (apt-get install chromium)."; \
		echo "!!! REQUIRE_BROWSER=1 makes this fail."; \
		echo "!!! ================================================================="; \
	fi

format: $(BIN)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: $(BIN)/.installed
	$(BIN)/python bench/imports.py --onet "$(ONET_SOURCE)" --oews "$(OEWS_SOURCE)" \
		--projections "$(PROJECTIONS_SOURCE)" --postgres "$(TEST_DATABASE_URL)"

# Rate limits as an attacker meets them: gunicorn with 3 workers on PostgreSQL, database and Redis stores.
bench-limits: $(BIN)/.installed
	$(BIN)/python bench/limits.py --postgres "$(TEST_DATABASE_URL)"

# Core pages under load as a share of a bare Django view: gunicorn 2 workers, PostgreSQL, wrk.
bench-load: $(BIN)/.installed
	$(BIN)/python bench/load.py --postgres "$(TEST_DATABASE_URL)"

bench-roster: $(BIN)/.installed
	$(BIN)/python bench/roster.py --postgres "$(TEST_DATABASE_URL)"

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
