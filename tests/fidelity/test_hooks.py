# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The /__emulator__/ test hooks: request log, reset, injected faults, and the --max-in-flight limit."""

import base64
import json
import threading
import time

import pytest
import requests

from emulator_harness import Session


def flex_flows(api, emulator, name=None):
    params = {'FriendlyName': name} if name else {}
    return api.get(emulator.url('/flex-api/v1/FlexFlows'), params=params).json()['flex_flows']


# --- request log --------------------------------------------------------------------------------

def test_request_log_shape(api, emulator, flex_flow_form):
    form = flex_flow_form('Logged')
    before = len(emulator.request_log())
    api.post(emulator.url('/flex-api/v1/FlexFlows'), data=form)
    api.get(emulator.url('/flex-api/v1/FlexFlows?PageSize=2&FriendlyName=a&FriendlyName=b'))
    api.post(emulator.url('/flex-api/v1/FlexFlows'), data=[('FriendlyName', 'one'), ('FriendlyName', 'two')])
    requests.get(emulator.url('/studio/v2/Flows'), timeout=10)
    api.get(emulator.url('/nowhere'))
    api.put(emulator.url('/flex-api/v1/FlexFlows'))
    emulator.state()
    log = emulator.request_log()[before:]
    assert log == [
        {'method': 'POST', 'path': '/flex-api/v1/FlexFlows', 'query': {}, 'form': form, 'status': 201},
        {'method': 'GET', 'path': '/flex-api/v1/FlexFlows', 'query': {'PageSize': '2', 'FriendlyName': ['a', 'b']}, 'form': {}, 'status': 200},
        {'method': 'POST', 'path': '/flex-api/v1/FlexFlows', 'query': {}, 'form': {'FriendlyName': ['one', 'two']}, 'status': 400},
        {'method': 'GET', 'path': '/studio/v2/Flows', 'query': {}, 'form': {}, 'status': 401},
        {'method': 'GET', 'path': '/nowhere', 'query': {}, 'form': {}, 'status': 404},
        {'method': 'PUT', 'path': '/flex-api/v1/FlexFlows', 'query': {}, 'form': {}, 'status': 405},
    ]


def test_request_log_never_holds_secrets(emulator, flex_flow_form):
    secrets = [emulator.auth_token, emulator.api_secret]
    form = flex_flow_form('Secretless')
    before = len(emulator.request_log())
    for user, password in ((emulator.account_sid, emulator.auth_token), (emulator.api_key, emulator.api_secret),
                           (emulator.account_sid, emulator.api_secret), (emulator.api_key, emulator.auth_token)):
        secrets.append(base64.b64encode('{0}:{1}'.format(user, password).encode()).decode())
        session = Session()
        session.auth = (user, password)
        session.get(emulator.url('/flex-api/v1/FlexFlows'))
        session.post(emulator.url('/flex-api/v1/FlexFlows'), data=form)
        session.get(emulator.url('/flex-api/v1/Configuration'))
    dumped = json.dumps(emulator.request_log())
    assert len(emulator.request_log()) - before == 12
    for secret in secrets:
        assert secret not in dumped
    assert 'Authorization' not in dumped and 'Basic ' not in dumped


def test_hooks_need_no_auth_and_are_not_logged(emulator):
    for method, path in (('GET', 'requests'), ('GET', 'state'), ('GET', 'faults'), ('POST', 'reset'), ('GET', 'clock')):
        assert requests.request(method, emulator.url('/__emulator__/' + path), timeout=10).status_code == 200
    assert requests.get(emulator.url('/__emulator__/nothing'), timeout=10).status_code == 404
    assert requests.delete(emulator.url('/__emulator__/requests'), timeout=10).status_code == 405
    assert emulator.request_log() == []


def test_state_hook(emulator, seeded, conversations):
    state = emulator.state()
    assert sorted(state) == ['address_configurations', 'configuration', 'conversations_configuration', 'flex_flows', 'studio_flows',
                             'sync_documents', 'sync_map_items', 'sync_maps', 'sync_services']
    assert state['configuration'] == seeded['configuration']
    assert state['flex_flows'] == seeded['flex_flows']
    assert [flow['friendly_name'] for flow in state['studio_flows']] == ['Webchat Flow', 'Messaging Flow', 'Voice IVR']
    assert state['conversations_configuration'] == conversations
    assert state['address_configurations'] == []
    # The default Sync service is provisioned on first use, not with the account.
    assert (state['sync_services'], state['sync_documents'], state['sync_maps'], state['sync_map_items']) == ([], [], [], [])


def test_state_hook_shows_address_configurations(api, emulator, address_form):
    created = [api.post(emulator.url('/conversations/v1/Configuration/Addresses'), data=address_form('+1500555000{0}'.format(index))).json()
               for index in range(2)]
    api.post(emulator.url('/conversations/v1/Configuration'), data={'DefaultClosedTimer': 'PT1H'}).raise_for_status()
    state = emulator.state()
    assert state['address_configurations'] == created
    assert state['conversations_configuration']['default_closed_timer'] == 'PT1H'


# --- reset --------------------------------------------------------------------------------------

def test_reset_restores_the_fresh_account(api, emulator, seeded, flex_flow_form):
    api.post(emulator.url('/flex-api/v1/FlexFlows'), data=flex_flow_form()).raise_for_status()
    api.delete(seeded['flex_flows'][0]['url']).raise_for_status()
    api.delete(seeded['studio_flows']['Voice IVR']['url']).raise_for_status()
    emulator.fault(path='FlexFlows', status=500, count=5)
    emulator.reset()
    assert emulator.request_log() == []
    assert emulator.state()['flex_flows'][0]['sid'] == seeded['flex_flows'][0]['sid']
    assert requests.get(emulator.url('/__emulator__/faults'), timeout=10).json() == {'faults': []}
    dates = ('date_created', 'date_updated')
    assert [dict((key, value) for key, value in flow.items() if key not in dates) for flow in flex_flows(api, emulator)] == \
        [dict((key, value) for key, value in seeded['flex_flows'][0].items() if key not in dates)]
    studio = api.get(emulator.url('/studio/v2/Flows')).json()['flows']
    assert [flow['sid'] for flow in studio] == [flow['sid'] for flow in seeded['studio_flows'].values()]


def test_reset_restores_the_conversations_side(api, emulator, conversations, address_form):
    created = api.post(emulator.url('/conversations/v1/Configuration/Addresses'), data=address_form()).json()
    changes = {'DefaultChatServiceSid': 'IS' + 'f' * 32, 'DefaultInactiveTimer': 'PT2M'}
    api.post(emulator.url('/conversations/v1/Configuration'), data=changes).raise_for_status()
    emulator.reset()
    state = emulator.state()
    assert state['address_configurations'] == []
    assert state['conversations_configuration'] == conversations
    assert api.get(created['url']).status_code == 404
    # The address is free again after the reset.
    assert api.post(emulator.url('/conversations/v1/Configuration/Addresses'), data=address_form()).status_code == 201


# --- faults -------------------------------------------------------------------------------------

def test_429_with_retry_after_for_count_requests(api, emulator):
    emulator.fault(method='GET', path='^/flex-api/v1/FlexFlows$', status=429, count=2, retry_after=7)
    for index in range(2):
        response = api.get(emulator.url('/flex-api/v1/FlexFlows'))
        assert response.status_code == 429
        assert response.headers['Retry-After'] == '7'
        assert response.json() == {'code': 20429, 'message': 'Too Many Requests', 'more_info': 'https://www.twilio.com/docs/errors/20429',
                                   'status': 429}
    assert api.get(emulator.url('/flex-api/v1/FlexFlows')).status_code == 200
    assert [entry['status'] for entry in emulator.request_log()] == [429, 429, 200]


@pytest.mark.parametrize('status, code', [(500, 20500), (502, 20502), (503, 20503), (504, 20504), (409, 409)])
def test_fault_codes(api, emulator, status, code):
    emulator.fault(status=status, count=1)
    response = api.get(emulator.url('/studio/v2/Flows'))
    assert (response.status_code, response.json()['code'], response.json()['status']) == (status, code, status)
    assert 'Retry-After' not in response.headers


def test_fault_matches_method_and_path(api, emulator, flex_flow_form):
    emulator.fault(method='post', path='/FlexFlows', status=503, count=3)
    assert api.get(emulator.url('/flex-api/v1/FlexFlows')).status_code == 200
    assert api.post(emulator.url('/studio/v2/Flows'), data={}).status_code == 400
    assert api.post(emulator.url('/flex-api/v1/FlexFlows'), data=flex_flow_form()).status_code == 503
    assert flex_flows(api, emulator, 'Support Chat') == []


def test_fault_without_after_commit_does_not_write(api, emulator, flex_flow_form):
    emulator.fault(method='POST', status=500, count=1)
    assert api.post(emulator.url('/flex-api/v1/FlexFlows'), data=flex_flow_form('Not written')).status_code == 500
    assert flex_flows(api, emulator, 'Not written') == []


def test_after_commit_writes_then_fails(api, emulator, flex_flow_form):
    emulator.fault(method='POST', path='FlexFlows$', status=500, count=1, after_commit=True)
    response = api.post(emulator.url('/flex-api/v1/FlexFlows'), data=flex_flow_form('Committed'))
    assert response.status_code == 500 and response.json()['code'] == 20500
    assert len(flex_flows(api, emulator, 'Committed')) == 1
    assert api.post(emulator.url('/flex-api/v1/FlexFlows'), data=flex_flow_form('After')).status_code == 201


def test_delay_with_status_200_only_slows(api, emulator, flex_flow_form):
    emulator.fault(method='POST', status=200, count=1, delay=0.3)
    started = time.monotonic()
    response = api.post(emulator.url('/flex-api/v1/FlexFlows'), data=flex_flow_form('Slow'))
    assert time.monotonic() - started >= 0.3
    assert response.status_code == 201 and response.json()['friendly_name'] == 'Slow'
    started = time.monotonic()
    assert api.post(emulator.url('/flex-api/v1/FlexFlows'), data=flex_flow_form('Fast')).status_code == 201
    assert time.monotonic() - started < 0.3


def test_delay_does_not_block_other_requests(api, emulator):
    emulator.fault(method='GET', path='Configuration', status=200, count=1, delay=0.5)
    slow = threading.Thread(target=api.get, args=(emulator.url('/flex-api/v1/Configuration'),))
    slow.start()
    time.sleep(0.05)
    started = time.monotonic()
    assert requests.get(emulator.url('/flex-api/v1/FlexFlows'), auth=(emulator.account_sid, emulator.auth_token), timeout=10).status_code == 200
    assert time.monotonic() - started < 0.4
    slow.join()


def test_count_zero_clears_the_rule(api, emulator):
    emulator.fault(method='GET', path='FlexFlows', status=500, count=5)
    emulator.fault(method='GET', path='^/studio/', status=502, count=5)
    remaining = emulator.fault(method='GET', path='FlexFlows', status=500, count=0)
    assert remaining['faults'] == [{'method': 'GET', 'path': '^/studio/', 'status': 502, 'count': 5, 'retry_after': None,
                                    'after_commit': False, 'delay': 0}]
    assert api.get(emulator.url('/flex-api/v1/FlexFlows')).status_code == 200


def test_first_matching_rule_wins_and_reposting_replaces(api, emulator):
    emulator.fault(path='FlexFlows', status=503, count=1)
    emulator.fault(status=500, count=1)
    assert api.get(emulator.url('/flex-api/v1/FlexFlows')).status_code == 503
    assert api.get(emulator.url('/flex-api/v1/FlexFlows')).status_code == 500
    assert api.get(emulator.url('/flex-api/v1/FlexFlows')).status_code == 200
    emulator.fault(status=500, count=3)
    rules = emulator.fault(status=504, count=1)['faults']
    assert [(rule['status'], rule['count']) for rule in rules] == [(504, 1)]


def test_status_0_drops_the_connection(api, emulator, flex_flow_form):
    before = len(emulator.request_log())
    emulator.fault(method='GET', status=0, count=1)
    with pytest.raises(requests.exceptions.ConnectionError):
        api.get(emulator.url('/flex-api/v1/FlexFlows'))
    assert api.get(emulator.url('/flex-api/v1/FlexFlows')).status_code == 200
    emulator.fault(method='POST', status=0, count=1, after_commit=True, delay=0.1)
    with pytest.raises(requests.exceptions.ConnectionError):
        api.post(emulator.url('/flex-api/v1/FlexFlows'), data=flex_flow_form('Dropped'))
    assert len(flex_flows(api, emulator, 'Dropped')) == 1
    statuses = [(entry['method'], entry['status']) for entry in emulator.request_log()[before:]]
    assert statuses[:4] == [('GET', 0), ('GET', 200), ('POST', 0), ('GET', 200)]


def test_faults_apply_after_authentication(emulator):
    emulator.fault(status=500, count=1)
    assert requests.get(emulator.url('/flex-api/v1/FlexFlows'), auth=(emulator.account_sid, 'wrong'), timeout=10).status_code == 401
    assert len(requests.get(emulator.url('/__emulator__/faults'), timeout=10).json()['faults']) == 1


@pytest.mark.parametrize('rule', [
    {'status': 500},
    {'status': 'x', 'count': 1},
    {'status': 700, 'count': 1},
    {'status': 500, 'count': -1},
    {'status': 500, 'count': 1, 'delay': -1},
    {'status': 500, 'count': 1, 'path': '('},
    {'status': 500, 'count': 1, 'after_commit': 'yes'},
    {'status': 500, 'count': 1, 'retryAfter': 1},
    [],
])
def test_invalid_fault_rules_are_refused(emulator, rule):
    response = requests.post(emulator.url('/__emulator__/faults'), json=rule, timeout=10)
    assert response.status_code == 400
    assert 'Invalid fault rule' in response.json()['message']


# --- max in flight ------------------------------------------------------------------------------

def test_max_in_flight(start_inprocess):
    server = start_inprocess(max_in_flight=2)
    auth = (server.account_sid, server.auth_token)
    url = server.url('/flex-api/v1/FlexFlows')
    server.fault(status=200, count=2, delay=0.6)
    slow = []
    threads = [threading.Thread(target=lambda: slow.append(requests.get(url, auth=auth, timeout=10))) for index in range(2)]
    for thread in threads:
        thread.start()
    # Both slow requests are in flight once both are in the log (logged on arrival, answered later).
    deadline = time.monotonic() + 5
    while len(server.request_log()) < 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    refused = [requests.get(url, auth=auth, timeout=10) for index in range(2)]
    for thread in threads:
        thread.join()
    for response in refused:
        assert response.status_code == 429
        assert response.headers['Retry-After'] == '1'
        assert response.json()['code'] == 20429
    assert [response.status_code for response in slow] == [200, 200]
    assert requests.get(url, auth=auth, timeout=10).status_code == 200
    assert sorted(entry['status'] for entry in server.request_log()) == [200, 200, 200, 429, 429]
