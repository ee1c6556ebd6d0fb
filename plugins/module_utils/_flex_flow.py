# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# PRIVATE: this module_utils file is internal to twilio_ops.flex and can change without notice.

"""Flex Flows (legacy WebChat/messaging addresses, Flex UI 1.x): the field table, the rules the
API states only in prose (which integration options each integration type needs), Twilio's
documented rate limits and cap, and the conveniences no peer offers (a Studio flow by name, the
chat service discovered)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.twilio_ops.flex.plugins.module_utils._resolve import chat_service_sid
from ansible_collections.twilio_ops.flex.plugins.module_utils._fields import ApiField, Variants
from ansible_collections.twilio_ops.flex.plugins.module_utils._resource import Refusal, Resources

CHANNEL_TYPES = ('web', 'sms', 'facebook', 'whatsapp', 'line', 'custom')
INTEGRATION_TYPES = ('studio', 'external', 'task')

# The one place that spells the Flex Flow API's names: option, form field, response key.
# channel_type is create-only by this collection's choice, not the API's: turning an SMS or
# WhatsApp flow into a web one (or back) rewrites someone's channel, so it is refused.
# The limits are those of Twilio's spec (the 0 to 3 of Integration.RetryCount is stated in its
# description only); the minimum of Integration.Timeout and Integration.Priority is this
# collection's own (a timeout of 0 seconds, a negative priority), stricter than the spec.
FLEX_FLOW_FIELDS = (
    ApiField('friendly_name', 'FriendlyName', 'friendly_name', name=True),
    ApiField('chat_service_sid', 'ChatServiceSid', 'chat_service_sid', kind='sid', sid_prefix='IS'),
    ApiField('channel_type', 'ChannelType', 'channel_type', choices=CHANNEL_TYPES, create_only=True),
    ApiField('contact_identity', 'ContactIdentity', 'contact_identity'),
    ApiField('enabled', 'Enabled', 'enabled', kind='bool'),
    ApiField('integration_type', 'IntegrationType', 'integration_type', choices=INTEGRATION_TYPES),
    ApiField('integration.flow_sid', 'Integration.FlowSid', 'integration.flow_sid', kind='sid', sid_prefix='FW'),
    ApiField('integration.url', 'Integration.Url', 'integration.url', kind='url'),
    ApiField('integration.workspace_sid', 'Integration.WorkspaceSid', 'integration.workspace_sid', kind='sid', sid_prefix='WS'),
    ApiField('integration.workflow_sid', 'Integration.WorkflowSid', 'integration.workflow_sid', kind='sid', sid_prefix='WW'),
    ApiField('integration.channel', 'Integration.Channel', 'integration.channel', nonblank=True),
    ApiField('integration.timeout', 'Integration.Timeout', 'integration.timeout', kind='int', minimum=1),
    ApiField('integration.priority', 'Integration.Priority', 'integration.priority', kind='int', minimum=0),
    ApiField('integration.creation_on_message', 'Integration.CreationOnMessage', 'integration.creation_on_message', kind='bool'),
    ApiField('integration.retry_count', 'Integration.RetryCount', 'integration.retry_count', kind='int', minimum=0, maximum=3),
    ApiField('long_lived', 'LongLived', 'long_lived', kind='bool'),
    ApiField('janitor_enabled', 'JanitorEnabled', 'janitor_enabled', kind='bool'),
)

# For each integration type: the integration options it needs, and the others it accepts.
INTEGRATION_RULES = Variants('integration_type', {
    'studio': (('integration.flow_sid',), ('integration.retry_count', 'integration.creation_on_message')),
    'external': (('integration.url',), ('integration.retry_count', 'integration.creation_on_message')),
    'task': (('integration.workspace_sid', 'integration.workflow_sid'),
             ('integration.channel', 'integration.timeout', 'integration.priority', 'integration.creation_on_message')),
})

# Twilio's "Flex Messaging Limits" page: requests per second per account, and flows per account.
FLEX_FLOW_RATES = dict(list=10, fetch=2, create=2, update=1, delete=2)
FLEX_FLOW_CAP = 2500

DEMO_URL = 'https://demo.flex.twilio.com/chat?accountSid=%s&flexFlowSid=%s'


def demo_url(flow):
    """The test widget the Flex WebChat guide names, for web flows that exist."""
    if flow.get('channel_type') == 'web' and flow.get('sid') and flow.get('account_sid'):
        return DEMO_URL % (flow['account_sid'], flow['sid'])
    return None


class FlexFlows(Resources):
    label = 'Flex Flow'
    plural = 'Flex Flows'
    product = 'flex'
    path = '/v1/FlexFlows'
    list_key = 'flex_flows'
    sid_prefix = 'FO'
    result_key = 'flex_flow'
    fields = FLEX_FLOW_FIELDS
    identity = ('friendly_name',)
    recorded = ('friendly_name', 'channel_type')
    name_query = 'FriendlyName'
    page_size = 1000
    variants = INTEGRATION_RULES
    studio_flow_names = {'integration.flow_sid': 'studio_flow'}
    rates = FLEX_FLOW_RATES
    account_cap = FLEX_FLOW_CAP
    replace_hint = ("if it is the flow you mean, delete it (state=absent) and create it again; if it is someone else's "
                    '(an SMS number, say), give yours another name')

    def summary(self, resource):
        # The channel type says at once whether a flow is a web address or someone's SMS number.
        return '"%s" (%s, %s)' % (resource.get('friendly_name'), resource.get('sid'), resource.get('channel_type'))

    def create_needs_variant(self):
        return ('creating a Flex Flow needs an integration: set studio_flow (a Studio flow name), '
                'or integration_type with its integration options')

    def complete_for_create(self, desired, values):
        values.setdefault('channel_type', 'web')
        if 'chat_service_sid' not in values:
            found = self.account.flex_configuration().get('chat_service_instance_sid')
            sid, problem = chat_service_sid(found, "the account's Flex Configuration (chat_service_instance_sid)", 'chat_service_sid')
            if problem:
                raise Refusal(problem)
            values['chat_service_sid'] = sid
        return values

    def describe(self, resource):
        url = demo_url(resource)
        return dict(demo_url=url) if url else {}
