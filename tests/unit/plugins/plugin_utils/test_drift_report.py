# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The fleet report's reasoning (plugin_utils/drift_report.py), case by case: each site's state and
why, what a run would do per language, duplicates, look-alikes, what purge would remove, the move to
Conversations, the record's health; the fleet's summary; the Markdown and the HTML page."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import re

from ansible_collections.twilio_ops.flex.plugins.filter.drift_report import FilterModule
from ansible_collections.twilio_ops.flex.plugins.plugin_utils import drift_report as report
from ansible_collections.twilio_ops.flex.plugins.plugin_utils.webchat_addresses_plan import webchat_addresses_plan

ACCOUNT = 'AC' + '1' * 32
SID_EN, SID_FR, SID_TWIN, SID_LOOK = ('FO' + digit * 32 for digit in '2345')
KEY_EN = 'CV' + '6' * 32
CHAT_EN = 'IG' + '7' * 32


def settings(**extra):
    base = dict(site='s1', api='flex_flows', name_prefix='WebChat', studio_flow='Webchat Flow', purge=False, record_store='account',
                record_file='/tmp/s1.json', account_sid='', record_name='s1')
    base.update(extra)
    return base


def record(*items):
    return dict(exists=bool(items), account_sid=ACCOUNT, addresses=list(items), intents=[])


def address(language, sid, made=True, api='flex_flows', **extra):
    return dict(dict(api=api, language=language, sid=sid, made=made, friendly_name='WebChat %s' % language), **extra)


def flow(sid, name, **extra):
    return dict(dict(sid=sid, friendly_name=name, channel_type='web', date_created='2026-12-01T10:00:00Z'), **extra)


def result(operation, sid=None, name=None, **extra):
    return dict(dict(operation=operation, changed=operation != 'none', flex_flow=dict(sid=sid, friendly_name=name) if sid or name else {}), **extra)


def site(languages, flex_flows=None, listing=None, chats=None, record_info=None, failure=None, **options):
    conf = settings(**options)
    info = record_info if record_info is not None else dict(record=record(), lock={})
    plan = webchat_addresses_plan(languages, conf, {}, '', info.get('record'))
    return report.drift_report_site(dict(site='s1', settings=conf, plan=plan, record_info=info, flex_flows=flex_flows or {},
                                         conversations={}, flex_flow_listing=listing if listing is not None else [],
                                         conversations_listing=chats if chats is not None else [], account_sid=ACCOUNT, failure=failure))


def test_a_site_where_a_run_changes_nothing_is_converged():
    info = dict(record=record(address('en', SID_EN)), lock=dict(lock_id='l1', state='released', free=True, holder=dict(user='ops', host='ctl')))
    got = site([{'language': 'en'}], flex_flows=dict(results=[result('none', SID_EN, 'WebChat en', demo_url='https://demo/x')], diff=[]),
               listing=[flow(SID_EN, 'WebChat en')], record_info=info)
    assert got['state'] == 'converged' and got['drift'] == [] and got['reasons'] == []
    assert got['languages'] == [dict(language='en', api='flex_flows', action='none', why=None, changes={}, sid=SID_EN, friendly_name='WebChat en',
                                     address=None, demo_url='https://demo/x', replaces=None, duplicates=[])]
    assert got['record']['lock']['state'] == 'released' and got['record']['account_matches'] is True
    assert got['migration'] == dict(languages=1, legacy=1, conversations=0, legacy_languages=['en'], conversations_languages=[], progress=0)


def test_an_update_shows_old_and_new_values_and_a_name_change_is_a_rename():
    info = dict(record=record(address('en', SID_EN), address('fr', SID_FR)), lock={})
    diffs = [dict(before=dict(enabled=False), after=dict(enabled=True)),
             dict(before=dict(friendly_name='WebChat fr'), after=dict(friendly_name='French'))]
    got = site([{'language': 'en'}, {'language': 'fr', 'friendly_name': 'French'}], record_info=info,
               flex_flows=dict(results=[result('update', SID_EN, 'WebChat en'), result('update', SID_FR, 'French')], diff=diffs))
    assert [row['action'] for row in got['languages']] == ['update', 'rename']
    assert got['languages'][0]['changes'] == {'enabled': {'old': False, 'new': True}}
    assert got['languages'][1]['changes'] == {'friendly_name': {'old': 'WebChat fr', 'new': 'French'}}
    assert got['state'] == 'drifted' and got['drift'] == ['update', 'rename']


def test_a_create_lists_what_would_be_made_and_what_it_replaces():
    got = site([{'language': 'de'}], flex_flows=dict(results=[result('create', None, 'WebChat de', replaces=SID_EN)],
                                                     diff=[dict(before={}, after=dict(friendly_name='WebChat de', enabled=True))]))
    row = got['languages'][0]
    assert row['action'] == 'create' and row['replaces'] == SID_EN and row['sid'] is None
    assert row['changes']['friendly_name'] == {'old': None, 'new': 'WebChat de'}


def test_purge_deletes_are_rows_of_their_language_and_the_made_but_unlisted_say_whether_purge_removes_them():
    info = dict(record=record(address('en', SID_EN), address('fr', SID_FR)), lock={})
    purged = [dict(sid=SID_FR, operation='delete', resource=flow(SID_FR, 'WebChat fr'))]
    got = site([{'language': 'en'}], record_info=info, purge=True,
               flex_flows=dict(results=[result('none', SID_EN, 'WebChat en')], purged=purged, diff=[dict(before=flow(SID_FR, 'WebChat fr'), after={})]))
    assert [(row['language'], row['action'], row['why'] is not None) for row in got['languages']] == [('en', 'none', False), ('fr', 'delete', True)]
    assert got['unlisted_made'] == [dict(api='flex_flows', language='fr', sid=SID_FR, friendly_name='WebChat fr', address=None, purge_removes=True)]
    assert got['drift'] == ['delete']
    without_purge = site([{'language': 'en'}], record_info=info, flex_flows=dict(results=[result('none', SID_EN, 'WebChat en')]),
                         listing=[flow(SID_EN, 'WebChat en'), flow(SID_FR, 'WebChat fr')])
    assert without_purge['drift'] == ['unlisted_made'] and without_purge['unlisted_made'][0]['purge_removes'] is False
    # An address the record knows is never a look-alike.
    assert without_purge['lookalikes'] == []


def test_duplicates_and_look_alikes():
    twin = dict(sid=SID_TWIN, friendly_name='WebChat en', channel_type='web', date_created='2026-12-02T00:00:00Z')
    got = site([{'language': 'en'}], flex_flows=dict(results=[result('none', SID_EN, 'WebChat en', duplicates=[twin])]),
               listing=[flow(SID_EN, 'WebChat en'), flow(SID_TWIN, 'WebChat en'), flow(SID_LOOK, 'WebChat campaign'), flow('FO' + '9' * 32, 'WebChatty')],
               record_info=dict(record=record(address('en', SID_EN)), lock={}))
    assert got['duplicates'] == [dict(language='en', api='flex_flows', sid=SID_EN, friendly_name='WebChat en', twins=[twin])]
    assert [item['sid'] for item in got['lookalikes']] == [SID_LOOK]
    assert got['drift'] == ['duplicate', 'lookalike']


def test_a_held_lock_fails_the_site_naming_its_holder():
    lock = dict(lock_id='abc', state='held', free=False, since='2026-12-06T10:00:00Z', expires_at='2026-12-06T11:00:00Z',
                holder=dict(user='ops', host='awx-1', playbook='Nightly'))
    got = site([{'language': 'en'}], record_info=dict(record=record(), lock=lock))
    assert got['state'] == 'failed'
    assert got['reasons'] == [dict(kind='lock', message='the site is locked: lock abc held by ops@awx-1 (playbook Nightly) since '
                                                        '2026-12-06T10:00:00Z, until 2026-12-06T11:00:00Z')]
    # An expired lease is free: the site is not failed for it.
    assert site([{'language': 'en'}], record_info=dict(record=record(), lock=dict(lock, free=True)))['state'] == 'converged'


def test_bad_input_and_bad_credentials_fail_the_site_with_their_reason():
    got = site([{'language': 'not a tag!'}], failure=dict(task='Stop', result=dict(msg='invalid input')))
    assert got['state'] == 'failed' and [reason['kind'] for reason in got['reasons']] == ['input']
    assert got['migration'] is None and got['lookalikes'] == []
    refused = site([{'language': 'en'}], failure=dict(task='Read', result=dict(msg='answered HTTP 401', error=dict(status=401))),
                   listing=None, record_info={})
    assert [reason['kind'] for reason in refused['reasons']] == ['credentials']
    broken = site([{'language': 'en'}], failure=dict(task='Work out the plan', input=True, result=dict(msg='the languages must be a list')))
    assert [reason['kind'] for reason in broken['reasons']] == ['input']
    other = site([{'language': 'en'}], failure=dict(task='List', result=dict(msg='HTTP 500')))
    assert other['reasons'] == [dict(kind='error', message='List: HTTP 500')]


def test_the_move_to_conversations_counts_languages_on_each_api():
    info = dict(record=record(address('en', SID_EN), address('fr', SID_FR),
                              address('en', CHAT_EN, api='conversations', address=KEY_EN)), lock={})
    languages = [{'language': 'en', 'deployment_key': KEY_EN}, {'language': 'fr', 'deployment_key': 'CV' + '8' * 32}]
    got = site(languages, api='conversations', record_info=info, listing=[flow(SID_EN, 'WebChat en'), flow(SID_FR, 'WebChat fr')],
               chats=[dict(sid=CHAT_EN, address=KEY_EN, type='chat', friendly_name='WebChat en')])
    assert got['migration'] == dict(languages=2, legacy=2, conversations=1, legacy_languages=['en', 'fr'], conversations_languages=['en'], progress=50)


def test_a_legacy_retirement_is_named_by_its_language():
    info = dict(record=record(address('en', SID_EN), address('en', CHAT_EN, api='conversations', address=KEY_EN)), lock={})
    conf = settings(api='conversations', remove_legacy=True)
    plan = webchat_addresses_plan([{'language': 'en', 'deployment_key': KEY_EN}], conf, {}, '', info['record'])
    chats = dict(results=[dict(operation='none', changed=False, address_configuration=dict(sid=CHAT_EN, address=KEY_EN))])
    got = report.drift_report_site(dict(site='s1', settings=conf, plan=plan, record_info=info, conversations=chats,
                                        flex_flows=dict(results=[result('delete', SID_EN, 'WebChat en')],
                                                        diff=[dict(before=flow(SID_EN, 'WebChat en'), after={})]),
                                        flex_flow_listing=[], conversations_listing=[]))
    rows = [(row['api'], row['language'], row['action'], bool(row['why'])) for row in got['languages']]
    assert rows == [('conversations', 'en', 'none', False), ('flex_flows', 'en', 'delete', True)]


def test_the_fleet_summary_and_the_order_of_sites():
    sites = [dict(site='b', state='drifted', languages=[dict(action='create')], migration=dict(legacy=1, conversations=2), duplicates=[1]),
             dict(site='a', state='converged', languages=[dict(action='none')], migration=dict(legacy=3, conversations=0)),
             dict(site='c', state='failed', languages=[], migration=None)]
    got = report.drift_report(sites, '2026-12-06T00:00:00Z', True)
    assert got['format'] == report.FORMAT == 1
    assert [item['site'] for item in got['sites']] == ['a', 'b', 'c']
    summary = got['summary']
    assert (summary['sites'], summary['converged'], summary['drifted'], summary['failed']) == (3, 1, 1, 1)
    assert summary['drifted_sites'] == ['b'] and summary['failed_sites'] == ['c']
    assert summary['actions'] == dict(create=1, update=0, rename=0, delete=0, none=1)
    assert (summary['legacy_addresses'], summary['conversations_addresses'], summary['duplicates']) == (4, 2, 1)
    assert summary['failing'] is True
    assert report.drift_report(sites[1:2], None, True)['summary']['failing'] is False
    assert report.drift_report(sites, None, False)['summary']['failing'] is False


def fleet():
    lock = dict(lock_id='abc', state='held', free=False, holder=dict(user='ops', host='awx-1', playbook='Nightly'))
    return report.drift_report([
        site([{'language': 'en'}], flex_flows=dict(results=[result('update', SID_EN, 'WebChat en')],
                                                   diff=[dict(before=dict(enabled=False), after=dict(enabled=True))]),
             listing=[flow(SID_EN, 'WebChat en'), flow(SID_LOOK, 'WebChat <b>x</b>')]),
        dict(site([{'language': 'en'}], record_info=dict(record=record(), lock=lock)), site='s2'),
    ], '2026-12-06T00:00:00Z')


def test_markdown_tables_and_findings():
    text = report.drift_report_markdown(fleet())
    assert '| s1 | drifted | flex_flows | update, lookalike | 1 | 0 | — |' in text
    assert '| en | flex_flows | update | enabled: false → true |' in text
    assert '- **lock**: the site is locked: lock abc held by ops@awx-1 (playbook Nightly)' in text
    assert '- unlisted look-alike on flex_flows: WebChat <b>x</b> (%s), not in the record' % SID_LOOK in text


def test_the_html_page_is_self_contained_escaped_and_carries_the_report():
    data = fleet()
    page = report.drift_report_html(data)
    assert page.startswith('<!DOCTYPE html>')
    assert not re.search(r'<(link|img|iframe)\b|<script[^>]+src=|url\(', page)
    assert 'WebChat &lt;b&gt;x&lt;/b&gt;' in page and 'WebChat <b>x</b>' not in page.split('<script type="application/json"', maxsplit=1)[0]
    assert '<rect class="bar" data-label="drifted" data-value="1"' in page
    assert '<rect class="bar" data-label="failed" data-value="1"' in page
    assert '<table class="sortable" id="sites">' in page and 'addEventListener("click"' in page
    embedded = page.split('<script type="application/json" id="drift-report-data">')[1].split('</script>')[0]
    assert json.loads(embedded.replace('<\\/', '</')) == json.loads(json.dumps(data))


def test_the_filters_are_the_plugin_utils_functions():
    filters = FilterModule().filters()
    assert sorted(filters) == ['drift_report', 'drift_report_html', 'drift_report_markdown', 'drift_report_site']
    assert filters['drift_report'] is report.drift_report
    assert filters['drift_report_site'] is report.drift_report_site
