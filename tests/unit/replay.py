# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Replay HTTP for the modules' unit tests, in the manner of community.internal_test_tools'
FetchUrlCall, but for `requests`: a test lists every request the module must send, in order, with
the answer each one gets. Any other request, a request out of order, or an expected request that
is never sent fails the test. Sleeps and the clock of the retry loop are faked, so retry tests
run instantly and always take the same path."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import contextlib
import http.client
import os
import random
from json import dumps
from unittest import mock

import requests
from requests.structures import CaseInsensitiveDict

from ansible.module_utils import basic
from ansible_collections.twilio_ops.flex.plugins.module_utils import _api

try:
    # ansible-core 2.19 and later: the supported way to hand a module its arguments.
    from ansible.module_utils.testing import patch_module_args
except ImportError:
    # ansible-core 2.18 has no helper; basic._ANSIBLE_ARGS is what AnsibleModule reads instead of stdin.
    patch_module_args = None

# Where the fake monotonic clock starts; any value works, a large one catches code that assumes 0.
CLOCK_START = 1000.0

# Seed of the backoff jitter, so a retry without Retry-After always waits the same time.
JITTER_SEED = 20260101


class AnsibleExitJson(Exception):
    """What exit_json raises instead of printing and exiting, carrying the result."""

    def __init__(self, result):
        super(AnsibleExitJson, self).__init__('exit_json(%r)' % (result,))
        self.result = result


class AnsibleFailJson(Exception):
    """What fail_json raises instead of printing and exiting, carrying the result."""

    def __init__(self, result):
        super(AnsibleFailJson, self).__init__('fail_json(%r)' % (result,))
        self.result = result


class Call:
    """One request the module must send next, and the answer it gets.

    method, url, params, form: what the request must be, compared exactly (params and form are
    the dicts the module passes to requests; None when it passes none).
    sent_headers: the extra request headers it must send (Sync's If-Match), compared exactly; None
    when it sends none.
    status, json, headers: the answer; json=None gives an empty body (as for a 204).
    content: raw bytes instead of JSON, to answer with something that is not JSON.
    raises: a requests exception instance to raise instead of answering.
    """

    def __init__(self, method, url, params=None, form=None, status=200, json=None, headers=None, raises=None, content=None,
                 sent_headers=None):
        self.method = method
        self.sent_headers = sent_headers
        self.url = url
        self.params = params
        self.form = form
        self.status = status
        self.json = json
        self.headers = headers or {}
        self.raises = raises
        self.content = content

    def __repr__(self):
        return 'Call(%r, %r, params=%r, form=%r, sent_headers=%r)' % (self.method, self.url, self.params, self.form, self.sent_headers)

    def matches(self, method, url, params, form, headers=None):
        return (method, url, params, form, headers) == (self.method, self.url, self.params, self.form, self.sent_headers)

    def answer(self, method, url):
        if self.raises is not None:
            raise self.raises
        response = requests.Response()
        response.status_code = self.status
        response.reason = http.client.responses.get(self.status, 'Unknown')
        response.url = url
        response.encoding = 'utf-8'
        headers = CaseInsensitiveDict()
        if self.content is not None:
            body = self.content
            headers['Content-Type'] = 'text/html; charset=utf-8'
        elif self.json is not None:
            body = dumps(self.json).encode('utf-8')
            headers['Content-Type'] = 'application/json; charset=utf-8'
        else:
            body = b''
        headers['Content-Length'] = str(len(body))
        headers.update(self.headers)
        response.headers = headers
        # requests keeps the body in _content; setting it is how a Response is built without a socket.
        response._content = body  # pylint: disable=protected-access
        response.request = requests.Request(method, url).prepare()
        return response


class FakeSession:
    """Stands in for requests.Session: keeps what the client configures (auth, headers) and
    answers request() from the replay's script."""

    def __init__(self, replay):
        self.replay = replay
        self.auth = None
        self.headers = CaseInsensitiveDict()
        replay.sessions.append(self)

    def request(self, method, url, params=None, data=None, timeout=None, verify=None, allow_redirects=True, **kwargs):
        return self.replay.handle(method, url, params, data, timeout, verify, allow_redirects, kwargs)

    def close(self):
        """Nothing to release; present because real sessions have it."""


class _Jitter:
    """Replaces the random module inside _api: seeded, and records each uniform() call."""

    def __init__(self, uniform=None):
        self.calls = []
        self._uniform = uniform or random.Random(JITTER_SEED).uniform

    def uniform(self, low, high):
        value = self._uniform(low, high)
        self.calls.append((low, high, value))
        return value


@contextlib.contextmanager
def _module_args(args):
    if patch_module_args is not None:
        with patch_module_args(args):
            yield
    else:
        with mock.patch.object(basic, '_ANSIBLE_ARGS', dumps({'ANSIBLE_MODULE_ARGS': args}).encode('utf-8')):
            yield


class Replay:
    """One module run against a scripted list of Calls.

    uniform: stands in for random.uniform in the backoff (default: a seeded generator).
    env: environment variables for the run; every other TWILIO_* variable is removed.

    After run(): requests (every request sent, as dicts), sleeps (the waits asked for), warnings
    (module.warn messages), sessions (the FakeSessions created), jitter.calls (backoff draws)."""

    def __init__(self, calls, uniform=None, env=None):
        self.expected = list(calls)
        self.env = dict(env or {})
        self.position = 0
        self.requests = []
        self.sleeps = []
        self.warnings = []
        self.sessions = []
        self.errors = []
        self.now = CLOCK_START
        self.jitter = _Jitter(uniform)

    @property
    def session(self):
        assert len(self.sessions) == 1, 'expected one requests.Session, the module created %d' % len(self.sessions)
        return self.sessions[0]

    @property
    def remaining(self):
        return self.expected[self.position:]

    def handle(self, method, url, params, form, timeout, verify, allow_redirects, extra):
        number = len(self.requests) + 1
        headers = extra.pop('headers', None)
        self.requests.append(dict(method=method, url=url, params=params, form=form, timeout=timeout, verify=verify,
                                  allow_redirects=allow_redirects, headers=headers))
        problem = None
        if extra:
            problem = 'request #%d passed unexpected keyword arguments %r' % (number, extra)
        elif not isinstance(verify, bool):
            # A session-level verify loses to REQUESTS_CA_BUNDLE in requests: it must travel with each request.
            problem = 'request #%d did not pass verify=True/False explicitly' % number
        elif allow_redirects is not False:
            # The client refuses redirects so that credentials never follow one to another host.
            problem = 'request #%d did not pass allow_redirects=False' % number
        elif self.position >= len(self.expected):
            problem = 'unexpected request #%d %s %s params=%r form=%r: all %d expected calls were already answered' % (
                number, method, url, params, form, len(self.expected))
        elif not self.expected[self.position].matches(method, url, params, form, headers):
            problem = 'request #%d differs from the script.\n  expected: %r\n  sent:     %s %s params=%r form=%r sent_headers=%r' % (
                number, self.expected[self.position], method, url, params, form, headers)
        if problem:
            # Recorded as well as raised: the module must not be able to swallow the failure.
            self.errors.append(problem)
            raise AssertionError(problem)
        call = self.expected[self.position]
        self.position += 1
        return call.answer(method, url)

    def _sleep(self, seconds):
        self.sleeps.append(seconds)
        self.now += seconds

    def _monotonic(self):
        return self.now

    def run(self, module_main, args, check_mode=False, diff=False):
        """Run module_main with args; returns (result, failed)."""
        module_args = dict(args)
        module_args.setdefault('_ansible_module_name', module_main.__module__.rsplit('.', 1)[-1])
        if check_mode:
            module_args['_ansible_check_mode'] = True
        if diff:
            module_args['_ansible_diff'] = True
        replay = self

        def exit_json(module, **kwargs):
            raise AnsibleExitJson(kwargs)

        def fail_json(module, msg=None, **kwargs):
            kwargs['failed'] = True
            kwargs['msg'] = msg
            raise AnsibleFailJson(kwargs)

        def warn(module, warning, **kwargs):
            replay.warnings.append(warning)

        with contextlib.ExitStack() as stack:
            stack.enter_context(_module_args(module_args))
            # The host's TWILIO_* variables would feed the options' env fallbacks and change the test.
            stack.enter_context(mock.patch.dict(os.environ))
            for name in [name for name in os.environ if name.startswith('TWILIO_')]:
                del os.environ[name]
            os.environ.update(self.env)
            stack.enter_context(mock.patch.object(basic.AnsibleModule, 'exit_json', exit_json))
            stack.enter_context(mock.patch.object(basic.AnsibleModule, 'fail_json', fail_json))
            stack.enter_context(mock.patch.object(basic.AnsibleModule, 'warn', warn))
            stack.enter_context(mock.patch.object(_api.requests, 'Session', lambda: FakeSession(replay)))
            stack.enter_context(mock.patch.object(_api, '_sleep', self._sleep))
            stack.enter_context(mock.patch.object(_api, '_monotonic', self._monotonic))
            stack.enter_context(mock.patch.object(_api, 'random', self.jitter))
            outcome = None
            try:
                module_main()
            except AnsibleExitJson as exc:
                outcome = (exc.result, False)
            except AnsibleFailJson as exc:
                outcome = (exc.result, True)
            if outcome is None:
                raise AssertionError('the module returned without calling exit_json or fail_json')
        result, failed = outcome
        if self.errors:
            raise AssertionError('the module sent requests the script did not expect:\n' + '\n'.join(self.errors))
        if self.remaining:
            raise AssertionError('the module ended (%s) before sending %d expected call(s): %r\nresult: %r' % (
                'failed' if failed else 'ok', len(self.remaining), self.remaining, result))
        return result, failed


def in_controller(module, args, replay, check_mode=False, diff=False):
    """module's main() as its action plugin runs it in the controller's process (plugins/
    plugin_utils/controller_run.py), for Replay.run: its warnings go where a module's go."""
    # Here, not at the top: the modules' own tests may import only what a module may.
    from ansible_collections.twilio_ops.flex.plugins.plugin_utils.controller_run import ControllerRun, Exited  # pylint: disable=import-outside-toplevel

    name = module.__name__.rsplit('.', 1)[-1]

    def main():
        try:
            module.main(make=lambda **kwargs: ControllerRun(name, dict(args), check_mode, diff, **kwargs))
        except Exited as exc:
            result = dict(exc.result)
            replay.warnings.extend(result.pop('warnings', []))
            raise (AnsibleFailJson if result.get('failed') else AnsibleExitJson)(result)
        raise AssertionError('%s ended without a result' % name)

    main.__module__ = module.__name__
    return main


def run_module(module_main, args, calls, check_mode=False, diff=False):
    """Run a module against the scripted calls; returns (result, failed). Use Replay directly to
    inspect the sleeps, warnings and session of the run as well."""
    return Replay(calls).run(module_main, args, check_mode=check_mode, diff=diff)
