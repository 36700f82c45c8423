# Every target sets up what it needs. `make help` lists them.
.DEFAULT_GOAL := help
SHELL := /bin/bash

VENV    := .venv
PYTHON  := $(VENV)/bin/python
STAMP   := $(VENV)/.installed
# The LMS of the SCORM tests (scorm-again), exactly as package-lock.json pins it; npm ci writes this file.
NODE_STAMP := node_modules/.package-lock.json
# Ralph, the learning record store (make lrs, the xAPI tests), pins its own dependencies: own venv.
LRS_VENV  := .venv-lrs
LRS_STAMP := $(LRS_VENV)/.installed
REPORT_DIR ?= dist
SUDO    := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# Material prints its end-of-life notice (2027-05-05; Zensical its successor) on every build, dozens of
# times in `make test`, burying the build's own warnings. It does concern this site: MAINTAINING.md says
# what depends on Material and what a move would take.
export NO_MKDOCS_2_WARNING := 1

.PHONY: help serve serve-nginx build offline check schema links staff-words test test-fast bench browser nginx lrs report scorm node clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-11s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml constraints.txt
	python3 -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --upgrade pip==26.3
	$(PYTHON) -m pip install --quiet -c constraints.txt '.[test]'
	touch $@

$(LRS_STAMP): lrs/constraints.txt
	python3 -m venv $(LRS_VENV)
	$(LRS_VENV)/bin/python -m pip install --quiet --upgrade pip==26.3
	$(LRS_VENV)/bin/python -m pip install --quiet -c lrs/constraints.txt 'ralph-malph[cli,lrs]' requests
	touch $@

serve: $(STAMP) ## Serve the site at http://127.0.0.1:8000 with live reload
	$(PYTHON) -m mkdocs serve --dev-addr 127.0.0.1:8000

build: $(STAMP) ## Build the static site into site/ for the intranet web server
	PYTHON=$(PYTHON) deploy/build-site site

offline: $(STAMP) ## Build dist/<site name>-offline.zip, a copy that opens from disk (file://)
	PYTHON=$(PYTHON) deploy/build-offline dist

scorm: $(STAMP) ## Build dist/<site name>-scorm12.zip, a SCORM 1.2 package for the company LMS
	PYTHON=$(PYTHON) deploy/build-scorm dist

check: $(STAMP) ## Validate the YAML source (training.yml) alone
	$(PYTHON) -m macros.domain.check

# Only adds: a listed target that stopped landing stays, and the command fails naming it.
links: build ## Add the built site's new link targets (a new card, question or heading) to tests/public-links.txt
	$(PYTHON) -m tests.link_contract site --add

# Prints; writes nothing: an editor reads the words and keeps those that say the card or section.
staff-words: build node ## Propose vocabulary.staff_words (words staff used for a card or section) from the query sets' tuning half
	$(PYTHON) -m tests.staff_words site

# training.yml's first line names it: editors with yaml-language-server complete keys and mark faults.
schema: $(STAMP) ## Write training.schema.json, the JSON Schema of training.yml, from macros/domain/schema.py
	$(PYTHON) -m macros.domain.schema_json

# Each is checked alone: any CJK font will do (WenQuanYi is installed only when there is none).
browser: ## Install Debian's Chromium, a CJK font and poppler-utils (pdftoppm), each where missing
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	fc-list :lang=zh family 2>/dev/null | grep -q . || missing="$$missing fonts-wqy-microhei"; \
	command -v pdftoppm >/dev/null 2>&1 || missing="$$missing poppler-utils"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing$$missing"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi

node: ## Install Debian's Node.js and npm where missing (the query sets' runner, the SCORM tests' LMS)
	@command -v npm >/dev/null || { \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq nodejs npm >/dev/null; }

$(NODE_STAMP): package.json package-lock.json | node
	npm ci --no-audit --no-fund
	touch $@

nginx: ## Install Debian's nginx where it is missing
	@command -v nginx >/dev/null || { \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq nginx >/dev/null; }

# Built for the address it is served at. With `make lrs` running, the whole xAPI chain:
# CKB_XAPI=login make serve-nginx (make lrs's local users log in) or CKB_XAPI=self (no login).
serve-nginx: export SITE_URL ?= http://127.0.0.1:8080/
serve-nginx: build nginx ## Serve site/ with deploy/nginx.conf at http://127.0.0.1:8080 (Ctrl-C stops)
	deploy/serve-nginx site 8080

lrs: $(LRS_STAMP) ## Run Ralph, a learning record store, at http://127.0.0.1:8100/xAPI/, for make serve-nginx (Ctrl-C stops)
	$(LRS_VENV)/bin/python -m lrs.ralph serve

report: $(STAMP) ## Write dist/report.html and dist/report.csv from the LRS's statements
	$(PYTHON) -m lrs.report $(REPORT_DIR)

test: $(STAMP) $(LRS_STAMP) $(NODE_STAMP) browser nginx ## Lint (ruff), then run all tests (data, macros, built site, browser, nginx, LRS)
	$(PYTHON) -m ruff check --no-cache .
	$(PYTHON) -m pytest -n 2 --dist loadfile  # two processes (the CI machine has two cores), a test file in one

# The tiers are pytest marks (pyproject.toml); node runs the query sets (tests/test_queries.py).
FAST_TESTS := not (browser or build or lrs or nginx or slow)

test-fast: $(STAMP) node ## Lint, then the tests for the edit loop: no browser, nginx, LRS or extra build (about a minute)
	$(PYTHON) -m ruff check --no-cache .
	$(PYTHON) -m pytest -m "$(FAST_TESTS)"

bench: $(STAMP) browser ## Measure build time, macro overhead, growth, page weight, search speed
	$(PYTHON) -m bench.run

clean: ## Remove build output, the virtual environments, caches and make lrs's local data: the tree as cloned
	rm -rf site site.new site.old site.lock dist build *.egg-info $(VENV) $(LRS_VENV) node_modules lrs/local .pytest_cache .ruff_cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
