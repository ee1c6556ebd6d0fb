# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""What the webchat_addresses role works out on the controller, as filters (documented in the
webchat_addresses_*.yml files beside this one):

- webchat_addresses_plan: the input's problems, and the entries each set module gets;
- webchat_addresses_flex_flow_entries: the Flex Flow entries, with the legacy addresses a site
  moving to Conversations may now retire (only those whose chat address exists);
- webchat_addresses_outcome: the published fact, and the site's record of the addresses the role
  manages, updated, from what the modules returned;
- connection_variables / connection_options: the connection variables a role takes (one per
  product of the collection's product table) and the module options they become.

This file only names the filters. The reasoning is controller-only code in plugins/plugin_utils
(webchat_addresses_input: the input's checks, asked of module_utils where the modules state them;
webchat_addresses_plan; webchat_addresses_record; webchat_addresses_outcome;
connection_variables).

Why filters: the role's reasoning is plain Python, unit-tested, imported once per worker rather
than compiled as templates in every task (see the benchmark guide). The ownership rule is in the
role README, "Ownership"."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.twilio_ops.flex.plugins.plugin_utils.connection_variables import connection_options, connection_variables
from ansible_collections.twilio_ops.flex.plugins.plugin_utils.webchat_addresses_outcome import (
    webchat_addresses_flex_flow_entries,
    webchat_addresses_outcome,
)
from ansible_collections.twilio_ops.flex.plugins.plugin_utils.webchat_addresses_plan import webchat_addresses_plan


class FilterModule(object):

    def filters(self):
        return dict(
            webchat_addresses_plan=webchat_addresses_plan,
            webchat_addresses_flex_flow_entries=webchat_addresses_flex_flow_entries,
            webchat_addresses_outcome=webchat_addresses_outcome,
            connection_variables=connection_variables,
            connection_options=connection_options,
        )
