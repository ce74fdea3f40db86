# Two commands for a fresh clone: `make run` and `make test`. Both create .venv when needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck unit screenshots snapshots-update check bench eval lexicons clean \
	e2e-tools bench-terminal bytecode

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "briefing-tui needs Python 3.11 or newer; set PYTHON=python3.x"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Byte-code for the package, as pip writes it for a normal install: an editable install
# has none, and with PYTHONDONTWRITEBYTECODE set every start compiled ~50 modules again
# (about a third of the time to the first screen). Quick when nothing changed.
bytecode: $(STAMP)
	@$(BIN)/python -m compileall -q briefing_tui >/dev/null

## Open the app on the bundled articles.
run: bytecode
	$(BIN)/briefing articles

## The whole suite: lint, type checks, tests (unit, app, snapshots).
test: lint typecheck unit

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

unit: bytecode
	$(BIN)/pytest -q

## tmux and Chromium (Debian packages) for tests/e2e: installed when run as root with apt-get,
## else the tests that need them are skipped with the reason.
e2e-tools:
	@missing=""; \
	command -v tmux >/dev/null || missing="$$missing tmux"; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "installing$$missing for the end-to-end tests"; \
		{ apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing; } \
			>/dev/null 2>&1 || echo "could not install$$missing: those end-to-end tests will skip"; \
	else \
		echo "not installing$$missing (needs root and apt-get): those end-to-end tests will skip"; \
	fi

## Check the bundled articles for problems.
check: $(STAMP)
	$(BIN)/briefing check articles

## Regenerate screenshots/library.svg and screenshots/reader.svg from the real app.
screenshots: $(STAMP)
	$(BIN)/python screenshots/make_screenshots.py

## Accept changed SVG snapshots after looking at them (pytest writes snapshot_report.html).
snapshots-update: $(STAMP)
	$(BIN)/pytest -q tests/snapshots --snapshot-update

## Speed of the analysis and of opening an article, against a floor measured in the same run,
## and of `briefing analyze --json` over 2,000 articles end to end (start-up excluded);
## then a synthetic library of 100, 1,000 and 10,000 articles: start-up against a minimal
## Textual app, list complete, keys, opening, search, memory (--n 100000 by hand); then one
## article of 10,000 paragraphs (5 MB): first screen, a burst of keys, keys, opening, memory.
bench: bytecode
	$(BIN)/python benchmarks/bench_analysis.py
	$(BIN)/python benchmarks/bench_library.py
	$(BIN)/python benchmarks/bench_reader.py

## Bytes sent per key and start-up time of the real command over a pty (TERM=linux, xterm-256color).
bench-terminal: bytecode
	$(BIN)/python benchmarks/bench_terminal.py

## Quality of the analysis: the example articles' gold, then ../shared/eval/score.py on the
## Dutch development news (dev), CoNLL-2002 Dutch testa and testb, one row each with its floors.
eval: $(STAMP)
	$(BIN)/python benchmarks/analysis_eval.py examples
	$(BIN)/python benchmarks/eval_table.py
	$(BIN)/python benchmarks/calibration.py

## Rebuild the generated lexicons from their sources (needs the `lexicons` extra).
lexicons: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[lexicons]'
	$(BIN)/python -m briefing_tui.core.analysis.build_lexicons

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
