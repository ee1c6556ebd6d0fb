# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# PRIVATE: this module_utils file is internal to twilio_ops.flex and can change without notice.

"""A site's run lock: a lease kept in the site's Sync map (_sync.py) in its own account, so that
two runs on one site (two operators, two Automation Platform jobs) never converge it at once.

The map's item LOCK_KEY holds who holds the lease, since when and until when. Its expiry is
judged from that data by Twilio's clock (the Date of Twilio's answers), never by Sync's TTL, which
expires items only approximately: the TTL only cleans up. Every write is conditional on the
revision read (If-Match), and a release is a conditional write of the state "released" rather
than a delete, so that the last holder stays on show (the fleet report shows it) and a release
needs no more rights than a take.

  acquire: read it; absent -> create it; released or expired -> take it over; held -> wait (with
           backoff, up to the timeout), then fail naming the holder
  renew:   a conditional write that moves the expiry (the lease's revision must be unchanged)
  release: a conditional write of "released"
  force:   release a dead controller's lease, named by its id (as Terraform's force-unlock)"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime
import uuid

from ansible_collections.twilio_ops.flex.plugins.module_utils import _api
from ansible_collections.twilio_ops.flex.plugins.module_utils._errors import TwilioApiError
from ansible_collections.twilio_ops.flex.plugins.module_utils._resolve import quoted
from ansible_collections.twilio_ops.flex.plugins.module_utils._sync import iso, parse_iso, stale, taken, twilio_time

LOCK_KEY = 'lock'

# Waiting for a held lease: 1 s, doubling to 16 s, as Terraform's lock retries. Waiters need no
# jitter: whoever writes first wins the conditional write, the other reads again.
WAIT_BASE = 1.0
WAIT_CAP = 16.0

# Sync's TTL only removes leases nobody released (a controller that died), long after they expired.
CLEANUP_AFTER = 86400


class LockError(Exception):
    """A lease that cannot be had or kept; the message names the holder."""


def describe(data):
    """A lease's holder as messages show it."""
    holder = data.get('holder') or {}
    return 'lock %s held by %s@%s (playbook %s) since %s, until %s' % (
        data.get('lock_id'), holder.get('user'), holder.get('host'), quoted(holder.get('playbook')), data.get('since'),
        data.get('expires_at'))


class Lease:
    """The run lock of one site, in its map (a _sync.SyncMap)."""

    def __init__(self, site_map, holder, lease_seconds):
        self.map = site_map
        self.name = LOCK_KEY
        self.holder = holder
        self.lease_seconds = int(lease_seconds)

    def now(self):
        return twilio_time(self.map.client)

    def expired(self, data):
        until = parse_iso(data.get('expires_at'))
        return until is None or self.now() >= until

    def free(self, data):
        return data.get('state') != 'held' or self.expired(data)

    def _held(self, lock_id=None, since=None):
        now = self.now()
        return dict(lock_id=lock_id or uuid.uuid4().hex, state='held', holder=self.holder, since=since or iso(now),
                    expires_at=iso(now + datetime.timedelta(seconds=self.lease_seconds)), lease_seconds=self.lease_seconds)

    def _ttl(self):
        return max(2 * self.lease_seconds, CLEANUP_AFTER)

    @staticmethod
    def _result(item, **extra):
        lock = dict(item['data'], revision=item['revision'], map_sid=item.get('map_sid'),
                    service_sid=item.get('service_sid'), account_sid=item.get('account_sid'))
        lock.update(extra)
        return lock

    def inspect(self, item=False):
        """The lease as it is (None when there is none), with 'free'; item: its item, when
        already read (a read of the whole map)."""
        item = self.map.fetch(self.name) if item is False else item
        if item is None:
            return None
        return self._result(item, free=self.free(item['data']))

    def acquire(self, timeout):
        """Hold the lease: returns it, with waited (seconds) and taken_over (the expired lease it
        replaced, if any). LockError names the holder when it stays held past timeout."""
        started = _api._monotonic()
        # What the run spent waiting for the holder (its own requests not counted).
        slept = 0.0
        attempt = 0
        while True:
            item = self.map.fetch(self.name)
            try:
                if item is None:
                    created = self.map.create(self.name, self._held(), ttl=self._ttl())
                    return self._result(created, waited=round(slept, 1), taken_over=None)
                data = item['data']
                if self.free(data):
                    previous = data if data.get('state') == 'held' else None
                    updated = self.map.update(self.name, self._held(), item['revision'], ttl=self._ttl())
                    return self._result(updated, waited=round(slept, 1), taken_over=previous)
            except TwilioApiError as exc:
                # Another run created or took it between our read and our write: read it again.
                if not (taken(exc) or stale(exc)):
                    raise
                continue
            attempt += 1
            waited = _api._monotonic() - started
            # The last wait is cut short so that the last look comes at the timeout.
            wait = min(WAIT_CAP, WAIT_BASE * 2 ** (attempt - 1), timeout - waited)
            if wait <= 0:
                raise LockError('the site is locked: %s; waited %.0f s (lock_timeout %s s). If that run is dead, free the lock '
                                'with force_unlock: %s' % (describe(data), waited, timeout, data.get('lock_id')))
            _api._sleep(wait)
            slept += wait

    def renew(self, lock):
        """Move the expiry of a lease we hold (lock: as acquire returned it) lease_seconds ahead of
        Twilio's time, read first with the lease itself (which must still be ours, unchanged)."""
        current = self.inspect()
        if current is None or current['lock_id'] != lock['lock_id'] or current['revision'] != lock['revision']:
            raise LockError('lost the lock %s: %s' % (lock['lock_id'], self._lost(lock, current)))
        data = self._held(lock_id=lock['lock_id'], since=lock.get('since'))
        try:
            return self._result(self.map.update(self.name, data, lock['revision'], ttl=self._ttl()))
        except TwilioApiError as exc:
            if not stale(exc):
                raise
        raise LockError('lost the lock %s: %s' % (lock['lock_id'], self._lost(lock)))

    def _lost(self, lock, current=False):
        current = self.inspect() if current is False else current
        if current is None:
            return 'its item was deleted'
        if current.get('lock_id') != lock['lock_id']:
            return 'it expired and was taken over (%s)' % describe(current)
        return 'it was written by someone else since (revision %s, not %s)' % (current['revision'], lock['revision'])

    def release(self, lock):
        """Release a lease we hold. Returns (released lease, warning or None): a lease that was
        taken over after it expired is left to its new holder."""
        # The lease as it was, marked released: releasing needs no clock.
        data = dict((key, lock.get(key)) for key in ('lock_id', 'holder', 'since', 'expires_at', 'lease_seconds'))
        data['state'] = 'released'
        try:
            return self._result(self.map.update(self.name, data, lock['revision'], ttl=CLEANUP_AFTER)), None
        except TwilioApiError as exc:
            if not stale(exc):
                raise
        return None, 'the lock %s was not released: %s' % (lock['lock_id'], self._lost(lock))

    def force_unlock(self, lock_id):
        """Release the lease with that id, whoever holds it (a dead controller's). Returns the
        released lease, or None when it is no longer held; LockError when another lease holds it."""
        item = self.map.fetch(self.name)
        data = item['data'] if item else {}
        if data.get('state') != 'held':
            return None
        if data.get('lock_id') != lock_id:
            raise LockError('force_unlock %s refused: the site is locked by another lease, %s' % (quoted(lock_id), describe(data)))
        released = dict(data, state='released', forced=True)
        return self._result(self.map.update(self.name, released, item['revision'], ttl=CLEANUP_AFTER))
