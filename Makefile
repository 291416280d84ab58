# perflint: `make demo` shows it at work, `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test test-e2e vsix sweep fix-safety precision lint bench bench-rules bench-jit numba-catalogue clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $@ $(VENV)/.installed

demo: $(VENV)/.installed
	@echo "== perflint check examples/"
	@$(BIN)/perflint check --no-cache --exit-zero examples/
	@echo
	@echo "== perflint check --diff --unsafe-fixes examples/   (nothing is written)"
	@$(BIN)/perflint check --no-cache --exit-zero --diff --unsafe-fixes examples/
	@echo
	@echo "== perflint profile -- python examples/workload.py   (runs the workload, ranks its findings)"
	@$(BIN)/perflint profile --exit-zero -o $(VENV)/demo-profile.pstats -- $(BIN)/python examples/workload.py

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check perflint rules lsp tests benchmarks
	$(BIN)/mypy

test: lint
	$(BIN)/pytest -q
	$(MAKE) test-e2e

# The VS Code extension: vscode-extension/perflint.vsix.
EXT := vscode-extension
$(EXT)/node_modules/.installed: $(EXT)/package.json $(EXT)/package-lock.json
	cd $(EXT) && npm ci --no-fund --no-audit
	touch $@

vsix: $(EXT)/node_modules/.installed $(VENV)/.installed-dev
	cd $(EXT) && npm run -s typecheck && npm run -s lint && npm run -s test && npm run -s package

# The extension in real VS Code (code-server) in headless Chromium; screenshots in
# vscode-extension/test-results/. code-server is cached in ~/.cache/vscode-e2e.
test-e2e: vsix $(VENV)/.installed-dev
	bash $(EXT)/e2e/run-e2e.sh $(BIN)/python $(EXT)/perflint.vsix

# Reliability (not part of make test: minutes, and large downloads cached in ~/.cache):
# every rule and fix over the stdlib and big PyPI packages; fixes against real test suites.
sweep: $(VENV)/.installed-dev
	$(BIN)/python benchmarks/reliability/sweep.py

# fix-safety: more-itertools, toolz, boltons, networkx; unsafe fixes tested with and
# without numba installed. One library or one run: make fix-safety ARGS="--numba without networkx".
fix-safety: $(VENV)/.installed-dev
	$(BIN)/python benchmarks/reliability/fix_safety.py $(ARGS)

# A seeded random sample of findings on a pinned corpus (benchmarks/precision/corpus.toml)
# for people to judge; verdicts in benchmarks/precision/verdicts.json. Options in ARGS,
# e.g. make precision ARGS="--set final --select ALL --per-rule 5".
precision: $(VENV)/.installed-dev
	$(BIN)/python benchmarks/precision/harness.py $(ARGS)

bench: $(VENV)/.installed-dev
	$(BIN)/python benchmarks/speed.py

bench-rules: $(VENV)/.installed-dev
	$(BIN)/python -m pip install -q -e '.[dev,bench]'
	$(BIN)/python benchmarks/rules/run_all.py

bench-jit: $(VENV)/.installed-dev
	$(BIN)/python benchmarks/jit/kernels.py

# Regenerate perflint/data/numba_catalogue.json from the installed numba.
numba-catalogue: $(VENV)/.installed-dev
	$(BIN)/python -m perflint.jit.make_catalogue

clean:
	rm -rf $(VENV) .perflint_cache .pytest_cache .mypy_cache .ruff_cache
	rm -rf $(EXT)/node_modules $(EXT)/dist $(EXT)/*.vsix $(EXT)/test-results
