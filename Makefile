# lanzarote-kg: the two commands of the quick start are `make run` and
# `make test`; both create the virtual environment and install on first use.
# `make test` is a composition of small named checks, as in ODK.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
OUT ?= dist
KG := $(BIN)/lanzarote-kg

.PHONY: run test install build validate reports qc reason-dl docs fmt-check lint-imports pytest bench clean help

help:
	@echo "make run     build, validate and write the reports into $(OUT)/"
	@echo "make test    build and validate, run every report, then the test suite"
	@echo "make bench   time each build stage and each report on both engines"

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

# Reason (OWL 2 RL), validate (SHACL + data checks + quotes), write artifacts.
build: install
	$(KG) build --out $(OUT)

validate: install
	$(KG) validate

# Every canned report as Markdown and CSV, with an index page.
reports: build
	$(KG) report --all --out $(OUT)/reports

run: build reports

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

pytest: install
	$(BIN)/python -m pytest

test: lint-imports build reports qc pytest

bench: install
	$(BIN)/python -m lanzarote_kg.bench

clean:
	rm -rf $(OUT)
