# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""_api, the HTTP client every module uses: its whole specification, in one place.

Error bodies and their classification, Retry-After, the connection options (and their doc
fragment), credentials and where they came from, base URLs per product, the retry loop, the
recovery of a create whose outcome is unknown, the checks that only Twilio's own answers count
(404s, shapes, next pages, redirects), transport failures, pacing inside the documented rate
limits, and the account SID seen in answers. Each behaviour is driven through the module that
needs the shortest script: flex_configuration_info (one GET), flex_flow_info (a list),
flex_flow (a lookup and a create) or flex_flows (several writes)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import email.utils
import json
import socket
import sys
import time

import pytest
import requests
import urllib3

from ansible_collections.twilio_ops.flex.plugins.module_utils import _api
from ansible_collections.twilio_ops.flex.plugins.module_utils._errors import TwilioApiError
from ansible_collections.twilio_ops.flex.plugins.module_utils._connection import connection_argument_spec, resolve_connection
from ansible_collections.twilio_ops.flex.plugins.modules import (
    conversations_address_info,
    flex_configuration_info,
    flex_flow,
    flex_flow_info,
    flex_flows,
    studio_flow_info,
)
from ansible_collections.twilio_ops.flex.tests.unit.canned import (
    ACCOUNT_SID,
    ADDRESSES,
    API_KEY,
    API_SECRET,
    AUTH_TOKEN,
    CHAT_SERVICE_SID,
    CONFIGURATION,
    CONNECTION,
    DEMO_URL,
    EXTERNAL,
    EXTERNAL_FLOW,
    EXTERNAL_FORM,
    FLEX,
    FLEX_FLOWS,
    FLOW_SID,
    FLOW_SID_2,
    NAME,
    STUDIO,
    STUDIO_FLOWS,
    STUDIO_NAME,
    STUDIO_SID,
    TOKEN_LIKE,
    configuration,
    create_flex_flow,
    delete_flex_flow,
    flex_flow as flex_flow_record,
    get_configuration,
    list_addresses,
    list_flex_flows,
    list_studio_flows,
    page,
    studio_flow,
    twilio_error,
    update_flex_flow,
)
from ansible_collections.twilio_ops.flex.tests.unit.replay import Call, Replay

FLOW_URL = '%s/%s' % (FLEX_FLOWS, FLOW_SID)
FLEX_HINT = "is flex_api_url right (https://flex.example.test; Twilio's is https://flex-api.twilio.com)?"


def response(status, json=None, headers=None, content=None):
    """A real requests.Response, built the way the replay builds its answers."""
    return Call('GET', CONFIGURATION, status=status, json=json, headers=headers, content=content).answer('GET', CONFIGURATION)


def run(module, args, calls, connection=None, env=None, uniform=None, check_mode=False, diff=False):
    """Run a module with the fake connection (or connection, None values left out) plus args;
    returns (result, failed, replay)."""
    module_args = dict(CONNECTION if connection is None else connection)
    module_args.update(args)
    module_args = dict((key, value) for key, value in module_args.items() if value is not None)
    replay = Replay(calls, uniform=uniform, env=env)
    result, failed = replay.run(module.main, module_args, check_mode=check_mode, diff=diff)
    return result, failed, replay


def run_configuration(calls, uniform=None, **args):
    return run(flex_configuration_info, args, calls, uniform=uniform)


def assert_no_secrets(result, replay, *secrets):
    text = json.dumps([result, replay.warnings])
    for secret in secrets or (AUTH_TOKEN, API_SECRET):
        assert secret not in text


# -- TwilioApiError ----------------------------------------------------------------------------


def test_error_from_legacy_body():
    error = TwilioApiError.from_response('GET', '/v1/FlexFlows/FOx', response(404, twilio_error(404, 20404, 'Not found')))

    assert (error.status, error.code, error.message) == (404, 20404, 'Not found')
    assert error.more_info == 'https://www.twilio.com/docs/errors/20404'
    assert error.not_found is True
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
    error = TwilioApiError.from_response('POST', '/v1/FlexFlows', response(409, dict(title='Conflict', status=409, code=20409)))

    assert error.message == 'Conflict'
    assert error.code == 20409


@pytest.mark.parametrize('answer, kind', [
    (response(502, content=b'<html>Bad gateway</html>'), 'text/html'),
    (response(502), 'no Content-Type'),
    (response(502, json=['not', 'an', 'object']), 'application/json'),
    # Without an integer code it is not Twilio's error body, whatever else it holds.
    (response(502, json=dict(title='Conflict', status=409)), 'application/json'),
    (response(502, json=dict(code='20404', message='x')), 'application/json'),
    (response(502, json=dict(code=True, message='x')), 'application/json'),
])
def test_an_answer_that_is_not_a_twilio_error_says_what_came_back_and_asks_about_the_url(answer, kind):
    error = TwilioApiError.from_response('GET', '/v1/Configuration', answer, hint='is the API URL right?')

    assert (error.status, error.code, error.more_info) == (502, None, None)
    assert error.message == 'Bad Gateway, not a Twilio error (%s); is the API URL right?' % kind
    assert str(error) == 'GET /v1/Configuration answered HTTP 502: Bad Gateway, not a Twilio error (%s); is the API URL right?' % kind


@pytest.mark.parametrize('status, code, not_found', [
    (404, 20404, True),
    (404, None, False),     # a web server's 404 at a mistyped URL
    (404, 20001, False),
    (400, 20404, False),
])
def test_only_twilios_404_means_not_found(status, code, not_found):
    assert TwilioApiError('GET', '/v1/FlexFlows/FOx', status=status, code=code).not_found is not_found


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
    (None, 'tls', False, False),
    (None, 'unreachable', False, False),
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


# -- the connection options and their documentation ----------------------------------------------


def test_connection_argument_spec_hides_the_secrets_and_derives_the_urls_from_the_products():
    spec = connection_argument_spec()

    assert spec['auth_token']['no_log'] is True
    assert spec['api_secret']['no_log'] is True
    assert spec['api_key']['no_log'] is False
    assert spec['account_sid']['no_log'] is False
    # No default and no Ansible fallback: the collection resolves the environment itself (below).
    for option in ('flex_api_url', 'studio_api_url', 'conversations_api_url'):
        assert spec[option] == dict(type='str'), option
    assert spec['validate_certs'] == dict(type='bool', default=True)
    assert spec['timeout'] == dict(type='float', default=30.0)
    assert spec['retry_timeout'] == dict(type='float', default=60.0)
    assert [name for name, option in spec.items() if 'fallback' in option] == []


def test_resolve_connection_takes_each_unset_option_from_its_environment_variable_and_says_so():
    params = dict(account_sid=None, auth_token='from-the-task', api_key=None, api_secret=None, flex_api_url=None,
                  studio_api_url='https://studio.example.test', conversations_api_url=None)
    environ = dict(TWILIO_ACCOUNT_SID=ACCOUNT_SID, TWILIO_AUTH_TOKEN='from-env', TWILIO_API_SECRET=API_SECRET,
                   TWILIO_STUDIO_API_URL='https://env.example.test', TWILIO_CONVERSATIONS_API_URL='')
    sources, secrets = resolve_connection(params, environ)

    assert params == dict(account_sid=ACCOUNT_SID, auth_token='from-the-task', api_key=None, api_secret=API_SECRET, flex_api_url=None,
                          studio_api_url='https://studio.example.test', conversations_api_url='')
    assert sources == dict(account_sid='the environment variable TWILIO_ACCOUNT_SID', auth_token='the option auth_token',
                           api_secret='the environment variable TWILIO_API_SECRET', studio_api_url='the option studio_api_url',
                           conversations_api_url='the environment variable TWILIO_CONVERSATIONS_API_URL')
    # A secret from the environment is kept out of logs as a no_log option's value would be.
    assert secrets == [API_SECRET]


# -- credentials ---------------------------------------------------------------------------------


def test_environment_supplies_the_connection():
    env = dict(TWILIO_ACCOUNT_SID=ACCOUNT_SID, TWILIO_AUTH_TOKEN=AUTH_TOKEN, TWILIO_FLEX_API_URL='https://env.example.test')
    replay = Replay([Call('GET', 'https://env.example.test/v1/Configuration', json=configuration())], env=env)
    result, failed = replay.run(flex_configuration_info.main, {})

    assert not failed, result
    assert replay.session.auth == (ACCOUNT_SID, AUTH_TOKEN)
    assert AUTH_TOKEN not in repr(result)


def test_environment_api_key():
    env = dict(TWILIO_API_KEY=API_KEY, TWILIO_API_SECRET=API_SECRET, TWILIO_FLEX_API_URL=FLEX)
    replay = Replay([get_configuration()], env=env)
    result, failed = replay.run(flex_configuration_info.main, {})

    assert not failed, result
    assert replay.session.auth == (API_KEY, API_SECRET)


def test_options_win_over_the_environment():
    env = dict(TWILIO_FLEX_API_URL='https://env.example.test', TWILIO_AUTH_TOKEN='other-token')
    result, failed, replay = run(flex_configuration_info, {}, [get_configuration()], env=env)

    assert not failed, result
    assert replay.session.auth == (ACCOUNT_SID, AUTH_TOKEN)


def test_default_base_url_is_twilio():
    replay = Replay([Call('GET', 'https://flex-api.twilio.com/v1/Configuration', json=configuration())])
    result, failed = replay.run(flex_configuration_info.main, dict(account_sid=ACCOUNT_SID, auth_token=AUTH_TOKEN))

    assert not failed, result
    assert replay.requests[0]['timeout'] == 30.0


def test_auth_token_is_used_and_never_shown():
    calls = [list_flex_flows([flex_flow_record()], name=NAME), delete_flex_flow()]
    result, failed, replay = run(flex_flow, dict(friendly_name=NAME, state='absent'), calls, diff=True)

    assert not failed, result
    assert replay.session.auth == (ACCOUNT_SID, AUTH_TOKEN)
    assert [request['verify'] for request in replay.requests] == [True, True]
    assert replay.session.headers['Accept'] == 'application/json'
    assert replay.session.headers['User-Agent'].startswith('twilio_ops.flex (Ansible module flex_flow; Python ')
    assert_no_secrets(result, replay)


def test_api_key_wins_over_auth_token_and_is_never_shown():
    connection = dict(CONNECTION, api_key=API_KEY, api_secret=API_SECRET)
    result, failed, replay = run(flex_flow, dict(friendly_name=NAME, state='absent'), [list_flex_flows([], name=NAME)], connection=connection)

    assert not failed, result
    assert replay.session.auth == (API_KEY, API_SECRET)
    assert_no_secrets(result, replay)


def test_api_key_without_account_sid_is_enough():
    connection = dict(api_key=API_KEY, api_secret=API_SECRET, flex_api_url=FLEX)
    result, failed, replay = run(flex_flow, dict(friendly_name=NAME, state='absent'), [list_flex_flows([], name=NAME)], connection=connection)

    assert not failed, result
    assert replay.session.auth == (API_KEY, API_SECRET)


CONNECTION_INVALID = [
    ('bad account_sid', dict(account_sid='AC123'),
     'account_sid is not an Account SID (AC followed by 32 hex digits): it is 5 characters long'),
    ('api_key without api_secret', dict(auth_token=None, api_key=API_KEY),
     'api_key and api_secret go together: set both (or TWILIO_API_KEY and TWILIO_API_SECRET)'),
    ('api_secret without api_key', dict(auth_token=None, api_secret=API_SECRET),
     'api_key and api_secret go together: set both (or TWILIO_API_KEY and TWILIO_API_SECRET)'),
    ('bad api_key', dict(api_key='SK123', api_secret=API_SECRET),
     'api_key is not an API Key SID (SK followed by 32 hex digits): it is 5 characters long'),
    ('account SID as api_key', dict(api_key=ACCOUNT_SID, api_secret=API_SECRET),
     'api_key is an Account SID, expected an API Key SID (SK followed by 32 hex digits)'),
    ('no credentials', dict(account_sid=None, auth_token=None),
     'No Twilio credentials: set account_sid and auth_token, or api_key and api_secret (or the environment variables '
     'TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN, or TWILIO_API_KEY and TWILIO_API_SECRET)'),
    ('auth_token without account_sid', dict(account_sid=None), 'auth_token needs account_sid (or TWILIO_ACCOUNT_SID)'),
    ('timeout 0', dict(timeout=0), 'timeout must be a positive number of seconds, got 0.0'),
    ('timeout negative', dict(timeout=-5), 'timeout must be a positive number of seconds, got -5.0'),
    ('retry_timeout negative', dict(retry_timeout=-1), 'retry_timeout must be 0 (no retries) or more seconds, got -1.0'),
    ('flex_api_url ftp', dict(flex_api_url='ftp://flex.example.test'),
     'flex_api_url "ftp://flex.example.test" is not an absolute http(s) base URL such as https://flex-api.twilio.com'),
    ('flex_api_url with query', dict(flex_api_url='https://flex.example.test?region=ie1'),
     'flex_api_url "https://flex.example.test?region=ie1" is not an absolute http(s) base URL such as https://flex-api.twilio.com'),
    ('flex_api_url bad port', dict(flex_api_url='https://flex.example.test:99999'),
     'flex_api_url "https://flex.example.test:99999" is not a URL with a valid port (for example https://flex-api.twilio.com)'),
]


@pytest.mark.parametrize('overrides, message', [case[1:] for case in CONNECTION_INVALID], ids=[case[0] for case in CONNECTION_INVALID])
def test_invalid_connection_fails_before_any_request(overrides, message):
    result, failed, replay = run(flex_flow, dict(friendly_name=NAME, state='absent'), [], connection=dict(CONNECTION, **overrides))

    assert failed
    assert result['msg'] == message
    assert replay.requests == []
    assert_no_secrets(result, replay)


@pytest.mark.parametrize('connection, env, pair', [
    (CONNECTION, {}, 'account_sid (from the option account_sid) with auth_token (from the option auth_token)'),
    (dict(CONNECTION, auth_token=None), dict(TWILIO_AUTH_TOKEN=AUTH_TOKEN),
     'account_sid (from the option account_sid) with auth_token (from the environment variable TWILIO_AUTH_TOKEN)'),
    (dict(CONNECTION, account_sid=None, auth_token=None), dict(TWILIO_ACCOUNT_SID=ACCOUNT_SID, TWILIO_AUTH_TOKEN=AUTH_TOKEN),
     'account_sid (from the environment variable TWILIO_ACCOUNT_SID) with auth_token (from the environment variable TWILIO_AUTH_TOKEN)'),
    (dict(CONNECTION, api_key=API_KEY, api_secret=API_SECRET), {},
     'api_key (from the option api_key) with api_secret (from the option api_secret)'),
    (dict(CONNECTION, account_sid=None, auth_token=None, api_key=API_KEY), dict(TWILIO_API_SECRET=API_SECRET),
     'api_key (from the option api_key) with api_secret (from the environment variable TWILIO_API_SECRET)'),
], ids=['options', 'token from env', 'both from env', 'api key options', 'api secret from env'])
def test_a_401_names_the_credential_pair_and_where_each_part_came_from_never_the_secret(connection, env, pair):
    calls = [Call('GET', CONFIGURATION, status=401, json=twilio_error(401, 20003, 'Authenticate'),
                  headers={'WWW-Authenticate': 'Basic realm="Twilio API"'})]
    result, failed, replay = run(flex_configuration_info, {}, calls, connection=connection, env=env, diff=True)

    assert failed
    assert result['msg'] == ('GET /v1/Configuration answered HTTP 401, Twilio error 20003: Authenticate: Twilio refused %s; '
                             'check that they belong together (the secret is not shown) '
                             '(more info: https://www.twilio.com/docs/errors/20003)' % pair)
    assert result['error']['code'] == 20003
    assert replay.sleeps == []
    assert result['retries'] == []
    assert_no_secrets(result, replay)


@pytest.mark.parametrize('connection, env, option', [
    (dict(CONNECTION, account_sid=TOKEN_LIKE), {}, 'account_sid'),
    # A value from the environment says where it came from: the playbook does not show it.
    (dict(CONNECTION, account_sid=None), dict(TWILIO_ACCOUNT_SID=TOKEN_LIKE), 'account_sid (from the environment variable TWILIO_ACCOUNT_SID)'),
])
def test_an_auth_token_pasted_into_account_sid_is_described_not_shown(connection, env, option):
    result, failed, replay = run(flex_configuration_info, {}, [], connection=connection, env=env)

    assert failed
    assert result['msg'] == ('%s is not an Account SID (AC followed by 32 hex digits): '
                             'it is 32 hex digits, the form of an auth token or API key secret' % option)
    assert replay.requests == []
    assert_no_secrets(result, replay, TOKEN_LIKE, AUTH_TOKEN)


def test_an_api_secret_pasted_into_api_key_is_described_not_shown():
    result, failed, replay = run(flex_configuration_info, {}, [], connection=dict(CONNECTION, api_key=TOKEN_LIKE, api_secret=API_SECRET))

    assert failed
    assert result['msg'] == ('api_key is not an API Key SID (SK followed by 32 hex digits): '
                             'it is 32 hex digits, the form of an auth token or API key secret')
    assert_no_secrets(result, replay, TOKEN_LIKE, API_SECRET)


def test_validate_certs_false_reaches_every_request():
    result, failed, replay = run(flex_flow, dict(friendly_name=NAME, state='absent', validate_certs=False),
                                 [list_flex_flows([flex_flow_record()], name=NAME), delete_flex_flow()])

    assert not failed, result
    assert [request['verify'] for request in replay.requests] == [False, False]


def test_timeout_reaches_every_request():
    result, failed, replay = run(flex_configuration_info, dict(timeout=7), [get_configuration()])

    assert not failed, result
    assert [request['timeout'] for request in replay.requests] == [7.0]


def test_missing_requests_library_fails_with_missing_required_lib(monkeypatch):
    monkeypatch.setattr(_api, 'HAS_REQUESTS', False)
    monkeypatch.setattr(_api, 'REQUESTS_IMPORT_ERROR', 'Traceback: No module named requests')
    result, failed, replay = run(flex_flow, dict(friendly_name=NAME, state='absent'), [])

    assert failed
    assert 'Failed to import the required Python library (requests)' in result['msg']
    assert sys.executable in result['msg']
    assert result['exception'] == 'Traceback: No module named requests'
    assert replay.sessions == []


# -- base URLs, one per product --------------------------------------------------------------------


def test_base_url_with_path_and_trailing_slash():
    base = 'https://gateway.example.test/flex-api/'
    calls = [Call('GET', 'https://gateway.example.test/flex-api/v1/FlexFlows', params={'FriendlyName': NAME, 'PageSize': 1000},
                  json=page('flex_flows', [], 'https://gateway.example.test/flex-api/v1/FlexFlows'))]
    result, failed, replay = run(flex_flow, dict(friendly_name=NAME, state='absent', flex_api_url=base), calls)

    assert not failed, result
    assert replay.warnings == []


@pytest.mark.parametrize('args, env', [
    (dict(flex_api_url=''), {}),
    (dict(flex_api_url=None), dict(TWILIO_FLEX_API_URL='')),
    (dict(flex_api_url='   '), {}),
], ids=['empty option', 'empty environment variable', 'blank option'])
def test_an_empty_url_means_twilios_own(args, env):
    calls = [Call('GET', 'https://flex-api.twilio.com/v1/FlexFlows', params={'PageSize': 1000},
                  json=page('flex_flows', [], 'https://flex-api.twilio.com/v1/FlexFlows'))]
    result, failed, replay = run(flex_flow_info, args, calls, env=env)

    assert not failed, result
    assert result['flex_flows'] == []


@pytest.mark.parametrize('args, env', [
    (dict(studio_api_url='not a url', conversations_api_url='ftp://x'), {}),
    (dict(studio_api_url=None, conversations_api_url=None), dict(TWILIO_STUDIO_API_URL='', TWILIO_CONVERSATIONS_API_URL='x')),
], ids=['invalid options', 'environment'])
def test_a_url_the_module_never_uses_cannot_fail_it(args, env):
    # flex_flow_info never calls Studio or Conversations: their URLs are not even checked.
    result, failed, replay = run(flex_flow_info, args, [list_flex_flows([])], env=env)

    assert not failed, result
    assert replay.warnings == []


@pytest.mark.parametrize('module, args, message', [
    (studio_flow_info, dict(studio_api_url='ftp://studio.example.test', flex_api_url='not a url'),
     'studio_api_url "ftp://studio.example.test" is not an absolute http(s) base URL such as https://studio.twilio.com'),
    (conversations_address_info, dict(conversations_api_url='conversations.example.test', studio_api_url='x'),
     'conversations_api_url "conversations.example.test" is not an absolute http(s) base URL such as https://conversations.twilio.com'),
    (flex_flow_info, dict(flex_api_url='https://flex.example.test/#v1', studio_api_url='x'),
     'flex_api_url "https://flex.example.test/#v1" is not an absolute http(s) base URL such as https://flex-api.twilio.com'),
], ids=['studio', 'conversations', 'flex'])
def test_an_invalid_url_fails_the_module_that_uses_it_with_that_products_example(module, args, message):
    result, failed, replay = run(module, args, [])

    assert failed
    assert result['msg'] == message
    assert replay.requests == []


@pytest.mark.parametrize('module, args', [
    (flex_flow, dict(friendly_name=NAME, studio_flow=STUDIO_NAME)),
    (flex_flows, dict(entries=[dict(friendly_name=NAME, studio_flow=STUDIO_NAME)])),
], ids=['flex_flow', 'flex_flows'])
def test_the_managed_products_url_is_checked_before_any_request_even_a_studio_read(module, args):
    result, failed, replay = run(module, dict(args, flex_api_url='flex.example.test'), [])

    assert failed
    assert result['msg'] == 'flex_api_url "flex.example.test" is not an absolute http(s) base URL such as https://flex-api.twilio.com'
    assert replay.requests == []


def test_a_studio_url_only_a_name_needs_fails_only_when_a_name_is_given():
    args = dict(EXTERNAL, studio_api_url='studio.example.test')
    result, failed, replay = run(flex_flow, args, [list_flex_flows([EXTERNAL_FLOW], name=NAME)])
    assert not failed, result

    result, failed, replay = run(flex_flow, dict(friendly_name=NAME, studio_flow=STUDIO_NAME, studio_api_url='studio.example.test'), [])
    assert failed
    assert result['msg'] == 'studio_api_url "studio.example.test" is not an absolute http(s) base URL such as https://studio.twilio.com'
    assert replay.requests == []


def test_a_studio_url_from_the_environment_is_used_when_the_option_is_not_set():
    calls = [Call('GET', 'https://studio-env.example.test/v2/Flows', params={'PageSize': 1000},
                  json=page('flows', [], 'https://studio-env.example.test/v2/Flows'))]
    result, failed, replay = run(studio_flow_info, dict(studio_api_url=None), calls, env=dict(TWILIO_STUDIO_API_URL='https://studio-env.example.test/'))

    assert not failed, result


def test_plain_http_to_a_remote_host_warns():
    calls = [Call('GET', 'http://flex.example.test/v1/FlexFlows', params={'FriendlyName': NAME, 'PageSize': 1000},
                  json=page('flex_flows', [], 'http://flex.example.test/v1/FlexFlows'))]
    result, failed, replay = run(flex_flow, dict(friendly_name=NAME, state='absent', flex_api_url='http://flex.example.test'), calls)

    assert not failed, result
    assert replay.warnings == ['flex_api_url uses plain http to flex.example.test: credentials cross the network unencrypted']


def test_plain_http_to_loopback_does_not_warn():
    local = 'http://127.0.0.1:8642/flex-api'
    calls = [Call('GET', local + '/v1/FlexFlows', params={'FriendlyName': NAME, 'PageSize': 1000},
                  json=page('flex_flows', [], local + '/v1/FlexFlows'))]
    result, failed, replay = run(flex_flow, dict(friendly_name=NAME, state='absent', flex_api_url=local), calls)

    assert not failed, result
    assert replay.warnings == []


def test_plain_http_warns_once_per_product_however_many_requests():
    calls = [Call('GET', 'http://studio.example.test/v2/Flows', params={'PageSize': 1000},
                  json=page('flows', [studio_flow()], 'http://studio.example.test/v2/Flows', 'http://studio.example.test/v2/Flows?Page=1')),
             Call('GET', 'http://studio.example.test/v2/Flows?Page=1', json=page('flows', [], 'http://studio.example.test/v2/Flows?Page=1'))]
    result, failed, replay = run(studio_flow_info, dict(studio_api_url='http://studio.example.test'), calls)

    assert not failed, result
    assert replay.warnings == ['studio_api_url uses plain http to studio.example.test: credentials cross the network unencrypted']


def test_requests_go_to_each_products_configured_host_only():
    args = dict(friendly_name=NAME, studio_flow=STUDIO_NAME)
    form = {'FriendlyName': NAME, 'ChatServiceSid': CHAT_SERVICE_SID, 'ChannelType': 'web', 'IntegrationType': 'studio',
            'Integration.FlowSid': STUDIO_SID}
    calls = [list_studio_flows([studio_flow()]), list_flex_flows([], name=NAME), get_configuration(),
             create_flex_flow(form, flex_flow_record())]
    result, failed, replay = run(flex_flow, args, calls)

    assert not failed, result
    assert [r['url'].split('/v')[0] for r in replay.requests] == [STUDIO, FLEX, FLEX, FLEX]


# -- the retry loop --------------------------------------------------------------------------------

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
    result, failed, replay = run_configuration([Call('GET', CONFIGURATION, status=429, headers={'Retry-After': later}), get_configuration()])

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


def test_429_with_retry_after_waits_that_long_then_succeeds():
    calls = [Call('GET', CONFIGURATION, status=429, headers={'Retry-After': '2'}, json=twilio_error(429, 20429, 'Too Many Requests')),
             get_configuration()]
    result, failed, replay = run_configuration(calls)

    assert not failed, result
    assert result['flex_configuration'] == configuration()
    assert replay.sleeps == [2.0]
    assert result['retries'] == [dict(method='GET', path='/v1/Configuration', reason=429, wait=2.0, outcome='retrying')]
    assert replay.warnings == ['Twilio GET /v1/Configuration: 429; retrying in 2.0s']


def test_backoff_doubles_until_retry_timeout_is_spent():
    # With the largest jitter the waits are 1, 2, 4 s; a further 8 s would pass retry_timeout=10.
    result, failed, replay = run_configuration([UNAVAILABLE] * 4, uniform=lambda low, high: high, retry_timeout=10)

    assert failed
    assert replay.sleeps == [1.0, 2.0, 4.0]
    assert [r['wait'] for r in result['retries']] == [1.0, 2.0, 4.0]


PERSISTENT_503 = Call('GET', CONFIGURATION, status=503, headers={'Retry-After': '2'}, json=twilio_error(503, 20503, 'Service Unavailable'))


def test_persistent_503_gives_up_once_retry_timeout_is_spent_saying_how_many_attempts():
    # Waits of 2 s: after 2 and 4 s another 2 s would pass retry_timeout=5, so 3 attempts.
    result, failed, replay = run_configuration([PERSISTENT_503] * 3, retry_timeout=5)

    assert failed
    assert replay.sleeps == [2.0, 2.0]
    assert result['msg'] == ('GET /v1/Configuration answered HTTP 503, Twilio error 20503: Service Unavailable; '
                             'gave up after 3 attempt(s) within retry_timeout=5.0s (more info: https://www.twilio.com/docs/errors/20503)')
    assert result['error'] == dict(status=503, code=20503, method='GET', path='/v1/Configuration',
                                   more_info='https://www.twilio.com/docs/errors/20503',
                                   message='Service Unavailable; gave up after 3 attempt(s) within retry_timeout=5.0s')
    assert len(result['retries']) == 2


def test_retry_timeout_zero_disables_retries():
    result, failed, replay = run_configuration([PERSISTENT_503], retry_timeout=0)

    assert failed
    assert replay.sleeps == []
    assert result['retries'] == []
    assert 'gave up after 1 attempt(s) within retry_timeout=0.0s' in result['msg']


def test_retry_after_longer_than_retry_timeout_fails_without_waiting():
    calls = [Call('GET', CONFIGURATION, status=429, headers={'Retry-After': '120'}, json=twilio_error(429, 20429, 'Too Many Requests'))]
    result, failed, replay = run_configuration(calls)

    assert failed
    assert replay.sleeps == []
    assert result['msg'].startswith('GET /v1/Configuration answered HTTP 429, Twilio error 20429: Too Many Requests; gave up after 1 attempt(s)')


def test_retries_are_reported_on_success():
    result, failed, replay = run_configuration([Call('GET', CONFIGURATION, status=502, headers={'Retry-After': '3'}), get_configuration()])

    assert not failed, result
    assert replay.sleeps == [3.0]
    assert result['retries'] == [dict(method='GET', path='/v1/Configuration', reason=502, wait=3.0, outcome='retrying')]
    assert replay.warnings == ['Twilio GET /v1/Configuration: 502; retrying in 3.0s']


def test_400_is_not_retried():
    result, failed, replay = run_configuration([Call('GET', CONFIGURATION, status=400, json=twilio_error(400, 20001, 'Invalid UiVersion'))])

    assert failed
    assert replay.sleeps == []
    assert result['error']['code'] == 20001


# -- transport failures ------------------------------------------------------------------------------


def refused():
    reason = urllib3.exceptions.NewConnectionError(None, 'Failed to establish a new connection: [Errno 111] Connection refused')
    return requests.exceptions.ConnectionError(urllib3.exceptions.MaxRetryError(None, '/v1/Configuration', reason))


def unresolved():
    reason = urllib3.exceptions.NameResolutionError('flex.example.test', None, socket.gaierror(-2, 'Name or service not known'))
    return requests.exceptions.ConnectionError(urllib3.exceptions.MaxRetryError(None, '/v1/Configuration', reason))


@pytest.mark.parametrize('exception', [refused(), unresolved(), requests.exceptions.ConnectionError(ConnectionRefusedError(111, 'refused'))],
                         ids=['refused', 'name does not resolve', 'refused, plain'])
def test_a_refused_connection_or_unknown_host_is_not_retried_and_the_message_names_the_url(exception):
    result, failed, replay = run_configuration([Call('GET', CONFIGURATION, raises=exception)])

    assert failed
    assert result['msg'] == ('GET /v1/Configuration failed: could not connect to https://flex.example.test '
                             '(connection refused, or the host name does not resolve); ' + FLEX_HINT)
    assert replay.sleeps == []
    assert result['retries'] == []
    assert result['error']['status'] is None


def test_a_dropped_connection_is_retried():
    dropped = requests.exceptions.ConnectionError(urllib3.exceptions.ProtocolError('Connection aborted.', ConnectionResetError(104, 'reset')))
    result, failed, replay = run_configuration([Call('GET', CONFIGURATION, raises=dropped), get_configuration()])

    assert not failed, result
    assert len(replay.sleeps) == 1
    assert result['retries'] == [dict(method='GET', path='/v1/Configuration', reason='connection', wait=round(replay.sleeps[0], 2),
                                      outcome='retrying')]


def test_a_plain_connection_error_is_retried():
    calls = [Call('GET', CONFIGURATION, raises=requests.exceptions.ConnectionError('reset')), get_configuration()]
    result, failed, replay = run_configuration(calls)

    assert not failed, result
    assert [(r['reason'], r['outcome']) for r in result['retries']] == [('connection', 'retrying')]


@pytest.mark.parametrize('exception, reason', [
    (requests.exceptions.ReadTimeout('slow'), 'timeout'),
    (requests.exceptions.ConnectTimeout('no answer'), 'connect-timeout'),
])
def test_timeouts_are_retried(exception, reason):
    result, failed, replay = run_configuration([Call('GET', CONFIGURATION, raises=exception), get_configuration()])

    assert not failed, result
    assert [r['reason'] for r in result['retries']] == [reason]


def test_persistent_timeouts_fail_naming_the_exception():
    timeout = Call('GET', CONFIGURATION, raises=requests.exceptions.ReadTimeout('slow'))
    result, failed, replay = run_configuration([timeout, timeout], uniform=lambda low, high: high, retry_timeout=1.5, timeout=7)

    assert failed
    assert replay.sleeps == [1.0]
    assert result['msg'] == 'GET /v1/Configuration failed: ReadTimeout (timeout 7.0s): slow; gave up after 2 attempt(s) within retry_timeout=1.5s'
    assert result['retries'] == [dict(method='GET', path='/v1/Configuration', reason='timeout', wait=1.0, outcome='retrying')]
    assert result['error']['status'] is None
    assert result['error']['method'] == 'GET'


def test_a_certificate_that_fails_verification_is_not_retried():
    result, failed, replay = run_configuration([Call('GET', CONFIGURATION, raises=requests.exceptions.SSLError('certificate verify failed'))])

    assert failed
    assert 'SSLError' in result['msg'] and 'certificate verify failed' in result['msg']
    assert replay.sleeps == []


# -- a create whose outcome is unknown ------------------------------------------------------------------

def run_create(calls, **kwargs):
    return run(flex_flow, EXTERNAL, calls, **kwargs)


def test_post_answered_500_is_recovered_by_lookup_without_a_second_post():
    calls = [list_flex_flows([], name=NAME),
             create_flex_flow(EXTERNAL_FORM, twilio_error(500, 20500, 'Internal Server Error'), status=500),
             list_flex_flows([EXTERNAL_FLOW], name=NAME)]
    result, failed, replay = run_create(calls)

    assert not failed, result
    assert result['changed'] is True
    assert result['operation'] == 'create'
    assert result['flex_flow'] == EXTERNAL_FLOW
    assert result['demo_url'] == DEMO_URL
    assert result['retries'] == [dict(method='POST', path='/v1/FlexFlows', reason=500, wait=0.0,
                                      outcome='the create had been applied; found it by lookup')]
    # No retry wait: only the lookup's pacing behind the first list (1.05/10 s).
    assert replay.sleeps == pytest.approx([0.105])
    assert replay.warnings == ['Twilio POST /v1/FlexFlows: 500; the create had been applied; found it by lookup']


def test_post_answered_503_and_lookup_empty_is_posted_again():
    calls = [list_flex_flows([], name=NAME),
             create_flex_flow(EXTERNAL_FORM, twilio_error(503, 20503, 'Service Unavailable'), status=503),
             list_flex_flows([], name=NAME),
             create_flex_flow(EXTERNAL_FORM, EXTERNAL_FLOW)]
    result, failed, replay = run_create(calls, uniform=lambda low, high: high)

    assert not failed, result
    assert result['flex_flow'] == EXTERNAL_FLOW
    # The lookup is paced behind the first list; the backoff (1 s) is longer than the pacing of
    # creates (1.05/2 s), so the second POST gets no pacing wait on top.
    assert replay.sleeps == pytest.approx([0.105, 1.0])
    assert [(r['method'], r['reason'], r['outcome']) for r in result['retries']] == [('POST', 503, 'retrying')]


def test_post_read_timeout_and_lookup_empty_is_posted_again():
    calls = [list_flex_flows([], name=NAME),
             Call('POST', FLEX_FLOWS, form=EXTERNAL_FORM, raises=requests.exceptions.ReadTimeout('read timed out')),
             list_flex_flows([], name=NAME),
             create_flex_flow(EXTERNAL_FORM, EXTERNAL_FLOW)]
    result, failed, dummy = run_create(calls)

    assert not failed, result
    assert result['flex_flow'] == EXTERNAL_FLOW
    assert [(r['reason'], r['outcome']) for r in result['retries']] == [('timeout', 'retrying')]


def test_post_dropped_connection_is_looked_up_before_a_retry():
    dropped = requests.exceptions.ConnectionError(urllib3.exceptions.ProtocolError('Connection aborted.', ConnectionResetError(104, 'reset')))
    calls = [list_flex_flows([], name=NAME),
             Call('POST', FLEX_FLOWS, form=EXTERNAL_FORM, raises=dropped),
             list_flex_flows([EXTERNAL_FLOW], name=NAME)]
    result, failed, dummy = run_create(calls)

    assert not failed, result
    assert result['flex_flow'] == EXTERNAL_FLOW
    assert [(r['reason'], r['outcome']) for r in result['retries']] == [('connection', 'the create had been applied; found it by lookup')]


def test_post_connect_timeout_is_retried_without_lookup():
    # A connect timeout means the request never left: nothing to look up.
    calls = [list_flex_flows([], name=NAME),
             Call('POST', FLEX_FLOWS, form=EXTERNAL_FORM, raises=requests.exceptions.ConnectTimeout('connect timed out')),
             create_flex_flow(EXTERNAL_FORM, EXTERNAL_FLOW)]
    result, failed, dummy = run_create(calls)

    assert not failed, result
    assert result['flex_flow'] == EXTERNAL_FLOW
    assert result['retries'][0]['reason'] == 'connect-timeout'


def test_post_refused_is_neither_looked_up_nor_retried():
    calls = [list_flex_flows([], name=NAME), Call('POST', FLEX_FLOWS, form=EXTERNAL_FORM, raises=refused())]
    result, failed, replay = run_create(calls)

    assert failed
    assert result['msg'].startswith('POST /v1/FlexFlows failed: could not connect to https://flex.example.test')
    assert replay.sleeps == []


def test_post_answered_500_and_lookup_empty_fails_without_second_post():
    calls = [list_flex_flows([], name=NAME),
             create_flex_flow(EXTERNAL_FORM, twilio_error(500, 20500, 'Internal Server Error'), status=500),
             list_flex_flows([], name=NAME)]
    result, failed, dummy = run_create(calls)

    assert failed
    assert result['msg'] == ('POST /v1/FlexFlows answered HTTP 500, Twilio error 20500: Internal Server Error '
                             '(more info: https://www.twilio.com/docs/errors/20500)')


def test_post_answered_400_fails_at_once_without_lookup():
    calls = [list_flex_flows([], name=NAME),
             create_flex_flow(EXTERNAL_FORM, twilio_error(400, 20001, 'Invalid Integration.Url'), status=400)]
    result, failed, replay = run_create(calls)

    assert failed
    assert result['msg'] == ('POST /v1/FlexFlows answered HTTP 400, Twilio error 20001: Invalid Integration.Url '
                             '(more info: https://www.twilio.com/docs/errors/20001)')
    assert result['error'] == dict(status=400, code=20001, message='Invalid Integration.Url',
                                   more_info='https://www.twilio.com/docs/errors/20001', method='POST', path='/v1/FlexFlows')
    assert replay.sleeps == []


def test_post_answered_429_is_retried_without_lookup():
    # 429 means "not processed": safe to send again, no need to look for it.
    calls = [list_flex_flows([], name=NAME),
             create_flex_flow(EXTERNAL_FORM, twilio_error(429, 20429, 'Too Many Requests'), status=429),
             create_flex_flow(EXTERNAL_FORM, EXTERNAL_FLOW)]
    result, failed, replay = run_create(calls, uniform=lambda low, high: high)

    assert not failed, result
    assert result['flex_flow'] == EXTERNAL_FLOW
    assert replay.sleeps == [1.0]
    assert [(r['method'], r['reason']) for r in result['retries']] == [('POST', 429)]


def test_update_answered_503_is_retried_without_lookup():
    calls = [list_flex_flows([flex_flow_record(enabled=False)], name=NAME),
             update_flex_flow({'Enabled': 'true'}, twilio_error(503, 20503, 'Service Unavailable'), status=503),
             update_flex_flow({'Enabled': 'true'}, flex_flow_record())]
    result, failed, replay = run(flex_flow, dict(friendly_name=NAME, enabled=True), calls, uniform=lambda low, high: high)

    assert not failed, result
    assert result['flex_flow'] == flex_flow_record()
    # The backoff (1 s) is shorter than the update pacing (1.05 s): the pacing adds the rest.
    assert replay.sleeps == pytest.approx([1.0, 0.05])


# -- answers that are not Twilio's ---------------------------------------------------------------------


def test_non_json_success_fails_with_a_hint():
    result, failed, dummy = run_configuration([Call('GET', CONFIGURATION, content=b'<html>Flex</html>')])

    assert failed
    assert result['msg'] == ('GET /v1/Configuration answered HTTP 200: the answer is not JSON (Content-Type text/html; charset=utf-8); '
                             + FLEX_HINT)


def test_an_html_page_instead_of_a_list_fails_with_a_hint():
    calls = [Call('GET', FLEX_FLOWS, params={'FriendlyName': NAME, 'PageSize': 1000}, content=b'<html>Not the API</html>')]
    result, failed, dummy = run(flex_flow, dict(friendly_name=NAME, state='absent'), calls)

    assert failed
    assert FLEX_HINT in result['msg']
    assert 'text/html' in result['msg']


HTML_404 = "answered HTTP 404: Not Found, not a Twilio error (text/html); " + FLEX_HINT


@pytest.mark.parametrize('module, args', [
    (flex_flow, dict(sid=FLOW_SID, state='absent')),
    (flex_flow_info, dict(sid=FLOW_SID)),
], ids=['flex_flow absent', 'flex_flow_info'])
def test_an_html_404_is_an_error_not_absent(module, args):
    result, failed, replay = run(module, args, [Call('GET', FLOW_URL, status=404, content=b'<html>No such page</html>')])

    assert failed
    assert result['msg'] == 'GET /v1/FlexFlows/%s %s' % (FLOW_SID, HTML_404)
    assert result['error'] == dict(status=404, code=None, message=HTML_404.split(': ', 1)[1], more_info=None, method='GET',
                                   path='/v1/FlexFlows/%s' % FLOW_SID)
    assert len(replay.requests) == 1


@pytest.mark.parametrize('body', [
    dict(message='Not found'),                 # no code
    dict(code=20001, message='Bad request'),   # another code
])
def test_a_json_404_without_twilios_not_found_code_is_an_error(body):
    result, failed, replay = run(flex_flow, dict(sid=FLOW_SID, state='absent'), [Call('GET', FLOW_URL, status=404, json=body)])

    assert failed
    assert result['msg'].startswith('GET /v1/FlexFlows/%s answered HTTP 404' % FLOW_SID)


@pytest.mark.parametrize('module, args, expected', [
    (flex_flow, dict(sid=FLOW_SID, state='absent'), dict(changed=False, operation='none', flex_flow={})),
    (flex_flow_info, dict(sid=FLOW_SID), dict(changed=False, flex_flows=[])),
], ids=['flex_flow absent', 'flex_flow_info'])
def test_only_twilios_404_with_code_20404_means_absent(module, args, expected):
    result, failed, replay = run(module, args, [Call('GET', FLOW_URL, status=404, json=dict(code=20404))])

    assert not failed, result
    for key, value in expected.items():
        assert result[key] == value


LIST_SHAPE = 'the answer is not a list page ({"flex_flows": [objects], "meta": {...}}) as Twilio sends; ' + FLEX_HINT


@pytest.mark.parametrize('body', [
    dict(flex_flows='oops', meta=dict(next_page_url=None)),
    ['a', 'list'],
    dict(flex_flows=[]),
    dict(flex_flows=[], meta='none'),
    dict(flex_flows=['not an object'], meta=dict(next_page_url=None)),
    dict(flows=[], meta=dict(next_page_url=None)),
], ids=['records not a list', 'a JSON list', 'no meta', 'meta not an object', 'records not objects', 'another key'])
def test_a_list_answer_without_twilios_shape_is_an_error_with_the_hint(body):
    result, failed, replay = run(flex_flow_info, {}, [Call('GET', FLEX_FLOWS, params={'PageSize': 1000}, json=body)])

    assert failed
    assert result['msg'].endswith(LIST_SHAPE)
    assert result['error']['message'] == LIST_SHAPE
    assert result['error']['path'] == '/v1/FlexFlows'
    assert len(replay.requests) == 1


@pytest.mark.parametrize('body', [[flex_flow_record()], 'text', 5, {'hello': 'world'}, dict(flex_flow_record(), sid=STUDIO_SID),
                                  dict(flex_flow_record(), sid=None)],
                         ids=['a list', 'text', 'a number', 'another object', 'another SID type', 'no sid'])
def test_an_instance_answer_that_is_not_a_resource_is_an_error_with_the_hint(body):
    result, failed, replay = run(flex_flow_info, dict(sid=FLOW_SID), [Call('GET', FLOW_URL, json=body)])

    assert failed
    assert result['error']['message'] == 'the answer is not a JSON object with a Flex Flow SID (FO...) as Twilio sends; ' + FLEX_HINT
    assert result['error']['path'] == '/v1/FlexFlows/%s' % FLOW_SID


def test_an_instance_answer_about_another_resource_is_an_error_with_the_hint():
    result, failed, replay = run(flex_flow_info, dict(sid=FLOW_SID), [Call('GET', FLOW_URL, json=flex_flow_record(sid=FLOW_SID_2))])

    assert failed
    assert result['error']['message'] == 'the answer is about Flex Flow %s, not the one asked for; %s' % (FLOW_SID_2, FLEX_HINT)


def test_a_list_record_without_a_sid_of_the_family_is_an_error_with_the_hint():
    body = dict(flex_flows=[flex_flow_record(), {'hello': 'world'}], meta=dict(next_page_url=None))
    result, failed, replay = run(flex_flow_info, {}, [Call('GET', FLEX_FLOWS, params={'PageSize': 1000}, json=body)])

    assert failed
    assert result['error']['message'] == 'the answer is not a list page of objects each with a Flex Flow SID (FO...) as Twilio sends; ' + FLEX_HINT


@pytest.mark.parametrize('status, answer', [(201, {'hello': 'world'}), (204, None), (201, []), (201, flex_flow_record(sid=STUDIO_SID))],
                         ids=['another object', 'no body', 'a list', 'another SID type'])
def test_a_write_answered_without_the_resource_is_an_error_not_a_create(status, answer):
    # An empty or foreign answer to a create must not pass for the resource, nor for the check-mode prediction.
    result, failed, replay = run_create([list_flex_flows([], name=NAME), create_flex_flow(EXTERNAL_FORM, answer, status=status)])

    assert failed
    assert result['msg'] == 'POST /v1/FlexFlows: the answer is not a JSON object with a Flex Flow SID (FO...) as Twilio sends; ' + FLEX_HINT
    assert len(replay.requests) == 2


@pytest.mark.parametrize('module, call, option, base, default', [
    (flex_flow_info, Call('GET', FLEX_FLOWS, params={'PageSize': 1000}, json=dict(flows=[])), 'flex_api_url', FLEX, 'https://flex-api.twilio.com'),
    (studio_flow_info, Call('GET', STUDIO_FLOWS, params={'PageSize': 1000}, json=dict(flex_flows=[])), 'studio_api_url', STUDIO,
     'https://studio.twilio.com'),
    (conversations_address_info, Call('GET', ADDRESSES, params={'PageSize': 50}, json=dict(addresses=[])), 'conversations_api_url',
     'https://conversations.example.test', 'https://conversations.twilio.com'),
], ids=['flex', 'studio', 'conversations'])
def test_the_hint_names_the_url_option_of_the_product_that_answered(module, call, option, base, default):
    result, failed, replay = run(module, {}, [call])

    assert failed
    assert result['msg'].endswith("as Twilio sends; is %s right (%s; Twilio's is %s)?" % (option, base, default))


def test_the_hint_names_every_product_given_the_same_url():
    # One URL given for Flex and Studio: which option is wrong cannot be told, so both are named.
    calls = [Call('GET', STUDIO + '/v2/Flows', params={'PageSize': 1000}, content=b'<html>Not the API</html>')]
    result, failed, replay = run(flex_flow, dict(friendly_name=NAME, studio_flow=STUDIO_NAME, flex_api_url=STUDIO), calls)

    assert failed
    assert result['msg'].endswith("is flex_api_url or studio_api_url right (%s; Twilio's are https://flex-api.twilio.com and "
                                  "https://studio.twilio.com)?" % STUDIO)


def test_a_shape_error_names_the_request_and_no_status():
    result, failed, replay = run(flex_flow_info, {}, [Call('GET', FLEX_FLOWS, params={'PageSize': 1000}, json=['a', 'list'])])

    assert failed
    assert result['msg'] == 'GET /v1/FlexFlows: ' + LIST_SHAPE
    assert result['error']['status'] is None


def test_redirect_on_a_read_fails_cleanly():
    # The client does not follow redirects (credentials must not follow one), so a 3xx answer
    # is not the API's answer: the module must fail with a message, not crash or carry on.
    calls = [Call('GET', CONFIGURATION, status=301, headers={'Location': 'https://elsewhere.example.test/v1/Configuration'})]
    result, failed, replay = run_configuration(calls)

    assert failed
    assert result['msg'] == ('GET /v1/Configuration answered HTTP 301: redirected to https://elsewhere.example.test/v1/Configuration; '
                             + FLEX_HINT)
    assert replay.sleeps == []


def test_redirect_on_create_is_not_reported_as_created():
    calls = [list_flex_flows([], name=NAME),
             Call('POST', FLEX_FLOWS, form=EXTERNAL_FORM, status=307, headers={'Location': 'https://elsewhere.example.test/v1/FlexFlows'})]
    result, failed, dummy = run_create(calls)

    assert failed, result
    assert result['msg'].startswith('POST /v1/FlexFlows answered HTTP 307: redirected to https://elsewhere.example.test/v1/FlexFlows')
    assert 'flex_flow' not in result


# -- pagination -------------------------------------------------------------------------------------------

NEXT_PAGE = FLEX_FLOWS + '?PageSize=1000&Page=1&PageToken=PAFO1'


def test_every_page_is_read_following_next_page_url_verbatim():
    third = FLEX_FLOWS + '?PageSize=1000&Page=2&PageToken=PAFO2'
    web, sms = flex_flow_record(), flex_flow_record(sid=FLOW_SID_2, channel_type='sms')
    calls = [list_flex_flows([web], next_page_url=NEXT_PAGE),
             Call('GET', NEXT_PAGE, json=page('flex_flows', [sms], NEXT_PAGE, third)),
             Call('GET', third, json=page('flex_flows', [], third))]
    result, failed, replay = run(flex_flow_info, {}, calls)

    assert not failed, result
    assert result['flex_flows'] == [web, sms]
    # The next page carries its own query (PageToken): nothing is added to it.
    assert [request['params'] for request in replay.requests] == [{'PageSize': 1000}, None, None]


@pytest.mark.parametrize('next_page', [
    'HTTPS://FLEX.EXAMPLE.TEST/v1/FlexFlows?PageToken=PA1',
    'https://flex.example.test:443/v1/FlexFlows?PageToken=PA1',
    'https://Flex.Example.Test:443/v1/FlexFlows?PageToken=PA1',
], ids=['upper case', 'explicit port', 'both'])
def test_a_next_page_on_the_same_server_spelled_otherwise_is_followed(next_page):
    calls = [list_flex_flows([flex_flow_record()], next_page_url=next_page), Call('GET', next_page, json=page('flex_flows', [], next_page))]
    result, failed, replay = run(flex_flow_info, {}, calls)

    assert not failed, result
    assert result['flex_flows'] == [flex_flow_record()]


@pytest.mark.parametrize('next_page, server', [
    ('https://evil.example.test/v1/FlexFlows?PageToken=PA1', 'https://evil.example.test'),
    ('http://flex.example.test/v1/FlexFlows?PageToken=PA1', 'http://flex.example.test'),
    ('https://flex.example.test:8443/v1/FlexFlows?PageToken=PA1', 'https://flex.example.test:8443'),
], ids=['another host', 'another scheme', 'another port'])
def test_a_next_page_on_another_server_is_refused_without_a_request(next_page, server):
    result, failed, replay = run(flex_flow_info, {}, [list_flex_flows([], next_page_url=next_page)])

    assert failed
    assert result['msg'] == 'GET /v1/FlexFlows: Twilio returned a next page on another server (%s); refusing to follow it' % server
    assert len(replay.requests) == 1
    assert_no_secrets(result, replay)


def test_a_next_page_url_that_is_not_a_string_is_a_shape_error():
    body = page('flex_flows', [], FLEX_FLOWS, next_page_url=5)
    result, failed, replay = run(flex_flow_info, {}, [Call('GET', FLEX_FLOWS, params={'PageSize': 1000}, json=body)])

    assert failed
    assert 'meta.next_page_url is a URL or null' in result['msg']


def test_a_429_on_a_later_page_is_retried():
    calls = [list_flex_flows([flex_flow_record()], next_page_url=NEXT_PAGE),
             Call('GET', NEXT_PAGE, status=429, headers={'Retry-After': '1'}, json=twilio_error(429, 20429, 'Too Many Requests')),
             Call('GET', NEXT_PAGE, json=page('flex_flows', [], NEXT_PAGE))]
    result, failed, replay = run(flex_flow_info, {}, calls)

    assert not failed, result
    # The first page is paced (1.05/10 s after the first), the retry waits the Retry-After.
    assert replay.sleeps == pytest.approx([0.105, 1.0])
    assert result['retries'] == [dict(method='GET', path='/v1/FlexFlows', reason=429, wait=1.0, outcome='retrying')]


# -- pacing inside Twilio's documented rate limits ------------------------------------------------------------


def external(name):
    return dict(friendly_name=name, chat_service_sid=CHAT_SERVICE_SID, integration_type='external',
                integration=dict(url='https://hooks.example.test/webchat'))


def external_form(name):
    return dict(EXTERNAL_FORM, FriendlyName=name)


def flow(number, name, **overrides):
    return flex_flow_record(sid='FO%032d' % number, name=name, **overrides)


def test_consecutive_creates_are_spaced_by_the_create_rate():
    calls = [list_flex_flows([])] + [create_flex_flow(external_form(name), flow(number, name)) for number, name in enumerate('abc')]
    result, failed, replay = run(flex_flows, dict(entries=[external(name) for name in 'abc']), calls)

    assert not failed, result
    assert replay.sleeps == pytest.approx([1.05 / 2] * 2)


def test_consecutive_updates_are_spaced_by_the_update_rate():
    existing = [flow(number, name, enabled=False) for number, name in enumerate('abc')]
    calls = [list_flex_flows(existing)] + [update_flex_flow({'Enabled': 'true'}, flow(number, name), sid=flow(number, name)['sid'])
                                           for number, name in enumerate('abc')]
    result, failed, replay = run(flex_flows, dict(entries=[dict(friendly_name=name, enabled=True) for name in 'abc']), calls)

    assert not failed, result
    assert replay.sleeps == pytest.approx([1.05] * 2)


def test_consecutive_deletes_are_spaced_by_the_delete_rate():
    existing = [flow(number, name) for number, name in enumerate('abc')]
    calls = [list_flex_flows(existing)] + [delete_flex_flow(record['sid']) for record in existing]
    result, failed, replay = run(flex_flows, dict(entries=[dict(friendly_name=name, state='absent') for name in 'abc']), calls)

    assert not failed, result
    assert replay.sleeps == pytest.approx([1.05 / 2] * 2)


def test_list_pages_are_spaced_by_the_list_rate():
    third = FLEX_FLOWS + '?Page=2'
    calls = [list_flex_flows([], next_page_url=NEXT_PAGE), Call('GET', NEXT_PAGE, json=page('flex_flows', [], NEXT_PAGE, third)),
             Call('GET', third, json=page('flex_flows', [], third))]
    result, failed, replay = run(flex_flow_info, {}, calls)

    assert not failed, result
    assert replay.sleeps == pytest.approx([1.05 / 10] * 2)


def test_rate_classes_are_paced_apart_and_a_retry_wait_counts_as_spacing():
    # A create, then an update: different classes, no wait. The second create waits for the first;
    # its 429 wait (2 s) already spaces the retry, so no pacing wait comes on top.
    existing = flow(9, 'z', enabled=False)
    calls = [list_flex_flows([existing]),
             create_flex_flow(external_form('a'), flow(0, 'a')),
             update_flex_flow({'Enabled': 'true'}, flow(9, 'z'), sid=existing['sid']),
             create_flex_flow(external_form('b'), twilio_error(429, 20429, 'Too Many Requests'), status=429),
             Call('POST', FLEX_FLOWS, form=external_form('b'), status=429, headers={'Retry-After': '2'},
                  json=twilio_error(429, 20429, 'Too Many Requests')),
             create_flex_flow(external_form('b'), flow(1, 'b'))]
    entries = [external('a'), dict(friendly_name='z', enabled=True), external('b')]
    result, failed, replay = run(flex_flows, dict(entries=entries), calls, uniform=lambda low, high: high)

    assert not failed, result
    assert replay.sleeps == pytest.approx([1.05 / 2, 1.0, 2.0])


def test_conversations_addresses_have_no_documented_rate_and_are_not_paced():
    next_page = ADDRESSES + '?Page=1'
    calls = [list_addresses([], next_page_url=next_page), Call('GET', next_page, json=page('address_configurations', [], next_page))]
    result, failed, replay = run(conversations_address_info, {}, calls)

    assert not failed, result
    assert replay.sleeps == []


# -- the account SID seen in answers ----------------------------------------------------------------------------


def test_a_check_mode_create_with_an_api_key_predicts_the_account_from_an_answer():
    connection = dict(api_key=API_KEY, api_secret=API_SECRET, flex_api_url=FLEX, studio_api_url=STUDIO)
    calls = [list_studio_flows([studio_flow()]), list_flex_flows([], name=NAME), get_configuration()]
    result, failed, replay = run(flex_flow, dict(friendly_name=NAME, studio_flow=STUDIO_NAME), calls, connection=connection,
                                 check_mode=True)

    assert not failed, result
    assert result['flex_flow']['account_sid'] == ACCOUNT_SID
    assert result['flex_flow']['sid'] is None
    assert [request['method'] for request in replay.requests] == ['GET', 'GET', 'GET']


@pytest.mark.parametrize('args, calls', [
    # A list page: its first record names the account (a near miss of the name filter here).
    (EXTERNAL, [list_flex_flows([flex_flow_record(sid=FLOW_SID_2, name='webchat EN')], name=NAME)]),
    # A fetched object: the Flex Configuration.
    (dict(EXTERNAL, chat_service_sid=None), [list_flex_flows([], name=NAME), get_configuration()]),
], ids=['from a list', 'from a fetch'])
def test_the_account_is_predicted_from_whichever_answer_names_it(args, calls):
    connection = dict(api_key=API_KEY, api_secret=API_SECRET, flex_api_url=FLEX)
    result, failed, replay = run(flex_flow, args, calls, connection=connection, check_mode=True)

    assert not failed, result
    assert result['operation'] == 'create'
    assert result['flex_flow']['account_sid'] == ACCOUNT_SID


def test_an_answer_without_a_valid_account_sid_predicts_nothing():
    connection = dict(api_key=API_KEY, api_secret=API_SECRET, flex_api_url=FLEX, studio_api_url=STUDIO)
    calls = [list_studio_flows([dict(studio_flow(), account_sid='AC-not-a-sid')]), list_flex_flows([], name=NAME),
             Call('GET', CONFIGURATION, json=dict(configuration(), account_sid=None))]
    result, failed, replay = run(flex_flow, dict(friendly_name=NAME, studio_flow=STUDIO_NAME), calls, connection=connection,
                                 check_mode=True)

    assert not failed, result
    assert result['flex_flow']['account_sid'] is None


def test_the_account_sid_option_wins_over_what_answers_say():
    near_miss = flex_flow_record(sid=FLOW_SID_2, name='webchat EN', account_sid='AC' + 'f' * 32)
    calls = [list_flex_flows([near_miss], name=NAME)]
    result, failed, replay = run(flex_flow, EXTERNAL, calls, check_mode=True)

    assert not failed, result
    assert result['flex_flow']['account_sid'] == ACCOUNT_SID


# -- TwilioModule.run_read, the read-only modules' exit -------------------------------------------------------------------


def test_a_read_only_module_fails_with_the_error_and_the_retries_so_far():
    calls = [Call('GET', CONFIGURATION, status=503, headers={'Retry-After': '1'}),
             Call('GET', CONFIGURATION, status=403, json=twilio_error(403, 20403, 'Forbidden'))]
    result, failed, replay = run_configuration(calls)

    assert failed
    assert result['error'] == dict(status=403, code=20403, message='Forbidden', more_info='https://www.twilio.com/docs/errors/20403',
                                   method='GET', path='/v1/Configuration')
    assert result['retries'] == [dict(method='GET', path='/v1/Configuration', reason=503, wait=1.0, outcome='retrying')]
    assert 'changed' not in result
