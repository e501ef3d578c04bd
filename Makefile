# Two commands: `make run` serves the chat page and API; `make test` runs the tests. Both set up .venv first.
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: setup browser run test eval bench

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q torch==2.13.0
	$(PY) -m pip install -q -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

# Headless Chromium for the browser tests (tests/e2e): Debian's packages, installed when missing
# (as root, as in CI; through sudo otherwise). fonts-nanum makes the Korean in screenshots readable.
BROWSER_PACKAGES := chromium chromium-driver fonts-nanum
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
browser:
	@dpkg -s $(BROWSER_PACKAGES) >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(BROWSER_PACKAGES); }

run: setup
	$(VENV)/bin/qa serve

test: setup browser
	$(VENV)/bin/python -m pytest -q

eval: setup
	$(VENV)/bin/python bench/compare.py ../shared/eval/dev.jsonl
