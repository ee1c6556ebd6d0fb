# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""conversations_address_info against replayed HTTP: every test lists the exact requests the module must send."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.twilio_ops.flex.plugins.modules import conversations_address_info
from ansible_collections.twilio_ops.flex.tests.unit.canned import (
    ADDRESS_SID,
    ADDRESS_SID_2,
    ADDRESSES,
    DEPLOYMENT_KEY,
    DEPLOYMENT_KEY_2,
    address_configuration,
    get_address,
    list_addresses,
    page,
    twilio_error,
)
from ansible_collections.twilio_ops.flex.tests.unit.replay import Call

EN = address_configuration()
FR = address_configuration(sid=ADDRESS_SID_2, address=DEPLOYMENT_KEY_2, name='WebChat fr', kind='Chat')
SMS = address_configuration(sid='IG33333333333333333333333333333333', address='+15005550006', kind='sms', name='SMS support')
NEXT_PAGE = ADDRESSES + '?PageSize=50&Page=1&PageToken=PAIG1'


MODULE = conversations_address_info


def two_pages():
    return [list_addresses([EN, SMS], next_page_url=NEXT_PAGE), Call('GET', NEXT_PAGE, json=page('address_configurations', [FR], NEXT_PAGE, page_size=50))]


def test_every_address_over_pages_of_50(run):
    result, failed, replay = run({}, two_pages())

    assert not failed, result
    assert result['changed'] is False
    assert result['address_configurations'] == [EN, SMS, FR]
    assert result['retries'] == []
    # 50 is the most the endpoint takes; the next page's URL carries its own query.
    assert [request['params'] for request in replay.requests] == [{'PageSize': 50}, None]


def test_no_address_gives_an_empty_list(run):
    result, failed, replay = run({}, [list_addresses([])])

    assert not failed, result
    assert result['address_configurations'] == []


def test_type_filters_without_regard_to_case(run):
    # Twilio stores the type as it was sent: "Chat" is a chat address too.
    result, failed, replay = run(dict(type='chat'), two_pages())

    assert not failed, result
    assert result['address_configurations'] == [EN, FR]
    # Filtered here, not by the API (whose own filter's handling of case is undocumented).
    assert replay.requests[0]['params'] == {'PageSize': 50}


def test_friendly_name_filters_exactly(run):
    result, failed, replay = run(dict(friendly_name='webchat fr'), two_pages())

    assert not failed, result
    assert result['address_configurations'] == []


def test_by_address_is_one_fetch(run):
    result, failed, replay = run(dict(address=DEPLOYMENT_KEY), [get_address(EN)])

    assert not failed, result
    assert result['address_configurations'] == [EN]
    assert len(replay.requests) == 1


def test_by_address_that_does_not_exist_gives_an_empty_list(run):
    result, failed, replay = run(dict(address='+1 555 0006'), [get_address(None, '+1 555 0006')])

    assert not failed, result
    assert result['address_configurations'] == []
    assert replay.requests[0]['url'] == ADDRESSES + '/%2B1%20555%200006'


def test_by_sid(run):
    result, failed, replay = run(dict(sid=ADDRESS_SID), [get_address(EN, ADDRESS_SID)])

    assert not failed, result
    assert result['address_configurations'] == [EN]


@pytest.mark.parametrize('args', [dict(address=DEPLOYMENT_KEY_2), dict(type='sms'), dict(friendly_name='Other')])
def test_by_sid_with_a_filter_that_does_not_match(args, run):
    result, failed, replay = run(dict(args, sid=ADDRESS_SID), [get_address(EN, ADDRESS_SID)])

    assert not failed, result
    assert result['address_configurations'] == []


def test_by_sid_that_does_not_exist_gives_an_empty_list(run):
    result, failed, replay = run(dict(sid=ADDRESS_SID), [get_address(None, ADDRESS_SID)])

    assert not failed, result
    assert result['address_configurations'] == []


@pytest.mark.parametrize('sid, problem', [
    ('IG123', 'is not a Conversations Address Configuration SID (IG followed by 32 hex digits)'),
    (DEPLOYMENT_KEY, 'is a Webchat deployment key SID, expected a Conversations Address Configuration SID (IG followed by 32 hex digits)'),
])
def test_bad_sid_fails_before_any_request(sid, problem, run):
    result, failed, replay = run(dict(sid=sid), [])

    assert failed
    assert result['msg'] == 'Invalid input, nothing was sent to Twilio: sid "%s" %s' % (sid, problem)
    assert replay.requests == []


def test_an_unknown_type_is_refused_by_the_argument_spec(run):
    result, failed, replay = run(dict(type='web'), [])

    assert failed
    assert 'value of type must be one of: sms, whatsapp, messenger, gbm, email, rcs, apple, chat, got: web' in result['msg']
    assert replay.requests == []


def test_api_error_fails_with_the_twilio_code(run):
    calls = [Call('GET', ADDRESSES, params={'PageSize': 50}, status=403, json=twilio_error(403, 20403, 'Forbidden'))]
    result, failed, replay = run({}, calls)

    assert failed
    assert result['msg'] == ('GET /v1/Configuration/Addresses answered HTTP 403, Twilio error 20403: Forbidden '
                             '(more info: https://www.twilio.com/docs/errors/20403)')
    assert result['error']['code'] == 20403


def test_check_mode_lists_as_usual(run):
    result, failed, replay = run(dict(type='sms'), [list_addresses([EN, SMS])], check_mode=True)

    assert not failed, result
    assert result['address_configurations'] == [SMS]
