# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The account's resources, in memory and optionally in a JSON state file.

One lock guards the whole store: callers hold `Store.lock` around every access, and never while
sleeping. With a state file, every write is saved atomically (a temporary file renamed over the
old one) before it is answered, so a restart finds exactly what clients were told.
"""

import json
import os
import tempfile
import threading

from _routing import collection_names
from _seed import IDENTITY_PREFIXES, conversations_configuration, fresh_account, new_identity

# Format 2 added the Conversations configuration. A format 1 file is still read: it gets the
# fresh account's Conversations configuration, and is written back as format 2 on the next save.
# A new collection needs no new format: a file without it (any format) loads it empty.
STATE_FORMAT = 2
READABLE_FORMATS = (1, 2)


class StateError(Exception):
    """The state file cannot be used."""


class Collection:
    """The records of one resource family, in creation order."""

    def __init__(self):
        self.records = {}
        # Creation number of every SID ever stored here, kept after deletion so that a page token
        # anchored on a deleted record still says where its page starts.
        self.sequence = {}

    def numbered(self, predicate=lambda record: True):
        """(creation number, record) for every record that satisfies `predicate`, oldest first."""
        return [(self.sequence[sid], record) for sid, record in self.records.items() if predicate(record)]

    def to_json(self):
        return {'records': list(self.records.values()), 'sequence': self.sequence}

    @classmethod
    def from_json(cls, data):
        collection = cls()
        collection.sequence = dict((str(sid), int(number)) for sid, number in data['sequence'].items())
        for record in data['records']:
            if record['sid'] not in collection.sequence:
                raise StateError('record {0} has no creation number'.format(record['sid']))
            collection.records[record['sid']] = record
        return collection


class Store:
    """The Flex and Conversations configuration singletons plus one collection per collection
    family (_routing.collection_names(): Flex Flows, Studio flows, address configurations, ...) of
    one account."""

    def __init__(self, account_sid, state_path=None):
        self.lock = threading.Lock()
        self.account_sid = account_sid
        self.state_path = state_path
        self.identity = None
        self.configuration = None                 # Flex (flex-api /v1/Configuration)
        self.conversations_configuration = None   # Conversations (/v1/Configuration)
        self.collections = {}
        self.next_number = 1
        if state_path and os.path.exists(state_path):
            self._load()
        else:
            self.identity = new_identity()
            self.reset()

    def reset(self):
        """Back to the fresh account (same identity), saved when a state file is used."""
        account = fresh_account(self.account_sid, self.identity)
        self.configuration = account['configuration']
        self.conversations_configuration = account['conversations_configuration']
        self.collections = dict((name, Collection()) for name in collection_names())
        self.next_number = 1
        for name in collection_names():
            # The seed (_seed.fresh_account) has the records a fresh account starts with; a
            # collection it does not name starts empty.
            for record in account.get(name, ()):
                self.add(name, record)
        self.save()

    def add(self, collection, record):
        """Store a new record; its creation number orders lists and page tokens."""
        target = self.collections[collection]
        target.records[record['sid']] = record
        target.sequence[record['sid']] = self.next_number
        self.next_number += 1

    def save(self):
        """Write the state file, if any, atomically."""
        if not self.state_path:
            return
        state = {
            'format': STATE_FORMAT,
            'account_sid': self.account_sid,
            'identity': self.identity,
            'configuration': self.configuration,
            'conversations_configuration': self.conversations_configuration,
            'next_number': self.next_number,
            'collections': dict((name, collection.to_json()) for name, collection in self.collections.items()),
        }
        directory = os.path.dirname(os.path.abspath(self.state_path))
        handle, temporary = tempfile.mkstemp(prefix='.flex-emulator-', suffix='.json', dir=directory)
        try:
            with os.fdopen(handle, 'w') as stream:
                json.dump(state, stream, indent=2, sort_keys=True)
                stream.flush()
                os.fsync(stream.fileno())
            os.replace(temporary, self.state_path)
        except BaseException:
            os.unlink(temporary)
            raise

    def _load(self):
        try:
            with open(self.state_path) as stream:
                state = json.load(stream)
            if state.get('format') not in READABLE_FORMATS:
                raise StateError('unknown format {0!r} (expected one of {1})'.format(
                    state.get('format'), ', '.join(str(known) for known in READABLE_FORMATS)))
            if state['account_sid'] != self.account_sid:
                raise StateError('it belongs to account {0}, not {1}'.format(state['account_sid'], self.account_sid))
            identity = state['identity']
            missing = sorted(set(IDENTITY_PREFIXES) - set(identity))
            if missing:
                raise StateError('its identity lacks {0}'.format(', '.join(missing)))
            if state['format'] == 1:
                state['conversations_configuration'] = conversations_configuration(self.account_sid, identity)
            self.identity = identity
            self.configuration = state['configuration']
            self.conversations_configuration = state['conversations_configuration']
            self.next_number = int(state['next_number'])
            # A collection the file does not have (it was written before its family existed) is empty.
            saved = state['collections']
            self.collections = dict((name, Collection.from_json(saved[name]) if name in saved else Collection())
                                    for name in collection_names())
        except StateError as error:
            raise StateError('state file {0}: {1}'.format(self.state_path, error)) from None
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
            raise StateError('state file {0} is not usable: {1!r}'.format(self.state_path, error)) from None
