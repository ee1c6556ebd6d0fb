# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The webchat_addresses role's record in the site's account (record_store: account): which record
a run starts from (the account's, a file imported once, a record of another account refused), the
creates it notes first (intents), how the next run honours them, and what the run writes back."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

from ansible_collections.twilio_ops.flex.plugins.plugin_utils.webchat_addresses_outcome import webchat_addresses_outcome
from ansible_collections.twilio_ops.flex.plugins.plugin_utils.webchat_addresses_plan import webchat_addresses_plan
from ansible_collections.twilio_ops.flex.tests.unit.plugins.plugin_utils.test_webchat_addresses import (
    RECORD_FILE, SETTINGS, SITE, flex_result, fo, record_text, recorded, run)

ACCOUNT = 'AC' + '1' * 32
OTHER = 'AC' + '2' * 32
ACCOUNT_SETTINGS = dict(SETTINGS, record_store='account')


def in_account(addresses=(), intents=(), exists=True, account_sid=ACCOUNT):
    """The record as site_record_info returns it."""
    return dict(exists=exists, account_sid=account_sid, addresses=list(addresses), intents=list(intents))


def plan(languages, account=None, text='', **settings):
    return webchat_addresses_plan(languages, dict(ACCOUNT_SETTINGS, **settings), {}, text, account)


def test_the_account_record_is_the_record_and_a_file_beside_it_is_no_longer_read():
    found = plan([{'language': 'en'}], in_account([recorded('flex_flows', 'en', fo(1), True)]),
                 record_text([recorded('flex_flows', 'en', fo(9), True)]))

    assert found['problems'] == [] and found['imported'] == []
    assert found['flex_flows']['entries'][0]['known']['sid'] == fo(1)
    assert found['notice'] == 'the record file "%s" is no longer read: the record is kept in the account' % RECORD_FILE


def test_a_file_record_is_imported_once_when_the_account_has_none():
    addresses = [recorded('flex_flows', 'en', fo(1), True)]
    found = plan([{'language': 'en'}, {'language': 'de'}], in_account(exists=False), record_text(addresses))

    assert found['imported'] == addresses and found['record'] == addresses
    assert found['notice'] == 'the record file "%s" was imported into the account; it is no longer read' % RECORD_FILE
    # en is known from the file, so only de may be created.
    assert found['intents'] == [dict(api='flex_flows', language='de')]


def test_a_file_record_of_another_account_is_refused_and_nothing_imported():
    text = json.dumps(dict(json.loads(record_text([recorded('flex_flows', 'en', fo(1), True)])), account_sid=OTHER))
    found = plan([{'language': 'en'}], in_account(exists=False), text)

    assert found['problems'] == [
        'the record "%s" belongs to the account %s, not to this site\'s %s (a record copied from another inventory?); it was '
        'left unchanged; nothing was imported into the account' % (RECORD_FILE, OTHER, ACCOUNT)]
    assert found['imported'] == [] and found['flex_flows']['entries'] == []


def test_the_file_store_refuses_a_record_of_another_account_when_the_site_names_its_account():
    text = json.dumps(dict(json.loads(record_text([])), account_sid=OTHER))
    found = webchat_addresses_plan([{'language': 'en'}], dict(SETTINGS, account_sid=ACCOUNT), {}, text)

    assert len(found['problems']) == 1 and 'belongs to the account %s' % OTHER in found['problems'][0]


def test_before_the_record_is_read_only_the_input_is_checked():
    found = plan([{'language': 'en'}], None, record_text([], site='elsewhere'))

    assert found['problems'] == [] and found['record'] == [] and found['notice'] is None


def test_intents_are_the_listed_languages_the_record_does_not_know():
    record = [recorded('flex_flows', 'en', fo(1), True)]
    found = plan([{'language': 'en'}, {'language': 'de'}, {'language': 'fr', 'state': 'absent'}], in_account(record))

    assert found['intents'] == [dict(api='flex_flows', language='de')]


def test_a_converged_site_notes_no_intent():
    record = [recorded('flex_flows', 'en', fo(1), True)]

    assert plan([{'language': 'en'}], in_account(record))['intents'] == []


def test_an_address_created_after_an_earlier_runs_intent_is_made():
    # The earlier run noted de at 20:00, created it at 20:00:05 and died before recording it.
    intents = [dict(api='flex_flows', language='de', since='2026-12-06T20:00:00Z'),
               dict(api='flex_flows', language='fr', since='2026-12-06T20:00:00Z')]
    found = plan([{'language': 'de'}, {'language': 'fr'}], in_account([], intents))
    de = dict(flex_result('none', fo(2), 'WebChat de'))
    de['flex_flow']['date_created'] = '2026-12-06T20:00:05Z'
    # fr existed before the intent: someone else's, adopted, not made.
    fr = dict(flex_result('none', fo(3), 'WebChat fr'))
    fr['flex_flow']['date_created'] = '2026-12-06T19:00:00Z'
    result = webchat_addresses_outcome(found, SITE, run([de, fr]))

    assert [(item['language'], item['made']) for item in result['record']['addresses']] == [('de', True), ('fr', False)]
    assert result['changes']['intents_done'] == []
    assert [item['language'] for item in result['changes']['addresses']] == ['de', 'fr']


def test_the_changes_set_what_differs_remove_what_left_and_end_every_intent_not_recorded():
    record = [recorded('flex_flows', 'en', fo(1), True), recorded('flex_flows', 'it', fo(4), True)]
    intents = [dict(api='flex_flows', language='nl', since='2026-12-06T20:00:00Z')]
    found = plan([{'language': 'en'}, {'language': 'de'}], in_account(record, intents), purge=True)
    flex_flows = run([flex_result('none', fo(1), 'WebChat en'), flex_result('create', fo(2), 'WebChat de')],
                     owned=[], purged=[dict(sid=fo(4))])
    changes = webchat_addresses_outcome(found, SITE, flex_flows)['changes']

    assert changes['addresses'] == [dict(api='flex_flows', language='de', sid=fo(2), friendly_name='WebChat de', made=True)]
    assert changes['remove'] == [dict(api='flex_flows', language='it')]
    # de's intent ends with its address; nl's (an earlier run's, a language no longer listed) is ended.
    assert changes['intents_done'] == [dict(api='flex_flows', language='nl')]


def test_a_converged_run_changes_nothing_in_the_account():
    record = [recorded('flex_flows', 'en', fo(1), True)]
    found = plan([{'language': 'en'}], in_account(record))
    changes = webchat_addresses_outcome(found, SITE, run([flex_result('none', fo(1), 'WebChat en')]))['changes']

    assert changes == dict(addresses=[], remove=[], intents_done=[])


def test_a_secret_pasted_into_the_sites_account_sid_is_never_compared_with_the_record_nor_shown():
    token = '0123456789abcdef0123456789abcdef'
    text = json.dumps(dict(json.loads(record_text([])), account_sid=OTHER))
    found = webchat_addresses_plan([{'language': 'en'}], dict(SETTINGS, account_sid=token), {'account_sid': token}, text)

    assert found['problems'] and not any(token in problem for problem in found['problems'])
