# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Every unit test of conversations_addresses (tests/unit/plugins/modules/test_conversations_addresses.py), run as its action plugin runs
it, in the controller's process (tests/unit/conftest.py): the same requests and results."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.twilio_ops.flex.tests.unit.plugins.modules import test_conversations_addresses as module_tests

globals().update((name, value) for name, value in vars(module_tests).items() if not name.startswith('__'))
RUN_WAY = 'controller'
