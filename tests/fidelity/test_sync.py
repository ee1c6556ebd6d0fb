# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Sync v1 over raw HTTP: the default service, documents by SID and by unique name, revisions and
If-Match, the errors Twilio documents, TTL and removal after expiry (with the clock hook), the
state file and the state hook."""

import calendar
import json
import re
import time

from urllib.parse import quote

import pytest
import requests

from api_assertions import TIMESTAMP, assert_error, sid_of

SERVICES = '/sync/v1/Services'
DOCUMENTS = SERVICES + '/default/Documents'
DOCUMENT_FIELDS = {'sid', 'unique_name', 'account_sid', 'service_sid', 'url', 'links', 'revision', 'data', 'date_expires', 'date_created',
                   'date_updated', 'created_by'}


def create(api, emulator, status=201, **form):
    response = api.post(emulator.url(DOCUMENTS), data=form)
    assert response.status_code == status, response.text
    return response.json()


def document_url(emulator, key, service='default'):
    return emulator.url('{0}/{1}/Documents/{2}'.format(SERVICES, service, key))


# --- services -----------------------------------------------------------------------------------

def test_default_service_is_provisioned_on_first_use(api, emulator):
    assert api.get(emulator.url(SERVICES)).json()['services'] == []
    default = api.get(emulator.url(SERVICES + '/default'))
    assert default.status_code == 200
    service = default.json()
    assert sid_of('IS').match(service['sid'])
    assert (service['unique_name'], service['friendly_name'], service['account_sid']) == ('default', 'Default Service', emulator.account_sid)
    assert service['url'] == emulator.url(SERVICES + '/' + service['sid'])
    assert service['links'] == dict((name, emulator.url('{0}/{1}/{2}'.format(SERVICES, service['sid'], name.capitalize())))
                                    for name in ('documents', 'lists', 'maps', 'streams'))
    assert (service['acl_enabled'], service['webhooks_from_rest_enabled'], service['reachability_debouncing_window']) == (False, False, 5000)
    # The same service every time, by name or by SID, and it is listed from now on.
    assert api.get(emulator.url(SERVICES + '/default')).json() == service
    assert api.get(service['url']).json() == service
    assert api.get(emulator.url(SERVICES)).json()['services'] == [service]


def test_documents_of_default_create_the_default_service_too(api, emulator):
    document = create(api, emulator, UniqueName='first')
    service = api.get(emulator.url(SERVICES + '/default')).json()
    assert document['service_sid'] == service['sid']
    assert document['url'] == emulator.url('{0}/{1}/Documents/{2}'.format(SERVICES, service['sid'], document['sid']))


def test_service_create_update_delete(api, emulator):
    form = {'FriendlyName': 'Records', 'AclEnabled': 'true', 'ReachabilityDebouncingWindow': '1000', 'WebhookUrl': 'https://example.com/sync'}
    response = api.post(emulator.url(SERVICES), data=form)
    assert response.status_code == 201, response.text
    service = response.json()
    assert (service['friendly_name'], service['unique_name'], service['acl_enabled'], service['reachability_debouncing_window'],
            service['webhook_url']) == ('Records', None, True, 1000, 'https://example.com/sync')
    updated = api.post(service['url'], data={'FriendlyName': 'Renamed', 'AclEnabled': 'false'}).json()
    assert (updated['friendly_name'], updated['acl_enabled'], updated['webhook_url']) == ('Renamed', False, 'https://example.com/sync')
    assert updated['date_updated'] > service['date_updated']
    document = api.post(emulator.url(SERVICES + '/' + service['sid'] + '/Documents'), data={'UniqueName': 'kept'}).json()
    assert document['service_sid'] == service['sid']
    # A document lives in its own service only.
    assert_error(api.get(document_url(emulator, 'kept')), 404, 54100)
    assert_error(api.get(document_url(emulator, document['sid'])), 404, 54100)
    assert api.delete(service['url']).status_code == 204
    assert_error(api.get(service['url']), 404, 54050)
    assert emulator.state()['sync_documents'] == []


@pytest.mark.parametrize('service', ['IS' + '0' * 32, 'ISnot-a-sid', 'Default', 'other'])
def test_unknown_service_is_54050(api, emulator, service):
    for url in (SERVICES + '/' + service, SERVICES + '/' + service + '/Documents', SERVICES + '/' + service + '/Documents/any'):
        assert_error(api.get(emulator.url(url)), 404, 54050)
    assert_error(api.post(emulator.url(SERVICES + '/' + service + '/Documents'), data={'Data': '{}'}), 404, 54050)


@pytest.mark.parametrize('path', [SERVICES + '//Documents', DOCUMENTS + '/', SERVICES + '/default/Documents/x/Permissions',
                                  SERVICES + '/default/Lists', '/sync/v2/Services', '/sync/v1/Documents'])
def test_malformed_paths_are_20404(api, emulator, path):
    body = assert_error(api.get(emulator.url(path)), 404, 20404)
    # Named as Twilio names paths: without the product prefix and the version.
    assert body['message'] == 'The requested resource {0} was not found'.format(re.sub(r'^/sync/v[0-9]+', '', path))


def test_methods_not_served_are_405(api, emulator):
    body = assert_error(api.delete(emulator.url(DOCUMENTS)), 405, 20004)
    assert api.delete(emulator.url(DOCUMENTS)).headers['Allow'] == 'GET, POST'
    assert body['message'].endswith('HTTP method DELETE')
    assert assert_error(api.put(document_url(emulator, 'x')), 405, 20004)
    assert api.put(document_url(emulator, 'x')).headers['Allow'] == 'DELETE, GET, POST'


# --- documents ----------------------------------------------------------------------------------

def test_create_fetch_update_delete(api, emulator):
    response = api.post(emulator.url(DOCUMENTS), data={'UniqueName': 'site-record', 'Data': json.dumps({'sites': ['a', 'b'], 'n': 1})})
    assert response.status_code == 201
    created = response.json()
    assert set(created) == DOCUMENT_FIELDS
    assert sid_of('ET').match(created['sid'])
    assert (created['unique_name'], created['revision'], created['created_by']) == ('site-record', '0', 'system')
    assert created['data'] == {'sites': ['a', 'b'], 'n': 1}
    assert created['date_expires'] is None
    assert TIMESTAMP.match(created['date_created']) and created['date_updated'] == created['date_created']
    assert created['links'] == {'permissions': created['url'] + '/Permissions'}
    assert response.headers['ETag'] == '0'

    for key in (created['sid'], 'site-record'):
        fetched = api.get(document_url(emulator, key))
        assert fetched.json() == created and fetched.headers['ETag'] == '0'
    assert api.get(created['url']).json() == created

    updated = api.post(document_url(emulator, 'site-record'), data={'Data': '{"sites": []}'}, headers={'If-Match': '0'})
    assert updated.status_code == 200
    body = updated.json()
    assert (body['revision'], body['data'], updated.headers['ETag']) == ('1', {'sites': []}, '1')
    assert body['date_updated'] > created['date_updated'] and body['date_created'] == created['date_created']
    # Without If-Match the update is unconditional; every write counts a revision.
    again = api.post(created['url'], data={'Data': '{"sites": ["c"]}'}).json()
    assert again['revision'] == '2'
    assert api.post(created['url'], data={}).json()['revision'] == '3'

    deleted = api.delete(document_url(emulator, 'site-record'))
    assert (deleted.status_code, deleted.content) == (204, b'')
    for key in (created['sid'], 'site-record'):
        for method in ('GET', 'POST', 'DELETE'):
            assert_error(api.request(method, document_url(emulator, key)), 404, 54100)


def test_create_without_anything(api, emulator):
    created = create(api, emulator)
    assert (created['unique_name'], created['data'], created['revision'], created['date_expires']) == (None, {}, '0', None)


def test_unique_name_is_free_again_after_delete(api, emulator):
    first = create(api, emulator, UniqueName='lock')
    assert api.delete(first['url']).status_code == 204
    second = create(api, emulator, UniqueName='lock')
    assert second['sid'] != first['sid'] and second['revision'] == '0'


def test_same_unique_name_in_two_services(api, emulator):
    other = api.post(emulator.url(SERVICES), data={'FriendlyName': 'Other'}).json()
    create(api, emulator, UniqueName='twin')
    response = api.post(other['links']['documents'], data={'UniqueName': 'twin'})
    assert response.status_code == 201


def test_data_keeps_unicode_and_nesting(api, emulator):
    data = {'name': 'Zoë ✓', 'nested': {'list': [1, 2.5, None, True], 'empty': {}}}
    created = create(api, emulator, Data=json.dumps(data, ensure_ascii=False))
    assert api.get(created['url']).json()['data'] == data


def test_if_match_is_ignored_on_delete(api, emulator):
    """Twilio removed If-Match from document deletes in 2021 (twilio-python CHANGES 2021-02-10)."""
    created = create(api, emulator, UniqueName='gone')
    assert api.delete(created['url'], headers={'If-Match': '7'}).status_code == 204


def test_list_pages(api, emulator):
    sids = [create(api, emulator, UniqueName='doc-{0}'.format(index))['sid'] for index in range(5)]
    other = api.post(emulator.url(SERVICES), data={'FriendlyName': 'Other'}).json()
    api.post(other['links']['documents'], data={'UniqueName': 'elsewhere'}).raise_for_status()
    service = api.get(emulator.url(SERVICES + '/default')).json()
    base = emulator.url('{0}/{1}/Documents'.format(SERVICES, service['sid']))
    body = api.get(emulator.url(DOCUMENTS)).json()
    assert [item['sid'] for item in body['documents']] == sids
    assert body['meta'] == {'page': 0, 'page_size': 50, 'first_page_url': base + '?PageSize=50&Page=0', 'previous_page_url': None,
                            'url': base + '?PageSize=50&Page=0', 'next_page_url': None, 'key': 'documents'}
    url, seen = emulator.url(DOCUMENTS + '?PageSize=2'), []
    while url:
        page = api.get(url).json()
        seen.extend(item['sid'] for item in page['documents'])
        url = page['meta']['next_page_url']
    assert seen == sids
    assert api.get(emulator.url(DOCUMENTS), params={'PageSize': 100}).status_code == 200
    for size in ('0', '101', 'x'):
        assert_error(api.get(emulator.url(DOCUMENTS), params={'PageSize': size}), 400, 20001)


# --- the errors Twilio documents ---------------------------------------------------------------

def test_taken_unique_name_is_409_54301(api, emulator):
    first = create(api, emulator, UniqueName='site-a', Data='{"v": 1}')
    body = assert_error(api.post(emulator.url(DOCUMENTS), data={'UniqueName': 'site-a', 'Data': '{"v": 2}'}), 409, 54301)
    assert body['message'] == 'Unique name already exists'
    assert api.get(first['url']).json() == first


def test_stale_revision_is_412_54103(api, emulator):
    created = create(api, emulator, UniqueName='cas', Data='{"v": 0}')
    api.post(created['url'], data={'Data': '{"v": 1}'}, headers={'If-Match': '0'}).raise_for_status()
    for stale in ('0', '2', '"1"', 'W/"1"', '*', 'abc'):
        assert_error(api.post(created['url'], data={'Data': '{"v": 9}'}, headers={'If-Match': stale}), 412, 54103)
    assert_error(api.post(created['url'], data={'Data': '{"v": 9}'}, headers={'If-Match': ''}), 400, 54003)
    current = api.get(created['url']).json()
    assert (current['revision'], current['data']) == ('1', {'v': 1})


@pytest.mark.parametrize('key', ['ET' + '0' * 32, 'ET' + 'A' * 32, 'nobody', 'site%2Fa'])
def test_missing_document_is_404_54100(api, emulator, key):
    create(api, emulator, UniqueName='present')
    for method in ('GET', 'POST', 'DELETE'):
        body = assert_error(api.request(method, document_url(emulator, key)), 404, 54100)
        assert body['message'] == 'Document not found'


def test_data_over_16_kib_is_54006(api, emulator):
    """16 KiB of UTF-8 JSON as sent: 16384 bytes pass, 16385 do not; 'é' is two bytes."""
    def payload(size, filler='x'):
        text = '{"p": "' + filler * ((size - 9) // len(filler.encode('utf-8'))) + '"}'
        assert len(text.encode('utf-8')) == size
        return text
    assert create(api, emulator, UniqueName='full', Data=payload(16384))['data']['p'] == 'x' * 16375
    assert_error(api.post(emulator.url(DOCUMENTS), data={'UniqueName': 'over', 'Data': payload(16385)}), 413, 54006)
    assert_error(api.post(emulator.url(DOCUMENTS), data={'Data': '{"p": "' + 'é' * 8188 + '"}'}), 413, 54006)
    created = create(api, emulator, UniqueName='small')
    assert_error(api.post(created['url'], data={'Data': payload(20000)}), 413, 54006)
    assert api.get(created['url']).json() == created
    assert_error(api.get(document_url(emulator, 'over')), 404, 54100)


@pytest.mark.parametrize('data', ['{"a": ', 'not json', '[1, 2]', '"text"', '42', 'null', 'true', ''])
def test_data_not_a_json_object_is_54008(api, emulator, data):
    assert_error(api.post(emulator.url(DOCUMENTS), data={'UniqueName': 'bad', 'Data': data}), 400, 54008)
    created = create(api, emulator, UniqueName='good')
    assert_error(api.post(created['url'], data={'Data': data}), 400, 54008)
    assert [item['unique_name'] for item in api.get(emulator.url(DOCUMENTS)).json()['documents']] == ['good']


@pytest.mark.parametrize('ttl', ['-1', '31536001', '1.5', 'ten', '', ' 5', '5\n'])
def test_bad_ttl_is_54011(api, emulator, ttl):
    assert_error(api.post(emulator.url(DOCUMENTS), data={'Ttl': ttl}), 400, 54011)
    created = create(api, emulator)
    assert_error(api.post(created['url'], data={'Ttl': ttl}), 400, 54011)


def test_ttl_bounds_are_accepted(api, emulator):
    assert create(api, emulator, Ttl='0')['date_expires'] is None
    assert create(api, emulator, Ttl='31536000')['date_expires'] is not None


@pytest.mark.parametrize('name', ['', 'x' * 257, 'ET' + 'a' * 32, 'IS0123456789abcdef0123456789abcdef', 'ZZ' + '0' * 32])
def test_invalid_unique_name_is_54302(api, emulator, name):
    assert_error(api.post(emulator.url(DOCUMENTS), data={'UniqueName': name}), 400, 54302)


@pytest.mark.parametrize('name', ['x' * 256, 'ET' + 'A' * 32, 'ET' + 'a' * 31, 'et' + 'a' * 32, 'site.example-com_1', 'a b+c@d'])
def test_valid_unique_names(api, emulator, name):
    created = create(api, emulator, UniqueName=name)
    assert created['unique_name'] == name
    assert api.get(document_url(emulator, quote(name, safe=''))).json()['sid'] == created['sid']


# --- TTL and expiry -----------------------------------------------------------------------------

def seconds(timestamp):
    return calendar.timegm(time.strptime(timestamp, '%Y-%m-%dT%H:%M:%SZ'))


def test_ttl_sets_date_expires_from_each_write(api, emulator):
    created = create(api, emulator, UniqueName='ttl', Ttl='3600')
    assert seconds(created['date_expires']) == seconds(created['date_created']) + 3600
    # An update without Ttl keeps the expiry: it "does not advance automatically".
    kept = api.post(created['url'], data={'Data': '{"a": 1}'}).json()
    assert kept['date_expires'] == created['date_expires']
    # One with Ttl counts it from this write.
    moved = api.post(created['url'], data={'Ttl': '60'}).json()
    assert seconds(moved['date_expires']) == seconds(moved['date_updated']) + 60
    assert moved['data'] == {'a': 1} and moved['revision'] == '2'
    # Ttl 0 removes the expiry.
    assert api.post(created['url'], data={'Ttl': '0'}).json()['date_expires'] is None


def test_expired_document_is_readable_until_the_grace_is_over(api, emulator):
    created = create(api, emulator, UniqueName='lease', Ttl='10')
    emulator.clock(advance=11)
    # Expired, but not removed yet: readable, listed, still holding its name.
    assert api.get(created['url']).json()['sid'] == created['sid']
    assert [item['sid'] for item in api.get(emulator.url(DOCUMENTS)).json()['documents']] == [created['sid']]
    assert_error(api.post(emulator.url(DOCUMENTS), data={'UniqueName': 'lease'}), 409, 54301)
    clock = emulator.clock(advance=5)
    assert clock['sync_expiry_grace'] == 5.0 and clock['offset'] == 16.0
    assert_error(api.get(created['url']), 404, 54100)
    assert emulator.state()['sync_documents'] == []
    assert create(api, emulator, UniqueName='lease')['sid'] != created['sid']


def test_renewed_ttl_keeps_the_document(api, emulator):
    created = create(api, emulator, UniqueName='renewed', Ttl='10')
    emulator.clock(advance=8)
    renewed = api.post(created['url'], data={'Ttl': '10'}).json()
    assert seconds(renewed['date_expires']) > seconds(created['date_expires'])
    emulator.clock(advance=8)
    assert api.get(created['url']).status_code == 200
    emulator.clock(advance=10)
    assert_error(api.get(created['url']), 404, 54100)


def test_new_timestamps_follow_the_clock(api, emulator):
    before = create(api, emulator)
    emulator.clock(advance=86400)
    after = create(api, emulator, Ttl='5')
    assert seconds(after['date_created']) - seconds(before['date_created']) >= 86400
    assert seconds(after['date_expires']) == seconds(after['date_created']) + 5


def test_expiry_grace_is_configurable(api, emulator, start_inprocess):
    emulator.clock(sync_expiry_grace=0)
    created = create(api, emulator, Ttl='1')
    emulator.clock(advance=1)
    assert_error(api.get(created['url']), 404, 54100)
    # The emulator's own option; a reset brings back the grace it started with.
    slow = start_inprocess(sync_expiry_grace=60)
    assert slow.clock()['sync_expiry_grace'] == 60
    slow.clock(sync_expiry_grace=1)
    slow.reset()
    # One answer only: two could straddle a second and differ in `now`.
    clock = slow.clock()
    assert clock == {'offset': 0.0, 'now': clock['now'], 'sync_expiry_grace': 60}


def test_reset_sets_the_clock_back(api, emulator):
    emulator.clock(advance=1000)
    emulator.reset()
    assert emulator.clock()['offset'] == 0.0


@pytest.mark.parametrize('body', [{'advance': -1}, {'advance': 'soon'}, {'later': 1}, [1], {'sync_expiry_grace': True}])
def test_bad_clock_requests(emulator, body):
    response = requests.post(emulator.url('/__emulator__/clock'), json=body, timeout=10)
    assert_error(response, 400, 20001)
    assert emulator.clock()['offset'] == 0.0


# --- state ------------------------------------------------------------------------------------------

def test_state_hook_shows_sync(api, emulator):
    created = create(api, emulator, UniqueName='shown', Data='{"a": 1}')
    state = emulator.state()
    assert state['sync_services'] == [api.get(emulator.url(SERVICES + '/default')).json()]
    assert state['sync_documents'] == [created]
    emulator.reset()
    assert (emulator.state()['sync_services'], emulator.state()['sync_documents']) == ([], [])


def test_sync_survives_a_restart(start_process, tmp_path):
    state = str(tmp_path / 'account.json')
    first = start_process(['--state', state])
    auth = first.auth()
    # A service provisioned by a GET is saved too: its SID must not change on restart.
    service = requests.get(first.url(SERVICES + '/default'), auth=auth, timeout=10).json()
    created = requests.post(first.url(DOCUMENTS), auth=auth, data={'UniqueName': 'kept', 'Data': '{"a": 1}', 'Ttl': '3600'}, timeout=10).json()
    requests.post(first.url(DOCUMENTS + '/kept'), auth=auth, data={'Data': '{"a": 2}'}, timeout=10).raise_for_status()
    assert first.stop()[0] == 0
    with open(state) as stream:
        saved = json.load(stream)
    assert saved['format'] == 2 and len(saved['collections']['sync_documents']['records']) == 1

    second = start_process(['--state', state], creds=first.creds)
    assert requests.get(second.url(SERVICES + '/default'), auth=auth, timeout=10).json()['sid'] == service['sid']
    fetched = requests.get(second.url(DOCUMENTS + '/kept'), auth=auth, timeout=10).json()
    assert (fetched['sid'], fetched['revision'], fetched['data'], fetched['date_expires']) == (created['sid'], '1', {'a': 2}, created['date_expires'])
    assert second.stop()[0] == 0


def test_state_file_without_sync_is_read(start_process, tmp_path):
    """A format 2 file written before Sync was served has no Sync collections: it is read as having none."""
    state = tmp_path / 'old.json'
    first = start_process(['--state', str(state)])
    assert first.stop()[0] == 0
    old = json.loads(state.read_text())
    del old['collections']['sync_services'], old['collections']['sync_documents']
    state.write_text(json.dumps(old))
    second = start_process(['--state', str(state)], creds=first.creds)
    assert requests.get(second.url(DOCUMENTS), auth=second.auth(), timeout=10).json()['documents'] == []
    assert second.stop()[0] == 0
    assert 'sync_documents' in json.loads(state.read_text())['collections']
