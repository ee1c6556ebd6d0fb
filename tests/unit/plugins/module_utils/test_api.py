# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""_api: Twilio error bodies, Retry-After, SID checks, the connection options, and the client's
retry loop (driven through flex_configuration_info, the module with a single request)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import email.utils
import time

import pytest

from ansible_collections.twilio_ops.flex.plugins.module_utils import _api
from ansible_collections.twilio_ops.flex.plugins.module_utils._api import (
    TwilioApiError,
    check_sid,
    connection_argument_spec,
)
from ansible_collections.twilio_ops.flex.plugins.module_utils._sid import sid_problem
from ansible_collections.twilio_ops.flex.plugins.modules import flex_configuration_info
from ansible_collections.twilio_ops.flex.tests.unit.canned import (
    ACCOUNT_SID,
    API_KEY,
    API_SECRET,
    AUTH_TOKEN,
    CONFIGURATION,
    CONNECTION,
    FLOW_SID,
    configuration,
    get_configuration,
    twilio_error,
)
from ansible_collections.twilio_ops.flex.tests.unit.replay import Call, Replay


def response(status, json=None, headers=None, content=None):
    """A real requests.Response, built the way the replay builds its answers."""
    return Call('GET', CONFIGURATION, status=status, json=json, headers=headers, content=content).answer('GET', CONFIGURATION)


# -- TwilioApiError ----------------------------------------------------------------------------


def test_error_from_legacy_body():
    error = TwilioApiError.from_response('GET', '/v1/FlexFlows/FOx', response(404, twilio_error(404, 20404, 'Not found')))

    assert (error.status, error.code, error.message) == (404, 20404, 'Not found')
    assert error.more_info == 'https://www.twilio.com/docs/errors/20404'
    assert str(error) == 'GET /v1/FlexFlows/FOx answered HTTP 404, Twilio error 20404: Not found (more info: https://www.twilio.com/docs/errors/20404)'
    assert error.as_result() == dict(status=404, code=20404, message='Not found', more_info='https://www.twilio.com/docs/errors/20404',
                                     method='GET', path='/v1/FlexFlows/FOx')


def test_error_from_rfc9457_body():
    body = dict(type='https://www.twilio.com/docs/api/errors/20001', title='Bad Request', detail='FriendlyName is required',
                status=400, code=20001)
    error = TwilioApiError.from_response('POST', '/v1/FlexFlows', response(400, body))

    assert error.message == 'FriendlyName is required'
    assert error.code == 20001
    assert error.more_info == 'https://www.twilio.com/docs/api/errors/20001'


def test_error_from_rfc9457_body_with_title_only():
    error = TwilioApiError.from_response('POST', '/v1/FlexFlows', response(409, dict(title='Conflict', status=409)))

    assert error.message == 'Conflict'
    assert error.code is None


@pytest.mark.parametrize('answer', [
    response(502, content=b'<html>Bad gateway</html>'),
    response(502),
    response(502, json=['not', 'an', 'object']),
])
def test_error_without_a_usable_body_falls_back_to_the_reason(answer):
    error = TwilioApiError.from_response('GET', '/v1/Configuration', answer)

    assert (error.status, error.code, error.message, error.more_info) == (502, None, 'Bad Gateway', None)
    assert str(error) == 'GET /v1/Configuration answered HTTP 502: Bad Gateway'


def test_transport_error_description():
    error = TwilioApiError('GET', '/v1/Configuration', message='ReadTimeout (timeout 30.0s)', transport='timeout')

    assert str(error) == 'GET /v1/Configuration failed: ReadTimeout (timeout 30.0s)'
    assert error.as_result()['status'] is None


@pytest.mark.parametrize('status, transport, ambiguous, retryable', [
    (400, None, False, False),
    (401, None, False, False),
    (404, None, False, False),
    (429, None, False, True),
    (500, None, True, False),
    (502, None, True, True),
    (503, None, True, True),
    (504, None, True, True),
    (None, 'connect-timeout', False, True),
    (None, 'timeout', True, True),
    (None, 'connection', True, True),
])
def test_error_classification(status, transport, ambiguous, retryable):
    error = TwilioApiError('POST', '/v1/FlexFlows', status=status, message='x', transport=transport)

    assert error.ambiguous is ambiguous
    assert error.retryable is retryable


def test_error_str_follows_later_changes_to_the_message():
    # The retry loop rewrites error.message when it gives up; str() is what modules report.
    error = TwilioApiError('GET', '/v1/FlexFlows', status=503, code=20503, message='Service Unavailable')
    error.message = 'Service Unavailable; gave up after 3 attempt(s) within retry_timeout=5.0s'

    assert 'gave up after 3 attempt(s)' in str(error)


# -- Retry-After ---------------------------------------------------------------------------------


@pytest.mark.parametrize('headers, expected', [
    ({'Retry-After': '2'}, 2.0),
    ({'Retry-After': ' 7 '}, 7.0),
    ({'Retry-After': '0'}, 0.0),
    ({'retry-after': '5'}, 5.0),
    ({'Retry-After': 'soon'}, None),
    ({'Retry-After': ''}, None),
    ({}, None),
])
def test_retry_after_seconds(headers, expected):
    assert _api._retry_after_seconds(response(429, headers=headers)) == expected


def test_retry_after_http_date():
    later = email.utils.formatdate(time.time() + 30, usegmt=True)
    wait = _api._retry_after_seconds(response(503, headers={'Retry-After': later}))

    assert 28.0 <= wait <= 30.5


def test_retry_after_http_date_in_the_past_is_zero():
    earlier = email.utils.formatdate(time.time() - 3600, usegmt=True)

    assert _api._retry_after_seconds(response(503, headers={'Retry-After': earlier})) == 0.0


def test_retry_after_without_a_response():
    assert _api._retry_after_seconds(None) is None


# -- SIDs ----------------------------------------------------------------------------------------


@pytest.mark.parametrize('value, prefix, expected', [
    (FLOW_SID, 'FO', None),
    ('FO0123456789ABCDEF0123456789ABCDEF', 'FO', None),
    ('FO123', 'FO', 'is not a Flex Flow SID (FO followed by 32 hex digits)'),
    ('fo11111111111111111111111111111111', 'FO', 'is not a Flex Flow SID (FO followed by 32 hex digits)'),
    ('FO1111111111111111111111111111111g', 'FO', 'is not a Flex Flow SID (FO followed by 32 hex digits)'),
    ('FWaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'FO', 'is a Studio Flow SID, expected a Flex Flow SID (FO followed by 32 hex digits)'),
    ('ZZaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'FO', 'is not a Flex Flow SID (FO followed by 32 hex digits)'),
    (None, 'FO', 'is not a Flex Flow SID (FO followed by 32 hex digits)'),
    (12, 'IS', 'is not a Chat Service SID (IS followed by 32 hex digits)'),
])
def test_sid_problem(value, prefix, expected):
    assert sid_problem(value, prefix) == expected


@pytest.mark.parametrize('suffix', ['\n', ' ', '\t'])
def test_sid_problem_rejects_trailing_whitespace(suffix):
    # A SID from a YAML block scalar ends in a newline; it must not pass and end up in a URL.
    assert sid_problem(FLOW_SID + suffix, 'FO') is not None


class _Failed(Exception):
    pass


class _FailingModule:
    def fail_json(self, msg, **kwargs):
        raise _Failed(msg)


def test_check_sid_echoes_the_value_only_when_asked():
    with pytest.raises(_Failed) as shown:
        check_sid(_FailingModule(), 'sid', 'FO123', 'FO')
    with pytest.raises(_Failed) as hidden:
        check_sid(_FailingModule(), 'api_key', 'S3cr3t-pasted-here', 'SK', echo=False)

    assert str(shown.value) == "sid 'FO123' is not a Flex Flow SID (FO followed by 32 hex digits)"
    assert str(hidden.value).startswith('api_key is not a')
    assert str(hidden.value).endswith('API Key SID (SK followed by 32 hex digits)')
    assert 'S3cr3t' not in str(hidden.value)


def test_check_sid_passes_a_good_sid():
    assert check_sid(_FailingModule(), 'sid', FLOW_SID, 'FO') is None


# -- connection options --------------------------------------------------------------------------


def test_connection_argument_spec_hides_the_secrets():
    spec = connection_argument_spec()

    assert spec['auth_token']['no_log'] is True
    assert spec['api_secret']['no_log'] is True
    assert spec['api_key']['no_log'] is False
    assert spec['flex_api_url']['default'] == 'https://flex-api.twilio.com'
    assert spec['studio_api_url']['default'] == 'https://studio.twilio.com'
    assert spec['validate_certs'] == dict(type='bool', default=True)
    assert spec['timeout'] == dict(type='float', default=30.0)
    assert spec['retry_timeout'] == dict(type='float', default=60.0)
    fallbacks = dict((name, option['fallback'][1]) for name, option in spec.items() if 'fallback' in option)
    assert fallbacks == dict(
        account_sid=['TWILIO_ACCOUNT_SID'], auth_token=['TWILIO_AUTH_TOKEN'], api_key=['TWILIO_API_KEY'],
        api_secret=['TWILIO_API_SECRET'], flex_api_url=['TWILIO_FLEX_API_URL'], studio_api_url=['TWILIO_STUDIO_API_URL'])


def test_environment_supplies_the_connection():
    env = dict(TWILIO_ACCOUNT_SID=ACCOUNT_SID, TWILIO_AUTH_TOKEN=AUTH_TOKEN, TWILIO_FLEX_API_URL='https://env.example.test')
    replay = Replay([Call('GET', 'https://env.example.test/v1/Configuration', json=configuration())], env=env)
    result, failed = replay.run(flex_configuration_info.main, {})

    assert not failed, result
    assert replay.session.auth == (ACCOUNT_SID, AUTH_TOKEN)
    assert AUTH_TOKEN not in repr(result)


def test_environment_api_key():
    env = dict(TWILIO_API_KEY=API_KEY, TWILIO_API_SECRET=API_SECRET, TWILIO_FLEX_API_URL=CONNECTION['flex_api_url'])
    replay = Replay([get_configuration()], env=env)
    result, failed = replay.run(flex_configuration_info.main, {})

    assert not failed, result
    assert replay.session.auth == (API_KEY, API_SECRET)


def test_options_win_over_the_environment():
    env = dict(TWILIO_FLEX_API_URL='https://env.example.test', TWILIO_AUTH_TOKEN='other-token')
    replay = Replay([get_configuration()], env=env)
    result, failed = replay.run(flex_configuration_info.main, dict(CONNECTION))

    assert not failed, result
    assert replay.session.auth == (ACCOUNT_SID, AUTH_TOKEN)


def test_default_base_url_is_twilio():
    replay = Replay([Call('GET', 'https://flex-api.twilio.com/v1/Configuration', json=configuration())])
    result, failed = replay.run(flex_configuration_info.main, dict(account_sid=ACCOUNT_SID, auth_token=AUTH_TOKEN))

    assert not failed, result
    assert replay.requests[0]['timeout'] == 30.0


# -- the retry loop --------------------------------------------------------------------------------


def run_configuration(calls, uniform=None, **args):
    replay = Replay(calls, uniform=uniform)
    result, failed = replay.run(flex_configuration_info.main, dict(CONNECTION, **args))
    return result, failed, replay


UNAVAILABLE = Call('GET', CONFIGURATION, status=503, json=twilio_error(503, 20503, 'Service Unavailable'))


def test_backoff_is_capped_at_ten_seconds():
    # Largest jitter: 1, 2, 4, 8, then the 10 s cap; 35 s spent, another 10 would pass 40.
    result, failed, replay = run_configuration([UNAVAILABLE] * 7, uniform=lambda low, high: high, retry_timeout=40)

    assert failed
    assert replay.sleeps == [1.0, 2.0, 4.0, 8.0, 10.0, 10.0]
    assert len(result['retries']) == 6


def test_backoff_jitter_draws_between_half_and_full_step():
    result, failed, replay = run_configuration([UNAVAILABLE] * 3 + [get_configuration()])

    assert not failed, result
    assert [(low, high) for low, high, dummy in replay.jitter.calls] == [(0.5, 1.0)] * 3
    for step, wait in zip((1.0, 2.0, 4.0), replay.sleeps):
        assert step * 0.5 <= wait <= step


def test_retry_after_http_date_is_honoured():
    later = email.utils.formatdate(time.time() + 20, usegmt=True)
    calls = [Call('GET', CONFIGURATION, status=429, headers={'Retry-After': later}), get_configuration()]
    result, failed, replay = run_configuration(calls)

    assert not failed, result
    assert len(replay.sleeps) == 1
    assert 18.0 <= replay.sleeps[0] <= 20.5
    assert replay.jitter.calls == []


@pytest.mark.parametrize('status', [502, 504])
def test_gateway_errors_are_retried(status):
    result, failed, replay = run_configuration([Call('GET', CONFIGURATION, status=status), get_configuration()])

    assert not failed, result
    assert [r['reason'] for r in result['retries']] == [status]
    assert len(replay.sleeps) == 1


def test_non_json_success_fails_with_a_hint():
    result, failed, dummy = run_configuration([Call('GET', CONFIGURATION, content=b'<html>Flex</html>')])

    assert failed
    assert result['msg'] == ('GET /v1/Configuration answered HTTP 200: the answer is not JSON (Content-Type text/html; charset=utf-8); '
                             'is the API URL right?')
