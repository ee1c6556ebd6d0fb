# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Requests the real API refuses are refused the same way: 400 with a Twilio error body that
names the parameter, and nothing is created or changed."""

import pytest

from openapi_schemas import form_schema, load_spec, parameters, spec_dir

FLEX = load_spec('twilio_flex_v1.json')
ERROR_KEYS = {'code', 'message', 'more_info', 'status'}
FW_SID = 'FW' + 'a' * 32


def assert_bad_request(response, parameter):
    assert response.status_code == 400, response.text
    body = response.json()
    assert set(body) == ERROR_KEYS
    assert body['status'] == 400
    assert body['code'] == 20001
    assert body['more_info'] == 'https://www.twilio.com/docs/errors/20001'
    assert parameter in body['message'], body['message']
    return body


# (case, changes to a valid create form (None removes the key), parameter the error must name)
BAD_CREATES = [
    ('missing FriendlyName', {'FriendlyName': None}, 'Missing required parameter FriendlyName'),
    ('missing ChatServiceSid', {'ChatServiceSid': None}, 'Missing required parameter ChatServiceSid'),
    ('missing ChannelType', {'ChannelType': None}, 'Missing required parameter ChannelType'),
    ('bad ChannelType', {'ChannelType': 'webchat'}, 'Invalid value for ChannelType: webchat'),
    ('ChannelType case', {'ChannelType': 'Web'}, 'ChannelType'),
    ('bad IntegrationType', {'IntegrationType': 'flow'}, 'IntegrationType'),
    ('capitalised boolean', {'Enabled': 'True'}, 'Invalid value for Enabled: True'),
    ('numeric boolean', {'LongLived': '1'}, 'LongLived'),
    ('boolean word', {'JanitorEnabled': 'yes'}, 'JanitorEnabled'),
    ('boolean in integration', {'Integration.CreationOnMessage': 'False'}, 'Integration.CreationOnMessage'),
    ('ChatServiceSid prefix', {'ChatServiceSid': 'CH' + 'a' * 32}, 'ChatServiceSid'),
    ('ChatServiceSid length', {'ChatServiceSid': 'IS' + 'a' * 31}, 'ChatServiceSid'),
    ('FlowSid pattern', {'Integration.FlowSid': 'FW123'}, 'Integration.FlowSid'),
    ('FlowSid not hex', {'Integration.FlowSid': 'FW' + 'g' * 32}, 'Integration.FlowSid'),
    ('WorkspaceSid pattern', {'IntegrationType': 'task', 'Integration.WorkspaceSid': 'WW' + 'a' * 32,
                              'Integration.WorkflowSid': 'WW' + 'a' * 32}, 'Integration.WorkspaceSid'),
    ('WorkflowSid pattern', {'IntegrationType': 'task', 'Integration.WorkspaceSid': 'WS' + 'a' * 32,
                             'Integration.WorkflowSid': 'WS' + 'a' * 32}, 'Integration.WorkflowSid'),
    ('non-integer Timeout', {'Integration.Timeout': 'ten'}, 'Integration.Timeout'),
    ('decimal Priority', {'Integration.Priority': '1.5'}, 'Integration.Priority'),
    ('non-integer RetryCount', {'Integration.RetryCount': 'three'}, 'Integration.RetryCount'),
    ('RetryCount 4', {'Integration.RetryCount': '4'}, 'Integration.RetryCount'),
    ('RetryCount -1', {'Integration.RetryCount': '-1'}, 'Integration.RetryCount'),
    ('relative Url', {'IntegrationType': 'external', 'Integration.Url': '/hook'}, 'Integration.Url'),
    ('Url without scheme', {'IntegrationType': 'external', 'Integration.Url': 'example.com/hook'}, 'Integration.Url'),
    ('ftp Url', {'IntegrationType': 'external', 'Integration.Url': 'ftp://example.com/hook'}, 'Integration.Url'),
    ('studio without FlowSid', {'Integration.FlowSid': None}, 'Integration.FlowSid'),
    ('external without Url', {'IntegrationType': 'external', 'Integration.FlowSid': None}, 'Integration.Url'),
    ('task without WorkspaceSid', {'IntegrationType': 'task', 'Integration.WorkflowSid': 'WW' + 'a' * 32}, 'Integration.WorkspaceSid'),
    ('task without WorkflowSid', {'IntegrationType': 'task', 'Integration.WorkspaceSid': 'WS' + 'a' * 32}, 'Integration.WorkflowSid'),
    ('default type studio needs FlowSid', {'IntegrationType': None, 'Integration.FlowSid': None}, 'Integration.FlowSid'),
    ('empty FriendlyName', {'FriendlyName': ''}, 'FriendlyName'),
    ('blank FriendlyName', {'FriendlyName': '   '}, 'FriendlyName'),
]


def apply(form, changes):
    result = dict(form)
    for key, value in changes.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = value
    return result


@pytest.mark.parametrize('changes, parameter', [case[1:] for case in BAD_CREATES], ids=[case[0] for case in BAD_CREATES])
def test_bad_create_is_refused(api, emulator, flex_flow_form, changes, parameter):
    response = api.post(emulator.url('/flex-api/v1/FlexFlows'), data=apply(flex_flow_form('Refused'), changes))
    assert_bad_request(response, parameter)
    names = [flow['friendly_name'] for flow in api.get(emulator.url('/flex-api/v1/FlexFlows')).json()['flex_flows']]
    assert 'Refused' not in names


BAD_UPDATES = [
    ('bad ChannelType', {'ChannelType': 'chat'}, 'ChannelType'),
    ('capitalised boolean', {'Enabled': 'False'}, 'Enabled'),
    ('RetryCount 4', {'Integration.RetryCount': '4'}, 'Integration.RetryCount'),
    ('switch to external without Url', {'IntegrationType': 'external'}, 'Integration.Url'),
    ('switch to task without sids', {'IntegrationType': 'task'}, 'Integration.WorkspaceSid'),
    ('blank FriendlyName', {'FriendlyName': ' '}, 'FriendlyName'),
    ('ChatServiceSid pattern', {'ChatServiceSid': 'IS1'}, 'ChatServiceSid'),
]


@pytest.mark.parametrize('form, parameter', [case[1:] for case in BAD_UPDATES], ids=[case[0] for case in BAD_UPDATES])
def test_bad_update_changes_nothing(api, seeded, form, parameter):
    before = seeded['flex_flows'][0]
    assert_bad_request(api.post(before['url'], data=form), parameter)
    assert api.get(before['url']).json() == before


@pytest.mark.parametrize('page_size', ['0', '1001', 'ten', '-1'])
def test_page_size_bounds(api, emulator, page_size):
    for path in ('/flex-api/v1/FlexFlows', '/studio/v2/Flows'):
        assert_bad_request(api.get(emulator.url(path), params={'PageSize': page_size}), 'PageSize')


@pytest.mark.parametrize('page_size', ['1', '1000'])
def test_page_size_limits_accepted(api, emulator, page_size):
    response = api.get(emulator.url('/flex-api/v1/FlexFlows'), params={'PageSize': page_size})
    assert response.status_code == 200
    assert response.json()['meta']['page_size'] == int(page_size)


def test_bad_page_and_page_token(api, emulator):
    assert_bad_request(api.get(emulator.url('/flex-api/v1/FlexFlows'), params={'Page': '-1'}), 'Page')
    assert_bad_request(api.get(emulator.url('/flex-api/v1/FlexFlows'), params={'PageToken': 'PAFO' + 'a' * 32}), 'PageToken')
    assert_bad_request(api.get(emulator.url('/studio/v2/Flows'), params={'PageToken': 'garbage'}), 'PageToken')


def test_unknown_fields_are_ignored(api, emulator, flex_flow_form):
    response = api.post(emulator.url('/flex-api/v1/FlexFlows'), data=flex_flow_form(Colour='blue', **{'Integration.Extra': 'x'}))
    assert response.status_code == 201
    assert 'extra' not in response.json()['integration']


BAD_STUDIO = [
    ('missing FriendlyName', {'FriendlyName': None}, 'Missing required parameter FriendlyName'),
    ('missing Status', {'Status': None}, 'Missing required parameter Status'),
    ('missing Definition', {'Definition': None}, 'Missing required parameter Definition'),
    ('bad Status', {'Status': 'live'}, 'Invalid value for Status: live'),
    ('Definition not JSON', {'Definition': '{states'}, 'Definition'),
    ('Definition not an object', {'Definition': '[1, 2]'}, 'Definition'),
]


@pytest.mark.parametrize('changes, parameter', [case[1:] for case in BAD_STUDIO], ids=[case[0] for case in BAD_STUDIO])
def test_bad_studio_create(api, emulator, changes, parameter):
    form = {'FriendlyName': 'Flow', 'Status': 'draft', 'Definition': '{"initial_state": "Trigger"}'}
    assert_bad_request(api.post(emulator.url('/studio/v2/Flows'), data=apply(form, changes)), parameter)


def test_studio_update_requires_status(api, seeded):
    assert_bad_request(api.post(seeded['studio_flows']['Voice IVR']['url'], data={'FriendlyName': 'x'}), 'Status')


needs_flex_spec = pytest.mark.skipif(FLEX is None, reason='twilio_flex_v1.json not found in {0} (set TWILIO_OAI_DIR)'.format(spec_dir()))


def create_request_schema():
    return FLEX['paths']['/v1/FlexFlows']['post']['requestBody']['content']['application/x-www-form-urlencoded']['schema']


@needs_flex_spec
def test_spec_required_parameters(api, emulator, flex_flow_form):
    """Each parameter the spec marks required on create is refused when missing."""
    for name in create_request_schema()['required']:
        assert_bad_request(api.post(emulator.url('/flex-api/v1/FlexFlows'), data=apply(flex_flow_form(), {name: None})),
                           'Missing required parameter ' + name)


@needs_flex_spec
def test_spec_enums(api, emulator, flex_flow_form, seeded):
    """Every value of the spec's enums is accepted, in exactly the spec's spelling."""
    schemas = FLEX['components']['schemas']
    for channel_type in schemas['flex_flow_enum_channel_type']['enum']:
        response = api.post(emulator.url('/flex-api/v1/FlexFlows'), data=flex_flow_form(ChannelType=channel_type))
        assert response.status_code == 201, response.text
        assert response.json()['channel_type'] == channel_type
        assert_bad_request(api.post(emulator.url('/flex-api/v1/FlexFlows'), data=flex_flow_form(ChannelType=channel_type.upper())),
                           'ChannelType')
    extra = {
        'studio': {},
        'external': {'Integration.Url': 'https://example.com/x'},
        'task': {'Integration.WorkspaceSid': 'WS' + 'b' * 32, 'Integration.WorkflowSid': 'WW' + 'b' * 32},
    }
    assert sorted(schemas['flex_flow_enum_integration_type']['enum']) == sorted(extra)
    for integration_type, fields in extra.items():
        form = flex_flow_form(IntegrationType=integration_type, **fields)
        response = api.post(emulator.url('/flex-api/v1/FlexFlows'), data=form)
        assert response.status_code == 201, response.text


@needs_flex_spec
def test_spec_sid_patterns(api, emulator, flex_flow_form):
    """Every create parameter with a SID pattern in the spec refuses a value with the wrong prefix."""
    properties = create_request_schema()['properties']
    patterned = dict((name, prop['pattern']) for name, prop in properties.items() if 'pattern' in prop)
    assert set(patterned) == {'ChatServiceSid', 'Integration.FlowSid', 'Integration.WorkspaceSid', 'Integration.WorkflowSid'}
    for name, pattern in patterned.items():
        prefix = pattern[1:3]
        assert_bad_request(api.post(emulator.url('/flex-api/v1/FlexFlows'), data=flex_flow_form(**{name: 'ZZ' + 'a' * 32})), name)
        assert_bad_request(api.post(emulator.url('/flex-api/v1/FlexFlows'), data=flex_flow_form(**{name: prefix + 'a' * 33})), name)


# --- trailing newlines --------------------------------------------------------------------------

@pytest.mark.parametrize('name', ['ChatServiceSid', 'Integration.FlowSid', 'Integration.RetryCount', 'Integration.Timeout'])
def test_trailing_newline_is_refused(api, emulator, flex_flow_form, name):
    """SIDs and integers must match in full: with `^...$` and .match(), `FO...\\n` would pass."""
    form = flex_flow_form('Newline', **{'Integration.RetryCount': '1', 'Integration.Timeout': '30'})
    form[name] += '\n'
    assert_bad_request(api.post(emulator.url('/flex-api/v1/FlexFlows'), data=form), name)
    assert_bad_request(api.get(emulator.url('/flex-api/v1/FlexFlows'), params={'PageSize': '5\n'}), 'PageSize')


# --- Conversations ------------------------------------------------------------------------------

CONVERSATIONS = load_spec('twilio_conversations_v1.json')
ADDRESSES = '/conversations/v1/Configuration/Addresses'
IS_SID, FW_SID_B = 'IS' + 'a' * 32, 'FW' + 'b' * 32

BAD_ADDRESS_CREATES = [
    ('missing Type', {'Type': None}, 'Missing required parameter Type'),
    ('missing Address', {'Address': None}, 'Missing required parameter Address'),
    ('missing both names Type first', {'Type': None, 'Address': None}, 'Missing required parameter Type'),
    ('bad Type', {'Type': 'web'}, 'Invalid value for Type: web'),
    ('Type with a newline', {'Type': 'sms\n'}, 'Type'),
    ('blank Address', {'Address': ' '}, 'Address'),
    ('capitalised boolean', {'AutoCreation.Enabled': 'True'}, 'Invalid value for AutoCreation.Enabled: True'),
    ('bad AutoCreation.Type', {'AutoCreation.Type': 'task'}, 'AutoCreation.Type'),
    ('AutoCreation.Type case', {'AutoCreation.Type': 'Studio'}, 'AutoCreation.Type'),
    ('WebhookMethod upper case', {'AutoCreation.WebhookMethod': 'POST'}, 'Invalid value for AutoCreation.WebhookMethod: POST'),
    ('bad WebhookMethod', {'AutoCreation.WebhookMethod': 'put'}, 'AutoCreation.WebhookMethod'),
    ('ConversationServiceSid prefix', {'AutoCreation.ConversationServiceSid': 'CH' + 'a' * 32}, 'AutoCreation.ConversationServiceSid'),
    ('ConversationServiceSid newline', {'AutoCreation.ConversationServiceSid': IS_SID + '\n'}, 'AutoCreation.ConversationServiceSid'),
    ('StudioFlowSid length', {'AutoCreation.StudioFlowSid': 'FW' + 'a' * 31}, 'AutoCreation.StudioFlowSid'),
    ('StudioFlowSid newline', {'AutoCreation.StudioFlowSid': FW_SID_B + '\n'}, 'AutoCreation.StudioFlowSid'),
    ('non-integer StudioRetryCount', {'AutoCreation.StudioRetryCount': 'three'}, 'AutoCreation.StudioRetryCount'),
    ('negative StudioRetryCount', {'AutoCreation.StudioRetryCount': '-1'}, 'AutoCreation.StudioRetryCount'),
    ('relative WebhookUrl', {'AutoCreation.WebhookUrl': '/hook'}, 'AutoCreation.WebhookUrl'),
    ('unknown webhook filter', {'AutoCreation.WebhookFilters': 'onEverything'}, 'Invalid value for AutoCreation.WebhookFilters: onEverything'),
    ('FriendlyName over 256', {'FriendlyName': 'x' * 257}, 'FriendlyName'),
    ('AddressCountry not alpha-2', {'AddressCountry': 'USA'}, 'AddressCountry'),
]


@pytest.mark.parametrize('changes, parameter', [case[1:] for case in BAD_ADDRESS_CREATES], ids=[case[0] for case in BAD_ADDRESS_CREATES])
def test_bad_address_create_is_refused(api, emulator, address_form, changes, parameter):
    assert_bad_request(api.post(emulator.url(ADDRESSES), data=apply(address_form(FriendlyName='Refused'), changes)), parameter)
    assert api.get(emulator.url(ADDRESSES)).json()['address_configurations'] == []


def test_one_bad_webhook_filter_among_good_ones(api, emulator, address_form):
    form = list(address_form().items()) + [('AutoCreation.WebhookFilters', 'onMessageAdded'), ('AutoCreation.WebhookFilters', 'onmessageadded')]
    assert_bad_request(api.post(emulator.url(ADDRESSES), data=form), 'onmessageadded')


def test_friendly_name_of_256_characters_is_accepted(api, emulator, address_form):
    response = api.post(emulator.url(ADDRESSES), data=address_form(FriendlyName='x' * 256))
    assert response.status_code == 201 and len(response.json()['friendly_name']) == 256


def test_duplicate_address_is_refused(api, emulator, address_form):
    first = api.post(emulator.url(ADDRESSES), data=address_form()).json()
    body = assert_bad_request(api.post(emulator.url(ADDRESSES), data=address_form(kind='whatsapp')), first['sid'])
    assert body['message'] == 'Address +15005550006 is already configured by address configuration {0}'.format(first['sid'])


BAD_ADDRESS_UPDATES = [
    ('capitalised boolean', {'AutoCreation.Enabled': 'False'}, 'AutoCreation.Enabled'),
    ('bad AutoCreation.Type', {'AutoCreation.Type': 'external'}, 'AutoCreation.Type'),
    ('StudioFlowSid pattern', {'AutoCreation.StudioFlowSid': 'FW1'}, 'AutoCreation.StudioFlowSid'),
    ('WebhookMethod upper case', {'AutoCreation.WebhookMethod': 'GET'}, 'AutoCreation.WebhookMethod'),
    ('FriendlyName over 256', {'FriendlyName': 'y' * 300}, 'FriendlyName'),
]


@pytest.mark.parametrize('form, parameter', [case[1:] for case in BAD_ADDRESS_UPDATES], ids=[case[0] for case in BAD_ADDRESS_UPDATES])
def test_bad_address_update_changes_nothing(api, emulator, address_form, form, parameter):
    before = api.post(emulator.url(ADDRESSES), data=address_form(FriendlyName='Kept')).json()
    assert_bad_request(api.post(before['url'], data=form), parameter)
    assert api.get(before['url']).json() == before


@pytest.mark.parametrize('page_size', ['0', '51', '1000', 'ten'])
def test_address_page_size_bounds(api, emulator, page_size):
    assert_bad_request(api.get(emulator.url(ADDRESSES), params={'PageSize': page_size}), 'Invalid value for PageSize')


def test_address_page_size_50_is_the_maximum(api, emulator):
    assert api.get(emulator.url(ADDRESSES), params={'PageSize': '50'}).json()['meta']['page_size'] == 50
    assert_bad_request(api.get(emulator.url(ADDRESSES), params={'PageToken': 'PAIG' + 'a' * 32}), 'PageToken')
    assert_bad_request(api.get(emulator.url(ADDRESSES), params={'Page': 'x'}), 'Page')


BAD_CONFIGURATION_UPDATES = [
    ('DefaultChatServiceSid prefix', {'DefaultChatServiceSid': 'MG' + 'a' * 32}, 'DefaultChatServiceSid'),
    ('DefaultChatServiceSid newline', {'DefaultChatServiceSid': IS_SID + '\n'}, 'DefaultChatServiceSid'),
    ('DefaultChatServiceSid empty', {'DefaultChatServiceSid': ''}, 'DefaultChatServiceSid'),
    ('DefaultMessagingServiceSid prefix', {'DefaultMessagingServiceSid': IS_SID}, 'DefaultMessagingServiceSid'),
    ('inactive timer under a minute', {'DefaultInactiveTimer': 'PT59S'}, 'DefaultInactiveTimer'),
    ('closed timer under ten minutes', {'DefaultClosedTimer': 'PT9M59S'}, 'DefaultClosedTimer'),
    ('timer not ISO 8601', {'DefaultInactiveTimer': '5 minutes'}, 'DefaultInactiveTimer'),
    ('timer without a figure', {'DefaultClosedTimer': 'PT'}, 'DefaultClosedTimer'),
]


@pytest.mark.parametrize('form, parameter', [case[1:] for case in BAD_CONFIGURATION_UPDATES], ids=[case[0] for case in BAD_CONFIGURATION_UPDATES])
def test_bad_conversations_configuration_update(api, emulator, conversations, form, parameter):
    assert_bad_request(api.post(emulator.url('/conversations/v1/Configuration'), data=form), parameter)
    assert api.get(emulator.url('/conversations/v1/Configuration')).json() == conversations


def test_timer_minimums_are_accepted(api, emulator):
    body = api.post(emulator.url('/conversations/v1/Configuration'), data={'DefaultInactiveTimer': 'PT1M', 'DefaultClosedTimer': 'PT600S'}).json()
    assert (body['default_inactive_timer'], body['default_closed_timer']) == ('PT1M', 'PT600S')


needs_conversations_spec = pytest.mark.skipif(
    CONVERSATIONS is None, reason='twilio_conversations_v1.json not found in {0} (set TWILIO_OAI_DIR)'.format(spec_dir()))


def address_request_schema(operation):
    path = ADDRESSES[len('/conversations'):] + ('/{Sid}' if operation == 'update' else '')
    method = CONVERSATIONS['paths'][path]['post']
    return method['requestBody']['content']['application/x-www-form-urlencoded']['schema']


@needs_conversations_spec
def test_address_spec_required_parameters(api, emulator, address_form):
    required = address_request_schema('create')['required']
    assert required == ['Type', 'Address']
    for name in required:
        assert_bad_request(api.post(emulator.url(ADDRESSES), data=apply(address_form(), {name: None})), 'Missing required parameter ' + name)
    assert 'required' not in address_request_schema('update')


@needs_conversations_spec
def test_address_spec_enums(api, emulator, address_form):
    """Every Type of the spec is accepted, in any case (the spec's createWhatsappCaseInsensitive
    example); the AutoCreation enums only in the spec's spelling."""
    schemas = CONVERSATIONS['components']['schemas']
    for index, kind in enumerate(schemas['configuration_address_enum_type']['enum']):
        for sent in (kind, kind.upper()):
            response = api.post(emulator.url(ADDRESSES), data=address_form('{0}-{1}'.format(sent, index), sent))
            assert response.status_code == 201, response.text
            assert response.json()['type'] == sent
    for index, kind in enumerate(schemas['configuration_address_enum_auto_creation_type']['enum']):
        response = api.post(emulator.url(ADDRESSES), data=address_form('auto-{0}'.format(index), **{'AutoCreation.Type': kind}))
        assert response.json()['auto_creation']['type'] == kind
    for index, method in enumerate(schemas['configuration_address_enum_method']['enum']):
        response = api.post(emulator.url(ADDRESSES), data=address_form('method-{0}'.format(index), **{'AutoCreation.WebhookMethod': method}))
        assert response.json()['auto_creation']['webhook_method'] == method.upper()


@needs_conversations_spec
@pytest.mark.parametrize('operation', ['create', 'update'])
def test_address_spec_sid_patterns(api, emulator, address_form, operation):
    """Every parameter with a SID pattern in the spec refuses a wrong prefix, a wrong length and a trailing newline."""
    properties = address_request_schema(operation)['properties']
    patterned = dict((name, prop['pattern']) for name, prop in properties.items() if 'pattern' in prop)
    assert set(patterned) == {'AutoCreation.ConversationServiceSid', 'AutoCreation.StudioFlowSid'}
    url = emulator.url(ADDRESSES)
    if operation == 'update':
        url = api.post(url, data=address_form()).json()['url']
    for name, pattern in patterned.items():
        prefix = pattern[1:3]
        for value in ('ZZ' + 'a' * 32, prefix + 'a' * 33, prefix + 'a' * 32 + '\n'):
            form = address_form(**{name: value}) if operation == 'create' else {name: value}
            assert_bad_request(api.post(url, data=form), name)


@needs_conversations_spec
def test_configuration_spec_sid_patterns(api, emulator):
    schema = CONVERSATIONS['paths']['/v1/Configuration']['post']['requestBody']['content']['application/x-www-form-urlencoded']['schema']
    patterned = dict((name, prop['pattern']) for name, prop in schema['properties'].items() if 'pattern' in prop)
    assert set(patterned) == {'DefaultChatServiceSid', 'DefaultMessagingServiceSid'}
    for name, pattern in patterned.items():
        prefix = pattern[1:3]
        assert_bad_request(api.post(emulator.url('/conversations/v1/Configuration'), data={name: 'ZZ' + 'a' * 32}), name)
        response = api.post(emulator.url('/conversations/v1/Configuration'), data={name: prefix + 'a' * 32})
        assert response.status_code == 200, response.text


# --- Sync ---------------------------------------------------------------------------------------

SYNC = load_spec('twilio_sync_v1.json')
SYNC_SERVICES = '/sync/v1/Services'
SYNC_DOCUMENTS = SYNC_SERVICES + '/default/Documents'
needs_sync_spec = pytest.mark.skipif(SYNC is None, reason='twilio_sync_v1.json not found in {0} (set TWILIO_OAI_DIR)'.format(spec_dir()))


def assert_sync_error(response, status, code):
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == ERROR_KEYS and (body['status'], body['code']) == (status, code)
    return body


@needs_sync_spec
def test_sync_document_parameters_are_the_spec_s(api, emulator):
    """The emulator reads exactly the spec's parameters: UniqueName, Data, Ttl on create; Data, Ttl
    and the If-Match header on update; nothing required; Ttl an integer."""
    create = form_schema(SYNC, 'CreateDocument')
    update = form_schema(SYNC, 'UpdateDocument')
    assert set(create['properties']) == {'UniqueName', 'Data', 'Ttl'} and 'required' not in create
    assert set(update['properties']) == {'Data', 'Ttl'} and 'required' not in update
    assert create['properties']['Ttl']['type'] == update['properties']['Ttl']['type'] == 'integer'
    assert set(parameters(SYNC, 'UpdateDocument', 'header')) == {'If-Match'}
    assert parameters(SYNC, 'DeleteDocument', 'header') == {}
    # Each parameter alone is enough, and an integer Ttl is taken as one.
    for form in ({'UniqueName': 'only-name'}, {'Data': '{"only": "data"}'}, {'Ttl': '7'}, {}):
        assert api.post(emulator.url(SYNC_DOCUMENTS), data=form).status_code == 201
    created = api.post(emulator.url(SYNC_DOCUMENTS), data={'UniqueName': 'updated'}).json()
    for form in ({'Data': '{"a": 1}'}, {'Ttl': '60'}):
        assert api.post(created['url'], data=form).status_code == 200
    # UniqueName is not an update parameter: it is ignored, as unknown parameters are.
    assert api.post(created['url'], data={'UniqueName': 'renamed'}).json()['unique_name'] == 'updated'


@needs_sync_spec
@pytest.mark.parametrize('operation_id, path', [('ListDocument', SYNC_DOCUMENTS), ('ListService', SYNC_SERVICES)])
def test_sync_page_size_bounds_are_the_spec_s(api, emulator, operation_id, path):
    schema = parameters(SYNC, operation_id, 'query')['PageSize']['schema']
    low, high = schema['minimum'], schema['maximum']
    assert (low, high) == (1, 100)
    for size in (low, high):
        assert api.get(emulator.url(path), params={'PageSize': size}).json()['meta']['page_size'] == size
    for size in (low - 1, high + 1, 'ten', '5\n'):
        assert_bad_request(api.get(emulator.url(path), params={'PageSize': size}), 'PageSize')
    assert_bad_request(api.get(emulator.url(path), params={'PageToken': 'PAET' + 'a' * 32}), 'PageToken')


BAD_SERVICE_FORMS = [
    ('boolean case', {'AclEnabled': 'True'}, 'AclEnabled'),
    ('boolean word', {'WebhooksFromRestEnabled': 'yes'}, 'WebhooksFromRestEnabled'),
    ('reachability boolean', {'ReachabilityWebhooksEnabled': '1'}, 'ReachabilityWebhooksEnabled'),
    ('debouncing boolean', {'ReachabilityDebouncingEnabled': 'on'}, 'ReachabilityDebouncingEnabled'),
    ('window not an integer', {'ReachabilityDebouncingWindow': '1e3'}, 'ReachabilityDebouncingWindow'),
    ('window under 1000', {'ReachabilityDebouncingWindow': '999'}, 'ReachabilityDebouncingWindow'),
    ('window over 30000', {'ReachabilityDebouncingWindow': '30001'}, 'ReachabilityDebouncingWindow'),
    ('relative WebhookUrl', {'WebhookUrl': '/hook'}, 'WebhookUrl'),
]


@needs_sync_spec
@pytest.mark.parametrize('form, parameter', [case[1:] for case in BAD_SERVICE_FORMS], ids=[case[0] for case in BAD_SERVICE_FORMS])
def test_bad_sync_service_forms(api, emulator, form, parameter):
    assert parameter in form_schema(SYNC, 'CreateService')['properties'] and parameter in form_schema(SYNC, 'UpdateService')['properties']
    assert_bad_request(api.post(emulator.url(SYNC_SERVICES), data=form), parameter)
    default = api.get(emulator.url(SYNC_SERVICES + '/default')).json()
    assert_bad_request(api.post(default['url'], data=form), parameter)
    assert api.get(default['url']).json() == default
    assert [service['sid'] for service in api.get(emulator.url(SYNC_SERVICES)).json()['services']] == [default['sid']]


# (case, form, status, Sync error code): Sync refuses bad documents with its own codes.
BAD_DOCUMENT_FORMS = [
    ('Ttl not an integer', {'Ttl': 'soon'}, 400, 54011),
    ('Ttl negative', {'Ttl': '-5'}, 400, 54011),
    ('Ttl over a year', {'Ttl': '31536001'}, 400, 54011),
    ('Data not JSON', {'Data': '{'}, 400, 54008),
    ('Data a list', {'Data': '[]'}, 400, 54008),
    ('Data over 16 KiB', {'Data': '{"a": "' + 'x' * 16380 + '"}'}, 413, 54006),
    ('UniqueName empty', {'UniqueName': ''}, 400, 54302),
    ('UniqueName over 256', {'UniqueName': 'n' * 257}, 400, 54302),
    ('UniqueName like a SID', {'UniqueName': 'MP' + 'b' * 32}, 400, 54302),
]


@pytest.mark.parametrize('form, status, code', [case[1:] for case in BAD_DOCUMENT_FORMS], ids=[case[0] for case in BAD_DOCUMENT_FORMS])
def test_bad_sync_document_forms(api, emulator, form, status, code):
    assert_sync_error(api.post(emulator.url(SYNC_DOCUMENTS), data=dict({'UniqueName': 'refused'}, **form)), status, code)
    assert api.get(emulator.url(SYNC_DOCUMENTS)).json()['documents'] == []
