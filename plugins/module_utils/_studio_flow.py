# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# PRIVATE: this module_utils file is internal to twilio_ops.flex and can change without notice.

"""Studio v2 Flows, read-only: the collection lists them to resolve a flow's name to its FW SID
(_resolve.studio_flow_sids). Studio's list has no name filter, so a lookup reads every page."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.twilio_ops.flex.plugins.module_utils._account import STUDIO_FLOWS
from ansible_collections.twilio_ops.flex.plugins.module_utils._fields import ApiField
from ansible_collections.twilio_ops.flex.plugins.module_utils._resource import Resources

# Only the name is ever matched; the collection never writes Studio flows.
STUDIO_FLOW_FIELDS = (
    ApiField('friendly_name', 'FriendlyName', 'friendly_name', nonblank=True),
)


class StudioFlows(Resources):
    label = 'Studio Flow'
    plural = 'Studio Flows'
    product, path, list_key, page_size, sid_prefix = STUDIO_FLOWS
    result_key = 'studio_flow'
    fields = STUDIO_FLOW_FIELDS
    identity = ('friendly_name',)

    def fetch(self, key):
        """A flow by SID, without its definition, as the list shows flows: the definition can be
        large and the collection never needs it."""
        flow = super(StudioFlows, self).fetch(key)
        if flow is not None:
            flow.pop('definition', None)
        return flow
