# The two promises of the README: `make demo` and `make test` do all set-up
# on a fresh Debian machine with Python 3.11.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
LINTED := $(VENV)/.lint-installed
SAMPLE := data/samples/rakor-bakohumas-2025-07-17
BAKO   := data/samples/bakohumas/laporan-triwulan.csv
PERIOD := 2025-TW2
# The sample evaluation is dated as it was presented (the rakor of 17 July 2025), not today.
TANGGAL := 21/07/2025
PDF    := $(if $(shell command -v soffice 2>/dev/null),--pdf,)
# Jupyter refuses to run as root without this flag (containers, fresh VMs).
ROOT   := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: demo test check lab app lint install bench clean help

help:
	@echo "make demo   - pasang lingkungan dan buat contoh notula + evaluasi Bakohumas di reports/"
	@echo "make test   - pasang lingkungan uji dan jalankan seluruh tes (2 proses paralel)"
	@echo "make check  - tes cepat: semua tes yang tidak menjalankan kernel, LibreOffice, peramban, atau server"
	@echo "make lab    - buka JupyterLab (folder proyek, mulai di notebooks/; notebook disimpan tanpa keluaran)"
	@echo "make app   - buka aplikasi web sekretariat di peramban (http://127.0.0.1:8866)"
	@echo "make lint   - periksa gaya dan tipe kode (ruff, mypy)"
	@echo "make bench  - ukur semua sasaran kecepatan berpasangan (bench/goals.py): laporan satker, notula, bantuan, tes"

$(BIN)/python:
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 10), "Python 3.10+ diperlukan"'
	@$(PYTHON) -m venv $(VENV) || { echo "Gagal membuat virtualenv. Di Debian/Ubuntu: sudo apt-get install python3-venv"; exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/workbench minutes $(SAMPLE)/meeting.yaml \
	    --attendance $(SAMPLE)/zoom-peserta.csv \
	    --attendance $(SAMPLE)/peserta-internal.csv $(PDF)
	$(BIN)/workbench news $(SAMPLE)/meeting.yaml -a $(SAMPLE)/peserta-internal.csv $(PDF)
	$(BIN)/workbench photos $(SAMPLE)/foto --record $(SAMPLE)/meeting.yaml $(PDF)
	$(BIN)/workbench livestream $$($(BIN)/python -m workbench.samples.livestream) $(PDF)
	$(BIN)/workbench evaluate $(BAKO) --period $(PERIOD) --tanggal $(TANGGAL) $(PDF)
	$(BIN)/workbench reports $(BAKO) --period $(PERIOD) --tanggal $(TANGGAL)
	@echo "Selesai. Hasil ada di folder reports/."

# pytest-xdist, 2 workers; one group per test file (tests/conftest.py), so a file's shared
# fixtures (a server, a browser, a module's run) start once. HYPOTHESIS_PROFILE=ci: more examples.
test: $(STAMP)
	$(BIN)/python -m pytest -q -n 2 --dist loadfile

# Everything that starts no kernel, LibreOffice, Chromium or server (markers: pyproject.toml).
check: $(STAMP)
	$(BIN)/python -m pytest -q -n 2 --dist loadfile -m "not slow"

lab: $(STAMP)
	$(BIN)/jupyter lab --config=jupyter/jupyter_server_config.py $(ROOT)

# Every speed goal as a paired ratio with CPU seconds (bench/goals.py; details: bench/*.py).
bench: $(STAMP)
	$(BIN)/python bench/goals.py

# The secretariat's web app (Voilà): 127.0.0.1:8866; `workbench app --ip ADDR` for a network
# (a token is then required, docs/app.md).
app: $(STAMP)
	$(BIN)/workbench app $(if $(PORT),--port $(PORT),) $(if $(IP),--ip $(IP),)

$(LINTED): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,lint]'
	@touch $(LINTED)

# Style and types: ruff (lint + format check) and mypy on workbench/ (settings in pyproject.toml).
lint: $(LINTED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

clean:
	rm -rf reports/*/ reports/.*staging* .pytest_cache
