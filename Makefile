# Two commands for students and trainers: `make lab` and `make test`. Everything else is for developers.
# Each target creates or refreshes .venv itself. requirements.lock (written by uv from pyproject.toml, with hashes)
# is the one source of installed versions: `uv pip sync` installs exactly it and removes anything else. The venv is
# stamped with a hash of the lock and of pyproject.toml without its [tool.*] settings, so an unchanged set-up never
# reinstalls and editing test, lint or import-linter settings does not either.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV := $(BIN)/uv
DEP_HASH := $(shell { cat requirements.lock; awk '/^\[/ {keep = ($$0 !~ /^\[\[?tool\./)} keep' pyproject.toml; } \
	2>/dev/null | sha256sum | cut -c1-16)
STAMP := $(VENV)/.installed-$(DEP_HASH)
# Keep Jupyter's config, runtime files and caches inside the repo, never in the user's home.
JUPYTER_ENV := JUPYTER_CONFIG_DIR=$(CURDIR)/.jupyter-home/config JUPYTER_DATA_DIR=$(CURDIR)/.jupyter-home/data \
	JUPYTER_RUNTIME_DIR=$(CURDIR)/.jupyter-home/runtime IPYTHONDIR=$(CURDIR)/.jupyter-home/ipython \
	JUPYTERLAB_WORKSPACES_DIR=$(CURDIR)/.jupyter-home/workspaces JUPYTER_PLATFORM_DIRS=1
PYTEST := $(JUPYTER_ENV) timeout 2400 $(BIN)/python -m pytest
NBVAL_FLAGS := --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg --nbval-cell-timeout=180

.PHONY: lab test venv lint unit notebooks-check browser bench notebooks lock clean help

help:
	@echo "make lab    open the notebooks in JupyterLab (installs what it needs first)"
	@echo "make test   run every test: ruff, unit and property tests, nbval, browser tests"
	@echo "make bench  run the benchmarks (not part of make test)"
	@echo "make notebooks  rebuild notebooks from notebooks/src and store fresh outputs"

venv: $(STAMP) | .jupyter-home
	@$(BIN)/python tools/configure_lab.py $(VENV)

.jupyter-home:
	mkdir -p .jupyter-home/config .jupyter-home/data .jupyter-home/runtime .jupyter-home/ipython .jupyter-home/workspaces

# No file prerequisites: the hash in the stamp's name decides (a newer pyproject.toml alone changes nothing).
# uv comes from the lock too (its line and hashes), installed by pip; then uv syncs the venv to the lock.
$(STAMP):
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), f"Python 3.11 is required, found {sys.version.split()[0]}"'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	awk '/^uv==/ {p = 1; print; next} p && /^ / {print; next} {p = 0}' requirements.lock > $(VENV)/uv-requirement.txt
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r $(VENV)/uv-requirement.txt
	$(UV) pip sync --quiet --python $(BIN)/python --require-hashes requirements.lock
	$(UV) pip install --quiet --python $(BIN)/python --no-deps -e .
	rm -f $(VENV)/.installed-*
	touch $@

# Offline-friendly: no news feed, no update check, no extension manager queries to a package index.
LAB_FLAGS := --ServerApp.ip=127.0.0.1 --ServerApp.root_dir=$(CURDIR) --LabApp.news_url=None \
	--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate --LabApp.extension_manager=readonly \
	$(if $(filter 0,$(shell id -u)),--allow-root,)

lab: venv
	$(JUPYTER_ENV) $(BIN)/jupyter lab $(LAB_FLAGS) --LabApp.default_url=/lab/tree/notebooks/00_start_here.ipynb

test: venv lint unit notebooks-check browser hub-test

# ruff for style; import-linter for the layers (contracts in pyproject.toml, see CONTRIBUTING.md).
lint: venv
	$(BIN)/ruff check .
	$(BIN)/lint-imports --no-cache

# Unit and property tests, and the examples in microlib's docstrings (doctests).
unit: venv
	$(PYTEST) tests microlib --doctest-modules --ignore=tests/browser --ignore=tests/hub -q -n 2

notebooks-check: venv
	$(PYTEST) $(NBVAL_FLAGS) notebooks -q -n 2 --dist loadfile

browser: venv
	$(PYTEST) tests/browser -q

bench: venv
	$(JUPYTER_ENV) $(BIN)/python bench/run.py

notebooks: venv
	$(JUPYTER_ENV) $(BIN)/python tools/build_notebooks.py
	$(BIN)/python tools/trainer_guide.py

# Re-resolve requirements.lock from pyproject.toml after changing a dependency there (developers only; commit the
# result). Versions already locked are kept when they still fit; `make lock LOCK_FLAGS=--upgrade` takes the newest.
LOCK_FLAGS ?=
lock: venv
	$(UV) pip compile pyproject.toml --extra test --extra classroom --generate-hashes --python $(BIN)/python \
		--custom-compile-command "make lock" --quiet $(LOCK_FLAGS) -o requirements.lock

clean:
	rm -rf $(VENV) .jupyter-home artifacts site

# ---- Classroom: offline exports, slides and the checklist app (issue 6) ----------------------------------
# Front-end files (reveal.js, require.js, icon fonts, axe-core) come from npm, pinned by vendor/package-lock.json
# and installed into the git-ignored vendor/node_modules; the stamp re-installs only when the lock changes.
VENDOR_STAMP := vendor/node_modules/.installed-$(shell cat vendor/package-lock.json 2>/dev/null | sha256sum | cut -c1-16)

.PHONY: vendor export slides app

vendor: $(VENDOR_STAMP)

$(VENDOR_STAMP): vendor/package.json vendor/package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "npm is missing: install Node.js 20 with npm (Debian: sudo apt-get install nodejs npm), then run make again"; exit 1; }
	npm ci --prefix vendor --ignore-scripts --prefer-offline --no-audit --no-fund
	rm -f vendor/node_modules/.installed-*
	touch $@

# A static site in site/: index, one page per notebook (stored outputs, not re-run) and reveal.js slides.
export: venv vendor
	$(JUPYTER_ENV) $(BIN)/python tools/export_site.py

# The slides only (site/NN_name.slides.html), for a trainer without JupyterLab.
slides: venv vendor
	$(JUPYTER_ENV) $(BIN)/python tools/export_site.py --no-pages

# The risk checklist (notebook 03) as a Voilà app on http://127.0.0.1:8866: code hidden, widgets live, offline.
app: venv vendor
	$(JUPYTER_ENV) $(BIN)/python tools/serve_app.py

# ---- Trainer pack (issue 12) -------------------------------------------------------------------------------
.PHONY: handouts trainer-guide
# Printable PDFs in handouts/ (key points, case cards, red-flag worksheet, glossary), made offline with Chromium.
handouts: venv
	$(JUPYTER_ENV) $(BIN)/python tools/handouts.py

# Rewrite docs/trainer_guide.md from the lessons, data/quizzes.yaml and docs/speaker_notes.yaml
# (`make notebooks` does this too; a test fails when the guide is stale).
trainer-guide: venv
	$(BIN)/python tools/trainer_guide.py

# ---- A class on one JupyterHub (issue 14; see hub/README.md) ------------------------------------------------
.PHONY: hub hub-env hub-test bench-hub
# The shared environment students' servers run in (/opt/microlib-hub): the lock, the hub packages, the package.
hub-env: venv vendor
	$(BIN)/python tools/hub.py --setup-only

# A real JupyterHub on 127.0.0.1:8000; prints the nbgitpuller link that gives each student the lessons.
hub: venv vendor
	$(BIN)/python tools/hub.py --lessons-repo

# Isolation and security tests against a running hub with two students and a trainer (needs root for the
# students' Unix accounts; without root they are skipped with one line, except in CI where that is a failure).
hub-test: venv vendor
	$(if $(filter 0,$(shell id -u)),$(BIN)/python tools/hub.py --setup-only,)
	$(PYTEST) tests/hub -q

# Class-size benchmark (1–30 simulated students); writes the table and figure into docs/scaling.md.
bench-hub: venv vendor
	$(BIN)/python tools/hub.py --setup-only
	$(JUPYTER_ENV) $(BIN)/python bench/bench_hub.py
