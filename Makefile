# `make demo` and `make test` each set everything up on a fresh machine first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
DEMO_DB := demo.duckdb
LEAFLET := src/fogmap/web/static/vendor/leaflet
SWAGGER := src/fogmap/web/static/vendor/swagger-ui

.PHONY: install demo serve test test-fast bench corpus clean browser

$(INSTALLED): pyproject.toml $(LEAFLET)/leaflet.js
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,ray]'
	$(BIN)/python scripts/build_gazetteer.py  # the GeoNames index, once per machine (~10 s), into the user cache
	touch $(INSTALLED)

install: $(INSTALLED)

# The workbench's map library and the API's documentation page, from npm (web/package-lock.json pins it), copied into the package: the
# page loads it from the server itself, never from a CDN.
# --ignore-scripts: nothing of theirs runs at install (swagger-ui-dist's dependency would phone home).
$(LEAFLET)/leaflet.js: web/package.json web/package-lock.json
	npm ci --prefix web --no-audit --no-fund --ignore-scripts
	mkdir -p $(LEAFLET) $(SWAGGER)
	cp web/node_modules/leaflet/dist/leaflet.js web/node_modules/leaflet/dist/leaflet.css $(LEAFLET)/
	cp -r web/node_modules/leaflet/dist/images $(LEAFLET)/
	cp web/node_modules/swagger-ui-dist/swagger-ui-bundle.js web/node_modules/swagger-ui-dist/swagger-ui.css \
	    web/node_modules/swagger-ui-dist/favicon-32x32.png $(SWAGGER)/
	touch $@

# The browser tests drive Debian's Chromium (Playwright never downloads a browser here).
browser:
	command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium)

demo: install
	rm -f $(DEMO_DB) $(DEMO_DB).wal
	$(BIN)/fogmap ingest corpus/wikinews/wikinews.jsonl corpus/centcom --db $(DEMO_DB)
	$(BIN)/fogmap stats --db $(DEMO_DB)
	$(BIN)/fogmap events --db $(DEMO_DB) --limit 10
	@echo
	@echo "Explore further:"
	@echo "  $(BIN)/fogmap events --db $(DEMO_DB) --type 'Air/drone strike'   # events of one ACLED type or sub-event type"
	@echo "  $(BIN)/fogmap events --db $(DEMO_DB) --status negated            # events reported as not having happened"
	@echo "  $(BIN)/fogmap show DOC_ID --db $(DEMO_DB)                        # an article with its event arguments marked"
	@echo "  $(BIN)/fogmap export --db $(DEMO_DB) --what events --format csv -o events.csv   # ACLED-style rows: PLOVER type, location, coordinates"
	@echo "  $(BIN)/fogmap export --db $(DEMO_DB) --what places --format csv -o places.csv   # every place mention and its place (for QGIS)"
	@echo "  $(BIN)/fogmap export --db $(DEMO_DB) --what actors --format csv -o actors.csv   # each actor the events name: KB fields, events as actor1/actor2, first/last date"
	@echo "  $(BIN)/fogmap places \"Jets took off from Hmeymim and struck Idlib province.\"   # place mentions resolved, with reasons"
	@echo "  $(BIN)/fogmap control --db $(DEMO_DB) --at 2014-12-31 --areas               # who holds what on a date, on whose word"
	@echo "  $(BIN)/fogmap control --db $(DEMO_DB) --at 2014-12-31 --place Ayn                 # one place's holders over time (Kobani)"
	@echo "  $(BIN)/fogmap relations --db $(DEMO_DB) --network actors.gexf                # who backs / fights whom; a Gephi file"
	@echo "  $(BIN)/fogmap claims --db $(DEMO_DB) --stance denies                         # who denies what, how hedged, in whose words"
	@echo "  $(BIN)/fogmap attribute --db $(DEMO_DB) --unattributed --limit 20            # events whose perpetrator is open, each weighed"
	@echo "  $(BIN)/fogmap attribute EVENT_ID --db $(DEMO_DB)                             # competing hypotheses, the evidence matrix, sensitivity"
	@echo
	@echo "The workbench (map, timeline, event panel, attribution, review) -- run, then open the address it prints:"
	@echo "  $(BIN)/fogmap serve --db $(DEMO_DB)        (or: make serve)"

serve: install
	$(BIN)/fogmap serve --db $(DEMO_DB)

test: install browser
	$(BIN)/pytest -n 2 -q

test-fast: install
	$(BIN)/pytest -n 2 -q -m "not slow"

# Needs ../shared/eval (measurement data, never shipped).
bench: install
	$(BIN)/fogmap bench ../shared/eval/fakes/fakes.jsonl -f text=article_content -f title=article_title \
	    -f published=date_iso -f outlet=source --runs 3

corpus:
	$(PYTHON) scripts/build_demo_corpus.py

clean:
	rm -rf $(VENV) $(DEMO_DB) $(DEMO_DB).wal .pytest_cache
