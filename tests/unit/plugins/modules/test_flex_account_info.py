# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""flex_account_info against replayed HTTP: every test lists the exact requests the module must send."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.twilio_ops.flex.plugins.modules import flex_account_info
from ansible_collections.twilio_ops.flex.tests.unit.canned import (
    CHAT_SERVICE_SID,
    CONFIGURATION,
    CONNECTION,
    STUDIO_FLOWS,
    STUDIO_SID_2,
    configuration,
    get_configuration,
    list_studio_flows,
    page,
    studio_flow,
    twilio_error,
)
from ansible_collections.twilio_ops.flex.tests.unit.replay import Call

WEBCHAT = studio_flow()
SALES = studio_flow(STUDIO_SID_2, 'Sales', status='draft')


MODULE = flex_account_info


def test_by_default_reads_the_configuration_then_the_studio_flows(run):
    result, failed, replay = run({}, [get_configuration(), list_studio_flows([SALES, WEBCHAT])])

    assert not failed, result
    assert result['changed'] is False
    assert result['chat_service_sid'] == CHAT_SERVICE_SID
    assert result['flex_configuration'] == configuration()
    assert result['studio_flows'] == [SALES, WEBCHAT]
    assert result['retries'] == []
    assert replay.warnings == []
    # One session for both reads: one connection pool, one set of credentials.
    assert replay.session.auth == (CONNECTION['account_sid'], CONNECTION['auth_token'])
    assert replay.session.headers['User-Agent'].startswith('twilio_ops.flex (Ansible module flex_account_info; ')


def test_check_mode_reads_as_usual(run):
    result, failed, dummy = run({}, [get_configuration(), list_studio_flows([WEBCHAT])], check_mode=True)

    assert not failed, result
    assert result['chat_service_sid'] == CHAT_SERVICE_SID
    assert result['studio_flows'] == [WEBCHAT]


@pytest.mark.parametrize('subset, expected', [
    ('configuration', {'chat_service_sid', 'flex_configuration'}),
    ('studio_flows', {'studio_flows'}),
])
def test_one_subset_reads_only_that(subset, expected, run):
    calls = [get_configuration()] if subset == 'configuration' else [list_studio_flows([WEBCHAT])]
    result, failed, dummy = run(dict(gather_subset=[subset]), calls)

    assert not failed, result
    assert set(result) - {'changed', 'retries', 'invocation', 'warnings'} == expected


def test_an_empty_subset_sends_no_request(run):
    result, failed, replay = run(dict(gather_subset=[]), [])

    assert not failed, result
    assert replay.requests == []
    assert 'studio_flows' not in result and 'chat_service_sid' not in result


def test_flex_not_set_up_gives_a_null_chat_service(run):
    result, failed, dummy = run(dict(gather_subset=['configuration']), [get_configuration(None)])

    assert not failed, result
    assert result['chat_service_sid'] is None


def test_every_page_of_studio_flows_is_read(run):
    next_page = STUDIO_FLOWS + '?PageSize=1000&Page=1&PageToken=PAFW1'
    calls = [get_configuration(),
             Call('GET', STUDIO_FLOWS, params={'PageSize': 1000}, json=page('flows', [SALES], STUDIO_FLOWS, next_page)),
             Call('GET', next_page, json=page('flows', [WEBCHAT], next_page))]
    result, failed, dummy = run({}, calls)

    assert not failed, result
    assert result['studio_flows'] == [SALES, WEBCHAT]


def test_twilios_404_for_the_configuration_means_flex_is_not_set_up(run):
    calls = [Call('GET', CONFIGURATION, status=404, json=twilio_error(404, 20404, 'The requested resource /Configuration was not found')),
             list_studio_flows([WEBCHAT])]
    result, failed, replay = run({}, calls)

    assert not failed, result
    assert result['flex_configuration'] == {}
    assert result['chat_service_sid'] is None
    assert result['studio_flows'] == [WEBCHAT]


def test_a_failed_configuration_read_stops_before_studio(run):
    calls = [Call('GET', CONFIGURATION, status=403, json=twilio_error(403, 20403, 'Forbidden'))]
    result, failed, replay = run({}, calls)

    assert failed
    assert result['msg'].startswith('GET /v1/Configuration answered HTTP 403, Twilio error 20403: Forbidden')
    assert result['error']['path'] == '/v1/Configuration'
    assert result['retries'] == []
    assert 'studio_flows' not in result
    assert len(replay.requests) == 1


def test_a_failed_studio_read_names_the_studio_path(run):
    calls = [get_configuration(),
             Call('GET', STUDIO_FLOWS, params={'PageSize': 1000}, status=403, json=twilio_error(403, 20003, 'Authenticate'))]
    result, failed, dummy = run({}, calls)

    assert failed
    assert result['error'] == dict(status=403, code=20003, message='Authenticate', more_info='https://www.twilio.com/docs/errors/20003',
                                   method='GET', path='/v2/Flows')


def test_retries_are_reported_across_both_reads(run):
    calls = [Call('GET', CONFIGURATION, status=503, headers={'Retry-After': '1'}), get_configuration(),
             Call('GET', STUDIO_FLOWS, params={'PageSize': 1000}, status=429, headers={'Retry-After': '2'}),
             list_studio_flows([WEBCHAT])]
    result, failed, replay = run({}, calls)

    assert not failed, result
    assert replay.sleeps == [1.0, 2.0]
    assert result['retries'] == [dict(method='GET', path='/v1/Configuration', reason=503, wait=1.0, outcome='retrying'),
                                 dict(method='GET', path='/v2/Flows', reason=429, wait=2.0, outcome='retrying')]


def test_an_unknown_subset_fails_before_any_request(run):
    result, failed, replay = run(dict(gather_subset=['flex_flows']), [])

    assert failed
    assert 'gather_subset' in result['msg'] and 'flex_flows' in result['msg']
    assert replay.requests == []
