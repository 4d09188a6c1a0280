# Glossator reader: build, check and test. `make help` lists the targets.
# CI calls only these targets.

PYTHON      ?= python3
VENV        := .venv
BIN         := $(VENV)/bin
STAMP       := $(VENV)/.installed
NODE_STAMP  := node_modules/.installed
SPHINXOPTS  ?= -n -W --keep-going -q
SPHINX      := $(BIN)/sphinx-build
SRC         := docs
OUT         := _build
DEPS        := tools/scripts/system-deps.sh
EPUBCHECK_JAR := /usr/share/java/epubcheck.jar

.DEFAULT_GOAL := help
.PHONY: help setup check html pdf epub downloads reader test quicktest clean serve screenshots lint linkcheck bench lms

help: ## list the targets
	@echo "Glossator reader. Targets:"
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z]+):.*## /  make \1\t/' | expand -t 16

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	@touch $@

# axe-core, pinned in package-lock.json, for the accessibility tests (tests/test_accessibility.py).
$(NODE_STAMP): package.json package-lock.json
	@$(DEPS) browser || true
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --silent && touch $@; \
	else echo "npm is not installed: the accessibility tests will be skipped (apt-get install npm)"; fi

setup: $(STAMP) $(NODE_STAMP) ## create .venv and node_modules; install the project, its Python and npm dependencies

check: $(STAMP) ## run glossator check on the corpus
	$(BIN)/glossator check

html: $(STAMP) ## build the HTML reader into _build/html
	$(SPHINX) -b html -d $(OUT)/doctrees/html $(SPHINXOPTS) $(SRC) $(OUT)/html

pdf: $(STAMP) ## build the PDF into _build/latex (installs TeX Live with apt-get when root)
	@$(DEPS) pdf || { echo "Skipping the PDF: install the packages above, then run 'make pdf'."; exit 0; }; \
	$(SPHINX) -M latexpdf $(SRC) $(OUT) $(SPHINXOPTS) -D latex_engine=xelatex && \
	$(BIN)/glossator verify-pdf $(OUT)/latex/glossator-reader.pdf

epub: $(STAMP) ## build the EPUB into _build/epub (and run epubcheck when installed)
	$(SPHINX) -b epub -d $(OUT)/doctrees/epub $(SPHINXOPTS) $(SRC) $(OUT)/epub
	@if [ -f $(EPUBCHECK_JAR) ]; then java -jar $(EPUBCHECK_JAR) -q $(OUT)/epub/*.epub && echo "epubcheck: no errors"; \
	else echo "epubcheck is not installed: run $(DEPS) epub"; fi

downloads: ## copy the built PDFs and EPUB into the web reader, where its download links point
	@mkdir -p $(OUT)/html/downloads
	@found=$$(ls $(OUT)/latex/*.pdf $(OUT)/epub/*.epub 2>/dev/null); \
	if [ -z "$$found" ]; then echo "No PDF or EPUB in $(OUT)/latex or $(OUT)/epub: run 'make pdf epub' first."; exit 1; fi; \
	cp $$found $(OUT)/html/downloads/ && echo "$$found" | sed 's|.*/|  downloads/|'

reader: check html pdf epub downloads ## set up, check, and build HTML, PDF and EPUB (linked from the HTML)
	@echo
	@echo "The reader is built:"
	@echo "  HTML  $(OUT)/html/index.html"
	@ls $(OUT)/latex/*.pdf 2>/dev/null | sed 's/^/  PDF   /' || true
	@ls $(OUT)/epub/*.epub 2>/dev/null | sed 's/^/  EPUB  /' || true

test: $(STAMP) $(NODE_STAMP) ## set up, check the corpus, and run the test suite (installs Debian packages when root)
	@$(DEPS) || echo "Some Debian packages are missing: the tests that need them will be skipped."
	$(BIN)/glossator check
	$(BIN)/pytest

quicktest: $(STAMP) $(NODE_STAMP) ## the tests not marked slow (no browser task at every device, no property builds): a quick loop
	$(BIN)/glossator check
	$(BIN)/pytest -m "not slow"

screenshots: html pdf ## regenerate the README's screenshots (article on desktop and phone, a PDF page)
	$(BIN)/python tools/screenshots.py

lms: $(STAMP) ## course cartridge (IMS CC 1.1) and syllabus in _build/lms; needs html_baseurl or GLOSSATOR_BASEURL
	$(BIN)/glossator lms

bench: $(STAMP) ## print timings of check and builds
	@$(BIN)/pip install --quiet -e '.[bench]' || echo "Pagefind could not be installed: the bench skips its comparison."
	$(BIN)/python tools/bench.py

clean: ## remove build outputs (and the build/ folder a non-editable `pip install .` leaves)
	rm -rf $(OUT) build

serve: $(STAMP) ## live preview: rebuild and reload the browser on save
	$(BIN)/pip install --quiet sphinx-autobuild
	$(BIN)/sphinx-autobuild $(SRC) $(OUT)/html --watch corpus

lint: $(STAMP) ## ruff on tools/ and tests/ (configured in pyproject.toml)
	$(BIN)/pip install --quiet 'ruff>=0.17,<0.18'
	$(BIN)/ruff check tools tests

linkcheck: $(STAMP) ## follow every external link of the reader (online; slow)
	$(SPHINX) -b linkcheck -d $(OUT)/doctrees/linkcheck -q $(SRC) $(OUT)/linkcheck

