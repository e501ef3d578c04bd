# Two commands: `make run` serves the chat page and API; `make test` runs the tests. Both set up .venv first.
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: setup run test eval bench

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q torch==2.13.0
	$(PY) -m pip install -q -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

run: setup
	$(VENV)/bin/qa serve

test: setup
	$(VENV)/bin/python -m pytest -q

eval: setup
	$(VENV)/bin/qa eval ../shared/eval/dev.jsonl
