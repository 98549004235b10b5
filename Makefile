# Two commands on a fresh machine: `make book` builds the book, `make test` runs every test.
SHELL := /bin/bash
PY := .venv/bin/python
JB := .venv/bin/jupyter-book
HTML := _build/html
# JupyterLab opens the chapters (MyST Markdown) as notebooks: Jupytext's viewer as default, in this venv only.
LABCONFIG := .venv/etc/jupyter/labconfig/default_setting_overrides.json
ASSETS := build-assets

.PHONY: install lab book site test bench pdf validate pages figures downloads assets geometry browser clean lock check-links

install: .venv/.stamp node_modules/.stamp

.venv/.stamp: requirements.txt requirements-dev.txt pyproject.toml
	python3 -m venv .venv
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	.venv/bin/jupytext-config --settings-file $(LABCONFIG) set-default-viewer markdown myst
	touch $@

node_modules/.stamp: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@

# Generated inputs of the book are remade only when the data or the package change (stamps in _build/.stamps),
# so that a no-change rebuild does no work but Sphinx's own check.
SRC := $(wildcard src/analysis/*.py src/analysis/*/*.py)
DATA := $(wildcard data/*.csv data/*.json data/*.md data/geometry/*)
STAMPS := _build/.stamps
INSTALLED := .venv/.stamp node_modules/.stamp

lab: install  # JupyterLab on the chapters, each opened as a notebook
	.venv/bin/jupyter lab book

validate: install
	$(PY) -m analysis validate

assets: $(STAMPS)/assets
pages: $(STAMPS)/pages
figures: $(STAMPS)/figures
downloads: $(STAMPS)/downloads

$(STAMPS)/validated: $(DATA) $(SRC) | $(INSTALLED)
	$(PY) -m analysis validate
	@mkdir -p $(STAMPS) && touch $@

$(STAMPS)/assets: package-lock.json requirements.txt src/analysis/build/assets.py $(wildcard _assets/widgets/*) $(wildcard _assets/manager/*) | $(INSTALLED)
	$(PY) -m analysis assets --out _widgets_static
	@mkdir -p $(STAMPS) && touch $@

$(STAMPS)/pages: $(STAMPS)/validated
	$(PY) -m analysis pages --out book/generated
	@touch $@

$(STAMPS)/figures: $(STAMPS)/validated
	$(PY) -m analysis figures --out $(ASSETS)/downloads/figures
	@touch $@

$(STAMPS)/downloads: $(STAMPS)/validated
	$(PY) -m analysis downloads --out $(ASSETS)/downloads
	@touch $@

# The publishing build: the site, then the whole book printed to one PDF (linked from the downloads page), remade
# only when an input of the book changed.
PDF := $(HTML)/uk-europe-security.pdf
BOOK_INPUTS := $(DATA) $(SRC) $(wildcard book/*.md) _config.yml _toc.yml $(wildcard _assets/*.*) $(wildcard _assets/widgets/*)

book: site $(PDF)

site: $(STAMPS)/assets $(STAMPS)/pages $(STAMPS)/figures $(STAMPS)/downloads
	$(PY) -m analysis cache-guard --cache _build/.jupyter_cache
	$(JB) build . --warningiserror --keep-going --quiet

$(PDF): $(BOOK_INPUTS) | site browser
	$(PY) -m analysis pdf --site $(HTML) --out $@

geometry: install
	$(PY) -m analysis geometry

browser:
	@command -v chromium >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

test: book browser
	$(PY) -m pytest -q

pdf: book

bench: install browser
	$(PY) scripts/bench.py

check-links: install  # needs a network: opt-in, never part of make test
	$(PY) -m analysis check-links

lock: install
	$(PY) -m pip freeze --exclude-editable

clean:
	rm -rf _build $(ASSETS) book/generated _widgets_static
