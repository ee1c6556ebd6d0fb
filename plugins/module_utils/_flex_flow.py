# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# PRIVATE: this module_utils file is internal to twilio_ops.flex and can change without notice.

"""Flex Flows (legacy WebChat/messaging addresses, Flex UI 1.x): the field table, the rules the
API states only in prose (which integration options each integration type needs), and the
conveniences no peer offers (a Studio flow by name, the chat service discovered)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.twilio_ops.flex.plugins.module_utils._api import connection_argument_spec
from ansible_collections.twilio_ops.flex.plugins.module_utils._flex_configuration import discover_chat_service_sid
from ansible_collections.twilio_ops.flex.plugins.module_utils._resource import (
    ApiField,
    TwilioResource,
    argument_spec_from_fields,
)
from ansible_collections.twilio_ops.flex.plugins.module_utils._sid import sid_problem
from ansible_collections.twilio_ops.flex.plugins.module_utils._studio_flow import StudioFlows

CHANNEL_TYPES = ('web', 'sms', 'facebook', 'whatsapp', 'line', 'custom')
INTEGRATION_TYPES = ('studio', 'external', 'task')

# The one place that spells the Flex Flow API's names: option, form field, response key.
FLEX_FLOW_FIELDS = (
    ApiField('friendly_name', 'FriendlyName', 'friendly_name', nonblank=True),
    ApiField('chat_service_sid', 'ChatServiceSid', 'chat_service_sid', kind='sid', sid_prefix='IS'),
    ApiField('channel_type', 'ChannelType', 'channel_type', choices=CHANNEL_TYPES),
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
# The API documents these rules in prose only; checking them here fails fast, before a write.
INTEGRATION_RULES = {
    'studio': (('integration.flow_sid',), ('integration.retry_count', 'integration.creation_on_message')),
    'external': (('integration.url',), ('integration.retry_count', 'integration.creation_on_message')),
    'task': (('integration.workspace_sid', 'integration.workflow_sid'),
             ('integration.channel', 'integration.timeout', 'integration.priority', 'integration.creation_on_message')),
}

DEMO_URL = 'https://demo.flex.twilio.com/chat?accountSid=%s&flexFlowSid=%s'


def flex_flow_argument_spec():
    spec = connection_argument_spec()
    spec.update(argument_spec_from_fields(FLEX_FLOW_FIELDS))
    spec.update(
        state=dict(type='str', default='present', choices=['present', 'absent']),
        sid=dict(type='str'),
        studio_flow=dict(type='str'),
    )
    return spec


def flex_flow_info_argument_spec():
    spec = connection_argument_spec()
    spec.update(
        sid=dict(type='str'),
        friendly_name=dict(type='str'),
        channel_type=dict(type='str', choices=list(CHANNEL_TYPES)),
    )
    return spec


def demo_url(flow):
    """The test widget the Flex WebChat guide names, for web flows that exist."""
    if flow.get('channel_type') == 'web' and flow.get('sid') and flow.get('account_sid'):
        return DEMO_URL % (flow['account_sid'], flow['sid'])
    return None


class FlexFlows(TwilioResource):
    label = 'Flex Flow'
    product = 'flex'
    path = '/v1/FlexFlows'
    list_key = 'flex_flows'
    sid_prefix = 'FO'
    result_key = 'flex_flow'
    fields = FLEX_FLOW_FIELDS
    name_field = FLEX_FLOW_FIELDS[0]
    name_query = 'FriendlyName'

    def integration_type(self):
        """The integration type the options ask for: given, or implied by studio_flow or by the
        one integration option that only one type takes; None when nothing says."""
        if 'integration_type' in self.wanted:
            return self.wanted['integration_type']
        if self.module.params.get('studio_flow'):
            return 'studio'
        implied = set(kind for kind, (needed, _optional) in INTEGRATION_RULES.items()
                      if any(option in self.wanted for option in needed))
        return implied.pop() if len(implied) == 1 else None

    def validate(self):
        problems = super(FlexFlows, self).validate()
        params = self.module.params
        if params.get('sid'):
            problem = sid_problem(params['sid'], self.sid_prefix)
            if problem:
                problems.append('sid %r %s' % (params['sid'], problem))
        if params['state'] == 'absent':
            return problems
        studio_flow = params.get('studio_flow')
        if studio_flow is not None and not studio_flow.strip():
            problems.append('studio_flow must not be empty or only whitespace')
        if studio_flow and 'integration.flow_sid' in self.wanted:
            problems.append('studio_flow and integration.flow_sid both name the Studio flow: set only one')
        kind = self.integration_type()
        if studio_flow and kind != 'studio':
            problems.append('studio_flow needs integration_type studio, not %s' % kind)
        set_integration = [f.option for f in self.fields if f.option.startswith('integration.') and f.option in self.wanted]
        if kind is None:
            if len(set(k for k, (needed, _o) in INTEGRATION_RULES.items() if any(o in set_integration for o in needed))) > 1:
                problems.append('the integration options given belong to different integration types: set integration_type')
            return problems
        needed, optional = INTEGRATION_RULES[kind]
        for option in needed:
            if option not in self.wanted and not (option == 'integration.flow_sid' and studio_flow):
                hint = ' (or studio_flow, a Studio flow name)' if kind == 'studio' else ''
                problems.append('integration_type %s needs %s%s' % (kind, option, hint))
        for option in set_integration:
            if option not in needed and option not in optional:
                users = sorted(k for k, (n, o) in INTEGRATION_RULES.items() if option in n or option in o)
                problems.append('%s applies only to integration_type %s, not %s' % (option, ' or '.join(users), kind))
        return problems

    def resolve(self):
        kind = self.integration_type()
        if kind is not None:
            self.wanted['integration_type'] = kind
        name = self.module.params.get('studio_flow')
        if name:
            studio = StudioFlows(self.module, client=self.client)
            self.wanted['integration.flow_sid'] = studio.sids_by_name([name])[name]

    def complete_for_create(self, values):
        if 'friendly_name' not in values:
            self.fail('friendly_name is needed to create a %s' % self.label)
        if 'integration_type' not in values:
            self.fail('Creating a Flex Flow needs an integration: set studio_flow (a Studio flow name), '
                      'or integration_type with its integration options')
        values.setdefault('channel_type', 'web')
        if 'chat_service_sid' not in values:
            sid = discover_chat_service_sid(self.client)
            if not sid:
                self.fail('chat_service_sid was not given and the Flex Configuration has no chat_service_instance_sid '
                          '(is Flex set up on this account?); set chat_service_sid')
            values['chat_service_sid'] = sid
        return values

    def describe(self, resource):
        url = demo_url(resource)
        return dict(demo_url=url) if url else {}
