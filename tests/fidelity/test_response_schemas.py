# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Every response body validates against the response schema of its operation in Twilio's spec,
with exactly the fields the spec lists (strict mode: all required, nothing extra)."""

from urllib.parse import quote

import pytest

from openapi_schemas import load_spec, response_headers, response_validator, spec_dir

FLEX = load_spec('twilio_flex_v1.json')
STUDIO = load_spec('twilio_studio_v2.json')
CONVERSATIONS = load_spec('twilio_conversations_v1.json')
SYNC = load_spec('twilio_sync_v1.json')

pytestmark = pytest.mark.skipif(
    FLEX is None or STUDIO is None or CONVERSATIONS is None,
    reason='Twilio OpenAPI specs twilio_flex_v1.json / twilio_studio_v2.json / twilio_conversations_v1.json not found in {0} '
           '(set TWILIO_OAI_DIR)'.format(spec_dir()))
ADDRESSES = '/conversations/v1/Configuration/Addresses'


def assert_valid(spec, operation_id, status, response):
    assert response.status_code == status, response.text
    body = response.json()
    errors = sorted(response_validator(spec, operation_id, status).iter_errors(body), key=str)
    assert not errors, '{0} answer does not match the spec:\n{1}'.format(
        operation_id, '\n'.join('{0}: {1}'.format(list(error.absolute_path), error.message) for error in errors))
    return body


INTEGRATIONS = {
    'studio': lambda seeded: {'Integration.FlowSid': seeded['studio_flows']['Messaging Flow']['sid'], 'Integration.RetryCount': '1'},
    'external': lambda seeded: {'Integration.Url': 'https://example.com/hook', 'Integration.CreationOnMessage': 'true'},
    'task': lambda seeded: {'Integration.WorkspaceSid': seeded['configuration']['taskrouter_workspace_sid'],
                            'Integration.WorkflowSid': seeded['configuration']['taskrouter_target_workflow_sid'],
                            'Integration.Timeout': '600', 'Integration.Priority': '5', 'Integration.Channel': 'chat'},
}


@pytest.mark.parametrize('integration_type', sorted(INTEGRATIONS))
def test_flex_flow_create_fetch_update(api, emulator, seeded, integration_type):
    form = {'FriendlyName': 'Schema ' + integration_type, 'ChatServiceSid': seeded['configuration']['chat_service_instance_sid'],
            'ChannelType': 'sms', 'ContactIdentity': '+15550100', 'Enabled': 'true', 'IntegrationType': integration_type,
            'LongLived': 'true', 'JanitorEnabled': 'false'}
    form.update(INTEGRATIONS[integration_type](seeded))
    created = assert_valid(FLEX, 'CreateFlexFlow', 201, api.post(emulator.url('/flex-api/v1/FlexFlows'), data=form))
    assert_valid(FLEX, 'FetchFlexFlow', 200, api.get(created['url']))
    assert_valid(FLEX, 'UpdateFlexFlow', 200, api.post(created['url'], data={'Enabled': 'false', 'ContactIdentity': ''}))


def test_flex_flow_list_pages(api, emulator, flex_flow_form):
    for index in range(3):
        api.post(emulator.url('/flex-api/v1/FlexFlows'), data=flex_flow_form('Listed {0}'.format(index))).raise_for_status()
    first = assert_valid(FLEX, 'ListFlexFlow', 200, api.get(emulator.url('/flex-api/v1/FlexFlows'), params={'PageSize': 2}))
    assert first['meta']['next_page_url']
    second = assert_valid(FLEX, 'ListFlexFlow', 200, api.get(first['meta']['next_page_url']))
    assert second['meta']['previous_page_url']
    assert_valid(FLEX, 'ListFlexFlow', 200, api.get(emulator.url('/flex-api/v1/FlexFlows'), params={'FriendlyName': 'nobody'}))


def test_seeded_flex_flow_fetch(api, seeded):
    assert_valid(FLEX, 'FetchFlexFlow', 200, api.get(seeded['flex_flows'][0]['url']))


def test_configuration_fetch_and_update(api, emulator):
    assert_valid(FLEX, 'FetchConfiguration', 200, api.get(emulator.url('/flex-api/v1/Configuration'), params={'UiVersion': '2.13.1'}))
    update = {'account_sid': emulator.account_sid, 'ui_attributes': {'theme': 'dark'}}
    assert_valid(FLEX, 'UpdateConfiguration', 200, api.post(emulator.url('/flex-api/v1/Configuration'), json=update))


def test_studio_flows(api, emulator, seeded):
    form = {'FriendlyName': 'Schema Flow', 'Status': 'draft', 'Definition': '{"initial_state": "Trigger", "states": []}',
            'CommitMessage': 'first'}
    created = assert_valid(STUDIO, 'CreateFlow', 201, api.post(emulator.url('/studio/v2/Flows'), data=form))
    assert_valid(STUDIO, 'FetchFlow', 200, api.get(created['url']))
    assert_valid(STUDIO, 'UpdateFlow', 200, api.post(created['url'], data={'Status': 'published'}))
    page = assert_valid(STUDIO, 'ListFlow', 200, api.get(emulator.url('/studio/v2/Flows'), params={'PageSize': 2}))
    assert_valid(STUDIO, 'ListFlow', 200, api.get(page['meta']['next_page_url']))
    assert_valid(STUDIO, 'FetchFlow', 200, api.get(seeded['studio_flows']['Voice IVR']['url']))


def test_conversations_configuration_fetch_and_update(api, emulator):
    assert_valid(CONVERSATIONS, 'FetchConfiguration', 200, api.get(emulator.url('/conversations/v1/Configuration')))
    update = {'DefaultInactiveTimer': 'PT1M', 'DefaultClosedTimer': 'PT10M', 'DefaultMessagingServiceSid': 'MG' + 'a' * 32}
    body = assert_valid(CONVERSATIONS, 'UpdateConfiguration', 200, api.post(emulator.url('/conversations/v1/Configuration'), data=update))
    assert body['default_closed_timer'] == 'PT10M'


# One create form per auto-creation type, shaped like the spec's examples.
ADDRESS_FORMS = {
    'webhook': [('Type', 'sms'), ('Address', '+37256123457'), ('FriendlyName', 'My Test Configuration'), ('AddressCountry', 'CA'),
                ('AutoCreation.Enabled', 'true'), ('AutoCreation.Type', 'webhook'), ('AutoCreation.ConversationServiceSid', 'IS' + 'a' * 32),
                ('AutoCreation.WebhookUrl', 'https://example.com'), ('AutoCreation.WebhookMethod', 'post'),
                ('AutoCreation.WebhookFilters', 'onParticipantAdded'), ('AutoCreation.WebhookFilters', 'onMessageAdded')],
    'studio': [('Type', 'whAtsAPP'), ('Address', 'urn:mbid:AQAAYyUbut6E4B3T9FLv5EbG'), ('AutoCreation.Enabled', 'false'),
               ('AutoCreation.Type', 'studio'), ('AutoCreation.StudioFlowSid', 'FW' + 'a' * 32), ('AutoCreation.StudioRetryCount', '3')],
    'default': [('Type', 'chat'), ('Address', 'CV' + 'a' * 32), ('AutoCreation.Enabled', 'true'), ('AutoCreation.Type', 'default')],
    'none': [('Type', 'email'), ('Address', 'example@example.com')],
}


@pytest.mark.parametrize('kind', sorted(ADDRESS_FORMS))
def test_address_configuration_create_fetch_update(api, emulator, kind):
    created = assert_valid(CONVERSATIONS, 'CreateConfigurationAddress', 201, api.post(emulator.url(ADDRESSES), data=ADDRESS_FORMS[kind]))
    assert_valid(CONVERSATIONS, 'FetchConfigurationAddress', 200, api.get(created['url']))
    by_address = emulator.url(ADDRESSES + '/' + quote(created['address'], safe=''))
    assert_valid(CONVERSATIONS, 'FetchConfigurationAddress', 200, api.get(by_address))
    update = {'FriendlyName': 'My Test Configuration Updated', 'AutoCreation.Enabled': 'false', 'AutoCreation.Type': 'studio',
              'AutoCreation.StudioFlowSid': 'FW' + 'a' * 32, 'AutoCreation.StudioRetryCount': '3'}
    assert_valid(CONVERSATIONS, 'UpdateConfigurationAddress', 200, api.post(by_address, data=update))


def test_address_configuration_list_pages(api, emulator):
    for index in range(3):
        api.post(emulator.url(ADDRESSES), data={'Type': 'sms', 'Address': '+3725612345{0}'.format(index)}).raise_for_status()
    assert_valid(CONVERSATIONS, 'ListConfigurationAddress', 200, api.get(emulator.url(ADDRESSES)))
    first = assert_valid(CONVERSATIONS, 'ListConfigurationAddress', 200, api.get(emulator.url(ADDRESSES), params={'PageSize': 2, 'Type': 'SMS'}))
    assert first['meta']['next_page_url']
    second = assert_valid(CONVERSATIONS, 'ListConfigurationAddress', 200, api.get(first['meta']['next_page_url']))
    assert second['meta']['previous_page_url']
    assert_valid(CONVERSATIONS, 'ListConfigurationAddress', 200, api.get(emulator.url(ADDRESSES), params={'Type': 'rcs'}))


def test_auto_creation_keys_are_those_of_the_spec_examples(api, emulator):
    """`auto_creation` has no schema in the spec; its keys must be among those its examples show."""
    example_keys = set()
    for path in ('/v1/Configuration/Addresses', '/v1/Configuration/Addresses/{Sid}'):
        for method in ('get', 'post'):
            for response in CONVERSATIONS['paths'][path][method]['responses'].values():
                for example in response.get('content', {}).get('application/json', {}).get('examples', {}).values():
                    value = example['value']
                    for item in value.get('address_configurations', [value]):
                        example_keys.update(item.get('auto_creation') or {})
    assert example_keys == {'enabled', 'type', 'conversation_service_sid', 'webhook_url', 'webhook_method', 'webhook_filters', 'studio_flow_sid',
                            'studio_retry_count'}
    for form in ADDRESS_FORMS.values():
        created = api.post(emulator.url(ADDRESSES), data=form).json()
        assert set(created['auto_creation']) <= example_keys


def test_validator_catches_deviations(api, seeded):
    """The checks above would fail on a wrong answer: extra or missing fields, wrong types, bad formats."""
    validator = response_validator(FLEX, 'FetchFlexFlow', 200)
    good = api.get(seeded['flex_flows'][0]['url']).json()
    assert not list(validator.iter_errors(good))
    deviations = [
        dict(good, extra='field'),
        dict((key, value) for key, value in good.items() if key != 'janitor_enabled'),
        dict(good, enabled='true'),
        dict(good, channel_type='webchat'),
        dict(good, sid='FO123'),
        dict(good, date_updated='2026-11-25 10:00:00'),
        dict(good, url='/flex-api/v1/FlexFlows/' + good['sid']),
    ]
    for body in deviations:
        assert list(validator.iter_errors(body)), body
    studio = response_validator(STUDIO, 'FetchFlow', 200)
    flow = api.get(seeded['studio_flows']['Webchat Flow']['url']).json()
    assert not list(studio.iter_errors(flow))
    assert list(studio.iter_errors(dict(flow, links={'revisions': 'not a url'})))
    address = response_validator(CONVERSATIONS, 'FetchConfigurationAddress', 200)
    configuration = response_validator(CONVERSATIONS, 'FetchConfiguration', 200)
    good = {'sid': 'IG' + 'a' * 32, 'account_sid': 'AC' + 'a' * 32, 'type': 'sms', 'address': '+1', 'friendly_name': None,
            'auto_creation': {'enabled': False}, 'date_created': '2026-11-25T10:00:00Z', 'date_updated': '2026-11-25T10:00:00Z',
            'url': 'https://conversations.twilio.com/v1/Configuration/Addresses/IG' + 'a' * 32, 'address_country': None}
    assert not list(address.iter_errors(good))
    for body in (dict(good, sid='FO' + 'a' * 32), dict(good, extra=1), dict((key, value) for key, value in good.items() if key != 'address_country')):
        assert list(address.iter_errors(body)), body
    assert list(configuration.iter_errors({'account_sid': 'AC' + 'a' * 32}))


# --- Sync ---------------------------------------------------------------------------------------

SYNC_SERVICES = '/sync/v1/Services'
SYNC_DOCUMENTS = SYNC_SERVICES + '/default/Documents'
needs_sync_spec = pytest.mark.skipif(SYNC is None, reason='twilio_sync_v1.json not found in {0} (set TWILIO_OAI_DIR)'.format(spec_dir()))


def assert_sync(operation_id, status, response):
    """Valid against the Sync spec, with the ETag header exactly where the spec declares one."""
    body = assert_valid(SYNC, operation_id, status, response)
    assert ('ETag' in response.headers) == ('ETag' in response_headers(SYNC, operation_id, status)), operation_id
    return body


@needs_sync_spec
def test_sync_services(api, emulator):
    default = assert_sync('FetchService', 200, api.get(emulator.url(SYNC_SERVICES + '/default')))
    assert_sync('FetchService', 200, api.get(default['url']))
    # The spec's own request example.
    form = {'FriendlyName': 'friendly_name', 'WebhookUrl': 'http://www.example.com', 'AclEnabled': 'true', 'ReachabilityDebouncingWindow': '5000'}
    created = assert_sync('CreateService', 201, api.post(emulator.url(SYNC_SERVICES), data=form))
    update = {'FriendlyName': 'friendly_name', 'WebhookUrl': 'http://www.example.com', 'AclEnabled': 'true'}
    assert_sync('UpdateService', 200, api.post(created['url'], data=update))
    page = assert_sync('ListService', 200, api.get(emulator.url(SYNC_SERVICES), params={'PageSize': 1}))
    assert_sync('ListService', 200, api.get(page['meta']['next_page_url']))


@needs_sync_spec
def test_sync_documents(api, emulator):
    # The spec's own request example, then one without an expiry.
    created = assert_sync('CreateDocument', 201, api.post(emulator.url(SYNC_DOCUMENTS), data={'Data': '{}', 'UniqueName': 'unique_name', 'Ttl': 3600}))
    assert created['date_expires'] is not None
    plain = assert_sync('CreateDocument', 201, api.post(emulator.url(SYNC_DOCUMENTS), data={'Data': '{"a": [1, {"b": null}]}'}))
    assert plain['unique_name'] is None and plain['date_expires'] is None
    assert_sync('FetchDocument', 200, api.get(created['url']))
    assert_sync('FetchDocument', 200, api.get(emulator.url(SYNC_DOCUMENTS + '/unique_name')))
    assert_sync('UpdateDocument', 200, api.post(created['url'], data={'Data': '{}', 'UniqueName': 'unique_name', 'Ttl': 3600},
                                                headers={'If-Match': created['revision']}))
    page = assert_sync('ListDocument', 200, api.get(emulator.url(SYNC_DOCUMENTS), params={'PageSize': 1}))
    assert_sync('ListDocument', 200, api.get(page['meta']['next_page_url']))
    assert api.delete(created['url']).status_code == 204


@needs_sync_spec
def test_sync_validator_catches_deviations(api, emulator):
    validator = response_validator(SYNC, 'FetchDocument', 200)
    good = api.post(emulator.url(SYNC_DOCUMENTS), data={'UniqueName': 'checked'}).json()
    assert not list(validator.iter_errors(good))
    for body in (dict(good, revision=0), dict(good, sid='EX' + 'a' * 32), dict(good, extra=1), dict(good, date_expires='tomorrow'),
                 dict(good, links={'permissions': '/relative'}), dict((key, value) for key, value in good.items() if key != 'created_by')):
        assert list(validator.iter_errors(body)), body
