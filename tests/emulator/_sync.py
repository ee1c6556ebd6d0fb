# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Twilio Sync v1 (sync.twilio.com): Services and the Documents inside them, and what every Sync
object shares (SyncObjects: routing under a service, expiry, removal with what it owns, write
rates). Maps and their items, built the same way, live in _sync_maps.py.

Sources are research/sync-record.md and Twilio's spec twilio_sync_v1.json; README.md lists each
behaviour with where it comes from. Sync answers its own error codes (54xxx) in Twilio's legacy
error body. Times come from the emulator's clock (call.clock), which tests can move forward, so
that an object's expiry can be tested without sleeping.
"""

import copy
import json
import re
from urllib.parse import unquote

from _control import Clock
from _resources import CollectionFamily
from _responses import ApiError, ApiResponse
from _routing import families
from _validation import INTEGER, Field, boolean, first, http_uri, integer, nullable_text, parse_fields
from _values import new_sid, timestamp_after, timestamp_now, timestamp_seconds

SERVICES = 'sync_services'
DOCUMENTS = 'sync_documents'
DEFAULT_SERVICE = 'default'
DEFAULT_FRIENDLY_NAME = 'Default Service'

MAX_DATA_BYTES = 16384           # "16 KiB of valid JSON serialized to a UTF-8 string" (Sync limits page)
MAX_TTL = 31536000               # one year (error 54011)
MAX_UNIQUE_NAME = 256            # error 54302 says 1-256 characters; the spec's description says 320
SID_LIKE = re.compile(r'[A-Z]{2}[a-f0-9]{32}')  # error 54302: a unique name must not match it

SERVICE_FIELDS = (
    Field('FriendlyName', 'friendly_name', nullable_text),
    Field('WebhookUrl', 'webhook_url', http_uri),
    Field('ReachabilityWebhooksEnabled', 'reachability_webhooks_enabled', boolean),
    Field('AclEnabled', 'acl_enabled', boolean),
    Field('ReachabilityDebouncingEnabled', 'reachability_debouncing_enabled', boolean),
    Field('ReachabilityDebouncingWindow', 'reachability_debouncing_window', integer(1000, 30000)),
    Field('WebhooksFromRestEnabled', 'webhooks_from_rest_enabled', boolean),
)
SERVICE_KEYS = ('sid', 'unique_name', 'account_sid', 'friendly_name', 'date_created', 'date_updated', 'webhook_url', 'webhooks_from_rest_enabled',
                'reachability_webhooks_enabled', 'acl_enabled', 'reachability_debouncing_enabled', 'reachability_debouncing_window')
SERVICE_LINKS = ('documents', 'lists', 'maps', 'streams')
DOCUMENT_KEYS = ('sid', 'unique_name', 'account_sid', 'service_sid', 'revision', 'data', 'date_expires', 'date_created', 'date_updated',
                 'created_by')
REAL_TIME = Clock()


def sync_error(status, code, message):
    """A Sync failure in Twilio's legacy error body."""
    return ApiError(status, code, message)


def service_not_found():
    return sync_error(404, 54050, 'Service Instance not found')


def document_not_found():
    return sync_error(404, 54100, 'Document not found')


def clock_of(call):
    """The emulator's clock for this call (the real time when the call carries none)."""
    return call.clock or REAL_TIME


def purge_expired(store, clock):
    """Remove the Sync objects (documents, maps, map items: every SyncObjects family) whose expiry
    lies more than the clock's grace in the past, with what they own, as Twilio's garbage collector
    eventually does; returns how many expired. Hold store.lock."""
    limit = clock.time() - clock.sync_expiry_grace
    removed = 0
    for family in families():
        if isinstance(family, SyncObjects):
            records = store.collections[family.collection].records
            expired = set(key for key, record in records.items()
                          if record['date_expires'] is not None and timestamp_seconds(record['date_expires']) <= limit)
            remove_owned(store, family.collection, expired)
            removed += len(expired)
    return removed


def remove_owned(store, collection, keys):
    """Remove the records `keys` of `collection`, and with them, at every depth, the Sync objects
    they own (a service's documents and maps, a map's items). Hold store.lock."""
    if not keys:
        return
    records = store.collections[collection].records
    for key in keys:
        records.pop(key, None)
    for family in families():
        if isinstance(family, SyncObjects) and family.owner[0] == collection:
            owned = store.collections[family.collection].records
            remove_owned(store, family.collection, set(key for key, record in owned.items() if record[family.owner[1]] in keys))


def sync_url(call, *segments):
    return '/'.join((call.base_url + '/sync/v1/Services',) + segments)


class SyncServices(CollectionFamily):
    """Sync Services; an instance path names one by IS SID or by unique name (only the account's
    default service has one: `default`)."""

    product, path = '/sync', '/v1/Services'
    sid_prefix = 'IS'
    collection = SERVICES
    list_key = 'services'
    max_page_size = 100  # the spec's maximum for Sync lists

    def __init__(self):
        super().__init__()
        # Any segment: a unique name is as good as the SID; what names nothing is a 54050.
        self.instance_pattern = re.compile(r'.+', re.DOTALL)

    def render(self, record, call, listed=False):
        body = dict((key, record[key]) for key in SERVICE_KEYS)
        body['url'] = sync_url(call, record['sid'])
        body['links'] = dict((name, sync_url(call, record['sid'], name.capitalize())) for name in SERVICE_LINKS)
        return body

    def new_record(self, store, call):
        return _new_service(store, call, parse_fields(call.form, SERVICE_FIELDS), None)

    def updated_record(self, store, current, call):
        record = dict(current)
        record.update(parse_fields(call.form, SERVICE_FIELDS))
        record['date_updated'] = timestamp_after(current['date_updated'], clock_of(call).time())
        return record

    def delete(self, store, call, sid):
        """A service goes with its documents and maps (sid: an IS SID or "default")."""
        service = self._record(store, call, sid)
        remove_owned(store, SERVICES, {service['sid']})
        return ApiResponse(204)

    def _record(self, store, call, key):
        return service_named(store, call, key)


def service_named(store, call, key):
    """The service `key` names: its SID or its unique name. `default` is created on first use, as
    Twilio's sdk-starter code expects ("Ensure that the Sync Default Service is provisioned");
    anything else unknown is a 404 with code 54050."""
    services = store.collections[SERVICES].records
    record = services.get(key) or next((service for service in services.values() if service['unique_name'] == key), None)
    if record is None and key == DEFAULT_SERVICE:
        record = _new_service(store, call, {'friendly_name': DEFAULT_FRIENDLY_NAME}, DEFAULT_SERVICE)
        store.add(SERVICES, record)
        # Saved at once, even when a GET provisioned it, so that its SID survives a restart.
        store.save()
    if record is None:
        raise service_not_found()
    return record


def _new_service(store, call, values, unique_name):
    """A service record with Twilio's defaults, overridden by `values`."""
    now = timestamp_now(clock_of(call).time())
    record = {
        'sid': new_sid('IS'),
        'unique_name': unique_name,
        'account_sid': store.account_sid,
        'friendly_name': None,
        'date_created': now,
        'date_updated': now,
        'webhook_url': None,
        'webhooks_from_rest_enabled': False,
        'reachability_webhooks_enabled': False,
        'acl_enabled': False,
        'reachability_debouncing_enabled': False,
        'reachability_debouncing_window': 5000,
    }
    record.update(values)
    return record


def parse_unique_name(raw):
    """Error 54302: 1 to 256 characters, and not shaped like a SID."""
    if not 1 <= len(raw) <= MAX_UNIQUE_NAME or SID_LIKE.fullmatch(raw):
        raise sync_error(400, 54302, 'Invalid unique name: it must be a string of 1 to 256 characters that does not look like a SID')
    return raw


def parse_data(raw):
    """A JSON object of at most 16 KiB (measured as sent, in UTF-8): else 54006 (413) or 54008."""
    if len(raw.encode('utf-8')) > MAX_DATA_BYTES:
        raise sync_error(413, 54006, 'Request entity too large: Data is larger than 16 KiB')
    try:
        value = json.loads(raw)
    except ValueError:
        value = None
    if not isinstance(value, dict):
        raise sync_error(400, 54008, 'Invalid request body: Data must be a JSON object')
    return value


def parse_ttl(raw):
    """Error 54011: empty, or an integer from 0 to 31 536 000 (one year)."""
    if not INTEGER.fullmatch(raw) or not 0 <= int(raw) <= MAX_TTL:
        raise sync_error(400, 54011, 'Invalid TTL: it must be empty or an integer between 0 and 31536000')
    return int(raw)


def expiry(timestamp, ttl):
    """date_expires for a TTL counted from `timestamp`; null for 0 (no expiry)."""
    return timestamp_now(timestamp_seconds(timestamp) + ttl) if ttl else None


def data_size(record):
    """The size that rates a write: the object's data as twilio-python serializes it, in UTF-8."""
    return len(json.dumps(record['data']).encode('utf-8'))


def check_if_match(call, revision, code, message):
    """An `If-Match` header, when sent, must be the object's revision, compared as an exact string:
    else 412 with the object's mismatch code (54103 documents, 54205 map items); an empty one is 54003."""
    if_match = call.headers.get('If-Match')
    if if_match is None:
        return
    if not if_match.strip():
        raise sync_error(400, 54003, 'Invalid If-Match header')
    if if_match != revision:
        raise sync_error(412, code, message)


class SyncObjects(CollectionFamily):
    """What the Sync objects under a service (documents, maps, map items) share. Not served itself.

    `path` is a template whose {Name} segments name the objects the path goes through
    (/v1/Services/{ServiceSid}/Maps/{MapSid}/Items). The router finds a family through route(),
    which answers a copy bound to the segments of the path (`path_keys`), so every operation knows
    its service (and map). `owner` is (collection, record key) of the object each record belongs
    to: removing the owner removes the record (remove_owned). Every record has `date_expires`.
    """

    product = '/sync'
    max_page_size = 100  # the spec's maximum for Sync lists
    owner = (SERVICES, 'service_sid')
    etag = False         # whether answers that show one object carry its revision as ETag (the spec says where)
    path_keys = None

    def route(self, path):
        """(bound family, instance key or None) for a path of this family, or None."""
        template = (self.product + self.path).split('/')
        parts = path.split('/')
        if len(parts) not in (len(template), len(template) + 1) or not all(parts[1:]):
            return None
        keys = {}
        for wanted, sent in zip(template, parts):
            if wanted.startswith('{'):
                keys[wanted[1:-1]] = unquote(sent)
            elif wanted != sent:
                return None
        bound = copy.copy(self)
        bound.path_keys = keys
        return bound, (unquote(parts[-1]) if len(parts) > len(template) else None)

    def answer(self, status, record, call):
        """The revision as ETag where the spec declares one (our assumption for its value: error
        54103 says If-Match takes "the ETag header")."""
        response = super().answer(status, record, call)
        if self.etag:
            response.headers['ETag'] = record['revision']
        return response

    def _service(self, store, call):
        """The service of the path (provisioning `default` on first use), after removing the
        objects whose expiry is past its grace: every operation starts here."""
        service = service_named(store, call, self.path_keys['ServiceSid'])
        if purge_expired(store, clock_of(call)):
            store.save()
        return service

    def _named(self, store, service, key):
        """The object of this collection in `service` that `key` names, by SID or by unique name, or None."""
        record = store.collections[self.collection].records.get(key)
        if record is not None and record['service_sid'] == service['sid']:
            return record
        # A unique name never looks like a SID of ours (error 54302), so the two cannot clash.
        return next((record for record in store.collections[self.collection].records.values()
                     if record['service_sid'] == service['sid'] and record['unique_name'] == key), None)

    @staticmethod
    def _admit_write(call, object_sid, size):
        """With --twilio-limits, a write counts against the per-object window of `object_sid`."""
        if call.limits is not None:
            refusal = call.limits.admit_sync_write(object_sid, size)
            if refusal is not None:
                raise refusal


class SyncDocuments(SyncObjects):
    """Sync Documents under /v1/Services/{ServiceSid}/Documents, where ServiceSid is an IS SID or
    `default`. An instance path names a document by ET SID or by unique name."""

    path = '/v1/Services/{ServiceSid}/Documents'
    sid_prefix = 'ET'
    collection = DOCUMENTS
    list_key = 'documents'
    etag = True

    def render(self, record, call, listed=False):
        body = dict((key, record[key]) for key in DOCUMENT_KEYS)
        body['data'] = copy.deepcopy(record['data'])
        body['url'] = sync_url(call, record['service_sid'], 'Documents', record['sid'])
        body['links'] = {'permissions': body['url'] + '/Permissions'}
        return body

    def read(self, store, call, sid):
        service = self._service(store, call)
        return self.list_page(store, call, sync_url(call, service['sid'], 'Documents'), lambda record: record['service_sid'] == service['sid'])

    def new_record(self, store, call):
        service = self._service(store, call)
        unique_name = first(call.form, 'UniqueName')
        if unique_name is not None:
            parse_unique_name(unique_name)
        data = first(call.form, 'Data')
        data = {} if data is None else parse_data(data)
        ttl = first(call.form, 'Ttl')
        ttl = 0 if ttl is None else parse_ttl(ttl)
        if unique_name is not None and self._named(store, service, unique_name) is not None:
            raise sync_error(409, 54301, 'Unique name already exists')
        now = timestamp_now(clock_of(call).time())
        record = {
            'sid': new_sid(self.sid_prefix),
            'unique_name': unique_name,
            'account_sid': store.account_sid,
            'service_sid': service['sid'],
            'revision': '0',
            'data': data,
            'date_expires': expiry(now, ttl),
            'date_created': now,
            'date_updated': now,
            'created_by': 'system',
        }
        self._admit_write(call, record['sid'], data_size(record))
        return record

    def updated_record(self, store, current, call):
        record = dict(current)
        data = first(call.form, 'Data')
        if data is not None:
            record['data'] = parse_data(data)
        ttl = first(call.form, 'Ttl')
        ttl = None if ttl is None else parse_ttl(ttl)
        check_if_match(call, current['revision'], 54103, 'Document revision mismatch')
        record['revision'] = str(int(current['revision']) + 1)
        record['date_updated'] = timestamp_after(current['date_updated'], clock_of(call).time())
        if ttl is not None:
            # A TTL is counted from this write; without one the old expiry stays ("does not advance automatically").
            record['date_expires'] = expiry(record['date_updated'], ttl)
        self._admit_write(call, record['sid'], data_size(record))
        return record

    def delete(self, store, call, sid):
        """Unconditional: Twilio removed If-Match from document deletes in 2021, so it is ignored
        (sid: an ET SID or the unique name)."""
        record = self._record(store, call, sid)
        self._admit_write(call, record['sid'], data_size(record))
        del store.collections[DOCUMENTS].records[record['sid']]
        return ApiResponse(204)

    def _record(self, store, call, key):
        record = self._named(store, self._service(store, call), key)
        if record is None:
            raise document_not_found()
        return record
