# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Fixtures of the tests of _api (test_api_*.py): the run fixture (tests/unit/conftest.py) bound
to the two modules with the shortest scripts."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.twilio_ops.flex.plugins.modules import flex_configuration_info, flex_flow
from ansible_collections.twilio_ops.flex.tests.unit.canned import EXTERNAL


@pytest.fixture
def run_configuration(run):
    """run_configuration(calls, uniform=None, **args): flex_configuration_info, one GET, with args."""
    def run_module(calls, uniform=None, **args):
        return run(args, calls, module=flex_configuration_info, uniform=uniform)
    return run_module


@pytest.fixture
def run_create(run):
    """run_create(calls, **kwargs): flex_flow creating canned.EXTERNAL (a lookup, then a POST)."""
    def run_module(calls, **kwargs):
        return run(EXTERNAL, calls, module=flex_flow, **kwargs)
    return run_module
