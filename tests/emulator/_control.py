# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Test-side state of the emulator: the request log, injected faults, the in-flight limit and the clock.

Each keeps its own small lock, separate from the store's, and none is held while a request sleeps.
"""

import copy
import re
import threading
import time

from _values import timestamp_now

FAULT_KEYS = ('method', 'path', 'status', 'count', 'retry_after', 'after_commit', 'delay')
CLOCK_KEYS = ('advance', 'sync_expiry_grace')
DEFAULT_SYNC_EXPIRY_GRACE = 5.0


def _flatten(values):
    """name -> value for names sent once, name -> [values] for names sent more than once."""
    return dict((name, sent[0] if len(sent) == 1 else list(sent)) for name, sent in values.items())


class RequestLog:
    """Every API request served, in arrival order: {method, path, query, form, status}.

    An entry is added when the request arrives and gets its status when it is answered (0 for a
    dropped connection); a request still in flight shows status null. Nothing from the headers
    is kept, so credentials never reach the log.
    """

    def __init__(self):
        self._lock = threading.Lock()
        self._entries = []

    def open(self, method, path, query, form):
        entry = {'method': method, 'path': path, 'query': _flatten(query), 'form': _flatten(form), 'status': None}
        with self._lock:
            self._entries.append(entry)
        return entry

    def close(self, entry, status):
        with self._lock:
            entry['status'] = status

    def entries(self):
        with self._lock:
            return copy.deepcopy(self._entries)

    def clear(self):
        with self._lock:
            del self._entries[:]


def _check_keys(spec, what, kind, known):
    """A hook request (`what`) must be a JSON object with only `known` (`kind`) keys; ValueError otherwise."""
    if not isinstance(spec, dict):
        raise ValueError('{0} is a JSON object'.format(what))
    unknown = sorted(set(spec) - set(known))
    if unknown:
        raise ValueError('unknown {0} keys: {1} (known: {2})'.format(kind, ', '.join(unknown), ', '.join(known)))


def _optional_number(spec, key, default, kinds):
    value = spec.get(key, default)
    if isinstance(value, bool) or not isinstance(value, kinds) or value < 0:
        raise ValueError('{0} must be a non-negative number, got {1!r}'.format(key, value))
    return value


class FaultRule:
    """One rule posted to /__emulator__/faults, checked when it is posted."""

    def __init__(self, spec):
        _check_keys(spec, 'a fault rule', 'fault', FAULT_KEYS)
        self.method = spec.get('method')
        self.path = spec.get('path')
        if self.method is not None:
            if not isinstance(self.method, str):
                raise ValueError('method must be a string, got {0!r}'.format(self.method))
            self.method = self.method.upper()
        self.pattern = None
        if self.path is not None:
            try:
                self.pattern = re.compile(self.path)
            except (TypeError, re.error) as error:
                raise ValueError('path must be a regular expression: {0}'.format(error)) from None
        status = spec.get('status')
        if isinstance(status, bool) or not isinstance(status, int) or not (status == 0 or 200 <= status <= 599):
            raise ValueError('status must be 0 (drop the connection) or an HTTP status 200..599, got {0!r}'.format(status))
        self.status = status
        if 'count' not in spec:
            raise ValueError('count is required (0 removes the rule)')
        self.count = _optional_number(spec, 'count', None, int)
        self.retry_after = None if spec.get('retry_after') is None else _optional_number(spec, 'retry_after', None, int)
        self.delay = _optional_number(spec, 'delay', 0, (int, float))
        self.after_commit = spec.get('after_commit', False)
        if not isinstance(self.after_commit, bool):
            raise ValueError('after_commit must be true or false, got {0!r}'.format(self.after_commit))

    @property
    def key(self):
        """A rule is identified by its method and path; posting the same pair again replaces it."""
        return (self.method, self.path)

    @property
    def processes_request(self):
        """Whether the request is carried out before the fault is answered: after_commit, or a
        2xx status, which only delays the real answer."""
        return self.after_commit or 200 <= self.status < 300

    def matches(self, method, path):
        return (self.method is None or self.method == method) and (self.path is None or self.pattern.search(path) is not None)

    def to_json(self):
        return {'method': self.method, 'path': self.path, 'status': self.status, 'count': self.count,
                'retry_after': self.retry_after, 'after_commit': self.after_commit, 'delay': self.delay}


class FaultRules:
    """The active fault rules, in the order they were first posted."""

    def __init__(self):
        self._lock = threading.Lock()
        self._rules = []

    def post(self, spec):
        """Add, replace or (count 0) remove a rule; returns the active rules. ValueError if invalid."""
        rule = FaultRule(spec)
        with self._lock:
            index = next((i for i, known in enumerate(self._rules) if known.key == rule.key), None)
            if rule.count == 0:
                if index is not None:
                    del self._rules[index]
            elif index is None:
                self._rules.append(rule)
            else:
                self._rules[index] = rule
            return [known.to_json() for known in self._rules]

    def active(self):
        with self._lock:
            return [rule.to_json() for rule in self._rules]

    def take(self, method, path):
        """The first rule matching this request, with one use consumed; None when none matches."""
        with self._lock:
            for index, rule in enumerate(self._rules):
                if rule.matches(method, path):
                    rule.count -= 1
                    if rule.count == 0:
                        del self._rules[index]
                    return copy.copy(rule)
        return None

    def clear(self):
        with self._lock:
            del self._rules[:]


class InFlightLimiter:
    """At most `limit` API requests in flight (None: no limit)."""

    def __init__(self, limit=None):
        self._lock = threading.Lock()
        self._limit = limit
        self._count = 0

    def acquire(self):
        """Take a slot; False when all are taken (the request is then refused, not queued)."""
        with self._lock:
            if self._limit is not None and self._count >= self._limit:
                return False
            self._count += 1
            return True

    def release(self):
        with self._lock:
            self._count -= 1


class Clock:
    """The emulator's time: the real time plus an offset that only ever grows, moved forward by the
    /__emulator__/clock hook so tests need not sleep. Sync timestamps and expiry, and the
    --twilio-limits windows, read it.

    It also holds how long an expired Sync document stays before it is removed
    (`sync_expiry_grace`, seconds): Twilio removes expired objects only approximately on time.
    """

    def __init__(self, sync_expiry_grace=DEFAULT_SYNC_EXPIRY_GRACE):
        self._lock = threading.Lock()
        self._offset = 0.0
        self._initial_grace = sync_expiry_grace
        self.sync_expiry_grace = sync_expiry_grace

    def time(self):
        """Seconds since the epoch, as the emulator sees them."""
        with self._lock:
            return time.time() + self._offset

    def monotonic(self):
        """A monotonic clock that moves forward with the offset too."""
        with self._lock:
            return time.monotonic() + self._offset

    def post(self, spec):
        """Apply a hook request {"advance"?, "sync_expiry_grace"?}; ValueError if invalid."""
        _check_keys(spec, 'a clock request', 'clock', CLOCK_KEYS)
        advance = _optional_number(spec, 'advance', 0, (int, float))
        grace = _optional_number(spec, 'sync_expiry_grace', self.sync_expiry_grace, (int, float))
        with self._lock:
            self._offset += advance
            self.sync_expiry_grace = grace

    def to_json(self):
        with self._lock:
            offset = self._offset
        return {'offset': offset, 'now': timestamp_now(time.time() + offset), 'sync_expiry_grace': self.sync_expiry_grace}

    def reset(self):
        """Back to the real time and the grace the emulator was started with."""
        with self._lock:
            self._offset = 0.0
            self.sync_expiry_grace = self._initial_grace
