# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Fixtures shared by every unit test: `run`, the one way a test runs a module against replayed HTTP.

A module with an action plugin (plugins/action/<module>.py) may run in the controller's process
(plugins/plugin_utils/controller_run.py). Its tests (tests/unit/plugins/modules/test_<module>.py)
run as a module there, where ansible-test gives them only what a module may import; and again in
the controller's process from tests/unit/plugins/plugin_utils/test_<module>_in_controller.py,
which takes them over with RUN_WAY = 'controller'."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import importlib.util

import pytest

from ansible_collections.twilio_ops.flex.tests.unit.canned import CONNECTION
from ansible_collections.twilio_ops.flex.tests.unit.replay import Replay, in_controller


def runs_in_controller(module):
    """Whether the module has an action plugin that may run it in the controller's process."""
    name = module.__name__.rsplit('.', 1)[-1]
    return importlib.util.find_spec('ansible_collections.twilio_ops.flex.plugins.action.' + name) is not None


@pytest.fixture
def run_way(request):
    """How `run` runs a module with an action plugin: the test file's RUN_WAY, 'module' by default, or 'controller'."""
    return getattr(request.module, 'RUN_WAY', 'module')


@pytest.fixture
def run(request, run_way):
    """run(args, calls, module=None, connection=None, env=None, uniform=None, check_mode=False, diff=False)
    runs a module's main() against the scripted calls; returns (result, failed, replay).

    module: the module under test (plugins/modules/<name>.py, imported); by default the test
    file's MODULE.
    args: the module's options, as given: a None is a null, as `option: null` in a task (which
    required_one_of counts as given).
    connection: the options args are added to (by default canned.CONNECTION, the fake hosts and
    known credentials); one that is None here is left out, so that its default or its
    environment fallback applies.
    env, uniform: as for Replay (the TWILIO_* environment of the run, the backoff's random.uniform).
    A module with an action plugin runs as run_way says."""
    default_module = getattr(request.module, 'MODULE', None)

    def run_module(args, calls, module=None, connection=None, env=None, uniform=None, check_mode=False, diff=False):
        module = default_module if module is None else module
        if module is None:
            raise AssertionError('run() needs module=, or MODULE (the module under test) in %s' % request.module.__name__)
        connection = CONNECTION if connection is None else connection
        module_args = dict((key, value) for key, value in connection.items() if value is not None)
        module_args.update(args)
        replay = Replay(calls, uniform=uniform, env=env)
        if run_way == 'controller' and runs_in_controller(module):
            result, failed = replay.run(in_controller(module, module_args, replay, check_mode, diff), {})
        else:
            result, failed = replay.run(module.main, module_args, check_mode=check_mode, diff=diff)
        return result, failed, replay

    return run_module
