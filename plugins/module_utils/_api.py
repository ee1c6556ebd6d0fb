# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# PRIVATE: this module_utils file is internal to twilio_ops.flex and can change without notice.

"""HTTP client for Twilio's REST APIs: connection options, authentication, bounded retries,
pagination and Twilio error bodies. Every request a module sends goes through TwilioClient."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import email.utils
import random
import sys
import time
import traceback
from urllib.parse import urlsplit

from ansible.module_utils.basic import env_fallback, missing_required_lib
from ansible_collections.twilio_ops.flex.plugins.module_utils._sid import sid_problem

try:
    import requests
except ImportError:
    HAS_REQUESTS = False
    REQUESTS_IMPORT_ERROR = traceback.format_exc()
else:
    HAS_REQUESTS = True
    REQUESTS_IMPORT_ERROR = None

# Statuses worth another attempt. Twilio documents 429 (code 20429) as "not processed, safe to
# retry after backing off"; 502/503/504 come from Twilio's edge when a backend is unavailable.
RETRY_STATUSES = frozenset((429, 502, 503, 504))

# Largest page the list endpoints accept; fewer pages means fewer requests and fewer 429s.
MAX_PAGE_SIZE = 1000

# First backoff step and its ceiling, in seconds, when the server sends no Retry-After.
BACKOFF_BASE = 1.0
BACKOFF_CAP = 10.0

# Indirections so unit tests can replay retries without waiting.
_sleep = time.sleep
_monotonic = time.monotonic


def connection_argument_spec():
    """Options every module of the collection takes to reach Twilio (documented by the
    twilio_ops.flex.connection doc fragment)."""
    return dict(
        account_sid=dict(type='str', fallback=(env_fallback, ['TWILIO_ACCOUNT_SID'])),
        auth_token=dict(type='str', no_log=True, fallback=(env_fallback, ['TWILIO_AUTH_TOKEN'])),
        api_key=dict(type='str', no_log=False, fallback=(env_fallback, ['TWILIO_API_KEY'])),
        api_secret=dict(type='str', no_log=True, fallback=(env_fallback, ['TWILIO_API_SECRET'])),
        flex_api_url=dict(type='str', default='https://flex-api.twilio.com', fallback=(env_fallback, ['TWILIO_FLEX_API_URL'])),
        studio_api_url=dict(type='str', default='https://studio.twilio.com', fallback=(env_fallback, ['TWILIO_STUDIO_API_URL'])),
        validate_certs=dict(type='bool', default=True),
        timeout=dict(type='float', default=30.0),
        retry_timeout=dict(type='float', default=60.0),
    )


class TwilioApiError(Exception):
    """A request that did not succeed: an HTTP error answer, or no answer at all."""

    def __init__(self, method, path, status=None, code=None, message=None, more_info=None, transport=None):
        self.method = method
        self.path = path
        self.status = status
        self.code = code
        self.message = message
        self.more_info = more_info
        self.transport = transport
        super(TwilioApiError, self).__init__(self.describe())

    def __str__(self):
        # The message can gain detail after construction (how many attempts were made).
        return self.describe()

    @classmethod
    def from_response(cls, method, path, response):
        """Read Twilio's error body: the legacy {code, message, more_info, status} form, or the
        RFC 9457 form newer services use ({title, detail, code, ...}); fall back to the status."""
        try:
            body = response.json()
        except ValueError:
            body = None
        if not isinstance(body, dict):
            body = {}
        message = body.get('message') or body.get('detail') or body.get('title') or response.reason
        return cls(method, path, status=response.status_code, code=body.get('code'), message=message,
                   more_info=body.get('more_info') or body.get('type'))

    @property
    def ambiguous(self):
        """True when a write may have been applied although no success came back."""
        if self.transport is not None:
            return self.transport not in ('connect-timeout', 'tls')
        return self.status is not None and self.status >= 500

    @property
    def retryable(self):
        # A certificate that fails verification will fail again: say so at once.
        if self.transport is not None:
            return self.transport != 'tls'
        return self.status in RETRY_STATUSES

    def describe(self):
        if self.transport is not None:
            return '%s %s failed: %s' % (self.method, self.path, self.message)
        text = '%s %s answered HTTP %s' % (self.method, self.path, self.status)
        if self.code is not None:
            text += ', Twilio error %s' % self.code
        if self.message:
            text += ': %s' % self.message
        if self.more_info:
            text += ' (more info: %s)' % self.more_info
        return text

    def as_result(self):
        """The error as a result field, so playbooks can branch on the code."""
        return dict(status=self.status, code=self.code, message=self.message, more_info=self.more_info,
                    method=self.method, path=self.path)


def _transport_kind(exc):
    if isinstance(exc, requests.exceptions.SSLError):
        return 'tls'
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return 'connect-timeout'
    if isinstance(exc, requests.exceptions.Timeout):
        return 'timeout'
    return 'connection'


def _retry_after_seconds(response):
    """Seconds the server asked us to wait (integer or HTTP-date form), or None."""
    value = response.headers.get('Retry-After') if response is not None else None
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _json_body(method, path, response):
    if not response.content:
        return None
    try:
        return response.json()
    except ValueError:
        raise TwilioApiError(method, path, status=response.status_code,
                             message='the answer is not JSON (Content-Type %s); is the API URL right?' % response.headers.get('Content-Type'))


def _is_loopback(host):
    return host in ('localhost', '::1') or host.startswith('127.')


class TwilioClient:
    """One requests.Session per module run, Basic auth, bounded retries and pagination."""

    def __init__(self, module):
        if not HAS_REQUESTS:
            module.fail_json(msg=missing_required_lib('requests'), exception=REQUESTS_IMPORT_ERROR)
        self.module = module
        params = module.params
        self.account_sid = params['account_sid']
        self.timeout = params['timeout']
        self.retry_timeout = params['retry_timeout']
        self.retries = []
        self.base_urls = dict(flex=self._base_url('flex_api_url'), studio=self._base_url('studio_api_url'))
        self.session = requests.Session()
        self.session.auth = self._credentials()
        # Passed with every request: a session-level verify loses to REQUESTS_CA_BUNDLE and
        # CURL_CA_BUNDLE in requests, which would silently override validate_certs=false.
        self.verify = params['validate_certs']
        self.session.headers.update({
            'Accept': 'application/json',
            'User-Agent': 'twilio_ops.flex (Ansible module %s; Python %s)' % (module._name, sys.version.split()[0]),
        })

    def _credentials(self):
        """Basic-auth pair: an API key and secret when given (they win over an auth token, as in
        the Twilio CLI), else the account SID and auth token. The secrets never appear in messages."""
        params = self.module.params
        if params['timeout'] <= 0:
            self.module.fail_json(msg='timeout must be a positive number of seconds, got %s' % params['timeout'])
        if params['retry_timeout'] < 0:
            self.module.fail_json(msg='retry_timeout must be 0 (no retries) or more seconds, got %s' % params['retry_timeout'])
        if self.account_sid is not None:
            check_sid(self.module, 'account_sid', self.account_sid, 'AC', echo=False)
        if params['api_key'] or params['api_secret']:
            if not (params['api_key'] and params['api_secret']):
                self.module.fail_json(msg='api_key and api_secret go together: set both (or TWILIO_API_KEY and TWILIO_API_SECRET)')
            check_sid(self.module, 'api_key', params['api_key'], 'SK', echo=False)
            return (params['api_key'], params['api_secret'])
        if not params['auth_token']:
            self.module.fail_json(msg='No Twilio credentials: set account_sid and auth_token, or api_key and api_secret '
                                      '(or the environment variables TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN, '
                                      'or TWILIO_API_KEY and TWILIO_API_SECRET)')
        if not self.account_sid:
            self.module.fail_json(msg='auth_token needs account_sid (or TWILIO_ACCOUNT_SID)')
        return (self.account_sid, params['auth_token'])

    def _base_url(self, option):
        value = (self.module.params[option] or '').rstrip('/')
        parts = urlsplit(value)
        if parts.scheme not in ('http', 'https') or not parts.hostname or parts.query or parts.fragment:
            self.module.fail_json(msg='%s must be an http(s) URL such as https://flex-api.twilio.com, got %r' % (option, value))
        if parts.scheme == 'http' and not _is_loopback(parts.hostname):
            self.module.warn('%s uses plain http to %s: credentials cross the network unencrypted' % (option, parts.hostname))
        return value

    def url(self, product, path):
        return self.base_urls[product] + path

    def request(self, method, url, params=None, form=None, recover=None):
        """Send one API call, retrying what is safe to retry until retry_timeout is spent.

        recover: for a create, a function called after an ambiguous failure (5xx, timeout, dropped
        connection), before any retry; it looks the object up and returns it when the create was
        in fact applied, so a committed create is never sent twice.
        Returns the decoded JSON body (None for 204)."""
        path = urlsplit(url).path
        deadline = _monotonic() + self.retry_timeout
        attempt = 0
        while True:
            attempt += 1
            response = None
            try:
                response = self.session.request(method, url, params=params, data=form, timeout=self.timeout,
                                                verify=self.verify, allow_redirects=False)
            except requests.exceptions.RequestException as exc:
                error = TwilioApiError(method, path, message='%s (timeout %ss): %s' % (exc.__class__.__name__, self.timeout, exc),
                                       transport=_transport_kind(exc))
            else:
                if 200 <= response.status_code < 300:
                    return _json_body(method, path, response)
                if response.status_code < 400:
                    # Redirects are not followed (they would carry the credentials elsewhere).
                    raise TwilioApiError(method, path, status=response.status_code,
                                         message='redirected to %s: is the API URL right?' % response.headers.get('Location'))
                error = TwilioApiError.from_response(method, path, response)
            if recover is not None and error.ambiguous:
                found = recover()
                if found is not None:
                    self._record(method, path, error, 0.0, 'the create had been applied; found it by lookup')
                    return found
            if not error.retryable:
                raise error
            wait = _retry_after_seconds(response)
            if wait is None:
                wait = min(BACKOFF_CAP, BACKOFF_BASE * 2 ** (attempt - 1)) * random.uniform(0.5, 1.0)
            if _monotonic() + wait > deadline:
                error.message = '%s; gave up after %d attempt(s) within retry_timeout=%ss' % (error.message, attempt, self.retry_timeout)
                raise error
            self._record(method, path, error, wait, 'retrying')
            _sleep(wait)

    def _record(self, method, path, error, wait, outcome):
        reason = error.transport or error.status
        self.retries.append(dict(method=method, path=path, reason=reason, wait=round(wait, 2), outcome=outcome))
        self.module.warn('Twilio %s %s: %s; %s%s' % (method, path, reason, outcome, ' in %.1fs' % wait if wait else ''))

    def list_all(self, url, key, params=None):
        """Every record of a list endpoint: PageSize 1000, then meta.next_page_url verbatim (it
        carries the PageToken). Reading every page before deciding "absent" is what prevents
        duplicates in accounts with more than one page of objects."""
        query = dict(params or {})
        query['PageSize'] = MAX_PAGE_SIZE
        origin = urlsplit(url)[:2]
        records = []
        while url:
            page = self.request('GET', url, params=query)
            records.extend(page.get(key) or [])
            url = (page.get('meta') or {}).get('next_page_url')
            query = None
            if url and urlsplit(url)[:2] != origin:
                # Never send credentials to a host other than the one configured.
                self.module.fail_json(msg='Twilio returned a next page on another host (%s); refusing to follow it' % urlsplit(url).netloc)
        return records


def run_read(module, read):
    """Exit a read-only module with the fields read(client) returns, or fail with the API error;
    either way with the retries the reads needed."""
    client = TwilioClient(module)
    try:
        found = read(client)
    except TwilioApiError as exc:
        module.fail_json(msg=str(exc), error=exc.as_result(), retries=client.retries)
    module.exit_json(changed=False, retries=client.retries, **found)


def check_sid(module, option, value, prefix, echo=True):
    """Fail before any request when value is not a SID of the expected resource type. Credential
    options pass echo=False: a secret pasted into the wrong option must not reach the output."""
    problem = sid_problem(value, prefix)
    if problem:
        module.fail_json(msg='%s %s%s' % (option, '%r ' % (value,) if echo else '', problem))
