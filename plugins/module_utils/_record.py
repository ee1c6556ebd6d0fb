# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# PRIVATE: this module_utils file is internal to twilio_ops.flex and can change without notice.

"""A site's record in its Sync map (_sync.py): the addresses it manages by API and language, each
"made" or not, and the intents of runs that were about to create addresses.

Layout. The record is split over BUCKETS items per API, keyed record.<api>.<nn>, an address going
to the item its language hashes to. The hash never changes, so an address never moves from one
item to another: each conditional write of an item is a whole, and no run that dies between two
item writes can leave an address in neither. 32 items per API hold a first run of 2500 addresses
well under Sync's 16 KiB an item, and a site's map (both APIs' items and the lock) still fits one
list page of 100: a converged site reads its whole record in one request.

Every item carries the account SID it belongs to, which must be the one Twilio answers it with: a
record copied from another account is refused before anything is written.

Writes are merges, per address: a run sets and removes the addresses it knows about and keeps
every other, and a write that meets another run's in between (412) reads the item again and
merges again, so two writers never lose each other's entries.

Intents: before a run creates addresses it notes, per language, Twilio's time. A run that dies
after a create (Ctrl-C, kill -9, a failed record write) leaves its intents behind, and the next
run takes an address of that language created after its intent as made (webchat_addresses role,
plugin_utils/webchat_addresses_record.py)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import zlib

from ansible_collections.twilio_ops.flex.plugins.module_utils._errors import TwilioApiError
from ansible_collections.twilio_ops.flex.plugins.module_utils._lock import LOCK_KEY, Lease
from ansible_collections.twilio_ops.flex.plugins.module_utils._resolve import quoted
from ansible_collections.twilio_ops.flex.plugins.module_utils._sync import stale, taken

RECORD_FORMAT = 1
RECORD_PREFIX = 'record.'
BUCKETS = 32
# A write that keeps meeting other writers gives up after this many reads.
MERGE_ATTEMPTS = 5


class RecordError(Exception):
    """A record that must not be read or written (another account's, another format)."""


def bucket_key(api, language):
    return '%s%s.%02d' % (RECORD_PREFIX, api, zlib.crc32(language.encode('utf-8')) % BUCKETS)


def is_record_item(item):
    return item['key'].startswith(RECORD_PREFIX)


def believe_item(item, name):
    """A record item of the site `name`, as read; RecordError when it must not be believed (not
    this collection's format, or another account's)."""
    data = item['data']
    problem = None
    if data.get('format') != RECORD_FORMAT or not isinstance(data.get('addresses'), dict) or not isinstance(data.get('intents'), dict):
        problem = 'its item %s is not a record this collection wrote (format %s)' % (quoted(item['key']), RECORD_FORMAT)
    elif data.get('account_sid') != item.get('account_sid'):
        problem = ('its item %s says it belongs to the account %s, but Twilio keeps it in %s: it was copied from another account; '
                   'nothing was written' % (quoted(item['key']), data.get('account_sid'), item.get('account_sid')))
    if problem:
        raise RecordError('the record %s %s' % (quoted(name), problem))
    return item


def read_items(items, name):
    """The record kept in a map's items: {exists, account_sid, addresses, intents}, addresses as
    [{api, language, sid, made, ...}] and intents as [{api, language, since}], both sorted."""
    record = dict(exists=False, account_sid=None, addresses=[], intents=[])
    for item in sorted(items, key=lambda item: item['key']):
        if not is_record_item(item):
            continue
        data = believe_item(item, name)['data']
        record.update(exists=True, account_sid=data['account_sid'])
        api = data.get('api')
        record['addresses'].extend(dict(entry, api=api, language=language) for language, entry in sorted(data['addresses'].items()))
        record['intents'].extend(dict(api=api, language=language, since=since) for language, since in sorted(data['intents'].items()))
    record['addresses'].sort(key=lambda entry: (entry['api'], entry['language']))
    record['intents'].sort(key=lambda intent: (intent['api'], intent['language']))
    return record


def change_problems(params):
    """What is wrong with a change's lists (site_record's options): every entry names its api and
    language; an address has its sid and made, and other fields only as strings."""
    found = []
    for option in ('addresses', 'remove', 'intents', 'intents_done'):
        for entry in params[option]:
            if not (isinstance(entry.get('api'), str) and entry['api'] and isinstance(entry.get('language'), str) and entry['language']):
                found.append('%s: %s must have an api and a language' % (option, quoted(entry)))
            elif option == 'addresses' and not (isinstance(entry.get('sid'), str) and isinstance(entry.get('made'), bool) and all(
                    isinstance(value, str) for field, value in entry.items() if field != 'made')):
                found.append('addresses: %s must have a sid, made (true or false) and other fields as strings' % quoted(entry))
    return found


def read_site(site_map, name):
    """The site's record and its lock as they are, in one request (one more, for the account, when
    the site has no map yet): dict(record=read_items' with the account, lock=the lease or {})."""
    items = site_map.items()
    record = read_items(items, name)
    record['account_sid'] = (record['account_sid'] or next((item.get('account_sid') for item in items), None)
                             or site_map.service_account_sid())
    lock = next((item for item in items if item['key'] == LOCK_KEY), None)
    return dict(record=record, lock=Lease(site_map, None, 60).inspect(lock) or {})


class Change:
    """What a run changes in a record: addresses set ({api, language, sid, made, ...}) or
    removed ({api, language}), intents noted ({api, language}, at `now`) or done."""

    def __init__(self, addresses=(), remove=(), intents=(), intents_done=(), now=None):
        self.by_key = {}
        for entry in addresses:
            self._add(entry, 'set', dict((field, value) for field, value in entry.items() if field not in ('api', 'language')))
        for entry in remove:
            self._add(entry, 'remove', None)
        for entry in intents:
            self._add(entry, 'intend', now)
        for entry in intents_done:
            self._add(entry, 'done', None)

    def _add(self, entry, what, value):
        key = bucket_key(entry['api'], entry['language'])
        self.by_key.setdefault(key, []).append((what, entry['api'], entry['language'], value))

    def apply(self, key, data, name, account_sid):
        """The item's data with the change merged in (data: as read, or None for a new item)."""
        data = data or dict(format=RECORD_FORMAT, name=name, account_sid=account_sid, api=self.by_key[key][0][1], addresses={}, intents={})
        addresses, intents = dict(data['addresses']), dict(data['intents'])
        for what, _api, language, value in self.by_key[key]:
            if what == 'set':
                addresses[language] = value
                intents.pop(language, None)
            elif what == 'remove':
                addresses.pop(language, None)
                intents.pop(language, None)
            elif what == 'intend':
                intents[language] = value
            else:
                intents.pop(language, None)
        return dict(data, addresses=addresses, intents=intents)


def write(site_map, name, change, items, check_mode=False):
    """Merge a change into the record's items (items: the map's, as just read). Returns the keys
    written (or that would be, in check mode) and the map's items after. An item left with
    nothing is deleted."""
    current = dict((item['key'], item) for item in items)
    account_sid = next((item.get('account_sid') for item in items if item.get('account_sid')), None)
    written = []
    for key in sorted(change.by_key):
        for attempt in range(MERGE_ATTEMPTS):
            item = current.get(key) and believe_item(current[key], name)
            account_sid = account_sid or site_map.service_account_sid()
            data = change.apply(key, item and item['data'], name, account_sid)
            empty = not data['addresses'] and not data['intents']
            if (item is None and empty) or (item is not None and data == item['data']):
                break
            if check_mode:
                written.append(key)
                break
            try:
                if item is None:
                    current[key] = site_map.create(key, data)
                elif empty:
                    site_map.delete(key, item['revision'])
                    current.pop(key)
                else:
                    current[key] = site_map.update(key, data, item['revision'])
                written.append(key)
                break
            except TwilioApiError as exc:
                # Another run wrote the item since it was read: read it again and merge again.
                if not (stale(exc) or taken(exc)) or attempt == MERGE_ATTEMPTS - 1:
                    raise
                current[key] = site_map.fetch(key)
                if current[key] is None:
                    current.pop(key)
    return written, list(current.values())
