# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# PRIVATE: this module_utils file is internal to twilio_ops.flex and can change without notice.

"""HTTP client for Twilio's REST APIs: connection options, authentication, bounded retries,
pacing inside documented rate limits, pagination, and the checks that make only Twilio's own
answers count. Every request a module sends goes through TwilioClient."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import email.utils
import random
import sys
import time
import traceback
from urllib.parse import urlsplit

from ansible.module_utils.basic import missing_required_lib
from ansible_collections.twilio_ops.flex.plugins.module_utils._errors import NOT_FOUND_CODE, TwilioApiError, _ask
from ansible_collections.twilio_ops.flex.plugins.module_utils._connection import credential_sid_problem, unpaired_api_key
from ansible_collections.twilio_ops.flex.plugins.module_utils._products import PRODUCTS_BY_KEY, base_url, origin, plain_http_warning, url_problem
from ansible_collections.twilio_ops.flex.plugins.module_utils._resolve import quoted
from ansible_collections.twilio_ops.flex.plugins.module_utils._sid import SID_TYPES, sid_problem

try:
    import requests
    import urllib3
except ImportError:
    HAS_REQUESTS = False
    REQUESTS_IMPORT_ERROR = traceback.format_exc()
else:
    HAS_REQUESTS = True
    REQUESTS_IMPORT_ERROR = None

# First backoff step and its ceiling, in seconds, when the server sends no Retry-After.
BACKOFF_BASE = 1.0
BACKOFF_CAP = 10.0

# Pacing keeps this much above the documented minimum interval between two requests of a rate
# class: the server counts arrivals, and two requests sent 1/rate apart may arrive a little closer.
PACING_MARGIN = 1.05

# Indirections so unit tests can replay retries, pacing and waiting for a lease (_lock) without waiting.
_sleep = time.sleep
_monotonic = time.monotonic


def _transport_kind(exc):
    if isinstance(exc, requests.exceptions.SSLError):
        return 'tls'
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return 'connect-timeout'
    if isinstance(exc, requests.exceptions.Timeout):
        return 'timeout'
    if _refused_or_unresolved(exc):
        return 'unreachable'
    return 'connection'


def _refused_or_unresolved(exc):
    """Whether a connection error means nothing could be sent at all: the connection was refused
    or the host name does not resolve (urllib3's NewConnectionError and its NameResolutionError),
    as opposed to a connection that broke while a request was under way."""
    seen = 0
    while exc is not None and seen < 8:
        if isinstance(exc, (urllib3.exceptions.NewConnectionError, ConnectionRefusedError)):
            return True
        nested = getattr(exc, 'reason', None)
        if not isinstance(nested, BaseException):
            nested = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else exc.__cause__ or exc.__context__
        exc, seen = nested, seen + 1
    return False


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


def _json_body(method, path, response, hint):
    if not response.content:
        return None
    try:
        return response.json()
    except ValueError:
        raise TwilioApiError(method, path, status=response.status_code, hint=hint,
                             message='the answer is not JSON (Content-Type %s)%s' % (response.headers.get('Content-Type'), _ask(hint)))


class TwilioClient:
    """One requests.Session per module run, Basic auth, bounded retries, pacing and pagination."""

    def __init__(self, module):
        if not HAS_REQUESTS:
            module.fail_json(msg=missing_required_lib('requests'), exception=REQUESTS_IMPORT_ERROR)
        self.module = module
        params = module.params
        self.account_sid = params['account_sid'] or None
        self.timeout = params['timeout']
        self.retry_timeout = params['retry_timeout']
        self.retries = []
        # The account SID as Twilio's answers give it, for predictions when credentials do not say.
        self.seen_account_sid = None
        self.server_date = None
        self._base_urls = {}
        self._last_sent = {}
        self.session = requests.Session()
        self.session.auth = self._credentials()
        # Passed with every request: a session-level verify loses to REQUESTS_CA_BUNDLE and
        # CURL_CA_BUNDLE in requests, which would silently override validate_certs=false.
        self.verify = params['validate_certs']
        self.session.headers.update({
            'Accept': 'application/json',
            'User-Agent': 'twilio_ops.flex (Ansible module %s; Python %s)' % (module._name, sys.version.split()[0]),
        })

    # -- credentials -----------------------------------------------------------------------

    def _source(self, option):
        """Where a connection option's value came from, for messages that must not show it."""
        return self.module.sources.get(option, 'the option %s' % option)

    def _credentials(self):
        """Basic-auth pair: an API key and secret when given (they win over an auth token, as in
        the Twilio CLI), else the account SID and auth token. The secrets never appear in
        messages, and neither does a value that may be one (a token pasted into account_sid)."""
        params = self.module.params
        if params['timeout'] <= 0:
            self.module.fail_json(msg='timeout must be a positive number of seconds, got %s' % params['timeout'])
        if params['retry_timeout'] < 0:
            self.module.fail_json(msg='retry_timeout must be 0 (no retries) or more seconds, got %s' % params['retry_timeout'])
        if self.account_sid is not None:
            self._check_credential('account_sid')
        if params['api_key'] or params['api_secret']:
            if unpaired_api_key(params['api_key'], params['api_secret']):
                self.module.fail_json(msg='api_key and api_secret go together: set both (or TWILIO_API_KEY and TWILIO_API_SECRET)')
            self._check_credential('api_key')
            self.credential_pair = 'api_key (from %s) with api_secret (from %s)' % (self._source('api_key'), self._source('api_secret'))
            return (params['api_key'], params['api_secret'])
        if not params['auth_token']:
            self.module.fail_json(msg='No Twilio credentials: set account_sid and auth_token, or api_key and api_secret '
                                      '(or the environment variables TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN, '
                                      'or TWILIO_API_KEY and TWILIO_API_SECRET)')
        if not self.account_sid:
            self.module.fail_json(msg='auth_token needs account_sid (or TWILIO_ACCOUNT_SID)')
        self.credential_pair = 'account_sid (from %s) with auth_token (from %s)' % (self._source('account_sid'), self._source('auth_token'))
        return (self.account_sid, params['auth_token'])

    def _check_credential(self, option):
        problem = credential_sid_problem(option, self.module.params[option])
        if problem:
            # It may be a secret pasted into the wrong option: keep it out of the whole result
            # (the invocation included), as Ansible keeps no_log options.
            if len(self.module.params[option]) >= 8:
                self.module.no_log_values.add(self.module.params[option])
            source = self._source(option)
            where = '' if source.startswith('the option') else ' (from %s)' % source
            self.module.fail_json(msg='%s%s %s' % (option, where, problem))

    # -- base URLs -------------------------------------------------------------------------

    def base_url(self, product_key):
        """The product's base URL (the option's, else Twilio's on the host edge and region choose),
        checked the first time a request needs it: an option a module never uses cannot fail it."""
        if product_key not in self._base_urls:
            product = PRODUCTS_BY_KEY[product_key]
            params = self.module.params
            value = base_url(params.get(product.option), product, params.get('edge'), params.get('region'))
            problem = url_problem(value, product.default)
            if problem:
                self.module.fail_json(msg='%s %s %s' % (product.option, quoted(value), problem))
            warning = plain_http_warning(product.option, value)
            if warning:
                self.module.warn(warning)
            self._base_urls[product_key] = value
        return self._base_urls[product_key]

    def url(self, product_key, path):
        return self.base_url(product_key) + path

    def _hint(self, url):
        """The question a message asks when an answer is not Twilio's: is the product's URL right?
        The product is the one whose base URL the request's URL starts with (the longest); when
        several products were given the same base URL, the question names them all; when edge and
        region built it, the question is about them."""
        bases = [value for value in self._base_urls.values() if url.startswith(value)]
        if not bases:
            return 'is the API URL right?'
        base = max(bases, key=len)
        products = [PRODUCTS_BY_KEY[key] for key, value in self._base_urls.items() if value == base]
        if base != products[0].default and not any((self.module.params.get(product.option) or '').strip() for product in products):
            return 'are edge and region right (%s is built from them)?' % base
        options = ' or '.join(product.option for product in products)
        defaults = ' and '.join(product.default for product in products)
        return 'is %s right (%s; Twilio\'s %s %s)?' % (options, base, 'is' if len(products) == 1 else 'are', defaults)

    # -- requests --------------------------------------------------------------------------

    def pace(self, rate_class, per_second):
        """Wait, if needed, so that requests of one rate class stay under per_second (Twilio's
        documented limit): a normal run never needs a 429 to slow down."""
        if not per_second:
            return
        interval = PACING_MARGIN / per_second
        last = self._last_sent.get(rate_class)
        now = _monotonic()
        if last is not None and now - last < interval:
            _sleep(interval - (now - last))
            now = _monotonic()
        self._last_sent[rate_class] = now

    def request(self, method, url, params=None, form=None, recover=None, pace=None, headers=None):
        """Send one API call, retrying what is safe to retry until retry_timeout is spent.

        recover: for a create, a function called after an ambiguous failure (5xx, timeout, dropped
        connection), before any retry; it looks the object up and returns it when the create was
        in fact applied, so a committed create is never sent twice.
        pace: (rate class, requests per second) for endpoints with a documented rate limit.
        headers: extra request headers (Sync's If-Match).
        Returns the decoded JSON body (None for 204)."""
        path = urlsplit(url).path
        hint = self._hint(url)
        deadline = _monotonic() + self.retry_timeout
        attempt = 0
        extra = dict(headers=headers) if headers else {}
        while True:
            attempt += 1
            response = None
            if pace:
                self.pace(*pace)
            try:
                response = self.session.request(method, url, params=params, data=form, timeout=self.timeout,
                                                verify=self.verify, allow_redirects=False, **extra)
            except requests.exceptions.RequestException as exc:
                kind = _transport_kind(exc)
                if kind == 'unreachable':
                    message = 'could not connect to %s (connection refused, or the host name does not resolve); %s' % (
                        '%s://%s' % urlsplit(url)[:2], hint)
                elif kind in ('timeout', 'connect-timeout'):
                    message = '%s (timeout %ss): %s' % (exc.__class__.__name__, self.timeout, exc)
                else:
                    message = '%s: %s' % (exc.__class__.__name__, exc)
                error = TwilioApiError(method, path, message=message, transport=kind, hint=hint)
            else:
                # Twilio's clock, for what must not depend on the controller's (a lease's expiry).
                self.server_date = response.headers.get('Date') or self.server_date
                if 200 <= response.status_code < 300:
                    return _json_body(method, path, response, hint)
                if response.status_code < 400:
                    # Redirects are not followed (they would carry the credentials elsewhere).
                    raise TwilioApiError(method, path, status=response.status_code, hint=hint,
                                         message='redirected to %s; %s' % (response.headers.get('Location'), hint))
                error = TwilioApiError.from_response(method, path, response, hint)
                if response.status_code == 401:
                    error.message = '%s: Twilio refused %s; check that they belong together (the secret is not shown)' % (
                        error.message, self.credential_pair)
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

    def fetch(self, url, pace=None, sid_prefix=None, required_key=None, absent_codes=(NOT_FOUND_CODE,)):
        """One resource by URL, or None when Twilio says it does not exist (404 with one of
        absent_codes, 20404 unless the product has its own). Any other answer must have the shape
        believe() checks."""
        try:
            body = self.request('GET', url, pace=pace)
        except TwilioApiError as exc:
            if exc.absent(absent_codes):
                return None
            raise
        return self.believe('GET', url, body, sid_prefix, required_key)

    def believe(self, method, url, body, sid_prefix=None, required_key=None):
        """body, when it has the shape of what Twilio answers there: a JSON object; with sid_prefix,
        one whose sid is a SID of that type (a resource); with required_key, one that has that key (a
        configuration). Anything else (an empty answer to a write, a proxy's page, another
        product's object) is an error that asks whether the URL is right, never a result."""
        ok = isinstance(body, dict) and (sid_prefix is None or sid_problem(body.get('sid'), sid_prefix) is None) \
            and (required_key is None or required_key in body)
        if not ok:
            expected = 'a JSON object'
            if sid_prefix:
                expected += ' with a %s SID (%s...)' % (SID_TYPES.get(sid_prefix, sid_prefix), sid_prefix)
            if required_key:
                expected += ' with the key %s' % required_key
            raise self.shape_error(method, url, expected)
        self._note_account(body)
        return body

    def _note_account(self, record):
        sid = record.get('account_sid')
        if self.seen_account_sid is None and isinstance(sid, str) and not sid_problem(sid, 'AC'):
            self.seen_account_sid = sid

    def shape_error(self, method, url, expected=None, found=None):
        """An answer that is not Twilio's: not of the shape expected, or (found) not about what was asked."""
        what = found or 'the answer is not %s as Twilio sends' % expected
        return TwilioApiError(method, urlsplit(url).path, message='%s; %s' % (what, self._hint(url)))

    def list_all(self, url, key, params=None, page_size=1000, pace=None, sid_prefix=None):
        """Every record of a list endpoint: page_size records a request (the largest the endpoint
        takes), then meta.next_page_url verbatim (it carries the PageToken). Each page must have
        Twilio's shape ({key: [objects], meta: {...}}, each object with a sid of type sid_prefix
        when one is given) before any record is believed, and every
        page is read before anything is called absent: that is what prevents duplicates in
        accounts with more than one page of objects."""
        query = dict(params or {})
        query['PageSize'] = page_size
        home = origin(url)
        records = []
        while url:
            page = self.request('GET', url, params=query, pace=pace)
            if not (isinstance(page, dict) and isinstance(page.get(key), list) and all(isinstance(item, dict) for item in page[key])
                    and isinstance(page.get('meta'), dict)):
                raise self.shape_error('GET', url, 'a list page ({"%s": [objects], "meta": {...}})' % key)
            if sid_prefix and any(sid_problem(item.get('sid'), sid_prefix) for item in page[key]):
                raise self.shape_error('GET', url, 'a list page of objects each with a %s SID (%s...)' % (
                    SID_TYPES.get(sid_prefix, sid_prefix), sid_prefix))
            records.extend(page[key])
            for record in page[key][:1]:
                self._note_account(record)
            next_url = page['meta'].get('next_page_url')
            if next_url is not None and not isinstance(next_url, str):
                raise self.shape_error('GET', url, 'a list page whose meta.next_page_url is a URL or null')
            if next_url and origin(next_url) != home:
                # Never send credentials to a server other than the one configured.
                raise TwilioApiError('GET', urlsplit(next_url).path, message='Twilio returned a next page on another server (%s://%s); '
                                     'refusing to follow it' % urlsplit(next_url)[:2])
            url, query = next_url, None
        return records
