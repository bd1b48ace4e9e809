# Briefing Builder — every target sets itself up on a machine that has Python 3.11+ and make.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: run test lint bench screenshot templates validate wheel bundle clean

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

## make run: open the app on the bundled sample store (no display: build the sample pack into out/)
run: $(STAMP)
	$(PY) -m briefing_builder run

## make test: the linters (make lint), then the whole suite, headless
test: lint
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

## make lint: ruff (style and bugs), mypy (types; strict on the Qt-free core) and the import contracts
lint: $(STAMP)
	$(PY) -m ruff check briefing_builder tests benchmarks
	$(PY) -m mypy
	$(VENV)/bin/lint-imports

## make bench: performance figures (medians), ends with one JSON line
bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen QT_LOGGING_RULES='qt.qpa.*=false' $(PY) -m benchmarks

## make screenshot: render the main window offscreen (reference pack open) as laid out on its first
## start on 1920x1080, 1280x720 and 1920x1080 at 150 % (docs/screenshot*.png)
screenshot: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m briefing_builder.ui.screenshot docs/screenshot.png --screen 1920x1080
	QT_QPA_PLATFORM=offscreen $(PY) -m briefing_builder.ui.screenshot docs/screenshot-1280x720.png --screen 1280x720
	QT_QPA_PLATFORM=offscreen $(PY) -m briefing_builder.ui.screenshot docs/screenshot-1920x1080-150.png \
	  --screen 1920x1080 --scale 1.5

## make templates: rebuild the bundled brand templates from templates/brand.yaml
templates: $(STAMP)
	$(PY) -m briefing_builder.render.brand_builder

## make wheel: an installable wheel in dist/ (templates, fonts and the sample store inside)
wheel: $(STAMP)
	$(PY) -m pip wheel . --no-deps -w dist

## make bundle: a one-folder desktop bundle with PyInstaller (see packaging/README.md)
bundle: $(STAMP)
	$(PY) -m pip install --quiet pyinstaller && $(PY) -m PyInstaller --noconfirm packaging/briefing-builder.spec

validate: $(STAMP)
	$(PY) -m briefing_builder validate

clean:
	rm -rf $(VENV) out .pytest_cache
