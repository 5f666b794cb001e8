# naevn: `make run` to try it, `make test` to test it, `make check` before you push.
SHELL := /bin/bash
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Every package, runtime and dev, pinned with its hashes for Python 3.11 on Linux x86_64.
LOCK := requirements.lock
MESSAGE_SOURCES := naevn statemachine casestore assistant console locales
CATALOGS := $(wildcard locales/*/LC_MESSAGES/messages.po)
MOS := $(CATALOGS:.po=.mo)
# What the browser tests take from the npm registry (axe-core), as package-lock.json pins it.
NODE_STAMP := node_modules/.installed

.PHONY: run test check lint types contracts catalogs audit extract lock bench bench-http clean postgres chromium

PORT ?= 8080

# In a terminal, the service runs in the background (its log in var/serve.log) and the staff
# console opens on it, signed in as the demo caseworker; quitting the console stops the
# service. Without a terminal (CI, a pipe), the service runs in the foreground.
run: $(STAMP) $(MOS)
	@$(BIN)/naevn serve --check-port --port $(PORT)
	@mkdir -p var
	@$(BIN)/naevn demo --db sqlite:///var/naevn.db --data-dir var
	@echo
	@if [ -t 0 ] && [ -t 1 ]; then \
	  $(BIN)/naevn serve --port $(PORT) --db sqlite:///var/naevn.db --data-dir var >var/serve.log 2>&1 & \
	  pid=$$!; trap 'kill $$pid 2>/dev/null; wait $$pid 2>/dev/null' EXIT; trap 'exit 130' INT TERM; \
	  until $(BIN)/python -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=1)' \
	      http://127.0.0.1:$(PORT)/healthz 2>/dev/null; do \
	    kill -0 $$pid 2>/dev/null || { cat var/serve.log; exit 1; }; sleep 0.2; \
	  done; \
	  echo "naevn is serving at http://127.0.0.1:$(PORT)/ (its log: var/serve.log)."; \
	  echo "To file a case as a citizen, open that address in a browser, or run this"; \
	  echo "in another terminal, in this folder:"; \
	  echo; echo "    .venv/bin/naevn chat --server http://127.0.0.1:$(PORT)"; echo; \
	  echo "The staff console opens as Mette Holm, caseworker at hln-101 and bkn-101"; \
	  echo "(the other demo staff's tokens are in var/demo-staff.json)."; \
	  echo "Quitting it (Ctrl-Q) stops the service."; \
	  read -r -p "Press Enter to open the console. " _; \
	  NAEVN_STAFF_TOKEN=$$($(BIN)/python -c 'import json; print(json.load(open("var/demo-staff.json"))["caseworker"]["token"])') \
	    $(BIN)/naevn console --server http://127.0.0.1:$(PORT); \
	else \
	  echo "naevn is serving at http://127.0.0.1:$(PORT)/ (API description: /api/v1/openapi.json). Ctrl-C stops it."; \
	  echo "To file a case, open that address in a browser, or run this in another terminal, in this folder:"; \
	  echo; echo "    .venv/bin/naevn chat --server http://127.0.0.1:$(PORT)"; echo; \
	  exec $(BIN)/naevn serve --port $(PORT) --db sqlite:///var/naevn.db --data-dir var; \
	fi

# The static checks come first and stop the run before the tests when one fails.
test: lint types contracts catalogs $(MOS) postgres chromium $(NODE_STAMP)
	$(BIN)/pytest -q

# The tests start their own throwaway PostgreSQL server; this installs Debian's if it is missing.
postgres:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { \
	  sudo=$$([ "$$(id -u)" -eq 0 ] || echo sudo); \
	  $$sudo apt-get update && $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql; }

# The browser tests (tests/web) drive Debian's Chromium through Playwright (never Playwright's own
# browser download) and read pages in the w3m text browser; this installs both if missing.
chromium:
	@{ [ -x /usr/bin/chromium ] && command -v w3m >/dev/null; } || { \
	  sudo=$$([ "$$(id -u)" -eq 0 ] || echo sudo); \
	  $$sudo apt-get update && $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium w3m; }

# axe-core, which the browser tests inject into every page to check it against WCAG 2.x A and
# AA, exactly as package-lock.json pins it (checked against its integrity hash); no install
# scripts run. Node.js and npm come from Debian if the machine has none.
$(NODE_STAMP): package.json package-lock.json
	@command -v npm >/dev/null || { \
	  sudo=$$([ "$$(id -u)" -eq 0 ] || echo sudo); \
	  $$sudo apt-get update && $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y nodejs npm; }
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

# Everything `make test` runs, plus what needs the network.
check: test audit

lint: $(STAMP)
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

types: $(STAMP)
	$(BIN)/mypy

contracts: $(STAMP)
	$(BIN)/lint-imports

# Known vulnerabilities in the installed packages fail the check. Packages the advisory service
# could not be asked about (no network, or a registry mirror without PyPI's JSON API) are
# counted and named, so an audit that did not happen never passes silently as a clean one.
audit: $(STAMP)
	@mkdir -p var
	$(BIN)/pip-audit --skip-editable --progress-spinner off -f json -o var/audit.json
	@$(BIN)/python -c 'import json, sys; deps = json.load(open("var/audit.json"))["dependencies"]; \
	  skipped = " ".join(d["name"] for d in deps if "skip_reason" in d); \
	  print("pip-audit:", len(deps), "packages, no known vulnerabilities among those audited."); \
	  skipped and print("WARNING: not audited (advisory service unreachable):", skipped, file=sys.stderr)'

# Fails when the catalogs are stale against the source (a new or changed message). Only the
# messages are compared, so another Babel version's header does not count.
catalogs: $(STAMP)
	@pot=$$(mktemp --suffix=.pot) && trap 'rm -f "$$pot"' EXIT && \
	  $(BIN)/pybabel -q extract -F babel.cfg --no-location --sort-output -o "$$pot" $(MESSAGE_SOURCES) && \
	  $(BIN)/python -m locales.catalogcheck "$$pot" locales/messages.pot
	$(BIN)/pybabel -q update --check -i locales/messages.pot -d locales -D messages --no-fuzzy-matching

# Re-extract messages after changing user-facing text, then translate the new entries.
extract: $(STAMP)
	$(BIN)/pybabel -q extract -F babel.cfg --no-location --sort-output -o locales/messages.pot $(MESSAGE_SOURCES)
	$(BIN)/pybabel -q update -i locales/messages.pot -d locales -D messages --no-fuzzy-matching --ignore-obsolete
	$(BIN)/python -m locales.english

locales/%/LC_MESSAGES/messages.mo: locales/%/LC_MESSAGES/messages.po $(STAMP)
	$(BIN)/pybabel -q compile -d locales -D messages -l $*

bench: $(STAMP) $(MOS)
	$(BIN)/python bench/turns.py

# Filings over HTTP against a real `naevn serve`; see bench/README.md.
bench-http: $(STAMP) $(MOS)
	$(BIN)/python -m bench.http_turns

# Installs the versions the lock pins (pip and setuptools among them), each file checked against
# its hash, then builds the project from those, without build isolation or any other download.
$(STAMP): $(LOCK) pyproject.toml
	test -d $(VENV) || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --require-hashes -r $(LOCK)
	$(BIN)/pip install -q --no-deps --no-build-isolation -e .
	$(BIN)/pip check
	touch $(STAMP)

# Re-resolves the lock after a change to the dependencies in pyproject.toml. Versions already
# pinned stay unless they must move; `make lock LOCK_FLAGS=--upgrade` takes the newest of all.
# It needs only uv, not the venv the stamp stands for: that one fails `pip check` while
# pyproject.toml names a package the lock does not have yet.
lock: $(BIN)/uv
	$(BIN)/uv pip compile pyproject.toml --extra dev --generate-hashes $(LOCK_FLAGS) \
	  --python-version 3.11 --python-platform x86_64-manylinux_2_28 \
	  --custom-compile-command 'make lock' --quiet -o $(LOCK)

$(BIN)/uv:
	test -d $(VENV) || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --require-hashes -r $(LOCK)

clean:
	rm -rf $(VENV) var node_modules .mypy_cache .pytest_cache .ruff_cache locales/*/LC_MESSAGES/*.mo
