# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""site_lock: a site's lease in its Sync map's item "lock", against replayed HTTP. Every write must be
conditional (If-Match) but the create; expiry is judged by Twilio's clock (the Date header)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
from unittest import mock

import pytest

from ansible_collections.twilio_ops.flex.plugins.module_utils import _lock
from ansible_collections.twilio_ops.flex.plugins.modules import site_lock
from ansible_collections.twilio_ops.flex.tests.unit.canned import ACCOUNT_SID, SYNC, twilio_error
from ansible_collections.twilio_ops.flex.tests.unit.replay import Call

MODULE = site_lock

MAPS = SYNC + '/v1/Services/default/Maps'
DOCUMENTS = MAPS + '/twilio_ops.flex.site.acme_eu/Items'
LOCK = DOCUMENTS + '/lock'
MAP_SID = 'MP0123456789abcdef0123456789abcdef'
SERVICE_SID = 'IS0123456789abcdef0123456789abcdef'
OUR_ID = '0' * 32
THEIR_ID = 'f' * 32
ME = dict(user='ops', host='laptop', playbook='Provision')
THEM = dict(user='awx', host='automation-job-7', playbook='Nightly')
NOW = 'Sun, 06 Dec 2026 20:00:00 GMT'
LATER = 'Sun, 06 Dec 2026 20:30:00 GMT'


def lease(lock_id=OUR_ID, state='held', holder=None, since='2026-12-06T20:00:00Z', expires_at='2026-12-06T20:15:00Z',
          lease_seconds=900, **extra):
    return dict(dict(lock_id=lock_id, state=state, holder=holder or ME, since=since, expires_at=expires_at,
                     lease_seconds=lease_seconds), **extra)


def document(data, revision='0'):
    return dict(key='lock', map_sid=MAP_SID, account_sid=ACCOUNT_SID, service_sid=SERVICE_SID,
                url=LOCK, revision=revision, data=data, date_expires=None, date_created='2026-12-06T19:00:00Z',
                date_updated='2026-12-06T20:00:00Z', created_by='system')


def data(form):
    return json.dumps(form, sort_keys=True, separators=(',', ':'))


def fetch(found=None, date=NOW):
    if found is None:
        return Call('GET', LOCK, status=404, json=twilio_error(404, 54201, 'Map Item not found'), headers={'Date': date})
    return Call('GET', LOCK, json=found, headers={'Date': date})


def create(written, status=201, answer=None):
    return Call('POST', DOCUMENTS, form=dict(Data=data(written), ItemTtl='86400', Key='lock'), status=status,
                json=answer if answer is not None else document(written), headers={'Date': NOW})


def update(written, revision, ttl='86400', status=200, answer=None, new_revision=None):
    return Call('POST', LOCK, form=dict(Data=data(written), ItemTtl=ttl), sent_headers={'If-Match': revision}, status=status,
                json=answer if answer is not None else document(written, new_revision or str(int(revision) + 1)), headers={'Date': NOW})


@pytest.fixture(autouse=True)
def known_holder_and_id():
    with mock.patch.object(site_lock.getpass, 'getuser', lambda: 'ops'), \
            mock.patch.object(site_lock.socket, 'gethostname', lambda: 'laptop'), \
            mock.patch.object(_lock.uuid, 'uuid4', lambda: mock.Mock(hex=OUR_ID)):
        yield


ARGS = dict(name='acme_eu', playbook='Provision')


def test_a_free_site_is_locked_with_one_read_and_one_create(run):
    result, failed, replay = run(ARGS, [fetch(), create(lease())])

    assert not failed, result
    assert result['changed'] is False
    assert result['lock'] == dict(lease(), revision='0', map_sid=MAP_SID, service_sid=SERVICE_SID, account_sid=ACCOUNT_SID)
    assert result['waited'] == 0.0 and result['taken_over'] is None
    assert replay.sleeps == [] and replay.warnings == []


def test_a_released_lease_is_taken_with_a_conditional_write(run):
    released = lease(lock_id=THEIR_ID, state='released', holder=THEM)
    result, failed, replay = run(ARGS, [fetch(document(released, '7')), update(lease(), '7')])

    assert not failed, result
    assert result['lock']['revision'] == '8' and result['lock']['lock_id'] == OUR_ID
    assert result['taken_over'] is None and replay.warnings == []


def test_a_held_lease_is_waited_for_with_backoff_then_taken_once_released(run):
    held = document(lease(lock_id=THEIR_ID, holder=THEM, expires_at='2026-12-06T20:15:00Z'), '3')
    released = document(lease(lock_id=THEIR_ID, holder=THEM, state='released'), '4')
    calls = [fetch(held), fetch(held), fetch(held), fetch(released), update(lease(), '4')]
    result, failed, replay = run(dict(ARGS, lock_timeout=60), calls)

    assert not failed, result
    assert replay.sleeps == [1.0, 2.0, 4.0]
    assert result['waited'] == 7.0


def test_a_lease_held_past_the_timeout_fails_naming_the_holder_and_writes_nothing(run):
    held = document(lease(lock_id=THEIR_ID, holder=THEM, since='2026-12-06T19:55:00Z', expires_at='2026-12-06T20:10:00Z'), '3')
    calls = [fetch(held)] * 4
    result, failed, replay = run(dict(ARGS, lock_timeout=5), calls)

    assert failed
    assert result['msg'] == (
        'the site is locked: lock %s held by awx@automation-job-7 (playbook "Nightly") since 2026-12-06T19:55:00Z, until '
        '2026-12-06T20:10:00Z; waited 5 s (lock_timeout 5.0 s). If that run is dead, free the lock with force_unlock: %s'
        % (THEIR_ID, THEIR_ID))
    # 1, 2, then what is left of the timeout: the last look comes at the timeout.
    assert replay.sleeps == [1.0, 2.0, 2.0]
    assert [request['method'] for request in replay.requests] == ['GET'] * 4


def test_an_expired_lease_is_judged_by_twilios_clock_and_taken_over_with_a_warning(run):
    # Expired by the Date of Twilio's answer, whatever the controller's clock says.
    expired = lease(lock_id=THEIR_ID, holder=THEM, expires_at='2026-12-06T20:15:00Z')
    ours = lease(since='2026-12-06T20:30:00Z', expires_at='2026-12-06T20:45:00Z')
    calls = [fetch(document(expired, '3'), date=LATER), update(ours, '3')]
    result, failed, replay = run(ARGS, calls)

    assert not failed, result
    assert result['taken_over'] == expired
    assert replay.warnings == ['took over an expired lease: lock %s held by awx@automation-job-7 (playbook "Nightly") since '
                               '2026-12-06T20:00:00Z, until 2026-12-06T20:15:00Z' % THEIR_ID]


def test_losing_the_race_to_create_reads_again_and_waits_for_the_winner(run):
    winner = document(lease(lock_id=THEIR_ID, holder=THEM), '0')
    calls = [fetch(), create(lease(), status=409, answer=twilio_error(409, 54208, 'Map Item with this key already exists')), fetch(winner)]
    result, failed, replay = run(dict(ARGS, lock_timeout=0), calls)

    assert failed
    assert result['msg'].startswith('the site is locked: lock %s held by awx@automation-job-7' % THEIR_ID)


def test_losing_the_race_to_take_over_reads_again(run):
    released = document(lease(lock_id=THEIR_ID, holder=THEM, state='released'), '4')
    winner = document(lease(lock_id=THEIR_ID, holder=THEM), '5')
    calls = [fetch(released), update(lease(), '4', status=412, answer=twilio_error(412, 54205, 'Map Item revision mismatch')),
             fetch(winner)]
    result, failed, replay = run(dict(ARGS, lock_timeout=0), calls)

    assert failed and 'held by awx@automation-job-7' in result['msg']


def test_release_is_a_conditional_write_of_released(run):
    lock = dict(lease(), revision='0')
    released = lease(state='released')
    result, failed, replay = run(dict(ARGS, state='released', lock=lock), [update(released, '0')])

    assert not failed, result
    assert result['changed'] is False and result['lock']['state'] == 'released'


def test_a_release_after_a_takeover_leaves_the_new_holder_alone_with_a_warning(run):
    lock = dict(lease(), revision='0')
    released = lease(state='released')
    theirs = document(lease(lock_id=THEIR_ID, holder=THEM), '2')
    calls = [update(released, '0', status=412, answer=twilio_error(412, 54205, 'Map Item revision mismatch')), fetch(theirs)]
    result, failed, replay = run(dict(ARGS, state='released', lock=lock), calls)

    assert not failed, result
    assert result['lock'] == {}
    assert replay.warnings == ['the lock %s was not released: it expired and was taken over (lock %s held by awx@automation-job-7 '
                               '(playbook "Nightly") since 2026-12-06T20:00:00Z, until 2026-12-06T20:15:00Z)' % (OUR_ID, THEIR_ID)]


def test_renew_reads_twilios_time_and_moves_the_expiry_with_a_conditional_write(run):
    held = lease(since='2026-12-06T19:40:00Z', expires_at='2026-12-06T19:55:00Z')
    lock = dict(held, revision='5')
    renewed = lease(since='2026-12-06T19:40:00Z', expires_at='2026-12-06T20:15:00Z')
    calls = [fetch(document(held, '5')), update(renewed, '5')]
    result, failed, replay = run(dict(ARGS, lock=lock), calls)

    assert not failed, result
    assert result['lock']['revision'] == '6'


def test_renewing_a_lease_that_was_taken_over_fails_without_a_write(run):
    lock = dict(lease(), revision='5')
    theirs = document(lease(lock_id=THEIR_ID, holder=THEM), '6')
    result, failed, replay = run(dict(ARGS, lock=lock), [fetch(theirs)])

    assert failed
    assert result['msg'].startswith('lost the lock %s: it expired and was taken over (lock %s' % (OUR_ID, THEIR_ID))


def test_renewing_loses_a_race_with_a_takeover_between_read_and_write(run):
    held = lease()
    theirs = document(lease(lock_id=THEIR_ID, holder=THEM), '6')
    calls = [fetch(document(held, '5')),
             update(held, '5', status=412, answer=twilio_error(412, 54205, 'Map Item revision mismatch')), fetch(theirs)]
    result, failed, replay = run(dict(ARGS, lock=dict(held, revision='5')), calls)

    assert failed
    assert result['msg'].startswith('lost the lock %s: it expired and was taken over' % OUR_ID)


def test_force_unlock_frees_the_named_lease_and_reports_a_change(run):
    held = lease(lock_id=THEIR_ID, holder=THEM)
    calls = [fetch(document(held, '3')), update(dict(held, state='released', forced=True), '3')]
    result, failed, replay = run(dict(ARGS, force_unlock=THEIR_ID), calls)

    assert not failed, result
    assert result['changed'] is True and result['lock']['forced'] is True


def test_force_unlock_of_another_id_is_refused_without_a_write(run):
    held = lease(lock_id=THEIR_ID, holder=THEM)
    result, failed, replay = run(dict(ARGS, force_unlock=OUR_ID), [fetch(document(held, '3'))])

    assert failed
    assert result['msg'].startswith('force_unlock "%s" refused: the site is locked by another lease, lock %s' % (OUR_ID, THEIR_ID))


def test_force_unlock_of_a_free_site_changes_nothing(run):
    result, failed, replay = run(dict(ARGS, force_unlock=THEIR_ID), [fetch()])

    assert not failed and result['changed'] is False
    assert replay.warnings == ['force_unlock %s: the site is not locked; nothing to free' % THEIR_ID]


def test_check_mode_reads_and_warns_about_a_held_lease_but_takes_none(run):
    held = lease(lock_id=THEIR_ID, holder=THEM)
    result, failed, replay = run(ARGS, [fetch(document(held, '3'))], check_mode=True)

    assert not failed and result['changed'] is False
    assert result['lock']['lock_id'] == THEIR_ID and result['lock']['free'] is False
    assert replay.warnings[0].startswith('the site is locked: lock %s held by awx@automation-job-7' % THEIR_ID)
    assert replay.warnings[0].endswith('(check mode takes no lock)')


@pytest.mark.parametrize('args, problem', [
    (dict(name='acme eu'), 'name "acme eu" must be letters, digits, ".", "_" and "-" only'),
    (dict(name='a' * 300), 'name is 300 characters long; Twilio Sync allows at most 256 (235 after the prefix twilio_ops.flex.site.)'),
    (dict(name='acme_eu', lease_seconds=10), 'lease_seconds must be between 60 and 86400, got 10'),
    (dict(name='acme_eu', state='released'), 'lock must be the lease an earlier task returned (with its lock_id and revision)'),
    (dict(name='acme_eu', sync_service_sid='FO0123456789abcdef0123456789abcdef'),
     'sync_service_sid "FO0123456789abcdef0123456789abcdef" is a Flex Flow SID, expected a Service SID (IS followed by 32 hex digits)'),
    (dict(name='acme_eu', force_unlock=OUR_ID, state='released', lock=dict(lock_id=OUR_ID, revision='1')),
     'force_unlock goes alone: it frees a lease by its id, without lock or state=released'),
])
def test_bad_input_sends_nothing(run, args, problem):
    result, failed, replay = run(args, [])

    assert failed
    assert result['msg'] == 'Invalid input, nothing was sent to Twilio: ' + problem


def test_a_404_that_is_not_twilios_is_an_error_not_a_free_lock(run):
    calls = [Call('GET', LOCK, status=404, content=b'<html>Not Found</html>', headers={'Date': NOW})]
    result, failed, replay = run(ARGS, calls)

    assert failed
    assert 'not a Twilio error' in result['msg'] and 'sync_api_url' in result['msg']
    assert len(replay.requests) == 1


# -- with_record: the lease and the site's record in one task ----------------------------------

ITEMS = DOCUMENTS


def items_listing(*found):
    return Call('GET', ITEMS, params=dict(PageSize=100), headers={'Date': NOW},
                json=dict(items=list(found), meta=dict(page=0, page_size=100, next_page_url=None, key='items')))


def record_item(account_sid=ACCOUNT_SID):
    data = dict(format=1, name='acme_eu', account_sid=account_sid, api='flex_flows', intents={},
                addresses={'en': dict(sid='FO' + '1' * 32, made=True, friendly_name='WebChat en')})
    return dict(document(data, '2'), key='record.flex_flows.02')


def test_with_record_takes_the_lease_then_reads_the_record_in_one_more_request(run):
    released = lease(lock_id=THEIR_ID, state='released', holder=THEM)
    calls = [fetch(document(released, '7')), update(lease(), '7'), items_listing(document(lease(), '8'), record_item())]
    result, failed, replay = run(dict(ARGS, with_record=True), calls)

    assert not failed, result
    assert result['record']['addresses'] == [dict(api='flex_flows', language='en', sid='FO' + '1' * 32, made=True,
                                                  friendly_name='WebChat en')]
    assert result['lock']['lock_id'] == OUR_ID


def test_with_record_of_another_account_fails_and_releases_the_lease_it_took(run):
    calls = [fetch(), create(lease()), items_listing(document(lease(), '0'), record_item('AC' + 'f' * 32)),
             update(lease(state='released'), '0')]
    result, failed, replay = run(dict(ARGS, with_record=True), calls)

    assert failed
    assert 'copied from another account; nothing was written' in result['msg']
    assert [request['method'] for request in replay.requests] == ['GET', 'POST', 'GET', 'POST']
