# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The webchat_addresses_* filters are entry points only: each is the function of
plugins/plugin_utils that tests/unit/plugins/plugin_utils checks case by case."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.twilio_ops.flex.plugins.filter.webchat_addresses import FilterModule
from ansible_collections.twilio_ops.flex.plugins.plugin_utils import connection_variables, webchat_addresses_outcome, webchat_addresses_plan


def test_the_role_can_call_all_five():
    assert sorted(FilterModule().filters()) == ['connection_options', 'connection_variables', 'webchat_addresses_flex_flow_entries',
                                                'webchat_addresses_outcome', 'webchat_addresses_plan']


def test_each_filter_is_the_plugin_utils_function_of_its_name():
    filters = FilterModule().filters()

    assert filters['webchat_addresses_plan'] is webchat_addresses_plan.webchat_addresses_plan
    assert filters['webchat_addresses_flex_flow_entries'] is webchat_addresses_outcome.webchat_addresses_flex_flow_entries
    assert filters['webchat_addresses_outcome'] is webchat_addresses_outcome.webchat_addresses_outcome
    assert filters['connection_variables'] is connection_variables.connection_variables
    assert filters['connection_options'] is connection_variables.connection_options
