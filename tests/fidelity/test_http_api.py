# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The API over raw HTTP: authentication, routing errors, CRUD semantics, paging and the fresh account."""

import base64
import time

import pytest
import requests

from api_assertions import TIMESTAMP, assert_error, sid_of
from emulator_harness import Session

FLEX_FLOW_FIELDS = {'sid', 'account_sid', 'friendly_name', 'chat_service_sid', 'channel_type', 'contact_identity', 'enabled',
                    'integration_type', 'integration', 'long_lived', 'janitor_enabled', 'date_created', 'date_updated', 'url'}


# --- authentication -----------------------------------------------------------------------------

def test_both_credential_pairs_are_accepted(emulator):
    for auth in ((emulator.account_sid, emulator.auth_token), (emulator.api_key, emulator.api_secret)):
        assert requests.get(emulator.url('/flex-api/v1/FlexFlows'), auth=auth, timeout=10).status_code == 200


@pytest.mark.parametrize('case', ['none', 'wrong token', 'wrong secret', 'crossed pair', 'key as account', 'bearer', 'garbage', 'no colon'])
def test_authentication_failures(emulator, case):
    headers = {}
    auth = {
        'wrong token': (emulator.account_sid, emulator.auth_token + 'x'),
        'wrong secret': (emulator.api_key, emulator.api_secret[:-1]),
        'crossed pair': (emulator.account_sid, emulator.api_secret),
        'key as account': (emulator.api_key, emulator.auth_token),
    }.get(case)
    if case == 'bearer':
        headers['Authorization'] = 'Bearer ' + emulator.auth_token
    elif case == 'garbage':
        headers['Authorization'] = 'Basic !!!not-base64!!!'
    elif case == 'no colon':
        headers['Authorization'] = 'Basic ' + base64.b64encode(emulator.account_sid.encode()).decode()
    for method, path in (('GET', '/flex-api/v1/FlexFlows'), ('POST', '/flex-api/v1/FlexFlows'), ('GET', '/studio/v2/Flows'),
                         ('GET', '/flex-api/v1/Configuration'), ('DELETE', '/flex-api/v1/FlexFlows/FO' + 'a' * 32)):
        response = requests.request(method, emulator.url(path), auth=auth, headers=headers, timeout=10)
        assert_error(response, 401, 20003)
        assert response.headers['WWW-Authenticate'] == 'Basic realm="Twilio API"'


def test_failed_authentication_changes_nothing(emulator, api, flex_flow_form):
    response = requests.post(emulator.url('/flex-api/v1/FlexFlows'), data=flex_flow_form('Intruder'), auth=(emulator.account_sid, 'nope'), timeout=10)
    assert_error(response, 401, 20003)
    assert api.get(emulator.url('/flex-api/v1/FlexFlows'), params={'FriendlyName': 'Intruder'}).json()['flex_flows'] == []


# --- routing ------------------------------------------------------------------------------------

# (path, the path as Twilio's 404 names it: without product prefix and version segment)
UNKNOWN_PATHS = [
    ('/flex-api/v1/Nothing', '/Nothing'),
    ('/flex-api/v2/FlexFlows', '/FlexFlows'),
    ('/studio/v1/Flows', '/Flows'),
    ('/conversations/v1/Services', '/Services'),
    ('/conversations/v1/Configuration/Webhooks', '/Configuration/Webhooks'),
    ('/conversations/v1/Configuration/Addresses/', '/Configuration/Addresses/'),
    ('/nowhere', '/nowhere'),
    ('/', '/'),
    ('/flex-api/v1/FlexFlows/FO' + 'a' * 32 + '/Extra', '/FlexFlows/FO' + 'a' * 32 + '/Extra'),
    ('/studio/v2/Flows/FW' + 'a' * 32 + '/Revisions', '/Flows/FW' + 'a' * 32 + '/Revisions'),
]


@pytest.mark.parametrize('path, named', UNKNOWN_PATHS)
def test_unknown_paths_are_404(api, emulator, path, named):
    body = assert_error(api.get(emulator.url(path)), 404, 20404)
    assert body['message'] == 'The requested resource {0} was not found'.format(named)


@pytest.mark.parametrize('path', ['/flex-api/v1/FlexFlows/FO' + 'a' * 32, '/flex-api/v1/FlexFlows/FO123', '/flex-api/v1/FlexFlows/FW' + 'a' * 32,
                                  '/flex-api/v1/FlexFlows/fo' + 'a' * 32, '/studio/v2/Flows/FW' + 'b' * 32, '/studio/v2/Flows/FO' + 'b' * 32,
                                  '/conversations/v1/Configuration/Addresses/IG' + 'c' * 32,
                                  '/conversations/v1/Configuration/Addresses/%2B15005550006'])
def test_unknown_or_malformed_sids_are_404(api, emulator, path):
    """Twilio's recorded answer: `The requested resource /FlexFlows/FO... was not found`, the path without its version."""
    named = '/' + path.split('/', 3)[3]
    for method in ('GET', 'POST', 'DELETE'):
        body = assert_error(api.request(method, emulator.url(path), data={'Status': 'draft'} if method == 'POST' else None), 404, 20404)
        assert body['message'] == 'The requested resource {0} was not found'.format(named)


@pytest.mark.parametrize('path', ['/flex-api/v1/FlexFlows/{flex_flow}%0A', '/flex-api/v1/FlexFlows/{flex_flow}%0D%0A',
                                  '/flex-api/v1/FlexFlows/%20{flex_flow}', '/studio/v2/Flows/{studio_flow}%0A'])
def test_sid_with_trailing_newline_is_404(api, emulator, seeded, path):
    """A SID must match its pattern in full: `$` would let `FO...\n` through."""
    path = path.format(flex_flow=seeded['flex_flows'][0]['sid'], studio_flow=seeded['studio_flows']['Voice IVR']['sid'])
    for method in ('GET', 'POST', 'DELETE'):
        assert_error(api.request(method, emulator.url(path), data={'Status': 'draft'} if method == 'POST' else None), 404, 20404)
    assert api.get(seeded['flex_flows'][0]['url']).json() == seeded['flex_flows'][0]
    assert api.get(seeded['studio_flows']['Voice IVR']['url']).status_code == 200


def test_sid_in_path_is_url_decoded(api, seeded):
    """Path segments are URL-decoded before they are matched (address configurations need it), so an
    encoded SID names the same resource."""
    sid = seeded['flex_flows'][0]['sid']
    url = seeded['flex_flows'][0]['url'].replace(sid, '%46%4F' + sid[2:])
    assert api.get(url).json()['sid'] == sid


@pytest.mark.parametrize('method, path, allowed', [
    ('PUT', '/flex-api/v1/FlexFlows', 'GET, POST'),
    ('PATCH', '/flex-api/v1/FlexFlows', 'GET, POST'),
    ('DELETE', '/flex-api/v1/FlexFlows', 'GET, POST'),
    ('PUT', '/flex-api/v1/FlexFlows/{flex_flow}', 'DELETE, GET, POST'),
    ('PATCH', '/flex-api/v1/FlexFlows/{flex_flow}', 'DELETE, GET, POST'),
    ('DELETE', '/flex-api/v1/Configuration', 'GET, POST'),
    ('PUT', '/studio/v2/Flows/{studio_flow}', 'DELETE, GET, POST'),
    ('DELETE', '/studio/v2/Flows', 'GET, POST'),
    ('DELETE', '/conversations/v1/Configuration', 'GET, POST'),
    ('PUT', '/conversations/v1/Configuration/Addresses', 'GET, POST'),
    ('PATCH', '/conversations/v1/Configuration/Addresses/%2B15005550006', 'DELETE, GET, POST'),
])
def test_wrong_method_is_405(api, emulator, seeded, method, path, allowed):
    """Twilio's recorded answer names the path without its version, and the method."""
    path = path.format(flex_flow=seeded['flex_flows'][0]['sid'], studio_flow=seeded['studio_flows']['Webchat Flow']['sid'])
    response = api.request(method, emulator.url(path), data={'FriendlyName': 'changed'})
    body = assert_error(response, 405, 20004)
    named = '/' + path.split('/', 3)[3]
    assert body['message'] == 'The requested resource {0} does not support the attempted HTTP method {1}'.format(named, method)
    assert response.headers['Allow'] == allowed
    assert api.get(emulator.url('/flex-api/v1/FlexFlows')).json()['flex_flows'] == seeded['flex_flows']


def test_head_and_options_are_405(emulator):
    session = Session()
    session.auth = (emulator.account_sid, emulator.auth_token)
    head = session.head(emulator.url('/flex-api/v1/FlexFlows'))
    assert (head.status_code, head.content, head.headers['Allow']) == (405, b'', 'GET, POST')
    assert int(head.headers['Content-Length']) > 0
    assert_error(session.options(emulator.url('/studio/v2/Flows')), 405, 20004)
    assert session.get(emulator.url('/flex-api/v1/FlexFlows')).status_code == 200


# --- the fresh account --------------------------------------------------------------------------

def test_fresh_account(seeded, emulator):
    configuration = seeded['configuration']
    assert configuration['account_sid'] == emulator.account_sid
    assert configuration['status'] == 'ok'
    assert configuration['url'] == emulator.url('/flex-api/v1/Configuration')
    for field, prefix in (('chat_service_instance_sid', 'IS'), ('flex_service_instance_sid', 'IS'), ('taskrouter_workspace_sid', 'WS'),
                          ('taskrouter_target_workflow_sid', 'WW'), ('flex_instance_sid', 'GO')):
        assert sid_of(prefix).match(configuration[field]), field
    assert configuration['chat_service_instance_sid'] != configuration['flex_service_instance_sid']
    assert TIMESTAMP.match(configuration['date_created']) and TIMESTAMP.match(configuration['date_updated'])

    assert sorted(seeded['studio_flows']) == ['Messaging Flow', 'Voice IVR', 'Webchat Flow']
    for flow in seeded['studio_flows'].values():
        assert sid_of('FW').match(flow['sid'])
        assert sid_of('US').match(flow['author_sid'])
        assert (flow['status'], flow['revision'], flow['account_sid']) == ('published', 1, emulator.account_sid)
        assert TIMESTAMP.match(flow['date_created']) and flow['date_updated'] is None
        assert flow['url'] == emulator.url('/studio/v2/Flows/' + flow['sid'])

    assert len(seeded['flex_flows']) == 1
    web = seeded['flex_flows'][0]
    assert set(web) == FLEX_FLOW_FIELDS
    assert sid_of('FO').match(web['sid'])
    assert web['friendly_name'] == 'Flex Web Channel'
    assert (web['channel_type'], web['enabled'], web['integration_type']) == ('web', True, 'studio')
    assert web['integration'] == {'flow_sid': seeded['studio_flows']['Webchat Flow']['sid'], 'retry_count': 3}
    assert web['chat_service_sid'] == configuration['chat_service_instance_sid']
    assert web['url'] == emulator.url('/flex-api/v1/FlexFlows/' + web['sid'])


def test_seeded_studio_definitions_are_served_on_fetch(api, seeded):
    flow = api.get(seeded['studio_flows']['Webchat Flow']['url']).json()
    assert flow['definition']['initial_state'] == 'Trigger'
    assert flow['valid'] is True and flow['errors'] == [] and flow['warnings'] == []
    assert seeded['studio_flows']['Webchat Flow']['definition'] is None


# --- Flex Flow CRUD -----------------------------------------------------------------------------

def test_create_defaults_and_types(api, emulator, flex_flow_form):
    response = api.post(emulator.url('/flex-api/v1/FlexFlows'), data=flex_flow_form(**{'Integration.RetryCount': '0'}))
    assert response.status_code == 201
    flow = response.json()
    assert set(flow) == FLEX_FLOW_FIELDS
    assert sid_of('FO').match(flow['sid'])
    assert flow['account_sid'] == emulator.account_sid
    assert (flow['enabled'], flow['long_lived'], flow['janitor_enabled'], flow['contact_identity']) == (False, False, False, None)
    assert flow['integration']['retry_count'] == 0
    assert flow['url'] == emulator.url('/flex-api/v1/FlexFlows/' + flow['sid'])
    assert flow['date_created'] == flow['date_updated'] and TIMESTAMP.match(flow['date_created'])

    del_type = flex_flow_form('Default type')
    del del_type['IntegrationType']
    flow = api.post(emulator.url('/flex-api/v1/FlexFlows'), data=del_type).json()
    assert flow['integration_type'] == 'studio'
    assert flow['integration']['retry_count'] == 3

    task = api.post(emulator.url('/flex-api/v1/FlexFlows'), data={
        'FriendlyName': 'Task', 'ChatServiceSid': 'IS' + 'c' * 32, 'ChannelType': 'sms', 'IntegrationType': 'task',
        'Integration.WorkspaceSid': 'WS' + 'c' * 32, 'Integration.WorkflowSid': 'WW' + 'c' * 32, 'Integration.CreationOnMessage': 'true',
        'Enabled': 'true', 'LongLived': 'true', 'JanitorEnabled': 'true', 'ContactIdentity': '+15550100'}).json()
    assert task['integration'] == {'workspace_sid': 'WS' + 'c' * 32, 'workflow_sid': 'WW' + 'c' * 32, 'creation_on_message': True,
                                   'channel': 'default', 'timeout': 86400, 'priority': 0}
    assert (task['enabled'], task['long_lived'], task['janitor_enabled'], task['contact_identity']) == (True, True, True, '+15550100')

    external = api.post(emulator.url('/flex-api/v1/FlexFlows'), data={
        'FriendlyName': 'Hook', 'ChatServiceSid': 'IS' + 'c' * 32, 'ChannelType': 'custom', 'IntegrationType': 'external',
        'Integration.Url': 'https://example.com/hook?x=1', 'Integration.Timeout': '30', 'Integration.Priority': '-2'}).json()
    assert external['integration'] == {'url': 'https://example.com/hook?x=1', 'retry_count': 3, 'timeout': 30, 'priority': -2}


def test_update_is_partial_and_merges_integration(api, emulator, flex_flow_form):
    created = api.post(emulator.url('/flex-api/v1/FlexFlows'), data=flex_flow_form(ContactIdentity='+15550100')).json()
    time.sleep(0.01)
    response = api.post(created['url'], data={'Enabled': 'true', 'Integration.RetryCount': '1'})
    assert response.status_code == 200
    updated = response.json()
    assert updated['enabled'] is True
    assert updated['integration'] == dict(created['integration'], retry_count=1)
    unchanged = ('sid', 'friendly_name', 'chat_service_sid', 'channel_type', 'contact_identity', 'integration_type', 'date_created', 'url')
    assert dict((key, updated[key]) for key in unchanged) == dict((key, created[key]) for key in unchanged)
    assert api.get(created['url']).json() == updated

    switched = api.post(created['url'], data={'IntegrationType': 'external', 'Integration.Url': 'http://example.com/h'}).json()
    assert switched['integration_type'] == 'external'
    assert switched['integration']['url'] == 'http://example.com/h'
    assert switched['integration']['flow_sid'] == created['integration']['flow_sid']

    cleared = api.post(created['url'], data={'ContactIdentity': ''}).json()
    assert cleared['contact_identity'] is None


def test_date_updated_changes_on_every_update(api, seeded):
    url = seeded['flex_flows'][0]['url']
    seen = [seeded['flex_flows'][0]['date_updated']]
    for index in range(3):
        flow = api.post(url, data={'FriendlyName': 'Renamed {0}'.format(index)}).json()
        assert flow['date_created'] == seeded['flex_flows'][0]['date_created']
        assert flow['date_updated'] > seen[-1]
        seen.append(flow['date_updated'])
    flow = api.post(url, data={}).json()
    assert flow['date_updated'] > seen[-1]


def test_delete(api, emulator, flex_flow_form):
    created = api.post(emulator.url('/flex-api/v1/FlexFlows'), data=flex_flow_form()).json()
    response = api.delete(created['url'])
    assert response.status_code == 204
    assert response.content == b''
    assert 'Content-Type' not in response.headers
    assert_error(api.get(created['url']), 404, 20404)
    assert_error(api.delete(created['url']), 404, 20404)
    assert_error(api.post(created['url'], data={'Enabled': 'true'}), 404, 20404)


def test_keep_alive_session_survives_every_kind_of_answer(emulator, flex_flow_form):
    """One connection carries 2xx, 204, 4xx and 405 answers in turn (exact Content-Length, HTTP/1.1)."""
    session = Session()
    session.auth = (emulator.account_sid, emulator.auth_token)
    created = session.post(emulator.url('/flex-api/v1/FlexFlows'), data=flex_flow_form()).json()
    statuses = [session.delete(created['url']).status_code, session.get(created['url']).status_code,
                session.put(emulator.url('/flex-api/v1/FlexFlows')).status_code,
                session.get(emulator.url('/flex-api/v1/FlexFlows')).status_code]
    assert statuses == [204, 404, 405, 200]
    assert len(session.adapters['http://'].poolmanager.pools) == 1


# --- list semantics -----------------------------------------------------------------------------

def test_friendly_name_filter_is_exact_and_case_sensitive(api, emulator, flex_flow_form):
    for name in ('Sales', 'sales', 'Sales Team', 'Sales'):
        api.post(emulator.url('/flex-api/v1/FlexFlows'), data=flex_flow_form(name)).raise_for_status()
    body = api.get(emulator.url('/flex-api/v1/FlexFlows'), params={'FriendlyName': 'Sales'}).json()
    assert [flow['friendly_name'] for flow in body['flex_flows']] == ['Sales', 'Sales']
    assert 'FriendlyName=Sales' in body['meta']['url']
    assert api.get(emulator.url('/flex-api/v1/FlexFlows'), params={'FriendlyName': 'Sale'}).json()['flex_flows'] == []


def test_paging_links(api, emulator, flex_flow_form, seeded):
    sids = [seeded['flex_flows'][0]['sid']]
    for index in range(6):
        sids.append(api.post(emulator.url('/flex-api/v1/FlexFlows'), data=flex_flow_form('Paged {0}'.format(index))).json()['sid'])
    url, pages, seen = emulator.url('/flex-api/v1/FlexFlows?PageSize=3'), [], []
    while url:
        body = api.get(url).json()
        pages.append(body['meta'])
        seen.extend(flow['sid'] for flow in body['flex_flows'])
        url = body['meta']['next_page_url']
    assert seen == sids
    assert [meta['page'] for meta in pages] == [0, 1, 2]
    base = emulator.url('/flex-api/v1/FlexFlows')
    first, second, last = pages
    assert first == {'page': 0, 'page_size': 3, 'first_page_url': base + '?PageSize=3&Page=0', 'previous_page_url': None,
                     'url': base + '?PageSize=3&Page=0', 'next_page_url': base + '?PageSize=3&Page=1&PageToken=PA' + sids[2],
                     'key': 'flex_flows'}
    assert second['url'] == first['next_page_url']
    assert second['previous_page_url'] == base + '?PageSize=3&Page=0&PageToken=PB' + sids[3]
    assert last['next_page_url'] is None
    previous = api.get(second['previous_page_url']).json()
    assert [flow['sid'] for flow in previous['flex_flows']] == sids[:3]


def test_page_token_survives_deleting_its_anchor(api, emulator, flex_flow_form):
    for index in range(4):
        api.post(emulator.url('/flex-api/v1/FlexFlows'), data=flex_flow_form('Anchor {0}'.format(index))).raise_for_status()
    first = api.get(emulator.url('/flex-api/v1/FlexFlows'), params={'PageSize': 2}).json()
    api.delete(first['flex_flows'][-1]['url']).raise_for_status()
    second = api.get(first['meta']['next_page_url']).json()
    assert [flow['friendly_name'] for flow in second['flex_flows']] == ['Anchor 1', 'Anchor 2']


def test_page_without_token_starts_at_the_beginning(api, emulator):
    body = api.get(emulator.url('/flex-api/v1/FlexFlows'), params={'Page': 3}).json()
    assert body['meta']['page'] == 3
    assert len(body['flex_flows']) == 1


def test_urls_follow_the_host_header(emulator, api):
    url = emulator.url('/flex-api/v1/FlexFlows').replace('127.0.0.1', 'localhost')
    body = api.get(url).json()
    assert body['flex_flows'][0]['url'].startswith('http://localhost:')
    assert body['meta']['first_page_url'].startswith('http://localhost:')


# --- Studio flows and configuration -------------------------------------------------------------

def test_studio_flow_lifecycle_and_duplicate_names(api, emulator):
    form = {'FriendlyName': 'Twin', 'Status': 'draft', 'Definition': '{"initial_state": "Trigger", "states": []}'}
    first = api.post(emulator.url('/studio/v2/Flows'), data=form)
    second = api.post(emulator.url('/studio/v2/Flows'), data=dict(form, CommitMessage='again'))
    assert (first.status_code, second.status_code) == (201, 201)
    first, second = first.json(), second.json()
    assert first['sid'] != second['sid']
    assert (first['revision'], first['commit_message'], second['commit_message']) == (1, None, 'again')
    assert first['definition'] == {'initial_state': 'Trigger', 'states': []}
    names = [flow['friendly_name'] for flow in api.get(emulator.url('/studio/v2/Flows')).json()['flows']]
    assert names == ['Webchat Flow', 'Messaging Flow', 'Voice IVR', 'Twin', 'Twin']
    # Twilio's recorded answers: date_updated is null on create and set by the first update.
    assert first['date_updated'] is None
    assert api.get(first['url']).json()['date_updated'] is None
    updated = api.post(first['url'], data={'Status': 'published', 'CommitMessage': 'go live'}).json()
    assert (updated['status'], updated['revision'], updated['commit_message']) == ('published', 2, 'go live')
    assert TIMESTAMP.match(updated['date_updated']) and updated['date_updated'] >= first['date_created']
    again = api.post(first['url'], data={'Status': 'published'}).json()
    assert again['date_updated'] > updated['date_updated']
    assert updated['links']['revisions'] == first['url'] + '/Revisions'
    response = api.delete(first['url'])
    assert (response.status_code, response.content) == (204, b'')
    assert_error(api.get(first['url']), 404, 20404)


def test_configuration_update(api, emulator, seeded):
    url = emulator.url('/flex-api/v1/Configuration')
    before = seeded['configuration']
    response = api.post(url, json={'account_sid': emulator.account_sid, 'ui_attributes': {'colorTheme': 'dark'}, 'url': 'http://x', 'bogus': 1})
    assert response.status_code == 200
    after = response.json()
    assert after['ui_attributes'] == {'colorTheme': 'dark'}
    assert after['url'] == before['url'] and 'bogus' not in after
    assert after['date_updated'] > before['date_updated']
    assert api.get(url).json() == after
    assert_error(api.post(url, json={'ui_attributes': {}}), 400, 20001)
    assert_error(api.post(url, json={'account_sid': 'AC' + 'f' * 32}), 400, 20001)
    assert_error(api.post(url, data='not json', headers={'Content-Type': 'application/json'}), 400, 20001)
