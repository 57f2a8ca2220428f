# Two commands on a fresh machine (only Python 3.11+ needed):
#   make data   set up, then build the dataset from raw/ into outputs/ (dvc repro)
#   make test   set up, then run the tests
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: setup data build test lint score factbook benchmark clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

data: setup
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/dvc repro

build: setup
	$(BIN)/tipfacts build --raw-dir raw --out-dir outputs

test: setup
	$(BIN)/pytest -q -n auto

lint: setup
	$(BIN)/ruff check pipeline schemas tests benchmarks
	$(BIN)/ruff format --check pipeline schemas tests benchmarks

score: setup
	$(BIN)/python ../shared/eval/score.py --gold ../shared/gold --out outputs -v

factbook: setup
	$(BIN)/tipfacts build --raw-dir ../shared/corpus/factbook --out-dir build/factbook-outputs
	$(BIN)/python ../shared/eval/score.py --out build/factbook-outputs --tiers ../shared/corpus/factbook/tiers.csv

benchmark: setup
	$(BIN)/python benchmarks/run.py --dvc --report build/benchmark.txt

clean:
	rm -rf build .pytest_cache
