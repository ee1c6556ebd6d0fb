# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""site_record and site_record_info: a site's record in its Sync map, against replayed HTTP. The
record is read in one request, every write is a merge conditional on the revision read, a record
of another account is refused before any write, and check mode writes nothing."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.twilio_ops.flex.plugins.module_utils import _record
from ansible_collections.twilio_ops.flex.plugins.module_utils._sync import DATA_LIMIT, encode
from ansible_collections.twilio_ops.flex.plugins.modules import site_record, site_record_info
from ansible_collections.twilio_ops.flex.tests.unit.canned import ACCOUNT_SID, SYNC, twilio_error
from ansible_collections.twilio_ops.flex.tests.unit.replay import Call

MODULE = site_record

SERVICE = SYNC + '/v1/Services/default'
MAPS = SERVICE + '/Maps'
ITEMS = MAPS + '/twilio_ops.flex.site.acme_eu/Items'
MAP_SID = 'MP0123456789abcdef0123456789abcdef'
SERVICE_SID = 'IS0123456789abcdef0123456789abcdef'
OTHER_ACCOUNT = 'ACffffffffffffffffffffffffffffffff'
NOW = 'Sun, 06 Dec 2026 20:00:00 GMT'
EN = dict(api='flex_flows', language='en', sid='FO' + '1' * 32, made=True, friendly_name='WebChat en')
DE = dict(api='flex_flows', language='de', sid='FO' + '2' * 32, made=False, friendly_name='WebChat de')
ARGS = dict(name='acme_eu')


def key(entry):
    return _record.bucket_key(entry['api'], entry['language'])


def bucket(entries, intents=None, account_sid=ACCOUNT_SID, api='flex_flows'):
    """A record item's data: its addresses by language, its intents (language: since)."""
    return dict(format=1, name='acme_eu', account_sid=account_sid, api=api,
                addresses=dict((entry['language'], dict((k, v) for k, v in entry.items() if k not in ('api', 'language')))
                               for entry in entries),
                intents=intents or {})


def item(item_key, data, revision='0', account_sid=ACCOUNT_SID):
    return dict(key=item_key, account_sid=account_sid, service_sid=SERVICE_SID, map_sid=MAP_SID, url='%s/%s' % (ITEMS, item_key),
                revision=revision, data=data, date_expires=None, date_created='2026-12-06T19:00:00Z',
                date_updated='2026-12-06T19:00:00Z', created_by='system')


def listing(*items):
    return Call('GET', ITEMS, params=dict(PageSize=100), headers={'Date': NOW},
                json=dict(items=list(items), meta=dict(page=0, page_size=100, next_page_url=None, key='items')))


def no_map(url=ITEMS, params=None, method='GET', form=None):
    return Call(method, url, params=params, form=form, status=404, json=twilio_error(404, 54200, 'Map not found'), headers={'Date': NOW})


def service():
    return Call('GET', SERVICE, json=dict(sid=SERVICE_SID, account_sid=ACCOUNT_SID, unique_name='default'), headers={'Date': NOW})


def create(data, item_key, status=201, answer=None):
    return Call('POST', ITEMS, form=dict(Data=encode(data), Key=item_key), status=status,
                json=answer if answer is not None else item(item_key, data), headers={'Date': NOW})


def update(data, item_key, revision, status=200, answer=None):
    return Call('POST', '%s/%s' % (ITEMS, item_key), form=dict(Data=encode(data)), sent_headers={'If-Match': revision}, status=status,
                json=answer if answer is not None else item(item_key, data, str(int(revision) + 1)), headers={'Date': NOW})


def test_the_first_intent_makes_the_map_with_twilios_time(run):
    intent = dict(api='flex_flows', language='en')
    data = bucket([], intents={'en': '2026-12-06T20:00:00Z'})
    calls = [no_map(params=dict(PageSize=100)), service(),
             no_map(method='POST', form=dict(Data=encode(data), Key=key(EN))),
             Call('POST', MAPS, form=dict(UniqueName='twilio_ops.flex.site.acme_eu'), status=201,
                  json=dict(sid=MAP_SID, unique_name='twilio_ops.flex.site.acme_eu', account_sid=ACCOUNT_SID)),
             create(data, key(EN))]
    result, failed, replay = run(dict(ARGS, intents=[intent]), calls)

    assert not failed, result
    assert result['changed'] is True and result['written'] == [key(EN)]
    assert result['record']['intents'] == [dict(intent, since='2026-12-06T20:00:00Z')]
    assert result['record']['account_sid'] == ACCOUNT_SID


# Finnish goes to English's item (crc32 % 32 is 2 for both), German to another.
FI = dict(DE, language='fi', sid='FO' + '4' * 32, friendly_name='WebChat fi')


def test_a_write_merges_into_what_is_there_conditionally_and_leaves_other_items_alone(run):
    assert key(FI) == key(EN) != key(DE)
    calls = [listing(item(key(FI), bucket([FI]), '4'), item(key(DE), bucket([DE]), '1')), update(bucket([EN, FI]), key(EN), '4')]
    result, failed, replay = run(dict(ARGS, addresses=[EN]), calls)

    assert not failed, result
    assert result['written'] == [key(EN)]
    assert result['record']['addresses'] == [DE, EN, FI]


def test_a_write_that_meets_another_runs_reads_again_and_merges_again(run):
    mine = item(key(EN), bucket([EN], intents={'en': '2026-12-06T19:59:00Z'}), '4')
    theirs_en = dict(EN, sid='FO' + '3' * 32)
    # In between, another run recorded its Finnish address, in the same item.
    theirs = FI
    after_them = item(key(EN), bucket([EN, theirs], intents={'en': '2026-12-06T19:59:00Z'}), '5')
    final = bucket([theirs_en, theirs])
    calls = [listing(mine),
             update(bucket([theirs_en]), key(EN), '4', status=412, answer=twilio_error(412, 54205, 'Map Item revision mismatch')),
             Call('GET', '%s/%s' % (ITEMS, key(EN)), json=after_them, headers={'Date': NOW}),
             update(final, key(EN), '5')]
    result, failed, replay = run(dict(ARGS, addresses=[theirs_en]), calls)

    assert not failed, result
    assert result['record']['addresses'] == [theirs_en, FI]
    assert result['record']['intents'] == []


def test_a_record_of_another_account_is_refused_before_any_write(run):
    copied = item(key(EN), bucket([EN], account_sid=OTHER_ACCOUNT), '2')
    result, failed, replay = run(dict(ARGS, addresses=[DE]), [listing(copied)])

    assert failed
    assert result['msg'] == ('the record "acme_eu" its item "%s" says it belongs to the account %s, but Twilio keeps it in %s: it was '
                             'copied from another account; nothing was written' % (key(EN), OTHER_ACCOUNT, ACCOUNT_SID))
    assert [request['method'] for request in replay.requests] == ['GET']


def test_check_mode_names_the_items_it_would_write_and_writes_nothing(run):
    result, failed, replay = run(dict(ARGS, addresses=[EN]), [listing(item('lock', dict(state='released')))], check_mode=True)

    assert not failed, result
    assert result['changed'] is True and result['written'] == [key(EN)]
    assert [request['method'] for request in replay.requests] == ['GET']


def test_the_same_record_again_writes_nothing(run):
    result, failed, replay = run(dict(ARGS, addresses=[EN]), [listing(item(key(EN), bucket([EN]), '3'))])

    assert not failed, result
    assert result['changed'] is False and result['written'] == []


def test_an_item_left_empty_is_deleted_conditionally(run):
    calls = [listing(item(key(EN), bucket([EN]), '3')),
             Call('DELETE', '%s/%s' % (ITEMS, key(EN)), sent_headers={'If-Match': '3'}, status=204, headers={'Date': NOW})]
    result, failed, replay = run(dict(ARGS, remove=[dict(api='flex_flows', language='en')]), calls)

    assert not failed, result
    assert result['written'] == [key(EN)] and result['record'] == dict(exists=False, account_sid=None, addresses=[], intents=[])


@pytest.mark.parametrize('args, problem', [
    (dict(addresses=[dict(api='flex_flows', language='en', made=True)]),
     'addresses: {"api": "flex_flows", "language": "en", "made": true} must have a sid, made (true or false) and other fields as strings'),
    (dict(intents=[dict(language='en')]), 'intents: {"language": "en"} must have an api and a language'),
    (dict(name='acme eu'), 'name "acme eu" must be letters, digits, ".", "_" and "-" only'),
])
def test_bad_input_sends_nothing(run, args, problem):
    result, failed, replay = run(dict(ARGS, **args), [])

    assert failed
    assert result['msg'] == 'Invalid input, nothing was sent to Twilio: ' + problem


def test_info_reads_the_record_and_the_lock_in_one_request(run):
    lock = item('lock', dict(lock_id='f' * 32, state='held', expires_at='2026-12-06T20:15:00Z'), '9')
    calls = [listing(item(key(EN), bucket([EN], intents={'de': '2026-12-06T19:00:00Z'})), lock)]
    result, failed, replay = run(ARGS, calls, module=site_record_info)

    assert not failed, result
    assert result['record'] == dict(exists=True, account_sid=ACCOUNT_SID, addresses=[EN],
                                    intents=[dict(api='flex_flows', language='de', since='2026-12-06T19:00:00Z')])
    assert result['lock']['lock_id'] == 'f' * 32 and result['lock']['free'] is False
    assert len(replay.requests) == 1


def test_info_of_a_site_with_no_map_reads_the_account_from_the_service(run):
    result, failed, replay = run(ARGS, [no_map(params=dict(PageSize=100)), service()], module=site_record_info)

    assert not failed, result
    assert result['record'] == dict(exists=False, account_sid=ACCOUNT_SID, addresses=[], intents=[]) and result['lock'] == {}


def test_a_404_that_is_not_twilios_is_an_error_not_an_empty_record(run):
    calls = [Call('GET', ITEMS, params=dict(PageSize=100), status=404, content=b'<html>Not Found</html>')]
    result, failed, replay = run(ARGS, calls, module=site_record_info)

    assert failed and 'sync_api_url' in result['msg']


def test_twilios_20404_is_not_taken_for_a_missing_map(run):
    # Sync says 54200 for a map it does not have; a generic 404 means the URL is wrong.
    calls = [Call('GET', ITEMS, params=dict(PageSize=100), status=404, json=twilio_error(404, 20404, 'not found'))]
    result, failed, replay = run(ARGS, calls, module=site_record_info)

    assert failed


@pytest.mark.parametrize('api, fields', [
    ('flex_flows', dict(friendly_name='WebChat zh-Hant-TW')),
    ('conversations', dict(friendly_name='WebChat zh-Hant-TW', address='IS' + 'c' * 32)),
])
def test_a_record_of_2500_addresses_fits_sync_item_limits_and_one_list_page(api, fields):
    languages = ['x-%04d' % number for number in range(2500)]
    change = _record.Change([dict(api=api, language=language, sid='FO' + 'a' * 32, made=True, **fields) for language in languages])
    sizes = [len(encode(change.apply(item_key, None, 'acme_eu', ACCOUNT_SID)).encode('utf-8')) for item_key in change.by_key]

    assert len(change.by_key) == _record.BUCKETS
    assert max(sizes) < DATA_LIMIT, max(sizes)
    # Both APIs' items and the lock are read in one list page of 100.
    assert 2 * _record.BUCKETS + 1 <= 100


def test_a_language_goes_to_the_item_its_crc32_names_whatever_else_is_recorded():
    # A stable hash (not Python's hash(), which varies by process): every controller agrees.
    assert [_record.bucket_key('flex_flows', language) for language in ('en', 'de', 'fi')] == [
        'record.flex_flows.02', 'record.flex_flows.11', 'record.flex_flows.02']
