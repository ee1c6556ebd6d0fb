# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# PRIVATE: this module_utils file is internal to twilio_ops.flex and can change without notice.

"""Twilio Sync, where the collection keeps what must outlive a controller: each site has one Sync
Map in its own account (MAP_PREFIX + the site's record name), whose items are the site's run lock
(_lock.py) and its record of the addresses the role made (_record.py). Every account has a Sync
service; the collection uses the one the user names or the account's default service.

Why a Map and not Documents: a Map's items are read in one request (a list page holds 100), so a
converged site costs one read for its whole record however many items it has, and each item has
its own 16 KiB and its own revision, so a record too large for one document is split into items
that are written independently, each conditionally.

What Twilio documents and what is inferred is in shared/research/sync-record.md: an item is
found by its key; an update or a delete can be made conditional on the revision read (If-Match,
refused with 412 / 54205 when someone wrote in between); a taken key is 409 / 54208; a missing
item 404 / 54201, a missing map 404 / 54200; an item's data is a JSON object of at most 16 KiB;
writes to any item count against the Map's write rate."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime
import email.utils
import json
import re
from urllib.parse import quote

from ansible_collections.twilio_ops.flex.plugins.module_utils._errors import TwilioApiError
from ansible_collections.twilio_ops.flex.plugins.module_utils._resolve import quoted
from ansible_collections.twilio_ops.flex.plugins.module_utils._sid import sid_problem

DEFAULT_SERVICE = 'default'
MAP_PREFIX = 'twilio_ops.flex.site.'
MAP_NOT_FOUND = 54200
ITEM_NOT_FOUND = 54201
STALE_REVISION = 54205
KEY_TAKEN = 54208
NAME_TAKEN = 54301

# Sync's documented limits: an item's data (serialized JSON, UTF-8), a unique name's length (54302
# says 1 to 256; the spec says 320: the smaller is kept, for the map's whole name), and a TTL (54011).
DATA_LIMIT = 16 * 1024
NAME_LIMIT = 256
TTL_LIMIT = 31536000

# Per-object write rates (Sync's limits page): 20 a second for small objects, down to 2 a second
# sustained for 10 KiB and more; between the two the lower rate is kept, to need no 429.
SMALL_OBJECT = 1024
WRITE_RATE_SMALL = 20
WRITE_RATE_LARGE = 2

# The unique names the collection gives its maps go into URL paths; Twilio documents no
# character set for them, so they keep to one that needs no encoding. A name like a SID would be
# taken for one (54302).
NAME_RE = re.compile(r'[A-Za-z0-9._-]+')
SID_LIKE_RE = re.compile(r'[A-Z]{2}[a-f0-9]{32}')


def name_problem(name):
    """Why name cannot name a site's map (MAP_PREFIX + name is its unique name), or None."""
    if not isinstance(name, str) or not NAME_RE.fullmatch(name):
        return '%s must be letters, digits, ".", "_" and "-" only' % quoted(name)
    if len(MAP_PREFIX + name) > NAME_LIMIT:
        return 'is %d characters long; Twilio Sync allows at most %d (%d after the prefix %s)' % (
            len(name), NAME_LIMIT, NAME_LIMIT - len(MAP_PREFIX), MAP_PREFIX)
    if SID_LIKE_RE.fullmatch(name):
        return '%s looks like a SID, which Twilio Sync refuses as a unique name' % quoted(name)
    return None


def twilio_time(client):
    """Twilio's time, from the Date of its latest answer; the controller's before any answer.
    Leases and intents are judged by it, so that a controller's wrong clock cannot expire a lease."""
    try:
        return email.utils.parsedate_to_datetime(client.server_date).astimezone(datetime.timezone.utc)
    except (TypeError, ValueError):
        return datetime.datetime.now(datetime.timezone.utc)


def iso(when):
    """A time as Twilio writes its own (date_created, date_updated)."""
    return when.strftime('%Y-%m-%dT%H:%M:%SZ')


def parse_iso(text):
    try:
        return datetime.datetime.strptime(text, '%Y-%m-%dT%H:%M:%SZ').replace(tzinfo=datetime.timezone.utc)
    except (TypeError, ValueError):
        return None


def encode(data):
    """An item's data as the form field Data carries it: compact JSON, keys sorted (so that the
    same record is the same text, and its size does not depend on the order it was built in)."""
    return json.dumps(data, sort_keys=True, separators=(',', ':'))


def data_problem(text):
    size = len(text.encode('utf-8'))
    if size > DATA_LIMIT:
        return 'is %d bytes of JSON; a Twilio Sync map item holds at most %d (16 KiB)' % (size, DATA_LIMIT)
    return None


class SyncMap:
    """A site's map, through the run's client, in one Sync service: the service given by SID, or
    the account's default service, addressed as "default" in the path as Twilio's own samples
    and tools do (services('default')): no request is spent finding it. The map is made with its
    first item; until then every read finds nothing."""

    product = 'sync'

    def __init__(self, client, service_sid, name):
        self.client = client
        self.service = service_sid or DEFAULT_SERVICE
        self.name = MAP_PREFIX + name

    def _service_url(self, path=''):
        return self.client.url(self.product, '/v1/Services/%s%s' % (quote(self.service, safe=''), path))

    def url(self, key=None):
        base = self._service_url('/Maps/%s/Items' % quote(self.name, safe=''))
        return base if key is None else '%s/%s' % (base, quote(key, safe=''))

    def _believe(self, method, url, body, key=None):
        item = self.client.believe(method, url, body, required_key='revision')
        if not (isinstance(item['revision'], str) and isinstance(item.get('data'), dict) and isinstance(item.get('key'), str)
                and (key is None or item['key'] == key)):
            raise self.client.shape_error(method, url, 'a Sync map item with its key, a revision and a JSON object as data')
        return item

    def service_account_sid(self):
        """The account the service belongs to, as Twilio answers (for a map with no item yet)."""
        url = self._service_url()
        return self.client.believe('GET', url, self.client.request('GET', url), sid_prefix='IS').get('account_sid')

    def fetch(self, key):
        """The item with that key, or None when Twilio says there is none (or no map yet)."""
        url = self.url(key)
        found = self.client.fetch(url, absent_codes=(ITEM_NOT_FOUND, MAP_NOT_FOUND))
        return None if found is None else self._believe('GET', url, found, key)

    def items(self):
        """Every item of the map ([] when there is no map yet): one request for up to 100."""
        url = self.url()
        try:
            found = self.client.list_all(url, 'items', page_size=100)
        except TwilioApiError as exc:
            if exc.absent((MAP_NOT_FOUND,)):
                return []
            raise
        return [self._believe('GET', url, item) for item in found]

    @staticmethod
    def _form(data, ttl):
        text = encode(data)
        problem = data_problem(text)
        if problem:
            raise ValueError(problem)
        form = dict(Data=text)
        if ttl is not None:
            form['ItemTtl'] = str(max(0, min(int(ttl), TTL_LIMIT)))
        return form

    def _pace(self, form=None):
        # Every item's write counts against the map's rate: one rate class per map.
        large = form is not None and len(form['Data'].encode('utf-8')) > SMALL_OBJECT
        return ('sync map %s write' % self.name, WRITE_RATE_LARGE if large else WRITE_RATE_SMALL)

    def _make_map(self):
        url = self._service_url('/Maps')
        try:
            self.client.request('POST', url, form=dict(UniqueName=self.name), pace=self._pace())
        except TwilioApiError as exc:
            # Another run made it between our read and our write: it is there, as wanted.
            if not taken(exc):
                raise

    def create(self, key, data, ttl=None):
        """A new item (and the map, on the first); TwilioApiError with code KEY_TAKEN (409) when
        the key is taken."""
        form = self._form(data, ttl)
        form['Key'] = key
        url = self.url()
        try:
            answer = self.client.request('POST', url, form=form, pace=self._pace(form))
        except TwilioApiError as exc:
            if not exc.absent((MAP_NOT_FOUND,)):
                raise
            self._make_map()
            answer = self.client.request('POST', url, form=form, pace=self._pace(form))
        return self._believe('POST', url, answer, key)

    def update(self, key, data, revision, ttl=None):
        """The item rewritten, only if it still has that revision; TwilioApiError with code
        STALE_REVISION (412) when someone wrote it in between."""
        form = self._form(data, ttl)
        url = self.url(key)
        answer = self.client.request('POST', url, form=form, pace=self._pace(form), headers={'If-Match': revision})
        return self._believe('POST', url, answer, key)

    def delete(self, key, revision):
        """The item deleted, only if it still has that revision (Twilio documents If-Match on an
        item's delete, which a document's lacks)."""
        self.client.request('DELETE', self.url(key), pace=self._pace(), headers={'If-Match': revision})


def stale(exc):
    """Someone wrote the item since it was read (412 / 54205)."""
    return isinstance(exc, TwilioApiError) and exc.status == 412 and exc.code == STALE_REVISION


def taken(exc):
    """A key or a unique name that is taken (409 / 54208 for an item, 54301 for a map)."""
    return isinstance(exc, TwilioApiError) and exc.status == 409 and exc.code in (KEY_TAKEN, NAME_TAKEN)


def site_argument_spec():
    """The options naming a site's map (doc fragment twin: twilio_ops.flex.site)."""
    return dict(name=dict(type='str', required=True), sync_service_sid=dict(type='str'))


def site_problems(params):
    """What is wrong with the options of site_argument_spec."""
    found = []
    if name_problem(params['name']):
        found.append('name %s' % name_problem(params['name']))
    if service_problem(params['sync_service_sid']):
        found.append('sync_service_sid %s' % service_problem(params['sync_service_sid']))
    return found


def site_map(module):
    """The site's map, for a module built on site_argument_spec; its URL checked before any request."""
    found = SyncMap(module.client, module.params['sync_service_sid'], module.params['name'])
    found.url()
    return found


def service_problem(value):
    """Why a sync_service_sid option is unacceptable: an IS SID, or the name 'default'."""
    if value is None or value == DEFAULT_SERVICE:
        return None
    problem = sid_problem(value, 'IS')
    return problem and '%s %s' % (quoted(value), problem.replace('Chat Service', 'Service'))
