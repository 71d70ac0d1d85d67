# KIM NRW on Odoo 18.0 — the two commands a newcomer needs are `make demo` and
# `make test`; everything else is for developers. See README.md.
PYTHON ?= python3
KIMCTL := $(PYTHON) tools/kimctl.py

.PHONY: demo test test-addon test-account prefork-smoke lint i18n check help bench

help:
	@echo "make demo   - frische Demo-Datenbank kim_demo, Server auf http://127.0.0.1:8069"
	@echo "make test   - alle Tests (Lint, Repository, Odoo inkl. Touren) in frischer DB"
	@echo "make test-addon ADDON=kim_case [TAGS=/kim_case:TestX] - Tests eines Addons"
	@echo "make test-account - Odoos account-Tests mit KIM gegen die Baseline (lang)"
	@echo "make prefork-smoke - Demo-DB im Prefork-Modus: Rollen, Portal, Cronjobs"
	@echo "make lint   - ruff + pylint-odoo"
	@echo "make i18n   - .pot exportieren und de.po abgleichen"
	@echo "make bench  - Leistungsmessung R1-R10 (1k/10k Fälle) -> bench/results.md"

demo:
	$(KIMCTL) demo

test:
	$(KIMCTL) test

test-addon:
	$(KIMCTL) test --addons $(ADDON) $(if $(TAGS),--tags $(TAGS))

test-account:
	$(KIMCTL) app-suites --suite account

prefork-smoke:
	$(KIMCTL) prefork-smoke

lint:
	$(PYTHON) -m ruff check addons tests tools
	$(PYTHON) -m ruff format --check addons tests tools
	$(PYTHON) -m pylint --rcfile .pylintrc addons/kim_audit addons/kim_case addons/kim_governance addons/kim_funding addons/kim_abh addons/kim_demo
	oca-checks-odoo-module addons/kim_audit addons/kim_case addons/kim_governance addons/kim_funding addons/kim_abh addons/kim_demo
	oca-checks-po addons/*/i18n/*.po addons/*/i18n/*.pot

i18n:
	$(KIMCTL) i18n

bench:
	$(KIMCTL) bench

check:
	$(KIMCTL) check
