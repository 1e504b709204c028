# Two entry points for a fresh machine: `make demo` renders every example, `make test` runs the suite.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: setup demo test lint clean

$(BIN)/dispatch-gen: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

setup: $(BIN)/dispatch-gen

demo: setup
	$(BIN)/dispatch-gen render examples/*.yaml -o out/ --check

test: setup
	$(BIN)/ruff check .
	$(BIN)/pytest -q

clean:
	rm -rf out .lo-profile
