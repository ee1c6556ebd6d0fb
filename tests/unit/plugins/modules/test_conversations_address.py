# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The Conversations address family (_conversations_address.ConversationsAddresses) through
conversations_address, against replayed HTTP: every test lists the exact requests the module must
send. The client's own behaviour is in module_utils/test_api_*.py."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.twilio_ops.flex.plugins.modules import conversations_address
from ansible_collections.twilio_ops.flex.tests.unit.canned import (
    ACCOUNT_SID,
    ADDRESS_SID,
    CONVERSATION_SERVICE_SID,
    CONVERSATIONS_CONFIGURATION,
    DEPLOYMENT_KEY,
    NAME,
    OTHER_CHAT_SERVICE_SID,
    STUDIO_NAME,
    STUDIO_SID,
    STUDIO_SID_2,
    address_configuration,
    address_url,
    conversations_configuration,
    create_address,
    delete_address,
    get_address,
    get_conversations_configuration,
    list_studio_flows,
    studio_flow,
    twilio_error,
    update_address,
)
from ansible_collections.twilio_ops.flex.tests.unit.replay import Call

WEBHOOK = dict(enabled=True, type='webhook', conversation_service_sid=CONVERSATION_SERVICE_SID, webhook_url='https://hooks.example.test/chat',
               webhook_method='POST', webhook_filters=['onParticipantAdded', 'onMessageAdded'])


MODULE = conversations_address


def methods(replay):
    return [(request['method'], request['url']) for request in replay.requests]


# -- create ------------------------------------------------------------------------------------

CREATE_ARGS = dict(type='chat', address=DEPLOYMENT_KEY, friendly_name=NAME, auto_creation=dict(enabled=True, studio_flow=STUDIO_NAME))
CREATE_FORM = {
    'Type': 'chat',
    'Address': DEPLOYMENT_KEY,
    'FriendlyName': NAME,
    'AutoCreation.Enabled': 'true',
    'AutoCreation.StudioFlowSid': STUDIO_SID,
    'AutoCreation.ConversationServiceSid': CONVERSATION_SERVICE_SID,
    'AutoCreation.Type': 'studio',
}
CREATED = address_configuration(auto_creation=dict(enabled=True, type='studio', conversation_service_sid=CONVERSATION_SERVICE_SID,
                                                   studio_flow_sid=STUDIO_SID, studio_retry_count=3))
# Studio first (names), then the address itself (one fetch by the address), then the default service.
CREATE_READS = [list_studio_flows([studio_flow(STUDIO_SID_2, 'Sales'), studio_flow()]), get_address(None, DEPLOYMENT_KEY),
                get_conversations_configuration()]


def test_create_a_chat_address_on_a_studio_flow_by_name_on_the_default_service(run):
    result, failed, replay = run(CREATE_ARGS, CREATE_READS + [create_address(CREATE_FORM, CREATED)])

    assert not failed, result
    assert result['changed'] is True
    assert result['operation'] == 'create'
    assert result['address_configuration'] == CREATED
    assert result['retries'] == []
    assert replay.warnings == []
    assert 'diff' not in result
    assert [url for method, url in methods(replay)] == [
        'https://studio.example.test/v2/Flows', address_url(DEPLOYMENT_KEY), CONVERSATIONS_CONFIGURATION,
        'https://conversations.example.test/v1/Configuration/Addresses']


def test_create_with_webhook_filters_sends_them_as_a_repeated_key(run):
    args = dict(type='chat', address=DEPLOYMENT_KEY, auto_creation=dict(
        type='webhook', webhook_url='https://hooks.example.test/chat', webhook_method='post',
        webhook_filters=['onParticipantAdded', 'onMessageAdded'], conversation_service_sid=OTHER_CHAT_SERVICE_SID))
    form = {
        'Type': 'chat',
        'Address': DEPLOYMENT_KEY,
        'AutoCreation.Type': 'webhook',
        'AutoCreation.WebhookUrl': 'https://hooks.example.test/chat',
        'AutoCreation.WebhookMethod': 'post',
        # requests sends a list value as the same key repeated: what Twilio's own SDK sends.
        'AutoCreation.WebhookFilters': ['onParticipantAdded', 'onMessageAdded'],
        'AutoCreation.ConversationServiceSid': OTHER_CHAT_SERVICE_SID,
    }
    created = address_configuration(auto_creation=dict(WEBHOOK, conversation_service_sid=OTHER_CHAT_SERVICE_SID))
    # The service is given: the Conversations configuration is not read.
    result, failed, replay = run(args, [get_address(None, DEPLOYMENT_KEY), create_address(form, created)])

    assert not failed, result
    assert result['address_configuration'] == created


def test_create_without_auto_creation_needs_no_service(run):
    args = dict(type='sms', address='+15005550006', friendly_name='SMS support', address_country='US')
    form = {'Type': 'sms', 'Address': '+15005550006', 'FriendlyName': 'SMS support', 'AddressCountry': 'US'}
    created = address_configuration(kind='sms', address='+15005550006', name='SMS support', address_country='US', auto_creation=dict(enabled=False))
    result, failed, replay = run(args, [get_address(None, '+15005550006'), create_address(form, created)])

    assert not failed, result
    assert result['operation'] == 'create'
    assert [url for method, url in methods(replay)][0] == 'https://conversations.example.test/v1/Configuration/Addresses/%2B15005550006'


def test_create_sends_the_country_as_given(run):
    args = dict(type='sms', address='+15005550006', address_country='US')
    form = {'Type': 'sms', 'Address': '+15005550006', 'AddressCountry': 'US'}
    result, failed, replay = run(args, [get_address(None, '+15005550006'), create_address(form, address_configuration(kind='sms'))])

    assert not failed, result


def test_the_address_is_url_encoded_in_the_fetch(run):
    address = 'whatsapp:+1 555/0006'
    result, failed, replay = run(dict(type='whatsapp', address=address, state='present'), [get_address(None, address)], check_mode=True)

    assert not failed, result
    assert replay.requests[0]['url'] == 'https://conversations.example.test/v1/Configuration/Addresses/whatsapp%3A%2B1%20555%2F0006'


def test_create_in_check_mode_reads_but_does_not_post(run):
    result, failed, replay = run(CREATE_ARGS, CREATE_READS, check_mode=True, diff=True)

    assert not failed, result
    assert result['changed'] is True
    assert result['operation'] == 'create'
    assert result['address_configuration'] == dict(
        sid=None, account_sid=ACCOUNT_SID, date_created=None, date_updated=None, url=None, type='chat', address=DEPLOYMENT_KEY,
        friendly_name=NAME, auto_creation=dict(enabled=True, studio_flow_sid=STUDIO_SID, conversation_service_sid=CONVERSATION_SERVICE_SID,
                                               type='studio'))
    assert result['diff'] == dict(before={}, after=result['address_configuration'])
    assert [method for method, url in methods(replay)] == ['GET', 'GET', 'GET']


def test_create_with_diff_shows_the_whole_new_address(run):
    result, failed, dummy = run(CREATE_ARGS, CREATE_READS + [create_address(CREATE_FORM, CREATED)], diff=True)

    assert not failed, result
    assert result['diff'] == dict(before={}, after=CREATED)


def test_create_fails_when_the_account_has_no_default_service(run):
    calls = CREATE_READS[:2] + [Call('GET', CONVERSATIONS_CONFIGURATION, json=conversations_configuration(None))]
    result, failed, replay = run(CREATE_ARGS, calls)

    assert failed
    assert result['msg'] == ("Nothing was written: the account's Conversations configuration (default_chat_service_sid) names no chat "
                             'service (is Flex set up on this account?): set auto_creation.conversation_service_sid')


def test_create_without_type_is_refused_after_the_lookup(run):
    result, failed, replay = run(dict(address=DEPLOYMENT_KEY, friendly_name=NAME), [get_address(None, DEPLOYMENT_KEY)])

    assert failed
    assert result['msg'] == 'Nothing was written: creating a Conversations address needs type'
    assert len(replay.requests) == 1


def test_a_sid_that_does_not_exist_is_refused(run):
    result, failed, replay = run(dict(sid=ADDRESS_SID, friendly_name=NAME), [get_address(None, ADDRESS_SID)])

    assert failed
    assert result['msg'] == 'Nothing was written: no Conversations address has sid %s; to create one, give type and address without sid' % ADDRESS_SID


# -- idempotence and update ------------------------------------------------------------------------


def test_second_run_reads_only_and_reports_no_change(run):
    result, failed, replay = run(CREATE_ARGS, [CREATE_READS[0], get_address(CREATED)], diff=True)

    assert not failed, result
    assert result['changed'] is False
    assert result['operation'] == 'none'
    assert result['address_configuration'] == CREATED
    assert 'diff' not in result
    assert len(replay.requests) == 2


def test_webhook_filters_compare_as_a_set_and_method_and_type_without_case(run):
    # Twilio echoes the type as it was sent and answers the method in upper case.
    existing = address_configuration(kind='CHAT', auto_creation=WEBHOOK)
    args = dict(type='chat', address=DEPLOYMENT_KEY, auto_creation=dict(
        type='webhook', webhook_url='https://hooks.example.test/chat', webhook_method='post',
        webhook_filters=['onMessageAdded', 'onParticipantAdded']))
    result, failed, replay = run(args, [get_address(existing)])

    assert not failed, result
    assert result['changed'] is False
    assert len(replay.requests) == 1


def test_update_sends_only_what_differs(run):
    existing = address_configuration(auto_creation=WEBHOOK)
    updated = address_configuration(name='WebChat English', auto_creation=dict(WEBHOOK, webhook_filters=['onMessageAdded']))
    args = dict(address=DEPLOYMENT_KEY, friendly_name='WebChat English', auto_creation=dict(webhook_filters=['onMessageAdded'], webhook_method='post'))
    calls = [get_address(existing), update_address({'FriendlyName': 'WebChat English', 'AutoCreation.WebhookFilters': ['onMessageAdded']}, updated)]
    result, failed, replay = run(args, calls, diff=True)

    assert not failed, result
    assert result['operation'] == 'update'
    assert result['address_configuration'] == updated
    assert result['diff'] == dict(before=dict(friendly_name=NAME, auto_creation=dict(webhook_filters=['onParticipantAdded', 'onMessageAdded'])),
                                  after=dict(friendly_name='WebChat English', auto_creation=dict(webhook_filters=['onMessageAdded'])))


def test_update_in_check_mode_writes_nothing(run):
    existing = address_configuration()
    result, failed, replay = run(dict(address=DEPLOYMENT_KEY, auto_creation=dict(enabled=False)), [get_address(existing)], check_mode=True)

    assert not failed, result
    assert result['operation'] == 'update'
    assert result['address_configuration']['auto_creation']['enabled'] is False
    assert len(replay.requests) == 1


def test_switching_to_another_studio_flow_by_name(run):
    updated = address_configuration(auto_creation=dict(address_configuration()['auto_creation'], studio_flow_sid=STUDIO_SID_2))
    calls = [list_studio_flows([studio_flow(), studio_flow(STUDIO_SID_2, 'Sales')]), get_address(address_configuration()),
             update_address({'AutoCreation.StudioFlowSid': STUDIO_SID_2}, updated)]
    result, failed, replay = run(dict(address=DEPLOYMENT_KEY, auto_creation=dict(studio_flow='Sales')), calls)

    assert not failed, result
    assert result['address_configuration'] == updated


def test_an_option_of_another_auto_creation_type_on_an_existing_address_is_refused(run):
    result, failed, replay = run(dict(address=DEPLOYMENT_KEY, auto_creation=dict(webhook_method='post')), [get_address(address_configuration())])

    assert failed
    assert result['msg'] == 'Nothing was written: auto_creation.webhook_method applies only to auto_creation.type webhook, not studio'


def test_by_sid_found_and_updated(run):
    updated = address_configuration(name='WebChat English')
    calls = [get_address(address_configuration(), ADDRESS_SID), update_address({'FriendlyName': 'WebChat English'}, updated)]
    result, failed, replay = run(dict(sid=ADDRESS_SID, friendly_name='WebChat English'), calls)

    assert not failed, result
    assert result['address_configuration'] == updated


# -- create-only fields ------------------------------------------------------------------------------

REPLACE = ('that cannot be changed on an existing Conversations address; to replace it, delete it (state=absent) and create it again '
           "(Twilio allows neither the address nor a chat address's deployment key to be changed)")


@pytest.mark.parametrize('args, problem', [
    (dict(type='sms'), 'has type "chat", not "sms"'),
    (dict(address_country='US'), 'has address_country null, not "US"'),
], ids=['type', 'address_country'])
def test_a_different_create_only_field_fails_before_any_write_with_a_hint(args, problem, run):
    result, failed, replay = run(dict(args, address=DEPLOYMENT_KEY), [get_address(address_configuration())])

    assert failed
    assert result['msg'] == 'Nothing was written: chat address "%s" (%s) %s: %s' % (DEPLOYMENT_KEY, ADDRESS_SID, problem, REPLACE)
    assert len(replay.requests) == 1


def test_the_refusal_shows_the_values_as_twilio_and_the_user_wrote_them(run):
    result, failed, replay = run(dict(address=DEPLOYMENT_KEY, type='sms'), [get_address(address_configuration(kind='CHAT'))])

    assert failed
    assert result['msg'] == 'Nothing was written: CHAT address "%s" (%s) has type "CHAT", not "sms": %s' % (DEPLOYMENT_KEY, ADDRESS_SID, REPLACE)


def test_create_only_fields_compare_without_case(run):
    existing = address_configuration(kind='CHAT', address_country='us')
    result, failed, replay = run(dict(type='chat', address=DEPLOYMENT_KEY, address_country='US'), [get_address(existing)])

    assert not failed, result
    assert result['operation'] == 'none'


# -- delete ----------------------------------------------------------------------------------------


def test_absent_by_address(run):
    calls = [get_address(address_configuration()), delete_address()]
    result, failed, replay = run(dict(address=DEPLOYMENT_KEY, state='absent'), calls, diff=True)

    assert not failed, result
    assert result['changed'] is True
    assert result['operation'] == 'delete'
    assert result['address_configuration'] == {}
    assert result['diff'] == dict(before=address_configuration(), after={})


def test_absent_by_sid(run):
    calls = [get_address(address_configuration(), ADDRESS_SID), delete_address()]
    result, failed, replay = run(dict(sid=ADDRESS_SID, state='absent'), calls)

    assert not failed, result
    assert result['operation'] == 'delete'


@pytest.mark.parametrize('args, key', [(dict(address=DEPLOYMENT_KEY), DEPLOYMENT_KEY), (dict(sid=ADDRESS_SID), ADDRESS_SID)])
def test_absent_when_already_gone_sends_no_delete(args, key, run):
    result, failed, replay = run(dict(args, state='absent'), [get_address(None, key)])

    assert not failed, result
    assert result['changed'] is False
    assert result['operation'] == 'none'


def test_absent_in_check_mode_sends_no_delete(run):
    result, failed, replay = run(dict(address=DEPLOYMENT_KEY, state='absent'), [get_address(address_configuration())], check_mode=True)

    assert not failed, result
    assert result['operation'] == 'delete'
    assert len(replay.requests) == 1


def test_absent_with_another_type_deletes_nothing(run):
    result, failed, replay = run(dict(address=DEPLOYMENT_KEY, type='sms', state='absent'), [get_address(address_configuration())])

    assert failed
    assert result['msg'] == ('Nothing was written: chat address "%s" (%s) has type "chat", not "sms": it is not the one meant, and was not '
                             'deleted' % (DEPLOYMENT_KEY, ADDRESS_SID))


def test_absent_answered_404_on_delete_is_success(run):
    calls = [get_address(address_configuration()), delete_address(status=404, answer=twilio_error(404, 20404, 'Not found'))]
    result, failed, replay = run(dict(address=DEPLOYMENT_KEY, state='absent'), calls)

    assert not failed, result
    assert result['operation'] == 'delete'


def test_absent_ignores_the_studio_flow_name(run):
    result, failed, replay = run(dict(address=DEPLOYMENT_KEY, state='absent', auto_creation=dict(studio_flow='Nope')),
                                 [get_address(None, DEPLOYMENT_KEY)])

    assert not failed, result
    assert len(replay.requests) == 1


# -- Studio flow names --------------------------------------------------------------------------------


def test_an_unknown_studio_flow_is_refused_before_any_write(run):
    result, failed, replay = run(CREATE_ARGS, [list_studio_flows([studio_flow(STUDIO_SID_2, 'Sales')])])

    assert failed
    assert result['msg'] == ('Nothing was written: auto_creation.studio_flow: no Studio flow is named "Webchat Flow"; '
                             'the account has: "Sales"')
    assert len(replay.requests) == 1


def test_an_ambiguous_studio_flow_names_the_sid_option(run):
    result, failed, replay = run(CREATE_ARGS, [list_studio_flows([studio_flow(), studio_flow(STUDIO_SID_2)])])

    assert failed
    assert result['msg'].endswith('give the one you mean by SID in auto_creation.studio_flow_sid')


def test_a_draft_studio_flow_warns(run):
    result, failed, replay = run(CREATE_ARGS, [list_studio_flows([studio_flow(status='draft')]), get_address(CREATED)])

    assert not failed, result
    assert replay.warnings == ['Studio flow "Webchat Flow" (%s) is draft, not published: chats will not route to it until it is published'
                               % STUDIO_SID]


# -- validation before any request -------------------------------------------------------------------

INVALID = [
    ('chat address not a deployment key', dict(type='chat', address='+15005550006'),
     'address "+15005550006" of a chat address must be its Webchat deployment key: is not a Webchat deployment key SID '
     '(CV followed by 32 hex digits)'),
    ('chat address an address SID', dict(type='chat', address=ADDRESS_SID),
     'address "%s" of a chat address must be its Webchat deployment key: is a Conversations Address Configuration SID, expected a '
     'Webchat deployment key SID (CV followed by 32 hex digits)' % ADDRESS_SID),
    ('country of three letters', dict(type='sms', address='+15005550006', address_country='USA'),
     'address_country "USA" is not an ISO 3166-1 alpha-2 country code such as US'),
    ('bad sid', dict(sid=DEPLOYMENT_KEY),
     'sid "%s" is a Webchat deployment key SID, expected a Conversations Address Configuration SID (IG followed by 32 hex digits)'
     % DEPLOYMENT_KEY),
    ('options of two types', dict(address=DEPLOYMENT_KEY, auto_creation=dict(studio_flow_sid=STUDIO_SID, webhook_url='https://hooks.example.test')),
     'the options given (auto_creation.studio_flow_sid, auto_creation.webhook_url) belong to different values of auto_creation.type: '
     'set auto_creation.type'),
    ('studio_flow with webhook', dict(address=DEPLOYMENT_KEY, auto_creation=dict(type='webhook', studio_flow=STUDIO_NAME)),
     'auto_creation.studio_flow applies only to auto_creation.type studio, not webhook; auto_creation.type webhook needs auto_creation.webhook_url'),
    ('studio_flow and its sid', dict(address=DEPLOYMENT_KEY, auto_creation=dict(studio_flow=STUDIO_NAME, studio_flow_sid=STUDIO_SID)),
     'auto_creation.studio_flow (a name) and auto_creation.studio_flow_sid (its SID) are both given: set only one'),
    ('webhook without url', dict(type='chat', address=DEPLOYMENT_KEY, auto_creation=dict(type='webhook')),
     'auto_creation.type webhook needs auto_creation.webhook_url'),
    ('studio without flow', dict(address=DEPLOYMENT_KEY, auto_creation=dict(type='studio', studio_retry_count=1)),
     'auto_creation.type studio needs auto_creation.studio_flow_sid (or auto_creation.studio_flow, by name)'),
    ('blank filter', dict(address=DEPLOYMENT_KEY, auto_creation=dict(webhook_filters=['onMessageAdded', ' '])),
     'auto_creation.webhook_filters must not hold empty or blank items'),
    ('no filter', dict(address=DEPLOYMENT_KEY, auto_creation=dict(webhook_filters=[])),
     "auto_creation.webhook_filters must not be empty: Twilio's API cannot be sent an empty list (leave the option out to keep what the "
     'resource has)'),
    ('bad webhook url', dict(address=DEPLOYMENT_KEY, auto_creation=dict(webhook_url='hooks.example.test')),
     'auto_creation.webhook_url "hooks.example.test" is not an absolute http(s) URL such as https://example.com/webhook'),
    ('negative retry count', dict(address=DEPLOYMENT_KEY, auto_creation=dict(studio_retry_count=-1)),
     'auto_creation.studio_retry_count must be at least 0, got -1'),
    ('service of another kind', dict(address=DEPLOYMENT_KEY, auto_creation=dict(conversation_service_sid=STUDIO_SID)),
     'auto_creation.conversation_service_sid "%s" is a Studio Flow SID, expected a Chat Service SID (IS followed by 32 hex digits)' % STUDIO_SID),
    ('friendly_name past 256 characters', dict(address=DEPLOYMENT_KEY, friendly_name='WebChat ' + 'x' * 292),
     'friendly_name "WebChat xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...xxxxxxxxxxxx" is 300 characters long; Twilio allows at most 256'),
    ('address with white space', dict(type='sms', address=' +15005550006'),
     'address " +15005550006" must not start or end with white space (Twilio keeps it, and lookups by name would miss it)'),
    ('null address', dict(address=None, friendly_name=NAME), 'sid or address is needed to identify the Conversations address'),
]


@pytest.mark.parametrize('args, message', [case[1:] for case in INVALID], ids=[case[0] for case in INVALID])
def test_invalid_input_fails_before_any_request(args, message, run):
    result, failed, replay = run(args, [])

    assert failed
    assert result['msg'] == 'Invalid input, nothing was sent to Twilio: ' + message
    assert replay.requests == []


def test_neither_sid_nor_address_fails_before_any_request(run):
    result, failed, replay = run(dict(friendly_name=NAME), [])

    assert failed
    assert result['msg'] == 'one of the following is required: sid, address'
    assert replay.requests == []
