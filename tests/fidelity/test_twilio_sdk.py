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


def sdk_client(emulator, mode, token=None):
    if mode == 'auth token':
        client = Client(emulator.account_sid, token or emulator.auth_token)
    else:
        client = Client(emulator.api_key, token or emulator.api_secret, emulator.account_sid)
    client.flex_api.base_url = emulator.url('/flex-api')
    client.studio.base_url = emulator.url('/studio')
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
