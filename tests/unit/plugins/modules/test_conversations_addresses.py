# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""conversations_addresses, the set module over Conversations addresses, against replayed HTTP:
one read of every page (50 a request), the refusals before any write, per-entry results,
ownership and purge. The engine shared with flex_flows is specified in test_flex_flows.py; the
rules of one address in test_conversations_address.py."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.twilio_ops.flex.plugins.modules import conversations_addresses
from ansible_collections.twilio_ops.flex.tests.unit.canned import (
    ADDRESS_SID,
    ADDRESS_SID_2,
    ADDRESSES,
    CONVERSATION_SERVICE_SID,
    DEPLOYMENT_KEY,
    DEPLOYMENT_KEY_2,
    NAME,
    STUDIO_NAME,
    STUDIO_SID,
    address_configuration,
    create_address,
    delete_address,
    get_conversations_configuration,
    list_addresses,
    list_studio_flows,
    page,
    studio_flow,
    twilio_error,
    update_address,
)
from ansible_collections.twilio_ops.flex.tests.unit.replay import Call

ADDRESS_SID_3 = 'IG33333333333333333333333333333333'
DEPLOYMENT_KEY_3 = 'CV33333333333333333333333333333333'
EN = address_configuration()
FR = address_configuration(sid=ADDRESS_SID_2, address=DEPLOYMENT_KEY_2, name='WebChat fr')
SMS = address_configuration(sid=ADDRESS_SID_3, address='+15005550006', kind='sms', name='SMS support')


MODULE = conversations_addresses


def chat(key, name, **options):
    return dict(dict(type='chat', address=key, friendly_name=name, auto_creation=dict(enabled=True, studio_flow=STUDIO_NAME)), **options)


def operations(result):
    return [(item['operation'], item['address_configuration'].get('sid')) for item in result['results']]


def owned(sid, key, kind='chat'):
    return dict(sid=sid, type=kind, address=key)


def test_converged_entries_cost_one_studio_list_and_one_listing_of_every_page_and_no_write(run):
    next_page = ADDRESSES + '?PageSize=50&Page=1&PageToken=PAIG1'
    calls = [list_studio_flows([studio_flow()]), list_addresses([EN], next_page_url=next_page),
             Call('GET', next_page, json=page('address_configurations', [FR, SMS], next_page, page_size=50))]
    result, failed, replay = run(dict(entries=[chat(DEPLOYMENT_KEY_2, 'WebChat fr'), chat(DEPLOYMENT_KEY, NAME)]), calls)

    assert not failed, result
    assert result['changed'] is False
    assert operations(result) == [('none', ADDRESS_SID_2), ('none', ADDRESS_SID)]
    assert [request['params'] for request in replay.requests] == [{'PageSize': 1000}, {'PageSize': 50}, None]
    # No rate is documented for addresses: nothing is paced.
    assert replay.sleeps == []


def test_creates_updates_and_deletes_in_entry_order_with_one_read_of_the_default_service(run):
    args = dict(entries=[chat(DEPLOYMENT_KEY_3, 'WebChat de'), chat(DEPLOYMENT_KEY, 'WebChat English'),
                         dict(address=DEPLOYMENT_KEY_2, state='absent')])
    created = address_configuration(sid='IG' + '4' * 32, address=DEPLOYMENT_KEY_3, name='WebChat de')
    renamed = address_configuration(name='WebChat English')
    form = {'Type': 'chat', 'Address': DEPLOYMENT_KEY_3, 'FriendlyName': 'WebChat de', 'AutoCreation.Enabled': 'true',
            'AutoCreation.StudioFlowSid': STUDIO_SID, 'AutoCreation.ConversationServiceSid': CONVERSATION_SERVICE_SID,
            'AutoCreation.Type': 'studio'}
    calls = [list_studio_flows([studio_flow()]), list_addresses([EN, FR]), get_conversations_configuration(),
             create_address(form, created), update_address({'FriendlyName': 'WebChat English'}, renamed), delete_address(ADDRESS_SID_2)]
    result, failed, replay = run(args, calls, diff=True)

    assert not failed, result
    assert result['changed'] is True
    assert operations(result) == [('create', created['sid']), ('update', ADDRESS_SID), ('delete', None)]
    assert result['owned'] == [owned(created['sid'], DEPLOYMENT_KEY_3)]
    assert [(item['before_header'], item['after_header']) for item in result['diff']] == [
        ('"%s" (absent)' % DEPLOYMENT_KEY_3, 'chat address "%s" (%s): create' % (DEPLOYMENT_KEY_3, created['sid'])),
        ('chat address "%s" (%s)' % (DEPLOYMENT_KEY, ADDRESS_SID), 'chat address "%s" (%s): update' % (DEPLOYMENT_KEY, ADDRESS_SID)),
        ('chat address "%s" (%s)' % (DEPLOYMENT_KEY_2, ADDRESS_SID_2), 'chat address "%s" (%s): delete' % (DEPLOYMENT_KEY_2, ADDRESS_SID_2)),
    ]


def test_check_mode_predicts_and_writes_nothing(run):
    args = dict(entries=[chat(DEPLOYMENT_KEY_3, 'WebChat de'), dict(address=DEPLOYMENT_KEY_2, state='absent')])
    calls = [list_studio_flows([studio_flow()]), list_addresses([EN, FR]), get_conversations_configuration()]
    result, failed, replay = run(args, calls, check_mode=True)

    assert not failed, result
    assert [item['operation'] for item in result['results']] == ['create', 'delete']
    assert result['results'][0]['address_configuration']['sid'] is None
    assert result['owned'] == []
    assert [request['method'] for request in replay.requests] == ['GET', 'GET', 'GET']


def test_refusals_fail_the_whole_run_with_every_reason_and_no_write(run):
    args = dict(entries=[chat(DEPLOYMENT_KEY_3, 'WebChat de'), dict(address=DEPLOYMENT_KEY, type='sms'),
                         chat(DEPLOYMENT_KEY_2, 'WebChat fr', auto_creation=dict(studio_flow='Nope'))])
    calls = [list_studio_flows([studio_flow()]), list_addresses([EN, FR]), get_conversations_configuration()]
    result, failed, replay = run(args, calls)

    assert failed
    assert result['msg'] == (
        'Nothing was written: entry 3 "%s": auto_creation.studio_flow: no Studio flow is named "Nope"; the account has: "Webchat Flow"; '
        'entry 2 "%s": chat address "%s" (%s) has type "chat", not "sms": that cannot be changed on an existing Conversations address; '
        "to replace it, delete it (state=absent) and create it again (Twilio allows neither the address nor a chat address's deployment "
        'key to be changed)' % (DEPLOYMENT_KEY_2, DEPLOYMENT_KEY, DEPLOYMENT_KEY, ADDRESS_SID))
    assert [request['method'] for request in replay.requests] == ['GET', 'GET', 'GET']


def test_invalid_entries_fail_before_any_request(run):
    args = dict(entries=[chat('+15005550006', 'WebChat de'), chat(DEPLOYMENT_KEY, 'a'), chat(DEPLOYMENT_KEY, 'b')],
                owned=[owned(DEPLOYMENT_KEY, DEPLOYMENT_KEY)])
    result, failed, replay = run(args, [])

    assert failed
    assert result['msg'] == (
        'Invalid input, nothing was sent to Twilio: entry 1 "+15005550006": address "+15005550006" of a chat address must be its Webchat '
        'deployment key: is not a Webchat deployment key SID (CV followed by 32 hex digits); '
        'entry 2 "%s" and entry 3 "%s" name the same Conversations address; '
        'owned sid "%s" is a Webchat deployment key SID, expected a Conversations Address Configuration SID (IG followed by 32 hex digits)'
        % (DEPLOYMENT_KEY, DEPLOYMENT_KEY, DEPLOYMENT_KEY))
    assert replay.requests == []


def test_an_entry_past_a_limit_twilio_documents_fails_the_run_before_any_request(run):
    # Issue 18: Twilio refused a 300-character name (400, "more than 256") only after another
    # address of the same run had been created. Twilio's spec documents the limit; it is checked first.
    long_name = 'WebChat fr ' + 'x' * 289
    args = dict(entries=[chat(DEPLOYMENT_KEY_3, 'WebChat de'), chat(DEPLOYMENT_KEY_2, long_name)])
    result, failed, replay = run(args, [])

    assert failed
    assert result['msg'] == (
        'Invalid input, nothing was sent to Twilio: entry 2 "%s": friendly_name "WebChat fr xxxxxxxxxxxxxxxxxxxxxxxxxxxxx...xxxxxxxxxxxx" '
        'is 300 characters long; Twilio allows at most 256' % DEPLOYMENT_KEY_2)
    assert replay.requests == []
    assert result['results'] == [] and result['changed'] is False


def test_a_name_of_exactly_256_characters_is_sent(run):
    name = 'n' * 256
    created = address_configuration(sid=ADDRESS_SID_3, address=DEPLOYMENT_KEY_3, name=name)
    form = {'Type': 'chat', 'Address': DEPLOYMENT_KEY_3, 'FriendlyName': name}
    result, failed, replay = run(dict(entries=[dict(type='chat', address=DEPLOYMENT_KEY_3, friendly_name=name)]),
                                 [list_addresses([]), create_address(form, created)])

    assert not failed, result
    assert operations(result) == [('create', ADDRESS_SID_3)]


def test_purge_deletes_only_owned_addresses_no_entry_claims_and_keeps_changed_ones(run):
    args = dict(entries=[chat(DEPLOYMENT_KEY, NAME)], purge=True,
                owned=[owned(ADDRESS_SID_2, DEPLOYMENT_KEY_2), owned(ADDRESS_SID_3, '+15005550006'), owned('IG' + '9' * 32, DEPLOYMENT_KEY_3)])
    calls = [list_studio_flows([studio_flow()]), list_addresses([EN, FR, SMS]), delete_address(ADDRESS_SID_2)]
    result, failed, replay = run(args, calls)

    assert not failed, result
    assert result['changed'] is True
    assert result['purged'] == [dict(sid=ADDRESS_SID_2, operation='delete', resource=FR)]
    reason = 'made by this collection, but its type changed since (by hand?); left as it is, delete it yourself if it should go'
    assert result['kept'] == [dict(sid=ADDRESS_SID_3, reason=reason, resource=SMS)]
    assert replay.warnings == ['purge: sms address "+15005550006" (%s) was %s' % (ADDRESS_SID_3, reason)]
    # Gone (IG999...) and purged (IG222...) are owned no more; kept stays owned.
    assert result['owned'] == [owned(ADDRESS_SID_3, '+15005550006')]


def test_a_known_address_is_found_when_the_entry_names_another_key(run):
    # A chat address cannot move to another deployment key: known finds it, and the key is refused.
    args = dict(entries=[chat(DEPLOYMENT_KEY_3, NAME, known=owned(ADDRESS_SID, DEPLOYMENT_KEY))])
    result, failed, replay = run(args, [list_studio_flows([studio_flow()]), list_addresses([EN])])

    assert failed
    assert result['msg'].startswith('Nothing was written: entry 1 "%s": chat address "%s" (%s) has address "%s", not "%s"' % (
        DEPLOYMENT_KEY_3, DEPLOYMENT_KEY, ADDRESS_SID, DEPLOYMENT_KEY, DEPLOYMENT_KEY_3))


def test_a_known_address_not_as_recorded_is_left_alone_and_the_entry_found_by_its_address(run):
    # The record says the address of IG1... is the key ...f00; the account says otherwise: no proof, nothing deleted.
    args = dict(entries=[dict(type='chat', address=DEPLOYMENT_KEY_2, state='absent', known=owned(ADDRESS_SID, DEPLOYMENT_KEY_2))])
    result, failed, replay = run(args, [list_addresses([EN])])

    assert not failed, result
    assert result['changed'] is False
    assert [item['operation'] for item in result['results']] == ['none']
    assert replay.warnings == ['entry 1 "%s": chat address "%s" (%s) is recorded with another address (changed by hand since?); it is '
                               'left as it is, and the entry is looked up by address' % (DEPLOYMENT_KEY_2, DEPLOYMENT_KEY, ADDRESS_SID),
                               'entry 1 "%s": state=absent found nothing to delete: the recorded %s was changed since, and is left alone, '
                               'and no Conversations address has this address' % (DEPLOYMENT_KEY_2, ADDRESS_SID)]
    assert [request['method'] for request in replay.requests] == ['GET']


def test_a_write_failing_midway_returns_the_results_so_far(run):
    args = dict(entries=[dict(address=DEPLOYMENT_KEY, friendly_name='WebChat English'), dict(address=DEPLOYMENT_KEY_2, friendly_name='x')])
    calls = [list_addresses([EN, FR]), update_address({'FriendlyName': 'WebChat English'}, address_configuration(name='WebChat English')),
             Call('POST', '%s/%s' % (ADDRESSES, ADDRESS_SID_2), form={'FriendlyName': 'x'}, status=403, json=twilio_error(403, 20403, 'Forbidden'))]
    result, failed, replay = run(args, calls)

    assert failed
    assert result['error']['code'] == 20403
    assert operations(result) == [('update', ADDRESS_SID)]


@pytest.mark.parametrize('options, calls, expected', [
    (dict(type='chat', friendly_name=NAME), [], [('none', ADDRESS_SID)]),
    (dict(state='absent'), [delete_address()], [('delete', None)]),
], ids=['present', 'absent'])
def test_ignore_case_converges_an_address_given_in_another_case(options, calls, expected, run):
    upper = 'CV' + DEPLOYMENT_KEY[2:].upper()
    result, failed, replay = run(dict(entries=[dict(options, address=upper)], ignore_case=True), [list_addresses([EN])] + calls)

    assert not failed, result
    assert operations(result) == expected


def test_without_ignore_case_an_address_in_another_case_is_another_address(run):
    upper = 'CV' + DEPLOYMENT_KEY[2:].upper()
    result, failed, replay = run(dict(entries=[dict(address=upper, state='absent')]), [list_addresses([EN])])

    assert not failed, result
    assert operations(result) == [('none', None)]
