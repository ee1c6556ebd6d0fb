# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""_api's connection options and their documentation, the credentials and where each came from,
and the base URL of each product. The rest of the client's specification, and how these tests
drive it: api_support.py."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import sys

import pytest

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
    API_KEY,
    API_SECRET,
    AUTH_TOKEN,
    CHAT_SERVICE_SID,
    CONFIGURATION,
    CONNECTION,
    EXTERNAL,
    EXTERNAL_FLOW,
    FLEX,
    NAME,
    STUDIO,
    STUDIO_NAME,
    STUDIO_SID,
    TOKEN_LIKE,
    configuration,
    create_flex_flow,
    delete_flex_flow,
    flex_flow as flex_flow_record,
    get_configuration,
    list_flex_flows,
    list_studio_flows,
    page,
    studio_flow,
    twilio_error,
)
from ansible_collections.twilio_ops.flex.tests.unit.plugins.module_utils.api_support import (
    _api,
    assert_no_secrets,
    connection_argument_spec,
    resolve_connection,
)
from ansible_collections.twilio_ops.flex.tests.unit.replay import Call


# -- the connection options and their documentation ----------------------------------------------


def test_connection_argument_spec_hides_the_secrets_and_derives_the_urls_from_the_products():
    spec = connection_argument_spec()

    assert spec['auth_token']['no_log'] is True
    assert spec['api_secret']['no_log'] is True
    assert spec['api_key']['no_log'] is False
    assert spec['account_sid']['no_log'] is False
    # No default and no Ansible fallback: the collection resolves the environment itself (below).
    for option in ('flex_api_url', 'studio_api_url', 'conversations_api_url', 'sync_api_url', 'edge', 'region'):
        assert spec[option] == dict(type='str'), option
    assert spec['validate_certs'] == dict(type='bool', default=True)
    assert spec['timeout'] == dict(type='float', default=30.0)
    assert spec['retry_timeout'] == dict(type='float', default=60.0)
    assert [name for name, option in spec.items() if 'fallback' in option] == []


def test_resolve_connection_takes_each_unset_option_from_its_environment_variable_and_says_so():
    params = dict(account_sid=None, auth_token='from-the-task', api_key=None, api_secret=None, flex_api_url=None,
                  studio_api_url='https://studio.example.test', conversations_api_url=None, edge='sydney', region=None)
    environ = dict(TWILIO_ACCOUNT_SID=ACCOUNT_SID, TWILIO_AUTH_TOKEN='from-env', TWILIO_API_SECRET=API_SECRET,
                   TWILIO_STUDIO_API_URL='https://env.example.test', TWILIO_CONVERSATIONS_API_URL='',
                   TWILIO_EDGE='tokyo', TWILIO_REGION='us1')
    sources, secrets = resolve_connection(params, environ)

    assert params == dict(account_sid=ACCOUNT_SID, auth_token='from-the-task', api_key=None, api_secret=API_SECRET, flex_api_url=None,
                          studio_api_url='https://studio.example.test', conversations_api_url='', edge='sydney', region='us1')
    assert sources == dict(account_sid='the environment variable TWILIO_ACCOUNT_SID', auth_token='the option auth_token',
                           api_secret='the environment variable TWILIO_API_SECRET', studio_api_url='the option studio_api_url',
                           conversations_api_url='the environment variable TWILIO_CONVERSATIONS_API_URL',
                           edge='the option edge', region='the environment variable TWILIO_REGION')
    # A secret from the environment is kept out of logs as a no_log option's value would be.
    assert secrets == [API_SECRET]


# -- credentials ---------------------------------------------------------------------------------


def test_environment_supplies_the_connection(run):
    env = dict(TWILIO_ACCOUNT_SID=ACCOUNT_SID, TWILIO_AUTH_TOKEN=AUTH_TOKEN, TWILIO_FLEX_API_URL='https://env.example.test')
    calls = [Call('GET', 'https://env.example.test/v1/Configuration', json=configuration())]
    result, failed, replay = run({}, calls, module=flex_configuration_info, connection={}, env=env)

    assert not failed, result
    assert replay.session.auth == (ACCOUNT_SID, AUTH_TOKEN)
    assert AUTH_TOKEN not in repr(result)


def test_environment_api_key(run):
    env = dict(TWILIO_API_KEY=API_KEY, TWILIO_API_SECRET=API_SECRET, TWILIO_FLEX_API_URL=FLEX)
    result, failed, replay = run({}, [get_configuration()], module=flex_configuration_info, connection={}, env=env)

    assert not failed, result
    assert replay.session.auth == (API_KEY, API_SECRET)


def test_options_win_over_the_environment(run):
    env = dict(TWILIO_FLEX_API_URL='https://env.example.test', TWILIO_AUTH_TOKEN='other-token')
    result, failed, replay = run({}, [get_configuration()], module=flex_configuration_info, env=env)

    assert not failed, result
    assert replay.session.auth == (ACCOUNT_SID, AUTH_TOKEN)


def test_default_base_url_is_twilio(run):
    calls = [Call('GET', 'https://flex-api.twilio.com/v1/Configuration', json=configuration())]
    result, failed, replay = run({}, calls, module=flex_configuration_info, connection=dict(account_sid=ACCOUNT_SID, auth_token=AUTH_TOKEN))

    assert not failed, result
    assert replay.requests[0]['timeout'] == 30.0


def test_auth_token_is_used_and_never_shown(run):
    calls = [list_flex_flows([flex_flow_record()], name=NAME), delete_flex_flow()]
    result, failed, replay = run(dict(friendly_name=NAME, state='absent'), calls, module=flex_flow, diff=True)

    assert not failed, result
    assert replay.session.auth == (ACCOUNT_SID, AUTH_TOKEN)
    assert [request['verify'] for request in replay.requests] == [True, True]
    assert replay.session.headers['Accept'] == 'application/json'
    assert replay.session.headers['User-Agent'].startswith('twilio_ops.flex (Ansible module flex_flow; Python ')
    assert_no_secrets(result, replay)


def test_api_key_wins_over_auth_token_and_is_never_shown(run):
    connection = dict(CONNECTION, api_key=API_KEY, api_secret=API_SECRET)
    result, failed, replay = run(dict(friendly_name=NAME, state='absent'), [list_flex_flows([], name=NAME)], module=flex_flow, connection=connection)

    assert not failed, result
    assert replay.session.auth == (API_KEY, API_SECRET)
    assert_no_secrets(result, replay)


def test_api_key_without_account_sid_is_enough(run):
    connection = dict(api_key=API_KEY, api_secret=API_SECRET, flex_api_url=FLEX)
    result, failed, replay = run(dict(friendly_name=NAME, state='absent'), [list_flex_flows([], name=NAME)], module=flex_flow, connection=connection)

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
def test_invalid_connection_fails_before_any_request(overrides, message, run):
    result, failed, replay = run(dict(friendly_name=NAME, state='absent'), [], module=flex_flow, connection=dict(CONNECTION, **overrides))

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
def test_a_401_names_the_credential_pair_and_where_each_part_came_from_never_the_secret(connection, env, pair, run):
    calls = [Call('GET', CONFIGURATION, status=401, json=twilio_error(401, 20003, 'Authenticate'),
                  headers={'WWW-Authenticate': 'Basic realm="Twilio API"'})]
    result, failed, replay = run({}, calls, module=flex_configuration_info, connection=connection, env=env, diff=True)

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
def test_an_auth_token_pasted_into_account_sid_is_described_not_shown(connection, env, option, run):
    result, failed, replay = run({}, [], module=flex_configuration_info, connection=connection, env=env)

    assert failed
    assert result['msg'] == ('%s is not an Account SID (AC followed by 32 hex digits): '
                             'it is 32 hex digits, the form of an auth token or API key secret' % option)
    assert replay.requests == []
    assert_no_secrets(result, replay, TOKEN_LIKE, AUTH_TOKEN)


def test_an_api_secret_pasted_into_api_key_is_described_not_shown(run):
    result, failed, replay = run({}, [], module=flex_configuration_info, connection=dict(CONNECTION, api_key=TOKEN_LIKE, api_secret=API_SECRET))

    assert failed
    assert result['msg'] == ('api_key is not an API Key SID (SK followed by 32 hex digits): '
                             'it is 32 hex digits, the form of an auth token or API key secret')
    assert_no_secrets(result, replay, TOKEN_LIKE, API_SECRET)


def test_validate_certs_false_reaches_every_request(run):
    result, failed, replay = run(dict(friendly_name=NAME, state='absent', validate_certs=False),
                                 [list_flex_flows([flex_flow_record()], name=NAME), delete_flex_flow()], module=flex_flow)

    assert not failed, result
    assert [request['verify'] for request in replay.requests] == [False, False]


def test_timeout_reaches_every_request(run):
    result, failed, replay = run(dict(timeout=7), [get_configuration()], module=flex_configuration_info)

    assert not failed, result
    assert [request['timeout'] for request in replay.requests] == [7.0]


def test_missing_requests_library_fails_with_missing_required_lib(monkeypatch, run):
    monkeypatch.setattr(_api, 'HAS_REQUESTS', False)
    monkeypatch.setattr(_api, 'REQUESTS_IMPORT_ERROR', 'Traceback: No module named requests')
    result, failed, replay = run(dict(friendly_name=NAME, state='absent'), [], module=flex_flow)

    assert failed
    assert 'Failed to import the required Python library (requests)' in result['msg']
    assert sys.executable in result['msg']
    assert result['exception'] == 'Traceback: No module named requests'
    assert replay.sessions == []


# -- base URLs, one per product --------------------------------------------------------------------


def test_base_url_with_path_and_trailing_slash(run):
    base = 'https://gateway.example.test/flex-api/'
    calls = [Call('GET', 'https://gateway.example.test/flex-api/v1/FlexFlows', params={'FriendlyName': NAME, 'PageSize': 1000},
                  json=page('flex_flows', [], 'https://gateway.example.test/flex-api/v1/FlexFlows'))]
    result, failed, replay = run(dict(friendly_name=NAME, state='absent', flex_api_url=base), calls, module=flex_flow)

    assert not failed, result
    assert replay.warnings == []


@pytest.mark.parametrize('args, env', [
    (dict(flex_api_url=''), {}),
    (dict(flex_api_url=None), dict(TWILIO_FLEX_API_URL='')),
    (dict(flex_api_url='   '), {}),
], ids=['empty option', 'empty environment variable', 'blank option'])
def test_an_empty_url_means_twilios_own(args, env, run):
    calls = [Call('GET', 'https://flex-api.twilio.com/v1/FlexFlows', params={'PageSize': 1000},
                  json=page('flex_flows', [], 'https://flex-api.twilio.com/v1/FlexFlows'))]
    result, failed, replay = run({}, calls, module=flex_flow_info, connection=dict(CONNECTION, **args), env=env)

    assert not failed, result
    assert result['flex_flows'] == []


@pytest.mark.parametrize('args, env', [
    (dict(studio_api_url='not a url', conversations_api_url='ftp://x'), {}),
    (dict(studio_api_url=None, conversations_api_url=None), dict(TWILIO_STUDIO_API_URL='', TWILIO_CONVERSATIONS_API_URL='x')),
], ids=['invalid options', 'environment'])
def test_a_url_the_module_never_uses_cannot_fail_it(args, env, run):
    # flex_flow_info never calls Studio or Conversations: their URLs are not even checked.
    result, failed, replay = run({}, [list_flex_flows([])], module=flex_flow_info, connection=dict(CONNECTION, **args), env=env)

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
def test_an_invalid_url_fails_the_module_that_uses_it_with_that_products_example(module, args, message, run):
    result, failed, replay = run(args, [], module=module)

    assert failed
    assert result['msg'] == message
    assert replay.requests == []


@pytest.mark.parametrize('module, args', [
    (flex_flow, dict(friendly_name=NAME, studio_flow=STUDIO_NAME)),
    (flex_flows, dict(entries=[dict(friendly_name=NAME, studio_flow=STUDIO_NAME)])),
], ids=['flex_flow', 'flex_flows'])
def test_the_managed_products_url_is_checked_before_any_request_even_a_studio_read(module, args, run):
    result, failed, replay = run(dict(args, flex_api_url='flex.example.test'), [], module=module)

    assert failed
    assert result['msg'] == 'flex_api_url "flex.example.test" is not an absolute http(s) base URL such as https://flex-api.twilio.com'
    assert replay.requests == []


def test_a_studio_url_only_a_name_needs_fails_only_when_a_name_is_given(run):
    args = dict(EXTERNAL, studio_api_url='studio.example.test')
    result, failed, replay = run(args, [list_flex_flows([EXTERNAL_FLOW], name=NAME)], module=flex_flow)
    assert not failed, result

    result, failed, replay = run(dict(friendly_name=NAME, studio_flow=STUDIO_NAME, studio_api_url='studio.example.test'), [], module=flex_flow)
    assert failed
    assert result['msg'] == 'studio_api_url "studio.example.test" is not an absolute http(s) base URL such as https://studio.twilio.com'
    assert replay.requests == []


def test_a_studio_url_from_the_environment_is_used_when_the_option_is_not_set(run):
    calls = [Call('GET', 'https://studio-env.example.test/v2/Flows', params={'PageSize': 1000},
                  json=page('flows', [], 'https://studio-env.example.test/v2/Flows'))]
    result, failed, replay = run({}, calls, module=studio_flow_info, connection=dict(CONNECTION, studio_api_url=None),
                                 env=dict(TWILIO_STUDIO_API_URL='https://studio-env.example.test/'))

    assert not failed, result


def test_plain_http_to_a_remote_host_warns(run):
    calls = [Call('GET', 'http://flex.example.test/v1/FlexFlows', params={'FriendlyName': NAME, 'PageSize': 1000},
                  json=page('flex_flows', [], 'http://flex.example.test/v1/FlexFlows'))]
    result, failed, replay = run(dict(friendly_name=NAME, state='absent', flex_api_url='http://flex.example.test'), calls, module=flex_flow)

    assert not failed, result
    assert replay.warnings == ['flex_api_url uses plain http to flex.example.test: credentials cross the network unencrypted']


def test_plain_http_to_loopback_does_not_warn(run):
    local = 'http://127.0.0.1:8642/flex-api'
    calls = [Call('GET', local + '/v1/FlexFlows', params={'FriendlyName': NAME, 'PageSize': 1000},
                  json=page('flex_flows', [], local + '/v1/FlexFlows'))]
    result, failed, replay = run(dict(friendly_name=NAME, state='absent', flex_api_url=local), calls, module=flex_flow)

    assert not failed, result
    assert replay.warnings == []


def test_plain_http_warns_once_per_product_however_many_requests(run):
    calls = [Call('GET', 'http://studio.example.test/v2/Flows', params={'PageSize': 1000},
                  json=page('flows', [studio_flow()], 'http://studio.example.test/v2/Flows', 'http://studio.example.test/v2/Flows?Page=1')),
             Call('GET', 'http://studio.example.test/v2/Flows?Page=1', json=page('flows', [], 'http://studio.example.test/v2/Flows?Page=1'))]
    result, failed, replay = run(dict(studio_api_url='http://studio.example.test'), calls, module=studio_flow_info)

    assert not failed, result
    assert replay.warnings == ['studio_api_url uses plain http to studio.example.test: credentials cross the network unencrypted']


def test_requests_go_to_each_products_configured_host_only(run):
    args = dict(friendly_name=NAME, studio_flow=STUDIO_NAME)
    form = {'FriendlyName': NAME, 'ChatServiceSid': CHAT_SERVICE_SID, 'ChannelType': 'web', 'IntegrationType': 'studio',
            'Integration.FlowSid': STUDIO_SID}
    calls = [list_studio_flows([studio_flow()]), list_flex_flows([], name=NAME), get_configuration(),
             create_flex_flow(form, flex_flow_record())]
    result, failed, replay = run(args, calls, module=flex_flow)

    assert not failed, result
    assert [r['url'].split('/v')[0] for r in replay.requests] == [STUDIO, FLEX, FLEX, FLEX]


# -- edge and region: Twilio's host of every product, as its SDKs build it ------------------------

# Credentials only: the products' URLs are left to edge and region (canned.CONNECTION sets them all).
CREDENTIALS_ONLY = dict(account_sid=ACCOUNT_SID, auth_token=AUTH_TOKEN)


def configuration_at(base):
    return Call('GET', base + '/v1/Configuration', json=configuration())


@pytest.mark.parametrize('args, env, base', [
    (dict(edge='sydney'), {}, 'https://flex-api.sydney.us1.twilio.com'),
    (dict(edge='dublin', region='us1'), {}, 'https://flex-api.dublin.us1.twilio.com'),
    (dict(region='us1'), {}, 'https://flex-api.us1.twilio.com'),
    ({}, dict(TWILIO_EDGE='tokyo'), 'https://flex-api.tokyo.us1.twilio.com'),
    ({}, dict(TWILIO_EDGE='tokyo', TWILIO_REGION='us1'), 'https://flex-api.tokyo.us1.twilio.com'),
    ({}, dict(TWILIO_REGION='us1'), 'https://flex-api.us1.twilio.com'),
    # The option wins over its environment variable, each on its own, as for every connection option.
    (dict(edge='sydney'), dict(TWILIO_EDGE='tokyo'), 'https://flex-api.sydney.us1.twilio.com'),
    (dict(edge='sydney'), dict(TWILIO_REGION='us1'), 'https://flex-api.sydney.us1.twilio.com'),
    (dict(region='us1'), dict(TWILIO_EDGE='frankfurt'), 'https://flex-api.frankfurt.us1.twilio.com'),
    # Empty counts as not set, as for the URLs.
    (dict(edge=''), {}, 'https://flex-api.twilio.com'),
    ({}, dict(TWILIO_EDGE='', TWILIO_REGION=''), 'https://flex-api.twilio.com'),
], ids=['edge option', 'edge and region us1', 'region us1 alone', 'edge from env', 'edge and region from env', 'region from env',
        'edge option over env', 'edge option with env region', 'region option with env edge', 'empty edge', 'empty env'])
def test_edge_and_region_build_the_host_the_request_goes_to(args, env, base, run):
    result, failed, replay = run(args, [configuration_at(base)], module=flex_configuration_info, connection=CREDENTIALS_ONLY, env=env)

    assert not failed, result
    assert [request['url'] for request in replay.requests] == [base + '/v1/Configuration']
    assert replay.warnings == []


def test_every_product_of_a_run_goes_through_the_edge(run):
    args = dict(friendly_name=NAME, studio_flow=STUDIO_NAME, state='present')
    studio, flex = 'https://studio.sydney.us1.twilio.com', 'https://flex-api.sydney.us1.twilio.com'
    calls = [Call('GET', studio + '/v2/Flows', params={'PageSize': 1000}, json=page('flows', [studio_flow()], studio + '/v2/Flows')),
             Call('GET', flex + '/v1/FlexFlows', params={'FriendlyName': NAME, 'PageSize': 1000},
                  json=page('flex_flows', [], flex + '/v1/FlexFlows')),
             configuration_at(flex)]
    result, failed, replay = run(dict(args, edge='sydney'), calls, module=flex_flow, connection=CREDENTIALS_ONLY, check_mode=True)

    assert not failed, result
    assert [request['url'].split('/v')[0] for request in replay.requests] == [studio, flex, flex]


@pytest.mark.parametrize('connection, env', [
    (dict(CREDENTIALS_ONLY, flex_api_url=FLEX), dict(TWILIO_EDGE='sydney', TWILIO_REGION='us1')),
    (CREDENTIALS_ONLY, dict(TWILIO_FLEX_API_URL=FLEX, TWILIO_EDGE='sydney')),
    (dict(CREDENTIALS_ONLY, flex_api_url=FLEX, edge='sydney', region='us1'), {}),
    (dict(CREDENTIALS_ONLY, edge='sydney'), dict(TWILIO_FLEX_API_URL=FLEX)),
], ids=['url option, env edge and region', 'env url and edge', 'url, edge and region options', 'env url, edge option'])
def test_an_explicit_url_wins_over_edge_and_region(connection, env, run):
    result, failed, replay = run({}, [get_configuration()], module=flex_configuration_info, connection=connection, env=env)

    assert not failed, result
    assert [request['url'] for request in replay.requests] == [CONFIGURATION]


def test_an_explicit_url_wins_for_its_product_only(run):
    # Studio's URL is given; Flex's comes from the edge.
    flex = 'https://flex-api.umatilla.us1.twilio.com'
    calls = [list_studio_flows([studio_flow()]),
             Call('GET', flex + '/v1/FlexFlows', params={'FriendlyName': NAME, 'PageSize': 1000},
                  json=page('flex_flows', [], flex + '/v1/FlexFlows')),
             configuration_at(flex)]
    result, failed, replay = run(dict(friendly_name=NAME, studio_flow=STUDIO_NAME, edge='umatilla'), calls, module=flex_flow,
                                 connection=dict(CREDENTIALS_ONLY, studio_api_url=STUDIO), check_mode=True)

    assert not failed, result
    assert [request['url'].split('/v')[0] for request in replay.requests] == [STUDIO, flex, flex]


REGION_REFUSED = ('is not us1: the collection works on a Flex account, and Twilio offers the Twilio Flex API and Twilio Sync API '
                  'only in its US1 region (https://www.twilio.com/docs/global-infrastructure/regional-product-and-feature-availability); '
                  'leave the region unset or set it to us1 (an edge alone goes to us1)')
NOT_AN_EDGE = 'is not a Twilio edge name%s: lower-case letters and digits, with single hyphens inside, such as sydney, dublin or ashburn'


@pytest.mark.parametrize('module, args, env, message', [
    (flex_configuration_info, dict(region='ie1'), {}, 'region "ie1" ' + REGION_REFUSED),
    (flex_configuration_info, dict(region='au1', edge='sydney'), {}, 'region "au1" ' + REGION_REFUSED),
    (flex_configuration_info, {}, dict(TWILIO_REGION='ie1', TWILIO_EDGE='dublin'),
     'region "ie1" (from the environment variable TWILIO_REGION) ' + REGION_REFUSED),
    # Refused even when every URL the module uses is given: the region is a mistake all the same.
    (flex_configuration_info, dict(region='ie1', flex_api_url=FLEX), {}, 'region "ie1" ' + REGION_REFUSED),
    # The option wins over the environment variable, in a refusal too.
    (flex_configuration_info, dict(region='ie1'), dict(TWILIO_REGION='us1'), 'region "ie1" ' + REGION_REFUSED),
    (studio_flow_info, dict(region='ie1'), {}, 'region "ie1" ' + REGION_REFUSED),
    (flex_configuration_info, dict(edge='Sydney'), {}, 'edge "Sydney" ' + NOT_AN_EDGE % ' (in lower case: sydney)'),
    (flex_configuration_info, {}, dict(TWILIO_EDGE='sydney.us1'),
     'edge "sydney.us1" (from the environment variable TWILIO_EDGE) ' + NOT_AN_EDGE % ''),
    (flex_configuration_info, dict(region='US1'), {},
     'region "US1" is not a Twilio region name (in lower case: us1): lower-case letters and digits, with single hyphens inside, '
     'such as us1'),
], ids=['ie1 option', 'au1 with an edge', 'ie1 from env', 'ie1 with every url given', 'option over env', 'studio module',
        'edge in capitals', 'edge from env with a dot', 'region in capitals'])
def test_a_region_other_than_us1_or_a_malformed_name_is_refused_before_any_request(module, args, env, message, run):
    result, failed, replay = run(args, [], module=module, connection=CREDENTIALS_ONLY, env=env)

    assert failed
    assert result['msg'] == message
    assert replay.requests == []
    assert_no_secrets(result, replay)


def test_an_answer_that_is_not_twilios_asks_about_the_edge_and_region_that_built_the_host(run):
    base = 'https://flex-api.sydney.us1.twilio.com'
    calls = [Call('GET', base + '/v1/Configuration', content=b'<html>Not the API</html>')]
    result, failed, replay = run(dict(edge='sydney'), calls, module=flex_configuration_info, connection=CREDENTIALS_ONLY)

    assert failed
    assert result['msg'] == ('GET /v1/Configuration answered HTTP 200: the answer is not JSON (Content-Type text/html; charset=utf-8); '
                             'are edge and region right (https://flex-api.sydney.us1.twilio.com is built from them)?')
