# The README's two commands: `make reports` and `make test`. Both set up .venv from uv.lock.
PYTHON ?= python3
UV_VERSION := 0.13.9
UV := $(or $(shell command -v uv 2>/dev/null),.tools/bin/uv)
VENV := .venv/.synced

.PHONY: setup reports data validate test lint lab bench docs clean-generated

setup: $(VENV)

.tools/bin/uv:
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet uv==$(UV_VERSION)

# The project's kernel "Python (dtanalysis)", and a Jupyter config in the env's etc/jupyter
# that lists only it (the env's default python3 kernel is the same env under another name).
KERNEL = .venv/bin/python -m ipykernel install --sys-prefix --name dtanalysis \
		--display-name "Python (dtanalysis)" > /dev/null \
	&& mkdir -p .venv/etc/jupyter && cp deploy/jupyter/jupyter_config.json .venv/etc/jupyter/

$(VENV): pyproject.toml uv.lock deploy/jupyter/jupyter_config.json | $(UV)
	$(UV) sync --frozen --extra lab --compile-bytecode
	$(KERNEL)
	touch $(VENV)

reports: setup          ## clean → validate → every report → index (reports/index.html)
	.venv/bin/dtanalysis build

data: setup             ## clean + validate only (data/processed/)
	.venv/bin/dtanalysis clean

validate: setup
	.venv/bin/dtanalysis validate

test: setup             ## the whole test suite (real kernels, real GX, headless Chromium)
	.venv/bin/python -m pytest -q

lint: setup
	.venv/bin/ruff check src tests benchmarks
	.venv/bin/lint-imports

# `make lab LAB_FLAGS="--no-browser --port 8890"`; as root (containers) --allow-root is added.
LAB_FLAGS ?=
lab: setup              ## JupyterLab on the project, with this environment's kernel "dtanalysis"
	$(KERNEL)
	.venv/bin/jupyter lab --notebook-dir=. $(if $(filter 0,$(shell id -u)),--allow-root) \
		$(LAB_FLAGS)

docs: setup             ## the API reference, offline, into docs/site/ (pdoc; a warning fails it)
	.venv/bin/python docs/build_api.py --out docs/site

bench: setup            ## benchmarks/README.md
	.venv/bin/python benchmarks/run.py

clean-generated:
	rm -rf data/processed reports
