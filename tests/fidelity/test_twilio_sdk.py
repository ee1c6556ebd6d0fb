# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Twilio's own Python SDK (twilio==9.13.0) works against the emulator as it does against Twilio.

twilio-python builds every URL as Domain.base_url + '/' + version + '/' + resource
(twilio/base/domain.py absolute_url), and follows meta.next_page_url verbatim, so pointing each
product's Domain.base_url at the emulator's prefix is all it takes.
"""

import pytest
from twilio.base.exceptions import TwilioException, TwilioRestException
from twilio.rest import Client

from collection_import import collection_module


def sdk_client(emulator, mode, token=None):
    if mode == 'auth token':
        client = Client(emulator.account_sid, token or emulator.auth_token)
    else:
        client = Client(emulator.api_key, token or emulator.api_secret, emulator.account_sid)
    client.flex_api.base_url = emulator.url('/flex-api')
    client.studio.base_url = emulator.url('/studio')
    client.conversations.base_url = emulator.url('/conversations')
    client.sync.base_url = emulator.url('/sync')
    return client


@pytest.fixture(params=['auth token', 'api key'])
def client(request, emulator):
    return sdk_client(emulator, request.param)


def test_flex_flow_lifecycle(client, emulator):
    configuration = client.flex_api.v1.configuration().fetch()
    webchat = [flow for flow in client.studio.v2.flows.list() if flow.friendly_name == 'Webchat Flow']
    assert len(webchat) == 1
    created = client.flex_api.v1.flex_flow.create(
        friendly_name='SDK Chat', chat_service_sid=configuration.chat_service_instance_sid, channel_type='web',
        integration_type='studio', integration_flow_sid=webchat[0].sid, integration_retry_count=2, enabled=True, long_lived=False)
    assert created.sid.startswith('FO')
    assert created.account_sid == emulator.account_sid
    assert created.integration == {'flow_sid': webchat[0].sid, 'retry_count': 2}
    assert created.enabled is True and created.long_lived is False
    assert created.date_created is not None and created.date_created.tzinfo is not None

    fetched = client.flex_api.v1.flex_flow(created.sid).fetch()
    assert fetched.friendly_name == 'SDK Chat'
    updated = client.flex_api.v1.flex_flow(created.sid).update(enabled=False, integration_retry_count=0, janitor_enabled=True)
    assert (updated.enabled, updated.janitor_enabled, updated.integration['retry_count']) == (False, True, 0)
    assert updated.date_updated > created.date_updated

    listed = client.flex_api.v1.flex_flow.list(friendly_name='SDK Chat')
    assert [flow.sid for flow in listed] == [created.sid]
    assert client.flex_api.v1.flex_flow(created.sid).delete() is True
    assert client.flex_api.v1.flex_flow.list(friendly_name='SDK Chat') == []

    methods = [(entry['method'], entry['path'], entry['status']) for entry in emulator.request_log()]
    assert ('POST', '/flex-api/v1/FlexFlows', 201) in methods
    assert ('DELETE', '/flex-api/v1/FlexFlows/' + created.sid, 204) in methods


def test_paging_through_every_flow(client, emulator):
    configuration = client.flex_api.v1.configuration().fetch()
    created = [client.flex_api.v1.flex_flow.create(
        friendly_name='Paged {0:02d}'.format(index), chat_service_sid=configuration.chat_service_instance_sid, channel_type='sms',
        integration_type='external', integration_url='https://example.com/{0}'.format(index)).sid for index in range(11)]
    listed = [flow.sid for flow in client.flex_api.v1.flex_flow.list(page_size=4)]
    assert sorted(listed) == sorted(set(listed))
    assert listed[1:] == created
    assert len(listed) == 12

    gets = [entry for entry in emulator.request_log() if entry['method'] == 'GET' and entry['path'] == '/flex-api/v1/FlexFlows']
    assert [entry['query'].get('PageSize') for entry in gets] == ['4'] * 3
    assert 'PageToken' not in gets[0]['query']
    assert [entry['query']['PageToken'] for entry in gets[1:]] == ['PA' + listed[3], 'PA' + listed[7]]
    assert all(entry['status'] == 200 for entry in gets)

    page = client.flex_api.v1.flex_flow.page(page_size=5)
    assert page.next_page_url.startswith(emulator.url('/flex-api/v1/FlexFlows?'))
    assert [flow.sid for flow in page.next_page().next_page()] == listed[10:]


def test_studio_flows(client):
    flows = client.studio.v2.flows.list(page_size=1)
    assert sorted(flow.friendly_name for flow in flows) == ['Messaging Flow', 'Voice IVR', 'Webchat Flow']
    for name in ('Twin', 'Twin'):
        client.studio.v2.flows.create(friendly_name=name, status='draft', definition={'initial_state': 'Trigger', 'states': []})
    twins = [flow for flow in client.studio.v2.flows.list() if flow.friendly_name == 'Twin']
    assert len(twins) == 2 and twins[0].sid != twins[1].sid
    fetched = client.studio.v2.flows(twins[0].sid).fetch()
    assert fetched.definition == {'initial_state': 'Trigger', 'states': []}
    assert fetched.status == 'draft' and fetched.revision == 1
    updated = client.studio.v2.flows(twins[0].sid).update(status='published', commit_message='ship')
    assert (updated.status, updated.revision, updated.commit_message) == ('published', 2, 'ship')
    assert client.studio.v2.flows(twins[1].sid).delete() is True


def test_configuration(client, emulator):
    configuration = client.flex_api.v1.configuration().fetch()
    assert configuration.account_sid == emulator.account_sid
    assert configuration.status == 'ok'
    assert configuration.chat_service_instance_sid.startswith('IS')
    assert configuration.flex_service_instance_sid != configuration.chat_service_instance_sid

    class Body:
        def to_dict(self):
            return {'account_sid': emulator.account_sid, 'ui_language': 'de'}

    assert client.flex_api.v1.configuration().update(body=Body()).ui_language == 'de'


def test_errors_match_twilio(client, emulator):
    with pytest.raises(TwilioRestException) as caught:
        client.flex_api.v1.flex_flow('FO' + '0' * 32).fetch()
    assert (caught.value.status, caught.value.code) == (404, 20404)
    with pytest.raises(TwilioRestException) as caught:
        client.flex_api.v1.flex_flow('FO' + '0' * 32).delete()
    assert (caught.value.status, caught.value.code) == (404, 20404)
    with pytest.raises(TwilioRestException) as caught:
        client.studio.v2.flows('FW' + '0' * 32).fetch()
    assert (caught.value.status, caught.value.code) == (404, 20404)
    with pytest.raises(TwilioRestException) as caught:
        client.flex_api.v1.flex_flow.create(friendly_name='Bad', chat_service_sid='IS' + '0' * 32, channel_type='webchat',
                                            integration_flow_sid='FW' + '0' * 32)
    assert (caught.value.status, caught.value.code) == (400, 20001)
    assert 'ChannelType' in caught.value.msg
    with pytest.raises(TwilioRestException) as caught:
        client.flex_api.v1.flex_flow.create(friendly_name='Bad', chat_service_sid='IS' + '0' * 32, channel_type='web',
                                            integration_type='task', integration_workspace_sid='WS' + '0' * 32)
    assert (caught.value.status, caught.value.code) == (400, 20001)
    assert 'Integration.WorkflowSid' in caught.value.msg


@pytest.mark.parametrize('mode', ['auth token', 'api key'])
def test_bad_credentials(emulator, mode):
    client = sdk_client(emulator, mode, token='wrong')
    for call in (client.flex_api.v1.configuration().fetch, client.flex_api.v1.flex_flow('FO' + '0' * 32).fetch,
                 client.studio.v2.flows('FW' + '0' * 32).fetch):
        with pytest.raises(TwilioRestException) as caught:
            call()
        assert (caught.value.status, caught.value.code) == (401, 20003)
    # A list page that is not 200 is a plain TwilioException in the SDK, for Twilio as for the emulator.
    with pytest.raises(TwilioException) as caught:
        client.flex_api.v1.flex_flow.list()
    assert caught.value.args[1].status_code == 401


# --- Conversations ------------------------------------------------------------------------------

def test_conversations_configuration(client, emulator):
    flex = client.flex_api.v1.configuration().fetch()
    # twilio 9.13 exposes the singleton as configuration(), a context, as it does for Flex.
    configuration = client.conversations.v1.configuration().fetch()
    assert configuration.account_sid == emulator.account_sid
    assert configuration.default_chat_service_sid == flex.chat_service_instance_sid
    assert configuration.default_messaging_service_sid == flex.messaging_service_instance_sid
    assert configuration.links['webhooks'] == emulator.url('/conversations/v1/Configuration/Webhooks')
    updated = client.conversations.v1.configuration().update(default_inactive_timer='PT5M', default_closed_timer='PT1H')
    assert (updated.default_inactive_timer, updated.default_closed_timer) == ('PT5M', 'PT1H')
    assert updated.default_chat_service_sid == flex.chat_service_instance_sid


def test_address_configuration_lifecycle(client, emulator):
    configurations = client.conversations.v1.address_configurations
    created = configurations.create(
        type='sms', address='+15005550006', friendly_name='SDK SMS', address_country='US', auto_creation_enabled=True,
        auto_creation_type='webhook', auto_creation_webhook_url='https://example.com/hook', auto_creation_webhook_method='post',
        auto_creation_webhook_filters=['onMessageAdded', 'onParticipantAdded'])
    assert created.sid.startswith('IG') and created.account_sid == emulator.account_sid
    assert (created.type, created.address, created.friendly_name, created.address_country) == ('sms', '+15005550006', 'SDK SMS', 'US')
    default_service = client.conversations.v1.configuration().fetch().default_chat_service_sid
    assert created.auto_creation == {'enabled': True, 'type': 'webhook', 'conversation_service_sid': default_service,
                                     'webhook_url': 'https://example.com/hook', 'webhook_method': 'POST',
                                     'webhook_filters': ['onMessageAdded', 'onParticipantAdded']}
    assert created.date_created is not None and created.date_created.tzinfo is not None

    # The SDK puts the address into the path as it is given: /Configuration/Addresses/+15005550006.
    by_sid = client.conversations.v1.address_configurations(created.sid).fetch()
    by_address = client.conversations.v1.address_configurations('+15005550006').fetch()
    assert by_sid.sid == by_address.sid == created.sid
    updated = client.conversations.v1.address_configurations('+15005550006').update(
        friendly_name='SDK Studio', auto_creation_type='studio', auto_creation_studio_flow_sid='FW' + 'a' * 32,
        auto_creation_studio_retry_count=2)
    assert updated.friendly_name == 'SDK Studio'
    assert (updated.auto_creation['type'], updated.auto_creation['studio_flow_sid'], updated.auto_creation['studio_retry_count']) == \
        ('studio', 'FW' + 'a' * 32, 2)
    assert updated.auto_creation['webhook_url'] == 'https://example.com/hook'
    assert updated.date_updated > created.date_updated

    assert [item.sid for item in configurations.list(type='SMS')] == [created.sid]
    assert client.conversations.v1.address_configurations('+15005550006').delete() is True
    with pytest.raises(TwilioRestException) as caught:
        client.conversations.v1.address_configurations(created.sid).fetch()
    assert (caught.value.status, caught.value.code) == (404, 20404)
    with pytest.raises(TwilioRestException) as caught:
        client.conversations.v1.address_configurations(created.sid).delete()
    assert (caught.value.status, caught.value.code) == (404, 20404)

    methods = [(entry['method'], entry['path'], entry['status']) for entry in emulator.request_log()]
    assert ('DELETE', '/conversations/v1/Configuration/Addresses/+15005550006', 204) in methods


def test_address_configuration_list_pages(client, emulator):
    configurations = client.conversations.v1.address_configurations
    created = [configurations.create(type='chat' if index % 2 else 'whatsapp', address='CV{0:032x}'.format(index)).sid for index in range(7)]
    limited = [item.sid for item in configurations.list(limit=5, page_size=2)]
    assert limited == created[:5]
    gets = [entry for entry in emulator.request_log() if entry['method'] == 'GET']
    assert [entry['query'].get('PageSize') for entry in gets] == ['2'] * 3
    assert [entry['query'].get('PageToken') for entry in gets] == [None, 'PA' + created[1], 'PA' + created[3]]
    assert [item.sid for item in configurations.list(page_size=3)] == created
    assert [item.sid for item in configurations.list(type='chat', page_size=2)] == created[1::2]
    assert [item.sid for item in configurations.stream(limit=50)] == created


def test_list_limit_above_50_without_page_size_is_refused(client, emulator):
    """twilio-python asks for PageSize=limit when no page_size is given; this list allows 50 at most,
    so list(limit=60) fails on Twilio too (a trap for callers, not an emulator quirk)."""
    with pytest.raises(TwilioException):
        client.conversations.v1.address_configurations.list(limit=60)
    assert [(entry['query'].get('PageSize'), entry['status']) for entry in emulator.request_log()] == [('60', 400)]


def test_address_configuration_errors(client):
    configurations = client.conversations.v1.address_configurations
    configurations.create(type='sms', address='+15005550006')
    with pytest.raises(TwilioRestException) as caught:
        configurations.create(type='sms', address='+15005550006')
    assert (caught.value.status, caught.value.code) == (400, 20001)
    with pytest.raises(TwilioRestException) as caught:
        configurations.create(type='web', address='+15005550007')
    assert (caught.value.status, caught.value.code) == (400, 20001)
    assert 'Type' in caught.value.msg
    with pytest.raises(TwilioRestException) as caught:
        client.conversations.v1.address_configurations('+15005550099').fetch()
    assert (caught.value.status, caught.value.code) == (404, 20404)


# --- Sync ---------------------------------------------------------------------------------------

def test_sync_default_service(client, emulator):
    """Twilio's sdk-starter code: services('default').fetch() "ensures the default service is provisioned"."""
    service = client.sync.v1.services('default').fetch()
    assert service.sid.startswith('IS') and service.unique_name == 'default'
    assert service.friendly_name == 'Default Service' and service.account_sid == emulator.account_sid
    assert client.sync.v1.services(service.sid).fetch().sid == service.sid
    assert [listed.sid for listed in client.sync.v1.services.list()] == [service.sid]
    created = client.sync.v1.services.create(friendly_name='Records', acl_enabled=True)
    assert (created.unique_name, created.acl_enabled) == (None, True)
    assert [listed.sid for listed in client.sync.v1.services.list(page_size=1)] == [service.sid, created.sid]


def test_sync_document_lifecycle(client, emulator):
    documents = client.sync.v1.services('default').documents
    created = documents.create(unique_name='site-a', data={'sites': ['a'], 'owner': 'run-1'}, ttl=3600)
    assert created.sid.startswith('ET') and created.service_sid.startswith('IS')
    assert (created.unique_name, created.revision, created.created_by) == ('site-a', '0', 'system')
    assert created.data == {'sites': ['a'], 'owner': 'run-1'}
    assert created.date_expires is not None and (created.date_expires - created.date_created).total_seconds() == 3600

    fetched = client.sync.v1.services('default').documents('site-a').fetch()
    assert (fetched.sid, fetched.revision) == (created.sid, '0')
    updated = client.sync.v1.services('default').documents('site-a').update(data={'sites': ['a', 'b']}, if_match=fetched.revision)
    assert (updated.revision, updated.data) == ('1', {'sites': ['a', 'b']})
    assert updated.date_expires == created.date_expires
    # An instance updates itself through its context, by SID.
    assert fetched.update(data={'sites': []}, if_match='1').revision == '2'

    # A stale revision is refused with 412 / 54103, and nothing changes.
    with pytest.raises(TwilioRestException) as caught:
        client.sync.v1.services('default').documents(created.sid).update(data={'sites': ['lost']}, if_match='1')
    assert (caught.value.status, caught.value.code) == (412, 54103)
    assert client.sync.v1.services('default').documents(created.sid).fetch().data == {'sites': []}
    # twilio-python leaves an empty if_match out: the update is unconditional.
    assert client.sync.v1.services('default').documents('site-a').update(ttl=0, if_match='').date_expires is None

    assert [document.sid for document in documents.list()] == [created.sid]
    assert client.sync.v1.services('default').documents('site-a').delete() is True
    with pytest.raises(TwilioRestException) as caught:
        client.sync.v1.services('default').documents('site-a').fetch()
    assert (caught.value.status, caught.value.code) == (404, 54100)

    methods = [(entry['method'], entry['path'], entry['status']) for entry in emulator.request_log()]
    assert ('POST', '/sync/v1/Services/default/Documents', 201) in methods
    assert ('DELETE', '/sync/v1/Services/default/Documents/site-a', 204) in methods
    creates = [entry for entry in emulator.request_log() if entry['method'] == 'POST' and entry['path'].endswith('/Documents')]
    assert creates[0]['form'] == {'UniqueName': 'site-a', 'Data': '{"sites": ["a"], "owner": "run-1"}', 'Ttl': '3600'}


def test_sync_document_errors(client):
    documents = client.sync.v1.services('default').documents
    documents.create(unique_name='lock', data={})
    with pytest.raises(TwilioRestException) as caught:
        documents.create(unique_name='lock', data={'again': True})
    assert (caught.value.status, caught.value.code) == (409, 54301)
    with pytest.raises(TwilioRestException) as caught:
        documents.create(unique_name='big', data={'p': 'x' * 16384})
    assert (caught.value.status, caught.value.code) == (413, 54006)
    with pytest.raises(TwilioRestException) as caught:
        documents.create(unique_name='forever', ttl=31536001)
    assert (caught.value.status, caught.value.code) == (400, 54011)
    with pytest.raises(TwilioRestException) as caught:
        documents.create(unique_name='ET' + '0' * 32)
    assert (caught.value.status, caught.value.code) == (400, 54302)
    with pytest.raises(TwilioRestException) as caught:
        client.sync.v1.services('IS' + '0' * 32).documents('lock').fetch()
    assert (caught.value.status, caught.value.code) == (404, 54050)


def test_sync_document_paging(client):
    documents = client.sync.v1.services('default').documents
    created = [documents.create(unique_name='page-{0}'.format(index)).sid for index in range(7)]
    assert [document.sid for document in documents.list(page_size=3)] == created
    assert [document.sid for document in documents.list(limit=4, page_size=2)] == created[:4]


# -- edge and region: the collection builds Twilio's hosts as the SDK does ---------------------------

# The product table's key -> the SDK's Domain of that product.
SDK_DOMAINS = dict(flex='flex_api', studio='studio', conversations='conversations', sync='sync')


@pytest.mark.parametrize('edge, region', [
    (None, None), ('sydney', None), ('dublin', 'us1'), (None, 'us1'), ('ashburn-ix', 'us1'), ('sao-paulo', None),
    # Regions the collection refuses: the host rule is the SDK's all the same.
    (None, 'ie1'), ('sydney', 'au1'),
])
def test_each_products_host_for_an_edge_and_region_is_the_sdks(edge, region):
    products = collection_module('plugins.module_utils._products')
    assert sorted(SDK_DOMAINS) == sorted(products.PRODUCTS_BY_KEY)
    for source in ('arguments', 'environment'):
        # A non-empty environment: the SDK reads os.environ when given an empty one.
        environment = dict(TWILIO_ACCOUNT_SID='AC' + '0' * 32)
        if source == 'arguments':
            sdk = Client('AC' + '0' * 32, 'token', edge=edge, region=region, environment=environment)
        else:
            environment.update((name, value) for name, value in (('TWILIO_EDGE', edge), ('TWILIO_REGION', region)) if value)
            sdk = Client('AC' + '0' * 32, 'token', environment=environment)
        for key, domain in SDK_DOMAINS.items():
            base = getattr(sdk, domain).base_url
            assert base == products.PRODUCTS_BY_KEY[key].default, key
            expected = sdk.get_hostname(base + '/v1/Configuration')
            assert products.PRODUCTS_BY_KEY[key].twilio_url(edge, region) + '/v1/Configuration' == expected, (key, source)
