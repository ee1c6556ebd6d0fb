# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The resource families the emulator serves: their operations, validation and JSON representation.

Each family says where it is mounted: a product prefix (named after the Twilio host, e.g.
/flex-api for flex-api.twilio.com) and a path on that host (e.g. /v1/FlexFlows). The router serves
every family defined in the _*.py files of this directory (_routing.families()), so a new family
is a new file and nothing else. Operations run with the store lock held and return an ApiResponse
or raise an ApiError. The Conversations families live in _conversations.py, the Sync families in _sync.py and _sync_maps.py.
"""

import json

from _paging import PageRequest, build_page
from _responses import ApiResponse, invalid_value, missing_parameter, not_found, refused
from _validation import Field, boolean, enum, http_uri, integer, json_object, non_blank, nullable_text, parse_fields, sid
from _values import new_sid, sid_pattern, timestamp_after, timestamp_now

CHANNEL_TYPES = ('web', 'sms', 'facebook', 'whatsapp', 'line', 'custom')
INTEGRATION_TYPES = ('studio', 'external', 'task')

FLEX_FLOW_FIELDS = (
    Field('FriendlyName', 'friendly_name', non_blank),
    Field('ChatServiceSid', 'chat_service_sid', sid('IS')),
    Field('ChannelType', 'channel_type', enum(*CHANNEL_TYPES)),
    Field('ContactIdentity', 'contact_identity', nullable_text),
    Field('Enabled', 'enabled', boolean),
    Field('IntegrationType', 'integration_type', enum(*INTEGRATION_TYPES)),
    Field('LongLived', 'long_lived', boolean),
    Field('JanitorEnabled', 'janitor_enabled', boolean),
)
# Integration.* parameters land, snake_cased, in the flow's `integration` object.
INTEGRATION_FIELDS = (
    Field('Integration.FlowSid', 'flow_sid', sid('FW')),
    Field('Integration.Url', 'url', http_uri),
    Field('Integration.WorkspaceSid', 'workspace_sid', sid('WS')),
    Field('Integration.WorkflowSid', 'workflow_sid', sid('WW')),
    Field('Integration.Channel', 'channel', non_blank),
    Field('Integration.Timeout', 'timeout', integer()),
    Field('Integration.Priority', 'priority', integer()),
    Field('Integration.CreationOnMessage', 'creation_on_message', boolean),
    Field('Integration.RetryCount', 'retry_count', integer(0, 3)),
)
INTEGRATION_KEYS = dict((field.param, field.key) for field in INTEGRATION_FIELDS)
# The spec states these only in parameter descriptions ("Required when integrationType is ...").
INTEGRATION_REQUIRED = {
    'studio': ('Integration.FlowSid',),
    'external': ('Integration.Url',),
    'task': ('Integration.WorkspaceSid', 'Integration.WorkflowSid'),
}
# Defaults the parameter descriptions give, filled in when the integration lacks the key.
INTEGRATION_DEFAULTS = {
    'studio': {'retry_count': 3},
    'external': {'retry_count': 3},
    'task': {'channel': 'default', 'timeout': 86400, 'priority': 0},
}
FLEX_FLOW_KEYS = ('sid', 'account_sid', 'friendly_name', 'chat_service_sid', 'channel_type', 'contact_identity', 'enabled',
                  'integration_type', 'integration', 'long_lived', 'janitor_enabled', 'date_created', 'date_updated')

STUDIO_FLOW_FIELDS = (
    Field('FriendlyName', 'friendly_name', non_blank),
    Field('Status', 'status', enum('draft', 'published')),
    Field('Definition', 'definition', json_object),
    Field('CommitMessage', 'commit_message', nullable_text),
)
STUDIO_FLOW_KEYS = ('sid', 'account_sid', 'author_sid', 'friendly_name', 'definition', 'status', 'revision', 'commit_message',
                    'valid', 'errors', 'warnings', 'webhook_url', 'date_created', 'date_updated', 'url', 'links')
# The spec's list example leaves out the heavy per-revision fields; fetch returns them.
STUDIO_FLOW_LIST_NULLS = ('definition', 'valid', 'errors', 'warnings')

# Flex Configuration fields that describe the resource itself and cannot be changed by a client.
CONFIGURATION_READ_ONLY = ('account_sid', 'date_created', 'date_updated', 'url')


class Family:
    """A resource family mounted at <product><path>, where path starts with the API version. A
    subclass that sets both is served (see _routing.families()); the base classes set neither."""

    product = None           # the product prefix, named after the host: '/flex-api'
    path = None              # the path on that host, from the API version on: '/v1/FlexFlows'
    instance_pattern = None  # pattern (for .fullmatch) of instance path segments; None for a singleton
    state_key = None         # its name in the /__emulator__/state answer

    def __init__(self):
        self.version = '/' + self.path.split('/')[1]  # e.g. /v1

    def url(self, call, sid=None):
        """Absolute URL on the emulator, built from the request's own base so clients stay here."""
        return call.base_url + self.product + self.path + ('' if sid is None else '/' + sid)

    def not_found(self, call):
        """404 naming the requested path as Twilio does: without product prefix and version."""
        return not_found(call.path[len(self.product) + len(self.version):])


class CollectionFamily(Family):
    """A list of resources with SIDs: list/create on the list path, fetch/update/delete on instances.

    Subclasses provide render(record, call, listed) (the JSON representation of a stored record),
    new_record(store, call) (a validated record from a create request) and updated_record(store,
    current, call) (a validated copy of `current` with an update request applied).
    """

    sid_prefix = None
    # collection: the name of the store collection (the store has one per collection family, and a
    # state file without it loads it empty), and of the family in the state hook.
    collection = None
    list_key = None      # name of the array in list pages
    list_filters = ()    # (query parameter, record key) pairs that filter lists (see filter_matches)
    max_page_size = 1000

    def __init__(self):
        super().__init__()
        # A family without SIDs (Sync map items, named by their key) routes its instances itself (route()).
        self.instance_pattern = None if self.sid_prefix is None else sid_pattern(self.sid_prefix)
        self.state_key = self.collection

    @staticmethod
    def filter_matches(key, wanted, actual):
        """Whether a record's value for `key` passes a list filter; exact by default."""
        return actual == wanted

    def operations(self):
        return {'GET': self.read, 'POST': self.create}

    def instance_operations(self):
        return {'GET': self.fetch, 'POST': self.update, 'DELETE': self.delete}

    def read(self, store, call, sid):
        return self.list_page(store, call, self.url(call))

    def list_page(self, store, call, list_url, scope=lambda record: True):
        """A list page of the records within `scope` that pass the request's filters."""
        request = PageRequest(call.query, [param for param, key in self.list_filters], self.max_page_size)
        keys = dict(self.list_filters)
        wanted = [(keys[param], value) for param, value in request.filters]
        collection = store.collections[self.collection]
        numbered = collection.numbered(lambda record: scope(record) and all(self.filter_matches(key, value, record[key]) for key, value in wanted))
        body = build_page(numbered, collection.sequence, request, list_url, self.list_key,
                          lambda record: self.render(record, call, listed=True))
        return ApiResponse(200, body)

    def answer(self, status, record, call):
        """The answer that shows one record; families add headers here (Sync's ETag)."""
        return ApiResponse(status, self.render(record, call))

    def fetch(self, store, call, sid):
        return self.answer(200, self._record(store, call, sid), call)

    def create(self, store, call, sid):
        record = self.new_record(store, call)
        store.add(self.collection, record)
        return self.answer(201, record, call)

    def update(self, store, call, sid):
        record = self.updated_record(store, self._record(store, call, sid), call)
        store.collections[self.collection].records[record['sid']] = record
        return self.answer(200, record, call)

    def delete(self, store, call, sid):
        record = self._record(store, call, sid)
        del store.collections[self.collection].records[record['sid']]
        return ApiResponse(204)

    def find(self, store, key):
        """The record an instance path names, or None. `key` is the path segment, URL-decoded."""
        return store.collections[self.collection].records.get(key)

    def _record(self, store, call, key):
        record = self.find(store, key)
        if record is None:
            raise self.not_found(call)
        return record


class FlexFlows(CollectionFamily):
    """Flex Flows (flex v1): the legacy Flex messaging/webchat addresses."""

    product, path = '/flex-api', '/v1/FlexFlows'
    sid_prefix = 'FO'
    collection = 'flex_flows'
    list_key = 'flex_flows'
    list_filters = (('FriendlyName', 'friendly_name'),)

    def render(self, record, call, listed=False):
        body = dict((key, record[key]) for key in FLEX_FLOW_KEYS)
        body['url'] = self.url(call, record['sid'])
        return body

    def new_record(self, store, call):
        values = parse_fields(call.form, FLEX_FLOW_FIELDS, required=('FriendlyName', 'ChatServiceSid', 'ChannelType'))
        cap = call.limits.max_flex_flows if call.limits is not None else None
        if cap is not None and len(store.collections[self.collection].records) >= cap:
            # Twilio documents the cap, not how it refuses the next create: this answer is ours.
            raise refused('The account has reached its limit of {0} Flex Flows'.format(cap))
        now = timestamp_now()
        record = {
            'sid': new_sid(self.sid_prefix),
            'account_sid': store.account_sid,
            'friendly_name': values['friendly_name'],
            'chat_service_sid': values['chat_service_sid'],
            'channel_type': values['channel_type'],
            'contact_identity': values.get('contact_identity'),
            'enabled': values.get('enabled', False),
            'integration_type': values.get('integration_type', 'studio'),
            'integration': parse_fields(call.form, INTEGRATION_FIELDS),
            'long_lived': values.get('long_lived', False),
            'janitor_enabled': values.get('janitor_enabled', False),
            'date_created': now,
            'date_updated': now,
        }
        return self._with_complete_integration(record)

    def updated_record(self, store, current, call):
        record = dict(current)
        record.update(parse_fields(call.form, FLEX_FLOW_FIELDS))
        integration = dict(current['integration'] or {})
        integration.update(parse_fields(call.form, INTEGRATION_FIELDS))
        record['integration'] = integration
        record['date_updated'] = timestamp_after(current['date_updated'])
        return self._with_complete_integration(record)

    @staticmethod
    def _with_complete_integration(record):
        """Fill the type's defaults, then insist on the parameters the integration type needs."""
        kind = record['integration_type']
        for key, value in INTEGRATION_DEFAULTS[kind].items():
            record['integration'].setdefault(key, value)
        for param in INTEGRATION_REQUIRED[kind]:
            if record['integration'].get(INTEGRATION_KEYS[param]) is None:
                raise missing_parameter(param)
        return record


class StudioFlows(CollectionFamily):
    """Studio flows (studio v2)."""

    product, path = '/studio', '/v2/Flows'
    sid_prefix = 'FW'
    collection = 'studio_flows'
    list_key = 'flows'

    def render(self, record, call, listed=False):
        url = self.url(call, record['sid'])
        body = dict(record)
        body['webhook_url'] = 'https://webhooks.twilio.com/v1/Accounts/{0}/Flows/{1}'.format(record['account_sid'], record['sid'])
        body['url'] = url
        body['links'] = {'test_users': url + '/TestUsers', 'revisions': url + '/Revisions', 'executions': url + '/Executions'}
        if listed:
            body.update((key, None) for key in STUDIO_FLOW_LIST_NULLS)
        return dict((key, body[key]) for key in STUDIO_FLOW_KEYS)

    def new_record(self, store, call):
        values = parse_fields(call.form, STUDIO_FLOW_FIELDS, required=('FriendlyName', 'Status', 'Definition'))
        now = timestamp_now()
        return {
            'sid': new_sid(self.sid_prefix),
            'account_sid': store.account_sid,
            'author_sid': store.identity['author_sid'],
            'friendly_name': values['friendly_name'],
            'definition': values['definition'],
            'status': values['status'],
            'revision': 1,
            'commit_message': values.get('commit_message'),
            'valid': True,
            'errors': [],
            'warnings': [],
            'date_created': now,
            'date_updated': None,  # Twilio's recorded answers: null until the first update
        }

    def updated_record(self, store, current, call):
        values = parse_fields(call.form, STUDIO_FLOW_FIELDS, required=('Status',))
        record = dict(current)
        record.update(values)
        # Every update is a new revision, and the commit message describes that revision only.
        record['revision'] = current['revision'] + 1
        record['commit_message'] = values.get('commit_message')
        record['date_updated'] = timestamp_after(current['date_updated'])
        return record


class FlexConfiguration(Family):
    """The Flex Configuration singleton (flex v1). Its update takes a JSON body, not a form."""

    product, path = '/flex-api', '/v1/Configuration'
    state_key = 'configuration'

    def operations(self):
        return {'GET': self.fetch, 'POST': self.update}

    def render(self, store, call):
        body = dict(store.configuration)
        body['url'] = self.url(call)
        return body

    def fetch(self, store, call, sid):
        return ApiResponse(200, self.render(store, call))

    def update(self, store, call, sid):
        try:
            changes = json.loads(call.body.decode('utf-8'))
        except ValueError:
            changes = None
        if not isinstance(changes, dict):
            raise invalid_value('body', 'expected a JSON object')
        if changes.get('account_sid') is None:
            raise missing_parameter('account_sid')
        if changes['account_sid'] != store.account_sid:
            raise invalid_value('account_sid', changes['account_sid'])
        configuration = dict(store.configuration)
        configuration.update((key, value) for key, value in changes.items() if key in configuration and key not in CONFIGURATION_READ_ONLY)
        configuration['date_updated'] = timestamp_after(store.configuration['date_updated'])
        store.configuration = configuration
        return ApiResponse(200, self.render(store, call))
