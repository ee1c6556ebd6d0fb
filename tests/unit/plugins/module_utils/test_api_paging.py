# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""_api's list reads: every page is read by following Twilio's next page, on the same server only.
The rest of the client's specification, and how these tests drive it: api_support.py."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.twilio_ops.flex.plugins.modules import flex_flow_info
from ansible_collections.twilio_ops.flex.tests.unit.canned import (
    FLEX_FLOWS,
    FLOW_SID_2,
    flex_flow as flex_flow_record,
    list_flex_flows,
    page,
    twilio_error,
)
from ansible_collections.twilio_ops.flex.tests.unit.plugins.module_utils.api_support import NEXT_PAGE, assert_no_secrets
from ansible_collections.twilio_ops.flex.tests.unit.replay import Call


# -- pagination -------------------------------------------------------------------------------------------


def test_every_page_is_read_following_next_page_url_verbatim(run):
    third = FLEX_FLOWS + '?PageSize=1000&Page=2&PageToken=PAFO2'
    web, sms = flex_flow_record(), flex_flow_record(sid=FLOW_SID_2, channel_type='sms')
    calls = [list_flex_flows([web], next_page_url=NEXT_PAGE),
             Call('GET', NEXT_PAGE, json=page('flex_flows', [sms], NEXT_PAGE, third)),
             Call('GET', third, json=page('flex_flows', [], third))]
    result, failed, replay = run({}, calls, module=flex_flow_info)

    assert not failed, result
    assert result['flex_flows'] == [web, sms]
    # The next page carries its own query (PageToken): nothing is added to it.
    assert [request['params'] for request in replay.requests] == [{'PageSize': 1000}, None, None]


@pytest.mark.parametrize('next_page', [
    'HTTPS://FLEX.EXAMPLE.TEST/v1/FlexFlows?PageToken=PA1',
    'https://flex.example.test:443/v1/FlexFlows?PageToken=PA1',
    'https://Flex.Example.Test:443/v1/FlexFlows?PageToken=PA1',
], ids=['upper case', 'explicit port', 'both'])
def test_a_next_page_on_the_same_server_spelled_otherwise_is_followed(next_page, run):
    calls = [list_flex_flows([flex_flow_record()], next_page_url=next_page), Call('GET', next_page, json=page('flex_flows', [], next_page))]
    result, failed, replay = run({}, calls, module=flex_flow_info)

    assert not failed, result
    assert result['flex_flows'] == [flex_flow_record()]


@pytest.mark.parametrize('next_page, server', [
    ('https://evil.example.test/v1/FlexFlows?PageToken=PA1', 'https://evil.example.test'),
    ('http://flex.example.test/v1/FlexFlows?PageToken=PA1', 'http://flex.example.test'),
    ('https://flex.example.test:8443/v1/FlexFlows?PageToken=PA1', 'https://flex.example.test:8443'),
], ids=['another host', 'another scheme', 'another port'])
def test_a_next_page_on_another_server_is_refused_without_a_request(next_page, server, run):
    result, failed, replay = run({}, [list_flex_flows([], next_page_url=next_page)], module=flex_flow_info)

    assert failed
    assert result['msg'] == 'GET /v1/FlexFlows: Twilio returned a next page on another server (%s); refusing to follow it' % server
    assert len(replay.requests) == 1
    assert_no_secrets(result, replay)


def test_a_next_page_url_that_is_not_a_string_is_a_shape_error(run):
    body = page('flex_flows', [], FLEX_FLOWS, next_page_url=5)
    result, failed, replay = run({}, [Call('GET', FLEX_FLOWS, params={'PageSize': 1000}, json=body)], module=flex_flow_info)

    assert failed
    assert 'meta.next_page_url is a URL or null' in result['msg']


def test_a_429_on_a_later_page_is_retried(run):
    calls = [list_flex_flows([flex_flow_record()], next_page_url=NEXT_PAGE),
             Call('GET', NEXT_PAGE, status=429, headers={'Retry-After': '1'}, json=twilio_error(429, 20429, 'Too Many Requests')),
             Call('GET', NEXT_PAGE, json=page('flex_flows', [], NEXT_PAGE))]
    result, failed, replay = run({}, calls, module=flex_flow_info)

    assert not failed, result
    # The first page is paced (1.05/10 s after the first), the retry waits the Retry-After.
    assert replay.sleeps == pytest.approx([0.105, 1.0])
    assert result['retries'] == [dict(method='GET', path='/v1/FlexFlows', reason=429, wait=1.0, outcome='retrying')]
