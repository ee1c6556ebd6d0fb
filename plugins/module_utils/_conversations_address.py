# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# PRIVATE: this module_utils file is internal to twilio_ops.flex and can change without notice.

"""Flex Conversations address configurations (Flex UI 2.x; a Webchat 3 address is of type chat,
its address the deployment key SID): the field table, the auto-creation rules the API states in
prose, and the conveniences (a Studio flow by name, the default Conversations service)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.twilio_ops.flex.plugins.module_utils._resolve import chat_service_sid, quoted
from ansible_collections.twilio_ops.flex.plugins.module_utils._fields import ApiField, Variants
from ansible_collections.twilio_ops.flex.plugins.module_utils._resource import Refusal, Resources
from ansible_collections.twilio_ops.flex.plugins.module_utils._sid import sid_problem

ADDRESS_TYPES = ('sms', 'whatsapp', 'messenger', 'gbm', 'email', 'rcs', 'apple', 'chat')
AUTO_CREATION_TYPES = ('webhook', 'studio', 'default')
WEBHOOK_METHODS = ('get', 'post')

# The one place that spells the Conversations address API's names. Type, Address and
# AddressCountry are create-only in the API itself (its update takes none of them). Twilio echoes
# type as it was sent, and answers the webhook method in upper case: both compare without case.
# The limits are those of Twilio's spec; the 256 characters of FriendlyName are stated in its
# description only ("limited to 256 characters"), and Twilio answers 400 past them.
CONVERSATIONS_ADDRESS_FIELDS = (
    ApiField('type', 'Type', 'type', choices=ADDRESS_TYPES, create_only=True, ignore_case=True),
    ApiField('address', 'Address', 'address', create_only=True, name=True),
    ApiField('friendly_name', 'FriendlyName', 'friendly_name', name=True, max_length=256),
    ApiField('address_country', 'AddressCountry', 'address_country', create_only=True, ignore_case=True),
    ApiField('auto_creation.enabled', 'AutoCreation.Enabled', 'auto_creation.enabled', kind='bool'),
    ApiField('auto_creation.type', 'AutoCreation.Type', 'auto_creation.type', choices=AUTO_CREATION_TYPES, ignore_case=True),
    ApiField('auto_creation.conversation_service_sid', 'AutoCreation.ConversationServiceSid', 'auto_creation.conversation_service_sid',
             kind='sid', sid_prefix='IS'),
    ApiField('auto_creation.studio_flow_sid', 'AutoCreation.StudioFlowSid', 'auto_creation.studio_flow_sid', kind='sid', sid_prefix='FW'),
    ApiField('auto_creation.studio_retry_count', 'AutoCreation.StudioRetryCount', 'auto_creation.studio_retry_count', kind='int', minimum=0),
    ApiField('auto_creation.webhook_url', 'AutoCreation.WebhookUrl', 'auto_creation.webhook_url', kind='url'),
    ApiField('auto_creation.webhook_method', 'AutoCreation.WebhookMethod', 'auto_creation.webhook_method', choices=WEBHOOK_METHODS,
             ignore_case=True),
    ApiField('auto_creation.webhook_filters', 'AutoCreation.WebhookFilters', 'auto_creation.webhook_filters', kind='list'),
)

# For each auto-creation type: the options it needs, and the others it accepts. Enabled and the
# conversation service apply to every type.
AUTO_CREATION_RULES = Variants('auto_creation.type', {
    'studio': (('auto_creation.studio_flow_sid',), ('auto_creation.studio_retry_count',)),
    'webhook': (('auto_creation.webhook_url',), ('auto_creation.webhook_method', 'auto_creation.webhook_filters')),
    'default': ((), ()),
})

COUNTRY_RE = re.compile(r'[A-Za-z]{2}')


def chat_address_problem(address):
    """Why an address is not what a chat address must be, its Webchat deployment key's SID, or None."""
    return sid_problem(address, 'CV')


class ConversationsAddresses(Resources):
    label = 'Conversations address'
    plural = 'Conversations addresses'
    product = 'conversations'
    path = '/v1/Configuration/Addresses'
    list_key = 'address_configurations'
    sid_prefix = 'IG'
    result_key = 'address_configuration'
    fields = CONVERSATIONS_ADDRESS_FIELDS
    identity = ('address',)
    needed_on_create = ('type', 'address')
    recorded = ('type', 'address')
    # The instance path takes the address itself as well as the IG SID: a lookup is one fetch.
    fetch_by_identity = True
    page_size = 50
    variants = AUTO_CREATION_RULES
    variant_needed_on_create = False
    studio_flow_names = {'auto_creation.studio_flow_sid': 'auto_creation.studio_flow'}
    replace_hint = ('to replace it, delete it (state=absent) and create it again (Twilio allows neither the address nor a chat '
                    "address's deployment key to be changed)")

    def summary(self, resource):
        return '%s address %s (%s)' % (resource.get('type'), quoted(resource.get('address')), resource.get('sid'))

    def extra_problems(self, desired):
        problems = []
        kind = desired.values.get('type')
        address = desired.params.get('address')
        if kind == 'chat' and address is not None and chat_address_problem(address):
            problems.append('address %s of a chat address must be its Webchat deployment key: %s' % (quoted(address), chat_address_problem(address)))
        country = desired.params.get('address_country')
        if country is not None and not COUNTRY_RE.fullmatch(country):
            problems.append('address_country %s is not an ISO 3166-1 alpha-2 country code such as US' % quoted(country))
        return problems

    def complete_for_create(self, desired, values):
        for option in self.needed_on_create:
            if option not in values:
                raise Refusal('creating a %s needs %s' % (self.label, option))
        auto_creation = [option for option in values if option.startswith('auto_creation.')]
        if auto_creation and 'auto_creation.conversation_service_sid' not in values:
            found = self.account.conversations_configuration().get('default_chat_service_sid')
            sid, problem = chat_service_sid(found, "the account's Conversations configuration (default_chat_service_sid)",
                                            'auto_creation.conversation_service_sid')
            if problem:
                raise Refusal(problem)
            values['auto_creation.conversation_service_sid'] = sid
        return values
