# twilio_ops.flex: one command for every test (`make test`), and the demo (`make demo`).
#
# Everything runs from virtual environments this Makefile creates under .venv/, each installed
# from a lock (tests/requirements/<name>.txt: every package at a known version, pip included,
# written by `make lock` from the direct requirements in <name>.in), against a copy of the
# checkout staged as .build/ansible_collections/twilio_ops/flex (where ansible-test requires a
# collection to be). `make test-latest` runs the same suites from the direct requirements
# unpinned, in .venv-latest/, to show what the newest releases break; it leaves make test alone.
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
REQUIREMENTS := tests/requirements
# Where the venvs are, and what they install: the locks, or with LATEST=1 (make test-latest sets
# it, with VENVS, BUILD and RESULTS of its own) the direct requirements unpinned.
VENVS := $(ROOT)/.venv
LATEST :=

# The ansible-core versions tested, oldest to newest (each with tests/requirements/core-<v>.in),
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

# The newest core runs every suite; the tools venv pins it too (tests/requirements/tools.in).
NEWEST := $(lastword $(CORES))
core_venv = $(VENVS)/core-$(1)
VENV_NEW := $(call core_venv,$(NEWEST))
VENV_TOOLS := $(VENVS)/tools
# awx.awx for the ecosystem suite's checks of examples/awx/configure_controller.yml: the community
# package ansible 13, the last to bundle it, which needs ansible-core 2.20 (tests/requirements/awx.in).
AWX_CORE := 2.20
VENV_AWX := $(VENVS)/awx
# The newest core this machine can run: the demo's, whose venv has ansible-core and requests only
# (tests/requirements/demo.in), at the versions of that core's lock.
NEWEST_HERE := $(lastword $(AVAILABLE))
VENV_DEMO := $(VENVS)/demo-$(NEWEST_HERE)
NO_CORE = no ansible-core can run here: none of Python $(sort $(foreach v,$(CORES),$(PY_$(v)))) found

comma := ,
pyver = $(shell $(1)/bin/python -c 'import sys; print("%d.%d" % sys.version_info[:2])')

.PHONY: help test test-latest lock venvs stage sanity sanity-$(NEWEST) units $(addprefix units-,$(CORES)) \
	integration $(addprefix integration-,$(CORES)) \
	fidelity runner-jobs molecule lint docs docs-lint changelog galaxy-import ee ecosystem demo bench bench-smoke chromium clean

help:
	@echo "make demo        set up, start the emulator, provision the example sites, show idempotence and a check-mode diff"
	@echo "make test        every test: sanity, units and integration (ansible-core $(CORES)), emulator fidelity, ansible-runner jobs, molecule, lint, docs, bench-smoke"
	@echo "                 (from the locked test environments, tests/requirements/*.txt, built under .venv/)"
	@echo "make test-latest the same suites with the newest releases of the direct requirements (tests/requirements/*.in,"
	@echo "                 unpinned; each core its newest patch release), in .venv-latest/: reports what they break"
	@echo "make lock        regenerate every lock, tests/requirements/<name>.txt, from <name>.in (needs every core's Python)"
	@echo "make venvs       build the test environments from the locks (make test does it first)"
	@echo "make bench       what a run costs against the floors, under Twilio's rate limits (about 25 minutes; make test runs bench-smoke, 2 minutes)"
	@echo "make docs        build the HTML docs site into docs/build/html"
	@echo "make clean       remove virtual environments and build output"

# -- environments -------------------------------------------------------------------------

# $(call install,VENV,NAME[,LOCK]): into VENV, pip at the version of the lock tests/requirements/NAME.txt,
# then every package of that lock (pip install -r: pip still checks that they fit together). With
# LOCK: only what NAME.in names and what it needs, at LOCK's versions (LOCK is a complete lock: every
# package is pinned). With LATEST=1: the newest pip, then NAME.in unpinned (scripts/unpin-requirements).
install = $(if $(LATEST),\
	$(1)/bin/python scripts/unpin-requirements $(REQUIREMENTS)/$(2).in > $(1)/$(2).latest.txt && \
	$(1)/bin/python -m pip install --quiet --upgrade pip && \
	$(1)/bin/python -m pip install --quiet -r $(1)/$(2).latest.txt,\
	$(1)/bin/python -m pip install --quiet -c $(or $(3),$(REQUIREMENTS)/$(2).txt) pip && \
	$(1)/bin/python -m pip install --quiet $(if $(3),-c $(3) -r $(REQUIREMENTS)/$(2).in,-r $(REQUIREMENTS)/$(2).txt))

# $(call venv,CORE,NAME[,LOCK]): the recipe of a venv's stamp: a fresh venv $(@D) with the Python of
# core CORE, NAME installed as above.
define venv
$(call need,$(1))
rm -rf $(@D) && $(PYTHON_$(1)) -m venv $(@D)
$(call install,$(@D),$(2),$(3))
touch $@
endef

# What a venv is built from: the lock, or under LATEST the direct requirements.
from = $(REQUIREMENTS)/$(1).$(if $(LATEST),in,txt)

$(foreach v,$(CORES),$(call core_venv,$(v))/.stamp): $(VENVS)/core-%/.stamp: $(call from,core-%)
	$(call venv,$*,core-$*)

$(VENV_TOOLS)/.stamp: $(call from,tools)
	$(call venv,$(NEWEST),tools)

$(VENV_AWX)/.stamp: $(call from,awx)
	$(call venv,$(AWX_CORE),awx)

$(VENV_DEMO)/.stamp: $(REQUIREMENTS)/demo.in $(REQUIREMENTS)/core-$(NEWEST_HERE).txt
	$(call venv,$(NEWEST_HERE),demo,$(REQUIREMENTS)/core-$(NEWEST_HERE).txt)

# Names each skipped core (and, with the newest, the suites that run on it).
skip_notice = $(if $(SKIPPED),@$(foreach v,$(SKIPPED),echo "$(call skip_line,$(v))$(if $(filter $(NEWEST),$(v)),$(comma) and with it $(filter-out units-% integration-%,$(SUITES)))";) true)

venvs: $(foreach v,$(AVAILABLE),$(call core_venv,$(v))/.stamp) $(if $(filter $(NEWEST),$(AVAILABLE)),$(VENV_TOOLS)/.stamp) \
	$(if $(filter $(NEWEST),$(AVAILABLE)),$(if $(filter $(AWX_CORE),$(AVAILABLE)),$(VENV_AWX)/.stamp))
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
	fidelity runner-jobs molecule lint galaxy-import ecosystem bench-smoke
core_of = $(or $(filter $(CORES),$(lastword $(subst -, ,$(1)))),$(NEWEST))
RUN := $(strip $(foreach s,$(SUITES),$(if $(filter $(call core_of,$(s)),$(AVAILABLE)),$(s))))
TALLY := $(foreach s,$(SUITES),'$(s)$(if $(filter $(call core_of,$(s)),$(SKIPPED)),:$(call skip_line,$(call core_of,$(s))))')

test: venvs
	$(if $(AVAILABLE),,@echo "make test: $(NO_CORE)" >&2; exit 1)
	rm -rf $(RESULTS) && mkdir -p $(RESULTS)
	status=0; $(MAKE) --no-print-directory -k $(RUN) || status=$$?; \
	$(call core_venv,$(NEWEST_HERE))/bin/python scripts/tally-results $(RESULTS) $(TALLY) && exit $$status

sanity: sanity-$(NEWEST)

# $(call ansible_test,CORE,COMMAND): ansible-test COMMAND in the staged collection, with core CORE's
# venv and Python, its JUnit output collected as $(RESULTS)/<target>.xml.
define ansible_test
rm -rf $(COLLECTION)/tests/output/junit && \
cd $(COLLECTION) && $(call core_venv,$(1))/bin/ansible-test $(2) --venv --requirements --python $(call pyver,$(call core_venv,$(1))) --color no
$(call core_venv,$(1))/bin/python scripts/collect-junit $(COLLECTION)/tests/output/junit $(RESULTS)/$@.xml
endef

sanity-$(NEWEST): $(VENV_NEW)/.stamp stage
	$(call ansible_test,$(NEWEST),sanity --junit)

units: $(addprefix units-,$(AVAILABLE))
	$(skip_notice)

$(addprefix units-,$(CORES)): units-%: $(VENVS)/core-%/.stamp stage
	$(call ansible_test,$*,units)

integration: $(addprefix integration-,$(AVAILABLE))
	$(skip_notice)

# Integration targets that run on the newest core only: http_client tests the collection's HTTP
# client (its own Python and requests, the same under every ansible-core) against servers that
# misbehave on purpose, which takes minutes; its unit tests run on every core.
# role_account_store_operators runs the role at once, kills it and gives it 200 languages, also
# minutes, testing the collection's record and lock; role_account_store runs the role's account
# store on every core.
NEWEST_ONLY_TARGETS := http_client role_account_store_operators

$(addprefix integration-,$(CORES)): integration-%: $(VENVS)/core-%/.stamp stage chromium
	$(call ansible_test,$*,integration $(if $(filter-out $(NEWEST),$*),$(addprefix --exclude ,$(NEWEST_ONLY_TARGETS))))

# Headless Chromium renders the fleet report's HTML page in the drift_report integration target
# (the rendered DOM, and a screenshot): Debian's chromium package, installed with apt-get when it is
# missing, as root or with sudo when there is sudo. When it cannot be installed this says so and the
# target then fails with the same message: it is never skipped.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then sudo=; elif command -v sudo >/dev/null 2>&1; then sudo="sudo -n"; else sudo=none; fi; \
	  if [ "$$sudo" != none ] && $$sudo apt-get update -qq && \
	     $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium; then \
	    echo "make chromium: installed $$(chromium --version 2>/dev/null)"; \
	  else \
	    echo "make chromium: chromium is not installed and apt-get could not install it (needs root or sudo, and Debian's" \
	         "package sources); the drift_report integration target fails without it:" \
	         "apt-get install -y --no-install-recommends chromium" >&2; \
	  fi; }

molecule: $(VENV_NEW)/.stamp stage
	cd $(COLLECTION) && PATH=$(VENV_NEW)/bin:$$PATH ANSIBLE_COLLECTIONS_PATH=$(BUILD) \
		$(VENV_NEW)/bin/python $(ROOT)/scripts/run-as-junit molecule $(RESULTS)/molecule.xml -- $(VENV_NEW)/bin/molecule test --all

# The README's first command: four sites, each its own emulated account, provisioned and shown.
# Its venv has what it runs only: ansible-core and requests (tests/requirements/demo.in).
demo: $(if $(NEWEST_HERE),$(VENV_DEMO)/.stamp) stage
	$(if $(NEWEST_HERE),,@echo "make demo: $(NO_CORE)" >&2; exit 1)
	$(if $(filter-out $(NEWEST),$(NEWEST_HERE)),@echo "make demo: on ansible-core $(NEWEST_HERE) (ansible-core $(NEWEST): $(call why,$(NEWEST)))")
	$(VENV_DEMO)/bin/python scripts/demo $(VENV_DEMO)/bin $(COLLECTION)

fidelity: $(VENV_NEW)/.stamp
	mkdir -p $(RESULTS)
	$(VENV_NEW)/bin/python -m pytest -q tests/fidelity --junitxml=$(RESULTS)/fidelity.xml

# examples/webchat_sites/provision.yml as a controller runs it: ansible-runner jobs, each in a fresh
# private data directory, against three emulated accounts under Twilio's rate limits (check, run,
# run again; two jobs at once; three slices at once; purge). Writes each job's time and requests to
# $(RESULTS)/runner-jobs.json (docs/docsite/rst/guide_awx.rst, "Measured").
runner-jobs: $(VENV_NEW)/.stamp stage
	mkdir -p $(RESULTS)
	FLEX_COLLECTION_PATH=$(BUILD) FLEX_RUNNER_JOBS_REPORT=$(RESULTS)/runner-jobs.json \
		$(VENV_NEW)/bin/python -m pytest -q -p no:cacheprovider tests/runner_jobs --junitxml=$(RESULTS)/runner-jobs.xml

# -- benchmark (make bench is not part of make test; bench-smoke is) -------------------------

# The benchmark's additions (tests/requirements/bench.in; its lock is the newest core's with them).
$(VENV_NEW)/.bench-stamp: $(VENV_NEW)/.stamp $(call from,bench)
	$(call install,$(VENV_NEW),bench)
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

# -- ecosystem: lint, docs, changelog, Galaxy import, execution environment, AWX ---------------

# The staged collection on the collections path: with `offline: true` (.ansible-lint) ansible-lint
# does not install the collection it lints, so its FQCNs resolve from there.
lint: $(VENV_TOOLS)/.stamp stage
	cd $(COLLECTION) && PATH=$(VENV_TOOLS)/bin:$$PATH ANSIBLE_COLLECTIONS_PATH=$(BUILD) \
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

# Under make test-latest, FLEX_LATEST=1 lets tests/ecosystem/test_ansible_doc.py pass the one known
# warning of an unpinned cryptography (KNOWN_UPSTREAM there); make test passes no warning.
# examples/awx (tests/ecosystem/test_awx.py) takes awx.awx from the awx venv (FLEX_AWX_BIN).
ecosystem: $(VENV_TOOLS)/.stamp $(VENV_NEW)/.stamp $(VENV_AWX)/.stamp stage
	$(if $(LATEST),FLEX_LATEST=1) FLEX_COLLECTION_ROOT=$(COLLECTION) FLEX_TOOLS_BIN=$(VENV_TOOLS)/bin FLEX_CORE_BIN=$(VENV_NEW)/bin \
		FLEX_AWX_BIN=$(VENV_AWX)/bin \
		$(VENV_TOOLS)/bin/python -m pytest -q -p no:cacheprovider tests/ecosystem --junitxml=$(RESULTS)/ecosystem.xml

# -- locks and the newest releases -----------------------------------------------------------

# Every lock, tests/requirements/<name>.txt, from <name>.in: each resolved in a fresh venv with the
# Python its venv uses (scripts/lock-requirements). The demo has no lock of its own: it installs
# demo.in at the versions of its core's lock.
lock:
	$(if $(SKIPPED),@echo "make lock: every core's Python is needed; $(foreach v,$(SKIPPED),$(call skip_line,$(v)))" >&2; exit 1)
	$(foreach v,$(CORES),$(PYTHON_$(v)) scripts/lock-requirements $(REQUIREMENTS)/core-$(v).in && ) \
	$(PYTHON_$(NEWEST)) scripts/lock-requirements $(REQUIREMENTS)/tools.in && \
	$(PYTHON_$(AWX_CORE)) scripts/lock-requirements $(REQUIREMENTS)/awx.in && \
	$(PYTHON_$(NEWEST)) scripts/lock-requirements $(REQUIREMENTS)/bench.in --base $(REQUIREMENTS)/core-$(NEWEST).txt

# make test's suites, with venvs from the direct requirements unpinned, in a directory of their own;
# the stage and the results too (tests/output/results-latest). Fails as make test does.
test-latest:
	$(MAKE) --no-print-directory test LATEST=1 VENVS=$(ROOT)/.venv-latest BUILD=$(ROOT)/.build/latest \
		RESULTS=$(ROOT)/tests/output/results-latest

clean:
	rm -rf .venv .venv-latest .build tests/output docs/build
