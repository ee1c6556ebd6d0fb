# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""studio_flow_info against replayed HTTP: every test lists the exact requests the module must send."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.twilio_ops.flex.plugins.modules import studio_flow_info
from ansible_collections.twilio_ops.flex.tests.unit.canned import (
    CONNECTION,
    FLOW_SID,
    STUDIO_FLOWS,
    STUDIO_NAME,
    STUDIO_SID,
    STUDIO_SID_2,
    list_studio_flows,
    page,
    studio_flow,
    twilio_error,
)
from ansible_collections.twilio_ops.flex.tests.unit.replay import Call

STUDIO_URL = '%s/%s' % (STUDIO_FLOWS, STUDIO_SID)
WEBCHAT = studio_flow()
SALES = studio_flow(STUDIO_SID_2, 'Sales', status='draft')


MODULE = studio_flow_info


def test_all_flows(run):
    result, failed, replay = run({}, [list_studio_flows([SALES, WEBCHAT])])

    assert not failed, result
    assert result['changed'] is False
    assert result['studio_flows'] == [SALES, WEBCHAT]
    assert result['retries'] == []
    assert replay.session.auth == (CONNECTION['account_sid'], CONNECTION['auth_token'])


def test_by_name_reads_every_page_and_matches_exactly(run):
    # Studio has no name filter: no FriendlyName parameter is sent, pages are followed.
    next_page = STUDIO_FLOWS + '?PageSize=1000&Page=1&PageToken=PAFW1'
    near_miss = studio_flow(STUDIO_SID_2, 'webchat flow')
    calls = [Call('GET', STUDIO_FLOWS, params={'PageSize': 1000}, json=page('flows', [near_miss], STUDIO_FLOWS, next_page)),
             Call('GET', next_page, json=page('flows', [WEBCHAT], next_page))]
    result, failed, dummy = run(dict(friendly_name=STUDIO_NAME), calls)

    assert not failed, result
    assert result['studio_flows'] == [WEBCHAT]


def test_by_name_without_match_gives_an_empty_list(run):
    result, failed, dummy = run(dict(friendly_name='Nobody'), [list_studio_flows([SALES, WEBCHAT])])

    assert not failed, result
    assert result['studio_flows'] == []


def test_by_sid_fetches_the_flow(run):
    result, failed, dummy = run(dict(sid=STUDIO_SID), [Call('GET', STUDIO_URL, json=WEBCHAT)])

    assert not failed, result
    assert result['studio_flows'] == [WEBCHAT]


def test_by_sid_returns_the_flow_without_its_definition(run):
    # RETURN documents the flows "as the API lists them (without their definitions)", but the
    # fetch endpoint answers with the whole definition, which can be large.
    fetched = dict(WEBCHAT, definition=dict(description='Webchat', states=[dict(name='Trigger', type='trigger')]))
    result, failed, dummy = run(dict(sid=STUDIO_SID), [Call('GET', STUDIO_URL, json=fetched)])

    assert not failed, result
    assert len(result['studio_flows']) == 1
    assert 'definition' not in result['studio_flows'][0]


def test_by_sid_and_other_name_gives_an_empty_list(run):
    result, failed, dummy = run(dict(sid=STUDIO_SID, friendly_name='Sales'), [Call('GET', STUDIO_URL, json=WEBCHAT)])

    assert not failed, result
    assert result['studio_flows'] == []


def test_by_sid_that_does_not_exist_gives_an_empty_list(run):
    calls = [Call('GET', STUDIO_URL, status=404, json=twilio_error(404, 20404, 'Not found'))]
    result, failed, dummy = run(dict(sid=STUDIO_SID), calls)

    assert not failed, result
    assert result['studio_flows'] == []


def test_flex_flow_sid_fails_before_any_request(run):
    result, failed, replay = run(dict(sid=FLOW_SID), [])

    assert failed
    assert result['msg'] == ('Invalid input, nothing was sent to Twilio: sid "%s" is a Flex Flow SID, expected a Studio Flow SID '
                             '(FW followed by 32 hex digits)' % FLOW_SID)
    assert replay.requests == []


def test_api_error_fails_with_the_twilio_code(run):
    calls = [Call('GET', STUDIO_FLOWS, params={'PageSize': 1000}, status=401, json=twilio_error(401, 20003, 'Authenticate'))]
    result, failed, dummy = run({}, calls)

    assert failed
    assert 'GET /v2/Flows answered HTTP 401, Twilio error 20003: Authenticate' in result['msg']
    assert result['error']['code'] == 20003
    assert CONNECTION['auth_token'] not in repr(result)
