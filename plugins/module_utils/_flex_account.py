# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# PRIVATE: this module_utils file is internal to twilio_ops.flex and can change without notice.

"""What an account holds that its WebChat addresses need, read in one module run: the chat
service its Flex Configuration names and its Studio flows. A module run costs a process start
on the controller (about a third of a second), so a role that needs both reads once per site
asks for them together rather than running flex_configuration_info and studio_flow_info."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.twilio_ops.flex.plugins.module_utils._flex_configuration import read_flex_configuration
from ansible_collections.twilio_ops.flex.plugins.module_utils._studio_flow import StudioFlows

# What flex_account_info can read, in the order it reads them.
GATHER_SUBSETS = ('configuration', 'studio_flows')


def read_flex_account(module, client, subsets):
    """The result fields for the subsets asked for: one request for the configuration, one per
    1000 Studio flows."""
    found = {}
    if 'configuration' in subsets:
        configuration = read_flex_configuration(client)
        found['flex_configuration'] = configuration
        found['chat_service_sid'] = configuration.get('chat_service_instance_sid')
    if 'studio_flows' in subsets:
        found['studio_flows'] = StudioFlows(module, client=client).list()
    return found
