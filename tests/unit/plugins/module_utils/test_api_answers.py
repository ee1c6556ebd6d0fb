# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""What _api makes of Twilio's answers: TwilioApiError (error bodies and their classification),
the checks that only Twilio's own answers count (404s, shapes, redirects), and the account SID
seen in answers. The rest of the client's specification, and how these tests drive it:
api_support.py."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.twilio_ops.flex.plugins.modules import conversations_address_info, flex_flow, flex_flow_info, studio_flow_info
from ansible_collections.twilio_ops.flex.tests.unit.canned import (
    ACCOUNT_SID,
    ADDRESSES,
    API_KEY,
    API_SECRET,
    CONFIGURATION,
    EXTERNAL,
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
    configuration,
    create_flex_flow,
    flex_flow as flex_flow_record,
    get_configuration,
    list_flex_flows,
    list_studio_flows,
    studio_flow,
    twilio_error,
)
from ansible_collections.twilio_ops.flex.tests.unit.plugins.module_utils.api_support import FLEX_HINT, TwilioApiError, response
from ansible_collections.twilio_ops.flex.tests.unit.replay import Call


FLOW_URL = '%s/%s' % (FLEX_FLOWS, FLOW_SID)


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


# -- answers that are not Twilio's ---------------------------------------------------------------------


def test_non_json_success_fails_with_a_hint(run_configuration):
    result, failed, dummy = run_configuration([Call('GET', CONFIGURATION, content=b'<html>Flex</html>')])

    assert failed
    assert result['msg'] == ('GET /v1/Configuration answered HTTP 200: the answer is not JSON (Content-Type text/html; charset=utf-8); '
                             + FLEX_HINT)


def test_an_html_page_instead_of_a_list_fails_with_a_hint(run):
    calls = [Call('GET', FLEX_FLOWS, params={'FriendlyName': NAME, 'PageSize': 1000}, content=b'<html>Not the API</html>')]
    result, failed, dummy = run(dict(friendly_name=NAME, state='absent'), calls, module=flex_flow)

    assert failed
    assert FLEX_HINT in result['msg']
    assert 'text/html' in result['msg']


HTML_404 = "answered HTTP 404: Not Found, not a Twilio error (text/html); " + FLEX_HINT


@pytest.mark.parametrize('module, args', [
    (flex_flow, dict(sid=FLOW_SID, state='absent')),
    (flex_flow_info, dict(sid=FLOW_SID)),
], ids=['flex_flow absent', 'flex_flow_info'])
def test_an_html_404_is_an_error_not_absent(module, args, run):
    result, failed, replay = run(args, [Call('GET', FLOW_URL, status=404, content=b'<html>No such page</html>')], module=module)

    assert failed
    assert result['msg'] == 'GET /v1/FlexFlows/%s %s' % (FLOW_SID, HTML_404)
    assert result['error'] == dict(status=404, code=None, message=HTML_404.split(': ', 1)[1], more_info=None, method='GET',
                                   path='/v1/FlexFlows/%s' % FLOW_SID)
    assert len(replay.requests) == 1


@pytest.mark.parametrize('body', [
    dict(message='Not found'),                 # no code
    dict(code=20001, message='Bad request'),   # another code
])
def test_a_json_404_without_twilios_not_found_code_is_an_error(body, run):
    result, failed, replay = run(dict(sid=FLOW_SID, state='absent'), [Call('GET', FLOW_URL, status=404, json=body)], module=flex_flow)

    assert failed
    assert result['msg'].startswith('GET /v1/FlexFlows/%s answered HTTP 404' % FLOW_SID)


@pytest.mark.parametrize('module, args, expected', [
    (flex_flow, dict(sid=FLOW_SID, state='absent'), dict(changed=False, operation='none', flex_flow={})),
    (flex_flow_info, dict(sid=FLOW_SID), dict(changed=False, flex_flows=[])),
], ids=['flex_flow absent', 'flex_flow_info'])
def test_only_twilios_404_with_code_20404_means_absent(module, args, expected, run):
    result, failed, replay = run(args, [Call('GET', FLOW_URL, status=404, json=dict(code=20404))], module=module)

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
def test_a_list_answer_without_twilios_shape_is_an_error_with_the_hint(body, run):
    result, failed, replay = run({}, [Call('GET', FLEX_FLOWS, params={'PageSize': 1000}, json=body)], module=flex_flow_info)

    assert failed
    assert result['msg'].endswith(LIST_SHAPE)
    assert result['error']['message'] == LIST_SHAPE
    assert result['error']['path'] == '/v1/FlexFlows'
    assert len(replay.requests) == 1


@pytest.mark.parametrize('body', [[flex_flow_record()], 'text', 5, {'hello': 'world'}, dict(flex_flow_record(), sid=STUDIO_SID),
                                  dict(flex_flow_record(), sid=None)],
                         ids=['a list', 'text', 'a number', 'another object', 'another SID type', 'no sid'])
def test_an_instance_answer_that_is_not_a_resource_is_an_error_with_the_hint(body, run):
    result, failed, replay = run(dict(sid=FLOW_SID), [Call('GET', FLOW_URL, json=body)], module=flex_flow_info)

    assert failed
    assert result['error']['message'] == 'the answer is not a JSON object with a Flex Flow SID (FO...) as Twilio sends; ' + FLEX_HINT
    assert result['error']['path'] == '/v1/FlexFlows/%s' % FLOW_SID


def test_an_instance_answer_about_another_resource_is_an_error_with_the_hint(run):
    result, failed, replay = run(dict(sid=FLOW_SID), [Call('GET', FLOW_URL, json=flex_flow_record(sid=FLOW_SID_2))], module=flex_flow_info)

    assert failed
    assert result['error']['message'] == 'the answer is about Flex Flow %s, not the one asked for; %s' % (FLOW_SID_2, FLEX_HINT)


def test_a_list_record_without_a_sid_of_the_family_is_an_error_with_the_hint(run):
    body = dict(flex_flows=[flex_flow_record(), {'hello': 'world'}], meta=dict(next_page_url=None))
    result, failed, replay = run({}, [Call('GET', FLEX_FLOWS, params={'PageSize': 1000}, json=body)], module=flex_flow_info)

    assert failed
    assert result['error']['message'] == 'the answer is not a list page of objects each with a Flex Flow SID (FO...) as Twilio sends; ' + FLEX_HINT


@pytest.mark.parametrize('status, answer', [(201, {'hello': 'world'}), (204, None), (201, []), (201, flex_flow_record(sid=STUDIO_SID))],
                         ids=['another object', 'no body', 'a list', 'another SID type'])
def test_a_write_answered_without_the_resource_is_an_error_not_a_create(status, answer, run_create):
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
def test_the_hint_names_the_url_option_of_the_product_that_answered(module, call, option, base, default, run):
    result, failed, replay = run({}, [call], module=module)

    assert failed
    assert result['msg'].endswith("as Twilio sends; is %s right (%s; Twilio's is %s)?" % (option, base, default))


def test_the_hint_names_every_product_given_the_same_url(run):
    # One URL given for Flex and Studio: which option is wrong cannot be told, so both are named.
    calls = [Call('GET', STUDIO + '/v2/Flows', params={'PageSize': 1000}, content=b'<html>Not the API</html>')]
    result, failed, replay = run(dict(friendly_name=NAME, studio_flow=STUDIO_NAME, flex_api_url=STUDIO), calls, module=flex_flow)

    assert failed
    assert result['msg'].endswith("is flex_api_url or studio_api_url right (%s; Twilio's are https://flex-api.twilio.com and "
                                  "https://studio.twilio.com)?" % STUDIO)


def test_a_shape_error_names_the_request_and_no_status(run):
    result, failed, replay = run({}, [Call('GET', FLEX_FLOWS, params={'PageSize': 1000}, json=['a', 'list'])], module=flex_flow_info)

    assert failed
    assert result['msg'] == 'GET /v1/FlexFlows: ' + LIST_SHAPE
    assert result['error']['status'] is None


def test_redirect_on_a_read_fails_cleanly(run_configuration):
    # The client does not follow redirects (credentials must not follow one), so a 3xx answer
    # is not the API's answer: the module must fail with a message, not crash or carry on.
    calls = [Call('GET', CONFIGURATION, status=301, headers={'Location': 'https://elsewhere.example.test/v1/Configuration'})]
    result, failed, replay = run_configuration(calls)

    assert failed
    assert result['msg'] == ('GET /v1/Configuration answered HTTP 301: redirected to https://elsewhere.example.test/v1/Configuration; '
                             + FLEX_HINT)
    assert replay.sleeps == []


def test_redirect_on_create_is_not_reported_as_created(run_create):
    calls = [list_flex_flows([], name=NAME),
             Call('POST', FLEX_FLOWS, form=EXTERNAL_FORM, status=307, headers={'Location': 'https://elsewhere.example.test/v1/FlexFlows'})]
    result, failed, dummy = run_create(calls)

    assert failed, result
    assert result['msg'].startswith('POST /v1/FlexFlows answered HTTP 307: redirected to https://elsewhere.example.test/v1/FlexFlows')
    assert 'flex_flow' not in result


# -- the account SID seen in answers ----------------------------------------------------------------------------


def test_a_check_mode_create_with_an_api_key_predicts_the_account_from_an_answer(run):
    connection = dict(api_key=API_KEY, api_secret=API_SECRET, flex_api_url=FLEX, studio_api_url=STUDIO)
    calls = [list_studio_flows([studio_flow()]), list_flex_flows([], name=NAME), get_configuration()]
    result, failed, replay = run(dict(friendly_name=NAME, studio_flow=STUDIO_NAME), calls, module=flex_flow, connection=connection,
                                 check_mode=True)

    assert not failed, result
    assert result['flex_flow']['account_sid'] == ACCOUNT_SID
    assert result['flex_flow']['sid'] is None
    assert [request['method'] for request in replay.requests] == ['GET', 'GET', 'GET']


@pytest.mark.parametrize('args, calls', [
    # A list page: its first record names the account (a near miss of the name filter here).
    (EXTERNAL, [list_flex_flows([flex_flow_record(sid=FLOW_SID_2, name='webchat EN')], name=NAME)]),
    # A fetched object: the Flex Configuration (EXTERNAL without its chat_service_sid, which the Configuration supplies).
    (dict((key, value) for key, value in EXTERNAL.items() if key != 'chat_service_sid'), [list_flex_flows([], name=NAME), get_configuration()]),
], ids=['from a list', 'from a fetch'])
def test_the_account_is_predicted_from_whichever_answer_names_it(args, calls, run):
    connection = dict(api_key=API_KEY, api_secret=API_SECRET, flex_api_url=FLEX)
    result, failed, replay = run(args, calls, module=flex_flow, connection=connection, check_mode=True)

    assert not failed, result
    assert result['operation'] == 'create'
    assert result['flex_flow']['account_sid'] == ACCOUNT_SID


def test_an_answer_without_a_valid_account_sid_predicts_nothing(run):
    connection = dict(api_key=API_KEY, api_secret=API_SECRET, flex_api_url=FLEX, studio_api_url=STUDIO)
    calls = [list_studio_flows([dict(studio_flow(), account_sid='AC-not-a-sid')]), list_flex_flows([], name=NAME),
             Call('GET', CONFIGURATION, json=dict(configuration(), account_sid=None))]
    result, failed, replay = run(dict(friendly_name=NAME, studio_flow=STUDIO_NAME), calls, module=flex_flow, connection=connection,
                                 check_mode=True)

    assert not failed, result
    assert result['flex_flow']['account_sid'] is None


def test_the_account_sid_option_wins_over_what_answers_say(run):
    near_miss = flex_flow_record(sid=FLOW_SID_2, name='webchat EN', account_sid='AC' + 'f' * 32)
    calls = [list_flex_flows([near_miss], name=NAME)]
    result, failed, replay = run(EXTERNAL, calls, module=flex_flow, check_mode=True)

    assert not failed, result
    assert result['flex_flow']['account_sid'] == ACCOUNT_SID
