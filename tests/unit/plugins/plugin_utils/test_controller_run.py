# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""A module run in the controller's process (controller_run.ControllerRun, the action plugins'
way) exactly as the module: the same requests, results, checks and warnings, with no secret in the
result. Every test of a module with an action plugin also runs this way (tests/unit/conftest.py);
here is what only this way has to show."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.twilio_ops.flex.plugins.modules import site_lock, site_record_info
from ansible_collections.twilio_ops.flex.plugins.plugin_utils.controller_run import ControllerRun, Exited
from ansible_collections.twilio_ops.flex.tests.unit.canned import CONNECTION
from ansible_collections.twilio_ops.flex.tests.unit.plugins.modules.test_site_record import ARGS, EN, bucket, item, key, listing
from ansible_collections.twilio_ops.flex.tests.unit.replay import Replay, in_controller


def in_process(module, args, calls, check_mode=False):
    """Run module's main() as its action plugin does; (result, replay)."""
    replay = Replay(calls)
    options = dict((key_, value) for key_, value in CONNECTION.items() if value is not None)
    options.update(args)
    result, _failed = replay.run(in_controller(module, options, replay, check_mode), {})
    return result, replay


def test_the_record_is_read_as_the_module_reads_it(run):
    calls = [listing(item(key(EN), bucket([EN])))]
    as_module, _failed, _replay = run(ARGS, list(calls), module=site_record_info)
    result, replay = in_process(site_record_info, ARGS, list(calls))

    assert result == as_module
    assert result['record']['addresses'] == [EN] and len(replay.requests) == 1


def test_no_secret_reaches_the_result_even_one_pasted_into_the_account_sid():
    token = CONNECTION['auth_token']
    result, replay = in_process(site_record_info, dict(ARGS, account_sid=token), [])

    assert result['failed'] and result['msg'].startswith('account_sid ')
    assert token not in repr(result) and replay.requests == []


def test_bad_options_are_refused_before_any_request():
    result, replay = in_process(site_lock, dict(ARGS, lease_seconds='soon'), [])

    assert result['failed'] and 'lease_seconds' in result['msg']
    assert replay.requests == []


def test_check_mode_reads_the_lock_and_the_record_in_one_request_and_warns_of_a_held_lock():
    held = item('lock', dict(lock_id='f' * 32, state='held', expires_at='2099-01-01T00:00:00Z', holder=dict(user='awx')), '4')
    result, replay = in_process(site_lock, dict(ARGS, with_record=True), [listing(held, item(key(EN), bucket([EN])))], check_mode=True)

    assert not result.get('failed'), result
    assert result['record']['addresses'] == [EN] and result['lock']['free'] is False
    assert replay.warnings[0].startswith('the site is locked: lock ' + 'f' * 32)
    assert [request['method'] for request in replay.requests] == ['GET']


def test_warnings_are_given_with_the_result_as_ansible_gives_a_modules():
    run = ControllerRun('site_record_info', dict(CONNECTION, name='acme_eu'), False, False, site_record_info.site_argument_spec())
    run.warn('the site is locked')
    with pytest.raises(Exited) as ended:
        run.exit_json(record={})

    assert ended.value.result == dict(changed=False, record={}, warnings=['the site is locked'])


def test_the_options_rules_of_a_module_are_checked_as_ansible_checks_them():
    with pytest.raises(Exited) as ended:
        ControllerRun('a_module', dict(CONNECTION, a='1', b='2'), False, False, dict(a=dict(type='str'), b=dict(type='str')),
                      mutually_exclusive=[['a', 'b']])

    assert ended.value.result['failed'] and ended.value.result['msg'] == 'parameters are mutually exclusive: a|b'
