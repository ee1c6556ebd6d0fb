# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Twilio Sync v1 Maps and Map Items, siblings of the Documents in _sync.py and built the same way.

Sources are research/sync-record.md §3 and Twilio's spec twilio_sync_v1.json; README.md lists
each behaviour with where it comes from. A map is a named collection of items, each addressed by
its key; items are what carry data, revisions and conditional writes (If-Match on update and on
delete, which documents lack). Every write to an item counts against its map's write rate, as
Twilio's limits page says.
"""

import copy
from urllib.parse import quote

from _paging import PageRequest, page_body
from _responses import ApiResponse, invalid_value, missing_parameter, refused
from _sync import SyncObjects, check_if_match, clock_of, data_size, expiry, parse_data, parse_ttl, parse_unique_name, remove_owned, sync_error, sync_url
from _validation import first
from _values import new_sid, timestamp_after, timestamp_now

MAPS = 'sync_maps'
MAP_ITEMS = 'sync_map_items'
MAX_KEY = 256  # error 54209 says 1-256 characters; the spec's description says 320, we take the stricter

MAP_KEYS = ('sid', 'unique_name', 'account_sid', 'service_sid', 'revision', 'date_expires', 'date_created', 'date_updated', 'created_by')
ITEM_KEYS = ('key', 'account_sid', 'service_sid', 'map_sid', 'revision', 'data', 'date_expires', 'date_created', 'date_updated', 'created_by')
ORDERS = ('asc', 'desc')
BOUNDS = ('inclusive', 'exclusive')


def map_not_found():
    return sync_error(404, 54200, 'Map not found')


def item_not_found():
    return sync_error(404, 54201, 'Map Item not found')


def ttl_of(form, name, alias=None):
    """The TTL that `name`, or else its alias, sends (the spec: when both are sent, the alias "is
    ignored", so it is not even checked), or None when neither is sent."""
    raw = first(form, name)
    if raw is None and alias is not None:
        raw = first(form, alias)
    return None if raw is None else parse_ttl(raw)


def parse_key(raw):
    """Error 54209: a key of 1 to 256 characters."""
    if not 1 <= len(raw) <= MAX_KEY:
        raise sync_error(400, 54209, 'Invalid Map Item key: it must be a string of 1 to 256 characters')
    return raw


class SyncMaps(SyncObjects):
    """Sync Maps under /v1/Services/{ServiceSid}/Maps (ServiceSid: an IS SID or `default`). An
    instance path names a map by MP SID or by unique name. A map has no data of its own."""

    path = '/v1/Services/{ServiceSid}/Maps'
    sid_prefix = 'MP'
    collection = MAPS
    list_key = 'maps'

    def render(self, record, call, listed=False):
        body = dict((key, record[key]) for key in MAP_KEYS)
        body['url'] = sync_url(call, record['service_sid'], 'Maps', record['sid'])
        body['links'] = {'items': body['url'] + '/Items', 'permissions': body['url'] + '/Permissions'}
        return body

    def read(self, store, call, sid):
        service = self._service(store, call)
        return self.list_page(store, call, sync_url(call, service['sid'], 'Maps'), lambda record: record['service_sid'] == service['sid'])

    def new_record(self, store, call):
        service = self._service(store, call)
        unique_name = first(call.form, 'UniqueName')
        if unique_name is not None:
            parse_unique_name(unique_name)
        ttl = ttl_of(call.form, 'CollectionTtl', 'Ttl')
        if unique_name is not None and self._named(store, service, unique_name) is not None:
            # 54301 is Sync's one documented code for a taken unique name, whatever the object.
            raise sync_error(409, 54301, 'Unique name already exists')
        now = timestamp_now(clock_of(call).time())
        record = {
            'sid': new_sid(self.sid_prefix),
            'unique_name': unique_name,
            'account_sid': store.account_sid,
            'service_sid': service['sid'],
            'revision': '0',
            'date_expires': expiry(now, ttl or 0),
            'date_created': now,
            'date_updated': now,
            'created_by': 'system',
        }
        self._admit_write(call, record['sid'], 0)
        return record

    def updated_record(self, store, current, call):
        """The spec's update sends only a TTL; like a document's, each update is a new revision."""
        record = dict(current)
        ttl = ttl_of(call.form, 'CollectionTtl', 'Ttl')
        record['revision'] = str(int(current['revision']) + 1)
        record['date_updated'] = timestamp_after(current['date_updated'], clock_of(call).time())
        if ttl is not None:
            record['date_expires'] = expiry(record['date_updated'], ttl)
        self._admit_write(call, record['sid'], 0)
        return record

    def delete(self, store, call, sid):
        """A map goes with its items; the spec gives the delete no If-Match."""
        record = self._record(store, call, sid)
        self._admit_write(call, record['sid'], 0)
        remove_owned(store, MAPS, {record['sid']})
        return ApiResponse(204)

    def _record(self, store, call, key):
        record = self._named(store, self._service(store, call), key)
        if record is None:
            raise map_not_found()
        return record


class SyncMapItems(SyncObjects):
    """Sync Map Items under /v1/Services/{ServiceSid}/Maps/{MapSid}/Items, where MapSid is an MP
    SID or the map's unique name; an instance path names an item by its key (URL-decoded).

    The store keys records by `sid`, which an item lacks: it is stored under its map's SID and its
    key (unique within the map; the SID has a fixed length, so the pair cannot be ambiguous), and
    that `sid` is never shown.
    """

    path = '/v1/Services/{ServiceSid}/Maps/{MapSid}/Items'
    collection = MAP_ITEMS
    list_key = 'items'
    owner = (MAPS, 'map_sid')
    etag = True

    def render(self, record, call, listed=False):
        body = dict((key, record[key]) for key in ITEM_KEYS)
        body['data'] = copy.deepcopy(record['data'])
        # Quoted so that the URL stays a URI whatever the key holds (our choice; Twilio shows plain keys).
        body['url'] = sync_url(call, record['service_sid'], 'Maps', record['map_sid'], 'Items', quote(record['key'], safe=''))
        return body

    def read(self, store, call, sid):
        """Items ordered by key (`Order` asc or desc, lexicographic by code point), starting at
        `From` (`Bounds`: inclusive, the default, or exclusive) in that order. A page token is the
        key a page ends after (PA<key>) or starts before (PB<key>), so it outlives its item."""
        sync_map = self._map(store, call)
        request = PageRequest(call.query, ('Order', 'From', 'Bounds'), self.max_page_size)
        order = self._choice(call.query, 'Order', ORDERS)
        bounds = self._choice(call.query, 'Bounds', BOUNDS)
        descending = order == 'desc'

        def beyond(key, pivot, inclusive=False):
            """Whether `key` comes after `pivot` (or is it, when inclusive) in the reading order."""
            if inclusive and key == pivot:
                return True
            return key < pivot if descending else key > pivot

        items = sorted((record for record in store.collections[self.collection].records.values() if record['map_sid'] == sync_map['sid']),
                       key=lambda record: record['key'], reverse=descending)
        start = first(call.query, 'From')
        if start:
            items = [record for record in items if beyond(record['key'], start, inclusive=bounds != 'exclusive')]
        token = request.token
        if token is None:
            window = items[:request.page_size]
        elif token[:2] == 'PA':
            window = [record for record in items if beyond(record['key'], token[2:])][:request.page_size]
        elif token[:2] == 'PB':
            window = [record for record in items if beyond(token[2:], record['key'])][-request.page_size:]
        else:
            raise invalid_value('PageToken', token)
        next_token = previous_token = None
        if window:
            if window[-1] is not items[-1]:
                next_token = 'PA' + window[-1]['key']
            if window[0] is not items[0]:
                previous_token = 'PB' + window[0]['key']
        list_url = sync_url(call, sync_map['service_sid'], 'Maps', sync_map['sid'], 'Items')
        return ApiResponse(200, page_body(window, request, list_url, self.list_key, lambda record: self.render(record, call, listed=True),
                                          next_token, previous_token))

    def new_record(self, store, call):
        sync_map = self._map(store, call)
        for name in ('Key', 'Data'):
            if first(call.form, name) is None:
                raise missing_parameter(name)
        key = parse_key(first(call.form, 'Key'))
        data = parse_data(first(call.form, 'Data'))
        ttl = ttl_of(call.form, 'ItemTtl', 'Ttl')
        collection_ttl = ttl_of(call.form, 'CollectionTtl')
        if self._item(store, sync_map, key) is not None:
            raise sync_error(409, 54208, 'Map Item already exists')
        now = timestamp_now(clock_of(call).time())
        record = {
            'sid': sync_map['sid'] + key,
            'key': key,
            'account_sid': store.account_sid,
            'service_sid': sync_map['service_sid'],
            'map_sid': sync_map['sid'],
            'revision': '0',
            'data': data,
            'date_expires': expiry(now, ttl or 0),
            'date_created': now,
            'date_updated': now,
            'created_by': 'system',
        }
        self._admit_write(call, sync_map['sid'], data_size(record))
        self._renew_map(store, sync_map, collection_ttl, now)
        return record

    def updated_record(self, store, current, call):
        sync_map = self._map(store, call)
        record = dict(current)
        data = first(call.form, 'Data')
        if data is not None:
            record['data'] = parse_data(data)
        ttl = ttl_of(call.form, 'ItemTtl', 'Ttl')
        collection_ttl = ttl_of(call.form, 'CollectionTtl')
        if collection_ttl is not None and data is None and ttl is None:
            # The spec: CollectionTtl "can only be used when the Map Item's data or ttl is updated in the same request".
            raise refused('CollectionTtl can only be used when the Map Item\'s data or ttl is updated in the same request')
        check_if_match(call, current['revision'], 54205, 'Map Item revision mismatch')
        record['revision'] = str(int(current['revision']) + 1)
        record['date_updated'] = timestamp_after(current['date_updated'], clock_of(call).time())
        if ttl is not None:
            # Counted from this write; without one the old expiry stays, as for documents.
            record['date_expires'] = expiry(record['date_updated'], ttl)
        self._admit_write(call, sync_map['sid'], data_size(record))
        self._renew_map(store, sync_map, collection_ttl, record['date_updated'])
        return record

    def delete(self, store, call, sid):
        """Conditional on `If-Match` when it is sent: the spec gives item deletes the header."""
        sync_map = self._map(store, call)
        record = self._record(store, call, sid)
        check_if_match(call, record['revision'], 54205, 'Map Item revision mismatch')
        self._admit_write(call, sync_map['sid'], data_size(record))
        del store.collections[self.collection].records[record['sid']]
        return ApiResponse(204)

    def _record(self, store, call, key):
        record = self._item(store, self._map(store, call), key)
        if record is None:
            raise item_not_found()
        return record

    def _item(self, store, sync_map, key):
        return store.collections[self.collection].records.get(sync_map['sid'] + key)

    def _map(self, store, call):
        """The map of the path, in the service of the path (404, 54200 when it names none)."""
        service = self._service(store, call)
        key = self.path_keys['MapSid']
        maps = store.collections[MAPS].records
        found = maps.get(key)
        if found is None or found['service_sid'] != service['sid']:
            found = next((record for record in maps.values() if record['service_sid'] == service['sid'] and record['unique_name'] == key), None)
        if found is None:
            raise map_not_found()
        return found

    @staticmethod
    def _renew_map(store, sync_map, collection_ttl, timestamp):
        """An item write's CollectionTtl sets its map's expiry, counted from that write; the map's
        revision and date_updated stay (our choice: the item changed, not the map)."""
        if collection_ttl is not None:
            store.collections[MAPS].records[sync_map['sid']] = dict(sync_map, date_expires=expiry(timestamp, collection_ttl))

    @staticmethod
    def _choice(query, name, allowed):
        """An enum query parameter (400, code 20001, for any other value), or None when not sent."""
        raw = first(query, name)
        if raw is not None and raw not in allowed:
            raise invalid_value(name, raw)
        return raw
