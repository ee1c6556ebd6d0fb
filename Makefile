# twilio_ops.flex: one command for every test (`make test`), and the demo (`make demo`).
#
# Everything runs from virtual environments this Makefile creates under .venv/, with pinned
# test dependencies, against a copy of the checkout staged as
# .build/ansible_collections/twilio_ops/flex (where ansible-test requires a collection to be).
#
# Two ansible-core lines are tested: the newest (2.21, on Python 3.12+) runs everything; the
# oldest supported (2.18, on Python 3.11+) runs the unit and integration tests again.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

ROOT := $(CURDIR)
PY_NEW ?= $(shell scripts/find-python 3.12 3.13 3.14)
PY_OLD ?= $(shell scripts/find-python 3.11 3.12 3.13)
VENV_NEW := $(ROOT)/.venv/core-2.21
VENV_OLD := $(ROOT)/.venv/core-2.18
VENV_TOOLS := $(ROOT)/.venv/tools
BUILD := $(ROOT)/.build
COLLECTION := $(BUILD)/ansible_collections/twilio_ops/flex
RESULTS := $(ROOT)/tests/output/results

pyver = $(shell $(1)/bin/python -c 'import sys; print("%d.%d" % sys.version_info[:2])')

.PHONY: help test venvs stage sanity units units-new units-old integration integration-new integration-old \
	fidelity molecule lint docs docs-lint changelog galaxy-import ee ecosystem demo bench bench-smoke clean

help:
	@echo "make demo        set up, start the emulator, provision the example sites, show idempotence and a check-mode diff"
	@echo "make test        every test: sanity, units, emulator fidelity, integration (2.21 and 2.18), molecule, lint, docs, bench-smoke"
	@echo "make bench       cost per address against the floor (10 minutes; make test runs bench-smoke, 2 minutes)"
	@echo "make docs        build the HTML docs site into docs/build/html"
	@echo "make clean       remove virtual environments and build output"

# -- environments -------------------------------------------------------------------------

$(VENV_NEW)/.stamp: tests/requirements/core-2.21.txt
	rm -rf $(VENV_NEW) && $(PY_NEW) -m venv $(VENV_NEW)
	$(VENV_NEW)/bin/python -m pip install --quiet --upgrade pip
	$(VENV_NEW)/bin/python -m pip install --quiet -r $<
	touch $@

$(VENV_OLD)/.stamp: tests/requirements/core-2.18.txt
	rm -rf $(VENV_OLD) && $(PY_OLD) -m venv $(VENV_OLD)
	$(VENV_OLD)/bin/python -m pip install --quiet --upgrade pip
	$(VENV_OLD)/bin/python -m pip install --quiet -r $<
	touch $@

$(VENV_TOOLS)/.stamp: tests/requirements/tools.txt
	rm -rf $(VENV_TOOLS) && $(PY_NEW) -m venv $(VENV_TOOLS)
	$(VENV_TOOLS)/bin/python -m pip install --quiet --upgrade pip
	$(VENV_TOOLS)/bin/python -m pip install --quiet -r $<
	touch $@

venvs: $(VENV_NEW)/.stamp $(VENV_OLD)/.stamp $(VENV_TOOLS)/.stamp

stage:
	@scripts/stage-collection $(BUILD) >/dev/null
	@mkdir -p $(RESULTS)

# -- the test suites ----------------------------------------------------------------------

# Every suite runs even when an earlier one fails (-k); the tally then names what failed or did
# not run, and ends on the summary line. (docs-lint and ee run inside the ecosystem suite.)
SUITES := sanity-2.21 units-2.21 units-2.18 integration-2.21 integration-2.18 fidelity molecule lint galaxy-import ecosystem \
	bench-smoke

test: venvs
	rm -rf $(RESULTS) && mkdir -p $(RESULTS)
	status=0; $(MAKE) --no-print-directory -k sanity units integration fidelity molecule lint galaxy-import ecosystem bench-smoke || status=$$?; \
	$(VENV_NEW)/bin/python scripts/tally-results $(RESULTS) $(SUITES) && exit $$status

sanity: $(VENV_NEW)/.stamp stage
	rm -rf $(COLLECTION)/tests/output/junit && \
	cd $(COLLECTION) && $(VENV_NEW)/bin/ansible-test sanity --venv --requirements --python $(call pyver,$(VENV_NEW)) --junit --color no
	$(VENV_NEW)/bin/python scripts/collect-junit $(COLLECTION)/tests/output/junit $(RESULTS)/sanity-2.21.xml

units: units-new units-old

units-new: $(VENV_NEW)/.stamp stage
	rm -rf $(COLLECTION)/tests/output/junit && \
	cd $(COLLECTION) && $(VENV_NEW)/bin/ansible-test units --venv --requirements --python $(call pyver,$(VENV_NEW)) --color no
	$(VENV_NEW)/bin/python scripts/collect-junit $(COLLECTION)/tests/output/junit $(RESULTS)/units-2.21.xml

units-old: $(VENV_OLD)/.stamp stage
	rm -rf $(COLLECTION)/tests/output/junit && \
	cd $(COLLECTION) && $(VENV_OLD)/bin/ansible-test units --venv --requirements --python $(call pyver,$(VENV_OLD)) --color no
	$(VENV_NEW)/bin/python scripts/collect-junit $(COLLECTION)/tests/output/junit $(RESULTS)/units-2.18.xml

integration: integration-new integration-old

integration-new: $(VENV_NEW)/.stamp stage
	rm -rf $(COLLECTION)/tests/output/junit && \
	cd $(COLLECTION) && $(VENV_NEW)/bin/ansible-test integration --venv --requirements --python $(call pyver,$(VENV_NEW)) --color no
	$(VENV_NEW)/bin/python scripts/collect-junit $(COLLECTION)/tests/output/junit $(RESULTS)/integration-2.21.xml

integration-old: $(VENV_OLD)/.stamp stage
	rm -rf $(COLLECTION)/tests/output/junit && \
	cd $(COLLECTION) && $(VENV_OLD)/bin/ansible-test integration --venv --requirements --python $(call pyver,$(VENV_OLD)) --color no
	$(VENV_NEW)/bin/python scripts/collect-junit $(COLLECTION)/tests/output/junit $(RESULTS)/integration-2.18.xml

molecule: $(VENV_NEW)/.stamp stage
	cd $(COLLECTION) && PATH=$(VENV_NEW)/bin:$$PATH ANSIBLE_COLLECTIONS_PATH=$(BUILD) \
		$(VENV_NEW)/bin/python $(ROOT)/scripts/run-as-junit molecule $(RESULTS)/molecule.xml -- $(VENV_NEW)/bin/molecule test --all

# The README's first command: three sites, each its own emulated account, provisioned and shown.
demo: $(VENV_NEW)/.stamp stage
	$(VENV_NEW)/bin/python scripts/demo $(VENV_NEW)/bin $(COLLECTION)

fidelity: $(VENV_NEW)/.stamp
	mkdir -p $(RESULTS)
	$(VENV_NEW)/bin/python -m pytest -q tests/fidelity --junitxml=$(RESULTS)/fidelity.xml

# -- benchmark (make bench is not part of make test; bench-smoke is) -------------------------

$(VENV_NEW)/.bench-stamp: $(VENV_NEW)/.stamp tests/requirements/bench.txt
	$(VENV_NEW)/bin/python -m pip install --quiet -r tests/requirements/bench.txt
	touch $@

# Cost per address against the floor; writes docs/docsite/rst/guide_benchmark.rst and its plot.
bench: $(VENV_NEW)/.bench-stamp
	$(VENV_NEW)/bin/python bench/run_bench.py

# The same at N = 1 and 10 with a small account: checks the request counts, leaves the docs alone.
# Last in make test: it installs matplotlib into the 2.21 venv the suites before it use.
bench-smoke: $(VENV_NEW)/.bench-stamp
	mkdir -p $(RESULTS)
	$(VENV_NEW)/bin/python scripts/run-as-junit bench-smoke $(RESULTS)/bench-smoke.xml -- \
		$(VENV_NEW)/bin/python bench/run_bench.py --smoke

# -- ecosystem: lint, docs, changelog, Galaxy import, execution environment ---------------

lint: $(VENV_TOOLS)/.stamp stage
	cd $(COLLECTION) && PATH=$(VENV_TOOLS)/bin:$$PATH \
		$(VENV_TOOLS)/bin/python $(ROOT)/scripts/run-as-junit lint $(RESULTS)/lint.xml -- ansible-lint --nocolor

docs: $(VENV_TOOLS)/.stamp stage
	PATH=$(VENV_TOOLS)/bin:$$PATH bash scripts/build-docs $(COLLECTION) $(ROOT)/docs/build/html

docs-lint: $(VENV_TOOLS)/.stamp stage
	PATH=$(VENV_TOOLS)/bin:$$PATH antsibull-docs lint-collection-docs --plugin-docs --check-extra-docs-refs \
		--validate-collection-refs all --disallow-unknown-collection-refs $(COLLECTION)

# Writes CHANGELOG.md and changelogs/ in the checkout, from the fragments; commit the result.
changelog: $(VENV_TOOLS)/.stamp
	PATH=$(VENV_TOOLS)/bin:$$PATH antsibull-changelog release --reload-plugins --refresh

galaxy-import: $(VENV_TOOLS)/.stamp stage
	$(VENV_TOOLS)/bin/python scripts/run-as-junit galaxy-import $(RESULTS)/galaxy-import.xml -- \
		$(VENV_TOOLS)/bin/python scripts/galaxy-import $(COLLECTION) $(RESULTS)/galaxy-import.log

ee: $(VENV_TOOLS)/.stamp stage
	$(VENV_TOOLS)/bin/ansible-builder introspect --sanitize $(BUILD)

ecosystem: $(VENV_TOOLS)/.stamp $(VENV_NEW)/.stamp stage
	FLEX_COLLECTION_ROOT=$(COLLECTION) FLEX_TOOLS_BIN=$(VENV_TOOLS)/bin FLEX_CORE_BIN=$(VENV_NEW)/bin \
		$(VENV_TOOLS)/bin/python -m pytest -q -p no:cacheprovider tests/ecosystem --junitxml=$(RESULTS)/ecosystem.xml

clean:
	rm -rf .venv .build tests/output docs/build
