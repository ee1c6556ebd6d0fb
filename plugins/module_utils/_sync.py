# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# PRIVATE: this module_utils file is internal to twilio_ops.flex and can change without notice.

"""Twilio Sync Documents, where the collection keeps what must outlive a controller: a site's
record of the addresses it made, and the site's run lock (_lock.py). Every account has a Sync
service; the collection uses the one the user names or the account's default service.

What Twilio documents and what is inferred is in shared/research/sync-record.md: a document is
found by its unique name; an update can be made conditional on the revision read (If-Match,
refused with 412 / 54103 when someone wrote in between); a delete cannot; a taken unique name is
409 / 54301; a missing document 404 / 54100; data is a JSON object of at most 16 KiB."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import re
from urllib.parse import quote

from ansible_collections.twilio_ops.flex.plugins.module_utils._errors import NOT_FOUND_CODE, TwilioApiError
from ansible_collections.twilio_ops.flex.plugins.module_utils._resolve import quoted
from ansible_collections.twilio_ops.flex.plugins.module_utils._sid import sid_problem

DEFAULT_SERVICE = 'default'
DOCUMENT_NOT_FOUND = 54100
STALE_REVISION = 54103
NAME_TAKEN = 54301

# Sync's documented limits: a document's data (serialized JSON, UTF-8), a unique name's length
# (54302 says 1 to 256; the spec says 320: the smaller is kept), and a TTL (54011).
DATA_LIMIT = 16 * 1024
NAME_LIMIT = 256
TTL_LIMIT = 31536000

# Per-object write rates (Sync's limits page): 20 a second for small objects, down to 2 a second
# sustained for 10 KiB and more; between the two the lower rate is kept, to need no 429.
SMALL_OBJECT = 1024
WRITE_RATE_SMALL = 20
WRITE_RATE_LARGE = 2

# The unique names the collection gives its documents go into URL paths; Twilio documents no
# character set for them, so they keep to one that needs no encoding. A name like a SID would be
# taken for one (54302).
NAME_RE = re.compile(r'[A-Za-z0-9._-]+')
SID_LIKE_RE = re.compile(r'[A-Z]{2}[a-f0-9]{32}')


def name_problem(name):
    """Why name cannot be a document's unique name, or None."""
    if not isinstance(name, str) or not NAME_RE.fullmatch(name):
        return '%s must be letters, digits, ".", "_" and "-" only' % quoted(name)
    if len(name) > NAME_LIMIT:
        return 'is %d characters long; Twilio Sync allows at most %d' % (len(name), NAME_LIMIT)
    if SID_LIKE_RE.fullmatch(name):
        return '%s looks like a SID, which Twilio Sync refuses as a unique name' % quoted(name)
    return None


def encode(data):
    """A document's data as the form field Data carries it: compact JSON, keys sorted (so that the
    same record is the same text, and its size does not depend on the order it was built in)."""
    return json.dumps(data, sort_keys=True, separators=(',', ':'))


def data_problem(text):
    size = len(text.encode('utf-8'))
    if size > DATA_LIMIT:
        return 'is %d bytes of JSON; a Twilio Sync document holds at most %d (16 KiB)' % (size, DATA_LIMIT)
    return None


class SyncDocuments:
    """The documents of one Sync service, through the run's client: the service given by SID, or
    the account's default service, addressed as "default" in the path as Twilio's own samples
    and tools do (services('default')): no request is spent finding it."""

    product = 'sync'
    sid_prefix = 'ET'

    def __init__(self, client, service_sid=None):
        self.client = client
        self.service = service_sid or DEFAULT_SERVICE

    def url(self, name=None):
        base = self.client.url(self.product, '/v1/Services/%s/Documents' % quote(self.service, safe=''))
        return base if name is None else '%s/%s' % (base, quote(name, safe=''))

    def _believe(self, method, url, body):
        document = self.client.believe(method, url, body, self.sid_prefix)
        if not isinstance(document.get('revision'), str) or not isinstance(document.get('data'), dict):
            raise self.client.shape_error(method, url, 'a Sync document with a revision and a JSON object as data')
        return document

    def fetch(self, name):
        """The document with that unique name, or None when Twilio says there is none."""
        url = self.url(name)
        found = self.client.fetch(url, sid_prefix=self.sid_prefix, absent_codes=(NOT_FOUND_CODE, DOCUMENT_NOT_FOUND))
        return None if found is None else self._believe('GET', url, found)

    @staticmethod
    def _form(data, ttl):
        text = encode(data)
        problem = data_problem(text)
        if problem:
            raise ValueError(problem)
        form = dict(Data=text)
        if ttl is not None:
            form['Ttl'] = str(max(0, min(int(ttl), TTL_LIMIT)))
        return form

    def _pace(self, name, form):
        rate = WRITE_RATE_SMALL if len(form['Data'].encode('utf-8')) <= SMALL_OBJECT else WRITE_RATE_LARGE
        return ('sync document %s write' % name, rate)

    def create(self, name, data, ttl=None):
        """A new document; TwilioApiError with code NAME_TAKEN (409) when the name is taken."""
        form = self._form(data, ttl)
        form['UniqueName'] = name
        url = self.url()
        return self._believe('POST', url, self.client.request('POST', url, form=form, pace=self._pace(name, form)))

    def update(self, name, data, revision, ttl=None):
        """The document rewritten, only if it still has that revision; TwilioApiError with code
        STALE_REVISION (412) when someone wrote it in between."""
        form = self._form(data, ttl)
        url = self.url(name)
        answer = self.client.request('POST', url, form=form, pace=self._pace(name, form), headers={'If-Match': revision})
        return self._believe('POST', url, answer)


def stale(exc):
    return isinstance(exc, TwilioApiError) and exc.status == 412 and exc.code == STALE_REVISION


def taken(exc):
    return isinstance(exc, TwilioApiError) and exc.status == 409 and exc.code == NAME_TAKEN


def service_problem(value):
    """Why a sync_service_sid option is unacceptable: an IS SID, or the name 'default'."""
    if value is None or value == DEFAULT_SERVICE:
        return None
    problem = sid_problem(value, 'IS')
    return problem and '%s %s' % (quoted(value), problem.replace('Chat Service', 'Service'))
