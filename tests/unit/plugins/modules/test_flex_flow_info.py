# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""flex_flow_info against replayed HTTP: every test lists the exact requests the module must send.
Paging, retries and answers that are not Twilio's are the client's, in module_utils/test_api_*.py."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.twilio_ops.flex.plugins.modules import flex_flow_info
from ansible_collections.twilio_ops.flex.tests.unit.canned import (
    FLEX_FLOWS,
    FLOW_SID,
    FLOW_SID_2,
    NAME,
    STUDIO_SID,
    flex_flow,
    get_flex_flow,
    list_flex_flows,
    page,
    twilio_error,
)
from ansible_collections.twilio_ops.flex.tests.unit.replay import Call

FLOW_SID_3 = 'FO33333333333333333333333333333333'
NEXT_PAGE = FLEX_FLOWS + '?PageSize=1000&Page=1&PageToken=PAFO22222222222222222222222222222222'

WEB = flex_flow()
SMS = flex_flow(sid=FLOW_SID_2, name='SMS support', channel_type='sms', contact_identity='+15005550006')
WHATSAPP = flex_flow(sid=FLOW_SID_3, name='WhatsApp', channel_type='whatsapp', contact_identity='whatsapp:+15005550006')


MODULE = flex_flow_info


def test_all_flows_over_two_pages(run):
    calls = [list_flex_flows([WEB, SMS], next_page_url=NEXT_PAGE),
             Call('GET', NEXT_PAGE, json=page('flex_flows', [WHATSAPP], NEXT_PAGE))]
    result, failed, replay = run({}, calls)

    assert not failed, result
    assert result['changed'] is False
    assert result['flex_flows'] == [WEB, SMS, WHATSAPP]
    assert result['retries'] == []
    assert replay.warnings == []


def test_no_flows_gives_an_empty_list(run):
    result, failed, dummy = run({}, [list_flex_flows([])])

    assert not failed, result
    assert result['flex_flows'] == []


def test_by_friendly_name_keeps_exact_matches_only(run):
    # The API's FriendlyName filter may return near misses; only the exact name is kept.
    near_miss = flex_flow(sid=FLOW_SID_2, name='webchat EN')
    result, failed, dummy = run(dict(friendly_name=NAME), [list_flex_flows([near_miss, WEB], name=NAME)])

    assert not failed, result
    assert result['flex_flows'] == [WEB]


def test_by_friendly_name_with_no_match_gives_an_empty_list(run):
    result, failed, dummy = run(dict(friendly_name='Nobody'), [list_flex_flows([], name='Nobody')])

    assert not failed, result
    assert result['flex_flows'] == []


def test_by_channel_type_filters_client_side(run):
    # The list endpoint has no channel filter: every flow is read and filtered here.
    calls = [list_flex_flows([WEB, SMS], next_page_url=NEXT_PAGE),
             Call('GET', NEXT_PAGE, json=page('flex_flows', [WHATSAPP], NEXT_PAGE))]
    result, failed, dummy = run(dict(channel_type='sms'), calls)

    assert not failed, result
    assert result['flex_flows'] == [SMS]


def test_by_friendly_name_and_channel_type(run):
    result, failed, dummy = run(dict(friendly_name=NAME, channel_type='sms'), [list_flex_flows([WEB], name=NAME)])

    assert not failed, result
    assert result['flex_flows'] == []


def test_by_sid_fetches_the_flow(run):
    result, failed, dummy = run(dict(sid=FLOW_SID), [get_flex_flow(WEB)])

    assert not failed, result
    assert result['flex_flows'] == [WEB]


def test_by_sid_that_does_not_exist_gives_an_empty_list(run):
    result, failed, dummy = run(dict(sid=FLOW_SID), [get_flex_flow(None)])

    assert not failed, result
    assert result['flex_flows'] == []


@pytest.mark.parametrize('args', [dict(friendly_name='Another name'), dict(channel_type='sms')])
def test_by_sid_with_a_filter_that_does_not_match(args, run):
    result, failed, dummy = run(dict(args, sid=FLOW_SID), [get_flex_flow(WEB)])

    assert not failed, result
    assert result['flex_flows'] == []


@pytest.mark.parametrize('sid, problem', [
    ('FO123', 'is not a Flex Flow SID (FO followed by 32 hex digits)'),
    (STUDIO_SID, 'is a Studio Flow SID, expected a Flex Flow SID (FO followed by 32 hex digits)'),
])
def test_bad_sid_fails_before_any_request(sid, problem, run):
    result, failed, replay = run(dict(sid=sid), [])

    assert failed
    assert result['msg'] == 'Invalid input, nothing was sent to Twilio: sid "%s" %s' % (sid, problem)
    assert replay.requests == []


def test_api_error_fails_with_the_twilio_code(run):
    calls = [Call('GET', FLEX_FLOWS, params={'PageSize': 1000}, status=403, json=twilio_error(403, 20403, 'Forbidden'))]
    result, failed, dummy = run({}, calls)

    assert failed
    assert result['msg'] == 'GET /v1/FlexFlows answered HTTP 403, Twilio error 20403: Forbidden (more info: https://www.twilio.com/docs/errors/20403)'
    assert result['error']['code'] == 20403
    assert result['retries'] == []


def test_check_mode_lists_as_usual(run):
    result, failed, dummy = run({}, [list_flex_flows([WEB])], check_mode=True)

    assert not failed, result
    assert result['flex_flows'] == [WEB]
