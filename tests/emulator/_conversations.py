# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The Conversations v1 families: the account configuration and the address configurations.

Address configurations are the Flex Conversations successor of Flex Flows (flex-api-notes §5).
What the spec leaves open is decided here and listed in README.md ("source: assumption").
"""

import re

from _resources import CollectionFamily, Family
from _responses import ApiResponse, invalid_value, refused
from _validation import (Field, boolean, country_code, duration, enum, enum_any_case, http_uri, integer, non_blank, parse_fields, sid,
                         text_up_to, upper_enum)
from _values import new_sid, timestamp_after, timestamp_now

ADDRESS_TYPES = ('sms', 'whatsapp', 'messenger', 'gbm', 'email', 'rcs', 'apple', 'chat')
AUTO_CREATION_TYPES = ('webhook', 'studio', 'default')
# The events the spec's description of AutoCreation.WebhookFilters allows ("any of the following").
WEBHOOK_FILTERS = ('onMessageAdded', 'onMessageUpdated', 'onMessageRemoved', 'onConversationUpdated', 'onConversationStateUpdated',
                   'onConversationRemoved', 'onParticipantAdded', 'onParticipantUpdated', 'onParticipantRemoved', 'onDeliveryUpdated')
WEBHOOK_FILTERS_PARAM = 'AutoCreation.WebhookFilters'

CONFIGURATION_FIELDS = (
    Field('DefaultChatServiceSid', 'default_chat_service_sid', sid('IS')),
    Field('DefaultMessagingServiceSid', 'default_messaging_service_sid', sid('MG')),
    # The spec's descriptions give the minimum of each timer: 1 minute and 10 minutes.
    Field('DefaultInactiveTimer', 'default_inactive_timer', duration(60)),
    Field('DefaultClosedTimer', 'default_closed_timer', duration(600)),
)
CONFIGURATION_KEYS = ('account_sid', 'default_chat_service_sid', 'default_messaging_service_sid', 'default_inactive_timer',
                      'default_closed_timer')

# Create-only parameters: an update ignores them, as it ignores any parameter it does not know.
ADDRESS_CREATE_FIELDS = (
    Field('Type', 'type', enum_any_case(*ADDRESS_TYPES)),
    Field('Address', 'address', non_blank),
    Field('AddressCountry', 'address_country', country_code),
)
ADDRESS_FIELDS = (
    Field('FriendlyName', 'friendly_name', text_up_to(256)),
)
# AutoCreation.* parameters land, snake_cased, in the `auto_creation` object (WebhookFilters,
# which is a list, is read separately).
AUTO_CREATION_FIELDS = (
    Field('AutoCreation.Enabled', 'enabled', boolean),
    Field('AutoCreation.Type', 'type', enum(*AUTO_CREATION_TYPES)),
    Field('AutoCreation.ConversationServiceSid', 'conversation_service_sid', sid('IS')),
    Field('AutoCreation.WebhookUrl', 'webhook_url', http_uri),
    Field('AutoCreation.WebhookMethod', 'webhook_method', upper_enum('get', 'post')),
    Field('AutoCreation.StudioFlowSid', 'studio_flow_sid', sid('FW')),
    Field('AutoCreation.StudioRetryCount', 'studio_retry_count', integer(0)),
)
# The order of the keys in the spec's examples.
AUTO_CREATION_KEYS = ('enabled', 'type', 'conversation_service_sid', 'webhook_url', 'webhook_method', 'webhook_filters', 'studio_flow_sid',
                      'studio_retry_count')
ADDRESS_KEYS = ('account_sid', 'sid', 'address', 'type', 'friendly_name', 'address_country', 'auto_creation', 'date_created', 'date_updated')


class ConversationsConfiguration(Family):
    """The account-wide Conversations configuration (conversations v1 /Configuration)."""

    product, path = '/conversations', '/v1/Configuration'
    state_key = 'conversations_configuration'

    def operations(self):
        return {'GET': self.fetch, 'POST': self.update}

    def render(self, store, call):
        body = dict((key, store.conversations_configuration[key]) for key in CONFIGURATION_KEYS)
        body['url'] = self.url(call)
        # Links to resources the emulator does not serve, as Twilio's answer has them.
        base = call.base_url + self.product + self.version
        body['links'] = {
            'service': '{0}/Services/{1}/Configuration'.format(base, body['default_chat_service_sid']),
            'webhooks': base + '/Configuration/Webhooks',
        }
        return body

    def fetch(self, store, call, sid):
        return ApiResponse(200, self.render(store, call))

    def update(self, store, call, sid):
        configuration = dict(store.conversations_configuration)
        configuration.update(parse_fields(call.form, CONFIGURATION_FIELDS))
        store.conversations_configuration = configuration
        return ApiResponse(200, self.render(store, call))


class AddressConfigurations(CollectionFamily):
    """Conversations address configurations; an instance path names one by IG SID or by address."""

    product, path = '/conversations', '/v1/Configuration/Addresses'
    sid_prefix = 'IG'
    collection = 'address_configurations'
    list_key = 'address_configurations'
    list_filters = (('Type', 'type'),)
    max_page_size = 50  # the spec's maximum for this list

    def __init__(self):
        super().__init__()
        # Any non-empty segment: the address itself (URL-decoded) is as good as the IG SID.
        self.instance_pattern = re.compile(r'.+', re.DOTALL)

    @staticmethod
    def filter_matches(key, wanted, actual):
        # Types are accepted in any case and echoed as sent, so the filter must ignore case too.
        return actual.lower() == wanted.lower()

    def find(self, store, key):
        records = store.collections[self.collection].records
        return records.get(key) or self._by_address(store, key)

    def _by_address(self, store, address):
        return next((record for record in store.collections[self.collection].records.values() if record['address'] == address), None)

    def render(self, record, call, listed=False):
        body = dict((key, record[key]) for key in ADDRESS_KEYS)
        auto_creation = record['auto_creation']
        body['auto_creation'] = dict((key, auto_creation[key]) for key in AUTO_CREATION_KEYS if key in auto_creation)
        if 'webhook_filters' in auto_creation:
            body['auto_creation']['webhook_filters'] = list(auto_creation['webhook_filters'])
        body['url'] = self.url(call, record['sid'])
        return body

    def new_record(self, store, call):
        values = parse_fields(call.form, ADDRESS_CREATE_FIELDS + ADDRESS_FIELDS, required=('Type', 'Address'))
        auto_creation = dict({'enabled': False}, **self._auto_creation(call))
        existing = self._by_address(store, values['address'])
        if existing is not None:
            # Twilio calls the address unique but documents no error for a duplicate: this one is ours.
            raise refused('Address {0} is already configured by address configuration {1}'.format(values['address'], existing['sid']))
        now = timestamp_now()
        record = {
            'sid': new_sid(self.sid_prefix),
            'account_sid': store.account_sid,
            'type': values['type'],
            'address': values['address'],
            'friendly_name': values.get('friendly_name'),
            'address_country': values.get('address_country'),
            'auto_creation': auto_creation,
            'date_created': now,
            'date_updated': now,
        }
        return self._with_default_service(store, record)

    def updated_record(self, store, current, call):
        record = dict(current)
        record.update(parse_fields(call.form, ADDRESS_FIELDS))
        auto_creation = dict(current['auto_creation'])
        auto_creation.update(self._auto_creation(call))
        record['auto_creation'] = auto_creation
        record['date_updated'] = timestamp_after(current['date_updated'])
        return self._with_default_service(store, record)

    @staticmethod
    def _auto_creation(call):
        """The AutoCreation.* values sent, keyed by their auto_creation name."""
        values = parse_fields(call.form, AUTO_CREATION_FIELDS)
        filters = call.form.get(WEBHOOK_FILTERS_PARAM)
        if filters:
            for event in filters:
                if event not in WEBHOOK_FILTERS:
                    raise invalid_value(WEBHOOK_FILTERS_PARAM, event)
            values['webhook_filters'] = list(filters)
        return values

    @staticmethod
    def _with_default_service(store, record):
        """An enabled auto-creation without a service uses the account's default Conversations
        service, as the spec's description says ("the conversation is created in the default
        service"); storing it is our assumption."""
        auto_creation = record['auto_creation']
        default = store.conversations_configuration['default_chat_service_sid']
        if auto_creation.get('enabled') and auto_creation.get('conversation_service_sid') is None and default is not None:
            auto_creation['conversation_service_sid'] = default
        return record
