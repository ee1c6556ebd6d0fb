# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Conversations v1 over raw HTTP: the account configuration and the address configurations
(create, fetch, update and delete by SID or by URL-encoded address, lists and paging)."""

import re
from urllib.parse import quote

import pytest

from api_assertions import TIMESTAMP, assert_error, sid_of

ADDRESSES = '/conversations/v1/Configuration/Addresses'
CONFIGURATION = '/conversations/v1/Configuration'
ADDRESS_FIELDS = {'sid', 'account_sid', 'type', 'address', 'friendly_name', 'auto_creation', 'date_created', 'date_updated', 'url',
                  'address_country'}
CV_KEY = 'CV' + '0123456789abcdef' * 2


def address_url(emulator, key):
    """The instance URL for an IG SID or an address, URL-encoded as a client must send it."""
    return emulator.url(ADDRESSES + '/' + quote(key, safe=''))


def create(api, emulator, form):
    response = api.post(emulator.url(ADDRESSES), data=form)
    assert response.status_code == 201, response.text
    return response.json()


# --- the account configuration ------------------------------------------------------------------

def test_fresh_configuration_names_the_flex_chat_service(conversations, seeded, emulator):
    assert set(conversations) == {'account_sid', 'default_chat_service_sid', 'default_messaging_service_sid', 'default_inactive_timer',
                                  'default_closed_timer', 'url', 'links'}
    assert conversations['account_sid'] == emulator.account_sid
    assert conversations['default_chat_service_sid'] == seeded['configuration']['chat_service_instance_sid']
    assert conversations['default_messaging_service_sid'] == seeded['configuration']['messaging_service_instance_sid']
    assert (conversations['default_inactive_timer'], conversations['default_closed_timer']) == (None, None)
    assert conversations['url'] == emulator.url(CONFIGURATION)
    assert conversations['links'] == {
        'service': emulator.url('/conversations/v1/Services/{0}/Configuration'.format(conversations['default_chat_service_sid'])),
        'webhooks': emulator.url('/conversations/v1/Configuration/Webhooks'),
    }


def test_configuration_update_is_partial(api, emulator, conversations):
    service, messaging = 'IS' + 'd' * 32, 'MG' + 'e' * 32
    response = api.post(emulator.url(CONFIGURATION), data={'DefaultInactiveTimer': 'PT5M', 'DefaultClosedTimer': 'P1DT12H'})
    assert response.status_code == 200
    assert response.json() == dict(conversations, default_inactive_timer='PT5M', default_closed_timer='P1DT12H')
    updated = api.post(emulator.url(CONFIGURATION), data={'DefaultChatServiceSid': service, 'DefaultMessagingServiceSid': messaging}).json()
    assert (updated['default_chat_service_sid'], updated['default_messaging_service_sid']) == (service, messaging)
    assert updated['default_inactive_timer'] == 'PT5M'
    assert updated['links']['service'] == emulator.url('/conversations/v1/Services/{0}/Configuration'.format(service))
    assert api.get(emulator.url(CONFIGURATION)).json() == updated
    cleared = api.post(emulator.url(CONFIGURATION), data={'DefaultClosedTimer': ''}).json()
    assert (cleared['default_inactive_timer'], cleared['default_closed_timer']) == ('PT5M', None)


def test_configuration_is_apart_from_the_flex_configuration(api, emulator, seeded):
    api.post(emulator.url(CONFIGURATION), data={'DefaultChatServiceSid': 'IS' + 'd' * 32}).raise_for_status()
    assert api.get(emulator.url('/flex-api/v1/Configuration')).json() == seeded['configuration']


# --- create -------------------------------------------------------------------------------------

def test_create_with_only_the_required_fields(api, emulator, address_form):
    created = create(api, emulator, address_form())
    assert set(created) == ADDRESS_FIELDS
    assert sid_of('IG').match(created['sid'])
    assert (created['account_sid'], created['type'], created['address']) == (emulator.account_sid, 'sms', '+15005550006')
    assert (created['friendly_name'], created['address_country']) == (None, None)
    assert created['auto_creation'] == {'enabled': False}
    assert created['url'] == emulator.url(ADDRESSES + '/' + created['sid'])
    assert TIMESTAMP.match(created['date_created']) and created['date_updated'] == created['date_created']


def test_create_echoes_every_field(api, emulator, address_form):
    form = address_form('whatsapp:+15005550006', 'whatsapp', FriendlyName='Support WhatsApp', AddressCountry='US', **{
        'AutoCreation.Enabled': 'true', 'AutoCreation.Type': 'webhook', 'AutoCreation.ConversationServiceSid': 'IS' + 'a' * 32,
        'AutoCreation.WebhookUrl': 'https://example.com/hook?x=1', 'AutoCreation.WebhookMethod': 'get'})
    # Repeated keys make the list, as twilio-python sends it; the order sent is kept.
    form = list(form.items()) + [('AutoCreation.WebhookFilters', 'onParticipantAdded'), ('AutoCreation.WebhookFilters', 'onMessageAdded'),
                                 ('AutoCreation.WebhookFilters', 'onDeliveryUpdated')]
    created = create(api, emulator, form)
    assert (created['type'], created['address'], created['friendly_name'], created['address_country']) == \
        ('whatsapp', 'whatsapp:+15005550006', 'Support WhatsApp', 'US')
    assert created['auto_creation'] == {
        'enabled': True, 'type': 'webhook', 'conversation_service_sid': 'IS' + 'a' * 32, 'webhook_url': 'https://example.com/hook?x=1',
        'webhook_method': 'GET', 'webhook_filters': ['onParticipantAdded', 'onMessageAdded', 'onDeliveryUpdated']}
    studio = create(api, emulator, address_form('+15005550007', **{
        'AutoCreation.Enabled': 'false', 'AutoCreation.Type': 'studio', 'AutoCreation.StudioFlowSid': 'FW' + 'b' * 32,
        'AutoCreation.StudioRetryCount': '3'}))
    assert studio['auto_creation'] == {'enabled': False, 'type': 'studio', 'studio_flow_sid': 'FW' + 'b' * 32, 'studio_retry_count': 3}


def test_enabled_auto_creation_defaults_to_the_default_service(api, emulator, address_form, conversations):
    enabled = create(api, emulator, address_form(**{'AutoCreation.Enabled': 'true', 'AutoCreation.Type': 'default'}))
    assert enabled['auto_creation'] == {'enabled': True, 'type': 'default', 'conversation_service_sid': conversations['default_chat_service_sid']}
    disabled = create(api, emulator, address_form('+15005550007', **{'AutoCreation.Type': 'default'}))
    assert 'conversation_service_sid' not in disabled['auto_creation']
    # The default is the one configured when the address is written.
    api.post(emulator.url(CONFIGURATION), data={'DefaultChatServiceSid': 'IS' + 'f' * 32}).raise_for_status()
    later = create(api, emulator, address_form('+15005550008', **{'AutoCreation.Enabled': 'true'}))
    assert later['auto_creation']['conversation_service_sid'] == 'IS' + 'f' * 32
    assert api.get(enabled['url']).json()['auto_creation']['conversation_service_sid'] == conversations['default_chat_service_sid']
    switched_on = api.post(disabled['url'], data={'AutoCreation.Enabled': 'true'}).json()
    assert switched_on['auto_creation']['conversation_service_sid'] == 'IS' + 'f' * 32


def test_type_is_echoed_as_sent(api, emulator, address_form):
    """The spec's createWhatsappCaseInsensitive example sends `whAtsAPP` and gets it back."""
    created = create(api, emulator, address_form('urn:mbid:AQAAYyUbut6E4B3T9FLv5EbG', 'whAtsAPP'))
    assert created['type'] == 'whAtsAPP'
    assert api.get(created['url']).json()['type'] == 'whAtsAPP'


def test_chat_address_is_any_non_blank_string(api, emulator, address_form):
    """Twilio documents a chat address as a Webchat deployment key SID but not that it checks one."""
    for address in (CV_KEY, 'CV123', 'my webchat'):
        assert create(api, emulator, address_form(address, 'chat'))['address'] == address
    for address in ('', '   '):
        assert_error(api.post(emulator.url(ADDRESSES), data=address_form(address, 'chat')), 400, 20001)


def test_duplicate_address_is_refused_naming_the_existing_one(api, emulator, address_form):
    first = create(api, emulator, address_form())
    for kind in ('sms', 'whatsapp'):
        body = assert_error(api.post(emulator.url(ADDRESSES), data=address_form(kind=kind, FriendlyName='Twin')), 400, 20001)
        assert first['sid'] in body['message'] and '+15005550006' in body['message']
    assert [item['sid'] for item in api.get(emulator.url(ADDRESSES)).json()['address_configurations']] == [first['sid']]
    api.delete(first['url']).raise_for_status()
    assert create(api, emulator, address_form())['sid'] != first['sid']


# --- fetch, update and delete by SID or by address ------------------------------------------------

@pytest.mark.parametrize('address, kind', [('+15005550006', 'sms'), (CV_KEY, 'chat'), ('support@example.com', 'email'),
                                           ('whatsapp:+15005550006', 'whatsapp'), ('urn:mbid:AQAAYyUbut6E4B3T9FLv5EbG', 'apple')])
def test_instance_by_url_encoded_address(api, emulator, address_form, address, kind):
    created = create(api, emulator, address_form(address, kind, FriendlyName='Before'))
    by_address = address_url(emulator, address)
    assert api.get(by_address).json() == created
    updated = api.post(by_address, data={'FriendlyName': 'After'}).json()
    assert (updated['sid'], updated['friendly_name']) == (created['sid'], 'After')
    assert updated['url'] == created['url']
    assert api.get(created['url']).json() == updated
    response = api.delete(by_address)
    assert (response.status_code, response.content) == (204, b'')
    assert_error(api.get(created['url']), 404, 20404)
    body = assert_error(api.get(by_address), 404, 20404)
    assert body['message'] == 'The requested resource /Configuration/Addresses/{0} was not found'.format(quote(address, safe=''))


def test_unencoded_plus_names_the_address_too(api, emulator, address_form):
    """twilio-python puts the address into the path as is; `+` is a plain character in a path."""
    created = create(api, emulator, address_form())
    assert api.get(emulator.url(ADDRESSES + '/+15005550006')).json()['sid'] == created['sid']
    assert api.get(emulator.url(ADDRESSES + '/%2b15005550006')).json()['sid'] == created['sid']
    assert_error(api.get(emulator.url(ADDRESSES + '/15005550006')), 404, 20404)


def test_update_changes_only_what_it_sends(api, emulator, address_form):
    form = list(address_form(FriendlyName='Webhook', AddressCountry='CA', **{
        'AutoCreation.Enabled': 'true', 'AutoCreation.Type': 'webhook', 'AutoCreation.WebhookUrl': 'https://example.com/a',
        'AutoCreation.WebhookMethod': 'post'}).items()) + [('AutoCreation.WebhookFilters', 'onMessageAdded')]
    created = create(api, emulator, form)
    # Type, Address and AddressCountry are create-only: an update ignores them like any unknown parameter.
    updated = api.post(created['url'], data={'AutoCreation.Type': 'studio', 'AutoCreation.StudioFlowSid': 'FW' + 'c' * 32,
                                             'Type': 'whatsapp', 'Address': '+15005550999', 'AddressCountry': 'US'}).json()
    assert (updated['type'], updated['address'], updated['address_country'], updated['friendly_name']) == ('sms', '+15005550006', 'CA', 'Webhook')
    assert updated['auto_creation'] == dict(created['auto_creation'], type='studio', studio_flow_sid='FW' + 'c' * 32)
    assert updated['date_created'] == created['date_created'] and updated['date_updated'] > created['date_updated']
    filters = api.post(created['url'], data=[('AutoCreation.WebhookFilters', 'onConversationRemoved'),
                                             ('AutoCreation.WebhookFilters', 'onParticipantRemoved')]).json()
    assert filters['auto_creation']['webhook_filters'] == ['onConversationRemoved', 'onParticipantRemoved']
    cleared = api.post(created['url'], data={'FriendlyName': ''}).json()
    assert cleared['friendly_name'] is None
    nothing = api.post(created['url'], data={}).json()
    assert dict(nothing, date_updated=None) == dict(cleared, date_updated=None)
    assert nothing['date_updated'] > cleared['date_updated']
    assert_error(api.get(address_url(emulator, '+15005550999')), 404, 20404)


def test_delete_then_everything_is_404(api, emulator, address_form):
    created = create(api, emulator, address_form())
    assert api.delete(created['url']).status_code == 204
    for method in ('GET', 'POST', 'DELETE'):
        assert_error(api.request(method, created['url']), 404, 20404)
        assert_error(api.request(method, address_url(emulator, '+15005550006')), 404, 20404)


# --- lists --------------------------------------------------------------------------------------

def test_type_filter_ignores_case(api, emulator, address_form):
    sms = create(api, emulator, address_form('+15005550001', 'sms'))
    odd = create(api, emulator, address_form('+15005550002', 'SmS'))
    create(api, emulator, address_form('+15005550003', 'whatsapp'))
    for wanted in ('sms', 'SMS', 'sMs'):
        body = api.get(emulator.url(ADDRESSES), params={'Type': wanted}).json()
        assert [item['sid'] for item in body['address_configurations']] == [sms['sid'], odd['sid']]
        assert body['meta']['url'] == emulator.url(ADDRESSES + '?Type={0}&PageSize=50&Page=0'.format(wanted))
    assert api.get(emulator.url(ADDRESSES), params={'Type': 'chat'}).json()['address_configurations'] == []
    assert len(api.get(emulator.url(ADDRESSES), params={'Type': ''}).json()['address_configurations']) == 3


def test_empty_list(api, emulator):
    body = api.get(emulator.url(ADDRESSES)).json()
    base = emulator.url(ADDRESSES)
    assert body == {'address_configurations': [], 'meta': {
        'page': 0, 'page_size': 50, 'first_page_url': base + '?PageSize=50&Page=0', 'previous_page_url': None,
        'url': base + '?PageSize=50&Page=0', 'next_page_url': None, 'key': 'address_configurations'}}


def test_paging_over_more_than_50_addresses(api, emulator, address_form):
    sids = [create(api, emulator, address_form('+1500555{0:04d}'.format(index), 'sms' if index % 3 else 'chat'))['sid']
            for index in range(53)]
    url, pages, seen = emulator.url(ADDRESSES), [], []
    while url:
        body = api.get(url).json()
        pages.append(body['meta'])
        seen.extend(item['sid'] for item in body['address_configurations'])
        url = body['meta']['next_page_url']
    assert seen == sids
    assert [meta['page_size'] for meta in pages] == [50, 50]
    assert pages[0]['next_page_url'] == emulator.url(ADDRESSES + '?PageSize=50&Page=1&PageToken=PA' + sids[49])
    assert pages[1]['previous_page_url'] == emulator.url(ADDRESSES + '?PageSize=50&Page=0&PageToken=PB' + sids[50])

    chat = [sid for index, sid in enumerate(sids) if index % 3 == 0]
    url, seen, requests_made = emulator.url(ADDRESSES + '?Type=chat&PageSize=7'), [], 0
    while url:
        body = api.get(url).json()
        assert re.search(r'[?&]Type=chat&', body['meta']['url'])
        seen.extend(item['sid'] for item in body['address_configurations'])
        url = body['meta']['next_page_url']
        requests_made += 1
    assert seen == chat and requests_made == 3
