# Two entry points for a fresh machine: `make demo` renders every example, `make test` runs the suite.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: setup demo test bench clean

$(BIN)/dispatch-gen: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

setup: $(BIN)/dispatch-gen

demo: setup
	@echo "Các cảnh báo dưới đây là của chính các công văn mẫu (hạn vào thứ Bảy, bản thảo chưa ký…)"
	@echo "và là điều được chờ đợi: chương trình chỉ ra chúng, tệp .docx vẫn được ghi vào out/."
	$(BIN)/dispatch-gen render examples/*.yaml -o out/ --check
	$(BIN)/dispatch-gen batch examples/batch/long-an-bluezone-huyen.yaml \
		--each examples/batch/units.csv -o out/batch --combined out/batch-all.docx

test: setup
	$(BIN)/ruff check .
	$(BIN)/pytest -q

bench: setup
	$(BIN)/python bench/bench_batch.py

clean:
	rm -rf out .lo-profile
