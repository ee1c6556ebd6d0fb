# twilio_ops.flex: one command for every test (`make test`), and the demo (`make demo`).
#
# Everything runs from virtual environments this Makefile creates under .venv/, with pinned
# test dependencies, against a copy of the checkout staged as
# .build/ansible_collections/twilio_ops/flex (where ansible-test requires a collection to be).
#
# Which ansible-core versions are tested, and what a machine without one of their Pythons does:
# README.md, "Tests".

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

ROOT := $(CURDIR)
BUILD := $(ROOT)/.build
COLLECTION := $(BUILD)/ansible_collections/twilio_ops/flex
RESULTS := $(ROOT)/tests/output/results

# The ansible-core versions tested, oldest to newest (each with tests/requirements/core-<v>.txt),
# and the controller Pythons each supports, in order of preference.
CORES := 2.18 2.19 2.20 2.21
PY_2.18 := 3.11 3.12 3.13
PY_2.19 := 3.11 3.12 3.13
PY_2.20 := 3.12 3.13 3.14
PY_2.21 := 3.12 3.13 3.14

# PYTHON_<v>, the interpreter of core <v>: the first of PY_<v> found, unless given
# (make test PYTHON_2.18=/path/to/python3.11). A core without one is skipped.
$(foreach v,$(CORES),$(if $(filter undefined,$(origin PYTHON_$(v))),\
	$(eval PYTHON_$(v) := $(shell scripts/find-python $(PY_$(v)) 2>/dev/null))))
AVAILABLE := $(foreach v,$(CORES),$(if $(shell command -v '$(PYTHON_$(v))' 2>/dev/null),$(v)))
SKIPPED := $(filter-out $(AVAILABLE),$(CORES))
why = $(if $(PYTHON_$(1)),PYTHON_$(1)=$(PYTHON_$(1)) not found,none of Python $(PY_$(1)) found)
skip_line = ansible-core $(1) skipped: $(call why,$(1))
# A recipe line that stops when core $(1) cannot run.
need = $(if $(filter $(1),$(AVAILABLE)),,@echo "ansible-core $(1) cannot run: $(call why,$(1)) (install one, or set PYTHON_$(1)=/path/to/python)" >&2; exit 1)

# The newest core runs every suite; the tools venv pins it too (tests/requirements/tools.txt).
NEWEST := $(lastword $(CORES))
core_venv = $(ROOT)/.venv/core-$(1)
VENV_NEW := $(call core_venv,$(NEWEST))
VENV_TOOLS := $(ROOT)/.venv/tools
# The newest core this machine can run: the demo's, which needs ansible-core and requests only.
NEWEST_HERE := $(lastword $(AVAILABLE))
NO_CORE = no ansible-core can run here: none of Python $(sort $(foreach v,$(CORES),$(PY_$(v)))) found

comma := ,
pyver = $(shell $(1)/bin/python -c 'import sys; print("%d.%d" % sys.version_info[:2])')

.PHONY: help test venvs stage sanity sanity-$(NEWEST) units $(addprefix units-,$(CORES)) \
	integration $(addprefix integration-,$(CORES)) \
	fidelity molecule lint docs docs-lint changelog galaxy-import ee ecosystem demo bench bench-smoke clean

help:
	@echo "make demo        set up, start the emulator, provision the example sites, show idempotence and a check-mode diff"
	@echo "make test        every test: sanity, units and integration (ansible-core $(CORES)), emulator fidelity, molecule, lint, docs, bench-smoke"
	@echo "make bench       what a run costs against the floors, under Twilio's rate limits (about 20 minutes; make test runs bench-smoke, 2 minutes)"
	@echo "make docs        build the HTML docs site into docs/build/html"
	@echo "make clean       remove virtual environments and build output"

# -- environments -------------------------------------------------------------------------

$(foreach v,$(CORES),$(call core_venv,$(v))/.stamp): $(ROOT)/.venv/core-%/.stamp: tests/requirements/core-%.txt
	$(call need,$*)
	rm -rf $(@D) && $(PYTHON_$*) -m venv $(@D)
	$(@D)/bin/python -m pip install --quiet --upgrade pip
	$(@D)/bin/python -m pip install --quiet -r $<
	touch $@

$(VENV_TOOLS)/.stamp: tests/requirements/tools.txt
	$(call need,$(NEWEST))
	rm -rf $(VENV_TOOLS) && $(PYTHON_$(NEWEST)) -m venv $(VENV_TOOLS)
	$(VENV_TOOLS)/bin/python -m pip install --quiet --upgrade pip
	$(VENV_TOOLS)/bin/python -m pip install --quiet -r $<
	touch $@

# Names each skipped core (and, with the newest, the suites that run on it).
skip_notice = $(if $(SKIPPED),@$(foreach v,$(SKIPPED),echo "$(call skip_line,$(v))$(if $(filter $(NEWEST),$(v)),$(comma) and with it $(filter-out units-% integration-%,$(SUITES)))";) true)

venvs: $(foreach v,$(AVAILABLE),$(call core_venv,$(v))/.stamp) $(if $(filter $(NEWEST),$(AVAILABLE)),$(VENV_TOOLS)/.stamp)
	$(skip_notice)

stage:
	@scripts/stage-collection $(BUILD) >/dev/null
	@mkdir -p $(RESULTS)

# -- the test suites ----------------------------------------------------------------------

# Every suite runs even when an earlier one fails (-k); the tally then names what failed or did
# not run, and ends on the summary line. (docs-lint and ee run inside the ecosystem suite.)
# Each suite is named as its results file; a suite whose core is skipped is passed to the tally
# as NAME:REASON, which fails the run only under CI=true.
SUITES := sanity-$(NEWEST) $(addprefix units-,$(CORES)) $(addprefix integration-,$(CORES)) \
	fidelity molecule lint galaxy-import ecosystem bench-smoke
core_of = $(or $(filter $(CORES),$(lastword $(subst -, ,$(1)))),$(NEWEST))
RUN := $(strip $(foreach s,$(SUITES),$(if $(filter $(call core_of,$(s)),$(AVAILABLE)),$(s))))
TALLY := $(foreach s,$(SUITES),'$(s)$(if $(filter $(call core_of,$(s)),$(SKIPPED)),:$(call skip_line,$(call core_of,$(s))))')

test: venvs
	$(if $(AVAILABLE),,@echo "make test: $(NO_CORE)" >&2; exit 1)
	rm -rf $(RESULTS) && mkdir -p $(RESULTS)
	status=0; $(MAKE) --no-print-directory -k $(RUN) || status=$$?; \
	$(call core_venv,$(NEWEST_HERE))/bin/python scripts/tally-results $(RESULTS) $(TALLY) && exit $$status

sanity: sanity-$(NEWEST)

sanity-$(NEWEST): $(VENV_NEW)/.stamp stage
	rm -rf $(COLLECTION)/tests/output/junit && \
	cd $(COLLECTION) && $(VENV_NEW)/bin/ansible-test sanity --venv --requirements --python $(call pyver,$(VENV_NEW)) --junit --color no
	$(VENV_NEW)/bin/python scripts/collect-junit $(COLLECTION)/tests/output/junit $(RESULTS)/$@.xml

units: $(addprefix units-,$(AVAILABLE))
	$(skip_notice)

$(addprefix units-,$(CORES)): units-%: $(ROOT)/.venv/core-%/.stamp stage
	rm -rf $(COLLECTION)/tests/output/junit && \
	cd $(COLLECTION) && $(call core_venv,$*)/bin/ansible-test units --venv --requirements --python $(call pyver,$(call core_venv,$*)) --color no
	$(call core_venv,$*)/bin/python scripts/collect-junit $(COLLECTION)/tests/output/junit $(RESULTS)/$@.xml

integration: $(addprefix integration-,$(AVAILABLE))
	$(skip_notice)

# Integration targets that run on the newest core only: http_client tests the collection's HTTP
# client (its own Python and requests, the same under every ansible-core) against servers that
# misbehave on purpose, which takes minutes; its unit tests run on every core.
NEWEST_ONLY_TARGETS := http_client

$(addprefix integration-,$(CORES)): integration-%: $(ROOT)/.venv/core-%/.stamp stage
	rm -rf $(COLLECTION)/tests/output/junit && \
	cd $(COLLECTION) && $(call core_venv,$*)/bin/ansible-test integration --venv --requirements --python $(call pyver,$(call core_venv,$*)) --color no \
		$(if $(filter-out $(NEWEST),$*),$(addprefix --exclude ,$(NEWEST_ONLY_TARGETS)))
	$(call core_venv,$*)/bin/python scripts/collect-junit $(COLLECTION)/tests/output/junit $(RESULTS)/$@.xml

molecule: $(VENV_NEW)/.stamp stage
	cd $(COLLECTION) && PATH=$(VENV_NEW)/bin:$$PATH ANSIBLE_COLLECTIONS_PATH=$(BUILD) \
		$(VENV_NEW)/bin/python $(ROOT)/scripts/run-as-junit molecule $(RESULTS)/molecule.xml -- $(VENV_NEW)/bin/molecule test --all

# The README's first command: three sites, each its own emulated account, provisioned and shown.
demo: $(if $(NEWEST_HERE),$(call core_venv,$(NEWEST_HERE))/.stamp) stage
	$(if $(NEWEST_HERE),,@echo "make demo: $(NO_CORE)" >&2; exit 1)
	$(if $(filter-out $(NEWEST),$(NEWEST_HERE)),@echo "make demo: on ansible-core $(NEWEST_HERE) (ansible-core $(NEWEST): $(call why,$(NEWEST)))")
	$(call core_venv,$(NEWEST_HERE))/bin/python scripts/demo $(call core_venv,$(NEWEST_HERE))/bin $(COLLECTION)

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
# Last in make test: it installs matplotlib into the newest core's venv the suites before it use.
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
