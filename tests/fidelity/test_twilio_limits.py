# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""--twilio-limits: Twilio's documented Flex Flow rate limits (per account and second) and its cap
of 2500 Flex Flows per account; and nothing of the sort without the flag."""

import json
import time

import pytest

from api_assertions import assert_error
from emulator_harness import Session
from _values import new_sid  # the emulator's own module, on the path through emulator_harness

FLEX_FLOWS = '/flex-api/v1/FlexFlows'
# Twilio's "Flex Messaging Limits" page: requests per second, per account.
DOCUMENTED = {('GET', 'list'): 10, ('GET', 'instance'): 2, ('POST', 'list'): 2, ('POST', 'instance'): 1, ('DELETE', 'instance'): 2}


@pytest.fixture
def limited(start_inprocess):
    """An emulator started with twilio_limits=True, and a session on it."""
    emulator = start_inprocess(twilio_limits=True)
    session = emulator.session()
    yield emulator, session
    session.close()


def form_for(emulator, session, name):
    """A valid Flex Flow create form for this emulator's account."""
    configuration = session.get(emulator.url('/flex-api/v1/Configuration')).json()
    return {'FriendlyName': name, 'ChatServiceSid': configuration['chat_service_instance_sid'], 'ChannelType': 'web',
            'Integration.FlowSid': 'FW' + 'a' * 32}


def burst(calls):
    """Run the calls back to back; skip the test if the machine is too slow for them to share a second."""
    started = time.monotonic()
    responses = [call() for call in calls]
    if time.monotonic() - started >= 0.9:
        pytest.skip('this machine took more than 0.9 s for a burst; the one-second window cannot be tested here')
    return responses


def test_burst_of_three_creates_gets_one_429_the_third(limited):
    emulator, session = limited
    form = form_for(emulator, session, 'Burst')
    responses = burst([lambda: session.post(emulator.url(FLEX_FLOWS), data=form)] * 3)
    assert [response.status_code for response in responses] == [201, 201, 429]
    body = assert_error(responses[2], 429, 20429)
    assert body['message'] == 'Too Many Requests'
    assert responses[2].headers['Retry-After'] == '1'
    names = [flow['friendly_name'] for flow in session.get(emulator.url(FLEX_FLOWS)).json()['flex_flows']]
    assert names.count('Burst') == 2
    assert [(entry['method'], entry['status']) for entry in emulator.request_log() if entry['method'] == 'POST'] == \
        [('POST', 201), ('POST', 201), ('POST', 429)]


@pytest.mark.parametrize('method, kind', sorted(DOCUMENTED))
def test_each_documented_rate(limited, method, kind):
    """Exactly `rate` requests of a class pass within a second; the next one is refused."""
    emulator, session = limited
    rate = DOCUMENTED[(method, kind)]
    form = form_for(emulator, session, 'Rate')
    if kind == 'list':
        targets = [emulator.url(FLEX_FLOWS)] * (rate + 1)
    else:
        # One flow per request (a delete needs its own), created two per second to stay within the create rate.
        targets = []
        for index in range(rate + 1):
            if index and index % 2 == 0:
                time.sleep(1.05)
            targets.append(session.post(emulator.url(FLEX_FLOWS), data=form).json()['url'])
    data = {('POST', 'list'): form, ('POST', 'instance'): {'Enabled': 'true'}}.get((method, kind))
    responses = burst([lambda target=target: session.request(method, target, data=data) for target in targets])
    success = {('POST', 'list'): 201, ('DELETE', 'instance'): 204}.get((method, kind), 200)
    assert [response.status_code for response in responses] == [success] * rate + [429]


def test_requests_at_the_documented_rates_are_never_refused(limited):
    emulator, session = limited
    form = form_for(emulator, session, 'Steady')
    flows = [session.post(emulator.url(FLEX_FLOWS), data=form).json()['url'] for index in range(2)]
    time.sleep(1.05)
    flows += [session.post(emulator.url(FLEX_FLOWS), data=form).json()['url'] for index in range(2)]
    statuses = []
    for second in range(2):
        time.sleep(1.05)
        statuses += [session.get(emulator.url(FLEX_FLOWS)).status_code for index in range(10)]
        statuses += [session.get(flows[0]).status_code for index in range(2)]
        statuses.append(session.post(flows[1], data={'Enabled': 'true'}).status_code)
        statuses += [session.post(emulator.url(FLEX_FLOWS), data=form).status_code for index in range(2)]
        statuses += [session.delete(flows[2 + second]).status_code]
    assert 429 not in statuses
    assert [entry['status'] for entry in emulator.request_log()].count(429) == 0


def test_retry_after_on_every_other_refusal_and_refusals_do_not_count(limited):
    emulator, session = limited
    flow = session.get(emulator.url(FLEX_FLOWS)).json()['flex_flows'][0]['url']
    started = time.monotonic()
    assert session.post(flow, data={'Enabled': 'true'}).status_code == 200
    refused = [session.post(flow, data={'Enabled': 'true'}) for index in range(4)]
    refused += [session.get(flow) for index in range(3)][2:]  # two fetches pass, the third is the fifth refusal
    if time.monotonic() - started >= 0.9:
        pytest.skip('this machine is too slow to test a one-second window')
    assert [response.status_code for response in refused] == [429] * 5
    # Odd-numbered refusals (1st, 3rd, 5th; counted across classes) carry Retry-After: 1, the others none.
    assert [response.headers.get('Retry-After') for response in refused] == ['1', None, '1', None, '1']
    # The refused updates did not count: one second after the accepted one, an update passes.
    time.sleep(max(0, started + 1.05 - time.monotonic()))
    assert session.post(flow, data={'Enabled': 'false'}).status_code == 200


def test_only_authenticated_requests_count(limited):
    emulator, session = limited
    form = form_for(emulator, session, 'Counted')
    intruder = Session()
    intruder.auth = (emulator.account_sid, 'wrong')
    statuses = [intruder.post(emulator.url(FLEX_FLOWS), data=form).status_code for index in range(3)]
    statuses += [session.post(emulator.url(FLEX_FLOWS), data=form).status_code for index in range(2)]
    assert statuses == [401, 401, 401, 201, 201]


def test_no_limits_for_studio_configurations_and_conversations(limited):
    emulator, session = limited
    url = emulator.url
    statuses = []
    for index in range(12):
        statuses.append(session.post(url('/studio/v2/Flows'), data={'FriendlyName': 'S{0}'.format(index), 'Status': 'draft', 'Definition': '{}'})
                        .status_code)
        statuses.append(session.get(url('/studio/v2/Flows')).status_code)
        statuses.append(session.get(url('/flex-api/v1/Configuration')).status_code)
        statuses.append(session.get(url('/conversations/v1/Configuration')).status_code)
        statuses.append(session.post(url('/conversations/v1/Configuration/Addresses'), data={'Type': 'sms', 'Address': '+1555{0}'.format(index)})
                        .status_code)
        statuses.append(session.get(url('/conversations/v1/Configuration/Addresses/%2B1555{0}'.format(index))).status_code)
    assert 429 not in statuses


def test_reset_forgets_the_windows_and_the_refusal_count(limited):
    emulator, session = limited
    form = form_for(emulator, session, 'Reset')
    assert [session.post(emulator.url(FLEX_FLOWS), data=form).status_code for index in range(4)] == [201, 201, 429, 429]
    emulator.reset()
    responses = [session.post(emulator.url(FLEX_FLOWS), data=form) for index in range(3)]
    assert [response.status_code for response in responses] == [201, 201, 429]
    assert responses[2].headers['Retry-After'] == '1'


def fill_flex_flows(emulator, total):
    """Store Flex Flows directly until the account has `total` (2500 creates would take 20 minutes at 2/s)."""
    store = emulator.server.store
    with store.lock:
        records = store.collections['flex_flows'].records
        template = next(iter(records.values()))
        for index in range(total - len(records)):
            store.add('flex_flows', dict(template, sid=new_sid('FO'), friendly_name='Filler {0}'.format(index)))


def test_cap_of_2500_flex_flows(limited):
    emulator, session = limited
    fill_flex_flows(emulator, 2500)
    form = form_for(emulator, session, 'One too many')
    body = assert_error(session.post(emulator.url(FLEX_FLOWS), data=form), 400, 20001)
    assert body['message'] == 'The account has reached its limit of 2500 Flex Flows'
    # The list pages through all of them, and a delete makes room for exactly one more.
    page = session.get(emulator.url(FLEX_FLOWS), params={'PageSize': 1000}).json()
    assert len(page['flex_flows']) == 1000 and page['meta']['next_page_url']
    assert session.delete(page['flex_flows'][-1]['url']).status_code == 204
    assert session.post(emulator.url(FLEX_FLOWS), data=form).status_code == 201
    time.sleep(1.05)
    assert_error(session.post(emulator.url(FLEX_FLOWS), data=form), 400, 20001)
    assert len(emulator.server.store.collections['flex_flows'].records) == 2500


def test_without_the_flag_nothing_is_limited(api, emulator, flex_flow_form, seeded):
    statuses = [api.post(emulator.url(FLEX_FLOWS), data=flex_flow_form('Free {0}'.format(index))).status_code for index in range(5)]
    url = seeded['flex_flows'][0]['url']
    statuses += [api.post(url, data={'Enabled': 'true'}).status_code for index in range(5)]
    statuses += [api.get(url).status_code for index in range(5)]
    statuses += [api.get(emulator.url(FLEX_FLOWS)).status_code for index in range(15)]
    assert statuses == [201] * 5 + [200] * 25
    fill_flex_flows(emulator, 2500)
    assert api.post(emulator.url(FLEX_FLOWS), data=flex_flow_form('Number 2501')).status_code == 201


# --- Sync: per-object write rates -----------------------------------------------------------------

SYNC_DOCUMENTS = '/sync/v1/Services/default/Documents'


def payload(size):
    """Document data whose JSON (as twilio-python serializes it) is exactly `size` bytes."""
    if size == 2:
        return '{}'
    data = {'p': 'x' * (size - len(json.dumps({'p': ''})))}
    assert len(json.dumps(data)) == size
    return json.dumps(data)


def writes_until_refused(emulator, session, size, limit=400):
    """Create one document of `size` bytes and update it until a write is refused: (accepted writes, refusal)."""
    data = payload(size)
    response = session.post(emulator.url(SYNC_DOCUMENTS), data={'Data': data})
    assert response.status_code == 201, response.text
    url, accepted = response.json()['url'], 1
    started = time.monotonic()
    while accepted < limit:
        response = session.post(url, data={'Data': data})
        if response.status_code != 200:
            break
        accepted += 1
    if time.monotonic() - started >= 9:
        pytest.skip('this machine took more than 9 s for the writes; the 10 s burst window cannot be tested here')
    return accepted, response, url


@pytest.mark.parametrize('size, writes', [(2, 200), (1024, 200), (5632, 110), (10240, 20), (16000, 20)])
def test_sync_burst_per_object_depends_on_its_size(limited, size, writes):
    """20 writes/s over a 10 s burst window up to 1 KiB, 2/s from 10 KiB, linear in between
    (5632 bytes lies halfway: 11/s, 110 writes per window)."""
    emulator, session = limited
    accepted, refusal, url = writes_until_refused(emulator, session, size)
    assert accepted == writes
    body = assert_error(refusal, 429, 54009)
    assert body['message'] == 'Rate limit exceeded'
    assert refusal.headers['Retry-After'] == '1'
    # The refused write changed nothing.
    assert session.get(url).json()['revision'] == str(writes - 1)


def test_sync_limit_is_per_object_and_the_window_moves_with_the_clock(limited):
    emulator, session = limited
    accepted, refusal, url = writes_until_refused(emulator, session, 10240)
    assert (accepted, refusal.status_code) == (20, 429)
    # Another document is not affected; reads are not limited.
    other = session.post(emulator.url(SYNC_DOCUMENTS), data={'Data': payload(10240)})
    assert other.status_code == 201
    assert [session.get(url).status_code for index in range(30)] == [200] * 30
    # Refusals do not count and alternate Retry-After; once the window has passed, writes go through.
    refused = [session.post(url, data={'Data': '{}'}) for index in range(2)]
    assert [(response.status_code, response.headers.get('Retry-After')) for response in refused] == [(429, None), (429, '1')]
    emulator.clock(advance=10)
    assert session.post(url, data={'Data': payload(10240)}).status_code == 200


def test_sync_small_write_after_large_ones_costs_what_its_size_says(limited):
    """A write is rated by the document's size after it: shrinking the data makes writes cheaper."""
    emulator, session = limited
    url = session.post(emulator.url(SYNC_DOCUMENTS), data={'Data': payload(10240)}).json()['url']
    statuses = [session.post(url, data={'Data': payload(10240)}).status_code for index in range(18)]
    # 19 large writes spent 190 of the 200 units: ten small writes fit, the eleventh does not.
    statuses += [session.post(url, data={'Data': '{}'}).status_code for index in range(11)]
    assert statuses == [200] * 28 + [429]


def test_sync_deletes_and_ttl_updates_are_writes(limited):
    emulator, session = limited
    accepted, refusal, url = writes_until_refused(emulator, session, 10240)
    assert accepted == 20
    assert_error(session.post(url, data={'Ttl': '60'}), 429, 54009)
    assert_error(session.delete(url), 429, 54009)
    emulator.clock(advance=10)
    assert session.delete(url).status_code == 204


def test_sync_without_the_flag_nothing_is_limited(api, emulator):
    url = api.post(emulator.url(SYNC_DOCUMENTS), data={'Data': payload(16384)}).json()['url']
    assert [api.post(url, data={'Data': payload(16384)}).status_code for index in range(40)] == [200] * 40
