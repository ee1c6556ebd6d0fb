# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""_api's waits: Retry-After, the retry loop, transport failures, the recovery of a create whose
outcome is unknown, and pacing inside Twilio's documented rate limits. The rest of the client's
specification, and how these tests drive it: api_support.py."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import email.utils
import socket
import time

import pytest
import requests
import urllib3

from ansible_collections.twilio_ops.flex.plugins.modules import conversations_address_info, flex_flow, flex_flow_info, flex_flows
from ansible_collections.twilio_ops.flex.tests.unit.canned import (
    ADDRESSES,
    CHAT_SERVICE_SID,
    CONFIGURATION,
    DEMO_URL,
    EXTERNAL_FLOW,
    EXTERNAL_FORM,
    FLEX_FLOWS,
    NAME,
    configuration,
    create_flex_flow,
    delete_flex_flow,
    flex_flow as flex_flow_record,
    get_configuration,
    list_addresses,
    list_flex_flows,
    page,
    twilio_error,
    update_flex_flow,
)
from ansible_collections.twilio_ops.flex.tests.unit.plugins.module_utils.api_support import _api, FLEX_HINT, NEXT_PAGE, response
from ansible_collections.twilio_ops.flex.tests.unit.replay import Call


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


# -- the retry loop --------------------------------------------------------------------------------

UNAVAILABLE = Call('GET', CONFIGURATION, status=503, json=twilio_error(503, 20503, 'Service Unavailable'))


def test_backoff_is_capped_at_ten_seconds(run_configuration):
    # Largest jitter: 1, 2, 4, 8, then the 10 s cap; 35 s spent, another 10 would pass 40.
    result, failed, replay = run_configuration([UNAVAILABLE] * 7, uniform=lambda low, high: high, retry_timeout=40)

    assert failed
    assert replay.sleeps == [1.0, 2.0, 4.0, 8.0, 10.0, 10.0]
    assert len(result['retries']) == 6


def test_backoff_jitter_draws_between_half_and_full_step(run_configuration):
    result, failed, replay = run_configuration([UNAVAILABLE] * 3 + [get_configuration()])

    assert not failed, result
    assert [(low, high) for low, high, dummy in replay.jitter.calls] == [(0.5, 1.0)] * 3
    for step, wait in zip((1.0, 2.0, 4.0), replay.sleeps):
        assert step * 0.5 <= wait <= step


def test_retry_after_http_date_is_honoured(run_configuration):
    later = email.utils.formatdate(time.time() + 20, usegmt=True)
    result, failed, replay = run_configuration([Call('GET', CONFIGURATION, status=429, headers={'Retry-After': later}), get_configuration()])

    assert not failed, result
    assert len(replay.sleeps) == 1
    assert 18.0 <= replay.sleeps[0] <= 20.5
    assert replay.jitter.calls == []


@pytest.mark.parametrize('status', [502, 504])
def test_gateway_errors_are_retried(status, run_configuration):
    result, failed, replay = run_configuration([Call('GET', CONFIGURATION, status=status), get_configuration()])

    assert not failed, result
    assert [r['reason'] for r in result['retries']] == [status]
    assert len(replay.sleeps) == 1


def test_429_with_retry_after_waits_that_long_then_succeeds(run_configuration):
    calls = [Call('GET', CONFIGURATION, status=429, headers={'Retry-After': '2'}, json=twilio_error(429, 20429, 'Too Many Requests')),
             get_configuration()]
    result, failed, replay = run_configuration(calls)

    assert not failed, result
    assert result['flex_configuration'] == configuration()
    assert replay.sleeps == [2.0]
    assert result['retries'] == [dict(method='GET', path='/v1/Configuration', reason=429, wait=2.0, outcome='retrying')]
    assert replay.warnings == ['Twilio GET /v1/Configuration: 429; retrying in 2.0s']


def test_backoff_doubles_until_retry_timeout_is_spent(run_configuration):
    # With the largest jitter the waits are 1, 2, 4 s; a further 8 s would pass retry_timeout=10.
    result, failed, replay = run_configuration([UNAVAILABLE] * 4, uniform=lambda low, high: high, retry_timeout=10)

    assert failed
    assert replay.sleeps == [1.0, 2.0, 4.0]
    assert [r['wait'] for r in result['retries']] == [1.0, 2.0, 4.0]


PERSISTENT_503 = Call('GET', CONFIGURATION, status=503, headers={'Retry-After': '2'}, json=twilio_error(503, 20503, 'Service Unavailable'))


def test_persistent_503_gives_up_once_retry_timeout_is_spent_saying_how_many_attempts(run_configuration):
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


def test_retry_timeout_zero_disables_retries(run_configuration):
    result, failed, replay = run_configuration([PERSISTENT_503], retry_timeout=0)

    assert failed
    assert replay.sleeps == []
    assert result['retries'] == []
    assert 'gave up after 1 attempt(s) within retry_timeout=0.0s' in result['msg']


def test_retry_after_longer_than_retry_timeout_fails_without_waiting(run_configuration):
    calls = [Call('GET', CONFIGURATION, status=429, headers={'Retry-After': '120'}, json=twilio_error(429, 20429, 'Too Many Requests'))]
    result, failed, replay = run_configuration(calls)

    assert failed
    assert replay.sleeps == []
    assert result['msg'].startswith('GET /v1/Configuration answered HTTP 429, Twilio error 20429: Too Many Requests; gave up after 1 attempt(s)')


def test_retries_are_reported_on_success(run_configuration):
    result, failed, replay = run_configuration([Call('GET', CONFIGURATION, status=502, headers={'Retry-After': '3'}), get_configuration()])

    assert not failed, result
    assert replay.sleeps == [3.0]
    assert result['retries'] == [dict(method='GET', path='/v1/Configuration', reason=502, wait=3.0, outcome='retrying')]
    assert replay.warnings == ['Twilio GET /v1/Configuration: 502; retrying in 3.0s']


def test_400_is_not_retried(run_configuration):
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
def test_a_refused_connection_or_unknown_host_is_not_retried_and_the_message_names_the_url(exception, run_configuration):
    result, failed, replay = run_configuration([Call('GET', CONFIGURATION, raises=exception)])

    assert failed
    assert result['msg'] == ('GET /v1/Configuration failed: could not connect to https://flex.example.test '
                             '(connection refused, or the host name does not resolve); ' + FLEX_HINT)
    assert replay.sleeps == []
    assert result['retries'] == []
    assert result['error']['status'] is None


def test_a_dropped_connection_is_retried(run_configuration):
    dropped = requests.exceptions.ConnectionError(urllib3.exceptions.ProtocolError('Connection aborted.', ConnectionResetError(104, 'reset')))
    result, failed, replay = run_configuration([Call('GET', CONFIGURATION, raises=dropped), get_configuration()])

    assert not failed, result
    assert len(replay.sleeps) == 1
    assert result['retries'] == [dict(method='GET', path='/v1/Configuration', reason='connection', wait=round(replay.sleeps[0], 2),
                                      outcome='retrying')]


def test_a_plain_connection_error_is_retried(run_configuration):
    calls = [Call('GET', CONFIGURATION, raises=requests.exceptions.ConnectionError('reset')), get_configuration()]
    result, failed, replay = run_configuration(calls)

    assert not failed, result
    assert [(r['reason'], r['outcome']) for r in result['retries']] == [('connection', 'retrying')]


@pytest.mark.parametrize('exception, reason', [
    (requests.exceptions.ReadTimeout('slow'), 'timeout'),
    (requests.exceptions.ConnectTimeout('no answer'), 'connect-timeout'),
])
def test_timeouts_are_retried(exception, reason, run_configuration):
    result, failed, replay = run_configuration([Call('GET', CONFIGURATION, raises=exception), get_configuration()])

    assert not failed, result
    assert [r['reason'] for r in result['retries']] == [reason]


def test_persistent_timeouts_fail_naming_the_exception(run_configuration):
    timeout = Call('GET', CONFIGURATION, raises=requests.exceptions.ReadTimeout('slow'))
    result, failed, replay = run_configuration([timeout, timeout], uniform=lambda low, high: high, retry_timeout=1.5, timeout=7)

    assert failed
    assert replay.sleeps == [1.0]
    assert result['msg'] == 'GET /v1/Configuration failed: ReadTimeout (timeout 7.0s): slow; gave up after 2 attempt(s) within retry_timeout=1.5s'
    assert result['retries'] == [dict(method='GET', path='/v1/Configuration', reason='timeout', wait=1.0, outcome='retrying')]
    assert result['error']['status'] is None
    assert result['error']['method'] == 'GET'


def test_a_certificate_that_fails_verification_is_not_retried(run_configuration):
    result, failed, replay = run_configuration([Call('GET', CONFIGURATION, raises=requests.exceptions.SSLError('certificate verify failed'))])

    assert failed
    assert 'SSLError' in result['msg'] and 'certificate verify failed' in result['msg']
    assert replay.sleeps == []


# -- a create whose outcome is unknown ------------------------------------------------------------------


def test_post_answered_500_is_recovered_by_lookup_without_a_second_post(run_create):
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


def test_post_answered_503_and_lookup_empty_is_posted_again(run_create):
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


def test_post_read_timeout_and_lookup_empty_is_posted_again(run_create):
    calls = [list_flex_flows([], name=NAME),
             Call('POST', FLEX_FLOWS, form=EXTERNAL_FORM, raises=requests.exceptions.ReadTimeout('read timed out')),
             list_flex_flows([], name=NAME),
             create_flex_flow(EXTERNAL_FORM, EXTERNAL_FLOW)]
    result, failed, dummy = run_create(calls)

    assert not failed, result
    assert result['flex_flow'] == EXTERNAL_FLOW
    assert [(r['reason'], r['outcome']) for r in result['retries']] == [('timeout', 'retrying')]


def test_post_dropped_connection_is_looked_up_before_a_retry(run_create):
    dropped = requests.exceptions.ConnectionError(urllib3.exceptions.ProtocolError('Connection aborted.', ConnectionResetError(104, 'reset')))
    calls = [list_flex_flows([], name=NAME),
             Call('POST', FLEX_FLOWS, form=EXTERNAL_FORM, raises=dropped),
             list_flex_flows([EXTERNAL_FLOW], name=NAME)]
    result, failed, dummy = run_create(calls)

    assert not failed, result
    assert result['flex_flow'] == EXTERNAL_FLOW
    assert [(r['reason'], r['outcome']) for r in result['retries']] == [('connection', 'the create had been applied; found it by lookup')]


def test_post_connect_timeout_is_retried_without_lookup(run_create):
    # A connect timeout means the request never left: nothing to look up.
    calls = [list_flex_flows([], name=NAME),
             Call('POST', FLEX_FLOWS, form=EXTERNAL_FORM, raises=requests.exceptions.ConnectTimeout('connect timed out')),
             create_flex_flow(EXTERNAL_FORM, EXTERNAL_FLOW)]
    result, failed, dummy = run_create(calls)

    assert not failed, result
    assert result['flex_flow'] == EXTERNAL_FLOW
    assert result['retries'][0]['reason'] == 'connect-timeout'


def test_post_refused_is_neither_looked_up_nor_retried(run_create):
    calls = [list_flex_flows([], name=NAME), Call('POST', FLEX_FLOWS, form=EXTERNAL_FORM, raises=refused())]
    result, failed, replay = run_create(calls)

    assert failed
    assert result['msg'].startswith('POST /v1/FlexFlows failed: could not connect to https://flex.example.test')
    assert replay.sleeps == []


def test_post_answered_500_and_lookup_empty_fails_without_second_post(run_create):
    calls = [list_flex_flows([], name=NAME),
             create_flex_flow(EXTERNAL_FORM, twilio_error(500, 20500, 'Internal Server Error'), status=500),
             list_flex_flows([], name=NAME)]
    result, failed, dummy = run_create(calls)

    assert failed
    assert result['msg'] == ('POST /v1/FlexFlows answered HTTP 500, Twilio error 20500: Internal Server Error '
                             '(more info: https://www.twilio.com/docs/errors/20500)')


def test_post_answered_400_fails_at_once_without_lookup(run_create):
    calls = [list_flex_flows([], name=NAME),
             create_flex_flow(EXTERNAL_FORM, twilio_error(400, 20001, 'Invalid Integration.Url'), status=400)]
    result, failed, replay = run_create(calls)

    assert failed
    assert result['msg'] == ('POST /v1/FlexFlows answered HTTP 400, Twilio error 20001: Invalid Integration.Url '
                             '(more info: https://www.twilio.com/docs/errors/20001)')
    assert result['error'] == dict(status=400, code=20001, message='Invalid Integration.Url',
                                   more_info='https://www.twilio.com/docs/errors/20001', method='POST', path='/v1/FlexFlows')
    assert replay.sleeps == []


def test_post_answered_429_is_retried_without_lookup(run_create):
    # 429 means "not processed": safe to send again, no need to look for it.
    calls = [list_flex_flows([], name=NAME),
             create_flex_flow(EXTERNAL_FORM, twilio_error(429, 20429, 'Too Many Requests'), status=429),
             create_flex_flow(EXTERNAL_FORM, EXTERNAL_FLOW)]
    result, failed, replay = run_create(calls, uniform=lambda low, high: high)

    assert not failed, result
    assert result['flex_flow'] == EXTERNAL_FLOW
    assert replay.sleeps == [1.0]
    assert [(r['method'], r['reason']) for r in result['retries']] == [('POST', 429)]


def test_update_answered_503_is_retried_without_lookup(run):
    calls = [list_flex_flows([flex_flow_record(enabled=False)], name=NAME),
             update_flex_flow({'Enabled': 'true'}, twilio_error(503, 20503, 'Service Unavailable'), status=503),
             update_flex_flow({'Enabled': 'true'}, flex_flow_record())]
    result, failed, replay = run(dict(friendly_name=NAME, enabled=True), calls, module=flex_flow, uniform=lambda low, high: high)

    assert not failed, result
    assert result['flex_flow'] == flex_flow_record()
    # The backoff (1 s) is shorter than the update pacing (1.05 s): the pacing adds the rest.
    assert replay.sleeps == pytest.approx([1.0, 0.05])


# -- pacing inside Twilio's documented rate limits ------------------------------------------------------------


def external(name):
    return dict(friendly_name=name, chat_service_sid=CHAT_SERVICE_SID, integration_type='external',
                integration=dict(url='https://hooks.example.test/webchat'))


def external_form(name):
    return dict(EXTERNAL_FORM, FriendlyName=name)


def flow(number, name, **overrides):
    return flex_flow_record(sid='FO%032d' % number, name=name, **overrides)


def test_consecutive_creates_are_spaced_by_the_create_rate(run):
    calls = [list_flex_flows([])] + [create_flex_flow(external_form(name), flow(number, name)) for number, name in enumerate('abc')]
    result, failed, replay = run(dict(entries=[external(name) for name in 'abc']), calls, module=flex_flows)

    assert not failed, result
    assert replay.sleeps == pytest.approx([1.05 / 2] * 2)


def test_consecutive_updates_are_spaced_by_the_update_rate(run):
    existing = [flow(number, name, enabled=False) for number, name in enumerate('abc')]
    calls = [list_flex_flows(existing)] + [update_flex_flow({'Enabled': 'true'}, flow(number, name), sid=flow(number, name)['sid'])
                                           for number, name in enumerate('abc')]
    result, failed, replay = run(dict(entries=[dict(friendly_name=name, enabled=True) for name in 'abc']), calls, module=flex_flows)

    assert not failed, result
    assert replay.sleeps == pytest.approx([1.05] * 2)


def test_consecutive_deletes_are_spaced_by_the_delete_rate(run):
    existing = [flow(number, name) for number, name in enumerate('abc')]
    calls = [list_flex_flows(existing)] + [delete_flex_flow(record['sid']) for record in existing]
    result, failed, replay = run(dict(entries=[dict(friendly_name=name, state='absent') for name in 'abc']), calls, module=flex_flows)

    assert not failed, result
    assert replay.sleeps == pytest.approx([1.05 / 2] * 2)


def test_list_pages_are_spaced_by_the_list_rate(run):
    third = FLEX_FLOWS + '?Page=2'
    calls = [list_flex_flows([], next_page_url=NEXT_PAGE), Call('GET', NEXT_PAGE, json=page('flex_flows', [], NEXT_PAGE, third)),
             Call('GET', third, json=page('flex_flows', [], third))]
    result, failed, replay = run({}, calls, module=flex_flow_info)

    assert not failed, result
    assert replay.sleeps == pytest.approx([1.05 / 10] * 2)


def test_rate_classes_are_paced_apart_and_a_retry_wait_counts_as_spacing(run):
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
    result, failed, replay = run(dict(entries=entries), calls, module=flex_flows, uniform=lambda low, high: high)

    assert not failed, result
    assert replay.sleeps == pytest.approx([1.05 / 2, 1.0, 2.0])


def test_conversations_addresses_have_no_documented_rate_and_are_not_paced(run):
    next_page = ADDRESSES + '?Page=1'
    calls = [list_addresses([], next_page_url=next_page), Call('GET', next_page, json=page('address_configurations', [], next_page))]
    result, failed, replay = run({}, calls, module=conversations_address_info)

    assert not failed, result
    assert replay.sleeps == []
