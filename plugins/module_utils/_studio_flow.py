# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# PRIVATE: this module_utils file is internal to twilio_ops.flex and can change without notice.

"""Studio v2 Flows, read-only: the collection resolves a flow's friendly name to its FW SID.
Studio's list has no name filter, so a lookup reads every page and matches here."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.twilio_ops.flex.plugins.module_utils._resource import ApiField, TwilioResource

# Only the name is ever matched; the collection never writes Studio flows.
STUDIO_FLOW_FIELDS = (
    ApiField('friendly_name', 'FriendlyName', 'friendly_name', nonblank=True),
)

# How many names a "no such flow" message lists before it stops.
NAMES_SHOWN = 20


class StudioFlows(TwilioResource):
    label = 'Studio Flow'
    product = 'studio'
    path = '/v2/Flows'
    list_key = 'flows'
    sid_prefix = 'FW'
    result_key = 'studio_flow'
    fields = STUDIO_FLOW_FIELDS
    name_field = STUDIO_FLOW_FIELDS[0]

    def fetch(self, sid):
        """A flow by SID, without its definition, as the list shows flows: the definition can be
        large and the collection never needs it."""
        flow = super(StudioFlows, self).fetch(sid)
        if flow is not None:
            flow.pop('definition', None)
        return flow

    def sids_by_name(self, names):
        """{name: FW SID} for each name, from one read of the account's flows. Fails naming the
        option when a name matches no flow or several (then the user must pick by SID)."""
        flows = self.list()
        resolved = {}
        for name in names:
            matches = [flow for flow in flows if flow.get('friendly_name') == name]
            if not matches:
                known = sorted(set(flow.get('friendly_name') or '' for flow in flows))
                shown = ', '.join(repr(n) for n in known[:NAMES_SHOWN]) + (', ...' if len(known) > NAMES_SHOWN else '')
                self.fail('studio_flow: no Studio Flow is named %r; this account has: %s' % (name, shown or 'none'))
            if len(matches) > 1:
                self.fail('studio_flow: %d Studio Flows are named %r (%s); set integration.flow_sid to the one you mean' % (
                    len(matches), name, ', '.join(flow['sid'] for flow in matches)))
            if matches[0].get('status') != 'published':
                self.module.warn('Studio Flow %r (%s) is %s, not published: chats will not route until it is published' % (
                    name, matches[0]['sid'], matches[0].get('status')))
            resolved[name] = matches[0]['sid']
        return resolved
